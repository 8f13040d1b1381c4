/*
 * The command line: rapporteur build|check|tree [options].
 * Loads the content once, validates it, then runs each requested backend
 * for each selected edition; the exit status is the worst problem seen.
 */
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "theme.h"
#include "msg.h"
#include "backend.h"
#include "font.h"

#ifndef DATADIR
#define DATADIR "/usr/local/share/rapporteur"
#endif

/*
 * jemalloc's settings, read at its start when the tool is linked with it
 * (the Makefile's PROCESS_LIBS; unused otherwise): one arena.  The
 * tool's threads are few and short (the loading pool, the compression
 * pool) and keep their caches; one arena instead of jemalloc's default
 * (four a core, taken by threads in turn, so one a thread here) keeps
 * the peak RSS of a report's PDF lower.
 */
const char	*malloc_conf = "narenas:1";

static const char usage_text[] =
"usage: rapporteur build [--content DIR] [--out DIR] [--year YYYY]\n"
"                        [--format html,pdf,svg] [--draft] [--label TEXT]\n"
"                        [--base-url URL] [--jobs N] [--quiet] [--watch]\n"
"                        [--diff-base DIR] [--force-out]\n"
"       rapporteur check [--content DIR] [--format gcc|json|github|gitlab]\n"
"                        [--werror]\n"
"       rapporteur diff  [--content DIR] --base DIR [--year YYYY]\n"
"                        [--format text|markdown|json]\n"
"       rapporteur tree  [--content DIR]\n"
"       rapporteur init  [--plan FILE | --year YYYY] [--lang fr|en] [DIR]\n"
"       rapporteur new-edition [--content DIR] YEAR\n"
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
"  diff      what the content changes in the report, against a base\n"
"            content folder (the main branch's)\n"
"  init      write a new content folder (DIR, default: content) that\n"
"            checks and builds: a plan of three measures, their indicator\n"
"            files, one draft edition; --plan FILE starts from your plan,\n"
"            --lang en writes it in English (default: fr, or the plan's)\n"
"  new-edition  open the YEAR edition from the latest one: a draft, each\n"
"            text started from last year's headings and marked [À rédiger],\n"
"            an assessment added to each indicator file\n"
"\n"
"Options:\n"
"  --content DIR    content folder (default: content)\n"
"  --out DIR        output folder (default: out)\n"
"  --styles DIR     styles folder (default: styles)\n"
"  --year YYYY      check and build one edition only (default: all)\n"
"  --format LIST    build: any of html,pdf,svg (default: all)\n"
"                   check: gcc (default), json, github or gitlab\n"
"                   diff: text (default), markdown or json\n"
"  --base DIR       diff: the content folder to compare with\n"
"  --diff-base DIR  build: the review page lists the changes against DIR\n"
"  --draft          mark every edition as a draft (watermark, banner)\n"
"  --label TEXT     build stamp shown in drafts, e.g. a commit id\n"
"  --base-url URL   public address of out/: canonical links, sitemap.xml\n"
"  --jobs N         worker processes (default: number of processors)\n"
"  --quiet          no progress messages\n"
"  --watch          build: build again on every change under the content\n"
"                   and styles folders, until Ctrl-C\n"
"  --force-out      build into a non-empty folder no build recorded as its\n"
"                   own (its files are kept but those the build makes)\n"
"  --werror         check: warnings make the exit status 1\n"
"\n"
"Exit status: 0 success, 1 the content has errors, 2 usage error,\n"
"3 system error.  Problems are printed as path:line:col: level: message.\n";

enum cmd {
	CMD_BUILD,
	CMD_CHECK,
	CMD_TREE,
	CMD_DIFF
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

/* One unit of work: one backend for one edition (the charts: one part
 * of them, all parts under one stamp), or the site's root pages (e
 * NULL, id -1: never skipped, no stamp of its own). */
struct task {
	const struct edition *e;
	enum format	 f;
	int		 id;		/* index in the build's stamp_task[] */
	int		 part;		/* of the charts, from 0 */
};

/* What the workers share (an anonymous shared mapping with --jobs 2 or
 * more): how many tasks were taken from each end of the list (in the
 * low 32 bits from the front, by the workers; in the high 32 bits from
 * the back, by the parent), and whether one failed. */
struct shared {
	uint64_t	 taken;
	int		 failed;	/* set by the first failure */
};

/* The exit status of a process that ran tasks: what --jobs 1 returns
 * too, whatever process ran the task that failed. */
static int
work_status(int ok)
{
	int	 rc = diag_rc();

	if (rc != EXIT_OK)
		return rc;
	return ok ? EXIT_OK : EXIT_SYSTEM;
}

struct pool {
	const struct report *r;
	const struct opts *o;
	struct outdir	*od;
	struct task	*tasks;		/* longest first */
	size_t		 ntasks;
	struct shared	*sh;
	int		 mute;		/* workers report no content problem */
	int		 stride;	/* 0: tasks taken in turn; else worker
					 * k runs tasks k, k + stride, ... */
	int		 back;		/* this process takes from the back */
};

/*
 * The indicators' charts (parts 0 and 1 of each edition's charts: they
 * read the plan, the indicators and the year only) drawn by workers
 * while the parent loads the editions and checks the content.  Started
 * once the indicators are loaded with no error so far, on a build that
 * runs every task (no stamp nor task record, or no out/).  Their
 * workers say nothing of the content (the parent does, in order) and
 * send their files as the others do; with what they wrote, they are
 * dropped if the build does not go on.
 */
struct early {
	struct pool	 p;		/* p.od: the build's, once started */
	struct edition	*eds;		/* a year each, nothing else */
	pid_t		*pid;
	int		*fd;
	int		 n;		/* workers started */
	int		 rc;		/* EXIT_SYSTEM: not all started */
};

/* The name of a task's backend in progress messages. */
static const char *
task_name(enum format f)
{
	return f == FORMAT_SVG ? "charts" : f == FORMAT_HTML ? "site" : "PDF";
}

static int
run_task(const struct pool *p, const struct task *t)
{
	if (t->e == NULL)
		return html_index(p->r, p->o, p->od);
	/* One line, one write(): stderr of a worker is line buffered.
	 * The charts' last part says it: the others may be drawn before
	 * the content is checked (struct early). */
	if (!p->o->quiet && (t->f != FORMAT_SVG || t->part == SVG_PARTS - 1))
		fprintf(stderr, "%s: %s %d\n", PROGNAME, task_name(t->f),
		    t->e->year);
	switch (t->f) {
	case FORMAT_SVG:
		return svg_edition(p->r, t->e, p->o, p->od, t->part);
	case FORMAT_HTML:
		return html_edition(p->r, t->e, p->o, p->od) &&
		    review_edition(p->r, t->e, p->o, p->od);
	case FORMAT_PDF:
		return pdf_edition(p->r, t->e, p->o, p->od);
	case FORMAT_ALL:
	default:
		abort();
	}
}

/* The index of the next task to run into *i: from the front, or (p->back)
 * from the back.  Returns 0 if there is none. */
static int
take(const struct pool *p, size_t *i)
{
	uint64_t	 v, nv;
	size_t		 f, b;

	v = __atomic_load_n(&p->sh->taken, __ATOMIC_SEQ_CST);
	do {
		f = v & 0xffffffff;
		b = v >> 32;
		if (f + b >= p->ntasks)
			return 0;
		if (p->back) {
			*i = p->ntasks - 1 - b;
			nv = v + ((uint64_t)1 << 32);
		} else {
			*i = f;
			nv = v + 1;
		}
	} while (!__atomic_compare_exchange_n(&p->sh->taken, &v, nv, 0,
	    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST));
	return 1;
}

/* Takes tasks until none is left or one failed (here or in another
 * worker): the next one not taken, or with a stride, those of worker k.
 * Returns 0 if a task failed.  The output does not depend on which
 * worker ran what: files are only compared and moved, in sorted order,
 * at the commit. */
static int
work(const struct pool *p, int k)
{
	size_t	 i = (size_t)k;

	for (;; i += (size_t)p->stride) {
		if (__atomic_load_n(&p->sh->failed, __ATOMIC_SEQ_CST))
			return 0;
		if (p->stride == 0 && !take(p, &i))
			return 1;
		if (i >= p->ntasks)
			return 1;
		out_task(p->od, p->tasks[i].id);
		if (!run_task(p, &p->tasks[i])) {
			__atomic_store_n(&p->sh->failed, 1, __ATOMIC_SEQ_CST);
			return 0;
		}
	}
}

/*
 * The life of worker k (a child process): tasks until none is left, then
 * the list of files it wrote through its pipe wfd.  Never returns.
 */
static void
worker(struct pool *p, int k, pid_t parent, int wfd)
{
	int		 rc;

	out_child(parent);
	if (p->mute)
		diag_mute(1);
	/* A task that reported an error failed, even if it went on: the
	 * same status as with --jobs 1. */
	rc = work_status(work(p, k));
	if (rc != EXIT_OK)
		__atomic_store_n(&p->sh->failed, 1, __ATOMIC_SEQ_CST);
	else if (!out_send(p->od, wfd))
		rc = EXIT_SYSTEM;
	fflush(stderr);
	_exit(rc);
}

/*
 * Starts up to n workers, their pids in pid[] and the read ends of
 * their pipes in fd[].  Returns how many started.
 */
static int
start_workers(struct pool *p, int n, pid_t *pid, int *fd)
{
	pid_t	 parent = getpid();
	int	 pfd[2], k, j;

	/* Nothing buffered may be written twice, by a worker too. */
	fflush(stdout);
	fflush(stderr);
	for (k = 0; k < n; k++) {
		if (pipe(pfd) == -1) {
			diag_sys_msg(MSG_WORKER_START, strerror(errno));
			break;
		}
		if ((pid[k] = fork()) == -1) {
			diag_sys_msg(MSG_WORKER_START, strerror(errno));
			close(pfd[0]);
			close(pfd[1]);
			break;
		}
		if (pid[k] == 0) {
			close(pfd[0]);
			for (j = 0; j < k; j++)
				close(fd[j]);
			worker(p, k, parent, pfd[1]);
		}
		out_worker(pid[k]);
		close(pfd[1]);
		fd[k] = pfd[0];
	}
	return k;
}

/*
 * Waits for the worker pid, whose pipe is fd, and takes its list of
 * files.  Returns its exit status, EXIT_SYSTEM if it died or sent no
 * list (said here: a worker that failed said why; one that died cannot).
 */
static int
reap_worker(struct pool *p, pid_t pid, int fd)
{
	int	 got, st;

	got = out_receive(p->od, fd);
	close(fd);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR) {
			st = -1;	/* cannot be: our own child */
			break;
		}
	out_worker(-pid);
	if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == EXIT_OK && got)
		return EXIT_OK;
	if (st != -1 && WIFSIGNALED(st))
		diag_sys_msg(MSG_WORKER_KILLED, (long)pid, WTERMSIG(st));
	else if (st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) == EXIT_OK)
		diag_sys_msg(MSG_WORKER_LOST, (long)pid);
	__atomic_store_n(&p->sh->failed, 1, __ATOMIC_SEQ_CST);
	if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) != EXIT_OK)
		return WEXITSTATUS(st);
	return EXIT_SYSTEM;
}

/* What a pool's workers share, zeroed, or NULL after diag_sys(). */
static struct shared *
shared_new(void)
{
	struct shared	*sh;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
	    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		diag_sys_msg(MSG_WORKER_SHM, strerror(errno));
		return NULL;
	}
	memset(sh, 0, sizeof(*sh));
	return sh;
}

/*
 * The parent's share of a build: p's tasks, then, if more is not NULL
 * (the early workers' pool, whose one worker takes its tasks from the
 * front), what is left of more's, from the back, into p's folder, muted
 * as that worker is.  A failure stops that worker too.  Returns the exit
 * status.
 */
static int
parent_work(const struct pool *p, const struct pool *more)
{
	struct pool	 q;
	int		 rc;

	if ((rc = work_status(work(p, 0))) != EXIT_OK || more == NULL)
		return rc;
	q = *more;
	q.od = p->od;
	q.back = 1;
	diag_mute(1);
	rc = work_status(work(&q, 0));
	diag_mute(0);
	if (rc != EXIT_OK)
		__atomic_store_n(&more->sh->failed, 1, __ATOMIC_SEQ_CST);
	return rc;
}

/*
 * The tasks in n worker processes, not threads: with threads, a PDF laid
 * out while another thread laid out text came out different bytes
 * (pango 1.50, cairo 1.16: process-wide font and shaping state; the
 * exact race was not pinned down), so the PDF had to run alone.  A
 * worker is a fork of this process with the report loaded and shares
 * nothing but the task counter.  No thread may exist here (none is
 * started before).  Each worker writes into the same temporary folder
 * and, at its end, sends the list of files it wrote and kept through a
 * pipe.  A worker that fails or dies fails the build.  With self, the
 * parent is one of the n: it takes tasks from the back (the shortest,
 * the site's pages first) while the workers take from the front, then
 * what is left of more's (parent_work()).  Returns the exit status: the
 * worst of all.
 */
static int
run_workers(struct pool *p, int n, int self, const struct pool *more)
{
	pid_t		*pid;
	int		*fd, k, started, st, rc = EXIT_OK;

	if ((p->sh = shared_new()) == NULL)
		return EXIT_SYSTEM;
	pid = xcalloc((size_t)n, sizeof(*pid));
	fd = xcalloc((size_t)n, sizeof(*fd));
	if ((started = start_workers(p, n - self, pid, fd)) < n - self) {
		__atomic_store_n(&p->sh->failed, 1, __ATOMIC_SEQ_CST);
		rc = EXIT_SYSTEM;
	} else if (self) {
		p->back = 1;
		rc = parent_work(p, more);
		p->back = 0;
	}
	/* The worst status of all. */
	for (k = 0; k < started; k++)
		if ((st = reap_worker(p, pid[k], fd[k])) > rc)
			rc = st;
	free(fd);
	free(pid);
	munmap(p->sh, sizeof(*p->sh));
	p->sh = NULL;
	return rc;
}

/* The years of the folders of content/editions (four digits, a folder)
 * that the build makes, ascending: those load_editions() takes when the
 * content has no error.  Returns how many; caller frees *years. */
static size_t
early_years(const struct report *r, const struct opts *o, int **years)
{
	struct stat	 st;
	char		*dir, *sub, **names;
	ssize_t		 n, i;
	size_t		 k = 0;
	int		 y;

	dir = xasprintf("%s/editions", r->content);
	if ((n = dir_names(dir, &names)) < 0)
		n = 0;
	*years = xcalloc((size_t)n + 1, sizeof(**years));
	for (i = 0; i < n; i++) {
		sub = xasprintf("%s/%s", dir, names[i]);
		if (strlen(names[i]) == 4 && strspn(names[i],
		    "0123456789") == 4 && lstat(sub, &st) == 0 &&
		    S_ISDIR(st.st_mode) && ((y = atoi(names[i])) == o->year ||
		    o->year == 0))
			(*years)[k++] = y;
		free(sub);
	}
	dir_names_free(names, n);
	free(dir);
	return k;
}

/* report_load_early()'s hook: the early workers started (struct early),
 * if the build is to draw charts and nothing is wrong so far.  The
 * tasks' ids are those plan_tasks() gives (the PDFs first). */
static void
early_start(struct report *r, void *arg)
{
	struct early	*ea = arg;
	const struct opts *o = ea->p.o;
	unsigned	 want = o->formats;
	size_t		 i, ny, npdf;
	int		*years, k, n;

	if (want & FORMAT_HTML)
		want |= FORMAT_SVG;
	if (diag_count(DIAG_ERROR) > 0 || !(want & FORMAT_SVG))
		return;
	if ((ny = early_years(r, o, &years)) == 0 ||
	    (ea->p.sh = shared_new()) == NULL) {
		free(years);
		return;
	}
	if ((ea->p.od = out_open(o)) == NULL) {
		ea->rc = EXIT_SYSTEM;
		free(years);
		return;
	}
	npdf = want & FORMAT_PDF ? ny : 0;
	ea->eds = xcalloc(ny, sizeof(*ea->eds));
	ea->p.tasks = xcalloc(SVG_IND_PARTS * ny, sizeof(*ea->p.tasks));
	for (i = 0; i < ny; i++) {
		ea->eds[i].year = years[i];
		for (k = 0; k < SVG_IND_PARTS; k++)
			ea->p.tasks[ea->p.ntasks++] = (struct task){
			    &ea->eds[i], FORMAT_SVG, (int)(npdf + i), k };
	}
	free(years);
	ea->p.r = r;
	ea->p.mute = 1;
	/* One worker fewer than --jobs: the parent has the editions to
	 * load and check meanwhile. */
	n = o->jobs - 1 < (int)ea->p.ntasks ? o->jobs - 1 :
	    (int)ea->p.ntasks;
	/* Each worker the same parts of every edition's indicators, whose
	 * titles and labels the charts of the next edition find laid out
	 * in its caches (dealt in turn, a worker could get other parts of
	 * the next edition and lay out 7 % more).  One worker takes them
	 * in order, from the front of the list: the parent, once done
	 * with the build's own tasks, takes what is left from the back
	 * (run_workers()). */
	ea->p.stride = n > 1 ? n : 0;
	/* The workers read fontconfig's configuration from this process's
	 * memory, and no thread may run across the fork. */
	font_preload_wait();
	ea->pid = xcalloc((size_t)n, sizeof(*ea->pid));
	ea->fd = xcalloc((size_t)n, sizeof(*ea->fd));
	if ((ea->n = start_workers(&ea->p, n, ea->pid, ea->fd)) < n) {
		__atomic_store_n(&ea->p.sh->failed, 1, __ATOMIC_SEQ_CST);
		ea->rc = EXIT_SYSTEM;
	}
}

/* Did the early workers take the charts' part of stamp task id? */
static int
early_has(const struct early *ea, int id, int part)
{
	size_t	 i;

	for (i = 0; ea != NULL && i < ea->p.ntasks; i++)
		if (ea->p.tasks[i].id == id && ea->p.tasks[i].part == part)
			return 1;
	return 0;
}

/* Are the early tasks the charts of the build's plan (all[nall])?  They
 * are when the content has no error. */
static int
early_fits(const struct early *ea, const struct task *all, size_t nall)
{
	const struct task *t;
	size_t	 i;

	for (i = 0; i < ea->p.ntasks; i++) {
		t = &ea->p.tasks[i];
		if ((size_t)t->id >= nall || all[t->id].f != FORMAT_SVG ||
		    all[t->id].e->year != t->e->year)
			return 0;
	}
	return 1;
}

/* The early workers waited for, their files taken into od, the
 * outdir handed over to the build.  Returns the worst exit status. */
static int
early_reap(struct early *ea, struct outdir *od)
{
	int	 k, st, rc = ea->rc;

	ea->p.od = od;
	for (k = 0; k < ea->n; k++)
		if ((st = reap_worker(&ea->p, ea->pid[k], ea->fd[k])) > rc)
			rc = st;
	ea->p.od = NULL;
	ea->n = 0;
	return rc;
}

/* The early workers stopped, what they wrote dropped, and the rest
 * freed.  The outdir too if it was not handed over (p.od NULL). */
static void
early_end(struct early *ea)
{
	int	 k;

	for (k = 0; k < ea->n; k++)
		kill(ea->pid[k], SIGKILL);
	for (k = 0; k < ea->n; k++) {
		close(ea->fd[k]);
		while (waitpid(ea->pid[k], NULL, 0) == -1 && errno == EINTR)
			continue;
		out_worker(-ea->pid[k]);
	}
	ea->n = 0;
	out_abort(ea->p.od);
	ea->p.od = NULL;
	if (ea->p.sh != NULL)
		munmap(ea->p.sh, sizeof(*ea->p.sh));
	ea->p.sh = NULL;
	free(ea->p.tasks);
	free(ea->eds);
	free(ea->pid);
	free(ea->fd);
	ea->p.tasks = NULL;
	ea->p.ntasks = 0;
	ea->eds = NULL;
	ea->pid = NULL;
	ea->fd = NULL;
}

/* Files of the build, to their tasks (out_each()). */
static void
own_file(void *arg, const char *rel, int task)
{
	struct stamp_task *st = arg;

	if (task < 0)
		return;
	st[task].files = xreallocarray(st[task].files, st[task].nfiles + 1,
	    sizeof(*st[task].files));
	st[task].files[st[task].nfiles++] = xstrdup(rel);
}

/*
 * The tasks the options ask for, in all[] and their stamps in st[]
 * (room for three a edition).  Longest first, so that no worker is left
 * with a PDF to make when the others are done: every PDF, then the
 * charts (the site shows them: HTML implies SVG), then the sites.
 * Returns how many.
 */
static size_t
plan_tasks(const struct report *r, const struct opts *o, struct task *all,
    struct stamp_task *st)
{
	static const enum format order[] = { FORMAT_PDF, FORMAT_SVG,
	    FORMAT_HTML };
	size_t		 i, k, nall = 0;
	unsigned	 want;

	want = o->formats;
	if (want & FORMAT_HTML)
		want |= FORMAT_SVG;
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		for (i = 0; i < r->neds; i++)
			if ((o->year == 0 || r->eds[i].year == o->year) &&
			    (want & order[k])) {
				st[nall].year = r->eds[i].year;
				st[nall].f = order[k];
				all[nall] = (struct task){ &r->eds[i],
				    order[k], (int)nall, 0 };
				nall++;
			}
	return nall;
}

/*
 * The tasks of all[] to run, into p->tasks: a task whose inputs did not
 * change since the last build is not run, its files stay in out/ as
 * they are; nor are the parts of the charts that ea's workers took.
 */
static void
skip_fresh(struct pool *p, const struct task *all, struct stamp_task *st,
    size_t nall, const struct early *ea)
{
	size_t	 k, f;
	int	*fresh, part;

	fresh = xcalloc(nall + 1, sizeof(*fresh));
	stamp_task_hashes(p->r, p->o, st, nall);
	stamp_tasks_fresh(p->o, st, nall, fresh);
	for (k = 0; k < nall; k++) {
		if (!fresh[k]) {
			/* The charts in parts, each a task. */
			for (part = 0; part < (all[k].f == FORMAT_SVG ?
			    SVG_PARTS : 1); part++)
				if (!early_has(ea, (int)k, part)) {
					p->tasks[p->ntasks] = all[k];
					p->tasks[p->ntasks++].part = part;
				}
			continue;
		}
		if (!p->o->quiet)
			fprintf(stderr, "%s: %s %d unchanged\n", PROGNAME,
			    task_name(all[k].f), all[k].e->year);
		for (f = 0; f < st[k].nfiles; f++)
			out_keep(p->od, st[k].files[f], (int)k);
		stamp_task_clear(&st[k]);	/* listed again below */
	}
	free(fresh);
}

/* The build switched into out/ with its stamps (h: of its inputs), or,
 * if it reported an error (rc), dropped: it changes nothing, stamp
 * included.  Returns the exit status. */
static int
finish_build(struct pool *p, struct stamp_task *st, size_t nall,
    uint64_t h, int rc)
{
	if (rc != EXIT_OK) {
		out_abort(p->od);
		return rc;
	}
	out_each(p->od, own_file, st);
	/* Not interrupted between the switch and the records. */
	out_signals(OUTSIG_HOLD);
	stamp_remove(p->o);
	if ((rc = out_commit(p->od)) == EXIT_OK)
		stamp_write(p->o, h, st, nall);
	out_signals(OUTSIG_RELEASE);
	return rc;
}

/* ea: the early workers (NULL: none), whose outdir the build takes if it
 * goes on. */
static int
build(const struct report *r, const struct opts *o, struct early *ea)
{
	struct pool	 p;
	const struct pool *more;
	struct shared	 sh;
	struct task	*all;
	struct stamp_task *st;
	size_t		 k, nall;
	uint64_t	 h;
	int		 n, self, rc, est;

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
	if (ea != NULL && ea->rc != EXIT_OK && ea->p.od == NULL)
		return ea->rc;		/* said why */
	all = xcalloc(r->neds * 3 + 1, sizeof(*all));
	p.tasks = xcalloc(r->neds * (2 + SVG_PARTS) + 1, sizeof(*p.tasks));
	st = xcalloc(r->neds * 3 + 1, sizeof(*st));
	nall = plan_tasks(r, o, all, st);
	if (ea != NULL && ea->p.od != NULL && !early_fits(ea, all, nall))
		early_end(ea);
	if (ea != NULL && ea->p.od != NULL) {
		p.od = ea->p.od;	/* handed over */
		ea->p.od = NULL;
	} else if ((p.od = out_open(o)) == NULL) {
		free(st);
		free(all);
		free(p.tasks);
		return EXIT_SYSTEM;
	} else
		ea = NULL;
	skip_fresh(&p, all, st, nall, ea);
	/* The root pages last: the shortest task, taken by the first
	 * worker done instead of keeping both waiting. */
	if (o->formats & FORMAT_HTML)
		p.tasks[p.ntasks++] = (struct task){ NULL, FORMAT_HTML, -1,
		    0 };
	n = o->jobs < (int)p.ntasks ? o->jobs : (int)p.ntasks;
	/* The early workers' tasks left, for the parent once done. */
	more = ea != NULL && ea->p.stride == 0 ? &ea->p : NULL;
	if (n <= 1) {
		memset(&sh, 0, sizeof(sh));
		p.sh = &sh;
		rc = parent_work(&p, more);
	} else {
		/* After early workers, the charts left are the editions'
		 * own: the parent runs tasks beside n - 1 workers instead of
		 * waiting for n, the site's pages first, which need no fonts
		 * nor caches of their own, then what charts are left.  Not
		 * with PDFs (the first tasks): each is laid out by two
		 * processes (pdf.c), and n side by side keep the cores busy
		 * through each one's serial end. */
		self = ea != NULL && p.tasks[0].f != FORMAT_PDF;
		rc = run_workers(&p, n, self, more);
	}
	if (ea != NULL && (est = early_reap(ea, p.od)) > rc)
		rc = est;
	svg_end();
	rc = finish_build(&p, st, nall, h, rc);
	for (k = 0; k < nall; k++)
		stamp_task_clear(&st[k]);
	free(st);
	free(all);
	free(p.tasks);
	return rc;
}

/* The theme's fonts must exist, and every character of the narratives
 * have a glyph in one of them. */
static void
check_fonts(const struct opts *o, const struct report *r)
{
	if (font_load(o->styles))
		font_check(r);
}

/* One check and build, the steps of main() below, for build --watch
 * (watch.c): libxml2 is set up once for all runs. */
static int
build_once(const struct opts *o)
{
	struct report	*r;
	int		 rc;

	diag_reset();
	stamp_loaded_reset();	/* the stamp hashes what this run reads */
	if ((r = report_load_year(o->content, o->year)) == NULL)
		return EXIT_USAGE;
	xref_resolve(r);
	validate_opts(r, o->draft);
	check_fonts(o, r);
	theme_check(o->styles);
	if ((rc = diag_rc()) == EXIT_OK)
		rc = build(r, o, NULL);
	else
		fprintf(stderr, "%s: %zu error(s): %s left as it was\n",
		    PROGNAME, diag_count(DIAG_ERROR), o->out);
	report_free(r);
	return rc;
}

/* Is url an address the site can be published at: http or https, a
 * host, and nothing that would need escaping in a sitemap, a canonical
 * link or robots.txt? */
static int
base_url_ok(const char *url)
{
	const char	*p;

	if (strncasecmp(url, "https://", 8) == 0)
		p = url + 8;
	else if (strncasecmp(url, "http://", 7) == 0)
		p = url + 7;
	else
		return 0;
	if (*p == '\0' || *p == '/')
		return 0;
	for (; *p != '\0'; p++)
		if ((unsigned char)*p <= 0x20 || *p == 0x7f ||
		    strchr("\"'<>?#\\`{}|^", *p) != NULL)
			return 0;
	return 1;
}

/* What the command line says beyond struct opts. */
struct args {
	enum cmd	 cmd;
	const char	*format;	/* --format as given, or NULL */
	int		 werror;
	int		 styles_given;
	int		 watch;
};

/* The decimal number s, from lo to hi, in *v.  Returns 1, or 0. */
static int
opt_num(const char *s, long lo, long hi, int *v)
{
	char	*end;
	long	 n;

	n = strtol(s, &end, 10);
	if (*end != '\0' || n < lo || n > hi)
		return 0;
	*v = (int)n;
	return 1;
}

static int
help(void)
{
	fputs(usage_text, stdout);
	fputs(help_text, stdout);
	return EXIT_OK;
}

static int
version(void)
{
	printf("%s %s\n", PROGNAME, VERSION);
	return EXIT_OK;
}

/* The options of build, check, tree and diff: one row here and one case
 * in parse_opts() an option. */
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
	{ "force-out",	no_argument,		NULL, 'F' },
	{ "werror",	no_argument,		NULL, 'W' },
	{ "base",	required_argument,	NULL, 'B' },
	{ "diff-base",	required_argument,	NULL, 'B' },
	{ "watch",	no_argument,		NULL, 'w' },
	{ "help",	no_argument,		NULL, 'h' },
	{ "version",	no_argument,		NULL, 'V' },
	{ NULL,		0,			NULL, 0 }
};

/*
 * The options after the command word (argv[0]) into *o and *a.  Returns
 * -1, or the exit status when there is nothing more to do.
 */
static int
parse_opts(int argc, char *argv[], struct opts *o, struct args *a)
{
	int	 ch;

	opterr = 0;
	while ((ch = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			o->content = optarg;
			break;
		case 'o':
			o->out = optarg;
			break;
		case 's':
			o->styles = optarg;
			a->styles_given = 1;
			break;
		case 'y':
			if (!opt_num(optarg, 1000, 9999, &o->year))
				return usage("--year takes a year, such as "
				    "2016");
			break;
		case 'f':
			a->format = optarg;
			break;
		case 'd':
			o->draft = 1;
			break;
		case 'l':
			o->label = optarg;
			break;
		case 'b':
			if (!base_url_ok(optarg))
				return usage("--base-url takes an http:// or "
				    "https:// address with a host, and no "
				    "space, quote, <, >, ?, # or control "
				    "character");
			o->base_url = optarg;
			break;
		case 'j':
			if (!opt_num(optarg, 1, 256, &o->jobs))
				return usage("--jobs takes a number from 1 to "
				    "256");
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'F':
			o->force_out = 1;
			break;
		case 'W':
			a->werror = 1;
			break;
		case 'B':
			o->diff_base = optarg;
			break;
		case 'w':
			a->watch = 1;
			break;
		case 'h':
			return help();
		case 'V':
			return version();
		default:
			fprintf(stderr, "%s: %s: unknown option or missing "
			    "argument\n", PROGNAME, argv[optind - 1]);
			return usage(NULL);
		}
	}
	if (optind < argc)
		return usage("too many arguments");
	return -1;
}

/* The command word: build, check, tree or diff.  Returns 1, or 0. */
static int
parse_cmd(const char *word, enum cmd *cmd)
{
	static const char *const names[] = {
		"build",	/* CMD_BUILD */
		"check",	/* CMD_CHECK */
		"tree",		/* CMD_TREE */
		"diff",		/* CMD_DIFF */
	};
	size_t	 i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(word, names[i]) == 0) {
			*cmd = (enum cmd)i;
			return 1;
		}
	return 0;
}

/* --format read for the command, the diagnostics set up.  Returns -1,
 * or the usage error's exit status. */
static int
set_format(const struct args *a, struct opts *o)
{
	static const char *const dnames[] = { "gcc", "json", "github",
	    "gitlab" };
	static const enum dformat dformats[] = { DFORMAT_GCC, DFORMAT_JSON,
	    DFORMAT_GITHUB, DFORMAT_GITLAB };
	size_t	 i;

	diag_init(DFORMAT_GCC, a->werror);
	if (a->cmd == CMD_CHECK) {
		if (a->format == NULL)
			return -1;
		for (i = 0; i < sizeof(dnames) / sizeof(dnames[0]); i++)
			if (strcmp(a->format, dnames[i]) == 0) {
				diag_init(dformats[i], a->werror);
				return -1;
			}
		return usage("check --format takes gcc, json, github or "
		    "gitlab");
	}
	if (a->cmd == CMD_DIFF) {
		if (a->format != NULL && strcmp(a->format, "text") != 0 &&
		    strcmp(a->format, "markdown") != 0 &&
		    strcmp(a->format, "json") != 0)
			return usage("diff --format takes text, markdown or "
			    "json");
		if (o->diff_base == NULL)
			return usage("diff needs --base DIR");
		return -1;
	}
	if (a->format != NULL && (o->formats = parse_formats(a->format)) == 0)
		return usage("build --format takes a list of html, pdf and "
		    "svg");
	return -1;
}

/* The content loaded and checked, then the command run on it.  Returns
 * the exit status. */
static int
run(const struct args *a, struct opts *o)
{
	struct report	*r;
	struct diff	*dd = NULL;
	struct early	 ea;
	struct buf	 b = { NULL, 0, 0 };
	int		 rc;

	memset(&ea, 0, sizeof(ea));
	ea.p.o = o;
	/* diff --year compares the values of that year in every edition's
	 * terms: everything is loaded. */
	r = report_load_early(o->content, a->cmd == CMD_DIFF ? 0 : o->year,
	    a->cmd == CMD_BUILD && o->jobs > 1 && stamp_runs_all(o) ?
	    early_start : NULL, &ea);
	if (r == NULL)
		return EXIT_USAGE;
	xref_resolve(r);
	validate_opts(r, o->draft);
	if (a->cmd == CMD_BUILD || a->cmd == CMD_CHECK) {
		check_fonts(o, r);
		theme_check(o->styles);
	}
	if ((a->cmd == CMD_BUILD || a->cmd == CMD_CHECK) && o->year != 0 &&
	    report_edition(r, o->year) == NULL &&
	    diag_count(DIAG_ERROR) == 0) {
		early_end(&ea);
		report_free(r);
		fprintf(stderr, "%s: no %d edition in %s/editions\n", PROGNAME,
		    o->year, o->content);
		return EXIT_USAGE;
	}
	rc = diag_rc();
	if (a->cmd == CMD_TREE) {
		tree_dump(&b, r);
		fwrite(b.data, 1, b.len, stdout);
		buf_free(&b);
	} else if (a->cmd == CMD_DIFF && rc == EXIT_OK)
		rc = diff_command(r, o, a->format);
	else if (a->cmd == CMD_DIFF)
		fprintf(stderr, "%s: %zu error(s): no comparison\n", PROGNAME,
		    diag_count(DIAG_ERROR));
	else if (a->cmd == CMD_BUILD && rc == EXIT_OK && o->diff_base != NULL &&
	    (o->diff = dd = diff_open(r, o->diff_base)) == NULL)
		rc = EXIT_USAGE;
	else if (a->cmd == CMD_BUILD && rc == EXIT_OK)
		rc = build(r, o, &ea);
	else if (a->cmd == CMD_BUILD)
		fprintf(stderr, "%s: %zu error(s): nothing written to %s\n",
		    PROGNAME, diag_count(DIAG_ERROR), o->out);
	early_end(&ea);
	diff_free(dd);
	report_free(r);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct opts	 o;
	struct args	 a;
	long		 ncpu;
	int		 rc;

	/* Whatever locale the process has: see cnum.c. */
	cnum_thread();
	memset(&o, 0, sizeof(o));
	memset(&a, 0, sizeof(a));
	o.content = "content";
	o.out = "out";
	o.styles = "styles";
	o.formats = FORMAT_ALL;
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	o.jobs = ncpu > 0 ? (int)ncpu : 1;

	if (argc >= 2 && strcmp(argv[1], "--help") == 0)
		return help();
	if (argc >= 2 && strcmp(argv[1], "--version") == 0)
		return version();
	if (argc < 2)
		return usage("no command");
	/* Commands with options of their own (scaffold.c). */
	if (strcmp(argv[1], "init") == 0)
		return init_main(argc - 1, argv + 1);
	if (strcmp(argv[1], "new-edition") == 0)
		return newed_main(argc - 1, argv + 1);
	if (!parse_cmd(argv[1], &a.cmd)) {
		fprintf(stderr, "%s: unknown command \"%s\"\n", PROGNAME,
		    argv[1]);
		return usage(NULL);
	}
	if ((rc = parse_opts(argc - 1, argv + 1, &o, &a)) != -1)
		return rc;
	/* An installed tool run outside a project uses its own styles. */
	if (!a.styles_given && access(o.styles, F_OK) == -1)
		o.styles = DATADIR "/styles";
	if ((rc = set_format(&a, &o)) != -1)
		return rc;
	if (a.watch && a.cmd != CMD_BUILD)
		return usage("--watch goes with build");

	/* The output folder is checked and locked before anything is read:
	 * a build that would write where it must not does nothing. */
	if (a.cmd == CMD_BUILD) {
		if ((rc = out_prepare(&o)) != EXIT_OK) {
			free(o.real_out);
			return rc;
		}
		out_signals(OUTSIG_CATCH);
	}
	/* Beside the loading of the content, on a core it leaves idle. */
	if (a.cmd == CMD_BUILD || a.cmd == CMD_CHECK)
		font_preload();
	xml_init();
	/* The content's files load on --jobs threads, the way the tasks
	 * run in --jobs processes. */
	load_threads(o.jobs);
	/* build --watch ends on Ctrl-C: the last build's status is not a
	 * failure (watch.c). */
	if (a.watch)
		rc = watch_run(&o, build_once);
	else if ((rc = run(&a, &o)) == EXIT_OK)
		rc = diag_rc();
	font_preload_wait();	/* if the content did not load */
	xml_cleanup();
	diag_finish();
	free(o.real_out);
	/* What went to stdout (tree, JSON diagnostics) must have arrived. */
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "%s: standard output: %s\n", PROGNAME,
		    strerror(errno));
		rc = EXIT_SYSTEM;
	}
	return rc;
}
