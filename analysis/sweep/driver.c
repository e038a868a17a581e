/* The local and the in-process drivers of a sweep (driver.h). */
#include "analysis/sweep/driver.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "sim/llosim.h"

extern char **environ;

static pid_t spawn_task(const llo_sweep_local *l, long index, long last, int *error)
{
    char idx[64], threads[16];
    if (last > index) snprintf(idx, sizeof idx, "%ld-%ld", index, last);
    else snprintf(idx, sizeof idx, "%ld", index);
    snprintf(threads, sizeof threads, "%d", l->threads > 0 ? l->threads : 1);
    char *args[16 + 2 * LLO_SWEEP_MAX_SETS];
    int n = 0;
    args[n++] = (char *)l->exe;
    args[n++] = "sweep";
    args[n++] = "task";
    args[n++] = (char *)l->file;
    args[n++] = "--index";
    args[n++] = idx;
    args[n++] = "-o";
    args[n++] = (char *)l->dir;
    args[n++] = "--threads";
    args[n++] = threads;
    args[n++] = "-q";
    if (l->pack_flag) args[n++] = "--pack";
    for (int k = 0; k < l->n_sets && k < LLO_SWEEP_MAX_SETS; k++) {
        args[n++] = "--set";
        args[n++] = (char *)l->sets[k];
    }
    args[n] = NULL;
    pid_t pid;
    *error = posix_spawn(&pid, l->exe, NULL, NULL, args, environ);
    return *error ? -1 : pid;
}

long llo_sweep_run_local(const llo_sweep_local *l, const long *todo, long n_todo)
{
    long next = 0, finished = 0, failed = 0;
    int jobs = l->jobs > 0 ? l->jobs : 1;
    pid_t *pids = calloc((size_t)jobs, sizeof *pids);
    long *running = calloc(3 * (size_t)jobs, sizeof *running), *running_last = running + jobs,
         *running_n = running + 2 * jobs;
    if (!pids || !running) {
        free(pids);
        free(running);
        return -1;
    }
    int active = 0;
    while (next < n_todo || active) {
        while (active < jobs && next < n_todo) {
            int error;
            long n = l->pack ? llo_sweep_chunk(l->cost, n_todo - next, jobs) : 1;
            long first = todo[next], last = todo[next + n - 1];
            pid_t pid = spawn_task(l, first, last, &error);
            if (pid < 0) {
                failed++;
                finished += n;
                l->report(&(llo_sweep_event){.task = first, .last = last, .outcome = LLO_TASK_NOT_STARTED,
                                             .why = strerror(error), .finished = finished, .total = n_todo, .failed = failed},
                          l->ctx);
                next += n;
                continue;
            }
            for (int j = 0; j < jobs; j++)
                if (!pids[j]) {
                    pids[j] = pid;
                    running[j] = first;
                    running_last[j] = last;
                    running_n[j] = n;
                    break;
                }
            active++;
            next += n;
        }
        if (!active) break;
        int status;
        pid_t pid = waitpid(-1, &status, 0);
        if (pid < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int j = 0; j < jobs; j++)
            if (pids[j] == pid) {
                pids[j] = 0;
                active--;
                finished += running_n[j];
                llo_sweep_event e = {.task = running[j], .last = running_last[j], .outcome = LLO_TASK_FINISHED,
                                     .total = n_todo};
                if (WIFSIGNALED(status)) {
                    e.outcome = LLO_TASK_KILLED;
                    e.signal = WTERMSIG(status);
                } else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                    e.outcome = LLO_TASK_EXITED;
                    e.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 0;
                }
                failed += e.outcome != LLO_TASK_FINISHED;
                e.finished = finished;
                e.failed = failed;
                l->report(&e, l->ctx);
            }
    }
    free(pids);
    free(running);
    return failed;
}

long llo_sweep_chunk(double task_cost, long remaining, int workers)
{
    if (remaining <= 0) return 0;
    long share = (remaining + 2L * workers - 1) / (2L * (workers > 0 ? workers : 1));
    double by_cost = task_cost > 0 ? LLO_SWEEP_CHUNK_WORK / task_cost : (double)remaining;
    long cap = by_cost < 1 ? 1 : by_cost > (double)remaining ? remaining : (long)by_cost;
    long chunk = share < cap ? share : cap;
    return chunk < 1 ? 1 : chunk;
}

double llo_sweep_task_cost(const llo_sweep *sw)
{
    const llo_params *p = &sw->base.params;
    double months = p->months + (sw->from[0] ? 0 : p->burn_in_months);
    return (double)llo_world_estimate(p).workers * months;
}
