/*
 * Fuzz harness: Markdown -> PDF layout.  The input is a measure's
 * narrative: md_load() reads it, then the PDF engine lays its blocks out
 * on a small page (a 150 pt column, 200 pt tall, so that every break
 * rule is exercised), with French hyphenation and links numbered as
 * notes, and paginates.  Checked: every unit of every item (line, row,
 * box) lands on exactly one page.
 */
#include <stdint.h>
#include <stdlib.h>

#include "report.h"
#include "extern.h"
#include "font.h"
#include "hyph.h"
#include "layout.h"
#include "fuzz.h"

#define COL_W	150.0	/* [pt] */
#define PAGE_H	200.0	/* [pt] */

static PangoFontMap	*fm;
static PangoContext	*ctx;
static struct hyph	*hy;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	fm = font_map_new();
	ctx = font_context(fm);
	if ((hy = hyph_new(HYPH_DICT)) == NULL)
		abort();
	return 0;
}

/* Each unit of each item is placed exactly once, on a page that exists
 * (floats may reorder pieces, so only coverage is checked). */
static void
check_pages(const struct lay *l, const struct lay_pages *pg)
{
	unsigned char	**seen;
	const struct lay_piece *p;
	size_t		 i, u;

	seen = xcalloc(l->nitems + 1, sizeof(*seen));
	for (i = 0; i < l->nitems; i++)
		seen[i] = xcalloc(l->item[i].nu + 1, 1);
	for (i = 0; i < pg->npieces; i++) {
		p = &pg->piece[i];
		if (p->item >= l->nitems || p->page >= pg->npages ||
		    p->first > p->last || p->last > l->item[p->item].nu)
			abort();
		for (u = p->first; u < p->last; u++)
			if (seen[p->item][u]++)
				abort();
	}
	for (i = 0; i < l->nitems; i++) {
		for (u = 0; u < l->item[i].nu; u++)
			if (!seen[i][u])
				abort();
		free(seen[i]);
	}
	free(seen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report	*r = fuzz_report(1);
	struct doc	*d = &r->eds[0].narr[0];
	struct lay	 l;
	struct lay_pages pg;
	const char	*path;

	path = fuzz_write("editions/2016/measures/m01.md", data, size);
	if (md_load(r, r->ar, d, path) && d->blocks != NULL) {
		lay_init(&l, ctx, hy, COL_W);
		l.notes = 1;
		lay_blocks(&l, d->blocks, 2, PAGE_H * 0.6);
		lay_notes(&l, "Liens");
		l.notes = 0;
		lay_paginate(l.item, l.nitems, PAGE_H, &pg);
		check_pages(&l, &pg);
		lay_pages_free(&pg);
		lay_free(&l);
	}
	fuzz_done(r);
	return 0;
}
