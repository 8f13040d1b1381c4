#!/bin/sh
# The process's hb_shape_full() (gen/shape.c), which cuts the pieces
# pango shapes again from the text shaped just before, and its colour
# glyph functions: every run of test texts as HarfBuzz's own gives, every
# glyph's colour layers as HarfBuzz tells them (tests/unit-shape.c); the
# tool defining the functions for every library of the process; the
# sub-font pango makes for each call behaving as its parent, which holds
# while no source sets PANGO_ATTR_SHOW; and the same bytes with every
# call sent to HarfBuzz (RAPPORTEUR_SHAPE=whole, the test switch): the
# sample, the English plan and the scripts content (Chinese, Arabic, a
# theme of its own), every format.
. "$(dirname "$0")/lib.sh"
cd "$TOP" || exit 1
tests/unit-shape
for fn in hb_shape_full hb_ot_color_glyph_get_layers hb_ot_color_has_png \
    hb_ot_color_has_svg; do
	if nm -D "$BIN" | awk -v f="$fn" '$2 == "T" && $3 == f' | grep -q .
	then
		pass "shape: the tool defines $fn for pango"
	else
		fail "shape: the tool defines $fn for pango" \
		    "$(nm -D "$BIN" | grep hb_)"
	fi
done
shows=$(grep -l 'attr_show_new\|PANGO_ATTR_SHOW' gen/*.c gen/*.h |
    grep -v '^gen/shape\.c$')
if [ -z "$shows" ]; then
	pass "shape: no source sets PANGO_ATTR_SHOW"
else
	fail "shape: no source sets PANGO_ATTR_SHOW" "$shows"
fi
for t in "sample|--content content" \
    "English plan|--content tests/plans/en" \
    "scripts|--content tests/scripts/content --styles tests/scripts/theme"
do
	# shellcheck disable=SC2086
	same_build "shape: ${t%%|*}, the same bytes shaped whole" \
	    RAPPORTEUR_SHAPE=whole "$BIN" ${t#*|}
done
