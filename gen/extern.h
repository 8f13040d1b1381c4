/*
 * Internal interfaces, grouped by module (file name = prefix).
 * Include "report.h" first.
 */
#ifndef EXTERN_H
#define EXTERN_H

#include <stdarg.h>
#include <stddef.h>

#define PROGNAME	"rapporteur"
#define VERSION		"0.1.0"

/* Exit statuses (DESIGN.md). */
enum {
	EXIT_OK = 0,
	EXIT_CONTENT = 1,	/* the content has errors */
	EXIT_USAGE = 2,
	EXIT_SYSTEM = 3		/* I/O, out of memory */
};

/* Limits on input, each refused with a message when exceeded. */
#define MAX_FILE_SIZE	(8 * 1024 * 1024)	/* [bytes] one content file */
#define MAX_MD_SIZE	(1024 * 1024)		/* [bytes] one Markdown file */
#define MAX_MD_DEPTH	32			/* nesting of lists, quotes */
#define MAX_MD_SPANS	1000			/* inline markup per paragraph */
#define MAX_MD_LINKS	2000			/* links per Markdown file */
#define MAX_MD_BLOCKS	5000			/* blocks per Markdown file */
#define MAX_CODE_LINES	1000			/* lines per code block */
#define MAX_CODE_SIZE	(64 * 1024)		/* [bytes] one code block */
#define MAX_MD_TEXT	(32 * 1024)		/* [bytes] text of a paragraph */
#define MAX_XML_DEPTH	32			/* element nesting */
#define MAX_MEASURES	9999			/* ids m01 to m9999 */
#define MAX_PARTS	50			/* front or back matter */
#define MAX_INDICATORS	64			/* per measure */
#define MAX_VALUES	200			/* per series */
#define MAX_CATEGORIES	24			/* per indicator */
#define MAX_ASSESSMENTS	50			/* per measure */
#define MAX_IMAGE_PIXELS (16 * 1024 * 1024)	/* [px] width * height */

/* ---- util.c: allocation that exits on failure (EXIT_SYSTEM) ---- */

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Caller frees. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* The names in dir, sorted (never in directory order), dot files left
 * out.  Returns their number, or -1 if dir cannot be read (errno set).
 * Caller frees with dir_names_free(). */
#include <sys/types.h>
ssize_t	 dir_names(const char *dir, char ***names);
void	 dir_names_free(char **names, ssize_t n);

/* ---- arena.c: the report's memory, freed at once ---- */

struct arena;
struct arena	*arena_new(void);
void		 arena_free(struct arena *);		/* NULL is fine */
/* Zeroed, aligned for any type; lives until arena_free(). */
void		*arena_alloc(struct arena *, size_t);
void		*arena_array(struct arena *, size_t n, size_t size);
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
/* Grow *arr (holding *n of *cap elements) so one more fits; old storage
 * is left to the arena. */
void		 arena_grow(struct arena *, void **arr, size_t *cap,
		    size_t n, size_t size);
#define ARENA_PUSH(ar, arr, n, cap) \
	(arena_grow((ar), (void **)&(arr), &(cap), (n), sizeof(*(arr))), \
	 &(arr)[(n)++])

/* ---- buf.c: growable byte buffer; the pointer to a buf never moves ---- */

struct buf {
	char	*data;		/* NUL-terminated when len > 0 */
	size_t	 len;
	size_t	 cap;
};
void	 buf_put(struct buf *, const void *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
/* Hands data over (caller frees; never NULL) and empties the buffer. */
char	*buf_detach(struct buf *);
void	 buf_reset(struct buf *);
void	 buf_free(struct buf *);		/* frees data, not the struct */
/* lit must be a string literal (the "" refuses anything else). */
#define BUF_PUTSL(b, lit) buf_put((b), "" lit, sizeof(lit) - 1)

/* ---- diag.c: the one diagnostics path ---- */

enum dlevel {
	DIAG_WARNING,
	DIAG_ERROR,
	DIAG__MAX
};

enum dformat {
	DFORMAT_GCC,	/* path:line:col: level: message, on stderr */
	DFORMAT_JSON	/* an array on stdout, at diag_finish() */
};

struct pos;

struct diag {
	enum dlevel	 level;
	char		*file;		/* or NULL */
	int		 line, col;
	char		*msg;
};

void	 diag_init(enum dformat, int werror);
/* Report a problem in the input at pos (NULL: no position). */
void	 diag(enum dlevel, const struct pos *, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 vdiag(enum dlevel, const struct pos *, const char *, va_list);
/* Report a system error (I/O): printed as "rapporteur: message". */
void	 diag_sys(const char *, ...) __attribute__((format(printf, 1, 2)));
size_t	 diag_count(enum dlevel);
/* All diagnostics so far, in the order reported (owned by diag.c). */
const struct diag *diag_list(size_t *);
/* Prints the JSON array if asked; frees everything. */
void	 diag_finish(void);
/* The exit status that the diagnostics so far call for. */
int	 diag_rc(void);

/* ---- typo.c: French typography and locale-free numbers ---- */

/* State carried across the text runs of one paragraph. */
struct typo {
	int	 quote;		/* inside a «  » opened by a straight quote */
	int	 prev;		/* last code point written, 0 at start */
};
/* French typography of prose: « » for straight double quotes, ’ for
 * straight apostrophes, U+202F before ; ! ? and inside « », U+00A0 before :,
 * … for "...".  Appends to out. */
void	 typo_fr(struct typo *, struct buf *out, const char *in);
/* Convenience for one standalone string; result in the arena. */
struct arena;
const char *typo_str(struct arena *, const char *);

/* Number formatting, identical in every output.  U+202F groups thousands,
 * the decimal separator is a comma, minus is U+2212.  decimals < 0 means
 * "as needed": no decimals for integers, else up to 2, trailing zeros
 * dropped.  Writes into buf (NUL-terminated, truncated to size). */
void	 fmt_num(char *buf, size_t size, double v, int decimals);
/* A value with its unit: "12,5 %", "4,98 M€", "205 k€", "1 118" (other
 * units are not appended: tables and axes name them). */
void	 fmt_value(char *buf, size_t size, double v, const char *unit);
/* Number for machine formats (CSV, SVG coordinates): C locale, shortest
 * form that reads back, no exponent for ordinary magnitudes. */
void	 fmt_plain(char *buf, size_t size, double v);
/* "14 mai 2014" from "2014-05-14". */
void	 fmt_date(char *buf, size_t size, const char *iso);

/* ---- html_esc.c: HTML escaping, appended to b (NULL s: nothing) ---- */

/* Text content: & < >. */
void	 html_esc_text(struct buf *b, const char *s);
/* A double-quoted attribute value: & < > " '. */
void	 html_esc_attr(struct buf *b, const char *s);
/* A link address in an attribute: percent-encodes spaces, controls and
 * non-ASCII bytes, escapes & and '.  Does not judge the scheme. */
void	 html_esc_href(struct buf *b, const char *s);

/* ---- load.c, xml.c, md.c: content folder -> report ---- */

struct report;
/* Loads content/ into a new report.  Problems are reported through diag();
 * returns NULL only when nothing usable could be read (the content folder
 * is missing).  Caller frees with report_free(). */
struct report	*report_load(const char *content);
void		 report_free(struct report *);

/* Reads a whole file, refusing more than MAX_FILE_SIZE bytes and anything
 * that is not a regular file.  Returns 1 and fills b, or 0 after a
 * diagnostic at pos (which names the file). */
int	 file_read(const char *path, struct buf *b);
/* stamp.c: remembers the hash of the bytes read from path by a loader,
 * so that the build's stamp records what was loaded, not what a second
 * read would find. */
void	 stamp_loaded(const char *path, const void *data, size_t len);

/* Does path (an existing file) resolve, symbolic links followed, to a
 * place inside the report's content folder? */
int	 load_inside(const struct report *, const char *path);

/* xml.c: the only file that includes libxml2. */
struct plan;
struct edition;
struct measure;
void	 xml_init(void);
void	 xml_cleanup(void);
int	 xml_load_plan(struct report *, const char *path);
int	 xml_load_indicators(struct report *, struct measure *,
	    const char *path);
int	 xml_load_edition(struct report *, struct edition *, const char *path);

/* md.c: the only file that includes cmark.  Parses the file at path into
 * doc (arena-owned).  Images are resolved relative to the file and must
 * stay inside the report's content folder.  Returns 0 on error. */
struct doc;
int	 md_load(struct report *, struct doc *, const char *path);

/* ---- report.c: lookups shared by backends ---- */

const struct assessment *report_assessment(const struct measure *, int year);
/* The value of a series for a year, or NULL. */
struct series;
const struct value *series_at(const struct series *, int year);
/* The latest value of a series at or before year, or NULL. */
const struct value *series_last(const struct series *, int year);
/* Has any series of the indicator a value at or before year? */
struct indicator;
int	 indicator_has_data(const struct indicator *, int year);
const struct edition *report_edition(const struct report *, int year);
/* How status b (this edition) compares with a (the one before): 1 better,
 * -1 worse, 0 the same; 2 when either is "not assessed" and they differ. */
enum status;
int	 status_compare(enum status a, enum status b);

/* ---- validate.c: semantic checks across files ---- */

void	 validate(const struct report *);

/* ---- tree.c: a plain-text dump of the model, for tests ---- */

void	 tree_dump(struct buf *, const struct report *);

#endif /* EXTERN_H */
