/*
 * Charts: one module draws every chart onto a canvas (canvas.h: a cairo_t
 * for a PDF page or a PNG, an SVG writer for the site), with the pinned
 * fonts, so a chart looks the
 * same in the PDF, the SVG files and the site (the words that go with a
 * chart are chartdesc.h's).
 * Colours and sizes come from the process theme (theme.h: call
 * theme_load() before drawing).  chart_draw*() draw no title: the caller
 * captions the chart (chart_draw_heading() for standalone files).
 * Include "report.h", "extern.h" first.
 */
#ifndef CHART_H
#define CHART_H

#include <pango/pango.h>

#include "canvas.h"
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

/* Draw within the rectangle (0, 0, w, h) [pt] of the canvas; ctx comes from
 * font_context().  Values after year are not drawn. */
void	 chart_draw(struct canvas *, PangoContext *, const struct indicator *,
	    int year, double w, double h);
void	 chart_draw_status(struct canvas *, PangoContext *, const struct report *,
	    const struct edition *, double w, double h);
void	 chart_draw_progress(struct canvas *, PangoContext *,
	    const struct report *, const struct edition *, double w, double h);
/* The one-page synthesis, CHART_SHEET_WIDTH x CHART_SHEET_HEIGHT; draft
 * adds a "Projet" mark. */
void	 chart_draw_sheet(struct canvas *, PangoContext *, const struct report *,
	    const struct edition *, int draft);

/* Height [pt] of a title band for a standalone chart of width w, and
 * drawing it at (0, 0).  chart_draw_heading() returns the height used. */
double	 chart_heading_height(PangoContext *, const char *title, double w);
double	 chart_draw_heading(struct canvas *, PangoContext *, const char *title,
	    double w);
/* The same with the title laid out once: init, then h is the band's
 * height, draw (returns h), free. */
struct chart_heading {
	PangoContext	*pc;		/* the caller's */
	char		*title;
	double		 w;		/* [pt] */
	double		 h;		/* [pt] */
};
void	 chart_heading_init(struct chart_heading *, PangoContext *,
	    const char *title, double w);
double	 chart_heading_draw(struct canvas *, const struct chart_heading *);
void	 chart_heading_free(struct chart_heading *);

/* ---- helpers, exported for the tests ---- */

/* 1 (the default): a label of one line in one font is shaped by chart.c
 * and measured from its glyphs; 0: every label is a pango layout, as
 * the tests compare.  Set before drawing, on a context not used yet. */
extern int	 chart_shape_lines;

/* Does harfbuzz shape any text in font f as it shapes the pieces of it
 * that end after each run of spaces, shaped apart and put end to end?
 * Labels in such a font are shaped word by word. */
int	 chart_splits_at_spaces(PangoFont *f);

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

/* ---- svg.c ---- */

/* The standalone SVG of an indicator's chart (heading included), w [pt]
 * wide (CHART_WIDTH or CHART_NARROW_WIDTH), appended to out. */
struct buf;
void	 svg_chart(struct buf *out, PangoContext *, const struct indicator *,
	    int year, double w);

#endif /* CHART_H */
