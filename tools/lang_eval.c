/* Language detection on one text at a time: reads LANG<TAB>TEXT lines
 * (tests/data/lang/short.tsv; '#' lines are comments) and prints, per
 * language, how many text_lang_detect() got right, then the whole.
 * Usage: build/lang_eval FILE */
#include "text/text.h"

#include <stdio.h>
#include <string.h>

#define LANGS_MAX 32

int main(int argc, char **argv)
{
	FILE *f = argc == 2 ? fopen(argv[1], "r") : NULL;
	struct text_lang *tl = f ? text_lang_new() : NULL;
	if (!tl) {
		fprintf(stderr, "usage: lang_eval FILE (LANG<TAB>TEXT lines)\n");
		return 2;
	}
	char line[4096], code[LANGS_MAX][3] = {{0}};
	unsigned right[LANGS_MAX] = {0}, all[LANGS_MAX] = {0}, nlang = 0;
	while (fgets(line, sizeof line, f)) {
		char *tab = strchr(line, '\t');
		if (line[0] == '#' || !tab || tab - line != 2)
			continue;
		char *text = tab + 1, got[3];
		text[strcspn(text, "\r\n")] = '\0';
		text_lang_detect(tl, text, strlen(text), got);
		unsigned i = 0;
		while (i < nlang && memcmp(code[i], line, 2))
			i++;
		if (i == nlang && nlang < LANGS_MAX)
			memcpy(code[nlang++], line, 2);
		if (i < nlang) {
			all[i]++;
			right[i] += !memcmp(got, line, 2);
		}
	}
	unsigned r = 0, a = 0;
	for (unsigned i = 0; i < nlang; i++) {
		printf("%s %u/%u\n", code[i], right[i], all[i]);
		r += right[i], a += all[i];
	}
	printf("all %u/%u\n", r, a);
	text_lang_free(tl);
	fclose(f);
	return 0;
}
