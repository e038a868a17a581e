/* Drivers of a sweep: they hand out the task indices still to run and report how each went. The
 * local driver starts `llosim sweep task` children with posix_spawn, N at a time; each child
 * writes its own task folder, so a driver that dies loses nothing finished, and a resumed sweep
 * picks up the rest. The MPI driver is in sweep/mpi_driver.h, built only
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
    long last;                /* a chunk of a packed sweep's local run: its last task (else = task) */
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
 * --threads T -q [--set S]...` children, `jobs` at a time; a packed sweep's in chunks,
 * `--index A-B` (guided self-scheduling, llo_sweep_chunk), so that a child writes one pack for
 * many tasks. Returns the number of children that failed (for an unpacked sweep: of tasks), or
 * -1 when out of memory before any ran. */
typedef struct llo_sweep_local {
    const char *exe;          /* the llosim binary */
    const char *file;         /* the sweep file */
    const char *dir;          /* the sweep's folder */
    const char *const *sets;  /* the overrides every task gets */
    int n_sets;
    int jobs, threads;
    int pack;                 /* a packed sweep: children run chunks (--index A-B), each into its own pack */
    int pack_flag;            /* pass --pack (it came from the command line, not the sweep file) */
    double cost;              /* a task's worker-months, for the chunks' size (llo_sweep_chunk) */
    llo_sweep_report report;
    void *ctx;
} llo_sweep_local;

long llo_sweep_run_local(const llo_sweep_local *l, const long *todo, long n_todo);

/* Guided self-scheduling sized by cost: how many of `remaining` tasks a free worker takes next,
 * when `workers` share them and one task costs `task_cost` worker-months. A chunk is a share of
 * what is left (remaining / (2 workers), rounded up), so chunks shrink toward the end and the
 * workers finish together; it holds at most LLO_SWEEP_CHUNK_WORK worker-months, so costly tasks
 * go one at a time while tiny ones go by the hundred; and at least one task. */
#define LLO_SWEEP_CHUNK_WORK 2e7
long llo_sweep_chunk(double task_cost, long remaining, int workers);

/* The cost of one task of sw in worker-months: its workers times the months it simulates
 * (the burn-in too, unless it forks a checkpoint). */
double llo_sweep_task_cost(const llo_sweep *sw);

#endif
