/* The sweep commands' shared part (cli/sweep.c), used by `llosim sweep` and llosim-mpi: the
 * options of a sweep command, and the sweep opened for a driver. */
#ifndef LLO_CLI_SWEEP_H
#define LLO_CLI_SWEEP_H

#include "analysis/sweep/sweep.h"

/* What a driver of many tasks needs (the local and MPI drivers share it): the options of `sweep
 * run`, the sweep loaded and checked against max_tasks, its folder prepared, and the tasks still
 * to run. Returns 0, or an exit code (2 bad input, 1 failure) after printing why. */
typedef struct llo_sweep_session {
    llo_sweep *sw;
    llo_sweep_plan plan;
    llo_sweep_options o;
    const char *file;
    const char *sets[LLO_SWEEP_MAX_SETS];
    char owned[8][128];
    int n_sets, n_owned;
    int jobs, resume, yes;
    int pack;                /* --pack: as the sweep file's pack = true */
    long index;              /* sweep task --index; -1: none given */
    long index_last;         /* --index A-B: B; else = index */
    long chunk;              /* --chunk N: array element I runs tasks I*N .. I*N+N-1; 0: none */
    char dir[4200];
    long *todo;              /* task indices still to run */
    long n_todo;
    struct progress *line;   /* sweep run's progress (cli.h) */
} llo_sweep_session;

/* Parses the options of a sweep command from argv[first..argc): SWEEP.cfg, -o, -j, --index,
 * --chunk, --pack, --resume, --yes, --force, --threads, -q and the run overrides --seed, --replicates, --months,
 * --scale, --set. Returns 0, 2, or -1 when it printed the usage asked for with -h. */
int llo_sweep_parse(llo_sweep_session *s, int argc, char **argv, int first, const char *command);

/* Loads s->file with the overrides and prepares the folder. For a driver (for_run), it also
 * refuses a sweep of more than max_tasks unless s->yes, and lists the tasks to run (every task, or with resume those not done; a
 * folder with tasks already is refused without resume). Returns 0 or an exit code. */
int llo_sweep_open(llo_sweep_session *s, int for_run);
void llo_sweep_close(llo_sweep_session *s);

/* Prints collected messages to stderr. */
void llo_sweep_print_diag(const llo_diag *d);

#endif
