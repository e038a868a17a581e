/* A sweep folder as the sensitivity analysis reads it: axes.csv, plan.csv and points.csv (the
 * file contract in docs/sensitivity.md), and the Saltelli or Morris design recovered from the
 * plan's role, sample and moved columns (never from the order of its rows).
 *
 * Readers return 0, LLA_SWEEP_BAD_INPUT with a message naming the file (and line) in err, or
 * LLA_SWEEP_NO_MEMORY. */
#ifndef LLA_SENSITIVITY_SWEEP_H
#define LLA_SENSITIVITY_SWEEP_H

#include <stddef.h>

enum { LLA_SWEEP_BAD_INPUT = -1, LLA_SWEEP_NO_MEMORY = -2 };

typedef struct lla_sweep_axis {
    char *name;      /* the plan's column for the axis: path, or path[index] for a list element */
    double min, max; /* the range that unit space maps onto [0, 1] */
    int log;         /* scale = log: unit space is linear in the logarithm */
} lla_sweep_axis;

typedef struct lla_sweep {
    char *dir;
    size_t k;              /* axes */
    lla_sweep_axis *axis;
    size_t points;         /* rows of plan.csv, points 0 .. points-1 */
    char *design;          /* the plan's design column (the same on every row) */
    char **role;           /* [point] */
    long *sample, *moved;  /* [point] */
    double *x;             /* [point * k + axis]: the axis values as the plan gives them */
    size_t n_indicators;   /* indicators of points.csv, in the order they first appear */
    char **indicator;
    double *mean;          /* [indicator * points + point]: the replicate mean, NAN when empty or absent */
    char sha256[3][65];    /* of axes.csv, plan.csv, points.csv */
} lla_sweep;

extern const char *const lla_sweep_files[3]; /* "axes.csv", "plan.csv", "points.csv" */

int lla_sweep_read(lla_sweep *s, const char *dir, char *err, size_t errlen);
void lla_sweep_free(lla_sweep *s);

/* The indicator's index in s, or -1. */
long lla_sweep_indicator_find(const lla_sweep *s, const char *name);

/* An axis value in unit space: (v - min) / (max - min), on the logarithms for a log axis. */
double lla_sweep_unit(const lla_sweep *s, size_t axis, double value);

/* The Saltelli design's rows as point numbers: a[i], b[i] and ab[j * n + i]. */
typedef struct lla_saltelli_plan {
    size_t n;
    size_t *a, *b, *ab;
} lla_saltelli_plan;

int lla_saltelli_plan_of(const lla_sweep *s, lla_saltelli_plan *p, char *err, size_t errlen);
void lla_saltelli_plan_free(lla_saltelli_plan *p);

/* The Morris design: trajectory t's step s is point[t * (k+1) + s], its unit coordinates
 * x_unit[(t * (k+1) + s) * k ...], the axis it moved (0-based) moved[t * (k+1) + s]. */
typedef struct lla_morris_plan {
    size_t r;
    size_t *point;
    int *moved;
    double *x_unit;
} lla_morris_plan;

int lla_morris_plan_of(const lla_sweep *s, lla_morris_plan *p, char *err, size_t errlen);
void lla_morris_plan_free(lla_morris_plan *p);

#endif
