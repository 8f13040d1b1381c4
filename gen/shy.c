/*
 * Drawing a pango line without its soft hyphens in the text layer (see
 * hyph.h).  The layouts of the PDF carry U+00AD at every break point
 * libhyphen finds: pango breaks lines only there.  Drawn as they are,
 * the soft hyphens would reach the PDF's text: an empty marked-content
 * span per break point (which cuts poppler's structure text), and, inside
 * a ligature (« insuf­fisante »: the ff glyph spans the soft hyphen), in
 * the words a reader copies or searches.  So each run of a line holding
 * one is drawn from a copy of its glyphs that maps to its text with the
 * soft hyphens taken out: same glyphs, same positions, clean clusters.
 */
#include <string.h>

#include <pango/pangocairo.h>

#include "report.h"
#include "extern.h"
#include "hyph.h"

#define SHY_LEN		2	/* bytes of U+00AD in UTF-8 */

/* The run's colour, or NULL for the one in force. */
static const PangoColor *
run_color(const PangoGlyphItem *run)
{
	GSList	*l;

	for (l = run->item->analysis.extra_attrs; l != NULL; l = l->next)
		if (((PangoAttribute *)l->data)->klass->type ==
		    PANGO_ATTR_FOREGROUND)
			return &((PangoAttrColor *)l->data)->color;
	return NULL;
}

/*
 * Draws run at the current point from a copy whose text (s, len bytes
 * of the layout's) has no soft hyphen.  The copy's arrays are freed
 * here; the item's analysis is borrowed.
 */
static void
show_clean(cairo_t *cr, const char *s, const PangoGlyphItem *run)
{
	const PangoGlyphString *gs = run->glyphs;
	PangoGlyphString *cg;
	PangoGlyphItem	 ci;
	PangoItem	 item;
	char		*t;
	int		*map, len = run->item->length, n = 0, i, k, nshy = 0;
	int		 lost = 0;

	/* map[i]: the clean offset of byte i of the run's text. */
	t = xmalloc((size_t)len + 1);
	map = xreallocarray(NULL, (size_t)len + 1, sizeof(*map));
	for (i = 0; i < len; ) {
		if (i + SHY_LEN <= len && memcmp(s + i, HYPH_SHY, SHY_LEN) == 0) {
			map[i] = map[i + 1] = n;
			i += SHY_LEN;
			nshy++;
			continue;
		}
		map[i] = n;
		t[n++] = s[i++];
	}
	map[len] = n;
	t[n] = '\0';

	/* The glyphs, less each soft hyphen's own (empty) one; were one to
	 * have a width, the glyph before takes it, so nothing moves. */
	cg = pango_glyph_string_new();
	pango_glyph_string_set_size(cg, gs->num_glyphs);
	for (i = 0, k = 0; i < gs->num_glyphs; i++) {
		int lc = gs->log_clusters[i];

		if (lc + SHY_LEN <= len &&
		    memcmp(s + lc, HYPH_SHY, SHY_LEN) == 0) {
			if (k > 0)
				cg->glyphs[k - 1].geometry.width +=
				    gs->glyphs[i].geometry.width;
			else
				lost += gs->glyphs[i].geometry.width;
			continue;
		}
		cg->glyphs[k] = gs->glyphs[i];
		cg->log_clusters[k] = map[lc];
		k++;
	}
	cg->num_glyphs = k;
	if (k > 0 && n > 0) {
		item = *run->item;
		item.offset = 0;
		item.length = n;
		item.num_chars = run->item->num_chars - nshy;
		ci.item = &item;
		ci.glyphs = cg;
		ci.y_offset = run->y_offset;
		ci.start_x_offset = 0;
		ci.end_x_offset = 0;
		if (lost != 0)
			cairo_rel_move_to(cr, (double)lost / PANGO_SCALE, 0);
		pango_cairo_show_glyph_item(cr, t, &ci);
	}
	pango_glyph_string_free(cg);
	free(map);
	free(t);
}

void
hyph_show_line(cairo_t *cr, PangoLayoutLine *ln)
{
	const char	*text = pango_layout_get_text(ln->layout);
	const PangoColor *c;
	PangoGlyphItem	*run;
	cairo_pattern_t	*src;
	GSList		*l;
	double		 x0, y0, x;

	cairo_get_current_point(cr, &x0, &y0);
	src = cairo_pattern_reference(cairo_get_source(cr));
	x = x0;
	for (l = ln->runs; l != NULL; l = l->next) {
		const char *s;

		run = l->data;
		s = text + run->item->offset;
		if ((c = run_color(run)) != NULL)
			cairo_set_source_rgb(cr, c->red / 65535.0,
			    c->green / 65535.0, c->blue / 65535.0);
		else
			cairo_set_source(cr, src);
		x += (double)run->start_x_offset / PANGO_SCALE;
		cairo_move_to(cr, x, y0 - (double)run->y_offset / PANGO_SCALE);
		if (memmem(s, (size_t)run->item->length, HYPH_SHY,
		    SHY_LEN) == NULL)
			pango_cairo_show_glyph_item(cr, text, run);
		else
			show_clean(cr, s, run);
		x += (double)(pango_glyph_string_get_width(run->glyphs) +
		    run->end_x_offset) / PANGO_SCALE;
	}
	cairo_set_source(cr, src);
	cairo_pattern_destroy(src);
	cairo_move_to(cr, x, y0);
}
