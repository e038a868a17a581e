/* The report's first sections: a table of every scenario against the key indicators at
 * province scale, then what matters: the headlines (clear of zero and of a meaningful size), the
 * differences that are clear but small, and those the simulation cannot tell from zero. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/report_int.h"

/* The summary table's columns: participation (all employed, low-educated, small firms, job
 * seekers), never trained, public money, employers' money. */
static const char *const summary_keys[] = {"participation_24m_employed", "participation_24m_low_educated",
                                           "participation_24m_small_firms", "participation_24m_unemployed",
                                           "never_trained_employed", "public_money", "employers_money"};
static const char *const summary_heads[] = {"participation, employed (%)", "participation, low-educated (%)",
                                            "participation, small firms (%)", "participation, job seekers (%)",
                                            "never trained, employed (%)", "public money (&euro; a year)",
                                            "employers' money (&euro; a year)"};
#define N_SUMMARY (int)(sizeof summary_keys / sizeof summary_keys[0])

/* The indicators every comparison looks at; a scenario's "Look at" adds its own. */
static const char *const headline_keys[] = {
    "participation_24m_employed", "participation_24m_low_educated", "participation_24m_small_firms",
    "participation_24m_unemployed", "never_trained_employed", "public_money", "employers_money", "course_starts",
    "informal_learning_share", "skill_gap_mean", "provider_fit_mean", "trust_in_orchestrator", "agenda_strength",
    "fragmentation_index", "referral_losses", "refused_requests"};
#define N_HEADLINE (int)(sizeof headline_keys / sizeof headline_keys[0])

static void period_note(llo_buf *b, const lla_comparison *c)
{
    const lla_run *base = c->runs[0];
    const lla_period *p = &c->periods[c->n_periods - 1];
    double up = base->shape.scale > 0 ? 1 / base->shape.scale : 1;
    llo_buf_printf(b, "<p class=\"note\">Means over %s to %s (%d months%s), %d replicates. <b>Province scale:</b> the runs "
                      "simulated 1 person in %g (run.scale %g); head counts and money are multiplied by %g to read as "
                      "Noord-Brabant at 1:1. Counts are a month, money a year. Shares are in percent and their "
                      "differences in percentage points. Each difference is the scenario minus the base, with its paired "
                      "95%% interval below it; <i>exact</i> marks a difference that is the same in every replicate.</p>\n",
                   base->dates[p->first], base->dates[p->last], p->last - p->first + 1,
                   p->first == 0 && p->last + 1 < 60 ? ", the whole run" : "", base->shape.replicates, up,
                   base->shape.scale, up);
}

void lla_report_summary(llo_buf *b, const lla_comparison *c)
{
    const lla_run *base = c->runs[0];
    llo_buf_printf(b, "<h2 id=\"summary\">Summary</h2>\n");
    period_note(b, c);
    llo_buf_printf(b, "<table class=\"summary\">\n<tr><th>scenario</th>");
    for (int k = 0; k < N_SUMMARY; k++) llo_buf_printf(b, "<th>%s</th>", summary_heads[k]);
    llo_buf_printf(b, "</tr>\n<tr><td><b>");
    lla_html_escape(b, base->shape.name);
    llo_buf_printf(b, "</b> (base)</td>");
    for (int k = 0; k < N_SUMMARY; k++) {
        lla_guess scratch;
        const lla_measure *m = lla_measure_of(base, summary_keys[k], &scratch);
        llo_buf_printf(b, "<td>");
        if (m && c->n_runs > 1) {
            lla_paired p = lla_measure_paired(c, 1, m, "all");
            if (m->unit == LLA_UNIT_EUR) llo_buf_printf(b, "&euro;");
            lla_sig3(b, p.base, 0);
        } else llo_buf_printf(b, "&ndash;");
        llo_buf_printf(b, "</td>");
    }
    llo_buf_printf(b, "</tr>\n");
    for (int alt = 1; alt < c->n_runs; alt++) {
        llo_buf_printf(b, "<tr><td><b>");
        lla_html_escape(b, c->runs[alt]->shape.name);
        llo_buf_printf(b, "</b></td>");
        for (int k = 0; k < N_SUMMARY; k++) {
            lla_guess scratch;
            const lla_measure *m = lla_measure_of(base, summary_keys[k], &scratch);
            if (!m) {
                llo_buf_printf(b, "<td>&ndash;</td>");
                continue;
            }
            lla_paired p = lla_measure_paired(c, alt, m, "all");
            lla_verdict v = lla_verdict_of(&p, lla_threshold_of(c, m, p.base));
            llo_buf_printf(b, "<td class=\"%s%s\">", lla_direction_class(&p, m), v == LLA_NOT_CLEAR ? " unsure" : "");
            if (m->unit == LLA_UNIT_EUR) llo_buf_printf(b, "&euro;");
            lla_sig3(b, p.alt, 0);
            llo_buf_printf(b, "<br>");
            lla_difference_cell(b, &p, m->unit, 1);
            if (v == LLA_HEADLINE) llo_buf_printf(b, " <span class=\"mark\" title=\"a headline\">&#9733;</span>");
            llo_buf_printf(b, "</td>");
        }
        llo_buf_printf(b, "</tr>\n");
    }
    llo_buf_printf(b, "</table>\n<p class=\"note legend\"><span class=\"better\">&#9632; blue: a change for the better</span>, "
                      "<span class=\"worse\">&#9632; orange: a change for the worse</span>, black: neither (money, "
                      "activity); <span class=\"unsure\">faded: not distinguishable from zero</span>; &#9733; a headline "
                      "(clear of zero and at least the meaningful size, see below).</p>\n");
}

/* One headline in words: "Two-year participation of job seekers rose by 0.290 percentage points
 * (95% CI 0.260 to 0.330), from 21.1% to 21.4% [better]." */
static void sentence(llo_buf *b, const lla_measure *m, const lla_paired *p, int named)
{
    char label[200];
    snprintf(label, sizeof label, "%s", m->label);
    if (label[0] >= 'a' && label[0] <= 'z') label[0] = (char)(label[0] - 32);
    const char *cls = lla_direction_class(p, m);
    llo_buf_printf(b, "<li class=\"%s\">", cls);
    lla_html_escape(b, label);
    lla_difference_words(b, p, m->unit);
    llo_buf_printf(b, ", from ");
    lla_level(b, p->base, m->unit);
    llo_buf_printf(b, " to ");
    lla_level(b, p->alt, m->unit);
    llo_buf_printf(b, "%s", strcmp(cls, "better") == 0 ? " <span class=\"tag\">better</span>"
                            : strcmp(cls, "worse") == 0 ? " <span class=\"tag\">worse</span>"
                                                        : "");
    if (named) llo_buf_printf(b, " <span class=\"named\">(named in the scenario's Look at)</span>");
    llo_buf_printf(b, ".</li>\n");
}

/* Short form for the lists below the headlines: "trust in the orchestrators (+0.0000048 exact)". */
static void short_form(llo_buf *b, const lla_measure *m, const lla_paired *p, double threshold)
{
    llo_buf_printf(b, "<li class=\"%s\">", lla_direction_class(p, m));
    lla_html_escape(b, m->label);
    llo_buf_printf(b, ": ");
    lla_difference_cell(b, p, m->unit, 0);
    llo_buf_printf(b, "%s", lla_unit_words(m->unit));
    if (threshold > 0 && lla_verdict_of(p, threshold) == LLA_CLEAR_SMALL) {
        llo_buf_printf(b, " (meaningful size ");
        if (m->unit == LLA_UNIT_EUR) llo_buf_printf(b, "&euro;");
        lla_sig3(b, threshold, 0);
        llo_buf_printf(b, "%s)", lla_unit_words(m->unit));
    }
    llo_buf_printf(b, "</li>\n");
}

void lla_report_headlines(llo_buf *b, const lla_comparison *c)
{
    const lla_run *base = c->runs[0];
    llo_buf_printf(b, "<h2 id=\"matters\">What matters</h2>\n<p class=\"note\">A difference is a <b>headline</b> when its "
                      "95%% interval excludes zero <i>and</i> it is at least the indicator's meaningful size: half a "
                      "percentage point of a share, 0.01 of an index from 0 to 1, 1%% of the base's level for counts "
                      "(at least 1 a month) and money (at least &euro;10,000 a year) (docs/report.md; <code>llosim compare --threshold INDICATOR=SIZE</code> sets another). "
                      "Colours say whether a change is for the better or the worse, not how sure it is.</p>\n");
    for (int alt = 1; alt < c->n_runs; alt++) {
        const lla_run *run = c->runs[alt];
        char *header = lla_scenario_header(run);
        char named[32][64];
        int n_named = lla_look_at(base, header, named, 32);
        free(header);
        /* The default indicators, then those the scenario's header names. */
        const char *keys[N_HEADLINE + 32];
        int is_named[N_HEADLINE + 32], n = 0;
        for (int k = 0; k < N_HEADLINE; k++) keys[n] = headline_keys[k], is_named[n++] = 0;
        for (int j = 0; j < n_named; j++) {
            int k;
            for (k = 0; k < n && strcmp(keys[k], named[j]); k++) {}
            if (k < n) is_named[k] = 1;
            else keys[n] = named[j], is_named[n++] = 1;
        }
        llo_buf_printf(b, "<h3>");
        lla_html_escape(b, run->shape.name);
        llo_buf_printf(b, " compared with ");
        lla_html_escape(b, base->shape.name);
        llo_buf_printf(b, "</h3>\n");
        static const char *const titles[] = {"Headlines", "Clear, but smaller than the meaningful size",
                                             "Not distinguishable from zero"};
        static const lla_verdict order[] = {LLA_HEADLINE, LLA_CLEAR_SMALL, LLA_NOT_CLEAR};
        for (int pass = 0; pass < 3; pass++) {
            int any = 0;
            for (int k = 0; k < n; k++) {
                lla_guess scratch;
                const lla_measure *m = lla_measure_of(base, keys[k], &scratch);
                if (!m) continue;
                lla_paired p = lla_measure_paired(c, alt, m, "all");
                double threshold = lla_threshold_of(c, m, p.base);
                if (lla_verdict_of(&p, threshold) != order[pass]) continue;
                if (!any) llo_buf_printf(b, "<p><b>%s</b></p>\n<ul class=\"%s\">\n", titles[pass], pass ? "compact" : "headlines");
                any = 1;
                if (pass == 0) sentence(b, m, &p, is_named[k]);
                else short_form(b, m, &p, threshold);
            }
            if (any) llo_buf_printf(b, "</ul>\n");
            else if (pass == 0)
                llo_buf_printf(b, "<p><b>Headlines:</b> none; no indicator changed clearly by at least its meaningful "
                                  "size.</p>\n");
        }
    }
}
