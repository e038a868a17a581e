/* The study's levers reach decisions (docs/model.md 7.3, 7.19, 7.21, 7.26): who pays (budgets
 * from collective agreements, initiative, deadweight), guidance demand and what guidance does,
 * the agenda's programme (outreach, company scans, co-development, education's agency), what
 * organising the ecosystem costs, ties from interactions, and the human-capital horizon. Each
 * chain is tested with common random numbers: the same seed under two settings. */
#include <math.h>
#include <string.h>

#include "fixture.h"
#include "sim/llosim.h"
#include "sim/world.h"
#include "testutil.h"

#define MONTHS 36

typedef struct outcome {
    int64_t sum[LLO_FLOW_N];      /* flows over the written months, whole province */
    double gauge_mean[LLO_GAUGE_N]; /* whole province, mean over the written months */
    double participation_55;      /* 24-month participation of 55+, mean over the written months */
    double culture_small;         /* mean learning culture of firms of 1-49 at the end */
    double fit_public;            /* mean fit of public providers at the end */
    int64_t start_fit_num[2], start_fit_den[2]; /* courses started by others (0) and the guided (1), pooled */
} outcome;

static int64_t whole(const llo_month_stats *st, int f)
{
    int64_t sum = 0;
    for (int r = 0; r <= LLO_MAX_REGIONS; r++) sum += st->flows.f[f][r];
    return sum;
}

/* Most tests run at 1:200; a test of capacities needs more people per orchestrator than that
 * leaves, or the rounding of a few sessions a month decides. */
static double scale = 0.005;
static int months = MONTHS;

static llo_world *world_for(const char *const *sets, int n, llo_scenario **out)
{
    llo_scenario *s = fixture_load(scale, months, sets, n);
    char err[256];
    llo_world *w = llo_world_alloc(&s->params, 1, err, sizeof err);
    cr_assert_not_null(w, "%s", err);
    *out = s;
    return w;
}

static outcome *simulate(const char *const *sets, int n)
{
    llo_scenario *s;
    llo_world *w = world_for(sets, n, &s);
    outcome *o = calloc(1, sizeof *o);
    cr_assert_not_null(o);
    char err[512];
    int written = 0;
    while (llo_world_month(w) < s->params.months) {
        llo_world_step(w);
        cr_assert_eq(llo_world_check(w, err, sizeof err), 0, "month %d: %s", llo_world_month(w) - 1, err);
        const llo_month_stats *st = llo_world_stats(w);
        if (st->month < 0) continue;
        written++;
        for (int f = 0; f < LLO_FLOW_N; f++) o->sum[f] += whole(st, f);
        for (int g = 0; g < LLO_GAUGE_N; g++) {
            int64_t num = 0, den = 0;
            for (int r = 0; r <= LLO_MAX_REGIONS; r++) {
                num += st->gauges.num[g][r];
                den += st->gauges.den[g][r];
            }
            o->gauge_mean[g] += den ? (double)num / (double)den : 0;
        }
        for (int r = 0; r <= LLO_MAX_REGIONS; r++) {
            o->start_fit_num[0] += st->gauges.num[LLO_GAUGE_UNGUIDED_START_FIT][r];
            o->start_fit_den[0] += st->gauges.den[LLO_GAUGE_UNGUIDED_START_FIT][r];
            o->start_fit_num[1] += st->gauges.num[LLO_GAUGE_GUIDED_START_FIT][r];
            o->start_fit_den[1] += st->gauges.den[LLO_GAUGE_GUIDED_START_FIT][r];
        }
        const int64_t *g55 = st->tally.group[LLO_G_AGE + LLO_N_AGE_BANDS - 1];
        o->participation_55 += g55[LLO_GT_PERSONS] ? (double)g55[LLO_GT_PART] / (double)g55[LLO_GT_PERSONS] : 0;
    }
    for (int g = 0; g < LLO_GAUGE_N; g++) o->gauge_mean[g] /= written;
    o->participation_55 /= written;
    double c = 0, n_small = 0;
    for (size_t e = 0; e < w->e.count; e++)
        if (w->e.size_class[e] <= LLO_SIZE_10_49) {
            c += w->e.learning_culture[e];
            n_small++;
        }
    o->culture_small = n_small ? c / n_small : 0;
    double fit = 0, n_pub = 0;
    for (size_t j = 0; j < w->pr.count; j++)
        if (llo_provider_is_public(w->pr.kind[j]))
            for (int sec = 0; sec < s->params.n_sectors; sec++) {
                fit += w->pr.fit[j * (size_t)s->params.n_sectors + (size_t)sec];
                n_pub++;
            }
    o->fit_public = n_pub ? fit / n_pub : 0;
    llo_world_free(w);
    free(s);
    return o;
}

#define SIM(...) simulate((const char *const[]){__VA_ARGS__}, (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(char *)))

/* --- Who pays --------------------------------------------------------------------------- */

Test(who_pays, budgets_accrue_only_under_an_agreement)
{
    llo_scenario *s;
    llo_world *w = world_for((const char *const[]){"workers.individual_budget_coverage=0.5"}, 1, &s);
    int64_t *before = calloc(w->w.capacity, sizeof *before);
    uint8_t *status = calloc(w->w.capacity, 1);
    uint32_t *employer = calloc(w->w.capacity, sizeof *employer);
    cr_assert(before && status && employer);
    size_t with_scheme = 0, employees = 0, grew_without = 0, grew_with = 0;
    for (int m = 0; m < 6; m++) {
        for (size_t i = 0; i < w->w.capacity; i++) {
            before[i] = w->w.own_budget_cents[i];
            status[i] = w->w.status[i];
            employer[i] = w->w.employer[i];
        }
        llo_world_step(w);
        for (size_t i = 0; i < w->w.capacity; i++) {
            /* Compare only those whose job and budget use did not change in the month. */
            if (status[i] != w->w.status[i] || employer[i] != w->w.employer[i] || w->w.last_start[i] == llo_world_month(w) - 1)
                continue;
            int grew = w->w.own_budget_cents[i] > before[i];
            if (status[i] == LLO_JOBSEEKER || employer[i] == LLO_NONE) {
                cr_assert(!grew, "a job seeker or self-employed worker accrued an own budget");
                continue;
            }
            employees++;
            if (llo_employer_has_budget_scheme(w, employer[i])) {
                with_scheme++;
                grew_with += grew || w->w.own_budget_cents[i] == llround(s->params.individual_budget_cap_eur * 100);
            } else {
                grew_without += grew;
            }
        }
    }
    cr_assert_eq(grew_without, 0, "employees of firms without a scheme accrued");
    cr_assert_eq(grew_with, with_scheme, "employees of firms with a scheme must accrue (or be at the cap)");
    double share = (double)with_scheme / (double)employees;
    /* The share is of firms, so of employees only roughly: large firms weigh more. */
    cr_assert(share > 0.3 && share < 0.7, "share of employees under a scheme %.3f, coverage 0.5", share);
    free(before);
    free(status);
    free(employer);
    llo_world_free(w);
    free(s);
}

Test(who_pays, no_scheme_no_own_budget_spending)
{
    outcome *o = SIM("workers.individual_budget_coverage=0");
    cr_assert_eq(o->sum[LLO_FLOW_INDIVIDUAL_SPENT], 0);
    free(o);
}

Test(who_pays, initiative_raises_the_use_of_own_budgets)
{
    outcome *lo = SIM("workers.budget_initiative=0.02", "workers.union_outreach=0");
    outcome *hi = SIM("workers.budget_initiative=3", "workers.union_outreach=0");
    cr_assert_gt(hi->sum[LLO_FLOW_INDIVIDUAL_SPENT], lo->sum[LLO_FLOW_INDIVIDUAL_SPENT] * 3 / 2,
                 "own budgets spent: %lld at low initiative, %lld at high", (long long)lo->sum[LLO_FLOW_INDIVIDUAL_SPENT],
                 (long long)hi->sum[LLO_FLOW_INDIVIDUAL_SPENT]);
    cr_assert_gt(hi->sum[LLO_FLOW_STARTS], lo->sum[LLO_FLOW_STARTS]);
    free(lo);
    free(hi);
}

Test(who_pays, unions_at_the_table_raise_the_use_of_own_budgets)
{
    /* The same agenda-building inclusiveness in both: only who among the three holds the votes differs. */
    outcome *none = SIM("governance.agency=[0.4, 0.35, 0.15, 0.0, 0.10]", "workers.union_outreach=10", "workers.budget_initiative=0.2");
    outcome *some = SIM("governance.agency=[0.4, 0.35, 0.0, 0.15, 0.10]", "workers.union_outreach=10", "workers.budget_initiative=0.2");
    cr_assert_gt(some->sum[LLO_FLOW_INDIVIDUAL_SPENT], none->sum[LLO_FLOW_INDIVIDUAL_SPENT]);
    free(none);
    free(some);
}

Test(who_pays, deadweight_is_part_of_the_subsidised_starts)
{
    outcome *o = SIM("funding.sme_budget_eur=4000000");
    for (int k = 0; k < LLO_N_POT_INSTRUMENTS; k++) {
        int64_t starts = o->sum[LLO_FLOW_SUBSIDISED_JOBSEEKER + k], dead = o->sum[LLO_FLOW_DEADWEIGHT_JOBSEEKER + k];
        cr_assert(dead >= 0 && dead <= starts, "instrument %d: %lld deadweight of %lld", k, (long long)dead, (long long)starts);
    }
    cr_assert_gt(o->sum[LLO_FLOW_SUBSIDISED_SME], 0);
    cr_assert_gt(o->sum[LLO_FLOW_DEADWEIGHT_SME_EUR], 0);
    cr_assert_leq(o->sum[LLO_FLOW_DEADWEIGHT_SME_EUR], o->sum[LLO_FLOW_SME_SPENT]);
    free(o);
}

/* The counterfactual the deadweight stands for: starts the instrument added are its starts
 * that are not deadweight. With the instrument's money only in the first written month, the
 * months before are identical, and that month's extra starts are close to its additional ones
 * (not exact: an employer that spends less on one worker has more for the next). */
Test(who_pays, deadweight_matches_the_starts_an_instrument_adds)
{
    const char *with[] = {"funding.sme_budget_eur=20000000", "funding.sme_cofund=0.9", "funding.sme_cap_eur=5000",
                          "timeline=({ month = 0; set = \"funding.sme_windows\"; value = (1,1,1,1,1,1,1,1,1,1,1,1); })",
                          "funding.sme_windows=[0,0,0,0,0,0,0,0,0,0,0,0]"};
    const char *without[] = {"funding.sme_budget_eur=20000000", "funding.sme_cofund=0.9", "funding.sme_cap_eur=5000",
                             "funding.sme_windows=[0,0,0,0,0,0,0,0,0,0,0,0]"};
    llo_scenario *sa, *sb;
    llo_world *a = world_for(with, 5, &sa), *b = world_for(without, 4, &sb);
    int64_t extra = 0, subsidised = 0, dead = 0;
    while (llo_world_month(a) <= 0) {
        llo_world_step(a);
        llo_world_step(b);
        const llo_month_stats *x = llo_world_stats(a), *y = llo_world_stats(b);
        if (x->month < 0) {
            cr_assert_eq(whole(x, LLO_FLOW_STARTS), whole(y, LLO_FLOW_STARTS), "the burn-in must be common");
            continue;
        }
        extra = whole(x, LLO_FLOW_STARTS) - whole(y, LLO_FLOW_STARTS);
        subsidised = whole(x, LLO_FLOW_SUBSIDISED_SME);
        dead = whole(x, LLO_FLOW_DEADWEIGHT_SME);
    }
    cr_assert_gt(subsidised, 20, "too few subsidised starts to test: %lld", (long long)subsidised);
    int64_t additional = subsidised - dead;
    cr_assert(llabs(extra - additional) <= 3 + additional / 4, "extra starts %lld, additional by the deadweight count %lld",
              (long long)extra, (long long)additional);
    llo_world_free(a);
    llo_world_free(b);
    free(sa);
    free(sb);
}

/* --- Guidance ---------------------------------------------------------------------------- */

Test(guidance, case_managers_send_job_seekers_now_and_then)
{
    outcome *rare = SIM("orchestrators.guidance_seek_jobseeker=0.01", "governance.outreach_rate=0");
    outcome *often = SIM("orchestrators.guidance_seek_jobseeker=0.2", "governance.outreach_rate=0");
    cr_assert_gt(often->sum[LLO_FLOW_GUIDED] + often->sum[LLO_FLOW_GUIDANCE_WAITING],
                 rare->sum[LLO_FLOW_GUIDED] + rare->sum[LLO_FLOW_GUIDANCE_WAITING]);
    free(rare);
    free(often);
}

Test(guidance, those_who_give_up_stop_asking)
{
    outcome *patient = SIM("orchestrators.waiting_attrition=0", "orchestrators.guidance_seek_employed=0.02");
    outcome *impatient = SIM("orchestrators.waiting_attrition=1", "orchestrators.guidance_seek_employed=0.02");
    cr_assert_gt(patient->sum[LLO_FLOW_GUIDANCE_WAITING], impatient->sum[LLO_FLOW_GUIDANCE_WAITING]);
    free(patient);
    free(impatient);
}

Test(guidance, a_session_shows_how_to_use_the_own_budget)
{
    llo_scenario *s;
    llo_world *w = world_for((const char *const[]){"workers.budget_initiative=0"}, 1, &s);
    size_t guided = 0;
    for (int m = 0; m < 4; m++) {
        llo_world_step(w);
        for (size_t i = 0; i < w->w.capacity; i++)
            if (w->w.status[i] != LLO_SLOT_EMPTY && (w->w.flags[i] & LLO_F_GUIDED)) {
                guided++;
                cr_assert(w->w.flags[i] & LLO_F_KNOWS_BUDGET, "a guided worker must know how to use the own budget");
            }
    }
    cr_assert_gt(guided, 0);
    llo_world_free(w);
    free(s);
}

Test(guidance, capacity_has_diminishing_returns)
{
    scale = 0.04;
    months = 12;
    outcome *base = SIM("orchestrators.guidance_per_fte=20");
    outcome *more = SIM("orchestrators.guidance_per_fte=40");
    outcome *most = SIM("orchestrators.guidance_per_fte=80");
    int64_t g1 = base->sum[LLO_FLOW_GUIDED], g2 = more->sum[LLO_FLOW_GUIDED], g3 = most->sum[LLO_FLOW_GUIDED];
    cr_assert(g2 > g1 && g3 >= g2, "sessions %lld, %lld, %lld", (long long)g1, (long long)g2, (long long)g3);
    cr_assert_lt(g3 - g2, g2 - g1, "the second doubling must add fewer sessions than the first: %lld, %lld, %lld", (long long)g1, (long long)g2, (long long)g3);
    free(base);
    free(more);
    free(most);
}

/* Mean fit with the worker's sector of the offers the workers of w would choose this month,
 * all of them guided or none; *n: how many would find one. */
static double chosen_fit(const llo_world *w, int guided, uint16_t *choice, size_t *n)
{
    double fit = 0;
    *n = 0;
    for (size_t i = 0; i < w->w.capacity; i++) {
        choice[i] = LLO_NO_PROVIDER;
        if (w->w.status[i] == LLO_SLOT_EMPTY) continue;
        choice[i] = llo_choose_provider(w, i, llo_world_month(w), guided);
        if (choice[i] == LLO_NO_PROVIDER) continue;
        fit += w->pr.fit[(size_t)choice[i] * (size_t)w->p.n_sectors + w->w.sector[i]];
        (*n)++;
    }
    return *n ? fit / (double)*n : 0;
}

Test(guidance, steering_leads_the_guided_to_fitting_providers_and_leaves_the_rest_alone)
{
    llo_scenario *s;
    llo_world *w = world_for((const char *const[]){"orchestrators.guidance_steering=2"}, 1, &s);
    for (int m = 0; m < 6; m++) llo_world_step(w); /* curricula lag behind the moved needs */
    size_t cap = w->w.capacity, n_plain, n_steered, n_off, n_unsteered;
    uint16_t *plain = malloc(cap * sizeof *plain), *steered = malloc(cap * sizeof *steered);
    uint16_t *off = malloc(cap * sizeof *off), *unsteered = malloc(cap * sizeof *unsteered);
    cr_assert(plain && steered && off && unsteered);
    double fit_plain = chosen_fit(w, 0, plain, &n_plain);
    double fit_steered = chosen_fit(w, 1, steered, &n_steered);
    w->p.guidance_steering = 0;
    chosen_fit(w, 0, unsteered, &n_unsteered);
    chosen_fit(w, 1, off, &n_off);
    /* The same draw under the same tables: whoever is not steered chooses exactly as before. */
    for (size_t i = 0; i < cap; i++) {
        cr_assert_eq(plain[i], unsteered[i], "an unguided worker's choice must not depend on the steering");
        cr_assert_eq(off[i], plain[i], "steering 0: a guided worker chooses as an unguided one");
    }
    /* Steering only reweighs the offers within reach: nobody gains or loses the choice itself. */
    cr_assert_eq(n_steered, n_plain);
    cr_log_info("mean fit of chosen offers: steered %.4f, unsteered %.4f\n", fit_steered, fit_plain);
    cr_assert_gt(fit_steered, fit_plain + 0.005, "mean fit steered %.4f, unsteered %.4f", fit_steered, fit_plain);
    free(plain);
    free(steered);
    free(off);
    free(unsteered);
    llo_world_free(w);
    free(s);
}

Test(guidance, guided_starters_land_in_courses_that_fit)
{
    /* More guidance than the baseline, so the guided starters are enough to compare. */
    outcome *off = SIM("orchestrators.guidance_steering=0", "orchestrators.guidance_seek_employed=0.02");
    outcome *on = SIM("orchestrators.guidance_steering=3", "orchestrators.guidance_seek_employed=0.02");
    cr_assert_gt(off->start_fit_den[1], 30, "too few guided starters to compare: %lld", (long long)off->start_fit_den[1]);
    cr_assert_gt(on->start_fit_den[1], 30);
    double f_off = (double)off->start_fit_num[1] / (double)off->start_fit_den[1] / LLO_GAP_SCALE;
    double f_on = (double)on->start_fit_num[1] / (double)on->start_fit_den[1] / LLO_GAP_SCALE;
    double u_off = (double)off->start_fit_num[0] / (double)off->start_fit_den[0] / LLO_GAP_SCALE;
    double u_on = (double)on->start_fit_num[0] / (double)on->start_fit_den[0] / LLO_GAP_SCALE;
    cr_log_info("start fit: guided %.4f (steering 3) vs %.4f (0) of %lld, %lld; unguided %.4f vs %.4f\n", f_on, f_off, (long long)on->start_fit_den[1], (long long)off->start_fit_den[1], u_on, u_off);
    cr_assert_gt(f_on, f_off + 0.05, "guided starters' mean fit steered %.4f, not steered %.4f", f_on, f_off);
    /* The others choose by the same rule; they meet the steered only in the queue for seats. */
    cr_assert_lt(fabs(u_on - u_off), 0.02, "unguided starters' mean fit %.4f vs %.4f", u_on, u_off);
    free(off);
    free(on);
}

/* --- The agenda's programme and what organising costs -------------------------------------- */

Test(agenda, outreach_reaches_priority_groups_at_a_cost)
{
    outcome *off = SIM("governance.outreach_rate=0");
    outcome *on = SIM("governance.outreach_rate=0.05", "governance.agenda_initial=0.8");
    cr_assert_eq(off->sum[LLO_FLOW_OUTREACH_REACHED], 0);
    cr_assert_eq(off->sum[LLO_FLOW_OUTREACH_EUR], 0);
    cr_assert_gt(on->sum[LLO_FLOW_OUTREACH_REACHED], 0);
    /* 25 EUR a person at the default cost: exact per region and month, so exact in the sum. */
    cr_assert_eq(on->sum[LLO_FLOW_OUTREACH_EUR], on->sum[LLO_FLOW_OUTREACH_REACHED] * 2500);
    cr_assert_gt(on->sum[LLO_FLOW_GUIDED] + on->sum[LLO_FLOW_GUIDANCE_WAITING],
                 off->sum[LLO_FLOW_GUIDED] + off->sum[LLO_FLOW_GUIDANCE_WAITING]);
    free(off);
    free(on);
}

Test(agenda, company_scans_raise_small_firms_culture)
{
    outcome *off = SIM("governance.scan_rate=0");
    outcome *on = SIM("governance.scan_rate=2", "governance.agenda_initial=0.8");
    cr_assert_eq(off->sum[LLO_FLOW_SCANS], 0);
    cr_assert_gt(on->sum[LLO_FLOW_SCANS], 0);
    cr_assert_gt(on->culture_small, off->culture_small);
    /* 8,000 EUR a scan, 80% public: exact in cents. */
    cr_assert_eq(on->sum[LLO_FLOW_SCAN_PUBLIC_EUR], on->sum[LLO_FLOW_SCANS] * 640000);
    cr_assert_eq(on->sum[LLO_FLOW_SCAN_EMPLOYER_EUR], on->sum[LLO_FLOW_SCANS] * 160000);
    free(off);
    free(on);
}

Test(agenda, codevelopment_speeds_up_providers)
{
    const char *votes = "governance.agency=[0.2, 0.2, 0.2, 0.2, 0.2]";
    outcome *off = SIM(votes, "governance.codevelopment=0", "governance.agenda_initial=0.8");
    outcome *on = SIM(votes, "governance.codevelopment=5", "governance.agenda_initial=0.8");
    cr_assert_gt(on->gauge_mean[LLO_GAUGE_PROVIDER_FIT], off->gauge_mean[LLO_GAUGE_PROVIDER_FIT]);
    cr_assert_gt(on->sum[LLO_FLOW_STARTS], off->sum[LLO_FLOW_STARTS] - off->sum[LLO_FLOW_STARTS] / 100);
    free(off);
    free(on);
}

Test(agenda, education_with_agency_adapts_faster_under_diploma_funding)
{
    outcome *none = SIM("governance.agency=[0.45, 0.35, 0.2, 0.0, 0.0]", "governance.codevelopment=0", "governance.education_flexibility=5");
    outcome *some = SIM("governance.agency=[0.45, 0.35, 0.0, 0.0, 0.2]", "governance.codevelopment=0", "governance.education_flexibility=5");
    cr_assert_gt(some->fit_public, none->fit_public);
    free(none);
    free(some);
}

/* The regional fund granted to each region this year, from the accounts. */
static void regional_grants(const llo_world *w, int64_t *grant)
{
    for (int r = 0; r < w->p.n_regions; r++) grant[r] = w->acc.pot_year[LLO_INSTR_REGIONAL][r];
}

Test(agenda, a_stronger_agenda_grants_a_larger_regional_fund)
{
    llo_scenario *s0, *sw, *ss, *sz;
    llo_world *zero = world_for((const char *const[]){"funding.regional_fund_agenda_match=0", "governance.agenda_initial=0.2"}, 2, &sz);
    llo_world *none = world_for((const char *const[]){"funding.regional_fund_agenda_match=0", "governance.agenda_initial=0.8"}, 2, &s0);
    llo_world *weak = world_for((const char *const[]){"funding.regional_fund_agenda_match=0.5", "governance.agenda_initial=0.2"}, 2, &sw);
    llo_world *strong = world_for((const char *const[]){"funding.regional_fund_agenda_match=0.5", "governance.agenda_initial=0.8"}, 2, &ss);
    int64_t g0[LLO_MAX_REGIONS], gw[LLO_MAX_REGIONS], gs[LLO_MAX_REGIONS], gz[LLO_MAX_REGIONS];
    regional_grants(zero, gz);
    regional_grants(none, g0);
    regional_grants(weak, gw);
    regional_grants(strong, gs);
    for (int r = 0; r < none->p.n_regions; r++) {
        /* Match 0 grants the base whatever the agenda. */
        cr_assert_eq(g0[r], gz[r], "region %d", r);
        cr_assert_gt(g0[r], 0);
        cr_assert_eq(gw[r], g0[r] + llround(0.5 * 0.2 * (double)g0[r]), "region %d", r);
        cr_assert_eq(gs[r], g0[r] + llround(0.5 * 0.8 * (double)g0[r]), "region %d", r);
        if (g0[r] > 0) cr_assert_gt(gs[r], gw[r]);
    }
    /* A year on, January's grant follows the agenda as it then stands, and the money balances. */
    char err[512];
    do {
        llo_world_step(strong);
        cr_assert_eq(llo_world_check(strong, err, sizeof err), 0, "%s", err);
    } while (llo_calendar_month(llo_world_month(strong) - 1) != 0 || llo_world_month(strong) - 1 < 1); /* set-up granted month 0 */
    for (int r = 0; r < strong->p.n_regions; r++) {
        int64_t base = llround(strong->p.regional_fund_eur[r] * strong->p.scale * 100);
        cr_assert_eq(strong->acc.pot_year[LLO_INSTR_REGIONAL][r],
                     base + llround(0.5 * strong->region[r].agenda * (double)base), "region %d", r);
    }
    llo_world_free(zero);
    llo_world_free(none);
    llo_world_free(weak);
    llo_world_free(strong);
    free(s0);
    free(sw);
    free(ss);
    free(sz);
}

Test(costs, staff_front_office_and_meetings_have_a_price)
{
    outcome *off = SIM("orchestrators.front_office=0");
    outcome *on = SIM("orchestrators.front_office=1");
    cr_assert_eq(off->sum[LLO_FLOW_FRONT_OFFICE_EUR], 0);
    /* 3 FTE a region at scale 0.005, 75,000 EUR a year: each month's cost is rounded to the cent. */
    int64_t month = llround(3 * 0.005 * 75000.0 * 100 / 12);
    cr_assert_eq(on->sum[LLO_FLOW_FRONT_OFFICE_EUR], month * 4 * MONTHS);
    cr_assert_gt(on->sum[LLO_FLOW_STAFF_EUR], 0);
    cr_assert_eq(on->sum[LLO_FLOW_STAFF_EUR], off->sum[LLO_FLOW_STAFF_EUR], "the front office does not change the guidance staff");
    cr_assert_gt(on->sum[LLO_FLOW_CONVENING_EUR], 0);
    free(off);
    free(on);
}

/* --- Ties from interactions ------------------------------------------------------------------ */

Test(network, votes_are_not_ties)
{
    llo_scenario *s;
    llo_world *w = world_for(NULL, 0, &s);
    llo_world_step(w);
    /* The same month's contacts under other votes: centrality must not move, agency must. */
    llo_network before = w->stats.network;
    llo_params *p = llo_world_params(w);
    for (int a = 0; a < LLO_N_ACTORS; a++) p->agency[a] = a == LLO_ACTOR_WORKERS ? 1 : 0.01;
    llo_network_compute(w);
    const llo_network *after = &w->stats.network;
    for (int n = 0; n < LLO_N_NODES; n++) {
        cr_assert_float_eq(after->degree[LLO_MAX_REGIONS][n], before.degree[LLO_MAX_REGIONS][n], 1e-12);
        cr_assert_float_eq(after->eigenvector[LLO_MAX_REGIONS][n], before.eigenvector[LLO_MAX_REGIONS][n], 1e-12);
    }
    cr_assert_neq(after->agency[LLO_MAX_REGIONS][LLO_NODE_WORKERS], before.agency[LLO_MAX_REGIONS][LLO_NODE_WORKERS]);
    llo_world_free(w);
    free(s);
}

Test(network, a_lost_referral_is_no_tie)
{
    llo_scenario *s;
    llo_world *w = world_for(NULL, 0, &s);
    memset(&w->contacts, 0, sizeof w->contacts);
    /* Only courses and guidance: municipality and intermediaries share no tie. */
    llo_contacts_add(w, 0, LLO_CH_COURSES, LLO_NODE_WORKERS, LLO_NODE_PUBLIC_PROVIDERS, 10);
    llo_contacts_add(w, 0, LLO_CH_GUIDANCE, LLO_NODE_WORKERS, LLO_NODE_MUNICIPALITY, 5);
    llo_contacts_add(w, 0, LLO_CH_GUIDANCE, LLO_NODE_WORKERS, LLO_NODE_INTERMEDIARIES, 5);
    llo_network_compute(w);
    const llo_network *net = &w->stats.network;
    /* Courses weigh 1/2 (all on workers-public), guidance 1/2 (1/4 each pair): degrees are the
     * shares of the doubled tie strength. */
    cr_assert_float_eq(net->degree[0][LLO_NODE_WORKERS], 0.5, 1e-12);
    cr_assert_float_eq(net->degree[0][LLO_NODE_PUBLIC_PROVIDERS], 0.25, 1e-12);
    cr_assert_float_eq(net->degree[0][LLO_NODE_MUNICIPALITY], 0.125, 1e-12);
    cr_assert_float_eq(net->degree[0][LLO_NODE_EMPLOYERS], 0.0, 1e-12);
    llo_world_free(w);
    free(s);
}

/* --- Human-capital horizon ------------------------------------------------------------------- */

Test(horizon, a_longer_working_life_raises_older_workers_training)
{
    outcome *early = SIM("workers.retirement_age=64");
    outcome *late = SIM("workers.retirement_age=70");
    cr_assert_gt(late->participation_55, early->participation_55, "55+: %.4f retiring at 64, %.4f at 70",
                 early->participation_55, late->participation_55);
    free(early);
    free(late);
}

Test(horizon, no_horizon_term_no_difference_by_years_left)
{
    llo_scenario *s;
    llo_world *w = world_for((const char *const[]){"training.start_horizon=0"}, 1, &s);
    llo_world_step(w);
    for (int left = 0; left < LLO_HORIZON_MONTHS; left++) cr_assert_eq(w->rate.horizon[left], 0.0f);
    llo_world_free(w);
    free(s);
}

/* --- Tenure: the expected stay with the employer (issue 10 item 2) --------------------------- */

/* Tenure counts months with the same employer and starts again at 0 on every change: a hire, a
 * move to a poacher, a separation; job seekers and the self-employed hold 0. */
Test(tenure, resets_on_an_employer_change_and_counts_months)
{
    llo_scenario *s;
    llo_world *w = world_for(NULL, 0, &s);
    size_t n = w->w.capacity;
    uint64_t *person = calloc(n, sizeof *person);
    uint32_t *employer = calloc(n, sizeof *employer);
    uint16_t *tenure = calloc(n, sizeof *tenure);
    cr_assert(person && employer && tenure);
    int64_t changes = 0, stays = 0, first_year = 0;
    for (int m = 0; m < 24; m++) {
        for (size_t i = 0; i < n; i++) {
            person[i] = w->w.person[i];
            employer[i] = w->w.status[i] == LLO_SLOT_EMPTY ? LLO_NONE : w->w.employer[i];
            tenure[i] = w->w.tenure_months[i];
        }
        llo_world_step(w);
        for (size_t i = 0; i < n; i++) {
            if (w->w.status[i] == LLO_SLOT_EMPTY || w->w.person[i] != person[i]) continue;
            uint32_t e = w->w.employer[i];
            if (e == LLO_NONE) {
                cr_assert_eq(w->w.tenure_months[i], 0, "person %llu has no employer but tenure %u",
                             (unsigned long long)person[i], w->w.tenure_months[i]);
            } else if (e != employer[i]) {
                cr_assert_eq(w->w.tenure_months[i], 0, "person %llu changed employer, tenure %u",
                             (unsigned long long)person[i], w->w.tenure_months[i]);
                changes++;
            } else {
                cr_assert_eq(w->w.tenure_months[i], tenure[i] + 1, "person %llu stayed: tenure %u after %u",
                             (unsigned long long)person[i], w->w.tenure_months[i], tenure[i]);
                stays++;
                first_year += w->w.tenure_months[i] < 12;
            }
        }
    }
    cr_assert_gt(changes, 100, "only %lld employer changes", (long long)changes);
    cr_assert_gt(first_year, 0);
    cr_assert_gt(stays, changes);
    free(person);
    free(employer);
    free(tenure);
    llo_world_free(w);
    free(s);
}

/* Separations of permanent employees per month of exposure, in the first year with the employer
 * and after it, measured month by month: an employee of this month's start who is a job seeker
 * at its end lost the job. Within one contract, so the contract mix of newcomers plays no part. */
typedef struct hazard {
    double first, later, mean;
} hazard;

static hazard permanent_separation(const char *ratio)
{
    double saved = scale;
    int saved_months = months;
    scale = 0.05;
    months = 48;
    llo_scenario *s;
    llo_world *w = world_for((const char *const[]){ratio}, 1, &s);
    scale = saved;
    months = saved_months;
    size_t n = w->w.capacity;
    uint64_t *person = calloc(n, sizeof *person);
    uint8_t *group = calloc(n, sizeof *group); /* 0 not exposed, 1 first year, 2 later */
    cr_assert(person && group);
    double exposed[3] = {0}, lost[3] = {0};
    while (llo_world_month(w) < s->params.months) {
        const llo_workers *W = &w->w;
        for (size_t i = 0; i < n; i++) {
            person[i] = W->person[i];
            int employee = W->status[i] == LLO_EMPLOYED && W->employer[i] != LLO_NONE &&
                           W->contract[i] == LLO_CONTRACT_PERMANENT;
            /* the decide pass counts the month before it decides on the job (step.c) */
            group[i] = !employee ? 0 : W->tenure_months[i] + 1 < LLO_FIRST_YEAR_MONTHS ? 1 : 2;
        }
        llo_world_step(w);
        for (size_t i = 0; i < n; i++) {
            if (!group[i] || W->person[i] != person[i] || W->status[i] == LLO_SLOT_EMPTY) continue;
            exposed[group[i]]++;
            lost[group[i]] += W->status[i] == LLO_JOBSEEKER;
        }
    }
    hazard h = {lost[1] / exposed[1], lost[2] / exposed[2], (lost[1] + lost[2]) / (exposed[1] + exposed[2])};
    cr_log_info("%s: first year %.5f (%g of %g), later %.5f, mean %.5f", ratio, h.first, lost[1], exposed[1], h.later, h.mean);
    free(person);
    free(group);
    llo_world_free(w);
    free(s);
    return h;
}

Test(tenure, first_year_separation_hazard_is_higher, .timeout = 600)
{
    hazard flat = permanent_separation("labour.separation_tenure_ratio=1");
    hazard steep = permanent_separation("labour.separation_tenure_ratio=2.5");
    /* Without the ratio, tenure does not matter: the two hazards differ by sampling noise only
     * (some hundreds of first-year separations: about 10% relative error, so 25% is generous). */
    cr_assert(fabs(flat.first / flat.later - 1) < 0.25, "ratio 1: first year %.5f, later %.5f", flat.first, flat.later);
    /* With it, the first year's hazard is about 2.5 times the later one. */
    double r = steep.first / steep.later;
    cr_assert(r > 2.0 && r < 3.1, "ratio 2.5: first year %.5f, later %.5f, measured ratio %.2f", steep.first, steep.later, r);
    /* The normalisation keeps the contract's mean job loss: the permanent staff's mean hazard
     * moves by less than sampling noise. */
    cr_assert(fabs(steep.mean / flat.mean - 1) < 0.06, "mean hazard %.5f at ratio 2.5, %.5f at 1", steep.mean, flat.mean);
}

/* Becker: the employer expects a course to pay back only while the worker stays, and a newcomer
 * is likelier to go. The same employees, the same month and the same draws, asked under two
 * weights of the expected stay: a higher weight turns down more newcomers and fewer old hands. */
Test(tenure, employers_support_newcomers_less_when_the_stay_counts)
{
    double saved = scale;
    scale = 0.02;
    llo_scenario *s;
    llo_world *w = world_for(NULL, 0, &s);
    scale = saved;
    for (int m = 0; m < 13; m++) llo_world_step(w);
    /* llo_world_step leaves the month's outlook and rates in place; decisions are read against it */
    uint16_t j = 0;
    int64_t price = 150000; /* EUR 1500, no subsidy */
    double weights[3] = {0, 1, 2};
    double support[3][2] = {{0}}, asked[2] = {0};
    for (size_t i = 0; i < w->w.capacity; i++) {
        if (w->w.status[i] != LLO_EMPLOYED || w->w.employer[i] == LLO_NONE) continue;
        int t = w->w.tenure_months[i];
        int band = t < 12 ? 0 : t >= 60 ? 1 : -1;
        if (band < 0) continue;
        asked[band]++;
        for (int k = 0; k < 3; k++) {
            w->p.return_horizon_weight = weights[k];
            int64_t part;
            support[k][band] += llo_employer_support_decide(w, i, j, price, 0, &part, NULL, NULL) != LLO_SUPPORT_REFUSE;
        }
    }
    double rate[3][2];
    for (int k = 0; k < 3; k++)
        for (int b = 0; b < 2; b++) rate[k][b] = support[k][b] / asked[b];
    cr_log_info("support <1y / 5y+: weight 0 %.4f / %.4f, weight 1 %.4f / %.4f, weight 2 %.4f / %.4f (of %g / %g)",
                rate[0][0], rate[0][1], rate[1][0], rate[1][1], rate[2][0], rate[2][1], asked[0], asked[1]);
    cr_assert_gt(asked[0], 100);
    /* Same draws: a shorter expected stay can only lower the return, a longer one raise it. */
    cr_assert_lt(rate[2][0], rate[0][0]);
    cr_assert_lt(rate[1][0], rate[0][0]);
    cr_assert_geq(rate[2][1], rate[0][1]);
    cr_assert_lt(rate[2][0] / rate[2][1], rate[0][0] / rate[0][1]);
    llo_world_free(w);
    free(s);
}
