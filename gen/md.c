/*
 * cmark -> report model (struct block / struct span).  The only file that
 * includes cmark.  Raw HTML is never kept as markup: it is reported and
 * becomes literal text.  Prose goes through the French typography pass
 * here, once, so every backend prints the same characters.
 */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "report.h"
#include "extern.h"

struct mctx {
	struct report	*r;
	const char	*path;
	char		*dir;		/* the file's folder, for images */
	int		 errors;
	int		 deep;		/* depth error already reported */
	size_t		 nspans;	/* inline elements of the block */
	size_t		 nlinks;	/* links of the file */
	size_t		 nblocks;	/* blocks of the file */
	size_t		 ntext;		/* [bytes] text of the block */
};

static struct pos
pos_node(const struct mctx *c, cmark_node *n)
{
	struct pos	 p;

	p.file = c->path;
	p.line = cmark_node_get_start_line(n);
	p.col = cmark_node_get_start_column(n);
	return p;
}

/* Counts the words of a text run. */
static size_t
count_words(const char *s)
{
	size_t	 n = 0;
	int	 in = 0;

	for (; *s != '\0'; s++) {
		int sp = *s == ' ' || *s == '\t' || *s == '\n';
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* Is a link target allowed?  Web and mail addresses only. */
static int
href_ok(const char *u)
{
	return strncmp(u, "https://", 8) == 0 || strncmp(u, "http://", 7) == 0
	    || strncmp(u, "mailto:", 7) == 0;
}

/* Reads a PNG's size from its header.  Returns 0 if it is no PNG. */
static int
png_size(const char *path, int *w, int *h)
{
	static const unsigned char sig[8] =
	    { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
	unsigned char	 hd[24];
	struct stat	 st;
	FILE		*f;
	size_t		 n;

	/* A FIFO would block fopen(), a device would never end. */
	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (f = fopen(path, "rb")) == NULL)
		return 0;
	n = fread(hd, 1, sizeof(hd), f);
	fclose(f);
	if (n != sizeof(hd) || memcmp(hd, sig, 8) != 0 ||
	    memcmp(hd + 12, "IHDR", 4) != 0)
		return 0;
	*w = (int)((unsigned)hd[16] << 24 | hd[17] << 16 | hd[18] << 8 | hd[19]);
	*h = (int)((unsigned)hd[20] << 24 | hd[21] << 16 | hd[22] << 8 | hd[23]);
	return *w > 0 && *h > 0;
}

/* Size of a file [bytes], 0 if it cannot be told. */
static long long
file_size(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 ? (long long)st.st_size : 0;
}

static void
image(struct mctx *c, struct span *s, const struct pos *p)
{
	char		*path;
	int		 w, h;
	long long	 sz;

	if (strstr(s->href, "://") != NULL || s->href[0] == '/' ||
	    strncmp(s->href, "data:", 5) == 0) {
		diag(DIAG_ERROR, p, "image \"%s\": only PNG files inside the "
		    "content folder, given by a relative path", s->href);
		c->errors++;
		return;
	}
	path = xasprintf("%s/%s", c->dir, s->href);
	if (!load_inside(c->r, path)) {
		diag(DIAG_ERROR, p, "image \"%s\" is outside the content "
		    "folder or missing", s->href);
		c->errors++;
	} else if ((sz = file_size(path)) > MAX_FILE_SIZE) {
		diag(DIAG_ERROR, p, "image \"%s\" is too large (%lld bytes; "
		    "at most %d)", s->href, sz, MAX_FILE_SIZE);
		c->errors++;
	} else if (!png_size(path, &w, &h)) {
		diag(DIAG_ERROR, p, "image \"%s\" is not a PNG file",
		    s->href);
		c->errors++;
	} else if ((double)w * h > MAX_IMAGE_PIXELS) {
		diag(DIAG_ERROR, p, "image \"%s\" is too large (%d x %d "
		    "pixels; at most %d)", s->href, w, h, MAX_IMAGE_PIXELS);
		c->errors++;
	} else {
		s->path = arena_strdup(c->r->ar, path);
		s->w = w;
		s->h = h;
	}
	free(path);
}

static struct span *
spans(struct mctx *c, struct doc *d, cmark_node *n, struct typo *t,
    const struct pos *bp, int depth)
{
	struct span	*head = NULL, **tail = &head, *s;
	struct buf	 b = { NULL, 0, 0 };
	const char	*lit;

	for (; n != NULL; n = cmark_node_next(n)) {
		/* Each is a text attribute in the PDF, and pango's cost
		 * grows with their square. */
		if (cmark_node_get_type(n) != CMARK_NODE_TEXT &&
		    cmark_node_get_type(n) != CMARK_NODE_SOFTBREAK &&
		    ++c->nspans > MAX_MD_SPANS) {
			if (c->nspans == MAX_MD_SPANS + 1) {
				diag(DIAG_ERROR, bp, "more than %d inline "
				    "elements (links, emphasis, code, images, "
				    "HTML) in one paragraph", MAX_MD_SPANS);
				c->errors++;
			}
			break;
		}
		s = arena_alloc(c->r->ar, sizeof(*s));
		lit = cmark_node_get_literal(n);
		c->ntext += lit != NULL ? strlen(lit) : 0;
		switch ((int)cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
			s->type = SPAN_TEXT;
			buf_reset(&b);
			typo_fr(t, &b, lit ? lit : "");
			s->text = arena_strndup(c->r->ar,
			    b.data ? b.data : "", b.len);
			d->words += count_words(lit ? lit : "");
			break;
		case CMARK_NODE_CODE:
			s->type = SPAN_CODE;
			s->text = arena_strdup(c->r->ar, lit ? lit : "");
			t->prev = 'x';
			break;
		case CMARK_NODE_SOFTBREAK:
			s->type = SPAN_SOFTBREAK;
			t->prev = ' ';
			break;
		case CMARK_NODE_LINEBREAK:
			s->type = SPAN_LINEBREAK;
			t->prev = ' ';
			break;
		case CMARK_NODE_HTML_INLINE:
			s->type = SPAN_HTML;
			s->text = arena_strdup(c->r->ar, lit ? lit : "");
			diag(DIAG_WARNING, bp, "raw HTML is not allowed, shown "
			    "as text: %.40s", s->text);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			s->type = cmark_node_get_type(n) == CMARK_NODE_EMPH ?
			    SPAN_EMPH : SPAN_STRONG;
			break;
		case CMARK_NODE_LINK:
			/* Each is a note and an annotation in the PDF. */
			if (++c->nlinks == MAX_MD_LINKS + 1) {
				diag(DIAG_ERROR, bp, "more than %d links in "
				    "one file", MAX_MD_LINKS);
				c->errors++;
			}
			s->type = SPAN_LINK;
			s->href = arena_strdup(c->r->ar,
			    cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
			s->title = arena_strdup(c->r->ar,
			    cmark_node_get_title(n));
			if (s->title != NULL && *s->title == '\0')
				s->title = NULL;
			if (!href_ok(s->href)) {
				diag(DIAG_ERROR, bp, "link \"%.60s\": only "
				    "http, https and mailto addresses are "
				    "allowed", s->href);
				c->errors++;
				s->href = NULL;
			}
			break;
		case CMARK_NODE_IMAGE:
			s->type = SPAN_IMAGE;
			s->href = arena_strdup(c->r->ar,
			    cmark_node_get_url(n) ? cmark_node_get_url(n) : "");
			s->title = arena_strdup(c->r->ar,
			    cmark_node_get_title(n));
			image(c, s, bp);
			break;
		default:
			/* Custom inlines are never produced by the parser. */
			s->type = SPAN_TEXT;
			s->text = "";
			break;
		}
		if (cmark_node_first_child(n) != NULL) {
			if (depth >= MAX_MD_DEPTH) {
				if (!c->deep++)
					diag(DIAG_ERROR, bp, "inline markup "
					    "nested deeper than %d levels",
					    MAX_MD_DEPTH);
				c->errors++;
			} else
				s->child = spans(c, d, cmark_node_first_child(n),
				    t, bp, depth + 1);
		}
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
	diag(DIAG_ERROR, p, "%s of more than %d bytes", what, MAX_MD_TEXT);
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

static struct block *
blocks(struct mctx *c, struct doc *d, cmark_node *n, int depth)
{
	struct block	*head = NULL, **tail = &head, *b;
	struct typo	 t;
	const char	*lit, *info;

	for (; n != NULL; n = cmark_node_next(n)) {
		/* Each is an item (or more) the PDF measures and places. */
		if (++c->nblocks > MAX_MD_BLOCKS) {
			if (c->nblocks == MAX_MD_BLOCKS + 1) {
				struct pos p = pos_node(c, n);
				diag(DIAG_ERROR, &p, "more than %d blocks "
				    "(paragraphs, headings, list items, "
				    "quotes) in one file", MAX_MD_BLOCKS);
				c->errors++;
			}
			break;
		}
		b = arena_alloc(c->r->ar, sizeof(*b));
		b->pos = pos_node(c, n);
		lit = cmark_node_get_literal(n);
		memset(&t, 0, sizeof(t));
		c->nspans = c->ntext = 0;
		switch ((int)cmark_node_get_type(n)) {
		case CMARK_NODE_PARAGRAPH:
			b->type = BLOCK_PARAGRAPH;
			b->ins = spans(c, d, cmark_node_first_child(n), &t,
			    &b->pos, 0);
			text_size(c, &b->pos, "paragraph");
			break;
		case CMARK_NODE_HEADING:
			b->type = BLOCK_HEADING;
			b->level = cmark_node_get_heading_level(n);
			if (b->level == 1) {
				diag(DIAG_WARNING, &b->pos, "level-1 heading: "
				    "the title comes from the plan or "
				    "edition.xml, start sections at ##");
				b->level = 2;
			}
			b->ins = spans(c, d, cmark_node_first_child(n), &t,
			    &b->pos, 0);
			text_size(c, &b->pos, "heading");
			break;
		case CMARK_NODE_LIST:
			b->type = BLOCK_LIST;
			b->ordered = cmark_node_get_list_type(n) ==
			    CMARK_ORDERED_LIST;
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
			b->type = BLOCK_CODE;
			b->text = arena_strdup(c->r->ar, lit ? lit : "");
			if (lines_of(b->text) > MAX_CODE_LINES) {
				diag(DIAG_ERROR, &b->pos, "code block of more "
				    "than %d lines", MAX_CODE_LINES);
				c->errors++;
			} else if (strlen(b->text) > MAX_CODE_SIZE) {
				diag(DIAG_ERROR, &b->pos, "code block of more "
				    "than %d bytes", MAX_CODE_SIZE);
				c->errors++;
			}
			info = cmark_node_get_fence_info(n);
			b->info = info && *info ? arena_strdup(c->r->ar, info) :
			    NULL;
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			b->type = BLOCK_RULE;
			break;
		case CMARK_NODE_HTML_BLOCK:
			b->type = BLOCK_HTML;
			b->text = arena_strdup(c->r->ar, lit ? lit : "");
			diag(DIAG_WARNING, &b->pos, "raw HTML is not allowed, "
			    "shown as text");
			break;
		default:
			/* Custom blocks are never produced by the parser. */
			b->type = BLOCK_RULE;
			break;
		}
		if (b->type == BLOCK_LIST || b->type == BLOCK_ITEM ||
		    b->type == BLOCK_QUOTE) {
			if (depth >= MAX_MD_DEPTH) {
				if (!c->deep++)
					diag(DIAG_ERROR, &b->pos, "lists and "
					    "quotes nested deeper than %d "
					    "levels", MAX_MD_DEPTH);
				c->errors++;
			} else
				b->child = blocks(c, d,
				    cmark_node_first_child(n), depth + 1);
		}
		*tail = b;
		tail = &b->next;
	}
	return head;
}

/* Copies src to out, each NUL, other control character (C0 but for tab,
 * line feed, carriage return; DEL; C1) and byte that is not UTF-8 turned
 * into U+FFFD, with one warning for each kind, so that nothing else
 * reaches the model. */
static void
clean_utf8(struct mctx *c, const struct buf *src, struct buf *out)
{
	const unsigned char *s = (const unsigned char *)src->data;
	size_t		 i = 0, n, k, run = 0;	/* s[run..i) is clean */
	int		 line = 1, col = 1, nul = 0, bad = 0, ctl = 0;
	unsigned	 cp;
	struct pos	 p;

	while (i < src->len) {
		unsigned char ch = s[i];
		cp = utf8_get(src->data + i, src->len - i, &k);
		n = cp == UTF8_BAD ? 0 : k;
		p.file = c->path;
		p.line = line;
		p.col = col;
		if (ch == 0) {
			if (!nul++)
				diag(DIAG_WARNING, &p, "NUL byte, replaced by "
				    "U+FFFD");
			n = 0;
		} else if (n == 0) {
			if (!bad++)
				diag(DIAG_WARNING, &p, "invalid UTF-8, "
				    "replaced by U+FFFD");
		} else if ((cp < 0x20 && cp != '\t' && cp != '\n' &&
		    cp != '\r') || (cp >= 0x7f && cp <= 0x9f)) {
			if (!ctl++)
				diag(DIAG_WARNING, &p, "control character "
				    "U+%04X, replaced by U+FFFD", cp);
			n = 0;
		}
		if (n == 0) {
			/* The whole of a control character, the
			 * ill-formed part of what is not UTF-8. */
			buf_put(out, s + run, i - run);
			BUF_PUTSL(out, "\xef\xbf\xbd");
			n = k;
			run = i + n;
		}
		if (ch == '\n') {
			line++;
			col = 1;
		} else
			col++;
		i += n;
	}
	if (run < src->len)
		buf_put(out, s + run, src->len - run);
}

int
md_load(struct report *r, struct doc *d, const char *path)
{
	struct mctx	 c;
	struct buf	 src = { NULL, 0, 0 }, clean = { NULL, 0, 0 };
	cmark_node	*root;
	char		*slash;

	memset(&c, 0, sizeof(c));
	c.r = r;
	c.path = arena_strdup(r->ar, path);
	if (!file_read(path, &src))
		return 0;
	if (src.len > MAX_MD_SIZE) {
		struct pos p = { c.path, 0, 0 };
		diag(DIAG_ERROR, &p, "file too large (%zu bytes; at most %d "
		    "for Markdown)", src.len, MAX_MD_SIZE);
		buf_free(&src);
		return 0;
	}
	d->file = c.path;	/* only once read: validate skips NULL */
	c.dir = xstrdup(path);
	if ((slash = strrchr(c.dir, '/')) != NULL)
		*slash = '\0';
	else
		strcpy(c.dir, ".");
	clean_utf8(&c, &src, &clean);
	root = cmark_parse_document(clean.data ? clean.data : "", clean.len,
	    CMARK_OPT_VALIDATE_UTF8);
	d->blocks = blocks(&c, d, cmark_node_first_child(root), 0);
	cmark_node_free(root);
	buf_free(&src);
	buf_free(&clean);
	free(c.dir);
	return c.errors == 0;
}
