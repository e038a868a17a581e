/* The MPI driver of a sweep, in its own small library (built only where MPI is found), so the
 * analysis library never needs MPI. Rank 0 hands out task indices one at a time as ranks free up
 * (dynamic scheduling: tasks differ in length); every other rank runs the tasks it is given
 * in-process through llo_sweep_task and reports back. A failing task is reported and the rest
 * carry on. The caller has called MPI_Init and prepared the sweep's folder. */
#ifndef LLO_SWEEP_MPI_DRIVER_H
#define LLO_SWEEP_MPI_DRIVER_H

#include "analysis/sweep/driver.h"

/* Rank 0, with ranks > 1: hands out todo[0..n_todo) and reports each task as it ends (its rank
 * in e->rank). Returns the number of tasks that failed. */
long llo_sweep_mpi_dispatch(const long *todo, long n_todo, int ranks, llo_sweep_report report, void *ctx);

/* Every other rank: runs what rank 0 hands out until told to stop. A task's messages, when it
 * fails, reach report on this rank (with e->diag). */
void llo_sweep_mpi_work(const llo_sweep *sw, const llo_sweep_plan *plan, const char *dir, const llo_sweep_options *o,
                        llo_sweep_report report, void *ctx);

#endif
