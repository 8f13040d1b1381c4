#!/bin/sh
# The two CSV copies of an edition's data opened in LibreOffice Calc
# (headless, Debian's libreoffice-calc-nogui): each converted to ODS with
# the text import settings a reader picks for it — the RFC 4180 copy with
# ',' and English numbers, the spreadsheet copy with ';' and French ones,
# both UTF-8 — then every cell compared by tests/calc/cells.py with the
# file as Python's csv module reads it: the 18 columns and their names,
# numbers as number cells (decimals included), accented text intact.
# The same comparison must fail on a copy opened with the wrong settings
# (separator, decimal mark, charset), so that a pass means something.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1

if ! command -v soffice >/dev/null 2>&1; then
	fail "calc: LibreOffice Calc installed (make deps)"
	exit 0
fi
OUT=$WORK/out
if ! "$BIN" build --format html --content content --out "$OUT" --quiet \
    2>"$WORK/build.err"; then
	fail "calc: the sample content builds" "$(head -20 "$WORK/build.err")"
	exit 0
fi
year=$(ls content/editions | sort | tail -1)
csv=$OUT/$year/data/indicateurs-$year.csv
sheet=$OUT/$year/data/indicateurs-$year-tableur.csv
h='edition,mesure,indicateur,libelle,categorie,categorie_libelle,annee,valeur,unite,illustratif,remarque,reference_annee,reference_valeur,cible_annee,cible_valeur,source,source_url,licence'

# to_ods NAME FILE OPTIONS: FILE converted into $WORK/NAME/; its own
# profile, so that nothing depends on the user's settings or another Calc.
# OPTIONS: separator, quote, charset (76: UTF-8), first line, column
# formats (none), language (1033 English US, 1036 French).
to_ods() {
	HOME=$WORK/home soffice --headless --norestore \
	    "-env:UserInstallation=file://$WORK/profile" \
	    --infilter="CSV:$3" --convert-to ods --outdir "$WORK/$1" "$2" \
	    >"$WORK/$1.log" 2>&1
	f=$WORK/$1/$(basename "$2" .csv).ods
	[ -f "$f" ] || echo "# no ODS: $(tail -3 "$WORK/$1.log")" >&2
	echo "$f"
}

# cells NAME ODS FILE SEPARATOR DECIMAL: the comparison, its figures in
# the test's name.
cells() {
	if python3 tests/calc/cells.py "$2" "$3" "$4" "$5" "$h" \
	    >"$WORK/cells.log" 2>&1; then
		pass "$1 ($(cat "$WORK/cells.log"))"
	else
		fail "$1" "$(cat "$WORK/cells.log")"
	fi
}

cells "calc: the RFC 4180 CSV opens in LibreOffice Calc as it is" \
    "$(to_ods rfc "$csv" 44,34,76,1,,1033)" "$csv" , .
cells "calc: the spreadsheet CSV (';', BOM, decimal comma) opens in LibreOffice Calc as it is" \
    "$(to_ods sheet "$sheet" 59,34,76,1,,1036)" "$sheet" ';' ,
# must_fail NAME FILE OPTIONS SEPARATOR DECIMAL PATTERN: FILE opened
# with the wrong settings fails the comparison, and says PATTERN.
must_fail() {
	ods=$(to_ods "wrong-$2" "$3" "$4")
	if python3 tests/calc/cells.py "$ods" "$3" "$5" "$6" "$h" \
	    >"$WORK/wrong.log" 2>&1; then
		fail "$1" "$(cat "$WORK/wrong.log")"
	elif grep -q "$7" "$WORK/wrong.log"; then
		pass "$1"
	else
		fail "$1" "$(cat "$WORK/wrong.log")"
	fi
}

must_fail "calc: the comparison fails on the RFC copy read with ';' (one column)" \
    sep "$csv" 59,34,76,1,,1036 , . "^header \['edition,mesure,"
must_fail "calc: the comparison fails on the spreadsheet copy read with English numbers" \
    dec "$sheet" 59,34,76,1,,1033 ';' , "^row [0-9]*, column 8: '[0-9]*,[0-9]*' read as ('string'"
must_fail "calc: the comparison fails on the spreadsheet copy read as ISO 8859-1" \
    latin "$sheet" 59,34,12,1,,1036 ';' , "read as ('string', None, '.*Ã"
