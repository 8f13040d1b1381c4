/*
 * JSON strings (RFC 8259), for the diagnostics (check --format json) and
 * the review (revue.json): see extern.h.
 */
#include <stddef.h>

#include "report.h"
#include "extern.h"

void
json_str(struct buf *b, const char *s)
{
	unsigned char	 c;

	buf_putc(b, '"');
	for (; s != NULL && *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (c == '"' || c == '\\') {
			buf_putc(b, '\\');
			buf_putc(b, (char)c);
		} else if (c == '\n')
			BUF_PUTSL(b, "\\n");
		else if (c < 0x20)
			buf_printf(b, "\\u%04x", c);
		else
			buf_putc(b, (char)c);
	}
	buf_putc(b, '"');
}
