/*
 * Hyphenation with libhyphen and the patterns of Debian's hyphen-*
 * packages: see hyph.h.  Words are found and lowercased here (the
 * patterns are in lower case); libhyphen answers, for a UTF-8
 * dictionary, one mark per character, so breaks map back to the
 * original bytes character by character whatever the case mapping does
 * to byte lengths.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <hyphen.h>

#include "report.h"
#include "extern.h"
#include "msg.h"
#include "hyph.h"

#define LEFTMIN		2	/* letters kept before a break */
#define RIGHTMIN	3	/* letters carried over after a break */
#define MINWORD		(LEFTMIN + RIGHTMIN)
#define MAXWORD		64	/* longer runs are not words: left alone */
/* Bytes of a lowercased word: g_unichar_to_utf8() writes up to 6 a letter. */
#define MAXBYTES	(MAXWORD * 6)
#define KEPT_MAX	65536	/* words kept hyphenated, per dictionary */

/*
 * Prose repeats its words: each is hyphenated once per dictionary and
 * kept, as it comes out with its soft hyphens (a function of the word
 * alone), until KEPT_MAX are kept, when they are all let go.
 */
struct hyph {
	HyphenDict	*dict;
	GHashTable	*kept;		/* a word -> it hyphenated; owns
					   both */
};

struct hyph *
hyph_new(const char *path)
{
	struct hyph	*h;
	HyphenDict	*d;

	if ((d = hnj_hyphen_load(path)) == NULL) {
		diag_sys_msg(MSG_HYPH_PATTERNS, path);
		return NULL;
	}
	h = xcalloc(1, sizeof(*h));
	h->dict = d;
	h->kept = g_hash_table_new_full(g_str_hash, g_str_equal, free, free);
	return h;
}

void
hyph_free(struct hyph *h)
{
	if (h == NULL)
		return;
	hnj_hyphen_free(h->dict);
	g_hash_table_destroy(h->kept);
	free(h);
}

/*
 * Is the whitespace-delimited token [s, e) prose?  Addresses, paths,
 * identifiers, numbers and words already carrying a break hint are not:
 * a hyphen drawn inside them would change what they say.
 */
static int
token_prose(const char *s, const char *e)
{
	const char	*p;

	for (p = s; p < e; p++) {
		if (strchr("/@_\\=#&<>{}[]|~0123456789", *p) != NULL)
			return 0;
		/* U+00AD soft hyphen, U+2010 hyphen, U+2011 no-break hyphen */
		if (e - p >= 2 && memcmp(p, "\xc2\xad", 2) == 0)
			return 0;
		if (e - p >= 3 && (memcmp(p, "\xe2\x80\x90", 3) == 0 ||
		    memcmp(p, "\xe2\x80\x91", 3) == 0))
			return 0;
	}
	for (p = s; p + 4 <= e; p++)
		if (strncmp(p, "www.", 4) == 0 || strncmp(p, "://", 3) == 0)
			return 0;
	return 1;
}

int
hyph_marks(struct hyph *h, const char *low, size_t n, char *marks,
    size_t marksz)
{
	char		**rep = NULL;
	int		*pos = NULL, *cut = NULL;
	size_t		 i;
	int		 rc;

	/*
	 * libhyphen writes up to n + 5 marks for a word of n bytes, not of
	 * n characters: a buffer sized by letters overflows on Cyrillic,
	 * Greek or CJK words.
	 */
	if (n == 0 || n > INT_MAX - 5 || marksz < HYPH_MARKS(n))
		return 0;
	memset(marks, 0, marksz);
	rc = hnj_hyphen_hyphenate3(h->dict, low, (int)n, marks, NULL, &rep,
	    &pos, &cut, LEFTMIN, RIGHTMIN, LEFTMIN, RIGHTMIN);
	if (rep != NULL) {
		/* Non-standard breaks (rep) do not occur in French. */
		for (i = 0; i < n; i++)
			free(rep[i]);
		free(rep);
		free(pos);
		free(cut);
		return 0;
	}
	return rc == 0;
}

/* Is the letter run [s, e) all in Latin script?  The patterns are
 * French: a word of another script (Arabic, Cyrillic, Chinese) is never
 * broken with them. */
static int
latin(const char *s, const char *e)
{
	const char	*p;

	for (p = s; p < e; p = g_utf8_next_char(p))
		if (g_unichar_get_script(g_utf8_get_char(p)) !=
		    G_UNICODE_SCRIPT_LATIN)
			return 0;
	return 1;
}

/*
 * Appends the letter run [s, e) of nch characters to out with soft
 * hyphens at its break points.
 */
static void
word_hyph(struct hyph *h, struct buf *out, const char *s, const char *e,
    size_t nch)
{
	char		 low[MAXBYTES + 1], marks[HYPH_MARKS(MAXBYTES)];
	const char	*p;
	size_t		 n = 0, i;
	gunichar	 c;

	/* Proper nouns and acronyms (Tracfin, Commission, CNCDH) are never
	 * broken: a capital starts them. */
	if (nch < MINWORD || nch > MAXWORD ||
	    g_unichar_isupper(g_utf8_get_char(s)) || !latin(s, e)) {
		buf_put(out, s, (size_t)(e - s));
		return;
	}
	for (p = s; p < e; p = g_utf8_next_char(p)) {
		c = g_utf8_get_char(p);
		n += (size_t)g_unichar_to_utf8(g_unichar_tolower(c), low + n);
	}
	low[n] = '\0';
	if (!hyph_marks(h, low, n, marks, sizeof(marks))) {
		buf_put(out, s, (size_t)(e - s));
		return;
	}
	for (i = 0, p = s; p < e; i++) {
		const char *q = g_utf8_next_char(p);

		buf_put(out, p, (size_t)(q - p));
		/* Odd marks are breaks; hyphenmin already applied. */
		if ((marks[i] & 1) && i + RIGHTMIN < nch && i + 1 >= LEFTMIN)
			BUF_PUTSL(out, HYPH_SHY);
		p = q;
	}
}

/* The same, through the words kept. */
static void
word_put(struct hyph *h, struct buf *out, const char *s, const char *e,
    size_t nch)
{
	char		 key[MAXBYTES + 1];
	const char	*v;
	size_t		 n = (size_t)(e - s), at;

	if (nch < MINWORD || nch > MAXWORD || n > MAXBYTES) {
		buf_put(out, s, n);
		return;
	}
	memcpy(key, s, n);
	key[n] = '\0';
	if ((v = g_hash_table_lookup(h->kept, key)) != NULL) {
		buf_puts(out, v);
		return;
	}
	at = out->len;
	word_hyph(h, out, s, e, nch);
	if (g_hash_table_size(h->kept) == KEPT_MAX)
		g_hash_table_remove_all(h->kept);
	g_hash_table_insert(h->kept, xstrdup(key),
	    xstrndup(out->data + at, out->len - at));
}

void
hyph_put(struct hyph *h, struct buf *out, const char *s, size_t len)
{
	const char	*end = s + len, *p, *tok, *tokend, *w;
	size_t		 nch;
	gunichar	 c;

	p = s;
	while (p < end) {
		/* Copy whitespace, then take one token. */
		tok = p;
		while (p < end && (*p == ' ' || *p == '\n' || *p == '\t'))
			p++;
		buf_put(out, tok, (size_t)(p - tok));
		tok = p;
		while (p < end && *p != ' ' && *p != '\n' && *p != '\t')
			p++;
		tokend = p;
		if (!token_prose(tok, tokend) || h == NULL) {
			buf_put(out, tok, (size_t)(tokend - tok));
			continue;
		}
		/* Within the token, hyphenate each run of letters. */
		for (w = tok; w < tokend; ) {
			const char *r = w;

			nch = 0;
			while (r < tokend) {
				c = g_utf8_get_char_validated(r, tokend - r);
				if (c == (gunichar)-1 || c == (gunichar)-2 ||
				    !g_unichar_isalpha(c))
					break;
				r = g_utf8_next_char(r);
				nch++;
			}
			if (r > w) {
				word_put(h, out, w, r, nch);
				w = r;
				continue;
			}
			/* One non-letter (or invalid byte) as it is. */
			c = g_utf8_get_char_validated(w, tokend - w);
			r = (c == (gunichar)-1 || c == (gunichar)-2) ? w + 1 :
			    g_utf8_next_char(w);
			if (r > tokend)
				r = tokend;
			buf_put(out, w, (size_t)(r - w));
			w = r;
		}
	}
}
