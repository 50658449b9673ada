# Images (SPEC section 1, issue 9): every PNG layout decodes to exactly the
# pixels it holds (pdfimages against tests/images/expect-*.ppm), broken and
# oversized files are refused the same way by check and by every format of
# build, JPEGs PDF cannot show are refused before libharu sees them, an
# image used many times is read and embedded once, and nothing outside the
# paper's folder, nor anything but a regular file, is ever read.
# The fixtures are made by tests/images/make.py (committed output).
. tests/lib.sh

for t in pdfimages strace timeout; do
	command -v $t >/dev/null || not_ok "images: $t is missing (make deps)"
done

W=$TMPDIR/w
mkdir -p "$W/paper/sub" "$W/out"
cp tests/images/*.png tests/images/*.jpg tests/pdf/photo-2.jpg "$W/paper/"
cp tests/images/rgb8.png "$W/outside.png"
ln -s ../outside.png "$W/paper/link-out.png"
ln -s rgb8.png "$W/paper/link-in.png"
mkfifo "$W/paper/fifo.png"
mkdir "$W/paper/folder.png"
cd "$W/paper" || exit 2

# paper NAME SRC...: a paper whose body is a paragraph, then one figure per
# SRC; the first figure is on line 13.
paper() {
	name=$1
	shift
	{
		printf '%s\n' --- 'title: T' 'purpose: P.' 'summary: S.' \
		    'recommendation: R.' 'action: A.' 'contact:' '  name: N' \
		    --- '' 'Text.' ''
		for src in "$@"; do printf '![A figure](%s)\n\n' "$src"; done
	} >"$name.md"
}

# run BIN NAME CMD...: runs a build or check of NAME.md from this folder,
# under a CPU-time limit and a wall-clock guard; sets RC, ERR and OUT.
run() {
	r_bin=$1
	r_name=$2
	shift 2
	OUT=$W/out/$(label "$r_bin")-$r_name
	ERR=$OUT.err
	rm -rf "$OUT"
	mkdir -p "$OUT"
	(ulimit -t 20; timeout 20 "$r_bin" "$@" "$r_name.md") >/dev/null 2>"$ERR"
	RC=$?
}

# builds NAME in all four formats; ok when it succeeds silently
builds_ok() {
	run "$1" "$2" check
	[ $RC -eq 0 ] && [ ! -s "$ERR" ] || {
		echo "# check: exit $RC: $(head -c 300 "$ERR")"
		return 1
	}
	run "$1" "$2" build -f pdf,html,txt,json -o "$W/out/$(label "$1")-$2/"
	[ $RC -eq 0 ] && [ ! -s "$ERR" ] && [ -s "$OUT/$2.pdf" ] || {
		echo "# exit $RC: $(head -c 300 "$ERR")"
		return 1
	}
}

# the PDF's images, in order, against the expected pixel files
pixels_are() {
	pdf=$1
	shift
	rm -rf "$pdf.x"
	mkdir "$pdf.x"
	pdfimages "$pdf" "$pdf.x/i" || return 1
	set -- $(for e in "$@"; do echo "$TOP/tests/images/expect-$e.ppm"; done)
	p_n=0
	for f in "$pdf.x"/i-*; do
		p_n=$((p_n + 1))
		eval "want=\${$p_n:-}"
		[ -n "$want" ] && cmp -s "$f" "$want" || {
			echo "# image $p_n of $pdf differs from $want"
			return 1
		}
	done
	[ $p_n -eq $# ]
}

# refused BIN NAME REGEX: check and every format of build exit 1 with one
# diagnostic matching REGEX, leave no output, and take little CPU time.
refused() {
	for cmd in check "build -f pdf" "build -f html" "build -f txt" \
	    "build -f json" "build -f pdf,html,txt,json"; do
		# shellcheck disable=SC2086
		run "$1" "$2" $cmd -o "$W/out/$(label "$1")-$2/" 2>/dev/null
		[ "$cmd" = check ] && run "$1" "$2" check
		if [ $RC -ne 1 ] || [ "$(wc -l <"$ERR")" -ne 1 ] ||
		    ! grep -q -E "$3" "$ERR"; then
			echo "# $cmd: exit $RC: $(head -c 300 "$ERR")"
			return 1
		fi
		[ -z "$(ls -A "$OUT")" ] || { echo "# $cmd left output"; return 1; }
	done
}

colour="rgb8 rgb16 rgb8-interlaced rgb16-interlaced palette2 palette4
palette8 palette4-interlaced rgba8-opaque"
grey="grey2 grey4 grey8 grey16 grey8-interlaced"
alpha="rgba8 rgba16 rgba8-interlaced palette8-trns"
greyalpha="greya8 greya16"
for img in $colour $grey grey1 $alpha $greyalpha; do paper "$img" "$img.png"; done
for bad in bad-crc bad-truncated bad-zlib bad-million huge-30000 \
    big-rgba-2400; do
	paper "$bad" "$bad.png"
done
paper two-big big-rgba-1500.png big-rgba-1500b.png
paper one-big big-rgba-1500.png
for j in jpeg-9-components jpeg-60000 jpeg-12-bit jpeg-arithmetic \
    jpeg-lossless jpeg-no-frame; do
	paper "$j" "$j.jpg"
done
paper jpeg-photo photo-2.jpg
paper alpha-gradient alpha-gradient.png
paper absolute "$W/outside.png"
paper dotdot ../outside.png
paper link-out link-out.png
paper link-in link-in.png
paper dot-inside sub/../rgb8.png
paper fifo fifo.png
paper folder folder.png
# an image's address is a URL path: %XX escapes are decoded, then the
# folder checks apply to the name they make; what would let an escape
# change the path's shape or smuggle in a control character is refused
cp rgb8.png "my chart.png"
cp rgb8.png "café.png"
cp rgb8.png "100%.png"
paper percent-space 'my%20chart.png'
paper percent-utf8 'caf%C3%A9.png'
paper percent-dotdot '%2e%2E/outside.png'
paper percent-slash '..%2Foutside.png'
paper percent-slash-lower 'sub%2frgb8.png'
paper percent-lone '100%.png'
paper percent-short 'rgb8.png%2'
paper percent-nul 'rgb8.png%00.txt'
paper percent-line-feed 'rgb8%0A.png'
paper percent-c1 'rgb8%C2%9B.png'
paper percent-not-utf8 'caf%E9.png'
awk 'BEGIN { for (i = 0; i < 200; i++) print "![A figure](rgb8.png)\n" }' \
    >many.body
paper many
cat many.body >>many.md

# decodes BIN NAME KIND...: builds NAME in every format and checks it; the
# PDF's images (colour, then any soft mask) are the KINDs' expected pixels
decodes() {
	d_bin=$1
	d_name=$2
	shift 2
	builds_ok "$d_bin" "$d_name" &&
	    pixels_are "$W/out/$(label "$d_bin")-$d_name/$d_name.pdf" "$@"
}

# the PDF's size in bytes is under $2
pdf_under() {
	run "$1" "$2" build -o "$W/out/$(label "$1")-$2/"
	size=$(wc -c <"$OUT/$2.pdf")
	[ $RC -eq 0 ] && [ "$size" -lt "$3" ] || {
		echo "# exit $RC, $size bytes: $(head -c 300 "$ERR")"
		return 1
	}
}

# NAME.pdf holds exactly one image object, however often it is drawn, and
# the image file was opened once
embedded_once() {
	run "$1" "$2" build -o "$W/out/$(label "$1")-$2/"
	[ $RC -eq 0 ] || return 1
	objects=$(pdfimages -list "$OUT/$2.pdf" | tail -n +3 | awk '{ print $11 }' |
	    sort -u | wc -l)
	draws=$(pdfimages -list "$OUT/$2.pdf" | tail -n +3 | wc -l)
	opens=$(strace -f -e trace=open,openat -o "$OUT.trace" "$1" check \
	    "$2.md" 2>/dev/null; grep -c 'rgb8\.png' "$OUT.trace")
	[ "$objects" -eq 1 ] && [ "$draws" -eq 200 ] && [ "$opens" -eq 1 ] || {
		echo "# $objects image objects, $draws drawn, $opens opens"
		return 1
	}
}

PNG_BAD="^NAME\\.md:13:1: error: image 'NAME\\.png' is not a valid PNG: "
for bin in $(binaries); do
	l=$(label "$bin")
	for img in $colour; do
		check "$l images: $img.png decodes to its pixels" \
		    decodes "$bin" "$img" colour
	done
	for img in $grey; do
		check "$l images: $img.png decodes to its pixels" \
		    decodes "$bin" "$img" grey
	done
	check "$l images: grey1.png decodes to its pixels" \
	    decodes "$bin" grey1 bw
	for img in $alpha; do
		check "$l images: $img.png decodes to its pixels and alpha mask" \
		    decodes "$bin" "$img" colour alpha
	done
	for img in $greyalpha; do
		check "$l images: $img.png decodes to its pixels and alpha mask" \
		    decodes "$bin" "$img" grey alpha
	done
	check "$l images: a JPEG still embeds" builds_ok "$bin" jpeg-photo
	base=$(wc -c <"$W/out/$l-rgb8/rgb8.pdf")
	check "$l images: an alpha mask is compressed (a 9 KB PNG adds under 20 KB)" \
	    pdf_under "$bin" alpha-gradient $((base + 20000))
	check "$l images: one image drawn 200 times is read and embedded once" \
	    embedded_once "$bin" many
	for bad in bad-crc bad-truncated bad-zlib; do
		check "$l images: $bad.png is refused by check and every format" \
		    refused "$bin" "$bad" "$(echo "$PNG_BAD" | sed "s/NAME/$bad/g")"
	done
	for big in bad-million huge-30000; do
		check "$l images: $big.png is refused by its pixel count" \
		    refused "$bin" "$big" \
		    "^$big\\.md:13:1: error: image '$big\\.png' has [0-9]+ pixels, over the limit of 40000000\$"
	done
	check "$l images: a JPEG claiming 60000 x 60000 is refused" \
	    refused "$bin" jpeg-60000 \
	    "^jpeg-60000\\.md:13:1: error: image 'jpeg-60000\\.jpg' has 3600000000 pixels, over the limit of 40000000\$"
	check "$l images: a PNG decoding past the paper's limit is refused" \
	    refused "$bin" big-rgba-2400 \
	    "^big-rgba-2400\\.md:13:1: error: image 'big-rgba-2400\\.png' decodes to 23040000 bytes, past the limit of 16777216 bytes"
	check "$l images: two PNGs decoding past the paper's limit together" \
	    refused "$bin" two-big \
	    "^two-big\\.md:15:1: error: image 'big-rgba-1500b\\.png' decodes to 9000000 bytes, past the limit"
	check "$l images: one of them alone is fine" builds_ok "$bin" one-big
	for j in jpeg-9-components jpeg-12-bit jpeg-arithmetic jpeg-lossless \
	    jpeg-no-frame; do
		check "$l images: $j.jpg is refused with the reason" \
		    refused "$bin" "$j" \
		    "^$j\\.md:13:1: error: image '$j\\.jpg' is a JPEG that PDF cannot show: [a-z]"
	done
	for out in absolute dotdot link-out; do
		check "$l images: $out: an image outside the paper's folder is refused" \
		    refused "$bin" "$out" \
		    "^$out\\.md:13:1: error: image '.*' is outside the paper's folder\$"
	done
	check "$l images: a link inside the folder is followed" \
	    builds_ok "$bin" link-in
	check "$l images: '..' that stays inside the folder is fine" \
	    builds_ok "$bin" dot-inside
	check "$l images: a FIFO is refused, without waiting for a writer" \
	    refused "$bin" fifo \
	    "^fifo\\.md:13:1: error: image 'fifo\\.png' is not a regular file\$"
	check "$l images: a folder is refused" refused "$bin" folder \
	    "^folder\\.md:13:1: error: image 'folder\\.png' is not a regular file\$"
	check "$l images: %20 in an address is a space ('my chart.png')" \
	    decodes "$bin" percent-space colour
	check "$l images: escapes of UTF-8 make its character ('café.png')" \
	    decodes "$bin" percent-utf8 colour
	run "$bin" percent-space build -f txt --deps "$W/out/$l-deps" -o \
	    "$W/out/$l-percent-deps.txt"
	check "$l images: --deps names the file, not the address" \
	    grep -qF 'my\ chart.png' "$W/out/$l-deps"
	check "$l images: '..' made by escapes is still outside the folder" \
	    refused "$bin" percent-dotdot \
	    "^percent-dotdot\\.md:13:1: error: image '%2e%2E/outside\\.png' is outside the paper's folder\$"
	ESC_OUT=": error: image '.*' names no file:"
	for bad in percent-slash percent-slash-lower; do
		check "$l images: $bad: %2F is refused" refused "$bin" "$bad" \
		    "^$bad\\.md:13:1$ESC_OUT %2F is not allowed: a '/' between folders is written as it is\$"
	done
	for bad in percent-lone percent-short; do
		check "$l images: $bad: a '%' that starts no escape is refused" \
		    refused "$bin" "$bad" \
		    "^$bad\\.md:13:1$ESC_OUT a '%' starts an escape of two hex digits, such as %20 for a space \\(a '%' itself is %25\\)\$"
	done
	for bad in percent-nul percent-line-feed percent-c1; do
		check "$l images: $bad: an escaped control character is refused" \
		    refused "$bin" "$bad" \
		    "^$bad\\.md:13:1$ESC_OUT an escape makes a control character, which no file name here may hold\$"
	done
	check "$l images: escapes that are not UTF-8 are refused" \
	    refused "$bin" percent-not-utf8 \
	    "^percent-not-utf8\\.md:13:1$ESC_OUT its escapes do not make UTF-8\$"
done

cd "$TOP" || exit 2
