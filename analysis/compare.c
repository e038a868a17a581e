/* `llosim compare`: every series of every alternative against the base, per year and over the
 * last five years, as paired differences over replicates. Replicate k of every run uses the
 * same seed (common random numbers), so alt_k - base_k removes the noise the scenarios share
 * and the interval speaks only of the policy's effect. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/report_int.h"

static int compute(lla_comparison *c, llo_diag *d)
{
    const lla_run *base = c->runs[0];
    size_t ns = base->n_series;
    int reps = base->shape.replicates, alts = c->n_runs - 1;
    c->n_periods = lla_periods(base, c->periods, 64);
    c->alt_series = malloc((size_t)alts * ns * sizeof *c->alt_series);
    c->diffs = malloc((size_t)alts * ns * (size_t)c->n_periods * sizeof *c->diffs);
    double *a = malloc((size_t)reps * 3 * sizeof *a), *b = a + reps, *diff = a + 2 * reps;
    if (!c->alt_series || !c->diffs || !a) {
        free(a);
        llo_diag_add(d, "out of memory");
        return LLO_FAILED;
    }
    int problems = 0;
    for (int alt = 1; alt <= alts; alt++) {
        const lla_run *run = c->runs[alt];
        for (size_t s = 0; s < ns; s++) {
            const lla_series *x = &base->series[s];
            long t = s < run->n_series && !strcmp(run->series[s].indicator, x->indicator) &&
                             !strcmp(run->series[s].region, x->region) && !strcmp(run->series[s].dimension, x->dimension) &&
                             !strcmp(run->series[s].group, x->group)
                         ? (long)s
                         : lla_series_find(run, x->region, x->dimension, x->group, x->indicator);
            c->alt_series[(size_t)(alt - 1) * ns + s] = t;
            if (t < 0) {
                if (problems++ < 5)
                    llo_diag_add(d, "%s has %s%s%s%s%s of region %s and %s does not: the runs do not match", base->dir, x->indicator,
                                 *x->dimension ? " for " : "", x->dimension, *x->dimension ? "=" : "", x->group, x->region, run->dir);
                continue;
            }
            for (int p = 0; p < c->n_periods; p++) {
                for (int k = 0; k < reps; k++) {
                    a[k] = lla_period_mean(run, (size_t)t, k, &c->periods[p]);
                    b[k] = lla_period_mean(base, s, k, &c->periods[p]);
                    /* A pair counts only if both halves are defined. */
                    if (isnan(a[k]) || isnan(b[k])) a[k] = b[k] = NAN;
                    diff[k] = a[k] - b[k];
                }
                lla_diff *out = &c->diffs[(((size_t)alt - 1) * ns + s) * (size_t)c->n_periods + (size_t)p];
                out->mean = lla_estimate_of(a, reps).mean;
                out->base_mean = lla_estimate_of(b, reps).mean;
                out->d = lla_estimate_of(diff, reps);
            }
        }
        if (run->n_series != ns && problems == 0) {
            llo_diag_add(d, "%s has %zu series and %s %zu: the runs do not match", base->dir, ns, run->dir, run->n_series);
            problems++;
        }
    }
    free(a);
    if (problems > 5) llo_diag_add(d, "... and %d more series missing", problems - 5);
    return problems ? LLO_BAD_INPUT : LLO_OK;
}

static void cell(llo_buf *b, double x) { isnan(x) ? llo_buf_append(b, ",", 1) : llo_buf_printf(b, ",%.10g", x); }

static void comparison_csv(llo_buf *b, const lla_comparison *c)
{
    const lla_run *base = c->runs[0];
    llo_buf_printf(b, "scenario,base,region,dimension,group,indicator,period,from,to,months,mean,base_mean,difference,ci_low,ci_high,"
                      "replicates\n");
    for (int alt = 1; alt < c->n_runs; alt++)
        for (size_t s = 0; s < base->n_series; s++) {
            const lla_series *x = &base->series[s];
            for (int p = 0; p < c->n_periods; p++) {
                const lla_period *per = &c->periods[p];
                const lla_diff *r = lla_diff_at(c, alt, s, p);
                llo_buf_printf(b, "%s,%s,%s,%s,%s,%s,%s,%s,%s,%d", c->runs[alt]->shape.name, base->shape.name, x->region,
                               x->dimension, x->group, x->indicator, per->label, base->dates[per->first], base->dates[per->last],
                               per->last - per->first + 1);
                cell(b, r->mean);
                cell(b, r->base_mean);
                cell(b, r->d.mean);
                cell(b, r->d.ci_low);
                cell(b, r->d.ci_high);
                llo_buf_printf(b, ",%d\n", r->d.n);
            }
        }
}

static void manifest(llo_buf *m, const lla_comparison *c, const lla_write_options *o, const lla_outputs *out,
                     const char *started, const char *finished)
{
    const lla_run *base = c->runs[0];
    llo_manifest_head(m);
    llo_buf_printf(m, ",\n  \"kind\": \"comparison\",\n  \"base\": ");
    llo_buf_json_string(m, base->shape.name);
    llo_buf_printf(m, ",\n  \"replicates\": %d,\n  \"months\": %d,\n  \"scale\": %.17g,\n  \"inputs\": [", base->shape.replicates,
                   base->shape.months, base->shape.scale);
    for (int r = 0; r < c->n_runs; r++) {
        llo_buf_printf(m, "%s\n    {\"scenario\": ", r ? "," : "");
        llo_buf_json_string(m, c->runs[r]->shape.name);
        llo_buf_printf(m, ", \"folder\": ");
        llo_buf_json_string(m, c->runs[r]->dir);
        llo_buf_printf(m, ", \"manifest_sha256\": \"%s\"}", c->runs[r]->manifest_sha256);
    }
    llo_buf_printf(m, "\n  ]");
    llo_manifest_tail(m, 1, started, finished, o->argc, o->argv, out->files, out->n);
}

int lla_compare(lla_run *const *runs, int n, const char *out_dir, const lla_write_options *o, llo_diag *d)
{
    char err[1024], started[32], finished[32];
    llo_iso_now(started, sizeof started);
    lla_shape shapes[64];
    if (n < 2 || n > 64) {
        llo_diag_add(d, "compare needs a base and 1 to 63 alternatives, got %d runs", n);
        return LLO_BAD_INPUT;
    }
    for (int k = 0; k < n; k++) shapes[k] = runs[k]->shape;
    if (lla_shapes_check(shapes, n, d)) return LLO_BAD_INPUT;
    static lla_comparison c; /* large (the thresholds): not on the stack */
    memset(&c, 0, sizeof c);
    c.runs = runs;
    c.n_runs = n;
    for (int k = 0; k < o->n_thresholds; k++) {
        struct lla_threshold_set *t = &c.thresholds[c.n_thresholds];
        if (c.n_thresholds == 64) {
            llo_diag_add(d, "--threshold: at most 64");
            return LLO_BAD_INPUT;
        }
        if (lla_threshold_check(o->thresholds[k], err, sizeof err) != 0 ||
            lla_threshold_parse(o->thresholds[k], t->key, sizeof t->key, &t->size, &t->relative, err, sizeof err) != 0) {
            llo_diag_add(d, "%s", err);
            return LLO_BAD_INPUT;
        }
        c.n_thresholds++;
    }
    lla_outputs out = {0};
    lla_plot_list plots = {0};
    char *command = lla_command_line(o->argc, o->argv);
    int rc = compute(&c, d);
    if (rc != LLO_OK) goto done;
    rc = LLO_FAILED;
    llo_buf *csv = lla_outputs_add(&out, "comparison.csv");
    if (!csv) goto done;
    comparison_csv(csv, &c);
    if (lla_plots_make(runs, n, "", &out, &plots, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", err);
        goto done;
    }
    llo_buf *html = lla_outputs_add(&out, "report.html");
    if (!html) goto done;
    lla_report_html(html, &c, &plots, &out, command);
    if (llo_mkdir_p(out_dir, err, sizeof err) != 0 || lla_outputs_hash(&out, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", err);
        goto done;
    }
    llo_buf m;
    llo_buf_init(&m);
    llo_iso_now(finished, sizeof finished);
    manifest(&m, &c, o, &out, started, finished);
    /* One set with the manifest last: an earlier comparison in the folder stays whole until
     * this one is. */
    if (m.failed || llo_write_outputs(out_dir, out.files, out.n, "manifest.json", &m, err, sizeof err) != 0)
        llo_diag_add(d, "%s", m.failed ? "out of memory building manifest.json" : err);
    else rc = LLO_OK;
    llo_buf_free(&m);
    if (rc == LLO_OK && !o->quiet)
        printf("comparison: %s/ (report.html, comparison.csv, %d plots in plots/ as PNG and SVG, manifest.json)\n", out_dir, plots.n);
done:
    if (rc == LLO_FAILED && d->count == 0) llo_diag_add(d, "out of memory");
    free(command);
    free(c.alt_series);
    free(c.diffs);
    lla_plot_list_free(&plots);
    lla_outputs_free(&out);
    return rc;
}
