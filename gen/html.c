/* The HTML backend.  (Being written.) */
#include "report.h"
#include "extern.h"
#include "backend.h"

int
html_edition(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od)
{
	return 1;
}

int
html_index(const struct report *r, const struct opts *o, struct outdir *od)
{
	return 1;
}
