/*
 * The SVG backend: every chart of an edition as a standalone SVG file,
 * drawn by chart.c on the SVG canvas (canvas_svg.c: text as <text>, ids
 * of its own under a prefix per file, so that a page may inline two
 * charts, a <title> and <desc>), and the edition's social card, drawn by
 * the same code on cairo.  All state is local to a call: each call makes
 * its own font map.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "report.h"
#include "extern.h"
#include "msg.h"
#include "backend.h"
#include "png.h"
#include "font.h"
#include "theme.h"
#include "logo.h"
#include "canvas.h"
#include "chart.h"
#include "i18n.h"

/* What one SVG document shows. */
enum doc_kind {
	DOC_INDICATOR,
	DOC_STATUS,
	DOC_PROGRESS,
	DOC_SHEET
};

struct job {
	enum doc_kind		 kind;
	const struct report	*r;
	const struct edition	*e;
	const struct indicator	*ind;
	int			 year;
	int			 draft;
	const char		*title;
	double			 width;	/* [pt], but the sheet's */
};

/* Draws a job on cv, w x h [pt], under the heading hd (but the
 * sheet). */
static void
render(struct canvas *cv, PangoContext *pc, const struct job *j,
    const struct chart_heading *hd, double w, double h)
{
	struct rgb	 bg = theme_get()->ink[INK_BACKGROUND];
	double		 y = 0;

	if (j->kind != DOC_SHEET) {
		cv->ops->source(cv, bg.r, bg.g, bg.b, 1);
		cv->ops->paint(cv);
		y = chart_heading_draw(cv, hd);
		cv->ops->translate(cv, 0, y);
	}
	switch (j->kind) {
	case DOC_INDICATOR:
		chart_draw(cv, pc, j->ind, j->year, w, h - y);
		break;
	case DOC_STATUS:
		chart_draw_status(cv, pc, j->r, j->e, w, h - y);
		break;
	case DOC_PROGRESS:
		chart_draw_progress(cv, pc, j->r, j->e, w, h - y);
		break;
	case DOC_SHEET:
		chart_draw_sheet(cv, pc, j->r, j->e, j->draft);
		break;
	default:
		abort();
	}
}

/* Draws one document into out, its ids under prefix. */
static void
document(struct buf *out, PangoContext *pc, const struct job *j,
    const char *prefix, const char *desc)
{
	struct canvas_svg *cs;
	struct chart_heading hd = { NULL, NULL, 0, 0 };
	double		 w = j->width, h;
	char		*ids = NULL;

	switch (j->kind) {
	case DOC_INDICATOR:
		h = chart_height(j->ind, j->year, w);
		break;
	case DOC_STATUS:
		h = chart_height_status(j->r, j->e, w);
		break;
	case DOC_PROGRESS:
		h = chart_height_progress(j->r, j->e, w);
		break;
	case DOC_SHEET:
		w = CHART_SHEET_WIDTH;
		h = CHART_SHEET_HEIGHT;
		break;
	default:
		abort();
	}
	if (j->kind != DOC_SHEET) {
		chart_heading_init(&hd, pc, j->title, w);
		h += hd.h;
	}
	/* Ids unique across an edition, both variants included. */
	if (j->kind != DOC_SHEET && w < CHART_WIDTH)
		prefix = ids = xasprintf("%s-%s", prefix, fname(FNAME_NARROW));
	cs = canvas_svg_new(w, h, prefix);
	render(canvas_svg_canvas(cs), pc, j, &hd, w, h);
	canvas_svg_finish(cs, out, j->title, desc);
	canvas_svg_free(cs);
	free(ids);
	chart_heading_free(&hd);
}

/* The chart of ind in year at each width of ws[0, n), the document of
 * ws[i] in out[i]: its title, description and ids' prefix made once. */
static void
ind_docs(struct buf *out, PangoContext *pc, const struct indicator *ind,
    int year, const double *ws, int n)
{
	struct job	 j;
	char		*title, *desc, *prefix;
	int		 i;

	memset(&j, 0, sizeof(j));
	j.kind = DOC_INDICATOR;
	j.ind = ind;
	j.year = year;
	j.title = title = chart_title(ind, year);
	desc = chart_desc(ind, year);
	prefix = xasprintf("%s-%s", ind->measure->id, ind->id);
	for (i = 0; i < n; i++) {
		j.width = ws[i];
		document(&out[i], pc, &j, prefix, desc);
	}
	free(title);
	free(desc);
	free(prefix);
}

void
svg_chart(struct buf *out, PangoContext *pc, const struct indicator *ind,
    int year, double w)
{
	ind_docs(out, pc, ind, year, &w, 1);
}

/* Renders a job and writes it to rel. */
static int
emit(struct outdir *od, PangoContext *pc, const struct job *j,
    const char *prefix, const char *desc, const char *rel)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 rc;

	document(&b, pc, j, prefix, desc);
	rc = out_write(od, rel, b.data, b.len);
	buf_free(&b);
	return rc;
}

/* The theme's logo in the social card's bottom right corner, in the
 * margin beside the sheet [px]. */
static void
card_logo(cairo_t *cr)
{
	const struct logo *l = logo_get(LOGO_MAIN);
	double		 h = 28, w;

	if (l == NULL)
		return;
	w = fmin(160, h * l->w / l->h);
	h = w * l->h / l->w;
	cairo_identity_matrix(cr);
	logo_draw(LOGO_MAIN, cr, 1200 - 24 - w, 630 - 20 - h, w, h);
}

/* The edition's social card for sharing sites (Open Graph): its
 * synthesis sheet drawn by the chart code, centred on an image of the
 * theme's background of 1200 × 630 px, the size they ask for, and the
 * logo. */
static int
social_card(struct outdir *od, PangoContext *pc, const struct report *r,
    const struct edition *e, int draft)
{
	cairo_surface_t	*s;
	cairo_t		*cr;
	struct canvas_cairo cc;
	struct buf	 b = { NULL, 0, 0 };
	double		 k = 630 / CHART_SHEET_HEIGHT;
	char		*rel;
	int		 rc = 0;

	rel = xasprintf("%d/%s-%d.png", e->year, fname(FNAME_SHARE), e->year);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1200, 630);
	cr = cairo_create(s);
	/*
	 * The status patterns' thin lines and dots and the tiles' circles
	 * rasterized on 4 × 4 samples a pixel, not cairo's default 256 × 15:
	 * a quarter of the card's drawing (most of it the patterns) saved,
	 * and the same look (pixels of those edges differ by 19 levels in
	 * the mean; rectangles, text and the logo keep theirs).
	 */
	cairo_set_antialias(cr, CAIRO_ANTIALIAS_FAST);
	canvas_cairo_init_image(&cc, cr);
	cairo_translate(cr, (1200 - CHART_SHEET_WIDTH * k) / 2, 0);
	cairo_scale(cr, k, k);
	/* The sheet paints the whole image with its background. */
	chart_draw_sheet(&cc.cv, pc, r, e, draft);
	card_logo(cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS ||
	    !png_write(s, &b))
		diag_sys_msg(MSG_SVG_CARD, rel);
	else
		rc = out_write(od, rel, b.data, b.len);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	buf_free(&b);
	free(rel);
	return rc;
}

/* out/<year>/<file>, or its narrow variant's.  Caller frees. */
static char *
variant(int year, const char *file, int narrow)
{
	char	*n, *rel;

	if (!narrow)
		return xasprintf("%d/%s", year, file);
	n = chart_file_narrow(file);
	rel = xasprintf("%d/%s", year, n);
	free(n);
	return rel;
}

/* The prefix of a document's ids: its file's name less folder and
 * extension ("statuts").  Caller frees. */
static char *
doc_prefix(enum fname f)
{
	const char	*s = fname(f), *base = strrchr(s, '/');

	base = base != NULL ? base + 1 : s;
	return xasprintf("%.*s", (int)strcspn(base, "."), base);
}

/* The edition's own charts: status, progress (both widths: width[0],
 * the narrow variant's width[1]), synthesis sheet. */
static int
edition_docs(struct outdir *od, PangoContext *pc, const struct report *r,
    const struct edition *e, int draft, const double width[2])
{
	static const struct {
		enum doc_kind	 kind;
		enum fname	 file;		/* DOC_SHEET: a stem */
		char		*(*title)(const struct report *,
				    const struct edition *);
		char		*(*desc)(const struct report *,
				    const struct edition *);
	} docs[] = {
		{ DOC_STATUS, FNAME_CHART_STATUS,
		    chart_title_status, chart_desc_status },
		{ DOC_PROGRESS, FNAME_CHART_PROGRESS,
		    chart_title_progress, chart_desc_progress },
		{ DOC_SHEET, FNAME_SYNTHESIS,
		    chart_title_sheet, chart_desc_sheet },
	};
	struct job	 j;
	char		*rel, *title, *desc, *prefix;
	size_t		 k;
	int		 rc = 1, v;

	memset(&j, 0, sizeof(j));
	j.r = r;
	j.e = e;
	j.year = e->year;
	j.draft = draft;
	for (k = 0; k < sizeof(docs) / sizeof(docs[0]) && rc; k++) {
		j.kind = docs[k].kind;
		j.title = title = docs[k].title(r, e);
		desc = docs[k].desc(r, e);
		prefix = doc_prefix(docs[k].file);
		for (v = 0; v < (j.kind == DOC_SHEET ? 1 : 2) && rc; v++) {
			j.width = width[v];
			rel = j.kind == DOC_SHEET ?
			    xasprintf("%d/%s-%d.svg", e->year,
			    fname(docs[k].file), e->year) :
			    variant(e->year, fname(docs[k].file), v);
			rc = emit(od, pc, &j, prefix, desc, rel);
			free(rel);
		}
		free(prefix);
		free(title);
		free(desc);
	}
	return rc;
}

/*
 * The charts' context of this process, made at the first call, until
 * svg_end(): a process that draws the charts of several tasks (parts,
 * editions) sorts each font pattern once and keeps its laid out labels
 * (chart.c) from one task to the next.
 */
static PangoContext	*charts_pc;

static PangoContext *
charts_context(void)
{
	PangoFontMap	*fm;

	if (charts_pc == NULL) {
		fm = font_map_new();
		charts_pc = font_context(fm);	/* holds fm */
		g_object_unref(fm);
	}
	return charts_pc;
}

void
svg_end(void)
{
	if (charts_pc == NULL)
		return;
	chart_forget(charts_pc);
	g_object_unref(charts_pc);
	charts_pc = NULL;
}

/* The first measure of the plan's whose indicators begin the k-th of
 * the SVG_IND_PARTS parts (k = SVG_IND_PARTS: the end), of n in all: the
 * first before which at least k / SVG_IND_PARTS of them are. */
static size_t
part_cut(const struct plan *pl, size_t n, size_t k)
{
	size_t	 i, before = 0;

	for (i = 0; i < pl->nmeasures && before * SVG_IND_PARTS < k * n; i++)
		before += pl->measures[i].ninds;
	return i;
}

/* The measures [*from, *to) whose indicators' charts are part of an
 * edition's charts (backend.h); none for its own part. */
static void
part_measures(const struct plan *pl, int part, size_t *from, size_t *to)
{
	size_t	 i, n = 0;

	for (i = 0; i < pl->nmeasures; i++)
		n += pl->measures[i].ninds;
	if (part >= SVG_IND_PARTS) {
		*from = *to = 0;
		return;
	}
	*from = part_cut(pl, n, (size_t)part);
	*to = part_cut(pl, n, (size_t)part + 1);
}

int
svg_edition(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od, int part)
{
	PangoContext	*pc;
	struct buf	 b[2] = { { NULL, 0, 0 }, { NULL, 0, 0 } };
	const struct indicator *ind;
	static const double width[2] = { CHART_WIDTH, CHART_NARROW_WIDTH };
	char		*file, *rel;
	size_t		 i, k, to;
	int		 rc = 1, v, draft;

	if (!font_load(o->styles) || !logo_load(o->styles))
		return 0;
	pc = charts_context();
	part_measures(&r->plan, part, &i, &to);
	for (; i < to; i++)
		for (k = 0; k < r->plan.measures[i].ninds; k++) {
			ind = &r->plan.measures[i].inds[k];
			file = chart_file(ind);
			buf_reset(&b[0]);
			buf_reset(&b[1]);
			ind_docs(b, pc, ind, e->year, width, 2);
			for (v = 0; v < 2 && rc; v++) {
				rel = variant(e->year, file, v);
				rc = out_write(od, rel, b[v].data, b[v].len);
				free(rel);
			}
			free(file);
			if (!rc)
				goto out;
		}

	draft = e->draft || o->draft;
	if (part == SVG_PARTS - 1)
		rc = edition_docs(od, pc, r, e, draft, width) &&
		    social_card(od, pc, r, e, draft);
out:
	buf_free(&b[0]);
	buf_free(&b[1]);
	return rc;
}
