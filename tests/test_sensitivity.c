/* Sensitivity analysis: Sobol indices of the Ishigami function at their known values, with
 * bootstrap intervals that cover them; Morris ranking a function whose ranking is known and
 * finding its non-linear and interacting axes; and `llosim analyze` over sweep folders written
 * here per the file contract, bad ones refused with exit 2 and nothing written. */
#include <math.h>
#include <unistd.h>

#include "analysis/sensitivity/sensitivity.h"
#include "testutil.h"

#define PI 3.14159265358979323846

/* Ishigami (a = 7, b = 0.1) over X_i ~ U(-pi, pi), and its analytic indices (Ishigami and Homma
 * 1990; Sobol' and Levitan 1999): V = a^2/8 + b pi^4/5 + b^2 pi^8/18 + 1/2. */
static double ishigami(const double *x) { return sin(x[0]) + 7.0 * sin(x[1]) * sin(x[1]) + 0.1 * pow(x[2], 4) * sin(x[0]); }

static void ishigami_truth(double s1[3], double st[3])
{
    double a = 7.0, b = 0.1, pi4 = pow(PI, 4), pi8 = pow(PI, 8);
    double v1 = 0.5 * pow(1.0 + b * pi4 / 5.0, 2), v2 = a * a / 8.0, v13 = b * b * pi8 * (1.0 / 18.0 - 1.0 / 50.0);
    double v = v1 + v2 + v13;
    s1[0] = v1 / v, s1[1] = v2 / v, s1[2] = 0.0;
    st[0] = (v1 + v13) / v, st[1] = v2 / v, st[2] = v13 / v;
}

/* The Ishigami outputs over a Saltelli design of n samples: y holds A, B, AB1..AB3, each n. */
static double *ishigami_outputs(size_t n, double shift)
{
    size_t k = 3, rows = n * (k + 2);
    double *x = malloc(rows * k * sizeof *x), *y = malloc(rows * sizeof *y);
    int *moved = malloc(rows * sizeof *moved);
    cr_assert(x && y && moved);
    cr_assert_eq(lla_saltelli_design(n, k, x, moved), 0);
    for (size_t r = 0; r < rows; r++) {
        double u[3];
        for (size_t c = 0; c < k; c++) u[c] = -PI + 2.0 * PI * x[r * k + c];
        y[r] = ishigami(u) + shift;
    }
    free(x), free(moved);
    return y;
}

Test(sobol, the_known_values_of_the_ishigami_function)
{
    double s1_true[3], st_true[3];
    ishigami_truth(s1_true, st_true);
    /* The published values, as a check on the formula above. */
    cr_assert_float_eq(s1_true[0], 0.3139, 1e-4);
    cr_assert_float_eq(s1_true[1], 0.4424, 1e-4);
    cr_assert_float_eq(st_true[0], 0.5576, 1e-4);
    cr_assert_float_eq(st_true[2], 0.2437, 1e-4);
    size_t n = 1 << 13, k = 3;
    double *y = ishigami_outputs(n, 0.0);
    const double *y_ab[3] = {y + 2 * n, y + 3 * n, y + 4 * n};
    lla_sobol_estimator ests[2] = {LLA_SOBOL_SALTELLI, LLA_SOBOL_JANSEN};
    for (int e = 0; e < 2; e++) {
        lla_sobol_index ix[3];
        cr_assert_eq(lla_sobol_analyze(n, k, y, y + n, y_ab, ests[e], 500, 42, 0.95, ix), 0);
        for (size_t j = 0; j < k; j++) {
            cr_log_info("%s x%zu: S1 %.4f [%.4f, %.4f] (true %.4f), ST %.4f [%.4f, %.4f] (true %.4f)",
                        e ? "jansen" : "saltelli", j + 1, ix[j].s1, ix[j].s1_low, ix[j].s1_high, s1_true[j], ix[j].st,
                        ix[j].st_low, ix[j].st_high, st_true[j]);
            cr_expect(fabs(ix[j].s1 - s1_true[j]) < 0.02, "%s S1 of x%zu: %.4f, true %.4f", e ? "jansen" : "saltelli",
                      j + 1, ix[j].s1, s1_true[j]);
            cr_expect(fabs(ix[j].st - st_true[j]) < 0.02, "ST of x%zu: %.4f, true %.4f", j + 1, ix[j].st, st_true[j]);
            cr_expect(ix[j].s1_low <= s1_true[j] && s1_true[j] <= ix[j].s1_high, "%s S1 of x%zu: [%.4f, %.4f] misses %.4f",
                      e ? "jansen" : "saltelli", j + 1, ix[j].s1_low, ix[j].s1_high, s1_true[j]);
            cr_expect(ix[j].st_low <= st_true[j] && st_true[j] <= ix[j].st_high, "ST of x%zu: [%.4f, %.4f] misses %.4f",
                      j + 1, ix[j].st_low, ix[j].st_high, st_true[j]);
            /* Honest intervals: narrow enough to say something. */
            cr_expect(ix[j].st_high - ix[j].st_low < 0.1 && ix[j].s1_high - ix[j].s1_low < 0.1);
        }
    }
    free(y);
}

/* Estimates converge: a quarter of the samples is further from the truth than the full set, on
 * the sum of absolute errors (a check that the numbers are estimates of the truth, not luck). */
Test(sobol, more_samples_estimate_better)
{
    double s1_true[3], st_true[3];
    ishigami_truth(s1_true, st_true);
    double error[2];
    size_t sizes[2] = {1 << 9, 1 << 14};
    for (int q = 0; q < 2; q++) {
        size_t n = sizes[q];
        double *y = ishigami_outputs(n, 0.0), s1[3], st[3];
        const double *y_ab[3] = {y + 2 * n, y + 3 * n, y + 4 * n};
        cr_assert_eq(lla_sobol_estimate(n, 3, y, y + n, y_ab, LLA_SOBOL_SALTELLI, s1, st), 0);
        error[q] = 0.0;
        for (int j = 0; j < 3; j++) error[q] += fabs(s1[j] - s1_true[j]) + fabs(st[j] - st_true[j]);
        free(y);
    }
    cr_log_info("sum of absolute errors: %.4f at N = 512, %.4f at N = 16384", error[0], error[1]);
    cr_assert_lt(error[1], error[0]);
    cr_assert_lt(error[1], 0.03);
}

/* Adding a constant to the output changes nothing: the outputs are centred first. */
Test(sobol, a_shifted_output_has_the_same_indices)
{
    size_t n = 1 << 11;
    double *y = ishigami_outputs(n, 0.0), *z = ishigami_outputs(n, 1000.0);
    const double *y_ab[3] = {y + 2 * n, y + 3 * n, y + 4 * n}, *z_ab[3] = {z + 2 * n, z + 3 * n, z + 4 * n};
    for (int e = 0; e < 2; e++) {
        double s1y[3], sty[3], s1z[3], stz[3];
        cr_assert_eq(lla_sobol_estimate(n, 3, y, y + n, y_ab, (lla_sobol_estimator)e, s1y, sty), 0);
        cr_assert_eq(lla_sobol_estimate(n, 3, z, z + n, z_ab, (lla_sobol_estimator)e, s1z, stz), 0);
        for (int j = 0; j < 3; j++) {
            cr_assert_float_eq(s1y[j], s1z[j], 1e-9);
            cr_assert_float_eq(sty[j], stz[j], 1e-9);
        }
    }
    free(y), free(z);
}

Test(sobol, a_constant_output_has_no_indices)
{
    size_t n = 64;
    double y[64 * 4];
    for (size_t i = 0; i < 64 * 4; i++) y[i] = 0.25;
    const double *y_ab[2] = {y + 2 * n, y + 3 * n};
    lla_sobol_index ix[2];
    cr_assert_eq(lla_sobol_analyze(n, 2, y, y + n, y_ab, LLA_SOBOL_SALTELLI, 100, 1, 0.95, ix), LLA_SENS_NO_VARIANCE);
    cr_assert(isnan(ix[0].s1) && isnan(ix[1].st) && isnan(ix[0].st_low));
    y[5] = NAN;
    cr_assert_eq(lla_sobol_analyze(n, 2, y, y + n, y_ab, LLA_SOBOL_SALTELLI, 100, 1, 0.95, ix), LLA_SENS_NOT_FINITE);
}

Test(sobol, the_bootstrap_depends_on_its_seed_alone)
{
    size_t n = 256;
    double *y = ishigami_outputs(n, 0.0);
    const double *y_ab[3] = {y + 2 * n, y + 3 * n, y + 4 * n};
    lla_sobol_index a[3], b[3], c[3];
    cr_assert_eq(lla_sobol_analyze(n, 3, y, y + n, y_ab, LLA_SOBOL_SALTELLI, 200, 7, 0.95, a), 0);
    cr_assert_eq(lla_sobol_analyze(n, 3, y, y + n, y_ab, LLA_SOBOL_SALTELLI, 200, 7, 0.95, b), 0);
    cr_assert_eq(lla_sobol_analyze(n, 3, y, y + n, y_ab, LLA_SOBOL_SALTELLI, 200, 8, 0.95, c), 0);
    cr_assert_eq(memcmp(a, b, sizeof a), 0);
    cr_assert_neq(memcmp(a, c, sizeof a), 0);
    /* The point estimates do not depend on the bootstrap. */
    cr_assert_eq(a[0].s1, c[0].s1);
    free(y);
}

Test(sobol, the_saltelli_design_layout)
{
    size_t n = 16, k = 4;
    double x[16 * 6 * 4];
    int moved[16 * 6];
    cr_assert_eq(lla_saltelli_design(n, k, x, moved), 0);
    for (size_t j = 0; j < k; j++)
        for (size_t i = 0; i < n; i++) {
            size_t row = (2 + j) * n + i;
            cr_assert_eq(moved[row], (int)j + 1);
            for (size_t c = 0; c < k; c++) cr_assert_eq(x[row * k + c], c == j ? x[(n + i) * k + c] : x[i * k + c]);
        }
    for (size_t r = 0; r < 2 * n; r++) cr_assert_eq(moved[r], 0);
    for (size_t q = 0; q < n * (k + 2) * k; q++) cr_assert(x[q] >= 0.0 && x[q] < 1.0);
    cr_assert_eq(lla_saltelli_design(n, 21, x, moved), LLA_SENS_BAD_SIZE);
}

/* ---- Morris ---- */

/* Over the unit cube, with a clear ranking by mu*: x1 (10), x2 (6), x3 (3, non-linear), then x5
 * and x6 (about 1 each, interacting), x4 (no effect). */
static double ranked(const double *u) { return 10 * u[0] + 6 * u[1] + 3 * u[2] * u[2] + 0 * u[3] + 2 * u[4] * u[5]; }

Test(morris, the_design_moves_each_axis_once_by_delta)
{
    size_t r = 12, k = 6;
    int levels = 4;
    double delta = levels / (2.0 * (levels - 1)), x[12 * 7 * 6], again[12 * 7 * 6];
    int moved[12 * 7];
    cr_assert_eq(lla_morris_design(r, k, levels, 3, x, moved), 0);
    for (size_t t = 0; t < r; t++) {
        int count[6] = {0};
        cr_assert_eq(moved[t * (k + 1)], 0);
        for (size_t s = 0; s <= k; s++)
            for (size_t c = 0; c < k; c++) {
                double v = x[(t * (k + 1) + s) * k + c], level = v * (levels - 1);
                cr_assert(v >= -1e-12 && v <= 1.0 + 1e-12 && fabs(level - round(level)) < 1e-9, "off the grid: %g", v);
            }
        for (size_t s = 1; s <= k; s++) {
            int j = moved[t * (k + 1) + s] - 1;
            cr_assert(j >= 0 && j < (int)k);
            count[j]++;
            for (size_t c = 0; c < k; c++) {
                double d = x[(t * (k + 1) + s) * k + c] - x[(t * (k + 1) + s - 1) * k + c];
                cr_assert_float_eq(fabs(d), (int)c == j ? delta : 0.0, 1e-12);
            }
        }
        for (size_t c = 0; c < k; c++) cr_assert_eq(count[c], 1);
    }
    cr_assert_eq(lla_morris_design(r, k, levels, 3, again, moved), 0);
    cr_assert_eq(memcmp(x, again, sizeof x), 0);
    cr_assert_eq(lla_morris_design(r, k, 5, 3, x, moved), LLA_SENS_BAD_SIZE);
}

Test(morris, ranks_a_known_function_and_finds_its_nonlinear_axes)
{
    size_t r = 30, k = 6, rows = r * (k + 1);
    double *x = malloc(rows * k * sizeof *x), *y = malloc(rows * sizeof *y);
    int *moved = malloc(rows * sizeof *moved), *zero_based = malloc(rows * sizeof *zero_based), rank[6];
    cr_assert_eq(lla_morris_design(r, k, 4, 11, x, moved), 0);
    for (size_t q = 0; q < rows; q++) {
        y[q] = ranked(x + q * k);
        zero_based[q] = moved[q] - 1;
    }
    lla_morris_effect e[6];
    cr_assert_eq(lla_morris_analyze(r, k, x, zero_based, y, e), 0);
    double mu_star[6];
    for (size_t j = 0; j < k; j++) {
        mu_star[j] = e[j].mu_star;
        cr_log_info("x%zu: mu %.3f, mu* %.3f, sigma %.3f", j + 1, e[j].mu, e[j].mu_star, e[j].sigma);
        cr_assert_eq(e[j].effects, (int)r);
    }
    lla_rank_descending(k, mu_star, rank);
    cr_assert_eq(rank[0], 1);
    cr_assert_eq(rank[1], 2);
    cr_assert_eq(rank[2], 3);
    cr_assert_eq(rank[3], 6);
    cr_assert(rank[4] >= 4 && rank[4] <= 5 && rank[5] >= 4 && rank[5] <= 5);
    /* Linear axes have the same effect everywhere; x3 (squared), x5 and x6 (a product) do not. */
    cr_assert_float_eq(e[0].mu_star, 10.0, 1e-9);
    cr_assert_float_eq(e[1].mu_star, 6.0, 1e-9);
    cr_assert_float_eq(e[3].mu_star, 0.0, 1e-12);
    for (int j = 0; j < 4; j++)
        if (j != 2) cr_assert_lt(e[j].sigma, 1e-9);
    cr_assert_gt(e[2].sigma, 0.5);
    cr_assert_gt(e[4].sigma, 0.3);
    cr_assert_gt(e[5].sigma, 0.3);
    free(x), free(y), free(moved), free(zero_based);
}

/* mu*'s bootstrap interval (SALib's mu_star_conf): the same seed gives the same bytes, another
 * seed other numbers of the same size; the interval is zero where every effect is equal and
 * positive where they differ; with four times the trajectories it is about half as wide (the
 * standard error of a mean, 1 / sqrt(r)); and over independent designs the interval at 95%
 * covers the true mu* in most of them. */
static double ranked_conf(size_t r, uint64_t design_seed, uint64_t boot_seed, int bootstrap, lla_morris_effect *e)
{
    size_t k = 6, rows = r * (k + 1);
    double *x = malloc(rows * k * sizeof *x), *y = malloc(rows * sizeof *y);
    int *moved = malloc(rows * sizeof *moved);
    cr_assert_eq(lla_morris_design(r, k, 4, design_seed, x, moved), 0);
    for (size_t q = 0; q < rows; q++) {
        y[q] = ranked(x + q * k);
        moved[q] -= 1;
    }
    cr_assert_eq(lla_morris_analyze_conf(r, k, x, moved, y, bootstrap, boot_seed, 0.95, e), 0);
    double squared = e[2].mu_star_conf;
    free(x), free(y), free(moved);
    return squared;
}

Test(morris, mu_star_bootstrap_interval_like_salib)
{
    lla_morris_effect a[6], b[6], c[6], none[6];
    ranked_conf(40, 11, 1, 1000, a);
    ranked_conf(40, 11, 1, 1000, b);
    ranked_conf(40, 11, 2, 1000, c);
    ranked_conf(40, 11, 1, 0, none);
    for (int j = 0; j < 6; j++) {
        cr_assert(memcmp(&a[j].mu_star_conf, &b[j].mu_star_conf, sizeof(double)) == 0 && a[j].mu_star == b[j].mu_star,
                  "axis %d: the same seed gave another interval", j + 1);
        cr_assert_eq(a[j].mu_star, none[j].mu_star);
        cr_assert(isnan(none[j].mu_star_conf));
        cr_assert(a[j].mu_star_conf >= 0);
    }
    /* x1, x2 linear, x4 inert: every effect equal, no spread to resample */
    cr_assert_lt(a[0].mu_star_conf, 1e-9);
    cr_assert_lt(a[1].mu_star_conf, 1e-9);
    cr_assert_lt(a[3].mu_star_conf, 1e-12);
    for (int j = 2; j < 6; j += (j == 2 ? 2 : 1)) {
        cr_assert_gt(a[j].mu_star_conf, 0.0, "axis %d", j + 1);
        cr_assert_neq(a[j].mu_star_conf, c[j].mu_star_conf, "axis %d: the seed is not used", j + 1);
        cr_assert_lt(fabs(a[j].mu_star_conf / c[j].mu_star_conf - 1), 0.15, "axis %d: two seeds disagree", j + 1);
    }
    /* 4x the trajectories: half the width, within the noise of one design (0.3 to 0.75) */
    lla_morris_effect big[6];
    ranked_conf(160, 11, 1, 1000, big);
    for (int j = 2; j < 6; j += (j == 2 ? 2 : 1)) {
        double ratio = big[j].mu_star_conf / a[j].mu_star_conf;
        cr_log_info("axis %d: mu_star_conf %.4f at r = 40, %.4f at r = 160 (ratio %.2f)", j + 1, a[j].mu_star_conf,
                    big[j].mu_star_conf, ratio);
        cr_assert(ratio > 0.3 && ratio < 0.75, "axis %d: r = 160 gives %.2f times r = 40's interval", j + 1, ratio);
    }
    /* Coverage: over 100 independent designs of 20 trajectories, mu* -/+ mu_star_conf holds the
     * true mu* of x3 (the squared axis: the mean of |d(y)/dx3| over the grid, computed from a
     * design of 20,000 trajectories) in most of them. */
    lla_morris_effect truth[6];
    ranked_conf(20000, 99, 1, 0, truth);
    int covered = 0;
    for (uint64_t d = 1; d <= 100; d++) {
        lla_morris_effect e[6];
        ranked_conf(20, 1000 + d, 7, 200, e);
        covered += fabs(e[2].mu_star - truth[2].mu_star) <= e[2].mu_star_conf;
    }
    cr_log_info("coverage of x3's mu* at 95%%: %d of 100", covered);
    cr_assert(covered >= 85 && covered <= 100, "the 95%% interval covered the true mu* in %d of 100 designs", covered);
}

Test(morris, a_step_that_does_not_move_is_refused)
{
    double x[2 * 1] = {0.5, 0.5}, y[2] = {1.0, 2.0};
    int moved[2] = {0, 0};
    lla_morris_effect e;
    cr_assert_eq(lla_morris_analyze(1, 1, x, moved, y, &e), LLA_SENS_NO_STEP);
}

Test(rank, descending_with_nan_last_and_ties_in_axis_order)
{
    double v[5] = {0.2, NAN, 0.5, 0.2, 0.9};
    int rank[5];
    lla_rank_descending(5, v, rank);
    int expect[5] = {3, 5, 2, 4, 1};
    for (int j = 0; j < 5; j++) cr_assert_eq(rank[j], expect[j], "axis %d: rank %d", j, rank[j]);
}

/* ---- the command over sweep folders ---- */

typedef struct axis_def {
    const char *path, *index;
    double min, max;
    int log;
} axis_def;

static const axis_def ishigami_axes[3] = {
    {"workers.leave_rate", "", -PI, PI, 0}, {"regions.unemployment", "2", -PI, PI, 0}, {"governance.agency", "", -PI, PI, 0}};

static double real_value(const axis_def *a, double u)
{
    return a->log ? a->min * pow(a->max / a->min, u) : a->min + (a->max - a->min) * u;
}

static void axis_column(char *out, size_t n, const axis_def *a)
{
    if (*a->index) snprintf(out, n, "%s[%s]", a->path, a->index);
    else snprintf(out, n, "%s", a->path);
}

/* Writes DIR/axes.csv, plan.csv and points.csv for a design in unit space (rows of k), as a
 * sweep would: point numbers scrambled by a bijection (the reader must go by role and sample),
 * rows written in reverse, and two indicators computed from the real axis values. */
typedef double (*indicator_fn)(const double *real, const double *unit);

static void write_sweep(const char *dir, const char *design, const axis_def *axes, size_t k, const double *unit,
                        size_t rows, const char *const *role, const int *sample, const int *moved,
                        const char *const *names, const indicator_fn *fn, size_t n_fn)
{
    char path[512], col[128];
    snprintf(path, sizeof path, "%s/axes.csv", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fprintf(f, "axis,path,index,min,max,scale\n");
    for (size_t j = 0; j < k; j++)
        fprintf(f, "%zu,%s,%s,%.17g,%.17g,%s\n", j + 1, axes[j].path, axes[j].index, axes[j].min, axes[j].max,
                axes[j].log ? "log" : "linear");
    fclose(f);
    /* 7919 is prime and no design size here is a multiple of it. */
    size_t *point = malloc(rows * sizeof *point);
    for (size_t q = 0; q < rows; q++) point[q] = (q * 7919 + 3) % rows;
    snprintf(path, sizeof path, "%s/plan.csv", dir);
    f = fopen(path, "w");
    cr_assert_not_null(f);
    fprintf(f, "point,design,role,sample,moved");
    for (size_t j = 0; j < k; j++) axis_column(col, sizeof col, &axes[j]), fprintf(f, ",%s", col);
    fprintf(f, "\n");
    for (size_t q = rows; q-- > 0;) {
        fprintf(f, "%zu,%s,%s,%d,%d", point[q], design, role[q], sample[q], moved[q]);
        for (size_t j = 0; j < k; j++) fprintf(f, ",%.17g", real_value(&axes[j], unit[q * k + j]));
        fprintf(f, "\n");
    }
    fclose(f);
    snprintf(path, sizeof path, "%s/points.csv", dir);
    f = fopen(path, "w");
    cr_assert_not_null(f);
    fprintf(f, "point");
    for (size_t j = 0; j < k; j++) axis_column(col, sizeof col, &axes[j]), fprintf(f, ",%s", col);
    fprintf(f, ",indicator,mean,sd,ci_low,ci_high,replicates\n");
    double real[16];
    for (size_t q = 0; q < rows; q++)
        for (size_t i = 0; i < n_fn; i++) {
            fprintf(f, "%zu", point[q]);
            for (size_t j = 0; j < k; j++) {
                real[j] = real_value(&axes[j], unit[q * k + j]);
                fprintf(f, ",%.17g", real[j]);
            }
            fprintf(f, ",%s,%.9g,,,,1\n", names[i], fn[i](real, unit + q * k));
        }
    fclose(f);
    free(point);
}

static double ishigami_real(const double *real, const double *unit) { return (void)unit, ishigami(real); }
static double linear_real(const double *real, const double *unit) { return (void)unit, 3 * real[0] + real[1]; }

static char roles[4096][8];

static void saltelli_sweep(const char *dir, size_t n, const char *design)
{
    size_t k = 3, rows = n * (k + 2);
    double *x = malloc(rows * k * sizeof *x);
    int *moved = malloc(rows * sizeof *moved), *sample = malloc(rows * sizeof *sample);
    const char **role = malloc(rows * sizeof *role);
    cr_assert_eq(lla_saltelli_design(n, k, x, moved), 0);
    for (size_t q = 0; q < rows; q++) {
        size_t m = q / n;
        snprintf(roles[m], sizeof roles[m], m == 0 ? "A" : m == 1 ? "B" : "AB%zu", m - 1);
        role[q] = roles[m];
        sample[q] = (int)(q % n);
    }
    const char *names[2] = {"ishigami", "linear"};
    indicator_fn fn[2] = {ishigami_real, linear_real};
    write_sweep(dir, design, ishigami_axes, k, x, rows, role, sample, moved, names, fn, 2);
    free(x), free(moved), free(sample), free(role);
}

static const axis_def morris_axes[6] = {{"a.one", "", 0, 10, 0},   {"a.two", "", -1, 1, 0},  {"a.three", "", 100, 1e4, 1},
                                        {"a.four", "", 0, 1, 0},   {"a.list", "0", 2, 3, 0}, {"a.list", "1", 2, 3, 0}};

static double ranked_unit(const double *real, const double *unit) { return (void)real, ranked(unit); }

static void morris_sweep(const char *dir, size_t r)
{
    size_t k = 6, rows = r * (k + 1);
    double *x = malloc(rows * k * sizeof *x);
    int *moved = malloc(rows * sizeof *moved), *sample = malloc(rows * sizeof *sample);
    const char **role = malloc(rows * sizeof *role);
    cr_assert_eq(lla_morris_design(r, k, 4, 5, x, moved), 0);
    for (size_t q = 0; q < rows; q++) {
        size_t t = q / (k + 1);
        snprintf(roles[t], sizeof roles[t], "T%zu", t + 1);
        role[q] = roles[t];
        sample[q] = (int)(q % (k + 1));
    }
    const char *names[1] = {"ranked"};
    indicator_fn fn[1] = {ranked_unit};
    write_sweep(dir, "morris", morris_axes, k, x, rows, role, sample, moved, names, fn, 1);
    free(x), free(moved), free(sample), free(role);
}

/* The rows of a written table for one indicator: axis, then the numeric columns. */
typedef struct table_row {
    char indicator[64], path[128];
    int axis, rank;
    double v[6];
} table_row;

static int read_table(const char *path, table_row *rows, int max, int numbers)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f, "%s missing", path);
    char line[1024];
    cr_assert_not_null(fgets(line, sizeof line, f));
    int n = 0;
    while (n < max && fgets(line, sizeof line, f)) {
        table_row *t = &rows[n++];
        line[strcspn(line, "\n")] = 0;
        char *rest = line, *field[16];
        int fields = 0;
        while (rest && fields < 16) field[fields++] = strsep(&rest, ",");
        cr_assert_eq(fields, 4 + numbers, "%s: a row of %d fields", path, fields);
        snprintf(t->indicator, sizeof t->indicator, "%s", field[0]);
        t->axis = atoi(field[1]);
        snprintf(t->path, sizeof t->path, "%s", field[2]);
        /* An empty cell (NA) reads as NaN. */
        for (int c = 0; c < numbers; c++) t->v[c] = *field[3 + c] ? atof(field[3 + c]) : NAN;
        t->rank = atoi(field[3 + numbers]);
    }
    fclose(f);
    return n;
}

static int starts_with(const char *s, const char *prefix) { return strncmp(s, prefix, strlen(prefix)) == 0; }

static int nothing_written(const char *dir)
{
    static const char *const files[] = {"sobol.csv", "morris.csv", "plots", "sobol.manifest.json", "morris.manifest.json"};
    char path[512];
    for (size_t q = 0; q < sizeof files / sizeof files[0]; q++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[q]);
        if (path_exists(path)) return 0;
    }
    return 1;
}

Test(analyze, sobol_over_a_sweep_folder, .timeout = 300)
{
    char dir[64], log[128], path[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(log, sizeof log, "%s/log", dir);
    saltelli_sweep(dir, 2048, "saltelli");
    cr_assert_eq(run_llosim(log, "analyze sobol %s --bootstrap 300 --seed 5", dir), 0, "%s", slurp(log, NULL));
    char *out = slurp(log, NULL);
    cr_assert(strstr(out, "Sobol indices of ishigami") && strstr(out, "regions.unemployment[2]"), "%s", out);
    free(out);
    snprintf(path, sizeof path, "%s/sobol.csv", dir);
    char *text = slurp(path, NULL);
    cr_assert_not_null(text);
    cr_assert(starts_with(text, "indicator,axis,path,S1,S1_low,S1_high,ST,ST_low,ST_high,rank\n"), "%s", text);
    table_row rows[6];
    cr_assert_eq(read_table(path, rows, 6, 6), 6);
    double s1_true[3], st_true[3];
    ishigami_truth(s1_true, st_true);
    /* Ishigami ranked by ST: x1 (0.558), x2 (0.442), x3 (0.244). */
    for (int m = 0; m < 3; m++) {
        table_row *t = &rows[m];
        cr_assert_str_eq(t->indicator, "ishigami");
        cr_assert_eq(t->rank, m + 1);
        cr_assert_eq(t->axis, m + 1);
        int j = t->axis - 1;
        cr_assert(fabs(t->v[0] - s1_true[j]) < 0.03, "S1 of axis %d: %g", j + 1, t->v[0]);
        cr_assert(fabs(t->v[3] - st_true[j]) < 0.03, "ST of axis %d: %g", j + 1, t->v[3]);
        cr_assert(t->v[1] <= t->v[0] && t->v[0] <= t->v[2] && t->v[4] <= t->v[3] && t->v[3] <= t->v[5]);
    }
    cr_assert_str_eq(rows[1].path, "regions.unemployment[2]");
    /* linear = 3 x1 + x2: S = ST = 9/10 and 1/10, nothing from x3. */
    cr_assert_str_eq(rows[3].indicator, "linear");
    cr_assert_eq(rows[3].axis, 1);
    cr_assert_float_eq(rows[3].v[3], 0.9, 0.03);
    cr_assert_float_eq(rows[4].v[3], 0.1, 0.03);
    cr_assert_eq(rows[5].axis, 3);
    cr_assert_float_eq(rows[5].v[3], 0.0, 1e-9);
    static const char *const files[] = {"plots/sobol-ishigami.png", "plots/sobol-ishigami.svg", "plots/sobol-linear.png",
                                        "sobol.manifest.json"};
    for (size_t q = 0; q < 4; q++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[q]);
        cr_assert(path_exists(path), "%s missing", files[q]);
    }
    /* The same inputs and seed give the same table. */
    char first[256];
    snprintf(first, sizeof first, "%s/first.csv", dir);
    snprintf(path, sizeof path, "%s/sobol.csv", dir);
    cr_assert_eq(rename(path, first), 0);
    cr_assert_eq(run_llosim(log, "analyze sobol %s --bootstrap 300 --seed 5 --no-plots", dir), 0);
    cr_assert(same_file(path, first));
    /* One indicator, the Jansen estimator, no intervals. */
    cr_assert_eq(run_llosim(log, "analyze sobol %s --indicator linear --estimator jansen --bootstrap 0 --no-plots", dir), 0);
    cr_assert_eq(read_table(path, rows, 6, 6), 3);
    cr_assert_str_eq(rows[0].indicator, "linear");
    cr_assert_float_eq(rows[0].v[0], 0.9, 0.03);
    free(text);
    text = slurp(path, NULL);
    cr_assert_not_null(strstr(text, "\nlinear,1,workers.leave_rate,"), "%s", text);
    cr_assert_not_null(strstr(text, ",,,"), "no empty interval cells without a bootstrap: %s", text);
    free(text);
    remove_tree(dir);
}

Test(analyze, morris_over_a_sweep_folder, .timeout = 300)
{
    char dir[64], log[128], path[256];
    make_tmpdir(dir, sizeof dir);
    snprintf(log, sizeof log, "%s/log", dir);
    morris_sweep(dir, 20);
    cr_assert_eq(run_llosim(log, "analyze morris %s", dir), 0, "%s", slurp(log, NULL));
    snprintf(path, sizeof path, "%s/morris.csv", dir);
    char *text = slurp(path, NULL);
    cr_assert_not_null(text);
    cr_assert(starts_with(text, "indicator,axis,path,mu,mu_star,mu_star_conf,sigma,rank\n"), "%s", text);
    free(text);
    table_row rows[6];
    cr_assert_eq(read_table(path, rows, 6, 4), 6);
    /* The ranking of `ranked`, through real values on linear and log axes mapped back to unit space. */
    cr_assert_eq(rows[0].axis, 1);
    cr_assert_float_eq(rows[0].v[1], 10.0, 1e-6);
    cr_assert_eq(rows[1].axis, 2);
    cr_assert_eq(rows[2].axis, 3);
    cr_assert_str_eq(rows[2].path, "a.three");
    cr_assert(rows[3].axis >= 5 && rows[4].axis >= 5);
    cr_assert_str_eq(rows[4].path, rows[3].axis == 5 ? "a.list[1]" : "a.list[0]");
    cr_assert_eq(rows[5].axis, 4);
    cr_assert_gt(rows[2].v[3], 0.5); /* sigma of the squared axis */
    cr_assert_lt(rows[0].v[3], 1e-6);
    /* mu*'s interval: none for a linear axis (every effect equal), some for the squared one */
    cr_assert_lt(rows[0].v[2], 1e-6);
    cr_assert_gt(rows[2].v[2], 0.0);
    for (int m = 0; m < 6; m++) cr_assert_eq(rows[m].rank, m + 1);
    snprintf(path, sizeof path, "%s/plots/morris-ranked.svg", dir);
    cr_assert(path_exists(path));
    snprintf(path, sizeof path, "%s/morris.manifest.json", dir);
    cr_assert(path_exists(path));
    remove_tree(dir);
}

/* Each bad folder or option: exit 2, a message naming the problem, nothing written. */
static void refused(const char *dir, const char *args, const char *expect)
{
    char log[128];
    snprintf(log, sizeof log, "%s.log", dir);
    int rc = run_llosim(log, "analyze %s", args);
    char *text = slurp(log, NULL);
    cr_assert_eq(rc, 2, "analyze %s exited %d: %s", args, rc, text);
    cr_assert_not_null(strstr(text, expect), "analyze %s: stderr lacks '%s':\n%s", args, expect, text);
    cr_assert(nothing_written(dir), "analyze %s wrote something", args);
    free(text);
    unlink(log);
}

static void edit_file(const char *dir, const char *name, const char *from, const char *to)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *text = slurp(path, NULL);
    cr_assert_not_null(text);
    char *at = strstr(text, from);
    cr_assert_not_null(at, "%s lacks '%s'", name, from);
    FILE *f = fopen(path, "w");
    fwrite(text, 1, (size_t)(at - text), f);
    fputs(to, f);
    fputs(at + strlen(from), f);
    fclose(f);
    free(text);
}

Test(analyze, bad_input_exits_2_and_writes_nothing, .timeout = 300)
{
    char dir[64], args[256], path[256];
    make_tmpdir(dir, sizeof dir);
    saltelli_sweep(dir, 64, "saltelli");
    snprintf(args, sizeof args, "sobol %s --indicator nonsense", dir);
    refused(dir, args, "no indicator 'nonsense'; it has: ishigami, linear");
    snprintf(args, sizeof args, "morris %s", dir);
    refused(dir, args, "not a morris design");
    snprintf(args, sizeof args, "sobol %s --estimator sobol", dir);
    refused(dir, args, "--estimator: expected saltelli or jansen");
    snprintf(args, sizeof args, "sobol %s --bootstrap -3", dir);
    refused(dir, args, "--bootstrap");
    snprintf(args, sizeof args, "morris %s --estimator jansen", dir);
    refused(dir, args, "belongs to sobol");
    snprintf(args, sizeof args, "variance %s", dir);
    refused(dir, args, "unknown method");
    snprintf(args, sizeof args, "sobol %s/nowhere", dir);
    refused(dir, args, "nowhere/axes.csv: No such file");

    /* An AB row that is not A with one column from B. */
    saltelli_sweep(dir, 64, "saltelli");
    edit_file(dir, "plan.csv", ",AB2,", ",AB3,");
    snprintf(args, sizeof args, "sobol %s", dir);
    refused(dir, args, "plan.csv: point");

    /* Another design altogether. */
    saltelli_sweep(dir, 64, "lhs");
    refused(dir, args, "the design is 'lhs', not a saltelli design: run the sweep with sampling = \"saltelli\"");

    /* A missing value of an indicator asked for; then a missing file. */
    saltelli_sweep(dir, 64, "saltelli");
    edit_file(dir, "points.csv", ",linear,", ",linear,,");
    snprintf(path, sizeof path, "%s/points.csv", dir);
    /* The edit made a row one field too long: the reader names the line. */
    refused(dir, args, "points.csv:");
    saltelli_sweep(dir, 64, "saltelli");
    {
        /* Empty the mean of the first linear row. */
        char *text = slurp(path, NULL), *at = strstr(text, ",linear,");
        char *end = strchr(at + 8, ',');
        FILE *f = fopen(path, "w");
        fwrite(text, 1, (size_t)(at + 8 - text), f);
        fputs(end, f);
        fclose(f);
        free(text);
    }
    snprintf(args, sizeof args, "sobol %s --indicator linear", dir);
    refused(dir, args, "indicator linear has no mean at point");
    /* Without --indicator the incomplete one is skipped and the other analysed. */
    char log[128];
    snprintf(log, sizeof log, "%s.log", dir);
    snprintf(args, sizeof args, "sobol %s --no-plots --bootstrap 10", dir);
    cr_assert_eq(run_llosim(log, "analyze %s", args), 0);
    char *text = slurp(log, NULL);
    cr_assert_not_null(strstr(text, "indicator linear skipped"), "%s", text);
    free(text);
    unlink(log);
    snprintf(path, sizeof path, "%s/sobol.csv", dir);
    cr_assert(path_exists(path));
    remove_tree(dir);

    make_tmpdir(dir, sizeof dir);
    saltelli_sweep(dir, 64, "saltelli");
    snprintf(path, sizeof path, "%s/points.csv", dir);
    unlink(path);
    snprintf(args, sizeof args, "sobol %s", dir);
    refused(dir, args, "points.csv: No such file");
    remove_tree(dir);

    make_tmpdir(dir, sizeof dir);
    morris_sweep(dir, 4);
    edit_file(dir, "plan.csv", ",morris,T2,0,0,", ",morris,T2,0,3,");
    snprintf(args, sizeof args, "morris %s", dir);
    refused(dir, args, "expected 0 at a trajectory's start");
    remove_tree(dir);
}
