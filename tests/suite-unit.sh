# Unit tests of the model, the resolve pass, the line breaker and the buffer
# (tests/unit.c), run from the normal and the sanitizer builds.  Their
# "ok - NAME" lines pass through, marked with the build.
. tests/lib.sh
for bin in "$UNIT" "$UNIT_ASAN"; do
	l=$(label "$bin")
	if [ ! -x "$bin" ]; then
		not_ok "$l unit: no $bin (make build/unit build/unit-asan)"
		continue
	fi
	"$bin" >"$TMPDIR/$l.out" 2>"$TMPDIR/$l.err"
	rc=$?
	sed -e "s/^ok - /ok - $l unit: /" \
	    -e "s/^not ok - /not ok - $l unit: /" "$TMPDIR/$l.out"
	# a sanitizer report, a crash, or a failure with no test to blame
	if grep -q 'Sanitizer\|runtime error' "$TMPDIR/$l.err" ||
	    [ $rc -gt 1 ] ||
	    { [ $rc -ne 0 ] && ! grep -q '^not ok - ' "$TMPDIR/$l.out"; }; then
		not_ok "$l unit: exited $rc"
		head -n 40 "$TMPDIR/$l.err"
	elif [ -s "$TMPDIR/$l.err" ]; then
		not_ok "$l unit: wrote to standard error"
		head -n 20 "$TMPDIR/$l.err"
	elif ! grep -q '^ok - ' "$TMPDIR/$l.out"; then
		not_ok "$l unit: no test passed"
	fi
done

# Object streams (pdf_objstm.c): 200 dictionaries and then only a stream,
# packed, hold one object stream, not a second empty one (/N 0), which
# qpdf --check passes but which is no use to a reader.
sample=$TMPDIR/objstm-streams-last.pdf
if "$UNIT" objstm-sample "$sample"; then
	check "objstm: streams last: qpdf --check clean" sh -c \
	    "qpdf --check '$sample' >/dev/null 2>&1"
	check "objstm: streams last: no empty object stream (qpdf --json)" \
	    python3 -c '
import json, subprocess, sys
j = json.loads(subprocess.run(["qpdf", "--json", sys.argv[1]],
    capture_output=True, text=True, check=True).stdout)
objstms = [v["stream"]["dict"] for v in j["qpdf"][1].values()
    if isinstance(v, dict) and "stream" in v and
    v["stream"]["dict"].get("/Type") == "/ObjStm"]
sys.exit(not (len(objstms) == 1 and objstms[0]["/N"] == 200))
' "$sample"
else
	not_ok "objstm: streams last: unit objstm-sample wrote no sample"
fi
