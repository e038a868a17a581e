/* llosim-mpi: a sweep over MPI ranks. Rank 0 prepares the sweep's folder and hands out task
 * indices one at a time as ranks free up (dynamic scheduling: tasks differ in length); every
 * other rank runs the tasks it is given in-process, through the same primitive as `llosim sweep
 * task`, and reports back. A failing task is reported and the rest carry on; each task is written
 * to its own folder with its manifest last, so whatever finished before a crash is kept and
 * --resume runs the rest. With one rank, rank 0 runs every task itself.
 *
 *   mpirun -np 8 llosim-mpi SWEEP.cfg [-o DIR] [--resume] [--yes] [--threads N] [overrides]
 *
 * Exit codes as for `llosim sweep run`: 0, 1 (a task failed), 2 (bad input, nothing run). */
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sweep/sweep.h"

enum { TAG_RESULT = 1, TAG_WORK = 2 };

/* A worker's report: the task it ran (-1: ready for the first) and how it went (0 or -1). */
typedef struct report {
    long task;
    long rc;
} report;

static void worker(llo_sweep_session *s)
{
    report r = {-1, 0};
    for (;;) {
        long task;
        MPI_Send(&r, 2, MPI_LONG, 0, TAG_RESULT, MPI_COMM_WORLD);
        MPI_Recv(&task, 1, MPI_LONG, 0, TAG_WORK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (task < 0) return;
        static llo_diag d;
        memset(&d, 0, sizeof d);
        int skipped;
        r.task = task;
        r.rc = llo_sweep_task(s->sw, &s->plan, s->dir, task, &s->o, &skipped, &d);
        if (r.rc) llo_sweep_print_diag(&d);
    }
}

static long dispatch(llo_sweep_session *s, int ranks)
{
    long next = 0, failed = 0, finished = 0;
    int stopped = 0;
    while (stopped < ranks - 1) {
        report r;
        MPI_Status st;
        MPI_Recv(&r, 2, MPI_LONG, MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, &st);
        if (r.task >= 0) {
            finished++;
            if (r.rc) {
                failed++;
                fprintf(stderr, "llosim-mpi: task %ld failed on rank %d\n", r.task, st.MPI_SOURCE);
            }
            if (!s->o.quiet) fprintf(stderr, "llosim-mpi: %ld/%ld tasks finished, %ld failed\n", finished, s->n_todo, failed);
        }
        long task = next < s->n_todo ? s->todo[next++] : -1;
        if (task < 0) stopped++;
        MPI_Send(&task, 1, MPI_LONG, st.MPI_SOURCE, TAG_WORK, MPI_COMM_WORLD);
    }
    return failed;
}

static long alone(llo_sweep_session *s)
{
    long failed = 0;
    for (long k = 0; k < s->n_todo; k++) {
        static llo_diag d;
        memset(&d, 0, sizeof d);
        int skipped;
        if (llo_sweep_task(s->sw, &s->plan, s->dir, s->todo[k], &s->o, &skipped, &d) != 0) {
            llo_sweep_print_diag(&d);
            fprintf(stderr, "llosim-mpi: task %ld failed\n", s->todo[k]);
            failed++;
        }
    }
    return failed;
}

int main(int argc, char **argv)
{
    MPI_Init(&argc, &argv);
    int rank, ranks;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    static llo_sweep_session s;
    /* Every rank parses the same command line; rank 0 alone checks it and prepares the folder,
     * then tells the others whether to go on. */
    int rc = llo_sweep_parse(&s, argc, argv, 1, "mpi");
    if (rank == 0 && rc == 0) rc = llo_sweep_open(&s, 1);
    MPI_Bcast(&rc, 1, MPI_INT, 0, MPI_COMM_WORLD);
    long failed = 0;
    if (rc == 0) {
        if (rank != 0) {
            /* The folder is prepared: opening it again only compares the sweep's files. */
            rc = llo_sweep_open(&s, 0);
            if (rc == 0) worker(&s);
            else MPI_Abort(MPI_COMM_WORLD, rc);
        } else {
            if (!s.o.quiet)
                fprintf(stderr, "llosim-mpi: sweep %s: %ld of %ld tasks to run on %d rank%s into %s/\n", s.sw->name,
                        s.n_todo, s.sw->tasks, ranks, ranks == 1 ? "" : "s", s.dir);
            failed = ranks == 1 ? alone(&s) : dispatch(&s, ranks);
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
