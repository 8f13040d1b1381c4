/*
 * What the charts draw with: a canvas, the few operations chart.c uses
 * (cairo's model: a current path in user space, a graphics state saved
 * and restored, fills, strokes, clips, text at the current point), and
 * two backends, each in its own file.  chart.c decides the geometry
 * once; canvas_cairo.c passes it to a cairo_t (the PDF's pages, the
 * social card's PNG), canvas_svg.c writes it as SVG elements itself
 * (the site's charts): text as <text>, ids per file, paint as
 * presentation attributes.
 *
 * Transforms: translations and rotations (the social card scales its
 * cairo_t itself, outside the canvas).  Arcs: whole circles only.
 * Dashes: two lengths, offset 0.
 */
#ifndef CANVAS_H
#define CANVAS_H

#include <cairo.h>
#include <pango/pango.h>

/* What a backend keeps of a line between draws of it (the SVG writer:
 * the end of its <text> element, in the paint it was last written in),
 * in the keeping of the line's owner: zeroed at first, then freed with
 * canvas_memo_free(). */
struct canvas_memo {
	char		*rest;
	size_t		 len;
	double		 rgba[4];
	int		 samefam;
};

/* One line of one font, left to right, shaped by the caller (chart.c):
 * what a backend that writes text as text needs of it, and one that
 * draws its glyphs. */
struct canvas_line {
	const char	*s;		/* UTF-8, no white space at either end */
	PangoFont	*font;
	const PangoGlyphString *glyphs;	/* of s, and of the space a wrapped
					   line ends with (drawing nothing) */
	const char	*family;
	double		 size;		/* [pt], as pango rounds it */
	int		 bold;
	double		 baseline;	/* [pt] under the line's top */
	double		 width;		/* [pt] its advance */
	struct canvas_memo *memo;	/* of this line, or NULL */
};

void	 canvas_memo_free(struct canvas_memo *);

enum canvas_cap {
	CANVAS_CAP_BUTT,
	CANVAS_CAP_ROUND
};

enum canvas_join {
	CANVAS_JOIN_MITER,
	CANVAS_JOIN_ROUND
};

struct canvas;

struct canvas_ops {
	void	(*save)(struct canvas *);
	void	(*restore)(struct canvas *);
	void	(*translate)(struct canvas *, double dx, double dy);
	void	(*rotate)(struct canvas *, double rad);
	void	(*source)(struct canvas *, double r, double g, double b,
		    double a);
	void	(*line_width)(struct canvas *, double);
	/* on, off [user units]; NULL: solid */
	void	(*dash)(struct canvas *, const double *);
	void	(*cap)(struct canvas *, enum canvas_cap);
	void	(*join)(struct canvas *, enum canvas_join);
	void	(*move_to)(struct canvas *, double x, double y);
	void	(*line_to)(struct canvas *, double x, double y);
	void	(*rect)(struct canvas *, double x, double y, double w,
		    double h);
	/* A sub-path of its own. */
	void	(*circle)(struct canvas *, double x, double y, double r);
	/* The path is cleared unless preserve. */
	void	(*fill)(struct canvas *, int preserve);
	void	(*stroke)(struct canvas *);
	/* Intersects the clip with the path, and clears it. */
	void	(*clip)(struct canvas *);
	/* The whole canvas (within the clip) in the source. */
	void	(*paint)(struct canvas *);
	/* l's top left at the current point, in the source; outline: a
	 * filled shape in cairo (a mark, not text). */
	void	(*text)(struct canvas *, PangoLayout *l, int outline);
	/* t's top left at the current point, in the source, as text();
	 * NULL: the backend draws layouts only. */
	void	(*line)(struct canvas *, const struct canvas_line *t);
};

/* A backend's own state starts with this. */
struct canvas {
	const struct canvas_ops *ops;
};

/* ---- canvas_cairo.c ---- */

struct canvas_cairo {
	struct canvas	 cv;
	cairo_t		*cr;	/* the caller's */
};

/* cc draws on cr from now on. */
void	 canvas_cairo_init(struct canvas_cairo *cc, cairo_t *cr);
/* The same on an image surface's cr (the social card): lines shaped by
 * the caller are drawn from their glyphs (the line operation), which the
 * PDF's pages cannot be: pango's layouts give their text to cairo with
 * the glyphs, to be found and copied. */
void	 canvas_cairo_init_image(struct canvas_cairo *cc, cairo_t *cr);

/* ---- canvas_svg.c: one standalone SVG document ---- */

struct buf;
struct canvas_svg;

/* A drawing of w x h [pt]; its ids are "<prefix>-gN" (prefix copied).
 * Caller frees with canvas_svg_free(). */
struct canvas_svg *canvas_svg_new(double w, double h, const char *prefix);
struct canvas	*canvas_svg_canvas(struct canvas_svg *);
/* Appends the document to out: the root with role="img" and
 * aria-labelledby, <title> and <desc> first, then what was drawn. */
void		 canvas_svg_finish(struct canvas_svg *, struct buf *out,
		    const char *title, const char *desc);
void		 canvas_svg_free(struct canvas_svg *);

#endif /* CANVAS_H */
