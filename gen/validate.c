/*
 * Checks across files, once the whole content is loaded: years against the
 * plan period and the editions, assessments per edition, empty narratives.
 * The loaders check what one file alone can tell; renderers check nothing.
 *
 * Years: an edition may evaluate the plan after its end (an ex-post
 * evaluation), up to MAX_EXPOST years later; values and baselines run
 * from data-from to the last year the reports cover (the plan's end or
 * the latest edition, whichever is later); a target may lie anywhere
 * from the plan's start on; an assessment needs an edition of its year.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "msg.h"
#include "i18n.h"

/* The last year the reports cover: the plan's end, or a later
 * edition's year. */
static int
last_year(const struct report *r)
{
	return r->neds > 0 && r->eds[r->neds - 1].year > r->plan.end ?
	    r->eds[r->neds - 1].year : r->plan.end;
}

static void
check_series(const struct report *r, const struct indicator *ind)
{
	const struct plan *pl = &r->plan;
	const struct value *v;
	size_t		 i, j;
	int		 last = last_year(r);

	for (i = 0; i < ind->nseries; i++)
		for (j = 0; j < ind->series[i].nvals; j++) {
			v = &ind->series[i].vals[j];
			if (v->year < pl->data_from || v->year > last)
				diag_msg(DIAG_ERROR, &v->pos, MSG_VALUE_YEAR,
				    v->year, pl->data_from, last);
		}
	if (ind->baseline.set && (ind->baseline.year < pl->data_from ||
	    ind->baseline.year > last))
		diag_msg(DIAG_ERROR, &ind->baseline.pos, MSG_BASELINE_YEAR,
		    ind->baseline.year, pl->data_from, last);
	if (ind->target.set && ind->target.year < pl->start)
		diag_msg(DIAG_ERROR, &ind->target.pos, MSG_TARGET_YEAR,
		    ind->target.year, pl->start);
}

/* Is this edition checked and built?  (--year: the one edition.) */
static int
covered(const struct report *r, const struct edition *e)
{
	return r->only == 0 || e->year == r->only;
}

/* A gap of a draft is a warning: the outputs show « À rédiger ». */
static enum dlevel
gap_level(const struct edition *e, int draft)
{
	return e->draft || draft ? DIAG_WARNING : DIAG_ERROR;
}

static void
check_measure(const struct report *r, const struct measure *m, int draft)
{
	const struct assessment *a;
	struct pos	 p = { m->ind_file, 0, 0 };
	size_t		 i;

	if (m->ind_file == NULL)
		return;		/* already reported missing */
	for (i = 0; i < m->ninds; i++)
		check_series(r, &m->inds[i]);
	for (i = 0; i < m->nassess; i++) {
		a = &m->assess[i];
		if (a->year < r->plan.start)
			diag_msg(DIAG_ERROR, &a->pos, MSG_ASSESS_YEAR, a->year,
			    r->plan.start);
		else if (report_edition(r, a->year) == NULL &&
		    (r->only == 0 || a->year == r->only))
			diag_msg(DIAG_ERROR, &a->pos, MSG_ASSESS_NO_EDITION,
			    a->year, a->year);
	}
	for (i = 0; i < m->nassess; i++) {
		const struct edition *e;
		const char	*gap;

		a = &m->assess[i];
		if (a->text != NULL && (gap = gap_find(a->text)) != NULL &&
		    (e = report_edition(r, a->year)) != NULL && covered(r, e))
			diag_msg(gap_level(e, draft), &a->pos, MSG_ASSESS_GAP,
			    a->year, gap);
	}
	if (m->nassess > 0)
		p = m->assess[m->nassess - 1].pos;
	for (i = 0; i < r->neds; i++)
		if (report_assessment(m, r->eds[i].year) == NULL &&
		    r->eds[i].title != NULL && covered(r, &r->eds[i]))
			diag_msg(gap_level(&r->eds[i], draft), &p,
			    MSG_NO_ASSESSMENT, m->id, r->eds[i].year,
			    gap_level(&r->eds[i], draft) == DIAG_WARNING ?
			    " (draft: « À rédiger » in its place)" : "");
}

/* Is the page of slug the edition's page of that name ("donnees.html")? */
static int
is_page(const char *slug, const char *page)
{
	size_t	 n = strlen(slug);

	return strncmp(page, slug, n) == 0 && strcmp(page + n, ".html") == 0;
}

/* Would the part's page overwrite a page the site writes itself? */
static int
reserved(const char *slug)
{
	return strcmp(slug, "index") == 0 || is_page(slug, fname(FNAME_DATA)) ||
	    is_page(slug, fname(FNAME_REVIEW)) ||
	    fname_has_stem(slug, FNAME_MEASURE) ||
	    fname_has_stem(slug, FNAME_PRIORITY);
}

static void
check_parts(const struct part *pt, size_t n)
{
	const char	*data = fname(FNAME_DATA), *review = fname(FNAME_REVIEW);
	size_t		 i;

	/* The pages by their names less ".html", as slugs are written. */
	for (i = 0; i < n; i++)
		if (reserved(pt[i].slug))
			diag_msg(DIAG_ERROR, &pt[i].pos, MSG_PART_NAME,
			    pt[i].file, (int)strlen(data) - 5, data,
			    (int)strlen(review) - 5, review,
			    fname(FNAME_MEASURE), fname(FNAME_PRIORITY));
}

/* The images an edition shows, in reading order. */
struct imgrefs {
	const struct span **v;
	size_t		 n, cap;
};

static void
images_in_spans(struct imgrefs *ir, const struct span *s)
{
	for (; s != NULL; s = s->next) {
		if (s->type == SPAN_IMAGE && s->hash != NULL) {
			if (ir->n == ir->cap) {
				ir->cap = ir->cap ? ir->cap * 2 : 16;
				ir->v = xreallocarray(ir->v, ir->cap,
				    sizeof(*ir->v));
			}
			ir->v[ir->n++] = s;
		}
		images_in_spans(ir, s->child);
	}
}

static void
images_in_blocks(struct imgrefs *ir, const struct block *b)
{
	for (; b != NULL; b = b->next) {
		images_in_spans(ir, b->ins);
		images_in_blocks(ir, b->child);
	}
}

/* An image reference and its place in reading order. */
struct imgref {
	const struct span *s;
	size_t		 at;
};

/* By hash, then by reading order: the first of each hash comes first. */
static int
cmp_img(const void *a, const void *b)
{
	const struct imgref *x = a, *y = b;
	int	 c;

	if ((c = strcmp(x->s->hash, y->s->hash)) != 0)
		return c;
	return (x->at > y->at) - (x->at < y->at);
}

/*
 * The images' budget of an edition: its distinct images (one per hash,
 * however often shown) weigh MAX_EDITION_IMAGE_BYTES and hold
 * MAX_EDITION_IMAGE_PIXELS at most, which bounds the site's img/ folder
 * and the memory of the PDF, which keeps each image decoded until it is
 * written.  The image, in reading order, that goes past it is named,
 * once.
 */
static void
check_images(const struct edition *e, size_t nmeasures)
{
	struct imgrefs	 ir = { NULL, 0, 0 };
	struct imgref	*byhash;
	const struct span *s;
	char		*first;
	size_t		 i, bytes = 0;
	double		 px = 0;

	for (i = 0; i < e->nfront; i++)
		images_in_blocks(&ir, e->front[i].doc.blocks);
	for (i = 0; i < nmeasures; i++)
		images_in_blocks(&ir, e->narr[i].blocks);
	for (i = 0; i < e->nback; i++)
		images_in_blocks(&ir, e->back[i].doc.blocks);
	if (ir.n == 0)
		return;
	/* The first reference of each hash, found in n log n: an edition
	 * may show thousands of images. */
	byhash = xreallocarray(NULL, ir.n, sizeof(*byhash));
	first = xcalloc(ir.n, 1);
	for (i = 0; i < ir.n; i++) {
		byhash[i].s = ir.v[i];
		byhash[i].at = i;
	}
	qsort(byhash, ir.n, sizeof(*byhash), cmp_img);
	for (i = 0; i < ir.n; i++)
		if (i == 0 || strcmp(byhash[i].s->hash,
		    byhash[i - 1].s->hash) != 0)
			first[byhash[i].at] = 1;
	for (i = 0; i < ir.n; i++) {
		if (!first[i])
			continue;
		s = ir.v[i];
		bytes += s->bytes;
		px += (double)s->w * s->h;
		if (bytes > MAX_EDITION_IMAGE_BYTES ||
		    px > MAX_EDITION_IMAGE_PIXELS) {
			diag_msg(DIAG_ERROR, &s->pos, MSG_IMAGE_BUDGET, s->href,
			    e->year, MAX_EDITION_IMAGE_BYTES,
			    MAX_EDITION_IMAGE_PIXELS);
			break;
		}
	}
	free(first);
	free(byhash);
	free(ir.v);
}

/* A text that new-edition started and nobody finished. */
static void
marked(const struct doc *d, enum dlevel lvl)
{
	struct pos	 p = { d->file, 0, 1 };

	if (d->file != NULL && (p.line = d->gapline) > 0)
		diag_msg(lvl, &p, MSG_GAP, gap_marker());
}

static void
check_edition(const struct report *r, const struct edition *e, int draft)
{
	enum dlevel	 lvl = gap_level(e, draft);
	const char	*why = lvl == DIAG_WARNING ?
	    " (draft: « À rédiger » in its place)" : "";
	size_t		 i;

	if (!covered(r, e))
		return;
	for (i = 0; i < r->plan.nmeasures; i++)
		if (e->narr[i].missing != NULL) {
			struct pos p = { e->narr[i].missing, 0, 0 };
			diag_msg(lvl, &p, MSG_NO_NARRATIVE,
			    r->plan.measures[i].number, e->year, why);
		}
	if (e->title == NULL)
		return;		/* edition.xml did not load */
	if (e->year < r->plan.start)
		diag_msg(DIAG_ERROR, &e->pos, MSG_EDITION_YEAR, e->year,
		    r->plan.start);
	else if (e->year > r->plan.end + MAX_EXPOST)
		diag_msg(DIAG_ERROR, &e->pos, MSG_EDITION_EXPOST, e->year,
		    MAX_EXPOST, r->plan.end);
	check_parts(e->front, e->nfront);
	check_parts(e->back, e->nback);
	check_images(e, r->plan.nmeasures);
	for (i = 0; i < r->plan.nmeasures; i++)
		if (e->narr[i].file != NULL && e->narr[i].blocks == NULL) {
			struct pos p = { e->narr[i].file, 0, 0 };
			diag_msg(lvl, &p, MSG_EMPTY_NARRATIVE, why);
		}
	for (i = 0; i < r->plan.nmeasures; i++)
		marked(&e->narr[i], lvl);
	for (i = 0; i < e->nfront; i++)
		marked(&e->front[i].doc, lvl);
	for (i = 0; i < e->nback; i++)
		marked(&e->back[i].doc, lvl);
	for (i = 0; i < e->nfront; i++)
		if (e->front[i].doc.file && e->front[i].doc.blocks == NULL) {
			struct pos p = { e->front[i].doc.file, 0, 0 };
			diag_msg(DIAG_ERROR, &p, MSG_EMPTY_PART);
		}
	for (i = 0; i < e->nback; i++)
		if (e->back[i].doc.file && e->back[i].doc.blocks == NULL) {
			struct pos p = { e->back[i].doc.file, 0, 0 };
			diag_msg(DIAG_ERROR, &p, MSG_EMPTY_PART);
		}
}

void
validate(const struct report *r)
{
	validate_opts(r, 0);
}

void
validate_opts(const struct report *r, int draft)
{
	size_t	 i;

	if (r->plan.nmeasures == 0)
		return;		/* the plan did not load */
	for (i = 0; i < r->neds; i++)
		check_edition(r, &r->eds[i], draft);
	for (i = 0; i < r->plan.nmeasures; i++)
		check_measure(r, &r->plan.measures[i], draft);
}
