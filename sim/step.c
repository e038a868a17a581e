/* One month of the world, as a fixed sequence of phases:
 *   0. timeline: the events due this month change the parameters; the shocks in force are set;
 *   1. money: employer budgets and the funding instruments' budgets renew in January; sector
 *      funds levy the wage bill, lottery tranches are released (funding.c); own budgets accrue; the
 *      labour market's tightness and poaching chances are taken from the month's start;
 *      providers: sectors' needs move on, curricula catch up, prices and offers are set;
 *   2. decide (parallel): every worker, from the state of the others at the start of the
 *      month, ages, may leave, lose or find a job, progresses in a course, learns and
 *      forgets, and may want to start a course at a chosen provider (judged on the worker's
 *      own state as just updated: this month's age and skill);
 *   3. resolve (in a deterministic order): exits, ended courses, separations, hires and
 *      poaching, course starts against seats and employers' decisions and budgets (planned in
 *      parallel, committed in priority order, re-planned where an earlier claim changed what a
 *      plan read: enrolment.c), employers' learning culture and job design, entrants into freed
 *      slots, and the orchestrators' guidance (which acts on next month's decisions);
 *   4. indicators.
 * A worker's draws for the month come from one Philox block keyed by (seed, purpose, person,
 * month): word 0 decides leaving, word 1 the job, word 2 the course start, word 3 contract
 * conversion (low half) and seeking guidance (high half); the low 11 bits of words 0 and 1,
 * which their draws leave unused, make the own budget's initiative. Rarer decisions (provider, hire,
 * course length, front door) use purposes of their own.
 * Before the decide pass, the region-level state moves: the agenda, trust (decay, convening,
 * last month's experiences) and the orchestrators' staff and capacity. */
#include <math.h>
#include <string.h>
#include <time.h>

#include "sim/llosim.h"
#include "sim/rng.h"
#include "sim/world.h"

/* The shift that moves the GUIDED bit onto HELPED_TO_APPLY, without a branch per worker. */
#define GUIDED_TO_HELPED 2
_Static_assert(LLO_F_GUIDED << GUIDED_TO_HELPED == LLO_F_HELPED_TO_APPLY, "GUIDED_TO_HELPED moves GUIDED onto HELPED_TO_APPLY");

/* One worker's month, with the worker's Philox block for it. */
static inline void decide_worker(llo_world *w, size_t i, philox4x64_ctr_t b, int64_t *accrued, int64_t *forfeited)
{
    llo_workers *W = &w->w;
    const int month = w->month;
    llo_own_budget_accrue(w, i, accrued, forfeited); /* phase 8, before anything decides */
    /* The initiative's draw is the 22 low bits of words 0 and 1, which their own draws
     * (53 high bits) leave unused: independent of them, and no second block per worker. */
    llo_own_budget_initiative(w, i, (double)((b.v[0] & 0x7ffu) << 11 | (b.v[1] & 0x7ffu)) * 0x1.0p-22);
    unsigned ev = 0;
    W->age_months[i]++;
    /* A month more with the employer, before the job is decided on: tenure counts the months
     * begun with the employer, so it is 1 in the first month after the hire. */
    if (W->employer[i] != LLO_NONE && W->tenure_months[i] < UINT16_MAX) W->tenure_months[i]++;
    if (llo_exit_decide(w, i, llo_u01(b.v[0]))) {
        W->event[i] = LLO_E_EXIT;
        return;
    }
    int in_course = W->provider[i] != LLO_NO_PROVIDER;
    ev |= llo_labour_decide(w, i, llo_u01(b.v[1]));
    /* Word 3 serves two rare decisions: its low half converts a temporary contract, its
     * high half decides whether an employee seeks guidance. */
    double u_convert = (double)(uint32_t)b.v[3] * 0x1.0p-32, u_seek = (double)(b.v[3] >> 32) * 0x1.0p-32;
    if (llo_contract_converts(w, i, u_convert)) W->contract[i] = LLO_CONTRACT_PERMANENT;
    if (in_course) ev |= llo_course_month(w, i);
    llo_skill_month(w, i);
    int wants = !in_course && llo_wants_to_start(w, i, llo_u01(b.v[2]));
    /* Guidance acts in the month after it is given: on the start hazard (above) and, through
     * HELPED_TO_APPLY, on the applications for funding when the course is claimed. */
    unsigned f = W->flags[i];
    if (f & (LLO_F_GUIDED | LLO_F_HELPED_TO_APPLY)) /* rare: written only then */
        W->flags[i] = (uint8_t)((f & ~(unsigned)(LLO_F_GUIDED | LLO_F_HELPED_TO_APPLY)) | (f & LLO_F_GUIDED) << GUIDED_TO_HELPED);
    if (wants) {
        if (llo_start_unaided(w, i, llo_u01(b.v[2]))) W->flags[i] |= LLO_F_UNAIDED_START;
        else W->flags[i] &= (uint8_t)~LLO_F_UNAIDED_START;
        uint16_t j = llo_choose_provider(w, i, month, (f & LLO_F_GUIDED) != 0);
        if (j != LLO_NO_PROVIDER) {
            W->intent_provider[i] = j;
            ev |= LLO_E_WANTS_COURSE;
        }
    }
    if (w->follow.active && i == w->follow.slot) /* one worker at most: the live view's */
        llo_follow_record(w, i, llo_u01(b.v[2]), in_course, (ev & LLO_E_WANTS_COURSE) != 0);
    int seeks = llo_seeks_guidance(w, i, u_seek);
    if (seeks) ev |= LLO_E_SEEKS_GUIDANCE | (seeks == LLO_SEEKS_REACHED ? LLO_E_REACHED : 0);
    else W->flags[i] &= (uint8_t)~LLO_F_WAITING; /* who gave up waiting is served as anyone else next time */
    W->event[i] = (uint8_t)ev;
}

/* Workers are decided in batches whose Philox blocks are computed first: the blocks are
 * independent of each other, so the core overlaps their multiplications instead of waiting on
 * one chain at a time. The draws are the same as one by one. */
#define DECIDE_BATCH 16

void llo_decide(llo_world *w)
{
    llo_workers *W = &w->w;
    const int month = w->month;
    const uint64_t seed = w->seed;
    const size_t n = W->capacity;
    int64_t accrued = 0, forfeited = 0;
#pragma omp parallel for schedule(static) reduction(+ : accrued, forfeited)
    for (size_t at = 0; at < n; at += DECIDE_BATCH) {
        size_t m = n - at < DECIDE_BATCH ? n - at : DECIDE_BATCH;
        philox4x64_ctr_t b[DECIDE_BATCH];
        for (size_t k = 0; k < m; k++) b[k] = llo_rng_block(seed, LLO_RNG_WORKER_MONTH, W->person[at + k], month, 0);
        for (size_t k = 0; k < m; k++)
            if (W->status[at + k] != LLO_SLOT_EMPTY) decide_worker(w, at + k, b[k], &accrued, &forfeited);
    }
    w->acc.individual_accrued += accrued;
    w->acc.individual_forfeited += forfeited;
}

/* A multiplier of 1 leaves a rate bit for bit as it was: no shock, no change in the outputs. */
static void monthly_rates(llo_world *w)
{
    const llo_params *p = &w->p;
    w->rate.leave = llo_monthly(p->leave_rate);
    for (int c = 0; c < LLO_N_CONTRACTS; c++) {
        double q = llo_monthly(p->job_loss_rate[c]) * w->shock.job_loss;
        w->rate.job_loss[c] = q > 1 ? 1 : q;
    }
    w->rate.conversion = llo_monthly(p->temporary_conversion);
    w->rate.job_finding = p->job_finding_rate * w->shock.job_finding;
    for (int s = 0; s < p->n_sectors; s++) {
        w->rate.obsolescence[s] = p->sector_obsolescence[s] * w->shock.obsolescence[s];
        w->rate.skill_kept[s] = 1.0 - w->rate.obsolescence[s] / 12.0;
    }
    w->rate.informal_learning = p->informal_learning_rate / 12.0;
    llo_horizon_rates(w);
}

/* The month's phases in their order, each a function of the world. The names are what
 * llosim-bench prints beside each phase's share of the time. */
typedef struct phase {
    const char *name;
    void (*run)(llo_world *w);
} phase;

static void rules_and_rates(llo_world *w)
{
    llo_timeline_month(w);
    /* Trust reads the competition rule before the providers adapt: a rule set this month must
     * already hold there. */
    llo_providers_read_rules(w);
    monthly_rates(w);
}

static void budgets_renew_in_january(llo_world *w)
{
    if (llo_calendar_month(w->month) == 0 && w->budgets_renewed != w->month) llo_budgets_renew(w);
}

static const phase phases[LLO_N_PHASES] = {
    {"timeline and rates", rules_and_rates},
    {"governance", llo_governance_month},
    {"trust", llo_trust_month},
    {"orchestrators", llo_orchestrators_month},
    {"labour outlook", llo_labour_outlook_update},
    {"employer returns", llo_employer_returns_update},
    {"budgets renew", budgets_renew_in_january},
    {"funding", llo_funding_month},
    {"own budgets accrue", llo_budgets_accrue_individual},
    {"providers adapt", llo_providers_adapt},
    {"providers compete", llo_providers_compete},
    {"choice tables", llo_choice_tables_update},
    {"decide (parallel)", llo_decide},
    {"demography", llo_demography_resolve},
    {"courses end", llo_courses_resolve},
    {"labour market", llo_labour_market_resolve},
    {"enrolment", llo_enrolment_resolve},
    {"employers adapt", llo_employers_adapt},
    {"entrants", llo_entrants_admit},
    {"guidance", llo_guidance_resolve},
    {"indicators", llo_indicators_compute},
    {"network", llo_network_compute},
};

static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

void llo_world_step(llo_world *w)
{
    /* Flows first: a stopped scheme's lapse belongs to this month's flows. */
    memset(&w->flows, 0, sizeof w->flows);
    memset(&w->contacts, 0, sizeof w->contacts);
    memset(w->start_fit_num, 0, sizeof w->start_fit_num);
    memset(w->start_fit_den, 0, sizeof w->start_fit_den);
    double t = w->phase_timing ? seconds_now() : 0;
    for (int k = 0; k < LLO_N_PHASES; k++) {
        phases[k].run(w);
        if (w->phase_timing) {
            double now = seconds_now();
            w->phase_seconds[k] += now - t;
            t = now;
        }
    }
    w->pending_trust_shock = 0; /* applies in its month only, consumed or not */
    w->month++;
}

void llo_world_plan_counts(const llo_world *w, int64_t *kept, int64_t *redone)
{
    *kept = w->plans_kept;
    *redone = w->plans_redone;
}

int llo_world_phase_times(llo_world *w, const char **names, double *seconds)
{
    w->phase_timing = 1;
    for (int k = 0; k < LLO_N_PHASES; k++) {
        if (names) names[k] = phases[k].name;
        if (seconds) seconds[k] = w->phase_seconds[k];
    }
    return LLO_N_PHASES;
}
