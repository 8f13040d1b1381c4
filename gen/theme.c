/*
 * The theme: styles/theme.css (CSS custom properties) over a table of
 * defaults.  The parser knows only `--name: value;` declarations, in any
 * rule: the file is also the site's stylesheet for these properties, so it
 * stays valid CSS.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "theme.h"

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
	.font = { "Charis SIL", "Noto Sans", "DejaVu Sans Mono" },
};

enum ptype {
	PT_COLOUR,
	PT_SIZE,
	PT_FAMILY
};

/* A property: its name without "--", its type, where it goes. */
struct prop {
	const char	*name;
	enum ptype	 type;
	size_t		 off;
};

#define C(n, f)	{ n, PT_COLOUR, offsetof(struct theme, f) }
#define S(n, f)	{ n, PT_SIZE, offsetof(struct theme, f) }
#define F(n, i)	{ n, PT_FAMILY, i }	/* off: the font role */
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
	C("muted", muted),
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
	F("font-text", 0),
	F("font-heading", 1),
	F("font-code", 2),
};
#undef C
#undef S
#undef F

static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static int		 loaded;
static struct theme	 current;
static char		*theme_path;	/* of the loaded file: never freed */

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

/*
 * A family name, "Name" or 'Name' (vl bytes at css + vs), for font role
 * into t, with where it is written in file (line and column counted
 * here: there are three such declarations at most).  No fallback list:
 * a theme names the one face it wants.
 */
static int
parse_family(struct theme *t, size_t role, const char *file,
    const char *css, size_t vs, size_t vl)
{
	const char	*v = css + vs;
	size_t		 i;
	int		 line = 1, col = 1;

	if (vl < 3 || (v[0] != '"' && v[0] != '\'') || v[vl - 1] != v[0] ||
	    vl - 2 >= THEME_FAMILY)
		return 0;
	/* Nothing that would need escaping in CSS or fontconfig. */
	for (i = 1; i + 1 < vl; i++)
		if (strchr("\"'\\,;{}<>&", v[i]) != NULL ||
		    (unsigned char)v[i] < ' ')
			return 0;
	for (i = 0; i < vs; i++)
		if (css[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)css[i] & 0xc0) != 0x80)
			col++;
	memcpy(t->font[role], v + 1, vl - 2);
	t->font[role][vl - 2] = '\0';
	t->font_set[role] = 1;
	t->font_pos[role].file = file;
	t->font_pos[role].line = line;
	t->font_pos[role].col = col;
	return 1;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

size_t
theme_parse_file(struct theme *t, const char *file, const char *css,
    size_t len)
{
	size_t	 i = 0, ns, nl, vs, vl, k, set = 0;
	const struct prop *p;

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
		for (k = 0; k < sizeof(props) / sizeof(props[0]); k++) {
			p = &props[k];
			if (strlen(p->name) != nl ||
			    strncmp(p->name, css + ns, nl) != 0)
				continue;
			if (p->type == PT_FAMILY)
				set += parse_family(t, p->off, file, css, vs,
				    vl);
			else if (p->type == PT_COLOUR ? parse_colour(css + vs,
			    vl, (struct rgb *)((char *)t + p->off)) :
			    parse_size(css + vs, vl,
			    (double *)((char *)t + p->off)))
				set++;
			break;
		}
	}
	return set;
}

size_t
theme_parse(struct theme *t, const char *css, size_t len)
{
	return theme_parse_file(t, NULL, css, len);
}

int
theme_load(const char *styles)
{
	struct buf	 b = { NULL, 0, 0 };
	struct file_fail ff;
	char		*path = NULL;
	int		 rc = 0;

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
	/* The path stays for the positions of the font declarations. */
	theme_parse_file(&current, path, b.data, b.len);
	theme_path = path;
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
