/* Checks shared by llosim's own libconfig file kinds beside scenarios (calibration files, sweep
 * files): every problem is reported as `file:line: where: message` into a diagnostics list,
 * values are type- and range-checked, and integers the raw-text pass found too wide for 32 bits
 * are not reported twice. */
#ifndef LLO_FILE_CHECKS_H
#define LLO_FILE_CHECKS_H

#include <libconfig.h>
#include <stdarg.h>
#include <stddef.h>

#include "config/scenario_loader.h"

typedef struct llo_file_checks {
    const char *path;      /* the file, as the user named it */
    llo_diag *d;
    const llo_text *text;  /* its raw-text pass (too-wide integer literals) */
} llo_file_checks;

void llo_check_complain(const llo_file_checks *f, int line, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void llo_check_vcomplain(const llo_file_checks *f, int line, const char *where, const char *fmt, va_list ap);
int llo_check_line(const config_setting_t *n);
/* Unknown key n: names the nearest of the known keys. */
void llo_check_unknown_key(const llo_file_checks *f, const config_setting_t *n, const char *where, const char *const *known,
                           size_t n_known);
/* Each returns 0, or -1 after reporting the problem. */
int llo_check_number(const llo_file_checks *f, const config_setting_t *n, const char *where, double *out);
int llo_check_int(const llo_file_checks *f, const config_setting_t *n, const char *where, long long lo, long long hi,
                  long long *out);
int llo_check_bool(const llo_file_checks *f, const config_setting_t *n, const char *where, int *out);
/* The string, or NULL after reporting that n is not one. */
const char *llo_check_string(const llo_file_checks *f, const config_setting_t *n, const char *where);

/* Names target relative to the file `from`, as an @include does (an absolute target stays as it
 * is): into out, n bytes. Returns 0, or -1 when out is too short. */
int llo_check_resolve_path(const char *from, const char *target, char *out, size_t n);

/* A file's default name: its base name without `suffix`, made safe as a folder name (letters,
 * digits, '.', '_', '-'; others become '_'; no leading dot); `fallback` if nothing is left. */
void llo_check_file_name(const char *path, const char *suffix, const char *fallback, char *name, size_t n);

/* Reads the file f->path: its raw text is scanned (too-wide integers are reported), it is parsed
 * by libconfig (a syntax error is reported with its line), and apply(ctx, root) checks and takes
 * the settings, with f->text valid meanwhile. Problems go to f->d; it returns how many. */
typedef void (*llo_check_apply_fn)(void *ctx, const config_setting_t *root);
int llo_check_read_file(llo_file_checks *f, llo_check_apply_fn apply, void *ctx);

#endif
