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
 *   out/<year>/img/<hash>.{png,jpg,svg} images of the narratives, one copy each
 *
 * The names are the French ones; fname() gives them in the plan's
 * language.
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
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "backend.h"
#include "chartdesc.h"
#include "i18n.h"
#include "msg.h"
#include "logo.h"
#include "theme.h"

#define NBSP	"\xc2\xa0"	/* U+00A0, before ':' */
#define NNBSP	"\xe2\x80\xaf"	/* U+202F, before ';', '!', '?' */

/* gen/search.js, compiled in by the Makefile. */
extern const char search_js[];
extern const size_t search_js_len;

/* Content Security Policy of every page: own style sheets and images
 * only, no script of any kind, no plug-ins, no forms. */
#define CSP_BEGIN "default-src 'none'; style-src 'self'; img-src 'self'; "
#define CSP_END	"form-action 'none'"
#define CSP	CSP_BEGIN "base-uri 'none'; " CSP_END
/* The page shown for a missing address is served from any folder: a
 * <base> of its own (and only that) points its links at the site. */
#define CSP_404	CSP_BEGIN "base-uri 'self'; " CSP_END
/* The search page, the only one with a script: its own, and the index it
 * reads, from the site; its form goes to itself. */
#define CSP_SEARCH "default-src 'none'; style-src 'self'; img-src 'self'; " \
		"script-src 'self'; connect-src 'self'; base-uri 'none'; " \
		"form-action 'self'"

#define PAGE_ROOM	65536	/* a page's buffer at first */

/* A page being written. */
struct page {
	struct buf	 b;
	const struct report *r;
	const struct edition *e;	/* NULL: a page of out/ itself */
	const struct opts *o;
	struct outdir	*od;
	const char	*name;		/* file within its folder */
	const char	*base;		/* <base href>, or NULL */
	const char	*script;	/* <script src> (search page), or NULL */
	size_t		 main_at;	/* aside_begin(): main column's start */
	char		*main_col;	/* aside_open() to aside_close(): the
					 * main column taken out (owned) */
	size_t		 nmain;
	int		 ok;		/* 0 after an I/O error */
};

/* One step of a breadcrumb; href NULL for the current page. */
struct crumb {
	const char	*href;
	const char	*label;
};

/*
 * The list of a priority's measures that each of their pages shows, the
 * same on every one but for the aria-current of the page's own and, in
 * a large priority, which of them (SIB_WINDOW): written once per
 * priority by html_edition(), not once per page.  start[i]: where
 * measure i's entry begins; at[i]: where the tag of its link closes.
 * html, start and at are owned by html_edition().
 */
struct siblings {
	struct buf	 html;
	size_t		*start;
	size_t		*at;
};

/*
 * The most entries that list shows.  A larger priority shows the
 * SIB_WINDOW measures around the page's own (as many before it as after;
 * near either end, more on the other side), then a link to the page
 * that lists them all:
 * with every one, 77 measures a priority put 15 KB of links into each of
 * their 28 KB pages, a keyboard went through 77 links before the text,
 * and the site grew with the square of a priority's size (2,300
 * measures: 564 of its 793 MB).  No priority of a real plan in the tests
 * is that large (11 measures at most).
 */
#define SIB_WINDOW	15

/* A status change between two editions, worst to best: enum order. */

static const char *const change_text[CHANGE__MAX] = {
	N_("Appréciation inchangée"),	/* CHANGE_SAME */
	N_("Appréciation en progrès"),	/* CHANGE_BETTER */
	N_("Appréciation en recul"),	/* CHANGE_WORSE */
	N_("Appréciation modifiée"),	/* CHANGE_OTHER */
};

static const char *const change_class[CHANGE__MAX] = {
	"same",		/* CHANGE_SAME */
	"better",	/* CHANGE_BETTER */
	"worse",	/* CHANGE_WORSE */
	"other",	/* CHANGE_OTHER */
};

/* ---- writing ---- */

#define PUTSL(p, lit)	BUF_PUTSL(&(p)->b, lit)

static void
puts_(struct page *p, const char *s)
{
	buf_puts(&p->b, s);
}

/* The length of the conversion at f if pf() writes it itself (%s, %d,
 * %zu, %%), else 0. */
static size_t
pf_own(const char *f)
{
	if (f[1] == 's' || f[1] == 'd' || f[1] == '%')
		return 2;
	return f[1] == 'z' && f[2] == 'u' ? 3 : 0;
}

/*
 * fmt with its arguments, as buf_vprintf() writes it.  The pages' formats
 * hold almost only %s, %d, %zu and %%: those are appended here, thousands
 * a page, at a fraction of what vsnprintf() costs; a format with any
 * other conversion goes to buf_vprintf() whole.
 */
static void __attribute__((format(printf, 2, 3)))
pf(struct page *p, const char *fmt, ...)
{
	va_list		 ap;
	const char	*f, *run, *s;
	size_t		 n;

	va_start(ap, fmt);
	for (f = fmt; (f = strchr(f, '%')) != NULL; f += n)
		if ((n = pf_own(f)) == 0) {
			buf_vprintf(&p->b, fmt, ap);
			va_end(ap);
			return;
		}
	for (run = f = fmt; (f = strchr(f, '%')) != NULL; run = f) {
		buf_put(&p->b, run, (size_t)(f - run));
		switch (f[1]) {
		case 's':
			s = va_arg(ap, const char *);
			buf_puts(&p->b, s != NULL ? s : "(null)");
			break;
		case 'd':
			buf_dec(&p->b, va_arg(ap, int), 0);
			break;
		case 'z':
			buf_udec(&p->b, va_arg(ap, size_t), 0);
			break;
		default:
			BUF_PUTSL(&p->b, "%");
			break;
		}
		f += pf_own(f);
	}
	buf_puts(&p->b, run);
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

/* text, as a link to url when there is one. */
static void
txt_link(struct page *p, const char *url, const char *text)
{
	if (url == NULL) {
		txt(p, text);
		return;
	}
	PUTSL(p, "<a href=\"");
	html_esc_href(&p->b, url);
	PUTSL(p, "\">");
	txt(p, text);
	PUTSL(p, "</a>");
}

static int
is_draft(const struct page *p)
{
	return p->o->draft || (p->e != NULL && p->e->draft);
}

void
measure_file(char *buf, size_t sz, const struct measure *m)
{
	snprintf(buf, sz, "%s-%02d.html", fname(FNAME_MEASURE), m->number);
}

void
priority_file(char *buf, size_t sz, const struct priority *pr)
{
	snprintf(buf, sz, "%s-%d.html", fname(FNAME_PRIORITY), pr->number);
}

/* The style sheets as they were when the tool was built (style_data.c,
 * made by the Makefile from styles/). */
extern const char	 style_theme_css[], style_site_css[];
extern const size_t	 style_theme_css_len, style_site_css_len;

/* The theme's faces, when it names any (font.c): fonts.css and a copy of
 * each file of styles/fonts/ in dir/fonts. */
static int
write_fonts(struct outdir *od, const char *dir)
{
	struct buf	 b = { NULL, 0, 0 };
	const char *const *f;
	char		*dst;
	int		 rc;

	if (!font_site())
		return 1;
	font_site_css(&b);
	dst = xasprintf("%s/fonts.css", dir);
	rc = out_write(od, dst, b.data, b.len);
	free(dst);
	for (f = font_site_files(); rc && *f != NULL; f++) {
		buf_reset(&b);
		dst = xasprintf("%s/fonts/%s", dir, strrchr(*f, '/') + 1);
		rc = file_read_sys(*f, MAX_FILE_SIZE, &b) &&
		    out_write(od, dst, b.data, b.len);
		free(dst);
	}
	buf_free(&b);
	return rc;
}

/* The theme's logo, as it is (a PNG's copy at twice the size too),
 * beside the style sheets in dir. */
static int
write_logo(struct outdir *od, const char *dir)
{
	const struct logo *l = logo_get(LOGO_MAIN);
	char		*rel;
	int		 rc;

	if (l == NULL)
		return 1;
	rel = xasprintf("%s/%s", dir, l->name);
	rc = out_write(od, rel, l->data.data, l->data.len);
	free(rel);
	if (rc && l->name2x != NULL) {
		rel = xasprintf("%s/%s", dir, l->name2x);
		rc = out_write(od, rel, l->data2x.data, l->data2x.len);
		free(rel);
	}
	return rc;
}

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

	if (!theme_load(o->styles) || !logo_load(o->styles))
		return 0;
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
	return rc && write_fonts(od, dir) && write_logo(od, dir) &&
	    favicon_write(od, dir);
}

/* The public address of rel, from --base-url: caller frees. */
char *
public_url(const struct opts *o, const char *rel)
{
	size_t	 n = strlen(o->base_url);

	while (n > 0 && o->base_url[n - 1] == '/')
		n--;
	return xasprintf("%.*s/%s", (int)n, o->base_url, rel);
}

/* A status: its class names the theme's swatch, its text the scale's
 * label. */
static void
badge(struct page *p, enum status st)
{
	pf(p, "<span class=\"badge badge-%s\"><span class=\"badge-icon\" "
	    "aria-hidden=\"true\"></span>", status_code[st]);
	txt(p, status_name(&p->r->plan, st));
	PUTSL(p, "</span>");
}

/* The label of an item of the plan, with a no-break space: "Priorité
 * II". */
static void
label_nb(struct page *p, size_t level, const char *num)
{
	char	*l = level_label(&p->r->plan, level, num, NBSP);

	txt(p, l);
	free(l);
}

/* A level's name inside a sentence (level_word()), escaped for text and
 * attributes; the caller frees it. */
static char *
word(const struct page *p, size_t level, int plural)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*w = level_word(&p->r->plan, level, plural);

	html_esc_attr(&b, w);
	free(w);
	return buf_detach(&b);
}

/* An item's number alone, after its level's word if any: "n° 3". */
static void
num_nb(struct page *p, const struct level *lv, const char *num)
{
	txt(p, lv->before);
	if (lv->before[0] != '\0')
		PUTSL(p, NBSP);
	txt(p, num);
}

#define MLEVEL(pl)	((pl)->nlevels - 1)	/* the measures' level */


/*
 * What a search engine or a sharing site shows of the page: a description
 * (the edition's title and date, or the plan's), and Open Graph tags;
 * with --base-url, the page's address and the edition's social card
 * (partage-<year>.png, its synthesis drawn by svg.c), which must be
 * absolute.
 */
static void
share_meta(struct page *p, const char *title)
{
	const struct edition *e = p->e;
	char		 date[64], *rel, *url;

	PUTSL(p, "<meta name=\"description\" content=\"");
	if (e != NULL) {
		fmt_date(date, sizeof(date), e->date);
		pf(p, T("Rapport d’évaluation %d, publié le %s" NBSP ": "),
		    e->year, date);
		attr(p, e->title);
	} else {
		puts_(p, T("Rapports d’évaluation" NBSP ": "));
		attr(p, p->r->plan.title);
	}
	PUTSL(p, ".\">\n<meta property=\"og:type\" content=\"website\">\n"
	    "<meta property=\"og:locale\" content=\"fr_FR\">\n"
	    "<meta property=\"og:title\" content=\"");
	attr(p, title);
	PUTSL(p, "\">\n<meta property=\"og:site_name\" content=\"");
	attr(p, p->r->plan.short_title);
	PUTSL(p, "\">\n");
	if (p->o->base_url == NULL)
		return;
	rel = e != NULL ? xasprintf("%d/%s", e->year, p->name) :
	    xstrdup(p->name);
	url = public_url(p->o, rel);
	PUTSL(p, "<meta property=\"og:url\" content=\"");
	attr(p, url);
	PUTSL(p, "\">\n");
	free(url);
	free(rel);
	e = e != NULL ? e : p->r->neds > 0 ? &p->r->eds[p->r->neds - 1] :
	    NULL;
	if (e == NULL)
		return;
	rel = xasprintf("%d/%s-%d.png", e->year, fname(FNAME_SHARE), e->year);
	url = public_url(p->o, rel);
	PUTSL(p, "<meta property=\"og:image\" content=\"");
	attr(p, url);
	PUTSL(p, "\">\n<meta property=\"og:image:width\" content=\"1200\">"
	    "\n<meta property=\"og:image:height\" content=\"630\">\n"
	    "<meta name=\"twitter:card\" content=\"summary_large_image\">\n");
	free(url);
	free(rel);
}

/* An older edition says that a newer one exists, and links the same
 * page there (the pages of the plan have the same names in every
 * edition; a front or back part leads to the newer edition's home). */
static void
newer_banner(struct page *p)
{
	const struct edition *n = &p->r->eds[p->r->neds - 1];
	const char	*same = p->name;

	if (!fname_has_stem(same, FNAME_MEASURE) &&
	    !fname_has_stem(same, FNAME_PRIORITY) &&
	    strcmp(same, fname(FNAME_DATA)) != 0)
		same = "index.html";
	pf(p, T("<div class=\"newer-banner\"><p class=\"wrap\">Ce rapport "
	    "n’est pas le plus récent" NBSP ": <a href=\"../%d/%s\">voir "
	    "le rapport d’évaluation %d</a>.</p></div>\n"), n->year, same,
	    n->year);
}

/* The link home of the masthead, opened up to its name: with the logo,
 * at its intrinsic size in the markup (the style sheet scales it), so
 * the page does not move when it arrives; a PNG's copy at twice the size
 * in srcset, for screens of two pixels a CSS px. */
static void
brand_open(struct page *p)
{
	const struct logo *l = logo_get(LOGO_MAIN);

	if (l == NULL) {
		PUTSL(p, "<a class=\"brand\" href=\"index.html\">"
		    "<span class=\"brand-name\">");
		return;
	}
	PUTSL(p, "<a class=\"brand brand-logo\" href=\"index.html\">"
	    "<img src=\"assets/");
	attr(p, l->name);
	if (l->name2x != NULL) {
		PUTSL(p, "\" srcset=\"assets/");
		attr(p, l->name2x);
		PUTSL(p, " 2x");
	}
	PUTSL(p, "\" alt=\"");
	attr(p, l->alt);
	pf(p, "\" width=\"%.0f\" height=\"%.0f\">"
	    "<span class=\"brand-name\">", ceil(l->w), ceil(l->h));
}

/* The Content Security Policy of the page: the 404 page's (with its
 * <base>), the search page's (its script), or the one forbidding
 * scripts. */
static void
head_csp(struct page *p)
{
	if (p->base != NULL) {
		PUTSL(p, "<meta http-equiv=\"Content-Security-Policy\" "
		    "content=\"" CSP_404 "\">\n<base href=\"");
		html_esc_href(&p->b, p->base);
		PUTSL(p, "\">\n<meta name=\"robots\" content=\"noindex\">\n");
	} else if (p->script != NULL)
		PUTSL(p, "<meta http-equiv=\"Content-Security-Policy\" "
		    "content=\"" CSP_SEARCH "\">\n");
	else
		PUTSL(p, "<meta http-equiv=\"Content-Security-Policy\" "
		    "content=\"" CSP "\">\n");
}

/* The canonical link, with --base-url only. */
static void
head_canonical(struct page *p)
{
	const struct edition *e = p->e;
	char		*url, *rel;

	if (p->o->base_url == NULL)
		return;
	rel = e != NULL ? xasprintf("%d/%s", e->year, p->name) :
	    xstrdup(p->name);
	url = public_url(p->o, rel);
	PUTSL(p, "<link rel=\"canonical\" href=\"");
	html_esc_href(&p->b, url);
	PUTSL(p, "\">\n");
	free(url);
	free(rel);
}

/* From the doctype to </head>: title names the page; the edition and the
 * plan are added. */
static void
page_head(struct page *p, const char *title)
{
	PUTSL(p, "<!DOCTYPE html>\n<html lang=\"");
	puts_(p, i18n_tag());
	PUTSL(p, "\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n");
	head_csp(p);
	PUTSL(p, "<title>");
	txt(p, title);
	if (p->e != NULL)
		pf(p, T(" — Rapport d’évaluation %d"), p->e->year);
	PUTSL(p, " — ");
	txt(p, p->r->plan.short_title);
	PUTSL(p, "</title>\n");
	/* A draft is for its reviewers: search engines keep out (robots.txt
	 * says so too). */
	if (is_draft(p))
		PUTSL(p, "<meta name=\"robots\" content=\"noindex, "
		    "nofollow\">\n");
	head_canonical(p);
	PUTSL(p, "<link rel=\"icon\" href=\"assets/favicon.svg\" "
	    "type=\"image/svg+xml\">\n<link rel=\"icon\" href=\"assets/"
	    "favicon.png\" type=\"image/png\" sizes=\"32x32\">\n"
	    "<link rel=\"apple-touch-icon\" href=\"assets/"
	    "apple-touch-icon.png\">\n");
	share_meta(p, title);
	if (p->script != NULL)
		pf(p, "<script src=\"%s\" defer></script>\n", p->script);
	PUTSL(p, "<link rel=\"stylesheet\" href=\"assets/theme.css\">\n"
	    "<link rel=\"stylesheet\" href=\"assets/site.css\">\n");
	if (font_site())
		PUTSL(p, "<link rel=\"stylesheet\" href=\"assets/fonts.css\">\n");
	PUTSL(p, "</head>\n");
}

/* The main navigation of an edition's page: cur is the file of the entry
 * to mark as the current section, or NULL. */
static void
mainnav_edition(struct page *p, const char *cur)
{
	const struct plan *pl = &p->r->plan;
	char		 file[64];
	size_t		 i;

	PUTSL(p, "<nav class=\"mainnav\" aria-label=\"Rubriques\">"
	    "<ul class=\"wrap\">\n");
	pf(p, T("<li><a href=\"index.html\"%s>Tableau de bord</a></li>\n"),
	    cur != NULL && strcmp(cur, "index.html") == 0 ?
	    " aria-current=\"page\"" : "");
	for (i = 0; i < plan_groups(pl); i++) {
		priority_file(file, sizeof(file), &pl->prios[i]);
		pf(p, "<li><a href=\"%s\"%s>", file,
		    cur == NULL || strcmp(cur, file) != 0 ? "" :
		    strcmp(cur, p->name) == 0 ?
		    " aria-current=\"page\"" : " class=\"active\"");
		label_nb(p, 0, pl->prios[i].num);
		PUTSL(p, "</a></li>\n");
	}
	pf(p, T("<li><a href=\"%s\"%s>Données</a></li>\n"), fname(FNAME_DATA),
	    cur != NULL && strcmp(cur, fname(FNAME_DATA)) == 0 ?
	    " aria-current=\"page\"" : "");
	pf(p, T("<li><a href=\"%sindex.html\">Toutes les éditions</a>"
	    "</li>\n"), "../");
	PUTSL(p, "</ul></nav>\n");
}

/* The main navigation of a page of out/ itself: the editions. */
static void
mainnav_editions(struct page *p)
{
	const struct report *r = p->r;
	size_t		 i;

	puts_(p, T("<nav class=\"mainnav\" aria-label=\"Éditions\">"
	    "<ul class=\"wrap\">\n"));
	for (i = r->neds; i > 0; i--)
		pf(p, T("<li><a href=\"%d/index.html\">Rapport %d</a>"
		    "</li>\n"), r->eds[i - 1].year, r->eds[i - 1].year);
	PUTSL(p, "</ul></nav>\n");
}

/* The skip link and the masthead with the main navigation. */
static void
masthead(struct page *p, const char *cur)
{
	const struct edition *e = p->e;

	puts_(p, T("<a class=\"skip\" href=\"#contenu\">Aller au contenu</a>\n"
	    "<header class=\"masthead\">\n<div class=\"wrap masthead-in\">\n"));
	brand_open(p);
	txt(p, p->r->plan.short_title);
	PUTSL(p, "</span><span class=\"brand-sub\">");
	if (e != NULL)
		pf(p, T("Rapport d’évaluation %d"), e->year);
	else
		puts_(p, T("Rapports d’évaluation"));
	PUTSL(p, "</span></a>\n</div>\n");
	if (e != NULL)
		mainnav_edition(p, cur);
	else
		mainnav_editions(p);
	PUTSL(p, "</header>\n");
}

/* The banner of a draft, for its reviewers. */
static void
draft_banner(struct page *p)
{
	puts_(p, T("<div class=\"draft-banner\"><p class=\"wrap\">"
	    "<strong>Version de travail</strong> — document provisoire, "
	    "à ne pas diffuser"));
	if (p->o->label != NULL) {
		PUTSL(p, " (");
		txt(p, p->o->label);
		PUTSL(p, ")");
	}
	PUTSL(p, ".");
	if (p->e != NULL && strcmp(p->name, fname(FNAME_REVIEW)) != 0)
		pf(p, T(" <a href=\"%s\">Points à revoir</a>"),
		    fname(FNAME_REVIEW));
	PUTSL(p, "</p></div>\n");
}

/* The breadcrumb: ncrumbs steps, at least one. */
static void
breadcrumb(struct page *p, const struct crumb *crumbs, size_t ncrumbs)
{
	size_t		 i;

	puts_(p, T("<nav class=\"breadcrumb\" aria-label=\"Fil "
	    "d’Ariane\"><ol class=\"wrap\">\n"));
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

	page_head(p, title);
	pf(p, "<body%s>\n", is_draft(p) ? " class=\"draft\"" : "");
	masthead(p, cur);
	if (is_draft(p))
		draft_banner(p);
	if (e != NULL && r->eds[r->neds - 1].year > e->year)
		newer_banner(p);
	if (ncrumbs > 0)
		breadcrumb(p, crumbs, ncrumbs);
	PUTSL(p, "<main id=\"contenu\" class=\"wrap\" tabindex=\"-1\">\n");
}

static const char *const a11y_words[A11Y__MAX] = {
	N_("non conforme"),		/* A11Y_NONE */
	N_("partiellement conforme"),	/* A11Y_PARTIAL */
	N_("totalement conforme"),		/* A11Y_FULL */
};

/* The pages every public site must link from each page: accessibility
 * statement (with its result, as the RGAA asks), legal notices, site map,
 * contact.  They live in out/ itself. */
static void
site_links(struct page *p)
{
	const char	*up = p->e != NULL ? "../" : "";
	const struct site *si = p->r->site;

	pf(p, T("<ul class=\"footer-links footer-legal\">\n"
	    "<li><a href=\"%s%s\">Accessibilité" NBSP ": %s"
	    "</a></li>\n"), up, fname(FNAME_ACCESSIBILITY), T(a11y_words[si != NULL ? si->a11y : A11Y_NONE]));
	pf(p, T("<li><a href=\"%s%s\">Mentions légales</a></li>\n"), up,
	    fname(FNAME_LEGAL));
	pf(p, T("<li><a href=\"%s%s\">Plan du site</a></li>\n"), up,
	    fname(FNAME_SITEMAP));
	pf(p, T("<li><a href=\"%scontact.html\">Contact</a></li>\n"), up);
	pf(p, T("<li><a href=\"%s%s\">Rechercher</a></li>\n</ul>\n"), up,
	    fname(FNAME_SEARCH));
}

/* Closes <main>, writes the footer and the file.  Returns 0 after an I/O
 * error (here or before, while copying images). */
static int
page_end(struct page *p)
{
	const struct edition *e = p->e;
	char		 date[64], *rel;
	size_t		 i;
	int		 rc;

	PUTSL(p, "</main>\n<footer class=\"footer\">\n<div class=\"wrap\">\n");
	if (e != NULL) {
		fmt_date(date, sizeof(date), e->date);
		PUTSL(p, "<p class=\"footer-inst\">");
		txt(p, e->institution);
		PUTSL(p, "</p>\n<p>");
		txt(p, e->title);
		pf(p, T(". Rapport d’évaluation %d, publié le %s.</p>\n"),
		    e->year, date);
		PUTSL(p, "<ul class=\"footer-links\">\n");
		puts_(p, T("<li><a href=\"index.html\">Tableau de bord</a>"
		    "</li>\n"));
		if (p->o->formats & FORMAT_PDF)
			pf(p, T("<li><a href=\"%s-%d.pdf\">Rapport complet "
			    "(PDF)</a></li>\n"), fname(FNAME_REPORT), e->year);
		pf(p, T("<li><a href=\"data/%s-%d.csv\">Données "
		    "(CSV)</a></li>\n"), fname(FNAME_INDICATORS), e->year);
		puts_(p, T("<li><a href=\"../index.html\">Toutes les éditions"
		    "</a></li>\n</ul>\n"));
		if (p->r->neds > 1) {
			puts_(p, T("<nav aria-label=\"Éditions\"><ul "
			    "class=\"footer-links footer-eds\">\n"));
			for (i = p->r->neds; i > 0; i--)
				pf(p, T("<li><a href=\"../%d/index.html\">"
				    "Rapport %d</a></li>\n"),
				    p->r->eds[i - 1].year,
				    p->r->eds[i - 1].year);
			PUTSL(p, "</ul></nav>\n");
		}
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
	site_links(p);
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
	/* Room for most pages at once, rather than a dozen copies as the
	 * buffer grows (a measure's page is some 30 KB). */
	p->b.cap = PAGE_ROOM;
	p->b.data = xmalloc(p->b.cap);
	p->b.data[0] = '\0';
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
		case SPAN_LANG:
			plain(b, s->child);
			break;
		case SPAN__MAX:
		default:
			abort();
		}
	}
}

/*
 * The images an edition's pages have copied so far, by hash: each file
 * is copied once into <year>/img/, named by the hash of its bytes, however
 * many times and on however many pages it is shown (an image repeated a
 * thousand times is still one file).  html_edition() empties it; an
 * edition's pages are written by one process, one after the other.
 */
static struct {
	char	**hash;		/* owned */
	size_t	  n, cap;
} copied;

static void
copied_clear(void)
{
	size_t	 i;

	for (i = 0; i < copied.n; i++)
		free(copied.hash[i]);
	free(copied.hash);
	memset(&copied, 0, sizeof(copied));
}

/* Has hash been copied?  If not, records it (the list kept sorted). */
static int
copied_before(const char *hash)
{
	size_t	 lo = 0, hi = copied.n, mid;
	int	 c;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if ((c = strcmp(hash, copied.hash[mid])) == 0)
			return 1;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	if (copied.n == copied.cap) {
		copied.cap = copied.cap ? copied.cap * 2 : 16;
		copied.hash = xreallocarray(copied.hash, copied.cap,
		    sizeof(*copied.hash));
	}
	memmove(copied.hash + lo + 1, copied.hash + lo,
	    (copied.n - lo) * sizeof(*copied.hash));
	copied.hash[lo] = xstrdup(hash);
	copied.n++;
	return 0;
}

/* Copies the image of s into <year>/img/<hash>.png (.jpg, .svg), once
 * per edition, and writes its <img>: its size given, so the page does
 * not move as it loads, and loaded only when scrolled near. */
static void
rndr_image(struct page *p, const struct span *s)
{
	static const char *const ext[IMG__MAX] = {
		"png",		/* IMG_PNG */
		"jpg",		/* IMG_JPEG */
		"svg",		/* IMG_SVG */
	};
	struct buf	 data = { NULL, 0, 0 }, alt = { NULL, 0, 0 };
	char		*rel;

	plain(&alt, s->child);
	if (s->path == NULL || p->e == NULL) {
		/* Refused by the loader: the build has stopped before. */
		txt(p, alt.data);
		buf_free(&alt);
		return;
	}
	rel = xasprintf("%d/img/%s.%s", p->e->year, s->hash, ext[s->kind]);
	if (!copied_before(s->hash) && (!file_read_sys(s->path,
	    MAX_FILE_SIZE, &data) || !out_write(p->od, rel, data.data,
	    data.len)))
		p->ok = 0;
	pf(p, "<img src=\"%s\" alt=\"", strchr(rel, '/') + 1);
	attr(p, alt.data);
	pf(p, "\" width=\"%d\" height=\"%d\" loading=\"lazy\"", s->w,
	    s->h);
	if (s->title != NULL && s->title[0] != '\0') {
		PUTSL(p, " title=\"");
		attr(p, s->title);
		PUTSL(p, "\"");
	}
	PUTSL(p, ">");
	free(rel);
	buf_free(&data);
	buf_free(&alt);
}

/* The site's address of a link between narratives, relative to the
 * page p: "#accueil" in the same page, "mesure-05.html#accueil" in the
 * same edition, "../2015/mesure-05.html" in another. */
static void
ref_href(struct page *p, const struct xref *x)
{
	char		 mfile[64], *pfile = NULL;
	const char	*file = mfile;

	/* A part's page is named as its file is, up to 64 bytes:
	 * allocated, never cut. */
	if (x->m != NULL)
		measure_file(mfile, sizeof(mfile), x->m);
	else
		file = pfile = xasprintf("%s.html", x->pt->slug);
	if (x->e != p->e)
		pf(p, "../%d/", x->e->year);
	if (x->e != p->e || strcmp(file, p->name) != 0 || x->anchor == NULL)
		html_esc_href(&p->b, file);
	if (x->anchor != NULL) {
		PUTSL(p, "#");
		html_esc_href(&p->b, x->anchor);
	}
	free(pfile);
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
			if (s->ref != NULL)
				ref_href(p, s->ref);
			else
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
		case SPAN_LANG:
			PUTSL(p, "<span lang=\"");
			attr(p, s->text);
			PUTSL(p, "\">");
			rndr_spans(p, s->child);
			PUTSL(p, "</span>");
			break;
		case SPAN__MAX:
		default:
			abort();
		}
	}
}

/* The bytes that may begin a letter of utf8_is_rtl()'s blocks (U+0590
 * to U+08FF: 0xd6 to 0xe0; U+FB1D on: 0xef; plane 1: 0xf0), and the
 * string's end. */
static const unsigned char rtl_stop[256] = {
	[0] = 1,
	[0xd6] = 1, [0xd7] = 1, [0xd8] = 1, [0xd9] = 1, [0xda] = 1,
	[0xdb] = 1, [0xdc] = 1, [0xdd] = 1, [0xde] = 1, [0xdf] = 1,
	[0xe0] = 1, [0xef] = 1, [0xf0] = 1,
};

/* utf8_has_rtl(s), not decoding s when it has none of those bytes, as
 * most text. */
static int
text_rtl(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	while (!rtl_stop[*u])
		u++;
	return *u != '\0' && utf8_has_rtl(s);
}

/* Has the text of spans a right-to-left letter?  Such a paragraph or
 * heading gets dir="auto": the browser then sets it in the direction of
 * its first strong letter, as pango does in the PDF, and a mixed Arabic
 * and English one reads in the right order.  Others keep no dir. */
static int
spans_rtl(const struct span *s)
{
	for (; s != NULL; s = s->next)
		if ((s->text != NULL && text_rtl(s->text)) ||
		    spans_rtl(s->child))
			return 1;
	return 0;
}

/* The direction of the first strong letter of s, else of the spans
 * after it: 1 right to left, 0 left to right, -1 none (digits,
 * punctuation, symbols).  Letters of the right-to-left blocks are
 * utf8_is_rtl()'s; below U+2000 and from U+3040 (CJK) on, the others
 * are taken as left to right. */
static int
spans_dir(const struct span *s)
{
	const char	*t;
	size_t		 len, n;
	unsigned	 c;
	int		 d;

	for (; s != NULL; s = s->next) {
		for (t = s->text, len = t ? strlen(t) : 0; len > 0;
		    t += n, len -= n) {
			if (utf8_is_rtl(c = utf8_get(t, len, &n)))
				return 1;
			if ((c < 0x80 && ((c | 0x20) >= 'a' && (c | 0x20) <=
			    'z')) || (c >= 0xc0 && c < 0x2000 && c != 0xd7 &&
			    c != 0xf7) || (c >= 0x3040 && c < 0xfb00))
				return 0;
		}
		if ((d = spans_dir(s->child)) >= 0)
			return d;
	}
	return -1;
}

/* The dir of list item k when its list holds a right-to-left item: its
 * first paragraph's direction ("rtl", "ltr"); NULL in other lists (a
 * browser's dir="auto" would skip the <p dir="auto"> of a loose item,
 * and a list's the items'). */
static const char *
item_dir(const struct block *k, int rtl_list)
{
	if (!rtl_list || k == NULL || k->child == NULL ||
	    k->child->type != BLOCK_PARAGRAPH)
		return NULL;
	return spans_dir(k->child->ins) == 1 ? "rtl" : "ltr";
}

/* Has list k's an item whose first paragraph has a right-to-left
 * letter? */
static int
list_rtl(const struct block *k)
{
	for (k = k->child; k != NULL; k = k->next)
		if (k->child != NULL && k->child->type == BLOCK_PARAGRAPH &&
		    spans_rtl(k->child->ins))
			return 1;
	return 0;
}

static void rndr_blocks(struct page *, const struct block *, int);

/* List item k (rtl: its list holds a right-to-left one), in its
 * direction there (a tight item's text has no <p>). */
static void
rndr_item(struct page *p, const struct block *k, int tight, int rtl)
{
	const char	*d;

	if ((d = item_dir(k, rtl)) != NULL)
		pf(p, "<li dir=\"%s\">", d);
	else
		PUTSL(p, "<li>");
	rndr_blocks(p, k->child, tight);
	PUTSL(p, "</li>\n");
}

/* A list that opens with a right-to-left item has its markers on the
 * right; each item of a list with one is set in its own direction. */
static void
rndr_list(struct page *p, const struct block *k)
{
	const struct block *i;
	const char	*d;
	int		 rtl = list_rtl(k);

	pf(p, "<%s", k->ordered ? "ol" : "ul");
	if ((d = item_dir(k->child, rtl)) != NULL && strcmp(d, "rtl") == 0)
		PUTSL(p, " dir=\"rtl\"");
	if (k->ordered && k->start != 1)
		pf(p, " start=\"%d\"", k->start);
	PUTSL(p, ">\n");
	for (i = k->child; i != NULL; i = i->next)
		rndr_item(p, i, k->tight, rtl);
	puts_(p, k->ordered ? "</ol>\n" : "</ul>\n");
}

/* Blocks of a narrative; its headings start at level 2 under the page's
 * h1.  In a tight list item, paragraphs lose their <p>. */
static void
rndr_blocks(struct page *p, const struct block *k, int tight)
{
	int		 lv;

	for (; k != NULL; k = k->next) {
		switch (k->type) {
		case BLOCK_PARAGRAPH:
			if (!tight)
				puts_(p, spans_rtl(k->ins) ? "<p dir=\"auto\">" :
				    "<p>");
			rndr_spans(p, k->ins);
			puts_(p, tight ? "\n" : "</p>\n");
			break;
		case BLOCK_HEADING:
			lv = k->level < 2 ? 2 : k->level > 6 ? 6 : k->level;
			/* An id from its text, for the page's contents and
			 * links (xref.c). */
			pf(p, "<h%d%s id=\"", lv, spans_rtl(k->ins) ?
			    " dir=\"auto\"" : "");
			attr(p, k->id != NULL ? k->id : "section");
			PUTSL(p, "\">");
			rndr_spans(p, k->ins);
			pf(p, "</h%d>\n", lv);
			break;
		case BLOCK_LIST:
			rndr_list(p, k);
			break;
		case BLOCK_ITEM:
			/* Not outside a list: a list renders its items. */
			rndr_item(p, k, tight, 0);
			break;
		case BLOCK_QUOTE:
			PUTSL(p, "<blockquote>\n");
			rndr_blocks(p, k->child, 0);
			PUTSL(p, "</blockquote>\n");
			break;
		case BLOCK_CODE:
			if (k->info != NULL) {
				/* The info string's first word, as CommonMark
				 * renderers give it. */
				char *lang = xstrndup(k->info, strcspn(k->info,
				    " \t"));
				PUTSL(p, "<pre><code class=\"language-");
				attr(p, lang);
				PUTSL(p, "\">");
				free(lang);
			} else
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

/* The level-2 headings of blocks as links to their ids; a heading in a
 * block quote is part of the quotation, not of the page's outline. */
static void
toc_blocks(struct page *p, const struct block *k, int *n)
{
	struct buf	 t = { NULL, 0, 0 };

	for (; k != NULL; k = k->next) {
		if (k->type == BLOCK_QUOTE)
			continue;
		if (k->type == BLOCK_HEADING && k->level <= 2 && !k->quoted) {
			plain(&t, k->ins);
			PUTSL(p, "<li><a href=\"#");
			attr(p, k->id != NULL ? k->id : "section");
			PUTSL(p, "\">");
			txt(p, t.data);
			PUTSL(p, "</a></li>\n");
			buf_reset(&t);
			++*n;
		}
		toc_blocks(p, k->child, n);
	}
	buf_free(&t);
}

/*
 * A long page in two columns: the text, and an aside with the page's
 * contents.  The aside is written after the text (its entries follow the
 * narrative) but put before it in the file (aside_open() takes the text
 * out, aside_close() puts it back after the aside), so that « Sur cette
 * page » comes first in reading and keyboard order; the style sheet shows
 * it beside the text on wide screens, above it on narrow ones.
 */
static void
aside_begin(struct page *p)
{
	PUTSL(p, "<div class=\"with-aside\">\n");
	p->main_at = p->b.len;
	PUTSL(p, "<div class=\"main-col\">\n");
}

/* Closes the main column and opens the aside with the page's contents,
 * whose list is left open for the caller to fill. */
static void
aside_open(struct page *p)
{
	PUTSL(p, "</div>\n");
	/* Taken out, so that the aside is written in its place and the
	 * column copied once after it. */
	p->nmain = p->b.len - p->main_at;
	p->main_col = xmalloc(p->nmain);
	memcpy(p->main_col, p->b.data + p->main_at, p->nmain);
	p->b.len = p->main_at;
	p->b.data[p->b.len] = '\0';
	puts_(p, T("<aside class=\"aside\" aria-labelledby=\"sommaire\">"
	    "\n<h2 id=\"sommaire\" class=\"aside-title\">Sur cette page</h2>\n"
	    "<ul class=\"toc\">\n"));
}

/* Closes the aside, puts the main column back after it, and closes the
 * layout. */
static void
aside_close(struct page *p)
{
	PUTSL(p, "</aside>\n");
	buf_put(&p->b, p->main_col, p->nmain);
	free(p->main_col);
	p->main_col = NULL;
	PUTSL(p, "</div>\n");
}

/* ---- numbers ---- */

/* A value as the tables show it: with its unit when it is % or a
 * currency, the other units being named in the column head. */
static void
value_str(char *buf, size_t sz, double v, const char *unit)
{
	fmt_value(buf, sz, v, unit);
}

static int
unit_inline(const char *unit)
{
	return fmt_unit_inline(unit);
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
	enum status sts[STATUS__MAX];
	size_t	 i, n;

	n = scale_legend(&p->r->plan, NULL, sts);
	PUTSL(p, "<ul class=\"counts\">");
	for (i = 0; i < n; i++) {
		if (c->n[sts[i]] == 0)
			continue;
		PUTSL(p, "<li>");
		badge(p, sts[i]);
		pf(p, "<span class=\"count\">%zu</span></li>",
		    c->n[sts[i]]);
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
	    "<span class=\"visually-hidden\">", file);
	txt(p, p->r->plan.levels[MLEVEL(&p->r->plan)].singular);
	PUTSL(p, " </span>");
	num_nb(p, &p->r->plan.levels[MLEVEL(&p->r->plan)], m->num);
	PUTSL(p, "</span><span class=\"mtitle\">");
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
	else
		puts_(p, T("<span class=\"to-write\">À rédiger</span>"));
	if (a != NULL && pa != NULL) {
		pf(p, "<span class=\"mprev\">%d%s", p->e->prev->year, T(NBSP ": "));
		txt(p, status_name(&p->r->plan, pa->status));
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
	size_t		 i, np = plan_groups(pl);

	for (i = 0; i < e->nfront + np + e->nback; i++) {
		if (i >= e->nfront && i < e->nfront + np) {
			priority_file(file, sizeof(file),
			    &pl->prios[i - e->nfront]);
			pf(p, "<li><a href=\"%s\">", file);
			label_nb(p, 0, pl->prios[i - e->nfront].num);
			puts_(p, T(NBSP ": "));
			txt(p, pl->prios[i - e->nfront].title);
			PUTSL(p, "</a></li>\n");
			continue;
		}
		pt = i < e->nfront ? &e->front[i] :
		    &e->back[i - e->nfront - np];
		pf(p, "<li><a href=\"%s.html\"%s>", pt->slug, pt == cur ?
		    " aria-current=\"page\"" : "");
		txt(p, pt->title);
		PUTSL(p, "</a></li>\n");
	}
}

/* A chart's drawing and its text alternative: the narrow variant on
 * screens up to 40rem, whose text stays 11 CSS px or more down to 320
 * px (280 px of drawing); the full-width file on wider ones, which its
 * width (gen/chart.h CHART_WIDTH) keeps at 11 px from 40rem up.  The
 * site's style sheet caps the narrow variant's size on the same
 * condition. */
static void
chart_picture(struct page *p, const char *file, const char *desc)
{
	char	*narrow;

	narrow = chart_file_narrow(file);
	PUTSL(p, "<picture><source media=\"(max-width: 40rem)\" srcset=\"");
	html_esc_href(&p->b, narrow);
	PUTSL(p, "\"><img src=\"");
	html_esc_href(&p->b, file);
	PUTSL(p, "\" alt=\"");
	attr(p, desc);
	PUTSL(p, "\"></picture>\n");
	free(narrow);
}

/* A chart of the whole edition: the drawing carries its title, which the
 * caption repeats for those who do not see it. */
static void
edition_figure(struct page *p, const char *file, const char *title,
    const char *desc)
{
	PUTSL(p, "<figure class=\"chart\">\n");
	chart_picture(p, file, desc);
	PUTSL(p, "<figcaption><span class=\"visually-hidden\">");
	txt(p, title);
	puts_(p, T(". </span><span class=\"fig-source\">Source" NBSP ": "));
	txt(p, p->e->institution);
	pf(p, T(".</span> <a class=\"fig-open\" href=\"%s\">Agrandir le "
	    "graphique</a></figcaption>\n</figure>\n"), file);
}

/* ---- the dashboard ---- */

/* A key figure: how many measures have status st of the plan's scale. */
static void
keyfig_status(struct page *p, const struct counts *c,
    const struct scale_status *st)
{
	size_t	 n = c->n[st->slot];
	char	*w = word(p, MLEVEL(&p->r->plan), !i18n_singular(n));

	pf(p, T("<li><span class=\"kf-num\">%zu</span> <span class=\"kf-lab\">"
	    "%s au statut « "), n, w);
	txt(p, st->label);
	puts_(p, T(" »</span></li>\n"));
	free(w);
}

/* The top of the dashboard: the edition's title, publisher, date and the
 * buttons to the report's files and parts. */
static void
dashboard_hero(struct page *p)
{
	const struct edition *e = p->e;
	char		 date[64];
	size_t		 i;

	fmt_date(date, sizeof(date), e->date);
	PUTSL(p, "<div class=\"hero\">\n");
	pf(p, T("<p class=\"kicker\">Rapport d’évaluation %d</p>\n<h1>"),
	    e->year);
	txt(p, e->title);
	PUTSL(p, "</h1>\n");
	if (e->subtitle != NULL) {
		PUTSL(p, "<p class=\"subtitle\">");
		txt(p, e->subtitle);
		PUTSL(p, "</p>\n");
	}
	PUTSL(p, "<p class=\"byline\">");
	txt(p, e->institution);
	pf(p, T("<br>Publié le <time datetime=\"%s\">%s</time></p>\n"),
	    e->date, date);
	PUTSL(p, "<ul class=\"actions\">\n");
	if (p->o->formats & FORMAT_PDF)
		pf(p, T("<li><a class=\"button\" href=\"%s-%d.pdf\">"
		    "Rapport complet (PDF)</a></li>\n"), fname(FNAME_REPORT),
		    e->year);
	for (i = 0; i < e->nfront; i++) {
		pf(p, "<li><a class=\"button%s\" href=\"%s.html\">",
		    p->o->formats & FORMAT_PDF || i > 0 ? " secondary" : "",
		    e->front[i].slug);
		txt(p, e->front[i].title);
		PUTSL(p, "</a></li>\n");
	}
	pf(p, T("<li><a class=\"button secondary\" href=\"%s\">"
	    "Données</a></li>\n"), fname(FNAME_DATA));
	PUTSL(p, "</ul>\n</div>\n");
}

/* The plan's indicators (*ninds) and those with a value for the edition's
 * year in some series (*nfilled). */
static void
count_indicators(const struct plan *pl, int year, size_t *ninds,
    size_t *nfilled)
{
	const struct indicator *ind;
	size_t		 i, j, k;

	*ninds = *nfilled = 0;
	for (i = 0; i < pl->nmeasures; i++)
		for (j = 0; j < pl->measures[i].ninds; j++) {
			ind = &pl->measures[i].inds[j];
			(*ninds)++;
			for (k = 0; k < ind->nseries; k++)
				if (series_at(&ind->series[k], year) != NULL)
					break;
			*nfilled += k < ind->nseries;
		}
}

/* ntrend[], by enum change: how the measures assessed in both the edition
 * and the one before moved. */
static void
count_trends(const struct plan *pl, const struct edition *e,
    size_t ntrend[CHANGE__MAX])
{
	const struct assessment *a, *pa;
	size_t		 i;

	for (i = 0; i < CHANGE__MAX; i++)
		ntrend[i] = 0;
	for (i = 0; i < pl->nmeasures; i++)
		if ((a = report_assessment(&pl->measures[i], e->year)) !=
		    NULL && (pa = report_assessment(&pl->measures[i],
		    e->prev->year)) != NULL)
			ntrend[report_change(pl, pa->status, a->status)]++;
}

/* The key figures of the CNCDH's scale: the measures done or partly
 * done, and those not done; in words that agree with the measures' name
 * when it is the default one, else by the statuses' names. */
static void
keyfigs_cncdh(struct page *p, const struct counts *c)
{
	const struct plan *pl = &p->r->plan;
	size_t		 n = c->n[STATUS_IMPLEMENTED] + c->n[STATUS_PARTIAL];
	char		*w;

	if (!level_words_default(pl, MLEVEL(pl))) {
		w = word(p, MLEVEL(pl), !i18n_singular(n));
		pf(p, T("<li><span class=\"kf-num\">%zu</span> <span "
		    "class=\"kf-lab\">%s au statut « "), n, w);
		free(w);
		txt(p, status_name(pl, STATUS_IMPLEMENTED));
		puts_(p, T(" » ou « "));
		txt(p, status_name(pl, STATUS_PARTIAL));
		puts_(p, T(" »</span></li>\n"));
		keyfig_status(p, c, pl->status[STATUS_NOT_IMPLEMENTED]);
		return;
	}
	pf(p, T("<li><span class=\"kf-num\">%zu</span> <span "
	    "class=\"kf-lab\">mesures réalisées ou partiellement "
	    "réalisées</span></li>\n"), n);
	pf(p, T("<li><span class=\"kf-num\">%zu</span> <span "
	    "class=\"kf-lab\">mesures non réalisées</span></li>\n"),
	    c->n[STATUS_NOT_IMPLEMENTED]);
}

/* The key figure of the measures whose status moved since the edition
 * before. */
static void
keyfig_trends(struct page *p)
{
	const struct plan *pl = &p->r->plan;
	const struct edition *e = p->e;
	size_t		 ntrend[CHANGE__MAX];
	int		 dflt = level_words_default(pl, MLEVEL(pl));
	char		*w;

	count_trends(pl, e, ntrend);
	w = word(p, MLEVEL(pl), !i18n_singular(ntrend[CHANGE_BETTER]));
	pf(p, T("<li><span class=\"kf-num\">%zu</span> <span "
	    "class=\"kf-lab\">%s en progrès depuis %d, %zu "
	    "stables, %zu en recul%s%s%s</span></li>\n"),
	    ntrend[CHANGE_BETTER], w, e->prev->year, ntrend[CHANGE_SAME],
	    ntrend[CHANGE_WORSE], ntrend[CHANGE_OTHER] == 0 ? "" :
	    ntrend[CHANGE_OTHER] == 1 ? (dflt ? T(", 1 passée par « ") :
	    T(", 1 au statut « ")) : dflt ? T(", d’autres passées par « ") :
	    T(", d’autres au statut « "), ntrend[CHANGE_OTHER] == 0 ?
	    "" : status_name(pl, STATUS_NOT_ASSESSED),
	    ntrend[CHANGE_OTHER] == 0 ? "" : T(" »"));
	free(w);
}

/* The key figures of the edition; c counts its measures by status. */
static void
dashboard_keyfigs(struct page *p, const struct counts *c)
{
	const struct plan *pl = &p->r->plan;
	const struct edition *e = p->e;
	size_t		 ninds, nfilled;
	char		*w = word(p, MLEVEL(pl), !i18n_singular(c->total));

	puts_(p, T("<section class=\"keyfigs\" aria-labelledby=\"chiffres\">\n"
	    "<h2 id=\"chiffres\">Chiffres clés</h2>\n<ul>\n"));
	if (level_words_default(pl, MLEVEL(pl)))
		pf(p, T("<li><span class=\"kf-num\">%zu</span> <span "
		    "class=\"kf-lab\">mesures évaluées</span></li>\n"),
		    c->total);
	else
		pf(p, T("<li><span class=\"kf-num\">%zu</span> <span "
		    "class=\"kf-lab\">%s ayant reçu une appréciation</span>"
		    "</li>\n"), c->total, w);
	if (pl->own_scale) {	/* the best and the worst of the scale */
		keyfig_status(p, c, &pl->scale[0]);
		if (pl->nscale > 1)
			keyfig_status(p, c, &pl->scale[pl->nscale - 1]);
	} else
		keyfigs_cncdh(p, c);
	if (e->prev != NULL)
		keyfig_trends(p);
	free(w);
	count_indicators(pl, e->year, &ninds, &nfilled);
	pf(p, T("<li><span class=\"kf-num\">%zu</span> <span class=\"kf-lab\">"
	    "indicateurs suivis, dont %zu renseignés pour %d</span></li>\n"),
	    ninds, nfilled, e->year);
	PUTSL(p, "</ul>\n</section>\n");
}

/* One of the edition's charts, with its title and description. */
static void
dashboard_chart(struct page *p, const char *file,
    char *(*title_of)(const struct report *, const struct edition *),
    char *(*desc_of)(const struct report *, const struct edition *))
{
	char		*title, *desc;

	title = title_of(p->r, p->e);
	desc = desc_of(p->r, p->e);
	edition_figure(p, file, title, desc);
	free(title);
	free(desc);
}

/* The numbers of the status charts: measures by status in the edition
 * (c) and, when there is one, in the edition before. */
static void
counts_table(struct page *p, struct measure **all, const struct counts *c)
{
	const struct plan *pl = &p->r->plan;
	const struct edition *e = p->e;
	struct counts	 pc;
	enum status	 sts[STATUS__MAX];
	size_t		 i, nst;
	char		*w = word(p, MLEVEL(pl), 1);

	/* "de" elides before a vowel: another name takes "des". */
	if (level_words_default(pl, MLEVEL(pl)))
		pf(p, T("<table class=\"data counts-table\">\n<caption>"
		    "Nombre de %s par appréciation"), w);
	else
		pf(p, T("<table class=\"data counts-table\">\n<caption>"
		    "Répartition des %s par appréciation"), w);
	free(w);
	pf(p, T(" en %d</caption>\n<thead><tr><th scope=\"col\">Appréciation"
	    "</th><th scope=\"col\" class=\"num\">"), e->year);
	txt(p, pl->levels[MLEVEL(pl)].plural);
	PUTSL(p, "</th>");
	if (e->prev != NULL)
		pf(p, T("<th scope=\"col\" class=\"num\">Rappel %d</th>"),
		    e->prev->year);
	PUTSL(p, "</tr></thead>\n<tbody>\n");
	if (e->prev != NULL)
		count_statuses(e->prev, all, pl->nmeasures, &pc);
	nst = scale_legend(pl, c->n, sts);
	for (i = 0; i < nst; i++) {
		PUTSL(p, "<tr><th scope=\"row\">");
		badge(p, sts[i]);
		pf(p, "</th><td class=\"num\">%zu</td>", c->n[sts[i]]);
		if (e->prev != NULL)
			pf(p, "<td class=\"num\">%zu</td>", pc.n[sts[i]]);
		PUTSL(p, "</tr>\n");
	}
	pf(p, "</tbody>\n<tfoot><tr><th scope=\"row\">Total</th>"
	    "<td class=\"num\">%zu</td>", c->total);
	if (e->prev != NULL)
		pf(p, "<td class=\"num\">%zu</td>", pc.total);
	PUTSL(p, "</tr></tfoot>\n</table>\n");
}

/* Status overview: the charts, then their numbers. */
static void
dashboard_overview(struct page *p, struct measure **all,
    const struct counts *c)
{
	const struct edition *e = p->e;
	char		*w = word(p, MLEVEL(&p->r->plan),
	    !i18n_singular(p->r->plan.nmeasures));

	PUTSL(p, "<section aria-labelledby=\"avancement\">\n");
	pf(p, T("<h2 id=\"avancement\">Avancement des %zu %s en %d</h2>\n"),
	    p->r->plan.nmeasures, w, e->year);
	free(w);
	dashboard_chart(p, fname(FNAME_CHART_STATUS), chart_title_status,
	    chart_desc_status);
	/* The progress chart, then the table that holds the numbers of
	 * both charts: one above the other, so that the chart has the
	 * column's width (gen/chart.h CHART_WIDTH). */
	if (e->prev != NULL)
		dashboard_chart(p, fname(FNAME_CHART_PROGRESS),
		    chart_title_progress,
		    chart_desc_progress);
	counts_table(p, all, c);
	PUTSL(p, "</section>\n");
}

/* The measures of a plan of one level, under their level's name: the
 * overview above has their counts. */
static void
dashboard_flat(struct page *p)
{
	const struct plan *pl = &p->r->plan;
	size_t		 i;

	PUTSL(p, "<section aria-labelledby=\"priorites\">\n"
	    "<h2 id=\"priorites\">");
	txt(p, pl->levels[MLEVEL(pl)].plural);
	PUTSL(p, "</h2>\n<ol class=\"mlist\">\n");
	for (i = 0; i < pl->nmeasures; i++)
		measure_item(p, &pl->measures[i], 0);
	PUTSL(p, "</ol>\n</section>\n");
}

/* The measures, by priority, with the counts of each. */
static void
dashboard_priorities(struct page *p)
{
	const struct plan *pl = &p->r->plan;
	const struct priority *pr;
	struct counts	 pc;
	char		 file[64], *mw, *pw;
	size_t		 i, j;

	if (plan_flat(pl)) {
		dashboard_flat(p);
		return;
	}
	mw = word(p, MLEVEL(pl), 1);
	pw = word(p, 0, 0);
	pf(p, T("<section aria-labelledby=\"priorites\">\n"
	    "<h2 id=\"priorites\">Les %s, par %s</h2>\n"), mw, pw);
	free(mw);
	free(pw);
	for (i = 0; i < pl->nprios; i++) {
		pr = &pl->prios[i];
		priority_file(file, sizeof(file), pr);
		count_statuses(p->e, pr->measures, pr->nmeasures, &pc);
		PUTSL(p, "<section class=\"prio\">\n");
		pf(p, "<h3><a href=\"%s\"><span class=\"prio-num\">", file);
		label_nb(p, 0, pr->num);
		PUTSL(p, "</span> ");
		txt(p, pr->title);
		PUTSL(p, "</a></h3>\n");
		counts_line(p, &pc);
		PUTSL(p, "<ol class=\"mlist\">\n");
		for (j = 0; j < pr->nmeasures; j++)
			measure_item(p, pr->measures[j], 0);
		PUTSL(p, "</ol>\n</section>\n");
	}
	PUTSL(p, "</section>\n");
}

/* The report's other parts and files. */
static void
dashboard_parts(struct page *p)
{
	int		 year = p->e->year;

	puts_(p, T("<section aria-labelledby=\"rapport\">\n"
	    "<h2 id=\"rapport\">Le rapport</h2>\n<ul class=\"parts\">\n"));
	parts_list(p, NULL);
	pf(p, T("<li><a href=\"%s\">Données des indicateurs</a>"
	    " (<a href=\"data/%s-%d.csv\">CSV</a>)</li>\n"),
	    fname(FNAME_DATA), fname(FNAME_INDICATORS), year);
	pf(p, T("<li><a href=\"%s-%d.svg\">Synthèse visuelle de "
	    "l’édition (SVG)</a></li>\n"), fname(FNAME_SYNTHESIS), year);
	if (p->o->formats & FORMAT_PDF)
		pf(p, T("<li><a href=\"%s-%d.pdf\">Rapport complet (PDF)"
		    "</a></li>\n"), fname(FNAME_REPORT), year);
	PUTSL(p, "</ul>\n</section>\n");
}

static int
page_dashboard(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od)
{
	const struct plan *pl = &r->plan;
	struct page	 p;
	struct counts	 c;
	struct measure	**all;
	struct crumb	 cr[] = {
		{ "../index.html", T("Éditions") },
		{ NULL, NULL },
	};
	char		 crl[64];
	size_t		 i;

	page_init(&p, r, e, o, od, "index.html");
	snprintf(crl, sizeof(crl), T("Rapport %d"), e->year);
	cr[1].label = crl;
	page_begin(&p, T("Tableau de bord"), "index.html", cr, 2);
	all = xcalloc(pl->nmeasures, sizeof(*all));
	for (i = 0; i < pl->nmeasures; i++)
		all[i] = &pl->measures[i];
	count_statuses(e, all, pl->nmeasures, &c);
	dashboard_hero(&p);
	dashboard_keyfigs(&p, &c);
	dashboard_overview(&p, all, &c);
	dashboard_priorities(&p);
	dashboard_parts(&p);
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
	char		 file[64], *title, crl[64], *w;
	struct crumb	 cr[3];
	size_t		 i, j;

	priority_file(file, sizeof(file), pr);
	page_init(&p, r, e, o, od, file);
	snprintf(crl, sizeof(crl), T("Rapport %d"), e->year);
	cr[0] = (struct crumb){ "../index.html", T("Éditions") };
	cr[1] = (struct crumb){ "index.html", crl };
	cr[2] = (struct crumb){ NULL, pr->label };
	/* Titles have no bound: a fixed buffer would cut one mid-letter. */
	title = xasprintf(T("%s" NBSP ": %s"), pr->label, pr->title);
	page_begin(&p, title, file, cr, 3);
	free(title);

	PUTSL(&p, "<h1><span class=\"h1-kicker\">");
	label_nb(&p, 0, pr->num);
	PUTSL(&p, "</span> ");
	txt(&p, pr->title);
	PUTSL(&p, "</h1>\n");
	count_statuses(e, pr->measures, pr->nmeasures, &c);
	w = word(&p, MLEVEL(&r->plan), !i18n_singular(pr->nmeasures));
	pf(&p, T("<p class=\"lead\">%zu %s. Appréciation en %d" NBSP ":</p>"
	    "\n"), pr->nmeasures, w, e->year);
	free(w);
	counts_line(&p, &c);
	if (pr->nobjs == 0) {
		PUTSL(&p, "<h2>");
		txt(&p, r->plan.levels[MLEVEL(&r->plan)].plural);
		PUTSL(&p, "</h2>\n<ol class=\"mlist\">\n");
		for (j = 0; j < pr->nmeasures; j++)
			measure_item(&p, pr->measures[j], 1);
		PUTSL(&p, "</ol>\n");
	}
	for (i = 0; i < pr->nobjs; i++) {
		const struct objective *ob = &pr->objs[i];

		/* h2, or h3 for an objective within an objective. */
		pf(&p, "<section class=\"objective\">\n<h%zu><span "
		    "class=\"obj-num\">", ob->level + 1);
		label_nb(&p, ob->level, ob->num);
		PUTSL(&p, "</span> ");
		txt(&p, ob->title);
		pf(&p, "</h%zu>\n", ob->level + 1);
		if (ob->nmeasures > 0) {
			PUTSL(&p, "<ol class=\"mlist\">\n");
			for (j = 0; j < ob->nmeasures; j++)
				measure_item(&p, ob->measures[j], 1);
			PUTSL(&p, "</ol>\n");
		}
		PUTSL(&p, "</section>\n");
	}
	return page_end(&p);
}

/* ---- measures ---- */

/* A measure's objective in its facts, after the objectives it is in. */
static void
facts_objective(struct page *p, const struct objective *ob)
{
	const struct level *lv = &p->r->plan.levels[ob->level];

	if (ob->parent != NULL)
		facts_objective(p, ob->parent);
	PUTSL(p, "<div><dt>");
	txt(p, lv->singular);
	PUTSL(p, "</dt><dd>");
	num_nb(p, lv, ob->num);
	puts_(p, T(NBSP ": "));
	txt(p, ob->title);
	PUTSL(p, "</dd></div>\n");
}

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
		puts_(p, T("</td><td><span class=\"illus\">Valeur "
		    "illustrative</span></td>"));
	else
		pf(p, "</td><td>%s</td>", remark);
	PUTSL(p, "</tr>\n");
}

/* The opening of an indicator's data table, up to its label in the
 * caption. */
static void
data_table_open(struct page *p, const struct indicator *ind)
{
	/* A region that may scroll sideways on a small screen takes the
	 * focus, so that the keyboard can scroll it. */
	pf(p, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" "
	    "aria-labelledby=\"cap-%s\">\n<table class=\"data\" "
	    "id=\"tab-%s\">\n<caption id=\"cap-%s\">", ind->id, ind->id,
	    ind->id);
	puts_(p, T("Données" NBSP ": "));
	txt(p, ind->label);
}

/* The unit in parentheses, unless it goes beside each value. */
static void
unit_paren(struct page *p, const char *unit)
{
	if (unit_inline(unit))
		return;
	PUTSL(p, " (");
	txt(p, unit);
	PUTSL(p, ")");
}

/* One row of a series' table: the year, the value, its remark. */
static void
series_row(struct page *p, const struct indicator *ind,
    const struct value *v)
{
	char		 num[64];

	value_str(num, sizeof(num), v->v, ind->unit);
	pf(p, "<tr><th scope=\"row\">%d</th><td class=\"num\">"
	    "%s</td><td>", v->year, num);
	if (v->illustrative)
		puts_(p, T("<span class=\"illus\">Valeur "
		    "illustrative</span>"));
	if (v->note != NULL) {
		if (v->illustrative)
			puts_(p, T(NNBSP "; "));
		txt(p, v->note);
	}
	PUTSL(p, "</td></tr>\n");
}

/* The table of an indicator with one series: years down. */
static void
series_table(struct page *p, const struct indicator *ind)
{
	const struct series *s = &ind->series[0];
	const struct value *v;
	int		 y;
	size_t		 i;

	data_table_open(p, ind);
	puts_(p, T("</caption>\n<thead><tr><th scope=\"col\">Année</th>"
	    "<th scope=\"col\" class=\"num\">Valeur"));
	unit_paren(p, ind->unit);
	puts_(p, T("</th><th scope=\"col\">Remarque</th></tr></thead>\n"
	    "<tbody>\n"));
	/* Every year from the first value to the last, as the chart and
	 * its text alternative have them: a year with no value is said
	 * so, never left out. */
	for (i = 0; i < s->nvals && s->vals[i].year <= p->e->year; i++) {
		v = &s->vals[i];
		for (y = i > 0 ? s->vals[i - 1].year + 1 : v->year;
		    y < v->year; y++)
			pf(p, T("<tr><th scope=\"row\">%d</th><td "
			    "class=\"num\"><span class=\"gap\">–"
			    "</span></td><td>Aucune valeur</td></tr>\n"),
			    y);
		series_row(p, ind, v);
	}
	PUTSL(p, "</tbody>\n");
}

/* The first (*y0, 0 if none) and last (*y1) years of ind with a value, up
 * to year. */
static void
value_span(const struct indicator *ind, int year, int *y0, int *y1)
{
	size_t		 i, k;
	int		 y;

	*y0 = *y1 = 0;
	for (k = 0; k < ind->nseries; k++)
		for (i = 0; i < ind->series[k].nvals; i++) {
			y = ind->series[k].vals[i].year;
			if (y > year)
				continue;
			if (*y0 == 0 || y < *y0)
				*y0 = y;
			if (y > *y1)
				*y1 = y;
		}
}

/* One cell of a category's row: the value of year y, or a gap. */
static void
category_cell(struct page *p, const struct indicator *ind,
    const struct series *s, int y)
{
	const struct value *v;
	char		 num[64];

	if ((v = series_at(s, y)) == NULL) {
		puts_(p, T("<td class=\"num\"><span "
		    "class=\"gap\">–</span><span "
		    "class=\"visually-hidden\">pas de "
		    "valeur</span></td>"));
		return;
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

/* The table of an indicator by categories: years across. */
static void
category_table(struct page *p, const struct indicator *ind)
{
	const struct series *s;
	int		 y, y0, y1;
	size_t		 k;

	/* The years that have a value, up to the edition's. */
	value_span(ind, p->e->year, &y0, &y1);
	data_table_open(p, ind);
	unit_paren(p, ind->unit);
	/* Every year of the span, one with no value at all included: the
	 * text alternative names it too. */
	puts_(p, T("</caption>\n<thead><tr><th scope=\"col\">Catégorie"
	    "</th>"));
	for (y = y0; y0 != 0 && y <= y1; y++)
		pf(p, "<th scope=\"col\" class=\"num\">%d</th>", y);
	PUTSL(p, "</tr></thead>\n<tbody>\n");
	for (k = 0; k < ind->nseries; k++) {
		s = &ind->series[k];
		PUTSL(p, "<tr><th scope=\"row\">");
		txt(p, s->label);
		PUTSL(p, "</th>");
		for (y = y0; y0 != 0 && y <= y1; y++)
			category_cell(p, ind, s, y);
		PUTSL(p, "</tr>\n");
	}
	PUTSL(p, "</tbody>\n");
}

/* The data table of an indicator: years down for one series, years
 * across for categories.  Values after the edition year are left out. */
static void
indicator_table(struct page *p, const struct indicator *ind)
{
	const int	 year = p->e->year;

	if (ind->categories)
		category_table(p, ind);
	else
		series_table(p, ind);
	if (!ind->categories && ((ind->baseline.set &&
	    ind->baseline.year <= year) || ind->target.set)) {
		PUTSL(p, "<tbody class=\"refs\">\n");
		if (ind->baseline.set && ind->baseline.year <= year)
			ref_row(p, ind, &ind->baseline, T("Référence"),
			    T("Valeur de départ"));
		if (ind->target.set)
			ref_row(p, ind, &ind->target, T("Cible"),
			    T("Objectif à atteindre"));
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
		pf(p, T("<p class=\"nodata\">Aucune valeur publiée pour cet "
		    "indicateur à la date de l’édition %d.</p>\n"), year);
	} else {
		file = chart_file(ind);
		desc = chart_desc(ind, year);
		title = chart_title(ind, year);
		PUTSL(p, "<figure class=\"chart\">\n");
		chart_picture(p, file, desc);
		/* The drawing has its title: the caption says it to
		 * those who do not see it, and gives the source as a
		 * link and the file at full size. */
		PUTSL(p, "<figcaption><span class=\"visually-hidden\">");
		txt(p, title);
		puts_(p, T(". </span><span class=\"fig-source\">Source" NBSP ": "));
		txt_link(p, ind->source_url, ind->source);
		PUTSL(p, ".</span> <a class=\"fig-open\" href=\"");
		html_esc_href(&p->b, file);
		puts_(p, T("\">Agrandir le graphique</a></figcaption>\n"
		    "</figure>\n"));
		free(file);
		free(desc);
		free(title);
		if (p->e->prev != NULL &&
		    (desc = chart_change(ind, year, p->e->prev->year)) != NULL) {
			pf(p, T("<p class=\"change\"><strong>Depuis l’édition "
			    "%d" NBSP ":</strong> "), p->e->prev->year);
			txt(p, desc);
			PUTSL(p, "</p>\n");
			free(desc);
		}
		indicator_table(p, ind);
	}
	if (ind->note != NULL) {
		puts_(p, T("<p class=\"note\"><strong>Note" NBSP ":</strong> "));
		txt(p, ind->note);
		PUTSL(p, "</p>\n");
	}
	PUTSL(p, "</section>\n");
}

/* The same measure in every other edition, with its status there. */
static void
other_editions(struct page *p, const struct measure *m)
{
	const struct report *r = p->r;
	const struct assessment *a;
	char		 file[64];
	size_t		 i;

	if (r->neds < 2)
		return;
	measure_file(file, sizeof(file), m);
	if (level_words_default(&r->plan, MLEVEL(&r->plan)))
		puts_(p, T("<div class=\"other-eds\">\n<h3>Cette mesure dans "
		    "les autres éditions</h3>\n<ul>\n"));
	else {
		PUTSL(p, "<div class=\"other-eds\">\n<h3>");
		label_nb(p, MLEVEL(&r->plan), m->num);
		puts_(p, T(" dans les autres éditions</h3>\n<ul>\n"));
	}
	for (i = r->neds; i > 0; i--) {
		if (&r->eds[i - 1] == p->e)
			continue;
		pf(p, T("<li><a href=\"../%d/%s\">Rapport %d</a>"),
		    r->eds[i - 1].year, file, r->eds[i - 1].year);
		if ((a = report_assessment(m, r->eds[i - 1].year)) != NULL) {
			puts_(p, T(NBSP ": "));
			badge(p, a->status);
		}
		PUTSL(p, "</li>\n");
	}
	PUTSL(p, "</ul>\n</div>\n");
}

/* The measure's facts: its priority, objective, lead and partners; in
 * a plan of one level, none may be there, and then no list. */
static void
measure_facts(struct page *p, const struct measure *m, const char *pfile)
{
	const struct plan *pl = &p->r->plan;
	size_t		 i;

	if (plan_flat(pl) && m->lead == NULL && m->npartners == 0)
		return;
	PUTSL(p, "<dl class=\"facts\">\n");
	if (!plan_flat(pl)) {
		PUTSL(p, "<div><dt>");
		txt(p, pl->levels[0].singular);
		PUTSL(p, "</dt><dd>");
		pf(p, "<a href=\"%s\">", pfile);
		num_nb(p, &pl->levels[0], m->priority->num);
		puts_(p, T(NBSP ": "));
		txt(p, m->priority->title);
		PUTSL(p, "</a></dd></div>\n");
	}
	if (m->objective != NULL)
		facts_objective(p, m->objective);
	if (m->lead != NULL) {
		puts_(p, T("<div><dt>Pilote</dt><dd>"));
		txt(p, m->lead);
		PUTSL(p, "</dd></div>\n");
	}
	if (m->npartners > 0) {
		puts_(p, T("<div><dt>Partenaires</dt><dd>"));
		for (i = 0; i < m->npartners; i++) {
			if (i > 0)
				PUTSL(p, ", ");
			txt(p, m->partners[i]);
		}
		PUTSL(p, "</dd></div>\n");
	}
	PUTSL(p, "</dl>\n");
}

/* The assessment of the measure for the edition, last edition's beside it
 * with the change, and the measure in the other editions. */
static void
measure_assessment(struct page *p, const struct measure *m)
{
	const struct edition *e = p->e;
	const struct assessment *a, *pa = NULL;
	enum change	 ch;

	a = report_assessment(m, e->year);
	if (e->prev != NULL)
		pa = report_assessment(m, e->prev->year);
	PUTSL(p, "<section class=\"assessment\" aria-labelledby=\"appr\">\n");
	pf(p, T("<h2 id=\"appr\">Appréciation %d</h2>\n"), e->year);
	if (a != NULL) {
		PUTSL(p, "<p class=\"assess-status\">");
		badge(p, a->status);
		PUTSL(p, "</p>\n<p class=\"assess-text\">");
		txt(p, a->text);
		PUTSL(p, "</p>\n");
	} else
		pf(p, T("<p class=\"to-write\"><strong>À rédiger</strong>" NBSP
		    ": l’appréciation de %d (statut et justification).</p>\n"),
		    e->year);
	if (a != NULL && pa != NULL) {
		ch = report_change(&p->r->plan, pa->status, a->status);
		pf(p, T("<div class=\"prev change-%s\">\n<p><strong>%s</strong> "
		    "par rapport à l’édition %d" NBSP ": "), change_class[ch],
		    T(change_text[ch]), e->prev->year);
		badge(p, pa->status);
		PUTSL(p, "</p>\n<p class=\"assess-text\">");
		pf(p, T("En %d" NBSP ": "), e->prev->year);
		txt(p, pa->text);
		PUTSL(p, "</p>\n</div>\n");
	}
	other_editions(p, m);
	PUTSL(p, "</section>\n");
}

/* The measure's narrative, then its indicators. */
static void
measure_body(struct page *p, const struct measure *m)
{
	const struct edition *e = p->e;
	size_t		 i;

	PUTSL(p, "<div class=\"narrative\">\n");
	if (e->narr[m->index].blocks != NULL)
		rndr_blocks(p, e->narr[m->index].blocks, 0);
	else if (level_words_default(&p->r->plan, MLEVEL(&p->r->plan)))
		pf(p, T("<p class=\"to-write\"><strong>À rédiger</strong>" NBSP
		    ": le récit de cette mesure pour l’édition %d.</p>\n"),
		    e->year);	/* a draft's gap */
	else
		pf(p, T("<p class=\"to-write\"><strong>À rédiger</strong>" NBSP
		    ": le récit pour l’édition %d.</p>\n"), e->year);
	PUTSL(p, "</div>\n");
	if (m->ninds == 0)
		return;
	puts_(p, T("<section class=\"indicators\" aria-labelledby="
	    "\"indicateurs\">\n<h2 id=\"indicateurs\">Indicateurs</h2>"
	    "\n"));
	pf(p, T("<p class=\"data-link\">Les valeurs de tous les "
	    "indicateurs sont aussi disponibles en "
	    "<a href=\"data/%s-%d.csv\">fichier CSV</a> "
	    "(<a href=\"%s\">description</a>).</p>\n"),
	    fname(FNAME_INDICATORS), e->year, fname(FNAME_DATA));
	for (i = 0; i < m->ninds; i++)
		indicator_section(p, &m->inds[i]);
	PUTSL(p, "</section>\n");
}

/* The pager's link to m: dir "prev" or "next" (its class and rel), label
 * the word shown before its number and title. */
static void
pager_link(struct page *p, const struct measure *m, const char *dir,
    const char *label)
{
	char	 file[64];

	measure_file(file, sizeof(file), m);
	pf(p, "<a class=\"pager-%s\" rel=\"%s\" href=\"%s\">"
	    "<span class=\"pager-dir\">%s</span> <span "
	    "class=\"pager-title\">%s. ", dir, dir, file, label, m->num);
	txt(p, m->title);
	PUTSL(p, "</span></a>\n");
}

/* Links to the previous and the next measure of the plan. */
static void
measure_pager(struct page *p, const struct measure *m)
{
	const struct plan *pl = &p->r->plan;
	const struct measure *mp, *mn;
	char		*w;
	int		 dflt = level_words_default(pl, MLEVEL(pl));

	mp = m->index > 0 ? &pl->measures[m->index - 1] : NULL;
	mn = m->index + 1 < pl->nmeasures ? &pl->measures[m->index + 1] :
	    NULL;
	w = word(p, MLEVEL(pl), 1);
	if (dflt)
		puts_(p, T("<nav class=\"pager\" aria-label=\"Mesures précédente "
		    "et suivante\">\n"));
	else
		pf(p, T("<nav class=\"pager\" aria-label=\"Navigation entre "
		    "les %s\">\n"), w);
	free(w);
	if (mp != NULL)
		pager_link(p, mp, "prev", dflt ? T("Mesure précédente") :
		    T("Précédent"));
	if (mn != NULL)
		pager_link(p, mn, "next", dflt ? T("Mesure suivante") :
		    T("Suivant"));
	PUTSL(p, "</nav>\n");
}

/* The aside of a measure: this page's contents, the priority's
 * measures (every measure, in a plan of one level), sib. */
static void
measure_aside(struct page *p, const struct measure *m,
    const struct siblings *sib)
{
	const struct priority *pr = m->priority;
	const char	*href;
	char		 all[64], *w;
	size_t		 i, from, to, end;
	int		 nsec;

	aside_open(p);
	pf(p, T("<li><a href=\"#appr\">Appréciation %d</a></li>\n"),
	    p->e->year);
	nsec = 0;
	toc_blocks(p, p->e->narr[m->index].blocks, &nsec);
	if (m->ninds > 0) {
		puts_(p, T("<li><a href=\"#indicateurs\">Indicateurs</a>\n<ul>\n"));
		for (i = 0; i < m->ninds; i++) {
			pf(p, "<li><a href=\"#ind-%s\">", m->inds[i].id);
			txt(p, m->inds[i].label);
			PUTSL(p, "</a></li>\n");
		}
		PUTSL(p, "</ul></li>\n");
	}
	PUTSL(p, "</ul>\n");
	PUTSL(p, "<h2 class=\"aside-title\">");
	if (plan_flat(&p->r->plan))
		txt(p, p->r->plan.levels[0].plural);
	else
		label_nb(p, 0, pr->num);
	PUTSL(p, "</h2>\n<ol class=\"siblings\">\n");
	for (i = 0; i < pr->nmeasures && pr->measures[i] != m; i++)
		continue;
	/* [from, to): the entries shown, i among them. */
	from = 0;
	to = pr->nmeasures;
	if (to > SIB_WINDOW) {
		from = i > SIB_WINDOW / 2 ? i - SIB_WINDOW / 2 : 0;
		if (from > pr->nmeasures - SIB_WINDOW)
			from = pr->nmeasures - SIB_WINDOW;
		to = from + SIB_WINDOW;
	}
	end = to < pr->nmeasures ? sib->start[to] : sib->html.len;
	buf_put(&p->b, sib->html.data + sib->start[from],
	    sib->at[i] - sib->start[from]);
	PUTSL(p, " aria-current=\"page\"");
	buf_put(&p->b, sib->html.data + sib->at[i], end - sib->at[i]);
	PUTSL(p, "</ol>\n");
	if (to - from < pr->nmeasures) {
		/* A plan of one level lists its measures on its dashboard. */
		href = "index.html";
		if (!plan_flat(&p->r->plan)) {
			priority_file(all, sizeof(all), pr);
			href = all;
		}
		w = word(p, MLEVEL(&p->r->plan), 1);
		pf(p, "<p class=\"sib-all\"><a href=\"%s\">", href);
		pf(p, T("Liste complète (%zu" NBSP "%s)"), pr->nmeasures, w);
		PUTSL(p, "</a></p>\n");
		free(w);
	}
	aside_close(p);
}

/* The entries of siblings_make(), for pr's measures. */
static void
siblings_make(struct siblings *sib, const struct priority *pr)
{
	struct buf	*b = &sib->html;
	char		 file[64];
	size_t		 i;

	sib->start = xcalloc(pr->nmeasures, sizeof(sib->start[0]));
	sib->at = xcalloc(pr->nmeasures, sizeof(sib->at[0]));
	for (i = 0; i < pr->nmeasures; i++) {
		measure_file(file, sizeof(file), pr->measures[i]);
		sib->start[i] = b->len;
		BUF_PUTSL(b, "<li><a href=\"");
		buf_puts(b, file);
		BUF_PUTSL(b, "\"");
		sib->at[i] = b->len;
		BUF_PUTSL(b, "><span class=\"sib-num\">");
		buf_puts(b, pr->measures[i]->num);
		BUF_PUTSL(b, "</span> ");
		html_esc_text(b, pr->measures[i]->title);
		BUF_PUTSL(b, "</a></li>\n");
	}
}

static int
page_measure(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od, const struct measure *m,
    const struct siblings *sib)
{
	const struct priority *pr = m->priority;
	struct page	 p;
	char		 file[64], pfile[64], *title, crl[64];
	struct crumb	 cr[4];
	size_t		 nc = 0;
	int		 flat = plan_flat(&r->plan);

	measure_file(file, sizeof(file), m);
	priority_file(pfile, sizeof(pfile), pr);
	page_init(&p, r, e, o, od, file);
	snprintf(crl, sizeof(crl), T("Rapport %d"), e->year);
	cr[nc++] = (struct crumb){ "../index.html", T("Éditions") };
	cr[nc++] = (struct crumb){ "index.html", crl };
	if (!flat)	/* no page for the implicit priority */
		cr[nc++] = (struct crumb){ pfile, pr->label };
	cr[nc++] = (struct crumb){ NULL, m->label };
	title = xasprintf(T("%s" NBSP ": %s"), m->label, m->title);
	page_begin(&p, title, flat ? NULL : pfile, cr, nc);
	free(title);

	PUTSL(&p, "<h1><span class=\"h1-kicker\">");
	txt(&p, m->label);
	PUTSL(&p, "</span> ");
	txt(&p, m->title);
	PUTSL(&p, "</h1>\n");
	aside_begin(&p);
	measure_facts(&p, m, pfile);
	measure_assessment(&p, m);
	measure_body(&p, m);
	measure_pager(&p, m);
	measure_aside(&p, m, sib);
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
	snprintf(crl, sizeof(crl), T("Rapport %d"), e->year);
	cr[0] = (struct crumb){ "../index.html", T("Éditions") };
	cr[1] = (struct crumb){ "index.html", crl };
	cr[2] = (struct crumb){ NULL, pt->title };
	page_begin(&p, pt->title, NULL, cr, 3);
	PUTSL(&p, "<h1>");
	txt(&p, pt->title);
	PUTSL(&p, "</h1>\n");
	aside_begin(&p);
	PUTSL(&p, "<div class=\"narrative\">\n");
	rndr_blocks(&p, pt->doc.blocks, 0);
	PUTSL(&p, "</div>\n");
	aside_open(&p);
	nsec = 0;
	toc_blocks(&p, pt->doc.blocks, &nsec);
	puts_(&p, T("</ul>\n<h2 class=\"aside-title\">Le rapport</h2>\n"
	    "<ul class=\"siblings\">\n"));
	parts_list(&p, pt);
	PUTSL(&p, "</ul>\n");
	aside_close(&p);
	rc = page_end(&p);
	free(file);
	return rc;
}

/* ---- data ---- */

/* A size for people: "12 ko", "1,2 Mo". */
static void
size_str(char *buf, size_t sz, size_t n)
{
	if (n < 1000)
		snprintf(buf, sz, T("%zu" NBSP "octets"), n);
	else if (n < 1000 * 1000)
		snprintf(buf, sz, T("%zu" NBSP "ko"), (n + 500) / 1000);
	else
		snprintf(buf, sz, T("%zu,%zu" NBSP "Mo"), n / 1000000,
		    (n % 1000000 + 50000) / 100000 % 10);
}

/* The data page's two files to download, and which one to open. */
static void
data_files(struct page *p, size_t nrows, const size_t *sizes)
{
	int		 year = p->e->year;
	char		 sz0[32], sz1[32];

	size_str(sz0, sizeof(sz0), sizes[0]);
	size_str(sz1, sizeof(sz1), sizes[1]);
	pf(p, T("<ul class=\"actions\">\n<li><a class=\"button\" "
	    "href=\"data/%s-%d-%s.csv\">Données pour tableur "
	    "(CSV" NBSP "; séparateur point-virgule, %zu" NBSP "lignes, %s)"
	    "</a></li>\n"), fname(FNAME_INDICATORS), year,
	    fname(FNAME_SPREADSHEET), nrows, sz1);
	pf(p, T("<li><a class=\"button secondary\" "
	    "href=\"data/%s-%d.csv\">Données au format CSV standard "
	    "(RFC" NBSP "4180, %zu" NBSP "lignes, %s)</a></li>\n</ul>\n"),
	    fname(FNAME_INDICATORS), year, nrows, sz0);
	puts_(p, T("<h2>Quel fichier ouvrir" NNBSP "?</h2>\n<ul>\n"
	    "<li><strong>Dans un tableur</strong> (LibreOffice Calc, "
	    "Microsoft Excel, Numbers) réglé en français" NBSP ": la copie "
	    "<em>pour tableur</em>. Ses champs sont séparés par des "
	    "points-virgules, ses nombres ont une virgule décimale et le "
	    "fichier commence par une marque d’ordre des octets (BOM) qui "
	    "fait reconnaître les accents.</li>\n"
	    "<li><strong>Dans un programme</strong> (R, Python, un outil "
	    "d’analyse)" NBSP ": le fichier CSV standard, séparé par des "
	    "virgules, avec un point décimal, sans BOM.</li>\n</ul>\n"));
}

/* The format of the CSV files, their licence and their columns. */
static void
data_format(struct page *p)
{
	const struct site *si = p->r->site;
	size_t		 c;

	puts_(p, T("<h2>Format du fichier</h2>\n<p>Texte CSV (RFC" NBSP "4180)"
	    NBSP ": encodage UTF-8, guillemets droits autour des champs qui "
	    "contiennent le séparateur, un guillemet ou un saut de ligne, une "
	    "ligne d’en-tête. Une ligne par indicateur, catégorie et année. "
	    "Les valeurs marquées illustratives ne proviennent pas d’une "
	    "source publiée."));
	if (si != NULL) {
		puts_(p, T(" Licence des données" NBSP ": "));
		txt_link(p, si->licence_url, si->licence);
		PUTSL(p, ".");
	}
	PUTSL(p, "</p>\n");
	puts_(p, T("<table class=\"data\">\n<caption>Colonnes du fichier"
	    "</caption>\n<thead><tr><th scope=\"col\">Colonne</th>"
	    "<th scope=\"col\">Contenu</th></tr></thead>\n<tbody>\n"));
	for (c = 0; c < csv_ncols; c++) {
		pf(p, "<tr><th scope=\"row\"><code>%s</code></th><td>",
		    T(csv_cols[c].name));
		txt(p, csv_cols[c].what_other == NULL || level_words_default(
		    &p->r->plan, MLEVEL(&p->r->plan)) ? T(csv_cols[c].what) :
		    T(csv_cols[c].what_other));
		PUTSL(p, "</td></tr>\n");
	}
	PUTSL(p, "</tbody>\n</table>\n");
}

/* The cells of an indicator's last value up to the edition, and its
 * year. */
static void
data_last_value(struct page *p, const struct indicator *ind)
{
	const struct value *v;
	char		 num[64], *unit;

	if (ind->categories) {
		puts_(p, T("<td class=\"num\">ventilation par "
		    "catégorie</td><td></td>"));
		return;
	}
	if ((v = series_last(&ind->series[0], p->e->year)) == NULL) {
		puts_(p, T("<td class=\"num\">aucune valeur</td>"
		    "<td></td>"));
		return;
	}
	value_str(num, sizeof(num), v->v, ind->unit);
	pf(p, "<td class=\"num\">%s", num);
	if (!unit_inline(ind->unit)) {
		unit = chart_unit(ind->unit, v->v);
		PUTSL(p, " ");
		txt(p, unit);
		free(unit);
	}
	if (v->illustrative)
		PUTSL(p, " <span class=\"illus\">"
		    "illustrative</span>");
	pf(p, "</td><td>%d</td>", v->year);
}

/* The plan's indicators by measure, each with its last value. */
static void
data_indicators(struct page *p)
{
	const struct plan *pl = &p->r->plan;
	const struct measure *m;
	const struct indicator *ind;
	char		 file[64], *w;
	size_t		 i, j;

	w = word(p, MLEVEL(pl), 0);
	pf(p, T("<h2>Indicateurs suivis</h2>\n<div class=\"table-wrap\" "
	    "role=\"region\" tabindex=\"0\" aria-labelledby=\"cap-inds\">\n"
	    "<table class=\"data\">\n<caption id=\"cap-inds\">Indicateurs par "
	    "%s, dernière valeur connue</caption>\n<thead><tr>"
	    "<th scope=\"col\">"), w);
	free(w);
	txt(p, pl->levels[MLEVEL(pl)].singular);
	puts_(p, T("</th><th scope=\"col\">Indicateur</th>"
	    "<th scope=\"col\" class=\"num\">Dernière valeur</th>"
	    "<th scope=\"col\">Année</th></tr></thead>\n<tbody>\n"));
	for (i = 0; i < pl->nmeasures; i++) {
		m = &pl->measures[i];
		measure_file(file, sizeof(file), m);
		for (j = 0; j < m->ninds; j++) {
			ind = &m->inds[j];
			pf(p, "<tr><td><a href=\"%s\">", file);
			label_nb(p, MLEVEL(pl), m->num);
			pf(p, "</a></td><th scope=\"row\"><a "
			    "href=\"%s#ind-%s\">", file, ind->id);
			txt(p, ind->label);
			PUTSL(p, "</a></th>");
			data_last_value(p, ind);
			PUTSL(p, "</tr>\n");
		}
	}
	PUTSL(p, "</tbody>\n</table>\n</div>\n");
}

static int
page_data(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od, size_t nrows,
    const size_t *sizes)
{
	struct page	 p;
	char		 crl[64];
	struct crumb	 cr[3];

	page_init(&p, r, e, o, od, fname(FNAME_DATA));
	snprintf(crl, sizeof(crl), T("Rapport %d"), e->year);
	cr[0] = (struct crumb){ "../index.html", T("Éditions") };
	cr[1] = (struct crumb){ "index.html", crl };
	cr[2] = (struct crumb){ NULL, T("Données") };
	page_begin(&p, T("Données des indicateurs"), fname(FNAME_DATA), cr,
	    3);
	pf(&p, T("<h1>Données des indicateurs, édition %d</h1>\n"), e->year);
	pf(&p, T("<p class=\"lead\">Les valeurs de tous les indicateurs suivis "
	    "par le rapport, jusqu’à l’année %d comprise, en un seul "
	    "fichier" NBSP ":</p>\n"), e->year);
	data_files(&p, nrows, sizes);
	data_format(&p);
	data_indicators(&p);
	return page_end(&p);
}

/* ---- entry points ---- */

int
html_edition(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od)
{
	const struct plan *pl = &r->plan;
	struct siblings	*sibs;
	char		*dir;
	size_t		 i, nrows, csv_sizes[2];
	int		 ok;

	copied_clear();
	sibs = xcalloc(pl->nprios, sizeof(sibs[0]));
	for (i = 0; i < pl->nprios; i++)
		siblings_make(&sibs[i], &pl->prios[i]);
	dir = xasprintf("%d/assets", e->year);
	ok = write_assets(o, od, dir);
	free(dir);
	ok = ok && csv_write(r, e, od, &nrows, csv_sizes);
	ok = ok && page_dashboard(r, e, o, od);
	ok = ok && page_data(r, e, o, od, nrows, csv_sizes);
	for (i = 0; ok && i < plan_groups(pl); i++)
		ok = page_priority(r, e, o, od, &pl->prios[i]);
	for (i = 0; ok && i < pl->nmeasures; i++)
		ok = page_measure(r, e, o, od, &pl->measures[i],
		    &sibs[pl->measures[i].priority - pl->prios]);
	for (i = 0; ok && i < e->nfront; i++)
		ok = page_part(r, e, o, od, &e->front[i]);
	for (i = 0; ok && i < e->nback; i++)
		ok = page_part(r, e, o, od, &e->back[i]);
	for (i = 0; i < pl->nprios; i++) {
		buf_free(&sibs[i].html);
		free(sibs[i].start);
		free(sibs[i].at);
	}
	free(sibs);
	copied_clear();
	return ok;
}

int
html_page(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od, const char *name,
    const char *title, const char *body, size_t len)
{
	struct page	 p;
	char		 crl[64];
	struct crumb	 cr[3];

	if (!theme_load(o->styles) || !logo_load(o->styles))
		return 0;
	page_init(&p, r, e, o, od, name);
	snprintf(crl, sizeof(crl), T("Rapport %d"), e->year);
	cr[0] = (struct crumb){ "../index.html", T("Éditions") };
	cr[1] = (struct crumb){ "index.html", crl };
	cr[2] = (struct crumb){ NULL, title };
	page_begin(&p, title, NULL, cr, 3);
	buf_put(&p.b, body, len);
	return page_end(&p);
}

/* ---- the publisher's pages, in out/ ---- */

/* The publisher: site.xml's, or the newest edition's institution. */
static const char *
publisher(const struct report *r)
{
	if (r->site != NULL)
		return r->site->publisher;
	return r->neds > 0 ? r->eds[r->neds - 1].institution : r->plan.title;
}

/* A field of site.xml, or words saying that it is missing. */
static void
site_field(struct page *p, const char *s)
{
	if (s != NULL)
		txt(p, s);
	else
		puts_(p, T("<em>non renseigné (fichier <code>site.xml</code> du "
		    "contenu)</em>"));
}

static void
contact_lines(struct page *p)
{
	const struct site *si = p->r->site;

	PUTSL(p, "<p>");
	site_field(p, si != NULL ? si->contact : NULL);
	PUTSL(p, "</p>\n");
	if (si != NULL && si->email != NULL) {
		puts_(p, T("<p>Courriel" NBSP ": <a href=\"mailto:"));
		html_esc_href(&p->b, si->email);
		PUTSL(p, "\">");
		txt(p, si->email);
		PUTSL(p, "</a></p>\n");
	}
	if (si != NULL && si->contact_url != NULL) {
		puts_(p, T("<p>Formulaire ou page de contact" NBSP ": <a href=\""));
		html_esc_href(&p->b, si->contact_url);
		PUTSL(p, "\">");
		txt(p, si->contact_url);
		PUTSL(p, "</a></p>\n");
	}
	puts_(p, T("<p>Adresse postale" NBSP ": "));
	site_field(p, si != NULL ? si->address : NULL);
	PUTSL(p, "</p>\n");
}

/* The state of conformity of the site, as its settings declare it: the
 * end of the paragraph that says it. */
static void
a11y_state(struct page *p)
{
	const struct site *si = p->r->site;

	pf(p, "%s", T(a11y_words[si != NULL ? si->a11y : A11Y_NONE]));
	puts_(p, T("</strong> avec le référentiel général d’amélioration de "
	    "l’accessibilité ("));
	txt(p, si != NULL ? si->a11y_standard : "RGAA 4.1");
	PUTSL(p, ")");
	if (si == NULL || si->a11y_date == NULL)
		puts_(p, T("" NBSP ": aucun audit de conformité n’a encore été "
		    "réalisé"));
	PUTSL(p, ".</p>\n");
}

/* The audit's result and the contents that are not accessible. */
static void
a11y_results(struct page *p)
{
	const struct site *si = p->r->site;
	char		 rate[64];
	size_t		 i;

	puts_(p, T("<h2>Résultats des tests</h2>\n<p>"));
	if (si != NULL && si->a11y_rate != NULL) {
		puts_(p, T("L’audit de conformité"));
		if (si->auditor != NULL) {
			puts_(p, T(" réalisé par "));
			txt(p, si->auditor);
		}
		fmt_value(rate, sizeof(rate), strtod(si->a11y_rate, NULL),
		    "%");
		pf(p, T(" révèle que %s des critères du RGAA sont respectés."),
		    rate);
	} else
		puts_(p, T("Aucun taux de conformité n’a été mesuré."));
	PUTSL(p, "</p>\n<h2>Contenus non accessibles</h2>\n");
	if (si != NULL && si->nexceptions > 0) {
		PUTSL(p, "<ul>\n");
		for (i = 0; i < si->nexceptions; i++) {
			PUTSL(p, "<li>");
			txt(p, si->exceptions[i]);
			PUTSL(p, "</li>\n");
		}
		PUTSL(p, "</ul>\n");
	} else
		puts_(p, T("<p>Aucun contenu non accessible n’a été "
		    "signalé.</p>\n"));
}

/* The ways of appeal: the Défenseur des droits. */
static void
a11y_appeal(struct page *p)
{
	puts_(p, T("<h2>Voies de recours</h2>\n<p>Si vous constatez un défaut "
	    "d’accessibilité vous empêchant d’accéder à un contenu ou à une "
	    "fonctionnalité du site, que vous nous le signalez et que vous "
	    "ne parvenez pas à obtenir une réponse de notre part, vous êtes "
	    "en droit de faire parvenir vos doléances ou une demande de "
	    "saisine au Défenseur des droits. Plusieurs moyens sont à votre "
	    "disposition" NBSP ":</p>\n<ul>\n"
	    "<li>écrire un message au Défenseur des droits (formulaire sur "
	    "son site, <a href=\"https://www.defenseurdesdroits.fr/\">"
	    "defenseurdesdroits.fr</a>)" NNBSP ";</li>\n"
	    "<li>contacter le délégué du Défenseur des droits dans votre "
	    "région" NNBSP ";</li>\n"
	    "<li>envoyer un courrier par la poste (gratuit, ne pas mettre de "
	    "timbre)" NBSP ": Défenseur des droits, Libre réponse 71120, "
	    "75342 Paris CEDEX" NBSP "07.</li>\n</ul>\n"));
}

/* The accessibility statement, in the structure of the RGAA's model. */
static int
page_a11y(const struct report *r, const struct opts *o, struct outdir *od)
{
	const struct site *si = r->site;
	struct page	 p;
	char		 date[64];

	page_init(&p, r, NULL, o, od, fname(FNAME_ACCESSIBILITY));
	page_begin(&p, T("Déclaration d’accessibilité"), NULL, NULL, 0);
	puts_(&p, T("<h1>Déclaration d’accessibilité</h1>\n<p>"));
	txt(&p, publisher(r));
	puts_(&p, T(" s’engage à rendre son site internet accessible "
	    "conformément à l’article" NBSP "47 de la loi n°" NBSP "2005-102 du "
	    "11" NBSP "février 2005.</p>\n<p>Cette déclaration d’accessibilité "
	    "s’applique au site des rapports d’évaluation du "));
	txt(&p, r->plan.title);
	puts_(&p, T(".</p>\n<h2>État de conformité</h2>\n<p>Ce site est <strong>"));
	a11y_state(&p);
	a11y_results(&p);
	puts_(&p, T("<p>Chaque graphique est accompagné d’une description "
	    "textuelle et d’un tableau de ses données. Le rapport complet "
	    "existe en PDF balisé.</p>\n"));
	puts_(&p, T("<h2>Établissement de cette déclaration</h2>\n"));
	if (si != NULL && si->a11y_date != NULL) {
		fmt_date(date, sizeof(date), si->a11y_date);
		pf(&p, T("<p>Cette déclaration a été établie le %s.</p>\n"), date);
	}
	puts_(&p, T("<p>Technologies utilisées pour la réalisation du site" NBSP
	    ": HTML5, CSS, SVG. Aucun script n’est nécessaire.</p>\n"));
	puts_(&p, T("<h2>Retour d’information et contact</h2>\n<p>Si vous "
	    "n’arrivez pas à accéder à un contenu ou à un service, vous pouvez "
	    "contacter le responsable du site pour être orienté vers une "
	    "alternative accessible ou obtenir le contenu sous une autre "
	    "forme" NBSP ":</p>\n"));
	contact_lines(&p);
	a11y_appeal(&p);
	return page_end(&p);
}

static int
page_legal(const struct report *r, const struct opts *o, struct outdir *od)
{
	const struct site *si = r->site;
	struct page	 p;

	page_init(&p, r, NULL, o, od, fname(FNAME_LEGAL));
	page_begin(&p, T("Mentions légales"), NULL, NULL, 0);
	puts_(&p, T("<h1>Mentions légales</h1>\n<h2>Éditeur</h2>\n<p>"));
	txt(&p, publisher(r));
	PUTSL(&p, "</p>\n<p>");
	site_field(&p, si != NULL ? si->address : NULL);
	puts_(&p, T("</p>\n<h2>Directeur de la publication</h2>\n<p>"));
	site_field(&p, si != NULL ? si->director : NULL);
	puts_(&p, T("</p>\n<h2>Hébergement</h2>\n<p>"));
	site_field(&p, si != NULL ? si->host : NULL);
	puts_(&p, T("</p>\n<h2>Réutilisation des textes et des données</h2>\n<p>"));
	if (si != NULL) {
		puts_(&p, T("Licence des textes et des données de ce site"
		    NBSP ": "));
		txt_link(&p, si->licence_url, si->licence);
		puts_(&p, T(", sauf mention contraire. Les documents cités "
		    "restent soumis aux conditions de leurs éditeurs."));
	} else
		site_field(&p, NULL);
	pf(&p, T("</p>\n<h2>Données personnelles et cookies</h2>\n<p>Ce site "
	    "ne dépose aucun cookie, n’utilise aucun outil de mesure "
	    "d’audience et ne charge aucune ressource d’un autre site. Il ne "
	    "collecte aucune donnée personnelle.</p>\n"
	    "<h2>Accessibilité</h2>\n<p>Voir la <a href=\"%s\">"
	    "déclaration d’accessibilité</a>.</p>\n<h2>Contact</h2>\n"),
	    fname(FNAME_ACCESSIBILITY));
	contact_lines(&p);
	return page_end(&p);
}

static int
page_contact(const struct report *r, const struct opts *o, struct outdir *od)
{
	struct page	 p;

	page_init(&p, r, NULL, o, od, "contact.html");
	page_begin(&p, T("Contact"), NULL, NULL, 0);
	puts_(&p, T("<h1>Contact</h1>\n<p>Pour toute question sur les rapports "
	    "d’évaluation, leurs données ou l’accessibilité de ce site"
	    NBSP ":</p>\n<p><strong>"));
	txt(&p, publisher(r));
	PUTSL(&p, "</strong></p>\n");
	contact_lines(&p);
	return page_end(&p);
}

/* The measures of pr in the site map, as list items. */
static void
sitemap_measures(struct page *p, const struct edition *e,
    const struct priority *pr)
{
	char		 file[64];
	size_t		 k;

	for (k = 0; k < pr->nmeasures; k++) {
		measure_file(file, sizeof(file), pr->measures[k]);
		pf(p, "<li><a href=\"%d/%s\">", e->year, file);
		label_nb(p, MLEVEL(&p->r->plan), pr->measures[k]->num);
		puts_(p, T(NBSP ": "));
		txt(p, pr->measures[k]->title);
		PUTSL(p, "</a></li>\n");
	}
}

/* The site map: every page of every edition, newest first. */
static int
page_sitemap(const struct report *r, const struct opts *o, struct outdir *od)
{
	const struct plan *pl = &r->plan;
	const struct edition *e;
	const struct priority *pr;
	struct page	 p;
	char		 file[64];
	size_t		 i, j;

	page_init(&p, r, NULL, o, od, fname(FNAME_SITEMAP));
	page_begin(&p, T("Plan du site"), NULL, NULL, 0);
	puts_(&p, T("<h1>Plan du site</h1>\n<ul class=\"sitemap\">\n"
	    "<li><a href=\"index.html\">Les rapports d’évaluation</a></li>\n"));
	for (i = r->neds; i > 0; i--) {
		e = &r->eds[i - 1];
		pf(&p, T("<li><a href=\"%d/index.html\">Rapport d’évaluation %d"
		    "</a>\n<ul>\n"), e->year, e->year);
		for (j = 0; j < e->nfront; j++) {
			pf(&p, "<li><a href=\"%d/%s.html\">", e->year,
			    e->front[j].slug);
			txt(&p, e->front[j].title);
			PUTSL(&p, "</a></li>\n");
		}
		if (plan_flat(pl))
			sitemap_measures(&p, e, &pl->prios[0]);
		for (j = 0; j < plan_groups(pl); j++) {
			pr = &pl->prios[j];
			priority_file(file, sizeof(file), pr);
			pf(&p, "<li><a href=\"%d/%s\">", e->year, file);
			label_nb(&p, 0, pr->num);
			puts_(&p, T(NBSP ": "));
			txt(&p, pr->title);
			PUTSL(&p, "</a>\n<ul>\n");
			sitemap_measures(&p, e, pr);
			PUTSL(&p, "</ul></li>\n");
		}
		for (j = 0; j < e->nback; j++) {
			pf(&p, "<li><a href=\"%d/%s.html\">", e->year,
			    e->back[j].slug);
			txt(&p, e->back[j].title);
			PUTSL(&p, "</a></li>\n");
		}
		pf(&p, T("<li><a href=\"%d/%s\">Données des "
		    "indicateurs</a></li>\n</ul></li>\n"), e->year,
		    fname(FNAME_DATA));
	}
	pf(&p, T("<li><a href=\"%s\">Déclaration "
	    "d’accessibilité</a></li>\n<li><a href=\"%s\">"
	    "Mentions légales</a></li>\n<li><a href=\"contact.html\">Contact"
	    "</a></li>\n</ul>\n"), fname(FNAME_ACCESSIBILITY),
	    fname(FNAME_LEGAL));
	return page_end(&p);
}

/* The page a server shows for a missing address, at any depth: its
 * <base> is the site's root (--base-url, or the server's root). */
static int
page_404(const struct report *r, const struct opts *o, struct outdir *od)
{
	struct page	 p;
	char		*root;
	int		 rc;

	root = o->base_url != NULL ? public_url(o, "") : xstrdup("/");
	page_init(&p, r, NULL, o, od, "404.html");
	p.base = root;
	page_begin(&p, "Page introuvable", NULL, NULL, 0);
	pf(&p, T("<h1>Page introuvable</h1>\n<p>L’adresse demandée ne "
	    "correspond à aucune page de ce site. Elle a pu être mal saisie, "
	    "ou la page a changé d’adresse.</p>\n<ul>\n<li><a href=\""
	    "index.html\">Les rapports d’évaluation</a></li>\n<li><a "
	    "href=\"%s\">Plan du site</a></li>\n</ul>\n"),
	    fname(FNAME_SITEMAP));
	rc = page_end(&p);
	free(root);
	return rc;
}

/*
 * The security headers of the site, for the server to send, in the forms
 * the common servers read: _headers (Netlify, Cloudflare Pages and the
 * like), .htaccess (Apache) and a snippet for nginx's server block.  The
 * header's policy is the union of the pages' (each page's own, stricter,
 * stays in its <meta>: only the search page may run a script), plus
 * frame-ancestors, which only a header can carry.  Charts opened alone
 * are drawn under it (canvas_svg.c writes presentation attributes, no
 * inline style).
 */
#define CSP_HEADER CSP_BEGIN "script-src 'self'; connect-src 'self'; " \
		"base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

static int
write_server_conf(const struct opts *o, struct outdir *od)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*path = "/";
	int		 rc;

	if (o->base_url != NULL && (path = strstr(o->base_url, "://")) !=
	    NULL && (path = strchr(path + 3, '/')) == NULL)
		path = "/";
	BUF_PUTSL(&b, "/*\n"
	    "  Content-Security-Policy: " CSP_HEADER "\n"
	    "  X-Content-Type-Options: nosniff\n"
	    "  Referrer-Policy: no-referrer\n");
	rc = out_write(od, "_headers", b.data, b.len);
	buf_reset(&b);
	BUF_PUTSL(&b, "# Apache: the site's security headers and its 404 "
	    "page.\n"
	    "<IfModule mod_headers.c>\n"
	    "  Header always set Content-Security-Policy \"" CSP_HEADER "\"\n"
	    "  Header always set X-Content-Type-Options \"nosniff\"\n"
	    "  Header always set Referrer-Policy \"no-referrer\"\n"
	    "</IfModule>\n"
	    "AddDefaultCharset UTF-8\n");
	buf_printf(&b, "ErrorDocument 404 %s%s404.html\n", path,
	    path[strlen(path) - 1] == '/' ? "" : "/");
	rc = rc && out_write(od, ".htaccess", b.data, b.len);
	buf_reset(&b);
	BUF_PUTSL(&b, "# nginx: include this file in the server block that "
	    "serves the site.\n"
	    "add_header Content-Security-Policy \"" CSP_HEADER "\" always;\n"
	    "add_header X-Content-Type-Options \"nosniff\" always;\n"
	    "add_header Referrer-Policy \"no-referrer\" always;\n"
	    "charset utf-8;\n");
	buf_printf(&b, "error_page 404 %s%s404.html;\n", path,
	    path[strlen(path) - 1] == '/' ? "" : "/");
	rc = rc && out_write(od, "nginx-headers.conf", b.data, b.len);
	buf_free(&b);
	return rc;
}

/* ---- search ---- */

/* The text of blocks, for the search index: paragraphs and headings,
 * items and quotes, one space between blocks. */
static void
plain_blocks(struct buf *b, const struct block *k)
{
	for (; k != NULL; k = k->next) {
		switch (k->type) {
		case BLOCK_PARAGRAPH:
		case BLOCK_HEADING:
			plain(b, k->ins);
			break;
		case BLOCK_CODE:
			buf_puts(b, k->text);
			break;
		case BLOCK_LIST:
		case BLOCK_ITEM:
		case BLOCK_QUOTE:
			plain_blocks(b, k->child);
			break;
		case BLOCK_RULE:
		case BLOCK_HTML:
			break;
		case BLOCK__MAX:
		default:
			abort();
		}
		buf_putc(b, ' ');
	}
}

/* One page of the index: address, title, edition, text. */
static void
search_entry(struct buf *b, const char *url, const char *title, int year,
    const char *lead, const struct block *blocks)
{
	struct buf	 t = { NULL, 0, 0 };

	if (lead != NULL) {
		buf_puts(&t, lead);
		buf_putc(&t, ' ');
	}
	plain_blocks(&t, blocks);
	buf_putc(&t, '\0');
	BUF_PUTSL(b, "{\"u\":");
	json_str(b, url);
	BUF_PUTSL(b, ",\"t\":");
	json_str(b, title);
	buf_printf(b, ",\"y\":%d,\"x\":", year);
	json_str(b, t.data);
	BUF_PUTSL(b, "}");
	buf_free(&t);
}

/*
 * The search script's words and the name of its index, as attributes of
 * the search form: the script (gen/search.js) is the same file in every
 * language.  {n}, {q} and {y} are its placeholders (a count of pages, the
 * query, a year); there is at least one page when it counts them.
 */
static void
search_attrs(struct buf *b)
{
	static const struct {
		const char	*attr, *text;
	} words[] = {
		{ "data-empty", N_("Saisissez un ou plusieurs mots.") },
		{ "data-none", N_("Aucune page ne contient «" NBSP "{q}" NBSP
		    "».") },
		{ "data-one", N_("{n} page pour «" NBSP "{q}" NBSP "».") },
		{ "data-other", N_("{n} pages pour «" NBSP "{q}" NBSP "».") },
		{ "data-byline", N_("Rapport d’évaluation {y}") },
		{ "data-error", N_("L’index de recherche n’a pas pu être "
		    "lu.") },
	};
	size_t		 i;

	buf_printf(b, " data-index=\"%s\"", fname(FNAME_SEARCH_INDEX));
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		buf_printf(b, " %s=\"", words[i].attr);
		html_esc_attr(b, T(words[i].text));
		buf_putc(b, '"');
	}
}

/*
 * The index the search page reads (recherche.json): every measure page
 * (title, assessment, narrative) and every front and back part of every
 * edition, newest first; then the search page and its script.
 */
static int
write_search(const struct report *r, const struct opts *o,
    struct outdir *od)
{
	const struct plan *pl = &r->plan;
	const struct edition *e;
	const struct measure *m;
	const struct assessment *a;
	const struct part *pt;
	struct buf	 b = { NULL, 0, 0 };
	struct page	 p;
	char		 file[64], *url, *title;
	size_t		 i, j, n = 0;
	int		 rc;

	BUF_PUTSL(&b, "{\"pages\":[\n");
	for (i = r->neds; i > 0; i--) {
		e = &r->eds[i - 1];
		for (j = 0; j < pl->nmeasures; j++) {
			m = &pl->measures[j];
			measure_file(file, sizeof(file), m);
			url = xasprintf("%d/%s", e->year, file);
			title = xasprintf(T("%s" NBSP ": %s"), m->label,
			    m->title);
			a = report_assessment(m, e->year);
			if (n++ > 0)
				BUF_PUTSL(&b, ",\n");
			search_entry(&b, url, title, e->year,
			    a != NULL ? a->text : NULL, e->narr[m->index].blocks);
			free(url);
			free(title);
		}
		for (j = 0; j < e->nfront + e->nback; j++) {
			pt = j < e->nfront ? &e->front[j] :
			    &e->back[j - e->nfront];
			url = xasprintf("%d/%s.html", e->year, pt->slug);
			if (n++ > 0)
				BUF_PUTSL(&b, ",\n");
			search_entry(&b, url, pt->title, e->year, NULL,
			    pt->doc.blocks);
			free(url);
		}
	}
	BUF_PUTSL(&b, "\n]}\n");
	rc = out_write(od, fname(FNAME_SEARCH_INDEX), b.data, b.len) &&
	    out_write(od, fname(FNAME_SEARCH_JS), search_js, search_js_len);
	buf_reset(&b);
	if (!rc) {
		buf_free(&b);
		return 0;
	}
	search_attrs(&b);

	page_init(&p, r, NULL, o, od, fname(FNAME_SEARCH));
	p.script = fname(FNAME_SEARCH_JS);
	page_begin(&p, T("Rechercher"), NULL, NULL, 0);
	pf(&p, T("<h1>Rechercher dans les rapports</h1>\n"
	    "<p id=\"search-noscript\">La recherche a besoin de JavaScript, "
	    "qui n’est pas disponible. Toutes les pages restent accessibles "
	    "depuis le <a href=\"%s\">plan du site</a>.</p>\n"
	    "<form id=\"search-form\" class=\"search\" role=\"search\" "
	    "action=\"%s\" method=\"get\"%s hidden>\n"
	    "<label for=\"q\">Mots à chercher dans toutes les éditions</label>"
	    "\n<input id=\"q\" name=\"q\" type=\"search\" "
	    "autocomplete=\"off\">\n<button type=\"submit\">Rechercher"
	    "</button>\n</form>\n"
	    "<p id=\"search-status\" role=\"status\"></p>\n"
	    "<ol id=\"search-results\" class=\"search-results\"></ol>\n"),
	    fname(FNAME_SITEMAP), fname(FNAME_SEARCH), b.data);
	buf_free(&b);
	return page_end(&p);
}

/* robots.txt: a draft build keeps every robot out; otherwise the draft
 * editions' folders only.  Paths from the root of --base-url. */
static int
write_robots(const struct report *r, const struct opts *o,
    struct outdir *od)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*path = "/";
	char		*url;
	size_t		 i, n;
	int		 rc;

	if (o->base_url != NULL && (path = strstr(o->base_url, "://")) !=
	    NULL && (path = strchr(path + 3, '/')) == NULL)
		path = "/";
	n = strlen(path);
	while (n > 0 && path[n - 1] == '/')
		n--;
	BUF_PUTSL(&b, "User-agent: *\n");
	if (o->draft)
		buf_printf(&b, "Disallow: %.*s/\n", (int)n, path);
	else {
		for (i = 0; i < r->neds; i++)
			if (r->eds[i].draft)
				buf_printf(&b, "Disallow: %.*s/%d/\n", (int)n,
				    path, r->eds[i].year);
		BUF_PUTSL(&b, "Allow: /\n");
	}
	if (o->base_url != NULL && !o->draft) {
		url = public_url(o, "sitemap.xml");
		buf_printf(&b, "Sitemap: %s\n", url);
		free(url);
	}
	rc = out_write(od, "robots.txt", b.data, b.len);
	buf_free(&b);
	return rc;
}

/* The top of out/index.html: who writes the reports, and what they are,
 * in the newest edition's words.  The caller closes its <div> in the
 * string that opens the list, one string to translate. */
static void
index_hero(struct page *p)
{
	const struct report *r = p->r;
	const struct plan *pl = &r->plan;
	const struct edition *e;
	char		 date[64];

	e = r->neds > 0 ? &r->eds[r->neds - 1] : NULL;
	PUTSL(p, "<div class=\"hero\">\n");
	if (e != NULL && e->role != NULL) {
		PUTSL(p, "<p class=\"kicker\">");
		txt(p, e->role);
		PUTSL(p, "</p>\n");
	}
	PUTSL(p, "<h1>");
	txt(p, pl->title);
	PUTSL(p, "</h1>\n<p class=\"subtitle\">");
	txt(p, e != NULL && e->series != NULL ? e->series :
	    T("Rapports d’évaluation"));
	if (pl->adopted != NULL) {
		fmt_date(date, sizeof(date), pl->adopted);
		pf(p, T(", adopté le %s"), date);
	}
	PUTSL(p, ".</p>\n");
	if (e != NULL) {
		fmt_date(date, sizeof(date), e->date);
		pf(p, T("<p class=\"byline\">Mis à jour le <time datetime=\"%s\">"
		    "%s</time>.</p>\n"), e->date, date);
	}
}

/* One edition in the list of out/index.html, with the counts of its
 * measures (all, the plan's) by status and its files. */
static void
index_edition(struct page *p, const struct edition *e, struct measure **all)
{
	struct counts	 c;
	char		 date[64];

	count_statuses(e, all, p->r->plan.nmeasures, &c);
	fmt_date(date, sizeof(date), e->date);
	pf(p, T("<li class=\"edition\">\n<h3><a href=\"%d/index.html\">"
	    "Rapport d’évaluation %d</a></h3>\n"), e->year, e->year);
	PUTSL(p, "<p class=\"ed-title\">");
	txt(p, e->title);
	if (e->draft || p->o->draft)
		puts_(p, T(" <strong class=\"tag\">Version de "
		    "travail</strong>"));
	pf(p, T("</p>\n<p class=\"byline\">Publié le <time "
	    "datetime=\"%s\">%s</time></p>\n"), e->date, date);
	counts_line(p, &c);
	pf(p, T("<ul class=\"actions\">\n<li><a class=\"button\" "
	    "href=\"%d/index.html\">Consulter le rapport "
	    "%d</a></li>\n"), e->year, e->year);
	if (p->o->formats & FORMAT_PDF)
		pf(p, T("<li><a class=\"button secondary\" "
		    "href=\"%d/%s-%d.pdf\">Rapport %d (PDF)</a>"
		    "</li>\n"), e->year, fname(FNAME_REPORT), e->year,
		    e->year);
	pf(p, T("<li><a class=\"button secondary\" "
	    "href=\"%d/data/%s-%d.csv\">Données %d (CSV)"
	    "</a></li>\n</ul>\n</li>\n"), e->year, fname(FNAME_INDICATORS),
	    e->year, e->year);
}

/* The files of out/ itself but its index: assets, sitemap (with
 * --base-url), the pages every public site must have, robots.txt, the
 * server's configuration and the search.  Returns 0 after an error. */
static int
site_files(const struct report *r, const struct opts *o, struct outdir *od)
{
	if (!write_assets(o, od, "assets"))
		return 0;
	if (o->base_url != NULL && !sitemap_write(r, o, od))
		return 0;
	return page_a11y(r, o, od) && page_legal(r, o, od) &&
	    page_contact(r, o, od) && page_sitemap(r, o, od) &&
	    page_404(r, o, od) && write_robots(r, o, od) &&
	    write_server_conf(o, od) && write_search(r, o, od);
}

int
html_index(const struct report *r, const struct opts *o, struct outdir *od)
{
	const struct plan *pl = &r->plan;
	struct page	 p;
	struct measure	**all;
	size_t		 i;

	if (!site_files(r, o, od))
		return 0;
	all = xcalloc(pl->nmeasures, sizeof(*all));
	for (i = 0; i < pl->nmeasures; i++)
		all[i] = &pl->measures[i];
	page_init(&p, r, NULL, o, od, "index.html");
	page_begin(&p, T("Les rapports d’évaluation"), NULL, NULL, 0);
	index_hero(&p);
	puts_(&p, T("</div>\n<h2>Les éditions</h2>\n"
	    "<ol class=\"editions\" reversed>\n"));
	for (i = r->neds; i > 0; i--)
		index_edition(&p, &r->eds[i - 1], all);
	PUTSL(&p, "</ol>\n");
	free(all);
	return page_end(&p);
}
