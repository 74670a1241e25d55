/* The fixed words of the listing format, in English (as the hub prints them)
 * and in the interface languages a hub may be rendered in. Entries are written
 * folded (lower case, no accents, no trailing punctuation), as fold() makes
 * the input. */
#include "ingest.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#define FOLD_MAX 160 /* longer lines are never format words */

struct word {
	int value;        /* enum section_key or enum relation; 0 elsewhere */
	const char *text; /* folded */
};

static const struct word sections[] = {
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
	{SECTION_TRANSFER, "por que esta buena practica deberia transferirse a otras ciudades"},
	{SECTION_TRANSFER, "perche questa buona pratica dovrebbe essere trasferita ad altre citta"},
	{SECTION_TRANSFER, "warum diese gute praxis auf andere stadte ubertragen werden sollte"},
	{SECTION_TRANSFER, "γιατι αυτη η καλη πρακτικη πρεπει να μεταφερθει σε αλλες πολεις"},
};

static const struct word relations[] = {
	{RELATION_IN_PARTNERSHIP_WITH, "in partnership with"},
	{RELATION_IN_PARTNERSHIP_WITH, "en partenariat avec"},
	{RELATION_IN_PARTNERSHIP_WITH, "en colaboracion con"},
	{RELATION_IN_PARTNERSHIP_WITH, "in partenariato con"},
	{RELATION_IN_PARTNERSHIP_WITH, "in partnerschaft mit"},
	{RELATION_ADAPTED_BY_CITIES_FROM, "adapted by cities from"},
	{RELATION_ADAPTED_BY_CITIES_FROM, "adaptee par des villes de"},
	{RELATION_ADAPTED_BY_CITIES_FROM, "adaptada por ciudades de"},
	{RELATION_ADAPTED_BY_CITIES_FROM, "adattata da citta di"},
	{RELATION_ADAPTED_BY_CITIES_FROM, "ubernommen von stadten aus"},
};

/* Programme labels: the funding programmes and networks of European urban
 * policy. A bullet that is one of these is a label, never a theme. */
static const struct word labels[] = {
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

static const struct word see_more[] = {
	{0, "see more"},   {0, "read more"},   {0, "voir plus"},   {0, "lire la suite"},
	{0, "ver mas"},    {0, "leer mas"},    {0, "vedi di piu"}, {0, "leggi di piu"},
	{0, "mehr sehen"}, {0, "weiterlesen"}, {0, "mehr lesen"},  {0, "δειτε περισσοτερα"},
};

static const struct word footers[] = {
	{0, "subscribe to"}, {0, "s'abonner a"}, {0, "suscribirse a"},
	{0, "iscriviti a"},  {0, "abonnieren"},  {0, "εγγραφειτε"},
};

/* Writes the folded form of s[0..n) into out[FOLD_MAX+1]; 0 if too long. */
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
	while (len > 0 && strchr(" ?:.!", f[len - 1]))
		len--;
	int ok = len <= FOLD_MAX;
	if (ok) {
		memcpy(out, f, (size_t)len);
		out[len] = '\0';
	}
	free(f);
	return ok;
}

#define COUNT(table) (sizeof table / sizeof table[0])

/* 1 if s[0..n) folds to one of table's words; *value is then its value. */
static int lookup(const struct word *table, size_t count, const char *s, size_t n, int *value)
{
	char f[FOLD_MAX + 1];
	if (!fold(s, n, f))
		return 0;
	for (size_t i = 0; i < count; i++)
		if (strcmp(table[i].text, f) == 0) {
			*value = table[i].value;
			return 1;
		}
	return 0;
}

int vocab_section(const char *s, size_t n, enum section_key *key)
{
	int v;
	if (!lookup(sections, COUNT(sections), s, n, &v))
		return 0;
	*key = (enum section_key)v;
	return 1;
}

int vocab_relation(const char *s, size_t n, enum relation *rel)
{
	int v;
	if (!lookup(relations, COUNT(relations), s, n, &v))
		return 0;
	*rel = (enum relation)v;
	return 1;
}

int vocab_label(const char *s, size_t n)
{
	int v;
	return lookup(labels, COUNT(labels), s, n, &v);
}

int vocab_see_more(const char *s, size_t n)
{
	int v;
	return lookup(see_more, COUNT(see_more), s, n, &v);
}

int vocab_footer(const char *s, size_t n)
{
	int v;
	return lookup(footers, COUNT(footers), s, n, &v);
}
int vocab_ref_nid(const char *s, size_t n)
{
	return n == 7 && strncasecmp(s, "ref nid", 7) == 0;
}

/* The share widget prints its link texts run together
 * ("Copy linkFacebookXLinkedInEmail"); older pages say "Twitter". */
int vocab_share_line(const char *s, size_t n)
{
	return n >= 9 && strncasecmp(s, "copy link", 9) == 0;
}
