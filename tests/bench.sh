#!/bin/sh
# make bench: whole-process times for each corpus paper in each format,
# beside cmark on the same body (the floor of what parsing costs).
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
