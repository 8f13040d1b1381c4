#!/bin/sh
# Numbers never follow the process locale: the C-locale conversions
# (tests/unit-cnum.c), then a whole build of content/ by a program that
# calls setlocale(LC_ALL, "") under LC_ALL=fr_FR.UTF-8, where the C
# library writes a decimal comma (tests/locale-main.c): its output is
# byte-identical to gen/rapporteur's under the C locale.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1
tests/unit-cnum
"$BIN" build --quiet --content content --out "$WORK/c/out" \
    >"$WORK/c.log" 2>&1 || fail "build in the C locale" "$(cat "$WORK/c.log")"
if LOCALE_MAIN_COMMA=1 LC_ALL=fr_FR.UTF-8 tests/rapporteur-locale build \
    --quiet --content content --out "$WORK/fr/out" >"$WORK/fr.log" 2>&1; then
	pass "build with setlocale(LC_ALL, \"\") under fr_FR.UTF-8"
else
	fail "build with setlocale(LC_ALL, \"\") under fr_FR.UTF-8" \
	    "$(head -c 2000 "$WORK/fr.log")"
fi
if diff -r "$WORK/c/out" "$WORK/fr/out" >"$WORK/diff" 2>&1; then
	pass "output under fr_FR.UTF-8 byte-identical to the C locale's"
else
	fail "output under fr_FR.UTF-8 byte-identical to the C locale's" \
	    "$(head -c 2000 "$WORK/diff")"
fi
