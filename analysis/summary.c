/* `llosim summarize DIR`: a run's replicates reduced to a mean, a standard deviation and a 95%
 * interval per series and month, with plots. The run's own files and manifest stay as they are;
 * the summary has its own manifest, summary.json, written last. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"

/* Empty for NA, as in the run's tables. */
static void cell(llo_buf *b, double x) { isnan(x) ? llo_buf_append(b, ",", 1) : llo_buf_printf(b, ",%.10g", x); }

static void summary_csv(llo_buf *b, const lla_run *run, double *x)
{
    int reps = run->shape.replicates;
    llo_buf_printf(b, "region,dimension,group,indicator,month,date,mean,sd,ci_low,ci_high,n\n");
    for (size_t s = 0; s < run->n_series; s++) {
        const lla_series *z = &run->series[s];
        for (int m = 0; m < run->shape.months; m++) {
            for (int r = 0; r < reps; r++) x[r] = lla_value(run, s, r, m);
            lla_estimate e = lla_estimate_of(x, reps);
            llo_buf_printf(b, "%s,%s,%s,%s,%d,%s", z->region, z->dimension, z->group, z->indicator, m, run->dates[m]);
            cell(b, e.mean);
            cell(b, e.sd);
            cell(b, e.ci_low);
            cell(b, e.ci_high);
            llo_buf_printf(b, ",%d\n", e.n);
        }
    }
}

int lla_summarize(const lla_run *run, const lla_write_options *o, llo_diag *d)
{
    char err[1024], started[32], finished[32];
    llo_iso_now(started, sizeof started);
    lla_outputs out = {0};
    lla_plot_list plots = {0};
    int rc = LLO_FAILED;
    double *x = malloc((size_t)run->shape.replicates * sizeof *x);
    llo_buf *csv = lla_outputs_add(&out, "summary.csv");
    if (!x || !csv) {
        llo_diag_add(d, "out of memory");
        goto done;
    }
    summary_csv(csv, run, x);
    lla_run *one[1] = {(lla_run *)run};
    if (lla_plots_make(one, 1, "", &out, &plots, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", err);
        goto done;
    }
    if (lla_outputs_hash(&out, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", err);
        goto done;
    }
    llo_buf m;
    llo_buf_init(&m);
    llo_manifest_head(&m);
    llo_buf_printf(&m, ",\n  \"kind\": \"summary\",\n  \"scenario\": ");
    llo_buf_json_string(&m, run->shape.name);
    llo_buf_printf(&m, ",\n  \"run_manifest_sha256\": \"%s\",\n  \"replicates\": %d", run->manifest_sha256, run->shape.replicates);
    llo_iso_now(finished, sizeof finished);
    llo_manifest_tail(&m, 1, started, finished, o->argc, o->argv, out.files, out.n);
    /* One set with summary.json last: an earlier summary stays whole until this one is. */
    if (m.failed || llo_write_outputs(run->dir, out.files, out.n, "summary.json", &m, err, sizeof err) != 0)
        llo_diag_add(d, "%s", m.failed ? "out of memory building summary.json" : err);
    else rc = LLO_OK;
    llo_buf_free(&m);
    if (rc == LLO_OK && !o->quiet)
        printf("summary: %s/ (summary.csv, %d plots in plots/ as PNG and SVG, summary.json)\n", run->dir, plots.n);
done:
    free(x);
    lla_plot_list_free(&plots);
    lla_outputs_free(&out);
    return rc;
}
