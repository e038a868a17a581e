/* Share lists (shares.h). */
#include "sim/shares.h"

double llo_share(const double *shares, int n, int k)
{
    double sum = 0;
    for (int j = 0; j < n; j++) sum += shares[j];
    return sum > 0 ? shares[k] / sum : 0;
}

int llo_draw_share(const double *shares, int n, double u)
{
    double sum = 0;
    for (int j = 0; j < n; j++) sum += shares[j];
    double x = u * sum, acc = 0;
    for (int j = 0; j < n; j++) {
        acc += shares[j];
        if (x < acc) return j;
    }
    return n - 1;
}
