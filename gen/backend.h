/*
 * Build options and the output backends.  Each backend reads the report
 * (never changes it, never reports input problems) and writes its files
 * through an outdir, so a failed build leaves out/ as it was.
 * Include "report.h" and "extern.h" first.
 */
#ifndef BACKEND_H
#define BACKEND_H

enum format {
	FORMAT_HTML = 1 << 0,
	FORMAT_PDF = 1 << 1,
	FORMAT_SVG = 1 << 2,
	FORMAT_ALL = FORMAT_HTML | FORMAT_PDF | FORMAT_SVG
};

struct opts {
	const char	*content;	/* content folder */
	const char	*out;		/* output folder */
	const char	*styles;	/* styles folder */
	int		 year;		/* 0: every edition */
	unsigned	 formats;	/* FORMAT_* bits */
	int		 draft;		/* watermark every edition */
	const char	*label;		/* build stamp, or NULL */
	const char	*base_url;	/* for canonical links, or NULL */
	int		 jobs;		/* worker processes, >= 1 */
	int		 quiet;		/* no progress on stderr */
	const char	*diff_base;	/* base content folder, or NULL */
	const struct diff *diff;	/* its comparison (diff.c), or NULL */
	int		 force_out;	/* take a folder not recorded as ours */
	char		*real_out;	/* out, resolved (out_prepare) */
};

/* ---- out.c: the output folder, written whole, only what is ours ---- */

struct outdir;
/* Before anything is loaded: refuses (EXIT_USAGE, after a message) an
 * empty --out, "/", a folder that is, holds or lies inside the content or
 * the styles folder, and a non-empty folder with no manifest of ours
 * (unless force_out); sets real_out (the real folder: a symbolic link
 * followed; caller frees) and takes the lock beside it, held until the
 * process ends.  Returns EXIT_OK, EXIT_USAGE or EXIT_SYSTEM. */
int		 out_prepare(struct opts *);
/* ".<name>.<ext>" beside the real folder (the stamp, the task records,
 * the manifest, the lock).  Caller frees. */
char		*out_record(const char *real, const char *ext);
/* "dir/name", as xasprintf("%s/%s") but with no format to read: a build
 * makes thousands.  Caller frees. */
char		*out_join(const char *dir, const char *name);
/* Starts a build: files go to a fresh temporary folder beside the real
 * output folder.  Returns NULL after diag_sys(). */
struct outdir	*out_open(const struct opts *);
/* Writes rel (a path inside out, '/'-separated) with data.  Returns 0
 * after diag_sys().  Thread-safe. */
int		 out_write(struct outdir *, const char *rel, const void *,
		    size_t);
/* The temporary path where rel is to be written by a library that opens
 * files itself (cairo); parent folders are created.  Caller frees.
 * Thread-safe. */
char		*out_path(struct outdir *, const char *rel);
/* Completes the new tree (files kept as they were and files not ours are
 * linked in), switches it with the old one in one step, removes the old
 * one, and records the new tree's files.  Files the last build recorded,
 * within this build's scope (every file, or those of --year), that it
 * did not make again are the only ones removed, and are listed on
 * stderr.  Frees o.  Returns EXIT_OK; EXIT_USAGE if a file not ours is
 * in the way (without force_out); EXIT_SYSTEM after diag_sys(). */
int		 out_commit(struct outdir *);
/* For a build in worker processes: a worker sends the files it wrote
 * and kept to fd, the parent adds them to its own outdir.  Return 0 on
 * failure (out_receive: a list cut short, a worker that died). */
int		 out_send(struct outdir *, int fd);
int		 out_receive(struct outdir *, int fd);
/* Files are told apart by the task (a number, -1 for none) that made
 * them: out_task() sets it for what this process writes next; out_keep()
 * keeps rel in out as it is, a file of a task that was skipped;
 * out_each() calls fn on every file written or kept, before the
 * commit. */
void		 out_task(struct outdir *, int task);
void		 out_keep(struct outdir *, const char *rel, int task);
void		 out_each(struct outdir *, void (*fn)(void *, const char *,
		    int), void *);
/* Removes the temporary folder; out is left as it was.  Frees o. */
void		 out_abort(struct outdir *);
/* SIGINT and SIGTERM: OUTSIG_CATCH makes them stop the workers, remove
 * the temporary folder and end the process; OUTSIG_HOLD and
 * OUTSIG_RELEASE put them off over the commit; OUTSIG_DEFAULT (in a
 * worker) restores the default action. */
enum outsig {
	OUTSIG_CATCH,
	OUTSIG_DEFAULT,
	OUTSIG_HOLD,
	OUTSIG_RELEASE
};
void		 out_signals(enum outsig);
/* A worker started (pid), or ended (-pid): stopped by the handler. */
void		 out_worker(pid_t);
/* The start of a process forked by parent (a worker, a PDF's second
 * half): default signals, killed with its parent, stderr by lines. */
void		 out_child(pid_t);

/* ---- backends: each writes one kind of output for one edition ---- */

/* html.c: the site of the edition, under <year>/. */
int	 html_edition(const struct report *, const struct edition *,
	    const struct opts *, struct outdir *);
/* html.c: <year>/name, a page of the edition's site whose main content
 * body (HTML, written by the caller, len bytes) is set in the site's
 * layout with the given title.  For pages made elsewhere (review.c). */
int	 html_page(const struct report *, const struct edition *,
	    const struct opts *, struct outdir *, const char *name,
	    const char *title, const char *body, size_t len);
/* html.c: out/index.html, the list of editions. */
int	 html_index(const struct report *, const struct opts *,
	    struct outdir *);
/* html.c: the site's file names within an edition folder
 * ("mesure-07.html", "priorite-2.html"), and the public address of rel
 * from --base-url (caller frees). */
void	 measure_file(char *buf, size_t sz, const struct measure *);
void	 priority_file(char *buf, size_t sz, const struct priority *);
char	*public_url(const struct opts *, const char *rel);
/* csv.c: <year>/data/indicateurs-<year>{,-tableur}.csv.  The number of
 * data rows in *nrows, each file's size in sizes[2] (standard, then the
 * spreadsheet's copy).  The columns, for the data page: csv_cols[]. */
struct csv_col {
	const char	*name;
	const char	*what;		/* what it holds, a sentence */
	const char	*what_other;	/* the same, for measures named
					 * otherwise than the default,
					 * with no agreement; or NULL */
};
extern const struct csv_col csv_cols[];
extern const size_t csv_ncols;
int	 csv_write(const struct report *, const struct edition *,
	    struct outdir *, size_t *nrows, size_t *sizes);
/* favicon.c: favicon.svg, favicon.png and apple-touch-icon.png in dir
 * ("2016/assets" or "assets").  Returns 0 after diag_sys() on failure. */
int	 favicon_write(struct outdir *, const char *dir);
/* sitemap.c: out/sitemap.xml (with --base-url only). */
int	 sitemap_write(const struct report *, const struct opts *,
	    struct outdir *);
/* pdf.c: <year>/rapport-<year>.pdf */
int	 pdf_edition(const struct report *, const struct edition *,
	    const struct opts *, struct outdir *);
/* svg.c: <year>/charts/<chart>.svg and <year>/synthese-<year>.svg, in
 * SVG_PARTS parts that processes may draw at once: the indicators'
 * charts in SVG_IND_PARTS parts of about as many indicators each (parts
 * 0 to SVG_IND_PARTS - 1, in the plan's order), then the edition's own
 * charts and its social card (the last part).  Parts that small let a
 * process done early take what another has not begun (main.c). */
#define SVG_IND_PARTS	8
#define SVG_PARTS	(SVG_IND_PARTS + 1)
int	 svg_edition(const struct report *, const struct edition *,
	    const struct opts *, struct outdir *, int part);
/* What svg_edition() keeps from one task to the next, dropped: at the
 * end of a build (build --watch builds again, its theme may change). */
void	 svg_end(void);

/* pdfpost.c: what cairo 1.16 cannot write into a PDF, added in place to
 * the file at path: /Lang, DisplayDocTitle, XMP metadata with a PDF/UA
 * identifier, dates in PDF form, a /ID derived from the content, and
 * /Alt on each Figure structure element and /Lang on spans in another
 * language (cairo 1.16 cannot write them), the elements that hold
 * elements (pdf.c hands cairo only the leaves: each costs cairo the
 * same, and most of it at every page).
 * Returns 0 after diag_sys(). */

/* An element of the structure tree, as pdf.c began it. */
struct pdfnode {
	char		 tag[16];	/* its type ("P", "TR") */
	size_t		 parent;	/* 1 + index of its parent, 0: the
					 * root */
	int		 cairo;		/* a leaf handed to cairo; else
					 * written by pdfpost() */
};

struct pdfmeta {
	const char	*title;
	const char	*subject;	/* or NULL */
	const char	*keywords;	/* or NULL */
	const char *const *authors;
	size_t		 nauthors;
	const char	*lang;		/* "fr-FR" */
	const char	*date;		/* YYYY-MM-DD */
	const char	**alts;		/* alternative text of each Figure
					 * structure element, in order */
	size_t		 nalts;
	const struct pdfnode *nodes;	/* every element, in the order
					 * they were begun; none: cairo's
					 * tree is the tree */
	size_t		 nnodes;
	const char *const *links;	/* pairs (destination, title): the
					 * /Contents of links to it */
	size_t		 nlinks;	/* strings in links */
	const size_t	*spans;		/* elements handed to cairo (numbered
					 * in the order cairo began them) of
					 * spans in another language, */
	const char *const *spanlangs;	/* and the /Lang of each */
	size_t		 nspans;
	int		 helper;	/* a second thread may compress
					 * (--jobs 2 or more) */
	int		 untagged;	/* drawn without structure (pdf.c's
					 * PDF_UNTAGGED, for measuring only):
					 * page content left as it is, but
					 * for the mark (pdfpost_mark()) */
};
int	 pdfpost(const char *path, const struct pdfmeta *);
/* The same over the file at path with the file at half appended: an
 * edition cut in two (pdf.c), m describing both halves in order; path
 * then holds the whole document. */
int	 pdfpost_halves(const char *path, const char *half,
	    const struct pdfmeta *m);
/* pdfpost.c: the mark drawn first on every page (see pdfpost.c; pdf.c
 * draws it, pdfpost() takes it out), alpha that of the first colour the
 * page is then drawn with. */
struct _cairo;
void	 pdfpost_mark(struct _cairo *, double alpha);

/* stamp.c: a build whose inputs (content, styles, options, the tool
 * itself) did not change since the last one is skipped.  The stamp is a
 * file beside the output folder (".out.stamp" for "out"). */
#include <stdint.h>
uint64_t stamp_inputs(const struct opts *);
/* Does out/ hold the complete build of inputs h? */
int	 stamp_fresh(const struct opts *, uint64_t h);
struct stamp_task;
/* After a commit: remembers h and the files now in out/, then each task's
 * hash and files, from one listing of out/ (best effort). */
void	 stamp_write(const struct opts *, uint64_t h, struct stamp_task *,
	    size_t);
/* Before out/ changes (the task records too). */
void	 stamp_remove(const struct opts *);
/* Does a build run every task: neither a stamp nor task records beside
 * out/, or no out/ (removed since the last build)? */
int	 stamp_runs_all(const struct opts *);
/* One task of a build (one format of one edition), skipped when what it
 * reads did not change (".out.tasks" beside the stamp). */
struct stamp_task {
	int		 year;
	enum format	 f;		/* FORMAT_PDF, FORMAT_SVG or FORMAT_HTML */
	uint64_t	 hash;		/* of what it reads */
	char		**files;	/* what it left in out/, relative */
	size_t		 nfiles;
};
/* Sets the hash of each task (year and f set). */
void	 stamp_task_hashes(const struct report *, const struct opts *,
	    struct stamp_task *, size_t);
/* fresh[i] = 1 if the last build ran task i with the same hash and out/
 * still holds each of its files as that build left them (size, mtime, ctime);
 * its files are then listed. */
void	 stamp_tasks_fresh(const struct opts *, struct stamp_task *, size_t,
	    int *fresh);
/* Frees the list of files. */
void	 stamp_task_clear(struct stamp_task *);

/* review.c: <year>/revue.json and <year>/revue.html, what a reviewer of a
 * draft should look at.  Written for draft editions and --draft builds
 * only: a final site does not publish its review. */
int	 review_edition(const struct report *, const struct edition *,
	    const struct opts *, struct outdir *);

/* diff.c: what a change of the content does to the report, against the
 * content folder of a base (the main branch's): statuses and
 * justifications, values, indicators, measures, editions, parts, and
 * narratives (words, paragraphs, headings). */
struct diff;
/* Loads the content folder base, its problems counted apart (never
 * printed, never failing the build: see diag_mute()), and compares r
 * with it.  Returns NULL if base is not a content folder (after a
 * message).  Caller frees with diff_free(). */
struct diff *diff_open(const struct report *r, const char *base);
void	 diff_free(struct diff *);		/* NULL is fine */
/* The diff command: prints the comparison of r with o->diff_base to
 * stdout as "text", "markdown" or "json" (format), for every edition or
 * for o->year.  Returns the exit status. */
int	 diff_command(const struct report *r, const struct opts *o,
	    const char *format);
/* For the review page of an edition: the changes that concern it, as an
 * HTML section, and as the members of a JSON array. */
void	 diff_html(struct buf *, const struct diff *, int year);
void	 diff_json_changes(struct buf *, const struct diff *, int year);
/* ---- watch.c: build --watch ---- */

/* Runs once(o), then again after every change under o->content and
 * o->styles, until SIGINT or SIGTERM; a build under way is finished
 * first.  Returns the exit status. */
int	 watch_run(const struct opts *, int (*once)(const struct opts *));

#endif /* BACKEND_H */
