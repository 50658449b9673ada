# Tagged PDF (PDF/UA-1), on the examples, the corpus papers and the PDF
# test papers: pdfinfo says tagged, PDF 1.7, with XMP; the structure tree
# read three ways, each golden (tests/golden/NAME.struct from poppler's
# `pdfinfo -struct-text`, NAME.tags from --dump-structure, NAME.pdfjs from
# PDF.js) and reading as the paper does (every paragraph number in order,
# no page furniture); the structure checker over `qpdf --json`
# (tests/html/pdf-structure.mjs) and PDF.js (tests/html/pdfjs-tags.mjs)
# find no fault; the /ID comes from the content.  A missing tool fails.
. tests/lib.sh
export TZ=UTC
EPOCH=1700000000
NODE_DIR=$TOP/tests/html
tools_ok=1
for t in pdfinfo qpdf node; do
	if ! command -v "$t" >/dev/null 2>&1; then
		not_ok "tool $t is installed"
		tools_ok=0
	fi
done
if [ ! -d "$NODE_DIR/node_modules/pdfjs-dist" ]; then
	not_ok "pdfjs-dist is installed (make deps runs npm ci in tests/html)"
	tools_ok=0
fi
[ $tools_ok = 1 ] || exit 1

info_is() { # PDF FIELD VALUE
	got=$(pdfinfo "$1" | sed -n "s/^$2: *//p")
	[ "$got" = "$3" ] || { echo "  $2: got '$got', want '$3'"; return 1; }
}

# The quoted lines of pdfinfo -struct-text: the text of each piece of
# marked content, as a reader of the tree gets it.
tree_lines() { sed -n 's/^ *"\(.*\)"$/\1/p' "$1"; }
numbers_of() { grep -oE '^ *[0-9]+\.([0-9]+(\.[0-9]+)*)? ' | tr -d ' '; }
# in_order WANT GOT: every line of WANT appears in GOT, in that order
in_order() {
	awk 'NR == FNR { want[++n] = $0; next }
	    k < n && $0 == want[k + 1] { k++ }
	    END { exit k == n ? 0 : 1 }' "$1" "$2"
}

# No line of page furniture (the layout dump's Artifact lines: header,
# footer, page numbers, the confidential marking) is in the tree.
no_furniture() { # STRUCT LAYOUT
	awk '$6 ~ /^Artifact:/ {
		for (i = 0; i < 7; i++) sub(/^[^ ]+ /, "") # mawk: no {7}
		print }' "$2" |
	    sort -u >"$1.furniture"
	[ -s "$1.furniture" ] || { echo "  no furniture in the dump"; return 1; }
	tree_lines "$1" | sort -u >"$1.lines"
	both=$(comm -12 "$1.furniture" "$1.lines")
	[ -z "$both" ] || { echo "  furniture in the tree: $both" | head -n 5; return 1; }
}

# The two checkers, on a paper or a pack: the structure checker over
# qpdf's JSON (tests/html/pdf-structure.mjs), and PDF.js
# (tests/html/pdfjs-tags.mjs): marked, each page's tree text is its text
# minus artifacts.  Leaves PDF.json and PDF.pdfjs (the roles in order).
checkers() { # NAME PDF
	qpdf --json --json-stream-data=inline --decode-level=generalized \
	    "$2" "$2.json" 2>/dev/null
	if node "$NODE_DIR/pdf-structure.mjs" "$2.json" >"$2.check" 2>&1; then
		ok "$1: structure checker: $(cat "$2.check")"
	else
		not_ok "$1: structure checker"
		head -n 20 "$2.check"
	fi
	if node "$NODE_DIR/pdfjs-tags.mjs" "$2" >"$2.pdfjs" \
	    2>"$2.pdfjs.err"; then
		ok "$1: PDF.js finds the tree's text is the page text"
	else
		not_ok "$1: PDF.js finds the tree's text is the page text"
		head -n 10 "$2.pdfjs.err"
	fi
}

# every example (those in a folder of their own have a house style, with
# a logo), every corpus paper, and the PDF test papers
papers=$(ls "$TOP"/examples/*.md "$TOP"/examples/*/*.md "$SHARED"/corpus/*.md \
    "$TOP/tests/pdf/hostile.md" "$TOP/tests/pdf/figure.md" \
    "$TOP/tests/txt/footnotes-pages.md")
npapers=$(echo "$papers" | wc -l)

for paper in $papers; do
	pn=$(basename "$paper" .md)
	dir=$(dirname "$paper")
	pdf=$TMPDIR/$pn.pdf
	if ! (cd "$dir" && SOURCE_DATE_EPOCH=$EPOCH "$BP" build -o "$pdf" \
	    "$pn.md") 2>/dev/null; then
		not_ok "$pn: build"
		continue
	fi
	check "$pn: pdfinfo says Tagged: yes" info_is "$pdf" Tagged yes
	check "$pn: PDF version 1.7" info_is "$pdf" "PDF version" 1.7
	check "$pn: a metadata stream (XMP)" info_is "$pdf" "Metadata Stream" yes

	# an annotation's object number changes with anything added to the
	# file, so the golden keeps only that the Link has one
	pdfinfo -struct-text "$pdf" 2>"$pdf.struct.err" |
	    sed 's/^\( *\)Object [0-9][0-9]* [0-9][0-9]*$/\1Object/' >"$pdf.struct"
	golden "$pn: pdfinfo -struct-text" "tests/golden/$pn.struct" \
	    "$pdf.struct"
	(cd "$dir" && "$BP" build --dump-structure -o - "$pn.md") \
	    >"$pdf.tags" 2>/dev/null
	golden "$pn: --dump-structure" "tests/golden/$pn.tags" "$pdf.tags"
	if [ -x "$BP_ASAN" ]; then
		(cd "$dir" && "$BP_ASAN" build --dump-structure -o - \
		    "$pn.md") >"$pdf.tags.asan" 2>"$pdf.tags.asan.err"
		check "$pn: --dump-structure under the sanitizers" \
		    cmp -s "$pdf.tags" "$pdf.tags.asan"
	fi

	# reads as the paper does: every number of the text output, in order
	tree_lines "$pdf.struct" | sed 's/$/ /' | numbers_of >"$pdf.numbers"
	(cd "$dir" && "$BP" build -f txt -o - "$pn.md") 2>/dev/null |
	    numbers_of >"$pdf.want"
	if [ -s "$pdf.want" ] && in_order "$pdf.want" "$pdf.numbers"; then
		ok "$pn: the tree holds every paragraph number, in order"
	else
		not_ok "$pn: the tree holds every paragraph number, in order"
		diff "$pdf.want" "$pdf.numbers" | head -n 10
	fi
	(cd "$dir" && "$BP" build --dump-layout -o - "$pn.md") \
	    >"$pdf.layout" 2>/dev/null
	check "$pn: no header, footer or page number in the tree" \
	    no_furniture "$pdf.struct" "$pdf.layout"

	checkers "$pn" "$pdf"
	golden "$pn: PDF.js roles in order" "tests/golden/$pn.pdfjs" \
	    "$pdf.pdfjs"
	tr -d ' \n' <"$pdf.json" | grep -o '"/ID":\["b:[0-9a-f]*"' |
	    head -n 1 >"$TMPDIR/$pn.id"
done

# Footnotes (PDF/UA-1 7.9): each a Note holding its number as a Lbl and
# its text, right after the line with its reference (a Reference holding
# a Link to the note), so before the next note's reference; each with a unique /ID in the
# /IDTree, which the structure checker verifies.
fnt=$TMPDIR/footnotes-pages.pdf
check "footnotes-pages: nine Notes, each after its Reference, before the next" awk '
    { sub(/^ */, "") }
    prev == "Reference" && /^Link \[annotation .*\] "[0-9]+"$/ {
	n = $NF; gsub(/"/, "", n); if (!(n in ref)) ref[n] = NR }
    prev == "Note" && /^Lbl "[0-9]+"$/ { n = $2; gsub(/"/, "", n); note[n] = NR; notes++ }
    { prev = $0 }
    END {
	for (n = 1; n <= 9; n++)
		if (!(n in ref) || !(n in note) || note[n] < ref[n] ||
		    (n < 9 && note[n] > ref[n + 1])) { print "  note " n; bad = 1 }
	exit bad || notes != 9
    }' "$fnt.tags"
check "footnotes-pages: the structure checker finds nine notes, each reference a link" \
    grep -q ' 9 links, 9 notes: no fault$' "$fnt.check"
check "footnotes-pages: a reference's link describes itself with its note" sh -c \
    "qpdf --json '$fnt' | grep -q '\"/Contents\": \"u:Lapwing note. The estimate includes contingency.\"'"

# Struck text is an amendment: a Span with /TextDecorationType
# /LineThrough, in a link too, and one Span where it runs on to the next
# line; the file still passes the checker.
struck=$TMPDIR/struck.md
printf -- '---\ntitle: T\npurpose: P\nsummary: S\nrecommendation: R\naction: A\ncontact:\n  name: N\n---\n\n## Heading\n\nThe fee is ~~\302\24340~~ \302\24345, see [the ~~old~~ new page](https://example.org/) and a sentence long enough that ~~its struck words run on from one line of the paragraph to the next line of it~~ here.\n' >"$struck"
(cd "$TMPDIR" && "$BP" build --dump-structure -o - struck.md) \
    >"$struck.tags" 2>"$struck.err"
check "struck text: three Spans, one in the link" sh -c \
    "[ \$(grep -c 'Span /TextDecorationType /LineThrough' '$struck.tags') \
        -eq 3 ] && grep -A2 '^ *Link' '$struck.tags' |
        grep -q 'Span /TextDecorationType /LineThrough \"old\"'"
check "struck text: one Span runs on across lines" \
    grep -q 'Span /TextDecorationType /LineThrough "its struck words.*next line of it"$' \
    "$struck.tags"
(cd "$TMPDIR" && "$BP" build -o struck.pdf struck.md) 2>>"$struck.err"
checkers "struck text" "$TMPDIR/struck.pdf"

# Packs: one tree for the whole pack, a Part per layout in page order
# (the front sheet first, then each item), blank duplex pages artifacts;
# the checker and PDF.js find no fault in the public or the members' pack.
for opts in "" "--duplex --include-exempt"; do
	tag=$(echo "pack $opts" | tr -s ' -' '  ' | sed 's/ *$//')
	pk=$TMPDIR/pack$(echo "$opts" | tr -d ' -').pdf
	(cd "$TOP/examples/meeting" && SOURCE_DATE_EPOCH=$EPOCH "$BP" pack \
	    $opts -o "$pk" meeting.yaml) 2>"$pk.err"
	check "$tag: pdfinfo says Tagged: yes" info_is "$pk" Tagged yes
	(cd "$TOP/examples/meeting" && "$BP" pack $opts --dump-structure \
	    -o - meeting.yaml) >"$pk.tags" 2>/dev/null
	check "$tag: a Part per paper, the front sheet first" sh -c \
	    "[ \$(grep -c '^  Part\$' '$pk.tags') -ge 3 ] &&
	        sed -n 3p '$pk.tags' | grep -q '^    P \"Safer and Stronger'"
	check "$tag: no blank page in the tree" sh -c \
	    "! grep -q 'intentionally left blank' '$pk.tags'"
	checkers "$tag" "$pk"
done
golden "pack: --dump-structure" tests/golden/meeting.tags "$TMPDIR/pack.pdf.tags"

# /ID: from the content, so papers differ and rebuilds agree (suite-pdf
# checks the rebuilt bytes).
ids=$(cat "$TMPDIR"/*.id | grep -c .)
uniq_ids=$(sort -u "$TMPDIR"/*.id | grep -c .)
check "each paper has its own /ID ($uniq_ids of $ids)" \
    test "$ids" -eq "$npapers" -a "$uniq_ids" -eq "$npapers"
