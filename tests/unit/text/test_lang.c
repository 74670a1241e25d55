/* text/lang.c: language identification among the EU's official languages.
 * Each sample is a short paragraph (three sentences about the same kind of
 * urban project) written for this test, not taken from any listing. */
#include "../unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "text/text.h"

struct sample {
	const char *lang; /* ISO 639-1 code the paragraph is written in */
	const char *text;
};

static const struct sample samples[] = {
	{"en", "The city council decided to turn an old factory into a community centre. Residents helped to "
	       "design the space and now run workshops there every week. The project has reduced vacancy in "
	       "the neighbourhood and created new jobs for young people."},
	{"fr",
	 "La ville a transformé une ancienne usine en centre social pour les habitants du quartier. Les "
	 "associations locales participent à la gestion du lieu et proposent des ateliers chaque "
	 "semaine. Le projet a permis de créer des emplois pour les jeunes."},
	{"de",
	 "Die Stadt hat eine alte Fabrik in ein Zentrum für die Nachbarschaft umgewandelt. Die Bewohner "
	 "haben den Raum gemeinsam mit der Verwaltung geplant und bieten dort jede Woche Kurse an. Das "
	 "Projekt hat neue Arbeitsplätze für junge Menschen geschaffen."},
	{"es",
	 "El ayuntamiento decidió convertir una antigua fábrica en un centro comunitario para los "
	 "vecinos del barrio. Las asociaciones locales participan en la gestión del espacio y organizan "
	 "talleres cada semana. El proyecto ha creado nuevos empleos para los jóvenes."},
	{"it", "Il comune ha trasformato una vecchia fabbrica in un centro di comunità per gli abitanti del "
	       "quartiere. Le associazioni locali partecipano alla gestione dello spazio e organizzano "
	       "laboratori ogni settimana. Il progetto ha creato nuovi posti di lavoro per i giovani."},
	{"pt",
	 "A câmara municipal transformou uma antiga fábrica num centro comunitário para os moradores do "
	 "bairro. As associações locais participam na gestão do espaço e organizam oficinas todas as "
	 "semanas. O projeto criou novos empregos para os jovens da cidade."},
	{"nl",
	 "De gemeente heeft een oude fabriek omgebouwd tot een buurtcentrum voor de bewoners van de wijk. "
	 "Lokale verenigingen helpen met het beheer van het gebouw en organiseren elke week workshops. "
	 "Het project heeft nieuwe banen voor jongeren opgeleverd."},
	{"pl", "Miasto przekształciło starą fabrykę w centrum społeczne dla mieszkańców dzielnicy. Lokalne "
	       "stowarzyszenia współzarządzają budynkiem i co tydzień organizują warsztaty. Dzięki temu "
	       "projektowi powstały nowe miejsca pracy dla młodych ludzi."},
	{"sv",
	 "Kommunen har byggt om en gammal fabrik till ett kvarterscentrum för de boende i området. Lokala "
	 "föreningar är med och driver huset och ordnar kurser varje vecka. Projektet har skapat nya "
	 "jobb för unga människor i staden."},
	{"da", "Kommunen har omdannet en gammel fabrik til et kulturhus for beboerne i kvarteret. Lokale "
	       "foreninger er med til at drive huset og holder værksteder hver uge. Projektet har skabt nye "
	       "arbejdspladser for unge mennesker i byen."},
	{"cs", "Město přestavělo starou továrnu na komunitní centrum pro obyvatele čtvrti. Místní spolky se "
	       "podílejí na správě budovy a každý týden pořádají dílny. Projekt vytvořil nová pracovní místa "
	       "pro mladé lidi."},
	{"sk",
	 "Mesto prestavalo starú továreň na komunitné centrum pre obyvateľov štvrte. Miestne združenia sa "
	 "podieľajú na správe budovy a každý týždeň organizujú dielne. Projekt vytvoril nové pracovné "
	 "miesta pre mladých ľudí."},
	{"hr",
	 "Grad je staru tvornicu pretvorio u društveni centar za stanovnike četvrti. Lokalne udruge "
	 "sudjeluju u upravljanju zgradom i svaki tjedan organiziraju radionice. Projekt je otvorio nova "
	 "radna mjesta za mlade ljude."},
	{"sl", "Mesto je staro tovarno preuredilo v skupnostni center za prebivalce soseske. Lokalna društva "
	       "sodelujejo pri upravljanju stavbe in vsak teden organizirajo delavnice. Projekt je ustvaril "
	       "nova delovna mesta za mlade."},
	{"el", "Ο δήμος μετέτρεψε ένα παλιό εργοστάσιο σε κοινοτικό κέντρο για τους κατοίκους της γειτονιάς. "
	       "Οι τοπικοί σύλλογοι συμμετέχουν στη διαχείριση του χώρου και οργανώνουν εργαστήρια κάθε "
	       "εβδομάδα. Το έργο δημιούργησε νέες θέσεις εργασίας για τους νέους."},
	{"ro",
	 "Primăria a transformat o fabrică veche într-un centru comunitar pentru locuitorii cartierului. "
	 "Asociațiile locale participă la administrarea clădirii și organizează ateliere în fiecare "
	 "săptămână. Proiectul a creat noi locuri de muncă pentru tineri."},
	{"hu", "A város egy régi gyárat alakított át közösségi központtá a kerület lakói számára. A helyi "
	       "egyesületek részt vesznek az épület kezelésében, és minden héten műhelyeket szerveznek. A "
	       "projekt új munkahelyeket teremtett a fiatalok számára."},
	{"fi",
	 "Kaupunki muutti vanhan tehtaan asukkaiden yhteiseksi keskukseksi. Paikalliset yhdistykset "
	 "osallistuvat talon hoitoon ja järjestävät siellä työpajoja joka viikko. Hanke on luonut uusia "
	 "työpaikkoja nuorille."},
	{"bg", "Общината превърна старата фабрика в общностен център за жителите на квартала. Местните "
	       "сдружения участват в управлението на сградата и всяка седмица организират работилници. "
	       "Проектът създаде нови работни места за младите хора."},
	{"et",
	 "Linn muutis vana tehase kogukonnakeskuseks, mida kasutavad linnaosa elanikud. Kohalikud seltsid "
	 "osalevad hoone haldamises ja korraldavad seal igal nädalal töötubasid. Projekt on loonud "
	 "noortele uusi töökohti."},
	{"lv",
	 "Pilsēta pārveidoja veco rūpnīcu par kopienas centru apkaimes iedzīvotājiem. Vietējās biedrības "
	 "piedalās ēkas pārvaldībā un katru nedēļu rīko darbnīcas. Projekts ir radījis jaunas darba "
	 "vietas jauniešiem."},
	{"lt",
	 "Miestas pavertė seną gamyklą bendruomenės centru rajono gyventojams. Vietos asociacijos "
	 "dalyvauja pastato valdyme ir kiekvieną savaitę rengia dirbtuves. Projektas sukūrė naujų darbo "
	 "vietų jaunimui."},
	{"mt", "Il-kunsill lokali biddel fabbrika qadima f'ċentru komunitarju għar-residenti tal-lokalità. "
	       "L-għaqdiet lokali jieħdu sehem fit-tmexxija tal-bini u jorganizzaw żewġ attivitajiet kull "
	       "ġimgħa. Il-proġett ħoloq impjiegi ġodda għaż-żgħażagħ."},
	{"ga",
	 "D'athraigh an chomhairle cathrach sean-mhonarcha ina hionad pobail do mhuintir na "
	 "comharsanachta. Glacann grúpaí áitiúla páirt i mbainistíocht an fhoirgnimh agus eagraíonn siad "
	 "ceardlanna gach seachtain. Chruthaigh an tionscadal poist nua do dhaoine óga."},
};

static struct text_lang *detector; /* shared by the group: loading models is slow */

static int group_setup(void **state)
{
	(void)state;
	detector = text_lang_new();
	return detector ? 0 : -1;
}

static int group_teardown(void **state)
{
	(void)state;
	text_lang_free(detector);
	detector = NULL;
	return 0;
}

/* The language detected for s. */
static void detect(const char *s, size_t n, char out[3])
{
	memset(out, 'X', 3); /* detect must overwrite all three bytes */
	text_lang_detect(detector, s, n, out);
	assert_int_equal(out[2], '\0');
}

/* One test per sample: state is the struct sample (cmocka prestate). */
static void detects_sample_language(void **state)
{
	const struct sample *smp = *state;
	char got[3];
	detect(smp->text, strlen(smp->text), got);
	if (strcmp(got, smp->lang) != 0)
		print_message("%s paragraph detected as %s\n", smp->lang, got);
	assert_string_equal(got, smp->lang);
}

static void empty_text_is_english(void **state)
{
	(void)state;
	char got[3];
	detect("", 0, got);
	assert_string_equal(got, "en");
}

static int is_eu_code(const char *code)
{
	static const char *const eu =
		" bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv ";
	char needle[5] = {' ', code[0], code[1], ' ', '\0'};
	return strlen(code) == 2 && strstr(eu, needle) != NULL;
}

static void short_text_gives_an_eu_language(void **state)
{
	(void)state;
	const char *shorts[] = {"ok", "Bilbao", "12345", "?!", "CO-CITY", "Ἀθῆναι"};
	for (size_t i = 0; i < sizeof shorts / sizeof shorts[0]; i++) {
		char got[3];
		detect(shorts[i], strlen(shorts[i]), got);
		assert_true(is_eu_code(got));
	}
}

/* Text longer than the sample limit, cut where a character continues. */
static void long_text_is_cut_on_a_character_boundary(void **state)
{
	(void)state;
	const char *fr = samples[1].text;
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_ok(buf_addc(&b, 'x')); /* shift: a 2-byte character straddles byte 4096 */
	while (b.len < 20000)
		assert_ok(buf_adds(&b, "é"));
	for (int i = 0; i < 3; i++)
		assert_ok(buf_adds(&b, fr)); /* beyond the limit: must not matter */
	char got[3];
	detect(b.data, b.len, got);
	assert_true(is_eu_code(got));
	buf_free(&b);
}

static void detection_uses_only_n_bytes(void **state)
{
	(void)state;
	const char *de = samples[2].text, *en = samples[0].text;
	struct buf b;
	buf_init(&b, 1 << 16);
	assert_ok(buf_adds(&b, de));
	size_t n = b.len;
	assert_ok(buf_adds(&b, en));
	assert_ok(buf_adds(&b, en));
	assert_ok(buf_adds(&b, en));
	char got[3];
	detect(b.data, n, got);
	assert_string_equal(got, "de");
	buf_free(&b);
}

#define NSAMPLES (sizeof samples / sizeof samples[0])

int main(void)
{
	static char names[NSAMPLES][32];
	struct CMUnitTest tests[NSAMPLES + 4] = {
		[NSAMPLES] = cmocka_unit_test(empty_text_is_english),
		cmocka_unit_test(short_text_gives_an_eu_language),
		cmocka_unit_test(long_text_is_cut_on_a_character_boundary),
		cmocka_unit_test(detection_uses_only_n_bytes),
	};
	for (size_t i = 0; i < NSAMPLES; i++) { /* one test per language, named after it */
		snprintf(names[i], sizeof names[i], "detects_%s", samples[i].lang);
		struct CMUnitTest t = cmocka_unit_test_prestate(detects_sample_language, (void *)&samples[i]);
		t.name = names[i];
		tests[i] = t;
	}
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
