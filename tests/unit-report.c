/*
 * Unit tests of the model's lookups (gen/report.c): every pair of
 * statuses through report_change(), the one judgement of whether a
 * measure improved that the site, the PDF and the review share, on the
 * CNCDH's scale and on a plan's own; the statuses a legend lists; the
 * numbers and labels of the plan's items (level_number(), level_label()).
 * Prints "ok - NAME" or "not ok - NAME" lines, the way tests/run.sh
 * counts them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"
#include "extern.h"
#include "tap.h"

/* A plan whose scale is the slots of order, best first. */
static void
scale(struct plan *pl, const enum status *order, size_t n)
{
	size_t	 i;

	memset(pl->status, 0, sizeof(pl->status));
	for (i = 0; i < n; i++) {
		pl->scale[i].id = status_code[order[i]];
		pl->scale[i].label = status_label[order[i]];
		pl->scale[i].slot = order[i];
		pl->status[order[i]] = &pl->scale[i];
	}
	pl->nscale = n;
}

static int
changes(const struct plan *pl, const char *const *want, const char *name)
{
	static const char code[CHANGE__MAX] = {
		'S',	/* CHANGE_SAME */
		'B',	/* CHANGE_BETTER */
		'W',	/* CHANGE_WORSE */
		'O',	/* CHANGE_OTHER */
	};
	int	 a, b, bad = 0;

	for (a = 0; a < STATUS__MAX; a++)
		for (b = 0; b < STATUS__MAX; b++)
			if (code[report_change(pl, a, b)] != want[a][b]) {
				printf("#   %s -> %s: got %c, want %c\n",
				    status_code[a], status_code[b],
				    code[report_change(pl, a, b)], want[a][b]);
				bad++;
			}
	printf("%s - report_change: all 25 pairs of statuses, %s\n",
	    bad ? "not ok" : "ok", name);
	return bad;
}

/* An id at the loader's limit, 64 bytes (once cut at 31). */
#define LONG_ID	"II.1-an-id-of-64-bytes-the-loaders-limit-written-whole-abcdefghi"

static int
number(const struct level *lv, int pos, const char *id, const char *want)
{
	char	*got = level_number(lv, pos, id);
	int	 bad = strcmp(got, want) != 0;

	if (bad)
		printf("#   %d (%s): got \"%s\", want \"%s\"\n", pos, id, got,
		    want);
	free(got);
	return bad;
}

int
main(void)
{
	/* want[prev][now]: S same, B better, W worse, O other. */
	static const char *const cncdh[STATUS__MAX] = {
		"SWWWO",	/* from STATUS_IMPLEMENTED */
		"BSWWO",	/* from STATUS_PARTIAL */
		"BBSWO",	/* from STATUS_IN_PROGRESS */
		"BBBSO",	/* from STATUS_NOT_IMPLEMENTED */
		"OOOOS",	/* from STATUS_NOT_ASSESSED */
	};
	/* A scale of three where "in progress" is best (an odd order, to
	 * show the order is the scale's, not the slots'). */
	static const char *const three[STATUS__MAX] = {
		"SWBWO",	/* from STATUS_IMPLEMENTED */
		"BSBBO",	/* from STATUS_PARTIAL: not in the scale */
		"WWSWO",	/* from STATUS_IN_PROGRESS */
		"BWBSO",	/* from STATUS_NOT_IMPLEMENTED */
		"OOOOS",	/* from STATUS_NOT_ASSESSED */
	};
	static const enum status all[] = { STATUS_IMPLEMENTED,
	    STATUS_PARTIAL, STATUS_IN_PROGRESS, STATUS_NOT_IMPLEMENTED,
	    STATUS_NOT_ASSESSED };
	static const enum status odd[] = { STATUS_IN_PROGRESS,
	    STATUS_IMPLEMENTED, STATUS_NOT_IMPLEMENTED };
	struct plan	*pl = calloc(1, sizeof(*pl));
	struct level	 roman = { "Priorité", "Priorités", "",
	    NUMBERING_ROMAN, 0, { NULL, 0, 0 } };
	struct level	 arabic = { "Action", "Actions", "n°",
	    NUMBERING_ARABIC, 0, { NULL, 0, 0 } };
	struct level	 asis = { "Objectif", "Objectifs", "",
	    NUMBERING_ID, 0, { NULL, 0, 0 } };
	size_t		 cnt[STATUS__MAX] = { 0, 0, 0, 0, 0 }, n;
	enum status	 out[STATUS__MAX];
	char		*l;
	int		 bad = 0;

	if (pl == NULL)
		return 1;
	scale(pl, all, 5);
	bad += changes(pl, cncdh, "the CNCDH's scale");
	scale(pl, odd, 3);
	bad += changes(pl, three, "a scale of three in its own order");
	failures += bad;

	n = scale_legend(pl, cnt, out);
	ok(n == 3 && out[0] == STATUS_IN_PROGRESS &&
	    out[2] == STATUS_NOT_IMPLEMENTED,
	    "scale_legend: the scale's statuses in its order, zero counts "
	    "included", NULL);
	cnt[STATUS_NOT_ASSESSED] = 2;
	n = scale_legend(pl, cnt, out);
	ok(n == 4 && out[3] == STATUS_NOT_ASSESSED,
	    "scale_legend: measures not assessed listed when there are some",
	    NULL);
	scale(pl, all, 5);
	ok(scale_legend(pl, cnt, out) == 5,
	    "scale_legend: the CNCDH's five, not-assessed once", NULL);

	bad = 0;
	bad += number(&roman, 1, "I", "I");
	bad += number(&roman, 4, "IV", "IV");
	bad += number(&roman, 11, "XI", "XI");
	bad += number(&roman, 14, "XIV", "XIV");
	bad += number(&roman, 49, "XLIX", "XLIX");
	bad += number(&roman, 1994, "x", "MCMXCIV");
	bad += number(&arabic, 12, "x", "12");
	bad += number(&asis, 3, "II.1", "II.1");
	bad += number(&asis, 3, LONG_ID, LONG_ID);
	ok(bad == 0, "level_number: roman past X, arabic, ids as written "
	    "(64 bytes too)", NULL);

	pl->levels[0] = roman;
	pl->levels[1] = arabic;
	pl->nlevels = 2;
	l = level_label(pl, 0, "XI", " ");
	ok(strcmp(l, "Priorité XI") == 0, "level_label: Priorité XI", l);
	free(l);
	l = level_label(pl, 1, "3", "\xc2\xa0");
	ok(strcmp(l, "Action\xc2\xa0n°\xc2\xa0" "3") == 0,
	    "level_label: Action n° 3, the word before the number and "
	    "no-break spaces", l);
	free(l);
	free(pl);
	return failures != 0;
}
