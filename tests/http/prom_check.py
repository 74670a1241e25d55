"""A strict reader of Prometheus' text exposition format 0.0.4, for
/metrics: exits 1 naming the first line it refuses, else prints the
samples as JSON ({"name{label=\"v\",...}": value}, labels sorted) so that a
test can compare two scrapes. Reads the body from the file named first.

What it holds a body to, from the format's description (Prometheus docs,
"Exposition formats", text-based format): a line is a "# HELP name text", a
"# TYPE name type", another comment, or a sample "name{l="v",...} value
[timestamp]"; names match [a-zA-Z_:][a-zA-Z0-9_:]*, label names
[a-zA-Z_][a-zA-Z0-9_]* (none starting with __), label values escape only
\\, \" and \n; a value is a Go float (NaN, +Inf, -Inf too); a family's
TYPE comes once, before its samples, and its samples are together. Beyond
the format, praxis' own rules: every family has HELP and TYPE, a counter
is named *_total and never negative, no series is given twice, a
histogram's buckets rise with le, end with le="+Inf", and agree with
its _count, beside which there is a _sum; the body ends with a newline."""
import json
import re
import sys

NAME = r"[a-zA-Z_:][a-zA-Z0-9_:]*"
LABEL = r"[a-zA-Z_][a-zA-Z0-9_]*"
VALUE = r"(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?Inf|NaN)"
SAMPLE = re.compile(r"^(%s)(?:\{(.*)\})? (%s)(?: (-?[0-9]+))?$" % (NAME, VALUE))
PAIR = re.compile(r'(%s)="((?:[^"\\\n]|\\[\\"n])*)"' % LABEL)
TYPES = {"counter", "gauge", "histogram", "summary", "untyped"}


def refuse(n, line, why):
    print("line %d: %s: %r" % (n, why, line), file=sys.stderr)
    sys.exit(1)


def labels_of(n, line, text):
    out, pos = {}, 0
    while text and pos < len(text):
        m = PAIR.match(text, pos)
        if not m:
            refuse(n, line, "malformed labels")
        if m.group(1).startswith("__") or m.group(1) in out:
            refuse(n, line, "a reserved or repeated label name")
        out[m.group(1)] = m.group(2)
        pos = m.end()
        if pos < len(text):
            if text[pos] != ",":
                refuse(n, line, "labels not separated by commas")
            pos += 1
    return out


def family_of(name, types):
    for suffix in ("_bucket", "_sum", "_count"):
        base = name[: -len(suffix)]
        if name.endswith(suffix) and types.get(base) in ("histogram", "summary"):
            return base
    return name


def key(name, labels):
    return name + "{" + ",".join('%s="%s"' % kv for kv in sorted(labels.items())) + "}"


def check_histograms(samples, types):
    for fam, t in types.items():
        if t != "histogram":
            continue
        groups = {}
        for name, labels, value in samples:
            if family_of(name, types) != fam:
                continue
            rest = {k: v for k, v in labels.items() if k != "le"}
            g = groups.setdefault(key("", rest), {"buckets": [], "sum": None, "count": None})
            if name == fam + "_bucket":
                if "le" not in labels:
                    sys.exit("%s: a bucket without le" % fam)
                g["buckets"].append((float(labels["le"]), value))
            elif name == fam + "_sum":
                g["sum"] = value
            elif name == fam + "_count":
                g["count"] = value
            else:
                sys.exit("%s: a sample %s that is no bucket, sum or count" % (fam, name))
        for labels, g in groups.items():
            b = g["buckets"]
            if not b or b[-1][0] != float("inf"):
                sys.exit("%s%s: no le=\"+Inf\" bucket last" % (fam, labels))
            if any(b[i][0] >= b[i + 1][0] or b[i][1] > b[i + 1][1] for i in range(len(b) - 1)):
                sys.exit("%s%s: buckets not rising with le" % (fam, labels))
            if g["count"] is None or g["sum"] is None or g["count"] != b[-1][1]:
                sys.exit("%s%s: _count and _sum missing, or _count is not the +Inf bucket" % (fam, labels))


def main():
    body = open(sys.argv[1], encoding="utf-8").read()
    if not body.endswith("\n"):
        sys.exit("the body does not end with a newline")
    types, helps, samples, seen, done, current = {}, {}, [], set(), set(), None
    for n, line in enumerate(body[:-1].split("\n"), 1):
        if line.startswith("#"):
            m = re.match(r"^# (HELP|TYPE) (%s) (.*)$" % NAME, line)
            if not m:
                continue  # another comment
            kind, name, text = m.groups()
            table = types if kind == "TYPE" else helps
            if name in table:
                refuse(n, line, "a second " + kind)
            if kind == "TYPE":
                if text not in TYPES:
                    refuse(n, line, "an unknown type")
                if name in done or name == current:
                    refuse(n, line, "TYPE after the family's samples")
            table[name] = text
            continue
        if not line.strip():
            continue
        m = SAMPLE.match(line)
        if not m:
            refuse(n, line, "not a sample")
        name, labels = m.group(1), labels_of(n, line, m.group(2) or "")
        value = float(m.group(3))
        fam = family_of(name, types)
        if fam != current:
            if fam in done:
                refuse(n, line, "the family's samples are not together")
            if current:
                done.add(current)
            current = fam
        if fam not in types or fam not in helps:
            refuse(n, line, "a family without HELP and TYPE before its samples")
        if types[fam] == "counter" and (not fam.endswith("_total") or value < 0):
            refuse(n, line, "a counter not named *_total, or negative")
        k = key(name, labels)
        if k in seen:
            refuse(n, line, "a series given twice")
        seen.add(k)
        samples.append((name, labels, value))
    check_histograms(samples, types)
    print(json.dumps({key(name, labels): value for name, labels, value in samples}, sort_keys=True))


main()
