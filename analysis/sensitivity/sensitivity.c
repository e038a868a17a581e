/* Sobol indices and Morris elementary effects over arrays (see sensitivity.h). */
#include "analysis/sensitivity/sensitivity.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_qrng.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/rng.h"

/* Philox keys of the analysis: far above the engine's purposes (sim/rng.h), so an analysis
 * draw can never coincide with a simulation draw under the same seed. */
#define PURPOSE_BOOTSTRAP 0x53454e42u /* "SENB" */
#define PURPOSE_MORRIS_BOOTSTRAP 0x53454e43u /* "SENC": mu*'s confidence */
#define PURPOSE_MORRIS 0x53454e4du    /* "SENM" */

static int all_finite(size_t n, const double *y)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(y[i])) return 0;
    return 1;
}

/* The estimates over the rows listed in `row` (n of them, repeats allowed), centred on the rows'
 * own mean. Returns LLA_SENS_NO_VARIANCE, with NANs, when every output is equal. */
static int estimate_rows(size_t n, size_t k, const double *y_a, const double *y_b, const double *const *y_ab,
                         lla_sobol_estimator est, const size_t *row, double *s1, double *st)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++) sum += y_a[row[i]] + y_b[row[i]];
    double mean = sum / (double)(2 * n), ss = 0.0;
    for (size_t i = 0; i < n; i++) {
        double a = y_a[row[i]] - mean, b = y_b[row[i]] - mean;
        ss += a * a + b * b;
    }
    double v = ss / (double)(2 * n - 1);
    /* Relative to the outputs' size: rounding alone leaves a tiny variance in a constant. */
    if (!(v > 1e-24 * (mean * mean + 1e-300))) {
        for (size_t j = 0; j < k; j++) s1[j] = st[j] = NAN;
        return LLA_SENS_NO_VARIANCE;
    }
    for (size_t j = 0; j < k; j++) {
        const double *yj = y_ab[j];
        double first = 0.0, total = 0.0;
        for (size_t i = 0; i < n; i++) {
            size_t q = row[i];
            double a = y_a[q] - mean, b = y_b[q] - mean, ab = yj[q] - mean;
            if (est == LLA_SOBOL_SALTELLI) first += b * (ab - a);
            else first += (b - ab) * (b - ab);
            total += (a - ab) * (a - ab);
        }
        first /= (double)n;
        total /= (double)n;
        s1[j] = est == LLA_SOBOL_SALTELLI ? first / v : (v - first / 2.0) / v;
        st[j] = total / (2.0 * v);
    }
    return LLA_SENS_OK;
}

static int check_sobol_input(size_t n, size_t k, const double *y_a, const double *y_b, const double *const *y_ab)
{
    if (n < 2 || k < 1) return LLA_SENS_BAD_SIZE;
    if (!all_finite(n, y_a) || !all_finite(n, y_b)) return LLA_SENS_NOT_FINITE;
    for (size_t j = 0; j < k; j++)
        if (!all_finite(n, y_ab[j])) return LLA_SENS_NOT_FINITE;
    return LLA_SENS_OK;
}

int lla_sobol_estimate(size_t n, size_t k, const double *y_a, const double *y_b, const double *const *y_ab,
                       lla_sobol_estimator est, double *s1, double *st)
{
    int rc = check_sobol_input(n, k, y_a, y_b, y_ab);
    if (rc) return rc;
    size_t *row = malloc(n * sizeof *row);
    if (!row) return LLA_SENS_NO_MEMORY;
    for (size_t i = 0; i < n; i++) row[i] = i;
    rc = estimate_rows(n, k, y_a, y_b, y_ab, est, row, s1, st);
    free(row);
    return rc;
}

/* The percentile interval of the finite values among x[0..n) (sorted in place). */
static void percentile_interval(double *x, size_t n, double level, double *low, double *high)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(x[i])) x[m++] = x[i];
    if (m < 2) {
        *low = *high = NAN;
        return;
    }
    gsl_sort(x, 1, m);
    double tail = (1.0 - level) / 2.0;
    *low = gsl_stats_quantile_from_sorted_data(x, 1, m, tail);
    *high = gsl_stats_quantile_from_sorted_data(x, 1, m, 1.0 - tail);
}

int lla_sobol_analyze(size_t n, size_t k, const double *y_a, const double *y_b, const double *const *y_ab,
                      lla_sobol_estimator est, int bootstrap, uint64_t seed, double level, lla_sobol_index *out)
{
    if (bootstrap < 0 || !(level > 0.0 && level < 1.0)) return LLA_SENS_BAD_SIZE;
    double *s1 = malloc(2 * k * sizeof *s1);
    if (!s1) return LLA_SENS_NO_MEMORY;
    double *st = s1 + k;
    int rc = lla_sobol_estimate(n, k, y_a, y_b, y_ab, est, s1, st);
    if (rc && rc != LLA_SENS_NO_VARIANCE) {
        free(s1);
        return rc;
    }
    for (size_t j = 0; j < k; j++)
        out[j] = (lla_sobol_index){s1[j], NAN, NAN, st[j], NAN, NAN};
    if (rc == LLA_SENS_NO_VARIANCE || bootstrap == 0) {
        free(s1);
        return rc;
    }
    size_t B = (size_t)bootstrap;
    size_t *row = malloc(n * sizeof *row);
    double *boot_s1 = malloc(2 * k * B * sizeof *boot_s1); /* [j][b], then the same for ST */
    gsl_rng *g = gsl_rng_alloc(llo_rng_philox);
    if (!row || !boot_s1 || !g) {
        free(row), free(boot_s1), free(s1);
        if (g) gsl_rng_free(g);
        return LLA_SENS_NO_MEMORY;
    }
    double *boot_st = boot_s1 + k * B;
    for (size_t b = 0; b < B; b++) {
        llo_rng_reset(g, seed, PURPOSE_BOOTSTRAP, b, 0, 0);
        for (size_t i = 0; i < n; i++) row[i] = (size_t)gsl_rng_uniform_int(g, n);
        /* A resample without variance yields NANs, which the percentiles skip. */
        estimate_rows(n, k, y_a, y_b, y_ab, est, row, s1, st);
        for (size_t j = 0; j < k; j++) {
            boot_s1[j * B + b] = s1[j];
            boot_st[j * B + b] = st[j];
        }
    }
    for (size_t j = 0; j < k; j++) {
        percentile_interval(boot_s1 + j * B, B, level, &out[j].s1_low, &out[j].s1_high);
        percentile_interval(boot_st + j * B, B, level, &out[j].st_low, &out[j].st_high);
    }
    gsl_rng_free(g);
    free(row), free(boot_s1), free(s1);
    return LLA_SENS_OK;
}

int lla_morris_analyze(size_t r, size_t k, const double *x_unit, const int *moved, const double *y,
                       lla_morris_effect *out)
{
    if (r < 1 || k < 1) return LLA_SENS_BAD_SIZE;
    if (!all_finite(r * (k + 1), y)) return LLA_SENS_NOT_FINITE;
    for (size_t j = 0; j < k; j++) out[j] = (lla_morris_effect){0.0, 0.0, 0.0, NAN, 0};
    /* Two passes, so the deviations are taken from the finished means. */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t t = 0; t < r; t++) {
            for (size_t s = 1; s <= k; s++) {
                size_t row = t * (k + 1) + s;
                int j = moved[row];
                if (j < 0 || (size_t)j >= k) return LLA_SENS_BAD_SIZE;
                double step = x_unit[row * k + (size_t)j] - x_unit[(row - 1) * k + (size_t)j];
                if (!(fabs(step) > 1e-12)) return LLA_SENS_NO_STEP;
                double ee = (y[row] - y[row - 1]) / step;
                lla_morris_effect *e = &out[j];
                if (pass == 0) {
                    e->mu += ee;
                    e->mu_star += fabs(ee);
                    e->effects++;
                } else {
                    e->sigma += (ee - e->mu) * (ee - e->mu);
                }
            }
        }
        for (size_t j = 0; j < k; j++) {
            lla_morris_effect *e = &out[j];
            if (pass == 0 && e->effects > 0) {
                e->mu /= e->effects;
                e->mu_star /= e->effects;
            } else if (pass == 1) {
                e->sigma = e->effects >= 2 ? sqrt(e->sigma / (e->effects - 1)) : NAN;
                if (e->effects == 0) e->mu = e->mu_star = NAN;
            }
        }
    }
    return LLA_SENS_OK;
}

int lla_morris_analyze_conf(size_t r, size_t k, const double *x_unit, const int *moved, const double *y, int bootstrap,
                            uint64_t seed, double level, lla_morris_effect *out)
{
    if (bootstrap < 0 || !(level > 0.0 && level < 1.0)) return LLA_SENS_BAD_SIZE;
    int rc = lla_morris_analyze(r, k, x_unit, moved, y, out);
    if (rc || bootstrap == 0 || r < 2) return rc;
    /* The effects by axis, |EE| in trajectory order (lla_morris_analyze checked the steps). */
    size_t B = (size_t)bootstrap;
    double *ee = malloc(k * r * sizeof *ee), *boot = malloc(B * sizeof *boot);
    size_t *count = calloc(k, sizeof *count);
    gsl_rng *g = gsl_rng_alloc(llo_rng_philox);
    if (!ee || !boot || !count || !g) {
        free(ee), free(boot), free(count);
        if (g) gsl_rng_free(g);
        return LLA_SENS_NO_MEMORY;
    }
    for (size_t t = 0; t < r; t++)
        for (size_t s = 1; s <= k; s++) {
            size_t row = t * (k + 1) + s, j = (size_t)moved[row];
            double step = x_unit[row * k + j] - x_unit[(row - 1) * k + j];
            if (count[j] < r) ee[j * r + count[j]++] = fabs((y[row] - y[row - 1]) / step);
        }
    double z = gsl_cdf_ugaussian_Pinv(0.5 + level / 2.0);
    for (size_t j = 0; j < k; j++) {
        size_t n = count[j];
        if (n < 2) continue;
        for (size_t b = 0; b < B; b++) {
            llo_rng_reset(g, seed, PURPOSE_MORRIS_BOOTSTRAP, b, j, 0);
            double sum = 0.0;
            for (size_t i = 0; i < n; i++) sum += ee[j * r + gsl_rng_uniform_int(g, n)];
            boot[b] = sum / (double)n;
        }
        out[j].mu_star_conf = B >= 2 ? z * gsl_stats_sd(boot, 1, B) : NAN;
    }
    gsl_rng_free(g);
    free(ee), free(boot), free(count);
    return LLA_SENS_OK;
}

void lla_rank_descending(size_t k, const double *value, int *rank)
{
    for (size_t j = 0; j < k; j++) {
        int above = 0;
        for (size_t i = 0; i < k; i++) {
            if (i == j) continue;
            int ni = isnan(value[i]), nj = isnan(value[j]);
            if (ni && nj) above += i < j;
            else if (nj) above++;
            else if (!ni && (value[i] > value[j] || (value[i] == value[j] && i < j))) above++;
        }
        rank[j] = above + 1;
    }
}

int lla_saltelli_design(size_t n, size_t k, double *x, int *moved)
{
    if (n < 1 || k < 1 || k > 20) return LLA_SENS_BAD_SIZE;
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, (unsigned)(2 * k));
    if (!q) return LLA_SENS_NO_MEMORY;
    double point[40];
    gsl_qrng_get(q, point); /* the origin: the same in every dimension, so A and B would coincide */
    for (size_t i = 0; i < n; i++) {
        gsl_qrng_get(q, point);
        for (size_t c = 0; c < k; c++) {
            x[i * k + c] = point[c];           /* A */
            x[(n + i) * k + c] = point[k + c]; /* B */
        }
    }
    gsl_qrng_free(q);
    for (size_t j = 0; j < k; j++)
        for (size_t i = 0; i < n; i++) {
            size_t row = (2 + j) * n + i;
            memcpy(x + row * k, x + i * k, k * sizeof *x);
            x[row * k + j] = x[(n + i) * k + j];
        }
    for (size_t row = 0; row < n * (k + 2); row++) moved[row] = row < 2 * n ? 0 : (int)((row - 2 * n) / n + 1);
    return LLA_SENS_OK;
}

int lla_morris_design(size_t r, size_t k, int levels, uint64_t seed, double *x, int *moved)
{
    if (r < 1 || k < 1 || levels < 2 || levels % 2) return LLA_SENS_BAD_SIZE;
    size_t *order = malloc(k * sizeof *order);
    int *up = malloc(k * sizeof *up);
    gsl_rng *g = gsl_rng_alloc(llo_rng_philox);
    if (!order || !up || !g) {
        free(order), free(up);
        if (g) gsl_rng_free(g);
        return LLA_SENS_NO_MEMORY;
    }
    double grid = 1.0 / (levels - 1), delta = levels / (2.0 * (levels - 1));
    for (size_t t = 0; t < r; t++) {
        llo_rng_reset(g, seed, PURPOSE_MORRIS, t, 0, 0);
        double *row = x + t * (k + 1) * k;
        /* Base levels 0 .. levels/2 - 1 leave room for a step of Delta up; a downward move
         * starts Delta higher. */
        for (size_t c = 0; c < k; c++) {
            double base = (double)gsl_rng_uniform_int(g, (unsigned long)(levels / 2)) * grid;
            up[c] = gsl_rng_uniform_int(g, 2) == 0;
            row[c] = up[c] ? base : base + delta;
            order[c] = c;
        }
        moved[t * (k + 1)] = 0;
        /* Fisher-Yates: the order the axes move in. */
        for (size_t c = k; c > 1; c--) {
            size_t pick = (size_t)gsl_rng_uniform_int(g, c), tmp = order[c - 1];
            order[c - 1] = order[pick];
            order[pick] = tmp;
        }
        for (size_t s = 1; s <= k; s++) {
            size_t c = order[s - 1];
            memcpy(row + s * k, row + (s - 1) * k, k * sizeof *row);
            row[s * k + c] += up[c] ? delta : -delta;
            moved[t * (k + 1) + s] = (int)c + 1;
        }
    }
    free(order), free(up);
    gsl_rng_free(g);
    return LLA_SENS_OK;
}
