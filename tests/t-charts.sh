#!/bin/sh
# Charts: unit tests (ticks, numbers, theme, words, the SVG canvas and
# its text), then the SVG files of tests/charts/content (one indicator per
# edge case) and of the sample content: valid XML, rendered by
# rsvg-convert, accessible, ids unique, text as <text> (no glyph
# outlines), values cut at the edition year, golden files, and two
# builds byte-identical; each chart's narrow variant, its text 11 CSS px
# or more at 320 px and no two texts overlapping (tests/charts/narrow.py).
# REGEN=1 rewrites the golden files.
. "$(dirname "$0")/lib.sh"

FX=$TOP/tests/charts/content
GOLD=$TOP/tests/charts/golden
NNBSP=$(printf '\342\200\257')
NBSP=$(printf '\302\240')
MINUS=$(printf '\342\210\222')

# ---- unit tests (their own ok / not ok lines) ----
if [ -x "$TOP/tests/unit-chart" ]; then
	(cd "$TOP" && tests/unit-chart) || true
else
	fail "unit-chart is built (make tests/unit-chart)"
fi

# ---- builds ----
build() {	# build CONTENT OUT [more options]
	c=$1 o=$2
	shift 2
	(cd "$WORK" && "$BIN" build --content "$c" --out "$o" \
	    --styles "$TOP/styles" --format svg --quiet "$@")
}
check "fixture builds (svg)" build "$FX" "$WORK/a" --jobs 1
TZ=Pacific/Auckland LANG=fr_FR.UTF-8 LC_ALL= check \
    "fixture builds again (other TZ, locale, jobs)" \
    build "$FX" "$WORK/b" --jobs 2
if diff -r "$WORK/a" "$WORK/b" >"$WORK/diff" 2>&1; then
	pass "two builds give identical SVG bytes"
else
	fail "two builds give identical SVG bytes" "$(head -20 "$WORK/diff")"
fi
check "sample content builds (svg)" build "$TOP/content" "$WORK/c"

# ---- every indicator has its chart, plus the edition charts ----
count_files() {	# count_files CONTENT OUT
	for y in $(ls "$1/editions"); do
		want=$(grep -h -o '<indicator id="[^"]*"' "$1"/indicators/*.xml |
		    wc -l)
		got=$(ls "$2/$y/charts" | grep -v -e '^statuts.svg$' \
		    -e '^progression.svg$' -e '-etroit\.svg$' | wc -l)
		# Each chart's narrow variant, 190 pt wide.
		narrow=$(for f in "$2/$y"/charts/*.svg; do
			case $f in *-etroit.svg) continue ;; esac
			grep -q '<svg [^>]*width="190pt"' \
			    "${f%.svg}-etroit.svg" 2>/dev/null || echo "$f"
		done)
		if [ "$want" -eq "$got" ] && [ -z "$narrow" ] &&
		    [ -f "$2/$y/charts/statuts.svg" ] &&
		    [ -f "$2/$y/charts/progression.svg" ] &&
		    [ -f "$2/$y/synthese-$y.svg" ]; then
			pass "$(basename "$1") $y: $got indicator charts, statuts, progression, each with its narrow variant; synthese"
		else
			fail "$(basename "$1") $y: every chart written" \
			    "want $want indicator charts, got $got" \
			    "no narrow variant 190 pt wide: $narrow"
		fi
	done
}
count_files "$FX" "$WORK/a"
count_files "$TOP/content" "$WORK/c"

# ---- each SVG file ----
svg_ok() {	# svg_ok FILE: prints what is wrong
	f=$1
	xmllint --noout --nonet "$f" 2>&1 | head -3
	rsvg-convert -o "$WORK/x.png" "$f" 2>&1 | head -3
	[ -s "$WORK/x.png" ] || echo "no PNG"
	rm -f "$WORK/x.png"
	# <title> and <desc> first, role and aria-labelledby on the root.
	tr -d '\n' <"$f" | grep -q '<svg [^>]*viewBox="0 0 [0-9.]* [0-9.]*"[^>]*><title id="[a-z0-9-]*-title">[^<][^<]*</title><desc id="[a-z0-9-]*-desc">[^<][^<]*</desc>' ||
	    echo "no viewBox, <title> or <desc> first"
	grep -q '<svg [^>]*role="img" aria-labelledby="[a-z0-9-]*-title [a-z0-9-]*-desc"' "$f" ||
	    echo "no role or aria-labelledby"
	grep -o ' id="[^"]*"' "$f" | sort | uniq -d | sed 's/^/duplicate/'
	# Every reference points at an id of the file.
	grep -o -e 'href="#[^"]*"' -e 'url(#[^)]*)' "$f" |
	    sed -e 's/^href="#//' -e 's/"$//' -e 's/^url(#//' -e 's/)$//' |
	    sort -u >"$WORK/refs"
	grep -o ' id="[^"]*"' "$f" | sed 's/^ id="//; s/"$//' | sort -u \
	    >"$WORK/ids"
	comm -23 "$WORK/refs" "$WORK/ids" | sed 's/^/dangling reference /'
	# Paint as presentation attributes: a page or server whose
	# Content-Security-Policy forbids inline styles (the site's) drops
	# style="…", and the shapes would turn black.
	grep -q ' style="' "$f" && echo "inline style"
	# cairo's own names are gone.
	grep -q -e 'id="glyph' -e 'id="surface' -e 'id="clip[0-9]' "$f" &&
	    echo "cairo ids left"
	# A reasonable size.
	[ "$(wc -c <"$f")" -lt 2000000 ] || echo "larger than 2 MB"
}
for out in a c; do
	n=0 bad=
	for f in $(find "$WORK/$out" -name '*.svg' | sort); do
		n=$((n + 1))
		msg=$(svg_ok "$f")
		[ -n "$msg" ] && bad="$bad
${f#$WORK/}: $msg"
	done
	if [ -z "$bad" ]; then
		pass "$out: $n SVG files valid, rendered, accessible, ids unique and resolved"
	else
		fail "$out: SVG files valid, rendered, accessible" "$bad"
	fi
	for y in $(ls "$WORK/$out"); do
		[ -d "$WORK/$out/$y/charts" ] || continue
		d=$(cat "$WORK/$out/$y"/charts/*.svg "$WORK/$out/$y"/*.svg |
		    grep -o ' id="[^"]*"' | sort | uniq -d | head -3)
		if [ -z "$d" ]; then
			pass "$out $y: no id shared by two charts (inlining is safe)"
		else
			fail "$out $y: no id shared by two charts" "$d"
		fi
	done
done

# ---- text is text: <text> elements, not glyph outlines ----
has_text() {	# has_text NAME FILE TEXT...: each TEXT is a whole <text>
	name=$1 f=$2
	shift 2
	for t in "$@"; do
		if ! grep -q "<text [^>]*textLength=\"[0-9.]*\" lengthAdjust=\"spacingAndGlyphs\">$t</text>" "$f"; then
			fail "$name" "no <text> \"$t\" with textLength in ${f#$WORK/}"
			return
		fi
	done
	pass "$name"
}
has_text "labels are <text>: title, French numbers with U+202F" \
    "$WORK/a/2016/charts/m01-extremes.svg" \
    "Un milliard et quatre millièmes, 2014-2016" \
    "1${NNBSP}000${NNBSP}000${NNBSP}000" "250${NNBSP}000${NNBSP}000" \
    "Source${NBSP}: Source d’essai"
has_text "sample: value labels and year labels are <text>" \
    "$WORK/c/2016/charts/m02-victimes-identifiees-police.svg" \
    "1${NNBSP}118" "712" "2016" "personnes"
has_text "a long category label wraps into two <text> lines" \
    "$WORK/a/2016/charts/m03-categories-longues.svg" \
    "Exploitation sexuelle, y compris la" \
    "prostitution forcée et la pornographie"
has_text "an ellipsized label shows what is drawn, ending with …" \
    "$WORK/a/2016/synthese-2016.svg" \
    "Priorité II · Répartitions par catégorie, avec un intitulé de priorité assez long pour devoir …"
for out in a c; do
	bad=
	for f in $(find "$WORK/$out" -name '*.svg' | sort); do
		nt=$(grep -o '<text ' "$f" | wc -l)
		nl=$(grep -o '<text [^>]*textLength="[0-9.]*" lengthAdjust="spacingAndGlyphs"' "$f" | wc -l)
		if grep -q -e '<symbol' -e 'glyph' "$f"; then
			bad="$bad ${f#$WORK/}:glyphs"
		elif grep -q 'fill:rgb(100%,0%,100%)' "$f"; then
			bad="$bad ${f#$WORK/}:placeholder-left"
		elif [ "$nt" -lt 3 ] || [ "$nt" -ne "$nl" ]; then
			bad="$bad ${f#$WORK/}:$nt-texts-$nl-with-textLength"
		elif ! grep -q "<svg [^>]* font-family=\"'Noto Sans', sans-serif\"><title" "$f"; then
			bad="$bad ${f#$WORK/}:no-font-family"
		fi
	done
	if [ -z "$bad" ]; then
		pass "$out: no glyph outline, every <text> with textLength, Noto Sans first"
	else
		fail "$out: no glyph outline, every <text> with textLength" "$bad"
	fi
done
# Drawing order kept: a reference line's label comes after the white
# box drawn under it, not at the end of the file.
if tr -d '\n' <"$WORK/a/2016/charts/m02-lacune.svg" |
    grep -q 'fill-opacity="0.85" d="[^"]*"/><text [^>]*>Référence 2011'"$NBSP"': 15</text><path'; then
	pass "text in drawing order (a label over its box, under what follows)"
else
	fail "text in drawing order"
fi
check "draft build (svg)" build "$FX" "$WORK/e" --draft
if grep -q '<text transform="matrix(0.9239 -0.3827 0.3827 0.9239 [0-9.]* [0-9.]*)" font-size="110" font-weight="bold" fill="#b34700" fill-opacity="0.12" [^>]*>PROJET</text>' \
    "$WORK/e/2016/synthese-2016.svg"; then
	pass "draft mark: rotated, translucent <text>"
else
	fail "draft mark: rotated, translucent <text>"
fi

# ---- edge cases: what the text alternative states ----
desc() {	# desc FILE: the <desc> text
	tr -d '\n' <"$1" | sed -n 's/.*<desc id="[^"]*">\([^<]*\)<\/desc>.*/\1/p'
}
title() {
	tr -d '\n' <"$1" | sed -n 's/.*<title id="[^"]*">\([^<]*\)<\/title>.*/\1/p'
}
expect_desc() {	# expect_desc NAME FILE TEXT: desc is exactly TEXT
	got=$(desc "$WORK/a/$2")
	if [ "$got" = "$3" ]; then pass "$1"
	else fail "$1" "got:  $got" "want: $3"; fi
}
expect_in_desc() {	# expect_in_desc NAME FILE TEXT...: desc has each
	name=$1 f=$2
	shift 2
	got=$(desc "$WORK/a/$f")
	for t in "$@"; do
		case $got in
		*"$t"*) ;;
		*) fail "$name" "no \"$t\" in: $got"; return ;;
		esac
	done
	pass "$name"
}
expect_desc "one value" 2016/charts/m01-une-valeur.svg \
    "1${NNBSP}826 personnes en 2015."
expect_desc "all zeros" 2016/charts/m01-zeros.svg \
    "De 0 mesure en 2014 à 0 en 2016 (0 en 2015)."
expect_in_desc "negative values" 2016/charts/m01-negatifs.svg \
    "De ${MINUS}3,5${NNBSP}% en 2012" "${MINUS}0,8${NNBSP}% en 2014"
expect_in_desc "1e9 and 0.004 in one series" 2016/charts/m01-extremes.svg \
    "1${NNBSP}000${NNBSP}000${NNBSP}000 personnes en 2014" \
    "0,004 en 2015"
expect_desc "only a target" 2016/charts/m02-cible-seule.svg \
    "Aucune donnée jusqu’en 2016${NNBSP}; cible 500 en 2016."
expect_desc "no value" 2016/charts/m02-aucune.svg \
    "Aucune donnée jusqu’en 2016."
expect_in_desc "a year gap, illustrative values, baseline, target" \
    2016/charts/m02-lacune.svg "${NNBSP}; aucune valeur en 2012 et 2015" \
    "41 (valeur illustrative) en 2016" "référence 15 en 2011" \
    "cible 50 en 2016 (illustrative)"
expect_in_desc "12 categories: every full label in the description" \
    2016/charts/m03-categories-longues.svg \
    "En 2015${NBSP}: Exploitation sexuelle, y compris la prostitution forcée et la pornographie 313 personnes" \
    "Exploitation par le travail dans l’agriculture, le bâtiment et la restauration 64" \
    "Prélèvement d’organes (aucune valeur)" \
    "Autres formes d’exploitation non précisées par les services enquêteurs 9"
expect_in_desc "stacked categories with a missing year" \
    2016/charts/m03-empile.svg "En 2012${NBSP}: Femmes majeures 60${NNBSP}%" \
    "${NNBSP}; aucune valeur en 2013"
expect_in_desc "euros" 2016/charts/m03-budget.svg \
    "De 2,76${NNBSP}M€ en 2013 à 4,98${NNBSP}M€ en 2015"
expect_desc "values after the edition year are cut" \
    2015/charts/m02-apres-edition.svg \
    "De 5 dossiers en 2014 à 8 en 2015${NNBSP}; cible 20 en 2016."
t=$(title "$WORK/a/2015/charts/m02-apres-edition.svg")
if [ "$t" = "Des valeurs après l’année de l’édition, 2014-2015" ]; then
	pass "title stops at the edition year"
else
	fail "title stops at the edition year" "got: $t"
fi
expect_in_desc "status overview" 2016/charts/statuts.svg \
    "Statut des 3 mesures en 2016${NBSP}: réalisée 1, partiellement réalisée 1, en cours 1, non réalisée 0, information insuffisante 0." \
    "Priorité I${NBSP}: réalisée, mesure 1${NNBSP}; en cours, mesure 2."
expect_in_desc "progress across editions" 2016/charts/progression.svg \
    "en 2015${NBSP}: réalisée 0, partiellement réalisée 1, en cours 0, non réalisée 1, information insuffisante 1${NNBSP}; en 2016"
expect_in_desc "synthesis sheet" 2016/synthese-2016.svg \
    "Chiffres clés${NBSP}: 2 sur 3 mesures réalisées ou partiellement réalisées"
if grep -q 'width="841.89pt" height="595.28pt"' "$WORK/a/2016/synthese-2016.svg"
then pass "synthesis sheet is A4 landscape"
else fail "synthesis sheet is A4 landscape"; fi

# Sample content: a chart's description carries its data.
got=$(desc "$WORK/c/2016/charts/m02-victimes-identifiees-police.svg")
if [ "$got" = "De 712 personnes en 2015 à 1${NNBSP}118 en 2016." ]; then
	pass "sample: description states the data"
else
	fail "sample: description states the data" "got: $got"
fi

# ---- narrow variants: text large enough, no two texts overlapping ----
# 7.5 units of a 190 pt drawing shown 280 CSS px wide: 11.05 px.
narrow=$(find "$WORK/a" "$WORK/c" -name '*-etroit.svg' | sort)
if python3 "$TOP/tests/charts/narrow.py" 7.5 $narrow >"$WORK/narrow" 2>&1
then
	pass "narrow variants ($(echo "$narrow" | wc -l)): text 7.5 units or more (11 CSS px at 320 px), no overlap"
else
	fail "narrow variants: text 7.5 units or more, no overlap" \
	    "$(head -20 "$WORK/narrow")"
fi
# The check bites: a text drawn twice, and text under a higher minimum.
f=$(echo "$narrow" | head -1)
sed '0,/<text [^>]*>[^<]*<\/text>/s//&&/' "$f" >"$WORK/twice.svg"
python3 "$TOP/tests/charts/narrow.py" 7.5 "$WORK/twice.svg" >"$WORK/n1" 2>&1
python3 "$TOP/tests/charts/narrow.py" 10 "$f" >"$WORK/n2" 2>&1
if grep -q ' overlap$' "$WORK/n1" && grep -q ' units high$' "$WORK/n2"; then
	pass "narrow variants: the check finds overlapping and small text"
else
	fail "narrow variants: the check finds overlapping and small text" \
	    "$(cat "$WORK/n1" "$WORK/n2")"
fi

# ---- paths written in device space, with no matrix (gen/canvas_svg.c:
# fewer numbers to print; under the heading's translation too) ----
n=$(cat "$WORK"/a/*/charts/*.svg "$WORK"/a/*/synthese-*.svg |
    grep -c '<path [^>]*transform=')
s=$(cat "$WORK"/a/*/charts/*.svg | grep -c '<path [^>]*stroke="#')
if [ "$n" -eq 0 ] && [ "$s" -gt 100 ]; then
	pass "no path of a chart carries a matrix ($s strokes)"
else fail "no path of a chart carries a matrix" \
	"$n of $s strokes do"; fi

# ---- a chart's grid lines are one path (gen/chart.c grid_stroke) ----
bad=
multi=0
for f in "$WORK"/a/*/charts/*.svg; do
	case $f in */progression*) continue ;; esac
	g=$(grep -c '<path [^>]*stroke-width="0.6"' "$f")
	[ "$g" -le 1 ] || bad="$bad $(basename "$f"):$g"
	grep -q '<path [^>]*stroke-width="0.6"[^>]* d="M [^"]* M [^"]* M ' \
	    "$f" && multi=$((multi + 1))
done
if [ -z "$bad" ] && [ "$multi" -gt 5 ]; then
	pass "grid lines: one path a chart ($multi with three lines or more)"
else fail "grid lines: one path a chart" "more than one:$bad" \
	"charts with a grid of three lines or more: $multi"; fi

# ---- golden files (pinned fonts: byte for byte) ----
for g in 2016/charts/m02-lacune.svg 2016/charts/m01-negatifs.svg \
    2015/charts/m03-categories-longues.svg 2016/charts/m02-cible-seule.svg \
    2016/charts/m03-empile.svg 2016/charts/statuts.svg; do
	gf=$GOLD/$(echo "$g" | tr '/' '-')
	if [ -n "$REGEN" ]; then
		mkdir -p "$GOLD"
		cp "$WORK/a/$g" "$gf"
	fi
	if cmp -s "$WORK/a/$g" "$gf"; then
		pass "golden $g"
	else
		fail "golden $g (REGEN=1 sh tests/t-charts.sh to accept)" \
		    "$(diff "$gf" "$WORK/a/$g" 2>&1 | head -5)"
	fi
done

# ---- no theme file: the defaults, same drawing ----
# (but the social card: the logo is the one thing with no default)
mkdir -p "$WORK/nostyles"
(cd "$WORK" && "$BIN" build --content "$FX" --out "$WORK/d" \
    --styles "$WORK/nostyles" --format svg --quiet)
if diff -r -x 'partage-*.png' "$WORK/a" "$WORK/d" >/dev/null 2>&1; then
	pass "without styles/theme.css, the default theme draws the same"
else
	fail "without styles/theme.css, the default theme draws the same"
fi
