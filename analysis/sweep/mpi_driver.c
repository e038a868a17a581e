/* The MPI driver of a sweep (mpi_driver.h). */
#include "analysis/sweep/mpi_driver.h"

#include <mpi.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { TAG_REQUEST = 1, TAG_CHUNK = 2 };
/* The longest chunk a message carries: tasks are listed by index (a resumed sweep's are not
 * contiguous). */
#define MAX_CHUNK 4096

/* The tasks left, on rank 0, shared by its serving thread and its working thread. */
typedef struct task_pool {
    pthread_mutex_t lock;
    const long *todo;
    long n_todo, next;
    long finished, failed;
    int ranks;
    double cost;
    llo_sweep_report report;
    void *ctx;
} task_pool;

/* Takes the next chunk into out (at most MAX_CHUNK); returns its length, 0 when none is left. */
static long take_chunk(task_pool *p, long *out)
{
    pthread_mutex_lock(&p->lock);
    long n = llo_sweep_chunk(p->cost, p->n_todo - p->next, p->ranks);
    if (n > MAX_CHUNK) n = MAX_CHUNK;
    memcpy(out, p->todo + p->next, (size_t)n * sizeof *out);
    p->next += n;
    pthread_mutex_unlock(&p->lock);
    return n;
}

/* Counts a finished chunk and reports the totals so far. */
static void account(task_pool *p, long done, long failed, long last, int rank)
{
    if (!done) return;
    pthread_mutex_lock(&p->lock);
    p->finished += done;
    p->failed += failed;
    llo_sweep_event e = {.task = last, .outcome = failed ? LLO_TASK_EXITED : LLO_TASK_FINISHED, .exit_code = failed ? 1 : 0,
                         .rank = rank, .finished = p->finished, .total = p->n_todo, .failed = p->failed};
    p->report(&e, p->ctx);
    pthread_mutex_unlock(&p->lock);
}

/* Runs a chunk in-process; returns the number that failed (each reported with its messages). */
static long run_chunk(const llo_sweep *sw, const llo_sweep_plan *plan, const char *dir, const llo_sweep_options *o,
                      const long *chunk, long n, int rank, llo_sweep_report report, void *ctx)
{
    long failed = 0;
    for (long k = 0; k < n; k++) {
        static llo_diag d;
        memset(&d, 0, sizeof d);
        int skipped;
        if (llo_sweep_task(sw, plan, dir, chunk[k], o, &skipped, &d) != 0) {
            failed++;
            report(&(llo_sweep_event){.task = chunk[k], .outcome = LLO_TASK_EXITED, .exit_code = 1, .rank = rank,
                                      .diag = &d},
                   ctx);
        }
    }
    return failed;
}

/* Rank 0's serving thread: answers every other rank's requests until each has been told that
 * nothing is left. It polls with a short sleep rather than a blocking receive, which in Open MPI
 * spins and would take a core from rank 0's own tasks. */
static void *serve(void *arg)
{
    task_pool *p = arg;
    long reply[MAX_CHUNK];
    int stopped = 0;
    while (stopped < p->ranks - 1) {
        long request[3]; /* tasks done and failed in the rank's last chunk, and its last task */
        MPI_Request rq;
        MPI_Status st;
        MPI_Irecv(request, 3, MPI_LONG, MPI_ANY_SOURCE, TAG_REQUEST, MPI_COMM_WORLD, &rq);
        for (int flag = 0;;) {
            MPI_Test(&rq, &flag, &st);
            if (flag) break;
            nanosleep(&(struct timespec){0, 200000}, NULL);
        }
        account(p, request[0], request[1], request[2], st.MPI_SOURCE);
        long n = take_chunk(p, reply);
        if (!n) stopped++;
        MPI_Send(reply, (int)n, MPI_LONG, st.MPI_SOURCE, TAG_CHUNK, MPI_COMM_WORLD);
    }
    return NULL;
}

long llo_sweep_mpi_run(const llo_sweep *sw, const llo_sweep_plan *plan, const char *dir, const llo_sweep_options *o,
                       const long *todo, long n_todo, llo_sweep_report report, void *ctx)
{
    int rank, ranks;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
    static long chunk[MAX_CHUNK];
    if (rank != 0) {
        long request[3] = {0, 0, -1}, failed = 0;
        for (;;) {
            MPI_Status st;
            int n;
            MPI_Send(request, 3, MPI_LONG, 0, TAG_REQUEST, MPI_COMM_WORLD);
            MPI_Recv(chunk, MAX_CHUNK, MPI_LONG, 0, TAG_CHUNK, MPI_COMM_WORLD, &st);
            MPI_Get_count(&st, MPI_LONG, &n);
            if (n == 0) return failed;
            request[0] = n;
            request[1] = run_chunk(sw, plan, dir, o, chunk, n, rank, report, ctx);
            request[2] = chunk[n - 1];
            failed += request[1];
        }
    }
    task_pool p = {.todo = todo, .n_todo = n_todo, .ranks = ranks, .cost = llo_sweep_task_cost(sw), .report = report,
                   .ctx = ctx};
    pthread_mutex_init(&p.lock, NULL);
    pthread_t server;
    int serving = ranks > 1 && pthread_create(&server, NULL, serve, &p) == 0;
    if (ranks > 1 && !serving) {
        /* Without a thread rank 0 only serves, as before: slower, still correct. */
        serve(&p);
    } else {
        long n;
        while ((n = take_chunk(&p, chunk)) > 0)
            account(&p, n, run_chunk(sw, plan, dir, o, chunk, n, 0, report, ctx), chunk[n - 1], 0);
        if (serving) pthread_join(server, NULL);
    }
    pthread_mutex_destroy(&p.lock);
    return p.failed;
}
