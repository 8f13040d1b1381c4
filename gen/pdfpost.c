/*
 * The finishing pass over the PDF that cairo wrote: what cairo 1.16
 * cannot write itself (STACK.md §5.1).
 *  - /Lang and /ViewerPreferences << /DisplayDocTitle true >> in the
 *    catalog, an XMP metadata stream (title, authors, language, dates,
 *    PDF/UA identifier);
 *  - the information dictionary's dates in PDF form ("D:…", which cairo
 *    leaves out) and a producer that does not change with the cairo
 *    version;
 *  - the structure tree pdf.c recorded: the elements that hold elements
 *    (cairo is handed only the leaves), /Alt on each Figure, /Scope on
 *    each TH;
 *  - page content: the mark pdf.c draws first on every page taken out
 *    (see pdfpost_mark()), what is drawn outside every element made
 *    /Artifact sequences, cairo's ActualText spans given an MCID of
 *    their own, soft hyphens out of the text (see content_fix());
 *    ToUnicode maps without U+00AD;
 *  - link annotations with /Contents, /Tabs /S on pages with them, an
 *    outline root whose /Count is not negative;
 *  - a trailer /ID derived from the content, so two builds of the same
 *    content give the same bytes.
 *
 * The file is written anew over cairo's: its header, its streams (page
 * content and ToUnicode maps in new versions), every other object (as
 * cairo wrote it, or its new version) in compressed object streams, and
 * a cross-reference stream.  Nothing is renumbered.  An edition cut in
 * two halves (pdf.c) comes as two cairo files, merged first into one
 * like cairo's (merge_halves()), the second's objects renumbered.
 *
 * What is read is only what cairo 1.16 writes: PDF 1.5, one classic
 * cross-reference table, a trailer with /Size, /Root and /Info, no
 * cross-reference or object streams, no encryption, no earlier update,
 * a structure tree that is a tree.  Anything else, and any byte out of
 * place, is refused with a message (the parser checks every bound; it
 * never trusts an offset or a length it read), before anything is
 * written.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <glib.h>
#include <zlib.h>

#include "report.h"
#include "extern.h"
#include "msg.h"
#include "backend.h"

/* Nesting of arrays and dictionaries inside one object. */
#define MAX_NEST	64
/* Depth of the structure tree walk (as deep as anyone nests sections). */
#define MAX_TREE	200
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
	/* The structure tree, read whole: elements in the order cairo
	 * began them (depth first from the root). */
	struct elem	*el;
	size_t		 nel, elcap;
	size_t		*eix;		/* [size + nvirt] 1 + index in el,
					 * or 0 */
	size_t		 nvirt;		/* pdfmeta's groups: objects size,
					 * size + 1... */
	long long	*nobj;		/* [pdfmeta's nnodes] object of each
					 * element begun */
	/* New versions of objects, written in place of cairo's. */
	struct buf	 rep;
	size_t		*roff, *rlen;	/* [size] in rep; rlen 0: none */
	int		*fontw;		/* [size] 1 + a font's space width,
					 * or 0: not read yet */
	struct dest	*dests;		/* pdfmeta's links, sorted */
	size_t		 ndests;
	struct zpool	*zp;		/* what is compressed (from
					 * finish() on), or NULL */
};

/* A destination of pdfmeta's links and its index there. */
struct dest {
	const char	*name;
	size_t		 i;
};

/* A child of a structure element, as cairo wrote it. */
enum kidt {
	KID_ELEM,	/* v: object number of an element */
	KID_MCID,	/* v: marked-content identifier */
	KID_OTHER,	/* an object reference (OBJR) or MCR: bytes [s, e) */
	KID_NEWMCID,	/* v: an MCID added on page object s */
	KID_REF		/* v: object number of an element, written anew */
};

struct kid {
	enum kidt	 t;
	long long	 v;
	size_t		 s, e;
};

struct elem {
	long long	 num;		/* its object */
	long long	 parent;	/* object number; the root's for the
					 * top */
	struct val	 sv;		/* /S */
	const char	*tag;		/* a group's type (pdfmeta's): no
					 * object of cairo's; else NULL */
	long long	 pg;		/* /Pg, or -1 */
	struct kid	*kid;
	size_t		 nkid, kidcap;
	int		 dirty;		/* written anew */
	int		 kidsnew;	/* its kids changed (new MCIDs) */
	size_t		 ds, de;	/* cairo's dictionary: bytes [ds, de) */
	struct val	 pv, kv;	/* in it, the values of /P and /K
					 * (e 0: none) */
	size_t		 alt;		/* 1 + index into the /Alt texts */
	int		 th;		/* a header cell: gets /Scope */
	size_t		 lang;		/* 1 + index into the spans' /Lang */
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

/* The classes of a byte (PDF 1.7 §7.2.2), looked up: every byte the
 * pass reads goes through them. */
#define C_WS	1	/* white space */
#define C_DELIM	2	/* delimiter */
#define C_DIGIT	4
#define C_TOKEN	8	/* may start a token content_fix() looks at */
#define C_DT	(C_DELIM | C_TOKEN)
#define C_AL	C_TOKEN	/* a letter */
static const unsigned char cclass[256] = {
	['\0'] = C_WS, ['\t'] = C_WS, ['\n'] = C_WS, ['\f'] = C_WS,
	['\r'] = C_WS, [' '] = C_WS,
	['('] = C_DT, [')'] = C_DELIM, ['<'] = C_DT, ['>'] = C_DELIM,
	['['] = C_DT, [']'] = C_DELIM, ['{'] = C_DELIM, ['}'] = C_DELIM,
	['/'] = C_DT, ['%'] = C_DELIM, ['\''] = C_TOKEN, ['"'] = C_TOKEN,
	['0'] = C_DIGIT, ['1'] = C_DIGIT, ['2'] = C_DIGIT, ['3'] = C_DIGIT,
	['4'] = C_DIGIT, ['5'] = C_DIGIT, ['6'] = C_DIGIT, ['7'] = C_DIGIT,
	['8'] = C_DIGIT, ['9'] = C_DIGIT,
	['A'] = C_AL, ['B'] = C_AL, ['C'] = C_AL, ['D'] = C_AL, ['E'] = C_AL,
	['F'] = C_AL, ['G'] = C_AL, ['H'] = C_AL, ['I'] = C_AL, ['J'] = C_AL,
	['K'] = C_AL, ['L'] = C_AL, ['M'] = C_AL, ['N'] = C_AL, ['O'] = C_AL,
	['P'] = C_AL, ['Q'] = C_AL, ['R'] = C_AL, ['S'] = C_AL, ['T'] = C_AL,
	['U'] = C_AL, ['V'] = C_AL, ['W'] = C_AL, ['X'] = C_AL, ['Y'] = C_AL,
	['Z'] = C_AL,
	['a'] = C_AL, ['b'] = C_AL, ['c'] = C_AL, ['d'] = C_AL, ['e'] = C_AL,
	['f'] = C_AL, ['g'] = C_AL, ['h'] = C_AL, ['i'] = C_AL, ['j'] = C_AL,
	['k'] = C_AL, ['l'] = C_AL, ['m'] = C_AL, ['n'] = C_AL, ['o'] = C_AL,
	['p'] = C_AL, ['q'] = C_AL, ['r'] = C_AL, ['s'] = C_AL, ['t'] = C_AL,
	['u'] = C_AL, ['v'] = C_AL, ['w'] = C_AL, ['x'] = C_AL, ['y'] = C_AL,
	['z'] = C_AL
};

static int
is_ws(int c)
{
	return cclass[(unsigned char)c] & C_WS;
}

static int
is_delim(int c)
{
	return cclass[(unsigned char)c] & C_DELIM;
}

static int
is_digit(int c)
{
	return cclass[(unsigned char)c] & C_DIGIT;
}

/* Does a token end at pos (end of file, white space or a delimiter)? */
static int
tok_end(const struct pdf *f, size_t pos)
{
	return pos >= f->n || (cclass[f->p[pos]] & (C_WS | C_DELIM));
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
	size_t	 len;

	if (pos >= f->n || f->p[pos] != (unsigned char)kw[0])
		return 0;
	len = strlen(kw);
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

/* A literal string at pos: balanced parentheses, unless escaped. */
static int
parse_literal(struct pdf *f, size_t pos, struct val *v)
{
	size_t	 i;
	int	 nest;

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
}

/* A hexadecimal string at pos: "<", hexadecimal digits, ">". */
static int
parse_hex(struct pdf *f, size_t pos, struct val *v)
{
	size_t	 i;

	for (i = pos + 1; i < f->n && f->p[i] != '>'; i++)
		if (!is_ws(f->p[i]) && !g_ascii_isxdigit(f->p[i]))
			return bad(f, i, "bad hexadecimal string");
	if (i >= f->n)
		return bad(f, pos, "unterminated string");
	v->t = V_STRING;
	v->e = i + 1;
	return 1;
}

static int	 parse_val(struct pdf *, size_t, struct val *, int);

/* An array at pos, each element checked at depth. */
static int
parse_array(struct pdf *f, size_t pos, struct val *v, int depth)
{
	struct val	 x;
	size_t		 i;

	v->t = V_ARRAY;
	for (i = skip_ws(f, pos + 1); i < f->n && f->p[i] != ']';
	    i = skip_ws(f, x.e))
		if (!parse_val(f, i, &x, depth))
			return 0;
	if (i >= f->n)
		return bad(f, pos, "unterminated array");
	v->e = i + 1;
	return 1;
}

static int	 name_is(const struct pdf *, const struct val *,
		    const char *);

/* A dictionary at pos, each key and value checked at depth; on the way,
 * the value of each of the n keys (its first entry) in kv, or one with e
 * 0 when there is none (no value ends at offset 0). */
static int
parse_dict(struct pdf *f, size_t pos, struct val *v, int depth,
    const char *const *keys, size_t n, struct val *kv)
{
	struct val	 k, x;
	size_t		 i, j;

	v->t = V_DICT;
	for (j = 0; j < n; j++)
		kv[j].e = 0;
	for (i = skip_ws(f, pos + 2); i < f->n && f->p[i] != '>';
	    i = skip_ws(f, x.e)) {
		if (!parse_val(f, i, &k, depth))
			return 0;
		if (k.t != V_NAME)
			return bad(f, i, "dictionary key is not a name");
		if (!parse_val(f, k.e, &x, depth))
			return 0;
		for (j = 0; j < n; j++)
			if (kv[j].e == 0 && name_is(f, &k, keys[j])) {
				kv[j] = x;
				break;
			}
	}
	if (i + 1 >= f->n || f->p[i + 1] != '>')
		return bad(f, pos, "unterminated dictionary");
	v->e = i + 2;
	return 1;
}

/* After the integer v ending at i: "gen R" makes it a reference. */
static void
parse_ref(struct pdf *f, size_t i, struct val *v)
{
	size_t		 j;
	long long	 g;

	j = skip_ws(f, i);
	if (j < f->n && is_digit(f->p[j]) && uint_at(f, &j, &g) &&
	    (j = skip_ws(f, j)) < f->n && keyword_at(f, j, "R")) {
		v->t = V_REF;
		v->gen = g > 65535 ? 65536 : (unsigned)g;
		v->e = j + 1;
	}
}

/* A number at pos, or "num gen R". */
static int
parse_number(struct pdf *f, size_t pos, struct val *v)
{
	size_t	 i, j;

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
	else
		parse_ref(f, i, v);
	return 1;
}

/*
 * Parses the value at pos (white space first is skipped) into *v, nested
 * at most MAX_NEST deep.  Returns 1, or 0 after bad().
 */
static int
parse_val(struct pdf *f, size_t pos, struct val *v, int depth)
{
	size_t	 i;

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
		return parse_literal(f, pos, v);
	case '[':
		return parse_array(f, pos, v, depth + 1);
	case '<':
		if (pos + 1 < f->n && f->p[pos + 1] == '<')
			return parse_dict(f, pos, v, depth + 1, NULL, 0,
			    NULL);
		return parse_hex(f, pos, v);
	case 't':
	case 'f':
		if (keyword_at(f, pos, "true") || keyword_at(f, pos, "false")) {
			v->t = V_BOOL;
			v->e = pos + (f->p[pos] == 't' ? 4 : 5);
			return 1;
		}
		break;
	case 'n':
		if (keyword_at(f, pos, "null")) {
			v->t = V_NULL;
			v->e = pos + 4;
			return 1;
		}
		break;
	default:
		break;
	}
	return parse_number(f, pos, v);
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
 * object that does not exist is null, as PDF says.  The values of the n
 * keys of a dictionary are read on the way into kv, as parse_dict()
 * gives them (e 0: none).  Returns 1, or 0 after bad().
 */
static int
get_obj_keys(struct pdf *f, long long num, unsigned gen, struct val *v,
    const char *const *keys, size_t n, struct val *kv)
{
	size_t		 pos, j;
	long long	 x;

	for (j = 0; j < n; j++)
		kv[j].e = 0;
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
	pos = skip_ws(f, pos + 3);
	if (n > 0 && f->n - pos >= 2 && f->p[pos] == '<' &&
	    f->p[pos + 1] == '<') {
		memset(v, 0, sizeof(*v));
		v->s = pos;
		if (!parse_dict(f, pos, v, 1, keys, n, kv))
			return 0;
	} else if (!parse_val(f, pos, v, 0))
		return 0;
	pos = skip_ws(f, v->e);
	if (keyword_at(f, pos, "stream"))
		return bad(f, pos, "stream where a dictionary was expected");
	if (!keyword_at(f, pos, "endobj"))
		return bad(f, pos, "\"endobj\" expected");
	return 1;
}

static int
get_obj(struct pdf *f, long long num, unsigned gen, struct val *v)
{
	return get_obj_keys(f, num, gen, v, NULL, 0, NULL);
}

/* Replaces a reference by the object it points to. */
static int
deref(struct pdf *f, struct val *v)
{
	if (v->t != V_REF)
		return 1;
	return get_obj(f, v->i, v->gen, v);
}

/* The 20-byte entry at pos for object num: "oooooooooo ggggg n\r\n". */
static int
xref_entry(struct pdf *f, size_t pos, long long num)
{
	const unsigned char *q = f->p + pos;
	long long	 o, g;
	size_t		 e;

	if (q[10] != ' ' || q[16] != ' ' || (q[17] != 'n' && q[17] != 'f') ||
	    !((q[18] == ' ' && (q[19] == '\n' || q[19] == '\r')) ||
	    (q[18] == '\r' && q[19] == '\n')))
		return bad(f, pos, "bad cross-reference entry");
	for (o = 0, e = 0; e < 10; e++) {
		if (!is_digit(q[e]))
			return bad(f, pos, "bad cross-reference entry");
		o = o * 10 + (q[e] - '0');
	}
	for (g = 0, e = 11; e < 16; e++) {
		if (!is_digit(q[e]))
			return bad(f, pos, "bad cross-reference entry");
		g = g * 10 + (q[e] - '0');
	}
	if (q[17] == 'n') {
		if (o <= 0 || (size_t)o >= f->n)
			return bad(f, pos, "object offset outside the file");
		f->off[num] = (size_t)o;
		f->gen[num] = (unsigned)g;
	}
	return 1;
}

/*
 * The subsections from sect on; with fill, their entries go into the
 * table (whose /Size is known by then).  *end: the byte after them.
 */
static int
xref_sections(struct pdf *f, size_t sect, int fill, size_t *end)
{
	size_t		 pos, k;
	long long	 first, count;

	for (pos = sect; pos < f->n && is_digit(f->p[pos]); ) {
		if (!uint_at(f, &pos, &first))
			return bad(f, pos, "bad subsection");
		pos = skip_ws(f, pos);
		if (!uint_at(f, &pos, &count))
			return bad(f, pos, "bad subsection");
		/* One end of line, then 20-byte entries. */
		while (pos < f->n && (f->p[pos] == ' ' || f->p[pos] == '\t'))
			pos++;
		if (pos < f->n && f->p[pos] == '\r')
			pos++;
		if (pos < f->n && f->p[pos] == '\n')
			pos++;
		if (count > (long long)((f->n - pos) / 20))
			return bad(f, pos, "cross-reference table runs past "
			    "the end of the file");
		if (fill && (first > (long long)f->size ||
		    count > (long long)f->size - first))
			return bad(f, pos, "cross-reference entry beyond "
			    "/Size");
		for (k = 0; fill && k < (size_t)count; k++)
			if (!xref_entry(f, pos + 20 * k, first + (long long)k))
				return 0;
		pos = skip_ws(f, pos + 20 * (size_t)count);
	}
	*end = pos;
	return 1;
}

/* The trailer at pos: f->size, f->root, f->info; the tables allocated. */
static int
read_trailer(struct pdf *f, size_t pos)
{
	struct val	 tr, v;

	if (!keyword_at(f, pos, "trailer"))
		return bad(f, pos, "\"trailer\" expected");
	if (!parse_val(f, pos + 7, &tr, 0))
		return 0;
	if (tr.t != V_DICT)
		return bad(f, tr.s, "trailer is not a dictionary");
	if (dict_get(f, &tr, "/Prev", &v) || dict_get(f, &tr, "/XRefStm", &v))
		return bad(f, tr.s, "file already updated, or with a "
		    "cross-reference stream");
	if (dict_get(f, &tr, "/Encrypt", &v))
		return bad(f, tr.s, "encrypted file");
	if (dict_get(f, &tr, "/ID", &v))
		return bad(f, tr.s, "file finished already (an /ID in the "
		    "trailer)");
	if (!dict_get(f, &tr, "/Size", &v) || v.t != V_INT || v.i < 1 ||
	    (unsigned long long)v.i > f->n / 20 + 1)
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
	return 1;
}

/*
 * Reads the cross-reference table at f->startxref and the trailer after
 * it: f->size, f->off, f->gen, f->root, f->info.  A first walk over the
 * subsections finds the trailer, which gives /Size; a second fills the
 * table.  Returns 1, or 0 after bad().
 */
static int
read_xref(struct pdf *f)
{
	size_t	 sect, pos;

	if (!keyword_at(f, f->startxref, "xref"))
		return bad(f, f->startxref, "no cross-reference table at "
		    "startxref (a cross-reference stream?)");
	sect = skip_ws(f, f->startxref + 4);
	if (!xref_sections(f, sect, 0, &pos) || !read_trailer(f, pos) ||
	    !xref_sections(f, sect, 1, &pos))
		return 0;
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

/* ---- the structure tree ---- */

static void
kid_add(struct elem *e, enum kidt t, long long v, size_t s, size_t en)
{
	if (e->nkid == e->kidcap) {
		e->kidcap = e->kidcap ? e->kidcap * 2 : 4;
		e->kid = xreallocarray(e->kid, e->kidcap, sizeof(*e->kid));
	}
	e->kid[e->nkid].t = t;
	e->kid[e->nkid].v = v;
	e->kid[e->nkid].s = s;
	e->kid[e->nkid].e = en;
	e->nkid++;
}

/* The entries of a structure element tree_kid() reads, in one pass. */
enum { EK_S, EK_TYPE, EK_PG, EK_K, EK_P, EK__MAX };
static const char *const elem_keys[EK__MAX] = {
	"/S",		/* EK_S */
	"/Type",	/* EK_TYPE */
	"/Pg",		/* EK_PG */
	"/K",		/* EK_K */
	"/P"		/* EK_P */
};

static int	 tree_elem(struct pdf *, struct val, const struct val *,
		    const struct val *, long long, int);
static void	 put_ref(struct buf *, long long, unsigned);
static void	 dict_copy(struct pdf *, struct buf *, const struct val *,
		    const char *const *, size_t);
static void	 rep_begin(struct pdf *, size_t);
static void	 rep_end(struct pdf *, size_t);

/*
 * One entry of a /K: an element (read, depth first), a marked-content
 * identifier, or an object reference or marked-content reference kept
 * as written.  Added to the kids of element ei, or, for the root (ei
 * (size_t)-1), only read.
 */
static int
tree_kid(struct pdf *f, struct val k, size_t ei, long long parent,
    int depth)
{
	struct val	 o, ev[EK__MAX];

	if (k.t == V_INT) {
		if (ei != (size_t)-1)
			kid_add(&f->el[ei], KID_MCID, k.i, k.s, k.e);
		return 1;
	}
	if (k.t == V_REF) {
		if (!get_obj_keys(f, k.i, k.gen, &o, elem_keys, EK__MAX, ev))
			return 0;
		if (o.t == V_DICT && ev[EK_S].e != 0 && !(ev[EK_TYPE].e != 0 &&
		    !name_is(f, &ev[EK_TYPE], "/StructElem"))) {
			if (ei != (size_t)-1)
				kid_add(&f->el[ei], KID_ELEM, k.i, k.s, k.e);
			return tree_elem(f, k, &o, ev, parent, depth + 1);
		}
	}
	if (k.t == V_DICT && dict_get(f, &k, "/S", &o))
		return bad(f, k.s, "structure element not an object");
	if (ei != (size_t)-1)
		kid_add(&f->el[ei], KID_OTHER, 0, k.s, k.e);
	return f->err == NULL;
}

/* Every entry of the /K value kids (an array or one entry). */
static int
tree_kids(struct pdf *f, struct val kids, size_t ei, long long parent,
    int depth)
{
	struct val	 k;
	size_t		 i;

	if (kids.t != V_ARRAY)
		return tree_kid(f, kids, ei, parent, depth);
	for (i = skip_ws(f, kids.s + 1); f->p[i] != ']'; i = skip_ws(f, k.e))
		if (!parse_val(f, i, &k, 1) ||
		    !tree_kid(f, k, ei, parent, depth))
			return 0;
	return 1;
}

/* The element at reference r (the entries ev of its dictionary, read
 * by tree_kid()), child of object parent, and the elements under it. */
static int
tree_elem(struct pdf *f, struct val r, const struct val *o,
    const struct val *ev, long long parent, int depth)
{
	struct elem	*e;
	size_t		 ei;

	if (depth > MAX_TREE)
		return bad(f, r.s, "structure tree too deep");
	if (r.t != V_REF || r.i < 0 || (size_t)r.i >= f->size)
		return bad(f, r.s, "structure element not an object");
	/* cairo writes a tree: a loop or a shared child is refused. */
	if (f->eix[r.i] != 0 || ++f->visits > f->size)
		return bad(f, r.s, "structure element reached twice");
	if (ev[EK_S].t != V_NAME)
		return bad(f, ev[EK_S].s, "structure element without a type");
	if (f->nel == f->elcap) {
		f->elcap = f->elcap ? f->elcap * 2 : 256;
		f->el = xreallocarray(f->el, f->elcap, sizeof(*f->el));
	}
	ei = f->nel++;
	f->eix[r.i] = ei + 1;
	e = &f->el[ei];
	memset(e, 0, sizeof(*e));
	e->num = r.i;
	e->parent = parent;
	e->sv = ev[EK_S];
	e->pv = ev[EK_P];
	e->kv = ev[EK_K];
	e->ds = o->s;
	e->de = o->e;
	e->pg = ev[EK_PG].e != 0 && ev[EK_PG].t == V_REF ? ev[EK_PG].i : -1;
	if (ev[EK_K].e == 0)
		return f->err == NULL;
	return tree_kids(f, ev[EK_K], ei, r.i, depth);
}

/* The element begun i-th: pdfmeta's node i, or cairo's i-th. */
static struct elem *
elem_begun(const struct pdf *f, const struct pdfmeta *m, size_t i)
{
	return m->nnodes > 0 ? &f->el[f->eix[f->nobj[i]] - 1] : &f->el[i];
}

/* Is element e of type name ("Figure")? */
static int
elem_is(const struct pdf *f, const struct elem *e, const char *name)
{
	if (e->tag != NULL)
		return strcmp(e->tag, name) == 0;
	return e->sv.e - e->sv.s == strlen(name) + 1 &&
	    memcmp(f->p + e->sv.s + 1, name, strlen(name)) == 0;
}

/* A group of pdfmeta's, object num, in f->el after cairo's elements. */
static size_t
group_add(struct pdf *f, long long num, const char *tag)
{
	struct elem	*e;

	if (f->nel == f->elcap) {
		f->elcap = f->elcap ? f->elcap * 2 : 256;
		f->el = xreallocarray(f->el, f->elcap, sizeof(*f->el));
	}
	e = &f->el[f->nel];
	memset(e, 0, sizeof(*e));
	e->num = num;
	e->tag = tag;
	e->pg = -1;
	e->dirty = 1;
	f->eix[num] = f->nel + 1;
	return f->nel++;
}

/*
 * pdf.c's tree (m->nodes) over cairo's, which holds its leaves: each
 * group a new object (size, size + 1, ... in the order begun) whose
 * kids are the elements recorded under it, in order; each leaf under a
 * group given it as parent; the root's kids written anew (object rn,
 * dictionary str).  A leaf's place under another leaf is cairo's.
 */
static int
tree_groups(struct pdf *f, const struct pdfmeta *m, long long rn,
    const struct val *str)
{
	static const char *const drop[] = { "/K" };
	const struct pdfnode *n;
	struct buf	 root = { NULL, 0, 0 };
	struct elem	*e;
	size_t		 i, r = 0, g = 0, ncairo = f->nel;
	long long	 par;

	f->nobj = xcalloc(m->nnodes, sizeof(*f->nobj));
	for (i = 0; i < m->nnodes; i++) {
		n = &m->nodes[i];
		if (n->parent > i || (n->parent > 0 &&
		    m->nodes[n->parent - 1].cairo && !n->cairo))
			return bad(f, 0, "group not in a group");
		if (!n->cairo) {
			f->nobj[i] = (long long)(f->size + g++);
			group_add(f, f->nobj[i], n->tag);
		} else if (r < ncairo)
			f->nobj[i] = f->el[r++].num;
		else
			return bad(f, 0, "more leaves drawn than cairo wrote");
	}
	if (r != ncairo)
		return bad(f, 0, "fewer leaves drawn than cairo wrote");
	for (i = 0; i < m->nnodes; i++) {
		n = &m->nodes[i];
		if (n->parent > 0 && m->nodes[n->parent - 1].cairo)
			continue;	/* cairo's */
		e = &f->el[f->eix[f->nobj[i]] - 1];
		if (n->cairo && e->parent != rn)
			return bad(f, 0, "leaf of a group not at the root");
		par = n->parent > 0 ? f->nobj[n->parent - 1] : rn;
		if (e->parent != par) {
			e->parent = par;
			e->dirty = 1;
		}
		if (par == rn) {
			buf_putc(&root, ' ');
			put_ref(&root, f->nobj[i], f->gen[f->nobj[i]]);
		} else
				kid_add(&f->el[f->eix[par] - 1], KID_REF, f->nobj[i],
			    0, 0);
	}
	rep_begin(f, (size_t)rn);
	dict_copy(f, &f->rep, str, drop, 1);
	BUF_PUTSL(&f->rep, "\n   /K [");
	buf_put(&f->rep, root.data, root.len);
	BUF_PUTSL(&f->rep, " ]\n>>");
	rep_end(f, (size_t)rn);
	buf_free(&root);
	return 1;
}

/*
 * What pdf.c asked for and cairo could not write: its groups
 * (tree_groups()), an /Alt on each Figure, a /Scope on each header
 * cell, a /Lang on each span in another language.
 */
static int
tree_fix(struct pdf *f, const struct pdfmeta *m, long long rn,
    const struct val *str)
{
	struct elem	*e;
	size_t		 i, n, nalt = 0;

	n = m->nnodes > 0 ? m->nnodes : f->nel;
	if (m->nnodes > 0 && !tree_groups(f, m, rn, str))
		return 0;
	for (i = 0; i < n; i++) {
		e = elem_begun(f, m, i);
		if (elem_is(f, e, "Figure") && nalt < m->nalts) {
			e->alt = ++nalt;
			e->dirty = 1;
		} else if (e->tag == NULL && elem_is(f, e, "TH")) {
			e->th = 1;
			e->dirty = 1;
		}
	}
	for (i = 0; i < m->nspans; i++) {
		if (m->spans[i] >= f->nel || f->el[m->spans[i]].tag != NULL)
			return bad(f, 0, "span with a language not in the "
			    "structure tree");
		f->el[m->spans[i]].lang = i + 1;
		f->el[m->spans[i]].dirty = 1;
	}
	return 1;
}

/* ---- writing the update ---- */

/* Appends v in decimal, as printf's %lld would: the pass writes tens of
 * thousands of numbers (object numbers, MCIDs), printf is its slowest
 * way to. */
static void
put_num(struct buf *b, long long v)
{
	char			 d[24];
	size_t			 n = sizeof(d);
	unsigned long long	 u;

	u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;
	do
		d[--n] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		d[--n] = '-';
	buf_put(b, d + n, sizeof(d) - n);
}

/* Appends "num gen R". */
static void
put_ref(struct buf *b, long long num, unsigned gen)
{
	put_num(b, num);
	buf_putc(b, ' ');
	put_num(b, gen);
	BUF_PUTSL(b, " R");
}

/* Appends "num gen obj\n", an object's start. */
static void
put_obj(struct buf *b, size_t num, unsigned gen)
{
	put_num(b, (long long)num);
	buf_putc(b, ' ');
	put_num(b, gen);
	BUF_PUTSL(b, " obj\n");
}

/* Appends the 16-bit unit u as four upper-case hexadecimal digits. */
static void
put_hex4(struct buf *b, unsigned u)
{
	static const char hex[] = "0123456789ABCDEF";
	char		 d[4];

	d[0] = hex[u >> 12 & 0xf];
	d[1] = hex[u >> 8 & 0xf];
	d[2] = hex[u >> 4 & 0xf];
	d[3] = hex[u & 0xf];
	buf_put(b, d, 4);
}

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
			put_hex4(b, 0xd800 + (c >> 10));
			put_hex4(b, 0xdc00 + (c & 0x3ff));
		} else
			put_hex4(b, c);
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

/* ---- new versions of objects ---- */

/* Starts the new version of object num in f->rep. */
static void
rep_begin(struct pdf *f, size_t num)
{
	f->roff[num] = f->rep.len;
	put_obj(&f->rep, num, f->gen[num]);
}

static void
rep_end(struct pdf *f, size_t num)
{
	BUF_PUTSL(&f->rep, "\nendobj\n");
	f->rlen[num] = f->rep.len - f->roff[num];
}

/* The kids of element e, as a /K value. */
static void
write_kids(struct pdf *f, const struct elem *e)
{
	size_t		 i;

	BUF_PUTSL(&f->rep, "[");
	for (i = 0; i < e->nkid; i++) {
		buf_putc(&f->rep, ' ');
		if (e->kid[i].t == KID_REF)
			put_ref(&f->rep, e->kid[i].v, f->gen[e->kid[i].v]);
		else if (e->kid[i].t != KID_NEWMCID)
			buf_put(&f->rep, f->p + e->kid[i].s,
			    e->kid[i].e - e->kid[i].s);
		else if ((long long)e->kid[i].s == e->pg)
			put_num(&f->rep, e->kid[i].v);
		else {
			BUF_PUTSL(&f->rep, "<< /Type /MCR /Pg ");
			put_ref(&f->rep, (long long)e->kid[i].s,
			    f->gen[e->kid[i].s]);
			BUF_PUTSL(&f->rep, " /MCID ");
			put_num(&f->rep, e->kid[i].v);
			BUF_PUTSL(&f->rep, " >>");
		}
	}
	BUF_PUTSL(&f->rep, " ]");
}

/*
 * Element e of cairo's with only its parent or its kids changed: its
 * bytes as cairo wrote them, those two values replaced (no parsing:
 * most of the tree changes so, as leaves move under pdf.c's groups).
 */
static void
write_patched(struct pdf *f, const struct elem *e)
{
	const struct val *a = &e->pv, *b = e->kidsnew ? &e->kv : NULL;

	if (b != NULL && b->s < a->s) {
		a = b;
		b = &e->pv;
	}
	buf_put(&f->rep, f->p + e->ds, a->s - e->ds);
	if (a == &e->pv)
		put_ref(&f->rep, e->parent, f->gen[e->parent]);
	else
		write_kids(f, e);
	if (b != NULL) {
		buf_put(&f->rep, f->p + a->e, b->s - a->e);
		if (b == &e->pv)
			put_ref(&f->rep, e->parent, f->gen[e->parent]);
		else
			write_kids(f, e);
		a = b;
	}
	buf_put(&f->rep, f->p + a->e, e->de - a->e);
}

/* Element e written anew: its parent, children, /Alt, /Scope, /Lang;
 * a group's whole. */
static int
write_elem(struct pdf *f, const struct elem *e, const struct pdfmeta *m)
{
	static const char *const drop[] = { "/P", "/K", "/Alt", "/A",
	    "/Lang" };
	struct val	 d;

	rep_begin(f, (size_t)e->num);
	if (e->tag == NULL && e->alt == 0 && !e->th && e->lang == 0 &&
	    e->pv.e != 0 && (!e->kidsnew || e->kv.e != 0)) {
		write_patched(f, e);
		rep_end(f, (size_t)e->num);
		return 1;
	}
	if (e->tag != NULL) {
		BUF_PUTSL(&f->rep, "<< /Type /StructElem\n   /S /");
		buf_put(&f->rep, e->tag, strlen(e->tag));
	} else if (!get_obj(f, e->num, f->gen[e->num], &d))
		return 0;
	else
		dict_copy(f, &f->rep, &d, drop, 5);
	BUF_PUTSL(&f->rep, "\n   /P ");
	put_ref(&f->rep, e->parent, f->gen[e->parent]);
	if (e->nkid > 0) {
		BUF_PUTSL(&f->rep, "\n   /K ");
		write_kids(f, e);
	}
	if (e->alt != 0) {
		BUF_PUTSL(&f->rep, "\n   /Alt ");
		pdf_text(&f->rep, m->alts[e->alt - 1]);
	}
	if (e->th)
		BUF_PUTSL(&f->rep, "\n   /A << /O /Table /Scope /Column >>");
	if (e->lang != 0) {
		BUF_PUTSL(&f->rep, "\n   /Lang ");
		pdf_text(&f->rep, m->spanlangs[e->lang - 1]);
	}
	BUF_PUTSL(&f->rep, "\n>>");
	rep_end(f, (size_t)e->num);
	return 1;
}

/* ---- page content ---- */

/*
 * The mark: what pdf.c draws first on every page, for cairo's sake.  At
 * each cairo_show_page(), cairo's analysis of the page
 * (cairo-analysis-surface.c) unions the box of every operation into a
 * region, with pixman_region32_union(), which walks every band of the
 * region: on a page of text, hundreds of bands, thousands of times
 * (4 % of the instructions of a large PDF).  Once the first operation
 * covers the page, the region is one rectangle that holds every later
 * box, and each union returns at once.  mark_strip() takes the mark out
 * of the content again, which is then byte for byte what cairo writes
 * without it:
 *  - a fill of a triangle around the page, under a clip of the same
 *    triangle.  Not a box: cairo turns the fill of a box over the whole
 *    page into a paint, and drops a clip that holds the page.  Because
 *    the mark has a clip and what follows has none, cairo writes "Q q"
 *    after it and forgets the colour and alpha it set: the next
 *    operation writes its own as on a page that starts with it;
 *  - cairo names a page's alphas /a0, /a1... in the order it meets
 *    them, the mark's first: alpha must be that of the first colour the
 *    page is drawn with, which then gets /a0 as it would without the
 *    mark;
 *  - its colour is none a theme can give (a multiple of 1/255) and the
 *    triangle reaches far beyond any page.
 * What follows the mark must be drawn outside every structure element
 * (cairo would begin its marked-content sequence before the "Q q") and
 * without a clip; else pdfpost() refuses the file.  pdf.c begins each
 * page with its frame, its cover or a draft's watermark.
 */
#define MARK_PATH	"-1 -1 m 30000 -1 l -1 30000 l "
#define MARK_OPS	"Q q\n" MARK_PATH "W n\n" \
	"0.0625 0.9375 0.4375 rg /a0 gs\n" MARK_PATH "f\nQ q\n"

void
pdfpost_mark(cairo_t *cr, double alpha)
{
	cairo_save(cr);
	cairo_identity_matrix(cr);
	cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
	cairo_new_path(cr);
	cairo_move_to(cr, -1, -1);
	cairo_line_to(cr, 30000, -1);
	cairo_line_to(cr, -1, 30000);
	cairo_clip_preserve(cr);
	cairo_set_source_rgba(cr, 0.0625, 0.9375, 0.4375, alpha);
	cairo_fill(cr);
	cairo_restore(cr);
}

/* Inflates the n bytes at p into out.  Returns 1, or 0 on a bad stream. */
static int
inflate_all(const unsigned char *p, size_t n, struct buf *out)
{
	z_stream	 z;
	unsigned char	 tmp[16384];
	int		 r;

	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK)
		return 0;
	z.next_in = (unsigned char *)p;
	z.avail_in = n > UINT_MAX ? UINT_MAX : (unsigned)n;
	do {
		z.next_out = tmp;
		z.avail_out = sizeof(tmp);
		r = inflate(&z, Z_NO_FLUSH);
		if (r != Z_OK && r != Z_STREAM_END) {
			inflateEnd(&z);
			return 0;
		}
		buf_put(out, tmp, sizeof(tmp) - z.avail_out);
		if (out->len > MAX_PDF_SIZE) {
			inflateEnd(&z);
			return 0;
		}
	} while (r != Z_STREAM_END && (z.avail_in > 0 || z.avail_out == 0));
	inflateEnd(&z);
	return r == Z_STREAM_END;
}

/* The empty spans cairo 1.16 writes for a soft hyphen and for a space
 * without a glyph (the one ending a line). */
#define SPAN_SHY	"/Span << /ActualText <feff00ad> >> BDC\nEMC\n"
#define SPAN_SPACE	"/Span << /ActualText <feff0020> >> BDC\nEMC\n"
#define SPAN_AT		"/Span << /ActualText "

/* A marked-content sequence open while a page's content is read. */
struct seq {
	long long	 mcid;		/* an element's content, or -1 */
	size_t		 tag, taglen;	/* its tag's name, in the input */
	int		 split;		/* an ActualText span that split
					 * its element's sequence */
};

/* What content_fix() knows of a page and adds to it. */
struct page {
	struct pdf	*f;
	size_t		 num;		/* the page object */
	const char	*fonts;		/* page_fonts() */
	long long	*mel;		/* [nmel] element of each MCID, -1 */
	size_t		 nmel, melcap;
	struct seq	 st[32];	/* open sequences */
	int		 nst;
	int		 untagged;	/* pdfmeta's: content left as it is */
};

/* A new MCID of the page for element el, after MCID after (element
 * el's kids get it there).  Returns it. */
static long long
new_mcid(struct page *pg, long long el, long long after)
{
	struct pdf	*f = pg->f;
	struct elem	*e;
	struct kid	 k;
	size_t		 i;
	long long	 m = (long long)pg->nmel;

	if (pg->nmel == pg->melcap) {
		pg->melcap = pg->melcap ? pg->melcap * 2 : 64;
		pg->mel = xreallocarray(pg->mel, pg->melcap,
		    sizeof(*pg->mel));
	}
	pg->mel[pg->nmel++] = el;
	if (el < 0 || (size_t)el >= f->size || f->eix[el] == 0)
		return m;
	e = &f->el[f->eix[el] - 1];
	memset(&k, 0, sizeof(k));
	k.t = KID_NEWMCID;
	k.v = m;
	k.s = pg->num;
	kid_add(e, KID_OTHER, 0, 0, 0);
	for (i = 0; i + 1 < e->nkid; i++)
		if (e->kid[i].v == after && ((e->kid[i].t == KID_MCID &&
		    e->pg == (long long)pg->num) ||
		    (e->kid[i].t == KID_NEWMCID && e->kid[i].s == pg->num)))
			break;
	i = i + 1 < e->nkid ? i + 1 : e->nkid - 1;
	memmove(e->kid + i + 1, e->kid + i, (e->nkid - 1 - i) *
	    sizeof(*e->kid));
	e->kid[i] = k;
	e->dirty = 1;
	e->kidsnew = 1;
	return m;
}


/* The index after the literal or hexadecimal string at s[i], or n if it
 * does not end. */
static size_t
str_end(const unsigned char *s, size_t i, size_t n)
{
	size_t	 j, nest;

	if (s[i] == '<') {
		for (j = i + 1; j < n && s[j] != '>'; j++)
			continue;
	} else
		for (j = i + 1, nest = 1; j < n; j++)
			if (s[j] == '\\')
				j++;
			else if (s[j] == '(')
				nest++;
			else if (s[j] == ')' && --nest == 0)
				break;
	return j < n ? j + 1 : n;
}

/* The index after the name or operator that starts at s[i]. */
static size_t
word_end(const unsigned char *s, size_t i, size_t n)
{
	for (i++; i < n && !is_ws(s[i]) && !is_delim(s[i]); i++)
		continue;
	return i;
}
/*
 * The array of a TJ at s[i] (a '['), copied to o with "( )" before
 * each whole number that moves what follows right by more than a fifth
 * of an em, the move lessened by the space's width spw [1/1000 em]: the
 * glyphs stay where they were.  Returns the index after the array.
 */
static size_t
tj_spaces(const unsigned char *s, size_t i, size_t n, int spw,
    struct buf *o)
{
	size_t		 j;
	double		 v;
	char		 num[32], *end;
	int		 str = 0;

	buf_putc(o, s[i++]);
	while (i < n && s[i] != ']') {
		if (s[i] == '(' || s[i] == '<') {
			j = str_end(s, i, n);
			buf_put(o, s + i, j - i);
			i = j;
			str = 1;
			continue;
		}
		if (is_digit(s[i]) || s[i] == '-' || s[i] == '.' ||
		    s[i] == '+') {
			for (j = i; j < n && j - i < sizeof(num) - 1 &&
			    (is_digit(s[j]) || s[j] == '-' || s[j] == '.' ||
			    s[j] == '+'); j++)
				num[j - i] = (char)s[j];
			num[j - i] = '\0';
			v = g_ascii_strtod(num, &end);
			/* A negative number moves right: a gap.  The
			 * space and the number left make the same move. */
			if (str && *end == '\0' && strchr(num, '.') == NULL &&
			    v < -200 && v > -1e8)
				buf_printf(o, "( ) %d", (int)v + spw);
			else
				buf_put(o, s + i, j - i);
			i = j;
			str = 0;
			continue;
		}
		buf_putc(o, s[i++]);
	}
	if (i < n)
		buf_putc(o, s[i++]);
	return i;
}

/* The hexadecimal UTF-16 text s (n digits) to o without its soft
 * hyphens, U+00AD, four digits each (a trailing part group is left). */
static void
hex_no_shy(const unsigned char *s, size_t n, struct buf *o)
{
	size_t	 k;

	for (k = 0; k + 4 <= n; k += 4)
		if (g_ascii_strncasecmp((const char *)s + k, "00ad", 4) != 0)
			buf_put(o, s + k, 4);
}

/*
 * "/Span << /ActualText <feff...>" (len bytes at s) to o without its
 * soft hyphens (U+00AD, a break opportunity, not text to copy or
 * search).
 */
static void
actual_text(const unsigned char *s, size_t len, struct buf *o)
{
	size_t	 h = sizeof(SPAN_AT) - 1;

	if (len < h + 6 || s[h] != '<' || (len - h - 2) % 4 != 0) {
		buf_put(o, s, len);
		return;
	}
	buf_put(o, s, h + 1);
	hex_no_shy(s + h + 1, len - h - 2, o);
	buf_putc(o, '>');
}

/* Is the operator op (len bytes) a move to another line of text? */
static int
is_move(const unsigned char *op, size_t len)
{
	return (len == 2 && (memcmp(op, "Td", 2) == 0 ||
	    memcmp(op, "TD", 2) == 0 || memcmp(op, "Tm", 2) == 0 ||
	    memcmp(op, "T*", 2) == 0 || memcmp(op, "ET", 2) == 0));
}

/* Is the innermost element sequence open a Figure's? */
static int
in_figure(const unsigned char *s, const struct page *pg)
{
	int	 i;

	for (i = pg->nst - 1; i >= 0; i--)
		if (pg->st[i].mcid >= 0)
			return pg->st[i].taglen == 6 &&
			    memcmp(s + pg->st[i].tag, "Figure", 6) == 0;
	return 0;
}


/* Does the text at s[i..n) start with lit? */
static int
at(const unsigned char *s, size_t i, size_t n, const char *lit)
{
	size_t	 len = strlen(lit);

	return n - i >= len && memcmp(s + i, lit, len) == 0;
}

/*
 * A page's content, as cairo wrote it, made what a reader expects:
 *  - what is drawn outside every element (pdf.c draws its artifacts
 *    so: running heads, page numbers, rules, grounds) an /Artifact
 *    sequence, from the operator that starts its first text object,
 *    path or image to the next element, q, Q or the end;
 *  - the empty spans cairo writes for characters without a glyph made
 *    plain: a soft hyphen (U+00AD, a break opportunity, not text) goes,
 *    a space ending a line becomes a space drawn (in a one-byte font);
 *  - a span with an /ActualText (a ligature, a cluster) inside an
 *    element's sequence gets an MCID of its own for that element, the
 *    element's sequence closed before it and opened again after it
 *    with a new MCID: no sequence without an MCID sits inside one with
 *    an MCID, which readers (poppler) take as the end of the outer one;
 *  - a space drawn after each label of a Figure (its chart's labels,
 *    drawn one by one, would otherwise read as one word).
 * Strings and comments are copied untouched.
 */
struct cfix {
	const unsigned char *s;		/* the content cairo wrote */
	size_t		 n;
	size_t		 i;		/* the next byte of s */
	struct page	*pg;
	struct buf	*o;		/* the new content */
	size_t		 out;		/* in s: the first byte not yet in o
					 * (what is left alone is copied
					 * whole, by cf_flush()) */
	size_t		 opstart;	/* in s: after the last operator */
	size_t		 opo;		/* in o: the same place, once
					 * copied */
	size_t		 name, namelen;	/* in s: the last name */
	int		 spw;		/* the font's space width, 0: none */
	int		 shown;		/* text shown since the last move */
	int		 art;		/* an /Artifact sequence open */
};

/* Does the operator at c->i (len bytes) start something drawn: a text
 * object, a path, an image or a shading? */
static int
cf_draws(const struct cfix *c, size_t len)
{
	const unsigned char *s = c->s + c->i;

	return (len == 2 && (memcmp(s, "BT", 2) == 0 ||
	    memcmp(s, "re", 2) == 0 || memcmp(s, "Do", 2) == 0 ||
	    memcmp(s, "sh", 2) == 0 || memcmp(s, "BI", 2) == 0)) ||
	    (len == 1 && s[0] == 'm');
}

/* What is left alone before s[upto] copied to o. */
static void
cf_flush(struct cfix *c, size_t upto)
{
	if (c->opstart >= c->out && c->opstart <= upto)
		c->opo = c->o->len + (c->opstart - c->out);
	buf_put(c->o, c->s + c->out, upto - c->out);
	c->out = upto;
}

/* The len bytes t put where the last operator ended: between it and
 * the operands of the next. */
static void
cf_insert(struct cfix *c, const char *t, size_t len)
{
	struct buf	*o = c->o;

	if (c->opstart >= c->out) {
		cf_flush(c, c->opstart);
		buf_put(o, t, len);
		return;
	}
	/* Copied already (text dropped since): moved up for it. */
	buf_put(o, t, len);
	memmove(o->data + c->opo + len, o->data + c->opo,
	    o->len - len - c->opo);
	memcpy(o->data + c->opo, t, len);
}

/* The artifact open, if one is, closed. */
static void
cf_artifact_end(struct cfix *c)
{
	if (c->art) {
		cf_flush(c, c->i);
		if (!is_ws(c->o->data[c->o->len - 1]))
			buf_putc(c->o, '\n');
		BUF_PUTSL(c->o, "EMC\n");
		c->art = 0;
	}
}

/*
 * Before the operator at c->i outside every marked sequence: cairo
 * marks only what is drawn inside a leaf of the tree, so what is drawn
 * outside is an artifact.  Its sequence opens before the operands of
 * the operator that starts the drawing, and closes before a q or Q so
 * that it never straddles one.
 */
static void
cf_artifact(struct cfix *c)
{
	size_t		 len = word_end(c->s, c->i, c->n) - c->i;
	static const char open[] = "\n/Artifact BMC";

	if (c->pg->nst > 0)
		return;
	if (len == 1 && (c->s[c->i] == 'q' || c->s[c->i] == 'Q'))
		cf_artifact_end(c);
	else if (!c->art && cf_draws(c, len)) {
		cf_insert(c, open, sizeof(open) - 1);
		c->art = 1;
	}
}

/* May the byte c start a token content_fix() looks at? */
static int
cf_token(unsigned char c)
{
	return cclass[c] & C_TOKEN;
}

/*
 * What is left as it is (numbers, white space, delimiters, strings,
 * the middle of a token), or a Figure's array of labels given its
 * spaces.  Returns 1 if it took something.
 */
static int
cf_verbatim(struct cfix *c)
{
	const unsigned char *s = c->s;
	size_t		 i = c->i, j;

	if (!cf_token(s[i])) {
		for (j = i + 1; j < c->n && !cf_token(s[j]); j++)
			continue;
	} else if (s[i] == '(' ||
	    (s[i] == '<' && !(i + 1 < c->n && s[i + 1] == '<')))
		j = str_end(s, i, c->n);
	else if (s[i] == '[' && c->spw > 0 && in_figure(s, c->pg)) {
		/* Labels one after the other on a line, in one array: a
		 * space where a wide gap parts two, taken off the gap. */
		cf_flush(c, i);
		c->i = c->out = tj_spaces(s, i, c->n, c->spw, c->o);
		return 1;
	} else if (i > 0 && !is_ws(s[i - 1]) && !is_delim(s[i - 1]) &&
	    s[i - 1] != '>' && s[i - 1] != ']' && s[i - 1] != ')')
		j = i + 1;
	else
		return 0;
	c->i = j;
	return 1;
}

/* "/Tag << /MCID n >> BDC" at c->i, the tag ending at j: opens the
 * element's sequence, closing the artifact open before it.  Returns 1
 * if it was that. */
static int
cf_bdc_mcid(struct cfix *c, size_t j)
{
	const unsigned char *s = c->s;
	struct seq	*q;
	size_t		 i = c->i, k = j + 10;
	long long	 mcid;

	for (mcid = 0; k < c->n && is_digit(s[k]) && mcid < 100000000; k++)
		mcid = mcid * 10 + (s[k] - '0');
	if (!at(s, k, c->n, " >> BDC"))
		return 0;
	k += 7;
	q = &c->pg->st[c->pg->nst++];
	q->mcid = mcid;
	q->tag = i + 1;
	q->taglen = j - i - 1;
	q->split = 0;
	cf_artifact_end(c);
	c->i = k;
	return 1;
}

/* "/Span << /ActualText <...> >> BDC" at c->i inside the sequence q of
 * an element: the element's sequence closed, the span given its own
 * MCID.  Returns 1 if it was that. */
static int
cf_bdc_span(struct cfix *c, const struct seq *q)
{
	const unsigned char *s = c->s;
	struct page	*pg = c->pg;
	struct seq	*nq;
	size_t		 k = c->i + sizeof(SPAN_AT) - 1;
	long long	 mcid, el;

	while (k < c->n && s[k] != '>')
		k++;
	if (!at(s, k, c->n, "> >> BDC"))
		return 0;
	el = pg->mel[q->mcid];
	cf_flush(c, c->i);
	BUF_PUTSL(c->o, "EMC\n");
	actual_text(s + c->i, k + 1 - c->i, c->o);
	mcid = new_mcid(pg, el, q->mcid);
	BUF_PUTSL(c->o, " /MCID ");
	put_num(c->o, mcid);
	BUF_PUTSL(c->o, " >> BDC");
	nq = &pg->st[pg->nst++];
	*nq = pg->st[pg->nst - 2];
	nq->mcid = mcid;
	nq->split = 1;
	c->i = c->out = k + 8;
	return 1;
}

/* A name at c->i that opens or drops a span.  Returns 1 if it took it. */
static int
cf_span(struct cfix *c)
{
	const unsigned char *s = c->s;
	struct page	*pg = c->pg;
	struct seq	*q;
	size_t		 i = c->i, j;

	q = pg->nst > 0 ? &pg->st[pg->nst - 1] : NULL;
	if (at(s, i, c->n, SPAN_SHY)) {
		cf_flush(c, i);
		c->i = c->out = i + sizeof(SPAN_SHY) - 1;
		return 1;
	}
	if (c->spw > 0 && at(s, i, c->n, SPAN_SPACE)) {
		cf_flush(c, i);
		BUF_PUTSL(c->o, "( )Tj\n");
		c->i = c->out = i + sizeof(SPAN_SPACE) - 1;
	} else if (pg->nst >= (int)(sizeof(pg->st) / sizeof(pg->st[0])))
		return 0;
	else if (at(s, (j = word_end(s, i, c->n)), c->n, " << /MCID ")) {
		if (!cf_bdc_mcid(c, j))
			return 0;
	} else if (!at(s, i, c->n, SPAN_AT) || q == NULL || q->mcid < 0 ||
	    (size_t)q->mcid >= pg->nmel || !cf_bdc_span(c, q))
		return 0;
	c->opstart = c->i;
	return 1;
}

/*
 * Before the operator at c->i: chart labels are drawn one by one, so a
 * space is drawn where one ends (before the operands of the move to the
 * next, which starts from the line, not from the space): it keeps them
 * apart for whoever reads the text.
 */
static void
cf_label_space(struct cfix *c)
{
	const unsigned char *s = c->s;
	size_t		 i = c->i, j = word_end(s, i, c->n);

	if (c->shown && c->spw > 0 && is_move(s + i, j - i) &&
	    in_figure(s, c->pg)) {
		cf_insert(c, "( )Tj\n", 6);
		c->shown = 0;
	}
	if ((j - i == 2 && (memcmp(s + i, "Tj", 2) == 0 ||
	    memcmp(s + i, "TJ", 2) == 0)) || s[i] == '\'' || s[i] == '"')
		c->shown = 1;
	else if (j - i == 2 && memcmp(s + i, "BT", 2) == 0)
		c->shown = 0;
}

/* BMC, BDC, EMC at c->i: the open sequences followed; after a span cut
 * out of an element's sequence, that sequence opened again.  Returns 1
 * if it wrote the operator. */
static int
cf_marked(struct cfix *c)
{
	const unsigned char *s = c->s;
	struct page	*pg = c->pg;
	struct seq	*q;
	size_t		 i = c->i;
	long long	 mcid, el;

	if (at(s, i, c->n, "BMC") || at(s, i, c->n, "BDC")) {
		if (pg->nst < (int)(sizeof(pg->st) / sizeof(pg->st[0]))) {
			q = &pg->st[pg->nst++];
			q->mcid = -1;
			q->split = 0;
		}
		return 0;
	}
	if (!at(s, i, c->n, "EMC") || !(i + 3 == c->n || is_ws(s[i + 3]) ||
	    is_delim(s[i + 3])) || pg->nst == 0 || !pg->st[--pg->nst].split)
		return 0;
	q = &pg->st[pg->nst - 1];
	el = pg->mel[q->mcid];
	mcid = new_mcid(pg, el, pg->st[pg->nst].mcid);
	cf_flush(c, i);
	BUF_PUTSL(c->o, "EMC\n/");
	buf_put(c->o, s + q->tag, q->taglen);
	BUF_PUTSL(c->o, " << /MCID ");
	put_num(c->o, mcid);
	BUF_PUTSL(c->o, " >> BDC");
	q->mcid = mcid;
	c->i = c->out = i + 3;
	c->opstart = c->i;
	return 1;
}

/* Tf at c->i: the font is the last name before; its space width from
 * the page's list of fonts ("name\0width\0...\0"). */
static void
cf_font(struct cfix *c)
{
	const char	*fonts = c->pg->fonts;
	size_t		 j, k;

	c->spw = 0;
	for (k = 0; fonts != NULL && fonts[k] != '\0';
	    k += strlen(fonts + k) + 1) {
		j = k;
		k += strlen(fonts + k) + 1;
		if (strlen(fonts + j) == c->namelen &&
		    memcmp(fonts + j, c->s + c->name, c->namelen) == 0)
			c->spw = atoi(fonts + k);
	}
}

/*
 * A page's content, as cairo wrote it, made what a reader expects:
 *  - what is drawn outside every element (pdf.c draws its artifacts
 *    so: running heads, page numbers, rules, grounds) an /Artifact
 *    sequence, from the operator that starts its first text object,
 *    path or image to the next element, q, Q or the end;
 *  - the empty spans cairo writes for characters without a glyph made
 *    plain: a soft hyphen (U+00AD, a break opportunity, not text) goes,
 *    a space ending a line becomes a space drawn (in a one-byte font);
 *  - a span with an /ActualText (a ligature, a cluster) inside an
 *    element's sequence gets an MCID of its own for that element, the
 *    element's sequence closed before it and opened again after it
 *    with a new MCID: no sequence without an MCID sits inside one with
 *    an MCID, which readers (poppler) take as the end of the outer one;
 *  - a space drawn after each label of a Figure (its chart's labels,
 *    drawn one by one, would otherwise read as one word).
 * Strings and comments are copied untouched.
 */
static void
content_fix(const unsigned char *s, size_t n, struct page *pg,
    struct buf *o)
{
	struct cfix	 c;
	size_t		 j;
	int		 op;

	memset(&c, 0, sizeof(c));
	c.s = s;
	c.n = n;
	c.pg = pg;
	c.o = o;
	while (c.i < n) {
		if (cf_verbatim(&c) || (s[c.i] == '/' && cf_span(&c)))
			continue;
		op = g_ascii_isalpha(s[c.i]) || s[c.i] == '\'' ||
		    s[c.i] == '"';
		if (op) {
			cf_label_space(&c);
			cf_artifact(&c);
		}
		if (cf_marked(&c))
			continue;
		if (s[c.i] == '/') {
			j = word_end(s, c.i, n);
			c.name = c.i + 1;
			c.namelen = j - c.i - 1;
			c.i = j;
			continue;
		}
		if (at(s, c.i, n, "Tf") && (c.i + 2 == n || is_ws(s[c.i + 2])))
			cf_font(&c);
		if (op) {
			/* The operator whole; its operands follow it. */
			c.i = c.opstart = word_end(s, c.i, n);
			continue;
		}
		c.i++;
	}
	cf_flush(&c, n);
	cf_artifact_end(&c);
}

/* Where the value of object num starts, after "num gen obj"; 0 after
 * bad(). */
static size_t
obj_start(struct pdf *f, long long num)
{
	size_t		 pos = f->off[num];
	long long	 x;

	if (!uint_at(f, &pos, &x) || x != num)
		return bad(f, f->off[num], "object not where the "
		    "cross-reference table says");
	pos = skip_ws(f, pos);
	if (!uint_at(f, &pos, &x))
		return bad(f, pos, "bad object generation");
	pos = skip_ws(f, pos);
	if (!keyword_at(f, pos, "obj"))
		return bad(f, pos, "\"obj\" expected");
	return pos + 3;
}

/*
 * The stream object num: its dictionary in *d, its data [*data, *data +
 * *len), and the end of "endobj" in *end.  Returns 1, or 0 after bad().
 */
static int
get_stream(struct pdf *f, long long num, struct val *d, size_t *data,
    size_t *len, size_t *end)
{
	struct val	 l;
	size_t		 pos;

	if (num < 0 || (unsigned long long)num >= f->size ||
	    f->off[num] == 0)
		return bad(f, 0, "stream object not in the file");
	if ((pos = obj_start(f, num)) == 0 || !parse_val(f, pos, d, 0))
		return 0;
	pos = skip_ws(f, d->e);
	if (d->t != V_DICT || !keyword_at(f, pos, "stream"))
		return bad(f, pos, "stream expected");
	pos += 6;
	if (pos < f->n && f->p[pos] == '\r')
		pos++;
	if (pos >= f->n || f->p[pos] != '\n')
		return bad(f, pos, "end of line expected after \"stream\"");
	*data = ++pos;
	if (!dict_get(f, d, "/Length", &l) || !deref(f, &l) || l.t != V_INT ||
	    l.i < 0 || (unsigned long long)l.i > f->n - pos)
		return bad(f, d->s, "bad stream /Length");
	*len = (size_t)l.i;
	pos = skip_ws(f, pos + *len);
	if (!keyword_at(f, pos, "endstream"))
		return bad(f, pos, "\"endstream\" expected");
	pos = skip_ws(f, pos + 9);
	if (!keyword_at(f, pos, "endobj"))
		return bad(f, pos, "\"endobj\" expected");
	*end = pos + 6;
	return 1;
}

/* The data of stream object num, inflated if it is compressed, to
 * raw; its dictionary in *d.  Returns 1, or 0 after bad(f, ..,
 * notflate). */
static int
stream_data(struct pdf *f, long long num, const char *notflate,
    struct buf *raw, struct val *d)
{
	struct val	 flt;
	size_t		 data, len, end;

	if (!get_stream(f, num, d, &data, &len, &end))
		return 0;
	if (!dict_get(f, d, "/Filter", &flt)) {
		buf_put(raw, f->p + data, len);
		return 1;
	}
	if (name_is(f, &flt, "/FlateDecode") &&
	    inflate_all(f->p + data, len, raw))
		return 1;
	return bad(f, data, notflate);
}

/* Where object num ends ("endobj" included), stream or not; its value
 * (a stream's dictionary) in *v. */
static int
obj_end(struct pdf *f, long long num, struct val *v, size_t *end)
{
	size_t		 pos, data, len;

	if ((pos = obj_start(f, num)) == 0 || !parse_val(f, pos, v, 0))
		return 0;
	pos = skip_ws(f, v->e);
	if (keyword_at(f, pos, "stream"))
		return get_stream(f, num, v, &data, &len, end);
	if (!keyword_at(f, pos, "endobj"))
		return bad(f, pos, "\"endobj\" expected");
	*end = pos + 6;
	return 1;
}

/* A thread of the pass started on fn(arg), with a mask that blocks
 * every signal (the handlers run in the pass's thread).  Returns 1, or
 * 0: it could not be (the caller does its work itself). */
static int
thread_start(pthread_t *t, void *(*fn)(void *), void *arg)
{
	sigset_t	 all, old;
	int		 rc;

	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(t, NULL, fn, arg);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc == 0;
}

/*
 * What the pass compresses: page content and ToUnicode maps written
 * anew (about 40 % of the pass's work on a K = 10 edition), the
 * object streams, each a job; nothing reads them until the file is
 * put together, so none is waited for before.  With pdfmeta's helper
 * (--jobs 2 or more) a second thread compresses the jobs as they come
 * while the pass repairs the next page and writes the other objects;
 * past ZPOOL_PENDING waiting, and at the end (zpool_end()), the pass
 * compresses beside it.  Without it, each job is compressed as it is
 * given.  write_objects() leaves in the file the place of each job
 * (zpool_place()), and zpool_put() puts the compressed jobs there once
 * all are done: the bytes do not depend on which thread compressed
 * what, nor on --jobs.  The thread is safe: it only calls libdeflate and
 * malloc on a job no one else touches (taken under the lock, its
 * result read after the join), touches no pango, cairo or glib state,
 * blocks every signal (the handlers run in the pass's thread), and
 * nothing forks while it runs (pdf.c's child is reaped before the
 * pass).
 */
struct zjob {
	size_t		 num;		/* the stream's object: page content,
					 * a ToUnicode map, an object
					 * stream */
	struct buf	 data;		/* owned, freed once compressed */
	unsigned char	*z;		/* compressed, zn bytes (owned) */
	size_t		 zn;
	size_t		 nin, first;	/* an object stream's /N and /First;
					 * nin 0: a stream written anew */
	size_t		 at;		/* in the file write_objects() wrote:
					 * the bytes before it */
	int		 ok;
};

struct zpool {
	pthread_t	 t;
	int		 threaded;	/* t runs (or ran: joined) */
	int		 joined;
	pthread_mutex_t	 mu;
	pthread_cond_t	 cv;
	struct zjob	**job;		/* pointers: the array grows while
					 * the thread works on one */
	size_t		 njobs, cap, next;
	size_t		 pending;	/* [bytes] given, not taken yet */
	size_t		 limit;		/* past it, the giver compresses */
	int		 closing;	/* no more jobs: take what is left */
	size_t		*ix;		/* [f->size] 1 + index in job of a
					 * stream written anew, or 0 */
	struct zjob	**at;		/* [nat] jobs in the order placed */
	size_t		 nat;
};

/* [bytes] Given and not taken yet, at most: past it, the pass
 * compresses the oldest itself rather than hold more (the page content
 * waits uncompressed). */
#define ZPOOL_PENDING	((size_t)1 << 20)

static void
zjob_run(struct zjob *j)
{
	j->z = zlib_fast(j->data.data, j->data.len, &j->zn);
	j->ok = j->z != NULL;
	buf_free(&j->data);
}

/* zjob_run() for thread_start(). */
static void *
zjob_thread(void *arg)
{
	zjob_run(arg);
	return NULL;
}

/* The oldest job not taken, taken, or NULL: none left (wait: none
 * left once closing).  Called with the lock held. */
static struct zjob *
zpool_take(struct zpool *zp, int wait)
{
	struct zjob	*j;

	while (wait && zp->next == zp->njobs && !zp->closing)
		pthread_cond_wait(&zp->cv, &zp->mu);
	if (zp->next == zp->njobs)
		return NULL;
	j = zp->job[zp->next++];
	zp->pending -= j->data.len;
	return j;
}

/* Compresses jobs as they come, until closing and none is left.  Run by
 * the thread, and by the pass itself at the end. */
static void *
zpool_work(void *arg)
{
	struct zpool	*zp = arg;
	struct zjob	*j;

	pthread_mutex_lock(&zp->mu);
	while ((j = zpool_take(zp, 1)) != NULL) {
		pthread_mutex_unlock(&zp->mu);
		zjob_run(j);
		pthread_mutex_lock(&zp->mu);
	}
	pthread_mutex_unlock(&zp->mu);
	return NULL;
}

/* The jobs' pool, with its thread if m asks for it and it can be
 * started (if not, jobs are compressed as they are given). */
static void
zpool_start(struct pdf *f, const struct pdfmeta *m)
{
	struct zpool	*zp;

	zp = xcalloc(1, sizeof(*zp));
	zp->ix = xcalloc(f->size, sizeof(*zp->ix));
	pthread_mutex_init(&zp->mu, NULL);
	pthread_cond_init(&zp->cv, NULL);
	f->zp = zp;
	if (!m->helper)
		return;
	zp->threaded = thread_start(&zp->t, zpool_work, zp);
	zp->limit = zp->threaded ? ZPOOL_PENDING : 0;
}

/* Job j (taken) to be compressed. */
static void
zpool_give(struct zpool *zp, struct zjob *j)
{
	pthread_mutex_lock(&zp->mu);
	if (zp->njobs == zp->cap) {
		zp->cap = zp->cap ? zp->cap * 2 : 256;
		zp->job = xreallocarray(zp->job, zp->cap, sizeof(*zp->job));
	}
	zp->job[zp->njobs++] = j;
	zp->pending += j->data.len;
	pthread_cond_signal(&zp->cv);
	while ((zp->pending > zp->limit || !zp->threaded) &&
	    (j = zpool_take(zp, 0)) != NULL) {
		pthread_mutex_unlock(&zp->mu);
		zjob_run(j);
		pthread_mutex_lock(&zp->mu);
	}
	pthread_mutex_unlock(&zp->mu);
}

/* The jobs left compressed here and beside, the thread joined.
 * Returns 1, or 0 after bad(): a job failed. */
static int
zpool_end(struct pdf *f)
{
	struct zpool	*zp = f->zp;
	size_t		 i;

	pthread_mutex_lock(&zp->mu);
	zp->closing = 1;
	pthread_cond_signal(&zp->cv);
	pthread_mutex_unlock(&zp->mu);
	zpool_work(zp);
	if (zp->threaded && !zp->joined) {
		pthread_join(zp->t, NULL);
		zp->joined = 1;
	}
	for (i = 0; i < zp->njobs; i++)
		if (!zp->job[i]->ok)
			return bad(f, 0, "stream cannot be compressed");
	return 1;
}

/* The pool ended (its thread joined) and freed, jobs and all. */
static void
zpool_free(struct pdf *f)
{
	struct zpool	*zp = f->zp;
	size_t		 i;

	if (zp == NULL)
		return;
	zpool_end(f);
	for (i = 0; i < zp->njobs; i++) {
		free(zp->job[i]->z);
		free(zp->job[i]);
	}
	free(zp->job);
	free(zp->ix);
	free(zp->at);
	pthread_mutex_destroy(&zp->mu);
	pthread_cond_destroy(&zp->cv);
	free(zp);
	f->zp = NULL;
}

/*
 * Stream num anew: data (taken), Flate-compressed by libdeflate at its
 * fastest level, here or by the thread, like the object streams.  On
 * the streams of a K = 10 edition, inflated and cut in 20 KB pieces, it
 * takes 57 % of the time of zlib's fastest level for 7 % fewer bytes;
 * zlib's level 6 took 2.5 times the instructions of its level 1 for
 * page content 14 % smaller.  Marked taken in f->rlen (write_objects()
 * places the job).
 */
static int
rep_stream(struct pdf *f, long long num, struct buf *data)
{
	struct zpool	*zp = f->zp;
	struct zjob	*j = xcalloc(1, sizeof(*j));

	j->num = (size_t)num;
	j->data = *data;
	memset(data, 0, sizeof(*data));
	zpool_give(zp, j);
	zp->ix[num] = zp->njobs;
	f->rlen[num] = 1;
	return 1;
}

/* Job j's place: at the end of the file b so far. */
static void
zpool_place(struct zpool *zp, struct zjob *j, const struct buf *b)
{
	if (zp->nat % 256 == 0)
		zp->at = xreallocarray(zp->at, zp->nat + 256,
		    sizeof(*zp->at));
	j->at = b->len;
	zp->at[zp->nat++] = j;
}

/*
 * A font's ToUnicode map without soft hyphens: cairo maps a ligature
 * glyph to the text of its first use, "f\u00adf" when a break
 * opportunity fell inside it, and every later "ff" would copy as
 * "f\u00adf".  Each code's text loses its U+00AD (one character at
 * least is left).
 */
static void
tounicode_fix(const unsigned char *s, size_t n, struct buf *o)
{
	size_t	 i, j;
	int	 dst = 0;

	/* Hex strings alternate: code, text (bfchar); a text is the one
	 * after a code on its line. */
	for (i = 0; i < n; i++) {
		if (s[i] == '\n')
			dst = 0;
		if (s[i] != '<' || (i + 1 < n && s[i + 1] == '<')) {
			buf_putc(o, s[i]);
			continue;
		}
		for (j = i + 1; j < n && s[j] != '>'; j++)
			continue;
		if (j >= n || !dst || (j - i - 1) % 4 != 0 || j - i - 1 <= 4) {
			buf_put(o, s + i, j < n ? j + 1 - i : n - i);
			dst = 1;
			i = j;
			continue;
		}
		buf_putc(o, '<');
		hex_no_shy(s + i + 1, j - i - 1, o);
		buf_putc(o, '>');
		dst = 0;
		i = j;
	}
}

/* The ToUnicode map num made anew (tounicode_fix()), written in place
 * of cairo's.  Returns 1, or 0 after bad(). */
static int
fix_tounicode(struct pdf *f, long long num)
{
	struct buf	 raw = { NULL, 0, 0 }, o = { NULL, 0, 0 };
	struct val	 d;
	int		 rc = 0;

	if (num < 0 || (size_t)num >= f->size || f->rlen[num] != 0)
		return 1;
	if (stream_data(f, num, "ToUnicode map not a Flate stream", &raw,
	    &d)) {
		tounicode_fix((const unsigned char *)raw.data, raw.len, &o);
		rc = rep_stream(f, num, &o);
	}
	buf_free(&raw);
	buf_free(&o);
	return rc;
}

/*
 * The width of a space in font r [1/1000 em], 0 if it has none (not a
 * one-byte font, or code 32 not in its subset), -1 after bad(); its
 * ToUnicode map mended on the way.  Each font is read once (fonts are
 * shared by pages).
 */
static int
font_space(struct pdf *f, struct val r)
{
	struct val	 d, st, fc, w, x;
	size_t		 j;
	long long	 n;
	int		 sp = 0;

	if (r.t == V_REF && r.i > 0 && (size_t)r.i < f->size &&
	    f->fontw[r.i] != 0)
		return f->fontw[r.i] - 1;
	d = r;
	if (!deref(f, &d))
		return -1;
	if (d.t == V_DICT && dict_get(f, &d, "/ToUnicode", &x) &&
	    x.t == V_REF && !fix_tounicode(f, x.i))
		return -1;
	if (d.t == V_DICT && dict_get(f, &d, "/Subtype", &st) &&
	    !name_is(f, &st, "/Type0") &&
	    dict_get(f, &d, "/FirstChar", &fc) && fc.t == V_INT &&
	    fc.i <= 32 && fc.i >= 0 && dict_get(f, &d, "/Widths", &w) &&
	    deref(f, &w) && w.t == V_ARRAY)
		for (n = fc.i, j = skip_ws(f, w.s + 1); f->p[j] != ']';
		    j = skip_ws(f, x.e), n++) {
			if (!parse_val(f, j, &x, 1))
				return -1;
			if (n == 32) {
				if (x.t == V_INT && x.i > 0 && x.i < 10000)
					sp = (int)x.i;
				break;
			}
		}
	if (f->err != NULL)
		return -1;
	if (r.t == V_REF && r.i > 0 && (size_t)r.i < f->size)
		f->fontw[r.i] = sp + 1;
	return sp;
}

/*
 * The page's fonts that can draw a space: one-byte fonts whose /Widths
 * give code 32 a width (so the subset holds the glyph), as "name\0width
 * [1/1000 em]\0" pairs ending with "\0" in b.
 */
static int
page_fonts(struct pdf *f, const struct val *pg, struct buf *b)
{
	struct val	 r, fo, k, v;
	size_t		 i;
	int		 w;

	buf_reset(b);
	if (dict_get(f, pg, "/Resources", &r) && deref(f, &r) &&
	    r.t == V_DICT && dict_get(f, &r, "/Font", &fo) && deref(f, &fo) &&
	    fo.t == V_DICT) {
		for (i = skip_ws(f, fo.s + 2); i < fo.e - 2;
		    i = skip_ws(f, v.e)) {
			if (!parse_val(f, i, &k, 1) ||
			    !parse_val(f, k.e, &v, 1))
				return 0;
			if ((w = font_space(f, v)) < 0)
				return 0;
			if (w > 0) {
				buf_put(b, f->p + k.s + 1, k.e - k.s - 1);
				buf_printf(b, "%c%d%c", '\0', w, '\0');
			}
		}
	}
	buf_putc(b, '\0');
	buf_putc(b, '\0');
	return f->err == NULL;
}

/*
 * The mark pdfpost_mark() drew, taken out of a page's content s[0..n):
 * the bytes cairo wrote for it follow the page's first two operators
 * (its "cm", then "q"), which are moved up over them.  Returns where
 * the content without the mark starts in s, or 0 if it is not there.
 */
static size_t
mark_strip(unsigned char *s, size_t n)
{
	const unsigned char *nl;
	size_t		 i, len = sizeof(MARK_OPS) - 1;

	if (n == 0 || (nl = memchr(s, '\n', n)) == NULL || nl - s < 3 ||
	    memcmp(nl - 3, " cm", 3) != 0)
		return 0;
	i = (size_t)(nl - s) + 1;
	if (!at(s, i, n, "q\n" MARK_OPS))
		return 0;
	memmove(s + len, s, i + 2);
	return len;
}

/*
 * The object that holds the length of a page's content as cairo wrote it
 * (d: the stream's dictionary), less the mark's bytes.  The stream is
 * written anew with its length in its dictionary, but that object stays
 * in the file as cairo would have written it without the mark.  (A
 * compressed stream's length says nothing of the mark: pdf.c has
 * cairo write page content plain.)  Returns 1, or 0 after bad().
 */
static int
mark_length(struct pdf *f, const struct val *d)
{
	struct val	 l, v;

	if (dict_get(f, d, "/Filter", &v) || !dict_get(f, d, "/Length", &l) ||
	    l.t != V_REF)
		return 1;
	v = l;
	if (!deref(f, &v) || v.t != V_INT ||
	    v.i < (long long)sizeof(MARK_OPS) - 1 || f->rlen[l.i] != 0)
		return bad(f, l.s, "bad page content /Length");
	rep_begin(f, (size_t)l.i);
	put_num(&f->rep, v.i - (long long)(sizeof(MARK_OPS) - 1));
	rep_end(f, (size_t)l.i);
	return 1;
}

/*
 * Content stream num of a page without the mark, made anew by
 * content_fix() (as cairo drew it in an untagged PDF), written in place
 * of cairo's.  A page whose content has no mark is refused: what pdf.c
 * draws has it, and it must never be left in a file.  Returns 1, or 0
 * after bad().
 */
static int
fix_content(struct pdf *f, long long num, struct page *pg)
{
	struct buf	 raw = { NULL, 0, 0 }, o = { NULL, 0, 0 };
	struct val	 d;
	size_t		 off;
	int		 rc = 0;

	if (f->rlen[num] != 0)
		return 1;	/* shared by pages: done */
	if (!stream_data(f, num, "page content not a Flate stream", &raw, &d))
		;
	else if ((off = mark_strip((unsigned char *)raw.data, raw.len)) == 0)
		bad(f, f->off[num], "page content without the mark pdf.c "
		    "draws first");
	else if (!mark_length(f, &d))
		;
	else if (pg->untagged) {
		/* Moved whole (the untagged build is for measuring only:
		 * tagged, content_fix() reads it where it is). */
		raw.len -= off;
		memmove(raw.data, raw.data + off, raw.len);
		raw.data[raw.len] = '\0';
		rc = rep_stream(f, num, &raw);
	} else {
		content_fix((const unsigned char *)raw.data + off,
		    raw.len - off, pg, &o);
		rc = rep_stream(f, num, &o);
	}
	buf_free(&raw);
	buf_free(&o);
	return rc;
}

/* The n bytes at p against the string s, in strcmp()'s order. */
static int
bytes_cmp(const unsigned char *p, size_t n, const char *s)
{
	size_t	 len = strlen(s);
	int	 c;

	c = memcmp(p, s, n < len ? n : len);
	return c != 0 ? c : (n > len) - (n < len);
}

static int
dest_cmp(const void *a, const void *b)
{
	const struct dest *x = a, *y = b;
	int		 c = strcmp(x->name, y->name);

	return c != 0 ? c : (x->i > y->i) - (x->i < y->i);
}

/* The destinations of m->links sorted (then by index), once, for
 * link_title(): a report has as many links as pages. */
static void
dests_sort(struct pdf *f, const struct pdfmeta *m)
{
	size_t	 i;

	f->ndests = 0;
	f->dests = xreallocarray(NULL, m->nlinks / 2 + 1, sizeof(*f->dests));
	for (i = 0; i + 1 < m->nlinks; i += 2) {
		f->dests[f->ndests].name = m->links[i];
		f->dests[f->ndests++].i = i;
	}
	qsort(f->dests, f->ndests, sizeof(*f->dests), dest_cmp);
}

/* The title of the first link to the destination v (a literal string,
 * no escapes expected) in m->links, or NULL. */
static const char *
link_title(const struct pdf *f, const struct val *v,
    const struct pdfmeta *m)
{
	const unsigned char *p;
	size_t		 n, lo = 0, hi = f->ndests, mid;

	if (v->t != V_STRING || f->p[v->s] != '(')
		return NULL;
	p = f->p + v->s + 1;
	n = v->e - v->s - 2;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (bytes_cmp(p, n, f->dests[mid].name) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < f->ndests && bytes_cmp(p, n, f->dests[lo].name) == 0)
		return m->links[f->dests[lo].i + 1];
	return NULL;
}

/* A link annotation says where it goes (/Contents): its address, or the
 * title of the section it opens. */
static int
fix_annot(struct pdf *f, struct val r, const struct pdfmeta *m)
{
	static const char *const drop[] = { "/Contents" };
	struct val	 a, st, act, v;
	const char	*title;

	if (r.t != V_REF || r.i < 0 || (size_t)r.i >= f->size ||
	    f->rlen[r.i] != 0)
		return 1;
	a = r;
	if (!deref(f, &a))
		return 0;
	if (a.t != V_DICT || !dict_get(f, &a, "/Subtype", &st) ||
	    !name_is(f, &st, "/Link"))
		return 1;
	rep_begin(f, (size_t)r.i);
	dict_copy(f, &f->rep, &a, drop, 1);
	BUF_PUTSL(&f->rep, "\n   /Contents ");
	if (dict_get(f, &a, "/A", &act) && deref(f, &act) &&
	    act.t == V_DICT && dict_get(f, &act, "/URI", &v) &&
	    v.t == V_STRING)
		buf_put(&f->rep, f->p + v.s, v.e - v.s);
	else if (dict_get(f, &a, "/Dest", &v) && v.t == V_STRING) {
		if ((title = link_title(f, &v, m)) != NULL)
			pdf_text(&f->rep, title);
		else
			buf_put(&f->rep, f->p + v.s, v.e - v.s);
	} else
		BUF_PUTSL(&f->rep, "(Lien)");
	BUF_PUTSL(&f->rep, "\n>>");
	rep_end(f, (size_t)r.i);
	return f->err == NULL;
}

/*
 * The parent tree's /Nums as a table: *tab[key] is the object number of
 * the value (an array of a page's elements, or an annotation's
 * element), 0 when none.
 */
static int
parent_nums(struct pdf *f, const struct val *root, size_t **tab,
    size_t *ntab)
{
	struct val	 str, pt, nums, k, v;
	size_t		 i;

	*tab = NULL;
	*ntab = 0;
	if (!dict_get(f, root, "/StructTreeRoot", &str) || !deref(f, &str) ||
	    str.t != V_DICT || !dict_get(f, &str, "/ParentTree", &pt) ||
	    !deref(f, &pt) || pt.t != V_DICT ||
	    !dict_get(f, &pt, "/Nums", &nums) || nums.t != V_ARRAY)
		return f->err == NULL;
	for (i = skip_ws(f, nums.s + 1); f->p[i] != ']'; i = skip_ws(f, v.e)) {
		if (!parse_val(f, i, &k, 1) || !parse_val(f, k.e, &v, 1))
			return 0;
		if (k.t != V_INT || k.i < 0 || (size_t)k.i > f->size * 4 + 64)
			return bad(f, k.s, "bad parent tree key");
		if ((size_t)k.i >= *ntab) {
			*tab = xreallocarray(*tab, (size_t)k.i + 1,
			    sizeof(**tab));
			memset(*tab + *ntab, 0, ((size_t)k.i + 1 - *ntab) *
			    sizeof(**tab));
			*ntab = (size_t)k.i + 1;
		}
		if (v.t == V_REF && v.i > 0 && (size_t)v.i < f->size)
			(*tab)[k.i] = (size_t)v.i;
	}
	return 1;
}

/* The elements of a page's MCIDs, from its parent tree array arr. */
static int
page_mel(struct pdf *f, size_t arr, struct page *pg)
{
	struct val	 a, x;
	size_t		 j;

	pg->nmel = 0;
	if (arr == 0)
		return 1;
	if (!get_obj(f, (long long)arr, f->gen[arr], &a))
		return 0;
	if (a.t != V_ARRAY)
		return 1;
	for (j = skip_ws(f, a.s + 1); f->p[j] != ']'; j = skip_ws(f, x.e)) {
		if (!parse_val(f, j, &x, 1))
			return 0;
		if (pg->nmel == pg->melcap) {
			pg->melcap = pg->melcap ? pg->melcap * 2 : 64;
			pg->mel = xreallocarray(pg->mel, pg->melcap,
			    sizeof(*pg->mel));
		}
		pg->mel[pg->nmel++] = x.t == V_REF ? x.i : -1;
	}
	return 1;
}

/* The page's parent tree array anew: its MCIDs' elements, the new ones
 * too. */
static void
page_arr(struct pdf *f, size_t arr, const struct page *pg)
{
	size_t		 j;
	long long	 e;

	rep_begin(f, arr);
	buf_putc(&f->rep, '[');
	for (j = 0; j < pg->nmel; j++) {
		e = pg->mel[j];
		if (e < 0 || (size_t)e >= f->size)
			BUF_PUTSL(&f->rep, " null");
		else {
			buf_putc(&f->rep, ' ');
			put_ref(&f->rep, e, f->gen[e]);
		}
	}
	BUF_PUTSL(&f->rep, " ]");
	rep_end(f, arr);
}

/* The content of the page pg (a stream or an array of them) fixed. */
static int
page_contents(struct pdf *f, const struct val *pg, struct page *pc)
{
	struct val	 c, x;
	size_t		 j;

	if (!dict_get(f, pg, "/Contents", &c))
		return 1;
	if (c.t == V_REF)
		return fix_content(f, c.i, pc);
	if (c.t == V_ARRAY)
		for (j = skip_ws(f, c.s + 1); f->p[j] != ']';
		    j = skip_ws(f, x.e))
			if (!parse_val(f, j, &x, 1) ||
			    (x.t == V_REF && !fix_content(f, x.i, pc)))
				return 0;
	return 1;
}

/* The links of the page pg (object pr) fixed, and the page given /Tabs
 * /S (the order of the structure) if it has annotations. */
static int
page_annots(struct pdf *f, const struct val *pr, const struct val *pg,
    const struct pdfmeta *m)
{
	static const char *const drop[] = { "/Tabs" };
	struct val	 an, x;
	size_t		 j;

	if (!dict_get(f, pg, "/Annots", &an))
		return 1;
	if (an.t == V_ARRAY)
		for (j = skip_ws(f, an.s + 1); f->p[j] != ']';
		    j = skip_ws(f, x.e))
			if (!parse_val(f, j, &x, 1) || !fix_annot(f, x, m))
				return 0;
	rep_begin(f, (size_t)pr->i);
	dict_copy(f, &f->rep, pg, drop, 1);
	BUF_PUTSL(&f->rep, "\n   /Tabs /S\n>>");
	rep_end(f, (size_t)pr->i);
	return 1;
}

/* Every page: its content, its links, and /Tabs /S (the order of the
 * structure) where it has annotations. */
static int
fix_pages(struct pdf *f, const struct val *root, const struct pdfmeta *m)
{
	struct val	 pages, kids, pr, pg, x, t;
	struct buf	 cids = { NULL, 0, 0 };
	struct page	 pc;
	size_t		*tab = NULL, ntab = 0, i, arr;
	int		 rc = 0;

	memset(&pc, 0, sizeof(pc));
	pc.f = f;
	pc.untagged = m->untagged;
	dests_sort(f, m);
	if (!dict_get(f, root, "/Pages", &pages))
		return f->err == NULL;
	if (!deref(f, &pages) || pages.t != V_DICT ||
	    !dict_get(f, &pages, "/Kids", &kids) || kids.t != V_ARRAY)
		return bad(f, pages.s, "bad page tree");
	if (!parent_nums(f, root, &tab, &ntab))
		goto out;
	for (i = skip_ws(f, kids.s + 1); f->p[i] != ']'; i = skip_ws(f, pr.e)) {
		if (!parse_val(f, i, &pr, 1))
			goto out;
		pg = pr;
		if (pr.t != V_REF || !deref(f, &pg) || pg.t != V_DICT ||
		    !dict_get(f, &pg, "/Type", &t) ||
		    !name_is(f, &t, "/Page")) {
			bad(f, pr.s, "page tree of more than one level");
			goto out;
		}
		if (f->rlen[pr.i] != 0) {
			bad(f, pr.s, "page listed twice");
			goto out;
		}
		if (!page_fonts(f, &pg, &cids))
			goto out;
		arr = 0;
		if (dict_get(f, &pg, "/StructParents", &x) && x.t == V_INT &&
		    x.i >= 0 && (size_t)x.i < ntab)
			arr = tab[x.i];
		if (arr != 0 && f->rlen[arr] != 0) {
			bad(f, x.s, "parent tree array of two pages");
			goto out;
		}
		if (!page_mel(f, arr, &pc))
			goto out;
		pc.num = (size_t)pr.i;
		pc.fonts = cids.data;
		pc.nst = 0;
		if (!page_contents(f, &pg, &pc))
			goto out;
		if (arr != 0)
			page_arr(f, arr, &pc);
		if (!page_annots(f, &pr, &pg, m))
			goto out;
	}
	rc = f->err == NULL;
out:
	free(tab);
	free(pc.mel);
	buf_free(&cids);
	return rc;
}

/* Items an outline shows from first on: each, and the children of those
 * open (a positive /Count). */
static long long
outline_visible(struct pdf *f, struct val it, int depth)
{
	struct val	 d, c, k;
	long long	 n = 0, sub;

	while (it.t == V_REF) {
		if (depth > MAX_TREE || ++f->visits > 4 * f->size + 64) {
			bad(f, it.s, "outline too large");
			return -1;
		}
		d = it;
		if (!deref(f, &d) || d.t != V_DICT)
			return -1;
		n++;
		if (dict_get(f, &d, "/Count", &c) && c.t == V_INT && c.i > 0 &&
		    dict_get(f, &d, "/First", &k)) {
			if ((sub = outline_visible(f, k, depth + 1)) < 0)
				return -1;
			n += sub;
		}
		if (!dict_get(f, &d, "/Next", &it))
			break;
	}
	return n;
}

/* The outline's root counts the items it shows (cairo 1.16 writes a
 * negative count there, which only items may have). */
static int
fix_outline(struct pdf *f, const struct val *root)
{
	static const char *const drop[] = { "/Count" };
	struct val	 o, d, first;
	long long	 n;

	if (!dict_get(f, root, "/Outlines", &o) || o.t != V_REF)
		return f->err == NULL;
	d = o;
	if (!deref(f, &d) || d.t != V_DICT)
		return bad(f, o.s, "bad outline");
	if (!dict_get(f, &d, "/First", &first))
		return 1;
	f->visits = 0;
	if ((n = outline_visible(f, first, 0)) < 0)
		return 0;
	rep_begin(f, (size_t)o.i);
	dict_copy(f, &f->rep, &d, drop, 1);
	buf_printf(&f->rep, "\n   /Count %lld\n>>", n);
	rep_end(f, (size_t)o.i);
	return 1;
}

/* Objects in one object stream. */
#define OBJSTM_N	200

/*
 * Object num's value as it is to be written: *vs, *vl (NULL: no such
 * object), from its new version or cairo's bytes; *stream when it is a
 * stream (the value then runs to "endstream").
 */
static int
obj_bytes(struct pdf *f, size_t num, struct val *v, const char **vs,
    size_t *vl, int *stream)
{
	const char	*p, *e;
	size_t		 pos, end;

	*vs = NULL;
	*vl = 0;
	*stream = 0;
	if (f->rlen[num] != 0) {
		/* "num gen obj\n" value "\nendobj\n" */
		p = f->rep.data + f->roff[num];
		e = p + f->rlen[num] - strlen("\nendobj\n");
		p = memchr(p, '\n', (size_t)(e - p));
		*vs = p + 1;
		*vl = (size_t)(e - *vs);
		*stream = *vl >= 9 && memcmp(e - 9, "endstream", 9) == 0;
		return 1;
	}
	if (num >= f->size || f->off[num] == 0)
		return 1;
	if (!obj_end(f, (long long)num, v, &end))
		return 0;
	*vs = (const char *)f->p + v->s;
	pos = skip_ws(f, v->e);
	*stream = keyword_at(f, pos, "stream");
	/* To the end of "endstream", or of the value. */
	*vl = (*stream ? end - 6 : v->e) - v->s;
	while (*vl > 0 && is_ws((unsigned char)(*vs)[*vl - 1]))
		(*vl)--;
	return 1;
}

/* The object stream num of nin objects, hd ("num offset" pairs) and
 * body (their values), to be compressed and placed at the end of b;
 * hd and body emptied. */
static void
objstm_end(struct pdf *f, struct buf *b, struct buf *hd, struct buf *body,
    size_t nin, size_t num)
{
	struct zjob	*j = xcalloc(1, sizeof(*j));

	j->num = num;
	j->nin = nin;
	j->first = hd->len;
	buf_put(hd, body->data, body->len);
	j->data = *hd;
	memset(hd, 0, sizeof(*hd));
	buf_reset(body);
	zpool_place(f->zp, j, b);
	zpool_give(f->zp, j);
}

/* Where write_all() put each object, by number. */
struct placed {
	size_t		 size;		/* objects [1, size): cairo's, ours */
	size_t		 nstm;		/* object streams, numbered from size */
	size_t		*noff;		/* offset in the file, or 0 */
	size_t		*nidx;		/* or object stream << 16 | index */
};

/*
 * The file b anew, each job placed in it (compressed by then) written
 * at its place, and where each object went (pl) moved up by the jobs
 * before it.
 */
static void
zpool_put(struct pdf *f, struct buf *b, struct placed *pl)
{
	struct zpool	*zp = f->zp;
	struct zjob	*j;
	struct buf	 u = { NULL, 0, 0 };
	size_t		*cum, num, from = 0, start, lo, hi, mid, k;

	/* cum[k]: the bytes of the jobs placed before the k-th. */
	cum = xcalloc(zp->nat + 1, sizeof(*cum));
	u.cap = b->len + 1;
	for (k = 0; k < zp->nat; k++)
		u.cap += zp->at[k]->zn + 160;
	u.data = xmalloc(u.cap);
	for (k = 0; k < zp->nat; k++) {
		j = zp->at[k];
		buf_put(&u, b->data + from, j->at - from);
		from = j->at;
		start = u.len;
		if (j->nin == 0) {
			put_obj(&u, j->num, f->gen[j->num]);
			BUF_PUTSL(&u, "<< /Length ");
		} else {
			put_obj(&u, j->num, 0);
			BUF_PUTSL(&u, "<< /Type /ObjStm\n   /N ");
			put_num(&u, (long long)j->nin);
			BUF_PUTSL(&u, "\n   /First ");
			put_num(&u, (long long)j->first);
			BUF_PUTSL(&u, "\n   /Filter /FlateDecode\n"
			    "   /Length ");
		}
		put_num(&u, (long long)j->zn);
		if (j->nin == 0)
			BUF_PUTSL(&u, "\n   /Filter /FlateDecode");
		BUF_PUTSL(&u, "\n>>\nstream\n");
		buf_put(&u, j->z, j->zn);
		BUF_PUTSL(&u, "\nendstream\nendobj\n");
		cum[k + 1] = cum[k] + (u.len - start);
	}
	buf_put(&u, b->data + from, b->len - from);
	/* An object at offset o of b comes after the jobs placed at or
	 * before o (one placed at o was placed before the object was
	 * written there: a job takes no byte of b). */
	for (num = 1; num < pl->size; num++) {
		if (pl->noff[num] == 0)
			continue;
		for (lo = 0, hi = zp->nat; lo < hi; ) {
			mid = lo + (hi - lo) / 2;
			if (zp->at[mid]->at <= pl->noff[num])
				lo = mid + 1;
			else
				hi = mid;
		}
		pl->noff[num] += cum[lo];
	}
	for (k = 0; k < zp->nat; k++)
		pl->noff[zp->at[k]->num] = zp->at[k]->at + cum[k];
	free(cum);
	buf_free(b);
	*b = u;
}

/*
 * The new catalog (/MarkInfo, /Lang, /ViewerPreferences, /Metadata),
 * information dictionary (PDF dates, our producer) and XMP stream, in
 * f->rep.  The XMP stream is object f->size + f->nvirt (after the
 * groups); a new information dictionary, when cairo wrote none, the
 * next one.  Sets *info to the dictionary's number and *size past our
 * objects.  Returns 1, or 0 after bad().
 */
static int
new_docinfo(struct pdf *f, const struct pdfmeta *m, size_t *info,
    size_t *size)
{
	static const char *const cat_drop[] = { "/Lang", "/ViewerPreferences",
	    "/Metadata", "/MarkInfo" };
	static const char *const info_drop[] = { "/CreationDate", "/ModDate",
	    "/Producer" };
	struct val	 v;
	struct buf	 x = { NULL, 0, 0 };
	char		 date[32];
	size_t		 xmp = f->size + f->nvirt;
	int		 y, mo, d;

	if (m->date == NULL ||
	    sscanf(m->date, "%4d-%2d-%2d", &y, &mo, &d) != 3 ||
	    y < 0 || y > 9999 || mo < 1 || mo > 12 || d < 1 || d > 31)
		y = 1970, mo = d = 1;
	snprintf(date, sizeof(date), "D:%04d%02d%02d000000Z", y, mo, d);
	if (f->rlen[f->root] != 0 || f->info == f->root ||
	    (f->info >= 0 && f->rlen[f->info] != 0))
		return bad(f, f->off[f->root], "catalog or information "
		    "dictionary used twice");

	*size = xmp + 1;
	if (!get_obj(f, f->root, f->gen[f->root], &v))
		return 0;
	if (v.t != V_DICT)
		return bad(f, f->off[f->root], "catalog is not a dictionary");
	rep_begin(f, (size_t)f->root);
	dict_copy(f, &f->rep, &v, cat_drop, 4);
	/* cairo 1.16 leaves it out when its tree holds only leaves (the
	 * groups are written here): said whenever there is a tree. */
	if (f->nel > 0)
		BUF_PUTSL(&f->rep, "\n   /MarkInfo << /Marked true >>");
	BUF_PUTSL(&f->rep, "\n   /Lang ");
	pdf_text(&f->rep, m->lang);
	buf_printf(&f->rep, "\n   /ViewerPreferences << /DisplayDocTitle "
	    "true >>\n   /Metadata %zu 0 R\n>>", xmp);
	rep_end(f, (size_t)f->root);

	if (f->info >= 0) {
		*info = (size_t)f->info;
		if (!get_obj(f, f->info, f->gen[*info], &v))
			return 0;
		if (v.t != V_DICT)
			return bad(f, f->off[*info], "/Info is not a "
			    "dictionary");
		rep_begin(f, *info);
		dict_copy(f, &f->rep, &v, info_drop, 3);
	} else {
		*info = (*size)++;
		rep_begin(f, *info);
		BUF_PUTSL(&f->rep, "<<");
	}
	buf_printf(&f->rep, "\n   /CreationDate (%s)\n   /ModDate (%s)"
	    "\n   /Producer (" PROGNAME " " VERSION ")\n>>", date, date);
	rep_end(f, *info);

	xmp_packet(&x, m);
	rep_begin(f, xmp);
	buf_printf(&f->rep, "<< /Type /Metadata\n   /Subtype /XML\n"
	    "   /Length %zu\n>>\nstream\n", x.len);
	buf_put(&f->rep, x.data, x.len);
	BUF_PUTSL(&f->rep, "\nendstream");
	rep_end(f, xmp);
	buf_free(&x);
	return 1;
}

/*
 * Element num, when it is written anew (write_elem()), at the end of
 * f->rep for obj_bytes(), just before it is copied; elem_unput() takes
 * it back: the new versions of the elements, most of the tree, are
 * never all held at once beside the new file.  Returns 1, or 0 after
 * bad().
 */
static int
elem_put(struct pdf *f, size_t num, const struct pdfmeta *m)
{
	const struct elem *e;

	if (f->eix[num] == 0)
		return 1;
	e = &f->el[f->eix[num] - 1];
	return !e->dirty || write_elem(f, e, m);
}

static void
elem_unput(struct pdf *f, size_t num)
{
	if (f->eix[num] == 0 || !f->el[f->eix[num] - 1].dirty)
		return;
	f->rep.len = f->roff[num];
	f->rep.data[f->rep.len] = '\0';
	f->rlen[num] = 0;
}

/*
 * cairo's header (everything before its first object), then streams as
 * they are and every other object into object streams of OBJSTM_N
 * objects (PDF 1.5 §7.5.7), to b; where each went in *pl.  The object
 * streams and the streams written anew are jobs of the pool, placed in
 * b (zpool_place()), not written yet: zpool_put() does.  Returns 1, or
 * 0 after bad().
 */
static int
write_objects(struct pdf *f, const struct pdfmeta *m, struct buf *b,
    struct placed *pl)
{
	struct val	 v;
	struct buf	 hd = { NULL, 0, 0 }, body = { NULL, 0, 0 };
	const char	*vs;
	size_t		 hdr, num, vl, nin = 0;
	int		 stream, rc = 0;

	for (hdr = f->n, num = 1; num < f->size; num++)
		if (f->off[num] != 0 && f->off[num] < hdr)
			hdr = f->off[num];
	buf_put(b, f->p, hdr);
	for (num = 1; num < pl->size; num++) {
		if (num < f->size && f->zp->ix[num] != 0) {
			zpool_place(f->zp, f->zp->job[f->zp->ix[num] - 1], b);
			continue;
		}
		if (!elem_put(f, num, m) ||
		    !obj_bytes(f, num, &v, &vs, &vl, &stream))
			goto out;
		if (vs == NULL)
			continue;
		if (stream || (num < f->size && f->gen[num] != 0)) {
			pl->noff[num] = b->len;
			put_obj(b, num, num < f->size ? f->gen[num] : 0);
			buf_put(b, vs, vl);
			BUF_PUTSL(b, "\nendobj\n");
		} else {
			if (nin == OBJSTM_N) {
				objstm_end(f, b, &hd, &body, nin,
				    pl->size + pl->nstm++);
				nin = 0;
			}
			put_num(&hd, (long long)num);
			buf_putc(&hd, ' ');
			put_num(&hd, (long long)body.len);
			buf_putc(&hd, ' ');
			buf_put(&body, vs, vl);
			buf_putc(&body, '\n');
			pl->noff[num] = 0;
			pl->nidx[num] = (pl->size + pl->nstm) << 16 | nin;
			nin++;
		}
		elem_unput(f, num);
	}
	if (nin > 0)
		objstm_end(f, b, &hd, &body, nin, pl->size + pl->nstm++);
	rc = 1;
out:
	buf_free(&hd);
	buf_free(&body);
	return rc;
}

/*
 * The entries of the cross-reference stream, object xnum at offset
 * xref, to body: type 0 free, 1 offset, 2 in an object stream (its
 * number, the index in it).
 */
static void
xref_entries(const struct pdf *f, const struct placed *pl, size_t xnum,
    size_t xref, struct buf *body)
{
	unsigned char	 e[7];
	size_t		 num, o, g;

	for (num = 0; num <= xnum; num++) {
		memset(e, 0, sizeof(e));
		o = g = 0;
		if (num == xnum)
			e[0] = 1, o = xref;
		else if (num > 0 && pl->noff[num] != 0)
			e[0] = 1, o = pl->noff[num], g = num < f->size ?
			    f->gen[num] : 0;
		else if (num > 0 && num < pl->size && pl->nidx[num] != 0)
			e[0] = 2, o = pl->nidx[num] >> 16,
			    g = pl->nidx[num] & 0xffff;
		else
			g = num == 0 ? 0xffff : 0;
		e[1] = (unsigned char)(o >> 24);
		e[2] = (unsigned char)(o >> 16);
		e[3] = (unsigned char)(o >> 8);
		e[4] = (unsigned char)o;
		e[5] = (unsigned char)(g >> 8);
		e[6] = (unsigned char)g;
		buf_put(body, e, 7);
	}
}

/* The MD5 of the file so far b and the compressed cross-reference
 * stream j (compressed here, or by the thread *t meanwhile), in
 * hexadecimal in id[33]: the trailer /ID. */
static void
file_id(const struct buf *b, struct zjob *j, pthread_t *t, char *id)
{
	GChecksum	*ck;
	guint8		 dig[16];
	gsize		 dlen = sizeof(dig);
	size_t		 i;

	ck = g_checksum_new(G_CHECKSUM_MD5);
	g_checksum_update(ck, (const guchar *)b->data, (gssize)b->len);
	if (t != NULL)
		pthread_join(*t, NULL);
	else
		zjob_run(j);
	if (j->ok)
		g_checksum_update(ck, j->z, (gssize)j->zn);
	g_checksum_get_digest(ck, dig, &dlen);
	g_checksum_free(ck);
	for (i = 0; i < sizeof(dig); i++)
		snprintf(id + 2 * i, 3, "%02x", dig[i]);
}

/*
 * The file anew in b: cairo's header; its streams (cairo's bytes, or
 * new versions); every other object (cairo's bytes or its new version)
 * in object streams; the XMP stream, a new information dictionary if
 * cairo wrote none; a cross-reference stream with the /ID.  Returns 1,
 * or 0 after bad().
 */
static int
write_all(struct pdf *f, const struct pdfmeta *m, struct buf *b)
{
	struct placed	 pl;
	struct zjob	 x;
	pthread_t	 t;
	char		 id[33];
	size_t		 info, xref, xnum;
	int		 rc = 0;

	memset(&pl, 0, sizeof(pl));
	memset(&x, 0, sizeof(x));
	if (!new_docinfo(f, m, &info, &pl.size))
		return 0;
	/* Numbers: cairo's objects and ours [1, size), then the object
	 * streams, then the cross-reference stream. */
	pl.noff = xcalloc(pl.size + pl.size / OBJSTM_N + 3,
	    sizeof(*pl.noff));
	pl.nidx = xcalloc(pl.size, sizeof(*pl.nidx));
	if (!write_objects(f, m, b, &pl) || !zpool_end(f))
		goto out;
	zpool_put(f, b, &pl);
	xref = b->len;
	xnum = pl.size + pl.nstm;
	xref_entries(f, &pl, xnum, xref, &x.data);
	/* Compressed beside while the file so far is summed. */
	file_id(b, &x, m->helper && thread_start(&t, zjob_thread, &x) ?
	    &t : NULL, id);
	if (!x.ok) {
		bad(f, 0, "cross-reference stream cannot be compressed");
		goto out;
	}
	buf_printf(b, "%zu 0 obj\n<< /Type /XRef\n   /Size %zu\n"
	    "   /W [ 1 4 2 ]\n   /Root %lld %u R\n   /Info %zu %u R\n"
	    "   /ID [<%s> <%s>]\n   /Filter /FlateDecode\n   /Length %lu\n"
	    ">>\nstream\n", xnum, xnum + 1, f->root, f->gen[f->root], info,
	    info < f->size ? f->gen[info] : 0, id, id, (unsigned long)x.zn);
	buf_put(b, x.z, x.zn);
	buf_printf(b, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n",
	    xref);
	rc = 1;
out:
	free(pl.noff);
	free(pl.nidx);
	free(x.z);
	buf_free(&x.data);
	return rc;
}

/* Reads the file at f->path whole into f->p, f->n.  fd stays open.
 * The buffer is sized once from the file's size, and a byte for the read
 * that finds its end: grown by half at a time, it would end up to a third
 * larger than the file, and it lives through the whole pass. */
static int
read_all(struct pdf *f, int fd)
{
	struct buf	 b = { NULL, 0, 0 };
	struct file_fail ff;
	struct stat	 st;

	if (fstat(fd, &st) == 0 && st.st_size >= 0 &&
	    (uintmax_t)st.st_size < MAX_PDF_SIZE)
		buf_reserve(&b, (size_t)st.st_size + 1);
	if (!file_get_fd(fd, MAX_PDF_SIZE, &b, &ff)) {
		file_diag_sys(f->path, &ff);
		buf_free(&b);
		return 0;
	}
	f->n = b.len;
	f->p = (unsigned char *)buf_detach(&b);
	return 1;
}

/*
 * The structure tree under the catalog root, if any, read into f->el
 * and fixed (tree_fix()).  Returns 1, or 0 after bad().
 */
static int
read_tree(struct pdf *f, const struct val *root, const struct pdfmeta *m)
{
	struct val	 str, k;
	size_t		 i;

	if (!dict_get(f, root, "/StructTreeRoot", &str))
		return 1;
	if (str.t != V_REF || !deref(f, &str) || str.t != V_DICT ||
	    !dict_get(f, &str, "/Type", &k) ||
	    !name_is(f, &k, "/StructTreeRoot"))
		return bad(f, str.s, "bad structure tree root");
	if (dict_get(f, &str, "/K", &k) && !tree_kids(f, k, (size_t)-1, -1, 0))
		return 0;
	/* The root's children have the root as parent. */
	dict_get(f, root, "/StructTreeRoot", &k);
	for (i = 0; i < f->nel; i++)
		if (f->el[i].parent == -1)
			f->el[i].parent = k.i;
	return tree_fix(f, m, k.i, &str);
}

/* Everything the pass does, once the file is read: the new file in u.
 * Returns 1, or 0 after bad(). */
static int
finish(struct pdf *f, const struct pdfmeta *m, struct buf *u)
{
	struct val	 root;

	if (!get_obj(f, f->root, f->gen[f->root], &root))
		return 0;
	if (root.t != V_DICT)
		return bad(f, f->off[f->root], "catalog is not a dictionary");
	if (!read_tree(f, &root, m))
		return 0;
	/* Pages first: their content adds MCIDs to elements, which
	 * write_all() writes (elem_put()).  The pool runs to the end of
	 * write_all(), and is freed with f. */
	zpool_start(f, m);
	return fix_pages(f, &root, m) && fix_outline(f, &root) &&
	    f->err == NULL && write_all(f, m, u);
}

/* The new file u written over cairo's bytes in fd (the file is the
 * build's own, switched into out/ only once whole).  Returns 1, or 0
 * after diag_sys(). */
static int
overwrite(int fd, const char *path, const struct buf *u)
{
	size_t		 done = 0;
	ssize_t		 w;

	while (done < u->len) {
		w = pwrite(fd, u->data + done, u->len - done, (off_t)done);
		if (w == -1 && errno == EINTR)
			continue;
		if (w <= 0) {
			diag_sys_msg(MSG_PATH_ERRNO, path,
			    w == 0 ? "short write" : strerror(errno));
			return 0;
		}
		done += (size_t)w;
	}
	if (ftruncate(fd, (off_t)u->len) == -1) {
		diag_sys_msg(MSG_PATH_ERRNO, path, strerror(errno));
		return 0;
	}
	return 1;
}

/* The reason bad() recorded, reported. */
static void
pdf_refused(const struct pdf *f)
{
	diag_sys_msg(MSG_PDF_STRUCTURE, f->path, f->errpos,
	    f->err != NULL ? f->err : "unknown");
}

static void
pdf_free(struct pdf *f)
{
	size_t	 i;

	zpool_free(f);
	for (i = 0; i < f->nel; i++)
		free(f->el[i].kid);
	free(f->el);
	free(f->eix);
	free(f->nobj);
	free(f->roff);
	free(f->rlen);
	free(f->fontw);
	free(f->dests);
	buf_free(&f->rep);
	free(f->p);
	free(f->off);
	free(f->gen);
	free(f->alt);
}

/* ---- two halves into one file (pdf.c's cut) ---- */

/*
 * An edition cut in two (pdf.c) comes as two files cairo wrote, each
 * whole: the first half's catalog, outline and information dictionary
 * stay; the second half's pages, structure elements and destinations go
 * after the first's.  The result is a file as cairo would have written
 * it (one classic cross-reference table), which the pass then reads like
 * any other.  The second half's objects are numbered after the first's;
 * its page tree, structure tree root, parent tree and name tree of
 * destinations become the first's, written anew with the second's
 * entries after theirs; the second half's /StructParent(s) keys are
 * shifted past the first's.  Each half keeps its own font subsets.
 */
struct merge {
	struct pdf	*a, *b;
	long long	*map;		/* [b->size] new number, or 0 */
	long long	 shift;		/* keys of a's parent tree */
	long long	 an[4], bn[4];	/* page tree, structure tree root,
					 * parent tree, destinations (-1:
					 * none) */
	struct buf	 o;		/* the file */
	int		 helper;	/* pdfmeta's: a thread may help */
};

enum { MG_PAGES, MG_STR, MG_PTREE, MG_DESTS };

/* Where object num of f is (a number read from f: maybe none), or 0. */
static size_t
obj_off(const struct pdf *f, long long num)
{
	return num >= 0 && (unsigned long long)num < f->size ? f->off[num] : 0;
}

/* The object a reference in dictionary d under key leads to, or -1. */
static long long
ref_of(struct pdf *f, const struct val *d, const char *key)
{
	struct val	 v;

	if (d->t != V_DICT || !dict_get(f, d, key, &v) || v.t != V_REF)
		return -1;
	return v.i;
}

/* The numbers of the page tree, structure tree root, parent tree and
 * destinations of f into n[].  Returns 1, or 0 after bad(). */
static int
merge_parts(struct pdf *f, long long *n)
{
	struct val	 root, v;

	if (!get_obj(f, f->root, f->gen[f->root], &root) ||
	    root.t != V_DICT)
		return bad(f, f->off[f->root], "catalog is not a dictionary");
	n[MG_PAGES] = ref_of(f, &root, "/Pages");
	n[MG_STR] = ref_of(f, &root, "/StructTreeRoot");
	n[MG_PTREE] = n[MG_DESTS] = -1;
	if (n[MG_STR] >= 0 && get_obj(f, n[MG_STR], 0, &v))
		n[MG_PTREE] = ref_of(f, &v, "/ParentTree");
	if ((n[MG_DESTS] = ref_of(f, &root, "/Names")) >= 0 &&
	    get_obj(f, n[MG_DESTS], 0, &v))
		n[MG_DESTS] = ref_of(f, &v, "/Dests");
	if (n[MG_PAGES] < 0 || n[MG_DESTS] < 0 ||
	    (n[MG_STR] < 0) != (n[MG_PTREE] < 0))
		return bad(f, f->off[f->root], "half without pages, "
		    "destinations or parent tree");
	return f->err == NULL;
}

static int	 merge_val(struct merge *, size_t, size_t *, int);

/*
 * The array or dictionary of b at pos ('[' or "<<"), its items at
 * depth, renumbered into mg->o as they are read (each byte is read
 * once: the merge reads most of the half); *end the byte after it.
 */
static int
merge_items(struct merge *mg, size_t pos, size_t *end, int depth)
{
	struct pdf	*b = mg->b;
	struct val	 k;
	size_t		 i, from;
	int		 dict = b->p[pos] == '<', sp;
	unsigned char	 close = dict ? '>' : ']';

	from = pos + (dict ? 2 : 1);
	buf_put(&mg->o, b->p + pos, from - pos);
	for (i = from; (i = skip_ws(b, i)) < b->n && b->p[i] != close;
	    i = from) {
		buf_put(&mg->o, b->p + from, i - from);
		sp = 0;
		if (dict) {
			if (!parse_val(b, i, &k, depth))
				return 0;
			if (k.t != V_NAME)
				return bad(b, i, "dictionary key is not a name");
			buf_put(&mg->o, b->p + i, k.e - i);
			sp = name_is(b, &k, "/StructParents") ||
			    name_is(b, &k, "/StructParent");
			i = k.e;
		}
		if (sp && parse_val(b, i, &k, depth) && k.t == V_INT) {
			buf_put(&mg->o, b->p + i, k.s - i);
			put_num(&mg->o, k.i + mg->shift);
			from = k.e;
		} else if (!merge_val(mg, i, &from, depth))
			return 0;
	}
	if (dict && (i + 1 >= b->n || b->p[i + 1] != '>'))
		return bad(b, pos, "unterminated dictionary");
	if (i >= b->n)
		return bad(b, pos, "unterminated array");
	*end = i + (dict ? 2 : 1);
	buf_put(&mg->o, b->p + from, *end - from);
	return 1;
}

/* The value of b at pos, its references renumbered, into mg->o; *end
 * the byte after it. */
static int
merge_val(struct merge *mg, size_t pos, size_t *end, int depth)
{
	struct pdf	*b = mg->b;
	struct val	 v;
	size_t		 i;
	long long	 n;

	i = skip_ws(b, pos);
	if (i < b->n && (b->p[i] == '[' ||
	    (b->p[i] == '<' && i + 1 < b->n && b->p[i + 1] == '<'))) {
		if (depth > MAX_NEST)
			return bad(b, i, "objects nested too deep");
		buf_put(&mg->o, b->p + pos, i - pos);
		return merge_items(mg, i, end, depth + 1);
	}
	if (!parse_val(b, i, &v, depth))
		return 0;
	buf_put(&mg->o, b->p + pos, v.s - pos);
	*end = v.e;
	if (v.t != V_REF) {
		buf_put(&mg->o, b->p + v.s, v.e - v.s);
		return 1;
	}
	if (v.i < 0 || (unsigned long long)v.i >= b->size ||
	    (n = mg->map[v.i]) == 0)
		return bad(b, v.s, "reference to an object dropped from the "
		    "half");
	put_ref(&mg->o, n, 0);
	return 1;
}

/* The items of array or dictionary value key of object num of f: to
 * mg->o as they are (f is a) or renumbered (b). */
static int
merge_inner(struct merge *mg, struct pdf *f, long long num, const char *key)
{
	struct val	 d, v;
	size_t		 i, end;

	if (!get_obj(f, num, 0, &d) || !dict_get(f, &d, key, &v))
		return bad(f, obj_off(f, num), "merged object without its "
		    "key");
	if (v.t != V_ARRAY) {
		buf_putc(&mg->o, ' ');
		if (f == mg->a)
			buf_put(&mg->o, f->p + v.s, v.e - v.s);
		return f == mg->a || merge_val(mg, v.s, &end, 1);
	}
	for (i = skip_ws(f, v.s + 1); i < v.e - 1; i = skip_ws(f, end)) {
		buf_putc(&mg->o, ' ');
		if (f == mg->a) {
			if (!parse_val(f, i, &d, 1))
				return 0;
			buf_put(&mg->o, f->p + i, d.e - i);
			end = d.e;
		} else if (!merge_val(mg, i, &end, 1))
			return 0;
	}
	return 1;
}

/* The key of a's parent tree past its last: where b's keys start. */
static int
merge_shift(struct merge *mg)
{
	struct pdf	*a = mg->a;
	struct val	 d, v, k;
	size_t		 i;

	mg->shift = 0;
	if (mg->an[MG_PTREE] < 0)
		return 1;
	if (!get_obj(a, mg->an[MG_PTREE], 0, &d) ||
	    !dict_get(a, &d, "/Nums", &v) || v.t != V_ARRAY)
		return bad(a, d.s, "parent tree without /Nums");
	for (i = skip_ws(a, v.s + 1); i < v.e - 1; i = skip_ws(a, k.e)) {
		if (!parse_val(a, i, &k, 1) || k.t != V_INT)
			return bad(a, i, "bad parent tree key");
		if (k.i >= mg->shift)
			mg->shift = k.i + 1;
		if (!parse_val(a, k.e, &k, 1))
			return 0;
	}
	return 1;
}

/* b's parent tree entries, keys shifted. */
static int
merge_nums(struct merge *mg)
{
	struct pdf	*b = mg->b;
	struct val	 d, v, k;
	size_t		 i, end;

	if (!get_obj(b, mg->bn[MG_PTREE], 0, &d) ||
	    !dict_get(b, &d, "/Nums", &v) || v.t != V_ARRAY)
		return bad(b, d.s, "parent tree without /Nums");
	for (i = skip_ws(b, v.s + 1); i < v.e - 1; i = skip_ws(b, end)) {
		if (!parse_val(b, i, &k, 1) || k.t != V_INT)
			return bad(b, i, "bad parent tree key");
		BUF_PUTSL(&mg->o, "   ");
		put_num(&mg->o, k.i + mg->shift);
		if (!merge_val(mg, k.e, &end, 1))
			return 0;
		buf_putc(&mg->o, '\n');
	}
	return 1;
}

/* The name tree entry at *pos of f: its name [*s, *e), the entry ending
 * at *pos after.  Returns 0 at the end of the array v. */
static int
dest_next(struct pdf *f, const struct val *v, size_t *pos, struct val *k)
{
	struct val	 d;

	if ((*pos = skip_ws(f, *pos)) >= v->e - 1 ||
	    !parse_val(f, *pos, k, 1) || !parse_val(f, k->e, &d, 1))
		return 0;
	*pos = d.e;
	return 1;
}

/* Is name k of a after name l of b?  By their bytes (cairo sorts its
 * names so, and writes the ASCII ones as they are). */
static int
dest_after(struct merge *mg, const struct val *k, const struct val *l)
{
	size_t	 n = k->e - k->s, m = l->e - l->s;
	int	 c;

	c = memcmp(mg->a->p + k->s, mg->b->p + l->s, n < m ? n : m);
	return c > 0 || (c == 0 && n > m);
}

/* The destinations of both halves, merged in the order of their names;
 * a's first when both name one (pdf.c names each once). */
static int
merge_dests(struct merge *mg)
{
	struct pdf	*a = mg->a, *b = mg->b;
	struct val	 da, db, va, vb, k, l;
	size_t		 i, j, end;
	int		 ha, hb;

	if (!get_obj(a, mg->an[MG_DESTS], 0, &da) ||
	    !dict_get(a, &da, "/Names", &va) || va.t != V_ARRAY ||
	    !get_obj(b, mg->bn[MG_DESTS], 0, &db) ||
	    !dict_get(b, &db, "/Names", &vb) || vb.t != V_ARRAY)
		return bad(a, 0, "destinations without /Names");
	i = va.s + 1;
	j = vb.s + 1;
	ha = dest_next(a, &va, &i, &k);
	hb = dest_next(b, &vb, &j, &l);
	while (ha || hb) {
		buf_puts(&mg->o, "   ");
		if (ha && (!hb || !dest_after(mg, &k, &l))) {
			buf_put(&mg->o, a->p + k.s, i - k.s);
			ha = dest_next(a, &va, &i, &k);
		} else {
			buf_put(&mg->o, b->p + l.s, l.e - l.s);
			if (!merge_val(mg, l.e, &end, 1))
				return 0;
			hb = dest_next(b, &vb, &j, &l);
		}
		buf_putc(&mg->o, '\n');
	}
	return a->err == NULL && b->err == NULL;
}

/* The /Count of page tree num of f. */
static long long
merge_count(struct pdf *f, long long num)
{
	struct val	 d, v;

	if (!get_obj(f, num, 0, &d) || !dict_get(f, &d, "/Count", &v) ||
	    v.t != V_INT)
		return bad(f, obj_off(f, num), "page tree without /Count");
	return v.i;
}

/* Merged object k of a (MG_PAGES...), written anew. */
static int
merge_new(struct merge *mg, int k)
{
	long long	 num = mg->an[k];

	switch (k) {
	case MG_PAGES:
		buf_puts(&mg->o, "<< /Type /Pages\n   /Kids [");
		if (!merge_inner(mg, mg->a, num, "/Kids") ||
		    !merge_inner(mg, mg->b, mg->bn[k], "/Kids"))
			return 0;
		buf_printf(&mg->o, " ]\n   /Count %lld\n>>\n",
		    merge_count(mg->a, num) + merge_count(mg->b, mg->bn[k]));
		break;
	case MG_STR:
		buf_printf(&mg->o, "<< /Type /StructTreeRoot\n"
		    "   /ParentTree %lld 0 R\n   /K [", mg->an[MG_PTREE]);
		if (!merge_inner(mg, mg->a, num, "/K") ||
		    !merge_inner(mg, mg->b, mg->bn[k], "/K"))
			return 0;
		buf_puts(&mg->o, " ]\n>>\n");
		break;
	case MG_PTREE:
		buf_puts(&mg->o, "<< /Nums [");
		if (!merge_inner(mg, mg->a, num, "/Nums"))
			return 0;
		buf_putc(&mg->o, '\n');
		if (!merge_nums(mg))
			return 0;
		buf_puts(&mg->o, "  ]\n>>\n");
		break;
	default:
		buf_puts(&mg->o, "<< /Names [\n");
		if (!merge_dests(mg))
			return 0;
		buf_puts(&mg->o, "  ]\n>>\n");
		break;
	}
	return mg->a->err == NULL && mg->b->err == NULL;
}

/*
 * The new numbers of b's objects into mg->map: the four merged take a's,
 * the catalog, the information dictionary, the name dictionary and the
 * outline root (the first half holds the whole outline) none, the others
 * follow a's.  Returns the new /Size.
 */
static size_t
merge_map(struct merge *mg)
{
	struct pdf	*b = mg->b;
	struct val	 root;
	size_t		 j, size = mg->a->size;
	int		 k;

	mg->map = xcalloc(b->size, sizeof(*mg->map));
	for (j = 1; j < b->size; j++)
		mg->map[j] = b->off[j] != 0;
	mg->map[b->root] = 0;
	if (b->info >= 0)
		mg->map[b->info] = 0;
	if (get_obj(b, b->root, b->gen[b->root], &root)) {
		if ((j = (size_t)ref_of(b, &root, "/Names")) < b->size)
			mg->map[j] = 0;
		if ((j = (size_t)ref_of(b, &root, "/Outlines")) < b->size)
			mg->map[j] = 0;
	}
	for (k = 0; k < 4; k++)
		if (mg->bn[k] >= 0)
			mg->map[mg->bn[k]] = -1;
	for (j = 1; j < b->size; j++)
		if (mg->map[j] == 1)
			mg->map[j] = (long long)size++;
	for (k = 0; k < 4; k++)
		if (mg->bn[k] >= 0)
			mg->map[mg->bn[k]] = mg->an[k];
	return size;
}

/* An object of b and where it starts. */
struct placed_obj {
	size_t		 off;
	long long	 num;
};

static int
placed_cmp(const void *x, const void *y)
{
	const struct placed_obj *a = x, *b = y;

	return a->off < b->off ? -1 : a->off > b->off;
}

/* Object j of b, renumbered, into mg->o: its value, then its bytes as
 * they are up to end (a stream's data and "endobj"). */
static int
merge_b(struct merge *mg, long long j, size_t end)
{
	struct pdf	*b = mg->b;
	size_t		 pos, vend;

	put_obj(&mg->o, (size_t)mg->map[j], 0);
	if ((pos = obj_start(b, j)) == 0 || !merge_val(mg, pos, &vend, 0))
		return 0;
	if (vend > end)
		return bad(b, pos, "object overlaps the next one");
	buf_put(&mg->o, b->p + vend, end - vend);
	return 1;
}

/*
 * Objects [from, to) of o (b's, in b's order) renumbered into mg->o,
 * off[] the offset of each there.  The second half of them is done so
 * by a thread beside the first (merge_bs()), safe as the compressing
 * one (zpool): it writes only its own output, its copy of b (where
 * bad() says why) and the entries of off[] of its objects, reads what
 * nothing writes meanwhile (b's bytes and tables, the new numbers),
 * and calls nothing but the parser and malloc.
 */
struct mpart {
	struct merge	 mg;
	struct pdf	 b;
	const struct placed_obj *o;
	size_t		 from, to, n;
	size_t		*off;
	int		 rc;
};

static void *
merge_run(void *arg)
{
	struct mpart	*mp = arg;
	const struct placed_obj *o = mp->o;
	size_t		 j;

	/* Each object ends where the next begins: cairo writes them one
	 * after the other, then the cross-reference table. */
	for (j = mp->from, mp->rc = 1; mp->rc && j < mp->to; j++) {
		mp->off[mp->mg.map[o[j].num]] = mp->mg.o.len;
		mp->rc = merge_b(&mp->mg, o[j].num, j + 1 < mp->n ?
		    o[j + 1].off : mp->mg.b->startxref);
	}
	return NULL;
}

/*
 * b's objects after a's, in b's order, where off[] says: the first
 * half of them here, the second beside by a thread (pdfmeta's helper,
 * if one can be started), appended after: the same bytes.
 */
static int
merge_bs(struct merge *mg, size_t *off)
{
	struct pdf	*b = mg->b;
	struct placed_obj *o;
	struct mpart	 p1, p2;
	pthread_t	 t;
	size_t		 j, n = 0, h;
	int		 threaded = 0;

	o = xcalloc(b->size + 1, sizeof(*o));
	for (j = 1; j < b->size; j++)
		if (mg->map[j] >= (long long)mg->a->size) {
			o[n].off = b->off[j];
			o[n++].num = (long long)j;
		}
	qsort(o, n, sizeof(*o), placed_cmp);
	/* Halves of as many objects: what costs is reading the small
	 * ones (the structure), not copying streams. */
	h = n / 2;
	memset(&p1, 0, sizeof(p1));
	p1.mg = *mg;
	p1.o = o;
	p1.to = h;
	p1.n = n;
	p1.off = off;
	memset(&p2, 0, sizeof(p2));
	p2.b = *b;
	p2.b.err = NULL;
	p2.mg = *mg;
	p2.mg.b = &p2.b;
	memset(&p2.mg.o, 0, sizeof(p2.mg.o));
	if (h < n && o[h].off < b->startxref) {
		p2.mg.o.cap = b->startxref - o[h].off + 4096;
		p2.mg.o.data = xmalloc(p2.mg.o.cap);
	}
	p2.o = o;
	p2.from = h;
	p2.to = n;
	p2.n = n;
	p2.off = off;
	if (mg->helper && h < n)
		threaded = thread_start(&t, merge_run, &p2);
	merge_run(&p1);
	mg->o = p1.mg.o;
	if (threaded)
		pthread_join(t, NULL);
	else if (p1.rc)
		merge_run(&p2);
	if (p1.rc && !p2.rc && p2.b.err != NULL) {
		b->err = p2.b.err;
		b->errpos = p2.b.errpos;
	}
	if (p1.rc && p2.rc) {
		/* The second part after the first. */
		for (j = h; j < n; j++)
			off[mg->map[o[j].num]] += mg->o.len;
		buf_put(&mg->o, p2.mg.o.data, p2.mg.o.len);
	}
	buf_free(&p2.mg.o);
	free(o);
	return p1.rc && p2.rc;
}

/* The merged file into mg->o: a's header and objects, a's merged
 * objects anew, b's, a cross-reference table and a trailer like
 * cairo's. */
static int
merge_write(struct merge *mg, size_t size)
{
	struct pdf	*a = mg->a;
	size_t		*off, j, xref;
	int		 k, rc = 0;

	off = xcalloc(size, sizeof(*off));
	/* a's bytes as they are, the merged objects' old versions among
	 * them, out of the table: their new ones follow. */
	buf_put(&mg->o, a->p, a->startxref);
	memcpy(off, a->off, a->size * sizeof(*off));
	for (k = 0; k < 4; k++) {
		if (mg->an[k] < 0)
			continue;
		off[mg->an[k]] = mg->o.len;
		buf_printf(&mg->o, "%lld 0 obj\n", mg->an[k]);
		if (!merge_new(mg, k))
			goto out;
		buf_puts(&mg->o, "endobj\n");
	}
	if (!merge_bs(mg, off))
		goto out;
	xref = mg->o.len;
	buf_printf(&mg->o, "xref\n0 %zu\n0000000000 65535 f \n", size);
	for (j = 1; j < size; j++)
		if (off[j] != 0) {
			buf_udec(&mg->o, off[j], 10);
			BUF_PUTSL(&mg->o, " 00000 n \n");
		} else
			BUF_PUTSL(&mg->o, "0000000000 00000 f \n");
	buf_printf(&mg->o, "trailer\n<< /Size %zu\n   /Root %lld 0 R\n",
	    size, a->root);
	if (a->info >= 0)
		buf_printf(&mg->o, "   /Info %lld 0 R\n", a->info);
	buf_printf(&mg->o, ">>\nstartxref\n%zu\n%%%%EOF\n", xref);
	rc = 1;
out:
	free(off);
	return rc;
}

/*
 * The second half, at path, merged after the first, read into a: a then
 * holds the merged file, read as cairo's.  Returns 1, or 0 after
 * diag_sys().
 */
static int
merge_halves(struct pdf *a, const char *path, const struct pdfmeta *m)
{
	struct pdf	 b;
	struct merge	 mg;
	size_t		 size;
	int		 fd, rc = 0;

	memset(&b, 0, sizeof(b));
	memset(&mg, 0, sizeof(mg));
	b.path = path;
	mg.a = a;
	mg.b = &b;
	mg.helper = m->helper;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		diag_sys_msg(MSG_PATH_ERRNO, path, strerror(errno));
		return 0;
	}
	if (!read_all(&b, fd))
		goto out;
	if (read_tail(&b) && read_xref(&b) && merge_parts(a, mg.an) &&
	    merge_parts(&b, mg.bn) && merge_shift(&mg)) {
		size = merge_map(&mg);
		/* Sized once: the file is both halves and a little. */
		mg.o.cap = a->n + b.n + ((size_t)1 << 20);
		mg.o.data = xmalloc(mg.o.cap);
		rc = merge_write(&mg, size);
	}
	if (!rc) {
		pdf_refused(b.err != NULL ? &b : a);
		goto out;
	}
	free(a->p);
	free(a->off);
	free(a->gen);
	free(a->alt);
	a->n = mg.o.len;
	a->p = (unsigned char *)buf_detach(&mg.o);
	if (!(rc = read_tail(a) && read_xref(a)))
		pdf_refused(a);
out:
	close(fd);
	free(mg.map);
	buf_free(&mg.o);
	pdf_free(&b);
	return rc;
}

/* The arrays indexed by object number, grown for the objects added:
 * m's groups, the XMP stream, an information dictionary. */
static void
grow(struct pdf *f, const struct pdfmeta *m)
{
	size_t	 i, n;

	for (i = 0; !m->untagged && i < m->nnodes; i++)
		f->nvirt += !m->nodes[i].cairo;
	n = f->size + f->nvirt + 2;
	f->off = xreallocarray(f->off, n, sizeof(*f->off));
	f->gen = xreallocarray(f->gen, n, sizeof(*f->gen));
	for (i = f->size; i < n; i++)
		f->off[i] = f->gen[i] = 0;
	f->eix = xcalloc(n, sizeof(*f->eix));
	/* pdf.c's record counts the elements, cairo's and the groups:
	 * the array of them is sized once, not doubled past them. */
	if (!m->untagged && m->nnodes > 0) {
		f->elcap = m->nnodes;
		f->el = xreallocarray(NULL, f->elcap, sizeof(*f->el));
	}
	f->roff = xcalloc(n, sizeof(*f->roff));
	f->rlen = xcalloc(n, sizeof(*f->rlen));
	f->fontw = xcalloc(n, sizeof(*f->fontw));
}

/* The pass over the file at path, or over it and the second half at
 * half (NULL: none) merged. */
static int
post(const char *path, const char *half, const struct pdfmeta *m)
{
	struct pdf	 f;
	struct buf	 u = { NULL, 0, 0 };
	int		 fd, rc = 0;

	/* What cairo writes changes with its versions: this pass reads
	 * cairo 1.16's files and no others. */
	if (cairo_version() < CAIRO_VERSION_ENCODE(1, 16, 0) ||
	    cairo_version() >= CAIRO_VERSION_ENCODE(1, 17, 0)) {
		diag_sys_msg(MSG_PDF_CAIRO, path, cairo_version_string());
		return 0;
	}
	memset(&f, 0, sizeof(f));
	f.path = path;
	if ((fd = open(path, O_RDWR)) == -1) {
		diag_sys_msg(MSG_PATH_ERRNO, path, strerror(errno));
		return 0;
	}
	if (!read_all(&f, fd))
		goto out;
	if (f.n >= 9 && memcmp(f.p, "%PDF-", 5) == 0 &&
	    memcmp(f.p, "%PDF-1.5", 8) != 0) {
		diag_sys_msg(MSG_PDF_VERSION, path, (const char *)f.p + 5,
		    cairo_version_string());
		goto out;
	}
	if (!read_tail(&f) || !read_xref(&f)) {
		pdf_refused(&f);
		goto out;
	}
	if (half != NULL && !merge_halves(&f, half, m))
		goto out;
	grow(&f, m);
	if (!finish(&f, m, &u))
		pdf_refused(&f);
	else
		rc = overwrite(fd, path, &u);
out:
	if (close(fd) == -1 && rc) {
		diag_sys_msg(MSG_PATH_ERRNO, path, strerror(errno));
		rc = 0;
	}
	pdf_free(&f);
	buf_free(&u);
	return rc;
}

int
pdfpost(const char *path, const struct pdfmeta *m)
{
	return post(path, NULL, m);
}

int
pdfpost_halves(const char *path, const char *half, const struct pdfmeta *m)
{
	return post(path, half, m);
}
