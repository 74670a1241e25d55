# bench/search.mk — the search benchmark (issue #3). The root Makefile
# includes it; `make -f bench/search.mk TARGET` also works on its own (it
# then reads the root Makefile for LIB_SRC, WARN, DEPCF, DEPLIBS and the
# build/obj rules).
#
#   make bench            scripts/deps-bench, then bench/search.py
#                         (SIZES=10000,100000 ENGINES=... SECONDS=... QUERIES=...)
#   make bench-drivers    builds every driver into build/bench/
ifndef BENCH_SEARCH_MK
BENCH_SEARCH_MK := 1
ifndef LIB_SRC
include Makefile
endif

CXX        ?= g++
BENCH_CF   := -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Wshadow -Werror
BENCH_CXXF := -std=c++17 -O2 -g -Wall -Wextra -Wshadow -Werror
BENCH_JSON := $(shell pkg-config --cflags --libs jansson 2>/dev/null || echo -ljansson)
# praxis' index: its sources (not yet in LIB_SRC) and libraries the root
# Makefile may not link yet (Snowball, CRoaring), when they are installed.
BENCH_PRAXIS_SRC  := $(sort $(LIB_SRC) $(wildcard src/index/*.c))
BENCH_PRAXIS_LIBS ?= $(if $(wildcard /usr/lib/*/libstemmer.so),-lstemmer) \
                     $(if $(wildcard /usr/lib/*/libroaring.so),-lroaring) -lm
BENCH_DRIVERS := build/bench/gen_corpus build/bench/sqlite_driver build/bench/xapian_driver \
                 build/bench/pg_driver build/bench/praxis_driver

.PHONY: bench bench-drivers bench-deps
bench: bench-deps
	@python3 bench/search.py

bench-deps:
	@scripts/deps-bench

bench-drivers: $(BENCH_DRIVERS)

build/bench/gen_corpus: bench/search/gen_corpus.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CF) -o $@ $< -lm

build/bench/driver.o: bench/search/driver.c bench/search/driver.h
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CF) $(shell pkg-config --cflags jansson 2>/dev/null) -c -o $@ $<

build/bench/sqlite_driver: bench/search/sqlite_driver.c build/bench/driver.o
	$(CC) $(BENCH_CF) -o $@ $^ $(shell pkg-config --cflags --libs sqlite3 2>/dev/null || echo -lsqlite3) \
		$(BENCH_JSON) -pthread

build/bench/xapian_driver: bench/search/xapian_driver.cc build/bench/driver.o
	$(CXX) $(BENCH_CXXF) -Ibench/search -o $@ $^ $(shell pkg-config --cflags --libs xapian-core 2>/dev/null || echo -lxapian) \
		$(BENCH_JSON) -pthread

build/bench/pg_driver: bench/search/pg_driver.c build/bench/driver.o
	$(CC) $(BENCH_CF) -o $@ $^ $(shell pkg-config --cflags --libs libpq 2>/dev/null || echo -lpq) \
		$(BENCH_JSON) -pthread

# Compiles against src/index/index.h; links once src/index/*.c exists.
build/bench/praxis_driver: bench/search/praxis_driver.c build/bench/driver.o \
		$(call objs,build/obj,$(BENCH_PRAXIS_SRC)) $(HDRS)
	$(CC) $(WARN) $(CFLAGS) $(DEPCF) -Isrc -Ibench/search -o $@ $< build/bench/driver.o \
		$(call objs,build/obj,$(BENCH_PRAXIS_SRC)) $(DEPLIBS) $(BENCH_PRAXIS_LIBS)
endif
