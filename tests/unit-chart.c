/*
 * Unit tests of the charts: nice ticks, number formatting at rounding
 * edges, the theme (parser, styles/theme.css against the defaults,
 * contrast), chart titles and descriptions, and the SVG canvas.
 * Prints one "ok - " or "not ok - " line per test.  Run from the top of
 * the tree (it reads styles/theme.css).
 */
#include <sys/wait.h>

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>

#include "report.h"
#include "extern.h"
#include "font.h"
#include "theme.h"
#include "chart.h"

#define NNBSP	"\xe2\x80\xaf"
#define NBSP	"\xc2\xa0"
#define MINUS	"\xe2\x88\x92"
#define LONG_TITLE	"Un intitulé très long qui ne tient pas sur deux " \
	"lignes d’une colonne aussi étroite que celle-ci"

static int failed;

static void
expect_str(const char *name, const char *got, const char *want)
{
	if (strcmp(got, want) == 0)
		printf("ok - %s\n", name);
	else {
		printf("not ok - %s\n#   got:  \"%s\"\n#   want: \"%s\"\n", name,
		    got, want);
		failed++;
	}
}

static void
expect(const char *name, int cond)
{
	printf("%s - %s\n", cond ? "ok" : "not ok", name);
	failed += !cond;
}

/* ---- ticks ---- */

static void
ticks(double lo, double hi, int maxn, double minstep, double first,
    double last, double step)
{
	struct ticks	 t;
	char		 name[128];

	chart_ticks(lo, hi, maxn, minstep, &t);
	snprintf(name, sizeof(name), "ticks [%g, %g] max %d: %g..%g by %g",
	    lo, hi, maxn, first, last, step);
	if (fabs(t.first - first) < 1e-12 * fmax(1, fabs(first)) &&
	    fabs(t.last - last) < 1e-12 * fmax(1, fabs(last)) &&
	    fabs(t.step - step) < 1e-12 * fmax(1, step))
		printf("ok - %s\n", name);
	else {
		printf("not ok - %s\n#   got %g..%g by %g\n", name, t.first,
		    t.last, t.step);
		failed++;
	}
}

/* Properties that hold for any range: covered, nice, few, no smaller
 * nice step would do. */
static void
ticks_props(void)
{
	static const double ranges[][2] = {
		{ 0, 1 }, { 0, 7 }, { 0, 1826 }, { -3.5, 2.4 },
		{ 0.004, 1e9 }, { 0, 0.004 }, { 12, 15846 }, { -1e6, -3 },
		{ 0.1, 0.3 }, { 68, 92 }, { 0, 4983960 }, { 1e-9, 3e-9 },
	};
	struct ticks	 t;
	double		 m, e;
	size_t		 i;
	int		 maxn, ok = 1;

	for (i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		for (maxn = 2; maxn <= 8; maxn++) {
			chart_ticks(ranges[i][0], ranges[i][1], maxn, 0, &t);
			e = floor(log10(t.step) + 1e-9);
			m = t.step / pow(10, e);
			if (t.first > ranges[i][0] + 1e-12 * fabs(t.step) ||
			    t.last < ranges[i][1] - 1e-12 * fabs(t.step) ||
			    t.n - 1 > maxn || t.n < 2 ||
			    !(fabs(m - 1) < 1e-9 || fabs(m - 2) < 1e-9 ||
			    fabs(m - 5) < 1e-9)) {
				printf("#   [%g, %g] max %d: %g..%g by %g\n",
				    ranges[i][0], ranges[i][1], maxn, t.first,
				    t.last, t.step);
				ok = 0;
			}
			if (t.decimals < 0 || (t.step < 1 && t.decimals <
			    -floor(log10(t.step) + 1e-9)))
				ok = 0;
		}
	expect("ticks: cover the range, 1-2-5 x 10^n, at most maxn "
	    "intervals", ok);
}

/* ---- numbers ---- */

static void
num(double v, int d, const char *want)
{
	char	 got[64], name[96];

	fmt_num(got, sizeof(got), v, d);
	snprintf(name, sizeof(name), "fmt_num(%.17g, %d)", v, d);
	expect_str(name, got, want);
}

static void
val(double v, const char *unit, const char *want)
{
	char	 got[64], name[96];

	fmt_value(got, sizeof(got), v, unit);
	snprintf(name, sizeof(name), "fmt_value(%.17g, \"%s\")", v, unit);
	expect_str(name, got, want);
}

static void
cfmt(double v, const char *unit, const char *want)
{
	char	 got[64], name[96];

	chart_fmt(got, sizeof(got), v, unit);
	snprintf(name, sizeof(name), "chart_fmt(%.17g, \"%s\")", v, unit);
	expect_str(name, got, want);
}

/*
 * fmt_num's rounding against the first way it found the shortest decimal
 * form of a value (every length from 1 digit up, until one reads back),
 * kept here as an oracle: values of the kinds indicators hold (integers,
 * a few decimals, ties at the last place) and arbitrary doubles, each at
 * 0 to 4 decimals.
 */
static void
oracle_round(char *out, size_t size, double v, int d)
{
	char	 s[64], digs[64], kept[96];
	int	 p, n = 0, pt, keep, i, o = 0;
	char	*e;

	for (p = 0; p < 17; p++) {
		snprintf(s, sizeof(s), "%.*e", p, v);
		if (strtod(s, NULL) == v)
			break;
	}
	for (e = s; *e != 'e'; e++)
		if (*e >= '0' && *e <= '9')
			digs[n++] = *e;
	pt = (int)strtol(e + 1, NULL, 10) + 1;
	keep = pt + d;
	if (v == 0 || keep < 0) {
		snprintf(out, size, "%.*f", d, 0.0);
		return;
	}
	for (i = 0; i < keep; i++)
		kept[i] = i < n ? digs[i] : '0';
	if (keep < n && digs[keep] >= '5') {
		for (i = keep - 1; i >= 0 && kept[i] == '9'; i--)
			kept[i] = '0';
		if (i >= 0)
			kept[i]++;
		else {
			memmove(kept + 1, kept, (size_t)keep);
			kept[0] = '1';
			keep++;
			pt++;
		}
	}
	if (pt <= 0)
		out[o++] = '0';
	for (i = 0; i < pt; i++)
		out[o++] = i < keep ? kept[i] : '0';
	if (d > 0)
		out[o++] = '.';
	for (i = 0; i < d; i++)
		out[o++] = pt + i >= 0 && pt + i < keep ? kept[pt + i] : '0';
	out[o] = '\0';
}

/* fmt_num's text without its group separators, with a full stop. */
static void
plain(char *s)
{
	char	*q = s;

	for (; *s != '\0'; s++)
		if (strncmp(s, NNBSP, 3) == 0)
			s += 2;
		else
			*q++ = *s == ',' ? '.' : *s;
	*q = '\0';
}

static void
round_oracle(void)
{
	char		 got[128], want[128], name[128];
	double		 v;
	uint64_t	 bits, x = 88172645463325252ull;
	int		 i, d, bad = 0;

	for (i = 0; i < 40000 && bad < 5; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		switch (i % 4) {
		case 0:		/* integers */
			v = (double)(x % 100000000);
			break;
		case 1:		/* a few decimals */
			v = (double)(x % 1000000) / pow(10, (double)((x >> 40) % 7));
			break;
		case 2:		/* ties at the last place */
			v = ((double)(x % 100000) * 10 + 5) /
			    pow(10, 1 + (double)((x >> 40) % 5));
			break;
		default:	/* any finite double of a sane size */
			bits = (x & 0x800fffffffffffffull) |
			    ((uint64_t)(1023 - 20 + (x >> 52) % 50) << 52);
			memcpy(&v, &bits, sizeof(v));
			v = fabs(v);
			break;
		}
		d = (int)((x >> 32) % 5);
		fmt_num(got, sizeof(got), v, d);
		plain(got);
		oracle_round(want, sizeof(want), v, d);
		if (strcmp(got, want) != 0) {
			snprintf(name, sizeof(name), "fmt_num(%.17g, %d) "
			    "as the oracle", v, d);
			expect_str(name, got, want);
			bad++;
		}
	}
	expect("fmt_num rounds 40000 values as the shortest-form oracle does",
	    bad == 0);
}

/* ---- theme ---- */

static int
same_rgb(struct rgb a, struct rgb b)
{
	return fabs(a.r - b.r) < 1e-9 && fabs(a.g - b.g) < 1e-9 &&
	    fabs(a.b - b.b) < 1e-9;
}

static void
theme_tests(void)
{
	static const char css[] =
	    "/* --text: #ff0000; in a comment */\n"
	    ":root {\n"
	    "  --text: #123;\n"
	    "  --muted:#a0b0c0 ;\n"
	    "  --grid: red;\n"			/* not a colour we read */
	    "  --chart-size-label: 12px;\n"
	    "  --chart-size-tick: 7.5pt;\n"
	    "  --chart-size-note: 0pt;\n"		/* refused */
	    "  --unknown-thing: #000000;\n"
	    "  color: #000; x--axis: #000000;\n"
	    "}\n";
	const struct theme *def = theme_default();
	struct theme	 t, f;
	struct buf	 b = { NULL, 0, 0 };
	struct rgb	 white = { 1, 1, 1 };
	size_t		 n, i;
	int		 ok;
	char		 name[96];

	t = *def;
	n = theme_parse(&t, css, sizeof(css) - 1);
	expect("theme_parse: four properties set", n == 4);
	expect("theme_parse: #rgb", same_rgb(t.text,
	    (struct rgb){ 0x11 / 255.0, 0x22 / 255.0, 0x33 / 255.0 }));
	expect("theme_parse: #rrggbb with blanks", same_rgb(t.muted,
	    (struct rgb){ 0xa0 / 255.0, 0xb0 / 255.0, 0xc0 / 255.0 }));
	expect("theme_parse: a value that does not parse keeps the default",
	    same_rgb(t.grid, def->grid) && t.size_note == def->size_note);
	expect("theme_parse: px to pt", t.size_label == 9);
	expect("theme_parse: decimal pt", t.size_tick == 7.5);
	expect("theme_parse: comments and other names are skipped",
	    same_rgb(t.axis, def->axis));

	/* styles/theme.css says what the defaults say. */
	if (file_read("styles/theme.css", &b)) {
		memset(&f, 0, sizeof(f));
		n = theme_parse(&f, b.data, b.len);
		/* The colours and sizes, then --logo, --logo-alt,
		 * --logo-running-head and --icon. */
		ok = n == 30 + INK__MAX - 2 + 4 && f.size_title == def->size_title &&
		    f.size_label == def->size_label &&
		    f.size_tick == def->size_tick &&
		    f.size_note == def->size_note &&
		    f.size_figure == def->size_figure &&
		    same_rgb(f.text, def->text) &&
		    same_rgb(f.muted, def->muted) &&
		    same_rgb(f.grid, def->grid) &&
		    same_rgb(f.axis, def->axis) &&
		    same_rgb(f.highlight, def->highlight) &&
		    same_rgb(f.panel, def->panel) &&
		    same_rgb(f.target, def->target);
		for (i = 0; i < STATUS__MAX; i++)
			ok = ok && same_rgb(f.status[i], def->status[i]) &&
			    same_rgb(f.status_text[i], def->status_text[i]);
		for (i = 0; i < THEME_NSERIES; i++)
			ok = ok && same_rgb(f.series[i], def->series[i]);
		for (i = 0; i < INK__MAX; i++)
			ok = ok && same_rgb(f.ink[i], def->ink[i]);
		expect("styles/theme.css sets every property, as the defaults",
		    ok);
	} else
		expect("styles/theme.css reads", 0);
	buf_free(&b);

	expect("contrast: black on white is 21", fabs(theme_contrast(
	    (struct rgb){ 0, 0, 0 }, white) - 21) < 1e-9);
	for (i = 0; i < STATUS__MAX; i++) {
		snprintf(name, sizeof(name), "contrast: %s text on white "
		    ">= 4.5", status_code[i]);
		expect(name, theme_contrast(def->status_text[i], white) >=
		    4.5);
	}
	expect("contrast: text and muted on white >= 4.5",
	    theme_contrast(def->text, white) >= 4.5 &&
	    theme_contrast(def->muted, white) >= 4.5);
}

/* ---- words ---- */

static struct measure	 m01 = { .id = "m01", .number = 1 };

static void
words_tests(void)
{
	struct value	 v2[] = {
		{ .year = 2015, .v = 712 },
		{ .year = 2016, .v = 1118 },
		{ .year = 2017, .v = 9999 },
	};
	struct value	 v4[] = {
		{ .year = 2010, .v = 12 },
		{ .year = 2011, .v = 15 },
		{ .year = 2013, .v = 22, .illustrative = 1 },
		{ .year = 2014, .v = 30, .note = "environ" },
	};
	struct value	 c1[] = { { .year = 2015, .v = 81 } };
	struct value	 c2[] = { { .year = 2015, .v = 0.004 } };
	struct series	 s2 = { NULL, "Victimes", v2, 3, { 0 } };
	struct series	 s4 = { NULL, "Victimes", v4, 4, { 0 } };
	struct series	 s0 = { NULL, "Victimes", NULL, 0, { 0 } };
	struct series	 cats[2] = {
		{ "a", "Exploitation sexuelle", c1, 1, { 0 } },
		{ "b", "Une forme très rare", c2, 1, { 0 } },
	};
	struct indicator ind;
	char		*s;

	memset(&ind, 0, sizeof(ind));
	ind.id = "victimes-identifiees";
	ind.label = "Victimes identifiées";
	ind.unit = "personnes";
	ind.chart = CHART_BAR;
	ind.series = &s2;
	ind.nseries = 1;
	ind.measure = &m01;
	ind.target.set = 1;
	ind.target.year = 2016;
	ind.target.v = 1500;

	s = chart_file(&ind);
	expect_str("chart_file", s, "charts/m01-victimes-identifiees.svg");
	free(s);
	s = chart_title(&ind, 2016);
	expect_str("chart_title: years up to the edition", s,
	    "Victimes identifiées, 2015-2016");
	free(s);
	s = chart_desc(&ind, 2016);
	expect_str("chart_desc: two values and a target", s,
	    "De 712 personnes en 2015 à 1" NNBSP "118 en 2016" NNBSP
	    "; cible 1" NNBSP "500 en 2016.");
	free(s);
	s = chart_desc(&ind, 2015);
	expect_str("chart_desc: values after the edition year left out", s,
	    "712 personnes en 2015" NNBSP "; cible 1" NNBSP "500 en 2016.");
	free(s);
	s = chart_title(&ind, 2015);
	expect_str("chart_title: one year", s, "Victimes identifiées, 2015");
	free(s);

	ind.series = &s4;
	ind.target.set = 0;
	ind.baseline.set = 1;
	ind.baseline.year = 2011;
	ind.baseline.v = 15;
	s = chart_desc(&ind, 2016);
	expect_str("chart_desc: gap, illustrative value, note, baseline", s,
	    "De 12 personnes en 2010 à 30 (environ) en 2014 (15 en 2011, 22 "
	    "(valeur illustrative) en 2013)" NNBSP "; aucune valeur en 2012"
	    NNBSP "; référence 15 en 2011.");
	free(s);

	ind.series = &s0;
	ind.baseline.set = 0;
	s = chart_desc(&ind, 2016);
	expect_str("chart_desc: no value", s, "Aucune donnée jusqu’en 2016.");
	free(s);
	ind.target.set = 1;
	ind.target.illustrative = 1;
	s = chart_desc(&ind, 2016);
	expect_str("chart_desc: only a target", s, "Aucune donnée jusqu’en "
	    "2016" NNBSP "; cible 1" NNBSP "500 en 2016 (illustrative).");
	free(s);
	s = chart_title(&ind, 2016);
	expect_str("chart_title: no value", s, "Victimes identifiées");
	free(s);

	ind.target.set = 0;
	ind.categories = 1;
	ind.chart = CHART_HBAR;
	ind.unit = "%";
	ind.series = cats;
	ind.nseries = 2;
	s = chart_desc(&ind, 2016);
	expect_str("chart_desc: categories, full labels, small value", s,
	    "En 2015" NBSP ": Exploitation sexuelle 81" NNBSP "%, Une forme "
	    "très rare 0,004" NNBSP "%.");
	free(s);
}

/* ---- the SVG canvas (gen/canvas_svg.c) ---- */

/* The document of a drawing made by draw(cv) on a 100 x 50 canvas,
 * prefix "p", title "T" and description "D".  Caller frees. */
static char *
svg_doc(void (*draw)(struct canvas *, void *), void *arg)
{
	struct canvas_svg *cs;
	struct buf	 out = { NULL, 0, 0 };

	cs = canvas_svg_new(100, 50, "p");
	draw(canvas_svg_canvas(cs), arg);
	canvas_svg_finish(cs, &out, "T", "D");
	canvas_svg_free(cs);
	return buf_detach(&out);
}

static void
draw_nothing(struct canvas *cv, void *arg)
{
}

/* Two clips, nested, then one more after a restore; a fill and a
 * stroke of one path (a marker), a rectangle, a circle. */
static void
draw_shapes(struct canvas *cv, void *arg)
{
	static const double dash[2] = { 4, 3 };
	const struct canvas_ops *o = cv->ops;

	o->save(cv);
	o->translate(cv, 0, 10.5);
	o->rect(cv, 0, 0, 10, 10);
	o->clip(cv);
	o->save(cv);
	o->rect(cv, 1, 1, 5, 5);
	o->clip(cv);
	o->source(cv, 1, 0, 0, 1);
	/* Two moves: the first draws nothing, as in cairo. */
	o->move_to(cv, 50, 50);
	o->move_to(cv, 1, 2);
	o->line_to(cv, 3, 4);
	o->line_width(cv, 0.6);
	o->dash(cv, dash);
	o->cap(cv, CANVAS_CAP_ROUND);
	o->stroke(cv);
	o->restore(cv);
	o->restore(cv);
	o->rect(cv, 0, 0, 1, 1);
	o->clip(cv);
	o->source(cv, 1, 1, 1, 0.85);
	o->circle(cv, 20, 20, 4);
	o->fill(cv, 1);
	o->source(cv, 0, 0.447, 0.698, 1);
	o->line_width(cv, 1);
	o->join(cv, CANVAS_JOIN_ROUND);
	o->stroke(cv);
	/* Coordinates as cairo's 24.8 fixed point, ties to even. */
	o->source(cv, 0, 0, 0, 1);
	o->rect(cv, 129.908, 230.939453125, 0.5, 1.0 / 512);
	o->fill(cv, 0);
	o->paint(cv);
}

/* Points whose coordinates cover every fraction of cairo's fixed point,
 * both signs, large values, the clamp at 1e12 and a NaN. */
#define NFIX	(2 * 256 + 5)

static double
fix_value(int i)
{
	static const double big[] = { 123456789.00390625, -98765.5,
	    1e12, -3e13, NAN };

	if (i < 2 * 256)
		return (i - 256) * (1 + 1.0 / 256) + 0.3 / 256;
	return big[i - 2 * 256];
}

static void
draw_fixed(struct canvas *cv, void *arg)
{
	int	 i;

	for (i = 0; i < NFIX; i++)
		(i == 0 ? cv->ops->move_to : cv->ops->line_to)(cv,
		    fix_value(i), -fix_value(i));
	cv->ops->stroke(cv);
}

/* What cairo's SVG surface printed for v: its fixed point (an integer:
 * no -0) as %f, trailing zeros cut, to b. */
static void
fix_oracle(struct buf *b, double v)
{
	char	 s[64];
	size_t	 n;

	v = nearbyint(fmin(fmax(v, -1e12), 1e12) * 256) / 256 + 0.0;
	n = (size_t)snprintf(s, sizeof(s), "%f", v);
	while (s[n - 1] == '0')
		n--;
	if (s[n - 1] == '.')
		n--;
	buf_put(b, s, n);
}

static void
fixed_tests(void)
{
	struct buf	 want = { NULL, 0, 0 };
	char		*o;
	int		 i;

	BUF_PUTSL(&want, " d=\"");
	for (i = 0; i < NFIX; i++) {
		if (i == 0)
			BUF_PUTSL(&want, "M ");
		else
			BUF_PUTSL(&want, " L ");
		fix_oracle(&want, fix_value(i));
		buf_putc(&want, ' ');
		fix_oracle(&want, -fix_value(i));
	}
	BUF_PUTSL(&want, "\"/>");
	buf_putc(&want, '\0');
	o = svg_doc(draw_fixed, NULL);
	expect("canvas_svg: every fraction of the fixed point, signs, the "
	    "clamp, a NaN, as cairo printed them",
	    strstr(o, want.data) != NULL);
	free(o);
	buf_free(&want);
}

static void
canvas_tests(void)
{
	char	*o;

	o = svg_doc(draw_nothing, NULL);
	expect("canvas_svg: the root, <title> then <desc> first",
	    strcmp(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100pt\" "
	    "height=\"50pt\" viewBox=\"0 0 100 50\" version=\"1.1\" "
	    "stroke-miterlimit=\"10\" role=\"img\" aria-labelledby=\"p-title "
	    "p-desc\"><title id=\"p-title\">T</title><desc id=\"p-desc\">D"
	    "</desc>\n</svg>\n") == 0);
	free(o);

	o = svg_doc(draw_shapes, NULL);
	expect("canvas_svg: clips as <clipPath> and groups, ids in order, "
	    "closed at their restore",
	    strstr(o, "<clipPath id=\"p-g1\"><path d=\"M 0 10.5 L 10 10.5 "
	    "L 10 20.5 L 0 20.5 Z M 0 10.5\"/>\n</clipPath>\n<g clip-path=\""
	    "url(#p-g1)\">\n<clipPath id=\"p-g2\">") != NULL &&
	    strstr(o, "\"/>\n</g>\n</g>\n<clipPath id=\"p-g3\">") != NULL &&
	    strstr(o, "</g>\n</svg>\n") != NULL);
	expect("canvas_svg: a stroke in presentation attributes, a move "
	    "after a move replaced",
	    strstr(o, "<path fill=\"none\" stroke=\"#ff0000\" "
	    "stroke-width=\"0.6\" stroke-linecap=\"round\" "
	    "stroke-dasharray=\"4 3\" d=\"M 1 12.5 L 3 14.5\"/>") != NULL &&
	    strstr(o, "style=") == NULL && strstr(o, "M 50 ") == NULL);
	expect("canvas_svg: a fill kept for a stroke is one element; a "
	    "circle as cairo's two half arcs",
	    strstr(o, "<path fill=\"#ffffff\" fill-opacity=\"0.85\" "
	    "stroke=\"#0072b2\" stroke-width=\"1\" stroke-linejoin=\"round\" "
	    "d=\"M 24 20 C 24 25.332031 16 25.332031 16 20 C 16 14.667969 "
	    "24 14.667969 24 20\"/>") != NULL);
	expect("canvas_svg: coordinates in cairo's fixed point, ties to "
	    "even; a rectangle's far sides added to its corner",
	    strstr(o, "<path fill=\"#000000\" d=\"M 129.90625 230.9375 "
	    "L 130.40625 230.9375 L 130.40625 230.9375 L 129.90625 230.9375 "
	    "Z M 129.90625 230.9375\"/>") != NULL);
	expect("canvas_svg: paint is the whole drawing",
	    strstr(o, "<rect x=\"0\" y=\"0\" width=\"100\" height=\"50\" "
	    "fill=\"#000000\"/>") != NULL);
	free(o);
}

/* Text: the headings of chart.c as <text> lines. */
struct heads {
	PangoContext	*pc;
	double		 w;
};

static void
draw_heads(struct canvas *cv, void *arg)
{
	const struct heads *h = arg;

	cv->ops->translate(cv, 10, 20);
	chart_draw_heading(cv, h->pc, "Victimes" NBSP ": 1" NNBSP "118 en "
	    "2016 & <b>", 400);
	/* Two lines at most on a chart wider than the narrow variant: the
	 * rest is cut with an ellipsis. */
	chart_draw_heading(cv, h->pc, LONG_TITLE, h->w);
}

static void
draw_draft(struct canvas *cv, void *arg)
{
	const struct heads *h = arg;
	PangoLayout	*l;

	cv->ops->rotate(cv, -M_PI / 4);
	cv->ops->source(cv, 0.1, 0.1, 0.1, 0.12);
	cv->ops->move_to(cv, 0, 0);
	l = font_layout(h->pc, FONT_SANS, 110, PANGO_WEIGHT_BOLD);
	pango_layout_set_text(l, "PROJET", -1);
	cv->ops->text(cv, l, 1);
	g_object_unref(l);
}

/* A layout drawn, drawn again in another colour, changed, drawn again. */
static void
draw_changed(struct canvas *cv, void *arg)
{
	const struct heads *h = arg;
	PangoLayout	*l;

	l = font_layout(h->pc, FONT_SANS, 10, PANGO_WEIGHT_NORMAL);
	pango_layout_set_text(l, "Un", -1);
	cv->ops->move_to(cv, 0, 0);
	cv->ops->text(cv, l, 0);
	cv->ops->source(cv, 1, 0, 0, 1);
	cv->ops->move_to(cv, 0, 20);
	cv->ops->text(cv, l, 0);
	pango_layout_set_text(l, "Deux", -1);
	cv->ops->text(cv, l, 0);
	g_object_unref(l);
}

/* One layout drawn in two documents: the second's first text is in the
 * serif, so its family is the document's. */
struct twodocs {
	PangoLayout	*sans, *serif;
	int		 second;
};

static void
draw_twodocs(struct canvas *cv, void *arg)
{
	struct twodocs	*td = arg;

	cv->ops->move_to(cv, 0, 0);
	if (td->second)
		cv->ops->text(cv, td->serif, 0);
	cv->ops->text(cv, td->sans, 0);
}

/* The number of times needle is in s. */
static size_t
count(const char *s, const char *needle)
{
	size_t	 n = 0;

	while ((s = strstr(s, needle)) != NULL) {
		n++;
		s += strlen(needle);
	}
	return n;
}

static void
text_tests(void)
{
	struct heads	 h;
	struct twodocs	 td;
	PangoFontMap	*fm;
	char		*o, *p, *q, *fam;

	fam = xasprintf(" font-family=\"'%s', sans-serif\"><title", FONT_SANS);
	fm = font_map_new();
	h.pc = font_context(fm);
	h.w = CHART_NARROW_WIDTH + 10;
	o = svg_doc(draw_heads, &h);
	expect("canvas_svg: a <text> a line, escaped, textLength, the "
	    "family on the root",
	    count(o, "<text ") == 3 &&
	    count(o, "lengthAdjust=\"spacingAndGlyphs\">") == 3 &&
	    strstr(o, "font-weight=\"bold\" fill=\"#1a1a1a\" textLength=\"")
	    != NULL && strstr(o, ">Victimes" NBSP ": 1" NNBSP "118 en 2016 "
	    "&amp; &lt;b&gt;</text>\n") != NULL &&
	    strstr(o, fam) != NULL);
	expect("canvas_svg: text placed on the device (translate 10, 20)",
	    strstr(o, "<text x=\"10\" y=\"") != NULL &&
	    (p = strstr(o, "<text x=\"10\" y=\"")) != NULL &&
	    atof(p + 16) > 20 && atof(p + 16) < 40);
	p = strstr(o, "…</text>\n</svg>");
	q = strstr(o, " </text>");
	expect("canvas_svg: an ellipsized line shows \"…\", lines trimmed",
	    p != NULL && q == NULL);
	free(o);

	/* The narrow variant's heading wraps it whole. */
	h.w = CHART_NARROW_WIDTH;
	o = svg_doc(draw_heads, &h);
	expect("canvas_svg: the narrow variant's heading wraps, uncut",
	    count(o, "<text ") > 3 && strstr(o, "…") == NULL &&
	    strstr(o, "celle-ci</text>") != NULL);
	free(o);

	o = svg_doc(draw_changed, &h);
	expect("canvas_svg: a layout drawn again where it is, in its colour, "
	    "changed as it is",
	    count(o, ">Un</text>") == 2 && count(o, ">Deux</text>") == 1 &&
	    count(o, "fill=\"#000000\"") == 1 &&
	    count(o, "fill=\"#ff0000\"") == 2 &&
	    count(o, "<text x=\"0\" y=\"10.") == 1 &&
	    count(o, "<text x=\"0\" y=\"30.") == 2);
	free(o);

	td.sans = font_layout(h.pc, FONT_SANS, 10, PANGO_WEIGHT_NORMAL);
	td.serif = font_layout(h.pc, FONT_SERIF, 10, PANGO_WEIGHT_NORMAL);
	pango_layout_set_text(td.sans, "Un", -1);
	pango_layout_set_text(td.serif, "Deux", -1);
	td.second = 0;
	free(svg_doc(draw_twodocs, &td));
	td.second = 1;
	o = svg_doc(draw_twodocs, &td);
	p = xasprintf("font-family=\"'%s', sans-serif\" fill=\"#000000\" "
	    "textLength=\"13.49\" lengthAdjust=\"spacingAndGlyphs\">Un<",
	    FONT_SANS);
	expect("canvas_svg: a layout drawn again in a document of another "
	    "family names its own", strstr(o, p) != NULL);
	free(p);
	free(o);
	g_object_unref(td.sans);
	g_object_unref(td.serif);

	o = svg_doc(draw_draft, &h);
	expect("canvas_svg: rotated text as a matrix, translucent, text "
	    "even as an outline",
	    strstr(o, "<text transform=\"matrix(0.7071 -0.7071 0.7071 0.7071 "
	    "83.15 83.15)") != NULL && strstr(o, "font-size=\"110\" font-weight=\"bold\" "
	    "fill=\"#1a1a1a\" fill-opacity=\"0.12\"") != NULL &&
	    strstr(o, ">PROJET</text>") != NULL);
	free(o);
	free(fam);
	chart_forget(h.pc);
	g_object_unref(h.pc);
	g_object_unref(fm);
}

/* ---- layouts kept between widths (gen/chart.c) ---- */

struct head1 {
	PangoContext	*pc;
	const char	*title;
	double		 w;
};

static void
draw_head1(struct canvas *cv, void *arg)
{
	const struct head1 *h = arg;

	chart_draw_heading(cv, h->pc, h->title, h->w);
}

/* What chart_draw_heading() draws, from a layout of pango's own at the
 * width asked: title size, bold, wrapped in two lines (as many as hold
 * what two lines hold 640 pt wide on the narrow variant), in the text
 * colour, its logical box's left edge at 0. */
static void
draw_head_ref(struct canvas *cv, void *arg)
{
	const struct head1 *h = arg;
	const struct theme *th = theme_get();
	PangoLayout	*l;
	PangoRectangle	 log;

	l = font_layout(h->pc, FONT_SANS, th->size_title, PANGO_WEIGHT_BOLD);
	pango_layout_set_text(l, h->title, -1);
	pango_layout_set_width(l, (int)(h->w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_height(l, h->w > CHART_NARROW_WIDTH ? -2 :
	    -(int)(2 * 640.0 / h->w));
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	pango_layout_get_extents(l, NULL, &log);
	cv->ops->source(cv, th->text.r, th->text.g, th->text.b, 1);
	cv->ops->move_to(cv, -(double)log.x / PANGO_SCALE, 0);
	cv->ops->text(cv, l, 0);
	g_object_unref(l);
}

/* Is the heading of title at w what pango lays out at w? */
static int
same_as_pango(struct head1 *h, double w)
{
	char		*a, *b;
	int		 same;

	h->w = w;
	a = svg_doc(draw_head1, h);
	b = svg_doc(draw_head_ref, h);
	same = strcmp(a, b) == 0;
	if (!same)
		printf("#   kept:  %s\n#   pango: %s\n", a, b);
	free(a);
	free(b);
	return same;
}

/* The same for title at width first on a new context, then at w. */
static int
same_after(PangoFontMap *fm, const char *title, double first, double w)
{
	struct head1	 h;
	int		 same;

	h.pc = font_context(fm);
	h.title = title;
	same = same_as_pango(&h, first);
	same = same_as_pango(&h, w) && same;
	chart_forget(h.pc);
	g_object_unref(h.pc);
	return same;
}

/* A context pango makes itself on a font map of font_map_new() (as it
 * does for a font's metrics) loads a font of 9.5 px as the 9.5 pt of
 * font_context(): the same pattern, sorted once. */
static void
resolution_tests(void)
{
	PangoFontMap	*fm;
	PangoContext	*pc, *own;
	PangoFontDescription *fd, *got;
	PangoFont	*f;

	fm = font_map_new();
	own = pango_font_map_create_context(fm);
	fd = pango_font_description_new();
	pango_font_description_set_family(fd, FONT_SANS);
	pango_font_description_set_absolute_size(fd, 9.5 * PANGO_SCALE);
	f = pango_font_map_load_font(fm, own, fd);
	got = f != NULL ? pango_font_describe(f) : NULL;
	expect("font map: a context of pango's own at 72 dpi, as "
	    "font_context()'s", got != NULL &&
	    pango_font_description_get_size(got) == (int)(9.5 * PANGO_SCALE));
	pc = font_context(fm);
	expect("font map: font_context() at 72 dpi",
	    pango_cairo_context_get_resolution(pc) == 72);
	if (got != NULL)
		pango_font_description_free(got);
	if (f != NULL)
		g_object_unref(f);
	pango_font_description_free(fd);
	g_object_unref(pc);
	g_object_unref(own);
	g_object_unref(fm);
}

static void
kept_tests(void)
{
	PangoFontMap	*fm;
	const char	*rtl = "\xd8\xa7\xd9\x84\xd8\xaa\xd9\x82\xd8\xb1"
	    "\xd9\x8a\xd8\xb1 2016";	/* Arabic: "the report" */

	fm = font_map_new();
	expect("kept layouts: a title that fits, at a narrower width",
	    same_after(fm, "Victimes par \xc3\xa2ge, 2014-2016", 432, 300));
	expect("kept layouts: a title that fits, at a wider width",
	    same_after(fm, "Victimes par \xc3\xa2ge, 2014-2016", 300, 432));
	expect("kept layouts: a title that fits wide, wrapped narrow",
	    same_after(fm, LONG_TITLE, 1000, CHART_NARROW_WIDTH));
	expect("kept layouts: a title wrapped narrow, on one line wide",
	    same_after(fm, LONG_TITLE, CHART_NARROW_WIDTH, 1000));
	expect("kept layouts: a title cut wide, whole narrow",
	    same_after(fm, LONG_TITLE LONG_TITLE LONG_TITLE, 432,
	    CHART_NARROW_WIDTH));
	expect("kept layouts: a title just wider than the width",
	    same_after(fm, "Victimes par \xc3\xa2ge, 2014-2016", 432, 100));
	expect("kept layouts: three paragraphs, then two lines at most",
	    same_after(fm, "Un\nDeux\nTrois", CHART_NARROW_WIDTH, 432));
	expect("kept layouts: right to left, at another width",
	    same_after(fm, rtl, 432, 300));
	/* Lines of both directions: the width moves one against the
	 * other. */
	rtl = "Total\n\xd8\xa7\xd9\x84\xd8\xaa\xd9\x82\xd8\xb1\xd9\x8a\xd8\xb1";
	expect("kept layouts: a line of each direction, at another width",
	    same_after(fm, rtl, 300, 432));
	g_object_unref(fm);
}

/*
 * Labels shaped by chart.c against pango's layouts: every chart of an
 * edition (indicators at both widths, statuses, progress, the sheet)
 * drawn as SVG with labels shaped, then with every label a layout, on a
 * context of its own each time, must be the same bytes: the same
 * widths, heights and baselines to pango's unit, the same <text>.
 */
struct edoc {
	const struct report	*r;
	const struct edition	*e;
	int			 kind;		/* 0 status, 1 progress, 2 sheet */
	double			 w;
};

static void
draw_edoc(struct canvas *cv, void *arg)
{
	const struct edoc *d = arg;
	PangoFontMap	*fm = font_map_new();
	PangoContext	*pc = font_context(fm);

	if (d->kind == 0)
		chart_draw_status(cv, pc, d->r, d->e, d->w,
		    chart_height_status(d->r, d->e, d->w));
	else if (d->kind == 1)
		chart_draw_progress(cv, pc, d->r, d->e, d->w,
		    chart_height_progress(d->r, d->e, d->w));
	else
		chart_draw_sheet(cv, pc, d->r, d->e, 0);
	chart_forget(pc);
	g_object_unref(pc);
	g_object_unref(fm);
}

/* The document of one edition chart (d) or indicator chart (ind at
 * year, w wide), labels shaped or not; caller frees. */
static char *
shaped_doc(int shaped, const struct edoc *d, const struct indicator *ind,
    int year, double w)
{
	PangoFontMap	*fm;
	PangoContext	*pc;
	struct buf	 out = { NULL, 0, 0 };
	char		*s;

	chart_shape_lines = shaped;
	if (ind == NULL) {
		s = svg_doc(draw_edoc, (void *)d);
		chart_shape_lines = 1;
		return s;
	}
	fm = font_map_new();
	pc = font_context(fm);
	svg_chart(&out, pc, ind, year, w);
	chart_forget(pc);
	g_object_unref(pc);
	g_object_unref(fm);
	chart_shape_lines = 1;
	return buf_detach(&out);
}

/* Both ways the same?  Counts the charts in *n. */
static int
shaped_same(const struct edoc *d, const struct indicator *ind, int year,
    double w, size_t *n)
{
	char	*a, *b;
	int	 same;

	a = shaped_doc(1, d, ind, year, w);
	b = shaped_doc(0, d, ind, year, w);
	same = strcmp(a, b) == 0;
	if (!same)
		printf("#   shaped: %.300s\n#   pango:  %.300s\n", a, b);
	free(a);
	free(b);
	(*n)++;
	return same;
}

static void
shaped_content(const char *dir)
{
	static const double ws[2] = { CHART_WIDTH, CHART_NARROW_WIDTH };
	struct report	*r;
	const struct measure *m;
	struct edoc	 d;
	size_t		 i, k, e, n = 0;
	int		 v, ok = 1;
	char		*name;

	if ((r = report_load(dir)) == NULL) {
		expect(dir, 0);
		return;
	}
	for (e = 0; e < r->neds; e++) {
		d.r = r;
		d.e = &r->eds[e];
		for (d.kind = 0; d.kind < 3; d.kind++)
			for (v = 0; v < (d.kind == 2 ? 1 : 2); v++) {
				d.w = ws[v];
				ok = shaped_same(&d, NULL, 0, 0, &n) && ok;
			}
		for (i = 0; i < r->plan.nmeasures; i++) {
			m = &r->plan.measures[i];
			for (k = 0; k < m->ninds; k++)
				for (v = 0; v < 2; v++)
					ok = shaped_same(NULL, &m->inds[k],
					    r->eds[e].year, ws[v], &n) && ok;
		}
	}
	name = xasprintf("shaped labels: %s, %zu charts as with pango's "
	    "layouts", dir, n);
	expect(name, ok && n > 0);
	free(name);
	report_free(r);
}

/*
 * Titles wrapped by chart.c as pango wraps them: WRAP_CASES titles of
 * 2 to 17 words drawn from a list (French words, accents, apostrophes,
 * hyphens, numbers with their spaces, kerning pairs, ligatures, long
 * words), each at a width of 40 to 500 pt (in wrap_lines() lines, which
 * cuts some: pango's ellipsis), shaped and as pango's layouts, on one
 * context each way.  The same pseudo-random sequence every run.
 */
#define WRAP_CASES	1500

static void
wrap_tests(void)
{
	static const char *const words[] = {
		"Victimes", "identifiées", "par", "les", "services", "de",
		"l’État", "2016", "2010-2016", "1" NNBSP "118", "12,5" NNBSP "%",
		"Île-de-France", "«" NBSP "traite" NBSP "»", "—", "(mesure" NBSP
		"3)", "AVANT", "WAVE", "Tête", "fi", "affluence", "œuvre",
		"accompagnement", "interministérielle", "a", "à", "et", "ou",
		"Procédures", "ouvertes", "parquets", "hébergement", "dédiées",
		"contre-indication", "anticonstitutionnellement", ":", ";",
		"Coordination", "M€", "OCRTEH", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	};
	const size_t	 nw = sizeof(words) / sizeof(words[0]);
	PangoFontMap	*fm;
	PangoContext	*pc[2];
	struct head1	 h;
	struct buf	 t = { NULL, 0, 0 };
	unsigned long	 r = 12345;
	char		*a = NULL, *b = NULL, *name;
	int		 i, j, n, k, bad = 0;

	fm = font_map_new();
	pc[0] = font_context(fm);
	pc[1] = font_context(fm);
	for (i = 0; i < WRAP_CASES; i++) {
		buf_reset(&t);
		r = r * 1103515245 + 12345;
		n = 2 + (int)((r >> 16) % 16);
		for (j = 0; j < n; j++) {
			r = r * 1103515245 + 12345;
			if (j > 0)
				buf_putc(&t, ' ');
			buf_puts(&t, words[(r >> 16) % nw]);
		}
		r = r * 1103515245 + 12345;
		h.title = t.data;
		h.w = 40 + (double)((r >> 16) % 4601) / 10;
		for (k = 1; k >= 0; k--) {
			chart_shape_lines = k;
			h.pc = pc[k];
			*(k ? &a : &b) = svg_doc(draw_head1, &h);
		}
		chart_shape_lines = 1;
		if (strcmp(a, b) != 0 && bad++ < 3)
			printf("#   %.1f pt: %s\n#   shaped: %.400s\n"
			    "#   pango:  %.400s\n", h.w, t.data, a, b);
		free(a);
		free(b);
	}
	name = xasprintf("shaped labels in %s: 1500 titles wrapped at 40 to "
	    "500 pt as pango wraps them", FONT_SANS);
	expect(name, bad == 0);
	free(name);
	buf_free(&t);
	for (k = 0; k < 2; k++) {
		chart_forget(pc[k]);
		g_object_unref(pc[k]);
	}
	g_object_unref(fm);
}

/* Titles of one line, shaped or not: kerning, ligatures, spaces of
 * French typography, digits alone (the common script), characters the
 * font lacks or outside the Latin script (laid out by pango either
 * way), white space at an end, runs of spaces, a word twice (the
 * second from the words shaped, in a font whose labels are shaped word
 * by word).  Each title on a context of its own: wrap_tests() shares
 * one between titles. */
static void
title_tests(void)
{
	static const char *const t[] = {
		"AVANT Tête WAVE fi fl ffi", "2016", "1" NNBSP "118",
		"62,7" NNBSP "%", "4,98" NNBSP "M€", "Source" NBSP ": l’OCRTEH",
		"Œuvre, çà et là — « oui » ; non ! (1er) [2e] {3} ‰ † ‡ • …",
		"Łódź Dvořák Ærø ŉ ĳ", " espace", "espace ", "a  b",
		"\xd8\xa7\xd9\x84\xd8\xaa\xd9\x82\xd8\xb1\xd9\x8a\xd8\xb1",
		"Ελλάδα", "中文", "™ ℃", "a\xe2\x80\x8b\x62", "\xc2\xad",
		"AVANT  WAVE", "WAVE fi AVANT fi WAVE", "W A V E",
	};
	struct head1	 h;
	PangoFontMap	*fm;
	char		*a, *b, *name;
	size_t		 i;
	int		 k;

	fm = font_map_new();
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		h.title = t[i];
		h.w = CHART_WIDTH;
		for (k = 1; k >= 0; k--) {
			chart_shape_lines = k;
			h.pc = font_context(fm);
			*(k ? &a : &b) = svg_doc(draw_head1, &h);
			chart_forget(h.pc);
			g_object_unref(h.pc);
		}
		chart_shape_lines = 1;
		name = xasprintf("shaped labels in %s: \"%s\" as pango lays "
		    "it out", FONT_SANS, t[i]);
		expect(name, strcmp(a, b) == 0);
		free(name);
		free(a);
		free(b);
	}
	g_object_unref(fm);
}

/* Are labels in family (bold or not) shaped word by word (splits) or
 * whole, and is the font the family asked? */
static void
split_expect(const char *family, int bold, int splits)
{
	PangoFontMap	*fm = font_map_new();
	PangoContext	*pc = font_context(fm);
	PangoFontDescription *fd, *got;
	PangoFont	*font;
	char		*name;

	fd = font_desc(family, 10, bold ? PANGO_WEIGHT_BOLD :
	    PANGO_WEIGHT_NORMAL);
	font = pango_context_load_font(pc, fd);
	got = font != NULL ? pango_font_describe(font) : NULL;
	name = xasprintf("%s%s: labels %s", family, bold ? " Bold" : "",
	    splits ? "shaped word by word" : "shaped whole");
	expect(name, got != NULL && strcmp(family,
	    pango_font_description_get_family(got)) == 0 &&
	    chart_splits_at_spaces(font) == splits);
	free(name);
	if (got != NULL)
		pango_font_description_free(got);
	if (font != NULL)
		g_object_unref(font);
	pango_font_description_free(fd);
	g_object_unref(pc);
	g_object_unref(fm);
}

/*
 * The labels in a font whose shaping reaches across spaces, so shaped
 * whole: the test theme's heading face, DejaVu Sans (a kern table), in
 * a process of its own (a process has one font configuration, made on
 * first use: call before any other test).
 */
static void
whole_font_tests(void)
{
	pid_t	 pid;
	int	 st;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		if (!font_load("tests/scripts/theme") ||
		    strcmp(FONT_SANS, "DejaVu Sans") != 0)
			expect("tests/scripts/theme: DejaVu Sans for the "
			    "charts", 0);
		else {
			split_expect("DejaVu Sans", 0, 0);
			split_expect("DejaVu Sans", 1, 0);
			title_tests();
			wrap_tests();
		}
		fflush(stdout);
		_exit(failed ? 1 : 0);
	}
	expect("labels in DejaVu Sans, in a process of their own", pid > 0 &&
	    waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
}

static void
shaped_tests(int argc, char **argv)
{
	int	 k;

	/* Charis SIL: a GSUB lookup reads its space. */
	split_expect("Noto Sans", 0, 1);
	split_expect("Noto Sans", 1, 1);
	split_expect("Charis SIL", 0, 0);
	title_tests();
	wrap_tests();
	if (argc > 1)
		for (k = 1; k < argc; k++)
			shaped_content(argv[k]);
	else {
		shaped_content("content");
		shaped_content("tests/plans/en");
		shaped_content("tests/scripts/content");
	}
}

/* Every edge case draws without a cairo error on an image surface. */
static void
draw_tests(void)
{
	struct value	 one[] = { { .year = 2016, .v = 3 } };
	struct value	 neg[] = { { .year = 2014, .v = -5 },
	    { .year = 2016, .v = -0.5 } };
	struct value	 big[] = { { .year = 2014, .v = 1e9 },
	    { .year = 2015, .v = 0.004 } };
	struct series	 ss[3] = {
		{ NULL, "Un", one, 1, { 0 } },
		{ NULL, "Négatif", neg, 2, { 0 } },
		{ NULL, "Extrêmes", big, 2, { 0 } },
	};
	struct indicator ind;
	cairo_surface_t	*s;
	cairo_t		*cr;
	struct canvas_cairo cc;
	PangoFontMap	*fm;
	PangoContext	*pc;
	size_t		 i;
	int		 k, ok = 1;

	fm = font_map_new();
	pc = font_context(fm);
	s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 640, 480);
	cr = cairo_create(s);
	canvas_cairo_init(&cc, cr);
	memset(&ind, 0, sizeof(ind));
	ind.id = "x";
	ind.label = "Un indicateur";
	ind.unit = "€";
	ind.source = "Source d’essai";
	ind.measure = &m01;
	ind.nseries = 1;
	for (i = 0; i < 3; i++)
		for (k = 0; k < 3; k++) {
			ind.series = &ss[i];
			ind.chart = k == 0 ? CHART_LINE : k == 1 ? CHART_BAR :
			    CHART_STACKED;
			ind.categories = k == 2;
			chart_draw(&cc.cv, pc, &ind, 2016, 640,
			    chart_height(&ind, 2016, 640));
			chart_draw(&cc.cv, pc, &ind, 2010, 320, 100);
			chart_draw(&cc.cv, pc, &ind, 2016, 40, 20);
			ok = ok && cairo_status(cr) == CAIRO_STATUS_SUCCESS;
		}
	expect("chart_draw: edge cases at any size, no cairo error", ok);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	chart_forget(pc);
	g_object_unref(pc);
	g_object_unref(fm);
}

int
main(int argc, char **argv)
{
	whole_font_tests();
	ticks(0, 1826, 5, 0, 0, 2000, 500);
	ticks(0, 1118, 8, 0, 0, 1200, 200);
	ticks(68, 92, 5, 0, 60, 100, 10);
	ticks(0, 1, 5, 1, 0, 1, 1);
	ticks(0, 0, 5, 1, 0, 1, 1);
	ticks(0, 7, 8, 1, 0, 7, 1);
	ticks(-3.5, 2.4, 8, 0, -4, 3, 1);
	ticks(0, 0.004, 4, 0, 0, 0.004, 0.001);
	ticks(0, 1e9, 5, 0, 0, 1e9, 2e8);
	ticks(0.004, 1e9, 5, 0, 0, 1e9, 2e8);
	ticks(-1e6, -3, 4, 0, -1e6, 0, 5e5);
	ticks(0, 4.98396, 5, 0, 0, 5, 1);
	ticks(0, 23, 5, 1, 0, 25, 5);
	ticks(5, 5, 5, 0, 0, 5, 1);
	ticks(-2, -2, 5, 0, -2, 0, 0.5);
	ticks_props();

	/* Rounding edges of the shared formatter (typo.c). */
	num(0.125, 2, "0,13");		/* half away from zero */
	num(0.126, -1, "0,13");
	num(999.95, -1, "1" NNBSP "000");
	num(999.94, -1, "999,9");
	num(-0.004, -1, "0");		/* no "−0" */
	num(-0.004, 3, MINUS "0,004");
	num(1e9, -1, "1" NNBSP "000" NNBSP "000" NNBSP "000");
	num(-1234.5, -1, MINUS "1" NNBSP "234,5");
	num(1234567.891, -1, "1" NNBSP "234" NNBSP "567,9");
	num(12.5, -1, "12,5");
	num(0, -1, "0");
	num(-0.0, -1, "0");
	val(12.5, "%", "12,5" NNBSP "%");
	val(62.7, "%", "62,7" NNBSP "%");
	val(100, "%", "100" NNBSP "%");
	val(4983960, "€", "4,98" NNBSP "M€");
	val(3123887, "€", "3,12" NNBSP "M€");
	val(205000, "€", "205" NNBSP "k€");
	val(220000, "€", "220" NNBSP "k€");
	val(12500, "€", "12,5" NNBSP "k€");
	val(950, "€", "950" NNBSP "€");
	val(1118, "personnes", "1" NNBSP "118");
	val(1e9, "personnes", "1" NNBSP "000" NNBSP "000" NNBSP "000");
	val(999999, "€", "1,00" NNBSP "M€");
	val(99999999, "€", "100" NNBSP "M€");
	num(0.125, -1, "0,13");
	round_oracle();
	cfmt(0.004, "personnes", "0,004");
	cfmt(-0.004, "personnes", MINUS "0,004");
	cfmt(0.004, "%", "0,004" NNBSP "%");
	cfmt(0.00125, "€", "0,00125" NNBSP "€");
	cfmt(1e-15, NULL, "0");
	cfmt(0, "%", "0" NNBSP "%");
	cfmt(4983960, "€", "4,98" NNBSP "M€");

	theme_tests();
	words_tests();
	canvas_tests();
	fixed_tests();
	text_tests();
	kept_tests();
	resolution_tests();
	draw_tests();
	shaped_tests(argc, argv);
	return failed ? 1 : 0;
}
