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

/* `llosim calibrate FILE.calib ...`: the work is in sim/calibrate.c. */
int cmd_calibrate(int argc, char **argv)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, 'o'}, {"threads", required_argument, 0, 1},
        {"max-evaluations", required_argument, 0, 2}, {"check", no_argument, 0, 3},
        {"quiet", no_argument, 0, 'q'}, {"help", no_argument, 0, 'h'}, {0, 0, 0, 0}};
    llo_calibrate_options o = {.argc = argc, .argv = argv};
    long budget = 0;
    int check = 0, ch;
    optind = 1;
    while ((ch = getopt_long(argc - 1, argv + 1, "o:qh", opts, NULL)) != -1) {
        char *end;
        switch (ch) {
        case 'o': o.out_dir = optarg; break;
        case 1:
            if (parse_threads(optarg, &o.threads) != 0) {
                fprintf(stderr, "llosim: --threads: expected a whole number from 1 to 4096, got '%s'\n", optarg);
                return EXIT_BAD_INPUT;
            }
            break;
        case 2:
            errno = 0;
            budget = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || budget < 1 || budget > 1000000) {
                fprintf(stderr, "llosim: --max-evaluations: expected a whole number from 1 to 1000000, got '%s'\n", optarg);
                return EXIT_BAD_INPUT;
            }
            break;
        case 3: check = 1; break;
        case 'q': o.quiet = 1; break;
        case 'h': print_usage(stdout); return 0;
        default: print_usage(stderr); return EXIT_BAD_INPUT;
        }
    }
    if (optind != argc - 2) {
        fprintf(stderr, "llosim: calibrate: %s\n", optind >= argc - 1 ? "missing FILE.calib" : "more than one file given");
        return EXIT_BAD_INPUT;
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
        return EXIT_BAD_INPUT;
    }
    if (budget) c->max_evaluations = (int)budget;
    int rc = 0;
    if (check) {
        llo_calibration_describe(c, stdout);
    } else if (llo_calibrate(c, &o, NULL, &d) != 0) {
        print_diag(&d);
        rc = 1;
    }
    free(c);
    return rc;
}

