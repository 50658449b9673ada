# boardpaper import: the text Word saves, and .docx files (see
# tests/import/), imported, then built and compared with what they came
# from.  Every case runs with the normal and the sanitizer builds.
. tests/lib.sh

IMP=$TOP/tests/import
MODEL="python3 $IMP/model.py"

# run STATUS COMMAND...: stderr to $ERR; true when the exit status is
# STATUS and no sanitizer spoke.
run() {
	want=$1
	shift
	"$@" >"$OUT" 2>"$ERR"
	rc=$?
	if grep -q 'Sanitizer\|runtime error' "$ERR"; then
		echo "# sanitizer report:"
		head -n 20 "$ERR"
		return 1
	fi
	if [ "$rc" -ne "$want" ]; then
		echo "# exit $rc, expected $want; stderr:"
		head -n 5 "$ERR" | sed 's/^/#   /'
		return 1
	fi
}

# json FILE.md: its model, normalised, in FILE.json
json() {
	"$BP" build -f json -o "${1%.md}.raw.json" "$1" 2>>"$ERR" &&
	    $MODEL "${1%.md}.raw.json" >"${1%.md}.json"
}

for bin in $(binaries); do
	l=$(label "$bin")
	W=$TMPDIR/$l
	mkdir -p "$W"
	OUT=$W/out
	ERR=$W/err

	# --- the text form -----------------------------------------------
	cp "$IMP/word-saved.txt" "$W/paper.txt"
	check "$l: import paper.txt writes paper.md beside it" \
	    run 0 "$bin" import "$W/paper.txt"
	golden "$l: the text form's source" "$IMP/word-saved.md" "$W/paper.md"
	check "$l: the imported text form passes check" \
	    run 0 "$BP" check "$W/paper.md"
	check "$l: import prints no diagnostics for a clean paper" \
	    test ! -s "$ERR"
	"$BP" build -f json -o "$W/paper.json" "$W/paper.md" 2>/dev/null
	$MODEL --numbers "$W/paper.json" | tr '\n' ' ' >"$W/numbers"
	check "$l: the text form numbers as its source did" \
	    test "$(cat "$W/numbers")" = "1 2 3 4 4.1 4.2 5 6 "
	check "$l: typed references became cross-references" \
	    grep -q 'as paragraph \[\](#' "$W/paper.md"
	check "$l: the meeting date was read as a date" \
	    grep -qx 'meeting: 2026-03-12' "$W/paper.md"

	# --- never over an existing file ------------------------------------
	echo keep >"$W/paper.md"
	check "$l: an existing output is an error without --force" \
	    run 1 "$bin" import "$W/paper.txt"
	check "$l: ... and is left as it was" grep -qx keep "$W/paper.md"
	check "$l: the error says so in one line" \
	    test "$(wc -l <"$ERR")" -eq 1
	check "$l: --force overwrites it" \
	    run 0 "$bin" import --force "$W/paper.txt"
	check "$l: ... with the paper" grep -q '^title: ' "$W/paper.md"
	check "$l: -o names the output" \
	    run 0 "$bin" import -o "$W/other.md" "$W/paper.txt"
	check "$l: - reads standard input and writes standard output" \
	    run 0 sh -c "'$bin' import - <'$W/paper.txt' >'$W/stdout.md'"
	check "$l: ... the same source" cmp -s "$W/stdout.md" "$W/other.md"

	# --- what the recogniser could not take as it was -----------------
	sed 's/^5\.\t/7.\t/' "$IMP/word-saved.txt" >"$W/seq.txt"
	check "$l: a typed number out of sequence is a warning" \
	    run 0 "$bin" import -o "$W/seq.md" "$W/seq.txt"
	check "$l: ... naming the number the paper gives it" \
	    grep -q 'seq.txt:47:1: warning: typed number 7 does not follow 4; the paper numbers it 5' "$ERR"
	check "$l: ... and typed references are then left as text" \
	    grep -q 'as set out in paragraph 3 above' "$W/seq.md"
	printf 'Just a title\n\nSome text with no cover at all.\n' >"$W/bare.txt"
	check "$l: a paper with no cover block imports" \
	    run 0 "$bin" import "$W/bare.txt"
	check "$l: ... and check names the keys left to fill in" \
	    grep -q "bare.md:3:1: error: 'purpose' must not be empty" "$ERR"
	check "$l: ... written empty with a comment" \
	    grep -qx 'purpose:  # required: not found in the Word paper' "$W/bare.md"
done
