/* Builds the initial population of a replicate: providers, employers with their firm sizes,
 * and workers with their jobs, skills, propensities and training history. */
#include "sim/population.h"

#include <math.h>
#include <omp.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#include "sim/rng.h"
#include "sim/shares.h"
#include "sim/world.h"

/* Employees who change employer per year in the calibrated baseline (separations and poaching
 * moves over employees, measured), for the opening share who know their own budget's scheme. */
#define EMPLOYER_CHANGES_PER_YEAR 0.15

static const unsigned size_lo[LLO_N_SIZES] = {1, 10, 50, 250};
static const unsigned size_hi[LLO_N_SIZES] = {9, 49, 249, 1000000};

/* Firm sizes within a class: the class minimum plus an exponential with the rest of the
 * class mean, truncated at the class maximum. */
unsigned llo_firm_size_at(const llo_params *p, int c, double u)
{
    double extra = p->firm_mean_size[c] - size_lo[c];
    if (extra < 0) extra = 0;
    double s = size_lo[c] + floor(-(extra + 0.5) * log1p(-u));
    return s > size_hi[c] ? size_hi[c] : (unsigned)s;
}

/* The golden-ratio sequence of quantiles: firm sizes are spread evenly over the distribution
 * without random draws, so every replicate has the same firm landscape and the number of
 * employers is known before allocation. */
static double size_quantile(size_t k) { return fmod(0.5 + (double)k * 0.6180339887498949, 1.0); }

typedef struct region_plan {
    size_t employees, self_employed, jobseekers;
    size_t class_employees[LLO_N_SIZES];
} region_plan;

static void plan_region(const llo_params *p, int r, region_plan *rp)
{
    double employed = (double)p->region_employed[r] * p->scale;
    double se = llo_share(p->contract_share, LLO_N_CONTRACTS, LLO_CONTRACT_SELF_EMPLOYED);
    size_t total = (size_t)llround(employed);
    rp->employees = (size_t)llround(employed * (1 - se));
    if (rp->employees > total) rp->employees = total;
    rp->self_employed = total - rp->employees;
    double u = p->region_unemployment[r];
    rp->jobseekers = (size_t)llround(employed * u / (1 - u));
    size_t given = 0;
    for (int c = 0; c < LLO_N_SIZES; c++) {
        rp->class_employees[c] = c == LLO_N_SIZES - 1
                                     ? rp->employees - given
                                     : (size_t)llround((double)rp->employees * llo_share(p->firm_size_share, LLO_N_SIZES, c));
        if (given + rp->class_employees[c] > rp->employees) rp->class_employees[c] = rp->employees - given;
        given += rp->class_employees[c];
    }
}

/* Number of firms needed to hold n employees of class c (the last one takes the remainder);
 * an estimate from the mean size of the first 4096 firms unless exact. */
static size_t firms_for(const llo_params *p, int c, size_t n, int exact)
{
    size_t firms = 0, filled = 0;
    if (!exact) {
        for (; firms < 4096; firms++) filled += llo_firm_size_at(p, c, size_quantile(firms));
        return (size_t)((double)n / ((double)filled / (double)firms)) + 1;
    }
    while (filled < n) filled += llo_firm_size_at(p, c, size_quantile(firms++));
    return firms;
}

void llo_population_plan(const llo_params *p, int exact, size_t *workers, size_t *employers, size_t *providers)
{
    *workers = *employers = *providers = 0;
    for (int r = 0; r < p->n_regions; r++) {
        region_plan rp;
        plan_region(p, r, &rp);
        *workers += rp.employees + rp.self_employed + rp.jobseekers;
        for (int c = 0; c < LLO_N_SIZES; c++) *employers += firms_for(p, c, rp.class_employees[c], exact);
        *providers += (size_t)(p->providers_mbo[r] + p->providers_hbo[r] + p->providers_wo[r] + p->providers_private[r]);
    }
    *providers += (size_t)p->providers_online;
}

static float clampf(double x, double lo, double hi) { return (float)(x < lo ? lo : x > hi ? hi : x); }

static void add_provider(llo_world *w, size_t j, int kind, int region)
{
    const llo_params *p = &w->p;
    gsl_rng *g = w->rng[0];
    llo_rng_reset(g, w->seed, LLO_RNG_INIT_PROVIDER, j, 0, 0);
    w->pr.kind[j] = (uint8_t)kind;
    w->pr.region[j] = region < 0 ? LLO_ONLINE : (uint8_t)region;
    double seats = (double)p->provider_seats[kind] * p->scale;
    w->pr.seats[j] = p->provider_seats[kind] > 0 && seats < 1 ? 1 : llround(seats);
    w->pr.enrolled[j] = 0;
    double price = p->provider_price_eur[kind] * (1 + 0.1 * gsl_ran_gaussian(g, 1.0));
    w->pr.list_price_cents[j] = w->pr.price_cents[j] = llround((price < 0 ? 0 : price) * 100);
    w->pr.revenue_cents[j] = 0;
    w->pr.quality[j] = clampf(p->provider_quality[kind] + gsl_ran_gaussian(g, 0.05), 0, 1);
    for (int s = 0; s < p->n_sectors; s++)
        w->pr.fit_base[j * (size_t)p->n_sectors + s] = clampf(p->provider_fit[kind] + gsl_ran_gaussian(g, 0.15), 0, 1);
}

static void init_providers(llo_world *w)
{
    const llo_params *p = &w->p;
    size_t j = 0;
    for (int r = 0; r < p->n_regions; r++) {
        const int64_t *counts[] = {p->providers_mbo, p->providers_hbo, p->providers_wo, p->providers_private};
        for (int k = 0; k < 4; k++)
            for (int64_t n = 0; n < counts[k][r]; n++) add_provider(w, j++, k, r);
    }
    for (int n = 0; n < p->providers_online; n++) add_provider(w, j++, LLO_PROV_ONLINE, -1);
}

static void init_employer(llo_world *w, size_t e, int r, int c, unsigned size)
{
    const llo_params *p = &w->p;
    gsl_rng *g = w->rng[0];
    llo_rng_reset(g, w->seed, LLO_RNG_INIT_EMPLOYER, e, 0, 0);
    w->e.region[e] = (uint8_t)r;
    w->e.size_class[e] = (uint8_t)c;
    w->e.sector[e] = (uint8_t)llo_draw_share(p->sector_share, p->n_sectors, gsl_rng_uniform(g));
    w->e.target_size[e] = size;
    w->e.headcount[e] = 0;
    /* Culture ~ Beta with the configured mean and a concentration of 6: firms differ a lot. */
    double m = p->learning_culture_mean;
    w->e.learning_culture[e] = m <= 0 ? 0 : m >= 1 ? 1 : (float)gsl_ran_beta(g, 6 * m, 6 * (1 - m));
    w->e.learning_share[e] = clampf(p->learning_share_mean + gsl_ran_gaussian(g, p->learning_share_sd), 0, 1);
    w->e.budget_cents[e] = w->e.spent_cents[e] = 0;
    w->e.gaps_closed[e] = 0;
    w->e.trained_lost[e] = 0;
}

/* Attributes every worker draws for itself; the job-related ones are set by the caller. */
void llo_person_init(llo_world *w, size_t i, uint64_t person, int region, int status)
{
    const llo_params *p = &w->p;
    llo_workers *W = &w->w;
    philox4x64_ctr_t b = llo_rng_block(w->seed, LLO_RNG_INIT_WORKER, person, 0, 0);
    philox4x64_ctr_t q = llo_rng_block(w->seed, LLO_RNG_PROPENSITY, person, 0, 0);
    W->person[i] = person;
    W->status[i] = (uint8_t)status;
    W->region[i] = (uint8_t)region;
    W->education[i] = (uint8_t)llo_draw_share(p->education_share, LLO_N_EDU, llo_u01(b.v[0]));
    unsigned span = (unsigned)(p->retirement_age - p->entry_age) * 12;
    W->age_months[i] = (uint16_t)(p->entry_age * 12 + (unsigned)(llo_u01(b.v[1]) * span));
    W->skill[i] = clampf(p->skill_initial_mean + p->skill_initial_sd * gsl_cdf_ugaussian_Pinv(llo_u01_open(b.v[2])), 0, 1.5);
    W->flags[i] = llo_u01(q.v[0]) < p->never_learner_share ? LLO_F_NEVER_LEARNER : 0;
    W->propensity[i] = (float)(p->propensity_sd * gsl_cdf_ugaussian_Pinv(llo_u01_open(q.v[1])));
    W->event[i] = 0;
    W->course_left[i] = 0;
    W->provider[i] = W->intent_provider[i] = LLO_NO_PROVIDER;
    W->last_start[i] = W->last_completion[i] = LLO_NEVER;
    W->employer[i] = LLO_NONE;
    W->tenure_months[i] = 0;
    W->own_budget_cents[i] = 0;
    W->employer_paid_cents[i] = 0;
    W->size_class[i] = LLO_SIZE_1_9;
    W->contract[i] = LLO_CONTRACT_PERMANENT;
    W->sector[i] = (uint8_t)llo_draw_share(p->sector_share, p->n_sectors, llo_u01(b.v[3]));
}

/* An initial employee's months with the employer so far: geometric with the monthly chance of
 * leaving the job (the contract's job loss and the other exits), as in a steady state of a
 * constant hazard, and no longer than the months worked. A simplification the burn-in washes
 * out: the tenure split of job loss, poaching and conversions of temporary contracts are left
 * out of the draw, so first years are somewhat too few at the start. */
static void init_tenure(llo_world *w, size_t i)
{
    llo_workers *W = &w->w;
    if (W->employer[i] == LLO_NONE) return;
    double h = llo_monthly(w->p.job_loss_rate[W->contract[i]]) + llo_monthly(w->p.leave_rate);
    int worked = (int)W->age_months[i] - w->p.entry_age * 12;
    double u = llo_uniform(w->seed, LLO_RNG_TENURE, W->person[i], 0, 0);
    double k = h <= 0 ? worked : h >= 1 ? 0 : floor(log1p(-u) / log1p(-h));
    if (k > worked) k = worked;
    W->tenure_months[i] = (uint16_t)(k < 0 ? 0 : k > UINT16_MAX ? UINT16_MAX : k);
}

/* A training history consistent with the worker's own start hazard: months since the last
 * start are geometric with that hazard, and whoever would not have started within the months
 * worked so far never trained. Without this, everyone would begin as "never trained". */
static void init_history(llo_world *w, size_t i)
{
    llo_workers *W = &w->w;
    philox4x64_ctr_t b = llo_rng_block(w->seed, LLO_RNG_INIT_WORKER, W->person[i], 0, 1);
    /* The own budget first, since it enters the expected cost in the hazard: somewhere
     * between nothing and a year's accrual, as if accruing and spent now and then. */
    int64_t cap = llround(w->p.individual_budget_cap_eur * 100);
    int64_t own = llo_accrues_own_budget(w, i) ? llround(w->p.individual_budget_eur * 100 * llo_u01(b.v[1])) : 0;
    W->own_budget_cents[i] = (int32_t)(own > cap ? cap : own);
    /* Whether the holder already knows how to use it: the share that initiative against the
     * change of employer that makes one start over holds in the long run, a / (a + m). */
    double a = w->p.budget_initiative;
    if (own > 0 && a > 0 && llo_uniform(w->seed, LLO_RNG_BUDGET_INITIATIVE, W->person[i], w->month, 1) < a / (a + EMPLOYER_CHANGES_PER_YEAR))
        W->flags[i] |= LLO_F_KNOWS_BUDGET;
    init_tenure(w, i);
    double prob = llo_start_probability(w, i);
    int worked = (int)W->age_months[i] - w->p.entry_age * 12;
    if (prob <= 0 || worked <= 0) return;
    double k = prob >= 1 ? 0 : floor(log(llo_u01_open(b.v[0])) / log1p(-prob));
    if (k < worked && k < 20000) {
        W->last_start[i] = (int16_t)(w->month - 1 - (int)k);
        W->flags[i] |= LLO_F_EVER_TRAINED;
        /* A simplification the burn-in washes out: nobody starts in a course, and a start
         * at least six months ago counts as completed six months after it. */
        if (k >= 6) W->last_completion[i] = (int16_t)(W->last_start[i] + 6);
    }
}

void llo_population_init(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_workers *W = &w->w;
    init_providers(w);

    /* Employers region by region, classes in order; workers fill them in the same order. */
    size_t e = 0, i = 0;
    double total_labour = 0;
    for (int r = 0; r < p->n_regions; r++) {
        region_plan rp;
        plan_region(p, r, &rp);
        w->region_employer_begin[r] = e;
        for (int c = 0; c < LLO_N_SIZES; c++) {
            size_t filled = 0;
            for (size_t k = 0; filled < rp.class_employees[c]; k++) {
                unsigned size = llo_firm_size_at(p, c, size_quantile(k));
                if (filled + size > rp.class_employees[c]) size = (unsigned)(rp.class_employees[c] - filled);
                init_employer(w, e, r, c, size);
                for (unsigned s = 0; s < size; s++, i++) {
                    W->status[i] = LLO_EMPLOYED;
                    W->employer[i] = (uint32_t)e;
                    W->region[i] = (uint8_t)r;
                }
                w->e.headcount[e] = size;
                filled += size;
                e++;
            }
        }
        for (size_t k = 0; k < rp.self_employed; k++, i++) {
            W->status[i] = LLO_EMPLOYED;
            W->employer[i] = LLO_NONE;
            W->region[i] = (uint8_t)r;
            W->contract[i] = LLO_CONTRACT_SELF_EMPLOYED;
        }
        for (size_t k = 0; k < rp.jobseekers; k++, i++) {
            W->status[i] = LLO_JOBSEEKER;
            W->employer[i] = LLO_NONE;
            W->region[i] = (uint8_t)r;
        }
        total_labour += (double)(rp.employees + rp.self_employed + rp.jobseekers);
        w->region_entry_share[r] = total_labour;
    }
    w->region_employer_begin[p->n_regions] = e;
    for (int r = 0; r < p->n_regions; r++) w->region_entry_share[r] /= total_labour > 0 ? total_labour : 1;
    w->workers_initial = i;
    w->next_person = i;

    double perm = llo_share(p->contract_share, 2, LLO_CONTRACT_PERMANENT);
#pragma omp parallel for schedule(static)
    for (size_t k = 0; k < i; k++) {
        int status = W->status[k], region = W->region[k];
        uint32_t employer = W->employer[k];
        int self = W->contract[k] == LLO_CONTRACT_SELF_EMPLOYED && employer == LLO_NONE && status == LLO_EMPLOYED;
        llo_person_init(w, k, k, region, status);
        if (employer != LLO_NONE) {
            W->employer[k] = employer;
            W->sector[k] = w->e.sector[employer];
            W->size_class[k] = w->e.size_class[employer];
            double u = llo_uniform(w->seed, LLO_RNG_INIT_WORKER, k, 0, 2);
            W->contract[k] = u < perm ? LLO_CONTRACT_PERMANENT : LLO_CONTRACT_TEMPORARY;
        } else if (self) {
            W->contract[k] = LLO_CONTRACT_SELF_EMPLOYED;
        }
    }
    /* Empty slots beyond the initial population (none unless capacity exceeds it). */
    for (size_t k = i; k < W->capacity; k++) W->status[k] = LLO_SLOT_EMPTY;
}

void llo_population_history_init(llo_world *w)
{
    llo_workers *W = &w->w;
    size_t i = w->workers_initial;
#pragma omp parallel for schedule(static)
    for (size_t k = 0; k < i; k++) init_history(w, k);
    int64_t held = 0;
    for (size_t k = 0; k < i; k++) held += W->own_budget_cents[k];
    w->acc.individual_accrued = held; /* the opening balances count as accrued */
}
