# Helpers shared by the suites: sourced, not run.
ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
# check NAME COMMAND...: ok when the command succeeds
check() {
	name=$1
	shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}
# golden NAME EXPECTED-FILE ACTUAL-FILE: byte-for-byte, or rewrite on update
golden() {
	if [ "$UPDATE" = 1 ]; then
		cp "$3" "$2"
		ok "$1 (updated)"
	elif [ ! -f "$2" ]; then
		not_ok "$1: no golden file $2 (make golden-update)"
	elif cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		diff -u "$2" "$3" | head -n 40
	fi
}
# run STATUS COMMAND...: stdout to $OUT, stderr to $ERR (the suite sets
# both); true when the exit status is STATUS and no sanitizer spoke.
run() {
	want=$1
	shift
	"$@" >"$OUT" 2>"$ERR"
	rc=$?
	if grep -q 'Sanitizer\|runtime error' "$ERR"; then
		echo "# sanitizer report:"
		head -n 20 "$ERR"
		return 1
	fi
	if [ "$rc" -ne "$want" ]; then
		echo "# exit $rc, expected $want; stderr:"
		head -n 5 "$ERR" | sed 's/^/#   /'
		return 1
	fi
}
# copy_example NAME DEST: examples/NAME copied to DEST (which must not
# exist) without what `make examples` (and so `make quickstart`, before
# `make test`) built in it: only its sources, house style and images are
# left (the outputs are those .gitignore lists for examples/)
copy_example() {
	cp -r "$TOP/examples/$1" "$2" &&
	    (cd "$2" && rm -f ./*.pdf ./*.html ./*.txt ./*.json)
}
# the normal build and the sanitizer build (run.sh fails when one is missing)
binaries() { echo "$BP"; [ -x "$BP_ASAN" ] && echo "$BP_ASAN"; }
label() { case "$1" in *asan*) echo "asan";; *) echo "plain";; esac; }
# over_width WIDTH FILE: the lines of FILE wider than WIDTH columns, but
# for a line holding one word after its margin and marker: a URL, or a
# word longer than the width, which text output never splits (SPEC §3).
# Columns are characters (UTF-8 continuation bytes do not count).
over_width() {
	LC_ALL=C awk -v w="$1" '{
		s = $0
		gsub(/\314[\200-\277]|\315[\200-\257]/, "", s) # combining marks: no column
		gsub(/[\200-\277]/, "", s)
		if (length(s) <= w)
			next
		t = $0
		sub(/^[ >]*/, "", t)
		sub(/^(\[\^?[0-9]+\]|[0-9][0-9.]*|\342\200\242|[A-Za-z ]+:) +/, "", t)
		if (t !~ / /)
			next
		print FILENAME ":" FNR ": " length(s) " columns: " $0
	}' "$2"
}

# fonts_conf DIR [MATCHES]: writes DIR/fonts.conf, a fontconfig
# configuration of the fonts in DIR/fonts alone (its cache DIR/fc-cache),
# with MATCHES (more <match> elements, such as a family given by file
# name), and where a file whose name holds "bold" is bold and one holding
# "italic" italic.
fonts_conf() {
	cat >"$1/fonts.conf" <<EOF_CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>$1/fonts</dir>
  <cachedir>$1/fc-cache</cachedir>
${2:-}
  <match target="scan">
    <test name="file" compare="contains"><string>bold</string></test>
    <edit name="weight" mode="assign"><const>bold</const></edit>
  </match>
  <match target="scan">
    <test name="file" compare="contains"><string>italic</string></test>
    <edit name="slant" mode="assign"><const>italic</const></edit>
  </match>
</fontconfig>
EOF_CONF
}
