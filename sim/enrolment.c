/* Courses: a worker who wants to start claims a seat under the chosen offer (a provider, or a
 * region's joint offer; provider_competition.c places the claim, or refers it when the rule is
 * coordinated) and someone must pay the price, which the provider receives. Claims are served in a random but deterministic priority order, so scarce
 * seats and budgets never go to "whichever thread came first". Who pays:
 *   an employee: the employer pays in full, co-funds a share or refuses, weighing return,
 *     cost and the risk of losing the worker within what its budget still covers
 *     (employer_decision.c); the worker pays the rest from the own budget, topped up out of
 *     pocket up to workers.out_of_pocket_max_eur, or the request is given up;
 *   a job seeker: the region's public job-seeker fund while it lasts, else as above;
 *   the self-employed: own budget and pocket.
 * Courses last an exponential number of months (a public provider's module under modular funding
 * a share of that); a share ends in a dropout, without gain. */
#include <math.h>
#include <gsl/gsl_randist.h>

#include "rng.h"
#include "world.h"

unsigned llo_course_month(llo_world *w, size_t i)
{
    llo_workers *W = &w->w;
    if (W->provider[i] == LLO_NO_PROVIDER) return 0;
    if (W->course_left[i] > 0) W->course_left[i]--;
    return W->course_left[i] == 0 ? LLO_E_COURSE_END : 0;
}

void llo_courses_resolve(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_workers *W = &w->w;
    for (size_t i = 0; i < W->capacity; i++) {
        if (W->status[i] == LLO_SLOT_EMPTY || !(W->event[i] & LLO_E_COURSE_END)) continue;
        uint16_t j = W->provider[i];
        int r = W->region[i];
        w->pr.enrolled[j]--;
        double fit = w->pr.fit[(size_t)j * (size_t)p->n_sectors + W->sector[i]];
        int dropped = (W->flags[i] & LLO_F_WILL_DROP) != 0;
        llo_trust_course_experience(w, i, !dropped && fit >= p->trust_good_fit);
        if (dropped) {
            w->flows.f[LLO_FLOW_DROPOUTS][r]++;
        } else {
            double before = W->skill[i];
            double s = before + p->skill_gain * fit;
            W->skill[i] = (float)(s > 1.5 ? 1.5 : s);
            llo_employer_course_completed(w, i, 1.0 - before, (double)W->skill[i] - before);
            W->last_completion[i] = (int16_t)w->month;
            w->flows.f[LLO_FLOW_COMPLETIONS][r]++;
        }
        W->flags[i] &= (uint8_t)~LLO_F_WILL_DROP;
        W->provider[i] = LLO_NO_PROVIDER;
    }
}

/* Pays `price` cents from the worker's own budget and pocket; 0 if more than they will pay. */
static int pay_own(llo_world *w, size_t i, int64_t price)
{
    llo_workers *W = &w->w;
    int64_t own = W->own_budget_cents[i] < price ? W->own_budget_cents[i] : price;
    int64_t pocket = price - own;
    if (pocket > llround(w->p.out_of_pocket_max_eur * 100)) return 0;
    int r = W->region[i];
    W->own_budget_cents[i] -= (int32_t)own;
    w->acc.individual_spent += own;
    w->acc.out_of_pocket += pocket;
    w->flows.f[LLO_FLOW_INDIVIDUAL_SPENT][r] += own;
    w->flows.f[LLO_FLOW_OUT_OF_POCKET][r] += pocket;
    return 1;
}

/* Gives the regional fund's grant back when nobody pays the rest. */
static int refund_regional(llo_world *w, int r, int64_t grant)
{
    w->region[r].regional_fund_left += grant;
    w->acc.regional_spent -= grant;
    w->flows.f[LLO_FLOW_REGIONAL_SPENT][r] -= grant;
    return 0;
}

static int pay_rest(llo_world *w, size_t i, uint16_t j, int64_t price, int node);

/* Finds payers for worker i's course at provider j for price cents; returns 0 if nobody will
 * pay enough. The regional fund, steered by the agenda's priorities, pays its share first;
 * a job seeker's course then falls to the job-seeker fund, an employee's to the employer's
 * decision, and what is left to the worker. */
static int fund(llo_world *w, size_t i, uint16_t j, int64_t price)
{
    llo_workers *W = &w->w;
    int r = W->region[i], node = llo_provider_node(w, j);
    int64_t grant = llo_regional_fund_grant(w, i, price);
    /* A grant is a contact between the orchestrator and the provider once the course is paid
     * for; counted at the end, since a grant nobody tops up goes back. */
    if (grant > 0 && price - grant <= 0) {
        llo_contact(w, r, LLO_NODE_MUNICIPALITY, node);
        return 1;
    }
    if (!pay_rest(w, i, j, price - grant, node)) return refund_regional(w, r, grant);
    if (grant > 0) llo_contact(w, r, LLO_NODE_MUNICIPALITY, node);
    return 1;
}

/* The rest of the price after the regional fund: the job-seeker fund, the employer, the worker. */
static int pay_rest(llo_world *w, size_t i, uint16_t j, int64_t price, int node)
{
    llo_workers *W = &w->w;
    int r = W->region[i];
    if (W->status[i] == LLO_JOBSEEKER && w->acc.jobseeker_left[r] >= price) {
        w->acc.jobseeker_left[r] -= price;
        w->acc.jobseeker_spent += price;
        w->flows.f[LLO_FLOW_JOBSEEKER_SPENT][r] += price;
        llo_contact(w, r, LLO_NODE_MUNICIPALITY, node);
        return 1;
    }
    uint32_t e = W->employer[i];
    if (W->status[i] == LLO_EMPLOYED && e != LLO_NONE) {
        /* A subsidy is paid by the instrument that grants it (llo_employer_subsidy_cents),
         * and only to an employer that takes part. */
        int64_t subsidy = llo_employer_subsidy_cents(w, i, price), part;
        int kind = llo_employer_support_decide(w, i, j, price, subsidy, &part);
        if (kind == LLO_SUPPORT_REFUSE) {
            w->flows.f[LLO_FLOW_EMPLOYER_REFUSALS][r]++;
            subsidy = part = 0;
        }
        if (!pay_own(w, i, price - subsidy - part)) return 0;
        w->e.spent_cents[e] += part;
        w->acc.employer_spent += part;
        w->flows.f[LLO_FLOW_EMPLOYER_SPENT][r] += part;
        if (part > 0) llo_contact(w, r, LLO_NODE_EMPLOYERS, node);
        if (kind == LLO_SUPPORT_FULL) w->flows.f[LLO_FLOW_EMPLOYER_SUPPORTED][r]++;
        if (kind == LLO_SUPPORT_COFUND) w->flows.f[LLO_FLOW_EMPLOYER_COFUNDED][r]++;
        W->employer_paid_cents[i] = (int32_t)part;
        return 1;
    }
    return pay_own(w, i, price);
}

static void start(llo_world *w, size_t i, uint16_t j)
{
    const llo_params *p = &w->p;
    llo_workers *W = &w->w;
    gsl_rng *g = w->rng[0];
    llo_rng_reset(g, w->seed, LLO_RNG_COURSE, W->person[i], w->month, 0);
    double mean = p->course_months_mean;
    if (llo_provider_is_public(w->pr.kind[j]) && w->public_funding == LLO_FUNDING_MODULAR) mean *= p->provider_module_length_factor;
    double months = ceil(gsl_ran_exponential(g, mean));
    W->course_left[i] = (uint8_t)(months < 1 ? 1 : months > 120 ? 120 : months);
    if (gsl_rng_uniform(g) < p->dropout_share) {
        W->flags[i] |= LLO_F_WILL_DROP;
        /* A dropout leaves somewhere in the course's first half. */
        W->course_left[i] = (uint8_t)(1 + (unsigned)(gsl_rng_uniform(g) * ((W->course_left[i] + 1) / 2)));
    }
    W->provider[i] = j;
    W->last_start[i] = (int16_t)w->month;
    W->flags[i] |= LLO_F_EVER_TRAINED;
    w->pr.enrolled[j]++;
    w->flows.f[LLO_FLOW_STARTS][W->region[i]]++;
    llo_contact(w, W->region[i], LLO_NODE_WORKERS, llo_provider_node(w, j));
}

void llo_enrolment_resolve(llo_world *w)
{
    llo_workers *W = &w->w;
    size_t n = llo_collect_claims(w, LLO_E_WANTS_COURSE, LLO_CLAIMS_PRIORITY);
    for (size_t k = 0; k < n; k++) {
        llo_claim_prefetch(w, k, n);
        size_t i = llo_claim_worker(w->claims[k]);
        uint16_t o = W->intent_provider[i];
        if (W->provider[i] != LLO_NO_PROVIDER || o == LLO_NO_PROVIDER) continue;
        /* Every claim is a demand signal to the offer claimed, served or not. */
        w->pr.applicants[(size_t)o * (size_t)w->p.n_sectors + W->sector[i]]++;
        int64_t price;
        uint16_t j = llo_offer_place(w, i, o, &price);
        if (j == LLO_NO_PROVIDER) {
            w->flows.f[LLO_FLOW_SEAT_SHORTAGES][W->region[i]]++;
            continue;
        }
        if (!fund(w, i, j, price)) {
            w->flows.f[LLO_FLOW_REFUSED][W->region[i]]++;
            continue;
        }
        w->pr.revenue_cents[j] += price;
        start(w, i, j);
    }
}
