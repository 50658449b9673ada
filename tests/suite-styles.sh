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
