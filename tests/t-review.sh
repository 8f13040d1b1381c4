#!/bin/sh
# The review page of a draft: a copy of the fixture seeded with known
# problems gives exactly the expected revue.json, and revue.html lists them.
. "$(dirname "$0")/lib.sh"

c=$WORK/content
cp -R "$TOP/tests/fixtures/mini" "$c"
# A 2015 edition, so that statuses can change.
cp -R "$c/editions/2016" "$c/editions/2015"
sed -i 's/year="2016"/year="2015"/; s/date="2017-07-06"/date="2016-03-10"/' \
    "$c/editions/2015/edition.xml"
for m in m01 m02 m03; do
	sed -i 's|</indicators>|  <assessment year="2015" status="not-implemented">Avant.</assessment>\n</indicators>|' \
	    "$c/indicators/$m.xml"
done
sed -i 's/status="not-implemented">Avant/status="partial">Avant/' "$c/indicators/m03.xml"
# A marker, a short narrative, a missed target, a missing value.
printf '\nTODO : vérifier le chiffre de 2015.\n' >> "$c/editions/2016/measures/m02.md"
for m in m01 m02; do
	for i in 1 2 3; do
		printf '\nUn paragraphe de plus pour allonger ce récit et laisser le troisième loin derrière, avec des mots.\n' \
		    >> "$c/editions/2016/measures/$m.md"
	done
done
sed -i 's|<source>Source d’essai</source>|<source>Source d’essai</source>\n    <target year="2016" value="20"/>|' "$c/indicators/m01.xml"
sed -i '/<value year="2016"/d' "$c/indicators/m02.xml"

cd "$WORK" || exit 1
if "$BIN" build --quiet --draft --format html --content content --out out 2>err; then
	pass "seeded content builds"
else
	fail "seeded content builds" "$(cat err)"
fi
[ -n "$REGEN" ] && cp out/2016/revue.json "$TOP/tests/review/expected.json"
if diff -u "$TOP/tests/review/expected.json" out/2016/revue.json >diff; then
	pass "revue.json lists the known problems"
else
	fail "revue.json lists the known problems" "$(cat diff)"
fi
check "revue.html lists the marker with path:line" \
    grep -q '<code>content/editions/2016/measures/m02.md:[0-9]*</code> TODO' out/2016/revue.html
check "revue.html lists the status change" \
    grep -q 'Mesure 1 : Non réalisée → Partiellement réalisée (progrès)' out/2016/revue.html
check "revue.json is valid JSON" node -e 'JSON.parse(require("fs").readFileSync("out/2016/revue.json", "utf8"))'

# The review page is the draft's: in the site's layout, not indexed, no
# inline style; linked from the draft banner of every page.
check "revue.html: the site's header, style sheets and noindex" \
    sh -c 'grep -q "<header class=\"masthead\">" out/2016/revue.html &&
    grep -q "assets/site.css" out/2016/revue.html &&
    grep -q "<meta name=\"robots\" content=\"noindex, nofollow\">" out/2016/revue.html &&
    ! grep -qi "<style\|style=" out/2016/revue.html'
n=$(grep -L 'href="revue.html">Points à revoir' out/2016/*.html | grep -v revue.html)
if [ -z "$n" ]; then pass "every draft page links the review page"
else fail "every draft page links the review page" "$n"; fi

# A final build publishes no review.
rm -rf out
"$BIN" build --quiet --format html --content content --out out 2>err
if [ -f out/2016/index.html ] && ! ls out/2016 | grep -q '^revue\.' &&
    ! grep -rq --exclude=404.html 'revue\.html\|noindex' out; then
	pass "a final build: no revue.html, no revue.json, nothing noindex"
else
	fail "a final build: no revue.html, no revue.json, nothing noindex" \
	    "$(ls out/2016 | grep revue)" "$(grep -rl 'revue\.html\|noindex' out)"
fi

# revue.json from content full of multi-byte characters: a marker's line
# longer than the 120 bytes quoted, with a byte that is not UTF-8 in it,
# raw HTML quoted in a warning, a file name that is not UTF-8.  It is
# valid JSON and UTF-8, each quote cut between characters.
u=$WORK/utf8
cp -R "$TOP/tests/fixtures/mini" "$u"
e3=$(awk 'BEGIN { for (i = 0; i < 60; i++) printf "€" }')
printf '## Titre\n\nTODO \377 : x%s fin.\n\nTexte <b title="x%s">gras</b> 😀.\n' \
    "$e3" "$e3" > "$u/editions/2016/measures/m02.md"
printf 'x\n' > "$u/editions/2016/$(printf 'brouillon-\351t\351.md')"
if "$BIN" build --quiet --draft --format html --content "$u" --out "$WORK/uout" \
    2>"$WORK/u.err" && python3 -m json.tool "$WORK/uout/2016/revue.json" \
    >/dev/null && python3 - "$WORK/uout/2016/revue.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8", errors="strict"))
items = d if isinstance(d, list) else [v for v in d.values() if isinstance(v, list)][0]
txt = json.dumps(d, ensure_ascii=False)
assert "TODO \ufffd : x€" in txt and "brouillon-\ufffdt\ufffd.md" in txt, txt
marker = [i for i in items if "TODO" in json.dumps(i, ensure_ascii=False)]
assert marker, items
PY
then pass "revue.json: valid JSON and UTF-8 from multi-byte and broken content"
else fail "revue.json: valid JSON and UTF-8 from multi-byte and broken content" \
    "$(cat "$WORK/u.err")"; fi
