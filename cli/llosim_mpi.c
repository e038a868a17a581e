/* llosim-mpi: a sweep over MPI ranks (the driver is analysis/sweep/mpi_driver.c). Rank 0
 * prepares the sweep's folder; then every rank, rank 0 included, runs tasks in-process through
 * the same primitive as `llosim sweep task`, taking them from rank 0 in chunks sized to their
 * cost that shrink toward the end. A failing task is reported and the rest carry on; each task is
 * written with its manifest last, so whatever finished before a crash is kept and --resume runs
 * the rest.
 *
 *   mpirun -np 8 llosim-mpi SWEEP.cfg [-o DIR] [--resume] [--yes] [--threads N] [overrides]
 *
 * Exit codes as for `llosim sweep run`: 0, 1 (a task failed), 2 (bad input, nothing run). */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep/mpi_driver.h"
#include "analysis/sweep/pack.h"
#include "cli/sweep.h"

/* How a task went, printed on the rank where it is known: a failure's messages where it ran,
 * the counts on rank 0 after each chunk. */
static void report_task(const llo_sweep_event *e, void *ctx)
{
    const llo_sweep_session *s = ctx;
    if (e->diag) {
        llo_sweep_print_diag(e->diag);
        fprintf(stderr, "llosim-mpi: task %ld failed on rank %d\n", e->task, e->rank);
        return;
    }
    if (!s->o.quiet) fprintf(stderr, "llosim-mpi: %ld/%ld tasks finished, %ld failed\n", e->finished, e->total, e->failed);
}

int main(int argc, char **argv)
{
    /* Rank 0 serves the others from a second thread while its first runs tasks; only one thread
     * talks MPI at a time. */
    int provided;
    MPI_Init_thread(&argc, &argv, MPI_THREAD_SERIALIZED, &provided);
    int rank, ranks;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    static llo_sweep_session s;
    /* Every rank parses the same command line; rank 0 alone checks it and prepares the folder,
     * then tells the others whether to go on. */
    int rc = llo_sweep_parse(&s, argc, argv, 1, "mpi");
    if (rc < 0) { /* -h: every rank parsed the same command line, so every rank stops here */
        MPI_Finalize();
        return 0;
    }
    if (rank == 0 && rc == 0) rc = llo_sweep_open(&s, 1);
    MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
    if (rc == 0) {
        /* The folder is prepared: opening it again on the other ranks only compares the sweep's files. */
        if (rank != 0 && (rc = llo_sweep_open(&s, 0)) != 0) MPI_Abort(MPI_COMM_WORLD, rc);
        if (rank == 0 && !s.o.quiet)
            fprintf(stderr, "llosim-mpi: sweep %s: %ld of %ld tasks to run on %d rank%s into %s/\n", s.sw->name, s.n_todo,
                    s.sw->tasks, ranks, ranks == 1 ? "" : "s", s.dir);
        /* A packed sweep: each rank appends its tasks to a pack of its own. */
        llo_pack_writer pack = {0};
        s.o.pack = &pack;
        long failed = llo_sweep_mpi_run(s.sw, &s.plan, s.dir, &s.o, rank == 0 ? s.todo : NULL, rank == 0 ? s.n_todo : 0,
                                        report_task, &s);
        llo_pack_close(&pack);
        s.o.pack = NULL;
        if (rank == 0) {
            printf("sweep %s: %ld task%s run, %ld already done, %ld failed; %s/\n", s.sw->name, s.n_todo - failed,
                   s.n_todo - failed == 1 ? "" : "s", s.sw->tasks - s.n_todo, failed, s.dir);
            rc = failed ? 1 : 0;
        }
    }
    MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
    llo_sweep_close(&s);
    MPI_Finalize();
    return rc;
}
