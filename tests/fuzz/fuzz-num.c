/*
 * Fuzz harness: the number formatter (fmt_num, fmt_value, fmt_plain,
 * fmt_date).  The input gives a double (8 bytes), the decimals, a
 * buffer size, a unit and a date string.  Checked: the output is
 * NUL-terminated inside the buffer and valid UTF-8; fmt_plain reads back
 * as the same double; fmt_num reads back within half a unit of its last
 * decimal (for the values a report can hold, |v| <= 1e15).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "fuzz.h"

#define CANARY	0x5a

static int
utf8_ok(const unsigned char *s)
{
	size_t	 k, len;

	while (*s != '\0') {
		len = *s < 0x80 ? 1 : (*s & 0xe0) == 0xc0 ? 2 :
		    (*s & 0xf0) == 0xe0 ? 3 : (*s & 0xf8) == 0xf0 ? 4 : 0;
		if (len == 0)
			return 0;
		for (k = 1; k < len; k++)
			if ((s[k] & 0xc0) != 0x80)
				return 0;
		s += len;
	}
	return 1;
}

/* The output fits: NUL inside [0, size), canary after it untouched;
 * and, when utf8 is set, valid UTF-8 (snprintf may cut a character
 * when it truncates: only checked when it did not). */
static void
check_out(const char *buf, size_t size, int utf8)
{
	if (size == 0)
		return;
	if (memchr(buf, '\0', size) == NULL ||
	    (unsigned char)buf[size] != CANARY)
		abort();
	if (utf8 && strlen(buf) + 1 < size &&
	    !utf8_ok((const unsigned char *)buf))
		abort();
}

/* fmt_num's text back to a double: U+202F dropped, U+2212 as '-', the
 * comma as a point. */
static double
parse_back(const char *s)
{
	char	 tmp[256];
	size_t	 o = 0;

	while (*s != '\0' && o + 1 < sizeof(tmp)) {
		if (strncmp(s, "\xe2\x80\xaf", 3) == 0)
			s += 3;
		else if (strncmp(s, "\xe2\x88\x92", 3) == 0) {
			tmp[o++] = '-';
			s += 3;
		} else if (*s == ',') {
			tmp[o++] = '.';
			s++;
		} else
			tmp[o++] = *s++;
	}
	tmp[o] = '\0';
	return strtod(tmp, NULL);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const units[] = {
		"%", "€", "personnes", NULL, ""
	};
	double		 v;
	int		 dec;
	size_t		 bsz;
	const char	*unit;
	char		 buf[256], *rest;
	double		 back, tol;

	if (size < 11)
		return 0;
	memcpy(&v, data, 8);
	dec = (int)(data[8] % 12) - 1;		/* -1 .. 10 */
	bsz = data[9] % 96;			/* 0 .. 95 */
	unit = units[data[10] % 5];
	rest = xstrndup((const char *)data + 11, size - 11);
	if (data[10] % 7 == 6)
		unit = rest;

	memset(buf, CANARY, sizeof(buf));
	fmt_num(buf, bsz, v, dec);
	check_out(buf, bsz, 1);
	if (bsz > 0 && !utf8_ok((const unsigned char *)buf))
		abort();		/* fmt_num never cuts a character */

	memset(buf, CANARY, sizeof(buf));
	fmt_num(buf, 128, v, dec);
	check_out(buf, 128, 1);
	if (isfinite(v) && fabs(v) <= 1e15) {
		back = parse_back(buf);
		tol = (dec < 0 ? 0.05 : 0.5 * pow(10, -dec)) * 1.000001 +
		    fabs(v) * 1e-15;
		if (!(fabs(back - v) <= tol))
			abort();
	}

	memset(buf, CANARY, sizeof(buf));
	fmt_value(buf, bsz, v, unit);
	check_out(buf, bsz, unit == NULL || utf8_ok((const unsigned char *)
	    unit));

	memset(buf, CANARY, sizeof(buf));
	fmt_plain(buf, 64, v);
	check_out(buf, 64, 1);
	if (isfinite(v) && strtod(buf, NULL) != v)
		abort();

	memset(buf, CANARY, sizeof(buf));
	fmt_date(buf, bsz, rest);
	check_out(buf, bsz, 0);
	free(rest);
	return 0;
}
