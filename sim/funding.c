/* Funding instruments side by side (docs/model.md section 7.25; the study's finding 2, a
 * fragmented maze of schemes in which people are "sent from pillar to post"). Beside the money
 * the agents hold themselves (employers' budgets, workers' own learning budgets:
 * employer_budget.c) there are instruments with pots of their own:
 *   job-seeker fund   per region, granted each January per registered job seeker;
 *   regional fund     per region, granted each January, the base budget raised by the agenda
 *                     (base x (1 + regional_fund_agenda_match x agenda)), paying by its priorities;
 *   SME subsidy       one pot for the province, granted each January; paid to the employer's
 *                     side, so the employer's decision sees it, and only if the employer takes part;
 *   sector funds      one pot per sector with a fund, filled every month by a levy on the wage
 *                     bill of the sector's employers; paid to the employer's side; unspent money
 *                     stays as a reserve;
 *   learning budget   a public individual learning budget (as the Dutch STAP budget): one pot for
 *                     the province, granted each January; paid to the worker's side whatever the
 *                     employer decides, and counted on in the worker's start decision;
 *   public provider   under modular funding the state pays a public provider the difference
 *                     between its list price and the module price (as needed, or from a yearly
 *                     budget; when that is spent, modules sell at list price).
 * Every instrument with a pot has windows (months open to applications), eligibility (status,
 * firm size class, education), a co-funding rate and a per-grant cap, an overhead, and an
 * allocation rule:
 *   fcfs      the year's budget is available from January; claims are served in their order
 *             (a random priority, claims.c) until it runs out;
 *   lottery   the year's budget is released in equal tranches over the open months (what is left
 *             unreleased / open months left, this one included), so each month's applicants,
 *             served in random order, draw on that month's tranche and what earlier ones left;
 *   targeted  only the instrument's target group may apply (otherwise as fcfs): the money is
 *             reserved for them rather than merely offered to them first.
 * A grant on what is left of the price R after the payers before it:
 *   g = min(cap, round(R x cofund x weight)), weight = the agenda's priority weight for the
 *       regional fund, 1 otherwise; the pot pays g + round(overhead x g), and g shrinks until
 *       that fits in what the pot holds.
 * Application friction: a worker open to n instruments this month (the pot instruments they
 * are eligible for, whose window is open and whose pot had money at the month's start, plus
 * their own learning budget when it holds money) in a region with d front doors applies to
 * each with probability
 *   q = 1 / (1 + friction x (n - 1 + d - 1)),
 * one draw per instrument (purpose FUNDING, slot = the instrument); a worker guided by an
 * orchestrator last month applies to every one. Every cent is accounted for per instrument:
 * granted = spent + overhead + lapsed + what the pots hold. */
#include <math.h>
#include <string.h>

#include "sim/rng.h"
#include "sim/world.h"

enum { SCOPE_REGION, SCOPE_PROVINCE, SCOPE_SECTOR };
enum { F_GRANTED, F_SPENT, F_OVERHEAD, F_LAPSED, F_TARGET, F_N };

/* Where an instrument's pots are, whether what is unspent lapses at the end of the year (sector
 * funds keep reserves), and its flows: from the list of instruments (config/params.h). */
static const struct instrument {
    int scope;
    int lapses;
    int flow[F_N]; /* -1: none */
} instruments[LLO_N_INSTRUMENTS] = {
#define INSTRUMENT(c, id, pot, who, scope, lapses, ...)                                                      \
    [LLO_INSTR_##id] = {SCOPE_##scope, lapses,                                                               \
                        {LLO_FLOW_##id##_GRANTED, LLO_FLOW_##id##_SPENT, LLO_FLOW_##id##_OVERHEAD,           \
                         LLO_FLOW_##id##_LAPSED, LLO_POT_OR_##pot(LLO_FLOW_##id##_TARGET, -1)}},
    LLO_INSTRUMENTS(INSTRUMENT, _)
#undef INSTRUMENT
};

static int n_pots(const llo_world *w, int k)
{
    int scope = instruments[k].scope;
    return scope == SCOPE_REGION ? w->p.n_regions : scope == SCOPE_SECTOR ? w->p.n_sectors : 1;
}

static int pot_of(const llo_world *w, int k, size_t i)
{
    int scope = instruments[k].scope;
    return scope == SCOPE_REGION ? w->w.region[i] : scope == SCOPE_SECTOR ? w->w.sector[i] : 0;
}

/* The flows' row for what a pot does by itself (January grants, lapses): its region, or none. */
static int pot_row(int k, int pot) { return instruments[k].scope == SCOPE_REGION ? pot : LLO_MAX_REGIONS; }

static double overhead_share(const llo_params *p, int k)
{
    return k == LLO_INSTR_PUBLIC_PROVIDER ? p->public_provider_overhead : p->fund[k].overhead;
}

static int64_t overhead_of(double share, int64_t grant) { return llround(share * (double)grant); }

static int held_back(const llo_world *w, int k) { return k < LLO_N_POT_INSTRUMENTS && w->funding.rule[k] == LLO_ALLOC_LOTTERY; }

/* Money paid into a pot: under the lottery rule it waits to be released in tranches. */
static void pay_in(llo_world *w, int k, int pot, int64_t amount, int row)
{
    llo_accounts *a = &w->acc;
    a->fund[k].granted += amount;
    a->pot_year[k][pot] += amount;
    if (held_back(w, k)) a->pot_held[k][pot] += amount;
    else a->pot_left[k][pot] += amount;
    w->flows.f[instruments[k].flow[F_GRANTED]][row] += amount;
}

static void lapse(llo_world *w, int k, int pot)
{
    llo_accounts *a = &w->acc;
    int64_t amount = a->pot_left[k][pot] + a->pot_held[k][pot];
    a->fund[k].lapsed += amount;
    a->pot_left[k][pot] = a->pot_held[k][pot] = 0;
    w->flows.f[instruments[k].flow[F_LAPSED]][pot_row(k, pot)] += amount;
}

/* The rules of the month, read from the parameters (resolved to enums by the loader). A
 * program that writes one out of range gets the first rule or group. */
static void read_rules(llo_world *w)
{
    for (int k = 0; k < LLO_N_POT_INSTRUMENTS; k++) {
        int rule = w->p.fund[k].rule, target = w->p.fund[k].target;
        w->funding.rule[k] = rule >= 0 && rule < LLO_N_ALLOC_RULES ? rule : LLO_ALLOC_FCFS;
        w->funding.target[k] = target >= 0 && target < LLO_N_TARGET_GROUPS ? target : LLO_GROUP_AGENDA;
    }
}

/* The regional fund's January grant: the base the province and municipalities commit, and
 * what the partners at the table add as far as they share the agenda (a region whose table
 * agrees on priorities puts money behind them), both in whole cents so a match of 0 grants
 * exactly the base. */
static int64_t regional_grant(const llo_world *w, int region, double year)
{
    int64_t base = llround(w->p.regional_fund_eur[region] * w->p.scale * 100 * year);
    return base + llround(w->p.regional_fund_agenda_match * w->region[region].agenda * (double)base);
}

void llo_funding_renew(llo_world *w, int months_left)
{
    const llo_params *p = &w->p;
    llo_accounts *a = &w->acc;
    read_rules(w);
    int64_t seekers[LLO_MAX_REGIONS] = {0};
    for (size_t i = 0; i < w->w.capacity; i++)
        if (w->w.status[i] == LLO_JOBSEEKER) seekers[w->w.region[i]]++;
    double year = months_left / 12.0;
    for (int k = 0; k < LLO_N_INSTRUMENTS; k++)
        for (int pot = 0; pot < n_pots(w, k); pot++) {
            if (instruments[k].lapses) lapse(w, k, pot);
            a->pot_year[k][pot] = 0;
            int64_t grant = 0;
            switch (k) {
            case LLO_INSTR_JOBSEEKER:
                grant = llround(p->jobseeker_budget_eur * 100 * (double)seekers[pot] * months_left / 12.0);
                break;
            case LLO_INSTR_REGIONAL: grant = regional_grant(w, pot, year); break;
            case LLO_INSTR_SME: grant = llround(p->sme_budget_eur * p->scale * 100 * year); break;
            case LLO_INSTR_LEARNING: grant = llround(p->learning_budget_eur * p->scale * 100 * year); break;
            case LLO_INSTR_PUBLIC_PROVIDER:
                if (p->public_provider_limited) grant = llround(p->public_provider_budget_eur * p->scale * 100 * year);
                break;
            default: break; /* sector funds are filled by their monthly levy */
            }
            pay_in(w, k, pot, grant, pot_row(k, pot));
            /* Under the lottery rule all a pot holds (a sector fund's reserve too) is spread over
             * the year's open months; otherwise all of it is available now. */
            if (held_back(w, k)) {
                a->pot_held[k][pot] += a->pot_left[k][pot];
                a->pot_left[k][pot] = 0;
            } else {
                a->pot_left[k][pot] += a->pot_held[k][pot];
                a->pot_held[k][pot] = 0;
            }
        }
}

/* Sector funds: this month's levy, round(levy_s x wage bill), per sector and region, where the
 * wage bill is the head count of the region's employers of sector s times labour cost. */
static void levy_sector_funds(llo_world *w)
{
    const llo_params *p = &w->p;
    int any = 0;
    for (int s = 0; s < p->n_sectors; s++) any |= p->sector_levy[s] > 0;
    if (!any) return;
    int64_t cost = llround(p->labour_cost_eur * 100);
    int64_t wage[LLO_MAX_SECTORS][LLO_MAX_REGIONS];
    memset(wage, 0, sizeof wage);
    for (size_t e = 0; e < w->e.count; e++) wage[w->e.sector[e]][w->e.region[e]] += (int64_t)w->e.headcount[e] * cost;
    for (int s = 0; s < p->n_sectors; s++)
        if (p->sector_levy[s] > 0)
            for (int r = 0; r < p->n_regions; r++) pay_in(w, LLO_INSTR_SECTOR, s, llround(p->sector_levy[s] * (double)wage[s][r]), r);
}

void llo_funding_month(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_accounts *a = &w->acc;
    int m = llo_calendar_month(w->month);
    read_rules(w);
    levy_sector_funds(w);
    for (int k = 0; k < LLO_N_POT_INSTRUMENTS; k++) {
        const int64_t *windows = p->fund[k].windows;
        w->funding.open[k] = windows[m] != 0;
        if (w->funding.rule[k] == LLO_ALLOC_LOTTERY && w->funding.open[k]) {
            int64_t open_left = 0;
            for (int c = m; c < 12; c++) open_left += windows[c] != 0;
            for (int pot = 0; pot < n_pots(w, k); pot++) {
                int64_t tranche = a->pot_held[k][pot] / open_left;
                a->pot_held[k][pot] -= tranche;
                a->pot_left[k][pot] += tranche;
            }
        } else if (w->funding.rule[k] != LLO_ALLOC_LOTTERY) {
            /* Only the lottery holds money back; a timeline event that ends it mid-year releases
             * what it held, as the other rules would have from January. */
            for (int pot = 0; pot < n_pots(w, k); pot++) {
                a->pot_left[k][pot] += a->pot_held[k][pot];
                a->pot_held[k][pot] = 0;
            }
        }
        for (int pot = 0; pot < n_pots(w, k); pot++) w->funding.funded[k][pot] = a->pot_left[k][pot] > 0;
    }
}

void llo_funding_stop(llo_world *w, int k)
{
    for (int pot = 0; pot < n_pots(w, k); pot++) {
        lapse(w, k, pot);
        w->acc.pot_year[k][pot] = 0;
    }
    /* Only the pot instruments have a funded flag (the state's modules are paid as needed). */
    if (k < LLO_N_POT_INSTRUMENTS) memset(w->funding.funded[k], 0, sizeof w->funding.funded[k]);
}

static int eligible_status(const llo_workers *W, size_t i)
{
    if (W->status[i] == LLO_JOBSEEKER) return LLO_ELIGIBLE_JOBSEEKER;
    return W->employer[i] != LLO_NONE ? LLO_ELIGIBLE_EMPLOYEE : LLO_ELIGIBLE_SELF_EMPLOYED;
}

static int in_group(const llo_world *w, int group, size_t i)
{
    const llo_workers *W = &w->w;
    switch (group) {
    case LLO_GROUP_AGENDA: return llo_agenda_priority_weight(w, i) >= 1.0;
    case LLO_GROUP_LOW_EDUCATED: return W->education[i] == LLO_EDU_LOW;
    case LLO_GROUP_SME_STAFF: /* as the agenda's SME-staff group (governance.c) */
        return eligible_status(W, i) == LLO_ELIGIBLE_EMPLOYEE && W->size_class[i] <= LLO_SIZE_10_49;
    case LLO_GROUP_JOBSEEKERS: return W->status[i] == LLO_JOBSEEKER;
    case LLO_GROUP_55_PLUS: return W->age_months[i] >= 55 * 12;
    default: return 0;
    }
}

/* Whether pot instrument k is open to worker i this month. */
static int open_to(const llo_world *w, int k, size_t i)
{
    const llo_workers *W = &w->w;
    const llo_instrument_params *f = &w->p.fund[k];
    if (!w->funding.open[k] || !w->funding.funded[k][pot_of(w, k, i)]) return 0;
    int s = eligible_status(W, i);
    if (!f->eligible_status[s] || !f->eligible_education[W->education[i]]) return 0;
    if (s == LLO_ELIGIBLE_EMPLOYEE && !f->eligible_size[W->size_class[i]]) return 0;
    if (w->funding.rule[k] == LLO_ALLOC_TARGETED && !in_group(w, w->funding.target[k], i)) return 0;
    /* The regional fund pays only for the agenda's priority groups. */
    return k != LLO_INSTR_REGIONAL || llo_agenda_priority_weight(w, i) > 0;
}

unsigned llo_funding_applications(const llo_world *w, size_t i, unsigned *open_out)
{
    const llo_workers *W = &w->w;
    unsigned open = 0;
    int n = llo_own_budget_usable(w, i) > 0;
    for (int k = 0; k < LLO_N_POT_INSTRUMENTS; k++)
        if (open_to(w, k, i)) {
            open |= 1u << k;
            n++;
        }
    if (open_out) *open_out = open;
    if (!open || (W->flags[i] & LLO_F_HELPED_TO_APPLY)) return open;
    double q = 1.0 / (1.0 + w->p.application_friction * (double)(n - 1 + w->region[W->region[i]].doors - 1));
    unsigned applied = 0;
    for (int k = 0; k < LLO_N_POT_INSTRUMENTS; k++)
        if ((open & (1u << k)) && llo_uniform(w->seed, LLO_RNG_FUNDING, W->person[i], w->month, (uint32_t)k) < q)
            applied |= 1u << k;
    return applied;
}

int64_t llo_funding_expected_grant(const llo_world *w, size_t i, int k, int64_t rest)
{
    if (rest <= 0 || !open_to(w, k, i)) return 0;
    const llo_instrument_params *f = &w->p.fund[k];
    int64_t g = llround((double)rest * f->cofund), cap = llround(f->cap_eur * 100);
    return g > cap ? cap : g;
}

int64_t llo_funding_grant(const llo_world *w, size_t i, int k, unsigned applied, int64_t rest, llo_scarce_reads *reads)
{
    if (!(applied & (1u << k)) || rest <= 0) return 0;
    const llo_instrument_params *f = &w->p.fund[k];
    double share = f->cofund * (k == LLO_INSTR_REGIONAL ? llo_agenda_priority_weight(w, i) : 1.0);
    int64_t g = llround((double)rest * share), cap = llround(f->cap_eur * 100);
    if (g > cap) g = cap;
    if (g > rest) g = rest;
    int pot = pot_of(w, k, i);
    int64_t left = w->acc.pot_left[k][pot];
    uint64_t key = llo_scarce_key(LLO_SCARCE_POT, k, (uint64_t)pot);
    if (!llo_scarce_at_least(reads, key, left, g + overhead_of(f->overhead, g))) {
        llo_scarce_range(reads, key, left, left); /* what is left is what it grants */
        g = (int64_t)((double)left / (1 + f->overhead));
        while (g > 0 && g + overhead_of(f->overhead, g) > left) g--;
    }
    return g > 0 ? g : 0;
}

int64_t llo_employer_side_grants(const llo_world *w, size_t i, unsigned applied, int64_t rest,
                                 int64_t grant[LLO_N_INSTRUMENTS], llo_scarce_reads *reads)
{
    /* The sector's own fund first, then the public subsidy on what it leaves. */
    static const int order[] = {LLO_INSTR_SECTOR, LLO_INSTR_SME};
    int64_t sum = 0;
    for (size_t n = 0; n < sizeof order / sizeof order[0]; n++) {
        int k = order[n];
        grant[k] = llo_funding_grant(w, i, k, applied, rest - sum, reads);
        sum += grant[k];
    }
    return sum;
}

int64_t llo_employer_subsidy_cents(const llo_world *w, size_t i, int64_t price)
{
    int64_t grant[LLO_N_INSTRUMENTS];
    return llo_employer_side_grants(w, i, llo_funding_applications(w, i, NULL), price, grant, NULL);
}

int64_t llo_public_module_share(const llo_world *w, uint16_t j, int64_t *price, llo_scarce_reads *reads)
{
    if (!llo_provider_is_public(w->pr.kind[j]) || w->public_funding != LLO_FUNDING_MODULAR) return 0;
    int64_t d = w->pr.list_price_cents[j] - w->pr.price_cents[j];
    if (d <= 0) return 0;
    if (w->p.public_provider_limited &&
        !llo_scarce_at_least(reads, llo_scarce_key(LLO_SCARCE_POT, LLO_INSTR_PUBLIC_PROVIDER, 0),
                             w->acc.pot_left[LLO_INSTR_PUBLIC_PROVIDER][0], d + overhead_of(w->p.public_provider_overhead, d))) {
        *price += d;
        return 0;
    }
    return d;
}

void llo_funding_payee(const llo_world *w, size_t i, int k, int *pot, int *in_target)
{
    *pot = pot_of(w, k, i);
    *in_target = k < LLO_N_POT_INSTRUMENTS && in_group(w, w->funding.target[k], i);
}

void llo_funding_pay_from(llo_world *w, int k, int pot, int r, int in_target, int64_t grant)
{
    if (grant <= 0) return;
    llo_accounts *a = &w->acc;
    int64_t overhead = overhead_of(overhead_share(&w->p, k), grant);
    /* Without a budget limit the state pays in what each module needs, when it needs it. */
    if (k == LLO_INSTR_PUBLIC_PROVIDER && !w->p.public_provider_limited) pay_in(w, k, pot, grant + overhead, r);
    a->pot_left[k][pot] -= grant + overhead;
    a->fund[k].spent += grant;
    a->fund[k].overhead += overhead;
    w->flows.f[instruments[k].flow[F_SPENT]][r] += grant;
    w->flows.f[instruments[k].flow[F_OVERHEAD]][r] += overhead;
    if (in_target) w->flows.f[instruments[k].flow[F_TARGET]][r] += grant;
}

int llo_funding_has_money(const llo_world *w, int k, int r)
{
    const llo_accounts *a = &w->acc;
    int from = 0, to = n_pots(w, k);
    if (instruments[k].scope == SCOPE_REGION) from = r, to = r + 1;
    for (int pot = from; pot < to; pot++)
        if (a->pot_year[k][pot] > 0 || a->pot_left[k][pot] + a->pot_held[k][pot] > 0) return 1;
    return 0;
}
