/*
 * The command line: rapporteur build|check|tree [options].
 * Loads the content once, validates it, then runs each requested backend
 * for each selected edition; the exit status is the worst problem seen.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "backend.h"

#ifndef DATADIR
#define DATADIR "/usr/local/share/rapporteur"
#endif

static const char usage_text[] =
"usage: rapporteur build [--content DIR] [--out DIR] [--year YYYY]\n"
"                        [--format html,pdf,svg] [--draft] [--label TEXT]\n"
"                        [--base-url URL] [--jobs N] [--quiet]\n"
"       rapporteur check [--content DIR] [--format gcc|json] [--werror]\n"
"       rapporteur tree  [--content DIR]\n"
"       rapporteur --help | --version\n";

static const char help_text[] =
"\n"
"Builds the yearly evaluation report of a national action plan against\n"
"trafficking in human beings: a static website, a PDF report and SVG\n"
"charts for each edition found in the content folder.\n"
"\n"
"Commands:\n"
"  build     check the content, then write out/ (nothing is written if the\n"
"            content has errors)\n"
"  check     check the content only: schemas, cross-file rules\n"
"  tree      print the loaded model (for tests and bug reports)\n"
"\n"
"Options:\n"
"  --content DIR    content folder (default: content)\n"
"  --out DIR        output folder (default: out)\n"
"  --styles DIR     styles folder (default: styles)\n"
"  --year YYYY      build one edition only (default: all)\n"
"  --format LIST    build: any of html,pdf,svg (default: all)\n"
"                   check: gcc (default) or json\n"
"  --draft          mark every edition as a draft (watermark, banner)\n"
"  --label TEXT     build stamp shown in drafts, e.g. a commit id\n"
"  --base-url URL   public address of out/: canonical links, sitemap.xml\n"
"  --jobs N         worker threads (default: number of processors)\n"
"  --quiet          no progress messages\n"
"  --werror         check: warnings make the exit status 1\n"
"\n"
"Exit status: 0 success, 1 the content has errors, 2 usage error,\n"
"3 system error.  Problems are printed as path:line:col: level: message.\n";

enum cmd {
	CMD_BUILD,
	CMD_CHECK,
	CMD_TREE
};

static int
usage(const char *msg)
{
	if (msg != NULL)
		fprintf(stderr, "%s: %s\n", PROGNAME, msg);
	fputs(usage_text, stderr);
	return EXIT_USAGE;
}

/* "html,pdf" -> FORMAT_* bits; 0 if a word is unknown. */
static unsigned
parse_formats(const char *s)
{
	unsigned	 f = 0;
	const char	*p = s, *e;
	size_t		 n;

	while (*p != '\0') {
		e = strchr(p, ',');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n == 4 && strncmp(p, "html", 4) == 0)
			f |= FORMAT_HTML;
		else if (n == 3 && strncmp(p, "pdf", 3) == 0)
			f |= FORMAT_PDF;
		else if (n == 3 && strncmp(p, "svg", 3) == 0)
			f |= FORMAT_SVG;
		else
			return 0;
		p += n + (e != NULL);
	}
	return f;
}

/* One unit of work: one backend for one edition. */
struct task {
	const struct edition *e;
	enum format	 f;
};

struct pool {
	const struct report *r;
	const struct opts *o;
	struct outdir	*od;
	struct task	*tasks;
	size_t		 ntasks;
	size_t		 next;		/* first task not taken */
	int		 ok;		/* cleared by the first failure */
	pthread_mutex_t	 lock;
};

/*
 * The PDF runs alone: pango 1.50 justifies a line differently when
 * another thread lays out text with the same font options at the same
 * time (a race inside pango, seen at --jobs 2), and the PDF must come out
 * the same bytes every build.  Other tasks share the lock.
 */
static pthread_rwlock_t pdf_alone = PTHREAD_RWLOCK_INITIALIZER;

static int
run_task(const struct pool *p, const struct task *t)
{
	static const char *const what[] = { "charts", "site", "PDF" };
	int	 rc;

	if (!p->o->quiet) {
		fprintf(stderr, "%s: %s %d\n", PROGNAME,
		    what[t->f == FORMAT_SVG ? 0 : t->f == FORMAT_HTML ? 1 : 2],
		    t->e->year);
	}
	switch (t->f) {
	case FORMAT_SVG:
		pthread_rwlock_rdlock(&pdf_alone);
		rc = svg_edition(p->r, t->e, p->o, p->od);
		pthread_rwlock_unlock(&pdf_alone);
		return rc;
	case FORMAT_HTML:
		pthread_rwlock_rdlock(&pdf_alone);
		rc = html_edition(p->r, t->e, p->o, p->od) &&
		    review_edition(p->r, t->e, p->o, p->od);
		pthread_rwlock_unlock(&pdf_alone);
		return rc;
	case FORMAT_PDF:
		pthread_rwlock_wrlock(&pdf_alone);
		rc = pdf_edition(p->r, t->e, p->o, p->od);
		pthread_rwlock_unlock(&pdf_alone);
		return rc;
	case FORMAT_ALL:
	default:
		abort();
	}
}

/* A worker: takes tasks in order until none is left or one failed.  The
 * output does not depend on which worker ran what: files are only
 * compared and moved, in sorted order, at the commit. */
static void *
worker(void *arg)
{
	struct pool	*p = arg;
	size_t		 i;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		i = p->ok ? p->next++ : p->ntasks;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->ntasks)
			return NULL;
		if (!run_task(p, &p->tasks[i])) {
			pthread_mutex_lock(&p->lock);
			p->ok = 0;
			pthread_mutex_unlock(&p->lock);
		}
	}
}

static int
build(const struct report *r, const struct opts *o)
{
	struct pool	 p;
	pthread_t	*th;
	const char	**owned;
	size_t		 i, nowned = 0, cap;
	uint64_t	 h;
	int		 nth, k;
	char		 yr[16];

	/* Nothing changed since the last build: nothing to do. */
	h = stamp_inputs(o);
	if (stamp_fresh(o, h)) {
		if (!o->quiet)
			fprintf(stderr, "%s: %s is up to date\n", PROGNAME,
			    o->out);
		return EXIT_OK;
	}
	memset(&p, 0, sizeof(p));
	p.r = r;
	p.o = o;
	p.ok = 1;
	pthread_mutex_init(&p.lock, NULL);
	if ((p.od = out_open(o->out)) == NULL)
		return EXIT_SYSTEM;
	cap = r->neds * 3;
	p.tasks = xcalloc(cap + 1, sizeof(*p.tasks));
	owned = xcalloc(r->neds + 1, sizeof(*owned));
	/* The PDF first: it takes longest. */
	for (i = 0; i < r->neds; i++) {
		if (o->year != 0 && r->eds[i].year != o->year)
			continue;
		snprintf(yr, sizeof(yr), "%d", r->eds[i].year);
		owned[nowned++] = xstrdup(yr);
		if (o->formats & FORMAT_PDF)
			p.tasks[p.ntasks++] = (struct task){ &r->eds[i],
			    FORMAT_PDF };
		/* The site shows the SVG charts: HTML implies SVG. */
		if (o->formats & (FORMAT_SVG | FORMAT_HTML))
			p.tasks[p.ntasks++] = (struct task){ &r->eds[i],
			    FORMAT_SVG };
		if (o->formats & FORMAT_HTML)
			p.tasks[p.ntasks++] = (struct task){ &r->eds[i],
			    FORMAT_HTML };
	}
	nth = o->jobs < (int)p.ntasks ? o->jobs : (int)p.ntasks;
	if (nth <= 1)
		worker(&p);
	else {
		th = xcalloc((size_t)nth, sizeof(*th));
		for (k = 0; k < nth; k++)
			if (pthread_create(&th[k], NULL, worker, &p) != 0) {
				diag_sys("cannot start a thread");
				p.ok = 0;
				nth = k;
				break;
			}
		for (k = 0; k < nth; k++)
			pthread_join(th[k], NULL);
		free(th);
	}
	if (p.ok && (o->formats & FORMAT_HTML))
		p.ok = html_index(r, o, p.od);
	if (p.ok) {
		stamp_remove(o);
		if ((p.ok = out_commit(p.od, owned, nowned)))
			stamp_write(o, h);
	} else
		out_abort(p.od);
	for (i = 0; i < nowned; i++)
		free((char *)owned[i]);
	free(owned);
	free(p.tasks);
	pthread_mutex_destroy(&p.lock);
	return p.ok ? EXIT_OK : EXIT_SYSTEM;
}

int
main(int argc, char *argv[])
{
	static const struct option lopts[] = {
		{ "content",	required_argument,	NULL, 'c' },
		{ "out",	required_argument,	NULL, 'o' },
		{ "styles",	required_argument,	NULL, 's' },
		{ "year",	required_argument,	NULL, 'y' },
		{ "format",	required_argument,	NULL, 'f' },
		{ "draft",	no_argument,		NULL, 'd' },
		{ "label",	required_argument,	NULL, 'l' },
		{ "base-url",	required_argument,	NULL, 'b' },
		{ "jobs",	required_argument,	NULL, 'j' },
		{ "quiet",	no_argument,		NULL, 'q' },
		{ "werror",	no_argument,		NULL, 'W' },
		{ "help",	no_argument,		NULL, 'h' },
		{ "version",	no_argument,		NULL, 'V' },
		{ NULL,		0,			NULL, 0 }
	};
	struct opts	 o;
	struct report	*r;
	struct buf	 b = { NULL, 0, 0 };
	enum cmd	 cmd;
	const char	*format = NULL;
	char		*end;
	long		 n;
	int		 ch, werror = 0, rc, styles_given = 0;
	long		 ncpu;

	memset(&o, 0, sizeof(o));
	o.content = "content";
	o.out = "out";
	o.styles = "styles";
	o.formats = FORMAT_ALL;
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = ncpu > 0 ? (int)ncpu : 1;

	if (argc >= 2 && strcmp(argv[1], "--help") == 0) {
		fputs(usage_text, stdout);
		fputs(help_text, stdout);
		return EXIT_OK;
	}
	if (argc >= 2 && strcmp(argv[1], "--version") == 0) {
		printf("%s %s\n", PROGNAME, VERSION);
		return EXIT_OK;
	}
	if (argc < 2)
		return usage("no command");
	if (strcmp(argv[1], "build") == 0)
		cmd = CMD_BUILD;
	else if (strcmp(argv[1], "check") == 0)
		cmd = CMD_CHECK;
	else if (strcmp(argv[1], "tree") == 0)
		cmd = CMD_TREE;
	else {
		fprintf(stderr, "%s: unknown command \"%s\"\n", PROGNAME,
		    argv[1]);
		return usage(NULL);
	}
	argc--;
	argv++;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o.content = optarg;
			break;
		case 'o':
			o.out = optarg;
			break;
		case 's':
			o.styles = optarg;
			styles_given = 1;
			break;
		case 'y':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 1000 || n > 9999)
				return usage("--year takes a year, such as "
				    "2016");
			o.year = (int)n;
			break;
		case 'f':
			format = optarg;
			break;
		case 'd':
			o.draft = 1;
			break;
		case 'l':
			o.label = optarg;
			break;
		case 'b':
			o.base_url = optarg;
			break;
		case 'j':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 1 || n > 256)
				return usage("--jobs takes a number from 1 to "
				    "256");
			o.jobs = (int)n;
			break;
		case 'q':
			o.quiet = 1;
			break;
		case 'W':
			werror = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs(help_text, stdout);
			return EXIT_OK;
		case 'V':
			printf("%s %s\n", PROGNAME, VERSION);
			return EXIT_OK;
		default:
			fprintf(stderr, "%s: %s: unknown option or missing "
			    "argument\n", PROGNAME, argv[optind - 1]);
			return usage(NULL);
		}
	}
	if (optind < argc)
		return usage("too many arguments");
	/* An installed tool run outside a project uses its own styles. */
	if (!styles_given && access(o.styles, F_OK) == -1)
		o.styles = DATADIR "/styles";

	if (cmd == CMD_CHECK) {
		if (format == NULL || strcmp(format, "gcc") == 0)
			diag_init(DFORMAT_GCC, werror);
		else if (strcmp(format, "json") == 0)
			diag_init(DFORMAT_JSON, werror);
		else
			return usage("check --format takes gcc or json");
	} else {
		diag_init(DFORMAT_GCC, werror);
		if (format != NULL && (o.formats = parse_formats(format)) == 0)
			return usage("build --format takes a list of html, "
			    "pdf and svg");
	}

	xml_init();
	r = report_load(o.content);
	if (r == NULL) {
		diag_finish();
		xml_cleanup();
		return EXIT_USAGE;
	}
	validate(r);
	if (cmd == CMD_BUILD && o.year != 0 && report_edition(r, o.year) ==
	    NULL && diag_count(DIAG_ERROR) == 0) {
		report_free(r);
		xml_cleanup();
		diag_finish();
		fprintf(stderr, "%s: no %d edition in %s/editions\n", PROGNAME,
		    o.year, o.content);
		return EXIT_USAGE;
	}
	rc = diag_rc();
	if (cmd == CMD_TREE) {
		tree_dump(&b, r);
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
	} else if (cmd == CMD_BUILD && rc == EXIT_OK)
		rc = build(r, &o);
	else if (cmd == CMD_BUILD)
		fprintf(stderr, "%s: %zu error(s): nothing written to %s\n",
		    PROGNAME, diag_count(DIAG_ERROR), o.out);
	report_free(r);
	xml_cleanup();
	diag_finish();
	if (rc == EXIT_OK)
		rc = diag_rc();
	/* What went to stdout (tree, JSON diagnostics) must have arrived. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: standard output: %s\n", PROGNAME,
		    strerror(errno));
		rc = EXIT_SYSTEM;
	}
	return rc;
}
