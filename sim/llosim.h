/* llosim: an agent-based simulation of a regional lifelong-learning (LLO) ecosystem.
 * The public interface of the engine library. A world is created from resolved parameters,
 * stepped month by month, inspected between months, and freed. Nothing here exits the
 * process; errors come back as return codes with messages. */
#ifndef LLOSIM_H
#define LLOSIM_H

#include <stddef.h>
#include <stdint.h>

#include "config/params.h"
#include "sim/indicators.h"
#include "config/scenario.h"


typedef struct llo_world llo_world;

/* Sizes of a world built from p, known before anything is allocated. */
typedef struct llo_world_size {
    size_t workers;     /* worker slots */
    size_t employers;
    size_t providers;
    size_t bytes;       /* estimated memory of the world */
} llo_world_size;

llo_world_size llo_world_estimate(const llo_params *p);

/* Allocates a world for p (all agents, all scratch) and initialises replicate `replicate`'s
 * population from its derived seed. Returns NULL with a message in err on failure. */
llo_world *llo_world_alloc(const llo_params *p, int replicate, char *err, size_t errlen);

/* Re-initialises an allocated world for another replicate, without allocating. The parameters
 * return to those the world was allocated with: changes made by timeline events or through
 * llo_world_params last until the next reset. */
void llo_world_reset(llo_world *w, int replicate);

/* The same for replicate `replicate` of sweep point `point`: the seed derives from (run.seed,
 * point, replicate). Point 0 is what a plain run simulates. */
llo_world *llo_world_alloc_point(const llo_params *p, uint64_t point, int replicate, char *err, size_t errlen);
void llo_world_reset_point(llo_world *w, uint64_t point, int replicate);

void llo_world_free(llo_world *w);

/* Simulates one month; llo_world_stats then describes it. */
void llo_world_step(llo_world *w);

/* The next month to be simulated (negative during burn-in). */
int llo_world_month(const llo_world *w);

/* Indicators of the month last simulated. */
const llo_month_stats *llo_world_stats(const llo_world *w);

/* The parameters the world runs under. Changing them between months (as timeline events do, or
 * a live lever) is allowed for the settings the monthly step reads (llo_setting_is_live);
 * agent counts and starting attributes are fixed at allocation. */
llo_params *llo_world_params(llo_world *w);

/* Checks the conservation laws: workers (entries and exits counted), seats, head counts, and
 * money to the cent in every pot. Returns 0, or -1 with the first violation in err. */
int llo_world_check(const llo_world *w, char *err, size_t errlen);

/* Where a run has got to, for a caller that shows progress: replicate `replicate` of
 * `replicates` has simulated `month` of `months` written months. */
typedef struct llo_run_progress {
    int replicate, replicates;
    int month, months;
} llo_run_progress;

/* Options of a run beyond the scenario. */
typedef struct llo_run_options {
    const char *out_dir;     /* NULL: out/<name>/ */
    int threads;             /* 0: OpenMP's default */
    int check_invariants;    /* check conservation laws every month (slower) */
    int argc;                /* the command line, recorded in the manifest */
    char **argv;
    /* Called every six written months and at the end of each replicate, when not NULL. The
     * library itself never prints. */
    void (*progress)(const llo_run_progress *at, void *ctx);
    void *progress_ctx;
} llo_run_options;

/* The folder a run writes into: o->out_dir, or out/<name>. */
void llo_run_dir(const llo_params *p, const llo_run_options *o, char *dir, size_t n);

/* Runs every replicate of a loaded scenario and writes timeseries.csv, groups.csv,
 * scenario.resolved.cfg and, last, manifest.json, each atomically. Returns 0, or -1 with
 * messages in d. */
int llo_run(const llo_scenario *s, const llo_run_options *o, llo_diag *d);

#endif
