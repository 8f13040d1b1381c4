/*
 * Unit tests of the PDF finishing pass (gen/pdfpost.c), run by
 * tests/t-pdfmeta.sh: unit-pdfpost DIR.
 *  - DIR/roundtrip.pdf: a tagged PDF drawn with cairo (Figures at several
 *    depths, on two pages), finished with alternative texts that need
 *    escaping (parentheses, backslashes, ends of line, accents, a
 *    character beyond the BMP, malformed UTF-8); DIR/roundtrip.raw.pdf is
 *    the file before, DIR/roundtrip.json what each /Alt must read, in
 *    document order.  The script reads them back with qpdf.
 *  - DIR/noinfo.pdf: a hand-written PDF without /Info, finished.
 *  - hostile files (hand-written oddities, truncations and byte changes
 *    of the cairo file): pdfpost() must never crash nor hang, and a file
 *    it refuses must be left as it was.
 * Prints one "ok - " or "not ok - " line per test.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>

#include "report.h"
#include "extern.h"
#include "backend.h"

static int failed;

static void
expect(const char *name, int cond)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", name);
	if (!cond)
		failed++;
}

/* The alternative texts of the cairo file, and what qpdf must show. */
static const struct {
	const char	*alt;
	const char	*want;		/* NULL: alt itself */
} alts[] = {
	{ "Graphique (n\xc2\xb0 1) : 12,5 % \xe2\x80\x94 \xc2\xab parts "
	    "\xc2\xbb, \xc5\x93uvre", NULL },
	{ "a) b ( c \\ d \\\\ e) ((f", NULL },
	{ "tab\there, line\nand CR\r end", NULL },
	{ "", NULL },
	{ "clef \xf0\x9d\x84\x9e de sol (U+1D11E) \\", NULL },
	{ "bad \xff\xc3 UTF-8 \xed\xa0\x80 end",
	    "bad \xef\xbf\xbd\xef\xbf\xbd UTF-8 \xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd end" },
	{ "control \x01 and \x1f (hex)", NULL },
	{ "last", NULL },
};
#define NALTS	(sizeof(alts) / sizeof(alts[0]))

static char *
slurp(const char *path, size_t *n)
{
	FILE	*fp;
	char	*p;
	long	 len;

	if ((fp = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	p = xmalloc((size_t)len + 1);
	*n = fread(p, 1, (size_t)len, fp);
	fclose(fp);
	return p;
}

static int
spew(const char *path, const void *p, size_t n)
{
	FILE	*fp;
	int	 ok;

	/* A new file each time: ext4 flushes a file truncated and written
	 * again when it is closed, which takes long. */
	remove(path);
	if ((fp = fopen(path, "wb")) == NULL)
		return 0;
	ok = fwrite(p, 1, n, fp) == n;
	return fclose(fp) == 0 && ok;
}

/* What pdf.c draws first on a page: the mark pdfpost() takes out, then
 * something outside every element (a rule). */
static void
page_start(cairo_t *cr)
{
	pdfpost_mark(cr, 1);
	cairo_rectangle(cr, 0, 0, 300, 1);
	cairo_fill(cr);
}

static void
figure(cairo_t *cr, double y)
{
	cairo_tag_begin(cr, "Figure", NULL);
	cairo_rectangle(cr, 50, y, 100, 20);
	cairo_fill(cr);
	cairo_tag_end(cr, "Figure");
}

/* A tagged document: Figures in the document, in sections, in a
 * figure's caption's neighbour, over two pages; with dest, a link on
 * the first to a destination on the second (what a half of pdf.c's
 * cut has).  Each page begins as pdf.c's do, but the first with
 * MARK_NONE (no mark) or MARK_ELEM (an element's content right after
 * the mark). */
enum { MARK_OK, MARK_NONE, MARK_ELEM };
static int
draw(const char *path, int dest, int mark)
{
	cairo_surface_t	*s;
	cairo_t		*cr;
	int		 ok;

	s = cairo_pdf_surface_create(path, 300, 400);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
	    "Essai (\xc3\xa9t\xc3\xa9)");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
	    "2016-01-01T00:00:00Z");
	cr = cairo_create(s);
	if (mark == MARK_OK)
		page_start(cr);
	else if (mark == MARK_ELEM)
		pdfpost_mark(cr, 1);
	cairo_tag_begin(cr, "Document", NULL);
	cairo_tag_begin(cr, "P", NULL);
	cairo_move_to(cr, 50, 30);
	if (dest)
		cairo_tag_begin(cr, CAIRO_TAG_LINK, "dest='d1'");
	cairo_show_text(cr, "Texte");
	if (dest)
		cairo_tag_end(cr, CAIRO_TAG_LINK);
	cairo_tag_end(cr, "P");
	figure(cr, 40);					/* 0 */
	cairo_tag_begin(cr, "Sect", NULL);
	figure(cr, 70);					/* 1 */
	cairo_tag_begin(cr, "Sect", NULL);
	figure(cr, 100);				/* 2 */
	cairo_tag_end(cr, "Sect");
	figure(cr, 130);				/* 3 */
	cairo_tag_end(cr, "Sect");
	cairo_show_page(cr);
	page_start(cr);
	if (dest) {
		cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='d1'");
		cairo_tag_end(cr, CAIRO_TAG_DEST);
	}
	figure(cr, 40);					/* 4 */
	cairo_tag_begin(cr, "Div", NULL);
	figure(cr, 70);					/* 5 */
	figure(cr, 100);				/* 6 */
	cairo_tag_end(cr, "Div");
	figure(cr, 130);				/* 7 */
	cairo_tag_end(cr, "Document");
	cairo_destroy(cr);
	cairo_surface_finish(s);
	ok = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	return ok;
}

/* A PDF written by hand: objects 1..n, then the table and a trailer with
 * /Size and extra.  Returns its bytes (caller frees), length in *len. */
static char *
handmade(const char *const *obj, size_t n, const char *extra, size_t *len)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		*off, i, xref;

	off = xcalloc(n + 1, sizeof(*off));
	BUF_PUTSL(&b, "%PDF-1.5\n%\xb5\xed\xae\xfb\n");
	for (i = 0; i < n; i++) {
		off[i] = b.len;
		buf_printf(&b, "%zu 0 obj\n%s\nendobj\n", i + 1, obj[i]);
	}
	xref = b.len;
	buf_printf(&b, "xref\n0 %zu\n0000000000 65535 f \n", n + 1);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%010zu 00000 n \n", off[i]);
	buf_printf(&b, "trailer\n<< /Size %zu %s >>\nstartxref\n%zu\n%%%%EOF\n",
	    n + 1, extra, xref);
	free(off);
	*len = b.len;
	return buf_detach(&b);
}

/* pdfmeta's helper: the pass's threads (compression, the merge) on. */
static int helper;

static const struct pdfmeta *
meta(void)
{
	static const char *authors[] = { "Auteur (un)", "Autrice \\ deux" };
	static const char *a[NALTS];
	static struct pdfmeta m;
	size_t	 i;

	for (i = 0; i < NALTS; i++)
		a[i] = alts[i].alt;
	m.title = "Essai (\xc3\xa9t\xc3\xa9) & <co>";
	m.subject = "Sujet";
	m.keywords = NULL;
	m.authors = authors;
	m.nauthors = 2;
	m.lang = "fr-FR";
	m.date = "2016-07-06";
	m.alts = a;
	m.nalts = NALTS;
	m.helper = helper;
	return &m;
}

/*
 * Runs pdfpost() on the bytes p (written to path first).  Returns its
 * result; *kept is set when a refused file was left byte for byte.
 */
static int
run(const char *path, const char *p, size_t n, int *kept)
{
	char	*q;
	size_t	 qn = 0;
	int	 rc;

	if (!spew(path, p, n)) {
		perror(path);
		exit(1);
	}
	rc = pdfpost(path, meta());
	q = slurp(path, &qn);
	*kept = q != NULL && qn == n && memcmp(p, q, n) == 0;
	free(q);
	return rc;
}

/* Hand-written files: each refused (or, when ok is 1, finished). */
static void
handmade_cases(const char *dir)
{
	static const char *base[] = {
		"<< /Type /Catalog /Pages 2 0 R /StructTreeRoot 4 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
		"<< /Type /StructTreeRoot /K [5 0 R] >>",
		"<< /Type /StructElem /S /Figure /P 4 0 R >>",
	};
	static const struct {
		const char	*name;
		int		 obj;	/* replaced object, 1-based; 0 none */
		const char	*body;
		const char	*extra;	/* trailer; NULL: /Root 1 0 R */
		int		 ok;
	} c[] = {
		{ "a figure that contains itself", 5, "<< /Type /StructElem "
		    "/S /Figure /P 4 0 R /K [5 0 R] >>", NULL, 0 },
		{ "a figure given directly, not as an object", 5,
		    "<< /Type /StructElem /S /Sect /K [<< /S /Figure >>] >>",
		    NULL, 0 },
		{ "arrays nested 100000 deep", 5, NULL, NULL, 0 },
		{ "an unterminated string", 5, "<< /S /Figure /T (abc >>",
		    NULL, 0 },
		{ "a catalog that is a Figure", 1, "<< /Type /Catalog "
		    "/S /Figure /Pages 2 0 R /StructTreeRoot 1 0 R >>", NULL,
		    0 },
		{ "a catalog that is not a dictionary", 1, "[ 1 2 3 ]",
		    NULL, 0 },
		{ "a trailer with /Prev", 0, NULL,
		    "/Root 1 0 R /Prev 9", 0 },
		{ "an encrypted file", 0, NULL,
		    "/Root 1 0 R /Encrypt 2 0 R", 0 },
		{ "a /Root that does not exist", 0, NULL, "/Root 77 0 R", 0 },
		{ "an /Info that is not a reference", 0, NULL,
		    "/Root 1 0 R /Info (x)", 0 },
		{ "a structure element with a keyword", 5,
		    "<< /S /Figure /K [ obj ] >>", NULL, 0 },
		{ "a name key missing", 5, "<< /S /Figure 12 >>", NULL, 0 },
	};
	const char	*obj[5];
	char		*p, *path, *deep = NULL, name[160];
	size_t		 i, n, k;
	int		 kept, rc;

	path = xasprintf("%s/hand.pdf", dir);
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		memcpy(obj, base, sizeof(obj));
		if (c[i].obj > 0 && c[i].body != NULL)
			obj[c[i].obj - 1] = c[i].body;
		else if (c[i].obj > 0) {
			struct buf b = { NULL, 0, 0 };

			BUF_PUTSL(&b, "<< /S /Figure /K ");
			for (k = 0; k < 100000; k++)
				buf_putc(&b, '[');
			for (k = 0; k < 100000; k++)
				buf_putc(&b, ']');
			BUF_PUTSL(&b, " >>");
			free(deep);
			deep = buf_detach(&b);
			obj[c[i].obj - 1] = deep;
		}
		p = handmade(obj, 5, c[i].extra != NULL ? c[i].extra :
		    "/Root 1 0 R", &n);
		rc = run(path, p, n, &kept);
		snprintf(name, sizeof(name), "hand-written: %s %s", c[i].name,
		    c[i].ok ? "is finished" : "is refused, left as it was");
		expect(name, c[i].ok ? rc == 1 : rc == 0 && kept);
		free(p);
	}
	free(deep);

	/* The Figures of a tree that doubles at each level: refused long
	 * before 2^40 visits. */
	{
		const char *dag[45];
		char *own[45];

		for (i = 0; i < 45; i++) {
			own[i] = NULL;
			dag[i] = i < 4 ? base[i] : (own[i] = xasprintf(
			    "<< /S /Sect /K [%zu 0 R %zu 0 R] >>", i + 2,
			    i + 2));
		}
		dag[44] = "<< /S /Figure >>";
		p = handmade(dag, 45, "/Root 1 0 R", &n);
		rc = run(path, p, n, &kept);
		expect("hand-written: a structure tree that doubles 40 times "
		    "is refused, left as it was", rc == 0 && kept);
		free(p);
		for (i = 0; i < 45; i++)
			free(own[i]);
	}

	/* A cross-reference stream where cairo writes a table. */
	{
		static const char xs[] = "%PDF-1.5\n1 0 obj\n<< /Type /XRef "
		    "/Size 2 /W [1 2 1] /Root 1 0 R /Length 0 >>\nstream\n"
		    "\nendstream\nendobj\nstartxref\n9\n%%EOF\n";

		rc = run(path, xs, sizeof(xs) - 1, &kept);
		expect("hand-written: a cross-reference stream is refused, "
		    "left as it was", rc == 0 && kept);
	}

	/* No /Info: one is made. */
	p = handmade(base, 5, "/Root 1 0 R", &n);
	free(path);
	path = xasprintf("%s/noinfo.pdf", dir);
	rc = run(path, p, n, &kept);
	expect("hand-written: a file without /Info is finished", rc == 1);
	free(p);
	free(path);
}

/* Truncations and changed bytes of the cairo file: whatever pdfpost()
 * says, it returns, and what it refuses it leaves as it was. */
static void
mutations(const char *dir, const char *raw, size_t n)
{
	static const char pick[] = "()<>[]/09 \n%R-.x";
	char		*path, *p;
	size_t		 i, pos, tries = 0, refused = 0, broken = 0;
	unsigned long	 seed = 12345;
	int		 kept;

	path = xasprintf("%s/mutant.pdf", dir);
	p = xmalloc(n);
	for (i = 0; i < 300; i++) {
		tries++;
		if (run(path, raw, n * i / 300, &kept) == 0) {
			refused++;
			broken += !kept;
		}
	}
	for (i = 0; i < 3000; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		/* Half anywhere, half in the last quarter (the structure
		 * tree, the table, the trailer). */
		pos = (size_t)(seed >> 33) % (i % 2 ? n : n / 4);
		if (i % 2 == 0)
			pos = n - 1 - pos;
		memcpy(p, raw, n);
		p[pos] = pick[(seed >> 20) % (sizeof(pick) - 1)];
		tries++;
		/* One in three with the pass's threads. */
		helper = i % 3 == 0;
		if (run(path, p, n, &kept) == 0) {
			refused++;
			broken += !kept;
		}
	}
	helper = 0;
	printf("# %zu hostile files, %zu refused\n", tries, refused);
	expect("truncated or changed cairo files: no crash, the refused ones "
	    "left as they were", broken == 0 && refused > 0);
	free(p);
	free(path);
}

/*
 * Two halves of pdf.c's cut (the same file twice): merged the same
 * with the pass's threads and without; a second half truncated or
 * changed merged or refused, never a crash, with threads or not.
 */
static void
halves(const char *dir)
{
	static const char pick[] = "()<>[]/09 \n%R-.x";
	char		*raw, *a, *h, *p, *one, *two;
	size_t		 n = 0, n1 = 0, n2 = 0, i, pos, refused = 0, done = 0;
	unsigned long	 seed = 54321;

	raw = xasprintf("%s/half.raw.pdf", dir);
	a = xasprintf("%s/halves.pdf", dir);
	h = xasprintf("%s/halves.pdf.2", dir);
	if (!draw(raw, 1, MARK_OK) || (p = slurp(raw, &n)) == NULL) {
		expect("cairo draws a half", 0);
		return;
	}
	helper = 0;
	spew(a, p, n);
	spew(h, p, n);
	expect("two halves merged and finished", pdfpost_halves(a, h,
	    meta()) == 1);
	one = slurp(a, &n1);
	helper = 1;
	spew(a, p, n);
	expect("two halves merged and finished with the pass's threads",
	    pdfpost_halves(a, h, meta()) == 1);
	two = slurp(a, &n2);
	expect("the same bytes with the pass's threads and without",
	    one != NULL && two != NULL && n1 == n2 &&
	    memcmp(one, two, n1) == 0);
	free(one);
	free(two);
	one = xmalloc(n);
	for (i = 0; i < 600; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		memcpy(one, p, n);
		pos = (size_t)(seed >> 33) % n;
		one[pos] = pick[(seed >> 20) % (sizeof(pick) - 1)];
		helper = i % 2;
		spew(a, p, n);
		spew(h, one, i % 3 == 0 ? n * i / 600 : n);
		if (pdfpost_halves(a, h, meta()) == 1)
			done++;
		else
			refused++;
	}
	helper = 0;
	printf("# %zu second halves changed, %zu refused\n", done + refused,
	    refused);
	expect("second halves truncated or changed: merged or refused, no "
	    "crash", refused > 0);
	free(one);
	free(p);
	free(raw);
	free(a);
	free(h);
}

int
main(int argc, char *argv[])
{
	char	*raw, *fin, *js, *bytes, *again, *v17, *one, *nomark;
	size_t	 n = 0, fn = 0, i;
	int	 kept;
	FILE	*fp;

	if (argc != 2) {
		fprintf(stderr, "usage: unit-pdfpost dir\n");
		return 2;
	}
	raw = xasprintf("%s/roundtrip.raw.pdf", argv[1]);
	fin = xasprintf("%s/roundtrip.pdf", argv[1]);
	js = xasprintf("%s/roundtrip.json", argv[1]);
	expect("cairo draws the tagged test file", draw(raw, 0, MARK_OK));
	bytes = slurp(raw, &n);
	expect("cairo's file is read back", bytes != NULL && n > 0);
	if (bytes == NULL)
		return 1;
	helper = 1;
	expect("pdfpost finishes it with its threads", run(fin, bytes, n,
	    &kept) == 1);
	again = slurp(fin, &fn);
	helper = 0;
	expect("pdfpost finishes it", run(fin, bytes, n, &kept) == 1);
	one = slurp(fin, &i);
	expect("the same bytes with the pass's threads and without",
	    again != NULL && one != NULL && i == fn &&
	    memcmp(again, one, fn) == 0);
	free(again);
	free(one);
	again = slurp(fin, &fn);
	expect("the file is written anew: cairo's header, one "
	    "cross-reference stream, no /Prev, no table",
	    again != NULL && fn > 2048 && memcmp(again, bytes, 15) == 0 &&
	    memmem(again, fn, "/Prev", 5) == NULL &&
	    memmem(again, fn, "\nxref\n", 6) == NULL &&
	    memmem(again, fn, "/Type /XRef", 11) != NULL &&
	    memmem(again, fn, "startxref", 9) ==
	    memmem(again + fn - 2048, 2048, "startxref", 9));
	free(again);
	again = NULL;
	expect("a second pass is refused (the file is finished already), "
	    "the file left as it was", pdfpost(fin, meta()) == 0 &&
	    (again = slurp(fin, &i)) != NULL && i == fn);
	free(again);
	if ((fp = fopen(js, "w")) == NULL) {
		perror(js);
		return 1;
	}
	{
		struct buf js_b = { NULL, 0, 0 };

		buf_putc(&js_b, '[');
		for (i = 0; i < NALTS; i++) {
			if (i > 0)
				buf_putc(&js_b, ',');
			json_str(&js_b, alts[i].want != NULL ?
			    alts[i].want : alts[i].alt);
		}
		BUF_PUTSL(&js_b, "]\n");
		fwrite(js_b.data, 1, js_b.len, fp);
		buf_free(&js_b);
	}
	fclose(fp);

	/* Another PDF version is another cairo's: refused, untouched. */
	again = xmalloc(n);
	memcpy(again, bytes, n);
	memcpy(again, "%PDF-1.7", 8);
	v17 = xasprintf("%s/v17.pdf", argv[1]);
	expect("a PDF 1.7 file (not cairo 1.16's) is refused, left as it was",
	    run(v17, again, n, &kept) == 0 && kept);
	free(v17);
	free(again);

	/* The mark pdf.c draws must never stay in a file: a page whose
	 * content does not begin with it as pdfpost() takes it out is
	 * refused. */
	nomark = xasprintf("%s/nomark.pdf", argv[1]);
	expect("a page without the mark is refused, left as it was",
	    draw(nomark, 0, MARK_NONE) &&
	    (again = slurp(nomark, &i)) != NULL &&
	    run(nomark, again, i, &kept) == 0 && kept);
	free(again);
	again = NULL;
	expect("a page whose mark an element's content follows is refused, "
	    "left as it was", draw(nomark, 0, MARK_ELEM) &&
	    (again = slurp(nomark, &i)) != NULL &&
	    run(nomark, again, i, &kept) == 0 && kept);
	free(again);
	free(nomark);

	handmade_cases(argv[1]);
	mutations(argv[1], bytes, n);
	halves(argv[1]);
	free(bytes);
	free(raw);
	free(fin);
	free(js);
	return failed != 0;
}
