/*
 * The PDF backend: the printed report of an edition, laid out by
 * layout.c and drawn here with cairo and pango.
 *
 * The document: a cover; contents (dotted leaders, page numbers, links);
 * the front matter; one chapter per priority with its objectives as
 * sections and one section per measure (status, narrative, indicators as
 * figures with a data table and their source, link addresses as numbered
 * notes at the section's end); the back matter; an annex with the table of
 * every indicator.  Running head and foot on every page but the cover;
 * bookmarks priority > objective > measure; structure tags.
 *
 * Two passes: the items are built and paginated first (page numbers are
 * then known), and drawn second.  Memory: only the layouts built first
 * stay until drawn; past a budget, a measure's layouts are made again
 * when it is drawn (see struct unit), and every item's go once drawn.
 * Internal links go through named destinations, since forward links by
 * page number are dead in cairo 1.16 (STACK.md §5.1).  Dates come from the edition, never the clock, so
 * two builds give the same bytes.  A large edition is cut in two halves,
 * each laid out and drawn by its own process (see halves()).
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#ifdef __GLIBC__
#include <malloc.h>	/* malloc_trim */
#endif
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "report.h"
#include "extern.h"
#include "i18n.h"
#include "backend.h"
#include "chart.h"
#include "font.h"
#include "hyph.h"
#include "layout.h"
#include "svgdraw.h"
#include "theme.h"
#include "logo.h"
#include "msg.h"

/* A4 and its margins [pt]. */
#define PAGE_W		595.28
#define PAGE_H		841.89
#define M_LEFT		76.0
#define M_RIGHT		76.0
#define M_TOP		74.0
#define M_BOTTOM	66.0
#define COL_W		(PAGE_W - M_LEFT - M_RIGHT)
#define BODY_H		(PAGE_H - M_TOP - M_BOTTOM)
#define HEAD_Y		46.0	/* [pt] running head baseline */
#define HEAD_LOGO_H	12.0	/* [pt] the logo in the running head */
#define COVER_LOGO_H	40.0	/* [pt] the logo on the cover */
#define FOOT_Y		(PAGE_H - 36.0)	/* [pt] running foot baseline */
#define TOC_NUMW	34.0	/* [pt] room for a page number */
#define TOC_STEP	16.0	/* [pt] indent per contents level */
#define BADGE_H		19.0	/* [pt] status line */
#define OPENER_H	70.0	/* [pt] blank above a chapter title */
#define WATERMARK_ALPHA	0.10	/* a draft's mark across the page */
#define MAX_YEARS	8	/* columns of a figure's data table */
#define FIG_GAP		16.0	/* [pt] between a chart and its column */
#define FIG_TABLE_MIN	60.0	/* [pt] a data table's head and two rows,
				 * below a chart at its tallest */


#define NBSP	"\xc2\xa0"
#define ML(pl)	((pl)->nlevels - 1)	/* the measures' level */
#define NNBSP	"\xe2\x80\xaf"
#define EMDASH	"\xe2\x80\x94"

/* pdf.c's item roles, after the builders'. */
enum {
	ROLE_TOC = LAY_ROLE__BUILDER,	/* contents entry: str is its dest */
	ROLE_BADGE,		/* status line: n is the status, data the
				 * assessment (or NULL) */
	ROLE_FIGURE,		/* data is a struct fig */
	ROLE_OPENER		/* blank above a chapter title */
};

/* A figure's box: the chart, and its column of data and notes. */
struct fig {
	const struct indicator *ind;
	int		 side;		/* column beside the chart, not below */
	double		 cw, ch;	/* [pt] chart */
	double		 sx;		/* [pt] left of the column */
	struct lay	 col;		/* items of the column; x is their y */
	double		 colh;		/* [pt] */
	double		 h;		/* [pt] the whole box */
};

/*
 * A measure (or the annex's table) is a unit: its items are built in the
 * first pass like every other, for their heights, but once the layouts
 * kept reach PDF_KEEP bytes (an estimate), a unit's layouts are dropped,
 * and its items too once its chapter is paginated; they are built again
 * when its first piece is drawn.  Each item's layouts are freed once its
 * last piece is drawn.  So the memory held stays
 * about PDF_KEEP plus a unit, whatever the size of the report, and a
 * small report is laid out once.  The budget is the process's (a worker
 * process draws one PDF at a time; which units are kept never changes the
 * bytes written).  76 MiB keeps a report of 230 measures under 100 MB of
 * resident memory (96.8 MB for the whole build of the benchmark's K = 10)
 * with a tenth of its units laid out twice (21 of the 231 of its 2016
 * PDF; 54 at 64 MiB before layouts lost their glyph slack, layout.c).
 */
#ifndef PDF_KEEP
#define PDF_KEEP	(76u << 20)	/* [bytes] */
#endif
/* Structure elements open at once that the record follows (deeper ones
 * take the deepest followed as parent). */
#define NOPEN		64

/*
 * What tagging costs is measured against the same PDF drawn untagged:
 * gen/bench/rapporteur-untagged (built with -DPDF_UNTAGGED by make bench
 * and make test, never installed) begins and ends no structure
 * element (links included: cairo 1.16 makes each a structure element),
 * and pdfpost() then leaves the page content as cairo drew it (but for
 * the mark it takes out of every page, draw_mark()).
 * Everything else (layout, destinations, outline, fonts, object
 * streams, compression) is the same.  elem_begin(), elem_end() and
 * meta_init() are the only places that look.
 */
#ifdef PDF_UNTAGGED
#define PDF_TAGGED	0
#else
#define PDF_TAGGED	1
#endif
static atomic_size_t	 kept_all;	/* [bytes] what every edition keeps */

enum unit_kind {
	UNIT_MEASURE,
	UNIT_ANNEX
};

struct unit {
	enum unit_kind	 kind;
	const struct measure *m;	/* UNIT_MEASURE */
	size_t		 from, to;	/* its items [from, to) */
	size_t		 fig0, fig1;	/* its figures [fig0, fig1) */
	int		 dropped;	/* layouts freed after the first
					 * pass */
	int		 kept;		/* layouts kept from the first pass,
					 * counted in kept_all */
	int		 pnumdigits;	/* the lay's when built */
};

/* Where a running head changes: from item `from` on. */
struct mark {
	size_t		 from;
	char		*title;
};

struct pdf {
	const struct report *r;
	const struct edition *e;
	const struct opts *o;
	const struct theme *th;
	PangoFontMap	*fm;
	PangoContext	*ctx;
	struct hyph	*hy;
	struct lay	 l;
	struct lay_pages pg;
	struct mark	*mark;
	size_t		 nmarks, markcap;
	char		**pool;		/* strings the items point to */
	int		 ntags;		/* tag_open()'s groups open */
	char		**alts;		/* Figure alternative texts, in
					 * drawing order (copies) */
	size_t		 nalts;
	size_t		 npool, poolcap;
	size_t		*ipage;		/* [nitems] page of each item's top */
	struct fig	**figs;
	size_t		 nfigs, figcap;
	int		 draft;
	int		 nfig;		/* figures of the current measure */
	char		*path;		/* the temporary file */
	const struct pdfmeta *meta;	/* the information dictionary's */
	struct unit	*unit;
	size_t		 nunits, unitcap;
	size_t		*iunit;		/* [nitems] unit of each item, or
					 * NOUNIT */
	size_t		*nleft;		/* [nitems] pieces not yet drawn */
	size_t		 kept;		/* [bytes] estimate of the layouts
					 * the units keep */
	size_t		 secfrom;	/* first item not paginated */
	size_t		 secunit;	/* first unit not paginated */
	size_t		 piececap;
	/* Drawing: layouts drawn again and again, made once. */
	GHashTable	*images;	/* span hash -> struct pimg *, each
					 * image read once */
	struct hyphen	*hyph;		/* a hyphen in each font met */
	size_t		 nhyph;
	PangoLayout	*head;		/* running head */
	PangoLayout	*chap;		/* running head's chapter */
	const char	*chaptitle;	/* the one chap holds */
	PangoLayout	*draftmark;	/* foot of a draft */
	PangoLayout	*watermark;
	PangoLayout	*badgelab;	/* "Appréciation 2016" */
	PangoLayout	*badge[STATUS__MAX + 1];	/* status; last: none */
	struct destpage	*dests;		/* sorted by name, then page */
	size_t		 ndests;
	/* An edition cut in two (pdf_edition()): this process's half. */
	int		 half;		/* HALF_WHOLE, HALF_FIRST, HALF_SECOND */
	size_t		 cut;		/* the second half's first chapter */
	size_t		 before;	/* pages before this half's first
					 * (the cover left out) */
	size_t		 npall;		/* pages of the document */
	/* A draft's missing narrative, « À rédiger » in bold: laid out
	 * (and perhaps laid out again when drawn) from here, so it lives
	 * as long as the PDF. */
	struct block	 gap;
	struct span	 gapsp[3];	/* strong > text, then text */
	char		 gaptext[96];
	/* Structure: what pdfpost() is told about the tree. */
	size_t		 nelems;	/* leaves begun, in the order of
					 * cairo's tree */
	struct pdfnode	*nodes;		/* every element begun (node_add()) */
	size_t		 nnodes, nodecap;
	size_t		 open[NOPEN];	/* 1 + node of the elements open */
	int		 nopen;
	size_t		*elem;		/* [nitems] 1 + node of the group of
					 * each item's first piece, or 0 */
	char		*figalt;	/* /Alt of the next Figure (a copy),
					 * or NULL */
	int		 hreq[8];	/* headings open: levels asked */
	int		 nhreq;
	char		**links;	/* pairs: destination, title */
	size_t		 nlinks;
	size_t		*spanel;	/* elements of spans in another
					 * language, */
	char		**spanlang;	/* and their languages (copies) */
	size_t		 nspans, spancap;
};

/* A hyphen laid out in the font of the line it ends. */
struct hyphen {
	PangoFont	*font;		/* a reference */
	PangoLayout	*pl;
};

/* A destination and its page (from 0, the cover). */
struct destpage {
	const char	*dest;
	size_t		 page;
};

enum {
	HALF_WHOLE,
	HALF_FIRST,	/* cover, contents, front matter, the chapters
			 * before the cut */
	HALF_SECOND	/* the other chapters, back matter, annex */
};

#define NOUNIT	((size_t)-1)

/* ---- helpers ---- */

/* Keeps s until the end of the build; returns it. */
static char *
keep(struct pdf *p, char *s)
{
	if (p->npool == p->poolcap) {
		p->poolcap = p->poolcap ? p->poolcap * 2 : 64;
		p->pool = xreallocarray(p->pool, p->poolcap,
		    sizeof(*p->pool));
	}
	p->pool[p->npool++] = s;
	return s;
}

static void
set_mark(struct pdf *p, const char *title)
{
	if (p->nmarks == p->markcap) {
		p->markcap = p->markcap ? p->markcap * 2 : 16;
		p->mark = xreallocarray(p->mark, p->markcap,
		    sizeof(*p->mark));
	}
	p->mark[p->nmarks].from = p->l.nitems;
	p->mark[p->nmarks].title = xstrdup(title);
	p->nmarks++;
}

/* The theme's colour k (INK_*) as cr's source. */
static void
ink(cairo_t *cr, unsigned k)
{
	struct rgb	 c = theme_get()->ink[k];

	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* A box item of height h. */
static struct lay_item *
add_box(struct pdf *p, int role, double h)
{
	struct lay_item	*it;

	it = lay_add(&p->l, LAY_BOX);
	it->role = role;
	it->nu = 1;
	it->uh = xcalloc(1, sizeof(double));
	it->uh[0] = h;
	return it;
}

/* Gives l's item array back the room it does not use: a figure's
 * column holds a few items in an array made for many. */
static void
fit_items(struct lay *l)
{
	if (l->nitems == 0 || l->nitems == l->cap)
		return;
	l->item = xreallocarray(l->item, l->nitems, sizeof(*l->item));
	l->cap = l->nitems;
}

/* The layout of one line of plain text, for drawing (caller unrefs). */
static PangoLayout *
line_layout(struct pdf *p, const char *family, double size,
    PangoWeight weight, const char *text)
{
	PangoLayout	*pl;

	pl = font_layout(p->ctx, family, size, weight);
	font_set_text(pl, text, -1);
	return pl;
}

/* Draws pl with its first baseline at (x, y). */
static void
show_at(cairo_t *cr, PangoLayout *pl, double x, double y)
{
	cairo_move_to(cr, x, y - (double)pango_layout_get_baseline(pl) /
	    PANGO_SCALE);
	pango_cairo_show_layout(cr, pl);
}

static double
layout_w(PangoLayout *pl)
{
	PangoRectangle	 r;

	pango_layout_get_extents(pl, NULL, &r);
	return (double)r.width / PANGO_SCALE;
}

/* Appends s to b, escaped for a cairo tag attribute string ('…'). */
static void
attr_str(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\'' || *s == '\\')
			buf_putc(b, '\\');
		buf_putc(b, *s);
	}
}

/* Appends a link address for a cairo link tag: cairo 1.16 copies it into
 * the PDF string as it is, so a lone parenthesis or a backslash would
 * break the file; those, quotes, spaces and non-ASCII bytes are
 * percent-encoded (the address means the same). */
static void
attr_uri(struct buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	for (; *u != '\0'; u++)
		if (*u > 0x20 && *u < 0x7f && strchr("()\\'\"<>{}|^`", *u) ==
		    NULL)
			buf_putc(b, *u);
		else
			buf_printf(b, "%%%02X", *u);
}

static const char *
part_dest(struct pdf *p, const char *side, const struct part *pt)
{
	return keep(p, xasprintf("%s-%s", side, pt->slug));
}

/* ---- building: the model -> items ---- */

static void	 unit_add(struct pdf *, enum unit_kind,
		    const struct measure *);

/* A contents entry for a section whose destination is dest. */
static void
toc_entry(struct pdf *p, const char *text, enum lay_style st, int level,
    const char *dest)
{
	struct lay_item	*it;
	double		 x = level * TOC_STEP;

	it = lay_text_hang(&p->l, text, st, x, COL_W - x - TOC_NUMW, dest,
	    12);
	it->role = ROLE_TOC;
	it->tag = "TOCI";
	it->str = xstrdup(dest);
	it->keep = level == 0;
	/* A link to dest says where it goes: this title. */
	p->links = xreallocarray(p->links, p->nlinks + 2,
	    sizeof(*p->links));
	p->links[p->nlinks++] = xstrdup(dest);
	p->links[p->nlinks++] = xstrdup(text);
}

/* An objective's destination: "objectif-I.2", and its level too below
 * the first ("objectif-2-4"), where ids may repeat those above.  The
 * caller frees it. */
static char *
obj_dest(const struct objective *ob)
{
	if (ob->level > 1)
		return xasprintf("objectif-%zu-%s", ob->level, ob->id);
	return xasprintf("objectif-%s", ob->id);
}

/* "Priorité II — title": an item of the plan in the contents and the
 * outline.  The caller frees it. */
static char *
item_heading(const struct pdf *p, size_t level, const char *num,
    const char *title)
{
	char	*l = level_label(&p->r->plan, level, num, " ");
	char	*s = xasprintf("%s " EMDASH " %s", l, title);

	free(l);
	return s;
}

/* "PRIORITÉ II": an item's label in capitals, above its title.  The
 * caller frees it. */
static char *
item_kicker(const struct pdf *p, size_t level, const char *num)
{
	char	*l = level_label(&p->r->plan, level, num, " ");
	char	*up = g_utf8_strup(l, -1);
	char	*s = xstrdup(up);

	g_free(up);
	free(l);
	return s;
}

static void
build_toc(struct pdf *p)
{
	const struct edition *e = p->e;
	const struct plan *pl = &p->r->plan;
	const struct priority *pr;
	const struct objective *ob;
	const struct measure *m;
	size_t		 i, j, k, first;
	char		*s;

	set_mark(p, T("Sommaire"));
	lay_text(&p->l, T("Sommaire"), STYLE_H1, 0, 0)->dest = "sommaire";
	first = p->l.nitems;
	for (i = 0; i < e->nfront; i++)
		toc_entry(p, e->front[i].title, STYLE_TOC1, 0,
		    part_dest(p, "avant", &e->front[i]));
	if (plan_flat(pl))	/* the measures alone, at the top */
		for (k = 0; k < pl->nmeasures; k++) {
			m = &pl->measures[k];
			s = item_heading(p, ML(pl), m->num, m->title);
			toc_entry(p, s, STYLE_TOC3, 0, m->id);
			free(s);
		}
	for (i = 0; i < plan_groups(pl); i++) {
		pr = &pl->prios[i];
		s = item_heading(p, 0, pr->num, pr->title);
		toc_entry(p, s, STYLE_TOC1, 0,
		    keep(p, xasprintf("priorite-%s", pr->id)));
		free(s);
		for (j = 0; j < pr->nobjs; j++) {
			ob = &pr->objs[j];
			s = item_heading(p, ob->level, ob->num, ob->title);
			toc_entry(p, s, STYLE_TOC2, (int)ob->level,
			    keep(p, obj_dest(ob)));
			free(s);
			for (k = 0; k < ob->nmeasures; k++) {
				m = ob->measures[k];
				s = item_heading(p, ML(pl), m->num, m->title);
				toc_entry(p, s, STYLE_TOC3,
				    (int)ob->level + 1, m->id);
				free(s);
			}
		}
		if (pr->nobjs == 0)
			for (k = 0; k < pr->nmeasures; k++) {
				m = pr->measures[k];
				s = item_heading(p, ML(pl), m->num, m->title);
				toc_entry(p, s, STYLE_TOC3, 1, m->id);
				free(s);
			}
	}
	for (i = 0; i < e->nback; i++)
		toc_entry(p, e->back[i].title, STYLE_TOC1, 0,
		    part_dest(p, "apres", &e->back[i]));
	toc_entry(p, T("Annexe " EMDASH " Tableau des indicateurs"), STYLE_TOC1,
	    0, "annexe");
	/* The entries, one TOC. */
	p->l.item[first].group = "TOC";
	p->l.item[p->l.nitems - 1].gclose = 1;
}

/* The section's link notes, under a heading of structure level tag:
 * a section of the part or measure, whatever its style (heading_tag()
 * numbers it by depth). */
static void
notes_heading(struct pdf *p, const char *tag)
{
	size_t	 n = p->l.nitems;

	lay_notes(&p->l, T("Liens"));
	if (n < p->l.nitems && p->l.item[n].kind == LAY_TEXT)
		p->l.item[n].tag = tag;
}

/* A front or back matter part: a chapter of its own. */
static void
build_part(struct pdf *p, const char *side, const struct part *pt)
{
	lay_break(&p->l);
	set_mark(p, pt->title);
	add_box(p, ROLE_OPENER, OPENER_H)->keep = 1;
	lay_text(&p->l, pt->title, STYLE_H1, 0, 0)->dest =
	    part_dest(p, side, pt);
	p->l.notes = 1;
	lay_blocks(&p->l, pt->doc.blocks, 0, BODY_H * 0.6);
	notes_heading(p, "H2");
	p->l.notes = 0;
}

/* "Partiellement réalisée" -> which way a status moved since last year. */
static const char *
status_change(const struct plan *pl, enum status prev, enum status now)
{
	static const char *const word[CHANGE__MAX] = {
		N_("inchangée"),/* CHANGE_SAME */
		N_("en progrès"),/* CHANGE_BETTER */
		N_("en recul"),/* CHANGE_WORSE */
		N_("modifiée"),/* CHANGE_OTHER */
	};

	return T(word[report_change(pl, prev, now)]);
}

/* The first and last years of an indicator's data table: from its first
 * value to the edition year, at most MAX_YEARS columns.  Returns 0 when
 * there is no value up to the edition year. */
static int
year_range(const struct indicator *ind, int year, int *from, int *to)
{
	const struct value *v;
	size_t		 i, j;
	int		 lo = 0;

	for (i = 0; i < ind->nseries; i++)
		for (j = 0; j < ind->series[i].nvals; j++) {
			v = &ind->series[i].vals[j];
			if (v->year <= year && (lo == 0 || v->year < lo))
				lo = v->year;
		}
	if (lo == 0)
		return 0;
	*to = year;
	*from = year - lo + 1 > MAX_YEARS ? year - MAX_YEARS + 1 : lo;
	return 1;
}

/* One value as a table cell: "1 118", "12,5 %", "170 000 €*". */
static char *
cell_value(const struct indicator *ind, const struct value *v, int *illus)
{
	char	 num[64];

	if (v == NULL)
		return xstrdup(EMDASH);
	fmt_value(num, sizeof(num), v->v, ind->unit);
	if (v->illustrative)
		*illus = 1;
	return xasprintf("%s%s", num, v->illustrative ? "*" : "");
}

/* The data table of a figure, into the figure's own layout: years
 * across and series down, or, beside the chart (down), years down. */
static void
figure_table(struct lay *l, const struct indicator *ind, int year,
    int down, int *illus, struct buf *vnotes, const char *cont)
{
	const struct series *s;
	const struct value *v;
	const char	**cells;
	double		 rel[MAX_YEARS + 1];
	int		 ralign[MAX_YEARS + 1];
	size_t		 nrows, ncols, r, c, i, ny;
	int		 from, to, y;
	struct lay_item	*it;

	if (!year_range(ind, year, &from, &to))
		return;
	ny = (size_t)(to - from + 1);
	if (down) {
		/* Années | valeur (a single series). */
		nrows = ny + 1;
		ncols = 2;
		cells = xcalloc(nrows * ncols, sizeof(*cells));
		rel[0] = 1;
		rel[1] = 1.4;
		ralign[0] = 0;
		ralign[1] = 1;
		cells[0] = xstrdup(T("Année"));
		cells[1] = xstrdup(fmt_unit_inline(ind->unit) ?
		    T("Valeur") : ind->unit);
		s = &ind->series[0];
		for (r = 1; r < nrows; r++) {
			y = from + (int)r - 1;
			v = series_at(s, y);
			cells[r * 2] = xasprintf("%d", y);
			cells[r * 2 + 1] = cell_value(ind, v, illus);
			if (v != NULL && v->note != NULL)
				buf_printf(vnotes, "%s%d" NNBSP ": %s",
				    vnotes->len ? " ; " : "", y, v->note);
		}
	} else {
		ncols = ny + 1;
		nrows = ind->nseries + 1;
		cells = xcalloc(nrows * ncols, sizeof(*cells));
		rel[0] = ny > 5 ? 2.6 : 3.2;
		ralign[0] = 0;
		cells[0] = xstrdup(ind->categories ? T("Catégorie") :
		    fmt_unit_inline(ind->unit) ? "" : ind->unit);
		for (c = 1; c < ncols; c++) {
			rel[c] = 1;
			ralign[c] = 1;
			cells[c] = xasprintf("%d", from + (int)c - 1);
		}
		for (r = 1; r < nrows; r++) {
			s = &ind->series[r - 1];
			cells[r * ncols] = xstrdup(ind->categories ? s->label :
			    T("Valeur"));
			for (c = 1; c < ncols; c++) {
				y = from + (int)c - 1;
				v = series_at(s, y);
				cells[r * ncols + c] = cell_value(ind, v,
				    illus);
				if (v != NULL && v->note != NULL)
					buf_printf(vnotes, "%s%s%s%d" NNBSP
					    ": %s", vnotes->len ? " ; " : "",
					    ind->categories ? s->label : "",
					    ind->categories ? ", " : "", y,
					    v->note);
			}
		}
	}
	it = lay_table(l, nrows, ncols, 1, rel, ralign, cells, cont);
	it->before = 0;
	it->after = 6;
	for (i = 0; i < nrows * ncols; i++)
		free((char *)cells[i]);
	free(cells);
}

/* The words and numbers that go with a chart, as items of l: the data
 * table (years down when down; with cont above its continuation, if
 * it breaks), definition, baseline and target, notes, the source's
 * address. */
static void
figure_col(struct pdf *p, struct lay *l, const struct indicator *ind,
    int down, const char *cont)
{
	struct buf	 b = { NULL, 0, 0 }, vn = { NULL, 0, 0 };
	char		 num[64];
	int		 illus = 0, base;

	figure_table(l, ind, p->e->year, down, &illus, &vn, cont);
	if (ind->definition != NULL)
		buf_printf(&b, T("Définition" NBSP ": %s"), ind->definition);
	base = ind->baseline.set && ind->baseline.year <= p->e->year;
	if (base) {
		fmt_value(num, sizeof(num), ind->baseline.v, ind->unit);
		buf_printf(&b, T("%sRéférence" NBSP ": %s en %d%s"),
		    b.len ? "\n" : "", num, ind->baseline.year,
		    ind->baseline.illustrative ? "*" : "");
		illus |= ind->baseline.illustrative;
	}
	if (ind->target.set) {
		fmt_value(num, sizeof(num), ind->target.v, ind->unit);
		buf_printf(&b, T("%sCible" NBSP ": %s en %d%s"), base ? " ; " :
		    b.len ? "\n" : "", num, ind->target.year,
		    ind->target.illustrative ? "*" : "");
		illus |= ind->target.illustrative;
	}
	if (vn.len)
		buf_printf(&b, T("%sPrécisions" NBSP ": %s."), b.len ? "\n" : "",
		    vn.data);
	if (ind->note != NULL)
		buf_printf(&b, T("%sNote" NBSP ": %s"), b.len ? "\n" : "",
		    ind->note);
	if (illus)
		buf_printf(&b, T("%s* Valeur illustrative, non issue d’une "
		    "source publiée."), b.len ? "\n" : "");
	if (b.len)
		lay_text(l, b.data, STYLE_SMALL, 0, 0)->before = 0;
	/* The chart names the source; the printed report keeps its
	 * address. */
	if (ind->source_url != NULL)
		lay_text_linked(l, "En ligne" NBSP ": ",
		    ind->source_url, STYLE_SMALL, 0, 0, ind->source_url,
		    NULL)->before = 4;
	buf_free(&b);
	buf_free(&vn);
}

/* The caption of a figure (title, owned by the caller) and the
 * sentences stating its data, as text items of the flow; the caption
 * opens the figure's group and is the float. */
static void
figure_caption(struct pdf *p, const struct measure *m,
    const struct indicator *ind, size_t anchor, const char *title)
{
	struct lay_item	*it;
	char		*s, *t;

	it = lay_text(&p->l, title, STYLE_CAPTION, 0, 0);
	it->group = "Figure";
	it->alt = chart_desc(ind, p->e->year);
	it->before = 14;
	it->flt = 1;
	it->anchor = anchor;
	/* Links to the indicator lead here (xref.c names it so). */
	it->dest = keep(p, xasprintf("%s#ind-%s", m->id, ind->id));
	/* The sentence is the figure's alternative text too. */
	s = xstrdup(it->alt);
	lay_text(&p->l, s, STYLE_DESC, 0, 0)->keep = 1;
	free(s);
	if (p->e->prev != NULL &&
	    (s = chart_change(ind, p->e->year, p->e->prev->year)) != NULL) {
		t = xasprintf(T("Depuis l’édition %d" NBSP ": %s"),
		    p->e->prev->year, s);
		lay_text(&p->l, t, STYLE_DESC, 0, 0)->keep = 1;
		free(t);
		free(s);
	}
}

/* What a page leaves for the chart below the caption (item ncap) and
 * its sentences, with room for a table's head and first rows.  When the
 * sentences leave too little (dozens of values stated), *alone is set:
 * the chart starts a page of its own after them. */
static double
figure_room(struct pdf *p, const struct indicator *ind, size_t ncap,
    int *alone)
{
	double		 maxch = BODY_H - FIG_TABLE_MIN - 4;
	size_t		 i;

	for (i = ncap; i < p->l.nitems; i++)
		maxch -= lay_height(&p->l.item[i], 0, p->l.item[i].nu, 0) +
		    (i > ncap ? fmax(p->l.item[i - 1].after,
		    p->l.item[i].before) : 0);
	*alone = maxch < chart_height_min(ind, p->e->year, COL_W);
	if (*alone) {
		p->l.item[p->l.nitems - 1].keep = 0;
		maxch = BODY_H - FIG_TABLE_MIN - 4;
	}
	return maxch;
}

/* The column of f stacked: each item's y (kept in its x), the column's
 * height. */
static void
figure_stack(struct fig *f)
{
	struct lay_item	*it;
	double		 y = 0, after = 0;
	size_t		 i;

	for (i = 0; i < f->col.nitems; i++) {
		it = &f->col.item[i];
		if (i > 0)
			y += fmax(after, it->before);
		it->x = y;	/* the column's own y, kept in x */
		y += lay_height(it, 0, it->nu, 0);
		after = it->after;
	}
	f->colh = y;
}

/* A new figure of ind, owned by p, its chart at most maxch high and its
 * column laid out beside or below it. */
static struct fig *
figure_new(struct pdf *p, const struct indicator *ind, double maxch)
{
	struct fig	*f;
	int		 from, to;

	f = xcalloc(1, sizeof(*f));
	if (p->nfigs == p->figcap) {
		p->figcap = p->figcap ? p->figcap * 2 : 32;
		p->figs = xreallocarray(p->figs, p->figcap, sizeof(*p->figs));
	}
	p->figs[p->nfigs++] = f;
	f->ind = ind;
	/* Beside the chart when the table is a column of years. */
	f->side = !ind->categories || !year_range(ind, p->e->year, &from,
	    &to) || from == to;
	f->cw = f->side ? floor(COL_W * 0.6) : COL_W;
	f->ch = fmin(chart_height(ind, p->e->year, f->cw), maxch);
	f->sx = f->side ? f->cw + FIG_GAP : 0;
	lay_init(&f->col, p->ctx, p->hy, COL_W - f->sx);
	figure_col(p, &f->col, ind, f->side && !ind->categories, NULL);
	figure_stack(f);
	f->h = f->side ? fmax(f->ch, f->colh) : f->ch + 8 + f->colh;
	fit_items(&f->col);
	return f;
}

/* Figure f too long to stay one box: the chart alone, full width, and
 * its words after it in the flow (the table continued under title),
 * where they may run over a page rather than be cut.  The caption is
 * item ncap. */
static void
figure_flow(struct pdf *p, struct fig *f, size_t ncap, double maxch,
    const char *title)
{
	struct lay_item	*it, *cap;
	size_t		 i, first;
	int		 notes;

	lay_free(&f->col);
	cap = &p->l.item[ncap];
	cap->flt = 0;
	cap->anchor = 0;
	f->side = 0;
	f->sx = 0;
	f->cw = COL_W;
	f->ch = f->h = fmin(chart_height(f->ind, p->e->year, COL_W), maxch);
	f->colh = 0;
	it = add_box(p, ROLE_FIGURE, f->h);
	it->data = f;
	it->keep = 1;
	it->before = 4;
	it->after = 8;
	first = p->l.nitems;
	notes = p->l.notes;
	p->l.notes = 0;		/* the address is printed */
	figure_col(p, &p->l, f->ind, 0, title);
	p->l.notes = notes;
	/* The table may break; the words after it keep together and with
	 * its end. */
	for (i = first; i < p->l.nitems; i++) {
		p->l.item[i].keep = i + 1 < p->l.nitems &&
		    p->l.item[i].kind != LAY_TABLE;
		if (p->l.item[i].kind == LAY_TEXT)
			p->l.item[i].orphans = p->l.item[i].widows = 2;
	}
	it = &p->l.item[p->l.nitems - 1];
	it->gclose = 1;
	it->after = 12;
}

/*
 * An indicator as a figure: caption and the sentence stating its data
 * (text items), then one box holding the chart and, beside it (or below
 * it when the data table needs the width), the data table, definition,
 * baseline and target, notes and the source's address.  The box is one
 * unit and a float.  A figure too tall for that (many categories, long
 * notes) is not a float: its chart, never taller than what a page leaves
 * below the caption, stands with the caption (or, when the sentences
 * stating its data leave it too little room, at the top of the next
 * page) and the first rows of its table, and the table goes on over the
 * next page with "(suite)", its words after it.  Returns 1 in that
 * case.
 */
static int
build_figure(struct pdf *p, const struct measure *m,
    const struct indicator *ind, size_t anchor)
{
	struct fig	*f;
	struct lay_item	*it;
	char		*title;
	size_t		 ncap;
	double		 maxch;
	int		 alone, flow;

	p->nfig++;
	title = xasprintf("Figure %d.%d " EMDASH " %s", m->number, p->nfig,
	    ind->label);
	ncap = p->l.nitems;
	figure_caption(p, m, ind, anchor, title);
	maxch = figure_room(p, ind, ncap, &alone);
	f = figure_new(p, ind, maxch);
	flow = alone || f->h > BODY_H * 0.75;
	if (flow)
		figure_flow(p, f, ncap, maxch, title);
	else {
		it = add_box(p, ROLE_FIGURE, f->h);
		it->data = f;
		it->gclose = 1;
		it->before = 4;
		it->after = 12;
	}
	free(title);
	return flow;
}

/* The status line: the edition's appreciation as a badge, its
 * justification, and last edition's. */
static void
build_status(struct pdf *p, const struct measure *m)
{
	const struct assessment *a, *pa;
	struct lay_item	*it;
	char		*s;

	a = report_assessment(m, p->e->year);
	it = add_box(p, ROLE_BADGE, BADGE_H);
	it->data = a;
	it->n = a != NULL ? (int)a->status : STATUS_NOT_ASSESSED;
	it->keep = 1;
	it->tag = "P";
	it->after = 3;
	if (a != NULL && a->text != NULL)
		lay_text(&p->l, a->text, STYLE_STATUS, 0, 0)->keep = 1;
	if (p->e->prev != NULL &&
	    (pa = report_assessment(m, p->e->prev->year)) != NULL) {
		s = xasprintf(T("Appréciation %d" NBSP ": %s%s%s%s."),
		    p->e->prev->year, status_name(&p->r->plan, pa->status),
		    a != NULL ? " (" : "",
		    a != NULL ? status_change(&p->r->plan, pa->status,
		    a->status) : "",
		    a != NULL ? ")" : "");
		it = lay_text(&p->l, s, STYLE_DESC, 0, 0);
		it->keep = 1;
		free(s);
	}
	p->l.item[p->l.nitems - 1].after = 10;
	p->l.item[p->l.nitems - 1].keep = 1;
}

static void
build_measure(struct pdf *p, const struct measure *m)
{
	const struct doc *d = &p->e->narr[m->index];
	struct lay_item	*it;
	struct buf	 b = { NULL, 0, 0 };
	char		*s;
	size_t		 i, anchor;

	/* The destination is the label above the title: a link shows
	 * both. */
	s = item_kicker(p, ML(&p->r->plan), m->num);
	it = lay_text(&p->l, s, STYLE_KICKER, 0, 0);
	it->before = 22;
	it->dest = m->id;
	free(s);
	it = lay_text(&p->l, m->title, STYLE_H3, 0, 0);
	it->before = 0;
	if (plan_flat(&p->r->plan))	/* no chapter heading above it */
		it->tag = "H1";
	if (m->lead != NULL)
		buf_printf(&b, T("Pilote" NBSP ": %s"), m->lead);
	for (i = 0; i < m->npartners; i++)
		buf_printf(&b, "%s%s", i == 0 ? (b.len ? T(". Partenaires"
		    NBSP ": ") : T("Partenaires" NBSP ": ")) : ", ",
		    m->partners[i]);
	if (b.len) {
		buf_putc(&b, '.');
		it = lay_text(&p->l, b.data, STYLE_LEAD, 0, 0);
		it->keep = 1;
		it->after = 6;
	}
	buf_free(&b);
	build_status(p, m);
	/* Figures may rise to the top of a page of the narrative. */
	anchor = p->l.nitems;
	p->l.notes = 1;
	if (d->blocks != NULL)
		lay_blocks(&p->l, d->blocks, 2, BODY_H * 0.6);
	else {		/* a draft's gap */
		snprintf(p->gaptext, sizeof(p->gaptext),
		    level_words_default(&p->r->plan, ML(&p->r->plan)) ?
		    T(NBSP ": le récit de cette mesure pour l’édition %d.") :
		    T(NBSP ": le récit pour l’édition %d."), p->e->year);
		memset(&p->gap, 0, sizeof(p->gap));
		memset(p->gapsp, 0, sizeof(p->gapsp));
		p->gapsp[0].type = SPAN_STRONG;
		p->gapsp[0].child = &p->gapsp[1];
		p->gapsp[0].next = &p->gapsp[2];
		p->gapsp[1].type = SPAN_TEXT;
		p->gapsp[1].text = T("À rédiger");
		p->gapsp[2].type = SPAN_TEXT;
		p->gapsp[2].text = p->gaptext;
		p->gap.type = BLOCK_PARAGRAPH;
		p->gap.ins = &p->gapsp[0];
		lay_blocks(&p->l, &p->gap, 2, BODY_H * 0.6);
	}
	p->nfig = 0;
	/* A figure whose table runs on in the flow is a wall: the figures
	 * after it never rise above its end. */
	for (i = 0; i < m->ninds; i++)
		if (build_figure(p, m, &m->inds[i], anchor))
			anchor = p->l.nitems;
	notes_heading(p, "H4");
	p->l.notes = 0;
}

/* The measures of a plan of one level: one chapter with no opener nor
 * heading of its own, each measure's title a first-level heading. */
static void
build_flat(struct pdf *p)
{
	const struct plan *pl = &p->r->plan;
	size_t		 i;

	lay_break(&p->l);
	set_mark(p, pl->levels[ML(pl)].plural);
	for (i = 0; i < pl->nmeasures; i++)
		unit_add(p, UNIT_MEASURE, &pl->measures[i]);
}

static void
build_chapter(struct pdf *p, const struct priority *pr)
{
	struct lay_item	*it;
	char		*s;
	size_t		 i, j;

	lay_break(&p->l);
	s = item_heading(p, 0, pr->num, pr->title);
	set_mark(p, s);
	free(s);
	add_box(p, ROLE_OPENER, OPENER_H)->keep = 1;
	s = item_kicker(p, 0, pr->num);
	it = lay_text(&p->l, s, STYLE_KICKER, 0, 0);
	it->before = 0;
	it->after = 4;
	it->dest = keep(p, xasprintf("priorite-%s", pr->id));
	free(s);
	lay_text(&p->l, pr->title, STYLE_H1, 0, 0);
	for (i = 0; i < pr->nobjs; i++) {
		const struct objective *ob = &pr->objs[i];

		s = item_kicker(p, ob->level, ob->num);
		it = lay_text(&p->l, s, STYLE_KICKER, 0, 0);
		it->before = 26;
		it->dest = keep(p, obj_dest(ob));
		free(s);
		/* An objective within an objective: one heading level
		 * down. */
		it = lay_text(&p->l, ob->title, ob->level > 1 ? STYLE_H3 :
		    STYLE_H2, 0, 0);
		it->before = 0;
		for (j = 0; j < ob->nmeasures; j++)
			unit_add(p, UNIT_MEASURE, ob->measures[j]);
	}
	if (pr->nobjs == 0)
		for (j = 0; j < pr->nmeasures; j++)
			unit_add(p, UNIT_MEASURE, pr->measures[j]);
}

/* The annex's text and table: every indicator, its latest value up to
 * the edition year and its target, in one table that runs over pages. */
static void
annex_body(struct pdf *p)
{
	const struct plan *pl = &p->r->plan;
	const struct measure *m;
	const struct indicator *ind;
	const struct series *s;
	const struct value *v;
	const char	**cells = NULL;
	static const double rel[] = { 1.0, 4.5, 1.5, 0.9, 1.6 };
	static const int ralign[] = { 0, 0, 1, 1, 1 };
	size_t		 nrows = 1, cap = 0, i, j, k, r;
	char		 num[64];
	int		 illus = 0;

	{
		char *t = xasprintf(T("Dernière valeur connue de chaque "
		    "indicateur jusqu’en %d et cible du plan. Un tiret "
		    "signale l’absence de donnée publiée."), p->e->year);

		lay_text(&p->l, t, STYLE_BODY, 0, 0);
		free(t);
	}
	lay_text(&p->l, T("Tableau A.1 " EMDASH " Indicateurs du plan"),
	    STYLE_CAPTION, 0, 0)->keep = 1;
	cap = 64;
	cells = xcalloc(cap * 5, sizeof(*cells));
	cells[0] = xstrdup(pl->levels[ML(pl)].singular);
	cells[1] = xstrdup(T("Indicateur"));
	cells[2] = xstrdup(T("Dernière valeur"));
	cells[3] = xstrdup(T("Année"));
	cells[4] = xstrdup(T("Cible"));
	for (i = 0; i < pl->nmeasures; i++) {
		m = &pl->measures[i];
		for (j = 0; j < m->ninds; j++) {
			ind = &m->inds[j];
			for (k = 0; k < ind->nseries; k++) {
				s = &ind->series[k];
				if (nrows == cap) {
					cells = xreallocarray(cells, cap * 2 *
					    5, sizeof(*cells));
					memset(cells + cap * 5, 0, cap * 5 *
					    sizeof(*cells));
					cap *= 2;
				}
				r = nrows++;
				cells[r * 5] = xstrdup(m->num);
				cells[r * 5 + 1] = ind->categories ?
				    xasprintf("%s" NBSP ": %s", ind->label,
				    s->label) : xstrdup(ind->label);
				v = series_last(s, p->e->year);
				cells[r * 5 + 2] = cell_value(ind, v, &illus);
				cells[r * 5 + 3] = v != NULL ?
				    xasprintf("%d", v->year) : xstrdup(EMDASH);
				if (ind->target.set && k == 0 &&
				    !ind->categories) {
					fmt_value(num, sizeof(num),
					    ind->target.v, ind->unit);
					cells[r * 5 + 4] = xasprintf(T("%s en %d%s"),
					    num, ind->target.year,
					    ind->target.illustrative ? "*" :
					    "");
					illus |= ind->target.illustrative;
				} else
					cells[r * 5 + 4] = xstrdup(EMDASH);
			}
		}
	}
	lay_table(&p->l, nrows, 5, 1, rel, ralign, cells,
	    T("Tableau A.1 " EMDASH " Indicateurs du plan"));
	if (illus)
		lay_text(&p->l, T("* Valeur illustrative, non issue d’une "
		    "source publiée."), STYLE_SMALL, 0, 0);
	for (i = 0; i < nrows * 5; i++)
		free((char *)cells[i]);
	free(cells);
}

static void
build_annex(struct pdf *p)
{
	lay_break(&p->l);
	set_mark(p, T("Annexe"));
	add_box(p, ROLE_OPENER, OPENER_H)->keep = 1;
	lay_text(&p->l, T("Annexe " EMDASH " Tableau des indicateurs"),
	    STYLE_H1, 0, 0)->dest = "annexe";
	unit_add(p, UNIT_ANNEX, NULL);
}

/* ---- units: layouts dropped after the first pass ---- */

/* [bytes] A rough estimate of what a layout holds: glyphs, lines,
 * attributes. */
static size_t
layout_cost(PangoLayout *pl)
{
	return pl == NULL ? 0 : 1024 + 64 * strlen(pango_layout_get_text(pl));
}

static size_t
item_cost(const struct lay_item *it)
{
	size_t	 n, i;

	n = layout_cost(it->layout) + layout_cost(it->marker);
	if (it->table != NULL) {
		for (i = 0; i < it->table->nrows * it->table->ncols; i++)
			n += layout_cost(it->table->cell[i]);
		n += layout_cost(it->table->cont);
	}
	return n;
}

/* Frees the layouts of an item (it is drawn, or will be built again). */
static void
drop_item(struct lay_item *it)
{
	size_t	 i;

	if (it->layout != NULL)
		g_object_unref(it->layout);
	if (it->marker != NULL)
		g_object_unref(it->marker);
	it->layout = it->marker = NULL;
	if (it->table == NULL)
		return;
	for (i = 0; i < it->table->nrows * it->table->ncols; i++)
		if (it->table->cell[i] != NULL) {
			g_object_unref(it->table->cell[i]);
			it->table->cell[i] = NULL;
		}
	if (it->table->cont != NULL)
		g_object_unref(it->table->cont);
	it->table->cont = NULL;
}

static void
drop_fig(struct fig *f)
{
	size_t	 i;

	for (i = 0; i < f->col.nitems; i++)
		drop_item(&f->col.item[i]);
}

static void
unit_build(struct pdf *p, const struct unit *u)
{
	switch (u->kind) {
	case UNIT_MEASURE:
		build_measure(p, u->m);
		break;
	case UNIT_ANNEX:
		annex_body(p);
		break;
	}
}

/* Takes n bytes of the budget, if there are. */
static int
keep_bytes(struct pdf *p, size_t n)
{
	size_t	 all = atomic_load(&kept_all);

	do {
		if (all + n > PDF_KEEP)
			return 0;
	} while (!atomic_compare_exchange_weak(&kept_all, &all, all + n));
	p->kept += n;
	return 1;
}

/* Gives n bytes back to the budget. */
static void
unkeep_bytes(struct pdf *p, size_t n)
{
	n = n < p->kept ? n : p->kept;
	atomic_fetch_sub(&kept_all, n);
	p->kept -= n;
}

/* Builds a unit's items, then keeps or drops their layouts. */
static void
unit_add(struct pdf *p, enum unit_kind kind, const struct measure *m)
{
	struct unit	*u;
	size_t		 i, cost = 0;

	if (p->nunits == p->unitcap) {
		p->unitcap = p->unitcap ? p->unitcap * 2 : 64;
		p->unit = xreallocarray(p->unit, p->unitcap,
		    sizeof(*p->unit));
	}
	u = &p->unit[p->nunits++];
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	u->m = m;
	u->from = p->l.nitems;
	u->fig0 = p->nfigs;
	u->pnumdigits = p->l.pnumdigits;
	unit_build(p, u);
	u->to = p->l.nitems;
	u->fig1 = p->nfigs;
	for (i = u->from; i < u->to; i++)
		cost += item_cost(&p->l.item[i]);
	for (i = u->fig0; i < u->fig1; i++) {
		size_t j;

		for (j = 0; j < p->figs[i]->col.nitems; j++)
			cost += item_cost(&p->figs[i]->col.item[j]);
	}
	if (keep_bytes(p, cost)) {
		u->kept = 1;
		return;
	}
	u->dropped = 1;
	for (i = u->from; i < u->to; i++)
		drop_item(&p->l.item[i]);
	for (i = u->fig0; i < u->fig1; i++)
		drop_fig(p->figs[i]);
}

/*
 * Builds a dropped unit again, for drawing: the same items come out (the
 * build depends on the model only) and take the places of the first
 * pass's, whose pieces stay.
 */
static void
unit_load(struct pdf *p, struct unit *u)
{
	struct lay	 first, again;
	struct lay_item	*a, *b;
	struct fig	*f, *g;
	size_t		 nfigs = p->nfigs, i;
	const void	*data;

	first = p->l;
	lay_init(&p->l, first.ctx, first.hy, first.width);
	p->l.notedest = first.notedest;
	p->l.pnumdigits = u->pnumdigits;	/* the same widths */
	unit_build(p, u);
	again = p->l;
	p->l = first;
	if (again.nitems != u->to - u->from ||
	    p->nfigs - nfigs != u->fig1 - u->fig0)
		abort();
	for (i = 0; i < again.nitems; i++) {
		a = &p->l.item[u->from + i];
		b = &again.item[i];
		if (a->kind != b->kind || a->nu != b->nu)
			abort();
		/* A figure box keeps its figure, which takes the new
		 * column below. */
		data = a->data;
		*a = *b;
		if (a->kind == LAY_BOX && a->role == ROLE_FIGURE)
			a->data = data;
		memset(b, 0, sizeof(*b));
	}
	for (i = 0; i < u->fig1 - u->fig0; i++) {
		f = p->figs[u->fig0 + i];
		g = p->figs[nfigs + i];
		lay_free(&f->col);
		f->col = g->col;
		free(g);
	}
	p->nfigs = nfigs;
	lay_free(&again);
	u->dropped = 0;
}

/*
 * Frees what a dropped unit's items hold once they are paginated: the
 * drawing builds them again.  Their destinations stay (the contents
 * need their pages), and a figure box keeps its figure.
 */
static void
unit_shed(struct pdf *p, const struct unit *u)
{
	struct lay	 tmp;
	struct lay_item	*it;
	size_t		 i, n = u->to - u->from;

	lay_init(&tmp, p->ctx, p->hy, COL_W);
	tmp.item = xcalloc(n + 1, sizeof(*tmp.item));
	memcpy(tmp.item, p->l.item + u->from, n * sizeof(*tmp.item));
	tmp.nitems = tmp.cap = n;
	for (i = 0; i < n; i++) {
		it = &p->l.item[u->from + i];
		memset(it, 0, sizeof(*it));
		it->kind = tmp.item[i].kind;
		it->nu = tmp.item[i].nu;
		it->role = tmp.item[i].role;
		it->dest = tmp.item[i].dest;
		it->data = tmp.item[i].data;
	}
	lay_free(&tmp);		/* layout.c knows what an item owns */
	for (i = u->fig0; i < u->fig1; i++)
		lay_free(&p->figs[i]->col);
}

/*
 * Paginates the items built since the last call: a part, a chapter, the
 * annex or the contents, each of which starts a page, so that its pages
 * are its own.  Their pieces go after the others', numbered from the
 * document's start; then the dropped units of the section shed their
 * items.
 */
static void
paginate(struct pdf *p)
{
	struct lay_pages sp;
	struct lay_item	*items = p->l.item + p->secfrom;
	size_t		 n = p->l.nitems - p->secfrom, i, npages;

	if (n == 0)
		return;
	/* Anchors count from the document's first item, pagination
	 * from the section's. */
	for (i = 0; i < n; i++)
		if (items[i].flt)
			items[i].anchor -= p->secfrom;
	lay_paginate(items, n, BODY_H, &sp);
	npages = p->pg.npieces > 0 ? p->pg.npages : 0;
	if (p->pg.npieces + sp.npieces > p->piececap) {
		p->piececap = (p->pg.npieces + sp.npieces) * 2;
		p->pg.piece = xreallocarray(p->pg.piece, p->piececap,
		    sizeof(*p->pg.piece));
	}
	for (i = 0; i < sp.npieces; i++) {
		p->pg.piece[p->pg.npieces] = sp.piece[i];
		p->pg.piece[p->pg.npieces].item += p->secfrom;
		p->pg.piece[p->pg.npieces++].page += npages;
	}
	p->pg.npages = npages + sp.npages;
	lay_pages_free(&sp);
	for (; p->secunit < p->nunits; p->secunit++)
		if (p->unit[p->secunit].dropped)
			unit_shed(p, &p->unit[p->secunit]);
	p->secfrom = p->l.nitems;
}

/* The sections of this half (all of them in a whole document), each
 * paginated once built. */
static void
build(struct pdf *p)
{
	const struct edition *e = p->e;
	size_t		 i, from = 0, to = plan_groups(&p->r->plan);

	lay_init(&p->l, p->ctx, p->hy, COL_W);
	if (p->half == HALF_SECOND)
		from = p->cut;
	else if (p->half == HALF_FIRST)
		to = p->cut;
	if (p->half != HALF_SECOND) {
		build_toc(p);
		paginate(p);
		for (i = 0; i < e->nfront; i++) {
			build_part(p, "avant", &e->front[i]);
			paginate(p);
		}
	}
	if (plan_flat(&p->r->plan)) {
		p->l.pnumdigits = snprintf(NULL, 0, "%zu", p->pg.npages + 2);
		build_flat(p);
		paginate(p);
	}
	for (i = from; i < to; i++) {
		/* Page references (« voir … (p. 12) ») make room for as
		 * many digits as the pages so far, and one page more. */
		p->l.pnumdigits = snprintf(NULL, 0, "%zu", p->before +
		    p->pg.npages + 2);
		build_chapter(p, &p->r->plan.prios[i]);
		paginate(p);
	}
	if (p->half == HALF_FIRST)
		return;
	for (i = 0; i < e->nback; i++) {
		build_part(p, "apres", &e->back[i]);
		paginate(p);
	}
	build_annex(p);
	paginate(p);
}

/* ---- drawing ---- */

static int
destcmp(const void *a, const void *b)
{
	const struct destpage *x = a, *y = b;
	int	 c;

	if ((c = strcmp(x->dest, y->dest)) != 0)
		return c;
	return x->page < y->page ? -1 : x->page > y->page;
}

/* Indexes the items' destinations by name, with their pages in the
 * document, for the contents. */
static void
index_dests(struct pdf *p)
{
	size_t	 i, n = 0;

	for (i = 0; i < p->l.nitems; i++)
		n += p->l.item[i].dest != NULL;
	p->dests = xcalloc(n + 1, sizeof(*p->dests));
	for (i = 0; i < p->l.nitems; i++)
		if (p->l.item[i].dest != NULL) {
			p->dests[p->ndests].dest = p->l.item[i].dest;
			p->dests[p->ndests++].page = p->ipage[i] + 1 +
			    p->before;
		}
	qsort(p->dests, p->ndests, sizeof(*p->dests), destcmp);
}

/* The page (from 0, the cover) of the section at dest (its first item
 * of that name, the first page), or 0. */
static size_t
dest_page(const struct pdf *p, const char *dest)
{
	size_t	 lo = 0, hi = p->ndests, mid;

	/* The first entry not below dest. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(p->dests[mid].dest, dest) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < p->ndests && strcmp(p->dests[lo].dest, dest) == 0)
		return p->dests[lo].page;
	return 0;
}

/* Link rectangles of a link over lines [first, last) of a text item
 * drawn with its layout's top at (x, ytop); appended to b as
 * "x y w h ...".  Returns the number of rectangles. */
static int
link_rects(const struct lay_item *it, const struct lay_link *k,
    size_t first, size_t last, double x, double ytop, struct buf *b)
{
	PangoLayoutLine	*ln;
	int		*ranges, nr, j, s, e, n = 0;
	size_t		 i;
	char		 n1[32], n2[32], n3[32], n4[32];

	for (i = first; i < last; i++) {
		ln = pango_layout_get_line_readonly(it->layout, (int)i);
		s = ln->start_index > k->start ? ln->start_index : k->start;
		e = ln->start_index + ln->length < k->end ?
		    ln->start_index + ln->length : k->end;
		if (s >= e)
			continue;
		pango_layout_line_get_x_ranges(ln, s, e, &ranges, &nr);
		for (j = 0; j < nr; j++) {
			fmt_plain(n1, sizeof(n1), round((x + (double)ranges[2 *
			    j] / PANGO_SCALE) * 100) / 100);
			fmt_plain(n2, sizeof(n2), round((ytop + it->top[i]) *
			    100) / 100);
			fmt_plain(n3, sizeof(n3), round((double)(ranges[2 * j +
			    1] - ranges[2 * j]) / PANGO_SCALE * 100) / 100);
			fmt_plain(n4, sizeof(n4), round(it->uh[i] * 100) /
			    100);
			buf_printf(b, "%s%s %s %s %s", n ? " " : "", n1, n2,
			    n3, n4);
			n++;
		}
		g_free(ranges);
	}
	return n;
}

/*
 * The link attributes of a link between narratives: a named destination
 * of this PDF, or the target's page in the site of its edition, beside
 * this PDF's folder ("../2015/mesure-05.html#accueil", under --base-url
 * when given).  cairo 1.16 cannot write a link to a destination of
 * another PDF file (file= with dest= stops the surface).  Leaves the
 * attribute's closing quote to the caller.
 */
static void
ref_attrs(const struct pdf *p, struct buf *b, const struct xref *x)
{
	struct buf	 u = { NULL, 0, 0 };
	size_t		 n;

	if (x->e == p->e) {
		BUF_PUTSL(b, "dest='");
		attr_str(b, x->dest);
		return;
	}
	if (p->o->base_url != NULL) {
		n = strlen(p->o->base_url);
		while (n > 0 && p->o->base_url[n - 1] == '/')
			n--;
		buf_printf(&u, "%.*s/%d/", (int)n, p->o->base_url, x->e->year);
	} else
		buf_printf(&u, "../%d/", x->e->year);
	xref_site_page(&u, x);
	BUF_PUTSL(b, "uri='");
	attr_uri(b, u.data);
	buf_free(&u);
}

static size_t	elem_begin(struct pdf *, cairo_t *, const char *,
	    const char *);
static void	elem_end(struct pdf *, cairo_t *, const char *);

/* The page numbers of the links that give one (after « voir »), in the
 * box layout.c left for each, right-aligned. */
static void
draw_pagerefs(struct pdf *p, cairo_t *cr, const struct lay_item *it,
    size_t first, size_t last, double x, double ytop)
{
	const struct lay_style_def *d = &lay_styles[it->style];
	const struct lay_link *k;
	PangoLayout	*num;
	size_t		 i;
	int		 line, xpos;
	char		 s[24];
	double		 x0, w;

	for (i = 0; i < it->nlinks; i++) {
		k = &it->links[i];
		if (k->pnum < 0 || k->ref == NULL)
			continue;
		pango_layout_index_to_line_x(it->layout, k->pnum, 0, &line,
		    &xpos);
		if (line < 0 || (size_t)line < first || (size_t)line >= last)
			continue;
		snprintf(s, sizeof(s), "%zu", dest_page(p, k->ref->dest) + 1);
		num = line_layout(p, font_family(d->family), d->size, d->weight, s);
		ink(cr, d->ink);
		x0 = x + it->lx[line] + (double)xpos / PANGO_SCALE;
		w = layout_w(num);
		/* A text of its own: a leaf of the paragraph's element. */
		elem_begin(p, cr, "Span", "");
		cairo_save(cr);
		if (w > k->pnumw) {
			/* More digits than the box was made for (a page
			 * past 9, 99… further on): condensed to fit. */
			cairo_translate(cr, x0, 0);
			cairo_scale(cr, k->pnumw / w, 1);
			show_at(cr, num, 0, ytop + it->base[line]);
		} else
			show_at(cr, num, x0 + k->pnumw - w, ytop +
			    it->base[line]);
		cairo_restore(cr);
		elem_end(p, cr, "Span");
		g_object_unref(num);
	}
}

/* Dotted leaders and the page number of a contents entry. */
static void
draw_toc(struct pdf *p, cairo_t *cr, const struct lay_item *it, double x,
    double ytop)
{
	PangoLayoutLine	*ln;
	PangoRectangle	 r;
	PangoLayout	*num;
	const struct lay_style_def *d = &lay_styles[it->style];
	size_t		 last = it->nu - 1;
	double		 xe, xn, y, dx;
	char		 s[16];

	ln = pango_layout_get_line_readonly(it->layout, (int)last);
	pango_layout_line_get_extents(ln, NULL, &r);
	xe = x + it->lx[last] + (double)r.width / PANGO_SCALE;
	y = ytop + it->base[last];
	snprintf(s, sizeof(s), "%zu", dest_page(p, it->str) + 1);
	num = line_layout(p, font_family(d->family), d->size, d->weight, s);
	xn = M_LEFT + COL_W - layout_w(num);
	ink(cr, d->ink);
	show_at(cr, num, xn, y);
	g_object_unref(num);
	/* Dots on a grid common to all entries, so they line up. */
	ink(cr, INK_MUTED);
	cairo_new_path(cr);
	for (dx = ceil((xe + 5 - M_LEFT) / 4.5) * 4.5; M_LEFT + dx <
	    xn - 5; dx += 4.5) {
		cairo_new_sub_path(cr);
		cairo_arc(cr, M_LEFT + dx, y - 0.6, 0.55, 0, 2 * M_PI);
	}
	cairo_fill(cr);
}

/* The hyphen of a line broken at a soft hyphen, after its last glyph,
 * in that glyph's font and colour: it hangs in the margin. */
static void
draw_hyphen(struct pdf *p, cairo_t *cr, PangoLayoutLine *ln, double x,
    double base)
{
	PangoGlyphItem	*run = NULL;
	PangoFontDescription *fd;
	PangoFont	*font;
	PangoLayout	*pl = NULL;
	PangoRectangle	 r;
	GSList		*l;
	const PangoColor *c = NULL;
	size_t		 i;

	for (l = ln->runs; l != NULL; l = l->next)
		run = l->data;
	if (run == NULL || (font = run->item->analysis.font) == NULL)
		return;
	for (l = run->item->analysis.extra_attrs; l != NULL; l = l->next)
		if (((PangoAttribute *)l->data)->klass->type ==
		    PANGO_ATTR_FOREGROUND)
			c = &((PangoAttrColor *)l->data)->color;
	/* A few fonts end lines: each one's hyphen is laid out once. */
	for (i = 0; i < p->nhyph && pl == NULL; i++)
		if (p->hyph[i].font == font)
			pl = p->hyph[i].pl;
	if (pl == NULL) {
		fd = pango_font_describe(font);
		pl = pango_layout_new(p->ctx);
		pango_layout_set_font_description(pl, fd);
		pango_font_description_free(fd);
		pango_layout_set_text(pl, "-", 1);
		p->hyph = xreallocarray(p->hyph, p->nhyph + 1,
		    sizeof(*p->hyph));
		p->hyph[p->nhyph].font = g_object_ref(font);
		p->hyph[p->nhyph++].pl = pl;
	}
	pango_layout_line_get_extents(ln, NULL, &r);
	cairo_save(cr);
	if (c != NULL)
		cairo_set_source_rgb(cr, c->red / 65535.0, c->green / 65535.0,
		    c->blue / 65535.0);
	cairo_move_to(cr, x + (double)(r.x + r.width) / PANGO_SCALE, base);
	pango_cairo_show_layout_line(cr,
	    pango_layout_get_line_readonly(pl, 0));
	cairo_restore(cr);
}

/*
 * Artifacts (running heads, page numbers, rules, grounds, a repeated
 * table header) are drawn outside every element, never inside a leaf:
 * cairo 1.16 marks nothing there, and pdfpost() makes an /Artifact
 * sequence of what it finds so.  An element of their own would cost
 * what any element costs cairo (its tag recorded, replayed twice and
 * written) for nothing in the tree.
 *
 * The structure tree is recorded here, every element in the order it
 * is begun (p->nodes), its parent the innermost one open.  Only the
 * leaves, which hold the content, are handed to cairo (elem_begin());
 * the elements that hold elements (group_begin(): a list, a row, a
 * paragraph of runs) are written by pdfpost() from the record: cairo
 * 1.16 costs the same for each element, whatever it holds.
 */
static size_t
node_add(struct pdf *p, const char *tag, int incairo)
{
	struct pdfnode	*n;
	int		 top = p->nopen < NOPEN ? p->nopen : NOPEN;

	if (p->nnodes == p->nodecap) {
		p->nodecap = p->nodecap ? p->nodecap * 2 : 256;
		p->nodes = xreallocarray(p->nodes, p->nodecap,
		    sizeof(*p->nodes));
	}
	n = &p->nodes[p->nnodes];
	/* Its padding too: a second half sends its nodes as they are. */
	memset(n, 0, sizeof(*n));
	snprintf(n->tag, sizeof(n->tag), "%s", tag);
	n->parent = top > 0 ? p->open[top - 1] : 0;
	n->cairo = incairo;
	return p->nnodes++;
}

/* Node n (1 + index) the innermost open; beyond the stack's depth,
 * counted only, so that every end still matches its begin. */
static void
node_push(struct pdf *p, size_t n)
{
	if (p->nopen < NOPEN)
		p->open[p->nopen] = n;
	p->nopen++;
}

static void
node_pop(struct pdf *p)
{
	if (p->nopen > 0)
		p->nopen--;
}

/*
 * A leaf: cairo_tag_begin() counted.  cairo 1.16 numbers nothing, but
 * it writes its tree in the order elements are begun, and pdfpost()
 * walks it in that order: the count names an element for it.  Returns
 * the element's number.  cairo 1.16 marks as content only what is
 * drawn inside a leaf of its tree: every glyph is drawn in a leaf, and
 * no element is begun inside one.
 */
static size_t
elem_begin(struct pdf *p, cairo_t *cr, const char *tag, const char *attrs)
{
	node_push(p, node_add(p, tag, 1) + 1);
	if (PDF_TAGGED)
		cairo_tag_begin(cr, tag, attrs);
	return p->nelems++;
}

/* The end of the leaf tag (the innermost element open). */
static void
elem_end(struct pdf *p, cairo_t *cr, const char *tag)
{
	node_pop(p);
	if (PDF_TAGGED)
		cairo_tag_end(cr, tag);
}

/* An element that holds elements, never content of its own: recorded
 * only.  Returns 1 + its node, which group_reopen() takes. */
static size_t
group_begin(struct pdf *p, const char *tag)
{
	size_t	 n = node_add(p, tag, 0) + 1;

	node_push(p, n);
	return n;
}

/* Group n (group_begin()'s) open again: the next piece of a paragraph
 * or a table, whose elements join the first piece's. */
static void
group_reopen(struct pdf *p, size_t n)
{
	node_push(p, n);
}

/* The end of the innermost group. */
static void
group_end(struct pdf *p)
{
	node_pop(p);
}

/* Element e is a span in language lang: pdfpost() gives it a /Lang
 * (cairo 1.16 writes no attribute of a Span). */
static void
elem_lang(struct pdf *p, size_t e, const char *lang)
{
	if (p->nspans == p->spancap) {
		p->spancap = p->spancap ? p->spancap * 2 : 16;
		p->spanel = xreallocarray(p->spanel, p->spancap,
		    sizeof(*p->spanel));
		p->spanlang = xreallocarray(p->spanlang, p->spancap,
		    sizeof(*p->spanlang));
	}
	p->spanel[p->nspans] = e;
	p->spanlang[p->nspans++] = xstrdup(lang);
}

/*
 * The structure tag of heading tag ("H1".."H6", the level asked for),
 * numbered by depth: one below the nearest open heading asked at a
 * higher level, so that no level is skipped whatever the styles.
 */
static const char *
heading_tag(struct pdf *p, const char *tag)
{
	static const char *const h[] = { "H1", "H2", "H3", "H4", "H5",
	    "H6" };
	int	 req;

	if (tag == NULL || tag[0] != 'H' || tag[1] < '1' || tag[1] > '6' ||
	    tag[2] != '\0')
		return tag;
	req = tag[1] - '0';
	while (p->nhreq > 0 && p->hreq[p->nhreq - 1] >= req)
		p->nhreq--;
	if (p->nhreq < (int)(sizeof(p->hreq) / sizeof(p->hreq[0])))
		p->hreq[p->nhreq++] = req;
	return h[p->nhreq - 1 < 5 ? p->nhreq - 1 : 5];
}

/* Structure tags that span items (a figure, a list): groups opened and
 * closed in drawing order, counted so that a close without an open
 * closes nothing. */
static void
tag_open(struct pdf *p, const char *tag)
{
	group_begin(p, tag);
	p->ntags++;
}

static void
tag_close(struct pdf *p)
{
	if (p->ntags == 0)
		return;
	p->ntags--;
	group_end(p);
}

/* Opens the tags an item opens ("L LI"). */
static void
tag_opens(struct pdf *p, const char *opens)
{
	char	*s, *t, *save;

	if (opens == NULL)
		return;
	s = xstrdup(opens);
	for (t = strtok_r(s, " ", &save); t != NULL;
	    t = strtok_r(NULL, " ", &save))
		tag_open(p, strcmp(t, "L") == 0 ? "L" : "LI");
	free(s);
}

/* The attributes of a link tag for link k over lines [first, last) of a
 * text item drawn with its layout's top at (x, ytop), into b (reset).
 * Returns 0 when the link has no glyph on those lines. */
static int
link_attrs(const struct pdf *p, const struct lay_item *it,
    const struct lay_link *k, size_t first, size_t last, double x,
    double ytop, struct buf *b)
{
	struct buf	 rects = { NULL, 0, 0 };
	int		 n;

	buf_reset(b);
	if ((n = link_rects(it, k, first, last, x, ytop, &rects)) > 0) {
		buf_printf(b, "rect=[%s] ", rects.data);
		if (k->ref != NULL)
			ref_attrs(p, b, k->ref);
		else if (k->uri != NULL) {
			BUF_PUTSL(b, "uri='");
			attr_uri(b, k->uri);
		} else {
			BUF_PUTSL(b, "dest='");
			attr_str(b, k->dest);
		}
		buf_putc(b, '\'');
	}
	buf_free(&rects);
	return n > 0;
}

/* The link of it whose text holds byte i, or -1. */
static int
link_at(const struct lay_item *it, int i)
{
	size_t	 k;

	for (k = 0; k < it->nlinks; k++)
		if (i >= it->links[k].start && i < it->links[k].end)
			return (int)k;
	return -1;
}

/* The innermost span in another language of it whose text holds byte
 * i, or -1. */
static int
lang_at(const struct lay_item *it, int i)
{
	size_t	 k;

	for (k = 0; k < it->nlangs; k++)
		if (i >= it->langs[k].start && i < it->langs[k].end)
			return (int)k;
	return -1;
}

/*
 * Lines [first, last) of a text item, run by run, each run in a leaf of
 * its own kind: a Link for the runs of a link (its annotation covering
 * the link's rectangles on these lines), a Span for the others, with
 * the language of a span in another language (a link in one keeps the
 * paragraph's: a leaf is one or the other).  A
 * paragraph holding links, or drawn in pieces, is then a tree of leaves
 * whose text is all marked content.  Runs are where pango changes font
 * or colour, and links are coloured: a run is a link's or not.  Drawn as
 * pango_cairo_show_layout_line() would: same glyphs, same places.
 */
static void
draw_runs(struct pdf *p, cairo_t *cr, const struct lay_item *it,
    size_t first, size_t last, double x, double ytop)
{
	PangoLayoutLine	*ln;
	PangoGlyphItem	*run;
	PangoAttrColor	*col;
	GSList		*l, *a;
	struct buf	 b = { NULL, 0, 0 };
	const char	*text = pango_layout_get_text(it->layout);
	const char	*open = NULL;
	double		 rx, base;
	size_t		 i, e;
	int		 cur = -2, curlang = -2, k, g;

	for (i = first; i < last; i++) {
		ln = pango_layout_get_line_readonly(it->layout, (int)i);
		rx = x + it->lx[i];
		base = ytop + it->base[i];
		for (l = ln->runs; l != NULL; l = l->next) {
			run = l->data;
			k = link_at(it, run->item->offset);
			g = lang_at(it, run->item->offset);
			if (k != cur || g != curlang || open == NULL) {
				if (open != NULL)
					elem_end(p, cr, open);
				if (k >= 0 && link_attrs(p, it, &it->links[k],
				    first, last, x, ytop, &b)) {
					open = CAIRO_TAG_LINK;
					elem_begin(p, cr, open, b.data);
				} else {
					open = "Span";
					e = elem_begin(p, cr, open, "");
					if (g >= 0)
						elem_lang(p, e,
						    it->langs[g].lang);
				}
				cur = k;
				curlang = g;
			}
			col = NULL;
			for (a = run->item->analysis.extra_attrs; a != NULL;
			    a = a->next)
				if (((PangoAttribute *)a->data)->klass->type ==
				    PANGO_ATTR_FOREGROUND)
					col = a->data;
			if (col != NULL)
				cairo_set_source_rgb(cr, col->color.red /
				    65535.0, col->color.green / 65535.0,
				    col->color.blue / 65535.0);
			else
				ink(cr, INK_TEXT);
			cairo_move_to(cr, rx, base -
			    (double)run->y_offset / PANGO_SCALE);
			pango_cairo_show_glyph_item(cr, text, run);
			rx += (double)pango_glyph_string_get_width(
			    run->glyphs) / PANGO_SCALE;
		}
		if (it->hyend != NULL && it->hyend[i]) {
			if (open == NULL) {
				open = "Span";
				elem_begin(p, cr, open, "");
			}
			draw_hyphen(p, cr, ln, x + it->lx[i], base);
		}
	}
	if (open != NULL)
		elem_end(p, cr, open);
	buf_free(&b);
}

/* The ground of a code block or the rule of a quotation, an artifact
 * under piece pc of it drawn at (x, y). */
static void
draw_text_ground(struct pdf *p, cairo_t *cr, const struct lay_item *it,
    const struct lay_piece *pc, double x, double y)
{
	if (it->role == LAY_ROLE_CODE) {
		ink(cr, INK_CODE_BACKGROUND);
		cairo_rectangle(cr, x - it->pad, y - it->pad, it->w +
		    2 * it->pad, pc->h + 2 * it->pad);
	} else {
		ink(cr, INK_QUOTE_RULE);
		cairo_rectangle(cr, it->qx > 0 ? M_LEFT + it->qx : x - 10,
		    y + 1, 2, pc->h - 2);
	}
	cairo_fill(cr);
}

/* A list item's label left of x (right of its text for a right-to-left
 * item), then its body opened, closed by the item's last piece (layout.c
 * counts it). */
static void
draw_label(struct pdf *p, cairo_t *cr, const struct lay_item *it,
    double x, double ytop)
{
	elem_begin(p, cr, "Lbl", "");
	ink(cr, lay_styles[it->style].ink);
	show_at(cr, it->marker, it->rmarker ? x + it->w + 5 :
	    x - 5 - layout_w(it->marker), ytop + it->base[0]);
	elem_end(p, cr, "Lbl");
	tag_open(p, "LBody");
}

/* A contents entry's link over piece pc drawn at (x, y): the whole
 * entry, number included. */
static void
toc_link_begin(struct pdf *p, cairo_t *cr, const struct lay_item *it,
    const struct lay_piece *pc, double x, double y)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 n1[32], n2[32], n3[32], n4[32];

	fmt_plain(n1, sizeof(n1), round(x * 100) / 100);
	fmt_plain(n2, sizeof(n2), round(y * 100) / 100);
	fmt_plain(n3, sizeof(n3), round((M_LEFT + COL_W - x) * 100) / 100);
	fmt_plain(n4, sizeof(n4), round(pc->h * 100) / 100);
	buf_printf(&b, "rect=[%s %s %s %s] dest='", n1, n2, n3, n4);
	attr_str(&b, it->str);
	buf_putc(&b, '\'');
	elem_begin(p, cr, CAIRO_TAG_LINK, b.data);
	buf_free(&b);
}

/* Lines [first, last) of a text with no link nor span of its own, drawn
 * with its layout's top at (x, ytop). */
static void
draw_lines(struct pdf *p, cairo_t *cr, const struct lay_item *it,
    size_t first, size_t last, double x, double ytop)
{
	PangoLayoutLine	*ln;
	size_t		 i;

	ink(cr, INK_TEXT);
	for (i = first; i < last; i++) {
		ln = pango_layout_get_line_readonly(it->layout, (int)i);
		cairo_move_to(cr, x + it->lx[i], ytop + it->base[i]);
		hyph_show_line(cr, ln);
		if (it->hyend != NULL && it->hyend[i])
			draw_hyphen(p, cr, ln, x + it->lx[i],
			    ytop + it->base[i]);
	}
}

/* Piece pc of a text item, at (x, y), in its structure element: a
 * leaf, or a group of leaves (its runs, a contents entry's link); a
 * paragraph drawn in pieces is one group. */
static void
draw_text(struct pdf *p, cairo_t *cr, const struct lay_item *it,
    const struct lay_piece *pc, double x, double y)
{
	double		 ytop = y - it->top[pc->first];
	const char	*tag;
	int		 split = pc->first > 0 || pc->last < it->nu;
	int		 runs = split || it->nlinks > 0 || it->nlangs > 0;

	if (it->role == LAY_ROLE_CODE || it->role == LAY_ROLE_QUOTE)
		draw_text_ground(p, cr, it, pc, x, y);
	if (it->marker != NULL && pc->first == 0)
		draw_label(p, cr, it, x, ytop);
	tag = it->tag != NULL ? it->tag : "P";
	if (pc->first == 0)
		tag = heading_tag(p, tag);
	if (it->role != ROLE_TOC && !runs)
		elem_begin(p, cr, tag, "");
	else if (pc->first > 0 && p->elem[pc->item] != 0)
		group_reopen(p, p->elem[pc->item]);
	else
		p->elem[pc->item] = group_begin(p, tag);
	if (it->role == ROLE_TOC) {
		toc_link_begin(p, cr, it, pc, x, y);
		draw_lines(p, cr, it, pc->first, pc->last, x, ytop);
		draw_toc(p, cr, it, x, ytop);
		elem_end(p, cr, CAIRO_TAG_LINK);
	} else if (runs) {
		draw_runs(p, cr, it, pc->first, pc->last, x, ytop);
		draw_pagerefs(p, cr, it, pc->first, pc->last, x, ytop);
	} else
		draw_lines(p, cr, it, pc->first, pc->last, x, ytop);
	if (it->role != ROLE_TOC && !runs)
		elem_end(p, cr, tag);
	else
		group_end(p);
	if (it->style == STYLE_H1 && pc->last == it->nu) {
		ink(cr, INK_ACCENT);
		cairo_rectangle(cr, x, y + pc->h + 6, 42, 2.2);
		cairo_fill(cr);
	}
}

/* Draws a multi-line layout of width w [pt] with its top left at (x, y),
 * line by line, hanging a hyphen where a line ends on a soft hyphen. */
static void
show_lines(struct pdf *p, cairo_t *cr, PangoLayout *pl, double x, double y,
    double w)
{
	PangoLayoutIter	*iter;
	PangoLayoutLine	*ln;
	PangoRectangle	 log;
	const char	*text = pango_layout_get_text(pl);
	double		 lx, base;
	int		 e, dx = lay_unwrapped_dx(pl, w);

	iter = pango_layout_get_iter(pl);
	do {
		ln = pango_layout_iter_get_line_readonly(iter);
		pango_layout_iter_get_line_extents(iter, NULL, &log);
		lx = x + (double)(log.x + dx) / PANGO_SCALE;
		base = y + (double)pango_layout_iter_get_baseline(iter) /
		    PANGO_SCALE;
		cairo_move_to(cr, lx, base);
		hyph_show_line(cr, ln);
		e = ln->start_index + ln->length;
		if (e >= 2 && memcmp(text + e - 2, HYPH_SHY, 2) == 0)
			draw_hyphen(p, cr, ln, lx, base);
	} while (pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
}

/* Row r of a table, its rule aside (draw_rules()); a header row
 * repeated above a continuation (art) is drawn as an artifact, its
 * cells said once. */
static void
draw_row(struct pdf *p, cairo_t *cr, const struct lay_item *it, size_t r,
    double x, double y, int art)
{
	const struct lay_table *t = it->table;
	PangoLayout	*pl;
	size_t		 c;

	if (r == 0) {
		ink(cr, INK_TABLE_HEAD);
		cairo_rectangle(cr, x, y, t->colx[t->ncols], it->uh[r]);
		cairo_fill(cr);
	}
	if (!art)
		group_begin(p, "TR");
	for (c = 0; c < t->ncols; c++) {
		const char *tag = r < it->nhead ? "TH" : "TD";

		if (!art)
			elem_begin(p, cr, tag, "");
		if ((pl = t->cell[r * t->ncols + c]) != NULL) {
			ink(cr, INK_TEXT);
			show_lines(p, cr, pl, x + t->colx[c] + t->pad,
			    y + t->pad, t->colx[c + 1] - t->colx[c] -
			    2 * t->pad);
		}
		if (!art)
			elem_end(p, cr, tag);
	}
	if (!art)
		group_end(p);
}

/* The rules under rows [first, last) of a table, the first row's top
 * at (x, y); returns the y under them.  Each rule is a fill of its own:
 * poppler draws a lone rectangle otherwise than one in a path of
 * several (it darkens a thin rule's edges). */
static double
row_rules(cairo_t *cr, const struct lay_item *it, size_t first,
    size_t last, double x, double y)
{
	size_t	 r;

	for (r = first; r < last; r++) {
		y += it->uh[r];
		cairo_rectangle(cr, x, y - 0.4, it->table->colx[
		    it->table->ncols], 0.4);
		cairo_fill(cr);
	}
	return y;
}

/* The rules of the rows of piece pc (its header repeated above a
 * continuation first) drawn under (x, y), once the rows are drawn (the
 * rules touch no text: the pad keeps them apart): drawn with each row,
 * each cost cairo two changes of colour, six numbers printed. */
static void
draw_rules(cairo_t *cr, const struct lay_item *it,
    const struct lay_piece *pc, double x, double y)
{
	ink(cr, INK_TABLE_RULE);
	if (pc->cont)
		y = row_rules(cr, it, 0, it->nhead, x, y);
	row_rules(cr, it, pc->first, pc->last, x, y);
}

/* A piece of a table.  A continuation's caption and header are
 * repeated for the eye only: its rows join the first piece's Table
 * (one group). */
static void
draw_table(struct pdf *p, cairo_t *cr, const struct lay_item *it,
    const struct lay_piece *pc, double x, double y)
{
	const struct lay_table *t = it->table;
	double		 y0;
	size_t		 r;

	if (pc->cont && t->cont != NULL) {
		ink(cr, INK_TEXT);
		show_lines(p, cr, t->cont, x, y, t->colx[t->ncols]);
		y += it->conth;
	}
	y0 = y;
	if (pc->cont && p->elem[pc->item] != 0)
		group_reopen(p, p->elem[pc->item]);
	else
		p->elem[pc->item] = group_begin(p, "Table");
	if (pc->cont)
		for (r = 0; r < it->nhead; r++) {
			draw_row(p, cr, it, r, x, y, 1);
			y += it->uh[r];
		}
	for (r = pc->first; r < pc->last; r++) {
		draw_row(p, cr, it, r, x, y, 0);
		y += it->uh[r];
	}
	group_end(p);
	draw_rules(cr, it, pc, x, y0);
}

static void
rounded(cairo_t *cr, double x, double y, double w, double h, double rad)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - rad, y + rad, rad, -M_PI / 2, 0);
	cairo_arc(cr, x + w - rad, y + h - rad, rad, 0, M_PI / 2);
	cairo_arc(cr, x + rad, y + h - rad, rad, M_PI / 2, M_PI);
	cairo_arc(cr, x + rad, y + rad, rad, M_PI, 3 * M_PI / 2);
	cairo_close_path(cr);
}

/* "Appréciation 2016  [Partiellement réalisée]": the label is the cue,
 * the theme's status colour the second one. */
static void
draw_badge(struct pdf *p, cairo_t *cr, const struct lay_item *it, double x,
    double y)
{
	PangoLayout	*lab, *txt;
	struct rgb	 c = p->th->status[it->n];
	double		 w, base = y + 13.5;
	char		*s;
	int		 k = it->data != NULL ? it->n : STATUS__MAX;

	if (p->badgelab == NULL) {
		s = xasprintf(T("Appréciation %d"), p->e->year);
		p->badgelab = line_layout(p, FONT_SANS, 9,
		    PANGO_WEIGHT_NORMAL, s);
		free(s);
	}
	lab = p->badgelab;
	if (p->badge[k] == NULL)
		p->badge[k] = line_layout(p, FONT_SANS, 9, PANGO_WEIGHT_BOLD,
		    k < STATUS__MAX ? status_name(&p->r->plan, k) :
		    T("À rédiger"));
	txt = p->badge[k];
	/* Two leaves: the label and the status are two texts. */
	elem_begin(p, cr, "Span", "");
	ink(cr, INK_MUTED);
	show_at(cr, lab, x, base);
	elem_end(p, cr, "Span");
	x += layout_w(lab) + 8;
	w = layout_w(txt) + 14;
	elem_begin(p, cr, "Span", "");
	rounded(cr, x, y + 1.5, w, BADGE_H - 3, 3);
	if (k < STATUS__MAX) {
		cairo_set_source_rgb(cr, c.r, c.g, c.b);
		cairo_fill(cr);
	} else {	/* a draft's gap: no status colour, a dashed frame */
		static const double dash[] = { 3, 2 };

		ink(cr, INK_BADGE_GAP);
		cairo_fill_preserve(cr);
		ink(cr, INK_BADGE_GAP_LINE);
		cairo_set_line_width(cr, 1);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_stroke(cr);
		cairo_set_dash(cr, NULL, 0, 0);
	}
	ink(cr, INK_BADGE_TEXT);
	show_at(cr, txt, x + 7, base);
	elem_end(p, cr, "Span");
}

/*
 * An image of the narrative as the PDF draws it: a PNG decoded, a JPEG
 * an image surface of its size that carries its bytes (cairo embeds them
 * as they are, DCTDecode, and never reads the pixels, left blank), an
 * SVG parsed.  Owns both.
 */
struct pimg {
	cairo_surface_t	*s;		/* PNG, JPEG */
	struct svgdraw	*svg;		/* SVG */
};

static void
pimg_free(void *arg)
{
	struct pimg	*pi = arg;

	if (pi->s != NULL)
		cairo_surface_destroy(pi->s);
	svgdraw_free(pi->svg);
	free(pi);
}

/* Reads the image of s again (the loader checked it: a failure is the
 * system's, memory or a file changed under us); 0 on failure. */
static int
pimg_read(const struct span *s, struct pimg *pi)
{
	struct buf	 b = { NULL, 0, 0 };
	double		 w, h;

	if (s->kind == IMG_PNG) {
		pi->s = cairo_image_surface_create_from_png(s->path);
		return cairo_surface_status(pi->s) == CAIRO_STATUS_SUCCESS;
	}
	if (!file_read_sys(s->path, MAX_FILE_SIZE, &b))
		return 0;
	if (s->kind == IMG_SVG) {
		svgdraw_load(b.data, b.len, &pi->svg, &w, &h);
		buf_free(&b);
		return pi->svg != NULL;
	}
	pi->s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, s->w, s->h);
	/* The bytes are cairo's now, freed with the surface. */
	if (cairo_surface_set_mime_data(pi->s, CAIRO_MIME_TYPE_JPEG,
	    (unsigned char *)b.data, b.len, free, b.data) !=
	    CAIRO_STATUS_SUCCESS) {
		buf_free(&b);
		return 0;
	}
	return cairo_surface_status(pi->s) == CAIRO_STATUS_SUCCESS;
}

/*
 * An image of the narrative, scaled to its box: a PNG or JPEG painted,
 * an SVG drawn as vectors.  Each file (by the hash of its bytes) is read
 * once, kept until the PDF is finished: cairo writes one image object
 * per surface, so an image shown many times is embedded once.
 */
static int
draw_image(struct pdf *p, cairo_t *cr, const struct lay_item *it, double x,
    double y)
{
	const struct span *s = it->data;
	struct pimg	*pi;
	int		 ok;

	if (p->images == NULL)
		p->images = g_hash_table_new_full(g_str_hash, g_str_equal,
		    NULL, pimg_free);
	if ((pi = g_hash_table_lookup(p->images, s->hash)) == NULL) {
		pi = xcalloc(1, sizeof(*pi));
		if (!pimg_read(s, pi)) {
			diag_sys_msg(MSG_PDF_IMAGE_AGAIN, s->path);
			pimg_free(pi);
			return 0;
		}
		/* The key is the model's, which outlives the PDF. */
		g_hash_table_insert(p->images, (gpointer)s->hash, pi);
	}
	if (pi->svg != NULL)
		return svgdraw_draw(pi->svg, cr, x, y, it->w, it->uh[0]);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, it->w / cairo_image_surface_get_width(pi->s),
	    it->uh[0] / cairo_image_surface_get_height(pi->s));
	cairo_set_source_surface(cr, pi->s, 0, 0);
	cairo_paint(cr);
	ok = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	cairo_restore(cr);
	return ok;
}

/* An image in a link: a Link element inside its Figure, whose annotation
 * covers the image's box. */
static void
image_link_begin(struct pdf *p, cairo_t *cr, const struct lay_item *it,
    double x, double y)
{
	const struct lay_link *k = &it->links[0];
	struct buf	 b = { NULL, 0, 0 };
	char		 n[4][32];

	fmt_plain(n[0], sizeof(n[0]), round(x * 100) / 100);
	fmt_plain(n[1], sizeof(n[1]), round(y * 100) / 100);
	fmt_plain(n[2], sizeof(n[2]), round(it->w * 100) / 100);
	fmt_plain(n[3], sizeof(n[3]), round(it->uh[0] * 100) / 100);
	buf_printf(&b, "rect=[%s %s %s %s] ", n[0], n[1], n[2], n[3]);
	if (k->ref != NULL)
		ref_attrs(p, &b, k->ref);
	else {
		BUF_PUTSL(&b, "uri='");
		attr_uri(&b, k->uri);
	}
	buf_putc(&b, '\'');
	elem_begin(p, cr, CAIRO_TAG_LINK, b.data);
	buf_free(&b);
}

/* A Figure, given the /Alt of the item that opened its group
 * (pdfpost() writes it): a leaf, or a group (of a link). */
static void
figure_begin(struct pdf *p, cairo_t *cr, int group)
{
	p->alts = xreallocarray(p->alts, p->nalts + 1, sizeof(*p->alts));
	p->alts[p->nalts++] = p->figalt != NULL ? p->figalt : xstrdup("");
	p->figalt = NULL;
	if (group)
		group_begin(p, "Figure");
	else
		elem_begin(p, cr, "Figure", "");
}

/* A figure: the chart (vector, straight onto the page) as the Figure
 * element, and its column (data table, notes) after it, as elements of
 * their own. */
static void
draw_figure(struct pdf *p, cairo_t *cr, const struct fig *f, double x,
    double y)
{
	const struct lay_item *it;
	struct lay_piece pc;
	struct canvas_cairo cc;
	double		 cy;
	size_t		 i;

	figure_begin(p, cr, 0);
	cairo_save(cr);
	cairo_translate(cr, x, y);
	canvas_cairo_init(&cc, cr);
	chart_draw(&cc.cv, p->ctx, f->ind, p->e->year, f->cw, f->ch);
	cairo_restore(cr);
	elem_end(p, cr, "Figure");
	cy = f->side ? y : y + f->ch + 8;
	for (i = 0; i < f->col.nitems; i++) {
		it = &f->col.item[i];
		memset(&pc, 0, sizeof(pc));
		pc.last = it->nu;
		pc.h = lay_height(it, 0, it->nu, 0);
		if (it->kind == LAY_TEXT)
			draw_text(p, cr, it, &pc, x + f->sx, cy + it->x);
		else if (it->kind == LAY_TABLE)
			draw_table(p, cr, it, &pc, x + f->sx, cy + it->x);
	}
}

static int
draw_box(struct pdf *p, cairo_t *cr, const struct lay_item *it, double x,
    double y)
{
	int	 rc = 1;

	switch (it->role) {
	case LAY_ROLE_IMAGE:
		/* A linked image: a Figure holding its Link. */
		figure_begin(p, cr, it->nlinks > 0);
		if (it->nlinks > 0)
			image_link_begin(p, cr, it, x, y);
		rc = draw_image(p, cr, it, x, y);
		if (it->nlinks > 0) {
			elem_end(p, cr, CAIRO_TAG_LINK);
			group_end(p);
		} else
			elem_end(p, cr, "Figure");
		break;
	case LAY_ROLE_RULE:
		ink(cr, INK_RULE);
		cairo_rectangle(cr, x + it->w / 3, y + it->uh[0] / 2 - 0.3,
		    it->w / 3, 0.6);
		cairo_fill(cr);
		break;
	case ROLE_FIGURE:
		draw_figure(p, cr, it->data, x, y);
		break;
	case ROLE_BADGE:
		elem_begin(p, cr, it->tag != NULL ? it->tag : "P", "");
		draw_badge(p, cr, it, x, y);
		elem_end(p, cr, it->tag != NULL ? it->tag : "P");
		break;
	default:
		break;
	}
	return rc;
}

static const char *
page_mark(const struct pdf *p, size_t item)
{
	const char	*t = NULL;
	size_t		 i;

	for (i = 0; i < p->nmarks && p->mark[i].from <= item; i++)
		t = p->mark[i].title;
	return t;
}

/* The width [pt] of the logo h high, its aspect kept, at most *w: into
 * *w. */
static void
logo_box(const struct logo *l, double *w, double h)
{
	*w = fmin(*w, h * l->w / l->h);
}

/* The logo at the start of the running head if the theme asks (within
 * the frame's artifact); returns the room it takes [pt]. */
static double
head_logo(struct pdf *p, cairo_t *cr)
{
	const struct logo *l = logo_get(LOGO_MAIN);
	double		 w = COL_W / 3;

	if (l == NULL || !p->th->logo_head)
		return 0;
	logo_box(l, &w, HEAD_LOGO_H);
	logo_draw(LOGO_MAIN, cr, M_LEFT, HEAD_Y + 3 - HEAD_LOGO_H, w,
	    HEAD_LOGO_H);
	return w + 8;
}

/* Running head (logo, report and chapter) and foot (page n / N). */
static void
draw_frame(struct pdf *p, cairo_t *cr, size_t page, size_t npages,
    const char *chapter)
{
	PangoLayout	*pl;
	double		 hx;
	char		*s;

	if (p->head == NULL) {
		s = xasprintf(T("Rapport d’évaluation %d"), p->e->year);
		p->head = line_layout(p, FONT_SANS, 8, PANGO_WEIGHT_NORMAL, s);
		free(s);
	}
	hx = M_LEFT + head_logo(p, cr);
	ink(cr, INK_MUTED);
	show_at(cr, p->head, hx, HEAD_Y);
	hx += layout_w(p->head) + 12;
	if (chapter != NULL) {
		/* The same for every page of a chapter. */
		if (p->chap == NULL || p->chaptitle != chapter) {
			if (p->chap != NULL)
				g_object_unref(p->chap);
			p->chap = line_layout(p, FONT_SANS, 8,
			    PANGO_WEIGHT_NORMAL, chapter);
			pango_layout_set_width(p->chap, (int)(fmin(COL_W *
			    0.62, M_LEFT + COL_W - hx) * PANGO_SCALE));
			pango_layout_set_ellipsize(p->chap,
			    PANGO_ELLIPSIZE_END);
			p->chaptitle = chapter;
		}
		show_at(cr, p->chap, M_LEFT + COL_W - layout_w(p->chap),
		    HEAD_Y);
	}
	ink(cr, INK_HEAD_RULE);
	cairo_rectangle(cr, M_LEFT, HEAD_Y + 6, COL_W, 0.5);
	cairo_fill(cr);
	s = xasprintf("%zu / %zu", page + 1, npages);
	pl = line_layout(p, FONT_SANS, 8, PANGO_WEIGHT_NORMAL, s);
	free(s);
	ink(cr, INK_MUTED);
	show_at(cr, pl, M_LEFT + (COL_W - layout_w(pl)) / 2, FOOT_Y);
	g_object_unref(pl);
	if (p->draft) {
		if (p->draftmark == NULL) {
			s = p->o->label != NULL ? xasprintf(T("PROJET " EMDASH
			    " %s"), p->o->label) : xstrdup(T("PROJET"));
			p->draftmark = line_layout(p, FONT_SANS, 8,
			    PANGO_WEIGHT_BOLD, s);
			free(s);
		}
		ink(cr, INK_DRAFT_MARK);
		show_at(cr, p->draftmark, M_LEFT, FOOT_Y);
	}
}

/* A draft's mark across the page. */
static void
draw_watermark(struct pdf *p, cairo_t *cr)
{
	PangoLayout	*pl;
	struct rgb	 c;

	if (p->watermark == NULL)
		p->watermark = line_layout(p, FONT_SANS, 96, PANGO_WEIGHT_BOLD,
		    T("PROJET"));
	pl = p->watermark;
	cairo_save(cr);
	cairo_translate(cr, PAGE_W / 2, PAGE_H / 2);
	cairo_rotate(cr, -M_PI / 4);
	c = theme_get()->ink[INK_DRAFT_MARK];
	cairo_set_source_rgba(cr, c.r, c.g, c.b, WATERMARK_ALPHA);
	cairo_move_to(cr, -layout_w(pl) / 2, -48);
	pango_cairo_show_layout(cr, pl);
	cairo_restore(cr);
}

/* Plain text at (x, y) [top], wrapped at w; returns its height. */
static double
cover_text(struct pdf *p, cairo_t *cr, const char *text, const char *family,
    double size, PangoWeight weight, unsigned color /* INK_* */, double x,
    double y, double w, double leading)
{
	PangoLayout	*pl;
	PangoLayoutIter	*iter;
	PangoRectangle	 log;
	PangoAttrList	*al;
	int		 h;

	pl = line_layout(p, family, size, weight, text);
	pango_layout_set_width(pl, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	al = pango_attr_list_new();
	pango_attr_list_insert(al,
	    pango_attr_line_height_new_absolute((int)(leading * PANGO_SCALE)));
	pango_layout_set_attributes(pl, al);
	pango_attr_list_unref(al);
	ink(cr, color);
	/* A Span a line: lines ended by a newline are texts apart. */
	group_begin(p, "P");
	iter = pango_layout_get_iter(pl);
	do {
		pango_layout_iter_get_line_extents(iter, NULL, &log);
		elem_begin(p, cr, "Span", "");
		cairo_move_to(cr, x + (double)log.x / PANGO_SCALE, y +
		    (double)pango_layout_iter_get_baseline(iter) /
		    PANGO_SCALE);
		pango_cairo_show_layout_line(cr,
		    pango_layout_iter_get_line_readonly(iter));
		elem_end(p, cr, "Span");
	} while (pango_layout_iter_next_line(iter));
	pango_layout_iter_free(iter);
	group_end(p);
	pango_layout_get_size(pl, NULL, &h);
	g_object_unref(pl);
	return (double)h / PANGO_SCALE;
}

/* The publisher's logo above the institution, as a Figure with its
 * text. */
static void
draw_cover_logo(struct pdf *p, cairo_t *cr)
{
	const struct logo *l = logo_get(LOGO_MAIN);
	double		 w = COL_W;

	if (l == NULL)
		return;
	logo_box(l, &w, COVER_LOGO_H);
	p->figalt = xstrdup(l->alt);
	figure_begin(p, cr, 0);
	logo_draw(LOGO_MAIN, cr, M_LEFT, 96 - 14 - COVER_LOGO_H, w,
	    COVER_LOGO_H);
	elem_end(p, cr, "Figure");
}

static void
draw_cover(struct pdf *p, cairo_t *cr)
{
	const struct edition *e = p->e;
	struct buf	 b = { NULL, 0, 0 };
	double		 y, x = M_LEFT, w = COL_W;
	const struct plan *sc = &p->r->plan;
	char		 date[64], yr[16];
	size_t		 i;

	/* A band of the scale's colours, the report's key. */
	for (i = 0; i < sc->nscale; i++) {
		struct rgb c = p->th->status[sc->scale[i].slot];

		cairo_set_source_rgb(cr, c.r, c.g, c.b);
		cairo_rectangle(cr, i * PAGE_W / sc->nscale, 0,
		    PAGE_W / sc->nscale + 0.5, 10);
		cairo_fill(cr);
	}
	ink(cr, INK_ACCENT);
	cairo_rectangle(cr, x, 96, 52, 3);
	cairo_fill(cr);
	draw_cover_logo(p, cr);
	y = 112;
	y += cover_text(p, cr, e->institution, FONT_SANS, 10.5,
	    PANGO_WEIGHT_NORMAL, INK_MUTED, x, y, w * 0.8, 14);
	snprintf(yr, sizeof(yr), "%d", e->year);
	y = 250;
	y += cover_text(p, cr, yr, FONT_SANS, 64, PANGO_WEIGHT_BOLD, INK_ACCENT,
	    x - 3, y, w, 70) + 10;
	y += cover_text(p, cr, e->title, FONT_SANS, 24, PANGO_WEIGHT_BOLD,
	    INK_TEXT, x, y, w, 30) + 14;
	if (e->subtitle != NULL)
		y += cover_text(p, cr, e->subtitle, FONT_SANS, 13,
		    PANGO_WEIGHT_NORMAL, INK_TEXT_SOFT, x, y, w, 17);
	if (p->draft)
		cover_text(p, cr, T("PROJET " EMDASH " document de travail, ne "
		    "pas diffuser"), FONT_SANS, 11, PANGO_WEIGHT_BOLD,
		    INK_DRAFT_MARK, x, y + 24, w, 15);
	for (i = 0; i < e->nauthors; i++)
		buf_printf(&b, "%s%s", i ? "\n" : "", e->authors[i]);
	fmt_date(date, sizeof(date), e->date);
	buf_printf(&b, T("\n\nPublié le %s"), date);
	ink(cr, INK_ACCENT);
	cairo_rectangle(cr, x, PAGE_H - 190, w, 0.6);
	cairo_fill(cr);
	cover_text(p, cr, b.data, FONT_SANS, 9.5, PANGO_WEIGHT_NORMAL,
	    INK_TEXT_SOFT, x, PAGE_H - 176, w, 13.5);
	buf_free(&b);
}

/* A bookmark titled title under parent, to the destination named dest.
 * Returns its id, for the bookmarks under it. */
static int
bookmark(cairo_surface_t *sf, int parent, const char *title,
    const char *dest, cairo_pdf_outline_flags_t flags)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 id;

	BUF_PUTSL(&b, "dest='");
	attr_str(&b, dest);
	buf_putc(&b, '\'');
	id = cairo_pdf_surface_add_outline(sf, parent, title, b.data, flags);
	buf_free(&b);
	return id;
}

/* A measure's bookmark under parent. */
static void
bookmark_measure(struct pdf *p, cairo_surface_t *sf, int parent,
    const struct measure *m)
{
	char	*s = item_heading(p, ML(&p->r->plan), m->num, m->title);

	bookmark(sf, parent, s, m->id, 0);
	free(s);
}

/* A priority's bookmark, open, and under it its objectives' (each under
 * its parent's) and measures'. */
static void
bookmark_priority(struct pdf *p, cairo_surface_t *sf,
    const struct priority *pr)
{
	int		 pid, oid, lvid[MAX_LEVELS];
	size_t		 j, k;
	char		*s, *d;

	s = item_heading(p, 0, pr->num, pr->title);
	d = xasprintf("priorite-%s", pr->id);
	pid = bookmark(sf, CAIRO_PDF_OUTLINE_ROOT, s, d,
	    CAIRO_PDF_OUTLINE_FLAG_OPEN);
	free(d);
	free(s);
	for (j = 0; j < pr->nobjs; j++) {
		const struct objective *ob = &pr->objs[j];

		s = item_heading(p, ob->level, ob->num, ob->title);
		d = obj_dest(ob);
		oid = bookmark(sf, ob->level > 1 ? lvid[ob->level - 1] : pid,
		    s, d, 0);
		lvid[ob->level] = oid;
		free(s);
		free(d);
		for (k = 0; k < ob->nmeasures; k++)
			bookmark_measure(p, sf, oid, ob->measures[k]);
	}
	for (k = 0; pr->nobjs == 0 && k < pr->nmeasures; k++)
		bookmark_measure(p, sf, pid, pr->measures[k]);
}

/* The bookmarks: front matter, priority > objective > measure (the
 * measures alone in a plan of one level), back matter, annex. */
static void
outline(struct pdf *p, cairo_surface_t *sf)
{
	const struct edition *e = p->e;
	const struct plan *pl = &p->r->plan;
	size_t		 i;
	char		*s;

	bookmark(sf, CAIRO_PDF_OUTLINE_ROOT, T("Sommaire"), "sommaire", 0);
	for (i = 0; i < e->nfront; i++) {
		s = xasprintf("avant-%s", e->front[i].slug);
		bookmark(sf, CAIRO_PDF_OUTLINE_ROOT, e->front[i].title, s, 0);
		free(s);
	}
	for (i = 0; plan_flat(pl) && i < pl->nmeasures; i++)
		bookmark_measure(p, sf, CAIRO_PDF_OUTLINE_ROOT,
		    &pl->measures[i]);
	for (i = 0; i < plan_groups(pl); i++)
		bookmark_priority(p, sf, &pl->prios[i]);
	for (i = 0; i < e->nback; i++) {
		s = xasprintf("apres-%s", e->back[i].slug);
		bookmark(sf, CAIRO_PDF_OUTLINE_ROOT, e->back[i].title, s, 0);
		free(s);
	}
	bookmark(sf, CAIRO_PDF_OUTLINE_ROOT,
	    T("Annexe " EMDASH " Tableau des indicateurs"), "annexe", 0);
}

/*
 * The document's metadata, the one source of cairo's information
 * dictionary (metadata()) and of the XMP packet pdfpost() writes, so
 * the two say the same.  m points into e, and to *subj and *kw, which
 * the caller frees.
 */
static void
meta_init(struct pdfmeta *m, const struct edition *e, char **subj,
    char **kw)
{
	memset(m, 0, sizeof(*m));
	m->title = e->title;
	*subj = e->subtitle != NULL ? xstrdup(e->subtitle) :
	    xasprintf(T("Rapport d’évaluation %d"), e->year);
	m->subject = *subj;
	*kw = e->keywords != NULL ? xasprintf("%s, %d", e->keywords,
	    e->year) : xasprintf(T("évaluation, %d"), e->year);
	m->keywords = *kw;
	/* The schema asks for one author at least; the institution else. */
	m->authors = e->nauthors > 0 ? e->authors : &e->institution;
	m->nauthors = e->nauthors > 0 ? e->nauthors : 1;
	m->lang = i18n_pdf_tag();
	m->date = e->date;
	m->untagged = !PDF_TAGGED;
}

static void
metadata(struct pdf *p, cairo_surface_t *sf)
{
	const struct pdfmeta *m = p->meta;
	struct buf	 b = { NULL, 0, 0 };
	char		*s;
	size_t		 i;

	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
	    m->title);
	for (i = 0; i < m->nauthors; i++)
		buf_printf(&b, "%s%s", i ? ", " : "", m->authors[i]);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_AUTHOR, b.data);
	buf_free(&b);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_SUBJECT,
	    m->subject);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_KEYWORDS,
	    m->keywords);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
	    PROGNAME " " VERSION);
	/* The edition's date, never the clock: same bytes every build. */
	s = xasprintf("%sT00:00:00Z", m->date);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATE_DATE, s);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE, s);
	free(s);
}

static int
check(const struct pdf *p, cairo_t *cr)
{
	if (cairo_status(cr) == CAIRO_STATUS_SUCCESS)
		return 1;
	diag_sys_msg(MSG_PATH_ERRNO, p->path,
	    cairo_status_to_string(cairo_status(cr)));
	return 0;
}

/* Item i is drawn: its layouts go, and what they took of the budget
 * comes back. */
static void
drawn(struct pdf *p, size_t i)
{
	struct lay_item	*it = &p->l.item[i];
	struct fig	*f = NULL;
	size_t		 n, j;

	if (it->kind == LAY_BOX && it->role == ROLE_FIGURE)
		f = (struct fig *)it->data;
	if (p->iunit[i] != NOUNIT && p->unit[p->iunit[i]].kept) {
		n = item_cost(it);
		for (j = 0; f != NULL && j < f->col.nitems; j++)
			n += item_cost(&f->col.item[j]);
		unkeep_bytes(p, n);
	}
	if (f != NULL)
		lay_free(&f->col);
	drop_item(it);
}

/* cairo's output stream: the file, written as cairo goes.  cairo 1.16
 * asserts when its own writes fail half way (a full disk), so a failed
 * write is remembered and reported once cairo is done, never returned
 * to it. */
#define SINK_CHUNK	65536

struct sink {
	FILE		*f;
	int		 err;	/* errno of the first failed write, or 0 */
	unsigned char	 b[SINK_CHUNK];	/* what is not written yet */
	size_t		 len;
};

/* The n bytes at p written to the file. */
static void
sink_write(struct sink *k, const unsigned char *p, size_t n)
{
	if (k->err == 0 && n > 0 && fwrite(p, 1, n, k->f) != n)
		k->err = errno != 0 ? errno : EIO;
}

/* cairo writes in pieces of a few bytes (a number, an operator): one
 * fwrite() each took 3 % of a PDF's instructions.  They are gathered
 * in the sink's buffer, written when it is full. */
static cairo_status_t
to_file(void *arg, const unsigned char *data, unsigned int len)
{
	struct sink	*k = arg;

	if (len > SINK_CHUNK - k->len) {
		sink_write(k, k->b, k->len);
		k->len = 0;
		if (len >= SINK_CHUNK) {
			sink_write(k, data, len);
			return CAIRO_STATUS_SUCCESS;
		}
	}
	memcpy(k->b + k->len, data, len);
	k->len += len;
	return CAIRO_STATUS_SUCCESS;
}

/* The second pass: every page. */

/* A named destination at item it, drawn at y: where links to it lead,
 * a little above its first line. */
static void
draw_dest(cairo_t *cr, const struct lay_item *it, double y)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 ny[32];

	fmt_plain(ny, sizeof(ny), round((y > M_TOP + 1 ?
	    y - 6 : M_TOP - 30) * 100) / 100);
	BUF_PUTSL(&b, "name='");
	attr_str(&b, it->dest);
	buf_printf(&b, "' x=0 y=%s", ny);
	cairo_tag_begin(cr, CAIRO_TAG_DEST, b.data);
	cairo_tag_end(cr, CAIRO_TAG_DEST);
	buf_free(&b);
}

/* The tags item it opens before its first piece. */
static void
open_item(struct pdf *p, cairo_t *cr, const struct lay_item *it)
{
	tag_opens(p, it->opens);
	if (it->group == NULL)
		return;
	/* A figure's group holds its caption, the Figure (the picture,
	 * with an /Alt) and what follows it: a Div. */
	if (strcmp(it->group, "Figure") == 0) {
		tag_open(p, "Div");
		free(p->figalt);
		p->figalt = xstrdup(it->alt != NULL ? it->alt : "");
	} else
		tag_open(p, it->group);
}

/* Piece i of the pages, its unit loaded again if it was dropped, with
 * the tags its item opens and closes.  Returns 0 after diag_sys(). */
static int
draw_piece(struct pdf *p, cairo_t *cr, size_t i)
{
	const struct lay_piece *pc = &p->pg.piece[i];
	const struct lay_item *it;
	struct unit	*u;
	double		 x, y;
	int		 k, ok = 1;

	if (p->iunit[pc->item] != NOUNIT) {
		u = &p->unit[p->iunit[pc->item]];
		if (u->dropped)
			unit_load(p, u);
	}
	it = &p->l.item[pc->item];
	x = M_LEFT + it->x;
	y = M_TOP + pc->y;
	if (pc->first == 0)
		open_item(p, cr, it);
	if (it->dest != NULL && pc->first == 0)
		draw_dest(cr, it, y);
	switch (it->kind) {
	case LAY_TEXT:
		draw_text(p, cr, it, pc, x, y);
		break;
	case LAY_TABLE:
		draw_table(p, cr, it, pc, x, y);
		break;
	case LAY_BOX:
		ok = draw_box(p, cr, it, x, y);
		break;
	case LAY_BREAK:
	case LAY__MAX:
		abort();
	}
	if (pc->last == it->nu) {
		if (it->gclose)
			tag_close(p);
		for (k = 0; k < it->ncloses; k++)
			tag_close(p);
	}
	/* Drawn: its layouts go. */
	if (--p->nleft[pc->item] == 0)
		drawn(p, pc->item);
	return ok;
}

/* The mark that makes cairo's analysis of the page cheap, first on it
 * (pdfpost.c).  What follows it is drawn outside every element and
 * without a clip, as pdfpost() requires: a draft's watermark, else the
 * cover or the frame.  The mark's alpha is theirs. */
static void
draw_mark(const struct pdf *p, cairo_t *cr)
{
	pdfpost_mark(cr, p->draft ? WATERMARK_ALPHA : 1);
}

/* The cover, then each page with its frame and its pieces.  Returns 0
 * after diag_sys(). */
static int
draw_pages(struct pdf *p, cairo_t *cr)
{
	const struct lay_pages *pg = &p->pg;
	size_t		 i = 0, page;

	if (p->half != HALF_SECOND) {
		draw_mark(p, cr);
		if (p->draft)
			draw_watermark(p, cr);
		draw_cover(p, cr);
		if (!check(p, cr))
			return 0;
	}
	for (page = 0; page < pg->npages; page++) {
		/* The cover's page or the one before ends. */
		if (p->half != HALF_SECOND || page > 0)
			cairo_show_page(cr);
		draw_mark(p, cr);
		if (p->draft)
			draw_watermark(p, cr);
		draw_frame(p, cr, p->before + page + 1, p->npall,
		    i < pg->npieces ? page_mark(p, pg->piece[i].item) : NULL);
		for (; i < pg->npieces && pg->piece[i].page == page; i++)
			if (!draw_piece(p, cr, i))
				return 0;
		if (!check(p, cr))
			return 0;
	}
	return 1;
}

/* A PDF surface writing into out, with the metadata cairo writes. */
static cairo_surface_t *
surface_new(struct pdf *p, struct sink *out)
{
	cairo_surface_t	*sf;

	/* cairo 1.16 compresses each page's content, which pdfpost()
	 * inflates to repair and compresses again.  Its debug switch,
	 * read when a surface is made, has it write the content plain:
	 * compressed once, by pdfpost().  (Workers are processes: nothing
	 * reads the environment meanwhile.) */
	setenv("CAIRO_DEBUG_PDF", "1", 1);
	sf = cairo_pdf_surface_create_for_stream(to_file, out, PAGE_W,
	    PAGE_H);
	unsetenv("CAIRO_DEBUG_PDF");
	metadata(p, sf);
	return sf;
}

/* The document drawn on sf: every page, the tags closed, the outline.
 * Returns 0 after diag_sys(). */
static int
draw_document(struct pdf *p, cairo_surface_t *sf)
{
	cairo_t		*cr;
	int		 ok;

	cr = cairo_create(sf);
	group_begin(p, "Document");
	if ((ok = draw_pages(p, cr))) {
		while (p->ntags > 0)
			tag_close(p);
		group_end(p);
		/* The first half's outline is the document's. */
		if (p->half != HALF_SECOND)
			outline(p, sf);
		ok = check(p, cr);
	}
	cairo_destroy(cr);
	return ok;
}

static int
draw(struct pdf *p)
{
	cairo_surface_t	*sf;
	struct sink	*out;
	int		 rc = 0;

	/* Its buffer is too large for the stack. */
	out = xcalloc(1, sizeof(*out));
	if ((out->f = fopen(p->path, "wb")) == NULL) {
		diag_sys_msg(MSG_PATH_ERRNO, p->path, strerror(errno));
		free(out);
		return 0;
	}
	sf = surface_new(p, out);
	if (draw_document(p, sf)) {
		cairo_surface_finish(sf);
		if (cairo_surface_status(sf) == CAIRO_STATUS_SUCCESS)
			rc = 1;
		else
			diag_sys_msg(MSG_PATH_ERRNO, p->path,
			    cairo_status_to_string(cairo_surface_status(sf)));
	}
	cairo_surface_destroy(sf);
	sink_write(out, out->b, out->len);
	if (fclose(out->f) != 0 && out->err == 0)
		out->err = errno;
	if (rc && out->err != 0) {
		diag_sys_msg(MSG_PATH_ERRNO, p->path, strerror(out->err));
		rc = 0;
	}
	free(out);
	return rc;
}

static void
unref_layout(PangoLayout **pl)
{
	if (*pl != NULL)
		g_object_unref(*pl);
	*pl = NULL;
}

/* Frees the layout, the pages and the fonts (twice is harmless). */
static void
pdf_free(struct pdf *p)
{
	size_t	 i;

	if (p->images != NULL)
		g_hash_table_destroy(p->images);
	p->images = NULL;
	for (i = 0; i < p->nhyph; i++) {
		g_object_unref(p->hyph[i].font);
		g_object_unref(p->hyph[i].pl);
	}
	free(p->hyph);
	p->hyph = NULL;
	p->nhyph = 0;
	for (i = 0; i < sizeof(p->badge) / sizeof(p->badge[0]); i++)
		unref_layout(&p->badge[i]);
	unref_layout(&p->badgelab);
	unref_layout(&p->head);
	unref_layout(&p->chap);
	unref_layout(&p->draftmark);
	unref_layout(&p->watermark);
	free(p->dests);
	p->dests = NULL;
	p->ndests = 0;
	free(p->figalt);
	p->figalt = NULL;
	free(p->elem);
	p->elem = NULL;
	unkeep_bytes(p, p->kept);
	free(p->ipage);
	free(p->nleft);
	free(p->iunit);
	free(p->unit);
	p->ipage = p->nleft = p->iunit = NULL;
	p->unit = NULL;
	p->nunits = p->unitcap = 0;
	lay_pages_free(&p->pg);
	p->piececap = p->secfrom = p->secunit = 0;
	lay_free(&p->l);
	for (i = 0; i < p->nmarks; i++)
		free(p->mark[i].title);
	free(p->mark);
	p->mark = NULL;
	p->nmarks = p->markcap = 0;
	for (i = 0; i < p->nfigs; i++) {
		lay_free(&p->figs[i]->col);
		free(p->figs[i]);
	}
	free(p->figs);
	p->figs = NULL;
	p->nfigs = p->figcap = 0;
	for (i = 0; i < p->npool; i++)
		free(p->pool[i]);
	free(p->pool);
	p->pool = NULL;
	p->npool = p->poolcap = 0;
	chart_forget(p->ctx);
	if (p->ctx != NULL)
		g_object_unref(p->ctx);
	if (p->fm != NULL)
		g_object_unref(p->fm);
	hyph_free(p->hy);
	p->ctx = NULL;
	p->fm = NULL;
	p->hy = NULL;
}

/* What the drawing kept for pdfpost(). */
static void
post_free(struct pdf *p)
{
	size_t	 i;

	for (i = 0; i < p->nalts; i++)
		free(p->alts[i]);
	free(p->alts);
	free(p->nodes);
	for (i = 0; i < p->nlinks; i++)
		free(p->links[i]);
	free(p->links);
	free(p->spanel);
	for (i = 0; i < p->nspans; i++)
		free(p->spanlang[i]);
	free(p->spanlang);
}

/* What laying out needs: hyphenation, fonts, a pango context. */
static int
pdf_setup(struct pdf *p)
{
	if ((p->hy = hyph_new(i18n_hyph_dict())) == NULL)
		return 0;
	p->fm = font_map_new();
	p->ctx = font_context(p->fm);
	return 1;
}

/* The first pass: items, pages, and what the drawing looks up by
 * item. */
static void
lay_out(struct pdf *p)
{
	size_t	 i, j;

	build(p);
	p->ipage = xcalloc(p->l.nitems + 1, sizeof(*p->ipage));
	p->nleft = xcalloc(p->l.nitems + 1, sizeof(*p->nleft));
	for (i = p->pg.npieces; i-- > 0; ) {
		if (p->pg.piece[i].first == 0)
			p->ipage[p->pg.piece[i].item] = p->pg.piece[i].page;
		p->nleft[p->pg.piece[i].item]++;
	}
	p->elem = xcalloc(p->l.nitems + 1, sizeof(*p->elem));
	p->iunit = xcalloc(p->l.nitems + 1, sizeof(*p->iunit));
	for (i = 0; i < p->l.nitems; i++)
		p->iunit[i] = NOUNIT;
	for (i = 0; i < p->nunits; i++)
		for (j = p->unit[i].from; j < p->unit[i].to; j++)
			p->iunit[j] = i;
}

/* The second pass into p->path, then the layout's memory freed (twice
 * is harmless).  Returns 0 after diag_sys(). */
static int
draw_free(struct pdf *p)
{
	int	 rc = p->path != NULL && draw(p);

	pdf_free(p);
	return rc;
}

/* What pdfpost() needs of the drawing, into m (pointing into p). */
static void
meta_fill(struct pdfmeta *m, const struct pdf *p)
{
	m->alts = (const char **)p->alts;
	m->nalts = p->nalts;
	m->nodes = p->nodes;
	m->nnodes = p->nnodes;
	m->links = (const char *const *)p->links;
	m->nlinks = p->nlinks;
	m->spans = p->spanel;
	m->spanlangs = (const char *const *)p->spanlang;
	m->nspans = p->nspans;
}

/* ---- an edition in two halves ---- */

static void	*append(void *, size_t *, const void *, size_t, size_t);

/*
 * A large edition is cut in two between two chapters: the first half
 * (cover, contents, front matter, the chapters before the cut) is laid
 * out and drawn by this process, the second (the other chapters, back
 * matter, annex) by a child forked after loading, each into a file of
 * its own; pdfpost_halves() merges them.  Laying out a half needs no
 * page of the other but for the width of page references (« (p. 123) »,
 * lay's pnumdigits): the second half guesses the first's pages from its
 * weight, and is laid out again if the guess gives other widths, so the
 * bytes are those of the right guess.  The halves then
 * trade their page counts and the page of each destination (contents,
 * frames, references), draw, and the child sends what the merge needs
 * of its drawing (the structure record, figures' /Alt, links, spans).
 * With --jobs 1 this process waits for the child at each step instead
 * of working beside it: the same steps, one core at a time, the same
 * bytes.
 *
 * Where to cut is a function of the content only (never of --jobs):
 * an edition under PDF_CUT_WORK is never cut, so the bytes of a small
 * edition are those of one process.  RAPPORTEUR_PDF_CUT (tests only,
 * README): 0 never cuts, 1 cuts any edition of two chapters or more at
 * its middle one, 2 too with a wrong guess.
 */
#define PDF_CUT_WORK	60000	/* [words] of prose, figures counted */
#define FIG_WORDS	150	/* [words] what a figure weighs */
#define PAGE_WORDS	350	/* [words] a page holds, about (340 the
				 * sample's, 350 the benchmark's) */

/* [words] The weight of a measure: its narrative and its figures. */
static size_t
measure_work(const struct edition *e, const struct measure *m)
{
	return e->narr[m->index].words + FIG_WORDS * (m->ninds + 1);
}

/* [words] The weight of parts. */
static size_t
parts_work(const struct part *pt, size_t n)
{
	size_t	 i, w = 0;

	for (i = 0; i < n; i++)
		w += pt[i].doc.words;
	return w;
}

/* The weight of each chapter into w[n], and of the whole; the front
 * matter's into *front. */
static size_t
chapters_work(const struct report *r, const struct edition *e, size_t *w,
    size_t *front)
{
	const struct plan *pl = &r->plan;
	size_t		 i, j, all;

	*front = parts_work(e->front, e->nfront);
	all = *front + parts_work(e->back, e->nback) + pl->nmeasures * 10;
	for (i = 0; i < plan_groups(pl); all += w[i++])
		for (j = 0; j < pl->prios[i].nmeasures; j++)
			w[i] += measure_work(e, pl->prios[i].measures[j]);
	return all;
}

/*
 * The first chapter of the second half, or 0: the edition is not cut.
 * The halves as even as the chapters let them be.  *guess: the pages
 * of the first half the second lays itself out with (RAPPORTEUR_PDF_CUT
 * 2: a guess so wrong that it is laid out again).
 */
static size_t
pdf_cut(const struct report *r, const struct edition *e, size_t *guess)
{
	const char	*env = getenv("RAPPORTEUR_PDF_CUT");
	size_t		 n = plan_groups(&r->plan), i, all, a, front, d;
	size_t		 best = 0, bestd = (size_t)-1, *w;

	if (n < 2 || (env != NULL && strcmp(env, "0") == 0))
		return 0;
	w = xcalloc(n, sizeof(*w));
	all = chapters_work(r, e, w, &front);
	for (i = 1, a = front; all >= PDF_CUT_WORK && i < n; i++) {
		a += w[i - 1];
		d = 2 * a > all ? 2 * a - all : all - 2 * a;
		if (d < bestd) {
			bestd = d;
			best = i;
		}
	}
	if (env != NULL && (strcmp(env, "1") == 0 || strcmp(env, "2") == 0))
		best = n / 2;
	for (i = 0, a = front; i < best; i++)
		a += w[i];
	*guess = env != NULL && strcmp(env, "2") == 0 ? 100000 :
	    a / PAGE_WORDS;
	free(w);
	return best;
}

/* Writes the n bytes at b to fd.  Returns 0 on failure. */
static int
fd_write(int fd, const void *b, size_t n)
{
	const char	*s = b;
	ssize_t		 w;

	while (n > 0) {
		/* A child that died must not kill this process. */
		if ((w = send(fd, s, n, MSG_NOSIGNAL)) == -1 &&
		    errno == EINTR)
			continue;
		if (w <= 0)
			return 0;
		s += w;
		n -= (size_t)w;
	}
	return 1;
}

/* Reads n bytes from fd into b.  Returns 0 on failure or end of file
 * (the other process failed). */
static int
fd_read(int fd, void *b, size_t n)
{
	char	*s = b;
	ssize_t	 r;

	while (n > 0) {
		if ((r = read(fd, s, n)) == -1 && errno == EINTR)
			continue;
		if (r <= 0)
			return 0;
		s += r;
		n -= (size_t)r;
	}
	return 1;
}

static void
put_size(struct buf *b, size_t v)
{
	buf_put(b, &v, sizeof(v));
}

static void
put_strs(struct buf *b, char *const *s, size_t n)
{
	size_t	 i, len;

	put_size(b, n);
	for (i = 0; i < n; i++) {
		put_size(b, len = strlen(s[i]));
		buf_put(b, s[i], len);
	}
}

static int
get_size(int fd, size_t *v)
{
	return fd_read(fd, v, sizeof(*v));
}

/* n strings from fd into *s (allocated, each a copy). */
static int
get_strs(int fd, char ***s, size_t *n)
{
	size_t	 i, len;

	if (!get_size(fd, n))
		return 0;
	*s = xcalloc(*n + 1, sizeof(**s));
	for (i = 0; i < *n; i++) {
		if (!get_size(fd, &len))
			return 0;
		(*s)[i] = xmalloc(len + 1);
		(*s)[i][len] = '\0';
		if (!fd_read(fd, (*s)[i], len))
			return 0;
	}
	return 1;
}

/* This half's pages and destinations (their pages in the document) to
 * the other half. */
static int
send_pages(const struct pdf *p, int fd)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i, len;
	int		 rc;

	put_size(&b, p->pg.npages);
	put_size(&b, p->ndests);
	for (i = 0; i < p->ndests; i++) {
		put_size(&b, p->dests[i].page);
		put_size(&b, len = strlen(p->dests[i].dest));
		buf_put(&b, p->dests[i].dest, len);
	}
	rc = fd_write(fd, b.data, b.len);
	buf_free(&b);
	return rc;
}

/* The other half's pages and destinations (names owned). */
struct peer {
	size_t		 npages;
	struct destpage	*d;
	size_t		 n;
};

static void
peer_free(struct peer *o)
{
	size_t	 i;

	for (i = 0; i < o->n; i++)
		free((char *)o->d[i].dest);
	free(o->d);
	memset(o, 0, sizeof(*o));
}

/* The other half's pages and destinations from fd into o. */
static int
recv_pages(struct peer *o, int fd)
{
	size_t	 n, len;
	char	*s;

	if (!get_size(fd, &o->npages) || !get_size(fd, &n) || n > 1 << 28)
		return 0;
	o->d = xcalloc(n + 1, sizeof(*o->d));
	while (o->n < n) {
		if (!get_size(fd, &o->d[o->n].page) || !get_size(fd, &len) ||
		    len > 1 << 20)
			return 0;
		s = xmalloc(len + 1);
		s[len] = '\0';
		o->d[o->n++].dest = s;
		if (!fd_read(fd, s, len))
			return 0;
	}
	return 1;
}

/* The other half's destinations among p's, and the document's page
 * count. */
static void
dests_add(struct pdf *p, const struct peer *o)
{
	p->dests = append(p->dests, &p->ndests, o->d, o->n,
	    sizeof(*p->dests));
	qsort(p->dests, p->ndests, sizeof(*p->dests), destcmp);
	p->npall = p->pg.npages + o->npages + 1;
}

/* What the merge needs of the second half's drawing, to the first. */
static int
send_meta(const struct pdf *p, int fd)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 rc;

	put_size(&b, p->nelems);
	put_size(&b, p->nnodes);
	buf_put(&b, p->nodes, p->nnodes * sizeof(*p->nodes));
	put_strs(&b, p->alts, p->nalts);
	put_strs(&b, p->links, p->nlinks);
	put_size(&b, p->nspans);
	buf_put(&b, p->spanel, p->nspans * sizeof(*p->spanel));
	put_strs(&b, p->spanlang, p->nspans);
	rc = fd_write(fd, b.data, b.len);
	buf_free(&b);
	return rc;
}

/* The second half's record into q (post_free() frees it). */
static int
recv_meta(struct pdf *q, int fd)
{
	size_t	 n;

	if (!get_size(fd, &q->nelems) || !get_size(fd, &q->nnodes) ||
	    q->nnodes == 0 || q->nnodes > 1 << 28)
		return 0;
	q->nodes = xcalloc(q->nnodes, sizeof(*q->nodes));
	if (!fd_read(fd, q->nodes, q->nnodes * sizeof(*q->nodes)) ||
	    !get_strs(fd, &q->alts, &q->nalts) ||
	    !get_strs(fd, &q->links, &q->nlinks) ||
	    !get_size(fd, &q->nspans) || q->nspans > 1 << 28)
		return 0;
	q->spanel = xcalloc(q->nspans + 1, sizeof(*q->spanel));
	return fd_read(fd, q->spanel, q->nspans * sizeof(*q->spanel)) &&
	    get_strs(fd, &q->spanlang, &n) && n == q->nspans;
}

/* Appends an array of n elements of size sz at b to *a of *na. */
static void *
append(void *a, size_t *na, const void *b, size_t n, size_t sz)
{
	a = xreallocarray(a, *na + n + 1, sz);
	memcpy((char *)a + *na * sz, b, n * sz);
	*na += n;
	return a;
}

/* The second half's record q after the first's in p: its Document is
 * the first's, its elements numbered after the first's.  q's strings
 * move into p. */
static void
meta_append(struct pdf *p, struct pdf *q)
{
	size_t	 i, base = p->nnodes - 1;

	p->nodes = xreallocarray(p->nodes, p->nnodes + q->nnodes,
	    sizeof(*p->nodes));
	for (i = 1; i < q->nnodes; i++) {
		p->nodes[p->nnodes] = q->nodes[i];
		if (q->nodes[i].parent > 1)
			p->nodes[p->nnodes].parent += base;
		p->nnodes++;
	}
	for (i = 0; i < q->nspans; i++)
		q->spanel[i] += p->nelems;
	p->spanel = append(p->spanel, &p->nspans, q->spanel, q->nspans,
	    sizeof(*p->spanel));
	p->nspans -= q->nspans;
	p->spanlang = append(p->spanlang, &p->nspans, q->spanlang,
	    q->nspans, sizeof(*p->spanlang));
	p->alts = append(p->alts, &p->nalts, q->alts, q->nalts,
	    sizeof(*p->alts));
	p->links = append(p->links, &p->nlinks, q->links, q->nlinks,
	    sizeof(*p->links));
	p->nelems += q->nelems;
	q->nalts = q->nlinks = q->nspans = 0;
}

/* Digits of page numbers from n. */
static int
digits(size_t n)
{
	return snprintf(NULL, 0, "%zu", n);
}

/* The exit status of a process that failed after diag_sys(). */
static int
failed(void)
{
	int	 rc = diag_rc();

	return rc != EXIT_OK ? rc : EXIT_SYSTEM;
}

/*
 * The second half, in the child: laid out with a guess of the first
 * half's pages (p->before), again with the first's count if the guess
 * gave other widths; the pages traded, drawn, its record sent.  Returns
 * the exit status.
 */
static int
second_half(struct pdf *p, int fd, struct peer *a)
{
	size_t	 lo, hi;

	lay_out(p);
	if (!fd_write(fd, "L", 1) || !recv_pages(a, fd))
		return EXIT_SYSTEM;
	/* Every chapter's start, in both numberings, is in [lo, hi]: the
	 * same widths if lo and hi have as many digits. */
	lo = (a->npages < p->before ? a->npages : p->before) + 2;
	hi = (a->npages > p->before ? a->npages : p->before) + 2 +
	    p->pg.npages;
	p->before = a->npages;
	if (digits(lo) != digits(hi)) {
		pdf_free(p);
		if (!pdf_setup(p))
			return failed();
		lay_out(p);
	}
	index_dests(p);
	if (!send_pages(p, fd))
		return EXIT_SYSTEM;
	dests_add(p, a);
	if (!draw_free(p))
		return failed();
	return send_meta(p, fd) ? EXIT_OK : EXIT_SYSTEM;
}

/* The child's life: the second half into p->path.  Never returns. */
static void
child(struct pdf *p, int fd, pid_t parent)
{
	struct peer	 a;
	int		 rc;

	out_child(parent);
	memset(&a, 0, sizeof(a));
	p->half = HALF_SECOND;
	rc = second_half(p, fd, &a);
	fflush(stderr);
	_exit(rc);
}

/* The first half, beside the child or (--jobs 1) after each of its
 * steps; the child's record into q.  Returns 0 if a step of this
 * process failed after diag_sys(), -1 if the child failed, 1. */
static int
first_half(struct pdf *p, int fd, struct pdf *q)
{
	struct peer	 b;
	int		 serial = p->o->jobs < 2, rc = -1;
	char		 c;

	memset(&b, 0, sizeof(b));
	p->half = HALF_FIRST;
	if (serial && !fd_read(fd, &c, 1))
		return -1;
	lay_out(p);
	index_dests(p);
	if ((!serial && !fd_read(fd, &c, 1)) || !send_pages(p, fd) ||
	    !recv_pages(&b, fd))
		goto out;
	dests_add(p, &b);
	if (serial && !recv_meta(q, fd))
		goto out;
	if (!draw_free(p)) {
		rc = 0;
		goto out;
	}
	rc = serial || recv_meta(q, fd) ? 1 : -1;
out:
	peer_free(&b);
	return rc;
}

/* Waits for the child pid.  Returns its exit status; EXIT_SYSTEM if
 * it was killed, said here unless it was killed here. */
static int
reap(pid_t pid, int killed)
{
	int	 st;

	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return EXIT_SYSTEM;	/* cannot be: our child */
	out_worker(-pid);
	if (WIFEXITED(st))
		return WEXITSTATUS(st);
	if (!killed)
		diag_sys_msg(MSG_WORKER_KILLED, (long)pid, WTERMSIG(st));
	return EXIT_SYSTEM;
}

/*
 * The edition in two halves: the first here into p->path, the second
 * by a child into a file beside it, merged by pdfpost_halves().
 * Returns 0 after diag_sys().
 */
static int
halves(struct pdf *p, struct pdfmeta *meta, size_t guess)
{
	struct pdf	 q;
	char		*half;
	pid_t		 pid, parent;
	int		 sv[2], rc, st;

	if (p->path == NULL)
		return 0;
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == -1) {
		diag_sys_msg(MSG_WORKER_START, strerror(errno));
		return 0;
	}
	half = xasprintf("%s.2", p->path);
	parent = getpid();
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		diag_sys_msg(MSG_WORKER_START, strerror(errno));
		close(sv[0]);
		close(sv[1]);
		free(half);
		return 0;
	}
	if (pid == 0) {
		close(sv[0]);
		free(p->path);
		p->path = half;
		p->before = guess;
		child(p, sv[1], parent);
	}
	out_worker(pid);
	close(sv[1]);
	memset(&q, 0, sizeof(q));
	rc = first_half(p, sv[0], &q);
	close(sv[0]);
	if (rc == 0)
		kill(pid, SIGKILL);	/* this half said why */
	st = reap(pid, rc == 0);
	if (rc != 1 || st != EXIT_OK) {
		/* A child that failed said why, but one that stopped
		 * talking and exited well. */
		if (rc == -1 && st == EXIT_OK)
			diag_sys_msg(MSG_WORKER_LOST, (long)pid);
		rc = 0;
	} else {
		meta_append(p, &q);
		meta_fill(meta, p);
		rc = pdfpost_halves(p->path, half, meta);
	}
	post_free(&q);
	unlink(half);
	free(half);
	return rc;
}

int
pdf_edition(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od)
{
	struct pdf	 p;
	struct pdfmeta	 meta;
	char		*rel, *subj, *kw;
	size_t		 guess;
	int		 rc = 0;

	memset(&p, 0, sizeof(p));
	p.r = r;
	p.e = e;
	p.o = o;
	p.draft = e->draft || o->draft;
	if (!font_load(o->styles) || !logo_load(o->styles))
		return 0;
	p.th = theme_get();
	if (!pdf_setup(&p))
		return 0;
	meta_init(&meta, e, &subj, &kw);
	meta.helper = o->jobs > 1;
	p.meta = &meta;
	rel = xasprintf("%d/%s-%d.pdf", e->year, fname(FNAME_REPORT), e->year);
	p.path = out_path(od, rel);
	free(rel);
	if ((p.cut = pdf_cut(r, e, &guess)) > 0)
		rc = halves(&p, &meta, guess);
	else {
		lay_out(&p);
		p.npall = p.pg.npages + 1;
		index_dests(&p);
		/* What pdfpost() needs is copied: the layout's memory
		 * goes first. */
		if (draw_free(&p)) {
			meta_fill(&meta, &p);
			rc = pdfpost(p.path, &meta);
		}
	}
	pdf_free(&p);
	free(p.path);
	free(subj);
	free(kw);
	post_free(&p);
#ifdef __GLIBC__
	/* Hand the freed layouts back to the system when glibc's malloc
	 * holds them (the Makefile's PROCESS_LIBS empty): glibc keeps
	 * them.  jemalloc gives pages back itself, once unused a while. */
	malloc_trim(0);
#endif
	return rc;
}
