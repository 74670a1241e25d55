#!/bin/bash
# bench/cpu_per_request.sh BIN DB PORT LUA SECONDS: the server's CPU time
# (user+sys) per request under wrk -t1 -c8 with a made-page script of
# bench-http (LUA: build/bench/http/search.lua after a bench-http run). A
# loaded machine moves req/s; CPU per request moves far less: compare two
# builds by it, in pairs.
BIN=$1; DB=$2; PORT=$3; LUA=$4; SECS=$5
$BIN serve --db $DB --quiet --threads 2 --port $PORT > ${TMPDIR:-/tmp}/cpu-$PORT.out 2>&1 & P=$!
for i in $(seq 1 600); do grep -q serving ${TMPDIR:-/tmp}/cpu-$PORT.out && break; sleep 0.5; done
wrk -t1 -c8 -d2s -s $LUA http://127.0.0.1:$PORT/ > /dev/null  # warm: pages of the mapping touched
t0=$(awk '{print $14+$15}' /proc/$P/stat)
out=$(wrk -t1 -c8 -d${SECS}s -s $LUA http://127.0.0.1:$PORT/)
t1=$(awk '{print $14+$15}' /proc/$P/stat)
rss=$(awk '/VmRSS/ {print $2}' /proc/$P/status)
n=$(echo "$out" | awk '/requests in/ {print $1}')
kill $P; wait $P 2>/dev/null
tck=$(getconf CLK_TCK)
echo "$(basename $(dirname $(dirname $BIN))) $(basename $LUA): $n requests, cpu $(( (t1-t0) * 1000 / tck )) ms, $(echo "scale=3; ($t1-$t0)*1000/$tck/$n" | bc) ms/request, RSS ${rss} kB"
