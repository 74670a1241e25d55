/* core/err.c: every error has a name. */
#include "../unit.h"

#include "core/core.h"

static void strerror_names_every_error(void **state)
{
	(void)state;
	assert_string_equal(px_strerror(PX_OK), "success");
	assert_string_equal(px_strerror(PX_ETOOBIG), "input too large");
	assert_string_equal(px_strerror(PX_EPARSE), "malformed input");
	for (int e = PX_ENOMEM; e <= PX_EUSAGE; e++)
		assert_string_not_equal(px_strerror((enum px_err)e), "unknown error");
	assert_string_equal(px_strerror((enum px_err)99), "unknown error");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(strerror_names_every_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
