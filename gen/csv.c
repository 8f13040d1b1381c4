/*
 * The CSV files of an edition's data: out/<year>/data/indicateurs-<year>.csv
 * (RFC 4180, for programs) and indicateurs-<year>-tableur.csv (for
 * spreadsheets), one row per indicator, category and year.  The site's
 * data page (html.c) documents the columns from csv_cols[].
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "backend.h"
#include "i18n.h"

#define NBSP	"\xc2\xa0"	/* U+00A0, before ':' */
#define NNBSP	"\xe2\x80\xaf"	/* U+202F, before ';', '!', '?' */

/* The columns of the CSV file, documented on donnees.html. */
const struct csv_col csv_cols[] = {
	{ N_("edition"), N_("Année de l’édition du rapport."), NULL },
	{ N_("mesure"), N_("Numéro de la mesure dans le plan."),
	    N_("Numéro, dans le plan, de l’élément évalué.") },
	{ N_("indicateur"), N_("Identifiant de l’indicateur, unique pour "
	    "la mesure."), N_("Identifiant de l’indicateur, unique pour "
	    "l’élément évalué.") },
	{ N_("libelle"), N_("Libellé de l’indicateur."), NULL },
	{ N_("categorie"), N_("Identifiant de la catégorie (ventilation), "
	    "vide pour un indicateur sans catégories."), NULL },
	{ N_("categorie_libelle"), N_("Libellé de la catégorie, vide "
	    "sinon."), NULL },
	{ N_("annee"), N_("Année de la valeur."), NULL },
	{ N_("valeur"), N_("Valeur, sans séparateur de milliers" NBSP
	    ": point décimal dans le fichier CSV, virgule dans la copie "
	    "pour tableur."), NULL },
	{ N_("unite"), N_("Unité de la valeur (%, €, personnes…)."), NULL },
	{ N_("illustratif"), N_("«" NNBSP "oui" NNBSP "» si la valeur "
	    "n’est pas issue d’une source publiée et n’est donnée qu’à "
	    "titre illustratif, «" NNBSP "non" NNBSP "» sinon."), NULL },
	{ N_("remarque"), N_("Précision sur la valeur (ordre de "
	    "grandeur…), vide sinon."), NULL },
	{ N_("reference_annee"), N_("Année de la valeur de référence de "
	    "l’indicateur, vide s’il n’en a pas."), NULL },
	{ N_("reference_valeur"), N_("Valeur de référence, vide sinon."),
	    NULL },
	{ N_("cible_annee"), N_("Année de la cible de l’indicateur, vide "
	    "s’il n’en a pas."), NULL },
	{ N_("cible_valeur"), N_("Valeur cible, vide sinon."), NULL },
	{ N_("source"), N_("Source de l’indicateur."), NULL },
	{ N_("source_url"), N_("Adresse de la source chez son éditeur, "
	    "vide si elle n’est pas connue."), NULL },
	{ N_("licence"), N_("Licence de réutilisation des données."), NULL },
};

const size_t csv_ncols = sizeof(csv_cols) / sizeof(csv_cols[0]);

/* The two forms of the CSV file: RFC 4180 for programs, and a copy that
 * spreadsheets set to French open as they are (';' between fields, a
 * decimal comma, a byte order mark so that UTF-8 is recognised). */
struct csv_form {
	int		 spreadsheet;	/* indicateurs-<year>-tableur.csv */
	char		 sep;
	int		 comma;		/* decimal comma */
	int		 bom;
};

static const struct csv_form csv_forms[] = {
	{ 0, ',', 0, 0 },
	{ 1, ';', 1, 1 },
};

/*
 * A text field.  A spreadsheet reads a cell starting with = + - @ (or a
 * tab or carriage return before one) as a formula, which can run
 * commands or send data away: such a text is written with an apostrophe
 * before it, and quoted (OWASP, "CSV Injection").  Numbers are written
 * by csv_num(), never through here.
 */
static void
csv_field(struct buf *b, const struct csv_form *f, const char *s)
{
	const char	 special[] = { f->sep, '"', '\r', '\n', '\0' };
	const char	*q;
	int		 inert;

	if (s == NULL)
		s = "";
	inert = strchr("=+-@\t\r", *s) != NULL && *s != '\0';
	if (!inert && strpbrk(s, special) == NULL) {
		buf_puts(b, s);
		return;
	}
	buf_putc(b, '"');
	if (inert)
		buf_putc(b, '\'');
	/* Each '"' doubled: the text up to it and it, then another. */
	for (; (q = strchr(s, '"')) != NULL; s = q + 1) {
		buf_put(b, s, (size_t)(q - s) + 1);
		buf_putc(b, '"');
	}
	buf_puts(b, s);
	buf_putc(b, '"');
}

/*
 * v as fmt_plain() writes it ("%.15g"), with the decimal mark of f, when
 * v is n / 10^k for an n of at most 15 digits and k at most 4: any
 * decimal of 15 significant digits or fewer comes back from its double
 * as itself (DBL_DIG), and the least such k leaves no trailing zero, as
 * %g does.  Between 1e-4 and 1e15, %g writes no exponent.  Returns 0 for
 * any other v, which fmt_plain() writes.  (Integers and years go through
 * buf_dec(): these were most of the time of the file through printf.)
 */
static int
csv_dec(struct buf *b, const struct csv_form *f, double v)
{
	static const double p10[] = { 1, 10, 100, 1000, 10000 };
	char		 d[24], *p;
	long long	 n;
	size_t		 k, len;

	if (!(v > -1e14 && v < 1e14) || (v == 0 && signbit(v)))
		return 0;		/* "-0" is %g's */
	for (k = 0; k < sizeof(p10) / sizeof(p10[0]); k++) {
		n = llround(v * p10[k]);
		if ((double)n / p10[k] != v || (n <= -1000000000000000LL ||
		    n >= 1000000000000000LL))
			continue;
		if (n < 0)
			buf_putc(b, '-');
		p = d + sizeof(d);
		for (len = 0; len <= k || n != 0; len++) {
			if (len == k && k > 0)
				*--p = f->comma ? ',' : '.';
			*--p = (char)('0' + llabs(n % 10));
			n /= 10;
		}
		buf_put(b, p, (size_t)(d + sizeof(d) - p));
		return 1;
	}
	return 0;
}

/* A number, then the separator. */
static void
csv_num(struct buf *b, const struct csv_form *f, double v)
{
	char	 num[64], *dot;

	if (!csv_dec(b, f, v)) {
		fmt_plain(num, sizeof(num), v);
		if (f->comma && (dot = strchr(num, '.')) != NULL)
			*dot = ',';
		buf_puts(b, num);
	}
	buf_putc(b, f->sep);
}

/* A reference point (baseline or target): year and value, or two empty
 * fields. */
static void
csv_point(struct buf *b, const struct csv_form *f, const struct point *pt)
{
	if (pt->set) {
		buf_dec(b, pt->year, 0);
		buf_putc(b, f->sep);
		csv_num(b, f, pt->v);
	} else {
		buf_putc(b, f->sep);
		buf_putc(b, f->sep);
	}
}

/* One form of the CSV file: one row per indicator, category and year, up
 * to the edition's year; CRLF line ends.  Returns the number of data rows
 * in *nrows and the file's size in *size. */
static int
write_csv_form(const struct report *r, const struct edition *e,
    struct outdir *od, const struct csv_form *f, size_t *nrows,
    size_t *size)
{
	struct buf	 b = { NULL, 0, 0 };
	const struct measure *m;
	const struct indicator *ind;
	const struct series *s;
	const struct value *v;
	const char	*licence = r->site != NULL ? r->site->licence : NULL;
	char		*rel;
	size_t		 i, j, k, l, c;
	int		 rc;

	*nrows = 0;
	if (f->bom)
		BUF_PUTSL(&b, "\xef\xbb\xbf");
	for (c = 0; c < csv_ncols; c++) {
		if (c > 0)
			buf_putc(&b, f->sep);
		buf_puts(&b, T(csv_cols[c].name));
	}
	BUF_PUTSL(&b, "\r\n");
	for (i = 0; i < r->plan.nmeasures; i++) {
		m = &r->plan.measures[i];
		for (j = 0; j < m->ninds; j++) {
			ind = &m->inds[j];
			for (k = 0; k < ind->nseries; k++) {
				s = &ind->series[k];
				for (l = 0; l < s->nvals; l++) {
					v = &s->vals[l];
					if (v->year > e->year)
						break;
					buf_dec(&b, e->year, 0);
					buf_putc(&b, f->sep);
					buf_dec(&b, m->number, 0);
					buf_putc(&b, f->sep);
					csv_field(&b, f, ind->id);
					buf_putc(&b, f->sep);
					csv_field(&b, f, ind->label);
					buf_putc(&b, f->sep);
					csv_field(&b, f, s->id);
					buf_putc(&b, f->sep);
					csv_field(&b, f, ind->categories ?
					    s->label : NULL);
					buf_putc(&b, f->sep);
					buf_dec(&b, v->year, 0);
					buf_putc(&b, f->sep);
					csv_num(&b, f, v->v);
					csv_field(&b, f, ind->unit);
					buf_putc(&b, f->sep);
					buf_puts(&b, T(v->illustrative ?
					    "oui" : "non"));
					buf_putc(&b, f->sep);
					csv_field(&b, f, v->note);
					buf_putc(&b, f->sep);
					csv_point(&b, f, &ind->baseline);
					csv_point(&b, f, &ind->target);
					csv_field(&b, f, ind->source);
					buf_putc(&b, f->sep);
					csv_field(&b, f, ind->source_url);
					buf_putc(&b, f->sep);
					csv_field(&b, f, licence);
					BUF_PUTSL(&b, "\r\n");
					(*nrows)++;
				}
			}
		}
	}
	rel = xasprintf("%d/data/%s-%d%s%s.csv", e->year,
	    fname(FNAME_INDICATORS), e->year, f->spreadsheet ? "-" : "",
	    f->spreadsheet ? fname(FNAME_SPREADSHEET) : "");
	rc = out_write(od, rel, b.data, b.len);
	*size = b.len;
	free(rel);
	buf_free(&b);
	return rc;
}

int
csv_write(const struct report *r, const struct edition *e,
    struct outdir *od, size_t *nrows, size_t *sizes)
{
	size_t	 i;

	for (i = 0; i < sizeof(csv_forms) / sizeof(csv_forms[0]); i++)
		if (!write_csv_form(r, e, od, &csv_forms[i], nrows,
		    &sizes[i]))
			return 0;
	return 1;
}
