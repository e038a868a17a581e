/* The options shared by run, check and compare, and loading a scenario with every problem reported. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"

int add_set(cli *c, const char *set)
{
    if (c->n_sets == MAX_SETS) {
        fprintf(stderr, "llosim: too many overrides (at most %d)\n", MAX_SETS);
        return -1;
    }
    c->sets[c->n_sets++] = set;
    return 0;
}

/* --seed N and friends are overrides of run.* settings, validated like the file. */
int add_run_set(cli *c, const char *path, const char *value, int int64)
{
    if (c->n_sets == MAX_SETS) return add_set(c, NULL);
    char *buf = c->owned[c->n_sets];
    int digits = *value && strspn(value, "0123456789") == strlen(value);
    int n = snprintf(buf, sizeof c->owned[0], "%s=%s%s", path, value, int64 && digits ? "L" : "");
    /* A cut value would be another value (000...0012xyz read as 1): refuse it instead. */
    if (n < 0 || (size_t)n >= sizeof c->owned[0]) {
        fprintf(stderr, "llosim: %s: value of %zu characters is too long\n", path, strlen(value));
        return -1;
    }
    return add_set(c, buf);
}

int parse_threads(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < 1 || v > 4096) return -1;
    *out = (int)v;
    return 0;
}


void bad_option(const char *cmd, const char *arg, int missing_value, const struct option *opts)
{
    if (missing_value) {
        fprintf(stderr, "llosim: %s: option '%s' needs a value\n", cmd, arg);
        return;
    }
    /* The name as typed, without dashes or "=value", against every long option's name. */
    char given[64];
    const char *name = arg;
    while (*name == '-') name++;
    snprintf(given, sizeof given, "%.*s", (int)strcspn(name, "="), name);
    const char *names[64];
    size_t n = 0;
    for (; opts[n].name && n < sizeof names / sizeof names[0]; n++) names[n] = opts[n].name;
    const char *near = llo_nearest_name(given, names, n);
    if (near)
        fprintf(stderr, "llosim: %s: unknown option '%s'; did you mean --%s? (llosim --help lists them)\n", cmd, arg, near);
    else
        fprintf(stderr, "llosim: %s: unknown option '%s' (llosim --help lists them)\n", cmd, arg);
}

/* Options of run, check and compare; `many` allows several positional arguments. */
int parse_options(int argc, char **argv, cli *c, int many)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, 'o'},       {"seed", required_argument, 0, 1},
        {"replicates", required_argument, 0, 2},  {"months", required_argument, 0, 3},
        {"scale", required_argument, 0, 4},       {"threads", required_argument, 0, 5},
        {"set", required_argument, 0, 6},         {"quiet", no_argument, 0, 'q'},
        {"check-invariants", no_argument, 0, 7},  {"help", no_argument, 0, 'h'},
        {"checkpoint-at", required_argument, 0, OPT_CHECKPOINT_AT},
        {"checkpoint-every", required_argument, 0, OPT_CHECKPOINT_EVERY},
        {"resume", required_argument, 0, OPT_RESUME},
        {"from", required_argument, 0, OPT_FROM},
        {"fork-at", required_argument, 0, OPT_FORK_AT},
        {"threshold", required_argument, 0, OPT_THRESHOLD},
        {0, 0, 0, 0}};
    optind = 1;
    opterr = 0; /* bad_option says it in one line, naming the nearest option */
    int ch;
    while ((ch = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
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
        case 'q': c->quiet = 1; break;
        case 7: c->run.check_invariants = 1; break;
        case 'h': print_usage(stdout); exit(0);
        case OPT_CHECKPOINT_AT:
        case OPT_CHECKPOINT_EVERY:
        case OPT_RESUME:
        case OPT_FROM:
        case OPT_FORK_AT: rc = parse_checkpoint_option(ch, optarg, c); break;
        case OPT_THRESHOLD:
            /* The report's meaningful size of a difference: compare only (checked in cmd_compare). */
            if (!many || c->n_thresholds == 64) {
                fprintf(stderr, "llosim: --threshold %s\n", many ? "given more than 64 times" : "applies to compare only");
                return -1;
            }
            c->thresholds[c->n_thresholds++] = optarg;
            break;
        case ':': bad_option(argv[0], argv[optind - 1], 1, opts); return -1;
        default:
            if (optopt && optopt < 256 && argv[optind - 1][1] != '-') {
                char shown[3] = {'-', (char)optopt, 0};
                bad_option(argv[0], shown, 0, opts);
            } else {
                bad_option(argv[0], argv[optind - 1], 0, opts);
            }
            return -1;
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
    if (c->run.resume && optind == argc) return 0; /* the checkpoint's scenario */
    if (optind != argc - 1) {
        fprintf(stderr, "llosim: %s\n", optind >= argc ? "missing SCENARIO.cfg" : "more than one scenario given");
        print_usage(stderr);
        return -1;
    }
    c->scenario = argv[optind];
    return 0;
}

size_t machine_memory(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), size = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && size > 0 ? (size_t)pages * (size_t)size : (size_t)-1;
}

/* What the loader cannot know: whether the population fits this machine and the engine's
 * index types. Checked before anything is allocated. */
void check_capacity(const llo_scenario *s, const llo_world_size *z, llo_diag *d)
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

void print_diag(const llo_diag *d)
{
    for (int k = 0; k < d->count; k++) fprintf(stderr, "%s\n", d->msg[k]);
    if (d->dropped) fprintf(stderr, "... and %d more problems\n", d->dropped);
}

const char *shown_name(const char *name)
{
    static char out[1024];
    size_t o = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p && o + 5 < sizeof out; p++) {
        if (*p < 0x20 || *p == 0x7f) o += (size_t)snprintf(out + o, sizeof out - o, "\\x%02x", *p);
        else out[o++] = (char)*p;
    }
    out[o] = '\0';
    return out;
}

/* Loads and validates; on failure prints every problem and returns LLO_BAD_INPUT. */
int load(cli *c, llo_scenario *s, llo_world_size *z)
{
    static llo_diag d;
    memset(&d, 0, sizeof d);
    if (llo_scenario_load(s, c->scenario, c->sets, c->n_sets, &d) == 0) {
        *z = llo_world_estimate(&s->params);
        check_capacity(s, z, &d);
    }
    if (d.count || d.dropped) {
        print_diag(&d);
        fprintf(stderr, "llosim: %s: %d problem%s, nothing was run\n", shown_name(c->scenario), d.count + d.dropped,
                d.count + d.dropped == 1 ? "" : "s");
        return LLO_BAD_INPUT;
    }
    return 0;
}


/* The run's progress in simulated months, burn-in included, over every replicate. */
typedef struct run_progress {
    progress line;
    const char *name;
    double origin;           /* months done before this process started (a resumed run) */
} run_progress;

static void show_progress(const llo_run_progress *at, void *ctx)
{
    run_progress *rp = ctx;
    double per = at->burn_in_months + at->months;
    double done = (at->replicate - 1) * per + at->burn_in_month + at->month, total = at->replicates * per;
    /* The pace is measured over what this process simulated: the first call comes six months in. */
    if (rp->origin < 0) rp->origin = done > 6 ? done - 6 : 0;
    int final = at->replicate == at->replicates && at->month == at->months;
    if (at->month == 0)
        progress_update(&rp->line, done - rp->origin, total - rp->origin, final, "%s: replicate %d/%d, burn-in month %d/%d", rp->name,
                        at->replicate, at->replicates, at->burn_in_month, at->burn_in_months);
    else
        progress_update(&rp->line, done - rp->origin, total - rp->origin, final, "%s: replicate %d/%d, month %d/%d", rp->name,
                        at->replicate, at->replicates, at->month, at->months);
}

int run_scenario(const llo_scenario *s, const llo_run_options *o, int quiet, llo_diag *d)
{
    llo_run_options with = *o;
    run_progress rp = {.name = s ? s->params.name : "resume", .origin = -1};
    progress_start(&rp.line, quiet);
    if (!quiet) {
        with.progress = show_progress;
        with.progress_ctx = &rp;
    }
    int rc = llo_run(s, &with, d);
    if (rc != 0) return rc;
    char dir[4200];
    llo_run_dir(s ? &s->params : NULL, o, dir, sizeof dir);
    if (!quiet) printf("results: %s/ (timeseries.csv, groups.csv, network.csv, scenario.resolved.cfg, manifest.json)\n", dir);
    return 0;
}

/* The checkpoint options (docs/checkpoints.md). */
static int parse_month(const char *opt, const char *s, int min, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < min || v > 100000) {
        fprintf(stderr, "llosim: --%s: expected a whole number of months from %d, got '%s'\n", opt, min, s);
        return -1;
    }
    *out = (int)v;
    return 0;
}

int parse_checkpoint_option(int ch, const char *arg, cli *c)
{
    llo_run_options *o = &c->run;
    switch (ch) {
    case OPT_CHECKPOINT_AT:
        if (o->n_checkpoint_at == LLO_MAX_CHECKPOINTS) {
            fprintf(stderr, "llosim: --checkpoint-at: at most %d months; use --checkpoint-every\n", LLO_MAX_CHECKPOINTS);
            return -1;
        }
        return parse_month("checkpoint-at", arg, -100000, &o->checkpoint_at[o->n_checkpoint_at++]);
    case OPT_CHECKPOINT_EVERY: return parse_month("checkpoint-every", arg, 1, &o->checkpoint_every);
    case OPT_RESUME: o->resume = arg; return 0;
    case OPT_FROM: o->from = arg; return 0;
    case OPT_FORK_AT:
        o->from_month_given = 1;
        return parse_month("fork-at", arg, -100000, &o->from_month);
    default: return -1;
    }
}
