# The mailer (issue 14): the outbox goes to a relay through libcurl's SMTP,
# from `praxis mail --smtp` and from a server's own thread (serve --smtp);
# headers are the mailer's own (a UTF-8 subject as encoded words, the body
# in base64), a relay that is down or says "later" (4xx) loses nothing and
# is tried again, one that refuses for good (5xx) is not tried again.
# Messages are queued here with sqlite3, as a page's transaction would
# queue them; what outbox_put refuses is tests/unit/store/test_mail.c's.
. tests/http/lib.sh

expect_status 0 "$PRAXIS" ingest --quiet --db "$TMP/db" data/sample/listing.txt

# queue TO SUBJECT BODY [REPLY-TO]
queue() {
	store_sql "$TMP/db" "INSERT INTO outbox (recipient, reply_to, subject, body, created, next_try)
		VALUES ('$1', nullif('${4:-}', ''), '$2', '$3', unixepoch(), unixepoch())" || fail "cannot queue"
}
col() { store_sql "$TMP/db" "SELECT $1 FROM outbox WHERE recipient = '$2'"; }

queue 'visitor@example.org' 'Über Porto — habitação acessível, a subject long enough to be folded into several words' \
	"$(printf 'Dear visitor,\n.\nA line with a dot alone above.\nÇa va ?')" 'officer@city.example.eu'
queue 'plain@example.org' 'Plain subject' 'Plain body'
expect_status 0 "$PRAXIS" mail --db "$TMP/db"
expect_grep "$TMP/out" '^2 messages waiting$'

# usage
expect_status 2 "$PRAXIS" mail --db "$TMP/db" --smtp 'http://127.0.0.1:1'
expect_grep "$TMP/err" 'smtp'
expect_status 2 "$PRAXIS" mail --db "$TMP/db" --mail-from 'a@b.org'
expect_status 2 "$PRAXIS" mail --db "$TMP/db" --smtp 'smtp://127.0.0.1:1' --mail-from $'a@b.org\r\nBcc: x@y.org'

# sent through a relay, decoded as a reader would
start_sink "$TMP/box"
expect_status 0 "$PRAXIS" mail --db "$TMP/db" --smtp "smtp://127.0.0.1:$SINK_PORT" --mail-from hub@praxis.example.eu
expect_grep "$TMP/out" '^2 sent, 0 failed$'
wait_mail "$TMP/box" 2
m=$(grep -l 'visitor@example.org' "$TMP"/box/*.json)
m=${m%.json}.eml
[ "$(mail_field "$m" Subject)" = 'Über Porto — habitação acessível, a subject long enough to be folded into several words' ] ||
	fail "the subject arrived as '$(mail_field "$m" Subject)'"
[ "$(mail_field "$m" body)" = "$(printf 'Dear visitor,\n.\nA line with a dot alone above.\nÇa va ?')" ] ||
	fail "the body arrived as '$(mail_field "$m" body)'"
[ "$(mail_field "$m" To)" = visitor@example.org ] || fail "To: $(mail_field "$m" To)"
[ "$(mail_field "$m" From)" = hub@praxis.example.eu ] || fail "From: $(mail_field "$m" From)"
[ "$(mail_field "$m" Reply-To)" = officer@city.example.eu ] || fail "Reply-To: $(mail_field "$m" Reply-To)"
mail_field "$m" Date | grep -qE '^[A-Z][a-z]{2}, [0-9]{2} [A-Z][a-z]{2} 20[0-9]{2} ' || fail "Date: $(mail_field "$m" Date)"
[ "$(mail_field "$m" headers | sort | uniq -d)" = "" ] || fail "a header twice: $(mail_field "$m" headers | sort | uniq -d)"
grep -q '"rcpt": \["<visitor@example.org>"\]' "${m%.eml}.json" || fail "envelope: $(cat "${m%.eml}.json")"
[ -n "$(col sent visitor@example.org)" ] || fail "a delivered message is not marked sent"
expect_status 0 "$PRAXIS" mail --db "$TMP/db" --smtp "smtp://127.0.0.1:$SINK_PORT"
expect_grep "$TMP/out" '^0 sent, 0 failed$' # sent once, never twice
stop_sink

# a relay that says "later": kept, tried again after the back-off
queue 'later@example.org' 'Later' 'Body'
start_sink "$TMP/refusing" --refuse
expect_status 1 "$PRAXIS" mail --db "$TMP/db" --smtp "smtp://127.0.0.1:$SINK_PORT"
expect_grep "$TMP/out" '^0 sent, 1 failed$'
expect_grep "$TMP/err" '^praxis: warning: mail: message [0-9]+ not sent, will retry: .*451' # one line, a level
[ "$(col attempts later@example.org)" = 1 ] || fail "attempts: $(col attempts later@example.org)"
col last_error later@example.org | grep -q 451 || fail "last error: $(col last_error later@example.org)"
[ "$(col "next_try > unixepoch()" later@example.org)" = 1 ] || fail "no back-off after a 451"
expect_status 0 "$PRAXIS" mail --db "$TMP/db" --smtp "smtp://127.0.0.1:$SINK_PORT"
expect_grep "$TMP/out" '^0 sent, 0 failed$' # backing off: not due
stop_sink

# a mailbox the relay refuses for good: kept with the answer, never again
queue 'nobody@example.org' 'Refused' 'Body'
start_sink "$TMP/rejecting" --reject-rcpt nobody
expect_status 1 "$PRAXIS" mail --db "$TMP/db" --smtp "smtp://127.0.0.1:$SINK_PORT"
expect_grep "$TMP/err" '^praxis: warning: mail: message [0-9]+ refused for good: .*550'
col last_error nobody@example.org | grep -q 550 || fail "last error: $(col last_error nobody@example.org)"
store_sql "$TMP/db" "UPDATE outbox SET next_try = 0 WHERE sent IS NULL"
expect_status 0 "$PRAXIS" mail --db "$TMP/db" --smtp "smtp://127.0.0.1:$SINK_PORT"
expect_grep "$TMP/out" '^1 sent, 0 failed$' # later@, which waited; nobody@ is not tried again
[ "$(wc -l <"$TMP/rejecting/rejected.txt")" = 1 ] || fail "a message refused for good was tried again"
expect_status 0 "$PRAXIS" mail --db "$TMP/db"
expect_grep "$TMP/out" '^1 message waiting$' # the refused one, kept for the desk
stop_sink

# the server's mailer: a relay down at first loses nothing; the message
# goes once it is up (the port is taken from a sink started and stopped)
start_sink "$TMP/probe"
port=$SINK_PORT
stop_sink
SERVE_ARGS=(--smtp "smtp://127.0.0.1:$port" --smtp-retry 1 --public-url https://hub.example.eu)
start_server "$TMP/db"
queue 'served@example.org' 'From the server' 'Body'
for _ in $(seq 300); do
	[ "$(col attempts served@example.org)" -ge 1 ] && break
	sleep 0.1
done
col last_error served@example.org | grep -qi connect || fail "the relay was down: $(col last_error served@example.org)"
[ -z "$(col sent served@example.org)" ] || fail "marked sent while the relay was down"
start_sink "$TMP/later" --port "$port"
wait_mail "$TMP/later" 1
for _ in $(seq 100); do
	[ -n "$(col sent served@example.org)" ] && break
	sleep 0.1
done
[ -n "$(col sent served@example.org)" ] || fail "delivered but not marked sent"
stop_server
for opt in "--public-url http://x/" "--public-url ftp://x" "--mail-from a@b.org" "--smtp-retry 0 --smtp smtp://x"; do
	# shellcheck disable=SC2086
	expect_status 2 "$PRAXIS" serve --db "$TMP/db" --port 0 $opt
done
echo "t_mail: ok"
