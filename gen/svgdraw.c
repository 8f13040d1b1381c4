/*
 * SVG images drawn as vectors through librsvg (see svgdraw.h for what is
 * refused and why).  The only file that includes <librsvg/rsvg.h>.
 *
 * Memory: a struct svgdraw owns its RsvgHandle, which owns its own copy
 * of the parsed document; svgdraw_free() releases both.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <librsvg/rsvg.h>

#include "report.h"
#include "extern.h"
#include "svgdraw.h"

struct svgdraw {
	RsvgHandle	*rh;
};

/* The bytes at p (left of them) start with the ASCII word s, any case? */
static int
starts(const char *p, size_t left, const char *s)
{
	size_t	 n = strlen(s);

	return left >= n && strncasecmp(p, s, n) == 0;
}

/*
 * Is the reference at p (an attribute value or a CSS url() argument,
 * leading quotes and blanks skipped) inside the file: a fragment "#id" or
 * inline "data:"?  Anything else, an entity reference included, is taken
 * for a reference outside.
 */
static int
inside(const char *p, const char *end)
{
	while (p < end && strchr(" \t\r\n\"'", *p) != NULL)
		p++;
	return p < end && (*p == '#' || starts(p, end - p, "data:"));
}

/* Has a tag an event handler attribute (on...=)?  Text, comments
 * included, outside tags is skipped; so are quoted values. */
static int
handler(const char *p, const char *end)
{
	const char	*q;
	char		 quote = 0;
	int		 intag = 0;

	for (; p < end; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (!intag)
			intag = *p == '<';
		else if (*p == '>')
			intag = 0;
		else if (*p == '"' || *p == '\'')
			quote = *p;
		else if (isspace((unsigned char)*p) &&
		    starts(p + 1, end - p - 1, "on")) {
			for (q = p + 3; q < end && (isalnum((unsigned char)*q) ||
			    *q == '-' || *q == ':'); q++)
				continue;
			while (q < end && isspace((unsigned char)*q))
				q++;
			if (q < end && *q == '=')
				return 1;
		}
	}
	return 0;
}

/*
 * Looks for what would make librsvg, or a browser showing the copy in the
 * site, read another file: href attributes (xlink:href, xi:include) and
 * CSS url() and @import whose target is not in the file; and for what
 * would run in a browser that opens the copy: scripts, event handlers,
 * embedded HTML.  librsvg,
 * given no base file, resolves none of them anyway; the scan is there to
 * tell the author, and for the browser.
 */
static enum svgdraw_err
scan(const char *p, size_t len)
{
	const char	*end = p + len, *q;

	if (memmem(p, len, "<!ENTITY", 8) != NULL)
		return SVGDRAW_ENTITY;
	if (handler(p, end))
		return SVGDRAW_SCRIPT;
	for (q = p; q < end; q++) {
		if (starts(q, end - q, "<script") ||
		    starts(q, end - q, "<foreignObject"))
			return SVGDRAW_SCRIPT;
		if (starts(q, end - q, "@import"))
			return SVGDRAW_EXTERNAL;
		if (starts(q, end - q, "url(") && !inside(q + 4, end))
			return SVGDRAW_EXTERNAL;
		if (!starts(q, end - q, "href"))
			continue;
		q += 4;
		while (q < end && strchr(" \t\r\n", *q) != NULL)
			q++;
		if (q < end && *q == '=' && !inside(q + 1, end))
			return SVGDRAW_EXTERNAL;
		q--;
	}
	return SVGDRAW_OK;
}

/* The intrinsic size [px]: width and height in absolute units, or else
 * the viewBox's. */
static enum svgdraw_err
size(RsvgHandle *h, double *w, double *ht)
{
	gboolean	 hw, hh, hv;
	RsvgLength	 lw, lh;
	RsvgRectangle	 vb;

	if (!rsvg_handle_get_intrinsic_size_in_pixels(h, w, ht)) {
		rsvg_handle_get_intrinsic_dimensions(h, &hw, &lw, &hh, &lh,
		    &hv, &vb);
		if (!hv)
			return SVGDRAW_NO_SIZE;
		*w = vb.width;
		*ht = vb.height;
	}
	if (!(*w > 0 && *ht > 0 && *w <= MAX_SVG_SIDE &&
	    *ht <= MAX_SVG_SIDE))
		return SVGDRAW_TOO_WIDE;
	return SVGDRAW_OK;
}

/* Draws once, small, so that an SVG librsvg will not draw (past its
 * limits on instancing, say) is refused now, not while the PDF is
 * made. */
static int
drawable(const struct svgdraw *sd)
{
	cairo_surface_t	*s;
	cairo_t		*cr;
	int		 ok;

	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 16, 16);
	cr = cairo_create(s);
	ok = svgdraw_draw(sd, cr, 0, 0, 16, 16) &&
	    cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return ok;
}

enum svgdraw_err
svgdraw_load(const void *data, size_t len, struct svgdraw **sdp, double *w,
    double *h)
{
	struct svgdraw	*sd;
	GError		*err = NULL;
	enum svgdraw_err rc;

	*sdp = NULL;
	*w = *h = 0;
	if (len > MAX_SVG_BYTES)
		return SVGDRAW_TOO_LARGE;
	if ((rc = scan(data, len)) != SVGDRAW_OK)
		return rc;
	sd = xcalloc(1, sizeof(*sd));
	/* No RSVG_HANDLE_FLAG_UNLIMITED: libxml2's limits stay on. */
	sd->rh = rsvg_handle_new_from_data(data, len, &err);
	if (sd->rh == NULL) {
		g_clear_error(&err);
		free(sd);
		return SVGDRAW_NOT_SVG;
	}
	rsvg_handle_set_dpi(sd->rh, 96);
	if ((rc = size(sd->rh, w, h)) == SVGDRAW_OK && !drawable(sd))
		rc = SVGDRAW_BROKEN;
	if (rc != SVGDRAW_OK) {
		svgdraw_free(sd);
		*w = *h = 0;
		return rc;
	}
	*sdp = sd;
	return SVGDRAW_OK;
}

int
svgdraw_draw(const struct svgdraw *sd, cairo_t *cr, double x, double y,
    double w, double h)
{
	RsvgRectangle	 vp = { x, y, w, h };
	GError		*err = NULL;
	gboolean	 ok;

	cairo_save(cr);
	ok = rsvg_handle_render_document(sd->rh, cr, &vp, &err);
	cairo_restore(cr);
	g_clear_error(&err);
	return ok ? 1 : 0;
}

void
svgdraw_free(struct svgdraw *sd)
{
	if (sd == NULL)
		return;
	g_object_unref(sd->rh);
	free(sd);
}

const char *
svgdraw_strerror(enum svgdraw_err e)
{
	switch (e) {
	case SVGDRAW_OK:
		return "is a valid SVG file";
	case SVGDRAW_TOO_LARGE:
		return "is too large for an SVG file (at most 1048576 bytes)";
	case SVGDRAW_ENTITY:
		return "declares XML entities, which SVG images may not";
	case SVGDRAW_EXTERNAL:
		return "refers to another file or address (only \"#id\" "
		    "and \"data:\" references are allowed in an SVG image)";
	case SVGDRAW_SCRIPT:
		return "holds a script (<script>, an on...= attribute or "
		    "<foreignObject>), which SVG images may not";
	case SVGDRAW_NOT_SVG:
		return "is not an SVG file that can be read";
	case SVGDRAW_NO_SIZE:
		return "has no size (give the svg element width and height, "
		    "or a viewBox)";
	case SVGDRAW_TOO_WIDE:
		return "has a size out of bounds (each side above 0 and at "
		    "most 32767 pixels)";
	case SVGDRAW_BROKEN:
		return "cannot be drawn: librsvg refuses it (past its limits "
		    "on elements and references, as an SVG bomb is)";
	}
	abort();
}
