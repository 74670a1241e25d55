# Machine translation by Apertium (issue 15, part 2): an English practice
# read in es, and in pt, fr, it, ro through the Spanish pivot; a language
# without a path says so; the page never waits for Apertium (the first
# answer says the translation is being made, a later one shows it); a
# translation is made once per revision (no new Apertium run for the
# second reader, nor after a restart); a slow Apertium is killed at the
# time limit, with its children, and reaped; a translation's words are
# not in the search index. scripts/deps installs Apertium: without it
# this test fails.
. tests/http/lib.sh

command -v apertium >/dev/null || fail "apertium is not installed (scripts/deps installs it and its pairs)"
expect_status 0 "$PRAXIS" ingest --quiet --db "$TMP/db" tests/data/mt/hub.jsonl
start_server "$TMP/db"

# translated NID LANG WORD: polls the translation page until it shows the
# translation (60 s at most, Apertium beside the other suites), then checks
# WORD, a word of LANG, is in it; the page is left in $TMP/body.
translated() {
	local nid=$1 lang=$2 word=$3
	for _ in $(seq 240); do
		page 200 "/node/$nid/translation?to=$lang"
		grep -q 'class="node translated' "$TMP/body" && break
		grep -q 'class="mt-pending" data-poll=' "$TMP/body" || fail "/node/$nid/translation?to=$lang neither shows the translation nor says it is being made"
		sleep 0.25
	done
	grep -q 'class="node translated' "$TMP/body" || fail "no translation of $nid into $lang after 60 s: $(grep -h translat "$TMP/serve.err")"
	has "<article class=\"node translated practice\" lang=\"$lang\">"
	has "$word"
	has '<meta name="robots" content="noindex">'
	has "Machine translation from English.* by Apertium\. <a href=\"/node/$nid\" hreflang=\"en\">Read the original\.</a>"
	lacks "/node/$nid/edit"
	lacks 'mt-pending|/static/mt.js'
	lacks '(^|[ >(])[*#@][[:alpha:]]' # no word marked by Apertium (tests/unit/mt plants them)
}

# the offer: on a page in another language than the reader's, in the
# reader's language; none on a page in the reader's language
page 200 /es/node/7001
has '<p class="mt-offer"><a href="/es/node/7001/translation" hreflang="es"'
has 'español'
page 200 /node/7001
lacks 'mt-offer'
page 200 /node/7003
has '<a href="/node/7003/translation" hreflang="en"[^>]*>Read in English \(machine translation\)</a>'

# the first request never waits: it says the translation is being made
page 200 /node/7001/translation?to=es
has '<section class="mt-pending" data-poll="/node/7001/translation\?to=es">'
has '<script src="/static/mt.js" defer></script>'
has '<a href="/node/7001/translation\?to=es">Reload</a>' # without the script
has '<meta name="robots" content="noindex">'
has 'The machine translation into Spanish is being made'
grep -qi '^Cache-Control:.*no-store' "$TMP/head" || fail "the page saying a translation is being made may be cached"

# every language asked at once: one thread makes them in turn
for lang in pt fr it ro; do page 200 "/node/7001/translation?to=$lang"; done
translated 7001 es 'La ciudad construye alojamiento social'
has '<h1>Alojamiento asequible para familias jóvenes</h1>'
has '<h2>Qué aprendimos</h2>' # a heading of the author's, translated
has '<a href="https://example.org/plan">el plan nuevo</a>' # the author's link kept
translated 7001 pt 'alojamento'
has 'through Spanish'
translated 7001 fr 'logement'
translated 7001 it 'alloggio'
translated 7001 ro 'Orașul construiește cazare'
has 'Cazare asequible pentru familii tinere'
page 200 /es/node/7001/translation
has 'lang="es"'

# made once: the second reader's page comes from the store, no new run
runs=$(grep -c '^praxis: info: translated node 7001 ' "$TMP/serve.err")
[ "$runs" = 5 ] || fail "5 translations expected, the log tells of $runs: $(grep translat "$TMP/serve.err")"
translated 7001 ro 'cazare'
[ "$(grep -c '^praxis: info: translated node 7001 ' "$TMP/serve.err")" = 5 ] || fail "a kept translation was made again"
grep -qE 'translated node 7001 \(revision 1\) en>es>ro in [0-9]+ ms, Apertium runs: 1$' "$TMP/serve.err" ||
	fail "the Romanian translation did not start from the Spanish one: $(grep translat "$TMP/serve.err")"

# a language without a path: said so, in the reader's language, no text
page 404 /node/7001/translation?to=fi
has 'No machine translation is available from English to Finnish\.'
lacks 'class="node translated'
page 404 /node/7001/translation?to=xx
page 404 /node/7002/translation?to=zz
page 303 /node/7001/translation?to=en # the original is in English

# a translation is not the node's text: the search does not find its words
page 200 '/api/v1/search?q=alojamiento'
has '"total":0'
page 200 '/api/v1/search?q=cazare'
has '"total":0'

# kept in the store: after a restart, shown at once, no new run
stop_server
start_server "$TMP/db"
page 200 /node/7001/translation?to=it
has 'class="node translated practice" lang="it"'
grep -q 'translated node' "$TMP/serve.err" && fail "a kept translation was made again after a restart"
stop_server

# a new revision asks for a new translation (praxis translate: the same cache)
expect_status 0 "$PRAXIS" translate --db "$TMP/db" 7001 es
expect_grep "$TMP/err" 'en>es, from the store'
sed 's/"Affordable housing for young families"/"Affordable housing for old people"/' tests/data/mt/hub.jsonl >"$TMP/edited.jsonl"
expect_status 0 "$PRAXIS" ingest --quiet --db "$TMP/db" "$TMP/edited.jsonl"
expect_status 0 "$PRAXIS" translate --db "$TMP/db" 7001 es
expect_grep "$TMP/err" 'en>es, made now and kept'
expect_grep "$TMP/out" 'Alojamiento asequible para personas viejas'
[ "$(store_sql "$TMP/db" "SELECT count(*) FROM translation WHERE nid = 7001 AND lang = 'es'")" = 1 ] ||
	fail "the older revision's translation was kept beside the new one"

# a slow Apertium: the page still answers at once, and past the limit the
# process group is killed (the script and its child) and reaped
cat >"$TMP/slow-apertium" <<EOF
#!/bin/sh
sleep 120 &
echo "\$\$ \$!" >>"$TMP/slow.pids"
wait
EOF
chmod +x "$TMP/slow-apertium"
export PRAXIS_APERTIUM="$TMP/slow-apertium" PRAXIS_MT_TIMEOUT=1
start_server "$TMP/db"
page 200 /node/7001/translation?to=pt
has 'is being made'
for _ in $(seq 240); do
	grep -q 'translating node 7001 (revision [0-9]*) into pt failed' "$TMP/serve.err" && break
	sleep 0.25
done
grep -q 'into pt failed: Apertium took longer than 1 s: stopped' "$TMP/serve.err" ||
	fail "the slow Apertium was not stopped: $(grep translat "$TMP/serve.err")"
page 503 /node/7001/translation?to=pt
has 'The machine translation could not be made\.'
[ -s "$TMP/slow.pids" ] || fail "the fake Apertium never ran"
for pid in $(cat "$TMP/slow.pids"); do
	for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
	kill -0 "$pid" 2>/dev/null && fail "process $pid of the slow Apertium is still there (alive or a zombie)"
done
stop_server

# a stopping server does not wait for Apertium: the run under way is
# killed (stop_server wants an exit within 10 s; the limit is 300)
export PRAXIS_MT_TIMEOUT=300
: >"$TMP/slow.pids"
start_server "$TMP/db"
page 200 /node/7001/translation?to=it
for _ in $(seq 240); do [ -s "$TMP/slow.pids" ] && break; sleep 0.25; done
[ -s "$TMP/slow.pids" ] || fail "the slow Apertium never started"
stop_server
grep -q 'into it failed: Apertium stopped: praxis is stopping' "$TMP/serve.err" ||
	fail "the run under way was not stopped with the server: $(grep translat "$TMP/serve.err")"
for pid in $(cat "$TMP/slow.pids"); do
	for _ in $(seq 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
	kill -0 "$pid" 2>/dev/null && fail "process $pid of the slow Apertium outlived the server"
done
unset PRAXIS_APERTIUM PRAXIS_MT_TIMEOUT
echo "ok: machine translation"
