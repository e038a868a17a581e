#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/calibration/calibrate.h"
#include "cli/cli.h"

/* `llosim calibrate FILE.calib ...`: the work is in analysis/calibration/calibrate.c. */

/* An evaluation is a whole run (burn-in included) of the scenario with the parameters tried:
 * the pace of those so far estimates the time left of the budget. */
static void show_progress(const llo_calibrate_progress *at, void *ctx)
{
    progress_update(ctx, at->evaluation, at->budget, at->evaluation == at->budget,
                    "calibrate: evaluation %d/%d, objective %.6g, best %.6g", at->evaluation, at->budget, at->objective, at->best);
}

static void summary(const llo_calibration *c, const llo_calibrate_result *r)
{
    printf("calibration %s: %d evaluations, %s\n", c->name, r->evaluations, r->stop);
    printf("objective: %.6g at the start, %.6g at the fit (evaluation %d)\n", r->start_objective, r->best_objective,
           r->best_evaluation);
    printf("parameters (scenario -> fitted):\n");
    for (int k = 0; k < c->n_params; k++)
        printf("  %-40s %12.6g -> %-12.6g [%g, %g]\n", c->params[k].label, c->params[k].initial, r->best_x[k],
               c->params[k].min, c->params[k].max);
    printf("targets (target: start -> fitted):\n");
    for (int t = 0; t < c->n_targets; t++)
        printf("  %-60s %10.6g: %10.6g -> %.6g\n", c->targets[t].label, c->targets[t].target, r->start_moments[t],
               r->best_moments[t]);
    printf("results: %s/ (calibrated.cfg, calibration.csv, manifest.json)\n", r->out_dir);
}

int cmd_calibrate(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, 'o'}, {"threads", required_argument, 0, 1},
        {"max-evaluations", required_argument, 0, 2}, {"check", no_argument, 0, 3},
        {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    llo_calibrate_options o = {.argc = argc, .argv = argv};
    long budget = 0;
    int check = 0, quiet = 0, ch;
    optind = 1;
    while ((ch = getopt_long(argc - 1, argv + 1, "o:qh", opts, NULL)) != -1) {
        char *end;
        switch (ch) {
        case 'o': o.out_dir = optarg; break;
        case 1:
            if (parse_threads(optarg, &o.threads) != 0) {
                fprintf(stderr, "llosim: --threads: expected a whole number from 1 to 4096, got '%s'\n", optarg);
                return LLO_BAD_INPUT;
            }
            break;
        case 2:
            errno = 0;
            budget = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || budget < 1 || budget > 1000000) {
                fprintf(stderr, "llosim: --max-evaluations: expected a whole number from 1 to 1000000, got '%s'\n", optarg);
                return LLO_BAD_INPUT;
            }
            break;
        case 3: check = 1; break;
        case 'q': quiet = 1; break;
        case 'h': print_usage(stdout); return 0;
        default: print_usage(stderr); return LLO_BAD_INPUT;
        }
    }
    if (optind != argc - 2) {
        fprintf(stderr, "llosim: calibrate: %s\n", optind >= argc - 1 ? "missing FILE.calib" : "more than one file given");
        return LLO_BAD_INPUT;
    }
    const char *path = argv[optind + 1];
    llo_calibration *c = calloc(1, sizeof *c);
    static llo_diag d;
    if (!c) {
        fprintf(stderr, "llosim: out of memory\n");
        return 1;
    }
    int problems = llo_calibration_load(c, path, &d);
    if (!problems && budget && budget < c->n_params + 1) {
        llo_diag_add(&d, "--max-evaluations: %ld is fewer than the %d the first simplex needs (parameters + 1)", budget,
                     c->n_params + 1);
        problems = 1;
    }
    if (problems) {
        print_diag(&d);
        fprintf(stderr, "llosim: %s: %d problem%s, nothing was run\n", path, d.count + d.dropped,
                d.count + d.dropped == 1 ? "" : "s");
        free(c);
        return LLO_BAD_INPUT;
    }
    if (budget) c->max_evaluations = (int)budget;
    if (!check) {
        /* A folder that cannot take the results is bad input, found before the search, not after. */
        char dir[4200], err[4400];
        if (o.out_dir) snprintf(dir, sizeof dir, "%s", o.out_dir);
        else snprintf(dir, sizeof dir, "out/calibration-%s", c->name);
        if (llo_check_out_dir(dir, err, sizeof err) != 0) {
            fprintf(stderr, "llosim: -o: %s\nllosim: nothing was run\n", err);
            free(c);
            return LLO_BAD_INPUT;
        }
    }
    int rc = 0;
    if (check) {
        llo_calibration_describe(c, stdout);
    } else {
        static llo_calibrate_result r;
        static progress line;
        progress_start(&line, quiet);
        if (!quiet) {
            o.progress = show_progress;
            o.progress_ctx = &line;
        }
        rc = llo_calibrate(c, &o, &r, &d);
        if (!quiet && line.tty && line.width) fputc('\n', stderr); /* stopped before the budget */
        if (rc != 0) {
            print_diag(&d);
            rc = 1;
        } else if (!quiet) summary(c, &r);
    }
    free(c);
    return rc;
}

