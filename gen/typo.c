/*
 * French typography and locale-free number formatting: one module shared
 * by every backend, so a sentence or a number reads the same in the PDF,
 * the site and the charts.  Nothing here depends on setlocale(): numbers
 * are converted by cnum.c in the C locale.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "i18n.h"

#define NNBSP	"\xe2\x80\xaf"	/* U+202F narrow no-break space */
#define NBSP	"\xc2\xa0"	/* U+00A0 no-break space */

/* Drops one trailing space (ASCII, no-break or narrow) from out. */
static void
trim_space(struct buf *out)
{
	if (out->len >= 1 && (out->data[out->len - 1] == ' ' ||
	    out->data[out->len - 1] == '\t'))
		out->len -= 1;
	else if (out->len >= 2 && memcmp(out->data + out->len - 2, NBSP, 2) == 0)
		out->len -= 2;
	else if (out->len >= 3 &&
	    memcmp(out->data + out->len - 3, NNBSP, 3) == 0)
		out->len -= 3;
	else
		return;
	out->data[out->len] = '\0';
}

/* Is byte k of in a blank between words (ASCII blank or U+00A0)? */
static int
blank_at(const char *in, size_t k)
{
	const unsigned char *u = (const unsigned char *)in;

	return u[k] == ' ' || u[k] == '\t' || u[k] == '\n' ||
	    (u[k] == 0xc2 && u[k + 1] == 0xa0) ||
	    (u[k] == 0xa0 && k > 0 && u[k - 1] == 0xc2);
}

/* The word of in around the current position: bytes [.., end). */
struct word {
	size_t	 end;		/* 0: none yet */
	int	 url;
};

/* Is the word that contains position i of in a URL or an address?  The
 * answer is kept in w until i leaves the word (i only grows), so a long
 * word full of punctuation is scanned once, not once per mark. */
static int
in_url(const char *in, size_t i, struct word *w)
{
	size_t	 a = i, b = i;

	if (i < w->end)
		return w->url;
	while (a > 0 && !blank_at(in, a - 1))
		a--;
	while (in[b] != '\0' && !blank_at(in, b))
		b++;
	w->end = b;
	w->url = 0;
	for (; a + 2 < b; a++)
		if (strncmp(in + a, "://", 3) == 0 ||
		    strncmp(in + a, "www.", 4) == 0) {
			w->url = 1;
			break;
		}
	return w->url;
}

/* Can c follow a word-final punctuation mark?  (Space, end of the run,
 * closing punctuation.) */
static int
ends_word(unsigned char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == ')' ||
	    c == ']' || c == '"' || c == '\'' || c == ',' || c == '.' ||
	    c == '!' || c == '?' || c == 0xc2 || c == 0xe2;
}

/* Does s start with exactly three digits, as a group of thousands? */
static int
thousands(const char *s)
{
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
	    s[2] >= '0' && s[2] <= '9' && !(s[3] >= '0' && s[3] <= '9');
}

/* Quotation marks at s, c their character: French guillemets with
 * their narrow spaces, *n the bytes of s they take.  0 if c is none. */
static int
fr_quote(struct typo *t, struct buf *out, const char *s, unsigned c,
    size_t *n)
{
	switch (c) {
	case '"':
		if (!t->quote) {
			BUF_PUTSL(out, "«" NNBSP);
			while (s[*n] == ' ')
				(*n)++;
			t->quote = 1;
			t->prev = 0x202f;
		} else {
			trim_space(out);
			BUF_PUTSL(out, NNBSP "»");
			t->quote = 0;
			t->prev = 0xbb;
		}
		return 1;
	case 0xab:	/* « */
		BUF_PUTSL(out, "«" NNBSP);
		while (s[*n] == ' ' || strncmp(s + *n, NBSP, 2) == 0 ||
		    strncmp(s + *n, NNBSP, 3) == 0)
			*n += s[*n] == ' ' ? 1 :
			    (unsigned char)s[*n] == 0xc2 ? 2 : 3;
		t->prev = 0x202f;
		return 1;
	case 0xbb:	/* » */
		trim_space(out);
		if (t->prev != 0)
			BUF_PUTSL(out, NNBSP);
		BUF_PUTSL(out, "»");
		t->prev = 0xbb;
		return 1;
	default:
		return 0;
	}
}

/* Characters at s that French writes otherwise (quotation marks,
 * apostrophe, the space in a number, ellipsis), c the first: writes
 * them, *n the bytes of s they take.  0 if c is none. */
static int
fr_replace(struct typo *t, struct buf *out, const char *s, unsigned c,
    size_t *n)
{
	if (fr_quote(t, out, s, c, n))
		return 1;
	if (c == '\'') {
		BUF_PUTSL(out, "’");
		t->prev = 0x2019;
		return 1;
	}
	/* "170 000": a group of thousands stays with the rest of its
	 * number. */
	if (c == ' ' && t->prev >= '0' && t->prev <= '9' &&
	    thousands(s + 1)) {
		BUF_PUTSL(out, NNBSP);
		t->prev = 0x202f;
		return 1;
	}
	if (c == '.' && strncmp(s, "...", 3) == 0) {
		BUF_PUTSL(out, "…");
		*n = 3;
		t->prev = 0x2026;
		return 1;
	}
	return 0;
}

/* The space French puts before c, a punctuation mark or sign at in + i
 * followed by the byte next: none inside an address, after an opening
 * bracket or at the start of the run. */
static void
fr_space_before(struct typo *t, struct buf *out, const char *in, size_t i,
    unsigned c, unsigned next, struct word *w)
{
	switch (c) {
	case ';':
	case '!':
	case '?':
		/* Punctuation ends a word: "x?y=1" is no question. */
		if (!ends_word(next) || in_url(in, i, w) ||
		    t->prev == 0 || t->prev == '?' || t->prev == '!' ||
		    t->prev == '(' ||
		    t->prev == 0x2026 || t->prev == '[')
			break;
		trim_space(out);
		BUF_PUTSL(out, NNBSP);
		break;
	case ':':
		if (!ends_word(next) || in_url(in, i, w) ||
		    t->prev == 0 || next == '/' ||
		    (t->prev >= '0' && t->prev <= '9' &&
		    next >= '0' && next <= '9') || t->prev == '(')
			break;
		trim_space(out);
		BUF_PUTSL(out, NBSP);
		break;
	case '%':
	case 0x20ac:	/* € */
	case 0xa3:	/* £ */
	case '$':
		/* "81 %", "170 €": the sign stays with its number. */
		if (t->prev == ' ') {
			trim_space(out);
			BUF_PUTSL(out, NNBSP);
		}
		break;
	default:
		break;
	}
}

/* Does French typography change c, or put a space before it, after the
 * code point prev?  (What fr_replace() and fr_space_before() act on.) */
static int
fr_marked(unsigned c, int prev)
{
	switch (c) {
	case '"':
	case '\'':
	case '.':
	case ';':
	case '!':
	case '?':
	case ':':
	case '%':
	case '$':
	case 0xa3:	/* £ */
	case 0xab:	/* « */
	case 0xbb:	/* » */
	case 0x20ac:	/* € */
		return 1;
	case ' ':
		return prev >= '0' && prev <= '9';
	default:
		return 0;
	}
}

/* The ASCII bytes that end a run typo_fr() copies without a look, as
 * any byte of another character does: what fr_marked() may mark but a
 * space, digits (a space after one is marked), and the final NUL.
 * Within a run, a space follows no digit. */
static const unsigned char fr_stop[128] = {
	[0] = 1, ['"'] = 1, ['\''] = 1, ['.'] = 1, [';'] = 1, ['!'] = 1,
	['?'] = 1, [':'] = 1, ['%'] = 1, ['$'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
};

/* Does byte b go on a run? */
#define FR_RUN(b)	((b) < 0x80 && !fr_stop[(b)])

void
typo_fr(struct typo *t, struct buf *out, const char *in)
{
	const unsigned char *u = (const unsigned char *)in;
	size_t	 i, n, run = 0, len = strlen(in);
	unsigned c, next;
	struct word w = { 0, 0 };

	/* in[run..i) is copied as it is, in one piece when a mark comes
	 * (the rules look at what out ends with) or at the end. */
	for (i = 0; i < len; i += n) {
		if (FR_RUN(u[i]) && !(u[i] == ' ' && t->prev >= '0' &&
		    t->prev <= '9')) {
			for (n = 1; FR_RUN(u[i + n]); n++)
				continue;
			t->prev = u[i + n - 1];
			continue;
		}
		/* A byte that is not UTF-8 passes as it is. */
		if ((unsigned char)in[i] < 0x80) {
			c = (unsigned char)in[i];
			n = 1;
		} else if ((c = utf8_get(in + i, len - i, &n)) == UTF8_BAD)
			c = (unsigned char)in[i];
		if (!fr_marked(c, t->prev)) {
			t->prev = c;
			continue;
		}
		buf_put(out, in + run, i - run);
		next = (unsigned char)in[i + n];
		if (!fr_replace(t, out, in + i, c, &n)) {
			fr_space_before(t, out, in, i, c, next, &w);
			buf_put(out, in + i, n);
			t->prev = c;
		}
		run = i + n;
	}
	if (run < len)
		buf_put(out, in + run, len - run);
}

void
typo_text(struct typo *t, struct buf *out, const char *in)
{
	if (t->lang == LANG_FR + 1 || (t->lang == 0 && i18n_lang() == LANG_FR))
		typo_fr(t, out, in);
	else
		buf_puts(out, in);	/* English has no such rules */
}

const char *
typo_str(struct arena *ar, const char *s)
{
	struct typo	 t = { 0, 0, 0 };
	struct buf	 b = { NULL, 0, 0 };
	const char	*r;

	if (s == NULL)
		return NULL;
	typo_text(&t, &b, s);
	r = arena_strndup(ar, b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}

/* The digits of m (< 1e15), but its trailing zeros, into digs; returns
 * how many digits m has. */
static int
int_digits(char *digs, double m)
{
	unsigned long long u = (unsigned long long)m;
	char		 r[24];
	int		 n = 0, i;

	do
		r[n++] = '0' + u % 10;
	while ((u /= 10) > 0);
	for (i = 0; i < n; i++)
		digs[i] = r[n - 1 - i];
	for (i = n; i > 1 && digs[i - 1] == '0'; i--)
		continue;
	digs[i] = '\0';
	return n;
}

/*
 * The digits of the shortest decimal form of v (finite, >= 0) that reads
 * back as v, into digs (at least 18 bytes: 17 digits at most), no
 * trailing zero but for v = 0 ("0"); returns the place of its decimal
 * point (1 for "1.5", 0 for "0.15").  Of the decimals of at most 15
 * significant digits, at most one reads back as a given double: they lie
 * further apart than its neighbours do.  So a value that is some m / 10^k
 * (m < 10^15, the division exact to the last bit as strtod is) has the
 * digits of m: most values of indicators, found with no conversion.
 * Else, when the 15-digit form reads back, the shortest is that form
 * without its trailing zeros, and only otherwise are 16 and 17 digits
 * tried.
 */
static int
shortest_digits(char *digs, double v)
{
	static const double p10[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6 };
	char		 s[64], *e;
	double		 m;
	size_t		 k;
	int		 p, n = 0;

	for (k = 0; k < sizeof(p10) / sizeof(p10[0]); k++) {
		if ((m = rint(v * p10[k])) >= 1e15)
			break;
		if (m / p10[k] == v)
			return int_digits(digs, m) - (int)k;
	}
	for (p = 14; p < 16; p++) {
		cnum_snprintf(s, sizeof(s), "%.*e", p, v);
		if (cnum_strtod(s, NULL) == v)
			break;
	}
	if (p == 16)
		cnum_snprintf(s, sizeof(s), "%.*e", p, v);
	/* s is "D.DDDe±XX": digits and the place of the decimal point. */
	for (e = s; *e != 'e'; e++)
		if (*e >= '0' && *e <= '9')
			digs[n++] = *e;
	while (n > 1 && digs[n - 1] == '0')
		n--;
	digs[n] = '\0';
	return (int)strtol(e + 1, NULL, 10) + 1; /* "e+05": 3 digits at most */
}

/*
 * |v| rounded half away from zero to d decimals, written "123.45" into
 * out.  The rounding works on the shortest decimal form that reads back
 * as v, so 0.125 gives 0.13 and 999.95 gives 1000.0, as a reader expects,
 * not what the binary value would give.
 */
static void
round_decimal(char *out, size_t size, double v, int d)
{
	char	 digs[64], kept[96];
	int	 n, pt, keep, i, o = 0;

	if (!isfinite(v)) {	/* no digits to round: "nan" has no 'e' */
		snprintf(out, size, "0");
		return;
	}
	v = fabs(v);
	pt = shortest_digits(digs, v);
	n = (int)strlen(digs);
	keep = pt + d;
	if (v == 0 || keep < 0 || keep > 80) {
		if (keep > 80)	/* no such precision is ever asked */
			cnum_snprintf(out, size, "%.*f", d, v);
		else
			cnum_snprintf(out, size, "%.*f", d, 0.0);
		return;
	}
	for (i = 0; i < keep; i++)
		kept[i] = i < n ? digs[i] : '0';
	kept[keep] = '\0';
	if (keep < n && digs[keep] >= '5') {
		for (i = keep - 1; i >= 0 && kept[i] == '9'; i--)
			kept[i] = '0';
		if (i >= 0)
			kept[i]++;
		else {		/* carry out of the first digit */
			memmove(kept + 1, kept, (size_t)keep + 1);
			kept[0] = '1';
			keep++;
			pt++;
		}
	}
	if (pt <= 0)
		out[o++] = '0';
	for (i = 0; i < pt && o + 1 < (int)size; i++)
		out[o++] = i < keep ? kept[i] : '0';
	if (d > 0 && o + 1 < (int)size)
		out[o++] = '.';
	for (i = 0; i < d && o + 1 < (int)size; i++)
		out[o++] = pt + i >= 0 && pt + i < keep ? kept[pt + i] : '0';
	out[o] = '\0';
}

/* How each language writes a number: "1 234,5" (a narrow no-break
 * space), "1,234.5". */
static const struct numfmt {
	const char	*group, *point;
} numfmts[LANG__MAX] = {
	{ NNBSP, "," },		/* LANG_FR */
	{ ",", "." },		/* LANG_EN */
};

void
fmt_num(char *buf, size_t size, double v, int decimals)
{
	const struct numfmt *nf = &numfmts[i18n_lang()];
	char	 tmp[128], *p, *dot;
	size_t	 o = 0, ni, k;
	int	 neg, trim = 0;

	if (size == 0)
		return;
	if (!isfinite(v)) {	/* a dash, whole or not at all */
		snprintf(buf, size, "%s", size > 3 ? "–" : "");
		return;
	}
	if (decimals < 0) {
		trim = 1;
		if (fabs(v) < 1e15 && v == rint(v))
			decimals = 0;
		else
			decimals = fabs(v) >= 100 ? 1 : 2;
	}
	round_decimal(tmp, sizeof(tmp), v, decimals);
	if (trim && (dot = strchr(tmp, '.')) != NULL) {
		p = tmp + strlen(tmp) - 1;
		while (p > dot && *p == '0')
			*p-- = '\0';
		if (p == dot)
			*p = '\0';
	}
	/* No minus sign on a value that rounds to zero. */
	neg = v < 0 && strspn(tmp, "0.") != strlen(tmp);
	dot = strchr(tmp, '.');
	ni = dot != NULL ? (size_t)(dot - tmp) : strlen(tmp);
#define PUT(s, l) do { \
	if (o + (l) < size) { memcpy(buf + o, (s), (l)); o += (l); } \
} while (0)
	if (neg)
		PUT("\xe2\x88\x92", 3);			/* U+2212 minus */
	for (k = 0; k < ni; k++) {
		if (k > 0 && (ni - k) % 3 == 0)
			PUT(nf->group, strlen(nf->group));
		PUT(tmp + k, 1);
	}
	if (dot != NULL) {
		PUT(nf->point, 1);
		PUT(dot + 1, strlen(dot + 1));
	}
#undef PUT
	buf[o] = '\0';
}

/* Decimals that show x with three significant digits (at most 2). */
static int
sig3(double x)
{
	x = fabs(x);
	return x >= 99.95 ? 0 : x >= 9.995 ? 1 : 2;
}

/* The decimals of sig3(), judged on the value as it will be shown. */
static int
shown_sig3(double x)
{
	char	 tmp[128];
	int	 d = sig3(x);

	round_decimal(tmp, sizeof(tmp), x, d);
	return sig3(cnum_strtod(tmp, NULL));
}

/*
 * The units a number carries itself: % and the currencies.  A currency
 * scales (k from 10 000, M from what shows as 1 000 k); French writes
 * them after the number ("12,5 k€", "3 CHF"), English writes a sign
 * before it ("€12.5k", "$3") and a code before it with a space
 * ("CHF 3").  A chart's axis names the same scale in words.
 */
static const struct currency {
	const char	*sign;
	const char	*words[3];	/* units, thousands, millions: T() */
} currencies[] = {
	{ "€", { N_("euros"), N_("milliers d’euros"),
	    N_("millions d’euros") } },
	{ "£", { N_("livres sterling"), N_("milliers de livres sterling"),
	    N_("millions de livres sterling") } },
	{ "$", { N_("dollars"), N_("milliers de dollars"),
	    N_("millions de dollars") } },
	{ "CHF", { N_("francs suisses"), N_("milliers de francs suisses"),
	    N_("millions de francs suisses") } },
};

static const struct currency *
currency(const char *unit)
{
	size_t	 i;

	for (i = 0; unit != NULL && i < sizeof(currencies) /
	    sizeof(currencies[0]); i++)
		if (strcmp(unit, currencies[i].sign) == 0)
			return &currencies[i];
	return NULL;
}

/* The scale of a currency amount a >= 0: 0 (units), 1 (k) or 2 (M). */
static int
currency_scale(double a)
{
	char	 tmp[128];

	round_decimal(tmp, sizeof(tmp), a / 1e3, a >= 99950 ? 0 : 1);
	if (cnum_strtod(tmp, NULL) >= 1000)
		return 2;
	return a >= 1e4;
}

double
fmt_axis_unit(const char *unit, double amax, const char **words)
{
	static const double div[3] = { 1, 1e3, 1e6 };
	const struct currency *c;
	int	 k;

	if ((c = currency(unit)) == NULL) {
		*words = unit != NULL ? unit : "";
		return 1;
	}
	k = currency_scale(fabs(amax));
	*words = T(c->words[k]);
	return div[k];
}

int
fmt_unit_inline(const char *unit)
{
	return unit != NULL && (strcmp(unit, "%") == 0 ||
	    currency(unit) != NULL);
}

void
fmt_with_unit(char *buf, size_t size, const char *num, const char *scale,
    const char *unit)
{
	int	 en = i18n_lang() == LANG_EN;

	if (unit != NULL && strcmp(unit, "%") == 0)
		snprintf(buf, size, "%s%s%%", num, en ? "" : NNBSP);
	else if (currency(unit) == NULL)
		snprintf(buf, size, "%s%s", num, scale);
	else if (!en)
		snprintf(buf, size, "%s" NNBSP "%s%s", num, scale, unit);
	else if (strcmp(unit, "CHF") == 0)
		snprintf(buf, size, "%s" NBSP "%s%s", unit, num, scale);
	else
		snprintf(buf, size, "%s%s%s", unit, num, scale);
}

void
fmt_value(char *buf, size_t size, double v, const char *unit)
{
	char	 num[64];
	double	 a = fabs(v);

	if (!isfinite(v)) {	/* "–", with no unit */
		fmt_num(buf, size, v, -1);
		return;
	}
	if (unit != NULL && strcmp(unit, "%") == 0) {
		fmt_num(num, sizeof(num), v, a == rint(a) ? 0 :
		    shown_sig3(a) < 2 ? shown_sig3(a) : -1);
		fmt_with_unit(buf, size, num, "", unit);
		return;
	}
	if (currency(unit) == NULL) {
		fmt_num(buf, size, v, -1);
		return;
	}
	switch (currency_scale(a)) {
	case 2:
		fmt_num(num, sizeof(num), v / 1e6, shown_sig3(a / 1e6));
		fmt_with_unit(buf, size, num, "M", unit);
		break;
	case 1:
		fmt_num(num, sizeof(num), v / 1e3, a >= 99950 ? 0 : 1);
		fmt_with_unit(buf, size, num, "k", unit);
		break;
	default:
		fmt_num(num, sizeof(num), v, -1);
		fmt_with_unit(buf, size, num, "", unit);
		break;
	}
}

void
fmt_plain(char *buf, size_t size, double v)
{
	if (v == 0)
		v = 0;	/* no "-0" */
	cnum_snprintf(buf, size, "%.15g", v);
	if (cnum_strtod(buf, NULL) != v)
		cnum_snprintf(buf, size, "%.17g", v);
}

void
fmt_date(char *buf, size_t size, const char *iso)
{
	static const char *const months[LANG__MAX][12] = { {
		"janvier", "février", "mars", "avril", "mai", "juin",
		"juillet", "août", "septembre", "octobre", "novembre",
		"décembre"
	}, {
		"January", "February", "March", "April", "May", "June",
		"July", "August", "September", "October", "November",
		"December"
	} };
	const char	*const *month = months[i18n_lang()];
	int	 y, m, d;

	if (iso == NULL || sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31) {
		snprintf(buf, size, "%s", iso ? iso : "");
		return;
	}
	if (i18n_lang() == LANG_EN)	/* "May 1, 2016" */
		snprintf(buf, size, "%s %d, %d", month[m - 1], d, y);
	else if (d == 1)
		snprintf(buf, size, "1er %s %d", month[m - 1], y);
	else
		snprintf(buf, size, "%d %s %d", d, month[m - 1], y);
}
