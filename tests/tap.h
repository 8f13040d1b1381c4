/*
 * The unit tests' one way to report: a TAP line per check, "ok - name"
 * or "not ok - name" and a detail, as tests/run.sh counts them.  Each
 * test program includes it once; main() returns failures != 0.
 */
#ifndef TAP_H
#define TAP_H

#include <stdio.h>

static int	 failures;

static void
ok(int cond, const char *name, const char *detail)
{
	if (cond)
		printf("ok - %s\n", name);
	else {
		printf("not ok - %s\n", name);
		if (detail != NULL)
			printf("#   %s\n", detail);
		failures++;
	}
}

#endif /* TAP_H */
