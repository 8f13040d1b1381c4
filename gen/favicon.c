/*
 * The site's icon: the theme's --icon, or three rising bars in its
 * --on-primary on its --primary (the masthead's colours), in a 32-unit
 * square with rounded corners.  One drawing for favicon.svg and the PNG
 * copies (32 px, and 180 px for phones' home screens), drawn with cairo
 * here so that the site's text (html.c) needs no drawing library.
 */
#include <math.h>
#include <stdlib.h>

#include <cairo.h>

#include "report.h"
#include "extern.h"
#include "backend.h"
#include "msg.h"
#include "logo.h"
#include "theme.h"

static const struct {
	int	 x, y, w, h;
} icon_bars[] = {
	{ 7, 18, 5, 8 }, { 14, 12, 5, 14 }, { 21, 6, 5, 20 },
};

static void
icon_svg(struct buf *b)
{
	const struct theme *th = theme_get();
	const struct logo *l = logo_get(LOGO_ICON);
	size_t		 i;

	if (l != NULL) {
		buf_put(b, l->svg.data, l->svg.len);
		return;
	}
	buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 32 32\"><rect width=\"32\" height=\"32\" "
	    "rx=\"6\" fill=\"#%06x\"/>", theme_hex(th->ink[INK_PRIMARY]));
	for (i = 0; i < sizeof(icon_bars) / sizeof(icon_bars[0]); i++)
		buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"#%06x\"/>", icon_bars[i].x,
		    icon_bars[i].y, icon_bars[i].w, icon_bars[i].h,
		    theme_hex(th->ink[INK_ON_PRIMARY]));
	BUF_PUTSL(b, "</svg>\n");
}

static cairo_status_t
icon_write(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void
icon_source(cairo_t *cr, struct rgb c)
{
	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* The bars of the theme's colours in a px × px square of cr. */
static void
icon_bars_draw(cairo_t *cr, int px)
{
	const struct theme *th = theme_get();
	double		 r = 6;
	size_t		 i;

	cairo_scale(cr, px / 32.0, px / 32.0);
	cairo_new_sub_path(cr);
	cairo_arc(cr, 32 - r, r, r, -M_PI / 2, 0);
	cairo_arc(cr, 32 - r, 32 - r, r, 0, M_PI / 2);
	cairo_arc(cr, r, 32 - r, r, M_PI / 2, M_PI);
	cairo_arc(cr, r, r, r, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
	icon_source(cr, th->ink[INK_PRIMARY]);
	cairo_fill(cr);
	icon_source(cr, th->ink[INK_ON_PRIMARY]);
	for (i = 0; i < sizeof(icon_bars) / sizeof(icon_bars[0]); i++)
		cairo_rectangle(cr, icon_bars[i].x, icon_bars[i].y,
		    icon_bars[i].w, icon_bars[i].h);
	cairo_fill(cr);
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
	else
		icon_bars_draw(cr, px);
	cairo_destroy(cr);
	ok = ok && cairo_surface_write_to_png_stream(s, icon_write, b) ==
	    CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	return ok;
}

/*
 * icon_draw_png(), once per size and process: the site writes the same
 * icons at its root and in each edition, and they depend only on the
 * theme and the icon, which are loaded once per process too.  libpng
 * trying its five filters on every row made each copy cost as much as
 * ten pages.  The copies kept live with the process.
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
