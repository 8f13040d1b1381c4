#!/bin/sh
# What the PDF finishing pass (gen/pdfpost.c) adds to the report cairo
# writes: checked on the built 2016 sample report with qpdf.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1
if "$BIN" build --quiet --format pdf --year 2016 --content "$TOP/content" \
    --out out 2>err; then
	pass "2016 report builds"
else
	fail "2016 report builds" "$(cat err)"
	exit 0
fi
pdf=out/2016/rapport-2016.pdf
qpdf --json "$pdf" >pdf.json
meta=$(qpdf --show-object=trailer "$pdf" >/dev/null && qpdf --json "$pdf" |
    node -e 'const j=JSON.parse(require("fs").readFileSync(0,"utf8"));
	const o=j.qpdf[1]; const r=o["obj:"+o.trailer.value["/Root"]].value;
	console.log(r["/Metadata"].split(" ")[0])')
qpdf --show-object="$meta" --raw-stream-data "$pdf" >xmp.xml
node "$TOP/tests/pdfmeta/check.js" pdf.json xmp.xml
check "qpdf --check is clean" qpdf --check "$pdf"
check "pdfinfo: Tagged: yes" sh -c "pdfinfo '$pdf' | grep -q '^Tagged: *yes'"

# The pass writes the file anew: cairo's objects (some in new versions)
# and one cross-reference table, no update section.
n=$(grep -a -c '^startxref' "$pdf")
prev=$(node -e 'const j=JSON.parse(require("fs").readFileSync(0,"utf8"));
	console.log(j.qpdf[1].trailer.value["/Prev"] === undefined ? "none" : "some")' <pdf.json)
if [ "$n" -eq 1 ] && [ "$prev" = none ]; then
	pass "one cross-reference table, no /Prev"
else
	fail "one cross-reference table, no /Prev" "startxref $n, /Prev $prev"
fi
check "pdfinfo reads the title" sh -c \
    "pdfinfo '$pdf' | grep -q '^Title: *Évaluation de la mise en œuvre'"
node "$TOP/tests/pdfmeta/check.js" pdf.json xmp.xml >check.out
check "2016: /Alt on all 38 Figures" grep -q '^ok - every Figure.*(38/38)' \
    check.out
node "$TOP/tests/pdfmeta/alts.js" pdf.json >alts.json
check "2016: /Alt texts in document order, none empty" node -e '
	const a = JSON.parse(require("fs").readFileSync("alts.json", "utf8"));
	process.exit(a.length === 38 && a.every((s) => typeof s === "string" &&
	    s.trim().length > 4) ? 0 : 1)'
check "poppler draws page 1 without complaint" sh -c \
    "pdftoppm -png -r 20 -f 1 -l 1 '$pdf' p1 2>&1 | grep . && exit 1; test -s p1-01.png || test -s p1-1.png"
if "$BIN" build --quiet --format pdf --year 2016 --jobs 2 \
    --content "$TOP/content" --out out2 2>err &&
    cmp -s "$pdf" out2/2016/rapport-2016.pdf; then
	pass "a second build (--jobs 2) gives the same bytes"
else
	fail "a second build (--jobs 2) gives the same bytes" "$(cat err)"
fi

# The pass itself (tests/unit-pdfpost.c): alternative texts that need
# escaping, files it must refuse.
if [ -x "$TOP/tests/unit-pdfpost" ]; then
	mkdir u
	"$TOP/tests/unit-pdfpost" u >unit.out 2>unit.err
	cat unit.out
	[ "$(grep -c '^ok' unit.out)" -gt 0 ] ||
	    fail "pdfpost unit tests ran" "$(cat unit.out unit.err)"
	check "test file: qpdf --check is clean" qpdf --check u/roundtrip.pdf
	check "test file without /Info: qpdf --check is clean" \
	    qpdf --check u/noinfo.pdf
	check "test file: pdfinfo reads the title" sh -c \
	    "pdfinfo u/roundtrip.pdf | grep -q '^Title: *Essai (été)$'"
	qpdf --json u/roundtrip.pdf >u.json
	node "$TOP/tests/pdfmeta/alts.js" u.json >u-alts.json
	check "test file: each /Alt reads back exactly (escapes, UTF-16)" \
	    node -e '
		const fs = require("fs");
		const got = JSON.parse(fs.readFileSync("u-alts.json", "utf8"));
		const want = JSON.parse(fs.readFileSync("u/roundtrip.json", "utf8"));
		if (JSON.stringify(got) !== JSON.stringify(want)) {
			console.log("got  " + JSON.stringify(got));
			console.log("want " + JSON.stringify(want));
			process.exit(1);
		}'
	qpdf --show-object=trailer u/roundtrip.pdf >/dev/null
	m=$(node -e 'const j=JSON.parse(require("fs").readFileSync(0,"utf8"));
		const o=j.qpdf[1]; const r=o["obj:"+o.trailer.value["/Root"]].value;
		console.log(r["/Metadata"].split(" ")[0])' <u.json)
	qpdf --show-object="$m" --raw-stream-data u/roundtrip.pdf >u-xmp.xml
	node "$TOP/tests/pdfmeta/check.js" u.json u-xmp.xml |
	    grep -E 'Lang|DisplayDocTitle|/ID|date|XMP' |
	    sed 's/ - / - test file: /'
	check "test file: XMP title escaped for XML" \
	    grep -q 'Essai (été) &amp; &lt;co&gt;</rdf:li>' u-xmp.xml
else
	fail "pdfpost unit tests built" "tests/unit-pdfpost missing (make test builds it)"
fi
