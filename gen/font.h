/*
 * The project's fonts, pinned: pango sees these files and no others, so
 * layout is the same on every machine whatever fonts it has.  Metrics
 * hinting and glyph-position rounding are off: sizes are print sizes.
 */
#ifndef FONT_H
#define FONT_H

#include <pango/pangocairo.h>

#define FONT_SERIF	"Charis SIL"		/* body text */
#define FONT_SANS	"Noto Sans"		/* headings, charts */
#define FONT_MONO	"DejaVu Sans Mono"	/* code */

/* A new font map over the pinned fonts (caller unrefs).  Font maps are
 * not shared between threads: each thread makes its own.  Exits with
 * EXIT_SYSTEM if a font file is missing (make deps installs them). */
PangoFontMap	*font_map_new(void);
/* A context on fm for cairo output, hinting and rounding off (caller
 * unrefs). */
PangoContext	*font_context(PangoFontMap *fm);
/* A layout on ctx with the given family, size [pt] and weight, language
 * French (caller unrefs). */
PangoLayout	*font_layout(PangoContext *ctx, const char *family,
		    double size, PangoWeight weight);

#endif /* FONT_H */
