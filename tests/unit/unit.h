/* Shared by the unit tests: cmocka and the helpers they all use. Tests are
 * built with -Isrc, so they include module headers as "store/store.h". */
#ifndef PX_UNIT_H
#define PX_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

/* Asserts that the px_err expression e is PX_OK. */
#define assert_ok(e) assert_int_equal((e), PX_OK)

#endif
