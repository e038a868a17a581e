/* What it costs: public euros per extra participant and per extra course start (ratios of
 * paired differences with a delta-method interval), the deadweight of the instruments that paid,
 * how much of the extra public money replaced other payers (crowding-out), and what the levers
 * without money of their own cost as the model prices them (docs/levers.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/report_int.h"

/* A replicate's value of one column as stored (a month at the run's scale, a share as 0 to 1). */
static double raw(const lla_comparison *c, int r, const char *column, int k)
{
    lla_measure m = {.key = column, .unit = LLA_UNIT_INDEX, .terms = {NULL}};
    return lla_measure_rep(c, r, &m, "all", k);
}

/* People who took part in a two-year window, at 1:1: employed and job seekers. */
double lla_participants(const lla_comparison *c, int r, int k)
{
    double up = c->runs[r]->shape.scale > 0 ? 1 / c->runs[r]->shape.scale : 1;
    return (raw(c, r, "participation_24m_employed", k) * raw(c, r, "employed", k) +
            raw(c, r, "participation_24m_unemployed", k) * raw(c, r, "unemployed", k)) *
           up;
}

static const lla_measure *public_money(void)
{
    for (int k = 0; k < lla_n_measures; k++)
        if (!strcmp(lla_measures[k].key, "public_money")) return &lla_measures[k];
    return NULL;
}

lla_ratio lla_public_per_participant(const lla_comparison *c, int alt)
{
    int n = c->runs[0]->shape.replicates;
    double *num = malloc((size_t)n * 2 * sizeof *num), *den = num ? num + n : NULL;
    if (!num) return (lla_ratio){NAN, NAN, NAN, 0};
    for (int k = 0; k < n; k++) {
        /* Participation counts who trained within two years: set it against two years' money. */
        num[k] = 2 * (lla_measure_rep(c, alt, public_money(), "all", k) - lla_measure_rep(c, 0, public_money(), "all", k));
        den[k] = lla_participants(c, alt, k) - lla_participants(c, 0, k);
    }
    lla_ratio r = lla_ratio_of(num, den, n);
    free(num);
    return r;
}

lla_ratio lla_public_per_start(const lla_comparison *c, int alt)
{
    int n = c->runs[0]->shape.replicates;
    double *num = malloc((size_t)n * 2 * sizeof *num), *den = num ? num + n : NULL;
    if (!num) return (lla_ratio){NAN, NAN, NAN, 0};
    lla_measure starts = {.key = "course_starts", .unit = LLA_UNIT_COUNT, .terms = {NULL}};
    for (int k = 0; k < n; k++) {
        num[k] = lla_measure_rep(c, alt, public_money(), "all", k) - lla_measure_rep(c, 0, public_money(), "all", k);
        den[k] = 12 * (lla_measure_rep(c, alt, &starts, "all", k) - lla_measure_rep(c, 0, &starts, "all", k));
    }
    lla_ratio r = lla_ratio_of(num, den, n);
    free(num);
    return r;
}

/* The paired difference of the people counted by den (the extra participants or starts). */
static lla_paired den_paired(const lla_comparison *c, int alt, int starts)
{
    int n = c->runs[0]->shape.replicates;
    double *x = malloc((size_t)n * 2 * sizeof *x), *y = x ? x + n : NULL;
    if (!x) return (lla_paired){NAN, NAN, {NAN, NAN, NAN, NAN, 0}, 0};
    lla_measure m = {.key = "course_starts", .unit = LLA_UNIT_COUNT, .terms = {NULL}};
    for (int k = 0; k < n; k++) {
        x[k] = starts ? 12 * lla_measure_rep(c, alt, &m, "all", k) : lla_participants(c, alt, k);
        y[k] = starts ? 12 * lla_measure_rep(c, 0, &m, "all", k) : lla_participants(c, 0, k);
    }
    lla_paired p = lla_paired_of(x, y, n);
    free(x);
    return p;
}

static void ratio_cell(llo_buf *b, lla_ratio r, const lla_paired *money, const lla_paired *people, const char *who)
{
    int more = lla_verdict_of(people, 0) != LLA_NOT_CLEAR && people->d.mean > 0;
    int money_clear = lla_verdict_of(money, 0) != LLA_NOT_CLEAR;
    if (!more) llo_buf_printf(b, "not defined: no clear rise in %s", who);
    else if (money_clear && money->d.mean < 0) llo_buf_printf(b, "none: more %s for less public money", who);
    else if (isnan(r.ratio)) llo_buf_printf(b, "n/a");
    else {
        llo_buf_printf(b, "&euro;");
        lla_sig3(b, r.ratio, 0);
        if (!isnan(r.low)) {
            llo_buf_printf(b, " <small>(95%% CI &euro;");
            lla_sig3_like(b, r.low, r.ratio, 0);
            llo_buf_printf(b, " to &euro;");
            lla_sig3_like(b, r.high, r.ratio, 0);
            llo_buf_printf(b, ")</small>");
        }
        if (!money_clear) llo_buf_printf(b, " <small>(the change in public money is not clear of zero)</small>");
    }
}

/* Crowding-out: of the change in what the public instruments paid for courses, the share that
 * other payers stopped paying (a ratio of paired differences, as above). */
static const char *const public_spent[] = {"jobseeker_fund_spent_eur", "regional_fund_spent_eur", "sme_subsidy_spent_eur",
                                           "learning_budget_spent_eur", "public_provider_spent_eur", NULL};
static const char *const private_spent[] = {"employer_spent_eur", "sector_funds_spent_eur", "individual_budget_spent_eur",
                                            "out_of_pocket_eur", NULL};

static double sum_of(const lla_comparison *c, int r, const char *const *cols, int k)
{
    double s = 0;
    for (int j = 0; cols[j]; j++) {
        double v = raw(c, r, cols[j], k);
        if (!isnan(v)) s += v;
    }
    return s;
}

static lla_ratio crowding(const lla_comparison *c, int alt, const char *const *payers, lla_paired *spent)
{
    int n = c->runs[0]->shape.replicates;
    double *num = malloc((size_t)n * 4 * sizeof *num), *den = num ? num + n : NULL, *a = num ? num + 2 * n : NULL,
           *bb = num ? num + 3 * n : NULL;
    if (!num) return (lla_ratio){NAN, NAN, NAN, 0};
    for (int k = 0; k < n; k++) {
        num[k] = -(sum_of(c, alt, payers, k) - sum_of(c, 0, payers, k)) * (c->runs[0]->shape.scale > 0 ? 12 / c->runs[0]->shape.scale : 12);
        /* What the public instruments paid for courses, a year at 1:1. */
        double up = c->runs[0]->shape.scale > 0 ? 12 / c->runs[0]->shape.scale : 12;
        a[k] = sum_of(c, alt, public_spent, k) * up;
        bb[k] = sum_of(c, 0, public_spent, k) * up;
        den[k] = a[k] - bb[k];
    }
    *spent = lla_paired_of(a, bb, n);
    lla_ratio r = lla_ratio_of(num, den, n);
    free(num);
    return r;
}

static void share_cell(llo_buf *b, lla_ratio r)
{
    if (isnan(r.ratio)) {
        llo_buf_printf(b, "n/a");
        return;
    }
    lla_sig3(b, 100 * r.ratio, 0);
    llo_buf_printf(b, "%%");
    if (!isnan(r.low)) {
        llo_buf_printf(b, " <small>(95%% CI ");
        lla_sig3_like(b, 100 * r.low, 100 * r.ratio, 0);
        llo_buf_printf(b, "%% to ");
        lla_sig3_like(b, 100 * r.high, 100 * r.ratio, 0);
        llo_buf_printf(b, "%%)</small>");
    }
}

static const char *const pots[] = {"jobseeker_fund", "regional_fund", "sme_subsidy", "sector_funds", "learning_budget"};

static void deadweight(llo_buf *b, const lla_comparison *c, int alt)
{
    llo_buf_printf(b, "<table class=\"costs\">\n<tr><th>instrument</th><th>starts it paid towards (a month, 1:1)</th>"
                      "<th>deadweight: starts that would have happened anyway</th><th>share of its money that went to them</th></tr>\n");
    int n = c->runs[0]->shape.replicates, rows = 0;
    double total = 0, total_dead = 0;
    for (size_t j = 0; j < sizeof pots / sizeof pots[0]; j++) {
        char col[96];
        double starts = 0, dead = 0, spent = 0, dead_eur = 0;
        for (int k = 0; k < n; k++) {
            snprintf(col, sizeof col, "%s_starts", pots[j]);
            starts += raw(c, alt, col, k);
            snprintf(col, sizeof col, "%s_deadweight_starts", pots[j]);
            dead += raw(c, alt, col, k);
            snprintf(col, sizeof col, "%s_spent_eur", pots[j]);
            spent += raw(c, alt, col, k);
            snprintf(col, sizeof col, "%s_deadweight_eur", pots[j]);
            dead_eur += raw(c, alt, col, k);
        }
        if (!(starts > 0)) continue;
        rows++;
        total += spent;
        total_dead += dead_eur;
        double up = c->runs[alt]->shape.scale > 0 ? 1 / c->runs[alt]->shape.scale : 1;
        llo_buf_printf(b, "<tr><td>");
        lla_html_escape(b, lla_instrument_label(pots[j]));
        llo_buf_printf(b, "</td><td>");
        lla_sig3(b, starts / n * up, 0);
        llo_buf_printf(b, "</td><td>");
        lla_sig3(b, 100 * dead / starts, 0);
        llo_buf_printf(b, "%%</td><td>");
        if (spent > 0) {
            lla_sig3(b, 100 * dead_eur / spent, 0);
            llo_buf_printf(b, "%%");
        } else llo_buf_printf(b, "&ndash;");
        llo_buf_printf(b, "</td></tr>\n");
    }
    if (!rows) llo_buf_printf(b, "<tr><td colspan=\"4\">no instrument paid for a start</td></tr>\n");
    llo_buf_printf(b, "</table>\n");
    if (total > 0) {
        double up = c->runs[alt]->shape.scale > 0 ? 1 / c->runs[alt]->shape.scale : 1;
        llo_buf_printf(b, "<p>Of the &euro;");
        lla_sig3(b, 12 * total / n * up, 0);
        llo_buf_printf(b, " a year these instruments paid for courses, &euro;");
        lla_sig3(b, 12 * total_dead / n * up, 0);
        llo_buf_printf(b, " (");
        lla_sig3(b, 100 * total_dead / total, 0);
        llo_buf_printf(b, "%%) went to starts that would have happened without them: money that replaced other "
                          "payers.</p>\n");
    }
}

/* The levers without money of their own, as the model prices them (docs/levers.md). */
static const char *const organising[][2] = {
    {"orchestrator_staff_eur", "orchestrators' guidance staff"}, {"front_office_eur", "one-stop front office"},
    {"convening_eur", "the regional table's meetings"},           {"outreach_eur", "the agenda's outreach"},
    {"company_scans_public_eur", "company scans, public part"},   {"company_scans_employer_eur", "company scans, employers' part"},
};

static void lever_costs(llo_buf *b, const lla_comparison *c, int alt)
{
    llo_buf_printf(b, "<table class=\"costs\">\n<tr><th>what organising costs (&euro; a year, 1:1)</th><th>");
    lla_html_escape(b, c->runs[0]->shape.name);
    llo_buf_printf(b, "</th><th>");
    lla_html_escape(b, c->runs[alt]->shape.name);
    llo_buf_printf(b, "</th><th>difference (95%% CI)</th></tr>\n");
    for (size_t j = 0; j < sizeof organising / sizeof organising[0]; j++) {
        lla_measure m = {.key = organising[j][0], .label = organising[j][1], .unit = LLA_UNIT_EUR, .terms = {NULL}};
        if (lla_series_find(c->runs[0], "all", "", "", m.key) < 0) continue;
        lla_paired p = lla_measure_paired(c, alt, &m, "all");
        llo_buf_printf(b, "<tr><td>%s</td><td>&euro;", organising[j][1]);
        lla_sig3(b, p.base, 0);
        llo_buf_printf(b, "</td><td>&euro;");
        lla_sig3(b, p.alt, 0);
        llo_buf_printf(b, "</td><td class=\"neutral%s\">", lla_verdict_of(&p, 0) == LLA_NOT_CLEAR ? " unsure" : "");
        lla_difference_cell(b, &p, LLA_UNIT_EUR, 1);
        llo_buf_printf(b, "</td></tr>\n");
    }
    llo_buf_printf(b, "</table>\n");
}

void lla_report_costs(llo_buf *b, const lla_comparison *c)
{
    llo_buf_printf(b, "<h2 id=\"costs\">What it costs</h2>\n<p class=\"note\">Public money is every public instrument's "
                      "spending and overhead plus what organising costs (guidance staff, a front office, the table's "
                      "meetings, outreach, the public part of company scans); the sector funds are the employers' levy. "
                      "An extra participant is one more person (employed or job seeker) who trained within two years, "
                      "so two years' extra public money is set against them; an extra course start against one year's. "
                      "Each cost is the ratio of the paired mean differences, with a delta-method 95%% interval over the "
                      "replicates (docs/report.md). All at 1:1.</p>\n");
    for (int alt = 1; alt < c->n_runs; alt++) {
        const lla_run *run = c->runs[alt];
        llo_buf_printf(b, "<h3>");
        lla_html_escape(b, run->shape.name);
        llo_buf_printf(b, "</h3>\n<table class=\"costs\">\n");
        const lla_measure *pm = public_money();
        lla_paired money = lla_measure_paired(c, alt, pm, "all");
        lla_paired people = den_paired(c, alt, 0), starts = den_paired(c, alt, 1);
        llo_buf_printf(b, "<tr><th>public money, change (&euro; a year)</th><td class=\"neutral\">");
        lla_difference_cell(b, &money, LLA_UNIT_EUR, 1);
        llo_buf_printf(b, "</td></tr>\n<tr><th>extra participants (people trained within two years)</th><td>");
        lla_difference_cell(b, &people, LLA_UNIT_COUNT, 1);
        llo_buf_printf(b, "</td></tr>\n<tr><th>extra course starts (a year)</th><td>");
        lla_difference_cell(b, &starts, LLA_UNIT_COUNT, 1);
        llo_buf_printf(b, "</td></tr>\n<tr><th>public euros per extra participant</th><td class=\"ratio\">");
        ratio_cell(b, lla_public_per_participant(c, alt), &money, &people, "participants");
        llo_buf_printf(b, "</td></tr>\n<tr><th>public euros per extra course start</th><td class=\"ratio\">");
        ratio_cell(b, lla_public_per_start(c, alt), &money, &starts, "course starts");
        lla_paired spent;
        lla_ratio all = crowding(c, alt, private_spent, &spent);
        lla_ratio employers = crowding(c, alt, (const char *const[]){"employer_spent_eur", "sector_funds_spent_eur", NULL}, &spent);
        llo_buf_printf(b, "</td></tr>\n<tr><th>crowding-out: of the extra public money paid for courses, the share "
                          "that replaced employers' money (their budgets and sector funds)</th><td>");
        /* A ratio over a change near zero says nothing: only when the public money paid for
         * courses rose clearly and by at least 5% of the base's. */
        int defined = lla_verdict_of(&spent, 0) != LLA_NOT_CLEAR && spent.d.mean > 0.05 * fabs(spent.base);
        if (defined) share_cell(b, employers);
        else {
            llo_buf_printf(b, "not defined: public money paid for courses did not rise by 5%% or more (");
            lla_difference_cell(b, &spent, LLA_UNIT_EUR, 0);
            llo_buf_printf(b, " a year); see the deadweight below");
        }
        llo_buf_printf(b, "</td></tr>\n<tr><th>&hellip; that replaced any other payer (employers, sector funds, "
                          "workers' own budgets and pockets)</th><td>");
        if (defined) share_cell(b, all);
        else llo_buf_printf(b, "not defined");
        llo_buf_printf(b, "</td></tr>\n</table>\n<p><b>Deadweight</b> in ");
        lla_html_escape(b, run->shape.name);
        llo_buf_printf(b, " (model.md 7.26: the same worker, month and draws without that instrument's money):</p>\n");
        deadweight(b, c, alt);
        lever_costs(b, c, alt);
    }
}
