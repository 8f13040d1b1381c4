/*
 * The canvas on a cairo_t (see canvas.h): each operation is cairo's own.
 * The PDF's pages and the social card draw their charts through it.
 */
#include <math.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "canvas.h"

static cairo_t *
cr_of(struct canvas *cv)
{
	return ((struct canvas_cairo *)cv)->cr;
}

static void
cc_save(struct canvas *cv)
{
	cairo_save(cr_of(cv));
}

static void
cc_restore(struct canvas *cv)
{
	cairo_restore(cr_of(cv));
}

static void
cc_translate(struct canvas *cv, double dx, double dy)
{
	cairo_translate(cr_of(cv), dx, dy);
}

static void
cc_rotate(struct canvas *cv, double rad)
{
	cairo_rotate(cr_of(cv), rad);
}

static void
cc_source(struct canvas *cv, double r, double g, double b, double a)
{
	if (a >= 1)
		cairo_set_source_rgb(cr_of(cv), r, g, b);
	else
		cairo_set_source_rgba(cr_of(cv), r, g, b, a);
}

static void
cc_line_width(struct canvas *cv, double w)
{
	cairo_set_line_width(cr_of(cv), w);
}

static void
cc_dash(struct canvas *cv, const double *d)
{
	cairo_set_dash(cr_of(cv), d, d != NULL ? 2 : 0, 0);
}

static void
cc_cap(struct canvas *cv, enum canvas_cap c)
{
	cairo_set_line_cap(cr_of(cv), c == CANVAS_CAP_ROUND ?
	    CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
}

static void
cc_join(struct canvas *cv, enum canvas_join j)
{
	cairo_set_line_join(cr_of(cv), j == CANVAS_JOIN_ROUND ?
	    CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
}

static void
cc_move_to(struct canvas *cv, double x, double y)
{
	cairo_move_to(cr_of(cv), x, y);
}

static void
cc_line_to(struct canvas *cv, double x, double y)
{
	cairo_line_to(cr_of(cv), x, y);
}

static void
cc_rect(struct canvas *cv, double x, double y, double w, double h)
{
	cairo_rectangle(cr_of(cv), x, y, w, h);
}

static void
cc_circle(struct canvas *cv, double x, double y, double r)
{
	cairo_new_sub_path(cr_of(cv));
	cairo_arc(cr_of(cv), x, y, r, 0, 2 * M_PI);
}

static void
cc_fill(struct canvas *cv, int preserve)
{
	if (preserve)
		cairo_fill_preserve(cr_of(cv));
	else
		cairo_fill(cr_of(cv));
}

static void
cc_stroke(struct canvas *cv)
{
	cairo_stroke(cr_of(cv));
}

static void
cc_clip(struct canvas *cv)
{
	cairo_clip(cr_of(cv));
}

static void
cc_paint(struct canvas *cv)
{
	cairo_paint(cr_of(cv));
}

static void
cc_text(struct canvas *cv, PangoLayout *l, int outline)
{
	if (outline) {
		pango_cairo_layout_path(cr_of(cv), l);
		cairo_fill(cr_of(cv));
	} else
		pango_cairo_show_layout(cr_of(cv), l);
}

/*
 * t's glyphs on its baseline, t->baseline under the current point, at
 * the positions pango's layout of the line gives them: pango adds the
 * baseline to the current point as it reads it from cairo, and so does
 * the glyphs' vertical offset here (a point moved to the baseline would
 * be rounded by cairo first, and a glyph could land a pixel off).
 */
static void
cc_line(struct canvas *cv, const struct canvas_line *t)
{
	PangoGlyphString *g;
	int		  i, base = (int)lround(t->baseline * PANGO_SCALE);

	g = pango_glyph_string_copy((PangoGlyphString *)t->glyphs);
	for (i = 0; i < g->num_glyphs; i++)
		g->glyphs[i].geometry.y_offset += base;
	pango_cairo_show_glyph_string(cr_of(cv), t->font, g);
	pango_glyph_string_free(g);
}

static const struct canvas_ops cairo_ops = {
	cc_save, cc_restore, cc_translate, cc_rotate, cc_source,
	cc_line_width, cc_dash, cc_cap, cc_join, cc_move_to, cc_line_to,
	cc_rect, cc_circle, cc_fill, cc_stroke, cc_clip, cc_paint, cc_text,
	NULL		/* layouts only: their text goes into the PDF */
};

static const struct canvas_ops cairo_image_ops = {
	cc_save, cc_restore, cc_translate, cc_rotate, cc_source,
	cc_line_width, cc_dash, cc_cap, cc_join, cc_move_to, cc_line_to,
	cc_rect, cc_circle, cc_fill, cc_stroke, cc_clip, cc_paint, cc_text,
	cc_line
};

void
canvas_cairo_init(struct canvas_cairo *cc, cairo_t *cr)
{
	cc->cv.ops = &cairo_ops;
	cc->cr = cr;
}

void
canvas_cairo_init_image(struct canvas_cairo *cc, cairo_t *cr)
{
	cc->cv.ops = &cairo_image_ops;
	cc->cr = cr;
}
