/* The world's life cycle: sizing before allocation, one allocation of every array, reset for
 * a new replicate, and the conservation checks. */
#include "sim/world.h"

#include <inttypes.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sim/llosim.h"
#include "sim/population.h"
#include "sim/rng.h"

/* Bytes per agent of a field list, with the sizes of per-sector and per-provider fields. */
#define LLO_FIELD_BYTES(type, name, per) +sizeof(type) * (size_t)(per)

/* Bytes one worker, employer, provider and orchestrator cost, from the field lists, counting
 * the scratch the world keeps per worker (two claim arrays and the free-slot list) and per
 * employer (the vacancy sums). */
static size_t worker_bytes(void)
{
    return 0 LLO_WORKER_FIELDS(LLO_FIELD_BYTES) + 2 * sizeof(uint64_t) + sizeof(uint32_t);
}

static size_t employer_bytes(void) { return 0 LLO_EMPLOYER_FIELDS(LLO_FIELD_BYTES) + sizeof(uint64_t); }

static size_t provider_bytes(size_t n_sectors) { return 0 LLO_PROVIDER_FIELDS(LLO_FIELD_BYTES); }

static size_t orchestrator_bytes(void) { return 0 LLO_ORCHESTRATOR_FIELDS(LLO_FIELD_BYTES); }

static size_t choice_cell_bytes(size_t n_providers) { return 0 LLO_CHOICE_FIELDS(LLO_FIELD_BYTES); }

llo_world_size llo_world_estimate(const llo_params *p)
{
    llo_world_size s;
    /* Counting firms exactly takes time in proportion to the population: only worth it for
     * a world that could fit in memory at all. */
    llo_population_plan(p, 0, &s.workers, &s.employers, &s.providers);
    long pages = sysconf(_SC_PHYS_PAGES), page = sysconf(_SC_PAGE_SIZE);
    double machine = pages > 0 && page > 0 ? (double)pages * (double)page : 1e18;
    if ((double)s.workers * (double)worker_bytes() < 2 * machine) llo_population_plan(p, 1, &s.workers, &s.employers, &s.providers);
    size_t choice = (size_t)p->n_regions * LLO_N_EDU * (size_t)p->n_sectors * choice_cell_bytes(s.providers);
    size_t orchestrators = 0;
    for (int r = 0; r < p->n_regions; r++) orchestrators += 1 + (size_t)p->intermediaries[r];
    size_t threads = (size_t)omp_get_max_threads();
    s.bytes = sizeof(llo_world) + s.workers * worker_bytes() + s.employers * employer_bytes() +
              s.providers * provider_bytes((size_t)p->n_sectors) + orchestrators * orchestrator_bytes() + choice +
              threads * (sizeof(llo_thread_tally) + 4096) + LLO_PLAN_WINDOW * llo_claim_plan_bytes();
    return s;
}

/* Allocation that remembers failure, so one check at the end covers every array. */
static void *take(size_t count, size_t size, int *failed)
{
    void *ptr = calloc(count ? count : 1, size);
    if (!ptr) *failed = 1;
    return ptr;
}

llo_world *llo_world_alloc(const llo_params *p, int replicate, char *err, size_t errlen)
{
    return llo_world_alloc_point(p, 0, replicate, err, errlen);
}

llo_world *llo_world_alloc_point(const llo_params *p, uint64_t point, int replicate, char *err, size_t errlen)
{
    llo_world *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(err, errlen, "out of memory allocating the world");
        return NULL;
    }
    w->p = *p;
    w->scenario = *p;
    llo_world_size size = llo_world_estimate(p);
    int failed = 0;
    size_t n, ne, np;
    llo_population_plan(p, 1, &n, &ne, &np); /* exact: the arrays must hold what init creates */

    const size_t n_sectors = (size_t)p->n_sectors, n_providers = np;
#define TAKE_WORKER(type, name, per) w->w.name = take(n * (size_t)(per), sizeof(type), &failed);
#define TAKE_EMPLOYER(type, name, per) w->e.name = take(ne * (size_t)(per), sizeof(type), &failed);
#define TAKE_PROVIDER(type, name, per) w->pr.name = take(np * (size_t)(per), sizeof(type), &failed);
#define TAKE_ORCHESTRATOR(type, name, per) w->orch.name = take(w->orch.count * (size_t)(per), sizeof(type), &failed);
#define TAKE_CHOICE(type, name, per) w->choice.name = take(cells * (size_t)(per), sizeof(type), &failed);
    w->w.capacity = n;
    LLO_WORKER_FIELDS(TAKE_WORKER)
    w->e.count = ne;
    LLO_EMPLOYER_FIELDS(TAKE_EMPLOYER)
    w->vacancy_cum = take(ne, sizeof(uint64_t), &failed);
    w->pr.count = np;
    LLO_PROVIDER_FIELDS(TAKE_PROVIDER)
    w->orch.count = 0;
    for (int r = 0; r < p->n_regions; r++) w->orch.count += 1 + (size_t)p->intermediaries[r];
    LLO_ORCHESTRATOR_FIELDS(TAKE_ORCHESTRATOR)
    w->orch.region_begin = take((size_t)p->n_regions + 1, sizeof(size_t), &failed);
    size_t cells = (size_t)p->n_regions * LLO_N_EDU * n_sectors;
    LLO_CHOICE_FIELDS(TAKE_CHOICE)
    (void)n_providers;

    w->claims = take(n, sizeof(uint64_t), &failed);
    w->claims_tmp = take(n, sizeof(uint64_t), &failed);
    w->claim_plans = take(LLO_PLAN_WINDOW, llo_claim_plan_bytes(), &failed);
    w->free_slots = take(n, sizeof(uint32_t), &failed);
    w->region_entry_share = take((size_t)p->n_regions, sizeof(double), &failed);
    w->region_employer_begin = take((size_t)p->n_regions + 1, sizeof(size_t), &failed);
    w->n_rng = omp_get_max_threads();
    w->rng = take((size_t)w->n_rng, sizeof(gsl_rng *), &failed);
    w->tally = take((size_t)w->n_rng, sizeof(llo_thread_tally), &failed);
    w->chunk_offset = take((size_t)w->n_rng + 1, sizeof(size_t), &failed);
    for (int t = 0; !failed && t < w->n_rng; t++)
        if (!(w->rng[t] = gsl_rng_alloc(llo_rng_philox))) failed = 1;
    if (failed) {
        llo_world_free(w);
        snprintf(err, errlen, "out of memory allocating a world of %zu workers (%zu bytes estimated)", n, size.bytes);
        return NULL;
    }
    llo_world_reset_point(w, point, replicate);
    return w;
}

void llo_world_reset(llo_world *w, int replicate) { llo_world_reset_point(w, 0, replicate); }

void llo_world_reset_point(llo_world *w, uint64_t point, int replicate)
{
    w->p = w->scenario; /* undo the timeline's changes of the last replicate */
    w->seed = llo_rng_derive_seed((uint64_t)w->p.seed, point, (uint64_t)replicate);
    w->month = -w->p.burn_in_months;
    memset(&w->acc, 0, sizeof w->acc);
    memset(&w->funding, 0, sizeof w->funding); /* the rules are read again when budgets are first granted */
    memset(&w->outlook, 0, sizeof w->outlook); /* recomputed at the start of every month */
    memset(&w->flows, 0, sizeof w->flows);
    memset(w->spend_ring, 0, sizeof w->spend_ring);
    memset(w->labour_cost_ring, 0, sizeof w->labour_cost_ring);
    memset(&w->stats, 0, sizeof w->stats);
    memset(w->region, 0, sizeof w->region);
    w->collaboration_boost = 0;
    w->entries_total = w->exits_total = 0;
    llo_world_setup(w);
}

void llo_world_free(llo_world *w)
{
    if (!w) return;
#define FREE_WORKER(type, name, per) free(w->w.name);
#define FREE_EMPLOYER(type, name, per) free(w->e.name);
#define FREE_PROVIDER(type, name, per) free(w->pr.name);
#define FREE_ORCHESTRATOR(type, name, per) free(w->orch.name);
#define FREE_CHOICE(type, name, per) free(w->choice.name);
    LLO_WORKER_FIELDS(FREE_WORKER)
    LLO_EMPLOYER_FIELDS(FREE_EMPLOYER)
    LLO_PROVIDER_FIELDS(FREE_PROVIDER)
    LLO_ORCHESTRATOR_FIELDS(FREE_ORCHESTRATOR)
    LLO_CHOICE_FIELDS(FREE_CHOICE)
    void *arrays[] = {w->vacancy_cum, w->claims, w->claims_tmp, w->claim_plans, w->chunk_offset, w->free_slots, w->region_entry_share,
                      w->region_employer_begin, w->tally, w->orch.region_begin};
    for (size_t k = 0; k < sizeof arrays / sizeof arrays[0]; k++) free(arrays[k]);
    if (w->rng)
        for (int t = 0; t < w->n_rng; t++) gsl_rng_free(w->rng[t]);
    free(w->rng);
    free(w);
}

int llo_world_month(const llo_world *w) { return w->month; }

const llo_month_stats *llo_world_stats(const llo_world *w) { return &w->stats; }

llo_params *llo_world_params(llo_world *w) { return &w->p; }

/* The conservation laws. Allocation-free: head counts are recounted into the hiring scratch. */
int llo_world_check(const llo_world *w, char *err, size_t errlen)
{
    const llo_workers *W = &w->w;
    size_t alive = 0, in_course = 0;
    int64_t own_held = 0;
    uint32_t *count = w->e.vacancy_left; /* scratch: free between months */
    memset(count, 0, w->e.count * sizeof *count);
    int64_t *enrolled = (int64_t *)w->vacancy_cum; /* scratch of at least as many slots */
    if (w->pr.count > w->e.count) {
        snprintf(err, errlen, "more providers than employers: cannot recount enrolment in scratch");
        return -1;
    }
    memset(enrolled, 0, w->pr.count * sizeof *enrolled);
    for (size_t i = 0; i < W->capacity; i++) {
        if (W->status[i] == LLO_SLOT_EMPTY) continue;
        alive++;
        own_held += W->own_budget_cents[i];
        if (W->own_budget_cents[i] < 0) {
            snprintf(err, errlen, "worker %zu has a negative own budget", i);
            return -1;
        }
        if (W->employer_paid_cents[i] < 0 || (W->employer_paid_cents[i] > 0 && W->employer[i] == LLO_NONE)) {
            snprintf(err, errlen, "worker %zu owes a pay-back of %d cents to employer %u", i, W->employer_paid_cents[i],
                     W->employer[i]);
            return -1;
        }
        if (W->employer[i] != LLO_NONE) {
            if (W->status[i] != LLO_EMPLOYED || W->employer[i] >= w->e.count) {
                snprintf(err, errlen, "worker %zu has employer %u but status %u", i, W->employer[i], W->status[i]);
                return -1;
            }
            count[W->employer[i]]++;
        }
        if (W->provider[i] != LLO_NO_PROVIDER) {
            in_course++;
            enrolled[W->provider[i]]++;
        }
        if (!(W->skill[i] >= 0.0f && W->skill[i] <= 2.0f)) {
            snprintf(err, errlen, "worker %zu has skill %g outside [0, 2]", i, (double)W->skill[i]);
            return -1;
        }
    }
    (void)in_course;
    if ((int64_t)alive != (int64_t)w->workers_initial + w->entries_total - w->exits_total) {
        snprintf(err, errlen, "workers not conserved: %zu alive, %zu initial + %" PRId64 " entries - %" PRId64 " exits",
                 alive, w->workers_initial, w->entries_total, w->exits_total);
        return -1;
    }
    int64_t budget_left = 0;
    for (size_t e = 0; e < w->e.count; e++) {
        if (count[e] != w->e.headcount[e]) {
            snprintf(err, errlen, "employer %zu counts %u employees but %u work there", e, w->e.headcount[e], count[e]);
            return -1;
        }
        if (w->e.spent_cents[e] < 0 || w->e.spent_cents[e] > w->e.budget_cents[e]) {
            snprintf(err, errlen, "employer %zu spent %" PRId64 " of a budget of %" PRId64 " cents", e,
                     w->e.spent_cents[e], w->e.budget_cents[e]);
            return -1;
        }
        budget_left += w->e.budget_cents[e] - w->e.spent_cents[e];
    }
    for (size_t p = 0; p < w->pr.count; p++) {
        if (enrolled[p] != w->pr.enrolled[p] || w->pr.enrolled[p] > w->pr.seats[p]) {
            snprintf(err, errlen, "provider %zu: %" PRId64 " enrolled on record, %" PRId64 " in its courses, %" PRId64 " seats",
                     p, w->pr.enrolled[p], enrolled[p], w->pr.seats[p]);
            return -1;
        }
    }
    /* A joint offer's members follow its lead; its pooled seats are theirs, never more. */
    int64_t revenue = 0;
    for (size_t p = 0; p < w->pr.count; p++) {
        revenue += w->pr.revenue_cents[p];
        uint16_t o = w->pr.offer[p];
        if (o >= w->pr.count || (o != p && (p == 0 || w->pr.offer[p - 1] != o))) {
            snprintf(err, errlen, "provider %zu is sold under offer %u, which does not lead the providers before it", p, o);
            return -1;
        }
        if (o != p) continue;
        int64_t seats = 0, taken = 0;
        for (size_t q = p; q < w->pr.count && w->pr.offer[q] == o; q++) {
            seats += w->pr.seats[q] > 0 ? w->pr.seats[q] : 0;
            taken += w->pr.enrolled[q];
        }
        if (w->pr.offer_seats[p] != seats) {
            snprintf(err, errlen, "offer %zu has %" PRId64 " seats, its providers %" PRId64, p, w->pr.offer_seats[p], seats);
            return -1;
        }
        if (taken > seats) {
            snprintf(err, errlen, "offer %zu: %" PRId64 " enrolled in %" PRId64 " pooled seats", p, taken, seats);
            return -1;
        }
    }
    const llo_accounts *a = &w->acc;
    /* Every cent paid for a course reaches a provider: from employers, workers and instruments. */
    int64_t paid = a->employer_spent + a->individual_spent + a->out_of_pocket;
    for (int k = 0; k < LLO_N_INSTRUMENTS; k++) paid += a->fund[k].spent;
    if (revenue != paid) {
        snprintf(err, errlen, "providers received %" PRId64 " cents, payers paid %" PRId64, revenue, paid);
        return -1;
    }
    if (a->employer_granted + a->employer_recovered != a->employer_spent + a->employer_lapsed + budget_left) {
        snprintf(err, errlen, "employer money: granted %" PRId64 " + recovered %" PRId64 " != spent %" PRId64
                 " + lapsed %" PRId64 " + left %" PRId64,
                 a->employer_granted, a->employer_recovered, a->employer_spent, a->employer_lapsed, budget_left);
        return -1;
    }
    if (a->employer_recovered != a->payback_paid || a->payback_paid < 0) {
        snprintf(err, errlen, "pay-back: employers recovered %" PRId64 " but workers paid %" PRId64, a->employer_recovered,
                 a->payback_paid);
        return -1;
    }
    if (a->individual_accrued != a->individual_spent + a->individual_forfeited + a->individual_exited + own_held) {
        snprintf(err, errlen, "individual budgets: accrued %" PRId64 " != spent %" PRId64 " + forfeited %" PRId64
                 " + left with exits %" PRId64 " + held %" PRId64,
                 a->individual_accrued, a->individual_spent, a->individual_forfeited, a->individual_exited, own_held);
        return -1;
    }
    for (int k = 0; k < LLO_N_INSTRUMENTS; k++) {
        const llo_fund_account *f = &a->fund[k];
        int64_t held = 0;
        for (int pot = 0; pot < LLO_MAX_POTS; pot++) {
            if (a->pot_left[k][pot] < 0 || a->pot_held[k][pot] < 0) {
                snprintf(err, errlen, "%s: pot %d is overdrawn (%" PRId64 " available, %" PRId64 " held back)",
                         llo_instrument_name(k), pot, a->pot_left[k][pot], a->pot_held[k][pot]);
                return -1;
            }
            held += a->pot_left[k][pot] + a->pot_held[k][pot];
        }
        if (f->spent < 0 || f->overhead < 0 || f->lapsed < 0 || f->granted != f->spent + f->overhead + f->lapsed + held) {
            snprintf(err, errlen, "%s: granted %" PRId64 " != spent %" PRId64 " + overhead %" PRId64 " + lapsed %" PRId64
                     " + left %" PRId64, llo_instrument_name(k), f->granted, f->spent, f->overhead, f->lapsed, held);
            return -1;
        }
    }
    return 0;
}
