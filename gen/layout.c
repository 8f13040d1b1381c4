/*
 * The PDF layout engine (see layout.h): measures text with pango, once
 * per paragraph at the column width, and breaks the resulting lines,
 * rows and boxes into pages.  Drawing is pdf.c's.
 *
 * Memory: every item owns its arrays, layouts and table; lay_free()
 * releases them.  Strings from the model are borrowed (the report
 * outlives the layout).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "report.h"
#include "extern.h"
#include "i18n.h"
#include "font.h"
#include "hyph.h"
#include "layout.h"
#include "theme.h"

#define EPS		0.01	/* [pt] slack when comparing heights */
#define LIST_STEP	17.0	/* [pt] indent of one list level */
#define LIST_STEP_DEEP	9.0	/* [pt] beyond LIST_DEEP levels */
#define LIST_DEEP	6
#define QUOTE_STEP	16.0	/* [pt] indent of a block quote */
#define CODE_PAD	5.0	/* [pt] shaded margin around code */
#define CODE_HANG	14.0	/* [pt] indent of a wrapped code line */
#define NOTE_INDENT	20.0	/* [pt] text of a numbered note */
#define MARKER_GAP	5.0	/* [pt] between a list marker and its text */

#define SERIF	FONT_TEXT
#define SANS	FONT_HEADING
#define MONO	FONT_CODE
#define B	PANGO_WEIGHT_BOLD
#define R	PANGO_WEIGHT_NORMAL
#define SB	PANGO_WEIGHT_SEMIBOLD
#define UP	PANGO_STYLE_NORMAL
#define IT	PANGO_STYLE_ITALIC
#define TX	INK_TEXT
#define SO	INK_TEXT_SOFT
#define AC	INK_ACCENT
#define HM	INK_HEADING_MINOR
#define NO	INK_NOTE
#define KI	INK_KICKER

const struct lay_style_def lay_styles[STYLE__MAX] = {
	/* family size lead weight slant just hyph any before after keep
	 * split ink tag */
	{ SERIF, 10.5, 14.5, R, UP, 1, 1, 0,  0,  6, 0, 1, TX, "P" },
						/* STYLE_BODY */
	{ SERIF, 10.5, 14.5, R, UP, 1, 1, 0,  0,  3, 0, 1, TX, "P" },
						/* STYLE_ITEM */
	{ SERIF, 10.0, 14.0, R, IT, 1, 1, 0,  2,  6, 0, 1, SO,
	    "BlockQuote" },
						/* STYLE_QUOTE */
	{ MONO,   8.0, 11.0, R, UP, 0, 0, 1,  0,  0, 0, 1, TX, "Code" },
						/* STYLE_CODE */
	{ SANS,  20.0, 25.0, B, UP, 0, 0, 0,  0, 16, 1, 0, AC, "H1" },
						/* STYLE_H1 */
	{ SANS,  14.0, 18.0, B, UP, 0, 0, 0, 18,  8, 1, 0, AC, "H2" },
						/* STYLE_H2 */
	{ SANS,  12.5, 16.0, B, UP, 0, 0, 0, 14,  6, 1, 0, AC, "H3" },
						/* STYLE_H3 */
	{ SANS,  11.0, 14.5, B, UP, 0, 0, 0, 12,  4, 1, 0, TX, "H4" },
						/* STYLE_H4 */
	{ SANS,  10.5, 14.0, SB, UP, 0, 0, 0, 10, 3, 1, 0, HM, "H5" },
						/* STYLE_H5 */
	{ SERIF, 10.5, 14.0, R, IT, 0, 0, 0, 8,  2, 1, 0, NO, "H6" },
						/* STYLE_H6 */
	{ SANS,   8.5, 11.0, B, UP, 0, 0, 0, 18,  1, 1, 0, KI, "P" },
						/* STYLE_KICKER */
	{ SANS,   8.5, 12.0, R, UP, 0, 1, 0,  0,  8, 0, 0, NO, "P" },
						/* STYLE_LEAD */
	{ SANS,   9.0, 12.5, R, UP, 0, 1, 0,  0,  2, 0, 1, TX, "P" },
						/* STYLE_STATUS */
	{ SANS,   9.0, 12.0, B, UP, 0, 1, 0,  8,  2, 1, 0, TX,
	    "Caption" },			/* STYLE_CAPTION */
	{ SANS,   8.5, 11.5, R, IT, 0, 1, 0,  0,  4, 1, 0, NO, "P" },
						/* STYLE_DESC */
	{ SANS,   8.0, 10.5, R, UP, 0, 1, 0,  3,  0, 0, 0, NO, "P" },
						/* STYLE_SMALL */
	{ SANS,   8.0, 10.5, R, UP, 0, 1, 0,  0,  0, 0, 0, TX, "TD" },
						/* STYLE_CELL */
	{ SANS,   8.0, 10.5, B, UP, 0, 0, 0,  0,  0, 0, 0, TX, "TH" },
						/* STYLE_CELLHEAD */
	{ SANS,   8.0, 10.5, R, UP, 0, 0, 1,  0,  2, 0, 1, SO, "P" },
						/* STYLE_NOTE */
	{ SANS,  10.5, 14.0, B, UP, 0, 0, 0, 10,  2, 0, 0, AC, "P" },
						/* STYLE_TOC1 */
	{ SERIF, 10.0, 13.5, R, UP, 0, 0, 0,  3,  1, 0, 0, TX, "P" },
						/* STYLE_TOC2 */
	{ SERIF,  9.5, 12.5, R, UP, 0, 0, 0,  1,  1, 0, 0, TX, "P" },
						/* STYLE_TOC3 */
};

/* ---- pagination ---- */

/* [pt] h with a continued table's header rows and conth added, in the
 * order lay_height() adds them (the sums must match to the bit). */
static double
with_head(const struct lay_item *it, double h)
{
	size_t	 i;

	for (i = 0; i < it->nhead && i < it->nu; i++)
		h += it->uh[i];
	return h + it->conth;
}

double
lay_height(const struct lay_item *it, size_t first, size_t last, int cont)
{
	double	 h = 0;
	size_t	 i;

	for (i = first; i < last && i < it->nu; i++)
		h += it->uh[i];
	if (cont)
		h = with_head(it, h);
	return h;
}

/* May the item break after its first e units (0 < e < nu)? */
static int
can_break(const struct lay_item *it, size_t e)
{
	size_t	 orph, wid;

	switch (it->kind) {
	case LAY_TEXT:
		orph = it->orphans < 1 ? 1 : (size_t)it->orphans;
		wid = it->widows < 1 ? 1 : (size_t)it->widows;
		/* Never after a hyphenated line: the word's halves would
		 * be a page (and maybe a figure) apart, and no search would
		 * find it. */
		return e >= orph && it->nu - e >= wid &&
		    (it->hyend == NULL || !it->hyend[e - 1]);
	case LAY_TABLE:
		/* Two body rows at least on each side, when there are. */
		if (it->nu - it->nhead < 4)
			return e > it->nhead && e < it->nu;
		return e >= it->nhead + 2 && it->nu - e >= 2;
	case LAY_BOX:
	case LAY_BREAK:
	case LAY__MAX:
		break;
	}
	return 0;
}

/* Number of units of the smallest first piece the item can have. */
static size_t
first_units(const struct lay_item *it)
{
	size_t	 e;

	for (e = 1; e < it->nu; e++)
		if (can_break(it, e))
			return e;
	return it->nu;
}

/*
 * The height that must fit below the current position for item i to
 * start here: its own first piece, or, for a kept item, itself and the
 * kept items after it whole plus the first piece of the item that ends
 * the chain.  A chain taller than a page is not kept (it could not be).
 */
static double
need_height(const struct lay_item *items, size_t n, size_t i, double height)
{
	const struct lay_item *it = &items[i];
	double	 need, after;
	size_t	 j;

	need = lay_height(it, 0, first_units(it), 0);
	if (!it->keep)
		return need;
	need = lay_height(it, 0, it->nu, 0);
	after = it->after;
	for (j = i + 1; j < n && items[j].kind != LAY_BREAK; j++) {
		if (items[j].nu == 0)
			continue;	/* an anchor */
		need += fmax(after, items[j].before);
		if (!items[j].keep) {
			need += lay_height(&items[j], 0,
			    first_units(&items[j]), 0);
			break;
		}
		need += lay_height(&items[j], 0, items[j].nu, 0);
		after = items[j].after;
	}
	if (need > height + EPS)
		need = lay_height(it, 0, first_units(it), 0);
	return need;
}

/*
 * How floats are placed.  A float group goes to the top of the page
 * before the one it would start, when it would leave that page emptier
 * than FLOAT_GAP (see hoist_page()).  Pages are filled in one pass;
 * when the float just placed is worth hoisting to page P, the pass goes
 * back to the last item it began on a page before P (a mark) and goes
 * on from there with the float at P's top.  Nothing before P changes,
 * floats are decided in their order, and a float never rises above its
 * anchor nor across a page break (its page would have to hold items
 * before the break), so the work is that of one pass plus, for each
 * hoisted float, the items it replays: those from the last one begun
 * before P (usually a page or two of them).  The whole-document passes
 * this replaces gave the same pages (tests/unit-layout.c keeps them as
 * an oracle).
 */
#define NOPAGE		((size_t)-1)
#define FLOAT_GAP	0.2	/* hoist a float that leaves more empty */
#define FLOAT_MAX	0.7	/* floats at a page top fill at most this */

/* The pass's state before a main-loop item: where to go back to. */
struct mark {
	size_t		 i;		/* the item */
	size_t		 page, npieces, ndone;
	double		 y, after;
	int		 top;
};

/* The state of the pagination. */
struct run {
	const struct lay_item *items;
	size_t		 n;
	double		 height;	/* [pt] of a page's body */
	struct lay_pages *pg;
	size_t		 cap;		/* of pg->piece */
	size_t		 page;
	double		 y;		/* [pt] used on the page */
	int		 top;		/* nothing on the page yet */
	double		 after;		/* [pt] space after the last item */
	size_t		*hoist;		/* [n] page a float group goes to the
					 * top of, or NOPAGE */
	size_t		*ingroup;	/* [n] first item of the float group
					 * an item is in, or NOPAGE */
	char		*done;		/* [n] float group placed */
	double		*prevy;		/* [n] [pt] used on the page a float
					 * group left, or -1 */
	size_t		*pstart;	/* [page + 1] first piece of a page */
	size_t		 pscap;
	size_t		*tops;		/* hoisted groups, by page then item */
	size_t		 ntops, topcap;
	size_t		*dlog;		/* groups marked done, in order */
	size_t		 ndone, dcap;
	struct mark	*mark;
	size_t		 nmarks, mcap;
};

static void
push_piece(struct run *r, size_t item, size_t first, size_t last, int cont,
    double y, double h)
{
	struct lay_pages *pg = r->pg;
	struct lay_piece *p;

	if (pg->npieces == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 64;
		pg->piece = xreallocarray(pg->piece, r->cap,
		    sizeof(*pg->piece));
	}
	p = &pg->piece[pg->npieces++];
	p->item = item;
	p->first = first;
	p->last = last;
	p->cont = cont;
	p->page = r->page;
	p->y = y;
	p->h = h;
}

static void
set_done(struct run *r, size_t g)
{
	r->done[g] = 1;
	if (r->ndone == r->dcap) {
		r->dcap = r->dcap ? r->dcap * 2 : 64;
		r->dlog = xreallocarray(r->dlog, r->dcap, sizeof(*r->dlog));
	}
	r->dlog[r->ndone++] = g;
}

/* One past the last item of the float group starting at i: its items
 * are kept together, up to the first one that is not kept. */
static size_t
group_end(const struct lay_item *items, size_t n, size_t i)
{
	while (i + 1 < n && items[i].keep)
		i++;
	return i + 1;
}

/* [pt] Height of the items [i, j) placed together. */
static double
group_height(const struct lay_item *items, size_t i, size_t j)
{
	double	 h = 0;
	size_t	 k;

	for (k = i; k < j; k++)
		h += (k > i ? fmax(items[k - 1].after, items[k].before) : 0) +
		    lay_height(&items[k], 0, items[k].nu, 0);
	return h;
}

static void	 place(struct run *, size_t);

/* Places the float groups hoisted to the top of the current page, in
 * their order. */
static void
place_tops(struct run *r)
{
	size_t	 lo = 0, hi = r->ntops, mid, g, j, e;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (r->hoist[r->tops[mid]] < r->page)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < r->ntops && r->hoist[r->tops[lo]] == r->page; lo++) {
		g = r->tops[lo];
		if (r->done[g])
			continue;
		set_done(r, g);
		e = group_end(r->items, r->n, g);
		for (j = g; j < e; j++)
			place(r, j);
	}
}

/* Starts a page, with the float groups hoisted to its top. */
static void
new_page(struct run *r)
{
	r->page++;
	r->y = 0;
	r->top = 1;
	r->after = 0;
	if (r->page >= r->pscap) {
		r->pscap *= 2;
		r->pstart = xreallocarray(r->pstart, r->pscap,
		    sizeof(*r->pstart));
	}
	r->pstart[r->page] = r->pg->npieces;
	place_tops(r);
}

/* The longest piece from unit s that fits in avail and ends where the
 * item may break (0: none); its height in *hp. */
static size_t
fit_units(struct run *r, const struct lay_item *it, size_t s, int cont,
    double avail, double *hp)
{
	size_t	 e, best = 0;
	double	 sum = 0, h;

	for (e = s + 1; e <= it->nu; e++) {
		r->pg->work++;
		sum += it->uh[e - 1];
		h = cont ? with_head(it, sum) : sum;
		if (h > avail + EPS)
			break;
		if (e == it->nu || can_break(it, e)) {
			best = e;
			*hp = h;
		}
	}
	return best;
}

/* Places item i from the current position, breaking it over pages as
 * allowed. */
static void
place(struct run *r, size_t i)
{
	const struct lay_item *it = &r->items[i];
	size_t	 s, e, best;
	double	 gap, h, avail, prev, sum;
	int	 cont;

	r->pg->work++;
	if (it->kind == LAY_BREAK) {
		if (!r->top)
			new_page(r);
		return;
	}
	gap = r->top ? 0 : fmax(r->after, it->before);
	if (it->nu == 0) {
		/* An anchor: takes no room, keeps its place. */
		push_piece(r, i, 0, 0, 0, r->y + gap, 0);
		return;
	}
	if (!r->top && r->y + gap + need_height(r->items, r->n, i, r->height) >
	    r->height + EPS) {
		prev = r->y;
		/* Floats at the top of the new page may leave too little
		 * room again. */
		do {
			new_page(r);
			gap = r->top ? 0 : fmax(r->after, it->before);
		} while (!r->top && r->y + gap + need_height(r->items, r->n,
		    i, r->height) > r->height + EPS);
		if (it->flt)
			r->prevy[i] = prev;
	}
	s = 0;
	cont = 0;
	for (;;) {
		avail = r->height - r->y - gap;
		/* The longest piece that fits and ends where the item may
		 * break. */
		h = 0;
		best = fit_units(r, it, s, cont, avail, &h);
		if (best == 0 && !r->top) {
			new_page(r);
			gap = r->top ? 0 : r->after;
			continue;
		}
		if (best == 0) {
			/* Taller than a page with no allowed break that
			 * fits: break where it must, at least one unit,
			 * rather than lose anything. */
			best = s + 1;
			sum = it->uh[s];
			h = cont ? with_head(it, sum) : sum;
			for (e = s + 2; e <= it->nu; e++) {
				r->pg->work++;
				sum += it->uh[e - 1];
				if ((cont ? with_head(it, sum) : sum) >
				    avail + EPS)
					break;
				best = e;
				h = cont ? with_head(it, sum) : sum;
			}
		}
		push_piece(r, i, s, best, cont, r->y + gap, h);
		r->y += gap + h;
		r->top = 0;
		r->after = it->after;
		if (best == it->nu)
			break;
		new_page(r);
		gap = r->top ? 0 : r->after;
		s = best;
		cont = it->kind == LAY_TABLE;
	}
}

/*
 * The page float g (just placed from piece k on) goes to the top of:
 * the page before the one it starts, when it went to that page leaving
 * the page before emptier than FLOAT_GAP, when that page begins at or
 * after the group's anchor, the floats before g are all on earlier
 * pages or at its top, and its top has room for the group.  NOPAGE
 * when none.  Looks at the page before and g's own only.
 */
static size_t
hoist_page(const struct run *r, size_t g, size_t k)
{
	const struct lay_pages *pg = r->pg;
	size_t	 page, low, e;
	double	 tops;

	if (!r->items[g].flt || r->hoist[g] != NOPAGE || r->prevy[g] < 0 ||
	    r->height - r->prevy[g] < FLOAT_GAP * r->height)
		return NOPAGE;
	for (; k < pg->npieces && pg->piece[k].item != g; k++)
		;
	if (k == pg->npieces || pg->piece[k].page == 0)
		return NOPAGE;
	page = pg->piece[k].page - 1;
	/* Floats keep their order: every earlier one must already be on an
	 * earlier page, or at the top of this one.  All are placed by now,
	 * and pieces are in page order. */
	for (k = r->pstart[page]; k < pg->npieces; k++) {
		e = pg->piece[k].item;
		if (e < g && r->items[e].flt && !(pg->piece[k].page == page &&
		    r->hoist[e] == page))
			return NOPAGE;
	}
	/* The page's first item that is not a hoisted float, and the
	 * floats already at its top. */
	low = NOPAGE;
	tops = 0;
	for (k = r->pstart[page]; k < pg->npieces &&
	    pg->piece[k].page == page; k++) {
		e = pg->piece[k].item;
		if (r->ingroup[e] != NOPAGE &&
		    r->hoist[r->ingroup[e]] == page)
			tops += pg->piece[k].h;
		else if (low == NOPAGE || e < low)
			low = e;
	}
	if (low == NOPAGE || low < r->items[g].anchor)
		return NOPAGE;
	if (tops + group_height(r->items, g, group_end(r->items, r->n, g)) >
	    FLOAT_MAX * r->height)
		return NOPAGE;
	return page;
}

static void
push_mark(struct run *r, size_t i)
{
	struct mark	*m;

	if (r->nmarks == r->mcap) {
		r->mcap = r->mcap ? r->mcap * 2 : 256;
		r->mark = xreallocarray(r->mark, r->mcap, sizeof(*r->mark));
	}
	m = &r->mark[r->nmarks++];
	m->i = i;
	m->page = r->page;
	m->npieces = r->pg->npieces;
	m->ndone = r->ndone;
	m->y = r->y;
	m->after = r->after;
	m->top = r->top;
}

/* Hoists float g to the top of page p: goes back to the last item begun
 * on a page before p (or to the start).  Returns the item to go on
 * from. */
static size_t
hoist(struct run *r, size_t g, size_t p)
{
	struct mark	 m0;
	const struct mark *m;
	size_t		 k;

	while (r->nmarks > 0 && r->mark[r->nmarks - 1].page >= p)
		r->nmarks--;
	if (r->nmarks > 0)
		m = &r->mark[--r->nmarks];
	else {
		/* Only when floats at the top of page 0 overflow it. */
		memset(&m0, 0, sizeof(m0));
		m0.top = 1;
		m = &m0;
	}
	r->pg->npieces = m->npieces;
	r->page = m->page;
	r->y = m->y;
	r->after = m->after;
	r->top = m->top;
	while (r->ndone > m->ndone)
		r->done[r->dlog[--r->ndone]] = 0;
	r->hoist[g] = p;
	if (r->ntops == r->topcap) {
		r->topcap = r->topcap ? r->topcap * 2 : 64;
		r->tops = xreallocarray(r->tops, r->topcap, sizeof(*r->tops));
	}
	/* By page, then item; later hoists go to the same page or a later
	 * one, and are later items, so this is an append. */
	for (k = r->ntops++; k > 0 && (r->hoist[r->tops[k - 1]] > p ||
	    (r->hoist[r->tops[k - 1]] == p && r->tops[k - 1] > g)); k--)
		r->tops[k] = r->tops[k - 1];
	r->tops[k] = g;
	if (m == &m0)
		place_tops(r);
	return m->i;
}

void
lay_paginate(const struct lay_item *items, size_t n, double height,
    struct lay_pages *pg)
{
	struct run	 r;
	size_t		 i, j, e, k, p;

	memset(pg, 0, sizeof(*pg));
	memset(&r, 0, sizeof(r));
	r.items = items;
	r.n = n;
	r.height = height;
	r.pg = pg;
	r.top = 1;
	r.hoist = xcalloc(n + 1, sizeof(*r.hoist));
	r.ingroup = xcalloc(n + 1, sizeof(*r.ingroup));
	r.done = xcalloc(n + 1, 1);
	r.prevy = xcalloc(n + 1, sizeof(double));
	r.pscap = 64;
	r.pstart = xcalloc(r.pscap, sizeof(*r.pstart));
	for (i = 0; i < n; i++) {
		r.hoist[i] = r.ingroup[i] = NOPAGE;
		r.prevy[i] = -1;
	}
	for (i = 0; i < n; i++)
		if (items[i].flt)
			for (e = group_end(items, n, i), j = i; j < e; j++)
				r.ingroup[j] = i;
	place_tops(&r);
	for (i = 0; i < n; ) {
		push_mark(&r, i);
		if (items[i].flt && r.done[i]) {
			i = group_end(items, n, i);
			continue;
		}
		if (!items[i].flt) {
			place(&r, i);
			i++;
			continue;
		}
		set_done(&r, i);
		r.prevy[i] = -1;
		k = pg->npieces;
		place(&r, i);
		if ((p = hoist_page(&r, i, k)) != NOPAGE)
			i = hoist(&r, i, p);
		else
			i++;
	}
	pg->npages = r.page + 1;
	free(r.hoist);
	free(r.ingroup);
	free(r.done);
	free(r.prevy);
	free(r.pstart);
	free(r.tops);
	free(r.dlog);
	free(r.mark);
}

void
lay_pages_free(struct lay_pages *pg)
{
	free(pg->piece);
	memset(pg, 0, sizeof(*pg));
}

/* ---- items ---- */

void
lay_init(struct lay *l, PangoContext *ctx, struct hyph *hy, double width)
{
	memset(l, 0, sizeof(*l));
	l->ctx = ctx;
	l->hy = hy;
	l->width = width;
}

/* Frees an item's unit arrays: measure_lines() makes one block of them
 * that uh begins (other items have their own). */
static void
lines_free(struct lay_item *it)
{
	if (it->top == NULL || it->top != it->uh + it->nu) {
		free(it->top);
		free(it->base);
		free(it->lx);
		free(it->hyend);
	}
	free(it->uh);
	it->uh = it->top = it->base = it->lx = NULL;
	it->hyend = NULL;
}

static void
item_free(struct lay_item *it)
{
	size_t	 i;

	lines_free(it);
	free(it->links);
	free(it->langs);
	free((char *)it->str);
	free(it->alt);
	free(it->opens);
	if (it->layout != NULL)
		g_object_unref(it->layout);
	if (it->marker != NULL)
		g_object_unref(it->marker);
	if (it->table != NULL) {
		for (i = 0; i < it->table->nrows * it->table->ncols; i++)
			if (it->table->cell[i] != NULL)
				g_object_unref(it->table->cell[i]);
		if (it->table->cont != NULL)
			g_object_unref(it->table->cont);
		free(it->table->cell);
		free(it->table->colx);
		free(it->table);
	}
}

void
lay_free(struct lay *l)
{
	size_t	 i;

	for (i = 0; i < l->nitems; i++)
		item_free(&l->item[i]);
	for (i = 0; i < STYLE__MAX; i++) {
		if (l->plain[i] != NULL)
			pango_attr_list_unref(l->plain[i]);
		if (l->markless[i] != NULL)
			pango_attr_list_unref(l->markless[i]);
	}
	memset(l->plain, 0, sizeof(l->plain));
	memset(l->markless, 0, sizeof(l->markless));
	free(l->item);
	free(l->note);
	l->item = NULL;
	l->note = NULL;
	l->nitems = l->cap = l->nnotes = l->notecap = 0;
}

struct lay_item *
lay_add(struct lay *l, enum lay_kind kind)
{
	struct lay_item	*it;

	if (l->nitems == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->item = xreallocarray(l->item, l->cap, sizeof(*l->item));
	}
	it = &l->item[l->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->w = l->width;
	return it;
}

void
lay_break(struct lay *l)
{
	if (l->nitems > 0 && l->item[l->nitems - 1].kind == LAY_BREAK)
		return;
	lay_add(l, LAY_BREAK);
}

int
lay_note(struct lay *l, const char *uri)
{
	size_t	 i;

	for (i = 0; i < l->nnotes; i++)
		if (strcmp(l->note[i], uri) == 0)
			return (int)i + 1;
	if (l->nnotes == l->notecap) {
		l->notecap = l->notecap ? l->notecap * 2 : 16;
		l->note = xreallocarray(l->note, l->notecap,
		    sizeof(*l->note));
	}
	l->note[l->nnotes++] = uri;
	return (int)l->nnotes;
}

/* ---- text: spans -> UTF-8 text + pango attributes + links ---- */

struct tb {
	struct lay	*l;
	struct buf	 t;
	PangoAttrList	*attrs;
	struct lay_link	*links;
	size_t		 nlinks, cap;
	struct lay_lang	*langs;
	size_t		 nlangs, langcap;
	size_t		 run;		/* characters since the last place
					 * a line may break */
	int		 lng;		/* in a run past RUN_MAX */
	gunichar	 prev;		/* the last character put */
	int		 hyph;		/* hyphenate prose */
	enum lay_style	 st;
};

/*
 * A run of text with no place to break a line (an address, an
 * identifier, a long string of digits) is broken by pango anywhere once
 * it does not fit; but pango 1.50 then shapes the rest of the run again
 * for every line, so the work grows with the square of its length (a
 * 7 MB run: days).  Past RUN_MAX characters, a zero-width space
 * (U+200B, a break opportunity that draws nothing and that text
 * extraction drops) every RUN_STEP characters gives pango places to
 * break: each piece is shaped once, and a line of such a run ends at most
 * RUN_STEP characters short.  Ordinary words never reach RUN_MAX, so
 * their text is left as it is.
 */
#define RUN_MAX		64	/* [characters] with no break opportunity */
#define RUN_STEP	8	/* [characters] between inserted breaks */
#define ZWSP		"\xe2\x80\x8b"

/* May a line break before c, or does c end a run? */
static int
breaks_run(gunichar c)
{
	return c == ' ' || c == '\n' || c == '\t' || c == 0x2028 ||
	    c == 0xad || c == 0x200b;
}

/* Must c stay with the character before it (a combining mark, a
 * joiner, a variation selector, an emoji modifier)? */
static int
clings(gunichar c)
{
	return g_unichar_ismark(c) || c == 0x200d ||
	    (c >= 0xfe00 && c <= 0xfe0f) || (c >= 0x1f3fb && c <= 0x1f3ff) ||
	    (c >= 0xe0100 && c <= 0xe01ef);
}

/* Is a break to be inserted before c, at run characters since the last
 * break opportunity (*lng: in a run longer than RUN_MAX)?  Updates the
 * run for c. */
static int
tb_step(size_t *run, int *lng, gunichar c, gunichar prev)
{
	if (breaks_run(c)) {
		*run = 0;
		*lng = 0;
		return 0;
	}
	/* Never after an f: the font joins f with the next letter into
	 * one ligature glyph (fi, fl, ff), and a break inside it would be
	 * extracted from the PDF with the text. */
	if (*run >= (*lng ? RUN_STEP : RUN_MAX) && !clings(c) &&
	    prev != 0x200d && prev != 'f') {
		*run = 1;
		*lng = 1;
		return 1;
	}
	(*run)++;
	return 0;
}

/* Gives the text appended to b since byte from its break opportunities
 * (see RUN_MAX).  Spans' attributes and links are set after their text
 * is appended, so their byte offsets stay true. */
static void
tb_breaks(struct tb *b, size_t from)
{
	struct buf	 t = { NULL, 0, 0 };
	const char	*p, *end, *q;
	gunichar	 c, prev = b->prev;
	size_t		 run = b->run;
	int		 lng = b->lng, need = 0;

	/* Most text never needs a break: look before copying. */
	end = b->t.data + b->t.len;
	for (p = b->t.data + from; p < end && !need; p = q) {
		q = g_utf8_next_char(p);
		c = g_utf8_get_char_validated(p, end - p);
		need = tb_step(&run, &lng, c, prev);
		prev = c;
	}
	if (!need) {
		b->run = run;
		b->lng = lng;
		b->prev = prev;
		return;
	}
	buf_put(&t, b->t.data + from, b->t.len - from);
	b->t.len = from;
	run = b->run;
	lng = b->lng;
	prev = b->prev;
	for (p = t.data, end = t.data + t.len; p < end; p = q) {
		q = g_utf8_next_char(p);
		if (q > end)
			q = end;
		c = g_utf8_get_char_validated(p, end - p);
		if (tb_step(&run, &lng, c, prev))
			BUF_PUTSL(&b->t, ZWSP);
		buf_put(&b->t, p, (size_t)(q - p));
		prev = c;
	}
	b->run = run;
	b->lng = lng;
	b->prev = prev;
	buf_free(&t);
}

static void
tb_init(struct tb *b, struct lay *l, enum lay_style st)
{
	memset(b, 0, sizeof(*b));
	b->l = l;
	b->attrs = NULL;	/* made by the first span's attribute */
	/* Ragged text gets its soft hyphens later, and only where a word
	 * does not fit (lay_fix_breaks()). */
	b->hyph = lay_styles[st].hyphenate && lay_styles[st].justify &&
	    l->hy != NULL;
	b->st = st;
}

static void
tb_attr(struct tb *b, PangoAttribute *a, size_t start, size_t end)
{
	a->start_index = (guint)start;
	a->end_index = (guint)end;
	if (b->attrs == NULL)
		b->attrs = pango_attr_list_new();
	pango_attr_list_insert(b->attrs, a);
}

static void
tb_put(struct tb *b, const char *s, int hyph)
{
	size_t	 from = b->t.len;

	if (s == NULL)
		return;
	if (hyph && b->hyph)
		hyph_put(b->l->hy, &b->t, s, strlen(s));
	else
		buf_puts(&b->t, s);
	tb_breaks(b, from);
}

/* A foreground attribute of the theme's colour ink. */
static PangoAttribute *
ink_attr(unsigned ink)
{
	struct rgb	 c = theme_get()->ink[ink];

	return pango_attr_foreground_new((guint16)lround(c.r * 65535),
	    (guint16)lround(c.g * 65535), (guint16)lround(c.b * 65535));
}

static void
tb_color(struct tb *b, unsigned ink, size_t start, size_t end)
{
	tb_attr(b, ink_attr(ink), start, end);
}

/* Is the link's only text its own address (an autolink)? */
static int
link_is_address(const struct span *s)
{
	const char	*h = s->href;

	if (h == NULL || s->child == NULL || s->child->next != NULL ||
	    s->child->type != SPAN_TEXT || s->child->text == NULL)
		return 0;
	if (strncmp(h, "mailto:", 7) == 0)
		h += 7;
	return strcmp(s->child->text, h) == 0 ||
	    strcmp(s->child->text, s->href) == 0;
}

/* Appends "¹²" as a superscript note call. */
static void
tb_call(struct tb *b, int n)
{
	char	 num[16];
	size_t	 start = b->t.len;

	snprintf(num, sizeof(num), "%d", n);
	buf_puts(&b->t, num);
	tb_attr(b, pango_attr_baseline_shift_new(PANGO_BASELINE_SHIFT_SUPERSCRIPT),
	    start, b->t.len);
	tb_attr(b, pango_attr_font_scale_new(PANGO_FONT_SCALE_SUPERSCRIPT),
	    start, b->t.len);
	tb_attr(b, pango_attr_family_new(FONT_SANS), start, b->t.len);
}

static void
tb_link(struct tb *b, size_t start, const char *uri, const char *dest)
{
	struct lay_link	*k;

	if (b->nlinks == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 8;
		b->links = xreallocarray(b->links, b->cap, sizeof(*b->links));
	}
	k = &b->links[b->nlinks++];
	k->start = (int)start;
	k->end = (int)b->t.len;
	k->uri = uri;
	k->dest = dest;
	k->ref = NULL;
	k->pnum = -1;
	k->pnumw = 0;
}

/* Appends " (p. ", a blank box as wide as l->pnumdigits digits where the
 * drawing puts the target's page number (known once every page is
 * placed), and ")", for the link just added. */
static void
tb_pageref(struct tb *b, enum lay_style st)
{
	const struct lay_style_def *d = &lay_styles[st];
	struct lay_link	*k = &b->links[b->nlinks - 1];
	PangoRectangle	 r;
	PangoLayout	*pl;
	size_t		 start;

	pl = font_layout(b->l->ctx, font_family(d->family), d->size, d->weight);
	pango_layout_set_text(pl, "000000000", b->l->pnumdigits > 0 &&
	    b->l->pnumdigits < 9 ? b->l->pnumdigits : 3);
	pango_layout_get_extents(pl, NULL, &r);
	g_object_unref(pl);
	BUF_PUTSL(&b->t, " (p.\xc2\xa0");
	start = b->t.len;
	BUF_PUTSL(&b->t, "\xef\xbf\xbc");	/* U+FFFC, the box */
	r.x = 0;
	r.y = 0;
	r.height = 0;
	tb_attr(b, pango_attr_shape_new(&r, &r), start, b->t.len);
	k->pnum = (int)start;
	k->pnumw = (double)r.width / PANGO_SCALE;
	buf_putc(&b->t, ')');
}

static void	tb_spans(struct tb *, const struct span *, int);

/* A span in another language: pango shapes it as that language, and
 * the content's patterns do not hyphenate it (no patterns of its own
 * are loaded: it breaks between words only). */
static void
tb_lang(struct tb *b, const struct span *s, int hyph)
{
	size_t		 start = b->t.len;
	enum lang	 l;
	int		 same;

	same = i18n_parse(s->text, &l) && l == i18n_lang();
	tb_spans(b, s->child, hyph && same);
	tb_attr(b, pango_attr_language_new(pango_language_from_string(
	    s->text)), start, b->t.len);
	/* After the spans inside it: the innermost comes first. */
	if (b->nlangs == b->langcap) {
		b->langcap = b->langcap ? b->langcap * 2 : 4;
		b->langs = xreallocarray(b->langs, b->langcap,
		    sizeof(*b->langs));
	}
	b->langs[b->nlangs].start = (int)start;
	b->langs[b->nlangs].end = (int)b->t.len;
	b->langs[b->nlangs++].lang = s->text;
}

static void
tb_spans(struct tb *b, const struct span *s, int hyph)
{
	size_t	 start;

	for (; s != NULL; s = s->next) {
		start = b->t.len;
		switch (s->type) {
		case SPAN_TEXT:
			tb_put(b, s->text, hyph);
			break;
		case SPAN_CODE:
		case SPAN_HTML:
			tb_put(b, s->text, 0);
			tb_attr(b, pango_attr_family_new(FONT_MONO), start,
			    b->t.len);
			tb_attr(b, pango_attr_scale_new(0.86), start,
			    b->t.len);
			tb_attr(b, pango_attr_insert_hyphens_new(FALSE), start,
			    b->t.len);
			break;
		case SPAN_EMPH:
			tb_spans(b, s->child, hyph);
			tb_attr(b, pango_attr_style_new(PANGO_STYLE_ITALIC),
			    start, b->t.len);
			break;
		case SPAN_STRONG:
			tb_spans(b, s->child, hyph);
			tb_attr(b, pango_attr_weight_new(PANGO_WEIGHT_BOLD),
			    start, b->t.len);
			break;
		case SPAN_LINK:
			if (link_is_address(s)) {
				/* An address breaks anywhere, with no hyphen
				 * drawn that would change it. */
				tb_put(b, s->child->text, 0);
				tb_attr(b, pango_attr_insert_hyphens_new(FALSE),
				    start, b->t.len);
			} else
				tb_spans(b, s->child, hyph);
			if (s->href == NULL)
				break;
			tb_color(b, INK_LINK_PRINT, start, b->t.len);
			if (s->ref != NULL) {
				/* Within the report: no address to note. */
				tb_link(b, start, NULL, NULL);
				b->links[b->nlinks - 1].ref = s->ref;
				if (s->pageref)
					tb_pageref(b, b->st);
				break;
			}
			tb_link(b, start, s->href, NULL);
			if (b->l->notes && !link_is_address(s))
				tb_call(b, lay_note(b->l, s->href));
			break;
		case SPAN_LANG:
			tb_lang(b, s, hyph);
			break;
		case SPAN_IMAGE:
			/* Images are boxes of their own (lay_blocks). */
			break;
		case SPAN_SOFTBREAK:
			buf_putc(&b->t, ' ');
			break;
		case SPAN_LINEBREAK:
			/* U+2029: pango ends a paragraph there, and leaves
			 * the line before unjustified (U+2028 it would
			 * stretch). */
			BUF_PUTSL(&b->t, "\xe2\x80\xa9");
			break;
		case SPAN__MAX:
			abort();
		}
	}
}

/* [pt] Baseline below the top of a plain line of a style. */
static double
ref_offset(PangoContext *ctx, enum lay_style st)
{
	const struct lay_style_def *d = &lay_styles[st];
	PangoLayout	*pl;
	PangoAttrList	*al;
	double		 off;

	pl = font_layout(ctx, font_family(d->family), d->size, d->weight);
	al = pango_attr_list_new();
	pango_attr_list_insert(al,
	    pango_attr_line_height_new_absolute((int)(d->leading *
	    PANGO_SCALE)));
	pango_layout_set_attributes(pl, al);
	pango_attr_list_unref(al);
	pango_layout_set_text(pl, "x", 1);
	off = (double)pango_layout_get_baseline(pl) / PANGO_SCALE;
	g_object_unref(pl);
	return off;
}

/*
 * Pango grows a run's glyph arrays by doubling and keeps the slack for
 * the layout's life: a quarter of the glyph memory of the layouts the
 * PDF keeps between measuring and drawing (6 MB at K = 10).  From here on
 * the layout is only read, so each array is cut to its glyphs, and space
 * (pango's count of the glyphs allocated, which its copy and growth
 * read) follows.  Call once the lines are final.
 */
static void
glyphs_trim(PangoLayout *pl)
{
	GSList		*l, *r;
	PangoGlyphString *g;

	for (l = pango_layout_get_lines_readonly(pl); l != NULL; l = l->next)
		for (r = ((PangoLayoutLine *)l->data)->runs; r != NULL;
		    r = r->next) {
			g = ((PangoGlyphItem *)r->data)->glyphs;
			if (g->num_glyphs == 0 || g->space == g->num_glyphs)
				continue;
			g->glyphs = g_realloc_n(g->glyphs,
			    (gsize)g->num_glyphs, sizeof(*g->glyphs));
			g->log_clusters = g_realloc_n(g->log_clusters,
			    (gsize)g->num_glyphs, sizeof(*g->log_clusters));
			g->space = g->num_glyphs;
		}
}

/* Measures a laid-out text into the item's units. */
static void
measure_lines(struct lay_item *it)
{
	PangoLayoutIter	*iter;
	PangoRectangle	 log;
	const char	*text;
	double		 lead, off;
	int		 y0, y1, n, i = 0;

	n = pango_layout_get_line_count(it->layout);
	glyphs_trim(it->layout);
	it->nu = (size_t)n;
	/* One block: uh, top, base, lx, then hyend (see lines_free()). */
	it->uh = xcalloc((size_t)n, 4 * sizeof(double) + 1);
	it->top = it->uh + n;
	it->base = it->top + n;
	it->lx = it->base + n;
	it->hyend = (char *)(it->lx + n);
	text = pango_layout_get_text(it->layout);
	iter = pango_layout_get_iter(it->layout);
	do {
		PangoLayoutLine *ln = pango_layout_iter_get_line_readonly(iter);
		int e = ln->start_index + ln->length;

		it->hyend[i] = (e >= 2 && memcmp(text + e - 2, HYPH_SHY,
		    2) == 0) || strncmp(text + e, HYPH_SOFTEND, 2) == 0;
		pango_layout_iter_get_line_yrange(iter, &y0, &y1);
		pango_layout_iter_get_line_extents(iter, NULL, &log);
		it->top[i] = (double)y0 / PANGO_SCALE;
		it->uh[i] = (double)(y1 - y0) / PANGO_SCALE;
		it->base[i] = (double)pango_layout_iter_get_baseline(iter) /
		    PANGO_SCALE;
		it->lx[i] = (double)log.x / PANGO_SCALE;
		i++;
	} while (i < n && pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
	/* Lines stand on the style's grid: a raised note call or a
	 * taller inline font would otherwise open the line spacing. */
	lead = lay_styles[it->style].leading;
	off = -1;
	for (i = 0; i < n; i++)
		if (fabs(it->uh[i] - lead) < 0.05 &&
		    (off < 0 || it->base[i] - it->top[i] < off))
			off = it->base[i] - it->top[i];
	if (off < 0)
		off = ref_offset(pango_layout_get_context(it->layout),
		    it->style);
	for (i = 0; i < n; i++) {
		it->top[i] = i * lead;
		it->uh[i] = lead;
		it->base[i] = i * lead + off;
	}
}

/* Adds the defaults of the whole text in style st to attrs; they go
 * first, so spans override them.  A markless text (font_markless())
 * has the mark features off: harfbuzz then skips their lookups, which
 * would change nothing. */
static void
style_attrs(PangoAttrList *attrs, enum lay_style st, int markless)
{
	const struct lay_style_def *d = &lay_styles[st];
	PangoAttribute	*a;

	if (markless)
		pango_attr_list_insert_before(attrs,
		    pango_attr_font_features_new(FONT_NO_MARKS));

	a = pango_attr_line_height_new_absolute((int)(d->leading *
	    PANGO_SCALE));
	pango_attr_list_insert_before(attrs, a);
	if (d->slant != PANGO_STYLE_NORMAL)
		pango_attr_list_insert_before(attrs,
		    pango_attr_style_new(d->slant));
	/* Pango never draws hyphens itself: pdf.c hangs them in the margin
	 * at lines that end on a soft hyphen (hyend).  Pango's own hyphen
	 * measuring races between threads (pango 1.50: two builds at
	 * --jobs 2 justified lines differently), and a hanging hyphen
	 * keeps the margin optically straight. */
	pango_attr_list_insert_before(attrs,
	    pango_attr_insert_hyphens_new(FALSE));
	a = ink_attr(d->ink);
	pango_attr_list_insert_before(attrs, a);
}

/*
 * A pango layout of text in a style, at width w [pt]; takes attrs.
 * Texts without spans (attrs NULL: captions, cells, markers) share a
 * list of the style's defaults, kept by the lay, one for markless texts
 * and one for the others: a layout only reads its list, and holds a
 * reference to it.
 */
static PangoLayout *
style_layout(struct lay *l, enum lay_style st, const char *text,
    size_t len, PangoAttrList *attrs, double w)
{
	const struct lay_style_def *d = &lay_styles[st];
	PangoLayout	*pl;
	PangoAttrList	**shared;
	int		 markless;

	pl = font_layout(l->ctx, font_family(d->family), d->size, d->weight);
	pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_justify(pl, d->justify);
	pango_layout_set_text(pl, text, (int)len);
	markless = font_markless(l->ctx, text, (gssize)len);
	if (attrs == NULL) {
		shared = markless ? &l->markless[st] : &l->plain[st];
		if (*shared == NULL) {
			*shared = pango_attr_list_new();
			style_attrs(*shared, st, markless);
		}
		pango_layout_set_attributes(pl, *shared);
	} else {
		style_attrs(attrs, st, markless);
		pango_layout_set_attributes(pl, attrs);
		pango_attr_list_unref(attrs);
	}
	return pl;
}

/*
 * Texts without spans (cells, markers, captions, headings) are laid out
 * once per pango context: the same text in the same style, width and
 * settings shares one layout, each item holding a reference (table
 * cells, years, dashes and list markers repeat by the hundred).  The
 * table of them hangs on the context (one edition's, used by one thread
 * at a time) and holds no reference: a layout leaves it when its last
 * item frees it.  A shared layout is never changed (lay_hang() copies
 * it first).
 */
#define SHARED_KEY	"rapporteur-layout-shared"

/* What a shared layout is looked up by: its settings and its text. */
struct shared_key {
	int		 st, w, justify, align, hang; /* w, hang [pango units] */
	size_t		 len;		/* [bytes] */
	const char	*text;		/* not owned */
};

struct shared {
	GHashTable	*table;		/* key -> struct shared */
	struct shared_key key;		/* its text is the entry's */
	PangoLayout	*pl;		/* not owned */
};

/* djb2 over the settings, then the text (g_str_hash's, without the
 * printing of the numbers a string key would need). */
static guint
shared_hash(gconstpointer p)
{
	const struct shared_key *k = p;
	const int	 v[] = { k->st, k->w, k->justify, k->align, k->hang };
	guint		 h = 5381;
	size_t		 i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		h = h * 33 + (guint)v[i];
	for (i = 0; i < k->len; i++)
		h = h * 33 + (unsigned char)k->text[i];
	return h;
}

static gboolean
shared_equal(gconstpointer pa, gconstpointer pb)
{
	const struct shared_key *a = pa, *b = pb;

	return a->st == b->st && a->w == b->w && a->justify == b->justify &&
	    a->align == b->align && a->hang == b->hang && a->len == b->len &&
	    memcmp(a->text, b->text, a->len) == 0;
}

static void
shared_free(gpointer p)
{
	struct shared	*e = p;

	free((char *)e->key.text);
	free(e);
}

/* The layout is being finalized: forget it. */
static void
shared_gone(gpointer p, GObject *dead)
{
	struct shared	*e = p;

	(void)dead;
	g_hash_table_remove(e->table, &e->key);
}

/*
 * Pango 1.50 shapes each run twice when the layout has a width, even a
 * run that fits: a text with no indent likely to fit (a cell, a year, a
 * caption, a heading, a short list item) is laid out with no width
 * first, and kept when each of its lines fits with a point to spare
 * (UNWRAP_SPARE: pango's own test of what fits is left alone).  Its
 * lines, glyphs and positions are those pango finds at the width: the
 * text never wraps there, a line that is not wrapped is not justified,
 * and a left-aligned line starts at 0 whatever the width.  What reads
 * the layout afterwards reads only these: the lines' extents and
 * baselines, their runs, the x ranges of a link within a line (lay_hang()
 * gives a copy its width back before indenting it).  A right-aligned
 * text (a table's cell of numbers) starts at 0 too, not where pango
 * would put it at w: the drawing adds lay_unwrapped_dx().  Otherwise pl
 * gets its width w [pt] back.
 */
#define UNWRAP_SPARE	1.0	/* [pt] */

static void
unwrapped(PangoLayout *pl, enum lay_style st, const char *text, size_t len,
    double w)
{
	PangoRectangle	 r;
	GSList		*ln;

	if (!font_may_fit(text, (gssize)len, lay_styles[st].size, w))
		return;
	pango_layout_set_width(pl, -1);
	for (ln = pango_layout_get_lines_readonly(pl); ln != NULL;
	    ln = ln->next) {
		pango_layout_line_get_extents(ln->data, NULL, &r);
		if (((PangoLayoutLine *)ln->data)->resolved_dir !=
		    PANGO_DIRECTION_LTR || r.x != 0 ||
		    (double)r.width / PANGO_SCALE + UNWRAP_SPARE > w) {
			pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
			return;
		}
	}
}

int
lay_unwrapped_dx(PangoLayout *pl, double w)
{
	PangoRectangle	 r;

	if (pango_layout_get_width(pl) >= 0 ||
	    pango_layout_get_alignment(pl) != PANGO_ALIGN_RIGHT)
		return 0;
	pango_layout_get_extents(pl, NULL, &r);
	return (int)(w * PANGO_SCALE) - r.width;
}

/* A layout of plain text in a style at width w [pt], justified when
 * justify and the style is, aligned by align, lines after the first
 * indented by hang [pt]; the caller owns a reference. */
static PangoLayout *
plain_layout(struct lay *l, enum lay_style st, const char *text,
    size_t len, double w, int justify, PangoAlignment align, double hang)
{
	GHashTable	*t;
	struct shared	*e;
	struct shared_key key;
	PangoLayout	*pl;
	char		*copy;

	t = g_object_get_data(G_OBJECT(l->ctx), SHARED_KEY);
	if (t == NULL) {
		t = g_hash_table_new_full(shared_hash, shared_equal, NULL,
		    shared_free);
		g_object_set_data_full(G_OBJECT(l->ctx), SHARED_KEY, t,
		    (GDestroyNotify)g_hash_table_unref);
	}
	key.st = (int)st;
	key.w = (int)(w * PANGO_SCALE);
	key.justify = justify;
	key.align = (int)align;
	key.hang = (int)(-hang * PANGO_SCALE);
	key.len = len;
	key.text = text;
	if ((e = g_hash_table_lookup(t, &key)) != NULL)
		return g_object_ref(e->pl);
	pl = style_layout(l, st, text, len, NULL, w);
	if (lay_styles[st].justify && !justify)
		pango_layout_set_justify(pl, FALSE);
	if (align != PANGO_ALIGN_LEFT)
		pango_layout_set_alignment(pl, align);
	if (hang != 0)
		pango_layout_set_indent(pl, (int)(-hang * PANGO_SCALE));
	if ((align == PANGO_ALIGN_LEFT || align == PANGO_ALIGN_RIGHT) &&
	    hang == 0)
		unwrapped(pl, st, text, len, w);
	/* The style's list is shared: no attribute indexes the text. */
	lay_fix_breaks(pl, l->hy, 0, NULL, 0);
	e = xcalloc(1, sizeof(*e));
	e->table = t;
	e->key = key;
	copy = xmalloc(len + 1);
	memcpy(copy, text, len);
	copy[len] = '\0';
	e->key.text = copy;
	e->pl = pl;
	g_hash_table_insert(t, &e->key, e);
	g_object_weak_ref(G_OBJECT(pl), shared_gone, e);
	return pl;
}

/* Has text a run of more than 40 bytes without a space?  Such a run
 * (an address, an identifier) breaks between letters, and pango would
 * justify its lines by spacing the letters out. */
static int
long_token(const char *s, size_t len)
{
	size_t	 i, run = 0;

	for (i = 0; i < len; i++) {
		run = s[i] == ' ' || s[i] == '\n' ? 0 : run + 1;
		if (run > 40)
			return 1;
	}
	return 0;
}

/* The item for a built text, its lines after the first indented by
 * hang [pt]; takes the builder's contents. */
static struct lay_item *
tb_item_hang(struct lay *l, struct tb *b, enum lay_style st, double x,
    double w, double hang)
{
	const struct lay_style_def *d = &lay_styles[st];
	struct lay_item	*it;
	int		 justify;

	if (w <= 0)
		w = l->width - x;
	it = lay_add(l, LAY_TEXT);
	it->style = st;
	it->x = x;
	it->w = w;
	it->tag = d->tag;
	it->before = d->before;
	it->after = d->after;
	it->keep = d->keep;
	justify = d->justify && !long_token(b->t.data, b->t.len);
	if (b->attrs == NULL)
		it->layout = plain_layout(l, st, b->t.data ? b->t.data : "",
		    b->t.len, w, justify, PANGO_ALIGN_LEFT, hang);
	else {
		it->layout = style_layout(l, st, b->t.data ? b->t.data : "",
		    b->t.len, b->attrs, w);
		b->attrs = NULL;
		if (d->justify && !justify)
			pango_layout_set_justify(it->layout, FALSE);
		/* Set before measuring: pango lays the text out once. */
		if (hang != 0)
			pango_layout_set_indent(it->layout,
			    (int)(-hang * PANGO_SCALE));
		else
			unwrapped(it->layout, st, b->t.data ? b->t.data : "",
			    b->t.len, w);
		lay_fix_breaks(it->layout, l->hy, 1, b->links, b->nlinks);
	}
	it->links = b->links;
	it->nlinks = b->nlinks;
	b->links = NULL;
	it->langs = b->langs;
	it->nlangs = b->nlangs;
	b->langs = NULL;
	buf_free(&b->t);
	measure_lines(it);
	/* Two lines at least at the foot and at the head of a page;
	 * headings and captions never break. */
	it->orphans = d->split ? 2 : (int)it->nu;
	it->widows = d->split ? 2 : (int)it->nu;
	return it;
}

static struct lay_item *
tb_item(struct lay *l, struct tb *b, enum lay_style st, double x, double w)
{
	return tb_item_hang(l, b, st, x, w, 0);
}

struct lay_item *
lay_spans(struct lay *l, const struct span *s, enum lay_style st, double x)
{
	struct tb	 b;

	tb_init(&b, l, st);
	tb_spans(&b, s, 1);
	return tb_item(l, &b, st, x, 0);
}

struct lay_item *
lay_text(struct lay *l, const char *text, enum lay_style st, double x,
    double w)
{
	struct tb	 b;

	tb_init(&b, l, st);
	tb_put(&b, text, 1);
	return tb_item(l, &b, st, x, w);
}

struct lay_item *
lay_text_link(struct lay *l, const char *text, enum lay_style st, double x,
    double w, const char *uri, const char *dest)
{
	return lay_text_linked(l, NULL, text, st, x, w, uri, dest);
}

/* lay_text_linked() with the lines after the first indented by hang
 * [pt]. */
static struct lay_item *
text_linked(struct lay *l, const char *pre, const char *text,
    enum lay_style st, double x, double w, const char *uri,
    const char *dest, double hang)
{
	struct tb	 b;
	size_t		 start;

	tb_init(&b, l, st);
	tb_put(&b, pre, 1);
	start = b.t.len;
	tb_put(&b, text, 1);
	if (uri != NULL || dest != NULL)
		tb_link(&b, start, uri, dest);
	if (uri != NULL) {
		tb_color(&b, INK_LINK_PRINT, start, b.t.len);
		if (l->notes)
			tb_call(&b, lay_note(l, uri));
	}
	return tb_item_hang(l, &b, st, x, w, hang);
}

struct lay_item *
lay_text_linked(struct lay *l, const char *pre, const char *text,
    enum lay_style st, double x, double w, const char *uri,
    const char *dest)
{
	return text_linked(l, pre, text, st, x, w, uri, dest, 0);
}

struct lay_item *
lay_text_hang(struct lay *l, const char *text, enum lay_style st, double x,
    double w, const char *dest, double hang)
{
	return text_linked(l, NULL, text, st, x, w, NULL, dest, hang);
}

void
lay_hang(struct lay_item *it, double indent)
{
	int		 split = it->orphans < (int)it->nu || it->nu < 2;
	PangoLayout	*pl;

	/* The layout may be shared (plain_layout()): change a copy. */
	pl = pango_layout_copy(it->layout);
	g_object_unref(it->layout);
	it->layout = pl;
	if (pango_layout_get_width(pl) < 0)	/* unwrapped() */
		pango_layout_set_width(pl, (int)(it->w * PANGO_SCALE));
	pango_layout_set_indent(it->layout, (int)(-indent * PANGO_SCALE));
	lines_free(it);
	measure_lines(it);
	it->orphans = it->widows = split ? 2 : (int)it->nu;
}

/* A small layout holding a list marker or a note number. */
static PangoLayout *
marker_layout(struct lay *l, enum lay_style st, const char *text)
{
	return plain_layout(l, st, text, strlen(text), 1000,
	    lay_styles[st].justify, PANGO_ALIGN_LEFT, 0);
}

/* ---- Markdown blocks ---- */

/* Has the span list any visible text (outside images)? */
static int
spans_have_text(const struct span *s)
{
	const char	*p;

	for (; s != NULL; s = s->next)
		switch (s->type) {
		case SPAN_TEXT:
		case SPAN_CODE:
		case SPAN_HTML:
			for (p = s->text; p != NULL && *p != '\0'; p++)
				if (*p != ' ' && *p != '\n' && *p != '\t')
					return 1;
			break;
		case SPAN_EMPH:
		case SPAN_STRONG:
		case SPAN_LINK:
		case SPAN_LANG:
			if (spans_have_text(s->child))
				return 1;
			break;
		case SPAN_IMAGE:
		case SPAN_SOFTBREAK:
		case SPAN_LINEBREAK:
			break;
		case SPAN__MAX:
			abort();
		}
	return 0;
}

/* The alt text of an image: its children's text. */
static void
alt_text(struct buf *out, const struct span *s)
{
	for (; s != NULL; s = s->next) {
		if (s->text != NULL && (s->type == SPAN_TEXT ||
		    s->type == SPAN_CODE))
			buf_puts(out, s->text);
		else if (s->type == SPAN_SOFTBREAK ||
		    s->type == SPAN_LINEBREAK)
			buf_putc(out, ' ');
		alt_text(out, s->child);
	}
}

/* Image boxes for the images of a paragraph, in order, each a figure
 * with its alt text as caption; link is the link the images are in, or
 * NULL. */
static void
images(struct lay *l, const struct span *s, double x, double maxh,
    const struct span *link)
{
	struct lay_item	*it;
	struct buf	 alt = { NULL, 0, 0 };
	double		 w, h;

	for (; s != NULL; s = s->next) {
		if (s->type != SPAN_IMAGE) {
			images(l, s->child, x, maxh, s->type == SPAN_LINK &&
			    s->href != NULL ? s : link);
			continue;
		}
		if (s->path == NULL || s->w <= 0 || s->h <= 0)
			continue;
		/* Pixels at 96 per inch, never wider than the column nor
		 * taller than maxh. */
		w = fmin(s->w * 0.75, l->width - x);
		h = w * s->h / s->w;
		if (h > maxh) {
			h = maxh;
			w = h * s->w / s->h;
		}
		it = lay_add(l, LAY_BOX);
		it->role = LAY_ROLE_IMAGE;
		it->data = s;
		it->x = x;
		it->w = w;
		it->nu = 1;
		it->uh = xcalloc(1, sizeof(double));
		it->uh[0] = h;
		it->before = 6;
		it->after = 4;
		it->group = "Figure";
		if (link != NULL) {
			/* Clickable: pdf.c lays the link over the box. */
			it->links = xcalloc(1, sizeof(*it->links));
			it->nlinks = 1;
			it->links[0].uri = link->ref == NULL ? link->href :
			    NULL;
			it->links[0].ref = link->ref;
			it->links[0].pnum = -1;
		}
		buf_reset(&alt);
		alt_text(&alt, s->child);
		it->alt = xstrdup(alt.data != NULL ? alt.data : "");
		if (alt.len > 0) {
			it->keep = 1;
			/* An image in a link: its caption is the link (and
			 * calls the note of its address). */
			if (link != NULL && link->ref != NULL) {
				it = lay_text_linked(l, NULL, alt.data,
				    STYLE_DESC, x, 0, NULL, link->ref->dest);
				it->links[it->nlinks - 1].ref = link->ref;
			} else
				it = lay_text_linked(l, NULL, alt.data,
				    STYLE_DESC, x, 0, link != NULL ?
				    link->href : NULL, NULL);
			it->tag = "Caption";
			/* Kept with its image only: the images of one
			 * paragraph are no chain that must share a page. */
			it->keep = 0;
		}
		it->gclose = 1;
		it->after = fmax(it->after, 6);
	}
	buf_free(&alt);
}

static void	 blocks(struct lay *, const struct block *, int, double,
		    double, enum lay_style, int);


/* Opens tag before it, outside the tags it already opens. */
static void
open_tag(struct lay_item *it, const char *tag)
{
	char	*s;

	s = it->opens != NULL ? xasprintf("%s %s", tag, it->opens) :
	    xstrdup(tag);
	free(it->opens);
	it->opens = s;
}

/* Items from first on, an item whose text runs right to left, laid out
 * indented by step from the left: indented from the right instead, the
 * same width, its marker right of its text. */
static void
mirror(struct lay *l, size_t first, double step)
{
	size_t	 i;

	l->item[first].rmarker = 1;
	for (i = first; i < l->nitems; i++) {
		l->item[i].x -= step;
		if (l->item[i].qx != 0)
			l->item[i].qx -= step;
	}
}

static void
list(struct lay *l, const struct block *b, int shift, double x, double maxh,
    int role)
{
	static const char *const bullets[] = {
	    "\xe2\x80\xa2",	/* • */
	    "\xe2\x80\x93",	/* – */
	    "\xe2\x97\xa6",	/* ◦ */
	};
	const struct block *item;
	struct lay_item	*it;
	double		 ind, step;
	size_t		 first, lfirst;
	int		 n;
	char		 num[24];

	step = l->depth < LIST_DEEP ? LIST_STEP : LIST_STEP_DEEP;
	/* However deep, the text keeps half the column. */
	ind = fmin(x + step, l->width / 2);
	l->depth++;
	n = b->start;
	lfirst = l->nitems;
	for (item = b->child; item != NULL; item = item->next, n++) {
		first = l->nitems;
		if (item->child == NULL || (item->child->type !=
		    BLOCK_PARAGRAPH && item->child->type != BLOCK_HEADING &&
		    item->child->type != BLOCK_CODE &&
		    item->child->type != BLOCK_HTML)) {
			/* The marker needs a line of its own. */
			it = lay_text(l, "", STYLE_ITEM, ind, 0);
			it->after = 0;
		}
		blocks(l, item->child, shift, ind, maxh, STYLE_ITEM, role);
		if (l->nitems == first)
			continue;
		/* Structure: L > LI > (Lbl, LBody); the drawing opens
		 * LBody after the marker, so a marker closes one more. */
		it = &l->item[first];
		open_tag(it, "LI");
		l->item[l->nitems - 1].ncloses += it->kind == LAY_TEXT ? 2 : 1;
		if (it->kind != LAY_TEXT)
			continue;
		if (b->ordered)
			snprintf(num, sizeof(num), "%d.", n);
		else
			snprintf(num, sizeof(num), "%s",
			    bullets[(l->depth - 1) % 3]);
		it->marker = marker_layout(l, STYLE_ITEM, num);
		if (it->layout != NULL && pango_layout_get_direction(
		    it->layout, 0) == PANGO_DIRECTION_RTL)
			mirror(l, first, ind - x);
		if (b->tight && item != b->child)
			it->before = 1;
		if (!b->tight && item != b->child)
			it->before = 4;
	}
	l->depth--;
	if (l->nitems > lfirst) {
		open_tag(&l->item[lfirst], "L");
		l->item[l->nitems - 1].ncloses++;
	}
	if (l->nitems > 0)
		l->item[l->nitems - 1].after =
		    fmax(l->item[l->nitems - 1].after, 6);
}

/* A code block (or raw HTML shown as text): monospace on a shaded
 * ground, wrapped lines hanging. */
static void
code(struct lay *l, const char *text, double x)
{
	struct lay_item	*it;
	struct tb	 b;
	size_t		 len = text ? strlen(text) : 0;
	char		*t;

	while (len > 0 && text[len - 1] == '\n')
		len--;
	t = xstrndup(text ? text : "", len);
	tb_init(&b, l, STYLE_CODE);
	tb_put(&b, t, 1);
	it = tb_item_hang(l, &b, STYLE_CODE, x + CODE_PAD, l->width - x -
	    2 * CODE_PAD, CODE_HANG);
	free(t);
	it->orphans = it->widows = 2;
	it->role = LAY_ROLE_CODE;
	it->pad = CODE_PAD;
	it->before = 4 + CODE_PAD;
	it->after = 8 + CODE_PAD;
}

static void
blocks(struct lay *l, const struct block *b, int shift, double x,
    double maxh, enum lay_style st, int role)
{
	struct lay_item	*it;
	size_t		 first, i;
	int		 level;

	for (; b != NULL; b = b->next) {
		first = l->nitems;
		switch (b->type) {
		case BLOCK_PARAGRAPH:
			if (spans_have_text(b->ins))
				lay_spans(l, b->ins, st, x);
			images(l, b->ins, x, maxh, NULL);
			break;
		case BLOCK_HEADING:
			level = b->level + shift;
			level = level < 1 ? 1 : level > 6 ? 6 : level;
			it = lay_spans(l, b->ins, STYLE_H1 + level - 1, x);
			it->dest = b->dest;	/* in the report's arena */
			break;
		case BLOCK_LIST:
			list(l, b, shift, x, maxh, role);
			break;
		case BLOCK_ITEM:
			/* Only within a list. */
			blocks(l, b->child, shift, x, maxh, st, role);
			break;
		case BLOCK_QUOTE:
			blocks(l, b->child, shift, x + QUOTE_STEP, maxh,
			    STYLE_QUOTE, LAY_ROLE_QUOTE);
			/* The bar stays at the quote's left, clear of the
			 * markers of a list inside it (an inner quote keeps
			 * its own). */
			for (i = first; i < l->nitems; i++)
				if (l->item[i].role == LAY_ROLE_QUOTE &&
				    l->item[i].qx == 0)
					l->item[i].qx = x + QUOTE_STEP - 10;
			break;
		case BLOCK_CODE:
		case BLOCK_HTML:
			code(l, b->text, x);
			break;
		case BLOCK_RULE:
			it = lay_add(l, LAY_BOX);
			it->role = LAY_ROLE_RULE;
			it->x = x;
			it->w = l->width - x;
			it->nu = 1;
			it->uh = xcalloc(1, sizeof(double));
			it->uh[0] = 14;
			it->before = it->after = 4;
			break;
		case BLOCK__MAX:
			abort();
		}
		/* A quote marks its text (nested blocks keep their own). */
		for (; role == LAY_ROLE_QUOTE && first < l->nitems; first++)
			if (l->item[first].role == LAY_ROLE_NONE &&
			    l->item[first].kind == LAY_TEXT)
				l->item[first].role = LAY_ROLE_QUOTE;
	}
}

void
lay_blocks(struct lay *l, const struct block *b, int shift, double maxh)
{
	l->depth = 0;
	blocks(l, b, shift, 0, maxh, STYLE_BODY, LAY_ROLE_NONE);
}

void
lay_notes(struct lay *l, const char *title)
{
	struct lay_item	*it;
	size_t		 i;
	char		 num[24];

	if (l->nnotes == 0)
		return;
	l->notes = 0;		/* a note calls no note */
	if (title != NULL) {
		it = lay_text(l, title, STYLE_H6, 0, 0);
		it->before = 10;
	}
	/* A list, like the narrative's: L > LI > (Lbl, LBody). */
	for (i = 0; i < l->nnotes; i++) {
		it = lay_text_link(l, l->note[i], STYLE_NOTE, NOTE_INDENT, 0,
		    l->note[i], NULL);
		snprintf(num, sizeof(num), "%zu.", i + 1);
		it->marker = marker_layout(l, STYLE_NOTE, num);
		it->orphans = it->widows = 2;
		open_tag(it, i == 0 ? "L LI" : "LI");
		it->ncloses = i + 1 == l->nnotes ? 3 : 2;
	}
	l->nnotes = 0;
}

struct lay_item *
lay_table(struct lay *l, size_t nrows, size_t ncols, size_t nhead,
    const double *rel, const int *ralign, const char *const *cells,
    const char *cont)
{
	struct lay_item	*it;
	struct lay_table *t;
	struct tb	 b;
	enum lay_style	 st;
	double		 sum = 0, h, x, cw;
	size_t		 r, c;
	int		 ph;
	char		*s;

	it = lay_add(l, LAY_TABLE);
	it->tag = "Table";
	it->nhead = nhead;
	it->before = 4;
	it->after = 8;
	t = it->table = xcalloc(1, sizeof(*t));
	t->nrows = nrows;
	t->ncols = ncols;
	t->pad = 3;
	t->cell = xcalloc(nrows * ncols, sizeof(*t->cell));
	t->colx = xcalloc(ncols + 1, sizeof(double));
	for (c = 0; c < ncols; c++)
		sum += rel[c];
	for (c = 0, x = 0; c < ncols; c++) {
		t->colx[c] = x;
		x += l->width * rel[c] / sum;
	}
	t->colx[ncols] = l->width;
	it->nu = nrows;
	it->uh = xcalloc(nrows, sizeof(double));
	for (r = 0; r < nrows; r++) {
		h = 0;
		st = r < nhead ? STYLE_CELLHEAD : STYLE_CELL;
		for (c = 0; c < ncols; c++) {
			PangoLayout *pl;

			if (cells[r * ncols + c] == NULL)
				continue;
			tb_init(&b, l, st);
			tb_put(&b, cells[r * ncols + c], 1);
			cw = t->colx[c + 1] - t->colx[c] - 2 * t->pad;
			if (b.attrs == NULL)
				pl = plain_layout(l, st, b.t.data ?
				    b.t.data : "", b.t.len, cw,
				    lay_styles[st].justify, ralign[c] ?
				    PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, 0);
			else {
				pl = style_layout(l, st, b.t.data ?
				    b.t.data : "", b.t.len, b.attrs, cw);
				if (ralign[c])
					pango_layout_set_alignment(pl,
					    PANGO_ALIGN_RIGHT);
				lay_fix_breaks(pl, l->hy, 1, NULL, 0);
			}
			buf_free(&b.t);
			free(b.links);
			free(b.langs);	/* a cell is drawn plain */
			pango_layout_get_size(pl, NULL, &ph);
			glyphs_trim(pl);
			h = fmax(h, (double)ph / PANGO_SCALE);
			t->cell[r * ncols + c] = pl;
		}
		it->uh[r] = h + 2 * t->pad;
	}
	if (cont != NULL) {
		s = xasprintf("%s (suite)", cont);
		t->cont = style_layout(l, STYLE_CAPTION, s, strlen(s), NULL,
		    l->width);
		free(s);
		pango_layout_get_size(t->cont, NULL, &ph);
		glyphs_trim(t->cont);
		it->conth = (double)ph / PANGO_SCALE + 3;
	}
	return it;
}
