#!/usr/bin/env python3
"""Checks the interface's catalogues against the sources: every msgid of
templates/ ({{_ "..."}}, {{#_ "..."}}, {{_c "context" "..."}}) and src/ (T(rq, "...") and N_("...")), and every
value of src/ with its context (NC_("theme", "Housing"): msgctxt "theme"), must
be translated in every po/LANG.po, and no catalogue may keep a msgid that
nothing uses any more; a translation keeps the named placeholders of its
msgid ("{place}", "{n}": the code substitutes them); every interface
language (the table `codes` of src/web/i18n.c) but English has its
po/LANG.po, and no po/LANG.po is of a language outside it. Prints what is
wrong; exit 1 if anything is. (Plural patterns are checked against CLDR by
tests/unit/web/test_i18n.c.)"""
import glob
import os
import re
import sys

sys.path.insert(0, "tools")
from gen_i18n import CTXT_SEP, parse  # noqa: E402

LITERAL = r'"((?:[^"\\]|\\.)*)"'


def used():
    ids = {}
    for p in sorted(glob.glob("templates/*")):
        for n, line in enumerate(open(p, encoding="utf-8"), 1):
            # {{_ "msgid"}}, and {{#_ "msgid {name}"}} around a value
            for m in re.finditer(r'\{\{#?_ "([^"]*)"\}\}', line):
                ids.setdefault(m.group(1), "%s:%d" % (p, n))
            for m in re.finditer(r'\{\{_c "([^"]*)" "([^"]*)"\}\}', line):
                ids.setdefault(m.group(1) + CTXT_SEP + m.group(2), "%s:%d" % (p, n))
    for p in sorted(glob.glob("src/*/*.c")):
        text = open(p, encoding="utf-8").read()
        # a msgid may be adjacent literals, as C joins them ("a " "b")
        for m in re.finditer(r'(?:\bT\(\s*[a-z&>-]+,\s*|\bN_\(\s*)((?:"(?:[^"\\]|\\.)*"\s*)+)', text):
            msgid = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', m.group(1)))
            ids.setdefault(msgid.replace('\\"', '"'), "%s:%d" % (p, text.count("\n", 0, m.start()) + 1))
        for m in re.finditer(r'\bNC_\(\s*' + LITERAL + r'\s*,\s*' + LITERAL + r'\s*\)', text):
            key = m.group(1) + CTXT_SEP + m.group(2).replace('\\"', '"')
            ids.setdefault(key, "%s:%d" % (p, text.count("\n", 0, m.start()) + 1))
    return ids


def languages():
    """The interface's languages, as src/web/i18n.c lists them."""
    text = open("src/web/i18n.c", encoding="utf-8").read()
    m = re.search(r"codes\[\]\s*=\s*\{([^}]*)\}", text)
    if not m:
        sys.exit("src/web/i18n.c: no table codes[] = {...}")
    return re.findall(LITERAL, m.group(1))


def holes(text):
    """The named placeholders of a message: {"place"} for "Around {place}"
    (an ICU plural pattern's "{n, plural, ...}" is no such placeholder)."""
    return set(re.findall(r'\{([a-z]+)\}', text))


def shown(key):
    """A key as a reader of the catalogue sees it: "theme|Housing"."""
    return key.replace(CTXT_SEP, "|")


def main():
    ids, bad = used(), 0
    langs = languages()
    for lang in langs[1:]:  # English is the msgids
        if not os.path.exists("po/%s.po" % lang):
            print("po/%s.po: missing (%s is an interface language in src/web/i18n.c)" % (lang, lang))
            bad += 1
    for po in sorted(glob.glob("po/*.po")):
        if os.path.basename(po)[:-3] not in langs[1:]:
            print("%s: not an interface language (add it to codes in src/web/i18n.c)" % po)
            bad += 1
    for po in sorted(glob.glob("po/*.po")):
        have = parse(po)
        for k, where in sorted(ids.items()):
            if not have.get(k):
                print("%s: no translation of \"%s\" (%s)" % (po, shown(k), where))
                bad += 1
        for k, where in sorted(ids.items()):
            if have.get(k) and holes(k) != holes(have[k]):
                print("%s: the translation of \"%s\" has the placeholders %s, not %s (%s)"
                      % (po, shown(k), sorted(holes(have[k])), sorted(holes(k)), where))
                bad += 1
        for k in sorted(set(have) - set(ids)):
            print("%s: \"%s\" is used nowhere" % (po, shown(k)))
            bad += 1
    print("i18n: %d messages, %d catalogues, %d problems" % (len(ids), len(glob.glob("po/*.po")), bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
