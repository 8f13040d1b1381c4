#!/bin/sh
# The publisher's identity from the styles folder (theme.css, the logo):
# the sample's logo in the site and on the PDF's cover; a second theme
# (tests/themes/second) whose logo is in the site header, on the cover
# and in the running heads, whose colours reach the site, the charts and
# the PDF, and of which no colour of the default theme is left; contrast
# and logo errors named by check; the same styles, the same bytes.
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
check "sample: no --icon, the favicon's bars in its colours" \
    grep -q 'fill="#15305a".*fill="#ffffff"' one/assets/favicon.svg
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
    'error: --logo "../second/logo.svg": not the name of an SVG file' path.out
mkdir unset
cp "$SECOND/logo.svg" "$SECOND/icon.svg" unset/
grep -v -- '^  --primary:' "$SECOND/theme.css" >unset/theme.css
"$BIN" check --content "$TOP/content" --styles unset >unset.out 2>&1
check "a colour the theme does not set: a warning naming it" grep -q \
    'unset/theme.css:1:1: warning: --primary is not set: the site has no value for it (the PDF and the charts take #15305a)' \
    unset.out
