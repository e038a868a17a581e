/* `llosim analyze sobol|morris DIR`: the options; the analysis is in analysis/sensitivity/analyze.c. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/sensitivity/analyze.h"
#include "cli/cli.h"

static const char usage[] =
    "usage: llosim analyze sobol DIR [--indicator NAME]... [--estimator saltelli|jansen]\n"
    "                                [--bootstrap B] [--seed S] [--no-plots]\n"
    "       llosim analyze morris DIR [--indicator NAME]... [--bootstrap B] [--seed S] [--no-plots]\n"
    "\n"
    "Sensitivity analysis of a sweep folder (axes.csv, plan.csv, points.csv) run with\n"
    "sampling = \"saltelli\" (sobol) or \"morris\" (morris); see docs/sensitivity.md.\n"
    "  --indicator NAME   an indicator of points.csv; may repeat (default: every one)\n"
    "  --estimator E      first-order estimator: saltelli (Saltelli 2010, default) or jansen\n"
    "  --bootstrap B      bootstrap resamples for the 95% intervals of S1 and ST, or of mu*\n"
    "                     (morris's mu_star_conf, as SALib's) (default 1000; 0: none)\n"
    "  --seed S           seed of the bootstrap resampling (default 1)\n"
    "  --no-plots         write the tables without drawing plots/ (gnuplot not needed)\n"
    "Writes DIR/sobol.csv or DIR/morris.csv, DIR/plots/<method>-<indicator>.png and .svg and\n"
    "DIR/<method>.manifest.json (last), and prints the ranked table.\n";

static int parse(int argc, char **argv, lla_analyze_options *o)
{
    static const struct option opts[] = {{"indicator", required_argument, 0, 'i'}, {"estimator", required_argument, 0, 1},
                                         {"bootstrap", required_argument, 0, 2},  {"seed", required_argument, 0, 3},
                                         {"no-plots", no_argument, 0, 4},         {"help", no_argument, 0, 'h'},
                                         {0, 0, 0, 0}};
    *o = (lla_analyze_options){.bootstrap = LLA_ANALYZE_DEFAULT_BOOTSTRAP, .seed = LLA_ANALYZE_DEFAULT_SEED, .plots = 1,
                                .argc = argc, .argv = argv};
    int sobol_options = 0; /* --estimator given */
    if (argc < 3 || (strcmp(argv[2], "sobol") && strcmp(argv[2], "morris"))) {
        if (argc >= 3 && (!strcmp(argv[2], "-h") || !strcmp(argv[2], "--help"))) {
            fputs(usage, stdout);
            return 1;
        }
        fprintf(stderr, "llosim: analyze: %s\n%s", argc < 3 ? "missing the method, sobol or morris" : "unknown method; expected sobol or morris", usage);
        return -1;
    }
    o->sobol = !strcmp(argv[2], "sobol");
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc - 2, argv + 2, "i:h", opts, NULL)) != -1) {
        char *end;
        errno = 0;
        sobol_options |= ch == 1;
        switch (ch) {
        case 'i':
            if (o->n_chosen == LLA_ANALYZE_MAX_CHOSEN) {
                fprintf(stderr, "llosim: analyze: at most %d indicators\n", LLA_ANALYZE_MAX_CHOSEN);
                return -1;
            }
            o->chosen[o->n_chosen++] = optarg;
            break;
        case 1:
            if (!strcmp(optarg, "saltelli")) o->estimator = LLA_SOBOL_SALTELLI;
            else if (!strcmp(optarg, "jansen")) o->estimator = LLA_SOBOL_JANSEN;
            else {
                fprintf(stderr, "llosim: analyze: --estimator: expected saltelli or jansen, got '%s'\n", optarg);
                return -1;
            }
            break;
        case 2: {
            long b = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || b < 0 || b > 100000) {
                fprintf(stderr, "llosim: analyze: --bootstrap: expected a whole number from 0 to 100000, got '%s'\n", optarg);
                return -1;
            }
            o->bootstrap = (int)b;
            break;
        }
        case 3: {
            unsigned long long s = strtoull(optarg, &end, 10);
            if (errno || *end || end == optarg || optarg[0] == '-') {
                fprintf(stderr, "llosim: analyze: --seed: expected a whole number from 0 to 2^64-1, got '%s'\n", optarg);
                return -1;
            }
            o->seed = s;
            break;
        }
        case 4: o->plots = 0; break;
        case 'h': fputs(usage, stdout); return 1;
        default: fputs(usage, stderr); return -1;
        }
    }
    if (!o->sobol && sobol_options) {
        fprintf(stderr, "llosim: analyze morris: --estimator belongs to sobol\n");
        return -1;
    }
    if (optind != argc - 3) {
        fprintf(stderr, "llosim: analyze %s: %s\n", argv[2], optind >= argc - 2 ? "missing the sweep folder DIR" : "more than one folder given");
        return -1;
    }
    o->dir = argv[optind + 2];
    return 0;
}

int cmd_analyze(int argc, char **argv)
{
    static lla_analyze_options o;
    int rc = parse(argc, argv, &o);
    if (rc) return rc > 0 ? 0 : LLO_BAD_INPUT;
    return lla_analyze(&o);
}
