/* A worker's start decision: the hazard's terms act in the documented direction and by the
 * documented amount, and the cheap early answer of llo_wants_to_start never differs from the
 * full probability. */
#include <math.h>

#include "sim/llosim.h"
#include "fixture.h"
#include "testutil.h"
#include "sim/world.h"

static llo_world *world_after(llo_scenario **sp, int months, const char *const *sets, int n)
{
    llo_scenario *s = fixture_load(0.005, 48, sets, n);
    char err[512];
    llo_world *w = llo_world_alloc(&s->params, 1, err, sizeof err);
    cr_assert_not_null(w, "%s", err);
    while (llo_world_month(w) < months) llo_world_step(w);
    *sp = s;
    return w;
}

static double logit(double p) { return log(p / (1 - p)); }

/* Every slot holding a worker, with a non-zero chance to start. */
#define FOR_LEARNERS(w, i) \
    for (size_t i = 0; i < (w)->w.capacity; i++) \
        if ((w)->w.status[i] != LLO_SLOT_EMPTY && llo_start_probability((w), i) > 0)

Test(workers, early_answer_equals_full_probability, .timeout = 300)
{
    llo_scenario *s;
    llo_world *w = world_after(&s, 3, NULL, 0);
    size_t checked = 0;
    for (size_t i = 0; i < w->w.capacity; i++) {
        if (w->w.status[i] == LLO_SLOT_EMPTY) continue;
        double p = llo_start_probability(w, i);
        /* Draws on both sides of the probability, and right at it. */
        const double us[] = {0, p * 0.5, nextafter(p, 0), p, nextafter(p, 1), p + 1e-7, p + 2e-6, 0.5, 0.999999};
        for (size_t k = 0; k < sizeof us / sizeof us[0]; k++)
            cr_assert_eq(llo_wants_to_start(w, i, us[k]), us[k] < p, "worker %zu, u=%.17g, p=%.17g", i, us[k], p);
        checked++;
    }
    cr_assert_gt(checked, 1000);
    llo_world_free(w);
    free(s);
}

/* Raising training.start_time by d lowers each worker's log-odds by d times the months they
 * would study in their own time: job seekers at training.time_jobseeker_factor, the
 * self-employed in full, employees by the chance their employer would give work time. */
Test(workers, time_lowers_the_hazard_by_the_months_in_own_time, .timeout = 300)
{
    const char *sets[] = {"training.start_time=0.0", "training.time_jobseeker_factor=0.3"};
    llo_scenario *s;
    llo_world *w = world_after(&s, 3, sets, 2);
    int self = 0, seekers = 0, supported_less = 0;
    FOR_LEARNERS(w, i)
    {
        const llo_workers *W = &w->w;
        double p0 = llo_start_probability(w, i);
        w->p.start_time = 0.2;
        double p1 = llo_start_probability(w, i);
        w->p.start_time = 0.0;
        if (p0 >= 1 || p1 <= 0) continue;
        size_t c = ((size_t)W->region[i] * LLO_N_EDU + W->education[i]) * (size_t)w->p.n_sectors + W->sector[i];
        double months = w->choice.expected_months[c], drop = logit(p0) - logit(p1);
        cr_assert_gt(months, 0);
        /* expf works in single precision: compare log-odds to 1e-4. */
        if (W->status[i] == LLO_JOBSEEKER) {
            cr_assert_float_eq(drop, 0.2 * 0.3 * months, 1e-4, "job seeker %zu", i);
            seekers++;
        } else if (W->employer[i] == LLO_NONE) {
            cr_assert_float_eq(drop, 0.2 * months, 1e-4, "self-employed %zu", i);
            self++;
        } else {
            cr_assert(drop > -1e-4 && drop < 0.2 * months + 1e-4, "employee %zu: drop %g", i, drop);
            if (drop < 0.2 * months - 1e-3) supported_less++;
        }
    }
    cr_assert_gt(seekers, 10);
    cr_assert_gt(self, 10);
    cr_assert_gt(supported_less, 100, "employer support should spare employees' own time");
    llo_world_free(w);
    free(s);
}

/* Modular public funding shortens public courses, so the months a course is expected to take
 * fall, and with them the time burden. */
Test(workers, modular_funding_shortens_expected_courses, .timeout = 300)
{
    const char *diploma[] = {"providers.public_funding=\"diploma\""};
    const char *modular[] = {"providers.public_funding=\"modular\""};
    llo_scenario *sd, *sm;
    llo_world *wd = world_after(&sd, 2, diploma, 1), *wm = world_after(&sm, 2, modular, 1);
    size_t cells = (size_t)wd->p.n_regions * LLO_N_EDU * (size_t)wd->p.n_sectors;
    int shorter = 0;
    for (size_t c = 0; c < cells; c++) {
        if (isinf(wd->choice.logsum[c])) continue;
        cr_assert_float_eq(wd->choice.expected_months[c], wd->p.course_months_mean, 1e-4, "diploma: whole courses");
        cr_assert_leq(wm->choice.expected_months[c], wd->choice.expected_months[c] + 1e-6);
        shorter += wm->choice.expected_months[c] < wd->choice.expected_months[c] - 0.1;
    }
    cr_assert_gt(shorter, 0);
    llo_world_free(wd);
    llo_world_free(wm);
    free(sd);
    free(sm);
}

/* Over a run with common random numbers: time weighs on starts, and most on those who bear
 * it all (the self-employed) relative to employees. */
Test(workers, time_cost_lowers_starts_most_for_the_self_employed, .timeout = 300)
{
    const char *none[] = {"training.start_time=0.0"};
    const char *heavy[] = {"training.start_time=0.3"};
    double part[2][LLO_N_CONTRACTS];
    int64_t starts[2];
    for (int k = 0; k < 2; k++) {
        llo_scenario *s;
        llo_world *w = world_after(&s, 0, k ? heavy : none, 1);
        double sum[LLO_N_CONTRACTS] = {0};
        int months = 0;
        starts[k] = 0;
        while (llo_world_month(w) < 36) {
            llo_world_step(w);
            const llo_month_stats *st = llo_world_stats(w);
            for (int r = 0; r < w->p.n_regions; r++) starts[k] += st->flows.f[LLO_FLOW_STARTS][r];
            if (st->month < 24) continue;
            for (int c = 0; c < LLO_N_CONTRACTS; c++) {
                const int64_t *g = st->tally.group[LLO_G_CONTRACT + c];
                sum[c] += (double)g[LLO_GT_PART] / (double)g[LLO_GT_PERSONS];
            }
            months++;
        }
        for (int c = 0; c < LLO_N_CONTRACTS; c++) part[k][c] = sum[c] / months;
        llo_world_free(w);
        free(s);
    }
    cr_assert_lt(starts[1], starts[0]);
    double fall_permanent = part[1][LLO_CONTRACT_PERMANENT] / part[0][LLO_CONTRACT_PERMANENT];
    double fall_self = part[1][LLO_CONTRACT_SELF_EMPLOYED] / part[0][LLO_CONTRACT_SELF_EMPLOYED];
    cr_assert_lt(fall_self, fall_permanent, "self-employed keep %.3f of their participation, permanent staff %.3f", fall_self,
                 fall_permanent);
}

/* The per-region tallies of the groups that lag behind add up to the province's group tallies
 * of groups.csv, month by month. */
Test(workers, lagging_groups_per_region_add_up, .timeout = 300)
{
    llo_scenario *s;
    llo_world *w = world_after(&s, 0, NULL, 0);
    int months = 0;
    while (llo_world_month(w) < 24) {
        llo_world_step(w);
        const llo_month_stats *st = llo_world_stats(w);
        int64_t low = 0, low_part = 0, small = 0, small_part = 0;
        for (int r = 0; r < w->p.n_regions; r++) {
            low += st->tally.region[r][LLO_T_LOW_EDUCATED];
            low_part += st->tally.region[r][LLO_T_PART_LOW_EDUCATED];
            small += st->tally.region[r][LLO_T_SMALL_FIRM];
            small_part += st->tally.region[r][LLO_T_PART_SMALL_FIRM];
        }
        const int64_t *gl = st->tally.group[LLO_G_EDU + LLO_EDU_LOW], *gs = st->tally.group[LLO_G_SIZE + LLO_SIZE_1_9];
        cr_assert_eq(low, gl[LLO_GT_PERSONS]);
        cr_assert_eq(low_part, gl[LLO_GT_PART]);
        cr_assert_eq(small, gs[LLO_GT_PERSONS]);
        cr_assert_eq(small_part, gs[LLO_GT_PART]);
        cr_assert_gt(small_part, 0);
        months++;
    }
    cr_assert_eq(months, 24);
    llo_world_free(w);
    free(s);
}
