# boardpaper: plain make; PREFIX, DESTDIR, CFLAGS and LDFLAGS are honoured.
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
CC       ?= cc
CFLAGS   ?= -O2 -g
PKG_CONFIG ?= pkg-config

LIBDIR   ?= $(PREFIX)/lib
PLUGINDIR ?= $(LIBDIR)/boardpaper
LIBEXECDIR ?= $(PREFIX)/libexec
IMPORTDIR ?= $(LIBEXECDIR)/boardpaper

# cmark-gfm's extensions library and libhpdf ship no .pc file.
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags yaml-0.1 libcmark-gfm fontconfig libpng libzip libxml-2.0 libutf8proc 2>/dev/null)
# libpng reads every PNG image itself, with error recovery (libharu's
# reader aborts the process on a bad file).  The embedded font subsets are
# our own (src/outputs/ttf_subset.c), not HarfBuzz's hb-subset, whose
# libraries cost a PDF run more to load than the subsets saved.
DEP_LIBS   := $(shell $(PKG_CONFIG) --libs yaml-0.1 libcmark-gfm fontconfig libpng libutf8proc 2>/dev/null || echo -lyaml -lcmark-gfm -lfontconfig -lpng16 -lutf8proc) \
              -lcmark-gfm-extensions -lhpdf -ldeflate -lz -lm
# The main program starts with only libc and libm to load: the dynamic
# loader's symbol lookups grow with the number of libraries, and with the
# twenty that PDF output needs they cost every run 2 M instructions, more
# than building a paper to HTML.  So the libraries Debian ships as static
# archives are linked in (fontconfig's behind it too: freetype, expat,
# libpng, brotli, zlib), and the PDF back-end, which needs libharu (no
# archive) and libdeflate, is boardpaper-pdf.so, loaded only by a run that
# writes a PDF (src/outputs/pdf_plugin.c).  It calls back into the program
# for the bp_ functions, which the program exports.
# STATIC_DEPS=0 (for packagers) links the shared libraries instead, as
# pkg-config names them.  The archives' list is written out: pkg-config
# --static puts -lcmark-gfm before -lcmark-gfm-extensions, which needs it,
# an order static linking cannot resolve.
STATIC_DEPS ?= 1
ifeq ($(STATIC_DEPS),0)
CORE_LIBS  := $(shell $(PKG_CONFIG) --libs yaml-0.1 libcmark-gfm fontconfig libpng libutf8proc zlib 2>/dev/null || \
              echo -lyaml -lcmark-gfm-extensions -lcmark-gfm -lutf8proc -lfontconfig -lpng16 -lz) -lm
else
CORE_LIBS  := -Wl,-Bstatic -lyaml -lcmark-gfm-extensions -lcmark-gfm -lutf8proc \
              -lfontconfig -lfreetype -lexpat -lpng16 -lbrotlidec -lbrotlicommon -lz \
              -Wl,-Bdynamic -lm
endif
# (--dynamic-list, not --export-dynamic-symbol: older binutils have it)
EXPORT_BP  := -Wl,--dynamic-list=src/cli/boardpaper.dynlist
# the module exports only its entry points and its ABI string
PDF_EXPORTS := -Wl,--version-script=src/outputs/boardpaper-pdf.map
# libdeflate deflates the PDF's streams (pages, object streams, fonts) in
# half zlib's instructions, a little smaller; zlib stays for libharu and
# the checksums of the /ID.  Its archive is linked into the module (it is
# position-independent): one library fewer to load and look symbols up
# in, 40,000 instructions a PDF run.
ifeq ($(STATIC_DEPS),0)
PDF_DEFLATE := -ldeflate
else
PDF_DEFLATE := -Wl,-Bstatic -ldeflate -Wl,-Bdynamic
endif
PDF_LIBS   := -lhpdf $(PDF_DEFLATE) -lz -lm
# libzip and libxml2 read .docx files for `import` (the container and its
# XML), with size caps and no entities, DTDs or network.  Only the import
# program links them: with ICU, libstdc++ and OpenSSL behind them they
# would cost every run of boardpaper ten million instructions of dynamic
# loading (src/cli/exec_import.c runs boardpaper-import for `import`).
IMPORT_LIBS := $(shell $(PKG_CONFIG) --libs libzip libxml-2.0 2>/dev/null || echo -lzip -lxml2)

WARN     := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror
ALL_CFLAGS = $(WARN) $(INCLUDES) $(DEP_CFLAGS) $(CFLAGS) -MMD -MP

# src/ is grouped by stage (base, parse, model, layout, outputs, import, cli);
# file names are unique across the groups, so objects stay flat in build/.
SRC_DIRS := $(sort $(dir $(wildcard src/*/*.c)))
INCLUDES := -Iinclude $(patsubst %/,-I%,$(SRC_DIRS)) -Ibuild
SRCS := $(wildcard src/*/*.c)
OBJS := $(patsubst %.c,build/%.o,$(notdir $(SRCS)))
vpath %.c $(SRC_DIRS)
# the import program has the reader, the main program the shim that runs it;
# the PDF back-end (these files) is a module of its own, boardpaper-pdf.so
PDF_OBJS := $(patsubst %,build/%.o,render_pdf render_pdf_pack pdf_doc pdf_hpdf pdf_deflate pdf_objstm pdf_tag pdf_release ttf_subset pdf_abi)
IMPORT_OBJS := $(filter build/import%.o,$(OBJS))
MAIN_OBJS := $(filter-out $(IMPORT_OBJS) $(PDF_OBJS),$(OBJS))
IMPORT_PROG_OBJS := $(filter-out build/exec_import.o $(PDF_OBJS),$(OBJS))
# the command line's own files (main.c and the cli_*.c it is split into)
# are left out of the unit tests and the fuzz harnesses
LIB_OBJS := $(filter-out build/main.o build/exec_import.o build/cli_%.o,$(OBJS))

all: boardpaper

boardpaper: $(MAIN_OBJS) boardpaper-import boardpaper-pdf.so src/cli/boardpaper.dynlist
	$(CC) $(CFLAGS) $(LDFLAGS) $(EXPORT_BP) -o $@ $(MAIN_OBJS) $(CORE_LIBS)

boardpaper-import: $(IMPORT_PROG_OBJS) src/cli/boardpaper.dynlist
	$(CC) $(CFLAGS) $(LDFLAGS) $(EXPORT_BP) -o $@ $(IMPORT_PROG_OBJS) $(CORE_LIBS) $(IMPORT_LIBS)

boardpaper-pdf.so: $(PDF_OBJS:build/%=build/pic/%) src/outputs/boardpaper-pdf.map
	$(CC) $(CFLAGS) $(LDFLAGS) -shared $(PDF_EXPORTS) -o $@ $(PDF_OBJS:build/%=build/pic/%) $(PDF_LIBS)

build/%.o: %.c | build
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

build/pic/%.o: %.c
	@mkdir -p build/pic
	$(CC) $(ALL_CFLAGS) -fPIC -c -o $@ $<

# The PDF back-end (text, fonts, content streams) and the line breaker
# loop over every byte of a paper: -O3's unrolled and vectorised loops
# take 190,000 instructions off paper a's PDF and change no byte (C11 mode
# contracts no floating-point operation).  The rest, the parser among it,
# is no faster for it.  HOT_CFLAGS= builds them with CFLAGS alone.
HOT_CFLAGS ?= -O3
build/pic/%.o build/layout.o: ALL_CFLAGS += $(HOT_CFLAGS)

# Where each program loads boardpaper-pdf.so from (src/outputs/pdf_plugin.c)
# and runs boardpaper-import from (src/cli/exec_import.c) is compiled in:
# the build tree's programs use the build directory, the installed ones
# (build/inst/, relinked by `make install`) $(PLUGINDIR) and $(IMPORTDIR)
# only.  build/installdirs.stamp holds both and changes when they do, so
# `make install PREFIX=...` after `make` recompiles the installed
# programs' objects with the right directories.
build/pdf_plugin.o: ALL_CFLAGS += -DBP_PLUGIN_DIR='"$(CURDIR)"'
build/exec_import.o: ALL_CFLAGS += -DBP_IMPORT_DIR='"$(CURDIR)"'
build/inst/pdf_plugin.o: src/outputs/pdf_plugin.c build/installdirs.stamp
	@mkdir -p build/inst
	$(CC) $(ALL_CFLAGS) -DBP_PLUGIN_DIR='"$(PLUGINDIR)"' -c -o $@ $<
build/inst/exec_import.o: src/cli/exec_import.c build/installdirs.stamp
	@mkdir -p build/inst
	$(CC) $(ALL_CFLAGS) -DBP_IMPORT_DIR='"$(IMPORTDIR)"' -c -o $@ $<
build/installdirs.stamp: FORCE | build
	@echo '$(PLUGINDIR) $(IMPORTDIR)' | cmp -s - $@ || echo '$(PLUGINDIR) $(IMPORTDIR)' >$@
INST_MAIN_OBJS := $(filter-out build/pdf_plugin.o build/exec_import.o,$(MAIN_OBJS)) \
    build/inst/pdf_plugin.o build/inst/exec_import.o
INST_IMPORT_OBJS := $(filter-out build/pdf_plugin.o,$(IMPORT_PROG_OBJS)) build/inst/pdf_plugin.o
build/inst/boardpaper: $(INST_MAIN_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) $(EXPORT_BP) -o $@ $(INST_MAIN_OBJS) $(CORE_LIBS)
build/inst/boardpaper-import: $(INST_IMPORT_OBJS)
	$(CC) $(CFLAGS) $(LDFLAGS) $(EXPORT_BP) -o $@ $(INST_IMPORT_OBJS) $(CORE_LIBS) $(IMPORT_LIBS)

build:
	mkdir -p build

# The ABI string the program and boardpaper-pdf.so both carry and compare
# after loading: the version and a checksum of every header, so a module
# from another version or another tree is refused (it works from a
# tarball: no .git needed).  build/bp_abi.h changes only when it does.
BP_VERSION := $(shell sed -n 's/^\#define BP_VERSION "\(.*\)"/\1/p' src/cli/main.c)
BP_ABI := $(BP_VERSION)-$(shell cat $(sort $(wildcard include/boardpaper/*.h src/*/*.h)) | cksum | cut -d' ' -f1)
build/bp_abi.h: FORCE | build
	@printf '#define BP_ABI "%s"\n' '$(BP_ABI)' | cmp -s - $@ || \
	    printf '#define BP_ABI "%s"\n' '$(BP_ABI)' >$@
$(foreach d,build build/asan build/inst build/fuzzobj,$(d)/pdf_plugin.o) \
$(foreach d,build build/pic build/asan build/asan/pic build/fuzzobj,$(d)/pdf_abi.o): build/bp_abi.h

# The same program under AddressSanitizer and UndefinedBehaviorSanitizer.
SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
build/asan/%.o: %.c
	@mkdir -p build/asan
	$(CC) $(WARN) $(INCLUDES) $(DEP_CFLAGS) $(SAN_FLAGS) -MMD -MP -c -o $@ $<

build/asan/pic/%.o: %.c
	@mkdir -p build/asan/pic
	$(CC) $(WARN) $(INCLUDES) $(DEP_CFLAGS) $(SAN_FLAGS) -fPIC -MMD -MP -c -o $@ $<

build/boardpaper-asan: $(MAIN_OBJS:build/%=build/asan/%) build/boardpaper-import-asan build/boardpaper-pdf-asan.so
	$(CC) $(SAN_FLAGS) $(LDFLAGS) $(EXPORT_BP) -o $@ $(MAIN_OBJS:build/%=build/asan/%) $(DEP_LIBS)

build/boardpaper-import-asan: $(IMPORT_PROG_OBJS:build/%=build/asan/%)
	$(CC) $(SAN_FLAGS) $(LDFLAGS) $(EXPORT_BP) -o $@ $^ $(DEP_LIBS) $(IMPORT_LIBS)

build/boardpaper-pdf-asan.so: $(PDF_OBJS:build/%=build/asan/pic/%) src/outputs/boardpaper-pdf.map
	$(CC) $(SAN_FLAGS) $(LDFLAGS) -shared $(PDF_EXPORTS) -o $@ $(PDF_OBJS:build/%=build/asan/pic/%) $(PDF_LIBS)

build/asan/pdf_plugin.o: SAN_FLAGS += -DBP_PLUGIN_DIR='"$(CURDIR)/build"' -DBP_PLUGIN_SUFFIX='"-asan"'
build/asan/exec_import.o: SAN_FLAGS += -DBP_IMPORT_DIR='"$(CURDIR)/build"' -DBP_IMPORT_SUFFIX='"-asan"'

asan: build/boardpaper-asan

# the unit tests wrap calloc, so that a test can make one call fail
UNIT_LDFLAGS := -Wl,--wrap=calloc

build/unit: tests/unit.c $(LIB_OBJS)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) $(UNIT_LDFLAGS) -o $@ tests/unit.c $(LIB_OBJS) $(DEP_LIBS) $(IMPORT_LIBS)

build/unit-asan: tests/unit.c $(LIB_OBJS:build/%=build/asan/%)
	$(CC) $(WARN) $(INCLUDES) $(DEP_CFLAGS) $(SAN_FLAGS) $(LDFLAGS) $(UNIT_LDFLAGS) -o $@ $^ $(DEP_LIBS) $(IMPORT_LIBS)

# libFuzzer (clang): build/fuzz through every back-end, seeded with the
# examples, the corpus and papers using tests/fuzz-images; build/fuzz-
# frontmatter on the front matter alone, seeded with its valid and invalid
# cases; build/fuzz-image-path on image path resolution (tests/fuzz-image-
# path-seeds); build/fuzz-font on the TrueType readers, the subsetter and
# the stand-in loader, seeded with the Liberation fonts fontconfig lists
# (FONT_SEEDS).  FUZZ_SECONDS per harness.  The four share one set of
# objects; `make test` runs each briefly (tests/suite-fuzz.sh).
FUZZ_SECONDS ?= 60
FUZZ_SRCS := $(filter-out src/cli/main.c src/cli/exec_import.c src/cli/cli_%.c,$(SRCS))
FUZZ_OBJS := $(patsubst %.c,build/fuzzobj/%.o,$(notdir $(FUZZ_SRCS)))
FUZZ_CFLAGS := $(WARN) $(INCLUDES) $(DEP_CFLAGS) -g -O1 -fno-omit-frame-pointer
FUZZERS := build/fuzz build/fuzz-frontmatter build/fuzz-image-path build/fuzz-font
FONT_SEEDS = $(shell fc-list -f '%{file}\n' | grep -i '/liberation[^/]*\.ttf$$' | sort)

build/fuzzobj/%.o: %.c
	@mkdir -p build/fuzzobj
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -MMD -MP -c -o $@ $<

# (the fuzzers link the back-end in and never load the module)
build/fuzzobj/pdf_plugin.o: FUZZ_CFLAGS += -DBP_PLUGIN_DIR='"$(CURDIR)"'
build/fuzz: tests/fuzz.c $(FUZZ_OBJS)
build/fuzz-frontmatter: tests/fuzz_frontmatter.c $(FUZZ_OBJS)
build/fuzz-image-path: tests/fuzz_image_path.c $(FUZZ_OBJS)
build/fuzz-font: tests/fuzz_font.c $(FUZZ_OBJS)
$(FUZZERS):
	clang $(FUZZ_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $< \
	    $(FUZZ_OBJS) $(DEP_LIBS) $(IMPORT_LIBS)

fuzz: $(FUZZERS)
	mkdir -p build/fuzz-corpus build/fuzz-frontmatter-corpus build/fuzz-image-path-corpus build/fuzz-font-corpus
	cp $(FONT_SEEDS) build/fuzz-font-corpus/
	cp examples/*.md ../shared/corpus/*.md tests/fuzz-seeds/*.md build/fuzz-corpus/ 2>/dev/null || true
	for f in examples/*.md tests/bad/fm-*.md; do \
		sed -n '2,/^---$$/p' "$$f" | sed '$$d' >build/fuzz-frontmatter-corpus/$$(basename "$$f"); \
	done
	build/fuzz -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 build/fuzz-corpus
	build/fuzz-frontmatter -max_total_time=$(FUZZ_SECONDS) -max_len=16384 -timeout=10 build/fuzz-frontmatter-corpus
	build/fuzz-image-path -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	    -dict=tests/fuzz-image-path.dict build/fuzz-image-path-corpus tests/fuzz-image-path-seeds
	build/fuzz-font -max_total_time=$(FUZZ_SECONDS) -max_len=1048576 -timeout=10 build/fuzz-font-corpus

# make test first installs what the tests need and is missing (deps-test:
# a check of some 20 packages when all are there), then builds and runs
# the suites: the README's quick start is two commands, quickstart and
# this, as SPEC §8 has it.
test: deps-test
	@$(MAKE) --no-print-directory test-suites

test-suites: boardpaper build/boardpaper-asan build/unit build/unit-asan $(FUZZERS)
	@sh tests/run.sh

golden-update: boardpaper
	@sh tests/run.sh --update

bench: boardpaper
	@sh bench/bench.sh

# The Debian packages, in two lists kept here alone (README's Quick start
# says what each holds).  BUILD_PACKAGES: what building and running the
# program needs: the compiler, pkg-config, the libraries' -dev packages
# (their static archives are linked in), fontconfig and the Liberation
# fonts PDF output embeds.
BUILD_PACKAGES := build-essential pkg-config libyaml-dev libcmark-gfm-dev \
	libcmark-gfm-extensions-dev libhpdf-dev libfontconfig-dev libpng-dev libdeflate-dev \
	libzip-dev libxml2-dev libutf8proc-dev fontconfig fonts-liberation2
# TEST_PACKAGES: what only `make test` and `make bench` need: the PDF
# checkers (poppler-utils, qpdf), strace, acl, time, mandoc (the man
# page's lint), clang (its warnings, the fuzzers), Chromium (the HTML
# checks), the DejaVu fonts (house styles naming them), shellcheck,
# cmark-gfm, pandoc and LibreOffice Writer (the import tests' documents,
# the benchmark's peers), hyperfine; ca-certificates for npm's downloads.
TEST_PACKAGES := ca-certificates fonts-dejavu-core fonts-dejavu-extra poppler-utils qpdf \
	time strace acl mandoc chromium clang hyperfine cmark-gfm pandoc libreoffice-writer-nogui \
	shellcheck
# all of them: what `make deps` installs (and CI, .ci/run, with it)
DEB_PACKAGES := $(BUILD_PACKAGES) $(TEST_PACKAGES)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Java (the Nu HTML Checker) and Node.js with npm, only when there are none
JAVA_NODE := command -v java >/dev/null || echo default-jre-headless; command -v npm >/dev/null || echo nodejs npm
NPM_CI := npm ci --prefix tests/html --ignore-scripts --no-audit --no-fund

# $(call apt_install,PACKAGES,MORE,WHAT): installs those of the Debian
# PACKAGES that are missing, and those the shell commands MORE print, or
# says that all WHAT are present.
define apt_install
@missing=$$(for p in $(1); do \
	dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; \
done; $(2)); \
if [ -n "$$missing" ]; then \
	echo "installing:" $$missing; \
	$(SUDO) apt-get update && $(SUDO) apt-get install -y --no-install-recommends $$missing; \
else echo "all $(3) present"; fi
endef

# Everything the build and the tests need: the Debian packages that are
# missing (Java and Node.js only when there are none), then the HTML
# checkers' npm modules (from the network).
deps:
	$(call apt_install,$(DEB_PACKAGES),$(JAVA_NODE),Debian packages)
	$(NPM_CI)

# What only the tests need, where missing: TEST_PACKAGES (Java and
# Node.js only when there are none), and the HTML checkers' npm modules
# when tests/html has none or its lock file is newer than them (npm ci
# writes node_modules/.package-lock.json; touched, as one second may hold
# both).
deps-test:
	$(call apt_install,$(TEST_PACKAGES),$(JAVA_NODE),test packages)
	@lock=tests/html/node_modules/.package-lock.json; \
	[ "$$lock" -nt tests/html/package-lock.json ] || { echo "$(NPM_CI)"; $(NPM_CI) && touch "$$lock"; }

# Only what building and running needs (BUILD_PACKAGES): no test tool,
# no npm.
deps-build:
	$(call apt_install,$(BUILD_PACKAGES),,build packages)

# Builds every example in every format, beside its source; those in a
# folder of their own (examples/borough, examples/cyngor) under the house
# style beside them; then lists what it made, each output once, by the
# formats' extensions (the sources, meeting.yaml and logos are not outputs).
examples: boardpaper
	./boardpaper build -f $$(./boardpaper --help | sed -n 's/.*comma-separated: *//p') examples/*.md examples/*/*.md
	./boardpaper pack -f pdf,html,txt examples/meeting/meeting.yaml
	./boardpaper pack -f pdf --include-exempt -o examples/meeting/meeting-members.pdf examples/meeting/meeting.yaml
	@ls $$(for e in $$(./boardpaper --help | sed -n 's/.*comma-separated: *//p' | tr ',' ' '); do \
	    for f in examples/*.$$e examples/*/*.$$e; do [ ! -e "$$f" ] || echo "$$f"; done; done)

quickstart: deps-build
	$(MAKE) all
	$(MAKE) examples

install: boardpaper build/inst/boardpaper build/inst/boardpaper-import
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 build/inst/boardpaper $(DESTDIR)$(BINDIR)/boardpaper
	install -d $(DESTDIR)$(IMPORTDIR)
	install -m 755 build/inst/boardpaper-import $(DESTDIR)$(IMPORTDIR)/boardpaper-import
	install -d $(DESTDIR)$(PLUGINDIR)
	install -m 644 boardpaper-pdf.so $(DESTDIR)$(PLUGINDIR)/boardpaper-pdf.so
	install -m 644 src/cli/boardpaper.1 $(DESTDIR)$(MANDIR)/man1/boardpaper.1
	install -d $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 completion/boardpaper.bash $(DESTDIR)$(BASHCOMPDIR)/boardpaper

# (boardpaper-import in $(BINDIR): where earlier builds installed it,
# beside the program)
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/boardpaper $(DESTDIR)$(IMPORTDIR)/boardpaper-import \
	    $(DESTDIR)$(BINDIR)/boardpaper-import \
	    $(DESTDIR)$(PLUGINDIR)/boardpaper-pdf.so \
	    $(DESTDIR)$(MANDIR)/man1/boardpaper.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/boardpaper
	rmdir $(DESTDIR)$(PLUGINDIR) $(DESTDIR)$(IMPORTDIR) 2>/dev/null || true

clean:
	rm -rf build boardpaper boardpaper-import boardpaper-pdf.so

FORCE:

.PHONY: FORCE all asan fuzz test test-suites golden-update bench deps deps-build deps-test examples quickstart install uninstall clean

-include $(OBJS:.o=.d) $(OBJS:build/%.o=build/asan/%.d) \
    $(PDF_OBJS:build/%.o=build/pic/%.d) $(PDF_OBJS:build/%.o=build/asan/pic/%.d) \
    $(FUZZ_OBJS:.o=.d) build/inst/pdf_plugin.d build/inst/exec_import.d
