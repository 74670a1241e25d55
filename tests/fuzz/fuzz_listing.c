/* libFuzzer target: the listing parser, through ingest_parse. Inputs that
 * start with '{' would go to the JSON Lines parser, so a leading '{' is
 * dropped: this target spends its time in listing.c. */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	while (size && (data[0] == '{' || data[0] == ' ' || data[0] == '\n'))
		data++, size--;
	fuzz_parse(data, size);
	return 0;
}
