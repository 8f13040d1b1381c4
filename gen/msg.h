/*
 * The diagnostics' messages, each written once (mandoc's habit): an id
 * here, its printf format in msgtab[] (diag.c), one row an id in the
 * same order.  A call names the id, not the text: the message is
 * found, changed, tested (tests/unit-msg.c) and translated in one place.
 * diag_list() keeps each diagnostic's id.
 *
 * Moving a file to the table: for each diag() or diag_sys() call, the
 * format becomes a row (its comment: what the arguments are) unless
 * one with the same text is there already, and the call becomes
 * diag_msg() or diag_sys_msg() with the id; then the file includes
 * msg.h.  The text must stay the same to the byte: tests grep it.
 * Moved: main.c, scaffold.c, pdfpost.c, validate.c, xref.c, watch.c,
 * xmlcheck.c, html.c, pdf.c, md.c, load.c, out.c, file.c, svg.c,
 * hyph.c, diag.c, xml.c, theme.c, font.c, logo.c, review.c.  Left as
 * free text (MSG_FREE): libxml2's own wording of a parse error, and
 * xmlcheck.c's texts, which reach xml.c through a callback with no id.
 *
 * The compiler does not see a format it is not given as a literal: the
 * comment of each id says what its arguments are, and the tests that
 * provoke a message check its text.  A translation is a second table
 * of the same ids.
 */

enum msgid {
	MSG_FREE,			/* free text: diag(), diag_sys() */
	MSG_PATH_ERRNO,			/* path, strerror() */
	MSG_CREATE,			/* path, strerror() */
	MSG_WRITE,			/* path, strerror() */
	MSG_RENAME,			/* from, to, strerror() */
	MSG_TEMP_DIR,			/* path, strerror() */
	MSG_WATCH,			/* strerror() */
	MSG_WORKER_SHM,			/* strerror() */
	MSG_WORKER_START,		/* strerror() */
	MSG_WORKER_KILLED,		/* pid, signal */
	MSG_WORKER_LOST,		/* pid */
	MSG_PDF_CAIRO,			/* path, cairo version */
	MSG_PDF_VERSION,		/* path, version, cairo version */
	MSG_PDF_STRUCTURE,		/* path, offset, reason */
	MSG_REREAD,			/* path, year */
	MSG_EXISTS,
	MSG_NOT_EMPTY,
	MSG_NOT_AFTER_LATEST,		/* latest year */
	MSG_AFTER_PLAN_END,		/* year, MAX_EXPOST, end */
	MSG_NO_EDITION_TAG,
	MSG_NO_ASSESSMENT_PLACE,	/* year */
	MSG_VALUE_YEAR,			/* year, from, last */
	MSG_BASELINE_YEAR,		/* year, from, last */
	MSG_TARGET_YEAR,		/* year, start */
	MSG_ASSESS_YEAR,		/* year, start */
	MSG_ASSESS_NO_EDITION,		/* year, year */
	MSG_ASSESS_GAP,			/* year, GAP_MARKER */
	MSG_NO_ASSESSMENT,		/* id, year, why */
	MSG_PART_NAME,			/* file, the pages' names */
	MSG_IMAGE_BUDGET,		/* src, year, bytes, pixels */
	MSG_GAP,			/* GAP_MARKER */
	MSG_NO_NARRATIVE,		/* number, year, why */
	MSG_EDITION_YEAR,		/* year, start */
	MSG_EDITION_EXPOST,		/* year, MAX_EXPOST, end */
	MSG_EMPTY_NARRATIVE,		/* why */
	MSG_EMPTY_PART,
	MSG_LINK_TARGET,		/* length, href, path */
	MSG_LINK_HEADING,		/* length, href, kind, id, file */
	MSG_XML_NO_ATTRS,		/* element, prefix, :, name */
	MSG_XML_UNKNOWN_ATTR,		/* element, prefix, :, name, list */
	MSG_XML_NEEDS_ATTR,		/* element, name, what */
	MSG_XML_BAD_ATTR,		/* name, value, element, what */
	MSG_XML_TEXT,			/* element, text, what */
	MSG_XML_TOO_LATE,		/* child, parent, name */
	MSG_XML_NOT_ALLOWED,		/* child, parent, list */
	MSG_XML_LEAF,			/* child, parent, what */
	MSG_XML_NEEDS_BEFORE,		/* parent, list, child */
	MSG_XML_BOTH,			/* parent, name, name */
	MSG_XML_SECOND,			/* parent, child */
	MSG_XML_NEEDS,			/* element, list */
	MSG_XML_EMPTY,			/* element, what */
	MSG_XML_BAD_TEXT,		/* element, text, what */
	MSG_XML_ROOT,			/* element, name */
	/* html.c */
	MSG_ICON,			/* path */
	/* pdf.c, moved (its system errors: MSG_PATH_ERRNO) */
	MSG_PDF_IMAGE_AGAIN,		/* path */
	/* md.c */
	MSG_MD_IMAGE_PIXELS,		/* href, w, h, MAX_IMAGE_PIXELS */
	MSG_MD_IMAGE_SIDE,		/* href, w, h, MAX_IMAGE_SIDE */
	MSG_MD_IMAGE_BROKEN,		/* href, kind */
	MSG_MD_IMAGE_TRUNCATED,		/* href, kind */
	MSG_MD_IMAGE_JPEG,		/* href */
	MSG_MD_IMAGE_OTHER_KIND,	/* href, a/an, kind, a/an, found */
	MSG_MD_IMAGE_SVG,		/* href, svgdraw_strerror() */
	MSG_MD_IMAGE_NOT_KIND,		/* href, article, kind */
	MSG_MD_IMAGE_WHERE,		/* href */
	MSG_MD_IMAGE_OUTSIDE,		/* href */
	MSG_MD_IMAGE_KIND,		/* href */
	MSG_MD_IMAGE_BYTES,		/* href, long long size, MAX */
	MSG_MD_SPANS,			/* MAX_MD_SPANS */
	MSG_MD_RAW_HTML,		/* element, length, text, "…" or "" */
	MSG_MD_LINKS,			/* MAX_MD_LINKS */
	MSG_MD_LINK_SCHEME,		/* length, href, "…" or "" */
	MSG_MD_INLINE_DEPTH,		/* MAX_MD_DEPTH */
	MSG_MD_IMAGE_ALT,		/* length, href, length, href */
	MSG_MD_TEXT_SIZE,		/* "paragraph", MAX_MD_TEXT */
	MSG_MD_BLOCKS,			/* MAX_MD_BLOCKS */
	MSG_MD_TABLE,
	MSG_MD_FRONT_MATTER,		/* its last line */
	MSG_MD_HEADING_1,
	MSG_MD_CODE_LINES,		/* MAX_CODE_LINES */
	MSG_MD_CODE_BYTES,		/* MAX_CODE_SIZE */
	MSG_MD_RAW_HTML_BLOCK,		/* element */
	MSG_MD_BLOCK_DEPTH,		/* MAX_MD_DEPTH */
	MSG_MD_NUL,
	MSG_MD_BAD_UTF8,
	MSG_MD_CONTROL,			/* code point (unsigned) */
	MSG_MD_MARKS,			/* MAX_MARKS */
	MSG_MD_TOO_LARGE,		/* size (size_t), MAX_MD_SIZE */
	/* load.c */
	MSG_LOAD_LINK_NOWHERE,
	MSG_LOAD_LINK_LOOP,
	MSG_LOAD_READ,			/* strerror() */
	MSG_LOAD_LINK_FOLDER,
	MSG_LOAD_OUTSIDE,
	MSG_LOAD_READ_FOLDER,		/* what folder, strerror() */
	MSG_LOAD_FOLDER_LINK,		/* what folder */
	MSG_LOAD_NOT_FOLDER,		/* what folder */
	MSG_LOAD_INDICATORS_DIR,	/* strerror() */
	MSG_LOAD_INDICATOR_NAME,	/* number of measures (size_t) */
	MSG_LOAD_NO_INDICATORS,		/* id, folder, id */
	MSG_LOAD_PART_TWICE,		/* file */
	MSG_LOAD_MISSING_FILE,		/* path */
	MSG_LOAD_NO_EDITION_FILE,
	MSG_LOAD_EDITION_YEAR,		/* year, folder */
	MSG_LOAD_UNLISTED,
	MSG_LOAD_NO_MEASURES_DIR,
	MSG_LOAD_MEASURES_DIR,		/* strerror() */
	MSG_LOAD_NARRATIVE_NAME,	/* number of measures (size_t) */
	MSG_LOAD_EDITIONS_DIR,		/* strerror() */
	MSG_LOAD_EDITION_NAME,
	MSG_LOAD_NO_EDITION,
	MSG_LOAD_NO_CONTENT,
	MSG_LOAD_NO_PLAN,
	/* xml.c, the loader (xmlcheck.c's texts reach it as MSG_FREE) */
	MSG_XML_DOCTYPE,
	MSG_XML_DEPTH,			/* MAX_XML_DEPTH */
	MSG_XML_SCHEMA,			/* schema number */
	MSG_XML_NUL,
	MSG_XML_ATTR_LONG,		/* name, length, limit */
	MSG_XML_ID_CHARS,		/* id */
	MSG_XML_ATTR_SPACE,		/* name, value */
	MSG_XML_TEXT_LONG,		/* element, length, limit */
	MSG_XML_EMPTY_FILE,
	MSG_XML_MALFORMED,
	MSG_XML_TEXT_CONTROL,		/* code point, element */
	MSG_XML_ATTR_CONTROL,		/* code point, name */
	MSG_XML_INT_RANGE,		/* what (a noun), value, min, max */
	MSG_XML_NUMBER_RANGE,		/* text */
	MSG_XML_NUMBER_MISSING,
	MSG_XML_NUMBER_COMMA,		/* text */
	MSG_XML_NUMBER_GROUPED,		/* text */
	MSG_XML_NUMBER,			/* text */
	MSG_XML_VALUES_MAX,		/* MAX_VALUES */
	MSG_XML_VALUE_SECOND,		/* year, line of the first */
	MSG_XML_DATE,			/* text */
	MSG_XML_LEVELS,			/* count, MAX_LEVELS */
	MSG_XML_NUMBERING,		/* numbering */
	MSG_XML_STATUS_THEME,		/* theme, line of the first */
	MSG_XML_STATUS_DUP,		/* id, line of the first */
	MSG_XML_SEQUENCE,		/* element, id, expected id */
	MSG_XML_PRIORITY_DUP,		/* id, line of the first */
	MSG_XML_OBJECTIVE_DUP,		/* id, line of the first */
	MSG_XML_MEASURE_NUMBER,		/* number, expected number */
	MSG_XML_MEASURE_PLACE,		/* id, place, expected id */
	MSG_XML_MEASURE_ID,		/* id, number, expected id */
	MSG_XML_OBJECTIVE_LEVEL,	/* level, levels */
	MSG_XML_PRIORITY_ONE_LEVEL,	/* none */
	MSG_XML_MEASURE_NO_PRIORITY,	/* levels */
	MSG_XML_OBJECTIVE_SEQUENCE,	/* id, priority id, number */
	MSG_XML_LANG,			/* language tag */
	MSG_XML_PLAN_PERIOD,		/* start, end, data from */
	MSG_XML_MEASURES_MAX,		/* MAX_MEASURES, MAX_MEASURES */
	MSG_XML_CATEGORIES_MAX,		/* MAX_CATEGORIES */
	MSG_XML_CATEGORY_DUP,		/* id, line of the first */
	MSG_XML_STACKED,
	MSG_XML_CHART_ONE,		/* chart, indicator id */
	MSG_XML_CATEGORIES_POINT,	/* indicator id */
	MSG_XML_STATUS_UNKNOWN,		/* status, the scale's ids */
	MSG_XML_INDICATORS_MAX,		/* MAX_INDICATORS */
	MSG_XML_INDICATOR_DUP,		/* id, line of the first */
	MSG_XML_ASSESSMENTS_MAX,	/* MAX_ASSESSMENTS */
	MSG_XML_ASSESSMENT_SECOND,	/* year, line of the first */
	MSG_XML_MEASURE_FILE,		/* measure id, id found */
	MSG_XML_PARTS_MAX,		/* MAX_PARTS */
	/* theme.c */
	MSG_THEME_CONTRAST,		/* fg, hex, bg, hex, ratio, min */
	MSG_THEME_UNSET,		/* property, default hex */
	MSG_THEME_IMAGE_NAME,		/* property, value */
	MSG_THEME_IMAGE,		/* property, value, why */
	MSG_THEME_LOGO_ALT,		/* logo */
	MSG_THEME_PNG_KIND,		/* property, file */
	MSG_THEME_PNG_BROKEN,		/* property, file */
	MSG_THEME_PNG_LARGE,		/* property, file, w, h */
	MSG_THEME_LOGO_2X,		/* logo, its copy, why */
	MSG_THEME_LOGO_2X_SIZE,		/* logo, w, h, copy, 2w, 2h, w, h */
	MSG_THEME_LOGO_WIDE,		/* logo, ratio, THEME_ICON_RATIO */
	/* font.c; logo.c reports with MSG_PATH_ERRNO */
	MSG_FONT_FILE,			/* path */
	MSG_FONT_FAMILY,		/* family, property, folder, dir */
	MSG_FONT_MISSING,		/* path */
	MSG_FONT_FALLBACK,
	MSG_FONT_GLYPH,			/* code point, length, character */
	/* out.c, file.c, svg.c, hyph.c (system errors: MSG_PATH_ERRNO,
	 * MSG_TEMP_DIR; file.c's "cannot read": MSG_LOAD_READ) */
	MSG_OUT_NOT_MANIFEST,		/* path, PROGNAME, PROGNAME */
	MSG_OUT_LOCK,			/* out folder, strerror() */
	MSG_OUT_SEND,			/* strerror() */
	MSG_OUT_FILE_ERRNO,		/* out, "/" or "", rel, strerror() */
	MSG_OUT_NEWLINE,		/* file name */
	MSG_OUT_PREVIOUS,		/* out, strerror(), out, old folder */
	MSG_FILE_NOT_REGULAR_AT,	/* path */
	MSG_FILE_TOO_LARGE_AT,		/* path */
	MSG_FILE_NOT_REGULAR,
	MSG_FILE_TOO_LARGE,		/* size (long long), MAX_FILE_SIZE */
	MSG_FILE_TOO_LARGE_MAX,		/* MAX_FILE_SIZE */
	MSG_SVG_CARD,			/* file */
	MSG_HYPH_PATTERNS,		/* path */
	MSG__MAX
};

/* The format of id: NULL for MSG_FREE only. */
const char	*msg_fmt(enum msgid);
/* diag() and diag_sys() with the message id (its arguments after). */
void		 diag_msg(enum dlevel, const struct pos *, enum msgid, ...);
void		 diag_sys_msg(enum msgid, ...);
