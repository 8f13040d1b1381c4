/*
 * Unit tests of the UTF-8 decoder (gen/utf8.c): well-formed sequences of
 * each length, and each kind of ill-formed one with the length of the
 * part one U+FFFD replaces; then the escapers (gen/html_esc.c,
 * gen/json.c), each over the same hostile string.  Prints "ok - NAME" or "not ok - NAME" lines,
 * the way tests/run.sh counts them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"

static int	 fails;

static void
esc_test(const char *name, void (*fn)(struct buf *, const char *),
    const char *in, const char *want)
{
	struct buf	 b = { NULL, 0, 0 };

	fn(&b, in);
	buf_putc(&b, '\0');
	if (strcmp(b.data, want) == 0)
		printf("ok - %s\n", name);
	else {
		printf("not ok - %s\n#   got  %s\n#   want %s\n", name, b.data,
		    want);
		fails++;
	}
	buf_free(&b);
}

static void
test_esc(void)
{
	const char	*in = "a&b<c>d\"e'f\tg\nh\x01i\x7fj é";

	esc_test("html_esc_text", html_esc_text, in,
	    "a&amp;b&lt;c&gt;d\"e'f\tg\nh\x01i\x7fj é");
	esc_test("html_esc_attr", html_esc_attr, in,
	    "a&amp;b&lt;c&gt;d&quot;e&#39;f\tg\nh\x01i\x7fj é");
	esc_test("html_esc_xml: controls dropped, blanks as spaces",
	    html_esc_xml, in, "a&amp;b&lt;c&gt;d&quot;e'f g hi\x7fj é");
	esc_test("html_esc_href", html_esc_href, "https://x.org/a b?c=d&e='é'",
	    "https://x.org/a%20b?c=d&amp;e=&#39;%C3%A9&#39;");
	esc_test("json_str", json_str, in,
	    "\"a&b<c>d\\\"e'f\\u0009g\\nh\\u0001i\\u007fj é\"");
	esc_test("json_str NULL", json_str, NULL, "\"\"");
	esc_test("html_esc_text NULL", html_esc_text, NULL, "");
}

int
main(void)
{
	static const struct {
		const char	*name;
		const char	*s;
		size_t		 len;
		unsigned	 want;
		size_t		 n;
	} t[] = {
		{ "ASCII", "A", 1, 'A', 1 },
		{ "NUL", "", 1, 0, 1 },
		{ "two bytes", "\xc3\xa9", 2, 0xe9, 2 },
		{ "three bytes", "\xe2\x80\xaf", 3, 0x202f, 3 },
		{ "four bytes", "\xf0\x9d\x84\x9e", 4, 0x1d11e, 4 },
		{ "U+10FFFF", "\xf4\x8f\xbf\xbf", 4, 0x10ffff, 4 },
		{ "nothing", "", 0, UTF8_BAD, 0 },
		{ "stray continuation", "\x80", 1, UTF8_BAD, 1 },
		{ "overlong two bytes", "\xc0\xa2", 2, UTF8_BAD, 1 },
		{ "overlong three bytes", "\xe0\x80\xa2", 3, UTF8_BAD, 1 },
		{ "overlong four bytes", "\xf0\x80\x80\xa2", 4, UTF8_BAD, 1 },
		{ "surrogate", "\xed\xa0\x80", 3, UTF8_BAD, 1 },
		{ "past U+10FFFF", "\xf4\x90\x80\x80", 4, UTF8_BAD, 1 },
		{ "lead byte 0xf5", "\xf5\x80\x80\x80", 4, UTF8_BAD, 1 },
		{ "lead byte 0xff", "\xff", 1, UTF8_BAD, 1 },
		{ "three bytes cut by a letter", "\xe2\x80" "A", 3, UTF8_BAD,
		    2 },
		{ "four bytes cut by the end", "\xf0\x9d\x84", 3, UTF8_BAD,
		    3 },
		{ "two bytes cut by len", "\xc3\xa9", 1, UTF8_BAD, 1 },
	};
	size_t		 i, n;
	unsigned	 c;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		n = 99;
		c = utf8_get(t[i].s, t[i].len, &n);
		if (c == t[i].want && n == t[i].n)
			printf("ok - utf8_get: %s\n", t[i].name);
		else {
			printf("not ok - utf8_get: %s\n#   got U+%04X, %zu "
			    "bytes\n", t[i].name, c, n);
			fails++;
		}
	}
	test_esc();
	return fails != 0;
}
