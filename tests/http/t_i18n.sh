# Interface languages: the EU's 24 official ones. A path prefix chooses one
# (/fr/...), Accept-Language is the default; links keep the prefix; every
# page names its other languages (hreflang) and lists them in the switcher
# by their CLDR names; counts follow the language's plural rules; the
# catalogues are valid and complete.
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
has 'href="'"$(scheme)"'://127.0.0.1:[0-9]+/de/node/'
page 404 /fr/node/1
has '<h1>Page introuvable</h1>'
has 'Aucun contenu ne porte ce numéro'
page 400 '/de/?page=0'
has 'Die Seitennummer muss'
page 404 /xx/
page 200 /en/
has '<h1>Newest practices and stories</h1>'

# the 24: each its prefix; each page links all 24 (hreflang), the switcher
# names each in itself as CLDR does, the current one in its summary
LANGS="bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv"
for l in $LANGS; do
	page 200 "/$l/good-practices"
	has "<html lang=\"$l\">"
done
[ "$(grep -c '<link rel="alternate" hreflang=' "$TMP/body")" -eq 24 ] || fail "a page should have 24 alternates"
[ "$(grep -o 'hreflang="[a-z]*" lang="[a-z]*"' "$TMP/body" | wc -l)" -eq 24 ] || fail "the switcher should list 24 languages"
for l in $LANGS; do
	has "<link rel=\"alternate\" hreflang=\"$l\" href=\"/$l/good-practices\">"
	has "<a href=\"/$l/good-practices\" hreflang=\"$l\" lang=\"$l\""
done
has '<summary>.*<span lang="sv">Svenska</span></summary>'
has 'lang="sv" aria-current="page">Svenska</a>'
for name in polski Čeština Gaeilge Ελληνικά български Malti lietuvių română slovenščina Deutsch; do
	has "lang=\"[a-z]*\"( aria-current=\"page\")?>$name</a>"
done
page 200 /ga/node/17063
has '<html lang="ga">'
page 404 /ca/
page 404 /EN/

# counts: CLDR's plural rules in the language's catalogue; a language whose
# catalogue lacks the message counts in English, by its own rules
page 200 /fr/good-practices
has '<p class="count">3 pratiques</p>'
page 200 '/fr/search?q=xylophonique'
has '<p class="count">0 résultat pour <q>'
page 200 '/de/search?q=xylophonique'
has '<p class="count">0 Ergebnisse für <q>'
page 200 '/it/search?q=Bilbao'
has '<p class="count">1 risultato per <q>'
page 200 '/pl/search?q=Bilbao'
has '<p class="count">1 wynik dla <q>'
page 200 '/de/search?q=housing'
has '<p class="count">[0-9]+ Ergebnisse? für <q>housing</q>'
page 200 /el/
has '<p class="count">[0-9]+ πρακτικές και ιστορίες από ευρωπαϊκές πόλεις</p>'

page 200 / -H 'Accept-Language: de-CH, fr;q=0.5, en;q=0.1'
has '<html lang="de">'
grep -qi '^vary: accept-language' "$TMP/head" || fail "a page chosen by Accept-Language must say it varies with it"
page 200 / -H 'Accept-Language: ru-RU, el;q=0.7'
has '<html lang="el">'
page 200 / -H 'Accept-Language: pt-BR, el;q=0.7'
has '<html lang="pt">'
page 200 / -H 'Accept-Language: de'
has '<html lang="de">'
grep -qi '^x-cache: hit' "$TMP/head" || fail "the German home page was not cached"
page 200 / -H 'Accept-Language: it'
has '<html lang="it">'
page 200 / -H 'Accept-Language: fr;q=0, ru'
has '<html lang="en">'
page 200 / -H 'Accept-Language: fr;q=0, pl'
has '<html lang="pl">'
page 200 / -H 'Accept-Language: sk;q=0.2, cs-CZ;q=0.9, en;q=0.5'
has '<html lang="cs">'
page 200 / -H 'Accept-Language: ga-IE'
has '<html lang="ga">'
has '<span lang="ga">Gaeilge</span>'
page 200 / -H 'Accept-Language: mt, en-GB;q=0.8'
has '<html lang="mt">'
stop_server
