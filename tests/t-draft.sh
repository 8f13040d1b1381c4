#!/bin/sh
# Drafts with gaps: a draft edition with three narratives missing, one
# empty and one assessment missing checks with warnings and builds; its
# pages, PDF and review show « À rédiger » for every gap; the same edition
# marked final is refused and nothing is written.  --year checks and builds
# one edition only: what is wrong in another is not an error then.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
cp -R "$TOP/content" content
rm content/editions/2016/measures/m05.md content/editions/2016/measures/m12.md \
    content/editions/2016/measures/m20.md
: > content/editions/2016/measures/m07.md
sed -i '/<assessment year="2016"/d' content/indicators/m09.xml

# Final: every gap is an error, and the build writes nothing.
"$BIN" check --content content 2>err; st=$?
n=$(grep -c ': error: ' err)
if [ $st = 1 ] && [ "$n" = 5 ]; then pass "final edition: five gaps, five errors"
else fail "final edition: five gaps, five errors" "status $st, $n errors" "$(cat err)"; fi
"$BIN" build --quiet --content content --out out 2>err; st=$?
if [ $st = 1 ] && [ ! -e out ]; then pass "final edition with gaps: nothing written"
else fail "final edition with gaps: nothing written" "status $st" "$(cat err)"; fi

# --draft on the command line: warnings only.
"$BIN" check --draft --content content 2>err; st=$?
if [ $st = 0 ] && [ "$(grep -c ': warning: .*À rédiger' err)" = 5 ] && \
    ! grep -q ': error: ' err
then pass "--draft: the gaps are warnings"
else fail "--draft: the gaps are warnings" "status $st" "$(cat err)"; fi
"$BIN" check --draft --werror --content content 2>/dev/null; st=$?
[ $st = 1 ] && pass "--draft --werror: the gaps fail" || fail "--draft --werror: the gaps fail" "status $st"

# status="draft" in edition.xml: builds, and shows the gaps.
sed -i 's/status="final"/status="draft"/' content/editions/2016/edition.xml
if "$BIN" build --quiet --content content --out out 2>err; then
	pass "draft edition with gaps builds"
else
	fail "draft edition with gaps builds" "$(cat err)"
fi
# (The space before the colon is a no-break space.)
bad=
for m in 05 07 12 20; do
	grep -q '<p class="to-write"><strong>À rédiger</strong>.: le récit de cette mesure pour l’édition 2016' \
	    out/2016/mesure-$m.html || bad="$bad $m"
done
[ -z "$bad" ] && pass "site: « À rédiger » in place of the four narratives" || \
    fail "site: « À rédiger » in place of the four narratives" "missing in$bad"
check "site: « À rédiger » in place of the assessment" \
    grep -q '<p class="to-write"><strong>À rédiger</strong>.: l’appréciation de 2016' out/2016/mesure-09.html
check "site: the dashboard marks the measure without assessment" \
    sh -c "grep -o '<li class=\"mitem\"><a href=\"mesure-09.html\">.*</li>' out/2016/priorite-*.html | grep -q 'class=\"to-write\">À rédiger'"
check "site: no gap shown where there is none" \
    sh -c "! grep -q 'class=\"to-write\"' out/2016/mesure-01.html out/2015/mesure-05.html"
# PDF: one « À rédiger : le récit » per missing or empty narrative, and
# the badge of the missing assessment.
pdftotext out/2016/rapport-2016.pdf pdf.txt
n=$(grep -c 'À rédiger : le récit de cette mesure pour l’édition 2016' pdf.txt)
[ "$n" = 4 ] && pass "PDF: four narrative gaps" || fail "PDF: four narrative gaps" "found $n"
n=$(grep -cx 'À rédiger' pdf.txt)
[ "$n" -ge 1 ] && pass "PDF: the assessment gap as a badge" || fail "PDF: the assessment gap as a badge" "found $n"
# The review lists every gap, with its file.

bad=
for f in editions/2016/measures/m05.md editions/2016/measures/m07.md \
    editions/2016/measures/m12.md editions/2016/measures/m20.md \
    indicators/m09.xml; do
	grep -q "<li><code>content/$f</code> Mesure [0-9]* : \(récit absent\|récit vide\|pas d’appréciation pour 2016\)</li>" \
	    out/2016/revue.html || bad="$bad $f"
done
[ -z "$bad" ] && pass "review: every gap listed under « À rédiger »" || \
    fail "review: every gap listed under « À rédiger »" "missing:$bad"
check "review: five gaps counted" grep -q '<h2>À rédiger (5)</h2>' out/2016/revue.html
check "revue.json: five gaps" sh -c "[ \$(grep -o '\"kind\": \"gap\"' out/2016/revue.json | wc -l) = 5 ]"

# --year: the 2015 edition alone; the 2016 gaps are not errors then.
sed -i 's/status="draft"/status="final"/' content/editions/2016/edition.xml
rm -rf out
"$BIN" check --year 2015 --content content 2>err; st=$?
if [ $st = 0 ] && [ ! -s err ]; then pass "--year 2015: 2016's gaps are not reported"
else fail "--year 2015: 2016's gaps are not reported" "status $st" "$(cat err)"; fi
"$BIN" build --quiet --year 2015 --format html --content content --out out 2>err; st=$?
if [ $st = 0 ] && [ -f out/2015/index.html ] && [ ! -e out/2016 ]; then
	pass "--year 2015 builds 2015 only"
else
	fail "--year 2015 builds 2015 only" "status $st" "$(cat err)"
fi
"$BIN" check --year 2016 --content content 2>err; st=$?
[ $st = 1 ] && [ "$(grep -c ': error: ' err)" = 5 ] && pass "--year 2016: its own gaps are errors" || \
    fail "--year 2016: its own gaps are errors" "status $st" "$(cat err)"
# An edition that does not even load is left out of a build of another.
mkdir -p content/editions/2014
echo '<edition' > content/editions/2014/edition.xml
sed -i 's|^  <assessment year="2015"|  <assessment year="2014" status="partial">Avant.</assessment>\n&|' content/indicators/m01.xml
"$BIN" build --quiet --year 2015 --format html --content content --out out 2>err; st=$?
if [ $st = 0 ] && ! grep -q 'href="2014/' out/index.html; then pass "--year: a broken other edition is left out"
else fail "--year: a broken other edition is left out" "status $st" "$(cat err)"; fi
"$BIN" check --year 2030 --content content 2>err; st=$?
if [ $st = 2 ] && grep -q 'no 2030 edition' err; then pass "check --year of no edition: usage error"
else fail "check --year of no edition: usage error" "status $st" "$(cat err)"; fi
