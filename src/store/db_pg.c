/* PLACEHOLDER until the libpq driver lands (issue 17, in progress): every
 * connection fails with a clear message. */
#include "db_pg.h"

#include <stdlib.h>

struct pg {
	int unused;
};

int pg_connect(const char *uri, struct pg **out)
{
	(void)uri;
	*out = calloc(1, sizeof **out);
	return DB_CANTOPEN;
}
void pg_close(struct pg *c) { free(c); }
const char *pg_errmsg(struct pg *c) { (void)c; return "this praxis was built without PostgreSQL yet"; }
int pg_errcode(struct pg *c) { (void)c; return DB_CANTOPEN; }
int pg_exec(struct pg *c, const char *sql) { (void)c; (void)sql; return DB_ERROR; }
int pg_begin_read(struct pg *c) { (void)c; return DB_ERROR; }
int pg_begin_write(struct pg *c) { (void)c; return DB_ERROR; }
int pg_in_transaction(struct pg *c) { (void)c; return 0; }
int64_t pg_changes(struct pg *c) { (void)c; return 0; }
int pg_prepare(struct pg *c, const char *sql, struct pg_stmt **out) { (void)c; (void)sql; *out = NULL; return DB_ERROR; }
void pg_finalize(struct pg_stmt *q) { (void)q; }
int pg_reset(struct pg_stmt *q) { (void)q; return DB_ERROR; }
int pg_clear_bindings(struct pg_stmt *q) { (void)q; return DB_ERROR; }
int pg_bind_int64(struct pg_stmt *q, int i, int64_t v) { (void)q; (void)i; (void)v; return DB_ERROR; }
int pg_bind_double(struct pg_stmt *q, int i, double v) { (void)q; (void)i; (void)v; return DB_ERROR; }
int pg_bind_text(struct pg_stmt *q, int i, const char *s, int n) { (void)q; (void)i; (void)s; (void)n; return DB_ERROR; }
int pg_bind_null(struct pg_stmt *q, int i) { (void)q; (void)i; return DB_ERROR; }
int pg_bind_parameter_count(struct pg_stmt *q) { (void)q; return 0; }
int pg_step(struct pg_stmt *q) { (void)q; return DB_ERROR; }
int pg_column_count(struct pg_stmt *q) { (void)q; return 0; }
const char *pg_column_name(struct pg_stmt *q, int i) { (void)q; (void)i; return NULL; }
int pg_column_type(struct pg_stmt *q, int i) { (void)q; (void)i; return DB_NULL; }
int64_t pg_column_int64(struct pg_stmt *q, int i) { (void)q; (void)i; return 0; }
double pg_column_double(struct pg_stmt *q, int i) { (void)q; (void)i; return 0; }
const char *pg_column_text(struct pg_stmt *q, int i) { (void)q; (void)i; return NULL; }
int pg_column_bytes(struct pg_stmt *q, int i) { (void)q; (void)i; return 0; }
