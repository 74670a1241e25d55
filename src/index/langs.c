/* The languages the index tells apart: a bit each in struct term.langs. */
#include "index_int.h"

#include <string.h>

/* The EU's languages, and Bosnian, which a JSON record may state and which
 * shares Croatian's stemmer. At most 32 (a bit each in struct term.langs). */
const char index_langs[][3] = {"bg", "bs", "cs", "da", "de", "el", "en", "es", "et", "fi", "fr", "ga", "hr",
			       "hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"};
const size_t index_nlangs = sizeof index_langs / sizeof index_langs[0];

int index_lang_bit(const char *lang)
{
	for (size_t i = 0; i < index_nlangs; i++)
		if (!strcmp(index_langs[i], lang))
			return (int)i;
	return -1;
}
