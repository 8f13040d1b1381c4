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
#define THEME_NFONTS	3		/* text, heading, code: font.h */
#define THEME_FAMILY	128		/* [bytes] a family name, NUL included */

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
/* The same, with font declarations' positions reported in file, which
 * must outlive t. */
size_t		 theme_parse_file(struct theme *t, const char *file,
		    const char *css, size_t len);
/* Loads <styles>/theme.css once per process into the process theme
 * (defaults if styles is NULL or has no such file).  Later calls do
 * nothing.  Call it before drawing from several threads.  Returns 0 after
 * diag_sys() if the file exists but cannot be read. */
int		 theme_load(const char *styles);
/* The process theme: loaded, or the defaults.  Never NULL; read-only. */
const struct theme *theme_get(void);
/* WCAG 2 contrast ratio of two colours, from 1 to 21. */
double		 theme_contrast(struct rgb, struct rgb);

#endif /* THEME_H */
