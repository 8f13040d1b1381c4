#!/bin/sh
# The PDF's two records of its metadata, the information dictionary and
# the XMP packet, say the same title, subject, authors and keywords: for
# the sample 2016 report and for the test fixture, whose edition has no
# subtitle.
. "$(dirname "$0")/lib.sh"
cd "$WORK" || exit 1

# field NAME FILE: the value of one XMP element, its list items joined by
# ", ", XML escapes undone.
xmp_field() {
	tr -d '\n' <"$2" | sed -n "s|.*<$1>\(.*\)</$1>.*|\1|p" |
	    sed 's|</rdf:li><rdf:li[^>]*>|, |g; s|<[^>]*>||g;
		s|&lt;|<|g; s|&gt;|>|g; s|&quot;|"|g; s|&#39;|'"'"'|g;
		s|&amp;|\&|g'
}
info_field() {
	sed -n "s|^$1: *||p" "$2"
}

for c in content tests/fixtures/mini; do
	name=$(basename "$c")
	if ! "$BIN" build --quiet --format pdf --year 2016 \
	    --content "$TOP/$c" --out "out-$name" 2>err; then
		fail "$name: PDF builds" "$(cat err)"
		continue
	fi
	pdf=out-$name/2016/rapport-2016.pdf
	pdfinfo -enc UTF-8 "$pdf" >info
	pdfinfo -enc UTF-8 -meta "$pdf" >xmp
	for pair in Title:dc:title Subject:dc:description \
	    Author:dc:creator Keywords:pdf:Keywords; do
		i=${pair%%:*}
		x=${pair#*:}
		a=$(info_field "$i" info)
		b=$(xmp_field "$x" xmp)
		if [ -n "$a" ] && [ "$a" = "$b" ]; then
			pass "$name: /$i and XMP $x agree"
		else
			fail "$name: /$i and XMP $x agree" "/$i: $a" "$x: $b"
		fi
	done
done
