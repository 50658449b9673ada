# Agenda packs (`boardpaper pack`): the text and JSON packs against golden
# files; the PDF pack by its properties (pdftotext per page, "Page N of M"
# continuous, the agenda's page ranges equal to where each paper's pages
# are, page labels and bookmarks from qpdf --json, qpdf --check); the
# no-leak rule for exempt papers; --include-exempt, --duplex, --deps; bad
# papers failing the pack with all their diagnostics and writing nothing.
# The normal and the sanitizer builds run every case.
. tests/lib.sh

MEETING=$TOP/examples/meeting
# sentences of the confidential paper (examples/meeting/cctv-contract.md)
# that no public pack may hold anywhere
SECRETS='Tenderer B submitted the most economically advantageous
214,000
Four tenders were received
awards the contract to Tenderer B
notify the tenderers and observe the standstill
recommends the award of the five-year contract
control-room staff
tomasz.nowak@example.gov.uk
Contracts Manager, Community Safety
Tender evaluation'

# pack BIN ARGS...: in a copy of the example meeting, so outputs never
# land in the source tree; stderr to $ERR.
pack() {
	bin=$1
	shift
	(cd "$W" && "$bin" pack "$@") 2>"$ERR"
}

fresh() {
	W=$TMPDIR/$l/$1
	rm -rf "$W"
	mkdir -p "$W"
	cp "$MEETING"/*.md "$MEETING"/meeting.yaml "$W"/
	ERR=$W/stderr
}

# page_of PDF N: the text of page N
page_of() { pdftotext -f "$2" -l "$2" -layout "$1" - 2>/dev/null; }

# The agenda's ranges match where each paper is: its title on its first
# page, every page of the range headed with its item, the page after it
# not.  Prints what is wrong; silent when all is well.
check_ranges() {
	pdf=$1
	n=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
	page_of "$pdf" 1 | grep -E '^ *[0-9a-z]+ .*Pages? [0-9]+( – [0-9]+)? *$' |
	while read -r item rest; do
		first=$(echo "$rest" | sed -E 's/.*Pages? ([0-9]+).*/\1/')
		last=$(echo "$rest" | sed -nE 's/.*Pages [0-9]+ – ([0-9]+).*/\1/p')
		[ -n "$last" ] || last=$first
		title=$(echo "$rest" | sed -E 's/ *Pages? [0-9].*//' | cut -c1-25)
		page_of "$pdf" "$first" | grep -qF "$title" ||
		    echo "item $item: '$title' not on page $first"
		p=$first
		while [ "$p" -le "$last" ]; do
			page_of "$pdf" "$p" | head -n 3 | grep -qE "Item $item\$" ||
			    echo "item $item: page $p not headed Item $item"
			p=$((p + 1))
		done
		if [ "$last" -lt "$n" ] && page_of "$pdf" $((last + 1)) |
		    head -n 3 | grep -qE "Item $item\$"; then
			echo "item $item: page $((last + 1)) still item $item"
		fi
	done
}

# Every page says "Page N of M" with its own N and the pack's M.
check_page_numbers() {
	n=$(pdfinfo "$1" | sed -n 's/^Pages: *//p')
	p=1
	while [ "$p" -le "$n" ]; do
		page_of "$1" "$p" | grep -q "Page $p of $n" ||
		    echo "page $p lacks 'Page $p of $n'"
		p=$((p + 1))
	done
}

# The outline as "DEPTH PAGE TITLE" lines, and the page labels.
outline() {
	qpdf --json "$1" | python3 -c '
import json, sys
j = json.load(sys.stdin)
def walk(items, depth):
    for o in items:
        print(depth, o.get("destpageposfrom1"), o["title"])
        walk(o["kids"], depth + 1)
walk(j["outlines"], 1)'
}
labels() {
	qpdf --json "$1" | python3 -c '
import json, sys
j = json.load(sys.stdin)
print(" ".join("%d:%s:%s" % (l["index"], l["label"].get("/S"),
    l["label"].get("/St")) for l in j["pagelabels"]))'
}

# Everything a PDF says: its text, its metadata, and its objects
# uncompressed (bookmark titles, link targets, XMP).
pdf_everything() {
	pdftotext "$1" - 2>/dev/null
	pdfinfo "$1" 2>/dev/null
	qpdf --qdf --object-streams=disable "$1" - 2>/dev/null | strings
	outline "$1"
}

leaks() {
	echo "$SECRETS" | while read -r s; do
		grep -qF "$s" "$1" && echo "$s"
	done
}

# Papers of quotes 30 deep, each under the PDF page limit (2500) alone:
# a and b about 1430 pages each, c 1144; a and b together pass it by so
# much that the height laid out says so (layout stops there), a and c
# only once paginated.
PAGES=$TMPDIR/pages-src
mkdir -p "$PAGES"
for p in a:1400000 b:1400000 c:1100000; do
	{ printf '%s\n' --- "title: Paper ${p%:*}" 'purpose: P.' 'summary: S.' \
	    'recommendation: R.' 'action: A.' 'contact:' '  name: N' --- ''
	  awk -v n="${p#*:}" 'BEGIN { for (i = 0; i < 30; i++) p = p "> "
	    for (k = 0; k < 16000; k++) w = w "ab cd "
	    while (s < n) { print p w; print p; s += 2 * length(p) + length(w) + 2 } }'
	} >"$PAGES/${p%:*}.md"
done
printf '%s\n' 'board: B' 'meeting: 2026-06-18' 'items:' '  - paper: a.md' \
    '  - paper: b.md' >"$PAGES/pages.yaml"
printf '%s\n' 'board: B' 'meeting: 2026-06-18' 'items:' '  - paper: a.md' \
    '  - paper: c.md' >"$PAGES/pages-c.yaml"

for bin in $(binaries); do
	l=$(label "$bin")

	# --- the text and JSON packs: golden
	fresh golden
	for fmt in txt json; do
		pack "$bin" -f "$fmt" -o "meeting.$fmt" meeting.yaml
		rc=$?
		if [ $rc -ne 0 ] || [ -s "$ERR" ]; then
			not_ok "$l pack $fmt: exit $rc"
			head -n 10 "$ERR"
			continue
		fi
		[ "$l" = asan ] && [ "$UPDATE" = 1 ] && continue
		golden "$l pack meeting.$fmt" "tests/golden/meeting.$fmt" \
		    "$W/meeting.$fmt"
	done

	# --- the PDF pack by its properties
	fresh pdf
	check "$l pack pdf: exit 0, nothing said" sh -c \
	    "cd '$W' && '$bin' pack meeting.yaml 2>'$ERR' && [ ! -s '$ERR' ]"
	PDF=$W/meeting.pdf
	check "$l pack pdf: qpdf --check" sh -c "qpdf --check '$PDF' >/dev/null"
	check "$l pack pdf: 6 pages" [ "$(pdfinfo "$PDF" |
	    sed -n 's/^Pages: *//p')" = 6 ]
	bad=$(check_page_numbers "$PDF")
	check "$l pack pdf: Page N of M on every page${bad:+ ($bad)}" [ -z "$bad" ]
	bad=$(check_ranges "$PDF")
	ranges=$(page_of "$PDF" 1 | grep -cE 'Pages? [0-9]+( – [0-9]+)? *$')
	check "$l pack pdf: 3 ranges on the agenda ($ranges)" [ "$ranges" = 3 ]
	check "$l pack pdf: ranges are where the papers are${bad:+ ($bad)}" \
	    [ -z "$bad" ]
	check "$l pack pdf: page labels are the page numbers" \
	    [ "$(labels "$PDF")" = "0:/D:1" ]
	outline "$PDF" >"$W/outline"
	check "$l pack pdf: bookmarks front sheet and each item" sh -c "
	    grep -qx '1 1 Front sheet' '$W/outline' &&
	    grep -qx '1 2 Item 3 – Community Safety Partnership plan 2026–2029' '$W/outline' &&
	    grep -qx '1 4 Item 4 – Review of taxi and private hire licensing fees' '$W/outline' &&
	    grep -qx '1 6 Item 7 – Award of the town centre CCTV monitoring contract' '$W/outline'"
	check "$l pack pdf: sections nested under their item" sh -c "
	    grep -qx '2 2 1. Introduction' '$W/outline' &&
	    grep -qx '3 3 How the priorities were chosen' '$W/outline' &&
	    grep -qx '2 5 Consultation' '$W/outline'"
	check "$l pack pdf: the agenda's ranges are links" sh -c \
	    "[ \$(qpdf --json '$PDF' | grep -c '\"/Subtype\": \"/Link\"') -ge 3 ]"
	check "$l pack pdf: exclusion resolution before item 7" sh -c \
	    "page_of() { pdftotext -f 1 -l 1 '$PDF' -; }; page_of |
	     awk '/Exclusion of the press/{e=NR} /^Award of the town/{a=NR}
	          END{exit !(e && a && e < a)}'"
	qpdf --json --json-stream-data=inline --decode-level=generalized \
	    "$PDF" "$W/pack.json" 2>/dev/null
	check "$l pack pdf: tagged, the structure checker finds no fault" sh -c \
	    "pdfinfo '$PDF' | grep -q '^Tagged: *yes' &&
	     node '$TOP/tests/html/pdf-structure.mjs' '$W/pack.json' >/dev/null"
	check "$l pack pdf: (To follow) on the agenda" sh -c \
	    "pdftotext -f 1 -l 1 '$PDF' - | grep -q '(To follow)'"

	# --- a paper to follow shows its title on the agenda, not its file
	# name; one not written yet its file name, and neither is an error
	fresh follow
	printf '%s\n' 'board: Safer and Stronger Communities Board' \
	    'meeting: 2026-06-18' 'items:' '  - paper: taxi-fees.md' \
	    '    to_follow: true' '  - paper: not-yet.md' '    to_follow: true' \
	    >"$W/follow.yaml"
	check "$l pack: papers to follow, exit 0, nothing said" sh -c \
	    "cd '$W' && '$bin' pack -f txt -o follow.txt follow.yaml 2>'$ERR' &&
	     '$bin' pack -o follow.pdf follow.yaml 2>>'$ERR' && [ ! -s '$ERR' ]"
	check "$l pack txt: a paper to follow shows the paper's title" \
	    grep -qx '1   Review of taxi and private hire licensing fees' "$W/follow.txt"
	check "$l pack txt: ... not its file name" \
	    sh -c "! grep -q 'taxi-fees.md' '$W/follow.txt'"
	check "$l pack txt: a paper to follow not written yet shows its file name" \
	    grep -qx '2   not-yet.md' "$W/follow.txt"
	check "$l pack pdf: a paper to follow shows the paper's title" sh -c \
	    "pdftotext -f 1 -l 1 '$W/follow.pdf' - | grep -qx 'Review of taxi and private hire licensing fees'"

	# --- eight papers (the corpus and examples under other titles): the
	# agenda's ranges, page numbers, a bookmark per item, qpdf --check,
	# and the same meeting as HTML and text
	fresh eight
	{
		echo "board: Safer and Stronger Communities Board"
		echo "meeting: 2020-11-18"
		echo "items:"
		n=0
		for copy in 1 2; do
			for p in "$SHARED"/corpus/*.md "$TOP"/examples/*.md; do
				n=$((n + 1))
				sed "s/^title: .*/title: Paper number $n/" "$p" \
				    >"$W/paper$n.md"
				echo "  - paper: paper$n.md"
			done
		done
	} >"$W/eight.yaml"
	pack "$bin" -f pdf,html,txt eight.yaml
	rc=$?
	PDF=$W/eight.pdf
	check "$l eight papers: exit 0" [ $rc -eq 0 ]
	check "$l eight papers: qpdf --check" sh -c "qpdf --check '$PDF' >/dev/null"
	bad=$(check_ranges "$PDF"; check_page_numbers "$PDF")
	ranges=$(page_of "$PDF" 1 | grep -cE 'Pages? [0-9]+( – [0-9]+)? *$')
	check "$l eight papers: 8 ranges, each where its paper is${bad:+ ($bad)}" \
	    sh -c "[ $ranges = 8 ] && [ -z '$bad' ]"
	outline "$PDF" >"$W/outline"
	check "$l eight papers: a bookmark for each item" \
	    [ "$(grep -c '^1 [0-9]* Item [0-9] – Paper number [0-9]$' "$W/outline")" = 8 ]
	check "$l eight papers: HTML and text hold every paper" sh -c "
	    [ \$(grep -c '<article class=\"paper\"' '$W/eight.html') = 8 ] &&
	    [ \$(grep -c '^Paper number [0-9]\$' '$W/eight.txt') = 8 ] &&
	    [ \$(grep -c '^[0-9]   Paper number [0-9]\$' '$W/eight.txt') = 8 ]"

	# --- the no-leak rule
	for fmt in pdf txt html json; do
		pack "$bin" -f "$fmt" -o "public.$fmt" meeting.yaml
		if [ "$fmt" = pdf ]; then
			pdf_everything "$W/public.pdf" >"$W/public.all"
		else
			cp "$W/public.$fmt" "$W/public.all"
		fi
		found=$(leaks "$W/public.all")
		check "$l no leak in the public $fmt pack${found:+: $found}" \
		    [ -z "$found" ]
		check "$l public $fmt pack keeps the exempt item's title" \
		    grep -q 'Award of the town centre CCTV' "$W/public.all"
		pack "$bin" -f "$fmt" --include-exempt -o "members.$fmt" \
		    meeting.yaml
		if [ "$fmt" = pdf ]; then
			pdf_everything "$W/members.pdf" >"$W/members.all"
		else
			cp "$W/members.$fmt" "$W/members.all"
		fi
		# the members' pack holds it all (text extraction joins the
		# table's cells, so its figures are not among these)
		missing=$(echo "$SECRETS" | while read -r s; do
			grep -qF "$s" "$W/members.all" || echo "$s"; done)
		check "$l members' $fmt pack holds the exempt paper${missing:+ (missing: $missing)}" \
		    [ -z "$missing" ]
	done
	check "$l members' pdf: the exempt paper's pages say CONFIDENTIAL" sh -c \
	    "pdftotext -f 6 -l 6 '$W/members.pdf' - | grep -q CONFIDENTIAL"
	check "$l members' html: the exempt paper's section is marked" sh -c \
	    "grep -q '<article class=\"paper\" id=\"i7\">' '$W/members.html' &&
	     grep -A3 'id=\"i7\"' '$W/members.html' | grep -q 'class=\"confidential\"'"

	# --- HTML: ids namespaced per item, every internal link resolves
	ids=$(grep -o ' id="[^"]*"' "$W/public.html" | sed 's/ id="\(.*\)"/\1/' |
	    sort)
	hrefs=$(grep -o 'href="#[^"]*"' "$W/public.html" |
	    sed 's/href="#\(.*\)"/\1/' | sort -u)
	dangling=$(echo "$hrefs" | while read -r h; do
		echo "$ids" | grep -qxF "$h" || echo "$h"; done)
	check "$l pack html: every #link has its anchor${dangling:+ ($dangling)}" \
	    [ -z "$dangling" ]
	check "$l pack html: paragraph ids are namespaced (#i3-p1.1)" sh -c \
	    "grep -q 'id=\"i3-p1.1\"' '$W/public.html' &&
	     grep -q 'href=\"#i4-p[0-9]' '$W/public.html'"
	check "$l pack html: ids are unique" [ "$(echo "$ids" | uniq -d)" = "" ]

	# --- --duplex: every paper starts on an odd page
	fresh duplex
	pack "$bin" --duplex -o duplex.pdf meeting.yaml
	starts=$(page_of "$W/duplex.pdf" 1 | grep -E 'Pages? [0-9]+( – [0-9]+)? *$' |
	    sed -E 's/.*Pages? ([0-9]+).*/\1/' | tr '\n' ' ')
	even=$(for s in $starts; do [ $((s % 2)) -eq 0 ] && echo "$s"; done)
	check "$l duplex: papers start on odd pages ($starts)" sh -c \
	    "[ -n '$starts' ] && [ -z '$even' ]"
	check "$l duplex: blank pages say so" sh -c \
	    "pdftotext '$W/duplex.pdf' - | grep -q 'This page is intentionally left blank'"
	bad=$(check_ranges "$W/duplex.pdf"; check_page_numbers "$W/duplex.pdf")
	check "$l duplex: ranges and page numbers hold${bad:+ ($bad)}" [ -z "$bad" ]

	# --- --deps: the outputs, then every file read
	fresh deps
	pack "$bin" -f pdf,txt --deps meeting.d meeting.yaml
	check "$l pack --deps: a make rule of outputs and inputs" sh -c "
	    head -n 1 '$W/meeting.d' | grep -q '^meeting.pdf meeting.txt:' &&
	    grep -q 'meeting.yaml' '$W/meeting.d' &&
	    grep -q 'cctv-contract.md' '$W/meeting.d' &&
	    grep -q 'taxi-fees.md' '$W/meeting.d'"
	check "$l pack --deps: make reads it" sh -c "cd '$W' &&
	    printf 'include meeting.d\nmeeting.pdf:\n\t@echo rebuilt\n' >Makefile &&
	    make -q meeting.pdf && touch taxi-fees.md &&
	    ! make -q meeting.pdf"

	# --- build --deps: one rule per input, images included
	fresh build-deps
	cp "$TOP/tests/pdf/figure.md" "$TOP/tests/pdf/chart-1.png" \
	    "$TOP/tests/pdf/photo-2.jpg" "$W/"
	(cd "$W" && "$bin" build -f pdf,txt --deps all.d figure.md \
	    taxi-fees.md) 2>"$ERR"
	check "$l build --deps: outputs, the paper and its images" sh -c "
	    grep -q '^figure.pdf figure.txt:' '$W/all.d' &&
	    grep -q '^  chart-1.png' '$W/all.d' &&
	    grep -q '^  photo-2.jpg' '$W/all.d' &&
	    grep -q '^taxi-fees.pdf taxi-fees.txt:' '$W/all.d'"

	# --- progress on a terminal only
	fresh progress
	check "$l pack: progress on a terminal" sh -c "cd '$W' &&
	    script -qec \"'$bin' pack -f txt meeting.yaml\" /dev/null 2>&1 |
	    grep -q 'papers read 7/7'"
	check "$l pack: quiet in a pipe" sh -c "cd '$W' &&
	    '$bin' pack -f txt meeting.yaml 2>&1 | wc -c | grep -qx 0"

	# --- usage
	check "$l pack: one meeting file" sh -c "cd '$W' &&
	    '$bin' pack meeting.yaml meeting.yaml 2>/dev/null; [ \$? -eq 2 ]"
	check "$l build: --include-exempt is for pack" sh -c "cd '$W' &&
	    '$bin' build --include-exempt cctv-contract.md 2>/dev/null;
	    [ \$? -eq 2 ] && [ ! -e cctv-contract.pdf ]"

	# --- bad papers: all reported, exit 1, nothing written
	fresh bad
	pack "$bin" -o meeting.pdf meeting.yaml
	cp "$W/meeting.pdf" "$W/good.pdf"
	printf -- '---\ntitle: Broken\n---\nSee [](#nowhere).\n' \
	    >"$W/taxi-fees.md"
	pack "$bin" -o meeting.pdf meeting.yaml
	rc=$?
	check "$l one bad paper: exit 1" [ $rc -eq 1 ]
	check "$l one bad paper: its diagnostics" sh -c \
	    "grep -q '^taxi-fees.md:[0-9]*:[0-9]*: error: missing required key' '$ERR' &&
	     grep -q '^taxi-fees.md:4:[0-9]*: error: unknown label' '$ERR'"
	check "$l one bad paper: the earlier pack untouched" \
	    cmp -s "$W/meeting.pdf" "$W/good.pdf"
	printf -- '---\ntitle: [unclosed\n---\nText.\n' >"$W/cctv-contract.md"
	pack "$bin" -f pdf,html -o "$W/" meeting.yaml
	rc=$?
	check "$l two bad papers: exit 1, both reported" sh -c \
	    "[ $rc -eq 1 ] && grep -q '^taxi-fees.md:' '$ERR' &&
	     grep -q '^cctv-contract.md:[0-9]*:' '$ERR'"
	check "$l two bad papers: nothing written" sh -c \
	    "[ ! -e '$W/meeting.html' ] && cmp -s '$W/meeting.pdf' '$W/good.pdf' &&
	     [ -z \"\$(ls -A '$W' | grep '^\\.')\" ]"
	rm "$W/cctv-contract.md"
	pack "$bin" -o meeting.pdf meeting.yaml
	check "$l a missing paper names the meeting file's line" sh -c \
	    "grep -q \"^meeting.yaml:18:12: error: cannot read paper 'cctv-contract.md'\" '$ERR'"

	# --- a format that cannot be written: each of the others still is,
	# every failure reported, exit 1 (as build does; issue 9)
	fresh unwritable
	mkdir -p "$W/o/meeting.pdf" "$W/o/meeting.html"
	pack "$bin" -f pdf,html,txt,json -o o/ meeting.yaml
	rc=$?
	check "$l unwritable format: exit 1" [ $rc -eq 1 ]
	check "$l unwritable format: each failure reported" sh -c \
	    "grep -q '^meeting\.yaml: error: cannot write o/meeting\.pdf: Is a directory\$' '$ERR' &&
	     grep -q '^meeting\.yaml: error: cannot write o/meeting\.html: Is a directory\$' '$ERR'"
	check "$l unwritable format: the later formats still written" sh -c \
	    "test -s '$W/o/meeting.txt' && test -s '$W/o/meeting.json'"

	# --- a pack past the PDF page limit: the PDF fails, the other
	# formats are still written (as build does), and an earlier PDF is
	# left as it was (they were all left unwritten; issue 9)
	W=$TMPDIR/$l/pages
	rm -rf "$W"
	mkdir -p "$W"
	cp "$PAGES"/* "$W"/
	ERR=$W/stderr
	echo 'an earlier pack' >"$W/pages.pdf"
	pack "$bin" -f pdf,html,txt pages.yaml
	rc=$?
	# named at the paper's block that passes it, as for a paper alone
	# (it was "pages.yaml: error: the PDF would have 2921 pages: ...")
	check "$l pack past the page limit: one error, at the paper's line that passes it" sh -c \
	    "[ $rc -eq 1 ] && [ \$(wc -l <'$ERR') -eq 1 ] && grep -q -E '^b\.md:[0-9]+:61: error: the PDF passes the limit of 2500 pages at this block\$' '$ERR'"
	check "$l pack past the page limit: HTML and text still written" sh -c \
	    "grep -q 'Paper b' '$W/pages.html' && grep -q 'Paper b' '$W/pages.txt'"
	check "$l pack past the page limit: the earlier PDF untouched, no temporary file" sh -c \
	    "[ \"\$(cat '$W/pages.pdf')\" = 'an earlier pack' ] && [ -z \"\$(ls -A '$W' | grep '^\\.')\" ]"
	pack "$bin" -f pdf pages-c.yaml
	check "$l pack past the page limit once paginated: the paper's line that passes it" sh -c \
	    "[ $? -eq 1 ] && [ \$(wc -l <'$ERR') -eq 1 ] && grep -q -E '^c\.md:[0-9]+:61: error: the PDF passes the limit of 2500 pages at this block\$' '$ERR' && [ ! -e '$W/pages-c.pdf' ]"

	# --- a paper's problems found while rendering are named by the
	# paper's file, not the meeting file's (they were printed as
	# "meeting.yaml:80:1: warning: ...", a line of the paper)
	fresh rtl
	printf '\n\327\251\327\234\327\225\327\235 \327\242\327\225\327\234\327\235\n' >>"$W/taxi-fees.md"
	pack "$bin" -f pdf,txt -o "$W/" meeting.yaml
	rc=$?
	check "$l pack: a paper's render warning names the paper's file and line" sh -c \
	    "[ $rc -eq 0 ] && grep -q '^taxi-fees\.md:80:1: warning: right-to-left text cannot be ordered in PDF output' '$ERR' &&
	     grep -q '^taxi-fees\.md:80:1: warning: right-to-left text cannot be ordered in text output' '$ERR' &&
	     ! grep -q '^meeting\.yaml' '$ERR'"
	rm -f "$W/meeting.pdf" "$W/meeting.txt"
	pack "$bin" --strict -f pdf,txt -o "$W/" meeting.yaml
	rc=$?
	check "$l pack --strict: a paper's render warning fails its format, nothing written" sh -c \
	    "[ $rc -eq 1 ] && grep -q '^taxi-fees\.md:80:1: error: right-to-left text cannot be ordered in PDF output' '$ERR' &&
	     [ ! -e '$W/meeting.pdf' ] && [ ! -e '$W/meeting.txt' ]"

	# --- meeting files of one problem each: tests/pack/meeting-NAME.yaml
	# gives tests/pack/meeting-NAME.err exactly, exit 1 when it holds an
	# error (0 for warnings alone)
	for m in "$TOP"/tests/pack/meeting-*.yaml; do
		name=$(basename "$m" .yaml)
		fresh "$name"
		cp "$m" "$W/"
		pack "$bin" --no-style -f txt -o - "$name.yaml" >/dev/null
		rc=$?
		want=1
		grep -q ': error: ' "${m%.yaml}.err" || want=0
		check "$l pack $name: exit $want" [ $rc -eq $want ]
		[ "$l" = asan ] && [ "$UPDATE" = 1 ] && continue
		golden "$l pack $name: diagnostics" "${m%.yaml}.err" "$ERR"
	done

	# --- a paper's own meeting date not the pack's, a paper on the
	# agenda twice: warnings (the golden files above), errors under
	# --strict with nothing written; a paper without a date says nothing
	fresh paper-date
	cp "$TOP/tests/pack/meeting-paper-date.yaml" "$W/"
	pack "$bin" --no-style --strict -f txt meeting-paper-date.yaml
	rc=$?
	check "$l pack --strict: a paper's other meeting date is an error" sh -c \
	    "[ $rc -eq 1 ] && grep -q '^safety-plan\.md:4:10: error: its meeting date 18 June 2026 is not the pack.s, 18 November 2020 (meeting-paper-date\.yaml:2)\$' '$ERR' && [ ! -e '$W/meeting-paper-date.txt' ]"
	sed -i '/^meeting:/d' "$W/safety-plan.md" "$W/taxi-fees.md"
	pack "$bin" --no-style --strict -f txt meeting-paper-date.yaml
	rc=$?
	check "$l pack: a paper with no meeting date of its own says nothing" sh -c \
	    "[ $rc -eq 0 ] && [ ! -s '$ERR' ] && [ -s '$W/meeting-paper-date.txt' ]"
	fresh paper-twice
	cp "$TOP/tests/pack/meeting-paper-twice.yaml" "$W/"
	pack "$bin" --no-style --strict -f txt meeting-paper-twice.yaml
	rc=$?
	check "$l pack --strict: a paper on the agenda twice is an error" sh -c \
	    "[ $rc -eq 1 ] && grep -q '^meeting-paper-twice\.yaml:8:12: error: paper .\./safety-plan\.md. is already item 3 (line 6)\$' '$ERR' && [ ! -e '$W/meeting-paper-twice.txt' ]"

	# --- the meeting file's own diagnostics
	fresh meeting
	cp "$TOP/tests/pack/bad-meeting.yaml" "$W/"
	pack "$bin" -f txt -o - bad-meeting.yaml >/dev/null
	rc=$?
	check "$l bad meeting file: exit 1" [ $rc -eq 1 ]
	[ "$l" = asan ] && [ "$UPDATE" = 1 ] && continue
	golden "$l bad meeting file: diagnostics" tests/pack/bad-meeting.err \
	    "$ERR"
done

# Footnotes in a pack go at the foot of the page their reference is on,
# as in the paper alone (the pack lays papers out with the same
# paginator): each note's first line below its reference's line, above
# that page's footer, in the pack's own page numbering.
W=$TMPDIR/pack-notes
mkdir -p "$W"
cp "$TOP/tests/txt/footnotes-pages.md" "$W/"
printf 'board: B\nmeeting: 2026-06-18\nitems:\n  - title: Welcome\n  - paper: footnotes-pages.md\n' >"$W/meeting.yaml"
(cd "$W" && "$BP" pack -o notes.pdf meeting.yaml) 2>"$W/err"
check "pack with footnotes: builds" test -s "$W/notes.pdf"
pack_note_ok() { # WORD N
	n=$(pdfinfo "$W/notes.pdf" | sed -n 's/^Pages: *//p')
	p=1
	while [ "$p" -le "$n" ]; do
		page_of "$W/notes.pdf" "$p" >"$W/p.txt"
		if grep -q "$1$2\\( \\|\$\\)" "$W/p.txt"; then
			awk -v ref="$1$2" -v note="$1 note." -v foot="Page $p of $n" '
			    index($0, ref) && !r { r = NR }
			    index($0, note) && !k { k = NR }
			    index($0, foot) { f = NR }
			    END { exit !(r && k > r && f > k) }' "$W/p.txt"
			return
		fi
		p=$((p + 1))
	done
	return 1
}
k=0
for w in Kestrel Heron Osprey Curlew Lapwing Plover Dunlin Tern Avocet; do
	k=$((k + 1))
	check "pack with footnotes: note $k ($w) at the foot of its reference's page" \
	    pack_note_ok "$w" "$k"
done
