/* Global sensitivity analysis over arrays of model outputs: Sobol indices (first-order and
 * total, with bootstrap confidence intervals) from a Saltelli design, and Morris elementary
 * effects from trajectories. Pure functions over caller-owned arrays: no files, no engine
 * memory, no hidden state; the same inputs and seed give the same numbers on every machine.
 *
 * Conventions: k axes (inputs), numbered 0..k-1 here (1..k in files). A value in "unit space"
 * is an axis value mapped onto [0, 1] by its range (and its log scale, if any). Functions
 * return 0 on success and a negative LLA_SENS_* code otherwise; they never print. */
#ifndef LLA_SENSITIVITY_H
#define LLA_SENSITIVITY_H

#include <stddef.h>
#include <stdint.h>

enum {
    LLA_SENS_OK = 0,
    LLA_SENS_NO_MEMORY = -1,
    LLA_SENS_BAD_SIZE = -2,      /* too few samples, trajectories or axes, or too many axes */
    LLA_SENS_NO_VARIANCE = -3,   /* every output equal: the indices are undefined (set to NAN) */
    LLA_SENS_NOT_FINITE = -4,    /* an output is NaN or infinite */
    LLA_SENS_NO_STEP = -5        /* a Morris step does not move its axis */
};

/* The estimator of the first-order index. Both use the same total-effect estimator (Jansen). */
typedef enum lla_sobol_estimator {
    LLA_SOBOL_SALTELLI, /* Saltelli et al. (2010): S_j = mean(yB (yAB_j - yA)) / V */
    LLA_SOBOL_JANSEN    /* Jansen (1999):          S_j = (V - mean((yB - yAB_j)^2) / 2) / V */
} lla_sobol_estimator;

/* One axis's indices and their percentile bootstrap intervals; intervals are NAN when no
 * bootstrap was asked for, every index NAN when the output has no variance. */
typedef struct lla_sobol_index {
    double s1, s1_low, s1_high; /* first-order: the share of the variance this axis causes alone */
    double st, st_low, st_high; /* total: its share counting every interaction it takes part in */
} lla_sobol_index;

/* Point estimates from N rows of the design. y_a and y_b are the outputs at the rows of
 * matrices A and B; y_ab[j] the outputs at AB_j (A with column j taken from B). V is the
 * variance of y_a and y_b together. Outputs are centred on their mean first: that leaves every
 * estimator's expectation unchanged but makes the Saltelli first-order estimate, whose product
 * yB (yAB_j - yA) is not shift-invariant, no noisier for an output far from zero. s1 and st
 * have k entries. Needs n >= 2. */
int lla_sobol_estimate(size_t n, size_t k, const double *y_a, const double *y_b, const double *const *y_ab,
                       lla_sobol_estimator est, double *s1, double *st);

/* The estimates plus percentile intervals at `level` (e.g. 0.95) from `bootstrap` resamples of
 * the N rows with replacement (a row carries its y_a, y_b and every y_ab[j] together). Resample b
 * draws its rows from Philox keyed by (seed, b) alone, so the intervals are reproducible and
 * independent of any other random stream. bootstrap = 0: intervals NAN. */
int lla_sobol_analyze(size_t n, size_t k, const double *y_a, const double *y_b, const double *const *y_ab,
                      lla_sobol_estimator est, int bootstrap, uint64_t seed, double level, lla_sobol_index *out);

/* One axis's elementary-effect statistics (Morris 1991; Campolongo et al. 2007 for mu*). */
typedef struct lla_morris_effect {
    double mu;      /* mean elementary effect: its sign says the direction, but effects of opposite sign cancel */
    double mu_star; /* mean absolute elementary effect: the overall importance, the ranking measure */
    double sigma;   /* standard deviation of the effects: non-linearity or interactions; NAN with one trajectory */
    double mu_star_conf; /* half-width of mu*'s bootstrap interval (SALib's mu_star_conf); NAN without one */
    int effects;    /* elementary effects averaged (one per trajectory) */
} lla_morris_effect;

/* Elementary effects from r trajectories of k+1 points each. Point s of trajectory t is row
 * t*(k+1)+s: x_unit holds its k unit-space coordinates, y its output, moved the axis (0..k-1)
 * changed from point s-1 (ignored at s = 0). The effect of step s is
 * (y_s - y_{s-1}) / (x_s[j] - x_{s-1}[j]) with j = moved: the change of the output per whole
 * range of the axis, comparable across axes whatever their units. out has k entries. */
int lla_morris_analyze(size_t r, size_t k, const double *x_unit, const int *moved, const double *y,
                       lla_morris_effect *out);

/* lla_morris_analyze plus mu*'s bootstrap interval, as SALib's mu_star_conf: each axis's r
 * elementary effects are resampled with replacement `bootstrap` times, mu* is taken of every
 * resample, and mu_star_conf = z((1 + level) / 2) times the standard deviation of those mu*, so
 * that mu* -/+ mu_star_conf is the interval at `level`. Resample b of axis j draws from Philox
 * keyed by (seed, b, j) alone. bootstrap = 0 (or one trajectory): mu_star_conf NAN. */
int lla_morris_analyze_conf(size_t r, size_t k, const double *x_unit, const int *moved, const double *y, int bootstrap,
                            uint64_t seed, double level, lla_morris_effect *out);

/* Ranks of k values from the largest (rank 1) down; NaN ranks last; ties keep axis order. */
void lla_rank_descending(size_t k, const double *value, int *rank);

/* Designs, in the sweep folders' layout (docs/sensitivity.md), over the unit cube: rows of k
 * unit-space coordinates, row-major.
 *
 * Saltelli: N (k+2) rows: A rows 0..N-1, B rows, then AB_1 .. AB_k rows; A and B are the first
 * and last k dimensions of the Sobol sequence in 2k dimensions (gsl_qrng_sobol, its first point,
 * the origin, skipped). moved[row] = j (1..k) on AB_j rows, 0 otherwise. Needs 1 <= k <= 20. */
int lla_saltelli_design(size_t n, size_t k, double *x, int *moved);

/* Morris: r trajectories of k+1 rows on a grid of `levels` levels (even, >= 2), step
 * Delta = levels / (2 (levels - 1)). Each trajectory starts at a random grid point from which
 * every axis can move by Delta, then moves each axis once, in a random order and direction.
 * moved[row] = the axis (1..k) changed from the previous row, 0 at a trajectory's start.
 * Draws come from Philox keyed by (seed, trajectory). */
int lla_morris_design(size_t r, size_t k, int levels, uint64_t seed, double *x, int *moved);

#endif
