# Batch runs and output safety (SPEC section 5, issue 9): with -j N an
# interrupt stops every worker, one ignored at start-up (nohup) stays
# ignored, a worker that dies is reported and its
# unstarted papers are still compiled, and diagnostics of different papers
# never mix however slowly standard error is read; outputs that would
# collide or overwrite the input (standard input included) are usage
# errors; a write past ulimit -f is a clear error with no temporary file
# left; one format failing does not stop the others.
. tests/lib.sh

cd "$TMPDIR" || exit 2
header() {
	printf '%s\n' --- 'title: T' 'purpose: P.' 'summary: S.' \
	    'recommendation: R.' 'action: A.' 'contact:' '  name: N' --- ''
}
# papers that keep a worker busy for a while: 6 MB each, so that -j 2
# takes about 2 s for the twelve (at 3 MB a build took 0.9 s, and the
# half-second pause before the SIGTERM below, after the workers were seen,
# at times outlasted it: the build had ended, exit 0, not 143)
SLOW_BYTES=6000000
for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
	{ header; yes 'plain words of a paragraph' | head -c $SLOW_BYTES |
	    tr '\n' ' '; echo; } >slow$i.md
done
# papers with over 6 KB of diagnostics each, of two kinds: 40 of them
# fill a pipe twice over
for i in $(seq -w 1 40); do
	{ header; awk -v p=$i 'BEGIN {
		for (k = 0; k < 20; k++) {
			printf "See [](#label-of-paper-%s-that-is-rather-long-%d-", p, k
			for (j = 0; j < 8; j++) printf "padding"
			print ").\n"
			printf "[x](javascript:paper-%s-link-%d-", p, k
			for (j = 0; j < 8; j++) printf "padding"
			print ")\n"
		} }'; } >noisy$i.md
done
{ header; echo 'A paragraph.'; } >good.md
mkdir -p a b out

# waits (up to 20 s) until process $1 has $2 children; prints them
children() {
	for t in $(seq 1 200); do
		kids=$(pgrep -P "$1" | tr '\n' ' ')
		[ "$(echo $kids | wc -w)" -ge "$2" ] && { echo "$kids"; return 0; }
		sleep 0.1
	done
	return 1
}

# waits (up to 20 s) until process $1 has exactly one child; prints it
one_child() {
	for t in $(seq 1 200); do
		kids=$(pgrep -P "$1")
		[ "$(echo $kids | wc -w)" -eq 1 ] && { echo "$kids"; return 0; }
		sleep 0.1
	done
	return 1
}

# none of the given processes is alive
all_gone() {
	for k in "$@"; do kill -0 "$k" 2>/dev/null && return 1; done
	return 0
}

# waits for process $1 for at most 60 s, then kills it and its children,
# so that a hang fails (exit 137) rather than stalls the suite; sets rc,
# and hung to 1 when it had to kill
wait_at_most_60s() {
	rm -f "$TMPDIR/hung"
	( for t in $(seq 1 600); do sleep 0.1; done
	  : >"$TMPDIR/hung"
	  # shellcheck disable=SC2046
	  kill -KILL $(pgrep -P "$1") "$1" 2>/dev/null ) &
	dog=$!
	wait "$1"
	rc=$?
	kill "$dog" 2>/dev/null
	wait "$dog" 2>/dev/null
	hung=0
	if [ -e "$TMPDIR/hung" ]; then
		hung=1
		echo "# the build hung: killed after 60 s"
	fi
}

# Starts "$@" (a build of slow*.md, none of them built yet) in the
# background, its standard error to file $2, waits for its two workers
# (kids), sends it each signal of $1 in turn ("pause" waits half a
# second), and waits for it at most 60 s (rc, hung)
signal_build() {
	signals=$1 err=$2
	shift 2
	"$@" >/dev/null 2>"$err" &
	parent=$!
	kids=$(children $parent 2)
	for sig in $signals; do
		if [ "$sig" = pause ]; then sleep 0.5; else kill -"$sig" $parent; fi
	done
	wait_at_most_60s $parent
}

# cpu_ticks PID: the CPU time (user + system, clock ticks) that process
# PID and its reaped children have used; empty when it has ended
cpu_ticks() {
	sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null |
	    awk '$1 != "Z" { print $12 + $13 + $14 + $15 }'
}

# appears FILE PID: waits until FILE is there; fails when process PID
# has ended, or used 60 s of CPU time, without making it.  Its CPU time
# bounds the wait, not the clock, so that a loaded machine cannot fail
# it; the clock's bound (10 minutes) is for a process stuck without
# using the CPU.
appears() {
	n=0 most=$((60 * $(getconf CLK_TCK)))
	while [ ! -e "$1" ]; do
		t=$(cpu_ticks "$2")
		[ -n "$t" ] && [ "$t" -lt "$most" ] && [ $n -lt 6000 ] ||
		    return 1
		n=$((n + 1))
		sleep 0.1
	done
}

# has_read PID BYTES: waits until process PID has read BYTES (its
# /proc/PID/io rchar), bounded as appears() is; fails when it has ended
has_read() {
	n=0 most=$((60 * $(getconf CLK_TCK)))
	while [ "$(sed -n 's/^rchar: //p' "/proc/$1/io" 2>/dev/null)" -lt "$2" ] \
	    2>/dev/null; do
		t=$(cpu_ticks "$1")
		[ -n "$t" ] && [ "$t" -lt "$most" ] && [ $n -lt 6000 ] ||
		    return 1
		n=$((n + 1))
		sleep 0.1
	done
}

# the command succeeds, and the build before it ended by itself
ended_and() {
	[ "$hung" = 0 ] && "$@"
}

# no file name there starts with a dot: no temporary file is left
no_temp_files() {
	test -z "$(ls -A | grep '^\.')"
}

# every slow*.pdf there passes qpdf --check
pdfs_whole() {
	for f in slow*.pdf; do
		[ -e "$f" ] || continue
		qpdf --check "$f" >/dev/null 2>&1 || return 1
	done
	return 0
}

for bin in $(binaries); do
	l=$(label "$bin")
	d=$TMPDIR/$l
	mkdir -p "$d"

	# SIGTERM to the parent: passed on, waited for, and the parent dies of it
	rm -f slow*.pdf
	signal_build TERM "$d/term.err" "$bin" build -j 2 slow*.md
	check "$l batch: SIGTERM ends the build with it (exit 143)" test $rc -eq 143
	# shellcheck disable=SC2086
	check "$l batch: SIGTERM reaches every worker, and they are waited for" \
	    all_gone $kids
	check "$l batch: no temporary file is left" \
	    test -z "$(ls -A | grep '^\.')"

	# SIGHUP (the terminal closed, a CI job cancelled): the same, and
	# whatever PDF is there is whole; SIGHUP set to its default, as the
	# suite itself may run under nohup
	rm -f slow*.pdf
	signal_build HUP "$d/hup.err" env --default-signal=HUP "$bin" build \
	    -j 2 slow*.md
	check "$l batch: SIGHUP ends the build with it (exit 129)" test $rc -eq 129
	# shellcheck disable=SC2086
	check "$l batch: SIGHUP reaches every worker, and they are waited for" \
	    all_gone $kids
	sleep 0.5 # a worker left running would write on
	check "$l batch: after SIGHUP no temporary file is left" \
	    test -z "$(ls -A | grep '^\.')"
	check "$l batch: after SIGHUP every PDF there is whole" pdfs_whole
	check "$l batch: SIGHUP leaves nothing on standard error" \
	    test ! -s "$d/hup.err"

	# SIGHUP ignored at start-up (nohup) stays ignored: the build
	# finishes, every output written
	rm -f slow*.pdf slow*.txt
	signal_build HUP "$d/nohup.err" nohup "$bin" build -j 2 -f pdf,txt \
	    slow*.md
	check "$l batch: with SIGHUP ignored (nohup) a HUP does not stop the build (exit 0)" \
	    test $rc -eq 0
	check "$l batch: with SIGHUP ignored, every output is written (12 PDF, 12 text)" \
	    test "$(ls slow*.pdf slow*.txt | wc -l)" -eq 24
	check "$l batch: with SIGHUP ignored, every PDF is whole" ended_and pdfs_whole
	check "$l batch: with SIGHUP ignored, no temporary file is left" \
	    ended_and no_temp_files

	# SIGINT ignored at start-up (trap '' INT) stays ignored too
	rm -f slow*.pdf
	signal_build INT "$d/noint.err" sh -c 'trap "" INT; exec "$@"' sh \
	    "$bin" build -j 2 slow*.md
	check "$l batch: with SIGINT ignored an INT does not stop the build (exit 0)" \
	    test $rc -eq 0
	check "$l batch: with SIGINT ignored, every PDF is written (12)" \
	    test "$(ls slow*.pdf | wc -l)" -eq 12

	# SIGHUP and SIGINT ignored and received: SIGTERM still stops the
	# build, with no worker or temporary file left
	rm -f slow*.pdf
	signal_build "HUP INT pause TERM" "$d/ignterm.err" \
	    sh -c 'trap "" INT; exec "$@"' sh nohup "$bin" build -j 2 slow*.md
	check "$l batch: after an ignored HUP and INT, SIGTERM still stops the build (exit 143)" \
	    test $rc -eq 143
	# shellcheck disable=SC2086
	check "$l batch: after an ignored HUP and INT, SIGTERM leaves no worker" \
	    ended_and all_gone $kids
	sleep 0.5 # a worker left running would write on
	check "$l batch: after an ignored HUP and INT, SIGTERM leaves no temporary file" \
	    ended_and no_temp_files
	check "$l batch: after an ignored HUP and INT, every PDF there is whole" \
	    ended_and pdfs_whole

	# SIGHUP blocked at start-up: the workers inherit the mask and outlive
	# the HUP passed on to them; the parent still ends (exit 129), not
	# waiting on workers that wait on it, with no worker or file left
	rm -f slow*.pdf
	signal_build HUP "$d/blocked.err" \
	    env --default-signal=HUP --block-signal=HUP "$bin" build -j 2 slow*.md
	check "$l batch: with SIGHUP blocked, a HUP still ends the build (exit 129)" \
	    test $rc -eq 129
	# shellcheck disable=SC2086
	check "$l batch: with SIGHUP blocked, a HUP leaves no worker" \
	    ended_and all_gone $kids
	check "$l batch: with SIGHUP blocked, a HUP leaves no temporary file" \
	    ended_and no_temp_files

	# signalfd failing (EMFILE, as under a low ulimit -n; injected by
	# strace): the stop signals are not left blocked and unread, which
	# held a SIGTERM until the last paper was built; the papers are
	# compiled one at a time instead, saying so, and SIGTERM stops them.
	# The second paper is standard input, a FIFO this shell holds open:
	# the build waits there, however loaded the machine, until SIGTERM
	# has been sent; only then is it given that paper, and a build that
	# held the signal would go on to the last paper.
	sfd=$d/nosfd
	rm -rf "$sfd" && mkdir -p "$sfd/out"
	for i in 01 03 04 05 06 07 08 09 10 11 12; do cp good.md "$sfd/p$i.md"; done
	mkfifo "$sfd/fifo"
	exec 3<>"$sfd/fifo"
	strace -f -qq -o /dev/null -e trace=signalfd4 \
	    -e inject=signalfd4:error=EMFILE \
	    sh -c 'echo $$ >"$0"; exec "$@"' "$sfd/pid" \
	    "$bin" build -j 2 -o "$sfd/out/" "$sfd/p01.md" - \
	    "$sfd"/p0[3-9].md "$sfd"/p1[0-2].md \
	    <"$sfd/fifo" 2>"$d/nosfd.err" 3>&- &
	tracer=$!
	pid=""
	appears "$sfd/pid" $tracer && pid=$(cat "$sfd/pid")
	appears "$sfd/out/p01.pdf" "$pid"
	kill -TERM "$pid"
	cat good.md >&3
	exec 3>&-
	wait_at_most_60s $tracer
	check "$l batch: when signalfd fails, SIGTERM still ends the build (exit 143)" \
	    test $rc -eq 143
	check "$l batch: when signalfd fails, SIGTERM ends it at once, not after the last paper" \
	    test "$(ls "$sfd/out")" = p01.pdf
	(cd "$sfd/out" &&
	    check "$l batch: when signalfd fails, SIGTERM leaves no temporary file" \
	    ended_and no_temp_files)
	check "$l batch: when signalfd fails, that is said in one line" \
	    grep -q -x 'boardpaper: cannot watch for interrupts to stop the workers (signalfd: Too many open files); compiling one paper at a time' "$d/nosfd.err"
	rm -f out/*
	cp good.md sfd.md
	strace -f -qq -o /dev/null -e trace=signalfd4 \
	    -e inject=signalfd4:error=EMFILE "$bin" build -j 2 -f txt -o out/ \
	    noisy01.md good.md sfd.md >/dev/null 2>"$d/nosfd2.err"
	check "$l batch: when signalfd fails, every paper is still compiled, each reported" \
	    sh -c "test $? -eq 1 && test -s out/good.txt && test -s out/sfd.txt && test \$(grep -c '^noisy01.md:' '$d/nosfd2.err') -eq 40"

	# a worker that cannot be started (pipe failing with EMFILE, as under
	# a low ulimit -n, or fork with EAGAIN under a process limit;
	# injected by strace) is no reason to build nothing: with none
	# started the papers are compiled one at a time, with one started it
	# does them all, each said in one line, and the build succeeds
	for how in 'pipe,pipe2:error=EMFILE:when=1' 'pipe,pipe2:error=EMFILE:when=3' \
	    'clone,clone3:error=EAGAIN:when=1'; do
		rm -rf short && mkdir -p short/out
		for i in 1 2 3 4 5 6; do cp good.md "short/p$i.md"; done
		# (LeakSanitizer cannot run under ptrace)
		ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 \
		    strace -f -qq -o /dev/null -e trace="${how%%:*}" -e inject="$how" \
		    "$bin" build -j 2 -f txt -o short/out/ short/p*.md \
		    2>"$d/short.err"
		rc=$?
		case $how in
		*when=3) want='boardpaper: started 1 of 2 workers (pipe: Too many open files)' ;;
		pipe*) want='boardpaper: cannot start a worker (pipe: Too many open files); compiling one paper at a time' ;;
		*) want='boardpaper: cannot start a worker (fork: Resource temporarily unavailable); compiling one paper at a time' ;;
		esac
		check "$l batch: a worker that cannot be started ($how): every paper built, exit 0" \
		    sh -c "test $rc -eq 0 && test \$(ls short/out | wc -l) -eq 6"
		check "$l batch: a worker that cannot be started ($how): said in one line" \
		    sh -c 'test "$(cat "$1")" = "$2"' sh "$d/short.err" "$want"
	done

	# a worker killed (as by the OOM killer) once it has begun its paper
	# (read it, SLOW_BYTES): the paper is reported not built, the rest
	# compiled
	rm -f slow*.pdf
	"$bin" build -j 2 slow*.md 2>"$d/kill.err" &
	parent=$!
	kids=$(children $parent 2)
	# shellcheck disable=SC2086
	set -- $kids
	has_read "$1" $SLOW_BYTES
	kill -KILL "$1"
	wait_at_most_60s $parent
	check "$l batch: a dead worker is a failure (exit 1)" test $rc -eq 1
	check "$l batch: a dead worker is reported with its paper, not built" \
	    grep -q -E \
	    '^slow[0-9]+\.md: error: not built: its worker died \(signal 9\)$' \
	    "$d/kill.err"
	check "$l batch: the papers it had not reached are compiled (11 of 12)" \
	    test "$(ls slow*.pdf | wc -l)" -eq 11

	# the workers killed between two papers: after the parent has read
	# a result and before it sends that worker its next paper (made
	# certain by tests/batch/kill_between.py). The parent's write to the
	# dead worker's pipe raised SIGPIPE, which killed the parent (exit
	# 141) with nothing said, most papers unbuilt and the workers left
	# as zombies; then each death was reported with the paper it was
	# sent, which was lost with it (10 of 12 built) though no worker had
	# begun it; now those papers are given to the replacement workers,
	# and every paper is built.  The second paper is standard input,
	# given only once the parent is blocked after the first: under load
	# one worker compiled all eleven others while the first was
	# compiled, and the parent first blocked with no paper left to give
	# (exit 0, nothing killed: the 4 checks failed)
	# Each paper's output folder also holds what a worker killed while
	# replacing that output leaves (.w01.txt.Ab3xYz) and names like it:
	# with no paper lost, nothing of them is removed
	rm -rf kw && mkdir -p kw/out kw/elsewhere
	kwnames="w01 stdin w03 w04 w05 w06 w07 w08 w09 w10 w11 w12"
	for i in $kwnames; do
		sed '2a\
colour: blue' good.md >kw/$i.md
		(cd kw/out && umask 077 && : >.$i.txt.Ab3xYz &&
		    : >.$i.txt.Ab3xY && : >.$i.txt.Ab3xYzz &&
		    : >.$i.txt.Ab-xYz && mkdir .$i.txt.Dir123 &&
		    : >../elsewhere/.$i.txt.Lnk123 &&
		    ln -s ../elsewhere/.$i.txt.Lnk123 .$i.txt.Lnk123)
	done
	python3 "$TOP/tests/batch/kill_between.py" --stdin kw/stdin.md \
	    "$d/kw.err" "$bin" build -j 2 -f txt -o kw/out/ kw/w01.md - \
	    kw/w0[3-9].md kw/w1[0-2].md
	rc=$?
	check "$l batch: workers killed between papers do not kill the parent with SIGPIPE (exit 1, not 141)" \
	    test $rc -eq 1
	check "$l batch: workers killed between papers are reported, each as waiting for its next paper" \
	    test "$(grep -c -x 'boardpaper: a worker died (signal 9) waiting for its next paper' "$d/kw.err")" -eq 2
	check "$l batch: after workers are killed between papers, the papers they were sent are built too (12 of 12)" \
	    test "$(ls kw/out | wc -l)" -eq 12
	check "$l batch: ... no paper failed, none reported not built" \
	    sh -c "! grep -q 'not built\\|papers had errors' '$d/kw.err'"
	check "$l batch: ... and each paper's warning is there, in input order" \
	    test "$(grep -o '^[^:]*:3:1: warning' "$d/kw.err" | tr '\n' ' ')" = "kw/w01.md:3:1: warning <stdin>:3:1: warning $(for i in 03 04 05 06 07 08 09 10 11 12; do printf 'kw/w%s.md:3:1: warning ' $i; done)"
	check "$l batch: ... and no temporary file is removed (none was begun)" \
	    test "$(ls -A kw/out | grep -c '^\.')" -eq 72

	# a worker killed with its next paper sent and not read (still in
	# its pipe: made certain by tests/batch/kill_unread.py, which stops
	# it before the paper is sent): that paper was lost with it, though
	# nothing of it was begun; now another worker builds it
	rm -rf ku && mkdir -p ku/out
	for i in w01 stdin w03 w04 w05 w06 w07 w08 w09 w10 w11 w12; do
		sed '2a\
colour: blue' good.md >ku/$i.md
	done
	python3 "$TOP/tests/batch/kill_unread.py" ku/stdin.md "$d/ku.err" \
	    "$bin" build -j 2 -f txt -o ku/out/ ku/w01.md - ku/w0[3-9].md \
	    ku/w1[0-2].md
	rc=$?
	check "$l batch: a worker killed before reading the paper it was sent fails the run (exit 1)" \
	    test $rc -eq 1
	check "$l batch: ... is reported with that paper, which another worker compiles" \
	    grep -q -x 'boardpaper: a worker died (signal 9) before it began ku/w03\.md, which another worker compiles' "$d/ku.err"
	check "$l batch: ... and every paper is built (12 of 12)" \
	    test "$(ls ku/out | wc -l)" -eq 12

	# a worker killed once it has begun a paper (standard input, which
	# it is reading from a FIFO this shell holds open; the other eleven
	# built): that paper is reported not built, in the form of its own
	# errors, and the temporary files the worker may have left beside
	# its output are removed, and nothing else (five or seven
	# characters, a character mkstemp never makes, a folder, a link)
	rm -rf kc && mkdir -p kc/out kc/elsewhere
	kcnames="stdin w02 w03 w04 w05 w06 w07 w08 w09 w10 w11 w12"
	for i in $kcnames; do
		sed '2a\
colour: blue' good.md >kc/$i.md
		(cd kc/out && umask 077 && : >.$i.txt.Ab3xYz &&
		    : >.$i.txt.Ab3xY && : >.$i.txt.Ab3xYzz &&
		    : >.$i.txt.Ab-xYz && mkdir .$i.txt.Dir123 &&
		    : >../elsewhere/.$i.txt.Lnk123 &&
		    ln -s ../elsewhere/.$i.txt.Lnk123 .$i.txt.Lnk123)
	done
	mkfifo kc/fifo
	exec 3<>kc/fifo
	"$bin" build -j 2 -f txt -o kc/out/ - kc/w0[2-9].md kc/w1[0-2].md \
	    <kc/fifo 2>"$d/kc.err" 3>&- &
	parent=$!
	appears kc/out/w12.txt $parent
	kids=$(one_child $parent)
	kill -KILL $kids
	exec 3>&-
	wait_at_most_60s $parent
	check "$l batch: a worker killed in its paper fails the run (exit 1)" \
	    test $rc -eq 1
	check "$l batch: ... its paper reported not built, as its own error" \
	    grep -q -x '<stdin>: error: not built: its worker died (signal 9)' \
	    "$d/kc.err"
	check "$l batch: ... the other eleven built" \
	    test "$(ls kc/out | wc -l)" -eq 11
	check "$l batch: ... and counted as failed" \
	    test "$(tail -n 1 "$d/kc.err")" = "boardpaper: 1 of 12 papers had errors"
	want=$(for i in $kcnames; do
		[ "$i" = stdin ] || echo ".$i.txt.Ab3xYz"
		for n in Ab3xY Ab3xYzz Ab-xYz Dir123 Lnk123; do
			echo ".$i.txt.$n"
		done
	done | sort)
	check "$l batch: a dead worker's paper's temporary files are removed, and nothing else" \
	    test "$(ls -A kc/out | grep '^\.' | sort)" = "$want"
	check "$l batch: ... nothing through a link either" \
	    test "$(ls -A kc/elsewhere | wc -l)" -eq 12

	# fork failing for every worker (injected by strace): the papers are
	# compiled one at a time in the parent, said in one line (they were
	# counted in the last line, never named, then named as not built);
	# LeakSanitizer cannot work under ptrace
	rm -rf nf && mkdir -p nf/out
	cp good.md nf/a.md && cp good.md nf/b.md
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null \
	    -e trace=clone -e inject=clone:error=EAGAIN:when=1+ "$bin" build \
	    -j 2 -f txt -o nf/out/ nf/a.md nf/b.md 2>"$d/nf.err"
	rc=$?
	check "$l batch: when no worker can be started, the papers are built in turn (exit 0)" \
	    sh -c "test $rc -eq 0 && test -s nf/out/a.txt && test -s nf/out/b.txt"
	check "$l batch: ... and that is said in one line" \
	    test "$(cat "$d/nf.err")" = 'boardpaper: cannot start a worker (fork: Resource temporarily unavailable); compiling one paper at a time'

	# a worker killed after its last paper, before the parent has seen
	# it end (its pipe of papers not yet closed): the first paper is
	# standard input, given once the second is built and its worker
	# gone; the parent blocks writing that first paper's warnings, and
	# the worker that compiled it is killed there.  Its death was not
	# said, and the run ended 0, as if nothing had happened
	rm -rf kl && mkdir -p kl/out
	sed '2a\
colour: blue' good.md >kl/first.md
	cp kl/first.md kl/second.md
	python3 "$TOP/tests/batch/kill_between.py" --stdin kl/first.md \
	    --feed-after kl/out/second.txt "$d/kl.err" "$bin" build -j 2 \
	    -f txt -o kl/out/ - kl/second.md
	rc=$?
	check "$l batch: a worker killed after its last paper is a failure (exit 1)" \
	    test $rc -eq 1
	check "$l batch: ... and is reported" grep -q -x \
	    'boardpaper: a worker died (signal 9) waiting for its next paper' "$d/kl.err"
	check "$l batch: ... both papers built all the same" \
	    test "$(ls kl/out | tr '\n' ' ')" = "second.txt stdin.txt "

	# -j 2 writes the papers' diagnostics in input order, as -j 1 does
	# (CI logs differed with -j): the first paper is standard input, a
	# FIFO this shell holds open, so it finishes last, only once every
	# other output is there; its warning still comes first (it came
	# last), and the error of the fourth (no output) fourth
	ord=$d/order
	rm -rf "$ord" && mkdir -p "$ord/one" "$ord/two"
	for i in 1 2 3 4 5 6; do
		sed '2a\
colour: blue' good.md >"$ord/w$i.md"
	done
	printf 'no front matter\n' >"$ord/w3.md"
	sed '2a\
colour: red' good.md >"$ord/first.md"
	(cd "$ord" && "$bin" build -j 1 -f txt -o one/ - w[1-6].md \
	    <first.md 2>one.err)
	mkfifo "$ord/fifo"
	exec 3<>"$ord/fifo"
	(cd "$ord" && exec "$bin" build -j 2 -f txt -o two/ - w[1-6].md \
	    <fifo 2>two.err 3>&-) &
	parent=$!
	appears "$ord/two/w6.txt" $parent
	cat "$ord/first.md" >&3
	exec 3>&-
	wait_at_most_60s $parent
	check "$l batch: -j 2 writes the diagnostics in input order, as -j 1 (a slow first paper first)" \
	    ended_and cmp -s "$ord/one.err" "$ord/two.err"
	check "$l batch: ... that first paper's warning first, one line saying how many failed last" \
	    sh -c "head -n 1 '$ord/two.err' | grep -q '^<stdin>:3:1: warning' && test \"\$(tail -n 1 '$ord/two.err')\" = 'boardpaper: 1 of 7 papers had errors'"

	# -j N writes a house style's diagnostics where -j 1 does: just
	# before those of the first paper that uses it (they all came first,
	# before any paper's): a paper with no style first, three styles
	# (two warn, one fails, its paper not compiled), used again later
	hs=$d/hstyle
	rm -rf "$hs" && mkdir -p "$hs/s1" "$hs/s2" "$hs/s3"
	printf 'organisation: One\ncolour: red\n' >"$hs/s1/.boardpaper.yaml"
	printf 'organisation: Two\nfont_sise: 12\n' >"$hs/s2/.boardpaper.yaml"
	printf 'organisation: Three\nfont_size: 40\n' >"$hs/s3/.boardpaper.yaml"
	for f in x.md s1/a.md s2/b.md s2/c.md s3/d.md; do
		sed '2a\
colour: blue' good.md >"$hs/$f"
	done
	for j in 1 2 4; do
		(cd "$hs" && "$bin" check -j $j x.md s1/a.md s2/b.md s3/d.md \
		    s2/c.md s1/a.md 2>j$j.err)
	done
	check "$l batch: -j 2 writes house-style diagnostics where -j 1 does, before the first paper using each" \
	    cmp -s "$hs/j1.err" "$hs/j2.err"
	check "$l batch: ... and -j 4 too" cmp -s "$hs/j1.err" "$hs/j4.err"
	check "$l batch: ... which is after the papers before it (the first paper's warning first)" \
	    sh -c "head -n 1 '$hs/j2.err' | grep -q '^x\.md:3:1: warning' &&
	    grep -A 1 -x 's2/\.boardpaper\.yaml:2:1: .*font_sise.*' '$hs/j2.err' | tail -n 1 | grep -q '^s2/b\.md:'"

	# over 4 KB of diagnostics per paper, through a slow pipe: whole lines
	# the shell reads a pipe a byte at a time: a slow reader
	"$bin" check -j 4 noisy*.md 2>&1 >/dev/null | { sleep 1
	    while IFS= read -r line; do printf '%s\n' "$line"; done; } \
	    >"$d/noisy.err"
	check "$l batch: every paper's diagnostics arrive (40 x 40 lines, and the count of papers that failed)" \
	    test "$(wc -l <"$d/noisy.err")" -eq 1601
	check "$l batch: ... the count last" \
	    test "$(tail -n 1 "$d/noisy.err")" = "boardpaper: 40 of 40 papers had errors"
	sed -i '$d' "$d/noisy.err"
	check "$l batch: no line mixes two papers" sh -c "! grep -v -E \
	    \"^noisy[0-9]+\\\\.md:[0-9]+:[0-9]+: (error: unknown label|warning: link to) '[^']*'( dropped: only http, https and mailto links are kept)?\\\$\" \
	    '$d/noisy.err' | grep -q ."
	check "$l batch: each paper's lines come together" sh -c \
	    "test \$(cut -d: -f1 '$d/noisy.err' | uniq | wc -l) -eq 40"

	# outputs that collide are usage errors, and nothing is written
	cp good.md self.md
	"$bin" build -f txt -o self.md - <self.md 2>"$d/u1.err"
	check "$l batch: standard input that is the output is a usage error" \
	    sh -c "test $? -eq 2 && grep -q 'refusing to write over the file on standard input' '$d/u1.err' && cmp -s self.md good.md"
	cp good.md a/x.md
	cp good.md b/x.md
	rm -rf out/*
	"$bin" build -o out/ a/x.md b/x.md 2>"$d/u2.err"
	check "$l batch: two inputs to one output file are a usage error" \
	    sh -c "test $? -eq 2 && grep -q 'two outputs would be written to out/x.pdf' '$d/u2.err' && test -z \"\$(ls out)\""
	cp good.md x.md
	cp good.md x.markdown
	"$bin" build -f txt x.md x.markdown 2>"$d/u3.err"
	check "$l batch: x.md and x.markdown to x.txt is a usage error" \
	    sh -c "test $? -eq 2 && grep -q 'two outputs would be written to x.txt' '$d/u3.err'"
	"$bin" build -f pdf,txt -o - x.md >"$d/u4.out" 2>"$d/u4.err"
	check "$l batch: two formats to standard output are a usage error" \
	    sh -c "test $? -eq 2 && test ! -s '$d/u4.out'"
	"$bin" build -f txt -o - a/x.md b/x.md >"$d/u5.out" 2>"$d/u5.err"
	check "$l batch: two inputs to standard output are a usage error" \
	    sh -c "test $? -eq 2 && test ! -s '$d/u5.out'"

	# ulimit -f: EFBIG, reported, no temporary file
	rm -f big.pdf
	(ulimit -f 8; "$bin" build -o big.pdf slow01.md) 2>"$d/fsize.err"
	rc=$?
	check "$l batch: past ulimit -f, exit 1 (not killed by SIGXFSZ)" \
	    test $rc -eq 1
	check "$l batch: past ulimit -f, the error says so" grep -q \
	    '^slow01\.md: error: cannot write big\.pdf: File too large$' \
	    "$d/fsize.err"
	check "$l batch: past ulimit -f, no file or temporary file is left" \
	    test -z "$(ls -A | grep 'big\.pdf')"

	# the first format cannot be written: the second still is
	rm -rf o2
	mkdir -p o2/good.pdf
	"$bin" build -f pdf,txt -o o2/ good.md 2>"$d/f.err"
	rc=$?
	check "$l batch: a format that cannot be written fails the run" \
	    test $rc -eq 1
	check "$l batch: ... saying which" grep -q \
	    '^good\.md: error: cannot write o2/good\.pdf: Is a directory$' \
	    "$d/f.err"
	check "$l batch: ... and the other format is still written" \
	    test -s o2/good.txt
done
cd "$TOP" || exit 2
