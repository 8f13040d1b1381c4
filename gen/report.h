/*
 * The report model: the plan, its measures and indicators, and the yearly
 * editions with their Markdown narratives.  Loaded once (load.c, xml.c,
 * md.c), checked once (validate.c); every backend only reads it.
 *
 * Every string and array here lives in the report's arena and is freed by
 * report_free(); nothing in the model is freed on its own.  Strings are
 * UTF-8, already through the French typography pass (typo.c) where they are
 * prose.  This header includes nothing but the standard library.
 */
#ifndef REPORT_H
#define REPORT_H

#include <stddef.h>

/* Where something comes from: file (relative to the working directory, as
 * given on the command line), line and column, both counted from 1; 0 when
 * unknown. */
struct pos {
	const char	*file;
	int		 line;
	int		 col;
};

/* Assessment statuses, in the order reports list them (best first). */
enum status {
	STATUS_IMPLEMENTED,	/* « Réalisée » */
	STATUS_PARTIAL,		/* « Partiellement réalisée » */
	STATUS_IN_PROGRESS,	/* « En cours » */
	STATUS_NOT_IMPLEMENTED,	/* « Non réalisée » */
	STATUS_NOT_ASSESSED,	/* « Information insuffisante » */
	STATUS__MAX
};

/* How a measure's status moved from one edition to the next
 * (report_change()). */
enum change {
	CHANGE_SAME,
	CHANGE_BETTER,
	CHANGE_WORSE,
	CHANGE_OTHER,		/* to or from "not assessed" */
	CHANGE__MAX
};

enum direction {
	DIRECTION_HIGHER,	/* higher is better */
	DIRECTION_LOWER,	/* lower is better */
	DIRECTION__MAX
};

/* How an indicator is charted; defaults are resolved when loading. */
enum chart_kind {
	CHART_LINE,		/* one series over the years, line and markers */
	CHART_BAR,		/* one series over the years, vertical bars */
	CHART_STACKED,		/* categories stacked per year */
	CHART_HBAR,		/* categories as horizontal bars, latest year */
	CHART__MAX
};

/* One year's value of a series. */
struct value {
	int		 year;
	double		 v;		/* [data] finite */
	int		 illustrative;	/* not from a published source */
	const char	*note;		/* or NULL */
	struct pos	 pos;
};

/* A baseline or a target: set is 0 when absent. */
struct point {
	int		 set;
	int		 year;
	double		 v;		/* [data] */
	int		 illustrative;
	struct pos	 pos;
};

/* Values of one series, sorted by year, one per year at most.  An indicator
 * without categories has exactly one series, with id NULL and the
 * indicator's label. */
struct series {
	const char	*id;		/* category id, or NULL */
	const char	*label;
	struct value	*vals;
	size_t		 nvals;
	struct pos	 pos;
};

struct measure;

struct indicator {
	const char	*id;		/* unique within its measure */
	const char	*label;
	const char	*unit;		/* "%", "€" or a French word */
	const char	*definition;
	const char	*source;
	const char	*source_url;	/* or NULL */
	const char	*note;		/* or NULL */
	enum direction	 direction;
	enum chart_kind	 chart;
	struct point	 baseline;
	struct point	 target;
	int		 categories;	/* series are categories */
	struct series	*series;
	size_t		 nseries;	/* >= 1 */
	const struct measure *measure;
	struct pos	 pos;
};

struct assessment {
	int		 year;
	enum status	 status;
	const char	*text;		/* one-line justification */
	struct pos	 pos;
};

struct priority;
struct objective;

/*
 * How the items of one level of the plan are named and numbered
 * (<level> in plan.xml, or the default: Priorité I, Objectif I.1,
 * Mesure 1).  Level 0 is the priorities, the last the measures, those
 * between the objectives (nested <objective> elements); a plan of one
 * level has its measures alone.
 */
enum numbering {
	NUMBERING_ROMAN,	/* I, II… by position */
	NUMBERING_ARABIC,	/* 1, 2… by position */
	NUMBERING_ID,		/* the id as written */
	NUMBERING__MAX
};

#define MAX_LEVELS	4

struct level {
	const char	*singular;	/* "Axe" */
	const char	*plural;	/* "Axes" */
	const char	*before;	/* a word before the number: "n°", or
					 * "" */
	enum numbering	 numbering;
	int		 per_parent;	/* numbers restart in each parent */
	struct pos	 pos;
};

/* One status of the plan's scale (<status> in plan.xml, or the CNCDH's
 * five).  slot is the theme's swatch and pattern it is drawn with, and
 * "not-assessed" is the one neither better nor worse than the others. */
struct scale_status {
	const char	*id;		/* as the indicator files write it */
	const char	*label;		/* as the reports show it */
	enum status	 slot;
	struct pos	 pos;
};

struct measure {
	const char	*id;		/* "m01" */
	int		 number;	/* 1 */
	const char	*num;		/* its number as shown: "1" */
	const char	*label;		/* "Mesure 1" (level_label()) */
	size_t		 index;		/* position in plan.measures */
	const char	*title;
	const char	*lead;		/* or NULL */
	const char	**partners;
	size_t		 npartners;
	const struct priority *priority;
	const struct objective *objective; /* or NULL */
	struct indicator *inds;
	size_t		 ninds;
	struct assessment *assess;	/* sorted by year */
	size_t		 nassess;
	const char	*ind_file;	/* its indicator file, or NULL */
	struct pos	 pos;		/* in plan.xml */
};

struct objective {
	const char	*id;		/* "I.2" */
	const char	*num;		/* its number as shown: "I.2" */
	const char	*label;		/* "Objectif I.2" (level_label()) */
	size_t		 level;		/* 1 .. nlevels - 2 */
	const struct objective *parent;	/* the objective it is in, or NULL */
	const char	*title;
	struct measure	**measures;
	size_t		 nmeasures;
	struct pos	 pos;
};

/* In a plan of one level (plan_flat()), the one priority is implicit:
 * id, num, label and title are NULL, and it holds every measure. */
struct priority {
	const char	*id;		/* roman numeral, "II" */
	int		 number;	/* 2 */
	const char	*num;		/* its number as shown: "II" */
	const char	*label;		/* "Priorité II" (level_label()) */
	const char	*title;
	struct objective *objs;		/* may be empty; every level in
					 * document order, a parent first */
	size_t		 nobjs;
	struct measure	**measures;	/* all of its measures, in order */
	size_t		 nmeasures;
	struct pos	 pos;
};

struct plan {
	const char	*title;
	const char	*short_title;	/* title when absent */
	const char	*adopted;	/* YYYY-MM-DD or NULL */
	const char	*source;	/* or NULL */
	const char	*source_url;	/* or NULL */
	int		 start, end;	/* plan period, years */
	int		 data_from;	/* first year a value may have */
	struct priority	*prios;
	size_t		 nprios;
	struct measure	*measures;	/* in plan order */
	size_t		 nmeasures;
	struct level	 levels[MAX_LEVELS];
	size_t		 nlevels;	/* 1 .. MAX_LEVELS; the measures are
					 * levels[nlevels - 1] */
	struct scale_status scale[STATUS__MAX]; /* best first */
	size_t		 nscale;
	const struct scale_status *status[STATUS__MAX]; /* by slot, or NULL
					 * when the scale has none */
	int		 own_scale;	/* <statuses>: not the CNCDH's five,
					 * whose wording the key figures use */
	const char	*file;
};

/* Markdown, after cmark and the typography pass. */
enum block_type {
	BLOCK_PARAGRAPH,
	BLOCK_HEADING,		/* level 2..6 */
	BLOCK_LIST,		/* children are BLOCK_ITEM */
	BLOCK_ITEM,
	BLOCK_QUOTE,
	BLOCK_CODE,		/* text, info */
	BLOCK_RULE,
	BLOCK_HTML,		/* raw HTML, kept as literal text only */
	BLOCK__MAX
};

enum span_type {
	SPAN_TEXT,		/* text */
	SPAN_CODE,		/* text, verbatim */
	SPAN_EMPH,		/* children */
	SPAN_STRONG,		/* children */
	SPAN_LINK,		/* href, title; children */
	SPAN_IMAGE,		/* href as written, path, w, h; children = alt */
	SPAN_SOFTBREAK,
	SPAN_LINEBREAK,
	SPAN_HTML,		/* raw HTML, kept as literal text only */
	SPAN_LANG,		/* <span lang="…">: text is the language
				   tag; children */
	SPAN__MAX
};

/* The kinds of image a narrative may show, told by the file's name and
 * checked against its bytes. */
enum img_kind {
	IMG_PNG,
	IMG_JPEG,		/* embedded as JPEG in the PDF */
	IMG_SVG,		/* drawn as vectors in the PDF */
	IMG__MAX
};

struct part;
struct edition;

/*
 * Where a link between narratives leads (a LINK span whose address names
 * a Markdown file of the content or an anchor, resolved by xref.c once
 * everything is loaded).  Backends make their own address from it: a
 * relative URL in the site, a named destination in the PDF.
 */
struct xref {
	const struct edition *e;	/* the target's edition */
	const struct measure *m;	/* a measure's narrative, or NULL */
	const struct part *pt;		/* or a front or back part */
	int		 back;		/* pt is in the back matter */
	const char	*anchor;	/* id in the page: a heading's id,
					 * "ind-" and an indicator's id, or
					 * NULL for the page's top */
	const char	*dest;		/* its PDF named destination */
};

struct span {
	enum span_type type;
	const char	*text;		/* TEXT, CODE, HTML */
	const char	*href;		/* LINK, IMAGE: as written */
	const char	*title;		/* LINK, IMAGE: or NULL */
	const char	*path;		/* IMAGE: file path, inside content */
	int		 w, h;		/* IMAGE: [px] */
	enum img_kind	 kind;		/* IMAGE */
	const char	*hash;		/* IMAGE: of its bytes, 16 hex digits:
					 * names its one copy in the site */
	size_t		 bytes;		/* IMAGE: [bytes] of the file */
	const struct xref *ref;		/* LINK: to a page of the report, or
					 * NULL (a web or mail address) */
	int		 local;		/* LINK: address without a scheme,
					 * for xref.c */
	int		 pageref;	/* LINK: after « voir », the PDF adds
					 * the target's page number */
	struct pos	 pos;		/* where it starts in the source (an
					 * IMAGE: the reference) */
	struct span	*child;
	struct span	*next;
};

struct block {
	enum block_type	 type;
	int		 level;		/* HEADING: 2..6, distinct Markdown
					 * levels kept distinct */
	int		 quoted;	/* HEADING: inside a block quote (out
					 * of the page's contents) */
	const char	*id;		/* HEADING: its id in the page, from
					 * its text (xref.c) */
	const char	*dest;		/* HEADING: its PDF destination */
	int		 ordered;	/* LIST */
	int		 start;		/* LIST, when ordered */
	int		 tight;		/* LIST */
	const char	*text;		/* CODE, HTML */
	const char	*info;		/* CODE: info string or NULL */
	struct span	*ins;		/* PARAGRAPH, HEADING */
	struct block	*child;		/* LIST, ITEM, QUOTE */
	struct block	*next;
	struct pos	 pos;
};

/* An HTML comment: the authors' note, never printed. */
struct mdnote {
	const char	*text;		/* the comment, markers included */
	struct pos	 pos;
};

/* A character of a Markdown file at its first place (md.c's
 * clean_utf8()). */
struct charpos {
	unsigned	 c;		/* code point */
	int		 line, col;	/* from 1; a column is a character */
};

/* One Markdown file. */
struct doc {
	const char	*file;
	struct block	*blocks;	/* NULL when empty */
	size_t		 words;		/* words of prose, for the review */
	struct mdnote	*notes;		/* its HTML comments, in order */
	size_t		 nnotes, notecap;
	const char	*missing;	/* path of the file expected, when it
					 * does not exist (file is NULL) */
	int		 gapline;	/* line (from 1) of its first gap
					 * marker (gap_find()), or 0 */
	struct charpos	*chars;		/* its characters, each once, in
					 * the order of their first places:
					 * for font_check(), without reading
					 * the file again */
	size_t		 nchars;
};

/* A front or back matter part of an edition. */
struct part {
	const char	*file;		/* name within the edition folder */
	const char	*slug;		/* file without ".md" */
	const char	*title;
	struct doc	 doc;
	struct pos	 pos;		/* in edition.xml */
};

struct edition {
	int		 year;
	int		 draft;		/* status="draft" */
	const char	*date;		/* YYYY-MM-DD */
	const char	*title;
	const char	*subtitle;	/* or NULL */
	const char	*institution;
	const char	*role;		/* of the institution, or NULL */
	const char	*series;	/* "Rapports annuels …", or NULL */
	const char	*assessor;	/* "du rapporteur national", or NULL */
	const char	*keywords;	/* of the PDF, or NULL */
	const char	**authors;
	size_t		 nauthors;
	struct part	*front;
	size_t		 nfront;
	struct part	*back;
	size_t		 nback;
	struct doc	*narr;		/* [plan.nmeasures], by measure index */
	const struct edition *prev;	/* the edition of the year before, or NULL */
	const char	*file;		/* its edition.xml */
	struct pos	 pos;
};

struct arena;

/* content/site.xml: the publisher's site, for the legal notices, the
 * accessibility statement and the contact page.  Optional. */
enum a11y_status {
	A11Y_NONE,		/* « non conforme »: no audit, or failed */
	A11Y_PARTIAL,		/* « partiellement conforme » */
	A11Y_FULL,		/* « totalement conforme » */
	A11Y__MAX
};

struct site {
	const char	*publisher;
	const char	*address;
	const char	*director;	/* or NULL */
	const char	*contact;	/* how to write: text */
	const char	*email;		/* or NULL */
	const char	*contact_url;	/* or NULL */
	const char	*host;		/* hosting provider */
	const char	*licence;
	const char	*licence_url;	/* or NULL */
	enum a11y_status a11y;
	const char	*a11y_date;	/* YYYY-MM-DD or NULL */
	const char	*a11y_rate;	/* percentage as written, or NULL */
	const char	*a11y_standard;	/* e.g. "RGAA 4.1" */
	const char	*auditor;	/* or NULL */
	const char	**exceptions;	/* content known not to be accessible */
	size_t		 nexceptions;
	const char	*file;
};

struct report {
	struct plan	 plan;
	struct site	*site;		/* NULL without content/site.xml */
	struct edition	*eds;		/* ascending year */
	size_t		 neds;
	const char	*content;	/* the content folder */
	const char	*root;		/* its real path, NULL if unknown */
	int		 only;		/* the one edition loaded in full
					 * (--year), 0: every edition */
	struct arena	*ar;		/* owns everything above */
};

/* The CNCDH's status vocabulary, the default scale: code in XML, French
 * label.  Backends use the plan's scale (status_name()). */
extern const char *const status_code[STATUS__MAX];
extern const char *const status_label[STATUS__MAX];

#endif /* REPORT_H */
