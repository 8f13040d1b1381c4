#!/bin/sh
# Every script in the PDF, the charts and the site (gen/font.c, gen/hyph.c,
# gen/html.c): narratives in Chinese, Russian, Arabic, Hebrew, Greek and
# with emoji (tests/scripts/content); the theme's faces (tests/scripts/theme);
# check's warning for a character no font has.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1
asan_full_stacks

C=$TOP/tests/scripts/content
M=$C/editions/2016/measures
PY="python3 $TOP/tests/scripts/pdfcheck.py"
OUT=$WORK/out
PDF=$OUT/2016/rapport-2016.pdf

"$BIN" build --content "$C" --out "$OUT" --quiet >"$WORK/build.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && ! grep -q 'warning\|error' "$WORK/build.log"; then
	pass "the scripts content builds, with no warning"
else fail "the scripts content builds, with no warning" "rc=$rc" \
	"$(cat "$WORK/build.log")"; fi

# The fallback fonts are embedded, and nothing else than the pinned ones.
pdffonts "$PDF" >"$WORK/fonts" 2>&1
for f in WenQuanYiMicroHei NotoSansCJKsc NotoSansArabic NotoSansHebrew Symbola \
    CharisSIL; do
	if grep -q "+$f" "$WORK/fonts"; then pass "PDF embeds $f"
	else fail "PDF embeds $f" "$(cat "$WORK/fonts")"; fi
done
if awk 'NR > 2 && $(NF - 4) != "yes" { bad = 1 } END { exit bad }' \
    "$WORK/fonts"; then pass "every font of the PDF is embedded"
else fail "every font of the PDF is embedded" "$(cat "$WORK/fonts")"; fi

check "every word of the Chinese, Russian, Arabic, Hebrew, Greek and emoji \
paragraphs is in the PDF's text, no U+FFFD" \
    $PY words "$PDF" "$M/m01.md" "$M/m02.md" "$M/m03.md"
check "no glyph 0 (.notdef) drawn in the PDF" $PY glyph0 "$PDF"
check "every CJK character of the PDF's text is drawn (pixels in its box)" \
    python3 "$TOP/tests/drawn.py" "$PDF"
check "the Arabic paragraph is set right to left, justified, its last line \
flush right" $PY rtl "$PDF"
check "no hyphen at the end of an Arabic or Chinese line" \
    $PY nohyphen "$PDF"
check "the Chinese paragraph breaks between characters, no line starting \
with a closing mark" $PY cjk "$PDF"

# The site: paragraphs with an Arabic or Hebrew letter get dir="auto", the
# others no dir.
P=$OUT/2016/mesure-02.html
n=$(grep -c '<p dir="auto">' "$P")
if [ "$n" -eq 3 ] && grep -q '<p dir="auto">أعلنت.*Safe Harbour' "$P"; then
	pass "site: the Arabic, mixed Arabic/English and Hebrew paragraphs \
have dir=auto"
else fail "site: the Arabic, mixed and Hebrew paragraphs have dir=auto" \
	"$n found"; fi
if ! grep -q 'dir=' "$OUT/2016/mesure-01.html" "$OUT/2016/mesure-03.html"
then pass "site: Chinese, Russian, Greek and French paragraphs have no dir"
else fail "site: Chinese, Russian, Greek and French paragraphs have no dir"
fi

# The charts: an Arabic indicator label, drawn with the same fonts in the
# PDF's figure; in the SVG, real text in logical order marked right to left
# (its reader does the bidi again, with its own fonts).
mkdir -p "$WORK/c2"
cp -r "$C"/* "$WORK/c2/"
sed -i 's|<label>Victimes identifiées</label>|<label>الضحايا المحددون</label>|' \
    "$WORK/c2/indicators/m01.xml"
"$BIN" build --content "$WORK/c2" --out "$WORK/o2" --format pdf,svg \
    --quiet >"$WORK/b2.log" 2>&1
svg=$WORK/o2/2016/charts/m01-victimes.svg
rtl='<text[^>]* direction="rtl" text-anchor="end"[^>]*>'
if grep -q "$rtl"'الضحايا المحددون, 2014-2016</text>' "$svg" &&
    rsvg-convert -o "$WORK/chart.png" "$svg" &&
    pdftotext "$WORK/o2/2016/rapport-2016.pdf" - |
    grep -q 'الضحايا المحددون'; then
	pass "charts: an Arabic label is text in the SVG and in the PDF figure"
else fail "charts: an Arabic label is text in the SVG and in the PDF figure" \
	"$(cat "$WORK/b2.log")"; fi

# The pinned fonts' patterns come from fontconfig's cache of their folders
# (gen/font.c) when it has them, else from scanning each file: the same
# bytes either way.  "Cold": a configuration whose only cache folder is
# empty.  check loads the fonts too: warm, it opens no font file the
# content does not need (Georgian); cold, it scans them all.
printf '<?xml version="1.0"?>\n<fontconfig><cachedir>%s</cachedir></fontconfig>\n' \
    "$WORK/fc-empty" >"$WORK/cold.conf"
mkdir -p "$WORK/fc-empty"
FONTCONFIG_FILE=$WORK/cold.conf "$BIN" build --content "$C" \
    --out "$WORK/ocold" --quiet >"$WORK/cold.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && [ ! -s "$WORK/cold.log" ] &&
    diff -r -x '.out*' "$OUT" "$WORK/ocold" >"$WORK/cold.diff" 2>&1; then
	pass "fonts: the same output with and without fontconfig's cache"
else fail "fonts: the same output with and without fontconfig's cache" \
	"rc=$rc" "$(cat "$WORK/cold.log")" "$(head -n 5 "$WORK/cold.diff")"; fi
georgian=/usr/share/fonts/truetype/noto/NotoSansGeorgian-Regular.ttf
if ! command -v strace >/dev/null 2>&1; then
	pass "fonts: from the cache, no fallback file read # SKIP no strace"
elif ! fc-cat "$(dirname $georgian)" 2>/dev/null | grep -q Georgian; then
	pass "fonts: from the cache, no fallback file read # SKIP no valid \
fontconfig cache of $(dirname $georgian) (fc-cache)"
else
	# LeakSanitizer does not run under ptrace (make test-asan).
	asan="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
	ASAN_OPTIONS=$asan strace -f -qq -e trace=open,openat \
	    -o "$WORK/warm.trace" "$BIN" check --content "$C" >/dev/null 2>&1
	ASAN_OPTIONS=$asan FONTCONFIG_FILE=$WORK/cold.conf strace -f -qq \
	    -e trace=open,openat -o "$WORK/cold.trace" \
	    "$BIN" check --content "$C" >/dev/null 2>&1
	warm=$(grep -c "$georgian" "$WORK/warm.trace")
	cold=$(grep -c "$georgian" "$WORK/cold.trace")
	if [ "$warm" -eq 0 ] && [ "$cold" -gt 0 ]; then
		pass "fonts: from the cache, no fallback file read (scanned \
without it)"
	else fail "fonts: from the cache, no fallback file read" \
		"opens of $georgian: $warm warm, $cold cold"; fi
fi

# check warns at a character no font has, where it is.
# (U+0F40, Tibetan: a character of the table of gen/font.c fine[].)
printf '\nDes hiéroglyphes : 𓀀 et 𓀁.\nDu tibétain : ཀ.\n' \
    >>"$WORK/c2/editions/2016/avant-propos.md"
"$BIN" check --content "$WORK/c2" >"$WORK/check.log" 2>&1
rc=$?
if [ $rc -eq 0 ] && grep -q "avant-propos.md:[0-9]*:20: warning: .*U+13000" \
    "$WORK/check.log" && grep -q "U+13001" "$WORK/check.log" &&
    grep -q "avant-propos.md:[0-9]*:15: warning: .*U+0F40" "$WORK/check.log"
then
	pass "check warns at a character no font has (file:line:col, U+13000, \
U+0F40)"
else fail "check warns at a character no font has" "rc=$rc" \
	"$(cat "$WORK/check.log")"; fi
"$BIN" check --content "$WORK/c2" --werror >/dev/null 2>&1
check "check --werror fails on it" test $? -eq 1
# Past a byte that is not UTF-8 (replaced by U+FFFD, with its own
# warning), the text is printed: its characters are checked too, each
# once, at its first place (column 8: a column is a character).
printf '\nDu tibétain : ཀ, ཀ.\n\342\202 coupé\n après 𓀂 et 𓀂.\n' \
    >>"$WORK/c2/editions/2016/measures/m01.md"
"$BIN" check --content "$WORK/c2" >"$WORK/check2.log" 2>&1
if grep -q "m01.md:[0-9]*:[0-9]*: warning: invalid UTF-8" \
    "$WORK/check2.log" &&
    grep -q "m01.md:[0-9]*:8: warning: .*U+13002" "$WORK/check2.log" &&
    [ "$(grep -c "m01.md.*U+13002" "$WORK/check2.log")" -eq 1 ] &&
    [ "$(grep -c "m01.md.*U+0F40" "$WORK/check2.log")" -eq 1 ]; then
	pass "check warns past invalid UTF-8, once a character and file"
else fail "check warns past invalid UTF-8, once a character and file" \
	"$(cat "$WORK/check2.log")"; fi
# The warnings come from what the loader noted: every Markdown file is
# opened once, by the build as by check: the report's files, and one
# that edition.xml does not list, read only for the stamp's hashes (the
# build's and the tasks' share one walk of the content).
cp -R "$WORK/c2" "$WORK/c3"
echo "Notes de travail, hors du rapport." >"$WORK/c3/editions/2016/notes.md"
if command -v strace >/dev/null 2>&1; then
	ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0 strace -f \
	    -qq -e trace=open,openat -o "$WORK/md.trace" "$BIN" build \
	    --content "$WORK/c3" --out "$WORK/o-md" --format html \
	    >/dev/null 2>&1
	twice=$(grep '\.md"' "$WORK/md.trace" | grep -v ENOENT |
	    sed 's/.*open[at]*([^"]*"\([^"]*\)".*/\1/' | sort | uniq -d)
	n=$(grep -c '\.md"' "$WORK/md.trace")
	if [ "$n" -gt 0 ] && [ -z "$twice" ] &&
	    grep -q 'c3/editions/2016/notes\.md"' "$WORK/md.trace"; then
		pass "each Markdown file is read once ($n opened)"
	else fail "each Markdown file is read once" "opened more than once: \
$twice"; fi
else
	pass "each Markdown file is read once # SKIP no strace"
fi
if ! grep -q 'U+' "$WORK/build.log"; then
	pass "no such warning for the scripts content"
else fail "no such warning for the scripts content"; fi

# The theme's faces: installed families and a file of its fonts/ folder.
T=$TOP/tests/scripts/theme
"$BIN" build --content "$C" --styles "$T" --out "$WORK/ot" --quiet \
    >"$WORK/bt.log" 2>&1
pdffonts "$WORK/ot/2016/rapport-2016.pdf" >"$WORK/tfonts" 2>&1
for f in DejaVuSerif DejaVuSans-Bold Inconsolata; do
	if grep -q "+$f " "$WORK/tfonts"; then pass "theme: PDF embeds $f"
	else fail "theme: PDF embeds $f" "$(cat "$WORK/bt.log" "$WORK/tfonts")"
	fi
done
if ! grep -q 'CharisSIL' "$WORK/tfonts"; then
	pass "theme: the default text face is gone from the PDF"
else fail "theme: the default text face is gone from the PDF"; fi
CSS=$WORK/ot/2016/assets/fonts.css
if grep -q 'font-family: "Inconsolata";' "$CSS" &&
    grep -q 'src: url("fonts/Inconsolata.otf")' "$CSS" &&
    cmp -s "$T/fonts/Inconsolata.otf" "$WORK/ot/2016/assets/fonts/Inconsolata.otf" &&
    grep -q '^body {' "$CSS" && grep -q '"DejaVu Serif", serif' "$CSS" &&
    grep -q 'href="assets/fonts.css"' "$WORK/ot/2016/mesure-01.html"; then
	pass "theme: the site has @font-face, the file and the faces"
else fail "theme: the site has @font-face, the file and the faces" \
	"$(cat "$CSS" 2>&1)"; fi
if [ ! -e "$OUT/2016/assets/fonts.css" ] &&
    ! grep -q 'fonts.css' "$OUT/2016/mesure-01.html"; then
	pass "no fonts.css where the theme names no face"
else fail "no fonts.css where the theme names no face"; fi

# A family neither installed nor in fonts/: an error naming it, nothing
# written.
mkdir -p "$WORK/bad"
printf ':root {\n  --font-text: "Charis SIL";\n  --font-heading: "Nowhere Sans";\n}\n' \
    >"$WORK/bad/theme.css"
"$BIN" build --content "$C" --styles "$WORK/bad" --out "$WORK/ob" \
    >"$WORK/bad.log" 2>&1
rc=$?
if [ $rc -eq 1 ] && [ ! -e "$WORK/ob" ] && grep -q \
    'theme.css:3:19: error: font family "Nowhere Sans" (--font-heading)' \
    "$WORK/bad.log"; then
	pass "a family not installed is an error naming it, nothing written"
else fail "a family not installed is an error naming it" "rc=$rc" \
	"$(cat "$WORK/bad.log")"; fi

# Reproducible: the same content and fonts, the same PDF.
"$BIN" build --content "$C" --out "$WORK/out2" --quiet --jobs 1 >/dev/null 2>&1
check "the scripts PDF is the same bytes twice" cmp "$PDF" \
    "$WORK/out2/2016/rapport-2016.pdf"
