# Language detection of short texts (issue 15, part 4): a node too short to
# judge ("Some lead text." once read as Hungarian) takes the dominant
# language of the long texts of its own file; long ones keep their own.
. tests/cli/lib.sh
f=$TMP/short.jsonl
long_fr="La ville a ouvert des jardins partagés dans les quartiers, avec les habitants qui les cultivent ensemble et une association qui prête les outils et conseille les familles."
long_de="Die Stadt hat in den Vierteln Gemeinschaftsgärten geöffnet, die von den Bewohnern gemeinsam bewirtschaftet werden, und ein Verein leiht Werkzeuge aus und berät die Familien."
{
	for nid in 1 2 3; do
		printf '{"nid": %d, "type": "practice", "country": "France", "city": "Lyon", "title": "Jardins partagés %d", "sections": [{"key": "summary", "heading": "Résumé", "text": "%s"}]}\n' "$nid" "$nid" "$long_fr"
	done
	printf '{"nid": 4, "type": "practice", "country": "Germany", "city": "Köln", "title": "Gemeinschaftsgärten", "sections": [{"key": "summary", "heading": "Zusammenfassung", "text": "%s"}]}\n' "$long_de"
	printf '{"nid": 5, "type": "practice", "country": "France", "city": "Lyon", "title": "Some lead text."}\n'
} >"$f"
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" "$f"
expect_status 0 "$PRAXIS" search --db "$TMP/db" --json --limit 10 ""
python3 - "$TMP/out" <<'PY' || fail "short texts take their file's language"
import json, sys
o = json.load(open(sys.argv[1]))
lang = {h["nid"]: h["language"] for h in o["hits"]}
assert lang == {1: "fr", 2: "fr", 3: "fr", 4: "de", 5: "fr"}, lang
PY
exit 0
