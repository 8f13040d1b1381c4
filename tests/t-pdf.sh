#!/bin/sh
# The PDF report: the layout engine's unit tests, then the sample content
# built as PDF and read back with poppler and qpdf (text, contents page
# numbers, outline, fonts, structure, reproducibility), then a stress
# narrative that must come out whole.
. "$(dirname "$0")/lib.sh"
asan_full_stacks

# ---- the engine ----
if [ -x "$TOP/tests/unit-layout" ]; then
	"$TOP/tests/unit-layout" >"$WORK/unit.out" 2>&1
	cat "$WORK/unit.out"
	grep -q '^not ok' "$WORK/unit.out" ||
	    [ "$(grep -c '^ok' "$WORK/unit.out")" -gt 0 ] ||
	    fail "layout unit tests ran" "$(cat "$WORK/unit.out")"
else
	fail "layout unit tests built" "tests/unit-layout missing (make test builds it)"
fi

cd "$WORK" || exit 1

# Normalised text for comparisons: lower case, letters and digits only
# (soft hyphens, hyphens drawn at line ends, spaces and punctuation go).
cat >norm.pl <<'EOF'
use utf8;
binmode STDIN, ':encoding(UTF-8)';
binmode STDOUT, ':encoding(UTF-8)';
local $/;
my $t = <STDIN>;
$t = lc $t;
$t =~ s/[^\p{L}\p{N}]//g;
print $t;
EOF

mkdir a b
"$BIN" build --format pdf --content "$TOP/content" --out a/out --quiet \
    2>err.a
st=$?
(cd b && "$BIN" build --format pdf --content "$TOP/content" --out out \
    --quiet --jobs 1) 2>err.b
if [ $st -eq 0 ] && [ -s a/out/2016/rapport-2016.pdf ] &&
    [ -s a/out/2015/rapport-2015.pdf ]; then
	pass "both editions build as PDF"
else
	fail "both editions build as PDF" "$(cat err.a)"
	exit 0
fi
if cmp -s a/out/2016/rapport-2016.pdf b/out/2016/rapport-2016.pdf &&
    cmp -s a/out/2015/rapport-2015.pdf b/out/2015/rapport-2015.pdf; then
	pass "two builds give byte-identical PDFs"
else
	fail "two builds give byte-identical PDFs" "$(cat err.b)"
fi
# Past its layout budget, the PDF engine drops a measure's layouts once
# measured and lays it out again to draw it: the same bytes must come out.
if [ -x "$TOP/tests/rapporteur-relayout" ]; then
	"$TOP/tests/rapporteur-relayout" build --format pdf --quiet \
	    --content "$TOP/content" --out c/out 2>err.c
	if cmp -s a/out/2016/rapport-2016.pdf c/out/2016/rapport-2016.pdf &&
	    cmp -s a/out/2015/rapport-2015.pdf c/out/2015/rapport-2015.pdf
	then
		pass "measures laid out again to be drawn give the same PDFs"
	else
		fail "measures laid out again to be drawn give the same PDFs" \
		    "$(cat err.c)"
	fi
else
	fail "measures laid out again to be drawn give the same PDFs" \
	    "tests/rapporteur-relayout missing (make test builds it)"
fi
# The untagged build the benchmark measures tagging against (gen/pdf.c,
# PDF_UNTAGGED): the same pages, and no structure at all.
U=$TOP/gen/bench/rapporteur-untagged
if [ -x "$U" ] && "$U" build --format pdf --quiet --year 2016 \
    --content "$TOP/content" --out u/out 2>err.u; then
	qpdf --qdf --object-streams=disable a/out/2016/rapport-2016.pdf t.qdf
	qpdf --qdf --object-streams=disable u/out/2016/rapport-2016.pdf u.qdf
	pt=$(pdfinfo a/out/2016/rapport-2016.pdf | sed -n 's/^Pages: *//p')
	pu=$(pdfinfo u/out/2016/rapport-2016.pdf | sed -n 's/^Pages: *//p')
	if grep -aq '/StructTreeRoot' t.qdf && grep -aq '/MCID' t.qdf &&
	    ! grep -aq '/StructTreeRoot\|/MCID\|/StructParent' u.qdf &&
	    [ -n "$pt" ] && [ "$pt" = "$pu" ]; then
		pass "the untagged build: the same $pu pages, no structure tree, no marked content"
	else
		fail "the untagged build: the same pages, no structure tree, no marked content" \
		    "pages $pt and $pu; $(grep -ac '/StructTreeRoot' u.qdf) structure tree roots"
	fi
	rm -f t.qdf u.qdf
else
	fail "the untagged build draws the 2016 PDF" \
	    "$(cat err.u 2>/dev/null || echo "$U missing (make test builds it)")"
fi

# The mark gen/pdf.c draws first on every page, for cairo's sake, is
# taken out again by the finishing pass (gen/pdfpost.c): its colour
# operator is nowhere in the decoded page content, tagged or not.
mark=$(sed -n 's/^[^"]*"\([0-9. ]* rg\) \/a0 gs.*/\1/p' "$TOP/gen/pdfpost.c")
for pdf in a/out/2016/rapport-2016.pdf a/out/2015/rapport-2015.pdf \
    u/out/2016/rapport-2016.pdf; do
	[ -s "$pdf" ] || continue
	qpdf --qdf --object-streams=disable "$pdf" m.qdf
	if [ -n "$mark" ] && grep -aq ' rg$\| rg ' m.qdf &&
	    ! grep -aqF "$mark" m.qdf; then
		pass "$pdf: no trace of the mark ($mark)"
	else
		fail "$pdf: no trace of the mark" \
		    "mark '$mark': $(grep -acF "${mark:-?}" m.qdf) found"
	fi
	rm -f m.qdf
done

"$BIN" tree --content "$TOP/content" >tree.txt 2>/dev/null

for year in 2016 2015; do
	pdf=a/out/$year/rapport-$year.pdf
	pdfinfo "$pdf" >info.txt 2>&1
	pages=$(sed -n 's/^Pages: *//p' info.txt)
	if [ "${pages:-0}" -ge 30 ] && [ "$pages" -le 200 ]; then
		pass "$year: page count sane ($pages pages)"
	else
		fail "$year: page count sane" "$(cat info.txt)"
	fi
	check "$year: qpdf --check is clean" qpdf --check "$pdf"
	if grep -q '^Tagged: *yes' info.txt &&
	    grep -q '^Title: *[^ ]' info.txt &&
	    grep -q '^Author: *Commission' info.txt &&
	    grep -q '^Subject: *.' info.txt &&
	    grep -q '^Keywords: *.*traite' info.txt &&
	    grep -q '^Creator: *rapporteur' info.txt &&
	    grep -q "^CreationDate: .*$(sed -n 's/.* date="\([0-9]*\)-.*/\1/p' \
	    "$TOP/content/editions/$year/edition.xml")" info.txt; then
		pass "$year: tagged, with title, author, subject, keywords, creator, date"
	else
		fail "$year: tagged, with metadata" "$(cat info.txt)"
	fi
	pdffonts "$pdf" >fonts.txt 2>&1
	nf=$(tail -n +3 fonts.txt | wc -l)
	nemb=$(tail -n +3 fonts.txt | awk '$(NF-4) == "yes" && $(NF-3) == "yes"' | wc -l)
	if [ "$nf" -gt 0 ] && [ "$nf" -eq "$nemb" ] &&
	    grep -q CharisSIL fonts.txt && grep -q NotoSans fonts.txt; then
		pass "$year: every font embedded and subset ($nf fonts)"
	else
		fail "$year: every font embedded and subset" "$(cat fonts.txt)"
	fi

	# Text: every measure title, every word of every narrative; the
	# page body only (running heads would split a word hyphenated over
	# a page break).
	pdftotext -enc UTF-8 -x 0 -y 62 -W 596 -H 735 "$pdf" text.txt
	perl norm.pl <text.txt >text.norm
	missing=
	n=0
	sed -n 's/^  measure m[0-9]* [0-9]* "\(.*\)"$/\1/p' tree.txt >titles.txt
	while IFS= read -r t; do
		n=$((n + 1))
		k=$(printf '%s' "$t" | perl norm.pl)
		grep -qF "$k" text.norm || missing="$missing [$t]"
	done <titles.txt
	if [ "$n" -ge 20 ] && [ -z "$missing" ]; then
		pass "$year: all $n measure titles in the text"
	else
		fail "$year: all measure titles in the text" "n=$n missing:$missing"
	fi
	bad=
	nw=0
	for md in "$TOP"/content/editions/$year/measures/*.md \
	    "$TOP"/content/editions/$year/[!e]*.md; do
		perl "$TOP/tests/words.pl" <"$md" >words.txt
		nw=$((nw + $(wc -l <words.txt)))
		perl "$TOP/tests/wordsin.pl" --in-order words.txt text.norm \
		    >miss.txt ||
		    bad="$bad $(basename "$md"): $(head -3 miss.txt)"
	done
	if [ -z "$bad" ] && [ "$nw" -gt 1000 ]; then
		pass "$year: every word of every narrative, in order ($nw words)"
	else
		fail "$year: every word of every narrative, in order" "$bad"
	fi

	# Contents: the page printed for each entry is the page where the
	# section starts, and the bookmark points there too.
	qpdf --json "$pdf" >q.json 2>/dev/null
	perl -MJSON::PP -e '
		local $/; my $j = decode_json(<STDIN>);
		sub walk { my ($l, $d) = @_;
			for my $o (@$l) {
				my $t = $o->{title};
				utf8::encode($t);
				print "$d\t$o->{destpageposfrom1}\t$t\n";
				walk($o->{kids}, $d + 1);
			} }
		walk($j->{outlines}, 0);' <q.json >outline.txt
	no=$(wc -l <outline.txt)
	nm=$(awk -F'\t' '$1 == 2 && $3 ~ /^Mesure /' outline.txt | wc -l)
	nm1=$(awk -F'\t' '$1 == 1 && $3 ~ /^Mesure /' outline.txt | wc -l)
	np=$(awk -F'\t' '$1 == 0 && $3 ~ /^Priorit/' outline.txt | wc -l)
	nob=$(awk -F'\t' '$1 == 1 && $3 ~ /^Objectif /' outline.txt | wc -l)
	tp=$(grep -c '^  priority ' tree.txt)
	tob=$(grep -c '^    objective ' tree.txt)
	tm=$(grep -c '^  measure ' tree.txt)
	if [ "$np" -eq "$tp" ] && [ "$nob" -eq "$tob" ] &&
	    [ $((nm + nm1)) -eq "$tm" ] && [ "$nm1" -ge 1 ] && [ "$nm" -ge 1 ]; then
		pass "$year: outline nests priority > objective > measure ($no entries)"
	else
		fail "$year: outline nests priority > objective > measure" "$(cat outline.txt)"
	fi
	# The page each measure really starts on: its "MESURE n" line.
	i=1
	: >real.txt
	while [ "$i" -le "$pages" ]; do
		pdftotext -enc UTF-8 -f "$i" -l "$i" "$pdf" - |
		    sed -n "s/^MESURE \([0-9]*\)$/\1 $i/p;s/^PRIORITÉ \([IVX]*\)$/\1 $i/p" >>real.txt
		i=$((i + 1))
	done
	# The contents pages, laid out: "Mesure 7 — … <spaces> 23".
	last=$(awk -F'\t' '$3 ~ /^Avant|^Priorité/ { print $2 - 1; exit }' outline.txt)
	pdftotext -enc UTF-8 -layout -f 2 -l "$last" "$pdf" toc.txt
	perl -CSD -ne '
		chomp; s/^\s+//;
		$acc .= ($acc eq "" ? "" : " ") . $_;
		if ($acc =~ /^(.*?)\s{2,}(\d+)$/ || $acc =~ /^(.*\S)\s(\d+)$/ && /\s{2,}\d+$/) {
			my ($t, $n) = ($1, $2);
			print "$1 $n\n" if $t =~ /^Mesure (\d+) \S+ /;
			print "$1 $n\n" if $t =~ /^Priorit\S+ ([IVX]+) \S+ /;
			$acc = "";
		} elsif (!/\S/) { $acc = ""; }' toc.txt >tocnum.txt
	errs=
	ntoc=0
	while read -r key page; do
		ntoc=$((ntoc + 1))
		real=$(awk -v k="$key" '$1 == k { print $2; exit }' real.txt)
		case $key in
		[IVX]*) ob=$(awk -F'\t' -v k="Priorité $key —" 'index($3, k) == 1 { print $2; exit }' outline.txt) ;;
		*) ob=$(awk -F'\t' -v k="Mesure $key —" 'index($3, k) == 1 { print $2; exit }' outline.txt) ;;
		esac
		[ "$page" = "$real" ] && [ "$ob" = "$real" ] ||
		    errs="$errs [$key: contents $page, real $real, bookmark $ob]"
	done <tocnum.txt
	if [ "$ntoc" -eq 26 ] && [ -z "$errs" ]; then
		pass "$year: contents page numbers = pages where the sections start = bookmarks (26 entries)"
	else
		fail "$year: contents page numbers = real pages" "n=$ntoc$errs"
	fi

	# Nothing outside the text area: every word's box on the page.
	pdftotext -enc UTF-8 -bbox "$pdf" bbox.html
	out=$(perl -ne 'print "$1 $2 $3 $4 $5\n" if /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/ && ($1 < 70 || $3 > 525.3 || $2 < 30 || $4 > 820)' bbox.html | head -5)
	if [ -z "$out" ]; then
		pass "$year: no word outside the text area"
	else
		fail "$year: no word outside the text area" "$out"
	fi
done

# Internal links are named destinations (page links would be dead in
# cairo 1.16), and the contents entries point at them.
nd=$(qpdf --qdf --object-streams=disable a/out/2016/rapport-2016.pdf - 2>/dev/null |
    grep -a -c '/Dest (m[0-9][0-9])')
if [ "$nd" -ge 23 ]; then
	pass "contents links use named destinations ($nd)"
else
	fail "contents links use named destinations" "found $nd"
fi

# A table's row rules are drawn once its rows are, one after the other
# in one colour: not a change of colour to each rule and back to the
# text (each is numbers cairo prints).
rules=$(qpdf --qdf --object-streams=disable a/out/2016/rapport-2016.pdf - \
    2>/dev/null | awk '/ 0\.[34][0-9]* re f$/ { n++; if (prev ~ / rg$/) c++ }
    { prev = $0 } END { print n + 0, c + 0 }')
nr=${rules% *} nc=${rules#* }
if [ "$nr" -ge 20 ] && [ $((nc * 3)) -lt "$nr" ]; then
	pass "table rules drawn together ($nr rules, $nc colour changes)"
else
	fail "table rules drawn together" "$nr rules, $nc colour changes"
fi

# ---- stress: a narrative that tries to get lost ----
cp -R "$TOP/content" stress
mkdir stress/images
sed 's|(figure.png)|(../../../images/figure.png)|' "$TOP/tests/pdf/stress.md" \
    >stress/editions/2016/measures/m01.md
cp "$TOP/tests/pdf/figure.png" stress/images/figure.png
# A note far too long to stand beside its chart.
long=$(i=0; while [ $i -lt 120 ]; do printf 'précision %d du relevé, ' $i;
    i=$((i + 1)); done)
sed "0,/<note>/s|<note>|<note>Début-de-note-longue $long fin-de-note-longue. |" \
    "$TOP/content/indicators/m01.xml" >stress/indicators/m01.xml
if "$BIN" build --format pdf --content stress --out sout --year 2016 \
    --quiet 2>err.s; then
	pass "stress narrative builds"
else
	fail "stress narrative builds" "$(cat err.s)"
	exit 0
fi
spdf=sout/2016/rapport-2016.pdf
pdftotext -enc UTF-8 -x 0 -y 62 -W 596 -H 735 "$spdf" s.txt
perl norm.pl <s.txt >s.norm
perl "$TOP/tests/words.pl" <stress/editions/2016/measures/m01.md >words.txt
if perl "$TOP/tests/wordsin.pl" --in-order words.txt s.norm >miss.txt; then
	pass "stress: every word of the narrative, in order ($(wc -l <words.txt) words)"
else
	fail "stress: every word of the narrative, in order" "$(cat miss.txt)"
fi
if grep -q 'Début-de-note-longue' s.txt &&
    tr -d ' \n\f' <s.txt | grep -q 'précision119durelevé,fin-de-note-longue'; then
	pass "stress: a note too long for the side of its chart, whole"
else
	fail "stress: a note too long for the side of its chart, whole"
fi
for w in alpha bravo charlie delta echo foxtrot; do
	grep -q "niveau [0-9] $w" s.txt || miss6="$miss6 $w"
done
if [ -z "$miss6" ]; then pass "stress: list nested 6 deep, every level"
else fail "stress: list nested 6 deep" "missing:$miss6"; fi
# Code: 300 lines, the long ones wrapped, not cut (raw text: pdftotext
# would otherwise drop a hyphen that ends a line).
pdftotext -raw -enc UTF-8 -x 0 -y 62 -W 596 -H 735 "$spdf" - |
    tr -d ' \n\f' >s.flat
nl=0
i=1
while [ $i -le 300 ]; do
	l=$(printf 'ligne-%03d' $i)
	src=$(grep "^$l " "$TOP/tests/pdf/stress.md" | tr -d ' ')
	grep -qF "$src" s.flat && nl=$((nl + 1))
	i=$((i + 1))
done
if [ "$nl" -eq 300 ]; then pass "stress: 300-line code block, every line whole"
else fail "stress: 300-line code block, every line whole" "$nl of 300"; fi
url=$(grep -o '<https://example.org/[^>]*>' "$TOP/tests/pdf/stress.md" |
    tr -d '<>' | awk 'length($0) > 4000')
nu=$(grep -oF "$url" s.flat | wc -l)
if [ ${#url} -eq 5000 ] && [ "$nu" -ge 2 ]; then
	pass "stress: 5000-character address whole, in the text and as a note"
else
	fail "stress: 5000-character address whole" "length ${#url}, found $nu times"
fi
if [ "$(pdfimages -list "$spdf" 2>/dev/null | tail -n +3 | wc -l)" -ge 1 ]; then
	pass "stress: the PNG image is in the PDF"
else
	fail "stress: the PNG image is in the PDF"
fi
pdftotext -enc UTF-8 -bbox "$spdf" bbox.html
out=$(perl -ne 'print "$1 $3 $5\n" if /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/ && ($1 < 70 || $3 > 525.3 || $2 < 30 || $4 > 820)' bbox.html | head -5)
if [ -z "$out" ]; then pass "stress: no word outside the text area"
else fail "stress: no word outside the text area" "$out"; fi
check "stress: qpdf --check is clean" qpdf --check "$spdf"
