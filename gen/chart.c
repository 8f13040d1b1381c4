/*
 * Charts: see chart.h.  Every chart is laid out and drawn here, once,
 * onto a canvas (canvas.h: cairo for the PDF and PNG, SVG elements for
 * the site), with pango text in the pinned sans font; nothing here knows
 * which one it draws on.  Layout works in points from the top left of
 * the rectangle it is given.  All state is local to a call: several
 * threads may draw at once, each with its own canvas and PangoContext.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hb-ot.h>

#include "report.h"
#include "extern.h"
#include "i18n.h"
#include "font.h"
#include "theme.h"
#include "canvas.h"
#include "chart.h"

/* An operation of d's canvas, with arguments and without. */
#define CV(d, op, ...)	((d)->cv->ops->op((d)->cv, __VA_ARGS__))
#define CV0(d, op)	((d)->cv->ops->op((d)->cv))

#define NBSP	"\xc2\xa0"	/* U+00A0, before a colon */
#define NNBSP	"\xe2\x80\xaf"	/* U+202F, before ; ! ? and in numbers */

#define MAX_OBST	512	/* label placement: obstacles remembered */
#define PAD		6.0	/* [pt] between blocks */

/* One drawing call: the canvas, the pango context, the theme, and
 * the rectangles already taken by labels, bars and markers. */
struct rect {
	double	 x, y, w, h;	/* [pt] */
	double	 weight;	/* cost of covering it: text costs most */
};

/*
 * Labels repeat: a chart measures a label, places it, then draws it, and
 * the charts of an edition share their years, tick numbers, units,
 * legend entries, sources and titles, at both widths of the site.  So
 * each PangoContext keeps its short texts laid out (struct laidcache,
 * attached to the context), and each distinct label is shaped once per
 * context.  An entry taken from the cache is read-only (but for the
 * breaks and widths text_lines() keeps with a text's entry at no width,
 * functions of it too).  The output does not depend on what the cache
 * holds (an entry is a function of its key and the context); when full
 * it is emptied at once.
 *
 * A text that pango left on one line per paragraph, none cut and all
 * left to right, is the same layout at any width it fits in: same lines,
 * same glyphs, each line at the left edge (the width only moves lines
 * that are centred, right-aligned or right to left).  So such a layout
 * also serves the same text and font at any other width, with room to
 * spare (LAID_SPARE: pango's own test of what fits is left alone), and
 * with no width at all.
 *
 * Most labels are less: text of the Latin script and common
 * punctuation in one font.  Pango lays those out as one item shaped by
 * harfbuzz, and most of its work (itemizing, breaking, lines) decides
 * nothing.  Such a text is shaped here as pango would shape its item,
 * and wrapped as pango wraps it if it must (line_shape()): its entry
 * holds its lines, their glyphs and extents and no layout; a canvas
 * with a line operation (the SVG writer's text, the social card's
 * glyphs) draws it from them, and one that draws layouts only (the
 * PDF's) gets the layout made when it first draws it.  Such a text is
 * shaped as a whole once per context, into its entry at no width: its
 * lines at any width start from that entry's glyphs, and from the break
 * opportunities and characters' widths kept with it when it is first
 * wrapped; only the lines are shaped again.
 *
 * Labels share their words more than their texts (a title's years
 * change from one edition to the next, a narrow chart's title breaks
 * where a wide one's does not).  In a font whose shaping never
 * reaches across a space (chart_splits_at_spaces()), a text or a line
 * is shaped as its words, each with the spaces after it, shaped once
 * per context and font (struct laidfont's words) and put end to end:
 * the same glyphs and positions as the whole shaped at once.
 */
#define LAID_MAXTEXT	256	/* [bytes]: longer texts are not kept */
#define LAID_MAX	4096	/* entries kept per context */
#define LAID_SLOTS	8192	/* hash slots: a power of 2, > LAID_MAX */
#define LAID_SPARE	1.0	/* [pt] */
#define LAID_FONTS	16	/* fonts of shaped lines, per context */
#define WORDS_MAX	8192	/* shaped words kept per font */
#define WORD_MAXLEN	64	/* [bytes]: longer words are not kept */

/* A line of a text shaped here. */
struct lline {
	char		*s;		/* no space at either end */
	PangoGlyphString *g;		/* its glyphs, owned */
	double		 w;		/* [pt] its advance */
	struct canvas_memo memo;	/* its canvas's */
};

struct laid {
	char		*text;		/* NULL: free slot */
	PangoLayout	*l;		/* NULL: a line shaped here, not drawn
					   yet on a canvas of layouts */
	double		 size, width;
	int		 bold, maxlines;
	int		 centred;	/* l's lines centred (lay_centred()) */
	unsigned int	 hash;		/* of text, size and bold */
	double		 fit;		/* [pt] natural width, or -1 */
	double		 x, w, h;	/* [pt] logical box: left, size */
	/* A text shaped here: its lines, the first's baseline and the
	 * distance between lines, its size as pango has it. */
	struct lline	*ln;		/* nln of them, owned */
	int		 nln;
	PangoFont	*font;		/* theirs, the cache's */
	double		 base, lh;	/* [pt] */
	double		 psize;		/* [pt] */
	/* A text shaped here at no width, once wrapped (text_lines()):
	 * its break opportunities and its characters' widths. */
	PangoLogAttr	*at;		/* owned, or NULL */
	int		*lw;		/* owned */
};

#define LINE_MAXCHAR	0x2100	/* shaped lines' characters are below */

/* The font pango gives the characters of a shaped line, and which of
 * them it has: pango_font_has_char() is a lookup in fontconfig's
 * character set, as costly as shaping a short label. */
struct laidfont {
	double		 size;
	int		 bold;
	PangoFont	*font;		/* a reference */
	int		 hasbox;	/* boxy, boxh known */
	int		 boxy, boxh;	/* [pango units] line_box() */
	unsigned char	 known[LINE_MAXCHAR / 8], has[LINE_MAXCHAR / 8];
	int		 split;		/* chart_splits_at_spaces(font) */
	GHashTable	*words;		/* a word and its spaces -> its
					   PangoGlyphString; owns both */
};

struct laidcache {
	struct laid	 slot[LAID_SLOTS];
	size_t		 n;
	struct laidfont	 font[LAID_FONTS];
	size_t		 nfont;
};

struct dc {
	struct canvas	*cv;
	PangoContext	*pc;
	const struct theme *th;
	struct rect	 obst[MAX_OBST];
	size_t		 nobst;
	struct laidcache *laid;		/* owned by pc */
	struct laid	 own;		/* a text too long to keep: its
					   layout is d's */
};

/* Where a text is anchored, horizontally. */
enum halign {
	HA_LEFT,
	HA_CENTRE,
	HA_RIGHT
};

/* The second cue of a status, besides its colour. */
enum pattern {
	PAT_SOLID,	/* STATUS_IMPLEMENTED */
	PAT_DIAGONAL,	/* STATUS_PARTIAL */
	PAT_DOTS,	/* STATUS_IN_PROGRESS */
	PAT_CROSS,	/* STATUS_NOT_IMPLEMENTED */
	PAT_HORIZONTAL	/* STATUS_NOT_ASSESSED */
};

static const enum pattern status_pattern[STATUS__MAX] = {
	PAT_SOLID,	/* STATUS_IMPLEMENTED */
	PAT_DIAGONAL,	/* STATUS_PARTIAL */
	PAT_DOTS,	/* STATUS_IN_PROGRESS */
	PAT_CROSS,	/* STATUS_NOT_IMPLEMENTED */
	PAT_HORIZONTAL,	/* STATUS_NOT_ASSESSED */
};

/* ---- numbers ---- */

void
chart_ticks(double lo, double hi, int maxn, double minstep, struct ticks *t)
{
	static const double mult[3] = { 1, 2, 5 };
	double	 span, p, step = 1;
	int	 i, e;

	if (maxn < 1)
		maxn = 1;
	if (!(hi > lo)) {
		/* One value: an interval around it that includes zero. */
		if (lo > 0) {
			hi = lo;
			lo = 0;
		} else if (lo < 0)
			hi = 0;
		else
			hi = 1;
	}
	span = hi - lo;
	e = (int)floor(log10(span / maxn));
	/* The smallest nice step that needs at most maxn intervals. */
	for (;; e++) {
		p = pow(10, e);
		for (i = 0; i < 3; i++) {
			step = mult[i] * p;
			if (step < minstep)
				continue;
			if (ceil(hi / step - 1e-9) - floor(lo / step + 1e-9) <=
			    maxn)
				goto found;
		}
	}
found:
	t->step = step;
	t->first = floor(lo / step + 1e-9) * step;
	t->last = ceil(hi / step - 1e-9) * step;
	if (t->first == 0)
		t->first = 0;	/* no -0 */
	t->n = (int)lround((t->last - t->first) / step) + 1;
	t->decimals = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);
}

static void
fmt_tick(char *buf, size_t size, double v, const struct ticks *t)
{
	fmt_num(buf, size, fabs(v) < t->step * 1e-6 ? 0 : v, t->decimals);
}

/* ---- drawing primitives ---- */

static void
set_rgb(struct dc *d, struct rgb c)
{
	CV(d, source, c.r, c.g, c.b, 1);
}

static void
set_rgba(struct dc *d, struct rgb c, double alpha)
{
	CV(d, source, c.r, c.g, c.b, alpha);
}

static PangoLayout *
lay(struct dc *d, const char *text, double size, int bold, double width,
    int maxlines)
{
	PangoLayout	*l;

	l = font_layout(d->pc, FONT_SANS, size,
	    bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_text(l, text, -1);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		if (maxlines > 0) {
			pango_layout_set_height(l, -maxlines);
			pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
		}
	}
	return l;
}

/* k's logical box from its layout. */
static void
laid_box(struct laid *k)
{
	PangoRectangle	 ink, log;

	pango_layout_get_extents(k->l, &ink, &log);
	k->x = (double)log.x / PANGO_SCALE;
	k->w = (double)log.width / PANGO_SCALE;
	k->h = (double)log.height / PANGO_SCALE;
}

/* Draws k with its logical box's left edge at x (or centre, or right
 * edge) and top at y. */
static void
lshow(struct dc *d, struct laid *k, double x, double y, enum halign ha,
    struct rgb c)
{
	struct canvas_line t;
	int		 i;

	x -= k->x;
	if (ha == HA_CENTRE)
		x -= k->w / 2;
	else if (ha == HA_RIGHT)
		x -= k->w;
	set_rgb(d, c);
	CV(d, move_to, x, y);
	if (k->l == NULL && d->cv->ops->line != NULL) {
		t.family = FONT_SANS;
		t.size = k->psize;
		t.bold = k->bold;
		for (i = 0; i < k->nln; i++) {
			t.s = k->ln[i].s;
			t.font = k->font;
			t.glyphs = k->ln[i].g;
			t.baseline = k->base + i * k->lh;
			t.width = k->ln[i].w;
			t.memo = &k->ln[i].memo;
			CV(d, line, &t);
		}
		return;
	}
	/* The layout of the key, which the shaped lines are. */
	if (k->l == NULL)
		k->l = lay(d, k->text, k->size, k->bold, k->width,
		    k->maxlines);
	CV(d, text, k->l, 0);
}

static const char laid_key[] = "rapporteur-chart-layouts";

static void
lines_free(struct laid *k)
{
	int	 i;

	for (i = 0; i < k->nln; i++) {
		free(k->ln[i].s);
		pango_glyph_string_free(k->ln[i].g);
		canvas_memo_free(&k->ln[i].memo);
	}
	free(k->ln);
	k->ln = NULL;
	k->nln = 0;
	free(k->at);
	free(k->lw);
	k->at = NULL;
	k->lw = NULL;
}

static void
laid_clear(struct laidcache *c)
{
	size_t	 i;

	for (i = 0; i < LAID_SLOTS; i++)
		if (c->slot[i].text != NULL) {
			if (c->slot[i].l != NULL)
				g_object_unref(c->slot[i].l);
			free(c->slot[i].text);
			lines_free(&c->slot[i]);
			c->slot[i].text = NULL;
		}
	c->n = 0;
}

static void
laid_free(void *p)
{
	struct laidcache *c = p;
	size_t		 i;

	laid_clear(c);
	for (i = 0; i < c->nfont; i++) {
		g_object_unref(c->font[i].font);
		if (c->font[i].words != NULL)
			g_hash_table_destroy(c->font[i].words);
	}
	free(c);
}

/* The cache of pc, made on first use. */
static struct laidcache *
laid_get(PangoContext *pc)
{
	struct laidcache *c;

	if ((c = g_object_get_data(G_OBJECT(pc), laid_key)) == NULL) {
		c = xcalloc(1, sizeof(*c));
		g_object_set_data_full(G_OBJECT(pc), laid_key, c, laid_free);
	}
	return c;
}

/*
 * The cached layouts each hold a reference to the context that holds
 * them: a cycle that would keep both alive for ever.  So the owner of a
 * context lets the cache go before its last unref.
 */
void
chart_forget(PangoContext *pc)
{
	if (pc != NULL)
		g_object_set_data(G_OBJECT(pc), laid_key, NULL);
}

/* FNV-1a of the text, then its font mixed in: not the width, so that the
 * layouts of a text at all widths share a probe sequence.  *len: the
 * text's length [bytes]. */
static unsigned int
laid_hash(const char *text, double size, int bold, size_t *len)
{
	unsigned int	 h = 2166136261u;
	const char	*p;
	uint64_t	 f;

	for (p = text; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	*len = (size_t)(p - text);
	/* One multiplication carries every bit of the size and bold into
	 * the top half. */
	memcpy(&f, &size, sizeof(f));
	f = (f ^ (uint64_t)bold) * 0x9e3779b97f4a7c15ull;
	return (h ^ (unsigned int)(f >> 32)) * 16777619u;
}

/* k's natural width [pt] if pango laid it out as with no width (see
 * above), else -1. */
static void
laid_fit(struct laid *k)
{
	GSList		*ln;
	PangoLayoutLine	*line;

	k->fit = -1;
	if (pango_layout_is_wrapped(k->l) || pango_layout_is_ellipsized(k->l))
		return;
	for (ln = pango_layout_get_lines_readonly(k->l); ln != NULL;
	    ln = ln->next) {
		line = ln->data;
		if (line->resolved_dir != PANGO_DIRECTION_LTR)
			return;
	}
	k->fit = k->w;
}

/* Can k stand for the layout of its text and font at width (<= 0: none)
 * in maxlines (0: any)?  maxlines limits each paragraph (pango's
 * negative height), so it cuts no layout of one line per paragraph. */
static int
laid_serves(const struct laid *k, double width, int maxlines)
{
	if (k->width == width && k->maxlines == maxlines)
		return 1;
	return k->fit >= 0 && (width <= 0 || k->fit + LAID_SPARE <= width);
}

/* The entry of d's cache that stands for text at width in maxlines, or
 * NULL.  h: laid_hash() of its key.  *wide: 1 if the cache has text's
 * natural width (an entry of one line per paragraph, as with no width),
 * too wide for width: then text is to be laid out at width, nothing
 * less.  *whole: text shaped here at no width (line_shape()), or NULL. */
static struct laid *
laid_find(struct dc *d, const char *text, double size, int bold,
    double width, int maxlines, unsigned int h, int *wide,
    struct laid **whole)
{
	struct laid	*k;
	size_t		 i;

	*wide = 0;
	*whole = NULL;
	for (i = h & (LAID_SLOTS - 1); d->laid->slot[i].text != NULL;
	    i = (i + 1) & (LAID_SLOTS - 1)) {
		k = &d->laid->slot[i];
		if (k->hash != h || k->size != size || k->bold != bold ||
		    k->centred || strcmp(k->text, text) != 0)
			continue;
		if (k->ln != NULL && k->width < 0)
			*whole = k;
		if (laid_serves(k, width, maxlines))
			return k;
		if (k->fit >= 0)
			*wide = 1;
	}
	return NULL;
}

/* A free slot of d's cache for text (emptied first if full), keyed;
 * valid until the next call. */
static struct laid *
laid_new(struct dc *d, const char *text, double size, int bold,
    double width, int maxlines, unsigned int h)
{
	struct laidcache *c = d->laid;
	struct laid	*k;
	size_t		 i;

	if (c->n == LAID_MAX)
		laid_clear(c);
	for (i = h & (LAID_SLOTS - 1); c->slot[i].text != NULL;
	    i = (i + 1) & (LAID_SLOTS - 1))
		continue;
	k = &c->slot[i];
	memset(k, 0, sizeof(*k));
	k->text = xstrdup(text);
	k->size = size;
	k->bold = bold;
	k->width = width;
	k->maxlines = maxlines;
	k->hash = h;
	c->n++;
	return k;
}

/* Lays text out into d's cache; the slot is valid until the next
 * call. */
static struct laid *
laid_add(struct dc *d, const char *text, double size, int bold,
    double width, int maxlines, unsigned int h)
{
	struct laid	*k;

	k = laid_new(d, text, size, bold, width, maxlines, h);
	k->l = lay(d, text, size, bold, width, maxlines);
	laid_box(k);
	laid_fit(k);
	return k;
}

/* ---- lines shaped without a layout ---- */

static int
first_font(PangoFontset *fs, PangoFont *f, gpointer arg)
{
	*(PangoFont **)arg = g_object_ref(f);
	return TRUE;
}

/*
 * See chart.h.  It does if no lookup of the font's GSUB or GPOS table may
 * read, match or make its space glyph (harfbuzz's account of the glyphs
 * before, in, after and out of each lookup) and the font has no other
 * table that shapes (kern, morx or mort, Graphite's Silf): then no
 * substitution or positioning reaches across a space.  A line shaped
 * here has no combining mark (line_simple()), which could hang on one.
 */
int
chart_splits_at_spaces(PangoFont *f)
{
	static const hb_tag_t others[] = {
		HB_TAG('k', 'e', 'r', 'n'), HB_TAG('m', 'o', 'r', 'x'),
		HB_TAG('m', 'o', 'r', 't'), HB_TAG('S', 'i', 'l', 'f'),
	};
	static const hb_tag_t layout[] = { HB_OT_TAG_GSUB, HB_OT_TAG_GPOS };
	hb_font_t	*hf = pango_font_get_hb_font(f);
	hb_face_t	*face;
	hb_blob_t	*b;
	hb_set_t	*seen;
	hb_codepoint_t	 space;
	unsigned int	 i, k, n;
	int		 ok;

	if (hf == NULL || !hb_font_get_nominal_glyph(hf, ' ', &space))
		return 0;
	face = hb_font_get_face(hf);
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		b = hb_face_reference_table(face, others[i]);
		ok = hb_blob_get_length(b) == 0;
		hb_blob_destroy(b);
		if (!ok)
			return 0;
	}
	seen = hb_set_create();
	for (i = 0, ok = 1; ok && i < 2; i++) {
		n = hb_ot_layout_table_get_lookup_count(face, layout[i]);
		for (k = 0; ok && k < n; k++) {
			hb_set_clear(seen);
			hb_ot_layout_lookup_collect_glyphs(face, layout[i], k,
			    seen, seen, seen, seen);
			ok = !hb_set_has(seen, space);
		}
	}
	hb_set_destroy(seen);
	return ok;
}

/* The first font of the fontset pango itemizes d's text in, at size,
 * bold or not: the one it takes for every character that font has; NULL
 * if there are too many. */
static struct laidfont *
line_font(struct dc *d, double size, int bold)
{
	struct laidcache *c = d->laid;
	struct laidfont	*lf;
	PangoFontDescription *fd;
	PangoFontset	*fs;
	size_t		 i;

	for (i = 0; i < c->nfont; i++)
		if (c->font[i].size == size && c->font[i].bold == bold)
			return &c->font[i];
	if (c->nfont == LAID_FONTS)
		return NULL;
	lf = &c->font[c->nfont];
	memset(lf, 0, sizeof(*lf));
	lf->size = size;
	lf->bold = bold;
	/* As the labels' layouts have it (lay()). */
	fd = font_desc(FONT_SANS, size,
	    bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	fs = pango_context_load_fontset(d->pc, fd,
	    pango_context_get_language(d->pc));
	pango_font_description_free(fd);
	if (fs != NULL) {
		pango_fontset_foreach(fs, first_font, &lf->font);
		g_object_unref(fs);
	}
	if (lf->font == NULL)
		return NULL;
	/* Sizes of a face share its tables. */
	lf->split = -1;
	for (i = 0; i < c->nfont && lf->split < 0; i++)
		if (hb_font_get_face(pango_font_get_hb_font(c->font[i].font)) ==
		    hb_font_get_face(pango_font_get_hb_font(lf->font)))
			lf->split = c->font[i].split;
	if (lf->split < 0)
		lf->split = chart_splits_at_spaces(lf->font);
	c->nfont++;
	return lf;
}

/*
 * Is text one line that pango makes one item of, in font f, left to
 * right?  Then *script is its script.  Its characters: below U+2100,
 * the Latin script's or common ones (digits, punctuation, spaces: these
 * take the script of the letters around them, and pango picks no font
 * for a space), each non-space one in lf's font, the first pango tries.
 * Nothing that moves the direction (no strong right-to-left character
 * is common below U+2100), no controls, format characters or
 * separators of lines, no emoji presentation, no white space at either
 * end (the SVG writer trims it).
 */
static int
line_has(struct laidfont *lf, gunichar c)
{
	unsigned char	 bit = 1u << (c % 8);

	if (!(lf->known[c / 8] & bit)) {
		lf->known[c / 8] |= bit;
		if (pango_font_has_char(lf->font, c))
			lf->has[c / 8] |= bit;
	}
	return (lf->has[c / 8] & bit) != 0;
}

static int
line_simple(const char *text, struct laidfont *lf, PangoScript *script)
{
	const char	*p;
	gunichar	 c;
	GUnicodeType	 t;
	GUnicodeScript	 sc;

	*script = PANGO_SCRIPT_COMMON;
	if (*text == '\0' || *text == ' ' || text[strlen(text) - 1] == ' ' ||
	    !g_utf8_validate(text, -1, NULL))
		return 0;
	for (p = text; *p != '\0'; p = g_utf8_next_char(p)) {
		c = g_utf8_get_char(p);
		if (c >= LINE_MAXCHAR)
			return 0;
		t = g_unichar_type(c);
		if (t == G_UNICODE_CONTROL || t == G_UNICODE_FORMAT ||
		    t == G_UNICODE_UNASSIGNED || t == G_UNICODE_PRIVATE_USE ||
		    t == G_UNICODE_LINE_SEPARATOR ||
		    t == G_UNICODE_PARAGRAPH_SEPARATOR)
			return 0;
		sc = g_unichar_get_script(c);
		if (sc == G_UNICODE_SCRIPT_LATIN)
			*script = PANGO_SCRIPT_LATIN;
		else if (sc != G_UNICODE_SCRIPT_COMMON)
			return 0;
		if (t != G_UNICODE_SPACE_SEPARATOR && !line_has(lf, c))
			return 0;
	}
	return 1;
}

/*
 * The top and height of the logical box of g's glyphs in lf's font, as
 * pango_glyph_string_extents() has them: the font's own, found once.
 * pangocairo gives each glyph of a font the font's extents as its
 * logical box, with its own advance; only a glyph pango has not found
 * (PANGO_GLYPH_UNKNOWN_FLAG: a hex box) has another, and no glyph, none.
 */
static void
line_box(struct laidfont *lf, PangoGlyphString *g, int *y, int *h)
{
	PangoRectangle	 log;
	int		 i, found = g->num_glyphs > 0;

	for (i = 0; i < g->num_glyphs && found; i++)
		if (g->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			found = 0;
	if (found && lf->hasbox) {
		*y = lf->boxy;
		*h = lf->boxh;
		return;
	}
	pango_glyph_string_extents(g, lf->font, NULL, &log);
	*y = log.y;
	*h = log.height;
	if (found) {
		lf->boxy = log.y;
		lf->boxh = log.height;
		lf->hasbox = 1;
	}
}

/* Appends the glyphs of w to g, their clusters moved by off [bytes]. */
static void
glyphs_append(PangoGlyphString *g, const PangoGlyphString *w, int off)
{
	int	 i, n = g->num_glyphs;

	pango_glyph_string_set_size(g, n + w->num_glyphs);
	memcpy(g->glyphs + n, w->glyphs, w->num_glyphs * sizeof(*w->glyphs));
	for (i = 0; i < w->num_glyphs; i++)
		g->log_clusters[n + i] = w->log_clusters[i] + off;
}

/* text[off, off + n) shaped into g as pango shapes it in an item of
 * analysis a in lf's font, the whole text its paragraph: word by word
 * where lf's font allows (see above); returns its advance [pango
 * units]. */
static int
shape_part(struct laidfont *lf, const char *text, int len, int off, int n,
    const PangoAnalysis *a, PangoGlyphString *g)
{
	PangoGlyphString *w;
	char		 key[WORD_MAXLEN + 1];
	int		 s, e;

	/* font_context() does not round glyph positions. */
	if (!lf->split) {
		pango_shape_with_flags(text + off, n, text, len, a, g,
		    PANGO_SHAPE_NONE);
		return pango_glyph_string_get_width(g);
	}
	if (lf->words == NULL)
		lf->words = g_hash_table_new_full(g_str_hash, g_str_equal,
		    free, (GDestroyNotify)pango_glyph_string_free);
	pango_glyph_string_set_size(g, 0);
	for (s = off; s < off + n; s = e) {
		for (e = s; e < off + n && text[e] != ' '; e++)
			continue;
		while (e < off + n && text[e] == ' ')
			e++;
		if (e - s > WORD_MAXLEN) {
			w = pango_glyph_string_new();
			pango_shape_with_flags(text + s, e - s, text + s,
			    e - s, a, w, PANGO_SHAPE_NONE);
			glyphs_append(g, w, s - off);
			pango_glyph_string_free(w);
			continue;
		}
		memcpy(key, text + s, e - s);
		key[e - s] = '\0';
		if ((w = g_hash_table_lookup(lf->words, key)) == NULL) {
			if (g_hash_table_size(lf->words) == WORDS_MAX)
				g_hash_table_remove_all(lf->words);
			w = pango_glyph_string_new();
			pango_shape_with_flags(key, e - s, key, e - s, a, w,
			    PANGO_SHAPE_NONE);
			g_hash_table_insert(lf->words, xstrdup(key), w);
		}
		glyphs_append(g, w, s - off);
	}
	return pango_glyph_string_get_width(g);
}

/* How many characters from character ci pango keeps on a line W wide
 * [pango units], given the text's break opportunities at and its
 * characters' widths lw as first shaped (nch of them); 0 if no word
 * fits.  The white space a line would end with does not count. */
static int
wrap_break(const PangoLogAttr *at, const int *lw, int ci, int nch, int W)
{
	int	 n, w = 0, brk = 0, extra;

	for (n = 0; ci + n < nch; n++) {
		extra = n > 0 && at[ci + n - 1].is_white ? -lw[ci + n - 1] : 0;
		if (w + extra > W)
			break;
		if (n > 0 && at[ci + n].is_line_break)
			brk = n;
		w += lw[ci + n];
	}
	return brk;
}

/* Appends text[off, off + n) less the spaces it ends with, shaped in g
 * (taken), w [pango units] wide, to the nl lines of *ln. */
static void
line_add(struct lline **ln, int nl, const char *text, int off, int n,
    PangoGlyphString *g, int w)
{
	struct lline	*l;

	*ln = xreallocarray(*ln, nl + 1, sizeof(**ln));
	l = &(*ln)[nl];
	memset(l, 0, sizeof(*l));
	while (n > 0 && text[off + n - 1] == ' ')
		n--;
	l->s = xstrndup(text + off, n);
	l->g = g;
	l->w = (double)w / PANGO_SCALE;
}

/*
 * The lines pango makes of text shaped in analysis a (lf its font), W
 * wide [pango units], in maxlines (0: any) with its wrapping of words
 * (PANGO_WRAP_WORD_CHAR): each line the characters that fit by the
 * widths of the first shaping (whole's, its entry at no width), up to
 * the last break opportunity, then shaped again, the space it ends with
 * of no width.  Returns how many lines, into *ln (caller frees), or 0
 * where pango would do more: break a word, cut the text (ellipsis), end
 * a line with several spaces.  The break opportunities and widths are
 * kept with whole.
 */
static int
text_lines(struct laidfont *lf, const char *text, const PangoAnalysis *a,
    int W, int maxlines, struct laid *whole, struct lline **ln)
{
	PangoGlyphString *g = NULL, *gw = whole->ln[0].g;
	PangoGlyphItem	 gi;
	PangoItem	 it;
	int		 len = (int)strlen(text);
	int		 nch = g_utf8_strlen(text, -1), ci = 0, bi = 0;
	int		 nl = 0, n, nb, w;

	*ln = NULL;
	w = pango_glyph_string_get_width(gw);
	for (;;) {
		if (w <= W) {
			/* The rest shaped, or the whole text. */
			line_add(ln, nl++, text, bi, len - bi,
			    g != NULL ? g : pango_glyph_string_copy(gw), w);
			return nl;
		}
		if ((maxlines > 0 && nl + 1 == maxlines) ||
		    strstr(text, "  ") != NULL)
			goto fail;
		if (whole->at == NULL) {
			whole->at = xcalloc(nch + 1, sizeof(*whole->at));
			pango_get_log_attrs(text, len, -1, a->language,
			    whole->at, nch + 1);
			/* The widths of the whole text's characters, which
			 * pango keeps for all its lines. */
			whole->lw = xcalloc(nch, sizeof(*whole->lw));
			memset(&it, 0, sizeof(it));
			it.length = len;
			it.num_chars = nch;
			it.analysis = *a;
			gi.item = &it;
			gi.glyphs = gw;
			pango_glyph_item_get_logical_widths(&gi, text,
			    whole->lw);
		}
		if ((n = wrap_break(whole->at, whole->lw, ci, nch, W)) == 0)
			goto fail;
		nb = (int)(g_utf8_offset_to_pointer(text + bi, n) - (text + bi));
		if (g == NULL)
			g = pango_glyph_string_new();
		w = shape_part(lf, text, len, bi, nb, a, g);
		if (whole->at[ci + n - 1].is_white && g->num_glyphs > 0)
			w -= g->glyphs[g->num_glyphs - 1].geometry.width;
		if (w > W)
			goto fail;
		line_add(ln, nl++, text, bi, nb, g, w);
		g = pango_glyph_string_new();
		ci += n;
		bi += nb;
		w = shape_part(lf, text, len, bi, len - bi, a, g);
	}
fail:
	for (n = 0; n < nl; n++) {
		free((*ln)[n].s);
		pango_glyph_string_free((*ln)[n].g);
	}
	free(*ln);
	*ln = NULL;
	if (g != NULL)
		pango_glyph_string_free(g);
	return 0;
}

/*
 * text shaped as pango shapes the one item it would make of it, in
 * lines width wide (<= 0: one line, the text shaped as a whole; else
 * from whole, that line's entry), into a new entry of d's cache keyed
 * at width in maxlines; NULL if text is not such a line (line_simple())
 * or pango would do more with it (text_lines()).  Its logical box is
 * its lines' at the left edge, each the glyphs' box: the same font's
 * height, the advance.
 */
static struct laid *
line_shape(struct dc *d, const char *text, double size, int bold,
    double width, int maxlines, unsigned int h, struct laid *whole)
{
	PangoAnalysis	 a;
	PangoGlyphString *g;
	struct laidfont	*lf;
	struct lline	*ln = NULL;
	PangoScript	 script;
	struct laid	*k;
	double		 base, lh;
	int		 i, nl, len, w, by, bh;

	if ((lf = line_font(d, size, bold)) == NULL ||
	    !line_simple(text, lf, &script))
		return NULL;
	memset(&a, 0, sizeof(a));
	a.font = lf->font;
	a.level = 0;
	a.gravity = PANGO_GRAVITY_SOUTH;
	a.script = script;
	/* The context's: it has the Latin script, and the common one
	 * belongs to any language. */
	a.language = pango_context_get_language(d->pc);
	if (width <= 0) {
		width = -1;
		maxlines = 0;
		len = (int)strlen(text);
		g = pango_glyph_string_new();
		w = shape_part(lf, text, len, 0, len, &a, g);
		/* The font's height, with any of its glyphs. */
		line_box(lf, g, &by, &bh);
		line_add(&ln, 0, text, 0, len, g, w);
		nl = 1;
		lh = (double)bh / PANGO_SCALE;
		base = -(double)by / PANGO_SCALE;
	} else {
		nl = text_lines(lf, text, &a, (int)(width * PANGO_SCALE),
		    maxlines, whole, &ln);
		if (nl == 0)
			return NULL;
		lh = whole->lh;
		base = whole->base;
	}
	/* whole may go now (the cache emptied). */
	k = laid_new(d, text, size, bold, width, maxlines, h);
	k->ln = ln;
	k->nln = nl;
	k->font = lf->font;
	k->x = 0;
	for (i = 0, k->w = 0; i < nl; i++)
		k->w = fmax(k->w, ln[i].w);
	k->lh = lh;
	k->base = base;
	k->h = nl * k->lh;
	k->psize = (double)(int)(size * PANGO_SCALE + 0.5) / PANGO_SCALE;
	k->fit = width < 0 ? k->w : -1;
	return k;
}

int	 chart_shape_lines = 1;

/* d's entry for a text too long to keep, emptied: its layout is d's. */
static struct laid *
laid_own(struct dc *d)
{
	if (d->own.l != NULL)
		g_object_unref(d->own.l);
	memset(&d->own, 0, sizeof(d->own));
	return &d->own;
}

/* The entry for text at width in maxlines: made before on the same
 * context, or now (read-only, valid until the next call on d). */
static struct laid *
lay_kept(struct dc *d, const char *text, double size, int bold,
    double width, int maxlines)
{
	struct laid	*k, *whole;
	unsigned int	 h;
	size_t		 len;
	int		 wide, shaped;

	h = laid_hash(text, size, bold, &len);
	if (len > LAID_MAXTEXT) {
		k = laid_own(d);
		k->l = lay(d, text, size, bold, width, maxlines);
		laid_box(k);
		return k;
	}
	if (d->laid == NULL)
		d->laid = laid_get(d->pc);
	if ((k = laid_find(d, text, size, bold, width, maxlines, h,
	    &wide, &whole)) != NULL)
		return k;
	/* A canvas that draws layouts only needs the layout anyway. */
	shaped = chart_shape_lines &&
	    (d->cv == NULL || d->cv->ops->line != NULL);
	/* Its lines at any width start from the whole text shaped. */
	if (shaped && whole == NULL) {
		if ((whole = line_shape(d, text, size, bold, -1, 0, h,
		    NULL)) == NULL)
			shaped = 0;	/* not a line of its own */
		else if (!wide && laid_serves(whole, width, maxlines))
			return whole;
		else
			wide = 1;
	}
	/* Too wide for width: its lines at width. */
	if (shaped && width > 0 &&
	    (k = line_shape(d, text, size, bold, width, maxlines, h,
	    whole)) != NULL)
		return k;
	if (width > 0 && !wide && font_may_fit(text, -1, size, width)) {
		k = laid_add(d, text, size, bold, -1, 0, h);
		if (laid_serves(k, width, maxlines))
			return k;
	}
	return laid_add(d, text, size, bold, width, maxlines, h);
}

/* The layout of text at width in maxlines, its lines centred, made before
 * on the same context or now (read-only, valid until the next call on
 * d): not lay_kept()'s, as a centred line moves with the width. */
static PangoLayout *
lay_centred(struct dc *d, const char *text, double size, int bold,
    double width, int maxlines)
{
	struct laid	*k;
	unsigned int	 h;
	size_t		 i, len;

	h = laid_hash(text, size, bold, &len);
	if (len > LAID_MAXTEXT)
		k = laid_own(d);
	else {
		if (d->laid == NULL)
			d->laid = laid_get(d->pc);
		for (i = h & (LAID_SLOTS - 1); d->laid->slot[i].text != NULL;
		    i = (i + 1) & (LAID_SLOTS - 1)) {
			k = &d->laid->slot[i];
			if (k->centred && k->hash == h && k->size == size &&
			    k->bold == bold && k->width == width &&
			    k->maxlines == maxlines &&
			    strcmp(k->text, text) == 0)
				return k->l;
		}
		k = laid_new(d, text, size, bold, width, maxlines, h);
		k->centred = 1;
		k->fit = -1;
	}
	k->l = lay(d, text, size, bold, width, maxlines);
	pango_layout_set_alignment(k->l, PANGO_ALIGN_CENTER);
	return k->l;
}

/* Text in one go; returns its height and (if wp) width. */
static double
text(struct dc *d, const char *s, double size, int bold, double x, double y,
    enum halign ha, struct rgb c, double width, int maxlines, double *wp)
{
	struct laid	*k;

	k = lay_kept(d, s, size, bold, width, maxlines);
	lshow(d, k, x, y, ha, c);
	if (wp != NULL)
		*wp = k->w;
	return k->h;
}

static void
measure(struct dc *d, const char *s, double size, int bold, double width,
    int maxlines, double *w, double *h)
{
	struct laid	*k;

	k = lay_kept(d, s, size, bold, width, maxlines);
	if (w != NULL)
		*w = k->w;
	if (h != NULL)
		*h = k->h;
}

/* Weights of what a label may cover. */
#define W_SHAPE	1.0	/* a bar, a marker */
#define W_TEXT	20.0	/* another label */

static void
obst_add(struct dc *d, double x, double y, double w, double h,
    double weight)
{
	if (d->nobst == MAX_OBST)
		return;
	d->obst[d->nobst].x = x;
	d->obst[d->nobst].y = y;
	d->obst[d->nobst].w = w;
	d->obst[d->nobst].h = h;
	d->obst[d->nobst].weight = weight;
	d->nobst++;
}

/* Area of r covered by obstacles, plus a penalty for leaving box. */
static double
obst_overlap(const struct dc *d, struct rect r, struct rect box)
{
	double	 a = 0, ox, oy;
	size_t	 i;

	for (i = 0; i < d->nobst; i++) {
		ox = fmin(r.x + r.w, d->obst[i].x + d->obst[i].w) -
		    fmax(r.x, d->obst[i].x);
		oy = fmin(r.y + r.h, d->obst[i].y + d->obst[i].h) -
		    fmax(r.y, d->obst[i].y);
		if (ox > 0 && oy > 0)
			a += ox * oy * d->obst[i].weight;
	}
	if (r.x < box.x || r.y < box.y || r.x + r.w > box.x + box.w ||
	    r.y + r.h > box.y + box.h)
		a += 1e6;
	return a;
}

/* Places a label of size (w, h) at the first of the n candidate top-left
 * corners that overlaps nothing (else the one that overlaps least), and
 * remembers it.  Returns the index chosen. */
static size_t
place(struct dc *d, const double *cx, const double *cy, size_t n, double w,
    double h, struct rect box, double *x, double *y)
{
	struct rect	 r = { 0, 0, 0, 0, 0 };
	double		 best = INFINITY, a;
	size_t		 i, bi = 0;

	for (i = 0; i < n; i++) {
		r.x = cx[i];
		r.y = cy[i];
		r.w = w;
		r.h = h;
		a = obst_overlap(d, r, box);
		if (a < best) {
			best = a;
			bi = i;
		}
		if (a == 0)
			break;
	}
	*x = cx[bi];
	*y = cy[bi];
	obst_add(d, *x, *y, w, h, W_TEXT);
	return bi;
}

/* Diagonal hatching of a rectangle, in colour c. */
static void
hatch(struct dc *d, double x, double y, double w, double h, struct rgb c,
    double gap, double lw)
{
	double	 k;

	if (w <= 0 || h <= 0)
		return;
	CV0(d, save);
	CV(d, rect, x, y, w, h);
	CV0(d, clip);
	for (k = -h; k < w; k += gap) {
		CV(d, move_to, x + k, y + h);
		CV(d, line_to, x + k + h, y);
	}
	set_rgb(d, c);
	CV(d, line_width, lw);
	CV0(d, stroke);
	CV0(d, restore);
}

/* A bar: solid, or, for an illustrative value, hatched with an outline. */
static void
bar(struct dc *d, double x, double y, double w, double h, struct rgb c,
    int illustrative)
{
	const struct rgb white = d->th->ink[INK_BACKGROUND];

	if (h < 0) {
		y += h;
		h = -h;
	}
	if (!illustrative) {
		CV(d, rect, x, y, w, h);
		set_rgb(d, c);
		CV(d, fill, 0);
		return;
	}
	CV(d, rect, x, y, w, h);
	set_rgb(d, white);
	CV(d, fill, 0);
	hatch(d, x, y, w, h, c, 4.5, 1.2);
	CV(d, rect, x + 0.6, y + 0.6, fmax(w - 1.2, 0),
	    fmax(h - 1.2, 0));
	set_rgb(d, c);
	CV(d, line_width, 1.2);
	CV0(d, stroke);
}

/* A line marker: filled, or hollow for an illustrative value. */
static void
marker(struct dc *d, double x, double y, struct rgb c, int illustrative)
{
	const struct rgb white = d->th->ink[INK_BACKGROUND];

	CV(d, circle, x, y, illustrative ? 3.6 : 4);
	if (illustrative) {
		set_rgb(d, white);
		CV(d, fill, 1);
		set_rgb(d, c);
		CV(d, line_width, 1.8);
		CV0(d, stroke);
	} else {
		set_rgb(d, c);
		CV(d, fill, 1);
		set_rgb(d, white);
		CV(d, line_width, 1);
		CV0(d, stroke);
	}
}

/* The status pattern over a filled rectangle, in the background's
 * colour. */
#define DOT_DASH	0.01	/* [pt] */

static void
pattern(struct dc *d, enum pattern p, double x, double y, double w,
    double h)
{
	const struct rgb white = d->th->ink[INK_BACKGROUND];
	static const double dot_dash[2] = { DOT_DASH, 5 - DOT_DASH };
	double	 i, j, k, last;

	CV0(d, save);
	CV(d, rect, x, y, w, h);
	CV0(d, clip);
	set_rgb(d, white);
	CV(d, line_width, 1.3);
	switch (p) {
	case PAT_SOLID:
		break;
	case PAT_DIAGONAL:
		for (i = -h; i < w; i += 5) {
			CV(d, move_to, x + i, y + h);
			CV(d, line_to, x + i + h, y);
		}
		CV0(d, stroke);
		break;
	case PAT_CROSS:
		for (i = -h; i < w; i += 6) {
			CV(d, move_to, x + i, y + h);
			CV(d, line_to, x + i + h, y);
			CV(d, move_to, x + i, y);
			CV(d, line_to, x + i + h, y + h);
		}
		CV0(d, stroke);
		break;
	case PAT_HORIZONTAL:
		for (j = y + 2.5; j < y + h; j += 5) {
			CV(d, move_to, x, j);
			CV(d, line_to, x + w, j);
		}
		CV0(d, stroke);
		break;
	case PAT_DOTS:
		/* Dots of radius 1.1 every 5 pt, odd rows shifted: a row
		 * is one dashed line, dashes of almost no length with round
		 * caps (four curves a dot is much more to write in an SVG
		 * file or a PDF page). */
		for (j = y + 2.5; j < y + h; j += 5) {
			i = x + 2.5 + (fmod((j - y - 2.5) / 5, 2) ? 2.5 : 0);
			for (last = i, k = i; k < x + w; k += 5)
				last = k;
			if (i >= x + w)
				continue;
			CV(d, move_to, i - DOT_DASH / 2, j);
			CV(d, line_to, last + DOT_DASH / 2, j);
		}
		CV(d, line_width, 2.2);
		CV(d, cap, CANVAS_CAP_ROUND);
		CV(d, dash, dot_dash);
		CV0(d, stroke);
		break;
	default:
		abort();
	}
	CV0(d, restore);
}

static void
status_box(struct dc *d, enum status st, double x, double y, double w,
    double h)
{
	CV(d, rect, x, y, w, h);
	set_rgb(d, d->th->status[st]);
	CV(d, fill, 0);
	pattern(d, status_pattern[st], x, y, w, h);
}

/* Text colour that reads on a fill: dark on light fills, the background's
 * on dark. */
static struct rgb
on_fill(struct dc *d, struct rgb fill)
{
	const struct rgb white = d->th->ink[INK_BACKGROUND];

	return theme_contrast(fill, white) >= 4.5 ? white : d->th->text;
}

static void
hline(struct dc *d, double x0, double x1, double y, struct rgb c, double lw)
{
	CV(d, move_to, x0, y);
	CV(d, line_to, x1, y);
	set_rgb(d, c);
	CV(d, line_width, lw);
	CV0(d, stroke);
}

static void
vline(struct dc *d, double x, double y0, double y1, struct rgb c, double lw)
{
	CV(d, move_to, x, y0);
	CV(d, line_to, x, y1);
	set_rgb(d, c);
	CV(d, line_width, lw);
	CV0(d, stroke);
}

/*
 * Grid lines are drawn as one path, in one stroke, before their labels:
 * one SVG element (one PDF operator) for all of them where it was one
 * each.  The lines and labels never overlap, so the order does not
 * show.  grid_line() adds a line to the path, grid_stroke() strokes the
 * path if it has n lines.
 */
static void
grid_line(struct dc *d, double x0, double y0, double x1, double y1)
{
	CV(d, move_to, x0, y0);
	CV(d, line_to, x1, y1);
}

static void
grid_stroke(struct dc *d, int n)
{
	if (n == 0)
		return;
	set_rgb(d, d->th->grid);
	CV(d, line_width, 0.6);
	CV0(d, stroke);
}

/* ---- legends ---- */

enum swatch {
	SW_BOX,		/* a filled box in colour c */
	SW_HATCH,	/* a hatched box: illustrative bar */
	SW_HOLLOW,	/* a hollow marker: illustrative point */
	SW_STATUS	/* a status box with its pattern */
};

struct legend_item {
	enum swatch	 sw;
	struct rgb	 c;
	enum status	 st;
	const char	*label;
};

/* Draws the items from (x, y) within width w, wrapping between items (a
 * label longer than the width wraps itself).  Returns the height used.
 * With draw 0, only measures. */
static double
legend(struct dc *d, const struct legend_item *it, size_t n, double x,
    double y, double w, int draw)
{
	const struct theme *th = d->th;
	double	 cx = x, cy = y, lw, lh, sw = 11, rowh = 0, iw;
	size_t	 i;

	for (i = 0; i < n; i++) {
		measure(d, it[i].label, th->size_label, 0, w - sw - 5, 3,
		    &lw, &lh);
		iw = sw + 5 + lw;
		if (cx > x && cx + iw > x + w) {
			cx = x;
			cy += rowh + 4;
			rowh = 0;
		}
		if (draw) {
			switch (it[i].sw) {
			case SW_BOX:
				bar(d, cx, cy + (lh - sw) / 2, sw, sw, it[i].c,
				    0);
				break;
			case SW_HATCH:
				bar(d, cx, cy + (lh - sw) / 2, sw, sw, it[i].c,
				    1);
				break;
			case SW_HOLLOW:
				marker(d, cx + sw / 2, cy + lh / 2, it[i].c, 1);
				break;
			case SW_STATUS:
				status_box(d, it[i].st, cx, cy + (lh - sw) / 2,
				    sw, sw);
				break;
			default:
				abort();
			}
			text(d, it[i].label, th->size_label, 0, cx + sw + 5,
			    cy, HA_LEFT, th->text, w - sw - 5, 3, NULL);
		}
		cx += iw + 14;
		if (lh > rowh)
			rowh = lh;
	}
	return n > 0 ? cy - y + rowh : 0;
}

/* Lines a chart's heading or source may take: two, and on the narrow
 * variant as many as hold what two lines hold 640 pt wide (wider than
 * the full-width drawing and the PDF's column), so that the narrow
 * variant cuts no text the others show. */
static int
wrap_lines(double w)
{
	return w > CHART_NARROW_WIDTH ? 2 : (int)(2 * 640.0 / w);
}

/* "Source : …" under a chart, in wrap_lines() lines; returns the height.
 * With draw 0, only measures. */
static double
source(struct dc *d, const struct indicator *ind, double y, double w,
    int draw)
{
	char	*s;
	double	 h = 0;

	if (ind->source == NULL || ind->source[0] == '\0')
		return 0;
	s = xasprintf(T("Source" NBSP ": %s"), ind->source);
	if (draw)
		h = text(d, s, d->th->size_note, 0, 0, y, HA_LEFT, d->th->muted,
		    w, wrap_lines(w), NULL);
	else
		measure(d, s, d->th->size_note, 0, w, wrap_lines(w), NULL, &h);
	free(s);
	return h;
}

/* ---- time series: line or bars ---- */

/* The vertical scale of a plot. */
struct yscale {
	double	 lo, hi;	/* [data] / divisor */
	double	 top, bot;	/* [pt] */
	double	 div;
};

static double
ymap(const struct yscale *s, double v)
{
	return s->bot - (v / s->div - s->lo) / (s->hi - s->lo) *
	    (s->bot - s->top);
}

/* Y axis: grid lines and tick labels at the left of [left, right]. */
static void
yaxis(struct dc *d, const struct ticks *t, const struct yscale *s,
    double left, double right)
{
	char	 num[64];
	double	 v, y, h;
	int	 i, n = 0;

	for (i = 0; i < t->n; i++) {
		v = t->first + i * t->step;
		if (fabs(v) > t->step * 1e-6) {
			y = ymap(s, v * s->div);
			grid_line(d, left, y, right, y);
			n++;
		}
	}
	grid_stroke(d, n);
	for (i = 0; i < t->n; i++) {
		v = t->first + i * t->step;
		y = ymap(s, v * s->div);
		fmt_tick(num, sizeof(num), v, t);
		measure(d, num, d->th->size_tick, 0, -1, 0, NULL, &h);
		text(d, num, d->th->size_tick, 0, left - 5, y - h / 2,
		    HA_RIGHT, d->th->muted, -1, 0, NULL);
	}
}

/* Widest tick label [pt]. */
static double
ticks_width(struct dc *d, const struct ticks *t)
{
	char	 num[64];
	double	 w, max = 0;
	int	 i;

	for (i = 0; i < t->n; i++) {
		fmt_tick(num, sizeof(num), t->first + i * t->step, t);
		measure(d, num, d->th->size_tick, 0, -1, 0, &w, NULL);
		if (w > max)
			max = w;
	}
	return max;
}

/* Year labels under slots [x0 + k * slot], every step-th one, the
 * edition year always and in bold. */
static void
xyears(struct dc *d, int first, int ny, int year, double x0, double slot,
    double y)
{
	char	 s[16];
	double	 w;
	int	 k, step;

	measure(d, "2016", d->th->size_tick, 1, -1, 0, &w, NULL);
	step = (int)ceil((w + 6) / slot);
	if (step < 1)
		step = 1;
	for (k = 0; k < ny; k++) {
		if (first + k != year && ((ny - 1 - k) % step != 0 ||
		    (year - (first + k) < step && first + k != year)))
			continue;
		snprintf(s, sizeof(s), "%d", first + k);
		text(d, s, d->th->size_tick, first + k == year,
		    x0 + (k + 0.5) * slot, y, HA_CENTRE,
		    first + k == year ? d->th->text : d->th->muted, -1, 0,
		    NULL);
	}
}

#define NREF	16	/* candidate places of a reference label */

/* The NREF candidate places of a reference label of size (w, h) on the
 * line at y: along it, above then below, from the preferred end. */
static void
ref_spots(double *cx, double *cy, double y, double w, double h,
    double left, double right, int target)
{
	double	 f;
	size_t	 i;

	for (i = 0; i < NREF; i++) {
		f = (double)(i / 2) / (NREF / 2 - 1);
		cx[i] = target ? right - w - 2 - f * (right - left - w - 6) :
		    left + 4 + f * (right - left - w - 6);
		cy[i] = i % 2 == 0 ? y - h - 2 : y + 2;
	}
}

/* Whether one of n candidate places of a (w, h) label stays in box and
 * covers no other label (it may cover shapes). */
static int
spot_free(const struct dc *d, const double *cx, const double *cy, size_t n,
    double w, double h, struct rect box)
{
	size_t	 i, k;

	for (i = 0; i < n; i++) {
		if (cx[i] < box.x || cy[i] < box.y ||
		    cx[i] + w > box.x + box.w || cy[i] + h > box.y + box.h)
			continue;
		for (k = 0; k < d->nobst; k++)
			if (d->obst[k].weight >= W_TEXT &&
			    fmin(cx[i] + w, d->obst[k].x + d->obst[k].w) >
			    fmax(cx[i], d->obst[k].x) &&
			    fmin(cy[i] + h, d->obst[k].y + d->obst[k].h) >
			    fmax(cy[i], d->obst[k].y))
				break;
		if (k == d->nobst)
			return 1;
	}
	return 0;
}

/* A horizontal reference line (target or baseline) with its label,
 * placed where it hides nothing; on two lines when on one it would
 * cover another label or leave the plot (a narrow chart, where it is
 * about as wide as the plot). */
static void
refline(struct dc *d, const struct indicator *ind, const struct point *p,
    const char *what, const struct yscale *s, double left, double right,
    int target)
{
	struct rect	 box = { 0, 0, 0, 0, 0 };
	char		 num[64], *label;
	double		 y, w, h, cx[NREF], cy[NREF], x, ly, lw = -1;
	static const double dash[2] = { 5, 3 };
	static const double dots[2] = { 1.5, 2.5 };

	y = ymap(s, p->v);
	CV0(d, save);
	CV(d, dash, target ? dash : dots);
	hline(d, left, right, y, target ? d->th->target : d->th->muted,
	    target ? 1.4 : 1.2);
	CV0(d, restore);
	chart_fmt(num, sizeof(num), p->v, ind->unit);
	label = xasprintf(T("%s%s %d" NBSP ": %s"), what,
	    p->illustrative ? T(" illustrative") : "", p->year, num);
	measure(d, label, d->th->size_label, 0, -1, 0, &w, &h);
	box.x = left;
	box.y = s->top - h - 4;
	box.w = right - left;
	box.h = s->bot - box.y;
	ref_spots(cx, cy, y, w, h, left, right, target);
	if (!spot_free(d, cx, cy, NREF, w, h, box)) {
		lw = ceil(w * 0.6);
		measure(d, label, d->th->size_label, 0, lw, 2, &w, &h);
		ref_spots(cx, cy, y, w, h, left, right, target);
	}
	place(d, cx, cy, NREF, w, h, box, &x, &ly);
	CV(d, rect, x - 2, ly, w + 4, h);
	set_rgba(d, d->th->ink[INK_BACKGROUND], 0.85);
	CV(d, fill, 0);
	text(d, label, d->th->size_label, 0, x, ly, HA_LEFT,
	    target ? d->th->target : d->th->muted, lw, lw < 0 ? 0 : 2, NULL);
	free(label);
}

/* The range of the values a chart plots, with 0 always in it. */
struct vrange {
	double	 lo, hi;
	int	 integral;	/* every value is a whole number */
	int	 illu;		/* a value is illustrative */
};

/* Widens r to hold v. */
static void
vrange_add(struct vrange *r, const struct value *v)
{
	r->lo = fmin(r->lo, v->v);
	r->hi = fmax(r->hi, v->v);
	if (v->v != rint(v->v))
		r->integral = 0;
	if (v->illustrative)
		r->illu = 1;
}

/* Widens r to hold a target or a baseline. */
static void
vrange_point(struct vrange *r, const struct point *p)
{
	r->lo = fmin(r->lo, p->v);
	r->hi = fmax(r->hi, p->v);
}

/* The divisor of the values of r on the axis, and its words. */
static double
vrange_unit(const struct indicator *ind, const struct vrange *r,
    const char **words)
{
	double	 amax;

	amax = fmax(fabs(r->lo), fabs(r->hi));
	return fmt_axis_unit(ind->unit, amax, words);
}

/* A plot with one slot per year from first, ny years: its scale, its
 * edges and the zero line [pt] in a chart w wide. */
struct yplot {
	struct ticks	 t;
	struct yscale	 ys;
	int		 first, ny;
	double		 w, left, right, slot, y0;
};

/* The centre of year's slot [pt]. */
static double
slot_x(const struct yplot *p, int year)
{
	return p->left + (year - p->first + 0.5) * p->slot;
}

/*
 * The plot area of a chart over p->ny years, below top [pt] of a p->w ×
 * h chart: draws the source at the foot, leaves room for the year
 * labels above it, and sets the y ticks and scale for the values of r /
 * div, the edges of the plot and the width of one year's slot.
 */
static void
year_frame(struct dc *d, const struct indicator *ind, double h, double top,
    const struct vrange *r, double div, struct yplot *p)
{
	double	 sh, yh, bot, w = p->w;

	sh = source(d, ind, 0, w, 0);
	measure(d, "2016", d->th->size_tick, 1, -1, 0, NULL, &yh);
	bot = h - (sh > 0 ? sh + PAD : 0) - yh - 6;
	if (bot < top + 40)
		bot = top + 40;
	source(d, ind, h - sh, w, 1);
	chart_ticks(r->lo / div, r->hi / div, (int)fmax(2, fmin(8,
	    (bot - top) / 38)), r->integral && div == 1 ? 1 : 0, &p->t);
	p->ys.lo = p->t.first;
	p->ys.hi = p->t.last;
	p->ys.top = top;
	p->ys.bot = bot;
	p->ys.div = div;
	p->left = ticks_width(d, &p->t) + 8;
	p->right = w - 4;
	p->slot = (w - 4 - p->left) / p->ny;
	p->y0 = ymap(&p->ys, 0);
}

/* The edition year's band (from y, bh high) among other years, the
 * grid with the y ticks, and the years under the plot. */
static void
year_axes(struct dc *d, const struct yplot *p, int year, double y,
    double bh)
{
	if (p->ny > 1) {
		CV(d, rect, p->left + (year - p->first) * p->slot,
		    y, p->slot, bh);
		set_rgb(d, d->th->highlight);
		CV(d, fill, 0);
	}
	yaxis(d, &p->t, &p->ys, p->left, p->right);
	xyears(d, p->first, p->ny, year, p->left, p->slot, p->ys.bot + 5);
}

/* The range of a time series up to year, with its baseline and target. */
static void
series_range(const struct indicator *ind, int year, size_t n,
    struct vrange *r)
{
	const struct series *s = &ind->series[0];
	size_t		 i;

	for (i = 0; i < n; i++)
		vrange_add(r, &s->vals[i]);
	if (ind->target.set)
		vrange_point(r, &ind->target);
	if (ind->baseline.set && ind->baseline.year <= year)
		vrange_point(r, &ind->baseline);
}

/* Above a time series: the legend of illustrative values if any, then
 * the unit's words.  Sets *lh, a value label's height; returns the top
 * of the plot. */
static double
series_head(struct dc *d, const struct indicator *ind, const char *words,
    int illu, double w, double *lh)
{
	const struct theme *th = d->th;
	struct legend_item li[1];
	double		 top = 0, uh;

	if (illu) {
		li[0].sw = ind->chart == CHART_BAR ? SW_HATCH : SW_HOLLOW;
		li[0].c = th->series[0];
		li[0].label = T("Valeur illustrative (non issue d’une source "
		    "publiée)");
		top += legend(d, li, 1, 0, 0, w, 1) + PAD;
	}
	uh = text(d, words, th->size_tick, 0, 0, top, HA_LEFT, th->muted, w,
	    1, NULL);
	measure(d, "0", th->size_label, 0, -1, 0, NULL, lh);
	top += uh + *lh + 6;
	return top;
}

/* Years without a value are gaps, said so, never zeros. */
static void
series_gaps(struct dc *d, const struct series *s, const struct yplot *p,
    double lh)
{
	int	 k;

	for (k = 0; k < p->ny; k++) {
		if (series_at(s, p->first + k) != NULL)
			continue;
		text(d, T("n. d."), d->th->size_note, 0, p->left + (k + 0.5) *
		    p->slot, p->y0 - (p->t.first < 0 ? -3 : lh + 2), HA_CENTRE,
		    d->th->muted, -1, 0, NULL);
	}
}

/* The first n values of s as bars bw wide. */
static void
series_bars(struct dc *d, const struct series *s, size_t n,
    const struct yplot *p, double bw)
{
	const struct value *v;
	size_t		 i;
	double		 x, y;

	for (i = 0; i < n; i++) {
		v = &s->vals[i];
		x = p->left + (v->year - p->first + 0.5) * p->slot - bw / 2;
		y = ymap(&p->ys, v->v);
		bar(d, x, p->y0, bw, y - p->y0, d->th->series[0],
		    v->illustrative);
		obst_add(d, x, fmin(y, p->y0), bw, fabs(y - p->y0), W_SHAPE);
	}
}

/* The segment from value pv to the next year's v, dashed if either is
 * illustrative; labels keep off it: boxes along it. */
static void
series_segment(struct dc *d, const struct value *pv, const struct value *v,
    const struct yplot *p)
{
	static const double dash[2] = { 4, 3 };
	double		 ax, ay, bx, by;
	int		 k, steps;

	CV0(d, save);
	if (v->illustrative || pv->illustrative)
		CV(d, dash, dash);
	ax = slot_x(p, pv->year);
	ay = ymap(&p->ys, pv->v);
	bx = slot_x(p, v->year);
	by = ymap(&p->ys, v->v);
	CV(d, move_to, ax, ay);
	CV(d, line_to, bx, by);
	steps = (int)fmin(fmax(hypot(bx - ax, by - ay) / 6, 1), 40);
	for (k = 0; k <= steps; k++)
		obst_add(d, ax + (bx - ax) * k / steps - 2,
		    ay + (by - ay) * k / steps - 2, 4, 4, W_SHAPE * 4);
	set_rgb(d, d->th->series[0]);
	CV0(d, stroke);
	CV0(d, restore);
}

/* The first n values of s as a line, broken where a year has none, with
 * a marker at each value. */
static void
series_line(struct dc *d, const struct series *s, size_t n,
    const struct yplot *p)
{
	const struct value *v;
	size_t		 i;
	double		 x, y;

	CV(d, line_width, 2);
	CV(d, join, CANVAS_JOIN_ROUND);
	for (i = 1; i < n; i++)
		if (s->vals[i].year == s->vals[i - 1].year + 1)
			series_segment(d, &s->vals[i - 1], &s->vals[i], p);
	for (i = 0; i < n; i++) {
		v = &s->vals[i];
		x = slot_x(p, v->year);
		y = ymap(&p->ys, v->v);
		marker(d, x, y, d->th->series[0], v->illustrative);
		obst_add(d, x - 5, y - 5, 10, 10, W_SHAPE);
	}
}

/* Whether the labels of the first n values all fit their slot on a
 * bar chart. */
static int
series_labels_fit(struct dc *d, const struct indicator *ind, size_t n,
    double slot)
{
	const struct series *s = &ind->series[0];
	char		 num[64];
	double		 lw;
	size_t		 i;

	if (ind->chart != CHART_BAR)
		return 0;
	for (i = 0; i < n; i++) {
		chart_fmt(num, sizeof(num), s->vals[i].v, ind->unit);
		measure(d, num, d->th->size_label, 0, -1, 0, &lw, NULL);
		if (lw > slot - 4)
			return 0;
	}
	return 1;
}

/* The candidate places of an lw × lh label of value v at (x, y), kept
 * inside the chart: above or in a bar, around a point.  Returns how
 * many. */
static size_t
value_spots(const struct indicator *ind, const struct value *v, double x,
    double y, double lw, double lh, double w, double *cx, double *cy)
{
	size_t	 i, k;

	if (ind->chart == CHART_BAR) {
		cx[0] = x - lw / 2;
		cy[0] = v->v >= 0 ? y - lh - 1 : y + 1;
		cx[1] = x - lw / 2;
		cy[1] = v->v >= 0 ? y + 2 : y - lh - 2;
		k = 2;
	} else {
		cx[0] = x - lw / 2;
		cy[0] = y - lh - 5;
		cx[1] = x - lw - 7;
		cy[1] = y - lh - 2;
		cx[2] = x + 7;
		cy[2] = y - lh / 2;
		cx[3] = x - lw / 2;
		cy[3] = y + 5;
		k = 4;
	}
	for (i = 0; i < k; i++) {
		if (cx[i] + lw > w)
			cx[i] = w - lw;
		if (cx[i] < 0)
			cx[i] = 0;
	}
	return k;
}

/* Values: every bar's if all labels fit their slot, else the last, in
 * bold, each where it covers least within box. */
static void
series_values(struct dc *d, const struct indicator *ind, size_t n,
    const struct yplot *p, struct rect box)
{
	const struct value *v;
	char		 num[64];
	double		 x, y, lw, lh, lx, ly, cx[4], cy[4];
	size_t		 i, k;

	i = series_labels_fit(d, ind, n, p->slot) ? 0 : n - 1;
	for (; i < n; i++) {
		v = &ind->series[0].vals[i];
		chart_fmt(num, sizeof(num), v->v, ind->unit);
		measure(d, num, d->th->size_label, i == n - 1, -1, 0, &lw,
		    &lh);
		x = slot_x(p, v->year);
		y = ymap(&p->ys, v->v);
		k = value_spots(ind, v, x, y, lw, lh, p->w, cx, cy);
		place(d, cx, cy, k, lw, lh, box, &lx, &ly);
		text(d, num, d->th->size_label, i == n - 1, lx, ly, HA_LEFT,
		    d->th->text, -1, 0, NULL);
	}
}

static void
draw_series(struct dc *d, const struct indicator *ind, int year, double w,
    double h)
{
	const struct series *s = &ind->series[0];
	struct vrange	 r = { 0, 0, 1, 0 };
	struct yplot	 p;
	struct rect	 box = { 0, 0, 0, 0, 0 };
	size_t		 n;
	double		 div, top, lh, bw;
	const char	*words;

	n = chart_upto(s, year);
	p.first = s->vals[0].year;
	if (ind->baseline.set && ind->baseline.year <= year &&
	    ind->baseline.year < p.first)
		p.first = ind->baseline.year;
	p.ny = year - p.first + 1;
	p.w = w;
	series_range(ind, year, n, &r);
	div = vrange_unit(ind, &r, &words);

	/* Top: legend, unit; bottom: years, source. */
	top = series_head(d, ind, words, r.illu, w, &lh);
	year_frame(d, ind, h, top, &r, div, &p);
	bw = fmin(p.slot * 0.62, 56);
	year_axes(d, &p, year, top - lh - 4, p.ys.bot - top + lh + 4);
	box.y = top - lh - 4;
	box.w = w;
	box.h = p.ys.bot - box.y;

	series_gaps(d, s, &p, lh);
	if (ind->chart == CHART_BAR)
		series_bars(d, s, n, &p, bw);
	else
		series_line(d, s, n, &p);
	hline(d, p.left, p.right, p.y0, d->th->axis, 1);
	series_values(d, ind, n, &p, box);
	if (ind->baseline.set && ind->baseline.year <= year)
		refline(d, ind, &ind->baseline, T("Référence"), &p.ys, p.left,
		    p.right, 0);
	if (ind->target.set)
		refline(d, ind, &ind->target, T("Cible"), &p.ys, p.left,
		    p.right, 1);
}

/* ---- categories: stacked bars per year ---- */

/* The range of the stacks: the sums of the positive and of the negative
 * values of each year, and the target. */
static void
stacked_range(const struct indicator *ind, const struct yplot *p,
    struct vrange *r)
{
	const struct value *v;
	size_t		 i;
	int		 k;
	double		 pos, neg;

	for (k = 0; k < p->ny; k++) {
		pos = neg = 0;
		for (i = 0; i < ind->nseries; i++) {
			if ((v = series_at(&ind->series[i], p->first + k)) ==
			    NULL)
				continue;
			if (v->v >= 0)
				pos += v->v;
			else
				neg += v->v;
			if (v->v != rint(v->v))
				r->integral = 0;
			if (v->illustrative)
				r->illu = 1;
		}
		r->lo = fmin(r->lo, neg);
		r->hi = fmax(r->hi, pos);
	}
	if (ind->target.set)
		vrange_point(r, &ind->target);
}

/* Above the stacks: the categories' legend, then the unit's words.
 * Sets *lh, a value label's height; returns the top of the plot. */
static double
stacked_head(struct dc *d, const struct indicator *ind, const char *words,
    int illu, double w, double *lh)
{
	const struct theme *th = d->th;
	struct legend_item *li;
	size_t		 i, nli = 0;
	double		 top, uh;

	li = xcalloc(ind->nseries + 1, sizeof(*li));
	for (i = 0; i < ind->nseries; i++) {
		li[nli].sw = SW_BOX;
		li[nli].c = th->series[i % THEME_NSERIES];
		li[nli++].label = ind->series[i].label;
	}
	if (illu) {
		li[nli].sw = SW_HATCH;
		li[nli].c = th->muted;
		li[nli++].label = T("Valeur illustrative");
	}
	top = legend(d, li, nli, 0, 0, w, 1) + PAD;
	free(li);
	uh = text(d, words, th->size_tick, 0, 0, top, HA_LEFT, th->muted, w,
	    1, NULL);
	measure(d, "0", th->size_label, 0, -1, 0, NULL, lh);
	top += uh + 6;
	return top;
}

/* The segment of value v of category i from ya to yb in the bar at x,
 * bw wide, with the value inside if it fits.  Sets *lh, the height of
 * the value's label. */
static void
stacked_segment(struct dc *d, const struct indicator *ind, size_t i,
    const struct value *v, double x, double bw, double ya, double yb,
    double *lh)
{
	const struct theme *th = d->th;
	char		 num[64];
	double		 lw;
	int		 fits;

	bar(d, x, ya, bw, yb - ya, th->series[i % THEME_NSERIES],
	    v->illustrative);
	/* A seam of the background between segments. */
	hline(d, x, x + bw, yb, th->ink[INK_BACKGROUND], 1);
	chart_fmt(num, sizeof(num), v->v, ind->unit);
	measure(d, num, th->size_tick, 0, -1, 0, &lw, lh);
	fits = fabs(yb - ya) >= *lh + 1 && lw <= bw - 2;
	if (fits && v->illustrative) {
		CV(d, rect, x + bw / 2 - lw / 2 - 2,
		    (ya + yb) / 2 - *lh / 2, lw + 4, *lh);
		set_rgb(d, th->ink[INK_BACKGROUND]);
		CV(d, fill, 0);
	}
	if (fits)
		text(d, num, th->size_tick, 0, x + bw / 2, (ya + yb) / 2 -
		    *lh / 2, HA_CENTRE, v->illustrative ? th->text :
		    on_fill(d, th->series[i % THEME_NSERIES]), -1, 0, NULL);
}

/* The stack of the year first + k, bw wide: positive values up from
 * zero, negative ones down, "n. d." if none.  *lh is the height of the
 * last label measured, and set to the next. */
static void
stacked_year(struct dc *d, const struct indicator *ind,
    const struct yplot *p, int k, double bw, double *lh)
{
	const struct value *v;
	size_t		 i;
	double		 x, pos = 0, neg = 0, ya, yb;
	int		 any = 0;

	x = p->left + (k + 0.5) * p->slot - bw / 2;
	for (i = 0; i < ind->nseries; i++) {
		if ((v = series_at(&ind->series[i], p->first + k)) == NULL)
			continue;
		any = 1;
		if (v->v >= 0) {
			ya = ymap(&p->ys, pos);
			pos += v->v;
			yb = ymap(&p->ys, pos);
		} else {
			ya = ymap(&p->ys, neg);
			neg += v->v;
			yb = ymap(&p->ys, neg);
		}
		stacked_segment(d, ind, i, v, x, bw, ya, yb, lh);
	}
	if (!any)
		text(d, T("n. d."), d->th->size_note, 0, x + bw / 2,
		    p->y0 - *lh - 2, HA_CENTRE, d->th->muted, -1, 0, NULL);
}

static void
draw_stacked(struct dc *d, const struct indicator *ind, int year, double w,
    double h)
{
	struct vrange	 r = { 0, 0, 1, 0 };
	struct yplot	 p;
	int		 last, k;
	double		 div, top, lh, bw;
	const char	*words;

	chart_year_span(ind, year, &p.first, &last);
	p.ny = year - p.first + 1;
	p.w = w;
	stacked_range(ind, &p, &r);
	div = vrange_unit(ind, &r, &words);
	top = stacked_head(d, ind, words, r.illu, w, &lh);
	year_frame(d, ind, h, top, &r, div, &p);
	bw = fmin(p.slot * 0.62, 72);
	year_axes(d, &p, year, top - 4, p.ys.bot - top + 4);
	for (k = 0; k < p.ny; k++)
		stacked_year(d, ind, &p, k, bw, &lh);
	hline(d, p.left, p.right, p.y0, d->th->axis, 1);
	if (ind->target.set)
		refline(d, ind, &ind->target, T("Cible"), &p.ys, p.left,
		    p.right, 1);
}

/* ---- categories: horizontal bars for the latest year ---- */

/* Fixed parts of the horizontal bar chart [pt]. */
#define HBAR_ROW	34.0	/* one category, two lines of label */
#define HBAR_ROW_MIN	16.0	/* one category, one line of label */
#define HBAR_FIXED	96.0	/* header, legend, ticks, unit, source */

/* The layout of a horizontal bar chart [pt]: n rows rowh high from top,
 * the categories' labels in labw, the bars' scale from left to right
 * with zero at x0. */
struct hplot {
	struct ticks	 t;
	size_t		 n;
	int		 maxlines;	/* of a category's label */
	double		 div, top, rowh, labw, left, right, x0;
	double		 tickh;		/* a tick label's height */
};

/* The x [pt] of value v / div on the bars' scale. */
static double
hbar_x(const struct hplot *p, double v)
{
	return p->left + (v - p->t.first) / (p->t.last - p->t.first) *
	    (p->right - p->left);
}

/* The range of the values of the year last; returns the width of the
 * widest value label. */
static double
hbar_range(struct dc *d, const struct indicator *ind, int last,
    struct vrange *r)
{
	const struct value *v;
	char		 num[64];
	double		 vw, maxvw = 0;
	size_t		 i;

	for (i = 0; i < ind->nseries; i++) {
		if ((v = series_at(&ind->series[i], last)) == NULL)
			continue;
		vrange_add(r, v);
		chart_fmt(num, sizeof(num), v->v, ind->unit);
		measure(d, num, d->th->size_label, 0, -1, 0, &vw, NULL);
		maxvw = fmax(maxvw, vw);
	}
	return maxvw;
}

/* Above the bars: the year shown, the legend of illustrative values if
 * any.  Returns the top of the rows. */
static double
hbar_head(struct dc *d, int year, int last, int illu, double w)
{
	const struct theme *th = d->th;
	struct legend_item li[1];
	char		*head;
	double		 top;

	head = last == year ? xasprintf("En %d", last) :
	    xasprintf(T("En %d (dernière année connue)"), last);
	top = text(d, head, th->size_label, 1, 0, 0, HA_LEFT, th->text, w, 1,
	    NULL) + PAD;
	free(head);
	if (illu) {
		li[0].sw = SW_HATCH;
		li[0].c = th->series[0];
		li[0].label = T("Valeur illustrative (non issue d’une source "
		    "publiée)");
		top += legend(d, li, 1, 0, top, w, 1) + PAD;
	}
	return top;
}

/* Draws the source at the foot and fits the rows above the ticks and
 * the unit's words; sets *lh, the height of a line of label. */
static void
hbar_rows(struct dc *d, const struct indicator *ind, const char *words,
    double w, double h, struct hplot *p, double *lh)
{
	const struct theme *th = d->th;
	double		 sh, uh, bot;

	sh = source(d, ind, 0, w, 0);
	source(d, ind, h - sh, w, 1);
	measure(d, "0", th->size_tick, 0, -1, 0, NULL, &p->tickh);
	measure(d, words, th->size_tick, 0, w, 1, NULL, &uh);
	bot = h - (sh > 0 ? sh + PAD : 0) - uh - p->tickh - 8;
	p->rowh = fmin((bot - p->top) / (double)p->n, 38);
	if (p->rowh < 8)
		p->rowh = 8;
	measure(d, "Ag", th->size_label, 0, -1, 0, NULL, lh);
	p->maxlines = p->rowh >= 2 * *lh + 2 ? 2 : 1;
}

/* The label column: as wide as the longest label, at most 40 %; the
 * bars' room right of it, leaving maxvw for a value label. */
static void
hbar_columns(struct dc *d, const struct indicator *ind, double w,
    double maxvw, struct hplot *p)
{
	double	 lw;
	size_t	 i;

	p->labw = 0;
	for (i = 0; i < p->n; i++) {
		measure(d, ind->series[i].label, d->th->size_label, 0, -1, 0,
		    &lw, NULL);
		p->labw = fmax(p->labw, lw);
	}
	p->labw = fmin(p->labw, w * 0.4);
	p->left = p->labw + 10;
	p->right = w - maxvw - 8;
}

/* The ticks of the values of r / div under the rows, their grid, and the
 * unit's words. */
static void
hbar_axis(struct dc *d, const struct vrange *r, const char *words,
    double w, struct hplot *p)
{
	const struct theme *th = d->th;
	char		 num[64];
	double		 tv, tx, yb = p->top + p->n * p->rowh;
	size_t		 i;
	int		 n = 0;

	chart_ticks(r->lo / p->div, r->hi / p->div, (int)fmax(2, fmin(8,
	    (p->right - p->left) / 70)), 0, &p->t);
	p->x0 = hbar_x(p, 0);
	for (i = 0; (int)i < p->t.n; i++) {
		tv = p->t.first + i * p->t.step;
		if (fabs(tv) > p->t.step * 1e-6) {
			tx = hbar_x(p, tv);
			grid_line(d, tx, p->top, tx, yb);
			n++;
		}
	}
	grid_stroke(d, n);
	for (i = 0; (int)i < p->t.n; i++) {
		tv = p->t.first + i * p->t.step;
		tx = hbar_x(p, tv);
		fmt_tick(num, sizeof(num), tv, &p->t);
		text(d, num, th->size_tick, 0, tx, yb + 3, HA_CENTRE,
		    th->muted, -1, 0, NULL);
	}
	text(d, words, th->size_tick, 0, p->right, yb + 3 + p->tickh + 2,
	    HA_RIGHT, th->muted, w, 1, NULL);
}

/* Row i: the category's label, its bar bh high and its value in the
 * year last, or "n. d.".  *lh is the height of the last label measured,
 * and set to the next. */
static void
hbar_row(struct dc *d, const struct indicator *ind, size_t i, int last,
    const struct hplot *p, double bh, double *lh)
{
	const struct theme *th = d->th;
	const struct series *s = &ind->series[i];
	const struct value *v;
	char		 num[64];
	double		 y, x1, hh, lw;

	y = p->top + i * p->rowh;
	measure(d, s->label, th->size_label, 0, p->labw, p->maxlines, NULL,
	    &hh);
	text(d, s->label, th->size_label, 0, 0, y + (p->rowh - hh) / 2,
	    HA_LEFT, th->text, p->labw, p->maxlines, NULL);
	if ((v = series_at(s, last)) == NULL) {
		text(d, T("n. d."), th->size_note, 0, p->x0 + 4,
		    y + (p->rowh - *lh) / 2, HA_LEFT, th->muted, -1, 0, NULL);
		return;
	}
	x1 = hbar_x(p, v->v / p->div);
	bar(d, fmin(p->x0, x1), y + (p->rowh - bh) / 2, fabs(x1 - p->x0), bh,
	    th->series[0], v->illustrative);
	chart_fmt(num, sizeof(num), v->v, ind->unit);
	measure(d, num, th->size_label, 0, -1, 0, &lw, lh);
	text(d, num, th->size_label, 0, v->v >= 0 ? x1 + 4 : x1 - 4 - lw,
	    y + (p->rowh - *lh) / 2, HA_LEFT, th->text, -1, 0, NULL);
}

static void
draw_hbar(struct dc *d, const struct indicator *ind, int year, double w,
    double h)
{
	struct vrange	 r = { 0, 0, 1, 0 };
	struct hplot	 p;
	size_t		 i;
	int		 first, last;
	double		 maxvw, lh, bh;
	const char	*words;

	chart_year_span(ind, year, &first, &last);
	p.n = ind->nseries;
	maxvw = hbar_range(d, ind, last, &r);
	p.div = vrange_unit(ind, &r, &words);
	p.top = hbar_head(d, year, last, r.illu, w);
	hbar_rows(d, ind, words, w, h, &p, &lh);
	hbar_columns(d, ind, w, maxvw, &p);
	hbar_axis(d, &r, words, w, &p);
	bh = fmin(p.rowh * 0.62, 18);
	for (i = 0; i < p.n; i++)
		hbar_row(d, ind, i, last, &p, bh, &lh);
	vline(d, p.x0, p.top, p.top + p.n * p.rowh, d->th->axis, 1);
}

/* ---- no data ---- */

static void
draw_nodata(struct dc *d, const struct indicator *ind, int year, double w,
    double h)
{
	const struct theme *th = d->th;
	char	 num[64], *line;
	double	 sh, ph, h1, h2, h3 = 0, y;

	sh = source(d, ind, 0, w, 0);
	source(d, ind, h - sh, w, 1);
	ph = h - (sh > 0 ? sh + PAD : 0);
	CV(d, rect, 0.5, 0.5, w - 1, ph - 1);
	set_rgb(d, th->panel);
	CV(d, fill, 1);
	set_rgb(d, th->grid);
	CV(d, line_width, 1);
	CV0(d, stroke);

	line = xasprintf(T("Aucune valeur publiée pour cet indicateur jusqu’en "
	    "%d."), year);
	measure(d, T("Aucune donnée"), th->size_title, 1, w - 24, 1, NULL, &h1);
	measure(d, line, th->size_label, 0, w - 24, 2, NULL, &h2);
	if (ind->target.set) {
		chart_fmt(num, sizeof(num), ind->target.v, ind->unit);
		free(line);
		line = xasprintf(T("Aucune valeur publiée pour cet indicateur "
		    "jusqu’en %d.\nCible%s %d" NBSP ": %s."), year,
		    ind->target.illustrative ? " illustrative" : "",
		    ind->target.year, num);
		measure(d, line, th->size_label, 0, w - 24, 3, NULL, &h2);
	}
	y = (ph - h1 - 4 - h2 - h3) / 2;
	text(d, T("Aucune donnée"), th->size_title, 1, w / 2, y, HA_CENTRE,
	    th->muted, w - 24, 1, NULL);
	set_rgb(d, th->muted);
	CV(d, move_to, 12, y + h1 + 4);
	CV(d, text, lay_centred(d, line, th->size_label, 0, w - 24, 3), 0);
	free(line);
}

/* ---- indicator charts ---- */

/*
 * A drawing context on cv (NULL to measure only) and pc; caller frees
 * with dc_free().  Not zeroed: obst[] (20 KB) is read only below nobst,
 * and clearing it cost more than drawing a chart heading.
 */
static struct dc *
dc_new(struct canvas *cv, PangoContext *pc)
{
	struct dc	*d;

	d = xmalloc(sizeof(*d));
	d->cv = cv;
	d->pc = pc;
	d->th = theme_get();
	d->nobst = 0;
	d->laid = NULL;
	d->own.l = NULL;
	return d;
}

/* Frees d (from dc_new()); the layouts it kept stay with the context. */
static void
dc_free(struct dc *d)
{
	if (d->own.l != NULL)
		g_object_unref(d->own.l);
	free(d);
}

double
chart_height(const struct indicator *ind, int year, double w)
{
	int	 first, last;
	size_t	 chars = 0, i;
	double	 h;

	if (!chart_year_span(ind, year, &first, &last))
		return fmin(fmax(w * 0.25, 110), 170);
	if (ind->chart == CHART_HBAR)
		return HBAR_FIXED + ind->nseries * HBAR_ROW;
	h = fmin(fmax(w * 9 / 16, 220), 420);
	if (ind->chart == CHART_STACKED) {
		/* Legend lines, about 5 pt per character. */
		for (i = 0; i < ind->nseries; i++)
			chars += strlen(ind->series[i].label) + 6;
		h += 16 * floor(chars * 5.0 / w);
	}
	return h;
}

double
chart_height_min(const struct indicator *ind, int year, double w)
{
	int	 first, last;
	double	 h = chart_height(ind, year, w);

	if (!chart_year_span(ind, year, &first, &last))
		return h;
	if (ind->chart == CHART_HBAR)
		return fmin(h, HBAR_FIXED + ind->nseries * HBAR_ROW_MIN);
	/* The plot takes 220 to 420 pt of chart_height(); 180 will do. */
	return fmin(h, h - fmin(fmax(w * 9 / 16, 220), 420) + 180);
}

void
chart_draw(struct canvas *cv, PangoContext *pc, const struct indicator *ind,
    int year, double w, double h)
{
	struct dc	*d;
	int		 first, last;

	d = dc_new(cv, pc);
	CV0(d, save);
	CV(d, cap, CANVAS_CAP_BUTT);
	if (!chart_year_span(ind, year, &first, &last))
		draw_nodata(d, ind, year, w, h);
	else if (!ind->categories)
		draw_series(d, ind, year, w, h);
	else if (ind->chart == CHART_HBAR)
		draw_hbar(d, ind, year, w, h);
	else
		draw_stacked(d, ind, year, w, h);
	CV0(d, restore);
	dc_free(d);
}

/* The status legend: the plan's scale (scale_legend()), with counts if
 * cnt. */
static double
status_legend(struct dc *d, const struct report *r, const size_t *cnt,
    double x, double y, double w, int draw)
{
	struct legend_item li[STATUS__MAX];
	char	*lab[STATUS__MAX];
	enum status sts[STATUS__MAX];
	double	 h;
	size_t	 i, n;

	memset(li, 0, sizeof(li));
	n = scale_legend(&r->plan, cnt, sts);
	for (i = 0; i < n; i++) {
		li[i].sw = SW_STATUS;
		li[i].st = sts[i];
		lab[i] = cnt != NULL ? xasprintf("%s (%zu)",
		    status_name(&r->plan, sts[i]), cnt[sts[i]]) :
		    xstrdup(status_name(&r->plan, sts[i]));
		li[i].label = lab[i];
	}
	h = legend(d, li, n, x, y, w, draw);
	for (i = 0; i < n; i++)
		free(lab[i]);
	return h;
}

/* Tile geometry of the status overview for width w. */
#define TILE		34.0
#define TILE_GAP	6.0

static size_t
tiles_per_row(double w, double tile)
{
	size_t	 n = (size_t)((w + TILE_GAP) / (tile + TILE_GAP));

	return n > 0 ? n : 1;
}

/* Tile size for the status overview at width w when avail [pt] is left
 * for the tiles: the fewest rows, with tiles no smaller than 80 % of
 * TILE unless the height asks for it.  Returns the number of rows. */
static size_t
tile_layout(const struct report *r, double w, double avail, double *tile,
    size_t *per)
{
	size_t	 i, rows, bestrows = (size_t)-1;
	double	 t, best = 0;

	for (t = TILE; t > 12; t -= 1) {
		*per = tiles_per_row(w, t);
		for (i = 0, rows = 0; i < r->plan.nprios; i++)
			rows += (r->plan.prios[i].nmeasures + *per - 1) / *per;
		if (rows * (t + TILE_GAP) <= avail && (best == 0 ||
		    (rows < bestrows && t >= TILE * 0.8))) {
			best = t;
			bestrows = rows;
		}
	}
	*tile = best > 0 ? best : 12;
	*per = tiles_per_row(w, *tile);
	for (i = 0, rows = 0; i < r->plan.nprios; i++)
		rows += (r->plan.prios[i].nmeasures + *per - 1) / *per;
	return rows;
}

double
chart_height_status(const struct report *r, const struct edition *e,
    double w)
{
	size_t	 rows, per;
	double	 tile;

	/* The legend takes one line, two below 520 pt, four on the
	 * narrow variant. */
	rows = tile_layout(r, w, INFINITY, &tile, &per);
	return 24 + (w <= CHART_NARROW_WIDTH ? 54 : w < 520 ? 18 : 0) +
	    plan_groups(&r->plan) * 16 + r->plan.nprios * 10 +
	    rows * (tile + TILE_GAP) + 4;
}

static int
cmp_tile(const void *a, const void *b)
{
	const int *x = a, *y = b;

	/* status * 100000 + number (numbers below 100000) */
	return (*x > *y) - (*x < *y);
}

/* A priority's heading in the status overview: "Priorité I · title",
 * or NULL for the implicit one of a plan of one level.  The caller frees
 * it. */
static char *
prio_head(const struct report *r, const struct priority *p)
{
	char	*lab, *s;

	if (plan_flat(&r->plan))
		return NULL;
	lab = level_label(&r->plan, 0, p->num, " ");
	s = xasprintf("%s · %s", lab, p->title);
	free(lab);
	return s;
}

/* How the status overview is laid out: priorities in ncols columns of
 * width cw (headings on up to lines lines), tiles of size tile, per in
 * a row. */
struct tiles {
	size_t	 ncols, per;
	double	 cw, tile;
	int	 lines;
};

#define COL_GAP	18.0

/* The height of the priorities from to to in one column of t. */
static double
column_height(struct dc *d, const struct report *r, size_t from, size_t to,
    const struct tiles *t)
{
	const struct priority *p;
	double	 h = 0, hh;
	char	*head;

	for (; from < to; from++) {
		p = &r->plan.prios[from];
		if ((head = prio_head(r, p)) != NULL) {
			measure(d, head, d->th->size_label, 1, t->cw,
			    t->lines, NULL, &hh);
			h += hh + 6;
		}
		free(head);
		h += ((p->nmeasures + t->per - 1) / t->per) *
		    (t->tile + TILE_GAP) + 8;
	}
	return h;
}

/*
 * Priorities in columns, when one column of tiles no smaller than 14 pt
 * does not fit the height avail: the fewest columns (up to 4) where
 * they do, with the largest tiles; a heading there may take two lines.
 * Returns 0 to keep one column.
 */
static int
tile_columns(struct dc *d, const struct report *r, double w, double avail,
    double lh, struct tiles *t)
{
	size_t	 n = r->plan.nprios, k, c;
	double	 tile, hmax;

	t->ncols = 1;
	t->lines = 1;
	t->cw = w;
	tile_layout(r, w, avail - plan_groups(&r->plan) * (lh + 6) - n * 8,
	    &t->tile, &t->per);
	if (t->tile >= 14 && column_height(d, r, 0, n, t) <= avail)
		return 0;
	for (t->ncols = 2; t->ncols <= 4 && t->ncols <= n; t->ncols++) {
		t->cw = (w - (t->ncols - 1) * COL_GAP) / t->ncols;
		t->lines = 2;
		k = (n + t->ncols - 1) / t->ncols;
		for (tile = TILE; tile >= 14; tile -= 1) {
			t->tile = tile;
			t->per = tiles_per_row(t->cw, tile);
			for (c = 0, hmax = 0; c * k < n; c++)
				hmax = fmax(hmax, column_height(d, r, c * k,
				    c * k + k < n ? c * k + k : n, t));
			if (hmax <= avail)
				return 1;
		}
	}
	/* Nothing fits: the smallest tiles in the most columns. */
	t->ncols = n < 4 ? n : 4;
	t->cw = (w - (t->ncols - 1) * COL_GAP) / t->ncols;
	t->tile = 12;
	t->per = tiles_per_row(t->cw, t->tile);
	return 1;
}

/* One priority's heading and tiles at (x, y); returns the height. */
static double
draw_prio_tiles(struct dc *d, const struct report *r, const struct edition *e,
    const struct priority *p, double x0, double y0, const struct tiles *t,
    const size_t *rank, const enum status *sts)
{
	const struct theme *th = d->th;
	double		 y = y0, hh, x, ty, tile = t->tile;
	int		*keys;
	char		*head;
	const char	*num;
	enum status	 st;
	size_t		 j, per = t->per;

	if ((head = prio_head(r, p)) != NULL) {
		hh = text(d, head, th->size_label, 1, x0, y, HA_LEFT,
		    th->text, t->cw, t->lines, NULL);
		y += hh + 6;
	}
	free(head);
	/* Best status first (the scale's order), then plan order. */
	keys = xcalloc(p->nmeasures + 1, sizeof(*keys));
	for (j = 0; j < p->nmeasures; j++)
		keys[j] = (int)rank[chart_status_of(p->measures[j], e->year)] *
		    100000 + (int)p->measures[j]->index;
	qsort(keys, p->nmeasures, sizeof(*keys), cmp_tile);
	for (j = 0; j < p->nmeasures; j++) {
		st = sts[keys[j] / 100000];
		x = x0 + (j % per) * (tile + TILE_GAP);
		ty = y + (j / per) * (tile + TILE_GAP);
		status_box(d, st, x, ty, tile, tile);
		CV(d, circle, x + tile / 2, ty + tile / 2, tile * 0.31);
		set_rgb(d, th->ink[INK_BACKGROUND]);
		CV(d, fill, 0);
		num = r->plan.measures[keys[j] % 100000].num;
		measure(d, num, tile * 0.3, 1, -1, 0, NULL, &hh);
		text(d, num, tile * 0.3, 1, x + tile / 2, ty + (tile - hh) / 2,
		    HA_CENTRE, th->text, -1, 0, NULL);
	}
	free(keys);
	return y - y0 + ((p->nmeasures + per - 1) / per) * (tile + TILE_GAP) +
	    8;
}

void
chart_draw_status(struct canvas *cv, PangoContext *pc, const struct report *r,
    const struct edition *e, double w, double h)
{
	struct dc	*d;
	struct tiles	 t;
	size_t		 cnt[STATUS__MAX], i, k, nst, rank[STATUS__MAX];
	double		 y, top, lh;
	enum status	 sts[STATUS__MAX];

	d = dc_new(cv, pc);
	CV0(d, save);
	chart_count_status(r, e->year, cnt);
	nst = scale_legend(&r->plan, cnt, sts);
	memset(rank, 0, sizeof(rank));
	for (i = 0; i < nst; i++)
		rank[sts[i]] = i;
	y = status_legend(d, r, cnt, 0, 0, w, 1) + PAD + 4;
	measure(d, "Ag", d->th->size_label, 1, -1, 0, NULL, &lh);

	/* Tiles as large as fit, up to TILE, in columns if need be. */
	tile_columns(d, r, w, h - y, lh, &t);
	k = (r->plan.nprios + t.ncols - 1) / t.ncols;
	for (i = 0, top = y; i < r->plan.nprios; i++) {
		if (i > 0 && i % k == 0)
			y = top;
		y += draw_prio_tiles(d, r, e, &r->plan.prios[i],
		    (i / k) * (t.cw + COL_GAP), y, &t, rank, sts);
	}
	CV0(d, restore);
	dc_free(d);
}

/* ---- progress across editions ---- */

/* Editions up to e. */
static size_t
eds_upto(const struct report *r, const struct edition *e)
{
	size_t	 n;

	for (n = 0; n < r->neds && r->eds[n].year <= e->year; n++)
		continue;
	return n;
}

#define PROG_ROW	40.0

static void	draw_progress(struct canvas *, PangoContext *, const struct report *,
		    const struct edition *, double, double, int);

double
chart_height_progress(const struct report *r, const struct edition *e,
    double w)
{
	return 24 + (w < 520 ? 18 : 0) + eds_upto(r, e) * PROG_ROW + 60;
}

void
chart_draw_progress(struct canvas *cv, PangoContext *pc, const struct report *r,
    const struct edition *e, double w, double h)
{
	draw_progress(cv, pc, r, e, w, h, 1);
}

/* The layout of the progress chart [pt]: n editions' rows rowh high
 * from top, bars bh high from left to right spanning total measures. */
struct pplot {
	struct ticks	 t;
	size_t		 n, total;
	double		 top, rowh, bh, left, right;
	double		 tickh;		/* a tick label's height */
};

/* "Source : …" at the foot of an h high chart; returns its height. */
static double
progress_source(struct dc *d, const struct edition *e, double w, double h)
{
	char	*src;
	double	 sh;

	src = e->assessor != NULL ? xasprintf(T("Source" NBSP
	    ": appréciations %s."), e->assessor) :
	    xstrdup(T("Source" NBSP ": appréciations de l’évaluation."));
	measure(d, src, d->th->size_note, 0, w, 1, NULL, &sh);
	text(d, src, d->th->size_note, 0, 0, h - sh, HA_LEFT, d->th->muted,
	    w, 1, NULL);
	free(src);
	return sh;
}

/* The bar spans all the measures: ticks up to the total, which is
 * marked too unless a tick falls close to it; the unit under them. */
static void
progress_axis(struct dc *d, const struct report *r, struct pplot *p)
{
	const struct theme *th = d->th;
	struct buf	 unit = { NULL, 0, 0 };
	char		 num[32];
	double		 tv, tx;
	size_t		 i;

	chart_ticks(0, (double)p->total, (int)fmax(2, fmin(8,
	    (p->right - p->left) / 60)), 1, &p->t);
	for (i = 0; (int)i <= p->t.n; i++) {
		tv = (int)i < p->t.n ? p->t.first + i * p->t.step : p->total;
		if (tv > p->total + 1e-9 || ((int)i == p->t.n && p->total -
		    floor(p->total / p->t.step + 1e-9) * p->t.step <
		    p->t.step / 2))
			continue;
		tx = p->left + tv / p->total * (p->right - p->left);
		vline(d, tx, p->top, p->top + p->n * p->rowh, th->grid, 0.6);
		fmt_tick(num, sizeof(num), tv, &p->t);
		text(d, num, th->size_tick, 0, tx, p->top + p->n * p->rowh + 3,
		    HA_CENTRE, th->muted, -1, 0, NULL);
	}
	chart_put_lower(&unit, r->plan.levels[r->plan.nlevels - 1].plural);
	text(d, unit.data, th->size_tick, 0, p->right, p->top + p->n *
	    p->rowh + 5 + p->tickh, HA_RIGHT, th->muted, -1, 0, NULL);
	buf_free(&unit);
}

/* The part of status st, count measures, sw wide from x in the row at y,
 * with the count in a disc if it fits.  Sets *lh, the count's height. */
static void
progress_part(struct dc *d, const struct pplot *p, enum status st,
    size_t count, double x, double y, double sw, double *lh)
{
	const struct theme *th = d->th;
	char		 num[32];
	double		 lw;

	status_box(d, st, x, y + (p->rowh - p->bh) / 2, sw, p->bh);
	snprintf(num, sizeof(num), "%zu", count);
	measure(d, num, th->size_tick, 1, -1, 0, &lw, lh);
	if (lw + 6 <= sw) {
		CV(d, circle, x + sw / 2, y + p->rowh / 2,
		    fmax(lw, *lh) / 2 + 2);
		set_rgb(d, th->ink[INK_BACKGROUND]);
		CV(d, fill, 0);
		text(d, num, th->size_tick, 1, x + sw / 2,
		    y + (p->rowh - *lh) / 2, HA_CENTRE, th->text, -1, 0, NULL);
	}
	/* A seam of the background between statuses. */
	vline(d, x + sw, y + (p->rowh - p->bh) / 2, y + (p->rowh + p->bh) / 2,
	    th->ink[INK_BACKGROUND], 1.5);
}

/* Row i: the edition's year, in bold if it is e, and its measures by
 * status.  *lh is the height of the last label measured, and set to
 * the next. */
static void
progress_row(struct dc *d, const struct report *r, const struct edition *e,
    size_t i, const struct pplot *p, double *lh)
{
	const struct theme *th = d->th;
	size_t		 cnt[STATUS__MAX], l, nst;
	enum status	 st, sts[STATUS__MAX];
	char		 num[32];
	double		 x, y, sw;

	y = p->top + i * p->rowh;
	chart_count_status(r, r->eds[i].year, cnt);
	snprintf(num, sizeof(num), "%d", r->eds[i].year);
	text(d, num, th->size_label, r->eds[i].year == e->year, 0,
	    y + (p->rowh - *lh) / 2, HA_LEFT, r->eds[i].year == e->year ?
	    th->text : th->muted, -1, 0, NULL);
	x = p->left;
	nst = scale_legend(&r->plan, cnt, sts);
	for (l = 0; l < nst; l++) {
		st = sts[l];
		if (cnt[st] == 0)
			continue;
		sw = (double)cnt[st] / p->total * (p->right - p->left);
		progress_part(d, p, st, cnt[st], x, y, sw, lh);
		x += sw;
	}
}

/* The progress chart, with its legend and source if full (not when it
 * sits under the status overview, which has them). */
static void
draw_progress(struct canvas *cv, PangoContext *pc, const struct report *r,
    const struct edition *e, double w, double h, int full)
{
	struct dc	*d;
	const struct theme *th;
	struct pplot	 p;
	size_t		 i;
	double		 lh, yw, sh;

	d = dc_new(cv, pc);
	th = d->th;
	CV0(d, save);
	p.n = eds_upto(r, e);
	p.total = r->plan.nmeasures;
	p.top = full ? status_legend(d, r, NULL, 0, 0, w, 1) + PAD + 4 : 0;
	measure(d, "2016", th->size_label, 1, -1, 0, &yw, &lh);
	measure(d, "0", th->size_tick, 0, -1, 0, NULL, &p.tickh);
	sh = full ? progress_source(d, e, w, h) : 0;
	p.rowh = fmin((h - p.top - sh - 2 * p.tickh - 20) /
	    (double)(p.n > 0 ? p.n : 1), PROG_ROW);
	p.bh = fmin(p.rowh * 0.7, 26);
	p.left = yw + 12;
	p.right = w - 12;
	if (p.total == 0)
		p.total = 1;
	progress_axis(d, r, &p);
	for (i = 0; i < p.n; i++)
		progress_row(d, r, e, i, &p, &lh);
	vline(d, p.left, p.top, p.top + p.n * p.rowh, th->axis, 1);
	CV0(d, restore);
	dc_free(d);
}

/* ---- the synthesis sheet ---- */

#define SHEET_M		36.0	/* [pt] the sheet's margin */

/* The sheet's heading: title, subtitle, institution and date, and a
 * rule.  Returns the y under it. */
static double
sheet_heading(struct dc *d, const struct report *r, const struct edition *e)
{
	const struct theme *th = d->th;
	const double	 W = CHART_SHEET_WIDTH, M = SHEET_M;
	double		 y;
	char		*s, date[64];

	y = M;
	s = xasprintf("%s %d", e->title, e->year);
	y += text(d, s, 20, 1, M, y, HA_LEFT, th->text, W - 2 * M, 2, NULL);
	free(s);
	fmt_date(date, sizeof(date), e->date);
	s = xasprintf("%s — %s, %s", e->subtitle != NULL ? e->subtitle :
	    r->plan.short_title, e->institution, date);
	y += 4 + text(d, s, th->size_label + 1, 0, M, y + 4, HA_LEFT,
	    th->muted, W - 2 * M, 2, NULL);
	free(s);
	y += 10;
	hline(d, M, W - M, y, th->grid, 1);
	y += 14;
	return y;
}

/* Left, from y, colw wide: the status overview under its title, and
 * below it, if there is room, the statuses edition by edition.  Returns
 * the y where the overview starts. */
static double
sheet_statuses(struct dc *d, const struct report *r,
    const struct edition *e, double y, double colw)
{
	const struct theme *th = d->th;
	const double	 H = CHART_SHEET_HEIGHT, M = SHEET_M;
	double		 h, oy, sth, py, ph;
	char		*s;

	s = chart_title_status(r, e);
	h = text(d, s, th->size_title, 1, M, y, HA_LEFT, th->text, colw, 1,
	    NULL);
	free(s);
	oy = y + h + 8;
	sth = fmin(chart_height_status(r, e, colw), H - M - 24 - oy);
	CV0(d, save);
	CV(d, translate, M, oy);
	chart_draw_status(d->cv, d->pc, r, e, colw, sth);
	CV0(d, restore);
	py = oy + sth + 8;
	ph = H - M - 30 - py;
	if (eds_upto(r, e) > 1 && ph >= 40 + eds_upto(r, e) * 24) {
		s = chart_title_progress(r, e);
		py += text(d, s, th->size_label + 1, 1, M, py, HA_LEFT,
		    th->text, colw, 1, NULL) + 6;
		free(s);
		CV0(d, save);
		CV(d, translate, M, py);
		draw_progress(d->cv, d->pc, r, e, colw, fmin(H - M - 30 - py,
		    eds_upto(r, e) * PROG_ROW + 36), 0);
		CV0(d, restore);
	}
	return oy;
}

/* The heights of key figure f, its value in size vs, within w. */
static void
sheet_fig_size(struct dc *d, const struct chart_fig *f, double vs,
    double w, double *vh, double *lh, double *dh)
{
	measure(d, f->value, vs, 1, w, 1, NULL, vh);
	measure(d, f->label, d->th->size_label, 1, w, 2, NULL, lh);
	measure(d, f->detail, d->th->size_note, 0, w, 2, NULL, dh);
}

/* As many key figures as fit in avail (three at least), then smaller
 * values.  Sets *n, how many, and *vs, the values' size; returns the
 * height they take. */
static double
sheet_figs_fit(struct dc *d, const struct chart_fig *f, size_t *n,
    double figw, double avail, double *vs)
{
	double	 need, vh, lh, dh;
	size_t	 i;

	for (*vs = d->th->size_figure;;) {
		for (i = 0, need = 0; i < *n; i++) {
			sheet_fig_size(d, &f[i], *vs, figw - 12, &vh, &lh,
			    &dh);
			need += vh + lh + dh + 2 + 14;
		}
		if (need <= avail)
			break;
		if (*n > 3)
			(*n)--;
		else if (*vs > 12)
			*vs -= 2;
		else
			break;
	}
	return need;
}

/* Key figure f at (x, y), figw wide, its value in size vs, with a bar
 * at its left.  Returns its height. */
static double
sheet_fig(struct dc *d, const struct chart_fig *f, double x, double y,
    double figw, double vs)
{
	const struct theme *th = d->th;
	double		 vh, lh, dh, boxh;

	sheet_fig_size(d, f, vs, figw - 12, &vh, &lh, &dh);
	boxh = vh + lh + dh + 2;
	CV(d, rect, x, y + 2, 3, boxh - 4);
	set_rgb(d, th->series[0]);
	CV(d, fill, 0);
	text(d, f->value, vs, 1, x + 12, y, HA_LEFT, th->series[0], figw - 12,
	    1, NULL);
	text(d, f->label, th->size_label, 1, x + 12, y + vh, HA_LEFT, th->text,
	    figw - 12, 2, NULL);
	text(d, f->detail, th->size_note, 0, x + 12, y + vh + lh + 2, HA_LEFT,
	    th->muted, figw - 12, 2, NULL);
	return boxh;
}

/* Right, from x: the key figures under their title at y, the figures
 * from fy, spread over the room left. */
static void
sheet_figures(struct dc *d, const struct report *r,
    const struct edition *e, double x, double y, double fy)
{
	const struct theme *th = d->th;
	struct chart_fig f[CHART_MAX_FIGS];
	const double	 W = CHART_SHEET_WIDTH, H = CHART_SHEET_HEIGHT;
	const double	 M = SHEET_M;
	double		 figw, avail, need, vs, gap;
	size_t		 n, nall, i;

	figw = W - M - x;
	text(d, T("Chiffres clés"), th->size_title, 1, x, y, HA_LEFT, th->text,
	    figw, 1, NULL);
	nall = n = chart_key_figures(r, e, f);
	avail = H - M - 24 - fy;
	need = sheet_figs_fit(d, f, &n, figw, avail, &vs);
	gap = 14 + fmin((avail - need) / (n > 0 ? n : 1), 16);
	for (i = 0; i < n; i++)
		fy += sheet_fig(d, &f[i], x, fy, figw, vs) + gap;
	chart_figs_free(f, nall);
}

/* The source at the foot of the sheet. */
static void
sheet_footer(struct dc *d, const struct report *r, const struct edition *e)
{
	const double	 W = CHART_SHEET_WIDTH, H = CHART_SHEET_HEIGHT;
	const double	 M = SHEET_M;
	char		*s, *w;
	double		 h;

	w = level_word(&r->plan, r->plan.nlevels - 1, 1);
	s = xasprintf(T("Source" NBSP ": %s. Le détail des %s, des "
	    "indicateurs et de leurs sources figure dans le rapport."),
	    e->institution, w);
	free(w);
	measure(d, s, d->th->size_note, 0, W - 2 * M, 2, NULL, &h);
	text(d, s, d->th->size_note, 0, M, H - M - h, HA_LEFT, d->th->muted,
	    W - 2 * M, 2, NULL);
	free(s);
}

/* The "Projet" mark across a draft's sheet. */
static void
sheet_draft(struct dc *d)
{
	PangoLayout	*l;
	PangoRectangle	 log;
	double		 lw, lh;

	CV0(d, save);
	CV(d, translate, CHART_SHEET_WIDTH / 2, CHART_SHEET_HEIGHT / 2);
	CV(d, rotate, -M_PI / 8);
	l = lay(d, T("PROJET"), 110, 1, -1, 0);
	pango_layout_get_extents(l, NULL, &log);
	lw = (double)log.width / PANGO_SCALE;
	lh = (double)log.height / PANGO_SCALE;
	set_rgba(d, d->th->ink[INK_DRAFT_MARK], 0.12);
	CV(d, move_to, -lw / 2, -lh / 2);
	CV(d, text, l, 1);
	g_object_unref(l);
	CV0(d, restore);
}

void
chart_draw_sheet(struct canvas *cv, PangoContext *pc, const struct report *r,
    const struct edition *e, int draft)
{
	struct dc	*d;
	const double	 W = CHART_SHEET_WIDTH, M = SHEET_M;
	double		 y, colw, fy;

	d = dc_new(cv, pc);
	CV0(d, save);
	set_rgb(d, d->th->ink[INK_BACKGROUND]);
	CV0(d, paint);
	y = sheet_heading(d, r, e);
	/* Left: the status overview; right: key figures. */
	colw = (W - 2 * M) * 0.56;
	fy = sheet_statuses(d, r, e, y, colw);
	sheet_figures(d, r, e, M + colw + 28, y, fy);
	sheet_footer(d, r, e);
	if (draft)
		sheet_draft(d);
	CV0(d, restore);
	dc_free(d);
}

/* ---- headings of standalone charts ---- */

void
chart_heading_init(struct chart_heading *hd, PangoContext *pc,
    const char *title, double w)
{
	struct dc	*d;

	d = dc_new(NULL, pc);
	hd->pc = pc;
	hd->title = xstrdup(title);
	hd->w = w;
	/* Titles repeat between measures (an indicator followed in each):
	 * kept with the labels. */
	measure(d, title, d->th->size_title, 1, w, wrap_lines(w), NULL,
	    &hd->h);
	hd->h += 10;
	dc_free(d);
}

double
chart_heading_draw(struct canvas *cv, const struct chart_heading *hd)
{
	struct dc	*d;

	d = dc_new(cv, hd->pc);
	text(d, hd->title, d->th->size_title, 1, 0, 0, HA_LEFT, d->th->text,
	    hd->w, wrap_lines(hd->w), NULL);
	dc_free(d);
	return hd->h;
}

void
chart_heading_free(struct chart_heading *hd)
{
	free(hd->title);
	hd->title = NULL;
}

double
chart_heading_height(PangoContext *pc, const char *title, double w)
{
	struct chart_heading hd;
	double		 h;

	chart_heading_init(&hd, pc, title, w);
	h = hd.h;
	chart_heading_free(&hd);
	return h;
}

double
chart_draw_heading(struct canvas *cv, PangoContext *pc, const char *title,
    double w)
{
	struct chart_heading hd;
	double		 h;

	chart_heading_init(&hd, pc, title, w);
	h = chart_heading_draw(cv, &hd);
	chart_heading_free(&hd);
	return h;
}
