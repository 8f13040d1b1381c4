/*
 * What the tool assumes of the cairo it runs with, checked on that cairo,
 * each failure naming its version: the PDF finishing pass
 * (gen/pdfpost.c) reads only the file layout cairo 1.16 writes (one
 * classic cross-reference table, a trailer with /Size, /Root and /Info,
 * no object streams), and the bytes it writes for the mark pdf.c draws
 * first on each page, which the pass takes out.
 * A newer cairo that breaks it makes this fail loudly, before a build
 * fails with a less helpful message.  And gen/png.c's PNG, read back by
 * cairo's own reader, gives the pixels it was written from.
 * argv[1]: a folder for the PDF.
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
#include "../gen/png.h"	/* not libpng's, first on the path */
#include "tap.h"

/* What pdf.c draws first on a page: the mark pdfpost() takes out, then
 * something outside every element (a rule). */
static void
page_start(cairo_t *cr)
{
	pdfpost_mark(cr, 1);
	cairo_rectangle(cr, 0, 0, 300, 1);
	cairo_fill(cr);
}

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
	page_start(cr);
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
	page_start(cr);
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
	    "trailer /Size /Root /Info, no object stream; the mark on each "
	    "page as it takes it out)",
	    cairo_version_string());
	ok(drawn && pdfpost(path, &m), name, "its message is above");
	free(name);
	free(path);
}

/*
 * An RGB24 image of w × h pixels (text, a gradient, circles: every
 * colour channel varies) through png_write(), which makes the PNG's rows
 * in the surface's own memory for a width over 1, then read back: the
 * same red, green and blue at every pixel.
 */
static void
test_png(int w, int h)
{
	cairo_surface_t	*s, *back;
	cairo_pattern_t	*g;
	cairo_t		*cr;
	struct buf	 b = { NULL, 0, 0 };
	unsigned char	*want, *got;
	uint32_t	 pw, pg;
	char		*name, detail[128] = "";
	int		 x, y, stride, bstride, bad = 0;

	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cr = cairo_create(s);
	g = cairo_pattern_create_linear(0, 0, w, h);
	cairo_pattern_add_color_stop_rgb(g, 0, 0.9, 0.1, 0.3);
	cairo_pattern_add_color_stop_rgb(g, 1, 0.1, 0.6, 0.95);
	cairo_set_source(cr, g);
	cairo_paint(cr);
	cairo_pattern_destroy(g);
	for (x = 0; x < 5; x++) {
		cairo_set_source_rgb(cr, x / 5.0, 1 - x / 7.0, 0.5);
		cairo_arc(cr, w * x / 5.0, h / 2.0, h / 3.0 + 1, 0, 6.3);
		cairo_fill(cr);
	}
	cairo_set_source_rgb(cr, 0.05, 0.05, 0.1);
	cairo_move_to(cr, 2, h - 2);
	cairo_set_font_size(cr, h * 0.8 + 1);
	cairo_show_text(cr, "Réalisée 2016");
	cairo_destroy(cr);
	cairo_surface_flush(s);
	stride = cairo_image_surface_get_stride(s);
	want = xmalloc((size_t)stride * h);
	memcpy(want, cairo_image_surface_get_data(s), (size_t)stride * h);
	name = xasprintf("png_write: a %d x %d RGB24 image read back by "
	    "cairo %s has its pixels", w, h, cairo_version_string());
	if (!png_write(s, &b)) {
		ok(0, name, "png_write() failed");
		goto out;
	}
	back = image_png_surface(b.data, b.len);	/* cairo's reader */
	if (cairo_surface_status(back) != CAIRO_STATUS_SUCCESS ||
	    cairo_image_surface_get_width(back) != w ||
	    cairo_image_surface_get_height(back) != h) {
		ok(0, name, "cairo did not read it back at that size");
		cairo_surface_destroy(back);
		goto out;
	}
	got = cairo_image_surface_get_data(back);
	bstride = cairo_image_surface_get_stride(back);
	for (y = 0; y < h && !bad; y++)
		for (x = 0; x < w && !bad; x++) {
			/* Native-endian xRGB: the x byte is not drawn. */
			memcpy(&pw, want + y * stride + 4 * x, 4);
			memcpy(&pg, got + y * bstride + 4 * x, 4);
			if ((pw & 0xffffff) != (pg & 0xffffff)) {
				snprintf(detail, sizeof(detail),
				    "first differing pixel: (%d, %d)", x, y);
				bad = 1;
			}
		}
	ok(!bad, name, detail);
	cairo_surface_destroy(back);
out:
	free(name);
	free(want);
	buf_free(&b);
	cairo_surface_destroy(s);
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
	/* One pixel wide (written through a copy), two (the least the
	 * rows fit in place), odd sizes, and the social card's. */
	test_png(1, 4);
	test_png(2, 3);
	test_png(7, 5);
	test_png(301, 17);
	test_png(1200, 630);
	return failures != 0;
}
