# A short, deterministic fuzz run inside make test: each libFuzzer harness
# (built by make test, see the Makefile's FUZZERS) from a fresh copy of
# its seed corpus, with seed 1 and a fixed number of runs, so the same
# tree makes the same inputs.  A crash, a leak, a sanitizer report or a
# timeout fails the suite.  About a minute in all on 2 cores; `make fuzz`
# is the long run.
. tests/lib.sh

FUZZ_TMP=$TMPDIR/fuzz
mkdir -p "$FUZZ_TMP/paper" "$FUZZ_TMP/frontmatter" "$FUZZ_TMP/image-path"
# the seeds, as make fuzz gathers them
cp examples/*.md "$SHARED"/corpus/*.md tests/fuzz-seeds/*.md "$FUZZ_TMP/paper/"
for f in examples/*.md tests/bad/fm-*.md; do
	sed -n '2,/^---$/p' "$f" | sed '$d' >"$FUZZ_TMP/frontmatter/$(basename "$f")"
done
cp tests/fuzz-image-path-seeds/* "$FUZZ_TMP/image-path/"
# the Liberation fonts on this machine, as make fuzz gathers them
mkdir -p "$FUZZ_TMP/font"
fc-list -f '%{file}\n' | grep -i '/liberation[^/]*\.ttf$' |
    while read -r f; do cp "$f" "$FUZZ_TMP/font/"; done

# fuzz NAME HARNESS RUNS MAX_LEN [OPTION...]: runs HARNESS from TOP (the
# paper harness reads tests/fuzz-images), its corpus $FUZZ_TMP/NAME
fuzz() {
	name=$1 harness=$2 runs=$3 max_len=$4
	shift 4
	if [ ! -x "$harness" ]; then
		not_ok "fuzz $name: $harness is missing (make test builds it)"
		return
	fi
	log=$FUZZ_TMP/$name.log
	"$harness" -seed=1 -runs="$runs" -max_len="$max_len" -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix="$FUZZ_TMP/$name-" "$@" "$FUZZ_TMP/$name" \
	    >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	if [ $rc -eq 0 ] && [ "${execs:-0}" -ge "$runs" ]; then
		ok "fuzz $name: $execs runs from the seeds, no finding"
	else
		not_ok "fuzz $name: exit $rc after ${execs:-?} runs"
		grep -m 8 -E 'ERROR|SUMMARY|runtime error|Test unit written|deadly' \
		    "$log" | sed 's/^/#   /'
	fi
}

fuzz paper build/fuzz 8000 65536
fuzz frontmatter build/fuzz-frontmatter 30000 16384
fuzz image-path build/fuzz-image-path 80000 4096 \
    -dict=tests/fuzz-image-path.dict
fuzz font build/fuzz-font 400 1048576
