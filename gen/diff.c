/*
 * What a change of the content does to the report: the content folder
 * under review compared with a base (the main branch's content), as a
 * reviewer of a merge request reads it.  Reports measures whose status
 * or justification changed, values added, changed or removed per
 * indicator and year, indicators, measures, editions and parts added or
 * removed, what a measure or an indicator says besides (title, label,
 * source, target...) changed, and narratives changed: words added and
 * removed, the paragraphs touched (lines in the new file, or in the
 * base's for a paragraph removed), headings added and removed.
 *
 * Output: text (path:line: sentence), Markdown (a CI job summary or a
 * merge request note), JSON, and a section of the review page.  Changes
 * are listed in a fixed order (section, then plan and year order), so
 * the same two folders always give the same bytes.  No difference gives
 * an empty text or Markdown report.  The sentences are in the language
 * of the content under review (its plan's), numbers as it writes them.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "report.h"
#include "extern.h"
#include "backend.h"
#include "i18n.h"
#include "chartdesc.h"

/* The cells of one longest-common-subsequence table at most; past it,
 * the middle of two sequences (common head and tail left out) counts as
 * all changed. */
#define LCS_CELLS	(4u * 1024 * 1024)
/* Lines listed per kind of paragraph change in a sentence. */
#define MAX_LINES	12

enum csec {
	CSEC_PLAN,		/* editions, measures */
	CSEC_ASSESS,		/* statuses, justifications */
	CSEC_IND,		/* indicators, values */
	CSEC_TEXT,		/* narratives, parts */
	CSEC__MAX
};

static const struct {
	const char	*code;
	const char	*title;		/* T() */
} csecs[CSEC__MAX] = {
	{ "plan", N_("Éditions et mesures") },		/* CSEC_PLAN */
	{ "assessments", N_("Appréciations") },		/* CSEC_ASSESS */
	{ "indicators", N_("Indicateurs et valeurs") },	/* CSEC_IND */
	{ "narratives", N_("Récits et parties") },	/* CSEC_TEXT */
};

enum ckind {
	CKIND_EDITION_ADDED,
	CKIND_EDITION_REMOVED,
	CKIND_MEASURE_ADDED,
	CKIND_MEASURE_REMOVED,
	CKIND_MEASURE_CHANGED,
	CKIND_STATUS,
	CKIND_JUSTIFICATION,
	CKIND_ASSESS_ADDED,
	CKIND_ASSESS_REMOVED,
	CKIND_IND_ADDED,
	CKIND_IND_REMOVED,
	CKIND_IND_CHANGED,
	CKIND_VALUE_ADDED,
	CKIND_VALUE_CHANGED,
	CKIND_VALUE_REMOVED,
	CKIND_PART_ADDED,
	CKIND_PART_REMOVED,
	CKIND_PART_CHANGED,
	CKIND_NARRATIVE,
	CKIND__MAX
};

static const struct {
	const char	*code;		/* in JSON */
	enum csec	 sec;
} ckinds[CKIND__MAX] = {
	{ "edition-added", CSEC_PLAN },
	{ "edition-removed", CSEC_PLAN },
	{ "measure-added", CSEC_PLAN },
	{ "measure-removed", CSEC_PLAN },
	{ "measure-changed", CSEC_PLAN },
	{ "status-changed", CSEC_ASSESS },
	{ "justification-changed", CSEC_ASSESS },
	{ "assessment-added", CSEC_ASSESS },
	{ "assessment-removed", CSEC_ASSESS },
	{ "indicator-added", CSEC_IND },
	{ "indicator-removed", CSEC_IND },
	{ "indicator-changed", CSEC_IND },
	{ "value-added", CSEC_IND },
	{ "value-changed", CSEC_IND },
	{ "value-removed", CSEC_IND },
	{ "part-added", CSEC_TEXT },
	{ "part-removed", CSEC_TEXT },
	{ "part-changed", CSEC_TEXT },
	{ "narrative-changed", CSEC_TEXT },
};

/* A paragraph (any leaf block) touched in a narrative. */
enum pchange {
	PCHANGE_CHANGED,	/* line in the new file */
	PCHANGE_ADDED,		/* line in the new file */
	PCHANGE_REMOVED,	/* line in the base's file */
	PCHANGE__MAX
};

static const char *const pchange_code[PCHANGE__MAX] = {
	"changed", "added", "removed"
};

struct para {
	enum pchange	 change;
	int		 line;
};

/* One change.  Strings are owned by the change (freed by diff_free()),
 * ids point into the reports. */
struct dchange {
	enum ckind	 kind;
	char		*file;		/* where to look, or NULL */
	int		 line;		/* 0: the whole file */
	int		 edition;	/* edition year, or 0 */
	const char	*measure;	/* measure id, or NULL */
	const char	*indicator;	/* indicator id, or NULL */
	const char	*category;	/* category id, or NULL */
	int		 year;		/* year of a value, or 0 */
	char		*old;		/* JSON text, or NULL */
	char		*new;		/* JSON text, or NULL */
	char		*text;		/* the change in one sentence */
	char		*fields;	/* JSON array of what changed, or NULL */
	/* Narratives and parts changed: */
	char		*base_file;	/* the base's file */
	size_t		 wadd, wdel;	/* words added and removed */
	struct para	*paras;
	size_t		 nparas;
	char		**hadd, **hdel;	/* headings added and removed */
	size_t		 nhadd, nhdel;
};

struct diff {
	struct report	*base;		/* owned */
	const struct report *cur;
	size_t		 base_errors;	/* errors while loading the base */
	struct dchange	*v;
	size_t		 n, cap;
};

/* ---- helpers ---- */

/* s as a JSON string (json.c): caller frees. */
static char *
jstr_dup(const char *s)
{
	struct buf	 b = { NULL, 0, 0 };

	json_str(&b, s);
	return buf_detach(&b);
}

static int
streq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

static struct dchange *
add(struct diff *d, enum ckind k, const char *file, int line)
{
	struct dchange	*c;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	c = &d->v[d->n++];
	memset(c, 0, sizeof(*c));
	c->kind = k;
	c->file = file != NULL ? xstrdup(file) : NULL;
	c->line = line;
	return c;
}

static void
say(struct dchange *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
say(struct dchange *c, const char *fmt, ...)
{
	struct buf	 b = { NULL, 0, 0 };
	va_list		 ap;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	c->text = buf_detach(&b);
}

/* "14 personnes", "12,5 %", "4,98 M€", "£850k", with "(valeur
 * illustrative)": % and currencies are written with the number, other
 * units after it.  Caller frees. */
static char *
value_text(double v, int illustrative, const char *unit)
{
	char	 num[64];
	int	 inl = fmt_unit_inline(unit);

	fmt_value(num, sizeof(num), v, unit);
	return xasprintf("%s%s%s%s", num, inl ? "" : " ", inl ? "" : unit,
	    illustrative ? T(" (valeur illustrative)") : "");
}

static char *
value_json(const struct value *v)
{
	char	 num[64];

	fmt_plain(num, sizeof(num), v->v);
	return xasprintf("{\"value\": %s, \"illustrative\": %s}", num,
	    v->illustrative ? "true" : "false");
}

/* The measure of r with this id, or NULL.  Plans seldom change order:
 * the measure at index hint is tried first, so that comparing two
 * plans of many measures is not quadratic. */
static const struct measure *
measure_by_id(const struct report *r, const char *id, size_t hint)
{
	size_t	 i;

	if (hint < r->plan.nmeasures &&
	    strcmp(r->plan.measures[hint].id, id) == 0)
		return &r->plan.measures[hint];
	for (i = 0; i < r->plan.nmeasures; i++)
		if (strcmp(r->plan.measures[i].id, id) == 0)
			return &r->plan.measures[i];
	return NULL;
}

static const struct edition *
edition_of(const struct report *r, int year)
{
	size_t	 i;

	for (i = 0; i < r->neds; i++)
		if (r->eds[i].year == year)
			return &r->eds[i];
	return NULL;
}

/* ---- longest common subsequence ---- */

/*
 * Marks in ma[] and mb[] (zeroed by the caller) the elements of a and b
 * that one longest common subsequence pairs, in order.  The common head
 * and tail are paired first; the middle gets a table of at most
 * LCS_CELLS cells, or stays unpaired.
 */
static void
lcs(char *const *a, size_t na, char *const *b, size_t nb,
    unsigned char *ma, unsigned char *mb)
{
	uint32_t	*t;
	size_t		 p = 0, s = 0, n, m, i, j, w;

	while (p < na && p < nb && strcmp(a[p], b[p]) == 0) {
		ma[p] = mb[p] = 1;
		p++;
	}
	while (s < na - p && s < nb - p &&
	    strcmp(a[na - 1 - s], b[nb - 1 - s]) == 0) {
		ma[na - 1 - s] = mb[nb - 1 - s] = 1;
		s++;
	}
	n = na - p - s;
	m = nb - p - s;
	if (n == 0 || m == 0 || n > LCS_CELLS / m)
		return;
	w = m + 1;
	t = xcalloc((n + 1) * w, sizeof(*t));
	/* t[i * w + j]: the LCS length of a[p + i..] and b[p + j..]. */
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			t[i * w + j] = strcmp(a[p + i], b[p + j]) == 0 ?
			    t[(i + 1) * w + j + 1] + 1 :
			    t[(i + 1) * w + j] > t[i * w + j + 1] ?
			    t[(i + 1) * w + j] : t[i * w + j + 1];
	for (i = j = 0; i < n && j < m;)
		if (strcmp(a[p + i], b[p + j]) == 0) {
			ma[p + i] = mb[p + j] = 1;
			i++;
			j++;
		} else if (t[(i + 1) * w + j] >= t[i * w + j + 1])
			i++;
		else
			j++;
	free(t);
}

/* ---- narratives ---- */

/* The leaf blocks of a narrative, in order: what a reader sees as a
 * paragraph.  key tells a heading from a paragraph of the same words
 * and holds link addresses; text is what is shown. */
struct units {
	char		**key;
	char		**text;
	int		 *line;
	int		 *heading;
	int		 *type;		/* enum block_type */
	size_t		 *wfirst;	/* its first word in words[] */
	size_t		 *wcount;	/* its number of words */
	size_t		  n, cap;
	char		**words;	/* every word of every unit */
	size_t		  nwords, capwords;
};

static void
plain(struct buf *b, struct buf *key, const struct span *s)
{
	for (; s != NULL; s = s->next)
		switch (s->type) {
		case SPAN_TEXT:
		case SPAN_CODE:
		case SPAN_HTML:
			buf_puts(b, s->text);
			buf_puts(key, s->text);
			break;
		case SPAN_SOFTBREAK:
		case SPAN_LINEBREAK:
			buf_putc(b, ' ');
			buf_putc(key, ' ');
			break;
		case SPAN_EMPH:
		case SPAN_STRONG:
		case SPAN_LANG:
			plain(b, key, s->child);
			break;
		case SPAN_LINK:
		case SPAN_IMAGE:
			plain(b, key, s->child);
			/* An address changed changes the report (its notes). */
			buf_printf(key, " <%s>", s->href != NULL ? s->href :
			    "");
			break;
		case SPAN__MAX:
		default:
			break;
		}
}

/* Is the UTF-8 sequence at s a space (ASCII, U+00A0, U+202F)?  Returns
 * its length, or 0. */
static size_t
space_at(const unsigned char *s)
{
	if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		return 1;
	if (s[0] == 0xc2 && s[1] == 0xa0)
		return 2;
	if (s[0] == 0xe2 && s[1] == 0x80 && s[2] == 0xaf)
		return 3;
	return 0;
}

static void
split_words(struct units *u, const char *key)
{
	const unsigned char *p = (const unsigned char *)key, *w;
	size_t		 k;

	for (;;) {
		while ((k = space_at(p)) > 0)
			p += k;
		if (*p == '\0')
			break;
		for (w = p; *p != '\0' && space_at(p) == 0; p++)
			;
		if (u->nwords == u->capwords) {
			u->capwords = u->capwords ? u->capwords * 2 : 256;
			u->words = xreallocarray(u->words, u->capwords,
			    sizeof(*u->words));
		}
		u->words[u->nwords++] = xstrndup((const char *)w,
		    (size_t)(p - w));
	}
}

static void
unit_add(struct units *u, const struct block *k, const char *text,
    const char *key)
{
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 64;
		u->key = xreallocarray(u->key, u->cap, sizeof(*u->key));
		u->text = xreallocarray(u->text, u->cap, sizeof(*u->text));
		u->line = xreallocarray(u->line, u->cap, sizeof(*u->line));
		u->heading = xreallocarray(u->heading, u->cap,
		    sizeof(*u->heading));
		u->type = xreallocarray(u->type, u->cap, sizeof(*u->type));
		u->wfirst = xreallocarray(u->wfirst, u->cap,
		    sizeof(*u->wfirst));
		u->wcount = xreallocarray(u->wcount, u->cap,
		    sizeof(*u->wcount));
	}
	u->key[u->n] = xasprintf("%d %d %s", (int)k->type, k->level, key);
	u->text[u->n] = xstrdup(text);
	u->line[u->n] = k->pos.line;
	u->heading[u->n] = k->type == BLOCK_HEADING;
	u->type[u->n] = (int)k->type;
	u->wfirst[u->n] = u->nwords;
	split_words(u, key);
	u->wcount[u->n] = u->nwords - u->wfirst[u->n];
	u->n++;
}

static void
units_of(struct units *u, const struct block *k)
{
	struct buf	 b = { NULL, 0, 0 }, key = { NULL, 0, 0 };

	for (; k != NULL; k = k->next)
		switch (k->type) {
		case BLOCK_PARAGRAPH:
		case BLOCK_HEADING:
			buf_reset(&b);
			buf_reset(&key);
			plain(&b, &key, k->ins);
			unit_add(u, k, b.len ? b.data : "",
			    key.len ? key.data : "");
			break;
		case BLOCK_CODE:
		case BLOCK_HTML:
			unit_add(u, k, k->text != NULL ? k->text : "",
			    k->text != NULL ? k->text : "");
			break;
		case BLOCK_RULE:
			unit_add(u, k, "---", "---");
			break;
		case BLOCK_LIST:
		case BLOCK_ITEM:
		case BLOCK_QUOTE:
			units_of(u, k->child);
			break;
		case BLOCK__MAX:
		default:
			break;
		}
	buf_free(&b);
	buf_free(&key);
}

static void
units_free(struct units *u)
{
	size_t	 i;

	for (i = 0; i < u->n; i++) {
		free(u->key[i]);
		free(u->text[i]);
	}
	for (i = 0; i < u->nwords; i++)
		free(u->words[i]);
	free(u->key);
	free(u->text);
	free(u->line);
	free(u->heading);
	free(u->type);
	free(u->wfirst);
	free(u->wcount);
	free(u->words);
}

/* How alike paragraph x of a and paragraph y of b are, from 0 to 1:
 * twice their words in common (in order) over their words.  Blocks of
 * different kinds are not alike. */
static double
alike(const struct units *a, size_t x, const struct units *b, size_t y)
{
	unsigned char	*ma, *mb;
	size_t		 na = a->wcount[x], nb = b->wcount[y], i, n = 0;

	if (a->type[x] != b->type[y])
		return 0;
	if (na + nb == 0)
		return 1;
	ma = xcalloc(na + 1, 1);
	mb = xcalloc(nb + 1, 1);
	lcs(a->words + a->wfirst[x], na, b->words + b->wfirst[y], nb, ma, mb);
	for (i = 0; i < na; i++)
		n += ma[i];
	free(ma);
	free(mb);
	return 2.0 * (double)n / (double)(na + nb);
}

/*
 * In a gap of ko paragraphs of the base (from ri) and kn of the new
 * file (from rj) between paired ones: pair[y] (for y < kn) is set to
 * 1 + the base paragraph that new paragraph y changed, 0 if it was
 * added; opair[x] (x < ko) to 1 if base paragraph x was changed, 0 if
 * removed.  In order, each base paragraph goes to the new one most like
 * it, if they have at least half of their words in common; past
 * MAX_PAIRS comparisons, by position.
 */
#define MAX_PAIRS	256
static void
pair_gap(const struct units *a, size_t ri, size_t ko, const struct units *b,
    size_t rj, size_t kn, size_t *pair, unsigned char *opair)
{
	size_t	 x, y, next = 0, best;
	double	 s, bs;

	if (ko * kn > MAX_PAIRS) {
		for (x = 0; x < ko && x < kn; x++) {
			pair[x] = x + 1;
			opair[x] = 1;
		}
		return;
	}
	for (x = 0; x < ko; x++) {
		best = kn;
		bs = 0;
		for (y = next; y < kn; y++) {
			s = alike(a, ri + x, b, rj + y);
			if (s >= 0.5 && s > bs) {
				best = y;
				bs = s;
			}
		}
		if (best < kn) {
			pair[best] = x + 1;
			opair[x] = 1;
			next = best + 1;
		}
	}
}

static void
para_add(struct dchange *c, enum pchange k, int line)
{
	c->paras = xreallocarray(c->paras, c->nparas + 1, sizeof(*c->paras));
	c->paras[c->nparas].change = k;
	c->paras[c->nparas].line = line;
	c->nparas++;
}

static void
heading_add(char ***v, size_t *n, const char *text)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = xstrdup(text);
}

/* Appends "; paragraphes modifiés l. 3, 7" for one kind of change;
 * returns how many lines there were. */
static size_t
lines_text(struct buf *b, const struct dchange *c, enum pchange k,
    const char *what)
{
	size_t	 i, n = 0;

	for (i = 0; i < c->nparas; i++) {
		if (c->paras[i].change != k)
			continue;
		if (n == MAX_LINES) {
			BUF_PUTSL(b, ", …");
			break;
		}
		buf_printf(b, "%s%d", n ? ", " : what, c->paras[i].line);
		n++;
	}
	return n;
}

static void
headings_text(struct buf *b, char **v, size_t n, const char *what)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		buf_printf(b, T("%s« %s »"), i ? ", " : what, v[i]);
}

/*
 * The paragraphs of c, from the units a (base) and b (new) and their
 * matches ma, mb: paired paragraphs split both files into gaps; in
 * each, a paragraph of the new file changed one of the base's
 * (pair_gap()) or was added, the base's others were removed.  Returns
 * the first line changed in the new file, or 0.
 */
static int
paragraphs(struct dchange *c, const struct units *a, const unsigned char *ma,
    const struct units *b, const unsigned char *mb)
{
	unsigned char	*opair;
	size_t		 i, j, ri, rj, x, ko, kn, *pair;
	int		 first = 0;

	for (i = j = 0; i < a->n || j < b->n;) {
		for (ri = i; i < a->n && !ma[i]; i++)
			;
		for (rj = j; j < b->n && !mb[j]; j++)
			;
		ko = i - ri;
		kn = j - rj;
		pair = xcalloc(kn + 1, sizeof(*pair));
		opair = xcalloc(ko + 1, 1);
		pair_gap(a, ri, ko, b, rj, kn, pair, opair);
		for (x = 0; x < kn; x++) {
			para_add(c, pair[x] ? PCHANGE_CHANGED : PCHANGE_ADDED,
			    b->line[rj + x]);
			if (first == 0)
				first = b->line[rj + x];
			if (b->heading[rj + x])
				heading_add(&c->hadd, &c->nhadd,
				    b->text[rj + x]);
		}
		for (x = 0; x < ko; x++) {
			if (!opair[x])
				para_add(c, PCHANGE_REMOVED, a->line[ri + x]);
			if (a->heading[ri + x])
				heading_add(&c->hdel, &c->nhdel,
				    a->text[ri + x]);
		}
		free(pair);
		free(opair);
		if (i < a->n)
			i++;
		if (j < b->n)
			j++;
	}
	return first;
}

/* The words of c added and removed, from the units a (base) and b. */
static void
words(struct dchange *c, const struct units *a, const struct units *b)
{
	unsigned char	*wa, *wb;
	size_t		 i;

	wa = xcalloc(a->nwords + 1, 1);
	wb = xcalloc(b->nwords + 1, 1);
	lcs(a->words, a->nwords, b->words, b->nwords, wa, wb);
	for (i = 0; i < a->nwords; i++)
		c->wdel += !wa[i];
	for (i = 0; i < b->nwords; i++)
		c->wadd += !wb[i];
	free(wa);
	free(wb);
}

/* The sentence of the narrative change c; what names the narrative. */
static char *
narrative_text(const struct dchange *c, const char *what)
{
	struct buf	 t = { NULL, 0, 0 };

	buf_printf(&t, T("%s modifié (+%zu %s, \xe2\x88\x92%zu %s)"), what,
	    c->wadd, Tn((double)c->wadd, "mot", "mots"), c->wdel,
	    Tn((double)c->wdel, "mot", "mots"));
	lines_text(&t, c, PCHANGE_CHANGED, T(" ; paragraphes modifiés l. "));
	lines_text(&t, c, PCHANGE_ADDED, T(" ; ajoutés l. "));
	if (lines_text(&t, c, PCHANGE_REMOVED, T(" ; supprimés l. ")) > 0)
		buf_puts(&t, T(" de la base"));
	headings_text(&t, c->hadd, c->nhadd, T(" ; titres ajoutés "));
	headings_text(&t, c->hdel, c->nhdel, T(" ; titres supprimés "));
	return buf_detach(&t);
}

/*
 * Compares two narratives (bd, cd; either may be empty) and adds a
 * change of kind k when they differ.  what names the narrative in the
 * sentence ("Édition 2016, mesure 1 : récit").
 */
static struct dchange *
narrative(struct diff *d, enum ckind k, const struct doc *bd,
    const struct doc *cd, const char *what)
{
	struct units	 a, b;
	struct dchange	*c = NULL;
	unsigned char	*ma, *mb;
	size_t		 i, j;

	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	units_of(&a, bd->blocks);
	units_of(&b, cd->blocks);
	ma = xcalloc(a.n + 1, 1);
	mb = xcalloc(b.n + 1, 1);
	lcs(a.key, a.n, b.key, b.n, ma, mb);
	for (i = 0; i < a.n && ma[i]; i++)
		;
	for (j = 0; j < b.n && mb[j]; j++)
		;
	if (i < a.n || j < b.n) {
		c = add(d, k, cd->file != NULL ? cd->file : bd->file, 0);
		c->base_file = bd->file != NULL ? xstrdup(bd->file) : NULL;
		c->line = paragraphs(c, &a, ma, &b, mb);
		words(c, &a, &b);
		c->text = narrative_text(c, what);
	}
	free(ma);
	free(mb);
	units_free(&a);
	units_free(&b);
	return c;
}

/* ---- the comparison ---- */

/* What changed in a measure or an indicator: a JSON array of field
 * codes and a list of their names. */
struct fields {
	struct buf	 json;
	struct buf	 text;
};

static void
field(struct fields *f, int changed, const char *code, const char *name)
{
	if (!changed)
		return;
	buf_puts(&f->json, f->json.len ? ", \"" : "[\"");
	buf_printf(&f->json, "%s\"", code);
	buf_printf(&f->text, "%s%s", f->text.len ? ", " : "", name);
}

/* Adds change c of kind k if any field changed (the sentence starts
 * with what); frees f. */
static void
fields_done(struct diff *d, struct fields *f, enum ckind k,
    const char *file, int line, const char *mid, const char *iid,
    const char *what)
{
	struct dchange	*c;

	if (f->json.len > 0) {
		BUF_PUTSL(&f->json, "]");
		c = add(d, k, file, line);
		c->measure = mid;
		c->indicator = iid;
		c->fields = buf_detach(&f->json);
		say(c, T("%s, modifié : %s"), what, f->text.data);
	}
	buf_free(&f->json);
	buf_free(&f->text);
}

static int
strings_differ(const char **a, size_t na, const char **b, size_t nb)
{
	size_t	 i;

	if (na != nb)
		return 1;
	for (i = 0; i < na; i++)
		if (!streq(a[i], b[i]))
			return 1;
	return 0;
}

/* Title, lead and partners of a measure in both plans. */
static void
measure_fields(struct diff *d, const struct measure *bm,
    const struct measure *m)
{
	struct fields	 f;
	char		*what;

	memset(&f, 0, sizeof(f));
	what = xasprintf(T("titre « %s » → « %s »"), bm->title, m->title);
	field(&f, !streq(bm->title, m->title), "title", what);
	free(what);
	field(&f, !streq(bm->lead, m->lead), "lead", T("pilote"));
	field(&f, strings_differ(bm->partners, bm->npartners, m->partners,
	    m->npartners), "partners", T("partenaires"));
	field(&f, bm->number != m->number, "number", T("numéro"));
	what = xasprintf("%s", m->label);
	fields_done(d, &f, CKIND_MEASURE_CHANGED, d->cur->plan.file,
	    m->pos.line, m->id, NULL, what);
	free(what);
}

static int
points_differ(const struct point *a, const struct point *b)
{
	return a->set != b->set || (a->set && (a->year != b->year ||
	    a->v != b->v || a->illustrative != b->illustrative));
}

/* What an indicator says besides its values. */
static void
indicator_fields(struct diff *d, const struct measure *m,
    const struct indicator *bi, const struct indicator *ind)
{
	struct fields	 f;
	char		*what;

	memset(&f, 0, sizeof(f));
	what = xasprintf(T("libellé « %s » → « %s »"), bi->label,
	    ind->label);
	field(&f, !streq(bi->label, ind->label), "label", what);
	free(what);
	field(&f, !streq(bi->unit, ind->unit), "unit", T("unité"));
	field(&f, bi->direction != ind->direction, "direction", T("sens"));
	field(&f, bi->chart != ind->chart, "chart", T("graphique"));
	field(&f, !streq(bi->definition, ind->definition), "definition",
	    T("définition"));
	field(&f, !streq(bi->source, ind->source) ||
	    !streq(bi->source_url, ind->source_url), "source", T("source"));
	field(&f, !streq(bi->note, ind->note), "note", T("note"));
	field(&f, points_differ(&bi->baseline, &ind->baseline), "baseline",
	    T("valeur de référence"));
	field(&f, points_differ(&bi->target, &ind->target), "target",
	    T("cible"));
	what = xasprintf(T("%s, indicateur « %s »"), m->label,
	    ind->label);
	fields_done(d, &f, CKIND_IND_CHANGED, m->ind_file, ind->pos.line,
	    m->id, ind->id, what);
	free(what);
}

static void
editions(struct diff *d)
{
	const struct report *b = d->base, *r = d->cur;
	const struct edition *e;
	struct dchange	*c;
	size_t		 i;

	for (i = 0; i < r->neds; i++) {
		e = &r->eds[i];
		if (edition_of(b, e->year) != NULL)
			continue;
		c = add(d, CKIND_EDITION_ADDED, e->file, e->pos.line);
		c->edition = e->year;
		say(c, T("Édition %d ajoutée : « %s »"), e->year, e->title);
	}
	for (i = 0; i < b->neds; i++) {
		e = &b->eds[i];
		if (edition_of(r, e->year) != NULL)
			continue;
		c = add(d, CKIND_EDITION_REMOVED, e->file, 0);
		c->edition = e->year;
		say(c, T("Édition %d supprimée : « %s »"), e->year,
		    e->title);
	}
}

static void
measures(struct diff *d)
{
	const struct report *b = d->base, *r = d->cur;
	const struct measure *m, *bm;
	struct dchange	*c;
	size_t		 i;

	for (i = 0; i < r->plan.nmeasures; i++) {
		m = &r->plan.measures[i];
		if ((bm = measure_by_id(b, m->id, i)) != NULL) {
			measure_fields(d, bm, m);
			continue;
		}
		c = add(d, CKIND_MEASURE_ADDED, r->plan.file, m->pos.line);
		c->measure = m->id;
		say(c, T("%s ajoutée au plan : « %s »"), m->label,
		    m->title);
	}
	for (i = 0; i < b->plan.nmeasures; i++) {
		m = &b->plan.measures[i];
		if (measure_by_id(r, m->id, i) != NULL)
			continue;
		c = add(d, CKIND_MEASURE_REMOVED, b->plan.file, 0);
		c->measure = m->id;
		say(c, T("%s retirée du plan : « %s »"), m->label,
		    m->title);
	}
}

static void
assessments(struct diff *d, const struct measure *bm,
    const struct measure *m)
{
	const struct plan *base = &d->base->plan, *cur = &d->cur->plan;
	const struct assessment *a, *pa;
	struct dchange	*c;
	size_t		 i;

	for (i = 0; i < m->nassess; i++) {
		a = &m->assess[i];
		if ((pa = report_assessment(bm, a->year)) == NULL) {
			c = add(d, CKIND_ASSESS_ADDED, m->ind_file,
			    a->pos.line);
			c->edition = a->year;
			c->measure = m->id;
			c->new = jstr_dup(status_id(cur, a->status));
			say(c, T("%s, %d : appréciation ajoutée (%s) : "
			    "« %s »"), m->label, a->year,
			    status_name(cur, a->status), a->text);
			continue;
		}
		if (pa->status != a->status) {
			c = add(d, CKIND_STATUS, m->ind_file, a->pos.line);
			c->edition = a->year;
			c->measure = m->id;
			c->old = jstr_dup(status_id(base, pa->status));
			c->new = jstr_dup(status_id(cur, a->status));
			say(c, T("%s, %d : statut %s → %s"), m->label,
			    a->year, status_name(base, pa->status),
			    status_name(cur, a->status));
		}
		if (!streq(pa->text, a->text)) {
			c = add(d, CKIND_JUSTIFICATION, m->ind_file,
			    a->pos.line);
			c->edition = a->year;
			c->measure = m->id;
			c->old = jstr_dup(pa->text);
			c->new = jstr_dup(a->text);
			say(c, T("%s, %d : justification « %s » → « %s »"),
			    m->label, a->year, pa->text, a->text);
		}
	}
	for (i = 0; i < bm->nassess; i++) {
		pa = &bm->assess[i];
		if (report_assessment(m, pa->year) != NULL)
			continue;
		c = add(d, CKIND_ASSESS_REMOVED, m->ind_file, 0);
		c->edition = pa->year;
		c->measure = m->id;
		c->old = jstr_dup(status_id(base, pa->status));
		say(c, T("%s, %d : appréciation supprimée (%s)"),
		    m->label, pa->year, status_name(base, pa->status));
	}
}

static const struct indicator *
indicator_by_id(const struct measure *m, const char *id)
{
	size_t	 i;

	for (i = 0; i < m->ninds; i++)
		if (strcmp(m->inds[i].id, id) == 0)
			return &m->inds[i];
	return NULL;
}

static const struct series *
series_by_id(const struct indicator *ind, const char *id)
{
	size_t	 i;

	for (i = 0; i < ind->nseries; i++)
		if (streq(ind->series[i].id, id))
			return &ind->series[i];
	return NULL;
}

/* "Mesure 1, « Victimes », catégorie « Sexuelle », 2016" */
static char *
value_where(const struct measure *m, const struct indicator *ind,
    const struct series *s, int year)
{
	if (s->id != NULL)
		return xasprintf(T("%s, « %s », catégorie « %s », %d"),
		    m->label, ind->label, s->label, year);
	return xasprintf(T("%s, « %s », %d"), m->label, ind->label,
	    year);
}

static struct dchange *
value_change(struct diff *d, enum ckind k, const struct measure *m,
    const struct indicator *ind, const struct series *s, int year,
    const struct pos *pos)
{
	struct dchange	*c;

	c = add(d, k, k == CKIND_VALUE_REMOVED ? m->ind_file : pos->file,
	    k == CKIND_VALUE_REMOVED ? ind->pos.line : pos->line);
	c->measure = m->id;
	c->indicator = ind->id;
	c->category = s->id;
	c->year = year;
	return c;
}

/* Values of series s (base bs, NULL when the series is new) and the
 * base's values that s no longer has. */
static void
values(struct diff *d, const struct measure *m, const struct indicator *ind,
    const struct series *bs, const struct series *s, const char *bunit)
{
	static const struct series none = { NULL, NULL, NULL, 0,
	    { NULL, 0, 0 } };
	const struct value *v, *pv;
	struct dchange	*c;
	char		*where, *a, *b;
	size_t		 i;

	if (bs == NULL)
		bs = &none;
	for (i = 0; s != NULL && i < s->nvals; i++) {
		v = &s->vals[i];
		pv = series_at(bs, v->year);
		if (pv != NULL && pv->v == v->v &&
		    pv->illustrative == v->illustrative &&
		    streq(bunit, ind->unit))
			continue;
		where = value_where(m, ind, s, v->year);
		b = value_text(v->v, v->illustrative, ind->unit);
		if (pv == NULL) {
			c = value_change(d, CKIND_VALUE_ADDED, m, ind, s,
			    v->year, &v->pos);
			say(c, T("%s : valeur ajoutée, %s"), where, b);
		} else {
			c = value_change(d, CKIND_VALUE_CHANGED, m, ind, s,
			    v->year, &v->pos);
			a = value_text(pv->v, pv->illustrative, bunit);
			c->old = value_json(pv);
			say(c, T("%s : %s → %s"), where, a, b);
			free(a);
		}
		c->new = value_json(v);
		free(b);
		free(where);
	}
	for (i = 0; i < bs->nvals; i++) {
		pv = &bs->vals[i];
		if (s != NULL && series_at(s, pv->year) != NULL)
			continue;
		where = value_where(m, ind, s != NULL ? s : bs, pv->year);
		a = value_text(pv->v, pv->illustrative, bunit);
		c = value_change(d, CKIND_VALUE_REMOVED, m, ind,
		    s != NULL ? s : bs, pv->year, &pv->pos);
		c->old = value_json(pv);
		say(c, T("%s : valeur supprimée (%s)"), where, a);
		free(a);
		free(where);
	}
}

static void
indicators(struct diff *d, const struct measure *bm, const struct measure *m)
{
	const struct indicator *ind, *bi;
	struct dchange	*c;
	size_t		 i, j;

	for (i = 0; i < m->ninds; i++) {
		ind = &m->inds[i];
		if ((bi = indicator_by_id(bm, ind->id)) == NULL) {
			c = add(d, CKIND_IND_ADDED, m->ind_file,
			    ind->pos.line);
			c->measure = m->id;
			c->indicator = ind->id;
			say(c, T("%s : indicateur « %s » ajouté"),
			    m->label, ind->label);
			continue;
		}
		indicator_fields(d, m, bi, ind);
		for (j = 0; j < ind->nseries; j++)
			values(d, m, ind, series_by_id(bi,
			    ind->series[j].id), &ind->series[j], bi->unit);
		for (j = 0; j < bi->nseries; j++)
			if (series_by_id(ind, bi->series[j].id) == NULL)
				values(d, m, ind, &bi->series[j], NULL,
				    bi->unit);
	}
	for (i = 0; i < bm->ninds; i++) {
		bi = &bm->inds[i];
		if (indicator_by_id(m, bi->id) != NULL)
			continue;
		c = add(d, CKIND_IND_REMOVED, m->ind_file, 0);
		c->measure = m->id;
		c->indicator = bi->id;
		say(c, T("%s : indicateur « %s » supprimé"), m->label,
		    bi->label);
	}
}

static const struct part *
part_by_file(const struct edition *e, const char *file)
{
	size_t	 i;

	for (i = 0; i < e->nfront; i++)
		if (strcmp(e->front[i].file, file) == 0)
			return &e->front[i];
	for (i = 0; i < e->nback; i++)
		if (strcmp(e->back[i].file, file) == 0)
			return &e->back[i];
	return NULL;
}

static void
parts(struct diff *d, const struct edition *be, const struct edition *e,
    const struct part *v, size_t n)
{
	const struct part *p, *bp;
	struct dchange	*c;
	char		*what;
	size_t		 i;

	for (i = 0; i < n; i++) {
		p = &v[i];
		if ((bp = part_by_file(be, p->file)) == NULL) {
			c = add(d, CKIND_PART_ADDED, p->doc.file != NULL ?
			    p->doc.file : e->file, p->doc.file != NULL ? 0 :
			    p->pos.line);
			c->edition = e->year;
			say(c, T("Édition %d : partie « %s » (%s) ajoutée"),
			    e->year, p->title, p->file);
			continue;
		}
		what = xasprintf(T("Édition %d : partie « %s »"), e->year,
		    p->title);
		if ((c = narrative(d, CKIND_PART_CHANGED, &bp->doc, &p->doc,
		    what)) != NULL)
			c->edition = e->year;
		free(what);
	}
}

/* "Édition 2016, mesure 3 : récit": the measure as its plan labels it,
 * inside the sentence.  The caller frees. */
static char *
narrative_what(int year, const struct measure *m)
{
	struct buf	 l = { NULL, 0, 0 };
	char		*what;

	chart_put_lower(&l, m->label);
	what = xasprintf(T("Édition %d, %s : récit"), year, l.data);
	buf_free(&l);
	return what;
}

static void
parts_removed(struct diff *d, const struct edition *be,
    const struct edition *e, const struct part *v, size_t n)
{
	struct dchange	*c;
	size_t		 i;

	for (i = 0; i < n; i++) {
		if (part_by_file(e, v[i].file) != NULL)
			continue;
		c = add(d, CKIND_PART_REMOVED, be->file, 0);
		c->edition = e->year;
		say(c, T("Édition %d : partie « %s » (%s) supprimée"), e->year,
		    v[i].title, v[i].file);
	}
}

static void
narratives(struct diff *d, const struct edition *be, const struct edition *e)
{
	static const struct doc empty;	/* all NULL, no words */
	const struct measure *m, *bm;
	const struct doc *bd, *cd;
	struct dchange	*c;
	char		*what;
	size_t		 i;

	parts(d, be, e, e->front, e->nfront);
	for (i = 0; e->narr != NULL && i < d->cur->plan.nmeasures; i++) {
		m = &d->cur->plan.measures[i];
		if ((bm = measure_by_id(d->base, m->id, i)) == NULL)
			continue;	/* the measure is new */
		bd = be->narr != NULL ? &be->narr[bm->index] : &empty;
		cd = &e->narr[i];
		what = narrative_what(e->year, m);
		if ((c = narrative(d, CKIND_NARRATIVE, bd, cd, what)) !=
		    NULL) {
			c->edition = e->year;
			c->measure = m->id;
		}
		free(what);
	}
	parts(d, be, e, e->back, e->nback);
	parts_removed(d, be, e, be->front, be->nfront);
	parts_removed(d, be, e, be->back, be->nback);
}

static void
compare(struct diff *d)
{
	const struct report *r = d->cur;
	const struct measure *m, *bm;
	const struct edition *be;
	struct dchange	*sorted;
	size_t		 i, k, s;

	editions(d);
	measures(d);
	for (i = 0; i < r->plan.nmeasures; i++) {
		m = &r->plan.measures[i];
		if ((bm = measure_by_id(d->base, m->id, i)) != NULL)
			assessments(d, bm, m);
	}
	for (i = 0; i < r->plan.nmeasures; i++) {
		m = &r->plan.measures[i];
		if ((bm = measure_by_id(d->base, m->id, i)) != NULL)
			indicators(d, bm, m);
	}
	for (i = 0; i < r->neds; i++)
		if ((be = edition_of(d->base, r->eds[i].year)) != NULL)
			narratives(d, be, &r->eds[i]);
	/* qsort is not stable: a counting pass per section instead. */
	sorted = xcalloc(d->n + 1, sizeof(*sorted));
	for (k = s = 0; s < CSEC__MAX; s++)
		for (i = 0; i < d->n; i++)
			if (ckinds[d->v[i].kind].sec == (enum csec)s)
				sorted[k++] = d->v[i];
	free(d->v);
	d->v = sorted;
	d->cap = d->n + 1;
}

struct diff *
diff_open(const struct report *r, const char *base)
{
	struct diff	*d;
	struct stat	 st;
	size_t		 e0;
	enum lang	 lang = i18n_lang();

	if (stat(base, &st) == -1 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: %s: error: no content folder here (the "
		    "base to compare with)\n", PROGNAME, base);
		return NULL;
	}
	d = xcalloc(1, sizeof(*d));
	d->cur = r;
	e0 = diag_muted(DIAG_ERROR);
	diag_mute(1);
	d->base = report_load(base);
	if (d->base != NULL)
		validate(d->base);
	diag_mute(0);
	/* Loading the base set its plan's language: the report is in the
	 * language of the content under review. */
	i18n_use(lang);
	d->base_errors = diag_muted(DIAG_ERROR) - e0;
	if (d->base == NULL) {
		fprintf(stderr, "%s: %s: error: no content folder here (the "
		    "base to compare with)\n", PROGNAME, base);
		free(d);
		return NULL;
	}
	if (d->base_errors > 0)
		fprintf(stderr, "%s: %s: warning: the base has %zu error(s) "
		    "(rapporteur check --content %s): the comparison may be "
		    "incomplete\n", PROGNAME, base, d->base_errors, base);
	compare(d);
	return d;
}

void
diff_free(struct diff *d)
{
	struct dchange	*c;
	size_t		 i, j;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		c = &d->v[i];
		free(c->file);
		free(c->old);
		free(c->new);
		free(c->text);
		free(c->fields);
		free(c->base_file);
		free(c->paras);
		for (j = 0; j < c->nhadd; j++)
			free(c->hadd[j]);
		for (j = 0; j < c->nhdel; j++)
			free(c->hdel[j]);
		free(c->hadd);
		free(c->hdel);
	}
	free(d->v);
	report_free(d->base);
	free(d);
}

/* ---- output ---- */

/* Does change c concern the edition of year (0: every edition)?  An
 * edition's statuses, narratives and parts concern it; values up to its
 * year; indicators and measures, every edition. */
static int
relevant(const struct dchange *c, int year)
{
	if (year == 0)
		return 1;
	if (c->edition != 0)
		return c->edition == year;
	if (c->year != 0)
		return c->year <= year;
	return 1;
}

static size_t
count(const struct diff *d, int year, int sec)
{
	size_t	 i, n = 0;

	for (i = 0; i < d->n; i++)
		n += relevant(&d->v[i], year) &&
		    (sec < 0 || ckinds[d->v[i].kind].sec == (enum csec)sec);
	return n;
}

static void
where(struct buf *b, const struct dchange *c)
{
	if (c->file == NULL)
		return;
	buf_puts(b, c->file);
	if (c->line > 0)
		buf_printf(b, ":%d", c->line);
}

/* "La base a 2 erreurs : …", appended to b. */
static void
base_errors_text(struct buf *b, size_t n)
{
	buf_printf(b, Tn((double)n, "La base a %zu erreur : la comparaison "
	    "peut être incomplète.", "La base a %zu erreurs : la comparaison "
	    "peut être incomplète."), n);
}

static void
out_text(struct buf *b, const struct diff *d, const char *base, int year)
{
	size_t	 i, s, n = count(d, year, -1);

	if (n == 0)
		return;
	buf_printf(b, Tn((double)n, "%zu changement du rapport par rapport "
	    "à %s\n", "%zu changements du rapport par rapport à %s\n"), n,
	    base);
	for (s = 0; s < CSEC__MAX; s++) {
		if (count(d, year, (int)s) == 0)
			continue;
		buf_printf(b, "\n%s\n", T(csecs[s].title));
		for (i = 0; i < d->n; i++) {
			if (ckinds[d->v[i].kind].sec != s ||
			    !relevant(&d->v[i], year))
				continue;
			BUF_PUTSL(b, "  ");
			where(b, &d->v[i]);
			if (d->v[i].file != NULL)
				BUF_PUTSL(b, ": ");
			buf_printf(b, "%s\n", d->v[i].text);
		}
	}
}

/* Markdown text: the characters CommonMark gives a meaning to are
 * escaped (any ASCII punctuation may be), line breaks become spaces. */
static void
md_esc(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		if (strchr("\\`*_[]<>|~&!#", *s) != NULL)
			buf_printf(b, "\\%c", *s);
		else if (*s == '\n' || *s == '\r')
			buf_putc(b, ' ');
		else
			buf_putc(b, *s);
}

static void
out_markdown(struct buf *b, const struct diff *d, const char *base,
    int year)
{
	struct buf	 w = { NULL, 0, 0 };
	size_t		 i, s, n = count(d, year, -1);

	if (n == 0)
		return;
	buf_puts(b, T("### Ce que la modification change au rapport\n\n"));
	buf_printf(b, Tn((double)n, "%zu changement par rapport à ",
	    "%zu changements par rapport à "), n);
	md_esc(b, base);
	BUF_PUTSL(b, ".\n");
	if (d->base_errors > 0) {
		base_errors_text(b, d->base_errors);
		buf_putc(b, '\n');
	}
	for (s = 0; s < CSEC__MAX; s++) {
		if (count(d, year, (int)s) == 0)
			continue;
		buf_printf(b, "\n#### %s\n\n", T(csecs[s].title));
		for (i = 0; i < d->n; i++) {
			if (ckinds[d->v[i].kind].sec != s ||
			    !relevant(&d->v[i], year))
				continue;
			BUF_PUTSL(b, "- ");
			md_esc(b, d->v[i].text);
			if (d->v[i].file != NULL) {
				buf_reset(&w);
				where(&w, &d->v[i]);
				BUF_PUTSL(b, " (");
				if (strchr(w.data, '`') == NULL)
					buf_printf(b, "`%s`", w.data);
				else
					md_esc(b, w.data);
				BUF_PUTSL(b, ")");
			}
			buf_putc(b, '\n');
		}
	}
	buf_free(&w);
}

static void
json_change(struct buf *b, const struct dchange *c)
{
	size_t	 i;

	BUF_PUTSL(b, "{\"kind\": ");
	json_str(b, ckinds[c->kind].code);
	BUF_PUTSL(b, ", \"section\": ");
	json_str(b, csecs[ckinds[c->kind].sec].code);
	BUF_PUTSL(b, ", \"file\": ");
	if (c->file != NULL)
		json_str(b, c->file);
	else
		BUF_PUTSL(b, "null");
	buf_printf(b, ", \"line\": %d", c->line);
	if (c->edition != 0)
		buf_printf(b, ", \"edition\": %d", c->edition);
	if (c->measure != NULL) {
		BUF_PUTSL(b, ", \"measure\": ");
		json_str(b, c->measure);
	}
	if (c->indicator != NULL) {
		BUF_PUTSL(b, ", \"indicator\": ");
		json_str(b, c->indicator);
	}
	if (c->category != NULL) {
		BUF_PUTSL(b, ", \"category\": ");
		json_str(b, c->category);
	}
	if (c->year != 0)
		buf_printf(b, ", \"year\": %d", c->year);
	if (c->old != NULL)
		buf_printf(b, ", \"old\": %s", c->old);
	if (c->new != NULL)
		buf_printf(b, ", \"new\": %s", c->new);
	if (c->fields != NULL)
		buf_printf(b, ", \"fields\": %s", c->fields);
	if (c->kind == CKIND_NARRATIVE || c->kind == CKIND_PART_CHANGED) {
		BUF_PUTSL(b, ", \"base_file\": ");
		if (c->base_file != NULL)
			json_str(b, c->base_file);
		else
			BUF_PUTSL(b, "null");
		buf_printf(b, ", \"words_added\": %zu, \"words_removed\": %zu, "
		    "\"paragraphs\": [", c->wadd, c->wdel);
		for (i = 0; i < c->nparas; i++)
			buf_printf(b, "%s{\"change\": \"%s\", \"line\": %d}",
			    i ? ", " : "", pchange_code[c->paras[i].change],
			    c->paras[i].line);
		BUF_PUTSL(b, "], \"headings_added\": [");
		for (i = 0; i < c->nhadd; i++) {
			if (i)
				BUF_PUTSL(b, ", ");
			json_str(b, c->hadd[i]);
		}
		BUF_PUTSL(b, "], \"headings_removed\": [");
		for (i = 0; i < c->nhdel; i++) {
			if (i)
				BUF_PUTSL(b, ", ");
			json_str(b, c->hdel[i]);
		}
		BUF_PUTSL(b, "]");
	}
	BUF_PUTSL(b, ", \"text\": ");
	json_str(b, c->text);
	buf_putc(b, '}');
}

void
diff_json_changes(struct buf *b, const struct diff *d, int year)
{
	size_t	 i, n = 0;

	for (i = 0; i < d->n; i++) {
		if (!relevant(&d->v[i], year))
			continue;
		buf_puts(b, n++ ? ",\n    " : "\n    ");
		json_change(b, &d->v[i]);
	}
	if (n > 0)
		BUF_PUTSL(b, "\n  ");
}

static void
out_json(struct buf *b, const struct diff *d, const char *base,
    const char *content, int year)
{
	BUF_PUTSL(b, "{\n  \"base\": ");
	json_str(b, base);
	BUF_PUTSL(b, ",\n  \"content\": ");
	json_str(b, content);
	buf_printf(b, ",\n  \"base_errors\": %zu,\n  \"changes\": [",
	    d->base_errors);
	diff_json_changes(b, d, year);
	BUF_PUTSL(b, "]\n}\n");
}

void
diff_html(struct buf *b, const struct diff *d, int year)
{
	size_t	 i, s, n = count(d, year, -1);

	buf_printf(b, T("<h2 id=\"changements\">Changements par rapport à la "
	    "base (%zu)</h2>\n"), n);
	if (d->base_errors > 0) {
		BUF_PUTSL(b, "<p>");
		base_errors_text(b, d->base_errors);
		BUF_PUTSL(b, "</p>\n");
	}
	if (n == 0) {
		buf_puts(b, T("<p>Aucun changement du rapport.</p>\n"));
		return;
	}
	for (s = 0; s < CSEC__MAX; s++) {
		if (count(d, year, (int)s) == 0)
			continue;
		buf_printf(b, "<h3>%s</h3>\n<ul>\n", T(csecs[s].title));
		for (i = 0; i < d->n; i++) {
			if (ckinds[d->v[i].kind].sec != s ||
			    !relevant(&d->v[i], year))
				continue;
			html_esc_place_item(b, d->v[i].file, d->v[i].line,
			    d->v[i].text);
		}
		BUF_PUTSL(b, "</ul>\n");
	}
}

int
diff_command(const struct report *r, const struct opts *o,
    const char *format)
{
	struct diff	*d;
	struct buf	 b = { NULL, 0, 0 };

	if ((d = diff_open(r, o->diff_base)) == NULL)
		return EXIT_USAGE;
	if (format == NULL || strcmp(format, "text") == 0)
		out_text(&b, d, o->diff_base, o->year);
	else if (strcmp(format, "markdown") == 0)
		out_markdown(&b, d, o->diff_base, o->year);
	else
		out_json(&b, d, o->diff_base, o->content, o->year);
	if (b.len > 0)
		fwrite(b.data, 1, b.len, stdout);
	buf_free(&b);
	diff_free(d);
	return EXIT_OK;
}
