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
#include "msg.h"

static const char *const level_name[DIAG__MAX] = {
	"warning",	/* DIAG_WARNING */
	"error",	/* DIAG_ERROR */
};

/* Every message by id (msg.h): one row each, in the order of enum msgid. */
static const char *const msgtab[MSG__MAX] = {
	NULL,		/* MSG_FREE */
	/* MSG_PATH_ERRNO */
	"%s: %s",
	/* MSG_CREATE */
	"cannot create %s: %s",
	/* MSG_WRITE */
	"cannot write %s: %s",
	/* MSG_RENAME */
	"cannot rename %s to %s: %s",
	/* MSG_TEMP_DIR */
	"cannot create a temporary folder beside %s: %s",
	/* MSG_WATCH */
	"cannot watch for changes: %s",
	/* MSG_WORKER_SHM */
	"cannot share memory with the workers: %s",
	/* MSG_WORKER_START */
	"cannot start a worker: %s",
	/* MSG_WORKER_KILLED */
	"a worker (process %ld) was killed by signal %d",
	/* MSG_WORKER_LOST */
	"a worker (process %ld) ended without its list of files",
	/* MSG_PDF_CAIRO */
	"%s: cairo %s: the PDF finishing pass reads the files of cairo 1.16 "
	    "only",
	/* MSG_PDF_VERSION */
	"%s: PDF version %.3s (cairo %s): the PDF finishing pass reads cairo "
	    "1.16's PDF 1.5 only",
	/* MSG_PDF_STRUCTURE */
	"%s: unexpected PDF structure at byte %zu: %s",
	/* MSG_REREAD */
	"internal error: %s with the %d assessment does not read back: nothing "
	    "written",
	/* MSG_EXISTS */
	"already exists: nothing written",
	/* MSG_NOT_EMPTY */
	"already exists and is not empty: nothing written",
	/* MSG_NOT_AFTER_LATEST */
	"not after the latest edition, %d: nothing written",
	/* MSG_AFTER_PLAN_END */
	"%d is more than %d years after the plan's end, %d: nothing written",
	/* MSG_NO_EDITION_TAG */
	"cannot find the <edition> start tag with year, status and date",
	/* MSG_NO_ASSESSMENT_PLACE */
	"cannot find where to add the %d assessment: nothing written",
	/* MSG_VALUE_YEAR */
	"value for %d is outside the years the plan covers (%d to %d)",
	/* MSG_BASELINE_YEAR */
	"baseline year %d is outside %d to %d",
	/* MSG_TARGET_YEAR */
	"target year %d is before the plan starts, %d",
	/* MSG_ASSESS_YEAR */
	"assessment for %d is before the plan starts, %d",
	/* MSG_ASSESS_NO_EDITION */
	"assessment for %d, but there is no %d edition",
	/* MSG_ASSESS_GAP */
	"assessment for %d still to write (%s)",
	/* MSG_NO_ASSESSMENT */
	"measure %s has no assessment for the %d edition%s",
	/* MSG_PART_NAME */
	"part file name \"%s\" is taken by a page of the site (index, %.*s, "
	    "%.*s, %s-…, %s-…)",
	/* MSG_IMAGE_BUDGET */
	"image \"%s\" goes past the images' budget of the %d edition (at most "
	    "%d bytes and %d pixels of distinct images)",
	/* MSG_GAP */
	"still to write (%s)",
	/* MSG_NO_NARRATIVE */
	"missing narrative of measure %d for the %d edition%s",
	/* MSG_EDITION_YEAR */
	"edition %d is before the plan starts, %d",
	/* MSG_EDITION_EXPOST */
	"edition %d is more than %d years after the plan's end, %d",
	/* MSG_EMPTY_NARRATIVE */
	"empty narrative%s",
	/* MSG_EMPTY_PART */
	"empty part",
	/* MSG_LINK_TARGET */
	"link \"%.*s\": no narrative or part of the report there (%s)",
	/* MSG_LINK_HEADING */
	"link \"%.*s\": no heading%s \"%s\" in %s",
	/* MSG_XML_NO_ATTRS */
	"%s takes no attribute: found %s%s%s",
	/* MSG_XML_UNKNOWN_ATTR */
	"%s has no attribute %s%s%s: expected %s",
	/* MSG_XML_NEEDS_ATTR */
	"%s needs a %s attribute (%s)",
	/* MSG_XML_BAD_ATTR */
	"%s=\"%s\" is not allowed on %s: expected %s",
	/* MSG_XML_TEXT */
	"%s holds text \"%s\": only %s go here",
	/* MSG_XML_TOO_LATE */
	"%s comes too late in %s: it goes before <%s>",
	/* MSG_XML_NOT_ALLOWED */
	"%s is not allowed in %s: expected %s",
	/* MSG_XML_LEAF */
	"%s is not allowed in %s: it holds %s only",
	/* MSG_XML_NEEDS_BEFORE */
	"%s needs %s before %s",
	/* MSG_XML_BOTH */
	"%s has both <%s> and <%s> elements: it takes one kind or the other",
	/* MSG_XML_SECOND */
	"%s has a second %s: only one is allowed",
	/* MSG_XML_NEEDS */
	"%s needs %s",
	/* MSG_XML_EMPTY */
	"%s is empty: expected %s",
	/* MSG_XML_BAD_TEXT */
	"%s holds \"%s\": expected %s",
	/* MSG_XML_ROOT */
	"the root element is %s: expected <%s>",
	/* html.c */
	/* MSG_ICON */
	"%s: cannot draw the icon",
	/* pdf.c */
	/* MSG_PDF_IMAGE_AGAIN */
	"%s: cannot read the image again",
	/* md.c */
	/* MSG_MD_IMAGE_PIXELS */
	"image \"%s\" is too large (%d x %d pixels; at most %d)",
	/* MSG_MD_IMAGE_SIDE */
	"image \"%s\" is too large (%d x %d pixels; at most %d a side)",
	/* MSG_MD_IMAGE_BROKEN */
	"image \"%s\" is a damaged %s file: its image data cannot be "
	    "decoded",
	/* MSG_MD_IMAGE_TRUNCATED */
	"image \"%s\" is a truncated %s file: it ends before its "
	    "end-of-image marker",
	/* MSG_MD_IMAGE_JPEG */
	"image \"%s\" is a JPEG file that PDF readers may not show "
	    "(only baseline or progressive 8-bit JPEG, in grey, RGB or "
	    "CMYK)",
	/* MSG_MD_IMAGE_OTHER_KIND */
	"image \"%s\" is not %s %s file: its bytes are %s %s image "
	    "(give the file the name of its kind)",
	/* MSG_MD_IMAGE_SVG */
	"image \"%s\" %s",
	/* MSG_MD_IMAGE_NOT_KIND */
	"image \"%s\" is not %s %s file",
	/* MSG_MD_IMAGE_WHERE */
	"image \"%s\": only PNG, JPEG and SVG files (.png, .jpg, .jpeg, "
	    ".svg) inside the content folder, given by a relative path",
	/* MSG_MD_IMAGE_OUTSIDE */
	"image \"%s\" is outside the content folder or missing",
	/* MSG_MD_IMAGE_KIND */
	"image \"%s\": only PNG, JPEG and SVG files (.png, .jpg, .jpeg, "
	    ".svg)",
	/* MSG_MD_IMAGE_BYTES */
	"image \"%s\" is too large (%lld bytes; at most %d)",
	/* MSG_MD_SPANS */
	"more than %d inline elements (links, emphasis, code, images, "
	    "HTML) in one paragraph",
	/* MSG_MD_RAW_HTML */
	"raw HTML <%s> is not allowed, shown as text: %.*s%s",
	/* MSG_MD_LINKS */
	"more than %d links in one file",
	/* MSG_MD_LINK_SCHEME */
	"link \"%.*s%s\": only http, https and mailto addresses and "
	    "links to the report's Markdown files are allowed",
	/* MSG_MD_INLINE_DEPTH */
	"inline markup nested deeper than %d levels",
	/* MSG_MD_IMAGE_ALT */
	"image \"%.*s\" has no alternative text: write what it shows "
	    "between the brackets, ![…](%.*s)",
	/* MSG_MD_TEXT_SIZE */
	"%s of more than %d bytes",
	/* MSG_MD_BLOCKS */
	"more than %d blocks (paragraphs, headings, list items, quotes) "
	    "in one file",
	/* MSG_MD_TABLE */
	"a table is not supported in a narrative: give the figures as "
	    "an indicator (indicators/mNN.xml, shown as a chart and a "
	    "data table) or as a list",
	/* MSG_MD_FRONT_MATTER */
	"front matter (lines 1 to %d, between \"---\" lines) is not "
	    "Markdown and would be printed: the title and the data come "
	    "from plan.xml, edition.xml and the indicators, remove it",
	/* MSG_MD_HEADING_1 */
	"level-1 heading: the title comes from the plan or edition.xml, "
	    "start sections at ##",
	/* MSG_MD_CODE_LINES */
	"code block of more than %d lines",
	/* MSG_MD_CODE_BYTES */
	"code block of more than %d bytes",
	/* MSG_MD_RAW_HTML_BLOCK */
	"raw HTML block <%s> is not allowed, shown as text",
	/* MSG_MD_BLOCK_DEPTH */
	"lists and quotes nested deeper than %d levels",
	/* MSG_MD_NUL */
	"NUL byte, replaced by U+FFFD",
	/* MSG_MD_BAD_UTF8 */
	"invalid UTF-8, replaced by U+FFFD",
	/* MSG_MD_CONTROL */
	"control character U+%04X, replaced by U+FFFD",
	/* MSG_MD_MARKS */
	"more than %d combining marks in a row: the rest dropped",
	/* MSG_MD_TOO_LARGE */
	"file too large (%zu bytes; at most %d for Markdown)",
	/* load.c */
	/* MSG_LOAD_LINK_NOWHERE */
	"a symbolic link that leads nowhere",
	/* MSG_LOAD_LINK_LOOP */
	"a loop of symbolic links",
	/* MSG_LOAD_READ */
	"cannot read: %s",
	/* MSG_LOAD_LINK_FOLDER */
	"a symbolic link to a folder, where a file is expected",
	/* MSG_LOAD_OUTSIDE */
	"leads outside the content folder",
	/* MSG_LOAD_READ_FOLDER */
	"cannot read %s: %s",
	/* MSG_LOAD_FOLDER_LINK */
	"%s is a symbolic link: folders of the content must be real "
	    "folders (links to folders are not followed)",
	/* MSG_LOAD_NOT_FOLDER */
	"%s is not a folder",
	/* MSG_LOAD_INDICATORS_DIR */
	"cannot read the indicators folder: %s",
	/* MSG_LOAD_INDICATOR_NAME */
	"no measure of the plan has this file (expected m01.xml to "
	    "m%02zu.xml)",
	/* MSG_LOAD_NO_INDICATORS */
	"measure %s has no indicator file %s/%s.xml",
	/* MSG_LOAD_PART_TWICE */
	"part %s listed twice",
	/* MSG_LOAD_MISSING_FILE */
	"missing file %s",
	/* MSG_LOAD_NO_EDITION_FILE */
	"missing edition file",
	/* MSG_LOAD_EDITION_YEAR */
	"edition year %d in folder %s",
	/* MSG_LOAD_UNLISTED */
	"not listed in edition.xml: not part of the report",
	/* MSG_LOAD_NO_MEASURES_DIR */
	"missing measures folder",
	/* MSG_LOAD_MEASURES_DIR */
	"cannot read the measures folder: %s",
	/* MSG_LOAD_NARRATIVE_NAME */
	"no measure of the plan has this file (expected m01.md to "
	    "m%02zu.md)",
	/* MSG_LOAD_EDITIONS_DIR */
	"cannot read the editions folder: %s",
	/* MSG_LOAD_EDITION_NAME */
	"not an edition folder (a year, such as 2016)",
	/* MSG_LOAD_NO_EDITION */
	"no edition",
	/* MSG_LOAD_NO_CONTENT */
	"no content folder here",
	/* MSG_LOAD_NO_PLAN */
	"missing plan file",
	/* xml.c, theme.c, font.c (msg.h) */
	/* MSG_XML_DOCTYPE */
	"document type declarations are not allowed (no DTD, no entities)",
	/* MSG_XML_DEPTH */
	"elements nested deeper than %d levels",
	/* MSG_XML_SCHEMA */
	"internal error: built-in schema %d",
	/* MSG_XML_NUL */
	"NUL byte (the rest of the file would be ignored)",
	/* MSG_XML_ATTR_LONG */
	"attribute \"%s\" too long (%zu bytes; at most %zu)",
	/* MSG_XML_ID_CHARS */
	"id \"%s\": ids use only a-z, 0-9 and \"-\", and start with a letter "
	    "or a digit",
	/* MSG_XML_ATTR_SPACE */
	"white space in attribute \"%s\": \"%s\"",
	/* MSG_XML_TEXT_LONG */
	"text of <%s> too long (%zu bytes; at most %zu)",
	/* MSG_XML_EMPTY_FILE */
	"empty file",
	/* MSG_XML_MALFORMED */
	"malformed XML",
	/* MSG_XML_TEXT_CONTROL */
	"control character U+%04X in <%s>",
	/* MSG_XML_ATTR_CONTROL */
	"control character U+%04X in attribute \"%s\"",
	/* MSG_XML_INT_RANGE */
	"%s \"%s\" is not a number from %d to %d",
	/* MSG_XML_NUMBER_RANGE */
	"number out of range: %s",
	/* MSG_XML_NUMBER_MISSING */
	"missing number",
	/* MSG_XML_NUMBER_COMMA */
	"not a number: \"%s\" (write a decimal point, not a comma)",
	/* MSG_XML_NUMBER_GROUPED */
	"not a number: \"%s\" (write digits without grouping)",
	/* MSG_XML_NUMBER */
	"not a number: \"%s\"",
	/* MSG_XML_VALUES_MAX */
	"more than %d values in one series",
	/* MSG_XML_VALUE_SECOND */
	"second value for %d (first at line %d)",
	/* MSG_XML_DATE */
	"date \"%s\" is not a date written YYYY-MM-DD (year 0001 to 9999)",
	/* MSG_XML_LEVELS */
	"%zu levels: a plan has 1 to %d (measures alone; or priorities, "
	    "objectives within objectives, measures)",
	/* MSG_XML_NUMBERING */
	"unknown numbering \"%s\" (roman, arabic or id)",
	/* MSG_XML_STATUS_THEME */
	"second status drawn as \"%s\" (first at line %d): each status has "
	    "its own colour",
	/* MSG_XML_STATUS_DUP */
	"duplicate status id \"%s\" (first at line %d)",
	/* MSG_XML_SEQUENCE */
	"%s \"%s\" out of sequence (expected \"%s\")",
	/* MSG_XML_PRIORITY_DUP */
	"duplicate priority id \"%s\" (first at line %d)",
	/* MSG_XML_OBJECTIVE_DUP */
	"duplicate objective id \"%s\" (first at line %d)",
	/* MSG_XML_MEASURE_NUMBER */
	"measure number %d out of sequence (expected %d)",
	/* MSG_XML_MEASURE_PLACE */
	"measure id \"%s\" does not match its place in the plan %d (expected "
	    "\"%s\")",
	/* MSG_XML_MEASURE_ID */
	"measure id \"%s\" does not match its number %d (expected \"%s\")",
	/* MSG_XML_OBJECTIVE_LEVEL */
	"objective at level %zu, but the plan has %zu levels",
	/* MSG_XML_PRIORITY_ONE_LEVEL */
	"<priority> in a plan of one level: its measures go right under "
	    "<plan>",
	/* MSG_XML_MEASURE_NO_PRIORITY */
	"<measure> right under <plan>, but the plan has %zu levels: "
	    "declare one <level>, or put it in a <priority>",
	/* MSG_XML_OBJECTIVE_SEQUENCE */
	"objective \"%s\" out of sequence (expected \"%s.%d\")",
	/* MSG_XML_LANG */
	"language \"%s\" has no interface catalogue (fr, en)",
	/* MSG_XML_PLAN_PERIOD */
	"plan period %d-%d (data from %d) is not in order",
	/* MSG_XML_MEASURES_MAX */
	"more than %d measures (ids m01 to m%d)",
	/* MSG_XML_CATEGORIES_MAX */
	"more than %d categories",
	/* MSG_XML_CATEGORY_DUP */
	"duplicate category id \"%s\" (first at line %d)",
	/* MSG_XML_STACKED */
	"chart=\"stacked\" needs categories",
	/* MSG_XML_CHART_ONE */
	"chart=\"%s\" draws one series: indicator \"%s\" has categories (use "
	    "\"stacked\" or no chart attribute)",
	/* MSG_XML_CATEGORIES_POINT */
	"indicator \"%s\" has categories: a baseline or target needs a single "
	    "series",
	/* MSG_XML_STATUS_UNKNOWN */
	"unknown status \"%s\" (one of %s)",
	/* MSG_XML_INDICATORS_MAX */
	"more than %d indicators",
	/* MSG_XML_INDICATOR_DUP */
	"duplicate indicator id \"%s\" (first at line %d)",
	/* MSG_XML_ASSESSMENTS_MAX */
	"more than %d assessments",
	/* MSG_XML_ASSESSMENT_SECOND */
	"second assessment for %d (first at line %d)",
	/* MSG_XML_MEASURE_FILE */
	"file of measure %s names measure \"%s\"",
	/* MSG_XML_PARTS_MAX */
	"more than %d parts",
	/* MSG_THEME_CONTRAST */
	"--%s #%06x on --%s #%06x: contrast %.2f:1, below %g:1",
	/* MSG_THEME_UNSET */
	"--%s is not set: the site has no value for it (the PDF and the "
	    "charts take #%06x)",
	/* MSG_THEME_IMAGE_NAME */
	"--%s \"%s\": not the name of %s file of the styles folder "
	    "(letters, digits, '.', '-', '_'; not favicon.svg, favicon.png "
	    "nor apple-touch-icon.png)",
	/* MSG_THEME_IMAGE */
	"--%s \"%s\": %s",
	/* MSG_THEME_LOGO_ALT */
	"--logo \"%s\" has no --logo-alt, its text alternative",
	/* MSG_THEME_PNG_KIND */
	"--%s: \"%s\" is not a PNG file",
	/* MSG_THEME_PNG_BROKEN */
	"--%s: \"%s\" is a damaged PNG file: its image data cannot be "
	    "decoded",
	/* MSG_THEME_PNG_LARGE */
	"--%s: \"%s\" is too large (%d x %d pixels)",
	/* MSG_THEME_LOGO_2X */
	"--logo \"%s\" needs its double-resolution copy \"%s\" beside "
	    "it: %s",
	/* MSG_THEME_LOGO_2X_SIZE */
	"--logo \"%s\" is %d x %d px: its double-resolution copy \"%s\" "
	    "must be %d x %d px, not %d x %d",
	/* MSG_THEME_LOGO_WIDE */
	"--logo \"%s\" is %.1f times as wide as high, more than %d:1: "
	    "the favicon, drawn from it with no --icon, shows it small "
	    "(name a square --icon)",
	/* MSG_FONT_FILE */
	"%s: not a font file that can be read",
	/* MSG_FONT_FAMILY */
	"font family \"%s\" (%s) is neither installed nor in %s/%s",
	/* MSG_FONT_MISSING */
	"missing font %s (run make deps)",
	/* MSG_FONT_FALLBACK */
	"fontconfig refuses the fallback rules",
	/* MSG_FONT_GLYPH */
	"no font has a glyph for U+%04X (%.*s): it prints as a box",
	/* out.c, file.c, svg.c, hyph.c */
	/* MSG_OUT_NOT_MANIFEST */
	"%s: not a list of files written by %s: remove it only if no build "
	"of %s wrote this folder",
	/* MSG_OUT_LOCK */
	"cannot create the lock file beside %s: %s",
	/* MSG_OUT_SEND */
	"cannot send the list of written files: %s",
	/* MSG_OUT_FILE_ERRNO */
	"%s%s%s: %s",
	/* MSG_OUT_NEWLINE */
	"%s: a file name with a new line",
	/* MSG_OUT_PREVIOUS */
	"%s: %s: the previous %s is in %s",
	/* MSG_FILE_NOT_REGULAR_AT */
	"%s: not a regular file",
	/* MSG_FILE_TOO_LARGE_AT */
	"%s: file too large",
	/* MSG_FILE_NOT_REGULAR */
	"not a regular file",
	/* MSG_FILE_TOO_LARGE */
	"file too large (%lld bytes; at most %d)",
	/* MSG_FILE_TOO_LARGE_MAX */
	"file too large (at most %d bytes)",
	/* MSG_SVG_CARD */
	"%s: cannot draw the social card",
	/* MSG_HYPH_PATTERNS */
	"%s: cannot load the hyphenation patterns (run make deps)",
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

const char *
msg_fmt(enum msgid id)
{
	return id < MSG__MAX ? msgtab[id] : NULL;
}

/* Diagnostics held back by diag_hold(). */
struct dlog {
	struct diag	*list;
	size_t		 n, cap;
};

static _Thread_local struct dlog *held;	/* this thread's, or NULL */

/* Appends d to the list, counts it and prints it: with lock held. */
static void
tell(const struct diag *d)
{
	if (nlist == caplist) {
		caplist = caplist ? caplist * 2 : 32;
		list = xreallocarray(list, caplist, sizeof(*list));
	}
	list[nlist++] = *d;
	count[d->level]++;
	if (format == DFORMAT_GCC) {
		if (d->file != NULL && d->line > 0)
			fprintf(stderr, "%s:%d:%d: ", d->file, d->line,
			    d->col > 0 ? d->col : 1);
		else if (d->file != NULL)
			fprintf(stderr, "%s: ", d->file);
		else
			fprintf(stderr, "%s: ", PROGNAME);
		fprintf(stderr, "%s: %s\n", level_name[d->level], d->msg);
	}
}

static void
vdiag_id(enum dlevel lvl, const struct pos *pos, enum msgid id,
    const char *fmt, va_list ap)
{
	struct diag	 d;
	struct dlog	*h = held;
	char		*msg;
	int		 mute;

	if (vasprintf(&msg, fmt, ap) == -1)
		msg = xstrdup(fmt);
	d.level = lvl;
	d.msg = msg;
	d.id = id;
	d.file = pos != NULL && pos->file != NULL ? xstrdup(pos->file) : NULL;
	d.line = pos != NULL ? pos->line : 0;
	d.col = pos != NULL ? pos->col : 0;
	pthread_mutex_lock(&lock);
	if ((mute = muted))
		nmuted[lvl]++;
	else if (h == NULL)
		tell(&d);
	pthread_mutex_unlock(&lock);
	if (mute) {
		free(d.file);
		free(msg);
	} else if (h != NULL) {
		/* The thread's own log: no lock. */
		if (h->n == h->cap) {
			h->cap = h->cap ? h->cap * 2 : 8;
			h->list = xreallocarray(h->list, h->cap,
			    sizeof(*h->list));
		}
		h->list[h->n++] = d;
	}
}

struct dlog *
diag_log(void)
{
	return xcalloc(1, sizeof(struct dlog));
}

void
diag_hold(struct dlog *h)
{
	held = h;
}

void
diag_replay(struct dlog *h)
{
	size_t	 i;

	if (h == NULL)
		return;
	pthread_mutex_lock(&lock);
	for (i = 0; i < h->n; i++)
		tell(&h->list[i]);
	pthread_mutex_unlock(&lock);
	free(h->list);
	free(h);
}

void
vdiag(enum dlevel lvl, const struct pos *pos, const char *fmt, va_list ap)
{
	vdiag_id(lvl, pos, MSG_FREE, fmt, ap);
}

void
diag(enum dlevel lvl, const struct pos *pos, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vdiag_id(lvl, pos, MSG_FREE, fmt, ap);
	va_end(ap);
}

void
diag_msg(enum dlevel lvl, const struct pos *pos, enum msgid id, ...)
{
	va_list	 ap;

	va_start(ap, id);
	vdiag_id(lvl, pos, id, msg_fmt(id), ap);
	va_end(ap);
}

static void
vdiag_sys(const char *fmt, va_list ap)
{
	pthread_mutex_lock(&lock);
	syserr = 1;
	fprintf(stderr, "%s: ", PROGNAME);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	pthread_mutex_unlock(&lock);
}

void
diag_sys(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vdiag_sys(fmt, ap);
	va_end(ap);
}

void
diag_sys_msg(enum msgid id, ...)
{
	va_list	 ap;

	va_start(ap, id);
	vdiag_sys(msg_fmt(id), ap);
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
