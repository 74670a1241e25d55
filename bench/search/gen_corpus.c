/* gen_corpus: a reproducible multilingual corpus for the search benchmark.
 *
 *   gen_corpus --nodes N --seed S [--dict DIR]          JSON Lines (export format)
 *   gen_corpus --nodes N --seed S --queries Q [--dict DIR]   query mix
 *
 * Both go to standard output. Vocabulary comes from Debian's word lists read
 * at run time (/usr/share/dict: american-english, french, ngerman, spanish,
 * italian, polish, portuguese, dutch; Greek from hunspell-el's el_GR.dic,
 * ISO-8859-7, affix flags stripped). A language whose list is missing is
 * left out (with a note on stderr); fewer than 6 languages is an error.
 *
 * Per language: up to VOCAB words are reservoir-sampled from the list (seeded),
 * ranked with short words first (plus noise), and drawn with a Zipf-Mandelbrot
 * law p(r) ~ 1/(r+2.7). A set of PHRASES collocations (2-3 words) per language
 * is mixed into the text (about 1 token in 25 starts one), so that phrase
 * queries have something to find.
 *
 * Nodes: ~30% practices (title, subtitle, country, city, themes, labels,
 * population from the city, relations, 3-5 sections of 90-240 words), ~70%
 * articles (author, body of 20-600 words, log-normal around 110). nid = 1..N.
 *
 * Queries: TYPE \t QUERY \t FILTERS \t LANG, TYPE cycling over one_word,
 * two_words, phrase, typo, prefix, filtered. QUERY is plain words (a phrase
 * is written with double quotes, a prefix query's last word is the prefix as
 * typed, without any operator); FILTERS is field=value;field=value (filtered
 * only, else empty); LANG is the language the words were drawn from (the
 * user's interface language: engines that need a stemmer for the query use
 * it). Query words follow the same Zipf law as the corpus.
 *
 * The output depends only on N, S and the word list files. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define VOCAB 60000
#define PHRASES 3000
#define MAXW 40 /* bytes per word */

/* ---- PRNG: splitmix64 seeding xoshiro256** ---- */
static uint64_t rs[4];
static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
static uint64_t rnd(void)
{
	uint64_t r = rotl(rs[1] * 5, 7) * 9, t = rs[1] << 17;
	rs[2] ^= rs[0];
	rs[3] ^= rs[1];
	rs[1] ^= rs[2];
	rs[0] ^= rs[3];
	rs[2] ^= t;
	rs[3] = rotl(rs[3], 45);
	return r;
}
static void seed_rng(uint64_t s)
{
	for (int i = 0; i < 4; i++) {
		uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		rs[i] = z ^ (z >> 31);
	}
}
static double unif(void) { return (rnd() >> 11) * (1.0 / 9007199254740992.0); }
static size_t below(size_t n) { return (size_t)(unif() * (double)n); }
static double gauss(void)
{
	double u = unif(), v = unif();
	if (u < 1e-300)
		u = 1e-300;
	return sqrt(-2 * log(u)) * cos(6.283185307179586 * v);
}

/* ---- Zipf sampler over ranks 0..n-1 ---- */
struct zipf {
	double *cdf;
	size_t n;
};
static void zipf_init(struct zipf *z, size_t n, double q, double s)
{
	z->n = n;
	z->cdf = malloc(n * sizeof *z->cdf);
	if (!z->cdf) {
		perror("malloc");
		exit(1);
	}
	double acc = 0;
	for (size_t r = 0; r < n; r++) {
		acc += 1.0 / pow((double)r + q, s);
		z->cdf[r] = acc;
	}
	for (size_t r = 0; r < n; r++)
		z->cdf[r] /= acc;
}
static size_t zipf_draw(const struct zipf *z)
{
	double u = unif();
	size_t lo = 0, hi = z->n - 1;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (z->cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---- languages ---- */
struct lang {
	const char *code, *file;
	int greek;      /* ISO-8859-7 hunspell .dic */
	int capitals;   /* capitalised words are common nouns (German) */
	double weight;  /* share of nodes */
	char **words;   /* [nwords], ranked: most frequent first */
	size_t nwords;
	size_t (*phr)[3]; /* collocations: word ranks, [2] = SIZE_MAX if 2 words */
	struct zipf zw, zp;
	const char **countries; /* where the language is spoken */
};

static const char *C_EN[] = {"Ireland", "Malta", NULL};
static const char *C_FR[] = {"France", "Belgium", "Luxembourg", NULL};
static const char *C_DE[] = {"Germany", "Austria", NULL};
static const char *C_ES[] = {"Spain", NULL};
static const char *C_IT[] = {"Italy", NULL};
static const char *C_PL[] = {"Poland", NULL};
static const char *C_PT[] = {"Portugal", NULL};
static const char *C_NL[] = {"Netherlands", "Belgium", NULL};
static const char *C_EL[] = {"Greece", "Cyprus", NULL};

static struct lang LANGS[] = {
	{"en", "american-english", 0, 0, 0.34, NULL, 0, NULL, {0, 0}, {0, 0}, C_EN},
	{"fr", "french", 0, 0, 0.10, NULL, 0, NULL, {0, 0}, {0, 0}, C_FR},
	{"de", "ngerman", 0, 1, 0.10, NULL, 0, NULL, {0, 0}, {0, 0}, C_DE},
	{"es", "spanish", 0, 0, 0.09, NULL, 0, NULL, {0, 0}, {0, 0}, C_ES},
	{"it", "italian", 0, 0, 0.09, NULL, 0, NULL, {0, 0}, {0, 0}, C_IT},
	{"pl", "polish", 0, 0, 0.08, NULL, 0, NULL, {0, 0}, {0, 0}, C_PL},
	{"pt", "portuguese", 0, 0, 0.07, NULL, 0, NULL, {0, 0}, {0, 0}, C_PT},
	{"nl", "dutch", 0, 0, 0.07, NULL, 0, NULL, {0, 0}, {0, 0}, C_NL},
	{"el", "el_GR.dic", 1, 0, 0.06, NULL, 0, NULL, {0, 0}, {0, 0}, C_EL},
};
#define NLANGS (sizeof LANGS / sizeof LANGS[0])
static struct lang *langs[NLANGS];
static size_t nlangs;
static double lang_cdf[NLANGS];

/* Appends the UTF-8 of an ISO-8859-7 byte string; 0 unless every byte is a
 * Greek letter (0xB6..0xFE minus punctuation). */
static int greek_to_utf8(const char *s, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned char)s[i];
		if ((c < 0xDC && c != 0xC0) || c > 0xFE) /* lower-case letters only */
			return 0;
		unsigned cp = c + 0x2D0;
		if (o + 3 > cap)
			return 0;
		out[o++] = (char)(0xC0 | (cp >> 6));
		out[o++] = (char)(0x80 | (cp & 0x3F));
	}
	out[o] = 0;
	return 1;
}

/* 1 if w is a plain word: ASCII letters or non-ASCII (UTF-8) bytes only, a
 * capital only in first position and only where allowed. */
static int plain_word(const char *w, size_t n, int capitals)
{
	if (n < 2 || n >= MAXW)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c >= 'a' && c <= 'z')
			continue;
		if (c >= 0x80)
			continue;
		if (c >= 'A' && c <= 'Z' && i == 0 && capitals)
			continue;
		return 0;
	}
	/* reject capitalised non-ASCII initials (proper names) */
	if (!capitals && (unsigned char)w[0] == 0xC3 && n > 1 && (unsigned char)w[1] < 0x9F)
		return 0;
	return 1;
}

static size_t cp_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

struct ranked {
	char *w;
	double key;
};
static int cmp_ranked(const void *a, const void *b)
{
	double x = ((const struct ranked *)a)->key, y = ((const struct ranked *)b)->key;
	return x < y ? -1 : x > y;
}

static int load_lang(struct lang *L, const char *dictdir)
{
	char path[512];
	if (L->greek)
		snprintf(path, sizeof path, "/usr/share/hunspell/%s", L->file);
	else
		snprintf(path, sizeof path, "%s/%s", dictdir, L->file);
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "gen_corpus: no word list %s: language %s left out\n", path, L->code);
		return -1;
	}
	char **res = calloc(VOCAB, sizeof *res);
	size_t seen = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int first = 1;
	char tmp[3 * MAXW];
	while ((len = getline(&line, &cap, f)) > 0) {
		while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = 0;
		if (L->greek) {
			if (first) { /* the first line of a .dic is the count */
				first = 0;
				continue;
			}
			char *slash = memchr(line, '/', (size_t)len);
			if (slash)
				len = slash - line;
			if (len < 2 || len >= MAXW || !greek_to_utf8(line, (size_t)len, tmp, sizeof tmp))
				continue;
		} else {
			if (!plain_word(line, (size_t)len, L->capitals))
				continue;
			memcpy(tmp, line, (size_t)len + 1);
		}
		/* reservoir sampling */
		size_t slot = seen < VOCAB ? seen : (size_t)(unif() * (double)(seen + 1));
		seen++;
		if (slot < VOCAB) {
			free(res[slot]);
			res[slot] = strdup(tmp);
		}
	}
	free(line);
	fclose(f);
	size_t n = seen < VOCAB ? seen : VOCAB;
	if (n < 1000) {
		fprintf(stderr, "gen_corpus: %s has only %zu usable words: language %s left out\n", path, n,
			L->code);
		return -1;
	}
	/* rank: short words are frequent; noise keeps every length in the head */
	struct ranked *r = malloc(n * sizeof *r);
	for (size_t i = 0; i < n; i++) {
		r[i].w = res[i];
		r[i].key = (double)cp_len(res[i]) + 6.0 * unif();
	}
	qsort(r, n, sizeof *r, cmp_ranked);
	L->words = malloc(n * sizeof *L->words);
	for (size_t i = 0; i < n; i++)
		L->words[i] = r[i].w;
	L->nwords = n;
	free(r);
	free(res);
	zipf_init(&L->zw, n, 2.7, 1.0);
	L->phr = malloc(PHRASES * sizeof *L->phr);
	for (size_t i = 0; i < PHRASES; i++) {
		/* collocations of mid-frequency words */
		L->phr[i][0] = zipf_draw(&L->zw) + 20;
		L->phr[i][1] = zipf_draw(&L->zw) + 20;
		L->phr[i][2] = unif() < 0.3 ? zipf_draw(&L->zw) + 20 : SIZE_MAX;
		for (int k = 0; k < 3; k++)
			if (L->phr[i][k] != SIZE_MAX && L->phr[i][k] >= n)
				L->phr[i][k] = n - 1;
	}
	zipf_init(&L->zp, PHRASES, 1.0, 1.0);
	return 0;
}

/* ---- facet data ---- */
struct city {
	const char *name, *country;
	long pop;
};
static const struct city CITIES[] = {
	{"Dublin", "Ireland", 592713},     {"Cork", "Ireland", 224004},       {"Galway", "Ireland", 85910},
	{"Kilkenny", "Ireland", 27184},    {"Valletta", "Malta", 5827},       {"Birkirkara", "Malta", 25436},
	{"Paris", "France", 2102650},      {"Lyon", "France", 522250},        {"Nantes", "France", 320732},
	{"Agen", "France", 32485},         {"Grenoble", "France", 158198},    {"Dunkerque", "France", 86788},
	{"Brussels", "Belgium", 1222637},  {"Liège", "Belgium", 197355},      {"Ghent", "Belgium", 265086},
	{"Mechelen", "Belgium", 87486},    {"Luxembourg", "Luxembourg", 128514}, {"Esch-sur-Alzette", "Luxembourg", 36625},
	{"Berlin", "Germany", 3755251},    {"Leipzig", "Germany", 616093},    {"Chemnitz", "Germany", 243105},
	{"Dresden", "Germany", 563311},    {"Gotha", "Germany", 45733},       {"Solingen", "Germany", 159193},
	{"Vienna", "Austria", 1982097},    {"Graz", "Austria", 292630},       {"Villach", "Austria", 64331},
	{"Madrid", "Spain", 3305408},      {"Barcelona", "Spain", 1636732},   {"Bilbao", "Spain", 345821},
	{"Gijón", "Spain", 268313},        {"Alba Iulia", "Romania", 63536},  {"Viladecans", "Spain", 67197},
	{"Vilanova i la Geltrú", "Spain", 67733}, {"Turin", "Italy", 886837}, {"Milan", "Italy", 1371498},
	{"Rome", "Italy", 2749031},        {"Bologna", "Italy", 387971},      {"Pesaro", "Italy", 96074},
	{"Udine", "Italy", 99169},         {"Matera", "Italy", 60436},        {"Altena", "Germany", 16922},
	{"Warsaw", "Poland", 1861975},     {"Gdańsk", "Poland", 486022},      {"Łódź", "Poland", 658444},
	{"Poznań", "Poland", 546859},      {"Ostrava", "Czechia", 284982},    {"Gdynia", "Poland", 245867},
	{"Sopot", "Poland", 34833},        {"Lisbon", "Portugal", 545796},    {"Porto", "Portugal", 231962},
	{"Braga", "Portugal", 193333},     {"Águeda", "Portugal", 46131},     {"Amsterdam", "Netherlands", 921402},
	{"Rotterdam", "Netherlands", 664311}, {"Eindhoven", "Netherlands", 238478}, {"Zwolle", "Netherlands", 130592},
	{"Athens", "Greece", 643452},      {"Thessaloniki", "Greece", 319045}, {"Trikala", "Greece", 81355},
	{"Heraklion", "Greece", 179302},   {"Nicosia", "Cyprus", 116392},     {"Limassol", "Cyprus", 183658},
	{"Zagreb", "Croatia", 767131},     {"Rijeka", "Croatia", 107964},     {"Split", "Croatia", 160577},
	{"Ljubljana", "Slovenia", 295504}, {"Maribor", "Slovenia", 96209},    {"Bucharest", "Romania", 1716961},
	{"Cluj-Napoca", "Romania", 286598}, {"Timișoara", "Romania", 250849}, {"Tartu", "Estonia", 91407},
	{"Riga", "Latvia", 605273},        {"Vilnius", "Lithuania", 588412},  {"Helsinki", "Finland", 658457},
	{"Espoo", "Finland", 305274},      {"Umeå", "Sweden", 130224},        {"Malmö", "Sweden", 351749},
	{"Copenhagen", "Denmark", 644431}, {"Aarhus", "Denmark", 285273},     {"Budapest", "Hungary", 1706851},
	{"Pécs", "Hungary", 138882},       {"Brno", "Czechia", 382405},       {"Prague", "Czechia", 1357326},
	{"Sofia", "Bulgaria", 1307439},    {"Varna", "Bulgaria", 330486},     {"Bratislava", "Slovakia", 475503},
	{"Košice", "Slovakia", 228249},
};
#define NCITIES (sizeof CITIES / sizeof CITIES[0])

static const char *THEMES[] = {
	"Integrated urban development", "Participative governance", "Social cohesion", "Local economy",
	"Jobs and skills", "Environment", "Urban regeneration", "Mobility", "Digital transition",
	"Climate change", "Housing", "Culture and heritage", "Poverty", "Energy", "Health",
	"Education", "Food", "Circular economy", "Migration", "Public procurement", "Tourism",
	"Nature-based solutions", "Gender equality", "Resilience", "Security", "Youth",
	"Sustainable land use", "Governance", "Financing", "Demographic change",
};
#define NTHEMES (sizeof THEMES / sizeof THEMES[0])
static const char *LABELS[] = {"URBACT Good Practice", "Urban Innovative Actions", "URBACT Transfer Network",
			       "European Urban Initiative", "Action Planning Network"};
static const char *SEC_KEY[] = {"summary", "solution", "collaboration", "impact", "transfer"};
static const char *SEC_HEAD[] = {"Summary", "The innovative solution", "A collaborative and participative work",
				 "The impact and results",
				 "Why this good practice should be transferred to other cities?"};
static const char *FIRST[] = {"Anna", "Marco", "Sophie", "Jan", "Maria", "Pierre", "Katarzyna", "João",
			      "Eleni", "Lukas", "Irina", "Mikel", "Dorothee", "Enzo", "Ana", "Piotr",
			      "Giulia", "Thomas", "Nikos", "Inês", "Pieter", "Carmen", "Ewa", "Hélène"};
static const char *LAST[] = {"Fischer", "Rossi", "Dubois", "Kowalski", "García", "Silva", "Papadopoulos",
			     "de Vries", "Berra-Sandín", "Lattuca", "Panait", "Nowak", "Müller", "Bianchi",
			     "Martin", "Jansen", "Costa", "Georgiou", "Moreau", "López", "Wagner", "Ferreira"};
static const char *USERS[] = {"admin_import", "mpapoutsi", "emarko", "urbact_editor", "jdoe", "comms_team"};

static struct zipf z_theme, z_city;

static const char *city_size(long pop)
{
	if (pop < 0)
		return NULL;
	if (pop < 50000)
		return "small";
	if (pop < 250000)
		return "medium";
	if (pop <= 1000000)
		return "large";
	return "metropolitan";
}

static struct lang *pick_lang(void)
{
	double u = unif();
	for (size_t i = 0; i < nlangs; i++)
		if (u <= lang_cdf[i])
			return langs[i];
	return langs[nlangs - 1];
}

/* ---- output ---- */
static char *ob;
static size_t olen, ocap;
static void out(const char *s, size_t n)
{
	if (olen + n > ocap) {
		ocap = (olen + n) * 2;
		ob = realloc(ob, ocap);
		if (!ob) {
			perror("realloc");
			exit(1);
		}
	}
	memcpy(ob + olen, s, n);
	olen += n;
}
static void outs(const char *s) { out(s, strlen(s)); }
static void outj(const char *s) /* JSON string */
{
	out("\"", 1);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			char e[2] = {'\\', (char)c};
			out(e, 2);
		} else if (c == '\n')
			out("\\n", 2);
		else if (c < 0x20) {
			char e[8];
			snprintf(e, sizeof e, "\\u%04x", c);
			out(e, 6);
		} else
			out((const char *)s, 1);
	}
	out("\"", 1);
}
static void flush(void)
{
	if (olen && fwrite(ob, 1, olen, stdout) != olen) {
		perror("gen_corpus: write");
		exit(1);
	}
	olen = 0;
}

/* ---- text ---- */
static char tb[1 << 16];
static size_t tl;
static void tadd(const char *s)
{
	size_t n = strlen(s);
	if (tl + n + 1 < sizeof tb) {
		memcpy(tb + tl, s, n);
		tl += n;
		tb[tl] = 0;
	}
}
static void tcap_add(const char *w) /* capitalised ASCII initial */
{
	size_t at = tl;
	tadd(w);
	if (tb[at] >= 'a' && tb[at] <= 'z')
		tb[at] = (char)(tb[at] - 32);
}

/* n words of running text in language L, as sentences. */
static void gen_text(struct lang *L, int nwords, const char *city)
{
	int in_sentence = 0, slen = 0, target = 0;
	for (int i = 0; i < nwords;) {
		if (!in_sentence) {
			target = 8 + (int)below(18);
			slen = 0;
			in_sentence = 1;
			if (tl && tb[tl - 1] != '\n')
				tadd(" ");
		} else
			tadd(slen && unif() < 0.06 ? ", " : " ");
		double u = unif();
		if (u < 0.04) { /* collocation */
			size_t *p = L->phr[zipf_draw(&L->zp)];
			for (int k = 0; k < 3 && p[k] != SIZE_MAX; k++) {
				if (k)
					tadd(" ");
				if (slen == 0 && k == 0)
					tcap_add(L->words[p[k]]);
				else
					tadd(L->words[p[k]]);
				i++, slen++;
			}
		} else if (u < 0.05 && city) {
			tadd(city);
			i++, slen++;
		} else if (u < 0.06) {
			char num[16];
			if (unif() < 0.5)
				snprintf(num, sizeof num, "%d", 1990 + (int)below(36));
			else
				snprintf(num, sizeof num, "%d%%", 1 + (int)below(99));
			tadd(num);
			i++, slen++;
		} else {
			const char *w = L->words[zipf_draw(&L->zw)];
			if (slen == 0)
				tcap_add(w);
			else
				tadd(w);
			i++, slen++;
		}
		if (slen >= target) {
			tadd(".");
			in_sentence = 0;
		}
	}
	if (in_sentence)
		tadd(".");
}

static void gen_words(struct lang *L, int n, int cap_each)
{
	for (int i = 0; i < n; i++) {
		if (i)
			tadd(" ");
		const char *w = L->words[zipf_draw(&L->zw)];
		if (i == 0 || cap_each)
			tcap_add(w);
		else
			tadd(w);
	}
}

static void gen_practice(long nid)
{
	struct lang *L = unif() < 0.55 ? langs[0] : pick_lang();
	const struct city *c;
	/* a city of a country where the language is spoken, most of the time */
	for (int tries = 0;; tries++) {
		c = &CITIES[zipf_draw(&z_city)];
		if (tries > 30 || L == langs[0])
			break;
		int ok = 0;
		for (const char **k = L->countries; *k; k++)
			ok |= !strcmp(*k, c->country);
		if (ok)
			break;
	}
	char buf[256];
	snprintf(buf, sizeof buf, "{\"nid\": %ld, \"type\": \"practice\", \"title\": ", nid);
	outs(buf);
	/* title: an acronym-like name from one or two words */
	tl = 0;
	tb[0] = 0;
	gen_words(L, unif() < 0.4 ? 2 : 1, 1);
	for (size_t i = 0; i < tl; i++) {
		if (tb[i] >= 'a' && tb[i] <= 'z')
			tb[i] = (char)(tb[i] - 32);
		else if (tb[i] == ' ')
			tb[i] = '-';
	}
	outj(tb);
	outs(", \"subtitle\": ");
	tl = 0;
	tb[0] = 0;
	gen_words(L, 6 + (int)below(10), 0);
	outj(tb);
	outs(", \"country\": ");
	outj(c->country);
	outs(", \"city\": ");
	outj(c->name);
	outs(", \"themes\": [");
	int nt = 1 + (int)below(4), used[8], nu = 0;
	for (int i = 0; i < nt; i++) {
		int t = (int)zipf_draw(&z_theme), dup = 0;
		for (int k = 0; k < nu; k++)
			dup |= used[k] == t;
		if (dup)
			continue;
		used[nu++] = t;
		if (nu > 1)
			outs(", ");
		outj(THEMES[t]);
	}
	outs("], \"labels\": [");
	outj(LABELS[unif() < 0.6 ? 0 : below(5)]);
	outs("], \"population\": ");
	long pop = c->pop;
	if (unif() < 0.03)
		outs("null");
	else {
		snprintf(buf, sizeof buf, "%ld", pop);
		outs(buf);
	}
	outs(", \"relations\": [");
	double u = unif();
	if (u < 0.3)
		outs("\"in_partnership_with\"");
	else if (u < 0.45)
		outs("\"adapted_by_cities_from\", \"in_partnership_with\"");
	else if (u < 0.55)
		outs("\"adapted_by_cities_from\"");
	outs("], \"language\": ");
	outj(L->code);
	outs(", \"sections\": [");
	int ns = 3 + (int)below(3), skip = 5 - ns, first = 1;
	for (int k = 0; k < 5; k++) {
		if (skip > 0 && unif() < (double)skip / (5 - k)) {
			skip--;
			continue;
		}
		if (!first)
			outs(", ");
		first = 0;
		outs("{\"key\": ");
		outj(SEC_KEY[k]);
		outs(", \"heading\": ");
		outj(SEC_HEAD[k]);
		outs(", \"text\": ");
		tl = 0;
		tb[0] = 0;
		int words = 90 + (int)below(150), paras = 1 + (int)below(3);
		for (int p = 0; p < paras; p++) {
			if (p)
				tadd("\n");
			gen_text(L, words / paras, c->name);
		}
		outj(tb);
		outs("}");
	}
	outs("]}\n");
}

static void gen_article(long nid)
{
	struct lang *L = pick_lang();
	char buf[128];
	snprintf(buf, sizeof buf, "{\"nid\": %ld, \"type\": \"article\", \"title\": ", nid);
	outs(buf);
	tl = 0;
	tb[0] = 0;
	gen_words(L, 3 + (int)below(8), 0);
	outj(tb);
	outs(", \"author\": ");
	if (unif() < 0.3)
		snprintf(buf, sizeof buf, "%s", USERS[below(sizeof USERS / sizeof USERS[0])]);
	else
		snprintf(buf, sizeof buf, "%s %s", FIRST[below(sizeof FIRST / sizeof FIRST[0])],
			 LAST[below(sizeof LAST / sizeof LAST[0])]);
	outj(buf);
	outs(", \"language\": ");
	outj(L->code);
	outs(", \"body\": ");
	tl = 0;
	tb[0] = 0;
	int words = (int)(110 * exp(0.7 * gauss()));
	if (words < 20)
		words = 20;
	if (words > 600)
		words = 600;
	int paras = 1 + words / 120;
	const char *city = unif() < 0.3 ? CITIES[zipf_draw(&z_city)].name : NULL;
	for (int p = 0; p < paras; p++) {
		if (p)
			tadd("\n");
		gen_text(L, words / paras, city);
	}
	outj(tb);
	outs("}\n");
}

/* ---- queries ---- */
static const char *qword(struct lang *L) { return L->words[zipf_draw(&L->zw)]; }

/* A copy of w with one edit (delete, insert, substitute, transpose) at a
 * code point boundary, never on the first character. */
static void typo(const char *w, char *outb, size_t cap)
{
	size_t starts[MAXW + 1], n = 0, len = strlen(w);
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)w[i] & 0xC0) != 0x80)
			starts[n++] = i;
	starts[n] = len;
	size_t k = 1 + below(n - 1); /* code point index to edit */
	size_t a = starts[k], b = starts[k + 1];
	int op = (int)below(4);
	char letter[8];
	/* a letter of the word itself, so the script stays the same */
	size_t src = below(n);
	size_t ll = starts[src + 1] - starts[src];
	memcpy(letter, w + starts[src], ll);
	letter[ll] = 0;
	outb[0] = 0;
	size_t o = 0;
#define PUT(p, m)                                  \
	do {                                       \
		if (o + (m) < cap) {               \
			memcpy(outb + o, (p), (m)); \
			o += (m);                  \
		}                                  \
	} while (0)
	PUT(w, a);
	if (op == 0) { /* delete */
	} else if (op == 1) { /* insert */
		PUT(letter, ll);
		PUT(w + a, b - a);
	} else if (op == 2) { /* substitute */
		if (ll == b - a && !memcmp(letter, w + a, ll)) {
			PUT(w + a, b - a); /* same letter: insert instead */
			PUT(letter, ll);
		} else {
			PUT(letter, ll);
		}
	} else { /* transpose with the next code point (or the previous at the end) */
		if (k + 1 < n) {
			size_t c2 = starts[k + 2];
			PUT(w + b, c2 - b);
			PUT(w + a, b - a);
			b = c2;
		} else {
			o = starts[k - 1];
			PUT(w + a, b - a);
			PUT(w + starts[k - 1], a - starts[k - 1]);
		}
	}
	PUT(w + b, len - b);
	outb[o] = 0;
#undef PUT
}

static void gen_queries(long q)
{
	static const char *TYPES[] = {"one_word", "two_words", "phrase", "typo", "prefix", "filtered"};
	char line[1024], t[256];
	for (long i = 0; i < q; i++) {
		int type = (int)(i % 6);
		struct lang *L = pick_lang();
		char filters[512] = "";
		switch (type) {
		case 0:
			snprintf(line, sizeof line, "%s", qword(L));
			break;
		case 1: {
			const char *a = qword(L), *b = qword(L);
			while (b == a)
				b = qword(L);
			snprintf(line, sizeof line, "%s %s", a, b);
			break;
		}
		case 2: {
			size_t *p = L->phr[zipf_draw(&L->zp)];
			if (p[2] != SIZE_MAX)
				snprintf(line, sizeof line, "\"%s %s %s\"", L->words[p[0]], L->words[p[1]],
					 L->words[p[2]]);
			else
				snprintf(line, sizeof line, "\"%s %s\"", L->words[p[0]], L->words[p[1]]);
			break;
		}
		case 3: {
			const char *w;
			do
				w = qword(L);
			while (cp_len(w) < 5);
			typo(w, t, sizeof t);
			snprintf(line, sizeof line, "%s", t);
			break;
		}
		case 4: {
			const char *w;
			do
				w = qword(L);
			while (cp_len(w) < 5);
			/* 3-5 code points typed so far */
			size_t want = 3 + below(3), n = 0, j = 0;
			for (; w[j]; j++)
				if (((unsigned char)w[j] & 0xC0) != 0x80 && n++ == want)
					break;
			if (unif() < 0.5)
				snprintf(line, sizeof line, "%s %.*s", qword(L), (int)j, w);
			else
				snprintf(line, sizeof line, "%.*s", (int)j, w);
			break;
		}
		default: {
			const char *a = qword(L), *b = qword(L);
			while (b == a)
				b = qword(L);
			snprintf(line, sizeof line, "%s %s", a, b);
			/* two filters on different fields */
			static const char *F[] = {"themes", "country", "city_size", "language", "type"};
			int f1 = (int)below(5), f2;
			do
				f2 = (int)below(5);
			while (f2 == f1);
			size_t fl = 0;
			for (int k = 0; k < 2; k++) {
				int f = k ? f2 : f1;
				const char *v = NULL;
				if (f == 0)
					v = THEMES[zipf_draw(&z_theme)];
				else if (f == 1)
					v = unif() < 0.7 ? L->countries[below(2) % (L->countries[1] ? 2 : 1)]
							 : CITIES[zipf_draw(&z_city)].country;
				else if (f == 2)
					v = city_size(CITIES[zipf_draw(&z_city)].pop);
				else if (f == 3)
					v = L->code;
				else
					v = unif() < 0.5 ? "practice" : "article";
				fl += (size_t)snprintf(filters + fl, sizeof filters - fl, "%s%s=%s", k ? ";" : "",
						       F[f], v);
			}
			break;
		}
		}
		snprintf(t, sizeof t, "%s\t", TYPES[type]);
		outs(t);
		outs(line);
		outs("\t");
		outs(filters);
		outs("\t");
		outs(L->code);
		outs("\n");
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: gen_corpus --nodes N --seed S [--queries Q] [--dict DIR]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	long nodes = -1, queries = -1;
	unsigned long long seed = 1;
	const char *dictdir = "/usr/share/dict";
	for (int i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			usage();
		char *end;
		if (!strcmp(argv[i], "--nodes"))
			nodes = strtol(argv[++i], &end, 10);
		else if (!strcmp(argv[i], "--seed"))
			seed = strtoull(argv[++i], &end, 10);
		else if (!strcmp(argv[i], "--queries"))
			queries = strtol(argv[++i], &end, 10);
		else if (!strcmp(argv[i], "--dict")) {
			dictdir = argv[++i];
			continue;
		} else
			usage();
		if (*end)
			usage();
	}
	if (nodes < 0 && queries < 0)
		usage();
	seed_rng(seed);
	for (size_t i = 0; i < NLANGS; i++)
		if (load_lang(&LANGS[i], dictdir) == 0)
			langs[nlangs++] = &LANGS[i];
	if (nlangs < 6 || langs[0] != &LANGS[0]) {
		fprintf(stderr, "gen_corpus: need English and at least 6 word lists (scripts/deps-bench)\n");
		return 1;
	}
	double tot = 0;
	for (size_t i = 0; i < nlangs; i++)
		tot += langs[i]->weight;
	double acc = 0;
	for (size_t i = 0; i < nlangs; i++)
		lang_cdf[i] = (acc += langs[i]->weight / tot);
	zipf_init(&z_theme, NTHEMES, 1.0, 1.0);
	zipf_init(&z_city, NCITIES, 3.0, 0.8);
	/* the corpus and the queries use separate streams from the same vocabulary */
	seed_rng(seed * 1000003 + (queries >= 0 ? 7 : 0));
	if (queries >= 0)
		gen_queries(queries);
	else
		for (long n = 1; n <= nodes; n++) {
			/* practices first in no order: a fixed 30% share, interleaved */
			if (unif() < 0.30)
				gen_practice(n);
			else
				gen_article(n);
			if (olen > (1 << 20))
				flush();
		}
	flush();
	return fflush(stdout) ? 1 : 0;
}
