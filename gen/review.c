/*
 * The review of an edition, for reviewers of a draft in CI: everything a
 * person should look at before the report is published, with path:line
 * where there is one.  Written as <year>/revue.json (for programs) and
 * <year>/revue.html (a page read in two minutes).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "report.h"
#include "extern.h"
#include "i18n.h"
#include "backend.h"

enum rkind {
	RKIND_GAP,		/* a draft's narrative or assessment to write */
	RKIND_DIAGNOSTIC,	/* a warning of check */
	RKIND_MARKER,		/* TODO, FIXME, XXX left in a narrative */
	RKIND_NOTE,		/* an HTML comment: an authors' note */
	RKIND_STATUS,		/* status changed since the previous edition */
	RKIND_MISSING,		/* no value for the edition year */
	RKIND_ILLUSTRATIVE,	/* values not from a published source */
	RKIND_TARGET,		/* a target missed */
	RKIND_SHORT,		/* a narrative far shorter than the others */
	RKIND__MAX
};

/* Code in revue.json, heading in revue.html. */
static const struct {
	const char	*code;
	const char	*title;
} rkinds[RKIND__MAX] = {
	{ "gap", N_("À rédiger") },					/* GAP */
	{ "diagnostic", N_("Avertissements de la vérification") },	/* DIAG */
	{ "marker", N_("Marques TODO, FIXME ou XXX laissées") },	/* MARKER */
	{ "author-note", N_("Notes des auteurs (commentaires, jamais "
	    "publiés)") },					/* NOTE */
	{ "status-change", N_("Statuts modifiés depuis l’édition "
	    "précédente") },					/* STATUS */
	{ "missing-value", N_("Indicateurs sans valeur pour l’année") },
	{ "illustrative", N_("Valeurs illustratives") },		/* ILLUSTR. */
	{ "target-missed", N_("Cibles non atteintes") },		/* TARGET */
	{ "short-narrative", N_("Récits nettement plus courts que les "
	    "autres") },						/* SHORT */
};

struct entry {
	enum rkind	 kind;
	char		*file;		/* or NULL */
	int		 line;
	char		*text;
};

struct review {
	struct entry	*v;
	size_t		 n, cap;
};

static void
add(struct review *rv, enum rkind k, const char *file, int line,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
add(struct review *rv, enum rkind k, const char *file, int line,
    const char *fmt, ...)
{
	struct entry	*e;
	struct buf	 b = { NULL, 0, 0 };
	va_list		 ap;

	if (rv->n == rv->cap) {
		rv->cap = rv->cap ? rv->cap * 2 : 32;
		rv->v = xreallocarray(rv->v, rv->cap, sizeof(*rv->v));
	}
	e = &rv->v[rv->n++];
	e->kind = k;
	e->file = file != NULL ? xstrdup(file) : NULL;
	e->line = line;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	e->text = buf_detach(&b);
}

/* Is word at p a whole word? */
static int
whole(const char *start, const char *p, size_t n)
{
	return (p == start || !isalnum((unsigned char)p[-1])) &&
	    !isalnum((unsigned char)p[n]);
}

/* A copy of the n bytes at s (caller frees), each byte that is not
 * UTF-8 replaced by U+FFFD, as the narrative's loader does: the line is
 * read from the file as it is, and goes to both pages. */
static char *
utf8_clean(const char *s, size_t n)
{
	struct buf	 b = { NULL, 0, 0 };
	size_t		 k;

	for (; n > 0; s += k, n -= k) {
		if ((k = utf8_len(s, n)) == 0) {
			BUF_PUTSL(&b, "\xef\xbf\xbd");
			k = 1;
		} else
			buf_put(&b, s, k);
	}
	return b.data != NULL ? buf_detach(&b) : xstrdup("");
}

static void
markers(struct review *rv, const char *file)
{
	static const char *const words[] = { "TODO", "FIXME", "XXX" };
	struct buf	 src = { NULL, 0, 0 };
	const char	*line, *eol, *p;
	char		*copy;
	size_t		 w;
	int		 n = 1;

	if (file == NULL || !file_read(file, &src))
		return;
	for (line = src.data; line != NULL && *line != '\0'; n++) {
		eol = strchr(line, '\n');
		copy = utf8_clean(line, eol ? (size_t)(eol - line) :
		    strlen(line));
		for (w = 0; w < sizeof(words) / sizeof(words[0]); w++)
			for (p = copy; (p = strstr(p, words[w])) != NULL;
			    p += strlen(words[w]))
				if (whole(copy, p, strlen(words[w]))) {
					add(rv, RKIND_MARKER, file, n,
					    "%.*s", utf8_cut(copy, 120), copy);
					w = sizeof(words) / sizeof(words[0]);
					break;
				}
		free(copy);
		line = eol ? eol + 1 : NULL;
	}
	buf_free(&src);
}

/* The HTML comments of a file, their text on one line. */
static void
notes(struct review *rv, const struct doc *d)
{
	struct buf	 b = { NULL, 0, 0 };
	const char	*t;
	size_t		 i, n;

	for (i = 0; i < d->nnotes; i++) {
		buf_reset(&b);
		t = d->notes[i].text;
		while (*t == ' ' || *t == '\t' || *t == '\n')
			t++;
		t += strncmp(t, "<!--", 4) == 0 ? 4 : 0;
		n = strlen(t);
		while (n > 0 && (t[n - 1] == ' ' || t[n - 1] == '\t' ||
		    t[n - 1] == '\n' || t[n - 1] == '\r'))
			n--;
		if (n >= 3 && strncmp(t + n - 3, "-->", 3) == 0)
			n -= 3;
		for (; n > 0; t++, n--) {
			if (*t == ' ' || *t == '\t' || *t == '\n' ||
			    *t == '\r') {
				if (b.len > 0 && b.data[b.len - 1] != ' ')
					buf_putc(&b, ' ');
			} else
				buf_putc(&b, *t);
		}
		while (b.len > 0 && b.data[b.len - 1] == ' ')
			b.data[--b.len] = '\0';
		add(rv, RKIND_NOTE, d->file, d->notes[i].pos.line, "%.*s",
		    b.len > 0 ? utf8_cut(b.data, 300) : 6,
		    b.len > 0 ? b.data : "(vide)");
	}
	buf_free(&b);
}

static int
cmp_size(const void *a, const void *b)
{
	size_t	 x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

/* Narratives under half the median length of the edition's. */
static void
short_narratives(struct review *rv, const struct report *r,
    const struct edition *e)
{
	size_t	*w, i, n = r->plan.nmeasures, median;

	if (n == 0)
		return;
	w = xcalloc(n, sizeof(*w));
	for (i = 0; i < n; i++)
		w[i] = e->narr[i].words;
	qsort(w, n, sizeof(*w), cmp_size);
	median = w[n / 2];
	free(w);
	for (i = 0; i < n; i++)
		if (e->narr[i].file != NULL && e->narr[i].words * 2 < median)
			add(rv, RKIND_SHORT, e->narr[i].file, 0, T("%zu mots "
			    "(médiane de l’édition : %zu)"), e->narr[i].words,
			    median);
}

static void
indicators(struct review *rv, const struct measure *m, int year)
{
	const struct indicator *ind;
	const struct value *v;
	struct buf	 years = { NULL, 0, 0 };
	char		 got[64], want[64];
	size_t		 i, j, k;
	int		 any, missed;

	for (i = 0; i < m->ninds; i++) {
		ind = &m->inds[i];
		any = 0;
		buf_reset(&years);
		for (j = 0; j < ind->nseries; j++) {
			any |= series_at(&ind->series[j], year) != NULL;
			for (k = 0; k < ind->series[j].nvals; k++) {
				v = &ind->series[j].vals[k];
				if (!v->illustrative || v->year > year)
					continue;
				buf_printf(&years, "%s%d", years.len ? ", " :
				    "", v->year);
			}
		}
		if (!any)
			add(rv, RKIND_MISSING, m->ind_file, ind->pos.line,
			    T("%s, « %s » : aucune valeur pour %d"),
			    m->label, ind->label, year);
		if (years.len > 0)
			add(rv, RKIND_ILLUSTRATIVE, m->ind_file,
			    ind->pos.line, T("%s, « %s » : %s"),
			    m->label, ind->label, years.data);
		if (!ind->target.set || ind->target.year > year ||
		    ind->categories)
			continue;
		v = series_last(&ind->series[0], ind->target.year);
		fmt_value(want, sizeof(want), ind->target.v, ind->unit);
		if (v == NULL) {
			add(rv, RKIND_TARGET, m->ind_file,
			    ind->target.pos.line, T("%s, « %s » : cible "
			    "%s en %d, aucune valeur mesurée"), m->label,
			    ind->label, want, ind->target.year);
			continue;
		}
		missed = ind->direction == DIRECTION_HIGHER ?
		    v->v < ind->target.v : v->v > ind->target.v;
		if (missed) {
			fmt_value(got, sizeof(got), v->v, ind->unit);
			add(rv, RKIND_TARGET, m->ind_file,
			    ind->target.pos.line, T("%s, « %s » : %s "
			    "en %d pour une cible de %s en %d"), m->label,
			    ind->label, got, v->year, want, ind->target.year);
		}
	}
	buf_free(&years);
}

static void
collect(struct review *rv, const struct report *r, const struct edition *e)
{
	const struct diag *d;
	const struct assessment *a, *pa;
	const struct measure *m;
	size_t		 i, n;
	enum change	 c;
	int		 line;

	/* A draft's gaps, every one (validate() let them through). */
	for (i = 0; i < r->plan.nmeasures; i++) {
		m = &r->plan.measures[i];
		if (e->narr[i].missing != NULL)
			add(rv, RKIND_GAP, e->narr[i].missing, 0, T("%s "
			    ": récit absent"), m->label);
		else if (e->narr[i].blocks == NULL)
			add(rv, RKIND_GAP, e->narr[i].file, 0, T("%s : "
			    "récit vide"), m->label);
		else if ((line = e->narr[i].gapline) > 0)
			add(rv, RKIND_GAP, e->narr[i].file, line, T("%s "
			    ": récit à rédiger"), m->label);
		if ((a = report_assessment(m, e->year)) == NULL)
			add(rv, RKIND_GAP, m->ind_file, 0, T("%s : pas "
			    "d’appréciation pour %d"), m->label, e->year);
		else if (a->text != NULL && gap_find(a->text) != NULL)
			add(rv, RKIND_GAP, m->ind_file, a->pos.line, T("%s "
			    ": appréciation %d à rédiger"), m->label,
			    e->year);
	}
	for (i = 0; i < e->nfront + e->nback; i++) {
		const struct part *pt = i < e->nfront ? &e->front[i] :
		    &e->back[i - e->nfront];

		if ((line = pt->doc.gapline) > 0)
			add(rv, RKIND_GAP, pt->doc.file, line, T("« %s » à "
			    "rédiger"), pt->title);
	}
	d = diag_list(&n);
	for (i = 0; i < n; i++)
		if (d[i].level == DIAG_WARNING)
			add(rv, RKIND_DIAGNOSTIC, d[i].file, d[i].line, "%s",
			    d[i].msg);
	for (i = 0; i < e->nfront; i++)
		markers(rv, e->front[i].doc.file);
	for (i = 0; i < r->plan.nmeasures; i++)
		markers(rv, e->narr[i].file);
	for (i = 0; i < e->nback; i++)
		markers(rv, e->back[i].doc.file);
	for (i = 0; i < e->nfront; i++)
		notes(rv, &e->front[i].doc);
	for (i = 0; i < r->plan.nmeasures; i++)
		notes(rv, &e->narr[i]);
	for (i = 0; i < e->nback; i++)
		notes(rv, &e->back[i].doc);
	for (i = 0; i < r->plan.nmeasures; i++) {
		m = &r->plan.measures[i];
		a = report_assessment(m, e->year);
		pa = e->prev ? report_assessment(m, e->prev->year) : NULL;
		if (a != NULL && pa != NULL &&
		    (c = report_change(&r->plan, pa->status, a->status)) !=
		    CHANGE_SAME)
			add(rv, RKIND_STATUS, m->ind_file, a->pos.line,
			    T("%s : %s → %s (%s)"), m->label,
			    status_name(&r->plan, pa->status),
			    status_name(&r->plan, a->status),
			    c == CHANGE_BETTER ? T("progrès") :
			    c == CHANGE_WORSE ? T("recul") : T("changement"));
	}
	for (i = 0; i < r->plan.nmeasures; i++)
		indicators(rv, &r->plan.measures[i], e->year);
	short_narratives(rv, r, e);
}

static void
write_json(struct buf *b, const struct review *rv, const struct edition *e,
    const struct opts *o)
{
	size_t	 i;

	buf_printf(b, "{\n  \"edition\": %d,\n  \"entries\": [", e->year);
	for (i = 0; i < rv->n; i++) {
		buf_puts(b, i ? ",\n    {\"kind\": " : "\n    {\"kind\": ");
		json_str(b, rkinds[rv->v[i].kind].code);
		BUF_PUTSL(b, ", \"file\": ");
		if (rv->v[i].file != NULL)
			json_str(b, rv->v[i].file);
		else
			BUF_PUTSL(b, "null");
		buf_printf(b, ", \"line\": %d, \"text\": ", rv->v[i].line);
		json_str(b, rv->v[i].text);
		buf_putc(b, '}');
	}
	buf_puts(b, rv->n ? "\n  ]" : "]");
	/* With a base: what the change under review does to the edition. */
	if (o->diff != NULL) {
		BUF_PUTSL(b, ",\n  \"changes\": [");
		diff_json_changes(b, o->diff, e->year);
		buf_putc(b, ']');
	}
	BUF_PUTSL(b, "\n}\n");
}

/* The body of revue.html; html_page() sets it in the site's layout. */
static void
write_html(struct buf *b, const struct review *rv, const struct edition *e,
    const struct opts *o)
{
	size_t	 i, k, n;

	buf_printf(b, T("<h1>Revue de l’édition %d</h1>\n<p class=\"lead\">"),
	    e->year);
	html_esc_text(b, e->title);
	if (o->label != NULL) {
		buf_puts(b, T(" — construction <code>"));
		html_esc_text(b, o->label);
		BUF_PUTSL(b, "</code>");
	}
	buf_puts(b, T("</p>\n<table class=\"data\">\n<caption>Points à "
	    "revoir</caption>\n<tbody>\n"));
	for (k = 0; k < RKIND__MAX; k++) {
		for (n = i = 0; i < rv->n; i++)
			n += rv->v[i].kind == k;
		buf_printf(b, "<tr><th scope=\"row\">%s</th><td>%zu</td>"
		    "</tr>\n", T(rkinds[k].title), n);
	}
	BUF_PUTSL(b, "</tbody>\n</table>\n");
	if (o->diff != NULL)
		diff_html(b, o->diff, e->year);
	for (k = 0; k < RKIND__MAX; k++) {
		for (n = i = 0; i < rv->n; i++)
			n += rv->v[i].kind == k;
		if (n == 0)
			continue;
		buf_printf(b, "<h2>%s (%zu)</h2>\n<ul>\n",
		    T(rkinds[k].title), n);
		for (i = 0; i < rv->n; i++) {
			if (rv->v[i].kind != k)
				continue;
			html_esc_place_item(b, rv->v[i].file, rv->v[i].line,
			    rv->v[i].text);
		}
		BUF_PUTSL(b, "</ul>\n");
	}
	if (rv->n == 0)
		buf_puts(b, T("<p>Rien à signaler.</p>\n"));
}

int
review_edition(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od)
{
	struct review	 rv = { NULL, 0, 0 };
	struct buf	 b = { NULL, 0, 0 };
	char		 rel[64];
	size_t		 i;
	int		 rc = 0;

	if (!o->draft && !e->draft)
		return 1;
	collect(&rv, r, e);
	write_json(&b, &rv, e, o);
	snprintf(rel, sizeof(rel), "%d/%s", e->year, fname(FNAME_REVIEW_JSON));
	if (!out_write(od, rel, b.data, b.len))
		goto out;
	buf_reset(&b);
	write_html(&b, &rv, e, o);
	snprintf(rel, sizeof(rel), T("Revue de l’édition %d"), e->year);
	if (!html_page(r, e, o, od, fname(FNAME_REVIEW), rel, b.data, b.len))
		goto out;
	rc = 1;
out:
	for (i = 0; i < rv.n; i++) {
		free(rv.v[i].file);
		free(rv.v[i].text);
	}
	free(rv.v);
	buf_free(&b);
	return rc;
}
