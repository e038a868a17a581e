/* Funding instruments (sim/funding.c): the direction of each rule with common random numbers
 * (the same seed under two settings, compared on a small world), exact accounting of the
 * sector levy and of every instrument's columns, stopped schemes, and thread invariance with
 * every instrument at work. */
#include <math.h>

#include "fixture.h"
#include "sim/llosim.h"
#include "testutil.h"
#include "sim/world.h"

/* Seats enough for everyone who wants a course: at the defaults private providers are full,
 * so who gets a seat would otherwise depend on who else was funded. */
#define AMPLE_SEATS "providers.seats=[80000L, 60000L, 30000L, 50000L, 100000L]"
#define MONTHS 48

/* What a run of quick.cfg at 1:200 leaves, over the written months. Flows and stocks are for
 * the whole province (the row of no region included). */
typedef struct outcome {
    int64_t flow[MONTHS][LLO_FLOW_N];
    int64_t stock[MONTHS][LLO_STOCK_N];
    int64_t sum[LLO_FLOW_N];
    int64_t sme_staff_employer_funded; /* course starts of employees of firms below 250 whose employer paid a part */
    double sme_staff_participation;    /* their participation over 24 months, mean over the months */
} outcome;

static llo_scenario *load(const char *const *sets, int n)
{
    return fixture_load(0.005, 48, sets, n);
}

static llo_world *world_of(const llo_scenario *s)
{
    char err[256];
    llo_world *w = llo_world_alloc(&s->params, 1, err, sizeof err);
    cr_assert_not_null(w, "%s", err);
    return w;
}

/* One month's flow f for the whole. */
static int64_t whole(const llo_month_stats *st, int f)
{
    int64_t sum = 0;
    for (int r = 0; r <= LLO_MAX_REGIONS; r++) sum += st->flows.f[f][r];
    return sum;
}

static int64_t stock_whole(const llo_month_stats *st, int k)
{
    int64_t sum = 0;
    for (int r = 0; r <= LLO_MAX_REGIONS; r++) sum += st->stocks[k][r];
    return sum;
}

static outcome *simulate(const char *const *sets, int n)
{
    llo_scenario *s = load(sets, n);
    llo_world *w = world_of(s);
    outcome *o = calloc(1, sizeof *o);
    cr_assert_not_null(o);
    char err[512];
    int months = 0;
    while (llo_world_month(w) < s->params.months) {
        llo_world_step(w);
        cr_assert_eq(llo_world_check(w, err, sizeof err), 0, "month %d: %s", llo_world_month(w) - 1, err);
        const llo_month_stats *st = llo_world_stats(w);
        if (st->month < 0) continue;
        for (int f = 0; f < LLO_FLOW_N; f++) {
            o->flow[st->month][f] = whole(st, f);
            o->sum[f] += o->flow[st->month][f];
        }
        for (int k = 0; k < LLO_STOCK_N; k++) o->stock[st->month][k] = stock_whole(st, k);
        /* A course started this month is paid for by now, and the worker is still with the firm. */
        for (size_t i = 0; i < w->w.capacity; i++)
            if (w->w.status[i] == LLO_EMPLOYED && w->w.last_start[i] == st->month && w->w.employer[i] != LLO_NONE &&
                w->w.size_class[i] < LLO_SIZE_250_PLUS && w->w.employer_paid_cents[i] > 0)
                o->sme_staff_employer_funded++;
        int64_t persons = 0, part = 0;
        for (int z = LLO_SIZE_1_9; z < LLO_SIZE_250_PLUS; z++) {
            persons += st->tally.group[LLO_G_SIZE + z][LLO_GT_PERSONS];
            part += st->tally.group[LLO_G_SIZE + z][LLO_GT_PART];
        }
        o->sme_staff_participation += (double)part / (double)persons;
        months++;
    }
    o->sme_staff_participation /= months;
    llo_world_free(w);
    free(s);
    return o;
}

static double take_up(const outcome *o)
{
    int64_t applied = o->sum[LLO_FLOW_FUNDING_APPLICATIONS], forgone = o->sum[LLO_FLOW_FUNDING_FORGONE];
    cr_assert_gt(applied + forgone, 0, "nobody was open to any instrument");
    return (double)applied / (double)(applied + forgone);
}

/* More SME subsidy lowers what employers of SME staff pay, so they take part more often: no
 * fewer employer-funded courses of SME staff, and no lower participation (0.001: the noise of
 * a different order in which the other pots run out). */
Test(funding, more_sme_subsidy_helps_sme_staff, .timeout = 600)
{
    const char *none[] = {AMPLE_SEATS, "funding.sme_budget_eur=0.0"};
    const char *rich[] = {AMPLE_SEATS, "funding.sme_budget_eur=2e8"};
    outcome *a = simulate(none, 2), *b = simulate(rich, 2);
    cr_assert_eq(a->sum[LLO_FLOW_SME_SPENT], 0);
    cr_assert_gt(b->sum[LLO_FLOW_SME_SPENT], 0);
    cr_assert(b->sme_staff_employer_funded >= a->sme_staff_employer_funded, "employer-funded SME-staff starts %lld < %lld",
              (long long)b->sme_staff_employer_funded, (long long)a->sme_staff_employer_funded);
    cr_assert(b->sme_staff_participation >= a->sme_staff_participation - 0.001, "SME-staff participation %g < %g",
              b->sme_staff_participation, a->sme_staff_participation);
    cr_assert(b->sum[LLO_FLOW_EMPLOYER_REFUSALS] <= a->sum[LLO_FLOW_EMPLOYER_REFUSALS]);
    free(a);
    free(b);
}

/* A public individual learning budget pays the worker's side and workers count on it: more
 * courses start, most of all among those whose own cost held them back (the self-employed,
 * who have no employer to pay), and the targeted variant spends on its group only. */
Test(funding, learning_budget_raises_starts, .timeout = 600)
{
    const char *none[] = {AMPLE_SEATS, "funding.learning_budget_eur=0.0"};
    const char *rich[] = {AMPLE_SEATS, "funding.learning_budget_eur=4e8"};
    const char *low[] = {AMPLE_SEATS, "funding.learning_budget_eur=4e8", "funding.learning_budget_rule=\"targeted\"",
                         "funding.learning_budget_target=\"low-educated\""};
    outcome *a = simulate(none, 2), *b = simulate(rich, 2), *c = simulate(low, 4);
    cr_assert_eq(a->sum[LLO_FLOW_LEARNING_SPENT], 0);
    cr_assert_gt(b->sum[LLO_FLOW_LEARNING_SPENT], 0);
    cr_assert_gt(b->sum[LLO_FLOW_STARTS], a->sum[LLO_FLOW_STARTS], "starts %lld, without the budget %lld",
                 (long long)b->sum[LLO_FLOW_STARTS], (long long)a->sum[LLO_FLOW_STARTS]);
    cr_assert_lt(b->sum[LLO_FLOW_OUT_OF_POCKET], a->sum[LLO_FLOW_OUT_OF_POCKET], "the budget replaces money out of pocket");
    cr_assert_gt(c->sum[LLO_FLOW_LEARNING_SPENT], 0);
    cr_assert_eq(c->sum[LLO_FLOW_LEARNING_TARGET], c->sum[LLO_FLOW_LEARNING_SPENT]);
    cr_assert_lt(c->sum[LLO_FLOW_LEARNING_SPENT], b->sum[LLO_FLOW_LEARNING_SPENT]);
    free(a);
    free(b);
    free(c);
}

/* Nothing is granted in a month the window is closed; the open months do grant. */
Test(funding, closed_window_grants_nothing, .timeout = 600)
{
    const char *sets[] = {"funding.sme_windows=[1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0]", "funding.sme_rule=\"lottery\"",
                          "funding.jobseeker_windows=[0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]"};
    outcome *o = simulate(sets, 3);
    int64_t open_spent = 0;
    for (int t = 0; t < MONTHS; t++) {
        int m = llo_calendar_month(t);
        if ((m / 3) % 2 == 1) cr_assert_eq(o->flow[t][LLO_FLOW_SME_SPENT], 0, "SME subsidy spent in closed month %d", t);
        else open_spent += o->flow[t][LLO_FLOW_SME_SPENT];
        if (m == 0 || m == 11) cr_assert_eq(o->flow[t][LLO_FLOW_JOBSEEKER_SPENT], 0, "job-seeker fund spent in month %d", t);
    }
    cr_assert_gt(open_spent, 0);
    cr_assert_gt(o->sum[LLO_FLOW_JOBSEEKER_SPENT], 0);
    free(o);
}

/* First come first served spends a scarce budget at the start of the year; the lottery
 * releases it over the open months, so it lasts until the end of the year. */
Test(funding, fcfs_exhausts_the_budget_earlier_than_lottery, .timeout = 600)
{
    /* A budget a third of the default's: scarce, whatever the demand of the default world. */
    const char *fcfs[] = {"funding.sme_rule=\"fcfs\"", "funding.sme_budget_eur=1.0e6"};
    const char *lottery[] = {"funding.sme_rule=\"lottery\"", "funding.sme_budget_eur=1.0e6"};
    outcome *a = simulate(fcfs, 2), *b = simulate(lottery, 2);
    for (int year = 0; year < MONTHS / 12; year++) {
        int empty_a = 12, empty_b = 12;
        int64_t late_a = 0, late_b = 0;
        for (int m = 11; m >= 0; m--) {
            int t = year * 12 + m;
            /* Empty: less than a euro left, which funds no course (a grant shrinks to fit the
             * pot with its overhead, so a drained pot may keep a cent). */
            if (a->stock[t][LLO_STOCK_SME_LEFT] < 100) empty_a = m;
            if (b->stock[t][LLO_STOCK_SME_LEFT] < 100) empty_b = m;
            if (m >= 6) {
                late_a += a->flow[t][LLO_FLOW_SME_SPENT];
                late_b += b->flow[t][LLO_FLOW_SME_SPENT];
            }
        }
        cr_assert(empty_a < empty_b, "year %d: fcfs empty in month %d, lottery in month %d", year, empty_a, empty_b);
        cr_assert(empty_a < 6, "year %d: the scarce budget lasted until month %d under fcfs", year, empty_a);
        cr_assert(late_b > late_a, "year %d: second-half spending %lld (lottery) vs %lld (fcfs)", year, (long long)late_b,
                  (long long)late_a);
    }
    free(a);
    free(b);
}

/* The targeted rule keeps the money for the target group: its share of the spending rises. */
Test(funding, targeted_gives_the_target_group_a_larger_share, .timeout = 600)
{
    const char *fcfs[] = {"funding.sme_target=\"low-educated\""};
    const char *targeted[] = {"funding.sme_target=\"low-educated\"", "funding.sme_rule=\"targeted\""};
    outcome *a = simulate(fcfs, 1), *b = simulate(targeted, 2);
    cr_assert_gt(a->sum[LLO_FLOW_SME_SPENT], 0);
    cr_assert_gt(b->sum[LLO_FLOW_SME_SPENT], 0);
    double share_a = (double)a->sum[LLO_FLOW_SME_TARGET] / (double)a->sum[LLO_FLOW_SME_SPENT];
    double share_b = (double)b->sum[LLO_FLOW_SME_TARGET] / (double)b->sum[LLO_FLOW_SME_SPENT];
    cr_assert(share_a < 0.6, "the low-educated got %g of an open subsidy", share_a);
    cr_assert_eq(share_b, 1.0, "a targeted subsidy went outside its group: %g", share_b);
    cr_assert_gt(b->sum[LLO_FLOW_SME_TARGET], a->sum[LLO_FLOW_SME_TARGET]);
    free(a);
    free(b);
}

/* Friction lowers take-up; without it everyone open to an instrument applies. With money for
 * every job seeker, the job-seeker fund then pays for fewer courses. */
Test(funding, friction_lowers_take_up, .timeout = 600)
{
    const char *none[] = {"funding.application_friction=0.0", "funding.jobseeker_budget_eur=5000.0"};
    const char *high[] = {"funding.application_friction=0.5", "funding.jobseeker_budget_eur=5000.0"};
    outcome *a = simulate(none, 2), *b = simulate(high, 2);
    cr_assert_eq(take_up(a), 1.0);
    cr_assert(take_up(b) < 0.8, "take-up %g at friction 0.5", take_up(b));
    cr_assert_lt(b->sum[LLO_FLOW_JOBSEEKER_SPENT], a->sum[LLO_FLOW_JOBSEEKER_SPENT]);
    free(a);
    free(b);
}

/* More front doors make the maze worse: take-up falls. */
Test(funding, more_front_doors_lower_take_up, .timeout = 600)
{
    const char *few[] = {"orchestrators.intermediaries=[1L, 1L, 1L, 1L]"};
    const char *many[] = {"orchestrators.intermediaries=[6L, 6L, 6L, 6L]"};
    outcome *a = simulate(few, 1), *b = simulate(many, 1);
    cr_assert(take_up(b) < take_up(a), "take-up %g with 7 doors, %g with 2", take_up(b), take_up(a));
    free(a);
    free(b);
}

/* A one-stop front office is one door, and guides more people (who then always apply). */
Test(funding, one_stop_front_office_raises_take_up, .timeout = 600)
{
    const char *off[] = {"orchestrators.front_office=0"}, *on[] = {"orchestrators.front_office=1"};
    outcome *a = simulate(off, 1), *b = simulate(on, 1);
    cr_assert(take_up(b) > take_up(a), "take-up %g with a front office, %g without", take_up(b), take_up(a));
    free(a);
    free(b);
}

/* Each month every sector fund receives exactly round(levy x wage bill) per region, on the
 * head counts at the month's start, and its pots move by exactly that less what it paid out. */
Test(funding, sector_levy_fills_the_pot_exactly, .timeout = 600)
{
    const char *sets[] = {"funding.sector_levy=[0.006, 0.008, 0.0, 0.005, 0.005, 0.0, 0.01, 0.0]"};
    llo_scenario *s = load(sets, 1);
    llo_world *w = world_of(s);
    const llo_params *p = &s->params;
    int64_t cost = llround(p->labour_cost_eur * 100);
    char err[512];
    for (int t = 0; t < 30; t++) {
        int64_t wage[LLO_MAX_SECTORS][LLO_MAX_REGIONS] = {{0}}, expected = 0, before = 0, after = 0;
        for (size_t e = 0; e < w->e.count; e++) wage[w->e.sector[e]][w->e.region[e]] += (int64_t)w->e.headcount[e] * cost;
        for (int sec = 0; sec < p->n_sectors; sec++)
            for (int r = 0; r < p->n_regions; r++) expected += llround(p->sector_levy[sec] * (double)wage[sec][r]);
        for (int sec = 0; sec < p->n_sectors; sec++)
            before += w->acc.pot_left[LLO_INSTR_SECTOR][sec] + w->acc.pot_held[LLO_INSTR_SECTOR][sec];
        llo_world_step(w);
        cr_assert_eq(llo_world_check(w, err, sizeof err), 0, "%s", err);
        const llo_month_stats *st = llo_world_stats(w);
        for (int sec = 0; sec < p->n_sectors; sec++)
            after += w->acc.pot_left[LLO_INSTR_SECTOR][sec] + w->acc.pot_held[LLO_INSTR_SECTOR][sec];
        cr_assert_gt(expected, 0);
        cr_assert_eq(whole(st, LLO_FLOW_SECTOR_GRANTED), expected, "month %d: levied %lld, levy x wage bill %lld", st->month,
                     (long long)whole(st, LLO_FLOW_SECTOR_GRANTED), (long long)expected);
        cr_assert_eq(after - before, expected - whole(st, LLO_FLOW_SECTOR_SPENT) - whole(st, LLO_FLOW_SECTOR_OVERHEAD),
                     "month %d: the reserve moved by %lld", st->month, (long long)(after - before));
        cr_assert_eq(whole(st, LLO_FLOW_SECTOR_LAPSED), 0, "sector funds keep their reserves");
    }
    cr_assert_gt(w->acc.fund[LLO_INSTR_SECTOR].spent, 0);
    llo_world_free(w);
    free(s);
}

/* Every instrument at work, each under another rule, limited public module money, closed
 * windows and stopped schemes: the engine's money checks hold every month, and the written
 * columns add up: each month an instrument's left moves by granted - spent - overhead - lapsed. */
static const char *const everything[] = {
    AMPLE_SEATS,
    "providers.public_funding=\"modular\"",
    "funding.public_provider_limited=1",
    "funding.public_provider_budget_eur=4e6",
    "funding.public_provider_overhead=0.02",
    "funding.sme_rule=\"lottery\"",
    "funding.sme_windows=[1, 0, 1, 1, 0, 1, 1, 1, 1, 0, 1, 1]",
    "funding.regional_fund_rule=\"targeted\"",
    "funding.jobseeker_rule=\"lottery\"",
    "funding.sector_rule=\"targeted\"",
    "funding.sector_target=\"55-plus\"",
    "funding.sector_eligible_status=[1, 1, 0]",
    "funding.sme_eligible_education=[1, 1, 0]",
    "funding.learning_budget_eur=2e8",
    "funding.learning_budget_windows=[1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]",
    "timeline=({ month = 20; stop = \"sme-subsidy\"; }, { month = 26; stop = \"sector-funds\"; }, "
    "{ month = 30; stop = \"regional-fund\"; }, { month = 36; set = \"funding.sme_budget_eur\"; value = 1e6; }, "
    "{ month = 40; stop = \"learning-budget\"; })",
};
#define N_EVERYTHING ((int)(sizeof everything / sizeof everything[0]))

Test(funding, every_cent_accounted_for, .timeout = 600)
{
    outcome *o = simulate(everything, N_EVERYTHING);
    static const int left[] = {LLO_STOCK_JOBSEEKER_LEFT, LLO_STOCK_REGIONAL_LEFT, LLO_STOCK_SME_LEFT, LLO_STOCK_SECTOR_LEFT,
                               LLO_STOCK_LEARNING_LEFT, LLO_STOCK_PUBLIC_PROVIDER_LEFT};
    static const int granted[] = {LLO_FLOW_JOBSEEKER_GRANTED, LLO_FLOW_REGIONAL_GRANTED, LLO_FLOW_SME_GRANTED,
                                  LLO_FLOW_SECTOR_GRANTED, LLO_FLOW_LEARNING_GRANTED, LLO_FLOW_PUBLIC_PROVIDER_GRANTED};
    _Static_assert(sizeof left / sizeof left[0] == LLO_N_INSTRUMENTS, "every instrument is checked");
    for (int k = 0; k < LLO_N_INSTRUMENTS; k++) {
        /* Flows of one instrument are laid out granted, spent, overhead, lapsed. */
        cr_assert_gt(o->sum[granted[k] + 1], 0, "instrument %d paid nothing", k);
        for (int t = 1; t < MONTHS; t++) {
            int64_t moved = o->stock[t][left[k]] - o->stock[t - 1][left[k]];
            int64_t net = o->flow[t][granted[k]] - o->flow[t][granted[k] + 1] - o->flow[t][granted[k] + 2] -
                          o->flow[t][granted[k] + 3];
            cr_assert_eq(moved, net, "instrument %d, month %d: left moved %lld, flows say %lld", k, t, (long long)moved,
                         (long long)net);
        }
    }
    /* Stopped schemes pay nothing after their month; the SME subsidy returns next January. */
    for (int t = 20; t < 24; t++) cr_assert_eq(o->flow[t][LLO_FLOW_SME_SPENT], 0);
    cr_assert_gt(o->flow[20][LLO_FLOW_SME_LAPSED], 0, "the SME subsidy's money lapsed when it stopped");
    for (int t = 26; t < MONTHS; t++) {
        cr_assert_eq(o->flow[t][LLO_FLOW_SECTOR_SPENT], 0);
        cr_assert_eq(o->flow[t][LLO_FLOW_SECTOR_GRANTED], 0, "month %d: a stopped sector fund still levies", t);
        cr_assert_eq(o->stock[t][LLO_STOCK_SECTOR_LEFT], 0);
    }
    cr_assert_gt(o->flow[26][LLO_FLOW_SECTOR_LAPSED], 0, "the reserves were withdrawn");
    for (int t = 30; t < MONTHS; t++) cr_assert_eq(o->flow[t][LLO_FLOW_REGIONAL_SPENT], 0);
    /* The learning budget grants only in its open (January, March, ...) months, and nothing
     * once stopped. */
    for (int t = 0; t < MONTHS; t++)
        if (llo_calendar_month(t) % 2 == 1 || t >= 40) cr_assert_eq(o->flow[t][LLO_FLOW_LEARNING_SPENT], 0, "month %d", t);
    cr_assert_gt(o->flow[40][LLO_FLOW_LEARNING_LAPSED], 0, "the learning budget's money lapsed when it stopped");
    int64_t sme_after = 0;
    for (int t = 36; t < MONTHS; t++) sme_after += o->flow[t][LLO_FLOW_SME_SPENT];
    cr_assert_gt(sme_after, 0, "a budget set again after a stop is granted the next January");
    /* Targeted instruments spend on their group only. */
    cr_assert_eq(o->sum[LLO_FLOW_REGIONAL_TARGET], o->sum[LLO_FLOW_REGIONAL_SPENT]);
    cr_assert_eq(o->sum[LLO_FLOW_SECTOR_TARGET], o->sum[LLO_FLOW_SECTOR_SPENT]);
    free(o);
}

/* Under modular funding the state pays public providers the list price less the module price;
 * without a limit it pays in what it pays out; under diploma funding there are no modules. */
Test(funding, public_module_funding, .timeout = 600)
{
    const char *diploma[] = {"providers.public_funding=\"diploma\""};
    const char *modular[] = {"providers.public_funding=\"modular\"", "funding.public_provider_overhead=0.03"};
    const char *capped[] = {"providers.public_funding=\"modular\"", "funding.public_provider_limited=1",
                            "funding.public_provider_budget_eur=1e6"};
    outcome *a = simulate(diploma, 1), *b = simulate(modular, 2), *c = simulate(capped, 3);
    cr_assert_eq(a->sum[LLO_FLOW_PUBLIC_PROVIDER_SPENT], 0);
    cr_assert_gt(b->sum[LLO_FLOW_PUBLIC_PROVIDER_SPENT], 0);
    cr_assert_eq(b->sum[LLO_FLOW_PUBLIC_PROVIDER_GRANTED],
                 b->sum[LLO_FLOW_PUBLIC_PROVIDER_SPENT] + b->sum[LLO_FLOW_PUBLIC_PROVIDER_OVERHEAD]);
    cr_assert_gt(b->sum[LLO_FLOW_PUBLIC_PROVIDER_OVERHEAD], 0);
    for (int t = 0; t < MONTHS; t++) cr_assert_eq(b->stock[t][LLO_STOCK_PUBLIC_PROVIDER_LEFT], 0);
    /* A budget of 1e6 a year at 1:200 is 5000 EUR: it runs out, and the rest sell at list. */
    cr_assert_gt(c->sum[LLO_FLOW_PUBLIC_PROVIDER_SPENT], 0);
    cr_assert(c->sum[LLO_FLOW_PUBLIC_PROVIDER_SPENT] <= 4 * 500000, "spent %lld of 4 x 5000 EUR",
              (long long)c->sum[LLO_FLOW_PUBLIC_PROVIDER_SPENT]);
    cr_assert_lt(c->sum[LLO_FLOW_PUBLIC_PROVIDER_SPENT], b->sum[LLO_FLOW_PUBLIC_PROVIDER_SPENT]);
    free(a);
    free(b);
    free(c);
}

/* With every instrument at work, 1 and 2 threads write the same bytes, and the resolved
 * scenario (rules, windows, stopped schemes written back) reproduces the run. */
Test(funding, thread_invariance_with_every_instrument, .timeout = 600)
{
    char tmp[64], args[4096];
    make_tmpdir(tmp, sizeof tmp);
    size_t used = 0;
    for (int k = 0; k < N_EVERYTHING; k++) used += (size_t)snprintf(args + used, sizeof args - used, " --set '%s'", everything[k]);
    for (int t = 1; t <= 2; t++)
        cr_assert_eq(run_llosim(NULL, "run scenarios/quick.cfg --scale 0.005 --months 48 --threads %d --check-invariants%s "
                                      "-q -o %s/t%d", t, args, tmp, t), 0);
    const char *files[] = {"timeseries.csv", "groups.csv", "network.csv"};
    for (int k = 0; k < 3; k++) {
        char a[256], b[256];
        snprintf(a, sizeof a, "%s/t1/%s", tmp, files[k]);
        snprintf(b, sizeof b, "%s/t2/%s", tmp, files[k]);
        cr_assert(same_file(a, b), "%s differs between 1 and 2 threads", files[k]);
    }
    cr_assert_eq(run_llosim(NULL, "run %s/t1/scenario.resolved.cfg -q -o %s/again", tmp, tmp), 0);
    char a[256], b[256];
    snprintf(a, sizeof a, "%s/t1/timeseries.csv", tmp);
    snprintf(b, sizeof b, "%s/again/timeseries.csv", tmp);
    cr_assert(same_file(a, b), "the resolved scenario does not reproduce the run");
    remove_tree(tmp);
}

/* A conservation failure names the instrument it is in: each instrument's account is put out of
 * balance by a cent, then one of its pots overdrawn, in turn. The names are spelled out here
 * rather than taken from the list, so a list that drifts from its enum fails. */
Test(funding, conservation_failure_names_its_instrument, .timeout = 600)
{
    static const char *const expected[LLO_N_INSTRUMENTS] = {
        [LLO_INSTR_JOBSEEKER] = "job-seeker fund",          [LLO_INSTR_REGIONAL] = "regional fund",
        [LLO_INSTR_SME] = "SME subsidy",                     [LLO_INSTR_SECTOR] = "sector training fund",
        [LLO_INSTR_LEARNING] = "public individual learning budget",
        [LLO_INSTR_PUBLIC_PROVIDER] = "public module funding"};
    llo_scenario *s = load(NULL, 0);
    llo_world *w = world_of(s);
    for (int m = 0; m < 3; m++) llo_world_step(w);
    char err[512], want[128];
    cr_assert_eq(llo_world_check(w, err, sizeof err), 0, "%s", err);
    for (int k = 0; k < LLO_N_INSTRUMENTS; k++) {
        cr_assert_not_null(expected[k], "instrument %d has no expected name", k);
        snprintf(want, sizeof want, "%s: ", expected[k]);
        w->acc.fund[k].granted += 1;
        cr_assert_neq(llo_world_check(w, err, sizeof err), 0, "instrument %d: a cent too many passed", k);
        cr_expect_eq(strncmp(err, want, strlen(want)), 0, "instrument %d: expected \"%s...\", got \"%s\"", k, want, err);
        w->acc.fund[k].granted -= 1;
        int64_t left = w->acc.pot_left[k][0];
        w->acc.pot_left[k][0] = -1;
        cr_assert_neq(llo_world_check(w, err, sizeof err), 0, "instrument %d: an overdrawn pot passed", k);
        cr_expect_eq(strncmp(err, want, strlen(want)), 0, "instrument %d: expected \"%s...\", got \"%s\"", k, want, err);
        cr_expect(strstr(err, "overdrawn") != NULL, "instrument %d: %s", k, err);
        w->acc.pot_left[k][0] = left;
        cr_assert_eq(llo_world_check(w, err, sizeof err), 0, "instrument %d: restored: %s", k, err);
    }
    llo_world_free(w);
    free(s);
}
