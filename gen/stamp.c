/*
 * Skipping a build whose inputs did not change.  Authors rebuild after
 * every sentence: when the content, the styles, the options and the tool
 * itself are byte for byte those of the last build, and out/ still holds
 * every file that build left, there is nothing to do.
 *
 * The stamp holds a hash of the inputs and the list of files in out/ with
 * their sizes.  It lives beside out/ (".out.stamp" for "out"), not in
 * it: out/ holds only what the content makes, so that two builds of the
 * same content compare equal whatever the stamps say.  It is only an
 * optimisation: a missing, unreadable or stale stamp means a full build.
 *
 * When something changed, each task (one format of one edition) is
 * skipped on its own if what it reads did not change: ".out.tasks"
 * beside the stamp keeps, for each task of the last build, a hash of
 * what it reads and the files it left in out/ with their sizes and
 * mtimes.  What a task reads (read from the backends, keep in step):
 *  - every task: the tool, the options, the styles, and every content
 *    file that is not an edition's own (plan.xml, the indicators with the
 *    assessments, each edition.xml: years, titles, institution, dates);
 *  - the PDF and the site of an edition: also its own files (editions/
 *    <year>/ but edition.xml: narratives, parts, images) and the images
 *    its narratives show, wherever they are;
 *  - the site: also every diagnostic (its review page lists all the
 *    warnings of the content);
 *  - the charts: nothing more (indicators and edition.xml only).
 * Of other editions, the site and PDF show only years, statuses and
 * edition.xml fields: all in the common part.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "backend.h"


/* ".out.stamp" beside "out" (its real folder, a symbolic link
 * followed); ext "tasks": ".out.tasks".  Caller frees. */
static char *
stamp_file(const struct opts *o, const char *ext)
{
	return out_record(o->real_out != NULL ? o->real_out : o->out, ext);
}

static char *
stamp_path(const struct opts *o)
{
	return stamp_file(o, "stamp");
}

/*
 * FNV-1a, 64 bits, eight bytes a step (the loaded files are hashed
 * whole, megabytes of them), the rest byte by byte: quick, and
 * collisions do not matter at this scale.  Each step (xor, multiply by
 * the odd prime, fold the high half down so that the next multiply
 * spreads it) is one to one, so a change within one step's bytes
 * always changes the hash.
 */
static void
hash_bytes(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t	 w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, sizeof(w));
		*h = (*h ^ w) * 0x100000001b3ULL;
		*h ^= *h >> 32;
	}
	while (n-- > 0) {
		*h ^= *s++;
		*h *= 0x100000001b3ULL;
	}
}

static void
hash_str(uint64_t *h, const char *s)
{
	hash_bytes(h, s != NULL ? s : "(null)", strlen(s != NULL ? s :
	    "(null)") + 1);
}

/* The files the loaders read, with the hash of the bytes they read. */
struct loaded {
	char		*path;
	uint64_t	 h;
};
static struct loaded	*loaded;
static size_t		 nloaded, caploaded, sortedto;
/* The content's files load on several threads (load.c). */
static pthread_mutex_t	 loaded_lock = PTHREAD_MUTEX_INITIALIZER;

void
stamp_loaded(const char *path, const void *data, size_t len)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;

	hash_bytes(&h, data, len);
	pthread_mutex_lock(&loaded_lock);
	if (nloaded == caploaded) {
		caploaded = caploaded ? caploaded * 2 : 256;
		loaded = xreallocarray(loaded, caploaded, sizeof(*loaded));
	}
	loaded[nloaded].path = xstrdup(path);
	loaded[nloaded++].h = h;
	pthread_mutex_unlock(&loaded_lock);
}

static void	 inputs_forget(void);

void
stamp_loaded_reset(void)
{
	size_t	 i;

	inputs_forget();
	for (i = 0; i < nloaded; i++)
		free(loaded[i].path);
	free(loaded);
	loaded = NULL;
	nloaded = caploaded = sortedto = 0;
}

static int
cmp_loaded(const void *a, const void *b)
{
	return strcmp(((const struct loaded *)a)->path,
	    ((const struct loaded *)b)->path);
}

/* The hash of what a loader read from path, if it read it (loaders read
 * each file once). */
static int
loaded_hash(const char *path, uint64_t *h)
{
	struct loaded	 key, *l;

	if (sortedto != nloaded) {
		qsort(loaded, nloaded, sizeof(*loaded), cmp_loaded);
		sortedto = nloaded;
	}
	key.path = (char *)path;
	if (nloaded == 0 || (l = bsearch(&key, loaded, nloaded,
	    sizeof(*loaded), cmp_loaded)) == NULL)
		return 0;
	*h = l->h;
	return 1;
}

/* What a file adds to a hash after its name: a symbolic link its text
 * (never followed), a file the hash of its bytes, a file that cannot be
 * read nothing. */
struct input {
	char		*rel;		/* its path from its folder's root */
	enum { INPUT_BYTES, INPUT_LINK, INPUT_NONE } kind;
	uint64_t	 fh;		/* INPUT_BYTES */
	char		*link;		/* INPUT_LINK: its text, linklen bytes */
	size_t		 linklen;
};

/* The input of path: the bytes a loader read, or else those the file
 * holds now (read before the backends read it, so that an edit in
 * between is seen by the next build).  st: lstat() of path if known (a
 * walk's), else NULL.  Caller frees in->link. */
static void
input_of(const char *path, const struct stat *st, struct input *in)
{
	struct stat	 sb;
	FILE		*f;
	char		 b[65536];
	size_t		 n;
	ssize_t		 len;

	in->kind = INPUT_BYTES;
	in->fh = 0xcbf29ce484222325ULL;
	in->link = NULL;
	in->linklen = 0;
	if (st == NULL && lstat(path, &sb) == 0)
		st = &sb;
	if (st != NULL && S_ISLNK(st->st_mode)) {
		in->kind = INPUT_LINK;
		if ((len = readlink(path, b, sizeof(b))) > 0) {
			in->link = xmalloc((size_t)len);
			memcpy(in->link, b, (size_t)len);
			in->linklen = (size_t)len;
		}
		return;
	}
	if (loaded_hash(path, &in->fh))
		return;
	if ((f = fopen(path, "rb")) == NULL) {
		in->kind = INPUT_NONE;
		return;
	}
	while ((n = fread(b, 1, sizeof(b), f)) > 0)
		hash_bytes(&in->fh, b, n);
	fclose(f);
}

static void
hash_input(uint64_t *h, const char *name, const struct input *in)
{
	hash_str(h, name);
	if (in->kind == INPUT_LINK) {
		hash_str(h, "symbolic link");
		hash_bytes(h, in->link, in->linklen);
	} else if (in->kind == INPUT_BYTES)
		hash_bytes(h, &in->fh, sizeof(in->fh));
}

/* The file path under the name name (so that the same files in another
 * folder give the same hash). */
static void
hash_file(uint64_t *h, const char *path, const char *name,
    const struct stat *st)
{
	struct input	 in;

	input_of(path, st, &in);
	hash_input(h, name, &in);
	free(in.link);
}

/*
 * The tool itself: a rebuilt tool makes every output again.
 * /proc/self/exe is a symbolic link, which hash_file() would hash as
 * one (its target's path, the same after a rebuild): the file it names
 * is hashed, once per process (it is megabytes).
 */
static void
hash_tool(uint64_t *h)
{
	static uint64_t	 th;
	static int	 done;
	char		*path;

	if (!done) {
		th = 0xcbf29ce484222325ULL;
		if ((path = realpath("/proc/self/exe", NULL)) != NULL) {
			hash_file(&th, path, "", NULL);
			free(path);
		} else
			hash_str(&th, "the tool unknown");
		done = 1;
	}
	hash_bytes(h, &th, sizeof(th));
}

/* Calls fn on every file under dir but folders, in sorted order, with its
 * path relative to root ("2016/index.html"); dot files are left out.
 * Symbolic links are never followed (lstat): a link to a folder, a loop
 * of links, is one entry, not a walk. */
static void
walk(const char *root, const char *rel,
    void (*fn)(void *, const char *, const char *, const struct stat *),
    void *arg, int depth)
{
	struct stat	 st;
	char		*dir, **v, *path, *sub;
	ssize_t		 n, i;
	int		 fd;

	if (depth > 16)
		return;
	dir = rel[0] ? out_join(root, rel) : xstrdup(root);
	/* Each name looked up in its folder, not its whole path again:
	 * the stamp lists every file of out/. */
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1) {
		free(dir);
		return;
	}
	if ((n = dir_names(dir, &v)) == -1) {
		close(fd);
		free(dir);
		return;
	}
	for (i = 0; i < n; i++) {
		/* "dir/name"; its path from root ("rel/name") ends it. */
		path = out_join(dir, v[i]);
		sub = path + strlen(root) + 1;
		if (fstatat(fd, v[i], &st, AT_SYMLINK_NOFOLLOW) == 0) {
			if (S_ISDIR(st.st_mode))
				walk(root, sub, fn, arg, depth + 1);
			else if (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode))
				fn(arg, path, sub, &st);
		}
		free(path);
	}
	dir_names_free(v, n);
	close(fd);
	free(dir);
}

/* An input folder (the content, the styles, the diff base) as its first
 * walk of a run found it: the build's hash and the tasks' hashes go over
 * the same files, each looked up and read once.  Forgotten with what
 * was loaded (stamp_loaded_reset()). */
struct input_dir {
	char		*root;
	struct input	*v;		/* in the walk's (sorted) order */
	size_t		 n, cap;
};
static struct input_dir	*dirs;
static size_t		 ndirs;

static void
input_add(void *arg, const char *path, const char *rel, const struct stat *st)
{
	struct input_dir *d = arg;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 256;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	input_of(path, st, &d->v[d->n]);
	d->v[d->n++].rel = xstrdup(rel);
}

static const struct input_dir *
inputs(const char *root)
{
	struct input_dir d;
	size_t		 i;

	for (i = 0; i < ndirs; i++)
		if (strcmp(dirs[i].root, root) == 0)
			return &dirs[i];
	memset(&d, 0, sizeof(d));
	d.root = xstrdup(root);
	walk(root, "", input_add, &d, 0);
	dirs = xreallocarray(dirs, ndirs + 1, sizeof(*dirs));
	dirs[ndirs] = d;
	return &dirs[ndirs++];
}

static void
inputs_forget(void)
{
	size_t	 i, k;

	for (i = 0; i < ndirs; i++) {
		for (k = 0; k < dirs[i].n; k++) {
			free(dirs[i].v[k].rel);
			free(dirs[i].v[k].link);
		}
		free(dirs[i].v);
		free(dirs[i].root);
	}
	free(dirs);
	dirs = NULL;
	ndirs = 0;
}

/* Every file under root, by its path from root. */
static void
hash_inputs(uint64_t *h, const char *root)
{
	const struct input_dir *d = inputs(root);
	size_t		 i;

	for (i = 0; i < d->n; i++)
		hash_input(h, d->v[i].rel, &d->v[i]);
}

uint64_t
stamp_inputs(const struct opts *o)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	char		 num[64];

	hash_str(&h, PROGNAME " " VERSION);
	hash_tool(&h);
	snprintf(num, sizeof(num), "%d %u %d", o->year, o->formats,
	    o->draft);
	hash_str(&h, num);
	hash_str(&h, o->label);
	hash_str(&h, o->base_url);
	/* File names in the review page start with the content folder. */
	hash_str(&h, o->content);
	hash_str(&h, "content");
	hash_inputs(&h, o->content);
	hash_str(&h, "styles");
	hash_inputs(&h, o->styles);
	/* The review page compares with the base. */
	hash_str(&h, o->diff_base);
	if (o->diff_base != NULL)
		hash_inputs(&h, o->diff_base);
	return h;
}

/* "size mtime ctime " ("12 1700000000.000000001 …"), as printf's "%lld
 * %lld.%09ld %lld.%09ld " wrote it: thousands of files are listed. */
static void
put_times(struct buf *b, const struct stat *st)
{
	buf_dec(b, (long long)st->st_size, 0);
	buf_putc(b, ' ');
	buf_dec(b, (long long)st->st_mtim.tv_sec, 0);
	buf_putc(b, '.');
	buf_dec(b, (long long)st->st_mtim.tv_nsec, 9);
	buf_putc(b, ' ');
	buf_dec(b, (long long)st->st_ctim.tv_sec, 0);
	buf_putc(b, '.');
	buf_dec(b, (long long)st->st_ctim.tv_nsec, 9);
	buf_putc(b, ' ');
}

/* A file of out/ as a walk found it. */
struct seen {
	char		*rel;
	struct stat	 st;
};

struct listing {
	struct buf	 b;
	struct timespec	 last;		/* the latest ctime listed */
	struct seen	*v;		/* with keep: every file listed */
	size_t		 n, cap;
	int		 keep;
};

static void
list_one(void *arg, const char *path, const char *rel, const struct stat *st)
{
	struct listing	*l = arg;

	(void)path;
	if (l->keep) {
		if (l->n == l->cap) {
			l->cap = l->cap ? l->cap * 2 : 256;
			l->v = xreallocarray(l->v, l->cap, sizeof(*l->v));
		}
		l->v[l->n].rel = xstrdup(rel);
		l->v[l->n++].st = *st;
	}
	if (st->st_ctim.tv_sec > l->last.tv_sec ||
	    (st->st_ctim.tv_sec == l->last.tv_sec &&
	    st->st_ctim.tv_nsec > l->last.tv_nsec))
		l->last = st->st_ctim;
	put_times(&l->b, st);
	buf_udec(&l->b, (unsigned long long)st->st_ino, 0);
	buf_putc(&l->b, ' ');
	buf_puts(&l->b, rel);
	buf_putc(&l->b, '\n');
}

static int
cmp_seen(const void *a, const void *b)
{
	return strcmp(((const struct seen *)a)->rel,
	    ((const struct seen *)b)->rel);
}

/* "hash\n" then "size mtime ctime inode path\n" for every file now in
 * out/, into l->b: a file changed in place, even to the same size and
 * with its mtime set back, has another ctime (which no user can set).
 * With l->keep, each file's lstat() in l->v too, sorted by path.
 * Caller frees with listing_free(). */
static void
stamp_text(const struct opts *o, uint64_t h, struct listing *l)
{
	buf_printf(&l->b, "%016" PRIx64 "\n", h);
	walk(o->out, "", list_one, l, 0);
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp_seen);
}

static void
listing_free(struct listing *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].rel);
	free(l->v);
	buf_free(&l->b);
}

int
stamp_fresh(const struct opts *o, uint64_t h)
{
	struct listing	 want;
	struct buf	 have = { NULL, 0, 0 };
	struct file_fail ff;
	char		*path;
	int		 fresh = 0;

	memset(&want, 0, sizeof(want));
	path = stamp_path(o);
	/* No stamp, or one that cannot be read: not fresh. */
	if (file_get(path, (size_t)1 << 30, &have, &ff)) {
		stamp_text(o, h, &want);
		fresh = have.len > 0 && want.b.len == have.len &&
		    memcmp(want.b.data, have.data, have.len) == 0;
	}
	listing_free(&want);
	buf_free(&have);
	free(path);
	return fresh;
}

/* Replaces path with the bytes of b through a temporary file, or leaves
 * no file there.  Best effort: a stamp or task record that cannot be
 * written only means more work at the next build.  Frees path. */
static void
write_record(char *path, const struct buf *b)
{
	char	*tmp;
	FILE	*f;
	size_t	 n;

	tmp = xasprintf("%s.tmp", path);
	if ((f = fopen(tmp, "wb")) != NULL) {
		n = fwrite(b->data, 1, b->len, f);
		if (fclose(f) == 0 && n == b->len)
			rename(tmp, path);
		else
			remove(tmp);
	}
	free(tmp);
	free(path);
}

static void	 tasks_write(const struct opts *, struct stamp_task *, size_t,
		    const struct listing *);

void
stamp_write(const struct opts *o, uint64_t h, struct stamp_task *t, size_t n)
{
	struct listing	 l;
	struct timespec	 now, ms = { 0, 1000000 };

	memset(&l, 0, sizeof(l));
	l.keep = 1;		/* the task records list the same files */
	stamp_text(o, h, &l);
	/*
	 * File times come from a coarse clock (a tick of a few ms): a file
	 * edited in the tick its build listed it would keep the ctime the
	 * stamp recorded.  So the stamp (and the task records after it) are
	 * written only once that clock has passed every ctime listed: any
	 * later change gives another ctime.
	 */
	while (clock_gettime(CLOCK_REALTIME_COARSE, &now) == 0 &&
	    (now.tv_sec < l.last.tv_sec || (now.tv_sec == l.last.tv_sec &&
	    now.tv_nsec <= l.last.tv_nsec)))
		nanosleep(&ms, NULL);
	write_record(stamp_path(o), &l.b);
	tasks_write(o, t, n, &l);
	listing_free(&l);
}

void
stamp_remove(const struct opts *o)
{
	char	*path;

	path = stamp_path(o);
	remove(path);
	free(path);
	path = stamp_file(o, "tasks");
	remove(path);
	free(path);
}

/* Is there no out/ for the task records to describe?  (unchanged()
 * looks there: each of its files would be missing.) */
static int
out_gone(const struct opts *o)
{
	struct stat	 st;

	return lstat(o->out, &st) == -1 && errno == ENOENT;
}

int
stamp_runs_all(const struct opts *o)
{
	struct stat	 st;
	char		*path;
	int		 none;

	if (out_gone(o))
		return 1;
	path = stamp_path(o);
	none = lstat(path, &st) == -1 && errno == ENOENT;
	free(path);
	path = stamp_file(o, "tasks");
	none = none && lstat(path, &st) == -1 && errno == ENOENT;
	free(path);
	return none;
}

/* ---- tasks ---- */

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *
format_name(enum format f)
{
	return f == FORMAT_PDF ? "pdf" : f == FORMAT_SVG ? "svg" : "html";
}

/* What a walk of the content sorts its files into. */
struct split {
	const struct report *r;
	uint64_t	 common;
	uint64_t	*own;		/* [r->neds] */
	char		(*yr)[16];	/* [r->neds]: each edition's year */
};

/* The content's files, each into the hash of its edition or the common
 * one. */
static void
split_inputs(struct split *sp, const char *root)
{
	const struct input_dir *d = inputs(root);
	const struct input *in;
	const char	*name, *slash;
	size_t		 i, k;

	for (k = 0; k < d->n; k++) {
		in = &d->v[k];
		i = sp->r->neds;	/* common */
		if (strncmp(in->rel, "editions/", 9) == 0 &&
		    (slash = strchr(name = in->rel + 9, '/')) != NULL &&
		    strcmp(slash + 1, "edition.xml") != 0)
			for (i = 0; i < sp->r->neds; i++)
				if (strlen(sp->yr[i]) ==
				    (size_t)(slash - name) && strncmp(name,
				    sp->yr[i], strlen(sp->yr[i])) == 0)
					break;
		hash_input(i < sp->r->neds ? &sp->own[i] : &sp->common,
		    in->rel, in);
	}
}

static void
hash_spans(uint64_t *h, const struct span *s)
{
	for (; s != NULL; s = s->next) {
		if (s->type == SPAN_IMAGE && s->path != NULL)
			hash_file(h, s->path, s->path, NULL);
		hash_spans(h, s->child);
	}
}

static void
hash_blocks(uint64_t *h, const struct block *b)
{
	for (; b != NULL; b = b->next) {
		hash_spans(h, b->ins);
		hash_blocks(h, b->child);
	}
}

/* The images the edition's documents show, wherever they are. */
static void
hash_images(uint64_t *h, const struct report *r, const struct edition *e)
{
	size_t	 i;

	for (i = 0; i < e->nfront; i++)
		hash_blocks(h, e->front[i].doc.blocks);
	for (i = 0; e->narr != NULL && i < r->plan.nmeasures; i++)
		hash_blocks(h, e->narr[i].blocks);
	for (i = 0; i < e->nback; i++)
		hash_blocks(h, e->back[i].doc.blocks);
}

void
stamp_task_hashes(const struct report *r, const struct opts *o,
    struct stamp_task *t, size_t n)
{
	struct split	 sp;
	const struct diag *d;
	uint64_t	 dh = 0xcbf29ce484222325ULL, h;
	size_t		 i, k, nd;
	char		 num[96];

	sp.r = r;
	sp.common = 0xcbf29ce484222325ULL;
	sp.own = xcalloc(r->neds + 1, sizeof(*sp.own));
	sp.yr = xcalloc(r->neds + 1, sizeof(*sp.yr));
	for (i = 0; i < r->neds; i++) {
		sp.own[i] = 0xcbf29ce484222325ULL;
		snprintf(sp.yr[i], sizeof(sp.yr[i]), "%d", r->eds[i].year);
	}
	hash_str(&sp.common, PROGNAME " " VERSION " tasks");
	hash_tool(&sp.common);
	snprintf(num, sizeof(num), "%d %u %d", o->year, o->formats,
	    o->draft);
	hash_str(&sp.common, num);
	hash_str(&sp.common, o->label);
	hash_str(&sp.common, o->base_url);
	/* File names in the review page start with the content folder. */
	hash_str(&sp.common, o->content);
	hash_str(&sp.common, "styles");
	hash_inputs(&sp.common, o->styles);
	/* Every page links the other editions: the list is common. */
	for (i = 0; i < r->neds; i++) {
		snprintf(num, sizeof(num), "edition %d", r->eds[i].year);
		hash_str(&sp.common, num);
	}
	hash_str(&sp.common, "content");
	split_inputs(&sp, o->content);

	d = diag_list(&nd);
	for (i = 0; i < nd; i++) {
		snprintf(num, sizeof(num), "%d %d %d", (int)d[i].level,
		    d[i].line, d[i].col);
		hash_str(&dh, num);
		hash_str(&dh, d[i].file);
		hash_str(&dh, d[i].msg);
	}
	/* The review page (of the HTML task) compares with the base. */
	hash_str(&dh, o->diff_base);
	if (o->diff_base != NULL)
		hash_inputs(&dh, o->diff_base);

	for (k = 0; k < n; k++) {
		h = sp.common;
		snprintf(num, sizeof(num), "%s %d", format_name(t[k].f),
		    t[k].year);
		hash_str(&h, num);
		for (i = 0; i < r->neds; i++)
			if (r->eds[i].year == t[k].year)
				break;
		if (t[k].f != FORMAT_SVG && i < r->neds) {
			hash_bytes(&h, &sp.own[i], sizeof(sp.own[i]));
			hash_images(&h, r, &r->eds[i]);
		}
		if (t[k].f == FORMAT_HTML)
			hash_bytes(&h, &dh, sizeof(dh));
		t[k].hash = h;
	}
	free(sp.own);
	free(sp.yr);
}

/* Is out/rel the regular file of this size, mtime and ctime?  (A file
 * changed in place has another ctime, even with its mtime set back.) */
static int
unchanged(const struct opts *o, const char *rel, long long size,
    long long sec, long nsec, long long csec, long cnsec)
{
	struct stat	 st;
	char		*path;
	int		 same;

	path = out_join(o->out, rel);
	same = lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    (long long)st.st_size == size &&
	    (long long)st.st_mtim.tv_sec == sec &&
	    st.st_mtim.tv_nsec == nsec &&
	    (long long)st.st_ctim.tv_sec == csec &&
	    st.st_ctim.tv_nsec == cnsec;
	free(path);
	return same;
}

static void
add_file(struct stamp_task *t, const char *rel)
{
	t->files = xreallocarray(t->files, t->nfiles + 1, sizeof(*t->files));
	t->files[t->nfiles++] = xstrdup(rel);
}

void
stamp_tasks_fresh(const struct opts *o, struct stamp_task *t, size_t n,
    int *fresh)
{
	FILE		*f;
	char		*path, *line = NULL, *p, name[16];
	size_t		 cap = 0, k;
	ssize_t		 len;
	struct stamp_task *cur = NULL;
	long long	 size, sec, csec;
	long		 nsec, cnsec;
	int		 year, ok = 0, nread;
	uint64_t	 h;

	memset(fresh, 0, n * sizeof(*fresh));
	/* No out/ (removed since): no file to look for, thousands to miss. */
	path = out_gone(o) ? NULL : stamp_file(o, "tasks");
	f = path != NULL ? fopen(path, "rb") : NULL;
	free(path);
	if (f == NULL)
		return;
	/*
	 * "rapporteur tasks 2", then for each task "T <format> <year>
	 * <hash>" and its files "F <size> <mtime sec> <nsec> <ctime sec>
	 * <nsec> <path>"; "E" at
	 * the end.  A task is fresh if its hash is the same and each of
	 * its files is still in out/ as that build left it.
	 */
	if ((len = getline(&line, &cap, f)) == -1 ||
	    strcmp(line, "rapporteur tasks 2\n") != 0)
		goto out;
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] != '\n')
			goto out;
		line[--len] = '\0';
		if (strcmp(line, "E") == 0) {
			ok = 1;
			break;
		}
		if (line[0] == 'T') {
			cur = NULL;
			if (sscanf(line, "T %15s %d %" SCNx64 "%n", name, &year,
			    &h, &nread) != 3 || line[nread] != '\0')
				goto out;
			for (k = 0; k < n; k++)
				if (t[k].year == year && strcmp(name,
				    format_name(t[k].f)) == 0 &&
				    t[k].hash == h && !fresh[k]) {
					cur = &t[k];
					fresh[k] = 1;
					break;
				}
		} else if (line[0] == 'F' && line[1] == ' ') {
			if (sscanf(line, "F %lld %lld %ld %lld %ld %n", &size,
			    &sec, &nsec, &csec, &cnsec, &nread) != 5 ||
			    line[nread] == '\0')
				goto out;
			p = line + nread;
			if (cur == NULL)
				continue;
			if (unchanged(o, p, size, sec, nsec, csec, cnsec))
				add_file(cur, p);
			else {
				fresh[cur - t] = 0;
				cur = NULL;
			}
		} else
			goto out;
	}
out:
	free(line);
	fclose(f);
	/* A record cut short proves nothing. */
	for (k = 0; k < n; k++)
		if (!ok || !fresh[k]) {
			fresh[k] = 0;
			stamp_task_clear(&t[k]);
		}
}

void
stamp_task_clear(struct stamp_task *t)
{
	size_t	 i;

	for (i = 0; i < t->nfiles; i++)
		free(t->files[i]);
	free(t->files);
	t->files = NULL;
	t->nfiles = 0;
}

/* "F size mtime nsec ctime nsec path\n", as printf's "F %lld %lld %ld
 * %lld %ld %s\n" wrote it: one line per file of out/. */
static void
put_file_line(struct buf *b, const struct stat *st, const char *rel)
{
	BUF_PUTSL(b, "F ");
	buf_dec(b, (long long)st->st_size, 0);
	buf_putc(b, ' ');
	buf_dec(b, (long long)st->st_mtim.tv_sec, 0);
	buf_putc(b, ' ');
	buf_dec(b, (long)st->st_mtim.tv_nsec, 0);
	buf_putc(b, ' ');
	buf_dec(b, (long long)st->st_ctim.tv_sec, 0);
	buf_putc(b, ' ');
	buf_dec(b, (long)st->st_ctim.tv_nsec, 0);
	buf_putc(b, ' ');
	buf_puts(b, rel);
	buf_putc(b, '\n');
}

/* Each task's hash and files, their times those of the listing l of
 * out/ (a dot file, which it leaves out, asked again). */
static void
tasks_write(const struct opts *o, struct stamp_task *t, size_t n,
    const struct listing *l)
{
	struct buf	 b = { NULL, 0, 0 };
	struct stat	 st;
	struct seen	 key, *s;
	char		*file;
	size_t		 k, i, w;
	int		 ok = 1;

	BUF_PUTSL(&b, "rapporteur tasks 2\n");
	for (k = 0; k < n && ok; k++) {
		buf_printf(&b, "T %s %d %016" PRIx64 "\n",
		    format_name(t[k].f), t[k].year, t[k].hash);
		if (t[k].nfiles > 0)
			qsort(t[k].files, t[k].nfiles, sizeof(*t[k].files),
			    cmp_str);
		for (i = w = 0; i < t[k].nfiles; i++) {
			if (w > 0 && strcmp(t[k].files[i],
			    t[k].files[w - 1]) == 0) {
				free(t[k].files[i]);
				continue;
			}
			t[k].files[w++] = t[k].files[i];
		}
		t[k].nfiles = w;
		for (i = 0; i < t[k].nfiles && ok; i++) {
			/* A name that the format cannot carry: no record. */
			if (strchr(t[k].files[i], '\n') != NULL) {
				ok = 0;
				break;
			}
			key.rel = t[k].files[i];
			if ((s = l->n > 0 ? bsearch(&key, l->v, l->n,
			    sizeof(*l->v), cmp_seen) : NULL) != NULL)
				st = s->st;
			else {
				file = out_join(o->out, t[k].files[i]);
				if (lstat(file, &st) == -1)
					st.st_mode = 0;		/* gone */
				free(file);
			}
			if (!S_ISREG(st.st_mode))
				ok = 0;
			else
				put_file_line(&b, &st, t[k].files[i]);
		}
	}
	BUF_PUTSL(&b, "E\n");
	/* Without a record, every task runs next time. */
	if (ok)
		write_record(stamp_file(o, "tasks"), &b);
	buf_free(&b);
}
