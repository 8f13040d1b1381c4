/*
 * The theme: colours, fonts sizes shared by the charts and the site.  The
 * one source is styles/theme.css, a file of CSS custom properties that the
 * site links as it is and that theme.c reads (`--name: value;` only, no
 * CSS library).  A property the file lacks keeps its default from the
 * static table in theme.c, so the tool also works without styles/.
 * Include "report.h" first.
 */
#ifndef THEME_H
#define THEME_H

#include <stddef.h>

#define THEME_FILE	"theme.css"	/* within the styles folder */
#define THEME_MAX	(1024 * 1024)	/* [bytes] larger is refused */
#define THEME_NSERIES	8		/* --chart-1 .. --chart-8 */
#define THEME_STR	512		/* [bytes] a string, its NUL too */
#define THEME_NFONTS	3		/* text, heading, code: font.h */
#define THEME_FAMILY	128		/* [bytes] a family name, NUL included */
#define THEME_ICON_RATIO 3		/* a logo wider than 3:1 is too small
					   in a favicon: check warns */

/* The identity's other colours, by role (--<name> in theme.css, in the
 * table of theme.c). */
enum ink {
	INK_TEXT,		/* --text, for the PDF's paragraph styles */
	INK_MUTED,		/* --muted: PDF running heads, leaders */
	INK_PRIMARY,		/* masthead, icon, cover band */
	INK_PRIMARY_DARK,	/* navigation bar, pressed buttons */
	INK_ON_PRIMARY,		/* text and icon on the primary colours */
	INK_ACCENT,		/* PDF titles and rules */
	INK_BACKGROUND,		/* pages, charts, social card */
	INK_BACKGROUND_SOFT,	/* panels of the site */
	INK_LINE,		/* borders */
	INK_LINE_SOFT,		/* light borders */
	INK_LINK,		/* links of the site */
	INK_LINK_VISITED,
	INK_LINK_PRINT,		/* links of the PDF */
	INK_FOCUS,		/* focus ring and highlight */
	INK_FOCUS_TEXT,		/* text on --focus */
	INK_TEXT_SOFT,		/* quotes, subtitles, notes */
	INK_NOTE,		/* captions' descriptions, small print */
	INK_HEADING,		/* site headings */
	INK_HEADING_MINOR,	/* fifth and sixth levels */
	INK_SUBTITLE,		/* site subtitles */
	INK_KICKER,		/* PDF kickers above titles */
	INK_DRAFT_BACKGROUND,	/* draft banner and placeholders */
	INK_DRAFT_LINE,
	INK_DRAFT_TEXT,
	INK_DRAFT_NOTE,
	INK_DRAFT_MARK,		/* PDF draft mark and watermark */
	INK_PRINT_TEXT,		/* the site printed */
	INK_CODE_BACKGROUND,	/* PDF code blocks */
	INK_QUOTE_RULE,		/* PDF block quotes' rule */
	INK_TABLE_HEAD,		/* PDF table head row */
	INK_TABLE_RULE,		/* PDF table rules */
	INK_HEAD_RULE,		/* PDF running head's rule */
	INK_RULE,		/* PDF thematic break */
	INK_BADGE_TEXT,		/* PDF status badges' text */
	INK_BADGE_GAP,		/* PDF badge of a draft's gap */
	INK_BADGE_GAP_LINE,
	INK__MAX
};

struct rgb {
	double	 r, g, b;		/* [0, 1] */
};

struct theme {
	struct rgb	 status[STATUS__MAX];	  /* fills: --status-<code> */
	struct rgb	 status_text[STATUS__MAX]; /* text on white, >= 4.5:1:
						     --status-<code>-text */
	struct rgb	 series[THEME_NSERIES];	  /* Okabe-Ito: --chart-N */
	struct rgb	 text;		/* --text */
	struct rgb	 muted;		/* --muted: sources, notes, ticks */
	struct rgb	 grid;		/* --grid: grid lines */
	struct rgb	 axis;		/* --axis: axis lines, zero line */
	struct rgb	 highlight;	/* --highlight: edition year band */
	struct rgb	 panel;		/* --panel: "Aucune donnée" panel */
	struct rgb	 target;	/* --target: target line */
	double		 size_title;	/* [pt] --chart-size-title */
	double		 size_label;	/* [pt] --chart-size-label */
	double		 size_tick;	/* [pt] --chart-size-tick */
	double		 size_note;	/* [pt] --chart-size-note */
	double		 size_figure;	/* [pt] --chart-size-figure: key
					   figures of the synthesis */
	struct rgb	 ink[INK__MAX];	/* the identity's other colours */
	char		 logo[THEME_STR]; /* --logo: an SVG or PNG file of
					   the styles folder, "" for none;
					   a PNG has its copy at twice the
					   size beside it: theme_logo_2x() */
	char		 logo_alt[THEME_STR]; /* --logo-alt */
	char		 icon[THEME_STR]; /* --icon: a square SVG of the
					   styles folder for the favicon,
					   "" for the logo on --background,
					   or with no logo the bars of
					   theme colours */
	int		 logo_head;	/* --logo-running-head: on */
	/* The faces by family name: --font-text, --font-heading,
	 * --font-code (one quoted name each), indexed by enum font_role;
	 * set is 1 where the file names it, pos where (file NULL for the
	 * defaults). */
	char		 font[THEME_NFONTS][THEME_FAMILY];
	int		 font_set[THEME_NFONTS];
	struct pos	 font_pos[THEME_NFONTS];
};

/* The defaults (no file). */
const struct theme *theme_default(void);
/* Parses CSS text into t, which must hold the values to keep for what the
 * text does not set (e.g. a copy of the defaults).  Comments are skipped,
 * unknown properties and values that do not parse are ignored.  Returns
 * the number of properties set. */
size_t		 theme_parse(struct theme *t, const char *css, size_t len);
/* Loads <styles>/theme.css once per process into the process theme
 * (defaults if styles is NULL or has no such file).  Later calls do
 * nothing.  Call it before drawing from several threads.  Returns 0 after
 * diag_sys() if the file exists but cannot be read. */
int		 theme_load(const char *styles);
/* The process theme: loaded, or the defaults.  Never NULL; read-only. */
const struct theme *theme_get(void);
/* WCAG 2 contrast ratio of two colours, from 1 to 21. */
double		 theme_contrast(struct rgb, struct rgb);
/* The colour as 0xrrggbb. */
unsigned	 theme_hex(struct rgb);
/* Checks <styles>/theme.css: a warning for each pair of colours drawn
 * one on the other below its contrast (4.5:1 for text, 3:1 for graphics),
 * for each colour it does not set and for a logo wider than
 * THEME_ICON_RATIO that the favicon would show (no --icon); an error for
 * a logo or icon that is missing, cannot be drawn or is no plain file
 * name, and for a PNG logo whose copy at twice its size is missing, no
 * PNG, damaged or not exactly twice as wide and as high. */
void		 theme_check(const char *styles);
/* The path of the file name (the theme's logo or icon) in the styles
 * folder (caller frees), or NULL if name is "". */
char		*theme_file_path(const char *styles, const char *name);
/* The name of a PNG logo's copy at twice its size: "logo@2x.png" for
 * "logo.png" (caller frees), or NULL if name does not end in ".png". */
char		*theme_logo_2x(const char *name);

#endif /* THEME_H */
