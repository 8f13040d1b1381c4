/*
 * Unit tests of the interface catalogue and of what follows the language
 * (gen/i18n.c, gen/typo.c): every French text has an English one with
 * the same printf conversions, plural rules, numbers, dates, currencies,
 * the typography pass.  Prints "ok - NAME" or "not ok - NAME" lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "i18n.h"
#include "chartdesc.h"
#include "tap.h"

#define NBSP	"\xc2\xa0"
#define NNBSP	"\xe2\x80\xaf"

/* The printf conversions of s, in order ("%d%s"), %% left out. */
static void
convs(const char *s, char *out, size_t sz)
{
	size_t	 o = 0;

	for (; *s != '\0'; s++) {
		if (*s != '%')
			continue;
		if (s[1] == '%') {
			s++;
			continue;
		}
		/* %.0s prints nothing but takes its argument: a %s. */
		while (strchr("-+ #0123456789.*", s[1]) != NULL && s[1] != '\0')
			s++;
		while (strchr("zlh", s[1]) != NULL && s[1] != '\0' &&
		    o + 1 < sz)
			out[o++] = *++s;
		if (s[1] != '\0' && o + 1 < sz)
			out[o++] = *++s;
	}
	out[o] = '\0';
}

static void
test_catalogue(void)
{
	char	 a[64], b[64], msg[512];
	size_t	 i, j, empty = 0, mism = 0, dup = 0;

	for (i = 0; i < i18n_npairs; i++) {
		if (*i18n_pairs[i].fr == '\0' || *i18n_pairs[i].en == '\0')
			empty++;
		convs(i18n_pairs[i].fr, a, sizeof(a));
		convs(i18n_pairs[i].en, b, sizeof(b));
		if (strcmp(a, b) != 0) {
			snprintf(msg, sizeof(msg), "%s | %s", i18n_pairs[i].fr,
			    i18n_pairs[i].en);
			ok(0, "same conversions in French and English", msg);
			mism++;
		}
		for (j = i + 1; j < i18n_npairs; j++)
			if (strcmp(i18n_pairs[i].fr, i18n_pairs[j].fr) == 0)
				dup++;
	}
	ok(i18n_npairs > 250, "the catalogue has every text", NULL);
	ok(empty == 0, "every text has a French and an English string",
	    NULL);
	ok(mism == 0, "every pair has the same printf conversions", NULL);
	ok(dup == 0, "no French text twice", NULL);
	i18n_use(LANG_EN);
	for (i = 0, mism = 0; i < i18n_npairs; i++)
		if (T(i18n_pairs[i].fr) != i18n_pairs[i].en)
			mism++;
	ok(mism == 0, "T() finds every English text", NULL);
	ok(strcmp(T("not in the catalogue"), "not in the catalogue") == 0,
	    "T() gives back a text it does not know", NULL);
	i18n_use(LANG_FR);
	ok(strcmp(T("Sommaire"), "Sommaire") == 0, "T() in French: the key",
	    NULL);
}

static void
test_lang(void)
{
	enum lang	 l = LANG_FR;

	ok(i18n_parse("en", &l) && l == LANG_EN, "lang en", NULL);
	ok(i18n_parse("en-GB", &l) && l == LANG_EN, "lang en-GB", NULL);
	ok(i18n_parse("fr", &l) && l == LANG_FR, "lang fr", NULL);
	ok(!i18n_parse("de", &l), "lang de has no catalogue", NULL);
	ok(!i18n_parse("e", &l) && !i18n_parse("", &l), "lang: no prefix",
	    NULL);
	i18n_use(LANG_EN);
	ok(strcmp(i18n_tag(), "en") == 0 && strcmp(i18n_pdf_tag(),
	    "en-US") == 0 && strstr(i18n_hyph_dict(), "hyph_en_US") != NULL,
	    "English tags and patterns", NULL);
	i18n_use(LANG_FR);
	ok(strcmp(i18n_tag(), "fr") == 0 && strcmp(i18n_pdf_tag(),
	    "fr-FR") == 0 && strstr(i18n_hyph_dict(), "hyph_fr") != NULL,
	    "French tags and patterns", NULL);
}

static void
unit(const char *u, double v, const char *want, const char *name)
{
	char	*s = chart_unit(u, v);

	ok(strcmp(s, want) == 0, name, s);
	free(s);
}

static void
test_plural(void)
{
	i18n_use(LANG_FR);
	ok(strcmp(Tn(0, "campagne", "campagnes"), "campagne") == 0 &&
	    strcmp(Tn(1, "campagne", "campagnes"), "campagne") == 0 &&
	    strcmp(Tn(1.5, "campagne", "campagnes"), "campagne") == 0 &&
	    strcmp(Tn(2, "campagne", "campagnes"), "campagnes") == 0,
	    "French plural: 0, 1 and 1.5 singular, 2 plural", NULL);
	i18n_use(LANG_EN);
	ok(strcmp(Tn(1, "campaign", "campaigns"), "campaign") == 0 &&
	    strcmp(Tn(0, "campaign", "campaigns"), "campaigns") == 0 &&
	    strcmp(Tn(1.5, "campaign", "campaigns"), "campaigns") == 0 &&
	    strcmp(Tn(2, "campaign", "campaigns"), "campaigns") == 0,
	    "English plural: only 1 singular", NULL);
	ok(strcmp(Tn(2, "dont %zu réalisée", "dont %zu réalisées"),
	    "%zu of them implemented") == 0 &&
	    strcmp(Tn(2, "%s en %d, contre %s en %d (%s%s" NNBSP "point).",
	    "%s en %d, contre %s en %d (%s%s" NNBSP "points)."),
	    "%s in %d, against %s in %d (%s%s points).") == 0 &&
	    strcmp(Tn(1, "%s en %d, contre %s en %d (%s%s" NNBSP "point).",
	    "%s en %d, contre %s en %d (%s%s" NNBSP "points)."),
	    "%s in %d, against %s in %d (%s%s point).") == 0,
	    "English plural translated", NULL);
	i18n_use(LANG_FR);
	unit("cartes de résident", 1, "carte de résident",
	    "French unit: 1 carte de résident");
	unit("cartes de résident", 2, "cartes de résident",
	    "French unit: 2 cartes de résident");
	i18n_use(LANG_EN);
	unit("professionals", 1, "professional", "English unit: 1 professional");
	unit("professionals", 0, "professionals",
	    "English unit: 0 professionals");
	i18n_use(LANG_FR);
}

static void
num(enum lang l, double v, int dec, const char *unit, const char *want,
    const char *name)
{
	char	 buf[64];

	i18n_use(l);
	if (unit == NULL && dec != -9)
		fmt_num(buf, sizeof(buf), v, dec);
	else
		fmt_value(buf, sizeof(buf), v, unit);
	ok(strcmp(buf, want) == 0, name, buf);
	i18n_use(LANG_FR);
}

static void
test_numbers(void)
{
	num(LANG_FR, 1234.5, 1, NULL, "1" NNBSP "234,5", "French 1 234,5");
	num(LANG_EN, 1234.5, 1, NULL, "1,234.5", "English 1,234.5");
	num(LANG_EN, -1234567, 0, NULL, "\xe2\x88\x92" "1,234,567",
	    "English negative, two groups");
	num(LANG_FR, 12.5, -9, "%", "12,5" NNBSP "%", "French 12,5 %");
	num(LANG_EN, 12.5, -9, "%", "12.5%", "English 12.5%");
	num(LANG_FR, 850000, -9, "€", "850" NNBSP "k€", "French 850 k€");
	num(LANG_EN, 850000, -9, "€", "€850k", "English €850k");
	num(LANG_FR, 1250000, -9, "€", "1,25" NNBSP "M€", "French 1,25 M€");
	num(LANG_EN, 1250000, -9, "€", "€1.25M", "English €1.25M");
	num(LANG_EN, 300, -9, "£", "£300", "English £300");
	num(LANG_FR, 300, -9, "£", "300" NNBSP "£", "French 300 £");
	num(LANG_FR, 850000, -9, "£", "850" NNBSP "k£", "French 850 k£");
	num(LANG_EN, 45000, -9, "$", "$45.0k", "English $45.0k");
	num(LANG_FR, 45000, -9, "$", "45,0" NNBSP "k$", "French 45,0 k$");
	num(LANG_EN, 2300000, -9, "CHF", "CHF" NBSP "2.30M",
	    "English CHF 2.30M");
	num(LANG_FR, 2300000, -9, "CHF", "2,30" NNBSP "MCHF",
	    "French 2,30 MCHF");
	num(LANG_EN, 1234, -9, "personnes", "1,234", "English plain value");
	num(LANG_FR, 999960, -9, "$", "1,00" NNBSP "M$", "French 1,00 M$");
}

static void
axis(enum lang l, const char *unit, double amax, double div,
    const char *want, const char *name)
{
	const char	*words;
	double		 d;

	i18n_use(l);
	d = fmt_axis_unit(unit, amax, &words);
	ok(d == div && strcmp(words, want) == 0, name, words);
	i18n_use(LANG_FR);
}

/* An axis names the scale its currency's values are written in. */
static void
test_axis(void)
{
	axis(LANG_FR, "€", 4.98e6, 1e6, "millions d’euros",
	    "French axis: millions d’euros");
	axis(LANG_FR, "£", 850000, 1e3, "milliers de livres sterling",
	    "French axis: milliers de livres sterling");
	axis(LANG_FR, "$", 999960, 1e6, "millions de dollars",
	    "French axis: 999 960 $ in millions, as 1,00 M$");
	axis(LANG_FR, "CHF", 9999, 1, "francs suisses",
	    "French axis: francs suisses");
	axis(LANG_EN, "£", 1.4e6, 1e6, "million pounds sterling",
	    "English axis: million pounds sterling");
	axis(LANG_EN, "$", 45500, 1e3, "thousand dollars",
	    "English axis: thousand dollars");
	axis(LANG_EN, "CHF", 2500, 1, "Swiss francs",
	    "English axis: Swiss francs");
	axis(LANG_EN, "people", 2.5e6, 1, "people",
	    "English axis: another unit, not divided");
}

static void
test_dates(void)
{
	char	 buf[64];

	fmt_date(buf, sizeof(buf), "2017-05-01");
	ok(strcmp(buf, "1er mai 2017") == 0, "French date 1er mai 2017", buf);
	i18n_use(LANG_EN);
	fmt_date(buf, sizeof(buf), "2017-05-01");
	ok(strcmp(buf, "May 1, 2017") == 0, "English date May 1, 2017", buf);
	fmt_date(buf, sizeof(buf), "2016-12-24");
	ok(strcmp(buf, "December 24, 2016") == 0, "English month names", buf);
	i18n_use(LANG_FR);
	fmt_date(buf, sizeof(buf), "2016-08-24");
	ok(strcmp(buf, "24 août 2016") == 0, "French month names", buf);
}

static void
test_typo(void)
{
	struct typo	 t = { 0, 0, 0 };
	struct buf	 b = { NULL, 0, 0 };

	typo_text(&t, &b, "il a dit: \"x\" ; 81 %");
	buf_putc(&b, '\0');
	ok(strcmp(b.data, "il a dit" NBSP ": «" NNBSP "x" NNBSP "»" NNBSP
	    "; 81" NNBSP "%") == 0, "French typography in French", b.data);
	buf_free(&b);
	memset(&t, 0, sizeof(t));
	typo_text(&t, &b, "170 € , 300 £ , 45 $ , US$");
	buf_putc(&b, '\0');
	ok(strcmp(b.data, "170" NNBSP "€ , 300" NNBSP "£ , 45" NNBSP "$ , US$")
	    == 0, "French typography: €, £ and $ stay with their number",
	    b.data);
	buf_free(&b);
	memset(&t, 0, sizeof(t));
	i18n_use(LANG_EN);
	typo_text(&t, &b, "he said: \"x\"; 81 % isn't...");
	buf_putc(&b, '\0');
	ok(strcmp(b.data, "he said: \"x\"; 81 % isn't...") == 0,
	    "English text as written", b.data);
	buf_free(&b);
	i18n_use(LANG_FR);
}

int
main(void)
{
	test_catalogue();
	test_lang();
	test_plural();
	test_numbers();
	test_axis();
	test_dates();
	test_typo();
	return failures != 0;
}
