/* `llosim analyze sobol|morris DIR`: sensitivity analysis of a sweep folder (docs/sensitivity.md).
 * cli/analyze.c parses the command line into lla_analyze_options and calls lla_analyze. */
#ifndef LLA_ANALYZE_H
#define LLA_ANALYZE_H

#include <stdint.h>
#include <stdio.h>

#include "analysis/sensitivity/sensitivity.h"

#define LLA_ANALYZE_MAX_CHOSEN 256
#define LLA_ANALYZE_DEFAULT_BOOTSTRAP 1000
#define LLA_ANALYZE_DEFAULT_SEED 1

/* What to analyse and how. */
typedef struct lla_analyze_options {
    int sobol;                                   /* else morris */
    const char *dir;                             /* the sweep's folder */
    const char *chosen[LLA_ANALYZE_MAX_CHOSEN];  /* indicators asked for; none: every one */
    int n_chosen;
    lla_sobol_estimator estimator;               /* sobol's first-order estimator */
    int bootstrap;                               /* resamples for the intervals (S1, ST; mu*); 0: none */
    uint64_t seed;                               /* seed of the resampling */
    int plots;                                   /* draw plots/ (needs gnuplot) */
    int argc;                                    /* the command line, recorded in the manifest */
    char **argv;
} lla_analyze_options;

/* Analyses o->dir, prints the ranked tables and writes the method's table, plots and manifest.
 * Returns 0 success, 1 a failure while computing or writing, 2 bad input (with a message on
 * stderr, and nothing written). */
int lla_analyze(const lla_analyze_options *o);

/* The column dictionary of sobol.csv and morris.csv, appended to `llosim columns`. */
void lla_sensitivity_columns_print(FILE *out, int markdown);

#endif
