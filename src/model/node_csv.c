/* The CSV form of nodes (RFC 4180): what `praxis export --format csv` and
 * the web's CSV listings write, one row per node. */
#include "model.h"

#include <string.h>

const char node_csv_header[] = "nid,type,title,subtitle,country,city,themes,labels,population,"
			       "relations,language,author,body,summary,solution,collaboration,"
			       "impact,transfer\r\n";

static enum px_err csv_list(struct buf *b, const struct strlist *l, struct buf *tmp)
{
	buf_reset(tmp);
	enum px_err err = buf_adds(tmp, "");
	for (size_t i = 0; !err && i < strlist_len(l); i++)
		err = buf_printf(tmp, "%s%s", i ? " | " : "", strlist_get(l, i));
	return err ? err : buf_add_csv(b, tmp->data, 0);
}

enum px_err node_write_csv(const struct node *n, struct buf *b)
{
	struct buf tmp;
	buf_init(&tmp, BUF_CAP_DEFAULT);
	const char *sections[SECTION_COUNT] = {0};
	for (size_t i = 0; i < node_section_count(n); i++)
		sections[node_section(n, i)->key] = node_section(n, i)->text;
	enum px_err err = buf_printf(b, "%lld,", (long long)n->nid);
	const char *head[] = {node_type_name(n->type), n->title, n->subtitle, n->country, n->city};
	for (size_t i = 0; !err && i < sizeof head / sizeof head[0]; i++)
		err = buf_add_csv(b, head[i], 0);
	if (!err)
		err = csv_list(b, &n->themes, &tmp);
	if (!err)
		err = csv_list(b, &n->labels, &tmp);
	if (!err)
		err = n->population >= 0 ? buf_printf(b, "%lld,", (long long)n->population)
					 : buf_addc(b, ',');
	if (!err)
		err = csv_list(b, &n->relations, &tmp);
	const char *tail[] = {n->language, n->author, n->body};
	for (size_t i = 0; !err && i < sizeof tail / sizeof tail[0]; i++)
		err = buf_add_csv(b, tail[i], 0);
	for (int k = 0; !err && k < SECTION_COUNT; k++)
		err = buf_add_csv(b, sections[k], k == SECTION_COUNT - 1);
	buf_free(&tmp);
	return err;
}
