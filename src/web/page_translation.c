/* GET /node/{nid}/translation?to=LANG: a practice or story machine
 * translated (translation.c, src/mt/) into LANG, by default the reader's
 * language. Never waits for Apertium: a translation kept in the store is
 * shown; otherwise it is asked of the background thread and the page says
 * it is being made: its script (static/mt.js) shows the translation once
 * it is there, its link does without the script. (No meta refresh: a
 * page that reloads on a timer is a WCAG 2.2.1 failure, axe's
 * meta-refresh.) Every answer is
 * marked noindex (a machine's text is no page for search engines) and the
 * translated one links its original. */
#include "web_int.h"

#include "../model/model.h"
#include "../mt/mt.h"
#include "../store/store.h"
#include "../store/translation.h"

#include <string.h>
#include <unicode/uloc.h>
#include <unicode/ustring.h>

/* The name of language code in the reader's language, as in a sentence
 * ("español", "Spanish"): CLDR through ICU; the code if it has none. */
static const char *language_name(struct request *rq, const char *code)
{
	UChar u[64];
	char out[256];
	int32_t len = 0;
	UErrorCode e = U_ZERO_ERROR;
	int32_t n = uloc_getDisplayLanguage(code, rq->lang, u, 64, &e);
	if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || n <= 0)
		return code;
	u_strToUTF8(out, sizeof out, &len, u, n, &e);
	if (U_FAILURE(e) || e == U_STRING_NOT_TERMINATED_WARNING || !strcmp(out, code))
		return code;
	return arena_strndup(&rq->a, out, (size_t)len);
}

/* msgid translated, with each "{name}" of names[] replaced by its value. */
static const char *fill(struct request *rq, const char *msgid, const char *const names[][2], size_t n)
{
	const char *s = T(rq, msgid);
	for (size_t i = 0; s && i < n; i++) {
		const char *at = strstr(s, names[i][0]);
		if (at)
			s = arena_printf(&rq->a, "%.*s%s%s", (int)(at - s), s, names[i][1], at + strlen(names[i][0]));
	}
	return s;
}

static int translatable(const struct node *n)
{
	return (n->type == NODE_PRACTICE || n->type == NODE_ARTICLE) && node_language_known(n->language);
}

void translation_offer(struct request *rq, struct tv *scope, const struct node *n)
{
	struct mt_path p;
	if (!translatable(n) || !strcmp(n->language, rq->lang) || mt_path(rq->srv->mt, n->language, rq->lang, &p))
		return;
	struct tv *t = tv_map(&rq->a);
	tv_set_str(t, "url", arena_printf(&rq->a, "%s/node/%lld/translation", rq->root, (long long)n->nid));
	tv_set_str(t, "code", rq->lang);
	tv_set_str(t, "label", fill(rq, N_("Read in {language} (machine translation)"),
				    (const char *const[][2]){{"{language}", language_name(rq, rq->lang)}}, 1));
	tv_set(scope, "translation", t);
}

/* Sets key in map to v, replacing the value it has. */
static void replace(struct tv *map, const char *key, struct tv *v)
{
	for (size_t i = 0; v && i < map->len; i++)
		if (!strcmp(map->keys[i], key)) {
			map->items[i] = v;
			return;
		}
	tv_set(map, key, v);
}

/* The node's values with the translated pieces of doc in place. */
static void put_pieces(struct request *rq, struct tv *s, const char *doc)
{
	const char *v;
	if ((v = translation_piece(&rq->a, doc, "t")))
		replace(s, "title", tv_html(&rq->a, v));
	if ((v = translation_piece(&rq->a, doc, "s")))
		replace(s, "subtitle", tv_html(&rq->a, v));
	if ((v = translation_piece(&rq->a, doc, "b")))
		replace(s, "body", tv_html(&rq->a, v));
	struct tv *indicators = (struct tv *)tv_get(s, "indicators", 10);
	for (size_t i = 0; indicators && indicators->kind == TV_LIST && i < indicators->len; i++) {
		char key[24];
		snprintf(key, sizeof key, "i%zu", i);
		if ((v = translation_piece(&rq->a, doc, key)))
			replace(indicators->items[i], "name", tv_html(&rq->a, v));
	}
	struct tv *sections = (struct tv *)tv_get(s, "sections", 8);
	for (size_t i = 0; sections && sections->kind == TV_LIST && i < sections->len; i++) {
		struct tv *sec = sections->items[i];
		char key[24];
		snprintf(key, sizeof key, "x%zu", i);
		if ((v = translation_piece(&rq->a, doc, key)))
			replace(sec, "html", tv_html(&rq->a, v));
		snprintf(key, sizeof key, "h%zu", i);
		if (!tv_get(sec, "heading_lang", 12) && (v = translation_piece(&rq->a, doc, key)))
			replace(sec, "heading", tv_html(&rq->a, v));
	}
}

/* scope.mt: {to, from, original, notice, pending, none, failed}. */
static struct tv *mt_values(struct request *rq, const struct node *n, const char *to, const char *via)
{
	struct tv *m = tv_map(&rq->a);
	const char *const names[][2] = {{"{language}", language_name(rq, n->language)},
					{"{pivot}", via ? language_name(rq, via) : ""}};
	tv_set_str(m, "to", to);
	tv_set_str(m, "from", n->language);
	tv_set_str(m, "original", arena_printf(&rq->a, "%s/node/%lld", rq->root, (long long)n->nid));
	tv_set_str(m, "notice", fill(rq, via ? N_("Machine translation from {language} through {pivot} by Apertium.")
					     : N_("Machine translation from {language} by Apertium."),
				     names, 2));
	return m;
}

/* A page about the translation, not the translation: the original's
 * title, what is the matter, the link to the original. */
static void notice_page(struct request *rq, const struct node *n, const char *to, int status, const char *why,
			int pending)
{
	struct tv *s = tv_map(&rq->a), *m = mt_values(rq, n, to, NULL);
	const char *const names[][2] = {{"{language}", language_name(rq, to)},
					{"{from}", language_name(rq, n->language)},
					{"{to}", language_name(rq, to)}};
	tv_set_str(s, "title", n->title);
	tv_set_str(s, "language", n->language);
	tv_set_bool(s, "noindex", 1);
	tv_set_str(m, "message", fill(rq, why, names, 3));
	tv_set_bool(m, "pending", pending);
	tv_set_str(m, "self", arena_printf(&rq->a, "%s/node/%lld/translation?to=%s", rq->root, (long long)n->nid, to));
	tv_set(s, "mt", m);
	page_render(rq, "translation", s);
	if (rq->status != 503)
		rq->status = status;
	rq->cache = "no-store";
}

static void translated_page(struct request *rq, const struct node *n, const char *to, const struct translation *t)
{
	struct tv *s = page_node_values(rq, n);
	put_pieces(rq, s, t->html);
	replace(s, "language", tv_str(&rq->a, to));
	/* as on the original's page (page_node.c) */
	tv_set_bool(s, "revised", n->created && n->changed && strncmp(n->created, n->changed, 10));
	tv_set_bool(s, "contact_form", n->type == NODE_PRACTICE && contact_reachable(n));
	tv_set_bool(s, "noindex", 1);
	tv_set(s, "mt", mt_values(rq, n, to, *t->via ? t->via : NULL));
	page_render(rq, "translation", s);
}

void page_node_translation(struct request *rq)
{
	struct node *n = NULL;
	const char *to = request_param(rq, "to");
	enum px_err err = store_node_get(rq->st, rq->id, &n);
	if (!err && (!node_visible(rq, n) || !translatable(n))) {
		node_free(n);
		err = PX_ENOTFOUND;
	}
	if (err) {
		page_error(rq, err == PX_ENOTFOUND ? 404 : 503,
			   err == PX_ENOTFOUND ? N_("There is no practice or story with this number.")
					       : N_("The store cannot be read."));
		return;
	}
	if (!to || !*to)
		to = rq->lang;
	if (!node_language_known(to)) {
		node_free(n);
		page_error(rq, 404, N_("There is no such language."));
		return;
	}
	if (!strcmp(to, n->language)) { /* the original is in it */
		page_redirect(rq, arena_printf(&rq->a, "%s/node/%lld", rq->root, (long long)n->nid));
		node_free(n);
		return;
	}
	struct mt_path p;
	struct translation t;
	int64_t rev = store_node_rev(rq->st, n->nid);
	if (mt_path(rq->srv->mt, n->language, to, &p))
		notice_page(rq, n, to, 404, N_("No machine translation is available from {from} to {to}."), 0);
	else if (rev <= 0 || (err = store_translation_get(rq->st, n->nid, rev, to, &t)) == PX_ESTORE || err == PX_ENOMEM)
		page_error(rq, 503, N_("The store cannot be read."));
	else if (!err) {
		translated_page(rq, n, to, &t);
		free(t.html);
	} else {
		switch (mt_queue_ask(rq->srv->mtq, n, rev, to, &p)) {
		case MT_ASK_QUEUED:
			notice_page(rq, n, to, 200,
				    N_("The machine translation into {language} is being made. This page will show it in a few seconds."),
				    1);
			break;
		case MT_ASK_BUSY:
			page_error(rq, 503, N_("The machine translator is busy; try again in a minute."));
			break;
		case MT_ASK_FAILED:
			notice_page(rq, n, to, 503, N_("The machine translation could not be made."), 0);
			break;
		}
	}
	node_free(n);
}
