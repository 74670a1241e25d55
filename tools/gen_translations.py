#!/usr/bin/env python3
"""Turns Debian's FreeDict dictionaries (dict-freedict-*, installed by
scripts/deps) into the term translation table of text_translate().

Usage: gen_translations.py [--dictd DIR] [--apertium DIR] [--stats] OUT_BIN

Reads DIR/freedict-AAA-BBB.index and .dict.dz for every pair of EU languages
(ISO 639-3 codes, mapped to ISO 639-1), and the bilingual dictionaries of
the installed Apertium pairs (APERTIUM/apertium-*/AA-BB.autobil.bin, dumped
by lttoolbox's lt-print), and writes OUT_BIN in the format documented at the
top of src/text/translate.c. Python 3 standard library and lt-print only.

What becomes a translation:
 - each Apertium entry whose two sides are single words of a content part of
   speech (APERTIUM_POS: noun, adjective, verb, adverb) gives its lemma's
   translation, ranked before FreeDict's senses: Apertium's dictionaries are
   made for translating running text, so they give the everyday sense
   ("vivienda" -> "housing", where FreeDict has "abode", "dwelling");
 - each dictionary entry gives its headword's first MAX_SENSES senses, and
   in each sense the comma-separated alternatives that are one word once
   parenthesised glosses, [domain] and <grammar> notes are removed ("to X"
   counts as X in English); definitions, examples, "see:" and "Note:" lines
   are dropped; at most MAX_PER_ENTRY words per entry;
 - both sides are folded exactly like text_fold() (case folded, NFKC, marks
   stripped), words of more than TOKEN_MAX bytes are dropped;
 - a dictionary A->B also gives the inverse translations B->A where no
   dictionary B->A translates the word into A (flag INVERSE);
 - where a word has no direct translation into a language, it gets pivot
   translations through a third language (English first, since most
   dictionaries pair with it): the words reached through the most distinct
   pivot words (at least MIN_VOTES: one path alone is too often a wrong
   sense), at most MAX_PIVOT per language (flag PIVOT).
And from CLDR's emoji annotations (the npm package cldr-annotations-full,
--cldr DIR), the keywords every CLDR locale gives each emoji: a concept
lexicon of about 2,000 concepts in all 24 languages, the only one here for
Estonian, Latvian and Maltese, and the largest into Slovak, Lithuanian,
Romanian and Slovenian ("coffee" -> "kohv", "kafija"; "light" -> "svetlo").
A keyword of one language translates to the keywords of another that share
its emoji the most (Dice over their emoji: "coffee" shares one with "kohv",
whereas "jook", drink, has twenty), at least MIN_DICE, at most MAX_CLDR;
only into a language no dictionary translates the word into (flag
INVERSE: they fill gaps).
Translations of one word are stored best first: direct before inverse
before pivot, then by sense order.
"""
import argparse
import array
import collections
import functools
import gc
import gzip
import json
import multiprocessing
import os
import re
import struct
import subprocess
import sys
import time
import unicodedata

# ISO 639-3 (FreeDict) -> ISO 639-1 for the EU's official languages.
LANGS = {
    "bul": "bg", "ces": "cs", "dan": "da", "deu": "de", "ell": "el", "eng": "en",
    "est": "et", "fin": "fi", "fra": "fr", "gle": "ga", "hrv": "hr", "hun": "hu",
    "ita": "it", "lav": "lv", "lit": "lt", "mlt": "mt", "nld": "nl", "pol": "pl",
    "por": "pt", "ron": "ro", "slk": "sk", "slv": "sl", "spa": "es", "swe": "sv",
}
TOKEN_MAX = 64       # bytes, TEXT_TOKEN_MAX in src/text/text.h
MAX_SENSES = 3       # senses read per dictionary entry
MAX_PER_ENTRY = 4    # words kept per dictionary entry
MAX_DIRECT = 3       # direct (and inverse) translations per word and language
MAX_PIVOT = 3        # pivot translations per word and language
MIN_VOTES = 2        # distinct pivot words that must agree on a pivot translation
INVERSE_RANK = 1000  # ranks of inverse translations start here
PIVOT_VIA = 3        # best translations per pivot language that are followed

# Apertium's language codes (pair directories and file names) -> ISO 639-1.
APERTIUM_LANGS = {
    "bul": "bg", "dan": "da", "eng": "en", "en": "en", "spa": "es", "es": "es", "fra": "fr", "fr": "fr",
    "hbs": "hr", "ita": "it", "it": "it", "por": "pt", "pt": "pt", "ron": "ro", "ro": "ro", "slv": "sl",
    "swe": "sv",
}
APERTIUM_POS = {"n", "adj", "vblex", "vbmod", "adv"}
APERTIUM_DEPTH = 150  # symbols on one path of a dictionary: no entry is longer
APERTIUM_STEPS = 40   # steps per arc a walk may take: a dictionary takes a few, a pattern explodes

CLDR_RANK = 2000     # ranks of CLDR's keyword translations start here, after inverse ones
MAX_CLDR = 2         # CLDR translations per word and language
MIN_DICE = 0.5       # how much of their emoji two keywords must share

FLAG_INVERSE = 1
FLAG_PIVOT = 2

MAGIC = b"PXTR"
VERSION = 2
HEADER = 32
MAX_NODES = 1 << 24  # an edge keeps its target in 24 bits
FLAGS_SHIFT = 24     # an edge's flags sit above its target
LANG_SHIFT = 27      # a word's language sits above its first edge

# dictd's base64: the usual alphabet, read as a big-endian number, no padding.
B64 = {c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def b64_number(s):
    v = 0
    for c in s:
        v = v * 64 + B64[c]
    return v


MARKS = ("Mn", "Mc", "Me")  # what utf8proc's STRIPMARK removes


# fold() and is_word() are memoised: the dictionaries repeat their words
# (reading FreeDict, 5.5 and 7 million calls, three in four on a string
# seen before).
@functools.lru_cache(maxsize=None)
def fold(s):
    """text_fold() in Python: utf8proc_map(CASEFOLD|COMPOSE|COMPAT|STABLE|STRIPMARK)."""
    if s.isascii():
        return s.lower()
    s = unicodedata.normalize("NFKD", s).casefold()
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if unicodedata.category(c) not in MARKS)
    return unicodedata.normalize("NFC", s)


@functools.lru_cache(maxsize=None)
def is_word(s):
    """One token of text_tokenize(): letters, digits and marks only, with a letter."""
    if s.isascii():  # ASCII letters and digits are categories L and N
        return s.isalnum() and not s.isdigit()
    has_letter = False
    for c in s:
        cat = unicodedata.category(c)
        if cat[0] == "L":
            has_letter = True
        elif cat[0] not in "MN":
            return False
    return has_letter


NOTES = [re.compile(p) for p in (r"\([^()]*\)", r"\[[^\[\]]*\]", r"<[^<>]*>", r"\{[^{}]*\}")]
SENSE_NO = re.compile(r"^\s*(\d+)\.(\s+|$)")
TRAILING_NO = re.compile(r"\s+\d+\.\s*$")
HEAD = re.compile(r"^(.*?)(\s+/.*|\s+<[^>]*>.*)?$")


NOTE_OPENERS = re.compile(r"[(\[<{]")


def strip_notes(s):
    if not NOTE_OPENERS.search(s):  # most senses have none
        return s
    for _ in range(4):  # nested brackets, innermost first
        t = s
        for r in NOTES:
            t = r.sub(" ", t)
        if t == s:
            break
        s = t
    return s


# (ISO 639-1 language, folded word) -> the word as a dictionary writes it, with
# its accents and case ("städte"'s form is "Städte"): what a reader is shown.
FORMS = {}


def note_form(lang, folded, written):
    if lang != "de":  # a capital is a headword's ("Red", "Good"), not the word's; German nouns keep theirs
        written = written.lower()
    if folded != written and len(written.encode("utf-8")) <= TOKEN_MAX:
        FORMS.setdefault((lang, folded), written)


def words_of(text, english, lang=None):
    """The single words among the alternatives of one sense, folded (their
    written forms noted for language lang)."""
    out = []
    for alt in re.split(r"[,;]", strip_notes(text)):
        alt = alt.strip().strip(".!?:\u2026\"'")
        if english and alt.startswith("to "):
            alt = alt[3:].strip()
        if not alt or not is_word(alt):
            continue
        f = fold(alt)
        if len(f) >= 2 and len(f.encode("utf-8")) <= TOKEN_MAX:
            out.append(f)
            if lang:
                note_form(lang, f, alt)
    return out


def senses_of(lines):
    """Sense texts of an entry body: its first line, then lines numbered "N."."""
    senses = []
    for i, line in enumerate(lines):
        s = line.strip()
        if not s:
            continue
        m = SENSE_NO.match(line)
        if m:
            s = line[m.end():]
        elif senses or s.lower().startswith(("see:", "see also:", "synonym", "note:")):
            continue  # definitions, examples and cross references
        s = TRAILING_NO.sub("", s)
        if s.strip():
            senses.append(s)
        elif not senses:
            senses.append("")  # "N." without text still ends the first line's role
        if len(senses) >= MAX_SENSES:
            break
    return senses


def read_dict(path_base, from_lang, to_lang):
    """Yields (headword, [translations]) for each entry of one dictionary."""
    with gzip.open(path_base + ".dict.dz") as f:
        data = f.read()
    seen = set()
    with open(path_base + ".index", encoding="utf-8", errors="replace") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) < 3 or parts[0].startswith("00database") or parts[0].startswith("00-database"):
                continue
            try:
                off, size = b64_number(parts[1]), b64_number(parts[2])
            except KeyError:
                continue
            if off in seen or off + size > len(data):
                continue
            seen.add(off)
            body = data[off:off + size].decode("utf-8", errors="replace").split("\n")
            head = HEAD.match(body[0].strip()).group(1).strip()
            if not is_word(head):
                continue
            hw = fold(head)
            if len(hw) < 2 or len(hw.encode("utf-8")) > TOKEN_MAX:
                continue
            note_form(from_lang, hw, head)
            trans = []
            for sense in senses_of(body[1:]):
                for w in words_of(sense, to_lang == "en", to_lang):
                    if w not in trans and w != hw:
                        trans.append(w)
            if trans:
                yield hw, trans[:MAX_PER_ENTRY]


def att_sections(text):
    """The transducers of lt-print's ATT dump: (arcs by state, finals)."""
    for sec in text.split("\n--\n"):
        arcs = collections.defaultdict(list)
        for line in sec.split("\n"):
            f = line.split("\t")
            if len(f) >= 4:
                arcs[int(f[0])].append((int(f[1]), f[2], f[3]))
        yield arcs


def bidix_entries(arcs):
    """(lemma, part of speech, translation) of every path of one dictionary:
    the characters before each side's first tag, and the first input tag.
    A path stops once both sides have reached a tag, and never enters a state
    it has passed: the loops of a dictionary (any tag, any letter) give no
    words."""
    out = set()
    on_path = set()
    budget = [APERTIUM_STEPS * sum(len(x) for x in arcs.values())]

    def walk(st, a, b, a_done, b_done, pos):
        budget[0] -= 1
        if budget[0] < 0:
            return
        if a_done and b_done:
            out.add((a, pos, b))
            return
        if len(on_path) > APERTIUM_DEPTH:
            return
        on_path.add(st)
        for t, i, o in arcs.get(st, ()):
            if t in on_path:
                continue
            na, nb, nad, nbd, npos = a, b, a_done, b_done, pos
            if i != "\u03b5":
                if i.startswith("<") and len(i) > 2:
                    if not nad:
                        nad, npos = True, i[1:-1]
                elif not nad:
                    na += i
            if o != "\u03b5":
                if o.startswith("<") and len(o) > 2:
                    nbd = True
                elif not nbd:
                    nb += o
            walk(t, na, nb, nad, nbd, npos)
        on_path.discard(st)

    walk(0, "", "", False, False, "")
    return out if budget[0] >= 0 else set()  # a pattern (numbers, URLs): no words


def apertium_files(root):
    """(from, to, path) of every installed pair's dictionary between EU languages."""
    files = []
    if not os.path.isdir(root):
        return files
    for d in sorted(os.listdir(root)):
        if not d.startswith("apertium-") or not os.path.isdir(os.path.join(root, d)):
            continue
        for name in sorted(os.listdir(os.path.join(root, d))):
            m = re.fullmatch(r"([a-z]{2,3})-([a-z]{2,3})\.autobil\.bin", name)
            if m and m.group(1) in APERTIUM_LANGS and m.group(2) in APERTIUM_LANGS:
                files.append((APERTIUM_LANGS[m.group(1)], APERTIUM_LANGS[m.group(2)], os.path.join(root, d, name)))
    return files


def read_bidix(path, from_lang, to_lang):
    """Yields (lemma, [translations]) of one Apertium dictionary, folded."""
    att = subprocess.run(["lt-print", path], capture_output=True, text=True, check=True).stdout
    trans = collections.defaultdict(list)
    for arcs in att_sections(att):
        for a, pos, b in sorted(bidix_entries(arcs)):
            if pos not in APERTIUM_POS or not is_word(a) or not is_word(b):
                continue
            fa, fb = fold(a), fold(b)
            if fa != fb and len(fa) >= 2 and len(fb) >= 2 and max(len(fa.encode()), len(fb.encode())) <= TOKEN_MAX \
                    and fb not in trans[fa]:
                trans[fa].append(fb)
                note_form(from_lang, fa, a)
                note_form(to_lang, fb, b)
    for a in sorted(trans):
        yield a, trans[a][:MAX_PER_ENTRY]


def read_in_worker(job):
    """One dictionary read in a worker process: (reader, path, from, to) ->
    the reader's entries and the written forms it noted (FORMS is the
    worker's own)."""
    reader, path, from_lang, to_lang = job
    FORMS.clear()
    return list(reader(path, from_lang, to_lang)), dict(FORMS)


class Graph:
    def __init__(self):
        self.node_ids = {}  # (lang index, folded word) -> node id
        self.nodes = []     # node id -> (lang index, folded word)
        self.edges = collections.defaultdict(list)  # node id -> [(rank, target node id)]; lower rank is better

    def node(self, lang, word):
        key = (lang, word)
        n = self.node_ids.get(key)
        if n is None:
            n = self.node_ids[key] = len(self.nodes)
            self.nodes.append(key)
        return n

    def add(self, a, b, rank):
        self.edges[a].append((rank, b))


def direct_lists(g):
    """node -> {lang: [(target, flags)...]}: the best MAX_DIRECT direct translations."""
    out = {}
    nodes = g.nodes
    for a, lst in g.edges.items():
        by_lang = {}
        seen = set()
        own = set()  # languages a dictionary of a's language translates a into
        for rank, b in sorted(lst, key=lambda x: (x[0], nodes[x[1]][1])):
            lb = nodes[b][0]
            if b in seen or (rank >= INVERSE_RANK and lb in own) or (rank >= CLDR_RANK and lb in by_lang):
                continue  # inverse translations only fill gaps, CLDR's the gaps left
            seen.add(b)
            if rank < INVERSE_RANK:
                own.add(lb)
            d = by_lang.setdefault(lb, [])
            if len(d) < MAX_DIRECT:
                d.append((b, FLAG_INVERSE if rank >= INVERSE_RANK else 0))
        out[a] = by_lang
    g.edges = None  # no longer needed: free it before the pivots
    return out


def pivots(g, direct, langs, english):
    """node -> {lang: [target...]} for languages without a direct translation."""
    out = {}
    nodes = g.nodes
    reach = {}  # pivot word -> [(its target's language, rank, target)]: a word is a pivot for many

    def reached(p):
        r = reach.get(p)
        if r is None:
            r = reach[p] = [(t_lang, tr, t) for t_lang, tlist in direct.get(p, {}).items()
                            for tr, (t, _) in enumerate(tlist[:PIVOT_VIA])]
        return r

    for a, by_lang in direct.items():
        la = nodes[a][0]
        votes = {}  # target -> [distinct pivot words, best rank]
        for p_lang, plist in by_lang.items():
            bonus = 1 if p_lang == english else 0
            for pr, (p, _) in enumerate(plist[:PIVOT_VIA]):
                for t_lang, tr, t in reached(p):
                    if t_lang == la or t_lang in by_lang:
                        continue
                    rank = pr + tr - bonus
                    v = votes.get(t)
                    if v is None:
                        votes[t] = [1, rank]
                    else:
                        v[0] += 1
                        if rank < v[1]:
                            v[1] = rank
        per_lang = collections.defaultdict(list)
        for t, (nv, best) in votes.items():
            if nv >= MIN_VOTES:  # one path alone is too often a wrong sense
                per_lang[nodes[t][0]].append((-nv, best, nodes[t][1], t))
        res = {}
        for t_lang, c in per_lang.items():
            c.sort()
            res[t_lang] = [(x[3], FLAG_PIVOT) for x in c[:MAX_PIVOT]]
        if res:
            out[a] = res
    return out


def read_cldr(root, langs):
    """{lang: {folded keyword: set(emoji)}} of CLDR's annotations for langs."""
    out = {}
    for lang in langs:
        path = os.path.join(root, "annotations", lang, "annotations.json")
        with open(path, encoding="utf-8") as f:
            ann = json.load(f)["annotations"]["annotations"]
        words = collections.defaultdict(set)
        for emoji, a in ann.items():
            for kw in a.get("default", []) + a.get("tts", []):
                w = fold(kw.strip())
                if is_word(w) and len(w.encode("utf-8")) <= TOKEN_MAX:
                    words[w].add(emoji)
                    note_form(lang, w, kw.strip())
        out[lang] = words
    return out


def cldr_pairs(kw, la, lb):
    """(word of la, [words of lb, best first]) by the Dice of their emoji."""
    by_emoji = collections.defaultdict(list)
    for w, es in kw[lb].items():
        for e in es:
            by_emoji[e].append(w)
    for w, es in kw[la].items():
        shared = collections.Counter(t for e in es for t in by_emoji.get(e, ()))
        scored = sorted(((2 * n / (len(es) + len(kw[lb][t])), t) for t, n in shared.items()), key=lambda x: (-x[0], x[1]))
        best = [t for d, t in scored if d >= MIN_DICE][:MAX_CLDR]
        if best:
            yield w, best


def build(dictd, apertium, stats, cldr=None):
    t0 = time.time()
    g, langs, per_dict, ndicts = read_all(dictd, apertium, cldr)
    t_read = time.time() - t0
    direct = direct_lists(g)
    piv = pivots(g, direct, langs, langs.index("en") if "en" in langs else -1)
    t_pivot = time.time() - t0 - t_read
    blob, pair_counts = table(g, langs, direct, piv, stats)
    if stats:
        print("dictionaries: %d, languages: %s" % (ndicts, " ".join(langs)), file=sys.stderr)
        print("read %.1fs, pivots %.1fs, total %.1fs" % (t_read, t_pivot, time.time() - t0), file=sys.stderr)
        for k in sorted(per_dict):
            print("  dict %s: %d word pairs" % (k, per_dict[k]), file=sys.stderr)
        for (a, b, kind), c in sorted(pair_counts.items()):
            print("  pair %s->%s %s: %d" % (a, b, kind, c), file=sys.stderr)
    return blob


def read_all(dictd, apertium, cldr):
    """The graph of every dictionary's translations: (graph, languages,
    word pairs per dictionary, FreeDict dictionaries read)."""
    files = []
    for name in sorted(os.listdir(dictd)):
        m = re.fullmatch(r"freedict-([a-z]{3})-([a-z]{3})\.index", name)
        if m and m.group(1) in LANGS and m.group(2) in LANGS:
            files.append((m.group(1), m.group(2), os.path.join(dictd, name[:-len(".index")])))
    if not files:
        sys.exit("gen_translations: no FreeDict dictionaries in %s (run scripts/deps)" % dictd)
    bidix = apertium_files(apertium) if apertium else []
    langs = sorted({LANGS[a] for a, _, _ in files} | {LANGS[b] for _, b, _ in files} |
                   {a for a, _, _ in bidix} | {b for _, b, _ in bidix})
    li = {c: i for i, c in enumerate(langs)}
    g = Graph()
    per_dict = {}
    # Every dictionary is read in worker processes, FreeDict's first, while
    # this one builds the graph from their results in file order, as a
    # single process would: the table is the same byte for byte (a word's
    # written form is the first one noted, FreeDict's before Apertium's).
    # Reading is most of the build, and the build is on make test's
    # critical path: nothing links before the table.
    pool = multiprocessing.Pool(os.cpu_count() or 1)
    read = pool.imap(read_in_worker, [(read_dict, base, LANGS[a3], LANGS[b3]) for a3, b3, base in files])
    walked = pool.map_async(read_in_worker, [(read_bidix, path, a2, b2) for a2, b2, path in bidix]) if bidix else None
    for (a3, b3, _), (entries, forms) in zip(files, read):
        for k, v in forms.items():
            FORMS.setdefault(k, v)
        la, lb = li[LANGS[a3]], li[LANGS[b3]]
        n = 0
        for hw, trans in entries:
            h = g.node(la, hw)
            for r, w in enumerate(trans):
                t = g.node(lb, w)
                g.add(h, t, 1 + r)                # the dictionary's own order, after Apertium's
                g.add(t, h, INVERSE_RANK + 1 + r)  # then inverse translations
                n += 1
        per_dict["%s-%s" % (a3, b3)] = n
    for (a2, b2, path), (entries, forms) in zip(bidix, walked.get() if walked else []):
        for k, v in forms.items():
            FORMS.setdefault(k, v)
        la, lb = li[a2], li[b2]
        n = 0
        for lemma, trans in entries:
            h = g.node(la, lemma)
            for w in trans:
                t = g.node(lb, w)
                g.add(h, t, 0)
                g.add(t, h, INVERSE_RANK)
                n += 1
        per_dict["apertium %s" % os.path.basename(path)] = n
    pool.close()
    pool.join()
    if cldr:
        kw = read_cldr(cldr, sorted(set(LANGS.values())))
        for lang in kw:
            if lang not in li:
                li[lang] = len(langs)
                langs.append(lang)
        for a2 in kw:
            for b2 in kw:
                if a2 == b2:
                    continue
                n = 0
                for w, trans in cldr_pairs(kw, a2, b2):
                    h = g.node(li[a2], w)
                    for r, t in enumerate(trans):
                        g.add(h, g.node(li[b2], t), CLDR_RANK + r)
                        n += 1
                per_dict["cldr %s-%s" % (a2, b2)] = n
    return g, langs, per_dict, len(files)


def table(g, langs, direct, piv, stats):
    """The table's bytes (the format at the top of src/text/translate.c),
    and with stats the translations per language pair and kind."""
    # Nodes in the table: those with translations and every target.
    nodes = g.nodes
    keep = set(direct) | set(piv)
    for d in (direct, piv):
        keep.update([t for by_lang in d.values() for lst in by_lang.values() for t, _ in lst])
    order = sorted(keep, key=lambda n: (nodes[n][1].encode("utf-8"), nodes[n][0]))
    if len(order) >= MAX_NODES:
        sys.exit("gen_translations: too many words (%d)" % len(order))
    index = {n: i for i, n in enumerate(order)}

    pool = bytearray()
    pool_off = {}
    entries = array.array("I")  # 7 million edges: packed by array, not struct per edge
    edges = array.array("I")
    nedges = 0
    pair_counts = collections.Counter()
    for n in order:
        lang, word = nodes[n]
        wb = word.encode("utf-8")
        form = FORMS.get((langs[lang], word), word).encode("utf-8")
        fb = b"" if form == wb else form
        off = pool_off.get((wb, fb))
        if off is None:
            off = pool_off[(wb, fb)] = len(pool)
            pool += bytes([len(wb)]) + wb + bytes([len(fb)]) + fb
        out = []  # the edges: flags << FLAGS_SHIFT | target
        by_lang = direct.get(n)
        if by_lang:
            for t_lang in sorted(by_lang):
                out += [f << FLAGS_SHIFT | index[t] for t, f in by_lang[t_lang]]
            out.sort(key=lambda e: e >> FLAGS_SHIFT)  # stable: direct before inverse, sense order kept
        by_lang = piv.get(n)
        if by_lang:
            for t_lang in sorted(by_lang):
                out += [f << FLAGS_SHIFT | index[t] for t, f in by_lang[t_lang]]
        entries.append(off)
        entries.append(nedges | lang << LANG_SHIFT)
        edges.extend(out)
        if stats:
            for e in out:
                kind = "pivot" if e >> FLAGS_SHIFT & FLAG_PIVOT else "direct"
                pair_counts[(langs[lang], langs[nodes[order[e & (MAX_NODES - 1)]][0]], kind)] += 1
        nedges += len(out)
    if nedges >= 1 << LANG_SHIFT or len(pool) >= 1 << 32:
        sys.exit("gen_translations: table too large")
    entries.extend((0, nedges))  # sentinel: where the last word's translations end
    if sys.byteorder != "little":  # the table is little-endian
        entries.byteswap()
        edges.byteswap()
    entries, edges = entries.tobytes(), edges.tobytes()
    lang_table = b"".join(c.encode("ascii").ljust(4, b"\0") for c in langs)
    size = HEADER + len(lang_table) + len(entries) + len(edges) + len(pool)
    header = struct.pack("<4sIIIIIII", MAGIC, VERSION, len(langs), len(order), nedges, len(pool), size, 0)
    blob = header + lang_table + entries + edges + pool
    assert len(blob) == size
    if stats:
        print("words %d, translations %d, pool %d bytes, table %d bytes" % (len(order), nedges, len(pool), size),
              file=sys.stderr)
    return blob, pair_counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dictd", default="/usr/share/dictd")
    ap.add_argument("--apertium", default="/usr/share/apertium",
                    help="where the Apertium pairs are installed ('' for none)")
    ap.add_argument("--cldr", default="node_modules/cldr-annotations-full",
                    help="CLDR's annotations (npm cldr-annotations-full; '' for none)")
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("out")
    args = ap.parse_args()
    # Tens of millions of small objects live until the end, and nothing here
    # makes a reference cycle: the collector's full passes over them took
    # more time than the work.
    gc.disable()
    blob = build(args.dictd, args.apertium, args.stats, args.cldr)
    tmp = args.out + ".tmp"
    os.makedirs(os.path.dirname(args.out) or ".", exist_ok=True)
    with open(tmp, "wb") as f:
        f.write(blob)
    os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
