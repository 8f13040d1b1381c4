/*
 * Fuzz harness: chart drawing from random series.  The input is decoded
 * into a plan period and one indicator of measure m01 that keeps every
 * promise the loaders make (finite values, |v| <= 1e15, one value per
 * year, years within the plan, at most MAX_CATEGORIES series), plus an
 * assessment; then the indicator's chart is measured, drawn on a cairo
 * recording surface at a fuzzed width and written as a standalone SVG
 * (svg_chart: the SVG canvas) at both widths, and the status, progress
 * and synthesis charts are drawn for the edition.
 * Ticks are fuzzed directly as well.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "font.h"
#include "theme.h"
#include "chart.h"
#include "fuzz.h"

static PangoFontMap	*fm;
static PangoContext	*ctx;

/* The input, read from the front; zeros once it runs out. */
struct in {
	const uint8_t	*p;
	size_t		 n;
};

static unsigned
byte(struct in *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

/* A value as content could hold it: some chosen edge cases, or a double
 * from 8 bytes, kept finite and within +-1e15. */
static double
value(struct in *in)
{
	static const double edge[] = {
		0, 1, -1, 0.5, 100, 1e15, -1e15, 1e-9, -1e-9, 1e-22,
		999999999999999, 0.004, 12.5, 99.95, 1e6, 123456.789
	};
	double		 v;
	unsigned char	 b[8];
	size_t		 i;
	unsigned	 k = byte(in);

	if (k < 128)
		return edge[k % (sizeof(edge) / sizeof(edge[0]))];
	for (i = 0; i < 8; i++)
		b[i] = (unsigned char)byte(in);
	memcpy(&v, b, 8);
	if (!isfinite(v))
		v = 0;
	if (fabs(v) > 1e15)
		v = fmod(v, 1e15);
	/* A value is written with at most 24 characters. */
	if (fabs(v) < 1e-22)
		v = 0;
	return v;
}

static const char *const labels[] = {
	"A",
	"Victimes identifiées",
	"Exploitation sexuelle",
	"Un libellé très long qui ne tient jamais sur une seule ligne, "
	    "même dans un graphique large, et qui continue encore un peu",
	"«\xe2\x80\xaf" "cité\xe2\x80\xaf» ;\xe2\x80\xaf" "12,5\xc2\xa0%",
	"\xd8\xb9\xd8\xb1\xd8\xa8\xd9\x8a",		/* RTL script */
	"e\xcc\x81\xcc\x81\xcc\x81",			/* combining marks */
	"\xf0\x9f\x98\x80 \xf0\x9d\x94\x98",		/* outside the BMP */
	"<script>&amp;\"'",
};
#define NLABELS	(sizeof(labels) / sizeof(labels[0]))

static const char *const units[] = {
	"%", "€", "personnes", "places", "jours d’attente moyens"
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	if (!theme_load(NULL))
		abort();
	fm = font_map_new();
	ctx = font_context(fm);
	return 0;
}

/* A series of values, one per year at most, within [from, to]. */
static void
series(struct report *r, struct in *in, struct series *s, int from, int to)
{
	size_t	 i;
	int	 y;

	s->vals = arena_array(r->ar, (size_t)(to - from + 1),
	    sizeof(*s->vals));
	for (y = from; y <= to; y++) {
		if (byte(in) % 4 == 0)
			continue;	/* a gap */
		i = s->nvals++;
		s->vals[i].year = y;
		s->vals[i].v = value(in);
		s->vals[i].illustrative = byte(in) % 5 == 0;
	}
}

static void
draw(cairo_t *cr)
{
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in	 in = { data, size };
	struct report	*r = fuzz_report(1);
	struct plan	*pl = &r->plan;
	struct measure	*m = &pl->measures[0];
	struct edition	*e = &r->eds[0];
	struct indicator *ind;
	struct assessment *a;
	struct ticks	 t;
	struct buf	 svg = { NULL, 0, 0 };
	cairo_surface_t	*sf;
	cairo_t		*cr;
	struct canvas_cairo cc;
	size_t		 i;
	double		 w, h, lo, hi;
	unsigned	 k;

	/* Ticks over any interval, as the charts ask for them: 2 to 8
	 * intervals, a step of at least 1 for whole numbers only.  The
	 * ticks cover the interval. */
	lo = value(&in);
	hi = value(&in);
	if (lo > hi) {
		w = lo;
		lo = hi;
		hi = w;
	}
	k = byte(&in);
	chart_ticks(lo, hi, 2 + (int)(k % 7), lo == rint(lo) &&
	    hi == rint(hi) && k & 0x80 ? 1 : 0, &t);
	if (t.n < 2 || !(t.step > 0) || t.n > 9 ||
	    t.first > lo + t.step * 1e-6 || t.last < hi - t.step * 1e-6)
		abort();

	/* The plan period and the edition year. */
	pl->data_from = 1990 + (int)(byte(&in) % 25);
	pl->start = pl->data_from + (int)(byte(&in) % 8);
	pl->end = pl->start + (int)(byte(&in) % 12);
	e->year = pl->start + (int)(byte(&in) % (unsigned)(pl->end -
	    pl->start + 1));

	ind = m->inds = arena_alloc(r->ar, sizeof(*ind));
	m->ninds = 1;
	m->ind_file = "indicators/m01.xml";
	ind->measure = m;
	ind->id = "indicateur";
	ind->label = labels[byte(&in) % NLABELS];
	ind->definition = "Définition.";
	ind->source = "Source";
	ind->unit = units[byte(&in) % (sizeof(units) / sizeof(units[0]))];
	k = byte(&in);
	ind->direction = k & 1 ? DIRECTION_LOWER : DIRECTION_HIGHER;
	ind->categories = (k >> 1) & 1;
	if (ind->categories) {
		ind->chart = (k >> 2) & 1 ? CHART_STACKED : CHART_HBAR;
		ind->nseries = 1 + byte(&in) % MAX_CATEGORIES;
	} else {
		ind->chart = (k >> 2) & 1 ? CHART_BAR : CHART_LINE;
		ind->nseries = 1;
		if ((k >> 3) & 1) {
			ind->baseline.set = 1;
			ind->baseline.year = pl->data_from + (int)(byte(&in) %
			    (unsigned)(pl->end - pl->data_from + 1));
			ind->baseline.v = value(&in);
		}
		if ((k >> 4) & 1) {
			ind->target.set = 1;
			ind->target.year = pl->start + (int)(byte(&in) %
			    (unsigned)(pl->end - pl->start + 1));
			ind->target.v = value(&in);
			ind->target.illustrative = (k >> 5) & 1;
		}
	}
	ind->series = arena_array(r->ar, ind->nseries, sizeof(*ind->series));
	for (i = 0; i < ind->nseries; i++) {
		ind->series[i].label = ind->categories ?
		    labels[byte(&in) % NLABELS] : ind->label;
		ind->series[i].id = ind->categories ?
		    arena_strdup(r->ar, labels[i % NLABELS]) : NULL;
		series(r, &in, &ind->series[i], pl->data_from, pl->end);
	}
	a = m->assess = arena_alloc(r->ar, sizeof(*a));
	m->nassess = 1;
	a->year = e->year;
	a->status = (enum status)(byte(&in) % STATUS__MAX);
	a->text = "Justification.";

	/* The indicator's chart at a fuzzed width. */
	w = 60 + byte(&in) % 8 * 90;
	h = chart_height(ind, e->year, w);
	if (!(h > 0) || h > 10000)
		abort();
	free(chart_title(ind, e->year));
	free(chart_desc(ind, e->year));
	free(chart_file(ind));
	sf = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
	cr = cairo_create(sf);
	canvas_cairo_init(&cc, cr);
	chart_draw(&cc.cv, ctx, ind, e->year, w, h);
	draw(cr);
	chart_draw_status(&cc.cv, ctx, r, e, w, chart_height_status(r, e, w));
	draw(cr);
	chart_draw_progress(&cc.cv, ctx, r, e, w, chart_height_progress(r, e,
	    w));
	draw(cr);
	chart_draw_sheet(&cc.cv, ctx, r, e, k >> 7);
	draw(cr);
	cairo_destroy(cr);
	cairo_surface_destroy(sf);
	free(chart_title_status(r, e));
	free(chart_desc_status(r, e));
	free(chart_title_progress(r, e));
	free(chart_desc_progress(r, e));
	free(chart_title_sheet(r, e));
	free(chart_desc_sheet(r, e));

	/* The standalone SVG and its narrow variant. */
	svg_chart(&svg, ctx, ind, e->year, CHART_WIDTH);
	svg_chart(&svg, ctx, ind, e->year, CHART_NARROW_WIDTH);
	buf_free(&svg);
	fuzz_done(r);
	return 0;
}
