/* A worker's training decision: whether to start a course this month (a logit hazard) and
 * where (a multinomial logit over the offers within travel tolerance, online included; an
 * offer is a provider, or a region's joint offer, see provider_competition.c).
 * The hazard includes the choice set's inclusive value, so distance, price and fit reach the
 * start decision through the providers actually within reach. */
#include <math.h>

#include "population.h"
#include "rng.h"
#include "world.h"

/* The utility itself, inlined where workers choose; llo_offer_utility is its outside name. */
static inline int offer_utility(const llo_world *w, size_t j, int r, int e, int s, double *v)
{
    const llo_params *p = &w->p;
    if (w->pr.offer_seats[j] <= 0) return 0;
    double km = 0;
    if (w->pr.region[j] != LLO_ONLINE) {
        km = p->distance_km[r * p->n_regions + w->pr.region[j]];
        if (km > p->travel_tolerance_km[e]) return 0;
    }
    *v = w->pr.offer_value[j * (size_t)p->n_sectors + s] - p->choice_distance * km / 10.0 +
         p->choice_trust * llo_trust_in_provider(w, r, w->pr.kind[j]);
    return 1;
}

int llo_offer_utility(const llo_world *w, size_t j, int r, int e, int s, double *v)
{
    return offer_utility(w, j, r, e, s, v);
}

static size_t cell(const llo_params *p, int r, int e, int s) { return ((size_t)r * LLO_N_EDU + (size_t)e) * (size_t)p->n_sectors + (size_t)s; }

void llo_choice_tables_update(llo_world *w)
{
    const llo_params *p = &w->p;
    for (int r = 0; r < p->n_regions; r++)
        for (int e = 0; e < LLO_N_EDU; e++)
            for (int s = 0; s < p->n_sectors; s++) {
                /* Log-sum-exp with the maximum taken out, so large utilities cannot overflow. */
                double vmax = -INFINITY, v;
                for (size_t j = 0; j < w->pr.count; j++)
                    if (offer_utility(w, j, r, e, s, &v) && v > vmax) vmax = v;
                double sum = 0, price = 0;
                for (size_t j = 0; j < w->pr.count; j++)
                    if (offer_utility(w, j, r, e, s, &v)) {
                        double x = exp(v - vmax);
                        sum += x;
                        price += x * (double)w->pr.offer_price_cents[j] / 100.0;
                    }
                size_t c = cell(p, r, e, s);
                w->choice.logsum[c] = sum > 0 ? (float)(vmax + log(sum)) : -INFINITY;
                w->choice.expected_price[c] = sum > 0 ? (float)(price / sum) : 0;
            }
}

/* Who the worker expects to pay, and so what a course would cost them (EUR). */
static double expected_own_cost(const llo_world *w, size_t i, double price_eur)
{
    const llo_workers *W = &w->w;
    int64_t price = llround(price_eur * 100);
    double support = 0;
    if (W->status[i] == LLO_JOBSEEKER) {
        support = w->acc.pot_left[LLO_INSTR_JOBSEEKER][W->region[i]] >= price ? w->p.fund[LLO_INSTR_JOBSEEKER].cofund : 0.0;
    } else if (W->employer[i] != LLO_NONE) {
        uint32_t e = W->employer[i];
        if (w->e.budget_cents[e] - w->e.spent_cents[e] >= price) support = w->e.learning_culture[e];
    }
    double own = price_eur - (double)W->own_budget_cents[i] / 100.0;
    return own > 0 ? (1 - support) * own : 0;
}

double llo_start_probability(const llo_world *w, size_t i)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    if (W->flags[i] & LLO_F_NEVER_LEARNER) return 0;
    size_t c = cell(p, W->region[i], W->education[i], W->sector[i]);
    double logsum = w->choice.logsum[c];
    if (isinf(logsum)) return 0; /* nothing within reach */
    double eta = p->start_intercept + p->start_education[W->education[i]] + p->start_age[llo_age_band(W->age_months[i])] +
                 W->propensity[i] + p->start_access * logsum;
    if (W->flags[i] & LLO_F_GUIDED) eta += p->start_guidance;
    if (W->status[i] == LLO_JOBSEEKER) {
        eta += p->start_jobseeker;
    } else {
        eta += p->start_contract[W->contract[i]];
        if (W->employer[i] != LLO_NONE) eta += p->start_firm_size[W->size_class[i]]; /* employees only */
    }
    double gap = 1.0 - W->skill[i];
    if (gap > 0) eta += p->start_need * p->need_perception * gap;
    eta -= p->start_own_cost * expected_own_cost(w, i, w->choice.expected_price[c]) / 1000.0;
    eta += w->shock.urgency; /* a crisis makes learning feel urgent (0 outside one) */
    /* Single precision is ample for a monthly probability (1e-7 relative) and twice as fast
     * on the hottest line of the model; the result is still the same on every thread. */
    return 1.0 / (1.0 + (double)expf((float)-eta));
}

uint16_t llo_choose_provider(const llo_world *w, size_t i, int month)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    int r = W->region[i], e = W->education[i], s = W->sector[i];
    double logsum = w->choice.logsum[cell(p, r, e, s)];
    if (isinf(logsum)) return LLO_NO_PROVIDER;
    /* Inverse CDF over the choice probabilities exp(v - logsum), in provider order. */
    double u = llo_uniform(w->seed, LLO_RNG_PROVIDER_CHOICE, W->person[i], month, 0), acc = 0, v;
    size_t last = LLO_NO_PROVIDER;
    for (size_t j = 0; j < w->pr.count; j++) {
        if (!offer_utility(w, j, r, e, s, &v)) continue;
        acc += exp(v - logsum);
        last = j;
        if (u < acc) return (uint16_t)j;
    }
    return (uint16_t)last; /* rounding left the sum just short of 1 */
}
