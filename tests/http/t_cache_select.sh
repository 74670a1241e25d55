# A save drops only the cached pages it meets (issue 18): publishing a
# practice in Spain makes the home page, Spain's practices and a search
# matching it new, while Italy's practices and a practice page that shares
# nothing with it stay cached (X-Cache: hit); a title change shows on every
# page listing the node; an unpublish takes it out of them, Italy's page
# still cached. A second server on the store (the follower) drops the
# same pages, and only those. Through the server's own URL: its page cache
# is the subject.
. tests/http/lib.sh
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
printf 'pw of ed here\n' | "$PRAXIS" user add --db "$TMP/db" --role editor ed || fail "cannot add ed"
start_server "$TMP/db"
login ed "$TMP/ed.jar"
start_b

# x_cache URL: GETs it (body in $TMP/body), prints its X-Cache
x_cache() {
	curl -s -g -o "$TMP/body" -D "$TMP/head" "$1"
	sed -n 's/^X-Cache: \([a-z]*\)\r$/\1/p' "$TMP/head"
}
# warm URL: asked twice, the second from the cache
warm() {
	x_cache "$1" >/dev/null
	[ "$(x_cache "$1")" = hit ] || fail "$1 is not kept by the cache"
}
# expect_cache URL hit|miss
expect_cache() {
	local got
	got=$(x_cache "$1")
	[ "$got" = "$2" ] || fail "$1 answered X-Cache: $got, expected $2"
}
SPAIN=/good-practices?country=Spain
ITALY=/good-practices?country=Italy
SEARCH=/search?q=bilbao
OTHER=/node/17064 # CO-CITY, Turin: no word, theme or place of the practice saved below
pages=("$SPAIN" "$ITALY" "$SEARCH" / "$OTHER")
for p in "${pages[@]}"; do warm "$DIRECT$p" && warm "$B$p"; done

# ---- publish: its listings and search are new, the rest kept ----
practice='type=practice&title=Quokkazz+of+Bilbao&city=Bilbao&country=Spain&language=en&summary=Xylofoo+wibble.'
post 303 /node/new "$TMP/ed.jar" -d "csrf=$(session_csrf "$TMP/ed.jar")&action=publish&$practice"
nid=$(sed -n 's|^[Ll]ocation: .*/node/\([0-9]*\)\r$|\1|p' "$TMP/head")
[ -n "$nid" ] || fail "no node page after publishing"
for p in "$SPAIN" "$SEARCH" /; do
	expect_cache "$DIRECT$p" miss
	expect_grep "$TMP/body" "href=\"/node/$nid\""
done
expect_cache "$DIRECT$ITALY" hit
expect_cache "$DIRECT$OTHER" hit
# B: the follower drops the same pages (it may take a moment to hear of the save)
for _ in $(seq 50); do
	curl -s "$B$SPAIN" | grep -q "href=\"/node/$nid\"" && break
	sleep 0.1
done
expect_cache "$B$SPAIN" hit # made again once, kept since
expect_grep "$TMP/body" "href=\"/node/$nid\""
expect_cache "$B$ITALY" hit
expect_cache "$B$OTHER" hit
expect_cache "$B/" miss
expect_grep "$TMP/body" "href=\"/node/$nid\""

# ---- a title change shows on every page listing it ----
for p in "$SPAIN" "$SEARCH" /; do warm "$DIRECT$p"; done
page 200 "/node/$nid/edit" -b "$TMP/ed.jar"
base=$(sed -n 's/.*name="base" value="\([0-9]*\)".*/\1/p' "$TMP/body")
post 303 "/node/$nid/edit" "$TMP/ed.jar" -d "csrf=$(session_csrf "$TMP/ed.jar")&action=save&base=$base&${practice/Quokkazz/Wombatyy}"
for p in "$SPAIN" "$SEARCH" / "/node/$nid"; do
	expect_cache "$DIRECT$p" miss
	expect_grep "$TMP/body" "Wombatyy of Bilbao"
	! grep -q "Quokkazz" "$TMP/body" || fail "$p still shows the old title"
done
expect_cache "$DIRECT$ITALY" hit

# ---- an unpublish takes it out of them ----
for p in "$SPAIN" "$SEARCH" /; do warm "$DIRECT$p"; done
post 303 "/node/$nid/state" "$TMP/ed.jar" -d "csrf=$(session_csrf "$TMP/ed.jar")&state=unpublished"
for p in "$SPAIN" "$SEARCH" /; do
	x_cache "$DIRECT$p" >/dev/null
	! grep -q "href=\"/node/$nid\"" "$TMP/body" || fail "$p still lists the unpublished node"
done
expect_cache "$DIRECT$ITALY" hit
kill "$B_PID"
wait "$B_PID" 2>/dev/null
stop_server
