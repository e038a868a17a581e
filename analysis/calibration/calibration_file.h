/* Calibration files: which settings of a scenario to fit, within which bounds, to which target
 * moments of the outputs, and how the simulations of each evaluation are run. A libconfig file,
 * validated like a scenario: every problem is reported as `file:line: setting: message`, all at
 * once, with the nearest known name for a misspelt key, setting, indicator or group.
 *
 *   scenario = "../baseline.cfg";           # relative to this file
 *   scale = 0.05; months = 84; replicates = 2; seed = 20211L; burn_in_months = 24;
 *   average_last_months = 60;
 *   parameters = ( { path = "training.start_education"; index = 0; min = -3.0; max = 1.0; }, ... );
 *   targets = ( { indicator = "participation_24m"; dimension = "education"; group = "low";
 *                 target = 0.30; weight = 1.0; }, ... );
 *   method = "nmsimplex2"; max_evaluations = 200; tolerance = 1e-4; initial_step = 0.1;
 *
 * sim/calibrate.h runs it. */
#ifndef LLO_CALIBRATION_H
#define LLO_CALIBRATION_H

#include "sim/output.h"
#include "config/scenario.h"
#include "config/settings.h"

#define LLO_CALIB_MAX_PARAMS 32
#define LLO_CALIB_MAX_TARGETS 64
#define LLO_CALIB_LABEL 160
/* Run settings a calibration file may set for its simulations: scale, months, replicates, seed,
 * burn_in_months (each is run.<key> of the settings table). */
#define LLO_CALIB_MAX_RUN_SETS 5

/* A fitted setting: a float setting, or one element of a float list. */
typedef struct llo_calib_param {
    const llo_setting *row;
    int index;                     /* element of a list setting; -1 for a scalar */
    double min, max;               /* bounds; the fit stays strictly inside */
    double initial;                /* the scenario's value, where the search starts (clamped inside) */
    char label[LLO_CALIB_LABEL];   /* path, or path[index] */
    int line;                      /* where it is declared in the calibration file */
} llo_calib_param;

/* A target: a moment (or the ratio of two) and the value it should have. Its deviation is
 * (moment - target) / scale, with scale = |target| unless given: relative by default. */
typedef struct llo_calib_target {
    char label[LLO_CALIB_LABEL];   /* its name in the outputs */
    llo_moment num;                /* the moment, or the ratio's numerator */
    llo_moment den;                /* the ratio's denominator (is_ratio) */
    int is_ratio;
    double target, weight, scale;
    int line;
} llo_calib_target;

typedef struct llo_calibration {
    char path[4096];                    /* the calibration file as given */
    char name[LLO_NAME_MAX];            /* its base name without .calib, safe as a folder name */
    char scenario_file[4096];           /* the scenario, resolved against the calibration file */
    llo_scenario scenario;              /* loaded, with the file's run settings applied */
    char run_sets[LLO_CALIB_MAX_RUN_SETS][96]; /* those run settings as PATH=VALUE, for --set */
    int n_run_sets;
    int average_last_months;            /* moments are means over these last written months */
    int n_params;
    llo_calib_param params[LLO_CALIB_MAX_PARAMS];
    int n_targets;
    llo_calib_target targets[LLO_CALIB_MAX_TARGETS];
    char method[32];                    /* a GSL simplex: nmsimplex2, nmsimplex2rand, nmsimplex */
    int max_evaluations;                /* budget of objective evaluations */
    double tolerance;                   /* stop when the simplex is smaller (in transformed units) */
    double initial_step;                /* first simplex steps, as a share of each parameter's range */
} llo_calibration;

/* Loads and validates a calibration file and the scenario it names. Returns 0, or the number of
 * problems (> 0) added to d (zeroed by the caller); c is then unspecified. Never writes
 * anything. c is large: allocate it on the heap. */
int llo_calibration_load(llo_calibration *c, const char *path, llo_diag *d);

/* The value of parameter k under p, and setting it. */
double llo_calib_param_get(const llo_calib_param *q, const llo_params *p);
void llo_calib_param_set(const llo_calib_param *q, llo_params *p, double value);

#endif
