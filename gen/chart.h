/*
 * Charts: one module draws every chart onto any cairo_t (a PDF page, an
 * SVG file, a PNG preview), with the pinned fonts, so a chart looks the
 * same in the PDF, the SVG files and the site (the words that go with a
 * chart are chartdesc.h's).
 * Colours and sizes come from the process theme (theme.h: call
 * theme_load() before drawing).  chart_draw*() draw no title: the caller
 * captions the chart (chart_draw_heading() for standalone files).
 * Include "report.h", "extern.h" first.
 */
#ifndef CHART_H
#define CHART_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "chartdesc.h"

/* Standalone chart size [pt].  The site shows this drawing filling its
 * text column whenever the screen is wider than 40rem (gen/html.c
 * chart_picture), so never narrower than 600 CSS px (40rem less the
 * column's 2.5rem of margins; 638 beside the aside at 64rem).  Its
 * smallest text, 8 pt, is 11 CSS px or more while the drawing is shown
 * at 11/8 CSS px per pt or more: 600 * 8 / 11 = 436 pt at most. */
#define CHART_WIDTH	432.0
#define CHART_HEIGHT	360.0

/* The narrow variant of every chart but the synthesis sheet, for
 * phones [pt]: drawn by the same code with the same text sizes, so that
 * filling a 320 px screen (about 280 CSS px) its smallest text (8 pt)
 * is at least 11 CSS px. */
#define CHART_NARROW_WIDTH	190.0

/* The synthesis sheet: A4 landscape [pt]. */
#define CHART_SHEET_WIDTH	841.89
#define CHART_SHEET_HEIGHT	595.28

/* Height [pt] the chart of ind needs at width w [pt]. */
double	 chart_height(const struct indicator *, int year, double w);
/* Same for the status overview and the progress chart. */
double	 chart_height_status(const struct report *, const struct edition *,
	    double w);
double	 chart_height_progress(const struct report *,
	    const struct edition *, double w);
/* [pt] The least height the chart reads well at (its plot squeezed, its
 * bars on one line of label each); the PDF draws a chart anywhere
 * between this and chart_height(). */
double	 chart_height_min(const struct indicator *, int year, double w);

/* Frees the layouts the charts keep on a context (each holds a
 * reference to it): call before the context's last g_object_unref(). */
void	 chart_forget(PangoContext *);

/* Draw within the rectangle (0, 0, w, h) [pt] of cr; ctx comes from
 * font_context().  Values after year are not drawn. */
void	 chart_draw(cairo_t *, PangoContext *, const struct indicator *,
	    int year, double w, double h);
void	 chart_draw_status(cairo_t *, PangoContext *, const struct report *,
	    const struct edition *, double w, double h);
void	 chart_draw_progress(cairo_t *, PangoContext *,
	    const struct report *, const struct edition *, double w, double h);
/* The one-page synthesis, CHART_SHEET_WIDTH x CHART_SHEET_HEIGHT; draft
 * adds a "Projet" mark. */
void	 chart_draw_sheet(cairo_t *, PangoContext *, const struct report *,
	    const struct edition *, int draft);

/* Height [pt] of a title band for a standalone chart of width w, and
 * drawing it at (0, 0).  chart_draw_heading() returns the height used. */
double	 chart_heading_height(PangoContext *, const char *title, double w);
double	 chart_draw_heading(cairo_t *, PangoContext *, const char *title,
	    double w);
/* The same with the title laid out once: init, then h is the band's
 * height, draw (returns h), free. */
struct chart_heading {
	PangoLayout	*l;
	double		 h;		/* [pt] */
};
void	 chart_heading_init(struct chart_heading *, PangoContext *,
	    const char *title, double w);
double	 chart_heading_draw(cairo_t *, const struct chart_heading *);
void	 chart_heading_free(struct chart_heading *);

/* ---- helpers, exported for the tests ---- */

/* "Nice" ticks covering [lo, hi] (lo <= hi): a step of 1, 2 or 5 x 10^n
 * giving at most maxn + 1 intervals, no smaller than minstep (0: none);
 * first and last tick are multiples of the step around lo and hi. */
struct ticks {
	double	 first, last;	/* [data] */
	double	 step;		/* [data] */
	int	 n;		/* number of ticks, >= 2 */
	int	 decimals;	/* to print a tick with fmt_num() */
};
void	 chart_ticks(double lo, double hi, int maxn, double minstep,
	    struct ticks *);
/* ---- text as text, for SVG output ---- */

/*
 * cairo's SVG surface writes every glyph as an outline.  With a
 * chart_texts attached to a cairo_t, every line of text a chart draws on
 * it is recorded here instead (what it says, where, in which font and
 * colour, how wide pango laid it out), and a placeholder fill takes its
 * place in the drawing, so that the SVG writer puts a real <text> where
 * the glyphs would have been, above what was drawn before and under what
 * is drawn after.  The placeholder of a layout (all its lines) is a paint
 * of the whole surface in half-transparent magenta, nothing a chart
 * draws and the cheapest operation for cairo to write: cairo 1.16 writes
 * it as a <rect> with exactly CHART_MARK_STYLE.  Without a chart_texts,
 * text is drawn as glyphs (PDF, PNG).
 */
#define CHART_MARK_STYLE \
	"fill:rgb(100%,0%,100%);fill-opacity:0.5;stroke:none;"

struct chart_text {
	char	*s;		/* the characters shown, UTF-8, trimmed: an
				   ellipsized line ends with "…", a line
				   broken inside a word with "-" */
	char	*family;	/* "Noto Sans" */
	double	 x, y;		/* start of the baseline [device units] */
	double	 m[4];		/* xx, yx, xy, yy of the user-to-device
				   matrix (identity unless rotated) */
	double	 size;		/* [user units] */
	double	 width;		/* the advance pango measured for s [user
				   units] */
	double	 r, g, b, a;	/* fill, [0, 1] */
	int	 bold, italic;
	int	 rtl;		/* the line reads right to left (pango's
				   resolved direction); x is still its left
				   end */
	int	 next;		/* another line of the same layout: under
				   the placeholder of the one before */
};

struct chart_texts {
	struct chart_text *t;
	size_t		   n, cap;
	int		   marked;	/* nothing drawn since the last
					   placeholder: the next text goes
					   under it (next set) */
};

/* Records the text drawn on cr into ts from now on (ts outlives cr's
 * drawing; NULL detaches). */
void	 chart_texts_attach(cairo_t *, struct chart_texts *);
void	 chart_texts_free(struct chart_texts *);

/* ---- svg.c: a chart as a standalone, accessible SVG document ---- */

/* Repairs the SVG text that cairo wrote (len bytes at svg) into out:
 * every id renumbered in document order as "<prefix>-gN" (and every
 * reference to it), role="img", aria-labelledby, <title> and <desc>
 * first, a viewBox.  Returns 0 if the text does not parse. */
struct buf;
int	 svg_repair(struct buf *out, const char *svg, size_t len,
	    const char *prefix, const char *title, const char *desc);
/* The same, and each placeholder of a recorded text (see chart_texts)
 * replaced in turn by its <text> element.  Returns 0 also when the
 * placeholders and ts->n differ. */
int	 svg_repair_text(struct buf *out, const char *svg, size_t len,
	    const char *prefix, const char *title, const char *desc,
	    const struct chart_texts *ts);
/* The standalone SVG of an indicator's chart (heading included), w [pt]
 * wide (CHART_WIDTH or CHART_NARROW_WIDTH), repaired, appended to out.
 * Returns 0 on a cairo error. */
int	 svg_chart(struct buf *out, PangoContext *, const struct indicator *,
	    int year, double w);

#endif /* CHART_H */
