/* Estimates over replicates: the mean, the standard deviation and Student's t-interval. The
 * sums run in replicate order, so the numbers are the same on every machine and thread count. */
#include <gsl/gsl_cdf.h>
#include <math.h>

#include "analysis/analysis_int.h"

lla_estimate lla_estimate_of(const double *x, int n)
{
    lla_estimate e = {NAN, NAN, NAN, NAN, 0};
    double sum = 0;
    for (int k = 0; k < n; k++)
        if (!isnan(x[k])) {
            sum += x[k];
            e.n++;
        }
    if (e.n == 0) return e;
    e.mean = sum / e.n;
    if (e.n < 2) return e;
    double ss = 0;
    for (int k = 0; k < n; k++)
        if (!isnan(x[k])) ss += (x[k] - e.mean) * (x[k] - e.mean);
    e.sd = sqrt(ss / (e.n - 1));
    /* Identical replicates (a scenario against itself) give exactly zero width. */
    double half = e.sd == 0 ? 0 : gsl_cdf_tdist_Pinv(0.975, e.n - 1) * e.sd / sqrt((double)e.n);
    e.ci_low = e.mean - half;
    e.ci_high = e.mean + half;
    return e;
}
