#!/usr/bin/env python3
"""Checks the stylesheet's controls against WCAG 2.1 AA non-text contrast
(1.4.11: 3:1) and their text against 1.4.3 (4.5:1), by computation.

Usage: tools/contrast_check.py static/praxis.css

Each check names a control's edge (a button's fill, a field's border, the
focus ring) by the selector and property that give it in the stylesheet,
and the background it sits on the same way; colours are read from the
rules (custom properties resolved), so a change of colour in the CSS is
checked, and a selector or property that disappears is an error, not a
pass. Exit 0, or 1 with one line per failure.
"""
import re
import sys

# (what, (selector, property) of the control's colour, (selector, property) of
# what it sits on or holds, the least ratio)
CHECKS = [
    ("button fill on the paper", ("button", "background"), ("body", "background"), 3.0),
    ("button fill on a card", ("button", "background"), (":root", "--card"), 3.0),
    ("button fill (hover) on the paper", ("button:hover", "background"), ("body", "background"), 3.0),
    ("button text", ("button", "color"), ("button", "background"), 4.5),
    ("button text (hover)", ("button", "color"), ("button:hover", "background"), 4.5),
    ("header button fill on the header", ("header.site button", "background"), ("header.site", "background"), 3.0),
    ("header button text", ("header.site button", "color"), ("header.site button", "background"), 4.5),
    ("header button text (hover)", ("header.site button", "color"), ("header.site button:hover", "background"), 4.5),
    ("header search field on the header", ("header.site input[type=search]", "border"), ("header.site", "background"), 3.0),
    ("search field border on the paper", ("input[type=search]", "border"), ("body", "background"), 3.0),
    ("search field border inside it", ("input[type=search]", "border"), ("input[type=search]", "background"), 3.0),
    ("search field text", ("input[type=search]", "color"), ("input[type=search]", "background"), 4.5),
    ("form field border on the paper", ("form.fields input", "border"), ("body", "background"), 3.0),
    ("form field border on a card", ("form.fields input", "border"), (":root", "--card"), 3.0),
    ("text area border on the paper", ("form.fields textarea", "border"), ("body", "background"), 3.0),
    ("focus ring on the paper", (":focus-visible", "outline"), ("body", "background"), 3.0),
    ("focus ring on a card", (":focus-visible", "outline"), (":root", "--card"), 3.0),
    ("focus ring in the header", ("header.site :focus-visible", "outline"), ("header.site", "background"), 3.0),
    ("copy confirmation text", (".copied", "color"), ("body", "background"), 4.5),
]

NAMED = {"white": "#ffffff", "black": "#000000"}


def rules(css):
    """{selector: {property: value}} of every rule, @media blocks flattened
    (a later rule's declaration wins, as in the cascade for one selector)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    out = {}
    for sel, body in re.findall(r"([^{}@]+)\{([^{}]*)\}", css):
        decls = {}
        for d in body.split(";"):
            if ":" in d:
                k, v = d.split(":", 1)
                decls[k.strip()] = v.strip()
        for s in sel.split(","):
            out.setdefault(" ".join(s.split()), {}).update(decls)
    return out


def colour(value, root):
    """The first colour in a declaration's value, custom properties resolved."""
    for _ in range(10):
        m = re.search(r"var\((--[\w-]+)\)", value)
        if not m:
            break
        value = value.replace(m.group(0), root[m.group(1)])
    m = re.search(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|\b(white|black)\b", value)
    if not m:
        raise ValueError("no colour in %r" % value)
    c = NAMED.get(m.group(0), m.group(0))
    if len(c) == 4:
        c = "#" + "".join(ch * 2 for ch in c[1:])
    return c.lower()


def luminance(hex_colour):
    def channel(v):
        v /= 255
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def ratio(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def lookup(all_rules, root, sel, prop):
    if sel not in all_rules:
        raise KeyError("no rule for %s" % sel)
    decls = all_rules[sel]
    for p in (prop, prop + "-color"):
        if p in decls:
            return colour(decls[p], root)
    if prop.startswith("--") and prop in root:
        return colour(root[prop], root)
    raise KeyError("%s sets no %s" % (sel, prop))


def main():
    css = open(sys.argv[1], encoding="utf-8").read()
    all_rules = rules(css)
    root = all_rules.get(":root", {})
    failed = 0
    for what, (sel, prop), (bsel, bprop), least in CHECKS:
        try:
            fg = lookup(all_rules, root, sel, prop)
            bg = lookup(all_rules, root, bsel, bprop)
        except (KeyError, ValueError) as e:
            print("contrast: %s: %s" % (what, e.args[0]))
            failed += 1
            continue
        r = ratio(fg, bg)
        ok = r >= least
        failed += not ok
        if not ok or "-v" in sys.argv:
            print("contrast: %s: %s on %s is %.2f:1, %s %.1f:1" % (what, fg, bg, r, "at least" if ok else "under", least))
    print("contrast: %d checks, %d failed" % (len(CHECKS), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
