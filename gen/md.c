/*
 * cmark -> report model (struct block / struct span).  The only file that
 * includes cmark.  Raw HTML is never kept as markup: it is reported and
 * becomes literal text; an HTML comment is an authors' note, kept in
 * doc.notes for the review and never printed.  Links without a scheme
 * are left for xref.c, which resolves them once every file is loaded.
 * Prose goes through the French typography pass here, once, so every
 * backend prints the same characters.
 */
#include <sys/stat.h>

#include <err.h>
#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <glib.h>

#include "report.h"
#include "extern.h"
#include "i18n.h"
#include "msg.h"
#include "svgdraw.h"

struct mctx {
	const struct report *r;
	struct arena	*ar;		/* where the model goes: the
					 * report's, or its loading thread's */
	const char	*path;
	char		*dir;		/* the file's folder, for images */
	int		 errors;
	int		 deep;		/* depth error already reported */
	size_t		 nspans;	/* inline elements of the block */
	size_t		 nlinks;	/* links of the file */
	size_t		 nblocks;	/* blocks of the file */
	size_t		 ntext;		/* [bytes] text of the block */
	struct doc	*d;
	const char	*src;		/* the text cmark parsed (not owned) */
	size_t		 srclen;
	size_t		*line;		/* [nlines] offset of each line */
	size_t		 nlines;
	size_t		 cur, end;	/* [bytes] the inline scan in the
					 * block's source text (see spos) */
	size_t		 pline;		/* pos_at()'s last: line (from 0), */
	size_t		 poff;		/* offset [bytes] */
	int		 pcol;		/* and column */
	int		 quoted;	/* within a block quote */
};

/*
 * Backslash escapes of the punctuation the typography pass changes are
 * replaced, before parsing, by a private-use character each (U+E000 on),
 * so that `\"` stays a straight quote and `\:` gets no space; they are
 * put back once the text is through the pass.
 */
static const char esc_chars[] = "\"':;!?.%";
#define ESC_BASE	0xe000

/* A private-use escape at s (3 bytes of UTF-8)?  Returns its char. */
static int
esc_at(const char *s)
{
	unsigned	 cp;
	size_t		 n;

	/* U+E000 to U+EFFF start with 0xEE: most bytes go no further. */
	if ((unsigned char)s[0] != 0xee)
		return 0;
	cp = utf8_get(s, strnlen(s, 3), &n);
	if (cp < ESC_BASE || cp >= ESC_BASE + sizeof(esc_chars) - 1)
		return 0;
	return esc_chars[cp - ESC_BASE];
}

/* The position of byte off of the source: its line, and its column in
 * characters (an escape put aside counts as its two).  Positions mostly
 * come in order: on the line of the last one and after it, the columns
 * are counted on from there, not from the line's start. */
static struct pos
pos_at(struct mctx *c, size_t off)
{
	struct pos	 p;
	size_t		 lo = 0, hi = c->nlines, i;

	if (c->pline < c->nlines && c->line[c->pline] <= off &&
	    (c->pline + 1 == c->nlines || c->line[c->pline + 1] > off))
		lo = c->pline;
	else
		while (hi - lo > 1) {
			size_t mid = lo + (hi - lo) / 2;
			if (c->line[mid] <= off)
				lo = mid;
			else
				hi = mid;
		}
	p.file = c->path;
	p.line = (int)lo + 1;
	p.col = 1;
	i = c->line[lo];
	if (lo == c->pline && off >= c->poff) {
		i = c->poff;
		p.col = c->pcol;
	}
	for (; i < off && i < c->srclen; i++) {
		if (((unsigned char)c->src[i] & 0xc0) == 0x80)
			continue;
		p.col += esc_at(c->src + i) ? 2 : 1;
	}
	c->pline = lo;
	c->poff = off;
	c->pcol = p.col;
	return p;
}

/* Byte offset of cmark's (line, byte column), both from 1. */
static size_t
off_of(const struct mctx *c, int line, int col)
{
	size_t	 off;

	if (line < 1 || c->nlines == 0)
		return 0;
	if ((size_t)line > c->nlines)
		return c->srclen;
	off = c->line[line - 1] + (col > 0 ? (size_t)col - 1 : 0);
	return off > c->srclen ? c->srclen : off;
}

static struct pos
pos_node(struct mctx *c, cmark_node *n)
{
	return pos_at(c, off_of(c, cmark_node_get_start_line(n),
	    cmark_node_get_start_column(n)));
}

/* Puts back the escapes of s put aside before parsing: as the character
 * alone in text (the escape is done), with its backslash in code and raw
 * HTML (where a backslash is a backslash).  Returns an arena copy. */
static char *
unesc(struct mctx *c, const char *s, size_t len, int keep_backslash)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	char		*r;
	int		 ch;

	if (memchr(s, 0xee, len) == NULL)	/* no escape: most texts */
		return arena_strndup(c->ar, s, len);
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] == 0xee && i + 2 < len &&
		    (ch = esc_at(s + i)) != 0) {
			if (keep_backslash)
				buf_putc(&b, '\\');
			buf_putc(&b, ch);
			i += 2;
		} else
			buf_putc(&b, s[i]);
	}
	r = arena_strndup(c->ar, b.data ? b.data : "", b.len);
	buf_free(&b);
	return r;
}

/*
 * Inline positions.  cmark gives positions of blocks only, so the inline
 * elements are found again in the block's source text, in order, from a
 * cursor (c->cur) that each element moves past its own markup.  A text
 * is found where it is written as it is; when escapes or entities make
 * it differ, the cursor stays and the next element is looked for from
 * there.
 */

/* The offset of needle in [cur, end), or (size_t)-1. */
static size_t
find(const struct mctx *c, const char *needle, size_t len)
{
	size_t	 i;

	if (len == 0)
		return (size_t)-1;
	for (i = c->cur; i + len <= c->end; i++)
		if (memcmp(c->src + i, needle, len) == 0)
			return i;
	return (size_t)-1;
}

/* The first unescaped byte of set in [cur, end), or (size_t)-1. */
static size_t
find_any(const struct mctx *c, const char *set)
{
	size_t	 i;

	for (i = c->cur; i < c->end; i++) {
		if (c->src[i] == '\\' && i + 1 < c->end) {
			i++;
			continue;
		}
		if (strchr(set, c->src[i]) != NULL)
			return i;
	}
	return (size_t)-1;
}

/* The offset of a text at the cursor, past markup only (emphasis,
 * brackets, heading and quote markers, blanks), or (size_t)-1: the search
 * stops at the first other byte, so it costs the markup's length. */
static size_t
find_text(const struct mctx *c, const char *text, size_t len)
{
	size_t	 i;

	if (len == 0)
		return (size_t)-1;
	for (i = c->cur; i + len <= c->end; i++) {
		if (memcmp(c->src + i, text, len) == 0)
			return i;
		if (c->src[i] == '\0' ||
		    strchr(" \t\r\n*_`>![]<\\#", c->src[i]) == NULL)
			break;
	}
	return (size_t)-1;
}

/* Moves the cursor past the destination of a link or image whose
 * children are done: "](url "title")". */
static void
skip_dest(struct mctx *c, const char *url)
{
	size_t	 at;
	int	 depth = 0;

	if ((at = find_any(c, "]")) == (size_t)-1)
		return;
	c->cur = at + 1;
	if (c->cur >= c->end || c->src[c->cur] != '(')
		return;
	if (url != NULL && *url != '\0' &&
	    (at = find(c, url, strlen(url))) != (size_t)-1)
		c->cur = at + strlen(url);
	for (at = c->cur; at < c->end; at++) {
		if (c->src[at] == '\\') {
			at++;
			continue;
		}
		if (c->src[at] == '(')
			depth++;
		else if (c->src[at] == ')' && depth-- == 0) {
			c->cur = at + 1;
			return;
		}
	}
}

/* Counts the words of a text run. */
static size_t
count_words(const char *s)
{
	size_t	 n = 0;

	for (;;) {
		while (*s == ' ' || *s == '\t' || *s == '\n')
			s++;
		if (*s == '\0')
			return n;
		n++;
		while (*s != '\0' && *s != ' ' && *s != '\t' && *s != '\n')
			s++;
	}
}

/* Has an address a scheme ("https:", "MAILTO:")?  Then it is not a
 * file of the content. */
static int
has_scheme(const char *u)
{
	const char	*p = u;

	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return 0;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	return *p == ':';
}

/* Is a link target with a scheme allowed?  Web and mail addresses only,
 * schemes in any case (RFC 3986, 3.1). */
static int
href_ok(const char *u)
{
	return strncasecmp(u, "https://", 8) == 0 ||
	    strncasecmp(u, "http://", 7) == 0 ||
	    strncasecmp(u, "mailto:", 7) == 0;
}

/* The element name of raw HTML ("<div class=x>" -> "div", "</b>" -> "/b"),
 * into buf. */
static void
html_name(const char *s, char *buf, size_t sz)
{
	size_t	 n = 0;

	buf[0] = '\0';
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	if (*s++ != '<' || sz < 3)
		return;
	if (*s == '/')
		buf[n++] = *s++;
	while (n + 1 < sz && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' &&
	    *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '-' ||
	    *s == '!' || *s == '?'))
		buf[n++] = *s++;
	buf[n] = '\0';
}

/* Length of the HTML comments that start raw HTML s, with the white space
 * around them: strlen(s) when s is comments and nothing else, 0 when it
 * does not start with one. */
static size_t
comments_len(const char *s)
{
	const char	*p = s, *end;
	size_t		 n = 0;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
			p++;
		if (*p == '\0' || strncmp(p, "<!--", 4) != 0 ||
		    (end = strstr(p + 4, "-->")) == NULL)
			return n;
		p = end + 3;
		n = (size_t)(p - s);
		while (s[n] == ' ' || s[n] == '\t' || s[n] == '\n' ||
		    s[n] == '\r')
			n++;
	}
}

/* Is raw HTML s comments and nothing else? */
static int
is_comment(const char *s)
{
	size_t	 n = comments_len(s);

	return n > 0 && s[n] == '\0';
}

/* Keeps the HTML comment text[0..len) as an authors' note of the file. */
static void
add_note(struct mctx *c, const char *text, size_t len, const struct pos *p)
{
	struct mdnote	*nt;

	nt = ARENA_PUSH(c->ar, c->d->notes, c->d->nnotes,
	    c->d->notecap);
	nt->text = unesc(c, text, len, 1);
	nt->pos = *p;
}

/* Size of a file [bytes], 0 if it cannot be told. */
static long long
file_size(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

/* The article before a kind's name: "a PNG", "an SVG". */
static const char *
article(enum img_kind k)
{
	return k == IMG_SVG ? "an" : "a";
}

/* Says why the image file of s was refused by image_probe(). */
static void
image_refused(const struct span *s, const struct pos *p, enum image_err e,
    const struct image_info *ii)
{
	const char	*k = image_kind_name(s->kind);

	switch (e) {
	case IMAGE_TOO_MANY_PIXELS:
		diag_msg(DIAG_ERROR, p, MSG_MD_IMAGE_PIXELS, s->href, ii->w,
		    ii->h, MAX_IMAGE_PIXELS);
		break;
	case IMAGE_TOO_WIDE:
		diag_msg(DIAG_ERROR, p, MSG_MD_IMAGE_SIDE, s->href, ii->w,
		    ii->h, MAX_IMAGE_SIDE);
		break;
	case IMAGE_BROKEN:
		diag_msg(DIAG_ERROR, p, MSG_MD_IMAGE_BROKEN, s->href, k);
		break;
	case IMAGE_TRUNCATED:
		diag_msg(DIAG_ERROR, p, MSG_MD_IMAGE_TRUNCATED, s->href, k);
		break;
	case IMAGE_UNSUPPORTED:
		diag_msg(DIAG_ERROR, p, MSG_MD_IMAGE_JPEG, s->href);
		break;
	case IMAGE_OTHER_KIND:
		diag_msg(DIAG_ERROR, p, MSG_MD_IMAGE_OTHER_KIND, s->href,
		    article(s->kind), k, article(ii->found),
		    image_kind_name(ii->found));
		break;
	case IMAGE_SVG_REFUSED:
		diag_msg(DIAG_ERROR, p, MSG_MD_IMAGE_SVG, s->href,
		    svgdraw_strerror(ii->svgerr));
		break;
	case IMAGE_UNREADABLE:
	case IMAGE_NOT_KIND:
	case IMAGE_OK:
		diag_msg(DIAG_ERROR, p, MSG_MD_IMAGE_NOT_KIND, s->href,
		    article(s->kind), k);
		break;
	}
}

/*
 * The image file of s: a PNG, JPEG or SVG file inside the content
 * folder, its path relative to the narrative's folder (as a Markdown
 * viewer shows it), checked once by image_probe().
 */
static void
image(struct mctx *c, struct span *s, const struct pos *p)
{
	char		*path;
	struct image_info ii;
	enum image_err	 e;
	long long	 sz;

	if (strstr(s->href, "://") != NULL || s->href[0] == '/' ||
	    strncmp(s->href, "data:", 5) == 0) {
		diag_msg(DIAG_ERROR, p, MSG_MD_IMAGE_WHERE, s->href);
		c->errors++;
		return;
	}
	path = xasprintf("%s/%s", c->dir, s->href);
	if (!load_inside(c->r, path)) {
		diag_msg(DIAG_ERROR, p, MSG_MD_IMAGE_OUTSIDE, s->href);
		c->errors++;
	} else if ((s->kind = image_kind(s->href)) == IMG__MAX) {
		diag_msg(DIAG_ERROR, p, MSG_MD_IMAGE_KIND, s->href);
		c->errors++;
	} else if ((sz = file_size(path)) > MAX_FILE_SIZE) {
		diag_msg(DIAG_ERROR, p, MSG_MD_IMAGE_BYTES, s->href, sz,
		    MAX_FILE_SIZE);
		c->errors++;
	} else if ((e = image_probe(path, s->kind, &ii)) != IMAGE_OK) {
		image_refused(s, p, e, &ii);
		c->errors++;
	} else {
		s->path = arena_strdup(c->ar, path);
		s->w = ii.w;
		s->h = ii.h;
		s->hash = arena_strdup(c->ar, ii.hash);
		s->bytes = ii.bytes;
		s->pos = *p;
	}
	free(path);
}

/* Where inline node n starts: moves the cursor past its opening markup
 * (and, for a leaf, past all of it). */
static struct pos
spos(struct mctx *c, cmark_node *n, const struct pos *bp)
{
	const char	*lit = cmark_node_get_literal(n), *url;
	size_t		 at = (size_t)-1, a2, len;

	switch ((int)cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
		len = lit != NULL ? strlen(lit) : 0;
		if ((at = find_text(c, lit, len)) != (size_t)-1) {
			c->cur = at + len;
			return pos_at(c, at);
		}
		return *bp;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		if ((at = find(c, "\n", 1)) == (size_t)-1)
			return *bp;
		c->cur = at + 1;
		return pos_at(c, at);
	case CMARK_NODE_CODE:
		if ((at = find_any(c, "`")) == (size_t)-1)
			return *bp;
		c->cur = at;
		while (c->cur < c->end && c->src[c->cur] == '`')
			c->cur++;
		/* Past the closing run (a code span holds no escape). */
		if ((a2 = find(c, "`", 1)) != (size_t)-1) {
			c->cur = a2;
			while (c->cur < c->end && c->src[c->cur] == '`')
				c->cur++;
		}
		return pos_at(c, at);
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		if ((at = find_any(c, "*_")) == (size_t)-1)
			return *bp;
		c->cur = at + (cmark_node_get_type(n) == CMARK_NODE_STRONG ?
		    2 : 1);
		return pos_at(c, at);
	case CMARK_NODE_LINK:
		url = cmark_node_get_url(n);
		at = find_any(c, "[");
		a2 = find_any(c, "<");
		if (a2 != (size_t)-1 && (at == (size_t)-1 || a2 < at) &&
		    url != NULL && (strncmp(c->src + a2 + 1, url,
		    strlen(url)) == 0 || (strncasecmp(url, "mailto:", 7) == 0 &&
		    strncmp(c->src + a2 + 1, url + 7, strlen(url + 7)) == 0))) {
			/* An autolink: its text is its address. */
			c->cur = a2 + 1;
			if ((at = find(c, ">", 1)) != (size_t)-1)
				c->cur = at + 1;
			c->cur = c->cur < c->end ? c->cur : c->end;
			return pos_at(c, a2);
		}
		if (at == (size_t)-1)
			return *bp;
		c->cur = at + 1;
		return pos_at(c, at);
	case CMARK_NODE_IMAGE:
		if ((at = find(c, "![", 2)) == (size_t)-1)
			return *bp;
		c->cur = at + 2;
		return pos_at(c, at);
	case CMARK_NODE_HTML_INLINE:
		len = lit != NULL ? strlen(lit) : 0;
		if ((at = find(c, lit, len)) == (size_t)-1)
			return *bp;
		c->cur = at + len;
		return pos_at(c, at);
	default:
		return *bp;
	}
}

/* Moves the cursor past the closing markup of inline node n, whose
 * children are done. */
static void
spos_close(struct mctx *c, cmark_node *n)
{
	size_t	 at;

	switch ((int)cmark_node_get_type(n)) {
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		if ((at = find_any(c, "*_")) != (size_t)-1)
			c->cur = at + (cmark_node_get_type(n) ==
			    CMARK_NODE_STRONG ? 2 : 1);
		break;
	case CMARK_NODE_LINK:
	case CMARK_NODE_IMAGE:
		if (c->cur > 0 && c->src[c->cur - 1] == '>')
			break;		/* an autolink, done */
		skip_dest(c, cmark_node_get_url(n));
		break;
	default:
		break;
	}
}

/* Has a list of spans any text but blanks? */
static int
has_text(const struct span *s)
{
	const char	*p;

	for (; s != NULL; s = s->next) {
		if ((s->type == SPAN_TEXT || s->type == SPAN_CODE) &&
		    s->text != NULL)
			for (p = s->text; *p != '\0'; p++)
				if (*p != ' ' && *p != '\t' && *p != '\n')
					return 1;
		if (has_text(s->child))
			return 1;
	}
	return 0;
}

/*
 * A span in another language, <span lang="en">…</span>: the one raw
 * HTML a narrative may hold, opened and closed in the same inline
 * content.  lang_open() returns the tag of an opening (in the arena) or
 * NULL, lang_close() the </span> among the next siblings, or NULL.
 */
static const char *
lang_open(struct mctx *c, const char *lit)
{
	size_t	 n;

	if (lit == NULL || strncmp(lit, "<span lang=\"", 12) != 0)
		return NULL;
	n = strspn(lit + 12, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
	if (n == 0 || n > 35 || strcmp(lit + 12 + n, "\">") != 0)
		return NULL;
	return arena_strndup(c->ar, lit + 12, n);
}

static cmark_node *
lang_close(cmark_node *n)
{
	const char	*lit;

	for (n = cmark_node_next(n); n != NULL; n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HTML_INLINE)
			continue;
		lit = cmark_node_get_literal(n);
		if (lit != NULL && strncmp(lit, "<span", 5) == 0)
			return NULL;	/* no nesting */
		if (lit != NULL && strcmp(lit, "</span>") == 0)
			return n;
	}
	return NULL;
}

static struct span *spans(struct mctx *, struct doc *, cmark_node *,
    struct typo *, const struct pos *, int, cmark_node *);

/* Counts n against MAX_MD_SPANS (each is a text attribute in the PDF,
 * and pango's cost grows with their square): 0 once past it. */
static int
span_budget(struct mctx *c, cmark_node *n, const struct pos *bp)
{
	if (cmark_node_get_type(n) == CMARK_NODE_TEXT ||
	    cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK ||
	    ++c->nspans <= MAX_MD_SPANS)
		return 1;
	if (c->nspans == MAX_MD_SPANS + 1) {
		diag_msg(DIAG_ERROR, bp, MSG_MD_SPANS, MAX_MD_SPANS);
		c->errors++;
	}
	return 0;
}

/*
 * An opening <span lang> at n closed later among its siblings: s holds
 * the spans in between, with their language's typography.  Returns the
 * closing tag, where the caller goes on, or NULL if n is not one.
 */
static cmark_node *
span_lang(struct mctx *c, struct doc *d, cmark_node *n, struct span *s,
    struct typo *t, const struct pos *bp, int depth)
{
	const char	*tag;
	cmark_node	*end;
	struct typo	 in;
	enum lang	 l;

	if (depth >= MAX_MD_DEPTH ||
	    (tag = lang_open(c, cmark_node_get_literal(n))) == NULL ||
	    (end = lang_close(n)) == NULL)
		return NULL;
	s->type = SPAN_LANG;
	s->text = tag;
	in = *t;
	in.lang = i18n_parse(tag, &l) ? (int)l + 1 : -1;
	in.quote = 0;
	s->child = spans(c, d, cmark_node_next(n), &in, bp, depth + 1, end);
	t->prev = in.prev;
	spos(c, end, bp);
	return end;
}

/* Raw inline HTML lit: shown as text, with a warning. */
static void
span_html(struct mctx *c, struct span *s, const char *lit)
{
	char	 el[32];

	s->type = SPAN_HTML;
	s->text = unesc(c, lit ? lit : "", lit ? strlen(lit) : 0, 1);
	html_name(s->text, el, sizeof(el));
	diag_msg(DIAG_WARNING, &s->pos, MSG_MD_RAW_HTML, el,
	    utf8_cut(s->text, 40), s->text,
	    strlen(s->text) > 40 ? "…" : "");
}

/* The address of link or image n. */
static void
span_href(struct mctx *c, struct span *s, cmark_node *n)
{
	const char	*url;

	url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
	s->href = unesc(c, url, strlen(url), 0);
}

/* Link n: a local one is resolved by xref.c, others must be web or
 * mail addresses (each is a note and an annotation in the PDF). */
static void
span_link(struct mctx *c, struct span *s, cmark_node *n)
{
	const char	*lit;

	if (++c->nlinks == MAX_MD_LINKS + 1) {
		diag_msg(DIAG_ERROR, &s->pos, MSG_MD_LINKS, MAX_MD_LINKS);
		c->errors++;
	}
	s->type = SPAN_LINK;
	span_href(c, s, n);
	lit = cmark_node_get_title(n);
	s->title = lit != NULL && *lit != '\0' ? unesc(c, lit,
	    strlen(lit), 0) : NULL;
	if (!has_scheme(s->href) &&
	    strncmp(s->href, "//", 2) != 0 && *s->href != '\0')
		s->local = 1;	/* resolved by xref.c */
	else if (!href_ok(s->href)) {
		diag_msg(DIAG_ERROR, &s->pos, MSG_MD_LINK_SCHEME,
		    utf8_cut(s->href, 60), s->href,
		    strlen(s->href) > 60 ? "…" : "");
		c->errors++;
		s->href = NULL;
	}
}

/* Image n: its file checked by image(). */
static void
span_image(struct mctx *c, struct span *s, cmark_node *n)
{
	const char	*lit;

	s->type = SPAN_IMAGE;
	span_href(c, s, n);
	lit = cmark_node_get_title(n);
	s->title = lit != NULL ? unesc(c, lit, strlen(lit), 0) : NULL;
	image(c, s, &s->pos);
}

/*
 * Fills s from inline node n but for its children.  Returns the node
 * the caller goes on from: n, or the closing tag of a <span lang>.
 */
static cmark_node *
span_fill(struct mctx *c, struct doc *d, cmark_node *n, struct span *s,
    struct typo *t, struct buf *b, const struct pos *bp, int depth)
{
	const char	*lit = cmark_node_get_literal(n);
	cmark_node	*end;

	switch ((int)cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
		s->type = SPAN_TEXT;
		buf_reset(b);
		typo_text(t, b, lit ? lit : "");
		s->text = unesc(c, b->data ? b->data : "", b->len, 0);
		d->words += count_words(lit ? lit : "");
		break;
	case CMARK_NODE_CODE:
		s->type = SPAN_CODE;
		s->text = unesc(c, lit ? lit : "", lit ? strlen(lit) : 0, 1);
		t->prev = 'x';
		break;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		s->type = cmark_node_get_type(n) == CMARK_NODE_SOFTBREAK ?
		    SPAN_SOFTBREAK : SPAN_LINEBREAK;
		t->prev = ' ';
		break;
	case CMARK_NODE_HTML_INLINE:
		if ((end = span_lang(c, d, n, s, t, bp, depth)) != NULL)
			return end;
		span_html(c, s, lit);
		break;
	case CMARK_NODE_EMPH:
	case CMARK_NODE_STRONG:
		s->type = cmark_node_get_type(n) == CMARK_NODE_EMPH ?
		    SPAN_EMPH : SPAN_STRONG;
		break;
	case CMARK_NODE_LINK:
		span_link(c, s, n);
		break;
	case CMARK_NODE_IMAGE:
		span_image(c, s, n);
		break;
	default:
		/* Custom inlines are never produced by the parser. */
		s->type = SPAN_TEXT;
		s->text = "";
		break;
	}
	return n;
}

/* The children of n into s, nested at most MAX_MD_DEPTH deep, and an
 * image's alternative text required: the only words a blind reader
 * gets, and the caption in the PDF. */
static void
span_children(struct mctx *c, struct doc *d, cmark_node *n, struct span *s,
    struct typo *t, const struct pos *bp, int depth)
{
	if (cmark_node_first_child(n) != NULL) {
		if (depth >= MAX_MD_DEPTH) {
			if (!c->deep++)
				diag_msg(DIAG_ERROR, bp, MSG_MD_INLINE_DEPTH,
				    MAX_MD_DEPTH);
			c->errors++;
		} else
			s->child = spans(c, d, cmark_node_first_child(n),
			    t, bp, depth + 1, NULL);
	}
	if (s->type == SPAN_IMAGE && !has_text(s->child)) {
		diag_msg(DIAG_ERROR, &s->pos, MSG_MD_IMAGE_ALT,
		    utf8_cut(s->href, 60), s->href, utf8_cut(s->href, 60),
		    s->href);
		c->errors++;
	}
}

/* The spans of n and its next siblings, up to stop (NULL: all). */
static struct span *
spans(struct mctx *c, struct doc *d, cmark_node *n, struct typo *t,
    const struct pos *bp, int depth, cmark_node *stop)
{
	struct span	*head = NULL, **tail = &head, *s;
	struct buf	 b = { NULL, 0, 0 };
	const char	*lit;
	struct pos	 sp;

	for (; n != NULL && n != stop; n = cmark_node_next(n)) {
		if (!span_budget(c, n, bp))
			break;
		lit = cmark_node_get_literal(n);
		sp = spos(c, n, bp);
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE &&
		    lit != NULL && is_comment(lit)) {
			/* The authors' note: kept for the review only. */
			add_note(c, lit, strlen(lit), &sp);
			continue;
		}
		s = arena_alloc(c->ar, sizeof(*s));
		s->pos = sp;
		c->ntext += lit != NULL ? strlen(lit) : 0;
		n = span_fill(c, d, n, s, t, &b, bp, depth);
		span_children(c, d, n, s, t, bp, depth);
		spos_close(c, n);
		*tail = s;
		tail = &s->next;
	}
	buf_free(&b);
	return head;
}

/* Reports a paragraph or heading whose text is longer than the PDF
 * engine lays out in reasonable time (pango's line breaking grows with
 * the square of a paragraph's length on dense punctuation). */
static void
text_size(struct mctx *c, const struct pos *p, const char *what)
{
	if (c->ntext <= MAX_MD_TEXT)
		return;
	diag_msg(DIAG_ERROR, p, MSG_MD_TEXT_SIZE, what, MAX_MD_TEXT);
	c->errors++;
}

/* Lines of a text (a last line without '\n' counts). */
static size_t
lines_of(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (*s == '\n' || s[1] == '\0')
			n++;
	return n;
}

/* Starts the inline scan (spos) over the source text of block n. */
static void
inline_scan(struct mctx *c, cmark_node *n)
{
	c->cur = off_of(c, cmark_node_get_start_line(n),
	    cmark_node_get_start_column(n));
	c->end = off_of(c, cmark_node_get_end_line(n),
	    cmark_node_get_end_column(n)) + 1;
	if (c->end > c->srclen)
		c->end = c->srclen;
	if (c->cur > c->end)
		c->cur = c->end;
}

/* The source line l (from 1) of a block, without its container prefix
 * (quote markers, indentation): [*s, *e). */
static void
line_text(const struct mctx *c, int l, const char **s, const char **e)
{
	const char	*p, *q;

	p = c->src + off_of(c, l, 1);
	q = (size_t)l < c->nlines ? c->src + c->line[l] : c->src + c->srclen;
	while (q > p && (q[-1] == '\n' || q[-1] == '\r'))
		q--;
	while (p < q && (*p == ' ' || *p == '\t' || *p == '>'))
		p++;
	*s = p;
	*e = q;
}

/* Is paragraph n a GFM pipe table (a first line with a pipe, a second
 * of dashes and pipes, "|---|:--:|")?  CommonMark reads it as a
 * paragraph of pipes. */
static int
pipe_table(const struct mctx *c, cmark_node *n)
{
	const char	*s, *e, *p;
	int		 l = cmark_node_get_start_line(n), pipes = 0, dashes = 0;

	if (cmark_node_get_end_line(n) <= l)
		return 0;
	line_text(c, l, &s, &e);
	if (memchr(s, '|', (size_t)(e - s)) == NULL)
		return 0;
	line_text(c, l + 1, &s, &e);
	for (p = s; p < e; p++) {
		if (*p == '|')
			pipes++;
		else if (*p == '-')
			dashes++;
		else if (*p != ':' && *p != ' ' && *p != '\t')
			return 0;
	}
	return pipes > 0 && dashes > 0;
}

/* Counts n against MAX_MD_BLOCKS (each is an item, or more, that the
 * PDF measures and places): 0 once past it. */
static int
block_budget(struct mctx *c, cmark_node *n)
{
	struct pos	 p;

	if (++c->nblocks <= MAX_MD_BLOCKS)
		return 1;
	if (c->nblocks == MAX_MD_BLOCKS + 1) {
		p = pos_node(c, n);
		diag_msg(DIAG_ERROR, &p, MSG_MD_BLOCKS, MAX_MD_BLOCKS);
		c->errors++;
	}
	return 0;
}

/* Is line l (from 1) of the source, but for its line end and trailing
 * blanks, s? */
static int
line_is(const struct mctx *c, size_t l, const char *s)
{
	size_t	 a = c->line[l - 1], z, n = strlen(s);

	z = l < c->nlines ? c->line[l] : c->srclen;
	while (z > a && strchr(" \t\r\n", c->src[z - 1]) != NULL)
		z--;
	return z - a == n && memcmp(c->src + a, s, n) == 0;
}

/* The last line of a front matter opening the source (Jekyll, Hugo,
 * VuePress: "---", lines of YAML, "---" or "..."), 0 if there is none.
 * CommonMark reads it as a rule and a heading. */
static int
front_matter(const struct mctx *c)
{
	size_t	 l;

	if (c->nlines < 3 || !line_is(c, 1, "---"))
		return 0;
	for (l = 2; l <= c->nlines && !line_is(c, l, ""); l++)
		if (l > 2 && (line_is(c, l, "---") || line_is(c, l, "...")))
			return (int)l;
	return 0;
}

/* A front matter is refused, at the file's start. */
static void
front_check(struct mctx *c)
{
	struct pos	 p;
	int		 last;

	if ((last = front_matter(c)) > 0) {
		p = pos_at(c, 0);
		diag_msg(DIAG_ERROR, &p, MSG_MD_FRONT_MATTER, last);
		c->errors++;
	}
}

/* Is the first letter of block n's text of another script than Latin?
 * The block is then set as written: French spacing and quotes are for
 * French, and a Russian, Arabic or Chinese paragraph of a French report
 * keeps its own ("«Ссылка»", "Git: если"), the way its first strong
 * letter sets its direction. */
static int
foreign_script(cmark_node *n)
{
	cmark_iter	*it = cmark_iter_new(n);
	const char	*s;
	gunichar	 u;
	int		 r = -1;

	while (r < 0 && cmark_iter_next(it) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (cmark_node_get_type(n) != CMARK_NODE_TEXT ||
		    (s = cmark_node_get_literal(n)) == NULL)
			continue;
		/* Checked as it is read, up to the first letter, not the
		 * whole text first (clean_utf8() left valid UTF-8 only). */
		for (; *s != '\0' && r < 0; s = g_utf8_next_char(s))
			if ((u = g_utf8_get_char_validated(s, -1)) >=
			    (gunichar)-2)
				break;
			else if (g_unichar_isalpha(u))
				r = g_unichar_get_script(u) !=
				    G_UNICODE_SCRIPT_LATIN;
	}
	cmark_iter_free(it);
	return r > 0;
}

/* Paragraph n into b; a pipe table is refused. */
static void
block_paragraph(struct mctx *c, struct doc *d, cmark_node *n,
    struct block *b)
{
	struct typo	 t;

	memset(&t, 0, sizeof(t));
	t.lang = foreign_script(n) ? -1 : 0;
	b->type = BLOCK_PARAGRAPH;
	inline_scan(c, n);
	if (pipe_table(c, n)) {
		diag_msg(DIAG_ERROR, &b->pos, MSG_MD_TABLE);
		c->errors++;
	}
	b->ins = spans(c, d, cmark_node_first_child(n), &t, &b->pos, 0,
	    NULL);
	text_size(c, &b->pos, "paragraph");
}

/* Heading n into b: the title is the plan's, so level 1 is warned. */
static void
block_heading(struct mctx *c, struct doc *d, cmark_node *n,
    struct block *b)
{
	struct typo	 t;

	memset(&t, 0, sizeof(t));
	t.lang = foreign_script(n) ? -1 : 0;
	b->type = BLOCK_HEADING;
	b->level = cmark_node_get_heading_level(n);
	b->quoted = c->quoted;
	if (b->level == 1)
		diag_msg(DIAG_WARNING, &b->pos, MSG_MD_HEADING_1);
	inline_scan(c, n);
	b->ins = spans(c, d, cmark_node_first_child(n), &t, &b->pos, 0,
	    NULL);
	text_size(c, &b->pos, "heading");
}

/* Code block n into b, within MAX_CODE_LINES and MAX_CODE_SIZE. */
static void
block_code(struct mctx *c, cmark_node *n, struct block *b)
{
	const char	*lit = cmark_node_get_literal(n), *info;

	b->type = BLOCK_CODE;
	b->text = unesc(c, lit ? lit : "", lit ? strlen(lit) : 0, 1);
	if (lines_of(b->text) > MAX_CODE_LINES) {
		diag_msg(DIAG_ERROR, &b->pos, MSG_MD_CODE_LINES,
		    MAX_CODE_LINES);
		c->errors++;
	} else if (strlen(b->text) > MAX_CODE_SIZE) {
		diag_msg(DIAG_ERROR, &b->pos, MSG_MD_CODE_BYTES,
		    MAX_CODE_SIZE);
		c->errors++;
	}
	info = cmark_node_get_fence_info(n);
	b->info = info && *info ? unesc(c, info, strlen(info), 0) : NULL;
}

/* The position of byte k of lit, the literal of HTML block n.  Its lines
 * are the tails of the source's lines (container markers and indentation
 * left out): each is aligned on its line's end. */
static struct pos
pos_lit(struct mctx *c, cmark_node *n, const char *lit, size_t k)
{
	size_t	 i, bol = 0, eol, end;
	int	 l = cmark_node_get_start_line(n);

	for (i = 0; i < k; i++)
		if (lit[i] == '\n') {
			l++;
			bol = i + 1;
		}
	if (l < 1 || (size_t)l > c->nlines)
		return pos_node(c, n);
	eol = bol + strcspn(lit + bol, "\r\n");
	end = (size_t)l < c->nlines ? c->line[l] : c->srclen;
	while (end > c->line[l - 1] && (c->src[end - 1] == '\n' ||
	    c->src[end - 1] == '\r'))
		end--;
	return pos_at(c, end - (eol - k > end - c->line[l - 1] ?
	    end - c->line[l - 1] : eol - k));
}

/* The HTML comments that start HTML block n, of literal lit, kept as the
 * authors' notes, each at its place.  Returns the length they take. */
static size_t
block_notes(struct mctx *c, cmark_node *n, const char *lit)
{
	size_t		 skip = comments_len(lit), k = 0, e;
	struct pos	 p;

	while ((k += strspn(lit + k, " \t\r\n")) < skip) {
		e = (size_t)(strstr(lit + k + 4, "-->") - lit) + 3;
		p = pos_lit(c, n, lit, k);
		add_note(c, lit + k, e - k, &p);
		k = e;
	}
	return skip;
}

/* Raw HTML block n into b: shown as text, with a warning naming its first
 * element, at its place; the comments before it are the authors' notes
 * (a "<!----><a id=x></a>" line prints and warns of the <a> alone). */
static void
block_html(struct mctx *c, cmark_node *n, struct block *b)
{
	const char	*lit = cmark_node_get_literal(n);
	size_t		 skip;
	char		 el[32];

	if (lit == NULL)
		lit = "";
	skip = block_notes(c, n, lit);
	b->type = BLOCK_HTML;
	b->text = unesc(c, lit + skip, strlen(lit + skip), 1);
	if (skip > 0)
		b->pos = pos_lit(c, n, lit, skip);
	html_name(b->text, el, sizeof(el));
	diag_msg(DIAG_WARNING, &b->pos, MSG_MD_RAW_HTML_BLOCK, el);
}

/* Fills b from block node n but for its children. */
static void
block_fill(struct mctx *c, struct doc *d, cmark_node *n, struct block *b)
{
	switch ((int)cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		block_paragraph(c, d, n, b);
		break;
	case CMARK_NODE_HEADING:
		block_heading(c, d, n, b);
		break;
	case CMARK_NODE_LIST:
		b->type = BLOCK_LIST;
		b->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
		b->start = cmark_node_get_list_start(n);
		b->tight = cmark_node_get_list_tight(n);
		break;
	case CMARK_NODE_ITEM:
		b->type = BLOCK_ITEM;
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		b->type = BLOCK_QUOTE;
		break;
	case CMARK_NODE_CODE_BLOCK:
		block_code(c, n, b);
		break;
	case CMARK_NODE_HTML_BLOCK:
		block_html(c, n, b);
		break;
	default:
		/* Thematic breaks; custom blocks are never produced by the
		 * parser. */
		b->type = BLOCK_RULE;
		break;
	}
}

static struct block *blocks(struct mctx *, struct doc *, cmark_node *, int);

/* The children of list, item or quote n into b, nested at most
 * MAX_MD_DEPTH deep. */
static void
block_children(struct mctx *c, struct doc *d, cmark_node *n,
    struct block *b, int depth)
{
	int	 quoted;

	if (depth >= MAX_MD_DEPTH) {
		if (!c->deep++)
			diag_msg(DIAG_ERROR, &b->pos, MSG_MD_BLOCK_DEPTH,
			    MAX_MD_DEPTH);
		c->errors++;
		return;
	}
	quoted = c->quoted;
	c->quoted |= b->type == BLOCK_QUOTE;
	b->child = blocks(c, d, cmark_node_first_child(n), depth + 1);
	c->quoted = quoted;
}

static struct block *
blocks(struct mctx *c, struct doc *d, cmark_node *n, int depth)
{
	struct block	*head = NULL, **tail = &head, *b;
	const char	*lit;

	for (; n != NULL; n = cmark_node_next(n)) {
		if (!block_budget(c, n))
			break;
		lit = cmark_node_get_literal(n);
		if (cmark_node_get_type(n) == CMARK_NODE_HTML_BLOCK &&
		    lit != NULL && is_comment(lit)) {
			/* The authors' notes: kept for the review only. */
			block_notes(c, n, lit);
			continue;
		}
		b = arena_alloc(c->ar, sizeof(*b));
		b->pos = pos_node(c, n);
		c->nspans = c->ntext = 0;
		block_fill(c, d, n, b);
		if (b->type == BLOCK_LIST || b->type == BLOCK_ITEM ||
		    b->type == BLOCK_QUOTE)
			block_children(c, d, n, b, depth);
		*tail = b;
		tail = &b->next;
	}
	return head;
}

/*
 * The characters of a file, each at its first place (doc.chars, for
 * font_check(): the file is not read again).  ASCII is marked in the
 * table of clean_utf8()'s runs; the rest below U+0800 (Latin, Greek,
 * Cyrillic, Hebrew, Arabic) in a bit table; above (typographic quotes,
 * CJK), in a set.
 */
#define FIRSTS_LOW	0x800

struct firsts {
	unsigned char	 run[256];	/* printable ASCII or tab, seen */
	unsigned char	 low[FIRSTS_LOW / 8];
	GHashTable	*set;		/* the others, seen; NULL at first */
	struct charpos	*v;		/* [nv] the characters noted */
	size_t		 nv, vcap;
};

/* Notes c at (line, col) unless it was seen before. */
static void
firsts_note(struct firsts *f, unsigned c, int line, int col)
{
	if (c < 0x80 && (c >= 0x20 || c == '\t') && c != 0x7f) {
		if (f->run[c])
			return;
		f->run[c] = 1;
	} else if (c < FIRSTS_LOW) {
		if (f->low[c >> 3] & 1 << (c & 7))
			return;
		f->low[c >> 3] |= 1 << (c & 7);
	} else {
		if (f->set == NULL)
			f->set = g_hash_table_new(NULL, NULL);
		if (!g_hash_table_add(f->set, GUINT_TO_POINTER(c)))
			return;
	}
	if (f->nv == f->vcap) {
		f->vcap = f->vcap == 0 ? 128 : 2 * f->vcap;
		f->v = xreallocarray(f->v, f->vcap, sizeof(*f->v));
	}
	f->v[f->nv].c = c;
	f->v[f->nv].line = line;
	f->v[f->nv++].col = col;
}

/* Moves what f noted into d (its array from ar), and frees f's own. */
static void
firsts_keep(struct firsts *f, struct arena *ar, struct doc *d)
{
	d->nchars = f->nv;
	if (f->nv > 0) {
		d->chars = arena_array(ar, f->nv, sizeof(*f->v));
		memcpy(d->chars, f->v, f->nv * sizeof(*f->v));
	}
	free(f->v);
	if (f->set != NULL)
		g_hash_table_destroy(f->set);
}

/*
 * Copies src to out, each NUL, other control character (C0 but for tab,
 * line feed, carriage return; DEL; C1) and byte that is not UTF-8 turned
 * into U+FFFD, and combining marks past MAX_MARKS in a row dropped, with
 * one warning for each kind, so that nothing else reaches the model.
 * Notes each character of the copy (but line ends) at its first place in
 * c->d->chars.
 */
static void
clean_utf8(struct mctx *c, const struct buf *src, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)src->data;
	struct firsts	 f;
	size_t		 i = 0, n, k, run = 0;	/* s[run..i) is clean */
	int		 line = 1, col = 1, nul = 0, bad = 0, ctl = 0;
	int		 marks = 0, many = 0;	/* non-starters in a row */
	unsigned	 cp;
	struct pos	 p;

	memset(&f, 0, sizeof(f));
	f.low['\n' >> 3] |= 1 << ('\n' & 7);	/* not noted */
	while (i < src->len) {
		unsigned char ch = s[i];
		/* Most bytes: runs of printable ASCII seen before. */
		if (f.run[ch]) {
			for (k = i + 1; k < src->len && f.run[s[k]]; k++)
				continue;
			col += (int)(k - i);
			marks = 0;
			i = k;
			continue;
		}
		cp = utf8_get(src->data + i, src->len - i, &k);
		n = cp == UTF8_BAD ? 0 : k;
		p = (struct pos){ c->path, line, col };
		if (ch == 0) {
			if (!nul++)
				diag_msg(DIAG_WARNING, &p, MSG_MD_NUL);
			n = 0;
		} else if (n == 0) {
			if (!bad++)
				diag_msg(DIAG_WARNING, &p, MSG_MD_BAD_UTF8);
		} else if ((cp < 0x20 && cp != '\t' && cp != '\n' &&
		    cp != '\r') || (cp >= 0x7f && cp <= 0x9f)) {
			if (!ctl++)
				diag_msg(DIAG_WARNING, &p, MSG_MD_CONTROL, cp);
			n = 0;
		}
		/* Combining marks stack on one character, which pango
		 * shapes as one cluster, in time that grows with the square
		 * of their number: past the 30 of Unicode's stream-safe
		 * format (UAX #15) they are dropped. */
		if (n < 2 || g_unichar_combining_class(cp) == 0)
			marks = 0;
		else if (++marks > MAX_MARKS) {
			if (!many++)
				diag_msg(DIAG_WARNING, &p, MSG_MD_MARKS,
				    MAX_MARKS);
			buf_put(out, s + run, i - run);
			run = i + n;
		}
		if (n > 0 && marks <= MAX_MARKS)	/* kept */
			firsts_note(&f, cp, line, col);
		if (n == 0) {
			/* The whole of a control character, the
			 * ill-formed part of what is not UTF-8. */
			buf_put(out, s + run, i - run);
			BUF_PUTSL(out, "\xef\xbf\xbd");
			firsts_note(&f, 0xfffd, line, col);
			n = k;
			run = i + n;
		}
		/* Lines end as cmark ends them: LF, CR LF or CR alone. */
		if (ch == '\n' || (ch == '\r' && (i + 1 == src->len ||
		    s[i + 1] != '\n'))) {
			line++;
			col = 1;
		} else
			col++;
		i += n;
	}
	if (run < src->len)
		buf_put(out, s + run, src->len - run);
	firsts_keep(&f, c->ar, c->d);
}

/* Copies in to out with each backslash escape of esc_chars replaced by
 * its private-use character (see esc_at). */
static void
escapes_aside(const struct buf *in, struct buf *out)
{
	const char	*s = in->data, *k;
	size_t		 i, run = 0;
	unsigned	 cp;
	char		 u[3];

	for (i = 0; i < in->len && (k = memchr(s + i, '\\', in->len - i)) !=
	    NULL; i++) {
		i = (size_t)(k - s);
		if (i + 1 >= in->len)
			break;
		if (s[i + 1] == '\\') {
			i++;		/* an escaped backslash */
			continue;
		}
		if (s[i + 1] == '\0' ||
		    (k = strchr(esc_chars, s[i + 1])) == NULL)
			continue;
		buf_put(out, s + run, i - run);
		cp = ESC_BASE + (unsigned)(k - esc_chars);
		u[0] = (char)(0xe0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		u[2] = (char)(0x80 | (cp & 0x3f));
		buf_put(out, u, 3);
		run = i + 2;
		i++;
	}
	if (run < in->len)
		buf_put(out, s + run, in->len - run);
	if (out->data == NULL)
		buf_put(out, "", 0);
}

/* The offset of each line of the source, for positions. */
static void
line_table(struct mctx *c)
{
	const char	*p, *end = c->src + c->srclen;
	size_t		 n = 1;

	for (p = c->src; (p = memchr(p, '\n', (size_t)(end - p))) != NULL;
	    p++)
		n++;
	c->line = xreallocarray(NULL, n, sizeof(*c->line));
	c->line[0] = 0;
	c->nlines = 1;
	c->pline = c->poff = 0;		/* pos_at() starts at 1:1 */
	c->pcol = 1;
	for (p = c->src; (p = memchr(p, '\n', (size_t)(end - p))) != NULL;
	    p++)
		c->line[c->nlines++] = (size_t)(p - c->src) + 1;
}

static void
levels_used(const struct block *b, int *used)
{
	for (; b != NULL; b = b->next) {
		if (b->type == BLOCK_HEADING && b->level >= 1 && b->level <= 6)
			used[b->level] = 1;
		levels_used(b->child, used);
	}
}

static void
levels_set(struct block *b, const int *map)
{
	for (; b != NULL; b = b->next) {
		if (b->type == BLOCK_HEADING && b->level >= 1 && b->level <= 6)
			b->level = map[b->level];
		levels_set(b->child, map);
	}
}

/*
 * The levels of a file's headings, from the page's level 2 down: the
 * distinct Markdown levels it uses, in order, become 2, 3, 4… (a file of
 * # and ### gets 2 and 3; # and ## stay apart), the sixth and below
 * sharing level 6.
 */
static void
level_map(struct block *b)
{
	int	 used[7] = { 0 }, map[7], i, next = 2;

	levels_used(b, used);
	for (i = 1; i <= 6; i++) {
		map[i] = next > 6 ? 6 : next;
		next += used[i];
	}
	levels_set(b, map);
}

/* The line (from 1) of the first gap marker in the len bytes at s, each
 * line read as far as its first NUL, or 0. */
static int
gap_line(const char *s, size_t len)
{
	const char	*p, *e, *end = s + len;
	char		*line;
	int		 n = 0, found = 0;

	if (gap_find_mem(s, len) == NULL)
		return 0;		/* most files, at one look */
	for (p = s; !found && p < end; p = e) {
		n++;
		e = memchr(p, '\n', (size_t)(end - p));
		e = e != NULL ? e + 1 : end;
		line = xstrndup(p, (size_t)(e - p));
		found = gap_find(line) != NULL;
		free(line);
	}
	return found ? n : 0;
}

/*
 * cmark's memory for one parse: its nodes and buffers come from an arena
 * freed with the tree, not each from malloc() and back to free() (about
 * 160,000 calls for a site of 460 narratives).  cmark's allocator takes
 * no context: the arena is the one of the thread's parse in progress.
 * A block keeps its size, for cm_realloc().
 */
static _Thread_local struct arena *cm_arena;

struct cm_block {
	size_t		 size;
	alignas(max_align_t) unsigned char data[];
};

/* A zeroed block of size bytes from the thread's arena. */
static struct cm_block *
cm_block(size_t size)
{
	struct cm_block	*b;

	if (size > SIZE_MAX / 2 - sizeof(*b))
		errx(EXIT_SYSTEM, "allocation too large");
	b = arena_alloc(cm_arena, sizeof(*b) + size);
	b->size = size;
	return b;
}

static void *
cm_calloc(size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / 2 / size)
		errx(EXIT_SYSTEM, "allocation too large");
	return cm_block(n * size)->data;
}

static void *
cm_realloc(void *p, size_t size)
{
	struct cm_block	*b, *nb;

	if (p == NULL)
		return cm_block(size)->data;
	b = (struct cm_block *)((unsigned char *)p -
	    offsetof(struct cm_block, data));
	if (size <= b->size)
		return p;
	/* The old block stays in the arena until the parse ends: cmark's
	 * buffers grow by half, so that is less than twice their size. */
	nb = cm_block(size);
	memcpy(nb->data, b->data, b->size);
	return nb->data;
}

static void
cm_free(void *p)
{
	(void)p;	/* with the arena, in md_load() */
}

/* The tree of src (NULL when cmark fails), its memory from ar. */
static cmark_node *
cm_parse(struct arena *ar, const char *src, size_t len)
{
	static cmark_mem mem = { cm_calloc, cm_realloc, cm_free };
	cmark_parser	*p;
	cmark_node	*root;

	cm_arena = ar;
	p = cmark_parser_new_with_mem(0, &mem);
	cmark_parser_feed(p, src, len);
	root = cmark_parser_finish(p);
	cmark_parser_free(p);
	return root;
}

int
md_load(const struct report *r, struct arena *ar, struct doc *d,
    const char *path)
{
	struct mctx	 c;
	struct buf	 src = { NULL, 0, 0 }, clean = { NULL, 0, 0 };
	struct arena	*parse;
	cmark_node	*root;
	char		*slash;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.ar = ar;
	c.path = arena_strdup(ar, path);
	if (!file_read(path, &src))
		return 0;
	if (src.len > MAX_MD_SIZE) {
		struct pos p = { c.path, 0, 0 };
		diag_msg(DIAG_ERROR, &p, MSG_MD_TOO_LARGE, src.len,
		    MAX_MD_SIZE);
		buf_free(&src);
		return 0;
	}
	d->file = c.path;	/* only once read: validate skips NULL */
	d->gapline = gap_line(src.data, src.len);
	c.dir = xstrdup(path);
	if ((slash = strrchr(c.dir, '/')) != NULL)
		*slash = '\0';
	else
		strcpy(c.dir, ".");
	c.d = d;
	clean_utf8(&c, &src, &clean);
	buf_reset(&src);
	escapes_aside(&clean, &src);
	c.src = src.data ? src.data : "";
	c.srclen = src.len;
	line_table(&c);
	front_check(&c);
	/* No CMARK_OPT_VALIDATE_UTF8: clean_utf8() left well-formed UTF-8
	 * only, in which cmark's check would find nothing to change. */
	parse = arena_new();
	root = cm_parse(parse, c.src, c.srclen);
	d->blocks = blocks(&c, d, cmark_node_first_child(root), 0);
	level_map(d->blocks);
	cmark_node_free(root);
	cm_arena = NULL;
	arena_free(parse);
	buf_free(&src);
	buf_free(&clean);
	free(c.line);
	free(c.dir);
	return c.errors == 0;
}
