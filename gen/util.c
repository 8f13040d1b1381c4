/*
 * Allocation wrappers: the only calls to malloc and friends in gen/.  On
 * failure they print a message and exit with EXIT_SYSTEM, so the rest of
 * the code treats a failure as bad input or I/O only.
 */
#include <dirent.h>
#include <err.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libdeflate.h>

#include "report.h"
#include "extern.h"

void *
xmalloc(size_t sz)
{
	void	*p;

	if ((p = malloc(sz == 0 ? 1 : sz)) == NULL)
		err(EXIT_SYSTEM, NULL);
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void	*p;

	if ((p = calloc(n == 0 ? 1 : n, sz == 0 ? 1 : sz)) == NULL)
		err(EXIT_SYSTEM, NULL);
	return p;
}

void *
xrealloc(void *p, size_t sz)
{
	if ((p = realloc(p, sz == 0 ? 1 : sz)) == NULL)
		err(EXIT_SYSTEM, NULL);
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz != 0 && n > SIZE_MAX / sz)
		errx(EXIT_SYSTEM, "allocation too large");
	return xrealloc(p, n * sz);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list	 ap, aq;
	char	*p, tmp[256];
	int	 n;

	/* Into tmp first: most strings fit, and are formatted once. */
	va_start(ap, fmt);
	va_copy(aq, ap);
	n = printf_fast_vsnprintf(tmp, sizeof(tmp), fmt, aq);
	va_end(aq);
	if (n < 0)
		err(EXIT_SYSTEM, NULL);
	p = xmalloc((size_t)n + 1);
	if ((size_t)n < sizeof(tmp))
		memcpy(p, tmp, (size_t)n + 1);
	else
		printf_fast_vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

ssize_t
dir_names(const char *dir, char ***out)
{
	DIR		*d;
	struct dirent	*de;
	char		**v = NULL;
	size_t		 n = 0, cap = 0;

	*out = NULL;
	if ((d = opendir(dir)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			v = xreallocarray(v, cap, sizeof(*v));
		}
		v[n++] = xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 1)
		qsort(v, n, sizeof(*v), cmp_str);
	*out = v;
	return (ssize_t)n;
}

void
dir_names_free(char **v, ssize_t n)
{
	ssize_t	 i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/*
 * [p, p + n) as a zlib stream at libdeflate's fastest level, in a new
 * buffer of *zn bytes (caller frees), or NULL if libdeflate fails.  A
 * compressor of its own each call: callers run on more than one thread,
 * and its tables are filled anew by every call anyway, so making one
 * costs a malloc.
 */
unsigned char *
zlib_fast(const void *p, size_t n, size_t *zn)
{
	struct libdeflate_compressor *c;
	unsigned char	*z;

	if ((c = libdeflate_alloc_compressor(1)) == NULL)
		return NULL;
	*zn = libdeflate_zlib_compress_bound(c, n);
	z = xmalloc(*zn);
	*zn = libdeflate_zlib_compress(c, p, n, z, *zn);
	libdeflate_free_compressor(c);
	if (*zn == 0) {
		free(z);
		return NULL;
	}
	return xrealloc(z, *zn);	/* as small as it came out */
}
