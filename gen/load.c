/*
 * The content folder -> the report model.  Lists folders in sorted order
 * (never directory order), loads every file through xml.c and md.c, and
 * reports what is missing or left over.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "i18n.h"
#include "msg.h"

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
load_inside(const struct report *r, const char *path)
{
	char	 real[PATH_MAX];
	size_t	 n;

	if (r->root == NULL || realpath(path, real) == NULL)
		return 0;
	n = strlen(r->root);
	return strncmp(real, r->root, n) == 0 && real[n] == '/';
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
 * nowhere, in a loop, to a folder or out of the content folder.  A file
 * listed (its name has no '/') in the content folder or in a folder of
 * it that folder_ok() accepted, and not a link, is inside without
 * asking realpath(): a dozen system calls for each of thousands of
 * files.  Returns 1 if the file may be read. */
static int
check_inside(struct report *r, const char *path, int listed)
{
	struct pos	 p = { path, 0, 0 };
	struct stat	 st;
	int		 got;

	if ((got = lstat(path, &st) == 0) && !S_ISLNK(st.st_mode) && listed)
		return 1;
	if (got && S_ISLNK(st.st_mode)) {
		if (stat(path, &st) == -1) {
			if (errno == ENOENT)
				diag_msg(DIAG_ERROR, &p, MSG_LOAD_LINK_NOWHERE);
			else if (errno == ELOOP)
				diag_msg(DIAG_ERROR, &p, MSG_LOAD_LINK_LOOP);
			else
				diag_msg(DIAG_ERROR, &p, MSG_LOAD_READ,
				    strerror(errno));
			return 0;
		}
		if (S_ISDIR(st.st_mode)) {
			diag_msg(DIAG_ERROR, &p, MSG_LOAD_LINK_FOLDER);
			return 0;
		}
	}
	if (load_inside(r, path))
		return 1;
	diag_msg(DIAG_ERROR, &p, MSG_LOAD_OUTSIDE);
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
		diag_msg(DIAG_ERROR, pos, MSG_LOAD_READ, strerror(errno));
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
			diag_msg(DIAG_ERROR, &p, MSG_LOAD_READ_FOLDER, what,
			    strerror(errno));
		return 0;
	}
	if (S_ISLNK(st.st_mode)) {
		diag_msg(DIAG_ERROR, &p, MSG_LOAD_FOLDER_LINK, what);
		return 0;
	}
	if (!S_ISDIR(st.st_mode)) {
		diag_msg(DIAG_ERROR, &p, MSG_LOAD_NOT_FOLDER, what);
		return 0;
	}
	return 1;
}

/*
 * The files of a folder walk (the indicators, the editions' narratives
 * and parts) are loaded by a pool of threads once the walk has listed
 * them: the walk says what it finds, in order, into logs (diag_hold()),
 * and so does each file; the logs are told in the walk's order once
 * every thread is done.  A thread builds in an arena of its own, handed
 * over to the report's.  No thread runs past pool_run(): the early
 * workers fork after it.
 */
struct job {
	char		*path;		/* owned */
	struct doc	*doc;		/* a narrative or part, or */
	struct measure	*m;		/* the measure of an indicator file */
	struct dlog	*log;		/* what loading the file said */
	struct dlog	*after;		/* what the walk said next */
};

struct pool {
	struct report	*r;
	struct dlog	*before;	/* what the walk said first */
	struct job	*jobs;
	size_t		 njobs, cap;
	size_t		 next;		/* the next job to take (atomic) */
};

/* Threads that load files (load_threads()), the calling one included. */
static int	 nthreads = 1;

void
load_threads(int n)
{
	nthreads = n < 1 ? 1 : n > LOAD_THREADS_MAX ? LOAD_THREADS_MAX : n;
}

static void
pool_begin(struct pool *pl, struct report *r)
{
	memset(pl, 0, sizeof(*pl));
	pl->r = r;
	pl->before = diag_log();
	diag_hold(pl->before);
}

/* Queues the loading of path into doc (a narrative or part) or into m
 * (its indicator file). */
static void
pool_add(struct pool *pl, const char *path, struct doc *doc,
    struct measure *m)
{
	struct job	*j;

	if (pl->njobs == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 64;
		pl->jobs = xreallocarray(pl->jobs, pl->cap, sizeof(*pl->jobs));
	}
	j = &pl->jobs[pl->njobs++];
	j->path = xstrdup(path);
	j->doc = doc;
	j->m = m;
	j->log = diag_log();
	j->after = diag_log();
	diag_hold(j->after);
}

/* Takes jobs until none is left, building into ar. */
static void
pool_work(struct pool *pl, struct arena *ar)
{
	struct job	*j;
	size_t		 i;

	while ((i = __atomic_fetch_add(&pl->next, 1, __ATOMIC_RELAXED)) <
	    pl->njobs) {
		j = &pl->jobs[i];
		diag_hold(j->log);
		if (j->doc != NULL)
			md_load(pl->r, ar, j->doc, j->path);
		else
			xml_load_indicators(pl->r, ar, j->m, j->path);
	}
	diag_hold(NULL);
}

struct helper {
	pthread_t	 tid;
	struct pool	*pl;
	struct arena	*ar;		/* its own */
};

static void *
helper_main(void *arg)
{
	struct helper	*h = arg;

	/* In the C locale, as main() puts its own thread: libxml2's and
	 * the C library's conversions read the same wherever it runs. */
	cnum_thread();
	pool_work(h->pl, h->ar);
	return NULL;
}

/* Loads the queued files, tells what the walk and they said, in order,
 * and frees the pool. */
static void
pool_run(struct pool *pl)
{
	struct helper	 h[LOAD_THREADS_MAX];
	size_t		 i;
	int		 n = 0, k;

	diag_hold(NULL);
	/* A thread for a few files costs more than it saves. */
	while (n + 1 < nthreads && (size_t)(n + 1) * 8 < pl->njobs) {
		h[n].pl = pl;
		h[n].ar = arena_new();
		if (pthread_create(&h[n].tid, NULL, helper_main, &h[n]) != 0) {
			arena_free(h[n].ar);
			break;
		}
		n++;
	}
	pool_work(pl, pl->r->ar);
	for (k = 0; k < n; k++) {
		pthread_join(h[k].tid, NULL);
		arena_adopt(pl->r->ar, h[k].ar);
	}
	diag_replay(pl->before);
	for (i = 0; i < pl->njobs; i++) {
		diag_replay(pl->jobs[i].log);
		diag_replay(pl->jobs[i].after);
		free(pl->jobs[i].path);
	}
	free(pl->jobs);
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
	struct pool	 pl;

	pool_begin(&pl, r);
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
		diag_msg(DIAG_ERROR, &p, MSG_LOAD_INDICATORS_DIR,
		    strerror(errno));
		/* Unreadable is not missing: no error per measure. */
		memset(seen, 1, r->plan.nmeasures);
	}
	for (i = 0; i < n; i++) {
		path = xasprintf("%s/%s", dir, names[i]);
		p.file = path;
		p.line = p.col = 0;
		if ((m = measure_named(r, names[i], ".xml")) == NULL)
			diag_msg(DIAG_ERROR, &p, MSG_LOAD_INDICATOR_NAME,
			    r->plan.nmeasures);
		else if (check_inside(r, path, 1)) {
			seen[m->index] = 1;
			pool_add(&pl, path, NULL, m);
		} else
			seen[m->index] = 1;
		free(path);
	}
	for (k = 0; k < r->plan.nmeasures; k++)
		if (!seen[k])
			diag_msg(DIAG_ERROR, &r->plan.measures[k].pos,
			    MSG_LOAD_NO_INDICATORS, r->plan.measures[k].id,
			    dir, r->plan.measures[k].id);
	dir_names_free(names, n);
	free(seen);
	free(dir);
	pool_run(&pl);
}

static void
load_parts(struct pool *pl, const char *dir, struct part *pt, size_t n)
{
	size_t	 i, j;
	char	*path;
	int	 missing;

	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (strcmp(pt[i].file, pt[j].file) == 0) {
				/* Once, not once per earlier listing. */
				diag_msg(DIAG_ERROR, &pt[i].pos,
				    MSG_LOAD_PART_TWICE, pt[i].file);
				break;
			}
		path = xasprintf("%s/%s", dir, pt[i].file);
		if (!exists(path, &pt[i].pos, &missing)) {
			if (missing)
				diag_msg(DIAG_ERROR, &pt[i].pos,
				    MSG_LOAD_MISSING_FILE, path);
		} else if (check_inside(pl->r, path, 0))
			pool_add(pl, path, &pt[i].doc, NULL);
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

/* Loads dir/edition.xml into e, whose year is the folder's. */
static void
edition_file(struct report *r, struct edition *e, const char *dir, int year)
{
	char		*path;
	struct pos	 p;
	int		 missing;

	path = xasprintf("%s/edition.xml", dir);
	p.file = path;
	p.line = p.col = 0;
	if (!exists(path, &p, &missing)) {
		if (missing)
			diag_msg(DIAG_ERROR, &p, MSG_LOAD_NO_EDITION_FILE);
	} else if (check_inside(r, path, 1) && xml_load_edition(r, e, path) &&
	    e->year != year)
		diag_msg(DIAG_ERROR, &e->pos, MSG_LOAD_EDITION_YEAR,
		    e->year, dir);
	e->year = year;
	free(path);
}

/* Warns of the Markdown files of the edition folder that nothing uses
 * (other files may be images). */
static void
edition_strays(const struct edition *e, const char *dir)
{
	char		*path, **names;
	ssize_t		 n, i;
	size_t		 k;
	struct pos	 p;

	p.line = p.col = 0;
	if (e->file != NULL && (n = dir_names(dir, &names)) > 0)
		for (i = 0; i < n; i++) {
			k = strlen(names[i]);
			if (k < 3 || strcmp(names[i] + k - 3, ".md") != 0 ||
			    is_part(e, names[i]))
				continue;
			path = xasprintf("%s/%s", dir, names[i]);
			p.file = path;
			diag_msg(DIAG_WARNING, &p, MSG_LOAD_UNLISTED);
			free(path);
		}
	else
		n = 0, names = NULL;
	dir_names_free(names, n);
}

/* Loads the narratives of dir/measures into e; the measures without
 * one keep the path they were looked for at. */
static void
edition_measures(struct pool *pl, struct edition *e, const char *dir)
{
	struct report	*r = pl->r;
	char		*path, *mdir, **names;
	ssize_t		 n, i;
	size_t		 k;
	struct measure	*m;
	struct pos	 p;
	unsigned char	*seen;
	int		 missing;

	mdir = xasprintf("%s/measures", dir);
	seen = xcalloc(r->plan.nmeasures, 1);
	p.file = mdir;
	p.line = p.col = 0;
	if (!folder_ok(mdir, "the measures folder", &missing)) {
		if (missing)
			diag_msg(DIAG_ERROR, &p, MSG_LOAD_NO_MEASURES_DIR);
		n = -1;
		names = NULL;
	} else if ((n = dir_names(mdir, &names)) == -1)
		diag_msg(DIAG_ERROR, &p, MSG_LOAD_MEASURES_DIR,
		    strerror(errno));
	for (i = 0; i < n; i++) {
		/* Images may sit beside the narratives that show them. */
		if (image_kind(names[i]) != IMG__MAX)
			continue;
		path = xasprintf("%s/%s", mdir, names[i]);
		p.file = path;
		if ((m = measure_named(r, names[i], ".md")) == NULL)
			diag_msg(DIAG_ERROR, &p, MSG_LOAD_NARRATIVE_NAME,
			    r->plan.nmeasures);
		else {
			seen[m->index] = 1;
			if (check_inside(r, path, 1))
				pool_add(pl, path, &e->narr[m->index], NULL);
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
load_edition(struct pool *pl, struct edition *e, const char *dir, int year)
{
	struct report	*r = pl->r;

	e->year = year;
	e->narr = arena_array(r->ar, r->plan.nmeasures, sizeof(*e->narr));
	edition_file(r, e, dir, year);
	/* --year: of another edition, edition.xml only (the index lists
	 * it, the next edition names it). */
	if (r->only != 0 && year != r->only)
		return;
	load_parts(pl, dir, e->front, e->nfront);
	load_parts(pl, dir, e->back, e->nback);
	edition_strays(e, dir);
	edition_measures(pl, e, dir);
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
	struct pool	 pl;

	pool_begin(&pl, r);
	dir = xasprintf("%s/editions", r->content);
	if (!folder_ok(dir, "the editions folder", NULL)) {
		n = -1;
		names = NULL;
	} else if ((n = dir_names(dir, &names)) == -1) {
		p.file = dir;
		diag_msg(DIAG_ERROR, &p, MSG_LOAD_EDITIONS_DIR,
		    strerror(errno));
	}
	for (i = 0; i < n; i++) {
		sub = xasprintf("%s/%s", dir, names[i]);
		p.file = sub;
		/* Four digits: sscanf("%4d") also took " 201" and "+201". */
		if (strlen(names[i]) != 4 ||
		    !cnum_int(names[i], 0, 9999, &year))
			diag_msg(DIAG_ERROR, &p, MSG_LOAD_EDITION_NAME);
		else if (!folder_ok(sub, "an edition folder", NULL))
			;	/* said why */
		else if (r->only != 0 && year != r->only) {
			/* Not built: nothing in it is reported, and it is
			 * left out if its edition.xml does not load. */
			e = ARENA_PUSH(r->ar, r->eds, r->neds, cap);
			diag_mute(1);
			load_edition(&pl, e, sub, year);
			diag_mute(0);
			if (e->title == NULL) {
				memset(e, 0, sizeof(*e));  /* slot reused */
				r->neds--;
			}
		} else {
			e = ARENA_PUSH(r->ar, r->eds, r->neds, cap);
			load_edition(&pl, e, sub, (int)year);
		}
		free(sub);
	}
	if (n == 0) {
		p.file = dir;
		diag_msg(DIAG_ERROR, &p, MSG_LOAD_NO_EDITION);
	}
	dir_names_free(names, n);
	free(dir);
	pool_run(&pl);
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
	return report_load_early(content, year, NULL, NULL);
}

struct report *
report_load_early(const char *content, int year,
    void (*early)(struct report *, void *), void *arg)
{
	struct report	*r;
	char		*path;
	struct pos	 p = { content, 0, 0 };
	int		 missing;

	if (!is_dir(content)) {
		diag_msg(DIAG_ERROR, &p, MSG_LOAD_NO_CONTENT);
		return NULL;
	}
	r = xcalloc(1, sizeof(*r));
	r->ar = arena_new();
	r->content = arena_strdup(r->ar, content);
	if ((path = realpath(content, NULL)) != NULL)
		r->root = arena_strdup(r->ar, path);
	free(path);
	r->only = year;
	path = xasprintf("%s/plan.xml", content);
	p.file = path;
	if (!exists(path, &p, &missing)) {
		if (missing)
			diag_msg(DIAG_ERROR, &p, MSG_LOAD_NO_PLAN);
	} else if (check_inside(r, path, 1) && xml_load_plan(r, path)) {
		load_indicators(r);
		if (early != NULL)
			early(r, arg);
		load_editions(r);
	}
	free(path);
	/* Optional: the publisher's pages say what is missing without it. */
	path = xasprintf("%s/site.xml", content);
	p.file = path;
	if (exists(path, &p, &missing) && check_inside(r, path, 1))
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
