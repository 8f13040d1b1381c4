/*
 * Fuzz harness: the indicator XML loader (xml_load_indicators), then the
 * cross-file checks and a walk of the model.  The input is the text of
 * indicators/m01.xml for a plan with one measure and a 2016 edition.
 */
#include <stdint.h>

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
	struct report	*r = fuzz_report(1);
	const char	*path;

	path = fuzz_write("indicators/m01.xml", data, size);
	xml_load_indicators(r, r->ar, &r->plan.measures[0], path);
	fuzz_done(r);
	return 0;
}
