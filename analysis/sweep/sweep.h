/* Parameter sweeps: a sweep file (sweep/sweep_file.h) names a base scenario, axes and a design; its
 * points times its replicates are tasks. One primitive, llo_sweep_task, runs task I (point
 * I / R, replicate I % R + 1) into DIR/tasks/p<point>-r<replicate>/ with its own manifest,
 * written last; the task's seed is llo_rng_derive_seed(master, point, replicate), so nothing
 * depends on which tasks ran before, where, or in what order. Drivers (local processes, MPI, a
 * SLURM array; sweep/driver.h) only hand out indices. llo_sweep_merge gathers finished tasks into long and
 * per-point tables, after checking every task's manifest and hashes.
 *
 * A sweep's folder (docs/sweeps.md has the column dictionary):
 *   sweep.resolved.cfg  the sweep as resolved: a sweep file that repeats the sweep
 *   base.resolved.cfg   its base scenario with every override applied
 *   axes.csv, plan.csv  the axes and the design (one row per point)
 *   tasks/p<P>-r<R>/    one run folder per task; tasks/p<P>-r<R>.failed when it failed
 *   packs/<id>.pack     instead, with `pack = true`: one file per process, a record per task (sweep/pack.h)
 *   merged.csv, points.csv, tasks.csv, manifest.json   written by llo_sweep_merge */
#ifndef LLO_SWEEP_H
#define LLO_SWEEP_H

#include <stdint.h>
#include <stdio.h>

#include "config/scenario.h"
#include "analysis/sweep/sweep_file.h"

/* The design: P points, each with a value per axis (a number, or a string axis's value index). */
typedef struct llo_sweep_plan {
    long points;
    int axes;
    double *value;      /* points x axes, row-major */
    double *unit;       /* the same points in the unit cube (what the design drew) */
    char (*role)[16];   /* saltelli: A, B, AB<j>; morris: T<t>; else "-" */
    long *sample;       /* row within the matrix (saltelli), step (morris), else the point */
    int *moved;         /* the axis (1..k) this point moved (AB_j, Morris steps), else 0 */
} llo_sweep_plan;

/* Builds the design of a loaded sweep. Returns 0, or -1 with a message in err. The same sweep
 * always gives the same plan, bit for bit. */
int llo_sweep_plan_build(const llo_sweep *sw, llo_sweep_plan *plan, char *err, size_t errlen);
void llo_sweep_plan_free(llo_sweep_plan *plan);

/* What the commands share. */
typedef struct llo_sweep_options {
    const char *out_dir;     /* NULL: out/sweep-<name>/ */
    int threads;             /* OpenMP threads per task; 0: 1 */
    int quiet;
    int force;               /* rerun a task that is already done */
    struct llo_pack_writer *pack; /* a packed sweep: this process's pack (sweep/pack.h) */
    int argc;                /* the command line, recorded in manifests */
    char **argv;
} llo_sweep_options;

/* The folder of a sweep under o. */
void llo_sweep_dir(const llo_sweep *sw, const llo_sweep_options *o, char *dir, size_t n);

/* Writes the sweep's own files into dir (sweep.resolved.cfg, base.resolved.cfg, axes.csv,
 * plan.csv), each only if it is missing, so that any number of tasks may do it at once. When a
 * file is there with other contents the folder holds another sweep: returns 1 with a message in
 * err. Returns 0, or -1 on a failure while writing. */
int llo_sweep_prepare(const llo_sweep *sw, const llo_sweep_plan *plan, const char *dir, char *err, size_t errlen);

/* The state of a task in a sweep folder. */
typedef enum { LLO_TASK_MISSING, LLO_TASK_DONE, LLO_TASK_FAILED } llo_task_state;

/* Whether task `index` of the sweep in dir is done: its manifest names this sweep (sweep_sha256
 * = the SHA-256 of dir/sweep.resolved.cfg), task, point and replicate, and every file it lists
 * is there with that hash. Otherwise FAILED when a failure marker or a broken task is there (why
 * goes to why), else MISSING. */
llo_task_state llo_sweep_task_state(const char *dir, const char *sweep_sha256, long index, int replicates,
                                    const char *const *files, int n_files, char *why, size_t n);

/* The files of each task of sw, manifest excluded. */
int llo_sweep_task_files(const llo_sweep *sw, const char **files);

/* Runs task `index` into dir/tasks/, skipping it when it is already done (unless o->force).
 * Returns 0 when done (ran or skipped: *skipped says which), -1 on failure with messages in d and
 * a failure marker dir/tasks/p<P>-r<R>.failed. A packed sweep's task is appended to o->pack as
 * a record (a failed one as a failed record) and never skipped here: its caller knows from
 * llo_sweep_tasks_read what is done. */
int llo_sweep_task(const llo_sweep *sw, const llo_sweep_plan *plan, const char *dir, long index,
                   const llo_sweep_options *o, int *skipped, llo_diag *d);

/* The SHA-256 of dir/sweep.resolved.cfg; 0, or -1 with a message. */
int llo_sweep_folder_sha(const char *dir, char hex[65], char *err, size_t errlen);

/* Merges the tasks of the sweep in dir into merged.csv, points.csv, tasks.csv and manifest.json.
 * Refuses (returns 2, nothing written) when a task is missing, failed or fails its hash check,
 * unless partial. Returns 0, 2, or 1 on a failure while writing; messages in d. */
int llo_sweep_merge(const char *dir, int partial, const llo_sweep_options *o, llo_diag *d);

/* Loads the sweep a folder holds (dir/sweep.resolved.cfg): for status and merge. */
int llo_sweep_load_folder(llo_sweep *sw, const char *dir, llo_diag *d);

#endif
