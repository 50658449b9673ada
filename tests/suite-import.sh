# boardpaper import: the text Word saves, and .docx files (see
# tests/import/), imported, then built and compared with what they came
# from.  Every case runs with the normal and the sanitizer builds.
. tests/lib.sh

IMP=$TOP/tests/import
MODEL="python3 $IMP/model.py"

# json FILE.md: its model, normalised, in FILE.json
json() {
	"$BP" build -f json -o "${1%.md}.raw.json" "$1" 2>>"$ERR" &&
	    $MODEL "${1%.md}.raw.json" >"${1%.md}.json"
}

# --- the round trips: each example and corpus paper as Word files ---------
# made by pandoc (label paragraphs, Word numbering, bookmarks) and by
# LibreOffice (from the text form; from HTML with a cover table and typed
# numbers; from our own HTML: its cover, and for the corpus its model),
# and the text form itself, imported: the model built from the
# import is the original's (model.py: lines and label names aside).  A
# round trip through text keeps the words, not bold or alignment: those
# compare with --words.
RT=$TMPDIR/rt
mkdir -p "$RT/lo"
PAPERS="$TOP/examples/*.md $TOP/examples/borough/*.md $SHARED/corpus/*.md"
# style_of PAPER: --style and the house style a paper in a styled folder has
style_of() {
	case "$1" in */borough/*) echo "--style $TOP/examples/borough/.boardpaper.yaml" ;; esac
}
tools=true
for t in pandoc soffice python3; do
	command -v $t >/dev/null || { not_ok "$t is not installed (make deps)"; tools=false; }
done
if $tools; then
	for p in $PAPERS; do
		n=$(basename "$p" .md)
		mkdir -p "$RT/$n"
		"$BP" build -f json -o "$RT/$n/orig.json" "$p" &&
		    python3 "$IMP/mkword.py" "$p" "$RT/$n/orig.json" "$RT/$n" &&
		    pandoc -f commonmark_x-smart -o "$RT/$n/pandoc.docx" \
		    "$RT/$n/pandoc.md" || not_ok "$n: making its Word files"
		cp "$RT/$n/word.txt" "$RT/lo/$n-txt.txt"
		cp "$RT/$n/word.html" "$RT/lo/$n-html.html"
		# our own HTML, as a new user saves it for Word: its masthead
		# "Meeting: 12 March 2026 · Item 5", the contact's lines ended
		# by <br>, self-links on headings and numbers, the page footer
		"$BP" build $(style_of "$p") -f html -o "$RT/lo/$n-ours.html" \
		    "$p" || not_ok "$n: building its HTML"
	done
	# one LibreOffice start for each kind: it takes seconds
	LO="soffice -env:UserInstallation=file://$RT/profile --headless"
	(cd "$RT/lo" && $LO --convert-to docx *-txt.txt &&
	    $LO --convert-to 'docx:MS Word 2007 XML' *-html.html *-ours.html) \
	    >"$RT/lo.log" 2>&1 || { not_ok "LibreOffice conversions"; cat "$RT/lo.log"; }
fi

# the hostile and odd .docx files
HOST=$TMPDIR/hostile
mkdir -p "$HOST"
python3 "$IMP/mkhostile.py" "$HOST" || not_ok "making the hostile .docx files"

# refused NAME: importing NAME.docx is a one-line error, exit 1, and writes
# nothing
refused() {
	rm -rf "$W/h"
	mkdir -p "$W/h/out"
	run 1 "$bin" import -o "$W/h/out/x.md" "$HOST/$1.docx" &&
	    test "$(wc -l <"$ERR")" -eq 1 && test -z "$(ls -A "$W/h/out")"
}

# round_trip LABEL BIN INPUT ORIG.json MODE [--style FILE]: import INPUT,
# build the model, compare it with the original's (MODE: full, --words or
# --cover)
round_trip() {
	rt_dir=$TMPDIR/rt-$(label "$2")
	mkdir -p "$rt_dir"
	rt_md=$rt_dir/$(basename "$3").md
	rm -f "$rt_md"
	run 0 "$2" import ${6:+$6 $7} -o "$rt_md" "$3" &&
	    "$BP" build ${6:+$6 $7} -f json -o "$rt_md.json" "$rt_md" \
	    2>"$rt_md.err" &&
	    python3 "$IMP/model.py" $5 "$4" >"$rt_md.want" &&
	    python3 "$IMP/model.py" $5 "$rt_md.json" >"$rt_md.got" ||
	    { cat "$ERR" "$rt_md.err"; return 1; }
	cmp -s "$rt_md.want" "$rt_md.got" && return 0
	diff -u "$rt_md.want" "$rt_md.got" | head -n 30
	return 1
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

	# --- Word numbering as pandoc writes it: a list for each run of
	# numbered paragraphs (a new one after each heading, starting at 3) and
	# a list nested at the second level for the sub-paragraphs
	rm -rf "$W/nw"
	mkdir -p "$W/nw"
	if $tools && pandoc -o "$W/nw/nw.docx" "$IMP/nested-numbers.pandoc.md"; then
		check "$l: pandoc's nested Word numbering imports" \
		    run 0 "$bin" import -o "$W/nw/nw.md" "$W/nw/nw.docx"
		check "$l: ... sub-paragraphs an ordered list straight after their paragraph, not a code block" \
		    grep -qx '1\. Sub one\.' "$W/nw/nw.md"
		check "$l: ... the list after a heading plain numbered paragraphs" \
		    grep -qx 'Fourth paragraph\.' "$W/nw/nw.md"
		check "$l: ... \"see paragraph 1 above\" a cross-reference" \
		    grep -q 'See paragraph \[\](#first-paragraph) above' "$W/nw/nw.md"
		check "$l: ... the left-out footnote quoted from its first word" \
		    grep -q 'footnote left out (word/footnotes.xml): "The note\."' "$ERR"
		"$BP" build -f json -o "$W/nw/orig.json" "$IMP/nested-numbers.md" 2>/dev/null
		"$BP" build -f json -o "$W/nw/nw.json" "$W/nw/nw.md" 2>/dev/null
		check "$l: ... and builds with the original's paragraph numbers" \
		    test "$($MODEL --numbers "$W/nw/nw.json" | tr '\n' ' ')" = \
		    "$($MODEL --numbers "$W/nw/orig.json" | tr '\n' ' ')"
	else
		not_ok "$l: pandoc made nested-numbers.docx"
	fi

	# --- a short line after the contact's name and before the first
	# numbered paragraph is a heading, not the contact's position
	cp "$IMP/contact-heading.txt" "$W/ch.txt"
	check "$l: a text paper with a heading after the contact's name imports" \
	    run 0 "$bin" import -o "$W/ch.md" --force "$W/ch.txt"
	check "$l: ... the line before paragraph 1 a heading" \
	    grep -qx '## Introduction' "$W/ch.md"
	check "$l: ... not the contact's position" \
	    sh -c "! grep -q 'position:' '$W/ch.md'"

	# --- the round trips -------------------------------------------------
	for p in $PAPERS; do
		n=$(basename "$p" .md)
		o=$RT/$n/orig.json
		st=$(style_of "$p")
		check "$l: $n through pandoc's .docx: the same model" \
		    round_trip "$n" "$bin" "$RT/$n/pandoc.docx" "$o" full $st
		check "$l: $n through LibreOffice from HTML: the same model" \
		    round_trip "$n" "$bin" "$RT/lo/$n-html.docx" "$o" full $st
		check "$l: $n through LibreOffice from our own HTML: the same cover" \
		    round_trip "$n" "$bin" "$RT/lo/$n-ours.docx" "$o" --cover $st
		case $p in
		$SHARED/corpus/*)
			check "$l: $n through LibreOffice from our own HTML: the same model" \
			    round_trip "$n" "$bin" "$RT/lo/$n-ours.docx" "$o" full ;;
		esac
		check "$l: $n through LibreOffice from text: the same words and numbers" \
		    round_trip "$n" "$bin" "$RT/lo/$n-txt.docx" "$o" --words $st
		check "$l: $n as the text Word saves: the same words and numbers" \
		    round_trip "$n" "$bin" "$RT/$n/word.txt" "$o" --words $st
	done

	# --- the masthead: a "Meeting:" line is the meeting date (and item),
	# not the start of the cover block (which took the board for the
	# title and lost every cover field)
	for form in 'Meeting: 12 March 2026' 'Meeting: 12 March 2026 · Item 5' \
	    'Date: 12 March 2026 | Item number: 5' 'Meeting date: 2026-03-12' \
	    'Date of meeting: 12/03/2026 · Agenda item 5'; do
		printf 'Regulatory Committee\n%s\n\nReview of fees\n\nPurpose of report\nFor decision.\n' \
		    "$form" >"$W/mh.txt"
		check "$l: masthead_meeting_line '$form' imports" \
		    run 0 "$bin" import -o "$W/mh.md" --force "$W/mh.txt"
		check "$l: ... the title the title, the board the board" \
		    sh -c "grep -qx 'title: Review of fees' '$W/mh.md' &&
		    grep -qx 'board: Regulatory Committee' '$W/mh.md'"
		check "$l: ... the meeting date" grep -qx 'meeting: 2026-03-12' "$W/mh.md"
		case $form in
		*5) check "$l: ... the item" grep -qx 'item: 5' "$W/mh.md" ;;
		esac
		check "$l: ... the cover read, not made headings" \
		    sh -c "grep -qx 'purpose: For decision.' '$W/mh.md' &&
		    ! grep -q '^#' '$W/mh.md'"
	done

	# --- a .docx as LibreOffice saves our HTML (mkhostile.py)
	rm -rf "$W/mh"
	mkdir -p "$W/mh"
	cp "$HOST/masthead.docx" "$W/mh/m.docx"
	check "$l: masthead_docx: a .docx with a 'Meeting: · Item' line imports" \
	    run 0 "$bin" import "$W/mh/m.docx"
	check "$l: ... its masthead the board, meeting and item, the title its heading" \
	    sh -c "grep -qx 'title: Review of fees' '$W/mh/m.md' &&
	    grep -qx 'board: Regulatory Committee' '$W/mh/m.md' &&
	    grep -qx 'meeting: 2026-03-12' '$W/mh/m.md' &&
	    grep -qx 'item: 5' '$W/mh/m.md' &&
	    grep -qx 'action: Officers to publish them.' '$W/mh/m.md'"
	check "$l: contact_line_breaks: a contact's lines ended by <w:br/> are its name, position, phone, email" \
	    sh -c "grep -qx '  - name: Siân Pritchard' '$W/mh/m.md' &&
	    grep -qx '    position: Licensing Manager Licensing Service' '$W/mh/m.md' &&
	    grep -qx '    phone: 01234 567890' '$W/mh/m.md' &&
	    grep -qx '    email: sian.pritchard@example.gov.uk' '$W/mh/m.md'"
	check "$l: ... and a second contact's, ended by <w:cr/>, a second contact" \
	    sh -c "grep -qx '  - name: Priya Shah' '$W/mh/m.md' &&
	    grep -qx '    position: Licensing Officer' '$W/mh/m.md' &&
	    grep -qx '    email: priya.shah@example.gov.uk' '$W/mh/m.md'"
	check "$l: ... a line break in a running paragraph a space" \
	    grep -qx 'Comments go to Licensing, Town Hall.' "$W/mh/m.md"
	check "$l: self_links_dropped: a heading linked to its own bookmark is a plain heading" \
	    grep -qx '## Proposed fees' "$W/mh/m.md"
	check "$l: ... a paragraph whose number links to itself gets no label" \
	    sh -c "! grep -q '{#p2}' '$W/mh/m.md'"
	check "$l: ... a real link to a bookmark still a cross-reference and a label" \
	    sh -c "grep -qx '{#p1} The fees are set out below.' '$W/mh/m.md' &&
	    grep -qx 'As paragraph \[\](#p1) says.' '$W/mh/m.md'"
	check "$l: footer_copied: the page footer copied into the text is left out" \
	    sh -c "! grep -q 'Review of fees – Regulatory' '$W/mh/m.md'"
	check "$l: ... each line in a warning" \
	    grep -q 'footer left out (paragraph 20): "Meeting: 12 March 2026 · Item 5"' "$ERR"

	# --- hostile .docx ----------------------------------------------------
	check "$l: a zip bomb (a part over the size limit) is refused" \
	    refused bomb-size
	check "$l: ... saying which limit" \
	    grep -q 'word/document.xml (41943.* bytes) is above the import limit of 16777216' "$ERR"
	check "$l: a zip bomb (a compression ratio over 200:1) is refused" \
	    refused bomb-ratio
	check "$l: a truncated .docx is refused" refused truncated
	check "$l: ... as not a zip file" grep -q 'not a readable .docx' "$ERR"
	check "$l: an external entity is refused" refused xxe
	check "$l: ... its DTD never read" grep -q 'a DTD (<!DOCTYPE>) is not allowed' "$ERR"
	check "$l: ... and nothing of /etc/passwd is anywhere" \
	    sh -c "! grep -rq 'root:' '$W/h' '$ERR'"
	check "$l: the billion laughs are refused" refused laughs
	check "$l: XML nested 10 000 deep is refused" refused deep
	check "$l: ... by the XML depth limit" grep -q 'Excessive depth' "$ERR"
	rm -rf "$W/e"
	mkdir -p "$W/e/a/b/out"
	check "$l: an image entry named ../../x.png is a warning" \
	    run 0 "$bin" import -o "$W/e/a/b/out/x.md" "$HOST/escape.docx"
	check "$l: ... saying it leaves the document" \
	    grep -q "image '../../x.png' names a place outside the document" "$ERR"
	check "$l: ... and nothing is written outside the output folder" \
	    test -z "$(find "$W/e" -name 'x.png')"
	check "$l: ... nor anywhere else in the test folder" \
	    test -z "$(find "$TMPDIR" -name x.png)"

	# work that grows with the input, never with its square (CPU seconds:
	# under ASan the runs take 0.6 and the references 0.2; the references
	# took 7.5, 15 under ASan, while each label's "-N" was searched from 2)
	check "$l: one paragraph of 100 000 runs imports in linear time" \
	    run 0 sh -c "ulimit -t 5; '$bin' import -o '$W/runs.md' --force '$HOST/runs.docx'"
	check "$l: 9 000 paragraphs of typed references import in linear time" \
	    run 0 sh -c "ulimit -t 5; '$bin' import -o '$W/refs.md' --force '$HOST/refs.txt'"
	check "$l: ... every certain reference made a cross-reference" \
	    test "$(grep -o '\[\](#' "$W/refs.md" | wc -l)" -eq 17998

	# --- images, changes, fields ------------------------------------------
	rm -rf "$W/i"
	mkdir -p "$W/i"
	cp "$HOST/image.docx" "$W/i/p.docx"
	check "$l: a .docx with images imports" run 0 "$bin" import "$W/i/p.docx"
	check "$l: ... its images saved under p_media/" \
	    test -f "$W/i/p_media/chart_one.png" -a -f "$W/i/p_media/image2.png"
	check "$l: ... referenced relatively, with their alt text" \
	    grep -qx '!\[Fees by year\](p_media/chart_one.png)' "$W/i/p.md"
	check "$l: ... a missing alt text is a warning and a placeholder" \
	    grep -q "image 'p_media/image2.png' has no alt text" "$ERR"
	check "$l: ... a missing image is a warning and a placeholder" \
	    grep -q "image 'media/missing.png' is not in the document" "$ERR"
	check "$l: ... and the paper passes check" run 0 "$BP" check "$W/i/p.md"
	cp "$HOST/changes.docx" "$W/i/c.docx"
	check "$l: tracked changes, comments, a text box, a header import" \
	    run 0 "$bin" import "$W/i/c.docx"
	check "$l: ... tracked changes accepted, with a warning" \
	    grep -q 'tracked changes accepted (insertions: 1, deletions: 1)' "$ERR"
	check "$l: ... the insertion kept and the deletion gone" \
	    grep -q 'The first paragraph was added\.$' "$W/i/c.md"
	check "$l: ... comments dropped, with a warning" \
	    grep -q 'comments dropped (1)' "$ERR"
	check "$l: ... a text box left out, with its first words" \
	    grep -q 'text box left out (paragraph 9): "A boxed note that cannot be placed"' "$ERR"
	check "$l: ... a header left out, with its first words" \
	    grep -q 'header left out (word/header1.xml): "Safer Communities Board header text"' "$ERR"
	check "$l: ... merged cells repeated, with a warning" \
	    grep -q 'merged table cells repeated' "$ERR"
	check "$l: ... the merged cell in both columns" \
	    grep -qx '| Both | Both |' "$W/i/c.md"
	check "$l: ... a REF field became a cross-reference to its bookmark" \
	    grep -qx 'As paragraph \[\](#first-paragraph-was) says\.' "$W/i/c.md"
	check "$l: ... and the bookmark its label" \
	    grep -q '^{#first-paragraph-was} The first paragraph' "$W/i/c.md"

	# --- labels from the label table ----------------------------------------
	cp "$IMP/welsh.txt" "$W/cy.txt"
	check "$l: a cover in Welsh imports" run 0 "$bin" import --force "$W/cy.txt"
	check "$l: ... its labels matched against the Welsh label table" \
	    grep -qx 'purpose: Er gwybodaeth.' "$W/cy.md"
	check "$l: ... and the paper is in Welsh" grep -qx 'lang: cy' "$W/cy.md"
	check "$l: ... one typed paragraph number is still a paragraph" \
	    grep -qx 'Y paragraff cyntaf.' "$W/cy.md"

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
