/*
 * The canvas as one standalone SVG document (see canvas.h), written here
 * element by element: no cairo surface, no second pass.  Paths are kept
 * in device space as cairo keeps them (a point is transformed when it is
 * added), so every fill and stroke is written without a matrix; a clip
 * is a <clipPath> and a group open until the restore that ends it; each
 * line of text is a <text> element in place, its width the one pango
 * laid out.  Paint goes into presentation attributes (fill="#…"), never
 * style="…", which a Content-Security-Policy without 'unsafe-inline'
 * (the site's) drops.  Numbers in the C locale whatever the process's:
 * coordinates as cairo kept and printed them (put_fixed()), so that the
 * site's charts draw the same pixels as they did through cairo's SVG
 * surface; ids "<prefix>-gN" in document order.
 *
 * Memory: a struct canvas_svg owns its buffers, states and strings.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pango.h>

#include "report.h"
#include "extern.h"
#include "font.h"
#include "canvas.h"

#define DEC	3	/* decimals of a line width, an opacity */
#define DEC_SIZE 6	/* of the drawing's size, as cairo's %f */

/* What save() keeps and restore() brings back. */
struct gstate {
	double	 m[6];		/* user to device: xx, yx, xy, yy, x0, y0 */
	double	 src[4];	/* the source: r, g, b, a */
	double	 lw;
	double	 dash[2];
	int	 dashed;
	enum canvas_cap	 cap;
	enum canvas_join join;
	size_t	 groups;	/* clip groups opened in this state */
};

struct canvas_svg {
	struct canvas	 cv;
	struct buf	 body;		/* what was drawn */
	struct buf	 path;		/* the current path's data */
	double		 w, h;		/* [pt] */
	double		 cx, cy;	/* the current point [device] */
	int		 hascp;
	size_t		 lastmove;	/* where a last 'M' starts in path,
					   or (size_t)-1 */
	int		 pending;	/* a fill waits (flush_fill()) */
	double		 pendrgba[4];	/* its paint */
	char		*prefix;
	char		*family;	/* the first text's: the root's */
	size_t		 nid;
	struct gstate	*st;		/* st[depth]: the current state */
	size_t		 depth, cap;
};

/*
 * What a layout's lines show and where, in its own units: the same each
 * time it is drawn, and the charts draw the layouts they keep (years,
 * ticks) many times.  So they are kept on the layout (object data),
 * with the layout's serial, which pango changes when the layout does.
 */
struct lfact {
	char	*s;		/* UTF-8, trimmed */
	double	 ux, uy;	/* start of the baseline [user units] */
	double	 width;		/* [user units] */
	int	 rtl;
	/* The <text> element after its position (put_text_rest()), as
	 * last written: in paint rgba, the family the document's or not. */
	struct buf rest;
	double	 rgba[4];
	int	 samefam;
};

struct lfacts {
	guint		 serial;
	size_t		 n;		/* lines that show something */
	struct lfact	 v[];
};

/* One line of text as drawn. */
struct line {
	const char *s;		/* UTF-8, trimmed */
	const char *family;
	double	 x, y;		/* start of the baseline [device] */
	double	 m[4];		/* xx, yx, xy, yy */
	double	 size, width;	/* [user units] */
	double	 r, g, b, a;
	int	 bold, italic, rtl;
};

static struct canvas_svg *
svg_of(struct canvas *cv)
{
	return (struct canvas_svg *)cv;
}

static struct gstate *
gs(struct canvas_svg *s)
{
	return &s->st[s->depth];
}

/* ---- numbers ---- */

/*
 * Numbers are formatted into a local array (NUM_MAX bytes at most: a
 * sign, 13 digits, a point, 6 decimals), then appended at once: a buffer
 * call per character cost more than the digits.
 */
#define NUM_MAX	24

#define BODY_CAP	16384	/* [bytes] a document's body, at first */

/* n in decimal, at least width (<= 20) digits, at p; returns the end. */
static char *
fmt_uint(char *p, unsigned long long n, int width)
{
	unsigned long long t;
	char		*e;
	int		 len = 1;

	/* Counted first, then written in place from the end: no copy
	 * (a third of a million numbers a site). */
	for (t = n; t >= 10; t /= 10)
		len++;
	for (; len < width; width--)
		*p++ = '0';
	e = p += len;
	do {
		*--p = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	return e;
}

/* v with at most dec (<= 6) decimals, no trailing zeros, no "-0"; the C
 * locale whatever the process's.  Within +-1e12 (a NaN is 0): nothing a
 * chart draws is near, and the digits fit a long long. */
static void
put_num(struct buf *b, double v, int dec)
{
	static const long long pow10[] = { 1, 10, 100, 1000, 10000, 100000,
	    1000000 };
	char		 tmp[NUM_MAX], *p = tmp;
	long long	 q, fp;
	int		 k;

	if (isnan(v))
		v = 0;
	q = llround(fmin(fmax(v, -1e12), 1e12) * (double)pow10[dec]);
	if (q < 0) {
		*p++ = '-';
		q = -q;
	}
	p = fmt_uint(p, (unsigned long long)(q / pow10[dec]), 1);
	if ((fp = q % pow10[dec]) != 0) {
		for (k = dec; fp % 10 == 0; k--)
			fp /= 10;
		*p++ = '.';
		p = fmt_uint(p, (unsigned long long)fp, k);
	}
	buf_put(b, tmp, (size_t)(p - tmp));
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

static void	 flush_fill(struct canvas_svg *);
static void	 path_op(struct canvas_svg *, char);

/* ---- state ---- */

static void
sv_save(struct canvas *cv)
{
	struct canvas_svg *s = svg_of(cv);

	if (s->depth + 1 == s->cap) {
		s->cap *= 2;
		s->st = xreallocarray(s->st, s->cap, sizeof(*s->st));
	}
	s->st[s->depth + 1] = s->st[s->depth];
	s->st[++s->depth].groups = 0;
}

/* Ends the clip groups of the current state. */
static void
close_groups(struct canvas_svg *s)
{
	for (; gs(s)->groups > 0; gs(s)->groups--)
		BUF_PUTSL(&s->body, "</g>\n");
}

static void
sv_restore(struct canvas *cv)
{
	struct canvas_svg *s = svg_of(cv);

	if (s->depth == 0)
		return;
	flush_fill(s);
	close_groups(s);
	s->depth--;
}

static void
sv_translate(struct canvas *cv, double dx, double dy)
{
	double	*m = gs(svg_of(cv))->m;

	m[4] += m[0] * dx + m[2] * dy;
	m[5] += m[1] * dx + m[3] * dy;
}

static void
sv_rotate(struct canvas *cv, double rad)
{
	double	*m = gs(svg_of(cv))->m, c = cos(rad), sn = sin(rad);
	double	 xx = m[0], yx = m[1], xy = m[2], yy = m[3];

	m[0] = xx * c + xy * sn;
	m[1] = yx * c + yy * sn;
	m[2] = xy * c - xx * sn;
	m[3] = yy * c - yx * sn;
}

static void
sv_source(struct canvas *cv, double r, double g, double b, double a)
{
	struct gstate *st = gs(svg_of(cv));

	st->src[0] = r;
	st->src[1] = g;
	st->src[2] = b;
	st->src[3] = a;
}

static void
sv_line_width(struct canvas *cv, double w)
{
	gs(svg_of(cv))->lw = w;
}

static void
sv_dash(struct canvas *cv, const double *d)
{
	struct gstate *st = gs(svg_of(cv));

	if ((st->dashed = d != NULL)) {
		st->dash[0] = d[0];
		st->dash[1] = d[1];
	}
}

static void
sv_cap(struct canvas *cv, enum canvas_cap c)
{
	gs(svg_of(cv))->cap = c;
}

static void
sv_join(struct canvas *cv, enum canvas_join j)
{
	gs(svg_of(cv))->join = j;
}

/* ---- the path, in device space ---- */

/*
 * The fractions of cairo's fixed point as %f prints them (rounded half
 * to even to six decimals, trailing zeros cut), with their point, or ""
 * for 0: 256 of them, written once per process (fmt_fixed() prints a
 * quarter of a million numbers for a large site).
 */
static char		 frac[256][8];
static unsigned char	 fraclen[256];
static pthread_once_t	 frac_once = PTHREAD_ONCE_INIT;

static void
frac_init(void)
{
	long long	 f;
	int		 i, w;

	for (i = 1; i < 256; i++) {
		/* In units of 1e-8 (exact: 1/256 = 0.00390625), then
		 * rounded to 1e-6. */
		f = (long long)i * 390625;
		if (f % 100 > 50 || (f % 100 == 50 && (f / 100) % 2 == 1))
			f += 100;
		if ((f /= 100) == 0)
			continue;
		frac[i][0] = '.';
		for (w = 6; w >= 1; w--) {
			frac[i][w] = (char)('0' + f % 10);
			f /= 10;
		}
		for (w = 7; frac[i][w - 1] == '0'; w--)
			continue;
		fraclen[i] = (unsigned char)w;
	}
}

/*
 * v [device] as cairo keeps it (24.8 fixed point) and prints it (%f,
 * which rounds half to even; trailing zeros cut), at p; returns the end.
 * The same numbers as cairo's SVG surface wrote, so that a viewer draws
 * the same pixels.  frac_init() was run.
 */
static char *
fmt_fixed(char *p, double v)
{
	long long	 k;

	/* Clamped as fmin(fmax(v, -1e12), 1e12), a NaN to -1e12, without
	 * two calls for each number of a path. */
	if (!(v >= -1e12))
		v = -1e12;
	else if (v > 1e12)
		v = 1e12;
	k = llrint(v * 256);
	if (k < 0) {
		*p++ = '-';
		k = -k;
	}
	p = fmt_uint(p, (unsigned long long)(k / 256), 1);
	memcpy(p, frac[k % 256], sizeof(frac[0]));
	return p + fraclen[k % 256];
}

/* v [device] to cairo's fixed point, ties to even as its conversion. */
static double
fixed(double v)
{
	return nearbyint(v * 256) / 256;
}

/* " X Y" of the device point (x, y), already fixed; it becomes the
 * current point. */
static void
put_dev(struct canvas_svg *s, double x, double y)
{
	char	 tmp[2 * NUM_MAX], *p = tmp;

	s->cx = x;
	s->cy = y;
	s->hascp = 1;
	*p++ = ' ';
	p = fmt_fixed(p, x);
	*p++ = ' ';
	p = fmt_fixed(p, y);
	buf_put(&s->path, tmp, (size_t)(p - tmp));
}

/* The same of the user point (x, y). */
static void
put_point(struct canvas_svg *s, double x, double y)
{
	const double *m = gs(s)->m;

	put_dev(s, fixed(m[0] * x + m[2] * y + m[4]),
	    fixed(m[1] * x + m[3] * y + m[5]));
}

/* A line by the user distance (dx, dy) from the current point, which
 * cairo adds in fixed point. */
static void
put_rel(struct canvas_svg *s, double dx, double dy)
{
	const double *m = gs(s)->m;

	path_op(s, 'L');
	put_dev(s, s->cx + fixed(m[0] * dx + m[2] * dy),
	    s->cy + fixed(m[1] * dx + m[3] * dy));
}

/* The next command of the path.  A move after a move replaces it, as
 * in cairo (text is placed with moves that draw nothing). */
static void
path_op(struct canvas_svg *s, char op)
{
	flush_fill(s);
	if (op == 'M' && s->lastmove != (size_t)-1)
		s->path.len = s->lastmove;
	s->lastmove = op == 'M' ? s->path.len : (size_t)-1;
	if (s->path.len > 0)
		buf_putc(&s->path, ' ');
	buf_putc(&s->path, op);
}

static void
sv_move_to(struct canvas *cv, double x, double y)
{
	struct canvas_svg *s = svg_of(cv);

	path_op(s, 'M');
	put_point(s, x, y);
}

static void
sv_line_to(struct canvas *cv, double x, double y)
{
	struct canvas_svg *s = svg_of(cv);

	path_op(s, s->hascp ? 'L' : 'M');
	put_point(s, x, y);
}

static void
sv_rect(struct canvas *cv, double x, double y, double w, double h)
{
	struct canvas_svg *s = svg_of(cv);

	double		 x0, y0;

	/* As cairo_rectangle(): a move, then relative lines. */
	sv_move_to(cv, x, y);
	x0 = s->cx;
	y0 = s->cy;
	put_rel(s, w, 0);
	put_rel(s, 0, h);
	put_rel(s, -w, 0);
	path_op(s, 'Z');
	path_op(s, 'M');
	put_dev(s, x0, y0);
}

/* cairo's arc, to draw the same curves: the largest angle π / n whose
 * Bézier approximation strays less than tolerance ÷ radius. */
static double
arc_max_angle(double tolerance)
{
	double	 a, q;
	int	 n;

	for (n = 1; n < 1000; n++) {
		a = M_PI / n;
		q = sin(a / 4);
		if (2.0 / 27 * pow(q, 6) / pow(cos(a / 4), 2) < tolerance)
			break;
	}
	return a;
}

/* One Bézier segment of the arc from angle a to b. */
static void
arc_segment(struct canvas_svg *s, double x, double y, double r, double a,
    double b)
{
	double	 h = 4.0 / 3 * tan((b - a) / 4);

	path_op(s, 'C');
	put_point(s, x + r * cos(a) - h * r * sin(a),
	    y + r * sin(a) + h * r * cos(a));
	put_point(s, x + r * cos(b) + h * r * sin(b),
	    y + r * sin(b) - h * r * cos(b));
	put_point(s, x + r * cos(b), y + r * sin(b));
}

/* As cairo draws it (cairo-arc.c): two half circles, each of as many
 * segments as its default tolerance (0.1 device unit) asks, not
 * closed. */
static void
sv_circle(struct canvas *cv, double x, double y, double r)
{
	struct canvas_svg *s = svg_of(cv);
	const double	*m = gs(s)->m;
	double		 k = r * sqrt(fabs(m[0] * m[3] - m[1] * m[2]));
	double		 step, a;
	int		 half, i, n;

	n = (int)ceil(M_PI / arc_max_angle(0.1 / k));
	step = M_PI / n;
	sv_move_to(cv, x + r, y);
	for (half = 0; half < 2; half++)
		for (i = 0, a = half * M_PI; i < n; i++, a += step)
			arc_segment(s, x, y, r, a,
			    i == n - 1 ? (half + 1) * M_PI : a + step);
}

static void
path_clear(struct canvas_svg *s)
{
	buf_reset(&s->path);
	s->hascp = 0;
	s->lastmove = (size_t)-1;
}

/* " d=\"…\"/>" and a new line. */
static void
put_d(struct canvas_svg *s)
{
	BUF_PUTSL(&s->body, " d=\"");
	buf_put(&s->body, s->path.data, s->path.len);
	BUF_PUTSL(&s->body, "\"/>\n");
}

/* " NAME=\"#rrggbb\"" and its opacity if any. */
static void
put_paint(struct buf *b, const char *name, const double *rgba)
{
	buf_putc(b, ' ');
	buf_puts(b, name);
	BUF_PUTSL(b, "=\"");
	put_rgb(b, rgba[0], rgba[1], rgba[2]);
	buf_putc(b, '"');
	if (rgba[3] < 1) {
		buf_putc(b, ' ');
		buf_puts(b, name);
		BUF_PUTSL(b, "-opacity=\"");
		put_num(b, rgba[3], DEC);
		buf_putc(b, '"');
	}
}

static const double *
source_of(struct canvas_svg *s)
{
	return gs(s)->src;
}

/*
 * A fill that keeps its path waits: a stroke of the same path follows
 * as a rule (a marker's disc and its ring), and both go into one
 * element, as cairo wrote them.  Anything else writes the fill alone.
 */
static void
flush_fill(struct canvas_svg *s)
{
	if (!s->pending)
		return;
	s->pending = 0;
	BUF_PUTSL(&s->body, "<path");
	put_paint(&s->body, "fill", s->pendrgba);
	put_d(s);
}

static void
sv_fill(struct canvas *cv, int preserve)
{
	struct canvas_svg *s = svg_of(cv);

	flush_fill(s);
	if (s->path.len == 0)
		return;
	if (preserve) {
		s->pending = 1;
		memcpy(s->pendrgba, source_of(s), sizeof(s->pendrgba));
		return;
	}
	BUF_PUTSL(&s->body, "<path");
	put_paint(&s->body, "fill", source_of(s));
	put_d(s);
	path_clear(s);
}

/* A length under the matrix: rotations keep it. */
static void
put_len(struct canvas_svg *s, double v)
{
	const double *m = gs(s)->m;

	put_num(&s->body, v * sqrt(fabs(m[0] * m[3] - m[1] * m[2])), DEC);
}

static void
sv_stroke(struct canvas *cv)
{
	struct canvas_svg *s = svg_of(cv);
	const struct gstate *st = gs(s);

	if (s->path.len == 0)
		return;
	BUF_PUTSL(&s->body, "<path");
	if (s->pending)
		put_paint(&s->body, "fill", s->pendrgba);
	else
		BUF_PUTSL(&s->body, " fill=\"none\"");
	s->pending = 0;
	put_paint(&s->body, "stroke", source_of(s));
	BUF_PUTSL(&s->body, " stroke-width=\"");
	put_len(s, st->lw);
	buf_putc(&s->body, '"');
	if (st->cap == CANVAS_CAP_ROUND)
		BUF_PUTSL(&s->body, " stroke-linecap=\"round\"");
	if (st->join == CANVAS_JOIN_ROUND)
		BUF_PUTSL(&s->body, " stroke-linejoin=\"round\"");
	if (st->dashed) {
		BUF_PUTSL(&s->body, " stroke-dasharray=\"");
		put_len(s, st->dash[0]);
		buf_putc(&s->body, ' ');
		put_len(s, st->dash[1]);
		buf_putc(&s->body, '"');
	}
	put_d(s);
	path_clear(s);
}

/* "<prefix>-gN" */
static void
put_id(struct canvas_svg *s, size_t n)
{
	buf_puts(&s->body, s->prefix);
	BUF_PUTSL(&s->body, "-g");
	buf_udec(&s->body, n, 0);
}

static void
sv_clip(struct canvas *cv)
{
	struct canvas_svg *s = svg_of(cv);
	size_t		 id = ++s->nid;

	flush_fill(s);
	BUF_PUTSL(&s->body, "<clipPath id=\"");
	put_id(s, id);
	BUF_PUTSL(&s->body, "\"><path");
	put_d(s);
	BUF_PUTSL(&s->body, "</clipPath>\n<g clip-path=\"url(#");
	put_id(s, id);
	BUF_PUTSL(&s->body, ")\">\n");
	gs(s)->groups++;
	path_clear(s);
}

static void
sv_paint(struct canvas *cv)
{
	struct canvas_svg *s = svg_of(cv);

	flush_fill(s);
	BUF_PUTSL(&s->body, "<rect x=\"0\" y=\"0\" width=\"");
	put_num(&s->body, s->w, DEC_SIZE);
	BUF_PUTSL(&s->body, "\" height=\"");
	put_num(&s->body, s->h, DEC_SIZE);
	buf_putc(&s->body, '"');
	put_paint(&s->body, "fill", source_of(s));
	BUF_PUTSL(&s->body, "/>\n");
}

/* ---- text ---- */

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Items by their place in the text. */
static int
item_cmp(const void *a, const void *b)
{
	const PangoItem	*x = *(PangoItem *const *)a, *y = *(PangoItem *const *)b;

	return (x->offset > y->offset) - (x->offset < y->offset);
}

/*
 * The characters a line shows, from its runs: pango's ellipsis run
 * stands for the text it hides and shows "…"; a run broken inside a word
 * ends with the hyphen pango adds.  Trims the white space that SVG would
 * strip anyway; *lead and *trail say whether it did.  Caller frees.
 */
static char *
line_text(PangoLayoutLine *line, const char *text, int *lead, int *trail)
{
	struct buf	 b = { NULL, 0, 0 };
	GSList		*r;
	PangoItem	*it, **runs;
	size_t		 s, e, i, n;

	*lead = *trail = 0;
	/* Runs come in visual order; the SVG's text is in logical order
	 * (its reader does the bidi again): right-to-left runs sorted. */
	n = g_slist_length(line->runs);
	runs = xcalloc(n + 1, sizeof(*runs));
	for (i = 0, r = line->runs; r != NULL; r = r->next)
		runs[i++] = ((PangoGlyphItem *)r->data)->item;
	qsort(runs, n, sizeof(*runs), item_cmp);
	for (i = 0; i < n; i++) {
		it = runs[i];
		if (it->analysis.flags & PANGO_ANALYSIS_FLAG_IS_ELLIPSIS)
			buf_puts(&b, "…");
		else
			buf_put(&b, text + it->offset, (size_t)it->length);
		if (it->analysis.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN)
			buf_putc(&b, '-');
	}
	free(runs);
	if (b.data == NULL)
		return xstrdup("");
	for (s = 0; s < b.len && is_space((unsigned char)b.data[s]); s++)
		continue;
	for (e = b.len; e > s && is_space((unsigned char)b.data[e - 1]); e--)
		continue;
	*lead = s > 0;
	*trail = e < b.len;
	b.data[e] = '\0';
	if (s > 0)
		memmove(b.data, b.data + s, e - s + 1);
	return buf_detach(&b);
}

/* Where the text of the line starts and ends, white space left out
 * [pango units, from the line's left edge]. */
static void
line_span(PangoLayoutLine *line, const char *text, int *x0, int *x1)
{
	int	 s = line->start_index, e = line->start_index + line->length;

	while (s < e && is_space((unsigned char)text[s]))
		s++;
	while (e > s && is_space((unsigned char)text[e - 1]))
		e--;
	pango_layout_line_index_to_x(line, s, 0, x0);
	if (e > s)
		pango_layout_line_index_to_x(line, (int)(g_utf8_prev_char(
		    text + e) - text), 1, x1);
	else
		*x1 = *x0;
}

/* One line as a <text> element: its start, up to its position. */
static void
put_text_at(struct buf *b, const struct line *t)
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
}

/* The rest of it.  textLength: a viewer that lacks the font and falls
 * back to another one still fits the text into the width pango gave
 * it, so labels never run into each other. */
static void
put_text_rest(struct buf *b, const struct line *t, const char *family)
{
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
	BUF_PUTSL(b, "</text>\n");
}

/* The line the iterator is on, from its layout's top left, into f (f->s
 * is the caller's to free); 0 if it shows nothing. */
static int
line_fact(PangoLayoutIter *it, const char *text, struct lfact *f)
{
	PangoLayoutLine	*line = pango_layout_iter_get_line_readonly(it);
	PangoRectangle	 log;
	int		 lead, trail, x0, x1;
	char		*str;

	str = line_text(line, text, &lead, &trail);
	if (str[0] == '\0') {
		free(str);
		return 0;
	}
	f->s = str;
	pango_layout_iter_get_line_extents(it, NULL, &log);
	f->ux = (double)log.x / PANGO_SCALE;
	f->uy = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
	f->width = (double)log.width / PANGO_SCALE;
	if (lead || trail) {
		/* The advance of what is left. */
		line_span(line, text, &x0, &x1);
		f->ux += (double)x0 / PANGO_SCALE;
		f->width = (double)(x1 - x0) / PANGO_SCALE;
	}
	f->rtl = line->resolved_dir == PANGO_DIRECTION_RTL;
	return 1;
}

static void
lfacts_free(void *p)
{
	struct lfacts	*fs = p;
	size_t		 i;

	for (i = 0; i < fs->n; i++) {
		free(fs->v[i].s);
		buf_free(&fs->v[i].rest);
	}
	free(fs);
}

static const char lfacts_key[] = "rapporteur-svg-lines";

/* The lines of l, kept on it (owned by l). */
static struct lfacts *
lfacts_get(PangoLayout *l)
{
	struct lfacts	*fs;
	PangoLayoutIter	*it;
	const char	*text;
	guint		 serial = pango_layout_get_serial(l);

	fs = g_object_get_data(G_OBJECT(l), lfacts_key);
	if (fs != NULL && fs->serial == serial)
		return fs;
	fs = xcalloc(1, sizeof(*fs) + (size_t)pango_layout_get_line_count(l) *
	    sizeof(fs->v[0]));
	fs->serial = serial;
	text = pango_layout_get_text(l);
	it = pango_layout_get_iter(l);
	do {
		fs->n += line_fact(it, text, &fs->v[fs->n]);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_set_data_full(G_OBJECT(l), lfacts_key, fs, lfacts_free);
	return fs;
}

/* Each line of l as a <text>, its layout's top left at the current
 * point, in the source; outline or not, text. */
static void
sv_text(struct canvas *cv, PangoLayout *l, int outline)
{
	struct canvas_svg *s = svg_of(cv);
	const struct gstate *st = gs(s);
	const PangoFontDescription *fd;
	struct lfacts	*fs;
	struct lfact	*f;
	const double	*m = st->m;
	struct line	 t;
	const char	*fam;
	size_t		 i;
	int		 samefam;

	flush_fill(s);
	memset(&t, 0, sizeof(t));
	if ((fd = pango_layout_get_font_description(l)) == NULL)
		fd = pango_context_get_font_description(
		    pango_layout_get_context(l));
	if ((fam = pango_font_description_get_family(fd)) == NULL)
		fam = FONT_SANS;
	if (s->family == NULL)
		s->family = xstrdup(fam);
	t.family = fam;
	memcpy(t.m, st->m, sizeof(t.m));
	t.size = (double)pango_font_description_get_size(fd) / PANGO_SCALE;
	t.bold = pango_font_description_get_weight(fd) >= PANGO_WEIGHT_SEMIBOLD;
	t.italic = pango_font_description_get_style(fd) != PANGO_STYLE_NORMAL;
	t.r = st->src[0];
	t.g = st->src[1];
	t.b = st->src[2];
	t.a = st->src[3];
	samefam = strcmp(fam, s->family) == 0;
	fs = lfacts_get(l);
	for (i = 0; i < fs->n; i++) {
		f = &fs->v[i];
		t.s = f->s;
		t.width = f->width;
		t.rtl = f->rtl;
		t.x = s->cx + m[0] * f->ux + m[2] * f->uy;
		t.y = s->cy + m[1] * f->ux + m[3] * f->uy;
		put_text_at(&s->body, &t);
		if (f->rest.len == 0 || f->samefam != samefam ||
		    memcmp(f->rgba, st->src, sizeof(f->rgba)) != 0) {
			buf_reset(&f->rest);
			put_text_rest(&f->rest, &t, s->family);
			memcpy(f->rgba, st->src, sizeof(f->rgba));
			f->samefam = samefam;
		}
		buf_put(&s->body, f->rest.data, f->rest.len);
	}
}

void
canvas_memo_free(struct canvas_memo *m)
{
	free(m->rest);
	memset(m, 0, sizeof(*m));
}

/* The rest of t's <text> to s, from m if it was written in the same
 * paint and family of the document (as sv_text() keeps a layout's). */
static void
memo_rest(struct canvas_svg *s, const struct line *t, struct canvas_memo *m)
{
	const double	*src = gs(s)->src;
	struct buf	 b = { NULL, 0, 0 };
	int		 samefam = strcmp(t->family, s->family) == 0;

	if (m == NULL) {
		put_text_rest(&s->body, t, s->family);
		return;
	}
	if (m->rest == NULL || m->samefam != samefam ||
	    memcmp(m->rgba, src, sizeof(m->rgba)) != 0) {
		put_text_rest(&b, t, s->family);
		free(m->rest);
		m->len = b.len;
		m->rest = buf_detach(&b);
		memcpy(m->rgba, src, sizeof(m->rgba));
		m->samefam = samefam;
	}
	buf_put(&s->body, m->rest, m->len);
}

/* A line shaped by the caller, written as sv_text() writes a layout's
 * line of the same text, font and advance. */
static void
sv_line(struct canvas *cv, const struct canvas_line *l)
{
	struct canvas_svg *s = svg_of(cv);
	const struct gstate *st = gs(s);
	const double	*m = st->m;
	struct line	 t;

	flush_fill(s);
	memset(&t, 0, sizeof(t));
	if (s->family == NULL)
		s->family = xstrdup(l->family);
	t.s = l->s;
	t.family = l->family;
	memcpy(t.m, m, sizeof(t.m));
	t.size = l->size;
	t.bold = l->bold;
	t.width = l->width;
	t.r = st->src[0];
	t.g = st->src[1];
	t.b = st->src[2];
	t.a = st->src[3];
	/* sv_text()'s sums, with the line at the layout's left edge. */
	t.x = s->cx + m[0] * 0.0 + m[2] * l->baseline;
	t.y = s->cy + m[1] * 0.0 + m[3] * l->baseline;
	put_text_at(&s->body, &t);
	memo_rest(s, &t, l->memo);
}

/* ---- the document ---- */

static const struct canvas_ops svg_ops = {
	sv_save, sv_restore, sv_translate, sv_rotate, sv_source,
	sv_line_width, sv_dash, sv_cap, sv_join, sv_move_to, sv_line_to,
	sv_rect, sv_circle, sv_fill, sv_stroke, sv_clip, sv_paint, sv_text,
	sv_line
};

struct canvas_svg *
canvas_svg_new(double w, double h, const char *prefix)
{
	struct canvas_svg *s;

	pthread_once(&frac_once, frac_init);
	s = xcalloc(1, sizeof(*s));
	s->cv.ops = &svg_ops;
	/* Room for a chart at once: grown from 64 bytes, the body of a
	 * few kilobytes was copied a dozen times. */
	s->body.cap = BODY_CAP;
	s->body.data = xmalloc(s->body.cap);
	s->body.data[0] = '\0';
	s->w = w;
	s->h = h;
	s->prefix = xstrdup(prefix);
	s->lastmove = (size_t)-1;
	s->cap = 8;
	s->st = xcalloc(s->cap, sizeof(*s->st));
	/* cairo's defaults. */
	s->st[0].m[0] = s->st[0].m[3] = 1;
	s->st[0].src[3] = 1;
	s->st[0].lw = 2;
	return s;
}

struct canvas *
canvas_svg_canvas(struct canvas_svg *s)
{
	return &s->cv;
}

void
canvas_svg_finish(struct canvas_svg *s, struct buf *out, const char *title,
    const char *desc)
{
	while (s->depth > 0)
		sv_restore(&s->cv);
	flush_fill(s);
	close_groups(s);
	BUF_PUTSL(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"");
	put_num(out, s->w, DEC_SIZE);
	BUF_PUTSL(out, "pt\" height=\"");
	put_num(out, s->h, DEC_SIZE);
	BUF_PUTSL(out, "pt\" viewBox=\"0 0 ");
	put_num(out, s->w, DEC_SIZE);
	buf_putc(out, ' ');
	put_num(out, s->h, DEC_SIZE);
	/* cairo's miter limit: SVG's default is 4. */
	buf_printf(out, "\" version=\"1.1\" stroke-miterlimit=\"10\" "
	    "role=\"img\" aria-labelledby=\"%s-title %s-desc\"",
	    s->prefix, s->prefix);
	if (s->family != NULL) {
		BUF_PUTSL(out, " font-family=\"'");
		html_esc_xml(out, s->family);
		BUF_PUTSL(out, "', sans-serif\"");
	}
	buf_printf(out, "><title id=\"%s-title\">", s->prefix);
	html_esc_xml(out, title);
	buf_printf(out, "</title><desc id=\"%s-desc\">", s->prefix);
	html_esc_xml(out, desc);
	BUF_PUTSL(out, "</desc>\n");
	buf_put(out, s->body.data, s->body.len);
	BUF_PUTSL(out, "</svg>\n");
}

void
canvas_svg_free(struct canvas_svg *s)
{
	if (s == NULL)
		return;
	buf_free(&s->body);
	buf_free(&s->path);
	free(s->prefix);
	free(s->family);
	free(s->st);
	free(s);
}
