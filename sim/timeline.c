/* Timeline events, applied at the start of every month before anything else happens in it
 * (step.c), so a change or shock at month t acts on every decision of month t and none before:
 *   - set: the setting takes its new value in the world's own parameters (w->p) and keeps it;
 *     budgets granted once a year (employers', the job-seeker fund) follow at their next
 *     renewal in January;
 *   - stop: a scheme's budget setting becomes 0 (every element of a per-region or per-sector
 *     list); stopping a funding instrument (job-seeker fund, regional fund, SME subsidy, sector
 *     funds) also withdraws what its pots hold now (it lapses; a sector fund's reserve too);
 *     stopping individual budgets ends their accrual, and what workers already hold stays theirs;
 *   - technology and recession shocks: multipliers and shifts in force from their month for
 *     `months` months, recomputed from the timeline every month (w->shock); the parameters are
 *     never touched, so a shock ends cleanly, and with no shock the multipliers are exactly 1;
 *   - trust: the delta is handed to the trust mechanism as w->pending_trust_shock for this
 *     month only.
 * Events of one month apply in the order of the timeline (by month, then as given). Nothing
 * here draws a random number, so the draws stay common across scenarios. */
#include <limits.h>
#include <string.h>

#include "sim/world.h"

void llo_timeline_reset(llo_world *w)
{
    for (int s = 0; s < LLO_MAX_SECTORS; s++) w->shock.obsolescence[s] = 1.0;
    w->shock.job_loss = w->shock.job_finding = 1.0;
    w->shock.urgency = 0.0;
    w->shock.active = 0;
    w->collaboration_boost = 0.0;
    w->pending_trust_shock = 0.0;
}

static void apply_set(llo_params *p, const llo_event *e)
{
    memcpy((char *)p + e->offset, &e->value, e->bytes);
}

/* A stopped scheme's budget setting becomes 0, every region's or sector's. */
static void stop_budget(llo_params *p, const llo_event *e)
{
    double *budget = (double *)((char *)p + e->offset);
    for (size_t k = 0; k < e->bytes / sizeof(double); k++) budget[k] = 0.0;
}

static void stop_scheme(llo_world *w, const llo_event *e)
{
    stop_budget(&w->p, e);
    switch (e->target) {
    case LLO_SCHEME_JOBSEEKER_FUND: llo_funding_stop(w, LLO_INSTR_JOBSEEKER); break;
    case LLO_SCHEME_REGIONAL_FUND: llo_funding_stop(w, LLO_INSTR_REGIONAL); break;
    case LLO_SCHEME_SME_SUBSIDY: llo_funding_stop(w, LLO_INSTR_SME); break;
    case LLO_SCHEME_SECTOR_FUNDS: llo_funding_stop(w, LLO_INSTR_SECTOR); break;
    case LLO_SCHEME_LEARNING_BUDGET: llo_funding_stop(w, LLO_INSTR_LEARNING); break;
    default: break; /* individual budgets: what workers hold stays theirs */
    }
}

void llo_timeline_month(llo_world *w)
{
    const int t = w->month;
    const llo_params *p = &w->p;
    double trust = 0.0;
    for (int k = 0; k < p->n_events; k++) {
        const llo_event *e = &p->timeline[k];
        if (e->month != t) continue;
        switch (e->kind) {
        case LLO_EVENT_SET: apply_set(&w->p, e); break;
        case LLO_EVENT_STOP: stop_scheme(w, e); break;
        case LLO_EVENT_TRUST: trust += e->delta; break;
        default: break;
        }
    }
    llo_timeline_reset(w);
    w->pending_trust_shock = trust;
    for (int k = 0; k < p->n_events; k++) {
        const llo_event *e = &p->timeline[k];
        if (t < e->month || t >= e->month + e->months) continue; /* months is 0 for set, stop, trust */
        if (e->kind == LLO_EVENT_TECHNOLOGY) {
            for (int s = 0; s < p->n_sectors; s++)
                if (e->sectors & (1u << s)) w->shock.obsolescence[s] *= e->obsolescence_factor;
        } else if (e->kind == LLO_EVENT_RECESSION) {
            w->shock.job_loss *= e->job_loss_factor;
            w->shock.job_finding *= e->job_finding_factor;
            w->shock.urgency += e->urgency;
            w->collaboration_boost += e->collaboration;
        } else {
            continue;
        }
        w->shock.active++;
    }
}

void llo_timeline_apply_params(llo_params *p, int before)
{
    /* Month by month, as the months applied them, in case the timeline is not in month order. */
    int month = INT_MIN;
    for (;;) {
        int next = INT_MAX;
        for (int k = 0; k < p->n_events; k++)
            if (p->timeline[k].month > month && p->timeline[k].month < next) next = p->timeline[k].month;
        if (next >= before) return;
        for (int k = 0; k < p->n_events; k++) {
            const llo_event *e = &p->timeline[k];
            if (e->month != next) continue;
            if (e->kind == LLO_EVENT_SET) apply_set(p, e);
            else if (e->kind == LLO_EVENT_STOP) stop_budget(p, e);
        }
        month = next;
    }
}
