/*
 * The content folder -> the report model.  Lists folders in sorted order
 * (never directory order), loads every file through xml.c and md.c, and
 * reports what is missing or left over.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "i18n.h"

const char *const status_code[STATUS__MAX] = {
	"implemented",		/* STATUS_IMPLEMENTED */
	"partial",		/* STATUS_PARTIAL */
	"in-progress",		/* STATUS_IN_PROGRESS */
	"not-implemented",	/* STATUS_NOT_IMPLEMENTED */
	"not-assessed",		/* STATUS_NOT_ASSESSED */
};

const char *const status_label[STATUS__MAX] = {
	N_("Réalisée"),			/* STATUS_IMPLEMENTED */
	N_("Partiellement réalisée"),	/* STATUS_PARTIAL */
	N_("En cours"),			/* STATUS_IN_PROGRESS */
	N_("Non réalisée"),			/* STATUS_NOT_IMPLEMENTED */
	N_("Information insuffisante"),	/* STATUS_NOT_ASSESSED */
};

int
load_marker_line(const char *path)
{
	FILE	*f;
	char	*line = NULL;
	size_t	 cap = 0;
	int	 n = 0, found = 0;

	if (path == NULL || (f = fopen(path, "rb")) == NULL)
		return 0;
	while (!found && getline(&line, &cap, f) != -1) {
		n++;
		found = strstr(line, GAP_MARKER) != NULL;
	}
	free(line);
	fclose(f);
	return found ? n : 0;
}

int
load_inside(const struct report *r, const char *path)
{
	char	 root[PATH_MAX], real[PATH_MAX];
	size_t	 n;

	if (realpath(r->content, root) == NULL ||
	    realpath(path, real) == NULL)
		return 0;
	n = strlen(root);
	return strncmp(real, root, n) == 0 && real[n] == '/';
}

static int
is_dir(const char *path)
{
	struct stat	 st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The plan measure with this file name ("m07.xml", "m07.md"), or NULL. */
static struct measure *
measure_named(struct report *r, const char *name, const char *ext)
{
	size_t	 i, n = strlen(name), e = strlen(ext);

	if (n <= e || strcmp(name + n - e, ext) != 0)
		return NULL;
	/* Numbers run 1, 2, 3... and ids are "m" and the number, so
	 * measure mN is usually at N - 1: no scan of a large plan for each
	 * of its files. */
	if (name[0] == 'm' && name[1] >= '0' && name[1] <= '9') {
		i = strtoul(name + 1, NULL, 10);
		if (i >= 1 && i <= r->plan.nmeasures &&
		    strlen(r->plan.measures[i - 1].id) == n - e &&
		    strncmp(name, r->plan.measures[i - 1].id, n - e) == 0)
			return &r->plan.measures[i - 1];
	}
	for (i = 0; i < r->plan.nmeasures; i++)
		if (strlen(r->plan.measures[i].id) == n - e &&
		    strncmp(name, r->plan.measures[i].id, n - e) == 0)
			return &r->plan.measures[i];
	return NULL;
}

/* Reports a file that cannot be read as one: a symbolic link that leads
 * nowhere, in a loop, to a folder or out of the content folder.
 * Returns 1 if the file may be read. */
static int
check_inside(struct report *r, const char *path)
{
	struct pos	 p = { path, 0, 0 };
	struct stat	 st;

	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (stat(path, &st) == -1) {
			if (errno == ENOENT)
				diag(DIAG_ERROR, &p, "a symbolic link that "
				    "leads nowhere");
			else if (errno == ELOOP)
				diag(DIAG_ERROR, &p, "a loop of symbolic "
				    "links");
			else
				diag(DIAG_ERROR, &p, "cannot read: %s",
				    strerror(errno));
			return 0;
		}
		if (S_ISDIR(st.st_mode)) {
			diag(DIAG_ERROR, &p, "a symbolic link to a folder, "
			    "where a file is expected");
			return 0;
		}
	}
	if (load_inside(r, path))
		return 1;
	diag(DIAG_ERROR, &p, "leads outside the content folder");
	return 0;
}

/* Is there something at path?  0 and a diagnostic at pos if it cannot be
 * told (a folder on the way not readable); 0 and no diagnostic if there
 * is nothing (the caller says what is missing). */
static int
exists(const char *path, const struct pos *pos, int *missing)
{
	struct stat	 st;

	*missing = 0;
	if (lstat(path, &st) == 0)
		return 1;
	if (errno == ENOENT || errno == ENOTDIR)
		*missing = 1;
	else
		diag(DIAG_ERROR, pos, "cannot read: %s", strerror(errno));
	return 0;
}

/*
 * A folder of the content (indicators, editions, an edition, its
 * measures) is a real folder: a symbolic link to one is refused, never
 * followed (links to "." or to "/" would make the walk endless).
 * Returns 1 if path is a folder; otherwise reports what it is as an
 * error at path, "what" naming the folder ("the measures folder"),
 * unless missing is given: *missing is then set for a folder that does
 * not exist, and nothing is said.
 */
static int
folder_ok(const char *path, const char *what, int *missing)
{
	struct pos	 p = { path, 0, 0 };
	struct stat	 st;

	if (missing != NULL)
		*missing = 0;
	if (lstat(path, &st) == -1) {
		if (errno == ENOENT && missing != NULL)
			*missing = 1;
		else
			diag(DIAG_ERROR, &p, "cannot read %s: %s", what,
			    strerror(errno));
		return 0;
	}
	if (S_ISLNK(st.st_mode)) {
		diag(DIAG_ERROR, &p, "%s is a symbolic link: folders of the "
		    "content must be real folders (links to folders are not "
		    "followed)", what);
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag(DIAG_ERROR, &p, "%s is not a folder", what);
		return 0;
	}
	return 1;
}

static void
load_indicators(struct report *r)
{
	char		*dir, *path, **names;
	ssize_t		 n, i;
	size_t		 k;
	struct measure	*m;
	struct pos	 p;
	unsigned char	*seen;

	dir = xasprintf("%s/indicators", r->content);
	seen = xcalloc(r->plan.nmeasures, 1);
	if (!folder_ok(dir, "the indicators folder", NULL)) {
		/* Said why; each missing file is not news. */
		memset(seen, 1, r->plan.nmeasures);
		n = 0;
		names = NULL;
	} else if ((n = dir_names(dir, &names)) == -1) {
		p.file = dir;
		p.line = p.col = 0;
		diag(DIAG_ERROR, &p, "cannot read the indicators folder: %s",
		    strerror(errno));
		/* Unreadable is not missing: no error per measure. */
		memset(seen, 1, r->plan.nmeasures);
	}
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		p.file = path;
		p.line = p.col = 0;
		if ((m = measure_named(r, names[i], ".xml")) == NULL)
			diag(DIAG_ERROR, &p, "no measure of the plan has this "
			    "file (expected m01.xml to m%02zu.xml)",
			    r->plan.nmeasures);
		else if (check_inside(r, path)) {
			seen[m->index] = 1;
			xml_load_indicators(r, m, path);
		} else
			seen[m->index] = 1;
		free(path);
	}
	for (k = 0; k < r->plan.nmeasures; k++)
		if (!seen[k])
			diag(DIAG_ERROR, &r->plan.measures[k].pos, "measure %s "
			    "has no indicator file %s/%s.xml",
			    r->plan.measures[k].id, dir,
			    r->plan.measures[k].id);
	dir_names_free(names, n);
	free(seen);
	free(dir);
}

static void
load_parts(struct report *r, const char *dir, struct part *pt, size_t n)
{
	size_t	 i, j;
	char	*path;
	int	 missing;

	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(pt[i].file, pt[j].file) == 0) {
				/* Once, not once per earlier listing. */
				diag(DIAG_ERROR, &pt[i].pos, "part %s listed "
				    "twice", pt[i].file);
				break;
			}
		path = xasprintf("%s/%s", dir, pt[i].file);
		if (!exists(path, &pt[i].pos, &missing)) {
			if (missing)
				diag(DIAG_ERROR, &pt[i].pos, "missing file %s",
				    path);
		} else if (check_inside(r, path))
			md_load(r, &pt[i].doc, path);
		free(path);
	}
}

/* Is name one of the edition's parts? */
static int
is_part(const struct edition *e, const char *name)
{
	size_t	 i;

	for (i = 0; i < e->nfront; i++)
		if (strcmp(e->front[i].file, name) == 0)
			return 1;
	for (i = 0; i < e->nback; i++)
		if (strcmp(e->back[i].file, name) == 0)
			return 1;
	return 0;
}

static void
load_edition(struct report *r, struct edition *e, const char *dir,
    int year)
{
	char		*path, *mdir, **names;
	ssize_t		 n, i;
	size_t		 k;
	struct measure	*m;
	struct pos	 p;
	unsigned char	*seen;
	int		 missing;

	e->year = year;
	e->narr = arena_array(r->ar, r->plan.nmeasures, sizeof(*e->narr));
	path = xasprintf("%s/edition.xml", dir);
	p.file = path;
	p.line = p.col = 0;
	if (!exists(path, &p, &missing)) {
		if (missing)
			diag(DIAG_ERROR, &p, "missing edition file");
	} else if (check_inside(r, path) && xml_load_edition(r, e, path) &&
	    e->year != year)
		diag(DIAG_ERROR, &e->pos, "edition year %d in folder %s",
		    e->year, dir);
	e->year = year;
	free(path);
	/* --year: of another edition, edition.xml only (the index lists
	 * it, the next edition names it). */
	if (r->only != 0 && year != r->only)
		return;
	load_parts(r, dir, e->front, e->nfront);
	load_parts(r, dir, e->back, e->nback);

	/* Markdown files of the edition folder that nothing uses (other
	 * files may be images). */
	if (e->file != NULL && (n = dir_names(dir, &names)) > 0)
		for (i = 0; i < n; i++) {
			k = strlen(names[i]);
			if (k < 3 || strcmp(names[i] + k - 3, ".md") != 0 ||
			    is_part(e, names[i]))
				continue;
			path = xasprintf("%s/%s", dir, names[i]);
			p.file = path;
			diag(DIAG_WARNING, &p, "not listed in edition.xml: "
			    "not part of the report");
			free(path);
		}
	else
		n = 0, names = NULL;
	dir_names_free(names, n);

	mdir = xasprintf("%s/measures", dir);
	seen = xcalloc(r->plan.nmeasures, 1);
	p.file = mdir;
	if (!folder_ok(mdir, "the measures folder", &missing)) {
		if (missing)
			diag(DIAG_ERROR, &p, "missing measures folder");
		n = -1;
		names = NULL;
	} else if ((n = dir_names(mdir, &names)) == -1)
		diag(DIAG_ERROR, &p, "cannot read the measures folder: %s",
		    strerror(errno));
	for (i = 0; i < n; i++) {
		/* Images may sit beside the narratives that show them. */
		if (image_kind(names[i]) != IMG__MAX)
			continue;
		path = xasprintf("%s/%s", mdir, names[i]);
		p.file = path;
		if ((m = measure_named(r, names[i], ".md")) == NULL)
			diag(DIAG_ERROR, &p, "no measure of the plan has this "
			    "file (expected m01.md to m%02zu.md)",
			    r->plan.nmeasures);
		else {
			seen[m->index] = 1;
			if (check_inside(r, path))
				md_load(r, &e->narr[m->index], path);
		}
		free(path);
	}
	dir_names_free(names, n);
	for (k = 0; k < r->plan.nmeasures && n >= 0; k++)
		if (!seen[k]) {
			/* Reported by validate(): a draft may lack it. */
			path = xasprintf("%s/%s.md", mdir,
			    r->plan.measures[k].id);
			e->narr[k].missing = arena_strdup(r->ar, path);
			free(path);
		}
	free(seen);
	free(mdir);
}

static void
load_editions(struct report *r)
{
	char		*dir, *sub, **names;
	ssize_t		 n, i;
	size_t		 cap = 0;
	struct edition	*e;
	struct pos	 p = { NULL, 0, 0 };
	long long	 year;

	dir = xasprintf("%s/editions", r->content);
	if (!folder_ok(dir, "the editions folder", NULL)) {
		n = -1;
		names = NULL;
	} else if ((n = dir_names(dir, &names)) == -1) {
		p.file = dir;
		diag(DIAG_ERROR, &p, "cannot read the editions folder: %s",
		    strerror(errno));
	}
	for (i = 0; i < n; i++) {
		sub = xasprintf("%s/%s", dir, names[i]);
		p.file = sub;
		/* Four digits: sscanf("%4d") also took " 201" and "+201". */
		if (strlen(names[i]) != 4 ||
		    !cnum_int(names[i], 0, 9999, &year))
			diag(DIAG_ERROR, &p, "not an edition folder (a year, "
			    "such as 2016)");
		else if (!folder_ok(sub, "an edition folder", NULL))
			;	/* said why */
		else if (r->only != 0 && year != r->only) {
			/* Not built: nothing in it is reported, and it is
			 * left out if its edition.xml does not load. */
			e = ARENA_PUSH(r->ar, r->eds, r->neds, cap);
			diag_mute(1);
			load_edition(r, e, sub, year);
			diag_mute(0);
			if (e->title == NULL) {
				memset(e, 0, sizeof(*e));  /* slot reused */
				r->neds--;
			}
		} else {
			e = ARENA_PUSH(r->ar, r->eds, r->neds, cap);
			load_edition(r, e, sub, (int)year);
		}
		free(sub);
	}
	if (n == 0) {
		p.file = dir;
		diag(DIAG_ERROR, &p, "no edition");
	}
	dir_names_free(names, n);
	free(dir);
	/* dir_names() sorted the years; link each to the one before. */
	for (i = 1; i < (ssize_t)r->neds; i++)
		if (r->eds[i - 1].year == r->eds[i].year - 1)
			r->eds[i].prev = &r->eds[i - 1];
}

struct report *
report_load(const char *content)
{
	return report_load_year(content, 0);
}

struct report *
report_load_year(const char *content, int year)
{
	struct report	*r;
	char		*path;
	struct pos	 p = { content, 0, 0 };
	int		 missing;

	if (!is_dir(content)) {
		diag(DIAG_ERROR, &p, "no content folder here");
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->ar = arena_new();
	r->content = arena_strdup(r->ar, content);
	r->only = year;
	path = xasprintf("%s/plan.xml", content);
	p.file = path;
	if (!exists(path, &p, &missing)) {
		if (missing)
			diag(DIAG_ERROR, &p, "missing plan file");
	} else if (check_inside(r, path) && xml_load_plan(r, path)) {
		load_indicators(r);
		load_editions(r);
	}
	free(path);
	/* Optional: the publisher's pages say what is missing without it. */
	path = xasprintf("%s/site.xml", content);
	p.file = path;
	if (exists(path, &p, &missing) && check_inside(r, path))
		xml_load_site(r, path);	/* keeps its own copy of path */
	free(path);
	return r;
}

void
report_free(struct report *r)
{
	if (r == NULL)
		return;
	arena_free(r->ar);
	free(r);
}
