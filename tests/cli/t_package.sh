# The Debian package, as an operator gets it: built by dpkg-buildpackage
# from the release tarball (make dist) with neither git nor node on the
# PATH, its compiler flags hardened (blhc), lintian without errors,
# installed with dpkg into an empty root (maintainer scripts run
# chrootless: DPKG_ROOT), where it made the user praxis and
# /var/lib/praxis; the installed praxis serve answers /healthz there.
# Prints its time: the package build is most of it.
. tests/http/lib.sh
once_against plain "the package is built from the sources, whichever binary the suite tests"
command -v dpkg-buildpackage >/dev/null || { echo "skipped: no dpkg-buildpackage (scripts/deps installs dpkg-dev)"; exit 77; }
start=$(date +%s)
# /healthz comes with issue 16's health checks; HEALTH_PATH=/ tries the
# package on a tree without them.
health=${HEALTH_PATH:-/healthz}

# The release tarball; nothing else of the development tree is used.
make -s dist >"$TMP/dist.out" 2>&1 || { cat "$TMP/dist.out" >&2; fail "make dist"; }
tarball=$(sed -n 's/^make dist: //p' "$TMP/dist.out")
[ -f "$tarball" ] || fail "make dist named no tarball: $(cat "$TMP/dist.out")"
mkdir "$TMP/src" "$TMP/bin"
tar -xzf "$tarball" -C "$TMP/src"
rm -f "$tarball"
src=$(echo "$TMP"/src/praxis-*)
version=$(cat "$src/VERSION")

# A PATH without git, node and npm.
for d in ${PATH//:/ }; do
	for f in "$d"/*; do
		n=${f##*/}
		case $n in git | node | nodejs | npm | npx) continue ;; esac
		[ -e "$TMP/bin/$n" ] || ln -s "$f" "$TMP/bin/$n"
	done
done
# The .deb's members are gzipped at level 1 here: dpkg-deb's default (xz -6)
# took 56 s of CPU for the 64 MB binary, a third of this test, and none of
# the checks below depends on the compressor. The released package keeps
# the default.
(cd "$src" && env PATH="$TMP/bin" DEB_BUILD_OPTIONS="nocheck noddebs parallel=2" \
	DPKG_DEB_COMPRESSOR_TYPE=gzip DPKG_DEB_COMPRESSOR_LEVEL=1 \
	dpkg-buildpackage -us -uc -b) >"$TMP/build.log" 2>&1 ||
	{ tail -40 "$TMP/build.log" >&2; fail "dpkg-buildpackage"; }
built=$(date +%s)
deb=$(echo "$TMP"/src/praxis_*_*.deb)
[ -f "$deb" ] || fail "no .deb in $(ls "$TMP/src")"

# Hardened: every compile and link got dpkg-buildflags' flags. gcc makes
# PIE by default on Debian (checked on the binary below), which blhc 0.13
# still asks of the command lines.
if command -v blhc >/dev/null; then
	blhc --arch "$(dpkg --print-architecture)" --ignore-flag -fPIE --ignore-flag -pie "$TMP/build.log" \
		>"$TMP/blhc.out" 2>&1 || { head -20 "$TMP/blhc.out" >&2; fail "blhc: flags missing"; }
fi
# lintian exits 0 unless it found an error (--fail-on error) or failed.
lintian --fail-on error "$TMP"/src/praxis_*.changes >"$TMP/lintian.out" 2>&1 ||
	{ cat "$TMP/lintian.out" >&2; fail "lintian: errors or a failure (above)"; }
! grep -E '^E: ' "$TMP/lintian.out" || fail "lintian errors (above)"
grep -q '^W: praxis' "$TMP/lintian.out" && { echo "lintian's warnings:"; grep '^W: ' "$TMP/lintian.out"; }
linted=$(date +%s)

# An empty root for dpkg: its database and the files useradd writes to.
root=$TMP/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/etc"
: >"$root/var/lib/dpkg/status"
echo 'root:x:0:0:root:/root:/bin/sh' >"$root/etc/passwd"
echo 'root:x:0:' >"$root/etc/group"
echo 'root:*:19000:0:99999:7:::' >"$root/etc/shadow"
echo 'root:*::' >"$root/etc/gshadow"
cp /etc/login.defs "$root/etc/" 2>/dev/null
dpkg_root() { dpkg --root="$root" --force-script-chrootless --force-depends --force-not-root "$@"; }
dpkg_root -i "$deb" >"$TMP/dpkg.out" 2>&1 || { cat "$TMP/dpkg.out" >&2; fail "dpkg -i"; }
bin=$root/usr/bin/praxis
[ -x "$bin" ] || fail "no usr/bin/praxis in the root"
readelf -h "$bin" | grep -q 'DYN (Position-Independent' || fail "usr/bin/praxis is not PIE"
readelf -d "$bin" | grep -q 'BIND_NOW' || fail "usr/bin/praxis is not linked -z now"
for f in lib/systemd/system/praxis.service lib/systemd/system/praxis-backup.service \
	lib/systemd/system/praxis-backup.timer etc/logrotate.d/praxis etc/default/praxis; do
	[ -f "$root/$f" ] || fail "the package did not install $f"
done
grep -qx /etc/default/praxis "$root/var/lib/dpkg/info/praxis.conffiles" || fail "/etc/default/praxis is not a conffile"
for m in man/*.[1-8]; do
	[ -e "$m" ] || continue
	[ -f "$root/usr/share/man/man${m##*.}/${m##*/}.gz" ] || fail "$m is not in the package"
done
[ -L "$root/etc/systemd/system/multi-user.target.wants/praxis.service" ] || fail "praxis.service not enabled"
[ -L "$root/etc/systemd/system/timers.target.wants/praxis-backup.timer" ] || fail "the backup timer not enabled"
expect_grep "$root/etc/passwd" '^praxis:x:[0-9]+:[0-9]+:praxis hub:/var/lib/praxis:/usr/sbin/nologin$'
uid=$(awk -F: '$1 == "praxis" { print $3 }' "$root/etc/passwd")
gid=$(awk -F: '$1 == "praxis" { print $4 }' "$root/etc/passwd")
[ "$(stat -c %u "$root/var/lib/praxis")" = "$uid" ] || fail "/var/lib/praxis is not the user praxis's"
grep -q '^ExecStart=/usr/bin/praxis serve' "$root/lib/systemd/system/praxis.service" ||
	fail "the unit does not start /usr/bin/praxis serve"

# The installed binary, run as the user praxis on a store in its directory
# (the host's libraries: the root has none).
expect_status 0 "$bin" --version
expect_grep "$TMP/out" "^praxis $version\$"
chmod 755 "$TMP" # mktemp's 700 would keep the user praxis out
printf '#!/bin/sh\nexec setpriv --reuid=%s --regid=%s --clear-groups %s "$@"\n' "$uid" "$gid" "$bin" >"$TMP/as-praxis"
chmod 755 "$TMP/as-praxis"
db=$root/var/lib/praxis/praxis.db
expect_status 0 "$TMP/as-praxis" ingest --db "$db" data/sample/listing.txt
[ "$(stat -c %u "$db")" = "$uid" ] || fail "the store is not the user praxis's"
PRAXIS=$TMP/as-praxis
SERVE_ARGS=(--quiet)
start_server "$db"
code=$(curl -s -o "$TMP/body" -w '%{http_code}' "$BASE$health")
[ "$code" = 200 ] || fail "the installed praxis answered $code on $health"
stop_server

# Purged, the package leaves its user's store and nothing else of its own.
dpkg_root --purge praxis >"$TMP/dpkg.out" 2>&1 || { cat "$TMP/dpkg.out" >&2; fail "dpkg --purge"; }
[ ! -e "$bin" ] && [ ! -e "$root/etc/default/praxis" ] || fail "dpkg --purge left files"
echo "t_package: ok ($version: dist and package $((built - start)) s, blhc and lintian $((linted - built)) s, install and serve $(($(date +%s) - linted)) s)"
