/* Reading llosim's CSV tables. The writer never quotes (names cannot hold commas or quotes), so
 * rows are split in place; a quote is refused rather than misread. Every message names the
 * file and line, and the column where one is at fault. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"

/* Splits the line at c->pos into dst; returns the number of fields or -1 if there are too many. */
static int split_line(lla_csv *c, char **dst, int *quoted)
{
    char *p = c->pos, *eol = memchr(p, '\n', (size_t)(c->end - p));
    if (!eol) eol = c->end;
    c->pos = eol < c->end ? eol + 1 : c->end;
    *eol = 0;
    if (eol > p && eol[-1] == '\r') eol[-1] = 0;
    int n = 0;
    *quoted = strchr(p, '"') != NULL;
    for (;;) {
        if (n == LLA_CSV_MAX_COLUMNS) return -1;
        dst[n++] = p;
        char *comma = strchr(p, ',');
        if (!comma) break;
        *comma = 0;
        p = comma + 1;
    }
    return n;
}

int lla_csv_open(lla_csv *c, const char *path, char *text, size_t len, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->path = path;
    c->pos = text;
    c->end = text + len;
    c->line = 1;
    if (len == 0) {
        snprintf(err, errlen, "%s: empty file, expected a header line", path);
        return -1;
    }
    if (memchr(text, 0, len)) {
        snprintf(err, errlen, "%s: holds a NUL byte; not a CSV table", path);
        return -1;
    }
    int quoted;
    c->n_columns = split_line(c, c->header, &quoted);
    if (c->n_columns < 0 || quoted) {
        snprintf(err, errlen, "%s:1: %s", path, quoted ? "quoted fields are not llosim's format" : "too many columns");
        return -1;
    }
    return 0;
}

int lla_csv_next(lla_csv *c, char *err, size_t errlen)
{
    while (c->pos < c->end) {
        c->line++;
        if (*c->pos == '\n' || (*c->pos == '\r' && c->pos + 1 < c->end && c->pos[1] == '\n')) {
            /* An empty line is allowed only as the last one. */
            char *q = c->pos;
            while (q < c->end && (*q == '\n' || *q == '\r')) q++;
            if (q == c->end) return 0;
            snprintf(err, errlen, "%s:%ld: empty line inside the table", c->path, c->line);
            return -1;
        }
        int quoted, n = split_line(c, c->field, &quoted);
        if (quoted) {
            snprintf(err, errlen, "%s:%ld: quoted fields are not llosim's format", c->path, c->line);
            return -1;
        }
        if (n != c->n_columns) {
            snprintf(err, errlen, "%s:%ld: %d fields where the header has %d (a truncated or edited file?)", c->path,
                     c->line, n < 0 ? LLA_CSV_MAX_COLUMNS : n, c->n_columns);
            return -1;
        }
        return 1;
    }
    return 0;
}

int lla_csv_column(const lla_csv *c, const char *name)
{
    for (int k = 0; k < c->n_columns; k++)
        if (strcmp(c->header[k], name) == 0) return k;
    return -1;
}

int lla_csv_number(const lla_csv *c, int col, double *out, char *err, size_t errlen)
{
    const char *s = c->field[col];
    if (!*s) {
        *out = NAN;
        return 0;
    }
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (*end || errno == ERANGE || !isfinite(v)) {
        snprintf(err, errlen, "%s:%ld: %s: '%s' is not a number", c->path, c->line, c->header[col], s);
        return -1;
    }
    *out = v;
    return 0;
}

int lla_csv_int(const lla_csv *c, int col, long lo, long hi, long *out, char *err, size_t errlen)
{
    const char *s = c->field[col];
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi) {
        snprintf(err, errlen, "%s:%ld: %s: '%s' is not a whole number from %ld to %ld", c->path, c->line,
                 c->header[col], s, lo, hi);
        return -1;
    }
    *out = v;
    return 0;
}
