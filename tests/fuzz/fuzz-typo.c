/*
 * Fuzz harness: the French typography pass (typo_fr).  The input is cut
 * at each byte 0x01 into runs that share one state, as the text runs of
 * a paragraph do.  Checked: valid UTF-8 in gives valid UTF-8 out, and
 * no straight double quote survives.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "fuzz.h"

/* Is s[0..n) well-formed UTF-8 (no NUL)? */
static int
utf8_ok(const unsigned char *s, size_t n)
{
	size_t	 i = 0, k, len;
	unsigned c;

	while (i < n) {
		c = s[i];
		if (c == 0)
			return 0;
		len = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2 :
		    (c & 0xf0) == 0xe0 ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
		if (len == 0 || i + len > n)
			return 0;
		for (k = 1; k < len; k++)
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
		/* Overlong, surrogate and out-of-range forms. */
		if ((c == 0xe0 && s[i + 1] < 0xa0) ||
		    (c == 0xed && s[i + 1] >= 0xa0) ||
		    (c == 0xf0 && s[i + 1] < 0x90) ||
		    (c == 0xf4 && s[i + 1] >= 0x90))
			return 0;
		i += len;
	}
	return 1;
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
	struct typo	 t = { 0, 0, 0 };
	struct buf	 out = { NULL, 0, 0 };
	char		*run;
	size_t		 a = 0, b;
	int		 valid = 1;

	while (a <= size) {
		for (b = a; b < size && data[b] != 0x01; b++)
			continue;
		run = xstrndup((const char *)data + a, b - a);
		/* Runs are NUL-terminated strings: cut at a NUL. */
		if (!utf8_ok((const unsigned char *)run, strlen(run)))
			valid = 0;
		typo_fr(&t, &out, run);
		free(run);
		a = b + 1;
	}
	if (valid && out.len > 0 && !utf8_ok((unsigned char *)out.data,
	    out.len))
		abort();
	if (out.len > 0 && memchr(out.data, '"', out.len) != NULL)
		abort();
	buf_free(&out);
	return 0;
}
