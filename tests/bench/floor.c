/*
 * The floor of the benchmark: what any build of this content must at
 * least do, with no parsing, layout or drawing at all.
 *
 *	floor CONTENT REF DST
 *
 * reads every file under CONTENT (the inputs), then copies every file
 * under REF (the output of a real build) to DST, which must not exist:
 * the same bytes read and written, through plain read(2)/write(2).
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char	 chunk[1 << 16];

static void
fail(const char *path)
{
	fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
	exit(1);
}

/* Copies src to dst (or only reads it when dst is NULL). */
static void
copy(const char *src, const char *dst)
{
	ssize_t	 n, w, off;
	int	 in, out = -1;

	if ((in = open(src, O_RDONLY)) == -1)
		fail(src);
	if (dst != NULL && (out = open(dst, O_WRONLY | O_CREAT | O_TRUNC,
	    0644)) == -1)
		fail(dst);
	while ((n = read(in, chunk, sizeof(chunk))) > 0)
		for (off = 0; out != -1 && off < n; off += w)
			if ((w = write(out, chunk + off, (size_t)(n - off))) <=
			    0)
				fail(dst);
	if (n < 0)
		fail(src);
	close(in);
	if (out != -1 && close(out) == -1)
		fail(dst);
}

/* Walks src; files are copied into dst (or only read). */
static void
walk(const char *src, const char *dst)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 st;
	char		 s[PATH_MAX], t[PATH_MAX];

	if ((d = opendir(src)) == NULL)
		fail(src);
	if (dst != NULL && mkdir(dst, 0755) == -1)
		fail(dst);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(s, sizeof(s), "%s/%s", src, de->d_name);
		if (dst != NULL)
			snprintf(t, sizeof(t), "%s/%s", dst, de->d_name);
		if (lstat(s, &st) == -1)
			fail(s);
		if (S_ISDIR(st.st_mode))
			walk(s, dst ? t : NULL);
		else if (S_ISREG(st.st_mode))
			copy(s, dst ? t : NULL);
	}
	closedir(d);
}

int
main(int argc, char *argv[])
{
	if (argc != 4) {
		fprintf(stderr, "usage: floor CONTENT REF DST\n");
		return 2;
	}
	walk(argv[1], NULL);
	walk(argv[2], argv[3]);
	return 0;
}
