/*
 * Links between narratives, resolved once the whole content is loaded:
 * every heading gets an id from its text (a French-aware slug, unique in
 * its page, stable when a heading is added above it) and a PDF named
 * destination; every link whose address has no scheme (`m05.md`,
 * `../measures/m05.md#accueil`, `../../2015/measures/m05.md`, `#accueil`,
 * `m05.md#victimes-accueillies`) is matched to a narrative or a part of
 * an edition, and to one of its headings or indicators.  A link to
 * nothing is an error at the link's own line and column.
 *
 * Everything made here lives in the report's arena.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "msg.h"
#include "backend.h"

/* A page a link may lead to. */
struct target {
	char		*file;		/* its Markdown file, normalised */
	struct doc	*d;
	const struct edition *e;
	const struct measure *m;	/* or NULL */
	const struct part *pt;		/* or NULL */
	int		 back;
	const char	*dest;		/* the page's PDF destination */
};

struct xctx {
	struct report	*r;
	struct target	*t;		/* sorted by file */
	size_t		 nt;
	char		**ids;		/* ids taken in the page being named */
	size_t		 nids, idcap;
	int		 errors;
};

/* Ids the site's pages use for themselves: a heading never takes them. */
static const char *const reserved[] = {
	"contenu", "appr", "indicateurs", "sommaire",
};

/*
 * Latin letters with diacritics (U+00C0 to U+017F) folded to ASCII, by
 * ranges: first, last, replacement ("" for a separator).
 */
static const struct {
	unsigned	 from, to;
	const char	*ascii;
} fold[] = {
	{ 0xc0, 0xc5, "a" }, { 0xc6, 0xc6, "ae" }, { 0xc7, 0xc7, "c" },
	{ 0xc8, 0xcb, "e" }, { 0xcc, 0xcf, "i" }, { 0xd0, 0xd0, "d" },
	{ 0xd1, 0xd1, "n" }, { 0xd2, 0xd6, "o" }, { 0xd7, 0xd7, "" },
	{ 0xd8, 0xd8, "o" }, { 0xd9, 0xdc, "u" }, { 0xdd, 0xdd, "y" },
	{ 0xde, 0xde, "th" }, { 0xdf, 0xdf, "ss" }, { 0xe0, 0xe5, "a" },
	{ 0xe6, 0xe6, "ae" }, { 0xe7, 0xe7, "c" }, { 0xe8, 0xeb, "e" },
	{ 0xec, 0xef, "i" }, { 0xf0, 0xf0, "d" }, { 0xf1, 0xf1, "n" },
	{ 0xf2, 0xf6, "o" }, { 0xf7, 0xf7, "" }, { 0xf8, 0xf8, "o" },
	{ 0xf9, 0xfc, "u" }, { 0xfd, 0xfd, "y" }, { 0xfe, 0xfe, "th" },
	{ 0xff, 0xff, "y" },
	{ 0x100, 0x105, "a" }, { 0x106, 0x10d, "c" }, { 0x10e, 0x111, "d" },
	{ 0x112, 0x11b, "e" }, { 0x11c, 0x123, "g" }, { 0x124, 0x127, "h" },
	{ 0x128, 0x131, "i" }, { 0x132, 0x133, "ij" }, { 0x134, 0x135, "j" },
	{ 0x136, 0x138, "k" }, { 0x139, 0x142, "l" }, { 0x143, 0x14b, "n" },
	{ 0x14c, 0x151, "o" }, { 0x152, 0x153, "oe" }, { 0x154, 0x159, "r" },
	{ 0x15a, 0x161, "s" }, { 0x162, 0x167, "t" }, { 0x168, 0x173, "u" },
	{ 0x174, 0x175, "w" }, { 0x176, 0x178, "y" }, { 0x179, 0x17e, "z" },
	{ 0x17f, 0x17f, "s" },
};

/* The code point at *sp, *sp moved past it (the model's text is valid
 * UTF-8). */
static unsigned
next_cp(const char **sp)
{
	size_t	 n;
	unsigned c = utf8_get(*sp, strnlen(*sp, 4), &n);

	*sp += n;
	return c;
}

/* Is a code point outside ASCII a letter or digit of some script (kept
 * in an id as it is), rather than punctuation, a space or a symbol? */
static int
wordy(unsigned c)
{
	return c >= 0x250 && !(c >= 0x2000 && c <= 0x2bff) &&
	    !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xfe00 && c <= 0xfe6f) &&
	    !(c >= 0xff00 && c <= 0xff0f) && c != 0xfeff &&
	    !(c >= 0xe000 && c <= 0xf8ff);
}

/*
 * The slug of a heading's text into b: letters folded to lower-case
 * ASCII where they are Latin (« L’accueil sécurisé » -> "l-accueil-
 * securise"), letters of other scripts kept, anything else one hyphen
 * between words.  "section" when nothing is left.
 */
static void
slugify(struct buf *b, const char *s)
{
	size_t	 i, start = b->len;
	unsigned c;
	int	 sep = 0;

	while (*s != '\0') {
		const char *at = s;

		c = next_cp(&s);
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 'A' && c <= 'Z')) {
			if (sep && b->len > start)
				buf_putc(b, '-');
			sep = 0;
			buf_putc(b, c >= 'A' && c <= 'Z' ? (int)c + 32 :
			    (int)c);
			continue;
		}
		if (c >= 0xc0 && c <= 0x17f) {
			for (i = 0; i < sizeof(fold) / sizeof(fold[0]); i++)
				if (c >= fold[i].from && c <= fold[i].to)
					break;
			if (i < sizeof(fold) / sizeof(fold[0]) &&
			    *fold[i].ascii != '\0') {
				if (sep && b->len > start)
					buf_putc(b, '-');
				sep = 0;
				buf_puts(b, fold[i].ascii);
				continue;
			}
		} else if (wordy(c)) {
			if (sep && b->len > start)
				buf_putc(b, '-');
			sep = 0;
			buf_put(b, at, (size_t)(s - at));
			continue;
		}
		sep = 1;
	}
	if (b->len == start)
		BUF_PUTSL(b, "section");
}

/* The text of spans, for a slug. */
static void
span_text(struct buf *b, const struct span *s)
{
	for (; s != NULL; s = s->next) {
		if ((s->type == SPAN_TEXT || s->type == SPAN_CODE) &&
		    s->text != NULL)
			buf_puts(b, s->text);
		else if (s->type == SPAN_SOFTBREAK ||
		    s->type == SPAN_LINEBREAK)
			buf_putc(b, ' ');
		span_text(b, s->child);
	}
}

static int
id_taken(const struct xctx *x, const char *id)
{
	size_t	 i;

	for (i = 0; i < x->nids; i++)
		if (strcmp(x->ids[i], id) == 0)
			return 1;
	return 0;
}

static void
id_take(struct xctx *x, const char *id)
{
	if (x->nids == x->idcap) {
		x->idcap = x->idcap ? x->idcap * 2 : 32;
		x->ids = xreallocarray(x->ids, x->idcap, sizeof(*x->ids));
	}
	x->ids[x->nids++] = xstrdup(id);
}

static void
ids_clear(struct xctx *x)
{
	size_t	 i;

	for (i = 0; i < x->nids; i++)
		free(x->ids[i]);
	x->nids = 0;
}

/* Names the headings of blocks, in document order: the second
 * "Accueil" of a page is "accueil-2". */
static void
name_headings(struct xctx *x, const struct target *t, struct block *b)
{
	struct buf	 txt = { NULL, 0, 0 }, id = { NULL, 0, 0 };
	size_t		 base;
	int		 n;

	for (; b != NULL; b = b->next) {
		if (b->type == BLOCK_HEADING) {
			buf_reset(&txt);
			buf_reset(&id);
			span_text(&txt, b->ins);
			slugify(&id, txt.data != NULL ? txt.data : "");
			base = id.len;
			for (n = 2; id_taken(x, id.data); n++) {
				id.len = base;
				buf_printf(&id, "-%d", n);
			}
			id_take(x, id.data);
			b->id = arena_strdup(x->r->ar, id.data);
			buf_reset(&id);
			buf_printf(&id, "%s#%s", t->dest, b->id);
			b->dest = arena_strdup(x->r->ar, id.data);
		}
		name_headings(x, t, b->child);
	}
	buf_free(&txt);
	buf_free(&id);
}

/*
 * Normalises a path lexically: "a/b/../c/./d" -> "a/c/d".  Leading ".."
 * stay.  Returns a new string (caller frees), or NULL when ".." would go
 * above the root of an absolute path.
 */
static char *
normalize(const char *path)
{
	char	*copy, *tok, *save, **seg, *out;
	size_t	 nseg = 0, i, len = 0;
	int	 abs = path[0] == '/';

	copy = xstrdup(path);
	seg = xcalloc(strlen(path) + 1, sizeof(*seg));
	for (tok = strtok_r(copy, "/", &save); tok != NULL;
	    tok = strtok_r(NULL, "/", &save)) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0 && nseg > 0 &&
		    strcmp(seg[nseg - 1], "..") != 0) {
			nseg--;
			continue;
		}
		if (strcmp(tok, "..") == 0 && abs) {
			free(seg);
			free(copy);
			return NULL;
		}
		seg[nseg++] = tok;
	}
	for (i = 0; i < nseg; i++)
		len += strlen(seg[i]) + 1;
	out = xmalloc(len + 2);
	out[0] = '\0';
	if (abs)
		strcat(out, "/");
	for (i = 0; i < nseg; i++) {
		if (i > 0)
			strcat(out, "/");
		strcat(out, seg[i]);
	}
	free(seg);
	free(copy);
	return out;
}

static int
targetcmp(const void *a, const void *b)
{
	return strcmp(((const struct target *)a)->file,
	    ((const struct target *)b)->file);
}

static void
add_target(struct xctx *x, struct doc *d, const struct edition *e,
    const struct measure *m, const struct part *pt, int back)
{
	struct target	*t;

	if (d->file == NULL)
		return;		/* missing: reported when loading */
	t = &x->t[x->nt++];
	t->file = normalize(d->file);
	if (t->file == NULL)
		t->file = xstrdup(d->file);
	t->d = d;
	t->e = e;
	t->m = m;
	t->pt = pt;
	t->back = back;
	/* As pdf.c names its pages. */
	t->dest = m != NULL ? m->id : NULL;
	if (pt != NULL) {
		char *s = xasprintf("%s-%s", back ? "apres" : "avant",
		    pt->slug);
		t->dest = arena_strdup(x->r->ar, s);
		free(s);
	}
}

/* Decodes %XX in a path, in place. */
static void
pct_decode(char *s)
{
	char	*o = s;
	int	 hi, lo;

	for (; *s != '\0'; s++) {
		if (*s == '%' && s[1] != '\0' && s[2] != '\0') {
			hi = s[1] <= '9' ? s[1] - '0' : (s[1] | 0x20) - 'a' + 10;
			lo = s[2] <= '9' ? s[2] - '0' : (s[2] | 0x20) - 'a' + 10;
			if (hi >= 0 && hi < 16 && lo >= 0 && lo < 16) {
				*o++ = (char)(hi << 4 | lo);
				s += 2;
				continue;
			}
		}
		*o++ = *s;
	}
	*o = '\0';
}

static const struct block *
find_heading(const struct block *b, const char *id)
{
	const struct block *h;

	for (; b != NULL; b = b->next) {
		if (b->type == BLOCK_HEADING && b->id != NULL &&
		    strcmp(b->id, id) == 0)
			return b;
		if ((h = find_heading(b->child, id)) != NULL)
			return h;
	}
	return NULL;
}

/* Does the text before a link end in « voir » (« voir aussi », « cf. »),
 * so that the PDF gives the target's page? */
static int
says_see(const struct span *prev, const struct span *link)
{
	static const char *const words[] = { "voir", "voir aussi", "cf." };
	const char	*t;
	size_t		 n, w, k;

	if (link->child != NULL && link->child->type == SPAN_TEXT &&
	    strncasecmp(link->child->text, "voir ", 5) == 0)
		return 1;
	if (prev == NULL || prev->type != SPAN_TEXT || prev->text == NULL)
		return 0;
	t = prev->text;
	n = strlen(t);
	/* Trailing blanks: ASCII, U+00A0, U+202F. */
	for (;;) {
		if (n >= 1 && t[n - 1] == ' ')
			n--;
		else if (n >= 2 && memcmp(t + n - 2, "\xc2\xa0", 2) == 0)
			n -= 2;
		else if (n >= 3 && memcmp(t + n - 3, "\xe2\x80\xaf", 3) == 0)
			n -= 3;
		else
			break;
	}
	for (w = 0; w < sizeof(words) / sizeof(words[0]); w++) {
		k = strlen(words[w]);
		if (n >= k && strncasecmp(t + n - k, words[w], k) == 0 &&
		    (n == k || t[n - k - 1] == ' ' || t[n - k - 1] == '(' ||
		    (unsigned char)t[n - k - 1] == 0xa0 ||
		    (unsigned char)t[n - k - 1] == 0xaf))
			return 1;
	}
	return 0;
}

/* The target of path, relative to the file of from ("": from itself),
 * or NULL.  *norm: the normalized path looked for, or NULL (the
 * caller frees it). */
static struct target *
find_target(struct xctx *x, const struct target *from, const char *path,
    char **norm)
{
	struct target	 key;
	char		*dir, *joined, *slash;

	*norm = NULL;
	if (*path == '\0')
		return (struct target *)from;
	if (*path == '/')
		return NULL;
	dir = xstrdup(from->d->file);
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	joined = xasprintf("%s/%s", dir, path);
	*norm = normalize(joined);
	free(joined);
	free(dir);
	if (*norm == NULL)
		return NULL;
	key.file = *norm;
	return bsearch(&key, x->t, x->nt, sizeof(*x->t), targetcmp);
}

/* Points ref at the indicator of t's measure that frag names (its id,
 * or "ind-" and its id), if there is one. */
static void
indicator_anchor(struct xctx *x, const struct target *t, struct xref *ref,
    const char *frag)
{
	char	*s;
	size_t	 i;

	for (i = 0; i < t->m->ninds; i++)
		if (strcmp(frag, t->m->inds[i].id) == 0 ||
		    (strncmp(frag, "ind-", 4) == 0 &&
		    strcmp(frag + 4, t->m->inds[i].id) == 0))
			break;
	if (i == t->m->ninds)
		return;
	s = xasprintf("ind-%s", t->m->inds[i].id);
	ref->anchor = arena_strdup(x->r->ar, s);
	free(s);
	s = xasprintf("%s#%s", t->m->id, ref->anchor);
	ref->dest = arena_strdup(x->r->ar, s);
	free(s);
}

/* The reference of s to t (arena), its fragment frag (NULL: none)
 * a heading of t's text or an indicator of its measure; NULL and an
 * error if frag names neither. */
static struct xref *
make_ref(struct xctx *x, const struct target *t, struct span *s,
    const char *frag)
{
	struct xref	*ref;
	const struct block *h;

	ref = arena_alloc(x->r->ar, sizeof(*ref));
	ref->e = t->e;
	ref->m = t->m;
	ref->pt = t->pt;
	ref->back = t->back;
	ref->dest = t->dest;
	if (frag == NULL || *frag == '\0')
		return ref;
	if ((h = find_heading(t->d->blocks, frag)) != NULL) {
		ref->anchor = h->id;
		ref->dest = h->dest;
	} else if (t->m != NULL)
		indicator_anchor(x, t, ref, frag);
	if (ref->anchor != NULL)
		return ref;
	diag_msg(DIAG_ERROR, &s->pos, MSG_LINK_HEADING,
	    utf8_cut(s->href, 100), s->href,
	    t->m != NULL ? " or indicator" : "", frag, t->d->file);
	return NULL;
}

static void
resolve(struct xctx *x, const struct target *from, struct span *s)
{
	struct target	*t;
	char		*path, *frag, *norm;

	path = xstrdup(s->href);
	if ((frag = strchr(path, '#')) != NULL)
		*frag++ = '\0';
	pct_decode(path);
	if ((t = find_target(x, from, path, &norm)) == NULL) {
		diag_msg(DIAG_ERROR, &s->pos, MSG_LINK_TARGET,
		    utf8_cut(s->href, 100), s->href,
		    norm != NULL ? norm : path);
		x->errors++;
		s->href = NULL;
	} else if ((s->ref = make_ref(x, t, s, frag)) == NULL) {
		x->errors++;
		s->href = NULL;
	}
	free(norm);
	free(path);
}

static void
links(struct xctx *x, const struct target *from, struct span *s)
{
	struct span	*prev = NULL;

	for (; s != NULL; prev = s, s = s->next) {
		if (s->type == SPAN_LINK && s->local && s->href != NULL) {
			resolve(x, from, s);
			if (s->ref != NULL && s->ref->e == from->e)
				s->pageref = says_see(prev, s);
		}
		links(x, from, s->child);
	}
}

static void
block_links(struct xctx *x, const struct target *from, struct block *b)
{
	for (; b != NULL; b = b->next) {
		links(x, from, b->ins);
		block_links(x, from, b->child);
	}
}

int
xref_resolve(struct report *r)
{
	struct xctx	 x;
	struct edition	*e;
	struct target	*t;
	size_t		 i, j, n = 0;

	memset(&x, 0, sizeof(x));
	x.r = r;
	for (i = 0; i < r->neds; i++)
		n += r->eds[i].nfront + r->eds[i].nback +
		    (r->eds[i].narr != NULL ? r->plan.nmeasures : 0);
	x.t = xcalloc(n + 1, sizeof(*x.t));
	for (i = 0; i < r->neds; i++) {
		e = &r->eds[i];
		for (j = 0; j < e->nfront; j++)
			add_target(&x, &e->front[j].doc, e, NULL,
			    &e->front[j], 0);
		for (j = 0; e->narr != NULL && j < r->plan.nmeasures; j++)
			add_target(&x, &e->narr[j], e, &r->plan.measures[j],
			    NULL, 0);
		for (j = 0; j < e->nback; j++)
			add_target(&x, &e->back[j].doc, e, NULL,
			    &e->back[j], 1);
	}
	qsort(x.t, x.nt, sizeof(*x.t), targetcmp);

	/* Ids first: a link may lead to a heading of any page. */
	for (i = 0; i < x.nt; i++) {
		t = &x.t[i];
		ids_clear(&x);
		for (j = 0; j < sizeof(reserved) / sizeof(reserved[0]); j++)
			id_take(&x, reserved[j]);
		for (j = 0; t->m != NULL && j < t->m->ninds; j++) {
			char *s = xasprintf("ind-%s", t->m->inds[j].id);
			id_take(&x, s);
			free(s);
		}
		name_headings(&x, t, t->d->blocks);
	}
	ids_clear(&x);
	for (i = 0; i < x.nt; i++)
		block_links(&x, &x.t[i], x.t[i].d->blocks);

	for (i = 0; i < x.nt; i++)
		free(x.t[i].file);
	free(x.t);
	free(x.ids);
	return x.errors == 0;
}

void
xref_site_page(struct buf *b, const struct xref *x)
{
	char	 file[64];

	if (x->m != NULL) {
		measure_file(file, sizeof(file), x->m);
		buf_puts(b, file);
	} else
		buf_printf(b, "%s.html", x->pt->slug);
	if (x->anchor != NULL)
		buf_printf(b, "#%s", x->anchor);
}
