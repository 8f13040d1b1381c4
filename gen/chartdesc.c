/*
 * The words that go with a chart: its file name, title, the sentence
 * stating its data (the SVG <title>/<desc>, the site's text alternatives,
 * the PDF's /Alt), and the numbers the synthesis sheet shows.  Text
 * only: no cairo, no pango, so the site describes a chart without the
 * drawing code.  Every string returned is the caller's to free.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "i18n.h"
#include "chartdesc.h"

#define NBSP	"\xc2\xa0"	/* U+00A0, before a colon */
#define NNBSP	"\xe2\x80\xaf"	/* U+202F, before ; ! ? and in numbers */

/* ---- numbers ---- */

void
chart_fmt(char *buf, size_t size, double v, const char *unit)
{
	char	 tmp[64], num[64], *dot, *ex;
	int	 dec;

	if (v == 0 || fabs(v) >= 0.01) {
		fmt_value(buf, size, v, unit);
		return;
	}
	/* Three significant digits, written out without an exponent. */
	cnum_snprintf(tmp, sizeof(tmp), "%.3g", fabs(v));
	if ((ex = strchr(tmp, 'e')) != NULL) {
		/* Too small to write out: as the formatter says. */
		fmt_value(buf, size, v, unit);
		return;
	} else if ((dot = strchr(tmp, '.')) != NULL)
		dec = (int)strlen(dot + 1);
	else
		dec = 0;
	fmt_num(num, sizeof(num), v, dec);
	fmt_with_unit(buf, size, num, "", unit);
}


/* ---- words ---- */

char *
chart_file(const struct indicator *ind)
{
	return xasprintf("charts/%s-%s.svg", ind->measure->id, ind->id);
}

char *
chart_file_narrow(const char *file)
{
	size_t	 n = strlen(file);

	if (n > 4 && strcmp(file + n - 4, ".svg") == 0)
		n -= 4;
	return xasprintf("%.*s-%s.svg", (int)n, file, fname(FNAME_NARROW));
}

/* Values of s up to year: how many (they come first, sorted). */
size_t
chart_upto(const struct series *s, int year)
{
	size_t	 n;

	for (n = 0; n < s->nvals && s->vals[n].year <= year; n++)
		continue;
	return n;
}

/* First and last year with a value up to year, over all series; 0 if
 * none. */
int
chart_year_span(const struct indicator *ind, int year, int *first, int *last)
{
	size_t	 i, n;

	*first = *last = 0;
	for (i = 0; i < ind->nseries; i++) {
		if ((n = chart_upto(&ind->series[i], year)) == 0)
			continue;
		if (*first == 0 || ind->series[i].vals[0].year < *first)
			*first = ind->series[i].vals[0].year;
		if (ind->series[i].vals[n - 1].year > *last)
			*last = ind->series[i].vals[n - 1].year;
	}
	return *first != 0;
}

char *
chart_title(const struct indicator *ind, int year)
{
	int	 first, last;

	char	 y1[16];

	if (!chart_year_span(ind, year, &first, &last))
		return xstrdup(ind->label);
	snprintf(y1, sizeof(y1), "%d", last);
	if (strstr(ind->label, y1) != NULL)
		return xstrdup(ind->label);
	if (ind->chart == CHART_HBAR || first == last)
		return xasprintf("%s, %d", ind->label, last);
	return xasprintf("%s, %d-%d", ind->label, first, last);
}

/* Appends the unit, in the singular when the language's plural rule
 * says so: units are written in the plural ("cartes de résident"), and
 * the singular drops the s of the first word ("1 carte de résident"). */
static void
put_unit(struct buf *b, const char *unit, double v)
{
	size_t	 n = strcspn(unit, " ");

	if (i18n_singular(v) && n > 2 && unit[n - 1] == 's') {
		buf_put(b, unit, n - 1);
		buf_puts(b, unit + n);
	} else
		buf_puts(b, unit);
}

char *
chart_unit(const char *unit, double v)
{
	struct buf	 b = { NULL, 0, 0 };

	put_unit(&b, unit, v);
	return buf_detach(&b);
}

/* Appends "1 118 personnes" (the unit word only if with is set and the
 * unit is neither % nor a currency), plus " (valeur illustrative)" and a
 * note. */
static void
put_value(struct buf *b, const struct indicator *ind, const struct value *v,
    int with)
{
	char	 num[64];

	chart_fmt(num, sizeof(num), v->v, ind->unit);
	buf_puts(b, num);
	if (with && ind->unit != NULL && !fmt_unit_inline(ind->unit)) {
		BUF_PUTSL(b, " ");
		put_unit(b, ind->unit, v->v);
	}
	if (v->note != NULL && v->illustrative)
		buf_printf(b, T(" (%s, valeur illustrative)"), v->note);
	else if (v->note != NULL)
		buf_printf(b, " (%s)", v->note);
	else if (v->illustrative)
		buf_puts(b, T(" (valeur illustrative)"));
}

/* " ; cible 30 en 2016": the point p named what, after the sentence so
 * far. */
static void
put_point(struct buf *b, const struct indicator *ind, const char *what,
    const struct point *p)
{
	char	 num[64];

	buf_puts(b, T(NNBSP "; "));
	chart_fmt(num, sizeof(num), p->v, ind->unit);
	buf_printf(b, T("%s %s en %d%s"), what, num, p->year,
	    p->illustrative ? T(" (illustrative)") : "");
}

/* Years in [from, to] where s has no value, as " ; aucune valeur en …". */
static void
put_gaps(struct buf *b, const struct series *s, int from, int to)
{
	int	 y, n = 0, k = 0;

	for (y = from; y <= to; y++)
		if (series_at(s, y) == NULL)
			n++;
	if (n == 0)
		return;
	buf_puts(b, T(NNBSP "; aucune valeur en "));
	for (y = from; y <= to; y++) {
		if (series_at(s, y) != NULL)
			continue;
		k++;
		if (k > 1)
			buf_puts(b, k == n ? T(" et ") : ", ");
		buf_printf(b, "%d", y);
	}
}

char *
chart_change(const struct indicator *ind, int year, int prevyear)
{
	const struct value *now, *before;
	char		 a[64], b[64], d[64];
	double		 diff;

	if (ind->categories || prevyear >= year)
		return NULL;
	now = series_last(&ind->series[0], year);
	before = series_last(&ind->series[0], prevyear);
	if (before == NULL)
		return NULL;
	if (now == NULL || now->year <= prevyear)
		return xasprintf(T("Pas de nouvelle valeur depuis %d."),
		    prevyear);
	chart_fmt(a, sizeof(a), now->v, ind->unit);
	chart_fmt(b, sizeof(b), before->v, ind->unit);
	diff = now->v - before->v;
	if (strcmp(ind->unit, "%") == 0) {
		/* A change of a percentage is in points. */
		fmt_num(d, sizeof(d), fabs(diff), -1);
		return xasprintf(Tn(fabs(diff), "%s en %d, contre %s en %d "
		    "(%s%s" NNBSP "point).", "%s en %d, contre %s en %d (%s%s"
		    NNBSP "points)."), a, now->year, b, before->year,
		    diff < 0 ? "\xe2\x88\x92" : "+", d);
	}
	if (before->v == 0)
		return xasprintf(T("%s en %d, contre %s en %d."), a, now->year,
		    b, before->year);
	fmt_num(d, sizeof(d), fabs(diff / before->v * 100), 0);
	return xasprintf(T("%s en %d, contre %s en %d (%s%s" NNBSP "%%)."),
	    a, now->year, b, before->year, diff < 0 ? "\xe2\x88\x92" : "+", d);
}

/* The description when there is no value up to year. */
static char *
desc_nodata(const struct indicator *ind, int year)
{
	struct buf	 b = { NULL, 0, 0 };

	buf_printf(&b, T("Aucune donnée jusqu’en %d"), year);
	if (ind->target.set)
		put_point(&b, ind, T("cible"), &ind->target);
	buf_puts(&b, ".");
	return buf_detach(&b);
}

/* A time series: its first and last values, those between in
 * parentheses, then the years without a value in [first, last]. */
static void
desc_series(struct buf *b, const struct indicator *ind, int year,
    int first, int last)
{
	const struct series *s = &ind->series[0];
	size_t		 i, n;

	n = chart_upto(s, year);
	if (n == 1) {
		put_value(b, ind, &s->vals[0], 1);
		buf_printf(b, T(" en %d"), s->vals[0].year);
		return;
	}
	buf_puts(b, T("De "));
	put_value(b, ind, &s->vals[0], 1);
	buf_printf(b, T(" en %d à "), s->vals[0].year);
	put_value(b, ind, &s->vals[n - 1], 0);
	buf_printf(b, T(" en %d"), s->vals[n - 1].year);
	for (i = 1; i + 1 < n; i++) {
		buf_puts(b, i == 1 ? " (" : ", ");
		put_value(b, ind, &s->vals[i], 0);
		buf_printf(b, T(" en %d"), s->vals[i].year);
	}
	if (n > 2)
		buf_puts(b, ")");
	put_gaps(b, s, first, last);
}

/* Categories as horizontal bars: each one's value in the year last. */
static void
desc_hbar(struct buf *b, const struct indicator *ind, int last)
{
	const struct series *s;
	const struct value *v;
	size_t		 i;

	buf_printf(b, T("En %d" NBSP ": "), last);
	for (i = 0; i < ind->nseries; i++) {
		s = &ind->series[i];
		if (i > 0)
			buf_puts(b, ", ");
		buf_printf(b, "%s ", s->label);
		if ((v = series_at(s, last)) != NULL)
			put_value(b, ind, v, 1);
		else
			buf_puts(b, T("(aucune valeur)"));
	}
}

/* Whether a category has a value in year y. */
static int
any_category_at(const struct indicator *ind, int y)
{
	size_t	 i;

	for (i = 0; i < ind->nseries; i++)
		if (series_at(&ind->series[i], y) != NULL)
			return 1;
	return 0;
}

/* Categories as stacked bars: year by year, the categories with a
 * value, then the years where none has one. */
static void
desc_stacked(struct buf *b, const struct indicator *ind, int first,
    int last)
{
	const struct series *s;
	const struct value *v;
	size_t		 i, j, k;
	int		 y;

	for (y = first, k = 0; y <= last; y++) {
		if (!any_category_at(ind, y))
			continue;
		buf_printf(b, "%s %d%s", k++ == 0 ? T("En") :
		    T(NNBSP "; en"), y, T(NBSP ": "));
		for (i = 0, j = 0; i < ind->nseries; i++) {
			s = &ind->series[i];
			if ((v = series_at(s, y)) == NULL)
				continue;
			if (j++ > 0)
				buf_puts(b, ", ");
			buf_printf(b, "%s ", s->label);
			put_value(b, ind, v, j == 1);
		}
	}
	for (y = first; y <= last; y++)
		if (!any_category_at(ind, y))
			buf_printf(b, T(NNBSP "; aucune valeur en %d"), y);
}

char *
chart_desc(const struct indicator *ind, int year)
{
	struct buf	 b = { NULL, 0, 0 };
	int		 first, last;

	if (!chart_year_span(ind, year, &first, &last))
		return desc_nodata(ind, year);
	if (!ind->categories)
		desc_series(&b, ind, year, first, last);
	else if (ind->chart == CHART_HBAR)
		desc_hbar(&b, ind, last);
	else
		desc_stacked(&b, ind, first, last);
	if (ind->baseline.set && ind->baseline.year <= year)
		put_point(&b, ind, T("référence"), &ind->baseline);
	if (ind->target.set)
		put_point(&b, ind, T("cible"), &ind->target);
	buf_puts(&b, ".");
	return buf_detach(&b);
}

/* ---- statuses ---- */

enum status
chart_status_of(const struct measure *m, int year)
{
	const struct assessment *a;

	a = report_assessment(m, year);
	return a != NULL ? a->status : STATUS_NOT_ASSESSED;
}

void
chart_count_status(const struct report *r, int year, size_t *cnt)
{
	size_t	 i;

	for (i = 0; i < STATUS__MAX; i++)
		cnt[i] = 0;
	for (i = 0; i < r->plan.nmeasures; i++)
		cnt[chart_status_of(&r->plan.measures[i], year)]++;
}

/* A label inside a sentence, its first (ASCII) capital lowered:
 * "partiellement réalisée", "mesure 12". */
void
chart_put_lower(struct buf *b, const char *l)
{
	buf_putc(b, l[0] >= 'A' && l[0] <= 'Z' ? l[0] - 'A' + 'a' : l[0]);
	buf_puts(b, l + 1);
}

static void
put_status(struct buf *b, const struct report *r, enum status st)
{
	chart_put_lower(b, status_name(&r->plan, st));
}

/* A measure's label inside a sentence, "mesure 12"; the caller frees. */
static char *
measure_words(const struct report *r, const struct measure *m)
{
	struct buf	 b = { NULL, 0, 0 };
	char		*l;

	l = level_label(&r->plan, r->plan.nlevels - 1, m->num, " ");
	chart_put_lower(&b, l);
	free(l);
	return buf_detach(&b);
}

/* The measures' name inside a sentence, in the plural; the caller
 * frees it. */
static char *
measures_word(const struct report *r)
{
	return level_word(&r->plan, r->plan.nlevels - 1, 1);
}

char *
chart_title_status(const struct report *r, const struct edition *e)
{
	char	*w = measures_word(r), *s;

	s = xasprintf(T("Statut des %zu %s du plan en %d"),
	    r->plan.nmeasures, w, e->year);
	free(w);
	return s;
}

char *
chart_desc_status(const struct report *r, const struct edition *e)
{
	struct buf	 b = { NULL, 0, 0 };
	const struct priority *p;
	const struct level *ml = &r->plan.levels[r->plan.nlevels - 1];
	size_t		 cnt[STATUS__MAX], i, j, k, n, l, nst;
	enum status	 sts[STATUS__MAX], st;
	char		*lab;

	chart_count_status(r, e->year, cnt);
	nst = scale_legend(&r->plan, cnt, sts);
	lab = measures_word(r);
	buf_printf(&b, T("Statut des %zu %s en %d" NBSP ": "),
	    r->plan.nmeasures, lab, e->year);
	free(lab);
	for (l = 0, k = 0; l < nst; l++) {
		if (k++ > 0)
			buf_puts(&b, ", ");
		put_status(&b, r, sts[l]);
		buf_printf(&b, " %zu", cnt[sts[l]]);
	}
	buf_puts(&b, ".");
	for (i = 0; i < r->plan.nprios; i++) {
		p = &r->plan.prios[i];
		/* The implicit priority of a plan of one level is not
		 * named: its sentence starts with a status. */
		if (plan_flat(&r->plan))
			buf_putc(&b, ' ');
		else {
			lab = level_label(&r->plan, 0, p->num, " ");
			buf_printf(&b, T(" %s" NBSP ": "), lab);
			free(lab);
		}
		for (l = 0, k = 0; l < nst; l++) {
			st = sts[l];
			for (j = 0, n = 0; j < p->nmeasures; j++)
				if (chart_status_of(p->measures[j], e->year) ==
				    st)
					n++;
			if (n == 0)
				continue;
			if (k++ > 0)
				buf_puts(&b, T(NNBSP "; "));
			if (k == 1 && plan_flat(&r->plan))
				buf_puts(&b, status_name(&r->plan, st));
			else
				put_status(&b, r, st);
			buf_puts(&b, ", ");
			chart_put_lower(&b, n > 1 ? ml->plural : ml->singular);
			buf_printf(&b, " %s%s", ml->before,
			    ml->before[0] != '\0' ? " " : "");
			for (j = 0, n = 0; j < p->nmeasures; j++)
				if (chart_status_of(p->measures[j], e->year) ==
				    st)
					buf_printf(&b, "%s%s", n++ > 0 ? ", " :
					    "", p->measures[j]->num);
		}
		buf_puts(&b, ".");
	}
	return buf_detach(&b);
}

/* ---- progress across editions ---- */

char *
chart_title_progress(const struct report *r, const struct edition *e)
{
	char	*w = measures_word(r), *s;

	if (r->eds[0].year == e->year)
		s = xasprintf(T("Statut des %s du plan, édition %d"), w,
		    e->year);
	else
		s = xasprintf(T("Statut des %s du plan, éditions %d à %d"),
		    w, r->eds[0].year, e->year);
	free(w);
	return s;
}

char *
chart_desc_progress(const struct report *r, const struct edition *e)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 cnt[STATUS__MAX], i, l, nst;
	enum status	 sts[STATUS__MAX];
	char		*w = measures_word(r);

	/* "de" elides before a vowel: another name takes "des". */
	buf_printf(&b, level_words_default(&r->plan, r->plan.nlevels - 1) ?
	    T("Nombre de %s par statut") : T("Répartition des %s par statut"),
	    w);
	free(w);
	for (i = 0; i < r->neds && r->eds[i].year <= e->year; i++) {
		chart_count_status(r, r->eds[i].year, cnt);
		nst = scale_legend(&r->plan, cnt, sts);
		buf_printf(&b, T("%s en %d" NBSP ": "), i == 0 ? "" : T(NNBSP ";"),
		    r->eds[i].year);
		for (l = 0; l < nst; l++) {
			if (l > 0)
				buf_puts(&b, ", ");
			put_status(&b, r, sts[l]);
			buf_printf(&b, " %zu", cnt[sts[l]]);
		}
	}
	buf_puts(&b, ".");
	return buf_detach(&b);
}

/* ---- the synthesis sheet ---- */

/* The key figure of the CNCDH's scale: the measures done or partly done,
 * of which done; in words that agree with the measures' name when it is
 * the default one, else by the statuses' names.  w: that name. */
static void
fig_cncdh(const struct report *r, const struct edition *e,
    const size_t *cnt, const char *w, struct chart_fig *f)
{
	const struct plan *pl = &r->plan;
	size_t		 done = cnt[STATUS_IMPLEMENTED];

	snprintf(f->value, sizeof(f->value), T("%zu sur %zu"),
	    done + cnt[STATUS_PARTIAL], pl->nmeasures);
	if (!level_words_default(pl, pl->nlevels - 1)) {
		f->label = xasprintf(T("%s au statut « %s » ou « %s »"), w,
		    status_name(pl, STATUS_IMPLEMENTED),
		    status_name(pl, STATUS_PARTIAL));
		f->detail = e->assessor != NULL ? xasprintf(T("dont %zu au "
		    "statut « %s », selon l’appréciation %s"), done,
		    status_name(pl, STATUS_IMPLEMENTED), e->assessor) :
		    xasprintf(T("dont %zu au statut « %s »"), done,
		    status_name(pl, STATUS_IMPLEMENTED));
		return;
	}
	f->label = xstrdup(T("mesures réalisées ou partiellement réalisées"));
	f->detail = e->assessor != NULL ? xasprintf(Tn(done, "dont %zu "
	    "réalisée, selon l’appréciation %s", "dont %zu réalisées, selon "
	    "l’appréciation %s"), done, e->assessor) : xasprintf(Tn(done,
	    "dont %zu réalisée", "dont %zu réalisées"), done);
}

/* The key figures of an edition: the statuses, then indicator values of
 * the edition year (the year before if too few), in plan order. */
size_t
chart_key_figures(const struct report *r, const struct edition *e,
    struct chart_fig *f)
{
	const struct indicator *ind;
	const struct value *v, *pv;
	size_t		 cnt[STATUS__MAX], n = 0, i, j, pass;
	char		 num[64], *mw;
	int		 y;
	enum status	 best;

	chart_count_status(r, e->year, cnt);
	mw = measures_word(r);
	if (r->plan.own_scale) {
		/* The best status of the plan's own scale. */
		best = r->plan.scale[0].slot;
		snprintf(f[n].value, sizeof(f[n].value), T("%zu sur %zu"),
		    cnt[best], r->plan.nmeasures);
		f[n].label = xasprintf(T("%s au statut « %s »"), mw,
		    status_name(&r->plan, best));
		f[n].detail = e->assessor != NULL ? xasprintf(
		    T("selon l’appréciation %s"), e->assessor) : xstrdup("");
	} else
		fig_cncdh(r, e, cnt, mw, &f[n]);
	free(mw);
	n++;
	for (pass = 0; pass < 2 && n < CHART_MAX_FIGS; pass++) {
		y = e->year - (int)pass;
		if (pass == 1 && n >= 4)
			break;
		for (i = 0; i < r->plan.nmeasures && n < CHART_MAX_FIGS; i++)
			for (j = 0; j < r->plan.measures[i].ninds &&
			    n < CHART_MAX_FIGS; j++) {
				ind = &r->plan.measures[i].inds[j];
				if (ind->categories)
					continue;
				v = series_at(&ind->series[0], y);
				if (v == NULL || v->illustrative ||
				    (pass == 1 && series_at(&ind->series[0],
				    e->year) != NULL))
					continue;
				fmt_value(f[n].value, sizeof(f[n].value),
				    v->v, ind->unit);
				mw = measure_words(r, ind->measure);
				f[n].label = xstrdup(ind->label);
				pv = series_at(&ind->series[0], y - 1);
				if (pv != NULL) {
					chart_fmt(num, sizeof(num), pv->v,
					    ind->unit);
					f[n].detail = xasprintf(T("en %d, contre "
					    "%s en %d (%s)"), y, num, y - 1, mw);
				} else
					f[n].detail = xasprintf(T("en %d (%s)"),
					    y, mw);
				free(mw);
				n++;
			}
	}
	return n;
}

void
chart_figs_free(struct chart_fig *f, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		free(f[i].label);
		free(f[i].detail);
	}
}

char *
chart_title_sheet(const struct report *r, const struct edition *e)
{
	return xasprintf(T("%s %d" NBSP ": synthèse"), e->title, e->year);
}

char *
chart_desc_sheet(const struct report *r, const struct edition *e)
{
	struct buf	 b = { NULL, 0, 0 };
	struct chart_fig	 f[CHART_MAX_FIGS];
	char		*s;
	size_t		 n, i;

	s = chart_desc_status(r, e);
	buf_puts(&b, s);
	free(s);
	n = chart_key_figures(r, e, f);
	buf_puts(&b, T(" Chiffres clés" NBSP ": "));
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s %s%s%s", i > 0 ? T(NNBSP "; ") : "",
		    f[i].value, f[i].label, f[i].detail[0] != '\0' ? ", " : "",
		    f[i].detail);
	buf_puts(&b, ".");
	chart_figs_free(f, n);
	return buf_detach(&b);
}
