/*
 * Unit tests of the PDF layout engine (gen/layout.c) and the French
 * hyphenation (gen/hyph.c): page-break decisions on items of known
 * heights, then real text measured with pango.  Prints "ok - NAME" or
 * "not ok - NAME" lines, the way tests/run.sh counts them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "font.h"
#include "hyph.h"
#include "layout.h"
#include "tap.h"

#define SHY	HYPH_SHY


/* Item builders with synthetic heights. */
static struct lay_item
box(double h)
{
	struct lay_item	 it;

	memset(&it, 0, sizeof(it));
	it.kind = LAY_BOX;
	it.nu = 1;
	it.uh = xcalloc(1, sizeof(double));
	it.uh[0] = h;
	return it;
}

static struct lay_item
text(size_t lines, double lh, int keep)
{
	struct lay_item	 it;
	size_t		 i;

	memset(&it, 0, sizeof(it));
	it.kind = LAY_TEXT;
	it.nu = lines;
	it.uh = xcalloc(lines, sizeof(double));
	for (i = 0; i < lines; i++)
		it.uh[i] = lh;
	it.keep = keep;
	it.orphans = keep ? (int)lines : 2;
	it.widows = keep ? (int)lines : 2;
	return it;
}

static struct lay_item
table(size_t rows, size_t head, double rh, double conth)
{
	struct lay_item	 it = text(rows, rh, 0);

	it.kind = LAY_TABLE;
	it.nhead = head;
	it.conth = conth;
	return it;
}

static void
free_items(struct lay_item *it, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(it[i].uh);
}

/* Text of the pieces, for messages: "item:first-last@page ...". */
static const char *
show(const struct lay_pages *pg)
{
	static char	 s[2048];
	size_t		 i, n = 0;

	s[0] = '\0';
	for (i = 0; i < pg->npieces && n < sizeof(s) - 64; i++)
		n += (size_t)snprintf(s + n, sizeof(s) - n, "%zu:%zu-%zu@%zu%s ",
		    pg->piece[i].item, pg->piece[i].first, pg->piece[i].last,
		    pg->piece[i].page, pg->piece[i].cont ? "+" : "");
	return s;
}

/* Every unit of every item placed exactly once, in order. */
static int
complete(const struct lay_item *it, size_t n, const struct lay_pages *pg)
{
	size_t	 i, j, next = 0, cur = 0;

	for (j = 0; j < pg->npieces; j++) {
		i = pg->piece[j].item;
		if (i != cur) {
			if (next != it[cur].nu || i < cur)
				return 0;
			cur = i;
			next = 0;
		}
		if (pg->piece[j].first != next)
			return 0;
		next = pg->piece[j].last;
	}
	(void)n;
	return next == it[cur].nu;
}

static void
test_orphans_widows(void)
{
	struct lay_item	 it[2];
	struct lay_pages pg;

	/* 25 pt left: 2 lines fit, 3 go on: a clean break. */
	it[0] = box(75);
	it[1] = text(5, 10, 0);
	lay_paginate(it, 2, 100, &pg);
	ok(pg.npieces == 3 && pg.piece[1].last == 2 &&
	    pg.piece[2].first == 2 && pg.piece[2].page == 1,
	    "break leaves 2 lines at the foot, 3 at the head", show(&pg));
	lay_pages_free(&pg);

	/* 15 pt left: one line would be an orphan, the paragraph moves. */
	it[0].uh[0] = 85;
	lay_paginate(it, 2, 100, &pg);
	ok(pg.npieces == 2 && pg.piece[1].first == 0 &&
	    pg.piece[1].last == 5 && pg.piece[1].page == 1,
	    "no orphan: a single line never stays at a page foot", show(&pg));
	lay_pages_free(&pg);

	/* 45 pt left: 4 lines fit but the 5th would be a widow: 3 + 2. */
	it[0].uh[0] = 55;
	lay_paginate(it, 2, 100, &pg);
	ok(pg.npieces == 3 && pg.piece[1].last == 3 &&
	    pg.piece[2].first == 3 && pg.piece[2].last == 5,
	    "no widow: a single line never starts a page", show(&pg));
	lay_pages_free(&pg);

	/* 3 lines cannot be split 2 + 2: the paragraph moves whole. */
	free(it[1].uh);
	it[1] = text(3, 10, 0);
	it[0].uh[0] = 75;
	lay_paginate(it, 2, 100, &pg);
	ok(pg.npieces == 2 && pg.piece[1].page == 1 &&
	    pg.piece[1].last == 3, "a 3-line paragraph is never split",
	    show(&pg));
	lay_pages_free(&pg);
	free_items(it, 2);
}

static void
test_keep(void)
{
	struct lay_item	 it[4];
	struct lay_pages pg;

	/* 20 pt left: the heading (12) fits, but not with 2 lines after. */
	it[0] = box(80);
	it[1] = text(1, 12, 1);
	it[2] = text(6, 10, 0);
	lay_paginate(it, 3, 100, &pg);
	ok(pg.npieces == 3 && pg.piece[1].page == 1 && pg.piece[2].page == 1,
	    "a heading is never alone at a page foot", show(&pg));
	lay_pages_free(&pg);

	/* Two headings in a row go together with the first lines. */
	free_items(it, 3);
	it[0] = box(60);
	it[1] = text(1, 12, 1);
	it[2] = text(1, 12, 1);
	it[3] = text(6, 10, 0);
	lay_paginate(it, 4, 100, &pg);
	ok(pg.npieces == 4 && pg.piece[1].page == 1 &&
	    pg.piece[2].page == 1 && pg.piece[3].page == 1,
	    "two headings stay with the text that follows them", show(&pg));
	lay_pages_free(&pg);

	/* With room for both headings and 2 lines, nothing moves. */
	it[0].uh[0] = 40;
	lay_paginate(it, 4, 100, &pg);
	ok(pg.piece[1].page == 0 && pg.piece[2].page == 0 &&
	    pg.piece[3].page == 0 && pg.piece[3].last == 3 &&
	    pg.piece[4].page == 1, "a heading stays when its text can follow",
	    show(&pg));
	lay_pages_free(&pg);

	/* A heading before a figure: the figure never splits, so the
	 * heading goes with it. */
	free(it[3].uh);
	it[3] = box(50);
	it[0].uh[0] = 30;
	lay_paginate(it, 4, 100, &pg);
	ok(pg.piece[1].page == 1 && pg.piece[3].page == 1,
	    "a heading goes with the figure after it", show(&pg));
	lay_pages_free(&pg);
	free_items(it, 4);
}

static void
test_table(void)
{
	struct lay_item	 it[1];
	struct lay_pages pg;
	size_t		 i;
	int		 good = 1;

	it[0] = table(21, 1, 10, 5);	/* a header and 20 body rows */
	lay_paginate(it, 1, 100, &pg);
	/* Page 0: header + 9 rows; page 1: header again, "(suite)" (5 pt)
	 * and 8 rows; page 2: the rest. */
	ok(pg.npieces == 3 && pg.piece[0].last == 10 && !pg.piece[0].cont &&
	    pg.piece[1].cont && pg.piece[1].first == 10 &&
	    pg.piece[1].last == 18 && pg.piece[2].cont &&
	    pg.piece[2].last == 21, "a table splits between rows and its "
	    "continuations repeat the header", show(&pg));
	for (i = 0; i < pg.npieces; i++)
		if (pg.piece[i].h > 100 + 0.01 ||
		    (pg.piece[i].cont && pg.piece[i].h != lay_height(&it[0],
		    pg.piece[i].first, pg.piece[i].last, 1)))
			good = 0;
	ok(good, "table pieces, with repeated header, fit their pages",
	    show(&pg));
	ok(complete(it, 1, &pg), "every table row placed once", show(&pg));
	lay_pages_free(&pg);
	free_items(it, 1);

	/* A header and one body row never part. */
	it[0] = table(3, 1, 10, 5);
	{
		struct lay_item two[2];

		two[0] = box(85);
		two[1] = it[0];
		lay_paginate(two, 2, 100, &pg);
		ok(pg.npieces == 2 && pg.piece[1].page == 1 &&
		    pg.piece[1].first == 0, "a table header never stays "
		    "alone at a page foot", show(&pg));
		lay_pages_free(&pg);
		free(two[0].uh);
	}
	free_items(it, 1);
}

static void
test_long(void)
{
	struct lay_item	 it[2];
	struct lay_pages pg;
	size_t		 i;
	int		 good = 1;

	it[0] = text(21, 10, 0);
	lay_paginate(it, 1, 100, &pg);
	ok(pg.npieces == 3 && pg.npages == 3 && pg.piece[0].last == 10 &&
	    pg.piece[1].last == 19 && pg.piece[2].last == 21,
	    "a paragraph longer than a page runs over pages, widows kept "
	    "(10 + 9 + 2 lines)", show(&pg));
	ok(complete(it, 1, &pg), "no line of a long paragraph is lost",
	    show(&pg));
	lay_pages_free(&pg);
	free_items(it, 1);

	/* A box taller than a page goes alone, nothing dropped. */
	it[0] = text(4, 10, 0);
	it[1] = box(150);
	lay_paginate(it, 2, 100, &pg);
	ok(pg.npieces == 2 && pg.piece[1].page == 1 && pg.piece[1].y == 0,
	    "a box taller than a page starts a page of its own", show(&pg));
	lay_pages_free(&pg);

	/* Nothing placed below the page: every piece fits. */
	free_items(it, 2);
	it[0] = text(333, 7, 0);
	lay_paginate(it, 1, 100, &pg);
	for (i = 0; i < pg.npieces; i++)
		if (pg.piece[i].y + pg.piece[i].h > 100 + 0.01)
			good = 0;
	ok(good && complete(it, 1, &pg), "333 lines: every line on a page, "
	    "none below the foot", show(&pg));
	lay_pages_free(&pg);
	free_items(it, 1);
}

static void
test_breaks(void)
{
	struct lay_item	 it[4];
	struct lay_pages pg;

	it[0] = text(2, 10, 0);
	it[0].after = 6;
	it[1] = text(2, 10, 0);
	it[1].before = 10;
	memset(&it[2], 0, sizeof(it[2]));
	it[2].kind = LAY_BREAK;
	it[3] = text(2, 10, 0);
	it[3].before = 30;
	lay_paginate(it, 4, 100, &pg);
	ok(pg.npieces == 3 && pg.piece[1].y == 30 && pg.piece[2].page == 1 &&
	    pg.piece[2].y == 0, "spaces collapse (the larger wins), vanish "
	    "at a page top; a break starts a page", show(&pg));
	lay_pages_free(&pg);
	free(it[0].uh);
	free(it[1].uh);
	free(it[3].uh);
}

static void
test_floats(void)
{
	struct lay_item	 it[5];
	struct lay_pages pg;

	/* A figure after a 30-line text leaves a quarter page empty: it
	 * rises to the top of the text's page. */
	it[0] = text(30, 10, 0);
	it[1] = text(1, 12, 1);
	it[1].flt = 1;
	it[1].anchor = 0;
	it[2] = box(250);
	lay_paginate(it, 3, 400, &pg);
	ok(pg.npieces == 4 && pg.piece[0].item == 1 && pg.piece[0].page == 0 &&
	    pg.piece[0].y == 0 && pg.piece[1].item == 2 &&
	    pg.piece[1].page == 0 && pg.piece[2].item == 0 &&
	    pg.piece[2].page == 0 && pg.piece[3].page == 1 &&
	    pg.piece[3].last == 30, "a figure that would leave a page a "
	    "quarter empty goes to that page's top", show(&pg));
	lay_pages_free(&pg);

	/* Not above its anchor. */
	it[1].anchor = 1;
	lay_paginate(it, 3, 400, &pg);
	ok(pg.npieces == 3 && pg.piece[0].item == 0 && pg.piece[1].page == 1,
	    "a figure never rises above its anchor", show(&pg));
	lay_pages_free(&pg);

	/* Two figures keep their order. */
	it[1].anchor = 0;
	it[3] = text(1, 12, 1);
	it[3].flt = 1;
	it[3].anchor = 0;
	it[4] = box(100);
	lay_paginate(it, 5, 400, &pg);
	{
		size_t i, p1 = 0, p3 = 0, y1 = 0, y3 = 0;

		for (i = 0; i < pg.npieces; i++) {
			if (pg.piece[i].item == 1) {
				p1 = pg.piece[i].page;
				y1 = (size_t)pg.piece[i].y;
			}
			if (pg.piece[i].item == 3) {
				p3 = pg.piece[i].page;
				y3 = (size_t)pg.piece[i].y;
			}
		}
		ok(p1 < p3 || (p1 == p3 && y1 < y3), "figures keep their "
		    "order", show(&pg));
	}
	lay_pages_free(&pg);
	free_items(it, 5);

	/* A page does not end on a hyphen when it can end a line
	 * earlier. */
	it[0] = box(60);
	it[1] = text(6, 10, 0);
	it[1].hyend = xcalloc(6, 1);
	it[1].hyend[3] = 1;
	lay_paginate(it, 2, 100, &pg);
	ok(pg.npieces == 3 && pg.piece[1].last == 3,
	    "no hyphenated word at a page foot when the line before can "
	    "end the page", show(&pg));
	lay_pages_free(&pg);
	/* Nor when that leaves the page emptier: the text goes on. */
	it[1].hyend[3] = 0;
	it[1].hyend[1] = 1;
	lay_paginate(it, 2, 85, &pg);
	ok(pg.npieces == 2 && pg.piece[1].page == 1 &&
	    pg.piece[1].first == 0 && pg.piece[1].last == 6,
	    "no hyphenated word at a page foot, ever", show(&pg));
	lay_pages_free(&pg);
	free(it[1].hyend);
	free_items(it, 2);
}

/* The longest run of lines of pl ending in a soft hyphen. */
static int
max_hyphen_run(PangoLayout *pl)
{
	const char	*t = pango_layout_get_text(pl);
	GSList		*l;
	int		 run = 0, max = 0, e;

	for (l = pango_layout_get_lines_readonly(pl); l != NULL; l = l->next) {
		PangoLayoutLine *ln = l->data;

		e = ln->start_index + ln->length;
		run = e >= 2 && memcmp(t + e - 2, "\xc2\xad", 2) == 0 ?
		    run + 1 : 0;
		if (run > max)
			max = run;
	}
	return max;
}

/*
 * The pagination of layout.c as it was before it became one pass
 * (every float hoisted laid the whole document out again): the oracle
 * the one-pass pagination must match piece for piece.
 */
#define REF_EPS		0.01

/* May the item break after its first e units (0 < e < nu)? */
static int
ref_can_break(const struct lay_item *it, size_t e)
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
ref_first_units(const struct lay_item *it)
{
	size_t	 e;

	for (e = 1; e < it->nu; e++)
		if (ref_can_break(it, e))
			return e;
	return it->nu;
}

static void
ref_push_piece(struct lay_pages *pg, size_t *cap, size_t item, size_t first,
    size_t last, int cont, size_t page, double y, double h)
{
	struct lay_piece *p;

	if (pg->npieces == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		pg->piece = xreallocarray(pg->piece, *cap, sizeof(*pg->piece));
	}
	p = &pg->piece[pg->npieces++];
	p->item = item;
	p->first = first;
	p->last = last;
	p->cont = cont;
	p->page = page;
	p->y = y;
	p->h = h;
}

/*
 * The height that must fit below the current position for item i to
 * start here: its own first piece, or, for a kept item, itself and the
 * kept items after it whole plus the first piece of the item that ends
 * the chain.  A chain taller than a page is not kept (it could not be).
 */
static double
ref_need_height(const struct lay_item *items, size_t n, size_t i,
    double height)
{
	const struct lay_item *it = &items[i];
	double	 need, after;
	size_t	 j;

	need = lay_height(it, 0, ref_first_units(it), 0);
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
			    ref_first_units(&items[j]), 0);
			break;
		}
		need += lay_height(&items[j], 0, items[j].nu, 0);
		after = items[j].after;
	}
	if (need > height + REF_EPS)
		need = lay_height(it, 0, ref_first_units(it), 0);
	return need;
}

/* The state of one pagination run. */
struct ref_run {
	const struct lay_item *items;
	size_t		 n;
	double		 height;	/* [pt] of a page's body */
	struct lay_pages *pg;
	size_t		 cap;
	size_t		 page;
	double		 y;		/* [pt] used on the page */
	int		 top;		/* nothing on the page yet */
	double		 after;		/* [pt] space after the last item */
	const size_t	*hoist;		/* [n] page a float group goes to the
					 * top of, or REF_NOPAGE */
	char		*done;		/* [n] float group placed */
	double		*prevy;		/* [n] [pt] used on the page a float
					 * group left, or -1 */
};

#define REF_NOPAGE		((size_t)-1)
#define REF_FLOAT_GAP	0.2	/* hoist a float that leaves more empty */
#define REF_FLOAT_MAX	0.7	/* floats at a page top fill at most this */

/* One past the last item of the float group starting at i: its items
 * are kept together, up to the first one that is not kept. */
static size_t
ref_group_end(const struct lay_item *items, size_t n, size_t i)
{
	while (i + 1 < n && items[i].keep)
		i++;
	return i + 1;
}

/* [pt] Height of the items [i, j) placed together. */
static double
ref_group_height(const struct lay_item *items, size_t i, size_t j)
{
	double	 h = 0;
	size_t	 k;

	for (k = i; k < j; k++)
		h += (k > i ? fmax(items[k - 1].after, items[k].before) : 0) +
		    lay_height(&items[k], 0, items[k].nu, 0);
	return h;
}

static void	 ref_place(struct ref_run *, size_t);

/* Places the float groups hoisted to the top of the current page. */
static void
ref_place_tops(struct ref_run *r)
{
	size_t	 g, j, e;

	for (g = 0; g < r->n; g++) {
		if (!r->items[g].flt || r->done[g] ||
		    r->hoist[g] != r->page)
			continue;
		r->done[g] = 1;
		e = ref_group_end(r->items, r->n, g);
		for (j = g; j < e; j++)
			ref_place(r, j);
	}
}

/* Starts a page, with the float groups hoisted to its top. */
static void
ref_new_page(struct ref_run *r)
{
	r->page++;
	r->y = 0;
	r->top = 1;
	r->after = 0;
	ref_place_tops(r);
}

/* Places item i from the current position, breaking it over pages as
 * allowed. */
static void
ref_place(struct ref_run *r, size_t i)
{
	const struct lay_item *it = &r->items[i];
	size_t	 s, e, best;
	double	 gap, h, avail, prev;
	int	 cont;

	if (it->kind == LAY_BREAK) {
		if (!r->top)
			ref_new_page(r);
		return;
	}
	gap = r->top ? 0 : fmax(r->after, it->before);
	if (it->nu == 0) {
		/* An anchor: takes no room, keeps its place. */
		ref_push_piece(r->pg, &r->cap, i, 0, 0, 0, r->page, r->y + gap,
		    0);
		return;
	}
	if (!r->top && r->y + gap + ref_need_height(r->items, r->n, i,
	    r->height) >
	    r->height + REF_EPS) {
		prev = r->y;
		/* Floats at the top of the new page may leave too little
		 * room again. */
		do {
			ref_new_page(r);
			gap = r->top ? 0 : fmax(r->after, it->before);
		} while (!r->top && r->y + gap + ref_need_height(r->items, r->n,
		    i, r->height) > r->height + REF_EPS);
		if (it->flt)
			r->prevy[i] = prev;
	}
	s = 0;
	cont = 0;
	for (;;) {
		avail = r->height - r->y - gap;
		/* The longest piece that fits and ends where the item may
		 * break. */
		best = 0;
		for (e = s + 1; e <= it->nu; e++) {
			if (lay_height(it, s, e, cont) > avail + REF_EPS)
				break;
			if (e == it->nu || ref_can_break(it, e))
				best = e;
		}
		if (best == 0 && !r->top) {
			ref_new_page(r);
			gap = r->top ? 0 : r->after;
			continue;
		}
		if (best == 0) {
			/* Taller than a page with no allowed break that
			 * fits: break where it must, at least one unit,
			 * rather than lose anything. */
			best = s + 1;
			for (e = s + 2; e <= it->nu; e++) {
				if (lay_height(it, s, e, cont) >
				    avail + REF_EPS)
					break;
				best = e;
			}
		}
		h = lay_height(it, s, best, cont);
		ref_push_piece(r->pg, &r->cap, i, s, best, cont, r->page,
		    r->y + gap, h);
		r->y += gap + h;
		r->top = 0;
		r->after = it->after;
		if (best == it->nu)
			break;
		ref_new_page(r);
		gap = r->top ? 0 : r->after;
		s = best;
		cont = it->kind == LAY_TABLE;
	}
}

static void
ref_run(struct ref_run *r)
{
	size_t	 i;

	memset(r->pg, 0, sizeof(*r->pg));
	r->cap = 0;
	r->page = 0;
	r->y = 0;
	r->top = 1;
	r->after = 0;
	memset(r->done, 0, r->n);
	for (i = 0; i < r->n; i++)
		r->prevy[i] = -1;
	ref_place_tops(r);
	for (i = 0; i < r->n; ) {
		if (r->items[i].flt && r->done[i]) {
			i = ref_group_end(r->items, r->n, i);
			continue;
		}
		if (r->items[i].flt)
			r->done[i] = 1;
		ref_place(r, i);
		i++;
	}
	r->pg->npages = r->page + 1;
}

/*
 * The first float group worth hoisting: one that went to a fresh page
 * leaving the page before emptier than REF_FLOAT_GAP, when that page begins
 * at or after the group's anchor and its top has room for it.  Returns
 * the group's first item, or REF_NOPAGE.
 */
static size_t
ref_pick_float(const struct ref_run *r, const size_t *ingroup)
{
	const struct lay_pages *pg = r->pg;
	size_t	 g, k, page, low, e;
	double	 tops;

	for (g = 0; g < r->n; g++) {
		if (!r->items[g].flt || r->hoist[g] != REF_NOPAGE ||
		    r->prevy[g] < 0 ||
		    r->height - r->prevy[g] < REF_FLOAT_GAP * r->height)
			continue;
		for (k = 0; k < pg->npieces && pg->piece[k].item != g; k++)
			;
		if (k == pg->npieces || pg->piece[k].page == 0)
			continue;
		page = pg->piece[k].page - 1;
		/* Floats keep their order: every earlier one must already
		 * be on an earlier page, or at the top of this one. */
		for (k = 0; k < pg->npieces; k++) {
			e = pg->piece[k].item;
			if (e < g && r->items[e].flt && pg->piece[k].page >=
			    page && !(pg->piece[k].page == page &&
			    r->hoist[e] == page))
				break;
		}
		if (k < pg->npieces)
			continue;
		/* The page's first item that is not a hoisted float, and
		 * the floats already at its top. */
		low = REF_NOPAGE;
		tops = 0;
		for (k = 0; k < pg->npieces; k++) {
			if (pg->piece[k].page != page)
				continue;
			if (ingroup[pg->piece[k].item] != REF_NOPAGE &&
			    r->hoist[ingroup[pg->piece[k].item]] == page)
				tops += pg->piece[k].h;
			else if (low == REF_NOPAGE || pg->piece[k].item < low)
				low = pg->piece[k].item;
		}
		if (low == REF_NOPAGE || low < r->items[g].anchor)
			continue;
		if (tops + ref_group_height(r->items, g, ref_group_end(r->items,
		    r->n, g)) > REF_FLOAT_MAX * r->height)
			continue;
		return g;
	}
	return REF_NOPAGE;
}

static void
ref_paginate(const struct lay_item *items, size_t n, double height,
    struct lay_pages *pg)
{
	struct ref_run	 r;
	size_t		*hoist, *ingroup, i, j, e, g, tries;

	memset(&r, 0, sizeof(r));
	r.items = items;
	r.n = n;
	r.height = height;
	r.pg = pg;
	hoist = xcalloc(n + 1, sizeof(*hoist));
	ingroup = xcalloc(n + 1, sizeof(*ingroup));
	r.done = xcalloc(n + 1, 1);
	r.prevy = xcalloc(n + 1, sizeof(double));
	r.hoist = hoist;
	for (i = 0; i < n; i++)
		hoist[i] = ingroup[i] = REF_NOPAGE;
	for (i = 0; i < n; i++)
		if (items[i].flt)
			for (e = ref_group_end(items, n, i), j = i; j < e; j++)
				ingroup[j] = i;
	/* Hoisting one group moves what follows: lay out again, until no
	 * group is worth hoisting (each is hoisted once at most). */
	for (tries = 0; ; tries++) {
		ref_run(&r);
		if (tries > n ||
		    (g = ref_pick_float(&r, ingroup)) == REF_NOPAGE)
			break;
		for (j = 0; j < pg->npieces && pg->piece[j].item != g; j++)
			;
		hoist[g] = pg->piece[j].page - 1;
		lay_pages_free(pg);
	}
	free(hoist);
	free(ingroup);
	free(r.done);
	free(r.prevy);
}


/* ---- many items: the one-pass pagination against the oracle ---- */

static unsigned long	 rng_state;

static unsigned
rnd(unsigned n)
{
	/* xorshift64*: the same numbers on every machine */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 2685821657736338717ULL) >> 33) % n;
}

/* A growing list of synthetic items. */
struct tdoc {
	struct lay_item	*it;
	size_t		 n, cap;
};

static struct lay_item *
tdoc_add(struct tdoc *d, struct lay_item it)
{
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->it = xreallocarray(d->it, d->cap, sizeof(*d->it));
	}
	d->it[d->n] = it;
	return &d->it[d->n++];
}

static void
tdoc_break(struct tdoc *d)
{
	struct lay_item	 it;

	memset(&it, 0, sizeof(it));
	it.kind = LAY_BREAK;
	tdoc_add(d, it);
}

static void
tdoc_free(struct tdoc *d)
{
	size_t	 i;

	for (i = 0; i < d->n; i++) {
		free(d->it[i].uh);
		free(d->it[i].hyend);
	}
	free(d->it);
	memset(d, 0, sizeof(*d));
}

/* A paragraph of 1 to 12 lines, some ending in a hyphen. */
static void
tdoc_para(struct tdoc *d)
{
	struct lay_item	*it;
	size_t		 i;

	it = tdoc_add(d, text(1 + rnd(12), 14.5, 0));
	it->after = 6;
	if (rnd(3) == 0) {
		it->hyend = xcalloc(it->nu, 1);
		for (i = 0; i + 1 < it->nu; i++)
			it->hyend[i] = rnd(4) == 0;
	}
}

/* A figure as pdf.c makes it: a caption that floats, kept with its
 * description and its box. */
static void
tdoc_figure(struct tdoc *d, size_t anchor, double height)
{
	struct lay_item	*it;

	it = tdoc_add(d, text(1 + rnd(2), 12, 1));
	it->flt = 1;
	it->anchor = anchor;
	it->before = 14;
	tdoc_add(d, text(1 + rnd(3), 11.5, 1))->after = 4;
	if (rnd(5) == 0)
		tdoc_add(d, text(1, 11.5, 1));
	it = tdoc_add(d, box(height * (0.15 + rnd(50) / 100.0)));
	it->before = 4;
	it->after = 12;
}

/* A measure: heading, facts, narrative, figures anchored at the
 * narrative's start. */
static void
tdoc_measure(struct tdoc *d, double height)
{
	struct lay_item	*it;
	size_t		 anchor, k, n;

	tdoc_add(d, text(1, 11, 1))->before = 22;
	tdoc_add(d, text(1 + rnd(2), 16, 1))->after = 6;
	if (rnd(4) == 0) {
		/* a destination: no room, keeps its place */
		it = tdoc_add(d, text(1, 1, 0));
		free(it->uh);
		it->uh = NULL;
		it->nu = 0;
	}
	tdoc_add(d, box(18))->keep = 1;
	tdoc_add(d, text(1 + rnd(3), 12.5, 1))->after = 10;
	anchor = d->n;
	for (n = rnd(6), k = 0; k < n; k++) {
		switch (rnd(8)) {
		case 0:
			tdoc_add(d, text(1, 14.5, 1))->before = 12;
			break;
		case 1:
			it = tdoc_add(d, table(2 + rnd(40), 1 + rnd(2), 13,
			    15));
			it->before = 4;
			it->after = 8;
			break;
		case 2:
			tdoc_add(d, box(height * rnd(60) / 100.0 + 1));
			break;
		default:
			tdoc_para(d);
			break;
		}
	}
	for (n = rnd(4), k = 0; k < n; k++)
		tdoc_figure(d, anchor, height);
}

/* A document as pdf.c makes them: chapters that start a page. */
static void
tdoc_report(struct tdoc *d, size_t nchapters, size_t nmeasures, double height)
{
	size_t	 c, m;

	tdoc_add(d, text(3, 14, 0));
	for (c = 0; c < nchapters; c++) {
		tdoc_break(d);
		tdoc_add(d, box(120))->keep = 1;
		tdoc_add(d, text(1 + rnd(2), 25, 1));
		for (m = 0; m < nmeasures; m++)
			tdoc_measure(d, height);
	}
}

/* Any items at all: kinds, keeps, floats and anchors at random. */
static void
tdoc_random(struct tdoc *d, size_t n, double height)
{
	struct lay_item	*it;
	size_t		 i;

	for (i = 0; i < n; i++) {
		switch (rnd(10)) {
		case 0:
			tdoc_break(d);
			continue;
		case 1:
			it = tdoc_add(d, box(height * rnd(110) / 100.0));
			break;
		case 2:
			it = tdoc_add(d, table(1 + rnd(30), rnd(3),
			    10 + rnd(10), rnd(20)));
			break;
		case 3:
			it = tdoc_add(d, text(1, 1, 0));
			free(it->uh);
			it->uh = NULL;
			it->nu = 0;
			break;
		default:
			it = tdoc_add(d, text(1 + rnd(30), 8 + rnd(10), rnd(3)
			    == 0));
			if (rnd(4) == 0)
				it->orphans = it->widows = 1 + (int)rnd(3);
			break;
		}
		it->before = rnd(20);
		it->after = rnd(20);
		if (it->nu > 0 && rnd(6) == 0) {
			it->flt = 1;
			it->anchor = rnd((unsigned)d->n);
		}
	}
}

/* Same pieces, to the bit, and the same page count. */
static int
same_pages(const struct lay_pages *a, const struct lay_pages *b)
{
	size_t	 i;

	if (a->npieces != b->npieces || a->npages != b->npages)
		return 0;
	for (i = 0; i < a->npieces; i++)
		if (a->piece[i].item != b->piece[i].item ||
		    a->piece[i].first != b->piece[i].first ||
		    a->piece[i].last != b->piece[i].last ||
		    a->piece[i].cont != b->piece[i].cont ||
		    a->piece[i].page != b->piece[i].page ||
		    a->piece[i].y != b->piece[i].y ||
		    a->piece[i].h != b->piece[i].h)
			return 0;
	return 1;
}

/* Every unit of every item placed exactly once (in any order), pages
 * in order, nothing below a page's foot unless taller than a page. */
static int
placed_once(const struct lay_item *it, size_t n, const struct lay_pages *pg,
    double height)
{
	size_t	*next, i, j;
	int	 good = 1;

	next = xcalloc(n + 1, sizeof(*next));
	for (j = 0; j < pg->npieces; j++) {
		i = pg->piece[j].item;
		if (i >= n || pg->piece[j].first != next[i] ||
		    (j > 0 && pg->piece[j].page < pg->piece[j - 1].page) ||
		    pg->piece[j].page >= pg->npages ||
		    (pg->piece[j].y + pg->piece[j].h > height + 0.01 &&
		    pg->piece[j].last - pg->piece[j].first > 1))
			good = 0;
		else
			next[i] = pg->piece[j].last;
	}
	for (i = 0; i < n; i++)
		if (it[i].kind != LAY_BREAK && next[i] != it[i].nu)
			good = 0;
	free(next);
	return good;
}

/* Sum of the units of the items. */
static size_t
units(const struct lay_item *it, size_t n)
{
	size_t	 i, u = 0;

	for (i = 0; i < n; i++)
		u += it[i].nu;
	return u;
}

static void
test_oracle(void)
{
	struct lay_pages a, b;
	struct tdoc	 d = { NULL, 0, 0, };
	char		 msg[160];
	size_t		 seed, bad = 0, hoisted = 0, nbad = 0;
	double		 height;

	for (seed = 1; seed <= 400; seed++) {
		rng_state = 0x9e3779b97f4a7c15ULL * seed;
		height = 300 + rnd(500);
		if (seed % 2)
			tdoc_report(&d, 1 + rnd(4), 1 + rnd(12), height);
		else
			tdoc_random(&d, 1 + rnd(150), height);
		lay_paginate(d.it, d.n, height, &a);
		ref_paginate(d.it, d.n, height, &b);
		if (!same_pages(&a, &b) ||
		    !placed_once(d.it, d.n, &a, height)) {
			if (nbad++ == 0)
				bad = seed;
		}
		/* Did floats rise?  (Pieces out of item order.) */
		{
			size_t i;

			for (i = 1; i < a.npieces; i++)
				if (a.piece[i].item < a.piece[i - 1].item) {
					hoisted++;
					break;
				}
		}
		lay_pages_free(&a);
		lay_pages_free(&b);
		tdoc_free(&d);
	}
	snprintf(msg, sizeof(msg), "%zu of 400 differ, first seed %zu; "
	    "%zu with floats risen", nbad, bad, hoisted);
	printf("# %s\n", msg);
	ok(nbad == 0 && hoisted > 100, "400 random documents paginate as "
	    "the former whole-document passes did, piece for piece", msg);
}

static void
test_many_floats(void)
{
	struct lay_pages a, b;
	struct tdoc	 d = { NULL, 0, 0, };
	size_t		 i, j, k, e, prev, order = 1, rose = 0;
	char		 msg[160];

	/* 300 figures, each after a text that leaves too little room for
	 * it: where the text's page has room at its top, the figure rises
	 * over the text. */
	for (i = 0; i < 300; i++) {
		tdoc_add(&d, text(25, 14, 0));
		tdoc_figure(&d, d.n - 1, 600);
		d.it[d.n - 1].uh[0] = 250;
	}
	lay_paginate(d.it, d.n, 600, &a);
	ref_paginate(d.it, d.n, 600, &b);
	for (k = 0, prev = 0; k < a.npieces; k++) {
		i = a.piece[k].item;
		if (!d.it[i].flt)
			continue;
		if (i < prev)
			order = 0;
		prev = i;
		/* risen: before the text it follows */
		for (e = i; d.it[e].keep; e++)
			;
		for (j = k + 1; j < a.npieces && a.piece[j].item > i &&
		    a.piece[j].item <= e; j++)
			;
		if (j < a.npieces && a.piece[j].item < i)
			rose++;
	}
	snprintf(msg, sizeof(msg), "%zu pages, %zu figures at a page top",
	    a.npages, rose);
	ok(same_pages(&a, &b) && placed_once(d.it, d.n, &a, 600) && order &&
	    rose > 50, "300 floats, many rising over the text before them, "
	    "in order, as before",
	    msg);
	lay_pages_free(&a);
	lay_pages_free(&b);
	tdoc_free(&d);
}

static void
test_many_breaks(void)
{
	struct lay_pages a, b;
	struct tdoc	 d = { NULL, 0, 0, };
	size_t		 i, k, good = 1;

	/* 1000 chapters of a heading and a paragraph; two breaks in a row
	 * make one page, as does a break at a page top. */
	for (i = 0; i < 1000; i++) {
		tdoc_break(&d);
		if (i % 10 == 0)
			tdoc_break(&d);
		tdoc_add(&d, text(1, 25, 1));
		tdoc_add(&d, text(5, 14, 0));
	}
	lay_paginate(d.it, d.n, 500, &a);
	ref_paginate(d.it, d.n, 500, &b);
	for (k = 0; k < a.npieces; k++)
		if (a.piece[k].page != k / 2 ||
		    (k % 2 == 0 && a.piece[k].y != 0))
			good = 0;
	ok(good && a.npages == 1000 && same_pages(&a, &b),
	    "1000 hard breaks: 1000 pages, each chapter at a page top",
	    show(&a));
	lay_pages_free(&a);
	lay_pages_free(&b);
	tdoc_free(&d);
}

static void
test_float_after_break(void)
{
	struct lay_pages a, b;
	struct tdoc	 d = { NULL, 0, 0, };
	size_t		 k, fig = 0, brk;

	/* Page 0 is full of text; then a break, a paragraph, and a figure
	 * anchored at the document's start that does not fit under the
	 * paragraph.  It rises to the top of page 1, the paragraph's page,
	 * and never over the break to page 0. */
	rng_state = 7;
	tdoc_add(&d, text(30, 10, 0));
	brk = d.n;
	tdoc_break(&d);
	tdoc_add(&d, text(18, 10, 0));
	fig = d.n;
	tdoc_figure(&d, 0, 400);
	d.it[d.n - 1].uh[0] = 200;
	lay_paginate(d.it, d.n, 400, &a);
	ref_paginate(d.it, d.n, 400, &b);
	for (k = 0; k < a.npieces && a.piece[k].item != fig; k++)
		;
	ok(k < a.npieces && a.piece[k].page == 1 && a.piece[k].y == 0 &&
	    a.piece[0].item == 0 && a.piece[1].page == 1 &&
	    same_pages(&a, &b), "a float after a hard "
	    "break rises to the top of the break's page, not over it",
	    show(&a));
	lay_pages_free(&a);
	lay_pages_free(&b);

	/* Anchored after the break's paragraph: it stays below. */
	d.it[fig].anchor = brk + 2;
	lay_paginate(d.it, d.n, 400, &a);
	for (k = 0; k < a.npieces && a.piece[k].item != fig; k++)
		;
	ok(k < a.npieces && a.piece[k].page == 2,
	    "a float anchored after its page's start stays where it is",
	    show(&a));
	lay_pages_free(&a);
	tdoc_free(&d);
}

static void
test_scaling(void)
{
	struct lay_pages a;
	struct tdoc	 d = { NULL, 0, 0, };
	size_t		 u;
	char		 msg[160];

	/* A report 100 times the sample's (23 00 measures, 3 chapters):
	 * the work counted (units tried, replays included) stays within a
	 * few passes over the units, where the whole-document passes did
	 * one per float hoisted. */
	rng_state = 42;
	tdoc_report(&d, 3, 767, 700);
	u = units(d.it, d.n);
	lay_paginate(d.it, d.n, 700, &a);
	snprintf(msg, sizeof(msg), "%zu items, %zu units, %zu pages, work "
	    "%zu", d.n, u, a.npages, a.work);
	ok(placed_once(d.it, d.n, &a, 700) && a.work < 3 * (u + d.n),
	    "2300 measures: linear work", msg);
	printf("# %s\n", msg);
	lay_pages_free(&a);
	tdoc_free(&d);
}

/* Is text s, with what layout.c adds taken out (below), want? */
static int
same_but_zwsp(const char *s, const char *want)
{
	while (*s != '\0') {
		/* What layout.c adds: break opportunities (U+200B), and in
		 * justified text soft hyphens (U+00AD), a line of a word's
		 * piece ending CR LF. */
		if (strncmp(s, "\xe2\x80\x8b", 3) == 0) {
			s += 3;
			continue;
		}
		if (strncmp(s, "\xc2\xad", 2) == 0) {
			s += 2;
			continue;
		}
		if (*s == '\r' || (*s == '\n' && *want != '\n')) {
			s++;
			continue;
		}
		if (*s++ != *want++)
			return 0;
	}
	return *want == '\0';
}

/* Real text, measured by pango. */
static void
test_pango(void)
{
	PangoFontMap	*fm;
	PangoContext	*ctx;
	struct hyph	*hy;
	struct lay	 l;
	struct lay_item	*it;
	struct buf	 b = { NULL, 0, 0 };
	struct lay_pages pg;
	size_t		 i;
	double		 sum = 0;
	char		*para;
	int		 good;

	hy = hyph_new(HYPH_DICT);
	ok(hy != NULL, "hyphenation patterns load", HYPH_DICT);
	if (hy == NULL)
		return;
	hyph_put(hy, &b, "anticonstitutionnellement", 25);
	ok(strcmp(b.data, "an" SHY "ti" SHY "cons" SHY "ti" SHY "tu" SHY
	    "tion" SHY "nel" SHY "le" SHY "ment") == 0,
	    "French patterns break anti-cons-ti-tu-tion-nel-le-ment", b.data);
	buf_reset(&b);
	{
		const char *s = "Évaluation CNCDH "
		    "https://www.example.org/accompagnement l’accompagnement";

		hyph_put(hy, &b, s, strlen(s));
	}
	ok(strcmp(b.data, "Évaluation CNCDH "
	    "https://www.example.org/accompagnement l’ac" SHY "com" SHY
	    "pa" SHY "gne" SHY "ment") == 0,
	    "capitals, acronyms, addresses and elisions", b.data);
	buf_free(&b);

	fm = font_map_new();
	ctx = font_context(fm);
	lay_init(&l, ctx, hy, 200);
	para = NULL;
	{
		struct buf p = { NULL, 0, 0 };

		for (i = 0; i < 40; i++)
			buf_puts(&p, "La coordination interministérielle "
			    "accompagne l’identification des victimes. ");
		para = buf_detach(&p);
	}
	it = lay_text(&l, para, STYLE_BODY, 0, 0);
	for (i = 0; i < it->nu; i++)
		sum += it->uh[i];
	ok(it->nu > 30 && sum > it->nu * 14.4 && sum < it->nu * 14.6,
	    "a paragraph measured once: lines of 14.5 pt", NULL);
	good = 1;
	for (i = 1; i < it->nu; i++)
		if (it->top[i] < it->top[i - 1] + 14.4 ||
		    it->base[i] <= it->top[i])
			good = 0;
	ok(good, "line tops and baselines go down the page", NULL);
	/* A measured layout keeps no slack in its glyph arrays, and its
	 * runs hold the glyphs a fresh layout of the same text has. */
	{
		PangoLayout	*cp = pango_layout_copy(it->layout);
		GSList		*la, *lb, *ra, *rb;
		int		 slack = 0, same = 1, n = 0, g;

		la = pango_layout_get_lines_readonly(it->layout);
		lb = pango_layout_get_lines_readonly(cp);
		for (; la != NULL && lb != NULL; la = la->next, lb = lb->next) {
			ra = ((PangoLayoutLine *)la->data)->runs;
			rb = ((PangoLayoutLine *)lb->data)->runs;
			for (; ra != NULL && rb != NULL; ra = ra->next,
			    rb = rb->next) {
				PangoGlyphString *x =
				    ((PangoGlyphItem *)ra->data)->glyphs;
				PangoGlyphString *y =
				    ((PangoGlyphItem *)rb->data)->glyphs;

				slack |= x->space != x->num_glyphs;
				same &= x->num_glyphs == y->num_glyphs;
				for (g = 0; same && g < x->num_glyphs; g++, n++)
					same = x->glyphs[g].glyph ==
					    y->glyphs[g].glyph &&
					    x->glyphs[g].geometry.width ==
					    y->glyphs[g].geometry.width &&
					    x->log_clusters[g] ==
					    y->log_clusters[g];
			}
			same &= ra == NULL && rb == NULL;
		}
		same &= la == NULL && lb == NULL;
		ok(!slack && same && n > 1000, "a measured layout's glyph "
		    "arrays hold its glyphs and no more", NULL);
		g_object_unref(cp);
	}
	/* Hyphenated lines end with a drawn hyphen somewhere. */
	{
		PangoLayoutIter *iter = pango_layout_get_iter(it->layout);
		const char	*t = pango_layout_get_text(it->layout);
		int		 shy = 0;

		do {
			PangoLayoutLine *ln =
			    pango_layout_iter_get_line_readonly(iter);
			int e = ln->start_index + ln->length;

			if (e >= 2 && memcmp(t + e - 2, "\xc2\xad", 2) == 0)
				shy++;
		} while (pango_layout_iter_next_line(iter));
		pango_layout_iter_free(iter);
		ok(shy > 0, "justified lines break at soft hyphens", NULL);
	}
	ok(max_hyphen_run(it->layout) <= 2,
	    "at most 2 hyphenated lines in a row", NULL);
	/* Ragged text: no soft hyphen left, unless a word does not fit. */
	{
		struct lay_item *c1, *c2;
		PangoRectangle	 r;

		c1 = lay_text(&l, "La coordination interministérielle "
		    "accompagne l’identification des victimes.", STYLE_CELL,
		    0, 90);
		ok(strstr(pango_layout_get_text(c1->layout), SHY) == NULL &&
		    c1->nu > 2, "ragged text: no hyphenation", NULL);
		c2 = lay_text(&l, "anticonstitutionnellement", STYLE_CELL, 0,
		    40);
		ok(c2->nu > 1 && c2->hyend[0],
		    "ragged text: a word wider than the line is hyphenated",
		    pango_layout_get_text(c2->layout));
		/* A justified line of one word is not stretched. */
		c1 = lay_text(&l, "CNCDH Anticonstitutionnellement fin de la "
		    "phrase.", STYLE_BODY, 0, 130);
		pango_layout_line_get_extents(pango_layout_get_line_readonly(
		    c1->layout, 0), NULL, &r);
		ok(c1->nu > 2 && r.width < 40 * PANGO_SCALE,
		    "a one-word line is not letter-spaced",
		    pango_layout_get_text(c1->layout));
		/* Nor a line holding a piece of a word; it still ends in
		 * a hyphen. */
		c1 = lay_text(&l, "constitutionnelles et la suite",
		    STYLE_BODY, 0, 45);
		good = c1->nu > 3;
		for (i = 0; good && i < 2; i++) {
			pango_layout_line_get_extents(
			    pango_layout_get_line_readonly(c1->layout,
			    (int)i), NULL, &r);
			good = c1->hyend[i] && r.width < 44 * PANGO_SCALE;
		}
		ok(good, "a line of a word's piece is not letter-spaced and "
		    "ends in a hyphen", pango_layout_get_text(c1->layout));
	}
	lay_paginate(l.item, l.nitems, 300, &pg);
	ok(pg.npages >= 2 && complete(l.item, l.nitems, &pg),
	    "a measured paragraph longer than a page spans pages", show(&pg));
	lay_pages_free(&pg);

	/* A 5000-character address wraps within the column. */
	{
		struct buf u = { NULL, 0, 0 };
		PangoRectangle r;

		BUF_PUTSL(&u, "https://example.org/");
		for (i = 0; i < 4980; i++)
			buf_putc(&u, 'a' + (int)(i % 26));
		it = lay_text_link(&l, u.data, STYLE_NOTE, 20, 0, u.data,
		    NULL);
		pango_layout_get_extents(it->layout, NULL, &r);
		ok(it->nu > 20 && r.width <= (int)(180 * PANGO_SCALE) + 1 &&
		    same_but_zwsp(pango_layout_get_text(it->layout), u.data),
		    "a 5000-character address wraps, nothing added or lost",
		    NULL);
		buf_free(&u);
	}
	/* A run with no break opportunity, as long as a paragraph may be
	 * (32 KiB): pango finds a place to break at least every RUN_MAX
	 * characters, so it shapes each piece once instead of the rest of
	 * the run for every line (which took seconds, and days at 7 MB). */
	{
		struct buf	 u = { NULL, 0, 0 };
		PangoRectangle	 r;
		const PangoLogAttr *la;
		int		 n, k, gap = 0, maxgap = 0;
		char		 msg[128];

		for (i = 0; i < 32000; i++)
			buf_putc(&u, 'a' + (int)(i % 26));
		it = lay_text(&l, u.data, STYLE_BODY, 0, 0);
		la = pango_layout_get_log_attrs_readonly(it->layout, &n);
		for (k = 1; k < n; k++) {
			gap = la[k].is_line_break ? 0 : gap + 1;
			if (gap > maxgap)
				maxgap = gap;
		}
		pango_layout_get_extents(it->layout, NULL, &r);
		snprintf(msg, sizeof(msg), "%zu lines, %d characters at most "
		    "between break opportunities", it->nu, maxgap);
		ok(maxgap <= 72 && it->nu > 32000 * 4 / 200 &&
		    r.width <= 200 * PANGO_SCALE + 1 &&
		    same_but_zwsp(pango_layout_get_text(it->layout), u.data),
		    "a 32,000-character unbreakable run: a break opportunity "
		    "every 72 characters at most, within the column, nothing "
		    "lost", msg);
		buf_free(&u);
	}
	/* A code block is laid out once, its hanging indent set first:
	 * the same lines as a text measured, then hung. */
	{
		struct block	 cb;
		struct lay_item	*a, *c;
		struct buf	 src = { NULL, 0, 0 };
		size_t		 k;
		int		 same;

		for (k = 0; k < 12; k++)
			buf_puts(&src, "static const char *const names[] = "
			    "{ \"alpha\", \"beta\", \"gamma\", \"delta\" };\n");
		memset(&cb, 0, sizeof(cb));
		cb.type = BLOCK_CODE;
		cb.text = src.data;
		lay_blocks(&l, &cb, 0, 300);
		c = &l.item[l.nitems - 1];
		src.data[src.len - 1] = '\0';	/* as code() trims it */
		a = lay_text(&l, src.data, STYLE_CODE, 5, 200 - 10);
		lay_hang(a, 14);
		c = &l.item[l.nitems - 2];
		same = a->nu == c->nu && a->nu > 12 && c->lx[1] > c->lx[0] &&
		    pango_layout_get_indent(c->layout) ==
		    pango_layout_get_indent(a->layout);
		for (k = 0; same && k < a->nu; k++)
			same = a->uh[k] == c->uh[k] && a->top[k] == c->top[k] &&
			    a->base[k] == c->base[k] && a->lx[k] == c->lx[k] &&
			    a->hyend[k] == c->hyend[k];
		ok(same, "a code block laid out once has the lines of one "
		    "measured, then hung", NULL);
		buf_free(&src);
	}
	/* A contents entry hung as it is laid out has the lines of one
	 * laid out, then hung. */
	{
		struct lay_item	*a, *h;
		const char	*t = "Renforcer la coopération judiciaire et "
		    "policière avec les pays d’origine des victimes de la "
		    "traite";
		size_t		 k;
		int		 same;

		a = lay_text_link(&l, t, STYLE_TOC3, 12, 150, NULL, "m07");
		lay_hang(a, 12);
		h = lay_text_hang(&l, t, STYLE_TOC3, 12, 150, "m07", 12);
		a = &l.item[l.nitems - 2];
		same = a->nu == h->nu && h->nu > 2 && h->lx[1] > h->lx[0] &&
		    h->nlinks == 1 && strcmp(h->links[0].dest, "m07") == 0 &&
		    pango_layout_get_indent(h->layout) == -12 * PANGO_SCALE;
		for (k = 0; same && k < h->nu; k++)
			same = a->uh[k] == h->uh[k] && a->top[k] == h->top[k] &&
			    a->base[k] == h->base[k] && a->lx[k] == h->lx[k];
		ok(same, "a text hung as it is laid out has the lines of one "
		    "laid out, then hung", NULL);
	}
	/* The same plain text twice shares one layout; a hung one changes
	 * a copy; another lay on the context shares it too. */
	{
		struct lay	 l2;
		struct lay_item	*x1, *x2, *x3;
		const char	*t = "Dernière valeur connue de chaque "
		    "indicateur jusqu’en 2016";

		lay_text(&l, t, STYLE_DESC, 0, 120);
		x2 = lay_text(&l, t, STYLE_DESC, 0, 120);
		x1 = &l.item[l.nitems - 2];
		lay_init(&l2, ctx, hy, 200);
		x3 = lay_text(&l2, t, STYLE_DESC, 0, 120);
		ok(x1->layout == x2->layout && x3->layout == x1->layout &&
		    x1->nu == x2->nu && x1->nu > 1 && x1->lx[1] == x2->lx[1],
		    "a repeated plain text is laid out once, for every lay of "
		    "the context", NULL);
		lay_hang(x2, 10);
		ok(x2->layout != x1->layout &&
		    pango_layout_get_indent(x1->layout) == 0 &&
		    pango_layout_get_indent(x2->layout) == -10 * PANGO_SCALE &&
		    x2->lx[1] > x1->lx[1], "hanging a shared text changes "
		    "its own copy only", NULL);
		lay_free(&l2);
		x3 = lay_text(&l, t, STYLE_DESC, 20, 60);
		x1 = &l.item[l.nitems - 3];
		ok(x3->layout != x1->layout && x3->nu > x1->nu,
		    "another width is another layout", NULL);
	}
	free(para);
	lay_free(&l);
	g_object_unref(ctx);
	g_object_unref(fm);
	hyph_free(hy);
}

/* ---- short texts laid out with no width (plain_layout()) ---- */

/* Are the lines of a and b the same: bytes, glyphs, places, extents,
 * baselines, a's lines moved right by dx [pango units]? */
static int
same_lines(PangoLayout *a, PangoLayout *b, int dx)
{
	PangoLayoutIter	*ia, *ib;
	PangoRectangle	 ra, rb;
	PangoGlyphString *x, *y;
	PangoLayoutLine	*la, *lb;
	GSList		*pa, *pb;
	int		 same, g, more;

	if (pango_layout_get_line_count(a) != pango_layout_get_line_count(b))
		return 0;
	ia = pango_layout_get_iter(a);
	ib = pango_layout_get_iter(b);
	do {
		la = pango_layout_iter_get_line_readonly(ia);
		lb = pango_layout_iter_get_line_readonly(ib);
		pango_layout_iter_get_line_extents(ia, NULL, &ra);
		pango_layout_iter_get_line_extents(ib, NULL, &rb);
		ra.x += dx;
		same = la->start_index == lb->start_index &&
		    la->length == lb->length && memcmp(&ra, &rb,
		    sizeof(ra)) == 0 && pango_layout_iter_get_baseline(ia) ==
		    pango_layout_iter_get_baseline(ib);
		for (pa = la->runs, pb = lb->runs; same && pa != NULL &&
		    pb != NULL; pa = pa->next, pb = pb->next) {
			x = ((PangoGlyphItem *)pa->data)->glyphs;
			y = ((PangoGlyphItem *)pb->data)->glyphs;
			same = x->num_glyphs == y->num_glyphs;
			for (g = 0; same && g < x->num_glyphs; g++)
				same = x->glyphs[g].glyph == y->glyphs[g].glyph &&
				    memcmp(&x->glyphs[g].geometry,
				    &y->glyphs[g].geometry,
				    sizeof(x->glyphs[g].geometry)) == 0 &&
				    x->glyphs[g].attr.is_cluster_start ==
				    y->glyphs[g].attr.is_cluster_start &&
				    x->log_clusters[g] == y->log_clusters[g];
		}
		same = same && pa == NULL && pb == NULL;
		more = pango_layout_iter_next_line(ia);
	} while (same && more && pango_layout_iter_next_line(ib));
	pango_layout_iter_free(ia);
	pango_layout_iter_free(ib);
	return same;
}

/* Is pl, drawn at w [pt], what pango lays out at w?  It is copied
 * (text, attributes, settings) and given the width. */
static int
layout_at_width(PangoLayout *pl, double w)
{
	PangoLayout	*ref;
	PangoRectangle	 ea, eb;
	int		 same, dx = lay_unwrapped_dx(pl, w);

	ref = pango_layout_copy(pl);
	pango_layout_set_width(ref, (int)(w * PANGO_SCALE));
	pango_layout_get_extents(pl, NULL, &ea);
	pango_layout_get_extents(ref, NULL, &eb);
	ea.x += dx;
	same = same_lines(pl, ref, dx) && memcmp(&ea, &eb, sizeof(ea)) == 0;
	g_object_unref(ref);
	return same;
}

static int
as_at_width(const struct lay_item *it, double w)
{
	return layout_at_width(it->layout, w);
}

/* Text with spans: a link, its rectangle within the line. */
static void
unwrapped_link(struct lay *l)
{
	struct lay_item	*it;
	PangoLayout	*ref;
	int		*ra, *rb, na, nb, got;

	it = lay_text_link(l, "Voir le rapport", STYLE_BODY, 0, 300,
	    "https://example.org/", NULL);
	got = pango_layout_get_width(it->layout) < 0 && it->nlinks == 1 &&
	    as_at_width(it, 300);
	ref = pango_layout_copy(it->layout);
	pango_layout_set_width(ref, 300 * PANGO_SCALE);
	pango_layout_line_get_x_ranges(pango_layout_get_line_readonly(
	    it->layout, 0), it->links[0].start, it->links[0].end, &ra, &na);
	pango_layout_line_get_x_ranges(pango_layout_get_line_readonly(ref,
	    0), it->links[0].start, it->links[0].end, &rb, &nb);
	ok(got && na == 1 && nb == 1 && ra[0] == rb[0] && ra[1] == rb[1],
	    "unwrapped: a link, its place in the line as pango's at the "
	    "width", NULL);
	g_free(ra);
	g_free(rb);
	g_object_unref(ref);
}

/* Table cells, numbers right-aligned: three fit (the head's too), one
 * wraps. */
static void
unwrapped_cells(struct lay *l)
{
	static const double rel[] = { 2, 1 };
	static const int ralign[] = { 0, 1 };
	static const char *const cells[] = {
		"Année", "Valeur",
		"2016", "1\xe2\x80\xaf" "234,5",
		"2017", "12,5",
		"2018", "une valeur qui ne tient pas dans la colonne",
	};
	const struct lay_table *tb;
	struct lay_item	*it;
	double		 cw;
	size_t		 r, c, n = 0;
	int		 good = 1;

	it = lay_table(l, 4, 2, 1, rel, ralign, cells, NULL);
	tb = it->table;
	for (r = 0; r < 4; r++)
		for (c = 0; c < 2; c++) {
			cw = tb->colx[c + 1] - tb->colx[c] - 2 * tb->pad;
			n += c == 1 && lay_unwrapped_dx(tb->cell[r * 2 + c],
			    cw) > 0;
			good &= layout_at_width(tb->cell[r * 2 + c], cw);
		}
	ok(good && n == 3, "unwrapped: right-aligned cells, drawn where "
	    "pango puts them at the width", NULL);
}

static void
test_unwrapped(void)
{
	static const struct {
		const char	*text;
		enum lay_style	 st;
		double		 w;
		int		 unwrapped;	/* expected */
		const char	*name;
	} t[] = {
		{ "2016", STYLE_CELL, 60, 1, "a year in a cell" },
		{ "Victimes accueillies par le dispositif", STYLE_CELLHEAD,
		    200, 1, "a head cell, bold" },
		{ "Figure 3 \xe2\x80\x94 Victimes accueillies", STYLE_CAPTION,
		    300, 1, "a caption, justified style" },
		{ "Définition\xc2\xa0: une ligne\nRéférence\xc2\xa0: 12 en "
		    "2013", STYLE_SMALL, 300, 1, "two paragraphs" },
		{ "Victimes accueillies par le dispositif Ac.Sé en 2016",
		    STYLE_CELL, 60, 0, "a cell that wraps" },
		{ "anticonstitutionnellement", STYLE_CELL, 40, 0,
		    "a word wider than the cell" },
		{ "Victimes accueillies", STYLE_CELL, 66, -1,
		    "a text about as wide as its cell" },
	};
	PangoFontMap	*fm;
	PangoContext	*ctx;
	struct hyph	*hy;
	struct lay	 l;
	struct lay_item	*it;
	size_t		 i;
	char		 name[160];
	int		 got;

	hy = hyph_new(HYPH_DICT);
	fm = font_map_new();
	ctx = font_context(fm);
	lay_init(&l, ctx, hy, 400);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		it = lay_text(&l, t[i].text, t[i].st, 0, t[i].w);
		got = pango_layout_get_width(it->layout) < 0;
		snprintf(name, sizeof(name), "unwrapped: %s, %s pango's at "
		    "its width", t[i].name, got ? "laid out with none, as" :
		    "as");
		ok((t[i].unwrapped < 0 || got == t[i].unwrapped) &&
		    as_at_width(it, t[i].w), name,
		    pango_layout_get_text(it->layout));
	}
	unwrapped_link(&l);
	/* An indent given afterwards: the width comes back first. */
	it = lay_text(&l, "Une mesure", STYLE_BODY, 0, 300);
	got = pango_layout_get_width(it->layout) < 0;
	lay_hang(it, 12);
	ok(got && pango_layout_get_width(it->layout) == 300 * PANGO_SCALE &&
	    as_at_width(it, 300), "unwrapped: lay_hang() gives the width "
	    "back", NULL);
	unwrapped_cells(&l);
	lay_free(&l);
	g_object_unref(ctx);
	g_object_unref(fm);
	hyph_free(hy);
}

/* Does pl's first attribute of the whole text turn the mark features
 * off? */
static int
has_no_marks(PangoLayout *pl)
{
	PangoAttrList	*al = pango_layout_get_attributes(pl);
	PangoAttrIterator *ai;
	PangoAttribute	*a;
	int		 found;

	if (al == NULL)
		return 0;
	ai = pango_attr_list_get_iterator(al);
	a = pango_attr_iterator_get(ai, PANGO_ATTR_FONT_FEATURES);
	found = a != NULL && strcmp(((PangoAttrFontFeatures *)a)->features,
	    FONT_NO_MARKS) == 0;
	pango_attr_iterator_destroy(ai);
	return found;
}

/* The glyphs of pl and where they stand, as text (caller frees). */
static char *
glyph_places(PangoLayout *pl)
{
	PangoLayoutIter	*li = pango_layout_get_iter(pl);
	PangoGlyphItem	*run;
	PangoGlyphInfo	*g;
	struct buf	 b = { NULL, 0, 0 };
	int		 i;

	do {
		if ((run = pango_layout_iter_get_run_readonly(li)) == NULL)
			continue;
		for (i = 0; i < run->glyphs->num_glyphs; i++) {
			g = &run->glyphs->glyphs[i];
			buf_printf(&b, "%u:%d,%d,%d ", g->glyph,
			    g->geometry.width, g->geometry.x_offset,
			    g->geometry.y_offset);
		}
	} while (pango_layout_iter_next_run(li));
	pango_layout_iter_free(li);
	return b.data != NULL ? b.data : xstrdup("");
}

/* A layout of text in the body's face, the mark features off or not. */
static char *
places(PangoContext *ctx, const char *text, int nomarks)
{
	PangoLayout	*pl;
	PangoAttrList	*al;
	char		*s;

	pl = font_layout(ctx, FONT_SERIF, 10.5, PANGO_WEIGHT_NORMAL);
	pango_layout_set_text(pl, text, -1);
	if (nomarks) {
		al = pango_attr_list_new();
		pango_attr_list_insert(al,
		    pango_attr_font_features_new(FONT_NO_MARKS));
		pango_layout_set_attributes(pl, al);
		pango_attr_list_unref(al);
	}
	s = glyph_places(pl);
	g_object_unref(pl);
	return s;
}

/*
 * The mark features are off only for markless texts (gen/font.c): a
 * combining mark (Mn, Mc, Me), or a character some face of the theme
 * lacks, keeps them on, so its marks stand where the font puts them.
 */
static void
test_markless(void)
{
	static const struct {
		const char	*text;
		int		 markless;
		const char	*name;
	} t[] = {
		{ "Plan", 1, "ASCII" },
		{ "\xc3\x89valuation\xc2\xa0: 12\xe2\x80\xaf" "345,5\xc2\xa0%, "
		    "\xc2\xab\xc2\xa0l\xe2\x80\x99\xc3\xa9t\xc3\xa9\xc2\xa0"
		    "\xc2\xbb\xe2\x80\xa6", 1, "French, precomposed" },
		{ "anti\xc2\xad" "constitution\r\n", 1, "soft hyphens, CR LF" },
		{ "e\xcc\x81t\xc3\xa9", 0, "e + U+0301 (Mn)" },
		{ "Tie\xcc\x82\xcc\x81ng Vie\xcc\xa3\xcc\x82t", 0,
		    "Vietnamese, decomposed" },
		{ "\xd9\x85\xd9\x8e\xd8\xb1\xd9\x92\xd8\xad\xd9\x8e\xd8\xa8"
		    "\xd9\x8b\xd8\xa7", 0, "Arabic with harakat" },
		{ "\xe0\xa4\x95\xe0\xa4\xbf", 0, "Devanagari, a Mc sign" },
		{ "\xe6\x97\xa5\xe6\x9c\xac", 0, "CJK: no face of the theme" },
		{ "x\xe2\x83\x9d", 0, "U+20DD (Me)" },
	};
	PangoFontMap	*fm;
	PangoContext	*ctx;
	struct lay	 l;
	struct lay_item	*it;
	char		 name[160], *on, *off, *got;
	size_t		 i;

	fm = font_map_new();
	ctx = font_context(fm);
	lay_init(&l, ctx, NULL, 400);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		snprintf(name, sizeof(name), "markless: %s, %s", t[i].name,
		    t[i].markless ? "marks off" : "marks kept");
		ok(font_markless(ctx, t[i].text, -1) == t[i].markless, name,
		    t[i].text);
		snprintf(name, sizeof(name), "markless: %s, the layout's "
		    "features as font_markless() has it", t[i].name);
		it = lay_text(&l, t[i].text, STYLE_CELL, 0, 0);
		ok(has_no_marks(it->layout) == t[i].markless, name,
		    t[i].text);
	}

	/* The features do move the acute of q + U+0301 (no precomposed
	 * character) in the body's face; a text with it is laid out as
	 * with them on. */
	on = places(ctx, "tq\xcc\x81", 0);
	off = places(ctx, "tq\xcc\x81", 1);
	it = lay_text(&l, "tq\xcc\x81", STYLE_BODY, 0, 0);
	got = glyph_places(it->layout);
	ok(strcmp(on, off) != 0 && strcmp(got, on) == 0,
	    "markless: a combining acute stands where the mark features put "
	    "it", got);
	free(on);
	free(off);
	free(got);
	/* Off or on, the glyphs of a markless text stand in the same
	 * places. */
	on = places(ctx, t[1].text, 0);
	off = places(ctx, t[1].text, 1);
	ok(strcmp(on, off) == 0, "markless: the same glyphs and places with "
	    "the mark features off", off);
	free(on);
	free(off);
	lay_free(&l);
	g_object_unref(ctx);
	g_object_unref(fm);
}

int
main(void)
{
	test_orphans_widows();
	test_keep();
	test_table();
	test_long();
	test_breaks();
	test_floats();
	test_oracle();
	test_many_floats();
	test_many_breaks();
	test_float_after_break();
	test_scaling();
	test_pango();
	test_unwrapped();
	test_markless();
	return failures ? 1 : 0;
}
