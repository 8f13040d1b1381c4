/*
 * Hyphenation for the PDF: soft hyphens (U+00AD) inserted at the break
 * points that libhyphen finds with the patterns of the content's
 * language (Debian hyphen-fr, hyphen-en-us: i18n.h).  Pango breaks a word only where such a hyphen sits;
 * breaks.c then reviews the lines (lay_fix_breaks() in layout.h), pdf.c
 * hangs a hyphen at the lines that end on one, and hyph_show_line() draws
 * the lines with the soft hyphens left out of the PDF's text.  Only the
 * PDF uses this: the site lets the browser hyphenate (CSS hyphens: auto),
 * so its text never carries soft hyphens.  Include "report.h", "extern.h"
 * first.
 */
#ifndef HYPH_H
#define HYPH_H

#include <pango/pangocairo.h>

/* The French patterns; the PDF loads the language's (i18n_hyph_dict()). */
#define HYPH_DICT	"/usr/share/hyphen/hyph_fr.dic"
#define HYPH_SHY	"\xc2\xad"	/* U+00AD soft hyphen */
/* A soft hyphen that ends a paragraph, so that pango leaves the line it
 * ends unjustified (breaks.c): CR LF, never found in the text otherwise
 * (cmark and libxml2 turn CR LF into LF).  A line before one ends in a
 * hyphen too. */
#define HYPH_SOFTEND	"\r\n"

struct hyph;

/* Loads the dictionary at path (i18n_hyph_dict()).  Returns NULL after
 * diag_sys() if it cannot be read.  Caller frees with hyph_free().  One
 * dictionary (with the words it has hyphenated, kept) may serve one
 * thread at a time. */
struct hyph	*hyph_new(const char *path);
void		 hyph_free(struct hyph *);	/* NULL is fine */

/* Appends the len bytes of UTF-8 text s to out, with a soft hyphen at
 * each break point of its words.  A word is a run of letters; runs of
 * fewer than 5 letters, words that start with a capital (proper nouns,
 * acronyms), and tokens that hold a digit, an address or a path, a soft
 * hyphen or a hyphen-like character are copied as they are.  At least 2
 * letters stay before a break and 3 after. */
void		 hyph_put(struct hyph *, struct buf *out, const char *s,
		    size_t len);

/* Draws a line of a pango layout with its baseline's left end at the
 * current point, as pango_cairo_show_layout_line() does, but with the
 * soft hyphens left out of the text the PDF maps its glyphs to.  Runs
 * without a colour of their own take the current source; the current
 * point ends after the line.  (shy.c) */
void		 hyph_show_line(cairo_t *, PangoLayoutLine *);

/* Bytes of marks libhyphen may write for a word of n bytes. */
#define HYPH_MARKS(n)	((n) + 5)

/* The break marks of the lowercase UTF-8 word low of n bytes, one a
 * character (odd: a break after it), into marks, which holds marksz
 * bytes, at least HYPH_MARKS(n).  Returns 0 if marksz is too small or
 * libhyphen has no standard answer, 1 otherwise. */
int		 hyph_marks(struct hyph *, const char *low, size_t n,
		    char *marks, size_t marksz);

#endif /* HYPH_H */
