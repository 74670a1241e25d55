"""Reads the overview map of a saved page for tests/http/t_map_overview.sh.

map_marks.py FILE marks      -> one line per mark: GROUP COUNT CLUSTER HREF (wide group first)
map_marks.py FILE sum GROUP  -> the practices the marks of GROUP count
map_marks.py FILE figure     -> the <figure> of the overview, as printed
map_marks.py FILE box        -> its viewBox
map_marks.py FILE stops      -> the tab stops between <main> and the first card
map_marks.py FILE total      -> the listing's count ("594 practices")
"""
import html
import re
import sys

body = open(sys.argv[1], encoding="utf-8").read()
what = sys.argv[2]
fig = re.search(r'<figure class="map overview">.*?</figure>', body, re.S)


def marks():
    for g, inner in re.findall(r'<g class="marks (\w+)">(.*?)</g>', fig.group(0) if fig else "", re.S):
        for href, label in re.findall(r'<a href="([^"]*)" tabindex="-?\d" aria-label="([^"]*)"', inner):
            n = re.search(r": (\d+) \S+$", html.unescape(label))  # "3 practices", "3 pratiques"
            assert n, "a mark's name ends with its count: %r" % label
            yield g, int(n.group(1)), "(" in label, html.unescape(href)


if what == "marks":
    for g, n, cluster, href in marks():
        print(g, n, int(cluster), href)
elif what == "sum":
    print(sum(n for g, n, _, _ in marks() if g == sys.argv[3]))
elif what == "figure":
    print(fig.group(0) if fig else "")
elif what == "box":
    print(re.search(r'viewBox="([^"]*)"', fig.group(0)).group(1) if fig else "")
elif what == "total":
    m = re.search(r'<p class="count">(\d+) ', body)
    print(m.group(1) if m else "")
elif what == "stops":
    main = body.index("<main")
    card = body.find("<article class=\"card", main)
    part = body[main:card if card > 0 else len(body)]
    stops = 0
    for tag, attrs in re.findall(r"<(a|button|input|select|textarea|summary)\b([^>]*)>", part):
        if 'tabindex="-1"' in attrs or re.search(r'type="hidden"', attrs):
            continue
        if tag == "a" and "href=" not in attrs:
            continue
        stops += 1
    # the two clusterings each have a first mark; CSS shows one
    print(stops - 1 if fig else stops)
