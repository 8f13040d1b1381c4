#!/bin/sh
# Markdown written by others (tests/realworld/SOURCES), each fed as a
# measure's narrative: Git's README; Etalab's README and guide on public
# algorithms, in French; free-programming-books' contribution guide in
# Arabic, Russian and Chinese.  As written, each is refused, and each
# refusal names the construct's own line and column (links to files of
# their repositories, a table, a front matter, images not there).  With
# those addresses made absolute (and, for the guide, its table made a
# list, its front matter removed, its images given), each builds, and
# every word of it is in the site's page and in the PDF's text; the
# Arabic is set right to left, the Russian keeps its own typography.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

doc=$TOP/tests/realworld/git-README.md
cp -R "$TOP/tests/fixtures/mini" content
m=content/editions/2016/measures/m03.md
cp "$doc" $m
"$BIN" check --content content >stdout 2>err
st=$?
f=content/editions/2016/measures/m03.md
cat >want <<EOF
$f:1:2: error: image "https://github.com/git/git/workflows/CI/badge.svg": only PNG, JPEG and SVG files (.png, .jpg, .jpeg, .svg) inside the content folder, given by a relative path
$f:3:1: warning: level-1 heading: the title comes from the plan or edition.xml, start sections at ##
$f:15:22: error: link "INSTALL": no narrative or part of the report there (content/editions/2016/measures/INSTALL)
$f:20:5: error: link "Documentation/gittutorial.txt": no narrative or part of the report there (content/editions/2016/measures/Documentation/gittutorial.txt)
$f:21:1: error: link "Documentation/giteveryday.txt": no narrative or part of the report there (content/editions/2016/measures/Documentation/giteveryday.txt)
$f:28:33: error: link "Documentation/gitcvs-migration.txt": no narrative or part of the report there (content/editions/2016/measures/Documentation/gitcvs-migration.txt)
$f:35:1: error: link "Documentation/SubmittingPatches": no narrative or part of the report there (content/editions/2016/measures/Documentation/SubmittingPatches)
$f:36:5: error: link "Documentation/CodingGuidelines": no narrative or part of the report there (content/editions/2016/measures/Documentation/CodingGuidelines)
$f:39:51: error: link "po/README.md": no narrative or part of the report there (content/editions/2016/measures/po/README.md)
EOF
if [ $st = 1 ] && diff -u want err >diff; then
	pass "realworld: Git's README as written: each refusal at its place"
else
	fail "realworld: Git's README as written: each refusal at its place" "status $st" "$(cat diff)"
fi

# The addresses made absolute: the badge a plain link, the files of
# Git's tree on its site.
sed -e '1s|^\[!\[\(Build status\)\](\([^)]*\))\]|[\1]|' \
    -e 's|^\(\[[^]]*\]: \)\(.*\)$|\1https://github.com/git/git/blob/master/\2|' \
    "$doc" >$m
if ! "$BIN" build --quiet --content content --out out 2>err; then
	fail "realworld: Git's README, addresses made absolute, builds" "$(cat err)"
	exit 0
fi
pass "realworld: Git's README, addresses made absolute, builds"

# The words of the source: its text without link destinations and
# reference definitions, in runs of letters and digits.
python3 - $m out/2016/mesure-03.html out/2016/rapport-2016.pdf >words.out <<'PY'
import html, re, subprocess, sys
src = open(sys.argv[1], encoding="utf-8").read()
src = re.sub(r"(?m)^\[[^]]*\]: .*$", "", src)
src = re.sub(r"\]\([^)]*\)", "]", src)
words = re.findall(r"[A-Za-z0-9]+", src)
page = open(sys.argv[2], encoding="utf-8").read()
main = page[page.index("<main"):page.index("</main>")]
site = html.unescape(re.sub(r"<[^>]+>", " ", main))
pdf = subprocess.run(["pdftotext", sys.argv[3], "-"], capture_output=True,
                     text=True).stdout
# A word cut at a line's end by a hyphen is one word again.
pdf = pdf.replace("\u00ad", "") + " " + re.sub(r"-\n", "", pdf)
tok = lambda t: set(re.findall(r"[A-Za-z0-9]+", t))
s, p = tok(site), tok(pdf)
miss_s = sorted(set(w for w in words if w not in s))
miss_p = sorted(set(w for w in words if w not in p))
print(len(words), len(set(words)))
print("site:", " ".join(miss_s))
print("pdf:", " ".join(miss_p))
PY
n=$(sed -n 1p words.out)
if [ "$(sed -n 2p words.out)" = "site: " ] && [ "${n%% *}" -gt 400 ]; then
	pass "realworld: every word of Git's README in the site (${n%% *} words)"
else
	fail "realworld: every word of Git's README in the site" "$(cat words.out)"
fi
if [ "$(sed -n 3p words.out)" = "pdf: " ] && [ "${n%% *}" -gt 400 ]; then
	pass "realworld: every word of Git's README in the PDF's text"
else
	fail "realworld: every word of Git's README in the PDF's text" "$(cat words.out)"
fi

# The other documents.  For each, tests/realworld/NAME.check holds what
# check says of it as written (each position checked against the file by
# hand); absolute.py makes the links it refuses absolute, finding each at
# the line and column of its error; EDIT is a sed script run after it.
# realworld NAME URL EDIT [SETUP]: the document NAME.md, URL its address
# in its repository, SETUP a command run on the content first; leaves its
# build in out-NAME.
realworld() {
	name=$1 url=$2 edit=$3
	rm -rf content
	cp -R "$TOP/tests/fixtures/mini" content
	${4:+eval "$4"}
	cp "$TOP/tests/realworld/$name.md" $m
	"$BIN" check --content content >stdout 2>err
	st=$?
	if [ $st = 1 ] && diff -u "$TOP/tests/realworld/$name.check" err >diff
	then
		pass "realworld: $name as written: each refusal at its place"
	else
		fail "realworld: $name as written: each refusal at its place" \
		    "status $st" "$(cat diff)"
	fi
	if ! python3 "$TOP/tests/realworld/absolute.py" err "$url" \
	    <"$TOP/tests/realworld/$name.md" >abs.md 2>abs.err ||
	    ! sed -e "$edit" abs.md >$m; then
		fail "realworld: $name, links made absolute, builds" \
		    "$(cat abs.err)"
		return
	fi
	if ! "$BIN" build --quiet --content content --out "out-$name" \
	    2>err; then
		fail "realworld: $name, links made absolute, builds" "$(cat err)"
		return
	fi
	pass "realworld: $name, links made absolute, builds"
	python3 "$TOP/tests/realworld/words.py" $m \
	    "out-$name/2016/mesure-03.html" \
	    "out-$name/2016/rapport-2016.pdf" >words.out
	n=$(sed -n '1s/ .*//p' words.out)
	if [ "$(sed -n 2p words.out)" = "site: " ] && [ "$n" -gt 250 ]; then
		pass "realworld: every word of $name in the site ($n words)"
	else
		fail "realworld: every word of $name in the site" \
		    "$(cat words.out)"
	fi
	if [ "$(sed -n 3p words.out)" = "pdf: " ] && [ "$n" -gt 250 ]; then
		pass "realworld: every word of $name in the PDF's text"
	else
		fail "realworld: every word of $name in the PDF's text" \
		    "$(cat words.out)"
	fi
}

G=https://github.com/etalab/guides.etalab.gouv.fr/blob/master
F=https://github.com/EbookFoundation/free-programming-books/blob/main/docs
realworld etalab-guides-README $G/README.md ''
# The guide's images (not copied) are given as a stand-in PNG in the
# edition's images folder, the two without a text given one.
images() {
	mkdir -p content/editions/2016/images
	for i in Algo-obligations-1 Algo-obligations-2 Algo-quizz; do
		cp "$TOP/tests/pdf/figure.png" content/editions/2016/images/$i.png
	done
}
realworld etalab-algorithmes-guide $G/algorithmes/0-guide.md '1,3d
/^| -/d
/^| /{
	s/^| *//
	s/ *| *$//
	s/ *| */ : /
	s/^/- /
}
s/^!\[\](\(.*-\([12]\)\.png\))/![Obligations \2](\1)/
s|(\./images/|(../images/|' images
for l in ar ru zh; do
	realworld fpb-CONTRIBUTING-$l $F/CONTRIBUTING-$l.md ''
done

# The Chinese: each of its characters drawn, not only in the PDF's text
# (a glyph cairo's subset of a CFF font lost is blank on the page): the
# 482 distinct ones, 如 (U+5982) among them.
o=out-fpb-CONTRIBUTING-zh/2016
python3 "$TOP/tests/drawn.py" $o/rapport-2016.pdf >drawn.out 2>&1
st=$?
if [ $st = 0 ] && [ "$(sed -n "1s/.* //p" drawn.out)" = 482 ]; then
	pass "realworld: every Chinese character of the guide is drawn in the PDF (482 distinct)"
else
	fail "realworld: every Chinese character of the guide is drawn in the PDF" \
	    "status $st" "$(sort -u drawn.out | head -20)"
fi
# Its headings are bold: WenQuanYi Micro Hei (one weight) sets them too.
pdffonts $o/rapport-2016.pdf >fonts 2>&1
if grep -q '+WenQuanYiMicroHei ' fonts && ! grep -q '+NotoSansCJK' fonts; then
	pass "realworld: the Chinese guide, headings too, in WenQuanYi Micro Hei only"
else
	fail "realworld: the Chinese guide, headings too, in WenQuanYi Micro Hei only" \
	    "$(cat fonts)"
fi

# The Arabic: right to left in the PDF; in the site, its paragraphs and
# headings have dir="auto" (its browser sets them right to left), its
# lists and items dir="rtl" (markers on the right, a tight item's text
# in order).
o=out-fpb-CONTRIBUTING-ar/2016
check "realworld: the Arabic guide is set right to left in the PDF, flush \
right, list markers on the right" python3 "$TOP/tests/realworld/rtl.py" $o/rapport-2016.pdf
n=$(grep -c '<p dir="auto">\|<h[2-6] dir="auto"' $o/mesure-03.html)
if [ "$n" -gt 20 ] &&
    grep -q '<p dir="auto">من خلال المساهمة، فإنك توافق' $o/mesure-03.html &&
    grep -q '^<ol dir="rtl">$' $o/mesure-03.html &&
    grep -q '^<li dir="rtl">إذا كنت تعرف Git' $o/mesure-03.html &&
    ! grep -q 'dir="ltr"' $o/mesure-03.html
then
	pass "realworld: the Arabic guide's paragraphs (dir=auto, $n) and lists (dir=rtl) in the site"
else
	fail "realworld: the Arabic guide's paragraphs (dir=auto) and lists (dir=rtl) in the site" \
	    "$n found"
fi

# The Russian keeps its own typography (no French spaces inside its
# guillemets or before a colon), the French guide gets France's; the
# comments before the Russian anchors are not printed.
o=out-fpb-CONTRIBUTING-ru/2016
g=out-etalab-algorithmes-guide/2016
nnbsp=$(printf '\342\200\257') nbsp=$(printf '\302\240')
if grep -q '«Ссылка для легкой загрузки книги»' $o/mesure-03.html &&
    grep -q 'знать Git: если' $o/mesure-03.html &&
    pdftotext $o/rapport-2016.pdf - | grep -q '«Ссылка для легкой' &&
    grep -q "«${nnbsp}papier${nnbsp}»" $g/mesure-03.html &&
    grep -q "définition${nbsp}:" $g/mesure-03.html; then
	pass "realworld: Russian as written, French with French spacing"
else
	fail "realworld: Russian as written, French with French spacing" \
	    "$(grep -o '.Ссылка для легкой загрузки книги.' $o/mesure-03.html)"
fi
if ! grep -q '&lt;!--' $o/mesure-03.html &&
    ! pdftotext $o/rapport-2016.pdf - | grep -q '<!--' &&
    grep -q '&lt;a id="guidelines"&gt;' $o/mesure-03.html; then
	pass "realworld: the comments before the Russian guide's anchors are not printed"
else
	fail "realworld: the comments before the Russian guide's anchors are not printed"
fi
# A comment before an element, not empty: a note of the review, at its
# line; the element after it is shown.
rm -rf content outd
cp -R "$TOP/tests/fixtures/mini" content
printf '## Titre\n\nTexte.\n\n<!-- à revoir --><a id="x"></a>\n' >>$m
l=$(grep -n 'à revoir' $m | cut -d: -f1)
"$BIN" build --quiet --draft --format html --content content --out outd \
    2>/dev/null
if grep -q "<code>$m:$l</code> à revoir</li>" outd/2016/revue.html &&
    ! grep -q '&lt;!--\|-- à revoir' outd/2016/mesure-03.html &&
    grep -q '&lt;a id="x"&gt;' outd/2016/mesure-03.html; then
	pass "realworld: a comment before an element is a note of the review"
else
	fail "realworld: a comment before an element is a note of the review" \
	    "$(grep -n 'revoir' outd/2016/revue.html)"
fi

# A list mixing directions: each item in its own, the list in its first
# item's; a list with no right-to-left item gets no dir.
rm -rf content outm
cp -R "$TOP/tests/fixtures/mini" content
printf '## Titre\n\n1. أولا\n2. Second\n\n- un\n- deux\n' >>$m
"$BIN" build --quiet --format html --content content --out outm 2>/dev/null
if grep -q '^<ol dir="rtl">$' outm/2016/mesure-03.html &&
    grep -q '^<li dir="rtl">أولا' outm/2016/mesure-03.html &&
    grep -q '^<li dir="ltr">Second' outm/2016/mesure-03.html &&
    grep -q '^<ul>$' outm/2016/mesure-03.html &&
    grep -q '^<li>un' outm/2016/mesure-03.html; then
	pass "realworld: a list mixing directions sets each item in its own"
else
	fail "realworld: a list mixing directions sets each item in its own" \
	    "$(grep '<[ou]l\|<li' outm/2016/mesure-03.html)"
fi
