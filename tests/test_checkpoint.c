/* Checkpoints, resume and fork (issue 11): a restored world continues byte for byte as the
 * saved one would have; a resumed or forked run writes what the uninterrupted run writes; every
 * kind of bad checkpoint is refused with exit code 2 and nothing written. */
#include "testutil.h"
#include "fixture.h"
#include "sim/llosim.h"

#include <time.h>
#include <unistd.h>

static int llo_mkdir_p_for_test(const char *path)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s'", path);
    return system(cmd);
}

/* The state of a world as bytes: two worlds in the same state give the same snapshot. */
static void *snapshot(const llo_world *w, size_t *n)
{
    *n = llo_world_snapshot_size(w);
    void *buf = malloc(*n);
    char err[256];
    cr_assert(buf);
    cr_assert_eq(llo_world_snapshot(w, buf, *n, err, sizeof err), 0, "%s", err);
    return buf;
}

static void step_to(llo_world *w, int month)
{
    while (llo_world_month(w) < month) llo_world_step(w);
}

/* Restored into another world (allocated for another replicate), a snapshot at month 10
 * continues to the same state at month 24 as the world it was taken from, and the months in
 * between give the same indicators. */
Test(checkpoint, restore_continues_identically, .timeout = 300)
{
    const char *extra[] = {"timeline = ( { month = 12; set = \"workers.leave_rate\"; value = 0.05; },"
                           " { month = 8; shock = \"recession\"; months = 10; job_loss_factor = 1.5; job_finding_factor = 0.7; urgency = 0.2; collaboration = 0.5; },"
                           " { month = 11; shock = \"trust\"; delta = -0.1; } );"};
    llo_scenario *s = fixture_load(0.005, 24, extra, 1);
    char err[512];
    llo_world *a = llo_world_alloc(&s->params, 1, err, sizeof err);
    llo_world *b = llo_world_alloc(&s->params, 2, err, sizeof err);
    cr_assert(a && b, "%s", err);
    step_to(a, 10);
    size_t n;
    void *at10 = snapshot(a, &n);
    cr_assert_eq(llo_world_restore(b, at10, n, err, sizeof err), 0, "%s", err);
    cr_assert_eq(llo_world_month(b), 10);
    while (llo_world_month(a) < 24) {
        llo_world_step(a);
        llo_world_step(b);
        cr_assert_eq(memcmp(llo_world_stats(a), llo_world_stats(b), sizeof(llo_month_stats)), 0,
                     "month %d's indicators differ after a restore", llo_world_month(a) - 1);
    }
    size_t na, nb;
    void *sa = snapshot(a, &na), *sb = snapshot(b, &nb);
    cr_assert_eq(na, nb);
    cr_assert_eq(memcmp(sa, sb, na), 0, "the restored world's state at month 24 differs");
    cr_assert_eq(llo_world_check(b, err, sizeof err), 0, "%s", err);
    /* Rewinding the same world works too. */
    cr_assert_eq(llo_world_restore(a, at10, n, err, sizeof err), 0, "%s", err);
    step_to(a, 24);
    free(sb);
    sb = snapshot(a, &nb);
    cr_assert_eq(memcmp(sa, sb, na), 0, "a rewound world's state at month 24 differs");
    free(sa);
    free(sb);
    free(at10);
    llo_world_free(a);
    llo_world_free(b);
    free(s);
}

static const char *const outputs[] = {"timeseries.csv", "groups.csv", "network.csv", "scenario.resolved.cfg"};

static void assert_same_outputs(const char *a, const char *b)
{
    for (size_t k = 0; k < sizeof outputs / sizeof outputs[0]; k++) {
        char pa[4200], pb[4200];
        snprintf(pa, sizeof pa, "%s/%s", a, outputs[k]);
        snprintf(pb, sizeof pb, "%s/%s", b, outputs[k]);
        cr_assert(same_file(pa, pb), "%s differs between %s and %s", outputs[k], a, b);
    }
}

/* A shocked scenario whose recession (months 62-79) and trust shock straddle a checkpoint at
 * month 66, small and short. */
#define SHOCKED "scenarios/covid-crisis.cfg --scale 0.005 --months 84 --set run.burn_in_months=12"
#define BASELINE "scenarios/baseline.cfg --scale 0.005 --months 48 --set run.burn_in_months=12"

/* Copies the checkpoints of run folder `from` matching `glob` into a fresh folder `to`, as
 * a killed run would have left them. */
static void keep_checkpoints(const char *from, const char *to, const char *glob)
{
    char cmd[9000];
    snprintf(cmd, sizeof cmd, "mkdir -p '%s/checkpoints' && cp %s/checkpoints/%s '%s/checkpoints/'", to, from, glob, to);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
}

/* The test: a run equals the run checkpointed half-way and resumed, byte for byte, at
 * 1 and 2 threads, for the baseline and for a scenario with shocks across the checkpoint, with
 * two replicates (the second resumes with the first's rows carried in the checkpoint). */
Test(checkpoint, resume_equals_straight_run, .timeout = 900)
{
    char tmp[64], a[200], b[200], c[200];
    make_tmpdir(tmp, sizeof tmp);
    const char *scenario[] = {SHOCKED, BASELINE};
    const int at[] = {66, 24};
    for (int k = 0; k < 2; k++) {
        snprintf(a, sizeof a, "%s/straight%d", tmp, k);
        snprintf(b, sizeof b, "%s/checkpointed%d", tmp, k);
        cr_assert_eq(run_llosim(NULL, "run %s --replicates 2 --threads 2 -q -o %s", scenario[k], a), 0);
        cr_assert_eq(run_llosim(NULL, "run %s --replicates 2 --threads 1 -q -o %s --checkpoint-at %d", scenario[k], b, at[k]), 0);
        assert_same_outputs(a, b); /* writing checkpoints changes nothing */
        /* Replicate 1 resumed at 1 thread (then replicate 2 runs from the start), replicate 2 at
         * 2 threads (with replicate 1's rows from the checkpoint). */
        for (int rep = 1; rep <= 2; rep++) {
            char glob[64];
            snprintf(c, sizeof c, "%s/resumed%d-r%d", tmp, k, rep);
            snprintf(glob, sizeof glob, "replicate%d-month%d.ckpt", rep, at[k]);
            keep_checkpoints(b, c, glob);
            cr_assert_eq(run_llosim(NULL, "run --resume %s --threads %d -q", c, rep), 0);
            assert_same_outputs(a, c);
        }
    }
    remove_tree(tmp);
}

/* A fresh run into a folder that holds an earlier run's checkpoints removes them: they are not
 * listed in its manifest and a later --resume cannot pick up a history of another run. A run
 * into a folder without checkpoints leaves the earlier run's manifest until its own is written. */
Test(checkpoint, rerun_clears_earlier_checkpoints, .timeout = 300)
{
    char tmp[64], a[200], path[300];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(a, sizeof a, "%s/run", tmp);
    cr_assert_eq(run_llosim(NULL, "run " BASELINE " --months 12 -q -o %s --checkpoint-at 6", a), 0);
    snprintf(path, sizeof path, "%s/checkpoints/replicate1-month6.ckpt", a);
    cr_assert_eq(access(path, F_OK), 0, "the first run wrote no checkpoint");
    cr_assert_eq(run_llosim(NULL, "run " BASELINE " --months 12 -q -o %s", a), 0);
    cr_expect_neq(access(path, F_OK), 0, "the earlier run's checkpoint is still there");
    snprintf(path, sizeof path, "%s/manifest.json", a);
    char *m = slurp(path, NULL);
    cr_assert(m);
    cr_expect_null(strstr(m, "checkpoints"), "the manifest lists checkpoints the run did not write");
    free(m);
    remove_tree(tmp);
}

/* A run killed at a random moment, then resumed, writes what the straight run writes. */
Test(checkpoint, kill_then_resume, .timeout = 900)
{
    char tmp[64], a[200], b[200], cmd[9000];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(a, sizeof a, "%s/straight", tmp);
    snprintf(b, sizeof b, "%s/killed", tmp);
    cr_assert_eq(run_llosim(NULL, "run %s --replicates 2 -q -o %s", SHOCKED, a), 0);
    unsigned seed = (unsigned)time(NULL) ^ (unsigned)getpid();
    srand(seed);
    /* Killed once a first checkpoint is there, a random time later (in steps of 20 ms). */
    snprintf(cmd, sizeof cmd,
             "'%s' run %s --replicates 2 -q -o %s --checkpoint-every 6 & pid=$!; "
             "while [ ! -e %s/checkpoints/replicate1-month6.ckpt ] && kill -0 $pid 2>/dev/null; do sleep 0.02; done; "
             "sleep %d.%03d; kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null; exit 0",
             llosim_bin(), SHOCKED, b, b, rand() % 2, (rand() % 50) * 20);
    cr_assert_eq(system(cmd), 0);
    cr_assert_eq(run_llosim(NULL, "run --resume %s -q", b), 0, "resume failed (kill seed %u)", seed);
    assert_same_outputs(a, b);
    remove_tree(tmp);
}

/* A fork under the same settings is the straight run; a fork under a scenario whose timeline
 * adds a change at the fork month is that scenario's straight run. */
Test(checkpoint, fork_equals_straight_run, .timeout = 900)
{
    char tmp[64], a[200], b[200], c[200], alt[200], cwd[4096];
    make_tmpdir(tmp, sizeof tmp);
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    snprintf(alt, sizeof alt, "%s/alt.cfg", tmp);
    FILE *f = fopen(alt, "w");
    cr_assert_not_null(f);
    fprintf(f, "@include \"%s/scenarios/covid-crisis.cfg\"\nname = \"alt\";\n"
               "timeline = ( { month = 66; set = \"training.start_intercept\"; value = -3.0; },\n"
               "  { month = 62; shock = \"recession\"; months = 18; job_loss_factor = 1.4; job_finding_factor = 0.7;\n"
               "    urgency = 0.25; collaboration = 1.0; } );\n", cwd);
    fclose(f);
    snprintf(a, sizeof a, "%s/base", tmp);
    snprintf(b, sizeof b, "%s/fork-same", tmp);
    cr_assert_eq(run_llosim(NULL, "run %s --replicates 2 -q -o %s --checkpoint-at 66 --checkpoint-at 30", SHOCKED, a), 0);
    cr_assert_eq(run_llosim(NULL, "run %s --replicates 2 -q -o %s --from %s --fork-at 66", SHOCKED, b, a), 0);
    assert_same_outputs(a, b);
    snprintf(b, sizeof b, "%s/alt-straight", tmp);
    snprintf(c, sizeof c, "%s/alt-fork", tmp);
    char alt_run[400];
    snprintf(alt_run, sizeof alt_run, "%s --scale 0.005 --months 84 --set run.burn_in_months=12", alt);
    cr_assert_eq(run_llosim(NULL, "run %s --replicates 2 -q -o %s", alt_run, b), 0);
    cr_assert_eq(run_llosim(NULL, "run %s --replicates 2 -q -o %s --from %s --fork-at 66", alt_run, c, a), 0);
    assert_same_outputs(b, c);
    char pa[300], pb[300];
    snprintf(pa, sizeof pa, "%s/timeseries.csv", a);
    snprintf(pb, sizeof pb, "%s/timeseries.csv", b);
    cr_assert(!same_file(pa, pb), "the alternative changed nothing: the test would prove nothing");
    /* One replicate's checkpoint forks that replicate alone. */
    snprintf(c, sizeof c, "%s/alt-fork-one", tmp);
    cr_assert_eq(run_llosim(NULL, "run %s -q -o %s --from %s/checkpoints/replicate2-month66.ckpt", alt_run, c, a), 0);
    snprintf(pa, sizeof pa, "%s/timeseries.csv", c);
    size_t n;
    char *text = slurp(pa, &n);
    cr_assert(text && strstr(text, "\n2,") && !strstr(text, "\n1,"), "a fork of replicate 2 writes replicate 2's rows only");
    free(text);
    remove_tree(tmp);
}

/* compare --fork-at M writes what compare writes when the alternatives differ from M on. */
Test(checkpoint, forked_compare_equals_compare, .timeout = 900)
{
    char tmp[64], alt[200], cwd[4096], cmd[9000];
    make_tmpdir(tmp, sizeof tmp);
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    snprintf(alt, sizeof alt, "%s/alt.cfg", tmp);
    FILE *f = fopen(alt, "w");
    cr_assert_not_null(f);
    fprintf(f, "@include \"%s/scenarios/baseline.cfg\"\nname = \"alt\";\n"
               "timeline = ( { month = 24; set = \"training.start_intercept\"; value = -3.0; } );\n", cwd);
    fclose(f);
    const char *common = "--scale 0.005 --months 48 --set run.burn_in_months=12 --replicates 2 -q";
    cr_assert_eq(run_llosim(NULL, "compare scenarios/baseline.cfg %s %s -o %s/plain", alt, common, tmp), 0);
    cr_assert_eq(run_llosim(NULL, "compare scenarios/baseline.cfg %s %s -o %s/forked --fork-at 24", alt, common, tmp), 0);
    snprintf(cmd, sizeof cmd,
             "cd %s/plain && find . -type f ! -name manifest.json ! -name '*.ckpt' ! -name '*.html' | sort | xargs sha256sum > ../plain.sums && "
             "cd ../forked && find . -type f ! -name manifest.json ! -name '*.ckpt' ! -name '*.html' | sort | xargs sha256sum > ../forked.sums && "
             "cmp ../plain.sums ../forked.sums", tmp);
    cr_assert_eq(system(cmd), 0, "the forked compare's files differ from the plain compare's");
    /* A setting that cannot change mid-run refuses the fork before anything runs. */
    f = fopen(alt, "a");
    fprintf(f, "regions = { employed = [1000, 2000, 3000, 4000]; };\n");
    fclose(f);
    char log[300], out[300];
    snprintf(log, sizeof log, "%s/refused.log", tmp);
    snprintf(out, sizeof out, "%s/refused", tmp);
    cr_assert_eq(run_llosim(log, "compare scenarios/baseline.cfg %s %s -o %s --fork-at 24", alt, common, out), 2);
    char *text = slurp(log, NULL);
    cr_assert(text && strstr(text, "regions.employed cannot change mid-run"), "%s", text ? text : "");
    cr_assert(!path_exists(out), "a refused compare wrote %s", out);
    free(text);
    remove_tree(tmp);
}

/* Damages a copy of a checkpoint: `how` is "version", "truncate" or "corrupt". */
static void damage(const char *from, const char *to, const char *how)
{
    size_t n;
    char *data = slurp(from, &n);
    cr_assert(data && n > 1000);
    if (!strcmp(how, "version")) data[16] = '9'; /* the llosim version in the header */
    else if (!strcmp(how, "truncate")) n /= 2;
    else data[n / 2] ^= 0x20; /* one bit in the body */
    FILE *f = fopen(to, "wb");
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(data, 1, n, f), n);
    fclose(f);
    free(data);
}

/* Every kind of bad checkpoint gives exit code 2, a message naming the kind, and nothing
 * written: not by --resume, not by --from, not by the library. */
Test(checkpoint, bad_checkpoints_are_refused, .timeout = 900)
{
    char tmp[64], a[200], dir[300], path[400], log[300], good[400];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(a, sizeof a, "%s/run", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    cr_assert_eq(run_llosim(NULL, "run %s -q -o %s --checkpoint-at 24", BASELINE, a), 0);
    snprintf(good, sizeof good, "%s/checkpoints/replicate1-month24.ckpt", a);
    const char *kinds[] = {"version", "truncate", "corrupt"};
    const char *says[] = {"checkpoint of another version", "truncated checkpoint", "corrupted checkpoint"};
    for (int k = 0; k < 3; k++) {
        snprintf(dir, sizeof dir, "%s/%s", tmp, kinds[k]);
        snprintf(path, sizeof path, "%s/checkpoints", dir);
        cr_assert_eq(llo_mkdir_p_for_test(path), 0);
        snprintf(path, sizeof path, "%s/checkpoints/replicate1-month24.ckpt", dir);
        damage(good, path, kinds[k]);
        cr_assert_eq(run_llosim(log, "run --resume %s -q", dir), 2, "resume from a %s checkpoint", kinds[k]);
        char *text = slurp(log, NULL);
        cr_assert(text && strstr(text, says[k]), "resume from a %s checkpoint says: %s", kinds[k], text ? text : "");
        free(text);
        char out[400];
        snprintf(out, sizeof out, "%s/timeseries.csv", dir);
        cr_assert(!path_exists(out), "a refused resume wrote %s", out);
        snprintf(out, sizeof out, "%s/fork-%s", tmp, kinds[k]);
        cr_assert_eq(run_llosim(log, "run %s -q -o %s --from %s", BASELINE, out, path), 2);
        text = slurp(log, NULL);
        cr_assert(text && strstr(text, says[k]), "a fork from a %s checkpoint says: %s", kinds[k], text ? text : "");
        free(text);
        cr_assert(!path_exists(out), "a refused fork wrote %s", out);
        char err[512];
        llo_world *w = llo_world_load(path, err, sizeof err);
        cr_assert_null(w, "the library loaded a %s checkpoint", kinds[k]);
        cr_assert(strstr(err, says[k]), "llo_world_load says: %s", err);
    }
    /* A checkpoint of another scenario: resumed with a scenario that differs. */
    cr_assert_eq(run_llosim(log, "run %s -q --resume %s --set workers.leave_rate=0.05", BASELINE, a), 2);
    char *text = slurp(log, NULL);
    cr_assert(text && strstr(text, "scenario mismatch") && strstr(text, "leave_rate"), "%s", text ? text : "");
    free(text);
    /* Nor may a fork change what cannot change mid-run. */
    snprintf(dir, sizeof dir, "%s/fork-mismatch", tmp);
    cr_assert_eq(run_llosim(log, "run %s -q -o %s --from %s --set run.seed=7", BASELINE, dir, good), 2);
    text = slurp(log, NULL);
    cr_assert(text && strstr(text, "run.seed cannot change mid-run"), "%s", text ? text : "");
    free(text);
    cr_assert(!path_exists(dir));
    /* No checkpoint at all. */
    snprintf(dir, sizeof dir, "%s/empty", tmp);
    cr_assert_eq(llo_mkdir_p_for_test(dir), 0);
    cr_assert_eq(run_llosim(log, "run --resume %s -q", dir), 2);
    remove_tree(tmp);
}

/* On disk through the library: a saved world loads and continues as the original. */
Test(checkpoint, save_and_load, .timeout = 300)
{
    llo_scenario *s = fixture_load(0.005, 24, NULL, 0);
    char err[512], tmp[64], path[200];
    make_tmpdir(tmp, sizeof tmp);
    llo_world *a = llo_world_alloc(&s->params, 3, err, sizeof err);
    cr_assert(a, "%s", err);
    step_to(a, 6);
    cr_assert_eq(llo_world_save(a, tmp, "w.ckpt", err, sizeof err), 0, "%s", err);
    snprintf(path, sizeof path, "%s/w.ckpt", tmp);
    llo_world *b = llo_world_load(path, err, sizeof err);
    cr_assert(b, "%s", err);
    step_to(a, 18);
    step_to(b, 18);
    size_t na, nb;
    void *sa = snapshot(a, &na), *sb = snapshot(b, &nb);
    cr_assert(na == nb && memcmp(sa, sb, na) == 0, "a loaded world went another way");
    /* A snapshot does not restore into a world of another size. */
    llo_scenario *bigger = fixture_load(0.006, 24, NULL, 0);
    llo_world *c = llo_world_alloc(&bigger->params, 1, err, sizeof err);
    cr_assert(c, "%s", err);
    cr_assert_eq(llo_world_restore(c, sa, na, err, sizeof err), -1);
    cr_assert(strstr(err, "not the same scenario"), "%s", err);
    free(sa);
    free(sb);
    llo_world_free(a);
    llo_world_free(b);
    llo_world_free(c);
    free(s);
    free(bigger);
    remove_tree(tmp);
}

/* A sweep with `from` starts every point from the checkpointed present: its rows before the
 * checkpoint are the base run's in every point, and the point that keeps the base's settings
 * continues exactly as the base run did. */
Test(checkpoint, sweep_from_checkpoint, .timeout = 900)
{
    char tmp[64], cwd[4096], path[300], cmd[9000];
    make_tmpdir(tmp, sizeof tmp);
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    cr_assert_eq(run_llosim(NULL, "run %s --replicates 2 -q -o %s/base --checkpoint-at 24", BASELINE, tmp), 0);
    /* The baseline's own intercept, as the second point, written as the resolved scenario
     * writes it (%.17g reads back to the same double). */
    llo_scenario *base = calloc(1, sizeof *base);
    static llo_diag d;
    cr_assert(base && llo_scenario_load(base, "scenarios/baseline.cfg", NULL, 0, &d) == 0);
    double intercept = base->params.start_intercept;
    free(base);
    snprintf(path, sizeof path, "%s/s.cfg", tmp);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    fprintf(f, "scenario = \"%s/scenarios/baseline.cfg\";\nname = \"from\";\nreplicates = 2;\nscale = 0.005;\n"
               "months = 48;\nburn_in_months = 12;\nsampling = \"values\";\nfrom = \"base\";\nfrom_month = 24;\n"
               "axes = ( { path = \"training.start_intercept\"; values = [-3.0, %.17g]; } );\n"
               "indicators = [\"course_starts\"];\n", cwd, intercept);
    fclose(f);
    cr_assert_eq(run_llosim(NULL, "sweep run %s -o %s/sweep -q", path, tmp), 0);
    /* Columns replicate, month, date, region, course_starts of the base run's replicate 2. */
    snprintf(cmd, sizeof cmd,
             "cd %s && awk -F, 'NR==1{for(i=1;i<=NF;i++) if($i==\"course_starts\") c=i; print $1\",\"$2\",\"$3\",\"$4\",\"$c; next} "
             "$1==2{print $1\",\"$2\",\"$3\",\"$4\",\"$c}' base/timeseries.csv > base2.csv && "
             "cmp base2.csv sweep/tasks/p1-r2/timeseries.csv && "
             "head -n 97 sweep/tasks/p0-r2/timeseries.csv > p0.head && head -n 97 base2.csv > base.head && cmp p0.head base.head && "
             "! cmp -s sweep/tasks/p0-r2/timeseries.csv base2.csv", tmp);
    cr_assert_eq(system(cmd), 0, "the sweep's points do not start from the base run's present");
    remove_tree(tmp);
}
