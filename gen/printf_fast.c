/*
 * glibc's vsnprintf() made faster: the formats the tool and cairo use
 * most, written here, the rest handed to glibc.  The process's
 * snprintf() and __snprintf_chk() go through it (gen/snprintf.c), and so
 * do the tool's own xasprintf(), buf_printf() and cnum_snprintf().
 *
 * Why: cairo 1.16 writes each number of a PDF's pages with snprintf()
 * ("%f", "%.*f", "%.18f" in _cairo_dtostr(), one "%d", "%ld", "%04x"...
 * per directive in _cairo_output_stream_vprintf()), and glibc's %f goes
 * through its multi-precision code: about 2,000 instructions a number,
 * a tenth of the instructions of a PDF.  The few formats cairo uses are
 * written here in about 350, exactly.  The site's paths, names and
 * labels ("%s/%s", "%d/%s-%d%s") cost glibc about 1,300 instructions a
 * call through vasprintf().
 *
 * The output MUST equal glibc's, byte for byte, return value and
 * truncation included: this is not a printf of its own but glibc's made
 * faster where that is provably the same.  Whatever is not handled here
 * (another conversion, flag or length; %f of an infinity, a NaN, a
 * value whose scaled digits do not fit 128 bits, a precision over 18, a
 * decimal point that is not "." in the thread's locale, a rounding mode
 * other than to nearest) goes to glibc with the caller's arguments.
 * tests/unit-printf.c compares the two on millions of values;
 * RAPPORTEUR_PRINTF=glibc (tests only) sends every call to glibc.
 */
#include <fenv.h>
#include <langinfo.h>
#include <limits.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"

/* glibc's fortified entry point (<bits/stdio2.h>), declared here for
 * builds without _FORTIFY_SOURCE. */
int	 __vsnprintf_chk(char *, size_t, int, size_t, const char *, va_list);

#define FAST_PREC	18	/* most digits after the point done here */
#define FAST_WIDTH	64	/* widest field done here */

typedef unsigned __int128 u128;

/* What snprintf() writes to: s[0..max-1], the bytes past it counted in
 * n only. */
struct out {
	char	*s;
	size_t	 max;
	size_t	 n;
};

static const uint64_t	 p10[FAST_PREC + 1] = {
	1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL,
	10000000ULL, 100000000ULL, 1000000000ULL, 10000000000ULL,
	100000000000ULL, 1000000000000ULL, 10000000000000ULL,
	100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
	100000000000000000ULL, 1000000000000000000ULL
};

/* 0: not read yet; 1: done here when possible; 2: everything to glibc. */
static atomic_int		 mode;
static _Thread_local unsigned long	 hits;

static void
put(struct out *o, const char *p, size_t len)
{
	size_t	 k;

	if (o->n + 1 < o->max) {
		k = o->max - 1 - o->n;
		memcpy(o->s + o->n, p, k < len ? k : len);
	}
	o->n += len;
}

static void
pad(struct out *o, int c, size_t len)
{
	char	 b[FAST_WIDTH];

	memset(b, c, len);
	put(o, b, len);
}

/* "00" to "99": two decimal digits a division. */
static const char	 pairs[] =
	"0001020304050607080910111213141516171819"
	"2021222324252627282930313233343536373839"
	"4041424344454647484950515253545556575859"
	"6061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

/* The n lowest decimal digits of *v written backwards before end,
 * leading zeros included; returns the first, *v left without them. */
static char *
decimals(char *end, uint64_t *v, int n)
{
	uint64_t	 w = *v;
	unsigned	 i;

	for (; n >= 2; n -= 2) {
		i = w % 100 * 2;
		w /= 100;
		*--end = pairs[i + 1];
		*--end = pairs[i];
	}
	if (n > 0) {
		*--end = '0' + w % 10;
		w /= 10;
	}
	*v = w;
	return end;
}

/* The digits of v for the conversion conv (d, i, u: decimal; o; x, X)
 * written backwards before end; returns the first. */
static char *
digits(char *end, uint64_t v, int conv)
{
	const char *hex = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";

	switch (conv) {
	case 'o':
		do
			*--end = '0' + (v & 7);
		while ((v >>= 3) != 0);
		return end;
	case 'x':
	case 'X':
		do
			*--end = hex[v & 15];
		while ((v >>= 4) != 0);
		return end;
	default:
		while (v >= 100)
			end = decimals(end, &v, 2);
		return decimals(end, &v, v >= 10 ? 2 : 1);
	}
}

/*
 * "%.*f" of d, prec digits after the point, written backwards before
 * end; returns the first byte, or NULL if not done here.  d = m * 2^e
 * exactly; m * 10^prec (under 2^113) and its shift by e are exact in
 * 128 bits, and so is the rounding, half to even as glibc's in the
 * default rounding mode.  The sign is d's sign bit: glibc writes "-0.0"
 * for -0.0 and for a negative value that rounds to zero.
 */
static char *
fixed(char *end, double d, int prec)
{
	uint64_t	 bits, m, w;
	u128		 t, r, rem;
	int		 e, sh, clz, i;
	char		*p = end;

	memcpy(&bits, &d, sizeof(bits));
	e = (int)(bits >> 52 & 0x7ff);
	m = bits & ((1ULL << 52) - 1);
	if (e == 0x7ff)
		return NULL;
	if (e == 0)
		e = -1074;
	else {
		m |= 1ULL << 52;
		e -= 1075;
	}
	t = (u128)m * p10[prec];
	if (e >= 0) {
		/* m != 0: a subnormal's e is negative. */
		w = (uint64_t)(t >> 64);
		clz = w != 0 ? __builtin_clzll(w) :
		    64 + __builtin_clzll((uint64_t)t);
		if (e > clz)
			return NULL;
		r = t << e;
	} else if ((sh = -e) >= 128)
		r = 0;	/* t < 2^113: under half of 2^sh */
	else {
		r = t >> sh;
		rem = t - (r << sh);
		if (rem > (u128)1 << (sh - 1) ||
		    (rem == (u128)1 << (sh - 1) && (r & 1)))
			r++;
	}
	if (r >> 64 == 0) {
		w = (uint64_t)r;
		p = decimals(p, &w, prec);
		if (prec > 0)
			*--p = '.';
		p = digits(p, w, 'u');
	} else {
		/* Over 1.8e19 scaled: rare, slower. */
		for (i = 0; i < prec; i++, r /= 10)
			*--p = '0' + (int)(r % 10);
		if (prec > 0)
			*--p = '.';
		do {
			*--p = '0' + (int)(r % 10);
			r /= 10;
		} while (r != 0);
	}
	if (bits >> 63)
		*--p = '-';
	return p;
}

/* Is a float written here as glibc would: "." the thread's decimal
 * point, rounding to nearest? */
static int
float_ok(void)
{
	const char	*dp = nl_langinfo(RADIXCHAR);

	return dp[0] == '.' && dp[1] == '\0' && fegetround() == FE_TONEAREST;
}

/* A directive's flag '0', width (-1: none), precision (-1: none) and
 * length (0: none, 1: l, 2: ll or j, 3: z). */
struct spec {
	int	 zero;
	int	 width;
	int	 prec;
	int	 lng;
};

/*
 * Reads the directive after its '%' at p into *sp: returns where its
 * conversion character is, or NULL for a form not done here (another flag,
 * a negative width from '*', a '$'...).  Widths and precisions done here
 * are at most FAST_WIDTH and FAST_PREC.
 */
static const char *
spec(const char *p, struct spec *sp, va_list *ap)
{
	sp->zero = sp->lng = 0;
	sp->width = sp->prec = -1;
	for (; *p == '0'; p++)
		sp->zero = 1;
	if (*p == '*') {
		if ((sp->width = va_arg(*ap, int)) < 0)
			return NULL;
		p++;
	} else
		for (; *p >= '0' && *p <= '9'; p++)
			if ((sp->width = (sp->width < 0 ? 0 : sp->width * 10) +
			    *p - '0') > FAST_WIDTH)
				return NULL;
	if (sp->width > FAST_WIDTH)
		return NULL;
	if (*p == '.') {
		sp->prec = 0;
		if (*++p == '*') {
			if ((sp->prec = va_arg(*ap, int)) < 0)
				return NULL;
			p++;
		} else
			for (; *p >= '0' && *p <= '9'; p++)
				if ((sp->prec = sp->prec * 10 + *p - '0') >
				    FAST_PREC)
					return NULL;
		if (sp->prec > FAST_PREC)
			return NULL;
	}
	if (*p == 'l' && p[1] == 'l')
		sp->lng = 2, p += 2;
	else if (*p == 'l')
		sp->lng = 1, p++;
	else if (*p == 'j')
		sp->lng = 2, p++;
	else if (*p == 'z')
		sp->lng = 3, p++;
	return p;
}

/* A d, i, u, o, x or X directive with no precision: the sign, then
 * spaces or zeros to the width, then the digits.  Returns -1 if not
 * done here. */
static int
integer(struct out *o, const struct spec *sp, int conv, va_list *ap)
{
	char			 buf[32], *end = buf + sizeof(buf), *b;
	unsigned long long	 u;
	long long		 v;
	size_t			 len;
	int			 neg = 0;

	if (sp->prec >= 0)
		return -1;
	if (conv == 'd' || conv == 'i') {
		v = sp->lng == 0 ? va_arg(*ap, int) :
		    sp->lng == 1 ? va_arg(*ap, long) :
		    sp->lng == 2 ? va_arg(*ap, long long) :
		    va_arg(*ap, ssize_t);
		neg = v < 0;
		b = digits(end, neg ? -(unsigned long long)v :
		    (unsigned long long)v, conv);
	} else {
		u = sp->lng == 0 ? va_arg(*ap, unsigned) :
		    sp->lng == 1 ? va_arg(*ap, unsigned long) :
		    sp->lng == 2 ? va_arg(*ap, unsigned long long) :
		    va_arg(*ap, size_t);
		b = digits(end, u, conv);
	}
	len = end - b + neg;
	if (!sp->zero && sp->width > 0 && (size_t)sp->width > len)
		pad(o, ' ', sp->width - len);
	if (neg)
		put(o, "-", 1);
	if (sp->zero && sp->width > 0 && (size_t)sp->width > len)
		pad(o, '0', sp->width - len);
	put(o, b, end - b);
	return 0;
}

/*
 * vsnprintf() of fmt into s, max, for the directives cairo uses: "%%",
 * "%s" bare, "%f" (or "%lf") with no precision or one up to FAST_PREC,
 * and d, i, u, o, x, X with an optional '0' flag, a width (number or
 * '*') and a length none, l, ll, j or z.  Returns the length glibc's
 * would, or -1 and *ap consumed: the caller calls glibc.
 */
static int
fast(char *s, size_t max, const char *fmt, va_list *ap)
{
	struct out	 o = { s, max, 0 };
	struct spec	 sp;
	const char	*p = fmt, *q, *str;
	char		 buf[64], *end = buf + sizeof(buf), *b;
	int		 floats = 0;

	if (atomic_load_explicit(&mode, memory_order_relaxed) != 1)
		return -1;
	for (;;) {
		for (q = p; *q != '%' && *q != '\0'; q++)
			continue;
		if (q != p)	/* most formats are a directive alone */
			put(&o, p, q - p);
		if (*q == '\0')
			break;
		if ((p = spec(q + 1, &sp, ap)) == NULL)
			return -1;
		switch (*p++) {
		case 'd':
		case 'i':
		case 'u':
		case 'o':
		case 'x':
		case 'X':
			if (integer(&o, &sp, p[-1], ap) < 0)
				return -1;
			break;
		case 'f':
			if (sp.zero || sp.width >= 0 || sp.lng > 1)
				return -1;
			if (!floats && !(floats = float_ok()))
				return -1;
			if ((b = fixed(end, va_arg(*ap, double),
			    sp.prec < 0 ? 6 : sp.prec)) == NULL)
				return -1;
			put(&o, b, end - b);
			break;
		case 's':
		case '%':
			if (sp.zero || sp.width >= 0 || sp.prec >= 0 ||
			    sp.lng != 0)
				return -1;
			if (p[-1] == '%')
				put(&o, "%", 1);
			else if ((str = va_arg(*ap, const char *)) != NULL)
				put(&o, str, strlen(str));
			else
				return -1;
			break;
		default:
			return -1;
		}
	}
	if (o.n > INT_MAX)
		return -1;
	if (max > 0)
		s[o.n < max ? o.n : max - 1] = '\0';
	hits++;
	return (int)o.n;
}

/* Reads RAPPORTEUR_PRINTF once; the race of two first calls is benign:
 * both store the same value. */
static void
mode_init(void)
{
	const char	*env = getenv("RAPPORTEUR_PRINTF");

	atomic_store_explicit(&mode, env != NULL && strcmp(env, "glibc") == 0 ?
	    2 : 1, memory_order_relaxed);
}

/* fast() of a copy of ap, RAPPORTEUR_PRINTF read first if it was not:
 * ap is left for glibc when it returns -1. */
static int
fast_copy(char *s, size_t max, const char *fmt, va_list ap)
{
	va_list	 aq;
	int	 r;

	if (atomic_load_explicit(&mode, memory_order_relaxed) == 0)
		mode_init();
	va_copy(aq, ap);
	r = fast(s, max, fmt, &aq);
	va_end(aq);
	return r;
}

int
printf_fast_vsnprintf(char *s, size_t max, const char *fmt, va_list ap)
{
	int	 r = fast_copy(s, max, fmt, ap);

	return r >= 0 ? r : vsnprintf(s, max, fmt, ap);
}

int
printf_fast_vsnprintf_chk(char *s, size_t max, int flag, size_t slen,
    const char *fmt, va_list ap)
{
	int	 r = fast_copy(s, max, fmt, ap);

	return r >= 0 ? r : __vsnprintf_chk(s, max, flag, slen, fmt, ap);
}

unsigned long
printf_fast_hits(void)
{
	return hits;
}
