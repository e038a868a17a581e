/* Providers that compete or cooperate, under providers.competition (docs/model.md section 7.9;
 * finding 7 in its section 10: public
 * and private providers "keep their cards close"; finding 4: the popular idea of one joint
 * whitelabel front, the "voortent"):
 *   market       each provider is its own offer and fills its own seats; a private or online
 *                provider moves its price toward demand each month,
 *                  price(t+1) = price(t) * (1 + a * (occupancy - target)),
 *                within list * [1 - flex, 1 + flex]; a full claim is a seat shortage;
 *   coordinated  prices stay at list; a worker whose chosen provider is full is referred to the
 *                next-best provider (by the worker's own utility) with a free seat within
 *                reach, and providers pool their demand signals by market (provider_adaptation.c);
 *   joint        each region's providers (online ones excepted) sell one offer: seats pooled,
 *                fit per sector the best of the members' (they specialise: a worker is placed
 *                with the member that fits their sector best and has a seat), quality and price
 *                the seat-weighted means of the members', and the members' variety kept
 *                (+ ln of the number of members, see pool_joint_offer); prices stay at list and
 *                demand signals are pooled as above.
 * Public providers' prices follow the funding rule in every case: under modular funding they
 * sell modules at providers.module_length_factor of a course's price (and length, enrolment.c).
 *
 * Offers are rebuilt once a month, before the choice tables, so the workers' parallel decisions
 * read them unchanged; seats are placed serially in claim priority order (enrolment.c). */
#include <math.h>

#include "sim/world.h"

/* Prices of the month. `adjust` moves market prices by last month's occupancy; without it they
 * stay where they are (at the start: at list). */
static void set_prices(llo_world *w, int adjust)
{
    const llo_params *p = &w->p;
    llo_providers *pr = &w->pr;
    for (size_t j = 0; j < pr->count; j++) {
        double list = (double)pr->list_price_cents[j];
        if (llo_provider_is_public(pr->kind[j])) {
            double factor = w->public_funding == LLO_FUNDING_MODULAR ? p->provider_module_length_factor : 1.0;
            pr->price_cents[j] = llround(list * factor);
        } else if (w->competition != LLO_COMPETE_MARKET) {
            pr->price_cents[j] = pr->list_price_cents[j]; /* agreed tariffs: nobody undercuts */
        } else if (adjust && pr->seats[j] > 0) {
            double occupancy = (double)pr->enrolled[j] / (double)pr->seats[j];
            double next = (double)pr->price_cents[j] * (1 + p->provider_price_adjustment * (occupancy - p->provider_target_occupancy));
            double lo = list * (1 - p->provider_price_flex), hi = list * (1 + p->provider_price_flex);
            pr->price_cents[j] = llround(next < lo ? lo : next > hi ? hi : next);
        }
    }
}

/* The choice utility of offer o without distance, from its quality, fit and price, plus
 * `variety` (0 for a provider on its own). Summed in the order the utility always was, so a
 * provider on its own is valued exactly as before. */
static void value_offer(llo_world *w, size_t o, double quality, const float *fit, double variety)
{
    const llo_params *p = &w->p;
    for (int s = 0; s < p->n_sectors; s++)
        w->pr.offer_value[o * (size_t)p->n_sectors + (size_t)s] =
            p->choice_quality * quality + p->choice_fit * fit[s] -
            p->choice_price * (double)w->pr.offer_price_cents[o] / 100000.0 + variety;
}

/* A joint offer led by provider o over members o, o+1, ... with offer == o. */
static void pool_joint_offer(llo_world *w, size_t o)
{
    const llo_params *p = &w->p;
    llo_providers *pr = &w->pr;
    size_t n_s = (size_t)p->n_sectors;
    float fit[LLO_MAX_SECTORS];
    for (size_t s = 0; s < n_s; s++) fit[s] = 0;
    int64_t seats = 0;
    double quality = 0, price = 0;
    int members = 0;
    for (size_t j = o; j < pr->count && pr->offer[j] == o; j++) {
        if (pr->seats[j] <= 0) continue;
        members++;
        seats += pr->seats[j];
        quality += (double)pr->seats[j] * pr->quality[j];
        price += (double)pr->seats[j] * (double)pr->price_cents[j];
        for (size_t s = 0; s < n_s; s++)
            if (pr->fit[j * n_s + s] > fit[s]) fit[s] = pr->fit[j * n_s + s];
        if (j != o) pr->offer_seats[j] = 0; /* sold under the lead's offer */
    }
    pr->offer_seats[o] = seats;
    if (seats == 0) return;
    pr->offer_price_cents[o] = llround(price / (double)seats);
    /* Behind one front door the members' courses are all still there: the offer keeps the
     * variety its members had as separate alternatives (n alike alternatives of a logit are
     * worth one plus ln n), so pooling neither hides courses nor invents them. */
    value_offer(w, o, quality / (double)seats, fit, log((double)members));
}

static void build_offers(llo_world *w)
{
    llo_providers *pr = &w->pr;
    size_t n_s = (size_t)w->p.n_sectors;
    for (size_t j = 0; j < pr->count; j++) {
        pr->offer[j] = (uint16_t)j;
        pr->offer_seats[j] = pr->seats[j];
        pr->offer_price_cents[j] = pr->price_cents[j];
    }
    if (w->competition == LLO_COMPETE_JOINT) {
        /* Providers are stored region by region (population.c): the first of a region leads
         * its joint offer and the rest of the region follows it. */
        for (size_t j = 1; j < pr->count; j++)
            if (pr->region[j] != LLO_ONLINE && pr->region[j] == pr->region[j - 1]) pr->offer[j] = pr->offer[j - 1];
        for (size_t j = 0; j < pr->count; j++)
            if (pr->region[j] != LLO_ONLINE && pr->offer[j] == j) pool_joint_offer(w, j);
    }
    for (size_t j = 0; j < pr->count; j++)
        if (pr->offer[j] == j && (w->competition != LLO_COMPETE_JOINT || pr->region[j] == LLO_ONLINE))
            value_offer(w, j, pr->quality[j], &pr->fit[j * n_s], 0);
}

void llo_offers_init(llo_world *w)
{
    for (size_t j = 0; j < w->pr.count; j++) w->pr.price_cents[j] = w->pr.list_price_cents[j];
    set_prices(w, 0);
    build_offers(w);
}

void llo_providers_compete(llo_world *w)
{
    set_prices(w, 1);
    build_offers(w);
}

uint16_t llo_offer_place(const llo_world *w, int region, int education, int s, uint16_t o, int64_t *price, int *referred)
{
    const llo_providers *pr = &w->pr;
    *referred = 0;
    size_t n_s = (size_t)w->p.n_sectors;
    *price = pr->offer_price_cents[o];
    if (w->competition == LLO_COMPETE_JOINT && pr->region[o] != LLO_ONLINE) {
        size_t best = LLO_NO_PROVIDER;
        for (size_t j = o; j < pr->count && pr->offer[j] == o; j++)
            if (pr->enrolled[j] < pr->seats[j] && (best == LLO_NO_PROVIDER || pr->fit[j * n_s + (size_t)s] > pr->fit[best * n_s + (size_t)s]))
                best = j;
        return (uint16_t)best;
    }
    if (pr->enrolled[o] < pr->seats[o]) return o;
    if (w->competition != LLO_COMPETE_COORDINATED) return LLO_NO_PROVIDER;
    size_t best = LLO_NO_PROVIDER;
    double best_v = -INFINITY, v;
    for (size_t j = 0; j < pr->count; j++)
        if (j != o && pr->enrolled[j] < pr->seats[j] && llo_offer_utility(w, j, region, education, s, &v) &&
            v > best_v) {
            best = j;
            best_v = v;
        }
    if (best == LLO_NO_PROVIDER) return LLO_NO_PROVIDER;
    *referred = 1;
    *price = pr->offer_price_cents[best];
    return (uint16_t)best;
}
