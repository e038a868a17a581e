/* Calibration by the method of simulated moments: the settings a calibration file names
 * (calibration/calibration_file.h) are moved, within their bounds, to bring the model's moments close to
 * target values. The objective is the weighted sum of squared deviations,
 *
 *   J(x) = sum_t weight_t * ((m_t(x) - target_t) / scale_t)^2,   scale_t = |target_t| by default,
 *
 * so deviations are relative unless a target gives its own scale; a moment that is undefined
 * (nobody in its denominator) adds weight_t * LLO_CALIB_NA_PENALTY. A moment m_t is the mean of
 * its monthly value over the last average_last_months written months of every replicate.
 * Every evaluation simulates the same seeds and replicates (common random numbers), so J is a
 * deterministic function of x. The bounded parameters are searched in an unbounded transform,
 * z = logit((x - min) / (max - min)), by GSL's Nelder-Mead simplex. */
#ifndef LLO_CALIBRATE_H
#define LLO_CALIBRATE_H

#include <stdio.h>

#include "analysis/calibration/calibration_file.h"

/* What an undefined moment adds to the objective, per unit of weight: far more than any
 * defined deviation of a sensible target, yet finite, so the simplex can move away from it. */
#define LLO_CALIB_NA_PENALTY 1000.0

/* Where a search has got to: evaluation `evaluation` of at most `budget` gave `objective`; the
 * best so far is `best`. */
typedef struct llo_calibrate_progress {
    int evaluation, budget;
    double objective, best;
} llo_calibrate_progress;

typedef struct llo_calibrate_options {
    const char *out_dir;     /* NULL: out/calibration-<name>/ */
    int threads;             /* 0: OpenMP's default; never changes the results */
    int argc;                /* the command line, recorded in the outputs */
    char **argv;
    /* Called after every evaluation, when not NULL; the library itself never prints. */
    void (*progress)(const llo_calibrate_progress *at, void *ctx);
    void *progress_ctx;
} llo_calibrate_options;

/* What a calibration found. */
typedef struct llo_calibrate_result {
    int evaluations;
    int best_evaluation;                         /* numbered from 1, like calibration.csv */
    double start_objective, best_objective;      /* at the first evaluation and at the best */
    double start_x[LLO_CALIB_MAX_PARAMS], best_x[LLO_CALIB_MAX_PARAMS];
    double start_moments[LLO_CALIB_MAX_TARGETS], best_moments[LLO_CALIB_MAX_TARGETS];
    char stop[128];                              /* why the search stopped */
    char out_dir[4200];                          /* where the outputs went */
} llo_calibrate_result;

/* Simulates the calibration's runs with parameter values x (one per c->params, in order),
 * writes each target's moment to moments (NAN when undefined) and the objective to *objective.
 * The same x always gives the same bits, at any thread count. Returns 0, or -1 with a message
 * in err. */
int llo_calibration_evaluate(const llo_calibration *c, const double *x, double *moments, double *objective,
                             char *err, size_t errlen);

/* Runs the search from the scenario's values and writes calibrated.cfg (the scenario with the
 * fitted values), calibration.csv (every evaluation) and, last, manifest.json, each atomically.
 * r may be NULL. Returns 0, or -1 with messages in d. */
int llo_calibrate(const llo_calibration *c, const llo_calibrate_options *o, llo_calibrate_result *r, llo_diag *d);

/* Prints what a calibration would do (for `llosim calibrate --check`). */
void llo_calibration_describe(const llo_calibration *c, FILE *out);

#endif
