/*
 * Helpers shared by the fuzz harnesses: a scratch content folder and a
 * small report to load into.  See fuzz.h.
 */
#include <sys/stat.h>

#include <err.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "fuzz.h"

static char	*top;		/* the scratch folder */
static char	*content;	/* top/content */

/* A 1 x 1 white PNG. */
static const unsigned char png1[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00,
	0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde,
	0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63,
	0xf8, 0xff, 0xff, 0x3f, 0x00, 0x05, 0xfe, 0x02, 0xfe, 0xdc, 0xcc,
	0x59, 0xe7, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae,
	0x42, 0x60, 0x82
};

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	remove(path);
	return 0;
}

static void
cleanup(void)
{
	if (top != NULL)
		nftw(top, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
put(const char *rel, const void *data, size_t size)
{
	FILE	*f;
	char	*path;

	path = xasprintf("%s/%s", content, rel);
	if ((f = fopen(path, "wb")) == NULL)
		err(1, "%s", path);
	if (size > 0 && fwrite(data, 1, size, f) != size)
		err(1, "%s", path);
	if (fclose(f) != 0)
		err(1, "%s", path);
	free(path);
}

static void
mkdir_in(const char *rel)
{
	char	*p;

	p = xasprintf("%s%s", content, rel);
	if (mkdir(p, 0755) == -1)
		err(1, "%s", p);
	free(p);
}

void
fuzz_setup(void)
{
	const char	*tmp;

	if (top != NULL)
		return;
	if (freopen("/dev/null", "w", stdout) == NULL)
		err(1, "/dev/null");
	diag_init(DFORMAT_JSON, 0);
	xml_init();
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	top = xasprintf("%s/rapporteur-fuzz-XXXXXX", tmp);
	if (mkdtemp(top) == NULL)
		err(1, "%s", top);
	atexit(cleanup);
	content = xasprintf("%s/content", top);
	mkdir_in("");
	mkdir_in("/indicators");
	mkdir_in("/editions");
	mkdir_in("/editions/2016");
	mkdir_in("/editions/2016/measures");
	put("img.png", png1, sizeof(png1));
	put("editions/2016/img.png", png1, sizeof(png1));
	put("texte.png", "GIF89a", 6);
}

const char *
fuzz_write(const char *rel, const uint8_t *data, size_t size)
{
	static char	*path;

	put(rel, data, size);
	free(path);
	path = xasprintf("%s/%s", content, rel);
	return path;
}

struct report *
fuzz_report(int edition)
{
	struct report	*r;
	struct plan	*pl;
	struct measure	*m;
	struct priority	*pr;
	struct edition	*e;

	r = xcalloc(1, sizeof(*r));
	r->ar = arena_new();
	r->content = arena_strdup(r->ar, content);
	pl = &r->plan;
	pl->title = pl->short_title = "Plan";
	pl->start = 2014;
	pl->end = 2016;
	pl->data_from = 2012;
	pl->file = "plan.xml";
	plan_defaults(pl);
	pl->measures = arena_array(r->ar, 1, sizeof(*pl->measures));
	pl->nmeasures = 1;
	pl->prios = arena_array(r->ar, 1, sizeof(*pl->prios));
	pl->nprios = 1;
	pr = &pl->prios[0];
	pr->id = pr->num = "I";
	pr->label = "Priorité I";
	pr->number = 1;
	pr->title = "Priorité";
	pr->measures = arena_array(r->ar, 1, sizeof(*pr->measures));
	pr->measures[0] = &pl->measures[0];
	pr->nmeasures = 1;
	m = &pl->measures[0];
	m->id = "m01";
	m->number = 1;
	m->num = "1";
	m->label = "Mesure 1";
	m->title = "Mesure";
	m->priority = pr;
	if (edition) {
		r->eds = arena_array(r->ar, 1, sizeof(*r->eds));
		r->neds = 1;
		e = &r->eds[0];
		e->year = 2016;
		e->date = "2017-07-06";
		e->title = "Rapport";
		e->institution = "Institution";
		e->narr = arena_array(r->ar, 1, sizeof(*e->narr));
	}
	return r;
}

void
fuzz_done(struct report *r)
{
	struct buf	 b = { NULL, 0, 0 };

	xref_resolve(r);	/* as main() does after loading */
	validate(r);
	tree_dump(&b, r);
	buf_free(&b);
	report_free(r);
	diag_finish();
}
