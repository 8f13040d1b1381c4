/*
 * The one diagnostics path.  Problems in the input are reported as
 *	path:line:col: error|warning: message
 * on stderr the way compilers print them (or kept for a JSON array on
 * stdout), and remembered for the review page and the exit status.
 * Guarded by a mutex: rendering threads may report system errors.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"

static const char *const level_name[DIAG__MAX] = {
	"warning",	/* DIAG_WARNING */
	"error",	/* DIAG_ERROR */
};

static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static enum dformat	 format = DFORMAT_GCC;
static int		 werror;
static int		 syserr;
static struct diag	*list;
static size_t		 nlist, caplist;
static size_t		 count[DIAG__MAX];
static int		 muted;
static size_t		 nmuted[DIAG__MAX];

void
diag_init(enum dformat f, int we)
{
	format = f;
	werror = we;
}

void
vdiag(enum dlevel lvl, const struct pos *pos, const char *fmt, va_list ap)
{
	struct diag	*d;
	char		*msg;

	if (vasprintf(&msg, fmt, ap) == -1)
		msg = xstrdup(fmt);
	pthread_mutex_lock(&lock);
	if (muted) {
		nmuted[lvl]++;
		pthread_mutex_unlock(&lock);
		free(msg);
		return;
	}
	if (nlist == caplist) {
		caplist = caplist ? caplist * 2 : 32;
		list = xreallocarray(list, caplist, sizeof(*list));
	}
	d = &list[nlist++];
	d->level = lvl;
	d->msg = msg;
	d->file = pos != NULL && pos->file != NULL ? xstrdup(pos->file) : NULL;
	d->line = pos != NULL ? pos->line : 0;
	d->col = pos != NULL ? pos->col : 0;
	count[lvl]++;
	if (format == DFORMAT_GCC) {
		if (d->file != NULL && d->line > 0)
			fprintf(stderr, "%s:%d:%d: ", d->file, d->line,
			    d->col > 0 ? d->col : 1);
		else if (d->file != NULL)
			fprintf(stderr, "%s: ", d->file);
		else
			fprintf(stderr, "%s: ", PROGNAME);
		fprintf(stderr, "%s: %s\n", level_name[lvl], msg);
	}
	pthread_mutex_unlock(&lock);
}

void
diag(enum dlevel lvl, const struct pos *pos, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vdiag(lvl, pos, fmt, ap);
	va_end(ap);
}

void
diag_sys(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	pthread_mutex_lock(&lock);
	syserr = 1;
	fprintf(stderr, "%s: ", PROGNAME);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	pthread_mutex_unlock(&lock);
	va_end(ap);
}

void
diag_mute(int on)
{
	pthread_mutex_lock(&lock);
	muted = on;
	pthread_mutex_unlock(&lock);
}

size_t
diag_muted(enum dlevel lvl)
{
	return nmuted[lvl];
}

size_t
diag_count(enum dlevel lvl)
{
	return count[lvl];
}

const struct diag *
diag_list(size_t *n)
{
	*n = nlist;
	return list;
}

void
diag_reset(void)
{
	size_t	 i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < nlist; i++) {
		free(list[i].file);
		free(list[i].msg);
	}
	nlist = 0;
	memset(count, 0, sizeof(count));
	syserr = 0;
	pthread_mutex_unlock(&lock);
}

int
diag_rc(void)
{
	if (syserr)
		return EXIT_SYSTEM;
	if (count[DIAG_ERROR] > 0 || (werror && count[DIAG_WARNING] > 0))
		return EXIT_CONTENT;
	return EXIT_OK;
}

void
diag_finish(void)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 i;

	if (format == DFORMAT_JSON) {
		BUF_PUTSL(&b, "[");
		for (i = 0; i < nlist; i++) {
			buf_puts(&b, i ? ",\n " : "\n ");
			BUF_PUTSL(&b, "{\"file\": ");
			if (list[i].file != NULL)
				json_str(&b, list[i].file);
			else
				BUF_PUTSL(&b, "null");
			buf_printf(&b, ", \"line\": %d, \"column\": %d, "
			    "\"level\": \"%s\", \"message\": ", list[i].line,
			    list[i].line > 0 && list[i].col == 0 ? 1 :
			    list[i].col, level_name[list[i].level]);
			json_str(&b, list[i].msg);
			BUF_PUTSL(&b, "}");
		}
		buf_puts(&b, nlist ? "\n]\n" : "]\n");
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
	} else if (format == DFORMAT_GITHUB || format == DFORMAT_GITLAB)
		forge_print(stdout, format, list, nlist);
	for (i = 0; i < nlist; i++) {
		free(list[i].file);
		free(list[i].msg);
	}
	free(list);
	list = NULL;
	nlist = caplist = 0;
}
