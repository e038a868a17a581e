/* The MPI driver of a sweep (mpi_driver.h). */
#include "analysis/sweep/mpi_driver.h"

#include <mpi.h>
#include <string.h>

enum { TAG_RESULT = 1, TAG_WORK = 2 };

/* A worker's report: the task it ran (-1: ready for the first) and how it went (0 or -1). */
typedef struct task_report {
    long task;
    long rc;
} task_report;

void llo_sweep_mpi_work(const llo_sweep *sw, const llo_sweep_plan *plan, const char *dir, const llo_sweep_options *o,
                        llo_sweep_report report, void *ctx)
{
    task_report r = {-1, 0};
    int rank;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    for (;;) {
        long task;
        MPI_Send(&r, 2, MPI_LONG, 0, TAG_RESULT, MPI_COMM_WORLD);
        MPI_Recv(&task, 1, MPI_LONG, 0, TAG_WORK, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (task < 0) return;
        static llo_diag d;
        memset(&d, 0, sizeof d);
        int skipped;
        r.task = task;
        r.rc = llo_sweep_task(sw, plan, dir, task, o, &skipped, &d);
        if (r.rc)
            report(&(llo_sweep_event){.task = task, .outcome = LLO_TASK_EXITED, .exit_code = 1, .rank = rank, .diag = &d},
                   ctx);
    }
}

long llo_sweep_mpi_dispatch(const long *todo, long n_todo, int ranks, llo_sweep_report report, void *ctx)
{
    long next = 0, failed = 0, finished = 0;
    int stopped = 0;
    while (stopped < ranks - 1) {
        task_report r;
        MPI_Status st;
        MPI_Recv(&r, 2, MPI_LONG, MPI_ANY_SOURCE, TAG_RESULT, MPI_COMM_WORLD, &st);
        if (r.task >= 0) {
            finished++;
            failed += r.rc != 0;
            report(&(llo_sweep_event){.task = r.task, .outcome = r.rc ? LLO_TASK_EXITED : LLO_TASK_FINISHED,
                                      .exit_code = r.rc ? 1 : 0, .rank = st.MPI_SOURCE, .finished = finished,
                                      .total = n_todo, .failed = failed},
                   ctx);
        }
        long task = next < n_todo ? todo[next++] : -1;
        if (task < 0) stopped++;
        MPI_Send(&task, 1, MPI_LONG, st.MPI_SOURCE, TAG_WORK, MPI_COMM_WORLD);
    }
    return failed;
}
