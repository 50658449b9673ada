# Golden text and JSON for the examples, the corpus and tests/txt/*.md,
# from the normal and the sanitizer builds.
. tests/lib.sh
for bin in $(binaries); do
	l=$(label "$bin")
	for paper in "$TOP"/examples/*.md "$SHARED"/corpus/*.md "$TOP"/tests/txt/*.md; do
		name=$(basename "$paper" .md)
		for fmt in txt json; do
			out=$TMPDIR/$name.$l.$fmt
			(cd "$(dirname "$paper")" && "$bin" build -f "$fmt" \
			    -o - "$name.md") >"$out" 2>"$out.err"
			rc=$?
			if [ $rc -ne 0 ] || [ -s "$out.err" ]; then
				not_ok "$l $name.$fmt: exit $rc"
				head -n 20 "$out.err"
				continue
			fi
			[ "$l" = asan ] && [ "$UPDATE" = 1 ] && continue
			golden "$l $name.$fmt" "tests/golden/$name.$fmt" "$out"
		done
	done
done
