#!/bin/sh
# check in every output format, on one broken copy of tests/fixtures/mini:
# an error at a line and column, a warning, a message with characters a
# workflow command must escape (%), and a problem of a whole file (a
# narrative missing: no line).  Each output must be exactly
# tests/forge/expected.<format>; the JSON ones must parse; a GitLab
# fingerprint must not change when the problem only moves.
# REGEN=1 rewrites the golden files from the current output (review the diff!).
. "$(dirname "$0")/lib.sh"

cd "$WORK" || exit 1
cp -R "$TOP/tests/fixtures/mini" content
sed -i 's|<value year="2014">10</value>|<value year="2014">dix</value>|' content/indicators/m01.xml
sed -i 's|<value year="2015">12.5</value>|<value year="2015">12.5%</value>|' content/indicators/m02.xml
printf '# Titre\n\nTexte.\n' > content/editions/2016/measures/m01.md
rm content/editions/2016/measures/m03.md

for f in gcc json github gitlab; do
	"$BIN" check --content content --format $f >stdout.$f 2>stderr.$f
	st=$?
	# gcc goes to stderr, the others to stdout.
	if [ $f = gcc ]; then got=stderr.$f other=stdout.$f
	else got=stdout.$f other=stderr.$f; fi
	[ -n "$REGEN" ] && cp $got "$TOP/tests/forge/expected.$f"
	if [ $st != 1 ] || [ -s $other ]; then
		fail "check --format $f: status 1, one stream" "status $st" "$(cat $other)"
	elif ! diff -u "$TOP/tests/forge/expected.$f" $got >diff; then
		fail "check --format $f: golden" "$(cat diff)"
	else
		pass "check --format $f: golden"
	fi
done

check "check --format github: a file-level problem is annotated on the file" \
    grep -qx '::error file=content/editions/2016/measures/m03.md::missing narrative of measure 3 for the 2016 edition' stdout.github
check "check --format github: % escaped" grep -q '::not a number: "12.5%25"$' stdout.github
check "check --format gitlab: a valid Code Quality report" node -e '
	const d = JSON.parse(require("fs").readFileSync("stdout.gitlab", "utf8"));
	const fp = new Set();
	for (const i of d) {
		if (typeof i.description !== "string" || i.check_name !== "rapporteur" ||
		    !/^[0-9a-f]{32}$/.test(i.fingerprint) ||
		    !["major", "minor"].includes(i.severity) ||
		    typeof i.location.path !== "string" ||
		    !(i.location.lines.begin >= 1)) throw new Error(JSON.stringify(i));
		fp.add(i.fingerprint);
	}
	if (d.length !== 4 || fp.size !== 4) throw new Error("fingerprints");'
check "check --format json: valid JSON" node -e 'JSON.parse(require("fs").readFileSync("stdout.json", "utf8"))'

# A problem that only moved (a line inserted above it) keeps its
# fingerprint; its line follows.
sed -i '1a\
<!-- une ligne de plus -->' content/indicators/m01.xml
"$BIN" check --content content --format gitlab >moved.gitlab 2>/dev/null
check "check --format gitlab: fingerprints stable when lines move" node -e '
	const fs = require("fs");
	const a = JSON.parse(fs.readFileSync("stdout.gitlab", "utf8"));
	const b = JSON.parse(fs.readFileSync("moved.gitlab", "utf8"));
	if (JSON.stringify(a.map(i => i.fingerprint)) !== JSON.stringify(b.map(i => i.fingerprint)))
		throw new Error("fingerprint changed");
	if (b[0].location.lines.begin !== a[0].location.lines.begin + 1)
		throw new Error("line");'

# Nothing to say: the empty forms, status 0.
"$BIN" check --content "$TOP/tests/fixtures/mini" --format github >clean.github 2>&1; st=$?
[ $st = 0 ] && [ ! -s clean.github ] && pass "check --format github: clean content, no output" || fail "check --format github: clean content, no output" "status $st"
"$BIN" check --content "$TOP/tests/fixtures/mini" --format gitlab >clean.gitlab 2>&1; st=$?
[ $st = 0 ] && [ "$(cat clean.gitlab)" = "[]" ] && pass "check --format gitlab: clean content, []" || fail "check --format gitlab: clean content, []" "status $st"
