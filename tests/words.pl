# perl tests/words.pl [--unique] <FILE.md: the words of a Markdown text,
# one a line, link addresses (printed as notes elsewhere) left out.
#   (default)  every word in order, lower case, letters and digits only,
#              code fence lines out: what the PDF shows in that order;
#   --unique   runs of two letters or more, once each, bare addresses
#              and autolinks out too: words to search for.
use utf8;
binmode STDIN, ':encoding(UTF-8)';
binmode STDOUT, ':encoding(UTF-8)';
local $/;
my $t = <STDIN>;
$t =~ s/\]\([^)\s]*(\s+"[^"]*")?\)/]/g;	# [text](url) -> [text]
if (@ARGV && $ARGV[0] eq '--unique') {
	$t =~ s/<[a-z]+:[^>]*>//g;
	$t =~ s/\S*(:\/\/|www\.)\S*//g;
	my %seen;
	for my $w ($t =~ /(\p{L}{2,})/g) {
		print "$w\n" unless $seen{$w}++;
	}
	exit 0;
}
$t =~ s/^\s*(```|~~~).*$//mg;		# code fences and their info
$t = lc $t;
for my $w (split /\s+/, $t) {
	$w =~ s/[^\p{L}\p{N}]//g;
	print "$w\n" if length $w;
}
