#!/bin/sh
# make bench: whole-process times for each corpus paper in each format,
# beside cmark on the same body (the floor of what parsing costs).
# BASE=path/to/boardpaper also compares the PDF times with that build.
# Medians of many runs (hyperfine); a benchmark, never a test.
set -eu
cd "$(dirname "$0")/.."
SHARED=${SHARED:-../shared}
RUNS=${RUNS:-200}
command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (make deps)" >&2; exit 2; }
command -v cmark-gfm >/dev/null || { echo "bench: needs cmark-gfm (make deps)" >&2; exit 2; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
formats=$(./boardpaper --help | sed -n 's/.*comma-separated: *//p')

# median in milliseconds of a command
median() {
	hyperfine -N -w 20 -r "$RUNS" --export-csv "$TMP/h.csv" "$1" >/dev/null 2>&1
	awk -F, 'NR == 2 { printf "%.2f", $4 * 1000 }' "$TMP/h.csv"
}

printf '%-22s %-6s %9s %9s %7s\n' paper format ms cmark-ms ratio
for paper in "$SHARED"/corpus/*.md; do
	name=$(basename "$paper" .md)
	awk 'n >= 2 { print } /^---[ \t]*$/ { n++ }' "$paper" >"$TMP/$name.body.md"
	base=$(median "cmark-gfm -e table -e strikethrough -e autolink $TMP/$name.body.md")
	for fmt in $formats; do
		t=$(median "./boardpaper build -f $fmt -o $TMP/out.$fmt $paper")
		printf '%-22s %-6s %9s %9s %7s\n' "$name" "$fmt" "$t" "$base" \
		    "$(awk -v a="$t" -v b="$base" 'BEGIN { printf "%.1fx", a / b }')"
	done
done

# What tagged PDF costs: with BASE=path to a boardpaper built from before
# it (44b3a8b^), each corpus paper and example as PDF by both, the two
# commands alternating in one hyperfine run so that both see the same
# machine: medians of wall time, and means of CPU time (user + system),
# which a busy machine disturbs less.
if [ -n "${BASE:-}" ]; then
	echo
	printf '%-22s %9s %9s %7s %9s %9s %7s\n' "PDF: tagged vs BASE" ms \
	    base-ms ratio cpu-ms base-cpu ratio
	for paper in "$SHARED"/corpus/*.md examples/*.md; do
		name=$(basename "$paper" .md)
		hyperfine -N -w 20 -r "$RUNS" --export-csv "$TMP/t.csv" \
		    "./boardpaper build -o $TMP/tagged.pdf $paper" \
		    "$BASE build -o $TMP/base.pdf $paper" >/dev/null 2>&1
		awk -F, -v n="$name" '
		    NR == 2 { t = $4 * 1000; tc = ($5 + $6) * 1000 }
		    NR == 3 { b = $4 * 1000; bc = ($5 + $6) * 1000 }
		    END { printf "%-22s %9.2f %9.2f %+6.1f%% %9.2f %9.2f %+6.1f%%\n",
		        n, t, b, (t / b - 1) * 100, tc, bc, (tc / bc - 1) * 100 }' \
		    "$TMP/t.csv"
	done
fi

# Linear growth: the first corpus paper with its body ten times over.
paper=$(ls "$SHARED"/corpus/*.md | head -n 1)
name=$(basename "$paper" .md)
awk '/^---[ \t]*$/ { n++; print; next } n < 2 { print }' "$paper" >"$TMP/long.md"
for i in 1 2 3 4 5 6 7 8 9 10; do cat "$TMP/$name.body.md"; done >>"$TMP/long.md"
echo
printf '%-22s %-6s %9s %9s %7s %9s %9s\n' "10x $name" format ms 1x-ms ratio peak-KB limit-KB
size=$(wc -c <"$TMP/long.md")
for fmt in $formats; do
	one=$(median "./boardpaper build -f $fmt -o $TMP/out.$fmt $paper")
	ten=$(median "./boardpaper build -f $fmt -o $TMP/out.$fmt $TMP/long.md")
	peak=$(/usr/bin/time -f %M ./boardpaper build -f "$fmt" -o "$TMP/out.$fmt" "$TMP/long.md" 2>&1 >/dev/null | tail -n 1)
	printf '%-22s %-6s %9s %9s %7s %9s %9s\n' "" "$fmt" "$ten" "$one" \
	    "$(awk -v a="$ten" -v b="$one" 'BEGIN { printf "%.1fx", a / b }')" \
	    "$peak" "$((size * 8 / 1024 + 16384))"
done

# Throughput: 1000 papers in one -j 2 call.
mkdir -p "$TMP/many" "$TMP/many-out"
i=0
while [ $i -lt 1000 ]; do
	for p in "$SHARED"/corpus/*.md; do
		[ $i -lt 1000 ] && cp "$p" "$TMP/many/p$i.md"
		i=$((i + 1))
	done
done
echo
for fmt in $formats; do
	start=$(date +%s%N)
	./boardpaper build -j 2 -f "$fmt" -o "$TMP/many-out/" "$TMP"/many/*.md
	end=$(date +%s%N)
	awk -v ns=$((end - start)) -v f="$fmt" 'BEGIN {
	    printf "1000 papers, -j 2, %-5s %7.0f papers/s\n", f, 1000 / (ns / 1e9) }'
done

if command -v pandoc >/dev/null; then
	echo
	p=$(median "pandoc -s -o $TMP/pandoc.html $paper")
	printf 'pandoc %s to HTML: %s ms\n' "$name" "$p"
fi
