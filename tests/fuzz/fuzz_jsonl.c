/* libFuzzer target: the JSON Lines parser and node_from_json, through
 * ingest_parse (a leading '{' is added when missing so detection picks JSON
 * Lines). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size && data[0] == '{') {
		fuzz_parse(data, size);
		return 0;
	}
	uint8_t *copy = malloc(size + 1);
	if (!copy)
		return 0;
	copy[0] = '{';
	memcpy(copy + 1, data, size);
	fuzz_parse(copy, size + 1);
	free(copy);
	return 0;
}
