/* The calibrator: it recovers a known parameter value from the moments that value produces; its
 * objective is a deterministic function of the parameters (common random numbers); the fitted
 * scenario passes `llosim check` and a run of it writes the moments the calibration reported;
 * its log does not depend on the thread count; broken calibration files are refused with
 * file:line messages and exit code 2, writing nothing; the shipped calibrations validate. */
#include <dirent.h>
#include <math.h>
#include <unistd.h>

#include "analysis/calibration/calibrate.h"
#include "sim/llosim.h"
#include "sim/output.h"
#include "testutil.h"

static void write_text(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

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

/* A scenario in dir: the quick scenario, tiny, with the start intercept given. */
static void write_scenario(const char *path, double intercept)
{
    char cwd[4096];
    cr_assert_not_null(getcwd(cwd, sizeof cwd));
    write_text(path,
               "@include \"%s/scenarios/quick.cfg\"\n"
               "training = { start_intercept = %.17g; };\n",
               cwd, intercept);
}

static llo_calibration *load_calibration(const char *path)
{
    llo_calibration *c = calloc(1, sizeof *c);
    llo_diag *d = calloc(1, sizeof *d);
    cr_assert_not_null(c);
    int rc = llo_calibration_load(c, path, d);
    cr_assert_eq(rc, 0, "%s: %s", path, d->count ? d->msg[0] : "?");
    free(d);
    return c;
}

/* The targets of the recovery and determinism tests, with their values. */
static void write_recovery_calib(const char *path, const char *scenario, const double *t, int max_evaluations)
{
    write_text(path,
               "scenario = \"%s\";\n"
               "scale = 0.003; months = 36; replicates = 1; seed = 20211L;\n"
               "average_last_months = 24;\n"
               "parameters = ( { path = \"training.start_intercept\"; min = -7.0; max = -1.0; } );\n"
               "targets = (\n"
               "  { indicator = \"participation_24m_employed\"; target = %.17g; },\n"
               "  { indicator = \"participation_24m\"; dimension = \"education\"; group = \"high\"; target = %.17g; },\n"
               "  { indicator = \"course_starts\"; target = %.17g; }\n"
               ");\n"
               "max_evaluations = %d;\n",
               scenario, t[0], t[1], t[2], max_evaluations);
}

Test(calibrate, recovers_a_known_parameter, .timeout = 600)
{
    char tmp[64], scen[128], calib[128], out[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(scen, sizeof scen, "%s/start.cfg", tmp);
    snprintf(calib, sizeof calib, "%s/recover.calib", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    /* The truth: the moments at intercept -3.5. */
    write_scenario(scen, -5.0);
    double ones[3] = {1, 1, 1}, truth[3], j;
    write_recovery_calib(calib, "start.cfg", ones, 60);
    llo_calibration *c = load_calibration(calib);
    char err[512];
    double x = -3.5;
    cr_assert_eq(llo_calibration_evaluate(c, &x, truth, &j, err, sizeof err), 0, "%s", err);
    free(c);
    for (int t = 0; t < 3; t++) cr_assert(isfinite(truth[t]) && truth[t] > 0, "moment %d is %g", t, truth[t]);

    /* Fitted from -5.0 to those moments. */
    write_recovery_calib(calib, "start.cfg", truth, 60);
    c = load_calibration(calib);
    cr_assert_float_eq(c->params[0].initial, -5.0, 1e-12);
    llo_calibrate_options o = {.out_dir = out, .threads = 1};
    llo_calibrate_result *r = calloc(1, sizeof *r);
    llo_diag *d = calloc(1, sizeof *d);
    cr_assert_eq(llo_calibrate(c, &o, r, d), 0, "%s", d->count ? d->msg[0] : "?");
    cr_log_info("recovery: -5.0 -> %.6f (truth -3.5), objective %.6g -> %.6g in %d evaluations (%s)", r->best_x[0],
                r->start_objective, r->best_objective, r->evaluations, r->stop);
    cr_assert_float_eq(r->start_x[0], -5.0, 1e-9);
    cr_assert(r->evaluations <= 60 + 3, "%d evaluations for a budget of 60", r->evaluations);
    cr_assert(r->best_objective < r->start_objective, "objective %g -> %g", r->start_objective, r->best_objective);
    cr_assert(fabs(r->best_x[0] - -3.5) < 0.1, "fitted %.6f, truth -3.5 (%s)", r->best_x[0], r->stop);
    cr_assert(r->best_objective < 1e-3, "objective at the fit %g", r->best_objective);
    char path[256];
    snprintf(path, sizeof path, "%s/manifest.json", out);
    cr_assert(path_exists(path));
    free(r);
    free(d);
    free(c);
    remove_tree(tmp);
}

Test(calibrate, objective_is_deterministic, .timeout = 600)
{
    char tmp[64], scen[128], calib[128], err[512];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(scen, sizeof scen, "%s/start.cfg", tmp);
    snprintf(calib, sizeof calib, "%s/det.calib", tmp);
    write_scenario(scen, -3.9);
    double t[3] = {0.5, 0.6, 30};
    write_recovery_calib(calib, "start.cfg", t, 20);
    llo_calibration *c = load_calibration(calib);
    double x = -4.2, m1[3], m2[3], j1, j2, m3[3], j3;
    cr_assert_eq(llo_calibration_evaluate(c, &x, m1, &j1, err, sizeof err), 0, "%s", err);
    cr_assert_eq(llo_calibration_evaluate(c, &x, m2, &j2, err, sizeof err), 0, "%s", err);
    /* The same bits, not just close: the same draws were used. */
    cr_assert(memcmp(&j1, &j2, sizeof j1) == 0, "%.17g != %.17g", j1, j2);
    cr_assert(memcmp(m1, m2, sizeof m1) == 0);
    /* The objective is what calibrate.h says it is: relative squared deviations. */
    double want = 0;
    for (int k = 0; k < 3; k++) want += pow((m1[k] - t[k]) / t[k], 2);
    cr_assert_float_eq(j1, want, 1e-12 * (1 + want));
    /* And the parameter acts: a higher intercept, more training. */
    x = -3.0;
    cr_assert_eq(llo_calibration_evaluate(c, &x, m3, &j3, err, sizeof err), 0, "%s", err);
    cr_assert(m3[0] > m1[0] && m3[2] > m1[2], "participation %g -> %g", m1[0], m3[0]);
    free(c);
    remove_tree(tmp);
}

/* ---- reading the files a run writes ---- */

/* Index of a column in a CSV header line, or -1. */
static int column_index(const char *header, const char *name)
{
    int k = 0;
    size_t n = strlen(name);
    for (const char *p = header;; k++) {
        const char *end = strpbrk(p, ",\n");
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len == n && strncmp(p, name, n) == 0) return k;
        if (!end || *end == '\n') return -1;
        p = end + 1;
    }
}

/* Field k of a CSV line, copied into out. */
static void field(const char *line, int k, char *out, size_t n)
{
    for (int i = 0; i < k && line; i++) {
        line = strchr(line, ',');
        if (line) line++;
    }
    size_t len = line ? strcspn(line, ",\n") : 0;
    snprintf(out, n, "%.*s", (int)(len < n ? len : n - 1), line ? line : "");
}

/* Mean of a timeseries.csv column over the rows of a region from month `from` on. */
static double timeseries_mean(const char *path, const char *column, const char *region, int from)
{
    char *text = slurp(path, NULL);
    cr_assert_not_null(text, "%s", path);
    int col = column_index(text, column), month_col = column_index(text, "month"),
        region_col = column_index(text, "region");
    cr_assert(col >= 0 && month_col >= 0 && region_col >= 0, "%s lacks %s", path, column);
    double sum = 0;
    int n = 0;
    for (char *line = strchr(text, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        char m[32], r[64], v[64];
        field(line + 1, month_col, m, sizeof m);
        field(line + 1, region_col, r, sizeof r);
        field(line + 1, col, v, sizeof v);
        if (atoi(m) < from || strcmp(r, region) != 0 || !*v) continue;
        sum += atof(v);
        n++;
    }
    free(text);
    cr_assert(n > 0);
    return sum / n;
}

/* Mean of a groups.csv indicator of a group from month `from` on. */
static double groups_mean(const char *path, const char *dimension, const char *group, const char *indicator, int from)
{
    char *text = slurp(path, NULL);
    cr_assert_not_null(text, "%s", path);
    double sum = 0;
    int n = 0;
    for (char *line = strchr(text, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        char m[32], dim[64], grp[64], ind[64], v[64];
        field(line + 1, 1, m, sizeof m);
        field(line + 1, 2, dim, sizeof dim);
        field(line + 1, 3, grp, sizeof grp);
        field(line + 1, 4, ind, sizeof ind);
        field(line + 1, 5, v, sizeof v);
        if (atoi(m) < from || strcmp(dim, dimension) || strcmp(grp, group) || strcmp(ind, indicator) || !*v) continue;
        sum += atof(v);
        n++;
    }
    free(text);
    cr_assert(n > 0);
    return sum / n;
}

/* The row of calibration.csv with the lowest objective (the first of equals), split into numbers. */
static int best_row(const char *path, double *values, int max, int objective_col)
{
    char *text = slurp(path, NULL);
    cr_assert_not_null(text, "%s", path);
    double best = INFINITY;
    int n_fields = 0;
    for (char *line = strchr(text, '\n'); line && line[1]; line = strchr(line + 1, '\n')) {
        double row[64];
        int k = 0;
        for (char *p = line + 1; k < max && k < 64; k++) {
            row[k] = *p == ',' || *p == '\n' ? NAN : strtod(p, NULL);
            p = strpbrk(p, ",\n");
            if (!p || *p == '\n') { k++; break; }
            p++;
        }
        if (row[objective_col] < best) {
            best = row[objective_col];
            memcpy(values, row, sizeof(double) * (size_t)k);
            n_fields = k;
        }
    }
    free(text);
    return n_fields;
}

/* A calibration with a list element, a regional column, a group indicator and a ratio, over two
 * replicates: the fitted scenario must pass check, change nothing but the fitted values, and
 * reproduce every reported moment when run. */
Test(calibrate, fitted_scenario_reproduces_the_moments, .timeout = 600)
{
    char tmp[64], scen[128], calib[128], out[128], log[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(scen, sizeof scen, "%s/start.cfg", tmp);
    snprintf(calib, sizeof calib, "%s/repro.calib", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    write_scenario(scen, -3.9);
    write_text(calib,
               "scenario = \"start.cfg\";\n"
               "scale = 0.003; months = 30; replicates = 2; seed = 7;\n"
               "average_last_months = 12;\n"
               "parameters = (\n"
               "  { path = \"training.start_intercept\"; min = -7.0; max = -1.0; },\n"
               "  { path = \"training.start_education\"; index = 2; min = -1.0; max = 3.0; }\n"
               ");\n"
               "targets = (\n"
               "  { indicator = \"participation_24m_employed\"; region = \"Zuidoost-Brabant\"; target = 0.5; },\n"
               "  { indicator = \"participation_24m\"; dimension = \"education\"; group = \"high\"; target = 0.62; },\n"
               "  { indicator = \"ratio\"; name = \"large_over_small\";\n"
               "    numerator = { indicator = \"participation_24m\"; dimension = \"firm_size\"; group = \"250+\"; };\n"
               "    denominator = { indicator = \"participation_24m\"; dimension = \"firm_size\"; group = \"1-9\"; };\n"
               "    target = 1.55; }\n"
               ");\n"
               "max_evaluations = 8;\n");
    cr_assert_eq(run_llosim(log, "calibrate %s -q --threads 1 -o %s", calib, out), 0);
    char fitted[256], csv[256];
    snprintf(fitted, sizeof fitted, "%s/calibrated.cfg", out);
    snprintf(csv, sizeof csv, "%s/calibration.csv", out);
    cr_assert_eq(run_llosim(log, "check %s", fitted), 0, "calibrated.cfg fails check");

    /* Only the fitted values differ from the scenario, and they are the best evaluation's. */
    double best[16];
    int n = best_row(csv, best, 16, 3);
    cr_assert_eq(n, 7, "calibration.csv row has %d fields", n);
    llo_scenario *a = calloc(1, sizeof *a), *b = calloc(1, sizeof *b);
    llo_diag *d = calloc(1, sizeof *d);
    cr_assert_eq(llo_scenario_load(a, scen, NULL, 0, d), 0);
    cr_assert_eq(llo_scenario_load(b, fitted, NULL, 0, d), 0, "%s", d->msg[0]);
    cr_assert_eq(b->params.start_intercept, best[1]);
    cr_assert_eq(b->params.start_education[2], best[2]);
    cr_assert_eq(b->params.start_education[0], a->params.start_education[0]);
    cr_assert_eq(b->params.start_education[1], a->params.start_education[1]);
    b->params.start_intercept = a->params.start_intercept;
    b->params.start_education[2] = a->params.start_education[2];
    memcpy(b->params.name, a->params.name, sizeof a->params.name);
    cr_assert(memcmp(&a->params, &b->params, sizeof a->params) == 0, "calibrated.cfg changes more than the fit");

    /* The command the header gives reproduces the moments. */
    char *text = slurp(fitted, NULL);
    char *at = strstr(text, "# Reproduce the achieved moments");
    cr_assert_not_null(at);
    at = strstr(at, "\n#   ");
    cr_assert_not_null(at);
    at += 5;
    char cmd[2048], run_dir[256];
    snprintf(run_dir, sizeof run_dir, "%s/run", tmp);
    snprintf(cmd, sizeof cmd, "%.*s -q -o %s >%s 2>&1", (int)strcspn(at, "\n"), at, run_dir, log);
    free(text);
    cr_assert_eq(system(cmd), 0, "%s", cmd);
    char ts[320], gr[320];
    snprintf(ts, sizeof ts, "%s/timeseries.csv", run_dir);
    snprintf(gr, sizeof gr, "%s/groups.csv", run_dir);
    int from = 30 - 12;
    double m0 = timeseries_mean(ts, "participation_24m_employed", "Zuidoost-Brabant", from);
    double m1 = groups_mean(gr, "education", "high", "participation_24m", from);
    double m2 = groups_mean(gr, "firm_size", "250+", "participation_24m", from) /
                groups_mean(gr, "firm_size", "1-9", "participation_24m", from);
    /* The files hold six decimals; the calibration computed with every digit. */
    cr_assert(fabs(m0 - best[4]) < 1e-6, "regional moment: run %.9f, calibration %.9f", m0, best[4]);
    cr_assert(fabs(m1 - best[5]) < 1e-6, "group moment: run %.9f, calibration %.9f", m1, best[5]);
    cr_assert(fabs(m2 - best[6]) < 1e-5, "ratio: run %.9f, calibration %.9f", m2, best[6]);
    free(a);
    free(b);
    free(d);
    remove_tree(tmp);
}

Test(calibrate, log_is_the_same_at_any_thread_count, .timeout = 600)
{
    char tmp[64], scen[128], calib[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(scen, sizeof scen, "%s/start.cfg", tmp);
    snprintf(calib, sizeof calib, "%s/threads.calib", tmp);
    write_scenario(scen, -4.5);
    double t[3] = {0.5, 0.62, 25};
    write_recovery_calib(calib, "start.cfg", t, 8);
    for (int threads = 1; threads <= 2; threads++)
        cr_assert_eq(run_llosim(NULL, "calibrate %s -q --threads %d -o %s/t%d", calib, threads, tmp, threads), 0);
    char a[128], b[128];
    snprintf(a, sizeof a, "%s/t1/calibration.csv", tmp);
    snprintf(b, sizeof b, "%s/t2/calibration.csv", tmp);
    cr_assert(same_file(a, b), "calibration.csv differs between 1 and 2 threads");
    remove_tree(tmp);
}

Test(calibrate, broken_calibration_files_exit_2_and_write_nothing, .timeout = 600)
{
    char tmp[64];
    make_tmpdir(tmp, sizeof tmp);
    DIR *dir = opendir("tests/broken-calib");
    cr_assert_not_null(dir);
    struct dirent *ent;
    int checked = 0;
    while ((ent = readdir(dir))) {
        size_t len = strlen(ent->d_name);
        if (len < 7 || strcmp(ent->d_name + len - 6, ".calib") != 0) continue;
        char path[512], log[256], out[256];
        snprintf(path, sizeof path, "tests/broken-calib/%s", ent->d_name);
        snprintf(log, sizeof log, "%s/log", tmp);
        snprintf(out, sizeof out, "%s/out-%d", tmp, checked);
        for (int check = 0; check < 2; check++) {
            int rc = run_llosim(log, "calibrate %s %s -q -o %s", check ? "--check" : "", path, out);
            cr_assert_eq(rc, 2, "calibrate %s%s exited %d", check ? "--check " : "", path, rc);
            cr_assert(!path_exists(out), "%s left an output folder behind", path);
            char *text = slurp(log, NULL);
            cr_assert_not_null(text);
            cr_assert(strstr(text, ".calib:") || strstr(text, ".cfg:"), "%s: no file named in: %s", path, text);
            assert_expectations(path, text);
            free(text);
        }
        checked++;
    }
    closedir(dir);
    cr_assert(checked >= 20, "only %d broken calibration files in the corpus", checked);
    remove_tree(tmp);
}

Test(calibrate, bad_options_exit_2, .timeout = 120)
{
    char tmp[64], log[128], out[128], scen[128], calib[128];
    make_tmpdir(tmp, sizeof tmp);
    snprintf(log, sizeof log, "%s/log", tmp);
    snprintf(out, sizeof out, "%s/out", tmp);
    snprintf(scen, sizeof scen, "%s/start.cfg", tmp);
    snprintf(calib, sizeof calib, "%s/two.calib", tmp);
    write_scenario(scen, -3.9);
    write_text(calib, "scenario = \"start.cfg\"; scale = 0.003; months = 12;\n"
                      "parameters = ( { path = \"training.start_intercept\"; min = -7.0; max = -1.0; },\n"
                      "               { path = \"training.start_jobseeker\"; min = -4.0; max = 1.0; } );\n"
                      "targets = ( { indicator = \"participation_24m_employed\"; target = 0.5; } );\n");
    const char *bad[] = {"--max-evaluations 0", "--max-evaluations x", "--threads 0", "--bogus", "",
                         "--max-evaluations 2"};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        cr_assert_eq(run_llosim(log, "calibrate %s %s -q -o %s", k == 4 ? "" : calib, bad[k], out), 2, "'%s'", bad[k]);
        cr_assert(!path_exists(out), "'%s' wrote output", bad[k]);
    }
    /* A folder that cannot take the results is refused before the search (issue 15). */
    const char *bad_out[] = {"/dev/null", "/proc", calib};
    for (size_t k = 0; k < sizeof bad_out / sizeof bad_out[0]; k++) {
        cr_assert_eq(run_llosim(log, "calibrate %s -q -o %s", calib, bad_out[k]), 2, "-o %s", bad_out[k]);
        char *said = slurp(log, NULL);
        cr_expect(said && strstr(said, "llosim: -o: "), "-o %s: %s", bad_out[k], said);
        free(said);
    }
    cr_assert_eq(run_llosim(log, "calibrate %s %s -q -o %s", calib, bad[5], out), 2);
    /* two parameters need three evaluations for the first simplex */
    char *text = slurp(log, NULL);
    cr_assert_not_null(strstr(text, "--max-evaluations: 2 is fewer than the 3"), "got: %s", text);
    free(text);
    remove_tree(tmp);
}

Test(calibrate, shipped_calibrations_validate, .timeout = 120)
{
    DIR *dir = opendir("scenarios/calibration");
    cr_assert_not_null(dir);
    struct dirent *ent;
    int n = 0;
    while ((ent = readdir(dir))) {
        size_t len = strlen(ent->d_name);
        if (len < 7 || strcmp(ent->d_name + len - 6, ".calib") != 0) continue;
        cr_assert_eq(run_llosim(NULL, "calibrate --check scenarios/calibration/%s", ent->d_name), 0, "%s", ent->d_name);
        n++;
    }
    closedir(dir);
    cr_assert(n >= 1);
}

/* The calibrated baseline reproduces the public figures (docs/model.md section 11) within the issue's
 * tolerances, at the settings it was fitted at (1:33, two replicates, means over the last
 * five years): a change to the model that breaks the fit fails here and calls for
 * `llosim calibrate scenarios/calibration/baseline.calib` again. */
Test(calibrate, baseline_reproduces_the_figures, .timeout = 900)
{
    const char *sets[] = {"run.scale=0.03", "run.months=84", "run.replicates=2"};
    llo_scenario *s = calloc(1, sizeof *s);
    llo_diag *d = calloc(1, sizeof *d);
    cr_assert_eq(llo_scenario_load(s, "scenarios/baseline.cfg", sets, 3, d), 0, "%s", d->msg[0]);
    const char *names[] = {"participation_24m_employed", "participation_24m_unemployed", "never_trained_employed",
                           "employer_training_spend_share"};
    double sum[4] = {0}, group_sum[LLO_N_GROUPS] = {0};
    int n = 0;
    char err[512];
    for (int rep = 1; rep <= s->params.replicates; rep++) {
        llo_world *w = llo_world_alloc(&s->params, rep, err, sizeof err);
        cr_assert_not_null(w, "%s", err);
        while (llo_world_month(w) < s->params.months) {
            llo_world_step(w);
            const llo_month_stats *st = llo_world_stats(w);
            if (st->month < s->params.months - 60) continue;
            for (int k = 0; k < 4; k++) {
                llo_moment m = {llo_timeseries_column_find(names[k]), -1, 0, 0};
                sum[k] += llo_moment_value(&m, &s->params, st);
            }
            for (int g = 0; g < LLO_N_GROUPS; g++) {
                llo_moment m = {-1, -1, g, llo_group_indicator_find("participation_24m")};
                group_sum[g] += llo_moment_value(&m, &s->params, st);
            }
            n++;
        }
        llo_world_free(w);
    }
    double employed = sum[0] / n, jobseekers = sum[1] / n, never = sum[2] / n, spend = sum[3] / n;
    double g[LLO_N_GROUPS];
    for (int k = 0; k < LLO_N_GROUPS; k++) g[k] = group_sum[k] / n;
    cr_expect(fabs(employed - 0.50) <= 0.03, "employed participation %.3f, target 0.50 +- 0.03", employed);
    cr_expect(fabs(jobseekers - 0.20) <= 0.03, "job seekers' participation %.3f, target 0.20 +- 0.03", jobseekers);
    cr_expect(never >= 0.20 && never <= 0.25, "never trained %.3f, target 0.20-0.25", never);
    cr_expect(fabs(spend - 0.010) <= 0.002, "employer spend share %.4f, target 0.010 +- 0.002", spend);
    int low = llo_group_find("education", "low"), high = llo_group_find("education", "high");
    int perm = llo_group_find("contract", "permanent"), temp = llo_group_find("contract", "temporary");
    int big = llo_group_find("firm_size", "250+"), small = llo_group_find("firm_size", "1-9");
    cr_expect(fabs(g[low] - 0.30) <= 0.05, "low-educated %.3f, near 0.30", g[low]);
    cr_expect(fabs(g[high] - 0.62) <= 0.08, "high-educated %.3f, near 0.62", g[high]);
    cr_expect(g[low] < g[low + 1] && g[low + 1] < g[high], "participation rises with education");
    cr_expect(fabs(g[perm] - 0.56) <= 0.05, "permanent %.3f, near 0.56", g[perm]);
    cr_expect(g[temp] >= 0.33 && g[temp] <= 0.43, "temporary %.3f, between 0.33 and 0.43", g[temp]);
    double ratio = g[big] / g[small];
    cr_expect(ratio >= 1.4 && ratio <= 1.7, "250+ over 1-9: %.2f, between 1.4 and 1.7", ratio);
    free(s);
    free(d);
}

/* Validation, 2013-2020: job design falls from about 0.30 to about 0.22 by 2020 while employed
 * participation stays near 0.50 (docs/model.md section 11), at 1:50. */
Test(calibrate, validation_2013_2020, .timeout = 900)
{
    char tmp[64], path[256];
    make_tmpdir(tmp, sizeof tmp);
    cr_assert_eq(run_llosim(NULL, "run scenarios/validation-2013-2020.cfg --scale 0.02 -q -o %s/v", tmp), 0);
    snprintf(path, sizeof path, "%s/v/timeseries.csv", tmp);
    FILE *in = fopen(path, "r");
    cr_assert_not_null(in);
    char line[16384];
    cr_assert_not_null(fgets(line, sizeof line, in));
    int c_date = -1, c_region = -1, c_informal = -1, c_part = -1, col = 0;
    for (char *tok = strtok(line, ",\n"); tok; tok = strtok(NULL, ",\n"), col++) {
        if (!strcmp(tok, "date")) c_date = col;
        if (!strcmp(tok, "region")) c_region = col;
        if (!strcmp(tok, "informal_learning_share")) c_informal = col;
        if (!strcmp(tok, "participation_24m_employed")) c_part = col;
    }
    cr_assert(c_date >= 0 && c_region >= 0 && c_informal >= 0 && c_part >= 0);
    double informal_2013 = -1, informal_2020 = -1, part_min = 1, part_max = 0;
    while (fgets(line, sizeof line, in)) {
        char *field[256];
        int n = 0;
        for (char *p = line, *start = line;; p++)
            if (*p == ',' || *p == '\n' || !*p) {
                int end = *p != ',';
                *p = 0;
                field[n++] = start;
                start = p + 1;
                if (end || n == 256) break;
            }
        if (strcmp(field[c_region], "all") != 0) continue;
        double informal = atof(field[c_informal]), part = atof(field[c_part]);
        if (!strcmp(field[c_date], "2013-01")) informal_2013 = informal;
        if (!strcmp(field[c_date], "2020-01")) informal_2020 = informal;
        part_min = part < part_min ? part : part_min;
        part_max = part > part_max ? part : part_max;
    }
    fclose(in);
    cr_expect(fabs(informal_2013 - 0.30) <= 0.01, "informal learning share in 2013: %.3f", informal_2013);
    cr_expect(fabs(informal_2020 - 0.22) <= 0.015, "informal learning share in 2020: %.3f", informal_2020);
    cr_expect(part_min >= 0.45 && part_max <= 0.55, "employed participation ranged %.3f-%.3f", part_min, part_max);
    remove_tree(tmp);
}
