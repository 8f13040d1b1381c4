/*
 * Numbers read and written in the C locale, whatever the process's: see
 * extern.h.  The C library's conversions follow LC_NUMERIC, so a program
 * that calls setlocale(LC_ALL, "") under a French locale would write
 * "1,5" into SVG coordinates and CSV files and read "12.5" as 12.  Each
 * conversion here switches the calling thread to a C locale object
 * (uselocale(), per thread) for its duration only.
 */
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "report.h"
#include "extern.h"

static locale_t		 c_loc;		/* never freed: lives with the process */
static pthread_once_t	 c_once = PTHREAD_ONCE_INIT;

static void
c_init(void)
{
	if ((c_loc = newlocale(LC_ALL_MASK, "C", (locale_t)0)) ==
	    (locale_t)0)
		err(EXIT_SYSTEM, "newlocale");
}

/* Switches the calling thread to the C locale; returns the one to
 * restore with uselocale(). */
static locale_t
c_enter(void)
{
	pthread_once(&c_once, c_init);
	return uselocale(c_loc);
}

void
cnum_thread(void)
{
	(void)c_enter();
}

int
cnum_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list	 ap;
	locale_t old;
	int	 n;

	old = c_enter();
	va_start(ap, fmt);
	n = printf_fast_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	uselocale(old);
	return n;
}

double
cnum_strtod(const char *s, char **end)
{
	locale_t old;
	double	 v;
	int	 saved;

	old = c_enter();
	v = strtod(s, end);
	saved = errno;
	uselocale(old);
	errno = saved;
	return v;
}

int
cnum_int(const char *s, long long min, long long max, long long *v)
{
	const char	*p = s;
	long long	 n = 0;
	int		 neg = 0, d;

	if (s == NULL)
		return 0;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	if (*p < '0' || *p > '9')
		return 0;
	/* Accumulated as a negative number, whose range is the larger. */
	for (; *p >= '0' && *p <= '9'; p++) {
		d = *p - '0';
		if (n < (LLONG_MIN + d) / 10)
			return 0;
		n = n * 10 - d;
	}
	if (*p != '\0')
		return 0;
	if (!neg) {
		if (n == LLONG_MIN)
			return 0;
		n = -n;
	}
	if (n < min || n > max)
		return 0;
	*v = n;
	return 1;
}
