/* `llosim analyze sobol|morris DIR`: reads a sweep folder, checks that its plan is the design
 * the method needs, computes the indices of every chosen indicator, and only then writes
 * DIR/sobol.csv or DIR/morris.csv, the plots in DIR/plots/ and a manifest, last. */
#include "analysis/sensitivity/analyze.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sim/durable.h"
#include "sim/manifest.h"
#include "analysis/sensitivity/sensitivity.h"
#include "analysis/sensitivity/sensitivity_plot.h"
#include "analysis/sensitivity/sensitivity_sweep.h"
#include "sim/result.h"
#include "sim/sha256.h"

#define LEVEL 0.95

/* The column dictionary: the writers take their headers from here, so the two cannot drift. */
typedef struct column_doc {
    const char *file, *name, *doc;
} column_doc;

static const column_doc columns[] = {
    {"sobol.csv", "indicator", "the points.csv indicator analysed (its replicate mean per point)"},
    {"sobol.csv", "axis", "the axis number in axes.csv, from 1"},
    {"sobol.csv", "path", "the axis's setting: its path, with [index] for an element of a list"},
    {"sobol.csv", "S1", "first-order Sobol index: the share of the indicator's variance over the sweep that this axis causes on its own (estimator in sobol.manifest.json); empty when the indicator does not vary"},
    {"sobol.csv", "S1_low", "lower end of the 95% percentile bootstrap interval of S1; empty without --bootstrap"},
    {"sobol.csv", "S1_high", "upper end of that interval"},
    {"sobol.csv", "ST", "total Sobol index (Jansen): the share of the variance this axis takes part in, alone or in interaction; ST - S1 is its interactions' share"},
    {"sobol.csv", "ST_low", "lower end of the 95% percentile bootstrap interval of ST"},
    {"sobol.csv", "ST_high", "upper end of that interval"},
    {"sobol.csv", "rank", "1 for the axis with the largest ST for this indicator, 2 for the next, ...; rows are in rank order"},
    {"morris.csv", "indicator", "the points.csv indicator analysed (its replicate mean per point)"},
    {"morris.csv", "axis", "the axis number in axes.csv, from 1"},
    {"morris.csv", "path", "the axis's setting: its path, with [index] for an element of a list"},
    {"morris.csv", "mu", "mean elementary effect: the change of the indicator per whole range of the axis (unit space: min to max, on the logarithm for a log axis); effects of opposite sign cancel"},
    {"morris.csv", "mu_star", "mean absolute elementary effect, in the same unit: the axis's overall influence, the ranking measure"},
    {"morris.csv", "mu_star_conf", "half-width of the 95% bootstrap interval of mu_star (SALib's mu_star_conf): 1.96 times the standard deviation of mu_star over --bootstrap resamples of each axis's elementary effects; the interval is mu_star -/+ mu_star_conf; empty with --bootstrap 0 or one trajectory"},
    {"morris.csv", "sigma", "standard deviation of the elementary effects: large against mu_star means a non-linear effect or interactions; empty with one trajectory"},
    {"morris.csv", "rank", "1 for the axis with the largest mu_star for this indicator, 2 for the next, ...; rows are in rank order"},
};
#define N_COLUMNS (sizeof columns / sizeof columns[0])

void lla_sensitivity_columns_print(FILE *out, int markdown)
{
    if (markdown)
        fputs("\n## Sensitivity tables\n\n"
              "Written into a sweep folder by `llosim analyze sobol` (sobol.csv) and `llosim analyze morris` (morris.csv); "
              "generated from the table in analysis/sensitivity/analyze.c. Numbers have nine significant digits; docs/sensitivity.md "
              "explains the indices.\n\n"
              "| file | column | meaning |\n|---|---|---|\n",
              out);
    for (size_t c = 0; c < N_COLUMNS; c++) {
        if (markdown) fprintf(out, "| `%s` | `%s` | %s |\n", columns[c].file, columns[c].name, columns[c].doc);
        else fprintf(out, "%-14s %-32s %s\n", columns[c].file, columns[c].name, columns[c].doc);
    }
}

static void header(llo_buf *b, const char *file)
{
    int first = 1;
    for (size_t c = 0; c < N_COLUMNS; c++)
        if (!strcmp(columns[c].file, file)) {
            llo_buf_printf(b, "%s%s", first ? "" : ",", columns[c].name);
            first = 0;
        }
    llo_buf_append(b, "\n", 1);
}

/* The indicators to analyse: those asked for (each must exist and have a value at every
 * point), or every indicator with a value at every point. Returns their count, or -1. */
static long choose_indicators(const lla_sweep *s, const lla_analyze_options *o, const char *method, size_t *which)
{
    size_t n = 0;
    if (o->n_chosen) {
        for (int c = 0; c < o->n_chosen; c++) {
            long i = lla_sweep_indicator_find(s, o->chosen[c]);
            if (i < 0) {
                fprintf(stderr, "llosim: %s/points.csv: no indicator '%s'; it has:", s->dir, o->chosen[c]);
                for (size_t q = 0; q < s->n_indicators; q++) fprintf(stderr, "%s %s", q ? "," : "", s->indicator[q]);
                fputc('\n', stderr);
                return -1;
            }
            for (size_t p = 0; p < s->points; p++)
                if (isnan(s->mean[(size_t)i * s->points + p])) {
                    fprintf(stderr,
                            "llosim: %s/points.csv: indicator %s has no mean at point %zu (an empty cell or no row); %s "
                            "needs a value at every point of the design\n",
                            s->dir, o->chosen[c], p, method);
                    return -1;
                }
            int again = 0;
            for (size_t q = 0; q < n; q++) again |= which[q] == (size_t)i;
            if (!again) which[n++] = (size_t)i;
        }
        return (long)n;
    }
    for (size_t i = 0; i < s->n_indicators; i++) {
        size_t missing = 0;
        for (size_t p = 0; p < s->points; p++) missing += isnan(s->mean[i * s->points + p]);
        if (missing)
            fprintf(stderr, "llosim: %s/points.csv: indicator %s skipped: no mean at %zu of %zu points\n", s->dir,
                    s->indicator[i], missing, s->points);
        else
            which[n++] = i;
    }
    if (n == 0) {
        fprintf(stderr, "llosim: %s/points.csv: no indicator has a mean at every point; nothing to analyse\n", s->dir);
        return -1;
    }
    return (long)n;
}

static void cell(llo_buf *b, double v)
{
    if (isfinite(v)) llo_buf_printf(b, ",%.9g", v);
    else llo_buf_append(b, ",", 1);
}

/* A file name part from an indicator: letters, digits, '.', '-' and '_' kept, others '_'. */
static void file_part(char *out, size_t n, const char *name)
{
    size_t k = 0;
    for (; *name && k + 1 < n; name++)
        out[k++] = (isalnum((unsigned char)*name) || strchr("._-", *name)) ? *name : '_';
    out[k] = 0;
}

/* The results to write: the table, the plots, and the folder they go to. */
typedef struct outputs {
    llo_out_file file[2 * 64 + 1]; /* [0] the table, then png and svg per indicator */
    char names[2 * 64 + 1][300];
    int n;
} outputs;

static llo_out_file *add_output(outputs *out, const char *fmt, const char *a, const char *b)
{
    llo_out_file *f = &out->file[out->n];
    snprintf(out->names[out->n], sizeof out->names[0], fmt, a, b);
    f->name = out->names[out->n++];
    llo_buf_init(&f->buf);
    return f;
}

static void free_outputs(outputs *out)
{
    for (int f = 0; f < out->n; f++) llo_buf_free(&out->file[f].buf);
}

static void json_string_list(llo_buf *m, const char *key, char *const *names, const size_t *which, size_t n)
{
    llo_buf_printf(m, ",\n  \"%s\": [", key);
    for (size_t q = 0; q < n; q++) {
        if (q) llo_buf_printf(m, ", ");
        llo_buf_json_string(m, names[which ? which[q] : q]);
    }
    llo_buf_printf(m, "]");
}

/* Writes the table, plots/ and the manifest as one set (llo_write_outputs): an earlier analysis
 * stays whole, manifest and all, until this one is written in full. */
static int write_outputs(const lla_sweep *s, outputs *out, const char *method, const char *settings,
                         const size_t *which, size_t n_which, const char *started, int argc, char **argv)
{
    char err[1024], manifest_name[64];
    snprintf(manifest_name, sizeof manifest_name, "%s.manifest.json", method);
    for (int f = 0; f < out->n; f++) {
        if (out->file[f].buf.failed) {
            fprintf(stderr, "llosim: out of memory building %s\n", out->file[f].name);
            return 1;
        }
        llo_sha256_hex(out->file[f].buf.data, out->file[f].buf.len, out->file[f].sha256);
    }
    int rc;
    char finished[32];
    llo_iso_now(finished, sizeof finished);
    llo_buf m;
    llo_buf_init(&m);
    llo_manifest_head(&m);
    llo_buf_printf(&m, ",\n  \"analysis\": \"%s\",\n  \"sweep\": ", method);
    llo_buf_json_string(&m, s->dir);
    llo_buf_printf(&m, ",\n  \"design\": ");
    llo_buf_json_string(&m, s->design);
    llo_buf_printf(&m, ",\n  \"axes\": %zu,\n  \"points\": %zu,\n  %s", s->k, s->points, settings);
    json_string_list(&m, "indicators", s->indicator, which, n_which);
    llo_buf_printf(&m, ",\n  \"inputs\": {");
    for (int f = 0; f < 3; f++)
        llo_buf_printf(&m, "%s\n    \"%s\": {\"sha256\": \"%s\"}", f ? "," : "", lla_sweep_files[f], s->sha256[f]);
    llo_buf_printf(&m, "\n  }");
    llo_manifest_tail(&m, 1, started, finished, argc, argv, out->file, out->n);
    rc = m.failed || llo_write_outputs(s->dir, out->file, out->n, manifest_name, &m, err, sizeof err);
    if (rc) fprintf(stderr, "llosim: %s\n", m.failed ? "out of memory building the manifest" : err);
    llo_buf_free(&m);
    return rc ? 1 : 0;
}

static void sort_by_rank(size_t k, const int *rank, size_t *order)
{
    for (size_t j = 0; j < k; j++) order[rank[j] - 1] = j;
}

static void print_interval(double v, double lo, double hi)
{
    if (!isfinite(v)) printf("  %-24s", "NA");
    else if (isfinite(lo)) printf("  %6.3f [%6.3f, %6.3f]  ", v, lo, hi);
    else printf("  %6.3f %17s", v, "");
}

static int sobol(const lla_sweep *s, const lla_analyze_options *o, const size_t *which, size_t n_which, const char *started,
                 int argc, char **argv)
{
    char err[1024];
    lla_saltelli_plan plan;
    int rc = lla_saltelli_plan_of(s, &plan, err, sizeof err);
    if (rc) {
        fprintf(stderr, "llosim: %s\n", rc == LLA_SWEEP_NO_MEMORY ? "out of memory" : err);
        return rc == LLA_SWEEP_NO_MEMORY ? 1 : LLO_BAD_INPUT;
    }
    size_t n = plan.n, k = s->k;
    double *y = malloc((k + 2) * n * sizeof *y);
    const double **y_ab = malloc(k * sizeof *y_ab);
    lla_sobol_index *ix = malloc(n_which * k * sizeof *ix);
    int *rank = malloc(n_which * k * sizeof *rank);
    size_t *order = malloc(k * sizeof *order);
    double *st = malloc(k * sizeof *st);
    outputs *out = calloc(1, sizeof *out);
    if (!y || !y_ab || !ix || !rank || !order || !st || !out) {
        fprintf(stderr, "llosim: out of memory\n");
        rc = 1;
        goto done;
    }
    const char *est = o->estimator == LLA_SOBOL_SALTELLI ? "saltelli" : "jansen";
    for (size_t q = 0; q < n_which; q++) {
        const double *mean = s->mean + which[q] * s->points;
        for (size_t i = 0; i < n; i++) {
            y[i] = mean[plan.a[i]];
            y[n + i] = mean[plan.b[i]];
            for (size_t j = 0; j < k; j++) y[(2 + j) * n + i] = mean[plan.ab[j * n + i]];
        }
        for (size_t j = 0; j < k; j++) y_ab[j] = y + (2 + j) * n;
        int r = lla_sobol_analyze(n, k, y, y + n, y_ab, o->estimator, o->bootstrap, o->seed, LEVEL, ix + q * k);
        if (r == LLA_SENS_NO_VARIANCE) {
            fprintf(stderr, "llosim: indicator %s does not vary over the sweep: its indices are undefined (left empty)\n",
                    s->indicator[which[q]]);
        } else if (r) {
            fprintf(stderr, "llosim: indicator %s: %s\n", s->indicator[which[q]], r == LLA_SENS_NO_MEMORY ? "out of memory" : "the indices could not be computed");
            rc = 1;
            goto done;
        }
        for (size_t j = 0; j < k; j++) st[j] = ix[q * k + j].st;
        lla_rank_descending(k, st, rank + q * k);
    }
    if (n_which > 64) {
        fprintf(stderr, "llosim: at most 64 indicators at once; choose some with --indicator\n");
        rc = LLO_BAD_INPUT;
        goto done;
    }
    llo_out_file *table = add_output(out, "%s%s", "sobol.csv", "");
    header(&table->buf, "sobol.csv");
    for (size_t q = 0; q < n_which; q++) {
        const char *name = s->indicator[which[q]];
        sort_by_rank(k, rank + q * k, order);
        printf("%sSobol indices of %s: %s estimator, N = %zu samples of %zu axes (%zu points), ", q ? "\n" : "", name,
               est, n, k, s->points);
        if (o->bootstrap) printf("95%% intervals from %d bootstrap resamples\n", o->bootstrap);
        else printf("no intervals (--bootstrap 0)\n");
        printf("rank axis  %-24s  %-24s  setting\n", "ST (total)", "S1 (first-order)");
        for (size_t m = 0; m < k; m++) {
            size_t j = order[m];
            const lla_sobol_index *x = &ix[q * k + j];
            llo_buf_printf(&table->buf, "%s,%zu,%s", name, j + 1, s->axis[j].name);
            cell(&table->buf, x->s1), cell(&table->buf, x->s1_low), cell(&table->buf, x->s1_high);
            cell(&table->buf, x->st), cell(&table->buf, x->st_low), cell(&table->buf, x->st_high);
            llo_buf_printf(&table->buf, ",%d\n", rank[q * k + j]);
            printf("%4d %4zu", rank[q * k + j], j + 1);
            print_interval(x->st, x->st_low, x->st_high);
            print_interval(x->s1, x->s1_low, x->s1_high);
            printf("%s\n", s->axis[j].name);
        }
        if (o->plots) {
            char part[200], title[512];
            file_part(part, sizeof part, name);
            snprintf(title, sizeof title, "Sobol indices of %s (%s estimator, N = %zu%s)", name, est, n,
                     o->bootstrap ? ", 95% bootstrap intervals" : "");
            llo_out_file *png = add_output(out, "plots/sobol-%s%s", part, ".png");
            llo_out_file *svg = add_output(out, "plots/sobol-%s%s", part, ".svg");
            char *names[k ? k : 1];
            for (size_t j = 0; j < k; j++) names[j] = s->axis[j].name;
            if (lla_sobol_plot(title, k, names, ix + q * k, rank + q * k, &png->buf, &svg->buf, err, sizeof err)) {
                fprintf(stderr, "llosim: plot of %s: %s\n", name, err);
                rc = 1;
                goto done;
            }
        }
    }
    char settings[256];
    snprintf(settings, sizeof settings,
             "\"estimator\": \"%s\",\n  \"total_estimator\": \"jansen\",\n  \"samples\": %zu,\n  \"bootstrap\": %d,\n"
             "  \"bootstrap_seed\": %llu,\n  \"level\": %.2f",
             est, n, o->bootstrap, (unsigned long long)o->seed, LEVEL);
    fflush(stdout);
    rc = write_outputs(s, out, "sobol", settings, which, n_which, started, argc, argv);
    if (!rc) printf("\nwritten: %s/sobol.csv, %s/sobol.manifest.json%s\n", s->dir, s->dir, o->plots ? " and the plots/sobol-*.png and .svg" : "");
done:
    if (out) free_outputs(out);
    free(out), free(y), free(y_ab), free(ix), free(rank), free(order), free(st);
    lla_saltelli_plan_free(&plan);
    return rc;
}

static int morris(const lla_sweep *s, const lla_analyze_options *o, const size_t *which, size_t n_which, const char *started,
                  int argc, char **argv)
{
    char err[1024];
    lla_morris_plan plan;
    int rc = lla_morris_plan_of(s, &plan, err, sizeof err);
    if (rc) {
        fprintf(stderr, "llosim: %s\n", rc == LLA_SWEEP_NO_MEMORY ? "out of memory" : err);
        return rc == LLA_SWEEP_NO_MEMORY ? 1 : LLO_BAD_INPUT;
    }
    size_t k = s->k, r = plan.r;
    double *y = malloc(r * (k + 1) * sizeof *y);
    lla_morris_effect *e = malloc(n_which * k * sizeof *e);
    int *rank = malloc(n_which * k * sizeof *rank);
    size_t *order = malloc(k * sizeof *order);
    double *mu_star = malloc(k * sizeof *mu_star);
    outputs *out = calloc(1, sizeof *out);
    if (!y || !e || !rank || !order || !mu_star || !out) {
        fprintf(stderr, "llosim: out of memory\n");
        rc = 1;
        goto done;
    }
    if (n_which > 64) {
        fprintf(stderr, "llosim: at most 64 indicators at once; choose some with --indicator\n");
        rc = LLO_BAD_INPUT;
        goto done;
    }
    for (size_t q = 0; q < n_which; q++) {
        const double *mean = s->mean + which[q] * s->points;
        for (size_t row = 0; row < r * (k + 1); row++) y[row] = mean[plan.point[row]];
        int res = lla_morris_analyze_conf(r, k, plan.x_unit, plan.moved, y, o->bootstrap, o->seed, LEVEL, e + q * k);
        if (res) {
            /* The plan's checks make this unreachable short of memory or a NaN slipping through. */
            fprintf(stderr, "llosim: indicator %s: the elementary effects could not be computed\n", s->indicator[which[q]]);
            rc = 1;
            goto done;
        }
        for (size_t j = 0; j < k; j++) mu_star[j] = e[q * k + j].mu_star;
        lla_rank_descending(k, mu_star, rank + q * k);
    }
    llo_out_file *table = add_output(out, "%s%s", "morris.csv", "");
    header(&table->buf, "morris.csv");
    for (size_t q = 0; q < n_which; q++) {
        const char *name = s->indicator[which[q]];
        sort_by_rank(k, rank + q * k, order);
        printf("%sMorris elementary effects of %s: %zu trajectories over %zu axes (%zu points); effects per whole axis range; ",
               q ? "\n" : "", name, r, k, s->points);
        if (o->bootstrap) printf("mu* -/+ its 95%% interval from %d bootstrap resamples\n", o->bootstrap);
        else printf("no intervals (--bootstrap 0)\n");
        printf("rank axis  %12s %12s %12s %12s  setting\n", "mu*", "-/+", "mu", "sigma");
        for (size_t m = 0; m < k; m++) {
            size_t j = order[m];
            const lla_morris_effect *x = &e[q * k + j];
            llo_buf_printf(&table->buf, "%s,%zu,%s", name, j + 1, s->axis[j].name);
            cell(&table->buf, x->mu), cell(&table->buf, x->mu_star), cell(&table->buf, x->mu_star_conf);
            cell(&table->buf, x->sigma);
            llo_buf_printf(&table->buf, ",%d\n", rank[q * k + j]);
            printf("%4d %4zu  %12.4g %12.4g %12.4g %12.4g  %s\n", rank[q * k + j], j + 1, x->mu_star, x->mu_star_conf, x->mu,
                   x->sigma, s->axis[j].name);
        }
        if (o->plots) {
            char part[200], title[512];
            file_part(part, sizeof part, name);
            snprintf(title, sizeof title, "Morris elementary effects of %s (%zu trajectories%s)", name, r,
                     o->bootstrap ? ", 95% bootstrap intervals of mu*" : "");
            llo_out_file *png = add_output(out, "plots/morris-%s%s", part, ".png");
            llo_out_file *svg = add_output(out, "plots/morris-%s%s", part, ".svg");
            char *names[k ? k : 1];
            for (size_t j = 0; j < k; j++) names[j] = s->axis[j].name;
            if (lla_morris_plot(title, k, names, e + q * k, &png->buf, &svg->buf, err, sizeof err)) {
                fprintf(stderr, "llosim: plot of %s: %s\n", name, err);
                rc = 1;
                goto done;
            }
        }
    }
    char settings[256];
    snprintf(settings, sizeof settings,
             "\"trajectories\": %zu,\n  \"bootstrap\": %d,\n  \"bootstrap_seed\": %llu,\n  \"level\": %.2f", r,
             o->bootstrap, (unsigned long long)o->seed, LEVEL);
    fflush(stdout);
    rc = write_outputs(s, out, "morris", settings, which, n_which, started, argc, argv);
    if (!rc) printf("\nwritten: %s/morris.csv, %s/morris.manifest.json%s\n", s->dir, s->dir, o->plots ? " and the plots/morris-*.png and .svg" : "");
done:
    if (out) free_outputs(out);
    free(out), free(y), free(e), free(rank), free(order), free(mu_star);
    lla_morris_plan_free(&plan);
    return rc;
}

int lla_analyze(const lla_analyze_options *opt)
{
    const lla_analyze_options o = *opt;
    int argc = o.argc, rc;
    char **argv = o.argv;
    char started[32], err[1024];
    llo_iso_now(started, sizeof started);
    lla_sweep s;
    rc = lla_sweep_read(&s, o.dir, err, sizeof err);
    if (rc) {
        fprintf(stderr, "llosim: %s\n", rc == LLA_SWEEP_NO_MEMORY ? "out of memory" : err);
        return rc == LLA_SWEEP_NO_MEMORY ? 1 : LLO_BAD_INPUT;
    }
    const char *method = o.sobol ? "sobol" : "morris";
    size_t *which = malloc(s.n_indicators * sizeof *which);
    long n_which = which ? choose_indicators(&s, &o, method, which) : -1;
    if (!which) fprintf(stderr, "llosim: out of memory\n");
    if (n_which < 0) rc = which ? LLO_BAD_INPUT : 1;
    /* gnuplot is looked for last among the checks and before anything is written. */
    if (!rc && o.plots && lla_sens_plots_available(err, sizeof err)) {
        fprintf(stderr, "llosim: %s\n", err);
        rc = 1;
    }
    if (!rc)
        rc = o.sobol ? sobol(&s, &o, which, (size_t)n_which, started, argc, argv)
                     : morris(&s, &o, which, (size_t)n_which, started, argc, argv);
    free(which);
    lla_sweep_free(&s);
    return rc;
}
