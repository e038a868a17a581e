/* `llosim run` and `llosim check`: load and validate a scenario, then simulate it or describe it. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "config/timeline.h"
#include "sim/durable.h"

static int cmd_check(const llo_scenario *s, const llo_world_size *z)
{
    const llo_params *p = &s->params;
    printf("scenario: %s (%s)\n", p->name, s->path);
    printf("regions: %d (", p->n_regions);
    for (int r = 0; r < p->n_regions; r++) printf("%s%s", r ? ", " : "", p->region_names[r]);
    printf(")\nsectors: %d\n", p->n_sectors);
    int64_t intermediaries = 0;
    for (int r = 0; r < p->n_regions; r++) intermediaries += p->intermediaries[r];
    printf("workers: %zu\nemployers: %zu\nproviders: %zu\norchestrators: %lld (a central one per region and %lld intermediaries)\n",
           z->workers, z->employers, z->providers, (long long)(p->n_regions + intermediaries), (long long)intermediaries);
    printf("months: %d (after %d burn-in months), starting %d-01\n", p->months, p->burn_in_months, p->start_year);
    printf("replicates: %d, seed: %lld, scale: %g\n", p->replicates, (long long)p->seed, p->scale);
    printf("timeline: %d event%s\n", p->n_events, p->n_events == 1 ? "" : "s");
    for (int k = 0; k < p->n_events; k++) {
        fputs("  ", stdout);
        llo_event_write(stdout, &p->timeline[k], p);
        fputc('\n', stdout);
    }
    printf("estimated memory: %.1f MiB (%.0f bytes per worker)\n", (double)z->bytes / 1048576.0,
           z->workers ? (double)z->bytes / (double)z->workers : 0.0);
    return 0;
}

/* A run that resumes or forks: a refused checkpoint is bad input, and nothing was written. */
static int run_checkpointed(const llo_scenario *s, const llo_run_options *o, int quiet)
{
    static llo_diag d;
    int rc = run_scenario(s, o, quiet, &d);
    if (rc == 0) return 0;
    print_diag(&d);
    if (rc != LLO_RUN_REFUSED) return 1;
    fprintf(stderr, "llosim: run: %s refused, nothing was written\n", o->resume ? "--resume" : "--from");
    return LLO_BAD_INPUT;
}

int cmd_run(int argc, char **argv)
{
    const char *cmd = argv[1];
    static cli c;
    c.run.argc = argc;
    c.run.argv = argv;
    if (parse_options(argc - 1, argv + 1, &c, 0) != 0) return LLO_BAD_INPUT;
    llo_scenario *s = calloc(1, sizeof *s);
    if (!s) {
        fprintf(stderr, "llosim: out of memory\n");
        return 1;
    }
    llo_world_size z = {0};
    if (c.run.resume && !c.scenario) {
        free(s);
        if (!strcmp(cmd, "run")) return run_checkpointed(NULL, &c.run, c.quiet);
        fprintf(stderr, "llosim: %s: --resume belongs to run; give a scenario to check\n", cmd);
        return LLO_BAD_INPUT;
    }
    int rc = load(&c, s, &z);
    if (rc == 0 && !c.run.resume) {
        /* A folder that cannot take the outputs is bad input, found before the run, not after. */
        char dir[4200], err[4400];
        llo_run_dir(&s->params, &c.run, dir, sizeof dir);
        if (llo_check_out_dir(dir, err, sizeof err) != 0) {
            fprintf(stderr, "llosim: -o: %s\nllosim: nothing was run\n", err);
            rc = LLO_BAD_INPUT;
        }
    }
    if (rc == 0 && (c.run.resume || c.run.from) && !strcmp(cmd, "run")) {
        rc = run_checkpointed(s, &c.run, c.quiet);
    } else if (rc == 0) {
        if (!strcmp(cmd, "check")) {
            rc = cmd_check(s, &z);
        } else {
            static llo_diag d;
            if (run_scenario(s, &c.run, c.quiet, &d) != 0) {
                print_diag(&d);
                rc = 1;
            }
        }
    }
    free(s);
    return rc;
}
