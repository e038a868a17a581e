/* The scenario loader (see scenario.h): messages, files and their @includes, overrides, and
 * the order of the layers. Each file is checked as raw text first (scenario_text.c), the files
 * it includes are loaded before it, and then its parsed tree is applied (scenario_apply.c). We
 * resolve @include ourselves because libconfig 1.5 resolves it against the working directory,
 * does not name a missing file, and exits the process on a directory. */
#include "config/scenario.h"
#include "config/scenario_loader.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Origin file name for a setting nobody set. */
#define DEFAULT_ORIGIN "default"

void llo_diag_add(llo_diag *d, const char *fmt, ...)
{
    if (d->count >= LLO_DIAG_MAX) {
        d->dropped++;
        return;
    }
    char raw[LLO_DIAG_LEN];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(raw, sizeof raw, fmt, ap);
    va_end(ap);
    /* A file or setting name may hold control characters (a newline in a file name, an escape
     * sequence): shown raw they would split the one-line "file:line: message" or drive the
     * terminal, so they are shown as \xNN. */
    char *out = d->msg[d->count];
    size_t o = 0;
    for (const char *p = raw; *p && o + 5 < LLO_DIAG_LEN; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 || c == 0x7f) o += (size_t)snprintf(out + o, LLO_DIAG_LEN - o, "\\x%02x", c);
        else out[o++] = (char)c;
    }
    out[o] = '\0';
    d->count++;
}

/* Adds "file:line: path: message"; the line is left out when <= 0, the path when NULL. */
static void vcomplain(llo_diag *d, const char *file, int line, const char *path, const char *fmt, va_list ap)
{
    char msg[LLO_DIAG_LEN], where[64] = "";
    vsnprintf(msg, sizeof msg, fmt, ap);
    if (line > 0) snprintf(where, sizeof where, ":%d", line);
    if (path) llo_diag_add(d, "%s%s: %s: %s", file, where, path, msg);
    else llo_diag_add(d, "%s%s: %s", file, where, msg);
}

void llo_loader_complain(llo_loader *L, const char *file, int line, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vcomplain(L->d, file, line, path, fmt, ap);
    va_end(ap);
}

/* Complains at where a setting's value came from; a default has no line, so the top file is
 * named and the setting marked as a default. */
static void vcomplain_origin(const llo_scenario *s, llo_diag *d, const char *path, const char *fmt, va_list ap)
{
    const llo_setting *row = llo_setting_find(path);
    const llo_origin *o = row ? &s->origin[llo_setting_index(row)] : NULL;
    if (o && o->line > 0) {
        vcomplain(d, o->file, o->line, path, fmt, ap);
    } else if (!row) {
        vcomplain(d, s->path, 0, path, fmt, ap);
    } else {
        char shown[LLO_PATH_LEN + 16];
        snprintf(shown, sizeof shown, "%s (default)", path);
        vcomplain(d, s->path, 0, shown, fmt, ap);
    }
}

void llo_scenario_complain(const llo_scenario *s, llo_diag *d, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vcomplain_origin(s, d, path, fmt, ap);
    va_end(ap);
}

void llo_loader_complain_row(llo_loader *L, const llo_setting *row, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vcomplain_origin(L->s, L->d, row->path, fmt, ap);
    va_end(ap);
}

/* ---- files and includes ---- */

/* Resolves an include target against the including file's directory; absolute paths stand. */
static int resolve_include(const char *including, const char *target, char *out, size_t n)
{
    const char *slash = strrchr(including, '/');
    int dir_len = target[0] == '/' || !slash ? 0 : (int)(slash - including + 1);
    int w = snprintf(out, n, "%.*s%s", dir_len, including, target);
    return w >= 0 && (size_t)w < n ? 0 : -1;
}

static void load_file(llo_loader *L, const char *path, const char *from, int from_line, const char *target);

/* Loads the files a file includes, in order, each with its own includes first. */
static void load_includes(llo_loader *L, const char *path, const llo_text *t)
{
    for (int k = 0; k < t->n_includes; k++) {
        const llo_include_ref *inc = &t->includes[k];
        char resolved[sizeof L->s->path];
        if (resolve_include(path, inc->target, resolved, sizeof resolved) != 0) {
            llo_loader_complain(L, path, inc->line, NULL, "@include \"%s\": resolved path too long", inc->target);
            continue;
        }
        if (L->depth > LLO_INCLUDE_DEPTH_MAX) {
            llo_loader_complain(L, path, inc->line, NULL, "@include \"%s\": includes nested deeper than %d levels",
                                inc->target, LLO_INCLUDE_DEPTH_MAX);
            continue;
        }
        load_file(L, resolved, path, inc->line, inc->target);
    }
}

/* Reports an include cycle, listing the chain from the file that is reached again. Returns 1
 * when st is already open. */
static int is_cycle(llo_loader *L, const struct stat *st, const char *path, const char *from, int from_line,
                    const char *target)
{
    for (int k = 0; k < L->depth; k++) {
        if (L->stack[k].dev != st->st_dev || L->stack[k].ino != st->st_ino) continue;
        char chain[LLO_DIAG_LEN] = "";
        size_t used = 0;
        for (int j = k; j < L->depth && used < sizeof chain; j++)
            used += (size_t)snprintf(chain + used, sizeof chain - used, "%s -> ", L->stack[j].path);
        if (used < sizeof chain) snprintf(chain + used, sizeof chain - used, "%s", path);
        llo_loader_complain(L, from, from_line, NULL, "@include \"%s\": include cycle: %s", target, chain);
        return 1;
    }
    return 0;
}

/* Loads one file as a layer (after its includes). `from` is the including file, NULL for the
 * top file; messages about opening an include are located at its @include line. */
static void load_file(llo_loader *L, const char *path, const char *from, int from_line, const char *target)
{
    /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever; the
     * regular-file check below then refuses it. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    int err = fd < 0 ? errno : fstat(fd, &st) != 0 ? errno : 0;
    if (!err && S_ISDIR(st.st_mode)) err = EISDIR;
    if (err) {
        if (fd >= 0) close(fd);
        if (!from)
            llo_loader_complain(L, path, 0, NULL, "cannot open: %s", strerror(err));
        else if (err == EISDIR)
            llo_loader_complain(L, from, from_line, NULL, "@include \"%s\": %s is a directory, not a scenario file",
                                target, path);
        else
            llo_loader_complain(L, from, from_line, NULL, "@include \"%s\": cannot open: %s (looked for %s)",
                                target, strerror(err), path);
        return;
    }
    if (from && is_cycle(L, &st, path, from, from_line, target)) {
        close(fd);
        return;
    }
    char *buf = NULL;
    size_t len = 0;
    err = llo_text_read_fd(fd, &buf, &len);
    close(fd);
    if (err) {
        if (!from)
            llo_loader_complain(L, path, 0, NULL, "cannot read: %s", llo_text_strerror(err));
        else
            llo_loader_complain(L, from, from_line, NULL, "@include \"%s\": cannot read %s: %s", target, path,
                                llo_text_strerror(err));
        return;
    }
    llo_text text;
    int parseable = llo_text_scan(&text, buf, len, path, 0, 1, L->d) == 0;
    L->stack[L->depth++] = (llo_open_file){st.st_dev, st.st_ino, path};
    load_includes(L, path, &text);
    L->depth--;
    if (parseable) {
        llo_layer ly = {.file = path, .fixed_line = 0, .text = &text};
        llo_loader_apply_text(L, &ly, NULL, NULL);
    }
    llo_text_free(&text);
}

/* ---- overrides ---- */

/* The span s[0..n) without surrounding blanks: its start, and its length in *n. */
static const char *trimmed(const char *s, size_t *n)
{
    while (*n && isspace((unsigned char)*s)) { s++; (*n)--; }
    while (*n && isspace((unsigned char)s[*n - 1])) (*n)--;
    return s;
}

/* Whether every dot-separated part is a libconfig identifier. */
static int is_setting_path(const char *p)
{
    if (!*p) return 0;
    for (;;) {
        if (!isalpha((unsigned char)*p) && *p != '*') return 0;
        while (isalnum((unsigned char)*p) || *p == '-' || *p == '_' || *p == '*') p++;
        if (!*p) return 1;
        if (*p++ != '.') return 0;
    }
}

/* Applies override number `line` ("PATH=VALUE") as a layer, by writing it as the nested
 * groups a file would have and parsing that, so it goes through exactly the same checks. The
 * value is taken whole, whatever its length: a cut value would be a different value. */
static void apply_override(llo_loader *L, const char *set, int line)
{
    const char *eq = strchr(set, '=');
    char path[LLO_PATH_LEN];
    size_t plen = eq ? (size_t)(eq - set) : 0;
    const char *pstart = eq ? trimmed(set, &plen) : set;
    if (eq && plen >= sizeof path) {
        llo_loader_complain(L, "--set", line, NULL, "setting path of %zu characters: no setting is that long", plen);
        return;
    }
    if (eq) snprintf(path, sizeof path, "%.*s", (int)plen, pstart);
    if (!eq || !is_setting_path(path)) {
        llo_loader_complain(L, "--set", line, NULL,
                            "malformed override \"%.200s%s\": expected PATH=VALUE, e.g. run.months=24", set,
                            strlen(set) > 200 ? "..." : "");
        return;
    }
    size_t vlen = strlen(eq + 1);
    const char *val = trimmed(eq + 1, &vlen);
    if (vlen && val[vlen - 1] == ';') vlen--; /* as a file would have it */
    if (!vlen) {
        llo_loader_complain(L, "--set", line, path, "no value after '='");
        return;
    }
    size_t depth = 1;
    for (const char *p = path; *p; p++) depth += *p == '.';
    /* Per component at most "x = { " plus " };": 9 bytes besides its name. */
    size_t cap = strlen(path) + vlen + 10 * depth + 16;
    char *buf = malloc(cap), *value = strndup(val, vlen);
    if (!buf || !value) {
        free(buf);
        free(value);
        llo_loader_complain(L, "--set", line, path, "out of memory");
        return;
    }
    size_t used = 0;
    for (const char *p = path;;) {
        const char *dot = strchr(p, '.');
        if (!dot) {
            used += (size_t)snprintf(buf + used, cap - used, "%s = %.*s;", p, (int)vlen, val);
            break;
        }
        used += (size_t)snprintf(buf + used, cap - used, "%.*s = { ", (int)(dot - p), p);
        p = dot + 1;
    }
    for (size_t k = 1; k < depth; k++) used += (size_t)snprintf(buf + used, cap - used, " };");
    llo_text text;
    if (llo_text_scan(&text, buf, used, "--set", line, 0, L->d) == 0) {
        llo_layer ly = {.file = "--set", .fixed_line = line, .text = &text};
        llo_loader_apply_text(L, &ly, path, value);
    }
    llo_text_free(&text);
    free(value);
}

/* An unnamed scenario is named after its file, made safe as a folder name. */
static void default_name(llo_params *p, const char *path)
{
    if (p->name[0]) return;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t n = strlen(base);
    if (n > 4 && strcmp(base + n - 4, ".cfg") == 0) n -= 4;
    if (n > LLO_NAME_MAX - 1) n = LLO_NAME_MAX - 1;
    memset(p->name, 0, sizeof p->name);
    for (size_t k = 0; k < n; k++) {
        char c = base[k];
        p->name[k] = isalnum((unsigned char)c) || c == '.' || c == '_' || c == '-' ? c : '_';
    }
    if (p->name[0] == '.') p->name[0] = '_';
    if (!p->name[0]) snprintf(p->name, sizeof p->name, "scenario");
}

int llo_scenario_load(llo_scenario *s, const char *path, const char *const *sets, int n_sets, llo_diag *d)
{
    int before = d->count + d->dropped;
    llo_loader L;
    memset(&L, 0, sizeof L);
    memset(s, 0, sizeof *s);
    L.s = s;
    L.d = d;
    L.table = llo_settings(&L.n_rows);
    if (L.n_rows > LLO_MAX_SETTINGS) {
        llo_diag_add(d, "%s: internal error: %zu settings, LLO_MAX_SETTINGS is %d", path, L.n_rows, LLO_MAX_SETTINGS);
        return 1;
    }
    if (strlen(path) >= sizeof s->path) {
        llo_diag_add(d, "%.64s...: path too long", path);
        return 1;
    }
    snprintf(s->path, sizeof s->path, "%s", path);
    llo_params_defaults(&s->params);
    for (size_t i = 0; i < L.n_rows; i++) {
        snprintf(s->origin[i].file, sizeof s->origin[i].file, "%s", DEFAULT_ORIGIN);
        s->given_len[i] = L.table[i].len_rule == LLO_LEN_SCALAR ? 0 : L.table[i].def_len;
    }

    load_file(&L, path, NULL, 0, NULL);
    for (int i = 0; i < n_sets; i++) apply_override(&L, sets[i], i + 1);

    llo_loader_cross_check(&L);
    default_name(&s->params, path);
    return d->count + d->dropped - before;
}
