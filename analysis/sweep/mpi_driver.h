/* The MPI driver of a sweep, in its own small library (built only where MPI is found), so the
 * analysis library never needs MPI. Every rank runs tasks, rank 0 included. Rank 0 holds the
 * list of tasks still to run and hands them out in chunks, guided self-scheduling sized by
 * cost (llo_sweep_chunk): a share of what is left, so chunks shrink toward the end, and never
 * more worker-months than a few seconds' work. A thread of rank 0 answers the other ranks'
 * requests while rank 0's own thread runs tasks from the same list, so no rank waits on a task
 * of rank 0. A failing task is reported where it ran and the rest carry on. The caller has
 * called MPI_Init_thread with at least MPI_THREAD_SERIALIZED (only that thread talks MPI while
 * the tasks run) and prepared the sweep's folder. */
#ifndef LLO_SWEEP_MPI_DRIVER_H
#define LLO_SWEEP_MPI_DRIVER_H

#include "analysis/sweep/driver.h"

/* Every rank: runs the sweep's tasks with the others until none is left. Rank 0 passes the tasks
 * to run, todo[0..n_todo); the other ranks pass NULL, 0. report is called on the rank that ran a
 * task when it fails (with its messages in e->diag), and on rank 0 after every chunk with the
 * counts so far (e->diag NULL, e->task the chunk's last task, e->rank the rank that ran it).
 * Returns, on rank 0, the number of tasks that failed; on the other ranks, those that failed there. */
long llo_sweep_mpi_run(const llo_sweep *sw, const llo_sweep_plan *plan, const char *dir, const llo_sweep_options *o,
                       const long *todo, long n_todo, llo_sweep_report report, void *ctx);

#endif
