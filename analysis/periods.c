/* The periods a comparison reports: every calendar year of the simulated months (burn-in is
 * never written), and the last five years together, where a policy's lasting effect shows. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/analysis_int.h"

int lla_periods(const lla_run *run, lla_period *out, int cap)
{
    int n = 0, months = run->shape.months;
    for (int m = 0; m < months && n < cap - 1; m++) {
        if (n == 0 || strncmp(run->dates[m], out[n - 1].label, 4) != 0) {
            lla_period *p = &out[n++];
            snprintf(p->label, sizeof p->label, "%.4s", run->dates[m]);
            p->first = m;
        }
        out[n - 1].last = m;
    }
    if (n < cap) {
        lla_period *p = &out[n++];
        snprintf(p->label, sizeof p->label, "last5");
        p->first = months > 60 ? months - 60 : 0;
        p->last = months - 1;
    }
    return n;
}

double lla_period_mean(const lla_run *run, size_t s, int r, const lla_period *p)
{
    double sum = 0;
    int n = 0;
    for (int m = p->first; m <= p->last; m++) {
        double v = lla_value(run, s, r, m);
        if (!isnan(v)) {
            sum += v;
            n++;
        }
    }
    return n ? sum / n : NAN;
}
