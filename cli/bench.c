/* make bench: speed and memory of the engine, printed as figures (not a timed test).
 * Worker-months per second for a scenario (default: the baseline at 1:1) with one thread and
 * with all threads, and bytes of memory per worker, both as estimated and as measured by the
 * growth of the resident set when the world is allocated and initialised. */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sim/llosim.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static long resident_bytes(void)
{
    FILE *f = fopen("/proc/self/statm", "r");
    long pages = 0, rss = 0;
    if (f) {
        if (fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = 0;
        fclose(f);
    }
    return rss * sysconf(_SC_PAGE_SIZE);
}

/* Simulates `months` months after the burn-in and returns worker-months per second. */
static const char *phase_name[LLO_N_PHASES];

static double measure(const llo_params *p, int threads, int months, size_t *workers_out, long *rss_growth,
                      double *phase_seconds)
{
    omp_set_num_threads(threads);
    char err[256];
    long before = resident_bytes();
    llo_world *w = llo_world_alloc(p, 1, err, sizeof err);
    if (!w) {
        fprintf(stderr, "llosim-bench: %s\n", err);
        exit(1);
    }
    if (rss_growth) *rss_growth = resident_bytes() - before;
    while (llo_world_month(w) < 0) llo_world_step(w); /* burn-in is not timed */
    double before_phases[LLO_N_PHASES];
    llo_world_phase_times(w, phase_name, before_phases);
    double t0 = now();
    int64_t worker_months = 0;
    for (int m = 0; m < months; m++) {
        llo_world_step(w);
        const llo_month_stats *st = llo_world_stats(w);
        for (int r = 0; r < p->n_regions; r++) worker_months += st->tally.region[r][LLO_T_WORKERS];
    }
    double dt = now() - t0;
    llo_world_phase_times(w, NULL, phase_seconds);
    int64_t kept, redone;
    llo_world_plan_counts(w, &kept, &redone);
    if (threads > 1)
        printf("course claims planned in parallel and kept: %.1f%% of %lld\n", 100.0 * (double)kept / (double)(kept + redone > 0 ? kept + redone : 1),
               (long long)(kept + redone));
    for (int k = 0; k < LLO_N_PHASES; k++) phase_seconds[k] -= before_phases[k];
    *workers_out = (size_t)(worker_months / months);
    llo_world_free(w);
    return (double)worker_months / dt;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "scenarios/baseline.cfg";
    int months = argc > 2 ? atoi(argv[2]) : 24;
    static llo_scenario s;
    static llo_diag d;
    const char *sets[] = {"run.burn_in_months=12"};
    if (llo_scenario_load(&s, path, sets, 1, &d) != 0) {
        for (int k = 0; k < d.count; k++) fprintf(stderr, "%s\n", d.msg[k]);
        return 2;
    }
    llo_world_size z = llo_world_estimate(&s.params);
    int all = omp_get_max_threads();
    size_t workers;
    long rss;
    printf("llosim-bench: %s, scale %g, %d months timed after 12 burn-in months\n", path, s.params.scale, months);
    double ph1[LLO_N_PHASES], phn[LLO_N_PHASES] = {0};
    double one = measure(&s.params, 1, months, &workers, &rss, ph1);
    printf("workers:                      %zu\n", workers);
    printf("worker-months/s, 1 thread:    %.3g\n", one);
    if (all > 1) {
        double many = measure(&s.params, all, months, &workers, NULL, phn);
        printf("worker-months/s, %d threads:   %.3g (%.2fx)\n", all, many, many / one);
        printf("worker-months/s per core:     %.3g\n", many / all);
    }
    printf("bytes per worker, estimated:  %.1f (world total %.1f MiB)\n", (double)z.bytes / (double)z.workers,
           (double)z.bytes / 1048576.0);
    printf("bytes per worker, measured:   %.1f (resident growth when the world was built)\n", (double)rss / (double)z.workers);
    double tot1 = 0, totn = 0;
    for (int k = 0; k < LLO_N_PHASES; k++) tot1 += ph1[k], totn += phn[k];
    printf("phase                 1 thread   %d threads   speed-up\n", all);
    for (int k = 0; k < LLO_N_PHASES; k++)
        printf("  %-20s %6.1f%%    %6.1f%%    %5.2fx\n", phase_name[k], 100 * ph1[k] / tot1, totn > 0 ? 100 * phn[k] / totn : 0,
               phn[k] > 0 ? ph1[k] / phn[k] : 0);
    return 0;
}
