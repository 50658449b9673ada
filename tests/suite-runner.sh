# The test runner itself (tests/run.sh): SIGTERM or SIGINT ends it at
# once, with the suite it was running and that suite's children, and it
# dies of the signal (exit 143, 130), leaving no temporary folder.  It
# used to remove its folder and carry on with the next suite.  Each case
# runs a copy of run.sh over two suites of its own, so nothing recurses:
# the first starts a child in the background, says it has started, and
# sleeps; the second only marks that it ran.
. tests/lib.sh

cd "$TMPDIR" || exit 2
mkdir -p repo/tests shared/corpus
cp "$TOP/tests/run.sh" repo/tests/run.sh
cat >repo/tests/suite-a-sleeps.sh <<'EOF'
echo "ok - started"
sleep 300 &
echo $! >"$MARK/child"
echo $$ >"$MARK/suite"
: >"$MARK/started"
sleep 300 &
echo $! >"$MARK/child2"
wait
echo "ok - slept"
EOF
cat >repo/tests/suite-b-next.sh <<'EOF'
: >"$MARK/next"
echo "ok - next"
EOF

# waits (up to 120 s: a guard against a hang, not a measure) for FILE
appears() {
	for t in $(seq 1 1200); do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# waits for process $1 for at most 60 s, then kills it; sets rc, and hung
# to 1 when it had to kill (the old runner went on sleeping with the suite)
wait_runner() {
	rm -f "$TMPDIR/hung"
	( for t in $(seq 1 600); do
		kill -0 "$1" 2>/dev/null || exit 0
		sleep 0.1
	  done
	  : >"$TMPDIR/hung"; kill -KILL "$1" 2>/dev/null ) &
	dog=$!
	wait "$1" 2>/dev/null # (dash would say "Terminated")
	rc=$?
	wait "$dog"
	hung=0
	[ -e "$TMPDIR/hung" ] && hung=1
}

# none of the processes runs: each is gone, or a zombie that whoever
# adopted it has not reaped yet
gone() {
	for p in "$@"; do
		s=$(sed -n 's/^State:[[:space:]]*\(.\).*/\1/p' "/proc/$p/status" 2>/dev/null)
		[ -z "$s" ] || [ "$s" = Z ] || return 1
	done
}

for sig in TERM INT; do
	case $sig in TERM) want=143 ;; INT) want=130 ;; esac
	mark=$TMPDIR/mark-$sig tmp=$TMPDIR/tmp-$sig
	mkdir -p "$mark" "$tmp"
	# SIGINT as a terminal's foreground job has it, not ignored as a
	# background command of this shell would
	MARK=$mark SHARED=$TMPDIR/shared TMPDIR=$tmp \
	    env --default-signal=INT sh repo/tests/run.sh >"$TMPDIR/out-$sig" 2>&1 &
	runner=$!
	if ! appears "$mark/started"; then
		not_ok "runner: the suite never started ($sig)"
		kill -KILL "$runner" 2>/dev/null
		continue
	fi
	kill -"$sig" "$runner"
	wait_runner "$runner"
	check "runner: SIGTERM and SIGINT end the run at once (SIG$sig)" test "$hung" = 0
	check "runner: it dies of SIG$sig (exit $want)" test "$rc" = "$want"
	check "runner: SIG$sig ends the running suite" gone "$(cat "$mark/suite")"
	check "runner: SIG$sig ends the suite's children" \
	    gone "$(cat "$mark/child")" "$(cat "$mark/child2")"
	check "runner: after SIG$sig no further suite runs" test ! -e "$mark/next"
	check "runner: after SIG$sig no summary is printed" \
	    sh -c "! grep -q 'passed, ' '$TMPDIR/out-$sig'"
	check "runner: SIG$sig leaves no temporary folder" test -z "$(ls -A "$tmp")"
	# whatever the old runner left running
	kill -KILL "$(cat "$mark/suite")" "$(cat "$mark/child")" \
	    "$(cat "$mark/child2")" 2>/dev/null
done

# --help says how to run it and names the suites; a name no suite holds,
# or an unknown option, is an error (exit 2), not "0 passed, 0 failed"
# (it used to take --help as a suite name and run nothing)
SHARED=$TMPDIR/shared sh repo/tests/run.sh --help >"$TMPDIR/help" 2>&1
rc=$?
check "runner: --help exits 0, with its usage and the suites' names (a-sleeps b-next)" \
    sh -c "test $rc = 0 && grep -q '^usage: tests/run.sh' '$TMPDIR/help' &&
        grep -qx 'suites: a-sleeps b-next' '$TMPDIR/help'"
SHARED=$TMPDIR/shared sh repo/tests/run.sh nosuch >"$TMPDIR/nosuch" 2>&1
rc=$?
check "runner: a name no suite holds is refused (exit 2), no suite run" \
    sh -c "test $rc = 2 && grep -qx \"tests/run.sh: no suite's name contains 'nosuch'\" '$TMPDIR/nosuch' &&
        ! grep -q 'passed, ' '$TMPDIR/nosuch'"
SHARED=$TMPDIR/shared sh repo/tests/run.sh --frobnicate >"$TMPDIR/badopt" 2>&1
rc=$?
check "runner: an unknown option is refused (exit 2)" \
    sh -c "test $rc = 2 && grep -qx \"tests/run.sh: unknown option '--frobnicate'\" '$TMPDIR/badopt'"
exit 0
