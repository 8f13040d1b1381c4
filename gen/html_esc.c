/*
 * HTML and XML escaping, in one place and driven by tables: text content,
 * attribute values and link addresses of the site, and the text of the
 * XML files no HTML parser reads (the SVG files; the PDF's XMP packet
 * uses the text table).  Everything written that comes from the content
 * goes through one of these.
 */
#include <string.h>

#include "report.h"
#include "extern.h"

/*
 * What to write for each byte in text and in attributes: NULL keeps the
 * byte.  Attributes are always double-quoted, but the single quote is
 * escaped too so that a stray attribute written with single quotes cannot
 * be broken out of.
 */
static const char *const esc_text[256] = {
	['&'] = "&amp;",
	['<'] = "&lt;",
	['>'] = "&gt;",
};

static const char *const esc_attr[256] = {
	['&'] = "&amp;",
	['<'] = "&lt;",
	['>'] = "&gt;",
	['"'] = "&quot;",
	['\''] = "&#39;",
};

/*
 * XML 1.0 text or double-quoted attribute value: tab and ends of line as
 * a space (an attribute would normalise them anyway), the other controls
 * XML forbids dropped.  The single quote is kept: the SVG files are read
 * by XML parsers only, and their font lists quote names with it.
 */
static const char *const esc_xml[256] = {
	[0x01] = "", [0x02] = "", [0x03] = "", [0x04] = "", [0x05] = "",
	[0x06] = "", [0x07] = "", [0x08] = "", ['\t'] = " ", ['\n'] = " ",
	[0x0b] = "", [0x0c] = "", ['\r'] = " ", [0x0e] = "", [0x0f] = "",
	[0x10] = "", [0x11] = "", [0x12] = "", [0x13] = "", [0x14] = "",
	[0x15] = "", [0x16] = "", [0x17] = "", [0x18] = "", [0x19] = "",
	[0x1a] = "", [0x1b] = "", [0x1c] = "", [0x1d] = "", [0x1e] = "",
	[0x1f] = "",
	['&'] = "&amp;",
	['<'] = "&lt;",
	['>'] = "&gt;",
	['"'] = "&quot;",
};

/*
 * Bytes kept as they are in a link address (RFC 3986 reserved and
 * unreserved characters, and '%' for what is already encoded); every
 * other byte is percent-encoded, spaces and non-ASCII included.  '&' and
 * '\'' are kept but written as entities.
 */
static const unsigned char href_keep[256] = {
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['-'] = 1, ['.'] = 1, ['_'] = 1, ['~'] = 1,
	[':'] = 1, ['/'] = 1, ['?'] = 1, ['#'] = 1, ['@'] = 1,
	['!'] = 1, ['$'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1, [')'] = 1,
	['*'] = 1, ['+'] = 1, [','] = 1, [';'] = 1, ['='] = 1, ['%'] = 1,
};

static void
esc(struct buf *b, const char *s, const char *const tab[256])
{
	const char	*run = s, *e;

	if (s == NULL)
		return;
	for (; *s != '\0'; s++) {
		if ((e = tab[(unsigned char)*s]) == NULL)
			continue;
		buf_put(b, run, (size_t)(s - run));
		buf_puts(b, e);
		run = s + 1;
	}
	buf_put(b, run, (size_t)(s - run));
}

/* esc() for a table whose bytes are those of set: strcspn() finds them
 * many bytes at a time, where most text has none. */
static void
esc_set(struct buf *b, const char *s, const char *set,
    const char *const tab[256])
{
	size_t	 n;

	if (s == NULL)
		return;
	for (;;) {
		n = strcspn(s, set);
		buf_put(b, s, n);
		if (s[n] == '\0')
			return;
		buf_puts(b, tab[(unsigned char)s[n]]);
		s += n + 1;
	}
}

void
html_esc_text(struct buf *b, const char *s)
{
	esc_set(b, s, "&<>", esc_text);
}

void
html_esc_attr(struct buf *b, const char *s)
{
	esc_set(b, s, "&<>\"'", esc_attr);
}

void
html_esc_xml(struct buf *b, const char *s)
{
	esc(b, s, esc_xml);
}

void
html_esc_href(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const char	*run = s;
	char		 pct[3];
	unsigned char	 c;

	if (s == NULL)
		return;
	/* Runs of bytes kept as they are go out in one append each. */
	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if (href_keep[c] && c != '&' && c != '\'')
			continue;
		buf_put(b, run, (size_t)(s - run));
		run = s + 1;
		if (c == '&')
			BUF_PUTSL(b, "&amp;");
		else if (c == '\'')
			BUF_PUTSL(b, "&#39;");
		else {
			pct[0] = '%';
			pct[1] = hex[c >> 4];
			pct[2] = hex[c & 15];
			buf_put(b, pct, sizeof(pct));
		}
	}
	buf_put(b, run, (size_t)(s - run));
}

void
html_esc_place_item(struct buf *b, const char *file, int line,
    const char *text)
{
	BUF_PUTSL(b, "<li>");
	if (file != NULL) {
		BUF_PUTSL(b, "<code>");
		html_esc_text(b, file);
		if (line > 0)
			buf_printf(b, ":%d", line);
		BUF_PUTSL(b, "</code> ");
	}
	html_esc_text(b, text);
	BUF_PUTSL(b, "</li>\n");
}
