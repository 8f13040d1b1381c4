/*
 * The yearly writing cycle: `rapporteur init [DIR]` starts a content
 * folder, `rapporteur new-edition YEAR` opens next year's edition from the
 * latest one.  Neither ever writes over an existing file:
 *
 *  - init writes the whole folder into a temporary folder beside DIR and
 *    renames it into place (DIR must not exist, or be an empty folder);
 *  - new-edition writes editions/YEAR the same way (it must not exist),
 *    and adds one <assessment> to each indicator file by inserting text at
 *    the byte offset where the last assessment ends (found from the line
 *    libxml2 gave it when the content was loaded): every other byte of
 *    the authors' file, comments and layout included, stays as it was.
 *    Each new indicator file is parsed again before it replaces the old
 *    one, through a temporary file and a rename.
 *
 * Texts still to write carry gap_marker(), which validate() reports (a
 * warning in a draft, an error in a final edition).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "report.h"
#include "extern.h"
#include "msg.h"
#include "i18n.h"

static const char init_usage[] =
"usage: rapporteur init [--plan FILE | --year YYYY] [--lang fr|en] [DIR]\n";
static const char newed_usage[] =
"usage: rapporteur new-edition [--content DIR] YEAR\n";

/* ---- files ---- */

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)flag;
	(void)f;
	return remove(path) == -1 ? -1 : 0;
}

/* Removes a temporary folder of ours and what is in it. */
static void
rm_tree(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* mkdir -p of the folders above path. */
static int
mkparents(const char *path)
{
	char	*p, *s;

	p = xstrdup(path);
	for (s = p + 1; *s != '\0'; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) == -1 && errno != EEXIST) {
			diag_sys_msg(MSG_CREATE, p, strerror(errno));
			free(p);
			return 0;
		}
		*s = '/';
	}
	free(p);
	return 1;
}

/* Writes len bytes of data to fd, the new file path, and closes fd.
 * Returns 0 after diag_sys(). */
static int
write_close(int fd, const char *path, const char *data, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			diag_sys_msg(MSG_WRITE, path, strerror(errno));
			close(fd);
			return 0;
		}
		data += n;
		len -= (size_t)n;
	}
	if (close(fd) == -1) {
		diag_sys_msg(MSG_WRITE, path, strerror(errno));
		return 0;
	}
	return 1;
}

/* Writes a new file dir/rel (O_EXCL: never over another).  Returns 0
 * after diag_sys(). */
static int
put_file(const char *dir, const char *rel, const char *data, size_t len)
{
	char	*path;
	int	 fd, rc = 0;

	path = xasprintf("%s/%s", dir, rel);
	if (!mkparents(path))
		goto out;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1) {
		diag_sys_msg(MSG_CREATE, path, strerror(errno));
		goto out;
	}
	rc = write_close(fd, path, data, len);
out:
	free(path);
	return rc;
}

/* A file or folder of ours into its place.  Returns 0 after
 * diag_sys(). */
static int
move_into(const char *from, const char *to)
{
	if (rename(from, to) == 0)
		return 1;
	diag_sys_msg(MSG_RENAME, from, to, strerror(errno));
	return 0;
}

static int
put_buf(const char *dir, const char *rel, const struct buf *b)
{
	return put_file(dir, rel, b->data ? b->data : "", b->len);
}

/* Is path absent, or an empty folder?  Reports otherwise. */
static int
free_place(const char *path)
{
	struct stat	 st;
	struct pos	 p = { path, 0, 0 };
	char		**names;
	ssize_t		 n;

	if (lstat(path, &st) == -1)
		return errno == ENOENT;
	if (!S_ISDIR(st.st_mode)) {
		diag_msg(DIAG_ERROR, &p, MSG_EXISTS);
		return 0;
	}
	n = dir_names(path, &names);
	dir_names_free(names, n);
	/* (A dot file left out by dir_names() makes the rename fail.) */
	if (n != 0) {
		diag_msg(DIAG_ERROR, &p, MSG_NOT_EMPTY);
		return 0;
	}
	return 1;
}

/* A fresh temporary folder beside path ("DIR.new-XXXXXX"), or NULL
 * after diag_sys().  Caller frees. */
static char *
temp_beside(const char *path)
{
	char	*t;

	t = xasprintf("%s.new-XXXXXX", path);
	if (!mkparents(t) || mkdtemp(t) == NULL) {
		diag_sys_msg(MSG_TEMP_DIR, path, strerror(errno));
		free(t);
		return NULL;
	}
	return t;
}

/* ---- rapporteur init ---- */

/* The start of edition.xml, its comment for the authors, in every
 * language (y). */
#define EDITION_HEAD \
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
	    "<!-- The %d edition of the report.  status=\"draft\" builds a\n" \
	    "     watermarked draft: write \"final\" when it is ready.  date is the\n" \
	    "     publication date, written into every output.  Each <part> is a\n" \
	    "     Markdown file of this folder, with its title. -->\n"

/*
 * The starter content in each language: printf formats (their
 * arguments in the comments) and the file names of the edition's two
 * parts.  The XML comments are for whoever edits the files and stay
 * English; the texts, titles and names are the language's.
 */
static const struct starter {
	const char	*plan;		/* y, y + 2, y - 2, y, y + 2 */
	const char	*ind_head;	/* id, id, number (after ind_comment()) */
	const char	*ind_tail;	/* y, y, status, y */
	const char	*edition;	/* y, y, y + 1, y, foreword_file,
					   method_file */
	const char	*narrative;	/* number, y, id, id */
	const char	*foreword, *foreword_file;
	const char	*method, *method_file;
	const char	*readme;	/* y, y, y, y, nmeasures, y + 1, y + 1,
					   gap_marker() */
} starters[LANG__MAX] = { {
	/* LANG_FR */
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- The action plan that the reports evaluate: its period (start, end),\n"
	    "     the first year of data, its priorities, their objectives (optional)\n"
	    "     and its measures.  Measure ids are \"m\" and the number on two digits\n"
	    "     at least; numbers run 1, 2, 3... in this order.  See the README. -->\n"
	    "<plan start=\"%d\" end=\"%d\" data-from=\"%d\">\n"
	    "  <title>Plan d’action national (titre complet du plan)</title>\n"
	    "  <short-title>Plan national %d-%d</short-title>\n"
	    "  <priority id=\"I\">\n"
	    "    <title>Premier axe du plan</title>\n"
	    "    <objective id=\"I.1\">\n"
	    "      <title>Premier objectif de cet axe</title>\n"
	    "      <measure id=\"m01\" number=\"1\">\n"
	    "        <title>Intitulé de la mesure 1, tel que le plan le rédige</title>\n"
	    "        <lead>Administration pilote</lead>\n"
	    "        <partner>Partenaire associé</partner>\n"
	    "      </measure>\n"
	    "      <measure id=\"m02\" number=\"2\">\n"
	    "        <title>Intitulé de la mesure 2</title>\n"
	    "      </measure>\n"
	    "    </objective>\n"
	    "  </priority>\n"
	    "  <priority id=\"II\">\n"
	    "    <title>Deuxième axe du plan</title>\n"
	    "    <!-- A priority may hold its measures without objectives. -->\n"
	    "    <measure id=\"m03\" number=\"3\">\n"
	    "      <title>Intitulé de la mesure 3</title>\n"
	    "    </measure>\n"
	    "  </priority>\n"
	    "</plan>\n",
	    "<indicators measure=\"%s\">\n"
	    "  <indicator id=\"indicateur-%s\" unit=\"personnes\" direction=\"higher\">\n"
	    "    <label>Indicateur de la mesure %d (nom à donner)</label>\n"
	    "    <definition>Ce que l’indicateur compte : qui, quoi, où, sur quelle "
	    "période.</definition>\n"
	    "    <source>Organisme qui publie le chiffre, titre de la publication"
	    "</source>\n",
	    "    <value year=\"%d\" illustrative=\"true\">12</value>\n"
	    "  </indicator>\n"
	    "  <assessment year=\"%d\" status=\"%s\">Une phrase qui justifie "
	    "l’appréciation de la mesure pour %d.</assessment>\n"
	    "</indicators>\n",
	    EDITION_HEAD
	    "<edition year=\"%d\" status=\"draft\" date=\"%d-06-30\">\n"
	    "  <title>Rapport d’évaluation %d</title>\n"
	    "  <institution>Nom de l’institution, rapporteur national</institution>\n"
	    "  <author>Nom des auteurs</author>\n"
	    "  <front>\n"
	    "    <part file=\"%s\">Avant-propos</part>\n"
	    "  </front>\n"
	    "  <back>\n"
	    "    <part file=\"%s\">Méthodologie</part>\n"
	    "  </back>\n"
	    "</edition>\n",
	    "## L’engagement du plan\n"
	    "\n"
	    "Rappeler ce que le plan prévoit pour la mesure %d : son intitulé, "
	    "l’administration pilote, les partenaires, l’échéance. Le titre de la "
	    "mesure vient de `plan.xml` ; le récit commence donc au niveau de titre "
	    "`##`.\n"
	    "\n"
	    "## Mise en œuvre en %d\n"
	    "\n"
	    "Ce qui a été fait pendant l’année, avec les chiffres et leurs sources en "
	    "liens : [texte du lien](https://exemple.org/). Les valeurs des indicateurs "
	    "vont dans `indicators/%s.xml` : le rapport en tire les graphiques et les "
	    "tableaux.\n"
	    "\n"
	    "## Analyse du rapporteur national\n"
	    "\n"
	    "L’appréciation du rapporteur et ce qui la fonde. Le statut et sa "
	    "justification en une phrase vont dans l’élément `assessment` de "
	    "`indicators/%s.xml`.\n"
	    "\n"
	    "## Recommandations\n"
	    "\n"
	    "1. Une recommandation par point, numérotée.\n"
	    "2. Chaque recommandation dit qui doit faire quoi.\n",
	    "## Objet du rapport\n"
	    "\n"
	    "L’avant-propos présente le rapport : qui l’écrit, à quel titre, sur "
	    "quelle période et comment il est construit. Ce fichier est listé dans "
	    "`edition.xml` (élément `front`), qui lui donne son titre.\n",
	    "avant-propos.md",
	    "## Sources et méthode\n"
	    "\n"
	    "Comment les informations ont été recueillies (auditions, "
	    "questionnaires, données publiées), et l’échelle des appréciations. Ce "
	    "fichier est listé dans `edition.xml` (élément `back`).\n",
	    "methodologie.md",
	    "# Contenu du rapport\n"
	    "\n"
	    "Ce dossier contient tout ce dont `rapporteur` fait le rapport : le "
	    "plan, les indicateurs de chaque mesure et, pour chaque année, une "
	    "édition avec ses récits.\n"
	    "\n"
	    "    plan.xml                      le plan : axes, objectifs, mesures (stable d’une année à l’autre)\n"
	    "    indicators/mNN.xml            par mesure : indicateurs, valeurs par année, une appréciation par édition\n"
	    "    editions/%d/edition.xml     l’édition %d : titre, date, auteurs, brouillon ou final, parties\n"
	    "    editions/%d/*.md            l’avant-propos et les autres parties, un fichier par partie\n"
	    "    editions/%d/measures/mNN.md le récit de chaque mesure pour l’année\n"
	    "\n"
	    "Le plan compte %zu mesures. Les textes en place disent ce qui va où : "
	    "remplacez-les.\n"
	    "\n"
	    "Vérifier, puis construire le site, le PDF et les graphiques :\n"
	    "\n"
	    "    rapporteur check --content DOSSIER\n"
	    "    rapporteur build --content DOSSIER --out out\n"
	    "    rapporteur build --watch --content DOSSIER --out out   (reconstruit à chaque modification)\n"
	    "\n"
	    "L’année suivante, `rapporteur new-edition %d --content DOSSIER` ouvre "
	    "l’édition %d à partir de celle-ci : chaque texte à écrire y porte la "
	    "marque `%s`, que `check` signale tant qu’elle reste.\n"
}, {
	/* LANG_EN */
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- The action plan that the reports evaluate: its period (start, end),\n"
	    "     the first year of data, its language, the names of its levels, its\n"
	    "     priorities, their objectives (optional) and its measures.  Measure\n"
	    "     ids are \"m\" and the number on two digits at least; numbers run 1,\n"
	    "     2, 3... in this order.  See the README. -->\n"
	    "<plan start=\"%d\" end=\"%d\" data-from=\"%d\" lang=\"en\">\n"
	    "  <title>National action plan (the plan's full title)</title>\n"
	    "  <short-title>National plan %d-%d</short-title>\n"
	    "  <!-- The names of the levels, as the reports write them: give them\n"
	    "       the plan's own (Axis, Action...). -->\n"
	    "  <levels>\n"
	    "    <level singular=\"Priority\" plural=\"Priorities\" numbering=\"roman\"/>\n"
	    "    <level singular=\"Objective\" plural=\"Objectives\" numbering=\"id\"/>\n"
	    "    <level singular=\"Measure\" plural=\"Measures\" numbering=\"arabic\"/>\n"
	    "  </levels>\n"
	    "  <priority id=\"I\">\n"
	    "    <title>First priority of the plan</title>\n"
	    "    <objective id=\"I.1\">\n"
	    "      <title>First objective of this priority</title>\n"
	    "      <measure id=\"m01\" number=\"1\">\n"
	    "        <title>Title of measure 1, as the plan words it</title>\n"
	    "        <lead>Lead administration</lead>\n"
	    "        <partner>Associated partner</partner>\n"
	    "      </measure>\n"
	    "      <measure id=\"m02\" number=\"2\">\n"
	    "        <title>Title of measure 2</title>\n"
	    "      </measure>\n"
	    "    </objective>\n"
	    "  </priority>\n"
	    "  <priority id=\"II\">\n"
	    "    <title>Second priority of the plan</title>\n"
	    "    <!-- A priority may hold its measures without objectives. -->\n"
	    "    <measure id=\"m03\" number=\"3\">\n"
	    "      <title>Title of measure 3</title>\n"
	    "    </measure>\n"
	    "  </priority>\n"
	    "</plan>\n",
	    "<indicators measure=\"%s\">\n"
	    "  <indicator id=\"indicator-%s\" unit=\"people\" direction=\"higher\">\n"
	    "    <label>Indicator of measure %d (give it a name)</label>\n"
	    "    <definition>What the indicator counts: who, what, where, over which "
	    "period.</definition>\n"
	    "    <source>Body that publishes the figure, title of the publication"
	    "</source>\n",
	    "    <value year=\"%d\" illustrative=\"true\">12</value>\n"
	    "  </indicator>\n"
	    "  <assessment year=\"%d\" status=\"%s\">One sentence that justifies "
	    "the assessment of the measure for %d.</assessment>\n"
	    "</indicators>\n",
	    EDITION_HEAD
	    "<edition year=\"%d\" status=\"draft\" date=\"%d-06-30\">\n"
	    "  <title>Evaluation report %d</title>\n"
	    "  <institution>Name of the institution, national rapporteur</institution>\n"
	    "  <author>Names of the authors</author>\n"
	    "  <front>\n"
	    "    <part file=\"%s\">Foreword</part>\n"
	    "  </front>\n"
	    "  <back>\n"
	    "    <part file=\"%s\">Method</part>\n"
	    "  </back>\n"
	    "</edition>\n",
	    "## The plan's commitment\n"
	    "\n"
	    "Recall what the plan provides for measure %d: its title, the lead "
	    "administration, the partners, the deadline. The measure's title comes "
	    "from `plan.xml`, so the narrative starts at heading level `##`.\n"
	    "\n"
	    "## Implementation in %d\n"
	    "\n"
	    "What was done during the year, with the figures and their sources as "
	    "links: [link text](https://example.org/). The values of the indicators "
	    "go in `indicators/%s.xml`: the report draws its charts and tables from "
	    "them.\n"
	    "\n"
	    "## The national rapporteur's analysis\n"
	    "\n"
	    "The rapporteur's assessment and what it rests on. The status and its "
	    "one-sentence justification go in the `assessment` element of "
	    "`indicators/%s.xml`.\n"
	    "\n"
	    "## Recommendations\n"
	    "\n"
	    "1. One recommendation per point, numbered.\n"
	    "2. Each recommendation says who must do what.\n",
	    "## Purpose of the report\n"
	    "\n"
	    "The foreword presents the report: who writes it, in what capacity, over "
	    "which period and how it is built. This file is listed in "
	    "`edition.xml` (element `front`), which gives it its title.\n",
	    "foreword.md",
	    "## How the information was gathered\n"
	    "\n"
	    "Hearings, questionnaires, published data, and the scale of the "
	    "assessments. This file is listed in `edition.xml` (element "
	    "`back`).\n",
	    "method.md",
	    "# Content of the report\n"
	    "\n"
	    "This folder holds everything `rapporteur` makes the report from: the "
	    "plan, the indicators of each measure and, for each year, an edition "
	    "with its narratives.\n"
	    "\n"
	    "    plan.xml                      the plan: priorities, objectives, measures (stable from one year to the next)\n"
	    "    indicators/mNN.xml            per measure: indicators, values per year, one assessment per edition\n"
	    "    editions/%d/edition.xml     the %d edition: title, date, authors, draft or final, parts\n"
	    "    editions/%d/*.md            the foreword and the other parts, one file per part\n"
	    "    editions/%d/measures/mNN.md the narrative of each measure for the year\n"
	    "\n"
	    "The plan has %zu measures. The texts in place say what goes where: "
	    "replace them.\n"
	    "\n"
	    "Check, then build the site, the PDF and the charts:\n"
	    "\n"
	    "    rapporteur check --content FOLDER\n"
	    "    rapporteur build --content FOLDER --out out\n"
	    "    rapporteur build --watch --content FOLDER --out out   (builds again on every change)\n"
	    "\n"
	    "The next year, `rapporteur new-edition %d --content FOLDER` opens the "
	    "%d edition from this one: each text to write carries the mark `%s` "
	    "(to be written), which `check` reports as long as it stays.\n"
} };

/* The status of a measure not assessed yet: the plan's "not assessed", or
 * the last of its own scale when it has none. */
static const char *
open_status(const struct plan *pl)
{
	return pl->status[STATUS_NOT_ASSESSED] != NULL ?
	    pl->status[STATUS_NOT_ASSESSED]->id : pl->scale[pl->nscale - 1].id;
}

/* The comment that opens a starter indicator file, for its authors: the
 * statuses are the plan's. */
static void
ind_comment(struct buf *b, const struct plan *pl, const struct measure *m)
{
	const char	*sep;
	size_t		 i, col;

	buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- Measure %d: its indicators and one assessment per edition.\n"
	    "     An indicator is a figure followed over the years: what it counts\n"
	    "     (definition), who publishes it (source), one value per year.\n"
	    "     illustrative=\"true\" marks a figure that is not from a published\n"
	    "     source (the report says so): replace these examples.\n"
	    "     status:", m->number);
	col = 12;
	for (i = 0; i < pl->nscale; i++) {
		sep = i == 0 ? "" : i + 1 < pl->nscale ? "," : " or";
		if (col + strlen(sep) + 1 + strlen(pl->scale[i].id) > 72) {
			buf_printf(b, "%s\n    ", sep);	/* wrapped */
			col = 4;
			sep = "";
		}
		buf_printf(b, "%s %s", sep, pl->scale[i].id);
		col += strlen(sep) + 1 + strlen(pl->scale[i].id);
	}
	buf_puts(b, ", with one sentence that justifies it. -->\n");
}

static void
init_indicators(struct buf *b, const struct starter *st,
    const struct plan *pl, const struct measure *m, int y)
{
	ind_comment(b, pl, m);
	buf_printf(b, st->ind_head, m->id, m->id, m->number);
	if (pl->data_from < y)
		buf_printf(b, "    <value year=\"%d\" illustrative=\"true\">10"
		    "</value>\n", y - 1);
	buf_printf(b, st->ind_tail, y, y, open_status(pl), y);
}

/* init's options into *plan, *y, *lang and *dir (*lang stays as it is
 * without --lang).  Returns -1, or the exit status when there is nothing
 * more to do. */
static int
init_opts(int argc, char *argv[], const char **plan, int *y,
    enum lang *lang, const char **dir)
{
	static const struct option lopts[] = {
		{ "plan",	required_argument,	NULL, 'p' },
		{ "year",	required_argument,	NULL, 'y' },
		{ "lang",	required_argument,	NULL, 'l' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL,		0,			NULL, 0 }
	};
	long		 n;
	char		*end;
	int		 ch;
	enum lang	 l;
	int		 lang_set = 0;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		switch (ch) {
		case 'p':
			*plan = optarg;
			break;
		case 'y':
			n = strtol(optarg, &end, 10);
			if (*end != '\0' || n < 1002 || n > 9997) {
				fprintf(stderr, "%s: --year takes a year, such "
				    "as 2016\n%s", PROGNAME, init_usage);
				return EXIT_USAGE;
			}
			*y = (int)n;
			break;
		case 'l':
			/* Only the languages of the starter texts: "en-GB"
			 * would not be written into plan.xml. */
			if (!i18n_parse(optarg, &l) || strlen(optarg) != 2) {
				fprintf(stderr, "%s: --lang takes fr or en\n%s",
				    PROGNAME, init_usage);
				return EXIT_USAGE;
			}
			*lang = l;
			lang_set = 1;
			break;
		case 'h':
			fputs(init_usage, stdout);
			return EXIT_OK;
		default:
			fprintf(stderr, "%s: %s: unknown option or missing "
			    "argument\n%s", PROGNAME, argv[optind - 1],
			    init_usage);
			return EXIT_USAGE;
		}
	}
	if (optind + 1 < argc) {
		fprintf(stderr, "%s: too many arguments\n%s", PROGNAME,
		    init_usage);
		return EXIT_USAGE;
	}
	if (optind < argc)
		*dir = argv[optind];
	if (*plan != NULL && *y != 0) {
		fprintf(stderr, "%s: --year and --plan: the plan gives the "
		    "year\n%s", PROGNAME, init_usage);
		return EXIT_USAGE;
	}
	if (*plan != NULL && lang_set) {
		fprintf(stderr, "%s: --lang and --plan: the plan gives the "
		    "language\n%s", PROGNAME, init_usage);
		return EXIT_USAGE;
	}
	return -1;
}

/* The plan in tmp/plan.xml, loaded into r: the user's, checked and
 * copied byte for byte, or ours in lang (the first edition this year,
 * unless *y says).  Sets *y to its first year, and the language to the
 * plan's (i18n_use()).  Returns an exit status. */
static int
init_plan_file(struct report *r, const char *tmp, const char *plan,
    enum lang lang, int *y, struct buf *b)
{
	time_t		 now;
	struct tm	 tm;
	char		*path;
	int		 ok;

	if (plan != NULL) {
		if (!file_read(plan, b) || !xml_load_plan(r, plan))
			return EXIT_CONTENT;
		*y = r->plan.start;
	} else {
		if (*y == 0) {
			now = time(NULL);
			gmtime_r(&now, &tm);
			*y = tm.tm_year + 1900;
		}
		buf_printf(b, starters[lang].plan, *y, *y + 2, *y - 2, *y,
		    *y + 2);
	}
	if (!put_buf(tmp, "plan.xml", b))
		return EXIT_SYSTEM;
	if (plan != NULL)
		return EXIT_OK;
	path = xasprintf("%s/plan.xml", tmp);
	ok = xml_load_plan(r, path);
	free(path);
	return ok ? EXIT_OK : EXIT_SYSTEM;	/* cannot fail: our plan */
}

/* dir/fmt (a relative path with the year y): len bytes of data.
 * Returns 0 after diag_sys(). */
static int
put_year(const char *dir, const char *fmt, int y, const char *data,
    size_t len)
{
	char	*rel;
	int	 ok;

	rel = xasprintf(fmt, y);
	ok = put_file(dir, rel, data, len);
	free(rel);
	return ok;
}

/* dir/editions/y/file: the text of a part.  Returns 0 after
 * diag_sys(). */
static int
put_part(const char *dir, int y, const char *file, const char *text)
{
	char	*rel;
	int	 ok;

	rel = xasprintf("editions/%d/%s", y, file);
	ok = put_file(dir, rel, text, strlen(text));
	free(rel);
	return ok;
}

/* Everything but the plan, in tmp, in the plan's language: an indicator
 * file and a narrative a measure, the edition, its two parts, the
 * README.  Returns 0 after diag_sys(). */
static int
init_files(const struct report *r, const char *tmp, int y, struct buf *b)
{
	const struct starter *st = &starters[i18n_lang()];
	const struct measure *m;
	char		*rel;
	size_t		 i;
	int		 ok;

	for (i = 0; i < r->plan.nmeasures; i++) {
		m = &r->plan.measures[i];
		buf_reset(b);
		init_indicators(b, st, &r->plan, m, y);
		rel = xasprintf("indicators/%s.xml", m->id);
		ok = put_buf(tmp, rel, b);
		free(rel);
		buf_reset(b);
		buf_printf(b, st->narrative, m->number, y, m->id, m->id);
		rel = xasprintf("editions/%d/measures/%s.md", y, m->id);
		ok = ok && put_buf(tmp, rel, b);
		free(rel);
		if (!ok)
			return 0;
	}
	buf_reset(b);
	buf_printf(b, st->edition, y, y, y + 1, y, st->foreword_file,
	    st->method_file);
	ok = put_year(tmp, "editions/%d/edition.xml", y, b->data ? b->data :
	    "", b->len);
	ok = ok && put_part(tmp, y, st->foreword_file, st->foreword) &&
	    put_part(tmp, y, st->method_file, st->method);
	buf_reset(b);
	buf_printf(b, st->readme, y, y, y, y, r->plan.nmeasures, y + 1, y + 1,
	    gap_marker());
	return ok && put_buf(tmp, "README.md", b);
}

int
init_main(int argc, char *argv[])
{
	struct report	*r = NULL;
	struct buf	 b = { NULL, 0, 0 };
	const char	*plan = NULL, *dir = "content";
	char		*tmp = NULL;
	enum lang	 lang = LANG_FR;
	int		 y = 0, rc;

	if ((rc = init_opts(argc, argv, &plan, &y, &lang, &dir)) != -1)
		return rc;
	rc = EXIT_SYSTEM;
	diag_init(DFORMAT_GCC, 0);
	xml_init();
	if (!free_place(dir)) {
		rc = diag_count(DIAG_ERROR) ? EXIT_USAGE : EXIT_SYSTEM;
		goto out;
	}
	if ((tmp = temp_beside(dir)) == NULL)
		goto out;
	r = xcalloc(1, sizeof(*r));
	r->ar = arena_new();
	r->content = tmp;
	if ((rc = init_plan_file(r, tmp, plan, lang, &y, &b)) != EXIT_OK)
		goto out;
	rc = EXIT_SYSTEM;
	/* Into place at once: DIR is absent (or was an empty folder). */
	if (!init_files(r, tmp, y, &b) || !move_into(tmp, dir))
		goto out;
	free(tmp);
	tmp = NULL;
	fprintf(stderr, "%s: created %s: a plan of %zu measures, one "
	    "indicator file each, the %d edition\n", PROGNAME, dir,
	    r->plan.nmeasures, y);
	rc = EXIT_OK;
out:
	if (tmp != NULL) {
		rm_tree(tmp);
		free(tmp);
	}
	buf_free(&b);
	report_free(r);
	xml_cleanup();
	diag_finish();
	return rc;
}

/* ---- rapporteur new-edition ---- */

/* The offset of line (from 1) in s, or len. */
static size_t
line_at(const struct buf *s, int line)
{
	size_t	 i;
	int	 n = 1;

	for (i = 0; i < s->len && n < line; i++)
		if (s->data[i] == '\n')
			n++;
	return i;
}

/* The byte range [*b, *e) of the start tag of the root element name in
 * the XML text s, after the prolog (declaration, comments, processing
 * instructions).  Returns 0 if not found. */
static int
root_tag(const struct buf *s, const char *name, size_t *b, size_t *e)
{
	const char	*p = s->data, *end = s->data + s->len, *q;
	size_t		 n = strlen(name);
	char		 quote = 0;

	while ((p = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (end - p >= 4 && memcmp(p, "<!--", 4) == 0) {
			if ((q = memmem(p, (size_t)(end - p), "-->", 3)) ==
			    NULL)
				return 0;
			p = q + 3;
			continue;
		}
		if (end - p >= 2 && (p[1] == '?' || p[1] == '!')) {
			if ((q = memchr(p, '>', (size_t)(end - p))) == NULL)
				return 0;
			p = q + 1;
			continue;
		}
		if ((size_t)(end - p) <= n + 1 || memcmp(p + 1, name, n) != 0)
			return 0;
		for (q = p + 1 + n; q < end; q++) {
			if (quote != 0) {
				if (*q == quote)
					quote = 0;
			} else if (*q == '"' || *q == '\'')
				quote = *q;
			else if (*q == '>')
				break;
		}
		if (q == end)
			return 0;
		*b = (size_t)(p - s->data);
		*e = (size_t)(q + 1 - s->data);
		return 1;
	}
	return 0;
}

/* In the start tag tag, the value of attribute name replaced by value
 * (quotes kept).  Returns 0 if the tag has no such attribute. */
static int
set_attr(struct buf *tag, const char *name, const char *value)
{
	struct buf	 o = { NULL, 0, 0 };
	const char	*p = tag->data, *v, *ve;
	size_t		 n = strlen(name);

	while ((p = strstr(p, name)) != NULL) {
		v = p + n;
		if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n' ||
		    p[-1] == '\r') && (*v == '=' || *v == ' ' || *v == '\t' ||
		    *v == '\n' || *v == '\r'))
			break;
		p++;
	}
	if (p == NULL)
		return 0;
	while (*v != '=')
		v++;
	v++;
	while (*v != '"' && *v != '\'')
		v++;
	if ((ve = strchr(v + 1, *v)) == NULL)
		return 0;
	buf_put(&o, tag->data, (size_t)(v + 1 - tag->data));
	buf_puts(&o, value);
	buf_puts(&o, ve);
	buf_reset(tag);
	buf_put(tag, o.data, o.len);
	buf_free(&o);
	return 1;
}

/* The new edition.xml: the latest one with its year, status and date
 * changed in the root's start tag, every other byte as it was. */
static int
new_edition_xml(const struct edition *last, int year, struct buf *out)
{
	struct buf	 src = { NULL, 0, 0 }, tag = { NULL, 0, 0 };
	char		 v[32];
	size_t		 b, e;
	int		 y, mo, d, rc = 0;

	if (!file_read(last->file, &src) || !root_tag(&src, "edition", &b, &e))
		goto out;
	buf_put(&tag, src.data + b, e - b);
	snprintf(v, sizeof(v), "%d", year);
	if (!set_attr(&tag, "year", v) || !set_attr(&tag, "status", "draft"))
		goto out;
	/* The publication date as many years later (29 February: 28). */
	if (sscanf(last->date, "%d-%d-%d", &y, &mo, &d) == 3) {
		y += year - last->year;
		if (mo == 2 && d == 29 && !(y % 4 == 0 &&
		    (y % 100 != 0 || y % 400 == 0)))
			d = 28;
		snprintf(v, sizeof(v), "%04d-%02d-%02d", y, mo, d);
		if (!set_attr(&tag, "date", v))
			goto out;
	}
	buf_put(out, src.data, b);
	buf_put(out, tag.data, tag.len);
	buf_put(out, src.data + e, src.len - e);
	rc = 1;
out:
	buf_free(&src);
	buf_free(&tag);
	return rc;
}

/* A Markdown file started from another's headings (outside code blocks;
 * the old year written as the new one), each followed by gap_marker(). */
static void
new_text(const char *from, int oldy, int year, struct buf *out)
{
	struct buf	 src = { NULL, 0, 0 };
	const char	*p, *eol, *q;
	char		 oy[16], ny[16];
	size_t		 n, k;
	int		 fence = 0, any = 0;

	snprintf(oy, sizeof(oy), "%d", oldy);
	snprintf(ny, sizeof(ny), "%d", year);
	if (from != NULL && file_read(from, &src) && src.len > 0)
		for (p = src.data; p < src.data + src.len; p = eol + 1) {
			if ((eol = memchr(p, '\n', src.len - (size_t)(p -
			    src.data))) == NULL)
				eol = src.data + src.len;
			n = (size_t)(eol - p);
			for (k = 0; k < 3 && k < n && p[k] == ' '; k++)
				continue;
			if (n - k >= 3 && (memcmp(p + k, "```", 3) == 0 ||
			    memcmp(p + k, "~~~", 3) == 0))
				fence = !fence;
			if (fence || k >= n || p[k] != '#')
				continue;
			for (q = p + k; q < eol && *q == '#'; q++)
				continue;
			if (q - (p + k) > 6 || (q < eol && *q != ' ' &&
			    *q != '\t'))
				continue;
			/* The heading, years updated. */
			for (q = p; q < eol; ) {
				if (eol - q >= 4 && memcmp(q, oy, 4) == 0 &&
				    (q == p || q[-1] < '0' || q[-1] > '9') &&
				    (eol - q == 4 || q[4] < '0' || q[4] > '9')) {
					buf_puts(out, ny);
					q += 4;
				} else
					buf_putc(out, *q++);
			}
			while (out->len > 0 && out->data[out->len - 1] == '\r')
				out->len--;
			buf_printf(out, "\n\n%s\n\n", gap_marker());
			any = 1;
		}
	if (!any)
		buf_printf(out, "%s\n", gap_marker());
	else
		out->len--;	/* one newline at the end */
	buf_free(&src);
}

/* src with the element el added after the assessment a: on a line of
 * its own, indented the same, if a is; else beside it.  Returns 0 if a
 * is not found. */
static int
add_after(const struct buf *src, const struct assessment *a,
    const struct buf *el, const char *nl, struct buf *out)
{
	const char	*p, *q, *ls, *le, *hit;
	size_t		 at, ind;

	/* Its start tag begins on the line libxml2 gave: the last
	 * "<assessment" of that line, then its end tag. */
	ls = src->data + line_at(src, a->pos.line);
	if ((le = memchr(ls, '\n', src->len - (size_t)(ls - src->data))) ==
	    NULL)
		le = src->data + src->len;
	for (hit = NULL, p = ls; (q = memmem(p, (size_t)(le - p),
	    "<assessment", 11)) != NULL; p = q + 1)
		hit = q;
	if (hit == NULL || (q = memmem(hit, src->len - (size_t)(hit -
	    src->data), "</assessment>", 13)) == NULL)
		return 0;
	at = (size_t)(q + 13 - src->data);
	for (ind = 0; ls + ind < hit && (ls[ind] == ' ' || ls[ind] == '\t');
	    ind++)
		continue;
	buf_put(out, src->data, at);
	if (ls + ind == hit) {
		buf_puts(out, nl);
		buf_put(out, ls, ind);
	} else
		buf_putc(out, ' ');
	buf_put(out, el->data, el->len);
	buf_put(out, src->data + at, src->len - at);
	return 1;
}

/* src with the element el added before the root's end tag (the last
 * one in the file).  Returns 0 if there is none. */
static int
add_before_end(const struct buf *src, const struct buf *el, const char *nl,
    struct buf *out)
{
	const char	*p, *q, *ls, *hit;
	size_t		 at;

	for (hit = NULL, p = src->data; (q = memmem(p, src->len -
	    (size_t)(p - src->data), "</indicators", 12)) != NULL; p = q + 1)
		hit = q;
	if (hit == NULL)
		return 0;
	for (ls = hit; ls > src->data && ls[-1] != '\n'; ls--)
		continue;
	for (p = ls; p < hit && (*p == ' ' || *p == '\t'); p++)
		continue;
	if (p == hit) {		/* alone on its line */
		at = (size_t)(ls - src->data);
		buf_put(out, src->data, at);
		buf_puts(out, "  ");
		buf_put(out, el->data, el->len);
		buf_puts(out, nl);
	} else {
		at = (size_t)(hit - src->data);
		buf_put(out, src->data, at);
		buf_put(out, el->data, el->len);
	}
	buf_put(out, src->data + at, src->len - at);
	return 1;
}

/* The indicator file with <assessment year=year> added after its last
 * assessment (before </indicators> if it has none).  Everything else is
 * copied byte for byte.  Returns 0 if the place is not found. */
static int
new_assessment(const struct plan *pl, const struct measure *m, int prevyear,
    int year, struct buf *out)
{
	const struct assessment *a = NULL, *pa;
	struct buf	 src = { NULL, 0, 0 }, el = { NULL, 0, 0 };
	const char	*nl;
	size_t		 i;
	int		 rc = 0;

	if (!file_read(m->ind_file, &src) || src.len == 0)
		goto out;
	nl = memmem(src.data, src.len, "\r\n", 2) != NULL ? "\r\n" : "\n";
	pa = report_assessment(m, prevyear);
	buf_printf(&el, "<assessment year=\"%d\" status=\"%s\">%s ", year,
	    pa != NULL ? status_id(pl, pa->status) : open_status(pl),
	    gap_marker());
	buf_printf(&el, pa != NULL ? T("Statut de %d repris : à confirmer "
	    "ou à changer, avec une phrase de justification.") :
	    T("Pas d’appréciation en %d : statut à choisir, avec une phrase "
	    "de justification."), prevyear);
	buf_puts(&el, "</assessment>");
	for (i = 0; i < m->nassess; i++)	/* last in the file */
		if (a == NULL || m->assess[i].pos.line >= a->pos.line)
			a = &m->assess[i];
	rc = a != NULL ? add_after(&src, a, &el, nl, out) :
	    add_before_end(&src, &el, nl, out);
out:
	buf_free(&src);
	buf_free(&el);
	return rc;
}

/* Reads the new indicator file at path back (libxml2, its schema, the
 * loader's rules, the status scale of pl): it must hold an assessment
 * for year.  0 if not. */
static int
reread(const char *path, const struct plan *pl, const struct measure *m,
    int year)
{
	struct report	*r;
	struct measure	 copy;
	size_t		 i;
	int		 ok;

	r = xcalloc(1, sizeof(*r));
	r->ar = arena_new();
	/* The scale's strings stay in pl's arena, which outlives r. */
	memcpy(r->plan.scale, pl->scale, sizeof(pl->scale));
	r->plan.nscale = pl->nscale;
	for (i = 0; i < pl->nscale; i++)
		r->plan.status[pl->scale[i].slot] = &r->plan.scale[i];
	memset(&copy, 0, sizeof(copy));
	copy.id = m->id;
	copy.number = m->number;
	ok = xml_load_indicators(r, r->ar, &copy, path) &&
	    report_assessment(&copy, year) != NULL;
	report_free(r);
	return ok;
}

struct edit {
	const struct measure *m;
	char		*tmp;		/* the new file, beside the old */
};

/* new-edition's options: *content and *year.  Returns -1, or the exit
 * status when there is nothing more to do. */
static int
newed_opts(int argc, char *argv[], const char **content, int *year)
{
	static const struct option lopts[] = {
		{ "content",	required_argument,	NULL, 'c' },
		{ "help",	no_argument,		NULL, 'h' },
		{ NULL,		0,			NULL, 0 }
	};
	char	*end;
	long	 n;
	int	 ch;

	opterr = 0;
	optind = 1;
	while ((ch = getopt_long(argc, argv, "", lopts, NULL)) != -1) {
		switch (ch) {
		case 'c':
			*content = optarg;
			break;
		case 'h':
			fputs(newed_usage, stdout);
			return EXIT_OK;
		default:
			fprintf(stderr, "%s: %s: unknown option or missing "
			    "argument\n%s", PROGNAME, argv[optind - 1],
			    newed_usage);
			return EXIT_USAGE;
		}
	}
	if (optind + 1 != argc) {
		fprintf(stderr, "%s: %s\n%s", PROGNAME, optind == argc ?
		    "which year?" : "too many arguments", newed_usage);
		return EXIT_USAGE;
	}
	n = strtol(argv[optind], &end, 10);
	if (*end != '\0' || n < 1000 || n > 9999) {
		fprintf(stderr, "%s: new-edition takes a year, such as 2017\n%s",
		    PROGNAME, newed_usage);
		return EXIT_USAGE;
	}
	*year = (int)n;
	return -1;
}

/* May the year edition open at dest, after the latest one?  Returns -1,
 * or the exit status after an error. */
static int
newed_place(const struct report *r, int year, const char *dest)
{
	const struct edition *last = &r->eds[r->neds - 1];
	struct pos	 p = { dest, 0, 0 };

	if (year <= last->year) {
		diag_msg(DIAG_ERROR, &p, MSG_NOT_AFTER_LATEST, last->year);
		return EXIT_USAGE;
	}
	if (year > r->plan.end + MAX_EXPOST) {
		p.file = r->plan.file;
		diag_msg(DIAG_ERROR, &p, MSG_AFTER_PLAN_END, year, MAX_EXPOST,
		    r->plan.end);
		return EXIT_CONTENT;
	}
	if (access(dest, F_OK) == 0 || errno != ENOENT) {
		diag_msg(DIAG_ERROR, &p, MSG_EXISTS);
		return EXIT_USAGE;
	}
	return -1;
}

/* The edition folder in tmp: edition.xml from the last one's, each text
 * started from last year's.  Returns an exit status. */
static int
newed_texts(const struct report *r, const struct edition *last, int year,
    const char *tmp, struct buf *b)
{
	struct pos	 p = { last->file, 0, 0 };
	const struct part *pt;
	char		*rel;
	size_t		 i;
	int		 ok;

	if (!new_edition_xml(last, year, b)) {
		diag_msg(DIAG_ERROR, &p, MSG_NO_EDITION_TAG);
		return EXIT_CONTENT;
	}
	if (!put_buf(tmp, "edition.xml", b))
		return EXIT_SYSTEM;
	for (i = 0; i < r->plan.nmeasures; i++) {
		buf_reset(b);
		new_text(last->narr[i].file, last->year, year, b);
		rel = xasprintf("measures/%s.md", r->plan.measures[i].id);
		ok = put_buf(tmp, rel, b);
		free(rel);
		if (!ok)
			return EXIT_SYSTEM;
	}
	for (i = 0; i < last->nfront + last->nback; i++) {
		pt = i < last->nfront ? &last->front[i] :
		    &last->back[i - last->nfront];
		buf_reset(b);
		new_text(pt->doc.file, last->year, year, b);
		if (!put_buf(tmp, pt->file, b))
			return EXIT_SYSTEM;
	}
	return EXIT_OK;
}

/* The indicator file of m with its year assessment in a new file
 * beside it, e->tmp, read back.  Returns an exit status. */
static int
newed_indicator(const struct report *r, const struct measure *m,
    int prevyear, int year, struct edit *e)
{
	struct pos	 p = { m->ind_file, 0, 0 };
	struct buf	 b = { NULL, 0, 0 };
	int		 fd, rc = EXIT_SYSTEM;

	if (!new_assessment(&r->plan, m, prevyear, year, &b)) {
		diag_msg(DIAG_ERROR, &p, MSG_NO_ASSESSMENT_PLACE, year);
		rc = EXIT_CONTENT;
		goto out;
	}
	e->m = m;
	e->tmp = xasprintf("%s/indicators/.%s.xml.new-XXXXXX", r->content,
	    m->id);
	if ((fd = mkstemp(e->tmp)) == -1) {
		diag_sys_msg(MSG_CREATE, e->tmp, strerror(errno));
		free(e->tmp);
		e->tmp = NULL;
		goto out;
	}
	if (!write_close(fd, e->tmp, b.data ? b.data : "", b.len))
		goto out;
	if (!reread(e->tmp, &r->plan, m, year)) {
		diag_sys_msg(MSG_REREAD, m->ind_file, year);
		goto out;
	}
	rc = EXIT_OK;
out:
	buf_free(&b);
	return rc;
}

/* The edition tmp to dest, then each new indicator file over its old
 * one.  Returns 0 after diag_sys(). */
static int
newed_commit(char **tmp, const char *dest, struct edit *ed, size_t ned)
{
	size_t	 i;

	if (!move_into(*tmp, dest))
		return 0;
	free(*tmp);
	*tmp = NULL;
	for (i = 0; i < ned; i++) {
		if (!move_into(ed[i].tmp, ed[i].m->ind_file))
			return 0;
		free(ed[i].tmp);
		ed[i].tmp = NULL;
	}
	return 1;
}

int
newed_main(int argc, char *argv[])
{
	struct report	*r = NULL;
	const struct edition *last;
	struct edit	*ed = NULL;
	struct buf	 b = { NULL, 0, 0 };
	const char	*content = "content";
	char		*dest = NULL, *tmp = NULL;
	int		 year, rc;
	size_t		 i, ned = 0, nskip = 0, np;

	if ((rc = newed_opts(argc, argv, &content, &year)) != -1)
		return rc;
	rc = EXIT_SYSTEM;
	diag_init(DFORMAT_GCC, 0);
	xml_init();
	if ((r = report_load(content)) == NULL) {
		rc = EXIT_USAGE;
		goto out;
	}
	validate(r);
	if (diag_count(DIAG_ERROR) > 0) {
		fprintf(stderr, "%s: %zu error(s) in %s: nothing written\n",
		    PROGNAME, diag_count(DIAG_ERROR), content);
		rc = EXIT_CONTENT;
		goto out;
	}
	last = &r->eds[r->neds - 1];
	dest = xasprintf("%s/editions/%d", content, year);
	if ((rc = newed_place(r, year, dest)) != -1)
		goto out;
	rc = EXIT_SYSTEM;
	/* The edition folder, whole, beside its place. */
	if ((tmp = temp_beside(dest)) == NULL ||
	    (rc = newed_texts(r, last, year, tmp, &b)) != EXIT_OK)
		goto out;
	/* Each indicator file with its new assessment, read back before it
	 * replaces the old one. */
	ed = xcalloc(r->plan.nmeasures, sizeof(*ed));
	for (i = 0; i < r->plan.nmeasures; i++) {
		if (report_assessment(&r->plan.measures[i], year) != NULL)
			nskip++;	/* already there: left as it is */
		else if ((rc = newed_indicator(r, &r->plan.measures[i],
		    last->year, year, &ed[ned++])) != EXIT_OK)
			goto out;
	}
	/* Into place: the edition, then each indicator file. */
	rc = EXIT_SYSTEM;
	if (!newed_commit(&tmp, dest, ed, ned))
		goto out;
	np = last->nfront + last->nback;
	fprintf(stderr, "%s: created %s (draft, from %d): %zu narrative%s and "
	    "%zu part%s to write; %zu assessment%s added", PROGNAME, dest,
	    last->year, r->plan.nmeasures, r->plan.nmeasures == 1 ? "" : "s",
	    np, np == 1 ? "" : "s", ned, ned == 1 ? "" : "s");
	if (nskip > 0)
		fprintf(stderr, ", %zu already there", nskip);
	fprintf(stderr, "; each text to write is marked %s\n", gap_marker());
	rc = EXIT_OK;
out:
	for (i = 0; i < ned; i++)
		if (ed[i].tmp != NULL) {
			unlink(ed[i].tmp);
			free(ed[i].tmp);
		}
	free(ed);
	if (tmp != NULL) {
		rm_tree(tmp);
		free(tmp);
	}
	free(dest);
	buf_free(&b);
	report_free(r);
	xml_cleanup();
	diag_finish();
	return rc;
}
