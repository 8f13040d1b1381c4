/*
 * What the tool assumes of the cairo it runs with, checked on that cairo,
 * each failure naming its version: the PDF finishing pass
 * (gen/pdfpost.c) reads only the file layout cairo 1.16 writes (one
 * classic cross-reference table, a trailer with /Size, /Root and /Info,
 * no object streams).
 * favicon.c writes PNG files the way cairo does, to the byte.
 * A newer cairo that breaks it makes this fail loudly, before a build
 * fails with a less helpful message.  argv[1]: a folder for the PDF.
 * Prints "ok - NAME" or "not ok - NAME" lines, the way tests/run.sh
 * counts them.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "report.h"
#include "extern.h"
#include "backend.h"
#include "tap.h"

/* A tagged PDF with what pdf.c writes (metadata, outline, page labels,
 * structure, links to a named destination, a figure), then the
 * finishing pass over it. */
static void
test_pdf(const char *dir)
{
	static const char *authors[] = { "Autrice" };
	static const char *alts[] = { "Un graphique" };
	struct pdfmeta	 m;
	cairo_surface_t	*s;
	cairo_t		*cr;
	char		*path, *name;
	int		 drawn;

	path = xasprintf("%s/cairo.pdf", dir);
	s = cairo_pdf_surface_create(path, 300, 400);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "Essai");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
	    "Autrice");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, "Sujet");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_KEYWORDS, "a, b");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    PROGNAME);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE,
	    "2016-07-06T00:00:00Z");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE,
	    "2016-07-06T00:00:00Z");
	cairo_pdf_surface_set_page_label(s, "i");
	cr = cairo_create(s);
	cairo_tag_begin(cr, "Document", "");
	cairo_tag_begin(cr, "H1", "");
	cairo_move_to(cr, 50, 40);
	cairo_show_text(cr, "Titre");
	cairo_tag_end(cr, "H1");
	cairo_tag_begin(cr, CAIRO_TAG_LINK, "rect=[50 50 40 12] dest='m01'");
	cairo_move_to(cr, 50, 60);
	cairo_show_text(cr, "Lien");
	cairo_tag_end(cr, CAIRO_TAG_LINK);
	cairo_show_page(cr);
	cairo_pdf_surface_set_page_label(s, "1");
	cairo_tag_begin(cr, CAIRO_TAG_DEST, "name='m01' x=0 y=0");
	cairo_tag_end(cr, CAIRO_TAG_DEST);
	cairo_tag_begin(cr, "P", "");
	cairo_move_to(cr, 50, 40);
	cairo_show_text(cr, "Texte");
	cairo_tag_end(cr, "P");
	cairo_tag_begin(cr, "Figure", "");
	cairo_rectangle(cr, 50, 60, 100, 50);
	cairo_fill(cr);
	cairo_tag_end(cr, "Figure");
	cairo_tag_end(cr, "Document");
	cairo_pdf_surface_add_outline(s, CAIRO_PDF_OUTLINE_ROOT, "Mesure 1",
	    "dest='m01'", 0);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	drawn = cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
	cairo_surface_destroy(s);
	name = xasprintf("cairo %s draws a tagged PDF", cairo_version_string());
	ok(drawn, name, NULL);
	free(name);

	memset(&m, 0, sizeof(m));
	m.title = "Essai";
	m.subject = "Sujet";
	m.keywords = "a, b";
	m.authors = authors;
	m.nauthors = 1;
	m.lang = "fr-FR";
	m.date = "2016-07-06";
	m.alts = alts;
	m.nalts = 1;
	name = xasprintf("cairo %s writes the PDF layout the finishing pass "
	    "reads (gen/pdfpost.c: one classic cross-reference table, "
	    "trailer /Size /Root /Info, no object stream)",
	    cairo_version_string());
	ok(drawn && pdfpost(path, &m), name, "its message is above");
	free(name);
	free(path);
}

static cairo_status_t
png_put(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* An image of w × h: kind 0 noise with any alpha (some pixels fully
 * transparent), 1 opaque noise, 2 shapes drawn by cairo (antialiased
 * edges on a transparent ground), 3 the same on an opaque ground.  Rows
 * of noise and smooth rows alternate, so that each filter wins some. */
static cairo_surface_t *
png_image(int w, int h, int kind, unsigned *seed)
{
	cairo_surface_t	*s;
	cairo_t		*cr;
	unsigned char	*d;
	uint32_t	 px;
	unsigned	 a, c[3], i;
	int		 x, y;

	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
	if (kind >= 2) {
		cr = cairo_create(s);
		if (kind == 3) {
			cairo_set_source_rgb(cr, 0.2, 0.4, 0.9);
			cairo_paint(cr);
		}
		cairo_set_source_rgba(cr, 0.9, 0.5, 0.1, 0.7);
		cairo_arc(cr, w / 2.0, h / 2.0, w / 3.0, 0, 6.2832);
		cairo_fill(cr);
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_rectangle(cr, w / 7.0, h / 5.0, w / 4.3, h / 2.1);
		cairo_fill(cr);
		cairo_destroy(cr);
		return s;
	}
	cairo_surface_flush(s);
	d = cairo_image_surface_get_data(s);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			*seed = *seed * 1103515245u + 12345u;
			a = kind == 1 ? 255 : (*seed >> 16) % 7 == 0 ? 0 :
			    (*seed >> 8) & 0xff;
			for (i = 0; i < 3; i++) {
				*seed = *seed * 1103515245u + 12345u;
				c[i] = y % 3 == 0 ? (*seed >> 16) % (a + 1) :
				    (unsigned)x * a / (unsigned)w;
			}
			px = a << 24 | c[0] << 16 | c[1] << 8 | c[2];
			memcpy(d + y * cairo_image_surface_get_stride(s) +
			    4 * x, &px, 4);
		}
	cairo_surface_mark_dirty(s);
	return s;
}

/* favicon.c writes the icon's PNG itself: the bytes this cairo writes. */
static void
test_png(void)
{
	static const int sizes[][2] = {
		{ 32, 32 }, { 180, 180 }, { 1, 1 }, { 37, 23 }, { 300, 300 },
	};
	struct buf	 mine = { NULL, 0, 0 }, theirs = { NULL, 0, 0 };
	cairo_surface_t	*s;
	unsigned	 seed = 1;
	size_t		 i, same = 0, n = 0;
	int		 kind;
	char		*name, *detail = NULL;

	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		for (kind = 0; kind < 4; kind++) {
			s = png_image(sizes[i][0], sizes[i][1], kind, &seed);
			buf_reset(&mine);
			buf_reset(&theirs);
			if (favicon_png(&mine, s) &&
			    cairo_surface_write_to_png_stream(s, png_put,
			    &theirs) == CAIRO_STATUS_SUCCESS &&
			    mine.len == theirs.len &&
			    memcmp(mine.data, theirs.data, mine.len) == 0)
				same++;
			else if (detail == NULL)
				detail = xasprintf("%dx%d, kind %d: %zu bytes, "
				    "cairo's %zu", sizes[i][0], sizes[i][1],
				    kind, mine.len, theirs.len);
			n++;
			cairo_surface_destroy(s);
		}
	name = xasprintf("favicon.c writes the PNG bytes cairo %s writes "
	    "(%zu of %zu images: noise, opaque, drawn; 1 to 300 px, "
	    "several IDAT chunks)", cairo_version_string(), same, n);
	ok(same == n, name, detail);
	free(name);
	free(detail);
	buf_free(&mine);
	buf_free(&theirs);
}

int
main(int argc, char *argv[])
{
	if (argc != 2) {
		fprintf(stderr, "usage: unit-cairo dir\n");
		return 2;
	}
	printf("# cairo %s at run time, %s at build time\n",
	    cairo_version_string(), CAIRO_VERSION_STRING);
	test_pdf(argv[1]);
	test_png();
	return failures != 0;
}
