# Stored text with markup, quotes and script appears escaped on every page
# that shows it: the payloads are in every field of both node types.
. tests/http/lib.sh
p1='<script>alert(1)</script>'
p2='"><img src=x onerror=alert(2)>'
p3="';alert(3)//\`"
p4='javascript:alert(4)'
python3 - "$TMP/nodes.jsonl" "$p1" "$p2" "$p3" "$p4" <<'PY'
import json, sys
out, p1, p2, p3, p4 = sys.argv[1:]
practice = {"nid": 100, "type": "practice", "title": "Cohousing " + p1, "subtitle": p2 + " subtitle",
            "country": "Spain" + p3, "city": "Bilbao" + p2, "themes": ["Housing " + p1, p4],
            "labels": ["URBACT " + p2], "population": 345821, "relations": [], "language": "en",
            "sections": [{"key": "summary", "heading": "Summary " + p1, "text": "Shared houses " + p2 + "\n" + p3},
                         {"key": "impact", "heading": "Impact", "text": "**Markdown** [a link](javascript:alert(5))"
                          " <iframe src=x></iframe> ![i](data:text/html,x) [ok](https://example.org/?a='b)"}]}
article = {"nid": 101, "type": "article", "title": p4, "author": "Ana " + p1, "language": "en",
           "body": "Shared houses for elders " + p1 + "\n" + p2}
with open(out, "w") as f:
    for n in (practice, article):
        f.write(json.dumps(n, ensure_ascii=False) + "\n")
PY
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$TMP/nodes.jsonl"
start_server "$TMP/db"

for path in / /node/100 /node/101 '/search?q=shared%20houses' '/search?q=cohousing' /good-practices \
	"/good-practices?country=Spain%27%3Balert(3)%2F%2F%60"; do
	page 200 "$path"
	lacks '<script>alert'
	lacks '<img src=x'
	lacks 'href="javascript:'
	lacks "';alert\(3\)"
	lacks '<iframe'
	lacks 'href="javascript:alert\(5\)'
done
page 200 /node/100
has 'Cohousing &lt;script&gt;alert\(1\)&lt;/script&gt;'
has '&quot;&gt;&lt;img src=x onerror=alert\(2\)&gt; subtitle'
has 'Spain&#39;;alert\(3\)//`'
# sections are Markdown (cmark, safe mode): markup made, raw HTML and script links dropped
has '<strong>Markdown</strong> <a href="">a link</a>'
has '<a href="https://example.org/\?a=&#x27;b">ok</a>'
has '<img src="" alt="i" />'
sed -n 's|.*<script type="application/ld+json">\(.*\)</script>.*|\1|p' "$TMP/body" >"$TMP/ld.json"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["headline"].startswith("Cohousing <script>")' "$TMP/ld.json" ||
	fail "the JSON-LD does not hold the title whole"
grep -q 'Cohousing \\u003cscript\\u003e' "$TMP/body" || fail "the JSON-LD does not escape < in the title"
page 200 /node/101
has '<h1>javascript:alert\(4\)</h1>'
has 'Ana &lt;script&gt;'
page 200 '/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E'
has 'value="&lt;script&gt;alert\(1\)&lt;/script&gt;"'
stop_server
