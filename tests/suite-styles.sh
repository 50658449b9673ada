# House styles and languages: Welsh labels in every format (lang: cy).
. tests/lib.sh

export TZ=UTC SOURCE_DATE_EPOCH=1700000000

# --- Welsh: every fixed word from the Welsh column ---------------------
W=$TMPDIR/welsh
mkdir -p "$W"
for bin in $(binaries); do
	l=$(label "$bin")
	mkdir -p "$W/$l"
	if ! "$bin" build -f pdf,txt,html,json -o "$W/$l/" \
	    tests/styles/welsh.md 2>"$W/$l/stderr"; then
		not_ok "$l welsh: builds"
		cat "$W/$l/stderr"
		continue
	fi
	ok "$l welsh: builds"
done
W=$W/plain
pages=$(pdfinfo "$W/welsh.pdf" | awk '/^Pages:/ { print $2 }')
check "welsh: the paper has several pages" [ "${pages:-0}" -ge 2 ]
footers_ok=1
p=1
while [ $p -le "${pages:-0}" ]; do
	pdftotext -f $p -l $p "$W/welsh.pdf" - | grep -qx "Tudalen $p o $pages" ||
	    footers_ok=0
	p=$((p + 1))
done
check "welsh: 'Tudalen N o M' in every page footer" [ $footers_ok = 1 ]
pdftotext "$W/welsh.pdf" "$W/welsh.pdf.txt"
sed -e '/<style>/,/<\/style>/d' -e 's/<[^>]*>//g' "$W/welsh.html" \
    >"$W/welsh.html.txt"
for f in pdf txt html; do
	t=$W/welsh.$f
	[ $f = txt ] || t=$W/welsh.$f.txt
	check "welsh $f: 'Mawrth' for a March date" grep -q '5 Mawrth 2026' "$t"
	for word in 'Diben yr adroddiad' 'Crynodeb' 'Argymhellion' \
	    'Camau gweithredu' 'Swyddog cyswllt' 'Papurau cefndir' 'Dim' \
	    'Eitem 6'; do
		check "welsh $f: label '$word'" grep -q "$word" "$t"
	done
	for word in 'Purpose of report' 'Summary' 'Recommendation' 'Action' \
	    'Contact officer' 'Background papers' 'None' 'March' 'Item ' \
	    'Page ' 'Phone' 'Email' 'Meeting'; do
		check "welsh $f: no English '$word'" sh -c \
		    "! grep -q '$word' '$t'"
	done
done
check "welsh html: lang=\"cy\"" grep -q '<html lang="cy">' "$W/welsh.html"
check "welsh html: print footer 'Tudalen N o M'" \
    grep -q 'content:"Tudalen " counter(page) " o " counter(pages)' \
    "$W/welsh.html"
check "welsh json: the meeting date in Welsh" \
    grep -q '"text": "5 Mawrth 2026"' "$W/welsh.json"

# --- finding the house style -------------------------------------------
# org NAME...: the text output's first line (the organisation, or the
# board when there is none), built from the paper's folder
D=$TMPDIR/find
mkdir -p "$D/two/x/y"
cp tests/styles/paper.md "$D/two/x/y/paper.md"
first_line() {
	(cd "$D/two/x/y" && "$BP" build -f txt -o - "$@" paper.md) 2>&1 |
	    head -n 1
}
purpose_label() {
	(cd "$D/two/x/y" && "$BP" build -f txt -o - "$@" paper.md) 2>&1 |
	    sed -n '/^Purpose\|^Why/{p;q}'
}
check "styles: without one, the built-in look" \
    [ "$(first_line)" = "Example Committee" ]
printf 'organisation: Two Up Council\n' >"$D/two/.boardpaper.yaml"
check "styles: a style two folders up applies" \
    [ "$(first_line)" = "Two Up Council" ]
printf 'organisation: Near Council\n' >"$D/two/x/.boardpaper.yaml"
check "styles: a nearer one wins" [ "$(first_line)" = "Near Council" ]
printf 'labels:\n  en: { purpose: "Why" }\n' >"$D/two/x/.boardpaper.yaml"
check "styles: a nearer one's keys win, the farther one's others stay" \
    [ "$(first_line)" = "Two Up Council" ] && [ "$(purpose_label)" = Why ]
printf 'root: true\nlabels:\n  en: { purpose: "Why" }\n' \
    >"$D/two/x/.boardpaper.yaml"
check "styles: root: true stops the walk" \
    [ "$(first_line)" = "Example Committee" ]
check "styles: ... and its own keys still apply" [ "$(purpose_label)" = Why ]
check "styles: --no-style ignores them" \
    [ "$(purpose_label --no-style)" = "Purpose of report" ]
printf 'organisation: Named Council\n' >"$D/named.yaml"
check "styles: --style overrides" \
    [ "$(first_line --style ../../../named.yaml)" = "Named Council" ]
check "styles: --style and --no-style together are a usage error" sh -c \
    "cd '$D/two/x/y' && '$BP' build --style x --no-style paper.md; [ \$? = 2 ]" \
    2>/dev/null

# --- bad house styles: each value refused, golden diagnostics ----------
# tests/styles/bad/NAME.yaml is the style, beside NAME.md (or the plain
# paper); the diagnostics must be tests/styles/bad/NAME.err exactly, the
# exit status 1 when they hold an error.
for style in tests/styles/bad/*.yaml; do
	name=$(basename "$style" .yaml)
	for bin in $(binaries); do
		l=$(label "$bin")
		dir=$TMPDIR/bad/$l/$name
		mkdir -p "$dir"
		cp "$style" "$dir/.boardpaper.yaml"
		cp tests/styles/bad/logo.png "$dir/logo.png"
		paper=tests/styles/bad/$name.md
		[ -f "$paper" ] || paper=tests/styles/paper.md
		cp "$paper" "$dir/paper.md"
		(cd "$dir" && "$bin" check paper.md) 2>"$dir/stderr"
		rc=$?
		expected=tests/styles/bad/$name.err
		[ "$UPDATE" = 1 ] && expected=$dir/stderr
		want=1
		grep -q ': error: ' "$expected" 2>/dev/null || want=0
		if [ $rc -ne $want ]; then
			not_ok "$l style/$name: exit $rc, expected $want"
			cat "$dir/stderr"
			continue
		fi
		[ "$l" = asan ] && [ "$UPDATE" = 1 ] && continue
		golden "$l style/$name" "tests/styles/bad/$name.err" \
		    "$dir/stderr"
	done
done

# --- the built-in style is today's look ---------------------------------
# An empty style file, a style of only `root: true`, and --no-style give
# the same bytes as no style at all, in every format.
E=$TMPDIR/empty
mkdir -p "$E/none" "$E/empty" "$E/root"
for d in none empty root; do
	cp tests/styles/welsh.md "$E/$d/paper.md"
done
: >"$E/empty/.boardpaper.yaml"
printf 'root: true\n' >"$E/root/.boardpaper.yaml"
for d in none empty root; do
	(cd "$E/$d" && "$BP" build -f pdf,html,txt,json paper.md)
done
mkdir -p "$E/empty/ns"
(cd "$E/empty" && "$BP" build --no-style -f pdf,html,txt,json -o ns/ \
    paper.md)
for f in pdf html txt json; do
	check "styles: an empty style file is the built-in look ($f)" \
	    cmp -s "$E/none/paper.$f" "$E/empty/paper.$f"
	check "styles: root: true alone is the built-in look ($f)" \
	    cmp -s "$E/none/paper.$f" "$E/root/paper.$f"
	check "styles: --no-style is the built-in look ($f)" \
	    cmp -s "$E/none/paper.$f" "$E/empty/ns/paper.$f"
done
