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
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	if (vasprintf(&p, fmt, ap) == -1)
		err(EXIT_SYSTEM, NULL);
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

/* ---- UTF-8: messages and JSON never cut or pass on a broken character */

size_t
utf8_len(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned	 c;
	size_t		 len, i;

	if (n == 0)
		return 0;
	if (u[0] < 0x80)
		return 1;
	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		len = 2, c = u[0] & 0x1f;
	else if (u[0] >= 0xe0 && u[0] <= 0xef)
		len = 3, c = u[0] & 0x0f;
	else if (u[0] >= 0xf0 && u[0] <= 0xf4)
		len = 4, c = u[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (u[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	return len;
}

int
utf8_cut(const char *s, size_t max)
{
	size_t	 n = strlen(s), k;

	if (n <= max)
		return (int)n;
	/* s[max] starts the first byte left out: back off to the start
	 * of the character it belongs to, if it continues one. */
	for (k = 0, n = max; n > 0 && k < 3 &&
	    ((unsigned char)s[n] & 0xc0) == 0x80; k++)
		n--;
	if (((unsigned char)s[n] & 0xc0) == 0x80)
		n = max;	/* not UTF-8 anyway: any place will do */
	return (int)n;
}
