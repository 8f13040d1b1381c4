/*
 * Diagnostics in the formats forges read, for `check --format github`
 * and `check --format gitlab`:
 *
 *  - GitHub (and Gitea, Forgejo) workflow commands, one line each,
 *	::error file=PATH,line=L,col=C::MESSAGE
 *    which the runner turns into annotations on the changed lines; a
 *    problem with no line (a missing or unreadable file) is annotated on
 *    the file.
 *  - a GitLab Code Quality report (a subset of the CodeClimate format):
 *    a JSON array of issues, each with a fingerprint that stays the same
 *    when lines move, so that a merge request shows the problems it adds
 *    and the ones it fixes.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "report.h"
#include "extern.h"

/* Workflow command data: %, CR and LF are escaped; in a property value,
 * ':' and ',' too (the runner's own escaping, actions/toolkit). */
static void
gh_esc(FILE *f, const char *s, int prop)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '%':
			fputs("%25", f);
			break;
		case '\r':
			fputs("%0D", f);
			break;
		case '\n':
			fputs("%0A", f);
			break;
		case ':':
			fputs(prop ? "%3A" : ":", f);
			break;
		case ',':
			fputs(prop ? "%2C" : ",", f);
			break;
		default:
			fputc(*s, f);
			break;
		}
}

static void
github(FILE *f, const struct diag *d, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		fprintf(f, "::%s", d[i].level == DIAG_ERROR ? "error" :
		    "warning");
		if (d[i].file != NULL) {
			fputs(" file=", f);
			gh_esc(f, d[i].file, 1);
			if (d[i].line > 0)
				fprintf(f, ",line=%d,col=%d", d[i].line,
				    d[i].col > 0 ? d[i].col : 1);
		}
		fputs("::", f);
		gh_esc(f, d[i].msg, 0);
		fputc('\n', f);
	}
}

/* s as a JSON string (json.c) on f. */
static void
json_fstr(FILE *f, const char *s)
{
	struct buf	 b = { NULL, 0, 0 };

	json_str(&b, s);
	fwrite(b.data, 1, b.len, f);
	buf_free(&b);
}

static void
fnv(uint64_t *h, const char *s)
{
	for (; *s != '\0'; s++) {
		*h ^= (unsigned char)*s;
		*h *= 0x100000001b3ULL;
	}
	*h ^= 0xff;		/* ends the field: "ab","c" != "a","bc" */
	*h *= 0x100000001b3ULL;
}

static int
same(const struct diag *a, const struct diag *b)
{
	return a->level == b->level && strcmp(a->msg, b->msg) == 0 &&
	    (a->file == NULL ? b->file == NULL :
	    b->file != NULL && strcmp(a->file, b->file) == 0);
}

/*
 * The fingerprint of d[i]: two FNV-1a hashes (32 hex digits) of its
 * level, file, message and how many identical problems come before it.
 * Not its line: a problem that only moved keeps its fingerprint.
 */
static void
fingerprint(char out[33], const struct diag *d, size_t i)
{
	uint64_t	 h1 = 0xcbf29ce484222325ULL, h2 = 0x84222325cbf29ce4ULL;
	size_t		 j, k = 0;
	char		 num[32];

	for (j = 0; j < i; j++)
		k += same(&d[j], &d[i]);
	snprintf(num, sizeof(num), "%d %zu", (int)d[i].level, k);
	fnv(&h1, num);
	fnv(&h2, num);
	fnv(&h1, d[i].file != NULL ? d[i].file : "");
	fnv(&h2, d[i].file != NULL ? d[i].file : "");
	fnv(&h1, d[i].msg);
	fnv(&h2, d[i].msg);
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)h1,
	    (unsigned long long)h2);
}

static void
gitlab(FILE *f, const struct diag *d, size_t n)
{
	size_t	 i;
	char	 fp[33];

	fputs("[", f);
	for (i = 0; i < n; i++) {
		fingerprint(fp, d, i);
		fputs(i ? ",\n {" : "\n {", f);
		fputs("\"type\": \"issue\", \"check_name\": \"rapporteur\", "
		    "\"description\": ", f);
		json_fstr(f, d[i].msg);
		fprintf(f, ", \"severity\": \"%s\", \"fingerprint\": \"%s\", "
		    "\"location\": {\"path\": ", d[i].level == DIAG_ERROR ?
		    "major" : "minor", fp);
		json_fstr(f, d[i].file != NULL ? d[i].file : "");
		/* A problem with no line is shown on the file's first. */
		fprintf(f, ", \"lines\": {\"begin\": %d}}}",
		    d[i].line > 0 ? d[i].line : 1);
	}
	fputs(n ? "\n]\n" : "]\n", f);
}

void
forge_print(FILE *f, enum dformat fmt, const struct diag *d, size_t n)
{
	if (fmt == DFORMAT_GITHUB)
		github(f, d, n);
	else
		gitlab(f, d, n);
}
