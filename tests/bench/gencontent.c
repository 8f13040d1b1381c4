/*
 * Synthetic content for the benchmark: a plan of 23 x K measures, its
 * indicator files and two yearly editions (2015, 2016) with a French-like
 * narrative of about 350 words per measure and year.
 *
 *	gencontent [-s seed] K DIR
 *
 * writes DIR/plan.xml, DIR/indicators/mNN.xml and DIR/editions/YYYY/...
 * (DIR must not exist yet).  The output depends only on K and the seed:
 * our own generator (splitmix64), no rand(), no clock, no locale.  Each
 * file draws from a generator seeded by its own name, so measure m05 reads
 * the same whatever K is.  The content passes `rapporteur check --werror`
 * (tests/t-benchgen.sh checks it).
 */
#include <sys/stat.h>

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define FIRST_YEAR	2015	/* editions 2015 and 2016 */
#define LAST_YEAR	2016
#define DATA_FROM	2010

/* ---- output ---- */

struct str {
	char	*p;
	size_t	 len, cap;
};

static void
die(const char *what)
{
	fprintf(stderr, "gencontent: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void
sput(struct str *s, const char *t, size_t n)
{
	if (s->len + n + 1 > s->cap) {
		s->cap = (s->len + n + 1) * 2;
		if ((s->p = realloc(s->p, s->cap)) == NULL)
			die("realloc");
	}
	memcpy(s->p + s->len, t, n);
	s->len += n;
	s->p[s->len] = '\0';
}

static void
sputs(struct str *s, const char *t)
{
	sput(s, t, strlen(t));
}

static void
sprintf_(struct str *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sprintf_(struct str *s, const char *fmt, ...)
{
	va_list	 ap;
	char	 tmp[4096];
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		fprintf(stderr, "gencontent: line too long\n");
		exit(1);
	}
	sput(s, tmp, (size_t)n);
}

/* Text in XML character data or a double-quoted attribute. */
static void
sputx(struct str *s, const char *t)
{
	for (; *t != '\0'; t++)
		switch (*t) {
		case '&':
			sputs(s, "&amp;");
			break;
		case '<':
			sputs(s, "&lt;");
			break;
		case '>':
			sputs(s, "&gt;");
			break;
		case '"':
			sputs(s, "&quot;");
			break;
		default:
			sput(s, t, 1);
		}
}

static void
save(const char *dir, const char *rel, struct str *s)
{
	char	 path[4096];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", dir, rel);
	if ((f = fopen(path, "wb")) == NULL)
		die(path);
	if (fwrite(s->p, 1, s->len, f) != s->len || fclose(f) != 0)
		die(path);
	s->len = 0;
	if (s->p != NULL)
		s->p[0] = '\0';
}

static void
mkdir_(const char *dir, const char *rel)
{
	char	 path[4096];

	snprintf(path, sizeof(path), "%s%s%s", dir, rel[0] ? "/" : "", rel);
	if (mkdir(path, 0755) == -1)
		die(path);
}

/* ---- random numbers: splitmix64, the same on every machine ---- */

static uint64_t	 seed = 1;
static uint64_t	 rs;

static uint64_t
next(void)
{
	uint64_t z;

	z = (rs += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Seeds the generator from the global seed and a file's name. */
static void
reseed(const char *name)
{
	uint64_t h = 0xcbf29ce484222325ULL;	/* FNV-1a */

	for (; *name != '\0'; name++)
		h = (h ^ (unsigned char)*name) * 0x100000001b3ULL;
	rs = h ^ (seed * 0x9e3779b97f4a7c15ULL);
	(void)next();
}

/* 0 <= r < n */
static unsigned
rnd(unsigned n)
{
	return (unsigned)(next() % n);
}

/* true with probability pct/100 */
static int
chance(unsigned pct)
{
	return rnd(100) < pct;
}

static double
unif(void)
{
	return (double)(next() >> 11) / 9007199254740992.0;
}

#define PICK(a)	((a)[rnd(NELEM(a))])

/* ---- vocabulary ---- */

/* A subject, singular (0) or plural (1). */
struct subj {
	const char	*s;
	int		 pl;
};

static const struct subj subjects[] = {
	{ "Le ministère de l'Intérieur", 0 },
	{ "Le ministère de la Justice", 0 },
	{ "La MIPROF", 0 },
	{ "Le parquet", 0 },
	{ "L'inspection du travail", 0 },
	{ "L'Office central pour la répression de la traite", 0 },
	{ "Le comité de coordination", 0 },
	{ "Le réseau Ac.Sé", 0 },
	{ "Chaque préfecture", 0 },
	{ "Le gouvernement", 0 },
	{ "Les associations spécialisées", 1 },
	{ "Les services de police et de gendarmerie", 1 },
	{ "Les préfectures", 1 },
	{ "Les collectivités territoriales", 1 },
	{ "Les juridictions", 1 },
	{ "Les services de l'aide sociale à l'enfance", 1 },
	{ "Les centres d'hébergement", 1 },
	{ "Les magistrats référents", 1 },
};

static const char *const verbs[][2] = {
	{ "a engagé", "ont engagé" },
	{ "poursuit", "poursuivent" },
	{ "renforce", "renforcent" },
	{ "a publié", "ont publié" },
	{ "n'a pas encore mis en place", "n'ont pas encore mis en place" },
	{ "a étendu", "ont étendu" },
	{ "prévoit", "prévoient" },
	{ "a évalué", "ont évalué" },
	{ "coordonne", "coordonnent" },
	{ "soutient", "soutiennent" },
	{ "a réorganisé", "ont réorganisé" },
	{ "a expérimenté", "ont expérimenté" },
	{ "finance", "financent" },
	{ "a généralisé", "ont généralisé" },
};

static const char *const objects[] = {
	"un dispositif d'accueil sécurisé",
	"la formation des professionnels",
	"le repérage des victimes",
	"une circulaire d'application",
	"les moyens consacrés à l'accompagnement",
	"un protocole de coopération",
	"la collecte des données statistiques",
	"des actions de sensibilisation",
	"un guide pratique à l'usage des intervenants",
	"la protection des mineurs non accompagnés",
	"le suivi des procédures judiciaires",
	"l'hébergement des victimes",
	"l'accès au séjour des personnes exploitées",
	"les contrôles dans les secteurs à risque",
	"une permanence téléphonique nationale",
	"la saisie des avoirs criminels",
	"l'indemnisation des victimes",
	"la coopération avec les pays d'origine",
	"les parcours de sortie de la prostitution",
	"un référent dans chaque département",
};

static const char *const complements[] = {
	"dans plusieurs départements",
	"depuis l'adoption du plan",
	"en lien avec les associations",
	"sans calendrier précis",
	"à titre expérimental",
	"malgré des moyens limités",
	"au niveau national",
	"dans les zones frontalières",
	"avec le concours des collectivités",
	"selon les informations transmises au rapporteur",
	"sans évaluation publiée à ce jour",
	"dans le cadre d'une convention pluriannuelle",
	"pour l'ensemble des ressorts de cour d'appel",
	"auprès des publics les plus exposés",
};

static const char *const openers[] = {
	"En outre, ", "Toutefois, ", "Par ailleurs, ", "À ce stade, ",
	"De plus, ", "En pratique, ", "Cependant, ", "Dans l'ensemble, ",
	"Selon les données disponibles, ", "Au terme de l'année, ",
};

static const char *const judgements[] = {
	"la mesure reste très en deçà de ses objectifs",
	"les résultats sont encourageants mais fragiles",
	"aucune donnée ne permet d'en mesurer l'effet",
	"l'effort doit être poursuivi et financé",
	"le pilotage national fait encore défaut",
	"les acteurs de terrain restent peu informés",
	"la coordination entre administrations s'est améliorée",
	"le calendrier annoncé n'a pas été tenu",
};

static const char *const domains[] = {
	"https://www.legifrance.gouv.fr/jorf/id/JORFTEXT0000",
	"https://www.interieur.gouv.fr/publications/rapport-",
	"https://www.justice.gouv.fr/statistiques/note-",
	"https://www.cncdh.fr/publications/avis-",
	"https://www.senat.fr/rap/l16-",
	"https://www.assemblee-nationale.fr/dyn/rapports/r",
};

static const char *const sources[] = {
	"rapport annuel", "circulaire", "avis", "note statistique",
	"rapport d'information", "enquête nationale", "bilan d'activité",
};

static const char *const recos[] = {
	"Doter la mesure d'un pilote identifié, d'un calendrier et d'indicateurs de suivi",
	"Publier chaque année les données consolidées, ventilées par forme d'exploitation",
	"Garantir un financement pluriannuel aux associations qui accompagnent les victimes",
	"Former l'ensemble des professionnels concernés, dans chaque département",
	"Associer les victimes et les associations à l'évaluation du dispositif",
	"Étendre le dispositif aux victimes d'exploitation par le travail",
	"Harmoniser les pratiques des préfectures pour la délivrance des titres de séjour",
	"Désigner un magistrat référent dans chaque juridiction",
};

/* Measure titles: a verb, an object, sometimes a complement. */
static const char *const title_verbs[] = {
	"Renforcer", "Développer", "Améliorer", "Garantir", "Assurer",
	"Structurer", "Faciliter", "Évaluer", "Former à", "Sensibiliser à",
};

static const char *const title_objs[] = {
	"l'identification des victimes",
	"la protection des mineurs victimes",
	"l'accès aux droits des personnes exploitées",
	"la coopération judiciaire internationale",
	"la lutte contre l'exploitation par le travail",
	"l'hébergement sécurisé",
	"le démantèlement des réseaux",
	"la connaissance du phénomène",
	"l'accompagnement social et sanitaire",
	"la saisie des profits illicites",
	"la prévention dans les pays d'origine",
	"la coordination des acteurs publics",
};

static const char *const title_compls[] = {
	"", "", "", " sur l'ensemble du territoire", " en lien avec les associations",
	" dans les départements d'outre-mer", " au sein des services de l'État",
	" par des moyens dédiés",
};

static const char *const leads[] = {
	"MIPROF", "Ministère de l’Intérieur", "Ministère de la Justice",
	"Ministère des Affaires sociales", "Ministère du Travail",
	"Ministère des Affaires étrangères", "Ministère des Droits des femmes",
};

static const char *const partners[] = {
	"Associations spécialisées", "Collectivités territoriales",
	"Défenseur des droits", "Organisation internationale du travail",
	"Conseil national des barreaux",
};

/* ---- prose ---- */

static unsigned	 words;		/* words written by the prose helpers */

static unsigned
count_words(const char *s)
{
	unsigned n = 0;
	int	 in = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\n') {
			in = 0;
		} else if (!in) {
			in = 1;
			n++;
		}
	}
	return n;
}

static void
emit(struct str *s, const char *t)
{
	words += count_words(t);
	sputs(s, t);
}

static void
emitf(struct str *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
emitf(struct str *s, const char *fmt, ...)
{
	va_list	 ap;
	char	 tmp[2048];

	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	emit(s, tmp);
}

/* A Markdown link to a plausible public source. */
static void
link_to(struct str *s, int year)
{
	emitf(s, "[%s %d](%s%u)", PICK(sources), year, PICK(domains),
	    10000 + rnd(89999));
}

/* One sentence, with emphasis, a link or a number now and then. */
static void
sentence(struct str *s, int year)
{
	const struct subj *sj = &PICK(subjects);
	const char	*obj = PICK(objects);
	const char	*oldobj;
	char		 lower[256];

	if (chance(35)) {
		emit(s, PICK(openers));
		/* The subject goes lower case after an opener. */
		snprintf(lower, sizeof(lower), "%s", sj->s);
		if (strncmp(lower, "Le ", 3) == 0 || strncmp(lower, "La ", 3)
		    == 0 || strncmp(lower, "Les ", 4) == 0 ||
		    strncmp(lower, "L'", 2) == 0)
			lower[0] = 'l';
		else if (strncmp(lower, "Chaque", 6) == 0)
			lower[0] = 'c';
		emit(s, lower);
	} else
		emit(s, sj->s);
	emitf(s, " %s ", verbs[rnd(NELEM(verbs))][sj->pl]);
	switch (rnd(10)) {
	case 0:
		emitf(s, "*%s*", obj);
		break;
	case 1:
		emitf(s, "**%s**", obj);
		break;
	case 2:
		emitf(s, "le volet \"%s\"", obj);
		break;
	default:
		emit(s, obj);
	}
	emitf(s, " %s", PICK(complements));
	switch (rnd(8)) {
	case 0:
		emit(s, " (");
		link_to(s, year);
		emit(s, ")");
		break;
	case 1:
		emitf(s, " : %u personnes étaient concernées en %d",
		    20 + rnd(1800), year);
		break;
	case 2:
		oldobj = PICK(objects);
		emitf(s, " ; %s progresse de %u,%u %%", oldobj, 1 + rnd(30),
		    rnd(10));
		break;
	case 3:
		emitf(s, " ; %s", PICK(judgements));
		break;
	default:
		break;
	}
	emit(s, chance(8) ? " !" : ".");
}

static void
paragraph(struct str *s, int year, unsigned n)
{
	unsigned i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			emit(s, " ");
		sentence(s, year);
	}
	emit(s, "\n\n");
}

/* A bullet list, sometimes with a nested list under its first item. */
static void
bullets(struct str *s, int year)
{
	unsigned i, n = 3 + rnd(2);

	for (i = 0; i < n; i++) {
		emitf(s, "- %s %s", PICK(objects), PICK(complements));
		if (i == 0 && chance(50)) {
			emit(s, " :\n");
			emitf(s, "    - %u en %d ;\n", 10 + rnd(900), year - 1);
			emitf(s, "    - %u en %d ;\n", 10 + rnd(900), year);
			continue;
		}
		if (chance(20)) {
			emit(s, " (");
			link_to(s, year);
			emit(s, ")");
		}
		emit(s, i + 1 < n ? " ;\n" : ".\n");
	}
	emit(s, "\n");
}

static void
recommendations(struct str *s)
{
	unsigned i, n = 2 + rnd(2), first = rnd(NELEM(recos));

	for (i = 0; i < n; i++)
		emitf(s, "%u. %s.\n", i + 1, recos[(first + i * 3) %
		    NELEM(recos)]);
}

/* ---- the plan ---- */

/* The 23 measures of the real plan by group: priority, objective (0: none)
 * and measure count; repeated K times within each priority. */
struct group {
	int	 prio;		/* 0, 1, 2 */
	int	 has_obj;
	int	 n;
};

static const struct group groups[] = {
	{ 0, 1, 4 }, { 0, 1, 5 }, { 0, 1, 2 },
	{ 1, 1, 3 }, { 1, 1, 5 },
	{ 2, 0, 4 },
};

static const char *const prio_ids[] = { "I", "II", "III" };
static const char *const prio_titles[] = {
	"Identifier et accompagner les victimes de la traite",
	"Poursuivre et démanteler les réseaux de la traite",
	"Faire de la lutte contre la traite une politique publique à part entière",
};

static const char *const obj_titles[] = {
	"Identifier les victimes pour mieux les protéger",
	"Donner de la sécurité aux victimes",
	"Assurer une protection inconditionnelle des mineurs victimes",
	"Intensifier le démantèlement des réseaux",
	"Renforcer la coopération internationale",
	"Mieux connaître le phénomène",
};

static char **titles;		/* measure titles, by number - 1 */

static void
measure_title(char *buf, size_t size, unsigned num)
{
	char	 name[32];

	snprintf(name, sizeof(name), "title-%u", num);
	reseed(name);
	snprintf(buf, size, "%s %s%s", PICK(title_verbs), PICK(title_objs),
	    PICK(title_compls));
}

static void
mid(char *buf, size_t size, unsigned num)
{
	snprintf(buf, size, "m%02u", num);
}

static unsigned
gen_plan(const char *dir, unsigned k)
{
	struct str	 s = { NULL, 0, 0 };
	unsigned	 num = 0, rep, g, j, nobj[3] = { 0, 0, 0 };
	int		 prio;
	char		 id[32], title[512], name[32];

	titles = calloc(23 * (size_t)k + 1, sizeof(*titles));
	sputs(&s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<!-- Synthetic plan for the benchmark (tests/bench/gencontent). "
	    "-->\n");
	sprintf_(&s, "<plan start=\"2014\" end=\"%d\" data-from=\"%d\">\n",
	    LAST_YEAR, DATA_FROM);
	sprintf_(&s, "  <title>Plan d’action national contre la traite des "
	    "êtres humains (synthétique, %u mesures)</title>\n", 23 * k);
	sputs(&s, "  <short-title>Plan synthétique</short-title>\n"
	    "  <adopted>2014-05-14</adopted>\n");
	for (prio = 0; prio < 3; prio++) {
		sprintf_(&s, "\n  <priority id=\"%s\">\n    <title>%s</title>\n",
		    prio_ids[prio], prio_titles[prio]);
		for (rep = 0; rep < k; rep++)
			for (g = 0; g < NELEM(groups); g++) {
				if (groups[g].prio != prio)
					continue;
				if (groups[g].has_obj) {
					nobj[prio]++;
					sprintf_(&s, "    <objective id=\"%s.%u\">"
					    "\n      <title>%s</title>\n",
					    prio_ids[prio], nobj[prio],
					    obj_titles[(g + rep) %
					    NELEM(obj_titles)]);
				}
				for (j = 0; j < (unsigned)groups[g].n; j++) {
					num++;
					mid(id, sizeof(id), num);
					measure_title(title, sizeof(title),
					    num);
					titles[num - 1] = strdup(title);
					snprintf(name, sizeof(name), "plan-%u",
					    num);
					reseed(name);
					sprintf_(&s, "      <measure id=\"%s\" "
					    "number=\"%u\">\n        <title>",
					    id, num);
					sputx(&s, title);
					sputs(&s, "</title>\n");
					if (chance(80))
						sprintf_(&s, "        <lead>%s"
						    "</lead>\n", PICK(leads));
					if (chance(30))
						sprintf_(&s, "        <partner>"
						    "%s</partner>\n",
						    PICK(partners));
					sputs(&s, "      </measure>\n");
				}
				if (groups[g].has_obj)
					sputs(&s, "    </objective>\n");
			}
		sputs(&s, "  </priority>\n");
	}
	sputs(&s, "</plan>\n");
	save(dir, "plan.xml", &s);
	free(s.p);
	return num;
}

/* ---- indicators ---- */

/* Series indicators: id, label, unit. */
static const struct {
	const char	*id, *label, *unit;
} inds[] = {
	{ "victimes-identifiees", "Victimes identifiées par les services",
	  "personnes" },
	{ "victimes-accompagnees", "Victimes accompagnées", "personnes" },
	{ "places-hebergement", "Places d’hébergement dédiées", "places" },
	{ "procedures-ouvertes", "Procédures ouvertes par les parquets",
	  "procédures" },
	{ "condamnations", "Condamnations prononcées", "condamnations" },
	{ "professionnels-formes", "Professionnels formés", "personnes" },
	{ "financement", "Financement public consacré à la mesure", "€" },
	{ "titres-sejour", "Part des demandes de titre de séjour acceptées",
	  "%" },
	{ "signalements", "Signalements reçus", "signalements" },
	{ "controles", "Contrôles dans les secteurs à risque", "contrôles" },
	{ "mineurs-proteges", "Part des mineurs victimes mis à l’abri", "%" },
	{ "sessions-formation", "Sessions de formation organisées",
	  "sessions" },
	{ "credits-associations", "Crédits versés aux associations", "€" },
};

/* Breakdowns: a label, then category ids and labels. */
struct catset {
	const char	*id, *label;
	const char	*cid[5], *clabel[5];
};

static const struct catset catsets[] = {
	{ "formes-exploitation", "Victimes par forme d’exploitation",
	  { "sexuelle", "travail", "domestique", "delits", "mendicite" },
	  { "Exploitation sexuelle", "Travail forcé", "Servitude domestique",
	    "Contrainte à commettre des délits", "Mendicité forcée" } },
	{ "sexe", "Victimes par sexe",
	  { "femmes", "hommes", NULL, NULL, NULL },
	  { "Femmes", "Hommes", NULL, NULL, NULL } },
	{ "age", "Victimes par âge",
	  { "mineurs", "jeunes-majeurs", "adultes", NULL, NULL },
	  { "Mineurs", "18 à 25 ans", "Plus de 25 ans", NULL, NULL } },
	{ "origine", "Victimes par région d’origine",
	  { "europe", "afrique", "asie", "ameriques", NULL },
	  { "Europe", "Afrique", "Asie", "Amériques", NULL } },
};

static const char *const status_words[] = {
	"réalisée", "partiellement réalisée", "en cours", "non réalisée",
	"difficile à apprécier faute d'information",
};

static const char *const statuses[] = {
	"implemented", "partial", "partial", "in-progress", "in-progress",
	"not-implemented", "not-assessed",
};

static const char *const assess_texts[] = {
	"Des actions existent localement, mais sans stratégie nationale ni donnée consolidée.",
	"La mesure progresse ; les moyens annoncés n’ont pas encore été versés.",
	"Le dispositif fonctionne et accueille davantage de victimes, mais sa capacité reste inférieure aux besoins.",
	"Aucune action nationale identifiable au terme de l’année.",
	"Les textes d’application ont été publiés et les premiers effets sont visibles.",
	"L’information transmise au rapporteur ne permet pas d’apprécier la mise en œuvre.",
};

/* A number written the way the schema wants it: decimal point, no
 * grouping. */
static void
num_out(struct str *s, double v, int decimals)
{
	if (decimals > 0)
		sprintf_(s, "%.*f", decimals, v);
	else
		sprintf_(s, "%.0f", v);
}

static void
series_ind(struct str *s, unsigned which)
{
	const char	*unit = inds[which].unit;
	double		 v, scale;
	int		 y, y0, y1, dec = 0, first = 1;
	double		 basev = 0;
	int		 basey = 0;

	if (strcmp(unit, "%") == 0) {
		scale = 10 + unif() * 60;
		dec = 1;
	} else if (strcmp(unit, "€") == 0)
		scale = 50000 + rnd(2000000);
	else
		scale = 20 + rnd(2000);
	sprintf_(s, "  <indicator id=\"%s\" unit=\"%s\" direction=\"%s\"%s>\n",
	    inds[which].id, unit, chance(80) ? "higher" : "lower",
	    chance(40) ? " chart=\"bar\"" : chance(30) ? " chart=\"line\"" :
	    "");
	sprintf_(s, "    <label>%s</label>\n", inds[which].label);
	sprintf_(s, "    <definition>Nombre ou part mesuré chaque année, au "
	    "niveau national, pour l’indicateur « %s » ; périmètre constant "
	    "depuis %d.</definition>\n", inds[which].label, DATA_FROM);
	if (chance(80))
		sprintf_(s, "    <source url=\"%s%u\">%s, %s</source>\n",
		    PICK(domains), 10000 + rnd(89999), PICK(sources),
		    PICK(leads));
	else
		sprintf_(s, "    <source>%s, %s</source>\n", PICK(sources),
		    PICK(leads));
	y0 = DATA_FROM + (int)rnd(5);
	y1 = chance(70) ? LAST_YEAR : LAST_YEAR - 1;
	v = scale;
	if (chance(30)) {
		basey = y0;
		basev = v;
		sputs(s, "    <baseline year=\"");
		sprintf_(s, "%d\" value=\"", basey);
		num_out(s, basev, dec);
		sputs(s, "\"/>\n");
	}
	if (chance(30)) {
		sputs(s, "    <target year=\"2016\" value=\"");
		num_out(s, dec ? (v * 1.2 > 100 ? 95 : v * 1.2) :
		    v * 1.3, dec);
		sprintf_(s, "\"%s/>\n", chance(40) ? " illustrative=\"true\"" :
		    "");
	}
	if (chance(30))
		sputs(s, "    <note>Série reconstituée à partir des bilans "
		    "annuels ; la méthode de comptage a changé en 2014, d’où "
		    "une rupture de série.</note>\n");
	for (y = y0; y <= y1; y++) {
		if (!first && y < y1 && chance(10))
			continue;	/* a gap, never a zero */
		first = 0;
		sprintf_(s, "    <value year=\"%d\"", y);
		if (chance(10))
			sputs(s, " illustrative=\"true\"");
		if (chance(5))
			sputs(s, " note=\"environ\"");
		sputs(s, ">");
		num_out(s, v, dec);
		sputs(s, "</value>\n");
		v *= 0.85 + unif() * 0.35;
		if (dec && v > 99)
			v = 99;
	}
	sputs(s, "  </indicator>\n");
}

static void
category_ind(struct str *s, const struct catset *cs, int pct)
{
	unsigned	 n, i;
	int		 y, y0 = LAST_YEAR - (int)rnd(3);
	double		 share[5], sum = 0;

	for (n = 0; n < 5 && cs->cid[n] != NULL; n++)
		;
	sprintf_(s, "  <indicator id=\"%s\" unit=\"%s\" direction=\"higher\"%s>"
	    "\n", cs->id, pct ? "%" : "victimes", chance(50) ?
	    " chart=\"stacked\"" : "");
	sprintf_(s, "    <label>%s</label>\n", cs->label);
	sprintf_(s, "    <definition>Répartition des victimes suivies selon "
	    "le critère « %s ».</definition>\n", cs->label);
	sprintf_(s, "    <source url=\"%s%u\">%s, %s</source>\n", PICK(domains),
	    10000 + rnd(89999), PICK(sources), PICK(leads));
	for (i = 0; i < n; i++) {
		share[i] = 1 + unif() * 9;
		sum += share[i];
	}
	for (i = 0; i < n; i++) {
		sprintf_(s, "    <category id=\"%s\" label=\"%s\">\n",
		    cs->cid[i], cs->clabel[i]);
		for (y = y0; y <= LAST_YEAR; y++) {
			sprintf_(s, "      <value year=\"%d\"%s>", y,
			    chance(10) ? " illustrative=\"true\"" : "");
			if (pct)
				num_out(s, 100 * share[i] / sum, 1);
			else
				num_out(s, share[i] * (20 + rnd(100)), 0);
			sputs(s, "</value>\n");
		}
		sputs(s, "    </category>\n");
	}
	sputs(s, "  </indicator>\n");
}

static void
gen_indicators(const char *dir, unsigned num)
{
	struct str	 s = { NULL, 0, 0 };
	unsigned	 n, i, first, step;
	int		 y, usedcat = 0;
	char		 id[32], rel[64];

	mid(id, sizeof(id), num);
	reseed(id);
	sputs(&s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sprintf_(&s, "<indicators measure=\"%s\">\n", id);
	n = 1 + rnd(4);
	first = rnd(NELEM(inds));
	step = 1 + rnd(4);	/* distinct ids: 13 is prime */
	for (i = 0; i < n; i++) {
		if (!usedcat && chance(30)) {
			category_ind(&s, &catsets[rnd(NELEM(catsets))],
			    chance(60));
			usedcat = 1;
		} else
			series_ind(&s, (first + i * step) % NELEM(inds));
	}
	for (y = FIRST_YEAR; y <= LAST_YEAR; y++) {
		sprintf_(&s, "  <assessment year=\"%d\" status=\"%s\">", y,
		    PICK(statuses));
		sputx(&s, PICK(assess_texts));
		sputs(&s, "</assessment>\n");
	}
	sputs(&s, "</indicators>\n");
	snprintf(rel, sizeof(rel), "indicators/%s.xml", id);
	save(dir, rel, &s);
	free(s.p);
}

/* ---- editions ---- */

static void
gen_narrative(const char *dir, unsigned num, int year)
{
	struct str	 s = { NULL, 0, 0 };
	unsigned	 target;
	char		 id[32], rel[96];

	mid(id, sizeof(id), num);
	snprintf(rel, sizeof(rel), "editions/%d/measures/%s.md", year, id);
	reseed(rel);
	words = 0;
	target = 320 + rnd(60);
	emit(&s, "## L'engagement du plan\n\n");
	paragraph(&s, year, 2);
	emitf(&s, "> %s\n\n", titles[num - 1]);
	emitf(&s, "## Mise en œuvre en %d\n\n", year);
	paragraph(&s, year, 2 + rnd(2));
	bullets(&s, year);
	emit(&s, "## Analyse du rapporteur national\n\n");
	paragraph(&s, year, 2);
	/* Sentences until the narrative reaches its length; the
	 * recommendations (about 35 words) close it. */
	while (words + 35 < target) {
		sentence(&s, year);
		emit(&s, " ");
	}
	emitf(&s, "\n\nÀ l'échéance de l'année, la mesure demeure **%s**.\n\n",
	    PICK(status_words));
	emit(&s, "## Recommandations\n\n");
	recommendations(&s);
	save(dir, rel, &s);
	free(s.p);
}

static const struct {
	const char	*file, *title;
	int		 front;
	unsigned	 words;
} parts[] = {
	{ "avant-propos.md", "Avant-propos", 1, 300 },
	{ "synthese.md", "Synthèse et recommandations", 1, 600 },
	{ "methodologie.md", "Méthodologie", 0, 420 },
	{ "sources.md", "Sources et références", 0, 320 },
};

static void
gen_part(const char *dir, int year, unsigned i)
{
	struct str	 s = { NULL, 0, 0 };
	char		 rel[96];
	unsigned	 sec = 0;

	snprintf(rel, sizeof(rel), "editions/%d/%s", year, parts[i].file);
	reseed(rel);
	words = 0;
	while (words < parts[i].words) {
		emitf(&s, "## %s, section %u\n\n", parts[i].title, ++sec);
		paragraph(&s, year, 3 + rnd(2));
		if (sec % 2 == 1)
			bullets(&s, year);
		else
			paragraph(&s, year, 2);
	}
	save(dir, rel, &s);
	free(s.p);
}

static void
gen_edition(const char *dir, int year, unsigned nm)
{
	struct str	 s = { NULL, 0, 0 };
	unsigned	 i, num;
	char		 rel[64];

	snprintf(rel, sizeof(rel), "editions/%d", year);
	mkdir_(dir, rel);
	snprintf(rel, sizeof(rel), "editions/%d/measures", year);
	mkdir_(dir, rel);
	sputs(&s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sprintf_(&s, "<edition year=\"%d\" status=\"final\" "
	    "date=\"%d-07-06\">\n", year, year + 1);
	sputs(&s, "  <title>Évaluation de la mise en œuvre du plan d’action "
	    "national contre la traite des êtres humains</title>\n");
	sprintf_(&s, "  <subtitle>Rapport synthétique, année %d</subtitle>\n",
	    year);
	sputs(&s, "  <institution>Commission nationale consultative des "
	    "droits de l’homme (CNCDH), rapporteur national "
	    "indépendant</institution>\n"
	    "  <author>Commission nationale consultative des droits de "
	    "l’homme</author>\n");
	sputs(&s, "  <front>\n");
	for (i = 0; i < NELEM(parts); i++)
		if (parts[i].front)
			sprintf_(&s, "    <part file=\"%s\">%s</part>\n",
			    parts[i].file, parts[i].title);
	sputs(&s, "  </front>\n  <back>\n");
	for (i = 0; i < NELEM(parts); i++)
		if (!parts[i].front)
			sprintf_(&s, "    <part file=\"%s\">%s</part>\n",
			    parts[i].file, parts[i].title);
	sputs(&s, "  </back>\n</edition>\n");
	snprintf(rel, sizeof(rel), "editions/%d/edition.xml", year);
	save(dir, rel, &s);
	free(s.p);
	for (i = 0; i < NELEM(parts); i++)
		gen_part(dir, year, i);
	for (num = 1; num <= nm; num++)
		gen_narrative(dir, num, year);
}

int
main(int argc, char *argv[])
{
	unsigned long	 k;
	unsigned	 nm, num;
	char		*end;
	int		 ch, year;

	while ((ch = getopt(argc, argv, "s:")) != -1)
		switch (ch) {
		case 's':
			seed = strtoull(optarg, &end, 10);
			if (*end != '\0')
				goto usage;
			break;
		default:
			goto usage;
		}
	argc -= optind;
	argv += optind;
	if (argc != 2)
		goto usage;
	k = strtoul(argv[0], &end, 10);
	/* Measure ids stop at m9999. */
	if (*end != '\0' || k < 1 || 23 * k > 9999)
		goto usage;
	mkdir_(argv[1], "");
	mkdir_(argv[1], "indicators");
	mkdir_(argv[1], "editions");
	nm = gen_plan(argv[1], (unsigned)k);
	for (num = 1; num <= nm; num++)
		gen_indicators(argv[1], num);
	for (year = FIRST_YEAR; year <= LAST_YEAR; year++)
		gen_edition(argv[1], year, nm);
	for (num = 0; num < nm; num++)
		free(titles[num]);
	free(titles);
	return 0;
usage:
	fprintf(stderr, "usage: gencontent [-s seed] K DIR   (1 <= K <= 434)\n");
	return 2;
}
