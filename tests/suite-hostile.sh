# Hostile input (SPEC section 6), generated here in $TMPDIR: each paper runs
# under `timeout 10` with the normal and the sanitizer builds and must not
# crash, hang or trip a sanitizer; exit 0 or 1; when it fails, say so in
# well-formed one-line diagnostics naming the file (and the line, or the
# byte offset for encoding errors) and leave no output.  The normal build's
# peak memory must stay in proportion to the input (SPEC section 6): under
# 64 times its size plus 32 MB.  Inputs dense with links and references
# cost cmark-gfm itself about 25 times their size; SPEC section 7's tighter
# 8x + 16 MB is for real papers scaled up, and is measured by make bench.
. tests/lib.sh

IN=$TMPDIR/in
mkdir -p "$IN"
cd "$IN" || exit 2
TIMEOUT=10
WIDTH=72

if [ -x /usr/bin/time ]; then
	HAVE_TIME=1
else
	HAVE_TIME=0
	not_ok "hostile: no /usr/bin/time to measure memory (apt-get install time)"
fi

# --- making inputs ---------------------------------------------------

# The front matter of a good paper: nine lines, so the body starts at 10.
header() {
	printf '%s\n' --- 'title: T' 'purpose: P.' 'summary: S.' \
	    'recommendation: R.' 'action: A.' 'contact:' '  name: N' ---
}
HEADER_BYTES=$(header | wc -c)

# rep STRING N: STRING N times, no newline
rep() {
	awk -v s="$1" -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "%s", s }'
}

# paper NAME: the header, a blank line, then standard input as the body
paper() {
	{ header; echo; cat; } >"$1.md"
}

: >empty.md
{ header; echo; yes 'Words of an ordinary paragraph, over and over again.' |
    head -c 100000000; } >huge-100mb.md
truncate -s 100M huge-sparse.md
head -c 1000000 "$BP" >binary.md
{ header; echo; head -c 1000000 /dev/urandom; } >random.md
{ header; echo; head -c 1000000 /dev/urandom | tr -d '\000'; } >random-no-nul.md
printf 'Body with a \000 NUL.\n' | paper nul
printf 'Caf\303 au lait.\n' | paper utf8-truncated
printf 'An overlong \300\257 slash.\n' | paper utf8-overlong
printf 'A surrogate \355\240\200 here.\n' | paper utf8-surrogate
printf 'Ends inside a character \342\202' | paper utf8-at-end
printf '\377\376---\ntitle: T\n' >utf8-first-byte.md
printf 'title: T\npurpose: P.\n\nNo front matter.\n' >no-fence.md
{ printf -- '---\ntitle: T\n'; rep 'purpose: P.\n' 1000; } >unclosed.md
{ rep a 100000; echo; } | paper long-word
{ printf 'Before '; rep b 100000; printf ' after.\n\n- '; rep c 100000;
    printf '\n'; } | paper long-word-indented
{ rep '- ' 10000; echo x; } | paper nested-bullets
{ rep '1. ' 10000; echo x; } | paper nested-ordered
{ rep '> ' 10000; echo x; } | paper nested-quotes
awk 'BEGIN { for (i = 0; i < 1000; i++) {
	for (j = 0; j < i; j++) printf "  "; print "- level" } }' |
    paper nested-indented
{ rep '*' 20000; printf x; rep '*' 20000; echo; } | paper emphasis-nested
{ rep '_' 20000; printf x; rep '_' 20000; echo; } | paper emphasis-underscore
{ rep '*' 20000; echo x; } | paper emphasis-unclosed
{ rep '*_' 10000; printf x; rep '_*' 10000; echo; } | paper emphasis-mixed
{ rep '[' 20000; printf x; rep ']' 20000; echo; } | paper brackets-nested
{ rep '[a' 20000; printf x; rep '](https://x.example/)' 20000; echo; } |
    paper links-nested
{ rep '![' 20000; printf x; rep '](i.png)' 20000; echo; } | paper images-nested
# Billion laughs: ten times ten, twenty levels deep, used by a required key.
{
	printf '%s\n' --- 'title: T' 'purpose: P.' 'recommendation: R.' \
	    'action: A.' 'contact:' '  name: N'
	awk 'BEGIN {
		print "x0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"
		for (i = 1; i < 20; i++) {
			printf "x%d: &a%d [", i, i
			for (j = 0; j < 10; j++)
				printf "%s*a%d", j ? ", " : "", i - 1
			print "]"
		}
	}'
	printf '%s\n' 'summary: *a19' --- '' 'Body.'
} >alias-bomb.md
{ echo '{#a} First.'; echo; rep '[](#a) ' 50000; echo; } | paper refs-50000
awk 'BEGIN { for (i = 0; i < 50000; i++)
	printf "{#p%d} See [](#p%d).\n\n", i, i + 1; print "{#p50000} End." }' |
    paper refs-chained
{ rep 'See [](#nowhere). ' 50000; echo; } | paper refs-unknown
# parse-time warnings interleaved with resolve-time errors, line by line
awk 'BEGIN { for (i = 0; i < 50000; i++)
	printf "[x](javascript:%d) [](#n%d)\n", i, i }' | paper refs-interleaved
# As deep as allowed (32 levels, each list and item counting one): the text
# must still fit the width.
{ echo 'A paragraph.'; echo; rep '1. ' 16; rep 'words ' 40; echo; } |
    paper deepest-ordered
{ rep '> ' 32; rep 'words ' 40; echo; } | paper deepest-quotes

# --- running them ----------------------------------------------------

# Peak resident memory (KB) and wall-clock time (ms) of the last plain run.
MEM=0
MS=0

# run_one BIN NAME OUTDIR: stderr to OUTDIR.err; sets RC, and MEM and MS
# for the plain build.
run_one() {
	t0=$(date +%s%N)
	if [ "$HAVE_TIME" = 1 ] && [ "$(label "$1")" = plain ]; then
		/usr/bin/time -f %M -o "$3.mem" timeout $TIMEOUT "$1" build \
		    -f txt,json,html -o "$3/" "$2.md" >/dev/null 2>"$3.err"
		RC=$?
		MEM=$(tail -n 1 "$3.mem")
	else
		timeout $TIMEOUT "$1" build -f txt,json,html -o "$3/" "$2.md" \
		    >/dev/null 2>"$3.err"
		RC=$?
	fi
	t1=$(date +%s%N)
	[ "$(label "$1")" = plain ] && MS=$(((t1 - t0) / 1000000))
}

# fail WHY: report one problem with the current case
fail() {
	[ -z "$why" ] && why=$1
	echo "# $l $name: $1"
}

# hostile NAME EXPECT LINES REGEX
#   EXPECT: ok (exit 0), error (exit 1) or any (0 or 1)
#   LINES:  how many diagnostic lines an error gives, or "any"
#   REGEX:  an extended regular expression the first line must match (with
#           LINES "any": some line)
hostile() {
	name=$1
	expect=$2
	lines=$3
	regex=$4
	size=$(wc -c <"$name.md")
	for bin in $(binaries); do
		l=$(label "$bin")
		out=$TMPDIR/out-$l-$name
		rm -rf "$out"
		mkdir -p "$out"
		why=
		run_one "$bin" "$name" "$out"
		err=$out.err
		if grep -q 'Sanitizer\|runtime error' "$err"; then
			fail "sanitizer report"
			grep -m 5 'ERROR\|SUMMARY\|runtime error' "$err"
		elif [ $RC -eq 124 ]; then
			fail "no result within ${TIMEOUT}s"
		elif [ $RC -ne 0 ] && [ $RC -ne 1 ]; then
			fail "exit status $RC (a crash?)"
			head -n 3 "$err"
		elif [ "$expect" = ok ] && [ $RC -ne 0 ]; then
			fail "exit $RC, expected 0"
			head -n 3 "$err"
		elif [ "$expect" = error ] && [ $RC -ne 1 ]; then
			fail "exit $RC, expected 1"
		fi
		[ -z "$why" ] && check_diagnostics
		[ -z "$why" ] && check_outputs
		if [ -z "$why" ]; then
			ok "$l hostile $name"
		else
			not_ok "$l hostile $name: $why"
		fi
		[ "$l" = plain ] && [ "$HAVE_TIME" = 1 ] && check_memory
		rm -rf "$out"
	done
}

check_diagnostics() {
	n=$(wc -l <"$err")
	if [ $RC -eq 0 ]; then
		# a good paper says nothing
		[ "$n" -eq 0 ] || { fail "diagnostics on success"; head -n 3 "$err"; }
		return
	fi
	if [ "$n" -eq 0 ]; then
		fail "exit 1 with no diagnostic"
		return
	fi
	if [ "$lines" != any ] && [ "$n" -ne "$lines" ]; then
		fail "$n diagnostic lines, expected $lines"
		head -n 3 "$err"
		return
	fi
	bad=$(grep -c -v -E "^$name\\.md(:[0-9]+:[0-9]+)?: (error|warning): [^ ]" \
	    "$err")
	if [ "$bad" -ne 0 ]; then
		fail "$bad malformed diagnostic lines"
		grep -v -E "^$name\\.md(:[0-9]+:[0-9]+)?: (error|warning): " \
		    "$err" | head -n 3 | cut -c 1-200
		return
	fi
	if [ "$lines" = any ]; then
		grep -q -E "$regex" "$err" && return
	elif head -n 1 "$err" | grep -q -E "$regex"; then
		return
	fi
	fail "unexpected diagnostic"
	echo "#   got:      $(head -n 1 "$err" | cut -c 1-200)"
	echo "#   expected: $regex"
}

check_outputs() {
	if [ $RC -ne 0 ]; then
		[ -z "$(ls -A "$out")" ] || fail "left output: $(ls -A "$out")"
		return
	fi
	if [ ! -s "$out/$name.txt" ] || [ ! -s "$out/$name.json" ]; then
		fail "no output"
		return
	fi
	# over the width only where one word is longer than it (SPEC §3)
	w=$(over_width $WIDTH "$out/$name.txt" | head -n 1 | cut -c 1-200)
	[ -z "$w" ] || fail "text output over $WIDTH columns: $w"
}

check_memory() {
	limit=$((size * 64 / 1024 + 32768))
	if [ "$MEM" -lt "$limit" ] 2>/dev/null; then
		ok "plain hostile $name: peak memory under 64x input + 32 MB"
	else
		not_ok "plain hostile $name: peak memory ${MEM} KB, over ${limit} KB (64x input + 32 MB)"
	fi
}

# quickly NAME MS KB: the last plain run took under MS milliseconds and
# KB of memory (for inputs that must be refused before they cost anything).
quickly() {
	if [ "$MS" -lt "$2" ] && { [ "$HAVE_TIME" = 0 ] || [ "$MEM" -lt "$3" ]; }; then
		ok "plain hostile $1: refused quickly"
	else
		not_ok "plain hostile $1: took ${MS} ms and ${MEM} KB, limits $2 ms and $3 KB"
	fi
}

LIMIT_MSG='is larger than the limit of [0-9]+ bytes'

hostile empty error 1 '^empty\.md:1:1: error: file is empty$'
hostile huge-100mb error 1 "^huge-100mb\\.md: error: file $LIMIT_MSG"
quickly huge-100mb 2000 32768
rm -f huge-100mb.md
hostile huge-sparse error 1 "^huge-sparse\\.md: error: file $LIMIT_MSG"
quickly huge-sparse 2000 32768
rm -f huge-sparse.md
hostile binary error 1 '^binary\.md:1:8: error: NUL byte at byte offset 7: '
hostile random error 1 \
    '^random\.md:[0-9]+:[0-9]+: error: (NUL byte|invalid UTF-8) at byte offset [0-9]+'
hostile random-no-nul error 1 \
    '^random-no-nul\.md:[0-9]+:[0-9]+: error: invalid UTF-8 at byte offset [0-9]+$'
hostile nul error 1 \
    "^nul\\.md:11:13: error: NUL byte at byte offset $((HEADER_BYTES + 13)): "
hostile utf8-truncated error 1 \
    "^utf8-truncated\\.md:11:4: error: invalid UTF-8 at byte offset $((HEADER_BYTES + 4))\$"
hostile utf8-overlong error 1 \
    "^utf8-overlong\\.md:11:13: error: invalid UTF-8 at byte offset $((HEADER_BYTES + 13))\$"
hostile utf8-surrogate error 1 \
    "^utf8-surrogate\\.md:11:13: error: invalid UTF-8 at byte offset $((HEADER_BYTES + 13))\$"
hostile utf8-at-end error 1 \
    "^utf8-at-end\\.md:11:25: error: invalid UTF-8 at byte offset $((HEADER_BYTES + 25))\$"
hostile utf8-first-byte error 1 \
    '^utf8-first-byte\.md:1:1: error: invalid UTF-8 at byte offset 0$'
hostile no-fence error 1 '^no-fence\.md:1:1: error: missing front matter'
hostile unclosed error 1 \
    '^unclosed\.md:1:1: error: front matter is not closed'
hostile long-word ok 0 ''
hostile long-word-indented ok 0 ''
hostile nested-bullets error 1 \
    '^nested-bullets\.md:11:[0-9]+: error: lists and quotes nested deeper'
hostile nested-ordered error 1 \
    '^nested-ordered\.md:11:[0-9]+: error: lists and quotes nested deeper'
hostile nested-quotes error 1 \
    '^nested-quotes\.md:11:[0-9]+: error: lists and quotes nested deeper'
hostile nested-indented error 1 \
    '^nested-indented\.md:[0-9]+:[0-9]+: error: lists and quotes nested deeper'
hostile emphasis-nested any any ''
hostile emphasis-underscore any any ''
hostile emphasis-unclosed any any ''
hostile emphasis-mixed any any ''
hostile brackets-nested any any ''
hostile links-nested any any ''
hostile images-nested error any \
    '^images-nested\.md:11:[0-9]+: error: image '
hostile alias-bomb error any \
    '^alias-bomb\.md:[0-9]+:[0-9]+: error: YAML anchors and aliases are not allowed$'
quickly alias-bomb 2000 32768
hostile refs-50000 ok 0 ''
hostile refs-chained ok 0 ''
# 20 diagnostics of a kind, then one line counting the rest of it
hostile refs-unknown error 21 \
    "^refs-unknown\\.md:11:5: error: unknown label 'nowhere'\$"
hostile refs-interleaved error 42 \
    "^refs-interleaved\\.md:11:1: warning: link to 'javascript:0' dropped"
hostile deepest-ordered ok 0 ''
hostile deepest-quotes ok 0 ''
cd "$TOP" || exit 2
