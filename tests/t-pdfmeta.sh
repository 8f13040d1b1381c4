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
