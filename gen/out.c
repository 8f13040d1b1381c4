/*
 * The output folder, written atomically: every file of a build goes to a
 * temporary folder beside out/ (same file system, so rename() is atomic),
 * and only a build that succeeded is moved into place.  Files whose bytes
 * did not change are left alone, mtime included, so a rebuild with nothing
 * changed rewrites nothing; out_write() does not even write them to the
 * temporary folder (a rebuild after one edit creates a few files, not
 * thousands).  Worker processes write into the same temporary folder
 * and send their lists to the parent (out_send, out_receive), which
 * commits; files of a task skipped because its inputs did not change
 * are kept as they are (out_keep).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "backend.h"

/* A file written or kept, and the task that made it (-1: none). */
struct ent {
	char		*rel;
	int		 task;
	int		 kept;		/* on the kept list, not written */
};

struct outdir {
	char		*out;		/* the final folder */
	char		*tmp;		/* the temporary folder */
	pthread_mutex_t	 lock;		/* guards the two lists */
	char		**written;	/* relative paths, for the commit */
	size_t		 nwritten, cap;
	char		**kept;		/* same bytes already in out */
	size_t		 nkept, kcap;
	struct ent	*log;		/* every file above, with its task */
	size_t		 nlog, lcap;
	int		 task;		/* of what this process writes now */
};

/* mkdir -p for the parents of path. */
static int
mkparents(const char *path)
{
	char	*p, *s;
	int	 rc = 1;

	p = xstrdup(path);
	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) == -1 && errno != EEXIST) {
			diag_sys("%s: %s", p, strerror(errno));
			rc = 0;
			break;
		}
		*s = '/';
	}
	free(p);
	return rc;
}

/* rm -rf, for our own temporary folder only. */
static void
rmtree(const char *path)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*sub;

	if (lstat(path, &st) == -1)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			sub = xasprintf("%s/%s", path, de->d_name);
			rmtree(sub);
			free(sub);
		}
		closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

/*
 * Removes the temporary folders that builds killed before they could
 * clean up left beside out ("out.tmp-<pid>-XXXXXX" whose process is
 * gone).  A folder of a build still running is left alone.
 */
static void
sweep(const char *out)
{
	char		*dir, *base, *slash, **names, *path, *end;
	ssize_t		 n, i;
	size_t		 blen;
	long		 pid;

	dir = xstrdup(out);
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		base = xasprintf("%s.tmp-", slash + 1);
	} else {
		base = xasprintf("%s.tmp-", dir);
		free(dir);
		dir = xstrdup(".");
	}
	blen = strlen(base);
	n = dir_names(slash == dir ? "/" : dir, &names);
	for (i = 0; i < n; i++) {
		if (strncmp(names[i], base, blen) != 0)
			continue;
		pid = strtol(names[i] + blen, &end, 10);
		if (end == names[i] + blen || *end != '-' || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;	/* that build is still running */
		path = xasprintf("%s/%s", dir, names[i]);
		rmtree(path);
		free(path);
	}
	dir_names_free(names, n);
	free(base);
	free(dir);
}

struct outdir *
out_open(const char *out)
{
	struct outdir	*o;
	char		*tmpl;
	size_t		 n;

	o = xcalloc(1, sizeof(*o));
	o->out = xstrdup(out);
	n = strlen(o->out);
	while (n > 1 && o->out[n - 1] == '/')
		o->out[--n] = '\0';
	sweep(o->out);
	tmpl = xasprintf("%s.tmp-%ld-XXXXXX", o->out, (long)getpid());
	if (!mkparents(tmpl) || mkdtemp(tmpl) == NULL) {
		diag_sys("cannot create a temporary folder beside %s: %s",
		    o->out, strerror(errno));
		free(tmpl);
		free(o->out);
		free(o);
		return NULL;
	}
	o->tmp = tmpl;
	o->task = -1;
	pthread_mutex_init(&o->lock, NULL);
	return o;
}

/* Adds a copy of rel to the list o->written or (kept) o->kept, and to
 * the log as a file of task. */
static void
remember(struct outdir *o, int kept, const char *rel, int task)
{
	char	***list = kept ? &o->kept : &o->written;
	size_t	 *n = kept ? &o->nkept : &o->nwritten;
	size_t	 *cap = kept ? &o->kcap : &o->cap;

	pthread_mutex_lock(&o->lock);
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*list = xreallocarray(*list, *cap, sizeof(**list));
	}
	(*list)[(*n)++] = xstrdup(rel);
	if (o->nlog == o->lcap) {
		o->lcap = o->lcap ? o->lcap * 2 : 64;
		o->log = xreallocarray(o->log, o->lcap, sizeof(*o->log));
	}
	o->log[o->nlog].rel = xstrdup(rel);
	o->log[o->nlog].kept = kept;
	o->log[o->nlog++].task = task;
	pthread_mutex_unlock(&o->lock);
}

void
out_task(struct outdir *o, int task)
{
	o->task = task;
}

void
out_keep(struct outdir *o, const char *rel, int task)
{
	remember(o, 1, rel, task);
}

void
out_each(struct outdir *o, void (*fn)(void *, const char *, int), void *arg)
{
	size_t	 i;

	for (i = 0; i < o->nlog; i++)
		fn(arg, o->log[i].rel, o->log[i].task);
}

/* Does the regular file at path hold exactly these bytes? */
static int
holds(const char *path, const void *data, size_t len)
{
	struct stat	 st;
	FILE		*f;
	char		 chunk[65536];
	size_t		 n, off = 0;
	int		 same = 0;

	if (stat(path, &st) == -1 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size != (unsigned long long)len)
		return 0;
	if ((f = fopen(path, "rb")) == NULL)
		return 0;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (n > len - off ||
		    memcmp(chunk, (const char *)data + off, n) != 0)
			goto out;
		off += n;
	}
	same = off == len && !ferror(f);
out:
	fclose(f);
	return same;
}

char *
out_path(struct outdir *o, const char *rel)
{
	char	*p;

	p = xasprintf("%s/%s", o->tmp, rel);
	if (!mkparents(p)) {
		free(p);
		return NULL;
	}
	remember(o, 0, rel, o->task);
	return p;
}

int
out_write(struct outdir *o, const char *rel, const void *data, size_t len)
{
	char	*p;
	FILE	*f;
	int	 rc = 0;

	p = xasprintf("%s/%s", o->out, rel);
	if (holds(p, data, len)) {
		/* Nothing to write, nothing to move: only kept from the
		 * pruning at the commit. */
		remember(o, 1, rel, o->task);
		free(p);
		return 1;
	}
	free(p);
	if ((p = out_path(o, rel)) == NULL)
		return 0;
	if ((f = fopen(p, "wb")) == NULL) {
		diag_sys("%s: %s", p, strerror(errno));
		goto out;
	}
	if ((len > 0 && fwrite(data, 1, len, f) != len) || fflush(f) != 0) {
		diag_sys("%s: %s", p, strerror(errno));
		fclose(f);
		goto out;
	}
	if (fclose(f) != 0) {
		diag_sys("%s: %s", p, strerror(errno));
		goto out;
	}
	rc = 1;
out:
	free(p);
	return rc;
}

/* Writes all of len bytes of p to fd.  Returns 0 on failure. */
static int
write_all(int fd, const char *p, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, p, len)) == -1) {
			if (errno == EINTR)
				continue;
			return 0;
		}
		p += n;
		len -= (size_t)n;
	}
	return 1;
}

int
out_send(struct outdir *o, int fd)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;
	int		 rc;

	/* The log holds every file of both lists. */
	for (i = 0; i < o->nlog; i++) {
		buf_printf(&b, "%c%d %s", o->log[i].kept ? 'K' : 'W',
		    o->log[i].task, o->log[i].rel);
		buf_putc(&b, '\0');
	}
	buf_put(&b, "E", 2);	/* the end: a list cut short is refused */
	if (!(rc = write_all(fd, b.data, b.len)))
		diag_sys("cannot send the list of written files: %s",
		    strerror(errno));
	buf_free(&b);
	return rc;
}

int
out_receive(struct outdir *o, int fd)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 chunk[65536];
	const char	*p, *end, *z;
	char		*rest;
	ssize_t		 n;
	long		 task;
	int		 rc = 0;

	for (;;) {
		if ((n = read(fd, chunk, sizeof(chunk))) == -1) {
			if (errno == EINTR)
				continue;
			goto out;
		}
		if (n == 0)
			break;
		buf_put(&b, chunk, (size_t)n);
	}
	if (b.len == 0)
		goto out;	/* a worker that died sent nothing */
	p = b.data;
	end = b.data + b.len;
	while (p < end && (z = memchr(p, '\0', (size_t)(end - p))) != NULL) {
		if (*p == 'E' && z == p + 1) {
			rc = z + 1 == end;
			goto out;
		}
		if (*p != 'W' && *p != 'K')
			goto out;
		task = strtol(p + 1, &rest, 10);
		if (rest == p + 1 || *rest != ' ' || task < -1 ||
		    task > INT_MAX)
			goto out;
		remember(o, *p == 'K', rest + 1, (int)task);
		p = z + 1;
	}
out:
	buf_free(&b);
	return rc;
}

/* Do two files hold the same bytes? */
static int
same_bytes(const char *a, const char *b)
{
	FILE	*fa, *fb;
	char	 ba[65536], bb[65536];
	size_t	 na, nb;
	int	 same = 0;

	if ((fa = fopen(a, "rb")) == NULL)
		return 0;
	if ((fb = fopen(b, "rb")) == NULL) {
		fclose(fa);
		return 0;
	}
	for (;;) {
		na = fread(ba, 1, sizeof(ba), fa);
		nb = fread(bb, 1, sizeof(bb), fb);
		if (na != nb || memcmp(ba, bb, na) != 0)
			break;
		if (na == 0) {
			same = 1;
			break;
		}
	}
	fclose(fa);
	fclose(fb);
	return same;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Was rel written (or kept) by this build?  (Both lists are sorted.) */
static int
was_written(const struct outdir *o, const char *rel)
{
	/* An empty list may be NULL, which bsearch() must not get. */
	return (o->nwritten > 0 && bsearch(&rel, o->written, o->nwritten,
	    sizeof(*o->written), cmp_str) != NULL) || (o->nkept > 0 &&
	    bsearch(&rel, o->kept, o->nkept, sizeof(*o->kept),
	    cmp_str) != NULL);
}

/* Removes from out/rel (a folder) every file this build did not write. */
static void
prune(struct outdir *o, const char *rel)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		*dir, *sub, *subrel;

	dir = xasprintf("%s/%s", o->out, rel);
	if ((d = opendir(dir)) == NULL) {
		free(dir);
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		sub = xasprintf("%s/%s", dir, de->d_name);
		subrel = xasprintf("%s/%s", rel, de->d_name);
		if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
			prune(o, subrel);
			rmdir(sub);	/* only if now empty */
		} else if (!was_written(o, subrel))
			unlink(sub);
		free(sub);
		free(subrel);
	}
	closedir(d);
	free(dir);
}

/* A file the commit moved into out: where it went, and where the file
 * it replaced waits (NULL: there was none), so that the move can be
 * undone. */
struct move {
	char	*dst;
	char	*bak;
};

/* Puts back what the moves [0, n) replaced, last first. */
static void
undo(const struct move *mv, size_t n)
{
	while (n-- > 0)
		if (mv[n].bak != NULL)
			rename(mv[n].bak, mv[n].dst);
		else
			unlink(mv[n].dst);
}

int
out_commit(struct outdir *o, const char *const *owned, size_t nowned)
{
	struct move	*mv;
	struct stat	 st;
	size_t		 i, nmv = 0;
	char		*src, *dst, *bak;
	int		 rc = 1;

	/* An empty list may be NULL, which qsort() must not get. */
	if (o->nwritten > 0)
		qsort(o->written, o->nwritten, sizeof(*o->written), cmp_str);
	if (o->nkept > 0)
		qsort(o->kept, o->nkept, sizeof(*o->kept), cmp_str);
	/*
	 * Each file that changed replaces its old self, which is first
	 * moved aside into the temporary folder: if a move fails half way
	 * (a folder of out/ not writable), the moves done are undone and
	 * out/ is left as it was, not half updated.
	 */
	mv = xcalloc(o->nwritten + 1, sizeof(*mv));
	for (i = 0; i < o->nwritten && rc; i++) {
		if (i > 0 && strcmp(o->written[i], o->written[i - 1]) == 0)
			continue;
		src = xasprintf("%s/%s", o->tmp, o->written[i]);
		dst = xasprintf("%s/%s", o->out, o->written[i]);
		bak = NULL;
		if (same_bytes(src, dst))
			goto next;
		if (!mkparents(dst)) {
			rc = 0;
			goto next;
		}
		if (lstat(dst, &st) == 0) {
			bak = xasprintf("%s/.previous/%s", o->tmp,
			    o->written[i]);
			if (!mkparents(bak)) {
				rc = 0;
				goto next;
			}
			if (rename(dst, bak) == -1) {
				diag_sys("%s: %s", dst, strerror(errno));
				rc = 0;
				goto next;
			}
		}
		if (rename(src, dst) == -1) {
			diag_sys("%s: %s", dst, strerror(errno));
			if (bak != NULL)
				rename(bak, dst);
			rc = 0;
			goto next;
		}
		mv[nmv].dst = dst;
		mv[nmv++].bak = bak;
		dst = bak = NULL;
next:
		free(src);
		free(dst);
		free(bak);
	}
	if (rc)
		for (i = 0; i < nowned; i++)
			prune(o, owned[i]);
	else
		undo(mv, nmv);
	for (i = 0; i < nmv; i++) {
		free(mv[i].dst);
		free(mv[i].bak);
	}
	free(mv);
	out_abort(o);
	return rc;
}

void
out_abort(struct outdir *o)
{
	size_t	 i;

	if (o == NULL)
		return;
	rmtree(o->tmp);
	for (i = 0; i < o->nwritten; i++)
		free(o->written[i]);
	free(o->written);
	for (i = 0; i < o->nkept; i++)
		free(o->kept[i]);
	free(o->kept);
	for (i = 0; i < o->nlog; i++)
		free(o->log[i].rel);
	free(o->log);
	pthread_mutex_destroy(&o->lock);
	free(o->tmp);
	free(o->out);
	free(o);
}
