/*
 * The theme: styles/theme.css (CSS custom properties) over a table of
 * defaults.  The parser knows only `--name: value;` declarations, in any
 * rule: the file is also the site's stylesheet for these properties, so it
 * stays valid CSS.
 */
#include <sys/stat.h>

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "report.h"
#include "extern.h"
#include "msg.h"
#include "theme.h"
#include "svgdraw.h"

#define RGB(x)	{ ((x) >> 16 & 0xff) / 255.0, ((x) >> 8 & 0xff) / 255.0, \
		  ((x) & 0xff) / 255.0 }

/* Status fills are the Okabe-Ito hues; their text variants are darker so
 * that text in them on white reaches 4.5:1 (tests/unit-chart checks). */
static const struct theme defaults = {
	.status = {
		RGB(0x009e73),	/* STATUS_IMPLEMENTED: bluish green */
		RGB(0x56b4e9),	/* STATUS_PARTIAL: sky blue */
		RGB(0xe69f00),	/* STATUS_IN_PROGRESS: orange */
		RGB(0xd55e00),	/* STATUS_NOT_IMPLEMENTED: vermillion */
		RGB(0x999999),	/* STATUS_NOT_ASSESSED: grey */
	},
	.status_text = {
		RGB(0x00795a),	/* STATUS_IMPLEMENTED */
		RGB(0x0b6e99),	/* STATUS_PARTIAL */
		RGB(0x8a6100),	/* STATUS_IN_PROGRESS */
		RGB(0xb34700),	/* STATUS_NOT_IMPLEMENTED */
		RGB(0x636363),	/* STATUS_NOT_ASSESSED */
	},
	.series = {
		RGB(0x0072b2),	/* blue */
		RGB(0xe69f00),	/* orange */
		RGB(0x009e73),	/* bluish green */
		RGB(0xd55e00),	/* vermillion */
		RGB(0x56b4e9),	/* sky blue */
		RGB(0xcc79a7),	/* reddish purple */
		RGB(0xf0e442),	/* yellow */
		RGB(0x000000),	/* black */
	},
	.text = RGB(0x1a1a1a),
	.muted = RGB(0x595959),
	.grid = RGB(0xdddddd),
	.axis = RGB(0x595959),
	.highlight = RGB(0xf1f1f1),
	.panel = RGB(0xf4f4f4),
	.target = RGB(0x1a1a1a),
	.size_title = 13,
	.size_label = 9.5,
	.size_tick = 8.5,
	.size_note = 8,
	.size_figure = 26,
	.ink = {
		[INK_TEXT] = RGB(0x1a1a1a),
		[INK_MUTED] = RGB(0x595959),
		[INK_PRIMARY] = RGB(0x15305a),
		[INK_PRIMARY_DARK] = RGB(0x0f2447),
		[INK_ON_PRIMARY] = RGB(0xffffff),
		[INK_ACCENT] = RGB(0x1f3a5f),
		[INK_BACKGROUND] = RGB(0xffffff),
		[INK_BACKGROUND_SOFT] = RGB(0xf5f6f8),
		[INK_LINE] = RGB(0xd0d4da),
		[INK_LINE_SOFT] = RGB(0xe6e8eb),
		[INK_LINK] = RGB(0x0b5394),
		[INK_LINK_VISITED] = RGB(0x5b3a8c),
		[INK_LINK_PRINT] = RGB(0x1a4a80),
		[INK_FOCUS] = RGB(0xffbf47),
		[INK_FOCUS_TEXT] = RGB(0x0b0c0c),
		[INK_TEXT_SOFT] = RGB(0x333333),
		[INK_NOTE] = RGB(0x4d4d4d),
		[INK_HEADING] = RGB(0x0e1e3a),
		[INK_HEADING_MINOR] = RGB(0x33415c),
		[INK_SUBTITLE] = RGB(0x2b3645),
		[INK_KICKER] = RGB(0x8a5a00),
		[INK_DRAFT_BACKGROUND] = RGB(0xfff4d6),
		[INK_DRAFT_LINE] = RGB(0x8a6100),
		[INK_DRAFT_TEXT] = RGB(0x3d2b00),
		[INK_DRAFT_NOTE] = RGB(0x6b4b00),
		[INK_DRAFT_MARK] = RGB(0xb34700),
		[INK_PRINT_TEXT] = RGB(0x000000),
		[INK_CODE_BACKGROUND] = RGB(0xf2f2f0),
		[INK_QUOTE_RULE] = RGB(0xb8c4d2),
		[INK_TABLE_HEAD] = RGB(0xe8edf2),
		[INK_TABLE_RULE] = RGB(0xc7ccd4),
		[INK_HEAD_RULE] = RGB(0xbfc4cc),
		[INK_RULE] = RGB(0x8c8c8c),
		[INK_BADGE_TEXT] = RGB(0x111111),
		[INK_BADGE_GAP] = RGB(0xfff4c2),
		[INK_BADGE_GAP_LINE] = RGB(0x8a6d00),
	},
	.logo = "",
	.logo_alt = "",
	.logo_head = 0,
	.icon = "",
	.font = { "Charis SIL", "Noto Sans", "DejaVu Sans Mono" },
};

enum ptype {
	PT_COLOUR,
	PT_SIZE,
	PT_STRING,		/* "…", no escapes, into char[THEME_STR] */
	PT_SWITCH,		/* on or off */
	PT_FAMILY		/* "Name" or 'Name', into char[THEME_FAMILY] */
};

/* A property: its name without "--", its type, where it goes. */
struct prop {
	const char	*name;
	enum ptype	 type;
	size_t		 off;
};

#define C(n, f)	{ n, PT_COLOUR, offsetof(struct theme, f) }
#define S(n, f)	{ n, PT_SIZE, offsetof(struct theme, f) }
#define I(n, k)	{ n, PT_COLOUR, offsetof(struct theme, ink[k]) }
#define F(n, k)	{ n, PT_FAMILY, offsetof(struct theme, font[k]) }
/* A name may come twice: the first entry is where check reports it. */
static const struct prop props[] = {
	C("status-implemented", status[STATUS_IMPLEMENTED]),
	C("status-partial", status[STATUS_PARTIAL]),
	C("status-in-progress", status[STATUS_IN_PROGRESS]),
	C("status-not-implemented", status[STATUS_NOT_IMPLEMENTED]),
	C("status-not-assessed", status[STATUS_NOT_ASSESSED]),
	C("status-implemented-text", status_text[STATUS_IMPLEMENTED]),
	C("status-partial-text", status_text[STATUS_PARTIAL]),
	C("status-in-progress-text", status_text[STATUS_IN_PROGRESS]),
	C("status-not-implemented-text",
	    status_text[STATUS_NOT_IMPLEMENTED]),
	C("status-not-assessed-text", status_text[STATUS_NOT_ASSESSED]),
	C("chart-1", series[0]),
	C("chart-2", series[1]),
	C("chart-3", series[2]),
	C("chart-4", series[3]),
	C("chart-5", series[4]),
	C("chart-6", series[5]),
	C("chart-7", series[6]),
	C("chart-8", series[7]),
	C("text", text),
	I("text", INK_TEXT),
	C("muted", muted),
	I("muted", INK_MUTED),
	C("grid", grid),
	C("axis", axis),
	C("highlight", highlight),
	C("panel", panel),
	C("target", target),
	S("chart-size-title", size_title),
	S("chart-size-label", size_label),
	S("chart-size-tick", size_tick),
	S("chart-size-note", size_note),
	S("chart-size-figure", size_figure),
	I("primary", INK_PRIMARY),
	I("primary-dark", INK_PRIMARY_DARK),
	I("on-primary", INK_ON_PRIMARY),
	I("accent", INK_ACCENT),
	I("background", INK_BACKGROUND),
	I("background-soft", INK_BACKGROUND_SOFT),
	I("line", INK_LINE),
	I("line-soft", INK_LINE_SOFT),
	I("link", INK_LINK),
	I("link-visited", INK_LINK_VISITED),
	I("link-print", INK_LINK_PRINT),
	I("focus", INK_FOCUS),
	I("focus-text", INK_FOCUS_TEXT),
	I("text-soft", INK_TEXT_SOFT),
	I("note", INK_NOTE),
	I("heading", INK_HEADING),
	I("heading-minor", INK_HEADING_MINOR),
	I("subtitle", INK_SUBTITLE),
	I("kicker", INK_KICKER),
	I("draft-background", INK_DRAFT_BACKGROUND),
	I("draft-line", INK_DRAFT_LINE),
	I("draft-text", INK_DRAFT_TEXT),
	I("draft-note", INK_DRAFT_NOTE),
	I("draft-mark", INK_DRAFT_MARK),
	I("print-text", INK_PRINT_TEXT),
	I("code-background", INK_CODE_BACKGROUND),
	I("quote-rule", INK_QUOTE_RULE),
	I("table-head", INK_TABLE_HEAD),
	I("table-rule", INK_TABLE_RULE),
	I("head-rule", INK_HEAD_RULE),
	I("rule", INK_RULE),
	I("badge-text", INK_BADGE_TEXT),
	I("badge-gap", INK_BADGE_GAP),
	I("badge-gap-line", INK_BADGE_GAP_LINE),
	{ "logo", PT_STRING, offsetof(struct theme, logo) },
	{ "logo-alt", PT_STRING, offsetof(struct theme, logo_alt) },
	{ "logo-running-head", PT_SWITCH, offsetof(struct theme, logo_head) },
	{ "icon", PT_STRING, offsetof(struct theme, icon) },
	F("font-text", 0),
	F("font-heading", 1),
	F("font-code", 2),
};
#define NPROPS	(sizeof(props) / sizeof(props[0]))
#undef C
#undef S
#undef I
#undef F

/* Where a property was set: line 0 if it was not. */
struct tpos {
	int	 line, col;
};

static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static int		 loaded;
static struct theme	 current;

const struct theme *
theme_default(void)
{
	return &defaults;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* "#rgb" or "#rrggbb" (len bytes at s) into c. */
static int
parse_colour(const char *s, size_t len, struct rgb *c)
{
	int	 d[6];
	size_t	 i;

	if ((len != 4 && len != 7) || s[0] != '#')
		return 0;
	for (i = 1; i < len; i++)
		if ((d[i - 1] = hexval((unsigned char)s[i])) < 0)
			return 0;
	if (len == 4) {
		c->r = d[0] * 17 / 255.0;
		c->g = d[1] * 17 / 255.0;
		c->b = d[2] * 17 / 255.0;
	} else {
		c->r = (d[0] * 16 + d[1]) / 255.0;
		c->g = (d[2] * 16 + d[3]) / 255.0;
		c->b = (d[4] * 16 + d[5]) / 255.0;
	}
	return 1;
}

/* "9.5pt" or "12px" (len bytes at s) into *v [pt]; no locale. */
static int
parse_size(const char *s, size_t len, double *v)
{
	double	 n = 0, scale = 1;
	size_t	 i = 0;
	int	 digits = 0;

	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, digits++)
		n = n * 10 + (s[i] - '0');
	if (i < len && s[i] == '.')
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			scale /= 10;
			n += (s[i] - '0') * scale;
			digits++;
		}
	if (digits == 0 || n <= 0 || n > 200)
		return 0;
	if (len - i == 2 && strncmp(s + i, "pt", 2) == 0)
		*v = n;
	else if (len - i == 2 && strncmp(s + i, "px", 2) == 0)
		*v = n * 0.75;
	else
		return 0;
	return 1;
}

/* "text" (len bytes at s, quotes included) into a char[THEME_STR]. */
static int
parse_string(const char *s, size_t len, char *v)
{
	if (len < 2 || s[0] != '"' || s[len - 1] != '"' ||
	    len - 2 >= THEME_STR || memchr(s + 1, '"', len - 2) != NULL ||
	    memchr(s + 1, '\\', len - 2) != NULL)
		return 0;
	memcpy(v, s + 1, len - 2);
	v[len - 2] = '\0';
	return 1;
}

static int
parse_switch(const char *s, size_t len, int *v)
{
	if (len == 2 && strncmp(s, "on", 2) == 0)
		*v = 1;
	else if (len == 3 && strncmp(s, "off", 3) == 0)
		*v = 0;
	else
		return 0;
	return 1;
}

/*
 * A family name, "Name" or 'Name' (len bytes at s), into a
 * char[THEME_FAMILY].  No fallback list: a theme names the one face it
 * wants, and nothing that would need escaping in CSS or fontconfig.
 */
static int
parse_family(const char *s, size_t len, char *v)
{
	size_t	 i;

	if (len < 3 || (s[0] != '"' && s[0] != '\'') || s[len - 1] != s[0] ||
	    len - 2 >= THEME_FAMILY)
		return 0;
	for (i = 1; i + 1 < len; i++)
		if (strchr("\"'\\,;{}<>&", s[i]) != NULL ||
		    (unsigned char)s[i] < ' ')
			return 0;
	memcpy(v, s + 1, len - 2);
	v[len - 2] = '\0';
	return 1;
}

static int
parse_value(const struct prop *p, const char *s, size_t len, void *field)
{
	switch (p->type) {
	case PT_COLOUR:
		return parse_colour(s, len, field);
	case PT_SIZE:
		return parse_size(s, len, field);
	case PT_STRING:
		return parse_string(s, len, field);
	case PT_SWITCH:
		return parse_switch(s, len, field);
	case PT_FAMILY:
		return parse_family(s, len, field);
	}
	return 0;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The line and column of byte off in css. */
static struct tpos
tpos_at(const char *css, size_t off)
{
	struct tpos	 at = { 1, 1 };
	size_t		 i;

	for (i = 0; i < off; i++)
		if (css[i] == '\n') {
			at.line++;
			at.col = 1;
		} else if (((unsigned char)css[i] & 0xc0) != 0x80)
			at.col++;
	return at;
}

/* theme_parse, and where each property was set into pos[NPROPS] if not
 * NULL; where each font is named into t, in file (which outlives t). */
static size_t
parse_at(struct theme *t, const char *file, const char *css, size_t len,
    struct tpos *pos)
{
	size_t	 i = 0, ns, nl, vs, vl, k, role, set = 0;
	const struct prop *p;
	struct tpos	 at;
	int	 hit;

	while (i < len) {
		if (i + 1 < len && css[i] == '/' && css[i + 1] == '*') {
			for (i += 2; i + 1 < len &&
			    !(css[i] == '*' && css[i + 1] == '/'); i++)
				continue;
			i += 2;
			continue;
		}
		/* A declaration starts with "--" after a blank, '{' or ';'. */
		if (!(i + 1 < len && css[i] == '-' && css[i + 1] == '-' &&
		    (i == 0 || is_blank((unsigned char)css[i - 1]) ||
		    css[i - 1] == '{' || css[i - 1] == ';'))) {
			i++;
			continue;
		}
		ns = i += 2;
		while (i < len && ((css[i] >= 'a' && css[i] <= 'z') ||
		    (css[i] >= '0' && css[i] <= '9') || css[i] == '-'))
			i++;
		nl = i - ns;
		while (i < len && is_blank((unsigned char)css[i]))
			i++;
		if (i >= len || css[i] != ':')
			continue;
		for (i++; i < len && is_blank((unsigned char)css[i]); i++)
			continue;
		vs = i;
		while (i < len && css[i] != ';' && css[i] != '}' &&
		    css[i] != '\n')
			i++;
		vl = i - vs;
		while (vl > 0 && is_blank((unsigned char)css[vs + vl - 1]))
			vl--;
		for (hit = 0, k = 0; k < NPROPS; k++) {
			p = &props[k];
			if (strlen(p->name) != nl ||
			    strncmp(p->name, css + ns, nl) != 0 ||
			    !parse_value(p, css + vs, vl, (char *)t + p->off))
				continue;
			if (!hit++)
				set++;
			if (pos != NULL)
				pos[k] = tpos_at(css, ns - 2);
			if (p->type == PT_FAMILY) {
				role = (p->off - offsetof(struct theme,
				    font)) / THEME_FAMILY;
				at = tpos_at(css, vs);
				t->font_set[role] = 1;
				t->font_pos[role] = (struct pos){ file,
				    at.line, at.col };
			}
		}
	}
	return set;
}

size_t
theme_parse(struct theme *t, const char *css, size_t len)
{
	return parse_at(t, NULL, css, len, NULL);
}

int
theme_load(const char *styles)
{
	struct buf	 b = { NULL, 0, 0 };
	struct file_fail ff;
	char		*path = NULL;
	int		 i, rc = 0;

	pthread_mutex_lock(&lock);
	if (loaded) {
		pthread_mutex_unlock(&lock);
		return 1;
	}
	current = defaults;
	if (styles == NULL) {
		rc = 1;
		goto out;
	}
	path = xasprintf("%s/%s", styles, THEME_FILE);
	if (!file_get(path, THEME_MAX, &b, &ff)) {
		if (ff.why == FILE_SYS && ff.err == ENOENT)
			rc = 1;		/* no theme: the defaults */
		else
			file_diag_sys(path, &ff);
		goto out;
	}
	/*
	 * The positions of the font declarations in current point to path:
	 * then current owns it, for the rest of the process.  Else nothing
	 * does, and it is freed below.
	 */
	parse_at(&current, path, b.data, b.len, NULL);
	for (i = 0; i < THEME_NFONTS; i++)
		if (current.font_set[i])
			path = NULL;
	rc = 1;
out:
	loaded = 1;
	pthread_mutex_unlock(&lock);
	free(path);
	buf_free(&b);
	return rc;
}

const struct theme *
theme_get(void)
{
	const struct theme *t;

	pthread_mutex_lock(&lock);
	t = loaded ? &current : &defaults;
	pthread_mutex_unlock(&lock);
	return t;
}

static double
luminance(struct rgb c)
{
	double	 v[3] = { c.r, c.g, c.b };
	int	 i;

	for (i = 0; i < 3; i++)
		v[i] = v[i] <= 0.03928 ? v[i] / 12.92 :
		    pow((v[i] + 0.055) / 1.055, 2.4);
	return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
}

double
theme_contrast(struct rgb a, struct rgb b)
{
	double	 la = luminance(a), lb = luminance(b), t;

	if (la < lb) {
		t = la;
		la = lb;
		lb = t;
	}
	return (la + 0.05) / (lb + 0.05);
}

unsigned
theme_hex(struct rgb c)
{
	return (unsigned)lround(c.r * 255) << 16 |
	    (unsigned)lround(c.g * 255) << 8 | (unsigned)lround(c.b * 255);
}

/*
 * The pairs of colours drawn one on the other, foreground first, and the
 * contrast each needs (WCAG 2.1: 4.5:1 for text, 3:1 for graphics such
 * as focus rings and axes).  Status fills and chart series are left out:
 * a status or a series is always told by a label or a pattern too.
 */
static const struct pair {
	const char	*fg, *bg;
	double		 min;
} pairs[] = {
	{ "text", "background", 4.5 },
	{ "text", "background-soft", 4.5 },
	{ "text", "panel", 4.5 },
	{ "text", "highlight", 4.5 },
	{ "text", "code-background", 4.5 },
	{ "text", "table-head", 4.5 },
	{ "text-soft", "background", 4.5 },
	{ "muted", "background", 4.5 },
	{ "note", "background", 4.5 },
	{ "heading", "background", 4.5 },
	{ "heading-minor", "background", 4.5 },
	{ "subtitle", "background", 4.5 },
	{ "accent", "background", 4.5 },
	{ "kicker", "background", 4.5 },
	{ "link", "background", 4.5 },
	{ "link-visited", "background", 4.5 },
	{ "link-print", "background", 4.5 },
	{ "on-primary", "primary", 4.5 },
	{ "on-primary", "primary-dark", 4.5 },
	{ "focus-text", "focus", 4.5 },
	{ "draft-text", "draft-background", 4.5 },
	{ "draft-note", "draft-background", 4.5 },
	{ "draft-mark", "background", 4.5 },
	{ "print-text", "background", 4.5 },
	{ "status-implemented-text", "background", 4.5 },
	{ "status-partial-text", "background", 4.5 },
	{ "status-in-progress-text", "background", 4.5 },
	{ "status-not-implemented-text", "background", 4.5 },
	{ "status-not-assessed-text", "background", 4.5 },
	{ "badge-text", "badge-gap", 4.5 },
	{ "badge-text", "status-implemented", 4.5 },
	{ "badge-text", "status-partial", 4.5 },
	{ "badge-text", "status-in-progress", 4.5 },
	{ "badge-text", "status-not-implemented", 4.5 },
	{ "badge-text", "status-not-assessed", 4.5 },
	{ "link", "background-soft", 4.5 },
	{ "focus-text", "background", 3 },
	{ "primary", "background", 3 },
	{ "axis", "background", 3 },
	{ "target", "background", 3 },
	{ "draft-line", "draft-background", 3 },
};

static size_t
prop_index(const char *name)
{
	size_t	 k;

	for (k = 0; k < NPROPS; k++)
		if (strcmp(props[k].name, name) == 0)
			return k;
	abort();	/* the pairs name only properties of the table */
}

/* One pair of t below its contrast: a warning where the file sets the
 * foreground, else the background, else at its top. */
static void
check_pair(const char *path, const struct theme *t, const struct tpos *pos,
    const struct pair *pr)
{
	size_t		 f = prop_index(pr->fg), b = prop_index(pr->bg);
	struct rgb	 cf, cb;
	struct pos	 at = { path, 1, 1 };
	double		 ratio;

	memcpy(&cf, (const char *)t + props[f].off, sizeof(cf));
	memcpy(&cb, (const char *)t + props[b].off, sizeof(cb));
	ratio = theme_contrast(cf, cb);
	/* Reported as printed, so that 4.48 never reads "4.50, below 4.5". */
	if (floor(ratio * 100) / 100 >= pr->min)
		return;
	if (pos[f].line != 0 || pos[b].line != 0) {
		at.line = pos[f].line != 0 ? pos[f].line : pos[b].line;
		at.col = pos[f].line != 0 ? pos[f].col : pos[b].col;
	}
	diag_msg(DIAG_WARNING, &at, MSG_THEME_CONTRAST, pr->fg, theme_hex(cf),
	    pr->bg, theme_hex(cb), floor(ratio * 100) / 100, pr->min);
}

/* A colour the file does not set: the PDF and the charts take the
 * default, but the site, which links the file, has none. */
static void
check_unset(const char *path, const struct tpos *pos)
{
	struct pos	 at = { path, 1, 1 };
	struct rgb	 c;
	size_t		 k;

	for (k = 0; k < NPROPS; k++) {
		if (props[k].type != PT_COLOUR ||
		    prop_index(props[k].name) != k || pos[k].line != 0)
			continue;
		memcpy(&c, (const char *)&defaults + props[k].off, sizeof(c));
		diag_msg(DIAG_WARNING, &at, MSG_THEME_UNSET, props[k].name,
		    theme_hex(c));
	}
}

/* A plain name (the site uses it as it is in an address beside the
 * favicon) ending in ".svg", or in ".png" too if png, that is none of
 * the favicon's files. */
static int
plain_name(const char *name, int png)
{
	size_t	 n = strlen(name);

	if (strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789._-") != n ||
	    name[0] == '.' || n < 5)
		return 0;
	if (strcmp(name + n - 4, ".svg") != 0 &&
	    !(png && strcmp(name + n - 4, ".png") == 0))
		return 0;
	return strcmp(name, "favicon.svg") != 0 &&
	    strcmp(name, "favicon.png") != 0 &&
	    strcmp(name, "apple-touch-icon.png") != 0;
}

/* The SVG file fp (prop, its value name), which svgdraw.c must draw; its
 * size into *w, *h [px]. */
static int
check_svg(const struct pos *at, const char *fp, const char *prop,
    const char *name, double *w, double *h)
{
	struct buf	 b = { NULL, 0, 0 };
	struct file_fail ff;
	struct svgdraw	*sd = NULL;
	enum svgdraw_err err = SVGDRAW_OK;
	int		 ok = 0;

	if (!file_get(fp, MAX_SVG_BYTES, &b, &ff))
		diag_msg(DIAG_ERROR, at, MSG_THEME_IMAGE, prop, name,
		    ff.why == FILE_SYS ? strerror(ff.err) : "not a regular "
		    "file, or too large");
	else if ((err = svgdraw_load(b.data, b.len, &sd, w, h)) !=
	    SVGDRAW_OK)
		diag_msg(DIAG_ERROR, at, MSG_THEME_IMAGE, prop, name,
		    svgdraw_strerror(err));
	else
		ok = 1;
	svgdraw_free(sd);
	buf_free(&b);
	return ok;
}

/* One file of a PNG logo (the logo's own or its copy at twice the size,
 * file) decoded as the PDF will draw it; its header into *ii. */
static int
check_png_file(const struct pos *at, const char *styles, const char *logo,
    const char *file, struct image_info *ii)
{
	struct stat	 st;
	char		*fp = theme_file_path(styles, file);
	const char	*why = NULL;
	int		 ok = 0;

	if (stat(fp, &st) == -1)
		why = strerror(errno);
	else
		switch (image_probe(fp, IMG_PNG, ii)) {
		case IMAGE_OK:
			ok = 1;
			break;
		case IMAGE_UNREADABLE:
			why = "not a regular file, or too large";
			break;
		case IMAGE_TOO_MANY_PIXELS:
		case IMAGE_TOO_WIDE:
			diag_msg(DIAG_ERROR, at, MSG_THEME_PNG_LARGE, "logo",
			    file, ii->w, ii->h);
			break;
		case IMAGE_BROKEN:
			diag_msg(DIAG_ERROR, at, MSG_THEME_PNG_BROKEN, "logo",
			    file);
			break;
		case IMAGE_NOT_KIND:
		case IMAGE_OTHER_KIND:
		case IMAGE_TRUNCATED:	/* none of a PNG: */
		case IMAGE_UNSUPPORTED:
		case IMAGE_SVG_REFUSED:
			diag_msg(DIAG_ERROR, at, MSG_THEME_PNG_KIND, "logo",
			    file);
			break;
		}
	if (why != NULL && strcmp(file, logo) == 0)
		diag_msg(DIAG_ERROR, at, MSG_THEME_IMAGE, "logo", logo, why);
	else if (why != NULL)
		diag_msg(DIAG_ERROR, at, MSG_THEME_LOGO_2X, logo, file, why);
	free(fp);
	return ok;
}

/* A PNG logo and its copy at twice its size, exactly, in each side (so
 * of the same aspect too); the logo's size into *w, *h [px]. */
static int
check_png(const struct pos *at, const char *styles, const char *name,
    double *w, double *h)
{
	struct image_info one, two;
	char		*name2 = theme_logo_2x(name);
	int		 ok = 0;

	if (check_png_file(at, styles, name, name, &one) &&
	    check_png_file(at, styles, name, name2, &two)) {
		if (two.w != 2 * one.w || two.h != 2 * one.h)
			diag_msg(DIAG_ERROR, at, MSG_THEME_LOGO_2X_SIZE, name,
			    one.w, one.h, name2, 2 * one.w, 2 * one.h, two.w,
			    two.h);
		else
			ok = 1;
		*w = one.w;
		*h = one.h;
	}
	free(name2);
	return ok;
}

/* The logo or the icon (prop, its value name): a file of the styles
 * folder, an SVG that svgdraw.c draws or, for the logo, a PNG at two
 * resolutions; its size into *w, *h [px]. */
static int
check_image(const char *styles, const char *path, const struct tpos *pos,
    const char *prop, const char *name, double *w, double *h)
{
	struct pos	 at = { path, 1, 1 };
	size_t		 k = prop_index(prop);
	int		 png = strcmp(prop, "logo") == 0, ok;
	char		*fp;

	at.line = pos[k].line;
	at.col = pos[k].col;
	if (!plain_name(name, png)) {
		diag_msg(DIAG_ERROR, &at, MSG_THEME_IMAGE_NAME, prop, name,
		    png ? "an SVG or a PNG" : "an SVG");
		return 0;
	}
	if (image_kind(name) == IMG_PNG)
		return check_png(&at, styles, name, w, h);
	fp = theme_file_path(styles, name);
	ok = check_svg(&at, fp, prop, name, w, h);
	free(fp);
	return ok;
}

/* The logo, with its text, and wide in the favicon when there is no
 * icon; the icon. */
static void
check_images(const char *styles, const char *path, const struct theme *t,
    const struct tpos *pos)
{
	struct pos	 at = { path, 1, 1 };
	size_t		 k = prop_index("logo");
	double		 w, h, ratio;

	at.line = pos[k].line;
	at.col = pos[k].col;
	if (t->logo[0] != '\0' && check_image(styles, path, pos, "logo",
	    t->logo, &w, &h)) {
		if (t->logo_alt[0] == '\0')
			diag_msg(DIAG_ERROR, &at, MSG_THEME_LOGO_ALT, t->logo);
		/* Reported as printed, as the contrasts. */
		ratio = floor(w / h * 10) / 10;
		if (t->icon[0] == '\0' && ratio > THEME_ICON_RATIO)
			diag_msg(DIAG_WARNING, &at, MSG_THEME_LOGO_WIDE,
			    t->logo, ratio, THEME_ICON_RATIO);
	}
	if (t->icon[0] != '\0')
		check_image(styles, path, pos, "icon", t->icon, &w, &h);
}

void
theme_check(const char *styles)
{
	struct buf	 b = { NULL, 0, 0 };
	struct file_fail ff;
	struct tpos	 pos[NPROPS];
	struct theme	 t = defaults;
	char		*path;
	size_t		 i;

	path = xasprintf("%s/%s", styles, THEME_FILE);
	if (!file_get(path, THEME_MAX, &b, &ff)) {
		if (!(ff.why == FILE_SYS && ff.err == ENOENT))
			file_diag_sys(path, &ff);
		free(path);
		return;
	}
	memset(pos, 0, sizeof(pos));
	parse_at(&t, NULL, b.data, b.len, pos);
	check_unset(path, pos);
	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		check_pair(path, &t, pos, &pairs[i]);
	check_images(styles, path, &t, pos);
	free(path);
	buf_free(&b);
}

char *
theme_file_path(const char *styles, const char *name)
{
	if (name[0] == '\0' || styles == NULL)
		return NULL;
	return xasprintf("%s/%s", styles, name);
}

char *
theme_logo_2x(const char *name)
{
	size_t	 n = strlen(name);

	if (image_kind(name) != IMG_PNG)
		return NULL;
	return xasprintf("%.*s@2x%s", (int)(n - 4), name, name + n - 4);
}
