/*
 * Fuzz harness: the Markdown loader (md_load: cmark, images, typography)
 * on a measure's narrative, then the checks and a walk of the model.
 * The content folder holds img.png and texte.png for image links.
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

	path = fuzz_write("editions/2016/measures/m01.md", data, size);
	md_load(r, r->ar, &r->eds[0].narr[0], path);
	fuzz_done(r);
	return 0;
}
