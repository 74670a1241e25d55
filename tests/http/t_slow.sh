# Slow clients cannot starve the others: while 60 connections trickle a
# request line byte by byte, a normal client still gets its pages in
# under a second; a connection that sends nothing is closed after the
# idle timeout (15 s; checked on one connection, waiting 16 s).
. tests/http/lib.sh
once_against asan "slow clients checked once, against the ASan/UBSan build"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
start_server "$TMP/db"
port=${BASE##*:}
python3 - "$port" <<'PY' || fail "a slow client starved the others, or an idle one was kept"
import socket, sys, time, urllib.request
port = int(sys.argv[1])
slow = []
for _ in range(60):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET / HTTP/1.1\r\nHo")
    slow.append(s)
for i in range(5):
    for s in slow:
        try:
            s.sendall(b"s")  # one byte at a time, never a whole header
        except OSError:
            pass
    t = time.time()
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/node/17063", timeout=5) as r:
        assert r.status == 200
    took = time.time() - t
    assert took < 1.0, f"a normal request took {took:.2f} s beside 60 slow ones"
idle = socket.create_connection(("127.0.0.1", port))
idle.settimeout(20)
t = time.time()
data = idle.recv(1)  # b"" once the server closes it
assert data == b"" and 14 <= time.time() - t <= 18, (data, time.time() - t)
PY
stop_server
