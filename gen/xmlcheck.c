/*
 * Schema problems in the tool's own words.  libxml2's RELAX NG validator
 * decides whether a document is valid (the .rng files of gen/schema);
 * when it is not,
 * its messages say little ("Element indicator failed to validate
 * attributes": which attribute? what is allowed?).  This file walks the
 * document against a description of the same schemas, one table row per
 * element, and says what was found and what is expected, with the
 * allowed values.  The tables must follow the .rng files: tests/bad/
 * holds a golden message for each kind of fault, and the sample content,
 * which is valid, must draw none.
 *
 * The libxml2 side of the loader (with xml.c): messages are handed to a
 * callback, which turns the node into file:line:col.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/tree.h>

#include "report.h"
#include "extern.h"
#include "msg.h"
#include "xmlcheck.h"

#define RNG_NS	"http://relaxng.org/ns/structure/1.0"

/* What an attribute value or a text may hold. */
enum vt {
	VT_NONE,	/* no text at all (elements only, or empty) */
	VT_ANY,		/* any text, checked by the loader */
	VT_TEXT,	/* some text: at least one character */
	VT_YEAR,	/* [0-9]{4} */
	VT_DATE,	/* YYYY-MM-DD, a real day */
	VT_ID,		/* [a-z0-9][a-z0-9-]* */
	VT_MID,		/* m[0-9]{2,4} */
	VT_ITEMID,	/* [A-Za-z0-9][A-Za-z0-9.-]* */
	VT_POSINT,	/* a whole number from 1 */
	VT_URL,		/* https?://\S+ */
	VT_PARTFILE,	/* [a-z0-9][a-z0-9-]*\.md */
	VT_EMAIL,	/* [^@\s]+@[^@\s]+\.[^@\s]+ */
	VT_PERCENT,	/* a decimal from 0 to 100 */
	VT_ENUM,	/* one of a list */
	VT__MAX
};

/* "expected ..." for each type but VT_ENUM (which lists its values). */
static const char *const vt_expect[VT__MAX] = {
	"nothing",						/* NONE */
	"any text",						/* ANY */
	"some text",						/* TEXT */
	"a year of four digits, such as 2016",			/* YEAR */
	"a date written YYYY-MM-DD, such as 2017-07-06",	/* DATE */
	"lower-case letters, digits and hyphens, such as "
	    "victimes-identifiees",				/* ID */
	"\"m\" and the measure number on 2 to 4 digits, such as m07",
								/* MID */
	"letters, digits, dots and hyphens, such as II or I.2",	/* ITEMID */
	"a whole number from 1, such as 7",			/* POSINT */
	"an address starting with http:// or https://, without "
	    "spaces",						/* URL */
	"a file name of lower-case letters, digits and hyphens "
	    "ending in .md, such as avant-propos.md",		/* PARTFILE */
	"an e-mail address, such as contact@example.org",	/* EMAIL */
	"a number from 0 to 100 with a decimal point, such as 76.5",
								/* PERCENT */
	NULL,							/* ENUM */
};

struct sattr {
	const char	*name;
	int		 required;
	enum vt		 type;
	const char *const *values;	/* VT_ENUM: NULL-terminated */
};

/* One place in an element's sequence of children: name (or alt instead,
 * never both in one element), min to max times (0: no limit). */
struct sslot {
	const char	*name;
	const char	*alt;		/* or NULL */
	int		 min, max;
	const char	*what;		/* "before ..." wording, or NULL */
};

struct selem {
	const char	*name;
	const struct sattr *attrs;	/* name NULL ends */
	const struct sslot *slots;	/* name NULL ends; NULL: no child */
	enum vt		 text;
};

static const char *const v_direction[] = { "higher", "lower", NULL };
static const char *const v_chart[] = { "line", "bar", "stacked", NULL };
static const char *const v_bool[] = { "true", "false", NULL };
static const char *const v_status[] = { "draft", "final", NULL };
static const char *const v_scope[] = { "plan", "parent", NULL };
static const char *const v_theme[] = { "implemented", "partial",
    "in-progress", "not-implemented", "not-assessed", NULL };

static const struct sattr a_none[] = { { NULL, 0, VT_NONE, NULL } };
static const struct sattr a_url[] = {
	{ "url", 0, VT_URL, NULL },
	{ NULL, 0, VT_NONE, NULL }
};

/* ---- plan.rng ---- */

static const struct sattr a_plan[] = {
	{ "start", 1, VT_YEAR, NULL },
	{ "end", 1, VT_YEAR, NULL },
	{ "data-from", 0, VT_YEAR, NULL },
	{ "lang", 0, VT_ANY, NULL },	/* the schema's language type */
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sslot s_plan[] = {
	{ "title", NULL, 1, 1, NULL },
	{ "short-title", NULL, 0, 1, NULL },
	{ "adopted", NULL, 0, 1, NULL },
	{ "source", NULL, 0, 1, NULL },
	{ "levels", NULL, 0, 1, NULL },
	{ "statuses", NULL, 0, 1, NULL },
	{ "priority", "measure", 1, 0, "its priorities or measures" },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct sslot s_levels[] = {
	{ "level", NULL, 0, 0, "its levels" },	/* counted by the loader */
	{ NULL, NULL, 0, 0, NULL }
};
static const struct sattr a_level[] = {
	{ "singular", 1, VT_TEXT, NULL },
	{ "plural", 1, VT_TEXT, NULL },
	{ "numbering", 0, VT_TEXT, NULL },	/* the loader names them */
	{ "scope", 0, VT_ENUM, v_scope },
	{ "before", 0, VT_ANY, NULL },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sslot s_statuses[] = {
	{ "status", NULL, 1, 0, "its statuses" },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct sattr a_status[] = {
	{ "id", 1, VT_ID, NULL },
	{ "label", 1, VT_TEXT, NULL },
	{ "theme", 1, VT_ENUM, v_theme },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sattr a_priority[] = {
	{ "id", 1, VT_ITEMID, NULL },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sslot s_priority[] = {
	{ "title", NULL, 1, 1, NULL },
	{ "objective", "measure", 1, 0, "its objectives or measures" },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct sattr a_objective[] = {
	{ "id", 1, VT_ITEMID, NULL },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sslot s_objective[] = {
	{ "title", NULL, 1, 1, NULL },
	{ "objective", "measure", 1, 0, "its objectives or measures" },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct sattr a_measure[] = {
	{ "id", 1, VT_MID, NULL },
	{ "number", 1, VT_POSINT, NULL },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sslot s_measure[] = {
	{ "title", NULL, 1, 1, NULL },
	{ "lead", NULL, 0, 1, NULL },
	{ "partner", NULL, 0, 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};

static const struct selem e_plan[] = {
	{ "plan", a_plan, s_plan, VT_NONE },
	{ "title", a_none, NULL, VT_TEXT },
	{ "short-title", a_none, NULL, VT_TEXT },
	{ "adopted", a_none, NULL, VT_DATE },
	{ "source", a_url, NULL, VT_TEXT },
	{ "levels", a_none, s_levels, VT_NONE },
	{ "level", a_level, NULL, VT_NONE },
	{ "statuses", a_none, s_statuses, VT_NONE },
	{ "status", a_status, NULL, VT_NONE },
	{ "priority", a_priority, s_priority, VT_NONE },
	{ "objective", a_objective, s_objective, VT_NONE },
	{ "measure", a_measure, s_measure, VT_NONE },
	{ "lead", a_none, NULL, VT_TEXT },
	{ "partner", a_none, NULL, VT_TEXT },
	{ NULL, NULL, NULL, VT_NONE }
};

/* ---- indicators.rng ---- */

static const struct sattr a_indicators[] = {
	{ "measure", 1, VT_MID, NULL },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sslot s_indicators[] = {
	{ "indicator", NULL, 0, 0, "its indicators" },
	{ "assessment", NULL, 0, 0, "its assessments" },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct sattr a_indicator[] = {
	{ "id", 1, VT_ID, NULL },
	{ "unit", 1, VT_TEXT, NULL },
	{ "direction", 1, VT_ENUM, v_direction },
	{ "chart", 0, VT_ENUM, v_chart },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sslot s_indicator[] = {
	{ "label", NULL, 1, 1, NULL },
	{ "definition", NULL, 1, 1, NULL },
	{ "source", NULL, 1, 1, NULL },
	{ "baseline", NULL, 0, 1, NULL },
	{ "target", NULL, 0, 1, NULL },
	{ "note", NULL, 0, 1, NULL },
	{ "value", "category", 0, 0, "its values" },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct sattr a_point[] = {
	{ "year", 1, VT_YEAR, NULL },
	{ "value", 1, VT_ANY, NULL },
	{ "illustrative", 0, VT_ENUM, v_bool },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sattr a_category[] = {
	{ "id", 1, VT_ID, NULL },
	{ "label", 1, VT_TEXT, NULL },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sslot s_category[] = {
	{ "value", NULL, 1, 0, "its values" },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct sattr a_value[] = {
	{ "year", 1, VT_YEAR, NULL },
	{ "illustrative", 0, VT_ENUM, v_bool },
	{ "note", 0, VT_TEXT, NULL },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sattr a_assessment[] = {
	{ "year", 1, VT_YEAR, NULL },
	{ "status", 1, VT_ANY, NULL },	/* the loader names the statuses */
	{ NULL, 0, VT_NONE, NULL }
};

static const struct selem e_indicators[] = {
	{ "indicators", a_indicators, s_indicators, VT_NONE },
	{ "indicator", a_indicator, s_indicator, VT_NONE },
	{ "label", a_none, NULL, VT_TEXT },
	{ "definition", a_none, NULL, VT_TEXT },
	{ "source", a_url, NULL, VT_TEXT },
	{ "baseline", a_point, NULL, VT_NONE },
	{ "target", a_point, NULL, VT_NONE },
	{ "note", a_none, NULL, VT_TEXT },
	{ "category", a_category, s_category, VT_NONE },
	{ "value", a_value, NULL, VT_ANY },
	{ "assessment", a_assessment, NULL, VT_TEXT },
	{ NULL, NULL, NULL, VT_NONE }
};

/* ---- edition.rng ---- */

static const struct sattr a_edition[] = {
	{ "year", 1, VT_YEAR, NULL },
	{ "status", 1, VT_ENUM, v_status },
	{ "date", 1, VT_DATE, NULL },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sslot s_edition[] = {
	{ "title", NULL, 1, 1, NULL },
	{ "subtitle", NULL, 0, 1, NULL },
	{ "institution", NULL, 1, 1, NULL },
	{ "author", NULL, 1, 0, "its authors" },
	{ "front", NULL, 0, 1, NULL },
	{ "back", NULL, 0, 1, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct sslot s_matter[] = {
	{ "part", NULL, 1, 0, "its parts" },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct sattr a_part[] = {
	{ "file", 1, VT_PARTFILE, NULL },
	{ NULL, 0, VT_NONE, NULL }
};

static const struct selem e_edition[] = {
	{ "edition", a_edition, s_edition, VT_NONE },
	{ "title", a_none, NULL, VT_TEXT },
	{ "subtitle", a_none, NULL, VT_TEXT },
	{ "institution", a_none, NULL, VT_TEXT },
	{ "author", a_none, NULL, VT_TEXT },
	{ "front", a_none, s_matter, VT_NONE },
	{ "back", a_none, s_matter, VT_NONE },
	{ "part", a_part, NULL, VT_TEXT },
	{ NULL, NULL, NULL, VT_NONE }
};

/* ---- site.rng ---- */

static const char *const v_a11y[] = { "none", "partial", "full", NULL };

static const struct sslot s_site[] = {
	{ "publisher", NULL, 1, 1, NULL },
	{ "address", NULL, 1, 1, NULL },
	{ "director", NULL, 0, 1, NULL },
	{ "contact", NULL, 1, 1, NULL },
	{ "host", NULL, 1, 1, NULL },
	{ "licence", NULL, 1, 1, NULL },
	{ "accessibility", NULL, 1, 1, NULL },
	{ NULL, NULL, 0, 0, NULL }
};
static const struct sattr a_contact[] = {
	{ "email", 0, VT_EMAIL, NULL },
	{ "url", 0, VT_URL, NULL },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sattr a_accessibility[] = {
	{ "status", 1, VT_ENUM, v_a11y },
	{ "date", 0, VT_DATE, NULL },
	{ "rate", 0, VT_PERCENT, NULL },
	{ "standard", 0, VT_TEXT, NULL },
	{ NULL, 0, VT_NONE, NULL }
};
static const struct sslot s_accessibility[] = {
	{ "auditor", NULL, 0, 1, NULL },
	{ "exception", NULL, 0, 0, NULL },
	{ NULL, NULL, 0, 0, NULL }
};

static const struct selem e_site[] = {
	{ "site", a_none, s_site, VT_NONE },
	{ "publisher", a_none, NULL, VT_TEXT },
	{ "address", a_none, NULL, VT_TEXT },
	{ "director", a_none, NULL, VT_TEXT },
	{ "contact", a_contact, NULL, VT_TEXT },
	{ "host", a_none, NULL, VT_TEXT },
	{ "licence", a_url, NULL, VT_TEXT },
	{ "accessibility", a_accessibility, s_accessibility, VT_NONE },
	{ "auditor", a_none, NULL, VT_TEXT },
	{ "exception", a_none, NULL, VT_TEXT },
	{ NULL, NULL, NULL, VT_NONE }
};

static const struct selem *const schemas[XMLCHECK__MAX] = {
	e_plan,		/* XMLCHECK_PLAN */
	e_indicators,	/* XMLCHECK_INDICATORS */
	e_edition,	/* XMLCHECK_EDITION */
	e_site,		/* XMLCHECK_SITE */
};

/* One walk. */
struct walk {
	const struct selem *tab;
	xmlcheck_fn	 fn;
	void		*arg;
	size_t		 n;		/* problems so far */
};

/* The message id (msg.h) about n, or its attribute attr, to the walk's
 * callback. */
static void
say(struct walk *w, const xmlNode *n, const char *attr, enum msgid id, ...)
{
	struct buf	 b = { NULL, 0, 0 };
	va_list		 ap;

	va_start(ap, id);
	buf_vprintf(&b, msg_fmt(id), ap);
	va_end(ap);
	w->fn(w->arg, n, attr, b.data);
	buf_free(&b);
	w->n++;
}

/* "<xi:include>" or "<label>", into b (sz bytes, 8 at least): a name
 * too long cut between characters, with "...". */
static const char *
qname(char *b, size_t sz, const xmlNode *n)
{
	char	*q;
	int	 k;

	q = n->ns != NULL && n->ns->prefix != NULL ? xasprintf("%s:%s",
	    (const char *)n->ns->prefix, (const char *)n->name) :
	    xstrdup((const char *)n->name);
	k = utf8_cut(q, sz - 6);	/* "<", "...", ">" and NUL */
	snprintf(b, sz, "<%.*s%s>", k, q, q[k] != '\0' ? "..." : "");
	free(q);
	return b;
}

/* "a <title>", "an <author>". */
static const char *
article(const char *name)
{
	return strchr("aeiou", name[0]) != NULL ? "an" : "a";
}

static const struct selem *
elem_def(const struct walk *w, const xmlNode *n)
{
	const struct selem *e;

	if (n->ns != NULL)	/* the schemas use no namespace */
		return NULL;
	for (e = w->tab; e->name != NULL; e++)
		if (strcmp(e->name, (const char *)n->name) == 0)
			return e;
	return NULL;
}

/* s without leading and trailing blanks (what a token is compared as),
 * into a new string.  Caller frees. */
static char *
collapse(const char *s)
{
	const char	*e;

	while (isspace((unsigned char)*s))
		s++;
	for (e = s + strlen(s); e > s && isspace((unsigned char)e[-1]); e--)
		continue;
	return xstrndup(s, (size_t)(e - s));
}

static int
all(const char *s, const char *set)
{
	return *s != '\0' && strspn(s, set) == strlen(s);
}

#define DIGITS	"0123456789"
#define LOWER	"abcdefghijklmnopqrstuvwxyz"
#define UPPER	"ABCDEFGHIJKLMNOPQRSTUVWXYZ"

static int
valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 y, m, d, n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) !=
	    3 || n != 10 || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[8]))
		return 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	return !(m == 2 && d == 29 &&
	    (y % 4 != 0 || (y % 100 == 0 && y % 400 != 0)));
}

/* A part's file name (c, n bytes, collapsed): "name.md", the name in
 * lower case letters, digits and hyphens, not first. */
static int
valid_partfile(const char *c, size_t n)
{
	if (n <= 3 || strcmp(c + n - 3, ".md") != 0 || c[0] == '-' ||
	    c[0] == '.')
		return 0;
	return strspn(c, LOWER DIGITS "-") == n - 3;
}

/* An address (c, n bytes, collapsed): one @, a dot after it, no space. */
static int
valid_email(const char *c, size_t n)
{
	size_t	 i = strcspn(c, "@");

	return i > 0 && c[i] == '@' && strchr(c + i + 1, '@') == NULL &&
	    strchr(c + i + 1, '.') != NULL && c[n - 1] != '.' &&
	    strpbrk(c, " \t\r\n") == NULL;
}

/* A percentage (c, n bytes, collapsed): a decimal number from 0 to
 * 100. */
static int
valid_percent(const char *c, size_t n)
{
	size_t	 i = strspn(c, DIGITS);

	if (c[i] == '.')
		i += 1 + strspn(c + i + 1, DIGITS);
	return n > 0 && i == n && c[0] != '.' && (n < 3 ||
	    strspn(c, "0") > 0 || c[2] == '.' || c[1] == '.' ||
	    (strncmp(c, "100", 3) == 0 && strspn(c + 3, ".0") == n - 3));
}

/* Does c (n bytes, collapsed) hold what type t allows? */
static int
valid_token(enum vt t, const char *const *values, const char *c, size_t n)
{
	size_t	 i;
	int	 ok = 0;

	switch (t) {
	case VT_NONE:
		ok = n == 0;
		break;
	case VT_YEAR:
		ok = n == 4 && all(c, DIGITS);
		break;
	case VT_DATE:
		ok = valid_date(c);
		break;
	case VT_ID:
		ok = all(c, LOWER DIGITS "-") && c[0] != '-';
		break;
	case VT_MID:
		ok = c[0] == 'm' && n >= 3 && n <= 5 && all(c + 1, DIGITS);
		break;
	case VT_ITEMID:
		ok = n > 0 && all(c, LOWER UPPER DIGITS ".-") && c[0] != '-' &&
		    c[0] != '.';
		break;
	case VT_POSINT:
		i = c[0] == '+';
		ok = all(c + i, DIGITS) && strspn(c + i, "0") < n - i;
		break;
	case VT_URL:
		i = strncmp(c, "http://", 7) == 0 ? 7 :
		    strncmp(c, "https://", 8) == 0 ? 8 : 0;
		ok = i > 0 && n > i && strpbrk(c, " \t\r\n") == NULL;
		break;
	case VT_PARTFILE:
		ok = valid_partfile(c, n);
		break;
	case VT_EMAIL:
		ok = valid_email(c, n);
		break;
	case VT_PERCENT:
		ok = valid_percent(c, n);
		break;
	case VT_ENUM:
		for (i = 0; values[i] != NULL; i++)
			if (strcmp(values[i], c) == 0)
				ok = 1;
		break;
	case VT_ANY:
	case VT_TEXT:
	case VT__MAX:
	default:
		abort();
	}
	return ok;
}

/* Does the text s hold what type t allows? */
static int
valid(enum vt t, const char *const *values, const char *s)
{
	char	*c;
	int	 ok;

	if (t == VT_ANY)
		return 1;
	if (t == VT_TEXT)
		return *s != '\0';
	c = collapse(s);
	ok = valid_token(t, values, c, strlen(c));
	free(c);
	return ok;
}

/* "expected higher or lower" / "expected a year of four digits...". */
static void
expect(struct buf *b, enum vt t, const char *const *values)
{
	size_t	 i;

	if (t != VT_ENUM) {
		buf_puts(b, vt_expect[t]);
		return;
	}
	for (i = 0; values[i] != NULL; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : values[i + 1] == NULL ?
		    " or " : ", ", values[i]);
}

/* Text shown in a message: at most 40 bytes, blanks as spaces, cut
 * before a character that does not fit whole.  out holds 44 bytes. */
static void
shown(char *out, size_t sz, const char *s)
{
	size_t	 n;

	for (n = 0; s[n] != '\0' && n < 40 && n + 4 < sz; n++)
		out[n] = isspace((unsigned char)s[n]) ? ' ' : s[n];
	if (s[n] != '\0') {
		/* out[k] is s[k]: drop a character cut in two. */
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		out[n++] = '.';
		out[n++] = '.';
		out[n++] = '.';
	}
	out[n] = '\0';
}

static void
check_attrs(struct walk *w, const xmlNode *n, const struct selem *e)
{
	const struct sattr *a;
	const xmlAttr	*at;
	struct buf	 b = { NULL, 0, 0 };
	xmlChar		*v;
	char		 q[128], sv[64];

	for (at = n->properties; at != NULL; at = at->next) {
		for (a = e->attrs; a->name != NULL; a++)
			if (at->ns == NULL && strcmp(a->name,
			    (const char *)at->name) == 0)
				break;
		if (a->name != NULL)
			continue;
		buf_reset(&b);
		for (a = e->attrs; a->name != NULL; a++)
			buf_printf(&b, "%s%s", b.len == 0 ? "" :
			    a[1].name == NULL ? " or " : ", ", a->name);
		if (b.len == 0)
			say(w, n, (const char *)at->name, MSG_XML_NO_ATTRS,
			    qname(q, sizeof(q), n), at->ns && at->ns->prefix ?
			    (const char *)at->ns->prefix : "", at->ns &&
			    at->ns->prefix ? ":" : "", (const char *)at->name);
		else
			say(w, n, (const char *)at->name, MSG_XML_UNKNOWN_ATTR,
			    qname(q, sizeof(q), n), at->ns && at->ns->prefix ?
			    (const char *)at->ns->prefix : "", at->ns &&
			    at->ns->prefix ? ":" : "", (const char *)at->name,
			    b.data);
	}
	for (a = e->attrs; a->name != NULL; a++) {
		v = xmlGetNoNsProp((xmlNode *)n, (const xmlChar *)a->name);
		buf_reset(&b);
		expect(&b, a->type, a->values);
		if (v == NULL && a->required)
			say(w, n, NULL, MSG_XML_NEEDS_ATTR,
			    qname(q, sizeof(q), n), a->name, b.data);
		else if (v != NULL && !valid(a->type, a->values,
		    (const char *)v)) {
			shown(sv, sizeof(sv), (const char *)v);
			say(w, n, a->name, MSG_XML_BAD_ATTR, a->name, sv,
			    qname(q, sizeof(q), n), b.data);
		}
		xmlFree(v);
	}
	buf_free(&b);
}

/* "<label>, <definition> or <source>": every child a slot allows. */
static void
slot_names(struct buf *b, const struct sslot *s)
{
	const struct sslot *k;
	size_t		 n = 0, i = 0;

	for (k = s; k->name != NULL; k++)
		n += 1 + (k->alt != NULL);
	for (k = s; k->name != NULL; k++) {
		buf_printf(b, "%s<%s>", i == 0 ? "" : i + 1 == n ? " or " :
		    ", ", k->name);
		i++;
		if (k->alt != NULL) {
			buf_printf(b, "%s<%s>", i + 1 == n ? " or " : ", ",
			    k->alt);
			i++;
		}
	}
}

/* Does slot k take an element among k and its next siblings? */
static int
later(const struct sslot *k, const xmlNode *n)
{
	for (; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE && n->ns == NULL &&
		    (strcmp(k->name, (const char *)n->name) == 0 ||
		    (k->alt && strcmp(k->alt, (const char *)n->name) == 0)))
			return 1;
	return 0;
}

/* Names of the required slots from..to-1 not yet filled ("a <definition>
 * and a <source>"), into b; returns their number.  A slot filled further
 * on (at or after rest) is not missing: it comes too late, and is said
 * so there. */
static size_t
missing(struct buf *b, const struct sslot *s, const int *count, size_t from,
    size_t to, const xmlNode *rest)
{
	size_t	 k, n = 0, m = 0;

	for (k = from; k < to; k++)
		n += count[k] < s[k].min && !later(&s[k], rest);
	for (k = from; k < to; k++) {
		if (count[k] >= s[k].min || later(&s[k], rest))
			continue;
		buf_printf(b, "%s%s <%s>%s%s%s", m == 0 ? "" : m + 1 == n ?
		    " and " : ", ", s[k].alt ? "at least one" :
		    s[k].max != 1 ? "at least one" : article(s[k].name),
		    s[k].name, s[k].alt ? " or <" : "", s[k].alt ? s[k].alt :
		    "", s[k].alt ? ">" : "");
		m++;
	}
	return n;
}

static void	walk_elem(struct walk *, const xmlNode *);

/* The slot of s in [from, to) that the child element k (name) fills,
 * or to. */
static size_t
slot_of(const struct sslot *s, size_t from, size_t to, const xmlNode *k,
    const char *name)
{
	size_t	 j;

	for (j = from; j < to; j++)
		if (k->ns == NULL && (strcmp(s[j].name, name) == 0 ||
		    (s[j].alt && strcmp(s[j].alt, name) == 0)))
			break;
	return j;
}

/* Text k in n, whose element e takes none, said once. */
static void
child_text(struct walk *w, const xmlNode *n, const xmlNode *k,
    const struct selem *e)
{
	char	 q[128], sv[64], *c;

	c = collapse((const char *)k->content);
	shown(sv, sizeof(sv), c);
	free(c);
	say(w, k, NULL, MSG_XML_TEXT, qname(q, sizeof(q), n), sv,
	    e->slots != NULL ? "elements" : "attributes");
}

/* The child element k of n fills no slot from at on: too late (it
 * fills an earlier one; used[]: the names that filled them) or not
 * allowed.  Checks inside it in the first case. */
static void
child_misplaced(struct walk *w, const xmlNode *n, const xmlNode *k,
    const struct sslot *s, size_t at, const char *const *used)
{
	struct buf	 b = { NULL, 0, 0 };
	char		 q[128], q2[128];
	size_t		 i, j;

	if ((j = slot_of(s, 0, at, k, (const char *)k->name)) < at) {
		/* Known, but after a later one: name the first element it
		 * should precede. */
		for (i = j + 1; i < at && used[i] == NULL; i++)
			continue;
		say(w, k, NULL, MSG_XML_TOO_LATE, qname(q, sizeof(q), k),
		    qname(q2, sizeof(q2), n), used[i] ? used[i] : s[i].name);
		walk_elem(w, k);
		return;
	}
	slot_names(&b, s);
	say(w, k, NULL, MSG_XML_NOT_ALLOWED, qname(q, sizeof(q), k),
	    qname(q2, sizeof(q2), n), b.data);
	buf_free(&b);
}

static void
check_children(struct walk *w, const xmlNode *n, const struct selem *e)
{
	const struct sslot *s = e->slots;
	const xmlNode	*k;
	const char	*name, *used[16];
	struct buf	 b = { NULL, 0, 0 };
	int		 count[16];
	size_t		 ns, at = 0, j;
	char		 q[128], q2[128];
	int		 found_text = 0;

	for (ns = 0; s != NULL && s[ns].name != NULL; ns++)
		continue;
	memset(count, 0, sizeof(count));
	memset(used, 0, sizeof(used));
	for (k = n->children; k != NULL; k = k->next) {
		if ((k->type == XML_TEXT_NODE || k->type ==
		    XML_CDATA_SECTION_NODE) && e->text == VT_NONE &&
		    !found_text && !valid(VT_NONE, NULL,
		    (const char *)k->content)) {
			child_text(w, n, k, e);
			found_text = 1;
		}
		if (k->type != XML_ELEMENT_NODE)
			continue;
		name = (const char *)k->name;
		if (s == NULL) {
			say(w, k, NULL, MSG_XML_LEAF, qname(q, sizeof(q), k),
			    qname(q2, sizeof(q2), n),
			    e->text == VT_NONE ? "attributes" : "text");
			continue;
		}
		/* The slot it fills, from the current one on. */
		if ((j = slot_of(s, at, ns, k, name)) == ns) {
			child_misplaced(w, n, k, s, at, used);
			continue;
		}
		buf_reset(&b);
		if (missing(&b, s, count, at, j, k->next) > 0)
			say(w, k, NULL, MSG_XML_NEEDS_BEFORE,
			    qname(q, sizeof(q), n), b.data,
			    s[j].what ? s[j].what : qname(q2, sizeof(q2), k));
		at = j;
		if (used[j] != NULL && strcmp(used[j], name) != 0)
			say(w, k, NULL, MSG_XML_BOTH, qname(q, sizeof(q), n),
			    used[j], name);
		else if (s[j].max != 0 && count[j] >= s[j].max)
			say(w, k, NULL, MSG_XML_SECOND, qname(q, sizeof(q), n),
			    qname(q2, sizeof(q2), k));
		used[j] = name;
		count[j]++;
		walk_elem(w, k);
	}
	if (s != NULL) {
		buf_reset(&b);
		if (missing(&b, s, count, at, ns, NULL) > 0)
			say(w, n, NULL, MSG_XML_NEEDS, qname(q, sizeof(q), n),
			    b.data);
	}
	buf_free(&b);
}

static void
check_text(struct walk *w, const xmlNode *n, const struct selem *e)
{
	xmlChar	*t;
	char	 q[128], sv[64];

	if (e->text == VT_NONE || e->text == VT_ANY)
		return;		/* text reported with the children */
	t = xmlNodeGetContent((xmlNode *)n);
	if (t == NULL || *t == '\0')
		say(w, n, NULL, MSG_XML_EMPTY, qname(q, sizeof(q), n),
		    vt_expect[e->text]);
	else if (!valid(e->text, NULL, (const char *)t)) {
		shown(sv, sizeof(sv), (const char *)t);
		say(w, n, NULL, MSG_XML_BAD_TEXT, qname(q, sizeof(q), n), sv,
		    vt_expect[e->text]);
	}
	xmlFree(t);
}

static void
walk_elem(struct walk *w, const xmlNode *n)
{
	const struct selem *e;

	if ((e = elem_def(w, n)) == NULL)
		return;		/* reported by its parent */
	check_attrs(w, n, e);
	check_children(w, n, e);
	check_text(w, n, e);
}

size_t
xmlcheck_doc(enum xmlcheck_schema s, const xmlDoc *doc, xmlcheck_fn fn,
    void *arg)
{
	struct walk	 w;
	const xmlNode	*root;
	char		 q[128];

	w.tab = schemas[s];
	w.fn = fn;
	w.arg = arg;
	w.n = 0;
	if ((root = xmlDocGetRootElement((xmlDoc *)doc)) == NULL)
		return 0;
	if (root->ns != NULL || strcmp((const char *)root->name,
	    w.tab[0].name) != 0) {
		say(&w, root, NULL, MSG_XML_ROOT, qname(q, sizeof(q), root),
		    w.tab[0].name);
		return w.n;
	}
	walk_elem(&w, root);
	return w.n;
}

void
xmlcheck_fallback(const xmlNode *n, xmlcheck_fn fn, void *arg)
{
	char	 q[128], *msg;

	msg = xasprintf("%s does not follow the rules of this file (see "
	    "\"Content\" in README.md)", qname(q, sizeof(q), n));
	fn(arg, n, NULL, msg);
	free(msg);
}

/*
 * The types that stand for a pattern facet of the schemas ([0-9]{4},
 * [a-z0-9][a-z0-9-]*, ...): valid_token() tests each exactly as its
 * regular expression, on the value with no blank around it.
 */
static int
patterned(enum vt t)
{
	return t == VT_YEAR || t == VT_ID || t == VT_MID || t == VT_ITEMID ||
	    t == VT_URL || t == VT_PARTFILE;
}

/* Do the patterned attributes of element n, of definition e, match? */
static int
attrs_match(const xmlNode *n, const struct selem *e)
{
	const struct sattr *a;
	const xmlAttr	*at;
	xmlChar		*own;
	const char	*v;
	size_t		 len;
	int		 ok = 1;

	for (at = n->properties; ok && at != NULL; at = at->next) {
		if (at->ns != NULL)
			continue;
		for (a = e->attrs; a->name != NULL; a++)
			if (strcmp(a->name, (const char *)at->name) == 0)
				break;
		if (a->name == NULL || !patterned(a->type))
			continue;
		/* The value as the validator reads it: one text node,
		 * almost always. */
		own = NULL;
		if (at->children != NULL && at->children->next == NULL &&
		    at->children->type == XML_TEXT_NODE)
			v = (const char *)at->children->content;
		else
			v = (const char *)(own = xmlNodeListGetString(n->doc,
			    at->children, 1));
		/* The validator drops the blanks around a token (a
		 * blank within fails every pattern): valid() does too,
		 * copying; most values have none. */
		len = v != NULL ? strlen(v) : 0;
		ok = v != NULL && (len == 0 || (!isspace((unsigned char)v[0]) &&
		    !isspace((unsigned char)v[len - 1])) ?
		    valid_token(a->type, NULL, v, len) :
		    valid(a->type, NULL, v));
		xmlFree(own);
	}
	return ok;
}

const xmlNode *
xmlcheck_patterns(enum xmlcheck_schema s, const xmlDoc *doc)
{
	struct walk	 w;
	const xmlNode	*n;
	const struct selem *e;

	memset(&w, 0, sizeof(w));
	w.tab = schemas[s];
	for (n = xmlDocGetRootElement((xmlDoc *)doc); n != NULL;
	    n = xmlcheck_next(n))
		if (n->type == XML_ELEMENT_NODE &&
		    (e = elem_def(&w, n)) != NULL && !attrs_match(n, e))
			return n;
	return NULL;
}

const xmlNode *
xmlcheck_next(const xmlNode *n)
{
	if (n->type == XML_ELEMENT_NODE && n->children != NULL)
		return n->children;
	while (n != NULL && n->next == NULL)
		n = n->parent != NULL && n->parent->type == XML_ELEMENT_NODE ?
		    n->parent : NULL;
	return n != NULL ? n->next : NULL;
}

/* Is n the RELAX NG element name? */
static int
rng_el(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, RNG_NS) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Is attribute name of n value? */
static int
attr_is(const xmlNode *n, const char *name, const char *value)
{
	xmlChar	*v = xmlGetNoNsProp((xmlNode *)n, (const xmlChar *)name);
	int	 yes = v != NULL && strcmp((const char *)v, value) == 0;

	xmlFree(v);
	return yes;
}

/*
 * The pattern facets under n taken out, and each XML Schema token left
 * with no facet made RELAX NG's own token: both take any string, but
 * libxml2 looks the XML Schema type up by name in a hash table for each
 * value.  Recursive: a schema of ours nests a dozen elements deep.
 */
static void
simplify(xmlNode *n)
{
	xmlNode	*k, *next;

	for (k = n->children; k != NULL; k = next) {
		next = k->next;
		if (rng_el(k, "param") && attr_is(k, "name", "pattern")) {
			xmlUnlinkNode(k);
			xmlFreeNode(k);
		} else if (k->type == XML_ELEMENT_NODE) {
			simplify(k);
			if (rng_el(k, "data") && attr_is(k, "type", "token") &&
			    xmlFirstElementChild(k) == NULL)
				xmlSetProp(k,
				    (const xmlChar *)"datatypeLibrary",
				    (const xmlChar *)"");
		}
	}
}

void
xmlcheck_simplify(xmlDoc *rng)
{
	xmlNode	*root = xmlDocGetRootElement(rng);

	if (root != NULL)
		simplify(root);
}
