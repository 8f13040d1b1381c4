/*
 * The output folder, and only what is ours in it.
 *
 * Where: --out is resolved once (out_prepare): a symbolic link is
 * followed to the real folder, and a folder that is the content or the
 * styles folder, lies inside one or holds one, "/" or an empty name is
 * refused before anything is read or written.  Beside the real folder
 * (".out.lock", ".out.files" for "out") are the lock that serialises
 * builds into it and the manifest: the files the last build left there
 * as its own.  A non-empty folder without a manifest is not ours and is
 * refused, unless --force-out says to take it.
 *
 * How: every build makes a complete new tree in a temporary folder
 * beside the real folder (same file system): the files it wrote, a hard
 * link to each file it left as it was (same bytes, or a task skipped:
 * the mtime is kept), and a hard link to each file of the old tree that
 * is not ours (files a user put there stay where they are).  Files the
 * last build recorded and this one did not make are left out: the only
 * files a build removes.  The new tree then replaces the old one in one
 * step, renameat2(RENAME_EXCHANGE) (a reader, a deploy step or a kill
 * sees the old tree or the new one, never a mix), and the old tree is
 * removed.  The manifest is written before the switch as the union of
 * both trees' files and after it as the new tree's alone, so that it
 * covers whichever tree a kill leaves.
 *
 * Worker processes write into the same temporary folder and send their
 * lists to the parent (out_send, out_receive), which commits.  SIGINT
 * and SIGTERM remove the temporary folder (out_signals).
 */
#include <sys/file.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "backend.h"
#include "msg.h"

/* A file written or kept, and the task that made it (-1: none). */
struct ent {
	char		*rel;
	int		 task;
	int		 kept;		/* on the kept list, not written */
};

/* A sorted list of relative paths. */
struct strv {
	char		**v;
	size_t		 n, cap;
};

struct outdir {
	const struct opts *opts;
	char		*out;		/* the folder as named (messages) */
	char		*real;		/* the real folder */
	char		*tmp;		/* the temporary folder beside it */
	pthread_mutex_t	 lock;		/* guards the two lists and dir */
	char		*dir;		/* the folder of the last file
					 * out_path() made: it exists */
	char		**written;	/* relative paths, for the commit */
	size_t		 nwritten, cap;
	char		**kept;		/* same bytes already in out */
	size_t		 nkept, kcap;
	struct ent	*log;		/* every file above, with its task */
	size_t		 nlog, lcap;
	int		 task;		/* of what this process writes now */
	int		 none;		/* no previous tree at the start:
					 * no file to keep, none to read */
};

/*
 * What SIGINT and SIGTERM undo: the temporary folder, and the workers
 * that write into it.  Read by the handler, so fixed arrays.
 */
static char		 sig_tmp[PATH_MAX];
static volatile sig_atomic_t sig_switched;	/* the new tree is in place */
static pid_t		 sig_pid[256];
static volatile sig_atomic_t sig_npid;

static ssize_t	 all_names(const char *, char ***);

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
strv_add(struct strv *s, const char *p)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 64;
		s->v = xreallocarray(s->v, s->cap, sizeof(*s->v));
	}
	s->v[s->n++] = xstrdup(p);
}

/* Sorts and drops duplicates. */
static void
strv_sort(struct strv *s)
{
	size_t	 i, w;

	if (s->n == 0)
		return;
	qsort(s->v, s->n, sizeof(*s->v), cmp_str);
	for (i = w = 1; i < s->n; i++)
		if (strcmp(s->v[i], s->v[w - 1]) == 0)
			free(s->v[i]);
		else
			s->v[w++] = s->v[i];
	s->n = w;
}

static int
strv_has(const struct strv *s, const char *p)
{
	return s->n > 0 && bsearch(&p, s->v, s->n, sizeof(*s->v),
	    cmp_str) != NULL;
}

static void
strv_free(struct strv *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = s->cap = 0;
}

/*
 * mkdir -p for the parents of path, the nearest first: when the folder
 * exists, as it does for all but the first file of a folder, that is one
 * call, not one per level of the path.
 */
static int
mkparents(const char *path)
{
	char	*p, *s;
	int	 rc = 0;

	p = xstrdup(path);
	if ((s = strrchr(p, '/')) == NULL || s == p) {
		rc = 1;		/* "." or "/" */
		goto out;
	}
	*s = '\0';
	if (mkdir(p, 0755) == 0 || errno == EEXIST) {
		rc = 1;
		goto out;
	}
	if (errno == ENOENT) {
		if (!mkparents(p))
			goto out;	/* told */
		if (mkdir(p, 0755) == 0 || errno == EEXIST) {
			rc = 1;
			goto out;
		}
	}
	diag_sys_msg(MSG_PATH_ERRNO, p, strerror(errno));
out:
	free(p);
	return rc;
}

/*
 * rm -rf of name in the folder dfd, with system calls only: the signal
 * handler uses it too.  Never follows a symbolic link.  Entries are
 * listed again while a pass removes some, as removing while listing may
 * skip some; what cannot be removed (a folder not writable) is left.
 * Returns 1 if name is gone.  For our own temporary folders only.
 */
static int
rmtree_at(int dfd, const char *name, int depth)
{
	char		 b[4096];
	struct dirent64	*de;
	long		 n, off;
	int		 fd, gone;

	if (unlinkat(dfd, name, 0) == 0)
		return 1;
	if ((errno != EISDIR && errno != EPERM) || depth > 64)
		return errno == ENOENT;
	if ((fd = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) == -1)
		return 0;
	do {
		gone = 0;
		if (lseek(fd, 0, SEEK_SET) == -1)
			break;
		while ((n = getdents64(fd, b, sizeof(b))) > 0)
			for (off = 0; off < n; off += de->d_reclen) {
				de = (struct dirent64 *)(b + off);
				if (strcmp(de->d_name, ".") != 0 &&
				    strcmp(de->d_name, "..") != 0)
					gone += rmtree_at(fd, de->d_name,
					    depth + 1);
			}
	} while (gone > 0 && unlinkat(dfd, name, AT_REMOVEDIR) == -1 &&
	    errno == ENOTEMPTY);
	close(fd);
	return unlinkat(dfd, name, AT_REMOVEDIR) == 0 || errno == ENOENT;
}

static void
rmtree(const char *path)
{
	(void)rmtree_at(AT_FDCWD, path, 0);
}

/* The folder holding path (a real, absolute path), and its last name.
 * Caller frees both. */
static void
split_path(const char *path, char **dir, char **base)
{
	const char	*s;

	s = strrchr(path, '/');
	*dir = s == NULL ? xstrdup(".") : s == path ? xstrdup("/") :
	    xasprintf("%.*s", (int)(s - path), path);
	*base = xstrdup(s == NULL ? path : s + 1);
}

/*
 * Removes the temporary folders that builds killed before they could
 * clean up left beside the real folder ("out.tmp-<pid>-…" whose process
 * is gone: a new tree not switched in, or an old one switched out; both
 * hold only files of ours or links to files kept in out/).  A folder of
 * a build still running is left alone (none can be: we hold the lock).
 */
static void
sweep(const char *real)
{
	struct stat	 st;
	char		*dir, *base, *pre, **names, *path, *end;
	ssize_t		 n, i;
	size_t		 blen;
	long		 pid;

	split_path(real, &dir, &base);
	pre = xasprintf("%s.tmp-", base);
	blen = strlen(pre);
	n = all_names(dir, &names);
	for (i = 0; i < n; i++) {
		if (strncmp(names[i], pre, blen) != 0)
			continue;
		pid = strtol(names[i] + blen, &end, 10);
		if (end == names[i] + blen || *end != '-' || pid <= 0)
			continue;
		if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;	/* that build is still running */
		path = xasprintf("%s/%s", dir, names[i]);
		/* Killed between the two renames of a switch without
		 * RENAME_EXCHANGE: the old tree goes back in place. */
		if (strcmp(end, "-old") == 0 && lstat(real, &st) == -1 &&
		    errno == ENOENT && rename(path, real) == 0)
			fprintf(stderr, "%s: %s put back in place (a build was "
			    "killed while it switched it)\n", PROGNAME, real);
		else
			rmtree(path);
		free(path);
	}
	dir_names_free(names, n);
	free(pre);
	free(base);
	free(dir);
}

/* Is a the folder b or inside it?  (Both real, absolute paths.) */
static int
within(const char *a, const char *b)
{
	size_t	 n = strlen(b);

	if (strcmp(b, "/") == 0)
		return 1;
	return strncmp(a, b, n) == 0 && (a[n] == '\0' || a[n] == '/');
}

/*
 * The real path of out, which may not exist yet: its deepest existing
 * folder resolved, the names below it added.  NULL after a message.
 */
static char *
resolve(const char *out)
{
	struct stat	 st;
	char		 buf[PATH_MAX], *p, *s, *base, *res, *full;
	const char	*dir;

	if (lstat(out, &st) == 0) {
		if (realpath(out, buf) == NULL) {
			if (S_ISLNK(st.st_mode))
				fprintf(stderr, "%s: --out %s: a symbolic link "
				    "that leads nowhere (%s)\n", PROGNAME, out,
				    errno == ELOOP ? "a loop of links" :
				    strerror(errno));
			else
				fprintf(stderr, "%s: --out %s: %s\n",
				    PROGNAME, out, strerror(errno));
			return NULL;
		}
		if (stat(out, &st) == -1 || !S_ISDIR(st.st_mode)) {
			fprintf(stderr, "%s: --out %s: not a folder\n",
			    PROGNAME, out);
			return NULL;
		}
		return xstrdup(buf);
	}
	if (errno != ENOENT) {
		fprintf(stderr, "%s: --out %s: %s\n", PROGNAME, out,
		    strerror(errno));
		return NULL;
	}
	/* Missing: its folder resolved, its name added. */
	p = xstrdup(out);
	while ((s = strrchr(p, '/')) != NULL && s[1] == '\0' && s != p)
		*s = '\0';
	if ((s = strrchr(p, '/')) == NULL) {
		base = p;
		dir = ".";
	} else if (s == p) {
		base = s + 1;
		dir = "/";
	} else {
		*s = '\0';
		base = s + 1;
		dir = p;
	}
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 ||
	    base[0] == '\0') {
		fprintf(stderr, "%s: --out %s: \"%s\" in a folder that does "
		    "not exist\n", PROGNAME, out, base);
		free(p);
		return NULL;
	}
	if ((res = resolve(dir)) == NULL) {
		free(p);
		return NULL;
	}
	full = xasprintf("%s/%s", strcmp(res, "/") == 0 ? "" : res, base);
	free(res);
	free(p);
	return full;
}

/* The file ".<base>.<ext>" beside the real folder.  Caller frees. */
char *
out_record(const char *real, const char *ext)
{
	char	*dir, *base, *p;

	split_path(real, &dir, &base);
	p = xasprintf("%s/.%s.%s", strcmp(dir, "/") == 0 ? "" : dir, base,
	    ext);
	free(dir);
	free(base);
	return p;
}

/* Is p a path inside a folder: relative, no "." or ".." part? */
static int
relative(const char *p)
{
	const char	*s;
	size_t		 n;

	if (*p == '\0' || *p == '/')
		return 0;
	for (s = p; *s != '\0'; s += n + (s[n] == '/')) {
		n = strcspn(s, "/");
		if (n == 0 || (n == 1 && s[0] == '.') ||
		    (n == 2 && s[0] == '.' && s[1] == '.'))
			return 0;
	}
	return 1;
}

/*
 * Reads the manifest beside real into s (sorted).  Returns 1 if there is
 * one, 0 if none, -1 if it cannot be read or is not ours (after a
 * message).
 */
static int
manifest_read(const char *real, struct strv *s)
{
	FILE	*f;
	char	*path, *line = NULL;
	size_t	 cap = 0;
	ssize_t	 len;
	int	 rc = -1;

	path = out_record(real, "files");
	if ((f = fopen(path, "rb")) == NULL) {
		if (errno == ENOENT)
			rc = 0;
		else
			diag_sys_msg(MSG_PATH_ERRNO, path, strerror(errno));
		free(path);
		return rc;
	}
	if ((len = getline(&line, &cap, f)) == -1 ||
	    strcmp(line, "rapporteur files 1\n") != 0)
		goto out;
	while ((len = getline(&line, &cap, f)) > 0) {
		if (line[len - 1] != '\n')
			break;
		line[--len] = '\0';
		if (strcmp(line, "E") == 0) {
			rc = 1;
			break;
		}
		if (!relative(line))
			break;
		strv_add(s, line);
	}
out:
	if (rc != 1) {
		diag_sys_msg(MSG_OUT_NOT_MANIFEST, path, PROGNAME, PROGNAME);
		strv_free(s);
	}
	strv_sort(s);
	free(line);
	fclose(f);
	free(path);
	return rc;
}

/* Writes the manifest: the files of s.  Returns 0 after diag_sys(). */
static int
manifest_write(const char *real, const struct strv *s)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*path, *tmp;
	FILE		*f;
	size_t		 i;
	int		 rc = 0;

	BUF_PUTSL(&b, "rapporteur files 1\n");
	for (i = 0; i < s->n; i++) {
		buf_puts(&b, s->v[i]);
		buf_putc(&b, '\n');
	}
	BUF_PUTSL(&b, "E\n");
	path = out_record(real, "files");
	tmp = xasprintf("%s.tmp", path);
	if ((f = fopen(tmp, "wb")) == NULL) {
		diag_sys_msg(MSG_PATH_ERRNO, tmp, strerror(errno));
		goto out;
	}
	if (fwrite(b.data, 1, b.len, f) != b.len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0) {
		diag_sys_msg(MSG_PATH_ERRNO, tmp, strerror(errno));
		fclose(f);
		unlink(tmp);
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) == -1) {
		diag_sys_msg(MSG_PATH_ERRNO, path, strerror(errno));
		unlink(tmp);
		goto out;
	}
	rc = 1;
out:
	free(tmp);
	free(path);
	buf_free(&b);
	return rc;
}

/* Is the folder empty?  (-1: cannot be read, after a message.) */
static int
is_empty(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	int		 empty = 1;

	if ((d = opendir(dir)) == NULL) {
		if (errno == ENOENT)
			return 1;
		diag_sys_msg(MSG_PATH_ERRNO, dir, strerror(errno));
		return -1;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

/* A non-empty folder without a manifest of ours is refused (EXIT_USAGE,
 * after a message), unless --force-out. */
static int
owned(const struct opts *o)
{
	struct strv	 man = { NULL, 0, 0 };
	int		 k;

	if ((k = manifest_read(o->real_out, &man)) == -1)
		return EXIT_SYSTEM;
	strv_free(&man);
	if (k == 1 || o->force_out)
		return EXIT_OK;
	if ((k = is_empty(o->real_out)) == -1)
		return EXIT_SYSTEM;
	if (k == 0) {
		fprintf(stderr, "%s: --out %s: not empty, and no build of %s "
		    "recorded its files there: choose another folder, empty "
		    "this one, or build with --force-out to take it (the "
		    "files the build makes replace those of the same name; "
		    "the others are kept)\n", PROGNAME, o->out, PROGNAME);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int
out_prepare(struct opts *o)
{
	char		 c[PATH_MAX], s[PATH_MAX], *real, *lock;
	const char	*what;
	int		 fd, k;

	if (o->out[0] == '\0') {
		fprintf(stderr, "%s: --out is empty (an unset variable?): "
		    "name the output folder\n", PROGNAME);
		return EXIT_USAGE;
	}
	if ((real = resolve(o->out)) == NULL)
		return EXIT_USAGE;
	if (strcmp(real, "/") == 0) {
		fprintf(stderr, "%s: --out %s: the root folder cannot be "
		    "the output folder\n", PROGNAME, o->out);
		free(real);
		return EXIT_USAGE;
	}
	/* Never inside the inputs, never around them. */
	for (k = 0; k < 2; k++) {
		what = k == 0 ? o->content : o->styles;
		if (realpath(what, k == 0 ? c : s) == NULL)
			continue;
		if (within(real, k == 0 ? c : s)) {
			fprintf(stderr, "%s: --out %s: inside the %s folder "
			    "%s: the output folder must be apart from it\n",
			    PROGNAME, o->out, k == 0 ? "content" : "styles",
			    what);
			free(real);
			return EXIT_USAGE;
		}
		if (within(k == 0 ? c : s, real)) {
			fprintf(stderr, "%s: --out %s: holds the %s folder "
			    "%s: the output folder must be apart from it\n",
			    PROGNAME, o->out, k == 0 ? "content" : "styles",
			    what);
			free(real);
			return EXIT_USAGE;
		}
	}
	o->real_out = real;

	/* A folder not ours is refused before anything is made beside it
	 * (and again below, under the lock). */
	if ((k = owned(o)) != EXIT_OK)
		return k;

	/* One build at a time into one folder. */
	lock = out_record(real, "lock");
	if (!mkparents(lock) || (fd = open(lock, O_RDWR | O_CREAT |
	    O_CLOEXEC, 0644)) == -1) {
		diag_sys_msg(MSG_OUT_LOCK, o->out, strerror(errno));
		free(lock);
		return EXIT_SYSTEM;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) == -1) {
		if (!o->quiet)
			fprintf(stderr, "%s: waiting for another build of "
			    "%s\n", PROGNAME, o->out);
		while (flock(fd, LOCK_EX) == -1)
			if (errno != EINTR) {
				diag_sys_msg(MSG_PATH_ERRNO, lock,
				    strerror(errno));
				free(lock);
				close(fd);
				return EXIT_SYSTEM;
			}
	}
	free(lock);
	/* The descriptor stays open (and locked) until the process ends. */

	return owned(o);
}

struct outdir *
out_open(const struct opts *opts)
{
	struct outdir	*o;
	struct stat	 st;
	char		*tmpl;

	o = xcalloc(1, sizeof(*o));
	o->opts = opts;
	o->out = xstrdup(opts->out);
	o->real = xstrdup(opts->real_out);
	sweep(o->real);
	tmpl = xasprintf("%s.tmp-%ld-XXXXXX", o->real, (long)getpid());
	if (!mkparents(tmpl) || mkdtemp(tmpl) == NULL) {
		diag_sys_msg(MSG_TEMP_DIR, o->out, strerror(errno));
		free(tmpl);
		free(o->real);
		free(o->out);
		free(o);
		return NULL;
	}
	o->tmp = tmpl;
	o->none = lstat(o->real, &st) == -1 && errno == ENOENT;
	if (strlen(tmpl) < sizeof(sig_tmp))
		memcpy(sig_tmp, tmpl, strlen(tmpl) + 1);
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

char *
out_join(const char *dir, const char *name)
{
	size_t	 d = strlen(dir), n = strlen(name);
	char	*p;

	p = xmalloc(d + n + 2);
	memcpy(p, dir, d);
	p[d] = '/';
	memcpy(p + d + 1, name, n + 1);
	return p;
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

/* mkparents() for a file of the temporary folder, but none at all when
 * the file is in the folder of the previous one (files come in runs: the
 * charts, the pages of an edition). */
static int
tmp_parents(struct outdir *o, const char *path)
{
	size_t	 len = (size_t)(strrchr(path, '/') - path);
	int	 known;

	pthread_mutex_lock(&o->lock);
	known = o->dir != NULL && strlen(o->dir) == len &&
	    memcmp(o->dir, path, len) == 0;
	pthread_mutex_unlock(&o->lock);
	if (known)
		return 1;
	if (!mkparents(path))
		return 0;
	pthread_mutex_lock(&o->lock);
	free(o->dir);
	o->dir = xstrndup(path, len);
	pthread_mutex_unlock(&o->lock);
	return 1;
}

char *
out_path(struct outdir *o, const char *rel)
{
	char	*p;

	p = out_join(o->tmp, rel);
	if (!tmp_parents(o, p)) {
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
	int	 fd;
	int	 rc = 0;

	/* A first build (out/ removed) has nothing to compare with: not
	 * a failed stat() per file. */
	if (!o->none) {
		p = out_join(o->real, rel);
		if (holds(p, data, len)) {
			/* Nothing to write, nothing to move: only kept
			 * from the pruning at the commit. */
			remember(o, 1, rel, o->task);
			free(p);
			return 1;
		}
		free(p);
	}
	if ((p = out_path(o, rel)) == NULL)
		return 0;
	/* Straight from data: through stdio, every byte was copied once
	 * more. */
	if ((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
	    0666)) == -1) {
		diag_sys_msg(MSG_PATH_ERRNO, p, strerror(errno));
		goto out;
	}
	if (!write_all(fd, data, len)) {
		diag_sys_msg(MSG_PATH_ERRNO, p, strerror(errno));
		close(fd);
		goto out;
	}
	if (close(fd) != 0) {
		diag_sys_msg(MSG_PATH_ERRNO, p, strerror(errno));
		goto out;
	}
	rc = 1;
out:
	free(p);
	return rc;
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
		diag_sys_msg(MSG_OUT_SEND, strerror(errno));
	buf_free(&b);
	return rc;
}

int
out_receive(struct outdir *o, int fd)
{
	struct buf	 b = { NULL, 0, 0 };
	struct file_fail ff;
	const char	*p, *end, *z;
	char		*rest;
	long		 task;
	int		 rc = 0;

	/* The worker's whole list, however long, before any of it is
	 * believed. */
	if (!file_get_fd(fd, SIZE_MAX, &b, &ff))
		goto out;
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

/* Do two files hold the same bytes?  Their sizes first: most files
 * written are new or of another size, and are then not read again. */
static int
same_bytes(const char *a, const char *b)
{
	struct stat	 sa, sb;
	FILE		*fa, *fb;
	char		 ba[65536], bb[65536];
	size_t		 na, nb;
	int		 same = 0;

	if (stat(b, &sb) == -1 || stat(a, &sa) == -1 ||
	    sa.st_size != sb.st_size)
		return 0;
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

/*
 * dst becomes a second name of src (a hard link: same bytes, same
 * mtime, no copy), or, on a file system without hard links, a copy of
 * a regular file with its mtime.  A symbolic link is linked, never
 * followed.  o: dst is in its temporary folder (NULL: elsewhere).
 * Returns 0 after diag_sys().
 */
static int
clone_file(struct outdir *o, const char *src, const char *dst)
{
	struct stat	 st;
	struct timespec	 ts[2];
	char		 b[65536];
	ssize_t		 n;
	int		 in = -1, out = -1, rc = 0;

	if (!(o != NULL ? tmp_parents(o, dst) : mkparents(dst)))
		return 0;
	if (linkat(AT_FDCWD, src, AT_FDCWD, dst, 0) == 0)
		return 1;
	if ((errno != EPERM && errno != EMLINK && errno != EOPNOTSUPP) ||
	    lstat(src, &st) == -1 || !S_ISREG(st.st_mode)) {
		diag_sys_msg(MSG_PATH_ERRNO, src, strerror(errno));
		return 0;
	}
	if ((in = open(src, O_RDONLY | O_CLOEXEC)) == -1 ||
	    (out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    st.st_mode & 07777)) == -1) {
		diag_sys_msg(MSG_PATH_ERRNO, in == -1 ? src : dst,
		    strerror(errno));
		goto out;
	}
	while ((n = read(in, b, sizeof(b))) != 0) {
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1 || write(out, b, (size_t)n) != n) {
			diag_sys_msg(MSG_PATH_ERRNO, dst, strerror(errno));
			goto out;
		}
	}
	ts[0] = st.st_atim;
	ts[1] = st.st_mtim;
	if (futimens(out, ts) == -1 || close(out) == -1) {
		out = -1;
		diag_sys_msg(MSG_PATH_ERRNO, dst, strerror(errno));
		goto out;
	}
	out = -1;
	rc = 1;
out:
	if (in != -1)
		close(in);
	if (out != -1)
		close(out);
	return rc;
}

/* The names in a folder, dot files included, sorted; -1 if it cannot
 * be read.  Caller frees with dir_names_free(). */
static ssize_t
all_names(const char *dir, char ***out)
{
	DIR		*d;
	struct dirent	*de;
	struct strv	 s = { NULL, 0, 0 };

	*out = NULL;
	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			strv_add(&s, de->d_name);
	closedir(d);
	if (s.n > 1)
		qsort(s.v, s.n, sizeof(*s.v), cmp_str);
	*out = s.v;
	return (ssize_t)s.n;
}

/* What the commit learns from the old tree. */
struct old {
	struct strv	 seen;		/* every file of the old tree */
	struct strv	 removed;	/* ours, not made again */
	struct strv	 replaced;	/* not ours, made by this build */
	struct strv	 recorded;	/* ours, out of this build's scope */
	int		 ok;
};

/* Is rel within what this build makes?  Every file, or with --year
 * those of that edition. */
static int
in_scope(const struct outdir *o, const char *rel)
{
	char	 yr[16];
	size_t	 n;

	if (o->opts->year == 0)
		return 1;
	n = (size_t)snprintf(yr, sizeof(yr), "%d/", o->opts->year);
	return strncmp(rel, yr, n) == 0;
}

/*
 * Walks the old tree at rel: each file of the old tree that is not ours
 * is linked into the new tree; ours not made again are left out (to be
 * removed).  Every folder must be writable, or the old tree could not
 * be removed after the switch.
 */
static void
walk_old(struct outdir *o, const struct strv *man, const struct strv *made,
    struct old *w, const char *rel)
{
	struct stat	 st, st2;
	char		**names, *src, *dst, *sub;
	ssize_t		 n, i;

	src = rel[0] ? out_join(o->real, rel) : xstrdup(o->real);
	if (access(src, W_OK) == -1) {
		diag_sys_msg(MSG_OUT_FILE_ERRNO, o->out, rel[0] ? "/" : "", rel,
		    strerror(errno));
		w->ok = 0;
		free(src);
		return;
	}
	if ((n = all_names(src, &names)) == -1) {
		diag_sys_msg(MSG_OUT_FILE_ERRNO, o->out, rel[0] ? "/" : "", rel,
		    strerror(errno));
		w->ok = 0;
		free(src);
		return;
	}
	if (n == 0 && rel[0]) {
		/* An empty folder is not ours: kept. */
		dst = out_join(o->tmp, rel);
		if ((!mkparents(dst) || mkdir(dst, 0755) == -1) &&
		    errno != EEXIST) {
			diag_sys_msg(MSG_PATH_ERRNO, dst, strerror(errno));
			w->ok = 0;
		}
		free(dst);
	}
	for (i = 0; i < n && w->ok; i++) {
		sub = rel[0] ? xasprintf("%s/%s", rel, names[i]) :
		    xstrdup(names[i]);
		free(src);
		src = xasprintf("%s/%s", o->real, sub);
		if (lstat(src, &st) == 0 && S_ISDIR(st.st_mode)) {
			walk_old(o, man, made, w, sub);
			/* A folder keeps its permissions (one made private
			 * stays private), and its owner's write permission:
			 * the temporary folder must stay removable. */
			dst = xasprintf("%s/%s", o->tmp, sub);
			if (w->ok && lstat(dst, &st2) == 0 &&
			    S_ISDIR(st2.st_mode) && chmod(dst,
			    (st.st_mode & 07777) | S_IRWXU) == -1) {
				diag_sys_msg(MSG_PATH_ERRNO, dst,
				    strerror(errno));
				w->ok = 0;
			}
			free(dst);
			free(sub);
			continue;
		}
		strv_add(&w->seen, sub);
		if (strv_has(made, sub)) {
			/* Not ours, and other bytes in its place. */
			dst = xasprintf("%s/%s", o->tmp, sub);
			if (!strv_has(man, sub) && (lstat(dst, &st2) == -1 ||
			    st2.st_ino != st.st_ino || st2.st_dev != st.st_dev))
				strv_add(&w->replaced, sub);
			free(dst);
		} else if (strv_has(man, sub) && in_scope(o, sub))
			strv_add(&w->removed, sub);
		else {
			if (strv_has(man, sub))
				strv_add(&w->recorded, sub);
			dst = xasprintf("%s/%s", o->tmp, sub);
			if (!clone_file(o, src, dst))
				w->ok = 0;
			free(dst);
		}
		free(sub);
	}
	free(src);
	dir_names_free(names, n);
}

/*
 * After the switch: files that appeared in the old tree while this
 * build ran (not seen by walk_old) are linked into the new one.
 * Returns 0 if one could not be: the old tree is then kept.
 */
static int
late_files(struct outdir *o, const char *old, const struct strv *seen,
    const char *rel)
{
	struct stat	 st;
	char		**names, *src, *dst, *sub;
	ssize_t		 n, i;
	int		 ok = 1;

	src = rel[0] ? xasprintf("%s/%s", old, rel) : xstrdup(old);
	n = all_names(src, &names);
	free(src);
	for (i = 0; i < n; i++) {
		sub = rel[0] ? xasprintf("%s/%s", rel, names[i]) :
		    xstrdup(names[i]);
		src = xasprintf("%s/%s", old, sub);
		if (lstat(src, &st) == 0 && S_ISDIR(st.st_mode))
			ok &= late_files(o, old, seen, sub);
		else if (!strv_has(seen, sub)) {
			dst = xasprintf("%s/%s", o->real, sub);
			ok &= clone_file(NULL, src, dst);
			free(dst);
		}
		free(src);
		free(sub);
	}
	dir_names_free(names, n);
	return ok;
}

/* Prints "removes out/rel" lines. */
static void
tell(const struct outdir *o, const struct strv *s, const char *what)
{
	size_t	 i;

	if (o->opts->quiet)
		return;
	for (i = 0; i < s->n; i++)
		fprintf(stderr, "%s: %s %s/%s\n", PROGNAME, what, o->out,
		    s->v[i]);
}

/* The files this build made, sorted into made.  Returns 0 after
 * diag_sys() if a name cannot go into the manifest. */
static int
commit_names(const struct outdir *o, struct strv *made)
{
	size_t	 i;

	for (i = 0; i < o->nwritten; i++)
		strv_add(made, o->written[i]);
	for (i = 0; i < o->nkept; i++)
		strv_add(made, o->kept[i]);
	strv_sort(made);
	if (o->nkept > 0)
		qsort(o->kept, o->nkept, sizeof(*o->kept), cmp_str);
	for (i = 0; i < made->n; i++)
		if (strchr(made->v[i], '\n') != NULL) {
			diag_sys_msg(MSG_OUT_NEWLINE, made->v[i]);
			return 0;
		}
	return 1;
}

/* The new tree, complete: what this build left as it was, and what it
 * wrote with the same bytes as before, linked so that the mtime is
 * kept.  Returns 0 after diag_sys(). */
static int
commit_fill(struct outdir *o)
{
	struct stat	 st;
	char		*src, *dst, *lnk;
	size_t		 i;
	int		 k;

	for (i = 0; i < o->nkept; i++) {
		src = out_join(o->real, o->kept[i]);
		dst = out_join(o->tmp, o->kept[i]);
		k = lstat(dst, &st) == 0 || clone_file(o, src, dst);
		free(src);
		free(dst);
		if (!k)
			return 0;
	}
	/* No previous tree (a first build, out/ removed): nothing to
	 * compare with, not a failed stat() per file. */
	if (lstat(o->real, &st) == -1)
		return 1;
	lnk = xasprintf("%s/.link", o->tmp);
	for (i = 0; i < o->nwritten; i++) {
		src = out_join(o->real, o->written[i]);
		dst = out_join(o->tmp, o->written[i]);
		if (same_bytes(dst, src) &&
		    linkat(AT_FDCWD, src, AT_FDCWD, lnk, 0) == 0 &&
		    rename(lnk, dst) == -1)
			unlink(lnk);
		free(src);
		free(dst);
	}
	free(lnk);
	return 1;
}

/* The manifest before the switch: both trees (made and what w
 * recorded), into both, added to man and written.  Returns 0 after
 * diag_sys(). */
static int
commit_manifest(const struct outdir *o, const struct strv *made,
    const struct old *w, struct strv *man, struct strv *both)
{
	size_t	 i;

	for (i = 0; i < made->n; i++)
		strv_add(both, made->v[i]);
	for (i = 0; i < w->recorded.n; i++)
		strv_add(both, w->recorded.v[i]);
	strv_sort(both);
	for (i = 0; i < both->n; i++)
		strv_add(man, both->v[i]);
	strv_sort(man);
	return manifest_write(o->real, man);
}

/* The new tree's folder takes the old one's permissions (st, if it
 * exists: mkdtemp() made it private), or those a new folder gets.
 * Returns 0 after diag_sys(). */
static int
commit_mode(const struct outdir *o, int exists, const struct stat *st)
{
	mode_t	 mode, mask;

	if (exists)
		mode = st->st_mode & 07777;
	else {
		mask = umask(022);
		umask(mask);
		mode = 0777 & ~mask;
	}
	if (chmod(o->tmp, mode) == -1) {
		diag_sys_msg(MSG_PATH_ERRNO, o->tmp, strerror(errno));
		return 0;
	}
	return 1;
}

/* The switch, in one step; *old is then where the old tree is (NULL if
 * there was none).  Returns 0 after diag_sys(), out/ as it was. */
static int
commit_switch(const struct outdir *o, int exists, char **old)
{
	*old = NULL;
	if (!exists) {
		if (rename(o->tmp, o->real) == -1) {
			diag_sys_msg(MSG_PATH_ERRNO, o->out, strerror(errno));
			return 0;
		}
		return 1;
	}
	if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->real,
	    RENAME_EXCHANGE) == 0) {
		*old = xstrdup(o->tmp);
		return 1;
	}
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
		diag_sys_msg(MSG_PATH_ERRNO, o->out, strerror(errno));
		return 0;
	}
	/* No exchange on this file system: two renames, and for a moment
	 * no out/ at all (never a mix). */
	*old = xasprintf("%s.tmp-%ld-old", o->real, (long)getpid());
	if (rename(o->real, *old) == -1) {
		diag_sys_msg(MSG_PATH_ERRNO, o->out, strerror(errno));
		free(*old);
		*old = NULL;
		return 0;
	}
	if (rename(o->tmp, o->real) == -1) {
		diag_sys_msg(MSG_PATH_ERRNO, o->out, strerror(errno));
		if (rename(*old, o->real) == -1)
			diag_sys_msg(MSG_OUT_PREVIOUS, o->out,
			    strerror(errno), o->out, *old);
		free(*old);
		*old = NULL;
		return 0;
	}
	return 1;
}

/* After the switch: the old tree at old removed, unless files were
 * added to it during the build, which are then kept beside out/. */
static void
commit_old_tree(struct outdir *o, const char *old,
    const struct strv *seen)
{
	char	*keep;

	if (late_files(o, old, seen, "")) {
		rmtree(old);
		return;
	}
	keep = xasprintf("%s.kept-%ld", o->real, (long)getpid());
	if (rename(old, keep) == 0)
		fprintf(stderr, "%s: files added to %s during the build are "
		    "kept in %s\n", PROGNAME, o->out, keep);
	free(keep);
}

int
out_commit(struct outdir *o)
{
	struct strv	 made = { NULL, 0, 0 }, man = { NULL, 0, 0 };
	struct strv	 both = { NULL, 0, 0 };
	struct old	 w;
	struct stat	 st;
	char		*old = NULL;
	size_t		 i;
	int		 rc = EXIT_SYSTEM, exists;

	memset(&w, 0, sizeof(w));
	w.ok = 1;
	if (!commit_names(o, &made) || !commit_fill(o))
		goto out;
	/* The files of the old tree that are not ours. */
	if (manifest_read(o->real, &man) == -1)
		goto out;
	exists = lstat(o->real, &st) == 0;
	if (exists)
		walk_old(o, &man, &made, &w, "");
	if (!w.ok)
		goto out;
	strv_sort(&w.seen);
	if (w.replaced.n > 0 && !o->opts->force_out) {
		for (i = 0; i < w.replaced.n; i++)
			fprintf(stderr, "%s: %s/%s: not written by %s, and "
			    "this build makes it: move it away, or build with "
			    "--force-out to replace it\n", PROGNAME, o->out,
			    w.replaced.v[i], PROGNAME);
		rc = EXIT_USAGE;
		goto out;
	}
	if (!commit_manifest(o, &made, &w, &man, &both) ||
	    !commit_mode(o, exists, &st) || !commit_switch(o, exists, &old))
		goto out;
	sig_tmp[0] = '\0';
	sig_switched = 1;
	rc = EXIT_OK;
	tell(o, &w.removed, "removes");
	tell(o, &w.replaced, "replaces");
	if (old != NULL)
		commit_old_tree(o, old, &w.seen);
	/* After it, the new tree's alone (best effort: the union is a
	 * safe record too). */
	manifest_write(o->real, &both);
out:
	strv_free(&made);
	strv_free(&man);
	strv_free(&both);
	strv_free(&w.seen);
	strv_free(&w.removed);
	strv_free(&w.replaced);
	strv_free(&w.recorded);
	free(old);
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
	sig_tmp[0] = '\0';
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
	free(o->dir);
	free(o->tmp);
	free(o->real);
	free(o->out);
	free(o);
}

/* SIGINT, SIGTERM: the workers stopped, the temporary folder removed,
 * then the default action (the caller sees the signal). */
static void
on_signal(int sig)
{
	static const char msg[] = PROGNAME ": interrupted: the output "
	    "folder is left as it was\n";
	static const char late[] = PROGNAME ": interrupted: the new "
	    "output folder was already in place\n";
	int	 i;

	for (i = 0; i < sig_npid; i++)
		if (sig_pid[i] > 0) {
			kill(sig_pid[i], SIGKILL);
			while (waitpid(sig_pid[i], NULL, 0) == -1 &&
			    errno == EINTR)
				;
		}
	if (sig_tmp[0] != '\0')
		rmtree(sig_tmp);
	if ((sig_switched ? write(STDERR_FILENO, late, sizeof(late) - 1) :
	    write(STDERR_FILENO, msg, sizeof(msg) - 1)) == -1) {
		/* Nothing more can be done. */
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

void
out_signals(enum outsig how)
{
	struct sigaction sa;
	sigset_t	 set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	switch (how) {
	case OUTSIG_CATCH:
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_signal;
		sa.sa_mask = set;
		sigaction(SIGINT, &sa, NULL);
		sigaction(SIGTERM, &sa, NULL);
		break;
	case OUTSIG_DEFAULT:
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		break;
	case OUTSIG_HOLD:
		sigprocmask(SIG_BLOCK, &set, NULL);
		break;
	case OUTSIG_RELEASE:
		sigprocmask(SIG_UNBLOCK, &set, NULL);
		break;
	}
}

void
out_worker(pid_t pid)
{
	sigset_t	 set, old;
	int		 i;

	/* Not while the handler reads the list. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigprocmask(SIG_BLOCK, &set, &old);
	if (pid > 0 && sig_npid < (int)(sizeof(sig_pid) / sizeof(sig_pid[0])))
		sig_pid[sig_npid++] = pid;
	else if (pid < 0)
		for (i = 0; i < sig_npid; i++)
			if (sig_pid[i] == -pid)
				sig_pid[i] = 0;
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void
out_child(pid_t parent)
{
	static char	 errbuf[BUFSIZ];

	out_signals(OUTSIG_DEFAULT);
#ifdef __linux__
	/* A build killed leaves no child behind. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) == -1)
		_exit(EXIT_SYSTEM);
#endif
	/* The parent ended before the line above: nobody waits. */
	if (getppid() != parent)
		_exit(EXIT_SYSTEM);
	/* Whole lines: the children share stderr. */
	setvbuf(stderr, errbuf, _IOLBF, sizeof(errbuf));
}
