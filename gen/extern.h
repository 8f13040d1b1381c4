/*
 * Internal interfaces, grouped by module (file name = prefix).
 * Include "report.h" first.
 */
#ifndef EXTERN_H
#define EXTERN_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

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
#define MAX_MARKS	30			/* combining marks in a row */
#define MAX_XML_DEPTH	32			/* element nesting */
#define MAX_MEASURES	9999			/* ids m01 to m9999 */
#define MAX_EXPOST	10	/* an edition up to 10 years after the plan */
#define MAX_PARTS	50			/* front or back matter */
#define MAX_INDICATORS	64			/* per measure */
#define MAX_VALUES	200			/* per series */
#define MAX_CATEGORIES	24			/* per indicator */
#define MAX_ASSESSMENTS	50			/* per measure */
#define MAX_IMAGE_PIXELS (16 * 1024 * 1024)	/* [px] width * height */
#define MAX_IMAGE_SIDE	32767			/* [px] cairo's image surfaces */
#define MAX_EDITION_IMAGE_BYTES (32 * 1024 * 1024) /* [bytes] distinct images
						 * of one edition */
#define MAX_EDITION_IMAGE_PIXELS (32 * 1024 * 1024) /* [px] the same */

/* ---- util.c: allocation that exits on failure (EXIT_SYSTEM) ---- */

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* Caller frees. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
/* Data as a zlib stream (libdeflate's fastest level) of *zn bytes, or
 * NULL if it cannot be made.  Caller frees. */
unsigned char	*zlib_fast(const void *, size_t, size_t *zn);

/* The names in dir, sorted (never in directory order), dot files left
 * out.  Returns their number, or -1 if dir cannot be read (errno set).
 * Caller frees with dir_names_free(). */
#include <sys/types.h>
ssize_t	 dir_names(const char *dir, char ***names);
void	 dir_names_free(char **names, ssize_t n);

/* ---- utf8.c: the UTF-8 decoder; messages and JSON never cut or pass on
 * a broken character ---- */

#define UTF8_BAD	0xffffffffu	/* not a well-formed sequence */
/* The code point of the well-formed UTF-8 sequence that starts the len
 * bytes at s, its length in *n.  Bytes that start none (a stray
 * continuation byte, an overlong form, a surrogate, a value past
 * U+10FFFF, a sequence cut short) give UTF8_BAD, *n being the length of
 * the ill-formed part to replace by one U+FFFD (Unicode's "maximal
 * subpart": a lead byte and the continuation bytes it could take, at
 * least 1); len 0 gives UTF8_BAD with *n = 0. */
unsigned utf8_get(const char *s, size_t len, size_t *n);
/* Bytes of the UTF-8 character at s (n bytes at most left): 1 to 4, or
 * 0 if it is not one (a stray or cut byte, overlong, a surrogate, past
 * U+10FFFF). */
size_t	 utf8_len(const char *s, size_t n);
/* Bytes of the longest prefix of s, max at most, that does not end
 * inside a character: quote content with "%.*s", utf8_cut(s, 40), s. */
int	 utf8_cut(const char *s, size_t max);
/* Is the code point, has the string a letter of a right-to-left script
 * (Arabic, Hebrew…)? */
int	 utf8_is_rtl(unsigned c);
int	 utf8_has_rtl(const char *s);

/* ---- cnum.c: numbers in the C locale, whatever the process's ---- */

/* Puts the calling thread in the C locale for good (uselocale()), so
 * that the libraries' own conversions follow it too: cairo 1.16 reads
 * the numbers of tag attributes (link rectangles) with sscanf(). */
void	 cnum_thread(void);
/* snprintf() with a decimal point and no grouping even when the process
 * called setlocale(): for "%.*e", "%.15g", "%.*f" and their kind. */
int	 cnum_snprintf(char *, size_t, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* strtod() reading a decimal point whatever the locale; errno as
 * strtod() sets it. */
double	 cnum_strtod(const char *, char **end);
/* The decimal integer s (an optional '-' then ASCII digits, nothing
 * else: no space, sign '+' or base prefix) into *v.  Returns 0, leaving
 * *v alone, if s is not such a number or lies outside [min, max]. */
int	 cnum_int(const char *s, long long min, long long max, long long *v);

/* ---- printf_fast.c: glibc's vsnprintf(), made faster ----
 * glibc's output, byte for byte, the formats cairo writes its PDFs with
 * and the tool's most common ones done without glibc.  gen/snprintf.c
 * makes it the process's snprintf() and __snprintf_chk() (what cairo,
 * built with _FORTIFY_SOURCE, calls).  RAPPORTEUR_PRINTF=glibc (tests
 * only) sends every call to glibc. */

/* vsnprintf(). */
int	 printf_fast_vsnprintf(char *, size_t, const char *, va_list)
	    __attribute__((format(printf, 3, 0)));
/* __vsnprintf_chk(), glibc's fortified vsnprintf(). */
int	 printf_fast_vsnprintf_chk(char *, size_t, int, size_t, const char *,
	    va_list) __attribute__((format(printf, 5, 0)));
/* The calls the calling thread had done without glibc. */
unsigned long	 printf_fast_hits(void);

/* ---- arena.c: the report's memory, freed at once ---- */

struct arena;
struct arena	*arena_new(void);
void		 arena_free(struct arena *);		/* NULL is fine */
/* Zeroed, aligned for any type; lives until arena_free(). */
void		*arena_alloc(struct arena *, size_t);
void		*arena_array(struct arena *, size_t n, size_t size);
char		*arena_strdup(struct arena *, const char *);
char		*arena_strndup(struct arena *, const char *, size_t);
/* Hands what the second arena holds over to the first, and frees the
 * second: what a loading thread built lives as long as the report. */
void		 arena_adopt(struct arena *, struct arena *);
/* Grow *arr (holding *n of *cap elements) so one more fits; old storage
 * is left to the arena. */
void		 arena_grow(struct arena *, void **arr, size_t *cap,
		    size_t n, size_t size);
#define ARENA_PUSH(ar, arr, n, cap) \
	(arena_grow((ar), (void **)&(arr), &(cap), (n), sizeof(*(arr))), \
	 &(arr)[(n)++])

/* ---- image.c: PNG, JPEG and SVG images of the narratives ---- */

enum image_err {
	IMAGE_OK,
	IMAGE_UNREADABLE,	/* not a regular file, or a read error */
	IMAGE_NOT_KIND,		/* not of the kind its name says */
	IMAGE_OTHER_KIND,	/* the bytes of another kind: ii->found */
	IMAGE_TOO_MANY_PIXELS,	/* past MAX_IMAGE_PIXELS */
	IMAGE_TOO_WIDE,		/* a side past MAX_IMAGE_SIDE */
	IMAGE_BROKEN,		/* the image data cannot be decoded */
	IMAGE_TRUNCATED,	/* a JPEG that ends before its end marker */
	IMAGE_UNSUPPORTED,	/* a JPEG not baseline or progressive 8-bit */
	IMAGE_SVG_REFUSED	/* refused by svgdraw_load(): ii->svgerr */
};

struct image_info {
	int		 w, h;		/* [px], from the header (an SVG's
					 * intrinsic size, rounded up) */
	size_t		 bytes;		/* [bytes] of the file */
	char		 hash[17];	/* the first 64 bits of the SHA-256
					 * of its bytes, in hex */
	enum img_kind	 found;		/* IMAGE_OTHER_KIND: what it is */
	int		 svgerr;	/* IMAGE_SVG_REFUSED: an enum
					 * svgdraw_err */
};

/* The kind of image a file name says (".png", ".jpg", ".jpeg", ".svg",
 * any case), or IMG__MAX. */
enum img_kind	 image_kind(const char *name);
/* "PNG", "JPEG", "SVG". */
const char	*image_kind_name(enum img_kind);
/* Reads the file at path whole and checks it is an image of that kind
 * as the PDF will draw it (a PNG decoded by cairo, a JPEG's markers
 * walked to its end, an SVG loaded and drawn by svgdraw.c); fills *ii
 * (w and h as soon as the header is read).  Each path is probed once
 * per process. */
enum image_err	 image_probe(const char *path, enum img_kind,
		    struct image_info *ii);
/* The PNG in data[0..len) decoded by cairo (data is not kept): the
 * caller destroys the surface, whose status tells a failure. */
struct _cairo_surface *image_png_surface(const void *data, size_t len);

/* ---- buf.c: growable byte buffer; the pointer to a buf never moves ---- */

struct buf {
	char	*data;		/* NUL-terminated when len > 0 */
	size_t	 len;
	size_t	 cap;
};
/* Room for more bytes and the NUL after them, allocated now. */
void	 buf_reserve(struct buf *, size_t more);
void	 buf_put_grow(struct buf *, const void *, size_t);
/* n bytes of p appended (buf_putc(): one), inline where they fit (a
 * million calls a build, most of a few bytes), else through
 * buf_put_grow(). */
static inline void
buf_put(struct buf *b, const void *p, size_t n)
{
	if (n < b->cap - b->len) {
		if (n > 0)	/* p may be NULL then */
			memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
	} else
		buf_put_grow(b, p, n);
}
static inline void
buf_putc(struct buf *b, int c)
{
	char	 ch = (char)c;

	if (b->cap - b->len > 1) {
		b->data[b->len++] = ch;
		b->data[b->len] = '\0';
	} else
		buf_put_grow(b, &ch, 1);
}
void	 buf_puts(struct buf *, const char *);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
/* n in decimal, at least width digits (zeros before), appended without
 * a format string (printf's %0*lld, %0*llu): for the numbers written by
 * the thousand (pages, the stamp's file list). */
void	 buf_dec(struct buf *, long long n, int width);
void	 buf_udec(struct buf *, unsigned long long n, int width);
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
	DFORMAT_JSON,	/* an array on stdout, at diag_finish() */
	DFORMAT_GITHUB,	/* GitHub workflow commands on stdout (forge.c) */
	DFORMAT_GITLAB	/* GitLab Code Quality JSON on stdout (forge.c) */
};

struct pos;

struct diag {
	enum dlevel	 level;
	char		*file;		/* or NULL */
	int		 line, col;
	char		*msg;
	int		 id;		/* enum msgid (msg.h) */
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
/* While muted (1), problems are neither printed, kept nor counted in
 * diag_count() and diag_rc(): they are counted apart, in diag_muted().
 * For content that is read but not under review: the base of a
 * comparison, the editions a --year build does not cover.  System errors
 * are never muted. */
void	 diag_mute(int);
size_t	 diag_muted(enum dlevel);
/* Diagnostics held back, in the order they were made, for content
 * loaded on several threads: each file's are told in the order of the
 * files, whichever thread loaded it.  diag_hold() sends the calling
 * thread's to the log (NULL: told at once again); diag_replay() tells
 * a log's as if they were made now, and frees it.  Muting applies when
 * they are made. */
struct dlog;
struct dlog	*diag_log(void);
void	 diag_hold(struct dlog *);
void	 diag_replay(struct dlog *);

/* ---- forge.c: diagnostics in the formats forges read ---- */

/* Prints the n diagnostics d to f as GitHub workflow commands
 * (DFORMAT_GITHUB) or as a GitLab Code Quality report (DFORMAT_GITLAB). */
#include <stdio.h>
void	 forge_print(FILE *, enum dformat, const struct diag *, size_t n);

/* Forgets every diagnostic so far (build --watch: one run after another). */
void	 diag_reset(void);

/* ---- typo.c: French typography and locale-free numbers ---- */

/* State carried across the text runs of one paragraph. */
struct typo {
	int	 quote;		/* inside a «  » opened by a straight quote */
	int	 prev;		/* last code point written, 0 at start */
	int	 lang;		/* 0: the content's language; else an enum
				   lang + 1, or -1 for a language with no
				   typography here (as written) */
};
/* French typography of prose: « » for straight double quotes, ’ for
 * straight apostrophes, U+202F before ; ! ? and inside « », U+00A0 before :,
 * … for "...".  Appends to out. */
void	 typo_fr(struct typo *, struct buf *out, const char *in);
/* typo_fr() for French text (t->lang, or the content's language when
 * t->lang is 0), the text as written in another language. */
void	 typo_text(struct typo *, struct buf *out, const char *in);
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
/* Does the unit go with the number ("12 %", "3 k€"): % or a currency
 * (€, £, $, CHF)?  fmt_with_unit() writes num, then its scale ("", "k",
 * "M"), with the unit where the language puts it. */
int	 fmt_unit_inline(const char *unit);
void	 fmt_with_unit(char *buf, size_t size, const char *num,
	    const char *scale, const char *unit);
/* The divisor of the values on a chart's axis whose largest magnitude
 * is amax, and the words that name them there: a currency scales as
 * fmt_value() scales it ("millions d’euros", 1e6); other units are not
 * divided, their words are the unit itself.  *words is static. */
double	 fmt_axis_unit(const char *unit, double amax, const char **words);
/* "14 mai 2014" from "2014-05-14". */
void	 fmt_date(char *buf, size_t size, const char *iso);

/* ---- html_esc.c: HTML escaping, appended to b (NULL s: nothing) ---- */

/* Text content: & < >. */
void	 html_esc_text(struct buf *b, const char *s);
/* A double-quoted attribute value: & < > " '. */
void	 html_esc_attr(struct buf *b, const char *s);
/* XML text or a double-quoted attribute value outside HTML (SVG): & < >
 * " escaped, tab and ends of line as spaces, other controls dropped. */
void	 html_esc_xml(struct buf *b, const char *s);
/* A link address in an attribute: percent-encodes spaces, controls and
 * non-ASCII bytes, escapes & and '.  Does not judge the scheme. */
void	 html_esc_href(struct buf *b, const char *s);
/* A list item naming a place, as the review page and the comparison
 * write it: "<li><code>file:line</code> text</li>" (no code without a
 * file, no line if 0). */
void	 html_esc_place_item(struct buf *b, const char *file, int line,
	    const char *text);
/* ---- file.c: whole-file reading ---- */

/* Why file_get() failed. */
enum file_why {
	FILE_SYS,		/* err: errno of open() or read() */
	FILE_NOT_REGULAR,	/* a folder, a FIFO, a device */
	FILE_TOO_LARGE		/* more than max bytes */
};
struct file_fail {
	enum file_why	 why;
	int		 err;	/* errno, for FILE_SYS */
	long long	 size;	/* [bytes] FILE_TOO_LARGE: the size stat()
				 * gave, or -1 if the file grew while read */
};
/* Reads the regular file at path whole into b (reset first; b->data is
 * never NULL after success and is NUL-terminated), refusing more than
 * max bytes.  Never blocks on a FIFO.  Returns 1, or 0 with *ff saying
 * why (b then holds no meaning). */
int	 file_get(const char *path, size_t max, struct buf *b,
	    struct file_fail *ff);
/* The same from an open descriptor of any kind (a pipe too), read to its
 * end and left open. */
int	 file_get_fd(int fd, size_t max, struct buf *b, struct file_fail *ff);
/* file_get() then, on failure, diag_sys() with the reason: for the
 * tool's own files and output. */
int	 file_read_sys(const char *path, size_t max, struct buf *b);
void	 file_diag_sys(const char *path, const struct file_fail *);
/* file_get() of a content file, at most MAX_FILE_SIZE bytes; on failure
 * an error diagnostic that names the file.  Returns 1 or 0. */
int	 file_read(const char *path, struct buf *b);

/* ---- font.c: the theme's faces as the site serves them (the rest of
 * font.c, with pango, in font.h) ---- */

/* Does the site need fonts.css: does the theme name a face, or have
 * font files?  After font_load(). */
int		 font_site(void);
/* The site's fonts.css: an @font-face rule for each file of
 * styles/fonts/ (url "fonts/NAME", beside the style sheet), and the
 * faces the theme names for body text, headings and code. */
void		 font_site_css(struct buf *);
/* The paths of the files of styles/fonts/ (NULL-terminated; owned here),
 * for the site to copy. */
const char *const *font_site_files(void);

/* ---- json.c ---- */

/* s as a JSON string, quotes included, appended to b: '"' and '\\'
 * escaped, newline as \n, other controls as \u00XX, UTF-8 as it is.
 * NULL s gives "". */
void	 json_str(struct buf *b, const char *s);

/* ---- load.c, xml.c, md.c: content folder -> report ---- */

struct report;
/* Loads content/ into a new report.  Problems are reported through diag();
 * returns NULL only when nothing usable could be read (the content folder
 * is missing).  Caller frees with report_free(). */
struct report	*report_load(const char *content);
/* The same, with only the edition of year (0: every one) loaded in full:
 * of the others, edition.xml alone is read, and what is wrong in them is
 * not reported (they are not built). */
struct report	*report_load_year(const char *content, int year);
/* The same, calling early(r, arg) once the plan and the indicators are
 * loaded, before the editions are (main.c draws the indicators' charts
 * meanwhile). */
struct report	*report_load_early(const char *content, int year,
		    void (*early)(struct report *, void *), void *arg);
void		 report_free(struct report *);


/* shape.c: the process's hb_shape_full(); how many calls were cut from a
 * result kept, how many went to HarfBuzz's (tests). */
void	 shape_counts(unsigned long *cuts, unsigned long *wholes);

/* stamp.c: remembers the hash of the bytes read from path by a loader,
 * so that the build's stamp records what was loaded, not what a second
 * read would find. */
void	 stamp_loaded(const char *path, const void *data, size_t len);
/* Forgets what was loaded and the input folders hashed: a new load
 * begins (build --watch). */
void	 stamp_loaded_reset(void);

/* Does path (an existing file) resolve, symbolic links followed, to a
 * place inside the report's content folder? */
int	 load_inside(const struct report *, const char *path);
/* Threads that load the content's files, at most LOAD_THREADS_MAX (1,
 * the default: the calling thread alone). */
#define LOAD_THREADS_MAX	8
void	 load_threads(int);

/* xml.c: the only file that includes libxml2. */
struct plan;
struct edition;
struct measure;
void	 xml_init(void);
void	 xml_cleanup(void);
int	 xml_load_plan(struct report *, const char *path);
/* Into the measure, built in the arena given (as md_load()). */
int	 xml_load_indicators(struct report *, struct arena *,
	    struct measure *, const char *path);
int	 xml_load_edition(struct report *, struct edition *, const char *path);
int	 xml_load_site(struct report *, const char *path);

/* md.c: the only file that includes cmark.  Parses the file at path into
 * doc, built in the arena given (the report's, or a loading thread's,
 * handed over to it: load.c).  Images are resolved relative to the file
 * and must stay inside the report's content folder.  Returns 0 on
 * error. */
struct doc;
int	 md_load(const struct report *, struct arena *, struct doc *,
	    const char *path);

/* xref.c: heading ids and links between narratives, once everything is
 * loaded (see struct xref).  Reports links to nothing; returns 0 then. */
int	 xref_resolve(struct report *);
/* Appends the site's file of a link's target and its anchor to b
 * ("mesure-05.html#accueil"), as html.c names its pages. */
struct xref;
struct buf;
void	 xref_site_page(struct buf *, const struct xref *);

/* ---- report.c: lookups shared by backends ---- */

/* The assessment of a measure for a year, or NULL. */
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
/* Which way a status moved from prev (the edition before) to now: the
 * one place that decides whether a measure improved.  A move to or from
 * "not assessed" is CHANGE_OTHER, neither better nor worse. */
enum status;
struct plan;
struct level;
enum change	 report_change(const struct plan *, enum status prev,
		    enum status now);
/* A status as the plan's scale names it (its label, its id in the
 * indicator files). */
const char	*status_name(const struct plan *, enum status);
const char	*status_id(const struct plan *, enum status);
/* The statuses a legend lists, in order, into out; returns how many:
 * every status of the scale, zero counts included (the reader sees the
 * whole scale), and "not assessed" when the scale lacks it but cnt
 * (counts by status, or NULL) has measures without an assessment. */
size_t		 scale_legend(const struct plan *, const size_t *cnt,
		    enum status *out);
/* The plan's structure and scale when it declares none: Priorité I,
 * Objectif I.1 (its id), Mesure 1; the CNCDH's five statuses. */
void		 plan_defaults(struct plan *);
/* The number of the item at position pos (from 1) of a level, written
 * as the level numbers it (id: as written, whatever its length).  Caller
 * frees. */
char		*level_number(const struct level *, int pos, const char *id);
/* The label of an item of the plan: the level's name, sep (a space or a
 * no-break space), the level's word before numbers and sep if any, and
 * the item's number as shown: "Priorité II", "Action n° 3", "Mesure 12".
 * The one place labels are formed; the caller frees it. */
char		*level_label(const struct plan *, size_t level, const char *num,
		    const char *sep);
/* The name of a level inside a sentence, in the plural or the singular:
 * its word as the plan declares it (or the default), the first capital
 * lowered unless the word is in capitals: "axes", "recommendations",
 * "mesure".  The one place sentences take it; the caller frees it. */
char		*level_word(const struct plan *, size_t level, int plural);
/* Whether a level has the default names of its place (the measures'
 * level "Mesure"/"Mesures", in the language): the catalogue's sentences
 * that agree with that name in gender ("mesures évaluées") are written
 * for it; any other name takes a sentence that needs no agreement. */
int		 level_words_default(const struct plan *, size_t level);
/* Whether the plan has one level, its measures: they are then in one
 * implicit priority with no id, number, label or title, which no
 * backend shows (no heading, no page, no outline entry). */
int		 plan_flat(const struct plan *);
/* The priorities the reports show, each with its page, heading and
 * outline entry: none in a plan of one level, else nprios. */
size_t		 plan_groups(const struct plan *);

/* ---- validate.c: semantic checks across files ---- */

void	 validate(const struct report *);
/* The same, with every edition taken as a draft when draft is set: a
 * draft's missing or empty narratives and missing assessments are
 * warnings (its outputs show « À rédiger » in their place), a final
 * edition's are errors.  Editions other than r->only are not checked. */
void	 validate_opts(const struct report *, int draft);

/* ---- scaffold.c: rapporteur init, rapporteur new-edition ---- */

/* Each parses its own options (argv[0] is the command) and returns the
 * exit status. */
int	 init_main(int argc, char *argv[]);
int	 newed_main(int argc, char *argv[]);

/* ---- tree.c: a plain-text dump of the model, for tests ---- */

void	 tree_dump(struct buf *, const struct report *);

#endif /* EXTERN_H */
