#!/bin/sh
# The PDF's typesetting: what a reader copies or searches is the text (no
# soft hyphen, no paragraph of the structure text cut inside a word, every
# word of every narrative found by a plain search);
# hyphenation within bounds; hard breaks and one-word lines unstretched;
# figures at the schema's limits inside the text area, their tables next
# to them.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

# The body of a page [pt] (gen/pdf.c): left and right margins 76, top 74,
# bottom 66 on A4; running heads above it, page numbers below.
cat >inside.pl <<'EOF2'
# inside.pl BBOX: words outside the body of their page (the cover, running
# heads and page numbers aside; a hyphen hangs in the right margin, a
# list's number in the left one); prints them.
my ($page, $bad) = (0, 0);
while (<>) {
	$page++ if /<page /;
	next unless /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/;
	my ($x0, $y0, $x1, $y1, $w) = ($1, $2, $3, $4, $5);
	next if $page == 1 || $y1 < 62;
	next if $y0 > 790 && $w =~ /^(\d+|\/)$/;
	my $right = 595.28 - 76 + ($w =~ /-$/ ? 6 : 1);
	my $left = 76 - ($w =~ /^\d+\.$/ ? 6 : 1);
	if ($x0 < $left || $x1 > $right || $y0 < 74 - 3 ||
	    $y1 > 841.89 - 66 + 3) {
		print "page $page: $w ($x0, $y0, $x1, $y1)\n" if $bad++ < 5;
	}
}
exit($bad ? 1 : 0);
EOF2

# joined.pl: pdftotext -raw output with the words hyphenated at a line end
# (or a page end) joined; a compound's own hyphen is kept in a second copy.
cat >joined.pl <<'EOF2'
use utf8;
binmode STDIN, ':encoding(UTF-8)';
binmode STDOUT, ':encoding(UTF-8)';
local $/;
my $t = <STDIN>;
(my $a = $t) =~ s/(\p{L})-\n\f?(?=\p{Ll})/$1/g;
(my $b = $t) =~ s/(\p{L})-\n\f?(?=\p{Ll})/$1-/g;
print "$a\n$b";
EOF2

# hstat.pl RAW SOURCES...: hyphenated lines of pdftotext -raw output (a
# line ending in letter + hyphen, the next starting in lower case, the
# word not written with that hyphen in the sources); prints the count,
# the longest run of them and the broken words that start with a capital.
cat >hstat.pl <<'EOF2'
use utf8;
binmode STDOUT, ':encoding(UTF-8)';
open my $f, '<:encoding(UTF-8)', shift or die;
my @l = <$f>;
chomp @l;
my $src = '';
for my $s (@ARGV) {
	open my $g, '<:encoding(UTF-8)', $s or die;
	local $/;
	$src .= <$g>;
}
my ($n, $h, $run, $max, @caps) = (0, 0, 0, 0);
for my $i (0 .. $#l) {
	next unless $l[$i] =~ /\S/;
	$n++;
	my ($w, $v);
	if ($l[$i] =~ /(\p{L}+)-$/ and $w = $1 and $i < $#l and
	    $l[$i + 1] =~ /^\f?(\p{Ll}+)/ and $v = $1 and
	    !(index($src, "$w-$v") >= 0 && index($src, "$w$v") < 0)) {
		$h++;
		$run++;
		$max = $run if $run > $max;
		push @caps, "$w-$v" if $w =~ /^\p{Lu}/;
	} else {
		$run = 0;
	}
}
print "$n $h $max ", scalar(@caps), " @caps[0 .. ($#caps < 4 ? $#caps : 4)]\n";
EOF2

cat >cut.pl <<'EOF2'
# cut.pl RAW STRUCT: structure-text strings that stop inside a word of the
# text (the text: pdftotext -raw, hyphenated words joined); prints them.
use utf8;
binmode STDOUT, ':encoding(UTF-8)';
open my $r, '<:encoding(UTF-8)', $ARGV[0] or die;
open my $s, '<:encoding(UTF-8)', $ARGV[1] or die;
local $/;
my $t = <$r>;
$t =~ s/(\p{L})-\n\f?(?=\p{Ll})/$1/g;
$t =~ s/\s+/ /g;
my ($n, $bad) = (0, 0);
# Consecutive strings of one leaf are one text (a ligature's ActualText
# is a string of its own).
my @texts;
my $prev = 0;
for my $l (split /\n/, <$s>) {
	if ($l =~ /^\s*"(.*)"$/) {
		if ($prev) { $texts[-1] .= $1 } else { push @texts, $1 }
		$prev = 1;
	} else {
		$prev = 0;
	}
}
for my $q (@texts) {
	$q =~ s/\s+/ /g;
	next unless $q =~ /\p{L}$/ && $q =~ /(.{12})$/;
	my $end = $1;
	# Cut if every place the end is found goes on with a letter.
	my ($i, $seen, $whole) = (0, 0, 0);
	while (($i = index($t, $end, $i)) >= 0) {
		$seen++;
		$i += length $end;
		$whole = 1, last if substr($t, $i, 1) !~ /\p{L}/;
	}
	next unless $seen;
	$n++;
	print "$end\n" if !$whole && $bad++ < 5;
}
print "$n checked\n";
exit($bad ? 1 : 0);
EOF2

"$BIN" build --format pdf --content "$TOP/content" --out out --quiet 2>err
if [ $? -ne 0 ]; then
	fail "both editions build as PDF" "$(cat err)"
	exit 0
fi
for year in 2016 2015; do
	pdf=out/$year/rapport-$year.pdf
	pdftotext -enc UTF-8 "$pdf" plain.txt
	pdftotext -raw -enc UTF-8 "$pdf" raw.txt
	pdfinfo -struct-text "$pdf" >struct.txt 2>&1
	if grep -q "$(printf '\302\255')" plain.txt raw.txt struct.txt; then
		fail "$year: no soft hyphen in the text or the structure text" \
		    "$(grep -o ".\{20\}$(printf '\302\255').\{20\}" plain.txt raw.txt struct.txt | head -3)"
	else
		pass "$year: no soft hyphen in the text or the structure text"
	fi
	if perl cut.pl raw.txt struct.txt >cut.txt; then
		pass "$year: structure text: no paragraph cut inside a word ($(tail -1 cut.txt))"
	else
		fail "$year: structure text: no paragraph cut inside a word" "$(cat cut.txt)"
	fi
	# A plain search: the body only (running heads would come between
	# the halves of a word hyphenated at a page's foot).
	pdftotext -raw -enc UTF-8 -x 0 -y 62 -W 596 -H 735 "$pdf" body.txt
	perl joined.pl <body.txt >search.txt
	perl -CSD -pe 'BEGIN { undef $/ } s/(\p{L})-\n\f?(?=\p{Ll})/$1/g' \
	    <body.txt >joined.txt
	bad=
	nw=0
	for md in "$TOP"/content/editions/$year/measures/*.md \
	    "$TOP"/content/editions/$year/[!e]*.md; do
		perl "$TOP/tests/words.pl" --unique <"$md" >words.txt
		nw=$((nw + $(wc -l <words.txt)))
		perl "$TOP/tests/wordsin.pl" words.txt search.txt >miss.txt ||
		    bad="$bad $(basename "$md"): $(tr '\n' ' ' <miss.txt)"
	done
	if [ -z "$bad" ] && [ "$nw" -gt 1000 ]; then
		pass "$year: every word of every narrative found by a plain search ($nw words)"
	else
		fail "$year: every word of every narrative found by a plain search" "$bad"
	fi
	# Ligatures keep their letters: « insuffisante » as often as written.
	nsrc=$(cat "$TOP"/content/editions/$year/measures/*.md \
	    "$TOP"/content/editions/$year/[!e]*.md "$TOP"/content/indicators/*.xml |
	    grep -o 'nsuffisant' | wc -l)
	npdf=$(grep -o 'nsuffisant' joined.txt | wc -l)
	if [ "$nsrc" -gt 0 ] && [ "$npdf" -ge "$nsrc" ]; then
		pass "$year: « insuffisant » found as often as in the sources ($npdf, $nsrc)"
	else
		fail "$year: « insuffisant » found as often as in the sources" \
		    "$npdf in the PDF, $nsrc in the sources"
	fi
	set -- $(perl hstat.pl raw.txt "$TOP"/content/editions/$year/*.md \
	    "$TOP"/content/editions/$year/measures/*.md \
	    "$TOP"/content/indicators/*.xml)
	if [ "$1" -gt 1000 ] && [ "$3" -le 2 ] && [ "$4" -eq 0 ]; then
		pass "$year: hyphenation: at most 2 hyphenated lines in a row, no capitalised word broken ($2 of $1 lines)"
	else
		fail "$year: hyphenation: at most 2 in a row, no capitalised word broken" \
		    "lines $1, hyphenated $2, longest run $3, capitalised $4: $5 $6 $7"
	fi
done

# ---- fixtures: the largest figures, a hard break, one-word lines ----
cp -R "$TOP/content" fx
perl "$TOP/tests/pdftype/indicators.pl" >fx/indicators/m01.xml
cp "$TOP/tests/pdftype/narrative.md" fx/editions/2016/measures/m01.md
if "$BIN" build --format pdf --content fx --out fxout --year 2016 --quiet \
    2>err; then
	pass "fixtures build"
else
	fail "fixtures build" "$(cat err)"
	exit 0
fi
fpdf=fxout/2016/rapport-2016.pdf
pdftotext -enc UTF-8 -bbox "$fpdf" bbox.html
if perl inside.pl bbox.html >out.txt; then
	pass "figures at the schema's limits: every word inside the text area"
else
	fail "figures at the schema's limits: every word inside the text area" \
	    "$(cat out.txt)"
fi
# Each figure's caption, all its chart's labels on the caption's page,
# and its table's rows before the next figure.
pdftotext -raw -enc UTF-8 "$fpdf" fxraw.txt
perl -e 'local $/ = "\f"; my $i = 0;
	while (<STDIN>) { open my $o, ">", sprintf("p%03d.txt", ++$i) or die;
	    print $o $_; }' \
    <fxraw.txt
errs=
for f in "1.1:24:Vingt-quatre catégories" \
    "1.2:12:Douze catégories empilées" \
    "1.3:12:Douze catégories en barres" \
    "1.4:24:Vingt-quatre catégories empilées"; do
	num=${f%%:*}
	rest=${f#*:}
	n=${rest%%:*}
	title=${rest#*:}
	page=$(grep -l "^Figure $num — $title" p*.txt | head -1)
	if [ -z "$page" ]; then
		errs="$errs [figure $num: no caption]"
		continue
	fi
	# The chart ends (its "Source" line) on the caption's page, or on
	# the next when the sentence stating the data leaves too little
	# room (24 categories over three years); with every word inside
	# the text area, the chart is whole.
	pn=$(echo "$page" | sed 's/^p0*//; s/\.txt$//')
	next=$(printf 'p%03d.txt' $((pn + 1)))
	grep -q "^Source.*Source d’essai" "$page" ||
	    grep -q "^Source.*Source d’essai" "$next" 2>/dev/null ||
	    errs="$errs [figure $num: chart not on its caption's page or the next]"
	# Its table (header row "Catégorie <years>") and the words after
	# it come before the next figure's caption.
	perl -CSD -e '
		use utf8;
		local $/; my $t = <STDIN>;
		my ($num, $n) = @ARGV;
		my $c = index($t, "Figure $num —");
		my ($p, $q) = split /\./, $num;
		my $next = index($t, "Figure $p." . ($q + 1) . " —");
		$next = length $t if $next < 0;
		my $seg = substr($t, $c, $next - $c);
		exit(($seg =~ /^Catégorie( 20\d\d)+$/m &&
		    $seg =~ /Définition d’essai/) ? 0 : 1);' "$num" "$n" \
	    <fxraw.txt || errs="$errs [figure $num: table not before the next figure]"
done
if [ -z "$errs" ]; then
	pass "figures at the schema's limits: chart whole on its caption's page (or the next), table before the next figure"
else
	fail "figures at the schema's limits: chart on its caption's page, table before the next figure" "$errs"
fi
if grep -q "^Figure 1.1 — Vingt-quatre catégories (suite)" fxraw.txt; then
	pass "a figure's table continued on the next page says « (suite) »"
else
	fail "a figure's table continued on the next page says « (suite) »"
fi

# A hard break ends its line unjustified: the gaps between its words
# stay those of plain spaces, the line stops short of the margin.
perl -ne '
	while (/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/g) {
		push @w, [$1, $2, $3, $5];
	}
	END {
		my ($i) = grep { $w[$_][3] eq "Ligne" && $w[$_ + 1][3] =~ /^br/ } 0 .. $#w - 1;
		exit 2 unless defined $i;
		my ($gap, $end) = (0, 0);
		for my $k ($i + 1 .. $i + 5) {
			my $g = $w[$k][0] - $w[$k - 1][2];
			$gap = $g if $g > $gap;
			$end = $w[$k][2];
		}
		print "largest gap $gap, line end $end\n";
		exit($gap < 4.5 && $end < 400 ? 0 : 1);
	}' bbox.html >hb.txt
if [ $? -eq 0 ]; then
	pass "a line ended by a hard break is not justified ($(cat hb.txt))"
else
	fail "a line ended by a hard break is not justified" "$(cat hb.txt)"
fi
# One word alone on a justified line keeps its letters together: in the
# narrow column of 22 nested quotes, "CNCDH" and the capitalised word
# after it do not fit one line (set plainly, "CNCDH" is 35 pt wide).
perl -ne '
	while (/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)<\/word>/g) {
		push @w, [$1, $2, $3, $5];
	}
	END {
		my ($i) = grep { $w[$_][3] eq "CNCDH" &&
		    $w[$_ + 1][3] eq "Interministérielles" } 0 .. $#w - 1;
		exit 2 unless defined $i;
		my ($a, $b) = @w[$i .. $i + 1];
		printf "CNCDH %.1f pt wide", $a->[2] - $a->[0];
		exit($a->[1] != $b->[1] && $a->[2] - $a->[0] < 37 ? 0 : 1);
	}' bbox.html >ow.txt
if [ $? -eq 0 ]; then
	pass "a one-word line is not letter-spaced ($(cat ow.txt))"
else
	fail "a one-word line is not letter-spaced" "$(cat ow.txt)"
fi
