/* Loading a scenario: libconfig files with @include of shared bases, layered, validated against
 * the settings table, with every problem reported as `file:line: setting: message`. */
#ifndef LLO_SCENARIO_H
#define LLO_SCENARIO_H

#include <stddef.h>
#include "config/params.h"
#include "config/settings.h"

#define LLO_DIAG_MAX 64
#define LLO_DIAG_LEN 512

/* Collected problems, in the order found. Only the first LLO_DIAG_MAX are kept; `dropped`
 * counts the rest so the user is told how many more there are. */
typedef struct llo_diag {
    char msg[LLO_DIAG_MAX][LLO_DIAG_LEN];
    int count;
    int dropped;
} llo_diag;

/* Adds one formatted message. */
void llo_diag_add(llo_diag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Where a setting's effective value came from. line 0 means "the default". For --set
 * overrides, file is "--set" and line is the override's position (1 = first). */
typedef struct llo_origin {
    char file[256];
    int line;
} llo_origin;

/* A loaded scenario: the resolved parameters and where each came from. */
typedef struct llo_scenario {
    llo_params params;
    char path[4096];                      /* the top-level file as given */
    llo_origin origin[LLO_MAX_SETTINGS];  /* indexed like the settings table */
    int given_len[LLO_MAX_SETTINGS];      /* list length as last given (lists only) */
} llo_scenario;

/* Loads `path`, applies the overrides `sets[0..n_sets)` (each "PATH=VALUE", VALUE in libconfig
 * syntax, e.g. run.months=24, regions.unemployment=[0.03,0.04,0.03,0.03], name="x"), and
 * validates the result. Layers apply in this order: the files a file @includes (in the order
 * of their @include lines, each recursively), then the file's own settings, then the overrides
 * in order; a later layer overrides an earlier one.
 *
 * On success returns 0 and fills s; if the scenario sets no name, params.name becomes the
 * file's base name without ".cfg". On failure returns the number of problems (> 0), each
 * added to d as "file:line: setting: message" (or "file: message" where no line applies),
 * and s is unspecified. d must be zeroed before the first call; messages are appended to what it
 * holds, and the return value counts only this call's problems. Never writes anything, never
 * exits. */
int llo_scenario_load(llo_scenario *s, const char *path, const char *const *sets, int n_sets, llo_diag *d);

/* Adds a message located at the origin of setting `path` ("file:line: path: ..."). For use by
 * checks outside the loader, such as the memory estimate. */
void llo_scenario_complain(const llo_scenario *s, llo_diag *d, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The name among names[0..n) that `given` most likely meant (within a few typing mistakes), or
 * NULL when none is close. */
const char *llo_nearest_name(const char *given, const char *const *names, size_t n);

/* The setting path `given` most likely meant, or NULL: the nearest path of the settings table,
 * else one with the same last component in another group. */
const char *llo_setting_suggest(const char *given);

#endif
