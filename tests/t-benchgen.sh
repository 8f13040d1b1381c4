#!/bin/sh
# The benchmark's content generator (tests/bench/gencontent.c): what it
# writes is valid content, of the promised shape, and the same every time.
# (The benchmark itself, `make bench`, is not a test: it times things.)
. "$(dirname "$0")/lib.sh"

G=$WORK/gencontent
if ! cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror -o "$G" \
    "$TOP/tests/bench/gencontent.c" 2>"$WORK/cc.log"; then
	fail "gencontent compiles without warnings" "$(cat "$WORK/cc.log")"
	exit 0
fi
pass "gencontent compiles without warnings"

"$G" 1 "$WORK/k1" && "$G" 1 "$WORK/k1b" && "$G" 2 "$WORK/k2" &&
    "$G" -s 7 1 "$WORK/s7"
check "K = 1 passes check --werror" "$BIN" check --content "$WORK/k1" --werror
check "K = 2 passes check --werror" "$BIN" check --content "$WORK/k2" --werror
check "seed 7 passes check --werror" "$BIN" check --content "$WORK/s7" \
    --werror
check "same K, same seed: identical files" diff -r "$WORK/k1" "$WORK/k1b"
if diff -r "$WORK/k1" "$WORK/s7" >/dev/null 2>&1; then
	fail "another seed, other content"
else
	pass "another seed, other content"
fi
check "a measure reads the same whatever K" \
    cmp "$WORK/k1/editions/2016/measures/m05.md" \
    "$WORK/k2/editions/2016/measures/m05.md"

n=$(grep -c '<measure ' "$WORK/k2/plan.xml")
[ "$n" -eq 46 ] && pass "K = 2: 46 measures" || fail "K = 2: 46 measures" "$n"
n=$(grep -c '<priority ' "$WORK/k2/plan.xml")
o=$(grep -c '<objective ' "$WORK/k2/plan.xml")
[ "$n" -eq 3 ] && [ "$o" -eq 10 ] && pass "3 priorities, 5 objectives per K" ||
    fail "3 priorities, 5 objectives per K" "$n priorities, $o objectives"
ids=$(sed -n 's/.*<measure id="\([^"]*\)".*/\1/p' "$WORK/k2/plan.xml" |
    sed -n '1p;9p;46p' | tr '\n' ' ')
[ "$ids" = "m01 m09 m46 " ] && pass "measure ids m01, m09, m46" ||
    fail "measure ids m01, m09, m46" "$ids"
n=$(ls "$WORK/k2/indicators" | wc -l)
m=$(ls "$WORK/k2/editions/2015/measures" "$WORK/k2/editions/2016/measures" |
    grep -c '\.md$')
[ "$n" -eq 46 ] && [ "$m" -eq 92 ] &&
    pass "an indicator file and two narratives per measure" ||
    fail "an indicator file and two narratives per measure" "$n, $m"

# Narratives of about 350 words, with the Markdown a real one has.
w=$(cat "$WORK/k2"/editions/*/measures/*.md | wc -w)
avg=$((w / 92))
[ "$avg" -ge 300 ] && [ "$avg" -le 400 ] &&
    pass "narratives average 300-400 words ($avg)" ||
    fail "narratives average 300-400 words" "$avg"
f=$WORK/k2/editions/2016/measures
for what in '^## |headings' '^- |lists' '^    - |nested lists' \
    '^1\. |ordered lists' '^> |quotes' '\*\*[^*]*\*\*|strong emphasis' \
    ' \*[^* ][^*]*\*|emphasis' '\](https://|links' ' "[^"]*"|quotes to set' \
    ' : |colons to space'; do
	re=${what%%|*}
	n=$(cat "$f"/*.md | grep -c -- "$re")
	[ "$n" -gt 0 ] && pass "narratives have ${what#*|}" ||
	    fail "narratives have ${what#*|}"
done

# Indicators: 1 to 4 per file, some with categories, some illustrative.
bad=0
for x in "$WORK/k2"/indicators/*.xml; do
	n=$(grep -c '<indicator ' "$x")
	[ "$n" -ge 1 ] && [ "$n" -le 4 ] || bad=$((bad + 1))
done
[ "$bad" -eq 0 ] && pass "1 to 4 indicators per file" ||
    fail "1 to 4 indicators per file" "$bad files"
n=$(grep -l '<category ' "$WORK/k2"/indicators/*.xml | wc -l)
[ "$n" -gt 0 ] && pass "some indicators have categories ($n files)" ||
    fail "some indicators have categories"
n=$(grep -l 'illustrative="true"' "$WORK/k2"/indicators/*.xml | wc -l)
[ "$n" -gt 0 ] && pass "some values are illustrative ($n files)" ||
    fail "some values are illustrative"
n=$(grep -c '<assessment ' "$WORK/k2"/indicators/*.xml | grep -vc ':2$')
[ "$n" -eq 0 ] && pass "an assessment for 2015 and 2016 in every file" ||
    fail "an assessment for 2015 and 2016 in every file" "$n files"

check "K = 1 builds" "$BIN" build --content "$WORK/k1" --out "$WORK/out" \
    --styles "$TOP/styles" --quiet

# The Typst input the benchmark writes (tests/bench/md2typ.c): the same
# text, its structure kept, no character of it read as Typst markup.
T=$WORK/md2typ
if ! cc -std=c11 -D_GNU_SOURCE -O2 -Wall -Wextra -Werror \
    $(pkg-config --cflags libcmark) -o "$T" "$TOP/tests/bench/md2typ.c" \
    $(pkg-config --libs libcmark) 2>"$WORK/cc.log"; then
	fail "md2typ compiles without warnings" "$(cat "$WORK/cc.log")"
	exit 0
fi
pass "md2typ compiles without warnings"
cat >"$WORK/t.md" <<'MD'
## Titre #1

Texte *mis en avant*, **fort**, `code` et [lien](https://exemple.fr/a_b).
2016. = - + / < > @ $ [x] ~ _a_b\* suite
ligne.

- un
  - deux
- trois

1. premier
MD
"$T" 'Rapport "2016"' 'Partie' "$WORK/t.md" >"$WORK/t.typ"
cat >"$WORK/t.want" <<'TYP'
= Partie

== Titre \#1

Texte #emph[mis en avant], #strong[fort], #raw("code") et #link("https://exemple.fr/a_b")[lien]\. 2016\. \= \- \+ \/ \< \> \@ \$ \[x\] \~ \_a\_b\* suite ligne\.

- un
  - deux
- trois

+ premier

TYP
sed -n '/^= Partie/,$p' "$WORK/t.typ" >"$WORK/t.got"
check "md2typ: headings, inlines, lists, every markup character escaped" \
    diff "$WORK/t.want" "$WORK/t.got"
grep -q '^#set document(title: "Rapport \\"2016\\"")$' "$WORK/t.typ" &&
    pass "md2typ: the title as a Typst string" ||
    fail "md2typ: the title as a Typst string" "$(head -n 1 "$WORK/t.typ")"
