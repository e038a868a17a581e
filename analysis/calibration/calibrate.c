/* The calibrator (see calibrate.h): evaluations of the objective by simulation, the simplex
 * search over transformed parameters, and the outputs: the fitted scenario, the log of every
 * evaluation and the manifest, written like a run's (built in memory, each file atomically, the
 * manifest last). */
#include "analysis/calibration/calibrate.h"

#include <ctype.h>
#include <errno.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <limits.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sim/durable.h"
#include "sim/manifest.h"
#include "sim/llosim.h"
#include "sim/sha256.h"
#include "sim/version.h"

/* ---- the objective ---- */

/* Running means of one target's numerator and denominator over months and replicates. */
typedef struct moment_sum {
    double num, den;
    long n_num, n_den;
} moment_sum;

static void accumulate(const llo_calibration *c, const llo_params *p, const llo_month_stats *st, moment_sum *sums)
{
    for (int t = 0; t < c->n_targets; t++) {
        const llo_calib_target *tg = &c->targets[t];
        double v = llo_moment_value(&tg->num, p, st);
        if (!isnan(v)) {
            sums[t].num += v;
            sums[t].n_num++;
        }
        if (!tg->is_ratio) continue;
        v = llo_moment_value(&tg->den, p, st);
        if (!isnan(v)) {
            sums[t].den += v;
            sums[t].n_den++;
        }
    }
}

int llo_calibration_evaluate(const llo_calibration *c, const double *x, double *moments, double *objective,
                             char *err, size_t errlen)
{
    llo_params *p = malloc(sizeof *p);
    moment_sum *sums = calloc((size_t)c->n_targets + 1, sizeof *sums);
    if (!p || !sums) {
        free(p);
        free(sums);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    *p = c->scenario.params;
    for (int k = 0; k < c->n_params; k++) llo_calib_param_set(&c->params[k], p, x[k]);
    /* A world per evaluation: a parameter may change how many agents there are. Replicates
     * follow llo_run exactly (allocate for 1, reset for the next), so a run of the fitted
     * scenario writes the very months averaged here. */
    llo_world *w = llo_world_alloc(p, 1, err, errlen);
    if (!w) {
        free(p);
        free(sums);
        return -1;
    }
    int first = p->months - c->average_last_months;
    for (int rep = 1; rep <= p->replicates; rep++) {
        if (rep > 1) llo_world_reset(w, rep);
        while (llo_world_month(w) < p->months) {
            llo_world_step(w);
            const llo_month_stats *st = llo_world_stats(w);
            if (st->month >= first) accumulate(c, p, st, sums);
        }
    }
    llo_world_free(w);
    double j = 0;
    for (int t = 0; t < c->n_targets; t++) {
        const llo_calib_target *tg = &c->targets[t];
        double m = sums[t].n_num ? sums[t].num / (double)sums[t].n_num : NAN;
        if (tg->is_ratio) {
            double den = sums[t].n_den ? sums[t].den / (double)sums[t].n_den : NAN;
            m = den != 0 && !isnan(den) ? m / den : NAN;
        }
        moments[t] = m;
        double dev = (m - tg->target) / tg->scale;
        j += tg->weight * (isfinite(m) ? dev * dev : LLO_CALIB_NA_PENALTY);
    }
    *objective = j;
    free(p);
    free(sums);
    return 0;
}

/* ---- the search ---- */

/* Parameters live in (min, max); the simplex moves in z = logit((x - min) / (max - min)). */
static double to_x(const llo_calib_param *q, double z) { return q->min + (q->max - q->min) / (1.0 + exp(-z)); }

/* The start, held 1% of the range inside the bounds so that its transform is finite and the
 * simplex can leave it in either direction. */
static double start_u(const llo_calib_param *q)
{
    double u = (q->initial - q->min) / (q->max - q->min);
    return u < 0.01 ? 0.01 : u > 0.99 ? 0.99 : u;
}

/* Everything the objective callback needs, and what it leaves behind. */
typedef struct search {
    const llo_calibration *c;
    llo_calibrate_result *r;
    int budget;
    llo_buf csv;
    double *x, *moments;
    int failed;
    char err[512];
    const llo_calibrate_options *o;
} search;

static void csv_number(llo_buf *b, double v)
{
    llo_buf_append(b, ",", 1);
    if (!isnan(v)) llo_buf_printf(b, "%.17g", v);
}

static double objective_at(const gsl_vector *z, void *arg)
{
    search *s = arg;
    const llo_calibration *c = s->c;
    llo_calibrate_result *r = s->r;
    if (s->failed) return GSL_NAN;
    for (int k = 0; k < c->n_params; k++) s->x[k] = to_x(&c->params[k], gsl_vector_get(z, (size_t)k));
    double j;
    if (llo_calibration_evaluate(c, s->x, s->moments, &j, s->err, sizeof s->err) != 0) {
        s->failed = 1;
        return GSL_NAN;
    }
    int e = ++r->evaluations;
    llo_buf_printf(&s->csv, "%d", e);
    for (int k = 0; k < c->n_params; k++) csv_number(&s->csv, s->x[k]);
    csv_number(&s->csv, j);
    for (int t = 0; t < c->n_targets; t++) csv_number(&s->csv, s->moments[t]);
    llo_buf_append(&s->csv, "\n", 1);
    /* The first best wins a tie, so the result does not depend on anything but the order of
     * evaluations, which the simplex fixes. */
    if (e == 1 || j < r->best_objective) {
        r->best_objective = j;
        r->best_evaluation = e;
        memcpy(r->best_x, s->x, sizeof(double) * (size_t)c->n_params);
        memcpy(r->best_moments, s->moments, sizeof(double) * (size_t)c->n_targets);
    }
    if (e == 1) {
        r->start_objective = j;
        memcpy(r->start_x, s->x, sizeof(double) * (size_t)c->n_params);
        memcpy(r->start_moments, s->moments, sizeof(double) * (size_t)c->n_targets);
    }
    if (s->o->progress)
        s->o->progress(&(llo_calibrate_progress){e, s->budget, j, r->best_objective}, s->o->progress_ctx);
    return j;
}

static const gsl_multimin_fminimizer_type *method_type(const char *name)
{
    if (!strcmp(name, "nmsimplex2rand")) return gsl_multimin_fminimizer_nmsimplex2rand;
    if (!strcmp(name, "nmsimplex")) return gsl_multimin_fminimizer_nmsimplex;
    return gsl_multimin_fminimizer_nmsimplex2;
}

/* Runs the simplex until it converges or the budget is spent. The budget is checked between
 * iterations, so the last iteration may take a few evaluations more (a shrink takes parameters
 * + 2 at most). */
static int search_run(search *s, llo_diag *d)
{
    const llo_calibration *c = s->c;
    size_t n = (size_t)c->n_params;
    gsl_vector *z = gsl_vector_alloc(n), *step = gsl_vector_alloc(n);
    gsl_multimin_fminimizer *m = gsl_multimin_fminimizer_alloc(method_type(c->method), n);
    if (!z || !step || !m) {
        llo_diag_add(d, "out of memory setting up the simplex");
        gsl_vector_free(z);
        gsl_vector_free(step);
        if (m) gsl_multimin_fminimizer_free(m);
        return -1;
    }
    for (size_t k = 0; k < n; k++) {
        double u = start_u(&c->params[k]);
        gsl_vector_set(z, k, log(u / (1 - u)));
        /* A first step that moves x by about initial_step of the range (dx/dz = range u(1-u)). */
        double dz = c->initial_step / (u * (1 - u));
        gsl_vector_set(step, k, dz > 3 ? 3 : dz);
    }
    gsl_multimin_function f = {objective_at, n, s};
    int rc = 0;
    int status = gsl_multimin_fminimizer_set(m, &f, z, step);
    if (s->failed || status) {
        llo_diag_add(d, "%s", s->failed ? s->err : gsl_strerror(status));
        rc = -1;
    }
    while (rc == 0) {
        if (s->r->evaluations >= s->budget) {
            snprintf(s->r->stop, sizeof s->r->stop, "evaluation budget of %d spent", s->budget);
            break;
        }
        status = gsl_multimin_fminimizer_iterate(m);
        if (s->failed) {
            llo_diag_add(d, "evaluation %d: %s", s->r->evaluations + 1, s->err);
            rc = -1;
            break;
        }
        if (status) {
            snprintf(s->r->stop, sizeof s->r->stop, "the simplex stopped: %s", gsl_strerror(status));
            break;
        }
        double size = gsl_multimin_fminimizer_size(m);
        if (gsl_multimin_test_size(size, c->tolerance) == GSL_SUCCESS) {
            snprintf(s->r->stop, sizeof s->r->stop, "converged: simplex size %.3g below tolerance %g", size,
                     c->tolerance);
            break;
        }
    }
    gsl_multimin_fminimizer_free(m);
    gsl_vector_free(z);
    gsl_vector_free(step);
    return rc;
}

/* ---- outputs ---- */

/* Appends a word of a shell command, quoted when it needs to be. */
static void shell_word(llo_buf *b, const char *w)
{
    int plain = *w != '\0';
    for (const char *p = w; *p; p++)
        if (!(isalnum((unsigned char)*p) || strchr("_-./=+:,@%", *p))) plain = 0;
    if (plain) {
        llo_buf_printf(b, "%s", w);
        return;
    }
    llo_buf_append(b, "'", 1);
    for (const char *p = w; *p; p++) {
        if (*p == '\'') llo_buf_printf(b, "'\\''");
        else if ((unsigned char)*p < 0x20) llo_buf_append(b, "?", 1); /* a comment line must stay one line */
        else llo_buf_append(b, p, 1);
    }
    llo_buf_append(b, "'", 1);
}

/* The path of `to` relative to the folder `from`, both absolute and canonical; `to` itself when
 * they share no folder. */
static void relative_to(const char *from, const char *to, char *out, size_t n)
{
    size_t common = 0, i = 0;
    /* The longest shared prefix that ends at a component boundary. */
    while (from[i] && to[i] && from[i] == to[i]) {
        i++;
        if ((from[i] == '/' || from[i] == '\0') && (to[i] == '/' || to[i] == '\0')) common = i;
    }
    /* Nothing but the root in common: the absolute path says more than a climb to the root. */
    if (common == 0) {
        snprintf(out, n, "%s", to);
        return;
    }
    size_t used = 0;
    out[0] = '\0';
    for (const char *p = from + common; *p; p++)
        if (*p == '/' && used + 4 < n) used += (size_t)snprintf(out + used, n - used, "../");
    const char *rest = to + common;
    if (*rest == '/') rest++;
    snprintf(out + used, n - used, "%s", rest);
}

/* Writes the settings of params whose rows are in rows[0..n) (sorted by path), nested in
 * their groups. Sorting keeps every group's settings together: libconfig refuses a group that
 * is written twice. */
static int write_settings(FILE *f, const llo_setting **rows, int n, const llo_params *p)
{
    char open_groups[LLO_CALIB_MAX_PARAMS][256];
    int depth = 0;
    for (int k = 0; k < n; k++) {
        char comps[16][256];
        int nc = 0;
        const char *path = rows[k]->path;
        for (const char *s = path; nc < 16;) {
            const char *dot = strchr(s, '.');
            size_t len = dot ? (size_t)(dot - s) : strlen(s);
            snprintf(comps[nc++], sizeof comps[0], "%.*s", (int)len, s);
            if (!dot) break;
            s = dot + 1;
        }
        int common = 0;
        while (common < depth && common < nc - 1 && !strcmp(open_groups[common], comps[common])) common++;
        for (; depth > common; depth--) fprintf(f, "%*s};\n", 2 * (depth - 1), "");
        for (; depth < nc - 1; depth++) {
            fprintf(f, "%*s%s = {\n", 2 * depth, "", comps[depth]);
            snprintf(open_groups[depth], sizeof open_groups[0], "%s", comps[depth]);
        }
        fprintf(f, "%*s%s = ", 2 * depth, "", comps[nc - 1]);
        llo_setting_write_value(f, rows[k], p);
        fputs(";\n", f);
    }
    for (; depth > 0; depth--) fprintf(f, "%*s};\n", 2 * (depth - 1), "");
    return ferror(f) ? -1 : 0;
}

static int by_path(const void *a, const void *b)
{
    return strcmp((*(const llo_setting *const *)a)->path, (*(const llo_setting *const *)b)->path);
}

/* A number for a comment: short, but enough digits to tell fitted values apart. */
static void comment_number(FILE *f, double v)
{
    if (isnan(v)) fputs("NA", f);
    else fprintf(f, "%.6g", v);
}

/* Comment text from a path or name the user chose: one line, whatever it holds. */
static void comment_text(FILE *f, const char *s)
{
    for (; *s; s++) fputc((unsigned char)*s < 0x20 ? '?' : *s, f);
}

/* The reproduction command of the reported moments, with the calibration's run settings. */
static void run_command(llo_buf *b, const llo_calibration *c, const char *prog, const char *fitted)
{
    shell_word(b, prog);
    llo_buf_printf(b, " run ");
    shell_word(b, fitted);
    for (int k = 0; k < c->n_run_sets; k++) {
        llo_buf_printf(b, " --set ");
        shell_word(b, c->run_sets[k]);
    }
}

/* calibrated.cfg: the scenario included, the fitted values set, and in the header what moved,
 * what was achieved and how to reproduce both. */
static int fitted_scenario(llo_buf *out, const llo_calibration *c, const llo_calibrate_options *o,
                           const llo_calibrate_result *r, const char *dir, char *err, size_t errlen)
{
    char dir_abs[PATH_MAX], scen_abs[PATH_MAX], include[PATH_MAX];
    if (!realpath(dir, dir_abs) || !realpath(c->scenario_file, scen_abs)) {
        snprintf(err, errlen, "cannot resolve %.400s or %.400s: %s", dir, c->scenario_file, strerror(errno));
        return -1;
    }
    relative_to(dir_abs, scen_abs, include, sizeof include);
    if (strchr(include, '"') || strchr(include, '\n')) {
        snprintf(err, errlen, "%.600s: a path with a double quote or a newline cannot be @included", scen_abs);
        return -1;
    }
    llo_params *p = malloc(sizeof *p);
    if (!p) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    *p = c->scenario.params;
    const llo_setting *rows[LLO_CALIB_MAX_PARAMS];
    int n_rows = 0;
    for (int k = 0; k < c->n_params; k++) {
        llo_calib_param_set(&c->params[k], p, r->best_x[k]);
        int seen = 0;
        for (int j = 0; j < n_rows; j++) seen |= rows[j] == c->params[k].row;
        if (!seen) rows[n_rows++] = c->params[k].row;
    }
    qsort(rows, (size_t)n_rows, sizeof rows[0], by_path);

    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) {
        free(p);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    fprintf(f, "# Calibrated by `llosim calibrate` (llosim %s, %s) from ", LLOSIM_VERSION, LLO_GIT_DESCRIBE);
    comment_text(f, c->path);
    fprintf(f, ".\n# The scenario below with %d parameter%s (in %d setting%s) fitted to %d target%s by GSL's %s:\n"
            "# %d evaluations, %s.\n", c->n_params, c->n_params == 1 ? "" : "s", n_rows, n_rows == 1 ? "" : "s",
            c->n_targets, c->n_targets == 1 ? "" : "s", c->method, r->evaluations, r->stop);
    fprintf(f, "# Objective (weighted sum of squared deviations, each relative to its target or scale): ");
    comment_number(f, r->start_objective);
    fprintf(f, " at the start, ");
    comment_number(f, r->best_objective);
    fprintf(f, " at the fit (evaluation %d).\n", r->best_evaluation);
    fprintf(f, "# Moments are means over the last %d of %d months and %d replicate%s (seed %lld, scale %g).\n#\n",
            c->average_last_months, c->scenario.params.months, c->scenario.params.replicates,
            c->scenario.params.replicates == 1 ? "" : "s", (long long)c->scenario.params.seed,
            c->scenario.params.scale);
    fprintf(f, "# Parameters moved (scenario value -> fitted value, within [min, max]):\n");
    for (int k = 0; k < c->n_params; k++) {
        const llo_calib_param *q = &c->params[k];
        fprintf(f, "#   %s: ", q->label);
        comment_number(f, q->initial);
        fputs(" -> ", f);
        comment_number(f, r->best_x[k]);
        fprintf(f, " within [%g, %g]\n", q->min, q->max);
    }
    fprintf(f, "#\n# Targets (target; achieved at the start -> at the fit):\n");
    for (int t = 0; t < c->n_targets; t++) {
        fprintf(f, "#   %s: ", c->targets[t].label);
        comment_number(f, c->targets[t].target);
        fputs("; ", f);
        comment_number(f, r->start_moments[t]);
        fputs(" -> ", f);
        comment_number(f, r->best_moments[t]);
        fputc('\n', f);
    }
    llo_buf cmd;
    llo_buf_init(&cmd);
    for (int k = 0; k < o->argc; k++) {
        if (k) llo_buf_append(&cmd, " ", 1);
        shell_word(&cmd, o->argv[k]);
    }
    fprintf(f, "#\n# Reproduce the calibration:\n#   %s\n", cmd.data ? cmd.data : "llosim calibrate");
    llo_buf_free(&cmd);
    char fitted[4300];
    snprintf(fitted, sizeof fitted, "%s/calibrated.cfg", dir);
    run_command(&cmd, c, o->argc > 0 ? o->argv[0] : "llosim", fitted);
    fprintf(f, "# Reproduce the achieved moments (average the months above in timeseries.csv and groups.csv):\n"
            "#   %s\n", cmd.data ? cmd.data : "");
    llo_buf_free(&cmd);
    fprintf(f, "@include \"%s\"\n\n", include);
    /* A name of its own, so that running it does not overwrite the original's outputs. */
    char name[LLO_NAME_MAX];
    snprintf(name, sizeof name, "%.*s-calibrated", LLO_NAME_MAX - 12, c->scenario.params.name);
    fprintf(f, "name = \"%s\";\n\n", name);
    write_settings(f, rows, n_rows, p);
    int bad = ferror(f);
    fclose(f);
    free(p);
    if (bad || !text) {
        free(text);
        snprintf(err, errlen, "cannot format calibrated.cfg");
        return -1;
    }
    llo_buf_append(out, text, len);
    free(text);
    return 0;
}

static void csv_header(llo_buf *b, const llo_calibration *c)
{
    llo_buf_printf(b, "evaluation");
    for (int k = 0; k < c->n_params; k++) llo_buf_printf(b, ",%s", c->params[k].label);
    llo_buf_printf(b, ",objective");
    for (int t = 0; t < c->n_targets; t++) llo_buf_printf(b, ",%s", c->targets[t].label);
    llo_buf_append(b, "\n", 1);
}

static void json_number(llo_buf *b, double v)
{
    if (isfinite(v)) llo_buf_printf(b, "%.17g", v);
    else llo_buf_printf(b, "null");
}

static void manifest(llo_buf *m, const llo_calibration *c, const llo_calibrate_options *o,
                     const llo_calibrate_result *r, const llo_out_file *files, int n_files, const char *calib_sha,
                     const char *started, const char *finished, int threads)
{
    const llo_params *p = &c->scenario.params;
    llo_manifest_head(m);
    llo_buf_printf(m, ",\n  \"calibration\": ");
    llo_buf_json_string(m, c->name);
    llo_buf_printf(m, ",\n  \"calibration_file\": ");
    llo_buf_json_string(m, c->path);
    llo_buf_printf(m, ",\n  \"calibration_file_sha256\": \"%s\"", calib_sha);
    llo_buf_printf(m, ",\n  \"scenario_file\": ");
    llo_buf_json_string(m, c->scenario_file);
    llo_buf_printf(m, ",\n  \"method\": ");
    llo_buf_json_string(m, c->method);
    llo_buf_printf(m, ",\n  \"master_seed\": %lld,\n  \"replicates\": %d,\n  \"months\": %d,\n  \"burn_in_months\": %d,"
                   "\n  \"scale\": %.17g,\n  \"average_last_months\": %d,\n  \"max_evaluations\": %d,\n  \"evaluations\": %d,"
                   "\n  \"best_evaluation\": %d,\n  \"stop\": ",
                   (long long)p->seed, p->replicates, p->months, p->burn_in_months, p->scale, c->average_last_months,
                   c->max_evaluations, r->evaluations, r->best_evaluation);
    llo_buf_json_string(m, r->stop);
    llo_buf_printf(m, ",\n  \"objective_start\": ");
    json_number(m, r->start_objective);
    llo_buf_printf(m, ",\n  \"objective_best\": ");
    json_number(m, r->best_objective);
    llo_buf_printf(m, ",\n  \"parameters\": [");
    for (int k = 0; k < c->n_params; k++) {
        llo_buf_printf(m, "%s\n    {\"name\": ", k ? "," : "");
        llo_buf_json_string(m, c->params[k].label);
        llo_buf_printf(m, ", \"min\": %.17g, \"max\": %.17g, \"scenario\": ", c->params[k].min, c->params[k].max);
        json_number(m, c->params[k].initial);
        llo_buf_printf(m, ", \"fitted\": ");
        json_number(m, r->best_x[k]);
        llo_buf_printf(m, "}");
    }
    llo_buf_printf(m, "\n  ],\n  \"targets\": [");
    for (int t = 0; t < c->n_targets; t++) {
        llo_buf_printf(m, "%s\n    {\"name\": ", t ? "," : "");
        llo_buf_json_string(m, c->targets[t].label);
        llo_buf_printf(m, ", \"target\": %.17g, \"weight\": %.17g, \"scale\": %.17g, \"start\": ", c->targets[t].target,
                       c->targets[t].weight, c->targets[t].scale);
        json_number(m, r->start_moments[t]);
        llo_buf_printf(m, ", \"fitted\": ");
        json_number(m, r->best_moments[t]);
        llo_buf_printf(m, "}");
    }
    llo_buf_printf(m, "\n  ]");
    llo_manifest_tail(m, threads, started, finished, o->argc, o->argv, files, n_files);
}

int llo_calibrate(const llo_calibration *c, const llo_calibrate_options *o, llo_calibrate_result *r_out, llo_diag *d)
{
    llo_calibrate_result *r = calloc(1, sizeof *r);
    search *s = calloc(1, sizeof *s);
    double *x = calloc((size_t)c->n_params + 1, sizeof *x), *mom = calloc((size_t)c->n_targets + 1, sizeof *mom);
    if (!r || !s || !x || !mom) {
        free(r);
        free(s);
        free(x);
        free(mom);
        llo_diag_add(d, "out of memory");
        return -1;
    }
    if (o->threads > 0) omp_set_num_threads(o->threads);
    int threads = omp_get_max_threads();
    char err[1024], started[32], finished[32], calib_sha[65];
    llo_iso_now(started, sizeof started);
    if (o->out_dir) snprintf(r->out_dir, sizeof r->out_dir, "%s", o->out_dir);
    else snprintf(r->out_dir, sizeof r->out_dir, "out/calibration-%s", c->name);
    const char *dir = r->out_dir;
    llo_out_file files[2] = {{"calibrated.cfg", {0}, ""}, {"calibration.csv", {0}, ""}};
    for (int f = 0; f < 2; f++) llo_buf_init(&files[f].buf);
    llo_buf m;
    llo_buf_init(&m);
    *s = (search){.c = c, .r = r, .budget = c->max_evaluations, .x = x, .moments = mom, .o = o};
    llo_buf_init(&s->csv);
    csv_header(&s->csv, c);

    /* The search fails only if the engine cannot run; GSL's default handler would abort. */
    gsl_error_handler_t *old_handler = gsl_set_error_handler_off();
    int rc = search_run(s, d);
    gsl_set_error_handler(old_handler);
    if (rc) goto done;
    files[1].buf = s->csv;
    llo_buf_init(&s->csv);

    if (llo_sha256_file(c->path, calib_sha, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", err);
        rc = -1;
        goto done;
    }
    /* The folder must exist before the include path can be made relative. */
    if (llo_mkdir_p(dir, err, sizeof err) != 0 ||
        fitted_scenario(&files[0].buf, c, o, r, dir, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", err);
        rc = -1;
        goto done;
    }
    for (int f = 0; f < 2; f++) {
        if (files[f].buf.failed) {
            llo_diag_add(d, "out of memory building %s", files[f].name);
            rc = -1;
            goto done;
        }
        llo_sha256_hex(files[f].buf.data, files[f].buf.len, files[f].sha256);
    }
    llo_iso_now(finished, sizeof finished);
    manifest(&m, c, o, r, files, 2, calib_sha, started, finished, threads);
    /* One set with the manifest last: an earlier calibration stays whole until this one is. */
    if (m.failed || llo_write_outputs(dir, files, 2, "manifest.json", &m, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", m.failed ? "out of memory building manifest.json" : err);
        rc = -1;
        goto done;
    }
done:
    if (r_out) *r_out = *r;
    llo_buf_free(&m);
    llo_buf_free(&s->csv);
    for (int f = 0; f < 2; f++) llo_buf_free(&files[f].buf);
    free(r);
    free(s);
    free(x);
    free(mom);
    return rc;
}

void llo_calibration_describe(const llo_calibration *c, FILE *out)
{
    const llo_params *p = &c->scenario.params;
    llo_world_size z = llo_world_estimate(p);
    fprintf(out, "calibration: %s (%s)\n", c->name, c->path);
    fprintf(out, "scenario: %s (%s)\n", p->name, c->scenario_file);
    fprintf(out, "each evaluation: %d replicate%s of %d months after %d burn-in months, scale %g (%zu workers), seed %lld\n",
            p->replicates, p->replicates == 1 ? "" : "s", p->months, p->burn_in_months, p->scale, z.workers,
            (long long)p->seed);
    fprintf(out, "moments: means over the last %d months\n", c->average_last_months);
    fprintf(out, "search: %s, at most %d evaluations, tolerance %g, initial step %g of each range\n", c->method,
            c->max_evaluations, c->tolerance, c->initial_step);
    fprintf(out, "parameters (scenario value, bounds):\n");
    for (int k = 0; k < c->n_params; k++)
        fprintf(out, "  %-40s %12.6g  [%g, %g]\n", c->params[k].label, c->params[k].initial, c->params[k].min,
                c->params[k].max);
    fprintf(out, "targets (target, weight):\n");
    for (int t = 0; t < c->n_targets; t++)
        fprintf(out, "  %-60s %10.6g  %g\n", c->targets[t].label, c->targets[t].target, c->targets[t].weight);
}
