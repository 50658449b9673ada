# The HTML back-end: golden pages for the examples and the corpus (normal
# and sanitizer builds, byte for byte, twice for determinism), the Nu HTML
# Checker with no errors, axe-core (WCAG 2.1 A and AA) in headless Chromium
# with no violations and no network requests, and a hostile paper whose page
# may hold nothing the back-end did not write.  A missing tool is a failure:
# the tools are installed by .ci/run (java, chromium, `npm ci` in tests/html).
. tests/lib.sh
NODE_DIR=$TOP/tests/html
VNU=$NODE_DIR/node_modules/vnu-jar/build/dist/vnu.jar
PAPERS="$TOP/examples/*.md $TOP/examples/*/*.md $SHARED/corpus/*.md $TOP/tests/html/hostile.md
    $TOP/tests/html/plain.md $TOP/tests/html/long-table.md"
OUT=$TMPDIR/out
mkdir -p "$OUT"

# build BIN PAPER OUTFILE: from inside the paper's folder, so that image
# paths and the names in diagnostics do not depend on where tests run.
build() {
	(cd "$(dirname "$2")" && "$1" build -f html -o - "$(basename "$2")") \
	    >"$3" 2>"$3.err"
}

for bin in $(binaries); do
	l=$(label "$bin")
	for paper in $PAPERS; do
		name=$(basename "$paper" .md)
		out=$OUT/$name.$l.html
		build "$bin" "$paper" "$out"
		rc=$?
		# the hostile paper's dropped links are warnings; nothing else may
		# say anything
		if [ $rc -ne 0 ] || grep -qv ': warning: ' "$out.err" ||
		    { [ "$name" != hostile ] && [ -s "$out.err" ]; }; then
			not_ok "$l $name.html: exit $rc"
			head -n 20 "$out.err"
			continue
		fi
		[ "$l" = asan ] && [ "$UPDATE" = 1 ] && continue
		golden "$l $name.html" "tests/golden/$name.html" "$out"
	done
done

# The agenda packs, public and members', go through the same checkers.
for kind in public members; do
	flag=
	[ $kind = members ] && flag=--include-exempt
	(cd "$TOP/examples/meeting" && "$BP" pack -f html $flag -o - \
	    meeting.yaml) >"$OUT/meeting-$kind.plain.html" 2>"$OUT/pack.err"
	rc=$?
	check "pack html ($kind): exit 0, nothing said" sh -c \
	    "[ $rc -eq 0 ] && [ ! -s '$OUT/pack.err' ]"
done

# Same input, same bytes.
for paper in $PAPERS; do
	name=$(basename "$paper" .md)
	build "$BP" "$paper" "$OUT/$name.again.html"
	check "deterministic $name.html" cmp -s "$OUT/$name.plain.html" \
	    "$OUT/$name.again.html"
done

# Every paragraph of update-paper-a has its anchor: 1-27, 11.1-11.5,
# 21.1-21.3, and the anchors are exactly those.
want=$(seq 1 27 | sed 's/^/p/'; printf 'p11.%s\n' 1 2 3 4 5; \
    printf 'p21.%s\n' 1 2 3)
have=$(grep -o 'id="p[0-9.]*"' "$OUT/update-paper-a.plain.html" |
    sed 's/id="\(.*\)"/\1/')
check "anchors update-paper-a" [ "$(echo "$want" | sort)" = \
    "$(echo "$have" | sort)" ]

# The hostile page, as bytes: every '<' the paper held is escaped, so any
# raw tag is one the back-end wrote.  No script, no event handler, no
# javascript: URL, one <style>, and every tag name on the list.
hostile=$OUT/hostile.plain.html
tags=$(grep -o '<[a-zA-Z!][^>]*>' "$hostile")
# attribute values hold no raw '"' (it is &quot;), so this leaves the names
names=$(printf '%s\n' "$tags" | sed 's/="[^"]*"/=""/g')
urls=$(printf '%s\n' "$tags" | grep -oiE '(href|src)="[^"]*"')
check "hostile: no <script>" sh -c "! grep -qi '<script' '$hostile'"
check "hostile: no event handlers" sh -c \
    "! printf '%s\n' \"\$1\" | grep -qiE '[[:space:]]on[a-z]+='" - "$names"
# links go to http, https, mailto or an anchor; only images are data: URLs
check "hostile: no javascript:, vbscript:, file: or data: links" sh -c \
    "! printf '%s\n' \"\$1\" | grep -qiE '^href=\"(javascript:|vbscript:|file:|data:)'" \
    - "$urls"
check "hostile: images only as data:image URLs" sh -c \
    "! printf '%s\n' \"\$1\" | grep -iE '^src=' | grep -qviE '^src=\"data:image/'" \
    - "$urls"
check "hostile: one <style>" [ "$(grep -c '<style' "$hostile")" = 1 ]
known='!DOCTYPE|html|head|meta|title|style|body|header|main|footer|section'
known="$known|div|h[1-6]|p|span|time|a|strong|em|del|sup|code|br|dl|dt|dd|ul|ol|li"
known="$known|blockquote|pre|hr|figure|img|table|caption|thead|tbody|tr|th|td"
bad=$(printf '%s\n' "$tags" | sed 's/^<\([a-zA-Z0-9!]*\).*/\1/' | sort -u |
    grep -vxE "$known")
check "hostile: only generated tags${bad:+ (found: $bad)}" [ -z "$bad" ]

# The Nu HTML Checker, one JVM for every page.
if ! command -v java >/dev/null 2>&1; then
	not_ok "vnu: java is not installed (apt-get install default-jre-headless)"
elif [ ! -f "$VNU" ]; then
	not_ok "vnu: no $VNU (npm ci --prefix tests/html)"
else
	java -jar "$VNU" --format gnu --stdout "$OUT"/*.plain.html \
	    >"$TMPDIR/vnu.out" 2>&1
	vnu_rc=$?
	for f in "$OUT"/*.plain.html; do
		name=$(basename "$f" .plain.html)
		if grep -F "$f" "$TMPDIR/vnu.out" | grep -q ': error:'; then
			not_ok "vnu $name.html"
			grep -F "$f" "$TMPDIR/vnu.out" | head -n 10
		else
			ok "vnu $name.html"
		fi
	done
	# a checker that could not run must not look like a clean page
	check "vnu ran and found no error (exit $vnu_rc)" sh -c \
	    "[ $vnu_rc -eq 0 ] && ! grep -qiE 'exception|fatal' '$TMPDIR/vnu.out'"
fi

# axe-core, the network and the markup whitelist, in one Chromium launch.
if ! command -v node >/dev/null 2>&1; then
	not_ok "axe: node is not installed (apt-get install nodejs npm)"
elif [ ! -x /usr/bin/chromium ]; then
	not_ok "axe: no /usr/bin/chromium (apt-get install chromium)"
elif [ ! -d "$NODE_DIR/node_modules/axe-core" ] ||
    [ ! -d "$NODE_DIR/node_modules/playwright-core" ]; then
	not_ok "axe: npm modules missing (npm ci --prefix tests/html)"
else
	for f in "$OUT"/*.plain.html; do
		cp "$f" "$OUT/$(basename "$f" .plain.html).html"
	done
	files="$OUT/meeting-public.html $OUT/meeting-members.html"
	for paper in $PAPERS; do
		files="$files $OUT/$(basename "$paper" .md).html"
	done
	# shellcheck disable=SC2086 # the names have no spaces: they are ours
	node "$NODE_DIR/check.mjs" $files
	# Layout: the cover holds long URLs at 1280 and 375 px, and a long
	# table printed leaves no nearly blank page before it; with the long
	# URLs of tests/txt/url-places.md in the summary too.
	(cd "$TOP/tests/txt" && "$BP" build -f html -o "$OUT/url-places.html" \
	    url-places.md) 2>/dev/null ||
	    not_ok "url-places.html: build"
	# shellcheck disable=SC2086
	node "$NODE_DIR/layout.mjs" $files "$OUT/url-places.html"
fi
