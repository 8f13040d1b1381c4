#!/bin/sh
# An edition's PDF cut in two halves, each laid out and drawn by its own
# process and merged by the finishing pass (gen/pdf.c, pdf_cut();
# gen/pdfpost.c, merge_halves()): the 2016 sample built whole and cut
# (RAPPORTEUR_PDF_CUT, the test switch) gives the same pages, text,
# structure and outline; --jobs 1 and 2 the same bytes, and a second
# half laid out twice (its guess of the first's pages wrong); a half that
# fails fails the build and leaves nothing behind.  The sample is under
# the size that is cut: its bytes are those of one process.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

pdf=2016/rapport-2016.pdf
build() {	# build OUT CUT [options]: the 2016 PDF
	out=$1 cut=$2
	shift 2
	RAPPORTEUR_PDF_CUT=$cut "$BIN" build --quiet --format pdf --year 2016 \
	    --content "${CONTENT:-$TOP/content}" --out "$out" "$@"
}
if build whole 0 2>err && build cut 1 2>>err && build cut1 1 --jobs 1 \
    2>>err && build again 2 2>>err && build dflt "" 2>>err; then
	pass "split: the sample builds whole and cut"
else
	fail "split: the sample builds whole and cut" "$(cat err)"
	exit 0
fi
check "split: the sample is not cut unless asked (same bytes)" \
    cmp whole/$pdf dflt/$pdf
check "split: --jobs 1 and --jobs 2 give the same bytes" \
    cmp cut/$pdf cut1/$pdf
# The second half guesses the first's pages (right in the sample), for
# the width of its page references; with a wrong guess (2), it is laid
# out again.
check "split: a second half laid out again gives the same bytes" \
    cmp cut/$pdf again/$pdf
check "split: qpdf --check is clean" qpdf --check cut/$pdf
check "split: the same page count" sh -c \
    "[ \"\$(pdfinfo whole/$pdf | grep ^Pages:)\" = \"\$(pdfinfo cut/$pdf | grep ^Pages:)\" ]"
mkdir pw pc
pdftoppm -r 40 -png whole/$pdf pw/p
pdftoppm -r 40 -png cut/$pdf pc/p
n=0 bad=
for f in pw/*.png; do
	n=$((n + 1))
	cmp -s "$f" "pc/${f#pw/}" || bad="$bad ${f#pw/}"
done
if [ "$n" -gt 40 ] && [ -z "$bad" ] &&
    [ "$(ls pc | wc -l)" -eq "$n" ]; then
	pass "split: every page drawn the same ($n pages at 40 dpi)"
else
	fail "split: every page drawn the same ($n pages at 40 dpi)" "$bad"
fi
pdftotext whole/$pdf tw
pdftotext cut/$pdf tc
check "split: pdftotext the same" cmp tw tc
# The structure the same, but for the numbers of the objects (links).
pdfinfo -struct-text whole/$pdf | sed 's/Object [0-9]* 0/Object/' >sw
pdfinfo -struct-text cut/$pdf | sed 's/Object [0-9]* 0/Object/' >sc
if [ "$(wc -l <sw)" -gt 1000 ] && cmp -s sw sc; then
	pass "split: pdfinfo -struct-text the same"
else
	fail "split: pdfinfo -struct-text the same" "$(diff sw sc | head -20)"
fi
# Every link's destination, and every bookmark's, in the merged /Dests;
# the outline whole, in order.
qpdf --qdf --object-streams=disable cut/$pdf cut.qdf
qpdf --qdf --object-streams=disable whole/$pdf whole.qdf
qpdf --json cut/$pdf >cut.json
qpdf --json whole/$pdf >whole.json
python3 - cut.qdf whole.qdf cut.json whole.json >dests.out <<'PY'
import json, re, sys
def read(qdf, js):
    d = open(qdf, "rb").read().decode("latin-1")
    used = set(re.findall(r"/Dest \(([^)]*)\)", d))
    names = re.search(r"/Names \[(.*?)\n  \]", d, re.S).group(1)
    named = re.findall(r"\(([^)]*)\)\s*\[", names)
    def walk(l):
        return [(o["title"], o["destpageposfrom1"], o["dest"][1:],
                 o["open"], walk(o["kids"])) for o in l]
    return used, named, walk(json.load(open(js))["outlines"])
cu, cn, co = read(sys.argv[1], sys.argv[3])
wu, wn, wo = read(sys.argv[2], sys.argv[4])
def count(l):
    return sum(1 + count(o[-1]) for o in l)
print("used", len(cu), "named", len(cn), "sorted", cn == sorted(cn))
print("missing", sorted(cu - set(cn)))
print("same names", cn == wn, "same outline", co == wo, count(co))
PY
if grep -q '^missing \[\]$' dests.out && grep -q 'sorted True' dests.out &&
    grep -q '^same names True same outline True [1-9]' dests.out; then
	pass "split: every /Dest named in the merged /Dests, the outline whole"
else
	fail "split: every /Dest named in the merged /Dests, the outline whole" \
	    "$(cat dests.out)"
fi

# A half that fails: an image that cannot be decoded in the second half
# (the child), then in the first (this process, the child stopped).
# The diagnostic, a non-zero exit, no out/, no process left.
bad_image() {	# bad_image MEASURE
	rm -rf content
	cp -R "$TOP/content" content
	# A PNG whose header is whole and whose data is not.
	head -c 60 "$TOP/tests/pdf/figure.png" >content/editions/2016/measures/bad.png
	printf '\n![Figure](bad.png)\n' >>content/editions/2016/measures/$1.md
}
for m in m20 m02; do
	bad_image $m
	CONTENT=content build out-$m 1 --jobs 2 2>err
	st=$?
	# Processes of this build still there: none (a child's command line
	# is its parent's).
	left=$(grep -las "[o]ut-$m" /proc/[0-9]*/cmdline | wc -l)
	if [ "$st" -ne 0 ] && grep -q 'bad.png' err && [ ! -e out-$m ] &&
	    [ "$left" -eq 0 ]; then
		pass "split: a bad image in $m fails the build, nothing left"
	else
		fail "split: a bad image in $m fails the build, nothing left" \
		    "status $st, processes $left" "$(cat err)" "$(ls out-$m 2>&1)"
	fi
done
