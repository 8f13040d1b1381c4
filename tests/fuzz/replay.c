/*
 * A plain main() for a fuzz harness: runs LLVMFuzzerTestOneInput once
 * per file named on the command line (a folder: each file in it, in
 * name order), so the corpora replay without libFuzzer.  Exit status 0
 * when every input ran; a bug shows as a crash or a sanitizer report.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <err.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "fuzz.h"

static size_t	 ran;

static void
run_file(const char *path)
{
	struct buf	 b = { NULL, 0, 0 };
	FILE		*f;
	char		 chunk[65536];
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL)
		err(1, "%s", path);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_put(&b, chunk, n);
	if (ferror(f))
		err(1, "%s", path);
	fclose(f);
	/* A copy of exactly the input's size, as libFuzzer gives it, so
	 * that a read past the end shows under the sanitizers. */
	{
		uint8_t *in = xmalloc(b.len);
		if (b.len > 0)
			memcpy(in, b.data, b.len);
		LLVMFuzzerTestOneInput(in, b.len);
		free(in);
	}
	buf_free(&b);
	ran++;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
run_path(const char *path)
{
	struct stat	 st;
	DIR		*d;
	struct dirent	*de;
	char		**v = NULL;
	size_t		 n = 0, i;

	if (stat(path, &st) == -1)
		err(1, "%s", path);
	if (!S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	if ((d = opendir(path)) == NULL)
		err(1, "%s", path);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		v = xreallocarray(v, n + 1, sizeof(*v));
		v[n++] = xasprintf("%s/%s", path, de->d_name);
	}
	closedir(d);
	qsort(v, n, sizeof(*v), cmp_str);
	for (i = 0; i < n; i++) {
		run_path(v[i]);
		free(v[i]);
	}
	free(v);
}

int
main(int argc, char *argv[])
{
	int	 i;

	LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++)
		run_path(argv[i]);
	fprintf(stderr, "%s: %zu inputs\n", argv[0], ran);
	return 0;
}
