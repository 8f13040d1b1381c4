/*
 * The interface language: see i18n.h.  The English catalogue is read
 * through a hash table of the French keys, made once by i18n_use().
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "i18n.h"

#define NBSP	"\xc2\xa0"
#define NNBSP	"\xe2\x80\xaf"
#define EMDASH	"\xe2\x80\x94"

static const struct {
	const char	*tag, *pdf, *hyph;
} langs[LANG__MAX] = {
	{ "fr", "fr-FR", "/usr/share/hyphen/hyph_fr.dic" },
	{ "en", "en-US", "/usr/share/hyphen/hyph_en_US.dic" },
};

#include "i18n_en.h"

/* The site's file names (i18n.h), ASCII words of each language. */
static const char *const fnames[LANG__MAX][FNAME__MAX] = {
	[LANG_FR] = {
		"accessibilite.html",	/* FNAME_ACCESSIBILITY */
		"mentions-legales.html", /* FNAME_LEGAL */
		"plan-du-site.html",	/* FNAME_SITEMAP */
		"recherche.html",	/* FNAME_SEARCH */
		"recherche.json",	/* FNAME_SEARCH_INDEX */
		"assets/recherche.js",	/* FNAME_SEARCH_JS */
		"donnees.html",		/* FNAME_DATA */
		"revue.html",		/* FNAME_REVIEW */
		"revue.json",		/* FNAME_REVIEW_JSON */
		"charts/statuts.svg",	/* FNAME_CHART_STATUS */
		"charts/progression.svg", /* FNAME_CHART_PROGRESS */
		"mesure",		/* FNAME_MEASURE */
		"priorite",		/* FNAME_PRIORITY */
		"etroit",		/* FNAME_NARROW */
		"indicateurs",		/* FNAME_INDICATORS */
		"tableur",		/* FNAME_SPREADSHEET */
		"partage",		/* FNAME_SHARE */
		"rapport",		/* FNAME_REPORT */
		"synthese",		/* FNAME_SYNTHESIS */
	},
	[LANG_EN] = {
		"accessibility.html",	/* FNAME_ACCESSIBILITY */
		"legal-notice.html",	/* FNAME_LEGAL */
		"sitemap.html",		/* FNAME_SITEMAP */
		"search.html",		/* FNAME_SEARCH */
		"search.json",		/* FNAME_SEARCH_INDEX */
		"assets/search.js",	/* FNAME_SEARCH_JS */
		"data.html",		/* FNAME_DATA */
		"review.html",		/* FNAME_REVIEW */
		"review.json",		/* FNAME_REVIEW_JSON */
		"charts/statuses.svg",	/* FNAME_CHART_STATUS */
		"charts/progress.svg",	/* FNAME_CHART_PROGRESS */
		"measure",		/* FNAME_MEASURE */
		"priority",		/* FNAME_PRIORITY */
		"narrow",		/* FNAME_NARROW */
		"indicators",		/* FNAME_INDICATORS */
		"spreadsheet",		/* FNAME_SPREADSHEET */
		"share",		/* FNAME_SHARE */
		"report",		/* FNAME_REPORT */
		"synthesis",		/* FNAME_SYNTHESIS */
	},
};

const size_t i18n_npairs = sizeof(i18n_pairs) / sizeof(i18n_pairs[0]);

#define SLOTS	2048	/* a power of 2, over twice the catalogue */

static enum lang	 cur = LANG_FR;
static const struct i18n_pair *slot[SLOTS];

static uint32_t
hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

int
i18n_parse(const char *tag, enum lang *l)
{
	size_t	 i, n = strcspn(tag, "-_");

	for (i = 0; i < LANG__MAX; i++)
		if (strlen(langs[i].tag) == n &&
		    strncmp(tag, langs[i].tag, n) == 0) {
			*l = i;
			return 1;
		}
	return 0;
}

void
i18n_use(enum lang l)
{
	static int	 filled;
	size_t		 i, k;

	cur = l;
	/* Once: a second fill would add every pair again (diff loads two
	 * plans, each of which sets its language). */
	if (filled || l == LANG_FR)
		return;
	filled = 1;
	for (i = 0; i < i18n_npairs; i++) {
		k = hash(i18n_pairs[i].fr) & (SLOTS - 1);
		while (slot[k] != NULL)
			k = (k + 1) & (SLOTS - 1);
		slot[k] = &i18n_pairs[i];
	}
}

enum lang
i18n_lang(void)
{
	return cur;
}

const char *
i18n_tag(void)
{
	return langs[cur].tag;
}

const char *
i18n_pdf_tag(void)
{
	return langs[cur].pdf;
}

const char *
i18n_hyph_dict(void)
{
	return langs[cur].hyph;
}

const char *
T(const char *fr)
{
	size_t	 k;

	if (cur == LANG_FR)
		return fr;
	for (k = hash(fr) & (SLOTS - 1); slot[k] != NULL;
	    k = (k + 1) & (SLOTS - 1))
		if (strcmp(slot[k]->fr, fr) == 0)
			return slot[k]->en;
	return fr;
}

int
i18n_singular(double n)
{
	return cur == LANG_FR ? n > -2 && n < 2 : n == 1 || n == -1;
}

const char *
Tn(double n, const char *one, const char *other)
{
	return T(i18n_singular(n) ? one : other);
}

const char *
fname(enum fname f)
{
	return fnames[cur][f];
}

int
fname_has_stem(const char *file, enum fname stem)
{
	size_t	 n = strlen(fname(stem));

	return strncmp(file, fname(stem), n) == 0 && file[n] == '-';
}

/* What new-edition writes where a text is still to write, per language. */
static const char *const gap_markers[LANG__MAX] = {
	"[À rédiger]", "[To write]"
};

const char *
gap_marker(void)
{
	return gap_markers[cur];
}

const char *
gap_find_mem(const char *s, size_t len)
{
	size_t		 l;

	for (l = 0; l < LANG__MAX; l++)
		if (memmem(s, len, gap_markers[l],
		    strlen(gap_markers[l])) != NULL)
			return gap_markers[l];
	return NULL;
}

const char *
gap_find(const char *s)
{
	size_t		 l;

	for (l = 0; l < LANG__MAX; l++)
		if (strstr(s, gap_markers[l]) != NULL)
			return gap_markers[l];
	return NULL;
}
