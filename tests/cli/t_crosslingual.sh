# Cross-lingual relevance (issue 15): the judged queries of
# tests/data/relevance/crosslingual.tsv (a query in one language, the one node
# a careful human would put first in another; 21 query languages, answers in
# 18), run against corpus.jsonl and corpus_xl.jsonl together, must reach the
# issue's target: overall MRR >= 0.9, no query finding nothing, every
# expected node within the first 10 (run.py's rules). The set was written
# before the engine was tuned; its judgements are not changed to fit a result.
# t_relevance keeps its own corpus: the nodes added here do not touch it.
#
# PENDING: the engine does not reach the target yet (MRR 0.157 when the set
# was written, 0.632 now: docs/search.md says what each step gained and
# which answer languages no installed dictionary reaches). While this line
# says pending=1 the test passes below the target but fails when the set is
# malformed, when a search fails or when the MRR falls below the floor
# (today's figure, less a margin for a changed dictionary package): whoever
# makes the target removes the line, and the target then holds.
pending=1
floor=0.60
. tests/cli/lib.sh
once_against plain "a ranking is the same in both builds (search under ASan: t_search, fuzz_query)"

corpora="tests/data/relevance/corpus.jsonl tests/data/relevance/corpus_xl.jsonl"
queries=tests/data/relevance/crosslingual.tsv
db=$TMP/db

# shellcheck disable=SC2086 # two files
expect_status 0 "$PRAXIS" ingest --db "$db" $corpora
expect_grep "$TMP/out" 'corpus_xl\.jsonl: [0-9]+ nodes \([0-9]+ added, 0 updated, 0 unchanged\)$'
# shellcheck disable=SC2086
cat $corpora >"$TMP/corpus.jsonl"

python3 tests/relevance/run.py --queries "$queries" --corpus "$TMP/corpus.jsonl" \
	--min-mrr 0.9 "$PRAXIS" "$db" >"$TMP/run.out" 2>&1
status=$?
cat "$TMP/run.out"
[ "$status" -eq 0 ] && exit 0
[ "$pending" = 1 ] || fail "cross-lingual relevance below the target (see the tables above)"

# pending: only a broken set, a failed search or a fall below the floor fails
[ "$status" -eq 1 ] || fail "run.py exited $status (a malformed set?)"
! grep -qE 'searches failed|every search failed|sanitizer report' "$TMP/run.out" ||
	fail "searches failed (above)"
mrr=$(sed -n 's/^overall MRR \([0-9.]*\) .*/\1/p' "$TMP/run.out")
[ -n "$mrr" ] || fail "no overall MRR in run.py's output"
python3 -c "import sys; sys.exit(0 if float(sys.argv[1]) >= float(sys.argv[2]) else 1)" "$mrr" "$floor" ||
	fail "cross-lingual MRR $mrr fell below the floor $floor"
echo "pending (issue 15): cross-lingual MRR $mrr, below the target 0.9, above the floor $floor"
exit 0
