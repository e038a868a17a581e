/* The raw-text pass of the scenario loader, internal to scenario.c: what must be looked at before
 * libconfig sees a file, because libconfig 1.5 would misreport it (a BOM is a bare "syntax
 * error"), silently get it wrong (integers past 32 bits wrap) or kill the process (@include of a
 * directory calls exit(2)). See ENGINEERING.md, "libconfig 1.5 traps". */
#ifndef LLO_SCENARIO_TEXT_H
#define LLO_SCENARIO_TEXT_H

#include <stddef.h>
#include "config/scenario.h"

#define LLO_INCLUDE_TARGET_MAX 1024

/* One `@include "target"` line, in the order found. */
typedef struct llo_include_ref {
    int line;
    char target[LLO_INCLUDE_TARGET_MAX];
} llo_include_ref;

/* An integer literal libconfig would store wrongly: past 32 bits without an L suffix, or past
 * 64 bits at all. */
typedef struct llo_wide_literal {
    int line;                 /* line in the scanned text */
    int beyond_64;            /* too large even for int64 */
    char text[64];            /* the literal as written (cut if longer) */
    char key[64];             /* the key assigned last before it, to name the setting */
    int ordinal;              /* how many numbers came between that key and it: the list index */
} llo_wide_literal;

/* A scanned text, ready for config_read_string. */
typedef struct llo_text {
    char *buf;                /* NUL-terminated; @include directives blanked, line count kept */
    size_t len;
    llo_include_ref *includes;
    int n_includes;
    llo_wide_literal *wide;
    int n_wide;
    int has_settings;         /* anything besides blanks, comments and includes */
    int trailing_comma_line;  /* first line with a comma right before ] or ), else 0 */
} llo_text;

/* Reads all of an open regular file into a NUL-terminated malloc'd buffer. Returns 0 or an
 * errno value (EISDIR for a directory, EFBIG past a sane size). */
int llo_text_read_fd(int fd, char **buf, size_t *len);

/* What an error of llo_text_read_fd means, in the user's words: EINVAL (not a regular file) and
 * EFBIG (past the size limit) get their own explanation, the rest strerror's. */
const char *llo_text_strerror(int err);

/* Scans buf (t takes ownership), adding raw-text problems to d as "file:line: message". When
 * fixed_line > 0 every message uses it (the text of a --set override). @include lines are
 * refused unless allow_includes. Returns 0 when the text may be parsed, -1 when it must not
 * (an empty file, a NUL byte). t must be freed with llo_text_free either way. */
int llo_text_scan(llo_text *t, char *buf, size_t len, const char *file, int fixed_line, int allow_includes,
                  llo_diag *d);

void llo_text_free(llo_text *t);

#endif
