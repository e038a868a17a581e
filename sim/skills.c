/* Skills relative to what the job needs (1 = adequate). Each month a share of a worker's
 * skill goes out of date at the sector's obsolescence rate (raised while a technology shock
 * hits the sector; see timeline.c); learning on the job closes part
 * of the remaining gap in proportion to the share of work time one learns from (job design).
 * Job seekers learn nothing on the job. Courses add skill on completion (enrolment.c). */
#include "sim/world.h"

void llo_skill_month(llo_world *w, size_t i)
{
    const llo_params *p = &w->p;
    llo_workers *W = &w->w;
    double s = W->skill[i] * w->rate.skill_kept[W->sector[i]];
    if (W->status[i] == LLO_EMPLOYED) {
        double share = W->employer[i] != LLO_NONE ? w->e.learning_share[W->employer[i]] : p->learning_share_mean;
        double gap = 1.0 - s;
        if (gap > 0) s += w->rate.informal_learning * share * gap;
    }
    W->skill[i] = (float)(s < 0 ? 0 : s > 1.5 ? 1.5 : s);
}
