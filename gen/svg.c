/*
 * The SVG backend: every chart of an edition as a standalone SVG file,
 * drawn by chart.c on a cairo SVG surface, then repaired.  cairo writes
 * text as glyph outlines, names ids from a process-wide counter, and
 * writes no <title>/<desc>.  So chart.c records the text instead of
 * drawing it (chart_texts) and the repair pass puts a <text> element in
 * place of each line, gives each file its own ids in document order
 * (byte-identical output run to run, no collision when a page inlines two
 * charts) and a text alternative.  All state is local to a call: each
 * call makes its own font map.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-svg.h>
#include <zlib.h>

#include "report.h"
#include "extern.h"
#include "msg.h"
#include "backend.h"
#include "font.h"
#include "theme.h"
#include "logo.h"
#include "chart.h"
#include "i18n.h"

/*
 * The repair pass reads cairo's text as a stream of tags: cairo writes
 * well-formed XML (no DTD, no entities but the five, attributes in
 * double quotes), and this checks as much as it relies on (names,
 * quoting, nesting, one root) and refuses anything else.  Two passes: the
 * first collects the ids, the second writes, renaming ids and the
 * references to them (a reference may come before its target).
 */

#define MAX_ATTRS	32

struct attr {
	const char	*name, *val;
	size_t		 nlen, vlen;
};

enum tok_kind {
	TOK_EOF,
	TOK_TEXT,	/* character data, up to the next '<' */
	TOK_MISC,	/* <?…?> or <!--…--> */
	TOK_START,	/* <name …> */
	TOK_EMPTY,	/* <name …/> */
	TOK_END,	/* </name> */
	TOK_ERROR
};

struct tok {
	enum tok_kind	 kind;
	const char	*p;		/* the token's text */
	size_t		 len;
	const char	*name;		/* of an element */
	size_t		 nlen;
	struct attr	 a[MAX_ATTRS];
	size_t		 na;
};

static int
name_char(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_' ||
	    c == '.';
}

static int
xml_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Past the first s at or after p (before e), or NULL if there is none. */
static const char *
past(const char *p, const char *e, const char *s)
{
	const char	*q;
	size_t		 n = strlen(s);

	if ((q = memmem(p, (size_t)(e - p), s, n)) == NULL)
		return NULL;
	return q + n;
}

/* An end tag's "name>", from q: past the '>', or NULL. */
static const char *
lex_end(const char *q, const char *e, struct tok *t)
{
	for (t->name = q; q < e && name_char((unsigned char)*q); q++)
		continue;
	t->nlen = (size_t)(q - t->name);
	while (q < e && xml_space((unsigned char)*q))
		q++;
	if (t->nlen == 0 || q >= e || *q != '>')
		return NULL;
	return q + 1;
}

/* One attribute name="value" (or 'value') at q: past it, or NULL.  a
 * points into the input. */
static const char *
lex_attr(const char *q, const char *e, struct attr *a)
{
	char	 quote;

	for (a->name = q; q < e && name_char((unsigned char)*q); q++)
		continue;
	if ((a->nlen = (size_t)(q - a->name)) == 0 || q >= e ||
	    *q != '=' || ++q >= e || (*q != '"' && *q != '\''))
		return NULL;
	quote = *q++;
	a->val = q;
	if ((q = memchr(q, quote, (size_t)(e - q))) == NULL)
		return NULL;
	a->vlen = (size_t)(q - a->val);
	if (memchr(a->val, '<', a->vlen) != NULL)
		return NULL;
	return q + 1;
}

/* A start or empty tag, from its name at q: past its '>', or NULL;
 * *kind says which of the two. */
static const char *
lex_tag(const char *q, const char *e, struct tok *t, enum tok_kind *kind)
{
	for (t->name = q; q < e && name_char((unsigned char)*q); q++)
		continue;
	if ((t->nlen = (size_t)(q - t->name)) == 0)
		return NULL;
	for (;;) {
		if (q >= e)
			return NULL;
		if (*q == '>') {
			*kind = TOK_START;
			return q + 1;
		}
		if (*q == '/') {
			if (q + 1 >= e || q[1] != '>')
				return NULL;
			*kind = TOK_EMPTY;
			return q + 2;
		}
		if (!xml_space((unsigned char)*q))
			return NULL;
		while (q < e && xml_space((unsigned char)*q))
			q++;
		if (q < e && (*q == '>' || *q == '/'))
			continue;
		if (t->na == MAX_ATTRS)
			return NULL;
		if ((q = lex_attr(q, e, &t->a[t->na++])) == NULL)
			return NULL;
	}
}

/* The token at *pp (before e); advances *pp past it. */
static void
lex(const char **pp, const char *e, struct tok *t)
{
	const char	*p = *pp, *q;
	enum tok_kind	 kind;

	t->p = p;
	t->na = 0;
	t->kind = TOK_ERROR;
	if (p >= e) {
		t->kind = TOK_EOF;
		t->len = 0;
		return;
	}
	if (*p != '<') {
		if ((q = memchr(p, '<', (size_t)(e - p))) == NULL)
			q = e;
		kind = TOK_TEXT;
	} else if (e - p >= 2 && p[1] == '?') {
		q = past(p + 2, e, "?>");
		kind = TOK_MISC;
	} else if (e - p >= 4 && memcmp(p, "<!--", 4) == 0) {
		q = past(p + 4, e, "-->");
		kind = TOK_MISC;
	} else if (e - p >= 2 && p[1] == '/') {
		q = lex_end(p + 2, e, t);
		kind = TOK_END;
	} else
		q = lex_tag(p + 1, e, t, &kind);
	if (q == NULL)
		return;
	t->kind = kind;
	t->len = (size_t)(q - p);
	*pp = q;
}

static int
is_name(const char *s, size_t len, const char *lit)
{
	return strlen(lit) == len && memcmp(s, lit, len) == 0;
}

/* Old id -> its number in document order (from 1): open addressing on
 * the bytes of cairo's text, nothing copied. */
struct idmap {
	const char	**key;
	size_t		 *klen;
	size_t		 *num;		/* 0: empty slot */
	size_t		  n, cap;	/* cap: a power of two */
};

static size_t
id_hash(const char *s, size_t len)
{
	size_t	 h = 2166136261u, i;

	for (i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static size_t
idmap_get(const struct idmap *m, const char *s, size_t len)
{
	size_t	 i;

	if (m->cap == 0)
		return 0;
	for (i = id_hash(s, len) & (m->cap - 1); m->num[i] != 0;
	    i = (i + 1) & (m->cap - 1))
		if (m->klen[i] == len && memcmp(m->key[i], s, len) == 0)
			return m->num[i];
	return 0;
}

static void
idmap_add(struct idmap *m, const char *s, size_t len)
{
	struct idmap	 g;
	size_t		 i;

	if (idmap_get(m, s, len) != 0)
		return;
	if (2 * (m->n + 1) > m->cap) {
		g.cap = m->cap ? m->cap * 2 : 64;
		g.n = 0;
		g.key = xcalloc(g.cap, sizeof(*g.key));
		g.klen = xcalloc(g.cap, sizeof(*g.klen));
		g.num = xcalloc(g.cap, sizeof(*g.num));
		for (i = 0; i < m->cap; i++)
			if (m->num[i] != 0) {
				size_t j = id_hash(m->key[i], m->klen[i]) &
				    (g.cap - 1);

				while (g.num[j] != 0)
					j = (j + 1) & (g.cap - 1);
				g.key[j] = m->key[i];
				g.klen[j] = m->klen[i];
				g.num[j] = m->num[i];
			}
		g.n = m->n;
		free(m->key);
		free(m->klen);
		free(m->num);
		*m = g;
	}
	for (i = id_hash(s, len) & (m->cap - 1); m->num[i] != 0;
	    i = (i + 1) & (m->cap - 1))
		continue;
	m->key[i] = s;
	m->klen[i] = len;
	m->num[i] = ++m->n;
}

static void
idmap_free(struct idmap *m)
{
	free(m->key);
	free(m->klen);
	free(m->num);
}

/* n in decimal, at least width digits. */
static void
put_uint(struct buf *b, unsigned long long n, int width)
{
	char	 tmp[24];
	int	 i = (int)sizeof(tmp);

	do {
		tmp[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0 || (int)sizeof(tmp) - i < width);
	buf_put(b, tmp + i, sizeof(tmp) - (size_t)i);
}

/* v with at most dec (<= 4) decimals, no trailing zeros, no "-0"; the C
 * locale whatever the process's.  Within +-1e12 (a NaN is 0): nothing a
 * chart draws is near, and the digits fit a long long. */
static void
put_num(struct buf *b, double v, int dec)
{
	static const long long pow10[] = { 1, 10, 100, 1000, 10000 };
	long long	 q, fp;
	int		 k;

	if (isnan(v))
		v = 0;
	q = llround(fmin(fmax(v, -1e12), 1e12) * (double)pow10[dec]);
	if (q < 0) {
		buf_putc(b, '-');
		q = -q;
	}
	put_uint(b, (unsigned long long)(q / pow10[dec]), 1);
	if ((fp = q % pow10[dec]) == 0)
		return;
	for (k = dec; fp % 10 == 0; k--)
		fp /= 10;
	buf_putc(b, '.');
	put_uint(b, (unsigned long long)fp, k);
}

static void
put_rgb(struct buf *b, double r, double g, double bl)
{
	static const char hex[] = "0123456789abcdef";
	double	 c[3];
	int	 i, v;

	c[0] = r;
	c[1] = g;
	c[2] = bl;
	buf_putc(b, '#');
	for (i = 0; i < 3; i++) {
		v = (int)lround(fmin(fmax(c[i], 0), 1) * 255);
		buf_putc(b, hex[v >> 4]);
		buf_putc(b, hex[v & 15]);
	}
}

/* "<prefix>-gN", an id renamed. */
static void
put_id(struct buf *b, const char *prefix, size_t num)
{
	buf_puts(b, prefix);
	BUF_PUTSL(b, "-g");
	put_uint(b, num, 1);
}

/* One recorded line as a <text> element.  textLength: a viewer that
 * lacks the font and falls back to another one still fits the text into
 * the width pango gave it, so labels never run into each other. */
static void
put_text(struct buf *b, const struct chart_text *t, const char *family)
{
	BUF_PUTSL(b, "<text");
	if (t->m[0] == 1 && t->m[1] == 0 && t->m[2] == 0 && t->m[3] == 1) {
		BUF_PUTSL(b, " x=\"");
		put_num(b, t->x, 2);
		BUF_PUTSL(b, "\" y=\"");
		put_num(b, t->y, 2);
	} else {
		BUF_PUTSL(b, " transform=\"matrix(");
		put_num(b, t->m[0], 4);
		buf_putc(b, ' ');
		put_num(b, t->m[1], 4);
		buf_putc(b, ' ');
		put_num(b, t->m[2], 4);
		buf_putc(b, ' ');
		put_num(b, t->m[3], 4);
		buf_putc(b, ' ');
		put_num(b, t->x, 2);
		buf_putc(b, ' ');
		put_num(b, t->y, 2);
		buf_putc(b, ')');
	}
	BUF_PUTSL(b, "\" font-size=\"");
	put_num(b, t->size, 2);
	buf_putc(b, '"');
	if (strcmp(t->family, family) != 0) {
		BUF_PUTSL(b, " font-family=\"'");
		html_esc_xml(b, t->family);
		BUF_PUTSL(b, "', sans-serif\"");
	}
	if (t->bold)
		BUF_PUTSL(b, " font-weight=\"bold\"");
	if (t->italic)
		BUF_PUTSL(b, " font-style=\"italic\"");
	BUF_PUTSL(b, " fill=\"");
	put_rgb(b, t->r, t->g, t->b);
	buf_putc(b, '"');
	if (t->a < 1) {
		BUF_PUTSL(b, " fill-opacity=\"");
		put_num(b, t->a, 3);
		buf_putc(b, '"');
	}
	/* The viewer does the bidi again, in the direction pango took;
	 * the end of a right-to-left line is its left end, at x. */
	if (t->rtl)
		BUF_PUTSL(b, " direction=\"rtl\" text-anchor=\"end\"");
	/* Runs of spaces as drawn (SVG collapses them by default). */
	if (strstr(t->s, "  ") != NULL)
		BUF_PUTSL(b, " xml:space=\"preserve\"");
	BUF_PUTSL(b, " textLength=\"");
	put_num(b, t->width, 2);
	BUF_PUTSL(b, "\" lengthAdjust=\"spacingAndGlyphs\">");
	html_esc_xml(b, t->s);
	BUF_PUTSL(b, "</text>");
}

/* "url(#a) … url(#b)" with each known id renamed. */
static void
put_urls(struct buf *b, const char *v, size_t len, const struct idmap *m,
    const char *prefix)
{
	const char	*p = v, *e = v + len, *s, *q;
	size_t		 num;

	while ((s = memmem(p, (size_t)(e - p), "url(#", 5)) != NULL) {
		s += 5;
		if ((q = memchr(s, ')', (size_t)(e - s))) == NULL)
			break;
		buf_put(b, p, (size_t)(s - p));
		if ((num = idmap_get(m, s, (size_t)(q - s))) != 0)
			put_id(b, prefix, num);
		else
			buf_put(b, s, (size_t)(q - s));
		p = q;
	}
	buf_put(b, p, (size_t)(e - p));
}

static void put_urls(struct buf *, const char *, size_t,
    const struct idmap *, const char *);

/*
 * cairo writes paint as style="fill:…;stroke:…".  A page or a server that
 * forbids inline styles (Content-Security-Policy without 'unsafe-inline',
 * as the site's) drops such attributes and the shapes turn black.  Each
 * declaration becomes the presentation attribute of the same name, which
 * no policy touches: fill="rgb(…)" stroke-width="1.3".  cairo's values
 * hold no quote, and its properties are all presentation attributes.
 */
static void
put_style(struct buf *b, const struct attr *a, const struct idmap *m,
    const char *prefix)
{
	const char	*p = a->val, *e = a->val + a->vlen, *semi, *colon;
	const char	*n, *ne, *v, *ve;

	for (; p < e; p = semi + 1) {
		if ((semi = memchr(p, ';', (size_t)(e - p))) == NULL)
			semi = e;
		if ((colon = memchr(p, ':', (size_t)(semi - p))) == NULL)
			continue;
		for (n = p; n < colon && xml_space((unsigned char)*n); n++)
			continue;
		for (ne = colon; ne > n && xml_space((unsigned char)ne[-1]);
		    ne--)
			continue;
		for (v = colon + 1; v < semi && xml_space((unsigned char)*v);
		    v++)
			continue;
		for (ve = semi; ve > v && xml_space((unsigned char)ve[-1]);
		    ve--)
			continue;
		if (n == ne || v == ve || memchr(v, '"', (size_t)(ve - v)))
			continue;
		buf_putc(b, ' ');
		buf_put(b, n, (size_t)(ne - n));
		BUF_PUTSL(b, "=\"");
		put_urls(b, v, (size_t)(ve - v), m, prefix);
		buf_putc(b, '"');
	}
}

/* An attribute, its value following the renamed ids. */
static void
put_attr(struct buf *b, const struct attr *a, const struct idmap *m,
    const char *prefix)
{
	size_t	 num;

	if (is_name(a->name, a->nlen, "style")) {
		put_style(b, a, m, prefix);
		return;
	}
	buf_putc(b, ' ');
	buf_put(b, a->name, a->nlen);
	BUF_PUTSL(b, "=\"");
	if (is_name(a->name, a->nlen, "d") &&
	    memchr(a->val, '"', a->vlen) == NULL)
		buf_put(b, a->val, a->vlen);	/* path data: most bytes */
	else if (is_name(a->name, a->nlen, "id") &&
	    (num = idmap_get(m, a->val, a->vlen)) != 0)
		put_id(b, prefix, num);
	else if ((is_name(a->name, a->nlen, "href") || (a->nlen > 5 &&
	    memcmp(a->name + a->nlen - 5, ":href", 5) == 0)) &&
	    a->vlen > 1 && a->val[0] == '#' &&
	    (num = idmap_get(m, a->val + 1, a->vlen - 1)) != 0) {
		buf_putc(b, '#');
		put_id(b, prefix, num);
	} else if (memchr(a->val, '"', a->vlen) != NULL) {
		/* Was single-quoted: one quoting for all. */
		const char *p;

		for (p = a->val; p < a->val + a->vlen; p++)
			if (*p == '"')
				BUF_PUTSL(b, "&quot;");
			else
				buf_putc(b, *p);
	} else
		put_urls(b, a->val, a->vlen, m, prefix);
	buf_putc(b, '"');
}

static const struct attr *
get_attr(const struct tok *t, const char *name)
{
	size_t	 i;

	for (i = 0; i < t->na; i++)
		if (is_name(t->a[i].name, t->a[i].nlen, name))
			return &t->a[i];
	return NULL;
}

/* The root's start tag, with what accessibility needs, then <title>
 * and <desc>. */
static void
put_root(struct buf *b, const struct tok *t, const struct idmap *m,
    const char *prefix, const char *title, const char *desc,
    const char *family)
{
	const struct attr *w, *h;
	size_t		 i;

	BUF_PUTSL(b, "<svg");
	for (i = 0; i < t->na; i++)
		put_attr(b, &t->a[i], m, prefix);
	buf_printf(b, " role=\"img\" aria-labelledby=\"%s-title %s-desc\"",
	    prefix, prefix);
	if (get_attr(t, "viewBox") == NULL &&
	    (w = get_attr(t, "width")) != NULL &&
	    (h = get_attr(t, "height")) != NULL) {
		/* strtod stops at the unit, and at the quote at worst. */
		BUF_PUTSL(b, " viewBox=\"0 0 ");
		put_num(b, cnum_strtod(w->val, NULL), 4);
		buf_putc(b, ' ');
		put_num(b, cnum_strtod(h->val, NULL), 4);
		buf_putc(b, '"');
	}
	if (family != NULL) {
		BUF_PUTSL(b, " font-family=\"'");
		html_esc_xml(b, family);
		BUF_PUTSL(b, "', sans-serif\"");
	}
	buf_printf(b, "><title id=\"%s-title\">", prefix);
	html_esc_xml(b, title);
	buf_printf(b, "</title><desc id=\"%s-desc\">", prefix);
	html_esc_xml(b, desc);
	BUF_PUTSL(b, "</desc>");
}

static int
is_mark(const struct tok *t)
{
	const struct attr *a;

	return t->kind == TOK_EMPTY && is_name(t->name, t->nlen, "rect") &&
	    (a = get_attr(t, "style")) != NULL &&
	    is_name(a->val, a->vlen, CHART_MARK_STYLE);
}

/* The repair pass's second pass: what it writes to, the open elements
 * (names pointing into cairo's text, arrays owned here) and the next
 * recorded line. */
struct repair {
	struct buf		*out;
	struct idmap		 m;
	const char		*prefix, *title, *desc, *family;
	const struct chart_texts *ts;
	const char		**stack;
	size_t			*slen, depth, cap, k;
	int			 root;
};

/* First pass: the ids, in document order.  ' id="' can only be an
 * attribute in cairo's text (no character data, values in double
 * quotes); the second pass checks the rest.  0 if a value is not
 * closed. */
static int
collect_ids(struct idmap *m, const char *svg, const char *e)
{
	const char	*p, *q;

	for (p = svg; (p = memmem(p, (size_t)(e - p), " id=\"", 5)) != NULL;
	    p = q + 1) {
		p += 5;
		if ((q = memchr(p, '"', (size_t)(e - p))) == NULL)
			return 0;
		idmap_add(m, p, (size_t)(q - p));
	}
	return 1;
}

static int
all_space(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (!xml_space((unsigned char)s[i]))
			return 0;
	return 1;
}

/* An element opened: on the stack until its end tag. */
static void
push(struct repair *rp, const struct tok *t)
{
	if (rp->depth == rp->cap) {
		rp->cap = rp->cap ? rp->cap * 2 : 16;
		rp->stack = xreallocarray(rp->stack, rp->cap,
		    sizeof(*rp->stack));
		rp->slen = xreallocarray(rp->slen, rp->cap,
		    sizeof(*rp->slen));
	}
	rp->stack[rp->depth] = t->name;
	rp->slen[rp->depth++] = t->nlen;
}

/* The one <svg> root, with the title and description. */
static int
open_root(struct repair *rp, const struct tok *t)
{
	if (rp->root || !is_name(t->name, t->nlen, "svg"))
		return 0;
	rp->root = 1;
	put_root(rp->out, t, &rp->m, rp->prefix, rp->title, rp->desc,
	    rp->family);
	if (t->kind == TOK_EMPTY)
		BUF_PUTSL(rp->out, "</svg>");
	else
		push(rp, t);
	return 1;
}

/* In place of a mark: the lines of one layout. */
static int
put_lines(struct repair *rp)
{
	const struct chart_texts *ts = rp->ts;

	if (ts == NULL || rp->k == ts->n)
		return 0;
	do {
		if (rp->k > 0 && ts->t[rp->k].next)
			BUF_PUTSL(rp->out, "\n");
		put_text(rp->out, &ts->t[rp->k++], rp->family);
	} while (rp->k < ts->n && ts->t[rp->k].next);
	return 1;
}

/* A start or empty tag, its ids renamed. */
static int
repair_tag(struct repair *rp, const struct tok *t)
{
	size_t	 i;

	if (rp->depth == 0)
		return open_root(rp, t);
	if (is_mark(t))
		return put_lines(rp);
	buf_putc(rp->out, '<');
	buf_put(rp->out, t->name, t->nlen);
	for (i = 0; i < t->na; i++)
		put_attr(rp->out, &t->a[i], &rp->m, rp->prefix);
	if (t->kind == TOK_EMPTY) {
		BUF_PUTSL(rp->out, "/>");
		return 1;
	}
	buf_putc(rp->out, '>');
	push(rp, t);
	return 1;
}

/* An end tag, which must close the innermost open element. */
static int
close_tag(struct repair *rp, const struct tok *t)
{
	if (rp->depth == 0 || rp->slen[rp->depth - 1] != t->nlen ||
	    memcmp(rp->stack[rp->depth - 1], t->name, t->nlen) != 0)
		return 0;
	rp->depth--;
	buf_put(rp->out, t->p, t->len);
	return 1;
}

/* Second pass: the document, token by token.  0 if it is not what
 * cairo writes or does not use the recorded lines exactly. */
static int
repair_doc(struct repair *rp, const char *svg, const char *e)
{
	struct tok	 t;
	const char	*p;

	for (p = svg;;) {
		lex(&p, e, &t);
		switch (t.kind) {
		case TOK_EOF:
			return rp->root && rp->depth == 0 &&
			    rp->k == (rp->ts ? rp->ts->n : 0);
		case TOK_TEXT:
			/* Outside the root: white space only. */
			if (rp->depth == 0 && !all_space(t.p, t.len))
				return 0;
			buf_put(rp->out, t.p, t.len);
			break;
		case TOK_MISC:
			buf_put(rp->out, t.p, t.len);
			break;
		case TOK_START:
		case TOK_EMPTY:
			if (!repair_tag(rp, &t))
				return 0;
			break;
		case TOK_END:
			if (!close_tag(rp, &t))
				return 0;
			break;
		case TOK_ERROR:
		default:
			return 0;
		}
	}
}

int
svg_repair_text(struct buf *out, const char *svg, size_t len,
    const char *prefix, const char *title, const char *desc,
    const struct chart_texts *ts)
{
	struct repair	 rp;
	size_t		 start = out->len;
	int		 rc = 0;

	memset(&rp, 0, sizeof(rp));
	rp.out = out;
	rp.prefix = prefix;
	rp.title = title;
	rp.desc = desc;
	rp.ts = ts;
	if (ts != NULL && ts->n > 0)
		rp.family = ts->t[0].family;
	if (collect_ids(&rp.m, svg, svg + len))
		rc = repair_doc(&rp, svg, svg + len);
	if (!rc)
		out->len = start;	/* nothing half-written */
	if (out->data != NULL)
		out->data[out->len] = '\0';
	free(rp.stack);
	free(rp.slen);
	idmap_free(&rp.m);
	return rc;
}

int
svg_repair(struct buf *out, const char *svg, size_t len, const char *prefix,
    const char *title, const char *desc)
{
	return svg_repair_text(out, svg, len, prefix, title, desc, NULL);
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

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

/* The theme's background as cr's source. */
static void
set_background(cairo_t *cr)
{
	struct rgb	 c = theme_get()->ink[INK_BACKGROUND];

	cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

/* Draws a job on an SVG surface of w x h [pt] into raw (cairo's text),
 * its text into ts, under the heading hd (but the sheet). */
static int
render(struct buf *raw, struct chart_texts *ts, PangoContext *pc,
    const struct job *j, const struct chart_heading *hd, double w, double h)
{
	cairo_surface_t	*s;
	cairo_t		*cr;
	double		 y = 0;
	int		 rc;

	s = cairo_svg_surface_create_for_stream(write_buf, raw, w, h);
	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
	cr = cairo_create(s);
	chart_texts_attach(cr, ts);
	if (j->kind != DOC_SHEET) {
		set_background(cr);
		cairo_paint(cr);
		y = chart_heading_draw(cr, hd);
		cairo_translate(cr, 0, y);
	}
	switch (j->kind) {
	case DOC_INDICATOR:
		chart_draw(cr, pc, j->ind, j->year, w, h - y);
		break;
	case DOC_STATUS:
		chart_draw_status(cr, pc, j->r, j->e, w, h - y);
		break;
	case DOC_PROGRESS:
		chart_draw_progress(cr, pc, j->r, j->e, w, h - y);
		break;
	case DOC_SHEET:
		chart_draw_sheet(cr, pc, j->r, j->e, j->draft);
		break;
	default:
		abort();
	}
	rc = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		rc = 0;
	cairo_surface_destroy(s);
	return rc;
}

/* Renders and repairs one document into out. */
static int
document(struct buf *out, PangoContext *pc, const struct job *j,
    const char *prefix, const char *desc)
{
	struct buf	 raw = { NULL, 0, 0 };
	struct chart_texts ts = { NULL, 0, 0, 0 };
	struct chart_heading hd = { NULL, 0 };
	double		 w = j->width, h;
	char		*ids = NULL;
	int		 rc = 0;

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
	if (!render(&raw, &ts, pc, j, &hd, w, h))
		goto out;
	/* Ids unique across an edition, both variants included. */
	if (j->kind != DOC_SHEET && w < CHART_WIDTH)
		prefix = ids = xasprintf("%s-%s", prefix, fname(FNAME_NARROW));
	if (!svg_repair_text(out, raw.data, raw.len, prefix, j->title, desc,
	    &ts))
		goto out;
	rc = 1;
out:
	free(ids);
	chart_heading_free(&hd);
	chart_texts_free(&ts);
	buf_free(&raw);
	return rc;
}

int
svg_chart(struct buf *out, PangoContext *pc, const struct indicator *ind,
    int year, double w)
{
	struct job	 j;
	char		*title, *desc, *prefix;
	int		 rc;

	memset(&j, 0, sizeof(j));
	j.kind = DOC_INDICATOR;
	j.ind = ind;
	j.year = year;
	j.width = w;
	j.title = title = chart_title(ind, year);
	desc = chart_desc(ind, year);
	prefix = xasprintf("%s-%s", ind->measure->id, ind->id);
	rc = document(out, pc, &j, prefix, desc);
	free(title);
	free(desc);
	free(prefix);
	return rc;
}

/* Renders a job and writes it to rel. */
static int
emit(struct outdir *od, PangoContext *pc, const struct job *j,
    const char *prefix, const char *desc, const char *rel)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 rc = 0;

	if (!document(&b, pc, j, prefix, desc)) {
		diag_sys_msg(MSG_SVG_CHART, rel);
		goto out;
	}
	rc = out_write(od, rel, b.data, b.len);
out:
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

/* Four bytes, most significant first, as PNG writes its integers. */
static void
put_be32(unsigned char *p, unsigned long v)
{
	p[0] = (v >> 24) & 0xff;
	p[1] = (v >> 16) & 0xff;
	p[2] = (v >> 8) & 0xff;
	p[3] = v & 0xff;
}

/* A PNG chunk of type (four letters) and data [d, d + n) to b. */
static void
png_chunk(struct buf *b, const char *type, const unsigned char *d, size_t n)
{
	unsigned char	 h[8];
	uLong		 crc;

	put_be32(h, n);
	memcpy(h + 4, type, 4);
	buf_put(b, h, 8);
	buf_put(b, d, n);
	crc = crc32(0, h + 4, 4);
	if (n > 0)		/* crc32() of NULL is its initial value */
		crc = crc32(crc, d, n);
	put_be32(h, crc);
	buf_put(b, h, 4);
}

/*
 * An RGB24 image surface s as an 8-bit RGB PNG, to b.  cairo's writer
 * (libpng with its defaults) tries the five row filters on every row,
 * then deflates at level 6: 28 % of the instructions of a small site.
 * The card is flat colours and text, whose rows deflate best unfiltered
 * (rows repeat, runs of a colour repeat): no filter and zlib's fastest
 * level give a smaller file than cairo's (112 against 128 KB for the
 * sample's 2016 card, the same pixels) for a twentieth of the work.
 * Returns 1, or 0 if zlib fails.
 */
static int
png_rgb24(cairo_surface_t *s, struct buf *b)
{
	static const unsigned char sig[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	const unsigned char *data;
	unsigned char	 ihdr[13], *raw, *q, *z;
	uint32_t	 px;
	size_t		 w, h, stride, x, y, rawn;
	uLongf		 zn;
	int		 ok;

	cairo_surface_flush(s);
	data = cairo_image_surface_get_data(s);
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	stride = cairo_image_surface_get_stride(s);
	rawn = h * (1 + 3 * w);
	q = raw = xmalloc(rawn);
	for (y = 0; y < h; y++) {
		*q++ = 0;			/* no filter */
		for (x = 0; x < w; x++) {
			/* Native-endian xRGB. */
			memcpy(&px, data + y * stride + 4 * x, 4);
			*q++ = px >> 16;
			*q++ = px >> 8;
			*q++ = px;
		}
	}
	zn = compressBound(rawn);
	z = xmalloc(zn);
	ok = compress2(z, &zn, raw, rawn, Z_BEST_SPEED) == Z_OK;
	if (ok) {
		put_be32(ihdr, w);
		put_be32(ihdr + 4, h);
		/* 8 bits, colour type 2 (RGB), deflate, filters, not
		 * interlaced. */
		memcpy(ihdr + 8, "\x08\x02\x00\x00\x00", 5);
		buf_put(b, sig, sizeof(sig));
		png_chunk(b, "IHDR", ihdr, sizeof(ihdr));
		png_chunk(b, "IDAT", z, zn);
		png_chunk(b, "IEND", NULL, 0);
	}
	free(z);
	free(raw);
	return ok;
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
	struct buf	 b = { NULL, 0, 0 };
	double		 k = 630 / CHART_SHEET_HEIGHT;
	char		*rel;
	int		 rc = 0;

	rel = xasprintf("%d/%s-%d.png", e->year, fname(FNAME_SHARE), e->year);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 1200, 630);
	cr = cairo_create(s);
	set_background(cr);
	cairo_translate(cr, (1200 - CHART_SHEET_WIDTH * k) / 2, 0);
	cairo_scale(cr, k, k);
	chart_draw_sheet(cr, pc, r, e, draft);
	card_logo(cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS ||
	    !png_rgb24(s, &b))
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

int
svg_edition(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od)
{
	PangoFontMap	*fm;
	PangoContext	*pc;
	struct buf	 b = { NULL, 0, 0 };
	const struct indicator *ind;
	static const double width[2] = { CHART_WIDTH, CHART_NARROW_WIDTH };
	char		*file, *rel;
	size_t		 i, k;
	int		 rc = 1, v, draft;

	if (!font_load(o->styles) || !logo_load(o->styles))
		return 0;
	fm = font_map_new();
	pc = font_context(fm);

	for (i = 0; i < r->plan.nmeasures; i++)
		for (k = 0; k < r->plan.measures[i].ninds; k++) {
			ind = &r->plan.measures[i].inds[k];
			file = chart_file(ind);
			for (v = 0; v < 2 && rc; v++) {
				rel = variant(e->year, file, v);
				buf_reset(&b);
				if (!svg_chart(&b, pc, ind, e->year,
				    width[v])) {
					diag_sys_msg(MSG_SVG_CHART, rel);
					rc = 0;
				} else
					rc = out_write(od, rel, b.data, b.len);
				free(rel);
			}
			free(file);
			if (!rc)
				goto out;
		}

	draft = e->draft || o->draft;
	rc = edition_docs(od, pc, r, e, draft, width) &&
	    social_card(od, pc, r, e, draft);
out:
	buf_free(&b);
	chart_forget(pc);
	g_object_unref(pc);
	g_object_unref(fm);
	return rc;
}
