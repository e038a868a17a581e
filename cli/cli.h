/* What the commands share: the options of run, check and compare, loading a scenario with every
 * problem reported. Exit codes are sim/result.h's. Only cli/ parses arguments, prints messages and exits. */
#ifndef LLO_CLI_H
#define LLO_CLI_H

#include <stdio.h>

#include "config/scenario.h"
#include "sim/llosim.h"
#include "sim/result.h"

#define MAX_SETS 256
#define MAX_INPUTS 64
/* Replicates of `llosim compare` unless --replicates says otherwise: enough for intervals a
 * reader can act on, few enough for a 1:20 comparison of two scenarios within a minute or so on
 * two cores. */
#define COMPARE_REPLICATES 20

typedef struct cli {
    const char *scenario;
    const char *inputs[MAX_INPUTS]; /* every positional argument */
    int n_inputs;
    int n_user_sets;                /* overrides from the command line (compare adds its own) */
    int replicates_given;
    const char *sets[MAX_SETS];
    char owned[MAX_SETS][128]; /* storage for sets made from --seed and friends */
    int n_sets;
    int quiet;                      /* no progress line and no summary */
    const char *thresholds[64];     /* compare --threshold INDICATOR=SIZE */
    int n_thresholds;
    llo_run_options run;
} cli;


int add_set(cli *c, const char *set);
/* --seed N and friends are overrides of run.* settings, validated like the file. */
int add_run_set(cli *c, const char *path, const char *value, int int64);
int parse_threads(const char *s, int *out);
struct option;
/* Says in one line what is wrong with option `arg` of command `cmd`: a value missing, or an
 * unknown option with the nearest of opts' long names. */
void bad_option(const char *cmd, const char *arg, int missing_value, const struct option *opts);
/* Options of run, check and compare; `many` allows several positional arguments. */
int parse_options(int argc, char **argv, cli *c, int many);
/* What the loader cannot know: whether the population fits this machine and the engine's
 * index types. Checked before anything is allocated. */
void check_capacity(const llo_scenario *s, const llo_world_size *z, llo_diag *d);
void print_diag(const llo_diag *d);
/* A file name as it may be printed: control characters as \xNN, so a message stays one line
 * (static storage, overwritten by the next call). */
const char *shown_name(const char *name);
/* Loads and validates; on failure prints every problem and returns LLO_BAD_INPUT. */
int load(cli *c, llo_scenario *s, llo_world_size *z);
void print_usage(FILE *out);
/* llo_run with a progress line on a terminal and, unless quiet, the line naming the results.
 * Returns llo_run's code (s may be NULL with o->resume). */
int run_scenario(const llo_scenario *s, const llo_run_options *o, int quiet, llo_diag *d);

/* Progress on stderr (progress.c): a live line on a terminal, else a plain line every few
 * seconds; nothing when quiet. */
typedef struct progress {
    int quiet, tty, width;
    double start, last;
} progress;
void progress_start(progress *p, int quiet);
/* done of total units so far; final forces the line out (and ends the live line). */
void progress_update(progress *p, double done, double total, int final, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Options of checkpoints, resume and fork, past the short ones' codes (options.c). */
enum { OPT_CHECKPOINT_AT = 200, OPT_CHECKPOINT_EVERY, OPT_RESUME, OPT_FROM, OPT_FORK_AT, OPT_THRESHOLD };
int parse_checkpoint_option(int ch, const char *arg, cli *c);

/* The command families, each in the file named for it. argv[1] is the command. */
int cmd_run(int argc, char **argv);           /* run and check: run.c */
int cmd_reference(int argc, char **argv, int columns); /* params and columns: reference.c */
int cmd_calibrate(int argc, char **argv);     /* calibrate.c */
int cmd_compare(int argc, char **argv);       /* compare.c */
int cmd_summarize(int argc, char **argv);     /* compare.c */
int cmd_sweep(int argc, char **argv);         /* sweep.c */
int cmd_analyze(int argc, char **argv);       /* analyze.c */
int cmd_new(int argc, char **argv);           /* new and init: new.c */
int cmd_serve(int argc, char **argv);         /* serve.c: the live view */

#endif
