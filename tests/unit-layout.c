/*
 * Unit tests of the PDF layout engine (gen/layout.c) and the French
 * hyphenation (gen/hyph.c): page-break decisions on items of known
 * heights, then real text measured with pango.  Prints "ok - NAME" or
 * "not ok - NAME" lines, the way tests/run.sh counts them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "font.h"
#include "hyph.h"
#include "layout.h"

#define SHY	HYPH_SHY

static int	 failures;

static void
ok(int cond, const char *name, const char *detail)
{
	if (cond)
		printf("ok - %s\n", name);
	else {
		printf("not ok - %s\n", name);
		if (detail != NULL)
			printf("#   %s\n", detail);
		failures++;
	}
}

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
	free(it[1].hyend);
	free_items(it, 2);
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
	ok(strcmp(b.data, "Éva" SHY "lua" SHY "tion CNCDH "
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
		    strlen(pango_layout_get_text(it->layout)) == 5000,
		    "a 5000-character address wraps, nothing added or lost",
		    NULL);
		buf_free(&u);
	}
	free(para);
	lay_free(&l);
	g_object_unref(ctx);
	g_object_unref(fm);
	hyph_free(hy);
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
	test_pango();
	return failures ? 1 : 0;
}
