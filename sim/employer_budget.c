/* Training money held by the agents. Employers' budgets are a share of labour cost, granted
 * each January (pro rata in the first year) and lapsing at the end of December; the funding
 * instruments' yearly budgets are renewed at the same moment (funding.c). Workers' own
 * learning budgets accrue monthly up to a cap; what would exceed the cap is forfeited. */
#include <math.h>

#include "sim/rng.h"
#include "sim/world.h"

void llo_budgets_renew(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_accounts *a = &w->acc;
    int months_left = 12 - llo_calendar_month(w->month);
    w->budgets_renewed = w->month;
    int64_t cost = llround(p->labour_cost_eur * 100);
    for (size_t e = 0; e < w->e.count; e++) {
        a->employer_lapsed += w->e.budget_cents[e] - w->e.spent_cents[e];
        int64_t budget = llround(p->training_budget_share * (double)cost * w->e.headcount[e] * months_left);
        w->e.budget_cents[e] = budget;
        w->e.spent_cents[e] = 0;
        a->employer_granted += budget;
    }
    llo_funding_renew(w, months_left); /* the instruments' yearly budgets (funding.c) */
}

void llo_budgets_accrue_individual(llo_world *w)
{
    /* Each worker's accrual is the first thing the decide pass does for them
     * (llo_own_budget_accrue): a pass of its own over every worker would cost as much again,
     * and nothing between here and the decide pass reads a worker's own budget. */
    w->rate.own_accrual_cents = llround(w->p.individual_budget_eur * 100 / 12.0);
    w->rate.own_cap_cents = llround(w->p.individual_budget_cap_eur * 100);
    double cover = w->p.individual_budget_coverage;
    w->rate.budget_scheme_below = cover >= 1 ? UINT64_MAX : (uint64_t)(cover * 0x1.0p64);
    /* The unions reach workers through the table's agreements: their agency share times the
     * agenda's reach into member organisations. */
    double total = 0;
    for (int a = 0; a < LLO_N_ACTORS; a++) total += w->p.agency[a];
    double unions = total > 0 ? w->p.agency[LLO_ACTOR_WORKERS] / total : 0;
    for (int r = 0; r < w->p.n_regions; r++) {
        double rate = w->p.budget_initiative * (1 + w->p.union_outreach * unions * llo_agenda_reach(w, r));
        w->rate.budget_initiative[r] = rate >= 12 ? 1 : 1 - exp(-rate / 12);
    }
}

void llo_own_budget_initiative(llo_world *w, size_t i, double u)
{
    llo_workers *W = &w->w;
    if ((W->flags[i] & LLO_F_KNOWS_BUDGET) || W->own_budget_cents[i] <= 0) return;
    double h = w->rate.budget_initiative[W->region[i]];
    if (h > 0 && u < h) W->flags[i] |= LLO_F_KNOWS_BUDGET;
}
