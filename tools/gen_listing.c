/*
 * gen_listing — reproducible synthetic "/node" listing generator for praxis.
 *
 * Writes to stdout a listing in exactly the format of the seed sample
 * (PRODUCT.md, "The listing format"; seed/000_c03412658f311a1c.txt):
 * practice entries and article teasers, newest first, ending with the line
 * "Subscribe to" -- like the sample, without a final newline.  LF line
 * ends, no BOM.
 *
 *   gen_listing [--nodes N] [--seed S] [--no-nids-every K]
 *
 * Defaults: N=1000, S=1.  About 30% of the nodes are practices, the rest
 * article teasers.  Practices carry "Ref nid" with unique descending ids:
 * the p-th practice (p = 0, 1, ...) gets 10*N+1000-p.  With
 * --no-nids-every K every K-th practice (p+1 divisible by K) omits its
 * "Ref nid" block (its id is simply skipped, so the other ids do not depend
 * on K).
 *
 * The content of node i depends only on (S, i), so the output for a
 * smaller N is the same sequence of entries (apart from the nid values,
 * which depend on N) as the output for a larger N.
 *
 * Text is drawn from embedded lists of common words in nine EU languages
 * (en fr de es it pl el ro hr) with a Zipf-like distribution; each node
 * uses one language.  Occasionally the text contains Drupal media tokens,
 * NBSP-only lines, NBSP runs inside lines and trailing NBSP, as real
 * exports do.  Standalone: C11 + libc only, deterministic PRNG (splitmix64).
 *
 * Build: gcc -std=c11 -O2 -Wall -Wextra -Werror -o build/gen_listing tools/gen_listing.c
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ------------------------------------------------------------------ */
/* PRNG: splitmix64                                                    */
/* ------------------------------------------------------------------ */

static uint64_t rng_state;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

static uint64_t next64(void)
{
    rng_state += UINT64_C(0x9e3779b97f4a7c15);
    return mix64(rng_state);
}

/* uniform in [0, n) (n >= 1), multiply-shift (bias is negligible here) */
static uint32_t rnd(uint32_t n)
{
    uint64_t x = next64() >> 32;
    return (uint32_t)((x * (uint64_t)n) >> 32);
}

/* true with probability num/1000 */
static int chance(uint32_t per_mille)
{
    return rnd(1000) < per_mille;
}

/* pick an index from a table of integer weights */
static unsigned pick_weighted(const unsigned *w, unsigned n)
{
    unsigned total = 0;
    for (unsigned i = 0; i < n; i++)
        total += w[i];
    uint32_t r = rnd(total);
    for (unsigned i = 0; i < n; i++) {
        if (r < w[i])
            return i;
        r -= w[i];
    }
    return n - 1;
}

/* ------------------------------------------------------------------ */
/* Output buffer                                                       */
/* ------------------------------------------------------------------ */

static char obuf[1 << 20];
static size_t olen;

static void flush_out(void)
{
    if (olen && fwrite(obuf, 1, olen, stdout) != olen)
        exit(1);
    olen = 0;
}

static void out(const char *s, size_t n)
{
    if (olen + n > sizeof obuf) {
        flush_out();
        if (n > sizeof obuf) {
            if (fwrite(s, 1, n, stdout) != n)
                exit(1);
            return;
        }
    }
    memcpy(obuf + olen, s, n);
    olen += n;
}

static void outz(const char *s) { out(s, strlen(s)); }

static void outc(char c)
{
    if (olen + 1 > sizeof obuf)
        flush_out();
    obuf[olen++] = c;
}

#define OUTL(lit) out((lit), sizeof(lit) - 1)

static void out_u64(uint64_t v)
{
    char tmp[24];
    size_t i = sizeof tmp;
    do {
        tmp[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    out(tmp + i, sizeof tmp - i);
}

/* ------------------------------------------------------------------ */
/* Embedded data                                                       */
/* ------------------------------------------------------------------ */

#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define BULLET "\xe2\x80\xa2"
#define INDENT "    "

/* Word lists, roughly by decreasing frequency (function words first). */
static const char *const words_en[] = {
    "the", "of", "and", "to", "in", "a", "for", "is", "on", "that", "with", "by", "as", "are",
    "was", "this", "it", "be", "from", "at", "an", "have", "has", "which", "or", "their", "will",
    "not", "more", "been", "all", "also", "can", "new", "its", "city", "urban", "local", "public",
    "project", "people", "cities", "social", "other", "they", "we", "our", "into", "between",
    "through", "these", "about", "such", "than", "were", "who", "first", "European",
    "development", "policy", "network", "partners", "community", "citizens", "support",
    "services", "areas", "housing", "energy", "space", "spaces", "green", "economic", "digital",
    "data", "work", "time", "year", "years", "approach", "process", "action", "plan", "programme",
    "strategy", "management", "municipality", "neighbourhood", "neighbourhoods", "results",
    "impact", "challenge", "challenges", "solution", "innovative", "innovation", "sustainable",
    "transport", "mobility", "climate", "change", "health", "education", "culture", "heritage",
    "employment", "jobs", "skills", "training", "young", "residents", "stakeholders",
    "cooperation", "participation", "governance", "integrated", "model", "tools", "level",
    "national", "regional", "council", "mayor", "district", "centre", "school", "schools",
    "buildings", "land", "use", "food", "waste", "water", "circular", "economy", "business",
    "companies", "enterprises", "tourism", "cultural", "quality", "life", "access", "needs",
    "groups", "families", "women", "children", "migrants", "inclusion", "poverty", "income",
    "costs", "funding", "investment", "budget", "help", "create", "develop", "improve", "build",
    "share", "learn", "make", "provide", "increase", "reduce", "involve", "engage", "transfer",
    "implement", "test", "together", "well", "only", "most", "many", "each", "some", "both",
    "very", "where", "when", "how", "while", "during", "after", "before", "under", "over",
    "without", "good", "better", "small", "large", "long", "important", "main", "key",
    "different", "open", "common", "based", "including", "across", "within", "future",
    "experience", "knowledge", "practice", "practices", "partnership", "evaluation",
    "monitoring", "pilot", "regeneration", "renovation", "streets", "park", "river", "region",
    "country", "world", "Europe", "EU",
};

static const char *const words_fr[] = {
    "de", "la", "le", "et", "les", "des", "à", "en", "du", "un", "une", "pour", "dans", "est",
    "que", "qui", "sur", "par", "au", "avec", "plus", "ne", "pas", "ce", "sont", "a", "été",
    "ou", "aux", "leur", "leurs", "son", "sa", "ses", "cette", "ces", "nous", "il", "elle",
    "ils", "se", "comme", "mais", "aussi", "tous", "entre", "sans", "sous", "très", "bien",
    "ville", "villes", "urbain", "urbaine", "urbaines", "projet", "projets", "habitants",
    "quartier", "quartiers", "commune", "municipalité", "politique", "politiques", "publique",
    "publiques", "public", "sociale", "social", "sociaux", "développement", "réseau",
    "partenaires", "acteurs", "citoyens", "services", "logement", "logements", "énergie",
    "espace", "espaces", "verts", "économie", "économique", "locale", "local", "locaux",
    "numérique", "données", "travail", "emploi", "compétences", "formation", "jeunes",
    "familles", "femmes", "enfants", "santé", "éducation", "culture", "patrimoine",
    "transport", "mobilité", "climat", "changement", "durable", "innovation", "innovante",
    "solution", "action", "plan", "programme", "stratégie", "gestion", "résultats", "impact",
    "défi", "défis", "approche", "processus", "participation", "gouvernance", "coopération",
    "conseil", "maire", "centre", "école", "écoles", "bâtiments", "terrain", "alimentation",
    "déchets", "eau", "circulaire", "entreprises", "tourisme", "qualité", "vie", "accès",
    "besoins", "groupes", "pauvreté", "revenu", "coûts", "financement", "investissement",
    "budget", "aider", "créer", "développer", "améliorer", "construire", "partager",
    "apprendre", "faire", "permettre", "mettre", "œuvre", "renforcer", "réduire",
    "accompagner", "transférer", "ensemble", "depuis", "après", "avant", "pendant", "chaque",
    "plusieurs", "nouveau", "nouvelle", "nouvelles", "grand", "grande", "petite", "petites",
    "européen", "européenne", "européennes", "nationale", "régionale", "territoire",
    "territoires", "expérience", "connaissances", "pratique", "pratiques", "partenariat",
    "évaluation", "suivi", "pilote", "rénovation", "rue", "rues", "parc", "région", "pays",
    "monde", "Europe", "année", "années", "temps", "également", "notamment", "ainsi", "afin",
    "lors", "dont", "où", "même", "autres", "autre",
};

static const char *const words_de[] = {
    "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf", "für",
    "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es", "an", "werden", "aus",
    "er", "hat", "dass", "sie", "nach", "wird", "bei", "einer", "um", "am", "sind", "noch",
    "wie", "einem", "über", "einen", "so", "zum", "war", "haben", "nur", "oder", "aber", "vor",
    "zur", "bis", "mehr", "durch", "man", "diese", "dieser", "ihre", "ihrer", "können", "kann",
    "wurde", "wurden", "sowie", "zwischen", "gegen", "neue", "neuen", "sehr", "unter", "wir",
    "unsere", "Stadt", "Städte", "Städten", "städtische", "städtischen", "lokale", "lokalen",
    "öffentliche", "öffentlichen", "Projekt", "Projekte", "Menschen", "Bürger",
    "Bürgerinnen", "Bewohner", "Quartier", "Quartiere", "Stadtteil", "Gemeinde", "Verwaltung",
    "Politik", "soziale", "sozialen", "Entwicklung", "Netzwerk", "Partner", "Akteure",
    "Unterstützung", "Dienstleistungen", "Wohnen", "Wohnungen", "Energie", "Raum", "Räume",
    "grüne", "Wirtschaft", "wirtschaftliche", "digitale", "Daten", "Arbeit", "Beschäftigung",
    "Kompetenzen", "Ausbildung", "Jugendliche", "Familien", "Frauen", "Kinder", "Gesundheit",
    "Bildung", "Kultur", "Erbe", "Verkehr", "Mobilität", "Klima", "Wandel", "nachhaltige",
    "nachhaltigen", "Innovation", "innovative", "Lösung", "Lösungen", "Maßnahmen", "Plan",
    "Programm", "Strategie", "Ergebnisse", "Wirkung", "Herausforderung", "Herausforderungen",
    "Ansatz", "Prozess", "Beteiligung", "Zusammenarbeit", "Rat", "Bürgermeister", "Zentrum",
    "Schule", "Schulen", "Gebäude", "Flächen", "Lebensmittel", "Abfall", "Wasser",
    "Kreislaufwirtschaft", "Unternehmen", "Tourismus", "Qualität", "Leben", "Zugang", "Bedarf",
    "Gruppen", "Armut", "Einkommen", "Kosten", "Finanzierung", "Investitionen", "Haushalt",
    "helfen", "schaffen", "entwickeln", "verbessern", "bauen", "teilen", "lernen", "machen",
    "ermöglichen", "fördern", "stärken", "reduzieren", "einbinden", "übertragen", "umsetzen",
    "gemeinsam", "seit", "während", "jeder", "jede", "mehrere", "viele", "große", "kleine",
    "wichtige", "europäische", "europäischen", "nationale", "regionale", "Region", "Land",
    "Welt", "Europa", "Jahr", "Jahren", "Zeit", "Erfahrung", "Wissen", "Praxis",
    "Partnerschaft", "Bewertung", "Pilotprojekt", "Sanierung", "Straße", "Straßen", "Park",
    "besonders", "bereits", "insbesondere", "damit", "dabei", "hier", "dort",
};

static const char *const words_es[] = {
    "de", "la", "que", "el", "en", "y", "a", "los", "del", "se", "las", "por", "un", "para",
    "con", "no", "una", "su", "al", "es", "lo", "como", "más", "pero", "sus", "ha", "sin",
    "sobre", "este", "ya", "entre", "cuando", "todo", "esta", "ser", "son", "dos", "también",
    "fue", "muy", "hasta", "desde", "está", "porque", "ciudad", "ciudades", "urbano",
    "urbana", "urbanos", "local", "locales", "público", "pública", "públicos", "proyecto",
    "proyectos", "personas", "ciudadanos", "ciudadanía", "vecinos", "barrio", "barrios",
    "municipio", "ayuntamiento", "política", "políticas", "social", "sociales", "desarrollo",
    "red", "socios", "actores", "apoyo", "servicios", "vivienda", "viviendas", "energía",
    "espacio", "espacios", "verdes", "economía", "económico", "económica", "digital", "datos",
    "trabajo", "empleo", "competencias", "formación", "jóvenes", "familias", "mujeres",
    "niños", "salud", "educación", "cultura", "patrimonio", "transporte", "movilidad", "clima",
    "cambio", "sostenible", "sostenibles", "innovación", "innovadora", "solución",
    "soluciones", "acción", "acciones", "plan", "programa", "estrategia", "gestión",
    "resultados", "impacto", "reto", "retos", "enfoque", "proceso", "participación",
    "gobernanza", "cooperación", "consejo", "alcalde", "centro", "escuela", "escuelas",
    "edificios", "suelo", "alimentación", "residuos", "agua", "circular", "empresas",
    "turismo", "calidad", "vida", "acceso", "necesidades", "grupos", "pobreza", "ingresos",
    "costes", "financiación", "inversión", "presupuesto", "ayudar", "crear", "desarrollar",
    "mejorar", "construir", "compartir", "aprender", "hacer", "permitir", "promover",
    "fortalecer", "reducir", "implicar", "transferir", "aplicar", "juntos", "durante",
    "después", "antes", "cada", "varios", "muchos", "nuevo", "nueva", "nuevas", "gran",
    "grandes", "pequeñas", "importante", "europeo", "europea", "europeas", "nacional",
    "regional", "región", "país", "mundo", "Europa", "año", "años", "tiempo", "experiencia",
    "conocimiento", "práctica", "prácticas", "asociación", "evaluación", "seguimiento",
    "piloto", "regeneración", "rehabilitación", "calle", "calles", "parque", "además", "así",
    "donde", "otros", "otras", "han", "hay", "tiene", "pueden", "puede", "nuestra",
    "nuestros",
};

static const char *const words_it[] = {
    "di", "e", "il", "la", "che", "in", "a", "per", "un", "del", "della", "è", "non", "una",
    "le", "con", "i", "si", "dei", "da", "al", "delle", "sono", "alla", "gli", "come", "più",
    "anche", "nel", "nella", "ha", "ma", "o", "lo", "ai", "questo", "questa", "tra", "dalla",
    "sul", "sulla", "loro", "suo", "sua", "essere", "stato", "stata", "tutti", "ogni",
    "molto", "città", "urbano", "urbana", "urbani", "urbane", "locale", "locali", "pubblico",
    "pubblica", "pubblici", "progetto", "progetti", "persone", "cittadini", "abitanti",
    "quartiere", "quartieri", "comune", "amministrazione", "politica", "politiche", "sociale",
    "sociali", "sviluppo", "rete", "partner", "attori", "sostegno", "servizi", "abitazioni",
    "casa", "energia", "spazio", "spazi", "verdi", "economia", "economico", "economica",
    "digitale", "dati", "lavoro", "occupazione", "competenze", "formazione", "giovani",
    "famiglie", "donne", "bambini", "salute", "istruzione", "cultura", "patrimonio",
    "trasporto", "mobilità", "clima", "cambiamento", "sostenibile", "innovazione",
    "innovativa", "soluzione", "soluzioni", "azione", "azioni", "piano", "programma",
    "strategia", "gestione", "risultati", "impatto", "sfida", "sfide", "approccio",
    "processo", "partecipazione", "governance", "cooperazione", "consiglio", "sindaco",
    "centro", "scuola", "scuole", "edifici", "beni", "comuni", "cibo", "rifiuti", "acqua",
    "circolare", "imprese", "turismo", "qualità", "vita", "accesso", "bisogni", "gruppi",
    "povertà", "reddito", "costi", "finanziamento", "investimenti", "bilancio", "aiutare",
    "creare", "sviluppare", "migliorare", "costruire", "condividere", "imparare", "fare",
    "permettere", "promuovere", "rafforzare", "ridurre", "coinvolgere", "trasferire",
    "realizzare", "insieme", "durante", "dopo", "prima", "diversi", "molti", "nuovo", "nuova",
    "nuovi", "grande", "grandi", "piccole", "importante", "europeo", "europea", "europee",
    "nazionale", "regionale", "regione", "paese", "mondo", "Europa", "anno", "anni", "tempo",
    "esperienza", "conoscenza", "pratica", "pratiche", "collaborazione", "valutazione",
    "monitoraggio", "pilota", "rigenerazione", "riqualificazione", "strada", "strade",
    "parco", "inoltre", "dove", "altri", "altre", "attraverso", "verso", "nostro", "nostra",
};

static const char *const words_pl[] = {
    "i", "w", "na", "z", "do", "się", "nie", "to", "że", "jest", "o", "a", "jak", "od",
    "przez", "dla", "po", "oraz", "są", "tak", "ale", "jego", "jej", "ich", "tym", "który",
    "która", "które", "także", "może", "być", "było", "będzie", "już", "tylko", "bardzo",
    "między", "przy", "pod", "nad", "bez", "miasto", "miasta", "miastach", "miejski",
    "miejska", "miejskie", "miejskich", "lokalny", "lokalne", "lokalnych", "publiczny",
    "publiczne", "publicznych", "projekt", "projektu", "projekty", "ludzie", "mieszkańcy",
    "mieszkańców", "obywatele", "dzielnica", "dzielnicy", "gmina", "samorząd", "urząd",
    "polityka", "społeczny", "społeczne", "społecznych", "rozwój", "rozwoju", "sieć",
    "partnerzy", "partnerów", "wsparcie", "usługi", "mieszkania", "mieszkalnictwo",
    "energia", "energii", "przestrzeń", "przestrzeni", "zielone", "gospodarka",
    "gospodarczy", "cyfrowe", "dane", "praca", "pracy", "zatrudnienie", "umiejętności",
    "szkolenia", "młodzież", "rodziny", "kobiety", "dzieci", "zdrowie", "edukacja", "kultura",
    "dziedzictwo", "transport", "mobilność", "klimat", "zmiany", "zrównoważony", "innowacje",
    "innowacyjne", "rozwiązanie", "rozwiązania", "działania", "plan", "program",
    "strategia", "zarządzanie", "wyniki", "wpływ", "wyzwanie", "wyzwania", "podejście",
    "proces", "udział", "partycypacja", "współpraca", "rada", "prezydent", "burmistrz",
    "centrum", "szkoła", "szkoły", "budynki", "teren", "żywność", "odpady", "woda", "obieg",
    "przedsiębiorstwa", "firmy", "turystyka", "jakość", "życia", "dostęp", "potrzeby",
    "grupy", "ubóstwo", "dochód", "koszty", "finansowanie", "inwestycje", "budżet", "pomóc",
    "tworzyć", "rozwijać", "poprawić", "budować", "dzielić", "uczyć", "robić", "umożliwić",
    "wspierać", "wzmacniać", "zmniejszyć", "angażować", "przenosić", "wdrażać", "razem",
    "podczas", "przed", "każdy", "kilka", "wiele", "nowy", "nowe", "nowych", "duże", "małe",
    "ważne", "europejski", "europejskie", "krajowy", "regionalny", "region", "kraj", "świat",
    "Europa", "rok", "roku", "lat", "czas", "doświadczenie", "wiedza", "praktyka", "dobre",
    "praktyki", "partnerstwo", "ocena", "monitoring", "pilotaż", "rewitalizacja", "renowacja",
    "ulica", "ulice", "park", "ponadto", "gdzie", "inne", "innych", "poprzez", "nasz",
    "nasze",
};

static const char *const words_el[] = {
    "και", "το", "της", "η", "την", "του", "των", "να", "σε", "με", "για", "τα", "ο", "οι",
    "από", "στην", "στο", "τις", "που", "είναι", "στη", "τους", "ένα", "μια", "ως", "θα",
    "δεν", "στα", "στις", "στον", "αλλά", "όπως", "επίσης", "έχει", "έχουν", "μέσα", "μέσω",
    "μεταξύ", "κατά", "πιο", "πόλη", "πόλεις", "πόλης", "πόλεων", "αστική", "αστικής",
    "αστικές", "τοπική", "τοπικής", "τοπικές", "δημόσια", "δημόσιων", "δημόσιο", "έργο",
    "έργου", "έργα", "άνθρωποι", "πολίτες", "πολιτών", "κάτοικοι", "κατοίκων", "γειτονιά",
    "γειτονιές", "δήμος", "δήμου", "δημοτική", "πολιτική", "πολιτικές", "κοινωνική",
    "κοινωνικής", "κοινωνικές", "ανάπτυξη", "ανάπτυξης", "δίκτυο", "εταίροι", "φορείς",
    "υποστήριξη", "υπηρεσίες", "στέγαση", "κατοικίες", "ενέργεια", "ενέργειας", "χώρος",
    "χώροι", "χώρων", "πράσινη", "πράσινοι", "οικονομία", "οικονομική", "ψηφιακή",
    "δεδομένα", "εργασία", "απασχόληση", "δεξιότητες", "κατάρτιση", "νέοι", "οικογένειες",
    "γυναίκες", "παιδιά", "υγεία", "εκπαίδευση", "πολιτισμός", "πολιτιστική", "κληρονομιά",
    "μεταφορές", "κινητικότητα", "κλίμα", "κλιματική", "αλλαγή", "βιώσιμη", "βιώσιμης",
    "καινοτομία", "καινοτόμος", "καινοτόμες", "λύση", "λύσεις", "δράση", "δράσεις",
    "σχέδιο", "πρόγραμμα", "στρατηγική", "διαχείριση", "αποτελέσματα", "επίδραση",
    "πρόκληση", "προκλήσεις", "προσέγγιση", "διαδικασία", "συμμετοχή", "διακυβέρνηση",
    "συνεργασία", "συμβούλιο", "δήμαρχος", "κέντρο", "σχολείο", "σχολεία", "κτίρια", "γη",
    "τρόφιμα", "απόβλητα", "νερό", "κυκλική", "επιχειρήσεις", "τουρισμός", "ποιότητα",
    "ζωής", "πρόσβαση", "ανάγκες", "ομάδες", "φτώχεια", "εισόδημα", "κόστος",
    "χρηματοδότηση", "επενδύσεις", "προϋπολογισμός", "βοηθά", "δημιουργία", "αναπτύσσει",
    "βελτίωση", "κατασκευή", "μοιράζονται", "μάθηση", "κάνει", "επιτρέπει", "προωθεί",
    "ενισχύει", "μείωση", "εμπλοκή", "μεταφορά", "εφαρμογή", "μαζί", "κάθε", "πολλές",
    "πολλοί", "νέα", "νέες", "μεγάλη", "μικρές", "σημαντική", "ευρωπαϊκή", "ευρωπαϊκές",
    "εθνική", "περιφερειακή", "περιφέρεια", "χώρα", "κόσμο", "Ευρώπη", "έτος", "χρόνια",
    "χρόνο", "εμπειρία", "γνώση", "πρακτική", "πρακτικές", "καλές", "αξιολόγηση",
    "παρακολούθηση", "πιλοτικό", "αναγέννηση", "ανακαίνιση", "δρόμος", "δρόμοι", "πάρκο",
    "επιπλέον", "όπου", "άλλες", "άλλους", "προς", "μας",
};

static const char *const words_ro[] = {
    "și", "de", "în", "la", "a", "cu", "pe", "care", "să", "din", "o", "un", "nu", "pentru",
    "este", "sunt", "mai", "au", "fost", "ca", "se", "prin", "al", "ale", "lor", "sau", "dar",
    "acest", "această", "aceste", "între", "după", "până", "fiecare", "foarte", "oraș",
    "orașe", "orașului", "orașelor", "urban", "urbană", "urbane", "local", "locală", "locale",
    "public", "publică", "publice", "proiect", "proiectul", "proiecte", "oameni", "cetățeni",
    "cetățenilor", "locuitori", "locuitorilor", "cartier", "cartiere", "comunitate",
    "comunitatea", "municipiu", "primăria", "politică", "politici", "social", "socială",
    "sociale", "dezvoltare", "dezvoltarea", "rețea", "rețeaua", "parteneri", "actori",
    "sprijin", "servicii", "locuințe", "energie", "spațiu", "spații", "verzi", "economie",
    "economică", "digitală", "date", "muncă", "locuri", "competențe", "formare", "tineri",
    "familii", "femei", "copii", "sănătate", "educație", "cultură", "patrimoniu",
    "transport", "mobilitate", "climă", "schimbări", "durabilă", "inovare", "inovatoare",
    "soluție", "soluții", "acțiune", "acțiuni", "plan", "planuri", "program", "strategie",
    "gestionare", "rezultate", "impact", "provocare", "provocări", "abordare", "proces",
    "participare", "guvernanță", "cooperare", "consiliu", "primar", "centru", "școală",
    "școli", "clădiri", "teren", "alimente", "deșeuri", "apă", "circulară", "întreprinderi",
    "companii", "turism", "calitate", "viața", "acces", "nevoi", "grupuri", "sărăcie",
    "venit", "costuri", "finanțare", "investiții", "buget", "ajuta", "crea", "dezvolta",
    "îmbunătăți", "construi", "împărtăși", "învăța", "face", "permite", "promova",
    "consolida", "reduce", "implica", "transfera", "implementa", "împreună", "timpul",
    "înainte", "multe", "mulți", "nou", "noi", "nouă", "mare", "mari", "mici", "important",
    "importantă", "european", "europeană", "europene", "național", "regional", "regiune",
    "țară", "lume", "Europa", "anul", "ani", "timp", "experiență", "cunoștințe", "practică",
    "practici", "bune", "parteneriat", "evaluare", "monitorizare", "pilot", "regenerare",
    "renovare", "stradă", "străzi", "parc", "astfel", "unde", "alte", "alți", "către",
    "nostru", "noastră",
};

static const char *const words_hr[] = {
    "i", "je", "u", "na", "se", "da", "za", "su", "od", "s", "o", "a", "koji", "koja",
    "koje", "kao", "iz", "ne", "što", "to", "te", "ali", "ili", "ih", "bi", "će", "biti",
    "bilo", "sve", "svih", "samo", "već", "još", "kroz", "između", "prema", "nakon",
    "prije", "tijekom", "grad", "grada", "gradovi", "gradova", "gradu", "urbani", "urbana",
    "urbane", "lokalni", "lokalna", "lokalne", "javni", "javna", "javne", "projekt",
    "projekta", "projekti", "ljudi", "građani", "građana", "stanovnici", "stanovnika",
    "četvrt", "kvart", "općina", "uprava", "politika", "politike", "socijalni", "socijalna",
    "društveni", "razvoj", "razvoja", "mreža", "partneri", "partnera", "dionici", "potpora",
    "usluge", "stanovanje", "stanovi", "energija", "energije", "prostor", "prostora",
    "zelene", "gospodarstvo", "gospodarski", "digitalna", "podaci", "rad", "rada",
    "zapošljavanje", "vještine", "obrazovanje", "mladi", "obitelji", "žene", "djeca",
    "zdravlje", "kultura", "baština", "promet", "mobilnost", "klima", "klimatske", "promjene",
    "održivi", "održiva", "inovacije", "inovativno", "rješenje", "rješenja", "aktivnosti",
    "plan", "program", "strategija", "upravljanje", "rezultati", "utjecaj", "izazov",
    "izazovi", "pristup", "proces", "sudjelovanje", "suradnja", "vijeće", "gradonačelnik",
    "središte", "centar", "škola", "škole", "zgrade", "zemljište", "hrana", "otpad", "voda",
    "kružno", "poduzeća", "tvrtke", "turizam", "kvaliteta", "života", "potrebe", "skupine",
    "siromaštvo", "prihod", "troškovi", "financiranje", "ulaganja", "proračun", "pomoći",
    "stvoriti", "razviti", "poboljšati", "graditi", "dijeliti", "učiti", "raditi",
    "omogućiti", "promicati", "jačati", "smanjiti", "uključiti", "prenijeti", "provesti",
    "zajedno", "svaki", "nekoliko", "mnogi", "mnogo", "novi", "nova", "nove", "veliki",
    "velika", "mali", "male", "važno", "europski", "europska", "europske", "nacionalni",
    "regionalni", "regija", "zemlja", "svijet", "Europa", "godina", "godine", "vrijeme",
    "iskustvo", "znanje", "praksa", "prakse", "dobre", "partnerstvo", "evaluacija",
    "praćenje", "pilot", "obnova", "revitalizacija", "ulica", "ulice", "park", "osim",
    "gdje", "drugi", "druge", "naš", "naše",
};

#define MAX_WORDS 256

struct lang {
    const char *code;
    const char *const *words;
    unsigned n;
    const char *qopen, *qclose; /* typographic quotes */
    unsigned weight;            /* share among article teasers (per mille) */
    size_t len[MAX_WORDS];
    uint32_t cum[MAX_WORDS];
};

enum { L_EN, L_FR, L_DE, L_ES, L_IT, L_PL, L_EL, L_RO, L_HR, L_COUNT };

static struct lang langs[L_COUNT] = {
    {"en", words_en, ARRAY_LEN(words_en), "\xe2\x80\x9c", "\xe2\x80\x9d", 400, {0}, {0}},
    {"fr", words_fr, ARRAY_LEN(words_fr), "\xc2\xab" NBSP, NBSP "\xc2\xbb", 90, {0}, {0}},
    {"de", words_de, ARRAY_LEN(words_de), "\xe2\x80\x9e", "\xe2\x80\x9c", 80, {0}, {0}},
    {"es", words_es, ARRAY_LEN(words_es), "\xc2\xab", "\xc2\xbb", 80, {0}, {0}},
    {"it", words_it, ARRAY_LEN(words_it), "\xc2\xab", "\xc2\xbb", 80, {0}, {0}},
    {"pl", words_pl, ARRAY_LEN(words_pl), "\xe2\x80\x9e", "\xe2\x80\x9d", 70, {0}, {0}},
    {"el", words_el, ARRAY_LEN(words_el), "\xc2\xab", "\xc2\xbb", 70, {0}, {0}},
    {"ro", words_ro, ARRAY_LEN(words_ro), "\xe2\x80\x9e", "\xe2\x80\x9d", 70, {0}, {0}},
    {"hr", words_hr, ARRAY_LEN(words_hr), "\xe2\x80\x9e", "\xe2\x80\x9c", 60, {0}, {0}},
};

struct city {
    const char *city, *country;
    int lang; /* language of the city's practices besides English, -1: English only */
};

static const struct city cities[] = {
    {"Bilbao", "Spain", L_ES},           {"Barcelona", "Spain", L_ES},
    {"Madrid", "Spain", L_ES},           {"Valencia", "Spain", L_ES},
    {"Seville", "Spain", L_ES},          {"Turin", "Italy", L_IT},
    {"Milan", "Italy", L_IT},            {"Bologna", "Italy", L_IT},
    {"Naples", "Italy", L_IT},           {"Florence", "Italy", L_IT},
    {"Lyon", "France", L_FR},            {"Nantes", "France", L_FR},
    {"Lille", "France", L_FR},           {"Bordeaux", "France", L_FR},
    {"Agen", "France", L_FR},            {"Berlin", "Germany", L_DE},
    {"Leipzig", "Germany", L_DE},        {"Hamburg", "Germany", L_DE},
    {"Munich", "Germany", L_DE},         {"Vienna", "Austria", L_DE},
    {"Gdansk", "Poland", L_PL},          {"Krakow", "Poland", L_PL},
    {"Wroclaw", "Poland", L_PL},         {"Lodz", "Poland", L_PL},
    {"Athens", "Greece", L_EL},          {"Thessaloniki", "Greece", L_EL},
    {"Heraklion", "Greece", L_EL},       {"Nicosia", "Cyprus", L_EL},
    {"Bucharest", "Romania", L_RO},      {"Cluj-Napoca", "Romania", L_RO},
    {"Timisoara", "Romania", L_RO},      {"Iasi", "Romania", L_RO},
    {"Zagreb", "Croatia", L_HR},         {"Rijeka", "Croatia", L_HR},
    {"Split", "Croatia", L_HR},          {"Lisbon", "Portugal", -1},
    {"Porto", "Portugal", -1},           {"Amsterdam", "Netherlands", -1},
    {"Rotterdam", "Netherlands", -1},    {"Eindhoven", "Netherlands", -1},
    {"Ghent", "Belgium", L_FR},          {"Brussels", "Belgium", L_FR},
    {"Ljubljana", "Slovenia", -1},       {"Tallinn", "Estonia", -1},
    {"Riga", "Latvia", -1},              {"Vilnius", "Lithuania", -1},
    {"Dublin", "Ireland", -1},           {"Cork", "Ireland", -1},
    {"Helsinki", "Finland", -1},         {"Gothenburg", "Sweden", -1},
    {"Aarhus", "Denmark", -1},           {"Brno", "Czechia", -1},
    {"Budapest", "Hungary", -1},         {"Bratislava", "Slovakia", -1},
    {"Sofia", "Bulgaria", -1},           {"Valletta", "Malta", -1},
    {"Luxembourg", "Luxembourg", L_FR},
};

static const char *const themes[] = {
    "Jobs and skills",
    "Participative governance",
    "Social cohesion",
    "Poverty",
    "Local economy",
    "Environment",
    "Climate adaptation",
    "Energy transition",
    "Urban mobility",
    "Housing",
    "Digital transition",
    "Culture and heritage",
    "Health",
    "Integrated urban development",
    "Inclusion of migrants and refugees",
    "Education",
    "Circular economy",
    "Urban regeneration",
};

static const char *const labels[] = {"Urban Innovative Actions", "URBACT Good Practice"};

static const char *const section_headings[] = {
    "Summary",
    "The innovative solution",
    "A collaborative and participative work",
    "The impact and results",
    "Why this good practices should be transferred to other cities?",
};

static const char *const authors[] = {
    "emarko", "mpapoutsi", "admin_import", "Irina Panait", "Dorothee Fischer",
    "Mikel Berra-Sandín", "urbact_editor", "jdupont", "Anna Kowalczyk", "Marco Bellini",
    "Giulia Ferraro", "María Sánchez Ortega", "Javier Molina", "Sophie Lambert",
    "Pierre-Yves Morel", "Katrin Vogel", "Jonas Albrecht", "Ivana Kovačević", "Marko Babić",
    "Agnieszka Wiśniewska", "Tomasz Zieliński", "Ελένη Παπαδοπούλου", "Νίκος Γεωργίου",
    "Elena Ionescu", "Andrei Popa", "Ana Ribeiro", "Joana Ferreira", "Pieter de Vries",
    "Sanne Jansen", "Liam O'Connor", "Aoife Byrne", "Mateja Novak", "Kadri Tamm",
    "Jānis Bērziņš", "Rūta Petrauskaitė", "Eszter Nagy", "Petra Dvořáková", "Mikko Virtanen",
    "Karin Lindqvist", "lmartin", "kpetrova", "a.russo", "communication_team",
};

static const char *const title_parts[] = {
    "CO", "CITY", "LAB", "GREEN", "SMART", "HUB", "URBAN", "FAB", "CIRCULAR", "CLIMATE",
    "ENERGY", "FOOD", "HOUSING", "MOVE", "YOUTH", "SKILLS", "COMMONS", "DATA", "NEXT",
    "OPEN", "CARE", "WATER", "ART", "ROOTS", "LIVING", "BRIDGE", "SPACE", "WORK", "HEAT",
    "SHARE", "INCOME", "STEP", "LINK", "NEST", "GROW", "SOIL", "LOOP", "WAVE",
};

/* ------------------------------------------------------------------ */
/* Text generation                                                     */
/* ------------------------------------------------------------------ */

static void init_langs(void)
{
    for (unsigned l = 0; l < L_COUNT; l++) {
        struct lang *L = &langs[l];
        double total = 0.0, acc = 0.0;
        for (unsigned i = 0; i < L->n; i++)
            total += 1.0 / ((double)i + 2.5);
        for (unsigned i = 0; i < L->n; i++) {
            L->len[i] = strlen(L->words[i]);
            acc += 1.0 / ((double)i + 2.5);
            double c = acc / total * 4294967295.0;
            L->cum[i] = c >= 4294967295.0 ? UINT32_MAX : (uint32_t)c;
        }
        L->cum[L->n - 1] = UINT32_MAX;
    }
}

/* Zipf-like word index */
static unsigned zipf(const struct lang *L)
{
    uint32_t r = (uint32_t)(next64() >> 32);
    unsigned lo = 0, hi = L->n - 1;
    while (lo < hi) {
        unsigned mid = (lo + hi) / 2;
        if (r <= L->cum[mid])
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

static uint32_t utf8_decode2(const unsigned char *s)
{
    return ((uint32_t)(s[0] & 0x1f) << 6) | (uint32_t)(s[1] & 0x3f);
}

/* Upper-case mapping for the two-byte scripts used by the word lists. */
static uint32_t upper_cp(uint32_t cp)
{
    if (cp >= 0xe0 && cp <= 0xfe && cp != 0xf7)
        return cp - 0x20; /* Latin-1 */
    if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177))
        return (cp & 1) ? cp - 1 : cp;
    if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
        return (cp & 1) ? cp : cp - 1;
    if (cp == 0x219 || cp == 0x21b)
        return cp - 1; /* Romanian s/t with comma below */
    if (cp >= 0x3b1 && cp <= 0x3c9 && cp != 0x3c2)
        return cp - 0x20; /* Greek */
    switch (cp) {
    case 0x3ac: return 0x386;
    case 0x3ad: return 0x388;
    case 0x3ae: return 0x389;
    case 0x3af: return 0x38a;
    case 0x3cc: return 0x38c;
    case 0x3cd: return 0x38e;
    case 0x3ce: return 0x38f;
    default: return cp;
    }
}

static void out_capitalized(const char *w, size_t n)
{
    const unsigned char *u = (const unsigned char *)w;
    if (n >= 1 && u[0] >= 'a' && u[0] <= 'z') {
        outc((char)(u[0] - 32));
        out(w + 1, n - 1);
    } else if (n >= 2 && (u[0] & 0xe0) == 0xc0 && (u[1] & 0xc0) == 0x80) {
        uint32_t cp = upper_cp(utf8_decode2(u));
        char b[2] = {(char)(0xc0 | (cp >> 6)), (char)(0x80 | (cp & 0x3f))};
        out(b, 2);
        out(w + 2, n - 2);
    } else {
        out(w, n);
    }
}

/* separator between two words: mostly a space, sometimes a run with NBSP */
static void word_gap(void)
{
    uint32_t r = rnd(1000);
    if (r >= 8) {
        outc(' ');
        return;
    }
    switch (r) {
    case 0: OUTL(NBSP); break;
    case 1: OUTL(" " NBSP); break;
    case 2: OUTL(NBSP " "); break;
    case 3: OUTL(" " NBSP " "); break;
    case 4: OUTL("  "); break;
    case 5: OUTL(" " NBSP NBSP " "); break;
    default: OUTL(" " NBSP); break;
    }
}

static void out_city_name(void)
{
    outz(cities[rnd(ARRAY_LEN(cities))].city);
}

/* one token inside a sentence: a word, rarely a number or a city */
static void sentence_token(const struct lang *L, int first)
{
    uint32_t r = rnd(1000);
    if (!first && r < 12) {
        out_u64(2000 + rnd(25)); /* year */
        return;
    }
    if (!first && r < 20) {
        out_u64(1 + rnd(99));
        outc('%');
        return;
    }
    if (!first && r < 28) {
        out_u64(5 + rnd(5000));
        return;
    }
    if (r < 40) {
        out_city_name();
        return;
    }
    if (!first && r < 44) {
        OUTL("URBACT");
        return;
    }
    unsigned i = zipf(L);
    if (first)
        out_capitalized(L->words[i], L->len[i]);
    else
        out(L->words[i], L->len[i]);
}

static void sentence(const struct lang *L, unsigned nwords, char end)
{
    unsigned quote_at = chance(40) && nwords > 5 ? 1 + rnd(nwords - 4) : 0;
    unsigned quote_len = 1 + rnd(3);
    unsigned paren_at = !quote_at && chance(25) && nwords > 6 ? 2 + rnd(nwords - 5) : 0;
    unsigned dash_at = !quote_at && !paren_at && chance(30) && nwords > 6 ? 2 + rnd(nwords - 4) : 0;
    for (unsigned w = 0; w < nwords; w++) {
        if (w > 0) {
            if (dash_at && w == dash_at)
                OUTL(" \xe2\x80\x93 ");
            else
                word_gap();
        }
        if (quote_at && w == quote_at)
            outz(L->qopen);
        if (paren_at && w == paren_at)
            outc('(');
        sentence_token(L, w == 0);
        if (quote_at && w == quote_at + quote_len - 1)
            outz(L->qclose);
        if (paren_at && w == paren_at + 1)
            outc(')');
        if (w + 1 < nwords && !(dash_at && w + 1 == dash_at) && chance(60))
            outc(',');
    }
    if (end)
        outc(end);
}

static void media_token(void)
{
    uint32_t fid = 1000 + rnd(90000);
    if (chance(800)) {
        OUTL("[[{\"fid\":\"");
        out_u64(fid);
        OUTL("\",\"type\":\"media\"}]]");
    } else {
        OUTL("[[{\"fid\":\"");
        out_u64(fid);
        OUTL("\",\"view_mode\":\"default\",\"fields\":{\"format\":\"default\","
             "\"field_file_image_alt_text[und][0][value]\":false,"
             "\"field_file_image_title_text[und][0][value]\":false},"
             "\"link_text\":null,\"type\":\"media\",\"attributes\":{\"style\":\"float: right; "
             "width: 150px; height: 149px;\",\"class\":\"media-element file-default\"}}]]");
    }
}

/* a paragraph line of about nwords words, indented by 4 */
static void paragraph(const struct lang *L, unsigned nwords)
{
    unsigned nsent_max = nwords / 6 + 1;
    int media_at = chance(25) ? (int)rnd(nsent_max) : -1;
    unsigned done = 0, s = 0;
    OUTL(INDENT);
    while (done < nwords) {
        unsigned left = nwords - done;
        unsigned k = 6 + rnd(17);
        if (k > left)
            k = left;
        if (left - k < 3 && left - k > 0)
            k = left; /* avoid a tiny last sentence */
        if ((int)s == media_at) {
            if (s > 0)
                outc(' ');
            media_token();
            if (s > 0)
                outc(' ');
        } else if (s > 0) {
            word_gap();
        }
        sentence(L, k, '.');
        done += k;
        s++;
    }
    if (chance(15))
        OUTL(NBSP);
    else if (chance(5))
        OUTL(NBSP " ");
    outc('\n');
}

/* whitespace-only line made of NBSP (and spaces) */
static void nbsp_line(void)
{
    if (chance(500))
        OUTL("    " NBSP " \n");
    else if (chance(500))
        OUTL("      " NBSP " \n");
    else
        OUTL("    " NBSP "\n");
}

/* 40..200 words, skewed towards the low end */
static unsigned practice_para_words(void)
{
    uint64_t u = rnd(1001);
    return 40 + (unsigned)(160 * u * u * u / UINT64_C(1000000000));
}

static void numbered_list(const struct lang *L)
{
    unsigned items = 2 + rnd(3);
    int letters = chance(300);
    OUTL("\n");
    for (unsigned i = 0; i < items; i++) {
        OUTL(INDENT);
        if (letters) {
            outc((char)('a' + i));
            OUTL(") ");
        } else {
            out_u64(i + 1);
            OUTL(". ");
        }
        if (chance(500))
            OUTL(NBSP);
        sentence(L, 5 + rnd(12), letters ? ';' : '.');
        if (chance(200))
            OUTL(NBSP);
        outc('\n');
    }
}

static void section_body(const struct lang *L)
{
    static const unsigned para_w[] = {45, 30, 15, 10};
    unsigned paras = 1 + pick_weighted(para_w, ARRAY_LEN(para_w));
    for (unsigned p = 0; p < paras; p++) {
        if (p > 0) {
            if (chance(30)) {
                outc('\n');
                nbsp_line();
                outc('\n');
            } else if (chance(500)) {
                outc('\n');
            }
        }
        paragraph(L, practice_para_words());
    }
    if (chance(60))
        numbered_list(L);
    if (chance(80))
        nbsp_line();
}

/* ------------------------------------------------------------------ */
/* Entries                                                             */
/* ------------------------------------------------------------------ */

static void bullet_line(void)
{
    static const char *const ind[] = {"", " ", "  ", "   "};
    outz(ind[rnd(4)]);
    OUTL(BULLET " ");
}

static void ascii_upper(const char *s)
{
    for (; *s; s++) {
        char c = *s;
        outc(c >= 'a' && c <= 'z' ? (char)(c - 32) : c);
    }
}

static void population_line(void)
{
    static const char *const seps[] = {" ", NBSP, NNBSP, ",", "."};
    static const unsigned digits_w[] = {15, 40, 35, 10}; /* 4..7 digits */
    unsigned digits = 4 + pick_weighted(digits_w, ARRAY_LEN(digits_w));
    uint64_t lo = 1;
    for (unsigned i = 1; i < digits; i++)
        lo *= 10;
    uint64_t v = lo + rnd((uint32_t)(digits == 7 ? 3 * lo : 9 * lo));
    const char *sep = seps[rnd(ARRAY_LEN(seps))];
    char d[24];
    size_t n = 0;
    for (uint64_t t = v; t; t /= 10)
        d[n++] = (char)('0' + t % 10);
    OUTL(INDENT);
    for (size_t i = n; i-- > 0;) {
        outc(d[i]);
        if (i > 0 && i % 3 == 0)
            outz(sep);
    }
    outc('\n');
}

static void practice(uint64_t pidx, uint64_t nid, int with_nid)
{
    const struct city *c = &cities[rnd(ARRAY_LEN(cities))];
    const struct lang *L = &langs[c->lang >= 0 && chance(550) ? c->lang : L_EN];

    /* title: acronym-like short name, made unique by the practice counter */
    bullet_line();
    outz(title_parts[rnd(ARRAY_LEN(title_parts))]);
    outc('-');
    if (chance(250))
        ascii_upper(c->city);
    else
        outz(title_parts[rnd(ARRAY_LEN(title_parts))]);
    outc(' ');
    out_u64(pidx + 1);
    OUTL("\n\n");

    OUTL(INDENT);
    outz(c->country);
    OUTL("\n" INDENT);
    outz(c->city);
    OUTL("\n\n" INDENT);
    sentence(L, 7 + rnd(10), 0); /* subtitle */
    OUTL("\n\n");

    /* themes (distinct, sometimes one repeated), then the programme label */
    unsigned nthemes = 1 + rnd(4);
    unsigned chosen[4];
    for (unsigned t = 0; t < nthemes; t++) {
        unsigned k;
        int dup;
        do {
            k = rnd(ARRAY_LEN(themes));
            dup = 0;
            for (unsigned j = 0; j < t; j++)
                dup |= chosen[j] == k;
        } while (dup);
        chosen[t] = k;
        OUTL(INDENT BULLET " ");
        outz(themes[k]);
        outc('\n');
        if (chance(80)) { /* repeated theme, as in the sample */
            OUTL(INDENT BULLET " ");
            outz(themes[k]);
            outc('\n');
        }
    }
    OUTL(INDENT BULLET " ");
    outz(labels[rnd(ARRAY_LEN(labels))]);
    OUTL("\n" INDENT "Copy linkFacebookXLinkedInEmail\n");
    if (chance(850))
        population_line();
    uint32_t rel = rnd(100); /* relations: none 50%, one 35%, both 15% */
    if (rel >= 50) {
        static const char *const rels[] = {INDENT BULLET " In partnership with\n",
                                           INDENT BULLET " Adapted by cities from\n"};
        unsigned first = rnd(2);
        outz(rels[first]);
        if (rel >= 85)
            outz(rels[1 - first]);
    }

    /* 3..5 sections in canonical order */
    unsigned nsec = 3 + rnd(3);
    unsigned drop_mask = 0, kept = 5;
    while (kept > nsec) {
        unsigned bit = 1u << rnd(5);
        if (!(drop_mask & bit)) {
            drop_mask |= bit;
            kept--;
        }
    }
    for (unsigned s = 0; s < 5; s++) {
        if (drop_mask & (1u << s))
            continue;
        OUTL("\n" INDENT);
        outz(section_headings[s]);
        OUTL("\n\n");
        section_body(L);
    }
    if (with_nid) {
        OUTL("\n" INDENT "Ref nid\n" INDENT);
        out_u64(nid);
        outc('\n');
    }
}

static void teaser(uint64_t aidx)
{
    static unsigned wsum;
    if (!wsum)
        for (unsigned l = 0; l < L_COUNT; l++)
            wsum += langs[l].weight;
    unsigned pick = rnd(wsum), l = 0;
    while (pick >= langs[l].weight) {
        pick -= langs[l].weight;
        l++;
    }
    const struct lang *L = &langs[l];

    bullet_line();
    if (chance(80)) {
        out_city_name();
        OUTL(": ");
    }
    sentence(L, 4 + rnd(9), 0);
    outc(' ');
    out_u64(aidx + 1);
    OUTL("\n\n");

    static const unsigned para_w[] = {50, 35, 15};
    unsigned paras = 1 + pick_weighted(para_w, ARRAY_LEN(para_w));
    for (unsigned p = 0; p < paras; p++) {
        if (p > 0)
            outc('\n');
        uint64_t u = rnd(1001);
        paragraph(L, 35 + (unsigned)(180 * u * u / UINT64_C(1000000)));
    }
    if (chance(60)) {
        outc('\n');
        nbsp_line();
    }
    OUTL("\n" INDENT);
    outz(authors[rnd(ARRAY_LEN(authors))]);
    OUTL("\n\n" INDENT "See more\n");
}

/* ------------------------------------------------------------------ */
/* Main                                                                */
/* ------------------------------------------------------------------ */

static void usage(void)
{
    fputs("usage: gen_listing [--nodes N] [--seed S] [--no-nids-every K]\n"
          "  --nodes N          number of entries (default 1000)\n"
          "  --seed S           PRNG seed (default 1)\n"
          "  --no-nids-every K  every K-th practice has no \"Ref nid\" (K >= 1)\n",
          stderr);
    exit(2);
}

static int parse_u64(const char *s, uint64_t *v)
{
    if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
        return 0;
    char *end;
    errno = 0;
    unsigned long long x = strtoull(s, &end, 10);
    if (errno || *end)
        return 0;
    *v = (uint64_t)x;
    return 1;
}

int main(int argc, char **argv)
{
    uint64_t nodes = 1000, seed = 1, no_nid_every = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        uint64_t *dst;
        if (strcmp(a, "--nodes") == 0)
            dst = &nodes;
        else if (strcmp(a, "--seed") == 0)
            dst = &seed;
        else if (strcmp(a, "--no-nids-every") == 0)
            dst = &no_nid_every;
        else
            usage();
        if (i + 1 >= argc || !parse_u64(argv[i + 1], dst))
            usage();
        i++;
        if (dst == &no_nid_every && no_nid_every == 0)
            usage();
    }
    if (nodes > UINT64_C(100000000000))
        usage();

    init_langs();
    uint64_t nid_top = 10 * nodes + 1000;
    uint64_t npractice = 0, nteaser = 0;
    for (uint64_t i = 0; i < nodes; i++) {
        rng_state = mix64(seed ^ UINT64_C(0x5851f42d4c957f2d)) + i * UINT64_C(0xd1b54a32d192ed03);
        if (chance(300)) {
            int with_nid = !(no_nid_every && (npractice + 1) % no_nid_every == 0);
            practice(npractice, nid_top - npractice, with_nid);
            npractice++;
        } else {
            teaser(nteaser);
            nteaser++;
        }
    }
    OUTL("Subscribe to");
    flush_out();
    if (fflush(stdout) != 0)
        return 1;
    return 0;
}
