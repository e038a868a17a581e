/* The designs of a sweep: where in the unit cube each point lies, and the axis values that makes.
 * Random choices (Latin hypercube strata and jitter, Morris starts, directions and axis orders)
 * are Philox draws keyed by the sweep's master seed and a purpose of their own, counted by
 * (axis, point, slot): the plan is a pure function of the sweep file, never of the machine. */
#include "analysis/sweep/sweep.h"

#include <gsl/gsl_qrng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sim/rng.h"

/* The key's second word: not one of the engine's purposes (LLO_PURPOSES counts from 0), so a
 * design never shares a stream with a simulation. "SWEEP" in ASCII. */
#define SWEEP_PURPOSE 0x5357454550ULL

enum { DRAW_LHS_ORDER, DRAW_LHS_JITTER, DRAW_MORRIS_START, DRAW_MORRIS_DIRECTION, DRAW_MORRIS_ORDER };

static double draw(uint64_t seed, uint64_t what, uint64_t a, uint64_t b)
{
    philox4x64_ctr_t ctr = {{what, a, b, 0}};
    philox4x64_key_t key = {{seed, SWEEP_PURPOSE}};
    return llo_u01(philox4x64(ctr, key).v[0]);
}

/* A uniform integer in [0, n) from one draw. */
static long draw_below(uint64_t seed, uint64_t what, uint64_t a, uint64_t b, long n)
{
    long k = (long)(draw(seed, what, a, b) * (double)n);
    return k < n ? k : n - 1;
}

/* Fisher-Yates with draws counted by (stream, position). */
static void shuffle(long *x, long n, uint64_t seed, uint64_t what, uint64_t stream)
{
    for (long i = 0; i < n; i++) x[i] = i;
    for (long i = n - 1; i > 0; i--) {
        long j = draw_below(seed, what, stream, (uint64_t)i, i + 1);
        long t = x[i];
        x[i] = x[j];
        x[j] = t;
    }
}

/* From the unit interval to an axis: a range (linear or log), or one of its explicit values. */
static double axis_value(const llo_sweep_axis *ax, double u)
{
    if (ax->n_values) {
        long k = (long)floor(u * ax->n_values);
        if (k >= ax->n_values) k = ax->n_values - 1;
        if (k < 0) k = 0;
        return ax->value[k];
    }
    double v = ax->log_scale ? exp(log(ax->min) + u * (log(ax->max) - log(ax->min))) : ax->min + u * (ax->max - ax->min);
    if (u <= 0) v = ax->min;
    if (u >= 1) v = ax->max;
    if (v < ax->min) v = ax->min;
    if (v > ax->max) v = ax->max;
    return ax->whole ? (double)llround(v) : v;
}

static void set_role(llo_sweep_plan *pl, long i, const char *role, long sample, int moved)
{
    snprintf(pl->role[i], sizeof pl->role[i], "%s", role);
    pl->sample[i] = sample;
    pl->moved[i] = moved;
}

static int quasi(const gsl_qrng_type *type, int dims, long n, double *out, char *err, size_t errlen)
{
    gsl_qrng *q = gsl_qrng_alloc(type, (unsigned)dims);
    if (!q) {
        snprintf(err, errlen, "cannot set up GSL's %s sequence in %d dimensions", type->name, dims);
        return -1;
    }
    for (long i = 0; i < n; i++) gsl_qrng_get(q, out + i * dims);
    gsl_qrng_free(q);
    return 0;
}

int llo_sweep_plan_build(const llo_sweep *sw, llo_sweep_plan *pl, char *err, size_t errlen)
{
    int k = sw->n_axes;
    long P = sw->points;
    uint64_t seed = llo_sweep_master_seed(sw);
    memset(pl, 0, sizeof *pl);
    pl->points = P;
    pl->axes = k;
    pl->value = calloc((size_t)(P * k), sizeof *pl->value);
    pl->unit = calloc((size_t)(P * k), sizeof *pl->unit);
    pl->role = calloc((size_t)P, sizeof *pl->role);
    pl->sample = calloc((size_t)P, sizeof *pl->sample);
    pl->moved = calloc((size_t)P, sizeof *pl->moved);
    if (!pl->value || !pl->unit || !pl->role || !pl->sample || !pl->moved) {
        llo_sweep_plan_free(pl);
        snprintf(err, errlen, "out of memory for a plan of %ld points", P);
        return -1;
    }
    for (long i = 0; i < P; i++) set_role(pl, i, "-", i, 0);
    double *u = pl->unit;
    int explicit = 0; /* values and grid set pl->value directly */
    switch (sw->design) {
    case LLO_DESIGN_VALUES:
        explicit = 1;
        for (long i = 0; i < P; i++)
            for (int a = 0; a < k; a++) {
                const llo_sweep_axis *ax = &sw->axes[a];
                pl->value[i * k + a] = ax->value[i];
                u[i * k + a] = ax->n_values > 1 ? (double)i / (ax->n_values - 1) : 0.5;
            }
        break;
    case LLO_DESIGN_GRID:
        /* Nested loops in axis order, the last axis fastest. */
        explicit = 1;
        for (long i = 0; i < P; i++) {
            long rest = i;
            for (int a = k - 1; a >= 0; a--) {
                const llo_sweep_axis *ax = &sw->axes[a];
                long n = ax->n_values ? ax->n_values : ax->levels;
                long l = rest % n;
                rest /= n;
                double ua = n > 1 ? (double)l / (double)(n - 1) : 0.5;
                u[i * k + a] = ua;
                pl->value[i * k + a] = ax->n_values ? ax->value[l] : axis_value(ax, ua);
            }
        }
        break;
    case LLO_DESIGN_LHS: {
        /* Each axis's range in P strata; a random permutation of strata per axis, a random spot
         * within each stratum. */
        long *order = malloc((size_t)P * sizeof *order);
        if (!order) {
            llo_sweep_plan_free(pl);
            snprintf(err, errlen, "out of memory");
            return -1;
        }
        for (int a = 0; a < k; a++) {
            shuffle(order, P, seed, DRAW_LHS_ORDER, (uint64_t)a);
            for (long i = 0; i < P; i++)
                u[i * k + a] = ((double)order[i] + draw(seed, DRAW_LHS_JITTER, (uint64_t)a, (uint64_t)i)) / (double)P;
        }
        free(order);
        break;
    }
    case LLO_DESIGN_SOBOL:
        if (quasi(gsl_qrng_sobol, k, P, u, err, errlen) != 0) goto fail;
        break;
    case LLO_DESIGN_HALTON:
        if (quasi(gsl_qrng_halton, k, P, u, err, errlen) != 0) goto fail;
        break;
    case LLO_DESIGN_SALTELLI: {
        /* N points of a 2k-dimensional Sobol sequence: A = the first k coordinates, B = the last
         * k; AB_j is A with column j taken from B. Rows: A, B, AB_1, ..., AB_k. */
        long N = sw->samples;
        double *x = malloc((size_t)(N * 2 * k) * sizeof *x);
        if (!x || quasi(gsl_qrng_sobol, 2 * k, N, x, err, errlen) != 0) {
            free(x);
            if (!x) snprintf(err, errlen, "out of memory");
            goto fail;
        }
        for (long s = 0; s < N; s++) {
            const double *A = x + s * 2 * k, *B = A + k;
            for (int a = 0; a < k; a++) {
                u[s * k + a] = A[a];
                u[(N + s) * k + a] = B[a];
            }
            set_role(pl, s, "A", s, 0);
            set_role(pl, N + s, "B", s, 0);
            for (int j = 0; j < k; j++) {
                long i = (2 + j) * N + s;
                char role[16];
                snprintf(role, sizeof role, "AB%d", j + 1);
                set_role(pl, i, role, s, j + 1);
                for (int a = 0; a < k; a++) u[i * k + a] = a == j ? B[a] : A[a];
            }
        }
        free(x);
        break;
    }
    case LLO_DESIGN_MORRIS: {
        /* r trajectories on the p-level grid {0, 1/(p-1), ..., 1} with step Delta = p / (2 (p-1)),
         * that is p/2 grid levels. Each trajectory starts at a random grid point from which every
         * axis can move by Delta in its random direction, and moves the axes one at a time in a
         * random order: k + 1 points. */
        int p = sw->levels, half = p / 2;
        long r = sw->samples;
        long order[LLO_SWEEP_MAX_AXES];
        for (long t = 0; t < r; t++) {
            int level[LLO_SWEEP_MAX_AXES], dir[LLO_SWEEP_MAX_AXES];
            for (int a = 0; a < k; a++) {
                dir[a] = draw(seed, DRAW_MORRIS_DIRECTION, (uint64_t)t, (uint64_t)a) < 0.5 ? -1 : 1;
                level[a] = (int)draw_below(seed, DRAW_MORRIS_START, (uint64_t)t, (uint64_t)a, p - half);
                if (dir[a] < 0) level[a] += half;
            }
            shuffle(order, k, seed, DRAW_MORRIS_ORDER, (uint64_t)t);
            char role[16];
            snprintf(role, sizeof role, "T%ld", t + 1);
            for (int s = 0; s <= k; s++) {
                long i = t * (k + 1) + s;
                int moved = 0;
                if (s > 0) {
                    int a = (int)order[s - 1];
                    level[a] += dir[a] * half;
                    moved = a + 1;
                }
                set_role(pl, i, role, s, moved);
                for (int a = 0; a < k; a++) u[i * k + a] = (double)level[a] / (double)(p - 1);
            }
        }
        break;
    }
    default:
        snprintf(err, errlen, "unknown design");
        goto fail;
    }
    if (!explicit)
        for (long i = 0; i < P; i++)
            for (int a = 0; a < k; a++) pl->value[i * k + a] = axis_value(&sw->axes[a], u[i * k + a]);
    return 0;
fail:
    llo_sweep_plan_free(pl);
    return -1;
}

void llo_sweep_plan_free(llo_sweep_plan *pl)
{
    free(pl->value);
    free(pl->unit);
    free(pl->role);
    free(pl->sample);
    free(pl->moved);
    memset(pl, 0, sizeof *pl);
}
