/*
 * JSON strings (RFC 8259), for the diagnostics (check --format json), the
 * review (revue.json) and the search index: see extern.h.  A byte that is
 * not UTF-8 (a file name or a marker's line, read as it is) becomes
 * U+FFFD, so that the output always parses.
 */
#include <stddef.h>
#include <string.h>

#include "report.h"
#include "extern.h"

/* The bytes written as they are: printable ASCII but the quote and the
 * backslash (1); from 0x80 on (2), when they begin well-formed UTF-8. */
static const unsigned char keep[256] = {
	[0x20] = 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,	/* 0x20 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0x30 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0x40 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,		/* 0x50 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,		/* 0x60 */
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,		/* 0x70 */
	[0x80] = 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* Runs of bytes written as they are (printable ASCII, well-formed UTF-8)
 * go out in one append each. */
void
json_str(struct buf *b, const char *s)
{
	const char	*run, *end;
	size_t		 n;
	unsigned char	 c;

	buf_putc(b, '"');
	if (s == NULL)
		s = "";
	end = s + strlen(s);
	for (run = s; s < end; s += n) {
		/* keep[0] is 0: the string's end stops this too. */
		while (keep[(unsigned char)*s] == 1)
			s++;
		if (s == end)
			break;
		c = (unsigned char)*s;
		if (keep[c] == 2 && (n = utf8_len(s, (size_t)(end - s))) > 0)
			continue;
		n = 1;
		buf_put(b, run, (size_t)(s - run));
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n')
			BUF_PUTSL(b, "\\n");
		else if (c < 0x80)
			buf_printf(b, "\\u%04x", c);
		else
			BUF_PUTSL(b, "\xef\xbf\xbd");
		run = s + n;
	}
	buf_put(b, run, (size_t)(s - run));
	buf_putc(b, '"');
}
