/* A run's checkpoints (docs/checkpoints.md): when they are due, writing one with the run's
 * outputs so far, and starting replicates from them (resume and fork). Private to sim/run.c. */
#ifndef LLO_RUN_CHECKPOINT_H
#define LLO_RUN_CHECKPOINT_H

#include "sim/durable.h"
#include "sim/llosim.h"

#define LLO_RUN_OUTPUTS 3           /* timeseries.csv, groups.csv, network.csv */
#define LLO_CHECKPOINT_DIR "checkpoints"

/* When a run writes checkpoints: at the start of the months listed, and every `every` months. */
typedef struct llo_ckpt_schedule {
    int at[LLO_MAX_CHECKPOINTS];
    int n_at;
    int every;
} llo_ckpt_schedule;

/* Where a run's replicates start: checkpoints checked before anything is written. */
typedef struct llo_run_source llo_run_source;

/* Opens what o->resume or o->from names, checks every checkpoint it will use (version, length,
 * hash; for a resume the scenario if one is given; for a fork the settings that cannot change
 * mid-run) and returns it in *src. Returns 0, or -1 with the refusal in d. */
int llo_run_source_open(const llo_scenario *given, const llo_run_options *o, llo_run_source **src, llo_diag *d);
void llo_run_source_free(llo_run_source *src);

/* The scenario a resumed run continues (the checkpoint's). */
const llo_scenario *llo_run_source_scenario(const llo_run_source *src);

/* The replicates the run simulates: first..last. */
void llo_run_source_replicates(const llo_run_source *src, int replicates, int *first, int *last);

/* The schedule of a run: the options', or for a resume the killed run's. */
void llo_run_schedule(const llo_run_options *o, const llo_run_source *src, llo_ckpt_schedule *sc);

/* Whether a checkpoint is due at the start of month `month` of a run of `months` months. */
int llo_run_checkpoint_due(const llo_ckpt_schedule *sc, int month, int months);

/* If src has a checkpoint for replicate rep: restores it into *w (allocated from the checkpoint's
 * scenario if NULL), forks it to p for a fork, puts the outputs it carries into out[] and sets
 * rep_begin[] where this replicate's rows begin, and returns 1. Returns 0 when rep starts from
 * nothing, -1 with a message on failure. */
int llo_run_source_start(llo_run_source *src, int rep, const llo_params *p, llo_world **w, llo_buf *const out[LLO_RUN_OUTPUTS],
                         size_t rep_begin[LLO_RUN_OUTPUTS], char *err, size_t errlen);

/* Writes dir/checkpoints/replicate<rep>-month<m>.ckpt: w's state, the run's outputs so far and
 * its schedule. */
int llo_run_checkpoint_write(const char *dir, const llo_world *w, const llo_scenario *s, int rep, const llo_ckpt_schedule *sc,
                             llo_buf *const out[LLO_RUN_OUTPUTS], const size_t rep_begin[LLO_RUN_OUTPUTS], char *err,
                             size_t errlen);

/* The manifest's list of the checkpoints in dir/checkpoints (name, bytes, SHA-256) and what the
 * run started from, as JSON members (each preceded by ",\n"). */
/* A fresh run into a folder that holds an earlier run's checkpoints: they would be listed in
 * this run's manifest and found by a later --resume, so they go, and the earlier manifest goes
 * first, since it would vouch for files that no longer exist. A folder without checkpoints is
 * left alone (its earlier run survives until this one is complete). Returns 0, or -1 with err. */
int llo_run_clear_checkpoints(const char *dir, char *err, size_t errlen);

void llo_run_manifest_checkpoints(llo_buf *m, const char *dir, const llo_run_source *src);

/* A world for replicate rep forked to p from `from` (a checkpoint of that replicate, or a run
 * folder: its checkpoint of the replicate at `month` if month_given, else the latest), with
 * the replicate's rows before the checkpoint appended to out[] (timeseries, groups, network).
 * NULL with the refusal in d. For sweeps that start every point from one present. */
llo_world *llo_fork_start(const char *from, int month_given, int month, int rep, const llo_params *p,
                          llo_buf *const out[LLO_RUN_OUTPUTS], llo_diag *d);

#endif
