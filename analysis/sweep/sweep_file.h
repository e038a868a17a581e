/* Sweep files: a base scenario, the settings to vary (axes), how their values are chosen (a design),
 * the replicates per point and the indicators to keep. A libconfig file, validated like a scenario:
 * every problem is reported as `file:line: setting: message`, all at once, with the nearest known
 * name for a misspelt key, setting or indicator.
 *
 *   scenario = "../baseline.cfg";            # relative to this file
 *   name = "staff";  seed = 7L;  replicates = 3;  scale = 0.05;  months = 60;
 *   sampling = "lhs";  samples = 40;  max_tasks = 1000;
 *   axes = ( { path = "orchestrators.temporary_staff_share"; min = 0.1; max = 0.7; },
 *            { path = "governance.agency"; index = 1; values = [0.25, 0.6]; } );
 *   indicators = ["participation_24m_employed", "never_trained_employed"];
 *
 * docs/sweeps.md is the reference; analysis/sweep/sweep.h runs it. */
#ifndef LLO_SWEEP_FILE_H
#define LLO_SWEEP_FILE_H

#include <stdint.h>

#include "config/scenario.h"
#include "config/settings.h"

#define LLO_SWEEP_MAX_AXES 32
#define LLO_SWEEP_MAX_VALUES 128
#define LLO_SWEEP_MAX_INDICATORS 64
#define LLO_SWEEP_LABEL 160
/* Overrides of the base scenario: the sweep file's run keys, then the command line's. */
#define LLO_SWEEP_MAX_SETS 272
#define LLO_SWEEP_SET_LEN 1024
/* The base scenario of a resolved sweep, beside sweep.resolved.cfg in the sweep's folder. */
#define LLO_SWEEP_BASE_FILE "base.resolved.cfg"

/* How a sweep's points are chosen; the names are those of the `sampling` key and plan.csv. */
#define LLO_DESIGNS(X)                                                                     \
    X(VALUES, "values", "the i-th point takes the i-th of every axis's values")             \
    X(GRID, "grid", "every combination of the axes' levels or values (full factorial)")    \
    X(LHS, "lhs", "Latin hypercube: each axis's range cut in `samples` strata, one point in each") \
    X(SOBOL, "sobol", "the first `samples` points of GSL's Sobol sequence")                \
    X(HALTON, "halton", "the first `samples` points of GSL's Halton sequence")             \
    X(SALTELLI, "saltelli", "matrices A, B and AB_j from a 2k-dimensional Sobol sequence (`samples` = N)") \
    X(MORRIS, "morris", "`samples` one-at-a-time trajectories on a `levels`-level grid")

typedef enum llo_design {
#define LLO_DESIGN_ENUM(id, name, doc) LLO_DESIGN_##id,
    LLO_DESIGNS(LLO_DESIGN_ENUM)
#undef LLO_DESIGN_ENUM
    LLO_N_DESIGNS
} llo_design;

const char *llo_design_name(llo_design d);

/* A varied setting: a number (or an element of a number list) over a range, or a list of
 * explicit values (numbers, or names for a string setting). */
typedef struct llo_sweep_axis {
    const llo_setting *row;
    int index;                          /* element of a list setting; -1 for a scalar */
    int whole;                          /* an integer setting: values are rounded to whole numbers */
    int is_string;                      /* values are names (a string setting) */
    int n_values;                       /* > 0: explicit values; 0: the range [min, max] */
    double value[LLO_SWEEP_MAX_VALUES]; /* numeric values, in the order given */
    char name[LLO_SWEEP_MAX_VALUES][LLO_NAME_MAX]; /* string values */
    double min, max;                    /* the range; for numeric values their smallest and largest */
    int log_scale;                      /* values spread evenly in log(value) */
    int levels;                         /* grid levels of a range axis (0: the file's `levels`) */
    char label[LLO_SWEEP_LABEL];        /* path, or path[index]: its column name in the outputs */
    int line;                           /* where it is declared */
} llo_sweep_axis;

typedef struct llo_sweep {
    char path[4096];                    /* the sweep file as given */
    char name[LLO_NAME_MAX];            /* safe as a folder name */
    char scenario_given[1024];          /* the scenario as written in the file */
    char scenario_file[4096];           /* resolved against the sweep file */
    char scenario_sha256[65];           /* the file's own claim, when it makes one (else empty) */
    int n_sets;                         /* overrides of the base scenario, in order */
    char sets[LLO_SWEEP_MAX_SETS][LLO_SWEEP_SET_LEN];
    llo_scenario base;                  /* the base scenario with every override applied */
    llo_design design;
    int samples;                        /* points (lhs, sobol, halton), N (saltelli), r (morris) */
    int levels;                         /* grid levels of range axes; Morris's p */
    long max_tasks;                     /* more tasks are refused unless confirmed */
    int max_tasks_line;
    int keep_groups, keep_network;      /* keep groups.csv and network.csv in each task */
    int common_random_numbers;          /* replicate r of every point uses the same seed */
    int pack;                           /* tasks appended to one pack file per process (sweep/pack.h) */
    char from[4096];                    /* a checkpoint or run folder every point forks from ("": none), resolved */
    int from_month_given, from_month;   /* the month of a run folder's checkpoints (else each replicate's latest) */
    int n_axes;
    llo_sweep_axis axes[LLO_SWEEP_MAX_AXES];
    int n_indicators;
    int indicator[LLO_SWEEP_MAX_INDICATORS]; /* timeseries.csv columns, in the order given */
    long points;                        /* points of the design */
    long tasks;                         /* points x replicates */
} llo_sweep;

/* Loads and validates a sweep file and its base scenario; `sets` are command-line overrides of
 * the base scenario (PATH=VALUE, like `llosim run --set`), applied after the file's run keys.
 * Returns 0, or the number of problems (> 0) added to d (zeroed by the caller); sw is then
 * unspecified. Never writes anything. sw is large: allocate it on the heap. */
int llo_sweep_load(llo_sweep *sw, const char *path, const char *const *sets, int n_sets, llo_diag *d);

/* The replicates per point and the master seed (the base scenario's run.replicates, run.seed). */
int llo_sweep_replicates(const llo_sweep *sw);
uint64_t llo_sweep_master_seed(const llo_sweep *sw);

/* The --set override that gives axis a its value in a point's values (one per axis; a number,
 * or for a string axis the index of a name), in libconfig syntax. A list is set whole: its
 * elements are the base scenario's, except those of every axis over the same list, which take
 * their own values of the point, so overrides of two elements do not undo each other. Returns
 * 0, or -1 when buf is too short. */
int llo_sweep_axis_set(const llo_sweep *sw, int a, const double *values, char *buf, size_t n);

/* Axis a's value v as an output cell: %.17g for numbers, the name for a string axis. */
void llo_sweep_axis_text(const llo_sweep *sw, int a, double v, char *buf, size_t n);

#endif
