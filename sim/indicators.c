/* The month's indicators as integer tallies. Each thread counts its share of the workers into
 * its own tally; integer sums do not depend on how the work was split or merged, so the
 * outputs are identical at any thread count. Skill gaps are summed in fixed point for the
 * same reason. */
#include <math.h>
#include <omp.h>
#include <string.h>

#include "sim/world.h"

/* The cell of an employed worker (see llo_thread_tally). */
static int employed_cell(int edu, int age, int contract, int size)
{
    return ((edu * LLO_N_AGE_BANDS + age) * LLO_N_CONTRACTS + contract) * (LLO_N_SIZES + 1) + size;
}

static void count_worker(const llo_world *w, size_t i, llo_thread_tally *t)
{
    const llo_workers *W = &w->w;
    int r = W->region[i];
    int recent = (W->last_start[i] != LLO_NEVER) & (w->month - W->last_start[i] < 24);
    int never = !(W->flags[i] & LLO_F_EVER_TRAINED);
    double g = 1.0 - W->skill[i];
    int64_t gap = g > 0 ? (int64_t)(g * LLO_GAP_SCALE + 0.5) : 0;
    if (W->provider[i] != LLO_NO_PROVIDER) {
        t->enrolled[r][0]++;
        t->enrolled[r][1] += W->employer[i] != LLO_NONE && W->employer_paid_cents[i] > 0;
    }
    int cell = LLO_EMPLOYED_CELLS;
    if (W->status[i] == LLO_EMPLOYED) {
        int size = W->employer[i] != LLO_NONE ? W->size_class[i] : LLO_N_SIZES; /* the self-employed have none */
        cell = employed_cell(W->education[i], llo_age_band(W->age_months[i]), W->contract[i], size);
    }
    int64_t *c = t->cell[r][cell];
    c[LLO_GT_PERSONS]++;
    c[LLO_GT_PART] += recent;
    c[LLO_GT_NEVER] += never;
    c[LLO_GT_GAP] += gap;
    if (W->employer[i] != LLO_NONE) {
        int64_t *b = t->tenure[llo_tenure_band(W->tenure_months[i])];
        b[LLO_GT_PERSONS]++;
        b[LLO_GT_PART] += recent;
        b[LLO_GT_NEVER] += never;
        b[LLO_GT_GAP] += gap;
    }
}

/* Adds a cell's counts to a group's. */
static void add_cell(int64_t *group, const int64_t *cell)
{
    for (int k = 0; k < LLO_GT_N; k++) group[k] += cell[k];
}

/* A region's counts from its cells, including the groups that lag behind (low-educated staff,
 * staff of the smallest firms), which sweeps and comparisons then see per region. */
static void add_region(int64_t *reg, const llo_thread_tally *t, int r)
{
    for (int e = 0; e < LLO_N_EDU; e++)
        for (int a = 0; a < LLO_N_AGE_BANDS; a++)
            for (int ct = 0; ct < LLO_N_CONTRACTS; ct++)
                for (int z = 0; z <= LLO_N_SIZES; z++) {
                    const int64_t *c = t->cell[r][employed_cell(e, a, ct, z)];
                    reg[LLO_T_EMPLOYED] += c[LLO_GT_PERSONS];
                    reg[LLO_T_PART_EMPLOYED] += c[LLO_GT_PART];
                    reg[LLO_T_NEVER_EMPLOYED] += c[LLO_GT_NEVER];
                    reg[LLO_T_GAP] += c[LLO_GT_GAP];
                    if (e == LLO_EDU_LOW) {
                        reg[LLO_T_LOW_EDUCATED] += c[LLO_GT_PERSONS];
                        reg[LLO_T_PART_LOW_EDUCATED] += c[LLO_GT_PART];
                    }
                    if (z == LLO_SIZE_1_9) {
                        reg[LLO_T_SMALL_FIRM] += c[LLO_GT_PERSONS];
                        reg[LLO_T_PART_SMALL_FIRM] += c[LLO_GT_PART];
                    }
                }
    const int64_t *u = t->cell[r][LLO_EMPLOYED_CELLS];
    reg[LLO_T_UNEMPLOYED] += u[LLO_GT_PERSONS];
    reg[LLO_T_PART_UNEMPLOYED] += u[LLO_GT_PART];
    reg[LLO_T_GAP] += u[LLO_GT_GAP];
    reg[LLO_T_ENROLLED] += t->enrolled[r][0];
    reg[LLO_T_EMPLOYER_FUNDED] += t->enrolled[r][1];
}

void llo_indicators_compute(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_month_stats *st = &w->stats;
    memset(&st->tally, 0, sizeof st->tally);
    for (int t = 0; t < w->n_rng; t++) {
        memset(w->tally[t].enrolled, 0, sizeof w->tally[t].enrolled);
        memset(w->tally[t].tenure, 0, sizeof w->tally[t].tenure);
        memset(w->tally[t].cell, 0, (size_t)p->n_regions * sizeof w->tally[t].cell[0]);
    }
#pragma omp parallel num_threads(w->n_rng)
    {
        llo_thread_tally *mine = &w->tally[omp_get_thread_num()];
#pragma omp for schedule(static)
        for (size_t i = 0; i < w->w.capacity; i++)
            if (w->w.status[i] != LLO_SLOT_EMPTY) count_worker(w, i, mine);
    }
    for (int t = 0; t < w->n_rng; t++)
        for (int b = 0; b < LLO_N_TENURE_BANDS; b++) add_cell(st->tally.group[LLO_G_TENURE + b], w->tally[t].tenure[b]);
    for (int t = 0; t < w->n_rng; t++)
        for (int r = 0; r < p->n_regions; r++) {
            const llo_thread_tally *tt = &w->tally[t];
            add_region(st->tally.region[r], tt, r);
            for (int e = 0; e < LLO_N_EDU; e++)
                for (int a = 0; a < LLO_N_AGE_BANDS; a++)
                    for (int c = 0; c < LLO_N_CONTRACTS; c++)
                        for (int z = 0; z <= LLO_N_SIZES; z++) {
                            const int64_t *cell = tt->cell[r][employed_cell(e, a, c, z)];
                            add_cell(st->tally.group[LLO_G_EDU + e], cell);
                            add_cell(st->tally.group[LLO_G_AGE + a], cell);
                            add_cell(st->tally.group[LLO_G_CONTRACT + c], cell);
                            if (z < LLO_N_SIZES) {
                                add_cell(st->tally.group[LLO_G_SIZE + z], cell);
                                add_cell(st->tally.group[LLO_G_EDU_SIZE + e * LLO_N_SIZES + z], cell);
                            }
                            add_cell(st->tally.group[LLO_G_STATUS + 0], cell);
                        }
            add_cell(st->tally.group[LLO_G_STATUS + 1], tt->cell[r][LLO_EMPLOYED_CELLS]);
        }
    for (int r = 0; r < p->n_regions; r++)
        st->tally.region[r][LLO_T_WORKERS] = st->tally.region[r][LLO_T_EMPLOYED] + st->tally.region[r][LLO_T_UNEMPLOYED];

    /* Employer training spend against labour cost, over the trailing twelve months: the fees
     * employers paid and the labour cost of the work time their funded courses took. */
    int slot = llo_calendar_month(w->month);
    int64_t cost = llround(p->labour_cost_eur * 100);
    int64_t time_cost = llround(p->training_time_share * p->labour_cost_eur * 100);
    for (int r = 0; r < p->n_regions; r++) {
        w->flows.f[LLO_FLOW_TIME_COST][r] = st->tally.region[r][LLO_T_EMPLOYER_FUNDED] * time_cost;
        w->spend_ring[slot][r] = w->flows.f[LLO_FLOW_EMPLOYER_SPENT][r] + w->flows.f[LLO_FLOW_TIME_COST][r];
        w->labour_cost_ring[slot][r] = 0;
    }
    for (size_t e = 0; e < w->e.count; e++) w->labour_cost_ring[slot][w->e.region[e]] += (int64_t)w->e.headcount[e] * cost;
    for (int r = 0; r < p->n_regions; r++) {
        st->spend_12m[r] = st->labour_cost_12m[r] = 0;
        for (int m = 0; m < 12; m++) {
            st->spend_12m[r] += w->spend_ring[m][r];
            st->labour_cost_12m[r] += w->labour_cost_ring[m][r];
        }
    }
    memset(&st->gauges, 0, sizeof st->gauges);
    for (size_t e = 0; e < w->e.count; e++)
        if (w->e.headcount[e]) {
            llo_gauge_add(&st->gauges, LLO_GAUGE_INFORMAL_LEARNING, w->e.region[e], w->e.learning_share[e], w->e.headcount[e]);
            llo_gauge_add(&st->gauges, LLO_GAUGE_LEARNING_CULTURE, w->e.region[e], w->e.learning_culture[e], w->e.headcount[e]);
            llo_gauge_add(&st->gauges, LLO_GAUGE_OBSOLESCENCE_MULTIPLIER, w->e.region[e],
                          w->shock.obsolescence[w->e.sector[e]], w->e.headcount[e]);
        }
    /* Recessions hit the whole province alike: each region shows the same value. */
    for (int r = 0; r < p->n_regions; r++) {
        llo_gauge_add(&st->gauges, LLO_GAUGE_JOB_LOSS_MULTIPLIER, r, w->shock.job_loss, 1);
        llo_gauge_add(&st->gauges, LLO_GAUGE_JOB_FINDING_MULTIPLIER, r, w->shock.job_finding, 1);
        llo_gauge_add(&st->gauges, LLO_GAUGE_START_URGENCY, r, w->shock.urgency, 1);
        llo_gauge_add(&st->gauges, LLO_GAUGE_COLLABORATION_BOOST, r, w->collaboration_boost, 1);
        st->gauges.num[LLO_GAUGE_TIGHTNESS][r] = w->outlook.vacancies[r] * (int64_t)LLO_GAP_SCALE;
        st->gauges.den[LLO_GAUGE_TIGHTNESS][r] = w->outlook.jobseekers[r];
    }
    double share_sum = 0;
    for (int s = 0; s < p->n_sectors; s++) share_sum += p->sector_share[s];
    for (size_t j = 0; j < w->pr.count; j++) {
        double fit = 0;
        for (int s = 0; s < p->n_sectors; s++) fit += p->sector_share[s] / share_sum * w->pr.fit[j * (size_t)p->n_sectors + s];
        int r = w->pr.region[j] == LLO_ONLINE ? LLO_MAX_REGIONS : w->pr.region[j];
        llo_gauge_add(&st->gauges, LLO_GAUGE_PROVIDER_FIT, r, fit, 1);
    }
    for (size_t e = 0; e < w->e.count; e++)
        if (w->e.headcount[e])
            llo_gauge_add(&st->gauges, LLO_GAUGE_TRUST_EMPLOYER_PROVIDER, w->e.region[e],
                          0.5 * (w->e.trust_public[e] + w->e.trust_private[e]), w->e.headcount[e]);
    for (int r = 0; r < p->n_regions; r++) {
        const llo_region_state *rs = &w->region[r];
        llo_gauge_add(&st->gauges, LLO_GAUGE_TRUST_PUBLIC_PRIVATE, r, rs->trust_public_private, 1);
        llo_gauge_add(&st->gauges, LLO_GAUGE_TRUST_IN_ORCHESTRATOR, r,
                      (rs->trust_orchestrator[0] + rs->trust_orchestrator[1] + rs->trust_orchestrator[2]) / 3, 1);
        llo_gauge_add(&st->gauges, LLO_GAUGE_AGENDA, r, rs->agenda, 1);
        st->gauges.num[LLO_GAUGE_GUIDED_START_FIT][r] = w->start_fit_num[1][r];
        st->gauges.den[LLO_GAUGE_GUIDED_START_FIT][r] = w->start_fit_den[1][r];
        st->gauges.num[LLO_GAUGE_UNGUIDED_START_FIT][r] = w->start_fit_num[0][r];
        st->gauges.den[LLO_GAUGE_UNGUIDED_START_FIT][r] = w->start_fit_den[0][r];
        /* Instruments with money this year that a person in the region may have to find their
         * way among: employer budgets, own budgets and the instruments with a pot (job-seeker
         * fund, regional fund, SME subsidy, sector funds). Public funding of providers is left
         * out: nobody applies to it, it lowers a price. */
        int instruments = (p->training_budget_share > 0) + (p->individual_budget_eur > 0);
        for (int k = 0; k < LLO_N_POT_INSTRUMENTS; k++) instruments += llo_funding_has_money(w, k, r);
        double doors_x_schemes = (double)rs->doors * (instruments > 0 ? instruments : 1);
        llo_gauge_add(&st->gauges, LLO_GAUGE_FRAGMENTATION, r, 1 - 1 / doors_x_schemes, 1);
    }
    memset(st->stocks, 0, sizeof st->stocks);
    for (size_t j = 0; j < w->pr.count; j++) {
        int r = w->pr.region[j] == LLO_ONLINE ? LLO_MAX_REGIONS : w->pr.region[j];
        int k = llo_provider_is_public(w->pr.kind[j]) ? LLO_STOCK_PUBLIC_ENROLLMENT : LLO_STOCK_PRIVATE_ENROLLMENT;
        st->stocks[k][r] += w->pr.enrolled[j];
    }
    /* What the instruments' pots hold: a region's own pots in its row, the province's and the
     * sectors' in the row of no region. */
#define LEFT_STOCK(c, id, ...) [LLO_INSTR_##id] = LLO_STOCK_##id##_LEFT,
    static const int left_stock[LLO_N_INSTRUMENTS] = {LLO_INSTRUMENTS(LEFT_STOCK, _)};
#undef LEFT_STOCK
    for (int k = 0; k < LLO_N_INSTRUMENTS; k++) {
        int per_region = k == LLO_INSTR_JOBSEEKER || k == LLO_INSTR_REGIONAL;
        int pots = per_region ? p->n_regions : k == LLO_INSTR_SECTOR ? p->n_sectors : 1;
        for (int pot = 0; pot < pots; pot++)
            st->stocks[left_stock[k]][per_region ? pot : LLO_MAX_REGIONS] += w->acc.pot_left[k][pot] + w->acc.pot_held[k][pot];
    }
    st->flows = w->flows;
    st->month = w->month;
}
