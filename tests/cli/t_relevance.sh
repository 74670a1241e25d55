# Relevance: the judged queries of tests/data/relevance/queries.tsv, run
# against the multilingual corpus beside them, must find the expected node
# first often enough: overall MRR and the MRR of every kind of query
# (exact, inflected, diacritics, typo, prefix, phrase, exclusion, or, filter,
# crosslingual) above the thresholds below; and every query on its own: none
# may find nothing, none may rank its node below 3rd (all 97 rank it first
# today). The averages once hid "Obdachlose" and "offene Daten" finding
# nothing.
. tests/cli/lib.sh
once_against plain "a ranking is the same in both builds (search under ASan: t_search, fuzz_query)"

corpus=tests/data/relevance/corpus.jsonl
queries=tests/data/relevance/queries.tsv
db=$TMP/db

expect_status 0 "$PRAXIS" ingest --db "$db" "$corpus"
expect_grep "$TMP/out" 'corpus\.jsonl: [0-9]+ nodes \([0-9]+ added, 0 updated, 0 unchanged\)$'

python3 tests/relevance/run.py --queries "$queries" --corpus "$corpus" \
	--min-mrr 0.95 --min-kind 0.75 --max-rank 3 "$PRAXIS" "$db" ||
	fail "relevance below the thresholds (see the tables above)"
exit 0
