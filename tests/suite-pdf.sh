# PDF output, checked by its properties with real tools (poppler, qpdf) and
# by golden layout dumps (tests/golden/NAME.layout), on the examples, the
# corpus papers and tests/pdf/hostile.md.  A missing tool is a failure.
. tests/lib.sh

EPOCH=1700000000
export TZ=UTC
tools_ok=1
for t in pdftotext pdffonts pdfinfo pdftoppm pdfimages pdftohtml pdfunite qpdf awk sort \
    cmp fc-scan iconv od python3; do
	if ! command -v "$t" >/dev/null 2>&1; then
		not_ok "tool $t is installed"
		tools_ok=0
	fi
done
[ $tools_ok = 1 ] || exit 1

# expected Title and Author per paper
expect_title() {
	case "$1" in
	community-safety-plan) echo "Community Safety Partnership plan 2026–2029" ;;
	licensing-fees) echo "Review of taxi and private hire licensing fees" ;;
	update-paper-a|update-paper-b) echo "Update Paper" ;;
	figure) echo "Figures" ;;
	hostile) echo "Hostile paper: long words, missing glyphs 漢 😀, deep lists, big tables" ;;
	esac
}
expect_author() {
	case "$1" in
	community-safety-plan) echo "Dafydd Ŵyn Roberts, Priya Shah" ;;
	licensing-fees) echo "Siân Pritchard" ;;
	update-paper-a|update-paper-b) echo "Mark Norris" ;;
	figure) echo "Test Officer" ;;
	hostile) echo "Siân Ŵyn Prydderch, A. N. Other" ;;
	esac
}
# paragraph numbers the spec fixes for the corpus
expect_numbers() {
	case "$1" in
	update-paper-a)
		seq 1 10 | sed 's/$/./'; echo 11.
		seq 1 5 | sed 's/^/11./'; seq 12 21 | sed 's/$/./'
		seq 1 3 | sed 's/^/21./'; seq 22 27 | sed 's/$/./' ;;
	update-paper-b) seq 1 18 | sed 's/$/./' ;;
	esac
}
# numbers at the start of a line: "11." or "11.2", not "12 March"
numbers_of() { grep -oE '^ *[0-9]+\.([0-9]+(\.[0-9]+)*)? ' | tr -d ' '; }

# in_order WANT GOT: every line of WANT appears in GOT, in that order (GOT
# may hold more: a cross-reference such as "2.1.1" can begin a line)
in_order() {
	awk 'NR == FNR { want[++n] = $0; next }
	    k < n && $0 == want[k + 1] { k++ }
	    END { exit k == n ? 0 : 1 }' "$1" "$2"
}

# build NAME DIR FILE OUT [ENV...]: runs the PDF build, stderr to OUT.err
build() {
	(cd "$2" && env SOURCE_DATE_EPOCH=$EPOCH "$BP" build -o "$4" "$3") \
	    2>"$4.err"
}

# Poppler prints warnings (such as the bad ToUnicode CMap one) on stderr.
poppler_quiet() {
	pdf=$1
	: >"$pdf.pop"
	pdftotext "$pdf" /dev/null 2>>"$pdf.pop"
	pdffonts "$pdf" >/dev/null 2>>"$pdf.pop"
	pdfinfo "$pdf" >/dev/null 2>>"$pdf.pop"
	pdftoppm -r 20 -png "$pdf" "$pdf.render" 2>>"$pdf.pop"
	rm -f "$pdf".render*
	[ ! -s "$pdf.pop" ] || { head -n 5 "$pdf.pop"; return 1; }
}

fonts_embedded() {
	pdffonts "$1" >"$1.fonts" || return 1
	n=$(tail -n +3 "$1.fonts" | wc -l)
	bad=$(tail -n +3 "$1.fonts" | awk '$(NF-4) != "yes" || $(NF-3) != "yes"' | wc -l)
	[ "$n" -ge 2 ] && [ "$bad" -eq 0 ] || { cat "$1.fonts"; return 1; }
}

# hexlist: fc-scan's charset ("20-7e a0") as one hex code point a line
hexlist() {
	tr ' ' '\n' | awk -F- '
	function hex(s,  i, n) {
		n = 0
		for (i = 1; i <= length(s); i++)
			n = n * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return n
	}
	NF { lo = hex($1); hi = NF > 1 ? hex($2) : lo
	    for (c = lo; c <= hi; c++) printf "%x\n", c }'
}

# contact_clear PDF: on the cover, each "Label:" of the contact block (a
# bold text ending in a colon) ends left of where its value starts, on the
# same line (pdftohtml's positions); and there is a "Contact officer:".
contact_clear() {
	pdftohtml -xml -i -stdout -f 1 -l 1 "$1" | awk -F'"' '
	    /<text / { top = $2; left = $4; w = $6 }
	    /<text .*><b>[^<]*:<\/b><\/text>/ {
		lt = top; end = left + w; n++
		if ($0 ~ /Contact officer:/) officer = 1
		next }
	    /<text / && lt != "" && top == lt { if (left <= end) bad = 1; lt = "" }
	    END { exit !(officer && n > 0 && !bad) }'
}

# subset_exact PDF [all]: each embedded font file is a true subset: its
# cmap holds no character that the fonts using it do not show, and with
# "all", every character they show (tests/pdf/subsets.py, one file at a
# time: over all files at once, a face whose characters landed in another
# face's file passed).
subset_exact() {
	python3 "$TOP/tests/pdf/subsets.py" "$@"
}

info_is() { # PDF FIELD VALUE
	got=$(pdfinfo "$1" | sed -n "s/^$2: *//p")
	[ "$got" = "$3" ] || { echo "  $2: got '$got', want '$3'"; return 1; }
}

pages_of() { pdfinfo "$1" | sed -n 's/^Pages: *//p'; }

# "Page N of M" on every page, M the page count
footers_ok() {
	m=$(pages_of "$1")
	[ -n "$m" ] || return 1
	i=1
	while [ "$i" -le "$m" ]; do
		pdftotext -f "$i" -l "$i" "$1" - | grep -q "^Page $i of $m\$" ||
		    { echo "  no 'Page $i of $m'"; return 1; }
		i=$((i + 1))
	done
}

qpdf_clean() {
	out=$(qpdf --check "$1" 2>&1)
	rc=$?
	[ $rc -eq 0 ] && ! echo "$out" | grep -qi 'warning' ||
	    { echo "$out" | head -n 5; return 1; }
}

# content_ops PDF: each page's content stream, one operator a line as
# boardpaper writes them, each line prefixed with its page number
content_ops() {
	qpdf --qdf --object-streams=disable "$1" "$1.ops.qdf" || return 1
	awk '/^%% Contents for page [0-9]+$/ { page = $5; next }
	    page != "" && $0 == "stream" { on = 1; next }
	    $0 == "endstream" { on = 0; page = "" }
	    on { print page, $0 }' "$1.ops.qdf"
}

# Consecutive lines share one text object (issue 14); nothing but text
# and its state is drawn inside one (a path operator there is an error
# readers may refuse), and marked content nests inside or around it:
# each text object ends at the marked-content depth it began at, and
# every page ends with both closed.
text_objects_ok() {
	content_ops "$1" >"$1.ops" || return 1
	awk '{ op = $NF; if ($0 ~ />>BDC$/) op = "BDC" }
	    $1 != page { if (page != "" && (intext || depth)) {
		print "page " page ": ends inside a text object or marked content"; bad = 1 }
		page = $1; intext = 0; depth = 0 }
	    op == "BDC" || op == "BMC" { depth++ }
	    op == "EMC" { if (--depth < 0) { print "page " page ": EMC without BDC"; bad = 1 } }
	    op == "BT" { if (intext) { print "page " page ": BT inside BT"; bad = 1 }
		intext = 1; at = depth }
	    op == "ET" { if (!intext || depth != at) {
		print "page " page ": ET at another marked-content depth"; bad = 1 }
		intext = 0 }
	    intext && op ~ /^(m|l|c|v|y|h|re|S|s|f|F|f\*|B|B\*|b|b\*|n|W|W\*|Do|q|Q|cm|sh|BI)$/ {
		print "page " page ": " op " inside a text object"; bad = 1 }
	    END { if (page != "" && (intext || depth)) {
		print "page " page ": ends inside a text object or marked content"; bad = 1 }
		exit bad || NR == 0 }' "$1.ops"
}

# bbox_lines PDF: each line pdftotext finds, as "page xMin yMin xMax yMax
# first-word" (points, from the top left)
bbox_lines() {
	pdftotext -bbox-layout "$1" - | awk '
	    /<page / { page++ }
	    /<line / { split($0, q, "\""); x0 = q[2]; y0 = q[4]; x1 = q[6];
		y1 = q[8]; want = 1; next }
	    want && /<word / { w = $0; sub(/^[^>]*>/, "", w); sub(/<.*/, "", w)
		printf "%d %.3f %.3f %.3f %.3f %s\n", page, x0, y0, x1, y1, w
		want = 0 }'
}

# bbox_near NAME GOLDEN ACTUAL: the same lines, in the same order, each
# within 0.01 pt of the golden; rewritten on update (as golden)
bbox_near() {
	if [ "$UPDATE" = 1 ]; then
		cp "$3" "$2"
		ok "$1 (updated)"
		return
	fi
	if [ -f "$2" ] && awk 'function off(a, b) { return a > b ? a - b : b - a }
	    NR == FNR { g[FNR] = $0; n = FNR; next }
	    { m++; split(g[FNR], e, " ") }
	    FNR > n || e[1] != $1 || e[6] != $6 || NF != split(g[FNR], e2, " ") ||
	    off(e[2], $2) > 0.01 || off(e[3], $3) > 0.01 ||
	    off(e[4], $4) > 0.01 || off(e[5], $5) > 0.01 {
		print "  line " FNR ": " g[FNR] " is now " $0; bad = 1; exit }
	    END { exit bad || m != n || n == 0 }' "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
	fi
}

# bookmarks for the sections, opening shown; links; /Lang; DisplayDocTitle;
# page labels
navigation_ok() {
	qpdf --json "$1" >"$1.json" || return 1
	qpdf --json --json-key=outlines "$1" >"$1.outlines" || return 1
	grep -q '"title": ' "$1.outlines" || { echo "  no bookmarks"; return 1; }
	grep -q '"/PageMode": "/UseOutlines"' "$1.json" &&
	    grep -q '"/DisplayDocTitle": true' "$1.json" &&
	    grep -q '"/Lang": "u:en-GB"' "$1.json" &&
	    grep -q '"/PageLabels"' "$1.json" &&
	    grep -q '"/Subtype": "/Link"' "$1.json" ||
	    { echo "  catalog or links missing"; return 1; }
}

# Internal links: more /Dest entries than bookmarks have.
internal_links_ok() {
	d=$(grep -c '"/Dest"' "$1.json")
	o=$(grep -c '"title": ' "$1.outlines")
	[ "$d" -gt "$o" ] || { echo "  $d /Dest for $o bookmarks"; return 1; }
}

# From a layout dump: no heading is the last line of a page, and no page
# starts with the last line or ends with the first line of a paragraph of
# several lines.  Page furniture and number labels are not lines of text.
breaks_ok() {
	# a page's footnotes (below its notes' rule) break anywhere
	awk 'NR == FNR { if ($4 == "rule") rule[$1] = $3; next }
	    $6 !~ /^(Artifact|Lbl):/ && !($1 in rule && $3 < rule[$1])' \
	    "$1" "$1" |
	    sort -k1,1n -k3,3gr -s | awk '
	function check_bottom() {
		for (i = 1; i <= nb; i++) {
			split(bot[i], f, " "); split(f[7], ln, "/")
			if (f[6] ~ /^(H|Title|Caption):/) {
				print "  page " f[1] " ends with a heading: " bot[i]; bad = 1
			}
			if (ln[2] > 1 && ln[1] == 1) {
				print "  page " f[1] " ends with a first line: " bot[i]; bad = 1
			}
		}
	}
	{
		if ($1 != page) {
			if (page != "") check_bottom()
			page = $1; top = $3; nb = 0; lasty = ""
		}
		if ($3 == top) {
			split($7, ln, "/")
			if (ln[2] > 1 && ln[1] == ln[2]) {
				print "  page " $1 " starts with a last line: " $0; bad = 1
			}
		}
		if ($3 != lasty) nb = 0
		bot[++nb] = $0; lasty = $3
	}
	END { if (page != "") check_bottom(); exit bad }'
}

papers="$TOP/examples/community-safety-plan.md $TOP/examples/licensing-fees.md
$SHARED/corpus/update-paper-a.md $SHARED/corpus/update-paper-b.md
$TOP/tests/pdf/hostile.md $TOP/tests/pdf/figure.md"

for paper in $papers; do
	pname=$(basename "$paper" .md)
	dir=$(dirname "$paper")
	pdf=$TMPDIR/$pname.pdf
	if ! build "$pname" "$dir" "$pname.md" "$pdf"; then
		not_ok "$pname: build"
		head -n 10 "$pdf.err"
		continue
	fi
	ok "$pname: build"
	if [ "$pname" = hostile ]; then
		golden "$pname: warnings" tests/pdf/hostile.err "$pdf.err"
	else
		check "$pname: no diagnostics" test ! -s "$pdf.err"
	fi
	check "$pname: qpdf --check clean" qpdf_clean "$pdf"
	check "$pname: objects packed in object streams" sh -c \
	    "grep -aq '^/Type /ObjStm$' '$pdf' && grep -aq '^/Type /XRef$' '$pdf'"
	check "$pname: poppler prints no warnings" poppler_quiet "$pdf"
	check "$pname: fonts embedded and subset" fonts_embedded "$pdf"
	if [ "$pname" = hostile ]; then # it shows characters the fonts lack
		check "$pname: font files hold only the glyphs shown" \
		    subset_exact "$pdf"
	else
		check "$pname: font files hold exactly the glyphs shown" \
		    subset_exact "$pdf" all
	fi
	check "$pname: A4" info_is "$pdf" "Page size" "595.276 x 841.89 pts (A4)"
	check "$pname: title" info_is "$pdf" Title "$(expect_title "$pname")"
	check "$pname: author" info_is "$pdf" Author "$(expect_author "$pname")"
	check "$pname: Page N of M on every page" footers_ok "$pdf"
	check "$pname: bookmarks, links, language, page labels" navigation_ok "$pdf"
	if [ "$pname" = figure ]; then
		check "$pname: a PNG and a JPEG embedded" test "$(pdfimages -list \
		    "$pdf" | tail -n +3 | awk '{ print $9 }' | sort | tr '\n' ' ')" \
		    = "image jpeg "
	fi
	case "$pname" in community-safety-plan|licensing-fees|hostile)
		check "$pname: cross-references are internal links" \
		    internal_links_ok "$pdf" ;;
	esac

	# every paragraph number, in order
	pdftotext -layout "$pdf" - | numbers_of >"$pdf.numbers"
	case "$pname" in
	update-paper-*) expect_numbers "$pname" >"$pdf.want" ;;
	*) (cd "$dir" && "$BP" build -f txt -o - "$pname.md" 2>/dev/null) | numbers_of \
	    >"$pdf.want" ;;
	esac
	if in_order "$pdf.want" "$pdf.numbers"; then
		ok "$pname: paragraph numbers in order"
	else
		not_ok "$pname: paragraph numbers in order"
		diff "$pdf.want" "$pdf.numbers" | head -n 10
	fi

	# the same bytes again; CreationDate only from SOURCE_DATE_EPOCH
	build "$pname" "$dir" "$pname.md" "$pdf.again"
	check "$pname: byte-identical rebuild" cmp -s "$pdf" "$pdf.again"
	check "$pname: CreationDate from SOURCE_DATE_EPOCH" info_is "$pdf" \
	    CreationDate "Tue Nov 14 22:13:20 2023 UTC"
	(cd "$dir" && env -u SOURCE_DATE_EPOCH "$BP" build -o "$pdf.nodate" \
	    "$pname.md") 2>/dev/null &&
	    pdfinfo "$pdf.nodate" >"$pdf.nodate.info" 2>/dev/null
	check "$pname: no CreationDate without SOURCE_DATE_EPOCH" sh -c \
	    "[ -s '$pdf.nodate.info' ] && ! grep -q CreationDate '$pdf.nodate.info'"

	# the layout dump: golden, consistent with the PDF, and well broken
	(cd "$dir" && "$BP" build --dump-layout -o - "$pname.md") \
	    >"$pdf.layout" 2>/dev/null
	golden "$pname: layout dump" "tests/golden/$pname.layout" "$pdf.layout"
	check "$pname: dump has the PDF's page count" test \
	    "$(tail -n 1 "$pdf.layout" | cut -d' ' -f1)" = "$(pages_of "$pdf")"
	check "$pname: no stranded heading, widow or orphan" breaks_ok \
	    "$pdf.layout"
	check "$pname: text objects hold only text, nested with marked content" \
	    text_objects_ok "$pdf"

	# the sanitizer build, once per paper
	if [ -x "$BP_ASAN" ]; then
		(cd "$dir" && "$BP_ASAN" build -o "$pdf.asan" "$pname.md") \
		    2>"$pdf.asan.err"
		rc=$?
		if [ $rc -eq 0 ] && cmp -s "$pdf.err" "$pdf.asan.err"; then
			ok "$pname: sanitizer build"
		else
			not_ok "$pname: sanitizer build (exit $rc)"
			head -n 20 "$pdf.asan.err"
		fi
	else
		not_ok "$pname: sanitizer build missing ($BP_ASAN)"
	fi
done

# Issue 14: the lines of a page share a text object, each moved to from
# the one before, with one marked-content sequence (MCID) a line as
# before; every line is still where it was drawn when each was a text
# object of its own (tests/golden/update-paper-a.bbox, within 0.01 pt).
pa=$TMPDIR/update-paper-a.pdf
# (a text object is ended and another begun before a line whose relative
# move would not land exactly: 7 on page 2, 10 at most on a page)
check "issue 14: paper a's page 2 draws its 44 lines in at most 8 text objects" \
    awk '$1 == 2 && $2 == "BT" { bt++ }
	$1 == 2 && /<<\/MCID [0-9]+>> *BDC$/ { mcid++ }
	END { exit !(bt >= 1 && bt <= 8 && mcid >= 44) }' "$pa.ops"
check "issue 14: paper a's lines move relatively (Td, TD, T*), with no Tm" \
    awk '$NF == "T*" || $NF == "Td" || $NF == "TD" { rel++ } $NF == "Tm" { tm++ }
	END { exit !(tm == 0 && rel >= 200) }' "$pa.ops"
bbox_lines "$pa" >"$pa.bbox"
bbox_near "issue 14: paper a's lines where they were drawn (pdftotext -bbox-layout)" \
    tests/golden/update-paper-a.bbox "$pa.bbox"

# Issue 14, to the last bit: every string shown starts where it started
# when each line was a text object of its own, as poppler and as PDF.js
# compute it (tests/pdf/positions.py replays their arithmetic on the
# numbers written), against tests/golden/NAME.positions, made by
# a373288's boardpaper (the last to draw a text object a line).  pdftotext's
# reading order turns on exact equalities, which the 0.01 pt of the bbox
# check above would not see broken.  tests/pdf/text-restart.md has lines
# whose first move would not land exactly: the text object is ended and
# another begun there (an ET and a BT together), and lines of several
# fragments (bold, italic, links) follow such a restart.
positions_same() { # NAME PDF
	python3 tests/pdf/positions.py "$2" >"$2.positions" || return 1
	golden "$1: every string where a text object a line put it, in poppler and PDF.js" \
	    "tests/golden/$1.positions" "$2.positions"
}
tr=$TMPDIR/text-restart.pdf
if build text-restart "$TOP/tests/pdf" text-restart.md "$tr" &&
    [ ! -s "$tr.err" ]; then
	ok "text-restart: build"
else
	not_ok "text-restart: build"
	head -n 10 "$tr.err"
fi
for pname in update-paper-a licensing-fees community-safety-plan text-restart; do
	positions_same "$pname" "$TMPDIR/$pname.pdf"
done
check "text-restart: text objects hold only text, nested with marked content" \
    text_objects_ok "$tr"
# restarts ("ET" then "BT"), and after one a line of several fragments:
# shows before the next line's move (T*, TD, a Td down) or the next ET
check "text-restart: text objects restarted before lines of several fragments" \
    awk '$NF == "ET" { if (after && shows >= 2) multi++; after = 0; et = 1; next }
	$NF == "BT" && et { restarts++; after = 1; shows = 0; et = 0; next }
	{ et = 0 }
	$NF == "Tj" || $NF == "TJ" { shows++ }
	after && shows > 0 && ($NF == "T*" || $NF == "TD" ||
	    ($NF == "Td" && $(NF - 1) != 0)) { if (shows >= 2) multi++; after = 0 }
	END { exit !(restarts >= 5 && multi >= 2) }' "$tr.ops"

# One process compiles many papers with the faces, encoders and subsetters
# it loaded for the first (SPEC 7): each PDF is the same bytes as its
# one-paper build, in either order and with -j 2 workers.
batch_same() { # DIR: every paper's PDF in DIR is its one-paper build
	for paper in $papers; do
		pname=$(basename "$paper" .md)
		cmp -s "$TMPDIR/$pname.pdf" "$1/$pname.pdf" ||
		    { echo "  $pname.pdf differs"; return 1; }
	done
}
reversed=$(for p in $papers; do echo "$p"; done | sed -n '1!G;h;$p')
mkdir -p "$TMPDIR/batch" "$TMPDIR/batch-rev" "$TMPDIR/batch-j2"
env SOURCE_DATE_EPOCH=$EPOCH "$BP" build -o "$TMPDIR/batch/" $papers \
    2>/dev/null
env SOURCE_DATE_EPOCH=$EPOCH "$BP" build -o "$TMPDIR/batch-rev/" $reversed \
    2>/dev/null
env SOURCE_DATE_EPOCH=$EPOCH "$BP" build -j 2 -o "$TMPDIR/batch-j2/" $papers \
    2>/dev/null
check "batch: each PDF is its one-paper build" batch_same "$TMPDIR/batch"
check "batch in reverse order: the same" batch_same "$TMPDIR/batch-rev"
check "batch with -j 2: the same" batch_same "$TMPDIR/batch-j2"
# A worker back on a house style's family it loaded before takes the faces
# libharu already holds (registering them again was an error).
# (The copy has a name of its own: two outputs to one file are refused.)
copy_example borough "$TMPDIR/borough2"
mv "$TMPDIR/borough2/parking-permits.md" "$TMPDIR/borough2/again.md"
mkdir -p "$TMPDIR/back"
env SOURCE_DATE_EPOCH=$EPOCH "$BP" build -o "$TMPDIR/back/" \
    "$TOP/examples/borough/parking-permits.md" "$SHARED/corpus/update-paper-a.md" \
    "$TMPDIR/borough2/again.md" 2>"$TMPDIR/back.err"
rm "$TMPDIR/back/parking-permits.pdf"
env SOURCE_DATE_EPOCH=$EPOCH "$BP" build -o "$TMPDIR/back/" \
    "$TOP/examples/borough/parking-permits.md" 2>>"$TMPDIR/back.err"
check "batch back on an earlier style's font: builds, the same bytes" sh -c \
    "[ ! -s '$TMPDIR/back.err' ] && cmp -s '$TMPDIR/back/again.pdf' '$TMPDIR/back/parking-permits.pdf'"

# Two faces sharing one font file: libharu gives the second face loaded
# the definition (and so the fonts) it holds for the first, and the code
# points of only one face were embedded (six boxes for a code span).  With
# `font: Liberation Mono`, the text faces and the code face are one file;
# the code span's characters, which the body lacks (ASCII, ISO 8859-14 and
# CID ones), must print, be found by pdftotext and be in that file's
# subset.  The heading shows them too, in the bold file: a check over all
# font files at once passed with them missing from the regular one.
SF=$TMPDIR/shared-font
mkdir -p "$SF/mono" "$SF/alone" "$SF/batch" "$SF/same/p"
printf 'root: true\nfont: Liberation Mono\n' >"$SF/mono/.boardpaper.yaml"
sf_paper() { # BODY [HEADING]
	printf -- '---\ntitle: Shared font\npurpose: P.\nsummary: S.\nrecommendation: R.\naction: A.\ncontact:\n  name: N\n---\n\n## %s\n\n%s\n' "${2:-Heading}" "$1"
}
sf_paper 'Body text with kqjvzx, Ω and `QZX#{}ẞŵ` in code.' 'Heading QZX#{}ẞŵ' \
    >"$SF/mono/code.md"
(cd "$SF/mono" && SOURCE_DATE_EPOCH=$EPOCH "$BP" build -o code.pdf code.md) \
    2>"$SF/mono.err"
check "shared font file: Mono house style builds, quietly" test ! -s "$SF/mono.err"
check "shared font file: Mono house style: pdftotext gives the code span back" \
    sh -c "pdftotext '$SF/mono/code.pdf' - | grep -qxF 'Body text with kqjvzx, Ω and QZX#{}ẞŵ in code.'"
check "shared font file: Mono house style: each font file holds its fonts' glyphs" \
    subset_exact "$SF/mono/code.pdf" all
# The contact block's label column was a fixed 110 pt, and "Contact
# officer:" is 115 pt in Liberation Mono Bold: the name ran into it.
check "contact label column: Mono house style: the name starts right of its label" \
    contact_clear "$SF/mono/code.pdf"
# ASCII and ISO 8859-14 alone (no CID font): each one's width is in /Widths
sf_paper 'Body text with kqjvzx and `QZX#{}ŵ` in code.' >"$SF/mono/simple.md"
(cd "$SF/mono" && "$BP" build -o simple.pdf simple.md) 2>>"$SF/mono.err"
check "shared font file: Mono house style, simple fonts only: glyphs and widths" \
    sh -c "[ ! -s '$SF/mono.err' ] && ! pdffonts '$SF/mono/simple.pdf' | grep -q CID &&
	   python3 '$TOP/tests/pdf/subsets.py' '$SF/mono/simple.pdf' all"
# A worker whose earlier paper loaded Liberation Mono as the code face, or
# as the text faces: each paper's fonts are named as when it is built
# alone (the subset tag was the face's that loaded the file first).
sf_paper 'Default style with `code`.' >"$SF/batch/first.md"
cp "$SF/batch/first.md" "$SF/batch/again.md"
env SOURCE_DATE_EPOCH=$EPOCH "$BP" build -o "$SF/alone/" "$SF/batch/first.md" \
    2>/dev/null
env SOURCE_DATE_EPOCH=$EPOCH "$BP" build -o "$SF/batch/" "$SF/batch/first.md" \
    "$SF/mono/code.md" "$SF/batch/again.md" 2>/dev/null
check "shared font file: in a batch after a paper that used Liberation Mono, the same bytes" \
    sh -c "cmp -s '$SF/mono/code.pdf' '$SF/batch/code.pdf' && cmp -s '$SF/alone/first.pdf' '$SF/batch/again.pdf'"
check "contact label column: default style: the name starts right of its label" \
    contact_clear "$SF/alone/first.pdf"
# A family whose bold, italic and bold italic faces are its regular file
# (fontconfig lists links to it with those weights and slants).
mkdir -p "$SF/fonts"
cp "$(fc-match -f '%{file}' 'Liberation Sans:style=Regular')" \
    "$SF/fonts/same-regular.ttf"
for face in bold italic bolditalic; do
	ln -sf same-regular.ttf "$SF/fonts/same-$face.ttf"
done
fonts_conf "$SF" '
  <match target="scan">
    <edit name="family" mode="assign"><string>Same File</string></edit>
  </match>'
printf 'root: true\nfont: Same File\n' >"$SF/same/p/.boardpaper.yaml"
sf_paper 'Body text with kqjvzx and **QZX#{}ẞŵ** in *bold*.' >"$SF/same/p/bold.md"
(cd "$SF/same/p" && env FONTCONFIG_FILE="$SF/fonts.conf" \
    XDG_CACHE_HOME="$SF/same" SOURCE_DATE_EPOCH=$EPOCH "$BP" build \
    -o bold.pdf bold.md) 2>"$SF/same.err"
check "shared font file: a family whose bold is its regular file builds, saying so (suite-styles)" \
    sh -c "[ \$(grep -c \"^\\.boardpaper\\.yaml:2:7: warning: font family 'Same File' has no .* face: fontconfig gives the regular face's file for it\" '$SF/same.err') = 3 ] && [ \$(wc -l <'$SF/same.err') = 3 ]"
check "shared font file: bold is regular file: pdftotext gives the bold text back" \
    sh -c "pdftotext '$SF/same/p/bold.pdf' - | grep -qxF 'Body text with kqjvzx and QZX#{}ẞŵ in bold.'"
check "shared font file: bold is regular file: one font file, holding every glyph" \
    sh -c "[ \$(pdffonts '$SF/same/p/bold.pdf' | grep -c 'LiberationSans ') -ge 1 ] &&
	   python3 '$TOP/tests/pdf/subsets.py' '$SF/same/p/bold.pdf' all"

# A paper long enough to break in many places: the corpus body four times.
long=$TMPDIR/long.md
awk 'NR == 1 || !seen { print } /^---$/ && NR > 1 { seen = 1 }' \
    "$SHARED/corpus/update-paper-a.md" >"$long"
for i in 1 2 3 4; do
	awk 'n >= 2 { print } /^---$/ { n++ }' \
	    "$SHARED/corpus/update-paper-a.md" >>"$long"
done
(cd "$TMPDIR" && "$BP" build --dump-layout -o - long.md) >"$long.layout" \
    2>"$long.err"
np=$(tail -n 1 "$long.layout" | cut -d' ' -f1)
check "long: breaks across many pages ($np)" test "${np:-0}" -ge 20
check "long: no stranded heading, widow or orphan" breaks_ok "$long.layout"

# An exempt paper says "CONFIDENTIAL" and its reason at the head and the
# foot of every page (SPEC 3), in a paper and in the members' pack; the
# body keeps clear of the foot's lines (their ascent sits 11 pt above the
# baseline of the body's lowest line's descent at the least).
ex=$TMPDIR/exempt
mkdir -p "$ex"
reason="Exempt under paragraph 3 of Schedule 12A."
awk -v r="$reason" '{ print } /^title:/ { print "confidential: \"" r "\"" }' \
    "$SHARED/corpus/update-paper-a.md" >"$ex/exempt.md"
(cd "$ex" && "$BP" build --dump-layout -o - exempt.md) >"$ex/exempt.layout" \
    2>"$ex/exempt.err"
marked_head_and_foot() { # LAYOUT REASON
	awk -v r="$2" '
	{ t = $0; sub(/^[^ ]+ [^ ]+ [^ ]+ [^ ]+ [^ ]+ [^ ]+ [^ ]+ /, "", t)
	  pages[$1] = 1 }
	$6 ~ /^Artifact/ && (t == "CONFIDENTIAL" || t == r) {
		if ($3 > 700) head[$1 t]++; else if ($3 < 120) foot[$1 t]++
	}
	$6 ~ /^Artifact/ && $3 < 120 && t !~ /^Page / && $3 > ftop[$1] { ftop[$1] = $3 }
	$6 !~ /^Artifact/ && (!($1 in low) || $3 < low[$1]) { low[$1] = $3 }
	END {
		for (p in pages) {
			n++
			if (head[p "CONFIDENTIAL"] != 1 || foot[p "CONFIDENTIAL"] != 1 ||
			    head[p r] != 1 || foot[p r] != 1 ||
			    ((p in low) && low[p] < ftop[p] + 11)) {
				print "  page " p ": head " head[p "CONFIDENTIAL"] \
				    "/" head[p r] ", foot " foot[p "CONFIDENTIAL"] \
				    "/" foot[p r] ", body down to " low[p] \
				    ", foot lines up to " ftop[p]
				bad = 1
			}
		}
		exit bad || n < 2
	}' "$1"
}
check "exempt paper: marking and reason at the head and the foot of every page" \
    marked_head_and_foot "$ex/exempt.layout" "$reason"
(cd "$ex" && SOURCE_DATE_EPOCH=$EPOCH "$BP" build -o exempt.pdf exempt.md) \
    2>>"$ex/exempt.err"
check "exempt paper: pdftotext finds the marking twice on every page" sh -c "
    n=\$(pdfinfo '$ex/exempt.pdf' | sed -n 's/^Pages: *//p')
    [ \$(pdftotext '$ex/exempt.pdf' - | grep -o CONFIDENTIAL | wc -l) -eq \$((2 * n)) ]"
(cd "$TOP/examples/meeting" && SOURCE_DATE_EPOCH=$EPOCH "$BP" pack \
    --include-exempt -o "$ex/members.pdf" meeting.yaml) 2>>"$ex/exempt.err"
check "members' pack: each page of the exempt paper marked twice" sh -c "
    pdftotext '$ex/members.pdf' - | awk 'BEGIN { RS = \"\\f\" }
        { n = gsub(/CONFIDENTIAL/, \"&\"); if (n) pages++; if (n && n != 2) bad = 1 }
        END { exit bad || pages == 0 }'"
check "exempt paper: no warning" test ! -s "$ex/exempt.err"

# Subset tags name subsets by their content (ISO 32000-1 9.6.4): every
# paper's regular subset was HPDFAA+LiberationSans and its bold
# HPDFAB+LiberationSans-Bold, so two papers' PDFs combined into one
# (pdfunite, qpdf --pages) held two different fonts of one name, which
# readers and pre-flight tools take for one (missing glyphs).
# tests/pdf/subset_tags.py: over the PDFs given, one name is one font file.
st=$TMPDIR/subset-tags
mkdir -p "$st"
sa=$TMPDIR/update-paper-a.pdf sb=$TMPDIR/update-paper-b.pdf
check "subset tags: papers a and b: each name is one font file's" \
    python3 "$TOP/tests/pdf/subset_tags.py" "$sa" "$sb"
tag_names() { pdffonts "$1" | tail -n +3 | awk '{ print $1 }' | sort -u; }
tag_names "$sa" >"$st/a.names"
tag_names "$sb" >"$st/b.names"
check "subset tags: papers a and b share no font name (pdffonts)" sh -c \
    "[ -s '$st/a.names' ] && [ -s '$st/b.names' ] &&
     [ -z \"\$(comm -12 '$st/a.names' '$st/b.names')\" ]"
# (a rebuild's names are the same: its byte-identical rebuild check)
pdfunite "$sa" "$sb" "$st/ab.pdf" 2>"$st/ab.err"
tag_names "$st/ab.pdf" >"$st/ab.names"
check "subset tags: pdfunite of a and b: each name is one font file's" \
    python3 "$TOP/tests/pdf/subset_tags.py" "$st/ab.pdf"
check "subset tags: pdfunite of a and b: pdffonts lists a's and b's names, distinct" \
    sh -c "sort -u '$st/a.names' '$st/b.names' | cmp -s - '$st/ab.names' &&
	   [ \$(wc -l <'$st/ab.names') -eq \$((\$(wc -l <'$st/a.names') + \$(wc -l <'$st/b.names'))) ]"
pdftotext "$st/ab.pdf" "$st/ab.txt"
{ pdftotext "$sa" -; pdftotext "$sb" -; } >"$st/a-b.txt"
check "subset tags: pdfunite of a and b: pdftotext gives a's text then b's" \
    sh -c "[ -s '$st/ab.txt' ] && cmp -s '$st/ab.txt' '$st/a-b.txt'"
# A pack embeds one subset per face for all its papers (render_pdf_pack.c
# draws them into one document): a tag of its own, not one of a paper's.
(cd "$TOP/examples/meeting" && SOURCE_DATE_EPOCH=$EPOCH "$BP" pack \
    -o "$st/meeting.pdf" meeting.yaml &&
    SOURCE_DATE_EPOCH=$EPOCH "$BP" build -o "$st/" safety-plan.md \
    taxi-fees.md cctv-contract.md) 2>"$st/pack.err"
check "subset tags: a pack and its papers: each name is one font file's" \
    python3 "$TOP/tests/pdf/subset_tags.py" "$st/meeting.pdf" \
    "$st/safety-plan.pdf" "$st/taxi-fees.pdf" "$st/cctv-contract.pdf"

# Font names: an embedded subset is named by its tag and its font
# program's PostScript name (ISO 32000-1 9.6.4), which pre-flight and
# PDF/UA checkers compare with the program; libharu named a face not
# Regular as a TrueType font not embedded is, by family and style (9.6.3):
# XXXXXX+LiberationSans-Bold,Bold, -Italic,Italic, -BoldItalic,Bold.  The
# names (tag aside) of a paper in the four styles with a code span, in the
# built-in style and in Liberation Serif (examples/borough's family), are
# those fc-scan reads from the files fontconfig gives; each font's is the
# one its embedded program has (subset_tags.py: examples/borough's paper
# too, and the example pack, above).
fn=$TMPDIR/font-names
mkdir -p "$fn/serif"
copy_example borough "$fn/borough"
printf 'root: true\nfont: Liberation Serif\n' >"$fn/serif/.boardpaper.yaml"
printf -- '---\ntitle: Font names\npurpose: P.\nsummary: S.\nrecommendation: R.\naction: A.\ncontact:\n  name: N\n---\n\n## Heading ŵ Ω\n\nRegular ŵ Ω, **bold ŵ Ω**, *italic ŵ Ω*, ***bold italic ŵ Ω*** and `code ŵ Ω`.\n' \
    >"$fn/four.md"
cp "$fn/four.md" "$fn/serif/four.md"
(cd "$fn" && "$BP" build -o four.pdf four.md &&
    cd serif && "$BP" build -o four.pdf four.md &&
    cd ../borough && "$BP" build -o parking-permits.pdf parking-permits.md) \
    2>"$fn/err"
# ps_names FAMILY: the PostScript names of its four styles and of
# Liberation Mono's regular (the code face), one a line, sorted
ps_names() {
	for style in Regular Bold Italic 'Bold Italic'; do
		fc-scan --format '%{postscriptname}\n' \
		    "$(fc-match --format '%{file}' "$1:style=$style")"
	done
	fc-scan --format '%{postscriptname}\n' \
	    "$(fc-match --format '%{file}' 'Liberation Mono:style=Regular')"
}
# untagged PDF: pdffonts' names less their tags, one a line, sorted
untagged() {
	pdffonts "$1" | tail -n +3 | awk '{ print $1 }' |
	    sed 's/^[A-Z]\{6\}+//' | sort -u
}
ps_names 'Liberation Sans' | sort -u >"$fn/sans.want"
ps_names 'Liberation Serif' | sort -u >"$fn/serif.want"
untagged "$fn/four.pdf" >"$fn/sans.got"
untagged "$fn/serif/four.pdf" >"$fn/serif.got"
check "font names: the four styles of Liberation Sans and Mono: no ',Bold', each its file's PostScript name" \
    sh -c "[ ! -s '$fn/err' ] && [ \$(wc -l <'$fn/sans.want') -eq 5 ] &&
	   cmp -s '$fn/sans.got' '$fn/sans.want'"
check "font names: the four styles of Liberation Serif (examples/borough's family) and Mono" \
    sh -c "[ \$(wc -l <'$fn/serif.want') -eq 5 ] && cmp -s '$fn/serif.got' '$fn/serif.want'"
check "font names: each TAG + its embedded program's PostScript name, as its descriptor's" \
    python3 "$TOP/tests/pdf/subset_tags.py" "$fn/four.pdf" \
    "$fn/serif/four.pdf" "$fn/borough/parking-permits.pdf"
# A font whose name 6 is not a PostScript name still gets a valid one: a
# record holding a character a PostScript name may not (a space, a PDF
# delimiter, a letter not ASCII) is not used, as FreeType reads the name:
# Windows' US English record first, then the Macintosh one; with neither,
# libharu's name (the Macintosh record) less its ',Bold' and what is not
# allowed, else "Font".  libharu wrote a space as it was, into the name
# (ending it: qpdf warned, pdffonts misread the table).  Each copy of a
# Liberation Sans file stands, in a font cache, for all four faces.
(cd "$fn" && XDG_CACHE_HOME=$fn/cache "$BP" build -o cache.pdf four.md) \
    2>>"$fn/err"
cp "$fn/cache/boardpaper/fonts-v2" "$fn/cache.good"
LS=$(dirname "$(fc-match --format '%{file}' 'Liberation Sans:style=Regular')")
odd_name() { # CASE FILE WINDOWS MAC WANT
	python3 "$TOP/tests/pdf/ps_name_font.py" "$LS/$2" "$fn/$1.ttf" "$3" "$4"
	awk -F '\t' -v OFS='\t' -v p="$fn/$1.ttf" -v s="$(wc -c <"$fn/$1.ttf")" \
	    -v m="$(stat -c %Y "$fn/$1.ttf")" \
	    'NR > 1 && $1 == "Liberation Sans" { $4 = p; $5 = s; $6 = m } { print }' \
	    "$fn/cache.good" >"$fn/cache/boardpaper/fonts-v2"
	(cd "$fn" && XDG_CACHE_HOME=$fn/cache "$BP" build -o "$1.pdf" four.md) \
	    2>"$fn/$1.err"
	check "font names: $1: Liberation Sans named $5, qpdf --check clean" \
	    sh -c "[ ! -s '$fn/$1.err' ] && qpdf --check '$fn/$1.pdf' >/dev/null 2>&1 &&
		   [ \"\$(pdffonts '$fn/$1.pdf' | tail -n +3 | awk '{ print \$1 }' |
		       sed 's/^[A-Z]\\{6\\}+//' | sort -u | grep -v LiberationMono)\" = '$5' ]"
	# the name table read under the sanitizers: the same bytes
	if [ -x "$BP_ASAN" ]; then
		(cd "$fn" && XDG_CACHE_HOME=$fn/cache "$BP_ASAN" build \
		    -o "$1-asan.pdf" four.md) 2>"$fn/$1-asan.err"
		check "font names: $1: the sanitizer build writes the same bytes" \
		    sh -c "[ ! -s '$fn/$1-asan.err' ] && cmp -s '$fn/$1.pdf' '$fn/$1-asan.pdf'"
	fi
}
odd_name win LiberationSans-Regular.ttf 'WindowsSans-PS' LiberationSans \
    WindowsSans-PS
odd_name mac-only LiberationSans-Regular.ttf 'Libe tion(Sŵns' MacintoshSans1 \
    MacintoshSans1
# (the subset keeps only the Windows records, so fc-scan reads mac-only's
# name from the copy of the file, not from the program)
check "font names: win and mac-only: the name fc-scan reads from the file" \
    sh -c "[ \"\$(fc-scan --format '%{postscriptname}' '$fn/win.ttf')\" = WindowsSans-PS ] &&
	   [ \"\$(fc-scan --format '%{postscriptname}' '$fn/mac-only.ttf')\" = MacintoshSans1 ] &&
	   python3 '$TOP/tests/pdf/subset_tags.py' '$fn/win.pdf'"
odd_name neither LiberationSans-Regular.ttf '              ' 'Mac/Name[Sans]' \
    MacNameSans
odd_name blank LiberationSans-Bold.ttf "$(printf '%19s' '')" \
    "$(printf '%19s' '')" Font

# No font: a clear error, exit 1, no output file.
printf '<?xml version="1.0"?>\n<fontconfig></fontconfig>\n' >"$TMPDIR/empty.conf"
(cd "$SHARED/corpus" && FONTCONFIG_FILE="$TMPDIR/empty.conf" "$BP" build \
    -o "$TMPDIR/nofont.pdf" update-paper-b.md) 2>"$TMPDIR/nofont.err"
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$TMPDIR/nofont.pdf" ] &&
    grep -q 'fonts-liberation2' "$TMPDIR/nofont.err"; then
	ok "missing font: clear error, no output"
else
	not_ok "missing font: clear error, no output (exit $rc)"
	head -n 5 "$TMPDIR/nofont.err"
fi

# The font answers kept on disk: written, reused with identical output,
# ignored when stale or tampered with, harmless when there is no folder.
fc_build() { # CACHE-HOME OUT
	(cd "$SHARED/corpus" && XDG_CACHE_HOME="$1" "$BP" build \
	    -o "$2" update-paper-b.md) 2>>"$TMPDIR/fc.err"
}
fc=$TMPDIR/fc-cache
cache=$fc/boardpaper/fonts-v2
fc_build "$fc" "$TMPDIR/fc1.pdf"
check "font cache: written on first use" grep -q 'LiberationSans-Regular' "$cache"
fc_build "$fc" "$TMPDIR/fc2.pdf"
check "font cache: a cached run gives the same bytes" cmp -s "$TMPDIR/fc1.pdf" "$TMPDIR/fc2.pdf"
head -n 1 "$cache" >"$cache.new"
printf 'Liberation Sans\t0\t0\t%s\t1\t1\n' "$TMPDIR/no-such-font.ttf" >>"$cache.new"
printf 'Liberation Sans\t1\t0\t/etc/hostname\t1\t1\n' >>"$cache.new"
mv "$cache.new" "$cache"
fc_build "$fc" "$TMPDIR/fc3.pdf"
check "font cache: stale and tampered entries are ignored" cmp -s "$TMPDIR/fc1.pdf" "$TMPDIR/fc3.pdf"
check "font cache: rewritten with real files" grep -q 'LiberationSans-Bold' "$cache"
: >"$TMPDIR/not-a-folder"
fc_build "$TMPDIR/not-a-folder" "$TMPDIR/fc4.pdf"
check "font cache: an unusable cache folder is harmless" cmp -s "$TMPDIR/fc1.pdf" "$TMPDIR/fc4.pdf"
# another version's cache (format 1, in fonts-v1) beside this one's: each
# keeps its file; neither is rewritten by the other's runs
printf 'boardpaper fonts 1\t\t\t\nLiberation Sans\t0\t0\t/old/format\t1\t1\n' >"$fc/boardpaper/fonts-v1"
cp "$fc/boardpaper/fonts-v1" "$TMPDIR/fc-v1.want"
cp "$cache" "$TMPDIR/fc-v2.before"
touch -d '2001-01-01' "$cache"
fc_build "$fc" "$TMPDIR/fc5.pdf"
check "font cache: another format's file (fonts-v1) is left untouched" \
    cmp -s "$TMPDIR/fc-v1.want" "$fc/boardpaper/fonts-v1"
check "font cache: this format's file is used, not rewritten" sh -c \
    "cmp -s '$TMPDIR/fc-v2.before' '$cache' && test \"\$(stat -c %Y '$cache')\" = \"\$(date -d 2001-01-01 +%s)\""
check "font cache: the same bytes beside another format's file" cmp -s "$TMPDIR/fc1.pdf" "$TMPDIR/fc5.pdf"
check "font cache: nothing on standard error" test ! -s "$TMPDIR/fc.err"

# Answers for more than eight faces (the cache held eight, and dropped the
# rest): after papers of three families in turn (the default's, DejaVu Sans,
# Liberation Serif), the third's re-run asks fontconfig nothing (opens none
# of its configuration files) and gives the same bytes.
fc3=$TMPDIR/fc3-cache
printf 'root: true\n' >"$TMPDIR/fc-default.yaml"
printf 'root: true\nfont: DejaVu Sans\n' >"$TMPDIR/fc-dejavu.yaml"
printf 'root: true\nfont: Liberation Serif\n' >"$TMPDIR/fc-serif.yaml"
fc_style_build() { # CACHE-HOME STYLE OUT [strace options]
	home=$1 style=$2 out=$3
	shift 3
	(cd "$SHARED/corpus" && XDG_CACHE_HOME="$home" "$@" "$BP" build \
	    --style "$TMPDIR/fc-$style.yaml" -o "$out" update-paper-b.md)
}
# fc_config_opens TRACE: the fontconfig configuration files opened
# (/etc/fonts/fonts.conf, conf.d and the conf.avail files it links to)
fc_config_opens() {
	grep -c -E '"(/etc/fonts/|[^"]*/fontconfig/conf\.avail/)' "$1"
}
for s in default dejavu serif; do
	fc_style_build "$fc3" "$s" "$TMPDIR/fc3-$s.pdf" 2>>"$TMPDIR/fc3.err"
done
fc_style_build "$fc3" serif "$TMPDIR/fc3-again.pdf" \
    strace -f -qq -o "$TMPDIR/fc3.trace" -e trace=open,openat 2>>"$TMPDIR/fc3.err"
check "font cache: after three families in turn, the third's re-run asks fontconfig nothing (opened $(fc_config_opens "$TMPDIR/fc3.trace") of its files)" \
    test "$(fc_config_opens "$TMPDIR/fc3.trace")" -eq 0
check "font cache: the third family's re-run gives the same bytes" \
    cmp -s "$TMPDIR/fc3-serif.pdf" "$TMPDIR/fc3-again.pdf"
check "font cache: three families, nothing on standard error" \
    test ! -s "$TMPDIR/fc3.err"

# Bounded: a cache of 100 faces (made-up families naming a real file) is
# rewritten with 64, those the run used first, then the disk's in order.
fcb=$TMPDIR/fcb-cache
mkdir -p "$fcb/boardpaper"
{
	head -n 1 "$fc3/boardpaper/fonts-v2"
	awk -F '\t' -v OFS='\t' 'NR == 2 {
		for (i = 1; i <= 100; i++) print "Made Up " i, 0, 0, $4, $5, $6
	}' "$fc3/boardpaper/fonts-v2"
} >"$fcb/boardpaper/fonts-v2"
fc_style_build "$fcb" serif "$TMPDIR/fcb.pdf" 2>/dev/null
check "font cache: 100 faces on disk are cut to the 64 most recently used, this run's first" \
    sh -c "[ \$(wc -l <'$fcb/boardpaper/fonts-v2') -eq 65 ] &&
        [ \"\$(sed -n '2,5s/\t.*//p' '$fcb/boardpaper/fonts-v2' | sort -u)\" = 'Liberation Serif' ] &&
        [ \"\$(sed -n '6p;65p' '$fcb/boardpaper/fonts-v2' | cut -f 1 | tr '\n' ,)\" = 'Made Up 1,Made Up 60,' ]"
# one over its size bound (about 280 KB: 65 lines of a 4 KB path and a
# family) is not read at all, though its first lines are good
{ cat "$fc3/boardpaper/fonts-v2"; awk 'BEGIN {
	for (i = 0; i < 5000; i++) printf "Junk %d\t0\t0\t/nowhere/%0100d\t1\t1\n", i, i
}'; } >"$fcb/boardpaper/fonts-v2"
fc_style_build "$fcb" serif "$TMPDIR/fcb2.pdf" \
    strace -f -qq -o "$TMPDIR/fcb.trace" -e trace=open,openat 2>/dev/null
check "font cache: a cache file over its size bound is not read, and replaced by one within it" \
    sh -c "[ $(fc_config_opens "$TMPDIR/fcb.trace") -gt 0 ] &&
        [ \$(wc -c <'$fcb/boardpaper/fonts-v2') -lt 20000 ] &&
        cmp -s '$TMPDIR/fc3-serif.pdf' '$TMPDIR/fcb2.pdf'"

# Two runs writing at once both keep their answers (each replaced the file
# with what it had read and found; the last one's won): the Serif run is
# held (strace delays its opening fontconfig's configuration, after it read
# the cache) while a DejaVu Sans run writes its answers.
fcw=$TMPDIR/fcw-cache
fc_style_build "$fcw" serif "$TMPDIR/fcw-serif.pdf" strace -qq -o /dev/null \
    -P /etc/fonts/fonts.conf -e trace=openat \
    -e inject=openat:delay_exit=1500000 2>/dev/null &
sleep 0.3
fc_style_build "$fcw" dejavu "$TMPDIR/fcw-dejavu.pdf" 2>/dev/null
wait
check "font cache: two runs writing it at once both keep their answers" \
    sh -c "[ \$(grep -c '^Liberation Serif' '$fcw/boardpaper/fonts-v2') -eq 4 ] &&
        [ \$(grep -c '^DejaVu Sans' '$fcw/boardpaper/fonts-v2') -eq 4 ]"

# -j 2: the faces any paper may draw in are found by the parent before
# the workers fork, as a house style's are.  With the text faces' answers
# on disk but not Liberation Mono's (papers with no code so far), each
# worker loaded fontconfig's configuration to find it for its first code
# span; now the parent alone loads it, once, and the workers open none of
# it, with the same bytes as -j 1.
fcj=$TMPDIR/fcj
mkdir -p "$fcj/j1" "$fcj/j2"
for i in 1 2 3 4; do
	{ cat "$SHARED/corpus/update-paper-b.md"; echo
	  echo "Run \`make check-$i\` first."; } >"$fcj/code$i.md"
done
(cd "$SHARED/corpus" && XDG_CACHE_HOME="$fcj/cache" "$BP" build \
    -o "$fcj/" update-paper-b.md) 2>>"$fcj/err"
(cd "$fcj" && env XDG_CACHE_HOME="$fcj/cache" SOURCE_DATE_EPOCH=$EPOCH \
    strace -f -qq -o "$fcj/trace" -e trace=open,openat "$BP" build -j 2 \
    -o j2/ code1.md code2.md code3.md code4.md) 2>>"$fcj/err"
(cd "$fcj" && env XDG_CACHE_HOME="$fcj/cache" SOURCE_DATE_EPOCH=$EPOCH \
    "$BP" build -o j1/ code1.md code2.md code3.md code4.md) 2>>"$fcj/err"
fcj_parent=$(awk 'NR == 1 { print $1 }' "$fcj/trace")
fcj_pids=$(grep -E '"(/etc/fonts/|[^"]*/fontconfig/conf\.avail/)' \
    "$fcj/trace" | awk '{ print $1 }' | sort -u | tr '\n' ' ')
check "-j 2: Liberation Mono not on disk: fontconfig's configuration is loaded by the parent alone (by: $fcj_pids)" \
    test "$fcj_pids" = "$fcj_parent "
check "-j 2: the papers with code are the bytes of -j 1, quietly" \
    sh -c "cd '$fcj' && for i in 1 2 3 4; do cmp -s j1/code\$i.pdf j2/code\$i.pdf || exit 1; done && [ ! -s err ]"

# Strings past libharu's 65535-byte limit (HPDF_LIMIT_MAX_STRING_LEN),
# which failed the whole PDF ("libharu error 0x1025"): a heading of 9000
# words (80 KB) is printed whole and its bookmark cut short with an
# ellipsis; so are a title as long (the document information's /Title)
# and a link's title as long (its annotation's /Contents).
words9000=$(seq 1 9000 | sed 's/^/word/' | tr '\n' ' ')
long_paper() { # TITLE HEADING LINK-TITLE
	printf -- '---\ntitle: %s\npurpose: P\nsummary: S\nrecommendation: R\naction: A\ncontact:\n  name: N\n---\n\n# %s\n\nSee [the list](https://example.org/ "%s").\n' "$1" "$2" "$3"
}
long_paper T "$words9000" L >"$TMPDIR/long-heading.md"
long_paper "T $words9000" H L >"$TMPDIR/long-title.md"
long_paper T H "$words9000" >"$TMPDIR/long-link.md"
for lp in long-heading long-title long-link; do
	for bin in $(binaries); do
		rm -f "$TMPDIR/$lp.pdf"
		"$bin" build -o "$TMPDIR/$lp.pdf" "$TMPDIR/$lp.md" 2>"$TMPDIR/$lp.err"
		rc=$?
		check "$(label "$bin") $lp (80 KB): builds to PDF, quietly" sh -c \
		    "[ $rc -eq 0 ] && [ ! -s '$TMPDIR/$lp.err' ] && qpdf --check '$TMPDIR/$lp.pdf' >/dev/null"
	done
done
n=$(pdftotext "$TMPDIR/long-heading.pdf" - 2>/dev/null | grep -o 'word[0-9]*' | sort -u | wc -l)
check "long-heading: the heading's 9000 words are all printed (got $n)" test "$n" -eq 9000
check "long-heading: its bookmark is the heading cut short with an ellipsis" python3 -c '
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json", "--json-key=outlines", sys.argv[1]],
    capture_output=True, text=True).stdout)
t, whole = j["outlines"][0]["title"], sys.argv[2].strip()
sys.exit(not (t.endswith("\u2026") and len(t) > 30000 and whole.startswith(t[:-1])))
' "$TMPDIR/long-heading.pdf" "$words9000"
check "long-title: /Title is the title cut short with an ellipsis" sh -c \
    "pdfinfo '$TMPDIR/long-title.pdf' | grep -q '^Title: *T word1 word2 .*…\$'"
check "long-link: /Contents is the link's title cut short with an ellipsis" sh -c \
    "qpdf --json '$TMPDIR/long-link.pdf' | grep -q '\"/Contents\": \"u:word1 word2 .*…\"'"
# an address cannot be cut: one past the limit is an error naming it
long_paper T H L | sed "s|https://example.org/|https://example.org/$(printf '%070000d' 0)|" \
    >"$TMPDIR/long-url.md"
for bin in $(binaries); do
	rm -f "$TMPDIR/long-url.pdf"
	(cd "$TMPDIR" && "$bin" build -o long-url.pdf long-url.md) 2>"$TMPDIR/long-url.err"
	rc=$?
	check "$(label "$bin") long-url: a 70 KB address is an error naming the limit, no PDF" sh -c \
	    "[ $rc -eq 1 ] && [ ! -e '$TMPDIR/long-url.pdf' ] &&
	     [ \"\$(cat '$TMPDIR/long-url.err')\" = 'long-url.md:13:5: error: the link'\\''s address is 70020 bytes long as written in a PDF: over libharu'\\''s limit of 65535 bytes' ]"
done

# Missing-glyph warnings: one per source line and font, listing its
# characters, at the column of the first; in code they name the line the
# character is on, in an indented block and in a fenced one alike.
printf -- '---\ntitle: T\npurpose: P\nsummary: S\nrecommendation: R\naction: A\ncontact:\n  name: N\n---\n\nPara 漢 and 😀, 漢 again\non a second line 中.\n\n    indented \346\274\242\n\n```\nfenced\n\346\274\242 here\n```\n' >"$TMPDIR/code.md"
(cd "$TMPDIR" && "$BP" build -o code.pdf code.md) 2>"$TMPDIR/code.err"
printf '%s\n' \
    'code.md:11:6: warning: characters U+6F22 漢, U+1F600 😀 are not in the font Liberation Sans and cannot be printed' \
    'code.md:12:18: warning: character U+4E2D 中 is not in the font Liberation Sans and cannot be printed' \
    'code.md:14:14: warning: character U+6F22 漢 is not in the font Liberation Mono and cannot be printed' \
    'code.md:18:1: warning: character U+6F22 漢 is not in the font Liberation Mono and cannot be printed' \
    >"$TMPDIR/code.want"
check "glyph warnings: one per line, listing the characters, real columns" cmp -s \
    "$TMPDIR/code.want" "$TMPDIR/code.err"

# --- every word as written (issue 8) ---------------------------------
# inside_margins PDF: no word past the right margin, none below the body
# but the footer's "Page N of M" and an exempt paper's marking and reason,
# which repeat the header's words (default house style: 25 mm sides, the
# body ending 62 pt above the foot at the lowest).
inside_margins() {
	pdftotext -bbox "$1" - | awk -v right=525.41 '
	/<page / { page++ }
	/<word / {
		match($0, /xMax="[0-9.]+"/); xmax = substr($0, RSTART + 6, RLENGTH - 7) + 0
		match($0, /yMax="[0-9.]+"/); ymax = substr($0, RSTART + 6, RLENGTH - 7) + 0
		w = $0; sub(/.*">/, "", w); sub(/<.*/, "", w)
		if (xmax > right) { print "  page " page ": \"" w "\" ends at x " xmax; bad = 1 }
		if (ymax < 100)
			head[page, w] = 1
		if (ymax > 841.89 - 62 + 1 && w !~ /^(Page|of|[0-9]+)$/ &&
		    !((page, w) in head)) {
			print "  page " page ": \"" w "\" below the body (y " ymax ")"; bad = 1
		}
	}
	END { exit bad }'
}
fid=$TMPDIR/fidelity
mkdir -p "$fid"
for fp in strike-amendment nfd-welsh table-wide-numbers table-tall-row \
    footnotes footnotes-pages subpara-tab soft-hyphen url-break url-places \
    rtl-script footnote-carried-tall-image combining-marks quote-blocks; do
	src=$TOP/tests/txt/$fp.md
	[ -f "$src" ] || { not_ok "$fp: test paper missing"; continue; }
	(cd "$TOP/tests/txt" && "$BP" build -o "$fid/$fp.pdf" "$fp.md") \
	    2>"$fid/$fp.err" || { not_ok "$fp: PDF build"; continue; }
	(cd "$TOP/tests/txt" && "$BP" build --dump-layout -o - "$fp.md") \
	    >"$fid/$fp.layout" 2>/dev/null
	golden "$fp: layout dump" "tests/golden/$fp.layout" "$fid/$fp.layout"
	check "$fp: qpdf --check clean" qpdf_clean "$fid/$fp.pdf"
	check "$fp: no stranded heading, widow or orphan" breaks_ok \
	    "$fid/$fp.layout"
done
for pdf in "$fid"/*.pdf "$TMPDIR"/*.pdf; do
	case "$pdf" in *.again|*nofont*|*fc[0-9]*) continue ;; esac
	[ -f "$pdf" ] || continue
	check "$(basename "$pdf"): all text inside the margins" inside_margins "$pdf"
done
check "nfd-welsh: pdftotext shows the composed Gŵyr" sh -c \
    "pdftotext '$fid/nfd-welsh.pdf' - | grep -q 'Cyngor Gŵyr' &&
    pdftotext '$fid/nfd-welsh.pdf' - | grep -q 'The Gŵyr peninsula'"
# libharu's ShowText draws nothing of a string whose width is 0, and a
# combining mark alone has none: the marks were missing from page and text
check "combining-marks: every mark without a composed form is in pdftotext" sh -c \
    "pdftotext '$fid/combining-marks.pdf' - | tr -d ' ' >'$fid/marks.txt' &&
    grep -q 'e̊,thetildeinq̃,themarkinZ͑,' '$fid/marks.txt' &&
    grep -q 'bolde̊q̃anditalice̊q̃' '$fid/marks.txt'"
# ... and pdftotext reads no space after one: a moved mark has no
# advance, so the letter after it stood a gap away ("e̊ ,"); the mark and
# the rest of its word are a span of their /ActualText
check "combining-marks: pdftotext puts no space after a mark (e̊, not e̊ ,)" sh -c \
    "pdftotext '$fid/combining-marks.pdf' - | grep -q -x 'The ring in e̊, the tilde in q̃, the mark in Z͑, in bold e̊ q̃ and italic e̊ q̃\.'"
# ... and each is moved back over its base (drawn at the pen, a mark
# stands past the base's right edge): moved left and back in one TJ
check "combining-marks: each mark is drawn moved back over its base" sh -c \
    "qpdf --qdf --object-streams=disable '$fid/combining-marks.pdf' '$fid/marks.qdf' &&
    [ \$(grep -a -c -E '^\\[[0-9.]+ <(030a|0303|0351)> -[0-9.]+\\] TJ' '$fid/marks.qdf') -ge 9 ]"
# A quote's bar runs unbroken beside all its blocks, through the space
# between two paragraphs (it stopped at each paragraph's last line), and
# starts at the first line on a page, not above it; a quote inside starts
# a bar of its own, and a quote in a footnote is drawn the same.
# quote-blocks.md has one quote at each bar's place on each page, so each
# place's vertical strokes there make one run: every stroke starts where
# the one above it ended.
bars_unbroken() {
	qpdf --qdf --object-streams=disable "$1" "$1.qdf" || return 1
	awk '/^%% Contents for page [0-9]+$/ { page = $5 }
	    $3 == "m" { mx = $1; my = $2; next }
	    $3 == "l" && $1 == mx && $2 != my && page != "" {
		print page, $1, ($2 > my ? $2 : my), ($2 > my ? my : $2) }
	    { mx = "" }' "$1.qdf" | sort -k1,1n -k2,2n -k3,3nr >"$1.bars"
	awk '$1 == p && $2 == x && b - $3 > 0.01 {
		print "gap on page " $1 " at x " $2 ": " b " to " $3; bad = 1 }
	    { p = $1; x = $2; b = $4; n++ }
	    END { exit bad || n < 20 }' "$1.bars"
}
check "quote-blocks: each quote bar runs unbroken from block to block" \
    bars_unbroken "$fid/quote-blocks.pdf"
check "quote-blocks: the bar starts at the body's top on page 2, the inner one at its own quote" awk '
    $1 == 2 && $2 == 109.87 && !top2 { top2 = $3 }
    $1 == 1 && $2 == 127.87 { inner++; itop = $3; ibot = $4 }
    END { exit !(top2 == 796.89001 && inner == 1 && itop - ibot > 14.99 &&
        itop - ibot < 15.01) }' \
    "$fid/quote-blocks.pdf.bars"
check "strike-amendment: a strike line through £255 in the dump" sh -c \
    "grep -q 'P:p1 1/1 The fee rises from £255 £279' '$fid/strike-amendment.layout' &&
    [ \$(grep -c ' strike ' '$fid/strike-amendment.layout') -ge 4 ]"
check "table-tall-row: the tall row starts on page 1 and ends on a later page above the footer" awk '
    / TD:/ && /Sentence 1 of/ { first = $1 }
    / TD:/ && /Sentence 90 of/ { last = $1; y = $3 }
    END { exit !(first == 1 && last > 1 && y > 62) }' "$fid/table-tall-row.layout"
check "table-tall-row: the header row is repeated on every page of the table" sh -c \
    "[ \$(grep -c ' TH:.* Item\$' '$fid/table-tall-row.layout') -ge 3 ]"
check "table-tall-row: no warning" test ! -s "$fid/table-tall-row.err"

# Drawing gives the memory of what it has drawn back page by page
# (pdf_release.c), but for what a later page draws again: a table over
# several pages after two pages of paragraphs, its header row on each
# (drawn again from its first page's items and fragments), a tall row
# of 4000 numbered words beside another cell, a footnote, paragraphs
# either side.  The PDF prints every word once, in order, and the
# header on every page the table is on.
gb=$TMPDIR/given-back
{
	printf '%s\n' --- 'title: Given back' 'purpose: P.' 'summary: S.' \
	    'recommendation: R.' 'action: A.' 'contact:' '  name: N' --- ''
	# two pages first, so that the header row's items are well inside
	# the memory given back after the first page
	awk 'BEGIN { for (p = 0; p < 40; p++) { for (i = 0; i < 30; i++)
	    printf "para%d ", p; print "\n" } }'
	printf '%s\n' 'Before the table.' '' '| Col A | Col B |' \
	    '| --- | --- |' '| Short[^1] | Fine. |'
	awk 'BEGIN { printf "| "; for (i = 1; i <= 4000; i++) printf "w%d ", i
	    print "| Side cell. |" }'
	printf '%s\n' '| After | The row after. |' '' 'After the table.' '' \
	    '[^1]: The note.'
} >"$gb.md"
# given_back_ok BIN: its PDF of the paper is right
given_back_ok() {
	rm -f "$gb.pdf"
	"$1" build -o "$gb.pdf" "$gb.md" 2>"$gb.err" && [ ! -s "$gb.err" ] ||
	    { echo "  exit $?"; head -n 3 "$gb.err"; return 1; }
	pages=$(pdfinfo "$gb.pdf" | sed -n 's/^Pages: *//p')
	[ "${pages:-0}" -ge 5 ] || { echo "  $pages pages"; return 1; }
	pdftotext "$gb.pdf" - | tr -s ' \n' '\n\n' | awk '
	    /^w[0-9]+$/ { n++; if ($0 != "w" n) { print "  word " n ": " $0; exit 1 } }
	    END { if (n != 4000) { print "  " n " words"; exit 1 } }' || return 1
	p=1
	while [ "$p" -le "$pages" ]; do
		t=$(pdftotext -f "$p" -l "$p" "$gb.pdf" -)
		if echo "$t" | grep -q '^w[0-9]* \|^w[0-9]*$' &&
		    ! echo "$t" | grep -q 'Col A'; then
			echo "  page $p: words of the table without its header"
			return 1
		fi
		p=$((p + 1))
	done
	for w in 'Before the table.' 'After the table.' 'The note.' 'Side cell.'; do
		pdftotext "$gb.pdf" - | grep -q "$w" || { echo "  no '$w'"; return 1; }
	done
}
for bin in $(binaries); do
	check "$(label "$bin") given back: every word of a table over pages once, in order, under its header on every page" \
	    given_back_ok "$bin"
done
check "table-wide-numbers: every number whole on one line of its cell" awk '
    / TD:/ { n++; if ($NF !~ /^([0-9]+,[0-9][0-9][0-9]|[A-Za-z]+)$/ &&
        $0 !~ /(Premises|running|costs|and)/) bad = 1 }
    END { exit bad || n < 30 }' "$fid/table-wide-numbers.layout"
check "table-wide-numbers: no warning" test ! -s "$fid/table-wide-numbers.err"

# Footnotes at the foot of the page their reference is on (SPEC 1, 3).
# footnotes-pages.md: nine notes over four pages, each referenced after a
# word of its own ("Kestrel1") and starting with it ("Kestrel note.").
fnp=$fid/footnotes-pages
fn_words="Kestrel Heron Osprey Curlew Lapwing Plover Dunlin Tern Avocet"
fnpages=$(pdfinfo "$fnp.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
# note_on_its_page N WORD: the note's opening words are in the PDF once,
# and on the page whose text holds WORD followed by the raised N, below
# that line and above the footer "Page P of M"
note_on_its_page() {
	pdftotext "$fnp.pdf" "$fnp.txt"
	[ "$(grep -c "$2 note\." "$fnp.txt")" -eq 1 ] ||
	    { echo "  \"$2 note.\" not once"; return 1; }
	pg=1
	while [ "$pg" -le "${fnpages:-0}" ]; do
		pdftotext -layout -f "$pg" -l "$pg" "$fnp.pdf" "$fnp.p$pg.txt"
		if grep -q "$2$1\( \|\$\)" "$fnp.p$pg.txt"; then
			awk -v ref="$2$1" -v note="$2 note." -v foot="Page $pg of $fnpages" '
			    index($0, ref) && !r { r = NR }
			    index($0, note) && !n { n = NR }
			    index($0, foot) { f = NR }
			    END { if (!(r && n > r && f > n)) {
				print "  page: reference line " r ", note " n ", footer " f; exit 1 } }' \
			    "$fnp.p$pg.txt"
			return
		fi
		pg=$((pg + 1))
	done
	echo "  no page holds $2$1"
	return 1
}
check "footnotes-pages: four pages" test "$fnpages" = 4
n=0
for w in $fn_words; do
	n=$((n + 1))
	check "footnotes-pages: note $n ($w) at the foot of its reference's page" \
	    note_on_its_page $n $w
done
# feet_text LAYOUT: the text of every page's foot (below its rule), in
# page order, top to bottom, as words
feet_text() {
	awk 'NR == FNR { if ($4 == "rule") rule[$1] = $3; next }
	    $1 in rule && $3 < rule[$1] && $6 !~ /^Artifact:/ {
		pg = $1; y = -$3
		for (i = 0; i < 7; i++) sub(/^[^ ]+ /, "") # mawk: no {7}
		print pg, y, FNR, $0 }' \
	    "$1" "$1" |
	    sort -k1,1n -k2,2n -k3,3n | cut -d' ' -f4- | tr -s ' ' '\n'
}
# notes_text MD: each note's number and words, in number order (the
# order of the words above)
notes_text() {
	n=0
	for w in $fn_words; do
		n=$((n + 1))
		echo $n
		sed -n "s/^\[^$(echo "$w" | tr 'A-Z' 'a-z')\]: //p" "$1"
	done | tr -s ' ' '\n'
}
feet_text "$fnp.layout" >"$fnp.feet"
notes_text "$TOP/tests/txt/footnotes-pages.md" >"$fnp.notes"
check "footnotes-pages: the feet hold every word of every note once, in order" \
    cmp -s "$fnp.notes" "$fnp.feet"
# no overlap: on every page with notes, the body's lowest line (its
# descent, 0.212 of the size) clears the rule, and the notes' lowest line
# stays in the body area (62 pt up), above the footer (baseline 34 pt)
check "footnotes-pages: body, notes and footer never overlap" awk '
    NR == FNR { if ($4 == "rule") rule[$1] = $3; next }
    !($1 in rule) || $6 ~ /^Artifact:/ || $4 == "rule" { next }
    $3 >= rule[$1] && $3 - 0.212 * $5 < rule[$1] { print "  body line over the rule: " $0; bad = 1 }
    $3 < rule[$1] && $3 - 0.212 * $5 < 62 { print "  note line below the body area: " $0; bad = 1 }
    END { for (p in rule) n++; exit bad || n != 4 }' "$fnp.layout" "$fnp.layout"
# the Osprey note does not fit under its reference at the foot of page
# 1: the reference's line goes to page 2, with its paragraph's last line
check "footnotes-pages: a note that cannot fit moves its reference line on" awk '
    / P:p4 1\// { first = $1 }
    / P:p4 / && /Osprey3/ { ref = $1 }
    / Sans 10 P:- / && /^[0-9]+ [0-9.]+ [0-9.]+ Sans 10 P:- 1\/[0-9]+ Osprey note/ { note = $1 }
    END { exit !(first == 1 && ref == 2 && note == 2) }' "$fnp.layout"
# the Tern note is too long for the foot of its reference's page: it
# starts there and ends at the foot of the next, before that page's note
check "footnotes-pages: a long note continues at the next page's foot" awk '
    / P:p13 / && /Tern8/ { ref = $1 }
    / Sans 10 P:- 1\/[0-9]+ Tern note\./ { start = $1 }
    /Here the Tern note ends\./ { end = $1; endy = $3 }
    / Sans 10 P:- 1\/1 Avocet note\./ { av = $1; avy = $3 }
    END { exit !(ref == 3 && start == 3 && end == 4 && av == 4 && endy > avy) }' \
    "$fnp.layout"

# footnote-carried-tall-image.md: a 1500-word note ("w1" .. "w1500")
# carried onto a page whose first box is an image 500 points tall; the
# notes carried there must not lie under the image, and none may be lost
fct=$fid/footnote-carried-tall-image
# notes_clear_body LAYOUT: on every page with notes, each body line (its
# descent, 0.212 of the size) and each image (its lowest point) clears
# the rule, and the notes stay above the body area's foot (62 pt); the
# image is on a page with notes
notes_clear_body() {
	awk 'NR == FNR { if ($4 == "rule") rule[$1] = $3; next }
	    $4 == "image" { img++; if ($1 in rule) shared = 1 }
	    !($1 in rule) || $6 ~ /^Artifact:/ { next }
	    $4 == "image" && $3 < rule[$1] { print "  image over the rule: " $0; bad = 1 }
	    $4 != "image" && $3 >= rule[$1] && $3 - 0.212 * $5 < rule[$1] {
		print "  body line over the rule: " $0; bad = 1 }
	    $4 != "image" && $3 < rule[$1] && $3 - 0.212 * $5 < 62 {
		print "  note line below the body area: " $0; bad = 1 }
	    END { if (img != 1 || !shared) { print "  " img " images, on a page with notes: " shared; bad = 1 }
		exit bad }' "$1" "$1"
}
check "footnote-carried-tall-image: no body line or image overlaps the notes" \
    notes_clear_body "$fct.layout"
feet_text "$fct.layout" >"$fct.feet"
{ echo 1; i=1; while [ $i -le 1500 ]; do echo "w$i"; i=$((i + 1)); done; } \
    >"$fct.notes"
check "footnote-carried-tall-image: the feet hold every word of the note once, in order" \
    cmp -s "$fct.notes" "$fct.feet"
check "footnote-carried-tall-image: no warning" test ! -s "$fct.err"

(cd "$TOP/tests/txt" && "$BP" build -o "$fid/titles.pdf" text-links-quotes.md) 2>/dev/null
check "a link's title is its annotation's /Contents" sh -c \
    "qpdf --json '$fid/titles.pdf' | grep -q '\"/Contents\": \"u:Annual review\"'"
check "rtl-script: right-to-left text is a warning naming its line" grep -q \
    '^rtl-script.md:11:17: warning: right-to-left text cannot be ordered in PDF output' \
    "$fid/rtl-script.err"
