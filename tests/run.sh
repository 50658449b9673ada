#!/bin/sh
# The test suite.  Runs every tests/suite-*.sh; each prints "ok - NAME" or
# "not ok - NAME" lines (details on further lines).  Ends with the line
# "N passed, N failed" and exits non-zero when anything failed.
#   tests/run.sh            run everything
#   tests/run.sh --update   rewrite the golden files (review with git diff)
#   tests/run.sh golden     run only the suites whose name contains "golden"
#   tests/run.sh --help     this, and the suites' names
set -u
cd "$(dirname "$0")/.." || exit 2
usage() {
	echo "usage: tests/run.sh [--update] [SUITE]"
	echo "  runs every tests/suite-*.sh, or those whose name contains SUITE;"
	echo "  --update rewrites the golden files (review with git diff)"
	printf 'suites:'
	for s in tests/suite-*.sh; do s=${s#tests/suite-}; printf ' %s' "${s%.sh}"; done
	echo
}
case "${1:-}" in
-h | --help) usage; exit 0 ;;
--update) ;;
-*) echo "tests/run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
esac
UPDATE=0
if [ "${1:-}" = "--update" ]; then
	UPDATE=1
	shift
fi
ONLY=${1:-}
if [ -n "$ONLY" ] && ! ls tests/suite-*"$ONLY"*.sh >/dev/null 2>&1; then
	echo "tests/run.sh: no suite's name contains '$ONLY'" >&2
	usage >&2
	exit 2
fi
TOP=$(pwd)
SHARED=${SHARED:-$TOP/../shared}
[ -d "$SHARED/corpus" ] || { echo "tests: no corpus at $SHARED/corpus" >&2; exit 2; }
SHARED=$(cd "$SHARED" && pwd)
BP=$TOP/boardpaper
BP_ASAN=$TOP/build/boardpaper-asan
UNIT=$TOP/build/unit
UNIT_ASAN=$TOP/build/unit-asan
TMP=$(mktemp -d "${TMPDIR:-/tmp}/bptest.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
# SIGINT or SIGTERM ends the run at once: the running suite is in the
# background, in a process group of its own (so `wait` returns when the
# signal comes, and the whole suite can be stopped), then the runner dies
# of the signal, as the conventional exit status (130, 143) says
suite_pid=""
stop() {
	trap '' INT TERM
	if [ -n "$suite_pid" ]; then
		kill -"$1" "-$suite_pid" 2>/dev/null
		wait "$suite_pid" 2>/dev/null
		# what outlived the signal (a process that blocks it)
		kill -KILL "-$suite_pid" 2>/dev/null
	fi
	rm -rf "$TMP"
	trap - EXIT "$1"
	kill -"$1" $$
	exit $((128 + $2))
}
trap 'stop INT 2' INT
trap 'stop TERM 15' TERM
# a background command starts with SIGINT and SIGQUIT ignored (POSIX sh,
# no job control): the suites get them back as the runner had them
ignored=$(sed -n 's/^SigIgn:.*\(.\)$/\1/p' /proc/$$/status 2>/dev/null)
ignored=$((0x${ignored:-0}))
restore=$( [ $((ignored & 2)) = 0 ] && printf INT,)$( [ $((ignored & 4)) = 0 ] && printf QUIT)
restore=${restore%,}
# a cache folder of the run's own, so tests never touch the user's
XDG_CACHE_HOME=$TMP/cache
export TOP SHARED BP BP_ASAN UNIT UNIT_ASAN UPDATE TMP XDG_CACHE_HOME
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

pass=0
fail=0
# every suite runs the normal and the sanitizer builds: both must be there
for bin in "$BP" "$BP_ASAN" "$UNIT" "$UNIT_ASAN"; do
	if [ ! -x "$bin" ]; then
		echo "not ok - $bin is missing (make test builds it)"
		fail=$((fail + 1))
	fi
done
for suite in tests/suite-*.sh; do
	name=$(basename "$suite" .sh)
	case "$name" in *"$ONLY"*) ;; *) continue ;; esac
	out=$TMP/$name.out
	mkdir -p "$TMP/$name"
	TMPDIR=$TMP/$name setsid ${restore:+env --default-signal="$restore"} \
	    sh "$suite" >"$out" 2>&1 &
	suite_pid=$!
	wait "$suite_pid"
	rc=$?
	suite_pid=""
	p=$(grep -c '^ok - ' "$out")
	f=$(grep -c '^not ok - ' "$out")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited $rc" >>"$out"
		f=1
	fi
	# show failures in full, passes as a count
	grep -v '^ok - ' "$out"
	echo "$name: $p passed, $f failed"
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
