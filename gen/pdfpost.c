/*
 * The finishing pass over the PDF that cairo wrote: what cairo 1.16
 * cannot write itself (STACK.md §5.1).
 *  - /Lang and /ViewerPreferences << /DisplayDocTitle true >> in the
 *    catalog, an XMP metadata stream (title, authors, language, dates,
 *    PDF/UA identifier);
 *  - the information dictionary's dates in PDF form ("D:…", which cairo
 *    leaves out) and a producer that does not change with the cairo
 *    version;
 *  - /Alt on each Figure structure element;
 *  - a trailer /ID derived from the content, so two builds of the same
 *    content give the same bytes.
 *
 * It is an incremental update (PDF 1.7 §7.5.6): the bytes cairo wrote stay
 * as they are, and new versions of the few objects that change (catalog,
 * information dictionary, Figure elements), the XMP stream, a
 * cross-reference section for them and a trailer pointing back (/Prev) to
 * cairo's are appended.  Reading the whole file and writing it anew (what
 * qpdf did here) cost a fifth of a PDF build.
 *
 * What is read is only what cairo 1.16 writes: one classic cross-reference
 * table, a trailer with /Size, /Root and /Info, no cross-reference or
 * object streams, no encryption, no earlier update.  Anything else, and
 * any byte out of place, is refused with a message (the parser checks
 * every bound; it never trusts an offset or a length it read).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib.h>

#include "report.h"
#include "extern.h"
#include "backend.h"

/* Nesting of arrays and dictionaries inside one object. */
#define MAX_NEST	64
/* Depth of the structure tree walk (as deep as anyone nests sections). */
#define MAX_TREE	64
/* Larger files are not what cairo wrote for a report. */
#define MAX_PDF_SIZE	((size_t)1 << 30)

/* ---- reading the file cairo wrote ---- */

enum vtype {
	V_NULL,
	V_BOOL,
	V_INT,		/* i */
	V_REAL,
	V_NAME,		/* with its '/' */
	V_STRING,	/* literal or hexadecimal, as written */
	V_ARRAY,
	V_DICT,
	V_REF		/* i = object number, gen */
};

/* One PDF value: its type and the bytes [s, e) it was written with. */
struct val {
	enum vtype	 t;
	size_t		 s, e;
	long long	 i;
	unsigned	 gen;
};

struct pdf {
	const char	*path;
	unsigned char	*p;		/* the whole file, NUL after it */
	size_t		 n;
	size_t		 startxref;	/* offset of cairo's "xref" */
	size_t		 size;		/* trailer /Size */
	size_t		*off;		/* [size] offset of "n g obj", or 0 */
	unsigned	*gen;		/* [size] generation */
	size_t		*alt;		/* [size] 1 + index into alts, or 0 */
	long long	 root, info;	/* object numbers; info -1: none */
	size_t		 visits;	/* objects visited by the tree walk */
	const char	*err;		/* why the file was refused */
	size_t		 errpos;
};

/* Records the first reason for refusing the file.  Returns 0. */
static int
bad(struct pdf *f, size_t pos, const char *why)
{
	if (f->err == NULL) {
		f->err = why;
		f->errpos = pos;
	}
	return 0;
}

static int
is_ws(int c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
	    c == '\f' || c == '\0';
}

static int
is_delim(int c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' ||
	    c == ']' || c == '{' || c == '}' || c == '/' || c == '%';
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* Does a token end at pos (end of file, white space or a delimiter)? */
static int
tok_end(const struct pdf *f, size_t pos)
{
	return pos >= f->n || is_ws(f->p[pos]) || is_delim(f->p[pos]);
}

/* The first byte at or after pos that is neither white space nor inside
 * a comment; f->n at the end. */
static size_t
skip_ws(const struct pdf *f, size_t pos)
{
	while (pos < f->n) {
		if (is_ws(f->p[pos]))
			pos++;
		else if (f->p[pos] == '%') {
			while (pos < f->n && f->p[pos] != '\n' &&
			    f->p[pos] != '\r')
				pos++;
		} else
			break;
	}
	return pos;
}

/* Is the keyword kw (a whole token) at pos? */
static int
keyword_at(const struct pdf *f, size_t pos, const char *kw)
{
	size_t	 len = strlen(kw);

	return pos <= f->n && f->n - pos >= len &&
	    memcmp(f->p + pos, kw, len) == 0 && tok_end(f, pos + len);
}

/* Reads an unsigned decimal integer of at most 18 digits at *pos.
 * Returns 1 and moves *pos past it, or 0. */
static int
uint_at(const struct pdf *f, size_t *pos, long long *v)
{
	size_t	 i = *pos;

	*v = 0;
	while (i < f->n && is_digit(f->p[i]) && i - *pos < 18)
		*v = *v * 10 + (f->p[i++] - '0');
	if (i == *pos || !tok_end(f, i))
		return 0;
	*pos = i;
	return 1;
}

/*
 * Parses the value at pos (white space first is skipped) into *v, nested
 * at most MAX_NEST deep.  Returns 1, or 0 after bad().
 */
static int
parse_val(struct pdf *f, size_t pos, struct val *v, int depth)
{
	struct val	 k, x;
	size_t		 i, j;
	long long	 n, g;
	int		 nest;

	memset(v, 0, sizeof(*v));
	pos = skip_ws(f, pos);
	v->s = pos;
	if (pos >= f->n)
		return bad(f, pos, "value expected, end of file found");
	if (depth > MAX_NEST)
		return bad(f, pos, "objects nested too deep");
	switch (f->p[pos]) {
	case '/':
		for (i = pos + 1; !tok_end(f, i); i++)
			continue;
		v->t = V_NAME;
		v->e = i;
		return 1;
	case '(':
		/* Balanced parentheses, unless escaped. */
		for (i = pos + 1, nest = 1; i < f->n; i++)
			if (f->p[i] == '\\')
				i++;
			else if (f->p[i] == '(')
				nest++;
			else if (f->p[i] == ')' && --nest == 0)
				break;
		if (i >= f->n)
			return bad(f, pos, "unterminated string");
		v->t = V_STRING;
		v->e = i + 1;
		return 1;
	case '[':
		v->t = V_ARRAY;
		for (i = skip_ws(f, pos + 1); i < f->n && f->p[i] != ']';
		    i = skip_ws(f, x.e))
			if (!parse_val(f, i, &x, depth + 1))
				return 0;
		if (i >= f->n)
			return bad(f, pos, "unterminated array");
		v->e = i + 1;
		return 1;
	case '<':
		if (pos + 1 < f->n && f->p[pos + 1] == '<') {
			v->t = V_DICT;
			for (i = skip_ws(f, pos + 2); i < f->n &&
			    f->p[i] != '>'; i = skip_ws(f, x.e)) {
				if (!parse_val(f, i, &k, depth + 1))
					return 0;
				if (k.t != V_NAME)
					return bad(f, i, "dictionary key is "
					    "not a name");
				if (!parse_val(f, k.e, &x, depth + 1))
					return 0;
			}
			if (i + 1 >= f->n || f->p[i + 1] != '>')
				return bad(f, pos, "unterminated dictionary");
			v->e = i + 2;
			return 1;
		}
		for (i = pos + 1; i < f->n && f->p[i] != '>'; i++)
			if (!is_ws(f->p[i]) && !g_ascii_isxdigit(f->p[i]))
				return bad(f, i, "bad hexadecimal string");
		if (i >= f->n)
			return bad(f, pos, "unterminated string");
		v->t = V_STRING;
		v->e = i + 1;
		return 1;
	default:
		break;
	}
	if (keyword_at(f, pos, "true") || keyword_at(f, pos, "false")) {
		v->t = V_BOOL;
		v->e = pos + (f->p[pos] == 't' ? 4 : 5);
		return 1;
	}
	if (keyword_at(f, pos, "null")) {
		v->t = V_NULL;
		v->e = pos + 4;
		return 1;
	}
	/* A number, or "num gen R". */
	i = pos;
	if (f->p[i] == '+' || f->p[i] == '-')
		i++;
	j = i;
	while (i < f->n && is_digit(f->p[i]))
		i++;
	if (i < f->n && f->p[i] == '.') {
		for (i++; i < f->n && is_digit(f->p[i]); i++)
			continue;
		if (i == j + 1 || !tok_end(f, i))
			return bad(f, pos, "bad number");
		v->t = V_REAL;
		v->e = i;
		return 1;
	}
	if (i == j || !tok_end(f, i))
		return bad(f, pos, "value expected");
	v->t = V_INT;
	v->e = i;
	if (i - j > 18)
		return bad(f, pos, "integer too large");
	for (v->i = 0; j < i; j++)
		v->i = v->i * 10 + (f->p[j] - '0');
	if (f->p[pos] == '-')
		v->i = -v->i;
	else {
		/* Two integers and R make a reference. */
		j = skip_ws(f, i);
		if (j < f->n && is_digit(f->p[j]) && uint_at(f, &j, &g) &&
		    (j = skip_ws(f, j)) < f->n && keyword_at(f, j, "R")) {
			n = v->i;
			v->t = V_REF;
			v->i = n;
			v->gen = g > 65535 ? 65536 : (unsigned)g;
			v->e = j + 1;
		}
	}
	return 1;
}

/* Is v the name written as name (with its '/')? */
static int
name_is(const struct pdf *f, const struct val *v, const char *name)
{
	size_t	 len = strlen(name);

	return v->t == V_NAME && v->e - v->s == len &&
	    memcmp(f->p + v->s, name, len) == 0;
}

/*
 * Looks key up in the dictionary d.  Returns 1 and fills *v if found;
 * returns 0 if not (d was checked whole by parse_val()).
 */
static int
dict_get(struct pdf *f, const struct val *d, const char *key, struct val *v)
{
	struct val	 k;
	size_t		 i;

	for (i = skip_ws(f, d->s + 2); i < d->e - 2; i = skip_ws(f, v->e)) {
		if (!parse_val(f, i, &k, 1) || !parse_val(f, k.e, v, 1))
			return 0;
		if (name_is(f, &k, key))
			return 1;
	}
	return 0;
}

/*
 * The object num as written in the file: *v is its value (a stream is
 * refused: none of the objects read here is one).  A reference to an
 * object that does not exist is null, as PDF says.  Returns 1, or 0 after
 * bad().
 */
static int
get_obj(struct pdf *f, long long num, unsigned gen, struct val *v)
{
	size_t		 pos;
	long long	 x;

	if (num < 0 || (unsigned long long)num >= f->size ||
	    f->off[num] == 0 || f->gen[num] != gen) {
		memset(v, 0, sizeof(*v));
		v->t = V_NULL;
		return 1;
	}
	pos = f->off[num];
	if (!uint_at(f, &pos, &x) || x != num)
		return bad(f, f->off[num], "object not where the "
		    "cross-reference table says");
	pos = skip_ws(f, pos);
	if (!uint_at(f, &pos, &x) || x != gen)
		return bad(f, pos, "object generation differs from the "
		    "cross-reference table");
	pos = skip_ws(f, pos);
	if (!keyword_at(f, pos, "obj"))
		return bad(f, pos, "\"obj\" expected");
	if (!parse_val(f, pos + 3, v, 0))
		return 0;
	pos = skip_ws(f, v->e);
	if (keyword_at(f, pos, "stream"))
		return bad(f, pos, "stream where a dictionary was expected");
	if (!keyword_at(f, pos, "endobj"))
		return bad(f, pos, "\"endobj\" expected");
	return 1;
}

/* Replaces a reference by the object it points to. */
static int
deref(struct pdf *f, struct val *v)
{
	if (v->t != V_REF)
		return 1;
	return get_obj(f, v->i, v->gen, v);
}

/*
 * Reads the cross-reference table at f->startxref and the trailer after
 * it: f->size, f->off, f->gen, f->root, f->info.  Returns 1, or 0 after
 * bad().
 */
static int
read_xref(struct pdf *f)
{
	struct val	 tr, v;
	size_t		 pos, sect, e, k;
	long long	 first, count, num, o, g;
	const unsigned char *q;
	int		 pass;

	if (!keyword_at(f, f->startxref, "xref"))
		return bad(f, f->startxref, "no cross-reference table at "
		    "startxref (a cross-reference stream?)");
	sect = skip_ws(f, f->startxref + 4);

	/* Pass 0 finds the trailer, pass 1 fills the table. */
	for (pass = 0; pass < 2; pass++) {
		for (pos = sect; pos < f->n && is_digit(f->p[pos]); ) {
			if (!uint_at(f, &pos, &first))
				return bad(f, pos, "bad subsection");
			pos = skip_ws(f, pos);
			if (!uint_at(f, &pos, &count))
				return bad(f, pos, "bad subsection");
			/* One end of line, then 20-byte entries. */
			while (pos < f->n && (f->p[pos] == ' ' ||
			    f->p[pos] == '\t'))
				pos++;
			if (pos < f->n && f->p[pos] == '\r')
				pos++;
			if (pos < f->n && f->p[pos] == '\n')
				pos++;
			if (count > (long long)((f->n - pos) / 20))
				return bad(f, pos, "cross-reference table "
				    "runs past the end of the file");
			if (pass == 1 && (first > (long long)f->size ||
			    count > (long long)f->size - first))
				return bad(f, pos, "cross-reference entry "
				    "beyond /Size");
			for (k = 0; pass == 1 && k < (size_t)count; k++) {
				q = f->p + pos + 20 * k;
				e = 0;
				if (q[10] != ' ' || q[16] != ' ' ||
				    (q[17] != 'n' && q[17] != 'f') ||
				    !((q[18] == ' ' && (q[19] == '\n' ||
				    q[19] == '\r')) || (q[18] == '\r' &&
				    q[19] == '\n')))
					return bad(f, pos + 20 * k,
					    "bad cross-reference entry");
				for (o = 0; e < 10; e++) {
					if (!is_digit(q[e]))
						return bad(f, pos + 20 * k,
						    "bad cross-reference entry");
					o = o * 10 + (q[e] - '0');
				}
				for (g = 0, e = 11; e < 16; e++) {
					if (!is_digit(q[e]))
						return bad(f, pos + 20 * k,
						    "bad cross-reference entry");
					g = g * 10 + (q[e] - '0');
				}
				num = first + (long long)k;
				if (q[17] == 'n') {
					if (o <= 0 || (size_t)o >= f->n)
						return bad(f, pos + 20 * k,
						    "object offset outside "
						    "the file");
					f->off[num] = (size_t)o;
					f->gen[num] = (unsigned)g;
				}
			}
			pos = skip_ws(f, pos + 20 * (size_t)count);
		}
		if (pass == 1)
			break;
		if (!keyword_at(f, pos, "trailer"))
			return bad(f, pos, "\"trailer\" expected");
		if (!parse_val(f, pos + 7, &tr, 0))
			return 0;
		if (tr.t != V_DICT)
			return bad(f, tr.s, "trailer is not a dictionary");
		if (dict_get(f, &tr, "/Prev", &v) ||
		    dict_get(f, &tr, "/XRefStm", &v))
			return bad(f, tr.s, "file already updated, or with "
			    "a cross-reference stream");
		if (dict_get(f, &tr, "/Encrypt", &v))
			return bad(f, tr.s, "encrypted file");
		if (!dict_get(f, &tr, "/Size", &v) || v.t != V_INT ||
		    v.i < 1 || (unsigned long long)v.i > f->n / 20 + 1)
			return bad(f, tr.s, "bad /Size in the trailer");
		f->size = (size_t)v.i;
		if (!dict_get(f, &tr, "/Root", &v) || v.t != V_REF)
			return bad(f, tr.s, "no /Root in the trailer");
		f->root = v.i;
		f->info = -1;
		if (dict_get(f, &tr, "/Info", &v)) {
			if (v.t != V_REF)
				return bad(f, tr.s, "/Info is not a reference");
			f->info = v.i;
		}
		f->off = xcalloc(f->size, sizeof(*f->off));
		f->gen = xcalloc(f->size, sizeof(*f->gen));
		f->alt = xcalloc(f->size, sizeof(*f->alt));
	}
	if (f->root >= (long long)f->size || f->off[f->root] == 0)
		return bad(f, f->startxref, "/Root is not in the file");
	if (f->info >= (long long)f->size ||
	    (f->info >= 0 && f->off[f->info] == 0))
		return bad(f, f->startxref, "/Info is not in the file");
	return 1;
}

/* Finds "startxref <offset> %%EOF" at the end of the file. */
static int
read_tail(struct pdf *f)
{
	size_t		 i, pos, lo;
	long long	 x;

	if (f->n < 32 || memcmp(f->p, "%PDF-", 5) != 0)
		return bad(f, 0, "not a PDF file");
	lo = f->n > 1024 ? f->n - 1024 : 0;
	for (i = f->n - 9; memcmp(f->p + i, "startxref", 9) != 0; i--)
		if (i == lo)
			return bad(f, f->n, "no startxref at the end of the "
			    "file");
	pos = skip_ws(f, i + 9);
	if (!uint_at(f, &pos, &x) || (unsigned long long)x >= f->n)
		return bad(f, pos, "bad startxref");
	f->startxref = (size_t)x;
	pos = skip_ws(f, pos);	/* "%%EOF" is a comment */
	if (pos != f->n)
		return bad(f, pos, "bytes after %%EOF");
	return 1;
}

/*
 * Gives each Figure structure element, in document order (depth first
 * from the structure tree root through /K, as cairo wrote the tree in
 * drawing order), the index of its alternative text in f->alt.  A node
 * reached twice keeps the later one.
 */
static int
figure_alts(struct pdf *f, struct val node, const struct pdfmeta *m,
    size_t *k, int depth)
{
	struct val	 s, kids;
	long long	 num = -1;
	size_t		 i;

	if (depth > MAX_TREE)
		return 1;
	if (node.t == V_REF) {
		if (++f->visits > 2 * f->size + 64)
			return bad(f, node.s, "structure tree too large");
		num = node.i;
		if (!deref(f, &node))
			return 0;
	}
	if (node.t == V_ARRAY) {
		for (i = skip_ws(f, node.s + 1); f->p[i] != ']';
		    i = skip_ws(f, s.e)) {
			if (!parse_val(f, i, &s, 1) ||
			    !figure_alts(f, s, m, k, depth + 1))
				return 0;
		}
		return 1;
	}
	if (node.t != V_DICT)
		return 1;
	if (dict_get(f, &node, "/S", &s) && deref(f, &s) &&
	    name_is(f, &s, "/Figure") && *k < m->nalts) {
		if (num < 0)
			return bad(f, node.s, "Figure element not an "
			    "indirect object");
		f->alt[num] = ++*k;
	}
	if (f->err != NULL)
		return 0;
	if (dict_get(f, &node, "/K", &kids))
		return figure_alts(f, kids, m, k, depth + 1);
	return f->err == NULL;
}

/* ---- writing the update ---- */

static void
xmp_packet(struct buf *b, const struct pdfmeta *m)
{
	size_t	 i;

	BUF_PUTSL(b, "<?xpacket begin=\"\xef\xbb\xbf\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\"\n"
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
	    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n"
	    "<dc:format>application/pdf</dc:format>\n"
	    "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
	html_esc_text(b, m->title);
	BUF_PUTSL(b, "</rdf:li></rdf:Alt></dc:title>\n<dc:creator><rdf:Seq>");
	for (i = 0; i < m->nauthors; i++) {
		BUF_PUTSL(b, "<rdf:li>");
		html_esc_text(b, m->authors[i]);
		BUF_PUTSL(b, "</rdf:li>");
	}
	BUF_PUTSL(b, "</rdf:Seq></dc:creator>\n");
	if (m->subject != NULL) {
		BUF_PUTSL(b, "<dc:description><rdf:Alt><rdf:li "
		    "xml:lang=\"x-default\">");
		html_esc_text(b, m->subject);
		BUF_PUTSL(b, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	BUF_PUTSL(b, "<dc:language><rdf:Bag><rdf:li>");
	html_esc_text(b, m->lang);
	BUF_PUTSL(b, "</rdf:li></rdf:Bag></dc:language>\n");
	buf_printf(b, "<xmp:CreateDate>%sT00:00:00Z</xmp:CreateDate>\n"
	    "<xmp:ModifyDate>%sT00:00:00Z</xmp:ModifyDate>\n"
	    "<xmp:MetadataDate>%sT00:00:00Z</xmp:MetadataDate>\n",
	    m->date, m->date, m->date);
	BUF_PUTSL(b, "<xmp:CreatorTool>" PROGNAME " " VERSION
	    "</xmp:CreatorTool>\n<pdf:Producer>" PROGNAME " " VERSION
	    "</pdf:Producer>\n");
	if (m->keywords != NULL) {
		BUF_PUTSL(b, "<pdf:Keywords>");
		html_esc_text(b, m->keywords);
		BUF_PUTSL(b, "</pdf:Keywords>\n");
	}
	BUF_PUTSL(b, "<pdfuaid:part>1</pdfuaid:part>\n"
	    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>\n");
}

/* Printable ASCII, tab and ends of line: the same characters in
 * PDFDocEncoding (which has accents at 0x18-0x1f, nothing at 0x7f). */
static int
is_plain(unsigned char c)
{
	return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Appends s (UTF-8) as a PDF text string: a literal string when it is all
 * printable ASCII ('(', ')' and '\' escaped, tab and ends of line as \t,
 * \n, \r so no reader turns them into something else), otherwise a
 * hexadecimal string in UTF-16BE after a byte order mark.
 */
static void
pdf_text(struct buf *b, const char *s)
{
	const unsigned char *p;
	uint32_t	 c;
	size_t		 len, i, n;

	if (s == NULL)
		s = "";
	for (p = (const unsigned char *)s; *p != '\0' && is_plain(*p); p++)
		continue;
	if (*p == '\0') {
		buf_putc(b, '(');
		for (p = (const unsigned char *)s; *p != '\0'; p++)
			switch (*p) {
			case '(':
			case ')':
			case '\\':
				buf_putc(b, '\\');
				buf_putc(b, *p);
				break;
			case '\t':
				BUF_PUTSL(b, "\\t");
				break;
			case '\n':
				BUF_PUTSL(b, "\\n");
				break;
			case '\r':
				BUF_PUTSL(b, "\\r");
				break;
			default:
				buf_putc(b, *p);
				break;
			}
		buf_putc(b, ')');
		return;
	}
	BUF_PUTSL(b, "<FEFF");
	len = strlen(s);
	for (i = 0; i < len; i += n) {
		if ((c = utf8_get(s + i, len - i, &n)) == UTF8_BAD)
			c = 0xfffd;
		if (c >= 0x10000) {
			c -= 0x10000;
			buf_printf(b, "%04X%04X", 0xd800 + (c >> 10),
			    0xdc00 + (c & 0x3ff));
		} else
			buf_printf(b, "%04X", c);
	}
	buf_putc(b, '>');
}

/*
 * Appends "<<" and the entries of dictionary d (as written) but those
 * whose key is in drop: the caller adds its own entries and "\n>>".
 */
static void
dict_copy(struct pdf *f, struct buf *b, const struct val *d,
    const char *const *drop, size_t ndrop)
{
	struct val	 k, v;
	size_t		 i, j;

	BUF_PUTSL(b, "<<");
	for (i = skip_ws(f, d->s + 2); i < d->e - 2; i = skip_ws(f, v.e)) {
		/* d was parsed whole: these cannot fail. */
		parse_val(f, i, &k, 1);
		parse_val(f, k.e, &v, 1);
		for (j = 0; j < ndrop; j++)
			if (name_is(f, &k, drop[j]))
				break;
		if (j < ndrop)
			continue;
		BUF_PUTSL(b, "\n   ");
		buf_put(b, f->p + k.s, v.e - k.s);
	}
}

/* A new version of object num, or a new object: where it starts. */
struct entry {
	size_t		 num;
	size_t		 off;
	unsigned	 gen;
};

static void
obj_begin(struct buf *b, struct entry *e, size_t base, size_t num,
    unsigned gen)
{
	e->num = num;
	e->off = base + b->len;
	e->gen = gen;
	buf_printf(b, "%zu %u obj\n", num, gen);
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;

	return x->num < y->num ? -1 : x->num > y->num;
}

/*
 * The update: the new objects, the cross-reference section and the
 * trailer, appended to b.  Returns 1, or 0 after bad().
 */
static int
write_update(struct pdf *f, const struct pdfmeta *m, struct buf *b)
{
	static const char *const cat_drop[] = { "/Lang", "/ViewerPreferences",
	    "/Metadata" };
	static const char *const info_drop[] = { "/CreationDate", "/ModDate",
	    "/Producer" };
	static const char *const fig_drop[] = { "/Alt" };
	struct entry	*ent;
	struct val	 v;
	struct buf	 x = { NULL, 0, 0 };
	GChecksum	*ck;
	guint8		 dig[16];
	gsize		 dlen = sizeof(dig);
	char		 date[32], id[33];
	size_t		 base, num, nent = 0, xmp, info, size, i, j, xref;
	int		 y, mo, d, rc = 0;

	if (m->date == NULL ||
	    sscanf(m->date, "%4d-%2d-%2d", &y, &mo, &d) != 3 ||
	    y < 0 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31)
		y = 1970, mo = d = 1;
	snprintf(date, sizeof(date), "D:%04d%02d%02d000000Z", y, mo, d);

	/* Figures, catalog, information dictionary, XMP stream: each
	 * object written once. */
	if (f->alt[f->root] != 0 || f->info == f->root ||
	    (f->info >= 0 && f->alt[f->info] != 0))
		return bad(f, f->off[f->root], "catalog or information "
		    "dictionary used twice");
	ent = xreallocarray(NULL, f->size + 2, sizeof(*ent));
	base = f->n;
	if (f->p[f->n - 1] != '\n' && f->p[f->n - 1] != '\r')
		buf_putc(b, '\n');
	for (num = 1; num < f->size; num++) {
		if (f->alt[num] == 0)
			continue;
		if (!get_obj(f, (long long)num, f->gen[num], &v))
			goto out;
		if (v.t != V_DICT) {
			bad(f, f->off[num], "Figure element is not a "
			    "dictionary");
			goto out;
		}
		obj_begin(b, &ent[nent++], base, num, f->gen[num]);
		dict_copy(f, b, &v, fig_drop, 1);
		BUF_PUTSL(b, "\n   /Alt ");
		pdf_text(b, m->alts[f->alt[num] - 1]);
		BUF_PUTSL(b, "\n>>\nendobj\n");
	}

	xmp = f->size;
	size = f->size + 1;
	if (!get_obj(f, f->root, f->gen[f->root], &v))
		goto out;
	if (v.t != V_DICT) {
		bad(f, f->off[f->root], "catalog is not a dictionary");
		goto out;
	}
	obj_begin(b, &ent[nent++], base, (size_t)f->root, f->gen[f->root]);
	dict_copy(f, b, &v, cat_drop, 3);
	BUF_PUTSL(b, "\n   /Lang ");
	pdf_text(b, m->lang);
	buf_printf(b, "\n   /ViewerPreferences << /DisplayDocTitle true >>"
	    "\n   /Metadata %zu 0 R\n>>\nendobj\n", xmp);

	if (f->info >= 0) {
		info = (size_t)f->info;
		if (!get_obj(f, f->info, f->gen[info], &v))
			goto out;
		if (v.t != V_DICT) {
			bad(f, f->off[info], "/Info is not a dictionary");
			goto out;
		}
		obj_begin(b, &ent[nent++], base, info, f->gen[info]);
		dict_copy(f, b, &v, info_drop, 3);
	} else {
		info = size++;
		obj_begin(b, &ent[nent++], base, info, 0);
		BUF_PUTSL(b, "<<");
	}
	buf_printf(b, "\n   /CreationDate (%s)\n   /ModDate (%s)"
	    "\n   /Producer (" PROGNAME " " VERSION ")\n>>\nendobj\n",
	    date, date);

	xmp_packet(&x, m);
	obj_begin(b, &ent[nent++], base, xmp, 0);
	buf_printf(b, "<< /Type /Metadata\n   /Subtype /XML\n"
	    "   /Length %zu\n>>\nstream\n", x.len);
	buf_put(b, x.data, x.len);
	BUF_PUTSL(b, "\nendstream\nendobj\n");

	/* Subsections of consecutive object numbers. */
	qsort(ent, nent, sizeof(*ent), entry_cmp);
	xref = base + b->len;
	BUF_PUTSL(b, "xref\n");
	for (i = 0; i < nent; i = j) {
		for (j = i + 1; j < nent && ent[j].num == ent[j - 1].num + 1;
		    j++)
			continue;
		buf_printf(b, "%zu %zu\n", ent[i].num, j - i);
		for (; i < j; i++)
			buf_printf(b, "%010zu %05u n \n", ent[i].off,
			    ent[i].gen);
	}

	/* The /ID: MD5 of everything before it, as qpdf's deterministic
	 * one was. */
	ck = g_checksum_new(G_CHECKSUM_MD5);
	g_checksum_update(ck, f->p, (gssize)f->n);
	g_checksum_update(ck, (const guchar *)b->data, (gssize)b->len);
	g_checksum_get_digest(ck, dig, &dlen);
	g_checksum_free(ck);
	for (i = 0; i < sizeof(dig); i++)
		snprintf(id + 2 * i, 3, "%02x", dig[i]);
	buf_printf(b, "trailer\n<< /Size %zu\n   /Root %lld %u R\n"
	    "   /Info %zu %u R\n   /Prev %zu\n   /ID [<%s> <%s>]\n>>\n"
	    "startxref\n%zu\n%%%%EOF\n", size, f->root, f->gen[f->root],
	    info, info < f->size ? f->gen[info] : 0, f->startxref, id, id,
	    xref);
	rc = 1;
out:
	free(ent);
	buf_free(&x);
	return rc;
}

/* Reads the file at f->path whole into f->p, f->n.  fd stays open. */
static int
read_all(struct pdf *f, int fd)
{
	struct buf	 b = { NULL, 0, 0 };
	struct file_fail ff;

	if (!file_get_fd(fd, MAX_PDF_SIZE, &b, &ff)) {
		file_diag_sys(f->path, &ff);
		buf_free(&b);
		return 0;
	}
	f->n = b.len;
	f->p = (unsigned char *)buf_detach(&b);
	return 1;
}

int
pdfpost(const char *path, const struct pdfmeta *m)
{
	struct pdf	 f;
	struct val	 root, str;
	struct buf	 u = { NULL, 0, 0 };
	size_t		 nfig = 0, done = 0;
	ssize_t		 w;
	int		 fd, rc = 0, wrote = 0;

	memset(&f, 0, sizeof(f));
	f.path = path;
	if ((fd = open(path, O_RDWR)) == -1) {
		diag_sys("%s: %s", path, strerror(errno));
		return 0;
	}
	if (!read_all(&f, fd))
		goto out;
	if (!read_tail(&f) || !read_xref(&f) ||
	    !get_obj(&f, f.root, f.gen[f.root], &root))
		goto bad;
	if (root.t != V_DICT) {
		bad(&f, f.off[f.root], "catalog is not a dictionary");
		goto bad;
	}
	if (dict_get(&f, &root, "/StructTreeRoot", &str) &&
	    !figure_alts(&f, str, m, &nfig, 0))
		goto bad;
	if (f.err != NULL || !write_update(&f, m, &u))
		goto bad;

	/* Appended after cairo's bytes; taken back if that fails. */
	wrote = 1;
	while (done < u.len) {
		w = pwrite(fd, u.data + done, u.len - done,
		    (off_t)(f.n + done));
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			diag_sys("%s: %s", path, w == 0 ? "short write" :
			    strerror(errno));
			goto out;
		}
		done += (size_t)w;
	}
	rc = 1;
	goto out;
bad:
	diag_sys("%s: unexpected PDF structure at byte %zu: %s", path,
	    f.errpos, f.err != NULL ? f.err : "unknown");
out:
	if (!rc && wrote && ftruncate(fd, (off_t)f.n) == -1)
		diag_sys("%s: %s", path, strerror(errno));
	if (close(fd) == -1 && rc) {
		diag_sys("%s: %s", path, strerror(errno));
		rc = 0;
	}
	free(f.p);
	free(f.off);
	free(f.gen);
	free(f.alt);
	buf_free(&u);
	return rc;
}
