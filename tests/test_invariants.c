/* Conservation laws, checked every month: workers (entries and exits counted), seats, head
 * counts, and money to the cent in every pot; every share within [0,1] and no NaN, in the
 * engine's tallies and in the files it writes. Also under stress: scarce seats, empty
 * budgets, a labour force that turns over fast. */
#include <math.h>

#include "sim/llosim.h"
#include "fixture.h"
#include "testutil.h"

static llo_scenario *load_quick(const char *const *extra, int n_extra)
{
    return fixture_load(0.004, 48, extra, n_extra);
}

/* Steps a world through burn-in and every month, checking everything each month; returns the
 * sum of each flow over the written months. */
static void run_checked(const llo_scenario *s, int64_t flows[LLO_FLOW_N])
{
    char err[512];
    llo_world *w = llo_world_alloc(&s->params, 1, err, sizeof err);
    cr_assert_not_null(w, "%s", err);
    memset(flows, 0, sizeof(int64_t) * LLO_FLOW_N);
    const llo_params *p = &s->params;
    int64_t workers0 = -1;
    while (llo_world_month(w) < p->months) {
        llo_world_step(w);
        cr_assert_eq(llo_world_check(w, err, sizeof err), 0, "month %d: %s", llo_world_month(w) - 1, err);
        const llo_month_stats *st = llo_world_stats(w);
        int64_t workers = 0, entries = 0, exits = 0;
        for (int r = 0; r < p->n_regions; r++) {
            const int64_t *t = st->tally.region[r];
            cr_assert_eq(t[LLO_T_EMPLOYED] + t[LLO_T_UNEMPLOYED], t[LLO_T_WORKERS]);
            cr_assert(t[LLO_T_PART_EMPLOYED] <= t[LLO_T_EMPLOYED]);
            cr_assert(t[LLO_T_NEVER_EMPLOYED] <= t[LLO_T_EMPLOYED]);
            cr_assert(t[LLO_T_PART_UNEMPLOYED] <= t[LLO_T_UNEMPLOYED]);
            cr_assert(t[LLO_T_GAP] >= 0 && (double)t[LLO_T_GAP] <= LLO_GAP_SCALE * (double)t[LLO_T_WORKERS]);
            cr_assert(st->spend_12m[r] >= 0 && st->spend_12m[r] <= st->labour_cost_12m[r]);
            workers += t[LLO_T_WORKERS];
            entries += st->flows.f[LLO_FLOW_ENTRIES][r];
            exits += st->flows.f[LLO_FLOW_EXITS][r];
            for (int f = 0; f < LLO_FLOW_N; f++) cr_assert(st->flows.f[f][r] >= 0);
        }
        /* Entrants replace exits one for one. */
        cr_assert_eq(entries, exits, "month %d: %lld entries, %lld exits", st->month, (long long)entries, (long long)exits);
        if (workers0 < 0) workers0 = workers;
        cr_assert_eq(workers, workers0);
        for (int g = 0; g < LLO_N_GROUPS; g++) {
            const int64_t *t = st->tally.group[g];
            cr_assert(t[LLO_GT_PART] <= t[LLO_GT_PERSONS] && t[LLO_GT_NEVER] <= t[LLO_GT_PERSONS]);
        }
        if (st->month >= 0)
            for (int r = 0; r < p->n_regions; r++)
                for (int f = 0; f < LLO_FLOW_N; f++) flows[f] += st->flows.f[f][r];
    }
    llo_world_free(w);
}

Test(invariants, baseline_rules_every_month, .timeout = 600)
{
    llo_scenario *s = load_quick(NULL, 0);
    int64_t flows[LLO_FLOW_N];
    run_checked(s, flows);
    /* The model is alive: people train, complete, change jobs, retire and enter. */
    cr_assert(flows[LLO_FLOW_STARTS] > 0 && flows[LLO_FLOW_COMPLETIONS] > 0 && flows[LLO_FLOW_DROPOUTS] > 0);
    cr_assert(flows[LLO_FLOW_HIRES] > 0 && flows[LLO_FLOW_SEPARATIONS] > 0);
    cr_assert(flows[LLO_FLOW_EXITS] > 0 && flows[LLO_FLOW_ENTRIES] == flows[LLO_FLOW_EXITS]);
    cr_assert(flows[LLO_FLOW_EMPLOYER_SPENT] > 0 && flows[LLO_FLOW_INDIVIDUAL_SPENT] > 0);
    cr_assert(flows[LLO_FLOW_JOBSEEKER_SPENT] > 0);
    free(s);
}

Test(invariants, scarce_seats, .timeout = 600)
{
    const char *sets[] = {"providers.seats=[2L, 2L, 2L, 2L, 2L]"};
    llo_scenario *s = load_quick(sets, 1);
    int64_t flows[LLO_FLOW_N];
    run_checked(s, flows);
    cr_assert(flows[LLO_FLOW_SEAT_SHORTAGES] > 0, "no seat was ever short");
    free(s);
}

Test(invariants, empty_budgets, .timeout = 600)
{
    const char *sets[] = {"employers.training_budget_share=0.0", "workers.individual_budget_eur=0.0",
                          "funding.jobseeker_budget_eur=0.0", "workers.out_of_pocket_max_eur=0.0",
                          "workers.self_employed_pocket_max_eur=0.0"};
    llo_scenario *s = load_quick(sets, 5);
    int64_t flows[LLO_FLOW_N];
    run_checked(s, flows);
    cr_assert(flows[LLO_FLOW_REFUSED] > 0, "nobody was refused with no money anywhere");
    cr_assert_eq(flows[LLO_FLOW_STARTS], 0, "a course started that nobody paid for");
    cr_assert_eq(flows[LLO_FLOW_EMPLOYER_SPENT] + flows[LLO_FLOW_INDIVIDUAL_SPENT] + flows[LLO_FLOW_JOBSEEKER_SPENT] +
                     flows[LLO_FLOW_OUT_OF_POCKET], 0);
    free(s);
}

Test(invariants, fast_turnover, .timeout = 600)
{
    const char *sets[] = {"workers.leave_rate=0.3", "labour.job_loss_rate=[0.5, 0.9, 0.5]", "labour.job_finding_rate=0.6"};
    llo_scenario *s = load_quick(sets, 3);
    int64_t flows[LLO_FLOW_N];
    run_checked(s, flows);
    cr_assert(flows[LLO_FLOW_EXITS] > 0 && flows[LLO_FLOW_HIRES] > 0);
    free(s);
}

/* The written files: every share column within [0,1], no nan or inf anywhere. */
Test(invariants, written_shares_are_fractions, .timeout = 600)
{
    char tmp[64], path[256];
    make_tmpdir(tmp, sizeof tmp);
    cr_assert_eq(run_llosim(NULL, "run scenarios/quick.cfg --scale 0.004 --months 30 -q -o %s/a", tmp), 0);
    const char *files[] = {"timeseries.csv", "groups.csv", "network.csv"};
    for (int f = 0; f < 3; f++) {
        snprintf(path, sizeof path, "%s/a/%s", tmp, files[f]);
        char *text = slurp(path, NULL);
        cr_assert_not_null(text);
        /* Every field of every data row: a number must be finite, and no field may spell one
         * that is not (strtod reads "nan", "inf" and "infinity" in any case). */
        char *rows = strchr(text, '\n');
        cr_assert_not_null(rows);
        for (char *field = strtok(rows + 1, ",\n"); field; field = strtok(NULL, ",\n")) {
            char *end;
            double v = strtod(field, &end);
            if (end != field) cr_assert(isfinite(v), "%s holds a non-finite value '%s'", files[f], field);
        }
        free(text);
    }
    /* Columns whose name says they are a share, a participation or a never-trained share. */
    snprintf(path, sizeof path, "%s/a/timeseries.csv", tmp);
    FILE *in = fopen(path, "r");
    char line[8192];
    cr_assert_not_null(fgets(line, sizeof line, in));
    int is_share[256] = {0}, ncol = 0;
    for (char *tok = strtok(line, ",\n"); tok; tok = strtok(NULL, ",\n"), ncol++)
        is_share[ncol] = strstr(tok, "participation") || strstr(tok, "share") || strstr(tok, "never_trained") ||
                         strstr(tok, "skill_gap");
    int rows = 0;
    while (fgets(line, sizeof line, in)) {
        int col = 0;
        char *start = line;
        for (char *c = line;; c++) {
            if (*c == ',' || *c == '\n' || *c == 0) {
                char end = *c;
                *c = 0;
                if (is_share[col] && *start) {
                    double v = strtod(start, NULL);
                    cr_assert(v >= 0 && v <= 1, "row %d column %d = %s", rows, col, start);
                }
                col++;
                start = c + 1;
                if (end != ',') break;
            }
        }
        cr_assert_eq(col, ncol, "row %d has %d columns, header %d", rows, col, ncol);
        rows++;
    }
    fclose(in);
    cr_assert_eq(rows, 30 * 5, "expected one row per month and region (4 + all)");
    remove_tree(tmp);
}
