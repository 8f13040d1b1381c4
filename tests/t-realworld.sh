#!/bin/sh
# Markdown written by others (tests/realworld/SOURCES): Git's README fed
# as a measure's narrative.  As written, it is refused, and each refusal
# names the construct's own line and column (a remote badge image, links
# to files of Git's tree).  With those addresses made absolute (the only
# change), it builds, and every word of it is in the site's page and in
# the PDF's text.
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
