/*
 * Unit tests of the model's lookups (gen/report.c): every pair of
 * statuses through report_change(), the one judgement of whether a
 * measure improved that the site, the PDF and the review share.  Prints
 * "ok - NAME" or "not ok - NAME" lines, the way tests/run.sh counts them.
 */
#include <stdio.h>

#include "report.h"
#include "extern.h"

int
main(void)
{
	/* want[prev][now]: S same, B better, W worse, O other. */
	static const char *const want[STATUS__MAX] = {
		"SWWWO",	/* from STATUS_IMPLEMENTED */
		"BSWWO",	/* from STATUS_PARTIAL */
		"BBSWO",	/* from STATUS_IN_PROGRESS */
		"BBBSO",	/* from STATUS_NOT_IMPLEMENTED */
		"OOOOS",	/* from STATUS_NOT_ASSESSED */
	};
	static const char code[CHANGE__MAX] = {
		'S',	/* CHANGE_SAME */
		'B',	/* CHANGE_BETTER */
		'W',	/* CHANGE_WORSE */
		'O',	/* CHANGE_OTHER */
	};
	int	 a, b, bad = 0;

	for (a = 0; a < STATUS__MAX; a++)
		for (b = 0; b < STATUS__MAX; b++)
			if (code[report_change(a, b)] != want[a][b]) {
				printf("#   %s -> %s: got %c, want %c\n",
				    status_code[a], status_code[b],
				    code[report_change(a, b)], want[a][b]);
				bad++;
			}
	printf("%s - report_change: all 25 pairs of statuses\n",
	    bad ? "not ok" : "ok");
	return bad != 0;
}
