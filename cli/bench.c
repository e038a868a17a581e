/* make bench: speed and memory of the engine, printed as figures (not a timed test).
 * Worker-months per second for a scenario (default: the baseline at 1:1) with one thread and
 * with all threads, and bytes of memory per worker, both as estimated and as measured by the
 * growth of the resident set when the world is allocated and initialised; each phase's share of
 * the time and its speed-up on all threads; a limit probe (the least an agent step can cost on
 * this machine) run in the same process; and the Netherlands at 1:1 (skip it with a third
 * argument --no-netherlands). */
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <math.h>
#include <Random123/philox.h>

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

/* The physical limit of an agent-based step on this machine, as the issue on scale defines it:
 * per agent and month, read and write one 64-byte record, draw one Philox block keyed as
 * llosim keys its draws, and take one logit decision. Agents per second. */
typedef struct probe_agent {
    uint64_t id;
    double x[6];
    uint32_t state, flags;
} probe_agent;
_Static_assert(sizeof(probe_agent) == 64, "the probe's record is one cache line");

static double limit_probe(size_t n, int threads, int months)
{
    omp_set_num_threads(threads);
    probe_agent *a = aligned_alloc(64, n * sizeof *a);
    if (!a) {
        fprintf(stderr, "llosim-bench: out of memory for the probe\n");
        exit(1);
    }
#pragma omp parallel for schedule(static)
    for (size_t i = 0; i < n; i++) {
        memset(&a[i], 0, sizeof a[i]);
        a[i].id = i;
        a[i].x[0] = -2.0 + (double)(i % 97) / 24.0;
    }
    double t0 = now();
    uint64_t decided = 0;
    for (int m = 0; m < months; m++) {
#pragma omp parallel for schedule(static) reduction(+ : decided)
        for (size_t i = 0; i < n; i++) {
            probe_agent r = a[i];
            philox4x64_ctr_t c = {{r.id, (uint64_t)m << 32, 0, 0}};
            philox4x64_key_t k = {{20211, 1}};
            philox4x64_ctr_t b = philox4x64(c, k);
            double u = (double)(b.v[0] >> 11) * 0x1.0p-53;
            double eta = r.x[0] + 0.1 * r.x[1] - 0.05 * r.x[2];
            int yes = u < 1.0 / (1.0 + exp(-eta));
            r.state += (uint32_t)yes;
            r.x[1] += yes ? 0.01 : -0.001;
            r.flags ^= (uint32_t)b.v[1];
            a[i] = r;
            decided += (uint64_t)yes;
        }
    }
    double dt = now() - t0;
    if (decided == UINT64_MAX) printf("?\n"); /* keeps the loop's work observable */
    free(a);
    return (double)n * months / dt;
}

/* The Netherlands at 1:1: the baseline at scale 7.2, 120 months after its 60-month burn-in, on
 * every thread, from allocating the world to the last month (no files written), with the peak
 * resident memory per worker. */
static void netherlands(const char *path, int threads)
{
    static llo_scenario nl;
    static llo_diag d;
    const char *sets[] = {"run.scale=7.2", "run.months=120", "run.burn_in_months=60"};
    if (llo_scenario_load(&nl, path, sets, 3, &d) != 0) {
        for (int k = 0; k < d.count; k++) fprintf(stderr, "%s\n", d.msg[k]);
        exit(2);
    }
    omp_set_num_threads(threads);
    char err[256];
    double t0 = now();
    llo_world *w = llo_world_alloc(&nl.params, 1, err, sizeof err);
    if (!w) {
        fprintf(stderr, "llosim-bench: %s\n", err);
        exit(1);
    }
    double built = now() - t0;
    int64_t worker_months = 0;
    while (llo_world_month(w) < nl.params.months) {
        llo_world_step(w);
        const llo_month_stats *st = llo_world_stats(w);
        for (int r = 0; r < nl.params.n_regions; r++) worker_months += st->tally.region[r][LLO_T_WORKERS];
    }
    double dt = now() - t0;
    int months = nl.params.months + nl.params.burn_in_months;
    double workers = (double)worker_months / months;
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("Netherlands 1:1 (scale 7.2, %d workers, %d months with the burn-in), %d threads:\n", (int)workers, months, threads);
    printf("  %.1f s (world built in %.1f s), %.3g worker-months/s, peak memory %.1f bytes per worker\n", dt, built,
           (double)worker_months / (dt - built), (double)ru.ru_maxrss * 1024.0 / workers);
    llo_world_free(w);
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "scenarios/baseline.cfg";
    int months = argc > 2 ? atoi(argv[2]) : 24;
    int with_nl = !(argc > 3 && strcmp(argv[3], "--no-netherlands") == 0);
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
    double probe1 = limit_probe(workers, 1, months);
    printf("workers:                      %zu\n", workers);
    printf("worker-months/s, 1 thread:    %.3g (limit probe %.3g: %.0f%% of it)\n", one, probe1, 100 * one / probe1);
    double many = one;
    if (all > 1) {
        many = measure(&s.params, all, months, &workers, NULL, phn);
        double proben = limit_probe(workers, all, months);
        printf("worker-months/s, %d threads:   %.3g (%.2fx; limit probe %.3g: %.0f%% of it)\n", all, many, many / one, proben,
               100 * many / proben);
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
    fflush(stdout);
    if (with_nl) netherlands(path, all);
    return 0;
}
