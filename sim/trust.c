/* Trust between organisations and actor groups, after Klos & Nooteboom: it grows a little with
 * each good experience and falls more after a bad one, drifts back toward its initial level,
 * and is built by convening (governance.c). Employers trust public and private providers
 * from their staff's courses; workers likewise, as a group per region; public and private
 * providers trust each other less under market competition; everyone trusts the orchestrators
 * more when guidance works and less when referrals lose them or nobody sees them. Trust gates
 * what flows: workers' choice of provider, and how much of employers' skill needs reaches
 * providers (information sharing). */
#include <math.h>

#include "sim/world.h"

static double toward(double t, double target, double rate) { return t + rate * (target - t); }

static double good(double t, double gain) { return t + gain * (1 - t); }

static double bad(double t, double loss) { return t - loss * t; }

static double clamp01(double x) { return x < 0 ? 0 : x > 1 ? 1 : x; }

void llo_trust_init(llo_world *w)
{
    const llo_params *p = &w->p;
    for (size_t e = 0; e < w->e.count; e++)
        w->e.trust_public[e] = w->e.trust_private[e] = (float)p->trust_initial_employer_provider;
    for (int r = 0; r < p->n_regions; r++) {
        llo_region_state *rs = &w->region[r];
        rs->trust_public_private = p->trust_initial_public_private;
        for (int g = 0; g < 3; g++) rs->trust_orchestrator[g] = p->trust_initial_orchestrator;
        rs->trust_worker_provider[0] = rs->trust_worker_provider[1] = p->trust_initial_employer_provider;
        rs->employer_trust[0] = rs->employer_trust[1] = p->trust_initial_employer_provider;
    }
}

void llo_trust_month(llo_world *w)
{
    const llo_params *p = &w->p;
    double back = 1 - exp(-p->trust_decay / 12);
    double base = p->trust_initial_employer_provider;
    /* Convening: this month's share of the year's meetings, effective as far as the agenda is
     * strong and reaches the members. */
    double meetings = p->convening_per_year / 12 * (1 + w->collaboration_boost);
#pragma omp parallel for schedule(static)
    for (size_t e = 0; e < w->e.count; e++) {
        double gain = 1 - pow(1 - p->convening_trust_gain, meetings * llo_agenda_reach(w, w->e.region[e]));
        w->e.trust_public[e] = (float)good(toward(w->e.trust_public[e], base, back), gain);
        w->e.trust_private[e] = (float)good(toward(w->e.trust_private[e], base, back), gain);
    }
    /* A trust shock (a timeline event) moves every trust between organisations at once. */
    double shock = w->pending_trust_shock;
    if (shock != 0) {
#pragma omp parallel for schedule(static)
        for (size_t e = 0; e < w->e.count; e++) {
            w->e.trust_public[e] = (float)clamp01(w->e.trust_public[e] + shock);
            w->e.trust_private[e] = (float)clamp01(w->e.trust_private[e] + shock);
        }
        for (int r = 0; r < p->n_regions; r++) {
            llo_region_state *rs = &w->region[r];
            rs->trust_public_private = clamp01(rs->trust_public_private + shock);
            for (int g = 0; g < 3; g++) rs->trust_orchestrator[g] = clamp01(rs->trust_orchestrator[g] + shock);
            for (int c = 0; c < 2; c++) rs->trust_worker_provider[c] = clamp01(rs->trust_worker_provider[c] + shock);
        }
    }
    for (int r = 0; r < p->n_regions; r++) {
        llo_region_state *rs = &w->region[r];
        double gain = 1 - pow(1 - p->convening_trust_gain, meetings * rs->agenda);
        llo_network_meetings(w, r, meetings);
        w->flows.f[LLO_FLOW_CONVENING_EUR][r] += llround(meetings * p->convening_cost_eur * p->scale * 100);
        double pp = toward(rs->trust_public_private, p->trust_initial_public_private, back);
        /* Competing providers keep their cards close; coordinating ones, or partners in one
         * joint offer, learn to trust each other at the same pace. */
        double pace = 1 - exp(-p->trust_competition_erosion / 12);
        pp = w->competition == LLO_COMPETE_MARKET ? bad(pp, pace) : good(pp, pace);
        rs->trust_public_private = good(pp, gain);
        for (int g = 0; g < 3; g++)
            rs->trust_orchestrator[g] = good(toward(rs->trust_orchestrator[g], p->trust_initial_orchestrator, back), gain);
        /* Workers' trust moves with last month's share of good and bad courses: a region-wide
         * mood, the same at any scale of the population. */
        for (int c = 0; c < 2; c++) {
            double t = toward(rs->trust_worker_provider[c], base, back);
            int64_t n = rs->course_good[c] + rs->course_bad[c];
            if (n > 0) t = bad(good(t, p->trust_gain * (double)rs->course_good[c] / (double)n),
                               p->trust_loss * (double)rs->course_bad[c] / (double)n);
            rs->trust_worker_provider[c] = t;
            rs->course_good[c] = rs->course_bad[c] = 0;
        }
    }
    /* Employers' mean trust per region, by head count, for information sharing. Serial: a
     * floating sum in a fixed order. */
    double sum[LLO_MAX_REGIONS][2] = {{0}}, weight[LLO_MAX_REGIONS] = {0};
    for (size_t e = 0; e < w->e.count; e++) {
        int r = w->e.region[e];
        sum[r][0] += w->e.trust_public[e] * (double)w->e.headcount[e];
        sum[r][1] += w->e.trust_private[e] * (double)w->e.headcount[e];
        weight[r] += w->e.headcount[e];
    }
    for (int r = 0; r < p->n_regions; r++)
        for (int c = 0; c < 2; c++) w->region[r].employer_trust[c] = weight[r] > 0 ? sum[r][c] / weight[r] : base;
}

void llo_trust_course_experience(llo_world *w, size_t i, int ok)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    int kind = w->pr.kind[W->provider[i]];
    int private = kind == LLO_PROV_PRIVATE || kind == LLO_PROV_ONLINE;
    llo_region_state *rs = &w->region[W->region[i]];
    if (ok) rs->course_good[private]++;
    else rs->course_bad[private]++;
    uint32_t e = W->employer[i];
    if (e == LLO_NONE) return;
    float *te = private ? &w->e.trust_private[e] : &w->e.trust_public[e];
    *te = (float)(ok ? good(*te, p->trust_gain) : bad(*te, p->trust_loss));
}

void llo_trust_guidance_experience(llo_world *w, int region, int64_t served, int64_t failed)
{
    const llo_params *p = &w->p;
    int64_t n = served + failed;
    if (n == 0) return;
    double *t = &w->region[region].trust_orchestrator[LLO_TRUSTER_WORKERS];
    /* The month's experiences as shares: a region-wide mood, not one person's. */
    *t = bad(good(*t, p->trust_gain * (double)served / (double)n), p->trust_loss * (double)failed / (double)n);
}

double llo_trust_in_provider(const llo_world *w, int region, int provider_kind)
{
    int private = provider_kind == LLO_PROV_PRIVATE || provider_kind == LLO_PROV_ONLINE;
    return w->region[region].trust_worker_provider[private];
}

double llo_trust_sharing_gate(const llo_world *w, int region, int provider_kind)
{
    /* Employers share their skill needs with providers as far as they trust them, relative to
     * the initial trust, and more when the agenda reaches them. Online providers have no
     * region: the mean over regions. */
    int private = provider_kind == LLO_PROV_PRIVATE || provider_kind == LLO_PROV_ONLINE;
    double trust = 0, reach = 0;
    if (region == LLO_ONLINE) {
        for (int r = 0; r < w->p.n_regions; r++) {
            trust += w->region[r].employer_trust[private] / w->p.n_regions;
            reach += llo_agenda_reach(w, r) / w->p.n_regions;
        }
    } else {
        trust = w->region[region].employer_trust[private];
        reach = llo_agenda_reach(w, region);
    }
    double base = w->p.trust_initial_employer_provider;
    return (base > 0 ? trust / base : 1) * (1 + reach);
}
