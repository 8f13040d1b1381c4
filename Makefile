# rapporteur: plain Makefile (GNU make >= 4).
#   make          build gen/rapporteur, nothing else
#   make report   install packages, build, check content/, render out/
#   make test     the test suite
# `make report`, `make check`, `make test`, `make test-asan`, `make fuzz`,
# `make bench` and `make test-valgrind` first run `make deps`, which
# installs the Debian packages below when one is missing and does nothing
# otherwise.  `make` and `make install` never install packages.
#   make install [PREFIX=/usr/local] [DESTDIR=]   and   make uninstall

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
# The styles an installed tool uses outside a project: compiled in.
DATADIR	?= $(PREFIX)/share/rapporteur
DESTDIR	?=
CC	?= cc
# The user's flags, appended to the project's (RAP_CFLAGS): `make
# CFLAGS=-O0` changes the optimisation, not what the build needs.
CFLAGS	?= -O2 -g

# Debian 12 packages: build, fonts, hyphenation (all `make install`
# needs), and the test tools.  libreoffice-calc-nogui (tests/t-calc.sh)
# is the largest: 51 packages, about 84 MB to fetch, 250 MB installed.
# fontconfig's fc-cache (run when a font package is installed) writes the
# cache of the fonts' folders that gen/font.c reads at every start.
BUILD_DEBS = build-essential pkg-config \
	   libcmark-dev libxml2-dev libcairo2-dev \
	   libpango1.0-dev libhyphen-dev hyphen-fr hyphen-en-us zlib1g-dev \
	   libdeflate-dev libjemalloc-dev \
	   librsvg2-dev fonts-sil-charis fonts-noto-core fonts-noto-cjk \
	   fonts-wqy-microhei fonts-dejavu-core fonts-symbola fontconfig
DEBS	 = $(BUILD_DEBS) libxml2-utils mupdf-tools \
	   qpdf poppler-utils librsvg2-bin openjdk-17-jre-headless \
	   chromium git python3 python3-yaml locales strace \
	   libreoffice-calc-nogui

PKGS	 = libcmark libxml-2.0 cairo cairo-pdf pangocairo \
	   pangoft2 fontconfig glib-2.0 librsvg-2.0 libdeflate
PKG_CFLAGS != pkg-config --cflags $(PKGS) 2>/dev/null || true
PKG_LIBS   != pkg-config --libs $(PKGS) 2>/dev/null || true

RAP_CFLAGS = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Wswitch-enum \
	   -DDATADIR='"$(DATADIR)"' -Wno-unused-parameter $(PKG_CFLAGS)
ALL_CFLAGS = $(RAP_CFLAGS) $(CFLAGS)
RAP_LIBS = $(PKG_LIBS) -lhyphen -lz -lpthread -lm
ALL_LIBS = $(RAP_LIBS) $(LDLIBS)

HDRS	 = gen/report.h gen/extern.h gen/backend.h
OBJS	 = gen/arena.o gen/buf.o gen/cnum.o gen/diag.o gen/file.o gen/load.o gen/md.o \
	   gen/out.o gen/pdfpost.o gen/report.o gen/review.o gen/schema_data.o gen/stamp.o gen/tree.o gen/typo.o gen/utf8.o gen/util.o \
	   gen/validate.o gen/xml.o gen/xref.o gen/xmlcheck.o gen/scaffold.o gen/watch.o \
	   gen/font.o gen/theme.o gen/chart.o gen/svg.o gen/i18n.o gen/chartdesc.o gen/csv.o gen/sitemap.o gen/favicon.o gen/html.o gen/html_esc.o gen/json.o gen/style_data.o gen/search_data.o gen/layout.o \
	   gen/pdf.o gen/hyph.o gen/image.o gen/svgdraw.o gen/logo.o gen/shy.o gen/breaks.o \
	   gen/canvas_cairo.o gen/canvas_svg.o gen/png.o
# Reviews: the comparison with a base, diagnostics for forges.
OBJS	+= gen/diff.o gen/forge.o
# glibc's vsnprintf() made faster, for the tool's own formatting.
OBJS	+= gen/printf_fast.o
# The process's own definitions of library functions, linked into each
# program of the tool as objects, not taken from gen/libgen.a, where the
# linker takes a member only for a symbol still undefined: snprintf()
# and __snprintf_chk() through printf_fast (gen/snprintf.c; under ASan
# the sanitizer's runtime defines both, weak, first) and hb_shape_full()
# with the colour-glyph functions (gen/shape.c), which only the shared
# libraries call.
PROCESS_O = gen/snprintf.o gen/shape.o
# The process's allocator, for the tool and every library it calls
# (pango, cairo, glib, HarfBuzz): jemalloc, whose malloc() and free()
# the dynamic linker binds before glibc's.  `make PROCESS_LIBS=` builds
# on glibc's; the sanitizers' builds do (their runtime owns malloc).
PROCESS_LIBS = -ljemalloc
SCHEMAS	 = gen/schema/plan.rng gen/schema/indicators.rng \
	   gen/schema/edition.rng gen/schema/site.rng
# The site's style sheets, compiled in for when no styles folder is found.
STYLES	 = styles/theme.css styles/site.css

sinclude Makefile.local

# `make -j8 clean build`: clean, then each other goal, in turn, each in a
# new make (parallel within).  One make doing both in parallel would
# build from the files it saw before clean removed them.
ifneq ($(and $(filter clean,$(MAKECMDGOALS)),$(filter-out clean,$(MAKECMDGOALS))),)
.NOTPARALLEL:
.PHONY: $(MAKECMDGOALS)
$(MAKECMDGOALS):
	@$(MAKE) --no-print-directory $@
else

.PHONY: all deps build report test check clean install uninstall bench \
	bench-tags bench-deps fuzz test-asan test-valgrind locale-fr FORCE

all: build

deps:
	@missing=; for p in $(DEBS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | \
	    grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make deps: installing$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
	    apt-get install -y -qq --no-install-recommends $$missing; \
	fi

build: gen/rapporteur

gen/rapporteur: gen/main.o $(PROCESS_O) gen/libgen.a
	$(CC) $(LDFLAGS) -o $@ gen/main.o $(PROCESS_O) gen/libgen.a \
	    $(PROCESS_LIBS) $(ALL_LIBS)

gen/libgen.a: $(OBJS)
	rm -f $@
	ar rcs $@ $(OBJS)

# Header dependencies: written by the compiler (-MMD -MP) beside each
# object, read back here.
.c.o:
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<
-include $(OBJS:.o=.d) gen/main.d $(PROCESS_O:.o=.d)
# The flags live here: an object is built again when the Makefile changes
# (which also gives objects from before -MMD their dependency files).
$(OBJS) gen/main.o $(PROCESS_O): Makefile

# DATADIR is compiled into main.c: a build with another PREFIX or DATADIR
# compiles it again.  The file changes only when the value does.
gen/datadir.txt: FORCE
	@echo '$(DATADIR)' >$@.tmp; \
	if cmp -s $@.tmp $@; then rm -f $@.tmp; else mv $@.tmp $@; fi
gen/main.o tests/main-locale.o tests/rapporteur-relayout: gen/datadir.txt
FORCE:

# The RELAX NG schemas, compiled into the tool as byte arrays.
gen/schema_data.c: $(SCHEMAS) Makefile
	@{ echo '/* Generated by the Makefile from gen/schema. */'; \
	   echo '#include <stddef.h>'; \
	   for f in $(SCHEMAS); do \
	     n=$$(basename $$f .rng); \
	     echo "const char schema_$${n}_rng[] = {"; \
	     od -An -v -tx1 $$f | sed 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	     echo '0 };'; \
	     echo "const size_t schema_$${n}_rng_len = sizeof(schema_$${n}_rng) - 1;"; \
	   done; } > $@

gen/style_data.c: $(STYLES) Makefile
	@{ echo '/* Generated by the Makefile from styles. */'; \
	   echo '#include <stddef.h>'; \
	   for f in $(STYLES); do \
	     n=$$(basename $$f .css); \
	     echo "const char style_$${n}_css[] = {"; \
	     od -An -v -tx1 $$f | sed 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	     echo '0 };'; \
	     echo "const size_t style_$${n}_css_len = sizeof(style_$${n}_css) - 1;"; \
	   done; } > $@

# The site's search script, compiled in.
gen/search_data.c: gen/search.js Makefile
	@{ echo '/* Generated by the Makefile from gen/search.js. */'; \
	   echo '#include <stddef.h>'; \
	   echo "const char search_js[] = {"; \
	   od -An -v -tx1 gen/search.js | sed 's/ \([0-9a-f][0-9a-f]\)/0x\1,/g'; \
	   echo '0 };'; \
	   echo "const size_t search_js_len = sizeof(search_js) - 1;"; \
	 } > $@

report: deps
	@$(MAKE) --no-print-directory build
	gen/rapporteur check --content content
	gen/rapporteur build --content content --out out

check: deps
	@$(MAKE) --no-print-directory build
	gen/rapporteur check --content content --werror

test: deps locale-fr
	@$(MAKE) --no-print-directory build tests/unit tests/unit-chart \
	    tests/unit-layout tests/unit-pdfpost tests/rapporteur-relayout \
	    tests/unit-hyph tests/unit-cnum tests/unit-text tests/unit-report \
	    tests/unit-cairo tests/unit-i18n tests/unit-svgdraw tests/unit-msg tests/rapporteur-locale \
	    tests/unit-printf tests/unit-shape tests/rapporteur-glibc \
	    tests/fuzz/bin/stamp gen/bench/rapporteur-untagged
	@PROCESS_LIBS='$(PROCESS_LIBS)' sh tests/run.sh

# The fr_FR.UTF-8 locale (tests/t-locale.sh), from the locales package.
locale-fr: deps
	@locale -a 2>/dev/null | grep -qix 'fr_FR\.utf-\{0,1\}8' || { \
	  echo "make locale-fr: generating fr_FR.UTF-8"; \
	  localedef -i fr_FR -c -f UTF-8 fr_FR.UTF-8; \
	  locale -a | grep -qix 'fr_FR\.utf-\{0,1\}8'; }

tests/unit: tests/unit.c gen/libgen.a $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit.c gen/libgen.a $(ALL_LIBS)

tests/unit-pdfpost: tests/unit-pdfpost.c gen/libgen.a $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-pdfpost.c gen/libgen.a $(ALL_LIBS)

# The tool with a layout budget of 0: every measure of a PDF is laid out
# again when drawn.  tests/t-pdf.sh compares its PDFs with gen/rapporteur's.
tests/rapporteur-relayout: gen/pdf.c gen/main.o $(PROCESS_O) gen/libgen.a \
	    gen/layout.h gen/hyph.h gen/font.h gen/chart.h gen/theme.h $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -DPDF_KEEP=0 -o $@ gen/main.o $(PROCESS_O) \
	    gen/pdf.c gen/libgen.a $(PROCESS_LIBS) $(ALL_LIBS)

# The tool on glibc's malloc: tests/t-malloc.sh compares its output with
# gen/rapporteur's.
tests/rapporteur-glibc: gen/main.o $(PROCESS_O) gen/libgen.a
	$(CC) $(LDFLAGS) -o $@ gen/main.o $(PROCESS_O) gen/libgen.a $(ALL_LIBS)

tests/unit-layout: tests/unit-layout.c tests/tap.h gen/libgen.a gen/layout.h gen/hyph.h $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-layout.c gen/libgen.a $(ALL_LIBS)

gen/chart.o gen/svg.o gen/theme.o: gen/chart.h gen/theme.h gen/font.h

gen/layout.o gen/pdf.o gen/hyph.o gen/shy.o gen/breaks.o: gen/layout.h gen/hyph.h gen/font.h \
	    gen/chart.h gen/theme.h

tests/unit-cnum: tests/unit-cnum.c tests/tap.h gen/libgen.a $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-cnum.c gen/libgen.a $(ALL_LIBS)

# The tool with setlocale(LC_ALL, "") called first (tests/t-locale.sh).
tests/rapporteur-locale: tests/locale-main.c gen/main.c $(PROCESS_O) gen/libgen.a \
	    $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -Dmain=rapporteur_main -c -o tests/main-locale.o \
	    gen/main.c
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/locale-main.c tests/main-locale.o \
	    $(PROCESS_O) gen/libgen.a $(PROCESS_LIBS) $(ALL_LIBS)

tests/unit-text: tests/unit-text.c gen/libgen.a $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-text.c gen/libgen.a $(ALL_LIBS)

tests/unit-report: tests/unit-report.c gen/libgen.a $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-report.c gen/libgen.a $(ALL_LIBS)

tests/unit-msg: tests/unit-msg.c tests/tap.h gen/msg.h gen/libgen.a $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-msg.c gen/libgen.a $(ALL_LIBS)

tests/unit-cairo: tests/unit-cairo.c tests/tap.h gen/libgen.a $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-cairo.c gen/libgen.a $(ALL_LIBS)

tests/unit-printf: tests/unit-printf.c tests/tap.h $(PROCESS_O) gen/libgen.a $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-printf.c $(PROCESS_O) \
	    gen/libgen.a $(ALL_LIBS)

tests/unit-shape: tests/unit-shape.c tests/tap.h $(PROCESS_O) gen/libgen.a $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-shape.c $(PROCESS_O) \
	    gen/libgen.a $(ALL_LIBS)

tests/unit-i18n: tests/unit-i18n.c tests/tap.h gen/libgen.a gen/i18n.h $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-i18n.c gen/libgen.a $(ALL_LIBS)

tests/unit-svgdraw: tests/unit-svgdraw.c tests/tap.h gen/libgen.a gen/svgdraw.h $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-svgdraw.c gen/libgen.a $(ALL_LIBS)

tests/unit-hyph: tests/unit-hyph.c tests/tap.h gen/libgen.a gen/hyph.h $(HDRS)
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-hyph.c gen/libgen.a $(ALL_LIBS)

tests/unit-chart: tests/unit-chart.c gen/libgen.a $(HDRS) gen/chart.h \
	    gen/canvas.h gen/theme.h
	$(CC) $(ALL_CFLAGS) -Igen -o $@ tests/unit-chart.c gen/libgen.a $(ALL_LIBS)

# The benchmark (tests/bench/bench.sh, README "Performance"): never part of
# `make test`.  `make bench-deps` installs the tools it compares with:
# Debian's, then Typst's Node binding (tests/bench/package.json).
BENCH_BIN = tests/bench/gencontent tests/bench/timer tests/bench/floor \
	    tests/bench/md2typ gen/bench/rapporteur-untagged
BENCH_DEBS = pandoc weasyprint hyperfine time poppler-utils hugo nodejs \
	     valgrind
BENCH_CFLAGS = -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra

bench: bench-deps
	@$(MAKE) --no-print-directory build $(BENCH_BIN)
	@sh tests/bench/bench.sh

# Only what tagging costs (issue 14): the 2016 PDF tagged and untagged,
# in instructions (valgrind's callgrind) and CPU time.
bench-tags: deps
	@$(MAKE) --no-print-directory deps DEBS="time valgrind"
	@$(MAKE) --no-print-directory build $(BENCH_BIN)
	@BENCH_ONLY=tags sh tests/bench/bench.sh

bench-deps: deps
	@$(MAKE) --no-print-directory deps DEBS="$(BENCH_DEBS)"
	@$(MAKE) --no-print-directory tests/bench/node_modules/.installed

# Typst's Node binding, installed again when the lock file changes.
# Debian's npm, unless the nodejs installed carries its own (a NodeSource
# nodejs conflicts with Debian's npm).
tests/bench/node_modules/.installed: tests/bench/package-lock.json
	@command -v npm >/dev/null || $(MAKE) --no-print-directory deps DEBS=npm
	cd tests/bench && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# The tool drawing its PDF without structure (gen/pdf.c, PDF_UNTAGGED):
# what tagging costs is measured against it.  Never installed.
gen/bench/rapporteur-untagged: gen/pdf.c gen/main.o $(PROCESS_O) gen/libgen.a \
	    gen/layout.h gen/hyph.h gen/font.h gen/chart.h gen/theme.h $(HDRS)
	@mkdir -p gen/bench
	$(CC) $(ALL_CFLAGS) -Igen -DPDF_UNTAGGED -o $@ gen/main.o $(PROCESS_O) \
	    gen/pdf.c gen/libgen.a $(PROCESS_LIBS) $(ALL_LIBS)

tests/bench/gencontent: tests/bench/gencontent.c
	$(CC) $(BENCH_CFLAGS) -o $@ tests/bench/gencontent.c
tests/bench/timer: tests/bench/timer.c
	$(CC) $(BENCH_CFLAGS) -o $@ tests/bench/timer.c
tests/bench/floor: tests/bench/floor.c
	$(CC) $(BENCH_CFLAGS) -o $@ tests/bench/floor.c
tests/bench/md2typ: tests/bench/md2typ.c
	$(CC) $(BENCH_CFLAGS) $$(pkg-config --cflags libcmark) -o $@ \
	    tests/bench/md2typ.c $$(pkg-config --libs libcmark)

# ---- Robustness: fuzzing, sanitizers, valgrind (tests/fuzz/README) ----
# The harnesses, each also built with tests/fuzz/replay.c into a plain
# program that `make test` runs over the seed corpora and the crashes once
# found (tests/t-hostile.sh).
FUZZ_NAMES = indicators plan md layout chart typo num
FUZZ_SRC = tests/fuzz/fuzz.h tests/fuzz/common.c tests/fuzz/replay.c \
	   tests/fuzz/fuzz-indicators.c tests/fuzz/fuzz-plan.c \
	   tests/fuzz/fuzz-md.c tests/fuzz/fuzz-layout.c \
	   tests/fuzz/fuzz-chart.c tests/fuzz/fuzz-typo.c tests/fuzz/fuzz-num.c
# Seconds per harness for `make fuzz`.
FUZZ_TIME = 60
# clang and its sanitizer runtimes: only `make fuzz` and `make test-asan`
# need them, and install them.
SAN_DEBS = clang libclang-rt-14-dev
SAN	 = -fsanitize=address,undefined -fno-sanitize-recover=all \
	   -fno-omit-frame-pointer
SAN_ENV	 = ASAN_OPTIONS=detect_leaks=1:exitcode=86 \
	   UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	   LSAN_OPTIONS=suppressions=$$top/tests/fuzz/lsan.supp:print_suppressions=0
# Copies the working tree (sources only: no objects, history or output)
# to the folder $$d, for a build that can never mix with gen/*.o.
SAN_COPY = rm -rf $$d && mkdir -p $$d && tar -cf - --exclude=./.git \
	   --exclude=./gen/asan --exclude=./gen/fuzz --exclude=./out \
	   --exclude=./tests/work --exclude='*.o' --exclude='*.a' --exclude='*.d' . | \
	   tar -xf - -C $$d

tests/fuzz/bin/stamp: gen/libgen.a $(FUZZ_SRC) $(HDRS) gen/layout.h \
	    gen/chart.h gen/canvas.h gen/font.h gen/hyph.h gen/theme.h
	@mkdir -p tests/fuzz/bin
	@for n in $(FUZZ_NAMES); do \
	  echo "$(CC) -o tests/fuzz/bin/replay-$$n tests/fuzz/fuzz-$$n.c"; \
	  $(CC) $(ALL_CFLAGS) -Igen -o tests/fuzz/bin/replay-$$n \
	    tests/fuzz/fuzz-$$n.c tests/fuzz/common.c tests/fuzz/replay.c \
	    gen/libgen.a $(ALL_LIBS) || exit 1; \
	done
	@touch $@

# Each harness for FUZZ_TIME seconds under libFuzzer, ASan and UBSan,
# from its seeds (tests/fuzz/corpus/<name>) and what earlier runs found
# (gen/fuzz/corpus/<name>).  A crash stops with gen/fuzz/crash-<name>-*:
# copy it to tests/fuzz/regress/<name>/ once fixed.
fuzz: deps
	@$(MAKE) --no-print-directory deps DEBS="$(SAN_DEBS)"
	@d=gen/fuzz/tree; $(SAN_COPY)
	@$(MAKE) --no-print-directory -C gen/fuzz/tree \
	    CC="clang $(SAN) -fsanitize=fuzzer-no-link" gen/libgen.a
	@for n in $(FUZZ_NAMES); do \
	  echo "clang -fsanitize=fuzzer -o gen/fuzz/fuzz-$$n"; \
	  clang $(SAN) -fsanitize=fuzzer $(ALL_CFLAGS) -Igen \
	    -o gen/fuzz/fuzz-$$n tests/fuzz/fuzz-$$n.c tests/fuzz/common.c \
	    gen/fuzz/tree/gen/libgen.a $(ALL_LIBS) || exit 1; \
	done
	@top=$$(pwd); for n in $(FUZZ_NAMES); do \
	  mkdir -p gen/fuzz/corpus/$$n gen/fuzz/tmp; \
	  echo "fuzz: $$n for $(FUZZ_TIME) s"; \
	  env TMPDIR=$$top/gen/fuzz/tmp $(SAN_ENV) \
	    gen/fuzz/fuzz-$$n -max_total_time=$(FUZZ_TIME) \
	    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=gen/fuzz/crash-$$n- \
	    gen/fuzz/corpus/$$n tests/fuzz/corpus/$$n 2>gen/fuzz/$$n.log || \
	    { tail -60 gen/fuzz/$$n.log; exit 1; }; \
	  grep -E '^stat::number_of_executed_units|^Done' gen/fuzz/$$n.log; \
	  rm -rf gen/fuzz/tmp; \
	done

# The whole test suite under AddressSanitizer and UndefinedBehaviorSanitizer
# (clang), run in a copy of the tree in gen/asan/.
test-asan: deps
	@$(MAKE) --no-print-directory deps DEBS="$(SAN_DEBS)"
	@d=gen/asan; $(SAN_COPY)
	@top=$$(pwd)/gen/asan; cd gen/asan && env $(SAN_ENV) \
	    $(MAKE) --no-print-directory CC="clang $(SAN)" PROCESS_LIBS= test

# A build of the sample content under valgrind memcheck: no error, no
# byte definitely lost (tests/valgrind.supp: library caches only).  With
# --jobs 1, every task runs in the one process valgrind watches: a worker
# process (--jobs 2 and more) ends with _exit() and leaves the memory it
# shares with the parent to the system, which memcheck would count.
# memcheck replaces jemalloc's functions as it does glibc's
# (--soname-synonyms).
test-valgrind: deps
	@$(MAKE) --no-print-directory deps DEBS=valgrind
	@$(MAKE) --no-print-directory build
	@rm -rf tests/work/valgrind && mkdir -p tests/work/valgrind
	@echo "valgrind: rapporteur build of content/ (a few minutes)"
	@valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite \
	    --soname-synonyms=somalloc='libjemalloc.so*' \
	    --errors-for-leak-kinds=definite --error-exitcode=99 \
	    --suppressions=tests/valgrind.supp --num-callers=30 \
	    --log-file=tests/work/valgrind/log gen/rapporteur build --quiet \
	    --jobs 1 --content content --out tests/work/valgrind/out; \
	    st=$$?; \
	grep -E 'ERROR SUMMARY|definitely lost' tests/work/valgrind/log; \
	if [ $$st -ne 0 ]; then echo "valgrind: status $$st, see" \
	    "tests/work/valgrind/log"; exit 1; fi

# Files with their modes; directories made as needed.  uninstall removes
# the files and then the directories that held only them.
# Only the packages the tool needs: a CI job that installs it does not
# fetch the test tools.
install:
	@$(MAKE) --no-print-directory deps DEBS="$(BUILD_DEBS)"
	@$(MAKE) --no-print-directory build
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(DATADIR)/schema $(DESTDIR)$(DATADIR)/styles
	install -m 755 gen/rapporteur $(DESTDIR)$(BINDIR)/rapporteur
	install -m 644 gen/rapporteur.1 $(DESTDIR)$(MANDIR)/man1/rapporteur.1
	install -m 644 $(SCHEMAS) $(DESTDIR)$(DATADIR)/schema
	install -m 644 styles/*.css styles/*.svg $(DESTDIR)$(DATADIR)/styles

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rapporteur \
	    $(DESTDIR)$(MANDIR)/man1/rapporteur.1
	for f in $(SCHEMAS); do \
	  rm -f $(DESTDIR)$(DATADIR)/schema/$${f##*/}; done
	for f in styles/*.css styles/*.svg; do \
	  rm -f $(DESTDIR)$(DATADIR)/styles/$${f##*/}; done
	-rmdir $(DESTDIR)$(DATADIR)/schema $(DESTDIR)$(DATADIR)/styles \
	    $(DESTDIR)$(DATADIR) 2>/dev/null

clean:
	rm -f gen/*.o gen/*.d gen/datadir.txt gen/libgen.a gen/rapporteur gen/schema_data.c gen/style_data.c gen/search_data.c tests/unit tests/unit-chart \
	    tests/unit-layout tests/unit-pdfpost tests/rapporteur-relayout \
	    tests/unit-hyph tests/unit-cnum tests/unit-text tests/unit-report \
	    tests/unit-cairo tests/unit-i18n tests/unit-svgdraw tests/unit-msg tests/rapporteur-locale \
	    tests/unit-printf tests/unit-shape tests/rapporteur-glibc \
	    tests/main-locale.o
	rm -rf tests/work gen/asan gen/fuzz gen/bench tests/fuzz/bin

endif
