# Interface languages: a path prefix chooses one (/fr/...), Accept-Language
# is the default; links keep the prefix; every page names its other
# languages (hreflang); the catalogues are valid and complete.
. tests/http/lib.sh
for po in po/*.po; do msgfmt --check -o /dev/null "$po" || fail "$po is not a valid catalogue"; done
python3 tools/i18n_check.py >"$TMP/i18n" || { cat "$TMP/i18n" >&2; fail "the catalogues do not match the sources"; }
expect_status 0 "$PRAXIS" ingest --db "$TMP/db" data/sample/listing.txt
start_server "$TMP/db"

page 200 /fr/
has '<html lang="fr">'
has '<h1>Les dernières pratiques et les derniers récits</h1>'
has 'href="/fr/node/17065">AS-FABRIK</a>'
has 'action="/fr/search"'
has '<link rel="alternate" hreflang="de" href="/de/">'
has 'aria-current="page">Français</a>'
grep -qi '^vary: accept-language' "$TMP/head" && fail "a prefixed page must not vary with Accept-Language"
page 200 '/el/good-practices?country=Spain'
has '<h1>Καλές πρακτικές</h1>'
has 'href="/el/good-practices\?country=Spain&amp;themes=Poverty"'
has '<link rel="alternate" hreflang="it" href="/it/good-practices\?country=Spain">'
page 200 '/es/search?q=vivienda'
has 'resultados? para'
page 200 /it/node/17063
has '<h2>Condividi</h2>'
has 'Rif. 17063'
page 200 /de/feed.atom
has '<title>praxis: Neueste Praxisbeispiele und Berichte</title>'
has 'href="http://127.0.0.1:[0-9]+/de/node/'
page 404 /fr/node/1
has '<h1>Page introuvable</h1>'
has 'Aucun contenu ne porte ce numéro'
page 400 '/de/?page=0'
has 'Die Seitennummer muss'
page 404 /xx/
page 200 /en/
has '<h1>Newest practices and stories</h1>'

page 200 / -H 'Accept-Language: de-CH, fr;q=0.5, en;q=0.1'
has '<html lang="de">'
grep -qi '^vary: accept-language' "$TMP/head" || fail "a page chosen by Accept-Language must say it varies with it"
page 200 / -H 'Accept-Language: pt-BR, el;q=0.7'
has '<html lang="el">'
page 200 / -H 'Accept-Language: de'
has '<html lang="de">'
grep -qi '^x-cache: hit' "$TMP/head" || fail "the German home page was not cached"
page 200 / -H 'Accept-Language: it'
has '<html lang="it">'
page 200 / -H 'Accept-Language: fr;q=0, pl'
has '<html lang="en">'
stop_server
