/*
 * The publisher's logo (--logo of theme.css) and icon (--icon), files of
 * the styles folder loaded once per process: an SVG drawn as vectors
 * through svgdraw.c, or for the logo a PNG whose copy at twice its size
 * (theme_logo_2x()) is the one drawn, one cairo surface, so that a PDF
 * embeds it once however many pages show it.  The logo is drawn on the
 * PDF's cover and running heads, on the social card and, with no icon,
 * in the favicon; the icon as the favicon's PNG copies; the site links a
 * copy of each file.
 *
 * Memory: the process owns what is loaded until exit, as it owns the
 * theme.  librsvg's handle is not to be drawn from two threads at once:
 * logo_draw() holds the lock.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>

#include <cairo.h>

#include "report.h"
#include "extern.h"
#include "msg.h"
#include "theme.h"
#include "svgdraw.h"
#include "logo.h"

static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static int		 loaded;
static struct logo	 logos[LOGO__MAX];
static struct svgdraw	*sds[LOGO__MAX];	/* an SVG's */
static cairo_surface_t	*pngs[LOGO__MAX];	/* a PNG's copy at 2x */

/* An SVG at path into logos[k] and sds[k]. */
static int
load_svg(const char *path, enum logo_kind k)
{
	struct file_fail ff;
	enum svgdraw_err err;

	if (!file_get(path, MAX_SVG_BYTES, &logos[k].data, &ff)) {
		file_diag_sys(path, &ff);
		return 0;
	}
	if ((err = svgdraw_load(logos[k].data.data, logos[k].data.len,
	    &sds[k], &logos[k].w, &logos[k].h)) != SVGDRAW_OK) {
		diag_sys_msg(MSG_PATH_ERRNO, path, svgdraw_strerror(err));
		return 0;
	}
	return 1;
}

/* The PNG file at path into b, decoded into *s (the caller destroys
 * it).  theme_check() has checked it: a failure is the system's. */
static int
load_png_file(const char *path, struct buf *b, cairo_surface_t **s)
{
	struct file_fail ff;

	if (!file_get(path, MAX_FILE_SIZE, b, &ff)) {
		file_diag_sys(path, &ff);
		return 0;
	}
	*s = image_png_surface(b->data, b->len);
	if (cairo_surface_status(*s) != CAIRO_STATUS_SUCCESS) {
		diag_sys_msg(MSG_PATH_ERRNO, path, "cannot be decoded");
		return 0;
	}
	return 1;
}

/* A PNG logo named name at path and its copy at twice the size into
 * logos[k] and pngs[k]; its size is the 1x file's. */
static int
load_png(const char *styles, const char *path, enum logo_kind k,
    const char *name)
{
	struct logo	*l = &logos[k];
	cairo_surface_t	*one = NULL;
	char		*path2;
	int		 ok;

	l->name2x = theme_logo_2x(name);
	path2 = theme_file_path(styles, l->name2x);
	ok = load_png_file(path, &l->data, &one) &&
	    load_png_file(path2, &l->data2x, &pngs[k]);
	if (ok) {
		l->w = cairo_image_surface_get_width(one);
		l->h = cairo_image_surface_get_height(one);
	} else if (pngs[k] != NULL) {
		cairo_surface_destroy(pngs[k]);
		pngs[k] = NULL;
	}
	if (one != NULL)
		cairo_surface_destroy(one);
	free(path2);
	return ok;
}

/* One of them, named name ("" for none), into logos[k]. */
static int
load_one(const char *styles, enum logo_kind k, const char *name,
    const char *alt)
{
	char		*path;
	int		 ok;

	if ((path = theme_file_path(styles, name)) == NULL)
		return 1;
	logos[k].kind = image_kind(name);
	ok = logos[k].kind == IMG_PNG ? load_png(styles, path, k, name) :
	    load_svg(path, k);
	if (ok) {
		logos[k].name = name;
		logos[k].alt = alt;
	}
	free(path);
	return ok;
}

int
logo_load(const char *styles)
{
	const struct theme *t = theme_get();
	int		 rc = 1;

	pthread_mutex_lock(&lock);
	if (!loaded)
		rc = load_one(styles, LOGO_MAIN, t->logo, t->logo_alt) &
		    load_one(styles, LOGO_ICON, t->icon, "");
	loaded = 1;
	pthread_mutex_unlock(&lock);
	return rc;
}

const struct logo *
logo_get(enum logo_kind k)
{
	const struct logo *l;

	pthread_mutex_lock(&lock);
	l = logos[k].name != NULL ? &logos[k] : NULL;
	pthread_mutex_unlock(&lock);
	return l;
}

/* The PNG s fitted into the box (x, y, w, h) of cr, centred, as
 * librsvg places an SVG.  Filled, not painted: cairo 1.16 fails a PDF
 * page ("invalid tag name, attributes, or nesting") on an image painted
 * unbounded in the running head's artifact. */
static int
png_draw(cairo_surface_t *s, cairo_t *cr, double x, double y, double w,
    double h)
{
	double	 sw = cairo_image_surface_get_width(s);
	double	 sh = cairo_image_surface_get_height(s);
	double	 k = fmin(w / sw, h / sh);
	int	 ok;

	cairo_save(cr);
	cairo_translate(cr, x + (w - sw * k) / 2, y + (h - sh * k) / 2);
	cairo_scale(cr, k, k);
	cairo_set_source_surface(cr, s, 0, 0);
	cairo_rectangle(cr, 0, 0, sw, sh);
	cairo_fill(cr);
	ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	cairo_restore(cr);
	return ok;
}

int
logo_draw(enum logo_kind k, cairo_t *cr, double x, double y, double w,
    double h)
{
	int	 ok = 0;

	pthread_mutex_lock(&lock);
	if (sds[k] != NULL)
		ok = svgdraw_draw(sds[k], cr, x, y, w, h);
	else if (pngs[k] != NULL)
		ok = png_draw(pngs[k], cr, x, y, w, h);
	pthread_mutex_unlock(&lock);
	return ok;
}
