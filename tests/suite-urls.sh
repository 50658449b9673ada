# Every URL and e-mail address of every test paper appears whole, so that
# a reader can copy it (SPEC §3): in the PDF's pdftotext output once its
# lines are joined where an address may break (after '/', before '.', '-',
# '?', '&', '='), and in the text output, where an address never breaks.
# The addresses come from the source itself, not from the model, so a URL
# the parser lost fails as well.
. tests/lib.sh
PAPERS="$TOP/examples/*.md $TOP/examples/*/*.md $SHARED/corpus/*.md
    $TOP/tests/txt/*.md $TOP/tests/pdf/*.md $TOP/tests/html/*.md
    $TOP/tests/styles/paper.md $TOP/tests/styles/welsh.md
    $TOP/tests/import/nested-numbers.md $TOP/tests/import/word-saved.md"
OUT=$TMPDIR/urls
mkdir -p "$OUT"

# addresses_of PAPER: one line per address in the source, "shown URL" for
# one that prints as itself (bare, autolink, link text, front matter) and
# "target URL" for a link's destination, which the PDF keeps in its link
# annotation and the text output lists as a note.  Trailing punctuation is
# the sentence's, as the autolink rules have it.
addresses_of() {
	LC_ALL=C awk '
	function emit(kind, u) {
		sub(/[.,;:!?*_~'"'"']+$/, "", u)
		if (u ~ /[\/@.]/ && u !~ /^(https?:\/\/|mailto:)?$/)
			print kind " " u
	}
	{
		s = $0
		ref = s ~ /^ *\[[^]]+\]: /
		while (match(s, /(https?:\/\/|mailto:|www\.)[^][:space:]<>()"`]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+/)) {
			before = substr(s, 1, RSTART - 1)
			kind = (ref || before ~ /\]\(<?$/) ? "target" : "shown"
			emit(kind, substr(s, RSTART, RLENGTH))
			s = substr(s, RSTART + RLENGTH)
		}
	}' "$1" | sort -u
}

# joined_text FILE: the text with every line break removed where the line
# ends in '/' or the next begins with '.', '-', '?', '&' or '=', the only
# places an address may break.  A break anywhere else (a split inside a
# word, or one with an added hyphen) leaves the address in two pieces.
# Page furniture (a line found on every page, digits aside: headers and
# "Page N of M") is left out first, so that an address may go on over a
# page break.
joined_text() {
	LC_ALL=C awk '
	function key(s) { gsub(/[0-9]+/, "#", s); return s }
	FNR == 1 { pass++; page = 1 }
	{
		n = split($0, parts, "\f")
		for (i = 1; i <= n; i++) {
			if (i > 1)
				page++
			line = parts[i]
			if (pass == 1) {
				if (!((key(line), page) in seen)) {
					seen[key(line), page] = 1
					pages[key(line)]++
				}
				if (line != "" && page > npages)
					npages = page
				continue
			}
			if (npages > 1 && pages[key(line)] >= npages)
				continue
			if (started)
				printf "%s", (prev ~ /\/$/ || line ~ /^[.?&=-]/) ? "" : "\n"
			printf "%s", line
			prev = line
			started = 1
		}
	}
	END { print "" }' "$1" "$1"
}

# missing_from FILE KIND...: the addresses of $ADDR of one of those kinds
# that FILE does not hold whole.
missing_from() {
	f=$1
	shift
	for kind in "$@"; do
		sed -n "s/^$kind //p" "$ADDR"
	done | sort -u | while IFS= read -r u; do
		grep -qF -- "$u" "$f" || echo "  $u"
	done
}

n=0
for paper in $PAPERS; do
	pname=$(basename "$paper" .md)
	dir=$(dirname "$paper")
	ADDR=$OUT/$pname.addr
	addresses_of "$paper" >"$ADDR"
	[ -s "$ADDR" ] || continue
	n=$((n + $(wc -l <"$ADDR")))
	if ! (cd "$dir" && "$BP" build -o "$OUT/$pname.pdf" "$pname.md" &&
	    "$BP" build -f txt -o "$OUT/$pname.txt" "$pname.md" &&
	    "$BP" build -f txt -w 40 -o "$OUT/$pname.40.txt" "$pname.md") \
	    2>"$OUT/$pname.err"
	then
		not_ok "$pname: build"
		head -n 5 "$OUT/$pname.err"
		continue
	fi
	pdftotext -enc UTF-8 "$OUT/$pname.pdf" "$OUT/$pname.pdftext"
	joined_text "$OUT/$pname.pdftext" >"$OUT/$pname.joined"
	missing=$(missing_from "$OUT/$pname.joined" shown)
	check "$pname: every address shown in the PDF is whole in pdftotext" \
	    test -z "$missing"
	[ -z "$missing" ] || echo "$missing" | head -n 5
	# a mailto destination lists as its address
	sed 's/^target mailto:/target /' "$ADDR" >"$ADDR.txt"
	for w in 72 40; do
		txt=$OUT/$pname.txt
		[ $w = 72 ] || txt=$OUT/$pname.$w.txt
		missing=$(ADDR=$ADDR.txt missing_from "$txt" shown target)
		check "$pname: every address is whole in the text output at width $w" \
		    test -z "$missing"
		[ -z "$missing" ] || echo "$missing" | head -n 5
		# one longer than the width stands alone on its line
		long=$(over_width $w "$txt" | head -n 3)
		check "$pname: at width $w no line is longer but one holding a lone address" \
		    test -z "$long"
		[ -z "$long" ] || echo "$long"
	done
done
# the extraction itself must see the addresses it is meant to check
check "addresses found in the test papers ($n)" test "$n" -ge 60
