/* Poaching: firms with a vacancy recruit not only job seekers but also other firms' employees
 * (Stevens 1994; the trainer and poacher firms of Ballot & Taymaz). The chance that an employee
 * is approached in a month is
 *     labour.poaching_intensity x tightness of the region (vacancies per job seeker)
 *       x vulnerability of the size class of the current firm (small firms lose more)
 *       x attraction of a recently trained worker (a course completed within
 *         employers.return_months: the trainer's investment is what makes them worth poaching),
 * capped at 1. The approach is decided in the parallel decide pass with the spare part of the
 * job-loss draw; it succeeds in the serial labour-market phase only if a firm of the region
 * still has a vacancy once job seekers have been hired (labour_market.c). The worker moves, and
 * if the firm left behind paid for a course started within employers.payback_months, the worker
 * repays employers.payback_share of that contribution into the firm's training budget. The
 * move starts the worker's tenure anew. */
#include <math.h>
#include <string.h>

#include "sim/world.h"

void llo_labour_outlook_update(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_labour_outlook *o = &w->outlook;
    memset(o->vacancies, 0, sizeof o->vacancies);
    memset(o->jobseekers, 0, sizeof o->jobseekers);
    for (size_t e = 0; e < w->e.count; e++)
        if (w->e.target_size[e] > w->e.headcount[e]) o->vacancies[w->e.region[e]] += w->e.target_size[e] - w->e.headcount[e];
    /* A count over every worker: in parallel, integer sums being the same in any order. The
     * same pass counts employees by contract and first year with the employer, for the tenure
     * split of job loss. */
    int64_t seekers[LLO_MAX_REGIONS] = {0};
    int64_t staff[LLO_N_CONTRACTS * 2] = {0};
    const llo_workers *W = &w->w;
#pragma omp parallel for schedule(static) reduction(+ : seekers[:LLO_MAX_REGIONS], staff[:LLO_N_CONTRACTS * 2])
    for (size_t i = 0; i < W->capacity; i++) {
        if (W->status[i] == LLO_JOBSEEKER) seekers[W->region[i]]++;
        else if (W->status[i] == LLO_EMPLOYED && W->employer[i] != LLO_NONE) staff[W->contract[i] * 2 + llo_first_year(W, i)]++;
    }
    for (int r = 0; r < LLO_MAX_REGIONS; r++) o->jobseekers[r] = seekers[r];
    /* Job loss by tenure (Farber 1999): in the first year separation_tenure_ratio times what it
     * is later, scaled so that the contract's employees lose jobs at job_loss[c] on average this
     * month: the later hazard is job_loss[c] / (1 + (ratio - 1) x the share in a first year). So
     * the ratio moves who separates, not how many; at ratio 1 both are job_loss[c], bit for bit. */
    double ratio = p->separation_tenure_ratio;
    for (int c = 0; c < LLO_N_CONTRACTS; c++) {
        double loss = w->rate.job_loss[c], later = loss, first = loss;
        int64_t n = staff[c * 2] + staff[c * 2 + 1];
        if (ratio != 1 && c != LLO_CONTRACT_SELF_EMPLOYED && n > 0) {
            later = loss / (1 + (ratio - 1) * (double)staff[c * 2 + 1] / (double)n);
            first = later * ratio;
            if (first > 1) first = 1;
        }
        w->rate.separation[c][0] = later;
        w->rate.separation[c][1] = first;
    }
    for (int r = 0; r < p->n_regions; r++) {
        /* Without job seekers, every vacancy must be filled from other firms: count one. */
        o->tightness[r] = (double)o->vacancies[r] / (double)(o->jobseekers[r] > 0 ? o->jobseekers[r] : 1);
        for (int z = 0; z < LLO_N_SIZES; z++)
            for (int t = 0; t < 2; t++) {
                double q = p->poaching_intensity * o->tightness[r] * p->poaching_vulnerability[z] *
                           (t ? p->poaching_trained_attraction : 1.0);
                o->poach[r][z][t] = q > 1 ? 1 : q;
            }
    }
    /* The self-employed have no employer to be recruited away from. */
    o->approach_bound = 0;
    for (int r = 0; r < p->n_regions; r++)
        for (int z = 0; z < LLO_N_SIZES; z++)
            for (int c = 0; c < LLO_N_CONTRACTS; c++)
                for (int t = 0; t < 2; t++)
                    for (int f = 0; f < 2; f++) {
                        double loss = w->rate.separation[c][f];
                        double a = c == LLO_CONTRACT_SELF_EMPLOYED ? loss : loss + (1 - loss) * o->poach[r][z][t];
                        o->approach[r][z][c][t][f] = a;
                        if (a > o->approach_bound) o->approach_bound = a;
                    }
}

int llo_poach_approached(const llo_world *w, size_t i, double u)
{
    const llo_workers *W = &w->w;
    int trained = W->last_completion[i] != LLO_NEVER && w->month - W->last_completion[i] < w->p.return_months;
    return u < w->outlook.approach[W->region[i]][W->size_class[i]][W->contract[i]][trained][llo_first_year(W, i)];
}

void llo_poach_move(llo_world *w, size_t i, uint32_t e, int64_t *recovered)
{
    const llo_params *p = &w->p;
    llo_workers *W = &w->w;
    uint32_t from = W->employer[i];
    int r = W->region[i];
    int64_t paid = W->employer_paid_cents[i];
    if (paid > 0) {
        int since = W->last_start[i] == LLO_NEVER ? INT32_MAX : w->month - W->last_start[i];
        if (since < p->return_months) {
            w->e.trained_lost[from]++;
            w->flows.f[LLO_FLOW_POACHED_TRAINED][r]++;
        }
        if (since < p->payback_months) {
            int64_t back = llround(p->payback_share * (double)paid);
            w->e.budget_cents[from] += back;
            *recovered += back;
            w->flows.f[LLO_FLOW_PAYBACK][r] += back;
        }
        W->employer_paid_cents[i] = 0; /* the new employer paid nothing: no clause with it */
    }
    w->e.headcount[from]--;
    w->e.headcount[e]++;
    W->employer[i] = e;
    W->tenure_months[i] = 0;
    W->flags[i] &= (uint8_t)~LLO_F_KNOWS_BUDGET; /* a new employer's scheme is found out anew */
    W->sector[i] = w->e.sector[e];
    W->size_class[i] = w->e.size_class[e];
    w->flows.f[LLO_FLOW_POACHING][r]++;
}
