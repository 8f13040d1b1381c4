/*
 * The HTML backend: a static site per edition, plus the list of editions.
 *
 *   out/index.html                     the editions, newest first
 *   out/assets/{theme,site}.css        for out/index.html
 *   out/sitemap.xml                    with --base-url only
 *   out/<year>/index.html              the dashboard
 *   out/<year>/priorite-N.html         one page per priority
 *   out/<year>/mesure-NN.html          one page per measure
 *   out/<year>/<slug>.html             front and back matter
 *   out/<year>/donnees.html            the data: columns, indicators
 *   out/<year>/data/indicateurs-<year>.csv
 *   out/<year>/assets/{theme,site}.css
 *   out/<year>/img/                    images of the narratives (PNG)
 *
 * The charts are the SVG files svg.c writes (charts/…), shown with <img>
 * and the text alternative chart.c writes for them, then their numbers as
 * a table.  Every link is relative, so an edition folder works from any
 * place and from file://.  Pages carry no script, and a Content Security
 * Policy that forbids them.  Everything from the content is escaped
 * (html_esc.c); raw HTML in the narratives is shown as text.
 *
 * Nothing here keeps state between calls: editions are built on several
 * threads at once.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "backend.h"
#include "chart.h"

#define NBSP	"\xc2\xa0"	/* U+00A0, before ':' */
#define NNBSP	"\xe2\x80\xaf"	/* U+202F, before ';', '!', '?' */

/* Content Security Policy of every page: own style sheets and images
 * only, no script of any kind, no plug-ins, no forms. */
#define CSP	"default-src 'none'; style-src 'self'; img-src 'self'; " \
		"base-uri 'none'; form-action 'none'"

/* A page being written. */
struct page {
	struct buf	 b;
	const struct report *r;
	const struct edition *e;	/* NULL: a page of out/ itself */
	const struct opts *o;
	struct outdir	*od;
	const char	*name;		/* file within its folder */
	int		 nimg;		/* images copied for this page */
	int		 nsec;		/* h2 of the narrative so far */
	int		 ok;		/* 0 after an I/O error */
};

/* One step of a breadcrumb; href NULL for the current page. */
struct crumb {
	const char	*href;
	const char	*label;
};

/* A status change between two editions, worst to best: enum order. */

static const char *const change_text[CHANGE__MAX] = {
	"Appréciation inchangée",	/* CHANGE_SAME */
	"Appréciation en progrès",	/* CHANGE_BETTER */
	"Appréciation en recul",	/* CHANGE_WORSE */
	"Appréciation modifiée",	/* CHANGE_OTHER */
};

static const char *const change_class[CHANGE__MAX] = {
	"same",		/* CHANGE_SAME */
	"better",	/* CHANGE_BETTER */
	"worse",	/* CHANGE_WORSE */
	"other",	/* CHANGE_OTHER */
};

/* The columns of the CSV file, documented on donnees.html. */
static const struct {
	const char	*name;
	const char	*what;
} csv_cols[] = {
	{ "edition", "Année de l’édition du rapport." },
	{ "mesure", "Numéro de la mesure dans le plan." },
	{ "indicateur", "Identifiant de l’indicateur, unique pour la "
	    "mesure." },
	{ "libelle", "Libellé de l’indicateur." },
	{ "categorie", "Identifiant de la catégorie (ventilation), vide "
	    "pour un indicateur sans catégories." },
	{ "categorie_libelle", "Libellé de la catégorie, vide sinon." },
	{ "annee", "Année de la valeur." },
	{ "valeur", "Valeur, en notation internationale" NBSP ": point "
	    "décimal, sans séparateur de milliers." },
	{ "unite", "Unité de la valeur (%, €, personnes…)." },
	{ "illustratif", "«" NNBSP "oui" NNBSP "» si la valeur n’est pas "
	    "issue d’une "
	    "source publiée et n’est donnée qu’à titre illustratif, "
	    "«" NNBSP "non" NNBSP "» sinon." },
	{ "remarque", "Précision sur la valeur (ordre de grandeur…), "
	    "vide sinon." },
	{ "source", "Source de l’indicateur." },
};

/* ---- writing ---- */

#define PUTSL(p, lit)	BUF_PUTSL(&(p)->b, lit)

static void
puts_(struct page *p, const char *s)
{
	buf_puts(&p->b, s);
}

static void __attribute__((format(printf, 2, 3)))
pf(struct page *p, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vprintf(&p->b, fmt, ap);
	va_end(ap);
}

/* Text from the content, escaped. */
static void
txt(struct page *p, const char *s)
{
	html_esc_text(&p->b, s);
}

static void
attr(struct page *p, const char *s)
{
	html_esc_attr(&p->b, s);
}

static int
is_draft(const struct page *p)
{
	return p->o->draft || (p->e != NULL && p->e->draft);
}

static void
measure_file(char *buf, size_t sz, const struct measure *m)
{
	snprintf(buf, sz, "mesure-%02d.html", m->number);
}

static void
priority_file(char *buf, size_t sz, const struct priority *pr)
{
	snprintf(buf, sz, "priorite-%d.html", pr->number);
}

/* The style sheets as they were when the tool was built (style_data.c,
 * made by the Makefile from styles/). */
extern const char	 style_theme_css[], style_site_css[];
extern const size_t	 style_theme_css_len, style_site_css_len;

/* Copies the style sheets into dir ("2016/assets" or "assets"): those
 * of the styles folder, or the built-in ones where it has none. */
static int
write_assets(const struct opts *o, struct outdir *od, const char *dir)
{
	const struct {
		const char	*name;
		const char	*data;
		size_t		 len;
	} files[] = {
		{ "theme.css", style_theme_css, style_theme_css_len },
		{ "site.css", style_site_css, style_site_css_len },
	};
	struct buf	 b = { NULL, 0, 0 };
	char		*src, *dst;
	size_t		 i;
	int		 rc = 1;

	for (i = 0; i < sizeof(files) / sizeof(files[0]) && rc; i++) {
		src = xasprintf("%s/%s", o->styles, files[i].name);
		dst = xasprintf("%s/%s", dir, files[i].name);
		if (access(src, F_OK) == -1)
			rc = out_write(od, dst, files[i].data, files[i].len);
		else
			rc = file_read_sys(src, MAX_FILE_SIZE, &b) &&
			    out_write(od, dst, b.data, b.len);
		free(src);
		free(dst);
	}
	buf_free(&b);
	return rc;
}

/* The public address of rel, from --base-url: caller frees. */
static char *
public_url(const struct opts *o, const char *rel)
{
	size_t	 n = strlen(o->base_url);

	while (n > 0 && o->base_url[n - 1] == '/')
		n--;
	return xasprintf("%.*s/%s", (int)n, o->base_url, rel);
}

static void
badge(struct page *p, enum status st)
{
	pf(p, "<span class=\"badge badge-%s\"><span class=\"badge-icon\" "
	    "aria-hidden=\"true\"></span>", status_code[st]);
	txt(p, status_label[st]);
	PUTSL(p, "</span>");
}


/*
 * The top of a page: head, skip link, masthead with the main navigation,
 * then the breadcrumb (ncrumbs may be 0) and the opening of <main>.
 * title names the page; the edition is added.  cur is the file of the
 * navigation entry to mark as the current section, or NULL.
 */
static void
page_begin(struct page *p, const char *title, const char *cur,
    const struct crumb *crumbs, size_t ncrumbs)
{
	const struct report *r = p->r;
	const struct edition *e = p->e;
	const char	*up = e != NULL ? "../" : "";
	char		 file[64], *url, *rel;
	size_t		 i;

	PUTSL(p, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n"
	    "<meta http-equiv=\"Content-Security-Policy\" content=\""
	    CSP "\">\n<title>");
	txt(p, title);
	if (e != NULL)
		pf(p, " — Rapport d’évaluation %d", e->year);
	PUTSL(p, " — ");
	txt(p, r->plan.short_title);
	PUTSL(p, "</title>\n");
	if (p->o->base_url != NULL) {
		rel = e != NULL ? xasprintf("%d/%s", e->year, p->name) :
		    xstrdup(p->name);
		url = public_url(p->o, rel);
		PUTSL(p, "<link rel=\"canonical\" href=\"");
		html_esc_href(&p->b, url);
		PUTSL(p, "\">\n");
		free(url);
		free(rel);
	}
	PUTSL(p, "<link rel=\"stylesheet\" href=\"assets/theme.css\">\n"
	    "<link rel=\"stylesheet\" href=\"assets/site.css\">\n"
	    "</head>\n");
	pf(p, "<body%s>\n", is_draft(p) ? " class=\"draft\"" : "");
	PUTSL(p, "<a class=\"skip\" href=\"#contenu\">Aller au contenu</a>\n"
	    "<header class=\"masthead\">\n<div class=\"wrap masthead-in\">\n");
	PUTSL(p, "<a class=\"brand\" href=\"index.html\">"
	    "<span class=\"brand-name\">");
	txt(p, r->plan.short_title);
	PUTSL(p, "</span><span class=\"brand-sub\">");
	if (e != NULL)
		pf(p, "Rapport d’évaluation %d", e->year);
	else
		PUTSL(p, "Rapports d’évaluation");
	PUTSL(p, "</span></a>\n</div>\n");
	if (e != NULL) {
		PUTSL(p, "<nav class=\"mainnav\" aria-label=\"Rubriques\">"
		    "<ul class=\"wrap\">\n");
		pf(p, "<li><a href=\"index.html\"%s>Tableau de bord</a></li>\n",
		    cur != NULL && strcmp(cur, "index.html") == 0 ?
		    " aria-current=\"page\"" : "");
		for (i = 0; i < r->plan.nprios; i++) {
			priority_file(file, sizeof(file), &r->plan.prios[i]);
			pf(p, "<li><a href=\"%s\"%s>Priorité%s", file,
			    cur == NULL || strcmp(cur, file) != 0 ? "" :
			    strcmp(cur, p->name) == 0 ?
			    " aria-current=\"page\"" : " class=\"active\"",
			    NBSP);
			txt(p, r->plan.prios[i].id);
			PUTSL(p, "</a></li>\n");
		}
		pf(p, "<li><a href=\"donnees.html\"%s>Données</a></li>\n",
		    cur != NULL && strcmp(cur, "donnees.html") == 0 ?
		    " aria-current=\"page\"" : "");
		pf(p, "<li><a href=\"%sindex.html\">Toutes les éditions</a>"
		    "</li>\n", up);
		PUTSL(p, "</ul></nav>\n");
	} else {
		PUTSL(p, "<nav class=\"mainnav\" aria-label=\"Éditions\">"
		    "<ul class=\"wrap\">\n");
		for (i = r->neds; i > 0; i--)
			pf(p, "<li><a href=\"%d/index.html\">Rapport %d</a>"
			    "</li>\n", r->eds[i - 1].year, r->eds[i - 1].year);
		PUTSL(p, "</ul></nav>\n");
	}
	PUTSL(p, "</header>\n");
	if (is_draft(p)) {
		PUTSL(p, "<div class=\"draft-banner\"><p class=\"wrap\">"
		    "<strong>Version de travail</strong> — document provisoire, "
		    "à ne pas diffuser");
		if (p->o->label != NULL) {
			PUTSL(p, " (");
			txt(p, p->o->label);
			PUTSL(p, ")");
		}
		PUTSL(p, ".</p></div>\n");
	}
	if (ncrumbs > 0) {
		PUTSL(p, "<nav class=\"breadcrumb\" aria-label=\"Fil "
		    "d’Ariane\"><ol class=\"wrap\">\n");
		for (i = 0; i < ncrumbs; i++) {
			if (crumbs[i].href == NULL) {
				PUTSL(p, "<li aria-current=\"page\">");
				txt(p, crumbs[i].label);
			} else {
				pf(p, "<li><a href=\"%s\">", crumbs[i].href);
				txt(p, crumbs[i].label);
				PUTSL(p, "</a>");
			}
			PUTSL(p, "</li>\n");
		}
		PUTSL(p, "</ol></nav>\n");
	}
	PUTSL(p, "<main id=\"contenu\" class=\"wrap\" tabindex=\"-1\">\n");
}

/* Closes <main>, writes the footer and the file.  Returns 0 after an I/O
 * error (here or before, while copying images). */
static int
page_end(struct page *p)
{
	const struct edition *e = p->e;
	char		 date[64], *rel;
	int		 rc;

	PUTSL(p, "</main>\n<footer class=\"footer\">\n<div class=\"wrap\">\n");
	if (e != NULL) {
		fmt_date(date, sizeof(date), e->date);
		PUTSL(p, "<p class=\"footer-inst\">");
		txt(p, e->institution);
		PUTSL(p, "</p>\n<p>");
		txt(p, e->title);
		pf(p, ". Rapport d’évaluation %d, publié le %s.</p>\n",
		    e->year, date);
		PUTSL(p, "<ul class=\"footer-links\">\n"
		    "<li><a href=\"index.html\">Tableau de bord</a></li>\n");
		if (p->o->formats & FORMAT_PDF)
			pf(p, "<li><a href=\"rapport-%d.pdf\">Rapport complet "
			    "(PDF)</a></li>\n", e->year);
		pf(p, "<li><a href=\"data/indicateurs-%d.csv\">Données "
		    "(CSV)</a></li>\n", e->year);
		PUTSL(p, "<li><a href=\"../index.html\">Toutes les éditions"
		    "</a></li>\n</ul>\n");
	} else {
		if (p->r->neds > 0) {
			PUTSL(p, "<p class=\"footer-inst\">");
			txt(p, p->r->eds[p->r->neds - 1].institution);
			PUTSL(p, "</p>\n");
		}
		PUTSL(p, "<p>");
		txt(p, p->r->plan.title);
		PUTSL(p, ".</p>\n");
	}
	PUTSL(p, "</div>\n</footer>\n</body>\n</html>\n");
	rel = e != NULL ? xasprintf("%d/%s", e->year, p->name) :
	    xstrdup(p->name);
	rc = p->ok && out_write(p->od, rel, p->b.data, p->b.len);
	free(rel);
	buf_free(&p->b);
	return rc;
}

static void
page_init(struct page *p, const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od, const char *name)
{
	memset(p, 0, sizeof(*p));
	p->r = r;
	p->e = e;
	p->o = o;
	p->od = od;
	p->name = name;
	p->ok = 1;
}

/* ---- Markdown ---- */

/* The plain text of spans, for an image's alternative. */
static void
plain(struct buf *b, const struct span *s)
{
	for (; s != NULL; s = s->next) {
		switch (s->type) {
		case SPAN_TEXT:
		case SPAN_CODE:
		case SPAN_HTML:
			buf_puts(b, s->text);
			break;
		case SPAN_SOFTBREAK:
		case SPAN_LINEBREAK:
			buf_putc(b, ' ');
			break;
		case SPAN_EMPH:
		case SPAN_STRONG:
		case SPAN_LINK:
		case SPAN_IMAGE:
			plain(b, s->child);
			break;
		case SPAN__MAX:
		default:
			abort();
		}
	}
}

/* Copies the image of s into <year>/img/ and writes its <img>. */
static void
rndr_image(struct page *p, const struct span *s)
{
	struct buf	 data = { NULL, 0, 0 }, alt = { NULL, 0, 0 };
	char		*rel;
	size_t		 stem;

	plain(&alt, s->child);
	if (s->path == NULL || p->e == NULL) {
		/* Refused by the loader: the build has stopped before. */
		txt(p, alt.data);
		buf_free(&alt);
		return;
	}
	stem = strlen(p->name) - strlen(".html");
	rel = xasprintf("%d/img/%.*s-%d.png", p->e->year, (int)stem, p->name,
	    ++p->nimg);
	if (!file_read_sys(s->path, MAX_FILE_SIZE, &data) ||
	    !out_write(p->od, rel, data.data, data.len))
		p->ok = 0;
	pf(p, "<img src=\"%s\" alt=\"", strchr(rel, '/') + 1);
	attr(p, alt.data);
	pf(p, "\" width=\"%d\" height=\"%d\"", s->w, s->h);
	if (s->title != NULL) {
		PUTSL(p, " title=\"");
		attr(p, s->title);
		PUTSL(p, "\"");
	}
	PUTSL(p, ">");
	free(rel);
	buf_free(&data);
	buf_free(&alt);
}

static void
rndr_spans(struct page *p, const struct span *s)
{
	for (; s != NULL; s = s->next) {
		switch (s->type) {
		case SPAN_TEXT:
			txt(p, s->text);
			break;
		case SPAN_CODE:
			PUTSL(p, "<code>");
			txt(p, s->text);
			PUTSL(p, "</code>");
			break;
		case SPAN_EMPH:
			PUTSL(p, "<em>");
			rndr_spans(p, s->child);
			PUTSL(p, "</em>");
			break;
		case SPAN_STRONG:
			PUTSL(p, "<strong>");
			rndr_spans(p, s->child);
			PUTSL(p, "</strong>");
			break;
		case SPAN_LINK:
			if (s->href == NULL) {
				rndr_spans(p, s->child);
				break;
			}
			PUTSL(p, "<a href=\"");
			html_esc_href(&p->b, s->href);
			PUTSL(p, "\"");
			if (s->title != NULL) {
				PUTSL(p, " title=\"");
				attr(p, s->title);
				PUTSL(p, "\"");
			}
			PUTSL(p, ">");
			rndr_spans(p, s->child);
			PUTSL(p, "</a>");
			break;
		case SPAN_IMAGE:
			rndr_image(p, s);
			break;
		case SPAN_SOFTBREAK:
			PUTSL(p, "\n");
			break;
		case SPAN_LINEBREAK:
			PUTSL(p, "<br>\n");
			break;
		case SPAN_HTML:
			/* Shown as what it is: text. */
			PUTSL(p, "<code class=\"raw\">");
			txt(p, s->text);
			PUTSL(p, "</code>");
			break;
		case SPAN__MAX:
		default:
			abort();
		}
	}
}

/* Blocks of a narrative; its headings start at level 2 under the page's
 * h1.  In a tight list item, paragraphs lose their <p>. */
static void
rndr_blocks(struct page *p, const struct block *k, int tight)
{
	int	 lv;

	for (; k != NULL; k = k->next) {
		switch (k->type) {
		case BLOCK_PARAGRAPH:
			if (!tight)
				PUTSL(p, "<p>");
			rndr_spans(p, k->ins);
			puts_(p, tight ? "\n" : "</p>\n");
			break;
		case BLOCK_HEADING:
			lv = k->level < 2 ? 2 : k->level > 6 ? 6 : k->level;
			/* Sections get an id for the page's contents. */
			if (lv == 2)
				pf(p, "<h2 id=\"sec-%d\">", ++p->nsec);
			else
				pf(p, "<h%d>", lv);
			rndr_spans(p, k->ins);
			pf(p, "</h%d>\n", lv);
			break;
		case BLOCK_LIST:
			if (!k->ordered)
				PUTSL(p, "<ul>\n");
			else if (k->start != 1)
				pf(p, "<ol start=\"%d\">\n", k->start);
			else
				PUTSL(p, "<ol>\n");
			rndr_blocks(p, k->child, k->tight);
			puts_(p, k->ordered ? "</ol>\n" : "</ul>\n");
			break;
		case BLOCK_ITEM:
			PUTSL(p, "<li>");
			rndr_blocks(p, k->child, tight);
			PUTSL(p, "</li>\n");
			break;
		case BLOCK_QUOTE:
			PUTSL(p, "<blockquote>\n");
			rndr_blocks(p, k->child, 0);
			PUTSL(p, "</blockquote>\n");
			break;
		case BLOCK_CODE:
			PUTSL(p, "<pre><code>");
			txt(p, k->text);
			PUTSL(p, "</code></pre>\n");
			break;
		case BLOCK_RULE:
			PUTSL(p, "<hr>\n");
			break;
		case BLOCK_HTML:
			/* Shown as what it is: text. */
			PUTSL(p, "<pre class=\"raw\"><code>");
			txt(p, k->text);
			PUTSL(p, "</code></pre>\n");
			break;
		case BLOCK__MAX:
		default:
			abort();
		}
	}
}

/* The level-2 headings of blocks as links, numbered in the order
 * rndr_blocks() numbers them. */
static void
toc_blocks(struct page *p, const struct block *k, int *n)
{
	struct buf	 t = { NULL, 0, 0 };

	for (; k != NULL; k = k->next) {
		if (k->type == BLOCK_HEADING && k->level <= 2) {
			plain(&t, k->ins);
			pf(p, "<li><a href=\"#sec-%d\">", ++*n);
			txt(p, t.data);
			PUTSL(p, "</a></li>\n");
			buf_reset(&t);
		}
		toc_blocks(p, k->child, n);
	}
	buf_free(&t);
}

/* Opens the two-column layout of a long page. */
static void
aside_begin(struct page *p)
{
	PUTSL(p, "<div class=\"with-aside\">\n<div class=\"main-col\">\n");
}

/* Closes the main column and opens the aside with the page's contents,
 * whose list is left open for the caller to fill. */
static void
aside_open(struct page *p)
{
	PUTSL(p, "</div>\n<aside class=\"aside\" aria-labelledby=\"sommaire\">"
	    "\n<h2 id=\"sommaire\" class=\"aside-title\">Sur cette page</h2>\n"
	    "<ul class=\"toc\">\n");
}

/* ---- numbers ---- */

/* A value as the tables show it: with its unit when it is % or €, the
 * other units being named in the column head. */
static void
value_str(char *buf, size_t sz, double v, const char *unit)
{
	fmt_value(buf, sz, v, unit);
}

static int
unit_inline(const char *unit)
{
	return strcmp(unit, "%") == 0 || strcmp(unit, "€") == 0;
}

/* ---- edition-wide facts ---- */

struct counts {
	size_t	 n[STATUS__MAX];
	size_t	 total;
};

static void
count_statuses(const struct edition *e, struct measure *const *ms,
    size_t nms, struct counts *c)
{
	const struct assessment *a;
	size_t	 i;

	memset(c, 0, sizeof(*c));
	for (i = 0; i < nms; i++)
		if ((a = report_assessment(ms[i], e->year)) != NULL) {
			c->n[a->status]++;
			c->total++;
		}
}

/* One row per line: "Réalisée : 2 · En cours : 1". */
static void
counts_line(struct page *p, const struct counts *c)
{
	size_t	 s;

	PUTSL(p, "<ul class=\"counts\">");
	for (s = 0; s < STATUS__MAX; s++) {
		if (c->n[s] == 0)
			continue;
		PUTSL(p, "<li>");
		badge(p, s);
		pf(p, "<span class=\"count\">%zu</span></li>", c->n[s]);
	}
	PUTSL(p, "</ul>\n");
}

/* A measure in a list: number, title, status this year and last; with
 * detail, the assessment's justification too. */
static void
measure_item(struct page *p, const struct measure *m, int detail)
{
	const struct assessment *a, *pa = NULL;
	char	 file[64];

	measure_file(file, sizeof(file), m);
	a = report_assessment(m, p->e->year);
	if (p->e->prev != NULL)
		pa = report_assessment(m, p->e->prev->year);
	pf(p, "<li class=\"mitem\"><a href=\"%s\"><span class=\"mnum\">"
	    "<span class=\"visually-hidden\">Mesure </span>%d</span>"
	    "<span class=\"mtitle\">", file, m->number);
	txt(p, m->title);
	PUTSL(p, "</span></a>");
	if (detail && a != NULL) {
		PUTSL(p, "<p class=\"mjust\">");
		txt(p, a->text);
		PUTSL(p, "</p>");
	}
	PUTSL(p, "<span class=\"mstatus\">");
	if (a != NULL)
		badge(p, a->status);
	if (a != NULL && pa != NULL) {
		pf(p, "<span class=\"mprev\">%d%s: ", p->e->prev->year, NBSP);
		txt(p, status_label[pa->status]);
		PUTSL(p, "</span>");
	}
	PUTSL(p, "</span></li>\n");
}

/* The parts of the report in reading order (front matter, priorities,
 * back matter) as list items; cur, if any, marked as the page. */
static void
parts_list(struct page *p, const struct part *cur)
{
	const struct edition *e = p->e;
	const struct plan *pl = &p->r->plan;
	const struct part *pt;
	char		 file[64];
	size_t		 i;

	for (i = 0; i < e->nfront + pl->nprios + e->nback; i++) {
		if (i >= e->nfront && i < e->nfront + pl->nprios) {
			priority_file(file, sizeof(file),
			    &pl->prios[i - e->nfront]);
			pf(p, "<li><a href=\"%s\">Priorité" NBSP, file);
			txt(p, pl->prios[i - e->nfront].id);
			PUTSL(p, NBSP ": ");
			txt(p, pl->prios[i - e->nfront].title);
			PUTSL(p, "</a></li>\n");
			continue;
		}
		pt = i < e->nfront ? &e->front[i] :
		    &e->back[i - e->nfront - pl->nprios];
		pf(p, "<li><a href=\"%s.html\"%s>", pt->slug, pt == cur ?
		    " aria-current=\"page\"" : "");
		txt(p, pt->title);
		PUTSL(p, "</a></li>\n");
	}
}

/* A chart of the whole edition: the drawing carries its title, which the
 * caption repeats for those who do not see it. */
static void
edition_figure(struct page *p, const char *file, const char *title,
    const char *desc)
{
	pf(p, "<figure class=\"chart\">\n<img src=\"%s\" alt=\"", file);
	attr(p, desc);
	PUTSL(p, "\">\n<figcaption><span class=\"visually-hidden\">");
	txt(p, title);
	PUTSL(p, ". </span><span class=\"fig-source\">Source" NBSP ": ");
	txt(p, p->e->institution);
	pf(p, ".</span> <a class=\"fig-open\" href=\"%s\">Agrandir le "
	    "graphique</a></figcaption>\n</figure>\n", file);
}

/* ---- the dashboard ---- */

static int
page_dashboard(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od)
{
	const struct plan *pl = &r->plan;
	struct page	 p;
	struct counts	 c, pc;
	struct measure	**all;
	const struct assessment *a, *pa;
	char		 date[64], file[64], *desc, *title;
	size_t		 i, j, k, ninds = 0, nfilled = 0, ndone;
	size_t		 ntrend[CHANGE__MAX] = { 0, 0, 0, 0 };
	struct crumb	 cr[] = {
		{ "../index.html", "Éditions" },
		{ NULL, NULL },
	};
	char		 crl[64];

	page_init(&p, r, e, o, od, "index.html");
	snprintf(crl, sizeof(crl), "Rapport %d", e->year);
	cr[1].label = crl;
	page_begin(&p, "Tableau de bord", "index.html", cr, 2);

	all = xcalloc(pl->nmeasures, sizeof(*all));
	for (i = 0; i < pl->nmeasures; i++) {
		all[i] = &pl->measures[i];
		for (j = 0; j < all[i]->ninds; j++) {
			ninds++;
			for (k = 0; k < all[i]->inds[j].nseries; k++)
				if (series_at(&all[i]->inds[j].series[k],
				    e->year) != NULL)
					break;
			nfilled += k < all[i]->inds[j].nseries;
		}
		if (e->prev != NULL &&
		    (a = report_assessment(all[i], e->year)) != NULL &&
		    (pa = report_assessment(all[i], e->prev->year)) != NULL)
			ntrend[report_change(pa->status, a->status)]++;
	}
	count_statuses(e, all, pl->nmeasures, &c);

	fmt_date(date, sizeof(date), e->date);
	PUTSL(&p, "<div class=\"hero\">\n");
	pf(&p, "<p class=\"kicker\">Rapport d’évaluation %d</p>\n<h1>",
	    e->year);
	txt(&p, e->title);
	PUTSL(&p, "</h1>\n");
	if (e->subtitle != NULL) {
		PUTSL(&p, "<p class=\"subtitle\">");
		txt(&p, e->subtitle);
		PUTSL(&p, "</p>\n");
	}
	PUTSL(&p, "<p class=\"byline\">");
	txt(&p, e->institution);
	pf(&p, "<br>Publié le <time datetime=\"%s\">%s</time></p>\n",
	    e->date, date);
	PUTSL(&p, "<ul class=\"actions\">\n");
	if (o->formats & FORMAT_PDF)
		pf(&p, "<li><a class=\"button\" href=\"rapport-%d.pdf\">"
		    "Rapport complet (PDF)</a></li>\n", e->year);
	for (i = 0; i < e->nfront; i++) {
		pf(&p, "<li><a class=\"button%s\" href=\"%s.html\">",
		    o->formats & FORMAT_PDF || i > 0 ? " secondary" : "",
		    e->front[i].slug);
		txt(&p, e->front[i].title);
		PUTSL(&p, "</a></li>\n");
	}
	pf(&p, "<li><a class=\"button secondary\" href=\"donnees.html\">"
	    "Données</a></li>\n");
	PUTSL(&p, "</ul>\n</div>\n");

	/* Key figures. */
	ndone = c.n[STATUS_IMPLEMENTED] + c.n[STATUS_PARTIAL];
	PUTSL(&p, "<section class=\"keyfigs\" aria-labelledby=\"chiffres\">\n"
	    "<h2 id=\"chiffres\">Chiffres clés</h2>\n<ul>\n");
	pf(&p, "<li><span class=\"kf-num\">%zu</span> <span class=\"kf-lab\">"
	    "mesures évaluées</span></li>\n", c.total);
	pf(&p, "<li><span class=\"kf-num\">%zu</span> <span class=\"kf-lab\">"
	    "mesures réalisées ou partiellement réalisées</span></li>\n",
	    ndone);
	pf(&p, "<li><span class=\"kf-num\">%zu</span> <span class=\"kf-lab\">"
	    "mesures non réalisées</span></li>\n",
	    c.n[STATUS_NOT_IMPLEMENTED]);
	/* ntrend[] by enum change. */
	if (e->prev != NULL)
		pf(&p, "<li><span class=\"kf-num\">%zu</span> <span "
		    "class=\"kf-lab\">mesures en progrès depuis %d, %zu "
		    "stables, %zu en recul%s</span></li>\n",
		    ntrend[CHANGE_BETTER], e->prev->year, ntrend[CHANGE_SAME],
		    ntrend[CHANGE_WORSE], ntrend[CHANGE_OTHER] == 0 ? "" :
		    ntrend[CHANGE_OTHER] == 1 ? ", 1 passée par « Information "
		    "insuffisante »" : ", d’autres passées par « Information "
		    "insuffisante »");
	pf(&p, "<li><span class=\"kf-num\">%zu</span> <span class=\"kf-lab\">"
	    "indicateurs suivis, dont %zu renseignés pour %d</span></li>\n",
	    ninds, nfilled, e->year);
	PUTSL(&p, "</ul>\n</section>\n");

	/* Status overview: the chart, then its numbers. */
	PUTSL(&p, "<section aria-labelledby=\"avancement\">\n");
	pf(&p, "<h2 id=\"avancement\">Avancement des %zu mesures en %d</h2>\n",
	    pl->nmeasures, e->year);
	title = chart_title_status(r, e);
	desc = chart_desc_status(r, e);
	edition_figure(&p, CHART_FILE_STATUS, title, desc);
	free(title);
	free(desc);
	/* The progress chart before the table, side by side: the table
	 * holds the numbers of both charts, and follows them. */
	if (e->prev != NULL) {
		PUTSL(&p, "<div class=\"overview\">\n");
		title = chart_title_progress(r, e);
		desc = chart_desc_progress(r, e);
		edition_figure(&p, CHART_FILE_PROGRESS, title, desc);
		free(title);
		free(desc);
	}
	PUTSL(&p, "<table class=\"data counts-table\">\n<caption>Nombre de "
	    "mesures par appréciation");
	pf(&p, " en %d</caption>\n<thead><tr><th scope=\"col\">Appréciation"
	    "</th><th scope=\"col\" class=\"num\">Mesures</th>", e->year);
	if (e->prev != NULL)
		pf(&p, "<th scope=\"col\" class=\"num\">Rappel %d</th>",
		    e->prev->year);
	PUTSL(&p, "</tr></thead>\n<tbody>\n");
	if (e->prev != NULL)
		count_statuses(e->prev, all, pl->nmeasures, &pc);
	for (i = 0; i < STATUS__MAX; i++) {
		PUTSL(&p, "<tr><th scope=\"row\">");
		badge(&p, i);
		pf(&p, "</th><td class=\"num\">%zu</td>", c.n[i]);
		if (e->prev != NULL)
			pf(&p, "<td class=\"num\">%zu</td>", pc.n[i]);
		PUTSL(&p, "</tr>\n");
	}
	pf(&p, "</tbody>\n<tfoot><tr><th scope=\"row\">Total</th>"
	    "<td class=\"num\">%zu</td>", c.total);
	if (e->prev != NULL)
		pf(&p, "<td class=\"num\">%zu</td>", pc.total);
	PUTSL(&p, "</tr></tfoot>\n</table>\n");
	if (e->prev != NULL)
		PUTSL(&p, "</div>\n");
	PUTSL(&p, "</section>\n");

	/* Per priority. */
	PUTSL(&p, "<section aria-labelledby=\"priorites\">\n"
	    "<h2 id=\"priorites\">Les mesures, par priorité</h2>\n");
	for (i = 0; i < pl->nprios; i++) {
		const struct priority *pr = &pl->prios[i];

		priority_file(file, sizeof(file), pr);
		count_statuses(e, pr->measures, pr->nmeasures, &pc);
		PUTSL(&p, "<section class=\"prio\">\n");
		pf(&p, "<h3><a href=\"%s\"><span class=\"prio-num\">Priorité%s",
		    file, NBSP);
		txt(&p, pr->id);
		PUTSL(&p, "</span> ");
		txt(&p, pr->title);
		PUTSL(&p, "</a></h3>\n");
		counts_line(&p, &pc);
		PUTSL(&p, "<ol class=\"mlist\">\n");
		for (j = 0; j < pr->nmeasures; j++)
			measure_item(&p, pr->measures[j], 0);
		PUTSL(&p, "</ol>\n</section>\n");
	}
	PUTSL(&p, "</section>\n");

	/* The report's other parts. */
	PUTSL(&p, "<section aria-labelledby=\"rapport\">\n"
	    "<h2 id=\"rapport\">Le rapport</h2>\n<ul class=\"parts\">\n");
	parts_list(&p, NULL);
	pf(&p, "<li><a href=\"donnees.html\">Données des indicateurs</a>"
	    " (<a href=\"data/indicateurs-%d.csv\">CSV</a>)</li>\n", e->year);
	pf(&p, "<li><a href=\"synthese-%d.svg\">Synthèse visuelle de "
	    "l’édition (SVG)</a></li>\n", e->year);
	if (o->formats & FORMAT_PDF)
		pf(&p, "<li><a href=\"rapport-%d.pdf\">Rapport complet (PDF)"
		    "</a></li>\n", e->year);
	PUTSL(&p, "</ul>\n</section>\n");
	free(all);
	return page_end(&p);
}

/* ---- priorities ---- */

static int
page_priority(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od, const struct priority *pr)
{
	struct page	 p;
	struct counts	 c;
	char		 file[64], *title, crl[64], crp[64];
	struct crumb	 cr[3];
	size_t		 i, j;

	priority_file(file, sizeof(file), pr);
	page_init(&p, r, e, o, od, file);
	snprintf(crl, sizeof(crl), "Rapport %d", e->year);
	snprintf(crp, sizeof(crp), "Priorité %s", pr->id);
	cr[0] = (struct crumb){ "../index.html", "Éditions" };
	cr[1] = (struct crumb){ "index.html", crl };
	cr[2] = (struct crumb){ NULL, crp };
	/* Titles have no bound: a fixed buffer would cut one mid-letter. */
	title = xasprintf("Priorité %s" NBSP ": %s", pr->id, pr->title);
	page_begin(&p, title, file, cr, 3);
	free(title);

	PUTSL(&p, "<h1><span class=\"h1-kicker\">Priorité" NBSP);
	txt(&p, pr->id);
	PUTSL(&p, "</span> ");
	txt(&p, pr->title);
	PUTSL(&p, "</h1>\n");
	count_statuses(e, pr->measures, pr->nmeasures, &c);
	pf(&p, "<p class=\"lead\">%zu mesures. Appréciation en %d" NBSP ":</p>"
	    "\n", pr->nmeasures, e->year);
	counts_line(&p, &c);
	if (pr->nobjs == 0) {
		PUTSL(&p, "<h2>Mesures</h2>\n<ol class=\"mlist\">\n");
		for (j = 0; j < pr->nmeasures; j++)
			measure_item(&p, pr->measures[j], 1);
		PUTSL(&p, "</ol>\n");
	}
	for (i = 0; i < pr->nobjs; i++) {
		const struct objective *ob = &pr->objs[i];

		PUTSL(&p, "<section class=\"objective\">\n<h2><span "
		    "class=\"obj-num\">Objectif" NBSP);
		txt(&p, ob->id);
		PUTSL(&p, "</span> ");
		txt(&p, ob->title);
		PUTSL(&p, "</h2>\n<ol class=\"mlist\">\n");
		for (j = 0; j < ob->nmeasures; j++)
			measure_item(&p, ob->measures[j], 1);
		PUTSL(&p, "</ol>\n</section>\n");
	}
	return page_end(&p);
}

/* ---- measures ---- */

/* A baseline or target row of a data table (validate.c allows them on
 * indicators without categories only): value and remark. */
static void
ref_row(struct page *p, const struct indicator *ind, const struct point *pt,
    const char *what, const char *remark)
{
	char	 num[64];

	value_str(num, sizeof(num), pt->v, ind->unit);
	pf(p, "<tr><th scope=\"row\">%s %d</th><td class=\"num\">%s", what,
	    pt->year, num);
	if (pt->illustrative)
		PUTSL(p, "</td><td><span class=\"illus\">Valeur "
		    "illustrative</span></td>");
	else
		pf(p, "</td><td>%s</td>", remark);
	PUTSL(p, "</tr>\n");
}

/* The data table of an indicator: years down for one series, years
 * across for categories.  Values after the edition year are left out. */
static void
indicator_table(struct page *p, const struct indicator *ind)
{
	const int	 year = p->e->year;
	const struct series *s;
	const struct value *v;
	char		 num[64];
	int		 y, y0 = 0, y1 = 0, any;
	size_t		 i, k;

	if (!ind->categories) {
		s = &ind->series[0];
		/* A region that may scroll sideways on a small screen
		 * takes the focus, so that the keyboard can scroll it. */
		pf(p, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
		    "aria-labelledby=\"cap-%s\">\n<table class=\"data\" "
		    "id=\"tab-%s\">\n<caption id=\"cap-%s\">", ind->id, ind->id,
		    ind->id);
		PUTSL(p, "Données" NBSP ": ");
		txt(p, ind->label);
		PUTSL(p, "</caption>\n<thead><tr><th scope=\"col\">Année</th>"
		    "<th scope=\"col\" class=\"num\">Valeur");
		if (!unit_inline(ind->unit)) {
			PUTSL(p, " (");
			txt(p, ind->unit);
			PUTSL(p, ")");
		}
		PUTSL(p, "</th><th scope=\"col\">Remarque</th></tr></thead>\n"
		    "<tbody>\n");
		/* Every year from the first value to the last, as the
		 * chart and its text alternative have them: a year with
		 * no value is said so, never left out. */
		for (i = 0; i < s->nvals && s->vals[i].year <= year; i++) {
			v = &s->vals[i];
			for (y = i > 0 ? s->vals[i - 1].year + 1 : v->year;
			    y < v->year; y++)
				pf(p, "<tr><th scope=\"row\">%d</th><td "
				    "class=\"num\"><span class=\"gap\">–"
				    "</span></td><td>Aucune valeur</td></tr>\n",
				    y);
			value_str(num, sizeof(num), v->v, ind->unit);
			pf(p, "<tr><th scope=\"row\">%d</th><td class=\"num\">"
			    "%s</td><td>", v->year, num);
			any = 0;
			if (v->illustrative) {
				PUTSL(p, "<span class=\"illus\">Valeur "
				    "illustrative</span>");
				any = 1;
			}
			if (v->note != NULL) {
				if (any)
					PUTSL(p, NNBSP "; ");
				txt(p, v->note);
			}
			PUTSL(p, "</td></tr>\n");
		}
		PUTSL(p, "</tbody>\n");
	} else {
		/* The years that have a value, up to the edition's. */
		for (k = 0; k < ind->nseries; k++)
			for (i = 0; i < ind->series[k].nvals; i++) {
				y = ind->series[k].vals[i].year;
				if (y > year)
					continue;
				if (y0 == 0 || y < y0)
					y0 = y;
				if (y > y1)
					y1 = y;
			}
		pf(p, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
		    "aria-labelledby=\"cap-%s\">\n<table class=\"data\" "
		    "id=\"tab-%s\">\n<caption id=\"cap-%s\">", ind->id, ind->id,
		    ind->id);
		PUTSL(p, "Données" NBSP ": ");
		txt(p, ind->label);
		if (!unit_inline(ind->unit)) {
			PUTSL(p, " (");
			txt(p, ind->unit);
			PUTSL(p, ")");
		}
		/* Every year of the span, one with no value at all
		 * included: the text alternative names it too. */
		PUTSL(p, "</caption>\n<thead><tr><th scope=\"col\">Catégorie"
		    "</th>");
		for (y = y0; y0 != 0 && y <= y1; y++)
			pf(p, "<th scope=\"col\" class=\"num\">%d</th>", y);
		PUTSL(p, "</tr></thead>\n<tbody>\n");
		for (k = 0; k < ind->nseries; k++) {
			s = &ind->series[k];
			PUTSL(p, "<tr><th scope=\"row\">");
			txt(p, s->label);
			PUTSL(p, "</th>");
			for (y = y0; y0 != 0 && y <= y1; y++) {
				if ((v = series_at(s, y)) == NULL) {
					PUTSL(p, "<td class=\"num\"><span "
					    "class=\"gap\">–</span><span "
					    "class=\"visually-hidden\">pas de "
					    "valeur</span></td>");
					continue;
				}
				value_str(num, sizeof(num), v->v, ind->unit);
				pf(p, "<td class=\"num\">%s", num);
				if (v->note != NULL) {
					PUTSL(p, " (");
					txt(p, v->note);
					PUTSL(p, ")");
				}
				if (v->illustrative)
					PUTSL(p, "<br><span class=\"illus\">"
					    "illustrative</span>");
				PUTSL(p, "</td>");
			}
			PUTSL(p, "</tr>\n");
		}
		PUTSL(p, "</tbody>\n");
	}
	if (!ind->categories && ((ind->baseline.set &&
	    ind->baseline.year <= year) || ind->target.set)) {
		PUTSL(p, "<tbody class=\"refs\">\n");
		if (ind->baseline.set && ind->baseline.year <= year)
			ref_row(p, ind, &ind->baseline, "Référence",
			    "Valeur de départ");
		if (ind->target.set)
			ref_row(p, ind, &ind->target, "Cible",
			    "Objectif à atteindre");
		PUTSL(p, "</tbody>\n");
	}
	PUTSL(p, "</table>\n</div>\n");
}

static void
indicator_section(struct page *p, const struct indicator *ind)
{
	const int	 year = p->e->year;
	char		*file, *desc, *title;

	pf(p, "<section class=\"indicator\" aria-labelledby=\"ind-%s\">\n"
	    "<h3 id=\"ind-%s\">", ind->id, ind->id);
	txt(p, ind->label);
	PUTSL(p, "</h3>\n");
	if (ind->definition != NULL) {
		PUTSL(p, "<p class=\"definition\">");
		txt(p, ind->definition);
		PUTSL(p, "</p>\n");
	}
	if (!indicator_has_data(ind, year)) {
		pf(p, "<p class=\"nodata\">Aucune valeur publiée pour cet "
		    "indicateur à la date de l’édition %d.</p>\n", year);
	} else {
		file = chart_file(ind);
		desc = chart_desc(ind, year);
		title = chart_title(ind, year);
		PUTSL(p, "<figure class=\"chart\">\n<img src=\"");
		html_esc_href(&p->b, file);
		PUTSL(p, "\" alt=\"");
		attr(p, desc);
		/* The drawing has its title: the caption says it to
		 * those who do not see it, and gives the source as a
		 * link and the file at full size. */
		PUTSL(p, "\">\n<figcaption><span class=\"visually-hidden\">");
		txt(p, title);
		PUTSL(p, ". </span><span class=\"fig-source\">Source" NBSP ": ");
		if (ind->source_url != NULL) {
			PUTSL(p, "<a href=\"");
			html_esc_href(&p->b, ind->source_url);
			PUTSL(p, "\">");
			txt(p, ind->source);
			PUTSL(p, "</a>");
		} else
			txt(p, ind->source);
		PUTSL(p, ".</span> <a class=\"fig-open\" href=\"");
		html_esc_href(&p->b, file);
		PUTSL(p, "\">Agrandir le graphique</a></figcaption>\n"
		    "</figure>\n");
		free(file);
		free(desc);
		free(title);
		if (p->e->prev != NULL &&
		    (desc = chart_change(ind, year, p->e->prev->year)) != NULL) {
			pf(p, "<p class=\"change\"><strong>Depuis l’édition "
			    "%d" NBSP ":</strong> ", p->e->prev->year);
			txt(p, desc);
			PUTSL(p, "</p>\n");
			free(desc);
		}
		indicator_table(p, ind);
	}
	if (ind->note != NULL) {
		PUTSL(p, "<p class=\"note\"><strong>Note" NBSP ":</strong> ");
		txt(p, ind->note);
		PUTSL(p, "</p>\n");
	}
	PUTSL(p, "</section>\n");
}

static int
page_measure(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od, const struct measure *m)
{
	const struct plan *pl = &r->plan;
	const struct priority *pr = m->priority;
	const struct assessment *a, *pa = NULL;
	const struct measure *mp, *mn;
	struct page	 p;
	char		 file[64], pfile[64], nfile[64], *title, crl[64],
			 crp[64], crm[64];
	struct crumb	 cr[4];
	enum change	 ch;
	size_t		 i;
	int		 nsec;

	measure_file(file, sizeof(file), m);
	priority_file(pfile, sizeof(pfile), pr);
	page_init(&p, r, e, o, od, file);
	snprintf(crl, sizeof(crl), "Rapport %d", e->year);
	snprintf(crp, sizeof(crp), "Priorité %s", pr->id);
	snprintf(crm, sizeof(crm), "Mesure %d", m->number);
	cr[0] = (struct crumb){ "../index.html", "Éditions" };
	cr[1] = (struct crumb){ "index.html", crl };
	cr[2] = (struct crumb){ pfile, crp };
	cr[3] = (struct crumb){ NULL, crm };
	title = xasprintf("Mesure %d" NBSP ": %s", m->number, m->title);
	page_begin(&p, title, pfile, cr, 4);
	free(title);
	aside_begin(&p);

	pf(&p, "<h1><span class=\"h1-kicker\">Mesure %d</span> ", m->number);
	txt(&p, m->title);
	PUTSL(&p, "</h1>\n<dl class=\"facts\">\n<div><dt>Priorité</dt><dd>");
	pf(&p, "<a href=\"%s\">", pfile);
	txt(&p, pr->id);
	PUTSL(&p, NBSP ": ");
	txt(&p, pr->title);
	PUTSL(&p, "</a></dd></div>\n");
	if (m->objective != NULL) {
		PUTSL(&p, "<div><dt>Objectif</dt><dd>");
		txt(&p, m->objective->id);
		PUTSL(&p, NBSP ": ");
		txt(&p, m->objective->title);
		PUTSL(&p, "</dd></div>\n");
	}
	if (m->lead != NULL) {
		PUTSL(&p, "<div><dt>Pilote</dt><dd>");
		txt(&p, m->lead);
		PUTSL(&p, "</dd></div>\n");
	}
	if (m->npartners > 0) {
		PUTSL(&p, "<div><dt>Partenaires</dt><dd>");
		for (i = 0; i < m->npartners; i++) {
			if (i > 0)
				PUTSL(&p, ", ");
			txt(&p, m->partners[i]);
		}
		PUTSL(&p, "</dd></div>\n");
	}
	PUTSL(&p, "</dl>\n");

	/* The assessment, and last year's. */
	a = report_assessment(m, e->year);
	if (e->prev != NULL)
		pa = report_assessment(m, e->prev->year);
	PUTSL(&p, "<section class=\"assessment\" aria-labelledby=\"appr\">\n");
	pf(&p, "<h2 id=\"appr\">Appréciation %d</h2>\n", e->year);
	if (a != NULL) {
		PUTSL(&p, "<p class=\"assess-status\">");
		badge(&p, a->status);
		PUTSL(&p, "</p>\n<p class=\"assess-text\">");
		txt(&p, a->text);
		PUTSL(&p, "</p>\n");
	} else
		pf(&p, "<p>Pas d’appréciation pour %d.</p>\n", e->year);
	if (a != NULL && pa != NULL) {
		ch = report_change(pa->status, a->status);
		pf(&p, "<div class=\"prev change-%s\">\n<p><strong>%s</strong> "
		    "par rapport à l’édition %d" NBSP ": ", change_class[ch],
		    change_text[ch], e->prev->year);
		badge(&p, pa->status);
		PUTSL(&p, "</p>\n<p class=\"assess-text\">");
		pf(&p, "En %d" NBSP ": ", e->prev->year);
		txt(&p, pa->text);
		PUTSL(&p, "</p>\n</div>\n");
	}
	PUTSL(&p, "</section>\n");

	/* The narrative. */
	PUTSL(&p, "<div class=\"narrative\">\n");
	rndr_blocks(&p, e->narr[m->index].blocks, 0);
	PUTSL(&p, "</div>\n");

	/* The indicators. */
	if (m->ninds > 0) {
		PUTSL(&p, "<section class=\"indicators\" aria-labelledby="
		    "\"indicateurs\">\n<h2 id=\"indicateurs\">Indicateurs</h2>"
		    "\n");
		pf(&p, "<p class=\"data-link\">Les valeurs de tous les "
		    "indicateurs sont aussi disponibles en "
		    "<a href=\"data/indicateurs-%d.csv\">fichier CSV</a> "
		    "(<a href=\"donnees.html\">description</a>).</p>\n",
		    e->year);
		for (i = 0; i < m->ninds; i++)
			indicator_section(&p, &m->inds[i]);
		PUTSL(&p, "</section>\n");
	}

	/* Previous and next measure. */
	mp = m->index > 0 ? &pl->measures[m->index - 1] : NULL;
	mn = m->index + 1 < pl->nmeasures ? &pl->measures[m->index + 1] :
	    NULL;
	PUTSL(&p, "<nav class=\"pager\" aria-label=\"Mesures précédente et "
	    "suivante\">\n");
	if (mp != NULL) {
		measure_file(nfile, sizeof(nfile), mp);
		pf(&p, "<a class=\"pager-prev\" rel=\"prev\" href=\"%s\">"
		    "<span class=\"pager-dir\">Mesure précédente</span> "
		    "<span class=\"pager-title\">%d. ", nfile, mp->number);
		txt(&p, mp->title);
		PUTSL(&p, "</span></a>\n");
	}
	if (mn != NULL) {
		measure_file(nfile, sizeof(nfile), mn);
		pf(&p, "<a class=\"pager-next\" rel=\"next\" href=\"%s\">"
		    "<span class=\"pager-dir\">Mesure suivante</span> "
		    "<span class=\"pager-title\">%d. ", nfile, mn->number);
		txt(&p, mn->title);
		PUTSL(&p, "</span></a>\n");
	}
	PUTSL(&p, "</nav>\n");

	/* The aside: this page's contents, the priority's measures. */
	aside_open(&p);
	pf(&p, "<li><a href=\"#appr\">Appréciation %d</a></li>\n", e->year);
	nsec = 0;
	toc_blocks(&p, e->narr[m->index].blocks, &nsec);
	if (m->ninds > 0) {
		PUTSL(&p, "<li><a href=\"#indicateurs\">Indicateurs</a>\n<ul>\n");
		for (i = 0; i < m->ninds; i++) {
			pf(&p, "<li><a href=\"#ind-%s\">", m->inds[i].id);
			txt(&p, m->inds[i].label);
			PUTSL(&p, "</a></li>\n");
		}
		PUTSL(&p, "</ul></li>\n");
	}
	PUTSL(&p, "</ul>\n");
	pf(&p, "<h2 class=\"aside-title\">Priorité" NBSP "%s</h2>\n"
	    "<ol class=\"siblings\">\n", pr->id);
	for (i = 0; i < pr->nmeasures; i++) {
		measure_file(nfile, sizeof(nfile), pr->measures[i]);
		pf(&p, "<li><a href=\"%s\"%s><span class=\"sib-num\">%d"
		    "</span> ", nfile, pr->measures[i] == m ?
		    " aria-current=\"page\"" : "", pr->measures[i]->number);
		txt(&p, pr->measures[i]->title);
		PUTSL(&p, "</a></li>\n");
	}
	PUTSL(&p, "</ol>\n</aside>\n</div>\n");
	return page_end(&p);
}

/* ---- front and back matter ---- */


static int
page_part(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od, const struct part *pt)
{
	struct page	 p;
	char		*file, crl[64];
	struct crumb	 cr[3];
	int		 rc, nsec;

	file = xasprintf("%s.html", pt->slug);
	page_init(&p, r, e, o, od, file);
	snprintf(crl, sizeof(crl), "Rapport %d", e->year);
	cr[0] = (struct crumb){ "../index.html", "Éditions" };
	cr[1] = (struct crumb){ "index.html", crl };
	cr[2] = (struct crumb){ NULL, pt->title };
	page_begin(&p, pt->title, NULL, cr, 3);
	aside_begin(&p);
	PUTSL(&p, "<h1>");
	txt(&p, pt->title);
	PUTSL(&p, "</h1>\n<div class=\"narrative\">\n");
	rndr_blocks(&p, pt->doc.blocks, 0);
	PUTSL(&p, "</div>\n");
	aside_open(&p);
	nsec = 0;
	toc_blocks(&p, pt->doc.blocks, &nsec);
	PUTSL(&p, "</ul>\n<h2 class=\"aside-title\">Le rapport</h2>\n"
	    "<ul class=\"siblings\">\n");
	parts_list(&p, pt);
	PUTSL(&p, "</ul>\n</aside>\n</div>\n");
	rc = page_end(&p);
	free(file);
	return rc;
}

/* ---- data ---- */

static void
csv_field(struct buf *b, const char *s)
{
	if (s == NULL)
		s = "";
	if (strpbrk(s, ",\"\r\n") == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	for (; *s != '\0'; s++) {
		if (*s == '"')
			buf_putc(b, '"');
		buf_putc(b, *s);
	}
	buf_putc(b, '"');
}

/* The CSV file: one row per indicator, category and year, up to the
 * edition's year.  RFC 4180: commas, CRLF, fields quoted when needed.
 * Returns the number of data rows in *nrows. */
static int
write_csv(const struct report *r, const struct edition *e,
    struct outdir *od, size_t *nrows)
{
	struct buf	 b = { NULL, 0, 0 };
	const struct measure *m;
	const struct indicator *ind;
	const struct series *s;
	const struct value *v;
	char		 num[64], *rel;
	size_t		 i, j, k, l, c;
	int		 rc;

	*nrows = 0;
	for (c = 0; c < sizeof(csv_cols) / sizeof(csv_cols[0]); c++) {
		if (c > 0)
			buf_putc(&b, ',');
		buf_puts(&b, csv_cols[c].name);
	}
	BUF_PUTSL(&b, "\r\n");
	for (i = 0; i < r->plan.nmeasures; i++) {
		m = &r->plan.measures[i];
		for (j = 0; j < m->ninds; j++) {
			ind = &m->inds[j];
			for (k = 0; k < ind->nseries; k++) {
				s = &ind->series[k];
				for (l = 0; l < s->nvals; l++) {
					v = &s->vals[l];
					if (v->year > e->year)
						break;
					buf_printf(&b, "%d,%d,", e->year,
					    m->number);
					csv_field(&b, ind->id);
					buf_putc(&b, ',');
					csv_field(&b, ind->label);
					buf_putc(&b, ',');
					csv_field(&b, s->id);
					buf_putc(&b, ',');
					csv_field(&b, ind->categories ?
					    s->label : NULL);
					fmt_plain(num, sizeof(num), v->v);
					buf_printf(&b, ",%d,%s,", v->year,
					    num);
					csv_field(&b, ind->unit);
					buf_puts(&b, v->illustrative ?
					    ",oui," : ",non,");
					csv_field(&b, v->note);
					buf_putc(&b, ',');
					csv_field(&b, ind->source);
					BUF_PUTSL(&b, "\r\n");
					(*nrows)++;
				}
			}
		}
	}
	rel = xasprintf("%d/data/indicateurs-%d.csv", e->year, e->year);
	rc = out_write(od, rel, b.data, b.len);
	free(rel);
	buf_free(&b);
	return rc;
}

static int
page_data(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od, size_t nrows)
{
	const struct plan *pl = &r->plan;
	const struct measure *m;
	const struct indicator *ind;
	const struct value *v;
	struct page	 p;
	char		 file[64], crl[64], num[64];
	struct crumb	 cr[3];
	size_t		 i, j, c;

	page_init(&p, r, e, o, od, "donnees.html");
	snprintf(crl, sizeof(crl), "Rapport %d", e->year);
	cr[0] = (struct crumb){ "../index.html", "Éditions" };
	cr[1] = (struct crumb){ "index.html", crl };
	cr[2] = (struct crumb){ NULL, "Données" };
	page_begin(&p, "Données des indicateurs", "donnees.html", cr, 3);
	pf(&p, "<h1>Données des indicateurs, édition %d</h1>\n", e->year);
	pf(&p, "<p class=\"lead\">Les valeurs de tous les indicateurs suivis "
	    "par le rapport, jusqu’à l’année %d comprise, en un seul "
	    "fichier" NBSP ":</p>\n", e->year);
	pf(&p, "<p class=\"actions\"><a class=\"button\" "
	    "href=\"data/indicateurs-%d.csv\">Télécharger les données (CSV, "
	    "%zu lignes)</a></p>\n", e->year, nrows);
	PUTSL(&p, "<h2>Format du fichier</h2>\n<p>Texte CSV (RFC" NBSP "4180)"
	    NBSP ": encodage UTF-8, champs séparés par des virgules, "
	    "guillemets droits autour des champs qui en contiennent, une "
	    "ligne d’en-tête. Une ligne par indicateur, catégorie et année. "
	    "Les valeurs marquées illustratives ne proviennent pas d’une "
	    "source publiée.</p>\n");
	PUTSL(&p, "<table class=\"data\">\n<caption>Colonnes du fichier"
	    "</caption>\n<thead><tr><th scope=\"col\">Colonne</th>"
	    "<th scope=\"col\">Contenu</th></tr></thead>\n<tbody>\n");
	for (c = 0; c < sizeof(csv_cols) / sizeof(csv_cols[0]); c++) {
		pf(&p, "<tr><th scope=\"row\"><code>%s</code></th><td>",
		    csv_cols[c].name);
		txt(&p, csv_cols[c].what);
		PUTSL(&p, "</td></tr>\n");
	}
	PUTSL(&p, "</tbody>\n</table>\n");

	PUTSL(&p, "<h2>Indicateurs suivis</h2>\n<div class=\"table-wrap\" "
	    "role=\"region\" tabindex=\"0\" aria-labelledby=\"cap-inds\">\n"
	    "<table class=\"data\">\n<caption id=\"cap-inds\">Indicateurs par "
	    "mesure, dernière valeur connue</caption>\n<thead><tr>"
	    "<th scope=\"col\">Mesure</th><th scope=\"col\">Indicateur</th>"
	    "<th scope=\"col\" class=\"num\">Dernière valeur</th>"
	    "<th scope=\"col\">Année</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < pl->nmeasures; i++) {
		m = &pl->measures[i];
		measure_file(file, sizeof(file), m);
		for (j = 0; j < m->ninds; j++) {
			ind = &m->inds[j];
			pf(&p, "<tr><td><a href=\"%s\">Mesure" NBSP "%d</a></td>"
			    "<th scope=\"row\"><a href=\"%s#ind-%s\">", file,
			    m->number, file, ind->id);
			txt(&p, ind->label);
			PUTSL(&p, "</a></th>");
			v = ind->categories ? NULL :
			    series_last(&ind->series[0], e->year);
			if (ind->categories)
				PUTSL(&p, "<td class=\"num\">ventilation par "
				    "catégorie</td><td></td>");
			else if (v == NULL)
				PUTSL(&p, "<td class=\"num\">aucune valeur</td>"
				    "<td></td>");
			else {
				value_str(num, sizeof(num), v->v, ind->unit);
				pf(&p, "<td class=\"num\">%s", num);
				if (!unit_inline(ind->unit)) {
					PUTSL(&p, " ");
					txt(&p, ind->unit);
				}
				if (v->illustrative)
					PUTSL(&p, " <span class=\"illus\">"
					    "illustrative</span>");
				pf(&p, "</td><td>%d</td>", v->year);
			}
			PUTSL(&p, "</tr>\n");
		}
	}
	PUTSL(&p, "</tbody>\n</table>\n</div>\n");
	return page_end(&p);
}

/* ---- entry points ---- */

int
html_edition(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od)
{
	const struct plan *pl = &r->plan;
	char		*dir;
	size_t		 i, nrows;
	int		 ok;

	dir = xasprintf("%d/assets", e->year);
	ok = write_assets(o, od, dir);
	free(dir);
	ok = ok && write_csv(r, e, od, &nrows);
	ok = ok && page_dashboard(r, e, o, od);
	ok = ok && page_data(r, e, o, od, nrows);
	for (i = 0; ok && i < pl->nprios; i++)
		ok = page_priority(r, e, o, od, &pl->prios[i]);
	for (i = 0; ok && i < pl->nmeasures; i++)
		ok = page_measure(r, e, o, od, &pl->measures[i]);
	for (i = 0; ok && i < e->nfront; i++)
		ok = page_part(r, e, o, od, &e->front[i]);
	for (i = 0; ok && i < e->nback; i++)
		ok = page_part(r, e, o, od, &e->back[i]);
	return ok;
}

/* The pages of an edition, for the sitemap. */
static void
sitemap_edition(struct buf *b, const struct opts *o, const struct report *r,
    const struct edition *e)
{
	const struct plan *pl = &r->plan;
	char		 file[64], *rel, *url;
	const char	*slug;
	size_t		 i, n;

	n = 2 + pl->nprios + pl->nmeasures + e->nfront + e->nback;
	for (i = 0; i < n; i++) {
		slug = NULL;	/* a part's name has no bound: no buffer */
		if (i == 0)
			snprintf(file, sizeof(file), "index.html");
		else if (i == 1)
			snprintf(file, sizeof(file), "donnees.html");
		else if (i < 2 + pl->nprios)
			priority_file(file, sizeof(file), &pl->prios[i - 2]);
		else if (i < 2 + pl->nprios + pl->nmeasures)
			measure_file(file, sizeof(file),
			    &pl->measures[i - 2 - pl->nprios]);
		else if (i < 2 + pl->nprios + pl->nmeasures + e->nfront)
			slug = e->front[i - 2 - pl->nprios -
			    pl->nmeasures].slug;
		else
			slug = e->back[i - 2 - pl->nprios - pl->nmeasures -
			    e->nfront].slug;
		rel = slug != NULL ? xasprintf("%d/%s.html", e->year, slug) :
		    xasprintf("%d/%s", e->year, file);
		url = public_url(o, rel);
		BUF_PUTSL(b, "<url><loc>");
		html_esc_text(b, url);
		buf_printf(b, "</loc><lastmod>%s</lastmod></url>\n", e->date);
		free(url);
		free(rel);
	}
}

static int
write_sitemap(const struct report *r, const struct opts *o,
    struct outdir *od)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*url;
	size_t		 i;
	int		 rc;

	BUF_PUTSL(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	url = public_url(o, "index.html");
	BUF_PUTSL(&b, "<url><loc>");
	html_esc_text(&b, url);
	BUF_PUTSL(&b, "</loc>");
	if (r->neds > 0)
		buf_printf(&b, "<lastmod>%s</lastmod>",
		    r->eds[r->neds - 1].date);
	BUF_PUTSL(&b, "</url>\n");
	free(url);
	for (i = r->neds; i > 0; i--)
		sitemap_edition(&b, o, r, &r->eds[i - 1]);
	BUF_PUTSL(&b, "</urlset>\n");
	rc = out_write(od, "sitemap.xml", b.data, b.len);
	buf_free(&b);
	return rc;
}

int
html_index(const struct report *r, const struct opts *o, struct outdir *od)
{
	const struct plan *pl = &r->plan;
	const struct edition *e;
	struct page	 p;
	struct counts	 c;
	struct measure	**all;
	char		 date[64];
	size_t		 i;
	int		 ok;

	if (!write_assets(o, od, "assets"))
		return 0;
	if (o->base_url != NULL && !write_sitemap(r, o, od))
		return 0;
	all = xcalloc(pl->nmeasures, sizeof(*all));
	for (i = 0; i < pl->nmeasures; i++)
		all[i] = &pl->measures[i];
	page_init(&p, r, NULL, o, od, "index.html");
	page_begin(&p, "Les rapports d’évaluation", NULL, NULL, 0);
	PUTSL(&p, "<div class=\"hero\">\n<p class=\"kicker\">Rapporteur "
	    "national indépendant</p>\n<h1>");
	txt(&p, pl->title);
	PUTSL(&p, "</h1>\n<p class=\"subtitle\">Rapports annuels "
	    "d’évaluation de la mise en œuvre du plan");
	if (pl->adopted != NULL) {
		fmt_date(date, sizeof(date), pl->adopted);
		pf(&p, ", adopté le %s", date);
	}
	PUTSL(&p, ".</p>\n</div>\n<h2>Les éditions</h2>\n"
	    "<ol class=\"editions\" reversed>\n");
	for (i = r->neds; i > 0; i--) {
		e = &r->eds[i - 1];
		count_statuses(e, all, pl->nmeasures, &c);
		fmt_date(date, sizeof(date), e->date);
		pf(&p, "<li class=\"edition\">\n<h3><a href=\"%d/index.html\">"
		    "Rapport d’évaluation %d</a></h3>\n", e->year, e->year);
		PUTSL(&p, "<p class=\"ed-title\">");
		txt(&p, e->title);
		if (e->draft || o->draft)
			PUTSL(&p, " <strong class=\"tag\">Version de "
			    "travail</strong>");
		pf(&p, "</p>\n<p class=\"byline\">Publié le <time "
		    "datetime=\"%s\">%s</time></p>\n", e->date, date);
		counts_line(&p, &c);
		pf(&p, "<ul class=\"actions\">\n<li><a class=\"button\" "
		    "href=\"%d/index.html\">Consulter le rapport "
		    "%d</a></li>\n", e->year, e->year);
		if (o->formats & FORMAT_PDF)
			pf(&p, "<li><a class=\"button secondary\" "
			    "href=\"%d/rapport-%d.pdf\">Rapport %d (PDF)</a>"
			    "</li>\n", e->year, e->year, e->year);
		pf(&p, "<li><a class=\"button secondary\" "
		    "href=\"%d/data/indicateurs-%d.csv\">Données %d (CSV)"
		    "</a></li>\n</ul>\n</li>\n", e->year, e->year, e->year);
	}
	PUTSL(&p, "</ol>\n");
	free(all);
	ok = page_end(&p);
	return ok;
}
