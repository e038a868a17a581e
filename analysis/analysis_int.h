/* The analysis library's private parts: the file readers, the statistics, the tables of key
 * indicators, the plots and the files waiting to be written. */
#ifndef LLA_ANALYSIS_INT_H
#define LLA_ANALYSIS_INT_H

#include <stddef.h>

#include "analysis/analysis.h"
#include "sim/durable.h"
#include "sim/manifest.h"

/* ---- CSV (csv.c): llosim's tables have no quoting, so a row is split in place on commas. ---- */

#define LLA_CSV_MAX_COLUMNS 512

typedef struct lla_csv {
    const char *path;            /* for messages */
    char *pos, *end;             /* the unread text (modified in place) */
    long line;                   /* the line of the current row, from 1 (the header) */
    int n_columns;
    char *header[LLA_CSV_MAX_COLUMNS];
    char *field[LLA_CSV_MAX_COLUMNS];
} lla_csv;

/* Starts reading text[0..len) (which must stay alive and is modified) and reads the header. */
int lla_csv_open(lla_csv *c, const char *path, char *text, size_t len, char *err, size_t errlen);
/* Reads the next row: 1, 0 at the end, -1 with a message (file:line) for a malformed row. */
int lla_csv_next(lla_csv *c, char *err, size_t errlen);
/* The index of a header column, or -1. */
int lla_csv_column(const lla_csv *c, const char *name);
/* The current row's field as a number; an empty field is NAN (NA). -1 with file:line:column. */
int lla_csv_number(const lla_csv *c, int col, double *out, char *err, size_t errlen);
/* The current row's field as a whole number in [lo, hi]. */
int lla_csv_int(const lla_csv *c, int col, long lo, long hi, long *out, char *err, size_t errlen);

/* ---- JSON (json.c): just enough to read the manifests llosim writes. ---- */

/* The value of member `key` of the object starting at obj (after whitespace), or NULL. */
const char *lla_json_member(const char *obj, const char *key);
/* A string value into out (escapes \" \\ \/ \n \t \uXXXX for ASCII); -1 if not a string. */
int lla_json_string(const char *v, char *out, size_t n);
/* A number value; -1 if not a number. */
int lla_json_number(const char *v, double *out);
/* The end of the value at v, or NULL when malformed. */
const char *lla_json_skip(const char *v);
/* The elements of the array at v: calls each(elem, ctx) in order; -1 if not an array. */
int lla_json_array(const char *v, int (*each)(const char *elem, void *ctx), void *ctx);

/* ---- statistics (stats.c) ---- */

/* Mean, standard deviation and the 95% t-interval of x[0..n), NAN values skipped. n_out is
 * the number used; sd and the interval are NAN when fewer than two remain. */
typedef struct lla_estimate {
    double mean, sd, ci_low, ci_high;
    int n;
} lla_estimate;

lla_estimate lla_estimate_of(const double *x, int n);

/* ---- periods (periods.c): each calendar year and the last five years ---- */

typedef struct lla_period {
    char label[16];      /* "2021" or "last5" */
    int first, last;     /* months, inclusive */
} lla_period;

/* The periods of a run's calendar: each year, then "last5" (the last 60 months, or all of a
 * shorter run). Returns the number written to out (at most cap). */
int lla_periods(const lla_run *run, lla_period *out, int cap);
/* The mean of series s over a period in replicate r, NA months skipped (NAN if all are NA). */
double lla_period_mean(const lla_run *run, size_t s, int r, const lla_period *p);

/* ---- the indicators a reader looks at first (indicators.c) ---- */

typedef enum { LLA_UNIT_SHARE, LLA_UNIT_INDEX, LLA_UNIT_COUNT, LLA_UNIT_EUR } lla_unit;

typedef struct lla_key_indicator {
    const char *column;   /* timeseries.csv column */
    const char *label;    /* plain words, e.g. "two-year participation of employed workers" */
    lla_unit unit;
} lla_key_indicator;

extern const lla_key_indicator lla_key_indicators[];
extern const int lla_n_key_indicators;

/* A funding instrument found in timeseries.csv's columns: <prefix>_spent_eur and friends. */
typedef struct lla_instrument {
    char prefix[64];
    long granted, spent, overhead, lapsed;   /* series of region "all", or -1 */
} lla_instrument;

/* The instruments of a run, in column order; returns their number (at most cap). */
int lla_instruments(const lla_run *run, lla_instrument *out, int cap);
/* A plain label of an instrument prefix ("jobseeker_fund" -> "job-seeker fund"). */
const char *lla_instrument_label(const char *prefix);

/* ---- files waiting to be written ---- */

typedef struct lla_outputs {
    llo_out_file *files;
    char **names;        /* owned copies of the names */
    int n, cap;
} lla_outputs;

/* Adds an empty file called name (e.g. "plots/x.png") and returns its buffer, or NULL. */
llo_buf *lla_outputs_add(lla_outputs *o, const char *name);
/* Fills in the hashes for the manifest; -1 with err if a file could not be built. The files
 * are then written with the manifest as one set: llo_write_outputs(dir, o->files, o->n, ...). */
int lla_outputs_hash(lla_outputs *o, char *err, size_t errlen);
void lla_outputs_free(lla_outputs *o);

/* ---- plots (plot.c) ---- */

/* Which plots: the key indicators over time with 95% bands per run, participation by group
 * per run, money per funding instrument per run. The PNG and SVG of each are added to out as
 * plots/<prefix><name>.{png,svg}; their titles, in order, to titles (one per plot, owned). */
typedef struct lla_plot_list {
    char *name[64];      /* the plot's base name under plots/ (without extension) */
    char *title[64];
    int n;
} lla_plot_list;

int lla_plots_make(lla_run *const *runs, int n_runs, const char *prefix, lla_outputs *out, lla_plot_list *list,
                   char *err, size_t errlen);
void lla_plot_list_free(lla_plot_list *l);

/* ---- a comparison, computed (compare.c) and reported (report.c) ---- */

/* One alternative against the base for one series and period, over paired replicates. */
typedef struct lla_diff {
    double mean, base_mean;  /* over the replicates where both are defined */
    lla_estimate d;          /* of alt_k - base_k */
} lla_diff;

typedef struct lla_comparison {
    lla_run *const *runs;    /* runs[0] is the base */
    int n_runs;
    lla_period periods[64];
    int n_periods;
    long *alt_series;        /* [(alt - 1) * base series + s]: the same series in run alt */
    /* Meaningful sizes set for this comparison (llosim compare --threshold), over the defaults. */
    struct lla_threshold_set {
        char key[64];
        double size;
        int relative;
    } thresholds[64];
    int n_thresholds;
    lla_diff *diffs;         /* [((alt - 1) * base series + s) * n_periods + p] */
} lla_comparison;

static inline const lla_diff *lla_diff_at(const lla_comparison *c, int alt, size_t s, int p)
{
    return &c->diffs[(((size_t)alt - 1) * c->runs[0]->n_series + s) * (size_t)c->n_periods + (size_t)p];
}

/* report.html: what was compared, the headline differences in words, the plots and how to
 * reproduce it all. plots are the PNGs in out (plots/<name>.png). */
void lla_report_html(llo_buf *b, const lla_comparison *c, const lla_plot_list *plots, const lla_outputs *out,
                     const char *command);

/* ---- text helpers ---- */

void lla_html_escape(llo_buf *b, const char *s);
void lla_base64(llo_buf *b, const unsigned char *data, size_t n);

#endif
