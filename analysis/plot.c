/* Plots, drawn by gnuplot: the data files and one script go to a private temporary folder,
 * gnuplot draws every plot there as PNG and SVG, and the images come back into memory so they
 * are written atomically with the other outputs (and can be embedded in the report).
 *
 * Three kinds: each key indicator over time, the levels of every run with the 95% band of its
 * mean beside each alternative's paired difference from the base with its 95% band, and the
 * timeline's events marked; participation by group over the last five years; and the money
 * each funding instrument spent a year over the last five years, at 1:1. Shares are in percent,
 * the x axis starts at the first written month, every run has its own colour, dash and marker. */
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

/* Okabe-Ito: told apart by readers with any common colour-vision deficiency; the base in black.
 * Each run also has its own dash type and marker, so lines that coincide stay visible. */
static const char *const colours[] = {"#000000", "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442"};
#define N_COLOURS (int)(sizeof colours / sizeof colours[0])

int lla_plots_available(char *err, size_t errlen) { return lla_gnuplot_available("", err, errlen); }

/* The plotting session: the temporary folder, the script being written, the files made. */
typedef struct session {
    char tmp[256];
    llo_buf script, body;    /* the whole script; the current plot's commands */
    int width, height;       /* the current plot's size in pixels */
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

/* Starts a plot: its name and title are recorded and S->body emptied for its commands, which
 * end_plot writes twice, once for the PNG and once for the SVG (a multiplot cannot be replotted). */
static int begin_plot(session *S, const char *name, const char *title, int width, int height, char *err, size_t errlen)
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
    S->width = width;
    S->height = height;
    S->body.len = 0;
    return 0;
}

static void end_plot(session *S)
{
    llo_buf *b = &S->script;
    const char *full = S->list->name[S->list->n - 1];
    for (int svg = 0; svg < 2; svg++) {
        char out[300];
        snprintf(out, sizeof out, "%s.%s", full, svg ? "svg" : "png");
        llo_buf_printf(b, "reset\n");
        if (svg) llo_buf_printf(b, "set terminal svg size %d,%d font 'sans,11' noenhanced background rgb 'white'\n", S->width, S->height);
        else llo_buf_printf(b, "set terminal pngcairo size %d,%d font 'sans,11' noenhanced\n", S->width, S->height);
        llo_buf_printf(b, "set output ");
        lla_gnuplot_string(b, out);
        llo_buf_printf(b, "\n");
        llo_buf_append(b, S->body.data ? S->body.data : "", S->body.len);
        llo_buf_printf(b, "unset output\n");
    }
}

/* Shares in percent, counts a month and money a year at 1:1 (as the report reads them). */
static const char *unit_label(lla_unit u, int difference)
{
    switch (u) {
    case LLA_UNIT_SHARE: return difference ? "percentage points" : "percent";
    case LLA_UNIT_INDEX: return difference ? "difference in the index" : "index (0 to 1)";
    case LLA_UNIT_COUNT: return difference ? "difference, a month (1:1)" : "a month (1:1)";
    case LLA_UNIT_EUR: return difference ? "difference, euros a year (1:1)" : "euros a year (1:1)";
    }
    return "";
}

static double shown(double x, lla_unit u, double scale)
{
    double up = scale > 0 ? 1 / scale : 1;
    return u == LLA_UNIT_SHARE ? 100 * x : u == LLA_UNIT_COUNT ? x * up : u == LLA_UNIT_EUR ? 12 * x * up : x;
}

static const int markers[] = {7, 5, 9, 13, 11, 15, 4, 6};
#define N_MARKERS (int)(sizeof markers / sizeof markers[0])

/* The timeline's events of every run, as vertical dotted lines with a label: "<run>: <setting>". */
static void event_markers(llo_buf *b, lla_run *const *runs, int n_runs)
{
    const lla_run *r0 = runs[0];
    char seen[64][200];
    int n_seen = 0;
    for (int r = 0; r < n_runs; r++) {
        const char *t = runs[r]->resolved ? strstr(runs[r]->resolved, "\ntimeline = (") : NULL;
        const char *end = t ? strstr(t, "\n);") : NULL;
        for (const char *p = t; p && end && (p = strstr(p + 1, "{ month = ")) && p < end;) {
            int month = atoi(p + 10);
            const char *set = strstr(p, "set = \""), *shock = strstr(p, "shock = \""), *eol = strchr(p, '\n');
            char what[100] = "event";
            if (set && (!eol || set < eol)) snprintf(what, sizeof what, "%.*s", (int)strcspn(set + 7, "\""), set + 7);
            else if (shock && (!eol || shock < eol)) snprintf(what, sizeof what, "%.*s shock", (int)strcspn(shock + 9, "\""), shock + 9);
            if (month < 0 || month >= r0->shape.months) continue;
            char label[200];
            snprintf(label, sizeof label, "%d|%.60s: %.90s", month, runs[r]->shape.name, what);
            int k;
            for (k = 0; k < n_seen && strcmp(seen[k], label); k++) {}
            if (k < n_seen || n_seen == 64) continue;
            snprintf(seen[n_seen++], sizeof seen[0], "%s", label);
        }
    }
    /* One marker per month; its label lists the events (at most three, then how many more). */
    for (int k = 0; k < n_seen; k++) {
        int month = atoi(seen[k]), first = 1, count = 0;
        for (int j = 0; j < k; j++)
            if (atoi(seen[j]) == month) first = 0;
        if (!first) continue;
        char text[400] = "";
        for (int j = k; j < n_seen; j++)
            if (atoi(seen[j]) == month && count++ == 0) snprintf(text, sizeof text, "%.50s", strchr(seen[j], '|') + 1);
        /* A label that fits the plot's height: one event named, several counted. */
        if (count > 1) snprintf(text, sizeof text, "%d timeline events", count);
        llo_buf_printf(b, "set arrow from '%s', graph 0 to '%s', graph 1 nohead dashtype 3 linecolor rgb '#555555' linewidth 1.5 back\n",
                       r0->dates[month], r0->dates[month]);
        llo_buf_printf(b, "set label ");
        lla_gnuplot_string(b, text);
        llo_buf_printf(b, " at '%s', graph 0.97 rotate by 90 right offset 1.2,0 font ',9' textcolor rgb '#555555' front\n",
                       r0->dates[month]);
    }
}

/* A key indicator over time: on the left each run's level with the 95% band of its mean, on the
 * right each alternative's difference from the base, replicate by replicate (paired), with its
 * 95% band; the base is the zero line. */
static int plot_over_time(session *S, lla_run *const *runs, int n_runs, const lla_key_indicator *k, char *err, size_t errlen)
{
    llo_buf data;
    llo_buf_init(&data);
    const lla_run *r0 = runs[0];
    int reps = r0->shape.replicates, months = r0->shape.months;
    double scale = r0->shape.scale;
    double *x = malloc((size_t)reps * sizeof *x);
    if (!x) return -1;
    long s0 = lla_series_find(runs[0], "all", "", "", k->column);
    for (int pass = 0; pass < 2; pass++)
        for (int r = pass; r < n_runs; r++) {
            long s = lla_series_find(runs[r], "all", "", "", k->column);
            for (int m = 0; m < months && s >= 0 && s0 >= 0; m++) {
                for (int rep = 0; rep < reps; rep++)
                    x[rep] = shown(lla_value(runs[r], (size_t)s, rep, m), k->unit, scale) -
                             (pass ? shown(lla_value(runs[0], (size_t)s0, rep, m), k->unit, scale) : 0);
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
    char over[96];
    if (reps > 1) snprintf(over, sizeof over, "means and 95%% intervals over %d replicates", reps);
    else snprintf(over, sizeof over, "a single replicate, so no interval");
    snprintf(title, sizeof title, "%c%s (%s)", k->label[0] - 32 * (k->label[0] >= 'a' && k->label[0] <= 'z'), k->label + 1, over);
    int rc = tmp_file(S, file, &data, err, errlen);
    llo_buf_free(&data);
    int panels = n_runs > 1 ? 2 : 1;
    if (rc || begin_plot(S, name, title, panels == 2 ? 1280 : 900, 560, err, errlen)) return -1;
    llo_buf *b = &S->body;
    int years = (months + 11) / 12, step = (years + 7) / 8;
    llo_buf_printf(b, "set multiplot layout 1,%d title ", panels);
    lla_gnuplot_string(b, title);
    llo_buf_printf(b, " font ',12'\nset xdata time\nset timefmt '%%Y-%%m'\nset format x '%%Y'\n"
                      "set xrange ['%s':'%s']\nset xtics '%s', %d\nset grid ytics\nset border 3\nset tics nomirror\n"
                      "set key outside bottom center horizontal maxrows 2\nset bmargin 7\n",
                   r0->dates[0], r0->dates[months - 1], r0->dates[0], 31557600 * step);
    event_markers(b, runs, n_runs);
    for (int panel = 0; panel < panels; panel++) {
        llo_buf_printf(b, "set title ");
        if (panel == 0) lla_gnuplot_string(b, "Levels");
        else {
            char t[320];
            snprintf(t, sizeof t, "Difference from %s (paired)", r0->shape.name);
            lla_gnuplot_string(b, t);
        }
        llo_buf_printf(b, "\nset ylabel ");
        lla_gnuplot_string(b, unit_label(k->unit, panel));
        llo_buf_printf(b, "\nplot ");
        int first = 1;
        for (int r = panel; r < n_runs; r++) {
            int index = panel ? n_runs + r - 1 : r;
            const char *col = colours[r % N_COLOURS];
            llo_buf_printf(b, "%s'%s' index %d using 1:3:4 with filledcurves fillcolor rgb '%s' fillstyle transparent solid %s noborder notitle",
                           first ? "" : ", ", file, index, col, r ? "0.18" : "0.12");
            first = 0;
            llo_buf_printf(b, ", '%s' index %d using 1:2 with lines linewidth 2 dashtype %d linecolor rgb '%s' notitle", file, index,
                           1 + r % 5, col);
            /* Markers every year, each run's offset by two months, so coinciding lines show. */
            llo_buf_printf(b, ", '%s' index %d using 1:2 every 12::%d with points pointtype %d pointsize 1.1 linecolor rgb '%s' notitle",
                           file, index, (2 * r) % 12, markers[r % N_MARKERS], col);
            llo_buf_printf(b, ", NaN with linespoints linewidth 2 dashtype %d pointtype %d linecolor rgb '%s' title ", 1 + r % 5,
                           markers[r % N_MARKERS], col);
            lla_gnuplot_string(b, runs[r]->shape.name);
        }
        if (panel) {
            llo_buf_printf(b, ", 0 with lines linewidth 2 dashtype 1 linecolor rgb '%s' title ", colours[0]);
            lla_gnuplot_string(b, r0->shape.name);
        }
        llo_buf_append(b, "\n", 1);
    }
    llo_buf_printf(b, "unset multiplot\n");
    end_plot(S);
    return 0;
}

/* Dots with 95% error bars, one row per category (its label on the left, where it fits), one
 * dot per run, the runs side by side within a row. */
typedef double (*bar_value)(const lla_run *run, long series, int rep, const lla_period *p);

static double period_value(const lla_run *run, long s, int rep, const lla_period *p)
{
    return 100 * lla_period_mean(run, (size_t)s, rep, p);
}

static double yearly_value(const lla_run *run, long s, int rep, const lla_period *p)
{
    double up = run->shape.scale > 0 ? 1 / run->shape.scale : 1;
    return 12.0 * lla_period_mean(run, (size_t)s, rep, p) * up / 1e6;
}

static int plot_bars(session *S, lla_run *const *runs, int n_runs, const char *name, const char *title, const char *xlabel,
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
    size_t widest = 0;
    for (int c = 0; c < n_cat; c++) {
        llo_buf_append(&data, "\"", 1);
        llo_buf_printf(&data, "%s", labels[c]);
        llo_buf_append(&data, "\"", 1);
        if (strlen(labels[c]) > widest) widest = strlen(labels[c]);
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
    int height = 150 + 26 * n_cat + 18 * ((n_runs + 2) / 3);
    if (rc || begin_plot(S, name, title, 1100, height, err, errlen)) return -1;
    llo_buf *b = &S->body;
    llo_buf_printf(b, "set title ");
    lla_gnuplot_string(b, title);
    /* The left margin holds the longest label (about 0.9 characters of margin per character). */
    llo_buf_printf(b, " font ',12'\nset yrange [%f:-0.7]\nset ytics nomirror scale 0\nset grid xtics ytics\n"
                      "set border 1\nset xtics nomirror\nset lmargin %d\nset key outside right top vertical\n"
                      "set xrange [0:*]\nset xlabel ",
                   n_cat - 0.3, (int)(widest * 0.85) + 3);
    lla_gnuplot_string(b, xlabel);
    llo_buf_printf(b, "\nplot ");
    for (int r = 0; r < n_runs; r++) {
        double off = n_runs > 1 ? 0.5 * ((double)r / (n_runs - 1) - 0.5) : 0;
        llo_buf_printf(b, "%s'%s' using %d:($0%+.3f):%d:%d%s with xerrorbars pointtype %d pointsize 1.2 linewidth 1.5 linecolor rgb '%s' title ",
                       r ? ", " : "", file, 2 + 3 * r, off, 3 + 3 * r, 4 + 3 * r, r ? "" : ":ytic(1)", markers[r % N_MARKERS],
                       colours[r % N_COLOURS]);
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
        size_t len = strlen(x->dimension) + strlen(x->group) + 4;
        if (!(labels[n] = malloc(len))) { rc = -1; break; }
        snprintf(labels[n], len, "%s (%s)", x->group, x->dimension);
        for (char *u = labels[n]; *u; u++)
            if (*u == '_') *u = ' ';
        for (int r = 0; r < n_runs; r++) series[r][n] = lla_series_find(runs[r], "all", x->dimension, x->group, x->indicator);
        n++;
    }
    if (rc == 0)
        rc = plot_bars(S, runs, n_runs, "participation-by-group",
                       "Two-year participation by group, last five years (mean and 95% interval)", "percent", n,
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
                       "Money spent on courses per payer, a year over the last five years (mean and 95% interval)",
                       "million euros a year (1:1)", n,
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
    llo_buf_init(&S.body);
    int rc = 0;
    for (int k = 0; k < lla_n_key_indicators && rc == 0; k++)
        if (lla_series_find(runs[0], "all", "", "", lla_key_indicators[k].column) >= 0)
            rc = plot_over_time(&S, runs, n_runs, &lla_key_indicators[k], err, errlen);
    if (rc == 0) rc = plot_groups(&S, runs, n_runs, err, errlen);
    if (rc == 0) rc = plot_money(&S, runs, n_runs, err, errlen);
    if (rc == 0 && (S.script.failed || S.body.failed)) {
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
    llo_buf_free(&S.body);
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
