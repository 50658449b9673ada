# How an output file is put in place (src/base/file.c): a new one is
# written into a file with no name (O_TMPFILE) and named by one link, an
# existing one through a temporary name and a rename.  Where O_TMPFILE or
# the link is refused, the temporary name serves a new file too, forced
# here with strace's fault injection (-P: only the O_TMPFILE open of the
# output folder names that folder itself).  Either way the bytes are the same,
# the mode is 0666 less the umask, and nothing is left beside the output,
# not even after SIGKILL where the file had no name.
. tests/lib.sh

cd "$TMPDIR" || exit 2
cp "$SHARED/corpus/update-paper-b.md" x.md
for i in 1 2 3 4; do cp x.md "p$i.md"; done
printf 'A title\n\nSome text of a paper.\n' >w.txt

# the system calls that create, name or remove a file, one process
TRACED=open,openat,creat,link,linkat,rename,renameat,renameat2,unlink,unlinkat

# traced TRACE BIN ARGS...: runs BIN under strace, its calls in TRACE
traced() {
	t=$1
	shift
	strace -qq -o "$t" -e trace=$TRACED "$@" >/dev/null 2>&1
}

# calls TRACE PATTERN: how many calls in TRACE match the extended regex
calls() {
	grep -c -E "$2" "$1"
}

# no name in folder $1 starts with a dot: no temporary file is left
no_dot_files() {
	test -z "$(ls -A "$1" | grep '^\.')"
}

# same_as_ref FOLDER: x.txt and x.json there are the reference's bytes
same_as_ref() {
	cmp -s "$1/x.txt" ref/x.txt && cmp -s "$1/x.json" ref/x.json
}

# modes_are MODE FILE...: each file has that mode (octal, as stat %a)
modes_are() {
	m=$1
	shift
	for f in "$@"; do
		[ "$(stat -c %a "$f")" = "$m" ] || {
			echo "# $f: mode $(stat -c %a "$f"), not $m"; return 1; }
	done
}

for bin in $(binaries); do
	l=$(label "$bin")
	d=$TMPDIR/$l
	mkdir -p "$d"
	rm -rf ref && mkdir ref
	"$bin" build -f txt,json -o ref/ x.md

	# a new output: one link names it; no rename, no temporary name
	mkdir "$d/new"
	(umask 027 && traced "$d/new.trace" "$bin" build -f txt,json \
	    -o "$d/new/" x.md)
	check "$l write: a new output is named by one link each (2 outputs)" \
	    test "$(calls "$d/new.trace" '^linkat\(.*"[^"]*/new/x\.(txt|json)", .*= 0$')" -eq 2
	check "$l write: a new output is not renamed into place" \
	    test "$(calls "$d/new.trace" '^(rename|renameat2?|link)\(')" -eq 0
	check "$l write: a new output has no temporary name" \
	    test "$(calls "$d/new.trace" 'O_CREAT')" -eq 0
	check "$l write: a new output holds the same bytes" same_as_ref "$d/new"
	check "$l write: a new output is 0666 less the umask (027: 640)" \
	    modes_are 640 "$d/new/x.txt" "$d/new/x.json"
	check "$l write: a new output leaves nothing beside it" \
	    no_dot_files "$d/new"

	# an existing output: replaced by a rename, the mode the umask's
	chmod 600 "$d/new/x.txt" "$d/new/x.json"
	(umask 027 && traced "$d/again.trace" "$bin" build -f txt,json \
	    -o "$d/new/" x.md)
	check "$l write: an existing output is replaced by a rename (2 outputs)" \
	    test "$(calls "$d/again.trace" '^rename\(.*"[^"]*/new/x\.(txt|json)"\) += 0$')" -eq 2
	check "$l write: a replaced output holds the same bytes" \
	    same_as_ref "$d/new"
	check "$l write: a replaced output is 0666 less the umask (027: 640)" \
	    modes_are 640 "$d/new/x.txt" "$d/new/x.json"
	check "$l write: a replaced output leaves nothing beside it" \
	    no_dot_files "$d/new"

	# O_TMPFILE refused by the filesystem (EOPNOTSUPP: vfat, FUSE), by
	# an old kernel (EISDIR) or otherwise: the temporary name serves
	for e in EOPNOTSUPP EISDIR EINVAL; do
		mkdir "$d/no-$e"
		(umask 027 && strace -qq -o "$d/no-$e.trace" -P "$d/no-$e" \
		    -e trace=openat -e inject=openat:error=$e "$bin" build \
		    -f txt,json -o "$d/no-$e/" x.md >/dev/null 2>&1)
		check "$l write: with O_TMPFILE refused ($e), each output (2) is still written" \
		    sh -c "test \$(grep -c 'O_TMPFILE.*(INJECTED)\$' '$d/no-$e.trace') -eq 2 && test \$(ls '$d/no-$e' | wc -l) -eq 2"
		check "$l write: with O_TMPFILE refused ($e), the same bytes" \
		    same_as_ref "$d/no-$e"
		check "$l write: with O_TMPFILE refused ($e), the mode is the umask's" \
		    modes_are 640 "$d/no-$e/x.txt" "$d/no-$e/x.json"
		check "$l write: with O_TMPFILE refused ($e), nothing is left beside them" \
		    no_dot_files "$d/no-$e"
	done

	# the link refused, both ways (no /proc, an old kernel, a filesystem
	# without links): the temporary name serves
	for e in ENOENT EXDEV EPERM EACCES; do
		mkdir "$d/nolink-$e"
		(umask 027 && strace -qq -o "$d/nolink-$e.trace" \
		    -e trace=linkat,rename -e inject=linkat:error=$e "$bin" \
		    build -f txt,json -o "$d/nolink-$e/" x.md >/dev/null 2>&1)
		check "$l write: with the link refused ($e), the outputs are renamed into place" \
		    test "$(calls "$d/nolink-$e.trace" "^rename\(.*= 0$")" -eq 2
		check "$l write: with the link refused ($e), the same bytes" \
		    same_as_ref "$d/nolink-$e"
		check "$l write: with the link refused ($e), the mode is the umask's" \
		    modes_are 640 "$d/nolink-$e/x.txt" "$d/nolink-$e/x.json"
		check "$l write: with the link refused ($e), nothing is left beside them" \
		    no_dot_files "$d/nolink-$e"
	done

	# AT_EMPTY_PATH refused (before Linux 6.10, without
	# CAP_DAC_READ_SEARCH: ENOENT): the link through /proc/self/fd
	mkdir "$d/proc"
	strace -qq -o "$d/proc.trace" -e trace=linkat,rename \
	    -e inject=linkat:error=ENOENT:when=1+2 "$bin" build -f txt,json \
	    -o "$d/proc/" x.md >/dev/null 2>&1
	check "$l write: with AT_EMPTY_PATH refused, the link is made through /proc/self/fd" \
	    test "$(calls "$d/proc.trace" '^linkat\(AT_FDCWD, "/proc/self/fd/[0-9]+", AT_FDCWD, .*AT_SYMLINK_FOLLOW\) = 0$')" -eq 2
	check "$l write: through /proc/self/fd, nothing is renamed" \
	    test "$(calls "$d/proc.trace" '^rename\(')" -eq 0
	check "$l write: through /proc/self/fd, the same bytes" \
	    same_as_ref "$d/proc"

	# SIGKILL once the file is open, before it is whole (at its fchmod,
	# which every way of writing makes once, before the data):
	# a file with no name vanishes with the process, where the named
	# temporary file was left behind
	mkdir "$d/killed"
	strace -f -qq -o /dev/null -e trace=fchmod \
	    -e inject=fchmod:signal=KILL "$bin" build -j 2 -f txt \
	    -o "$d/killed/" p1.md p2.md p3.md p4.md >/dev/null 2>"$d/killed.err"
	rc=$?
	check "$l write: workers killed while writing fail the run (exit 1)" \
	    test $rc -eq 1
	check "$l write: workers killed while writing are reported" grep -q \
	    '^p[0-9]\.md: error: not built: its worker died (signal 9)$' \
	    "$d/killed.err"
	check "$l write: after SIGKILL while writing, nothing is left" \
	    test -z "$(ls -A "$d/killed")"

	# a write that fails (past ulimit -f): EFBIG, and nothing is left
	mkdir "$d/big"
	(ulimit -f 8; "$bin" build -f txt,json -o "$d/big/" x.md) \
	    >/dev/null 2>"$d/big.err"
	check "$l write: past ulimit -f, the run fails naming the output" \
	    grep -q 'cannot write .*/big/x\.json: File too large$' "$d/big.err"
	check "$l write: past ulimit -f, nothing is left (no file, no temporary)" \
	    test -z "$(ls -A "$d/big")"

	# import, which never replaces a file without --force: a new file is
	# named by one link; an existing one is kept, with or without the
	# file with no name
	rm -f "$d/w.md"
	traced "$d/import.trace" "$bin" import -o "$d/w.md" w.txt
	check "$l write: import names a new file by one link" \
	    test "$(calls "$d/import.trace" '^linkat\(.*"[^"]*/w\.md", .*= 0$')" -eq 1
	check "$l write: import leaves no temporary file" no_dot_files "$d"
	cp w.txt "$d/kept.md"
	"$bin" import -o "$d/kept.md" w.txt >/dev/null 2>"$d/import.err"
	check "$l write: import keeps an existing file (EEXIST through the link)" \
	    sh -c "test $? -eq 1 && cmp -s w.txt '$d/kept.md' && grep -q 'kept.md already exists; not overwritten' '$d/import.err'"
	strace -qq -o /dev/null -e trace=linkat -e inject=linkat:error=EXDEV \
	    "$bin" import -o "$d/kept.md" w.txt >/dev/null 2>"$d/import2.err"
	check "$l write: import keeps an existing file with the link refused too" \
	    sh -c "test $? -eq 1 && cmp -s w.txt '$d/kept.md' && grep -q 'kept.md already exists; not overwritten' '$d/import2.err'"
	check "$l write: import refusing leaves no temporary file" \
	    no_dot_files "$d"

	# a folder with a default ACL: open(2) would follow the ACL and not
	# the umask; the output is still 0666 less the umask, new or replaced,
	# as every other output is (only where the filesystem takes ACLs)
	mkdir "$d/acl"
	if setfacl -d -m u::rw,g::rw,o::r "$d/acl" 2>/dev/null; then
		(umask 077 && "$bin" build -f txt,json -o "$d/acl/" x.md)
		check "$l write: under a default ACL, a new output is still 0666 less the umask (077: 600)" \
		    modes_are 600 "$d/acl/x.txt" "$d/acl/x.json"
		(umask 077 && "$bin" build -f txt,json -o "$d/acl/" x.md)
		check "$l write: under a default ACL, a replaced output is still 0666 less the umask" \
		    modes_are 600 "$d/acl/x.txt" "$d/acl/x.json"
	fi
done
