/* The mechanism tests' world: tests/fixture.cfg (the settings table's defaults on
 * Noord-Brabant's data) at a small scale, with a twelve-month burn-in. */
#ifndef LLO_TEST_FIXTURE_H
#define LLO_TEST_FIXTURE_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>

#include "config/scenario.h"

/* Loads the fixture at `scale` for `months` months, then the overrides extra[0..n_extra); a
 * failure to load fails the test with the first problem. */
static inline llo_scenario *fixture_load(double scale, int months, const char *const *extra, int n_extra)
{
    char run_scale[48], run_months[48];
    snprintf(run_scale, sizeof run_scale, "run.scale=%.17g", scale);
    snprintf(run_months, sizeof run_months, "run.months=%d", months);
    const char *sets[40] = {run_scale, run_months, "run.burn_in_months=12"};
    cr_assert(n_extra <= 37, "too many overrides for the fixture");
    for (int k = 0; k < n_extra; k++) sets[3 + k] = extra[k];
    llo_scenario *s = calloc(1, sizeof *s);
    llo_diag *d = calloc(1, sizeof *d);
    cr_assert(s && d);
    cr_assert_eq(llo_scenario_load(s, "tests/fixture.cfg", sets, 3 + n_extra, d), 0, "%s", d->count ? d->msg[0] : "?");
    free(d);
    return s;
}

#endif
