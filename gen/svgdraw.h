/*
 * SVG images drawn as vectors through librsvg: the narratives' images and
 * the publisher's logo.
 *
 * The SVG is hostile input: it is read from memory only (librsvg is given
 * no base file, so it resolves no reference to another file or host), and
 * refused when it is larger than MAX_SVG_BYTES, declares entities, refers
 * to anything outside itself, holds a script (its copy in the site may
 * be opened on its own, where scripts run), has no size, is larger than MAX_SVG_SIDE a
 * side, or when librsvg cannot parse or draw it (librsvg's own limits on
 * elements and on instancing stop an SVG bomb).
 */
#ifndef SVGDRAW_H
#define SVGDRAW_H

#include <stddef.h>

#include <cairo.h>

#define MAX_SVG_BYTES	(1024 * 1024)	/* [bytes] one SVG file */
#define MAX_SVG_SIDE	32767		/* [px] its intrinsic width, height */

enum svgdraw_err {
	SVGDRAW_OK,
	SVGDRAW_TOO_LARGE,	/* more than MAX_SVG_BYTES */
	SVGDRAW_ENTITY,		/* a DOCTYPE declaring entities */
	SVGDRAW_EXTERNAL,	/* a reference outside the file */
	SVGDRAW_SCRIPT,		/* <script>, on...= or <foreignObject> */
	SVGDRAW_NOT_SVG,	/* librsvg cannot parse it */
	SVGDRAW_NO_SIZE,	/* no width and height, nor viewBox */
	SVGDRAW_TOO_WIDE,	/* a side past MAX_SVG_SIDE, or not > 0 */
	SVGDRAW_BROKEN		/* librsvg refuses to draw it */
};

struct svgdraw;

/*
 * Parses the SVG in data[0..len) (copied: the caller keeps data), checks
 * it can be drawn, and sets *w and *h to its intrinsic size [px, 96 a
 * inch].  On SVGDRAW_OK, *sdp is the caller's, to give to svgdraw_free();
 * otherwise *sdp is NULL.
 */
enum svgdraw_err svgdraw_load(const void *data, size_t len,
		    struct svgdraw **sdp, double *w, double *h);

/* Draws the SVG scaled into the box (x, y, w, h) of cr, as vectors, its
 * aspect kept as the SVG's preserveAspectRatio says.  Returns 1, or 0 if
 * librsvg failed (cr's state is restored either way). */
int		 svgdraw_draw(const struct svgdraw *, cairo_t *cr, double x,
		    double y, double w, double h);

void		 svgdraw_free(struct svgdraw *);

/* Why an SVG was refused, as the end of a sentence: "declares XML
 * entities". */
const char	*svgdraw_strerror(enum svgdraw_err);

#endif /* !SVGDRAW_H */
