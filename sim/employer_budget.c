/* Training money held by the agents. Employers' budgets are a share of labour cost, granted
 * each January (pro rata in the first year) and lapsing at the end of December; the funding
 * instruments' yearly budgets are renewed at the same moment (funding.c). Workers' own
 * learning budgets accrue monthly up to a cap; what would exceed the cap is forfeited. */
#include <math.h>

#include "world.h"

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
    llo_workers *W = &w->w;
    int64_t monthly = llround(w->p.individual_budget_eur * 100 / 12.0);
    int64_t cap = llround(w->p.individual_budget_cap_eur * 100);
    int64_t accrued = 0, forfeited = 0;
#pragma omp parallel for schedule(static) reduction(+ : accrued, forfeited)
    for (size_t i = 0; i < W->capacity; i++) {
        if (W->status[i] == LLO_SLOT_EMPTY) continue;
        int64_t now = W->own_budget_cents[i] + monthly;
        accrued += monthly;
        if (now > cap) {
            forfeited += now - cap;
            now = cap;
        }
        W->own_budget_cents[i] = (int32_t)now;
    }
    w->acc.individual_accrued += accrued;
    w->acc.individual_forfeited += forfeited;
}
