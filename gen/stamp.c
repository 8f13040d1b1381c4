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
 */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "backend.h"


/* ".out.stamp" beside "out", "dir/.site.stamp" beside "dir/site".
 * Caller frees. */
static char *
stamp_path(const struct opts *o)
{
	char	*dir, *slash, *p;
	size_t	 n;

	dir = xstrdup(o->out);
	n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
	if ((slash = strrchr(dir, '/')) != NULL) {
		*slash = '\0';
		p = xasprintf("%s/.%s.stamp", slash == dir ? "" : dir,
		    slash + 1);
	} else
		p = xasprintf(".%s.stamp", dir);
	free(dir);
	return p;
}

/* FNV-1a, 64 bits: quick, and collisions do not matter at this scale. */
static void
hash_bytes(uint64_t *h, const void *p, size_t n)
{
	const unsigned char *s = p;

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

/* The bytes of path, under the name name (so that the same files in
 * another folder give the same hash). */
static void
hash_file(uint64_t *h, const char *path, const char *name)
{
	FILE	*f;
	char	 b[65536];
	size_t	 n;

	hash_str(h, name);
	if ((f = fopen(path, "rb")) == NULL)
		return;
	while ((n = fread(b, 1, sizeof(b), f)) > 0)
		hash_bytes(h, b, n);
	fclose(f);
}

/* Calls fn on every regular file under dir, in sorted order, with its
 * path relative to root ("2016/index.html"); dot files are left out. */
static void
walk(const char *root, const char *rel,
    void (*fn)(void *, const char *, const char *, const struct stat *),
    void *arg, int depth)
{
	struct stat	 st;
	char		*dir, **v, *path, *sub;
	ssize_t		 n, i;

	if (depth > 16)
		return;
	dir = rel[0] ? xasprintf("%s/%s", root, rel) : xstrdup(root);
	if ((n = dir_names(dir, &v)) == -1) {
		free(dir);
		return;
	}
	for (i = 0; i < n; i++) {
		sub = rel[0] ? xasprintf("%s/%s", rel, v[i]) : xstrdup(v[i]);
		path = xasprintf("%s/%s", dir, v[i]);
		if (stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			walk(root, sub, fn, arg, depth + 1);
		else if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			fn(arg, path, sub, &st);
		free(sub);
		free(path);
	}
	dir_names_free(v, n);
	free(dir);
}

static void
hash_one(void *arg, const char *path, const char *rel, const struct stat *st)
{
	(void)st;
	hash_file(arg, path, rel);
}

uint64_t
stamp_inputs(const struct opts *o)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	char		 num[64];

	hash_str(&h, PROGNAME " " VERSION);
	hash_file(&h, "/proc/self/exe", "");	/* a rebuilt tool */
	snprintf(num, sizeof(num), "%d %u %d", o->year, o->formats,
	    o->draft);
	hash_str(&h, num);
	hash_str(&h, o->label);
	hash_str(&h, o->base_url);
	hash_str(&h, "content");
	walk(o->content, "", hash_one, &h, 0);
	hash_str(&h, "styles");
	walk(o->styles, "", hash_one, &h, 0);
	return h;
}

struct listing {
	struct buf	 b;
};

static void
list_one(void *arg, const char *path, const char *rel, const struct stat *st)
{
	struct listing	*l = arg;

	(void)path;
	buf_printf(&l->b, "%lld %s\n", (long long)st->st_size, rel);
}

/* "hash\n" then "size path\n" for every file now in out/. */
static void
stamp_text(const struct opts *o, uint64_t h, struct buf *b)
{
	struct listing	 l = { { NULL, 0, 0 } };

	buf_printf(&l.b, "%016" PRIx64 "\n", h);
	walk(o->out, "", list_one, &l, 0);
	*b = l.b;
}

int
stamp_fresh(const struct opts *o, uint64_t h)
{
	struct buf	 want = { NULL, 0, 0 }, have = { NULL, 0, 0 };
	char		*path;
	FILE		*f;
	char		 chunk[65536];
	size_t		 n;
	int		 fresh = 0;

	path = stamp_path(o);
	if ((f = fopen(path, "rb")) != NULL) {
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_put(&have, chunk, n);
		fclose(f);
		stamp_text(o, h, &want);
		fresh = have.len > 0 && want.len == have.len &&
		    memcmp(want.data, have.data, want.len) == 0;
	}
	buf_free(&want);
	buf_free(&have);
	free(path);
	return fresh;
}

void
stamp_write(const struct opts *o, uint64_t h)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*path, *tmp;
	FILE		*f;
	size_t		 n;

	path = stamp_path(o);
	tmp = xasprintf("%s.tmp", path);
	stamp_text(o, h, &b);
	/* Best effort: without a stamp, the next build is a full one. */
	if ((f = fopen(tmp, "wb")) != NULL) {
		n = fwrite(b.data, 1, b.len, f);
		if (fclose(f) == 0 && n == b.len)
			rename(tmp, path);
		else
			remove(tmp);
	}
	buf_free(&b);
	free(tmp);
	free(path);
}

void
stamp_remove(const struct opts *o)
{
	char	*path;

	path = stamp_path(o);
	remove(path);
	free(path);
}
