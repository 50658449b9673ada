# Messages and text that reach a terminal (SPEC sections 1, 5 and 6, issue
# 9): every string on standard error is escaped and cut, whoever wrote it
# (the paper's body, its front matter, its file name); the text output
# never holds a control character but the line feed; CSS strings in the
# HTML hold no code point an HTML document may not.
. tests/lib.sh

cd "$TMPDIR" || exit 2
header() {
	printf '%s\n' --- 'title: T' 'purpose: P.' 'summary: S.' \
	    'recommendation: R.' 'action: A.' 'contact:' '  name: N' --- ''
}

# a reference to a 1 MB label: one short line, not a 1 MB one
{ header; printf '[](#'; head -c 1000000 /dev/zero | tr '\0' a; echo ')'; } \
    >long-label.md
# a file name that would set the terminal's title
ESCNAME=$(printf 'title\033]0;pwned\007.md')
{ header; echo 'See [](#nowhere).'; } >"$ESCNAME"
# TAB is allowed in the source, and expands in code blocks
{ header; printf 'Before.\n\n```\n\tindented\tand\ttabbed\n```\n'; } >tabs.md
# code points HTML forbids, in strings that reach the <style> element
{ printf '%s\n' --- 'title: T' 'board: "Board \uFDD0 x"' 'item: "4\uFDEF"' \
    'purpose: P.' 'summary: S.' 'recommendation: R.' 'action: A.' \
    'contact:' '  name: N' --- '' 'Body.'; } >css.md

# a flood of eleven kinds, 25 of each: 20 lines per kind, 200 in all, then
# one summary line per kind and one for what the cap left out
printf 'Not a PNG.\n' >not-an-image.png
{ header; awk 'BEGIN {
	for (i = 0; i < 25; i++) {
		printf "See [](#nowhere%d).\n\n", i
		printf "[x](javascript:%d)\n\n", i
		printf "[x](https:no-slashes-%d)\n\n", i
		printf "{#bad!label%d} Text.\n\n", i
		printf "{#twice} Text.\n\n"
		printf "![](no-alt-%d.png)\n\n", i
		printf "![A figure](missing-%d.png)\n\n", i
		printf "Text ![A figure](not-an-image.png) inline %d.\n\n", i
		printf "![A figure](/outside-%d.png)\n\n", i
		printf "![A figure](not-an-image.png)\n\n"
		printf "A control &#27; %d.\n\n", i
	} }'; } >flood.md

# most_of_a_kind FILE N: no message of FILE, numbers aside, comes over N
# times
most_of_a_kind() {
	n=$(grep -E '^[^:]+:[0-9]+:[0-9]+: ' "$1" |
	    sed -E 's/^[^ ]* [^ ]* //; s/[0-9]+//g' | sort | uniq -c |
	    sort -rn | awk 'NR == 1 { print $1 }')
	[ -n "$n" ] && [ "$n" -le "$2" ]
}

# last_line_is FILE REGEX
last_line_is() {
	tail -n 1 "$1" | grep -q -E "$2"
}

# no byte a terminal acts on: C0 but LF, DEL, and C1 (as UTF-8)
no_controls() {
	! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$1" &&
	    ! LC_ALL=C grep -q "$(printf '\302[\200-\237]')" "$1"
}

for bin in $(binaries); do
	l=$(label "$bin")
	"$bin" check long-label.md 2>"$l-long.err"
	check "$l messages: a 1 MB label makes one short line" \
	    test "$(wc -l <"$l-long.err")" -eq 1 -a "$(wc -c <"$l-long.err")" -lt 300
	check "$l messages: the cut label ends with ..." \
	    grep -q "unknown label 'a*\\.\\.\\.'\$" "$l-long.err"
	"$bin" check flood.md 2>"$l-flood.err"
	check "$l messages: a flood prints 200 located diagnostics, no more" \
	    test "$(grep -c -E '^flood\.md:[0-9]+:[0-9]+: (error|warning): ' \
	    "$l-flood.err")" -eq 200
	check "$l messages: ... at most 20 of one kind" most_of_a_kind \
	    "$l-flood.err" 20
	check "$l messages: ... then one summary line per kind (11)" \
	    test "$(grep -c -E '^flood\.md: (error|warning): \.\.\. and [0-9]+ more: ' \
	    "$l-flood.err")" -eq 11
	check "$l messages: ... and one line counts what the cap left out" \
	    last_line_is "$l-flood.err" \
	    '^flood\.md: error: [0-9]+ more errors and warnings not shown$'
	check "$l messages: ... and nothing else (212 lines)" \
	    test "$(wc -l <"$l-flood.err")" -eq 212
	"$bin" check "$ESCNAME" 2>"$l-name.err"
	check "$l messages: a file name's control characters are escaped" \
	    no_controls "$l-name.err"
	check "$l messages: ... and shown as \\x1b" \
	    grep -q '^title\\x1b\]0;pwned\\x07\.md:11:5: error: ' "$l-name.err"
	"$bin" build -f txt -o "$l-tabs.txt" tabs.md 2>"$l-tabs.err"
	check "$l messages: the text output holds no control character" \
	    no_controls "$l-tabs.txt"
	check "$l messages: tabs in code expand to 4-column stops" \
	    grep -q '^ *    indented    and tabbed$' "$l-tabs.txt"
	"$bin" build -f html -o "$l-css.html" css.md 2>"$l-css.err"
	check "$l messages: CSS strings map U+FDD0 and U+FDEF to U+FFFD" \
	    sh -c "! grep -q '$(printf '\357\267[\220\257]')' '$l-css.html' &&
	        grep -q 'content:\"Board \\\\fffd  x\"' '$l-css.html'"
done

# a font cache entry naming a damaged file (right size and time, so the
# cache trusts it): the error names the file and says to delete the cache
mkdir -p fontcache
{ header; echo 'Body.'; } >font.md
XDG_CACHE_HOME=$TMPDIR/fontcache "$BP" build -o font0.pdf font.md 2>/dev/null
CACHE=$TMPDIR/fontcache/boardpaper/fonts-v2
cp "$CACHE" fonts-v2.good
FONT=$(awk -F '\t' 'NR == 2 { print $4 }' "$CACHE")
head -c 3000 "$FONT" >damaged.ttf
# where table $1's directory record is in the font
font_record() {
	n=$(od -An -tu1 -j4 -N2 "$FONT" | awk '{ print $1 * 256 + $2 }')
	i=0
	while [ "$i" -lt "$n" ] && [ "$(dd if="$FONT" bs=1 \
	    skip=$((12 + 16 * i)) count=4 2>/dev/null)" != "$1" ]; do
		i=$((i + 1))
	done
	echo $((12 + 16 * i))
}
# one whose table directory cuts glyf to 100 bytes, so that loca points
# past it (hb-subset made a PDF of it, of glyphs it could not find)
cp "$FONT" glyf-cut.ttf
printf '\000\000\000\144' |
    dd of=glyf-cut.ttf bs=1 seek=$(($(font_record glyf) + 12)) conv=notrunc \
    2>/dev/null
# one whose head gives 0 units per em (the subsetter took it, and then
# libharu's loader divided by it: SIGFPE)
head_at=$(od -An -tu1 -j$(($(font_record head) + 8)) -N4 "$FONT" |
    awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }')
cp "$FONT" upem-zero.ttf
printf '\000\000' |
    dd of=upem-zero.ttf bs=1 seek=$((head_at + 18)) conv=notrunc 2>/dev/null
for bad in damaged glyf-cut upem-zero; do
	awk -F '\t' -v OFS='\t' -v p="$TMPDIR/$bad.ttf" \
	    -v s="$(wc -c <$bad.ttf)" -v m="$(stat -c %Y $bad.ttf)" \
	    'NR > 1 { $4 = p; $5 = s; $6 = m } { print }' fonts-v2.good >"$CACHE"
	for bin in $(binaries); do
		l=$(label "$bin")
		XDG_CACHE_HOME=$TMPDIR/fontcache "$bin" build -o "$l-$bad.pdf" \
		    font.md 2>"$l-$bad.err"
		check "$l messages: a damaged font file ($bad) is named, with the cache to delete, and no PDF" \
		    sh -c "grep -q -E '^font\\.md: error: cannot (read|load) the font file $TMPDIR/$bad\\.ttf[: ].*delete \\\$XDG_CACHE_HOME/boardpaper/fonts-v2' '$l-$bad.err' &&
		        [ ! -e '$l-$bad.pdf' ]"
	done
done
# a house style's font whose glyph 0 (.notdef, in every subset) is made a
# composite of itself: libharu loads it, the subsetter refuses the loop.
# The message named the built-in family (Liberation Sans), not the one
# the style uses.  The file is $FONT (Liberation Sans Bold, whose glyph 0
# has contours and starts its glyf table; Liberation Serif's is empty),
# given in the cache as every Liberation Serif face.
mkdir -p serif
printf 'root: true\nfont: Liberation Serif\n' >serif/.boardpaper.yaml
cp font.md serif/font.md
(cd serif && XDG_CACHE_HOME=$TMPDIR/serifcache "$BP" build -o s0.pdf font.md) \
    2>/dev/null
SCACHE=$TMPDIR/serifcache/boardpaper/fonts-v2
cp "$SCACHE" serif-v2.good
glyf_at=$(od -An -tu1 -j$(($(font_record glyf) + 8)) -N4 "$FONT" |
    awk '{ print (($1 * 256 + $2) * 256 + $3) * 256 + $4 }')
cp "$FONT" notdef-loop.ttf
printf '\377\377' |
    dd of=notdef-loop.ttf bs=1 seek="$glyf_at" conv=notrunc 2>/dev/null
printf '\000\000\000\000' |
    dd of=notdef-loop.ttf bs=1 seek=$((glyf_at + 10)) conv=notrunc 2>/dev/null
awk -F '\t' -v OFS='\t' -v p="$TMPDIR/notdef-loop.ttf" \
    -v s="$(wc -c <notdef-loop.ttf)" -v m="$(stat -c %Y notdef-loop.ttf)" \
    'NR > 1 { $4 = p; $5 = s; $6 = m } { print }' serif-v2.good >"$SCACHE"
for bin in $(binaries); do
	l=$(label "$bin")
	(cd serif && XDG_CACHE_HOME=$TMPDIR/serifcache "$bin" build \
	    -o "$l-loop.pdf" font.md) 2>"$l-loop.err"
	check "$l messages: a font that cannot be subset is named by the house style's family, and no PDF" \
	    sh -c "grep -q \"^font\\.md: error: cannot make a subset of the font 'Liberation Serif\" '$l-loop.err' &&
	        [ ! -e 'serif/$l-loop.pdf' ]"
done
# a FIFO where the font cache is: neither read nor written, so never
# waited on for a writer or a reader (a wall-clock guard: a blocked
# open() uses no CPU time); the fonts are found through fontconfig
for bin in $(binaries); do
	l=$(label "$bin")
	rm -rf fifocache
	mkdir -p fifocache/boardpaper
	mkfifo fifocache/boardpaper/fonts-v2
	check "$l messages: a FIFO as the font cache is not waited on" sh -c \
	    "XDG_CACHE_HOME='$TMPDIR/fifocache' timeout 60 '$bin' build \
	        -o '$l-fifocache.pdf' font.md && [ -s '$l-fifocache.pdf' ] &&
	    [ -p fifocache/boardpaper/fonts-v2 ]"
done
cd "$TOP" || exit 2

# Every diagnostic code has a message of its own (STYLE: a code whose
# message is just "%s" is free text in disguise).
check "messages: no code's message is only '%s'" sh -c \
    "! grep -n '\"%s\" *}' '$TOP/src/base/diag.c'"

