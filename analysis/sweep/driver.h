/* Drivers of a sweep: they hand out the task indices still to run and report how each went. The
 * local driver starts `llosim sweep task` children with posix_spawn, N at a time; each child
 * writes its own task folder, so a driver that dies loses nothing finished, and a resumed sweep
 * picks up the rest. The in-process driver runs the tasks one after another through
 * llo_sweep_task (llosim-mpi with one rank). The MPI driver is in sweep/mpi_driver.h, built only
 * where MPI is. None of them prints: what happens reaches the caller through llo_sweep_report. */
#ifndef LLO_SWEEP_DRIVER_H
#define LLO_SWEEP_DRIVER_H

#include "analysis/sweep/sweep.h"

/* What happened to a task. */
typedef enum {
    LLO_TASK_FINISHED,        /* ran (or was already done) */
    LLO_TASK_NOT_STARTED,     /* the child could not be started: why says so */
    LLO_TASK_EXITED,          /* the child or the task failed: exit_code (1 in process) */
    LLO_TASK_KILLED           /* the child was killed: signal */
} llo_task_outcome;

/* A report on one task, with the driver's counts so far. */
typedef struct llo_sweep_event {
    long task;                /* its index */
    llo_task_outcome outcome;
    int exit_code, signal;
    int rank;                 /* MPI: the rank that ran it; else 0 */
    const char *why;          /* LLO_TASK_NOT_STARTED: the reason; in process: NULL */
    const llo_diag *diag;     /* in process: the task's messages when it failed; else NULL */
    long finished, total, failed;
} llo_sweep_event;

/* Called once per task, as it ends, in the driver's process. */
typedef void (*llo_sweep_report)(const llo_sweep_event *e, void *ctx);

/* The local driver: runs tasks todo[0..n_todo) as `exe sweep task FILE --index I -o DIR
 * --threads T -q [--set S]...` children, `jobs` at a time. Returns the number of tasks that
 * failed, or -1 when out of memory before any ran. */
typedef struct llo_sweep_local {
    const char *exe;          /* the llosim binary */
    const char *file;         /* the sweep file */
    const char *dir;          /* the sweep's folder */
    const char *const *sets;  /* the overrides every task gets */
    int n_sets;
    int jobs, threads;
    llo_sweep_report report;
    void *ctx;
} llo_sweep_local;

long llo_sweep_run_local(const llo_sweep_local *l, const long *todo, long n_todo);

/* The in-process driver: runs tasks todo[0..n_todo) of sw into dir one after another. Returns
 * the number that failed. */
long llo_sweep_run_in_process(const llo_sweep *sw, const llo_sweep_plan *plan, const char *dir,
                              const llo_sweep_options *o, const long *todo, long n_todo, llo_sweep_report report,
                              void *ctx);

#endif
