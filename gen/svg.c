/* The SVG backend.  (Being written.) */
#include "report.h"
#include "extern.h"
#include "backend.h"

int
svg_edition(const struct report *r, const struct edition *e,
    const struct opts *o, struct outdir *od)
{
	return 1;
}
