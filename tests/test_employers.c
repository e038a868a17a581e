/* Employers that decide (employer_decision.c) and poaching (poaching.c): the direction of each
 * mechanism's effect, with common random numbers (same seed, one setting changed), on a small
 * world whose conservation laws are checked every month. */
#include <math.h>

#include "fixture.h"
#include "sim/llosim.h"
#include "testutil.h"

/* What a run leaves: each flow summed over the written months, and the whole's gauges and mean
 * skill gap in the first and the last written month. */
typedef struct outcome {
    int64_t flow[LLO_FLOW_N];
    double gauge_first[LLO_GAUGE_N], gauge_last[LLO_GAUGE_N];
    double gap_first, gap_last;
} outcome;

static double gauge_all(const llo_month_stats *st, int g, int n_regions)
{
    int64_t num = st->gauges.num[g][LLO_MAX_REGIONS], den = st->gauges.den[g][LLO_MAX_REGIONS];
    for (int r = 0; r < n_regions; r++) {
        num += st->gauges.num[g][r];
        den += st->gauges.den[g][r];
    }
    return den > 0 ? (double)num / LLO_GAP_SCALE / (double)den : NAN;
}

static double gap_all(const llo_month_stats *st, int n_regions)
{
    int64_t gap = 0, workers = 0;
    for (int r = 0; r < n_regions; r++) {
        gap += st->tally.region[r][LLO_T_GAP];
        workers += st->tally.region[r][LLO_T_WORKERS];
    }
    return (double)gap / LLO_GAP_SCALE / (double)workers;
}

/* Runs the quick scenario at 1:100 for `months` months with the given overrides, checking the
 * conservation laws (money to the cent, head counts, seats) after every month. */
static void simulate(int months, const char *const *extra, int n_extra, outcome *out)
{
    llo_scenario *s = fixture_load(0.01, months, extra, n_extra);
    char err[512];
    llo_world *w = llo_world_alloc(&s->params, 1, err, sizeof err);
    cr_assert_not_null(w, "%s", err);
    const llo_params *p = &s->params;
    memset(out, 0, sizeof *out);
    while (llo_world_month(w) < p->months) {
        llo_world_step(w);
        cr_assert_eq(llo_world_check(w, err, sizeof err), 0, "month %d: %s", llo_world_month(w) - 1, err);
        const llo_month_stats *st = llo_world_stats(w);
        if (st->month < 0) continue;
        for (int r = 0; r < p->n_regions; r++)
            for (int f = 0; f < LLO_FLOW_N; f++) out->flow[f] += st->flows.f[f][r];
        for (int g = 0; g < LLO_GAUGE_N; g++) {
            if (st->month == 0) out->gauge_first[g] = gauge_all(st, g, p->n_regions);
            out->gauge_last[g] = gauge_all(st, g, p->n_regions);
        }
        if (st->month == 0) out->gap_first = gap_all(st, p->n_regions);
        out->gap_last = gap_all(st, p->n_regions);
    }
    llo_world_free(w);
    free(s);
}

static int64_t employer_funded_starts(const outcome *o)
{
    return o->flow[LLO_FLOW_EMPLOYER_SUPPORTED] + o->flow[LLO_FLOW_EMPLOYER_COFUNDED];
}

Test(employers, poaching_events_rise_with_intensity, .timeout = 600)
{
    const char *none[] = {"labour.poaching_intensity=0.0"};
    const char *some[] = {"labour.poaching_intensity=0.01"};
    const char *many[] = {"labour.poaching_intensity=0.05"};
    outcome a, b, c;
    simulate(36, none, 1, &a);
    simulate(36, some, 1, &b);
    simulate(36, many, 1, &c);
    cr_assert_eq(a.flow[LLO_FLOW_POACHING], 0);
    cr_assert_eq(a.flow[LLO_FLOW_POACHED_TRAINED], 0);
    cr_assert_eq(a.flow[LLO_FLOW_PAYBACK], 0, "pay-back without anyone recruited away");
    cr_assert(b.flow[LLO_FLOW_POACHING] > 0);
    cr_assert(c.flow[LLO_FLOW_POACHING] > b.flow[LLO_FLOW_POACHING], "%lld events at 0.05, %lld at 0.01",
              (long long)c.flow[LLO_FLOW_POACHING], (long long)b.flow[LLO_FLOW_POACHING]);
    cr_assert(c.flow[LLO_FLOW_POACHED_TRAINED] > b.flow[LLO_FLOW_POACHED_TRAINED]);
    cr_assert(c.flow[LLO_FLOW_POACHED_TRAINED] <= c.flow[LLO_FLOW_POACHING]);
    /* Job losses draw on the lower part of the same uniform as poaching approaches, so poaching
     * moves them only through who works where and on what contract. */
    cr_assert(llabs(c.flow[LLO_FLOW_SEPARATIONS] - a.flow[LLO_FLOW_SEPARATIONS]) < a.flow[LLO_FLOW_SEPARATIONS] / 10);
}

/* Stevens' externality: where trained workers are recruited away, employers train less, both
 * because they expect to lose the worker before the return is earned and because their
 * learning culture suffers from the losses. */
Test(employers, poaching_threat_lowers_employer_funded_training, .timeout = 600)
{
    const char *none[] = {"labour.poaching_intensity=0.0"};
    const char *threat[] = {"labour.poaching_intensity=0.08"};
    outcome a, b;
    simulate(48, none, 1, &a);
    simulate(48, threat, 1, &b);
    cr_assert(b.flow[LLO_FLOW_EMPLOYER_SPENT] < a.flow[LLO_FLOW_EMPLOYER_SPENT], "spent %lld under poaching, %lld without",
              (long long)b.flow[LLO_FLOW_EMPLOYER_SPENT], (long long)a.flow[LLO_FLOW_EMPLOYER_SPENT]);
    cr_assert(employer_funded_starts(&b) < employer_funded_starts(&a));
    cr_assert(b.flow[LLO_FLOW_EMPLOYER_REFUSALS] > a.flow[LLO_FLOW_EMPLOYER_REFUSALS]);
    cr_assert(b.gauge_last[LLO_GAUGE_LEARNING_CULTURE] < a.gauge_last[LLO_GAUGE_LEARNING_CULTURE],
              "culture %g under poaching, %g without", b.gauge_last[LLO_GAUGE_LEARNING_CULTURE],
              a.gauge_last[LLO_GAUGE_LEARNING_CULTURE]);
}

Test(employers, payback_clause_raises_employer_funded_training, .timeout = 600)
{
    const char *bare[] = {"labour.poaching_intensity=0.08", "employers.payback_share=0.0"};
    const char *clause[] = {"labour.poaching_intensity=0.08", "employers.payback_share=1.0", "employers.payback_months=36"};
    outcome a, b;
    simulate(48, bare, 2, &a);
    simulate(48, clause, 3, &b);
    cr_assert_eq(a.flow[LLO_FLOW_PAYBACK], 0);
    cr_assert(b.flow[LLO_FLOW_PAYBACK] > 0);
    cr_assert(b.flow[LLO_FLOW_EMPLOYER_SPENT] > a.flow[LLO_FLOW_EMPLOYER_SPENT], "spent %lld with a clause, %lld without",
              (long long)b.flow[LLO_FLOW_EMPLOYER_SPENT], (long long)a.flow[LLO_FLOW_EMPLOYER_SPENT]);
    cr_assert(employer_funded_starts(&b) > employer_funded_starts(&a));
}

/* Job design: a falling learning share takes the gauge down by the trend, and with less to learn
 * from work, skills fall further behind. */
Test(employers, learning_share_trend_lowers_informal_learning, .timeout = 600)
{
    const char *flat[] = {"employers.learning_share_trend=0.0"};
    const char *falling[] = {"employers.learning_share_trend=-0.02"};
    outcome a, b;
    simulate(48, flat, 1, &a);
    simulate(48, falling, 1, &b);
    double fall = b.gauge_first[LLO_GAUGE_INFORMAL_LEARNING] - b.gauge_last[LLO_GAUGE_INFORMAL_LEARNING];
    double drift = a.gauge_first[LLO_GAUGE_INFORMAL_LEARNING] - a.gauge_last[LLO_GAUGE_INFORMAL_LEARNING];
    /* 47 months of -0.02 a year is 0.078; culture and turnover move the employee-weighted mean a
     * little either way, as they do without a trend. */
    cr_assert(fabs(fall - drift - 0.02 * 47 / 12) < 0.01, "fell %g with the trend, %g without", fall, drift);
    cr_assert(b.gauge_last[LLO_GAUGE_INFORMAL_LEARNING] < a.gauge_last[LLO_GAUGE_INFORMAL_LEARNING]);
    cr_assert(b.gap_last > a.gap_last, "skill gap %g with the trend, %g without", b.gap_last, a.gap_last);
}

/* The 2013-2020 fall of the informal-learning share (0.30 to 0.22) is expressible. */
Test(employers, informal_learning_fall_is_expressible, .timeout = 600)
{
    const char *sets[] = {"employers.learning_share_mean=0.30", "employers.learning_share_trend=-0.0114",
                          "employers.learning_share_culture=0.0"};
    outcome o;
    simulate(85, sets, 3, &o);
    cr_assert(fabs(o.gauge_first[LLO_GAUGE_INFORMAL_LEARNING] - 0.30) < 0.01, "starts at %g", o.gauge_first[LLO_GAUGE_INFORMAL_LEARNING]);
    cr_assert(fabs(o.gauge_last[LLO_GAUGE_INFORMAL_LEARNING] - 0.22) < 0.01, "ends at %g", o.gauge_last[LLO_GAUGE_INFORMAL_LEARNING]);
}

/* The support decision weighs return against cost, shifted by culture. */
Test(employers, return_and_culture_raise_support, .timeout = 600)
{
    const char *low_value[] = {"employers.productivity_value=0.1"};
    const char *high_value[] = {"employers.productivity_value=1.0"};
    outcome a, b;
    simulate(36, low_value, 1, &a);
    simulate(36, high_value, 1, &b);
    cr_assert(employer_funded_starts(&b) > employer_funded_starts(&a));
    cr_assert(b.flow[LLO_FLOW_EMPLOYER_REFUSALS] < a.flow[LLO_FLOW_EMPLOYER_REFUSALS]);
    const char *weak[] = {"employers.learning_culture_mean=0.4"};
    const char *strong[] = {"employers.learning_culture_mean=0.9"};
    simulate(36, weak, 1, &a);
    simulate(36, strong, 1, &b);
    cr_assert(employer_funded_starts(&b) > employer_funded_starts(&a));
    cr_assert(b.flow[LLO_FLOW_EMPLOYER_SPENT] > a.flow[LLO_FLOW_EMPLOYER_SPENT]);
}

/* Co-funding: with a zero co-funding share nobody co-funds; the worker's share of the rest is
 * what moves from the employer's budget to the worker's own. */
Test(employers, cofunding_share_bounds, .timeout = 600)
{
    const char *zero[] = {"employers.cofund_share=0.0"};
    const char *most[] = {"employers.cofund_share=0.9"};
    outcome a, b;
    simulate(36, zero, 1, &a);
    simulate(36, most, 1, &b);
    cr_assert_eq(a.flow[LLO_FLOW_EMPLOYER_COFUNDED], 0);
    cr_assert(b.flow[LLO_FLOW_EMPLOYER_COFUNDED] > 0);
}

/* No budget, no employer money: every request is refused or paid by the worker. */
Test(employers, no_budget_no_support, .timeout = 600)
{
    const char *sets[] = {"employers.training_budget_share=0.0"};
    outcome o;
    simulate(24, sets, 1, &o);
    cr_assert_eq(o.flow[LLO_FLOW_EMPLOYER_SPENT], 0);
    cr_assert_eq(employer_funded_starts(&o), 0);
    cr_assert(o.flow[LLO_FLOW_EMPLOYER_REFUSALS] > 0);
    cr_assert_eq(o.flow[LLO_FLOW_PAYBACK], 0, "pay-back on courses the employer never paid for");
}

/* Heavy poaching with a full pay-back clause and fast turnover: every month's check passes
 * inside simulate (money to the cent, head counts after moves, pay-back booked both ways). */
Test(employers, conserved_under_heavy_poaching, .timeout = 600)
{
    const char *sets[] = {"labour.poaching_intensity=0.5", "employers.payback_share=1.0", "employers.payback_months=60",
                          "labour.job_loss_rate=[0.2, 0.6, 0.2]", "labour.job_finding_rate=0.5",
                          "employers.culture_adaptation=5.0"};
    outcome o;
    simulate(36, sets, 6, &o);
    cr_assert(o.flow[LLO_FLOW_POACHING] > 0 && o.flow[LLO_FLOW_PAYBACK] > 0);
    cr_assert(o.gauge_last[LLO_GAUGE_LEARNING_CULTURE] >= 0 && o.gauge_last[LLO_GAUGE_LEARNING_CULTURE] <= 1);
}
