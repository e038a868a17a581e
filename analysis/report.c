/* report.html: one page a non-programmer can read and mail around. It holds everything itself
 * (styles inline, plots as base64 PNG), so it refers to nothing outside the file: what was
 * compared, the headline differences in plain words with their 95% intervals, the plots, and
 * the exact commands and resolved scenarios that reproduce it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"

static const char style[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;"
    "color:#222;line-height:1.5}h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ccc}"
    "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}"
    "th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}.clear{color:#0b5d1e}.unclear{color:#666}"
    "img{max-width:100%}figure{margin:1.5em 0}figcaption{font-size:.9em;color:#555}"
    "pre{background:#f6f6f6;padding:.8em;overflow-x:auto;font-size:.85em}code{background:#f3f3f3}"
    "li{margin:.3em 0}.note{color:#555;font-size:.95em}";

/* How a number of this unit reads: shares in percent (differences in percentage points),
 * indices with three decimals, counts a month and money a year with one and no decimals. */
static double scaled(double x, lla_unit u)
{
    return u == LLA_UNIT_SHARE ? 100 * x : u == LLA_UNIT_EUR ? 12 * x : x;
}

/* Prints x with `decimals` decimals, never as "-0". */
static void fixed(llo_buf *b, double x, int decimals)
{
    char text[64];
    snprintf(text, sizeof text, "%.*f", decimals, x);
    const char *t = text;
    if (text[0] == '-' && strspn(text + 1, "0.") == strlen(text + 1)) t++;
    /* Thousands get a comma, so that 7120636 reads as 7,120,636. */
    if (*t == '-') llo_buf_append(b, t++, 1);
    size_t digits = strspn(t, "0123456789");
    for (size_t k = 0; k < digits; k++) {
        if (k && (digits - k) % 3 == 0) llo_buf_append(b, ",", 1);
        llo_buf_append(b, t + k, 1);
    }
    llo_buf_printf(b, "%s", t + digits);
}

static void level(llo_buf *b, double x, lla_unit u)
{
    if (isnan(x)) llo_buf_printf(b, "n/a");
    else if (u == LLA_UNIT_SHARE) llo_buf_printf(b, "%.1f%%", scaled(x, u));
    else if (u == LLA_UNIT_INDEX) llo_buf_printf(b, "%.3f", x);
    else if (u == LLA_UNIT_COUNT) fixed(b, x, 1);
    else {
        llo_buf_printf(b, "&euro;");
        fixed(b, scaled(x, u), 0);
    }
}

/* Decimals for a difference: the unit's usual ones, more when the difference or the width of
 * its interval is smaller, so a small but clear change never reads as "0.00 (0.00 to 0.00)". */
static int decimals_for(const lla_diff *r, lla_unit u)
{
    int usual = u == LLA_UNIT_SHARE ? 2 : u == LLA_UNIT_INDEX ? 4 : u == LLA_UNIT_COUNT ? 1 : 0;
    double smallest = fabs(scaled(r->d.mean, u));
    double half = r->d.n >= 2 ? fabs(scaled(r->d.ci_high - r->d.ci_low, u)) / 2 : 0;
    if (half > 0 && (smallest == 0 || half < smallest)) smallest = half;
    if (!(smallest > 0) || !isfinite(smallest)) return usual;
    int need = (int)ceil(-log10(smallest)) + 1;
    int most = u == LLA_UNIT_EUR ? 2 : 8; /* money is kept in cents */
    return need > usual ? (need > most ? most : need) : usual;
}

static void amount(llo_buf *b, double x, lla_unit u, int decimals) { fixed(b, scaled(x, u), decimals); }

static const char *unit_words(lla_unit u)
{
    switch (u) {
    case LLA_UNIT_SHARE: return " percentage points";
    case LLA_UNIT_EUR: return " euros a year";
    default: return "";
    }
}

static int clear(const lla_diff *r) { return r->d.n >= 2 && !(r->d.ci_low <= 0 && r->d.ci_high >= 0); }

static void interval(llo_buf *b, const lla_diff *r, lla_unit u, int decimals)
{
    if (r->d.n < 2) {
        llo_buf_printf(b, "no interval: a single replicate; compare with --replicates 2 or more");
        return;
    }
    llo_buf_printf(b, "95%% CI ");
    amount(b, r->d.ci_low, u, decimals);
    llo_buf_printf(b, " to ");
    amount(b, r->d.ci_high, u, decimals);
}

/* "Two-year participation of employed workers rose by 2.1 percentage points (95% CI 1.4 to
 * 2.8) with X compared with Y, from 48.8% to 50.9%." */
static void headline(llo_buf *b, const lla_key_indicator *k, const lla_diff *r, const char *alt, const char *base)
{
    char label[160];
    snprintf(label, sizeof label, "%s", k->label);
    if (label[0] >= 'a' && label[0] <= 'z') label[0] = (char)(label[0] - 32);
    llo_buf_printf(b, "<li class=\"%s\">", clear(r) ? "clear" : "unclear");
    lla_html_escape(b, label);
    if (isnan(r->d.mean)) {
        llo_buf_printf(b, ": not defined in these runs (nobody in its denominator).</li>\n");
        return;
    }
    int decimals = decimals_for(r, k->unit), same = r->d.mean == 0 && r->d.ci_low == 0 && r->d.ci_high == 0;
    if (same) llo_buf_printf(b, " was exactly the same in every replicate");
    else {
        if (r->d.mean == 0) llo_buf_printf(b, " did not change on average");
        else {
            llo_buf_printf(b, " %s by ", r->d.mean > 0 ? "rose" : "fell");
            amount(b, fabs(r->d.mean), k->unit, decimals);
            llo_buf_printf(b, "%s", unit_words(k->unit));
        }
        llo_buf_printf(b, " (");
        interval(b, r, k->unit, decimals);
        llo_buf_printf(b, ")");
    }
    llo_buf_printf(b, " with <b>");
    lla_html_escape(b, alt);
    llo_buf_printf(b, "</b> compared with ");
    lla_html_escape(b, base);
    llo_buf_printf(b, ", from ");
    level(b, r->base_mean, k->unit);
    llo_buf_printf(b, " to ");
    level(b, r->mean, k->unit);
    llo_buf_printf(b, ".");
    if (r->d.n >= 2 && !clear(r) && !same)
        llo_buf_printf(b, " The interval includes zero: with %d replicates this difference is not distinguishable from zero.", r->d.n);
    llo_buf_printf(b, "</li>\n");
}

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

static int last5(const lla_comparison *c) { return c->n_periods - 1; }

static void headlines(llo_buf *b, const lla_comparison *c, int alt)
{
    const lla_run *base = c->runs[0], *run = c->runs[alt];
    const lla_period *p = &c->periods[last5(c)];
    llo_buf_printf(b, "<h3>");
    lla_html_escape(b, run->shape.name);
    llo_buf_printf(b, " compared with ");
    lla_html_escape(b, base->shape.name);
    llo_buf_printf(b, "</h3>\n<p class=\"note\">Means over %s to %s (%d months)%s and %d replicates.</p>\n", base->dates[p->first],
                   base->dates[p->last], p->last - p->first + 1,
                   p->first == 0 && p->last + 1 < 60 ? ", the whole run, which is shorter than five years," : "",
                   base->shape.replicates);
    for (int pass = 0; pass < 2; pass++) {
        int any = 0;
        for (int k = 0; k < lla_n_key_indicators; k++) {
            long s = lla_series_find(base, "all", "", "", lla_key_indicators[k].column);
            if (s < 0) continue;
            const lla_diff *r = lla_diff_at(c, alt, (size_t)s, last5(c));
            if (clear(r) != (pass == 0)) continue;
            if (!any) llo_buf_printf(b, "<p><b>%s</b></p>\n<ul>\n", pass == 0 ? "Clear differences" : "No clear difference");
            any = 1;
            headline(b, &lla_key_indicators[k], r, run->shape.name, base->shape.name);
        }
        if (any) llo_buf_printf(b, "</ul>\n");
    }
}

static void money_table(llo_buf *b, const lla_comparison *c, int alt)
{
    const lla_run *base = c->runs[0];
    lla_instrument in[32];
    int n = lla_instruments(base, in, 32), P = last5(c);
    if (!n) return;
    llo_buf_printf(b, "<table>\n<tr><th>instrument (euros a year)</th><th>spent, ");
    lla_html_escape(b, base->shape.name);
    llo_buf_printf(b, "</th><th>spent, ");
    lla_html_escape(b, c->runs[alt]->shape.name);
    llo_buf_printf(b, "</th><th>difference (95%% CI)</th><th>overhead</th><th>lapsed</th></tr>\n");
    for (int k = 0; k < n; k++) {
        const lla_diff *r = lla_diff_at(c, alt, (size_t)in[k].spent, P);
        llo_buf_printf(b, "<tr><td>");
        lla_html_escape(b, lla_instrument_label(in[k].prefix));
        llo_buf_printf(b, "</td><td>");
        level(b, r->base_mean, LLA_UNIT_EUR);
        llo_buf_printf(b, "</td><td>");
        level(b, r->mean, LLA_UNIT_EUR);
        llo_buf_printf(b, "</td><td class=\"%s\">", clear(r) ? "clear" : "unclear");
        int decimals = decimals_for(r, LLA_UNIT_EUR);
        amount(b, r->d.mean, LLA_UNIT_EUR, decimals);
        llo_buf_printf(b, " (");
        interval(b, r, LLA_UNIT_EUR, decimals);
        llo_buf_printf(b, ")</td>");
        long extra[2] = {in[k].overhead, in[k].lapsed};
        for (int e = 0; e < 2; e++) {
            llo_buf_printf(b, "<td>");
            if (extra[e] >= 0) {
                const lla_diff *x = lla_diff_at(c, alt, (size_t)extra[e], P);
                level(b, x->base_mean, LLA_UNIT_EUR);
                llo_buf_printf(b, " &rarr; ");
                level(b, x->mean, LLA_UNIT_EUR);
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

    /* What was compared. */
    llo_buf_printf(b, "<h2>What was compared</h2>\n<p>The simulated lifelong-learning ecosystem (regions ");
    for (int r = 0; r < base->n_regions; r++) {
        llo_buf_printf(b, "%s", r == 0 ? "" : r == base->n_regions - 1 ? " and " : ", ");
        lla_html_escape(b, base->regions[r]);
    }
    llo_buf_printf(b, ") under ");
    for (int r = 0; r < c->n_runs; r++) {
        llo_buf_printf(b, "%s<b>", r == 0 ? "" : r == c->n_runs - 1 ? " and " : ", ");
        lla_html_escape(b, c->runs[r]->shape.name);
        llo_buf_printf(b, "</b>%s", r == 0 ? " (the base)" : "");
    }
    llo_buf_printf(b, ", over %d months from %s to %s after a %d-month burn-in, at 1:%g scale, %d replicates each.</p>\n",
                   base->shape.months, base->dates[0], base->dates[base->shape.months - 1], base->shape.burn_in_months,
                   base->shape.scale > 0 ? 1 / base->shape.scale : 0, base->shape.replicates);
    for (int r = 1; r < c->n_runs; r++) setting_differences(b, base, c->runs[r]);
    llo_buf_printf(b,
                   "<p class=\"note\">How to read this: every scenario was simulated %d times, and replicate k of every "
                   "scenario used the same random numbers (common random numbers), so a difference between the scenarios "
                   "in one replicate is the effect of the change, not of luck. The difference reported is the mean over the "
                   "replicates; the 95%% confidence interval (CI) says how sure we are of it: if the interval includes zero, "
                   "the simulation cannot tell the difference from zero. More replicates (--replicates) narrow it. Shares "
                   "are in percent and their differences in percentage points. Head counts and money are at the run's scale "
                   "(1:%g): multiply by %g for the province.</p>\n",
                   base->shape.replicates, base->shape.scale > 0 ? 1 / base->shape.scale : 0,
                   base->shape.scale > 0 ? 1 / base->shape.scale : 0);

    llo_buf_printf(b, "<h2>Headline differences</h2>\n");
    for (int alt = 1; alt < c->n_runs; alt++) headlines(b, c, alt);

    llo_buf_printf(b, "<h2>Money per funding instrument</h2>\n<p class=\"note\">A year, averaged over the last five "
                      "years, at the run's scale.</p>\n");
    for (int alt = 1; alt < c->n_runs; alt++) money_table(b, c, alt);

    llo_buf_printf(b, "<h2>Plots</h2>\n<p class=\"note\">Lines are means over the replicates; shaded bands and error bars "
                      "are 95%% intervals of each scenario's mean (the intervals of the differences above are narrower, "
                      "because the replicates are paired). Each plot is also in plots/ as PNG and SVG.</p>\n");
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
