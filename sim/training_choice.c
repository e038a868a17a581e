/* A worker's training decision: whether to start a course this month (a logit hazard) and
 * where (a multinomial logit over the offers within travel tolerance, online included; an
 * offer is a provider, or a region's joint offer, see provider_competition.c).
 * The hazard includes the choice set's inclusive value, so distance, price and fit reach the
 * start decision through the providers actually within reach. */
#include <math.h>
#include <string.h>

#include "sim/rng.h"
#include "sim/world.h"

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
                double sum = 0, price = 0, months = 0;
                for (size_t j = 0; j < w->pr.count; j++)
                    if (offer_utility(w, j, r, e, s, &v)) {
                        double x = exp(v - vmax);
                        sum += x;
                        price += x * (double)w->pr.offer_price_cents[j] / 100.0;
                        months += x * llo_course_months_mean(w, j);
                    }
                size_t c = cell(p, r, e, s);
                double logsum = sum > 0 ? (float)(vmax + log(sum)) : -INFINITY;
                w->choice.logsum[c] = (float)logsum;
                w->choice.expected_price[c] = sum > 0 ? (float)(price / sum) : 0;
                w->choice.expected_months[c] = sum > 0 ? (float)(months / sum) : 0;
                /* The choice probabilities exp(v - logsum) summed in provider order, so a
                 * worker's choice is a search, not a sum over all offers; an offer out of reach
                 * repeats the sum before it and is never the first above a draw. */
                double acc = 0, *cdf = w->choice.cdf + c * w->pr.count;
                uint16_t last = LLO_NO_PROVIDER;
                for (size_t j = 0; j < w->pr.count; j++) {
                    if (sum > 0 && offer_utility(w, j, r, e, s, &v)) {
                        acc += exp(v - logsum);
                        last = (uint16_t)j;
                    }
                    cdf[j] = acc;
                }
                w->choice.last[c] = last;
            }
}

/* What a course would cost the worker: the fees they expect to pay (EUR) after their own
 * budget and any support, and the months they expect to study in their own time. An employer
 * with the budget left supports with a chance of its learning culture, and then pays the fees
 * (as the worker sees it) and gives the course's share of work time; a job seeker counts on the
 * job-seeker fund and has time to spare; the self-employed pay and study on their own. */
/* public_support = 0: the burden as if no public budget existed (the counterfactual behind
 * deadweight, enrolment.c). */
static void burden_parts(const llo_world *w, size_t i, size_t c, int public_support, double *fees_logit,
                         double *time_logit)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    double price_eur = w->choice.expected_price[c], months = w->choice.expected_months[c];
    int64_t price = llround(price_eur * 100);
    double support = 0, time_weight = 1;
    if (W->status[i] == LLO_JOBSEEKER) {
        support = public_support && w->acc.pot_left[LLO_INSTR_JOBSEEKER][W->region[i]] >= price
                      ? p->fund[LLO_INSTR_JOBSEEKER].cofund : 0.0;
        time_weight = p->time_jobseeker_factor;
    } else if (W->employer[i] != LLO_NONE) {
        uint32_t e = W->employer[i];
        if (w->e.budget_cents[e] - w->e.spent_cents[e] >= price) support = w->e.learning_culture[e];
        time_weight = 1 - support;
    }
    /* A public learning budget open to the worker pays first, whoever else would. */
    double public_eur = public_support ? (double)llo_funding_expected_grant(w, i, LLO_INSTR_LEARNING, price) / 100.0 : 0;
    /* Only a worker who has found out how to use the own budget counts on it. */
    double own = price_eur - public_eur - (double)llo_own_budget_usable(w, i) / 100.0;
    double fees = own > 0 ? (1 - support) * own : 0;
    *fees_logit = p->start_own_cost * fees / 1000.0;
    *time_logit = p->start_time * time_weight * months;
}

static double burden(const llo_world *w, size_t i, size_t c, int public_support)
{
    double fees, time;
    burden_parts(w, i, c, public_support, &fees, &time);
    return fees + time;
}

/* The hazard's log-odds before what the course costs the worker in money and time. */
static double eta_before_burden(const llo_world *w, size_t i, size_t c)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    double eta = p->start_intercept + p->start_education[W->education[i]] + p->start_age[llo_age_band(W->age_months[i])] +
                 W->propensity[i] + p->start_access * w->choice.logsum[c];
    if (W->flags[i] & LLO_F_GUIDED) eta += p->start_guidance;
    int left = p->retirement_age * 12 - (int)W->age_months[i];
    if (left < LLO_HORIZON_MONTHS) eta += w->rate.horizon[left < 0 ? 0 : left];
    if (W->status[i] == LLO_JOBSEEKER) {
        eta += p->start_jobseeker;
    } else {
        eta += p->start_contract[W->contract[i]];
        if (W->employer[i] != LLO_NONE) eta += p->start_firm_size[W->size_class[i]]; /* employees only */
    }
    double gap = 1.0 - W->skill[i];
    /* Guidance shows a person the gap they did not see: the month after, they perceive it all. */
    if (gap > 0) eta += p->start_need * ((W->flags[i] & LLO_F_GUIDED) ? 1.0 : p->need_perception) * gap;
    return eta + w->shock.urgency; /* a crisis makes learning feel urgent (0 outside one) */
}

/* Single precision is ample for a monthly probability (1e-7 relative) and twice as fast on
 * the hottest line of the model; the result is still the same on every thread. */
static inline double logistic(double eta) { return 1.0 / (1.0 + (double)expf((float)-eta)); }

double llo_start_probability(const llo_world *w, size_t i)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    if (W->flags[i] & LLO_F_NEVER_LEARNER) return 0;
    size_t c = cell(p, W->region[i], W->education[i], W->sector[i]);
    if (isinf(w->choice.logsum[c])) return 0; /* nothing within reach */
    return logistic(eta_before_burden(w, i, c) - burden(w, i, c, 1));
}

/* Entry k of w->below_draw is logit(k/256 - 1e-5) (k = 0: -inf): a draw u >= k/256 is surely
 * above a probability whose log-odds lie below it. The 1e-5 covers single precision's rounding
 * of the logistic (below 1e-6 for the log-odds the model reaches) many times over. */
void llo_training_choice_init(llo_world *w)
{
    w->below_draw[0] = -INFINITY;
    for (int k = 1; k <= LLO_DRAW_BUCKETS; k++) {
        double q = (double)k / LLO_DRAW_BUCKETS - 1e-5;
        w->below_draw[k] = log(q / (1 - q));
    }
}

/* The burden only lowers the hazard (with non-negative weights), so the hazard without it
 * bounds the probability from above: most workers draw above that bound and are settled
 * without looking up their employer's budget (the costliest part), and most of those by the
 * table above without even the exponential. The answer is always u < llo_start_probability. */
int llo_wants_to_start(const llo_world *w, size_t i, double u)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    if (W->flags[i] & LLO_F_NEVER_LEARNER) return 0;
    size_t c = cell(p, W->region[i], W->education[i], W->sector[i]);
    if (isinf(w->choice.logsum[c])) return 0;
    double eta = eta_before_burden(w, i, c);
    if (p->start_own_cost >= 0 && p->start_time >= 0) {
        if (eta < w->below_draw[(int)(u * LLO_DRAW_BUCKETS)]) return 0;
        if (u >= logistic(eta) + 1e-6) return 0;
    }
    return u < logistic(eta - burden(w, i, c, 1));
}

void llo_horizon_rates(llo_world *w)
{
    const llo_params *p = &w->p;
    /* Becker: the return to a course shrinks with the working life left to reap it. */
    for (int left = 0; left < LLO_HORIZON_MONTHS; left++) {
        double share = (left < 1 ? 1 : left) / (12 * p->horizon_years);
        w->rate.horizon[left] = (float)(share < 1 ? p->start_horizon * log(share) : 0);
    }
}

int llo_start_unaided(const llo_world *w, size_t i, double u)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    size_t c = cell(p, W->region[i], W->education[i], W->sector[i]);
    return u < logistic(eta_before_burden(w, i, c) - burden(w, i, c, 0));
}

/* Offer o's fit with sector s as its utility counts it (provider_competition.c): the
 * provider's own, or under a joint offer the best of the members' with seats. */
static double offer_fit(const llo_world *w, size_t o, int s)
{
    const llo_providers *pr = &w->pr;
    size_t n_s = (size_t)w->p.n_sectors;
    if (w->competition != LLO_COMPETE_JOINT || pr->region[o] == LLO_ONLINE) return pr->fit[o * n_s + (size_t)s];
    float fit = 0;
    for (size_t j = o; j < pr->count && pr->offer[j] == o; j++)
        if (pr->seats[j] > 0 && pr->fit[j * n_s + (size_t)s] > fit) fit = pr->fit[j * n_s + (size_t)s];
    return fit;
}

/* A guided worker's choice: the counsellor knows which courses serve the sector's needs, so the
 * same logit over the same offers weighs fit (1 + guidance_steering) times as much. Computed
 * per worker, not tabulated: few are guided in a month, and the cell's table stays the
 * unguided rule's. The draw u is the unguided choice's, so steering 0 would choose the same. */
static uint16_t steered_choice(const llo_world *w, size_t i, double u)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    int r = W->region[i], e = W->education[i], s = W->sector[i];
    double extra = p->guidance_steering * p->choice_fit, vmax = -INFINITY, v;
    for (size_t j = 0; j < w->pr.count; j++)
        if (offer_utility(w, j, r, e, s, &v) && v + extra * offer_fit(w, j, s) > vmax) vmax = v + extra * offer_fit(w, j, s);
    if (isinf(vmax)) return LLO_NO_PROVIDER;
    double sum = 0;
    for (size_t j = 0; j < w->pr.count; j++)
        if (offer_utility(w, j, r, e, s, &v)) sum += exp(v + extra * offer_fit(w, j, s) - vmax);
    double target = u * sum, acc = 0;
    uint16_t last = LLO_NO_PROVIDER;
    for (size_t j = 0; j < w->pr.count; j++)
        if (offer_utility(w, j, r, e, s, &v)) {
            acc += exp(v + extra * offer_fit(w, j, s) - vmax);
            last = (uint16_t)j;
            if (target < acc) return last;
        }
    return last; /* rounding left the sum just short of the target */
}

uint16_t llo_choose_provider(const llo_world *w, size_t i, int month, int guided)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    size_t c = cell(p, W->region[i], W->education[i], W->sector[i]);
    if (isinf(w->choice.logsum[c])) return LLO_NO_PROVIDER;
    double u = llo_uniform(w->seed, LLO_RNG_PROVIDER_CHOICE, W->person[i], month, 0);
    if (guided && p->guidance_steering > 0) return steered_choice(w, i, u);
    /* Inverse CDF: the first offer whose running sum exceeds the draw. */
    const double *cdf = w->choice.cdf + c * w->pr.count;
    size_t lo = 0, hi = w->pr.count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (u < cdf[mid]) hi = mid;
        else lo = mid + 1;
    }
    return lo < w->pr.count ? (uint16_t)lo : w->choice.last[c]; /* rounding left the sum just short of 1 */
}

/* The terms of the followed worker's hazard, as eta_before_burden and burden add them up,
 * one by one (the live view shows why a worker did or did not start). The probability is the
 * model's own; a test checks that the terms add up to its log-odds. */
void llo_follow_record(llo_world *w, size_t i, double u, int in_course, int wanted)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    llo_follow *f = &w->follow;
    if (W->person[i] != f->person) return; /* an entrant in the slot of one who left */
    size_t c = cell(p, W->region[i], W->education[i], W->sector[i]);
    f->month = w->month;
    f->status = W->status[i];
    f->region = W->region[i];
    f->sector = W->sector[i];
    f->education = W->education[i];
    f->contract = W->contract[i];
    f->size_class = W->size_class[i];
    f->age_years = W->age_months[i] / 12;
    f->in_course = in_course;
    f->never_learner = (W->flags[i] & LLO_F_NEVER_LEARNER) != 0;
    f->nothing_in_reach = isinf(w->choice.logsum[c]) != 0;
    f->skill = W->skill[i];
    f->own_budget_eur = (double)W->own_budget_cents[i] / 100.0;
    f->expected_fees_eur = w->choice.expected_price[c];
    f->draw = u;
    f->wanted = wanted;
    f->provider_kind = wanted ? w->pr.kind[W->intent_provider[i]] : -1;
    f->started = 0;
    memset(f->term, 0, sizeof f->term);
    f->probability = in_course ? 0 : llo_start_probability(w, i);
    if (in_course || f->never_learner || f->nothing_in_reach) return;
    double *t = f->term;
    t[LLO_FOLLOW_INTERCEPT] = p->start_intercept;
    t[LLO_FOLLOW_EDUCATION] = p->start_education[W->education[i]];
    t[LLO_FOLLOW_AGE] = p->start_age[llo_age_band(W->age_months[i])];
    t[LLO_FOLLOW_PROPENSITY] = W->propensity[i];
    t[LLO_FOLLOW_ACCESS] = p->start_access * w->choice.logsum[c];
    if (W->flags[i] & LLO_F_GUIDED) t[LLO_FOLLOW_GUIDANCE] = p->start_guidance;
    if (W->status[i] == LLO_JOBSEEKER) t[LLO_FOLLOW_POSITION] = p->start_jobseeker;
    else t[LLO_FOLLOW_POSITION] = p->start_contract[W->contract[i]] +
                                  (W->employer[i] != LLO_NONE ? p->start_firm_size[W->size_class[i]] : 0);
    double gap = 1.0 - W->skill[i];
    if (gap > 0) t[LLO_FOLLOW_NEED] = p->start_need * p->need_perception * gap;
    t[LLO_FOLLOW_URGENCY] = w->shock.urgency;
    double fees, time;
    burden_parts(w, i, c, 1, &fees, &time);
    t[LLO_FOLLOW_FEES] = -fees;
    t[LLO_FOLLOW_OWN_TIME] = -time;
}
