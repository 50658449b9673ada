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
cd "$TOP" || exit 2
