/*
 * Fuzz harness: the plan and edition loaders.  Every input is read both
 * as plan.xml and as an edition.xml (each schema refuses the other's
 * documents early), then checked and walked.
 */
#include <stdint.h>
#include <stdlib.h>

#include "report.h"
#include "extern.h"
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct report	*r, *base;
	struct edition	*e;
	const char	*path;

	/* A report with an empty plan, as report_load() starts one. */
	base = fuzz_report(0);
	r = xcalloc(1, sizeof(*r));
	r->ar = base->ar;
	r->content = base->content;
	free(base);
	path = fuzz_write("plan.xml", data, size);
	xml_load_plan(r, path);

	r->eds = arena_array(r->ar, 1, sizeof(*r->eds));
	e = &r->eds[0];
	e->year = 2016;
	e->narr = arena_array(r->ar, r->plan.nmeasures, sizeof(*e->narr));
	path = fuzz_write("editions/2016/edition.xml", data, size);
	if (xml_load_edition(r, e, path))
		r->neds = 1;
	fuzz_done(r);
	return 0;
}
