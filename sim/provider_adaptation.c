/* Providers that adapt: each sector's skill needs move on every month, and a provider's
 * curriculum for the sector follows them at the provider's own speed, as far as the demand
 * signals that reach it let it see where the needs went.
 *
 *   needs_s(t+1)   = needs_s(t) + o_s / 12 * (0.5 + u_s,t)          u ~ U[0,1) per (sector, month)
 *   c_ps           = speed_kind * funding_factor * signal_ps         (at most 1)
 *   curric_ps(t+1) = curric_ps(t) + c_ps * (needs_s(t+1) - curric_ps(t))
 *   fit_ps         = fit_base_ps * (1 - lag_ps),   lag_ps = min(1, needs_s - curric_ps)
 *
 * o_s is the sector's obsolescence (sectors.obsolescence): the share of skill content that goes
 * out of date per year, the same pace at which workers' skills age (skills.c), so a technology
 * shock that raises it also makes every curriculum age faster. The lag is thus the share of
 * the sector's current skill content a provider does not yet teach.
 *
 * The signal combines two channels a provider learns from, as independent chances to notice:
 *   signal_ps = 1 - (1 - own_ps) * (1 - shared_ps)
 *   own_ps    = min(1, D_ps / R_ps): its applicants from sector s (smoothed over about half a
 *               year), against R_ps = seats_p * share_s / course_months_mean, what a full
 *               provider with a representative mix of students would see; under coordinated or
 *               joint competition D and R are summed over the provider's market (its region, or
 *               all online providers), since coordinated providers share what they hear;
 *   shared_ps = llo_information_sharing(): employers' skill needs passed on to providers.
 * Public providers (mbo, hbo, wo) under diploma-bound funding adapt at a fraction of their speed
 * (providers.diploma_speed_factor): a changed programme must be accredited as a diploma course
 * (finding 1 in docs/model.md section 10: slow and inflexible public education, funding tied
 * to diplomas).
 *
 * Everything here is per provider and sector, serial, and draws only from (seed, purpose,
 * sector, month): identical at any thread count. */
#include <math.h>
#include <string.h>

#include "sim/shares.h"
#include "sim/rng.h"
#include "sim/world.h"

/* Applicants are smoothed over about this many months: a provider reads a trend from its
 * intake, not one month's chance. */
#define DEMAND_MEMORY_MONTHS 6.0

/* At the start a curriculum is at most this many months of needs drift behind: a programme is
 * rewritten at least once a decade even by a provider that otherwise never adapts. */
#define INITIAL_LAG_MONTHS_MAX 120.0

/* The share of its own applicants' signal a provider is assumed to have had before the start:
 * as if half its seats were taken by a representative mix of students. */
#define INITIAL_OWN_SIGNAL 0.5

double llo_information_sharing(const llo_world *w, size_t provider, int sector)
{
    /* The setting is the share at the initial trust without an agenda; trust between
     * employers and providers, and an agenda that reaches them, scale it (trust.c). */
    (void)sector;
    double x = w->p.provider_information_sharing * llo_trust_sharing_gate(w, w->pr.region[provider], w->pr.kind[provider]);
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

/* How far employers and education develop provider j's offer together, in [0, 1]: both at the
 * regional table (the smaller vote share, against an equal table's 0.2), employers' trust in
 * the provider's kind, and the agenda's strength. Online providers have no regional table. */
static double codevelopment_of(const llo_world *w, size_t j)
{
    const llo_params *p = &w->p;
    int r = w->pr.region[j], kind = w->pr.kind[j];
    if (r == LLO_ONLINE) return 0;
    double total = 0;
    for (int a = 0; a < LLO_N_ACTORS; a++) total += p->agency[a];
    if (total <= 0) return 0;
    double seats = (p->agency[LLO_ACTOR_EMPLOYERS] < p->agency[LLO_ACTOR_EDUCATION] ? p->agency[LLO_ACTOR_EMPLOYERS]
                                                                                     : p->agency[LLO_ACTOR_EDUCATION]) / total / 0.2;
    int private = kind == LLO_PROV_PRIVATE || kind == LLO_PROV_ONLINE;
    return (seats > 1 ? 1 : seats) * w->region[r].employer_trust[private] * w->region[r].agenda;
}

/* The monthly speed of provider j at full signal, under this month's funding rule. */
static double speed_of(const llo_world *w, size_t j)
{
    const llo_params *p = &w->p;
    int kind = w->pr.kind[j];
    double speed = p->provider_adaptation_speed[kind];
    double total = 0;
    for (int a = 0; a < LLO_N_ACTORS; a++) total += p->agency[a];
    double education = total > 0 ? p->agency[LLO_ACTOR_EDUCATION] / total : 0;
    if (llo_provider_is_public(kind) && w->public_funding == LLO_FUNDING_DIPLOMA) {
        /* Legal powers and money at the table let schools teach outside the diploma's frame. */
        double f = p->provider_diploma_speed_factor, ease = p->education_flexibility * education;
        speed *= f + (1 - f) * (ease > 1 ? 1 : ease);
    }
    /* Employers and education at one table, trusting each other, develop offer together: the
     * curriculum follows needs faster. */
    return speed * (1 + p->codevelopment * codevelopment_of(w, j));
}

/* Applicants per month from sector s that a full provider with seats `seats` and a
 * representative mix of students would see. */
static double reference_demand(const llo_params *p, int64_t seats, int s)
{
    return (double)seats * llo_share(p->sector_share, p->n_sectors, s) / p->course_months_mean;
}

/* The row of provider j's market in the pooled sums: its region, or one row for all online. */
static int market_of(const llo_world *w, size_t j)
{
    return w->pr.region[j] == LLO_ONLINE ? LLO_MAX_REGIONS : w->pr.region[j];
}

/* Demand and its reference summed over each market, for the pooled signal. */
typedef struct market_sums {
    double demand[LLO_MAX_REGIONS + 1][LLO_MAX_SECTORS];
    double reference[LLO_MAX_REGIONS + 1][LLO_MAX_SECTORS];
} market_sums;

static void sum_markets(const llo_world *w, market_sums *m)
{
    const llo_params *p = &w->p;
    memset(m, 0, sizeof *m);
    for (size_t j = 0; j < w->pr.count; j++)
        for (int s = 0; s < p->n_sectors; s++) {
            m->demand[market_of(w, j)][s] += w->pr.demand[j * (size_t)p->n_sectors + (size_t)s];
            m->reference[market_of(w, j)][s] += reference_demand(p, w->pr.seats[j], s);
        }
}

/* The own-applicants channel of provider j for sector s: its own, or its market's pooled. */
static double own_signal(const llo_world *w, const market_sums *m, size_t j, int s)
{
    const llo_params *p = &w->p;
    double demand, reference;
    if (w->competition == LLO_COMPETE_MARKET) {
        demand = w->pr.demand[j * (size_t)p->n_sectors + (size_t)s];
        reference = reference_demand(p, w->pr.seats[j], s);
    } else {
        demand = m->demand[market_of(w, j)][s];
        reference = m->reference[market_of(w, j)][s];
    }
    if (!(reference > 0)) return 0;
    return demand >= reference ? 1.0 : demand / reference;
}

static void update_fit(llo_world *w, size_t j, int s)
{
    size_t c = j * (size_t)w->p.n_sectors + (size_t)s;
    double lag = w->sector_needs[s] - w->pr.curriculum[c];
    lag = lag < 0 ? 0 : lag > 1 ? 1 : lag;
    w->pr.fit[c] = (float)(w->pr.fit_base[c] * (1.0 - lag));
}

/* The rules of the month, read from the parameters (resolved to enums by the loader; a timeline
 * event may change them). A program that writes one out of range gets the default. */
void llo_providers_read_rules(llo_world *w)
{
    int f = w->p.provider_public_funding, c = w->p.provider_competition;
    w->public_funding = f >= 0 && f < LLO_N_FUNDING_RULES ? f : LLO_FUNDING_DIPLOMA;
    w->competition = c >= 0 && c < LLO_N_COMPETITION_RULES ? c : LLO_COMPETE_MARKET;
}

void llo_providers_adaptation_init(llo_world *w)
{
    const llo_params *p = &w->p;
    size_t n_s = (size_t)p->n_sectors;
    llo_providers_read_rules(w);
    for (int s = 0; s < p->n_sectors; s++) w->sector_needs[s] = 0;
    /* Each curriculum starts at the lag its own speed would hold against the mean drift,
     * lag = d (1 - c) / c, so the outputs do not open with years of settling. */
    for (size_t j = 0; j < w->pr.count; j++)
        for (int s = 0; s < p->n_sectors; s++) {
            size_t c = j * n_s + (size_t)s;
            double drift = p->sector_obsolescence[s] / 12.0;
            double shared = llo_information_sharing(w, j, s);
            double signal = 1 - (1 - INITIAL_OWN_SIGNAL) * (1 - shared);
            double rate = speed_of(w, j) * signal;
            rate = rate > 1 ? 1 : rate;
            double lag = rate * INITIAL_LAG_MONTHS_MAX > 1 ? drift * (1 - rate) / rate : drift * INITIAL_LAG_MONTHS_MAX;
            w->pr.curriculum[c] = -lag;
            w->pr.demand[c] = (float)(INITIAL_OWN_SIGNAL * reference_demand(p, w->pr.seats[j], s));
            w->pr.applicants[c] = 0;
            update_fit(w, j, s);
        }
}

void llo_providers_adapt(llo_world *w)
{
    const llo_params *p = &w->p;
    size_t n_s = (size_t)p->n_sectors;
    for (int s = 0; s < p->n_sectors; s++) {
        double u = llo_uniform(w->seed, LLO_RNG_SECTOR_NEEDS, (uint64_t)s, w->month, 0);
        w->sector_needs[s] += w->rate.obsolescence[s] / 12.0 * (0.5 + u); /* a technology shock speeds it */
    }
    /* Last month's applicants become this month's demand signal. */
    for (size_t c = 0; c < w->pr.count * n_s; c++) {
        w->pr.demand[c] += (float)(((double)w->pr.applicants[c] - w->pr.demand[c]) / DEMAND_MEMORY_MONTHS);
        w->pr.applicants[c] = 0;
    }
    market_sums m; /* about 4 KiB */
    if (w->competition != LLO_COMPETE_MARKET) sum_markets(w, &m);
    for (size_t j = 0; j < w->pr.count; j++) {
        double speed = speed_of(w, j);
        double together = p->codevelopment > 0 ? codevelopment_of(w, j) : 0;
        if (together > 0)
            llo_contacts_add(w, w->pr.region[j], LLO_CH_JOINT_PROGRAMMES, LLO_NODE_EMPLOYERS, llo_provider_node(w, j),
                             llround(1000 * together));
        for (int s = 0; s < p->n_sectors; s++) {
            size_t c = j * n_s + (size_t)s;
            double shared = llo_information_sharing(w, j, s);
            double signal = 1 - (1 - own_signal(w, &m, j, s)) * (1 - shared);
            if (w->pr.region[j] != LLO_ONLINE)
                llo_contacts_add(w, w->pr.region[j], LLO_CH_SKILL_INFORMATION, LLO_NODE_EMPLOYERS,
                                 llo_provider_node(w, j), llround(1000 * shared));
            double rate = speed * signal;
            if (rate > 1) rate = 1;
            w->pr.curriculum[c] += rate * (w->sector_needs[s] - w->pr.curriculum[c]);
            update_fit(w, j, s);
        }
    }
}
