/* The labour market: employees lose their jobs at a rate set by their contract and, within it,
 * higher in the first year with the employer (poaching.c splits the rate by tenure), temporary
 * contracts are made permanent, the self-employed may end their business; job seekers find
 * work at a rate set by education and raised by a recent course. A recession (timeline.c)
 * multiplies both rates while it lasts. Jobs are scarce: a job
 * seeker who finds work is hired only into a vacancy (target size above head count) in the
 * own region, drawn in proportion to vacancies, in a random but deterministic priority order.
 * Vacancies still open after that are filled by recruiting other firms' employees who were
 * approached this month (poaching.c), in the same way. */
#include <stdlib.h>

#include "sim/rng.h"
#include "sim/world.h"

unsigned llo_labour_decide(const llo_world *w, size_t i, double u)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    if (W->status[i] == LLO_EMPLOYED) {
        /* Competing risks on one uniform: whoever keeps the job may still be approached by a
         * poacher, on the part of u above the job-loss chance, so job losses are the same draws
         * whatever the poaching intensity (common random numbers). */
        if (u < w->rate.separation[W->contract[i]][llo_first_year(W, i)]) return LLO_E_SEPARATE;
        if (u >= w->outlook.approach_bound) return 0; /* most workers: no table look-up */
        return llo_poach_approached(w, i, u) ? LLO_E_POACH_OFFER : 0;
    }
    double rate = w->rate.job_finding * p->job_finding_education[W->education[i]];
    if (W->last_completion[i] != LLO_NEVER && w->month - W->last_completion[i] < 12) rate *= p->job_finding_training_boost;
    return u < (rate > 1 ? 1 : rate) ? LLO_E_FIND : 0;
}

/* Temporary contracts made permanent: decided with the low half of the monthly block's word 3. */
int llo_contract_converts(const llo_world *w, size_t i, double u)
{
    return w->w.status[i] == LLO_EMPLOYED && w->w.contract[i] == LLO_CONTRACT_TEMPORARY &&
           u < w->rate.conversion;
}

/* A Fenwick tree over each region's block of employers holds the vacancies left, so a hire
 * draws an employer in proportion to vacancies and updates them in O(log n). */
static void fenwick_build(uint64_t *t, const uint32_t *v, size_t n)
{
    for (size_t k = 0; k < n; k++) t[k] = v[k];
    for (size_t k = 1; k <= n; k++) {
        size_t parent = k + (k & (~k + 1));
        if (parent <= n) t[parent - 1] += t[k - 1];
    }
}

static void fenwick_sub(uint64_t *t, size_t n, size_t k)
{
    for (k++; k <= n; k += k & (~k + 1)) t[k - 1]--;
}

/* The index whose cumulative range holds x (0 <= x < total). */
static size_t fenwick_find(const uint64_t *t, size_t n, uint64_t x)
{
    size_t pos = 0, step = 1;
    while (step * 2 <= n) step *= 2;
    for (; step; step /= 2)
        if (pos + step <= n && t[pos + step - 1] <= x) {
            pos += step;
            x -= t[pos - 1];
        }
    return pos;
}

static void hire(llo_world *w, size_t i, uint32_t e, double u)
{
    llo_workers *W = &w->w;
    W->status[i] = LLO_EMPLOYED;
    W->employer[i] = e;
    W->tenure_months[i] = 0;
    W->flags[i] &= (uint8_t)~LLO_F_KNOWS_BUDGET; /* a new employer's scheme is found out anew */
    W->sector[i] = w->e.sector[e];
    W->size_class[i] = w->e.size_class[e];
    W->contract[i] = u < w->p.hire_temporary_share ? LLO_CONTRACT_TEMPORARY : LLO_CONTRACT_PERMANENT;
    W->employer_paid_cents[i] = 0;
    w->e.headcount[e]++;
    w->flows.f[LLO_FLOW_HIRES][W->region[i]]++;
}

/* Region r's hires and moves: its claims, in priority order (job seekers first, then the
 * employees approached), against its own employers' vacancies. Nothing here is read or written
 * by another region's claims (workers are hired and poached only within their region), so the
 * regions are resolved in parallel with the serial order's result. */
static void resolve_region(llo_world *w, int r, const uint64_t *claims, size_t n, int64_t *recovered)
{
    const llo_params *p = &w->p;
    llo_workers *W = &w->w;
    size_t b = w->region_employer_begin[r], m = w->region_employer_begin[r + 1] - b;
    uint64_t total = 0;
    for (size_t e = b; e < b + m; e++) {
        w->e.vacancy_left[e] = w->e.target_size[e] > w->e.headcount[e] ? w->e.target_size[e] - w->e.headcount[e] : 0;
        total += w->e.vacancy_left[e];
    }
    fenwick_build(w->vacancy_cum + b, w->e.vacancy_left + b, m);
    size_t k = 0;
    for (; k < n && llo_claim_round(claims[k]) == 0; k++) {
        if (k + 2 * LLO_PREFETCH_AHEAD < n) {
            size_t ahead = llo_claim_worker(claims[k + 2 * LLO_PREFETCH_AHEAD]);
            __builtin_prefetch(&W->status[ahead]);
            __builtin_prefetch(&W->person[ahead]);
        }
        size_t i = llo_claim_worker(claims[k]);
        if (W->status[i] != LLO_JOBSEEKER) continue;
        philox4x64_ctr_t d = llo_rng_block(w->seed, LLO_RNG_HIRE, W->person[i], w->month, 0);
        if (llo_u01(d.v[0]) < p->hire_self_employed_share) {
            W->status[i] = LLO_EMPLOYED;
            W->contract[i] = LLO_CONTRACT_SELF_EMPLOYED;
            W->size_class[i] = LLO_SIZE_1_9;
            w->flows.f[LLO_FLOW_HIRES][r]++;
            continue;
        }
        if (total == 0) continue; /* no vacancy left in the region: still looking */
        uint64_t x = (uint64_t)(llo_u01(d.v[1]) * (double)total);
        if (x >= total) x = total - 1;
        size_t e = b + fenwick_find(w->vacancy_cum + b, m, x);
        fenwick_sub(w->vacancy_cum + b, m, e - b);
        w->e.vacancy_left[e]--;
        total--;
        hire(w, i, (uint32_t)e, llo_u01(d.v[2]));
    }
    for (; k < n; k++) {
        if (k + 2 * LLO_PREFETCH_AHEAD < n) {
            size_t ahead = llo_claim_worker(claims[k + 2 * LLO_PREFETCH_AHEAD]);
            __builtin_prefetch(&W->status[ahead]);
            __builtin_prefetch(&W->person[ahead]);
            __builtin_prefetch(&W->employer[ahead]);
        }
        size_t i = llo_claim_worker(claims[k]);
        if (W->status[i] != LLO_EMPLOYED || W->employer[i] == LLO_NONE) continue;
        if (total == 0) continue; /* every vacancy of the region is filled: the worker stays */
        double u = llo_uniform(w->seed, LLO_RNG_POACH, W->person[i], w->month, 0);
        uint64_t x = (uint64_t)(u * (double)total);
        if (x >= total) x = total - 1;
        size_t e = b + fenwick_find(w->vacancy_cum + b, m, x);
        if (e == W->employer[i]) continue; /* the approach came from the own firm's opening: no move */
        fenwick_sub(w->vacancy_cum + b, m, e - b);
        w->e.vacancy_left[e]--;
        total--;
        llo_poach_move(w, i, (uint32_t)e, recovered);
    }
}

void llo_labour_market_resolve(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_workers *W = &w->w;
    size_t n_sep = llo_collect_events(w, LLO_E_SEPARATE, 0);
    for (size_t k = 0; k < n_sep; k++) {
        size_t i = llo_claim_worker(w->claims[k]);
        if (W->status[i] != LLO_EMPLOYED) continue;
        if (W->employer[i] != LLO_NONE) w->e.headcount[W->employer[i]]--;
        W->status[i] = LLO_JOBSEEKER;
        W->employer[i] = LLO_NONE;
        W->tenure_months[i] = 0;
        W->employer_paid_cents[i] = 0; /* a clause does not hold against a worker let go */
        w->flows.f[LLO_FLOW_SEPARATIONS][W->region[i]]++;
    }

    /* One pass collects both rounds: job seekers who find work, then employees approached; the
     * claims are then split by region, each region's in their order (a stable counting sort). */
    size_t n = llo_collect_claims(w, LLO_E_FIND | LLO_E_POACH_OFFER, LLO_CLAIMS_FIRST_BIT_FIRST);
    size_t at[LLO_MAX_REGIONS + 1] = {0};
    for (size_t k = 0; k < n; k++) at[W->region[llo_claim_worker(w->claims[k])] + 1]++;
    for (int r = 0; r < p->n_regions; r++) at[r + 1] += at[r];
    size_t fill[LLO_MAX_REGIONS];
    for (int r = 0; r < p->n_regions; r++) fill[r] = at[r];
    for (size_t k = 0; k < n; k++) w->claims_tmp[fill[W->region[llo_claim_worker(w->claims[k])]]++] = w->claims[k];
    int64_t recovered[LLO_MAX_REGIONS] = {0};
#pragma omp parallel for schedule(dynamic, 1) num_threads(w->n_rng)
    for (int r = 0; r < p->n_regions; r++) resolve_region(w, r, w->claims_tmp + at[r], at[r + 1] - at[r], &recovered[r]);
    for (int r = 0; r < p->n_regions; r++) {
        w->acc.employer_recovered += recovered[r];
        w->acc.payback_paid += recovered[r];
    }
}
