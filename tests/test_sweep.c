/* Sweeps: the designs (shapes, ranges, strata, Saltelli's matrices, Morris's one-at-a-time
 * steps), task seeds that do not depend on which tasks ran before, byte-identical merges from the
 * serial, -j 2 and MPI drivers, resume after a kill and after a damaged file, a failing task that
 * leaves the others to finish, and the refusals (broken sweep files, max_tasks). Worlds are tiny:
 * 1:500 scale, 12 months after 6 of burn-in, one thread per task. */
#include <dirent.h>
#include <fcntl.h>
#include <gsl/gsl_qrng.h>
#include <limits.h>
#include <math.h>
#include <unistd.h>

#include "sim/rng.h"
#include "analysis/sweep/driver.h"
#include "analysis/sweep/sweep.h"
#include "testutil.h"

#define TINY_SETS "--scale 0.002 --months 12 --set run.burn_in_months=6"
#define TINY TINY_SETS " -q"

static void write_text(const char *path, const char *fmt, ...)
{
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f, "cannot write %s", path);
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fclose(f);
}

/* A sweep file in dir over the baseline, with the given design lines and axes. */
static void write_sweep(const char *path, const char *design, const char *axes)
{
    char cwd[4096];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    write_text(path,
               "scenario = \"%s/scenarios/baseline.cfg\";\nname = \"t\";\nseed = 11L;\nreplicates = 2;\n%s\n"
               "axes = (\n%s\n);\nindicators = [\"participation_24m_employed\", \"never_trained_employed\"];\n",
               cwd, design, axes);
}

static llo_sweep *load(const char *path)
{
    llo_sweep *sw = malloc(sizeof *sw);
    static llo_diag d;
    memset(&d, 0, sizeof d);
    int problems = llo_sweep_load(sw, path, NULL, 0, &d);
    for (int k = 0; k < d.count; k++) fprintf(stderr, "%s\n", d.msg[k]);
    cr_assert_eq(problems, 0, "%s does not load", path);
    return sw;
}

static void plan_of(const llo_sweep *sw, llo_sweep_plan *pl)
{
    char err[256];
    cr_assert_eq(llo_sweep_plan_build(sw, pl, err, sizeof err), 0, "%s", err);
    cr_assert_eq(pl->points, sw->points);
}

static const char *const range_axes =
    "  { path = \"orchestrators.temporary_staff_share\"; min = 0.1; max = 0.7; },\n"
    "  { path = \"governance.agency\"; index = 1; min = 0.2; max = 0.6; },\n"
    "  { path = \"employers.payback_months\"; min = 6.0; max = 36.0; }";

/* Every value within its axis's range; the integer setting whole. */
static void assert_in_ranges(const llo_sweep *sw, const llo_sweep_plan *pl)
{
    for (long i = 0; i < pl->points; i++)
        for (int a = 0; a < pl->axes; a++) {
            double v = pl->value[i * pl->axes + a], u = pl->unit[i * pl->axes + a];
            cr_assert(v >= sw->axes[a].min && v <= sw->axes[a].max, "point %ld axis %d: %g outside", i, a, v);
            cr_assert(u >= 0 && u <= 1, "point %ld axis %d: unit %g", i, a, u);
            if (sw->axes[a].whole) cr_assert_eq(v, floor(v), "point %ld: %g is not whole", i, v);
        }
}

Test(sweep, designs_grid_and_values)
{
    char tmp[64], path[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(path, sizeof path, "%s/grid.cfg", tmp);
    write_sweep(path, "sampling = \"grid\"; levels = 3;",
                "  { path = \"orchestrators.temporary_staff_share\"; min = 0.1; max = 0.7; },\n"
                "  { path = \"training.dropout_share\"; min = 0.01; max = 0.1; scale = \"log\"; levels = 2; },\n"
                "  { path = \"providers.competition\"; values = [\"market\", \"joint\"]; }");
    llo_sweep *sw = load(path);
    llo_sweep_plan pl;
    plan_of(sw, &pl);
    cr_assert_eq(pl.points, 3 * 2 * 2);
    cr_assert_eq(sw->tasks, 24);
    /* the last axis varies fastest; levels include both ends; log levels at the ends too */
    cr_assert_float_eq(pl.value[0], 0.1, 1e-15);
    cr_assert_float_eq(pl.value[1], 0.01, 1e-15);
    cr_assert_eq(pl.value[2], 0);
    cr_assert_eq(pl.value[1 * 3 + 2], 1);
    cr_assert_float_eq(pl.value[2 * 3 + 1], 0.1, 1e-15);
    cr_assert_float_eq(pl.value[4 * 3 + 0], 0.4, 1e-15);
    cr_assert_float_eq(pl.value[11 * 3 + 0], 0.7, 1e-15);
    char set[256];
    const double joint[3] = {0.1, 0.01, 1};
    cr_assert_eq(llo_sweep_axis_set(sw, 2, joint, set, sizeof set), 0);
    cr_assert_str_eq(set, "providers.competition=\"joint\"");
    llo_sweep_plan_free(&pl);
    free(sw);

    snprintf(path, sizeof path, "%s/values.cfg", tmp);
    write_sweep(path, "sampling = \"values\";",
                "  { path = \"governance.agency\"; index = 2; values = [0.1, 0.3, 0.5]; },\n"
                "  { path = \"employers.payback_months\"; values = [12.0, 24.0, 36.0]; }");
    sw = load(path);
    plan_of(sw, &pl);
    cr_assert_eq(pl.points, 3);
    for (int i = 0; i < 3; i++) {
        cr_assert_float_eq(pl.value[i * 2], 0.1 + 0.2 * i, 1e-15);
        cr_assert_eq(pl.value[i * 2 + 1], 12.0 * (i + 1));
    }
    /* a list element is set as the whole list, the other elements the base scenario's */
    const double point[2] = {0.3, 24.0};
    cr_assert_eq(llo_sweep_axis_set(sw, 0, point, set, sizeof set), 0);
    cr_assert_str_eq(set, "governance.agency=[0.4, 0.35, 0.3, 0.05, 0.1]");
    llo_sweep_plan_free(&pl);
    free(sw);

    /* Two axes over elements of one list: each override carries both, so neither undoes the
     * other whatever their order. */
    snprintf(path, sizeof path, "%s/two.cfg", tmp);
    write_sweep(path, "sampling = \"values\";",
                "  { path = \"governance.agency\"; index = 2; values = [0.2, 0.3]; },\n"
                "  { path = \"governance.agency\"; index = 4; values = [0.25, 0.35]; }");
    sw = load(path);
    plan_of(sw, &pl);
    const double both[2] = {0.3, 0.35};
    char set2[256];
    cr_assert_eq(llo_sweep_axis_set(sw, 0, both, set, sizeof set), 0);
    cr_assert_eq(llo_sweep_axis_set(sw, 1, both, set2, sizeof set2), 0);
    cr_assert_str_eq(set, "governance.agency=[0.4, 0.35, 0.3, 0.05, 0.35]");
    cr_assert_str_eq(set2, set);
    llo_sweep_plan_free(&pl);
    free(sw);
    remove_tree(tmp);
}

Test(sweep, designs_lhs_stratified_and_deterministic)
{
    char tmp[64], path[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(path, sizeof path, "%s/lhs.cfg", tmp);
    write_sweep(path, "sampling = \"lhs\"; samples = 17;", range_axes);
    llo_sweep *sw = load(path);
    llo_sweep_plan pl, again;
    plan_of(sw, &pl);
    plan_of(sw, &again);
    assert_in_ranges(sw, &pl);
    cr_assert_eq(memcmp(pl.value, again.value, sizeof(double) * 17 * 3), 0, "the same sweep gave another plan");
    for (int a = 0; a < 3; a++) {
        int seen[17] = {0};
        for (int i = 0; i < 17; i++) seen[(int)floor(pl.unit[i * 3 + a] * 17)]++;
        for (int s = 0; s < 17; s++) cr_assert_eq(seen[s], 1, "axis %d: stratum %d holds %d points", a, s, seen[s]);
    }
    /* another seed, another hypercube */
    sw->base.params.seed = 12;
    llo_sweep_plan other;
    plan_of(sw, &other);
    cr_assert_neq(memcmp(pl.unit, other.unit, sizeof(double) * 17 * 3), 0);
    llo_sweep_plan_free(&pl);
    llo_sweep_plan_free(&again);
    llo_sweep_plan_free(&other);
    free(sw);
    remove_tree(tmp);
}

/* The design's unit points are GSL's sequence, in order. */
static void assert_sequence(const char *tmp, const char *kind, const gsl_qrng_type *type)
{
    char path[128], design[64];
    snprintf(path, sizeof path, "%s/%s.cfg", tmp, kind);
    snprintf(design, sizeof design, "sampling = \"%s\"; samples = 9;", kind);
    write_sweep(path, design, range_axes);
    llo_sweep *sw = load(path);
    llo_sweep_plan pl;
    plan_of(sw, &pl);
    cr_assert_eq(pl.points, 9);
    assert_in_ranges(sw, &pl);
    gsl_qrng *q = gsl_qrng_alloc(type, 3);
    for (int i = 0; i < 9; i++) {
        double x[3];
        gsl_qrng_get(q, x);
        for (int a = 0; a < 3; a++) cr_assert_eq(pl.unit[i * 3 + a], x[a], "%s point %d axis %d", kind, i, a);
        cr_assert_float_eq(pl.value[i * 3], 0.1 + 0.6 * x[0], 1e-12);
        cr_assert_eq(pl.value[i * 3 + 2], (double)llround(6 + 30 * x[2]), "integer axes round");
    }
    gsl_qrng_free(q);
    llo_sweep_plan_free(&pl);
    free(sw);
}

Test(sweep, designs_sobol_and_halton)
{
    char tmp[64];
    make_tmpdir(tmp, sizeof tmp);
    assert_sequence(tmp, "sobol", gsl_qrng_sobol);
    assert_sequence(tmp, "halton", gsl_qrng_halton);
    remove_tree(tmp);
}

Test(sweep, designs_saltelli_matrices)
{
    char tmp[64], path[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(path, sizeof path, "%s/saltelli.cfg", tmp);
    write_sweep(path, "sampling = \"saltelli\"; samples = 8;", range_axes);
    llo_sweep *sw = load(path);
    llo_sweep_plan pl;
    plan_of(sw, &pl);
    int k = 3, N = 8;
    cr_assert_eq(pl.points, N * (k + 2));
    assert_in_ranges(sw, &pl);
    gsl_qrng *q = gsl_qrng_alloc(gsl_qrng_sobol, 2 * k);
    for (int s = 0; s < N; s++) {
        double x[6];
        gsl_qrng_get(q, x);
        const double *A = pl.unit + s * k, *B = pl.unit + (N + s) * k;
        cr_assert_str_eq(pl.role[s], "A");
        cr_assert_str_eq(pl.role[N + s], "B");
        cr_assert_eq(pl.sample[N + s], s);
        for (int a = 0; a < k; a++) {
            cr_assert_eq(A[a], x[a]);
            cr_assert_eq(B[a], x[k + a]);
        }
        for (int j = 0; j < k; j++) {
            long i = (2 + j) * N + s;
            char role[8];
            snprintf(role, sizeof role, "AB%d", j + 1);
            cr_assert_str_eq(pl.role[i], role);
            cr_assert_eq(pl.moved[i], j + 1);
            cr_assert_eq(pl.sample[i], s);
            for (int a = 0; a < k; a++) cr_assert_eq(pl.unit[i * k + a], a == j ? B[a] : A[a], "AB%d row %d axis %d", j + 1, s, a);
        }
    }
    gsl_qrng_free(q);
    llo_sweep_plan_free(&pl);
    free(sw);
    remove_tree(tmp);
}

Test(sweep, designs_morris_one_at_a_time)
{
    char tmp[64], path[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(path, sizeof path, "%s/morris.cfg", tmp);
    write_sweep(path, "sampling = \"morris\"; samples = 6;", range_axes);
    llo_sweep *sw = load(path);
    cr_assert_eq(sw->levels, 4, "p defaults to 4");
    llo_sweep_plan pl;
    plan_of(sw, &pl);
    int k = 3, r = 6;
    double delta = 4.0 / (2.0 * 3.0);
    cr_assert_eq(pl.points, r * (k + 1));
    assert_in_ranges(sw, &pl);
    int directions_seen[2] = {0, 0};
    for (int t = 0; t < r; t++) {
        int moved_once[3] = {0, 0, 0};
        char role[8];
        snprintf(role, sizeof role, "T%d", t + 1);
        for (int s = 0; s <= k; s++) {
            long i = t * (k + 1) + s;
            cr_assert_str_eq(pl.role[i], role);
            cr_assert_eq(pl.sample[i], s);
            for (int a = 0; a < k; a++) {
                double lv = pl.unit[i * k + a] * 3;
                cr_assert_float_eq(lv, round(lv), 1e-12, "off the 4-level grid");
            }
            if (s == 0) {
                cr_assert_eq(pl.moved[i], 0);
                continue;
            }
            int m = pl.moved[i];
            cr_assert(m >= 1 && m <= k);
            moved_once[m - 1]++;
            for (int a = 0; a < k; a++) {
                double step = pl.unit[i * k + a] - pl.unit[(i - 1) * k + a];
                if (a == m - 1) {
                    cr_assert_float_eq(fabs(step), delta, 1e-12, "trajectory %d step %d: moved by %g", t, s, step);
                    directions_seen[step > 0]++;
                } else cr_assert_eq(step, 0, "trajectory %d step %d moved axis %d too", t, s, a + 1);
            }
        }
        for (int a = 0; a < k; a++) cr_assert_eq(moved_once[a], 1, "trajectory %d moved axis %d %d times", t, a + 1, moved_once[a]);
    }
    cr_assert(directions_seen[0] && directions_seen[1], "steps go both up and down");
    llo_sweep_plan_free(&pl);
    free(sw);
    remove_tree(tmp);
}

/* ---- the command line ---- */

/* A sweep file with 3 points x 2 replicates over the tiny world. */
static void tiny_sweep(const char *path)
{
    write_sweep(path, "sampling = \"lhs\"; samples = 3;",
                "  { path = \"orchestrators.temporary_staff_share\"; min = 0.1; max = 0.7; },\n"
                "  { path = \"providers.competition\"; values = [\"market\", \"coordinated\"]; }");
}

static void assert_same_merge(const char *a, const char *b, const char *what)
{
    const char *files[] = {"merged.csv", "points.csv", "tasks.csv", "plan.csv", "axes.csv"};
    for (size_t f = 0; f < sizeof files / sizeof files[0]; f++) {
        char x[256], y[256];
        snprintf(x, sizeof x, "%s/%s", a, files[f]);
        snprintf(y, sizeof y, "%s/%s", b, files[f]);
        cr_assert(same_file(x, y), "%s: %s differs", what, files[f]);
    }
}

Test(sweep, task_seed_does_not_depend_on_what_ran_before, .timeout = 120)
{
    char tmp[64], sweep[128], log[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(sweep, sizeof sweep, "%s/tiny.cfg", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    tiny_sweep(sweep);
    cr_assert_eq(run_llosim(log, "sweep task %s --index 3 -o %s/a --threads 1 " TINY, sweep, tmp), 0);
    for (int i = 5; i >= 3; i--) cr_assert_eq(run_llosim(log, "sweep task %s --index %d -o %s/b " TINY, sweep, i, tmp), 0);
    char a[256], b[256];
    snprintf(a, sizeof a, "%s/a/tasks/p1-r2/timeseries.csv", tmp);
    snprintf(b, sizeof b, "%s/b/tasks/p1-r2/timeseries.csv", tmp);
    cr_assert(same_file(a, b), "task 3 depends on the tasks run before it");
    snprintf(a, sizeof a, "%s/a/tasks/p1-r2/manifest.json", tmp);
    char *m = slurp(a, NULL), want[64];
    snprintf(want, sizeof want, "\"seed\": \"%llu\"", (unsigned long long)llo_rng_derive_seed(11, 1, 2));
    cr_assert(strstr(m, want), "manifest lacks %s", want);
    free(m);
    /* a done task is skipped, its files untouched */
    cr_assert_eq(run_llosim(log, "sweep task %s --index 3 -o %s/a " TINY_SETS, sweep, tmp), 0);
    m = slurp(log, NULL);
    cr_assert(strstr(m, "already done"), "%s", m);
    free(m);
    /* SLURM_ARRAY_TASK_ID stands in for --index; an index past the end is bad input */
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "SLURM_ARRAY_TASK_ID=2 '%s' sweep task %s -o %s/c " TINY, llosim_bin(), sweep, tmp);
    cr_assert_eq(system(cmd), 0);
    snprintf(a, sizeof a, "%s/c/tasks/p1-r1/manifest.json", tmp);
    cr_assert(path_exists(a));
    cr_assert_eq(run_llosim(log, "sweep task %s --index 6 -o %s/d " TINY, sweep, tmp), 2);
    snprintf(a, sizeof a, "%s/d", tmp);
    cr_assert(!path_exists(a), "a bad index wrote the folder");
    remove_tree(tmp);
}

/* An array element runs a range: --index A-B, or SLURM_ARRAY_TASK_ID times --chunk N, the last
 * chunk cut at the sweep's end; together the elements merge to the same bytes as `sweep run`.
 * An element past the end, a range past the end and a range backwards are bad input. */
Test(sweep, index_ranges_and_chunked_array_elements_cover_the_sweep, .timeout = 180)
{
    char tmp[64], sweep[128], log[128], cmd[2048];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(sweep, sizeof sweep, "%s/tiny.cfg", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    tiny_sweep(sweep);
    cr_assert_eq(run_llosim(log, "sweep run %s -o %s/serial " TINY, sweep, tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep merge %s/serial", tmp), 0);
    /* 6 tasks in chunks of 4: element 0 runs 0-3, element 1 runs 4-5 */
    for (int e = 0; e < 2; e++) {
        snprintf(cmd, sizeof cmd, "SLURM_ARRAY_TASK_ID=%d '%s' sweep task %s --chunk 4 -o %s/chunked " TINY_SETS " >%s 2>&1",
                 e, llosim_bin(), sweep, tmp, log);
        cr_assert_eq(system(cmd), 0);
        char *out = slurp(log, NULL);
        cr_assert(strstr(out, e ? "tasks 4-5: 2 done, 0 failed" : "tasks 0-3: 4 done, 0 failed"), "%s", out);
        free(out);
    }
    cr_assert_eq(run_llosim(log, "sweep merge %s/chunked", tmp), 0);
    char a[128], b[128];
    snprintf(a, sizeof a, "%s/serial", tmp);
    snprintf(b, sizeof b, "%s/chunked", tmp);
    assert_same_merge(a, b, "SLURM_ARRAY_TASK_ID with --chunk 4");
    /* an explicit range, and a rerun of it skips what is done */
    cr_assert_eq(run_llosim(log, "sweep task %s --index 1-4 -o %s/range " TINY, sweep, tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep status %s/range", tmp), 1);
    char *out = slurp(log, NULL);
    cr_assert(strstr(out, "missing: task 0\nmissing: task 5\n") && strstr(out, "4 done, 0 failed, 1 missing") == NULL &&
                  strstr(out, "4 done, 0 failed, 2 missing"), "%s", out);
    free(out);
    cr_assert_eq(run_llosim(log, "sweep task %s --index 0-5 -o %s/range " TINY_SETS, sweep, tmp), 0);
    out = slurp(log, NULL);
    cr_assert(strstr(out, "task 1: already done") && strstr(out, "task 0: done") && strstr(out, "task 5: done"), "%s", out);
    free(out);
    cr_assert_eq(run_llosim(log, "sweep merge %s/range", tmp), 0);
    snprintf(b, sizeof b, "%s/range", tmp);
    assert_same_merge(a, b, "--index 1-4 then 0-5");
    /* refusals: nothing written */
    snprintf(cmd, sizeof cmd, "SLURM_ARRAY_TASK_ID=2 '%s' sweep task %s --chunk 4 -o %s/past " TINY " >%s 2>&1",
             llosim_bin(), sweep, tmp, log);
    cr_assert_eq(WEXITSTATUS(system(cmd)), 2);
    out = slurp(log, NULL);
    cr_assert(strstr(out, "task 8 does not exist"), "%s", out);
    free(out);
    cr_assert_eq(run_llosim(log, "sweep task %s --index 3-6 -o %s/past " TINY, sweep, tmp), 2);
    cr_assert_eq(run_llosim(log, "sweep task %s --index 3-1 -o %s/past " TINY, sweep, tmp), 2);
    cr_assert_eq(run_llosim(log, "sweep task %s --index 0-1 --chunk 2 -o %s/past " TINY, sweep, tmp), 2);
    snprintf(a, sizeof a, "%s/past", tmp);
    cr_assert(!path_exists(a), "a refused index wrote the folder");
    remove_tree(tmp);
}

/* Chunks by guided self-scheduling sized by cost: a share of what is left that shrinks toward
 * the end, never above LLO_SWEEP_CHUNK_WORK worker-months, never below one task; handing out a
 * whole sweep this way covers every task once. */
Test(sweep, chunks_shrink_toward_the_end_and_are_capped_by_cost)
{
    /* tiny tasks: 1,000 left for 2 workers -> 250, then 188, ... down to 1 */
    cr_assert_eq(llo_sweep_chunk(100.0, 1000, 2), 250);
    cr_assert_eq(llo_sweep_chunk(100.0, 750, 2), 188);
    cr_assert_eq(llo_sweep_chunk(100.0, 3, 2), 1);
    cr_assert_eq(llo_sweep_chunk(100.0, 1, 2), 1);
    cr_assert_eq(llo_sweep_chunk(100.0, 0, 2), 0);
    /* a task of 10^7 worker-months: two per chunk at most; of 10^8: one */
    cr_assert_eq(llo_sweep_chunk(1e7, 1000, 2), 2);
    cr_assert_eq(llo_sweep_chunk(1e8, 1000, 2), 1);
    long left = 100000, chunks = 0, last = LONG_MAX;
    while (left > 0) {
        long n = llo_sweep_chunk(14.0, left, 4);
        cr_assert(n >= 1 && n <= left && n <= last, "chunk of %ld with %ld left after one of %ld", n, left, last);
        last = n;
        left -= n;
        chunks++;
    }
    cr_log_info("100,000 tiny tasks over 4 workers: %ld chunks", chunks);
    cr_assert(chunks < 200, "%ld chunks", chunks);
}

/* A folder that cannot take the tasks is refused before any task runs (issue 15): exit 2, a
 * message naming -o, and nothing written. */
Test(sweep, unusable_output_folder_is_refused_before_any_task, .timeout = 60)
{
    char tmp[64], sweep[128], log[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(sweep, sizeof sweep, "%s/bad-out.cfg", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    write_sweep(sweep, "sampling = \"values\";", "  { path = \"funding.learning_budget_cap_eur\"; values = [500.0, 1500.0]; }");
    const char *bad[] = {"/dev/null", "/proc", sweep};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        cr_expect_eq(run_llosim(log, "sweep run %s -o %s " TINY, sweep, bad[k]), 2, "-o %s", bad[k]);
        char *said = slurp(log, NULL);
        cr_expect(said && strstr(said, "llosim: -o: "), "-o %s: %s", bad[k], said);
        free(said);
    }
    remove_tree(tmp);
}

/* Under common random numbers every point of replicate r draws point 0's numbers: two points
 * that differ only in a setting the run never reads (the cap of a learning budget of 0) write
 * the same rows, and the manifest records point 0's seed. */
Test(sweep, common_random_numbers_share_the_draws_across_points, .timeout = 120)
{
    char tmp[64], sweep[128], log[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(sweep, sizeof sweep, "%s/crn.cfg", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    const char *axis = "  { path = \"funding.learning_budget_cap_eur\"; values = [500.0, 1500.0]; }";
    write_sweep(sweep, "sampling = \"values\"; common_random_numbers = true;", axis);
    cr_assert_eq(run_llosim(log, "sweep run %s -j 2 -o %s/crn " TINY, sweep, tmp), 0);
    char a[256], b[256];
    snprintf(a, sizeof a, "%s/crn/tasks/p0-r2/timeseries.csv", tmp);
    snprintf(b, sizeof b, "%s/crn/tasks/p1-r2/timeseries.csv", tmp);
    cr_assert(same_file(a, b), "two points the model cannot tell apart differ under common random numbers");
    snprintf(a, sizeof a, "%s/crn/tasks/p1-r2/manifest.json", tmp);
    char *m = slurp(a, NULL), want[64];
    snprintf(want, sizeof want, "\"seed\": \"%llu\"", (unsigned long long)llo_rng_derive_seed(11, 0, 2));
    cr_assert(strstr(m, want), "manifest lacks %s", want);
    free(m);
    /* Without them the same two points are different samples. */
    write_sweep(sweep, "sampling = \"values\";", axis);
    cr_assert_eq(run_llosim(log, "sweep run %s -j 2 -o %s/ind " TINY, sweep, tmp), 0);
    snprintf(a, sizeof a, "%s/ind/tasks/p0-r2/timeseries.csv", tmp);
    snprintf(b, sizeof b, "%s/ind/tasks/p1-r2/timeseries.csv", tmp);
    cr_assert(!same_file(a, b), "independent points drew the same numbers");
    remove_tree(tmp);
}

/* Whether mpirun can start ranks here (as root it needs Open MPI's permission variables). */
static int mpi_usable(const char *mpi)
{
    if (!mpi || !*mpi || access(mpi, X_OK) != 0) return 0;
    /* a real start, not just --version: a container may have mpirun yet no way to launch ranks */
    return system("mpirun --oversubscribe -np 2 true >/dev/null 2>&1") == 0;
}

Test(sweep, serial_parallel_and_mpi_merge_to_the_same_bytes, .timeout = 300)
{
    char tmp[64], sweep[128], log[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(sweep, sizeof sweep, "%s/tiny.cfg", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    tiny_sweep(sweep);
    cr_assert_eq(run_llosim(log, "sweep run %s -o %s/serial " TINY, sweep, tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep run %s -j 2 -o %s/j2 " TINY, sweep, tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep merge %s/serial", tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep merge %s/j2", tmp), 0);
    char a[128], b[128];
    snprintf(a, sizeof a, "%s/serial", tmp);
    snprintf(b, sizeof b, "%s/j2", tmp);
    assert_same_merge(a, b, "-j 2");
    /* the long table holds every task's rows: 6 tasks x 12 months x 5 regions, plus a header */
    char path[256];
    snprintf(path, sizeof path, "%s/merged.csv", a);
    char *text = slurp(path, NULL);
    int lines = 0;
    for (char *c = text; *c; c++) lines += *c == '\n';
    cr_assert_eq(lines, 1 + 6 * 12 * 5);
    free(text);

    const char *mpi = getenv("LLOSIM_MPI");
    setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
    setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
    if (!mpi_usable(mpi)) {
        remove_tree(tmp);
        cr_skip("no MPI here (llosim-mpi not built, or mpirun missing): the MPI driver is not tested");
    }
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "mpirun --oversubscribe -np 3 '%s' %s -o %s/mpi " TINY " >%s 2>&1", mpi, sweep, tmp, log);
    int st = system(cmd);
    char *out = slurp(log, NULL);
    cr_assert_eq(WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0, "mpirun failed:\n%s", out);
    free(out);
    cr_assert_eq(run_llosim(log, "sweep merge %s/mpi", tmp), 0);
    snprintf(b, sizeof b, "%s/mpi", tmp);
    assert_same_merge(a, b, "mpirun -np 3");

    /* Over MPI too, a failing task is reported while the others finish and are kept. */
    cr_assert_eq(run_llosim(log, "sweep plan %s -q -o %s/mpifail " TINY, sweep, tmp), 0);
    snprintf(path, sizeof path, "%s/mpifail/tasks/p1-r1", tmp);
    write_text(path, "in the way\n");
    snprintf(cmd, sizeof cmd,
             "mpirun --oversubscribe -np 3 '%s' %s -o %s/mpifail " TINY " >%s 2>&1", mpi, sweep, tmp, log);
    st = system(cmd);
    out = slurp(log, NULL);
    cr_assert_neq(WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0, "a failed task must fail the run:\n%s", out);
    cr_assert(strstr(out, "task 2 failed"), "%s", out);
    cr_assert(strstr(out, "5 tasks run, 0 already done, 1 failed"), "%s", out);
    free(out);
    cr_assert_eq(run_llosim(log, "sweep status %s/mpifail", tmp), 1);
    out = slurp(log, NULL);
    cr_assert(strstr(out, "5 done, 1 failed, 0 missing"), "%s", out);
    free(out);
    remove_tree(tmp);
}

/* The pack files of a packed sweep's folder, and the path of the first. */
static int count_packs(const char *dir, char *first, size_t n)
{
    char packs[256];
    snprintf(packs, sizeof packs, "%s/packs", dir);
    DIR *d = opendir(packs);
    if (!d) return 0;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strstr(e->d_name, ".pack")) {
            if (!count && first) snprintf(first, n, "%s/%s", packs, e->d_name);
            count++;
        }
    closedir(d);
    return count;
}

/* Packed tasks: one file per process instead of a folder per task; merged tables the same bytes
 * as unpacked ones from -j 2, from one process running every task, and from MPI; a record torn
 * by a crash (the pack cut mid-record) or damaged in the middle of a pack is reported for its
 * task by status, the records after it still count, merge refuses, and --resume reruns only
 * that task. */
Test(sweep, packed_tasks_merge_to_the_same_bytes_and_a_torn_record_reruns, .timeout = 300)
{
    char tmp[64], sweep[128], log[128], path[256], a[128], b[128], pack[512];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(sweep, sizeof sweep, "%s/tiny.cfg", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    tiny_sweep(sweep);
    cr_assert_eq(run_llosim(log, "sweep run %s -o %s/plain " TINY, sweep, tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep merge %s/plain", tmp), 0);
    snprintf(a, sizeof a, "%s/plain", tmp);
    /* -j 2 --pack: each child writes one pack for its chunk; no task folders */
    cr_assert_eq(run_llosim(log, "sweep run %s -j 2 --pack -o %s/packed " TINY, sweep, tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep merge %s/packed", tmp), 0);
    snprintf(b, sizeof b, "%s/packed", tmp);
    assert_same_merge(a, b, "sweep run -j 2 --pack");
    snprintf(path, sizeof path, "%s/packed/tasks", tmp);
    cr_assert(!path_exists(path), "a packed sweep made task folders");
    int packs = count_packs(b, NULL, 0);
    cr_assert(packs >= 1 && packs <= 6, "%d packs", packs);
    /* pack = true in the sweep file, every task in one process: one pack file */
    FILE *f = fopen(sweep, "a");
    fputs("pack = true;\n", f);
    fclose(f);
    cr_assert_eq(run_llosim(log, "sweep task %s --index 0-5 -o %s/one " TINY, sweep, tmp), 0);
    snprintf(b, sizeof b, "%s/one", tmp);
    cr_assert_eq(count_packs(b, pack, sizeof pack), 1);
    cr_assert_eq(run_llosim(log, "sweep merge %s/one", tmp), 0);
    assert_same_merge(a, b, "one process, pack = true");
    snprintf(path, sizeof path, "%s/one/manifest.json", tmp);
    char *m = slurp(path, NULL);
    cr_assert(strstr(m, "\"packs/"), "the merge's manifest lists no pack:\n%s", m);
    free(m);

    /* A crash mid-record: the pack ends inside task 5's record (the last). */
    size_t len = 0;
    char *text = slurp(pack, &len);
    char *last = NULL;
    for (char *c = strstr(text, "LLOPACK1 "); c; c = strstr(c + 1, "\nLLOPACK1 ")) last = c[0] == '\n' ? c + 1 : c;
    cr_assert(last && strstr(last, "task=5 "), "the last record is not task 5's");
    cr_assert_eq(truncate(pack, (off_t)(last - text) + 300), 0);
    cr_assert_eq(run_llosim(log, "sweep status %s/one", tmp), 1);
    char *out = slurp(log, NULL);
    cr_assert(strstr(out, "failed: task 5 (point 2, replicate 2)") && strstr(out, "torn or damaged") &&
                  strstr(out, "5 done, 1 failed, 0 missing") && strstr(out, "1 torn or damaged record skipped"),
              "%s", out);
    free(out);
    cr_assert_eq(run_llosim(log, "sweep merge %s/one", tmp), 2);
    /* A damaged byte in the middle (task 1's payload): the records after it still count. */
    char *rec1 = strstr(text, "LLOPACK1 task=1 ");
    cr_assert_not_null(rec1);
    off_t at = (off_t)(strstr(rec1, "\nfile timeseries.csv") - text) + 40;
    int fd = open(pack, O_WRONLY);
    cr_assert(fd >= 0 && pwrite(fd, "#", 1, at) == 1);
    close(fd);
    free(text);
    cr_assert_eq(run_llosim(log, "sweep status %s/one", tmp), 1);
    out = slurp(log, NULL);
    cr_assert(strstr(out, "failed: task 1 ") && strstr(out, "4 done, 2 failed, 0 missing"), "%s", out);
    free(out);
    /* --resume reruns exactly those two, into a new pack; the merge is the same bytes again */
    cr_assert_eq(run_llosim(log, "sweep run %s --resume -o %s/one " TINY_SETS, sweep, tmp), 0);
    out = slurp(log, NULL);
    cr_assert(strstr(out, "2 of 6 tasks to run") && strstr(out, "2 tasks run, 4 already done, 0 failed"), "%s", out);
    free(out);
    cr_assert_eq(run_llosim(log, "sweep status %s/one", tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep merge %s/one", tmp), 0);
    assert_same_merge(a, b, "packed, torn and damaged, resumed");

    const char *mpi = getenv("LLOSIM_MPI");
    setenv("OMPI_ALLOW_RUN_AS_ROOT", "1", 1);
    setenv("OMPI_ALLOW_RUN_AS_ROOT_CONFIRM", "1", 1);
    if (!mpi_usable(mpi)) {
        remove_tree(tmp);
        cr_skip("no MPI here: packed tasks over MPI are not tested");
    }
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "mpirun --oversubscribe -np 2 '%s' %s -o %s/mpi " TINY " >%s 2>&1", mpi, sweep, tmp, log);
    int st = system(cmd);
    out = slurp(log, NULL);
    cr_assert_eq(WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0, "mpirun failed:\n%s", out);
    free(out);
    snprintf(b, sizeof b, "%s/mpi", tmp);
    cr_assert(count_packs(b, NULL, 0) <= 2, "more packs than ranks");
    cr_assert_eq(run_llosim(log, "sweep merge %s/mpi", tmp), 0);
    assert_same_merge(a, b, "mpirun -np 2, packed");
    remove_tree(tmp);
}

/* scenarios/sweeps/sweep.sbatch as shipped, without a SLURM cluster (setting one up from Debian's
 * slurm-wlm needs root daemons, munge keys and a node configuration: too much for a test run on a
 * shared machine). Submitting (the script run by hand, from a submit folder that is not the
 * checkout) must make logs/, plan the sweep, fit CHUNK to MaxArraySize and call sbatch with an
 * array and absolute paths; sbatch and scontrol are stand-ins on PATH that record the call and
 * report a MaxArraySize of 2. Then each array element runs the way SLURM runs it: a copy of the
 * script in a spool folder, another working folder, and the array variables set. The elements
 * together make the same merged tables as `sweep run`. */
Test(sweep, the_shipped_sbatch_script_submits_and_runs_its_array, .timeout = 300)
{
    char tmp[64], sweep[128], log[128], path[512], cwd[2048], cmd[16384];
    make_tmpdir(tmp, sizeof tmp);
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    snprintf(sweep, sizeof sweep, "%s/tiny.cfg", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    tiny_sweep(sweep);
    cr_assert_eq(run_llosim(log, "sweep run %s -o %s/plain " TINY, sweep, tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep merge %s/plain", tmp), 0);
    /* the submit folder: the binary at build/llosim as in a checkout, and the stand-ins */
    char abs_bin[4200];
    if (llosim_bin()[0] == '/') snprintf(abs_bin, sizeof abs_bin, "%s", llosim_bin());
    else snprintf(abs_bin, sizeof abs_bin, "%s/%s", cwd, llosim_bin());
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s/build %s/bin %s/spool && ln -s '%s' %s/build/llosim && "
             "printf '#!/bin/sh\\necho \"$@\" > %s/sbatch.args\\necho Submitted batch job 42\\n' > %s/bin/sbatch && "
             "printf '#!/bin/sh\\necho \"MaxArraySize            = 2\"\\n' > %s/bin/scontrol && chmod +x %s/bin/*",
             tmp, tmp, tmp, abs_bin, tmp, tmp, tmp, tmp, tmp);
    cr_assert_eq(system(cmd), 0);
    /* Submitting: 6 tasks in chunks of 2 would be 3 elements, more than MaxArraySize = 2. */
    snprintf(cmd, sizeof cmd,
             "cd %s && env -u SLURM_ARRAY_TASK_ID -u SLURM_SUBMIT_DIR -u LLOSIM PATH=%s/bin:$PATH LLOSIM_PACK=1 "
             "LLOSIM_SETS='" TINY_SETS "' bash '%s/scenarios/sweeps/sweep.sbatch' tiny.cfg out 2 >%s 2>&1",
             tmp, tmp, cwd, log);
    int st = system(cmd);
    char *out = slurp(log, NULL);
    cr_assert_eq(WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0, "submitting failed:\n%s", out);
    cr_assert(strstr(out, "MaxArraySize is 2: 3 tasks per element") && strstr(out, "6 tasks in 2 array elements"), "%s", out);
    free(out);
    snprintf(path, sizeof path, "%s/logs", tmp);
    cr_assert(path_exists(path), "submitting made no logs/ folder");
    snprintf(path, sizeof path, "%s/sbatch.args", tmp);
    char *args = slurp(path, NULL), want[8600];
    cr_assert_not_null(args, "sbatch was not called");
    snprintf(want, sizeof want, "--array=0-1 %s/scenarios/sweeps/sweep.sbatch %s/tiny.cfg %s/out 3\n", cwd, tmp, tmp);
    cr_assert_str_eq(args, want);
    free(args);
    /* Each element as SLURM runs it: a spooled copy, started elsewhere, with the array variables. */
    snprintf(cmd, sizeof cmd, "cp '%s/scenarios/sweeps/sweep.sbatch' %s/spool/slurm_script", cwd, tmp);
    cr_assert_eq(system(cmd), 0);
    for (int e = 0; e < 2; e++) {
        snprintf(cmd, sizeof cmd,
                 "cd / && env -u LLOSIM SLURM_ARRAY_TASK_ID=%d SLURM_ARRAY_JOB_ID=42 SLURM_JOB_ID=%d SLURM_SUBMIT_DIR=%s "
                 "SLURM_CPUS_PER_TASK=1 LLOSIM_PACK=1 LLOSIM_SETS='" TINY_SETS "' "
                 "bash %s/spool/slurm_script %s/tiny.cfg %s/out 3 >%s/logs/llosim-sweep-42_%d.out 2>&1",
                 e, 43 + e, tmp, tmp, tmp, tmp, tmp, e);
        st = system(cmd);
        snprintf(path, sizeof path, "%s/logs/llosim-sweep-42_%d.out", tmp, e);
        out = slurp(path, NULL);
        cr_assert_eq(WIFEXITED(st) ? WEXITSTATUS(st) : -1, 0, "element %d failed:\n%s", e, out);
        cr_assert(strstr(out, e ? "tasks 3-5: 3 done, 0 failed" : "tasks 0-2: 3 done, 0 failed"), "%s", out);
        free(out);
    }
    char a[128], b[128];
    snprintf(b, sizeof b, "%s/out", tmp);
    cr_assert_eq(count_packs(b, NULL, 0), 2, "one pack per array element");
    cr_assert_eq(run_llosim(log, "sweep merge %s/out", tmp), 0);
    snprintf(a, sizeof a, "%s/plain", tmp);
    assert_same_merge(a, b, "sweep.sbatch's array, packed");
    /* A bad chunk and a missing binary: exit 2 before anything is submitted. */
    snprintf(cmd, sizeof cmd, "cd %s && PATH=%s/bin:$PATH bash '%s/scenarios/sweeps/sweep.sbatch' tiny.cfg out2 0 >%s 2>&1",
             tmp, tmp, cwd, log);
    cr_assert_eq(WEXITSTATUS(system(cmd)), 2);
    snprintf(cmd, sizeof cmd,
             "cd %s && PATH=%s/bin:$PATH LLOSIM=/nonexistent bash '%s/scenarios/sweeps/sweep.sbatch' tiny.cfg out2 >%s 2>&1",
             tmp, tmp, cwd, log);
    cr_assert_eq(WEXITSTATUS(system(cmd)), 2);
    snprintf(path, sizeof path, "%s/out2", tmp);
    cr_assert(!path_exists(path));
    remove_tree(tmp);
}

static long file_size(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 ? (long)st.st_size : -1;
}

Test(sweep, killed_halfway_and_resumed_equals_a_straight_run, .timeout = 300)
{
    char tmp[64], sweep[128], log[128], path[256];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(sweep, sizeof sweep, "%s/tiny.cfg", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    tiny_sweep(sweep);
    cr_assert_eq(run_llosim(log, "sweep run %s -j 2 -o %s/straight " TINY, sweep, tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep merge %s/straight", tmp), 0);

    /* The kill: two tasks finished, a third left its files but no manifest. */
    cr_assert_eq(run_llosim(log, "sweep task %s --index 0 -o %s/resumed " TINY, sweep, tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep task %s --index 4 -o %s/resumed " TINY, sweep, tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep task %s --index 2 -o %s/resumed " TINY, sweep, tmp), 0);
    snprintf(path, sizeof path, "%s/resumed/tasks/p1-r1/manifest.json", tmp);
    cr_assert_eq(unlink(path), 0);
    cr_assert_eq(run_llosim(log, "sweep status %s/resumed", tmp), 1);
    char *text = slurp(log, NULL);
    cr_assert(strstr(text, "2 done, 0 failed, 4 missing"), "%s", text);
    free(text);
    cr_assert_eq(run_llosim(log, "sweep merge %s/resumed", tmp), 2, "merged a sweep with missing tasks");
    snprintf(path, sizeof path, "%s/resumed/merged.csv", tmp);
    cr_assert(!path_exists(path), "a refused merge wrote merged.csv");
    /* without --resume a folder with tasks is refused */
    cr_assert_eq(run_llosim(log, "sweep run %s -o %s/resumed " TINY, sweep, tmp), 2);
    cr_assert_eq(run_llosim(log, "sweep run %s -j 2 --resume -o %s/resumed " TINY, sweep, tmp), 0);
    text = slurp(log, NULL);
    cr_assert(strstr(text, "4 tasks run, 2 already done, 0 failed"), "%s", text);
    free(text);
    cr_assert_eq(run_llosim(log, "sweep merge %s/resumed", tmp), 0);
    char a[128], b[128];
    snprintf(a, sizeof a, "%s/straight", tmp);
    snprintf(b, sizeof b, "%s/resumed", tmp);
    assert_same_merge(a, b, "resumed");

    /* A damaged file fails its hash check: status says so, merge refuses, --resume reruns that
     * task alone. */
    snprintf(path, sizeof path, "%s/resumed/tasks/p2-r2/timeseries.csv", tmp);
    FILE *f = fopen(path, "r+");
    cr_assert_not_null(f);
    fseek(f, -3, SEEK_END);
    fputc('7', f);
    fclose(f);
    cr_assert_eq(run_llosim(log, "sweep status %s/resumed", tmp), 1);
    text = slurp(log, NULL);
    cr_assert(strstr(text, "task 5 (point 2, replicate 2)") && strstr(text, "fails its hash check"), "%s", text);
    free(text);
    cr_assert_eq(run_llosim(log, "sweep merge %s/resumed", tmp), 2);
    char manifest0[256];
    snprintf(manifest0, sizeof manifest0, "%s/resumed/tasks/p0-r1/manifest.json", tmp);
    char *before = slurp(manifest0, NULL);
    cr_assert_eq(run_llosim(log, "sweep run %s --resume -o %s/resumed " TINY, sweep, tmp), 0);
    text = slurp(log, NULL);
    cr_assert(strstr(text, "1 task run, 5 already done"), "%s", text);
    free(text);
    char *after = slurp(manifest0, NULL);
    cr_assert_str_eq(before, after, "a done task was rerun");
    free(before);
    free(after);
    cr_assert(file_size(path) > 0);
    cr_assert_eq(run_llosim(log, "sweep merge %s/resumed", tmp), 0);
    assert_same_merge(a, b, "resumed after a damaged file");
    remove_tree(tmp);
}

Test(sweep, a_failing_task_is_reported_while_the_others_finish, .timeout = 300)
{
    char tmp[64], sweep[128], log[128], path[256];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(sweep, sizeof sweep, "%s/tiny.cfg", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    tiny_sweep(sweep);
    cr_assert_eq(run_llosim(log, "sweep plan %s -o %s/s " TINY, sweep, tmp), 0);
    /* A file where task 2's folder should go: the task cannot write its outputs, whoever runs it. */
    snprintf(path, sizeof path, "%s/s/tasks/p1-r1", tmp);
    write_text(path, "in the way\n");
    cr_assert_eq(run_llosim(log, "sweep run %s -j 2 -o %s/s " TINY, sweep, tmp), 1);
    char *text = slurp(log, NULL);
    cr_assert(strstr(text, "task 2 failed"), "%s", text);
    cr_assert(strstr(text, "5 tasks run, 0 already done, 1 failed"), "%s", text);
    free(text);
    cr_assert_eq(run_llosim(log, "sweep status %s/s", tmp), 1);
    text = slurp(log, NULL);
    cr_assert(strstr(text, "5 done, 1 failed, 0 missing"), "%s", text);
    cr_assert(strstr(text, "failed: task 2 (point 1, replicate 1)"), "%s", text);
    free(text);
    cr_assert_eq(run_llosim(log, "sweep merge %s/s", tmp), 2);
    char merged[256];
    snprintf(merged, sizeof merged, "%s/s/merged.csv", tmp);
    cr_assert(!path_exists(merged));
    /* --partial merges what is there; point 1 has one replicate */
    cr_assert_eq(run_llosim(log, "sweep merge %s/s --partial", tmp), 0);
    snprintf(merged, sizeof merged, "%s/s/points.csv", tmp);
    text = slurp(merged, NULL);
    cr_assert(strstr(text, "\n1,") && strstr(text, ",,,1\n"), "%s", text);
    free(text);
    snprintf(merged, sizeof merged, "%s/s/manifest.json", tmp);
    text = slurp(merged, NULL);
    cr_assert(strstr(text, "\"partial\": true"), "%s", text);
    free(text);
    /* the way cleared, --resume finishes the sweep */
    cr_assert_eq(unlink(path), 0);
    cr_assert_eq(run_llosim(log, "sweep run %s --resume -o %s/s " TINY, sweep, tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep status %s/s", tmp), 0);
    remove_tree(tmp);
}

/* A task manifest emptied after a merge (a disk that filled, a copy that stopped): status calls
 * it empty, not "another sweep", and merge refuses while saying the earlier merge beside it,
 * kept byte for byte, is not current. */
Test(sweep, empty_task_manifest_and_an_earlier_merge, .timeout = 300)
{
    char tmp[64], sweep[128], log[128], path[256], merged[256], keep[256];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(sweep, sizeof sweep, "%s/tiny.cfg", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    tiny_sweep(sweep);
    cr_assert_eq(run_llosim(log, "sweep run %s -j 2 -o %s/s " TINY, sweep, tmp), 0);
    cr_assert_eq(run_llosim(log, "sweep merge %s/s", tmp), 0);
    snprintf(merged, sizeof merged, "%s/s/merged.csv", tmp);
    char *before = slurp(merged, NULL);
    snprintf(keep, sizeof keep, "%s/s/manifest.json", tmp);
    char *manifest_before = slurp(keep, NULL);
    snprintf(path, sizeof path, "%s/s/tasks/p1-r1/manifest.json", tmp);
    write_text(path, "%s", "");
    cr_assert_eq(run_llosim(log, "sweep status %s/s", tmp), 1);
    char *text = slurp(log, NULL);
    cr_expect(strstr(text, "p1-r1/manifest.json is empty; rerun the task"), "%s", text);
    cr_expect(!strstr(text, "another sweep"), "%s", text);
    free(text);
    cr_assert_eq(run_llosim(log, "sweep merge %s/s", tmp), 2);
    text = slurp(log, NULL);
    cr_expect(strstr(text, "are an earlier merge, kept as they were: they do not reflect the tasks as they are now"), "%s",
              text);
    free(text);
    char *after = slurp(merged, NULL), *manifest_after = slurp(keep, NULL);
    cr_expect_str_eq(after, before, "the earlier merged.csv changed");
    cr_expect_str_eq(manifest_after, manifest_before, "the earlier manifest changed");
    free(before);
    free(after);
    free(manifest_before);
    free(manifest_after);
    remove_tree(tmp);
}

Test(sweep, max_tasks_and_another_sweep_in_the_folder_are_refused, .timeout = 120)
{
    char tmp[64], sweep[128], log[128], out[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(sweep, sizeof sweep, "%s/big.cfg", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    write_sweep(sweep, "sampling = \"lhs\"; samples = 3;\nmax_tasks = 4;",
                "  { path = \"orchestrators.temporary_staff_share\"; min = 0.1; max = 0.7; }");
    cr_assert_eq(run_llosim(log, "sweep run %s -o %s " TINY, sweep, out), 2);
    char *text = slurp(log, NULL);
    cr_assert(strstr(text, "big.cfg:6: max_tasks: the sweep has 6 tasks (3 points x 2 replicates), more than max_tasks = 4"),
              "%s", text);
    free(text);
    cr_assert(!path_exists(out), "a refused sweep wrote its folder");
    cr_assert_eq(run_llosim(log, "sweep run %s -o %s --yes " TINY, sweep, out), 0);
    /* the same folder for a sweep with another seed */
    cr_assert_eq(run_llosim(log, "sweep run %s -o %s --yes --resume --seed 12 " TINY, sweep, out), 2);
    text = slurp(log, NULL);
    cr_assert(strstr(text, "holds another sweep"), "%s", text);
    free(text);
    remove_tree(tmp);
}

Test(sweep, broken_sweep_files_exit_2_and_write_nothing, .timeout = 300)
{
    char tmp[64];
    make_tmpdir(tmp, sizeof tmp);
    DIR *dir = opendir("tests/broken-sweep");
    cr_assert_not_null(dir);
    struct dirent *ent;
    int checked = 0;
    while ((ent = readdir(dir))) {
        size_t len = strlen(ent->d_name);
        if (len < 5 || strcmp(ent->d_name + len - 4, ".cfg") != 0) continue;
        char path[512], log[256], out[256];
        snprintf(path, sizeof path, "tests/broken-sweep/%s", ent->d_name);
        snprintf(log, sizeof log, "%s/log", tmp);
        snprintf(out, sizeof out, "%s/out-%d", tmp, checked);
        const char *cmds[] = {"plan", "run", "task --index 0"};
        for (int c = 0; c < 3; c++) {
            int rc = run_llosim(log, "sweep %s %s -q -o %s", cmds[c], path, out);
            cr_assert_eq(rc, 2, "sweep %s %s exited %d", cmds[c], path, rc);
            cr_assert(!path_exists(out), "%s left an output folder behind", path);
            char *text = slurp(log, NULL);
            cr_assert_not_null(text);
            assert_expectations(path, text);
            free(text);
        }
        checked++;
    }
    closedir(dir);
    cr_assert(checked >= 12, "only %d broken sweep files in the corpus", checked);
    remove_tree(tmp);
}

/* The shipped sweeps validate and plan, and every axis of a point reaches its scenario: the
 * resolved scenario of a task holds the point's value of each axis. */
Test(sweep, shipped_sweeps_plan_and_reach_the_scenario, .timeout = 300)
{
    char tmp[64], log[128], path[256];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    const char *sweep = "scenarios/sweeps/study-conditions.cfg";
    cr_assert_eq(run_llosim(log, "sweep plan %s -q -o %s/plan", sweep, tmp), 0);
    llo_sweep *sw = load(sweep);
    llo_sweep_plan pl;
    plan_of(sw, &pl);
    /* Point 1 moves one axis of the first trajectory; run it tiny and read its scenario back. */
    cr_assert_eq(run_llosim(log, "sweep task %s --index 1 -o %s/t " TINY, sweep, tmp), 0);
    snprintf(path, sizeof path, "%s/t/tasks/p1-r1/scenario.resolved.cfg", tmp);
    llo_scenario *s = calloc(1, sizeof *s);
    llo_diag *d = calloc(1, sizeof *d);
    cr_assert_eq(llo_scenario_load(s, path, NULL, 0, d), 0, "%s", d->count ? d->msg[0] : "?");
    const llo_params *p = &s->params;
    const double *v = &pl.value[1 * pl.axes];
    cr_assert_float_eq(p->agenda_growth, v[0], 1e-12);
    cr_assert_float_eq(p->agency[2], v[3], 1e-12, "employers' agency lost");
    cr_assert_float_eq(p->agency[4], v[4], 1e-12, "education's agency lost");
    cr_assert_float_eq(p->temporary_staff_share, v[5], 1e-12);
    cr_assert_eq(p->front_office, (int)llround(v[7]));
    cr_assert_float_eq(p->learning_budget_eur, v[9], 1e-6);
    free(s);
    free(d);
    llo_sweep_plan_free(&pl);
    free(sw);
    remove_tree(tmp);
}
