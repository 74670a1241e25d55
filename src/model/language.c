/* Which two-letter codes are languages: ISO 639-1 as ICU lists it
 * (uloc_getISOLanguages(), whose list also holds ISO 639-2/3 codes, left
 * out here), so "xx" is refused at ingest and in the edit form. */
#include "model.h"

#include <pthread.h>
#include <string.h>
#include <unicode/uloc.h>
#include <unicode/uversion.h>
#include <jansson.h>

/* known[a][b]: "ab" is an ISO 639-1 code. Filled once; read-only after. */
static unsigned char known[26][26];
static pthread_once_t known_once = PTHREAD_ONCE_INIT;

static void fill_known(void)
{
	for (const char *const *c = uloc_getISOLanguages(); c && *c; c++)
		if (strlen(*c) == 2 && (*c)[0] >= 'a' && (*c)[0] <= 'z' && (*c)[1] >= 'a' && (*c)[1] <= 'z')
			known[(*c)[0] - 'a'][(*c)[1] - 'a'] = 1;
}

int node_language_code(const char *s)
{
	return s && strlen(s) == 2 && s[0] >= 'a' && s[0] <= 'z' && s[1] >= 'a' && s[1] <= 'z';
}

int node_language_known(const char *s)
{
	if (!node_language_code(s))
		return 0;
	pthread_once(&known_once, fill_known);
	return known[s[0] - 'a'][s[1] - 'a'];
}

enum px_err model_lib_versions(struct buf *out)
{
	UVersionInfo v;
	char icu[U_MAX_VERSION_STRING_LENGTH];
	u_getVersion(v);
	u_versionToString(v, icu);
	return buf_printf(out, "ICU %s\nJansson %s (compiled)\n", icu, JANSSON_VERSION);
}
