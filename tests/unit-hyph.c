/*
 * Unit tests of the hyphenation buffers (gen/hyph.c): words of about 70
 * bytes in Cyrillic, Greek and CJK, whose byte length is two or three
 * times their length in letters.  libhyphen writes up to a word's byte
 * length + 5 marks; its writes happen in an uninstrumented library, so
 * AddressSanitizer cannot see them: a guard of known bytes after a
 * buffer of the exact size shows them instead.  Prints "ok - NAME" or
 * "not ok - NAME" lines, the way tests/run.sh counts them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <hyphen.h>

#include "report.h"
#include "extern.h"
#include "hyph.h"
#include "tap.h"

#define GUARD		64	/* bytes checked after a buffer */
#define GUARDBYTE	0x5a


/* Is the guard after sz bytes of p intact? */
static int
guard_intact(const char *p, size_t sz)
{
	size_t	 i;

	for (i = 0; i < GUARD; i++)
		if ((unsigned char)p[sz + i] != GUARDBYTE)
			return 0;
	return 1;
}

/* A word of letters repeated from the UTF-8 alphabet abc up to at least
 * min bytes.  Caller frees. */
static char *
word(const char *abc, size_t min)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*p = abc;

	while (b.len < min) {
		const char *q = g_utf8_next_char(p);

		buf_put(&b, p, (size_t)(q - p));
		p = *q == '\0' ? abc : q;
	}
	buf_putc(&b, '\0');
	return buf_detach(&b);
}

static void
test_word(struct hyph *hy, const char *script, const char *w)
{
	struct buf	 b = { NULL, 0, 0 }, in = { NULL, 0, 0 };
	size_t		 n = strlen(w), sz = HYPH_MARKS(n), i, j;
	char		*marks, *name, *exact;
	const char	*p;
	int		 same;

	/* The marks into a buffer of exactly HYPH_MARKS(n) bytes. */
	marks = xmalloc(sz + GUARD);
	memset(marks, GUARDBYTE, sz + GUARD);
	(void)hyph_marks(hy, w, n, marks, sz);
	name = xasprintf("%s word of %zu bytes, %ld letters: libhyphen "
	    "stays within %zu bytes of marks", script, n,
	    g_utf8_strlen(w, -1), sz);
	ok(guard_intact(marks, sz), name, NULL);
	free(name);
	free(marks);

	/* The same under AddressSanitizer, with no slack at all. */
	exact = xmalloc(sz);
	(void)hyph_marks(hy, w, n, exact, sz);
	free(exact);

	/* A buffer one byte short is refused, not overrun. */
	marks = xmalloc(sz - 1 + GUARD);
	memset(marks, GUARDBYTE, sz - 1 + GUARD);
	name = xasprintf("%s word: a marks buffer of %zu bytes is refused",
	    script, sz - 1);
	ok(!hyph_marks(hy, w, n, marks, sz - 1) &&
	    guard_intact(marks, sz - 1), name, NULL);
	free(name);
	free(marks);

	/* Through hyph_put, in a sentence: the text comes back with only
	 * soft hyphens added, as valid UTF-8. */
	buf_printf(&in, "avant %s après", w);
	hyph_put(hy, &b, in.data, in.len);
	buf_putc(&b, '\0');
	same = g_utf8_validate(b.data, -1, NULL);
	for (i = 0, j = 0, p = b.data; same && j < in.len; ) {
		if (strncmp(p + i, HYPH_SHY, 2) == 0 &&
		    strncmp(in.data + j, HYPH_SHY, 2) != 0) {
			i += 2;
			continue;
		}
		same = p[i++] == in.data[j++];
	}
	same = same && p[i] == '\0';
	name = xasprintf("%s word: hyphenated text is the input with soft "
	    "hyphens", script);
	ok(same, name, b.data);
	free(name);
	buf_free(&b);
	buf_free(&in);
}

/* Text of a script: soft hyphens inserted (French, Latin script) or
 * none (other scripts: the patterns are French). */
static void
test_script(struct hyph *hy, const char *script, const char *text,
    int want)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*name;
	int		 has;

	hyph_put(hy, &b, text, strlen(text));
	buf_putc(&b, '\0');
	has = strstr(b.data, HYPH_SHY) != NULL;
	name = xasprintf("%s text: %s", script, want ? "soft hyphens "
	    "inserted" : "no soft hyphen (no patterns for its script)");
	ok(has == want, name, b.data);
	free(name);
	buf_free(&b);
}

/* Words met again come out of the words kept as they came out of
 * libhyphen: a text through hy, which has hyphenated its words before,
 * and again, is what a new dictionary makes of it; a capitalised word
 * is kept apart, unbroken. */
static void
test_kept(struct hyph *hy)
{
	const char	*text = "la coordination, Coordination et "
	    "coordination interministérielles ; interministérielles";
	struct hyph	*fresh;
	struct buf	 a = { NULL, 0, 0 }, b = { NULL, 0, 0 },
			 c = { NULL, 0, 0 };

	if ((fresh = hyph_new(HYPH_DICT)) == NULL) {
		ok(0, "words kept: a second dictionary loads", NULL);
		return;
	}
	hyph_put(fresh, &a, text, strlen(text));
	buf_putc(&a, '\0');
	hyph_put(hy, &b, text, strlen(text));
	buf_putc(&b, '\0');
	hyph_put(hy, &c, text, strlen(text));
	buf_putc(&c, '\0');
	ok(strcmp(a.data, b.data) == 0 && strcmp(a.data, c.data) == 0 &&
	    strstr(a.data, "co" HYPH_SHY "or" HYPH_SHY "di") != NULL &&
	    strstr(a.data, " Coordination et ") != NULL,
	    "words kept: the same text as a new dictionary's", b.data);
	hyph_free(fresh);
	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
}

int
main(void)
{
	struct hyph	*hy;
	char		*w, *small;
	char		**rep = NULL;
	int		*pos = NULL, *cut = NULL;
	HyphenDict	*d;
	size_t		 n, nch;

	if ((hy = hyph_new(HYPH_DICT)) == NULL) {
		printf("not ok - hyphenation patterns load\n");
		return 1;
	}
	w = word("антиконституционность", 70);
	test_word(hy, "Cyrillic", w);
	free(w);
	w = word("αντισυνταγματικότητα", 70);
	test_word(hy, "Greek", w);
	free(w);
	w = word("反宪法性的国家行动计划评估报告", 70);
	test_word(hy, "CJK", w);
	free(w);

	/*
	 * The guard sees an overflow: a buffer sized by letters (35 + 5) is
	 * overrun by libhyphen on a 35-letter Cyrillic word of 70 bytes.
	 */
	if ((d = hnj_hyphen_load(HYPH_DICT)) != NULL) {
		w = word("антиконституционность", 70);
		n = strlen(w);
		nch = (size_t)g_utf8_strlen(w, -1);
		small = xmalloc(nch + 5 + GUARD);
		memset(small, GUARDBYTE, nch + 5 + GUARD);
		(void)hnj_hyphen_hyphenate3(d, w, (int)n, small, NULL, &rep,
		    &pos, &cut, 2, 3, 2, 3);
		ok(!guard_intact(small, nch + 5), "the guard sees libhyphen "
		    "write past a buffer sized by letters", NULL);
		free(small);
		free(w);
		hnj_hyphen_free(d);
	}
	test_script(hy, "Arabic", "تهدف هذه الخطة إلى حماية ضحايا الاتجار "
	    "بالبشر وتقديم المساعدة القانونية والنفسية", 0);
	test_script(hy, "Chinese", "该措施旨在加强对人口贩运受害者的识别与保护", 0);
	test_script(hy, "Russian", "координация между ведомствами остаётся "
	    "недостаточной", 0);
	test_script(hy, "French", "la coordination interministérielle reste "
	    "insuffisante", 1);
	test_kept(hy);
	hyph_free(hy);
	return failures != 0;
}
