/* Reading a run folder: the manifest first (is it complete, is it ours), then every table it
 * vouches for, each checked against its SHA-256 before a byte of it is believed. A folder that
 * fails any check is refused with a message naming the file, so a comparison never rests on a
 * half-written, edited or foreign run. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis/analysis_int.h"
#include "sim/version.h"
#include "sim/sha256.h"

/* A whole file, NUL-terminated; NULL with a message. */
static char *read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        snprintf(err, errlen, "%s: %s", path, strerror(e));
        errno = e; /* callers word a missing file their own way */
        return NULL;
    }
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) break;
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
        if (cap - n < 2) {
            char *grown = realloc(buf, cap *= 2);
            if (!grown) free(buf);
            buf = grown;
        }
    }
    int failed = ferror(f);
    fclose(f);
    if (!buf || failed) {
        free(buf);
        snprintf(err, errlen, "%s: %s", path, buf ? "read error" : "out of memory");
        return NULL;
    }
    buf[n] = 0;
    *len = n;
    return buf;
}

static char *dup_str(const char *s)
{
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    if (c) memcpy(c, s, n);
    return c;
}

long lla_series_find(const lla_run *run, const char *region, const char *dimension, const char *group,
                     const char *indicator)
{
    if (!dimension) dimension = "";
    if (!group) group = "";
    for (size_t s = 0; s < run->n_series; s++) {
        const lla_series *x = &run->series[s];
        if (!strcmp(x->indicator, indicator) && !strcmp(x->region, region) && !strcmp(x->dimension, dimension) &&
            !strcmp(x->group, group))
            return (long)s;
    }
    return -1;
}

/* The loader's working state: the run being filled and which cells have been seen. */
typedef struct loader {
    lla_run *run;
    unsigned char **seen;
    size_t cap;
    size_t cells_seen;
    char err[10000]; /* room for any path; llo_diag keeps the first 512 bytes */
} loader;

/* Adds a series; its values start as NAN and unseen. */
static long add_series(loader *L, const char *region, const char *dimension, const char *group, const char *indicator)
{
    lla_run *run = L->run;
    if (run->n_series == L->cap) {
        size_t cap = L->cap ? 2 * L->cap : 256;
        lla_series *s = realloc(run->series, cap * sizeof *s);
        if (s) run->series = s;
        double **v = realloc(run->values, cap * sizeof *v);
        if (v) run->values = v;
        unsigned char **seen = realloc(L->seen, cap * sizeof *seen);
        if (seen) L->seen = seen;
        if (!s || !v || !seen) return -1;
        L->cap = cap;
    }
    size_t cells = (size_t)run->shape.replicates * (size_t)run->shape.months, k = run->n_series;
    lla_series *x = &run->series[k];
    x->region = dup_str(region);
    x->dimension = dup_str(dimension);
    x->group = dup_str(group);
    x->indicator = dup_str(indicator);
    run->values[k] = malloc(cells * sizeof(double));
    L->seen[k] = calloc(cells, 1);
    run->n_series++;
    if (!x->region || !x->dimension || !x->group || !x->indicator || !run->values[k] || !L->seen[k]) return -1;
    for (size_t c = 0; c < cells; c++) run->values[k][c] = NAN;
    return (long)k;
}

/* Stores one cell; a second row for the same cell is an error. */
static int put(loader *L, const lla_csv *c, long s, long rep, long month, double v)
{
    size_t cell = (size_t)(rep - 1) * (size_t)L->run->shape.months + (size_t)month;
    if (L->seen[s][cell]) {
        snprintf(L->err, sizeof L->err, "%s:%ld: a second row for replicate %ld, month %ld", c->path, c->line, rep, month);
        return -1;
    }
    L->seen[s][cell] = 1;
    L->cells_seen++;
    L->run->values[s][cell] = v;
    return 0;
}

/* The keys every table starts with: replicate and month, within the manifest's ranges. */
static int row_keys(loader *L, const lla_csv *c, int rep_col, int month_col, long *rep, long *month)
{
    if (lla_csv_int(c, rep_col, 1, L->run->shape.replicates, rep, L->err, sizeof L->err) ||
        lla_csv_int(c, month_col, 0, L->run->shape.months - 1, month, L->err, sizeof L->err)) {
        strncat(L->err, " (the manifest's replicates and months)", sizeof L->err - strlen(L->err) - 1);
        return -1;
    }
    return 0;
}

static int need_columns(loader *L, const lla_csv *c, const char *const *names, int n, int *cols)
{
    for (int k = 0; k < n; k++) {
        cols[k] = lla_csv_column(c, names[k]);
        if (cols[k] != k) {
            snprintf(L->err, sizeof L->err, "%s:1: expected column %d to be '%s'; not a table of this llosim version", c->path,
                     k + 1, names[k]);
            return -1;
        }
    }
    return 0;
}

static int read_timeseries(loader *L, const char *path, char *text, size_t len)
{
    lla_run *run = L->run;
    lla_csv c;
    if (lla_csv_open(&c, path, text, len, L->err, sizeof L->err)) return -1;
    static const char *const keys[] = {"replicate", "month", "date", "region"};
    int col[4];
    if (need_columns(L, &c, keys, 4, col)) return -1;
    int n_ind = c.n_columns - 4;
    long first[64]; /* the first series of each region, "all" included */
    int n_known = 0;
    char **known = calloc(64, sizeof *known);
    if (!known) return -1;
    int rc, status = 0;
    while (status == 0 && (rc = lla_csv_next(&c, L->err, sizeof L->err)) == 1) {
        long rep, month;
        if (row_keys(L, &c, col[0], col[1], &rep, &month)) { status = -1; break; }
        const char *date = c.field[col[2]], *region = c.field[col[3]];
        if (strlen(date) != 7 || date[4] != '-') {
            snprintf(L->err, sizeof L->err, "%s:%ld: date '%s' is not YYYY-MM", path, c.line, date);
            status = -1;
            break;
        }
        if (!run->dates[month][0]) memcpy(run->dates[month], date, 8);
        else if (strcmp(run->dates[month], date)) {
            snprintf(L->err, sizeof L->err, "%s:%ld: month %ld is dated %s here and %s before", path, c.line, month, date,
                     run->dates[month]);
            status = -1;
            break;
        }
        int r;
        for (r = 0; r < n_known && strcmp(known[r], region); r++) {}
        if (r == n_known) {
            if (n_known == 64) { snprintf(L->err, sizeof L->err, "%s:%ld: more than 63 regions", path, c.line); status = -1; break; }
            known[n_known] = dup_str(region);
            first[n_known] = (long)run->n_series;
            n_known++;
            for (int k = 0; k < n_ind; k++)
                if (add_series(L, region, "", "", c.header[4 + k]) < 0) { status = -1; break; }
            if (status) break;
        }
        for (int k = 0; k < n_ind && status == 0; k++) {
            double v;
            if (lla_csv_number(&c, 4 + k, &v, L->err, sizeof L->err) || put(L, &c, first[r] + k, rep, month, v)) status = -1;
        }
    }
    if (status == 0 && rc < 0) status = -1;
    if (status == 0) {
        int has_all = 0;
        run->regions = calloc((size_t)n_known, sizeof *run->regions);
        for (int r = 0; r < n_known && run->regions; r++) {
            if (!strcmp(known[r], "all")) has_all = 1;
            else run->regions[run->n_regions++] = dup_str(known[r]);
        }
        if (!has_all) {
            snprintf(L->err, sizeof L->err, "%s: no rows for region all", path);
            status = -1;
        }
    }
    for (int r = 0; r < n_known; r++) free(known[r]);
    free(known);
    return status;
}

/* groups.csv and network.csv: long tables of one value per row. region_col < 0 means region
 * "all"; dim_col < 0 means the dimension is dim_name. */
static int read_long(loader *L, const char *path, char *text, size_t len, const char *const *keys, int n_keys,
                     int region_col, int dim_col, const char *dim_name, int group_col, int ind_col, int value_col)
{
    lla_run *run = L->run;
    lla_csv c;
    int col[8];
    if (lla_csv_open(&c, path, text, len, L->err, sizeof L->err) || need_columns(L, &c, keys, n_keys, col)) return -1;
    size_t first = run->n_series;
    long next = (long)first; /* rows repeat in the same order every month: try the next series first */
    int rc;
    while ((rc = lla_csv_next(&c, L->err, sizeof L->err)) == 1) {
        long rep, month;
        double v;
        if (row_keys(L, &c, 0, 1, &rep, &month)) return -1;
        const char *region = region_col < 0 ? "all" : c.field[region_col];
        const char *dim = dim_col < 0 ? dim_name : c.field[dim_col];
        const char *group = c.field[group_col], *ind = c.field[ind_col];
        long s = -1;
        if (next >= (long)first && next < (long)run->n_series) {
            const lla_series *x = &run->series[next];
            if (!strcmp(x->indicator, ind) && !strcmp(x->group, group) && !strcmp(x->dimension, dim) &&
                !strcmp(x->region, region))
                s = next;
        }
        for (size_t k = first; s < 0 && k < run->n_series; k++) {
            const lla_series *x = &run->series[k];
            if (!strcmp(x->indicator, ind) && !strcmp(x->group, group) && !strcmp(x->dimension, dim) &&
                !strcmp(x->region, region))
                s = (long)k;
        }
        if (s < 0 && (s = add_series(L, region, dim, group, ind)) < 0) return -1;
        if (lla_csv_number(&c, value_col, &v, L->err, sizeof L->err) || put(L, &c, s, rep, month, v)) return -1;
        next = s + 1 < (long)run->n_series ? s + 1 : (long)first;
    }
    return rc < 0 ? -1 : 0;
}

/* Which cell of the run is missing, for the message. */
static void report_missing(loader *L, const char *dir)
{
    const lla_run *run = L->run;
    size_t cells = (size_t)run->shape.replicates * (size_t)run->shape.months;
    for (size_t s = 0; s < run->n_series; s++)
        for (size_t k = 0; k < cells; k++)
            if (!L->seen[s][k]) {
                const lla_series *x = &run->series[s];
                snprintf(L->err, sizeof L->err,
                         "%s: no row for replicate %zu, month %zu of %s%s%s%s%s (region %s); a truncated or edited table",
                         dir, k / (size_t)run->shape.months + 1, k % (size_t)run->shape.months, x->indicator,
                         *x->dimension ? " [" : "", x->dimension, *x->dimension ? "=" : "", *x->dimension ? x->group : "",
                         x->region);
                if (*x->dimension) strncat(L->err, "]", sizeof L->err - strlen(L->err) - 1);
                return;
            }
}

/* Appends s to b, quoted for a POSIX shell when it holds anything but safe characters. */
static void shell_quote(llo_buf *b, const char *s)
{
    if (*s && strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:,@%+") == strlen(s)) {
        llo_buf_printf(b, "%s", s);
        return;
    }
    llo_buf_append(b, "'", 1);
    for (; *s; s++) {
        if (*s == '\'') llo_buf_printf(b, "'\\''");
        else llo_buf_append(b, s, 1);
    }
    llo_buf_append(b, "'", 1);
}

char *lla_command_line(int argc, char **argv)
{
    llo_buf b;
    llo_buf_init(&b);
    for (int k = 0; k < argc; k++) {
        if (k) llo_buf_append(&b, " ", 1);
        shell_quote(&b, argv[k]);
    }
    if (b.failed || !b.data) {
        llo_buf_free(&b);
        return dup_str("");
    }
    return b.data;
}

typedef struct strings {
    llo_buf buf;
    int n;
    int shell; /* quote each for the shell, space-separated; else comma-separated */
} strings;

static int collect_string(const char *elem, void *ctx)
{
    strings *s = ctx;
    char v[4096];
    if (lla_json_string(elem, v, sizeof v)) return -1;
    if (s->n++) llo_buf_append(&s->buf, s->shell ? " " : ",", 1);
    if (s->shell) shell_quote(&s->buf, v);
    else llo_buf_printf(&s->buf, "%s", v);
    return 0;
}

/* The manifest's run settings. Any member missing means this is not a run's manifest. */
static int read_manifest(lla_run *run, const char *path, const char *m, char *err, size_t errlen)
{
    char version[64];
    const char *v = lla_json_member(m, "llosim_version");
    if (!v || lla_json_string(v, version, sizeof version)) {
        snprintf(err, errlen, "%s: not a llosim manifest (no llosim_version)", path);
        return -1;
    }
    if (strcmp(version, LLOSIM_VERSION) != 0) {
        snprintf(err, errlen,
                 "%s: written by llosim %s, and this is llosim %s; its columns and meaning may differ, so run the "
                 "scenario again with this version",
                 path, version, LLOSIM_VERSION);
        return -1;
    }
    snprintf(run->shape.version, sizeof run->shape.version, "%s", version);
    static const char *const required[] = {"scenario", "replicates", "months", "burn_in_months", "scale", "replicate_seeds",
                                           "files", "command"};
    for (size_t k = 0; k < sizeof required / sizeof required[0]; k++)
        if (!lla_json_member(m, required[k])) {
            snprintf(err, errlen, "%s: no \"%s\"; this is not the manifest of a llosim run (a calibration or comparison?)",
                     path, required[k]);
            return -1;
        }
    double reps, months, burn, scale;
    if (lla_json_string(lla_json_member(m, "scenario"), run->shape.name, sizeof run->shape.name) ||
        lla_json_number(lla_json_member(m, "replicates"), &reps) || lla_json_number(lla_json_member(m, "months"), &months) ||
        lla_json_number(lla_json_member(m, "burn_in_months"), &burn) || lla_json_number(lla_json_member(m, "scale"), &scale) ||
        reps < 1 || reps > 100000 || months < 1 || months > 100000 || burn < 0) {
        snprintf(err, errlen, "%s: scenario, replicates, months, burn_in_months or scale is malformed", path);
        return -1;
    }
    run->shape.replicates = (int)reps;
    run->shape.months = (int)months;
    run->shape.burn_in_months = (int)burn;
    run->shape.scale = scale;
    v = lla_json_member(m, "git_describe");
    if (!v || lla_json_string(v, run->git_describe, sizeof run->git_describe)) run->git_describe[0] = 0;
    v = lla_json_member(m, "scenario_file");
    if (!v || lla_json_string(v, run->scenario_file, sizeof run->scenario_file)) run->scenario_file[0] = 0;
    strings seeds = {.n = 0}, cmd = {.n = 0, .shell = 1};
    llo_buf_init(&seeds.buf);
    llo_buf_init(&cmd.buf);
    int bad = lla_json_array(lla_json_member(m, "replicate_seeds"), collect_string, &seeds) || seeds.n != run->shape.replicates ||
              lla_json_array(lla_json_member(m, "command"), collect_string, &cmd) || seeds.buf.failed || cmd.buf.failed;
    if (bad) {
        llo_buf_free(&seeds.buf);
        llo_buf_free(&cmd.buf);
        snprintf(err, errlen, "%s: replicate_seeds (one per replicate) or command is malformed", path);
        return -1;
    }
    run->shape.seeds = seeds.buf.data;
    run->command = cmd.buf.data ? cmd.buf.data : dup_str("");
    return 0;
}

/* Reads dir/name and checks it against the manifest's hash. */
static char *read_vouched(const char *dir, const char *name, const char *manifest, size_t *len, char *err, size_t errlen)
{
    char path[4200], want[65], got[65];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    const char *entry = lla_json_member(lla_json_member(manifest, "files"), name);
    if (!entry || lla_json_string(lla_json_member(entry, "sha256"), want, sizeof want)) {
        snprintf(err, errlen, "%s/manifest.json: lists no %s; not a complete run of this llosim version", dir, name);
        return NULL;
    }
    char *text = read_file(path, len, err, errlen);
    if (!text) {
        if (errno == ENOENT) snprintf(err, errlen, "%s: missing, though the manifest lists it", path);
        return NULL;
    }
    llo_sha256_hex(text, *len, got);
    if (strcmp(want, got) != 0) {
        snprintf(err, errlen, "%s: its SHA-256 differs from the manifest's: the file was changed or damaged after the run", path);
        free(text);
        return NULL;
    }
    return text;
}

lla_run *lla_run_open(const char *dir, llo_diag *d)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        llo_diag_add(d, "%s: %s", dir, errno == ENOENT ? "no such folder" : strerror(errno));
        return NULL;
    }
    if (!S_ISDIR(st.st_mode)) {
        llo_diag_add(d, "%s: not a folder (expected a run folder, or a scenario file ending in .cfg)", dir);
        return NULL;
    }
    lla_run *run = calloc(1, sizeof *run);
    loader L = {.run = run};
    char path[4200], *manifest = NULL, *text = NULL;
    size_t len;
    if (!run) {
        llo_diag_add(d, "out of memory");
        return NULL;
    }
    snprintf(run->dir, sizeof run->dir, "%s", dir);
    snprintf(path, sizeof path, "%s/manifest.json", dir);
    manifest = read_file(path, &len, L.err, sizeof L.err);
    if (!manifest) {
        if (errno == ENOENT)
            snprintf(L.err, sizeof L.err, "%s: missing; %s is not a complete llosim run folder (still running, or failed)", path,
                     dir);
        goto fail;
    }
    llo_sha256_hex(manifest, len, run->manifest_sha256);
    if (read_manifest(run, path, manifest, L.err, sizeof L.err)) goto fail;
    run->dates = calloc((size_t)run->shape.months, sizeof *run->dates);
    if (!run->dates) goto fail;

    if (!(run->resolved = read_vouched(dir, "scenario.resolved.cfg", manifest, &len, L.err, sizeof L.err))) goto fail;
    snprintf(path, sizeof path, "%s/timeseries.csv", dir);
    if (!(text = read_vouched(dir, "timeseries.csv", manifest, &len, L.err, sizeof L.err)) ||
        read_timeseries(&L, path, text, len))
        goto fail;
    free(text);
    snprintf(path, sizeof path, "%s/groups.csv", dir);
    static const char *const group_keys[] = {"replicate", "month", "dimension", "group", "indicator", "value"};
    if (!(text = read_vouched(dir, "groups.csv", manifest, &len, L.err, sizeof L.err)) ||
        read_long(&L, path, text, len, group_keys, 6, -1, 2, NULL, 3, 4, 5))
        goto fail;
    free(text);
    snprintf(path, sizeof path, "%s/network.csv", dir);
    static const char *const network_keys[] = {"replicate", "month", "region", "actor_type", "indicator", "value"};
    if (!(text = read_vouched(dir, "network.csv", manifest, &len, L.err, sizeof L.err)) ||
        read_long(&L, path, text, len, network_keys, 6, 2, -1, "actor_type", 3, 4, 5))
        goto fail;
    free(text);
    text = NULL;
    if (L.cells_seen != run->n_series * (size_t)run->shape.replicates * (size_t)run->shape.months) {
        report_missing(&L, dir);
        goto fail;
    }
    snprintf(run->shape.first_date, sizeof run->shape.first_date, "%s", run->dates[0]);
    for (size_t s = 0; s < run->n_series; s++) free(L.seen[s]);
    free(L.seen);
    free(manifest);
    return run;
fail:
    llo_diag_add(d, "%s", L.err[0] ? L.err : "out of memory reading the run folder");
    free(text);
    free(manifest);
    for (size_t s = 0; s < run->n_series; s++) free(L.seen[s]);
    free(L.seen);
    lla_run_free(run);
    return NULL;
}

void lla_run_free(lla_run *run)
{
    if (!run) return;
    for (size_t s = 0; s < run->n_series; s++) {
        free(run->series[s].region);
        free(run->series[s].dimension);
        free(run->series[s].group);
        free(run->series[s].indicator);
        free(run->values[s]);
    }
    free(run->series);
    free(run->values);
    for (int r = 0; r < run->n_regions; r++) free(run->regions[r]);
    free(run->regions);
    free(run->dates);
    free(run->resolved);
    free(run->command);
    free(run->shape.seeds);
    free(run);
}

int lla_shapes_check(const lla_shape *shapes, int n, llo_diag *d)
{
    int problems = 0;
    const lla_shape *a = &shapes[0];
#define DIFFER(cond, fmt, ...)                                                                                       \
    do {                                                                                                             \
        if (cond) {                                                                                                  \
            llo_diag_add(d, "%s and %s differ in " fmt, a->name, b->name, __VA_ARGS__);                              \
            problems++;                                                                                              \
        }                                                                                                            \
    } while (0)
    for (int k = 1; k < n; k++) {
        const lla_shape *b = &shapes[k];
        DIFFER(strcmp(a->version, b->version), "llosim version: %s against %s", a->version, b->version);
        DIFFER(a->replicates != b->replicates, "replicates: %d against %d (use --replicates)", a->replicates, b->replicates);
        DIFFER(a->replicates == b->replicates && strcmp(a->seeds ? a->seeds : "", b->seeds ? b->seeds : ""),
               "replicate seeds (%s), so replicates cannot be paired; use the same --seed", "master seed");
        DIFFER(a->months != b->months, "months: %d against %d (use --months)", a->months, b->months);
        DIFFER(a->burn_in_months != b->burn_in_months, "burn-in: %d against %d months (run.burn_in_months)", a->burn_in_months,
               b->burn_in_months);
        DIFFER(a->scale != b->scale, "scale: %g against %g (use --scale)", a->scale, b->scale);
        DIFFER(strcmp(a->first_date, b->first_date), "start: %s against %s (run.start_year)", a->first_date, b->first_date);
    }
#undef DIFFER
    return problems;
}
