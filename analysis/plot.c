/* Plots, drawn by gnuplot: the data files and one script go to a private temporary folder,
 * gnuplot draws every plot there as PNG and SVG, and the images come back into memory so they
 * are written atomically with the other outputs (and can be embedded in the report).
 *
 * Three kinds: each key indicator over time, one line per run with its 95% band over
 * replicates; participation by group over the last five years; and the money each funding
 * instrument spent a year over the last five years. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "analysis/analysis_int.h"
#include "analysis/gnuplot.h"

static const char *const colours[] = {"#1b6ca8", "#d1495b", "#2e933c", "#edae49", "#6a4c93", "#00798c", "#8c564b", "#444444"};
#define N_COLOURS (int)(sizeof colours / sizeof colours[0])

int lla_plots_available(char *err, size_t errlen) { return lla_gnuplot_available("", err, errlen); }

/* The plotting session: the temporary folder, the script being written, the files made. */
typedef struct session {
    char tmp[256];
    llo_buf script;
    char *made[256];  /* files created in tmp, removed at the end */
    int n_made;
    lla_plot_list *list;
    const char *prefix;
} session;

static int tmp_file(session *S, const char *name, const llo_buf *content, char *err, size_t errlen)
{
    if (S->n_made == 256) {
        snprintf(err, errlen, "too many plot files");
        return -1;
    }
    size_t len = strlen(name) + 1;
    S->made[S->n_made] = malloc(len);
    if (!S->made[S->n_made]) return -1;
    memcpy(S->made[S->n_made++], name, len);
    if (!content) return 0;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", S->tmp, name);
    FILE *f = fopen(path, "wb");
    if (!f || (content->len && fwrite(content->data, 1, content->len, f) != content->len) || fclose(f) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static void number(llo_buf *b, double x) { isnan(x) ? llo_buf_printf(b, " NaN") : llo_buf_printf(b, " %.10g", x); }

/* Starts a plot: its name and title are recorded, its PNG output opened; end_plot adds the SVG. */
static int begin_plot(session *S, const char *name, const char *title, char *err, size_t errlen)
{
    lla_plot_list *l = S->list;
    if (l->n == 64) {
        snprintf(err, errlen, "too many plots");
        return -1;
    }
    char full[256];
    snprintf(full, sizeof full, "%s%s", S->prefix, name);
    l->name[l->n] = strdup(full);
    l->title[l->n] = strdup(title);
    l->n++;
    char png[300], svg[300];
    snprintf(png, sizeof png, "%s.png", full);
    snprintf(svg, sizeof svg, "%s.svg", full);
    if (tmp_file(S, png, NULL, err, errlen) || tmp_file(S, svg, NULL, err, errlen)) return -1;
    llo_buf *b = &S->script;
    llo_buf_printf(b, "reset\nset terminal pngcairo size 960,540 font 'sans,11' noenhanced\nset output ");
    lla_gnuplot_string(b, png);
    llo_buf_printf(b, "\nset title ");
    lla_gnuplot_string(b, title);
    llo_buf_printf(b, "\nset grid ytics\nset key outside bottom center horizontal\nset border 3\nset tics nomirror\n");
    return 0;
}

static void end_plot(session *S)
{
    llo_buf *b = &S->script;
    char svg[300];
    snprintf(svg, sizeof svg, "%s.svg", S->list->name[S->list->n - 1]);
    llo_buf_printf(b, "set terminal svg size 960,540 font 'sans,11' noenhanced background rgb 'white'\nset output ");
    lla_gnuplot_string(b, svg);
    llo_buf_printf(b, "\nreplot\nunset output\n");
}

static const char *unit_label(lla_unit u)
{
    switch (u) {
    case LLA_UNIT_SHARE: return "share (0 to 1)";
    case LLA_UNIT_INDEX: return "index (0 to 1)";
    case LLA_UNIT_COUNT: return "per month (at the run's scale)";
    case LLA_UNIT_EUR: return "euros per year (at the run's scale)";
    }
    return "";
}

/* A key indicator over time: each run's mean over replicates with its 95% band. */
static int plot_over_time(session *S, lla_run *const *runs, int n_runs, const lla_key_indicator *k, char *err, size_t errlen)
{
    llo_buf data;
    llo_buf_init(&data);
    const lla_run *r0 = runs[0];
    int reps = r0->shape.replicates, months = r0->shape.months;
    double *x = malloc((size_t)reps * sizeof *x);
    if (!x) return -1;
    for (int r = 0; r < n_runs; r++) {
        long s = lla_series_find(runs[r], "all", "", "", k->column);
        for (int m = 0; m < months && s >= 0; m++) {
            for (int rep = 0; rep < reps; rep++) x[rep] = lla_value(runs[r], (size_t)s, rep, m);
            lla_estimate e = lla_estimate_of(x, reps);
            llo_buf_printf(&data, "%s", runs[r]->dates[m]);
            number(&data, e.mean);
            number(&data, e.n >= 2 ? e.ci_low : e.mean);
            number(&data, e.n >= 2 ? e.ci_high : e.mean);
            llo_buf_append(&data, "\n", 1);
        }
        llo_buf_printf(&data, "\n\n");
    }
    free(x);
    char name[128], file[160], title[256];
    snprintf(name, sizeof name, "%s", k->column);
    snprintf(file, sizeof file, "%s%s.dat", S->prefix, name);
    char over[64];
    if (reps > 1) snprintf(over, sizeof over, "mean and 95%% interval over %d replicates", reps);
    else snprintf(over, sizeof over, "a single replicate, so no interval");
    snprintf(title, sizeof title, "%c%s (%s)", k->label[0] - 32 * (k->label[0] >= 'a' && k->label[0] <= 'z'), k->label + 1, over);
    int rc = tmp_file(S, file, &data, err, errlen);
    llo_buf_free(&data);
    if (rc || begin_plot(S, name, title, err, errlen)) return -1;
    llo_buf *b = &S->script;
    llo_buf_printf(b, "set xdata time\nset timefmt '%%Y-%%m'\nset format x '%%Y'\nset xtics 31557600\nset ylabel ");
    lla_gnuplot_string(b, unit_label(k->unit));
    llo_buf_printf(b, "\nplot ");
    for (int r = 0; r < n_runs; r++) {
        llo_buf_printf(b, "%s'%s' index %d using 1:3:4 with filledcurves fillcolor rgb '%s' fillstyle transparent solid 0.2 noborder notitle, ",
                       r ? ", " : "", file, r, colours[r % N_COLOURS]);
        llo_buf_printf(b, "'%s' index %d using 1:2 with lines linewidth 2 linecolor rgb '%s' title ", file, r, colours[r % N_COLOURS]);
        lla_gnuplot_string(b, runs[r]->shape.name);
    }
    llo_buf_append(b, "\n", 1);
    end_plot(S);
    return 0;
}

/* Bars with 95% error bars: one row per category, one bar per run. */
typedef double (*bar_value)(const lla_run *run, long series, int rep, const lla_period *p);

static double period_value(const lla_run *run, long s, int rep, const lla_period *p)
{
    return lla_period_mean(run, (size_t)s, rep, p);
}

static double yearly_value(const lla_run *run, long s, int rep, const lla_period *p)
{
    return 12.0 * lla_period_mean(run, (size_t)s, rep, p);
}

static int plot_bars(session *S, lla_run *const *runs, int n_runs, const char *name, const char *title, const char *ylabel,
                     int n_cat, char *const *labels, long *const *series, bar_value value, char *err, size_t errlen)
{
    if (n_cat == 0) return 0;
    int reps = runs[0]->shape.replicates;
    lla_period periods[64];
    int np = lla_periods(runs[0], periods, 64);
    const lla_period *last5 = &periods[np - 1];
    double *x = malloc((size_t)reps * sizeof *x);
    llo_buf data;
    llo_buf_init(&data);
    if (!x) return -1;
    for (int c = 0; c < n_cat; c++) {
        llo_buf_append(&data, "\"", 1);
        llo_buf_printf(&data, "%s", labels[c]);
        llo_buf_append(&data, "\"", 1);
        for (int r = 0; r < n_runs; r++) {
            long s = series[r][c];
            for (int rep = 0; rep < reps; rep++) x[rep] = s >= 0 ? value(runs[r], s, rep, last5) : NAN;
            lla_estimate e = lla_estimate_of(x, reps);
            number(&data, e.mean);
            number(&data, e.n >= 2 ? e.ci_low : e.mean);
            number(&data, e.n >= 2 ? e.ci_high : e.mean);
        }
        llo_buf_append(&data, "\n", 1);
    }
    free(x);
    char file[160];
    snprintf(file, sizeof file, "%s%s.dat", S->prefix, name);
    int rc = tmp_file(S, file, &data, err, errlen);
    llo_buf_free(&data);
    if (rc || begin_plot(S, name, title, err, errlen)) return -1;
    llo_buf *b = &S->script;
    llo_buf_printf(b, "set style data histogram\nset style histogram errorbars gap 1 linewidth 1\n"
                      "set style fill solid 0.75 border -1\nset xtics rotate by -35 scale 0\nset yrange [0:*]\n"
                      "set grid noxtics\nset rmargin 10\n%s\nset ylabel ", value == yearly_value ? "set format y '%.1s%c'" : "");
    lla_gnuplot_string(b, ylabel);
    llo_buf_printf(b, "\nplot ");
    for (int r = 0; r < n_runs; r++) {
        llo_buf_printf(b, "%s'%s' using %d:%d:%d%s linecolor rgb '%s' title ", r ? ", " : "", file, 2 + 3 * r, 3 + 3 * r,
                       4 + 3 * r, r ? "" : ":xtic(1)", colours[r % N_COLOURS]);
        lla_gnuplot_string(b, runs[r]->shape.name);
    }
    llo_buf_append(b, "\n", 1);
    end_plot(S);
    return 0;
}

static int plot_groups(session *S, lla_run *const *runs, int n_runs, char *err, size_t errlen)
{
    const lla_run *r0 = runs[0];
    int n = 0, rc = 0;
    char **labels = calloc(r0->n_series, sizeof *labels);
    long **series = calloc((size_t)n_runs, sizeof *series);
    if (!labels || !series) rc = -1;
    for (int r = 0; r < n_runs && rc == 0; r++)
        if (!(series[r] = calloc(r0->n_series, sizeof **series))) rc = -1;
    for (size_t s = 0; s < r0->n_series && rc == 0; s++) {
        const lla_series *x = &r0->series[s];
        /* Groups come from the data, so a new dimension (a cross of two, say) is plotted too. */
        if (strcmp(x->region, "all") || !*x->dimension || strcmp(x->indicator, "participation_24m")) continue;
        size_t len = strlen(x->dimension) + strlen(x->group) + 2;
        if (!(labels[n] = malloc(len))) { rc = -1; break; }
        snprintf(labels[n], len, "%s=%s", x->dimension, x->group);
        for (int r = 0; r < n_runs; r++) series[r][n] = lla_series_find(runs[r], "all", x->dimension, x->group, x->indicator);
        n++;
    }
    if (rc == 0)
        rc = plot_bars(S, runs, n_runs, "participation-by-group",
                       "Two-year participation by group, last five years (mean and 95% interval)", "share (0 to 1)", n,
                       labels, series, period_value, err, errlen);
    for (int k = 0; k < n; k++) free(labels[k]);
    free(labels);
    for (int r = 0; r < n_runs && series; r++) free(series[r]);
    free(series);
    return rc;
}

static int plot_money(session *S, lla_run *const *runs, int n_runs, char *err, size_t errlen)
{
    lla_instrument in[32];
    int n = lla_instruments(runs[0], in, 32), rc = 0;
    char *labels[32];
    long *series[64];
    if (n_runs > 64) return -1;
    for (int k = 0; k < n; k++) labels[k] = (char *)lla_instrument_label(in[k].prefix);
    for (int r = 0; r < n_runs; r++) {
        series[r] = calloc(32, sizeof **series);
        if (!series[r]) { rc = -1; n_runs = r; break; }
        for (int k = 0; k < n; k++)
            series[r][k] = lla_series_find(runs[r], "all", "", "", runs[0]->series[in[k].spent].indicator);
    }
    if (rc == 0)
        rc = plot_bars(S, runs, n_runs, "money-by-instrument",
                       "Money spent on courses per funding instrument, a year over the last five years", "euros per year (at the run's scale)", n,
                       labels, series, yearly_value, err, errlen);
    for (int r = 0; r < n_runs; r++) free(series[r]);
    return rc;
}

/* Reads tmp/name into a new output plots/name. */
static int collect(session *S, const char *name, lla_outputs *out, char *err, size_t errlen)
{
    char path[512], target[300];
    snprintf(path, sizeof path, "%s/%s", S->tmp, name);
    snprintf(target, sizeof target, "plots/%s", name);
    FILE *f = fopen(path, "rb");
    llo_buf *b = lla_outputs_add(out, target);
    if (!f || !b) {
        snprintf(err, errlen, "gnuplot did not make %s", name);
        if (f) fclose(f);
        return -1;
    }
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) llo_buf_append(b, chunk, got);
    fclose(f);
    if (b->len == 0) {
        snprintf(err, errlen, "gnuplot made an empty %s", name);
        return -1;
    }
    return 0;
}

int lla_plots_make(lla_run *const *runs, int n_runs, const char *prefix, lla_outputs *out, lla_plot_list *list, char *err,
                   size_t errlen)
{
    session S = {.list = list, .prefix = prefix};
    const char *tmpdir = getenv("TMPDIR");
    snprintf(S.tmp, sizeof S.tmp, "%s/llosim-plots-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
    if (!mkdtemp(S.tmp)) {
        snprintf(err, errlen, "cannot make a temporary folder for the plots: %s: %s", S.tmp, strerror(errno));
        return -1;
    }
    llo_buf_init(&S.script);
    int rc = 0;
    for (int k = 0; k < lla_n_key_indicators && rc == 0; k++)
        if (lla_series_find(runs[0], "all", "", "", lla_key_indicators[k].column) >= 0)
            rc = plot_over_time(&S, runs, n_runs, &lla_key_indicators[k], err, errlen);
    if (rc == 0) rc = plot_groups(&S, runs, n_runs, err, errlen);
    if (rc == 0) rc = plot_money(&S, runs, n_runs, err, errlen);
    if (rc == 0 && S.script.failed) {
        snprintf(err, errlen, "out of memory writing the plot script");
        rc = -1;
    }
    if (rc == 0) rc = tmp_file(&S, "plots.gp", &S.script, err, errlen);
    if (rc == 0 && tmp_file(&S, "gnuplot.log", NULL, err, errlen) == 0) {
        int status = lla_gnuplot_run(S.tmp, "plots.gp", NULL, 1);
        if (status != 0) {
            char log[600] = "", path[512];
            snprintf(path, sizeof path, "%s/gnuplot.log", S.tmp);
            FILE *f = fopen(path, "r");
            if (f) {
                size_t got = fread(log, 1, sizeof log - 1, f);
                log[got] = 0;
                fclose(f);
            }
            snprintf(err, errlen, "gnuplot failed (exit %d)%s%s", status, *log ? ": " : "", log);
            rc = -1;
        }
    }
    for (int k = 0; k < list->n && rc == 0; k++) {
        char name[300];
        snprintf(name, sizeof name, "%s.png", list->name[k]);
        rc = collect(&S, name, out, err, errlen);
        snprintf(name, sizeof name, "%s.svg", list->name[k]);
        if (rc == 0) rc = collect(&S, name, out, err, errlen);
    }
    for (int k = 0; k < S.n_made; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", S.tmp, S.made[k]);
        unlink(path);
        free(S.made[k]);
    }
    rmdir(S.tmp);
    llo_buf_free(&S.script);
    return rc;
}

void lla_plot_list_free(lla_plot_list *l)
{
    for (int k = 0; k < l->n; k++) {
        free(l->name[k]);
        free(l->title[k]);
    }
    l->n = 0;
}
