# The operators' routes: /healthz (200 "ok" while the store answers, 503
# with a one-line reason when its file is moved away or replaced under the
# running server, never cached) and /metrics (Prometheus' text format,
# read by tests/http/prom_check.py; its counters move with the requests:
# by route pattern, not path, unmatched paths under one label; cache hits,
# failed and throttled logins, sessions, store errors).
PG_OWN_CLUSTER=1 # on PostgreSQL, the outage below stops the cluster: not the suite's
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
printf 'pw of ana here\n' | "$PRAXIS" user add --db "$TMP/db" --role author ana || fail "cannot add ana"
SERVE_ARGS=(--threads 6) # workers that open their store handle late: see the store-gone checks
start_server "$TMP/db"

head_has() { grep -qiE "$1" "$TMP/head" || { cat "$TMP/head" >&2; fail "no header matching '$1'"; }; }

# ---- /healthz ----
for _ in 1 2; do # twice: the second is no cache hit
	page 200 /healthz
	[ "$(cat "$TMP/body")" = ok ] || fail "/healthz said '$(cat "$TMP/body")', not ok"
	head_has '^content-type: text/plain; charset=utf-8'
	head_has '^cache-control: no-store'
	head_has '^x-cache: miss'
	! grep -qi '^etag:\|^set-cookie:' "$TMP/head" || fail "/healthz has an ETag or sets a cookie"
done
page 405 /healthz -X POST -H 'Content-Type: application/x-www-form-urlencoded' -d x=1
head_has '^content-type: text/plain'

# ---- /metrics: a valid body whose counters move ----
scrape() {
	sleep 0.3 # a request is counted when its worker ends it, just after curl has the answer
	page 200 /metrics
	head_has '^content-type: text/plain; version=0\.0\.4'
	head_has '^cache-control: no-store'
	python3 tests/http/prom_check.py "$TMP/body" >"$TMP/$1.json" || { cat "$TMP/body" >&2; fail "/metrics is not valid"; }
}
# value SCRAPE SERIES: the sample's value in a scrape, 0 when absent
value() {
	python3 -c 'import json,sys; print(int(json.load(open(sys.argv[1])).get(sys.argv[2], 0)))' "$TMP/$1.json" "$2"
}
# moved SERIES BY: the series went up by BY from scrape a to scrape b
moved() {
	local a b
	a=$(value a "$1") b=$(value b "$1")
	[ $((b - a)) -eq "$2" ] || fail "$1 went from $a to $b, not up by $2"
}
scrape a
grep -q '^# TYPE praxis_http_request_duration_seconds histogram$' "$TMP/body" || fail "no latency histogram"
for m in praxis_page_cache_hits_total praxis_page_cache_misses_total praxis_index_nodes praxis_index_generation \
	praxis_store_errors_total praxis_sessions praxis_logins_failed_total praxis_logins_throttled_total \
	praxis_outbox_messages process_start_time_seconds; do
	grep -q "^# HELP $m " "$TMP/body" && grep -q "^$m " "$TMP/body" || fail "no $m"
done
# the version the binary says it is
v=$("$PRAXIS" version | sed -n '1s/^praxis //p')
[ "$(value a "praxis_build_info{version=\"$v\"}")" = 1 ] || fail "no praxis_build_info{version=\"$v\"} 1"
[ "$(value a 'praxis_index_nodes{}')" = 10 ] || fail "the index holds 10 nodes, /metrics says $(value a 'praxis_index_nodes{}')"
for i in 1 2 3 4 5; do page 200 /node/17065; done
page 200 /fr/node/17065 # the language prefix is no other route
page 404 /node/99999
page 404 /no/such/page
page 404 "/no/such/page/$RANDOM"
page 200 /healthz
# five wrong passwords for bo, then his account is throttled (LOGIN_MAX_ACCOUNT: 5)
for i in 1 2 3 4 5 6; do
	tok=$(csrf "$TMP/jar")
	curl -s -o /dev/null -b "$TMP/jar" -c "$TMP/jar" --data-urlencode "csrf=$tok" -d name=bo -d password=wrong "$BASE/login"
done
login ana "$TMP/ana.jar"
scrape b
moved 'praxis_http_requests_total{code="200",route="/node/{nid}"}' 6 # 4 of them from the cache
moved 'praxis_http_requests_total{code="404",route="/node/{nid}"}' 1
moved 'praxis_http_requests_total{code="404",route="unmatched"}' 2
moved 'praxis_http_requests_total{code="200",route="/healthz"}' 1
moved 'praxis_http_requests_total{code="200",route="/metrics"}' 1 # scrape a, counted once it ended
moved 'praxis_http_request_duration_seconds_count{route="/node/{nid}"}' 7
moved 'praxis_page_cache_hits_total{}' 4 # /node/17065 again and again (/fr/ is another page)
moved 'praxis_logins_failed_total{}' 5
moved 'praxis_logins_throttled_total{}' 1
moved 'praxis_sessions{}' 1
moved 'praxis_store_errors_total{}' 0
grep -q '^praxis_http_requests_total{route="/no/such' "$TMP/body" && fail "a raw path became a label"

# ---- /healthz when the store cannot answer ----
if [ "$(store_here)" = pg ]; then
	# PostgreSQL stopped: 503 with libpq's reason, then back by itself;
	# a signed-in author's pages say the store is down, not "log in"
	page 200 /admin -b "$TMP/ana.jar"
	pg_stop
	page 503 /admin -b "$TMP/ana.jar"
	has "store cannot be read"
	post 503 /node/new "$TMP/ana.jar" -d "csrf=x&type=article&title=Down&language=en&action=save"
	page 503 /healthz
	head_has '^content-type: text/plain; charset=utf-8'
	head_has '^retry-after: '
	# a worker's handle fails its query; one opened now fails to connect
	expect_grep "$TMP/body" "^(the store does not answer|cannot connect to the store): "
	[ "$(wc -l <"$TMP/body")" = 1 ] || fail "the reason is not one line"
	page 503 /healthz # and again, fast: no hang on a server that is gone
	pg_restart || fail "PostgreSQL did not restart"
	page 200 /healthz
	page 200 /admin -b "$TMP/ana.jar" # the session outlived the outage
else
	mv "$TMP/db" "$TMP/db.away"
	page 503 /healthz
	head_has '^content-type: text/plain; charset=utf-8'
	head_has '^retry-after: '
	expect_grep "$TMP/body" "^the store's file .*/db is gone: No such file or directory$"
	[ "$(wc -l <"$TMP/body")" = 1 ] || fail "the reason is not one line"
	# workers that open their handle now (each connection may reach a
	# thread that has served nothing yet) must not make the store anew:
	# that empty store would pass the check and serve an empty hub
	for _ in $(seq 20); do
		code=$(curl -s -o /dev/null -w '%{http_code}' "$DIRECT/healthz")
		[ "$code" = 503 ] || fail "/healthz answered $code with the store gone"
	done
	[ ! -e "$TMP/db" ] || fail "a thread of the server made the store anew at its path"
	mv "$TMP/db.away" "$TMP/db"
	page 200 /healthz
	cp "$TMP/db" "$TMP/db.copy" && mv "$TMP/db.copy" "$TMP/db" # a restore under the running server
	page 503 /healthz
	has "^the store's file .*/db was replaced since it was opened$"
fi
scrape c
[ "$(value c 'praxis_store_errors_total{}')" -ge 2 ] || fail "the store errors were not counted"
stop_server
echo "t_ops: ok"
