// xapian_driver: Xapian peer of the search benchmark.
//
// Index (glass backend): TermGenerator with the node language's Snowball
// stemmer (STEM_SOME; none for Polish, which Xapian 1.4 lacks), fields weighted
// by wdf increments (title 10, subtitle 5, themes 3, text 1), FLAG_SPELLING so
// that the spelling table exists; boolean terms for the filters (XC country,
// XS city_size, XL language, XY type, XT theme); values for the facets
// (0 themes joined by \x1f, 1 country, 2 city_size, 3 language); document
// data = the text, for snippets; value 4 = nid. XAPIAN_FLUSH_THRESHOLD is
// raised to 100000 documents (default 10000) unless set. With
// BENCH_XAPIAN_COMPACT=1 the database is compacted after the commit
// (Database::compact, as xapian-compact does), inside the build time; off by
// default (at 10k it cost ~30% more build time for no query speed-up).
//
// Queries: QueryParser with the query language's stemmer, default op AND,
// FLAG_PHRASE|FLAG_BOOLEAN, plus FLAG_PARTIAL for prefix queries and
// FLAG_SPELLING_CORRECTION for typo queries (the typed query ORed with the
// corrected one when Xapian offers a correction). BM25 (default weights).
// Snippets by MSet::snippet(). Filtered: OP_FILTER over the boolean terms;
// facets by ValueCountMatchSpy (country, city_size, language) and a
// multi-value spy for themes, with checkatleast = every document so that the
// counts cover the whole result set. Threads: one Database per thread.
#include "driver.h"

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace {

const char *stem_name(const std::string &lang)
{
	static const std::map<std::string, const char *> m = {
		{"en", "english"}, {"fr", "french"}, {"de", "german"}, {"es", "spanish"}, {"it", "italian"},
		{"pt", "portuguese"}, {"nl", "dutch"}, {"el", "greek"}, {"ro", "romanian"}, {"sv", "swedish"},
		{"da", "danish"}, {"fi", "finnish"}, {"hu", "hungarian"}, {"lt", "lithuanian"}, {"ga", "irish"}};
	auto it = m.find(lang);
	return it == m.end() ? nullptr : it->second;
}

Xapian::Stem make_stem(const std::string &lang, std::string *missing)
{
	const char *n = stem_name(lang);
	if (n) {
		try {
			return Xapian::Stem(n);
		} catch (const Xapian::Error &) {
		}
	}
	if (missing && missing->find(lang) == std::string::npos)
		*missing += (missing->empty() ? "" : ",") + lang;
	return Xapian::Stem();
}

struct Eng {
	std::string path;
};

struct Load {
	Xapian::WritableDatabase *db;
	Xapian::TermGenerator *tg;
	std::map<std::string, Xapian::Stem> stems;
	std::string nostem;
	long long nodes = 0, raw = 0;
};

int load_one(const struct bdoc *d, void *arg)
{
	Load *l = static_cast<Load *>(arg);
	Xapian::Document doc;
	auto it = l->stems.find(d->language);
	if (it == l->stems.end())
		it = l->stems.emplace(d->language, make_stem(d->language, &l->nostem)).first;
	Xapian::TermGenerator &tg = *l->tg;
	tg.set_stemmer(it->second);
	tg.set_document(doc);
	tg.index_text(d->title, 10);
	tg.increase_termpos();
	tg.index_text(d->subtitle, 5);
	tg.increase_termpos();
	tg.index_text(d->themes, 3);
	tg.increase_termpos();
	tg.index_text(d->body);
	std::string themes;
	for (int i = 0; i < d->nthemes; i++) {
		if (i)
			themes += '\x1f';
		themes += d->themev[i];
		doc.add_boolean_term(std::string("XT") + d->themev[i]);
	}
	doc.add_boolean_term(std::string("XY") + d->type);
	doc.add_boolean_term(std::string("XL") + d->language);
	if (*d->country)
		doc.add_boolean_term(std::string("XC") + d->country);
	if (*d->city_size)
		doc.add_boolean_term(std::string("XS") + d->city_size);
	doc.add_value(0, themes);
	doc.add_value(1, d->country);
	doc.add_value(2, d->city_size);
	doc.add_value(3, d->language);
	doc.set_data(d->body);
	doc.add_value(4, std::to_string(d->nid));
	l->db->add_document(doc);
	l->nodes++;
	l->raw += static_cast<long long>(d->raw_bytes);
	return 0;
}

class MultiValueCount : public Xapian::MatchSpy {
      public:
	explicit MultiValueCount(Xapian::valueno s) : slot(s) {}
	void operator()(const Xapian::Document &doc, double) override
	{
		std::string v = doc.get_value(slot);
		size_t a = 0;
		while (a < v.size()) {
			size_t b = v.find('\x1f', a);
			if (b == std::string::npos)
				b = v.size();
			if (b > a)
				counts[v.substr(a, b - a)]++;
			a = b + 1;
		}
	}
	Xapian::MatchSpy *clone() const override { return new MultiValueCount(slot); }
	std::string name() const override { return "MultiValueCount"; }
	Xapian::valueno slot;
	std::map<std::string, Xapian::doccount> counts;
};

struct Handle {
	Xapian::Database db;
	Xapian::QueryParser qp;
	std::map<std::string, Xapian::Stem> stems;
	Xapian::doccount ndocs;
	explicit Handle(const std::string &p) : db(p)
	{
		qp.set_database(db);
		qp.set_default_op(Xapian::Query::OP_AND);
		qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
		ndocs = db.get_doccount();
	}
	const Xapian::Stem &stem(const std::string &lang)
	{
		auto it = stems.find(lang);
		if (it == stems.end())
			it = stems.emplace(lang, make_stem(lang, nullptr)).first;
		return it->second;
	}
};

void *h_open(void *e)
{
	try {
		return new Handle(static_cast<Eng *>(e)->path);
	} catch (const Xapian::Error &err) {
		fprintf(stderr, "xapian: %s\n", err.get_description().c_str());
		return nullptr;
	}
}

void h_close(void *h) { delete static_cast<Handle *>(h); }

const char *filter_prefix(const char *field)
{
	if (!strcmp(field, "themes"))
		return "XT";
	if (!strcmp(field, "country"))
		return "XC";
	if (!strcmp(field, "city_size"))
		return "XS";
	if (!strcmp(field, "language"))
		return "XL";
	if (!strcmp(field, "type"))
		return "XY";
	return nullptr;
}

// Exhaustive search for the best passage, without the background model
// (which looks up the frequency of every word of the text: 2-3x slower;
// BENCH_XAPIAN_SNIPPET_FLAGS=3 gives the library default).
unsigned snip_flags = Xapian::MSet::SNIPPET_EXHAUSTIVE;

int h_query(void *p, const struct bquery *q, struct bresult *r)
{
	Handle *h = static_cast<Handle *>(p);
	r->nhits = 0;
	r->total = -1;
	r->facet_values = r->facet_sum = 0;
	try {
		const Xapian::Stem &st = h->stem(q->lang);
		h->qp.set_stemmer(st);
		unsigned flags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN;
		if (q->type == Q_PREFIX)
			flags |= Xapian::QueryParser::FLAG_PARTIAL;
		if (q->type == Q_TYPO)
			flags |= Xapian::QueryParser::FLAG_SPELLING_CORRECTION;
		Xapian::Query query = h->qp.parse_query(q->text, flags);
		if (q->type == Q_TYPO) {
			std::string corr = h->qp.get_corrected_query_string();
			if (!corr.empty())
				query = Xapian::Query(Xapian::Query::OP_OR, query,
						      h->qp.parse_query(corr, flags & ~Xapian::QueryParser::FLAG_SPELLING_CORRECTION));
		}
		if (q->nfilters) {
			// same field ORed, different fields ANDed
			std::map<std::string, std::vector<Xapian::Query>> by;
			for (int i = 0; i < q->nfilters; i++) {
				const char *pre = filter_prefix(q->filters[i].field);
				if (pre)
					by[q->filters[i].field].emplace_back(std::string(pre) + q->filters[i].value);
			}
			std::vector<Xapian::Query> ands;
			for (auto &kv : by)
				ands.emplace_back(Xapian::Query::OP_OR, kv.second.begin(), kv.second.end());
			query = Xapian::Query(Xapian::Query::OP_FILTER, query,
					      Xapian::Query(Xapian::Query::OP_AND, ands.begin(), ands.end()));
		}
		Xapian::Enquire enq(h->db);
		enq.set_query(query);
		MultiValueCount themes(0);
		Xapian::ValueCountMatchSpy country(1), size(2), lang(3);
		bool facets = q->type == Q_FILTERED;
		if (facets) {
			enq.add_matchspy(&themes);
			enq.add_matchspy(&country);
			enq.add_matchspy(&size);
			enq.add_matchspy(&lang);
		}
		Xapian::MSet ms = enq.get_mset(0, BENCH_TOPK, facets ? h->ndocs : 0);
		for (Xapian::MSetIterator it = ms.begin(); it != ms.end() && r->nhits < BENCH_TOPK; ++it) {
			struct bhit *hit = &r->hits[r->nhits++];
			hit->nid = std::stoll(it.get_document().get_value(4));
			hit->score = it.get_weight();
			std::string sn = getenv("BENCH_NOSNIP") ? std::string() : ms.snippet(it.get_document().get_data(), 200, st,
						    snip_flags,
						    "<mark>", "</mark>", "…");
			bench_copy(hit->snippet, sizeof hit->snippet, sn.c_str());
		}
		if (facets) {
			r->total = ms.get_matches_estimated();
			for (auto &kv : themes.counts) {
				r->facet_values++;
				r->facet_sum += kv.second;
			}
			Xapian::ValueCountMatchSpy *spies[] = {&country, &size, &lang};
			for (auto *s : spies)
				for (Xapian::TermIterator t = s->values_begin(); t != s->values_end(); ++t) {
					if ((*t).empty())
						continue;
					r->facet_values++;
					r->facet_sum += t.get_termfreq();
				}
		}
		return 0;
	} catch (const Xapian::Error &err) {
		fprintf(stderr, "xapian: %s: %s\n", q->text, err.get_description().c_str());
		return -1;
	}
}

} // namespace

int main(int argc, char **argv)
{
	struct bench_args a;
	bench_parse_args(argc, argv, &a);
	setenv("XAPIAN_FLUSH_THRESHOLD", "100000", 0);
	if (getenv("BENCH_XAPIAN_SNIPPET_FLAGS"))
		snip_flags = static_cast<unsigned>(strtoul(getenv("BENCH_XAPIAN_SNIPPET_FLAGS"), nullptr, 0));
	static Eng g;
	g.path = std::string(a.dir) + "/xapian.db";
	std::string rm = "rm -rf '" + g.path + "' '" + g.path + ".c'";
	if (system(rm.c_str()) != 0)
		return 1;
	double t0 = bench_now();
	Load l;
	try {
		Xapian::WritableDatabase db(g.path, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_BACKEND_GLASS);
		Xapian::TermGenerator tg;
		tg.set_database(db);
		if (!getenv("BENCH_XAPIAN_NOSPELL")) tg.set_flags(Xapian::TermGenerator::FLAG_SPELLING);
		tg.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
		l.db = &db;
		l.tg = &tg;
		if (bench_docs_each(a.corpus, load_one, &l) != 0)
			return 1;
		db.commit();
		if (getenv("BENCH_XAPIAN_COMPACT")) {
			// a static index: compact it into a fresh database, as xapian-compact would
			db.compact(g.path + ".c", Xapian::DBCOMPACT_NO_RENUMBER);
			db.close();
			std::string mv = "rm -rf '" + g.path + "' && mv '" + g.path + ".c' '" + g.path + "'";
			if (system(mv.c_str()) != 0)
				return 1;
		} else
			db.close();
	} catch (const Xapian::Error &err) {
		fprintf(stderr, "xapian: build: %s\n", err.get_description().c_str());
		return 1;
	}
	double build = bench_now() - t0;
	long long total = bench_du(g.path.c_str());
	long long data = bench_du((g.path + "/docdata.glass").c_str());
	static std::string notes = "Snowball stemmers per language (none for: " + (l.nostem.empty() ? "-" : l.nostem) +
				   "); XAPIAN_FLUSH_THRESHOLD=" + getenv("XAPIAN_FLUSH_THRESHOLD") +
				   "; index_bytes = database without docdata.glass (the stored text), "
				   "spelling table included";
	struct bench_build b = {l.nodes, build, total - data, total, l.raw, notes.c_str()};
	struct bench_engine e = {"xapian", h_open, h_close, h_query, nullptr, &g};
	return bench_run(&a, &e, &b);
}
