/* Workers age, retire, leave for other reasons, and are replaced by entrants: young people
 * who enter the labour market as job seekers. Entrants replace exits one for one, so the
 * labour force keeps its total size (a region's only on average: an entrant's region is drawn
 * by the regions' initial shares); both flows are counted for the conservation check. */
#include <math.h>
#include <gsl/gsl_cdf.h>

#include "sim/population.h"
#include "sim/rng.h"
#include "sim/world.h"

int llo_exit_decide(const llo_world *w, size_t i, double u)
{
    const llo_params *p = &w->p;
    if (w->w.age_months[i] >= (unsigned)p->retirement_age * 12) return 1;
    return u < w->rate.leave;
}

/* Frees what a leaving worker held: a job, a seat, an own budget. */
static void leave(llo_world *w, size_t i)
{
    llo_workers *W = &w->w;
    int r = W->region[i];
    if (W->employer[i] != LLO_NONE) w->e.headcount[W->employer[i]]--;
    if (W->provider[i] != LLO_NO_PROVIDER) w->pr.enrolled[W->provider[i]]--;
    w->acc.individual_exited += W->own_budget_cents[i];
    W->own_budget_cents[i] = 0;
    W->employer_paid_cents[i] = 0;
    W->status[i] = LLO_SLOT_EMPTY;
    W->employer[i] = LLO_NONE;
    W->tenure_months[i] = 0;
    W->provider[i] = LLO_NO_PROVIDER;
    w->flows.f[LLO_FLOW_EXITS][r]++;
    w->exits_total++;
    w->free_slots[w->n_free++] = (uint32_t)i;
}

void llo_demography_resolve(llo_world *w)
{
    llo_workers *W = &w->w;
    w->n_free = 0;
    size_t n = llo_collect_events(w, LLO_E_EXIT, 1);
    for (size_t k = 0; k < n; k++) {
        size_t i = llo_claim_worker(w->claims[k]);
        if (W->status[i] == LLO_SLOT_EMPTY) {
            w->free_slots[w->n_free++] = (uint32_t)i;
            continue;
        }
        if (W->event[i] & LLO_E_EXIT) leave(w, i);
    }
}

/* An entrant: a new person (a new identity, so new draws) in a free slot, entering as a job
 * seeker at the entry age, with the education mix of the scenario. */
static void enter(llo_world *w, size_t i, int month)
{
    const llo_params *p = &w->p;
    uint64_t person = w->next_person++;
    philox4x64_ctr_t b = llo_rng_block(w->seed, LLO_RNG_ENTRANT, person, month, 0);
    int r = 0;
    double u = llo_u01(b.v[0]);
    while (r < p->n_regions - 1 && u >= w->region_entry_share[r]) r++;
    llo_person_init(w, i, person, r, LLO_JOBSEEKER);
    /* An entrant is young: somewhere in the year after the entry age. */
    w->w.age_months[i] = (uint16_t)(p->entry_age * 12 + (unsigned)(llo_u01(b.v[1]) * 12));
    w->flows.f[LLO_FLOW_ENTRIES][r]++;
    w->entries_total++;
}

void llo_entrants_admit(llo_world *w)
{
    int64_t exits = 0;
    for (int r = 0; r < w->p.n_regions; r++) exits += w->flows.f[LLO_FLOW_EXITS][r];
    /* Slots are filled lowest index first: a deterministic order independent of threads. */
    size_t n = (size_t)exits < w->n_free ? (size_t)exits : w->n_free;
    for (size_t k = 0; k < n; k++) enter(w, w->free_slots[k], w->month);
}
