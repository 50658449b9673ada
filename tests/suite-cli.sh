# The command line as a user meets it: options, usage errors, where outputs
# go, standard input and output, several inputs, -j, atomic writes, file
# modes, check, warnings and --strict, unreadable inputs.  Every case runs
# with the normal and the sanitizer builds.
. tests/lib.sh

CORPUS_A=$SHARED/corpus/update-paper-a.md
CORPUS_B=$SHARED/corpus/update-paper-b.md

# fresh NAME: an empty work folder holding x.md (a good paper); cd there.
fresh() {
	W=$TMPDIR/$l/$1
	rm -rf "$W"
	mkdir -p "$W"
	cd "$W" || exit 2
	cp "$CORPUS_B" x.md
}

# stderr_is TEXT: standard error is exactly TEXT and a newline.
stderr_is() {
	printf '%s\n' "$1" >"$TMPDIR/want"
	cmp -s "$TMPDIR/want" "$ERR" && return 0
	echo "# stderr differs:"
	diff -u "$TMPDIR/want" "$ERR" | sed 's/^/#   /'
	return 1
}

# files_are NAME...: the work folder holds exactly these (dot files too).
files_are() {
	want=$(printf '%s\n' "$@" | sort)
	have=$(ls -A | sort)
	[ "$want" = "$have" ] && return 0
	echo "# files:" $have
	echo "# expected:" $want
	return 1
}

# usage ARGS...: exit 2, nothing on stdout, a one-line "boardpaper: ..."
# message first, then only the pointer to --help (not the whole synopsis).
usage() {
	run 2 "$BIN" "$@" || return 1
	[ ! -s "$OUT" ] || { echo "# wrote to stdout"; return 1; }
	if ! head -n 1 "$ERR" | grep -q '^boardpaper: [^ ]'; then
		echo "# first line: $(head -n 1 "$ERR")"
		return 1
	fi
	if sed 1d "$ERR" | grep -vx "boardpaper: run 'boardpaper --help' for the options" |
	    grep -q .; then
		echo "# more than a message and the pointer to --help:"
		sed 's/^/#   /' "$ERR"
		return 1
	fi
}

# --- help and usage errors -------------------------------------------

t_help() {
	fresh help
	for opt in --help -h help; do
		run 0 "$BIN" $opt || return 1
		grep -q build "$OUT" && grep -q check "$OUT" &&
		    [ ! -s "$ERR" ] || return 1
	done
	run 0 "$BIN" build --help && grep -q check "$OUT"
}

t_version() {
	fresh version
	run 0 "$BIN" --version && [ ! -s "$ERR" ] &&
	    [ "$(wc -l <"$OUT")" -eq 1 ] &&
	    grep -q '^boardpaper [0-9][0-9.]*' "$OUT"
}

t_usage_no_args() { fresh u1; usage && files_are x.md; }
t_usage_command() { fresh u2; usage frob x.md && files_are x.md; }
t_usage_no_files() { fresh u3; usage build -f txt && files_are x.md; }
t_usage_format() {
	fresh u4
	usage build -f pdf2 x.md && grep -q "pdf2" "$ERR" &&
	    usage build -f txt,docx x.md && files_are x.md
}
t_usage_format_lists_formats() {
	fresh u4b
	usage build -f docx x.md &&
	    head -n 1 "$ERR" | grep -qx "boardpaper: unknown format 'docx'; use pdf, txt, json or html"
}
# --help lists the formats as it says they are given, comma-separated
# (it said "comma-separated: pdf txt json html"), a list -f takes as it is
t_help_formats_comma_separated() {
	fresh helpformats
	mkdir o
	run 0 "$BIN" --help &&
	    list=$(sed -n 's/^  -f, --format=LIST  output formats, comma-separated: //p' "$OUT") &&
	    [ "$list" = "pdf,txt,json,html" ] &&
	    run 0 "$BIN" build -f "$list" -o o/ x.md &&
	    (cd o && files_are x.pdf x.txt x.json x.html) ||
	    { echo "# list: '$list'"; return 1; }
}
t_help_lists_dump_options() {
	fresh helpdump
	run 0 "$BIN" --help && grep -q -- '--dump-layout' "$OUT" &&
	    grep -q -- '--dump-structure' "$OUT"
}
t_pack_dump_layout_refused() {
	fresh packdump
	printf 'board: B\nmeeting: 2026-06-18\nitems:\n  - title: T\n' >m.yaml
	usage pack --dump-layout -o - m.yaml &&
	    grep -q -- '--dump-layout is for build only' "$ERR" &&
	    files_are m.yaml x.md
}
t_usage_jobs() {
	fresh u5
	usage build -f txt -j 0 x.md && usage build -f txt -j x x.md &&
	    usage build -f txt -j 65 x.md && usage build -f txt -j -1 x.md &&
	    files_are x.md
}
# --help gives -j's range and who refuses it, and check's usage line has
# [-j N] (check -j 2 works; the line left it out)
t_help_jobs() {
	fresh helpjobs
	run 0 "$BIN" --help &&
	    grep -q -- '-j, --jobs=N       build, check: compile N papers at once, N$' "$OUT" &&
	    grep -q -- '^ *from 1 to 64 (default 1); pack, new and$' "$OUT" &&
	    grep -q '^ *boardpaper check \[-j N\] \[--strict\]' "$OUT" &&
	    cp x.md y.md && run 0 "$BIN" check -j 2 x.md y.md
}
# -o's folder is not created: said in --help, and a usage error naming it
t_help_output_folder() {
	fresh helpout
	run 0 "$BIN" --help && grep -q 'one; folders are not created), or' "$OUT" &&
	    usage build -f txt -o nodir/ x.md &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: no such directory: nodir/'
}
# new and import refuse -j as pack does, naming what it is for (they said
# "unknown option '-j'")
t_usage_new_import_jobs() {
	fresh newjobs
	for args in "new -j 2" "new --jobs=2 y.md" "import -j 2 x.docx" \
	    "import --jobs 2 x.docx"; do
		# shellcheck disable=SC2086
		usage $args &&
		    head -n 1 "$ERR" | grep -qx 'boardpaper: -j is for build and check' ||
		    { echo "# $args: $(head -n 1 "$ERR")"; return 1; }
	done
	usage pack -j 2 m.yaml &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: -j is for build and check (a pack is laid out in one process)' &&
	    files_are x.md
}
t_usage_width() { fresh u6; usage build -f txt -w 5 x.md && files_are x.md; }
t_width() {
	fresh width
	run 0 "$BIN" build -f txt -w 40 -o narrow.txt x.md &&
	    run 0 "$BIN" build -f txt -o wide.txt x.md &&
	    [ "$(LC_ALL=C.UTF-8 wc -L <narrow.txt)" -le 40 ] &&
	    [ "$(LC_ALL=C.UTF-8 wc -L <narrow.txt)" -gt 30 ] &&
	    [ "$(LC_ALL=C.UTF-8 wc -L <wide.txt)" -gt 40 ] &&
	    [ "$(LC_ALL=C.UTF-8 wc -L <wide.txt)" -le 72 ]
}

t_usage_o_file_several() {
	fresh u7
	cp x.md y.md
	usage build -f txt -o out.txt x.md y.md &&
	    usage build -f txt,json -o out.txt x.md && files_are x.md y.md
}
t_usage_o_no_dir() {
	fresh u8
	usage build -f txt -o nodir/ x.md && files_are x.md
}
t_usage_check_o() { fresh u9; usage check -o out x.md && files_are x.md; }
t_usage_stdin_twice() { fresh u10; usage build -f txt - - </dev/null; }
# getopt's own messages must name the program too, not "build:"
t_usage_unknown_long() {
	fresh u11
	usage build --bogus x.md && grep -q -- '--bogus' "$ERR" &&
	    files_are x.md
}
# an option before the command is named as an option, with where options
# go (it was "unknown command '--strict'")
t_usage_option_before_command() {
	fresh u14
	usage --strict build x.md &&
	    head -n 1 "$ERR" | grep -q "^boardpaper: unknown option '--strict' before the command (options go after it" &&
	    files_are x.md
}
t_usage_unknown_short() { fresh u12; usage build -q x.md && files_are x.md; }
t_usage_missing_arg() { fresh u13; usage build -f txt -j; }

# --- where outputs go -------------------------------------------------

t_beside_input() {
	fresh beside
	run 0 "$BIN" build -f txt x.md && [ ! -s "$ERR" ] && [ ! -s "$OUT" ] &&
	    files_are x.md x.txt && [ -s x.txt ]
}

t_two_formats() {
	fresh formats
	run 0 "$BIN" build -f txt,json x.md && [ ! -s "$ERR" ] &&
	    files_are x.json x.md x.txt && head -c 1 x.json | grep -q '{'
}

t_beside_in_folder() {
	fresh folder
	mkdir -p sub.d
	mv x.md sub.d/y.md
	cp sub.d/y.md paper
	run 0 "$BIN" build -f txt sub.d/y.md paper && files_are paper \
	    paper.txt sub.d && [ -s sub.d/y.txt ] && [ -s paper.txt ]
}

t_output_dir() {
	fresh outdir
	cp "$CORPUS_A" a.md
	mkdir out exists
	run 0 "$BIN" build -f txt,json -o out/ x.md a.md &&
	    [ -s out/x.txt ] && [ -s out/x.json ] && [ -s out/a.txt ] &&
	    [ -s out/a.json ] && files_are a.md exists out x.md &&
	    [ "$(ls out | wc -l)" -eq 4 ] &&
	    run 0 "$BIN" build -f txt -o exists x.md && [ -s exists/x.txt ] &&
	    cmp -s out/x.txt exists/x.txt
}

t_output_file() {
	fresh outfile
	run 0 "$BIN" build -f txt -o named.text x.md && files_are named.text \
	    x.md && run 0 "$BIN" build -f txt x.md && cmp -s x.txt named.text
}

t_stdout() {
	fresh stdout
	run 0 "$BIN" build -f txt x.md || return 1
	run 0 "$BIN" build -f txt -o - x.md && cmp -s "$OUT" x.txt &&
	    [ ! -s "$ERR" ] && files_are x.md x.txt
}

t_stdin() {
	fresh stdin
	mkdir out
	run 0 "$BIN" build -f txt x.md || return 1
	run 0 "$BIN" build -f txt -o - - <x.md && cmp -s "$OUT" x.txt &&
	    run 0 "$BIN" build -f txt - <x.md && cmp -s "$OUT" x.txt &&
	    run 0 "$BIN" build -f txt,json -o out/ - <x.md &&
	    cmp -s out/stdin.txt x.txt && [ -s out/stdin.json ] &&
	    files_are out x.txt x.md
}

t_stdin_errors_named() {
	fresh stdin-bad
	echo "no front matter" >bad
	run 1 "$BIN" build -f txt - <bad && [ ! -s "$OUT" ] &&
	    stderr_is "<stdin>:1:1: error: missing front matter: a paper \
begins with a '---' line"
}

t_several_one_bad() {
	fresh several
	cp "$CORPUS_A" a.md
	printf 'no front matter\n' >bad.md
	run 1 "$BIN" build -f txt a.md bad.md x.md &&
	    stderr_is "bad.md:1:1: error: missing front matter: a paper \
begins with a '---' line
boardpaper: 1 of 3 papers had errors" && files_are a.md a.txt bad.md x.md x.txt
}

# several inputs of which some failed end with one line saying how many,
# with -j as without; none for one input, or when none failed
t_several_summary() {
	fresh summary
	printf 'no front matter\n' >bad.md
	cp bad.md worse.md
	run 1 "$BIN" build -j 2 -f txt bad.md x.md worse.md &&
	    [ "$(tail -n 1 "$ERR")" = "boardpaper: 2 of 3 papers had errors" ] &&
	    [ "$(grep -c 'had errors' "$ERR")" -eq 1 ] &&
	    run 1 "$BIN" check -j 2 bad.md x.md &&
	    [ "$(tail -n 1 "$ERR")" = "boardpaper: 1 of 2 papers had errors" ] &&
	    run 1 "$BIN" check bad.md && ! grep -q 'had errors' "$ERR" &&
	    cp x.md y.md && run 0 "$BIN" check -j 2 x.md y.md && [ ! -s "$ERR" ]
}

t_several_one_missing() {
	fresh several-missing
	run 1 "$BIN" build -f txt nosuch.md x.md &&
	    stderr_is "nosuch.md: error: cannot read: No such file or \
directory
boardpaper: 1 of 2 papers had errors" && files_are x.md x.txt
}

# -j 2 gives the same outputs and the same diagnostics, in the same
# order, as -j 1 (they came in the order the papers finished).
t_jobs() {
	fresh jobs
	mkdir in one two
	i=0
	while [ $i -lt 30 ]; do
		cp "$CORPUS_A" in/a$i.md
		cp "$CORPUS_B" in/b$i.md
		i=$((i + 1))
	done
	printf '%s\n' --- 'title: x' >in/bad.md
	run 1 "$BIN" build -f txt,json -o one/ -j 1 in/*.md || return 1
	cp "$ERR" err1
	run 1 "$BIN" build -f txt,json -o two/ -j 2 in/*.md || return 1
	cp "$ERR" err2
	[ "$(ls one | wc -l)" -eq 120 ] && diff -r one two >/dev/null &&
	    cmp -s err1 err2 && [ -s err1 ] && ! grep -q '^in/[ab][0-9]' err1 &&
	    run 0 "$BIN" build -f txt -o two/ -j 64 in/[ab][0-9]*.md &&
	    diff -r one two >/dev/null
}

# --- never over the input, never a broken output ----------------------

t_not_over_input() {
	fresh over-input
	cp x.md orig
	cp x.md p.txt
	ln x.md hard.md
	ln -s x.md soft.txt
	# known before anything is compiled: a usage error
	run 2 "$BIN" build -f txt -o x.md x.md && cmp -s x.md orig &&
	    grep -q 'x.md' "$ERR" &&
	    run 2 "$BIN" build -f txt p.txt && cmp -s p.txt orig &&
	    run 2 "$BIN" build -f txt -o hard.md x.md && cmp -s x.md orig &&
	    run 2 "$BIN" build -f txt -o soft.txt x.md && cmp -s x.md orig &&
	    [ -L soft.txt ] && files_are hard.md orig p.txt soft.txt x.md
}

t_failure_keeps_output() {
	fresh keep
	run 0 "$BIN" build -f txt,json x.md || return 1
	cp x.txt good.txt
	cp x.json good.json
	printf '\nSee paragraph [](#nowhere).\n' >>x.md
	run 1 "$BIN" build -f txt,json x.md && grep -q "nowhere" "$ERR" &&
	    cmp -s x.txt good.txt && cmp -s x.json good.json &&
	    files_are good.json good.txt x.json x.md x.txt
}

t_no_temporary_files() {
	fresh temporary
	mkdir out
	run 0 "$BIN" build -f txt,json -o out/ x.md &&
	    run 0 "$BIN" build -f txt,json -o out/ x.md &&
	    [ -z "$(ls -A out | grep '^\.')" ] &&
	    run 0 "$BIN" build -f txt,json x.md && files_are out x.json x.md \
	    x.txt
}

# A system error names the path it could not write.
# one output that cannot be written (a folder in its place) is its
# paper's error, exit 1, the others written
t_write_error_named() {
	fresh write-error
	cp x.md y.md
	mkdir -p o/x.txt
	run 1 "$BIN" build -f txt -o o/ x.md y.md && test -s o/y.txt ||
	    return 1
	grep -qx 'x.md: error: cannot write o/x.txt: Is a directory' "$ERR" &&
	    [ "$(grep -c ": error: " "$ERR")" -eq 1 ] && return 0
	echo "# stderr does not name o/x.txt alone:"
	sed 's/^/#   /' "$ERR"
	return 1
}

# without_write DIR COMMAND...: COMMAND run (through `run`'s $OUT and
# $ERR, its exit status returned) where no file can be made in DIR: DIR
# mode 555, and for root, whom no mode stops, DIR bound read-only over
# itself in a mount namespace of its own (unshare -m), which goes with it
without_write() {
	d=$1
	shift
	chmod 555 "$d"
	if [ "$(id -u)" = 0 ]; then
		unshare -m sh -c 'mount --bind -o ro "$1" "$1" && shift &&
		    exec "$@"' sh "$d" "$@" >"$OUT" 2>"$ERR"
	else
		"$@" >"$OUT" 2>"$ERR"
	fi
	set -- $?
	chmod 755 "$d"
	return "$1"
}

# -o's folder not writable: said once, before any paper is compiled,
# usage status 2 (each of 20 papers said "cannot write ro/pN.txt" after
# its compile, exit 1), for -o DIR/ and -o DIR/FILE, build and pack; a bad
# paper among them shows that none was compiled
t_output_folder_unwritable() {
	fresh unwritable
	mkdir ro
	for i in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
		cp x.md "p$i.md"
	done
	printf -- '---\ntitle: [\n---\n' >p07.md
	printf 'board: B\nmeeting: 2026-06-18\nitems:\n  - title: T\n' >m.yaml
	without_write ro "$BIN" build -j 2 -f txt -o ro/ p*.md
	rc=$?
	[ "$rc" -eq 2 ] || { echo "# -o ro/: exit $rc"; sed 's/^/#   /' "$ERR"; return 1; }
	grep -q "^boardpaper: cannot write in ro/: \(Permission denied\|Read-only file system\)\$" "$ERR" &&
	    [ "$(wc -l <"$ERR")" -eq 1 ] && [ ! -s "$OUT" ] ||
	    { echo "# -o ro/:"; sed 's/^/#   /' "$ERR"; return 1; }
	for args in "build -f txt -o ro/x.txt x.md" "pack -o ro/ m.yaml" \
	    "pack -o ro/m.pdf m.yaml"; do
		# shellcheck disable=SC2086
		without_write ro "$BIN" $args
		rc=$?
		[ "$rc" -eq 2 ] && [ "$(wc -l <"$ERR")" -eq 1 ] &&
		    grep -q '^boardpaper: cannot write \(in ro/\|ro/[mx]\.[a-z]*\): ' "$ERR" ||
		    { echo "# $args: exit $rc"; sed 's/^/#   /' "$ERR"; return 1; }
	done
	[ -z "$(ls -A ro)" ]
}

# -o missing/x.txt is refused up front as -o missing/ is (it compiled,
# then failed with exit 1), and so is -o FILE/x.txt; -o - and outputs
# beside the input are not checked so (one beside it still fails alone)
t_output_folder_missing() {
	fresh missing
	usage build -f txt -o missing/x.txt x.md &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: cannot write missing/x.txt: No such file or directory' &&
	    usage build -j 2 -f txt,json -o x.md/ x.md &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: no such directory: x.md/' &&
	    usage build -f txt -o x.md/out.txt x.md &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: cannot write x.md/out.txt: Not a directory' &&
	    run 0 "$BIN" build -f txt -o - x.md && test -s "$OUT" &&
	    files_are x.md || return 1
	mkdir in && cp x.md in/x.md && cp x.md in/y.md
	without_write in "$BIN" build -f txt in/x.md in/y.md
	rc=$?
	[ "$rc" -eq 1 ] &&
	    grep -q '^in/x.md: error: cannot write in/x.txt: ' "$ERR" &&
	    grep -q '^in/y.md: error: cannot write in/y.txt: ' "$ERR" ||
	    { echo "# beside the input: exit $rc"; sed 's/^/#   /' "$ERR"; return 1; }
}

# --deps FILE's folder is tried up front as -o's is, for build and pack:
# one missing or a file, or a folder in FILE's place, is a usage error,
# exit 2, in one line, before any paper is compiled, nothing written
# (it was found once every paper had compiled: exit 1, outputs written)
t_deps_folder_missing() {
	fresh deps-missing
	printf 'board: B\nmeeting: 2026-06-18\nitems:\n  - title: T\n' >m.yaml
	mkdir d
	usage build -f txt --deps missing/x.d x.md &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: cannot write missing/x.d: No such file or directory' &&
	    usage build -j 2 -f txt,json --deps x.md/x.d x.md &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: cannot write x.md/x.d: Not a directory' &&
	    usage build -f txt --deps d x.md &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: cannot write d: Is a directory' &&
	    usage pack -f txt --deps missing/m.d m.yaml &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: cannot write missing/m.d: No such file or directory' &&
	    usage pack -f txt,html --deps m.yaml/m.d m.yaml &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: cannot write m.yaml/m.d: Not a directory' &&
	    usage pack -f txt --deps d/ m.yaml &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: cannot write d/: Is a directory' &&
	    files_are x.md m.yaml d && [ -z "$(ls -A d)" ]
}

# --deps FILE's folder not writable (mode 555; for root a read-only
# bind, see without_write): the same, with the system's reason
t_deps_folder_unwritable() {
	fresh deps-unwritable
	printf 'board: B\nmeeting: 2026-06-18\nitems:\n  - title: T\n' >m.yaml
	mkdir ro
	if [ "$(id -u)" = 0 ]; then
		why='Read-only file system'
	else
		why='Permission denied'
	fi
	for args in "build -f txt --deps ro/x.d x.md" \
	    "build -j 2 -f txt,json -o ./ --deps ro/x.d x.md" \
	    "pack -f txt --deps ro/m.d m.yaml"; do
		deps=${args#*--deps }
		deps=${deps%% *}
		# shellcheck disable=SC2086
		without_write ro "$BIN" $args
		rc=$?
		[ "$rc" -eq 2 ] && [ ! -s "$OUT" ] && [ "$(wc -l <"$ERR")" -eq 1 ] &&
		    grep -qx "boardpaper: cannot write $deps: $why" "$ERR" ||
		    { echo "# $args: exit $rc"; sed 's/^/#   /' "$ERR"; return 1; }
	done
	files_are x.md m.yaml ro && [ -z "$(ls -A ro)" ]
}

# a file or folder the command names that cannot be used as it asks is
# said in its one line (exit 2, nothing written), without the pointer to
# --help that followed it ("cannot write nosuch/p.d: No such file or
# directory", then "run 'boardpaper --help' for the options"), which
# stays after an error in how the command is written
file_error() { # LINE ARGS...
	file_line=$1
	shift
	run 2 "$BIN" "$@" && [ ! -s "$OUT" ] && stderr_is "$file_line" ||
	    { echo "# $*"; return 1; }
}
t_usage_file_errors_one_line() {
	fresh file-errors
	printf 'board: B\nmeeting: 2026-06-18\nitems:\n  - title: T\n' >m.yaml
	mkdir d
	file_error 'boardpaper: cannot write nosuch/p.d: No such file or directory' \
	    build --deps nosuch/p.d x.md &&
	    file_error 'boardpaper: cannot write d: Is a directory' \
	    build -j 2 --deps d x.md &&
	    file_error 'boardpaper: cannot write nosuch/x.pdf: No such file or directory' \
	    build -o nosuch/x.pdf x.md &&
	    file_error 'boardpaper: no such directory: nosuch/' \
	    pack -o nosuch/ m.yaml &&
	    file_error 'boardpaper: refusing to write over the input x.md' \
	    build -f txt --deps x.md x.md &&
	    usage build --bogus x.md && [ "$(wc -l <"$ERR")" -eq 2 ] &&
	    usage build -f txt -o && [ "$(wc -l <"$ERR")" -eq 2 ] &&
	    usage build -f txt,txt x.md && [ "$(wc -l <"$ERR")" -eq 2 ] &&
	    files_are x.md m.yaml d && [ -z "$(ls -A d)" ]
}

# -o FILE or --deps FILE over an existing source, a file of the kind
# boardpaper reads, is refused up front, exit 2, one line, nothing
# written: by its name (.md, .markdown, .yaml, .yml, any case) or its
# first line, front matter's "---" (a BOM before it too).  "build --deps
# a.md b.md" replaced the paper a.md with the make rule, "-o victim.md"
# and "pack -o victim.md" with a PDF, exit 0
over_source() { # WHAT FILE ARGS...: refused, FILE as it was
	src_kind=$1 src_file=$2
	shift 2
	cp "$src_file" "$TMPDIR/$l.before"
	file_error "boardpaper: refusing to write over $src_file: it is $src_kind, not an output (remove it first or choose another name)" "$@" &&
	    cmp -s "$src_file" "$TMPDIR/$l.before" ||
	    { echo "# $src_file changed"; return 1; }
}
t_usage_output_over_source() {
	fresh over-source
	md='a Markdown source'
	yaml='a YAML source (a meeting or house-style file)'
	fm="a board paper's source (it opens with front matter, '---')"
	cp "$CORPUS_A" a.md && cp x.md b.markdown && cp x.md P.MD &&
	    cp x.md paper.txt && printf '\357\273\277---\ntitle: T\n---\n' >bom &&
	    printf 'board: B\nmeeting: 2026-06-18\nitems:\n  - title: T\n' >m.yaml &&
	    cp m.yaml s.yml && mkdir o || return 1
	over_source "$md" a.md build --deps a.md x.md &&
	    over_source "$md" a.md build -j 2 -f txt,json -o o/ --deps a.md x.md &&
	    over_source "$md" a.md build -f pdf -o a.md x.md &&
	    over_source "$md" b.markdown build -f txt -o b.markdown x.md &&
	    over_source "$md" P.MD build -f txt -o P.MD x.md &&
	    over_source "$yaml" s.yml build -f json -o s.yml x.md &&
	    over_source "$yaml" m.yaml build -f txt --deps m.yaml x.md &&
	    over_source "$fm" paper.txt build -f txt -o paper.txt x.md &&
	    over_source "$fm" bom build -f html -o bom x.md &&
	    over_source "$md" a.md pack -o a.md m.yaml &&
	    over_source "$md" a.md pack -f txt --deps a.md m.yaml &&
	    over_source "$yaml" s.yml pack -f html -o s.yml m.yaml &&
	    over_source "$fm" paper.txt pack -f txt -o paper.txt m.yaml &&
	    files_are a.md b.markdown P.MD paper.txt bom m.yaml s.yml x.md o &&
	    [ -z "$(ls -A o)" ]
}
# the other side: a new file so named is written, as is -o -; an input
# of the run is still said as that (a paper of the pack too); a rebuild
# over last time's outputs (.pdf, .html, .txt, .json, .d) succeeds
t_output_over_source_not_refused() {
	fresh over-source-not
	copy_example meeting m && cd m || return 1
	run 0 "$BIN" build -f txt -o new.md taxi-fees.md && [ -s new.md ] &&
	    run 0 "$BIN" build -f txt --deps new.yaml -o - taxi-fees.md &&
	    [ -s new.yaml ] && [ -s "$OUT" ] &&
	    run 2 "$BIN" pack -f txt -o taxi-fees.md meeting.yaml &&
	    grep -q 'refusing to write over the input taxi-fees.md' "$ERR" &&
	    usage build -f txt --deps taxi-fees.md taxi-fees.md &&
	    grep -q 'refusing to write over the input taxi-fees.md' "$ERR" ||
	    return 1
	for i in 1 2; do
		run 0 "$BIN" build -f pdf,html,txt,json --deps t.d taxi-fees.md &&
		    run 0 "$BIN" build -j 2 -f txt -o t.txt --deps t.d taxi-fees.md &&
		    run 0 "$BIN" build -o t.pdf taxi-fees.md &&
		    run 0 "$BIN" pack -f txt -o p.txt --deps p.d meeting.yaml &&
		    run 0 "$BIN" pack -o p.pdf meeting.yaml || return 1
	done
	for f in taxi-fees.pdf taxi-fees.html taxi-fees.txt taxi-fees.json \
	    t.d t.txt t.pdf p.txt p.d p.pdf; do
		[ -s "$f" ] || { echo "# $f"; return 1; }
	done
}

# README's quick start: each "./boardpaper ..." command of its blocks
# runs as written from the top of a fresh clone (the last one packed
# meeting.yaml, which a clone has only in examples/meeting/); here a
# folder holding the clone's examples/meeting, boardpaper as $BIN
t_readme_quick_start() {
	fresh quickstart
	rm x.md
	mkdir examples && copy_example meeting examples/meeting || return 1
	awk '/^## /{q = $0 == "## Quick start"} q && /^```/{b = !b; next}
	    q && b && /^\.\/boardpaper /' "$TOP/README.md" >"$TMPDIR/qs" &&
	    [ "$(wc -l <"$TMPDIR/qs")" -ge 4 ] ||
	    { echo "# no quick-start commands found"; return 1; }
	while IFS= read -r cmd; do
		cmd=${cmd%%  #*}
		# shellcheck disable=SC2086
		run 0 "$BIN" ${cmd#./boardpaper } </dev/null ||
		    { echo "# failed: $cmd"; return 1; }
	done <"$TMPDIR/qs"
	test -s update.md && test -s update.pdf &&
	    test -s examples/meeting/meeting.pdf
}

t_umask() {
	fresh umask
	(umask 022 && exec "$BIN" build -f txt x.md) || return 1
	[ "$(stat -c %a x.txt)" = 644 ] || { echo "# mode $(stat -c %a x.txt)"; return 1; }
	rm x.txt
	(umask 077 && exec "$BIN" build -f txt x.md) || return 1
	[ "$(stat -c %a x.txt)" = 600 ] || { echo "# mode $(stat -c %a x.txt)"; return 1; }
}

# -o naming a device or a FIFO writes into it: renaming a file over it
# would replace the device (as root, `-o /dev/null` left /dev/null a
# regular file for every program on the machine).
t_output_device_kept() {
	fresh device
	mkfifo out.fifo || return 1
	timeout 20 cat out.fifo >from-fifo &
	"$BIN" build -f txt -o out.fifo x.md || { wait; return 1; }
	wait
	[ -p out.fifo ] && grep -q 'Page\|^1\.' from-fifo || {
		echo "# the FIFO was replaced or got nothing"; return 1; }
	# a character device too, where this user may make one
	if mknod -m 666 null c 1 3 2>/dev/null; then
		"$BIN" build -f txt -o null x.md && [ -c null ] ||
		    { echo "# the device was replaced"; return 1; }
	fi
	files_are x.md out.fifo from-fifo $( [ -e null ] && echo null)
}

# -o naming a symbolic link writes its target and keeps the link (the
# rename replaced the link by a file, the target left as it was), a
# dangling one too; a link into /proc (as /dev/stdout is) is written
# into, the file it names appended to, never renamed over.
t_output_link_kept() {
	fresh link
	echo old >real.txt
	ln -s real.txt lnk.txt && ln -s nowhere.txt dangling.txt &&
	    mkdir sub && ln -s ../real.txt sub/up.txt || return 1
	run 0 "$BIN" build -f txt -o lnk.txt x.md && [ -L lnk.txt ] &&
	    grep -q '^1\.' real.txt || { echo "# lnk.txt: $(ls -l lnk.txt)"; return 1; }
	echo old >real.txt
	run 0 "$BIN" build -f txt -o sub/up.txt x.md && [ -L sub/up.txt ] &&
	    grep -q '^1\.' real.txt || { echo "# sub/up.txt: $(ls -l sub/up.txt)"; return 1; }
	run 0 "$BIN" build -f txt -o dangling.txt x.md && [ -L dangling.txt ] &&
	    cmp -s nowhere.txt real.txt || { echo "# dangling.txt: $(ls -l dangling.txt)"; return 1; }
	rm -r sub
	files_are x.md real.txt lnk.txt dangling.txt nowhere.txt
}
t_output_proc_link_written_into() {
	fresh proc-link
	ln -s /proc/self/fd/1 so || return 1
	echo before >got.txt
	"$BIN" build -f txt -o so x.md >>got.txt 2>"$ERR" &&
	    [ -L so ] && [ "$(head -n 1 got.txt)" = before ] &&
	    grep -q '^1\.' got.txt ||
	    { echo "# so: $(ls -l so), got.txt: $(head -n 1 got.txt)"; return 1; }
	# /dev/stdout itself, only once a link of our own was kept (an old
	# binary would have renamed a file over it), its output a file here
	"$BIN" build -f txt -o /dev/stdout x.md >std.txt 2>"$ERR" &&
	    [ -L /dev/stdout ] && cmp -s -i 0:7 std.txt got.txt ||
	    { echo "# /dev/stdout: $(ls -l /dev/stdout)"; return 1; }
	[ -L /dev/stdout ] && files_are x.md so got.txt std.txt
}

# an output over a file the paper is made from (what --deps lists) is the
# usage error an output over the paper is, before anything is written:
# -o over an image of the paper, over the house style or its logo, and
# --deps over one (they were overwritten)
t_usage_output_over_paper_files() {
	fresh over-files
	copy_example borough b && cd b || return 1
	cp logo.png fig.png && cp logo.png logo.orig &&
	    cp .boardpaper.yaml style.orig &&
	    printf '\n![A figure](fig.png)\n' >>parking-permits.md || return 1
	usage build -f html -o fig.png parking-permits.md &&
	    grep -q 'refusing to write over the input fig.png' "$ERR" &&
	    usage build -f txt -o .boardpaper.yaml parking-permits.md &&
	    grep -q 'refusing to write over the input .boardpaper.yaml' "$ERR" &&
	    usage build -f txt,json -o ./ --deps logo.png parking-permits.md &&
	    grep -q 'refusing to write over the input logo.png' "$ERR" &&
	    cmp -s fig.png logo.orig && cmp -s logo.png logo.orig &&
	    cmp -s .boardpaper.yaml style.orig &&
	    files_are .boardpaper.yaml fig.png logo.png logo.orig style.orig \
	    parking-permits.md
}
# the same for a paper on standard input, from a file or through a pipe
# (its images and house style were not looked at: "-o fig.png - <paper"
# replaced the figure); read once for that, it is still compiled whole
# when no output clashes
t_usage_stdin_output_over_paper_files() {
	fresh stdin-over-files
	cp -r "$TOP/examples/borough" b && cd b || return 1
	cp logo.png fig.png && cp logo.png logo.orig &&
	    cp .boardpaper.yaml style.orig &&
	    printf '\n![A figure](fig.png)\n' >>parking-permits.md || return 1
	usage build -f txt -o fig.png - <parking-permits.md &&
	    grep -q 'refusing to write over the input fig.png' "$ERR" &&
	    cat parking-permits.md | usage build -f txt -o .boardpaper.yaml - &&
	    grep -q 'refusing to write over the input .boardpaper.yaml' "$ERR" &&
	    usage build -f txt -o s.txt --deps logo.png - <parking-permits.md &&
	    grep -q 'refusing to write over the input logo.png' "$ERR" &&
	    cmp -s fig.png logo.orig && cmp -s logo.png logo.orig &&
	    cmp -s .boardpaper.yaml style.orig && [ ! -e s.txt ] &&
	    run 0 "$BIN" build -f txt -o named.txt parking-permits.md &&
	    echo old >s.txt && cat parking-permits.md |
	    run 0 "$BIN" build -f txt -o s.txt - && cmp -s named.txt s.txt
}
# pack: over a paper, an image or a house-style file is a usage error too
# (exit 2, was 1), nothing written
t_usage_pack_over_its_files() {
	fresh pack-over-files
	copy_example meeting m && cd m || return 1
	cp "$TOP/examples/borough/logo.png" . && cp logo.png logo.orig &&
	    printf 'organisation: X Council\nlogo: logo.png\n' >.boardpaper.yaml &&
	    cp .boardpaper.yaml style.orig || return 1
	run 2 "$BIN" pack -f txt -o logo.png meeting.yaml &&
	    grep -q 'refusing to write over the input logo.png' "$ERR" &&
	    run 2 "$BIN" pack -f txt --deps .boardpaper.yaml meeting.yaml &&
	    grep -q 'refusing to write over the input .boardpaper.yaml' "$ERR" &&
	    cmp -s logo.png logo.orig && cmp -s .boardpaper.yaml style.orig &&
	    [ ! -e meeting.txt ]
}

# What the check that no output is a file a paper is made from protects,
# where it must parse the papers for their images (an existing output
# could be one: it starts as a PNG or a JPEG does, cli_deps.c): one
# paper's output over another paper's figure, with and without -j, a
# PNG and a JPEG; --deps over a figure (the logo needs no parse).  Each is
# the usage error it is for the paper's own figure, nothing written.
t_usage_output_over_another_papers_image() {
	fresh over-other-image
	copy_example borough b && cd b || return 1
	cp parking-permits.md a.md && cp parking-permits.md c.md &&
	    cp logo.png a.txt && cp logo.png png.orig &&
	    cp "$TOP/tests/pdf/photo-2.jpg" a.json &&
	    cp a.json jpeg.orig &&
	    printf '\n![A figure](a.txt)\n\n![A photo](a.json)\n' >>c.md ||
	    return 1
	usage build -f txt a.md c.md &&
	    grep -q 'refusing to write over the input a.txt' "$ERR" &&
	    usage build -j 2 -f txt a.md c.md &&
	    grep -q 'refusing to write over the input a.txt' "$ERR" &&
	    usage build -j 2 -f json c.md a.md &&
	    grep -q 'refusing to write over the input a.json' "$ERR" &&
	    usage build -j 2 -f html -o ./ --deps a.txt a.md c.md &&
	    grep -q 'refusing to write over the input a.txt' "$ERR" &&
	    cmp -s a.txt png.orig && cmp -s a.json jpeg.orig &&
	    files_are .boardpaper.yaml a.json a.md a.txt c.md jpeg.orig \
	    logo.png parking-permits.md png.orig
}
# the other side of that check: outputs that start as an image does but
# are no paper's image are written over as any output is (the papers
# parsed for nothing), and a rebuild over last time's outputs, one paper
# or several, -j or not, succeeds and gives the same bytes
t_rebuild_over_outputs() {
	fresh rebuild
	copy_example borough b && cd b || return 1
	cp parking-permits.md a.md && cp parking-permits.md c.md &&
	    printf '\n![A figure](logo.png)\n' >>c.md || return 1
	run 0 "$BIN" build -f txt,json a.md c.md &&
	    mkdir one && cp a.txt a.json c.txt c.json one/ &&
	    run 0 "$BIN" build -f txt,json a.md c.md &&
	    run 0 "$BIN" build -j 2 -f txt,json a.md c.md &&
	    for f in a.txt a.json c.txt c.json; do
		cmp -s "$f" "one/$f" || return 1
	    done &&
	    cp logo.png a.txt && cp logo.png c.json &&
	    run 0 "$BIN" build -j 2 -f txt,json a.md c.md &&
	    cmp -s a.txt one/a.txt && cmp -s c.json one/c.json &&
	    cp logo.png a.txt && run 0 "$BIN" build -f txt -o a.txt c.md &&
	    cmp -s a.txt one/c.txt
}
# pack: its output over a paper's figure is refused (exit 2) once the
# papers are read, nothing written; a pack rebuilt over its outputs is
# the same
t_pack_over_figure_and_rebuild() {
	fresh pack-figure
	copy_example meeting m && cd m || return 1
	cp "$TOP/examples/borough/logo.png" fig.png && cp fig.png fig.orig &&
	    printf '\n![A figure](fig.png)\n' >>taxi-fees.md || return 1
	run 2 "$BIN" pack -f txt -o fig.png meeting.yaml &&
	    grep -q 'refusing to write over the input fig.png' "$ERR" &&
	    run 2 "$BIN" pack -f txt --deps fig.png meeting.yaml &&
	    grep -q 'refusing to write over the input fig.png' "$ERR" &&
	    cmp -s fig.png fig.orig && [ ! -e meeting.txt ] &&
	    run 0 "$BIN" pack -f txt,json meeting.yaml &&
	    cp meeting.txt one.txt && cp meeting.json one.json &&
	    run 0 "$BIN" pack -f txt,json meeting.yaml &&
	    cmp -s meeting.txt one.txt && cmp -s meeting.json one.json
}

# --- check, warnings, --strict ----------------------------------------

t_check_writes_nothing() {
	fresh check
	cp "$CORPUS_A" a.md
	printf 'no front matter\n' >bad.md
	run 0 "$BIN" check x.md a.md && [ ! -s "$OUT" ] && [ ! -s "$ERR" ] &&
	    run 1 "$BIN" check x.md bad.md && grep -q '^bad.md:1:1: error: ' \
	    "$ERR" && files_are a.md bad.md x.md
}

# x.md with two unknown keys after the title (lines 3 and 4)
make_warned() {
	sed -e '2a\
colour: blue\
summry: misspelt' x.md >w.md
}

t_warnings() {
	fresh warnings
	make_warned
	run 0 "$BIN" build -f txt w.md && stderr_is "w.md:3:1: warning: \
unknown key 'colour'
w.md:4:1: warning: unknown key 'summry'; did you mean 'summary'?" &&
	    files_are w.md w.txt x.md &&
	    run 0 "$BIN" check w.md && [ -s "$ERR" ]
}

t_strict() {
	fresh strict
	make_warned
	run 1 "$BIN" build --strict -f txt,json w.md && stderr_is "w.md:3:1: \
error: unknown key 'colour'
w.md:4:1: error: unknown key 'summry'; did you mean 'summary'?" &&
	    files_are w.md x.md &&
	    run 1 "$BIN" check --strict w.md &&
	    run 0 "$BIN" build --strict -f txt x.md && files_are w.md x.md x.txt
}

t_strict_keeps_output() {
	fresh strict-keep
	run 0 "$BIN" build -f txt x.md || return 1
	cp x.txt good.txt
	make_warned
	mv w.md x.md
	run 1 "$BIN" build --strict -f txt x.md && cmp -s x.txt good.txt
}

# --- inputs that cannot be read ---------------------------------------

t_missing_input() {
	fresh missing
	run 1 "$BIN" build -f txt nosuch.md && stderr_is "nosuch.md: error: \
cannot read: No such file or directory" && files_are x.md &&
	    run 1 "$BIN" check nosuch.md
}

t_directory_input() {
	fresh directory
	mkdir dd.md
	run 1 "$BIN" build -f txt dd.md && [ "$(wc -l <"$ERR")" -eq 1 ] &&
	    grep -q '^dd.md: error: cannot read: ' "$ERR" && files_are dd.md \
	    x.md
}

# Output failures each have their own message (no free-text code).
t_new_never_overwrites() {
	fresh new-exists
	run 1 "$BIN" new x.md &&
	    stderr_is "x.md: error: already exists; not overwritten" &&
	    cmp -s x.md "$CORPUS_B"
}
# a directory is said to be one (it "already exists; not overwritten",
# as if a paper were there), with or without its slash, and a link to one
t_new_into_directory() {
	fresh new-dir
	mkdir sub && ln -s sub lnk
	for p in sub/ sub lnk; do
		run 1 "$BIN" new "$p" &&
		    stderr_is "$p: error: is a directory; name a new file in it for the paper" ||
		    return 1
	done
	[ -z "$(ls -A sub)" ] && run 0 "$BIN" new sub/p.md && [ -s sub/p.md ]
}

# a directory (or a FIFO) named .boardpaper.yaml where the walk up from a
# paper looks is an error naming it, the paper not compiled, for build,
# -j 2, pack and new (it was passed over: the style further up, or none,
# applied without a word); --no-style still builds
t_style_lookup_not_a_file() {
	fresh style-dir
	mkdir -p d/.boardpaper.yaml f && mkfifo f/.boardpaper.yaml &&
	    cp x.md d/p.md && cp x.md d/q.md && cp x.md f/p.md &&
	    printf 'board: B\nmeeting: 2026-06-18\nitems:\n  - paper: p.md\n' \
	    >d/m.yaml || return 1
	run 1 "$BIN" build -f txt d/p.md &&
	    stderr_is "d/.boardpaper.yaml: error: cannot read: Is a directory
d/p.md: error: not compiled: its house style d/.boardpaper.yaml has errors" &&
	    run 1 "$BIN" build -j 2 -f txt d/p.md d/q.md &&
	    grep -qx 'd/.boardpaper.yaml: error: cannot read: Is a directory' "$ERR" &&
	    grep -qx 'd/q.md: error: not compiled: its house style d/.boardpaper.yaml has errors' "$ERR" &&
	    run 1 timeout 60 "$BIN" build -f txt f/p.md &&
	    grep -qx 'f/.boardpaper.yaml: error: cannot read: not a regular file' "$ERR" &&
	    run 1 "$BIN" pack -f txt d/m.yaml &&
	    grep -qx 'd/.boardpaper.yaml: error: cannot read: Is a directory' "$ERR" &&
	    run 1 "$BIN" new d/new.md &&
	    grep -qx 'd/.boardpaper.yaml: error: cannot read: Is a directory' "$ERR" &&
	    [ ! -e d/new.md ] && [ ! -e d/p.txt ] && [ ! -e d/m.txt ] &&
	    run 0 "$BIN" build -f txt --no-style d/p.md && [ -s d/p.txt ]
}

# new's options are options: "-o x.md" is an unknown option, not a paper
# named "-o" (it wrote the template to a file "-o", exit 0)
t_usage_new_unknown_option() {
	fresh new-opt
	usage new -o y.md && grep -q "unknown option '-o'" "$ERR" &&
	    usage new --bogus && files_are x.md
}
t_usage_new_style_needs_value() {
	fresh new-style
	usage new --style && grep -q "option '--style' needs a value" "$ERR" &&
	    files_are x.md
}
t_new_options_after_file() {
	fresh new-after
	run 0 "$BIN" new y.md --no-style && grep -q '^title:' y.md &&
	    files_are x.md y.md
}
# import's usage errors are one line and the pointer to --help, like
# every other command's (they printed import's whole synopsis)
t_usage_import() {
	fresh import-usage
	usage import && usage import --bogus x.docx && usage import -o &&
	    usage import a.txt b.txt && files_are x.md
}
# an option that takes no value, given one: said so, not "unknown"
t_usage_option_takes_no_value() {
	fresh novalue
	usage check --strict=yes x.md &&
	    head -n 1 "$ERR" | grep -qx "boardpaper: option '--strict' takes no value" &&
	    usage pack --duplex=1 m.yaml && files_are x.md
}
# check writes nothing: the dump options are refused as -o is (they were
# accepted and did nothing); pack lays out in one process: -j is refused
t_usage_check_dump() {
	fresh checkdump
	usage check --dump-layout x.md && usage check --dump-structure x.md &&
	    files_are x.md
}
t_usage_pack_jobs() {
	fresh packjobs
	printf 'board: B\nmeeting: 2026-06-18\nitems:\n  - title: T\n' >m.yaml
	usage pack -j 2 m.yaml && grep -q -- '-j is for build and check' "$ERR" &&
	    files_are m.yaml x.md
}

# a paper named to pack instead of its meeting file: one line saying so
# (it was a warning for each front-matter key, then "YAML: a meeting
# file must be a single YAML document"); a meeting file may still open
# with YAML's own "---"
t_pack_given_a_paper() {
	fresh pack-paper
	run 1 "$BIN" pack x.md &&
	    stderr_is "x.md:1:1: error: this is a paper (front matter between '---' lines), not a meeting file: build it with 'boardpaper build', or name it under a meeting file's items" &&
	    files_are x.md &&
	    printf -- '---\nboard: B\nitems:\n  - title: T\n' >m.yaml &&
	    run 0 "$BIN" pack -f txt m.yaml && [ -s m.txt ]
}

# --deps FILE is an output like the others: never over the paper (it was
# written over it, exit 0), an output, or with another to standard output
t_usage_deps_over_input() {
	fresh deps-input
	cp x.md x.orig
	usage build -f txt --deps x.md x.md &&
	    grep -q 'refusing to write over the input x.md' "$ERR" &&
	    cmp -s x.md x.orig && files_are x.md x.orig
}
t_usage_deps_over_output() {
	fresh deps-output
	usage build -f txt --deps x.txt x.md &&
	    grep -q 'two outputs would be written to x.txt' "$ERR" &&
	    usage build -f txt -o - --deps - x.md &&
	    grep -q -- '--deps - and an output would both go to standard output' "$ERR" &&
	    files_are x.md
}
# two outputs to one file: the message names what makes them, the two
# inputs, the input given twice or --deps (it named the file alone); a
# format given twice is refused as that
t_usage_two_outputs_named() {
	fresh two-outputs
	mkdir a b o
	cp x.md a/x.md
	cp x.md b/x.md
	usage build -f txt -o o/ a/x.md b/x.md &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: two outputs would be written to o/x.txt, from a/x.md and from b/x.md' &&
	    usage build -j 2 -f txt -o o/ x.md a/x.md x.md &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: two outputs would be written to o/x.txt, from x.md and from a/x.md' &&
	    usage build -f txt x.md x.md &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: two outputs would be written to x.txt: the input x.md is given twice' &&
	    usage build -f txt --deps x.txt x.md &&
	    head -n 1 "$ERR" | grep -qx 'boardpaper: two outputs would be written to x.txt: --deps and the output of x.md' &&
	    usage build -f pdf,txt,pdf -o o/ x.md &&
	    head -n 1 "$ERR" | grep -qx "boardpaper: format 'pdf' is given twice" &&
	    [ -z "$(ls -A o)" ] || { sed 's/^/#   /' "$ERR"; return 1; }
}
# a pack's outputs are checked as build's are: two formats to standard
# output (they were concatenated), --deps over an output or a paper
t_usage_pack_outputs_clash() {
	fresh pack-clash
	copy_example meeting m && cd m || return 1
	cp taxi-fees.md taxi.orig
	usage pack -f txt,html -o - meeting.yaml &&
	    usage pack -f txt --deps meeting.txt meeting.yaml &&
	    grep -q 'two outputs would be written to meeting.txt' "$ERR" &&
	    usage pack -f txt -o - --deps - meeting.yaml &&
	    run 2 "$BIN" pack -f txt --deps taxi-fees.md meeting.yaml &&
	    grep -q 'refusing to write over the input taxi-fees.md' "$ERR" &&
	    cmp -s taxi-fees.md taxi.orig && [ ! -e meeting.txt ] &&
	    [ ! -e meeting.html ]
}

# an empty file name is a usage error naming what is empty, for every
# command ("build -o '' x.md" said "cannot write : No such file" and read
# the byte before the string; "build ''" printed ": error: ...")
t_usage_empty_names() {
	fresh empty
	usage build -f txt -o '' x.md &&
	    head -n 1 "$ERR" | grep -qx "boardpaper: option '-o' names no file (an empty name)" &&
	    usage build -f txt --output= x.md && usage build --deps '' x.md &&
	    usage build --style= x.md && usage check --style '' x.md &&
	    usage build '' && grep -q "an input's file name is empty" "$ERR" &&
	    usage pack '' && usage new '' && usage new --style '' &&
	    usage import '' && usage import -o '' x.md &&
	    files_are x.md
}

# a PDF is never written to a terminal (build -o - x.md filled it with
# binary); text formats and the dumps are, and a pipe gets the PDF
t_pdf_not_to_terminal() {
	fresh tty
	script -qec "'$BIN' build -o - x.md" /dev/null >"$OUT" 2>&1
	[ $? -eq 2 ] && grep -q 'refusing to write a PDF to a terminal' "$OUT" &&
	    ! grep -q '%PDF' "$OUT" &&
	    script -qec "'$BIN' build -f txt -o - x.md" /dev/null >"$OUT" 2>&1 &&
	    grep -q 'Board' "$OUT" &&
	    script -qec "'$BIN' build --dump-layout -o - x.md" /dev/null >"$OUT" 2>&1 &&
	    grep -q 'Sans' "$OUT" &&
	    run 0 "$BIN" build -o - x.md && head -c 5 "$OUT" | grep -q '%PDF' &&
	    files_are x.md
}

t_import_not_over_input() {
	fresh import-self
	printf 'Title\n\nSome text.\n' >n.txt
	run 1 "$BIN" import -o n.txt n.txt &&
	    stderr_is "n.txt: error: refusing to write over the input n.txt" &&
	    files_are n.txt x.md
}

# One policy for every input file (src/base/file.c): a FIFO, named to
# build, check, pack (as the meeting file or as one of its papers), import
# or --style, is refused at once as not a regular file, never waited on
# (a wall-clock guard: a blocked open() uses no CPU time); a pipe is read
# through '-'.
refused_fifo() { # WANT-STDERR COMMAND...
	fifo_err=$1
	shift
	run 1 timeout 60 "$@" </dev/null && stderr_is "$fifo_err"
}

t_fifo_inputs_refused_alike() {
	fresh fifo
	mkfifo f.md f.yaml g.docx
	refused_fifo "f.md: error: cannot read: not a regular file" \
	    "$BIN" build -f txt f.md &&
	refused_fifo "f.md: error: cannot read: not a regular file" \
	    "$BIN" check f.md &&
	refused_fifo "f.yaml: error: cannot read: not a regular file" \
	    "$BIN" pack -f txt f.yaml &&
	refused_fifo "g.docx: error: cannot read: not a regular file" \
	    "$BIN" import g.docx &&
	refused_fifo "f.yaml: error: cannot read: not a regular file
x.md: error: not compiled: its house style f.yaml has errors" \
	    "$BIN" build -f txt --style f.yaml x.md &&
	printf 'board: B\nmeeting: 2020-11-18\nitems:\n  - paper: f.md\n' \
	    >m.yaml &&
	refused_fifo "m.yaml:4:12: error: cannot read paper 'f.md': not a \
regular file" "$BIN" pack -f txt m.yaml &&
	files_are f.md f.yaml g.docx m.yaml x.md
}

t_pipe_through_stdin() {
	fresh pipe
	run 0 "$BIN" build -f txt x.md || return 1
	cat x.md | run 0 "$BIN" build -f txt -o - - && cmp -s "$OUT" x.txt
}

# Progress is drawn on a terminal only: under script(1) standard error is a
# terminal; in a pipe it is not, and nothing is said.
t_progress_on_terminal() {
	fresh progress
	cp x.md y.md
	script -qec "'$BIN' build -f txt x.md y.md" /dev/null >"$OUT" 2>&1 &&
	    grep -q 'boardpaper: 2/2' "$OUT" &&
	    run 0 "$BIN" build -f txt x.md y.md && [ ! -s "$ERR" ]
}

t_progress_parallel() {
	fresh progress-j
	cp x.md y.md
	cp x.md z.md
	script -qec "'$BIN' build -j 2 -f txt x.md y.md z.md" /dev/null \
	    >"$OUT" 2>&1 && grep -q 'boardpaper: 3/3' "$OUT" &&
	    files_are x.md y.md z.md x.txt y.txt z.txt
}

for BIN in $(binaries); do
	l=$(label "$BIN")
	OUT=$TMPDIR/$l.stdout
	ERR=$TMPDIR/$l.stderr
	export SOURCE_DATE_EPOCH=1600000000
	for t in help version usage_no_args usage_command usage_no_files \
	    usage_format usage_format_lists_formats help_formats_comma_separated \
	    help_lists_dump_options \
	    pack_dump_layout_refused usage_jobs help_jobs help_output_folder \
	    usage_new_import_jobs usage_width width usage_o_file_several \
	    usage_o_no_dir usage_check_o usage_stdin_twice \
	    usage_unknown_long usage_option_before_command usage_unknown_short \
	    usage_missing_arg \
	    beside_input two_formats beside_in_folder output_dir output_file \
	    stdout stdin stdin_errors_named several_one_bad \
	    several_one_missing several_summary jobs not_over_input failure_keeps_output \
	    no_temporary_files write_error_named output_folder_unwritable \
	    output_folder_missing deps_folder_missing deps_folder_unwritable \
	    usage_file_errors_one_line usage_output_over_source \
	    output_over_source_not_refused \
	    readme_quick_start umask \
	    output_device_kept \
	    output_link_kept output_proc_link_written_into \
	    usage_output_over_paper_files usage_stdin_output_over_paper_files \
	    usage_pack_over_its_files usage_output_over_another_papers_image \
	    rebuild_over_outputs pack_over_figure_and_rebuild \
	    check_writes_nothing \
	    warnings strict strict_keeps_output missing_input \
	    directory_input fifo_inputs_refused_alike pipe_through_stdin \
	    new_never_overwrites new_into_directory style_lookup_not_a_file \
	    usage_new_unknown_option \
	    usage_new_style_needs_value new_options_after_file usage_import \
	    usage_option_takes_no_value usage_check_dump usage_pack_jobs \
	    pack_given_a_paper usage_deps_over_input usage_deps_over_output \
	    usage_two_outputs_named usage_pack_outputs_clash usage_empty_names \
	    pdf_not_to_terminal \
	    import_not_over_input \
	    progress_on_terminal progress_parallel; do
		check "$l cli: $(echo $t | tr _ ' ')" "t_$t"
	done
	cd "$TOP" || exit 2
done
