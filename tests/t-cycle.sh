#!/bin/sh
# The yearly writing cycle: `init` writes a content folder that checks and
# builds; `new-edition` opens the next edition from the latest one, adds an
# assessment to every indicator file and leaves every other byte of the
# authors' files as it was; neither ever writes over a file.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1

# ---- init ----
if "$BIN" init --year 2025 fresh 2>err && \
    "$BIN" check --werror --content fresh 2>>err && \
    "$BIN" build --quiet --content fresh --out out 2>>err; then
	pass "init, check --werror, build in a fresh folder"
else
	fail "init, check --werror, build in a fresh folder" "$(cat err)"
fi
n=$(grep -c '<measure ' fresh/plan.xml)
if [ "$n" = 3 ] && grep -q '<objective' fresh/plan.xml && \
    [ -f fresh/README.md ] && [ -f out/2025/rapport-2025.pdf ] && \
    [ "$(ls fresh/indicators | wc -l)" = 3 ] && \
    [ "$(ls fresh/editions/2025/measures | wc -l)" = 3 ]
then pass "init: three measures under two levels, their files, a README"
else fail "init: three measures under two levels, their files, a README" "$(find fresh | sort)"; fi
check "init: the narratives say what goes where" \
    grep -q 'Les valeurs des indicateurs vont dans `indicators/m02.xml`' fresh/editions/2025/measures/m02.md

# Never over anything: a folder that is not empty is refused as it is.
find fresh -type f -exec md5sum {} + | sort >before
"$BIN" init --year 2025 fresh 2>err; st=$?
find fresh -type f -exec md5sum {} + | sort >after
if [ $st = 2 ] && cmp -s before after && grep -q 'not empty: nothing written' err && \
    [ -z "$(ls -d fresh.new-* 2>/dev/null)" ]
then pass "init refuses a folder that is not empty"
else fail "init refuses a folder that is not empty" "status $st" "$(cat err)"; fi
mkdir empty
check "init fills an empty folder" "$BIN" init --year 2025 empty

# --plan: the user's plan, copied byte for byte, and every other file.
mkdir mine
cp "$TOP/tests/fixtures/mini/plan.xml" myplan.xml
printf '<!-- notre plan -->\n' >> myplan.xml
if "$BIN" init --plan myplan.xml mine/content 2>err && \
    cmp -s myplan.xml mine/content/plan.xml && \
    "$BIN" check --werror --content mine/content 2>>err && \
    "$BIN" build --quiet --format html --content mine/content --out mine/out 2>>err && \
    [ -f mine/out/2014/mesure-03.html ]
then pass "init --plan: the user's plan, then check --werror and build"
else fail "init --plan: the user's plan, then check --werror and build" "$(cat err)"; fi
sed 's/number="2"/number="deux"/' myplan.xml > badplan.xml
"$BIN" init --plan badplan.xml bad 2>err; st=$?
if [ $st = 1 ] && [ ! -e bad ] && [ -z "$(ls -d bad.new-* 2>/dev/null)" ] && \
    grep -q '^badplan.xml:[0-9]*:[0-9]*: error: number="deux" is not allowed on <measure>' err
then pass "init --plan: a bad plan is reported and nothing written"
else fail "init --plan: a bad plan is reported and nothing written" "status $st" "$(cat err)"; fi

# ---- new-edition ----
cp -R "$TOP/content" c
# Comments and layout of the authors' own, around the place of the
# insertion: they must come out byte for byte.
sed -i 's|^  <assessment year="2016"|  <!-- relu par A. le 3 mars -->\n&|' c/indicators/m01.xml
sed -i 's|</indicators>|\t<!-- fin, indentée d’une tabulation -->\n</indicators>|' c/indicators/m02.xml
sed -i 's|^  <assessment year="2016"|\t\t<assessment year="2016"|' c/indicators/m03.xml
"$BIN" new-edition --content c 2027 2>err; st=$?
if [ $st = 1 ] && [ ! -e c/editions/2027 ] && grep -q 'more than 10 years after the plan.s end' err
then pass "new-edition more than 10 years after the plan is refused"
else fail "new-edition more than 10 years after the plan is refused" "status $st" "$(cat err)"; fi
cp -R c orig
# 2017 is after the plan's end, 2016: an ex-post evaluation.
if "$BIN" new-edition --content c 2017 2>err; then pass "new-edition 2017, after the plan's end"
else fail "new-edition 2017, after the plan's end" "$(cat err)"; fi

# Byte for byte: each indicator file is the old one and one line more, the
# 2017 assessment with the 2016 status.
bad=
for f in orig/indicators/*.xml; do
	m=$(basename "$f")
	added=$(diff "$f" "c/indicators/$m" | grep -c '^>')
	removed=$(diff "$f" "c/indicators/$m" | grep -c '^<')
	grep -v '<assessment year="2017"' "c/indicators/$m" > stripped
	prev=$(sed -n 's/.*<assessment year="2016" status="\([a-z-]*\)".*/\1/p' "$f")
	if [ "$added" != 1 ] || [ "$removed" != 0 ] || ! cmp -s "$f" stripped || \
	    ! grep -q "<assessment year=\"2017\" status=\"$prev\">\\[À rédiger\\]" "c/indicators/$m"
	then bad="$bad $m"; fi
done
[ -z "$bad" ] && pass "indicator files: one assessment added, every other byte kept" || \
    fail "indicator files: one assessment added, every other byte kept" "$bad" "$(diff orig/indicators/m03.xml c/indicators/m03.xml)"
check "the new assessment keeps the indentation of the last one" \
    grep -q '^		<assessment year="2017"' c/indicators/m03.xml
check "the authors' comments are kept" \
    sh -c "grep -q 'relu par A. le 3 mars' c/indicators/m01.xml && grep -q 'fin, indentée' c/indicators/m02.xml"

# edition.xml: the 2016 one, its start tag changed only.
if [ "$(diff orig/editions/2016/edition.xml c/editions/2017/edition.xml | grep -c '^[<>]')" = 2 ] && \
    grep -q '^<edition year="2017" status="draft" date="2018-07-06">$' c/editions/2017/edition.xml
then pass "edition.xml: year, draft and date, every other byte kept"
else fail "edition.xml: year, draft and date, every other byte kept" "$(diff orig/editions/2016/edition.xml c/editions/2017/edition.xml)"; fi
# Narratives and parts: last year's headings, each with the marker.
grep '^#' orig/editions/2016/measures/m05.md | sed 's/2016/2017/g' > want
if grep '^#' c/editions/2017/measures/m05.md | cmp -s - want && \
    [ "$(grep -c '^\[À rédiger\]$' c/editions/2017/measures/m05.md)" = "$(wc -l < want)" ] && \
    [ "$(ls c/editions/2017/measures | wc -l)" = 23 ] && [ -f c/editions/2017/synthese.md ]
then pass "narratives and parts from last year's headings, marked to write"
else fail "narratives and parts from last year's headings, marked to write" "$(cat c/editions/2017/measures/m05.md)"; fi
# Nothing else changed, no temporary file left.
if [ -z "$(diff -r orig c | grep -v '^Only in c/editions: 2017$' | grep -v '^diff \|^[0-9]*a[0-9]*$\|^> .*<assessment year="2017"')" ] && \
    [ -z "$(find c -name '.*new-*' -o -name '*.new-*')" ]
then pass "nothing else written"
else fail "nothing else written" "$(diff -r orig c | head -20)"; fi

# The new edition checks as a draft, is refused as final.
"$BIN" check --content c 2>err; st=$?
n=$(grep -c 'warning: .*still to write' err)
if [ $st = 0 ] && [ "$n" -ge 50 ]; then pass "check passes in draft ($n texts to write)"
else fail "check passes in draft" "status $st, $n" "$(head -5 err)"; fi
"$BIN" build --quiet --year 2017 --format html --content c --out out17 2>/dev/null && \
    grep -q 'Mesure 5 : récit à rédiger' out17/2017/revue.html && \
    grep -q 'Mesure 5 : appréciation 2017 à rédiger' out17/2017/revue.html && \
    pass "the review lists the texts to write" || fail "the review lists the texts to write"
sed -i 's/status="draft"/status="final"/' c/editions/2017/edition.xml
"$BIN" check --content c 2>err; st=$?
if [ $st = 1 ] && grep -q '^c/editions/2017/measures/m01.md:3:1: error: still to write (\[À rédiger\])$' err && \
    grep -q '^c/indicators/m01.xml:[0-9]*:3: error: assessment for 2017 still to write' err
then pass "check fails in final"
else fail "check fails in final" "status $st" "$(head -5 err)"; fi

# Never over anything: a second run changes nothing.
sed -i 's/status="final"/status="draft"/' c/editions/2017/edition.xml
find c -type f -exec md5sum {} + | sort >before
"$BIN" new-edition --content c 2017 2>err; st=$?
find c -type f -exec md5sum {} + | sort >after
if [ $st = 2 ] && cmp -s before after && grep -q '^c/editions/2017: error: not after the latest edition, 2017: nothing written$' err
then pass "new-edition of an existing year changes nothing"
else fail "new-edition of an existing year changes nothing" "status $st" "$(cat err)"; fi
"$BIN" new-edition --content c 2>/dev/null; st=$?
[ $st = 2 ] && pass "new-edition without a year: usage" || fail "new-edition without a year: usage" "status $st"

# An indicator file with no assessment yet (a draft's gap): the new one
# goes before </indicators>, every other byte kept.
cp -R "$TOP/tests/fixtures/mini" d
sed -i 's/status="final"/status="draft"/' d/editions/2016/edition.xml
sed -i 's/end="2016"/end="2017"/' d/plan.xml
sed -i '/<assessment/d' d/indicators/m02.xml
cp d/indicators/m02.xml m02.orig
if "$BIN" new-edition --content d 2017 2>err && \
    [ "$(diff m02.orig d/indicators/m02.xml | grep -c '^[<>]')" = 1 ] && \
    grep -v '<assessment year="2017"' d/indicators/m02.xml | cmp -s - m02.orig && \
    grep -q '^  <assessment year="2017" status="not-assessed">\[À rédiger\] Pas d’appréciation en 2016' d/indicators/m02.xml && \
    "$BIN" check --content d 2>/dev/null
then pass "new-edition: a file without assessment gets one before </indicators>"
else fail "new-edition: a file without assessment gets one before </indicators>" "$(cat err)" "$(diff m02.orig d/indicators/m02.xml)"; fi
