/* `llosim sweep ...`: plan, task, run (the local driver, analysis/sweep/driver.h), status and
 * merge; and the options and opening of a sweep that llosim-mpi shares. */
#include "cli/sweep.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/sweep/driver.h"
#include "analysis/sweep/pack.h"
#include "cli/cli.h"
#include "sim/durable.h"
#include "sim/rng.h"

static const char usage[] =
    "usage: llosim sweep <command> ...\n"
    "  plan SWEEP.cfg [options]      write the sweep's folder (resolved sweep, axes.csv, plan.csv) and list\n"
    "                                its tasks: index, point, replicate, seed, axis values\n"
    "  task SWEEP.cfg [--index I]    run task I (default: $SLURM_ARRAY_TASK_ID) into DIR/tasks/; a task\n"
    "                                already done is skipped (--force reruns it)\n"
    "    --index A-B                 run tasks A to B, one after another, in this process\n"
    "    --chunk N                   index I (or $SLURM_ARRAY_TASK_ID) runs tasks I*N to I*N+N-1, so that\n"
    "                                an array of ceil(tasks/N) elements covers the sweep\n"
    "  run SWEEP.cfg [-j N]          run every task, N child processes at a time (default 1)\n"
    "  status DIR                    count done, failed and missing tasks (exit 0 when all are done)\n"
    "  merge DIR [--partial]         merged.csv, points.csv, tasks.csv and manifest.json from the tasks\n"
    "options of plan, task and run:\n"
    "  -o, --out DIR         the sweep's folder (default out/sweep-<name>/)\n"
    "  --seed N, --replicates R, --months M, --scale F, --set PATH=VALUE\n"
    "                        overrides of the base scenario, for every task (as in llosim run)\n"
    "  --threads N           OpenMP threads per task (default 1)\n"
    "  --pack                as `pack = true` in the sweep file: each process appends its tasks to\n"
    "                        one file, DIR/packs/<host>-<pid>-<time>.pack, instead of a folder per task\n"
    "  --resume              (run) run only the tasks missing, failed or failing their hash check\n"
    "  --yes                 (run) run a sweep of more tasks than its max_tasks\n"
    "  -q, --quiet           no progress lines\n"
    LLO_EXIT_CODES_USAGE
    "MPI: mpirun -np N llosim-mpi SWEEP.cfg [options of run] (see docs/sweeps.md).\n";

static int sweep_add_set(llo_sweep_session *s, const char *set)
{
    if (s->n_sets == LLO_SWEEP_MAX_SETS - 8) {
        fprintf(stderr, "llosim: too many overrides\n");
        return -1;
    }
    s->sets[s->n_sets++] = set;
    return 0;
}

static int sweep_add_run_set(llo_sweep_session *s, const char *path, const char *value, int int64)
{
    if (s->n_owned == 8) return sweep_add_set(s, value);
    char *buf = s->owned[s->n_owned++];
    int digits = *value && strspn(value, "0123456789") == strlen(value);
    snprintf(buf, sizeof s->owned[0], "%s=%s%s", path, value, int64 && digits ? "L" : "");
    return sweep_add_set(s, buf);
}

static int parse_count(const char *opt, const char *s, long lo, long hi, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || end == s || v < lo || v > hi) {
        fprintf(stderr, "llosim: %s: expected a whole number from %ld to %ld, got '%s'\n", opt, lo, hi, s);
        return -1;
    }
    *out = v;
    return 0;
}

/* --index I or A-B (A <= B). */
static int parse_index(const char *s, long *first, long *last)
{
    char *end;
    errno = 0;
    long a = strtol(s, &end, 10), b = a;
    int ok = !errno && end != s && *s != '-' && *s != '+' && a >= 0;
    if (ok && *end == '-') {
        const char *second = end + 1;
        b = strtol(second, &end, 10);
        ok = !errno && end != second && *second != '-' && *second != '+' && b >= a;
    }
    if (!ok || *end) {
        fprintf(stderr, "llosim: --index: expected a task index I or a range A-B (A <= B), got '%s'\n", s);
        return -1;
    }
    *first = a;
    *last = b;
    return 0;
}

int llo_sweep_parse(llo_sweep_session *s, int argc, char **argv, int first, const char *command)
{
    static const struct option opts[] = {
        {"out", required_argument, 0, 'o'},     {"seed", required_argument, 0, 1},
        {"replicates", required_argument, 0, 2}, {"months", required_argument, 0, 3},
        {"scale", required_argument, 0, 4},     {"threads", required_argument, 0, 5},
        {"set", required_argument, 0, 6},       {"quiet", no_argument, 0, 'q'},
        {"index", required_argument, 0, 7},     {"resume", no_argument, 0, 8},
        {"yes", no_argument, 0, 9},             {"force", no_argument, 0, 10},
        {"jobs", required_argument, 0, 'j'},    {"help", no_argument, 0, 'h'},
        {"chunk", required_argument, 0, 11},    {"pack", no_argument, 0, 12},
        {0, 0, 0, 0}};
    memset(s, 0, sizeof *s);
    s->jobs = 1;
    s->index = -1;
    s->o.argc = argc;
    s->o.argv = argv;
    optind = 1;
    int ch;
    long v = 0;
    while ((ch = getopt_long(argc - first + 1, argv + first - 1, "o:qj:h", opts, NULL)) != -1) {
        int rc = 0;
        switch (ch) {
        case 'o': s->o.out_dir = optarg; break;
        case 1: rc = sweep_add_run_set(s, "run.seed", optarg, 1); break;
        case 2: rc = sweep_add_run_set(s, "run.replicates", optarg, 0); break;
        case 3: rc = sweep_add_run_set(s, "run.months", optarg, 0); break;
        case 4: rc = sweep_add_run_set(s, "run.scale", optarg, 0); break;
        case 5:
            rc = parse_count("--threads", optarg, 1, 4096, &v);
            s->o.threads = (int)v;
            break;
        case 6: rc = sweep_add_set(s, optarg); break;
        case 'q': s->o.quiet = 1; break;
        case 7: rc = parse_index(optarg, &s->index, &s->index_last); break;
        case 11: rc = parse_count("--chunk", optarg, 1, 1000000000L, &s->chunk); break;
        case 12: s->pack = 1; break;
        case 8: s->resume = 1; break;
        case 9: s->yes = 1; break;
        case 10: s->o.force = 1; break;
        case 'j':
            rc = parse_count("-j", optarg, 1, 4096, &v);
            s->jobs = (int)v;
            break;
        case 'h': fputs(usage, stdout); return -1;
        default: fputs(usage, stderr); return LLO_BAD_INPUT;
        }
        if (rc) return LLO_BAD_INPUT;
    }
    int rest = argc - first + 1 - optind;
    if (rest != 1) {
        fprintf(stderr, "llosim: sweep %s: %s\n", command, rest < 1 ? "missing SWEEP.cfg" : "more than one sweep file given");
        return LLO_BAD_INPUT;
    }
    s->file = argv[first - 1 + optind];
    return 0;
}

void llo_sweep_print_diag(const llo_diag *d)
{
    for (int k = 0; k < d->count; k++) fprintf(stderr, "%s\n", d->msg[k]);
    if (d->dropped) fprintf(stderr, "... and %d more problems\n", d->dropped);
}

/* Prints the problems and the closing line of a refusal. */
static int refuse(const llo_diag *d, const char *file)
{
    llo_sweep_print_diag(d);
    fprintf(stderr, "llosim: %s: %d problem%s, nothing was run\n", file, d->count + d->dropped,
            d->count + d->dropped == 1 ? "" : "s");
    return LLO_BAD_INPUT;
}

int llo_sweep_open(llo_sweep_session *s, int for_run)
{
    static llo_diag d;
    memset(&d, 0, sizeof d);
    char err[1024];
    s->sw = malloc(sizeof *s->sw);
    if (!s->sw) {
        fprintf(stderr, "llosim: out of memory\n");
        return 1;
    }
    llo_sweep *sw = s->sw;
    if (llo_sweep_load(sw, s->file, s->sets, s->n_sets, &d) != 0) return refuse(&d, s->file);
    sw->pack |= s->pack;
    if (for_run && sw->tasks > sw->max_tasks && !s->yes) {
        char at[32] = "";
        if (sw->max_tasks_line) snprintf(at, sizeof at, ":%d", sw->max_tasks_line);
        llo_diag_add(&d, "%s%s: max_tasks: the sweep has %ld tasks (%ld points x %d replicates), more than max_tasks = %ld; "
                     "pass --yes to run it anyway, or raise max_tasks", s->file, at, sw->tasks, sw->points,
                     llo_sweep_replicates(sw), sw->max_tasks);
        return refuse(&d, s->file);
    }
    if (llo_sweep_plan_build(sw, &s->plan, err, sizeof err) != 0) {
        fprintf(stderr, "llosim: %s: %s\n", s->file, err);
        return 1;
    }
    llo_sweep_dir(sw, &s->o, s->dir, sizeof s->dir);
    /* A folder that cannot take the tasks is bad input, found before any task runs. */
    char out_err[4400];
    if (llo_check_out_dir(s->dir, out_err, sizeof out_err) != 0) {
        fprintf(stderr, "llosim: -o: %s\nllosim: nothing was run\n", out_err);
        return LLO_BAD_INPUT;
    }
    int rc = llo_sweep_prepare(sw, &s->plan, s->dir, err, sizeof err);
    if (rc) {
        fprintf(stderr, "llosim: %s\n", err);
        return rc > 0 ? LLO_BAD_INPUT : 1;
    }
    if (!for_run) return 0;
    /* A run: which tasks are left. */
    char sha[65];
    llo_sweep_tasks states;
    if (llo_sweep_folder_sha(s->dir, sha, err, sizeof err) != 0 ||
        llo_sweep_tasks_read(s->dir, sw, sha, 0, sw->tasks - 1, 0, &states, err, sizeof err) != 0) {
        fprintf(stderr, "llosim: %s\n", err);
        return 1;
    }
    s->todo = malloc((size_t)sw->tasks * sizeof *s->todo);
    if (!s->todo) {
        fprintf(stderr, "llosim: out of memory\n");
        llo_sweep_tasks_free(&states);
        return 1;
    }
    long started = 0;
    for (long i = 0; i < sw->tasks; i++) {
        if (states.state[i] != LLO_TASK_MISSING) started++;
        if (states.state[i] != LLO_TASK_DONE) s->todo[s->n_todo++] = i;
    }
    llo_sweep_tasks_free(&states);
    if (started && !s->resume) {
        fprintf(stderr, "llosim: %s already holds %ld task%s of this sweep; pass --resume to run only what is missing, "
                "failed or fails its hash check, or remove the folder. Nothing was run\n", s->dir, started,
                started == 1 ? "" : "s");
        return LLO_BAD_INPUT;
    }
    return 0;
}

void llo_sweep_close(llo_sweep_session *s)
{
    llo_sweep_plan_free(&s->plan);
    free(s->sw);
    free(s->todo);
    s->sw = NULL;
    s->todo = NULL;
}

/* ---- plan ---- */

static int sweep_plan_command(llo_sweep_session *s)
{
    const llo_sweep *sw = s->sw;
    int R = llo_sweep_replicates(sw), A = sw->n_axes;
    printf("sweep %s: %ld points (%s) x %d replicate%s = %ld tasks; folder %s/\n", sw->name, sw->points,
           llo_design_name(sw->design), R, R == 1 ? "" : "s", sw->tasks, s->dir);
    if (sw->tasks > sw->max_tasks)
        printf("note: more than max_tasks = %ld; `sweep run` will ask for --yes\n", sw->max_tasks);
    if (s->o.quiet) return 0;
    printf("task,point,replicate,seed");
    for (int a = 0; a < A; a++) printf(",%s", sw->axes[a].label);
    printf("\n");
    for (long i = 0; i < sw->tasks; i++) {
        long point = i / R;
        printf("%ld,%ld,%ld,%llu", i, point, i % R + 1,
               (unsigned long long)llo_rng_derive_seed(llo_sweep_master_seed(sw), (uint64_t)point, (uint64_t)(i % R + 1)));
        for (int a = 0; a < A; a++) {
            char cell[LLO_NAME_MAX + 32];
            llo_sweep_axis_text(sw, a, s->plan.value[point * A + a], cell, sizeof cell);
            printf(",%s", cell);
        }
        printf("\n");
    }
    return 0;
}

/* ---- task ---- */

static int sweep_task_command(llo_sweep_session *s)
{
    const char *env = getenv("SLURM_ARRAY_TASK_ID");
    if (s->index < 0) {
        long v;
        if (!env) {
            fprintf(stderr, "llosim: sweep task: give --index I or A-B (or run it in a SLURM array, which sets "
                            "SLURM_ARRAY_TASK_ID)\n");
            return LLO_BAD_INPUT;
        }
        if (parse_count("SLURM_ARRAY_TASK_ID", env, 0, LONG_MAX, &v) != 0) return LLO_BAD_INPUT;
        s->index = s->index_last = v;
    }
    if (s->chunk) {
        /* An array element's number times the chunk: 100,000 tasks in 1,000 elements of 100. */
        if (s->index_last != s->index) {
            fprintf(stderr, "llosim: sweep task: --chunk takes an element number (--index I or SLURM_ARRAY_TASK_ID), "
                            "not a range\n");
            return LLO_BAD_INPUT;
        }
        if (s->index > LONG_MAX / s->chunk - 1) {
            fprintf(stderr, "llosim: sweep task: --index %ld times --chunk %ld is too large\n", s->index, s->chunk);
            return LLO_BAD_INPUT;
        }
        s->index *= s->chunk;
        s->index_last = s->index + s->chunk - 1;
    }
    /* The indices are checked before anything is written. */
    static llo_diag d;
    memset(&d, 0, sizeof d);
    llo_sweep *probe = malloc(sizeof *probe);
    if (!probe) return 1;
    int problems = llo_sweep_load(probe, s->file, s->sets, s->n_sets, &d);
    long tasks = probe->tasks;
    free(probe);
    if (problems) return refuse(&d, s->file);
    if (s->index >= tasks) {
        fprintf(stderr, "llosim: %s: task %ld does not exist; the sweep has tasks 0 to %ld%s\n", s->file, s->index,
                tasks - 1, s->chunk ? " (the array has more elements than the sweep has chunks)" : "");
        return LLO_BAD_INPUT;
    }
    if (s->index_last >= tasks) {
        /* The last chunk of an array is shorter; an explicit range past the end is a mistake. */
        if (!s->chunk) {
            fprintf(stderr, "llosim: %s: --index %ld-%ld: the sweep has tasks 0 to %ld\n", s->file, s->index,
                    s->index_last, tasks - 1);
            return LLO_BAD_INPUT;
        }
        s->index_last = tasks - 1;
    }
    int rc = llo_sweep_open(s, 0);
    if (rc) return rc;
    /* What is done already, read once for the range (a packed sweep's tasks are in its packs). */
    char sha[65], err[4600];
    llo_sweep_tasks states;
    if (llo_sweep_folder_sha(s->dir, sha, err, sizeof err) != 0 ||
        llo_sweep_tasks_read(s->dir, s->sw, sha, s->index, s->index_last, 0, &states, err, sizeof err) != 0) {
        fprintf(stderr, "llosim: %s\n", err);
        return 1;
    }
    llo_pack_writer pack = {0};
    s->o.pack = &pack;
    long failed = 0;
    for (long i = s->index; i <= s->index_last; i++) {
        int skipped = 0;
        memset(&d, 0, sizeof d);
        if (!s->o.force && states.state[i - s->index] == LLO_TASK_DONE) {
            if (!s->o.quiet) printf("task %ld: already done\n", i);
            continue;
        }
        /* A failing task is reported and the rest of the range carries on, as in the drivers. */
        if (llo_sweep_task(s->sw, &s->plan, s->dir, i, &s->o, &skipped, &d) != 0) {
            llo_sweep_print_diag(&d);
            failed++;
            if (s->index_last > s->index) fprintf(stderr, "llosim: task %ld failed\n", i);
            continue;
        }
        if (!s->o.quiet) printf("task %ld: %s\n", i, skipped ? "already done" : "done");
    }
    llo_pack_close(&pack);
    s->o.pack = NULL;
    llo_sweep_tasks_free(&states);
    if (s->index_last > s->index && (failed || !s->o.quiet))
        printf("tasks %ld-%ld: %ld done, %ld failed\n", s->index, s->index_last, s->index_last - s->index + 1 - failed,
               failed);
    return failed ? 1 : 0;
}

/* ---- run: local processes ---- */

static int self_path(char *buf, size_t n, const char *argv0)
{
    ssize_t len = readlink("/proc/self/exe", buf, n - 1);
    if (len > 0) {
        buf[len] = 0;
        return 0;
    }
    snprintf(buf, n, "%s", argv0);
    return 0;
}

static void report_task(const llo_sweep_event *e, void *ctx)
{
    const llo_sweep_session *s = ctx;
    char which[80];
    if (e->last > e->task) snprintf(which, sizeof which, "tasks %ld-%ld", e->task, e->last);
    else snprintf(which, sizeof which, "task %ld", e->task);
    switch (e->outcome) {
    case LLO_TASK_NOT_STARTED: fprintf(stderr, "llosim: cannot start the %s: %s\n", which, e->why); return;
    case LLO_TASK_KILLED: fprintf(stderr, "llosim: %s was killed by signal %d\n", which, e->signal); break;
    case LLO_TASK_EXITED:
        fprintf(stderr, "llosim: %s failed (exit code %d)\n", which, e->exit_code); break;
    case LLO_TASK_FINISHED: break;
    }
    progress_update(s->line, (double)e->finished, (double)e->total, e->finished == e->total || e->outcome != LLO_TASK_FINISHED,
                    "sweep: %ld/%ld tasks finished, %ld failed", e->finished, e->total, e->failed);
}

static int sweep_run_command(llo_sweep_session *s, const char *argv0)
{
    const llo_sweep *sw = s->sw;
    char exe[4096];
    self_path(exe, sizeof exe, argv0);
    long total = s->n_todo;
    if (!s->o.quiet)
        fprintf(stderr, "llosim: sweep %s: %ld of %ld tasks to run, %d at a time, into %s/\n", sw->name, total, sw->tasks,
                s->jobs, s->dir);
    progress line;
    progress_start(&line, s->o.quiet);
    s->line = &line;
    llo_sweep_local local = {.exe = exe, .file = s->file, .dir = s->dir, .sets = s->sets, .n_sets = s->n_sets,
                             .jobs = s->jobs, .threads = s->o.threads, .pack = sw->pack, .pack_flag = s->pack,
                             .cost = llo_sweep_task_cost(sw), .report = report_task, .ctx = s};
    long failed = llo_sweep_run_local(&local, s->todo, total);
    if (failed < 0) {
        fprintf(stderr, "llosim: out of memory\n");
        return 1;
    }
    if (sw->pack && failed) {
        /* A chunk's exit code says that some of its tasks failed: count them from the packs. */
        char sha[65], err[4600];
        llo_sweep_tasks states;
        if (llo_sweep_folder_sha(s->dir, sha, err, sizeof err) != 0 ||
            llo_sweep_tasks_read(s->dir, sw, sha, 0, sw->tasks - 1, 0, &states, err, sizeof err) != 0) {
            fprintf(stderr, "llosim: %s\n", err);
            return 1;
        }
        failed = 0;
        for (long k = 0; k < total; k++) failed += states.state[s->todo[k]] != LLO_TASK_DONE;
        llo_sweep_tasks_free(&states);
    }
    printf("sweep %s: %ld task%s run, %ld already done, %ld failed; %s/\n", sw->name, total - failed,
           total - failed == 1 ? "" : "s", sw->tasks - total, failed, s->dir);
    if (failed) printf("see `llosim sweep status %s`; rerun the failed ones with --resume\n", s->dir);
    else printf("next: llosim sweep merge %s\n", s->dir);
    return failed ? 1 : 0;
}

/* ---- status and merge ---- */

static int folder_args(int argc, char **argv, const char *command, const char **dir, int *partial, llo_sweep_options *o)
{
    *dir = NULL;
    for (int k = 3; k < argc; k++) {
        if (!strcmp(argv[k], "--partial") && partial) *partial = 1;
        else if (!strcmp(argv[k], "-q") || !strcmp(argv[k], "--quiet")) o->quiet = 1;
        else if (argv[k][0] == '-') {
            fprintf(stderr, "llosim: sweep %s: unknown option '%s'\n", command, argv[k]);
            return LLO_BAD_INPUT;
        } else if (*dir) {
            fprintf(stderr, "llosim: sweep %s: more than one folder given\n", command);
            return LLO_BAD_INPUT;
        } else *dir = argv[k];
    }
    if (!*dir) {
        fprintf(stderr, "llosim: sweep %s: missing DIR (the sweep's folder)\n", command);
        return LLO_BAD_INPUT;
    }
    return 0;
}

static int sweep_status_command(int argc, char **argv)
{
    llo_sweep_options o = {.argc = argc, .argv = argv};
    const char *dir;
    if (folder_args(argc, argv, "status", &dir, NULL, &o)) return LLO_BAD_INPUT;
    static llo_diag d;
    llo_sweep *sw = malloc(sizeof *sw);
    char sha[65], err[4600];
    if (!sw) return 1;
    if (llo_sweep_load_folder(sw, dir, &d) != 0) {
        free(sw);
        return refuse(&d, dir);
    }
    if (llo_sweep_folder_sha(dir, sha, err, sizeof err) != 0) {
        fprintf(stderr, "llosim: %s\n", err);
        free(sw);
        return 1;
    }
    int R = llo_sweep_replicates(sw);
    llo_sweep_tasks states;
    if (llo_sweep_tasks_read(dir, sw, sha, 0, sw->tasks - 1, 0, &states, err, sizeof err) != 0) {
        fprintf(stderr, "llosim: %s\n", err);
        free(sw);
        return 1;
    }
    long count[3] = {0, 0, 0};
    long run_start = -1;
    for (long i = 0; i <= sw->tasks; i++) {
        llo_task_state st = i < sw->tasks ? (llo_task_state)states.state[i] : LLO_TASK_DONE;
        if (i < sw->tasks) count[st]++;
        if (st == LLO_TASK_FAILED)
            printf("failed: task %ld (point %ld, replicate %ld): %s\n", i, i / R, i % R + 1,
                   states.why[i] ? states.why[i] : "failed");
        /* Missing tasks as ranges of indices, for --index or a SLURM --array. */
        if (st == LLO_TASK_MISSING && run_start < 0) run_start = i;
        if (st != LLO_TASK_MISSING && run_start >= 0) {
            if (run_start == i - 1) printf("missing: task %ld\n", run_start);
            else printf("missing: tasks %ld-%ld\n", run_start, i - 1);
            run_start = -1;
        }
    }
    if (sw->pack)
        printf("packs: %d file%s, %ld torn or damaged record%s skipped\n", states.n_packs, states.n_packs == 1 ? "" : "s",
               states.damaged, states.damaged == 1 ? "" : "s");
    llo_sweep_tasks_free(&states);
    printf("sweep %s: %ld tasks: %ld done, %ld failed, %ld missing\n", sw->name, sw->tasks, count[LLO_TASK_DONE],
           count[LLO_TASK_FAILED], count[LLO_TASK_MISSING]);
    int complete = count[LLO_TASK_DONE] == sw->tasks;
    free(sw);
    return complete ? 0 : 1;
}

static int sweep_merge_command(int argc, char **argv)
{
    llo_sweep_options o = {.argc = argc, .argv = argv};
    const char *dir;
    int partial = 0;
    if (folder_args(argc, argv, "merge", &dir, &partial, &o)) return LLO_BAD_INPUT;
    static llo_diag d;
    int rc = llo_sweep_merge(dir, partial, &o, &d);
    llo_sweep_print_diag(&d);
    return rc;
}

int cmd_sweep(int argc, char **argv)
{
    if (argc < 3 || !strcmp(argv[2], "-h") || !strcmp(argv[2], "--help")) {
        fputs(usage, argc < 3 ? stderr : stdout);
        return argc < 3 ? LLO_BAD_INPUT : 0;
    }
    const char *cmd = argv[2];
    if (!strcmp(cmd, "status")) return sweep_status_command(argc, argv);
    if (!strcmp(cmd, "merge")) return sweep_merge_command(argc, argv);
    int which = !strcmp(cmd, "plan") ? 0 : !strcmp(cmd, "task") ? 1 : !strcmp(cmd, "run") ? 2 : -1;
    if (which < 0) {
        fprintf(stderr, "llosim: sweep: unknown command '%s'\n", cmd);
        fputs(usage, stderr);
        return LLO_BAD_INPUT;
    }
    static llo_sweep_session s;
    int rc = llo_sweep_parse(&s, argc, argv, 3, cmd);
    if (rc) return rc < 0 ? LLO_OK : rc; /* -1: the usage was asked for and shown */
    if (which == 1) rc = sweep_task_command(&s);
    else if ((rc = llo_sweep_open(&s, which == 2)) == 0) rc = which == 0 ? sweep_plan_command(&s) : sweep_run_command(&s, argv[0]);
    llo_sweep_close(&s);
    return rc;
}
