#!/bin/sh
# glibc's vsnprintf() made faster (gen/printf_fast.c) and the process's
# snprintf() through it (gen/snprintf.c): glibc's bytes on millions of
# values and cairo's calls done without glibc (tests/unit-printf.c); the
# tool defining the two functions cairo calls, for every library of the
# process; the sample's 2016 PDF and site the same bytes with every call
# sent to glibc (RAPPORTEUR_PRINTF=glibc, the test switch).
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1
tests/unit-printf
syms=$(nm -D "$BIN" | awk '$2 == "T" && ($3 == "snprintf" ||
    $3 == "__snprintf_chk") { print $3 }' | sort | tr '\n' ' ')
if [ "$syms" = "__snprintf_chk snprintf " ]; then
	pass "printf: the tool defines snprintf and __snprintf_chk for cairo"
else
	fail "printf: the tool defines snprintf and __snprintf_chk for cairo" \
	    "nm -D: $syms"
fi
build() {	# build OUT: the sample's 2016 PDF and site
	"$BIN" build --quiet --format html,pdf --year 2016 --content content \
	    --out "$WORK/$1"
}
pdf=2016/rapport-2016.pdf
if build fast 2>"$WORK/err" && RAPPORTEUR_PRINTF=glibc build glibc \
    2>>"$WORK/err"; then
	check "printf: the 2016 PDF the same bytes with glibc's printf" \
	    cmp "$WORK/fast/$pdf" "$WORK/glibc/$pdf"
	if [ -f "$WORK/fast/2016/index.html" ] &&
	    diff -r "$WORK/fast" "$WORK/glibc" >"$WORK/diff" 2>&1; then
		pass "printf: the 2016 site the same bytes with glibc's printf"
	else
		fail "printf: the 2016 site the same bytes with glibc's printf" \
		    "$(head -20 "$WORK/diff")"
	fi
else
	fail "printf: the 2016 PDF the same bytes with glibc's printf" \
	    "$(cat "$WORK/err")"
fi
