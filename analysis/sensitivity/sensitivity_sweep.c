/* Reading a sweep folder for the sensitivity analysis (see sensitivity_sweep.h). Everything is
 * checked before anything is computed: a plan that is not the design it claims to be would give
 * indices that look plausible and mean nothing. */
#include "analysis/sensitivity/sensitivity_sweep.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sha256.h"

const char *const lla_sweep_files[3] = {"axes.csv", "plan.csv", "points.csv"};

/* ---- a small CSV reader: a header, then rows of exactly as many fields; RFC 4180 quotes ---- */

typedef struct csv {
    char path[1024];
    size_t cols, rows;
    char **cell; /* [(row + 1) * cols + col]; row -1 is the header */
    int *line;   /* [row]: the file's line number, for messages */
} csv;

static void csv_free(csv *t)
{
    if (t->cell)
        for (size_t i = 0; i < (t->rows + 1) * t->cols; i++) free(t->cell[i]);
    free(t->cell);
    free(t->line);
    memset(t, 0, sizeof *t);
}

static const char *hdr(const csv *t, size_t c) { return t->cell[c]; }
static const char *at(const csv *t, size_t r, size_t c) { return t->cell[(r + 1) * t->cols + c]; }

static int fail(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return LLA_SWEEP_BAD_INPUT;
}

/* Splits one record starting at *p into fields; advances *p past its line end. */
static int csv_record(const char **p, const char *end, char ***fields, size_t *n, int *line)
{
    size_t cap = 16;
    *n = 0;
    *fields = malloc(cap * sizeof **fields);
    if (!*fields) return LLA_SWEEP_NO_MEMORY;
    const char *s = *p;
    for (;;) {
        size_t fcap = 32, len = 0;
        char *f = malloc(fcap);
        if (!f) return LLA_SWEEP_NO_MEMORY;
        int quoted = s < end && *s == '"';
        if (quoted) s++;
        while (s < end) {
            char ch = *s;
            if (quoted) {
                if (ch == '"') {
                    if (s + 1 < end && s[1] == '"') s++;
                    else {
                        quoted = 0;
                        s++;
                        continue;
                    }
                } else if (ch == '\n') {
                    (*line)++;
                }
            } else if (ch == ',' || ch == '\n' || ch == '\r') {
                break;
            }
            if (len + 2 > fcap) {
                char *g = realloc(f, fcap *= 2);
                if (!g) return free(f), LLA_SWEEP_NO_MEMORY;
                f = g;
            }
            f[len++] = ch;
            s++;
        }
        f[len] = 0;
        if (*n == cap) {
            char **g = realloc(*fields, (cap *= 2) * sizeof **fields);
            if (!g) return free(f), LLA_SWEEP_NO_MEMORY;
            *fields = g;
        }
        (*fields)[(*n)++] = f;
        if (s < end && *s == ',') {
            s++;
            continue;
        }
        if (s < end && *s == '\r') s++;
        if (s < end && *s == '\n') s++;
        break;
    }
    *p = s;
    return 0;
}

static int csv_read(csv *t, const char *dir, const char *name, char sha[65], char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    snprintf(t->path, sizeof t->path, "%s/%s", dir, name);
    FILE *f = fopen(t->path, "rb");
    if (!f) return fail(err, errlen, "%s: %s", t->path, strerror(errno));
    size_t cap = 1 << 16, len = 0, got;
    char *text = malloc(cap);
    while (text && (got = fread(text + len, 1, cap - len, f)) > 0) {
        len += got;
        if (len == cap) {
            char *g = realloc(text, cap *= 2);
            if (!g) free(text);
            text = g;
        }
    }
    int read_error = ferror(f);
    fclose(f);
    if (!text) return LLA_SWEEP_NO_MEMORY;
    if (read_error) {
        free(text);
        return fail(err, errlen, "%s: could not be read", t->path);
    }
    llo_sha256_hex(text, len, sha);
    const char *p = text, *end = text + len;
    int line = 1, rc = 0;
    size_t cap_rows = 64;
    char **cells = NULL;
    int *lines = malloc(cap_rows * sizeof *lines);
    if (!lines) rc = LLA_SWEEP_NO_MEMORY;
    while (!rc && p < end) {
        int at_line = line;
        char **fields;
        size_t n;
        rc = csv_record(&p, end, &fields, &n, &line);
        line++;
        if (rc) break;
        if (n == 1 && fields[0][0] == 0) { /* a blank line */
            free(fields[0]);
            free(fields);
            continue;
        }
        if (!cells) {
            t->cols = n;
            cells = malloc(cap_rows * n * sizeof *cells);
            if (!cells) rc = LLA_SWEEP_NO_MEMORY;
            else memcpy(cells, fields, n * sizeof *cells);
        } else if (n != t->cols) {
            rc = fail(err, errlen, "%s:%d: %zu fields where the header has %zu", t->path, at_line, n, t->cols);
            for (size_t c = 0; c < n; c++) free(fields[c]);
        } else {
            if (t->rows + 2 > cap_rows) {
                cap_rows *= 2;
                char **g = realloc(cells, cap_rows * t->cols * sizeof *cells);
                int *h = realloc(lines, cap_rows * sizeof *lines);
                if (g) cells = g;
                if (h) lines = h;
                if (!g || !h) {
                    rc = LLA_SWEEP_NO_MEMORY;
                    for (size_t c = 0; c < n; c++) free(fields[c]);
                    free(fields);
                    break;
                }
            }
            memcpy(cells + (t->rows + 1) * t->cols, fields, n * sizeof *cells);
            lines[t->rows++] = at_line;
        }
        free(fields);
    }
    free(text);
    t->cell = cells;
    t->line = lines;
    if (!rc && !cells) rc = fail(err, errlen, "%s: empty file, expected a header row", t->path);
    if (rc) csv_free(t);
    return rc;
}

static long column(const csv *t, const char *name)
{
    for (size_t c = 0; c < t->cols; c++)
        if (strcmp(hdr(t, c), name) == 0) return (long)c;
    return -1;
}

static int need_columns(const csv *t, const char *const *names, size_t n, long *col, char *err, size_t errlen)
{
    for (size_t k = 0; k < n; k++)
        if ((col[k] = column(t, names[k])) < 0)
            return fail(err, errlen, "%s:1: no column '%s' in the header", t->path, names[k]);
    return 0;
}

static int parse_double(const char *s, double *v)
{
    char *end;
    errno = 0;
    *v = strtod(s, &end);
    return *s && !*end && !errno && isfinite(*v) ? 0 : -1;
}

static int parse_long(const char *s, long *v)
{
    char *end;
    errno = 0;
    *v = strtol(s, &end, 10);
    return *s && !*end && !errno ? 0 : -1;
}

static char *dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *d = malloc(n);
    if (d) memcpy(d, s, n);
    return d;
}

/* ---- the three files ---- */

static int read_axes(lla_sweep *s, const csv *t, char *err, size_t errlen)
{
    static const char *const names[] = {"axis", "path", "index", "min", "max", "scale"};
    long c[6];
    if (need_columns(t, names, 6, c, err, errlen)) return LLA_SWEEP_BAD_INPUT;
    if (t->rows == 0) return fail(err, errlen, "%s: no axes", t->path);
    s->k = t->rows;
    s->axis = calloc(s->k, sizeof *s->axis);
    if (!s->axis) return LLA_SWEEP_NO_MEMORY;
    for (size_t r = 0; r < t->rows; r++) {
        lla_sweep_axis *a = &s->axis[r];
        long number;
        if (parse_long(at(t, r, (size_t)c[0]), &number) || number != (long)r + 1)
            return fail(err, errlen, "%s:%d: axis is '%s', expected %zu (axes are numbered 1..k in order)", t->path,
                        t->line[r], at(t, r, (size_t)c[0]), r + 1);
        const char *path = at(t, r, (size_t)c[1]), *index = at(t, r, (size_t)c[2]);
        if (!*path) return fail(err, errlen, "%s:%d: empty path", t->path, t->line[r]);
        size_t len = strlen(path) + strlen(index) + 3;
        if (!(a->name = malloc(len))) return LLA_SWEEP_NO_MEMORY;
        if (*index) snprintf(a->name, len, "%s[%s]", path, index);
        else snprintf(a->name, len, "%s", path);
        if (parse_double(at(t, r, (size_t)c[3]), &a->min) || parse_double(at(t, r, (size_t)c[4]), &a->max) ||
            a->min > a->max)
            return fail(err, errlen, "%s:%d: min '%s' and max '%s' are not a range of finite numbers", t->path, t->line[r],
                        at(t, r, (size_t)c[3]), at(t, r, (size_t)c[4]));
        const char *scale = at(t, r, (size_t)c[5]);
        if (strcmp(scale, "linear") && strcmp(scale, "log"))
            return fail(err, errlen, "%s:%d: scale '%s' is neither linear nor log", t->path, t->line[r], scale);
        a->log = !strcmp(scale, "log");
        if (a->log && !(a->min > 0.0))
            return fail(err, errlen, "%s:%d: a log axis needs a positive min, not %s", t->path, t->line[r],
                        at(t, r, (size_t)c[3]));
        for (size_t q = 0; q < r; q++)
            if (!strcmp(s->axis[q].name, a->name))
                return fail(err, errlen, "%s:%d: axis %s appears twice", t->path, t->line[r], a->name);
    }
    return 0;
}

static int read_plan(lla_sweep *s, const csv *t, char *err, size_t errlen)
{
    static const char *const names[] = {"point", "design", "role", "sample", "moved"};
    long c[5];
    if (need_columns(t, names, 5, c, err, errlen)) return LLA_SWEEP_BAD_INPUT;
    long *axis_col = malloc(s->k * sizeof *axis_col);
    if (!axis_col) return LLA_SWEEP_NO_MEMORY;
    for (size_t j = 0; j < s->k; j++)
        if ((axis_col[j] = column(t, s->axis[j].name)) < 0) {
            free(axis_col);
            return fail(err, errlen, "%s:1: no column for axis %zu (%s) of axes.csv", t->path, j + 1, s->axis[j].name);
        }
    int rc = 0;
    s->points = t->rows;
    if (s->points == 0) rc = fail(err, errlen, "%s: no points", t->path);
    if (!rc) {
        s->role = calloc(s->points, sizeof *s->role);
        s->sample = malloc(s->points * sizeof *s->sample);
        s->moved = malloc(s->points * sizeof *s->moved);
        s->x = malloc(s->points * s->k * sizeof *s->x);
        if (!s->role || !s->sample || !s->moved || !s->x || !(s->design = dup(at(t, 0, (size_t)c[1]))))
            rc = LLA_SWEEP_NO_MEMORY;
    }
    for (size_t r = 0; !rc && r < t->rows; r++) {
        long point;
        if (parse_long(at(t, r, (size_t)c[0]), &point) || point < 0 || (size_t)point >= s->points)
            rc = fail(err, errlen, "%s:%d: point '%s' is not a number from 0 to %zu", t->path, t->line[r],
                      at(t, r, (size_t)c[0]), s->points - 1);
        else if (s->role[point])
            rc = fail(err, errlen, "%s:%d: point %ld appears twice", t->path, t->line[r], point);
        else if (strcmp(at(t, r, (size_t)c[1]), s->design))
            rc = fail(err, errlen, "%s:%d: design '%s' differs from the first row's '%s'", t->path, t->line[r],
                      at(t, r, (size_t)c[1]), s->design);
        else if (parse_long(at(t, r, (size_t)c[3]), &s->sample[point]) ||
                 parse_long(at(t, r, (size_t)c[4]), &s->moved[point]))
            rc = fail(err, errlen, "%s:%d: sample '%s' or moved '%s' is not a whole number", t->path, t->line[r],
                      at(t, r, (size_t)c[3]), at(t, r, (size_t)c[4]));
        else if (!(s->role[point] = dup(at(t, r, (size_t)c[2]))))
            rc = LLA_SWEEP_NO_MEMORY;
        for (size_t j = 0; !rc && j < s->k; j++)
            if (parse_double(at(t, r, (size_t)axis_col[j]), &s->x[(size_t)point * s->k + j]))
                rc = fail(err, errlen, "%s:%d: %s = '%s' is not a finite number", t->path, t->line[r], s->axis[j].name,
                          at(t, r, (size_t)axis_col[j]));
    }
    free(axis_col);
    return rc;
}

static int read_points(lla_sweep *s, const csv *t, char *err, size_t errlen)
{
    static const char *const names[] = {"point", "indicator", "mean"};
    long c[3];
    if (need_columns(t, names, 3, c, err, errlen)) return LLA_SWEEP_BAD_INPUT;
    size_t cap = 16;
    s->indicator = malloc(cap * sizeof *s->indicator);
    if (!s->indicator) return LLA_SWEEP_NO_MEMORY;
    long *which = malloc((t->rows + 1) * sizeof *which);
    if (!which) return LLA_SWEEP_NO_MEMORY;
    int rc = 0;
    /* First the indicators, in the order they appear; then the values. */
    for (size_t r = 0; !rc && r < t->rows; r++) {
        const char *name = at(t, r, (size_t)c[1]);
        long i = lla_sweep_indicator_find(s, name);
        if (!*name) {
            rc = fail(err, errlen, "%s:%d: empty indicator", t->path, t->line[r]);
        } else if (i < 0) {
            if (s->n_indicators == cap) {
                char **g = realloc(s->indicator, (cap *= 2) * sizeof *g);
                if (!g) {
                    rc = LLA_SWEEP_NO_MEMORY;
                    break;
                }
                s->indicator = g;
            }
            if (!(s->indicator[s->n_indicators] = dup(name))) rc = LLA_SWEEP_NO_MEMORY;
            else i = (long)s->n_indicators++;
        }
        which[r] = i;
    }
    if (!rc && s->n_indicators == 0) rc = fail(err, errlen, "%s: no rows", t->path);
    if (!rc && !(s->mean = malloc(s->n_indicators * s->points * sizeof *s->mean))) rc = LLA_SWEEP_NO_MEMORY;
    unsigned char *seen = rc ? NULL : calloc(s->n_indicators * s->points, 1);
    if (!rc && !seen) rc = LLA_SWEEP_NO_MEMORY;
    for (size_t q = 0; !rc && q < s->n_indicators * s->points; q++) s->mean[q] = NAN;
    for (size_t r = 0; !rc && r < t->rows; r++) {
        long point;
        double v = NAN;
        const char *mean = at(t, r, (size_t)c[2]);
        if (parse_long(at(t, r, (size_t)c[0]), &point) || point < 0 || (size_t)point >= s->points)
            rc = fail(err, errlen, "%s:%d: point '%s' is not in plan.csv (points 0 to %zu)", t->path, t->line[r],
                      at(t, r, (size_t)c[0]), s->points - 1);
        else if (*mean && parse_double(mean, &v))
            rc = fail(err, errlen, "%s:%d: mean '%s' is not a finite number", t->path, t->line[r], mean);
        else if (seen[(size_t)which[r] * s->points + (size_t)point]++)
            rc = fail(err, errlen, "%s:%d: point %ld, indicator %s appears twice", t->path, t->line[r], point,
                      s->indicator[which[r]]);
        else
            s->mean[(size_t)which[r] * s->points + (size_t)point] = v;
    }
    free(seen);
    free(which);
    return rc;
}

int lla_sweep_read(lla_sweep *s, const char *dir, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    if (!(s->dir = dup(dir))) return LLA_SWEEP_NO_MEMORY;
    int (*const readers[3])(lla_sweep *, const csv *, char *, size_t) = {read_axes, read_plan, read_points};
    for (int f = 0; f < 3; f++) {
        csv t;
        int rc = csv_read(&t, dir, lla_sweep_files[f], s->sha256[f], err, errlen);
        if (!rc) rc = readers[f](s, &t, err, errlen);
        csv_free(&t);
        if (rc) {
            lla_sweep_free(s);
            return rc;
        }
    }
    return 0;
}

void lla_sweep_free(lla_sweep *s)
{
    for (size_t j = 0; s->axis && j < s->k; j++) free(s->axis[j].name);
    for (size_t p = 0; s->role && p < s->points; p++) free(s->role[p]);
    for (size_t i = 0; i < s->n_indicators; i++) free(s->indicator[i]);
    free(s->dir), free(s->axis), free(s->design), free(s->role), free(s->sample), free(s->moved), free(s->x);
    free(s->indicator), free(s->mean);
    memset(s, 0, sizeof *s);
}

long lla_sweep_indicator_find(const lla_sweep *s, const char *name)
{
    for (size_t i = 0; i < s->n_indicators; i++)
        if (!strcmp(s->indicator[i], name)) return (long)i;
    return -1;
}

double lla_sweep_unit(const lla_sweep *s, size_t axis, double value)
{
    const lla_sweep_axis *a = &s->axis[axis];
    if (a->max == a->min) return 0.0;
    if (a->log) return (log(value) - log(a->min)) / (log(a->max) - log(a->min));
    return (value - a->min) / (a->max - a->min);
}

/* ---- the designs ---- */

static int same_value(double a, double b) { return fabs(a - b) <= 1e-9 * fmax(1.0, fmax(fabs(a), fabs(b))); }

static int not_a(const lla_sweep *s, const char *design, char *err, size_t errlen)
{
    return fail(err, errlen,
                "%s/plan.csv: the design is '%s', not a %s design: run the sweep with sampling = \"%s\" "
                "(docs/sweeps.md)",
                s->dir, s->design, design, design);
}

int lla_saltelli_plan_of(const lla_sweep *s, lla_saltelli_plan *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    if (strcmp(s->design, "saltelli")) return not_a(s, "saltelli", err, errlen);
    size_t k = s->k;
    if (s->points % (k + 2))
        return fail(err, errlen, "%s/plan.csv: %zu points are not a multiple of k + 2 = %zu, as a Saltelli design's are",
                    s->dir, s->points, k + 2);
    size_t n = s->points / (k + 2);
    if (n < 2) return fail(err, errlen, "%s/plan.csv: a Saltelli design of %zu samples; the indices need at least 2", s->dir, n);
    p->n = n;
    size_t *slot = malloc((k + 2) * n * sizeof *slot); /* role A, B, AB1.. then sample */
    if (!slot) return LLA_SWEEP_NO_MEMORY;
    for (size_t q = 0; q < (k + 2) * n; q++) slot[q] = (size_t)-1;
    int rc = 0;
    for (size_t pt = 0; !rc && pt < s->points; pt++) {
        const char *role = s->role[pt];
        long r = -1, j = 0;
        if (!strcmp(role, "A")) r = 0;
        else if (!strcmp(role, "B")) r = 1;
        else if (!strncmp(role, "AB", 2) && !parse_long(role + 2, &j) && j >= 1 && (size_t)j <= k) r = j + 1;
        if (r < 0)
            rc = fail(err, errlen, "%s/plan.csv: point %zu: role '%s' is not A, B or AB1..AB%zu", s->dir, pt, role, k);
        else if (s->moved[pt] != (r >= 2 ? j : 0))
            rc = fail(err, errlen, "%s/plan.csv: point %zu: role %s with moved = %ld, expected %ld", s->dir, pt, role,
                      s->moved[pt], r >= 2 ? j : 0L);
        else if (s->sample[pt] < 0 || (size_t)s->sample[pt] >= n)
            rc = fail(err, errlen, "%s/plan.csv: point %zu: sample %ld is outside 0..%zu", s->dir, pt, s->sample[pt], n - 1);
        else if (slot[(size_t)r * n + (size_t)s->sample[pt]] != (size_t)-1)
            rc = fail(err, errlen, "%s/plan.csv: point %zu: role %s, sample %ld appears twice", s->dir, pt, role,
                      s->sample[pt]);
        else
            slot[(size_t)r * n + (size_t)s->sample[pt]] = pt;
    }
    /* Every slot is filled now: P = N (k+2) points, none twice. AB_j must be A with column j
     * from B, or the estimators' differences would not isolate axis j. */
    for (size_t j = 0; !rc && j < k; j++)
        for (size_t i = 0; !rc && i < n; i++) {
            const double *ab = s->x + slot[(j + 2) * n + i] * k, *a = s->x + slot[i] * k, *b = s->x + slot[n + i] * k;
            for (size_t c = 0; !rc && c < k; c++)
                if (!same_value(ab[c], c == j ? b[c] : a[c]))
                    rc = fail(err, errlen,
                              "%s/plan.csv: point %zu (AB%zu, sample %zu): %s = %.17g, but the Saltelli design takes it "
                              "from %s sample %zu, %.17g",
                              s->dir, slot[(j + 2) * n + i], j + 1, i, s->axis[c].name, ab[c], c == j ? "B" : "A", i,
                              c == j ? b[c] : a[c]);
        }
    if (rc) {
        free(slot);
        return rc;
    }
    p->a = slot;
    p->b = slot + n;
    p->ab = slot + 2 * n;
    return 0;
}

void lla_saltelli_plan_free(lla_saltelli_plan *p)
{
    free(p->a);
    memset(p, 0, sizeof *p);
}

int lla_morris_plan_of(const lla_sweep *s, lla_morris_plan *p, char *err, size_t errlen)
{
    memset(p, 0, sizeof *p);
    if (strcmp(s->design, "morris")) return not_a(s, "morris", err, errlen);
    size_t k = s->k, steps = k + 1;
    if (s->points % steps)
        return fail(err, errlen, "%s/plan.csv: %zu points are not a multiple of k + 1 = %zu, as a Morris design's are",
                    s->dir, s->points, steps);
    size_t r = s->points / steps;
    p->r = r;
    p->point = malloc(s->points * sizeof *p->point);
    p->moved = malloc(s->points * sizeof *p->moved);
    p->x_unit = malloc(s->points * k * sizeof *p->x_unit);
    if (!p->point || !p->moved || !p->x_unit) {
        lla_morris_plan_free(p);
        return LLA_SWEEP_NO_MEMORY;
    }
    for (size_t q = 0; q < s->points; q++) p->point[q] = (size_t)-1;
    int rc = 0;
    for (size_t pt = 0; !rc && pt < s->points; pt++) {
        long t = 0;
        const char *role = s->role[pt];
        long step = s->sample[pt];
        if (role[0] != 'T' || parse_long(role + 1, &t) || t < 1 || (size_t)t > r)
            rc = fail(err, errlen, "%s/plan.csv: point %zu: role '%s' is not a trajectory T1..T%zu", s->dir, pt, role, r);
        else if (step < 0 || (size_t)step > k)
            rc = fail(err, errlen, "%s/plan.csv: point %zu: step (sample) %ld is outside 0..%zu", s->dir, pt, step, k);
        else if (p->point[(size_t)(t - 1) * steps + (size_t)step] != (size_t)-1)
            rc = fail(err, errlen, "%s/plan.csv: point %zu: trajectory %s, step %ld appears twice", s->dir, pt, role, step);
        else if (step == 0 ? s->moved[pt] != 0 : s->moved[pt] < 1 || (size_t)s->moved[pt] > k)
            rc = fail(err, errlen, "%s/plan.csv: point %zu: moved = %ld, expected %s", s->dir, pt, s->moved[pt],
                      step == 0 ? "0 at a trajectory's start" : "an axis 1..k");
        else
            p->point[(size_t)(t - 1) * steps + (size_t)step] = pt;
    }
    /* Each step moves its axis and nothing else, and each axis once per trajectory. */
    for (size_t t = 0; !rc && t < r; t++) {
        unsigned char *done = calloc(k, 1);
        if (!done) rc = LLA_SWEEP_NO_MEMORY;
        for (size_t st = 0; !rc && st <= k; st++) {
            size_t row = t * steps + st, pt = p->point[row];
            for (size_t c = 0; c < k; c++) p->x_unit[row * k + c] = lla_sweep_unit(s, c, s->x[pt * k + c]);
            p->moved[row] = (int)s->moved[pt] - 1;
            if (st == 0) continue;
            size_t j = (size_t)p->moved[row], prev = p->point[row - 1];
            if (done[j]++)
                rc = fail(err, errlen, "%s/plan.csv: point %zu: trajectory T%zu moves axis %zu twice", s->dir, pt, t + 1,
                          j + 1);
            for (size_t c = 0; !rc && c < k; c++) {
                int differs = !same_value(s->x[pt * k + c], s->x[prev * k + c]);
                if (differs != (c == j))
                    rc = fail(err, errlen, "%s/plan.csv: point %zu (T%zu, step %zu): %s %s from point %zu, but moved = %zu",
                              s->dir, pt, t + 1, st, s->axis[c].name, differs ? "changes" : "does not change", prev,
                              j + 1);
            }
        }
        free(done);
    }
    if (rc) lla_morris_plan_free(p);
    return rc;
}

void lla_morris_plan_free(lla_morris_plan *p)
{
    free(p->point), free(p->moved), free(p->x_unit);
    memset(p, 0, sizeof *p);
}
