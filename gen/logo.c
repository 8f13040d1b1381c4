/*
 * The publisher's logo (--logo of theme.css) and icon (--icon): SVG files
 * of the styles folder, loaded once per process and drawn as vectors
 * through svgdraw.c: the logo on the PDF's cover and running heads and on
 * the social card, the icon as the favicon's PNG copies; the site links a
 * copy of each.
 *
 * Memory: the process owns what is loaded until exit, as it owns the
 * theme.  librsvg's handle is not to be drawn from two threads at once:
 * logo_draw() holds the lock.
 */
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
static struct svgdraw	*sds[LOGO__MAX];

/* One of them, named name ("" for none), into logos[k]. */
static int
load_one(const char *styles, enum logo_kind k, const char *name,
    const char *alt)
{
	struct file_fail ff;
	enum svgdraw_err err;
	char		*path;
	int		 rc = 1;

	if ((path = theme_file_path(styles, name)) == NULL)
		return 1;
	if (!file_get(path, MAX_SVG_BYTES, &logos[k].svg, &ff)) {
		file_diag_sys(path, &ff);
		rc = 0;
	} else if ((err = svgdraw_load(logos[k].svg.data, logos[k].svg.len,
	    &sds[k], &logos[k].w, &logos[k].h)) != SVGDRAW_OK) {
		diag_sys_msg(MSG_PATH_ERRNO, path, svgdraw_strerror(err));
		rc = 0;
	} else {
		logos[k].name = name;
		logos[k].alt = alt;
	}
	free(path);
	return rc;
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
	l = sds[k] != NULL ? &logos[k] : NULL;
	pthread_mutex_unlock(&lock);
	return l;
}

int
logo_draw(enum logo_kind k, cairo_t *cr, double x, double y, double w,
    double h)
{
	int	 ok;

	pthread_mutex_lock(&lock);
	ok = sds[k] != NULL && svgdraw_draw(sds[k], cr, x, y, w, h);
	pthread_mutex_unlock(&lock);
	return ok;
}
