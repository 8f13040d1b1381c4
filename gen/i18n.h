/*
 * The interface language: one catalogue of the words the tool writes
 * itself (labels, sentences, alternative texts, CSV column names), French
 * and English, compiled in (i18n_en.h), plus what else follows the
 * language: number, date and currency formats (typo.c), plural rules,
 * the language tags of the site and the PDF, the hyphenation patterns
 * and the typography pass.
 *
 * The catalogue is keyed by the French text: T("Sommaire") is
 * "Sommaire" in French and "Contents" in English.  The French text stays
 * where it is used, so the French output is the code's own literals.
 *
 * One language per process: plan.xml's lang (fr by default) sets it when
 * the plan is loaded (i18n_use()), before any text is formatted; it is
 * only read afterwards, by every thread and worker process.
 */
#ifndef I18N_H
#define I18N_H

enum lang {
	LANG_FR,
	LANG_EN,
	LANG__MAX
};

/* "fr" or "en" (a region, "en-GB", is accepted and ignored).  Returns 0
 * for a language with no catalogue. */
int	 i18n_parse(const char *tag, enum lang *);
void	 i18n_use(enum lang);
enum lang i18n_lang(void);

/* The site's lang ("fr"), the PDF's /Lang ("fr-FR"), the libhyphen
 * patterns (a path). */
const char *i18n_tag(void);
const char *i18n_pdf_tag(void);
const char *i18n_hyph_dict(void);

/* fr in the current language; fr itself when the catalogue has no
 * translation (tests/t-i18n.sh checks that every T() has one). */
const char *T(const char *fr) __attribute__((format_arg(1)));
/* Does the language put n in the singular? */
int	 i18n_singular(double n);
/* one or other, as the language's plural rule chooses for n (French: 0
 * and 1 are singular; English: only 1), translated. */
const char *Tn(double n, const char *one, const char *other)
	    __attribute__((format_arg(2), format_arg(3)));

/* A text of a static table, translated where it is used with T(): marks
 * it for tests/t-i18n.sh, which checks that the catalogue has it. */
#define N_(fr)	(fr)

/* The catalogue, for the tests: (French, English) pairs. */
struct i18n_pair {
	const char	*fr;
	const char	*en;
};
extern const struct i18n_pair i18n_pairs[];
extern const size_t i18n_npairs;

/*
 * The names of the files the site is made of, in the language: every
 * writer of one of these files and every link to one takes its name
 * here.  The first names are whole (relative to out/ or to out/<year>/);
 * the stems after FNAME_MEASURE are put together by their callers
 * ("mesure" -> "mesure-07.html").
 */
enum fname {
	FNAME_ACCESSIBILITY,	/* accessibilite.html */
	FNAME_LEGAL,		/* mentions-legales.html */
	FNAME_SITEMAP,		/* plan-du-site.html */
	FNAME_SEARCH,		/* recherche.html */
	FNAME_SEARCH_INDEX,	/* recherche.json */
	FNAME_SEARCH_JS,	/* assets/recherche.js */
	FNAME_DATA,		/* <year>/donnees.html */
	FNAME_REVIEW,		/* <year>/revue.html */
	FNAME_REVIEW_JSON,	/* <year>/revue.json */
	FNAME_CHART_STATUS,	/* <year>/charts/statuts.svg */
	FNAME_CHART_PROGRESS,	/* <year>/charts/progression.svg */
	FNAME_MEASURE,		/* mesure: <year>/mesure-07.html */
	FNAME_PRIORITY,		/* priorite: <year>/priorite-2.html */
	FNAME_NARROW,		/* etroit: charts/statuts-etroit.svg */
	FNAME_INDICATORS,	/* indicateurs: data/indicateurs-2016.csv */
	FNAME_SPREADSHEET,	/* tableur: data/indicateurs-2016-tableur.csv */
	FNAME_SHARE,		/* partage: <year>/partage-2016.png */
	FNAME_REPORT,		/* rapport: <year>/rapport-2016.pdf */
	FNAME_SYNTHESIS,	/* synthese: <year>/synthese-2016.svg */
	FNAME__MAX
};

/* A name of the table above, in the current language (static). */
const char *fname(enum fname);
/* Is file named after the stem: "mesure-07.html" for FNAME_MEASURE? */
int	 fname_has_stem(const char *file, enum fname stem);

/* What `new-edition` writes where a text is still to be written, in the
 * current language ("[À rédiger]", "[To write]"): in a narrative, a part
 * or an assessment, it is a gap (validate()). */
const char *gap_marker(void);
/* The marker, of any language, that s holds, or NULL: a marker written
 * before the content changed its language is still a gap. */
const char *gap_find(const char *s);
/* The same for the len bytes at s, NUL bytes and all. */
const char *gap_find_mem(const char *s, size_t len);

#endif /* I18N_H */
