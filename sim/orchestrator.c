/* The orchestrators: each region's central municipality or regional work company. Here it
 * holds the job-seeker training fund (see employer_budget.c) and guides job seekers: its staff
 * can hold so many guidance sessions a month, and the job seekers it reaches, in a random but
 * deterministic order, are more likely to start a course the month after. */
#include <math.h>

#include "world.h"

void llo_orchestrators_init(llo_world *w)
{
    const llo_params *p = &w->p;
    for (size_t o = 0; o < w->orch.count; o++) {
        w->orch.region[o] = (uint8_t)o;
        w->orch.staff_fte[o] = (float)(p->orchestrator_staff_fte[o] * p->scale);
        w->orch.guided[o] = 0;
    }
}

void llo_guidance_resolve(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_workers *W = &w->w;
    for (size_t o = 0; o < w->orch.count; o++) {
        w->orch.capacity[o] = llround(w->orch.staff_fte[o] * p->guidance_per_fte);
        w->orch.guided[o] = 0;
    }
    size_t n = 0;
    for (size_t i = 0; i < W->capacity; i++)
        if (W->status[i] == LLO_JOBSEEKER && W->provider[i] == LLO_NO_PROVIDER)
            w->claims[n++] = (llo_claim){llo_claim_priority(w, i, LLO_F_GUIDED << 8), (uint32_t)i, 0};
    llo_sort_claims(w, n);
    for (size_t k = 0; k < n; k++) {
        size_t i = w->claims[k].worker;
        size_t o = W->region[i]; /* one orchestrator per region, in region order */
        if (w->orch.guided[o] >= w->orch.capacity[o]) continue;
        w->orch.guided[o]++;
        W->flags[i] |= LLO_F_GUIDED;
        w->flows.f[LLO_FLOW_GUIDED][W->region[i]]++;
    }
}
