/*
 * Line breaks of the PDF's prose, after pango has found them (see
 * lay_fix_breaks() in layout.h).  Pango breaks greedily, at spaces and at
 * the soft hyphens hyph.c inserts, and justifies every line it wraps.
 * Here the results are reviewed and the text edited where pango's choice
 * is not the one a typesetter makes:
 *
 * - justified text: no more than MAX_HYPH hyphenated lines in a row (the
 *   word that would end the next one in a hyphen is not broken);
 * - justified text: a line holding one word (or a piece of one) is not
 *   stretched (pango would space its letters out): the space or the soft
 *   hyphen that ends it becomes a paragraph end, which pango leaves
 *   unjustified;
 * - ragged text (cells, captions, notes): no hyphen at all, unless a word
 *   is wider than the line; then that word alone keeps its break points.
 *
 * Soft hyphens come out of the text with their bytes; the attributes and
 * the links that index the text follow.
 */
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "report.h"
#include "extern.h"
#include "hyph.h"
#include "layout.h"

#define MAX_HYPH	2	/* hyphenated lines in a row */
#define MAX_PASSES	64	/* edits of one text, at most */

static int
is_shy(const char *s, size_t i, size_t len)
{
	return i + 2 <= len && memcmp(s + i, HYPH_SHY, 2) == 0;
}

/* Does byte i of s separate tokens (a space, a tab, a paragraph end)? */
static int
is_sep(const char *s, size_t i, size_t len)
{
	if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r')
		return 1;
	/* U+2029 paragraph separator, U+2028 line separator */
	return i + 3 <= len && (memcmp(s + i, "\xe2\x80\xa9", 3) == 0 ||
	    memcmp(s + i, "\xe2\x80\xa8", 3) == 0);
}

/*
 * Takes out of pl's text the soft hyphens at the byte offsets where
 * drop[] is set, shifting the links and, when own (the list is the
 * layout's alone), the attributes.  The layout is laid out again.
 */
static void
shy_drop(PangoLayout *pl, int own, struct lay_link *links, size_t nlinks,
    const char *drop)
{
	const char	*text = pango_layout_get_text(pl);
	PangoAttrList	*attrs = own ? pango_layout_get_attributes(pl) : NULL;
	size_t		 len = strlen(text), i, k, n = 0;
	char		*t;

	t = xmalloc(len + 1);
	for (i = len; i-- > 0; ) {
		if (!drop[i])
			continue;
		if (attrs != NULL)
			pango_attr_list_update(attrs, (int)i, 2, 0);
		for (k = 0; k < nlinks; k++) {
			if ((size_t)links[k].start > i)
				links[k].start -= 2;
			if ((size_t)links[k].end > i)
				links[k].end -= 2;
		}
	}
	for (i = 0; i < len; i++) {
		if (drop[i]) {
			i++;
			continue;
		}
		t[n++] = text[i];
	}
	pango_layout_set_text(pl, t, (int)n);
	free(t);
}

/* Does any line of pl end in a soft hyphen? */
static int
ends_hyphenated(PangoLayout *pl)
{
	const char	*text = pango_layout_get_text(pl);
	GSList		*l;

	for (l = pango_layout_get_lines_readonly(pl); l != NULL; l = l->next) {
		PangoLayoutLine *ln = l->data;
		int e = ln->start_index + ln->length;

		if (e >= 2 && memcmp(text + e - 2, HYPH_SHY, 2) == 0)
			return 1;
	}
	return 0;
}

/*
 * Marks in bad[] (one per token, ntok of them) the tokens of pl that
 * pango cut where no break is allowed: the words wider than a line.
 * Returns how many lines start so.
 */
static int
cut_tokens(PangoLayout *pl, char *bad, size_t ntok)
{
	const char	*t = pango_layout_get_text(pl);
	const PangoLogAttr *la;
	GSList		*l;
	size_t		 len = strlen(t), i, tok;
	int		 nla, n = 0;
	long		 c;

	la = pango_layout_get_log_attrs_readonly(pl, &nla);
	for (l = pango_layout_get_lines_readonly(pl); l != NULL; l = l->next) {
		PangoLayoutLine *ln = l->data;

		if (ln->start_index == 0)
			continue;
		c = g_utf8_pointer_to_offset(t, t + ln->start_index);
		if (c >= nla || la[c].is_line_break)
			continue;
		for (i = 0, tok = 0; i < (size_t)ln->start_index && i < len;
		    i++)
			if (is_sep(t, i, len))
				tok++;
		if (tok < ntok)
			bad[tok] = 1;
		n++;
	}
	return n;
}

/* Number of tokens of text (a soft hyphen is inside a token, never
 * between two, so both forms of a text number them alike). */
static size_t
count_tokens(const char *t)
{
	size_t	 len = strlen(t), i, n = 0;

	for (i = 0; i <= len; i++)
		if (i == len || is_sep(t, i, len))
			n++;
	return n;
}

/*
 * Puts soft hyphens at the break points of the tokens of pl marked in
 * bad[], shifting links and, when own, attributes.  The layout is laid
 * out again.
 */
static void
shy_insert(PangoLayout *pl, struct hyph *hy, int own,
    struct lay_link *links, size_t nlinks, const char *bad)
{
	const char	*text = pango_layout_get_text(pl);
	PangoAttrList	*attrs = own ? pango_layout_get_attributes(pl) : NULL;
	struct buf	 out = { NULL, 0, 0 }, w = { NULL, 0, 0 };
	size_t		 len = strlen(text), i, j, s, tok = 0, k;
	size_t		*pos = NULL, npos = 0;

	/* Tokens are numbered by the separators before them. */
	for (i = 0; i <= len; ) {
		if (i < len && is_sep(text, i, len)) {
			j = (unsigned char)text[i] < 0x80 ? 1 : 3;
			buf_put(&out, text + i, j);
			i += j;
			tok++;
			continue;
		}
		for (s = i; i < len && !is_sep(text, i, len); i++)
			;
		if (!bad[tok]) {
			buf_put(&out, text + s, i - s);
		} else {
			/* The token again, a soft hyphen where libhyphen
			 * breaks it: note where, in the text as it was. */
			buf_reset(&w);
			hyph_put(hy, &w, text + s, i - s);
			for (j = 0, k = s; j < w.len; ) {
				if (j + 2 <= w.len &&
				    memcmp(w.data + j, HYPH_SHY, 2) == 0 &&
				    (k >= i || memcmp(text + k, HYPH_SHY, 2))) {
					pos = xreallocarray(pos, npos + 1,
					    sizeof(*pos));
					pos[npos++] = k;
					j += 2;
					continue;
				}
				j++;
				k++;
			}
			buf_put(&out, w.data, w.len);
		}
		if (i == len)
			break;
	}
	while (npos-- > 0) {
		i = pos[npos];
		if (attrs != NULL)
			pango_attr_list_update(attrs, (int)i, 0, 2);
		for (k = 0; k < nlinks; k++) {
			if ((size_t)links[k].start > i)
				links[k].start += 2;
			if ((size_t)links[k].end >= i)
				links[k].end += 2;
		}
	}
	if (out.len != len)
		pango_layout_set_text(pl, out.data, (int)out.len);
	free(pos);
	buf_free(&w);
	buf_free(&out);
}

/*
 * Ragged text: no hyphen but in the tokens that do not fit on a line.
 * Their text has none yet (tb_put() puts soft hyphens in justified text
 * only): a token pango had to cut where no break is allowed gets its
 * break points.  A text that has them (justified prose set ragged, for a
 * long address) keeps those of such tokens and loses the others.
 */
static void
fix_ragged(PangoLayout *pl, struct hyph *hy, int own,
    struct lay_link *links, size_t nlinks)
{
	const char	*text = pango_layout_get_text(pl);
	PangoLayout	*cp;
	size_t		 len = strlen(text), i, tok, ntok;
	char		*drop, *bad;
	int		 any = 0;

	ntok = count_tokens(text);
	bad = xcalloc(ntok + 1, 1);
	drop = xcalloc(len + 1, 1);
	for (i = 0; i < len; i++)
		if (is_shy(text, i, len))
			drop[i] = any = 1;
	if (!any) {
		if (hy != NULL && cut_tokens(pl, bad, ntok) > 0)
			shy_insert(pl, hy, own, links, nlinks, bad);
	} else if (!ends_hyphenated(pl)) {
		/* No break is at a soft hyphen: without them, pango finds
		 * the same breaks. */
		shy_drop(pl, own, links, nlinks, drop);
	} else {
		cp = pango_layout_copy(pl);
		shy_drop(cp, 1, NULL, 0, drop);
		cut_tokens(cp, bad, ntok);
		g_object_unref(cp);
		for (i = 0, tok = 0; i < len; i++) {
			if (is_sep(text, i, len))
				tok++;
			else if (drop[i] && tok < ntok && bad[tok])
				drop[i] = 0;
		}
		shy_drop(pl, own, links, nlinks, drop);
	}
	free(bad);
	free(drop);
}

/*
 * Justified text: where to take a break point away so that no more than
 * MAX_HYPH lines in a row end in a hyphen (a soft one, or the hyphen of
 * a compound word, which can stay): the end of the last line of the
 * first run too long that ends on a soft hyphen, or -1.
 */
static int
hyph_run(PangoLayout *pl)
{
	const char	*text = pango_layout_get_text(pl);
	GSList		*l;
	int		 run = 0, last = -1, e;

	for (l = pango_layout_get_lines_readonly(pl); l != NULL;
	    l = l->next) {
		PangoLayoutLine *ln = l->data;

		e = ln->start_index + ln->length;
		if (e >= 2 && memcmp(text + e - 2, HYPH_SHY, 2) == 0)
			last = e;
		else if (e < 1 || text[e - 1] != '-') {
			run = 0;
			last = -1;
			continue;
		}
		if (++run > MAX_HYPH && last >= 0)
			return last;
	}
	return -1;
}

/* Has [s, e) of text a space pango may stretch? */
static int
has_space(const char *text, int s, int e)
{
	const char	*p;

	for (p = text + s; p < text + e; p = g_utf8_next_char(p))
		if (g_unichar_type(g_utf8_get_char(p)) ==
		    G_UNICODE_SPACE_SEPARATOR)
			return 1;
	return 0;
}

static void
fix_justified(PangoLayout *pl, int own, struct lay_link *links,
    size_t nlinks)
{
	const char	*text;
	char		*drop, *t;
	GSList		*l;
	size_t		 len, i, ws, we;
	int		 pass, e;

	for (pass = 0; pass < MAX_PASSES; pass++) {
		if ((e = hyph_run(pl)) < 0)
			break;
		/* The word broken at e keeps no break point. */
		text = pango_layout_get_text(pl);
		len = strlen(text);
		for (ws = (size_t)e - 2; ws > 0 && !is_sep(text, ws - 1, len);
		    ws--)
			;
		for (we = (size_t)e; we < len && !is_sep(text, we, len); we++)
			;
		drop = xcalloc(len + 1, 1);
		for (i = ws; i < we; i++)
			if (is_shy(text, i, len))
				drop[i] = 1;
		shy_drop(pl, own, links, nlinks, drop);
		free(drop);
	}

	/* Lines of one word, or of a piece of one: the space after the
	 * word ends a paragraph, and so does the soft hyphen after the
	 * piece, made a CR LF (the same two bytes; HYPH_SOFTEND). */
	text = pango_layout_get_text(pl);
	len = strlen(text);
	t = NULL;
	for (l = pango_layout_get_lines_readonly(pl); l != NULL; l = l->next) {
		PangoLayoutLine *ln = l->data;
		int end;

		/* Only a wrapped line: the next one starts where it ends. */
		e = ln->start_index + ln->length;
		if (l->next == NULL || ((PangoLayoutLine *)
		    l->next->data)->start_index != e)
			continue;
		if (e >= 1 && text[e - 1] == ' ')
			end = e - 1;
		else if (e >= 2 && is_shy(text, (size_t)e - 2, len))
			end = e - 2;
		else
			continue;
		if (has_space(text, ln->start_index, end))
			continue;
		if (t == NULL)
			t = xstrdup(text);
		if (text[end] == ' ')
			t[end] = '\n';
		else
			memcpy(t + end, HYPH_SOFTEND, 2);
	}
	if (t != NULL)
		pango_layout_set_text(pl, t, (int)len);
	free(t);
}

void
lay_fix_breaks(PangoLayout *pl, struct hyph *hy, int own,
    struct lay_link *links, size_t nlinks)
{
	if (pango_layout_get_justify(pl))
		fix_justified(pl, own, links, nlinks);
	else
		fix_ragged(pl, hy, own, links, nlinks);
}
