# make install into a DESTDIR: the plain build, the manual pages of man/ and
# the service's environment file; the installed binary works from any
# directory (its templates, catalogues and tables are in it); make uninstall
# leaves no file behind.
. tests/http/lib.sh
once_against plain "make install installs the plain build (build/praxis), whichever binary the suite tests"

root=$TMP/root
make -s install DESTDIR="$root" PREFIX=/usr >"$TMP/make.out" 2>&1 || { cat "$TMP/make.out" >&2; fail "make install"; }
bin=$root/usr/bin/praxis
[ -x "$bin" ] || fail "no $bin"
cmp -s "$bin" build/praxis || fail "the installed binary is not build/praxis"
expect_grep "$root/etc/default/praxis" '^#PRAXIS_SERVE_ARGS='
for m in man/*.[1-8]; do
	[ -e "$m" ] || continue
	s=${m##*.}
	cmp -s "$m" "$root/usr/share/man/man$s/${m##*/}" || fail "$m not installed in usr/share/man/man$s"
done

# From elsewhere, with nothing of the tree at hand.
listing=$PWD/data/sample/listing.txt
mkdir "$TMP/elsewhere"
top=$PWD
cd "$TMP/elsewhere" || fail "cd"
expect_status 0 "$bin" version
expect_grep "$TMP/out" '^praxis [^ ]+$'
expect_status 0 "$bin" ingest --db "$TMP/elsewhere/hub.db" "$listing"
expect_grep "$TMP/out" '10 nodes \(10 added'
PRAXIS=$bin
start_server "$TMP/elsewhere/hub.db"
code=$(curl -s -o "$TMP/body" -w '%{http_code}' "$BASE/")
[ "$code" = 200 ] || fail "the installed server answered $code on /"
expect_grep "$TMP/body" '<html'
stop_server
cd "$top" || fail "cd"

# A prefix of one's own (/usr/local by default) puts the configuration
# under it, and uninstall takes away exactly what install put.
make -s install DESTDIR="$root" >"$TMP/make.out" 2>&1 || { cat "$TMP/make.out" >&2; fail "make install (default PREFIX)"; }
[ -x "$root/usr/local/bin/praxis" ] && [ -f "$root/usr/local/etc/default/praxis" ] ||
	fail "not under /usr/local: $(find "$root/usr/local")"
for prefix in /usr /usr/local; do
	make -s uninstall DESTDIR="$root" PREFIX=$prefix >"$TMP/make.out" 2>&1 ||
		{ cat "$TMP/make.out" >&2; fail "make uninstall PREFIX=$prefix"; }
done
left=$(find "$root" ! -type d)
[ -z "$left" ] || fail "make uninstall left: $left"
echo "t_install: ok"
