# make install and uninstall (SPEC section 8, issue 9): the binary, the
# man page and the bash completion go in and come out again; the man page
# is mandoc-clean and names every command and every option --help lists;
# the completion offers commands, options, format names and file names.
. tests/lib.sh

command -v mandoc >/dev/null || not_ok "install: mandoc is missing (make deps)"
command -v bash >/dev/null || not_ok "install: bash is missing"
D=$TMPDIR/dest
make -s -C "$TOP" install DESTDIR="$D" PREFIX=/usr >"$TMPDIR/install.out" 2>&1
check "install: make install succeeds" test $? -eq 0
for f in usr/bin/boardpaper usr/libexec/boardpaper/boardpaper-import \
    usr/lib/boardpaper/boardpaper-pdf.so usr/share/man/man1/boardpaper.1 \
    usr/share/bash-completion/completions/boardpaper; do
	check "install: installs /$f" test -s "$D/$f"
done
check "install: the installed program loads /usr/lib/boardpaper/boardpaper-pdf.so" \
    grep -q -a /usr/lib/boardpaper/boardpaper-pdf.so "$D/usr/bin/boardpaper"
check "install: the installed program runs /usr/libexec/boardpaper/boardpaper-import" \
    grep -q -a /usr/libexec/boardpaper/boardpaper-import "$D/usr/bin/boardpaper"
check "install: no boardpaper-import in /usr/bin, where a copy of the program would look" \
    test ! -e "$D/usr/bin/boardpaper-import"
make -s -C "$TOP" uninstall DESTDIR="$D" PREFIX=/usr >/dev/null 2>&1
check "install: make uninstall leaves no file behind" \
    test -z "$(find "$D" -type f)"


# The installed program loads its PDF back-end from $PLUGINDIR, whatever
# PREFIX the build tree was made with (make, then make install PREFIX=...)
# and from whatever directory it is run.
P=$TMPDIR/prefix
make -s -C "$TOP" install PREFIX="$P" >"$TMPDIR/install2.out" 2>&1
check "install: make install PREFIX=$P succeeds" test $? -eq 0
check "install: the module is installed in PREFIX/lib/boardpaper" \
    test -s "$P/lib/boardpaper/boardpaper-pdf.so"
mkdir -p "$TMPDIR/elsewhere"
cp "$SHARED/corpus/update-paper-a.md" "$TMPDIR/elsewhere/a.md"
check "install: the installed program builds a PDF from another directory" sh -c \
    "cd '$TMPDIR/elsewhere' && '$P/bin/boardpaper' build -o a.pdf a.md && pdftotext a.pdf - | grep -q ."
# a copy in a directory of its own, a planted module beside it: ignored
mkdir -p "$TMPDIR/planted"
cp "$P/bin/boardpaper" "$TMPDIR/planted/boardpaper"
echo 'not a module' >"$TMPDIR/planted/boardpaper-pdf.so"
check "install: a copied installed program ignores a module planted beside it" sh -c \
    "cd '$TMPDIR/elsewhere' && '$TMPDIR/planted/boardpaper' build -o b.pdf a.md && pdftotext b.pdf - | grep -q ."
OUT=$TMPDIR/mod.out ERR=$TMPDIR/mod.err
# The import program is run as the module is loaded: only from the
# directory compiled in ($IMPORTDIR, default PREFIX/libexec/boardpaper),
# never from beside the program, and refused when others could write it.
IMP=$P/libexec/boardpaper/boardpaper-import
cp "$TOP/tests/import/word-saved.txt" "$TMPDIR/elsewhere/w.txt"
check "install: the installed program imports with its installed import program" sh -c \
    "cd '$TMPDIR/elsewhere' && '$P/bin/boardpaper' import -o w.md w.txt 2>/dev/null && grep -q '^title:' w.md"
printf '#!/bin/sh\ntouch "%s"\n' "$TMPDIR/planted/ran" >"$TMPDIR/planted/boardpaper-import"
chmod 755 "$TMPDIR/planted/boardpaper-import"
check "install: a copied installed program does not run a boardpaper-import planted beside it" sh -c \
    "cd '$TMPDIR/elsewhere' && '$TMPDIR/planted/boardpaper' import -o w2.md w.txt 2>/dev/null; test ! -e '$TMPDIR/planted/ran' && grep -q '^title:' w2.md"
chmod o+w "$IMP"
check "install: a world-writable import program is refused, in one line naming it" sh -c \
    "'$P/bin/boardpaper' import -o '$TMPDIR/elsewhere/w3.md' '$TMPDIR/elsewhere/w.txt' 2>'$ERR'; test \$? -eq 1 && test ! -e '$TMPDIR/elsewhere/w3.md' && test \"\$(cat '$ERR')\" = 'boardpaper: error: cannot run the import program $IMP: refused: it is writable by group or others'"
chmod o-w "$IMP"
# and so is one in a directory others could write (and so swap it in),
# its own or one above it, or one owned by another user; a sticky
# world-writable directory (as /tmp) is no such risk
IMPDIR=$P/libexec/boardpaper
chmod o+w "$IMPDIR"
check "install: an import program in a world-writable directory is refused, in one line naming it" sh -c \
    "'$P/bin/boardpaper' import -o '$TMPDIR/elsewhere/w5.md' '$TMPDIR/elsewhere/w.txt' 2>'$ERR'; test \$? -eq 1 && test ! -e '$TMPDIR/elsewhere/w5.md' && test \"\$(cat '$ERR')\" = 'boardpaper: error: cannot run the import program $IMP: refused: the directory $IMPDIR is writable by group or others'"
chmod +t "$IMPDIR"
check "install: ... but not when the directory is sticky" sh -c \
    "'$P/bin/boardpaper' import -o '$TMPDIR/elsewhere/w6.md' '$TMPDIR/elsewhere/w.txt' 2>/dev/null && grep -q '^title:' '$TMPDIR/elsewhere/w6.md'"
chmod o-w,-t "$IMPDIR"
chmod g+w "$P/libexec"
check "install: an import program below a group-writable directory is refused, naming that one" sh -c \
    "'$P/bin/boardpaper' import -o '$TMPDIR/elsewhere/w7.md' '$TMPDIR/elsewhere/w.txt' 2>'$ERR'; test \$? -eq 1 && test \"\$(cat '$ERR')\" = 'boardpaper: error: cannot run the import program $IMP: refused: the directory $P/libexec is writable by group or others'"
chmod g-w "$P/libexec"
if [ "$(id -u)" = 0 ]; then
	chown 65534 "$IMPDIR"
	check "install: an import program in a directory another user owns is refused" sh -c \
	    "'$P/bin/boardpaper' import -o '$TMPDIR/elsewhere/w8.md' '$TMPDIR/elsewhere/w.txt' 2>'$ERR'; test \$? -eq 1 && test \"\$(cat '$ERR')\" = 'boardpaper: error: cannot run the import program $IMP: refused: the directory $IMPDIR is owned by another user'"
	chown 0 "$IMPDIR"
	# a folder the program itself is in (a build tree or prefix another
	# user owns, as in a CI container running as root) is no such risk:
	# its owner could have swapped the program
	chown 65534 "$P"
	check "install: a prefix another user owns, the program's own, still runs its import program and module" sh -c \
	    "'$P/bin/boardpaper' import -o '$TMPDIR/elsewhere/w9.md' '$TMPDIR/elsewhere/w.txt' && grep -q '^title:' '$TMPDIR/elsewhere/w9.md' && '$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/w9.pdf' '$TMPDIR/elsewhere/a.md' && test -s '$TMPDIR/elsewhere/w9.pdf'"
	chown 0 "$P"
fi
mv "$IMP" "$IMP.away"
check "install: without the import program, import fails naming the path tried" sh -c \
    "'$P/bin/boardpaper' import -o '$TMPDIR/elsewhere/w4.md' '$TMPDIR/elsewhere/w.txt' 2>'$ERR'; test \$? -eq 1 && test \"\$(cat '$ERR')\" = 'boardpaper: error: cannot run the import program $IMP: not found'"
mv "$IMP.away" "$IMP"
# a directory on the way that is not there is no refusal: the program is
# then not found (it read "refused: the directory ... No such file")
mv "$IMPDIR" "$IMPDIR.away"
check "install: without the import program's directory, import fails as not found" sh -c \
    "'$P/bin/boardpaper' import -o '$TMPDIR/elsewhere/w10.md' '$TMPDIR/elsewhere/w.txt' 2>'$ERR'; test \$? -eq 1 && test \"\$(cat '$ERR')\" = 'boardpaper: error: cannot run the import program $IMP: not found'"
mv "$IMPDIR.away" "$IMPDIR"
M=$P/lib/boardpaper/boardpaper-pdf.so
chmod g+w "$M"
check "install: a group-writable module is refused, naming it" sh -c \
    "! '$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/c.pdf' '$TMPDIR/elsewhere/a.md' 2>'$ERR' && grep -q 'cannot load the PDF back-end $M: refused' '$ERR'"
chmod g-w "$M"
# a directory on its way that others could write lets them swap it in
chmod g+w "$P/lib/boardpaper"
check "install: a module in a group-writable directory is refused, naming the directory" sh -c \
    "! '$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/c.pdf' '$TMPDIR/elsewhere/a.md' 2>'$ERR' && grep -q 'cannot load the PDF back-end $M: refused: the directory $P/lib/boardpaper is writable by group or others' '$ERR' && test ! -e '$TMPDIR/elsewhere/c.pdf'"
chmod g-w "$P/lib/boardpaper"
mv "$M" "$M.away"
check "install: without boardpaper-pdf.so a PDF fails, naming the path tried" sh -c \
    "! '$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/d.pdf' '$TMPDIR/elsewhere/a.md' 2>'$ERR' && grep -q 'cannot load the PDF back-end $M: not found' '$ERR'"
mv "$M.away" "$M"
# A path realpath cannot resolve, for any reason but a name not there, is
# refused with that reason: it was let through with only its directories
# as named checked.  The module's directory a link to itself (a loop: it
# read "not found"), or a link to a directory whose real path is longer
# than PATH_MAX, which the kernel reaches and realpath does not: then a
# world-writable directory on that real path went unseen and the module
# was loaded.
MODDIR=$P/lib/boardpaper
mv "$MODDIR" "$MODDIR.real"
ln -s boardpaper "$MODDIR"
check "install: a module reached through a loop of links is refused with realpath's reason" sh -c \
    "! '$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/f.pdf' '$TMPDIR/elsewhere/a.md' 2>'$ERR' && test \"\$(cat '$ERR')\" = 'boardpaper: error: cannot load the PDF back-end $M: refused: its real path cannot be resolved: Too many levels of symbolic links'"
rm "$MODDIR"
seg=$(printf '%200s' '' | tr ' ' d)
twelve=$seg
for i in 2 3 4 5 6 7 8 9 10 11 12; do twelve=$twelve/$seg; done
(umask 022 && mkdir -p "$TMPDIR/deep/$twelve" && cd "$TMPDIR/deep/$twelve" &&
    mkdir -p "$twelve" && ln -s "$twelve" more)
ln -s "$TMPDIR/deep/$twelve/more" "$MODDIR"
cp "$MODDIR.real/boardpaper-pdf.so" "$MODDIR/"
chmod o+w "$MODDIR/.."
check "install: a module whose real path is longer than PATH_MAX is refused with realpath's reason, not loaded past a world-writable directory" sh -c \
    "! '$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/g.pdf' '$TMPDIR/elsewhere/a.md' 2>'$ERR' && test \"\$(cat '$ERR')\" = 'boardpaper: error: cannot load the PDF back-end $M: refused: its real path cannot be resolved: File name too long' && test ! -e '$TMPDIR/elsewhere/g.pdf'"
chmod o-w "$MODDIR/.."
rm "$MODDIR"
rm -rf "$TMPDIR/deep"
mv "$MODDIR.real" "$MODDIR"
# A symbolic link on the way is checked as a link.  The path it holds is
# walked as the path itself is: a directory that holds a second link on
# the way is named neither by the path nor by its real path, and when
# group or others could write it (and so swap that link) the module was
# loaded and the import program run.  And a link in a sticky directory,
# which its owner may replace, must be root's, the user's or the
# directory owner's.
IMPDIR=$P/libexec/boardpaper
(umask 022 && mkdir "$TMPDIR/hop")
mv "$MODDIR" "$TMPDIR/modreal"
mv "$IMPDIR" "$TMPDIR/impreal"
ln -s "$TMPDIR/modreal" "$TMPDIR/hop/mod"
ln -s "$TMPDIR/impreal" "$TMPDIR/hop/imp"
ln -s "$TMPDIR/hop/mod" "$MODDIR"
ln -s ../../hop/imp "$IMPDIR"
check "install: a module and an import program reached through two links each, in directories only root or the user may write, still load and run" sh -c \
    "'$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/h.pdf' '$TMPDIR/elsewhere/a.md' && test -s '$TMPDIR/elsewhere/h.pdf' && '$P/bin/boardpaper' import -o '$TMPDIR/elsewhere/h.md' '$TMPDIR/elsewhere/w.txt' 2>/dev/null && grep -q '^title:' '$TMPDIR/elsewhere/h.md'"
chmod o+w "$TMPDIR/hop"
check "install: a module reached through a link held in a world-writable directory is refused, naming that directory" sh -c \
    "! '$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/i.pdf' '$TMPDIR/elsewhere/a.md' 2>'$ERR' && test \"\$(cat '$ERR')\" = 'boardpaper: error: cannot load the PDF back-end $M: refused: the directory $TMPDIR/hop is writable by group or others' && test ! -e '$TMPDIR/elsewhere/i.pdf'"
check "install: ... and so is an import program" sh -c \
    "'$P/bin/boardpaper' import -o '$TMPDIR/elsewhere/i.md' '$TMPDIR/elsewhere/w.txt' 2>'$ERR'; test \$? -eq 1 && test \"\$(cat '$ERR')\" = 'boardpaper: error: cannot run the import program $IMP: refused: the directory $P/libexec/../../hop is writable by group or others'"
chmod o-w "$TMPDIR/hop"
if [ "$(id -u)" = 0 ]; then
	chmod 1777 "$P/lib"
	chown -h 65534 "$MODDIR"
	check "install: a module reached through a link another user owns, in a sticky directory, is refused, naming the link" sh -c \
	    "! '$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/j.pdf' '$TMPDIR/elsewhere/a.md' 2>'$ERR' && test \"\$(cat '$ERR')\" = 'boardpaper: error: cannot load the PDF back-end $M: refused: the symbolic link $MODDIR is owned by another user'"
	chown -h 0 "$MODDIR"
	check "install: ... but not one of root's" sh -c \
	    "'$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/j.pdf' '$TMPDIR/elsewhere/a.md' && test -s '$TMPDIR/elsewhere/j.pdf'"
	chmod 755 "$P/lib"
fi
rm "$MODDIR" "$IMPDIR"
mv "$TMPDIR/modreal" "$MODDIR"
mv "$TMPDIR/impreal" "$IMPDIR"
rm -r "$TMPDIR/hop"
mv "$P/lib/boardpaper" "$P/lib/boardpaper.away"
check "install: without the module's directory a PDF fails as not found" sh -c \
    "! '$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/d2.pdf' '$TMPDIR/elsewhere/a.md' 2>'$ERR' && grep -q 'cannot load the PDF back-end $M: not found' '$ERR' && ! grep -q 'refused' '$ERR'"
mv "$P/lib/boardpaper.away" "$P/lib/boardpaper"
mv "$M" "$M.away"
# the paper is not to blame: the line names the program, not a.md
check "install: ... the message is the program's, not the paper's" \
    grep -q "^boardpaper: error: cannot load the PDF back-end $M" "$ERR"
check "install: ... while HTML still builds" \
    "$P/bin/boardpaper" build -f html -o "$TMPDIR/elsewhere/" "$TMPDIR/elsewhere/a.md"
# a module built from other headers (another ABI string), or one with
# none: refused after loading, both values named
abi=$(sed -n 's/^#define BP_ABI "\(.*\)"$/\1/p' "$TOP/build/bp_abi.h")
printf '%s\n' 'const char bp_pdf_abi[] = "0.0.1-12345";' \
    'int bp_render_pdf(void) { return 0; }' >"$TMPDIR/other.c"
printf '%s\n' 'int bp_render_pdf(void) { return 0; }' >"$TMPDIR/none.c"
cc -shared -fPIC -o "$M" "$TMPDIR/other.c"
check "install: a module of another ABI is refused, naming it and both ABIs" sh -c \
    "! '$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/e.pdf' '$TMPDIR/elsewhere/a.md' 2>'$ERR' && grep -q 'the PDF back-end $M was built for another boardpaper (its ABI 0.0.1-12345, this program.s $abi)' '$ERR'"
cc -shared -fPIC -o "$M" "$TMPDIR/none.c"
check "install: a module with no ABI string is refused" sh -c \
    "! '$P/bin/boardpaper' build -o '$TMPDIR/elsewhere/e.pdf' '$TMPDIR/elsewhere/a.md' 2>'$ERR' && grep -q 'its ABI (none), this program.s $abi' '$ERR'"
mv "$M.away" "$M"
make -s -C "$TOP" uninstall PREFIX="$P" >/dev/null 2>&1
check "install: make uninstall removes the module and its directory" \
    test ! -e "$P/lib/boardpaper"
check "install: make uninstall removes the import program and its directory" \
    test ! -e "$P/libexec/boardpaper"

MAN=$TOP/src/cli/boardpaper.1
check "install: mandoc -T lint finds nothing in the man page" \
    sh -c "mandoc -T lint -W style '$MAN' 2>&1 | grep -v 'outdated mandoc.db' | grep -q . && exit 1; exit 0"
# words the page means as text that mdoc reads as its macros are lost
# without a word of lint ("out/x.pdf: No such file" showed as "out/x.pdf:
# such file", No being mdoc's macro for normal text): the page rendered
# on one long line a paragraph holds every "No such file or directory"
# of its source, as many, each with what comes before it
rendered=$(mandoc -T utf8 -O width=1000 "$MAN" | col -b)
want=$(sed 's/\\&//g' "$MAN" | grep -o '[a-z]* [^ ]*: No such file or directory')
check "install: the man page keeps every 'No such file or directory'" sh -c '
	[ "$(printf "%s\n" "$1" | grep -c "No such file or directory")" -eq \
	    "$(printf "%s\n" "$2" | grep -o "No such file or directory" | wc -l)" ] &&
	[ "$(printf "%s\n" "$1" | grep -c "No such file or directory")" -gt 0 ] &&
	printf "%s\n" "$1" | while IFS= read -r w; do
		printf "%s\n" "$2" | grep -qF -- "$w" || { echo "# lost: $w"; exit 1; }
	done' sh "$want" "$rendered"
for opt in $("$BP" --help | grep -o -E -- '(^| )--[a-z][a-z-]*' | tr -d ' ' |
    sort -u); do
	check "install: the man page documents $opt" grep -q -E \
	    -- "Fl (. , )?-${opt#--}( |\$)|Fl -help \\| -${opt#--}\$|\\| Fl -${opt#--}( |\$)" "$MAN"
done
for opt in $("$BP" --help | grep -o -E -- '^  -[a-zA-Z],' | tr -d ' ,' | sort -u); do
	check "install: the man page documents $opt" grep -q -E \
	    -- "^\\.It Fl ${opt#-} , " "$MAN"
done
for cmd in $("$BP" --help | sed -n '/^Commands:/,/^$/p' |
    awk '/^  [a-z]/ { print $1 }'); do
	check "install: the man page documents the $cmd command" grep -q \
	    "^\\.Cm $cmd\$" "$MAN"
done

# complete WORDS...: what the completion offers for the last word
complete_words() {
	(cd "$TMPDIR" && bash -c '. "$1"; shift; COMP_WORDS=("$@");
	    COMP_CWORD=$(($# - 1)); _boardpaper; printf "%s\n" "${COMPREPLY[@]}"' \
	    _ "$TOP/completion/boardpaper.bash" "$@" | sort | tr '\n' ' ')
}
mkdir -p "$TMPDIR/papers"
: >"$TMPDIR/update.md"
: >"$TMPDIR/notes.txt"
check "install: completion offers the commands" \
    test "$(complete_words boardpaper '')" = "--help --version -V -h build check import new pack "
got=$(complete_words boardpaper build --s)
check "install: completion offers build's --s options" \
    test "$got" = "--strict --style "
got=$(complete_words boardpaper build -f pdf,h)
check "install: completion offers format names after a comma" \
    test "$got" = "pdf,html "
got=$(complete_words boardpaper build u)
check "install: completion offers a paper's file name" \
    test "$got" = "update.md "
got=$(complete_words boardpaper import n)
check "install: completion offers a .txt to import" \
    test "$got" = "notes.txt "

# Every option --help lists, long and short, is offered by the completion
# after some command (or before any); the dump options where they apply.
offered=" $(complete_words boardpaper '-')"
for cmd in build check pack new import; do
	offered="$offered $(complete_words boardpaper "$cmd" '-')"
done
for opt in $("$BP" --help | grep -o -E -- '(^| )--?[a-zA-Z][a-z-]*' |
    tr -d ' ' | sort -u); do
	check "install: completion offers $opt" sh -c \
	    "echo '$offered' | tr ' ' '\n' | grep -qx -- '$opt'"
done
got=$(complete_words boardpaper build --d)
check "install: completion offers build's --d options" \
    test "$got" = "--deps --dump-layout --dump-structure "
got=$(complete_words boardpaper pack --d)
check "install: completion offers pack's --d options (no --dump-layout)" \
    test "$got" = "--deps --dump-structure --duplex "
