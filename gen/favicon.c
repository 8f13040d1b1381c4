/*
 * The site's icon: the theme's --icon; else its logo fitted into a
 * 32-unit square of --background with rounded corners, ICON_PAD from its
 * sides; else three rising bars in --on-primary on --primary (the
 * masthead's colours).  One drawing for favicon.svg and the PNG copies
 * (32 px, and 180 px for phones' home screens).
 *
 * Drawn with cairo here so that the site's text (html.c) needs no
 * drawing library.
 */
#include <math.h>
#include <stdlib.h>

#include <cairo.h>
#include <glib.h>		/* base64 for the icon's logo */

#include "report.h"
#include "extern.h"
#include "backend.h"
#include "png.h"
#include "msg.h"
#include "logo.h"
#include "theme.h"

#define ICON_PAD	2	/* [32nds] around the logo */

static const struct {
	int	 x, y, w, h;
} icon_bars[] = {
	{ 7, 18, 5, 8 }, { 14, 12, 5, 14 }, { 21, 6, 5, 20 },
};

/* The logo as an <image> of the icon's square: its file's bytes (a
 * PNG's copy at twice the size) in a data: address, the one kind of
 * address an SVG drawn as an image, as favicons are, may load. */
static void
icon_svg_logo(struct buf *b, const struct logo *l)
{
	const struct buf *d = l->kind == IMG_PNG ? &l->data2x : &l->data;
	gchar		*enc;

	enc = g_base64_encode((const guchar *)d->data, d->len);
	buf_printf(b, "<image x=\"%d\" y=\"%d\" width=\"%d\" "
	    "height=\"%d\" href=\"data:image/%s;base64,", ICON_PAD, ICON_PAD,
	    32 - 2 * ICON_PAD, 32 - 2 * ICON_PAD,
	    l->kind == IMG_PNG ? "png" : "svg+xml");
	buf_puts(b, enc);
	BUF_PUTSL(b, "\"/>");
	g_free(enc);
}

static void
icon_svg(struct buf *b)
{
	const struct theme *th = theme_get();
	const struct logo *l = logo_get(LOGO_ICON);
	size_t		 i;

	if (l != NULL) {
		buf_put(b, l->data.data, l->data.len);
		return;
	}
	l = logo_get(LOGO_MAIN);
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" "
	    "rx=\"6\" fill=\"#%06x\"/>", theme_hex(th->ink[l != NULL ?
	    INK_BACKGROUND : INK_PRIMARY]));
	if (l != NULL)
		icon_svg_logo(b, l);
	else
		for (i = 0; i < sizeof(icon_bars) / sizeof(icon_bars[0]); i++)
			buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"#%06x\"/>", icon_bars[i].x,
			    icon_bars[i].y, icon_bars[i].w, icon_bars[i].h,
			    theme_hex(th->ink[INK_ON_PRIMARY]));
	BUF_PUTSL(b, "</svg>\n");
}

/* The icon's rounded square in c, on cr scaled to 32 units. */
static void
icon_tile(cairo_t *cr, struct rgb c)
{
	double		 r = 6;

	cairo_new_sub_path(cr);
	cairo_arc(cr, 32 - r, r, r, -M_PI / 2, 0);
	cairo_arc(cr, 32 - r, 32 - r, r, 0, M_PI / 2);
	cairo_arc(cr, r, 32 - r, r, M_PI / 2, M_PI);
	cairo_arc(cr, r, r, r, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
	cairo_fill(cr);
}

/* The icon with no --icon, on cr scaled to 32 units: the logo on the
 * theme's background, or the bars of its colours. */
static int
icon_own_draw(cairo_t *cr)
{
	const struct theme *th = theme_get();
	struct rgb	 c = th->ink[INK_ON_PRIMARY];
	size_t		 i;

	if (logo_get(LOGO_MAIN) != NULL) {
		icon_tile(cr, th->ink[INK_BACKGROUND]);
		return logo_draw(LOGO_MAIN, cr, ICON_PAD, ICON_PAD,
		    32 - 2 * ICON_PAD, 32 - 2 * ICON_PAD);
	}
	icon_tile(cr, th->ink[INK_PRIMARY]);
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
	for (i = 0; i < sizeof(icon_bars) / sizeof(icon_bars[0]); i++)
		cairo_rectangle(cr, icon_bars[i].x, icon_bars[i].y,
		    icon_bars[i].w, icon_bars[i].h);
	cairo_fill(cr);
	return 1;
}

/* The icon as a PNG of px × px pixels, appended to b.  Returns 0 if
 * cairo or librsvg failed. */
static int
icon_draw_png(struct buf *b, int px)
{
	cairo_surface_t	*s;
	cairo_t		*cr;
	int		 ok = 1;

	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px, px);
	cr = cairo_create(s);
	if (logo_get(LOGO_ICON) != NULL)
		ok = logo_draw(LOGO_ICON, cr, 0, 0, px, px);
	else {
		cairo_scale(cr, px / 32.0, px / 32.0);
		ok = icon_own_draw(cr);
	}
	cairo_destroy(cr);
	ok = ok && png_write(s, b);
	cairo_surface_destroy(s);
	return ok;
}

/*
 * icon_draw_png(), once per size and process: the site writes the same
 * icons at its root and in each edition, and they depend only on the
 * theme and the icon, which are loaded once per process too.  The
 * copies kept live with the process.
 */
static int
icon_png(struct buf *b, int px)
{
	static struct {
		int		 px;
		struct buf	 png;
	} made[2];			/* favicon.png, apple-touch-icon.png */
	size_t		 i, start = b->len;

	for (i = 0; i < sizeof(made) / sizeof(made[0]); i++)
		if (made[i].px == px) {
			buf_put(b, made[i].png.data, made[i].png.len);
			return 1;
		} else if (made[i].px == 0)
			break;
	if (!icon_draw_png(b, px))
		return 0;
	if (i < sizeof(made) / sizeof(made[0])) {
		made[i].px = px;
		buf_put(&made[i].png, b->data + start, b->len - start);
	}
	return 1;
}

/* The icon as a PNG of px × px pixels, dir/name. */
static int
write_png(struct outdir *od, const char *dir, const char *name, int px)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*rel;
	int		 rc;

	rel = xasprintf("%s/%s", dir, name);
	if (!(rc = icon_png(&b, px)))
		diag_sys_msg(MSG_ICON, rel);
	rc = rc && out_write(od, rel, b.data, b.len);
	free(rel);
	buf_free(&b);
	return rc;
}

int
favicon_write(struct outdir *od, const char *dir)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*rel;
	int		 rc;

	icon_svg(&b);
	rel = xasprintf("%s/favicon.svg", dir);
	rc = out_write(od, rel, b.data, b.len);
	free(rel);
	buf_free(&b);
	return rc && write_png(od, dir, "favicon.png", 32) &&
	    write_png(od, dir, "apple-touch-icon.png", 180);
}
