/*
 * gen/rapporteur with the process locale taken from the environment
 * (setlocale(LC_ALL, "")), as a program embedding the generator's code
 * might do.  tests/t-locale.sh runs it under LC_ALL=fr_FR.UTF-8, where
 * the C library reads and writes numbers with a decimal comma, and
 * compares its output with gen/rapporteur's under the C locale.
 * gen/main.c is compiled with main renamed rapporteur_main.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int	 rapporteur_main(int, char *[]);

int
main(int argc, char *argv[])
{
	struct lconv	*lc;

	if (setlocale(LC_ALL, "") == NULL) {
		fprintf(stderr, "locale-main: setlocale: the locale of the "
		    "environment is not installed\n");
		return 77;
	}
	/* A test under a locale that writes numbers as C does proves
	 * nothing: refuse it. */
	lc = localeconv();
	if (getenv("LOCALE_MAIN_COMMA") != NULL &&
	    strcmp(lc->decimal_point, ",") != 0) {
		fprintf(stderr, "locale-main: the decimal mark is \"%s\", "
		    "not a comma\n", lc->decimal_point);
		return 77;
	}
	return rapporteur_main(argc, argv);
}
