/* What the fuzz harnesses share. Each harness defines LLVMFuzzerTestOneInput over one of
 * llosim's readers; it is built twice: with libFuzzer (`make fuzz`, clang) to search for new
 * inputs, and with driver.c (any compiler) to replay the committed corpus and every past crash
 * as a test of `make test`. A harness aborts on anything the reader must never do (a crash, a
 * sanitizer report, a resolved scenario that does not reload to the same text); a refusal with
 * messages is a normal outcome. */
#ifndef LLO_FUZZ_H
#define LLO_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A private folder for the files a harness writes (the readers take paths, not buffers),
 * made once per process and removed at exit. It holds `base.cfg`, a small valid scenario that
 * inputs may @include or name as their scenario, and `baseline.cfg` and `base/`, links to the
 * shipped ones, so the shipped scenarios load there as they are. */
const char *llo_fuzz_dir(void);

/* Writes size bytes to llo_fuzz_dir()/name and returns the path (static storage). */
const char *llo_fuzz_write(const char *name, const uint8_t *data, size_t size);

/* Aborts with a message: what a harness does when a promise is broken. */
void llo_fuzz_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
