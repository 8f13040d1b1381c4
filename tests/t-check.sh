#!/bin/sh
# Bad input: every folder of tests/bad/ holds a `setup` script that breaks a
# copy of tests/fixtures/mini, the exact diagnostics `check` must print
# (`expected`) and its exit status (`status`).  A build of the same content
# must fail the same way and leave no output folder behind.
# REGEN=1 rewrites the golden files from the current output (review the diff!).
. "$(dirname "$0")/lib.sh"

for dir in "$TOP"/tests/bad/*/; do
	name=$(basename "$dir")
	case=$WORK/$name
	mkdir -p "$case"
	cp -R "$TOP/tests/fixtures/mini" "$case/content"
	(cd "$case/content" && sh "$dir/setup") >"$case/setup.log" 2>&1 || {
		fail "bad/$name: setup" "$(cat "$case/setup.log")"
		continue
	}
	(cd "$case" && "$BIN" check --content content) >"$case/stdout" \
	    2>"$case/stderr"
	st=$?
	if [ -n "$REGEN" ]; then
		cp "$case/stderr" "$dir/expected"
		echo "$st" > "$dir/status"
	fi
	if [ "$st" != "$(cat "$dir/status")" ]; then
		fail "bad/$name: exit status" "got $st, want $(cat "$dir/status")" "$(cat "$case/stderr")"
	elif ! diff -u "$dir/expected" "$case/stderr" >"$case/diff"; then
		fail "bad/$name: diagnostics" "$(cat "$case/diff")"
	else
		pass "bad/$name"
	fi
	# The build refuses the same content and writes nothing.
	if [ "$st" = 1 ]; then
		(cd "$case" && "$BIN" build --quiet --content content \
		    --out out) >/dev/null 2>&1
		bst=$?
		if [ "$bst" != 1 ] || [ -e "$case/out" ] || \
		    ls "$case" | grep -q '^out\.tmp'; then
			fail "bad/$name: build writes nothing" "status $bst" "$(ls "$case")"
		else
			pass "bad/$name: build writes nothing"
		fi
	fi
done

# Schema faults are told in the tool's words, never libxml2's.
n=$(ls -d "$TOP"/tests/bad/schema-*/ | wc -l)
if [ "$n" -ge 20 ]; then pass "$n golden schema faults"
else fail "at least 20 golden schema faults" "$n"; fi
if cat "$TOP"/tests/bad/*/expected | grep -E \
    'Element |Did not expect|Expecting|failed to validate|Invalid attribute|Error validating|extra content|Type .* doesn|does not match its schema' \
    >"$WORK/libxml2.txt"; then
	fail "no message in libxml2's wording" "$(cat "$WORK/libxml2.txt")"
else
	pass "no message in libxml2's wording"
fi

# Every element and attribute of the schemas is documented in README.md
# (as <name> or name="...").
for rng in "$TOP"/gen/schema/*.rng; do
	for el in $(grep -o '<element name="[^"]*"' "$rng" | sed 's/.*="//; s/"//' | sort -u); do
		grep -q "<$el[ >/]" "$TOP/README.md" || echo "element <$el> of $(basename "$rng")"
	done
	for at in $(grep -o '<attribute name="[^"]*"' "$rng" | sed 's/.*="//; s/"//' | sort -u); do
		grep -q " $at=\"" "$TOP/README.md" || echo "attribute $at of $(basename "$rng")"
	done
done >"$WORK/undoc.txt"
if [ -s "$WORK/undoc.txt" ]; then fail "schemas documented in README.md" "$(cat "$WORK/undoc.txt")"
else pass "schemas documented in README.md"; fi

# The sample content and the test fixture are clean: no error, no warning.
check "content/ checks clean" sh -c "cd '$TOP' && '$BIN' check --werror --content content"
check "fixture checks clean" sh -c "cd '$TOP' && '$BIN' check --werror --content tests/fixtures/mini"

# Command line and output formats.
cd "$WORK" || exit 1
"$BIN" check --content nowhere 2>err; st=$?
if [ $st = 2 ] && [ "$(cat err)" = "nowhere: error: no content folder here" ]
then pass "missing content folder: usage error"
else fail "missing content folder: usage error" "status $st" "$(cat err)"; fi

"$BIN" frobnicate >/dev/null 2>&1; st=$?
[ $st = 2 ] && pass "unknown command: status 2" || fail "unknown command: status 2" "status $st"
"$BIN" build --year 16 --content "$TOP/content" >/dev/null 2>&1; st=$?
[ $st = 2 ] && pass "bad --year: status 2" || fail "bad --year: status 2" "status $st"
"$BIN" check --format xml --content "$TOP/content" >/dev/null 2>&1; st=$?
[ $st = 2 ] && pass "bad --format: status 2" || fail "bad --format: status 2" "status $st"
check "--help" sh -c "'$BIN' --help | grep -q 'rapporteur check'"
check "--version" sh -c "'$BIN' --version | grep -q '^rapporteur [0-9]'"

# --werror: a warning alone fails the check.
cp -R "$TOP/tests/fixtures/mini" warn
printf '# Titre\n\nTexte.\n' > warn/editions/2016/measures/m01.md
"$BIN" check --content warn 2>/dev/null; st=$?
[ $st = 0 ] && pass "warning alone: status 0" || fail "warning alone: status 0" "status $st"
"$BIN" check --werror --content warn 2>/dev/null; st=$?
[ $st = 1 ] && pass "--werror: status 1" || fail "--werror: status 1" "status $st"

# JSON diagnostics: an array on stdout that a program can read.
cp -R "$TOP/tests/fixtures/mini" json
sed -i 's|<value year="2014">10</value>|<value year="2014">dix</value>|' json/indicators/m01.xml
"$BIN" check --format json --content json >out.json 2>err.json; st=$?
if [ $st = 1 ] && [ ! -s err.json ] && node -e '
	const d = JSON.parse(require("fs").readFileSync("out.json", "utf8"));
	const e = d[0];
	if (d.length !== 1 || e.file !== "json/indicators/m01.xml" ||
	    e.line !== 7 || e.column !== 5 || e.level !== "error" ||
	    e.message !== "not a number: \"dix\"") process.exit(1);'
then pass "check --format json"
else fail "check --format json" "status $st" "$(cat out.json err.json)"; fi

# JSON diagnostics quoting content full of multi-byte characters, cut
# where a byte count would split one (40 and 60 bytes), and a file name
# that is not UTF-8: the output is valid JSON and UTF-8, every quote cut
# between characters.
cp -R "$TOP/tests/fixtures/mini" utf8
e3=$(awk 'BEGIN { for (i = 0; i < 40; i++) printf "€" }')
printf '## Titre\n\nTexte <b title="x%s">gras</b> et [lien](ftp://x%s) 😀.\n' \
    "$e3" "$e3" > utf8/editions/2016/measures/m02.md
printf 'x\n' > "utf8/editions/2016/$(printf 'brouillon-\351t\351.md')"
"$BIN" check --format json --content utf8 >utf8.json 2>utf8.err; st=$?
if [ $st = 1 ] && [ ! -s utf8.err ] &&
    python3 -m json.tool utf8.json >/dev/null && python3 - utf8.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8", errors="strict"))
m = [e["message"] for e in d]
assert len(d) == 4, d
assert any(x.startswith('raw HTML <b> is not allowed, shown as text: <b title="x€') and
           x.endswith("€…") for x in m), m
assert any(x.startswith('link "ftp://x€') and x.count("€") == 17 and
           "€…\"" in x for x in m), m
assert all("\ufffd" not in x for x in m), m
assert any(e["file"] == "utf8/editions/2016/brouillon-\ufffdt\ufffd.md" for e in d), d
PY
then pass "check --format json: valid JSON and UTF-8, quotes cut between characters"
else fail "check --format json: valid JSON and UTF-8" "status $st" "$(cat utf8.json utf8.err)"; fi

# An element of the wrong name, 201 bytes long, an odd count before its
# two-byte letters: named cut between characters, with "...".
cp -R "$TOP/tests/fixtures/mini" qname
n=x$(awk 'BEGIN { for (i = 0; i < 100; i++) printf "é" }')
sed -i "s|<indicators measure=\"m01\">|&\\n  <$n/>|" qname/indicators/m01.xml
"$BIN" check --content qname >qname.out 2>&1
if grep -q "^qname/indicators/m01.xml:3:3: error: <xéé*\.\.\.> is not allowed" \
    qname.out && python3 -c 'import sys
open(sys.argv[1], encoding="utf-8", errors="strict").read()' qname.out
then pass "check: a long element name cut between characters"
else fail "check: a long element name cut between characters" \
    "$(head -c 300 qname.out)"; fi

# An unreadable file (permissions only bind a user other than root).
cp -R "$TOP/tests/fixtures/mini" unreadable
chmod 000 unreadable/indicators/m02.xml
chmod 755 "$WORK"
if [ "$(id -u)" = 0 ]; then
	# A copy of the tool the other user can run, wherever the clone is.
	cp "$BIN" "$WORK/rapporteur" && chmod 755 "$WORK/rapporteur"
	setpriv --reuid=65534 --regid=65534 --clear-groups \
	    "$WORK/rapporteur" check --content unreadable 2>err; st=$?
else
	"$BIN" check --content unreadable 2>err; st=$?
fi
if [ $st = 1 ] && grep -q '^unreadable/indicators/m02.xml: error: cannot read: Permission denied$' err
then pass "unreadable file"
else fail "unreadable file" "status $st" "$(cat err)"; fi

# Output that cannot be written is a system error, not a silent loss.
"$BIN" check --format json --content "$TOP/content" >/dev/full 2>err; st=$?
if [ $st = 3 ] && grep -q 'standard output' err; then pass "check --format json to a full disk: status 3"
else fail "check --format json to a full disk: status 3" "status $st" "$(cat err)"; fi
"$BIN" tree --content "$TOP/tests/fixtures/mini" >/dev/full 2>err; st=$?
[ $st = 3 ] && pass "tree to a full disk: status 3" || fail "tree to a full disk: status 3" "status $st"

# Content large enough to load on several threads, broken in many files:
# the same diagnostics, in the same order, whatever --jobs.
cp -R "$TOP/content" threads
sed -i 's/<indicator /<indicatr /' threads/indicators/m03.xml
sed -i 's/measure="m09"/measure="m10"/' threads/indicators/m09.xml
rm threads/indicators/m12.xml
cp threads/indicators/m01.xml threads/indicators/x1.xml
for f in threads/editions/2016/measures/m0[2-7].md \
    threads/editions/2015/measures/m1[0-5].md threads/editions/2016/sources.md; do
	printf '\n# Titre\n\n<div>x</div>\n\n[a](b.md) ![](c.png) [d](ftp://e)\n' >>"$f"
done
rm threads/editions/2016/measures/m20.md
echo x >threads/editions/2016/measures/m99.md
echo x >threads/editions/2015/stray.md
for j in 1 2 4; do
	"$BIN" check --jobs $j --content threads >threads.$j.out 2>threads.$j.err
	echo $? >>threads.$j.err
	"$BIN" check --jobs $j --format json --content threads >>threads.$j.out 2>&1
done
if [ "$(wc -l <threads.1.err)" -gt 60 ] && cmp -s threads.1.err threads.2.err &&
    cmp -s threads.1.err threads.4.err && cmp -s threads.1.out threads.2.out &&
    cmp -s threads.1.out threads.4.out
then pass "check: diagnostics in the same order whatever --jobs"
else fail "check: diagnostics in the same order whatever --jobs" \
    "$(diff threads.1.err threads.2.err | head -20)"; fi
