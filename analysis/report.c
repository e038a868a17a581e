/* report.html: one page a non-programmer can read and mail around. It holds everything itself
 * (styles inline, plots as base64 PNG), so it refers to nothing outside the file: what was
 * compared, the headline differences in plain words with their 95% intervals, the plots, and
 * the exact commands and resolved scenarios that reproduce it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/report_int.h"

static const char style[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1240px;margin:2em auto;padding:0 1em;"
    "color:#222;line-height:1.45}h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}h4{margin-bottom:.3em}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right;"
    "vertical-align:top}th{background:#f3f3f3;font-weight:600}td:first-child,th:first-child{text-align:left}"
    "table.costs th{text-align:left}small{color:inherit;opacity:.85}.n{white-space:nowrap}"
    /* Okabe-Ito blue and vermillion, darkened for text: better and worse, whatever the certainty. */
    ".better{color:#005f95}.worse{color:#b34700}.neutral{color:#222}.unsure{opacity:.5}"
    ".tag{font-size:.8em;border:1px solid currentColor;border-radius:3px;padding:0 .3em}.named{font-size:.85em;color:#555}"
    ".mark{color:#222}ul.compact li{margin:.1em 0}.lead{font-size:1.05em}.header{background:#f8f8f4;border-left:4px solid "
    "#cfcfb8;padding:.2em 1em}.intervals{background:#f4f7fb;padding:.6em 1em}"
    "img{max-width:100%}figure{margin:1.5em 0}figcaption{font-size:.9em;color:#555}svg.map{max-width:100%;height:auto}"
    "pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:.85em;white-space:pre-wrap}code{background:#f3f3f3}"
    "li{margin:.3em 0}.note{color:#555;font-size:.95em}";

/* ---- the settings in which two resolved scenarios differ ---- */

typedef struct setting {
    char path[160];
    char value[600];
} setting;

/* Reads the "key = value;" statements of a resolved scenario with their group path. */
static int settings_of(const char *text, setting *out, int cap)
{
    char group[8][64];
    int depth = 0, n = 0;
    setting *open = NULL; /* a value running over several lines */
    const char *p = text;
    while (*p) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        char line[700];
        snprintf(line, sizeof line, "%.*s", (int)(len < sizeof line ? len : sizeof line - 1), p);
        p += len + (eol ? 1 : 0);
        char *s = line;
        while (*s == ' ') s++;
        if (*s == '#' || !*s) continue;
        if (open) {
            size_t used = strlen(open->value);
            snprintf(open->value + used, sizeof open->value - used, " %s", s);
            if (s[strlen(s) - 1] == ';') open = NULL;
            continue;
        }
        if (!strcmp(s, "};")) {
            if (depth) depth--;
            continue;
        }
        char *eq = strstr(s, " = ");
        if (!eq) continue;
        *eq = 0;
        char *value = eq + 3;
        if (!strcmp(value, "{")) {
            if (depth < 8) snprintf(group[depth], sizeof group[0], "%.63s", s);
            depth++;
            continue;
        }
        if (n == cap) break;
        setting *t = &out[n++];
        t->path[0] = 0;
        for (int k = 0; k < depth && k < 8; k++) {
            size_t used = strlen(t->path);
            snprintf(t->path + used, sizeof t->path - used, "%s.", group[k]);
        }
        size_t used = strlen(t->path);
        snprintf(t->path + used, sizeof t->path - used, "%s", s);
        snprintf(t->value, sizeof t->value, "%s", value);
        if (value[strlen(value) - 1] != ';') open = t;
    }
    for (int k = 0; k < n; k++) {
        size_t len = strlen(out[k].value);
        if (len && out[k].value[len - 1] == ';') out[k].value[len - 1] = 0;
    }
    return n;
}

static void setting_differences(llo_buf *b, const lla_run *base, const lla_run *alt)
{
    enum { CAP = 1024 };
    setting *x = malloc(2 * CAP * sizeof *x), *y = x ? x + CAP : NULL;
    if (!x) return;
    int nx = settings_of(base->resolved, x, CAP), ny = settings_of(alt->resolved, y, CAP), shown = 0;
    llo_buf_printf(b, "<p>Settings of <b>");
    lla_html_escape(b, alt->shape.name);
    llo_buf_printf(b, "</b> that differ from ");
    lla_html_escape(b, base->shape.name);
    llo_buf_printf(b, ":</p>\n<ul>\n");
    for (int j = 0; j < ny; j++) {
        if (!strcmp(y[j].path, "name")) continue;
        int k;
        for (k = 0; k < nx && strcmp(x[k].path, y[j].path); k++) {}
        if (k < nx && !strcmp(x[k].value, y[j].value)) continue;
        llo_buf_printf(b, "<li><code>");
        lla_html_escape(b, y[j].path);
        llo_buf_printf(b, "</code>: ");
        lla_html_escape(b, k < nx ? x[k].value : "(not set)");
        llo_buf_printf(b, " &rarr; ");
        lla_html_escape(b, y[j].value);
        llo_buf_printf(b, "</li>\n");
        shown++;
    }
    if (!shown) llo_buf_printf(b, "<li>none: the two scenarios are the same apart from their names</li>\n");
    llo_buf_printf(b, "</ul>\n");
    free(x);
}

/* ---- the page ---- */

/* Money per funding instrument, a year at 1:1: what each spent, the change, overhead and lapsed. */
static void money_table(llo_buf *b, const lla_comparison *c, int alt)
{
    const lla_run *base = c->runs[0];
    lla_instrument in[32];
    int n = lla_instruments(base, in, 32);
    if (!n) return;
    llo_buf_printf(b, "<h3>");
    lla_html_escape(b, c->runs[alt]->shape.name);
    llo_buf_printf(b, "</h3>\n<table>\n<tr><th>instrument (&euro; a year, 1:1)</th><th>spent, ");
    lla_html_escape(b, base->shape.name);
    llo_buf_printf(b, "</th><th>spent, ");
    lla_html_escape(b, c->runs[alt]->shape.name);
    llo_buf_printf(b, "</th><th>difference (95%% CI)</th><th>overhead</th><th>lapsed</th></tr>\n");
    for (int k = 0; k < n; k++) {
        lla_measure m = {.key = base->series[in[k].spent].indicator, .unit = LLA_UNIT_EUR, .terms = {NULL}};
        lla_paired r = lla_measure_paired(c, alt, &m, "all");
        llo_buf_printf(b, "<tr><td>");
        lla_html_escape(b, lla_instrument_label(in[k].prefix));
        llo_buf_printf(b, "</td><td>&euro;");
        lla_sig3(b, r.base, 0);
        llo_buf_printf(b, "</td><td>&euro;");
        lla_sig3(b, r.alt, 0);
        llo_buf_printf(b, "</td><td class=\"neutral%s\">", lla_verdict_of(&r, 0) == LLA_NOT_CLEAR ? " unsure" : "");
        lla_difference_cell(b, &r, LLA_UNIT_EUR, 1);
        llo_buf_printf(b, "</td>");
        long extra[2] = {in[k].overhead, in[k].lapsed};
        for (int e = 0; e < 2; e++) {
            llo_buf_printf(b, "<td>");
            if (extra[e] >= 0) {
                lla_measure x = {.key = base->series[extra[e]].indicator, .unit = LLA_UNIT_EUR, .terms = {NULL}};
                lla_paired p = lla_measure_paired(c, alt, &x, "all");
                llo_buf_printf(b, "&euro;");
                lla_sig3(b, p.base, 0);
                llo_buf_printf(b, " &rarr; &euro;");
                lla_sig3(b, p.alt, 0);
            } else llo_buf_printf(b, "&ndash;");
            llo_buf_printf(b, "</td>");
        }
        llo_buf_printf(b, "</tr>\n");
    }
    llo_buf_printf(b, "</table>\n");
}

static const llo_out_file *find_output(const lla_outputs *out, const char *name)
{
    for (int k = 0; k < out->n; k++)
        if (!strcmp(out->files[k].name, name)) return &out->files[k];
    return NULL;
}

static void pre(llo_buf *b, const char *text)
{
    llo_buf_printf(b, "<pre>");
    lla_html_escape(b, text);
    llo_buf_printf(b, "</pre>\n");
}

void lla_report_html(llo_buf *b, const lla_comparison *c, const lla_plot_list *plots, const lla_outputs *out,
                     const char *command)
{
    const lla_run *base = c->runs[0];
    llo_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>llosim: ");
    for (int r = 1; r < c->n_runs; r++) {
        if (r > 1) llo_buf_printf(b, ", ");
        lla_html_escape(b, c->runs[r]->shape.name);
    }
    llo_buf_printf(b, " compared with ");
    lla_html_escape(b, base->shape.name);
    llo_buf_printf(b, "</title>\n<style>%s</style>\n</head>\n<body>\n<h1>", style);
    for (int r = 1; r < c->n_runs; r++) {
        if (r > 1) llo_buf_printf(b, ", ");
        lla_html_escape(b, c->runs[r]->shape.name);
    }
    llo_buf_printf(b, " compared with ");
    lla_html_escape(b, base->shape.name);
    llo_buf_printf(b, "</h1>\n");

    /* First what a memo quotes: the table, what matters, what it costs, why; then the regions,
     * the plots and, last, what was compared and how to reproduce it. */
    llo_buf_printf(b, "<p class=\"lead\">");
    for (int r = 0; r < c->n_runs; r++) {
        llo_buf_printf(b, "%s<b>", r == 0 ? "" : r == c->n_runs - 1 ? " and " : ", ");
        lla_html_escape(b, c->runs[r]->shape.name);
        llo_buf_printf(b, "</b>%s", r == 0 ? " (the base)" : "");
    }
    llo_buf_printf(b, ": the simulated lifelong-learning ecosystem of Noord-Brabant (regions ");
    for (int r = 0; r < base->n_regions; r++) {
        llo_buf_printf(b, "%s", r == 0 ? "" : r == base->n_regions - 1 ? " and " : ", ");
        lla_html_escape(b, base->regions[r]);
    }
    llo_buf_printf(b, "), %d months from %s to %s after a %d-month burn-in, %d replicates each with common random "
                      "numbers, simulated at 1:%g and <b>shown at province scale (1:1)</b>.</p>\n",
                   base->shape.months, base->dates[0], base->dates[base->shape.months - 1], base->shape.burn_in_months,
                   base->shape.replicates, base->shape.scale > 0 ? 1 / base->shape.scale : 0);
    lla_report_summary(b, c);
    lla_report_headlines(b, c);
    lla_report_costs(b, c);
    llo_buf_printf(b, "<h3>Money per funding instrument</h3>\n");
    for (int alt = 1; alt < c->n_runs; alt++) money_table(b, c, alt);
    lla_report_why(b, c);
    lla_report_regions(b, c);

    llo_buf_printf(b, "<h2 id=\"plots\">Plots</h2>\n<p class=\"note\">Each key indicator over time: the levels of every "
                      "scenario with the 95%% band of its mean (left), and each scenario's difference from the base with "
                      "the paired 95%% band (right), which is what the intervals above are. Dotted vertical lines mark "
                      "the scenarios' timeline events. Each plot is also in plots/ as PNG and SVG.</p>\n");
    for (int k = 0; k < plots->n; k++) {
        char name[300];
        snprintf(name, sizeof name, "plots/%s.png", plots->name[k]);
        const llo_out_file *png = find_output(out, name);
        if (!png) continue;
        llo_buf_printf(b, "<figure><img alt=\"");
        lla_html_escape(b, plots->title[k]);
        llo_buf_printf(b, "\" src=\"data:image/png;base64,");
        lla_base64(b, (const unsigned char *)png->buf.data, png->buf.len);
        llo_buf_printf(b, "\"><figcaption>");
        lla_html_escape(b, plots->title[k]);
        llo_buf_printf(b, "</figcaption></figure>\n");
    }

    llo_buf_printf(b, "<h2 id=\"compared\">What was compared</h2>\n");
    for (int r = 1; r < c->n_runs; r++) setting_differences(b, base, c->runs[r]);

    llo_buf_printf(b, "<h2>All the numbers</h2>\n<p>comparison.csv, beside this page, holds every indicator of "
                      "timeseries.csv (for the province and each region), groups.csv and network.csv, for each year "
                      "and the last five years: each scenario's mean, the base's, the difference and its 95%% interval. "
                      "docs/columns.md explains every column.</p>\n");

    llo_buf_printf(b, "<h2>How to reproduce this</h2>\n<p>This report was made with:</p>\n");
    pre(b, command);
    llo_buf_printf(b, "<p>The same llosim version (%s", base->shape.version);
    if (*base->git_describe) {
        llo_buf_printf(b, ", build ");
        lla_html_escape(b, base->git_describe);
    }
    llo_buf_printf(b, ") gives the same numbers byte for byte. Each scenario's run folder was made by the command "
                      "below, and its resolved scenario (every setting, defaults filled in) reproduces the run on its "
                      "own: <code>llosim run scenario.resolved.cfg</code>. To redo only the analysis from the run folders, "
                      "give <code>llosim compare</code> the folders instead of the scenario files.</p>\n");
    for (int r = 0; r < c->n_runs; r++) {
        const lla_run *run = c->runs[r];
        llo_buf_printf(b, "<h3>");
        lla_html_escape(b, run->shape.name);
        llo_buf_printf(b, "</h3>\n<p>Run folder <code>");
        lla_html_escape(b, run->dir);
        llo_buf_printf(b, "</code>, made by:</p>\n");
        pre(b, run->command);
        char resolved[4200];
        snprintf(resolved, sizeof resolved, "%s/scenario.resolved.cfg", run->dir);
        char *argv[] = {"llosim", "run", resolved, "-o", (char *)run->dir};
        char *alone = lla_command_line(5, argv);
        llo_buf_printf(b, "<p>and, on its own, by:</p>\n");
        pre(b, alone ? alone : "");
        free(alone);
        llo_buf_printf(b, "<details><summary>The resolved scenario (scenario.resolved.cfg)</summary>\n");
        pre(b, run->resolved);
        llo_buf_printf(b, "</details>\n");
    }
    llo_buf_printf(b, "</body>\n</html>\n");
}
