/* The llosim command: a thin layer over the library. It parses the command line, loads and
 * validates the scenario, refuses what cannot run, and only here does the process exit.
 * Exit codes: 0 success, 1 a failure while running or writing, 2 bad input (nothing written). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <limits.h>
#include <sys/stat.h>

#include "analysis.h"
#include "analyze.h"
#include "calibrate.h"
#include "llosim.h"
#include "output.h"
#include "population.h"
#include "rng.h"
#include "sweep.h"
#include "timeline.h"
#include "version.h"

#define EXIT_BAD_INPUT 2
#define MAX_SETS 256
#define MAX_INPUTS 64
/* Replicates of `llosim compare` unless --replicates says otherwise: enough for intervals a
 * reader can act on, few enough for a 1:20 comparison of two scenarios within a minute or so on
 * two cores. */
#define COMPARE_REPLICATES 20

static const char usage[] =
    "usage: llosim <command> [options]\n"
    "\n"
    "commands:\n"
    "  run SCENARIO.cfg [options]     simulate and write the outputs\n"
    "  check SCENARIO.cfg [options]   validate and print what the run would be, without running\n"
    "  params [--markdown]            every setting: path, type, range, default, unit, meaning\n"
    "  columns [--markdown]           the column dictionary of the output files\n"
    "  calibrate FILE.calib [options] fit a scenario's settings to target moments and write the\n"
    "                                 fitted scenario (see README.md, Calibration)\n"
    "  compare BASE ALT [ALT2 ...] [options]\n"
    "                                 compare scenarios: each of BASE, ALT... is a scenario file\n"
    "                                 (run here, replicate k of each with the same seed) or a run\n"
    "                                 folder (analysed as it is); writes comparison.csv, plots/\n"
    "                                 and report.html (see README.md, Comparing scenarios)\n"
    "  summarize DIR                  mean, sd and 95%% interval over a run folder's replicates:\n"
    "                                 DIR/summary.csv, DIR/plots/, DIR/summary.json\n"
    "  sweep plan|task|run SWEEP.cfg [options], sweep status|merge DIR\n"
    "                                 parameter sweeps: one task per point and replicate, run by\n"
    "                                 local processes (-j N), MPI (llosim-mpi) or a SLURM array\n"
    "                                 (`llosim sweep --help`, docs/sweeps.md)\n"
    "  analyze sobol|morris DIR [options]\n"
    "                                 sensitivity of a sweep's indicators to its axes: Sobol\n"
    "                                 indices or Morris effects, ranked (docs/sensitivity.md;\n"
    "                                 `llosim analyze --help` for the options)\n"
    "\n"
    "options of run and check:\n"
    "  -o, --out DIR         output folder (default out/<scenario name>/)\n"
    "  --seed N              master seed (run.seed)\n"
    "  --replicates R        replicates (run.replicates)\n"
    "  --months M            months to simulate (run.months)\n"
    "  --scale F             multiply workers, employers and seats by F, e.g. 0.01 (run.scale)\n"
    "  --threads N           OpenMP threads (outputs are identical for every N)\n"
    "  --set PATH=VALUE      override any setting, in libconfig syntax; may repeat\n"
    "  --check-invariants    verify conservation of workers, seats and money every month\n"
    "  -q, --quiet           no progress line and no summary\n"
    "\n"
    "options of compare: those of run, applied to every scenario file, and\n"
    "  -o, --out DIR         output folder (default out/compare-<base>-vs-<alt>/); scenario\n"
    "                        files run into DIR/<scenario name>/\n"
    "  --replicates R        replicates of every scenario (default %d)\n"
    "\n"
    "options of calibrate:\n"
    "  -o, --out DIR         output folder (default out/calibration-<file name>/)\n"
    "  --threads N           OpenMP threads (outputs are identical for every N)\n"
    "  --max-evaluations N   budget of objective evaluations (overrides the file's)\n"
    "  --check               validate the calibration file and its scenario, print the plan\n"
    "  -q, --quiet           no progress line and no summary\n"
    "\n"
    "  -h, --help            this text\n"
    "  -V, --version         version and build\n"
    "\n"
    "Exit codes: 0 success, 1 failure while running or writing, 2 bad input (nothing written).\n";

typedef struct cli {
    const char *scenario;
    const char *inputs[MAX_INPUTS]; /* every positional argument */
    int n_inputs;
    int n_user_sets;                /* overrides from the command line (compare adds its own) */
    int replicates_given;
    const char *sets[MAX_SETS];
    char owned[MAX_SETS][128]; /* storage for sets made from --seed and friends */
    int n_sets;
    llo_run_options run;
} cli;

static int add_set(cli *c, const char *set)
{
    if (c->n_sets == MAX_SETS) {
        fprintf(stderr, "llosim: too many overrides (at most %d)\n", MAX_SETS);
        return -1;
    }
    c->sets[c->n_sets++] = set;
    return 0;
}

/* --seed N and friends are overrides of run.* settings, validated like the file. */
static int add_run_set(cli *c, const char *path, const char *value, int int64)
{
    if (c->n_sets == MAX_SETS) return add_set(c, NULL);
    char *buf = c->owned[c->n_sets];
    int digits = *value && strspn(value, "0123456789") == strlen(value);
    snprintf(buf, sizeof c->owned[0], "%s=%s%s", path, value, int64 && digits ? "L" : "");
    return add_set(c, buf);
}

static int parse_threads(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < 1 || v > 4096) return -1;
    *out = (int)v;
    return 0;
}

static void print_usage(FILE *out) { fprintf(out, usage, COMPARE_REPLICATES); }

/* Options of run, check and compare; `many` allows several positional arguments. */
static int parse_options(int argc, char **argv, cli *c, int many)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, 'o'},       {"seed", required_argument, 0, 1},
        {"replicates", required_argument, 0, 2},  {"months", required_argument, 0, 3},
        {"scale", required_argument, 0, 4},       {"threads", required_argument, 0, 5},
        {"set", required_argument, 0, 6},         {"quiet", no_argument, 0, 'q'},
        {"check-invariants", no_argument, 0, 7},  {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, "o:qh", opts, NULL)) != -1) {
        int rc = 0;
        switch (ch) {
        case 'o': c->run.out_dir = optarg; break;
        case 1: rc = add_run_set(c, "run.seed", optarg, 1); break;
        case 2:
            rc = add_run_set(c, "run.replicates", optarg, 0);
            c->replicates_given = 1;
            break;
        case 3: rc = add_run_set(c, "run.months", optarg, 0); break;
        case 4: rc = add_run_set(c, "run.scale", optarg, 0); break;
        case 5:
            if (parse_threads(optarg, &c->run.threads) != 0) {
                fprintf(stderr, "llosim: --threads: expected a whole number from 1 to 4096, got '%s'\n", optarg);
                return -1;
            }
            break;
        case 6: rc = add_set(c, optarg); break;
        case 'q': c->run.quiet = 1; break;
        case 7: c->run.check_invariants = 1; break;
        case 'h': print_usage(stdout); exit(0);
        default: print_usage(stderr); return -1;
        }
        if (rc) return -1;
    }
    c->n_user_sets = c->n_sets;
    if (many) {
        if (argc - optind < 2 || argc - optind > MAX_INPUTS) {
            fprintf(stderr, "llosim: compare: %s\n",
                    argc - optind < 2 ? "give a base and at least one alternative (scenario files or run folders)"
                                      : "too many scenarios (at most 64)");
            return -1;
        }
        for (int k = optind; k < argc; k++) c->inputs[c->n_inputs++] = argv[k];
        return 0;
    }
    if (optind != argc - 1) {
        fprintf(stderr, "llosim: %s\n", optind >= argc ? "missing SCENARIO.cfg" : "more than one scenario given");
        print_usage(stderr);
        return -1;
    }
    c->scenario = argv[optind];
    return 0;
}

static size_t machine_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && size > 0 ? (size_t)pages * (size_t)size : (size_t)-1;
}

/* What the loader cannot know: whether the population fits this machine and the engine's
 * index types. Checked before anything is allocated. */
static void check_capacity(const llo_scenario *s, const llo_world_size *z, llo_diag *d)
{
    size_t mem = machine_memory();
    if (z->bytes > mem)
        llo_scenario_complain(s, d, "run.scale",
                              "%zu workers and %zu employers need about %.1f GiB, more than this machine's %.1f GiB; "
                              "lower run.scale or regions.employed",
                              z->workers, z->employers, (double)z->bytes / 1073741824.0, (double)mem / 1073741824.0);
    else if (z->workers >= UINT32_MAX || z->employers >= UINT32_MAX)
        llo_scenario_complain(s, d, "run.scale", "%zu workers and %zu employers: more than 2^32 agents of a kind",
                              z->workers, z->employers);
    if (z->providers >= 65535)
        llo_scenario_complain(s, d, "providers.private", "%zu providers: at most 65534 are supported", z->providers);
}

static void print_diag(const llo_diag *d)
{
    for (int k = 0; k < d->count; k++) fprintf(stderr, "%s\n", d->msg[k]);
    if (d->dropped) fprintf(stderr, "... and %d more problems\n", d->dropped);
}

/* Loads and validates; on failure prints every problem and returns EXIT_BAD_INPUT. */
static int load(cli *c, llo_scenario *s, llo_world_size *z)
{
    static llo_diag d;
    memset(&d, 0, sizeof d);
    if (llo_scenario_load(s, c->scenario, c->sets, c->n_sets, &d) == 0) {
        *z = llo_world_estimate(&s->params);
        check_capacity(s, z, &d);
    }
    if (d.count || d.dropped) {
        print_diag(&d);
        fprintf(stderr, "llosim: %s: %d problem%s, nothing was run\n", c->scenario, d.count + d.dropped,
                d.count + d.dropped == 1 ? "" : "s");
        return EXIT_BAD_INPUT;
    }
    return 0;
}

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

static int cmd_reference(int argc, char **argv, int columns)
{
    int markdown = 0;
    for (int k = 2; k < argc; k++) {
        if (strcmp(argv[k], "--markdown") == 0) markdown = 1;
        else {
            fprintf(stderr, "llosim: %s: unknown option '%s'\n", argv[1], argv[k]);
            return EXIT_BAD_INPUT;
        }
    }
    if (columns) {
        llo_columns_print(stdout, markdown);
        lla_columns_print(stdout, markdown);
        lla_sensitivity_columns_print(stdout, markdown);
    } else llo_settings_print_reference(stdout, markdown);
    return 0;
}

/* `llosim calibrate FILE.calib ...`: the work is in sim/calibrate.c. */
static int cmd_calibrate(int argc, char **argv)
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

/* `llosim summarize DIR`: the work is in analysis/summary.c. */
static int cmd_summarize(int argc, char **argv)
{
    int quiet = 0;
    const char *dir = NULL;
    for (int k = 2; k < argc; k++) {
        if (!strcmp(argv[k], "-q") || !strcmp(argv[k], "--quiet")) quiet = 1;
        else if (!strcmp(argv[k], "-h") || !strcmp(argv[k], "--help")) {
            print_usage(stdout);
            return 0;
        } else if (argv[k][0] == '-' || dir) {
            fprintf(stderr, "llosim: summarize: %s '%s'; usage: llosim summarize DIR [-q]\n",
                    argv[k][0] == '-' ? "unknown option" : "more than one folder given", argv[k]);
            return EXIT_BAD_INPUT;
        } else dir = argv[k];
    }
    if (!dir) {
        fprintf(stderr, "llosim: summarize: missing DIR, a run folder; usage: llosim summarize DIR [-q]\n");
        return EXIT_BAD_INPUT;
    }
    static llo_diag d;
    char err[512];
    lla_run *run = lla_run_open(dir, &d);
    if (!run) {
        print_diag(&d);
        fprintf(stderr, "llosim: summarize: nothing was written\n");
        return EXIT_BAD_INPUT;
    }
    int rc = 0;
    lla_write_options o = {.argc = argc, .argv = argv, .quiet = quiet};
    if (lla_plots_available(err, sizeof err) != 0) {
        fprintf(stderr, "llosim: %s\n", err);
        rc = 1;
    } else if ((rc = lla_summarize(run, &o, &d)) != 0) print_diag(&d);
    lla_run_free(run);
    return rc;
}

/* The shape of a scenario's run before it is run: what the comparison will pair. */
static lla_shape scenario_shape(const llo_params *p)
{
    lla_shape sh = {.replicates = p->replicates, .months = p->months, .burn_in_months = p->burn_in_months, .scale = p->scale};
    snprintf(sh.name, sizeof sh.name, "%s", p->name);
    snprintf(sh.version, sizeof sh.version, "%s", LLOSIM_VERSION);
    snprintf(sh.first_date, sizeof sh.first_date, "%04d-01", p->start_year);
    size_t n = (size_t)p->replicates * 24 + 1;
    sh.seeds = malloc(n);
    if (sh.seeds) {
        size_t used = 0;
        sh.seeds[0] = 0;
        for (int r = 1; r <= p->replicates; r++)
            used += (size_t)snprintf(sh.seeds + used, n - used, "%s%llu", r > 1 ? "," : "",
                                     (unsigned long long)llo_rng_derive_seed((uint64_t)p->seed, 0, (uint64_t)r));
    }
    return sh;
}

/* `llosim compare BASE ALT...`: scenario files are validated, checked to pair up, run, and then
 * every input is analysed from its folder's files, like a folder given as it is. */
static int cmd_compare(int argc, char **argv)
{
    static cli c;
    static llo_diag d;
    static char *given[4096]; /* the command as typed: getopt reorders argv */
    char err[512];
    if (argc > 4096) return EXIT_BAD_INPUT;
    memcpy(given, argv, (size_t)argc * sizeof *argv);
    c.run.argc = argc;
    c.run.argv = given;
    if (parse_options(argc - 1, argv + 1, &c, 1) != 0) return EXIT_BAD_INPUT;
    char replicates[32];
    snprintf(replicates, sizeof replicates, "run.replicates=%d", COMPARE_REPLICATES);
    if (!c.replicates_given && add_set(&c, replicates) != 0) return EXIT_BAD_INPUT;
    int n = c.n_inputs, n_scenarios = 0, rc = 0;
    lla_run *runs[MAX_INPUTS] = {0};
    llo_scenario *scenarios[MAX_INPUTS] = {0};
    lla_shape shapes[MAX_INPUTS];
    memset(shapes, 0, sizeof shapes);
    for (int k = 0; k < n; k++) {
        struct stat st;
        const char *in = c.inputs[k];
        if (stat(in, &st) != 0) {
            llo_diag_add(&d, "%s: no such scenario file or run folder", in);
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            if ((runs[k] = lla_run_open(in, &d))) shapes[k] = runs[k]->shape, shapes[k].seeds = NULL;
            continue;
        }
        n_scenarios++;
        c.scenario = in;
        scenarios[k] = calloc(1, sizeof *scenarios[k]);
        llo_world_size z;
        if (!scenarios[k]) {
            llo_diag_add(&d, "out of memory");
            continue;
        }
        int before = d.count + d.dropped;
        if (llo_scenario_load(scenarios[k], in, c.sets, c.n_sets, &d) == 0) {
            z = llo_world_estimate(&scenarios[k]->params);
            check_capacity(scenarios[k], &z, &d);
        }
        if (d.count + d.dropped == before) shapes[k] = scenario_shape(&scenarios[k]->params);
        else {
            free(scenarios[k]);
            scenarios[k] = NULL;
        }
    }
    if (n_scenarios == 0 && c.n_user_sets > 0)
        llo_diag_add(&d, "--seed, --replicates, --months, --scale and --set apply to scenario files, and every input is a run folder");
    for (int a = 0; a < n; a++)
        for (int b = a + 1; b < n; b++)
            if (scenarios[a] && scenarios[b] && !strcmp(scenarios[a]->params.name, scenarios[b]->params.name))
                llo_diag_add(&d, "%s and %s are both named '%s'; give each scenario its own name (they run into folders by name)",
                             c.inputs[a], c.inputs[b], scenarios[a]->params.name);
    if (d.count == 0 && d.dropped == 0) {
        /* Folder shapes carry their seeds in the run; point at them for the check only. */
        for (int k = 0; k < n; k++)
            if (runs[k]) shapes[k].seeds = runs[k]->shape.seeds;
        lla_shapes_check(shapes, n, &d);
        for (int k = 0; k < n; k++)
            if (runs[k]) shapes[k].seeds = NULL;
    }
    char out_dir[4200];
    if (c.run.out_dir) snprintf(out_dir, sizeof out_dir, "%s", c.run.out_dir);
    else {
        size_t used = (size_t)snprintf(out_dir, sizeof out_dir, "out/compare-%.60s-vs", shapes[0].name);
        for (int k = 1; k < n && used < 200; k++) used += (size_t)snprintf(out_dir + used, sizeof out_dir - used, "-%.60s", shapes[k].name);
    }
    /* Writing the comparison into an input folder would replace that run's manifest. */
    char out_real[PATH_MAX], in_real[PATH_MAX];
    if (realpath(out_dir, out_real))
        for (int k = 0; k < n; k++)
            if (runs[k] && realpath(c.inputs[k], in_real) && !strcmp(out_real, in_real))
                llo_diag_add(&d, "-o %s: is the run folder %s; write the comparison to a folder of its own", out_dir, c.inputs[k]);
    if (d.count || d.dropped) {
        print_diag(&d);
        fprintf(stderr, "llosim: compare: nothing was run or written\n");
        rc = EXIT_BAD_INPUT;
        goto done;
    }
    if (lla_plots_available(err, sizeof err) != 0) {
        fprintf(stderr, "llosim: %s\n", err);
        rc = 1;
        goto done;
    }
    for (int k = 0; k < n && rc == 0; k++) {
        if (!scenarios[k]) continue;
        char dir[4600];
        snprintf(dir, sizeof dir, "%s/%s", out_dir, scenarios[k]->params.name);
        llo_run_options o = c.run;
        o.out_dir = dir;
        if (!c.run.quiet)
            fprintf(stderr, "llosim: running %s: %d replicates of %d months into %s/\n", scenarios[k]->params.name,
                    scenarios[k]->params.replicates, scenarios[k]->params.months, dir);
        if (llo_run(scenarios[k], &o, &d) != 0 || !(runs[k] = lla_run_open(dir, &d))) {
            print_diag(&d);
            rc = 1;
        }
    }
    if (rc == 0) {
        lla_write_options o = {.argc = argc, .argv = given, .quiet = c.run.quiet};
        if ((rc = lla_compare(runs, n, out_dir, &o, &d)) != 0) print_diag(&d);
        if (rc == EXIT_BAD_INPUT) fprintf(stderr, "llosim: compare: nothing was written\n");
    }
done:
    for (int k = 0; k < n; k++) {
        lla_run_free(runs[k]);
        if (scenarios[k]) free(shapes[k].seeds);
        free(scenarios[k]);
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_usage(stderr);
        return EXIT_BAD_INPUT;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
        print_usage(stdout);
        return 0;
    }
    if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
        printf("llosim %s (%s)\n", LLOSIM_VERSION, LLO_GIT_DESCRIBE);
        return 0;
    }
    if (!strcmp(cmd, "params")) return cmd_reference(argc, argv, 0);
    if (!strcmp(cmd, "columns")) return cmd_reference(argc, argv, 1);
    if (!strcmp(cmd, "calibrate")) return cmd_calibrate(argc, argv);
    if (!strcmp(cmd, "compare")) return cmd_compare(argc, argv);
    if (!strcmp(cmd, "summarize")) return cmd_summarize(argc, argv);
    if (!strcmp(cmd, "sweep")) return llo_sweep_command(argc, argv);
    if (!strcmp(cmd, "analyze")) return lla_analyze_main(argc, argv);
    if (strcmp(cmd, "run") != 0 && strcmp(cmd, "check") != 0) {
        fprintf(stderr, "llosim: unknown command '%s'\n", cmd);
        print_usage(stderr);
        return EXIT_BAD_INPUT;
    }
    static cli c;
    c.run.argc = argc;
    c.run.argv = argv;
    if (parse_options(argc - 1, argv + 1, &c, 0) != 0) return EXIT_BAD_INPUT;
    llo_scenario *s = calloc(1, sizeof *s);
    if (!s) {
        fprintf(stderr, "llosim: out of memory\n");
        return 1;
    }
    llo_world_size z = {0};
    int rc = load(&c, s, &z);
    if (rc == 0) {
        if (!strcmp(cmd, "check")) {
            rc = cmd_check(s, &z);
        } else {
            static llo_diag d;
            if (llo_run(s, &c.run, &d) != 0) {
                print_diag(&d);
                rc = 1;
            }
        }
    }
    free(s);
    return rc;
}
