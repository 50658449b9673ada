# Bad inputs: tests/bad/NAME.md must give exactly tests/bad/NAME.err on
# standard error, exit 1 when that has an error (0 for warnings alone), and
# leave no output file.  Files named strict-*.md run with --strict.
. tests/lib.sh
for bin in $(binaries); do
	l=$(label "$bin")
	for paper in tests/bad/*.md; do
		name=$(basename "$paper" .md)
		flags=
		case "$name" in strict-*) flags=--strict ;; esac
		dir=$TMPDIR/$l-$name
		mkdir -p "$dir"
		(cd tests/bad && "$bin" build $flags -f txt,json -o "$dir/" \
		    "$name.md") >/dev/null 2>"$dir/stderr"
		rc=$?
		# exit 1 exactly when there is an error: from the golden file,
		# or, when making it, from what was printed
		expected=tests/bad/$name.err
		[ "$UPDATE" = 1 ] && expected=$dir/stderr
		want=1
		grep -q ': error: ' "$expected" 2>/dev/null || want=0
		if [ $rc -ne $want ]; then
			not_ok "$l bad/$name: exit $rc, expected $want"
			head -n 5 "$dir/stderr"
			continue
		fi
		if [ $want = 1 ] && [ -n "$(ls -A "$dir" | grep -v '^stderr$')" ]; then
			not_ok "$l bad/$name: left output: $(ls "$dir")"
			continue
		fi
		[ "$l" = asan ] && [ "$UPDATE" = 1 ] && continue
		golden "$l bad/$name" "tests/bad/$name.err" "$dir/stderr"
	done
done
