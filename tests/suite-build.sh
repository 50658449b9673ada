# Every source compiles without a warning under clang too (gcc builds the
# program itself with -Werror).  Fails, not skips, without clang.
. tests/lib.sh
if ! command -v clang >/dev/null; then
	not_ok "clang: not installed (apt-get install clang)"
	exit 0
fi
flags="-std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Wall -Wextra -Werror -Iinclude $(for d in src/*/; do printf -- "-I%s " "${d%/}"; done)$(pkg-config --cflags yaml-0.1 libcmark-gfm fontconfig harfbuzz-subset libzip libxml-2.0 2>/dev/null)"
for f in src/*/*.c tests/*.c; do
	if clang $flags -fsyntax-only "$f" 2>"$TMPDIR/clang.err"; then
		ok "clang -Wall -Wextra -Werror: $f"
	else
		not_ok "clang -Wall -Wextra -Werror: $f"
		head -n 10 "$TMPDIR/clang.err"
	fi
done

# The main program starts without the .docx reader's libraries (ICU and
# OpenSSL behind libxml2 and libzip cost ten million instructions of
# dynamic loading a run); boardpaper-import has them.
check "boardpaper links no libxml2 or libzip" sh -c \
    "ldd '$BP' >'$TMPDIR/ldd' && ! grep -q 'libxml2\|libzip' '$TMPDIR/ldd'"
check "boardpaper-import links them" sh -c \
    "ldd '$TOP/boardpaper-import' | grep -q libxml2"
