#!/bin/sh
# A measure showing a PNG beside its narrative, a JPEG and an SVG from
# the edition's images/ folder (the SVG in a link), and the foreword
# showing the SVG by its path from the edition folder: the files copied
# once into the site with their size, the JPEG embedded as JPEG in the
# PDF, the SVG drawn as vectors, the link clickable on the image, no
# page left empty.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

cp -R "$TOP/tests/fixtures/mini" content
ed=content/editions/2016
mkdir "$ed/images"
cp "$TOP/tests/pdf/figure.png" "$ed/measures/figure.png"
cp "$TOP/tests/images/photo.jpg" "$TOP/tests/images/schema.svg" "$ed/images/"
cat >>"$ed/measures/m02.md" <<'MD'

## Images

Une figure à côté du récit :

![Figure PNG](figure.png)

![Une photo de paysage](../images/photo.jpg "Photo")

[![Le parcours en trois étapes](../images/schema.svg)](https://example.org/parcours)

Fin des images.
MD
printf '\n![Le parcours, en avant-propos](images/schema.svg)\n' \
    >>"$ed/avant-propos.md"

if ! "$BIN" build --quiet --content content --out out 2>err; then
	fail "images: the build" "$(cat err)"
	exit 0
fi
pass "images: a PNG, a JPEG and an SVG build"

# The site: each file copied once, named by its hash and its kind, the
# same bytes; every <img> with its size and loading="lazy".
h() { sha256sum "$1" | cut -c1-16; }
png=$(h "$TOP/tests/pdf/figure.png").png
jpg=$(h "$TOP/tests/images/photo.jpg").jpg
svg=$(h "$TOP/tests/images/schema.svg").svg
if [ "$(ls out/2016/img | sort)" = "$(printf '%s\n' "$png" "$jpg" "$svg" | sort)" ] &&
    cmp -s out/2016/img/$png "$TOP/tests/pdf/figure.png" &&
    cmp -s out/2016/img/$jpg "$TOP/tests/images/photo.jpg" &&
    cmp -s out/2016/img/$svg "$TOP/tests/images/schema.svg"; then
	pass "images: the site holds one copy of each, by kind"
else
	fail "images: the site holds one copy of each, by kind" "$(ls out/2016/img)"
fi
p=out/2016/mesure-02.html
if grep -qF "<img src=\"img/$png\" alt=\"Figure PNG\" width=\"480\" height=\"240\" loading=\"lazy\">" $p &&
    grep -qF "<img src=\"img/$jpg\" alt=\"Une photo de paysage\" width=\"240\" height=\"150\" loading=\"lazy\" title=\"Photo\">" $p &&
    grep -qF "<a href=\"https://example.org/parcours\"><img src=\"img/$svg\" alt=\"Le parcours en trois étapes\" width=\"300\" height=\"120\" loading=\"lazy\"></a>" $p &&
    grep -qF "<img src=\"img/$svg\" alt=\"Le parcours, en avant-propos\" width=\"300\" height=\"120\" loading=\"lazy\">" out/2016/avant-propos.html; then
	pass "images: each <img> with its size, lazy, the SVG in its link"
else
	fail "images: each <img> with its size, lazy, the SVG in its link" "$(grep -o '<img[^>]*>' $p out/2016/avant-propos.html)"
fi

# The PDF: the PNG as an image, the JPEG as a JPEG, each once; the SVG
# is no image object (vectors), but its green is on the page.
pdf=out/2016/rapport-2016.pdf
pdfimages -list $pdf 2>/dev/null | awk 'NR > 2 { print $4, $5, $9 }' >imgs
if [ "$(cat imgs)" = "$(printf '480 240 image\n240 150 jpeg')" ]; then
	pass "images: PDF embeds the PNG and the JPEG (as jpeg), not the SVG"
else
	fail "images: PDF embeds the PNG and the JPEG (as jpeg), not the SVG" "$(cat imgs)"
fi
n=$(pdfinfo $pdf | awk '/^Pages:/ { print $2 }')
pg=
empty=
i=1
while [ $i -le "$n" ]; do
	t=$(pdftotext -f $i -l $i $pdf - | tr -d ' \n\f')
	[ -z "$t" ] && empty="$empty $i"
	case $t in *Leparcoursentroisétapes*) pg=$i ;; esac
	i=$((i + 1))
done
[ -z "$empty" ] && pass "images: no empty page ($n pages)" ||
    fail "images: no empty page" "empty:$empty"
# #00a651, the SVG's green, drawn anti-aliased: pixels near it.
pdftoppm -r 60 -f "${pg:-1}" -l "${pg:-1}" $pdf page
green=$(python3 - page*.ppm <<'PY'
import sys
d = open(sys.argv[1], "rb").read()
parts = d.split(maxsplit=4)
px = parts[4]
n = sum(1 for i in range(0, len(px) - 2, 3)
        if abs(px[i] - 0) < 8 and abs(px[i + 1] - 166) < 8 and abs(px[i + 2] - 81) < 8)
print(n)
PY
)
if [ "${green:-0}" -gt 500 ]; then
	pass "images: the SVG drawn on its page ($green green pixels)"
else
	fail "images: the SVG drawn on its page" "page ${pg:-?}: ${green:-0} green pixels"
fi

# The image in a link: an annotation over the image's box (taller than a
# line), in a Link element inside the Figure; the PDF/UA checker passes.
qpdf --qdf --object-streams=disable $pdf qdf.pdf 2>/dev/null
python3 - qdf.pdf >link.out <<'PY'
import re, sys
d = open(sys.argv[1], "rb").read().decode("latin-1")
objs = dict(re.findall(r"\n(\d+) 0 obj\n(.*?)\nendobj", d, re.S))
tall = []
for k, v in objs.items():
    if "/Subtype /Link" in v and "/URI (https://example.org/parcours)" in v \
            and "/Contents (https://example.org/parcours)" in v:
        r = [float(x) for x in re.search(r"/Rect \[(.*?)\]", v, re.S).group(1).split()]
        if r[3] - r[1] > 50:
            tall.append(k)
ok = False
for k in tall:
    for e, v in objs.items():
        if "/S /Link" in v and re.search(r"/Obj %s 0 R" % k, v):
            p = re.search(r"/P (\d+) 0 R", v).group(1)
            ok = ok or "/S /Figure" in objs.get(p, "")
print("ok" if ok else "no: %d tall annotations" % len(tall))
PY
if [ "$(cat link.out)" = ok ]; then
	pass "images: the linked image is a Link annotation in its Figure"
else
	fail "images: the linked image is a Link annotation in its Figure" "$(cat link.out)"
fi
if python3 "$TOP/tests/pdfua/check.py" $pdf >ua.out 2>&1; then
	pass "images: the PDF/UA checker passes"
else
	fail "images: the PDF/UA checker passes" "$(grep -v '^ok' ua.out)"
fi
