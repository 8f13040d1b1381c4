/*
 * Shared by the fuzz harnesses (tests/fuzz/fuzz-*.c).  Each harness is
 * built twice: with libFuzzer (`make fuzz`, clang) and with replay.c, a
 * plain main() that runs the harness over files, so that `make test`
 * replays the seed corpora and the crashes once found
 * (tests/fuzz/regress/<harness>/) with the normal compiler.
 * Include "report.h", "extern.h" first.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The libFuzzer entry points every harness defines. */
int	 LLVMFuzzerInitialize(int *, char ***);
int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Once per process: diagnostics kept quiet (JSON, stdout to /dev/null),
 * and a scratch content folder made, removed at exit.  It holds
 * img.png (a valid 1 x 1 PNG), texte.png (not a PNG), and the folders
 * indicators/ and editions/2016/measures/. */
void		 fuzz_setup(void);
/* Writes size bytes to rel inside the content folder; returns its path
 * (static storage, valid until the next call). */
const char	*fuzz_write(const char *rel, const uint8_t *, size_t);
/* A report over the scratch folder whose plan has one priority I with
 * one measure m01, period 2014-2016, data from 2012, and (edition set)
 * one 2016 edition with room for m01's narrative.  Free with
 * report_free(). */
struct report	*fuzz_report(int edition);
/* After each input: walks the model (tree dump), frees the report and
 * forgets the diagnostics. */
void		 fuzz_done(struct report *);

#endif /* FUZZ_H */
