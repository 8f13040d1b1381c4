/*
 * out/sitemap.xml (sitemaps.org), written with --base-url only: the list
 * of editions, every page of each edition, and the publisher's pages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "backend.h"
#include "i18n.h"

/* The pages of an edition, for the sitemap. */
static void
sitemap_edition(struct buf *b, const struct opts *o, const struct report *r,
    const struct edition *e)
{
	const struct plan *pl = &r->plan;
	char		 file[64], *rel, *url;
	const char	*slug;
	size_t		 i, n, np = plan_groups(pl);

	n = 2 + np + pl->nmeasures + e->nfront + e->nback;
	for (i = 0; i < n; i++) {
		slug = NULL;	/* a part's name has no bound: no buffer */
		if (i == 0)
			snprintf(file, sizeof(file), "index.html");
		else if (i == 1)
			snprintf(file, sizeof(file), "%s", fname(FNAME_DATA));
		else if (i < 2 + np)
			priority_file(file, sizeof(file), &pl->prios[i - 2]);
		else if (i < 2 + np + pl->nmeasures)
			measure_file(file, sizeof(file),
			    &pl->measures[i - 2 - np]);
		else if (i < 2 + np + pl->nmeasures + e->nfront)
			slug = e->front[i - 2 - np -
			    pl->nmeasures].slug;
		else
			slug = e->back[i - 2 - np - pl->nmeasures -
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

int
sitemap_write(const struct report *r, const struct opts *o,
    struct outdir *od)
{
	/* The publisher's pages in out/. */
	const char	*site_pages[] = { fname(FNAME_SITEMAP),
	    fname(FNAME_ACCESSIBILITY), fname(FNAME_LEGAL), "contact.html" };
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
	for (i = 0; i < sizeof(site_pages) / sizeof(site_pages[0]); i++) {
		url = public_url(o, site_pages[i]);
		BUF_PUTSL(&b, "<url><loc>");
		html_esc_text(&b, url);
		BUF_PUTSL(&b, "</loc></url>\n");
		free(url);
	}
	BUF_PUTSL(&b, "</urlset>\n");
	rc = out_write(od, "sitemap.xml", b.data, b.len);
	buf_free(&b);
	return rc;
}
