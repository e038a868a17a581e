/* `llosim compare` and `llosim summarize`: the analyst's workflow over scenarios and run folders. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/analysis.h"
#include "cli/cli.h"
#include "sim/durable.h"
#include "sim/rng.h"
#include "sim/version.h"

/* `llosim summarize DIR`: the work is in analysis/summary.c. */
int cmd_summarize(int argc, char **argv)
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
            return LLO_BAD_INPUT;
        } else dir = argv[k];
    }
    if (!dir) {
        fprintf(stderr, "llosim: summarize: missing DIR, a run folder; usage: llosim summarize DIR [-q]\n");
        return LLO_BAD_INPUT;
    }
    static llo_diag d;
    char err[512];
    lla_run *run = lla_run_open(dir, &d);
    if (!run) {
        print_diag(&d);
        fprintf(stderr, "llosim: summarize: nothing was written\n");
        return LLO_BAD_INPUT;
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

/* --fork-at M: the base's history is simulated once per replicate and checkpointed at month M;
 * every other scenario forks from it (docs/checkpoints.md). Checked before anything runs. */
static void check_fork_at(const cli *c, llo_scenario *const *scenarios, lla_run *const *runs, int n, llo_diag *d)
{
    char err[1024];
    if (!scenarios[0]) {
        llo_diag_add(d, "--fork-at: the base %s must be a scenario file, whose history the others fork from", c->inputs[0]);
        return;
    }
    const llo_params *base = &scenarios[0]->params;
    if (c->run.from_month < -base->burn_in_months || c->run.from_month >= base->months)
        llo_diag_add(d, "--fork-at %d: the base runs months %d to %d", c->run.from_month, -base->burn_in_months,
                     base->months - 1);
    for (int k = 1; k < n; k++) {
        if (runs[k] || !scenarios[k]) continue;
        if (llo_fork_check(base, c->run.from_month, &scenarios[k]->params, err, sizeof err) != 0)
            llo_diag_add(d, "--fork-at %d: %s cannot fork from %s: %s", c->run.from_month, c->inputs[k], c->inputs[0], err);
    }
}

/* The run options of scenario k under --fork-at: the base checkpoints, the others fork. */
static void fork_options(const cli *c, int k, const char *out_dir, llo_scenario *const *scenarios, llo_run_options *o)
{
    static char base_dir[4600];
    if (k == 0) {
        snprintf(base_dir, sizeof base_dir, "%s/%s", out_dir, scenarios[0]->params.name);
        o->n_checkpoint_at = 0;
        o->checkpoint_every = 0;
        o->checkpoint_at[o->n_checkpoint_at++] = c->run.from_month;
        o->from_month_given = 0;
    } else {
        o->from = base_dir;
        o->n_checkpoint_at = 0;
        o->checkpoint_every = 0;
    }
}

/* `llosim compare BASE ALT...`: scenario files are validated, checked to pair up, run, and then
 * every input is analysed from its folder's files, like a folder given as it is. */
int cmd_compare(int argc, char **argv)
{
    static cli c;
    static llo_diag d;
    static char *given[4096]; /* the command as typed: getopt reorders argv */
    char err[512];
    if (argc > 4096) return LLO_BAD_INPUT;
    memcpy(given, argv, (size_t)argc * sizeof *argv);
    c.run.argc = argc;
    c.run.argv = given;
    if (parse_options(argc - 1, argv + 1, &c, 1) != 0) return LLO_BAD_INPUT;
    char replicates[32];
    snprintf(replicates, sizeof replicates, "run.replicates=%d", COMPARE_REPLICATES);
    if (!c.replicates_given && add_set(&c, replicates) != 0) return LLO_BAD_INPUT;
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
    if (llo_check_out_dir(out_dir, err, sizeof err) != 0) llo_diag_add(&d, "-o: %s", err);
    if (c.run.from_month_given) check_fork_at(&c, scenarios, runs, n, &d);
    for (int k = 0; k < c.n_thresholds; k++)
        if (lla_threshold_check(c.thresholds[k], err, sizeof err) != 0) llo_diag_add(&d, "llosim: compare: %s", err);
    if (d.count || d.dropped) {
        print_diag(&d);
        fprintf(stderr, "llosim: compare: nothing was run or written\n");
        rc = LLO_BAD_INPUT;
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
        if (c.run.from_month_given) fork_options(&c, k, out_dir, scenarios, &o);
        if (!c.quiet)
            fprintf(stderr, "llosim: running %s (scenario %d of %d): %d replicates of %d months after a %d-month burn-in into %s/\n",
                    scenarios[k]->params.name, k + 1, n, scenarios[k]->params.replicates, scenarios[k]->params.months,
                    scenarios[k]->params.burn_in_months, dir);
        if (run_scenario(scenarios[k], &o, c.quiet, &d) != 0 || !(runs[k] = lla_run_open(dir, &d))) {
            print_diag(&d);
            rc = 1;
        }
    }
    if (rc == 0) {
        lla_write_options o = {.argc = argc, .argv = given, .quiet = c.quiet, .thresholds = c.thresholds,
                               .n_thresholds = c.n_thresholds};
        if ((rc = lla_compare(runs, n, out_dir, &o, &d)) != 0) print_diag(&d);
        if (rc == LLO_BAD_INPUT) fprintf(stderr, "llosim: compare: nothing was written\n");
    }
done:
    for (int k = 0; k < n; k++) {
        lla_run_free(runs[k]);
        if (scenarios[k]) free(shapes[k].seeds);
        free(scenarios[k]);
    }
    return rc;
}

