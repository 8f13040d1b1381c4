#!/bin/sh
# The shape of gen/, checked mechanically (issue 19): no function over 80
# lines; the site's text modules (html.c, chartdesc.c, csv.c, sitemap.c)
# include no cairo or pango header, even through another header; one
# UTF-8 decoder (gen/utf8.c), one JSON string escaper (gen/json.c), one
# XML escaper (gen/html_esc.c), one whole-file read loop (gen/file.c),
# one function deciding whether a status improved (report_change() in
# gen/report.c).  Each check is then run on a copy of gen/ with an
# offender planted, and must find it: a check that cannot fail is none.
# Last, the licence: LICENSE is the ISC licence, and the README and the
# manual page name it.
. "$(dirname "$0")/lib.sh"

MAXLEN=80
PKGS="libcmark libxml-2.0 cairo pangocairo pangoft2 fontconfig glib-2.0
    librsvg-2.0"

# Each check takes a folder holding gen/ and prints its offenders, one a
# line (nothing when there is none).

# Functions over MAXLEN lines, and whatever tests/funclen.awk cannot read.
long_functions() {
	(cd "$1" && awk -f "$TOP/tests/funclen.awk" gen/*.c) >"$WORK/fl" ||
	    echo "awk failed"
	grep ': unparsed: ' "$WORK/fl"
	awk -v max=$MAXLEN '$3 + 0 > max' "$WORK/fl"
	# As many definitions as bodies at column 0: none was skipped.
	nf=$(grep -c ' lines$' "$WORK/fl")
	nb=$(cat "$1"/gen/*.c | grep -c '^{')
	[ "$nf" -eq "$nb" ] && [ "$nf" -gt 0 ] ||
	    echo "$nf functions read, $nb bodies at column 0"
}

# cairo or pango headers reached from the text modules (cc -M follows
# every header, ours too).
drawing_headers() {
	for f in html chartdesc csv sitemap; do
		# shellcheck disable=SC2046
		cc -M -std=c11 -D_GNU_SOURCE $(pkg-config --cflags $PKGS) \
		    "$1/gen/$f.c" >"$WORK/dep" 2>&1 ||
		    { echo "gen/$f.c: cc -M failed"; continue; }
		tr ' \\' '\n\n' <"$WORK/dep" | grep -E '/(cairo|pango)' |
		    head -1 | sed "s|^|gen/$f.c includes |"
	done
}

# grep -n in gen/*.c but the files named, with paths relative to $1.
grep_gen() {
	dir=$1 re=$2
	shift 2
	# An expression grep cannot read is an offender, not a pass.
	(cd "$dir" && grep -nE -- "$re" gen/*.c 2>&1; [ $? -le 1 ] ||
	    echo "grep failed: $re") | while IFS= read -r l; do
		keep=1
		for f in "$@"; do
			case $l in gen/$f:*) keep=0 ;; esac
		done
		[ $keep -eq 1 ] && echo "$l"
	done
}

# A UTF-8 decoder gathers 6 bits a continuation byte: "<< 6".
utf8_decoders() { grep_gen "$1" '<<[[:space:]]*6([^0-9]|$)' utf8.c; }

# A JSON string escaper writes \u00XX: a C string holding \\u.
json_escapers() { grep_gen "$1" '"[^"]*\\\\u' json.c; }

# An XML escaper writes &amp; and &lt;.
xml_escapers() { grep_gen "$1" '&(amp|lt);' html_esc.c; }

# A whole-file read loop: a function that reads (read, fread) and appends
# to a struct buf.  Bodies are those tests/funclen.awk vouches for.
read_loops() {
	(cd "$1" && awk '
	/^[A-Za-z_][A-Za-z0-9_]*\(/ { start = FNR }
	/^{/ { rd = 0; put = 0 }
	/(^|[^A-Za-z0-9_])f?read\(/ { rd = 1 }
	/buf_put/ { put = 1 }
	/^}/ { if (rd && put && FILENAME != "gen/file.c")
		print FILENAME ":" start ": reads into a buffer"
		rd = put = 0 }
	' gen/*.c || echo "awk failed")
}

# Which way a status moved: CHANGE_BETTER or CHANGE_WORSE produced (not
# compared with), or a status's rank in the plan's scale (a pointer
# difference with ->scale).
status_deciders() {
	grep_gen "$1" '(return|[^=!<>]=|\?|:)[[:space:]]*CHANGE_(BETTER|WORSE)' \
	    report.c
	grep_gen "$1" \
	    ' -[[:space:]]+([A-Za-z_][A-Za-z0-9_]*(->|\.))*scale([^A-Za-z0-9_.[]|$)' \
	    report.c
}

checks="long_functions drawing_headers utf8_decoders json_escapers
    xml_escapers read_loops status_deciders"
for c in $checks; do
	out=$($c "$TOP")
	[ -z "$out" ] && pass "gen/: $c: none" || fail "gen/: $c: none" "$out"
done

# The same checks on a copy of gen/ with one offender planted each: every
# check finds its own, and only its own file is changed at a time.
plant=$WORK/plant
mkdir -p "$plant/gen"
cp "$TOP"/gen/*.c "$TOP"/gen/*.h "$plant/gen/"

# with_plant CHECK FILE TEXT: what CHECK prints with TEXT appended to
# gen/FILE of the copy (then put back as it was).
with_plant() {
	cp "$plant/gen/$2" "$WORK/saved"
	printf '%s\n' "$3" >>"$plant/gen/$2"
	$1 "$plant"
	cp "$WORK/saved" "$plant/gen/$2"
}

# plant CHECK FILE TEXT: CHECK must name gen/FILE once more than it does
# without TEXT.
plant() {
	before=$($1 "$plant" | grep -c "gen/$2")
	out=$(with_plant "$@")
	if [ "$(printf '%s\n' "$out" | grep -c "gen/$2")" -gt "$before" ]; then
		pass "$1 finds a planted offender in gen/$2"
	else
		fail "$1 finds a planted offender in gen/$2" "$out"
	fi
}

long=$(printf 'static int\nplanted(void)\n{\n\tint\tn = 0;\n\n'
for i in $(seq 74); do printf '\tn++;\n'; done
printf '\treturn n;\n}')
out=$(with_plant long_functions util.c "$long" | grep planted)
[ -z "$out" ] && pass "long_functions: an 80-line function passes" ||
    fail "long_functions: an 80-line function passes" "$out"
long=$(printf '%s\n' "$long" | sed '3a\
\tn--;')
plant long_functions util.c "$long"
plant long_functions buf.c 'static int planted(void)
{
	return 0;
}'
plant long_functions buf.c 'static int
planted(void) {
	return 0;
}'
plant drawing_headers csv.c '#include "font.h"'
plant drawing_headers sitemap.c '#include <cairo.h>'
plant utf8_decoders util.c 'unsigned planted(const unsigned char *u)
{ return (u[0] & 0x1fu) << 6 | (u[1] & 0x3fu); }'
plant json_escapers csv.c 'static void planted(struct buf *b, int c)
{ buf_printf(b, "\\u%04x", c); }'
plant xml_escapers sitemap.c 'static void planted(struct buf *b)
{ BUF_PUTSL(b, "&lt;"); }'
plant read_loops image.c 'static void
planted(FILE *f, struct buf *b)
{
	char	 chunk[512];
	size_t	 n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(b, chunk, n);
}'
plant status_deciders html.c 'static int
planted(int a, int b)
{
	return a < b ? CHANGE_BETTER : CHANGE_WORSE;
}'
plant status_deciders pdf.c 'static size_t
planted(const struct plan *pl, enum status st)
{
	return (size_t)(pl->status[st] - pl->scale);
}'

# The licence, named where a user looks.
if grep -q '^Permission to use, copy, modify, and distribute this software' \
    "$TOP/LICENSE" && grep -q 'WITH REGARD TO THIS SOFTWARE' "$TOP/LICENSE"
then pass "LICENSE: the ISC licence"
else fail "LICENSE: the ISC licence" "$(head -5 "$TOP/LICENSE")"; fi
if sed -n '/^## Licence$/,/^## /p' "$TOP/README.md" | grep -q 'ISC' &&
    sed -n '/^## Licence$/,/^## /p' "$TOP/README.md" | grep -q '`LICENSE`'
then pass "README: the licence named, and its file"
else fail "README: the licence named, and its file"; fi
if grep -q 'ISC licence' "$TOP/gen/rapporteur.1" &&
    grep -q '^\.Pa LICENSE' "$TOP/gen/rapporteur.1"
then pass "rapporteur.1: the licence named, and its file"
else fail "rapporteur.1: the licence named, and its file"; fi
