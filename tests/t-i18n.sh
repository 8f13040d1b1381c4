#!/bin/sh
# The interface language (gen/i18n.c): the catalogue covers every text
# the sources pass to T(), and an English plan (tests/fixtures/english)
# builds a site and a PDF in English: no French interface word, English
# numbers, lang and /Lang, English hyphenation, quotes as written; £, $
# and CHF on charts and in tables; diff of two English contents and init
# --lang en in English too.
. "$(dirname "$0")/lib.sh"

"$TOP/tests/unit-i18n"

# Every key the sources use has its English (and no English is unused).
python3 "$TOP/tests/i18n-keys.py" "$TOP"/gen/*.c >"$WORK/used"
python3 "$TOP/tests/i18n-keys.py" --catalogue "$TOP/gen/i18n_en.h" \
    >"$WORK/have"
if [ -s "$WORK/used" ] && cmp -s "$WORK/used" "$WORK/have"; then
	pass "the English catalogue has every text of the sources ($(wc -l <"$WORK/used"))"
else
	fail "the English catalogue has every text of the sources" \
	    "$(diff "$WORK/used" "$WORK/have" | head -20)"
fi

cd "$WORK" || exit 1
check "the English content builds" "$BIN" build --quiet \
    --content "$TOP/tests/fixtures/english" --out en \
    --base-url https://example.org/

# French interface words (whole words), none of which the English
# content uses.
cat >words <<'WORDS'
Mesure
Mesures
Priorité
Objectif
Sommaire
Sources
mis en œuvre
mise en œuvre
Rapport
Données
Éditions
Appréciation
Indicateur
Indicateurs
Valeur
Année
Catégorie
Référence
Cible
Chiffres clés
Tableau de bord
Toutes les éditions
Mentions légales
Plan du site
Rechercher
Accessibilité
Publié le
Mis à jour
À rédiger
aucune valeur
réalisée
Réalisée
en progrès
en recul
inchangée
par rapport
Dernière valeur
Définition
Précisions
Synthèse
contre
depuis
sinon
mesures
Pilote
Partenaires
Remarque
Liens
PROJET
Rappel
Annexe
WORDS
# french_words dir pdf list txt found: the pages, charts and CSV files of
# the build in dir (listed in list) and the text of its PDF (into txt),
# searched for the words; what is found goes to found.
french_words() {
	find "$1" -name '*.html' -o -name '*.svg' -o -name '*.csv' | sort >"$3"
	: >"$5"
	while read -r f; do
		sed 's/<[^>]*>/ /g' "$f" | grep -o -w -F -f words |
		    sed "s|^|$f: |" >>"$5"
	done <"$3"
	pdftotext "$2" "$4"
	grep -o -w -F -f words "$4" | sed "s|^|$2: |" >>"$5"
}
french_words en en/2016/report-2016.pdf files en.txt found
n=$(wc -l <files)
if [ "$n" -gt 30 ] && [ ! -s found ]; then
	pass "no French interface word in $n pages, charts and CSV files and the PDF"
else
	fail "no French interface word in $n pages, charts and CSV files and the PDF" \
	    "$(sort found | uniq -c | head -20)"
fi

# The same words in the English plan of 4 levels, 12 priorities, its own
# 3-status scale and an edition two years after its end (tests/plans/en).
check "the 4-level English plan builds" "$BIN" build --quiet \
    --content "$TOP/tests/plans/en" --out en4
french_words en4 en4/2022/report-2022.pdf files4 en4.txt found4
pdftotext -layout en4/2022/report-2022.pdf en4.layout
n=$(wc -l <files4)
if [ "$n" -gt 30 ] && [ ! -s found4 ]; then
	pass "no French interface word in the 4-level plan's $n files and PDF"
else
	fail "no French interface word in the 4-level plan's $n files and PDF" \
	    "$(sort found4 | uniq -c | sort -rn | head -20)"
fi
if grep -q '1,541\.5' en4/2022/index.html en4.txt &&
    grep -q '<html lang="en"' en4/2022/index.html; then
	pass "the 4-level plan: English numbers (1,541.5) and lang=\"en\""
else
	fail "the 4-level plan: English numbers (1,541.5) and lang=\"en\""
fi
# Every currency scales the English way, the same in the chart's axis
# words, its sentence, its value labels and the tables of the site and
# the PDF: £ in millions, $ in thousands, CHF in units.
svgtext() {
	grep -o '<text[^>]*>[^<]*</text>' "en4/2022/charts/$1.svg" |
	    sed 's/<[^>]*>//g' | tr '\n' '|'
}
svgdesc() {
	grep -o '<desc[^>]*>[^<]*' "en4/2022/charts/$1.svg" | sed 's/<[^>]*>//'
}
nb=$(printf '\302\240')
gbp=$(svgtext m02-shelter-funding) usd=$(svgtext m03-team-budget)
chf=$(svgtext m04-grants)
if echo "$gbp" | grep -q '^[^|]*|million pounds sterling|.*|1\.5|.*|£1\.40M|$' &&
    echo "$usd" | grep -q '^[^|]*|thousand dollars|.*|60|.*|\$45\.5k|$' &&
    echo "$chf" | grep -q "^[^|]*|Swiss francs|.*|3,000|.*|CHF${nb}2,500|$" &&
    [ "$(svgdesc m02-shelter-funding)" = "From £850k in 2018 to £1.40M in 2022 (£1.25M in 2020); no value in 2019 and 2021." ] &&
    [ "$(svgdesc m03-team-budget)" = "From \$12.0k in 2019 to \$45.5k in 2022 (\$38.0k in 2021); no value in 2020." ] &&
    [ "$(svgdesc m04-grants)" = "From CHF${nb}1,800 in 2020 to CHF${nb}2,500 in 2022 (CHF${nb}2,400 in 2021)." ]; then
	pass "£, \$ and CHF: axis words, chart sentences and labels in English"
else
	fail "£, \$ and CHF: axis words, chart sentences and labels in English" \
	    "$gbp" "$usd" "$chf" "$(svgdesc m04-grants)"
fi
if grep -q '<td class="num">£850k</td>' en4/2022/measure-02.html &&
    grep -q '<td class="num">\$38\.0k</td>' en4/2022/measure-03.html &&
    grep -q "<td class=\"num\">CHF${nb}1,800</td>" en4/2022/measure-04.html &&
    grep -q '2020 *£1\.25M$' en4.layout && grep -q '2021 *\$38\.0k$' en4.layout &&
    grep -q '2020 *CHF 1,800$' en4.layout; then
	pass "£, \$ and CHF in the tables of the site and the PDF"
else
	fail "£, \$ and CHF in the tables of the site and the PDF" \
	    "$(grep -o '<td class="num">[^<]*' en4/2022/measure-0[234].html)"
fi

# No narrow or plain no-break space before : ; ! ? (French spacing),
# but in the span marked French (its lines left out here).
if cat $(cat files) en.txt | grep -v 'égalité\|essentiel' |
    grep "$(printf '\342\200\257[;:!?]\\|\302\240[;:!?]')" >spaced; then
	fail "no French spacing before punctuation" "$(head -5 spaced)"
else
	pass "no French spacing before punctuation"
fi

# A span in another language: its lang kept in the site, its own
# typography in both outputs (French here; pdftotext writes the
# no-break spaces as spaces), the text around it English.
nn=$(printf '\342\200\257') nb=$(printf '\302\240')
if grep -q "<span lang=\"fr\">«${nn}liberté, égalité${nn}»${nb}: voilà" \
    en/2016/foreword.html &&
    grep -q "^l’essentiel</span>, and it said: \"so be it\"" \
    en/2016/foreword.html &&
    grep -q "« liberté, égalité » : voilà l’essentiel, and it said: \"so be it\"" en.txt; then
	pass '<span lang="fr"> tagged in the site, French typography inside only'
else
	fail '<span lang="fr"> tagged in the site, French typography inside only' \
	    "$(grep -A1 'motto' en/2016/foreword.html)"
fi

# Numbers, dates and currencies the English way.
if grep -q '1,234\.5 professionals in 2014' en/2016/measure-01.html &&
    grep -q '€1\.40M' en/2016/measure-02.html &&
    grep -q 'May 1, 2017' en/2016/index.html &&
    grep -q '86%' en/2016/measure-02.html; then
	pass "numbers read 1,234.5, €1.40M, 86%; dates May 1, 2017"
else
	fail "numbers read 1,234.5, €1.40M, 86%; dates May 1, 2017" \
	    "$(grep -o '[^>]*1.234[^<]*' en/2016/measure-01.html | head -3)"
fi

# lang="en" on every page, /Lang (en-US) in the PDF and its XMP.
if [ -z "$(grep -L '<html lang="en">' $(grep '\.html$' files))" ]; then
	pass 'lang="en" on every page'
else
	fail 'lang="en" on every page' "$(grep -L '<html lang="en">' \
	    $(grep '\.html$' files) | head -3)"
fi
qpdf --qdf --object-streams=disable en/2016/report-2016.pdf q.pdf
if grep -aq '/Lang (en-US)' q.pdf &&
    grep -aq '<rdf:li>en-US</rdf:li>' q.pdf && ! grep -aq 'fr-FR' q.pdf; then
	pass "/Lang en-US in the PDF and its XMP"
else
	fail "/Lang en-US in the PDF and its XMP" "$(grep -a '/Lang' q.pdf)"
fi

# Quotes and colons as written: no « », no space added.
if grep -q 'minister said: "the' en/2016/foreword.html &&
    grep -q 'minister said: "the' en.txt; then
	pass 'said: "x" stays as written in the site and the PDF'
else
	fail 'said: "x" stays as written in the site and the PDF' \
	    "$(grep -o 'said[^<]*' en/2016/foreword.html)"
fi

# English hyphenation: "re-sponsibilities" is an English break, never a
# French one (res-pon-si-bi-li-ties); no line ends at a French-only
# break of the words of that paragraph.
pdftotext -layout en/2016/report-2016.pdf layout.txt
if grep -q ' re-$' layout.txt &&
    grep -A1 ' re-$' layout.txt | grep -q '^sponsibilities' &&
    ! grep -Eq '(res|cha|bi|ta|ti)-$' layout.txt; then
	pass "hyphenated with the English patterns"
else
	fail "hyphenated with the English patterns" \
	    "$(grep -- '-$' layout.txt | head -5)"
fi

# A language with no catalogue is an error, with its place.
cp -R "$TOP/tests/fixtures/english" de
sed 's/lang="en"/lang="de"/' "$TOP/tests/fixtures/english/plan.xml" \
    >de/plan.xml
"$BIN" check --content de >de.out 2>&1
st=$?
if [ $st = 1 ] && grep -q 'plan.xml:3:1: error: language "de" has no interface catalogue' de.out; then
	pass "a language with no catalogue is refused"
else
	fail "a language with no catalogue is refused" "status $st" \
	    "$(cat de.out)"
fi

# Who writes the reports comes from edition.xml: the English set names
# its role, series and keywords; the mini set, which names none, gets no
# kicker and the neutral words.
if grep -q '<p class="kicker">Independent national rapporteur</p>' \
    en/index.html &&
    grep -q 'class="subtitle">Annual reports evaluating' en/index.html &&
    grep -aq 'trafficking in human beings, national action plan, evaluation, national rapporteur, 2016' q.pdf; then
	pass "role, series and keywords from edition.xml"
else
	fail "role, series and keywords from edition.xml" \
	    "$(grep -o '<div class="hero">.\{0,200\}' en/index.html)"
fi
check "the mini content builds" "$BIN" build --quiet \
    --content "$TOP/tests/fixtures/mini" --out mini
qpdf --qdf --object-streams=disable mini/2016/rapport-2016.pdf qm.pdf
if ! grep -q 'class="kicker"' mini/index.html &&
    grep -q 'class="subtitle">Rapports d’évaluation' mini/index.html &&
    grep -aq '<pdf:Keywords>évaluation, 2016</pdf:Keywords>' qm.pdf &&
    ! grep -q 'rapporteur national' mini/2016/index.html; then
	pass "no role, series nor keywords: neutral words"
else
	fail "no role, series nor keywords: neutral words" \
	    "$(grep -o '<div class="hero">.\{0,200\}' mini/index.html)"
fi

# The French span of measure 3 is not hyphenated with the English
# patterns (which break "interna-tionalisation" there): whole words only.
sed -n '/The French text reads/,/responsabilités\./p' layout.txt >span.txt
if [ "$(wc -l <span.txt)" -ge 3 ] && ! grep -q -- '-$' span.txt; then
	pass "a span in another language is not hyphenated with the content's patterns"
else
	fail "a span in another language is not hyphenated with the content's patterns" \
	    "$(cat span.txt)"
fi

# Each span marked French is a Span of the PDF's structure tree with
# /Lang (fr), holding the span's words (the English paragraph around it
# keeps the document's language): the measure's, over several lines,
# and the foreword's.
check "the PDF tags the span of measure 3 as a Span with /Lang (fr)" \
    python3 "$TOP/tests/pdfua/spanlang.py" en/2016/report-2016.pdf fr \
    "!French text reads" "responsabilités internationalisation \
représentativité caractéristiquement"
check "the PDF tags the foreword's span as a Span with /Lang (fr)" \
    python3 "$TOP/tests/pdfua/spanlang.py" en/2016/report-2016.pdf fr \
    "liberté, égalité" "voilà l’essentiel" "!motto"

# A draft's review page, in English too.
check "the English content builds as a draft" "$BIN" build --quiet --draft \
    --content "$TOP/tests/fixtures/english" --out draft
if sed 's/<[^>]*>/ /g' draft/2016/review.html draft/2016/review.json |
    grep -w -F -f words >found; then
	fail "no French interface word in the review page" "$(head -5 found)"
elif grep -q 'Review of the 2016 edition' draft/2016/review.html &&
    grep -q 'Measure 1: In progress → Partly implemented (improved)' \
    draft/2016/review.json; then
	pass "no French interface word in the review page"
else
	fail "no French interface word in the review page" \
	    "$(grep -o '<h1>[^<]*' draft/2016/review.html)"
fi

# The site's file names are English (gen/i18n.c, fname()): none of the
# French ones, each English one there, every link resolves.
for d in en draft en4; do
	find "$d" -type f | sed "s|^$d/||"
done | grep -E 'accessibilite|mentions-legales|plan-du-site|recherche|donnees|mesure-|priorite-|statuts|progression|etroit|indicateurs|tableur|partage|rapport-|synthese|revue' >frnames
if [ ! -s frnames ] && [ -s en/index.html ] && [ -s en4/index.html ]; then
	pass "no French file name in the English sites"
else
	fail "no French file name in the English sites" "$(head -10 frnames)"
fi
missing=
for f in accessibility.html legal-notice.html sitemap.html search.html \
    search.json assets/search.js 2016/data.html 2016/measure-01.html \
    2016/priority-1.html 2016/charts/statuses.svg \
    2016/charts/statuses-narrow.svg 2016/charts/progress.svg \
    2016/charts/progress-narrow.svg 2016/data/indicators-2016.csv \
    2016/data/indicators-2016-spreadsheet.csv 2016/share-2016.png \
    2016/report-2016.pdf 2016/synthesis-2016.svg; do
	[ -s "en/$f" ] || missing="$missing en/$f"
done
for f in 2016/review.html 2016/review.json; do
	[ -s "draft/$f" ] || missing="$missing draft/$f"
done
if [ -z "$missing" ]; then
	pass "the English sites' files have English names (20 checked)"
else
	fail "the English sites' files have English names (20 checked)" \
	    "missing:$missing"
fi
check "English site: every internal href and src resolves" linkcheck en
check "English draft: every internal href and src resolves" linkcheck draft
check "4-level English plan: every internal href and src resolves" \
    linkcheck en4
# Links between narratives name the English pages, in the site and in
# the PDF (a link to another edition goes to its page of the site).
if grep -q '<a href="measure-02.html">measure 2</a>' en/2016/measure-01.html &&
    grep -q '<a href="../2015/measure-01.html">the 2015 assessment</a>' \
    en/2016/measure-01.html &&
    grep -aq '/URI (https://example.org/2015/measure-01\.html)' q.pdf; then
	pass "links between narratives lead to the English names"
else
	fail "links between narratives lead to the English names" \
	    "$(grep -o '<a href="[^"]*">[^<]*' en/2016/measure-01.html)"
fi
# The search page loads search.js, which fetches search.json (beside the
# page), whose entries are pages of the site and hold the narratives.
python3 - en <<'PY' >search.err 2>&1
import json, os, re, sys
d = sys.argv[1]
page = open(os.path.join(d, 'search.html'), encoding='utf-8').read()
assert re.findall(r'<script [^>]*src="([^"]*)"', page) == \
    ['assets/search.js'], 'search.html loads assets/search.js only'
js = open(os.path.join(d, 'assets/search.js'), encoding='utf-8').read()
assert re.findall(r"fetch\(([^)]*)\)", js) == ['form.dataset.index'], \
    'search.js fetches the index the form names'
assert not re.search(r'[«»’àéèêç]', js), 'search.js carries no French'
form = re.search(r'<form id="search-form"[^>]*>', page).group(0)
words = dict(re.findall(r' data-([a-z]+)="([^"]*)"', form))
assert words == {
    'index': 'search.json',
    'empty': 'Type one or more words.',
    'none': 'No page contains “{q}”.',
    'one': '{n} page for “{q}”.',
    'other': '{n} pages for “{q}”.',
    'byline': 'Evaluation report {y}',
    'error': 'The search index could not be read.'}, words
idx = json.load(open(os.path.join(d, 'search.json'), encoding='utf-8'))
for p in idx['pages']:
    assert os.path.isfile(os.path.join(d, p['u'])), p['u'] + ' missing'
hits = [p['u'] for p in idx['pages'] if 'internationalized' in p['x']]
assert '2016/measure-01.html' in hits, 'a narrative word not found'
PY
if [ $? -eq 0 ]; then
	pass "search.html loads search.js, which reads search.json and says its words in English: its pages exist and it finds a word"
else
	fail "search.html loads search.js, which reads search.json and says its words in English: its pages exist and it finds a word" \
	    "$(tail -3 search.err)"
fi
# A part may not take the name of a page of the English site (data.md
# would be data.html); donnees.md may.
cp -R "$TOP/tests/fixtures/english" taken
mv taken/editions/2016/foreword.md taken/editions/2016/data.md
sed -i 's|file="foreword.md"|file="data.md"|' taken/editions/2016/edition.xml
"$BIN" check --content taken >taken.out 2>&1
st=$?
mv taken/editions/2016/data.md taken/editions/2016/donnees.md
sed -i 's|file="data.md"|file="donnees.md"|' taken/editions/2016/edition.xml
if [ $st -eq 1 ] && grep -q 'taken/editions/2016/edition.xml:11:[0-9]*: error: part file name "data.md" is taken by a page of the site (index, data, review, measure-…, priority-…)' taken.out &&
    "$BIN" check --content taken >/dev/null 2>&1; then
	pass "a part named as a page of the English site is refused (data.md), not donnees.md"
else
	fail "a part named as a page of the English site is refused (data.md), not donnees.md" \
	    "status $st" "$(cat taken.out)"
fi

# rapporteur diff of two versions of the English plan: a status, values
# (people, £), an illustrative value, an indicator, a measure's title,
# a narrative and a part changed.  Every sentence is English, numbers
# too, in the text and Markdown reports and on the review page.
cp -R "$TOP/tests/plans/en" dcur
sed -i 's|<value year="2022">1541.5</value>|<value year="2022">1634.25</value>|; s|status="ongoing"|status="done"|' \
    dcur/indicators/m01.xml
sed -i 's|<value year="2022">1400000</value>|<value year="2022">1450000</value>\
    <value year="2019" illustrative="true">990000</value>|' \
    dcur/indicators/m02.xml
sed -i 's|^  <assessment|  <indicator id="seized" unit="$" direction="higher">\
    <label>Assets seized</label>\
    <definition>Assets seized, in the year.</definition>\
    <source>Test data</source>\
    <value year="2022">2300000</value>\
  </indicator>\
&|' dcur/indicators/m05.xml
sed -i 's|<title>Publish joint investigation teams</title>|<title>Publish the joint investigation teams</title>|' \
    dcur/plan.xml
printf '\n## Next steps\n\nA new paragraph on the shelters, with three more words.\n' \
    >>dcur/editions/2022/measures/m02.md
printf '## Method\n\nHow the evaluation was made.\n' >dcur/editions/2022/method.md
sed -i 's|</front>|</front>\
  <back>\
    <part file="method.md">Method</part>\
  </back>|' dcur/editions/2022/edition.xml
"$BIN" diff --content dcur --base "$TOP/tests/plans/en" >diff.txt 2>diff.err
st=$?
"$BIN" diff --content dcur --base "$TOP/tests/plans/en" --format markdown \
    >diff.md 2>>diff.err
grep -w -F -f words diff.txt diff.md >found.diff
if [ $st = 0 ] && [ ! -s diff.err ] && [ ! -s found.diff ] &&
    [ "$(head -1 diff.txt)" = "8 changes to the report compared with $TOP/tests/plans/en" ] &&
    grep -q '^Assessments$' diff.txt &&
    grep -q 'm01.xml:13: Measure 1, 2022: status Under way → Implemented$' diff.txt &&
    grep -q ': Measure 1, “People reached”, 2022: 1,541.5 people → 1,634.3 people$' diff.txt &&
    grep -q ': Measure 2, “Funding of the shelters”, 2022: £1.40M → £1.45M$' diff.txt &&
    grep -q ', 2019: value added, £990k (illustrative value)$' diff.txt &&
    grep -q ': Measure 5: indicator “Assets seized” added$' diff.txt &&
    grep -q ': Measure 3, changed: title “Publish joint investigation teams” → “Publish the joint investigation teams”$' diff.txt &&
    grep -q 'm02.md:8: 2022 edition, measure 2: narrative changed (+12 words, −0 words); added at lines 8, 10; headings added “Next steps”$' diff.txt &&
    grep -q ': 2022 edition: part “Method” (method.md) added$' diff.txt &&
    grep -q '^### What the change does to the report$' diff.md &&
    grep -q '^8 changes compared with ' diff.md; then
	pass "diff of the English plan: English sentences and numbers"
else
	fail "diff of the English plan: English sentences and numbers" \
	    "status $st" "$(cat diff.err found.diff diff.txt)"
fi
"$BIN" build --quiet --draft --format html --content dcur --out ddraft \
    --diff-base "$TOP/tests/plans/en" 2>/dev/null
if sed 's/<[^>]*>/ /g' ddraft/2022/review.html | grep -w -F -f words \
    >found.rev; then
	fail "the review page's changes in English" "$(head -5 found.rev)"
elif grep -q '<h2 id="changements">Changes compared with the base (8)</h2>' \
    ddraft/2022/review.html && grep -q '<h3>Indicators and values</h3>' \
    ddraft/2022/review.html; then
	pass "the review page's changes in English"
else
	fail "the review page's changes in English" \
	    "$(grep -o '<h2[^<]*' ddraft/2022/review.html)"
fi
# The report is in the language of the content under review, not in
# its base's (the French mini set, loaded after it).
"$BIN" diff --content dcur --base "$TOP/tests/fixtures/mini" >dmix.txt 2>&1
if head -1 dmix.txt | grep -q '^[0-9]* changes to the report compared with ' &&
    grep -q '^Editions and measures$' dmix.txt; then
	pass "diff against a French base: in the language of the content"
else
	fail "diff against a French base: in the language of the content" \
	    "$(head -3 dmix.txt)"
fi

# init --lang en: an English starter (plan.xml with lang="en" and English
# level names, edition, parts, narratives, README) that checks with
# --werror and builds a site and a PDF with no French interface word, in
# the site, the PDF or the files it wrote (its README names the English gap
# marker, `[To write]`); without --lang, the French one as before.
"$BIN" init --lang en --year 2025 starter 2>init.err
st=$?
if [ $st = 0 ] && "$BIN" check --werror --content starter 2>>init.err &&
    "$BIN" build --quiet --content starter --out sout 2>>init.err &&
    grep -q '<plan start="2025" end="2027" data-from="2023" lang="en">' starter/plan.xml &&
    grep -q '<level singular="Measure" plural="Measures"' starter/plan.xml &&
    grep -q '<part file="foreword.md">Foreword</part>' starter/editions/2025/edition.xml &&
    grep -q '^## Implementation in 2025$' starter/editions/2025/measures/m02.md &&
    grep -q '^# Content of the report$' starter/README.md &&
    [ -f starter/editions/2025/method.md ]; then
	french_words sout sout/2025/report-2025.pdf sfiles sout.txt sfound
	n=$(wc -l <sfiles)
	if [ "$n" -gt 10 ] && [ ! -s sfound ] &&
	    ! cat starter/README.md starter/editions/2025/*.md \
	    starter/editions/2025/measures/*.md | grep -q -w -F -f words &&
	    grep -qF '`[To write]`' starter/README.md &&
	    grep -q 'Implementation in 2025' sout.txt; then
		pass "init --lang en: an English starter that checks, builds, no French word"
	else
		fail "init --lang en: an English starter that checks, builds, no French word" \
		    "$(sort sfound | uniq -c | head)"
	fi
else
	fail "init --lang en: an English starter that checks and builds" \
	    "status $st" "$(cat init.err)"
fi
"$BIN" init --year 2025 frstarter 2>/dev/null
if ! grep -q 'lang=' frstarter/plan.xml &&
    [ -f frstarter/editions/2025/avant-propos.md ] &&
    grep -q '^## Mise en œuvre en 2025$' frstarter/editions/2025/measures/m01.md; then
	pass "init without --lang: the French starter"
else
	fail "init without --lang: the French starter" "$(find frstarter | sort)"
fi
# A language with no starter, a region, or --lang with --plan (the plan
# names its language): usage errors, nothing written.
for args in "--lang de" "--lang en-GB" "--lang" \
    "--lang en --plan $TOP/tests/fixtures/english/plan.xml"; do
	# shellcheck disable=SC2086
	"$BIN" init $args badlang >bl.out 2>bl.err
	st=$?
	if [ $st = 2 ] && [ ! -e badlang ] && [ ! -s bl.out ] &&
	    grep -q '^usage: rapporteur init' bl.err; then
		pass "init $args: usage error"
	else
		fail "init $args: usage error" "status $st" "$(cat bl.err)"
	fi
done
# With --plan, the starter is in the plan's language.
"$BIN" init --plan "$TOP/tests/fixtures/english/plan.xml" enplan 2>/dev/null
if [ -f enplan/editions/2014/foreword.md ] &&
    grep -q '^## Implementation in 2014$' enplan/editions/2014/measures/m03.md &&
    "$BIN" check --werror --content enplan 2>/dev/null; then
	pass "init --plan of an English plan: the English starter"
else
	fail "init --plan of an English plan: the English starter" \
	    "$(find enplan | sort | head)"
fi
# A plan with its own status scale and no "not assessed": the starter's
# assessments take a status of that scale, and its comment lists them.
"$BIN" init --plan "$TOP/tests/plans/en/plan.xml" ownscale 2>/dev/null
if grep -q '<assessment year="2018" status="not-done">' ownscale/indicators/m01.xml &&
    grep -q '^     status: done, ongoing or not-done, with one sentence' ownscale/indicators/m01.xml &&
    "$BIN" check --werror --content ownscale 2>ownscale.err; then
	pass "init --plan of a plan with its own scale: its statuses, in the comment too"
else
	fail "init --plan of a plan with its own scale: its statuses, in the comment too" \
	    "$(head -3 ownscale.err)"
fi
# new-edition on the English plan: each text to write is marked in English,
# the assessments it adds say so in English, and check names the English
# marker; a French marker left in the English content is still a gap.
cp -R "$TOP/tests/plans/en" ned
"$BIN" new-edition --content ned 2023 >ned.out 2>ned.err
st=$?
"$BIN" check --content ned >ned.check 2>&1
grep -h 'year="2023"' ned/indicators/*.xml >ned.assess
if [ $st = 0 ] && grep -q 'each text to write is marked \[To write\]' ned.err &&
    grep -q '^\[To write\]$' ned/editions/2023/measures/m01.md &&
    grep -q '>\[To write\] Status of 2022 carried over: confirm or change it, with a sentence of justification\.</assessment>' ned.assess &&
    ! grep -rqF 'rédiger' ned/editions/2023 ned/indicators &&
    ! grep -h -w -F -f words ned.assess ned/editions/2023/measures/*.md |
    grep -q . &&
    grep -q 'm01.md:[0-9]*:1: warning: still to write (\[To write\])' ned.check &&
    grep -q 'warning: assessment for 2023 still to write (\[To write\])' ned.check
then
	pass "new-edition of an English plan: English gap markers and sentences, named by check"
else
	fail "new-edition of an English plan: English gap markers and sentences, named by check" \
	    "status $st" "$(cat ned.err)" "$(head -5 ned.check)" "$(head -3 ned.assess)"
fi
sed -i 's/^\[To write\]$/[À rédiger]/' ned/editions/2023/measures/m01.md
"$BIN" check --content ned >ned.check2 2>&1
if grep -q 'm01.md:[0-9]*:1: warning: still to write' ned.check2; then
	pass "a French gap marker in English content is still a gap"
else
	fail "a French gap marker in English content is still a gap" \
	    "$(grep m01.md ned.check2)"
fi
