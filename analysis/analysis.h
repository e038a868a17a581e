/* llosim's analysis: summaries over replicates, scenario comparisons with paired confidence
 * intervals, plots and a report, computed from a run folder's files alone (manifest.json,
 * timeseries.csv, groups.csv, network.csv, scenario.resolved.cfg). It never touches the
 * engine's memory, so it works just as well on folders copied back from a cluster.
 *
 * Errors come back as return codes with messages in a llo_diag; nothing here exits. Functions
 * that can be given bad input return LLO_BAD_INPUT (and write nothing), those that can fail
 * while writing return LLO_FAILED. */
#ifndef LLA_ANALYSIS_H
#define LLA_ANALYSIS_H

#include <stddef.h>
#include <stdio.h>

#include "config/scenario.h" /* llo_diag */
#include "sim/result.h"


/* A time series of one run: a timeseries.csv column of a region (dimension and group empty), a
 * groups.csv indicator of a group (region "all"), or a network.csv indicator of an actor type in
 * a region (dimension "actor_type"). */
typedef struct lla_series {
    char *region;
    char *dimension;
    char *group;
    char *indicator;
} lla_series;

/* What two runs must share to be compared replicate by replicate: the manifest's run settings
 * and the calendar. Filled from a manifest (lla_run_open) or from a loaded scenario. */
typedef struct lla_shape {
    char name[256];          /* the scenario's name, for messages */
    char version[64];        /* llosim_version */
    int replicates, months, burn_in_months;
    double scale;
    char first_date[8];      /* YYYY-MM of month 0 */
    char *seeds;             /* the replicate seeds, comma-separated (malloc'd) */
} lla_shape;

/* A run folder read from disk, verified against its manifest. */
typedef struct lla_run {
    char dir[4096];
    lla_shape shape;
    char git_describe[128];
    char scenario_file[4096];    /* as recorded in the manifest */
    char manifest_sha256[65];
    char *command;               /* the run's command line, shell-quoted (malloc'd) */
    char *resolved;              /* scenario.resolved.cfg (malloc'd, NUL-terminated) */
    char (*dates)[8];            /* per month, YYYY-MM */
    int n_regions;               /* regions in timeseries.csv order, "all" excluded */
    char **regions;
    size_t n_series;
    lla_series *series;
    double **values;             /* [series][replicate * months + month], NAN where the CSV cell is empty */
} lla_run;

/* The value of series s in replicate r (0-based) and month m. */
static inline double lla_value(const lla_run *run, size_t s, int r, int m)
{
    return run->values[s][(size_t)r * (size_t)run->shape.months + (size_t)m];
}

/* The index of a series, or -1. dimension and group may be NULL for "". */
long lla_series_find(const lla_run *run, const char *region, const char *dimension, const char *group,
                     const char *indicator);

/* Reads and verifies the run folder dir: its manifest (from this llosim version, complete),
 * the SHA-256 of every file read, and the tables' keys (every replicate, month and region
 * once). Returns NULL with messages in d (each naming the file, and the line where one
 * applies) when the folder cannot be used. */
lla_run *lla_run_open(const char *dir, llo_diag *d);
void lla_run_free(lla_run *run);

/* Checks that shapes[1..n) match shapes[0] (version, replicates, seeds, months, burn-in, scale,
 * start): adds one message per difference and returns their number. */
int lla_shapes_check(const lla_shape *shapes, int n, llo_diag *d);

/* The shell-quoted command line argv[0..argc), malloc'd. */
char *lla_command_line(int argc, char **argv);

/* Options shared by the writers. */
typedef struct lla_write_options {
    int argc;          /* the command line, recorded in the manifest and the report */
    char **argv;
    int quiet;         /* nothing on stdout */
    /* compare: meaningful sizes "indicator=SIZE" over the defaults (docs/report.md) */
    const char *const *thresholds;
    int n_thresholds;
} lla_write_options;

/* Checks a --threshold of compare ("indicator=SIZE" or "indicator=N%"): 0, or -1 with a
 * message naming what is wrong. */
int lla_threshold_check(const char *spec, char *err, size_t errlen);

/* `llosim summarize DIR`: writes DIR/summary.csv (mean, sd and 95% interval over replicates per
 * series and month), DIR/plots/summary-*.{png,svg} and, last, DIR/summary.json. */
int lla_summarize(const lla_run *run, const lla_write_options *o, llo_diag *d);

/* `llosim compare`: writes out_dir/comparison.csv (runs[1..n) against runs[0]), the plots,
 * report.html and, last, out_dir/manifest.json. The runs must match (lla_shapes_check). */
int lla_compare(lla_run *const *runs, int n, const char *out_dir, const lla_write_options *o, llo_diag *d);

/* 0 if gnuplot can be run, else -1 with a message: checked before anything is simulated. */
int lla_plots_available(char *err, size_t errlen);

/* Prints the column dictionary of comparison.csv and summary.csv, as `llosim columns` does. */
void lla_columns_print(FILE *out, int markdown);

#endif
