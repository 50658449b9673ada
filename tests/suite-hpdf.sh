# libharu's internals (src/outputs/pdf_hpdf.c): the version and the internal
# headers they were checked against, that no other file can reach them,
# and what each call does, read back from a real PDF.  When libharu
# changes, these fail: re-check every call in pdf_hpdf.c against the new
# version, then record it (PDF_HPDF_CHECKED_VERSION, and the sums with
# `sh tests/run.sh --update hpdf`).
. tests/lib.sh
export TZ=UTC

# The libharu headers pdf_hpdf.c is compiled against, as "SUM  NAME".
header_sums() {
	${CC:-cc} -M -Iinclude $(for d in src/*/; do printf -- "-I%s " "${d%/}"; done) src/outputs/pdf_hpdf.c | tr ' \\' '\n\n' |
	    grep '/hpdf[a-z0-9_]*\.h$' | sort -u | while read -r h; do
		printf '%s  %s\n' "$(sha256sum <"$h" | cut -d' ' -f1)" \
		    "$(basename "$h")"
	done
}
header_sums >"$TMPDIR/sums"
golden "internal headers are those pdf_hpdf.c was checked against" \
    tests/pdf/hpdf-headers.sha256 "$TMPDIR/sums"
want=$(sed -n 's/^#define PDF_HPDF_CHECKED_VERSION "\(.*\)"$/\1/p' \
    src/outputs/pdf_hpdf.h)
got=$(printf '#include <hpdf_version.h>\nHPDF_VERSION_TEXT\n' |
    ${CC:-cc} -E -P -x c - | tr -d '" ' | grep .)
check "installed headers are libharu $want (got ${got:-none})" \
    test -n "$want" -a "$got" = "$want"
# the library actually loaded is checked by the unit test hpdf_version

# Only pdf_hpdf.c sees the internals: every other file defines HPDF_SHARED
# before hpdf.h, and none includes an internal header.
isolated() {
	bad=0
	for f in src/*/*.c src/*/*.h tests/*.c; do
		[ "$f" = src/outputs/pdf_hpdf.c ] && continue
		grep -q '#include <hpdf' "$f" || continue
		if grep -q '#include <hpdf_' "$f" ||
		    ! awk '/#define HPDF_SHARED/ { s = 1 }
		        /#include <hpdf\.h>/ && !s { exit 1 }' "$f"; then
			echo "  $f reaches libharu's internals"
			bad=1
		fi
	done
	return $bad
}
check "libharu internals only in src/outputs/pdf_hpdf.c" isolated

# What each internal call does, in the PDF of a paper with a bookmark, a
# link, Welsh text and a Greek capital delta, which only the UTF-8 CID
# font draws.
pdf=$TMPDIR/internals.pdf
printf -- '---\ntitle: T\npurpose: P\nsummary: S\nrecommendation: R\naction: A\ncontact:\n  name: N\n---\n\n## Heading\n\nT\305\267 change \316\224 of [a link](https://example.org/).\n' \
    >"$TMPDIR/internals.md"
(cd "$TMPDIR" && SOURCE_DATE_EPOCH=1700000000 "$BP" build -o "$pdf" \
    internals.md) 2>"$pdf.err"
check "the paper builds" test -s "$pdf" -a ! -s "$pdf.err"
qpdf --json "$pdf" >"$pdf.json" 2>/dev/null
check "set_catalog_extras: /Lang and DisplayDocTitle in the catalog" \
    sh -c "grep -q '\"/Lang\": \"u:en-GB\"' '$pdf.json' &&
        grep -q '\"/ViewerPreferences\": {\"/DisplayDocTitle\": true}' \
        '$pdf.json' || grep -q '\"/DisplayDocTitle\": true' '$pdf.json'"
check "set_xyz_null: destinations keep the zoom (/XYZ left top null)" \
    sh -c "tr -d ' \n' <'$pdf.json' | grep -q '\"/XYZ\",0,[0-9.]*,null\\]' &&
        ! tr -d ' \n' <'$pdf.json' | grep -q '\"/XYZ\",0,[0-9.]*,[0-9]'"
pdffonts "$pdf" >"$pdf.fonts" 2>/dev/null
check "add_tounicode, fix_tounicode: every font has a ToUnicode map" \
    sh -c "[ \$(tail -n +3 '$pdf.fonts' | wc -l) -ge 2 ] &&
        ! tail -n +3 '$pdf.fonts' | awk '\$(NF-2) != \"yes\"' | grep -q ."
pdftotext "$pdf" /dev/null 2>"$pdf.pop"
check "fix_tounicode: poppler accepts the CID fonts' CMaps" \
    test ! -s "$pdf.pop"
# each embedded font program is a TrueType font (0x00010000), the stream
# pdf_hpdf.c wrote itself
font_programs_ok() {
	tr -d ' \n' <"$1.json" >"$1.flat"
	ids=$(grep -o '"/FontFile2":"[0-9]*0R"' "$1.flat" |
	    sed 's/.*:"\([0-9]*\)0R"/\1/' | sort -u)
	[ -n "$ids" ] || { echo "  no FontFile2"; return 1; }
	for n in $ids; do
		# not deflated (pdf_hpdf_embed_font_file): it would shrink by a
		# quarter for 6% more instructions
		grep -q "\"obj:${n}0R\":{\"stream\":{\"dict\":{[^}]*\"/Filter\"" \
		    "$1.flat" && { echo "  font program $n: has a /Filter"; return 1; }
		head=$(qpdf --show-object="$n" --filtered-stream-data "$1" |
		    od -An -tx1 -N4 | tr -d ' ')
		[ "$head" = 00010000 ] || { echo "  font program $n: $head"; return 1; }
	done
}
check "embed_font_file: every font program is TrueType, not deflated" \
    font_programs_ok "$pdf"
# deflated_image: a PNG's colour and alpha planes, deflated in pdf_doc.c,
# are image XObjects with one /FlateDecode filter that qpdf decodes to
# every sample (pixels themselves: suite-images)
img=$TMPDIR/image.pdf
cp tests/images/rgba8.png "$TMPDIR/"
printf -- '---\ntitle: T\npurpose: P\nsummary: S\nrecommendation: R\naction: A\ncontact:\n  name: N\n---\n\n![A figure](rgba8.png)\n' \
    >"$TMPDIR/image.md"
(cd "$TMPDIR" && "$BP" build -o "$img" image.md) 2>"$img.err"
images_ok() {
	qpdf --check "$1" >/dev/null 2>&1 || { echo "  qpdf --check fails"; return 1; }
	qpdf --json "$1" | tr -d ' \n' >"$1.flat"
	ids=$(grep -o '"obj:[0-9]*0R":{"stream":{"dict":{[^}]*"/Subtype":"/Image"' \
	    "$1.flat" | sed 's/^"obj:\([0-9]*\)0R".*/\1/')
	[ "$(echo "$ids" | wc -w)" = 2 ] || { echo "  images: $ids"; return 1; }
	for n in $ids; do
		grep -q "\"obj:${n}0R\":{\"stream\":{\"dict\":{[^}]*\"/Filter\":\"/FlateDecode\"" \
		    "$1.flat" || { echo "  image $n: no single /FlateDecode"; return 1; }
		w=$(grep -o "\"obj:${n}0R\":{\"stream\":{\"dict\":{[^}]*" "$1.flat" |
		    sed 's/.*"\/Width":\([0-9]*\).*/\1/')
		h=$(grep -o "\"obj:${n}0R\":{\"stream\":{\"dict\":{[^}]*" "$1.flat" |
		    sed 's/.*"\/Height":\([0-9]*\).*/\1/')
		len=$(qpdf --show-object="$n" --filtered-stream-data "$1" | wc -c)
		[ "$len" = $((w * h)) ] || [ "$len" = $((w * h * 3)) ] ||
		    { echo "  image $n: $len bytes for ${w}x$h"; return 1; }
	done
}
check "deflated_image: a PNG's colour and soft mask, each deflated once" \
    images_ok "$img"
# set_info and create_outline write their own text strings (no encoder):
# ASCII as it is, anything else as UTF-16BE, characters beyond U+FFFF too
text=$TMPDIR/text.pdf
printf -- '---\ntitle: "T\305\267\342\200\231r \360\237\230\200 plan"\npurpose: Plain\nsummary: S\nrecommendation: R\naction: A\ncontact:\n  name: Si\303\242n\n---\n\n## Cyngor \342\200\223 T\305\267\n\nText.\n' \
    >"$TMPDIR/text.md"
(cd "$TMPDIR" && "$BP" build -o "$text" text.md) 2>"$text.err"
pdfinfo "$text" >"$text.info" 2>/dev/null
want_title=$(printf 'T\305\267\342\200\231r \360\237\230\200 plan')
info_text_ok() {
	sed -n 's/^Title: *//p' "$text.info" | grep -qxF "$want_title" &&
	    grep -qx 'Author: *Siân' "$text.info" &&
	    grep -qx 'Subject: *Plain' "$text.info"
}
check "set_info: UTF-8 title and author read back exactly" info_text_ok
qpdf --json --json-key=outlines "$text" >"$text.outlines" 2>/dev/null
check "create_outline: a UTF-8 bookmark reads back exactly" \
    grep -q '"title": "Cyngor – Tŷ"' "$text.outlines"
check "load_font: fonts loaded from memory are embedded" sh -c \
    "pdffonts '$text' | grep -Eq '^[A-Z]{6}\+LiberationSans '"

# The tagged-PDF calls (tests/suite-tagged.sh checks the tree itself).
check "set_pdf17: the header says %PDF-1.7" \
    sh -c "head -c 8 '$pdf' | grep -q '^%PDF-1.7'"
check "page_ops: marked content in the page stream (BDC, EMC)" \
    sh -c "qpdf --qdf --object-streams=disable '$pdf' '$pdf.qdf';
        grep -aq '^/H1<</MCID 0>>BDC' '$pdf.qdf' &&
        grep -aq '^EMC' '$pdf.qdf'"
check "raw_dict, raw_set, ref: elements parse, with their entries" \
    sh -c "grep -q '\"/StructTreeRoot\": \"[0-9]* 0 R\"' '$pdf.json' &&
        tr -d ' \n' <'$pdf.json' | grep -q '\"/S\":\"/LBody\"' &&
        tr -d ' \n' <'$pdf.json' |
        grep -q '\"/ParentTree\":{\"/Nums\":\[0,\[\"[0-9]*0R\"'"
check "set_metadata: an uncompressed XMP stream in the catalog" \
    sh -c "grep -aq 'pdfuaid:part>1<' '$pdf' &&
        grep -q '\"/Metadata\": \"[0-9]* 0 R\"' '$pdf.json'"
check "set_content_id: /ID, two equal 16-byte strings" \
    sh -c "tr -d ' \n' <'$pdf.json' |
        grep -q '\"/ID\":\[\"b:\([0-9a-f]\{32\}\)\",\"b:\1\"\]'"
check "put, put_int, put_text: link annotations with /Contents and /StructParent" \
    sh -c "tr -d ' \n' <'$pdf.json' | grep -q '\"/Contents\":\"u:alink\"' &&
        grep -q '\"/StructParent\": 1' '$pdf.json'"
