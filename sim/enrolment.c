/* Courses: a worker who wants to start claims a seat under the chosen offer (a provider, or a
 * region's joint offer; provider_competition.c places the claim, or refers it when the rule is
 * coordinated) and someone must pay the price, which the provider receives. Claims are served
 * in a random but deterministic priority order, so scarce seats and budgets never go to
 * "whichever thread came first". Who pays (fund(), below; the instruments in funding.c):
 *   the funding instruments a worker applies to pay their grants, each on what the ones before
 *     it leave;
 *   an employee's employer pays in full, co-funds a share or refuses, weighing return, cost
 *     and the risk of losing the worker within what its budget still covers, knowing the
 *     subsidies to its side (employer_decision.c);
 *   the worker pays the rest from the own budget, topped up out of pocket up to
 *     workers.out_of_pocket_max_eur, or the request is given up.
 * Courses last an exponential number of months (a public provider's module under modular funding
 * a share of that); a share ends in a dropout, without gain. */
#include <math.h>
#include <omp.h>
#include <gsl/gsl_randist.h>

#include "sim/rng.h"
#include "sim/world.h"

unsigned llo_course_month(llo_world *w, size_t i)
{
    llo_workers *W = &w->w;
    if (W->provider[i] == LLO_NO_PROVIDER) return 0;
    if (W->course_left[i] > 0) W->course_left[i]--;
    return W->course_left[i] == 0 ? LLO_E_COURSE_END : 0;
}

void llo_courses_resolve(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_workers *W = &w->w;
    size_t n = llo_collect_events(w, LLO_E_COURSE_END, 0);
    for (size_t k = 0; k < n; k++) {
        size_t i = llo_claim_worker(w->claims[k]);
        uint16_t j = W->provider[i];
        int r = W->region[i];
        w->pr.enrolled[j]--;
        double fit = w->pr.fit[(size_t)j * (size_t)p->n_sectors + W->sector[i]];
        int dropped = (W->flags[i] & LLO_F_WILL_DROP) != 0;
        llo_trust_course_experience(w, i, !dropped && fit >= p->trust_good_fit);
        if (dropped) {
            w->flows.f[LLO_FLOW_DROPOUTS][r]++;
        } else {
            double before = W->skill[i];
            double s = before + p->skill_gain * fit;
            W->skill[i] = (float)(s > 1.5 ? 1.5 : s);
            llo_employer_course_completed(w, i, 1.0 - before, (double)W->skill[i] - before);
            W->last_completion[i] = (int16_t)w->month;
            w->flows.f[LLO_FLOW_COMPLETIONS][r]++;
        }
        W->flags[i] &= (uint8_t)~LLO_F_WILL_DROP;
        W->provider[i] = LLO_NO_PROVIDER;
    }
}

/* Whether the worker will pay `price` cents from the own budget (if they know how to use it)
 * and pocket. The self-employed pay their own courses as a business cost (deductible), so they
 * go further out of pocket than an employee who expects the employer to pay. */
static int will_pay_own(const llo_world *w, size_t i, int64_t price)
{
    const llo_workers *W = &w->w;
    int64_t usable = llo_own_budget_usable(w, i);
    int self_employed = W->status[i] == LLO_EMPLOYED && W->contract[i] == LLO_CONTRACT_SELF_EMPLOYED;
    double most = self_employed ? w->p.self_employed_pocket_max_eur : w->p.out_of_pocket_max_eur;
    return price - (usable < price ? usable : price) <= llround(most * 100);
}

/* How many instruments a set of them (bit k for instrument k) holds. */
static int instruments_in(unsigned set)
{
    int n = 0;
    for (; set; set &= set - 1) n++;
    return n;
}

/* Finds payers for worker i's course at provider j for price cents; returns 0 if nobody will
 * pay enough, and then nothing is paid. Each payer pays on what the ones before it leave:
 *   the state, under modular funding, a public module's difference from the list price
 *     (it reaches the provider; the payers see the module price);
 *   the regional fund (steered by the agenda's priorities), the job-seeker fund and the public
 *     individual learning budget, for those who apply to them;
 *   for an employee, the employer, who decides on what is left knowing the subsidies to its
 *     side (sector fund, SME subsidy), which are paid only if it takes part; for others those
 *     subsidies, if open to them, pay the worker's side directly;
 *   the worker: own budget, then pocket.
 * The grants are committed only once the worker's share is paid (funding.c). */
/* The payers' answers for the instruments in `applied`, without paying anything: the grants,
 * the employer's answer and part, and what is left for the worker (returned). A pure function
 * of the state, so the same chain can be asked what it would have done without an instrument. */
typedef struct payers {
    int64_t grant[LLO_N_INSTRUMENTS];
    int64_t subsidy, part;
    int kind;
} payers;

static int64_t payer_chain(const llo_world *w, size_t i, uint16_t j, int64_t price, unsigned applied, payers *py,
                           llo_support_memo *memo, llo_scarce_reads *reads)
{
    const llo_workers *W = &w->w;
    for (int k = 0; k < LLO_N_POT_INSTRUMENTS; k++) py->grant[k] = 0;
    py->grant[LLO_INSTR_REGIONAL] = llo_funding_grant(w, i, LLO_INSTR_REGIONAL, applied, price, reads);
    price -= py->grant[LLO_INSTR_REGIONAL];
    py->grant[LLO_INSTR_JOBSEEKER] = llo_funding_grant(w, i, LLO_INSTR_JOBSEEKER, applied, price, reads);
    price -= py->grant[LLO_INSTR_JOBSEEKER];
    py->grant[LLO_INSTR_LEARNING] = llo_funding_grant(w, i, LLO_INSTR_LEARNING, applied, price, reads);
    price -= py->grant[LLO_INSTR_LEARNING];
    uint32_t e = W->employer[i];
    py->part = 0;
    py->kind = LLO_SUPPORT_REFUSE;
    py->subsidy = llo_employer_side_grants(w, i, applied, price, py->grant, reads);
    if (W->status[i] == LLO_EMPLOYED && e != LLO_NONE) {
        py->kind = llo_employer_support_decide(w, i, j, price, py->subsidy, &py->part, memo, reads);
        /* A subsidy is paid only to an employer that takes part. */
        if (py->kind == LLO_SUPPORT_REFUSE) py->grant[LLO_INSTR_SECTOR] = py->grant[LLO_INSTR_SME] = py->subsidy = py->part = 0;
    }
    return price - py->subsidy - py->part;
}

/* Deadweight, with common random numbers: a start an instrument paid for is deadweight when
 * the same person, with the same draws and the same pots, would have started without that
 * instrument: the payers after it would have covered its share, the employer would have
 * answered the same way, and the worker would have wanted the course without the public
 * support they counted on (UNAIDED_START, decided in the decide pass). Returns the
 * instruments (bit k) whose grant was deadweight. */
static unsigned deadweight_of(const llo_world *w, size_t i, uint16_t j, int64_t price, unsigned applied, const payers *paid,
                              llo_support_memo *memo, llo_scarce_reads *reads)
{
    unsigned dead = 0;
    for (int k = 0; k < LLO_N_POT_INSTRUMENTS; k++) {
        if (paid->grant[k] <= 0) continue;
        int worker_counted_on = k == LLO_INSTR_JOBSEEKER || k == LLO_INSTR_LEARNING;
        if (worker_counted_on && !(w->w.flags[i] & LLO_F_UNAIDED_START)) continue;
        payers without;
        if (!will_pay_own(w, i, payer_chain(w, i, j, price, applied & ~(1u << k), &without, memo, reads))) continue;
        if (paid->kind != LLO_SUPPORT_REFUSE && without.kind == LLO_SUPPORT_REFUSE) continue;
        dead |= 1u << k;
    }
    return dead;
}

/* Everything a course claim comes to, decided before anything is paid: who claims (what the
 * serial pass needs of the worker, so it never reads the worker's arrays), who pays what,
 * whether the worker pays the rest, which grants are deadweight, and the course's length. A
 * pure function of the state (and of the claim's own draws). */
typedef struct claim_plan {
    uint8_t stands;      /* the claim is made (the worker is in no course and chose an offer) */
    uint8_t planned;     /* a plan was made in the parallel pass (for provider j at price) */
    uint8_t started;     /* set by the serial pass: the course starts */
    uint8_t region, education, sector, employee, guided;
    uint8_t course_left, will_drop;
    uint16_t o, j;
    uint32_t e;
    int64_t price, module;
    int64_t charged;     /* the price the payers see: above `price` when a limited state budget cannot pay the module */
    unsigned open, applied, deadweight, in_target;
    uint8_t pot[LLO_N_INSTRUMENTS];
    payers py;
    int64_t rest, own, pocket;
    int pays;            /* the worker will pay the rest: the course starts */
    llo_scarce_reads reads;
} claim_plan;

size_t llo_claim_plan_bytes(void) { return sizeof(claim_plan); }

/* What the serial pass needs to know of claim i's worker. */
static void plan_who(const llo_world *w, size_t i, claim_plan *pl)
{
    const llo_workers *W = &w->w;
    pl->stands = W->provider[i] == LLO_NO_PROVIDER && W->intent_provider[i] != LLO_NO_PROVIDER;
    pl->planned = pl->started = 0;
    if (!pl->stands) return;
    pl->o = W->intent_provider[i];
    pl->region = W->region[i];
    pl->education = W->education[i];
    pl->sector = W->sector[i];
    pl->e = W->employer[i];
    pl->employee = W->status[i] == LLO_EMPLOYED && pl->e != LLO_NONE;
    /* Guided the month before: the flag guidance leaves for this month's claims. */
    pl->guided = (W->flags[i] & LLO_F_HELPED_TO_APPLY) != 0;
}

static void plan_claim(const llo_world *w, size_t i, uint16_t j, int64_t price, claim_plan *pl, gsl_rng *g,
                       llo_scarce_reads *reads)
{
    const llo_params *p = &w->p;
    pl->j = j;
    pl->price = price;
    pl->module = llo_public_module_share(w, j, &price, reads);
    pl->charged = price;
    pl->applied = llo_funding_applications(w, i, &pl->open);
    llo_support_memo memo = {0};
    pl->rest = payer_chain(w, i, j, price, pl->applied, &pl->py, &memo, reads);
    /* Deadweight is judged before the worker's own budget is drawn on. */
    pl->pays = will_pay_own(w, i, pl->rest);
    pl->deadweight = pl->pays ? deadweight_of(w, i, j, price, pl->applied, &pl->py, &memo, reads) : 0;
    if (!pl->pays) return;
    int64_t usable = llo_own_budget_usable(w, i);
    pl->own = usable < pl->rest ? usable : pl->rest;
    pl->pocket = pl->rest - pl->own;
    pl->in_target = 0;
    for (int k = 0; k < LLO_N_INSTRUMENTS; k++) {
        int pot, in_target;
        llo_funding_payee(w, i, k, &pot, &in_target);
        pl->pot[k] = (uint8_t)pot;
        pl->in_target |= (unsigned)in_target << k;
    }
    llo_rng_reset(g, w->seed, LLO_RNG_COURSE, w->w.person[i], w->month, 0);
    double months = ceil(gsl_ran_exponential(g, llo_course_months_mean(w, j)));
    pl->course_left = (uint8_t)(months < 1 ? 1 : months > 120 ? 120 : months);
    pl->will_drop = gsl_rng_uniform(g) < p->dropout_share;
    /* A dropout leaves somewhere in the course's first half. */
    if (pl->will_drop) pl->course_left = (uint8_t)(1 + (unsigned)(gsl_rng_uniform(g) * ((pl->course_left + 1) / 2)));
}

/* Whether every amount the plan read is still within the range its answers hold for. */
static int plan_holds(const llo_world *w, const claim_plan *pl)
{
    const llo_scarce_reads *r = &pl->reads;
    if (r->overflow) return 0;
    for (int m = 0; m < r->n; m++) {
        uint64_t key = r->r[m].key, index = key & ((1ULL << 48) - 1);
        int kind = (int)(key >> 56), k = (int)(key >> 48 & 0xff);
        int64_t now = kind == LLO_SCARCE_POT ? w->acc.pot_left[k][index] : w->e.budget_cents[index] - w->e.spent_cents[index];
        if (now < r->r[m].lo || now > r->r[m].hi) return 0;
    }
    return 1;
}

/* Pays for the plan's course from the shared pots and budgets and counts the claim; returns
 * whether the course starts. What changes for the worker alone is written later (starts_write). */
static int commit_claim(llo_world *w, const claim_plan *pl)
{
    int r = pl->region, node = llo_provider_node(w, pl->j);
    w->flows.f[LLO_FLOW_FUNDING_APPLICATIONS][r] += instruments_in(pl->applied);
    w->flows.f[LLO_FLOW_FUNDING_FORGONE][r] += instruments_in(pl->open & ~pl->applied);
    uint32_t e = pl->e;
    int kind = pl->py.kind;
    int64_t part = pl->py.part, subsidy = pl->py.subsidy;
    if (pl->employee && kind == LLO_SUPPORT_REFUSE) w->flows.f[LLO_FLOW_EMPLOYER_REFUSALS][r]++;
    if (!pl->pays) return 0;
    for (int k = 0; k < LLO_N_POT_INSTRUMENTS; k++) {
        if (pl->py.grant[k] <= 0) continue;
        w->flows.f[LLO_FLOW_SUBSIDISED_JOBSEEKER + k][r]++;
        if (!(pl->deadweight & (1u << k))) continue;
        w->flows.f[LLO_FLOW_DEADWEIGHT_JOBSEEKER + k][r]++;
        w->flows.f[LLO_FLOW_DEADWEIGHT_JOBSEEKER_EUR + k][r] += pl->py.grant[k];
    }
    w->acc.individual_spent += pl->own;
    w->acc.out_of_pocket += pl->pocket;
    w->flows.f[LLO_FLOW_INDIVIDUAL_SPENT][r] += pl->own;
    w->flows.f[LLO_FLOW_OUT_OF_POCKET][r] += pl->pocket;
    for (int k = 0; k < LLO_N_INSTRUMENTS; k++)
        llo_funding_pay_from(w, k, pl->pot[k], r, (pl->in_target >> k) & 1u,
                             k == LLO_INSTR_PUBLIC_PROVIDER ? pl->module : pl->py.grant[k]);
    if (pl->py.grant[LLO_INSTR_REGIONAL] > 0 || pl->py.grant[LLO_INSTR_JOBSEEKER] > 0)
        llo_contact(w, r, LLO_CH_PUBLIC_FUNDING, LLO_NODE_MUNICIPALITY, node);
    if (!pl->employee) return 1;
    w->e.spent_cents[e] += part;
    w->acc.employer_spent += part;
    w->flows.f[LLO_FLOW_EMPLOYER_SPENT][r] += part;
    if (part > 0 || subsidy > 0) llo_contact(w, r, LLO_CH_EMPLOYER_FUNDING, LLO_NODE_EMPLOYERS, node);
    w->flows.f[LLO_FLOW_EMPLOYEE_STARTS][r]++;
    if (kind != LLO_SUPPORT_REFUSE) w->flows.f[LLO_FLOW_EMPLOYER_FUNDED][r]++;
    if (kind == LLO_SUPPORT_FULL) w->flows.f[LLO_FLOW_EMPLOYER_SUPPORTED][r]++;
    if (kind == LLO_SUPPORT_COFUND) w->flows.f[LLO_FLOW_EMPLOYER_COFUNDED][r]++;
    return 1;
}

/* The start's shared part: the seat, the counts, the contacts. */
static void start(llo_world *w, const claim_plan *pl)
{
    const llo_params *p = &w->p;
    uint16_t j = pl->j;
    int r = pl->region;
    w->pr.enrolled[j]++;
    w->flows.f[LLO_FLOW_STARTS][r]++;
    w->start_fit_num[pl->guided][r] += llround(w->pr.fit[(size_t)j * (size_t)p->n_sectors + pl->sector] * LLO_GAP_SCALE);
    w->start_fit_den[pl->guided][r]++;
    llo_contact(w, r, LLO_CH_COURSES, LLO_NODE_WORKERS, llo_provider_node(w, j));
    /* A course under a region's joint offer is a programme its public and private members run together. */
    if (w->pr.offer[j] != j || w->pr.offer_seats[j] > w->pr.seats[j])
        llo_contact(w, r, LLO_CH_JOINT_PROGRAMMES, LLO_NODE_PUBLIC_PROVIDERS, LLO_NODE_PRIVATE_PROVIDERS);
}

/* The start's part for the worker alone: the course, the own budget drawn on, what the
 * employer paid. Each worker claims once a month, so no other claim reads these. */
static void starts_write(llo_world *w, size_t i, const claim_plan *pl)
{
    llo_workers *W = &w->w;
    W->own_budget_cents[i] -= (int32_t)pl->own;
    if (pl->employee) W->employer_paid_cents[i] = (int32_t)pl->py.part;
    W->course_left[i] = pl->course_left;
    if (pl->will_drop) W->flags[i] |= LLO_F_WILL_DROP;
    W->provider[i] = pl->j;
    W->last_start[i] = (int16_t)w->month;
    W->flags[i] |= LLO_F_EVER_TRAINED;
}

/* Claims are served in priority order, a window at a time. Within a window every claim is first
 * planned in parallel against the state at the window's start (the expensive part: the
 * applications' draws, the payers' chain, the employer's answer, deadweight, the course's
 * draws); then, in priority order, each claim is placed against the seats then left and its
 * plan committed if every scarce amount it read (a pot, the employer's budget) still gives the
 * same answers, or planned again now if not; last, in parallel, the started workers' own state
 * is written. Either way a claim is served exactly as the serial order would serve it, at any
 * thread count. */
void llo_enrolment_resolve(llo_world *w)
{
    claim_plan *plans = w->claim_plans;
    size_t n = llo_collect_claims(w, LLO_E_WANTS_COURSE, LLO_CLAIMS_PRIORITY);
    const size_t n_s = (size_t)w->p.n_sectors;
    /* On one thread a plan is made at its turn: planning ahead would only read every claim twice. */
    int ahead = omp_get_max_threads() > 1 && w->n_rng > 1;
    /* On one thread a window need only hide the plans' writes: small enough to stay in cache. */
    const size_t window = ahead ? LLO_PLAN_WINDOW : 64;
    for (size_t lo = 0; lo < n; lo += window) {
        size_t hi = n - lo < window ? n : lo + window;
#pragma omp parallel num_threads(w->n_rng) if (ahead)
        {
            gsl_rng *g = w->rng[omp_get_thread_num()];
#pragma omp for schedule(dynamic, 64)
            for (size_t k = lo; k < hi; k++) {
                llo_claim_prefetch(w, k, n, LLO_PREFETCH_COURSE);
                claim_plan *pl = &plans[k - lo];
                size_t i = llo_claim_worker(w->claims[k]);
                plan_who(w, i, pl);
                if (!pl->stands || !ahead) continue;
                int64_t price;
                int referred;
                uint16_t j = llo_offer_place(w, pl->region, pl->education, pl->sector, pl->o, &price, &referred);
                if (j == LLO_NO_PROVIDER) continue;
                pl->reads.n = pl->reads.overflow = 0;
                plan_claim(w, i, j, price, pl, g, &pl->reads);
                pl->planned = 1;
            }
        }
        for (size_t k = lo; k < hi; k++) {
            claim_plan *pl = &plans[k - lo];
            if (!pl->stands) continue;
            if (k + LLO_PREFETCH_AHEAD < hi && plans[k + LLO_PREFETCH_AHEAD - lo].employee)
                __builtin_prefetch(&w->e.spent_cents[plans[k + LLO_PREFETCH_AHEAD - lo].e]);
            int r = pl->region;
            /* Every claim is a demand signal to the offer claimed, served or not. */
            w->pr.applicants[(size_t)pl->o * n_s + pl->sector]++;
            int64_t price;
            int referred;
            uint16_t j = llo_offer_place(w, r, pl->education, pl->sector, pl->o, &price, &referred);
            if (referred) w->flows.f[LLO_FLOW_REFERRALS][r]++;
            if (j == LLO_NO_PROVIDER) {
                w->flows.f[LLO_FLOW_SEAT_SHORTAGES][r]++;
                continue;
            }
            if (pl->planned && pl->j == j && pl->price == price && plan_holds(w, pl)) {
                w->plans_kept++;
            } else {
                plan_claim(w, llo_claim_worker(w->claims[k]), j, price, pl, w->rng[0], NULL);
                w->plans_redone += ahead;
            }
            if (!commit_claim(w, pl)) {
                w->flows.f[LLO_FLOW_REFUSED][r]++;
                continue;
            }
            w->pr.revenue_cents[j] += pl->charged + pl->module;
            start(w, pl);
            pl->started = 1;
        }
#pragma omp parallel for schedule(static) num_threads(w->n_rng) if (ahead)
        for (size_t k = lo; k < hi; k++)
            if (plans[k - lo].started) starts_write(w, llo_claim_worker(w->claims[k]), &plans[k - lo]);
    }
}
