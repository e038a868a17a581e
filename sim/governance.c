/* Governance: who has a say at the regional table, the shared agenda it builds, and the money
 * the agenda steers. The agenda grows with inclusiveness (the agency held by employers,
 * workers and education, the three key actors the study finds in the periphery) and decays
 * with staff turnover (vision that must be re-shared again and again). Its priorities over
 * target groups are the agency-weighted needs of those at the table, and the regional fund
 * (funding.c) grants by those priorities. Convening builds trust, more so under a strong agenda; a
 * dissemination rate says how much of the agenda reaches member organisations. */
#include <math.h>

#include "sim/world.h"

/* What each actor type at the table wants the agenda to serve: low-educated workers, staff of
 * small firms, job seekers. Municipalities answer for job seekers (they pay their benefits),
 * employers' organisations for SMEs, unions for the low-educated; education and
 * intermediaries are in between. */
static const double need_profile[LLO_N_ACTORS][LLO_N_TARGETS] = {
    [LLO_ACTOR_MUNICIPALITY] = {0.3, 0.1, 0.6},
    [LLO_ACTOR_INTERMEDIARIES] = {0.3, 0.3, 0.4},
    [LLO_ACTOR_EMPLOYERS] = {0.2, 0.6, 0.2},
    [LLO_ACTOR_WORKERS] = {0.6, 0.2, 0.2},
    [LLO_ACTOR_EDUCATION] = {0.4, 0.3, 0.3},
};

static void table_weights(llo_world *w, int r)
{
    const llo_params *p = &w->p;
    llo_region_state *rs = &w->region[r];
    double total = 0;
    for (int a = 0; a < LLO_N_ACTORS; a++) total += p->agency[a];
    rs->inclusiveness = total > 0 ? (p->agency[LLO_ACTOR_EMPLOYERS] + p->agency[LLO_ACTOR_WORKERS] +
                                     p->agency[LLO_ACTOR_EDUCATION]) / total
                                  : 0;
    double sum = 0;
    for (int t = 0; t < LLO_N_TARGETS; t++) {
        rs->priority[t] = 0;
        for (int a = 0; a < LLO_N_ACTORS; a++) rs->priority[t] += (total > 0 ? p->agency[a] / total : 0) * need_profile[a][t];
        sum += rs->priority[t];
    }
    for (int t = 0; t < LLO_N_TARGETS; t++) rs->priority[t] = sum > 0 ? rs->priority[t] / sum : 1.0 / LLO_N_TARGETS;
}

void llo_governance_init(llo_world *w)
{
    for (int r = 0; r < w->p.n_regions; r++) {
        w->region[r].agenda = w->p.agenda_initial;
        table_weights(w, r);
    }
}

void llo_governance_month(llo_world *w)
{
    const llo_params *p = &w->p;
    double turnover = p->temporary_staff_share * p->temporary_turnover;
    double boost = 1 + w->collaboration_boost;
    for (int r = 0; r < p->n_regions; r++) {
        llo_region_state *rs = &w->region[r];
        table_weights(w, r); /* agency may change between months (a timeline event) */
        double a = rs->agenda;
        a += p->agenda_growth / 12 * rs->inclusiveness * boost * (1 - a) - p->agenda_decay / 12 * turnover * a;
        rs->agenda = a < 0 ? 0 : a > 1 ? 1 : a;
        /* The agenda's outreach, by the combinations of groups a person can belong to; the
         * weights are those of llo_agenda_priority_weight. */
        double top = 0;
        for (int t = 0; t < LLO_N_TARGETS; t++) top = rs->priority[t] > top ? rs->priority[t] : top;
        for (int low = 0; low < 2; low++)
            for (int kind = 0; kind < 3; kind++) {
                double weight = (low ? rs->priority[LLO_TARGET_LOW_EDUCATED] : 0) + (kind == 1 ? rs->priority[LLO_TARGET_JOBSEEKERS] : 0) +
                                (kind == 2 ? rs->priority[LLO_TARGET_SME_STAFF] : 0);
                weight = top > 0 ? weight / top : 0;
                w->rate.outreach[r][low][kind] = p->outreach_rate * rs->agenda * (weight > 1 ? 1 : weight);
            }
        /* Company scans for SMEs, as far as the agenda puts their staff first. */
        double sme = top > 0 ? rs->priority[LLO_TARGET_SME_STAFF] / top : 0;
        w->rate.scan[r] = 1 - exp(-p->scan_rate * rs->agenda * sme / 12);
    }
}

double llo_agenda_reach(const llo_world *w, int region) { return w->p.dissemination * w->region[region].agenda; }

/* The target groups worker i belongs to, weighted by the agenda's priorities, relative to the
 * top priority: 1 for a worker in the most prioritised group. The regional fund grants by it
 * (funding.c). */
double llo_agenda_priority_weight(const llo_world *w, size_t i)
{
    const llo_workers *W = &w->w;
    const llo_region_state *rs = &w->region[W->region[i]];
    double top = 0, weight = 0;
    for (int t = 0; t < LLO_N_TARGETS; t++) top = rs->priority[t] > top ? rs->priority[t] : top;
    if (W->education[i] == LLO_EDU_LOW) weight += rs->priority[LLO_TARGET_LOW_EDUCATED];
    if (W->status[i] == LLO_JOBSEEKER) weight += rs->priority[LLO_TARGET_JOBSEEKERS];
    else if (W->employer[i] != LLO_NONE && W->size_class[i] <= LLO_SIZE_10_49) weight += rs->priority[LLO_TARGET_SME_STAFF];
    weight = top > 0 ? weight / top : 0;
    return weight > 1 ? 1 : weight;
}
