/*
 * The one UTF-8 decoder of the tool: see extern.h.  Well-formed means
 * RFC 3629 (Unicode's table 3-7): no overlong form, no surrogate, nothing
 * past U+10FFFF, no sequence cut short.
 */
#include <stddef.h>
#include <string.h>

#include "report.h"
#include "extern.h"

unsigned
utf8_get(const char *s, size_t len, size_t *n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned	 c, lo = 0x80, hi = 0xbf;
	size_t		 need, i;

	*n = 1;
	if (len == 0) {
		*n = 0;
		return UTF8_BAD;
	}
	c = u[0];
	if (c < 0x80)
		return c;
	if (c >= 0xc2 && c <= 0xdf)
		need = 1, c &= 0x1f;
	else if (c >= 0xe0 && c <= 0xef) {
		need = 2, c &= 0x0f;
		if (u[0] == 0xe0)
			lo = 0xa0;	/* overlong */
		else if (u[0] == 0xed)
			hi = 0x9f;	/* surrogates */
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 3, c &= 0x07;
		if (u[0] == 0xf0)
			lo = 0x90;	/* overlong */
		else if (u[0] == 0xf4)
			hi = 0x8f;	/* past U+10FFFF */
	} else
		return UTF8_BAD;
	/* Ill-formed: *n spans the lead byte and the continuation bytes
	 * that could still have followed it (the "maximal subpart"). */
	for (i = 1; i <= need; i++) {
		if (i >= len || u[i] < (i == 1 ? lo : 0x80) ||
		    u[i] > (i == 1 ? hi : 0xbf))
			return UTF8_BAD;
		c = (c << 6) | (u[i] & 0x3f);
		*n = i + 1;
	}
	*n = need + 1;
	return c;
}

size_t
utf8_len(const char *s, size_t n)
{
	size_t	 k;

	return utf8_get(s, n, &k) == UTF8_BAD ? 0 : k;
}

int
utf8_cut(const char *s, size_t max)
{
	size_t	 n = strlen(s), k;

	if (n <= max)
		return (int)n;
	/* s[max] starts the first byte left out: back off to the start
	 * of the character it belongs to, if it continues one. */
	for (k = 0, n = max; n > 0 && k < 3 &&
	    ((unsigned char)s[n] & 0xc0) == 0x80; k++)
		n--;
	if (((unsigned char)s[n] & 0xc0) == 0x80)
		n = max;	/* not UTF-8 anyway: any place will do */
	return (int)n;
}

/* Is code point c of a right-to-left script's block: Hebrew, Arabic,
 * Syriac, Thaana, N'Ko, Samaritan, Mandaic (U+0590-U+08FF), their
 * presentation forms, and the historic and Arabic-mathematical ones of
 * plane 1? */
int
utf8_is_rtl(unsigned c)
{
	return (c >= 0x590 && c <= 0x8ff) ||
	    (c >= 0xfb1d && c <= 0xfdff) ||
	    (c >= 0xfe70 && c <= 0xfeff) ||
	    (c >= 0x10800 && c <= 0x10fff) ||
	    (c >= 0x1e800 && c <= 0x1efff);
}

/* Has s a letter of a right-to-left script (utf8_is_rtl())? */
int
utf8_has_rtl(const char *s)
{
	size_t		 len = strlen(s), n;

	for (; len > 0; s += n, len -= n)
		if (utf8_is_rtl(utf8_get(s, len, &n)))
			return 1;
	return 0;
}
