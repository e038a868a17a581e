/* Checks shared by calibration and sweep files (file_checks.h). */
#include "analysis/file_checks.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void llo_check_vcomplain(const llo_file_checks *f, int line, const char *where, const char *fmt, va_list ap)
{
    char msg[LLO_DIAG_LEN], at[32] = "";
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (line > 0) snprintf(at, sizeof at, ":%d", line);
    if (where) llo_diag_add(f->d, "%s%s: %s: %s", f->path, at, where, msg);
    else llo_diag_add(f->d, "%s%s: %s", f->path, at, msg);
}

void llo_check_complain(const llo_file_checks *f, int line, const char *where, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    llo_check_vcomplain(f, line, where, fmt, ap);
    va_end(ap);
}

int llo_check_line(const config_setting_t *n) { return (int)config_setting_source_line(n); }

/* Whether the raw-text pass already reported the integer on this node's line as too wide. */
static int is_wide(const llo_file_checks *f, const config_setting_t *n)
{
    for (int k = 0; k < f->text->n_wide; k++)
        if (f->text->wide[k].line == llo_check_line(n)) return 1;
    return 0;
}

void llo_check_unknown_key(const llo_file_checks *f, const config_setting_t *n, const char *where, const char *const *known,
                           size_t n_known)
{
    const char *near = llo_nearest_name(config_setting_name(n), known, n_known);
    if (near) llo_check_complain(f, llo_check_line(n), where, "unknown key; did you mean %s?", near);
    else llo_check_complain(f, llo_check_line(n), where, "unknown key");
}

int llo_check_number(const llo_file_checks *f, const config_setting_t *n, const char *where, double *out)
{
    int t = config_setting_type(n);
    char got[96];
    if (t == CONFIG_TYPE_INT) *out = config_setting_get_int(n);
    else if (t == CONFIG_TYPE_INT64) *out = (double)config_setting_get_int64(n);
    else if (t == CONFIG_TYPE_FLOAT) *out = config_setting_get_float(n);
    else {
        llo_node_describe(n, got, sizeof got);
        llo_check_complain(f, llo_check_line(n), where, "expected a number, got %s", got);
        return -1;
    }
    if (is_wide(f, n)) return -1;
    if (!isfinite(*out)) {
        llo_node_describe(n, got, sizeof got);
        llo_check_complain(f, llo_check_line(n), where, "value is not finite (%s)", got);
        return -1;
    }
    return 0;
}

int llo_check_int(const llo_file_checks *f, const config_setting_t *n, const char *where, long long lo, long long hi,
                  long long *out)
{
    int t = config_setting_type(n);
    char got[96];
    if (t == CONFIG_TYPE_INT) *out = config_setting_get_int(n);
    else if (t == CONFIG_TYPE_INT64) *out = config_setting_get_int64(n);
    else {
        llo_node_describe(n, got, sizeof got);
        llo_check_complain(f, llo_check_line(n), where, "expected an integer, got %s", got);
        return -1;
    }
    if (is_wide(f, n)) return -1;
    if (*out < lo || *out > hi) {
        llo_check_complain(f, llo_check_line(n), where, "%lld is outside [%lld, %lld]", *out, lo, hi);
        return -1;
    }
    return 0;
}

int llo_check_bool(const llo_file_checks *f, const config_setting_t *n, const char *where, int *out)
{
    if (config_setting_type(n) != CONFIG_TYPE_BOOL) {
        char got[96];
        llo_node_describe(n, got, sizeof got);
        llo_check_complain(f, llo_check_line(n), where, "expected true or false, got %s", got);
        return -1;
    }
    *out = config_setting_get_bool(n);
    return 0;
}

const char *llo_check_string(const llo_file_checks *f, const config_setting_t *n, const char *where)
{
    if (config_setting_type(n) != CONFIG_TYPE_STRING) {
        char got[96];
        llo_node_describe(n, got, sizeof got);
        llo_check_complain(f, llo_check_line(n), where, "expected a string in double quotes, got %s", got);
        return NULL;
    }
    return config_setting_get_string(n);
}

int llo_check_read_file(llo_file_checks *f, llo_check_apply_fn apply, void *ctx)
{
    int before = f->d->count + f->d->dropped;
    /* O_NONBLOCK: a FIFO would otherwise block the open forever (llo_text_read_fd refuses it). */
    int fd = open(f->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    char *buf = NULL;
    size_t len = 0;
    int err = fd < 0 ? errno : llo_text_read_fd(fd, &buf, &len);
    if (fd >= 0) close(fd);
    if (err) {
        llo_diag_add(f->d, "%s: cannot read: %s", f->path, llo_text_strerror(err));
        return f->d->count + f->d->dropped - before;
    }
    llo_text text;
    f->text = &text;
    if (llo_text_scan(&text, buf, len, f->path, 0, 0, f->d) == 0) {
        for (int k = 0; k < text.n_wide; k++) {
            const llo_wide_literal *w = &text.wide[k];
            if (w->beyond_64) llo_check_complain(f, w->line, w->key, "integer %s does not fit in 64 bits", w->text);
            else llo_check_complain(f, w->line, w->key, "integer %s does not fit in 32 bits; write it as %sL", w->text, w->text);
        }
        config_t cfg;
        config_init(&cfg);
        if (!config_read_string(&cfg, text.buf)) {
            const char *e = config_error_text(&cfg);
            if (text.trailing_comma_line > 0 && text.trailing_comma_line <= config_error_line(&cfg))
                llo_check_complain(f, text.trailing_comma_line, NULL,
                                   "syntax error: a comma after the last element of a list or array; remove it");
            else
                llo_check_complain(f, config_error_line(&cfg), NULL, "syntax error%s%s",
                                   strcmp(e, "syntax error") ? ": " : "", strcmp(e, "syntax error") ? e : "");
        } else {
            apply(ctx, config_root_setting(&cfg));
        }
        config_destroy(&cfg);
    }
    llo_text_free(&text);
    f->text = NULL;
    return f->d->count + f->d->dropped - before;
}

int llo_check_resolve_path(const char *from, const char *target, char *out, size_t n)
{
    const char *slash = strrchr(from, '/');
    int dir_len = target[0] == '/' || !slash ? 0 : (int)(slash - from + 1);
    int w = snprintf(out, n, "%.*s%s", dir_len, from, target);
    return w >= 0 && (size_t)w < n ? 0 : -1;
}

void llo_check_file_name(const char *path, const char *suffix, const char *fallback, char *name, size_t n)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t len = strlen(base), sl = strlen(suffix);
    if (len > sl && !strcmp(base + len - sl, suffix)) len -= sl;
    if (len > n - 1) len = n - 1;
    for (size_t k = 0; k < len; k++) {
        char ch = base[k];
        name[k] = isalnum((unsigned char)ch) || ch == '.' || ch == '_' || ch == '-' ? ch : '_';
    }
    name[len] = '\0';
    if (name[0] == '.') name[0] = '_';
    if (!name[0]) snprintf(name, n, "%s", fallback);
}
