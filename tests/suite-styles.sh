# House styles and languages: Welsh labels in every format (lang: cy).
. tests/lib.sh

export TZ=UTC SOURCE_DATE_EPOCH=1700000000

# --- Welsh: every fixed word from the Welsh column ---------------------
W=$TMPDIR/welsh
mkdir -p "$W"
for bin in $(binaries); do
	l=$(label "$bin")
	mkdir -p "$W/$l"
	if ! "$bin" build -f pdf,txt,html,json -o "$W/$l/" \
	    tests/styles/welsh.md 2>"$W/$l/stderr"; then
		not_ok "$l welsh: builds"
		cat "$W/$l/stderr"
		continue
	fi
	ok "$l welsh: builds"
done
W=$W/plain
pages=$(pdfinfo "$W/welsh.pdf" | awk '/^Pages:/ { print $2 }')
check "welsh: the paper has several pages" [ "${pages:-0}" -ge 2 ]
footers_ok=1
p=1
while [ $p -le "${pages:-0}" ]; do
	pdftotext -f $p -l $p "$W/welsh.pdf" - | grep -qx "Tudalen $p o $pages" ||
	    footers_ok=0
	p=$((p + 1))
done
check "welsh: 'Tudalen N o M' in every page footer" [ $footers_ok = 1 ]
pdftotext "$W/welsh.pdf" "$W/welsh.pdf.txt"
sed -e '/<style>/,/<\/style>/d' -e 's/<[^>]*>//g' "$W/welsh.html" \
    >"$W/welsh.html.txt"
for f in pdf txt html; do
	t=$W/welsh.$f
	[ $f = txt ] || t=$W/welsh.$f.txt
	check "welsh $f: 'Mawrth' for a March date" grep -q '5 Mawrth 2026' "$t"
	for word in 'Diben yr adroddiad' 'Crynodeb' 'Argymhellion' \
	    'Camau gweithredu' 'Swyddog cyswllt' 'Papurau cefndir' 'Dim' \
	    'Eitem 6'; do
		check "welsh $f: label '$word'" grep -q "$word" "$t"
	done
	for word in 'Purpose of report' 'Summary' 'Recommendation' 'Action' \
	    'Contact officer' 'Background papers' 'None' 'March' 'Item ' \
	    'Page ' 'Phone' 'Email' 'Meeting'; do
		check "welsh $f: no English '$word'" sh -c \
		    "! grep -q '$word' '$t'"
	done
done
check "welsh html: lang=\"cy\"" grep -q '<html lang="cy">' "$W/welsh.html"
check "welsh html: print footer 'Tudalen N o M'" \
    grep -q 'content:"Tudalen " counter(page) " o " counter(pages)' \
    "$W/welsh.html"
check "welsh json: the meeting date in Welsh" \
    grep -q '"text": "5 Mawrth 2026"' "$W/welsh.json"

# --- finding the house style -------------------------------------------
# org NAME...: the text output's first line (the organisation, or the
# board when there is none), built from the paper's folder
D=$TMPDIR/find
mkdir -p "$D/two/x/y"
cp tests/styles/paper.md "$D/two/x/y/paper.md"
first_line() {
	(cd "$D/two/x/y" && "$BP" build -f txt -o - "$@" paper.md) 2>&1 |
	    head -n 1
}
purpose_label() {
	(cd "$D/two/x/y" && "$BP" build -f txt -o - "$@" paper.md) 2>&1 |
	    sed -n '/^Purpose\|^Why/{p;q}'
}
check "styles: without one, the built-in look" \
    [ "$(first_line)" = "Example Committee" ]
printf 'organisation: Two Up Council\n' >"$D/two/.boardpaper.yaml"
check "styles: a style two folders up applies" \
    [ "$(first_line)" = "Two Up Council" ]
printf 'organisation: Near Council\n' >"$D/two/x/.boardpaper.yaml"
check "styles: a nearer one wins" [ "$(first_line)" = "Near Council" ]
printf 'labels:\n  en: { purpose: "Why" }\n' >"$D/two/x/.boardpaper.yaml"
check "styles: a nearer one's keys win, the farther one's others stay" \
    [ "$(first_line)" = "Two Up Council" ] && [ "$(purpose_label)" = Why ]
printf 'root: true\nlabels:\n  en: { purpose: "Why" }\n' \
    >"$D/two/x/.boardpaper.yaml"
check "styles: root: true stops the walk" \
    [ "$(first_line)" = "Example Committee" ]
check "styles: ... and its own keys still apply" [ "$(purpose_label)" = Why ]
check "styles: --no-style ignores them" \
    [ "$(purpose_label --no-style)" = "Purpose of report" ]
printf 'organisation: Named Council\n' >"$D/named.yaml"
check "styles: --style overrides" \
    [ "$(first_line --style ../../../named.yaml)" = "Named Council" ]
check "styles: --style and --no-style together are a usage error" sh -c \
    "cd '$D/two/x/y' && '$BP' build --style x --no-style paper.md; [ \$? = 2 ]" \
    2>/dev/null

# A nearer style's fields add to the farther one's (SPEC 9: the cover
# fields "this organisation adds"; README: a committee's style "adds a
# field"): the farther ones first, a field of the same key redefined in
# its place, the nearer ones after; an empty `fields:` drops them.
F=$TMPDIR/fields
mkdir -p "$F/x"
printf 'organisation: C\nfields:\n  - { key: wards, label: "Wards affected", type: list }\n  - { key: report_of, label: "Report of", type: text }\n' \
    >"$F/.boardpaper.yaml"
printf 'fields:\n  - { key: key_decision, label: "Key decision", type: yes-no }\n  - { key: report_of, label: "Report by", type: text }\n' \
    >"$F/x/.boardpaper.yaml"
{ sed -n '1,/^title/p' tests/styles/paper.md
  printf 'wards: [North, South]\nreport_of: The Director\nkey_decision: yes\n'
  sed -n '/^title/,$p' tests/styles/paper.md | sed 1d; } >"$F/x/paper.md"
field_labels() {
	(cd "$F/x" && "$BP" build -f txt -o - paper.md) 2>"$F/err" |
	    grep -x 'Wards affected\|Report of\|Report by\|Key decision' |
	    tr '\n' ','
}
check "styles: a nearer style's fields add to the farther one's, in order" \
    [ "$(field_labels)" = "Wards affected,Report by,Key decision," ]
check "styles: ... with no warning" test ! -s "$F/err"
printf 'fields:\n' >"$F/x/.boardpaper.yaml"
check "styles: an empty fields: drops the farther ones" \
    [ "$(field_labels)" = "" ]

# --- bad house styles: each value refused, golden diagnostics ----------
# tests/styles/bad/NAME.yaml is the style, beside NAME.md (or the plain
# paper); the diagnostics must be tests/styles/bad/NAME.err exactly, the
# exit status 1 when they hold an error.
for style in tests/styles/bad/*.yaml; do
	name=$(basename "$style" .yaml)
	for bin in $(binaries); do
		l=$(label "$bin")
		dir=$TMPDIR/bad/$l/$name
		mkdir -p "$dir"
		cp "$style" "$dir/.boardpaper.yaml"
		cp tests/styles/bad/logo.png "$dir/logo.png"
		paper=tests/styles/bad/$name.md
		[ -f "$paper" ] || paper=tests/styles/paper.md
		cp "$paper" "$dir/paper.md"
		(cd "$dir" && "$bin" check paper.md) 2>"$dir/stderr"
		rc=$?
		expected=tests/styles/bad/$name.err
		[ "$UPDATE" = 1 ] && expected=$dir/stderr
		want=1
		grep -q ': error: ' "$expected" 2>/dev/null || want=0
		if [ $rc -ne $want ]; then
			not_ok "$l style/$name: exit $rc, expected $want"
			cat "$dir/stderr"
			continue
		fi
		[ "$l" = asan ] && [ "$UPDATE" = 1 ] && continue
		golden "$l style/$name" "tests/styles/bad/$name.err" \
		    "$dir/stderr"
	done
done

# --- font faces through fontconfig: the family in any case, the faces by
# weight and slant, so an Oblique face is the italic (DejaVu Sans has no
# Italic), and the family's normal width, not its Condensed faces
FF=$TMPDIR/fontfaces
for fam in "DejaVu Sans" "liberation serif"; do
	d=$FF/$(echo "$fam" | tr ' ' -)
	mkdir -p "$d"
	printf 'font: %s\n' "$fam" >"$d/.boardpaper.yaml"
	{ cat tests/styles/paper.md; echo
	  echo 'Text *in italic*, **in bold** and ***in both***.'; } >"$d/paper.md"
	check "styles: font: $fam is accepted and builds" sh -c \
	    "cd '$d' && '$BP' build -f pdf paper.md 2>stderr && [ ! -s stderr ]"
	pdffonts "$d/paper.pdf" 2>/dev/null >"$d/fonts"
done
D=$FF/DejaVu-Sans/fonts
check "styles: DejaVu Sans: its Oblique face is the italic" \
    grep -Eq '\+DejaVuSans-Oblique[ ,]' "$D"
check "styles: DejaVu Sans: its Bold Oblique face is the bold italic" \
    grep -Eq '\+DejaVuSans-BoldOblique[ ,]' "$D"
check "styles: DejaVu Sans: its regular and bold faces" \
    sh -c "grep -Eq '\+DejaVuSans[ ,]' '$D' && grep -Eq '\+DejaVuSans-Bold[ ,]' '$D'"
check "styles: DejaVu Sans: not its Condensed faces" \
    sh -c "! grep -q Condensed '$D'"
check "styles: liberation serif (any case) is Liberation Serif's faces" \
    sh -c "grep -Eq '\+LiberationSerif-Italic[ ,]' '$FF/liberation-serif/fonts' &&
	   grep -Eq '\+LiberationSerif-BoldItalic[ ,]' '$FF/liberation-serif/fonts'"

# --- a family with a face that is another face's file: a variable font
# (its named instances), links or a copy of one file that a fontconfig rule
# gives other weights.  The PDF draws such a face in the other face's
# outlines, so the house style says so, a warning for each face, once a run
# (the style is read once, before any worker starts), as -j 1 says it
SH=$TMPDIR/shared-faces
mkdir -p "$SH/fonts"
lib() { fc-match -f '%{file}' "Liberation Sans:style=$1"; }
cp "$(lib Regular)" "$SH/fonts/links-regular.ttf"
for face in bold italic bolditalic; do
	ln -s links-regular.ttf "$SH/fonts/links-$face.ttf"
done
cp "$(lib Regular)" "$SH/fonts/copy-regular.ttf"
cp "$(lib Regular)" "$SH/fonts/copy-bold.ttf"
cp "$(lib Italic)" "$SH/fonts/copy-italic.ttf"
cp "$(lib 'Bold Italic')" "$SH/fonts/copy-bolditalic.ttf"
cp "$(lib Regular)" "$SH/fonts/cff-regular.ttf"
python3 tests/styles/variable_font.py "$(lib Regular)" \
    "$SH/fonts/var-upright.ttf" 'Var Family' Regular
python3 tests/styles/variable_font.py "$(lib Italic)" \
    "$SH/fonts/var-slanted.ttf" 'Var Family' Italic
fonts_conf "$SH" '
  <match target="scan">
    <test name="file" compare="contains"><string>/links-</string></test>
    <edit name="family" mode="assign"><string>Links Family</string></edit>
  </match>
  <match target="scan">
    <test name="file" compare="contains"><string>/copy-</string></test>
    <edit name="family" mode="assign"><string>Copy Family</string></edit>
  </match>
  <match target="scan">
    <test name="file" compare="contains"><string>/cff-</string></test>
    <edit name="family" mode="assign"><string>Cff Family</string></edit>
    <edit name="fontformat" mode="assign"><string>CFF</string></edit>
  </match>'
# shared_build DIR FAMILY BINARY ARGS...: builds DIR's three papers under
# `font: FAMILY` with the test's fonts, standard error to DIR/err.N (N
# counting the builds of DIR), and DIR/status
shared_build() {
	s_dir=$1 s_fam=$2 s_bin=$3
	shift 3
	if [ ! -d "$s_dir" ]; then
		mkdir -p "$s_dir"
		printf 'root: true\nfont: %s\n' "$s_fam" >"$s_dir/.boardpaper.yaml"
		for i in 1 2 3; do
			{ cat tests/styles/paper.md; echo
			  echo "Text *in italic*, **in bold** and ***in both*** ($i)."
			} >"$s_dir/p$i.md"
		done
		echo 0 >"$s_dir/n"
	fi
	s_n=$(($(cat "$s_dir/n") + 1))
	echo $s_n >"$s_dir/n"
	(cd "$s_dir" && env FONTCONFIG_FILE="$SH/fonts.conf" \
	    XDG_CACHE_HOME="$s_dir/cache" "$s_bin" build "$@" \
	    p1.md p2.md p3.md 2>"err.$s_n"; echo $? >status)
}
sw() { # FAMILY FACE OTHER: the warning
	echo ".boardpaper.yaml:2:7: warning: font family '$1' has no $2 face: fontconfig gives the $3 face's file for it, so $2 text is set in the $3 face"
}
{ sw 'Links Family' bold regular; sw 'Links Family' italic regular
  sw 'Links Family' 'bold italic' regular; } >"$SH/links.want"
for bin in $(binaries); do
	l=$(label "$bin")
	d=$SH/links-$l
	shared_build "$d" 'Links Family' "$bin" -j 1 -f pdf
	check "$l styles: links of one file: -j 1: a warning for each face, once for 3 papers" \
	    sh -c "[ \$(cat '$d/status') = 0 ] && cmp -s '$SH/links.want' '$d/err.1'"
	shared_build "$d" 'Links Family' "$bin" -j 2 -f pdf
	check "$l styles: links of one file: -j 2 (over -j 1's PDFs) says what -j 1 says, byte for byte" \
	    sh -c "[ \$(cat '$d/status') = 0 ] && cmp -s '$d/err.1' '$d/err.2'"
	check "$l styles: links of one file: every paper built" \
	    sh -c "ls '$d'/p1.pdf '$d'/p2.pdf '$d'/p3.pdf >/dev/null"
done
d=$SH/copy
sw 'Copy Family' bold regular >"$SH/copy.want"
shared_build "$d" 'Copy Family' "$BP" -j 2 -f pdf
check "styles: a byte-identical copy as the bold face: that face's warning alone" \
    sh -c "[ \$(cat '$d/status') = 0 ] && cmp -s '$SH/copy.want' '$d/err.1'"
d=$SH/var
{ sw 'Var Family' bold regular; sw 'Var Family' 'bold italic' italic; } \
    >"$SH/var.want"
check "styles: the test's variable font: fontconfig lists its bold instance" \
    sh -c "FONTCONFIG_FILE='$SH/fonts.conf' fc-list 'Var Family:style=Bold' file | grep -q var-upright"
shared_build "$d" 'Var Family' "$BP" -j 2 -f pdf
check "styles: a variable font: its bold and bold italic instances are warned of" \
    sh -c "[ \$(cat '$d/status') = 0 ] && cmp -s '$SH/var.want' '$d/err.1'"
check "styles: a variable font: the PDF has its two files' faces alone" \
    sh -c "[ \$(pdffonts '$d/p1.pdf' | tail -n +3 | wc -l) = 2 ]"
d=$SH/links-plain
rm -f "$d"/*.pdf
shared_build "$d" 'Links Family' "$BP" -j 2 -f pdf --strict
check "styles: links of one file: --strict makes the warnings errors, nothing built" \
    sh -c "[ \$(cat '$d/status') = 1 ] && [ \$(grep -c \"^\\.boardpaper\\.yaml:2:7: error: font family 'Links Family' has no \" '$d/err.3') = 3 ] && [ ! -e '$d/p1.pdf' ]"
# a family installed only in faces PDF output cannot use says what
# fontconfig has: here a face it lists as CFF (as a .otf of Latin Modern
# is), a TrueType file the test's configuration relabels; DejaVu Sans
# Light, only an ExtraLight face, is a bad style's golden diagnostics
d=$SH/cff
mkdir -p "$d"
printf 'root: true\nfont: Cff Family\n' >"$d/.boardpaper.yaml"
cp tests/styles/paper.md "$d/paper.md"
(cd "$d" && env FONTCONFIG_FILE="$SH/fonts.conf" XDG_CACHE_HOME="$d/cache" \
    "$BP" check paper.md) 2>"$d/err"
check "styles: a family of CFF faces alone: what fontconfig has, not 'not installed'" \
    grep -qx ".boardpaper.yaml:2:7: error: font family 'Cff Family' has none of the faces a house style's font needs (TrueType regular, bold, italic and bold italic): fontconfig has only Regular (CFF)" "$d/err"
# Liberation Sans has four faces of four files: nothing to say
d=$SH/liberation
mkdir -p "$d"
printf 'root: true\nfont: Liberation Sans\n' >"$d/.boardpaper.yaml"
cp "$SH/links-plain/p1.md" "$SH/links-plain/p2.md" "$SH/links-plain/p3.md" "$d/"
check "styles: font: Liberation Sans: no warning (-j 2, three papers)" \
    sh -c "cd '$d' && '$BP' build -j 2 -f pdf p1.md p2.md p3.md 2>err && [ ! -s err ]"

# --- a house style's diagnostics are said once a run, where and as they
# are said when no output exists yet: a rebuild over last time's outputs
# (the check that no output is an input reads the style, for its logo)
# says them too, -j 1 and -j 2, one paper or three, with -o DIR/
RB=$TMPDIR/rebuild
# rebuild_run DIR NAME ARGS...: a build in DIR, its standard error to
# DIR/NAME (and its status appended to it); with the test's fonts alone
# when RB_FONTS is 1
RB_FONTS=0
rebuild_run() {
	r_dir=$1 r_name=$2
	shift 2
	if [ "$RB_FONTS" = 1 ]; then
		set -- env FONTCONFIG_FILE="$SH/fonts.conf" "$@"
	fi
	(cd "$r_dir" && XDG_CACHE_HOME="$r_dir/cache" "$@" 2>"$r_name"
	    echo "exit $?" >>"$r_name")
}
# same_err NAME A B: the files A and B are one, or their difference shown
same_err() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1"
		diff "$2" "$3" | head -n 8 | sed 's/^/#   /'
	fi
}
# rebuild_case NAME STYLE-TEXT BINARY [OPTION]: for one paper and for three,
# with -j 1 and -j 2, the standard error of a build with no output, over
# outputs that exist (touched), and with -o out/ over out/'s, are one
rebuild_case() {
	r_case=$1 r_style=$2 r_bin=$3 r_opt=${4:-}
	r_l=$(label "$r_bin")
	d=$RB/$r_l/$r_case
	mkdir -p "$d/out"
	printf '%b' "$r_style" >"$d/.boardpaper.yaml"
	for i in 1 2 3; do cp tests/styles/paper.md "$d/p$i.md"; done
	for papers in "p1.md" "p1.md p2.md p3.md"; do
		n=$(echo $papers | wc -w)
		for j in 1 2; do
			e=$d/err.$n.$j
			rm -f "$d"/*.pdf "$d"/out/*.pdf
			# shellcheck disable=SC2086 # the options and papers split
			rebuild_run "$d" "$e.none" "$r_bin" build -j $j $r_opt $papers
			for p in $papers; do touch "$d/${p%.md}.pdf" "$d/out/${p%.md}.pdf"; done
			# shellcheck disable=SC2086
			rebuild_run "$d" "$e.over" "$r_bin" build -j $j $r_opt $papers
			# shellcheck disable=SC2086
			rebuild_run "$d" "$e.dir" "$r_bin" build -j $j $r_opt -o out/ $papers
			check "$r_l styles rebuild $r_case: $n paper(s), -j $j: the style's diagnostics, no output yet" \
			    grep -q '^\.boardpaper\.yaml:[0-9]*:[0-9]*: ' "$e.none"
			same_err "$r_l styles rebuild $r_case: $n paper(s), -j $j: over existing outputs, the same standard error" \
			    "$e.none" "$e.over"
			same_err "$r_l styles rebuild $r_case: $n paper(s), -j $j: -o out/ over out/'s outputs, the same" \
			    "$e.none" "$e.dir"
		done
		same_err "$r_l styles rebuild $r_case: $n paper(s): -j 2 says what -j 1 says" \
		    "$d/err.$n.1.none" "$d/err.$n.2.none"
	done
	# three papers: each line of the style's said once, as for one paper
	grep '^\.boardpaper\.yaml:' "$d/err.1.1.none" >"$d/style.1"
	grep '^\.boardpaper\.yaml:' "$d/err.3.2.over" >"$d/style.3"
	same_err "$r_l styles rebuild $r_case: three papers, -j 2, over outputs: the style's diagnostics once" \
	    "$d/style.1" "$d/style.3"
}
for bin in $(binaries); do
	rebuild_case logo 'root: true\nlogo: missing.png\n' "$bin"
	RB_FONTS=1
	rebuild_case font-shared 'root: true\nfont: Links Family\n' "$bin"
	RB_FONTS=0
done
rebuild_case unknown-key 'root: true\norganisaton: X\n' "$BP"
check "styles rebuild unknown-key: a warning: every build wrote its outputs (exit 0)" \
    sh -c "tail -qn 1 '$RB/plain/unknown-key'/err.* | sort -u | grep -qx 'exit 0' && [ \$(tail -qn 1 '$RB/plain/unknown-key'/err.* | sort -u | wc -l) = 1 ]"
rebuild_case strict 'root: true\norganisaton: X\n' "$BP" --strict
RB_FONTS=1
rebuild_case font-shared-strict 'root: true\nfont: Links Family\n' "$BP" --strict
RB_FONTS=0
rebuild_case contrast 'root: true\naccent: "#7fb2e5"\n' "$BP"
rebuild_case font-size 'root: true\nfont_size: 30\n' "$BP"
rebuild_case font-missing 'root: true\nfont: No Such Family Sans\n' "$BP"
# the nearer file and the farther one, each said once, nearest first
d=$RB/chain
mkdir -p "$d/near"
printf 'organisaton: Far\n' >"$d/.boardpaper.yaml"
printf 'labels: { en: { purpos: "Why" } }\n' >"$d/near/.boardpaper.yaml"
cp tests/styles/paper.md "$d/near/a.md"
cp tests/styles/paper.md "$d/b.md"
rebuild_run "$d" err.none "$BP" build -j 2 near/a.md b.md
rebuild_run "$d" err.over "$BP" build -j 2 near/a.md b.md
cat >"$d/want" <<'EOF_WANT'
near/.boardpaper.yaml:1:17: warning: unknown key 'purpos'; did you mean 'purpose'?
near/../.boardpaper.yaml:1:1: warning: unknown key 'organisaton'; did you mean 'organisation'?
exit 0
EOF_WANT
same_err "styles rebuild: a chain of two files, -j 2, no output yet: each file's once, nearest first" \
    "$d/want" "$d/err.none"
same_err "styles rebuild: a chain of two files, -j 2: the same over the outputs" \
    "$d/want" "$d/err.over"
# check and pack say them over existing outputs too
d=$RB/check-pack
mkdir -p "$d"
cp examples/meeting/*.md examples/meeting/meeting.yaml "$d/"
printf 'root: true\nlogo: missing.png\n' >"$d/.boardpaper.yaml"
rebuild_run "$d" err.check.none "$BP" check cctv-contract.md
rebuild_run "$d" err.pack.none "$BP" pack -f pdf meeting.yaml
touch "$d/cctv-contract.pdf" "$d/meeting.pdf"
rebuild_run "$d" err.check.over "$BP" check cctv-contract.md
rebuild_run "$d" err.pack.over "$BP" pack -f pdf meeting.yaml
check "styles rebuild: check over an existing output: the same standard error" \
    sh -c "grep -q '^\\.boardpaper\\.yaml:2:7: error: ' '$d/err.check.none' && cmp -s '$d/err.check.none' '$d/err.check.over'"
check "styles rebuild: pack over an existing output: the same standard error" \
    sh -c "grep -q '^\\.boardpaper\\.yaml:2:7: error: ' '$d/err.pack.none' && cmp -s '$d/err.pack.none' '$d/err.pack.over'"

# --- the built-in style is today's look ---------------------------------
# An empty style file, a style of only `root: true`, and --no-style give
# the same bytes as no style at all, in every format.
E=$TMPDIR/empty
mkdir -p "$E/none" "$E/empty" "$E/root"
for d in none empty root; do
	cp tests/styles/welsh.md "$E/$d/paper.md"
done
: >"$E/empty/.boardpaper.yaml"
printf 'root: true\n' >"$E/root/.boardpaper.yaml"
for d in none empty root; do
	(cd "$E/$d" && "$BP" build -f pdf,html,txt,json paper.md)
done
mkdir -p "$E/empty/ns"
(cd "$E/empty" && "$BP" build --no-style -f pdf,html,txt,json -o ns/ \
    paper.md)
for f in pdf html txt json; do
	check "styles: an empty style file is the built-in look ($f)" \
	    cmp -s "$E/none/paper.$f" "$E/empty/paper.$f"
	check "styles: root: true alone is the built-in look ($f)" \
	    cmp -s "$E/none/paper.$f" "$E/root/paper.$f"
	check "styles: --no-style is the built-in look ($f)" \
	    cmp -s "$E/none/paper.$f" "$E/empty/ns/paper.$f"
done

# --- the two example styles, in every format ----------------------------
# examples/borough (English, continuous numbering, a serif face) and
# examples/cyngor (a Welsh council: lang cy, sections numbering, required
# implications sections), each built from its own folder so that its
# .boardpaper.yaml is found.
X=$TMPDIR/examples
for ex in borough/parking-permits cyngor/strategaeth-tai; do
	pn=$(basename "$ex")
	for bin in $(binaries); do
		l=$(label "$bin")
		mkdir -p "$X/$l"
		if (cd "examples/$(dirname "$ex")" && "$bin" build \
		    -f pdf,html,txt,json -o "$X/$l/" "$pn.md") \
		    2>"$X/$l/$pn.err" && [ ! -s "$X/$l/$pn.err" ]; then
			ok "$l example $pn: builds in every format, quietly"
		else
			not_ok "$l example $pn: builds in every format, quietly"
			head -n 10 "$X/$l/$pn.err"
		fi
	done
	pdftotext "$X/plain/$pn.pdf" "$X/$pn.pdf.txt"
	qpdf --qdf --object-streams=disable "$X/plain/$pn.pdf" \
	    "$X/$pn.qdf" 2>/dev/null
	check "example $pn: qpdf --check" sh -c \
	    "qpdf --check '$X/plain/$pn.pdf' >/dev/null"
	check "example $pn: the logo is an image in the PDF" sh -c \
	    "pdfimages -list '$X/plain/$pn.pdf' | awk 'NR > 2' | grep -q image"
	qpdf --json --json-stream-data=inline --decode-level=generalized \
	    "$X/plain/$pn.pdf" "$X/$pn.json.qpdf" 2>/dev/null
	check "example $pn: tagged structure checker finds no fault" sh -c \
	    "node tests/html/pdf-structure.mjs '$X/$pn.json.qpdf' >/dev/null"
	check "example $pn: PDF.js finds the tree's text is the page text" \
	    sh -c "node tests/html/pdfjs-tags.mjs '$X/plain/$pn.pdf' >/dev/null"
done

B=$X/parking-permits
check "borough pdf: the organisation in every page header" \
    [ "$(tr -d '\f' <"$B.pdf.txt" | grep -c '^Example Borough Council$')" = \
    "$(pdfinfo "$X/plain/parking-permits.pdf" | awk '/^Pages:/ { print $2 }')" ]
check "borough pdf: a renamed label" grep -q '^Report author:' "$B.pdf.txt"
check "borough pdf: its fields after the built-in ones" \
    sh -c "grep -n 'Report author:\|Wards affected\|Forward plan reference' '$B.pdf.txt' | cut -d: -f2 | tr '\n' '|' | grep -q '^Report author|Wards affected|Forward plan reference|$'"
check "borough pdf: the font family" \
    sh -c "pdffonts '$X/plain/parking-permits.pdf' | grep -q '+LiberationSerif '"
check "borough pdf: no Liberation Sans" \
    sh -c "! pdffonts '$X/plain/parking-permits.pdf' | grep -q LiberationSans"
# #1d4f91 is 0.11373 0.3098 0.56863 as libharu writes it
check "borough pdf: the accent colour fills headings" \
    grep -qa '^0.11373 0.3098 0.56863 rg$' "$X/parking-permits.qdf"
check "borough pdf: ... and strokes the rules" \
    grep -qa '^0.11373 0.3098 0.56863 RG$' "$X/parking-permits.qdf"
check "borough pdf: continuous numbering" grep -q '^5\.$' "$B.pdf.txt"
check "borough txt: the organisation heads the header" \
    [ "$(head -n 1 "$X/plain/parking-permits.txt")" = "Example Borough Council" ]
check "borough json: meta.fields" sh -c "tr -d ' \n' <'$X/plain/parking-permits.json' | grep -q '\"fields\":\[{\"key\":\"report_of\",\"label\":\"Reportof\"'"
check "borough json: a yes-no field's value" sh -c "tr -d ' \n' <'$X/plain/parking-permits.json' | grep -q '\"key\":\"key_decision\",\"label\":\"Keydecision\",\"type\":\"yes-no\",\"line\":[0-9]*,\"value\":true'"
check "borough html: the logo's alt text is the organisation" \
    grep -q '<img src="data:image/png;base64,[^"]*" alt="Example Borough Council"' \
    "$X/plain/parking-permits.html"
check "borough html: the accent, light and dark" sh -c \
    "grep -q '^@media screen{:root{--accent:#1d4f91}}' '$X/plain/parking-permits.html' && grep -q '^@media screen and (prefers-color-scheme:dark){:root{--accent:#' '$X/plain/parking-permits.html'"

C=$X/strategaeth-tai
check "cyngor pdf: the organisation" grep -q '^Cyngor Sir Enghraifft$' "$C.pdf.txt"
check "cyngor pdf: 'Tudalen 1 o'" grep -q '^Tudalen 1 o ' "$C.pdf.txt"
check "cyngor pdf: 'Mawrth'" grep -q '^5 Mawrth 2026$' "$C.pdf.txt"
check "cyngor pdf: sections numbering from the style" grep -q '^1\.1$' "$C.pdf.txt"
check "cyngor pdf: a yes-no field in Welsh" grep -q '^Ie$' "$C.pdf.txt"
check "cyngor pdf: a date field in Welsh" grep -q '^1 Ebrill 2026$' "$C.pdf.txt"
check "cyngor html: lang=\"cy\" from the style" \
    grep -q '<html lang="cy">' "$X/plain/strategaeth-tai.html"
check "cyngor txt: Welsh labels" grep -q '^Wardiau dan sylw$' \
    "$X/plain/strategaeth-tai.txt"

# The accent's dark-scheme colour reads at 4.5:1 on the dark background:
# checked in the browser by axe (suite-html runs both example pages).

# One worker, papers under different styles in turn: each gets its own
# family's faces (the sanitizer build checks the switch frees nothing
# libharu still reads).
for bin in $(binaries); do
	l=$(label "$bin")
	M=$TMPDIR/mixed/$l
	mkdir -p "$M/a" "$M/b" "$M/c"
	"$bin" build -f pdf -o "$M/a/" examples/borough/parking-permits.md &&
	"$bin" build -f pdf -o "$M/b/" examples/licensing-fees.md 2>/dev/null
	"$bin" build -f pdf -o "$M/c/" examples/borough/parking-permits.md \
	    examples/licensing-fees.md examples/cyngor/strategaeth-tai.md \
	    2>"$M/stderr"
	check "$l styles: a batch under two styles builds" [ ! -s "$M/stderr" ]
	check "$l styles: ... the borough paper in Liberation Serif" sh -c \
	    "pdffonts '$M/c/parking-permits.pdf' | grep -q '+LiberationSerif '"
	check "$l styles: ... the next one back in Liberation Sans" sh -c \
	    "pdffonts '$M/c/licensing-fees.pdf' | grep -q '+LiberationSans ' && ! pdffonts '$M/c/licensing-fees.pdf' | grep -q Serif"
	check "$l styles: ... each as it builds alone" sh -c \
	    "cmp -s '$M/a/parking-permits.pdf' '$M/c/parking-permits.pdf' && cmp -s '$M/b/licensing-fees.pdf' '$M/c/licensing-fees.pdf'"
done

# --- boardpaper new under a house style --------------------------------
N=$TMPDIR/new
mkdir -p "$N"
for d in borough cyngor; do
	copy_example "$d" "$N/$d"
	rm -f "$N/$d"/*.md
	"$BP" new "$N/$d/new.md" 2>"$N/$d.err"
	check "new under the $d style: the template passes check" sh -c \
	    "'$BP' check '$N/$d/new.md' 2>&1 && [ ! -s '$N/$d.err' ]"
done
check "new under a style: the style's field keys" sh -c \
    "grep -q '^report_of: ' '$N/borough/new.md' && grep -q '^wards:$' '$N/borough/new.md' && grep -q '^key_decision: no ' '$N/borough/new.md'"
check "new under a style: its sections, in order" sh -c \
    "grep '^## ' '$N/cyngor/new.md' | tail -n 4 | tr '\n' '|' | grep -q '^## Goblygiadau ariannol|## Goblygiadau cyfreithiol|## Goblygiadau cydraddoldeb|## Goblygiadau’r Gymraeg|$'"
"$BP" new --no-style "$N/plain-a.md"
(cd "$N/borough" && "$BP" new --no-style -) >"$N/plain-b.md"
"$BP" new --style "$N/borough/.boardpaper.yaml" - >"$N/styled.md"
check "new --no-style is the built-in template" cmp -s "$N/plain-a.md" \
    "$N/plain-b.md"
check "new --style FILE uses that style" grep -q '^report_of: ' "$N/styled.md"
check "new under a broken style: exit 1, the style's errors" sh -c \
    "mkdir -p '$N/bad' && printf 'accent: \"#ffffff\"\n' >'$N/bad/.boardpaper.yaml' && ! '$BP' new '$N/bad/x.md' 2>'$N/bad.err' && grep -q 'contrast of 1.00:1' '$N/bad.err' && [ ! -e '$N/bad/x.md' ]"

# A broken style under -j 2: its diagnostics once, every paper refused.
J=$TMPDIR/jobs
mkdir -p "$J"
printf 'accent: "#eeeeee"\n' >"$J/.boardpaper.yaml"
for i in 1 2 3 4; do cp tests/styles/paper.md "$J/p$i.md"; done
(cd "$J" && "$BP" build -j 2 p1.md p2.md p3.md p4.md) 2>"$J/stderr"
rc=$?
check "styles -j 2: a broken style fails every paper (exit 1)" [ $rc = 1 ]
check "styles -j 2: the style's error printed once" \
    [ "$(grep -c "contrast of 1.16:1" "$J/stderr")" = 1 ]
check "styles -j 2: each paper refused" \
    [ "$(grep -c ': error: not compiled: its house style' "$J/stderr")" = 4 ]
check "styles -j 2: nothing written" sh -c "! ls '$J'/*.pdf 2>/dev/null"

# ... and back again: a family a worker set aside is taken up again (the
# font is not loaded twice, which libharu refuses).
for bin in $(binaries); do
	l=$(label "$bin")
	M=$TMPDIR/mixed2/$l
	mkdir -p "$M"
	"$bin" build -f pdf -o "$M/" examples/licensing-fees.md \
	    examples/borough/parking-permits.md examples/cyngor/strategaeth-tai.md \
	    examples/community-safety-plan.md 2>"$M/stderr"
	check "$l styles: Sans, Serif, then Sans again in one worker" \
	    [ ! -s "$M/stderr" ]
	check "$l styles: ... the last in Liberation Sans" sh -c \
	    "pdffonts '$M/community-safety-plan.pdf' | grep -q '+LiberationSans '"
done

# A paper's own numbering and lang win over its style's defaults.
O=$TMPDIR/override
copy_example cyngor "$O"
sed -e 's/^lang: cy$//' -e 's/^title: .*/&\nlang: en-GB\nnumbering: continuous/' \
    "$O/strategaeth-tai.md" >"$O/english.md"
(cd "$O" && "$BP" build -f txt -o - english.md) >"$O/english.txt" 2>&1
check "styles: a paper's lang overrides the style's (English labels)" \
    grep -q '^Purpose of report$' "$O/english.txt"
check "styles: ... and its field labels stay the style's own" \
    grep -q '^Wardiau dan sylw$' "$O/english.txt"
check "styles: a paper's numbering overrides the style's" \
    grep -q '^1\.  ' "$O/english.txt"

# --strict makes a style's warnings errors: no paper under it compiles.
S=$TMPDIR/strict
mkdir -p "$S"
printf 'organisation: A\norgansation: B\n' >"$S/.boardpaper.yaml"
cp tests/styles/paper.md "$S/paper.md"
(cd "$S" && "$BP" check --strict paper.md) 2>"$S/stderr"
rc=$?
check "styles --strict: a style's warning is an error (exit 1)" [ $rc = 1 ]
check "styles --strict: ... printed as one" \
    grep -q "^.boardpaper.yaml:2:1: error: unknown key 'organsation'" \
    "$S/stderr"

# A style file over the limit is refused by its size, unread.
L=$TMPDIR/large
mkdir -p "$L"
{ echo 'organisation: Large'; i=0; while [ $i -lt 9000 ]; do
	echo "# padding line $i of a house style far over its limit"; i=$((i + 1));
done; } >"$L/.boardpaper.yaml"
cp tests/styles/paper.md "$L/paper.md"
(cd "$L" && "$BP" check paper.md) 2>"$L/stderr"
check "styles: a style over 256 KiB is refused" grep -q \
    '^.boardpaper.yaml: error: cannot read: a house style is at most 256 KiB$' \
    "$L/stderr"
check "new under a Welsh style: the template is in Welsh" sh -c \
    "grep -q '^title: Teitl yr adroddiad$' '$N/cyngor/new.md' && grep -q '^## Cefndir$' '$N/cyngor/new.md' && ! grep -q 'Background' '$N/cyngor/new.md'"

# --deps lists every style file of the chain and the logo.
P=$TMPDIR/deps
mkdir -p "$P/council/committee"
cp examples/borough/logo.png "$P/council/logo.png"
printf 'organisation: Deps Council\nlogo: logo.png\n' >"$P/council/.boardpaper.yaml"
printf 'labels:\n  en: { purpose: "Why" }\n' >"$P/council/committee/.boardpaper.yaml"
cp tests/styles/paper.md "$P/council/committee/paper.md"
(cd "$P/council/committee" && "$BP" build -f txt --deps paper.d paper.md)
check "styles --deps: the nearer style file" grep -q ' \.boardpaper\.yaml' \
    "$P/council/committee/paper.d"
check "styles --deps: the farther one" grep -q ' \.\./\.boardpaper\.yaml' \
    "$P/council/committee/paper.d"
check "styles --deps: the logo" grep -q ' \.\./logo\.png' \
    "$P/council/committee/paper.d"

# --- packs under a house style: its language and its jurisdiction's
# resolution to exclude the press and public ------------------------------
K=$TMPDIR/packs
for j in wales-cy england scotland none; do
	mkdir -p "$K/$j"
	cp examples/meeting/*.md examples/meeting/meeting.yaml "$K/$j/"
	case $j in
	wales-cy) printf 'organisation: Cyngor Sir Enghraifft\nlang: cy\njurisdiction: wales\n' ;;
	*) printf 'organisation: Example Council\njurisdiction: %s\n' "$j" ;;
	esac >"$K/$j/.boardpaper.yaml"
	(cd "$K/$j" && "$BP" pack -f pdf,txt meeting.yaml) 2>"$K/$j.err"
	check "pack under a $j style: builds quietly" [ ! -s "$K/$j.err" ]
	pdftotext "$K/$j/meeting.pdf" "$K/$j/meeting.pdf.txt"
done
W=$K/wales-cy/meeting.pdf.txt
check "pack, Welsh style: the front sheet in Welsh" sh -c \
    "grep -q '^Dyddiad ac amser' '$W' && grep -q 'Mehefin 2026' '$W' && grep -q '^Lleoliad' '$W'"
check "pack, Welsh style: 'Tudalen 1 o'" grep -q '^Tudalen 1 o ' "$W"
check "pack, Welsh style: no English page footer" sh -c "! grep -q '^Page [0-9]* of' '$W'"
check "pack, Welsh style: the Welsh exclusion, Part 4 of Schedule 12A" sh -c \
    "grep -q 'Gwahardd y wasg a’r cyhoedd' '$W' && tr '\n' ' ' <'$W' | grep -q 'Rhan 4 o Atodlen 12A'"
check "pack, England: Part 1 of Schedule 12A" sh -c \
    "tr '\n' ' ' <'$K/england/meeting.txt' | grep -q 'Part 1 of Schedule 12A'"
check "pack, Scotland: Schedule 7A of the 1973 Act" sh -c \
    "tr '\n' ' ' <'$K/scotland/meeting.txt' | grep -q 'Local Government (Scotland) Act 1973' && tr '\n' ' ' <'$K/scotland/meeting.txt' | grep -q 'Schedule 7A'"
check "pack, jurisdiction none: no exclusion resolution" sh -c \
    "! grep -q 'Exclusion of the press and public' '$K/none/meeting.txt'"
check "pack: the organisation on the front sheet" \
    grep -q '^Example Council' "$K/england/meeting.pdf.txt"
