# Golden text and JSON for the examples, the corpus and tests/txt/*.md,
# from the normal and the sanitizer builds.  A paper's warnings are golden
# too (tests/golden/NAME.FORMAT.err); without that file there must be none.
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
			errs=tests/golden/$name.$fmt.err
			if [ $rc -ne 0 ] || { [ -s "$out.err" ] && [ ! -f "$errs" ] &&
			    [ "$UPDATE" = 0 ]; }; then
				not_ok "$l $name.$fmt: exit $rc"
				head -n 20 "$out.err"
				continue
			fi
			[ "$l" = asan ] && [ "$UPDATE" = 1 ] && continue
			golden "$l $name.$fmt" "tests/golden/$name.$fmt" "$out"
			if [ -s "$out.err" ] || [ -f "$errs" ]; then
				golden "$l $name.$fmt warnings" "$errs" "$out.err"
			fi
		done
	done
done

# No line of any golden text is wider than 72 columns, but for a line that
# holds one word longer than that (a URL): SPEC §3.
for g in tests/golden/*.txt; do
	bad=$(over_width 72 "$g" | head -n 3)
	check "$(basename "$g"): no line over 72 columns but a long word" \
	    test -z "$bad"
	[ -z "$bad" ] || echo "$bad"
done

# Every URL of every paper appears whole in its text output, so that it
# can be copied (a mailto link as its address).
for j in tests/golden/*.json; do
	t=${j%.json}.txt
	[ -f "$t" ] || continue
	missing=$(sed -n 's/^ *"url": "\(.*\)",*$/\1/p' "$j" | sed 's/^mailto://' |
	    sed 's/\\"/"/g; s/\\\\/\\/g' | sort -u | while IFS= read -r u; do
		grep -qF -- "$u" "$t" || echo "$u"
	done)
	check "$(basename "$t"): every URL whole" test -z "$missing"
	[ -z "$missing" ] || echo "$missing" | head -n 3
done
