#!/bin/sh
# Long names and titles are written whole: a measure and a priority title
# of 480 bytes of two-byte letters (the loader's limit is 500), and a
# front part whose file name has 60 letters (the limit is 64 bytes, past
# the buffers these once went through), through the site's <title>, the
# sitemap and a narrative's link to it.
. "$(dirname "$0")/lib.sh"
cp -R "$TOP/tests/fixtures/mini" "$WORK/content"
cd "$WORK/content" || exit 1
long=$(printf 'é%.0s' $(seq 235))
slug=$(printf 'a%.0s' $(seq 60))
sed -i "s|<title>Mesure un</title>|<title>Mesure $long</title>|" plan.xml
sed -i "s|<title>Identifier les victimes</title>|<title>Priorité $long</title>|" \
    plan.xml
mv editions/2016/avant-propos.md "editions/2016/$slug.md"
sed -i "s|avant-propos.md|$slug.md|" editions/2016/edition.xml
printf '\nVoir [l’avant-propos](../%s.md).\n' "$slug" \
    >>editions/2016/measures/m01.md
cd "$WORK" || exit 1
check "long titles: build" "$BIN" build --quiet --content content --out out \
    --format html --base-url https://example.org/rapports
title=$(sed -n 's|.*<title>\(.*\)</title>.*|\1|p' out/2016/mesure-01.html)
case $title in
*"Mesure $long"*) pass "a measure title of 480 bytes is whole in <title>" ;;
*) fail "a measure title of 480 bytes is whole in <title>" \
    "$(printf '%s' "$title" | tail -c 80)" ;;
esac
title=$(sed -n 's|.*<title>\(.*\)</title>.*|\1|p' out/2016/priorite-1.html)
case $title in
*"Priorité $long"*) pass "a priority title of 480 bytes is whole in <title>" ;;
*) fail "a priority title of 480 bytes is whole in <title>" \
    "$(printf '%s' "$title" | tail -c 80)" ;;
esac
if grep -q "<loc>https://example.org/rapports/2016/$slug.html</loc>" \
    out/sitemap.xml && [ -f "out/2016/$slug.html" ]; then
	pass "a part named with 60 letters: page and sitemap entry whole"
else
	fail "a part named with 60 letters: page and sitemap entry whole" \
	    "$(grep aaaa out/sitemap.xml)"
fi
if grep -q "href=\"$slug.html\">l’avant-propos</a>" out/2016/mesure-01.html
then
	pass "a link to a part named with 60 letters: whole"
else
	fail "a link to a part named with 60 letters: whole" \
	    "$(grep -o 'href="aaaa[^"]*"' out/2016/mesure-01.html)"
fi

# The styles folder: a theme past 1 MiB and a style sheet that is a
# folder are refused with a message naming them, and nothing is written.
mkdir -p "$WORK/styles-big" "$WORK/styles-dir/site.css"
cp "$TOP/styles/theme.css" "$TOP/styles/site.css" "$TOP/styles/logo.svg" \
    "$TOP/styles/icon.svg" "$WORK/styles-big/"
cp "$TOP/styles/theme.css" "$TOP/styles/logo.svg" "$TOP/styles/icon.svg" \
    "$WORK/styles-dir/"
head -c 1100000 /dev/zero | tr '\0' ' ' >>"$WORK/styles-big/theme.css"
"$BIN" build --quiet --content "$TOP/tests/fixtures/mini" --format html \
    --styles "$WORK/styles-big" --out "$WORK/out-big" 2>"$WORK/err"
st=$?
if [ $st = 3 ] && grep -q 'styles-big/theme.css: file too large' "$WORK/err" &&
    [ ! -e "$WORK/out-big" ]; then
	pass "a theme past 1 MiB: refused, status 3, nothing written"
else
	fail "a theme past 1 MiB: refused, status 3, nothing written" \
	    "status $st" "$(cat "$WORK/err")"
fi
"$BIN" build --quiet --content "$TOP/tests/fixtures/mini" --format html \
    --styles "$WORK/styles-dir" --out "$WORK/out-dir" 2>"$WORK/err"
st=$?
if [ $st = 3 ] && grep -q 'styles-dir/site.css: not a regular file' \
    "$WORK/err" && [ ! -e "$WORK/out-dir" ]; then
	pass "a style sheet that is a folder: refused, status 3"
else
	fail "a style sheet that is a folder: refused, status 3" \
	    "status $st" "$(cat "$WORK/err")"
fi
