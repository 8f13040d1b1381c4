/*
 * Charts: one module draws every chart onto any cairo_t (a PDF page, an
 * SVG file, a PNG preview), with the pinned fonts, so a chart looks the
 * same in the PDF, the SVG files and the site.  It also writes the words
 * that go with a chart (title, a sentence stating the data), shared by
 * the SVG <title>/<desc>, the site's text alternatives and the PDF.
 * Include "report.h", "extern.h" first.
 */
#ifndef CHART_H
#define CHART_H

#include <cairo.h>
#include <pango/pangocairo.h>

/* Standalone chart size [pt]. */
#define CHART_WIDTH	640.0
#define CHART_HEIGHT	360.0

/* Files within an edition folder (relative to out/<year>/). */
#define CHART_FILE_STATUS	"charts/statuts.svg"
#define CHART_FILE_PROGRESS	"charts/progression.svg"

/* "charts/m01-victimes-suivies.svg".  Caller frees. */
char	*chart_file(const struct indicator *);

/* Title and a sentence stating the data, values after year left out:
 * "De 712 en 2015 à 1 118 en 2016 ; cible 1 500 en 2016."  Caller frees. */
char	*chart_title(const struct indicator *, int year);
char	*chart_desc(const struct indicator *, int year);
char	*chart_desc_status(const struct report *, const struct edition *);
char	*chart_desc_progress(const struct report *, const struct edition *);

/* Height [pt] the chart of ind needs at width w [pt]. */
double	 chart_height(const struct indicator *, int year, double w);

/* Draw within the rectangle (0, 0, w, h) [pt] of cr; ctx comes from
 * font_context().  Values after year are not drawn. */
void	 chart_draw(cairo_t *, PangoContext *, const struct indicator *,
	    int year, double w, double h);
void	 chart_draw_status(cairo_t *, PangoContext *, const struct report *,
	    const struct edition *, double w, double h);
void	 chart_draw_progress(cairo_t *, PangoContext *,
	    const struct report *, const struct edition *, double w, double h);

#endif /* CHART_H */
