/*
 * glibc's vsnprintf() made faster (gen/printf_fast.c), and the process's
 * snprintf() through it (gen/snprintf.c), against glibc's vsnprintf():
 * the same bytes, the same return value, on millions of values (random
 * bit patterns, the ranges cairo prints, ties, truncation, every integer
 * format, a locale with a decimal comma), and cairo's own calls done
 * without glibc.  Prints "ok - NAME" or "not ok - NAME"
 * lines, the way tests/run.sh counts them.
 */
#include <fenv.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cairo.h>
#include <cairo-pdf.h>

#include "report.h"
#include "extern.h"
#include "tap.h"

int	 __snprintf_chk(char *, size_t, int, size_t, const char *, ...);

static uint64_t	 rng = 0x9e3779b97f4a7c15ULL;
static unsigned long	 bad;		/* differences in the current check */
static char	 first[512];		/* the first of them */

static uint64_t
rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* A double in [0, 1). */
static double
unit(void)
{
	return (double)(rnd() >> 11) / 9007199254740992.0;
}

/* printf_fast_vsnprintf() and vsnprintf() of the same arguments into
 * buffers filled alike, max bytes of them: a difference in the bytes
 * (past the end too) or the return value counts in bad. */
static void
same(size_t max, const char *fmt, ...)
{
	va_list	 ap, aq;
	char	 a[512], b[512];
	int	 ra, rb;

	memset(a, 'Z', sizeof(a));
	memset(b, 'Z', sizeof(b));
	va_start(ap, fmt);
	va_copy(aq, ap);
	ra = printf_fast_vsnprintf(a, max, fmt, ap);
	rb = vsnprintf(b, max, fmt, aq);
	va_end(aq);
	va_end(ap);
	if (ra != rb || memcmp(a, b, sizeof(a)) != 0) {
		if (bad++ == 0)
			snprintf(first, sizeof(first),
			    "format \"%s\" max %zu: \"%.80s\" (%d), glibc "
			    "\"%.80s\" (%d)", fmt, max, a, ra, b, rb);
	}
}

/* Reports a check: no difference, and at least (or, want < 0, none of)
 * want calls done without glibc. */
static void
report(const char *name, unsigned long before, long want)
{
	unsigned long	 fast = printf_fast_hits() - before;
	char		 d[640];
	int		 good = bad == 0 && (want < 0 ? fast == 0 :
			    fast >= (unsigned long)want);

	snprintf(d, sizeof(d), "%lu differences, %lu calls without glibc; %s",
	    bad, fast, bad ? first : "");
	ok(good, name, d);
	bad = 0;
}

/* cairo's _cairo_dtostr(): "%f" from 0.1, else "%.18f" and "%.*f" with
 * the digits that give 6 significant ones. */
static void
dtostr(double d)
{
	char	 buf[64], *p;
	int	 zeros = 0;

	if (fabs(d) >= 0.1) {
		same(sizeof(buf), "%f", d);
		return;
	}
	same(sizeof(buf), "%.18f", d);
	snprintf(buf, sizeof(buf), "%.18f", d);
	for (p = strchr(buf, '.') + 1; *p == '0'; p++)
		zeros++;
	if (zeros + 6 < 18)
		same(sizeof(buf), "%.*f", zeros + 6, d);
}

static void
test_floats(void)
{
	unsigned long	 h;
	uint64_t	 bits;
	double		 d;
	long		 i;
	int		 n, j;

	/* Any double: NaN, infinities, huge and subnormal ones to glibc. */
	h = printf_fast_hits();
	for (i = 0; i < 150000; i++) {
		bits = rnd();
		memcpy(&d, &bits, sizeof(d));
		same(512, "%f", d);
		same(512, "%.*f", (int)(rnd() % 19), d);
		same(512, "%.18f", d);
	}
	report("printf: random bit patterns, %f and %.Nf", h, 100000);

	h = printf_fast_hits();
	for (i = 0; i < 300000; i++) {
		d = 0.1 + unit() * (1e6 - 0.1);
		if (i & 1)
			d = -d;
		same(64, "%f", d);
		same(64, "%.*f", (int)(i % 19), d);
	}
	report("printf: 0.1 to 1e6, %f and %.Nf", h, 600000);

	/* Fixed-point 24.8 values (cairo's fixed type), and their
	 * neighbours. */
	h = printf_fast_hits();
	for (i = 0; i < 200000; i++) {
		d = (double)(int32_t)rnd() / 256;
		same(64, "%f", d);
		same(64, "%.3f", d);
		same(64, "%f", nextafter(d, INFINITY));
		same(64, "%.*f", (int)(i % 9), nextafter(d, -INFINITY));
	}
	report("printf: 24.8 fixed-point values", h, 800000);

	/* Ties: k / 2^j has an exact 5 where %.Nf cuts for some N; and the
	 * doubles on either side. */
	h = printf_fast_hits();
	for (i = 0; i < 200000; i++) {
		j = 1 + (int)(rnd() % 40);
		d = ldexp((double)(int64_t)(rnd() >> (11 + rnd() % 40)), -j);
		if (rnd() & 1)
			d = -d;
		n = (int)(rnd() % 19);
		same(64, "%.*f", n, d);
		same(64, "%.*f", n, nextafter(d, INFINITY));
		same(64, "%.*f", n, nextafter(d, -INFINITY));
	}
	for (n = 0; n <= 18; n++)
		for (j = -2000; j <= 2000; j++) {
			same(64, "%.*f", n, j + 0.5);
			same(64, "%.*f", n, j / 8.0);
		}
	report("printf: halfway values, rounded half to even", h, 600000);

	/* Small values as cairo prints them, and zeros. */
	h = printf_fast_hits();
	for (i = 0; i < 200000; i++) {
		d = 1e-5 * pow(1e4, unit());
		dtostr(i & 1 ? -d : d);
		for (n = 0; n <= 18; n += 6)
			same(64, "%.*f", n, d);
	}
	for (n = 0; n <= 18; n++) {
		same(64, "%.*f", n, -0.0);
		same(64, "%.*f", n, 0.0);
		same(64, "%.*f", n, -1e-300);
		same(64, "%.*f", n, -4.9e-324);
		same(64, "%.*f", n, 4.9e-324);
		same(64, "%.*f", n, -0.4);
		same(64, "%.*f", n, -0.5);
		same(64, "%.*f", n, 0.5);
		same(64, "%.*f", n, -1.5);
	}
	report("printf: 1e-5 to 0.1 as cairo prints them, zeros", h, 600000);

	/* Large values: exact up to 128 bits, glibc's beyond. */
	h = printf_fast_hits();
	for (i = 0; i < 200000; i++) {
		d = ldexp(1 + unit(), (int)(rnd() % 110));
		same(128, "%f", d);
		same(128, "%.0f", d);
		same(128, "%.*f", (int)(rnd() % 19), -d);
		same(128, "%lf", (double)(int64_t)rnd());
	}
	report("printf: large values", h, 200000);

	/* Precisions over 18, formats with flags and widths: glibc's. */
	h = printf_fast_hits();
	for (i = 0; i < 20000; i++) {
		d = (unit() - 0.5) * 1e4;
		same(128, "%.19f", d);
		same(128, "%.*f", 19 + (int)(rnd() % 30), d);
		same(128, "%10.3f", d);
		same(128, "%+f", d);
		same(128, "%08.2f", d);
		same(128, "%-9.1f|", d);
		same(128, "%#.0f", d);
		same(128, "%F %e %g %a", d, d, d, d);
		same(128, "%Lf", (long double)d);
	}
	same(64, "%f %F", INFINITY, -NAN);
	report("printf: other float formats (glibc's)", h, -1);
}

static void
test_integers(void)
{
	static const char *fmts[] = {
		"%d", "%i", "%u", "%x", "%X", "%o", "%03o", "%04X",
		"%04x", "%02x", "%5d", "%05d", "%00012d", "[%d]", "%d %u %d",
		"CairoFont-%d-%d", "m%02d", "%d%%"
	};
	static const char *lfmts[] = {
		"%ld", "%lu", "%lx", "%lX", "%lo", "%010ld", "%lld", "%llu",
		"%llx", "%zu", "%zd", "%zx", "%jd", "%ju", "%020ld", "%lu."
	};
	static const char *other[] = {
		"%-5d|", "%+d", "% d", "%#x", "%#o", "%.3d", "%5.3d", "%hd",
		"%hhx", "%'d", "%1$d", "%c", "%q", "abc%"
	};
	static const int ints[] = {
		0, 1, -1, 7, 10, -10, 255, 4096, 65535, 99999, INT_MAX,
		INT_MIN, INT_MIN + 1
	};
	unsigned long	 h;
	size_t		 k;
	long		 i, v;
	int		 w;

	h = printf_fast_hits();
	for (k = 0; k < sizeof(fmts) / sizeof(fmts[0]); k++) {
		for (i = 0; i < (long)(sizeof(ints) / sizeof(ints[0])); i++)
			same(64, fmts[k], ints[i], ints[i], ints[i]);
		for (i = 0; i < 40000; i++) {
			v = (long)rnd() >> (rnd() % 64);
			same(64, fmts[k], (int)v, (int)(v >> 7), (int)-v);
		}
	}
	for (k = 0; k < sizeof(lfmts) / sizeof(lfmts[0]); k++) {
		same(64, lfmts[k], LONG_MIN);
		same(64, lfmts[k], LONG_MAX);
		same(64, lfmts[k], 0L);
		for (i = 0; i < 40000; i++)
			same(64, lfmts[k], (long)rnd() >> (rnd() % 64));
	}
	for (i = 0; i < 40000; i++) {
		w = (int)(rnd() % 70);
		same(128, "%0*x", w, (unsigned)rnd());
		same(128, "%*d", w, (int)rnd());
	}
	same(64, "%s %s%s", "a", "", "bc");
	same(64, "100%%");
	same(64, "");
	report("printf: integer formats, %s, %%", h, 1000000);

	h = printf_fast_hits();
	for (k = 0; k < sizeof(other) / sizeof(other[0]); k++)
		for (i = 0; i < 1000; i++)
			same(64, other[k], (int)rnd(), (int)rnd());
	same(64, "%s", (char *)NULL);
	same(64, "%.2s|%5s", "abc", "de");
	same(512, "%*d", 100, 5);
	same(64, "%*d", -5, 5);
	report("printf: other integer formats (glibc's)", h, -1);
}

/* Short buffers: the output cut, NUL-terminated, the full length
 * returned; nothing written with max 0. */
static void
test_truncation(void)
{
	unsigned long	 h = printf_fast_hits();
	char		 c = 'x';
	size_t		 max;
	long		 i;
	double		 d;

	for (i = 0; i < 100000; i++) {
		max = rnd() % 24;
		d = (unit() - 0.5) * 1e5;
		same(max, "%f", d);
		same(max, "%.*f", (int)(rnd() % 19), d / 1e5);
		same(max, "%010ld", (long)rnd());
		same(max, "x%dy%sz", (int)rnd(), "abcdef");
	}
	ok(snprintf(NULL, 0, "%f", 1.5) == 8 &&
	    snprintf(&c, 0, "%d", 12345) == 5 && c == 'x',
	    "printf: max 0 writes nothing, returns the length", NULL);
	report("printf: truncation to max", h, 400000);
}

/* A decimal comma (LC_NUMERIC of fr_FR.UTF-8, when the system has it:
 * make locale-fr): floats to glibc, integers still done here; and a
 * rounding mode other than to nearest. */
static void
test_locale(void)
{
	unsigned long	 h;
	long		 i;
	double		 d;

	if (setlocale(LC_NUMERIC, "fr_FR.UTF-8") == NULL)
		printf("ok - printf: a decimal comma # SKIP no fr_FR.UTF-8\n");
	else {
		h = printf_fast_hits();
		for (i = 0; i < 50000; i++) {
			d = (unit() - 0.5) * 1e6;
			same(64, "%f", d);
			same(64, "%.*f", (int)(i % 19), d);
			same(64, "%d %f", (int)i, d);
		}
		report("printf: a decimal comma (floats to glibc)", h, -1);
		h = printf_fast_hits();
		for (i = 0; i < 1000; i++)
			same(64, "%d %04x", (int)rnd(), (unsigned)rnd());
		report("printf: a decimal comma, integers", h, 1000);
		setlocale(LC_NUMERIC, "C");
	}
	h = printf_fast_hits();
	fesetround(FE_UPWARD);
	for (i = 0; i < 20000; i++) {
		d = (unit() - 0.5) * 1e3;
		same(64, "%f", d);
		same(64, "%.*f", (int)(i % 19), d);
	}
	fesetround(FE_TONEAREST);
	report("printf: rounding upward (to glibc)", h, -1);
}

static cairo_status_t
discard(void *closure, const unsigned char *data, unsigned int len)
{
	*(unsigned long *)closure += len;
	return CAIRO_STATUS_SUCCESS;
}

/* cairo's numbers go through the fast path: __snprintf_chk() of this
 * program, not glibc's.  And __snprintf_chk()'s own contract. */
static void
test_cairo(void)
{
	cairo_surface_t	*s;
	cairo_t		*cr;
	unsigned long	 h = printf_fast_hits(), bytes = 0;
	char		 buf[32];
	pid_t		 pid;
	int		 i, st;

	s = cairo_pdf_surface_create_for_stream(discard, &bytes, 300, 400);
	cr = cairo_create(s);
	for (i = 0; i < 200; i++) {
		cairo_move_to(cr, i / 3.0, i * 0.7);
		cairo_line_to(cr, 300 - i / 7.0, 0.01 * i);
	}
	cairo_set_line_width(cr, 0.3);
	cairo_stroke(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_surface_destroy(s);
	ok(bytes > 1000 && printf_fast_hits() - h > 400,
	    "printf: cairo's numbers written without glibc", NULL);

	ok(__snprintf_chk(buf, 4, 1, sizeof(buf), "%.2f", 2.345) == 4 &&
	    strcmp(buf, "2.3") == 0,
	    "printf: __snprintf_chk() cuts to max", NULL);
	fflush(stdout);
	if ((pid = fork()) == 0) {
		close(STDERR_FILENO);
		__snprintf_chk(buf, sizeof(buf) + 1, 1, sizeof(buf), "%d", 1);
		_exit(0);
	}
	ok(pid > 0 && waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) &&
	    WTERMSIG(st) == SIGABRT,
	    "printf: __snprintf_chk() aborts on a buffer smaller than max",
	    NULL);
}

int
main(void)
{
	test_floats();
	test_integers();
	test_truncation();
	test_locale();
	test_cairo();
	return failures != 0;
}
