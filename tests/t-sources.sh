#!/bin/sh
# The sample's sources: every address in content/ (Markdown links and
# autolinks, indicator <source url>, any URL in a note) is on a host of the
# allow-list tests/sources-hosts.txt, and every entry of the "Sources" parts
# names its publisher and title, in the site and in the PDF.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1

# hosts FILE...: "file:host" for every http(s) address in the files.
hosts() {
	grep -oE 'https?://[^][ )>"<]+' "$@" /dev/null |
	    sed -E 's#^([^:]*):https?://([^/:?#]+).*#\1:\2#' |
	    tr 'A-Z' 'a-z'
}
allowed() {
	grep -v '^#' tests/sources-hosts.txt | grep . | sort -u
}

# unlisted FILE...: the file:host pairs whose host is not allowed.
unlisted() {
	allowed >"$WORK/allowed"
	hosts "$@" | awk -F: 'NR == FNR { ok[$0] = 1; next }
	    !($2 in ok)' "$WORK/allowed" -
}

files=$(find content -type f \( -name '*.md' -o -name '*.xml' \) | sort)
n=$(hosts $files | wc -l)
bad=$(unlisted $files)
if [ "$n" -gt 50 ] && [ -z "$bad" ]; then
	pass "every one of the $n addresses in content/ is on an allowed host"
else
	fail "addresses in content/ on hosts not in tests/sources-hosts.txt" \
	    "addresses found: $n" "$bad"
fi

# The check itself catches a copy site, whatever the case of its host.
printf '%s\n' '- [Rapport](https://PDFSlide.net/documents/x.html)' \
    '<source url="http://aassone.com/x.html">x</source>' >"$WORK/copy.md"
bad=$(unlisted "$WORK/copy.md" | sed 's#.*:##' | tr '\n' ' ')
if [ "$bad" = "pdfslide.net aassone.com " ]; then
	pass "a link to a copy site is caught"
else
	fail "a link to a copy site is caught" "got: $bad"
fi

# Every entry of a Sources part starts with its publisher, then a comma
# and the title: "Publisher, title".  The publishers are the institutions
# listed here.
PUBLISHERS='ASH|Actualités sociales hebdomadaires|Assemblée nationale|CNCDH|Commission européenne|Conseil de l’Europe|Département d’État des États-Unis|Fondation Scelles|GRETA|Plan d’action national contre la traite des êtres humains 2014-2016|Sénat'
for f in content/editions/*/sources.md; do
	bad=$(grep '^- ' "$f" | sed -E 's/^- \[?//' |
	    grep -vE "^($PUBLISHERS), [^ ]" || true)
	n=$(grep -c '^- ' "$f")
	if [ "$n" -gt 5 ] && [ -z "$bad" ]; then
		pass "$f: all $n entries name publisher and title"
	else
		fail "$f: entries without publisher and title" "$bad"
	fi
done

# flat: one line, every run of spaces (no-break and narrow no-break ones
# included, which the typography pass puts before « : ; ») one space.
flat() {
	sed 's/\xe2\x80\xaf/ /g; s/\xc2\xa0/ /g' | tr -s ' \n' '  '
}
# prefix N: the first N bytes of standard input, cut back to a whole
# UTF-8 character.
prefix() {
	head -c "$1" | iconv -c -f UTF-8 -t UTF-8 2>/dev/null
}

# The same entries, whole, in the built site and PDF of each edition.
"$BIN" build --quiet --content content --out "$WORK/out" --format html,pdf \
    2>"$WORK/build.err" || fail "build of content/" "$(cat "$WORK/build.err")"
for f in content/editions/*/sources.md; do
	y=$(basename "$(dirname "$f")")
	page=$WORK/out/$y/sources.html
	pdftotext -raw "$WORK/out/$y/rapport-$y.pdf" - 2>/dev/null | flat \
	    >"$WORK/pdf.txt"
	sed 's/<[^>]*>//g; s/&amp;/\&/g' "$page" | flat >"$WORK/site.txt"
	# The entry's text as a reader sees it: link and emphasis marks gone.
	grep '^- ' "$f" | sed -E 's/^- //; s/\]\([^)]*\)//; s/^\[//; s/\*//g' |
	    while IFS= read -r e; do printf '%s' "$e" | flat | prefix 60; echo
	    done >"$WORK/entries"
	miss_site= miss_pdf=
	while IFS= read -r e; do
		grep -qF "$e" "$WORK/site.txt" || miss_site="$miss_site$e|"
		# A PDF line may end hyphenated inside the title: compare the
		# first 40 bytes, publisher and the title's start.
		grep -qF "$(printf '%s' "$e" | prefix 40)" "$WORK/pdf.txt" ||
		    miss_pdf="$miss_pdf$e|"
	done <"$WORK/entries"
	if [ -z "$miss_site" ]; then pass "$y: every source entry in the site"
	else fail "$y: source entries missing from $page" "$miss_site"; fi
	if [ -z "$miss_pdf" ]; then pass "$y: every source entry in the PDF"
	else fail "$y: source entries missing from the PDF" "$miss_pdf"; fi
done
