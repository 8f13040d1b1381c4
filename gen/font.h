/*
 * The project's fonts, pinned: pango sees these files and no others, so
 * layout is the same on every machine whatever fonts it has.  Metrics
 * hinting and glyph-position rounding are off: sizes are print sizes.
 *
 * Three faces chosen by the theme (--font-text, --font-heading,
 * --font-code, by family name), the fonts of styles/fonts/, and after
 * them a fixed list of Noto fonts (and Symbola) that pango falls back to,
 * in that order, for any script the faces lack.  Include "report.h"
 * first.
 */
#ifndef FONT_H
#define FONT_H

#include <pango/pangocairo.h>

struct buf;
struct report;

enum font_role {
	FONT_TEXT,		/* body text: Charis SIL */
	FONT_HEADING,		/* headings, charts, running heads: Noto Sans */
	FONT_CODE,		/* code: DejaVu Sans Mono */
	FONT__MAX
};

#define FONT_DIR	"fonts"		/* within the styles folder */

#define FONT_SERIF	font_family(FONT_TEXT)
#define FONT_SANS	font_family(FONT_HEADING)
#define FONT_MONO	font_family(FONT_CODE)

/* Builds the fontconfig configuration from the theme of styles (loaded
 * here if it was not) and its fonts folder; once per process, later
 * calls return the first one's answer.  A family of the theme that is
 * neither in styles/fonts/ nor installed is an error (diag, at its
 * declaration); a missing font file of the fallback list is a system
 * error.  Returns 0 after either. */
int		 font_load(const char *styles);
/*
 * fontconfig's own configuration (the system's files: where the caches
 * of font folders are, where an installed family is), which font_load()
 * asks for and which is most of its time, read in a thread of its own
 * from font_preload() on, while the content loads.  font_preload_wait()
 * waits for that thread: before a fork (a child must not lose it midway)
 * and in font_load().  Either does nothing when called again.
 */
void		 font_preload(void);
void		 font_preload_wait(void);
/* The family of a role (the theme's; owned by theme.c). */
const char	*font_family(enum font_role);
/* Warns, in every Markdown file of r, at each character that no font of
 * the configuration has (after font_load()). */
void		 font_check(const struct report *r);
/*
 * Might text (len bytes; -1: up to its NUL) at size [pt] fit on one line
 * of w [pt]?  A guess, on 0.45 em a character (Noto Sans and Charis
 * average more; on the sample, 0.45 does best of 0.35 to 0.5).  pango
 * 1.50 shapes a text twice when its layout has a width, even a text that
 * fits: the charts and the PDF lay a text likely to fit out with no width
 * first and keep it when it fits (a miss costs one layout more).
 */
int		 font_may_fit(const char *text, gssize len, double size,
		    double w);
/* A new font map over the pinned fonts (caller unrefs).  Font maps are
 * not shared between threads: each thread makes its own.  Exits with
 * EXIT_SYSTEM if the fonts cannot be loaded (make deps installs them). */
PangoFontMap	*font_map_new(void);
/* A context on fm for cairo output, hinting and rounding off (caller
 * unrefs). */
PangoContext	*font_context(PangoFontMap *fm);
/* A description of the given family, size [pt] and weight: the one
 * font_layout() gives its layouts (caller frees). */
PangoFontDescription *font_desc(const char *family, double size,
		    PangoWeight weight);
/* A layout on ctx with the given family, size [pt] and weight, language
 * French (caller unrefs). */
PangoLayout	*font_layout(PangoContext *ctx, const char *family,
		    double size, PangoWeight weight);
/*
 * Is text (len bytes; -1: up to its NUL) markless: set in the theme's
 * faces, whatever the weight and slant, where the OpenType features
 * mark and mkmk cannot move any of its glyphs?  Then turning them off
 * (FONT_NO_MARKS) changes nothing but the time harfbuzz takes.  ctx: a
 * context of font_context()'s (the first call's is used once, to build
 * the table of the characters of such texts: about 0.1 G instructions,
 * which the PDF's paragraphs repay several times over, and the charts'
 * short labels do not, so they keep the features).
 */
#define FONT_NO_MARKS	"mark 0, mkmk 0"
int		 font_markless(PangoContext *ctx, const char *text,
		    gssize len);
/* Sets the text of l, a layout without attributes that cuts no text
 * with an ellipsis (len as pango_layout_set_text()'s): with the mark
 * features off when it is markless. */
void		 font_set_text(PangoLayout *l, const char *text, int len);

#endif /* FONT_H */
