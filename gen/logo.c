/*
 * The publisher's logo (--logo of theme.css): an SVG of the styles
 * folder, loaded once per process and drawn as vectors through svgdraw.c
 * on the PDF's cover and running heads and on the social card; the site
 * links a copy.
 *
 * Memory: the process owns the loaded logo until exit, as it owns the
 * theme.  librsvg's handle is not to be drawn from two threads at once:
 * logo_draw() holds the lock.
 */
#include <pthread.h>
#include <stdlib.h>

#include <cairo.h>

#include "report.h"
#include "extern.h"
#include "theme.h"
#include "svgdraw.h"
#include "logo.h"

static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static int		 loaded;
static struct logo	 current;
static struct svgdraw	*sd;

int
logo_load(const char *styles)
{
	const struct theme *t = theme_get();
	struct file_fail ff;
	enum svgdraw_err err;
	char		*path;
	int		 rc = 1;

	pthread_mutex_lock(&lock);
	if (loaded || (path = theme_logo_path(styles, t)) == NULL) {
		loaded = 1;
		pthread_mutex_unlock(&lock);
		return 1;
	}
	if (!file_get(path, MAX_SVG_BYTES, &current.svg, &ff)) {
		file_diag_sys(path, &ff);
		rc = 0;
	} else if ((err = svgdraw_load(current.svg.data, current.svg.len,
	    &sd, &current.w, &current.h)) != SVGDRAW_OK) {
		diag_sys("%s: %s", path, svgdraw_strerror(err));
		rc = 0;
	} else {
		current.name = t->logo;
		current.alt = t->logo_alt;
	}
	loaded = 1;
	pthread_mutex_unlock(&lock);
	free(path);
	return rc;
}

const struct logo *
logo_get(void)
{
	const struct logo *l;

	pthread_mutex_lock(&lock);
	l = loaded && sd != NULL ? &current : NULL;
	pthread_mutex_unlock(&lock);
	return l;
}

int
logo_draw(cairo_t *cr, double x, double y, double w, double h)
{
	int	 ok;

	pthread_mutex_lock(&lock);
	ok = sd != NULL && svgdraw_draw(sd, cr, x, y, w, h);
	pthread_mutex_unlock(&lock);
	return ok;
}
