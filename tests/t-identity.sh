#!/bin/sh
# The publisher's identity from the styles folder (theme.css, the logo):
# the sample's logo in the site and on the PDF's cover; a second theme
# (tests/themes/second) whose logo is in the site header, on the cover
# and in the running heads, whose colours reach the site, the charts and
# the PDF, and of which no colour of the default theme is left; contrast
# and logo errors named by check; the same styles, the same bytes.  A
# third theme (tests/themes/png) with a PNG logo at two resolutions and
# no --icon: srcset in the site, the 2x file embedded once in the PDF,
# the favicon drawn from the logo, and each way check refuses a PNG logo.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

SECOND=$TOP/tests/themes/second
COLOURS=$TOP/tests/identity/colours.py

# pixels PDF PAGE X Y W H RRGGBB: how many pixels of the page drawn at
# 72 dpi, in the box (x, y, w, h) [pt], are of that colour exactly.
pixels() {
	pdftoppm -r 72 -f "$2" -l "$2" -x "$3" -y "$4" -W "$5" -H "$6" \
	    "$1" >px.ppm &&
	python3 - "$7" <<'EOF'
import sys
data = open("px.ppm", "rb").read()
# P6, width, height, maxval, then one byte a sample.
fields, pos = [], 0
while len(fields) < 4:
    while data[pos:pos + 1].isspace():
        pos += 1
    end = pos
    while not data[end:end + 1].isspace():
        end += 1
    fields.append(data[pos:end])
    pos = end
pix = data[pos + 1:]
want = bytes.fromhex(sys.argv[1])
print(sum(1 for i in range(0, len(pix), 3) if pix[i:i + 3] == want))
EOF
}

# ---- the sample's styles ----
"$BIN" build --quiet --content "$TOP/content" --styles "$TOP/styles" \
    --out one >build.err 2>&1
st=$?
check "the sample builds with its logo (status 0)" test $st = 0
img='<img src="assets/logo.svg" alt="rapporteur" width="220" height="40">'
n=$(grep -l -F "$img" one/index.html one/2016/*.html | wc -l)
m=$(ls one/index.html one/2016/*.html | wc -l)
check "sample: every page's masthead has the logo, its alt and size ($n of $m)" \
    test "$n" = "$m"
check "sample: the logo is copied beside the style sheets, as it is" \
    cmp "$TOP/styles/logo.svg" one/2016/assets/logo.svg
qpdf --qdf --object-streams=disable one/2016/rapport-2016.pdf one.qdf \
    >/dev/null 2>&1
check "sample: the cover's logo is a Figure whose /Alt is --logo-alt" \
    grep -a -q '/Alt (rapporteur)' one.qdf
n=$(pixels one/2016/rapport-2016.pdf 1 70 36 80 50 15305a)
check "sample: the logo drawn on the cover, in its colour ($n px of #15305a)" \
    test "$n" -gt 100
n=$(pdfimages -list -f 1 -l 1 one/2016/rapport-2016.pdf | tail -n +3 | wc -l)
check "sample: the cover's logo stays vector (no image on page 1: $n)" \
    test "$n" = 0
n=$(pixels one/2016/rapport-2016.pdf 8 70 28 80 24 15305a)
check "sample: --logo-running-head: off, no logo in the running head ($n px)" \
    test "$n" = 0
"$BIN" check --werror --content "$TOP/content" --styles "$TOP/styles" \
    >check.err 2>&1
check "sample: check --werror finds no contrast below the thresholds" \
    test $? = 0 -a ! -s check.err

# ---- the second theme ----
"$BIN" build --quiet --content "$TOP/content" --styles "$SECOND" \
    --out two >build.err 2>&1
st=$?
check "second theme: builds (status 0)" test $st = 0
alt='alt="Observatoire (thème d’essai)" width="290" height="44"'
n=$(grep -l -F "$alt" two/index.html two/2016/*.html two/2015/*.html | wc -l)
m=$(ls two/index.html two/2016/*.html two/2015/*.html | wc -l)
check "second theme: its logo in every page's masthead ($n of $m)" \
    test "$n" = "$m"
check "second theme: its logo file is the one the site links" \
    cmp "$SECOND/logo.svg" two/2016/assets/logo.svg
check "second theme: its primary colour in the site's theme" \
    grep -q -- '--primary: #6b1d4f;' two/2016/assets/theme.css
check "second theme: the site's style sheet takes the masthead from it" \
    grep -q 'background: var(--primary);' two/2016/assets/site.css
n=$(cat two/2016/charts/*.svg | grep -c '"#6b1d4f"')
check "second theme: its primary colour in the charts' SVG ($n files)" \
    test "$n" -gt 0
n=$(pixels two/2016/rapport-2016.pdf 1 70 36 80 50 6b1d4f)
check "second theme: its logo on the PDF's cover ($n px of #6b1d4f)" \
    test "$n" -gt 100
n=$(pixels two/2016/rapport-2016.pdf 8 70 28 80 24 6b1d4f)
check "second theme: its logo in the running head ($n px of #6b1d4f)" \
    test "$n" -gt 20
check "second theme: its --icon is the favicon" \
    cmp "$SECOND/icon.svg" two/assets/favicon.svg
check "second theme: the favicon's PNG copies drawn from it" sh -c \
    "file two/assets/favicon.png | grep -q '32 x 32' &&
    file two/assets/apple-touch-icon.png | grep -q '180 x 180' &&
    ! cmp -s one/assets/favicon.png two/assets/favicon.png"
check "sample: its --icon, its mark in its colours, is the favicon" sh -c \
    "cmp '$TOP/styles/icon.svg' one/assets/favicon.svg &&
    grep -q 'fill=\"#15305a\".*fill=\"#ffffff\"' one/assets/favicon.svg"
for y in 2015 2016; do
	qpdf --qdf --object-streams=disable two/$y/rapport-$y.pdf two-$y.qdf \
	    >/dev/null 2>&1
done
python3 "$COLOURS" "$TOP/styles/theme.css" two two-2015.qdf two-2016.qdf \
    >left.txt 2>&1
st=$?
check "second theme: no colour of the default theme left in out/ or the PDFs" \
    sh -c "test $st = 0 && test ! -s left.txt || { head left.txt; exit 1; }"
# The scan would see them: it finds the default colours in the sample.
python3 "$COLOURS" "$TOP/styles/theme.css" one one.qdf >/dev/null 2>&1
check "the colour scan finds the default colours in the sample's output" \
    test $? = 1
"$BIN" check --werror --content "$TOP/content" --styles "$SECOND" \
    >check.err 2>&1
check "second theme: check --werror passes" test $? = 0 -a ! -s check.err
python3 "$TOP/tests/pdfua/check.py" two/2016/rapport-2016.pdf >ua.out 2>&1
check "second theme: the PDF with its logos passes the PDF/UA checker" \
    test $? = 0

# ---- reproducible ----
"$BIN" build --quiet --content "$TOP/content" --styles "$SECOND" \
    --out three >build.err 2>&1
check "second theme: built twice, the same bytes" diff -r two three

# ---- check: contrast and the logo ----
mkdir low
cp "$SECOND/theme.css" "$SECOND/logo.svg" "$SECOND/icon.svg" low/
# --text at 2:1 on the background.
sed 's/^  --text: #221c1f;/  --text: #b8b4b0;/' "$SECOND/theme.css" >low/theme.css
"$BIN" check --content "$TOP/content" --styles low >low.out 2>&1
st=$?
line=$(grep -n -- '^  --text:' low/theme.css | cut -d: -f1)
want="low/theme.css:$line:3: warning: --text #b8b4b0 on --background"
want="$want #fffdf7: contrast 2.02:1, below 4.5:1"
check "text at 2:1: check names the pair, the ratio and the line (status 0)" \
    sh -c "test $st = 0 && grep -q -F '$want' low.out || { cat low.out; exit 1; }"
"$BIN" check --werror --content "$TOP/content" --styles low >low.out 2>&1
check "text at 2:1: check --werror fails (status 1)" test $? = 1
"$BIN" build --werror --quiet --content "$TOP/content" --styles low \
    --out low-out >low.out 2>&1
check "text at 2:1: build --werror writes nothing" test ! -e low-out
mkdir noicon
cp "$SECOND/logo.svg" noicon/
cp "$SECOND/theme.css" noicon/
"$BIN" check --content "$TOP/content" --styles noicon >noicon.out 2>&1
check "a missing icon: an error naming it" grep -q \
    'noicon/theme.css:10:3: error: --icon "icon.svg": No such file' noicon.out
mkdir nologo
sed 's/--logo: "logo.svg";/--logo: "absent.svg";/' "$SECOND/theme.css" \
    >nologo/theme.css
"$BIN" check --content "$TOP/content" --styles nologo >nologo.out 2>&1
st=$?
check "a missing logo: an error naming it (status 1)" sh -c "test $st = 1 &&
    grep -q 'nologo/theme.css:7:3: error: --logo \"absent.svg\": No such file' \
    nologo.out || { cat nologo.out; exit 1; }"
mkdir noalt
cp "$SECOND/logo.svg" "$SECOND/icon.svg" noalt/
grep -v -- '--logo-alt' "$SECOND/theme.css" >noalt/theme.css
"$BIN" check --content "$TOP/content" --styles noalt >noalt.out 2>&1
check "a logo with no --logo-alt: an error" grep -q \
    'error: --logo "logo.svg" has no --logo-alt' noalt.out
mkdir badlogo
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' \
    >badlogo/logo.svg
printf '<image href="file:///etc/passwd" width="10" height="10"/></svg>\n' \
    >>badlogo/logo.svg
cp "$SECOND/theme.css" badlogo/
"$BIN" check --content "$TOP/content" --styles badlogo >badlogo.out 2>&1
check "a logo that refers to another file: an error naming it" grep -q \
    'badlogo/theme.css:7:3: error: --logo "logo.svg": ' badlogo.out
mkdir path
sed 's|--logo: "logo.svg";|--logo: "../second/logo.svg";|' \
    "$SECOND/theme.css" >path/theme.css
"$BIN" check --content "$TOP/content" --styles path >path.out 2>&1
check "a logo outside the styles folder: refused" grep -q \
    'error: --logo "../second/logo.svg": not the name of an SVG or a PNG file' path.out
mkdir unset
cp "$SECOND/logo.svg" "$SECOND/icon.svg" unset/
grep -v -- '^  --primary:' "$SECOND/theme.css" >unset/theme.css
"$BIN" check --content "$TOP/content" --styles unset >unset.out 2>&1
check "a colour the theme does not set: a warning naming it" grep -q \
    'unset/theme.css:1:1: warning: --primary is not set: the site has no value for it (the PDF and the charts take #15305a)' \
    unset.out

# ---- a PNG logo at two resolutions, no --icon (tests/themes/png) ----
PNG=$TOP/tests/themes/png
TEAL=0a7d6e		# the logo's tile, in no colour of the theme
"$BIN" build --quiet --content "$TOP/content" --styles "$PNG" \
    --out png >build.err 2>&1
st=$?
check "PNG logo: builds (status 0)" sh -c "test $st = 0 || { cat build.err; exit 1; }"
img='<img src="assets/logo.png" srcset="assets/logo@2x.png 2x"'
img="$img"' alt="OBS (thème d’essai en PNG)" width="120" height="48">'
n=$(grep -l -F "$img" png/index.html png/2016/*.html png/2015/*.html | wc -l)
m=$(ls png/index.html png/2016/*.html png/2015/*.html | wc -l)
check "PNG logo: every masthead has it with srcset 2x, alt and the 1x size ($n of $m)" \
    test "$n" = "$m"
check "PNG logo: both files copied as they are" sh -c \
    "cmp '$PNG/logo.png' png/2016/assets/logo.png &&
    cmp '$PNG/logo@2x.png' png/2016/assets/logo@2x.png"
pdfimages -list png/2016/rapport-2016.pdf | awk '$3 == "image"' >imgs.txt
# 96 px over 40 pt: 173 pixels an inch.
check "PNG logo: the PDF holds it once, the 2x file (240 x 96 px), 40 pt high" sh -c \
    "test \$(wc -l <imgs.txt) = 1 &&
    awk '\$4 != 240 || \$5 != 96 || \$13 != 173 { exit 1 }' imgs.txt ||
    { cat imgs.txt; exit 1; }"
n=$(pixels png/2016/rapport-2016.pdf 1 70 36 80 50 $TEAL)
check "PNG logo: drawn on the cover, in its colour ($n px of #$TEAL)" \
    test "$n" -gt 100
qpdf --qdf --object-streams=disable png/2016/rapport-2016.pdf png.qdf \
    >/dev/null 2>&1
alt=$(python3 -c 'print("OBS (thème d’essai en PNG)".encode("utf-16-be").hex())')
check "PNG logo: the cover's Figure has its /Alt (UTF-16)" \
    grep -a -q "/Alt <feff$alt>" png.qdf
n=$(python3 "$TOP/tests/pngpix.py" png/2016/partage-2016.png $TEAL)
check "PNG logo: on the social card ($n px of #$TEAL)" test "$n" -gt 20
# The running head too: still one image object however many pages.
mkdir head
cp "$PNG/logo.png" "$PNG/logo@2x.png" head/
sed 's/--logo-running-head: off;/--logo-running-head: on;/' "$PNG/theme.css" \
    >head/theme.css
"$BIN" build --quiet --format pdf --content "$TOP/content" --styles head \
    --out head-out >build.err 2>&1
pdfimages -list head-out/2016/rapport-2016.pdf | awk '$3 == "image"' >imgs.txt
check "PNG logo in the running head: on many pages, one image object" sh -c \
    "test \$(wc -l <imgs.txt) -gt 10 &&
    test \$(awk '{ print \$11 }' imgs.txt | sort -u | wc -l) = 1 ||
    { head -3 imgs.txt; exit 1; }"
n=$(pixels head-out/2016/rapport-2016.pdf 8 70 28 80 24 $TEAL)
check "PNG logo in the running head, in its colour ($n px)" test "$n" -gt 20
python3 "$TOP/tests/pdfua/check.py" head-out/2016/rapport-2016.pdf >ua.out 2>&1
check "PNG logo on the cover and the running heads: the PDF/UA checker passes" \
    sh -c "test $? = 0 || { grep 'not ok' ua.out; exit 1; }"
"$BIN" build --quiet --content "$TOP/content" --styles "$PNG" \
    --out png-again >build.err 2>&1
check "PNG logo: built twice, the same bytes" diff -r png png-again
python3 - png/assets/favicon.svg "$PNG/logo@2x.png" <<'PY' >fav.out 2>&1
import base64, re, sys
svg = open(sys.argv[1]).read()
m = re.search(r'fill="#fffdf7"/><image x="2" y="2" width="28" height="28" '
              r'href="data:image/png;base64,([A-Za-z0-9+/=]+)"/></svg>$', svg)
assert m, svg[:300]
assert base64.b64decode(m.group(1)) == open(sys.argv[2], "rb").read()
PY
check "no --icon: favicon.svg is the 2x logo on --background" \
    sh -c "test $? = 0 || { cat fav.out; exit 1; }"
for f in favicon.png apple-touch-icon.png; do
	n=$(python3 "$TOP/tests/pngpix.py" png/assets/$f $TEAL)
	check "no --icon: $f drawn from the logo ($n px of #$TEAL)" \
	    test "$n" -gt 20
done
n=$(python3 "$TOP/tests/pngpix.py" one/assets/apple-touch-icon.png $TEAL)
check "the colour is not in the sample's icon ($n px)" test "$n" = 0
"$BIN" check --werror --content "$TOP/content" --styles "$PNG" \
    >check.err 2>&1
check "PNG logo: check --werror passes (2.5:1, not too wide for the favicon)" \
    sh -c "test $? = 0 && test ! -s check.err || { cat check.err; exit 1; }"

# A wordmark wider than 3:1 with no --icon: a warning naming the ratio.
mkdir wide
cp "$SECOND/logo.svg" wide/
grep -v -- '^  --icon:' "$SECOND/theme.css" >wide/theme.css
"$BIN" check --content "$TOP/content" --styles wide >wide.out 2>&1
st=$?
want='wide/theme.css:7:3: warning: --logo "logo.svg" is 6.5 times as wide as'
want="$want high, more than 3:1: the favicon, drawn from it with no --icon,"
want="$want shows it small (name a square --icon)"
check "a 6.5:1 logo and no --icon: check warns, naming the ratio (status 0)" \
    sh -c "test $st = 0 && grep -q -F '$want' wide.out || { cat wide.out; exit 1; }"
"$BIN" check --werror --content "$TOP/content" --styles wide >wide.out 2>&1
check "a 6.5:1 logo and no --icon: check --werror fails" test $? = 1
"$BIN" build --quiet --format html --content "$TOP/content" --styles wide \
    --out wide-out >build.err 2>&1
python3 - wide-out/assets/favicon.svg "$SECOND/logo.svg" <<'PY' >fav.out 2>&1
import base64, re, sys
svg = open(sys.argv[1]).read()
m = re.search(r'href="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"', svg)
assert m, svg[:300]
assert base64.b64decode(m.group(1)) == open(sys.argv[2], "rb").read()
PY
check "an SVG logo and no --icon: favicon.svg holds the logo's file" \
    sh -c "test $? = 0 || { cat fav.out; exit 1; }"
# Neither logo nor icon: the bars of the theme's colours.
mkdir bare
grep -v -- '^  --logo\|^  --icon:' "$SECOND/theme.css" >bare/theme.css
"$BIN" build --quiet --format html --content "$TOP/content" --styles bare \
    --out bare-out >build.err 2>&1
check "no logo, no --icon: the favicon is the bars in --on-primary on --primary" \
    grep -q '^<svg [^>]*><rect width="32" height="32" rx="6" fill="#6b1d4f"/><rect x="7" y="18" width="5" height="8" fill="#fffdf7"/>' \
    bare-out/assets/favicon.svg

# Each way a PNG logo is refused, at the line of --logo; build writes
# nothing.  refused NAME MESSAGE: the folder pngbad holds the case.
line=$(grep -n -- '^  --logo:' "$PNG/theme.css" | cut -d: -f1)
refused() {
	"$BIN" check --content "$TOP/content" --styles pngbad >bad.out 2>&1
	st=$?
	"$BIN" build --quiet --content "$TOP/content" --styles pngbad \
	    --out bad-out >/dev/null 2>&1
	check "$1: an error at the --logo line (status 1), nothing built" \
	    sh -c "test $st = 1 && test ! -e bad-out &&
	    grep -q -F 'pngbad/theme.css:$line:3: error: $2' bad.out ||
	    { cat bad.out; exit 1; }"
	rm -rf pngbad
	mkdir pngbad
	cp "$PNG/theme.css" "$PNG/logo.png" "$PNG/logo@2x.png" pngbad/
}
# solid FILE W H: a PNG of W x H pixels of the logo's colour.
solid() {
	python3 - "$@" <<'PY'
import struct, sys, zlib
def chunk(t, c):
    return (struct.pack(">I", len(c)) + t + c +
            struct.pack(">I", zlib.crc32(t + c)))
w, h = int(sys.argv[2]), int(sys.argv[3])
rows = b"".join(b"\0" + b"\x0a\x7d\x6e" * w for _ in range(h))
open(sys.argv[1], "wb").write(b"\x89PNG\r\n\x1a\n" +
    chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) +
    chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
PY
}
mkdir pngbad
cp "$PNG/theme.css" "$PNG/logo.png" "$PNG/logo@2x.png" pngbad/
rm pngbad/logo@2x.png
refused "the 2x copy missing" \
    '--logo "logo.png" needs its double-resolution copy "logo@2x.png" beside it: No such file or directory'
echo 'not a picture' >pngbad/logo@2x.png
refused "the 2x copy not a PNG" '--logo: "logo@2x.png" is not a PNG file'
head -c 200 "$PNG/logo@2x.png" >pngbad/logo@2x.png
refused "the 2x copy cut short" \
    '--logo: "logo@2x.png" is a damaged PNG file: its image data cannot be decoded'
cp "$PNG/logo.png" pngbad/logo@2x.png
refused "the 2x copy the size of the 1x" \
    '--logo "logo.png" is 120 x 48 px: its double-resolution copy "logo@2x.png" must be 240 x 96 px, not 120 x 48'
# Twice as wide, not twice as high: another aspect.
solid pngbad/logo@2x.png 240 100
refused "the 2x copy of another aspect" \
    '--logo "logo.png" is 120 x 48 px: its double-resolution copy "logo@2x.png" must be 240 x 96 px, not 240 x 100'
# Past a side's limit: refused by its header, before any decoding.
solid pngbad/logo@2x.png 40000 1
refused "the 2x copy too large" \
    '--logo: "logo@2x.png" is too large (40000 x 1 pixels)'
printf '<svg xmlns="http://www.w3.org/2000/svg"/>\n' >pngbad/logo.png
refused "the logo itself not a PNG" '--logo: "logo.png" is not a PNG file'
rm pngbad/logo.png
refused "the logo itself missing" \
    '--logo "logo.png": No such file or directory'
for name in favicon.png apple-touch-icon.png; do
	sed "s/--logo: \"logo.png\";/--logo: \"$name\";/" "$PNG/theme.css" \
	    >pngbad/theme.css
	refused "a logo named as the favicon's $name" \
	    "--logo \"$name\": not the name of an SVG or a PNG file"
done
