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

/* The time spent in each phase of the month (step.c), for llosim-bench: the first call turns
 * the timing on and returns the phases' count; names[k] and seconds[k] (either may be NULL)
 * receive phase k's name and its seconds so far. */
#define LLO_N_PHASES 22
int llo_world_phase_times(llo_world *w, const char **names, double *seconds);

/* Course claims whose plan, made in parallel, was committed as it was, and those planned again
 * in the serial order because an earlier claim changed what they read (enrolment.c). */
void llo_world_plan_counts(const llo_world *w, int64_t *kept, int64_t *redone);

/* Where a run has got to, for a caller that shows progress: replicate `replicate` of
 * `replicates` has simulated `burn_in_month` of its `burn_in_months` months of burn-in and
 * `month` of `months` written months. */
typedef struct llo_run_progress {
    int replicate, replicates;
    int month, months;
    int burn_in_month, burn_in_months;
} llo_run_progress;

/* Saving and restoring a world's complete state (checkpoint.c; format in docs/checkpoints.md):
 * every agent array, the accounts, the parameters in force, the timeline and its progress (the
 * month), the replicate's seed. Draws are pure functions of (seed, purpose, entity, month,
 * slot), so a restored world continues exactly as the saved one would have, at any thread count.
 *
 * In memory, for rewinding: llo_world_snapshot writes into a caller's buffer of
 * llo_world_snapshot_size bytes; llo_world_restore puts a snapshot back into a world allocated
 * from the same scenario (the same agent counts), allocating nothing. Both return 0, or -1 with
 * a message (a snapshot that is damaged, of another build, or of another world). */
size_t llo_world_snapshot_size(const llo_world *w);
int llo_world_snapshot(const llo_world *w, void *buf, size_t len, char *err, size_t errlen);
int llo_world_restore(llo_world *w, const void *buf, size_t len, char *err, size_t errlen);

/* On disk: llo_world_save writes dir/name atomically, with the resolved scenario text;
 * llo_world_load allocates a world from the scenario stored in the file and restores it, or
 * returns NULL with a message saying whether the file is of another version, truncated,
 * corrupted or unreadable. */
int llo_world_save(const llo_world *w, const char *dir, const char *name, char *err, size_t errlen);
llo_world *llo_world_load(const char *path, char *err, size_t errlen);

/* Continues w's history under scenario alt from the month w starts next: the settings that may
 * change mid-run (llo_setting_is_live, the timeline column of docs/parameters.md) take alt's
 * values as alt's own timeline would have them by now, and alt's timeline applies from now on.
 * A setting that cannot change mid-run and differs is refused: -1 with its name and both
 * values in err, and w untouched. The name, run.months and run.replicates may differ. */
int llo_world_fork(llo_world *w, const llo_params *alt, char *err, size_t errlen);

/* Whether a history of scenario base can be forked to alt at the start of month `month`, before
 * anything is simulated: 0, or -1 with the reason, as llo_world_fork would refuse. */
int llo_fork_check(const llo_params *base, int month, const llo_params *alt, char *err, size_t errlen);

/* Most months a run is told to checkpoint at one by one. */
#define LLO_MAX_CHECKPOINTS 64

/* Options of a run beyond the scenario. */
typedef struct llo_run_options {
    const char *out_dir;     /* NULL: out/<name>/ */
    int threads;             /* 0: OpenMP's default */
    int check_invariants;    /* check conservation laws every month (slower) */
    int argc;                /* the command line, recorded in the manifest */
    char **argv;
    /* Called every six simulated months (burn-in included) and at the end of each replicate,
     * when not NULL. The library itself never prints. */
    void (*progress)(const llo_run_progress *at, void *ctx);
    void *progress_ctx;


    /* Checkpoints, resume and fork (sim/run_checkpoint.c, docs/checkpoints.md). A checkpoint
     * is written at the start of a month, for every replicate, into <out>/checkpoints/. */
    int checkpoint_at[LLO_MAX_CHECKPOINTS]; /* months to checkpoint at */
    int n_checkpoint_at;
    int checkpoint_every;    /* > 0: also at months N, 2N, ... before the last */
    const char *resume;      /* a run folder: continue from its latest checkpoint (the scenario may be NULL) */
    const char *from;        /* a checkpoint, or a run folder: continue its history under the scenario */
    int from_month_given;    /* with `from` a folder: fork its replicates' checkpoints of from_month */
    int from_month;          /* (else the latest month every replicate has) */
} llo_run_options;

/* The folder a run writes into: o->out_dir, or out/<name>. */
void llo_run_dir(const llo_params *p, const llo_run_options *o, char *dir, size_t n);

/* Runs every replicate of a loaded scenario and writes timeseries.csv, groups.csv,
 * scenario.resolved.cfg and, last, manifest.json, each atomically. Returns 0, or -1 with
 * messages in d, or LLO_RUN_REFUSED when a checkpoint to resume or fork from is refused (of
 * another version, truncated, corrupted, or of another scenario): then nothing was written.
 * With o->resume, s may be NULL (the checkpoint's scenario is continued). */
#define LLO_RUN_REFUSED (-2)
int llo_run(const llo_scenario *s, const llo_run_options *o, llo_diag *d);

#endif
