/*
 * The SVG backend: every chart of an edition as a standalone SVG file,
 * drawn by chart.c on a cairo SVG surface, then repaired with libxml2.
 * cairo names ids from a process-wide counter and repeats glyph ids in
 * every file, and it writes no <title>/<desc>; the repair pass gives each
 * file its own ids in document order (byte-identical output run to run,
 * no collision when a page inlines two charts) and a text alternative.
 * All state is local to a call: each call makes its own font map.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-svg.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "report.h"
#include "extern.h"
#include "backend.h"
#include "font.h"
#include "theme.h"
#include "chart.h"

/* Old id -> new id, in document order. */
struct idmap {
	char	**old;
	char	**new;
	size_t	  n, cap;
};

static const char *
idmap_get(const struct idmap *m, const char *old, size_t len)
{
	size_t	 i;

	for (i = 0; i < m->n; i++)
		if (strlen(m->old[i]) == len &&
		    strncmp(m->old[i], old, len) == 0)
			return m->new[i];
	return NULL;
}

static void
idmap_free(struct idmap *m)
{
	size_t	 i;

	for (i = 0; i < m->n; i++) {
		free(m->old[i]);
		free(m->new[i]);
	}
	free(m->old);
	free(m->new);
}

/* First pass: rename every id, in document order. */
static void
collect_ids(xmlNodePtr n, struct idmap *m, const char *prefix)
{
	xmlChar	*id;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if ((id = xmlGetProp(n, (const xmlChar *)"id")) != NULL) {
			if (idmap_get(m, (char *)id, strlen((char *)id)) ==
			    NULL) {
				if (m->n == m->cap) {
					m->cap = m->cap ? m->cap * 2 : 64;
					m->old = xreallocarray(m->old, m->cap,
					    sizeof(*m->old));
					m->new = xreallocarray(m->new, m->cap,
					    sizeof(*m->new));
				}
				m->old[m->n] = xstrdup((char *)id);
				m->new[m->n] = xasprintf("%s-g%zu", prefix,
				    m->n + 1);
				m->n++;
			}
			xmlSetProp(n, (const xmlChar *)"id",
			    (const xmlChar *)idmap_get(m, (char *)id,
			    strlen((char *)id)));
			xmlFree(id);
		}
		collect_ids(n->children, m, prefix);
	}
}

/* "url(#a) … url(#b)" with each id mapped; NULL if nothing changed. */
static char *
map_urls(const char *v, const struct idmap *m)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*p = v, *s, *e, *nw;
	int		 changed = 0;

	while ((s = strstr(p, "url(#")) != NULL) {
		s += 5;
		if ((e = strchr(s, ')')) == NULL)
			break;
		buf_put(&b, p, (size_t)(s - p));
		if ((nw = idmap_get(m, s, (size_t)(e - s))) != NULL) {
			buf_puts(&b, nw);
			changed = 1;
		} else
			buf_put(&b, s, (size_t)(e - s));
		p = e;
	}
	if (!changed) {
		buf_free(&b);
		return NULL;
	}
	buf_puts(&b, p);
	return buf_detach(&b);
}

/* Second pass: every reference (href="#id", url(#id)) follows. */
static void
map_refs(xmlNodePtr n, const struct idmap *m)
{
	xmlAttrPtr	 a;
	xmlChar		*v;
	const char	*nw;
	char		*t;

	for (; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		for (a = n->properties; a != NULL; a = a->next) {
			if ((v = xmlNodeGetContent((xmlNodePtr)a)) == NULL)
				continue;
			t = NULL;
			if (strcmp((const char *)a->name, "href") == 0 &&
			    v[0] == '#' && (nw = idmap_get(m, (char *)v + 1,
			    strlen((char *)v + 1))) != NULL)
				t = xasprintf("#%s", nw);
			else if (strstr((char *)v, "url(#") != NULL)
				t = map_urls((char *)v, m);
			if (t != NULL) {
				xmlNodeSetContent((xmlNodePtr)a,
				    (const xmlChar *)t);
				free(t);
			}
			xmlFree(v);
		}
		map_refs(n->children, m);
	}
}

int
svg_repair(struct buf *out, const char *svg, size_t len, const char *prefix,
    const char *title, const char *desc)
{
	xmlDocPtr	 doc = NULL;
	xmlNodePtr	 root, tn, dn;
	xmlChar		*mem = NULL, *w, *h;
	struct idmap	 m = { NULL, NULL, 0, 0 };
	char		*s;
	int		 size = 0, rc = 0;

	if (len > (size_t)0x7fffffff)
		goto out;
	/* No network, no entities; cairo's own text needs nothing else.
	 * Errors are not reported: the caller says the chart failed. */
	doc = xmlReadMemory(svg, (int)len, "chart.svg", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL ||
	    strcmp((const char *)root->name, "svg") != 0)
		goto out;
	collect_ids(root, &m, prefix);
	map_refs(root, &m);

	xmlSetProp(root, (const xmlChar *)"role", (const xmlChar *)"img");
	s = xasprintf("%s-title %s-desc", prefix, prefix);
	xmlSetProp(root, (const xmlChar *)"aria-labelledby",
	    (const xmlChar *)s);
	free(s);
	if (!xmlHasProp(root, (const xmlChar *)"viewBox") &&
	    (w = xmlGetProp(root, (const xmlChar *)"width")) != NULL &&
	    (h = xmlGetProp(root, (const xmlChar *)"height")) != NULL) {
		s = xasprintf("0 0 %g %g", strtod((char *)w, NULL),
		    strtod((char *)h, NULL));
		xmlSetProp(root, (const xmlChar *)"viewBox",
		    (const xmlChar *)s);
		free(s);
		xmlFree(w);
		xmlFree(h);
	}

	/* <title> then <desc>, first children of the root. */
	tn = xmlNewDocNode(doc, root->ns, (const xmlChar *)"title", NULL);
	xmlNodeAddContent(tn, (const xmlChar *)title);
	s = xasprintf("%s-title", prefix);
	xmlSetProp(tn, (const xmlChar *)"id", (const xmlChar *)s);
	free(s);
	dn = xmlNewDocNode(doc, root->ns, (const xmlChar *)"desc", NULL);
	xmlNodeAddContent(dn, (const xmlChar *)desc);
	s = xasprintf("%s-desc", prefix);
	xmlSetProp(dn, (const xmlChar *)"id", (const xmlChar *)s);
	free(s);
	if (root->children != NULL)
		xmlAddPrevSibling(root->children, tn);
	else
		xmlAddChild(root, tn);
	xmlAddNextSibling(tn, dn);

	xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
	if (mem == NULL)
		goto out;
	buf_put(out, mem, (size_t)size);
	rc = 1;
out:
	xmlFree(mem);
	xmlFreeDoc(doc);
	idmap_free(&m);
	return rc;
}

static cairo_status_t
write_buf(void *closure, const unsigned char *data, unsigned int len)
{
	buf_put(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* What one SVG document shows. */
enum doc_kind {
	DOC_INDICATOR,
	DOC_STATUS,
	DOC_PROGRESS,
	DOC_SHEET
};

struct job {
	enum doc_kind		 kind;
	const struct report	*r;
	const struct edition	*e;
	const struct indicator	*ind;
	int			 year;
	int			 draft;
	const char		*title;
};

/* Draws a job on an SVG surface of w x h [pt] into raw (cairo's text). */
static int
render(struct buf *raw, PangoContext *pc, const struct job *j, double w,
    double h)
{
	cairo_surface_t	*s;
	cairo_t		*cr;
	double		 y = 0;
	int		 rc;

	s = cairo_svg_surface_create_for_stream(write_buf, raw, w, h);
	cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
	cr = cairo_create(s);
	if (j->kind != DOC_SHEET) {
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_paint(cr);
		y = chart_draw_heading(cr, pc, j->title, w);
		cairo_translate(cr, 0, y);
	}
	switch (j->kind) {
	case DOC_INDICATOR:
		chart_draw(cr, pc, j->ind, j->year, w, h - y);
		break;
	case DOC_STATUS:
		chart_draw_status(cr, pc, j->r, j->e, w, h - y);
		break;
	case DOC_PROGRESS:
		chart_draw_progress(cr, pc, j->r, j->e, w, h - y);
		break;
	case DOC_SHEET:
		chart_draw_sheet(cr, pc, j->r, j->e, j->draft);
		break;
	default:
		abort();
	}
	rc = cairo_status(cr) == CAIRO_STATUS_SUCCESS;
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		rc = 0;
	cairo_surface_destroy(s);
	return rc;
}

/* Renders and repairs one document into out. */
static int
document(struct buf *out, PangoContext *pc, const struct job *j,
    const char *prefix, const char *desc)
{
	struct buf	 raw = { NULL, 0, 0 };
	double		 w = CHART_WIDTH, h;
	int		 rc = 0;

	switch (j->kind) {
	case DOC_INDICATOR:
		h = chart_height(j->ind, j->year, w);
		break;
	case DOC_STATUS:
		h = chart_height_status(j->r, j->e, w);
		break;
	case DOC_PROGRESS:
		h = chart_height_progress(j->r, j->e, w);
		break;
	case DOC_SHEET:
		w = CHART_SHEET_WIDTH;
		h = CHART_SHEET_HEIGHT;
		break;
	default:
		abort();
	}
	if (j->kind != DOC_SHEET)
		h += chart_heading_height(pc, j->title, w);
	if (!render(&raw, pc, j, w, h))
		goto out;
	if (!svg_repair(out, raw.data, raw.len, prefix, j->title, desc))
		goto out;
	rc = 1;
out:
	buf_free(&raw);
	return rc;
}

int
svg_chart(struct buf *out, PangoContext *pc, const struct indicator *ind,
    int year)
{
	struct job	 j;
	char		*title, *desc, *prefix;
	int		 rc;

	memset(&j, 0, sizeof(j));
	j.kind = DOC_INDICATOR;
	j.ind = ind;
	j.year = year;
	j.title = title = chart_title(ind, year);
	desc = chart_desc(ind, year);
	prefix = xasprintf("%s-%s", ind->measure->id, ind->id);
	rc = document(out, pc, &j, prefix, desc);
	free(title);
	free(desc);
	free(prefix);
	return rc;
}

/* Renders a job and writes it to rel. */
static int
emit(struct outdir *od, PangoContext *pc, const struct job *j,
    const char *prefix, const char *desc, const char *rel)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 rc = 0;

	if (!document(&b, pc, j, prefix, desc)) {
		diag_sys("%s: cannot draw the chart", rel);
		goto out;
	}
	rc = out_write(od, rel, b.data, b.len);
out:
	buf_free(&b);
	return rc;
}

int
svg_edition(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od)
{
	PangoFontMap	*fm;
	PangoContext	*pc;
	struct buf	 b = { NULL, 0, 0 };
	struct job	 j;
	const struct indicator *ind;
	static const struct {
		enum doc_kind	 kind;
		const char	*prefix;	/* of its ids */
		const char	*file;		/* DOC_SHEET: named by year */
		char		*(*title)(const struct report *,
				    const struct edition *);
		char		*(*desc)(const struct report *,
				    const struct edition *);
	} docs[] = {
		{ DOC_STATUS, "statuts", CHART_FILE_STATUS,
		    chart_title_status, chart_desc_status },
		{ DOC_PROGRESS, "progression", CHART_FILE_PROGRESS,
		    chart_title_progress, chart_desc_progress },
		{ DOC_SHEET, "synthese", NULL,
		    chart_title_sheet, chart_desc_sheet },
	};
	char		*file, *rel, *title = NULL, *desc = NULL;
	size_t		 i, k;
	int		 rc = 0;

	if (!theme_load(o->styles))
		return 0;
	fm = font_map_new();
	pc = font_context(fm);

	for (i = 0; i < r->plan.nmeasures; i++)
		for (k = 0; k < r->plan.measures[i].ninds; k++) {
			ind = &r->plan.measures[i].inds[k];
			file = chart_file(ind);
			rel = xasprintf("%d/%s", e->year, file);
			buf_reset(&b);
			if (!svg_chart(&b, pc, ind, e->year)) {
				diag_sys("%s: cannot draw the chart", rel);
				rc = 0;
			} else
				rc = out_write(od, rel, b.data, b.len);
			free(file);
			free(rel);
			if (!rc)
				goto out;
		}

	memset(&j, 0, sizeof(j));
	j.r = r;
	j.e = e;
	j.year = e->year;
	j.draft = e->draft || o->draft;

	/* The edition's own charts: status, progress, synthesis sheet. */
	for (k = 0; k < sizeof(docs) / sizeof(docs[0]); k++) {
		j.kind = docs[k].kind;
		j.title = title = docs[k].title(r, e);
		desc = docs[k].desc(r, e);
		rel = docs[k].kind == DOC_SHEET ?
		    xasprintf("%d/synthese-%d.svg", e->year, e->year) :
		    xasprintf("%d/%s", e->year, docs[k].file);
		rc = emit(od, pc, &j, docs[k].prefix, desc, rel);
		free(rel);
		free(title);
		free(desc);
		title = desc = NULL;
		if (!rc)
			goto out;
	}
out:
	free(title);
	free(desc);
	buf_free(&b);
	g_object_unref(pc);
	g_object_unref(fm);
	return rc;
}
