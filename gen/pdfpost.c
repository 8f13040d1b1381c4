/*
 * The finishing pass over the PDF that cairo wrote, with libqpdf's C API:
 * what cairo 1.16 cannot write itself (STACK.md §5.1).
 *  - /Lang and /ViewerPreferences << /DisplayDocTitle true >> in the
 *    catalog, an XMP metadata stream (title, authors, language, dates,
 *    PDF/UA identifier);
 *  - the information dictionary's dates in PDF form ("D:…", which cairo
 *    leaves out) and a producer that does not change with the cairo
 *    version;
 *  - a trailer /ID derived from the content (qpdf's deterministic ID), so
 *    two builds of the same content give the same bytes.
 * The file is rewritten beside itself and renamed over the original.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qpdf/qpdf-c.h>

#include "report.h"
#include "extern.h"
#include "backend.h"

/* Appends s to b, escaped for XML text. */
static void
xml_text(struct buf *b, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '&':
			BUF_PUTSL(b, "&amp;");
			break;
		case '<':
			BUF_PUTSL(b, "&lt;");
			break;
		case '>':
			BUF_PUTSL(b, "&gt;");
			break;
		default:
			buf_putc(b, *s);
			break;
		}
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
	xml_text(b, m->title);
	BUF_PUTSL(b, "</rdf:li></rdf:Alt></dc:title>\n<dc:creator><rdf:Seq>");
	for (i = 0; i < m->nauthors; i++) {
		BUF_PUTSL(b, "<rdf:li>");
		xml_text(b, m->authors[i]);
		BUF_PUTSL(b, "</rdf:li>");
	}
	BUF_PUTSL(b, "</rdf:Seq></dc:creator>\n");
	if (m->subject != NULL) {
		BUF_PUTSL(b, "<dc:description><rdf:Alt><rdf:li "
		    "xml:lang=\"x-default\">");
		xml_text(b, m->subject);
		BUF_PUTSL(b, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	BUF_PUTSL(b, "<dc:language><rdf:Bag><rdf:li>");
	xml_text(b, m->lang);
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
		xml_text(b, m->keywords);
		BUF_PUTSL(b, "</pdf:Keywords>\n");
	}
	BUF_PUTSL(b, "<pdfuaid:part>1</pdfuaid:part>\n"
	    "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>\n");
}

/*
 * Gives each Figure structure element, in document order (depth first, as
 * cairo wrote the tree in drawing order), its alternative text.
 */
static void
figure_alts(qpdf_data q, qpdf_oh node, const struct pdfmeta *m, size_t *k,
    int depth)
{
	int	 i, n;

	if (depth > 64)
		return;
	if (qpdf_oh_is_array(q, node)) {
		n = qpdf_oh_get_array_n_items(q, node);
		for (i = 0; i < n; i++)
			figure_alts(q, qpdf_oh_get_array_item(q, node, i), m, k,
			    depth + 1);
		return;
	}
	if (!qpdf_oh_is_dictionary(q, node))
		return;
	if (qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, node, "/S"),
	    "/Figure") && *k < m->nalts)
		qpdf_oh_replace_key(q, node, "/Alt",
		    qpdf_oh_new_unicode_string(q, m->alts[(*k)++]));
	if (qpdf_oh_has_key(q, node, "/K"))
		figure_alts(q, qpdf_oh_get_key(q, node, "/K"), m, k, depth + 1);
}

/* Reports qpdf's pending error, if any.  Returns 1 if there was one. */
static int
failed(qpdf_data q, const char *path)
{
	qpdf_error	 e;

	if (!qpdf_has_error(q))
		return 0;
	e = qpdf_get_error(q);
	diag_sys("%s: %s", path, qpdf_get_error_full_text(q, e));
	return 1;
}

int
pdfpost(const char *path, const struct pdfmeta *m)
{
	qpdf_data	 q;
	qpdf_oh		 root, info, prefs, xmp, dict, trailer;
	struct buf	 x = { NULL, 0, 0 };
	char		*tmp, date[32];
	int		 rc = 0, y, mo, d;
	size_t		 nfig = 0;

	tmp = xasprintf("%s.post", path);
	q = qpdf_init();
	qpdf_silence_errors(q);
	if (qpdf_read(q, path, NULL) & QPDF_ERRORS) {
		failed(q, path);
		goto out;
	}
	if (sscanf(m->date, "%4d-%2d-%2d", &y, &mo, &d) != 3)
		y = 1970, mo = d = 1;
	snprintf(date, sizeof(date), "D:%04d%02d%02d000000Z", y, mo, d);

	root = qpdf_get_root(q);
	qpdf_oh_replace_key(q, root, "/Lang",
	    qpdf_oh_new_unicode_string(q, m->lang));
	prefs = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, prefs, "/DisplayDocTitle",
	    qpdf_oh_new_bool(q, QPDF_TRUE));
	qpdf_oh_replace_key(q, root, "/ViewerPreferences", prefs);

	if (qpdf_oh_has_key(q, root, "/StructTreeRoot"))
		figure_alts(q, qpdf_oh_get_key(q, root, "/StructTreeRoot"), m,
		    &nfig, 0);

	xmp_packet(&x, m);
	xmp = qpdf_oh_new_stream(q);
	qpdf_oh_replace_stream_data(q, xmp, (const unsigned char *)x.data,
	    x.len, qpdf_oh_new_null(q), qpdf_oh_new_null(q));
	dict = qpdf_oh_get_dict(q, xmp);
	qpdf_oh_replace_key(q, dict, "/Type", qpdf_oh_new_name(q, "/Metadata"));
	qpdf_oh_replace_key(q, dict, "/Subtype", qpdf_oh_new_name(q, "/XML"));
	qpdf_oh_replace_key(q, root, "/Metadata",
	    qpdf_make_indirect_object(q, xmp));

	trailer = qpdf_get_trailer(q);
	info = qpdf_oh_get_key(q, trailer, "/Info");
	if (!qpdf_oh_is_dictionary(q, info)) {
		info = qpdf_make_indirect_object(q, qpdf_oh_new_dictionary(q));
		qpdf_oh_replace_key(q, trailer, "/Info", info);
	}
	qpdf_oh_replace_key(q, info, "/CreationDate",
	    qpdf_oh_new_string(q, date));
	qpdf_oh_replace_key(q, info, "/ModDate", qpdf_oh_new_string(q, date));
	qpdf_oh_replace_key(q, info, "/Producer",
	    qpdf_oh_new_string(q, PROGNAME " " VERSION));
	if (failed(q, path))
		goto out;

	if (qpdf_init_write(q, tmp) & QPDF_ERRORS) {
		failed(q, tmp);
		goto out;
	}
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	qpdf_set_object_stream_mode(q, qpdf_o_preserve);
	qpdf_set_stream_data_mode(q, qpdf_s_preserve);
	if (qpdf_write(q) & QPDF_ERRORS) {
		failed(q, tmp);
		goto out;
	}
	if (rename(tmp, path) == -1) {
		diag_sys("%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 1;
out:
	if (!rc)
		remove(tmp);
	qpdf_cleanup(&q);
	buf_free(&x);
	free(tmp);
	return rc;
}
