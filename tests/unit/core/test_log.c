/* core/log.c: px_log() writes one line a call on stderr, "praxis: LEVEL:
 * message", or "<N>message" when $JOURNAL_STREAM names stderr (and only
 * then); control bytes cannot break the line; long messages are cut. */
#include "../unit.h"

#include "core/core.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* What px_log(level, "%s", msg) writes, with stderr sent to a file. */
static char *logged(enum px_log_level level, const char *msg, int journal)
{
	char path[] = "/tmp/px-test-log-XXXXXX";
	int fd = mkstemp(path), saved = dup(2);
	assert_true(fd >= 0 && saved >= 0);
	dup2(fd, 2);
	struct stat st;
	fstat(fd, &st);
	char js[64];
	snprintf(js, sizeof js, "%llu:%llu", (unsigned long long)st.st_dev,
		 (unsigned long long)st.st_ino + (journal ? 0 : 1));
	setenv("JOURNAL_STREAM", js, 1);
	px_log(level, "%s", msg);
	unsetenv("JOURNAL_STREAM");
	dup2(saved, 2);
	close(saved);
	struct buf b;
	buf_init(&b, 1 << 20);
	assert_ok(buf_read_file(&b, path));
	close(fd);
	unlink(path);
	return buf_take(&b);
}

static void plain_and_journal(void **state)
{
	(void)state;
	char *s = logged(PX_LOG_WARNING, "login failed", 0);
	assert_string_equal(s, "praxis: warning: login failed\n");
	free(s);
	s = logged(PX_LOG_WARNING, "login failed", 1);
	assert_string_equal(s, "<4>login failed\n");
	free(s);
	s = logged(PX_LOG_ERR, "x", 1);
	assert_string_equal(s, "<3>x\n");
	free(s);
}

static void one_line_whatever_the_message(void **state)
{
	(void)state;
	char *s = logged(PX_LOG_NOTICE, "a\nb\r\x1b[31m", 0);
	assert_string_equal(s, "praxis: notice: a\\x0Ab\\x0D\\x1B[31m\n");
	free(s);
	char big[5000];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	s = logged(PX_LOG_INFO, big, 0);
	size_t n = strlen(s);
	assert_true(n < 2100 && !strcmp(s + n - 5, "x...\n") && !strchr(s, '\n')[1]);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_and_journal),
		cmocka_unit_test(one_line_whatever_the_message),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
