/* Employers that decide. An employee who wants a course asks the employer to pay; the employer
 * weighs the course's expected return against its net cost and the risk of losing the worker
 * before the return is earned, and pays in full, co-funds a share, or refuses (the worker then
 * pays the rest from the own budget and pocket, or gives up: enrolment.c). Its learning culture
 * shifts the answer and moves slowly with experience; the design of its jobs (the share of work
 * time one learns from) follows a trend and the culture.
 *
 * The support decision, for employee i of firm e, a course at provider j, price P, subsidy S:
 *   gain g  = min(skill_gain x fit(j, sector) x (1 - dropout_share), expected gap), where the
 *             expected gap is today's gap plus what obsolescence opens up by the middle of the
 *             horizon: skill above the job's needs is worth nothing to the employer;
 *   h       = monthly chance of losing the worker: job loss (by contract) + being poached as a
 *             trained worker (poaching.c, by region and size class);
 *   A       = sum over months t = d+1 .. d+T of (1-h)^t: expected months of return, d the mean
 *             course length, T = employers.return_months (at most the months to retirement);
 *             h with the contract's mean job loss;
 *   A_ten   = the same sum with the survival given the worker's tenure: job loss at the first
 *             year's hazard for the months of it left, the later hazard after (poaching.c);
 *             A is replaced by A x (A_ten / A)^employers.return_horizon_weight (Becker: a
 *             shorter expected stay, a lower return);
 *   R       = productivity_value x labour cost per month x g x A (EUR);
 *   C       = (P - S) x (1 - payback_share x Pr(poached within payback_months)) (EUR);
 *   odds of paying in full = culture/(1 - culture) x R/C; of at least co-funding, divided by
 *   cofund_share. So culture is the probability of paying in full for a course that just pays
 *   for itself, and one uniform orders the three answers (an ordered logit in log R/C).
 * A firm's budget must cover what it pays; if it cannot pay in full it may still co-fund. */
#include <math.h>

#include "sim/rng.h"
#include "sim/world.h"

/* Firms a (sector, size class) norm counts as already holding the configured mean: a cell of
 * few firms is mostly the configured mean, a cell of many mostly its own firms' mean. */
#define NORM_PRIOR_FIRMS 10.0

/* Monthly chance of losing a trained worker of contract c at a firm of size class z in region
 * r, and the poaching part of it. */
static double loss_hazard(const llo_world *w, int r, int z, int c, double *poach)
{
    *poach = c == LLO_CONTRACT_SELF_EMPLOYED ? 0 : w->outlook.poach[r][z][1];
    double h = w->rate.job_loss[c] + *poach;
    return h > 0.999 ? 0.999 : h;
}

/* Expected months of return over `months` months after a course of the mean length, at a
 * monthly loss chance h: the sum over t = d+1 .. d+months of (1-h)^t. */
static double annuity(const llo_params *p, double h, double months)
{
    double d = p->course_months_mean;
    return h > 1e-12 ? pow(1 - h, d + 1) * (1 - pow(1 - h, months)) / h : months;
}

/* The sum of (1-h)^t over n consecutive months t, the first of which has the value q0. */
static double geometric(double q0, double h, double n)
{
    if (n <= 0) return 0;
    return h > 1e-12 ? q0 * (1 - pow(1 - h, n)) / h : q0 * n;
}

/* Expected months of return as annuity() counts them, for an employee whose job loss is h1 for
 * the next `first` months (the rest of the first year with the employer) and h2 after: the
 * survival to month t is (1-h1)^min(t, first) x (1-h2)^max(0, t - first). */
static double annuity_tenure(const llo_params *p, double h1, double h2, double first, double months)
{
    double a = p->course_months_mean + 1; /* the first month of return */
    double n1 = first >= a ? floor(first - a) + 1 : 0; /* months of return still in the first year */
    if (n1 > months) n1 = months;
    double at_first = 1 - h1 < 1e-300 ? 0 : pow(1 - h1, first);
    double q2 = (a + n1 > first ? at_first * pow(1 - h2, a + n1 - first) : pow(1 - h1, a + n1));
    return geometric(pow(1 - h1, a), h1, n1) + geometric(q2, h2, months - n1);
}

/* Chance that the worker is poached within the pay-back clause's months. */
static double caught(const llo_params *p, double h, double poach)
{
    if (p->payback_months <= 0) return 0;
    double q = h > 1e-12 ? poach * (1 - pow(1 - h, p->payback_months)) / h : poach * p->payback_months;
    return q > 1 ? 1 : q;
}

/* Becker: the return is earned only while the worker stays. The annuity a counts the stay the
 * contract's mean job loss implies; an employee in the first year is likelier to go, one past it
 * less likely than that mean (poaching.c). return_horizon_weight is how far the employer's
 * expectation follows the stay given tenure: a factor (A_tenure / a)^weight, where `first`
 * months ahead are still at the first year's job loss. */
static double tenure_weighted(const llo_world *w, int r, int z, int c, int first, double a, double months)
{
    const llo_params *p = &w->p;
    double ratio = p->separation_tenure_ratio, weight = p->return_horizon_weight;
    if (ratio == 1 || weight == 0 || c == LLO_CONTRACT_SELF_EMPLOYED || a <= 0) return a;
    double poach = w->outlook.poach[r][z][1];
    double h1 = w->rate.separation[c][1] + poach, h2 = w->rate.separation[c][0] + poach;
    double at = annuity_tenure(p, h1 > 0.999 ? 0.999 : h1, h2 > 0.999 ? 0.999 : h2, (double)first, months);
    return weight == 1 ? at : a * pow(at / a, weight);
}

/* Annuities and pay-back chances over the full horizon, once a month after the outlook: a
 * decision computes its own only for a worker closer to retirement than the horizon. */
void llo_employer_returns_update(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_labour_outlook *o = &w->outlook;
    for (int r = 0; r < p->n_regions; r++)
        for (int z = 0; z < LLO_N_SIZES; z++)
            for (int c = 0; c < LLO_N_CONTRACTS; c++) {
                double poach, h = loss_hazard(w, r, z, c, &poach);
                o->annuity[r][z][c] = annuity(p, h, p->return_months);
                o->caught[r][z][c] = caught(p, h, poach);
                for (int first = 0; first < LLO_FIRST_YEAR_MONTHS; first++)
                    o->annuity_tenure[r][z][c][first] = tenure_weighted(w, r, z, c, first, o->annuity[r][z][c], p->return_months);
            }
}

/* Expected return R (EUR) to worker i's employer of a course at provider j. */
static double expected_return_eur(const llo_world *w, size_t i, uint16_t j)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    int s = W->sector[i], r = W->region[i], z = W->size_class[i], c = W->contract[i];
    double months = p->return_months;
    /* Months ahead still at the first year's hazard: tenure counts up before the job is decided
     * on each month (step.c), so next month's tenure is one more than today's. */
    int t = W->tenure_months[i];
    int first = t + 1 < LLO_FIRST_YEAR_MONTHS ? LLO_FIRST_YEAR_MONTHS - 1 - t : 0;
    double a = w->outlook.annuity_tenure[r][z][c][first]; /* the full horizon's, from the monthly tables */
    double to_retirement = (double)p->retirement_age * 12.0 - (double)W->age_months[i];
    if (to_retirement < months) {
        months = to_retirement;
        if (months <= 0) return 0;
        double poach;
        a = tenure_weighted(w, r, z, c, first, annuity(p, loss_hazard(w, r, z, c, &poach), months), months);
    }
    double skill = W->skill[i];
    double gap = 1.0 - skill + skill * p->sector_obsolescence[s] * (p->course_months_mean + months / 2) / 12.0;
    double gain = p->skill_gain * w->pr.fit[(size_t)j * (size_t)p->n_sectors + (size_t)s] * (1 - p->dropout_share);
    double g = gap <= 0 ? 0 : gain < gap ? gain : gap;
    return p->productivity_value * p->labour_cost_eur * g * a;
}

int llo_employer_support_decide(const llo_world *w, size_t i, uint16_t j, int64_t price, int64_t subsidy, int64_t *part,
                                llo_support_memo *memo, llo_scarce_reads *reads)
{
    const llo_params *p = &w->p;
    const llo_workers *W = &w->w;
    uint32_t e = W->employer[i];
    int64_t net = price - subsidy > 0 ? price - subsidy : 0;
    *part = 0;
    int kind;
    double c = w->e.learning_culture[e];
    if (net == 0 && p->training_time_share <= 0) {
        kind = LLO_SUPPORT_FULL; /* nothing left to pay */
    } else if (c >= 1) {
        kind = LLO_SUPPORT_FULL;
    } else {
        llo_support_memo here = {0};
        if (!memo) memo = &here;
        if (!memo->known) {
            memo->expected_return = expected_return_eur(w, i, j);
            memo->draw = llo_uniform(w->seed, LLO_RNG_EMPLOYER_SUPPORT, W->person[i], w->month, 0);
            memo->known = 1;
        }
        double r = memo->expected_return;
        double recovered = p->payback_share * w->outlook.caught[W->region[i]][W->size_class[i]][W->contract[i]];
        /* The pay-back clause recovers fees, not the work time the course took. */
        double time_cost = p->training_time_share * p->labour_cost_eur * p->course_months_mean;
        double cost = (double)net / 100.0 * (1 - recovered) + time_cost;
        double full, cofund;
        if (cost <= 0) {
            full = cofund = c > 0 ? 1 : 0;
        } else {
            double cq = c * r / cost;
            full = cq / (cq + (1 - c));
            cofund = p->cofund_share > 0 ? cq / (cq + (1 - c) * p->cofund_share) : 1;
        }
        double u = memo->draw;
        kind = u < full ? LLO_SUPPORT_FULL : u < cofund ? LLO_SUPPORT_COFUND : LLO_SUPPORT_REFUSE;
    }
    int64_t left = w->e.budget_cents[e] - w->e.spent_cents[e];
    uint64_t key = llo_scarce_key(LLO_SCARCE_EMPLOYER, 0, e);
    if (kind == LLO_SUPPORT_FULL && llo_scarce_at_least(reads, key, left, net)) {
        *part = net;
        return LLO_SUPPORT_FULL;
    }
    if (kind != LLO_SUPPORT_REFUSE) {
        int64_t share = llround(p->cofund_share * (double)net);
        if (share > 0 && llo_scarce_at_least(reads, key, left, share)) {
            *part = share;
            return LLO_SUPPORT_COFUND;
        }
    }
    return LLO_SUPPORT_REFUSE;
}

void llo_employer_course_completed(llo_world *w, size_t i, double gap_before, double gain)
{
    const llo_workers *W = &w->w;
    if (W->employer_paid_cents[i] <= 0 || W->employer[i] == LLO_NONE || gap_before <= 0 || gain <= 0) return;
    double closed = gain / gap_before;
    w->e.gaps_closed[W->employer[i]] += (float)(closed > 1 ? 1 : closed);
}

void llo_culture_norms_init(llo_world *w)
{
    const llo_params *p = &w->p;
    double sum[LLO_MAX_SECTORS][LLO_N_SIZES] = {{0}}, n[LLO_MAX_SECTORS][LLO_N_SIZES] = {{0}};
    for (size_t e = 0; e < w->e.count; e++) {
        sum[w->e.sector[e]][w->e.size_class[e]] += w->e.learning_culture[e];
        n[w->e.sector[e]][w->e.size_class[e]] += 1;
    }
    for (int s = 0; s < p->n_sectors; s++)
        for (int z = 0; z < LLO_N_SIZES; z++)
            w->culture_norm[s][z] =
                (float)((sum[s][z] + NORM_PRIOR_FIRMS * p->learning_culture_mean) / (n[s][z] + NORM_PRIOR_FIRMS));
}

/* Once a month, after the labour market and the courses have been resolved:
 *   culture += norm_rate/12 x (norm - culture)
 *            + adaptation x (gaps closed x (1 - culture) - trained workers lost x culture) / staff,
 * where staff counts the employees at the end of the month plus the trained ones lost;
 *   learning share += trend/12 (from month 0 on) + learning_share_culture x change of culture.
 * Each firm reads only its own state: the update is the same in any thread order. */
void llo_employers_adapt(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_employers *E = &w->e;
    const double norm_rate = p->culture_norm_rate / 12.0, adapt = p->culture_adaptation;
    const double trend = w->month >= 0 ? p->learning_share_trend / 12.0 : 0.0, follow = p->learning_share_culture;
    int64_t scans[LLO_MAX_REGIONS] = {0};
#pragma omp parallel for schedule(static) reduction(+ : scans[:LLO_MAX_REGIONS])
    for (size_t e = 0; e < E->count; e++) {
        double c = E->learning_culture[e];
        double dc = norm_rate * (w->culture_norm[E->sector[e]][E->size_class[e]] - c);
        double staff = (double)E->headcount[e] + (double)E->trained_lost[e];
        if (staff > 0) dc += adapt * ((double)E->gaps_closed[e] * (1 - c) - (double)E->trained_lost[e] * c) / staff;
        double c_new = c + dc < 0 ? 0 : c + dc > 1 ? 1 : c + dc;
        /* A company scan leads to a training plan: the firm's culture moves towards 1, and
         * drifts back to its peers' norm as the plan is forgotten. */
        double q = w->rate.scan[E->region[e]];
        if (q > 0 && E->size_class[e] <= LLO_SIZE_10_49 && llo_uniform(w->seed, LLO_RNG_SCAN, e, w->month, 0) < q) {
            c_new += p->scan_culture_gain * (1 - c_new);
            scans[E->region[e]]++;
        }
        float c1 = (float)c_new;
        double share = E->learning_share[e] + trend + follow * ((double)c1 - c);
        E->learning_culture[e] = c1;
        E->learning_share[e] = (float)(share < 0 ? 0 : share > 1 ? 1 : share);
        E->gaps_closed[e] = 0;
        E->trained_lost[e] = 0;
    }
    for (int r = 0; r < p->n_regions; r++) {
        double cost = (double)scans[r] * p->scan_cost_eur * 100;
        w->flows.f[LLO_FLOW_SCANS][r] += scans[r];
        w->flows.f[LLO_FLOW_SCAN_PUBLIC_EUR][r] += llround(cost * p->scan_public_share);
        w->flows.f[LLO_FLOW_SCAN_EMPLOYER_EUR][r] += llround(cost) - llround(cost * p->scan_public_share);
    }
}
