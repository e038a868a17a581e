/* Share lists, used across mechanisms: a scenario gives shares (of sectors, education levels,
 * contracts, firm sizes) that need not sum to 1; they are divided by their sum when used. */
#ifndef LLO_SHARES_H
#define LLO_SHARES_H

/* Normalised share k of a share list of length n (shares are divided by their sum). */
double llo_share(const double *shares, int n, int k);

/* Index drawn from a share list with a uniform u in [0,1). */
int llo_draw_share(const double *shares, int n, double u);

#endif
