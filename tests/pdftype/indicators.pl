# indicators.pl: the indicators of m01 at the schema's limits, for
# tests/t-pdftype.sh: 24 categories (horizontal bars, labels of 10 to 40
# characters, three years), 12 categories of 40-character labels
# stacked over three years, the same as bars, and 24 stacked categories
# of 40-character labels.
use strict;
use warnings;
use utf8;
binmode STDOUT, ':encoding(UTF-8)';

my @w = qw(exploitation sexuelle servitude domestique contrainte délits
    travail forcé mendicité mariage prélèvement organes adoption illégale);

# The label of category i, n characters long.
sub label {
	my ($i, $n) = @_;
	my $s = "Catégorie $i";
	my $k = $i;
	$s .= ' ' . $w[$k++ % @w] while length($s) < $n;
	$s = substr($s, 0, $n);
	$s =~ s/ $/x/;
	return $s;
}

sub indicator {
	my ($id, $unit, $chart, $title, $n, $len, $years, $v) = @_;
	print qq{  <indicator id="$id" unit="$unit" direction="higher"$chart>\n};
	print qq{    <label>$title</label>\n};
	print qq{    <definition>Définition d’essai.</definition>\n};
	print qq{    <source>Source d’essai</source>\n};
	for my $i (1 .. $n) {
		print qq{    <category id="$id-$i" label="}, label($i, $len->($i)),
		    qq{">\n};
		printf qq{      <value year="%d">%d</value>\n}, $_, $v->($i, $_)
		    for @$years;
		print qq{    </category>\n};
	}
	print qq{  </indicator>\n};
}

print qq{<?xml version="1.0" encoding="UTF-8"?>\n<indicators measure="m01">\n};
indicator('vingt-quatre', 'personnes', '', 'Vingt-quatre catégories', 24,
    sub { 10 + ($_[0] * 7) % 31 }, [2014, 2015, 2016],
    sub { $_[0] * (10 + $_[1] - 2014) + 3 * ($_[1] - 2014) });
indicator('douze-empilees', '%', ' chart="stacked"',
    'Douze catégories empilées aux libellés de quarante caractères', 12,
    sub { 40 }, [2014, 2015, 2016], sub { 8 + ($_[0] + $_[1]) % 3 });
indicator('douze-barres', 'personnes', '',
    'Douze catégories en barres aux libellés de quarante caractères', 12,
    sub { 40 }, [2016], sub { 100 * $_[0] + 7 });
indicator('vingt-quatre-empilees', '%', ' chart="stacked"',
    'Vingt-quatre catégories empilées aux libellés de quarante caractères',
    24, sub { 40 }, [2014, 2015, 2016], sub { 3 + ($_[0] + $_[1]) % 2 });
print qq{  <assessment year="2015" status="partial">Essai.</assessment>\n};
print qq{  <assessment year="2016" status="partial">Essai.</assessment>\n};
print qq{</indicators>\n};
