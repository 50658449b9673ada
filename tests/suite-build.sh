# Every source compiles without a warning under clang too (gcc builds the
# program itself with -Werror).  Fails, not skips, without clang.
. tests/lib.sh
if ! command -v clang >/dev/null; then
	not_ok "clang: not installed (apt-get install clang)"
	exit 0
fi
flags="-std=c11 -DBP_PLUGIN_DIR=\"/x\" -DBP_IMPORT_DIR=\"/x\" -Ibuild -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Iinclude $(for d in src/*/; do printf -- "-I%s " "${d%/}"; done)$(pkg-config --cflags yaml-0.1 libcmark-gfm fontconfig libzip libxml-2.0 2>/dev/null)"
for f in src/*/*.c tests/*.c; do
	if clang $flags -fsyntax-only "$f" 2>"$TMPDIR/clang.err"; then
		ok "clang -Wall -Wextra -Werror: $f"
	else
		not_ok "clang -Wall -Wextra -Werror: $f"
		head -n 10 "$TMPDIR/clang.err"
	fi
done

# The main program starts without the .docx reader's libraries (ICU and
# OpenSSL behind libxml2 and libzip cost ten million instructions of
# dynamic loading a run); boardpaper-import has them.
check "boardpaper links no libxml2 or libzip" sh -c \
    "ldd '$BP' >'$TMPDIR/ldd' && ! grep -q 'libxml2\|libzip' '$TMPDIR/ldd'"
check "boardpaper-import links them" sh -c \
    "ldd '$TOP/boardpaper-import' | grep -q libxml2"

# HTML, text and JSON runs load no PDF library: libharu and libdeflate are
# in boardpaper-pdf.so, loaded only for PDF; the rest is linked in, so
# only libc and libm are loaded.
check "boardpaper loads only libc and libm" sh -c \
    "ldd '$BP' | grep -v 'linux-vdso\|ld-linux\|libc\.so\|libm\.so' >'$TMPDIR/ldd-extra'; ! test -s '$TMPDIR/ldd-extra'"
# The module's own font subsets (ttf_subset.c) spare a PDF run loading
# HarfBuzz and the seven libraries behind it.
check "boardpaper-pdf.so links libharu, and not HarfBuzz or glib" sh -c \
    "ldd '$TOP/boardpaper-pdf.so' >'$TMPDIR/ldd-pdf' && grep -q libhpdf '$TMPDIR/ldd-pdf' &&
     ! grep -q 'harfbuzz\|glib\|graphite\|pcre\|freetype\|brotli' '$TMPDIR/ldd-pdf'"
mkdir -p "$TMPDIR/alone"
cp "$BP" "$TMPDIR/alone/boardpaper"
check "HTML is built by a boardpaper without boardpaper-pdf.so beside it" \
    "$TMPDIR/alone/boardpaper" build -f html,txt -o "$TMPDIR/alone/" \
    "$SHARED/corpus/update-paper-a.md"
check "... and the build tree's PDF back-end is loaded" sh -c \
    "'$BP' build -o '$TMPDIR/a.pdf' '$SHARED/corpus/update-paper-a.md' && pdftotext '$TMPDIR/a.pdf' - | grep -q ."
# The module and its libraries look their symbols up among themselves
# first (RTLD_DEEPBIND, pdf_plugin.c: 140,000 instructions fewer), but
# not when something else supplies malloc: blocks pass between the
# program and the module, and each must be freed by the allocator that
# made it (bound deep, libharu took libc's malloc under the debugging one
# preloaded, and the run aborted: "double free or corruption").
check "the PDF module is opened with RTLD_DEEPBIND (its own scope first)" sh -c \
    "LD_DEBUG=scopes '$BP' build -o '$TMPDIR/deep.pdf' '$SHARED/corpus/update-paper-a.md' 2>&1 >/dev/null |
     grep -A1 'object=.*/boardpaper-pdf\.so' | grep -q 'scope 0: [^ ]*/boardpaper-pdf\.so'"
debug_malloc=$(ldconfig -p | sed -n 's/.*libc_malloc_debug\.so\.0 .*=> //p' | head -n 1)
check "a PDF builds with another malloc preloaded (libc_malloc_debug), bound as usual" sh -c \
    "test -n '$debug_malloc' &&
     LD_PRELOAD='$debug_malloc' MALLOC_CHECK_=3 LD_DEBUG=scopes '$BP' build -o '$TMPDIR/m.pdf' '$SHARED/corpus/update-paper-a.md' 2>'$TMPDIR/m.err' >/dev/null &&
     pdftotext '$TMPDIR/m.pdf' - | grep -q . &&
     grep -A1 'object=.*/boardpaper-pdf\.so' '$TMPDIR/m.err' | grep -q 'scope 0: [^ ]*/boardpaper '"
# The module is loaded only from the directory compiled in (the build
# directory here, $PLUGINDIR for the installed program, suite-install),
# never from beside the program: a copy of it in a writable directory
# must not load a module planted there.
echo 'not a module' >"$TMPDIR/alone/boardpaper-pdf.so"
check "a copied boardpaper ignores a boardpaper-pdf.so planted beside it" sh -c \
    "'$TMPDIR/alone/boardpaper' build -o '$TMPDIR/alone/p.pdf' '$SHARED/corpus/update-paper-a.md' && pdftotext '$TMPDIR/alone/p.pdf' - | grep -q ."
# The import program too is run only from the directory compiled in (the
# build directory here, $IMPORTDIR installed, suite-install), never the
# one beside the program: a copy must not run one planted there.
cp "$TOP/tests/import/word-saved.txt" "$TMPDIR/alone/w.txt"
printf '#!/bin/sh\ntouch "%s"\n' "$TMPDIR/alone/ran" >"$TMPDIR/alone/boardpaper-import"
chmod 755 "$TMPDIR/alone/boardpaper-import"
check "a copied boardpaper does not run a boardpaper-import planted beside it" sh -c \
    "'$TMPDIR/alone/boardpaper' import -o '$TMPDIR/alone/w.md' '$TMPDIR/alone/w.txt' 2>/dev/null; test ! -e '$TMPDIR/alone/ran' && grep -q '^title:' '$TMPDIR/alone/w.md'"
# The sanitizer build's module and import program are chosen when it is
# built, not by the program's name.
if [ -x "$BP_ASAN" ]; then
	cp "$BP_ASAN" "$TMPDIR/alone/renamed"
	check "a renamed boardpaper-asan still loads boardpaper-pdf-asan.so" sh -c \
	    "'$TMPDIR/alone/renamed' build -o '$TMPDIR/alone/r.pdf' '$SHARED/corpus/update-paper-a.md' && pdftotext '$TMPDIR/alone/r.pdf' - | grep -q ."
	check "a renamed boardpaper-asan still runs boardpaper-import-asan" sh -c \
	    "'$TMPDIR/alone/renamed' import -o '$TMPDIR/alone/r.md' '$TMPDIR/alone/w.txt' 2>/dev/null && grep -q '^title:' '$TMPDIR/alone/r.md'"
else
	not_ok "build/boardpaper-asan is missing (make test builds it)"
fi
# "without boardpaper-pdf.so a PDF fails, saying so" is in suite-install:
# it removes the module from an installed copy, so it always runs.

# The module exports only its entry points and its ABI string (a version
# script): none of the back-end's own names (pdf_doc_*, pdf_hpdf_*, ...)
# can interpose on or be interposed by anything else in the process.
for so in "$TOP/boardpaper-pdf.so" "$TOP/build/boardpaper-pdf-asan.so"; do
	got=$(nm -D --defined-only "$so" | awk '{ print $3 }' | sort | tr '\n' ' ')
	check "$(basename "$so") exports exactly bp_pdf_abi bp_render_pdf bp_render_pdf_pack" \
	    test "$got" = "bp_pdf_abi bp_render_pdf bp_render_pdf_pack "
done
# ... and the program only bp_ names (and libc's copy-relocated data)
check "boardpaper exports only bp_ names" sh -c \
    "nm -D --defined-only '$BP' | awk '{ print \$3 }' | grep -v '^bp_' | grep -v '@GLIBC' | grep -q . && exit 1; exit 0"

# The module is checked and loaded once per process: a run of three papers
# names it in as many file system calls as a run of one.
for i in 1 2 3; do cp "$SHARED/corpus/update-paper-a.md" "$TMPDIR/once$i.md"; done
one=$(strace -f -e trace=%file "$BP" build -o "$TMPDIR/" "$TMPDIR/once1.md" 2>&1 | grep -c boardpaper-pdf)
three=$(strace -f -e trace=%file "$BP" build -o "$TMPDIR/" "$TMPDIR/once1.md" "$TMPDIR/once2.md" "$TMPDIR/once3.md" 2>&1 | grep -c boardpaper-pdf)
check "the PDF module is looked up once for three papers ($one calls for one, $three for three)" \
    test "$one" -gt 0 -a "$one" -eq "$three"
# ... and once per worker of -j 2: the handle the run keeps it in
# (bp_render_opts.pdf_module) is each worker's own, forked empty, so each
# worker checks and loads it for its first paper, never again for the
# others (a worker compiles six papers or more of twelve).
mkdir -p "$TMPDIR/workers"
for i in 1 2 3 4 5 6 7 8 9 10 11 12; do
	cp "$SHARED/corpus/update-paper-a.md" "$TMPDIR/workers/w$i.md"
done
strace -f -o "$TMPDIR/workers.trace" -e trace=%file "$BP" build -j 2 \
    -o "$TMPDIR/workers/" "$TMPDIR"/workers/w*.md 2>/dev/null
per_worker=$(grep boardpaper-pdf "$TMPDIR/workers.trace" | awk '{ print $1 }' |
    sort | uniq -c | awk '{ print $1 }' | tr '\n' ' ')
check "a batch worker looks the PDF module up once for all its papers (calls per worker: $per_worker; $one for one paper)" \
    sh -c "test -n '$per_worker' && for n in $per_worker; do test \$n -eq $one || exit 1; done"
# No global mutable state (the project's rule): no object file of src/
# holds a writable object of static storage (.data, .bss, thread-local
# or common; constant tables are in .rodata and .data.rel.ro).  The PDF
# module's handle was one, a static in pdf_plugin.c.
writable=$(for o in "$TOP"/build/*.o "$TOP"/build/pic/*.o; do
	objdump -t "$o" | awk -v f="${o#"$TOP"/}" '
	    $0 ~ /[ \t]O[ \t]+(\.t?data|\.t?bss|\*COM\*)/ && $0 !~ /\.data\.rel\.ro/ {
		print f ":" $NF
	    }'
done | tr '\n' ' ')
check "no object file of src/ holds writable static data (${writable:-none})" \
    test -z "$writable"
# A rebuild over last time's outputs reads each paper once: the check that
# no output is a file the paper is made from parses it for its images only
# when an existing output could be one (starts as a PNG or a JPEG does;
# suite-cli has the refusals).  It parsed every paper a second time.
cp "$SHARED/corpus/update-paper-a.md" "$TMPDIR/again.md"
"$BP" build -f pdf,txt -o "$TMPDIR/" "$TMPDIR/again.md" 2>/dev/null
opens=$(strace -f -e trace=open,openat "$BP" build -f pdf,txt -o "$TMPDIR/" "$TMPDIR/again.md" 2>&1 | grep -c 'again\.md"')
check "a rebuild over its own outputs reads the paper once ($opens opens)" \
    test "$opens" -eq 1

# malloc_trim, glibc's, is called from pdf_doc.c, not from the file of
# libharu's internals (pdf_hpdf.c)
check "pdf_hpdf.o calls no malloc_trim; pdf_doc.o does" sh -c \
    "! nm '$TOP/build/pic/pdf_hpdf.o' | grep -q malloc_trim && nm '$TOP/build/pic/pdf_doc.o' | grep -q 'U malloc_trim'"

# C11 (the project's rule): no compiler builtins, which neither the
# standard nor every compiler has (ttf_subset.c used __builtin_ctzll)
check "the sources call no compiler builtin (__builtin_*): C11 only" sh -c \
    "! grep -rn '__builtin_' '$TOP/src' '$TOP/include'"

# STATIC_DEPS=0 links the shared libraries instead of the archives: the
# link line make would run, run to a file of the test's own.
line=$(cd "$TOP" && make -s -n -B STATIC_DEPS=0 boardpaper | grep -- ' -o boardpaper ' | sed "s| -o boardpaper | -o $TMPDIR/bp-shared |")
check "STATIC_DEPS=0: the link line names no static archive" sh -c \
    "echo '$line' | grep -q -- -lfontconfig && ! echo '$line' | grep -q -- -Bstatic"
check "STATIC_DEPS=0: the program links libfontconfig.so and builds HTML" sh -c \
    "cd '$TOP' && $line && ldd '$TMPDIR/bp-shared' | grep -q 'libfontconfig\.so' && '$TMPDIR/bp-shared' build -f html -o '$TMPDIR/' '$SHARED/corpus/update-paper-a.md'"

# make bench (bench/bench.sh) is run by no suite: it times, and tests do
# not.  Its shell script, awk program and node script at least parse, so
# an edit cannot break it unseen until the next bench run.
check "bench/bench.sh parses (sh -n)" sh -n "$TOP/bench/bench.sh"
check "bench/md2typ.awk parses" sh -c "awk -f '$TOP/bench/md2typ.awk' </dev/null >/dev/null"
check "bench/typst.js parses (node --check)" node --check "$TOP/bench/typst.js"
# bench.sh: shellcheck (the Makefile's TEST_PACKAGES) finds nothing in it: it
# has no directive that silences a finding
check "bench/bench.sh: shellcheck finds nothing" shellcheck "$TOP/bench/bench.sh"

# A run that fails feeds no figure (bench.sh once printed a 10x/1x ratio
# of 0.0, and PASS, over a 1x run that failed): a small run of bench.sh
# (3 runs, 20 papers, no peers, times not looked at) with a boardpaper
# that fails the PDF of paper a, the HTML of the 10x paper and the text
# batch.  Each figure derived from those says "-", each target judged on
# one SKIP, and the targets on the runs that worked are still judged.
cat >"$TMPDIR/bp-failing" <<EOF
#!/bin/sh
case " \$* " in
*" -f pdf "*update-paper-a.md*|*" -f html "*x10.md*|*" -j 2 -f txt "*) exit 1 ;;
esac
exec '$TOP/boardpaper' "\$@"
EOF
chmod +x "$TMPDIR/bp-failing"
if env BP="$TMPDIR/bp-failing" REPORT="$TMPDIR/bench.md" RUNS=3 WARM=0 MANY=20 \
    PEERS=0 BEFORE=/nonexistent sh "$TOP/bench/bench.sh" --quick >"$TMPDIR/bench.out" 2>&1; then
	ok "bench.sh with failing runs completes"
else
	not_ok "bench.sh with failing runs completes"
	tail -n 5 "$TMPDIR/bench.out"
fi
bench_has() { grep -Eq "$1" "$TMPDIR/bench.md"; }
n='[0-9]+\.[0-9]+'
check "bench: a failed run's row has – for its spread, ratios, CPU time and PDF size" \
    bench_has "^\| update-paper-a \| pdf \| failed \| – \(–\) \| $n \($n–$n\) \| – \| – \| $n \| – \| – \|\$"
check "bench: – for the 10x ratios over a failed 1x run, and on the 100x/10x ratios over a failed 10x" sh -c \
    "grep -Eq '^\| pdf \| failed \| $n \| – \| $n \| $n× \| – \| $n \| – \| $n \| $n× \|' '$TMPDIR/bench.md' &&
     grep -Eq '^\| html \| $n \| failed \| – \| $n \| – \| $n \| – \| – \| $n \| – \| failed \|' '$TMPDIR/bench.md'"
check "bench: a failed batch's row has – for papers a second and CPU time" \
    bench_has '^\| txt \| failed \| – \| – \| – \| – \| – \| – \|$'
for target in "update-paper-a to PDF under 4 ms" "its PDF under 40 KB" \
    "(CPU time) update-paper-a to PDF under 4 ms" \
    "10× paper within 11× of 1×, pdf" "(CPU time) 10× paper within 11× of 1×, pdf" \
    "10× paper within 11× of 1×, html" "(CPU time) 10× paper within 11× of 1×, html" \
    "peak memory within bound, 10× and 100×, html"; do
	check "bench: SKIP, not measured (failed): $target" \
	    grep -Fqx -- "- SKIP $target: not measured (failed)" "$TMPDIR/bench.md"
done
for target in "html within 2.5× of cmark-gfm" "10× paper within 11× of 1×, txt" \
    "peak memory within bound, 10× and 100×, pdf" "20 papers -j 2 to PDF at 1000/s or more"; do
	check "bench: still judged beside the failed runs: $target" \
	    grep -Fq -e "- PASS $target: " -e "- MISS $target: " "$TMPDIR/bench.md"
done

# The Makefile's Debian packages are two lists: BUILD_PACKAGES, what
# building and running needs, which `make deps-build` and so `make
# quickstart` install; TEST_PACKAGES, what only the tests and the
# benchmark need.  DEB_PACKAGES, which `make deps` (and CI) installs, is
# every package of the two, each in exactly one.  make is run without the
# outer make's flags (make test's -j, -k, -n).
mk() { env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -C "$TOP" --no-print-directory "$@"; }
mk_var() { mk -s --eval "bp-print-var: ; @echo \$($1)" bp-print-var; }
build_pkgs=$(mk_var BUILD_PACKAGES)
test_pkgs=$(mk_var TEST_PACKAGES)
deb_pkgs=$(mk_var DEB_PACKAGES)
check "Makefile: BUILD_PACKAGES, TEST_PACKAGES and DEB_PACKAGES are read (${build_pkgs%% *} ..., ${test_pkgs%% *} ...)" \
    test -n "$build_pkgs" -a -n "$test_pkgs" -a -n "$deb_pkgs"
not_once=$(for p in $(printf '%s\n' $deb_pkgs | sort -u); do
	n=$(printf '%s\n' $build_pkgs $test_pkgs | grep -cxF -- "$p")
	[ "$n" -eq 1 ] || printf '%s (%s times) ' "$p" "$n"
done)
check "Makefile: every package of DEB_PACKAGES is in exactly one of BUILD_PACKAGES and TEST_PACKAGES (${not_once:-all are})" \
    test -z "$not_once"
not_in_deb=$(for p in $build_pkgs $test_pkgs; do
	printf '%s\n' $deb_pkgs | grep -qxF -- "$p" || printf '%s ' "$p"
done)
check "Makefile: DEB_PACKAGES holds every package of the two lists (${not_in_deb:-it does})" \
    test -z "$not_in_deb"
# make -n runs the sub-makes of quickstart (their lines hold $(MAKE))
# as dry runs too, so this is everything quickstart would run
mk -n quickstart >"$TMPDIR/quickstart.n" 2>&1
named=$(for w in npm nodejs java default-jre-headless $test_pkgs; do
	grep -qwF -- "$w" "$TMPDIR/quickstart.n" && printf '%s ' "$w"
done)
check "make -n quickstart names no npm, Java, Node.js or test package (${named:-none})" \
    test -z "$named"
missing=$(for p in $build_pkgs; do
	grep -qwF -- "$p" "$TMPDIR/quickstart.n" || printf '%s ' "$p"
done)
check "make -n quickstart installs every build package (${missing:-all named}), builds and renders the examples" \
    sh -c "test -z '$missing' && grep -q 'apt-get install' '$TMPDIR/quickstart.n' &&
        grep -q '^\./boardpaper pack ' '$TMPDIR/quickstart.n'"
mk -n deps >"$TMPDIR/deps.n" 2>&1
missing=$(for p in $deb_pkgs default-jre-headless nodejs; do
	grep -qwF -- "$p" "$TMPDIR/deps.n" || printf '%s ' "$p"
done)
check "make -n deps installs every package of DEB_PACKAGES (${missing:-all named}), Java and Node.js, then runs npm ci" \
    sh -c "test -z '$missing' && grep -q '^npm ci ' '$TMPDIR/deps.n'"
# make test first installs what the tests need and is missing (the
# README's quick start is two commands, SPEC §8): every test package is
# checked, and npm ci run when tests/html's modules are out of date, before
# the suites run
mk -n test >"$TMPDIR/test.n" 2>&1
missing=$(for p in $test_pkgs default-jre-headless nodejs; do
	grep -qwF -- "$p" "$TMPDIR/test.n" || printf '%s ' "$p"
done)
first_install=$(grep -n 'apt-get install' "$TMPDIR/test.n" | head -1 | cut -d: -f1)
suites=$(grep -n '^sh tests/run\.sh$' "$TMPDIR/test.n" | head -1 | cut -d: -f1)
check "make -n test checks every test package (${missing:-all named}) and npm's modules, then runs the suites (install at line ${first_install:-none}, suites at ${suites:-none})" \
    sh -c "test -z '$missing' && grep -q 'npm ci ' '$TMPDIR/test.n' &&
        test -n '$first_install' -a -n '$suites' && test '$first_install' -lt '$suites'"
