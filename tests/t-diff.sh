#!/bin/sh
# rapporteur diff: tests/diff/content differs from tests/diff/base in a
# status, a value, an indicator, a narrative (a paragraph rewritten, a
# heading and a paragraph added) and a part added.  The text, Markdown
# and JSON reports must be exactly tests/diff/expected.*; the same folder
# twice gives an empty report.  A draft built with --diff-base lists the
# same changes on its review page.
# REGEN=1 rewrites the golden files from the current output (review the diff!).
. "$(dirname "$0")/lib.sh"

D=$TOP/tests/diff
cd "$D" || exit 1
for f in text markdown json; do
	case $f in text) ext=txt ;; markdown) ext=md ;; json) ext=json ;; esac
	"$BIN" diff --content content --base base --format $f \
	    >"$WORK/out.$ext" 2>"$WORK/err.$ext"
	st=$?
	[ -n "$REGEN" ] && cp "$WORK/out.$ext" "$D/expected.$ext"
	if [ $st != 0 ] || [ -s "$WORK/err.$ext" ]; then
		fail "diff --format $f: status 0, nothing on stderr" "status $st" "$(cat "$WORK/err.$ext")"
	elif ! diff -u "$D/expected.$ext" "$WORK/out.$ext" >"$WORK/diff"; then
		fail "diff --format $f: golden" "$(cat "$WORK/diff")"
	else
		pass "diff --format $f: golden"
	fi
done
# The default format is text.
"$BIN" diff --content content --base base >"$WORK/default" 2>&1
check "diff: text by default" cmp -s "$WORK/default" "$D/expected.txt"
# The JSON is valid and says what changed, field by field.
check "diff --format json: valid JSON with the five changes" node -e '
	const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	const k = d.changes.map(c => c.kind).join(" ");
	if (k !== "status-changed value-changed indicator-added narrative-changed part-added")
		throw new Error(k);
	const s = d.changes[0], v = d.changes[1], n = d.changes[3];
	if (s.old !== "partial" || s.new !== "implemented" || s.measure !== "m01" || s.edition !== 2016)
		throw new Error("status");
	if (v.old.value !== 12.5 || v.new.value !== 13 || v.year !== 2015 || v.indicator !== "victimes")
		throw new Error("value");
	if (n.headings_added[0] !== "Suites" || n.paragraphs.length !== 3 || n.words_removed !== 2)
		throw new Error("narrative");' "$WORK/out.json"

# No difference: an empty report, status 0.
for f in text markdown; do
	"$BIN" diff --content base --base base --format $f >"$WORK/same" 2>&1
	st=$?
	if [ $st = 0 ] && [ ! -s "$WORK/same" ]; then
		pass "diff --format $f: no difference, empty report"
	else
		fail "diff --format $f: no difference, empty report" "status $st" "$(cat "$WORK/same")"
	fi
done
"$BIN" diff --content base --base base --format json >"$WORK/same.json" 2>&1
check "diff --format json: no difference, no change listed" node -e '
	const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	if (d.changes.length !== 0) process.exit(1);' "$WORK/same.json"

# Bad use: status 2 (usage) or 1 (content with errors), nothing on stdout.
"$BIN" diff --content content >"$WORK/o" 2>"$WORK/e"; st=$?
if [ $st = 2 ] && [ ! -s "$WORK/o" ] && grep -q 'diff needs --base DIR' "$WORK/e"
then pass "diff without --base: status 2"
else fail "diff without --base: status 2" "status $st" "$(cat "$WORK/e")"; fi
"$BIN" diff --content content --base nowhere >"$WORK/o" 2>"$WORK/e"; st=$?
if [ $st = 2 ] && [ ! -s "$WORK/o" ] && [ "$(cat "$WORK/e")" = "rapporteur: nowhere: error: no content folder here (the base to compare with)" ]
then pass "diff --base of no folder: status 2"
else fail "diff --base of no folder: status 2" "status $st" "$(cat "$WORK/e")"; fi
"$BIN" diff --content content --base base --format html >"$WORK/o" 2>"$WORK/e"; st=$?
[ $st = 2 ] && [ ! -s "$WORK/o" ] && pass "diff --format html: status 2" || fail "diff --format html: status 2" "status $st"
cp -R "$D/content" "$WORK/broken"
sed -i 's|<value year="2014">10</value>|<value year="2014">dix</value>|' "$WORK/broken/indicators/m01.xml"
"$BIN" diff --content "$WORK/broken" --base base >"$WORK/o" 2>"$WORK/e"; st=$?
if [ $st = 1 ] && [ ! -s "$WORK/o" ] && grep -q 'm01.xml:7:5: error: not a number' "$WORK/e" &&
    grep -q '1 error(s): no comparison' "$WORK/e"
then pass "diff of content with errors: status 1, no report"
else fail "diff of content with errors: status 1, no report" "status $st" "$(cat "$WORK/e")"; fi
# A base with errors: compared all the same, with a warning that does
# not change the status.
"$BIN" diff --content content --base "$WORK/broken" >"$WORK/o" 2>"$WORK/e"; st=$?
if [ $st = 0 ] && grep -q 'warning: the base has 1 error(s)' "$WORK/e" && [ -s "$WORK/o" ]
then pass "diff against a base with errors: a warning, status 0"
else fail "diff against a base with errors: a warning, status 0" "status $st" "$(cat "$WORK/e")"; fi

# The draft's review page shows the same changes.
"$BIN" build --quiet --draft --format html --content content --out "$WORK/out" \
    --diff-base base >"$WORK/o" 2>"$WORK/e"; st=$?
if [ $st = 0 ] && grep -q '<h2 id="changements">Changements par rapport à la base (5)</h2>' "$WORK/out/2016/revue.html" &&
    grep -q '<li><code>content/indicators/m01.xml:11</code> Mesure 1, 2016 : statut Partiellement réalisée → Réalisée</li>' "$WORK/out/2016/revue.html"
then pass "build --diff-base: the review page lists the changes"
else fail "build --diff-base: the review page lists the changes" "status $st" "$(cat "$WORK/e")"; fi
check "build --diff-base: revue.json has the same changes" node -e '
	const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	const d = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
	if (JSON.stringify(r.changes) !== JSON.stringify(d.changes)) process.exit(1);' \
    "$WORK/out/2016/revue.json" "$WORK/out.json"
# A build without a base has no such section; one with a changed base
# is not skipped as up to date.
"$BIN" build --quiet --draft --format html --content content --out "$WORK/out2" 2>/dev/null
check "build without --diff-base: no changes section" sh -c "! grep -q changements '$WORK/out2/2016/revue.html'"
cp -R base "$WORK/base2"
"$BIN" build --quiet --draft --format html --content content --out "$WORK/out" --diff-base "$WORK/base2" 2>/dev/null
cp "$D/content/indicators/m01.xml" "$WORK/base2/indicators/m01.xml"
"$BIN" build --quiet --draft --format html --content content --out "$WORK/out" --diff-base "$WORK/base2" 2>/dev/null
check "build --diff-base: a changed base rebuilds the review page" \
    grep -q 'Changements par rapport à la base (3)' "$WORK/out/2016/revue.html"
"$BIN" build --quiet --draft --format html --content content --out "$WORK/out3" --diff-base nowhere >/dev/null 2>&1; st=$?
if [ $st = 2 ] && [ ! -e "$WORK/out3" ]; then pass "build --diff-base of no folder: status 2, nothing written"
else fail "build --diff-base of no folder: status 2, nothing written" "status $st"; fi

# --year: the changes that concern one edition (values up to its year).
"$BIN" diff --content content --base base --year 2015 >"$WORK/y" 2>&1
if [ "$(grep -c '^  content/' "$WORK/y")" = 2 ] && grep -q '2015 : 12,5 personnes → 13 personnes' "$WORK/y" &&
    grep -q 'indicateur « Plaintes enregistrées » ajouté' "$WORK/y"
then pass "diff --year 2015: the value of 2015 and the indicator only"
else fail "diff --year 2015: the value of 2015 and the indicator only" "$(cat "$WORK/y")"; fi

# Markup in the content stays text in the Markdown report.
cp -R "$D/base" "$WORK/hostile"
sed -i 's|Justification d’essai.|\&lt;img src=x onerror=alert(1)\&gt; *gras* [lien](javascript:x) `code`|' "$WORK/hostile/indicators/m01.xml"
"$BIN" diff --content "$WORK/hostile" --base base --format markdown >"$WORK/h.md" 2>&1
check "diff --format markdown: markup in the content escaped" \
    grep -qF '→ « \<img src=x onerror=alert(1)\> \*gras\* \[lien\](javascript:x) \`code\` »' "$WORK/h.md"

# A paragraph inserted before one that changed: each is told for what
# it is (the changed one is the one most like the base's), and a
# paragraph rewritten beyond recognition is one removed and one added.
cp -R "$D/base" "$WORK/moved"
f=$WORK/moved/editions/2016/measures/m02.md
printf '## Constat\n\nUn paragraphe tout neuf.\n\nUn paragraphe avec *emphase*, **gras**, un [lien](https://example.org/) et\nune citation : "entre guillemets", et trois mots encore.\n\n- tout autre chose ici\n- second point\n' >"$f"
"$BIN" diff --content "$WORK/moved" --base base >"$WORK/m" 2>&1
check "diff: a paragraph changed and one inserted before it, told apart" \
    grep -q 'mesure 2 : récit modifié (+13 mots, −3 mots) ; paragraphes modifiés l. 5 ; ajoutés l. 3, 8 ; supprimés l. 6 de la base$' "$WORK/m"

# What a measure or an indicator says besides statuses and values.
cp -R "$D/base" "$WORK/fields"
sed -i 's|<title>Mesure trois</title>|<title>Mesure trois bis</title>|' "$WORK/fields/plan.xml"
sed -i 's|<source>Source d’essai</source>|<source>Autre source</source>\n    <target year="2016" value="20"/>|' "$WORK/fields/indicators/m01.xml"
"$BIN" diff --content "$WORK/fields" --base base --format json >"$WORK/f.json" 2>&1
check "diff: a measure's title, an indicator's source and target" node -e '
	const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
	const [m, i] = d.changes;
	if (d.changes.length !== 2 || m.kind !== "measure-changed" || m.measure !== "m03" ||
	    m.fields.join() !== "title" || !m.text.includes("« Mesure trois » → « Mesure trois bis »") ||
	    i.kind !== "indicator-changed" || i.fields.join() !== "source,target")
		throw new Error(JSON.stringify(d.changes));' "$WORK/f.json"

# A value at the edge of every limit (a 40-byte unit of two-byte letters,
# a negative number of 16 digits, illustrative) is told whole: the
# sentence once went through a buffer of 96 bytes.
cp -R "$D/base" "$WORK/wide"
cp -R "$D/base" "$WORK/widebase"
u=$(printf 'é%.0s' $(seq 19))xx
sed -i "s|unit=\"personnes\"|unit=\"$u\"|" "$WORK/wide/indicators/m01.xml" \
    "$WORK/widebase/indicators/m01.xml"
sed -i 's|<value year="2016" illustrative="true">14</value>|<value year="2016" illustrative="true">-999999999999999.99</value>|' \
    "$WORK/wide/indicators/m01.xml"
"$BIN" diff --content "$WORK/wide" --base "$WORK/widebase" >"$WORK/w" 2>&1
s=$(printf '\342\200\257')	# U+202F between groups of digits
check "diff: a value with the longest unit and number, whole" \
    grep -q "→ −1${s}000${s}000${s}000${s}000${s}000 $u (valeur illustrative)$" \
    "$WORK/w"

# A report that cannot be written is a system error.
"$BIN" diff --content content --base base >/dev/full 2>"$WORK/e"; st=$?
if [ $st = 3 ] && grep -q 'standard output' "$WORK/e"; then pass "diff to a full disk: status 3"
else fail "diff to a full disk: status 3" "status $st" "$(cat "$WORK/e")"; fi
"$BIN" check --content "$WORK/broken" --format gitlab >/dev/full 2>"$WORK/e"; st=$?
[ $st = 3 ] && pass "check --format gitlab to a full disk: status 3" || fail "check --format gitlab to a full disk: status 3" "status $st"
