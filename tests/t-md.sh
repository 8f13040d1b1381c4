#!/bin/sh
# Narratives as authors write them (tests/md/): links between narratives
# (another measure, a part, a heading of another edition, an indicator, a
# heading of the same page), heading ids from their text, HTML comments
# never printed but listed in the review, escaped quotes, distinct heading
# levels, upper-case schemes, a heading in a quote, fenced code's
# language.  The site's narratives are compared with golden files; the
# PDF's text, links and named destinations are read back with poppler
# and qpdf.  Links to nothing and the positions of inline faults are in
# tests/bad/ (t-check.sh).  REGEN=1 rewrites the golden files.
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
mkdir content
(cd content && sh "$TOP/tests/md/setup" "$TOP") || { fail "md: setup"; exit 0; }

"$BIN" check --content content >check.out 2>check.err
st=$?
if [ $st = 0 ] && [ "$(cat check.err)" = "content/editions/2016/measures/m01.md:19:1: warning: level-1 heading: the title comes from the plan or edition.xml, start sections at ##" ]; then
	pass "md: links resolve, check passes with only the level-1 warning"
else
	fail "md: links resolve, check passes with only the level-1 warning" "status $st" "$(cat check.err)"
fi

"$BIN" build --quiet --content content --out out 2>build.err
st=$?
[ $st = 0 ] && pass "md: build" || { fail "md: build" "$(cat build.err)"; exit 0; }

# The narratives of the site, against their golden files.
for page in mesure-01 mesure-02; do
	sed -n '/^<div class="narrative">$/,/^<\/div>$/p' "out/2016/$page.html" \
	    >"$page.narr"
	sed -n '/^<ul class="toc">$/,/^<\/ul>$/p' "out/2016/$page.html" \
	    >>"$page.narr"
	[ -n "$REGEN" ] && cp "$page.narr" "$TOP/tests/md/$page.html"
	if diff -u "$TOP/tests/md/$page.html" "$page.narr" >diff.out; then
		pass "md: $page narrative and contents match tests/md/$page.html"
	else
		fail "md: $page narrative and contents match tests/md/$page.html" "$(cat diff.out)"
	fi
done

# Each link of the site leads to a page and an id that exist.
bad=
for f in out/2016/mesure-01.html out/2016/mesure-02.html; do
	for h in $(sed -n '/class="narrative"/,/^<\/div>/p' "$f" |
	    grep -o 'href="[^"]*"' | sed 's/^href="//; s/"$//' |
	    grep -v '^[A-Za-z]*:'); do
		file=${h%%#*}
		id=
		case $h in *'#'*) id=${h#*#} ;; esac
		[ -z "$file" ] && file=$(basename "$f")
		target=$(dirname "$f")/$file
		if [ ! -f "$target" ]; then
			bad="$bad $f:$h(no file)"
		elif [ -n "$id" ] && ! grep -q "id=\"$id\"" "$target"; then
			bad="$bad $f:$h(no id)"
		fi
	done
done
[ -z "$bad" ] && pass "md: every narrative link of the site leads to a page and an id" ||
    fail "md: every narrative link of the site leads to a page and an id" "$bad"

# Authors' notes: never printed, listed in the review (a draft's) with
# their place.
"$BIN" build --quiet --draft --format html --content content --out outd \
    2>/dev/null
if ! grep -q 'vérifier les chiffres\|note en ligne' out/2016/mesure-01.html &&
    grep -q '<code>content/editions/2016/measures/m01.md:8</code> TODO : vérifier les chiffres avec la MIPROF</li>' outd/2016/revue.html &&
    grep -q '<code>content/editions/2016/measures/m01.md:17</code> note en ligne</li>' outd/2016/revue.html &&
    grep -q '"kind": *"author-note"' outd/2016/revue.json; then
	pass "md: HTML comments out of the page, in revue.html and revue.json"
else
	fail "md: HTML comments out of the page, in revue.html and revue.json" "$(grep -i 'note' outd/2016/revue.html | head -5)"
fi

# The PDF: its text, named destinations and links.
pdf=out/2016/rapport-2016.pdf
pdftotext -layout "$pdf" pdf.txt
pdftotext "$pdf" - | tr '\n' ' ' | tr -s ' ' >pdf.flat
pdfinfo -dests "$pdf" >dests.txt
page_of() { awk -v n="\"$1\"" '$NF == n { print $1 }' dests.txt; }
# The page where measure 2 starts, by its text.
p2=
i=1
n=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
while [ $i -le "$n" ]; do
	if pdftotext -f $i -l $i "$pdf" - | grep -q '^MESURE 2$'; then p2=$i; break; fi
	i=$((i + 1))
done
if [ -n "$p2" ] && [ "$(page_of m02)" = "$p2" ] &&
    grep -q "(voir la mesure 2 (p. $p2)) et dans l’avant-propos" pdf.flat; then
	pass "md: PDF « voir » link gives the target's page ($p2)"
else
	fail "md: PDF « voir » link gives the target's page" "measure 2 on page $p2, dest on $(page_of m02)" "$(grep -o 'voir la mesure.\{0,30\}' pdf.flat)"
fi
bad=
for d in m01#l-accueil-securise m01#accueil m01#accueil-2 m01#niveau-un \
    m01#titre-cite m02#mesure-deux m02#ind-victimes \
    avant-avant-propos#methode; do
	[ -n "$(page_of "$d")" ] || bad="$bad $d"
done
[ -z "$bad" ] && pass "md: PDF named destinations for headings and indicators" ||
    fail "md: PDF named destinations for headings and indicators" "missing:$bad" "$(cat dests.txt)"
qpdf --qdf --object-streams=disable "$pdf" qdf.pdf
bad=
for d in '/Dest (m02)' '/Dest (avant-avant-propos#methode)' \
    '/Dest (m02#ind-victimes)' '/Dest (m01#accueil)' '/Dest (m01#accueil-2)' \
    '/URI (../2015/mesure-02.html#accueil-en-2015)' \
    '/URI (HTTPS://EXAMPLE.ORG/A)' '/URI (MAILTO:contact@example.org)'; do
	grep -aqF "$d" qdf.pdf || bad="$bad [$d]"
done
[ -z "$bad" ] && pass "md: PDF links to the measure, the part, the indicator, the headings and the other edition" ||
    fail "md: PDF links" "missing:$bad" "$(grep -a '/Dest (\|/URI (' qdf.pdf)"
bad=
grep -q '"reste droit"' pdf.flat || bad="$bad escaped-quotes"
grep -q '« vrai » devient' pdf.flat || bad="$bad french-quotes"
grep -q 'TODO\|note en ligne' pdf.flat && bad="$bad comment-printed"
grep -q 'Titre cité • une puce dans une citation' pdf.flat || bad="$bad quote"
grep -q 'echo "code"' pdf.flat || bad="$bad code"
grep -q 'Niveau un Niveau trois Niveau quatre Niveau cinq Niveau six' pdf.flat || bad="$bad levels"
[ -z "$bad" ] && pass "md: PDF text of each construct" ||
    fail "md: PDF text of each construct" "$bad" "$(head -c 3000 pdf.flat)"

# Heading levels: # and ## apart in the PDF's structure too (levels by
# depth, none skipped: tests/t-pdfua.sh).
if grep -aq '/S /H3' qdf.pdf && grep -aq '/S /H4' qdf.pdf &&
    grep -aq '/S /H5' qdf.pdf; then
	pass "md: PDF headings of distinct levels tagged H3, H4 and H5"
else
	fail "md: PDF headings of distinct levels tagged H3, H4 and H5"
fi

# Ids are stable: a second build gives the same pages.
"$BIN" build --quiet --content content --out out2 2>/dev/null
if cmp -s out/2016/mesure-01.html out2/2016/mesure-01.html &&
    cmp -s "$pdf" out2/2016/rapport-2016.pdf; then
	pass "md: two builds give the same page and PDF"
else
	fail "md: two builds give the same page and PDF"
fi

# Images (one beside its narrative): several in one paragraph share pages with the text (no page
# left almost empty), each with its caption; an image in a link keeps
# its address (the caption is the link, the address a note).
i=1
pimg=
while [ $i -le "$n" ]; do
	if pdftotext -f $i -l $i "$pdf" - | grep -q '^Un texte avant les images\.$'; then pimg=$i; break; fi
	i=$((i + 1))
done
t=$(pdftotext -f "${pimg:-1}" -l "${pimg:-1}" "$pdf" - | tr '\n' ' ')
case $t in
*'Un texte avant les images.'*'Premier schéma'*'Deuxième schéma'*)
	pass "md: PDF images of one paragraph share the page of the text before them" ;;
*)	fail "md: PDF images of one paragraph share the page of the text before them" "page $pimg: $t" ;;
esac
if grep -qE 'Schéma lié ?1 ' pdf.flat && grep -q 'Liens 1. https://example.org/schema' pdf.flat &&
    grep -aqF '/URI (https://example.org/schema)' qdf.pdf &&
    grep -q '<a href="https://example.org/schema"><img src="img/[0-9a-f]\{16\}\.png" alt="Schéma lié"' out/2016/mesure-03.html; then
	pass "md: an image in a link keeps its address in the site and the PDF"
else
	fail "md: an image in a link keeps its address in the site and the PDF" "$(grep -o 'Schéma lié.\{0,80\}' pdf.flat)" "$(grep -o '<a href="https://example.org/schema">.\{0,80\}' out/2016/mesure-03.html)"
fi

# Measures laid out again to be drawn (layout budget 0) keep their page
# references and links: the same bytes.
if [ -x "$TOP/tests/rapporteur-relayout" ]; then
	"$TOP/tests/rapporteur-relayout" build --format pdf --quiet \
	    --content content --out out3 2>/dev/null
	if cmp -s "$pdf" out3/2016/rapport-2016.pdf; then
		pass "md: the PDF laid out again to be drawn is byte-identical"
	else
		fail "md: the PDF laid out again to be drawn is byte-identical"
	fi
fi
