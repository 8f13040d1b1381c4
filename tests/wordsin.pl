# perl tests/wordsin.pl [--in-order] WORDS TEXT: the words of the file
# WORDS (one a line) that the file TEXT does not hold, the first five
# printed; exits 1 if there is one.
#   (default)    each word anywhere in TEXT;
#   --in-order   each word after the one before.  A word may be cut in
#                two by what lies between its halves (a running head, a
#                figure at a page top): the earliest end, whole or in two
#                parts less than 4000 characters apart, is taken.
use utf8;
binmode STDOUT, ':encoding(UTF-8)';
my $order = @ARGV && $ARGV[0] eq '--in-order' ? shift @ARGV : undef;
open my $w, '<:encoding(UTF-8)', $ARGV[0] or die;
open my $f, '<:encoding(UTF-8)', $ARGV[1] or die;
local $/;
my $text = <$f>;
$/ = "\n";
my ($pos, $bad) = (0, 0);

# The end of the earliest copy of word at or after $pos, or -1.
sub earliest {
	my ($word) = @_;
	my $best = -1;
	my $i = index($text, $word, $pos);
	$best = $i + length $word if $i >= 0;
	for my $k (2 .. length($word) - 2) {
		my $a = index($text, substr($word, 0, $k), $pos);
		last if $a < 0 || ($best >= 0 && $a + $k >= $best);
		my $b = index($text, substr($word, $k), $a + $k);
		next if $b < 0 || $b - ($a + $k) > 4000;
		my $e = $b + length($word) - $k;
		$best = $e if $best < 0 || $e < $best;
	}
	return $best;
}

while (my $word = <$w>) {
	chomp $word;
	if (!$order) {
		next if index($text, $word) >= 0;
		print "$word\n" if $bad++ < 5;
		next;
	}
	my $best = earliest($word);
	if ($best < 0) {
		print "missing after ", substr($text, $pos, 40), ": $word\n"
		    if $bad++ < 5;
		next;
	}
	$pos = $best;
}
exit($bad ? 1 : 0);
