/*
 * Unit tests of the C-locale conversions (gen/cnum.c) and of the number
 * formatters built on them (gen/typo.c), first in the C locale, then
 * with setlocale(LC_ALL, "fr_FR.UTF-8"), where the C library writes and
 * reads a decimal comma.  Prints "ok - NAME" or "not ok - NAME" lines,
 * the way tests/run.sh counts them.
 */
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "tap.h"


static void
test_int(void)
{
	static const struct {
		const char	*s;
		long long	 min, max, want;
		int		 good;
	} t[] = {
		{ "0", 0, 9, 0, 1 },
		{ "-0", 0, 9, 0, 1 },
		{ "9999", 1, 9999, 9999, 1 },
		{ "10000", 1, 9999, 0, 0 },
		{ "-5", -10, 10, -5, 1 },
		{ "9223372036854775807", LLONG_MIN, LLONG_MAX, LLONG_MAX, 1 },
		{ "-9223372036854775808", LLONG_MIN, LLONG_MAX, LLONG_MIN, 1 },
		{ "9223372036854775808", LLONG_MIN, LLONG_MAX, 0, 0 },
		{ "-9223372036854775809", LLONG_MIN, LLONG_MAX, 0, 0 },
		{ "99999999999999999999999", 1, 9999, 0, 0 },
		{ "", 0, 9, 0, 0 },
		{ "-", 0, 9, 0, 0 },
		{ "+1", 0, 9, 0, 0 },
		{ " 1", 0, 9, 0, 0 },
		{ "1 ", 0, 9, 0, 0 },
		{ "0x10", 0, 99, 0, 0 },
		{ "1.0", 0, 9, 0, 0 },
		{ "１", 0, 9, 0, 0 },	/* U+FF11 fullwidth digit one */
	};
	size_t		 i;
	long long	 v;
	int		 good;
	char		 name[160];

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		v = -42;
		good = cnum_int(t[i].s, t[i].min, t[i].max, &v);
		snprintf(name, sizeof(name), "cnum_int \"%s\" in [%lld, %lld]: "
		    "%s", t[i].s, t[i].min, t[i].max, t[i].good ? "read" :
		    "refused");
		ok(good == t[i].good && v == (good ? t[i].want : -42), name,
		    NULL);
	}
	ok(!cnum_int(NULL, 0, 9, &v), "cnum_int NULL: refused", NULL);
}

/* The conversions, in whatever locale the process has now. */
static void
test_conv(const char *where)
{
	char	 s[64], name[160], *end;
	double	 v;

	fmt_plain(s, sizeof(s), 1234.5);
	snprintf(name, sizeof(name), "%s: fmt_plain writes 1234.5", where);
	ok(strcmp(s, "1234.5") == 0, name, s);
	fmt_plain(s, sizeof(s), 0.1);
	snprintf(name, sizeof(name), "%s: fmt_plain writes 0.1", where);
	ok(strcmp(s, "0.1") == 0, name, s);
	fmt_num(s, sizeof(s), 1234.567, 2);
	snprintf(name, sizeof(name), "%s: fmt_num writes 1 234,57", where);
	ok(strcmp(s, "1\xe2\x80\xaf" "234,57") == 0, name, s);
	fmt_num(s, sizeof(s), 0.125, 2);
	snprintf(name, sizeof(name), "%s: fmt_num rounds 0.125 to 0,13",
	    where);
	ok(strcmp(s, "0,13") == 0, name, s);
	fmt_value(s, sizeof(s), 4980000, "€");
	snprintf(name, sizeof(name), "%s: fmt_value writes 4,98 M€", where);
	ok(strcmp(s, "4,98\xe2\x80\xafM€") == 0, name, s);
	v = cnum_strtod("12.5pt", &end);
	snprintf(name, sizeof(name), "%s: cnum_strtod reads 12.5", where);
	ok(v == 12.5 && strcmp(end, "pt") == 0, name, NULL);
	cnum_snprintf(s, sizeof(s), "%.3e|%.15g|%.2f", 1.5, 0.25, 2.0);
	snprintf(name, sizeof(name), "%s: cnum_snprintf writes a decimal "
	    "point", where);
	ok(strcmp(s, "1.500e+00|0.25|2.00") == 0, name, s);
}

int
main(void)
{
	char	 s[32];

	test_int();
	test_conv("C locale");
	if (setlocale(LC_ALL, "fr_FR.UTF-8") == NULL) {
		ok(0, "the fr_FR.UTF-8 locale is installed",
		    "make test generates it (localedef)");
		return 1;
	}
	/* The C library itself now writes a comma: the test is real. */
	snprintf(s, sizeof(s), "%.1f", 1.5);
	ok(strcmp(s, "1,5") == 0, "fr_FR.UTF-8: the C library writes 1,5",
	    s);
	test_conv("fr_FR.UTF-8");
	return failures != 0;
}
