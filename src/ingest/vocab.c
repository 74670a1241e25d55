/* The fixed words of the listing format, in English (as the hub prints them)
 * and in the wordings listings use; the interface's own translations of the
 * section headings and relations come from po/LANG.po (vocab_po.h, made at
 * build time; tests/unit/ingest/test_vocab.c checks that each is known).
 * Both the entries and the input pass through fold() (case, accents,
 * apostrophes, edge punctuation), so entries may be written in any of the
 * forms a page uses. */
#include "ingest.h"
#include "vocab_po.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#define FOLD_MAX 160 /* longer lines are never format words */

static const struct vocab_word sections[] = {
	{SECTION_SUMMARY, "summary"},
	{SECTION_SUMMARY, "resume"},
	{SECTION_SUMMARY, "resumen"},
	{SECTION_SUMMARY, "sintesi"},
	{SECTION_SUMMARY, "riassunto"},
	{SECTION_SUMMARY, "zusammenfassung"},
	{SECTION_SUMMARY, "περιληψη"},
	{SECTION_SOLUTION, "the innovative solution"},
	{SECTION_SOLUTION, "la solution innovante"},
	{SECTION_SOLUTION, "la solucion innovadora"},
	{SECTION_SOLUTION, "la soluzione innovativa"},
	{SECTION_SOLUTION, "die innovative losung"},
	{SECTION_SOLUTION, "η καινοτομη λυση"},
	{SECTION_SOLUTION, "η καινοτομος λυση"}, /* po/el.po */
	{SECTION_COLLABORATION, "a collaborative and participative work"},
	{SECTION_COLLABORATION, "a collaborative and participatory work"},
	{SECTION_COLLABORATION, "un travail collaboratif et participatif"},
	{SECTION_COLLABORATION, "un trabajo colaborativo y participativo"},
	{SECTION_COLLABORATION, "un lavoro collaborativo e partecipativo"},
	{SECTION_COLLABORATION, "eine kooperative und partizipative arbeit"},
	{SECTION_COLLABORATION, "μια συνεργατικη και συμμετοχικη εργασια"},
	{SECTION_IMPACT, "the impact and results"},
	{SECTION_IMPACT, "the impacts and results"},
	{SECTION_IMPACT, "l'impact et les resultats"},
	{SECTION_IMPACT, "el impacto y los resultados"},
	{SECTION_IMPACT, "l'impatto e i risultati"},
	{SECTION_IMPACT, "die wirkung und die ergebnisse"},
	{SECTION_IMPACT, "ο αντικτυπος και τα αποτελεσματα"},
	{SECTION_TRANSFER, "why this good practice should be transferred to other cities"},
	{SECTION_TRANSFER, "why this good practices should be transferred to other cities"},
	{SECTION_TRANSFER, "why these good practices should be transferred to other cities"},
	{SECTION_TRANSFER, "pourquoi cette bonne pratique devrait etre transferee a d'autres villes"},
	{SECTION_TRANSFER, "pourquoi cette bonne pratique devrait-elle etre transferee a d'autres villes"}, /* po/fr.po */
	{SECTION_TRANSFER, "por que esta buena practica deberia transferirse a otras ciudades"},
	{SECTION_TRANSFER, "perche questa buona pratica dovrebbe essere trasferita ad altre citta"},
	{SECTION_TRANSFER, "warum diese gute praxis auf andere stadte ubertragen werden sollte"},
	{SECTION_TRANSFER, "warum sollte diese gute praxis auf andere stadte ubertragen werden"}, /* po/de.po */
	{SECTION_TRANSFER, "γιατι αυτη η καλη πρακτικη πρεπει να μεταφερθει σε αλλες πολεις"},
};

/* The hub's own wording (English) and the older interface's translations
 * of "In partnership with" and "Adapted by cities from"; the hub now prints
 * "Adapted by these cities" (a heading that does not hang on the list below
 * it; its translations are vocab_po_relations), and listings written before
 * still say the old words. */
static const struct vocab_word relations[] = {
	{RELATION_IN_PARTNERSHIP_WITH, "in partnership with"},
	{RELATION_IN_PARTNERSHIP_WITH, "en partenariat avec"},
	{RELATION_IN_PARTNERSHIP_WITH, "en colaboracion con"},
	{RELATION_IN_PARTNERSHIP_WITH, "in partenariato con"},
	{RELATION_IN_PARTNERSHIP_WITH, "in partnerschaft mit"},
	{RELATION_IN_PARTNERSHIP_WITH, "σε συμπραξη με"},
	{RELATION_ADAPTED_BY_CITIES_FROM, "adapted by cities from"},
	{RELATION_ADAPTED_BY_CITIES_FROM, "adaptee par des villes de"},
	{RELATION_ADAPTED_BY_CITIES_FROM, "adaptada por ciudades de"},
	{RELATION_ADAPTED_BY_CITIES_FROM, "adattata da citta di"},
	{RELATION_ADAPTED_BY_CITIES_FROM, "ubernommen von stadten aus"},
	{RELATION_ADAPTED_BY_CITIES_FROM, "προσαρμοστηκε απο πολεις της"},
	{RELATION_ADAPTED_BY_CITIES_FROM, "adapted by these cities"}, /* the hub's heading since issue 15 */
};

/* Programme labels: the funding programmes and networks of European urban
 * policy. A bullet that is one of these is a label, never a theme. */
static const struct vocab_word labels[] = {
	{0, "urban innovative actions"},
	{0, "urbact good practice"},
	{0, "urbact"},
	{0, "european urban initiative"},
	{0, "european urban initiative - innovative actions"},
	{0, "urban agenda for the eu"},
	{0, "interreg europe"},
	{0, "horizon europe"},
	{0, "eurocities"},
};

static const struct vocab_word see_more[] = {
	{0, "see more"},   {0, "read more"},   {0, "voir plus"},   {0, "lire la suite"},
	{0, "ver mas"},    {0, "leer mas"},    {0, "vedi di piu"}, {0, "leggi di piu"},
	{0, "mehr sehen"}, {0, "weiterlesen"}, {0, "mehr lesen"},  {0, "δειτε περισσοτερα"},
};

static const struct vocab_word footers[] = {
	{0, "subscribe to"}, {0, "s'abonner a"}, {0, "suscribirse a"},
	{0, "iscriviti a"},  {0, "abonnieren"},  {0, "εγγραφειτε"},
};

/* 1 for what may surround a format word without changing it: white space
 * and punctuation (the Spanish "¿", the Greek question mark, a colon). */
static int is_edge(utf8proc_int32_t c)
{
	utf8proc_category_t cat = utf8proc_category(c);
	return c == ' ' || (cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO) ||
	       (cat >= UTF8PROC_CATEGORY_ZS && cat <= UTF8PROC_CATEGORY_ZP);
}

static const struct vocab_word ref_nid[] = {{0, "Ref nid"}};

/* Writes the folded form of s[0..n) into out[FOLD_MAX+1]: case folded (so
 * final sigma is sigma), accents stripped, typographic apostrophes made
 * ASCII, punctuation and spaces trimmed at both ends. 0 if too long. */
static int fold(const char *s, size_t n, char *out)
{
	if (n > FOLD_MAX)
		return 0;
	utf8proc_uint8_t *f = NULL;
	utf8proc_ssize_t len =
		utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &f,
			     UTF8PROC_CASEFOLD | UTF8PROC_COMPOSE | UTF8PROC_STRIPMARK | UTF8PROC_STABLE);
	if (len < 0)
		return 0;
	size_t o = 0, keep = 0; /* bytes written; length up to the last non-edge */
	int started = 0;
	for (utf8proc_ssize_t i = 0; i < len;) {
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(f + i, len - i, &c);
		if (k <= 0)
			break;
		if (c == 0x2019 || c == 0x2018) /* ’ ‘ */
			c = '\'';
		if (started || !is_edge(c)) {
			started = 1;
			if (o + 4 > FOLD_MAX)
				break;
			o += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + o);
			if (!is_edge(c))
				keep = o;
		}
		i += k;
	}
	free(f);
	out[keep] = '\0';
	return 1;
}

#define COUNT(table) (sizeof table / sizeof table[0])

/* The tables folded by fold() once, so they may be written as people write
 * them and still match whatever fold() makes of the input. */
enum { T_SECTIONS, T_RELATIONS, T_LABELS, T_SEE_MORE, T_FOOTERS, T_REF_NID, T_PO_SECTIONS, T_PO_RELATIONS, T_COUNT };
static char (*folded[T_COUNT])[FOLD_MAX + 1];
static pthread_once_t folded_once = PTHREAD_ONCE_INIT;

static const struct {
	const struct vocab_word *words;
	size_t count;
} tables[T_COUNT] = {{sections, COUNT(sections)},
		     {relations, COUNT(relations)},
		     {labels, COUNT(labels)},
		     {see_more, COUNT(see_more)},
		     {footers, COUNT(footers)},
		     {ref_nid, COUNT(ref_nid)},
		     {vocab_po_sections, 0}, /* counted by table_count() */
		     {vocab_po_relations, 0}};

/* Table t's length (vocab_po.c's are no constant expressions). */
static size_t table_count(size_t t)
{
	return t == T_PO_SECTIONS ? vocab_po_nsections : t == T_PO_RELATIONS ? vocab_po_nrelations : tables[t].count;
}

static void fold_tables(void)
{
	for (size_t t = 0; t < COUNT(tables); t++) {
		folded[t] = calloc(table_count(t), FOLD_MAX + 1);
		for (size_t i = 0; folded[t] && i < table_count(t); i++)
			fold(tables[t].words[i].text, strlen(tables[t].words[i].text), folded[t][i]);
	}
}

/* 1 if s[0..n) folds to one of table t's words; *value is then its value. */
static int lookup(size_t t, const char *s, size_t n, int *value)
{
	char f[FOLD_MAX + 1];
	pthread_once(&folded_once, fold_tables);
	if (!folded[t] || n > FOLD_MAX || !fold(s, n, f) || !f[0])
		return 0;
	for (size_t i = 0; i < table_count(t); i++)
		if (strcmp(folded[t][i], f) == 0) {
			*value = tables[t].words[i].value;
			return 1;
		}
	return 0;
}

int vocab_section(const char *s, size_t n, enum section_key *key)
{
	int v = 0;
	if (!lookup(T_SECTIONS, s, n, &v) && !lookup(T_PO_SECTIONS, s, n, &v))
		return 0;
	*key = (enum section_key)v;
	return 1;
}

int vocab_relation(const char *s, size_t n, enum relation *rel)
{
	int v = 0;
	if (!lookup(T_RELATIONS, s, n, &v) && !lookup(T_PO_RELATIONS, s, n, &v))
		return 0;
	*rel = (enum relation)v;
	return 1;
}

int vocab_label(const char *s, size_t n)
{
	int v;
	return lookup(T_LABELS, s, n, &v);
}

int vocab_see_more(const char *s, size_t n)
{
	int v;
	return lookup(T_SEE_MORE, s, n, &v);
}

int vocab_footer(const char *s, size_t n)
{
	int v;
	return lookup(T_FOOTERS, s, n, &v);
}
int vocab_ref_nid(const char *s, size_t n)
{
	int v;
	return lookup(T_REF_NID, s, n, &v);
}

/* The share widget prints its link texts run together
 * ("Copy linkFacebookXLinkedInEmail"); older pages say "Twitter". */
int vocab_share_line(const char *s, size_t n)
{
	return n >= 9 && strncasecmp(s, "copy link", 9) == 0;
}
