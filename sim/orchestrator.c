/* The orchestrators: per region a central one (the municipality or regional work company) and
 * a number of further intermediaries (UWV, Leerwerkloket, work service points, foundations).
 * Each is a front door for guidance. Job seekers belong with the central orchestrator, employed
 * workers with an intermediary; without a one-stop front office a person knocks on a door at
 * random, and a wrong door refers them on, losing some on the way: fewer the more they trust
 * the orchestrators (the study: "sent from pillar to post"). Guidance capacity is staff times
 * sessions per FTE; temporary staff turn over, and newcomers see fewer people while they learn
 * the job (the study: execution capacity is mostly temporary). Who was not seen waits and is
 * seen first next month. Guidance raises the start hazard the month after. */
#include <math.h>

#include "sim/rng.h"
#include "sim/world.h"

void llo_orchestrators_init(llo_world *w)
{
    const llo_params *p = &w->p;
    size_t o = 0;
    for (int r = 0; r < p->n_regions; r++) {
        w->orch.region_begin[r] = o;
        for (int64_t k = 0; k <= p->intermediaries[r]; k++, o++) {
            w->orch.region[o] = (uint8_t)r;
            w->orch.central[o] = k == 0;
            w->orch.staff_fte[o] = (float)((k == 0 ? p->orchestrator_staff_fte[r] : p->intermediary_staff_fte) * p->scale);
            w->orch.new_staff_fte[o] = 0;
            w->orch.capacity[o] = w->orch.guided[o] = 0;
        }
        w->region[r].doors = p->front_office ? 1 : 1 + (int)p->intermediaries[r];
        w->region[r].waiting = 0;
    }
    w->orch.region_begin[p->n_regions] = o;
}

void llo_orchestrators_month(llo_world *w)
{
    const llo_params *p = &w->p;
    double leave = 1 - exp(-p->temporary_turnover / 12); /* a rate per year, possibly above 1 */
    for (size_t o = 0; o < w->orch.count; o++) {
        /* Newcomers learn the job over about six months; leavers are replaced at once. */
        double newcomers = w->orch.new_staff_fte[o] * (5.0 / 6.0) + w->orch.staff_fte[o] * p->temporary_staff_share * leave;
        if (newcomers > w->orch.staff_fte[o]) newcomers = w->orch.staff_fte[o];
        w->orch.new_staff_fte[o] = (float)newcomers;
        double effective = w->orch.staff_fte[o] - newcomers * (1 - p->new_staff_productivity);
        w->orch.capacity[o] = llround(effective * p->guidance_per_fte);
        w->orch.guided[o] = 0;
        /* Staff are paid whether structural or temporary, learning the job or not. */
        w->flows.f[LLO_FLOW_STAFF_EUR][w->orch.region[o]] += llround((double)w->orch.staff_fte[o] * p->staff_cost_eur * 100 / 12);
    }
    for (int r = 0; r < p->n_regions; r++) {
        w->region[r].doors = p->front_office ? 1 : 1 + (int)p->intermediaries[r];
        if (p->front_office)
            w->flows.f[LLO_FLOW_FRONT_OFFICE_EUR][r] += llround(p->front_office_fte * p->scale * p->staff_cost_eur * 100 / 12);
    }
}

int llo_seeks_guidance(const llo_world *w, size_t i, double u)
{
    const llo_workers *W = &w->w;
    if (W->provider[i] != LLO_NO_PROVIDER) return 0;
    /* Who was not seen asks again, unless they give up. */
    if (W->flags[i] & LLO_F_WAITING) return u >= w->p.waiting_attrition;
    /* A job seeker has a case manager, who sends them for training guidance now and then; an
     * employee asks on seeing a gap. */
    double own = W->status[i] == LLO_JOBSEEKER ? w->p.guidance_seek_jobseeker
               : W->skill[i] < 1.0f ? w->p.guidance_seek_employed : 0.0;
    if (u < own) return LLO_SEEKS_ON_OWN;
    /* The agenda's outreach reaches its priority groups, the more the stronger the agenda. */
    int kind = W->status[i] == LLO_JOBSEEKER ? 1 : W->employer[i] != LLO_NONE && W->size_class[i] <= LLO_SIZE_10_49 ? 2 : 0;
    double reached = w->rate.outreach[W->region[i]][W->education[i] == LLO_EDU_LOW][kind];
    return u < own + reached ? LLO_SEEKS_REACHED : 0;
}

/* An orchestrator of the right kind in region r with a session left, starting at a drawn one. */
static size_t find_session(const llo_world *w, int r, int central, double u)
{
    size_t b = w->orch.region_begin[r], e = w->orch.region_begin[r + 1];
    size_t first = b + 1, n = e - first; /* the intermediaries */
    if (central || n == 0) return w->orch.guided[b] < w->orch.capacity[b] ? b : SIZE_MAX;
    size_t start = (size_t)(u * (double)n);
    for (size_t k = 0; k < n; k++) {
        size_t o = first + (start + k) % n;
        if (w->orch.guided[o] < w->orch.capacity[o]) return o;
    }
    return SIZE_MAX;
}

void llo_guidance_resolve(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_workers *W = &w->w;
    int64_t good[LLO_MAX_REGIONS] = {0}, bad[LLO_MAX_REGIONS] = {0};
    for (int r = 0; r < p->n_regions; r++) w->region[r].waiting = 0;
    /* Who waited last month is seen first; within each, the priority draw. */
    size_t n = llo_collect_claims(w, LLO_E_SEEKS_GUIDANCE, LLO_CLAIMS_WAITING_FIRST);
    for (size_t k = 0; k < n; k++) {
        llo_claim_prefetch(w, k, n, LLO_PREFETCH_WORKER);
        size_t i = llo_claim_worker(w->claims[k]);
        int r = W->region[i];
        W->flags[i] &= (uint8_t)~LLO_F_WAITING;
        /* The employed sought guidance before this month's hires; a hire is now employed. */
        int belongs_central = W->status[i] == LLO_JOBSEEKER || p->intermediaries[r] == 0;
        philox4x64_ctr_t g = llo_rng_block(w->seed, LLO_RNG_GUIDANCE, W->person[i], w->month, 0);
        if (W->event[i] & LLO_E_REACHED) {
            /* Outreach invites as far as sessions are left: the intermediary that reached the
             * person sees them, or nobody does and nobody waits. */
            size_t o = find_session(w, r, belongs_central, llo_u01(g.v[2]));
            if (o == SIZE_MAX) continue;
            w->orch.guided[o]++;
            W->flags[i] |= LLO_F_GUIDED | LLO_F_KNOWS_BUDGET;
            llo_contact(w, r, LLO_CH_GUIDANCE, LLO_NODE_WORKERS, w->orch.central[o] ? LLO_NODE_MUNICIPALITY : LLO_NODE_INTERMEDIARIES);
            w->flows.f[LLO_FLOW_GUIDED][r]++;
            w->flows.f[LLO_FLOW_OUTREACH_REACHED][r]++;
            w->flows.f[LLO_FLOW_OUTREACH_EUR][r] += llround(p->outreach_cost_eur * 100);
            good[r]++;
            continue;
        }
        if (!p->front_office) {
            /* A door at random among the central one and the intermediaries; the right one is
             * the central orchestrator for a job seeker, and for anyone else the one intermediary
             * that serves their case (the one whose sessions are tried first). */
            int door = (int)(llo_u01(g.v[0]) * w->region[r].doors);
            int n = (int)p->intermediaries[r];
            int right = belongs_central ? door == 0 : door == 1 + (int)(llo_u01(g.v[2]) * n);
            if (!right) {
                /* A wrong-door referral is fragmentation, not collaboration: no tie. */
                double lost = p->referral_loss * (1 - w->region[r].trust_orchestrator[LLO_TRUSTER_WORKERS]);
                if (llo_u01(g.v[1]) < lost) {
                    w->flows.f[LLO_FLOW_REFERRAL_LOSSES][r]++;
                    bad[r]++;
                    continue;
                }
                /* A referral that reaches the right door is the two organisations working together. */
                llo_contact(w, r, LLO_CH_REFERRALS, LLO_NODE_MUNICIPALITY, LLO_NODE_INTERMEDIARIES);
            }
        }
        size_t o = find_session(w, r, belongs_central, llo_u01(g.v[2]));
        if (o == SIZE_MAX) {
            W->flags[i] |= LLO_F_WAITING;
            w->region[r].waiting++;
            continue;
        }
        w->orch.guided[o]++;
        /* Guidance helps a person apply: for the instruments open to them next month
         * (HELPED_TO_APPLY) and for the own budget their employer's scheme holds. */
        W->flags[i] |= LLO_F_GUIDED | LLO_F_KNOWS_BUDGET;
        llo_contact(w, r, LLO_CH_GUIDANCE, LLO_NODE_WORKERS, w->orch.central[o] ? LLO_NODE_MUNICIPALITY : LLO_NODE_INTERMEDIARIES);
        w->flows.f[LLO_FLOW_GUIDED][r]++;
        good[r]++;
    }
    for (int r = 0; r < p->n_regions; r++) {
        w->flows.f[LLO_FLOW_GUIDANCE_WAITING][r] = w->region[r].waiting;
        llo_trust_guidance_experience(w, r, good[r], bad[r] + w->region[r].waiting);
    }
}
