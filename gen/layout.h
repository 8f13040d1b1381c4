/*
 * The PDF layout engine: text and boxes become items (pango layouts
 * broken into lines, unbreakable boxes, tables of rows), and items are
 * placed on pages line by line.  Nothing here draws: pdf.c owns the
 * drawing, the document's shape and its styles' meaning; this module owns
 * measuring and page breaking, so that both can be tested without a PDF.
 *
 * Units are points [pt]; y grows downwards.  Include "report.h",
 * "extern.h" first.
 */
#ifndef LAYOUT_H
#define LAYOUT_H

#include <pango/pangocairo.h>
#include "font.h"

struct hyph;

enum lay_kind {
	LAY_TEXT,	/* the lines of a pango layout; breaks between lines */
	LAY_BOX,	/* one unbreakable box: chart, image, rule, badge */
	LAY_TABLE,	/* rows; breaks between body rows, header repeated */
	LAY_BREAK,	/* the next item starts a new page */
	LAY__MAX
};

/* Text styles, one row each in the table of layout.c. */
enum lay_style {
	STYLE_BODY,		/* justified, hyphenated prose */
	STYLE_ITEM,		/* list item text: as body */
	STYLE_QUOTE,		/* block quote text */
	STYLE_CODE,		/* code block: monospace, wraps anywhere */
	STYLE_H1,		/* chapter title */
	STYLE_H2,
	STYLE_H3,
	STYLE_H4,
	STYLE_H5,
	STYLE_H6,
	STYLE_KICKER,		/* small capitals line above a title */
	STYLE_LEAD,		/* measure facts: lead, partners */
	STYLE_STATUS,		/* assessment justification */
	STYLE_CAPTION,		/* figure and table captions */
	STYLE_DESC,		/* the sentence stating a chart's data */
	STYLE_SMALL,		/* sources, notes under figures */
	STYLE_CELL,		/* table cell */
	STYLE_CELLHEAD,		/* table header cell */
	STYLE_NOTE,		/* numbered link notes at a section's end */
	STYLE_TOC1,		/* contents: chapter entry */
	STYLE_TOC2,		/* contents: section entry */
	STYLE_TOC3,		/* contents: measure entry */
	STYLE__MAX
};

struct lay_style_def {
	enum font_role	 family;	/* of font.h: the theme names it */
	double		 size;		/* [pt] */
	double		 leading;	/* [pt] baseline to baseline */
	PangoWeight	 weight;
	PangoStyle	 slant;
	int		 justify;
	int		 hyphenate;	/* soft hyphens from libhyphen (kept,
					 * when not justified, only in words
					 * wider than a line) */
	int		 wrapany;	/* may break anywhere (code, URLs) */
	double		 before, after;	/* [pt] space above, below */
	int		 keep;		/* with the next item (headings) */
	int		 split;		/* may break across pages */
	unsigned	 ink;		/* INK_* of theme.h: the colour */
	const char	*tag;		/* PDF structure tag */
};
extern const struct lay_style_def lay_styles[STYLE__MAX];

/* A link within a text item: a byte range of the layout's text. */
struct lay_link {
	int		 start, end;	/* [bytes] */
	const char	*uri;		/* external, or NULL */
	const char	*dest;		/* named destination, or NULL */
	const struct xref *ref;		/* or a link between narratives: the
					 * drawing picks dest or file */
	int		 pnum;		/* [bytes] where the target's page
					 * number goes (a blank box of pnumw
					 * after "(p. "), or -1 */
	double		 pnumw;		/* [pt] */
};

/* A span of a text in another language (raw <span lang>): the drawing
 * tags it with its /Lang. */
struct lay_lang {
	int		 start, end;	/* [bytes] */
	const char	*lang;		/* the span's, not owned */
};

/* The cells of a LAY_TABLE item. */
struct lay_table {
	size_t		 nrows, ncols;
	PangoLayout	**cell;		/* [nrows * ncols]; NULL when empty */
	double		*colx;		/* [pt] [ncols + 1] left of each column */
	double		 pad;		/* [pt] inside each cell, every side */
	PangoLayout	*cont;		/* "Caption (suite)", above repeats */
};

/*
 * An item.  The first group of fields is all pagination reads: a unit
 * is a line of text, a row of a table, or the whole box; the unit tests
 * fill only these.  The rest is for drawing, filled by the builders
 * below, and read by pdf.c.  The layouts of texts without spans (cells,
 * markers, captions, headings) are shared by every item of the same
 * text and settings in the pango context: read them, never change them
 * (lay_hang() changes its own copy).
 */
struct lay_item {
	enum lay_kind	 kind;
	double		*uh;		/* [pt] [nu] height of each unit */
	size_t		 nu;
	double		 before, after;	/* [pt] space above, below (dropped at
					 * a page's top; the larger wins) */
	int		 keep;		/* start on the page where the next
					 * item starts */
	int		 orphans;	/* lines at least left at a page foot */
	int		 widows;	/* lines at least carried to a page head */
	char		*hyend;		/* TEXT: [nu] line ends in a hyphen, or
					 * NULL */
	size_t		 nhead;		/* TABLE: header rows */
	double		 conth;		/* TABLE: [pt] added when continued */
	int		 flt;		/* starts a float group: it and the
					 * kept items after it may go to the
					 * top of an earlier page rather than
					 * leave one emptier than a fifth */
	size_t		 anchor;	/* flt: that page must begin at this
					 * item or later */

	enum lay_style	 style;
	int		 role;		/* pdf.c's: what the item is */
	const char	*tag;		/* structure tag, or NULL */
	const char	*group;		/* tag around a run of items, opened
					 * at this item, or NULL */
	int		 gclose;	/* closes the open group after it */
	char		*alt;		/* group "Figure": its alternative
					 * text (owned), or NULL */
	char		*opens;		/* structure tags opened before it,
					 * outermost first: "L LI" (owned),
					 * or NULL */
	int		 ncloses;	/* structure tags closed after it */
	const char	*dest;		/* named destination at its top */
	double		 x, w;		/* [pt] from the column's left */
	double		 pad;		/* [pt] CODE: background margin */
	double		 qx;		/* [pt] QUOTE: the bar, from the
					 * column's left */
	PangoLayout	*layout;	/* TEXT */
	double		*top;		/* TEXT: [pt] [nu] line tops */
	double		*base;		/* TEXT: [pt] [nu] baselines */
	double		*lx;		/* TEXT: [pt] [nu] line left offsets */
	PangoLayout	*marker;	/* TEXT: list marker, or NULL */
	int		 rmarker;	/* TEXT: the marker right of the text
					 * (a right-to-left item) */
	struct lay_link	*links;		/* TEXT */
	size_t		 nlinks;
	struct lay_lang	*langs;		/* TEXT: innermost first */
	size_t		 nlangs;
	struct lay_table *table;	/* TABLE */
	const void	*data;		/* BOX: pdf.c's, not owned */
	int		 n;		/* BOX: pdf.c's */
	const char	*str;		/* owned copy: page numbers' dest */
};

/* Where a piece of an item goes. */
struct lay_piece {
	size_t		 item;		/* index in the items */
	size_t		 first, last;	/* units [first, last) */
	int		 cont;		/* TABLE: a continuation */
	size_t		 page;		/* from 0 */
	double		 y;		/* [pt] top, below the top margin */
	double		 h;		/* [pt] with a continuation's header */
};

struct lay_pages {
	struct lay_piece *piece;
	size_t		 npieces;
	size_t		 npages;	/* at least 1 */
	size_t		 work;		/* units tried, replays included: the
					 * cost, for tests */
};

/*
 * Places the n items on pages whose body is height tall.  Breaks a text
 * only where at least orphans lines stay behind and widows lines go on,
 * never after a line that ends in a hyphen (hyend);
 * never breaks a box; breaks a table only between body rows (two at
 * least on each side, one for a table of fewer than four), giving its continuation the header rows and conth
 * again; starts a kept item on the page of the next item's first lines
 * (a heading is never alone at a page foot).  Something taller than a
 * page is broken where it must: nothing is ever dropped.  A float group
 * that would leave a page more than a fifth empty goes to that page's
 * top instead, if the page begins at its anchor or later; pieces are
 * then in page order, no longer in item order.  Fills pg (free with
 * lay_pages_free).  One pass over the items: a hoisted float replays
 * only the page or two before it, so the work is linear in the units.
 */
void	 lay_paginate(const struct lay_item *, size_t n, double height,
	    struct lay_pages *pg);
void	 lay_pages_free(struct lay_pages *);

/* [pt] Height of units [first, last) of an item, with a continued
 * table's header. */
double	 lay_height(const struct lay_item *, size_t first, size_t last,
	    int cont);

/* ---- builders: from the model to measured items ---- */

/* A growing list of items, with the state of the section being laid out
 * (the numbered link notes). */
struct lay {
	PangoContext	*ctx;		/* from font_context(), not owned */
	struct hyph	*hy;		/* or NULL: no hyphenation */
	double		 width;		/* [pt] the column */
	struct lay_item	*item;
	size_t		 nitems, cap;
	const char	**note;		/* link addresses of the section */
	size_t		 nnotes, notecap;
	int		 notes;		/* number links as notes */
	const char	*notedest;	/* prefix of the notes' dests */
	int		 depth;		/* list nesting, while building */
	int		 pnumdigits;	/* digits a page number reference
					 * makes room for (0: 3) */
	PangoAttrList	*plain[STYLE__MAX]; /* a style's defaults, shared by
					 * its texts without spans, or NULL */
	PangoAttrList	*markless[STYLE__MAX]; /* the same with the mark
					 * features off, for markless texts
					 * (font_markless()), or NULL */
};

void	 lay_init(struct lay *, PangoContext *, struct hyph *,
	    double width);
/* Frees the items and their layouts. */
void	 lay_free(struct lay *);

/* A new zeroed item at the end of the list (the pointer holds until the
 * next call). */
struct lay_item	*lay_add(struct lay *, enum lay_kind);
/* Starts a new page (nothing when the last item already did). */
void	 lay_break(struct lay *);

/* A text item from Markdown inline spans in a style, indented by x
 * [pt].  Links are kept (and numbered as notes when notes is on); images
 * are skipped (see lay_blocks).  Returns the item. */
struct lay_item	*lay_spans(struct lay *, const struct span *,
		    enum lay_style, double x);
/* A text item from plain text (typography already applied). */
struct lay_item	*lay_text(struct lay *, const char *, enum lay_style,
		    double x, double w);
/* The same with a link over the whole text. */
struct lay_item	*lay_text_link(struct lay *, const char *, enum lay_style,
		    double x, double w, const char *uri, const char *dest);
/* pre (plain), then text as a link to uri or dest, then, when notes is
 * on and uri is set, the call of its note.  pre may be NULL. */
struct lay_item	*lay_text_linked(struct lay *, const char *pre,
		    const char *text, enum lay_style, double x, double w,
		    const char *uri, const char *dest);
/* Lines after a text item's first are indented by indent [pt] (a
 * hanging indent); the item is laid out and measured again. */
void	 lay_hang(struct lay_item *, double indent);
/* A text linked to dest (or not, when NULL), its lines after the first
 * indented by hang [pt]: the lines lay_text_link() then lay_hang() give,
 * laid out once. */
struct lay_item	*lay_text_hang(struct lay *, const char *, enum lay_style,
		    double x, double w, const char *dest, double hang);
/* Markdown blocks; headings go down by shift levels (## in a narrative
 * is a level-4 heading when shift is 2).  Images become their own box
 * items (role LAY_ROLE_IMAGE) scaled to the column and at most maxh
 * tall. */
void	 lay_blocks(struct lay *, const struct block *, int shift,
	    double maxh);
/* Appends the numbered link notes collected since the last call (if
 * any) and forgets them; numbering links as notes is off afterwards. */
void	 lay_notes(struct lay *, const char *title);
/* The note number (from 1) of an address within the section, added if
 * new. */
int	 lay_note(struct lay *, const char *uri);

/* A table item: ncols columns of relative widths rel (any scale), nhead
 * header rows; cells[r * ncols + c] are the texts (NULL: empty), right
 * aligned where ralign[c].  cont is the caption shown with " (suite)"
 * above a continuation.  Width: the column's. */
struct lay_item	*lay_table(struct lay *, size_t nrows, size_t ncols,
		    size_t nhead, const double *rel, const int *ralign,
		    const char *const *cells, const char *cont);

/*
 * How far right of pango's place at w [pt] a line of pl is drawn by
 * pango [pango units]: a plain text likely to fit is laid out with no
 * width (layout.c), and a right-aligned one then starts at 0.  Add it
 * to the line's extents when drawing a table cell.
 */
int	 lay_unwrapped_dx(PangoLayout *pl, double w);

/*
 * Reviews the line breaks pango found in pl and edits its text where
 * they fall short (breaks.c): a justified text gets at most two
 * hyphenated lines in a row and no line of one word stretched; a ragged
 * one gets soft hyphens (from hy, when not NULL) only in the words wider
 * than its lines.  The links (byte ranges of the text) and, when own (no
 * other layout shares the list), the attributes follow the text.  Call
 * it once the layout's width, justification and indent are set.
 */
void	 lay_fix_breaks(PangoLayout *pl, struct hyph *hy, int own,
	    struct lay_link *, size_t nlinks);

/* Roles pdf.c uses for the items the builders make. */
enum {
	LAY_ROLE_NONE,
	LAY_ROLE_IMAGE,		/* data: the struct span of a PNG */
	LAY_ROLE_RULE,		/* a thematic break */
	LAY_ROLE_CODE,		/* text on a shaded ground */
	LAY_ROLE_QUOTE,		/* text with a bar on its left */
	LAY_ROLE__BUILDER	/* pdf.c numbers its own roles from here */
};

#endif /* LAYOUT_H */
