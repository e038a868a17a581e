/* Timeline events: the loader reads and orders them and refuses what cannot run (the broken
 * corpus in tests/broken/timeline-*.cfg holds the messages); the resolved scenario writes them
 * back bit for bit; and the engine applies them at the start of their month and not before,
 * with shocks that act in the direction they should and end when their months are over. The
 * direction tests use common random numbers: the same seed with and without the event. */
#include <math.h>
#include <stddef.h>

#include "sim/llosim.h"
#include "config/settings.h"
#include "testutil.h"
#include "config/timeline.h"
#include "sim/world.h"

/* Seats enough for everyone who wants a course: isolates a mechanism from seat competition. */
#define AMPLE_SEATS "providers.seats=[80000L, 60000L, 30000L, 50000L, 100000L]"

/* ---- loading ---- */

static llo_scenario *load(const char *path, const char *const *sets, int n_sets)
{
    llo_scenario *s = calloc(1, sizeof *s);
    llo_diag *d = calloc(1, sizeof *d);
    cr_assert(s && d);
    int rc = llo_scenario_load(s, path, sets, n_sets, d);
    cr_assert_eq(rc, 0, "%s: %s", path, d->count ? d->msg[0] : "?");
    free(d);
    return s;
}

static int setting_row(const char *path) { return (int)llo_setting_index(llo_setting_find(path)); }

static int sector_of(const llo_params *p, const char *name)
{
    for (int s = 0; s < p->n_sectors; s++)
        if (strcmp(p->sector_names[s], name) == 0) return s;
    cr_assert_fail("no sector %s", name);
    return -1;
}

Test(timeline, loads_every_kind_in_month_order)
{
    llo_scenario *s = load("tests/good/timeline.cfg", NULL, 0);
    const llo_params *p = &s->params;
    cr_assert_eq(p->n_events, 8);
    const int months[] = {-12, 24, 24, 36, 48, 60, 72, 84};
    for (int k = 0; k < 8; k++) cr_expect_eq(p->timeline[k].month, months[k], "event %d", k);
    const llo_event *e = p->timeline;
    cr_expect_eq(e[0].kind, LLO_EVENT_SET);
    cr_expect_eq(e[0].target, setting_row("labour.job_loss_rate"));
    cr_expect_eq(e[0].n_values, 3);
    cr_expect_eq(e[0].value.f[1], 0.25);
    /* Same month: the order given (the set came before the stop). */
    cr_expect_eq(e[1].kind, LLO_EVENT_SET);
    cr_expect_eq(e[1].target, setting_row("workers.individual_budget_eur"));
    cr_expect_eq(e[1].value.f[0], 1200.0, "an integer is read as the float the setting holds");
    cr_expect_eq(e[2].kind, LLO_EVENT_STOP);
    cr_expect_eq(e[2].target, LLO_SCHEME_JOBSEEKER_FUND);
    cr_expect_eq(e[3].kind, LLO_EVENT_TECHNOLOGY);
    cr_expect_eq(e[3].sectors, (1u << sector_of(p, "manufacturing")) | (1u << sector_of(p, "business-services")));
    cr_expect_eq(e[3].obsolescence_factor, 2.0);
    cr_expect_eq(e[3].months, 24);
    cr_expect_eq(e[4].kind, LLO_EVENT_TRUST);
    cr_expect_eq(e[4].delta, -0.3);
    cr_expect_eq(e[5].kind, LLO_EVENT_RECESSION);
    cr_expect(e[5].job_loss_factor == 1.8 && e[5].job_finding_factor == 0.6 && e[5].urgency == 0.5 &&
              e[5].collaboration == 0.3 && e[5].months == 18);
    cr_expect_eq(e[6].sectors, (1u << p->n_sectors) - 1, "no sectors given: every sector");
    cr_expect_eq(e[7].target, setting_row("workers.retirement_age"));
    cr_expect_eq(e[7].value.i[0], 68, "an int setting's value is stored as an int");
    free(s);
}

/* A recession gives neutral factors for what it leaves out. */
Test(timeline, recession_defaults_are_neutral)
{
    const char *sets[] = {"timeline=({ month = 3; shock = \"recession\"; months = 6; urgency = 0.4; })"};
    llo_scenario *s = load("tests/fixture.cfg", sets, 1);
    const llo_event *e = &s->params.timeline[0];
    cr_expect(e->job_loss_factor == 1.0 && e->job_finding_factor == 1.0 && e->collaboration == 0.0 &&
              e->urgency == 0.4);
    free(s);
}

/* A later layer's timeline replaces the earlier one, like any list; () clears it. */
Test(timeline, a_later_layer_replaces_the_timeline)
{
    const char *sets[] = {"timeline=({ month = 5; shock = \"trust\"; delta = 0.2; })"};
    llo_scenario *s = load("scenarios/covid-crisis.cfg", sets, 1);
    cr_expect_eq(s->params.n_events, 1);
    cr_expect_eq(s->params.timeline[0].kind, LLO_EVENT_TRUST);
    cr_expect_eq(s->params.timeline[1].month, 0, "storage past the events is cleared");
    free(s);
    const char *clear[] = {"timeline=()"};
    s = load("scenarios/covid-crisis.cfg", clear, 1);
    cr_expect_eq(s->params.n_events, 0);
    free(s);
}

/* The resolved scenario writes the timeline back; reading it gives the same bits. */
Test(timeline, resolved_round_trip_is_bit_exact)
{
    llo_scenario *s = load("tests/good/timeline.cfg", NULL, 0);
    char dir[64], path[128];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/resolved.cfg", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    cr_assert_eq(llo_params_write(&s->params, f), 0);
    cr_assert_eq(fclose(f), 0);
    llo_scenario *back = load(path, NULL, 0);
    /* The name differs only if unset; here it is set, so everything must match. */
    cr_expect(memcmp(&back->params, &s->params, sizeof s->params) == 0, "the reloaded timeline differs");
    free(back);
    free(s);
    remove_tree(dir);
}

/* The rule of what a timeline may change: what the monthly step reads, never what sizes the
 * world; and every such setting fits an event's value. */
Test(timeline, settings_that_size_the_world_are_refused)
{
    size_t n;
    const llo_setting *t = llo_settings(&n);
    int live = 0;
    for (size_t i = 0; i < n; i++) {
        const llo_setting *row = &t[i];
        /* Providers' counts, seats and starting offer size the world; their adaptation and
         * pricing rules are read every month and may change. */
        static const char *const built_providers[] = {"providers.mbo", "providers.hbo", "providers.wo", "providers.private",
                                                      "providers.online", "providers.seats", "providers.price_eur",
                                                      "providers.quality", "providers.fit"};
        int provider_sizing = 0;
        for (size_t k = 0; k < sizeof built_providers / sizeof built_providers[0]; k++)
            provider_sizing |= strcmp(row->path, built_providers[k]) == 0;
        /* Travel distances are read by the monthly provider choice only; the other region
         * settings place and size the population. */
        int world_sizing = strncmp(row->path, "run.", 4) == 0 ||
                           (strncmp(row->path, "regions.", 8) == 0 && strcmp(row->path, "regions.distance_km") != 0) ||
                           provider_sizing || strcmp(row->path, "sectors.names") == 0 ||
                           strcmp(row->path, "orchestrators.intermediaries") == 0;
        if (world_sizing) cr_expect(!llo_setting_is_live(row), "%s may not change mid-run", row->path);
        if (!llo_setting_is_live(row)) continue;
        live++;
        cr_expect(row->type != LLO_T_STRING && row->type != LLO_T_STRING_LIST, "%s is text", row->path);
        cr_expect_leq(row->cap, LLO_EVENT_VALUES, "%s is too big for an event", row->path);
    }
    cr_expect(!llo_setting_is_live(llo_setting_find("name")));
    cr_expect(llo_setting_is_live(llo_setting_find("providers.competition")));
    cr_expect(llo_setting_is_live(llo_setting_find("providers.public_funding")));
    cr_expect(llo_setting_is_live(llo_setting_find("regions.distance_km")));
    cr_expect_gt(live, 30, "most behavioural settings may change mid-run");
    cr_expect(llo_setting_is_live(llo_setting_find("funding.jobseeker_budget_eur")));
    cr_expect(llo_setting_is_live(llo_setting_find("sectors.obsolescence")));
    for (int k = 0; k < LLO_N_SCHEMES; k++)
        cr_expect(llo_setting_is_live(llo_setting_find(llo_scheme_setting(k))), "scheme %s", llo_scheme_name(k));
}

/* A rule is set by name and written back by name; the resolved scenario reads back the same bits. */
Test(timeline, a_rule_is_set_by_name_and_round_trips)
{
    const char *sets[] = {"timeline=({ month = 6; set = \"providers.competition\"; value = \"joint\"; }, "
                          "{ month = 6; set = \"regions.distance_km\"; value = [7.0, 25.0, 45.0, 55.0, 25.0, 6.0, "
                          "25.0, 35.0, 45.0, 25.0, 7.0, 30.0, 55.0, 35.0, 30.0, 7.0]; })"};
    llo_scenario *s = load("tests/fixture.cfg", sets, 1);
    const llo_event *e = s->params.timeline;
    cr_assert_eq(s->params.n_events, 2);
    cr_expect_eq(e[0].target, setting_row("providers.competition"));
    cr_expect_eq(e[0].value.i[0], LLO_COMPETE_JOINT);
    cr_expect_eq(e[1].n_values, 16);
    cr_expect_eq(e[1].value.f[5], 6.0);
    char dir[64], path[128];
    make_tmpdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/resolved.cfg", dir);
    FILE *f = fopen(path, "w");
    cr_assert_not_null(f);
    cr_assert_eq(llo_params_write(&s->params, f), 0);
    cr_assert_eq(fclose(f), 0);
    llo_scenario *back = load(path, NULL, 0);
    cr_expect(memcmp(&back->params, &s->params, sizeof s->params) == 0, "the reloaded timeline differs");
    free(back);
    free(s);
    remove_tree(dir);
}

/* ---- the engine ---- */

/* A small world with a timeline given as an override, and optionally one more override. */
static llo_scenario *small_with(const char *timeline, int months, const char *extra)
{
    char tl[2048], m[64];
    snprintf(tl, sizeof tl, "timeline=(%s)", timeline);
    snprintf(m, sizeof m, "run.months=%d", months);
    const char *sets[] = {"run.scale=0.005", m, "run.burn_in_months=12", tl, extra};
    return load("tests/fixture.cfg", sets, extra ? 5 : 4);
}

static llo_scenario *small(const char *timeline, int months) { return small_with(timeline, months, NULL); }

static llo_world *world_of(const llo_scenario *s)
{
    char err[256];
    llo_world *w = llo_world_alloc(&s->params, 1, err, sizeof err);
    cr_assert_not_null(w, "%s", err);
    return w;
}

/* Steps until month `until` has been simulated, checking the conservation laws each month. */
static void step_to(llo_world *w, int until)
{
    char err[512];
    while (llo_world_month(w) <= until) {
        llo_world_step(w);
        cr_assert_eq(llo_world_check(w, err, sizeof err), 0, "month %d: %s", llo_world_month(w) - 1, err);
    }
}

static int64_t total(const llo_world *w, int tally)
{
    int64_t sum = 0;
    for (int r = 0; r < w->p.n_regions; r++) sum += w->stats.tally.region[r][tally];
    return sum;
}

static int64_t flow(const llo_world *w, int f)
{
    int64_t sum = 0;
    for (int r = 0; r < w->p.n_regions; r++) sum += w->stats.flows.f[f][r];
    return sum;
}

/* Field `col` (from 0) of a CSV line, as a number. */
static double field(const char *line, int col)
{
    for (int c = 0; c < col && line; c++) {
        line = strchr(line, ',');
        if (line) line++;
    }
    return line ? atof(line) : NAN;
}

/* Index of a column in a CSV header line. */
static int column(const char *header, const char *name)
{
    size_t n = strlen(name);
    int c = 0;
    for (const char *f = header; f; f = strchr(f, ','), f = f ? f + 1 : NULL, c++)
        if (strncmp(f, name, n) == 0 && (f[n] == ',' || f[n] == '\0')) return c;
    cr_assert_fail("no column %s", name);
    return -1;
}

/* A budget raised at month 24: rows before it are byte-identical to a run without it (common
 * random numbers, and nothing applies early); from then on participation does not fall. Seats
 * are made ample: in the baseline they are rationed, and then the extra demand the budget
 * creates partly displaces other trainees, so the share who train moves only within noise; that
 * is seat competition, not what this test is about. */
Test(timeline, set_acts_from_its_month_and_not_before, .timeout = 600)
{
    char tmp[64], path[256];
    make_tmpdir(tmp, sizeof tmp);
    /* Every firm's agreement has a budget scheme and holders find out how to use it within the
     * month, so the raise reaches every employee: under the baseline's coverage it reaches a
     * part of them, and one month's participation at this small scale is then within noise. */
    const char *common = "run scenarios/quick.cfg --scale 0.005 --months 48 -q --set '" AMPLE_SEATS "'"
                         " --set workers.individual_budget_coverage=1 --set workers.budget_initiative=12";
    cr_assert_eq(run_llosim(NULL, "%s -o %s/without", common, tmp), 0);
    cr_assert_eq(run_llosim(NULL, "%s --set 'timeline=({ month = 24; set = \"workers.individual_budget_eur\"; "
                                  "value = 3000.0; })' -o %s/with", common, tmp), 0);
    snprintf(path, sizeof path, "%s/without/timeseries.csv", tmp);
    char *a = slurp(path, NULL);
    snprintf(path, sizeof path, "%s/with/timeseries.csv", tmp);
    char *b = slurp(path, NULL);
    cr_assert(a && b);
    char *sa, *sb, *la = strtok_r(a, "\n", &sa), *lb = strtok_r(b, "\n", &sb);
    cr_assert(la && lb && strcmp(la, lb) == 0);
    int col_part = column(la, "participation_24m_employed"), col_starts = column(la, "course_starts");
    int identical = 0, after = 0;
    double part_without = 0, part_with = 0, sum_without = 0, sum_with = 0, starts_without = 0, starts_with = 0;
    while ((la = strtok_r(NULL, "\n", &sa)) && (lb = strtok_r(NULL, "\n", &sb))) {
        int month = (int)field(la, 1);
        cr_assert_eq(month, (int)field(lb, 1));
        if (month < 24) {
            cr_assert_str_eq(la, lb, "month %d differs before the event", month);
            identical++;
            continue;
        }
        after++;
        if (!strstr(la, ",all,")) continue;
        starts_without += field(la, col_starts);
        starts_with += field(lb, col_starts);
        part_without = field(la, col_part);
        part_with = field(lb, col_part);
        sum_without += part_without;
        sum_with += part_with;
        /* Noise allowance: the raise moves who trains and who finds work a little. */
        cr_expect_geq(part_with, part_without - 0.002, "month %d: participation fell from %f to %f", month,
                      part_without, part_with);
    }
    cr_assert_eq(identical, 24 * 5, "rows before the event: %d", identical);
    cr_assert_eq(after, 24 * 5);
    cr_expect_gt(starts_with, starts_without, "more own money, more courses: %g vs %g", starts_with, starts_without);
    cr_expect_gt(sum_with, sum_without, "participation after the raise: mean %f, without %f", sum_with / 24,
                 sum_without / 24);
    cr_expect_geq(part_with, part_without, "participation at the end: %f, without %f", part_with, part_without);
    free(a);
    free(b);
    remove_tree(tmp);
}

/* Mean skill gap (1 - skill, at least 0) of the workers in sector s. */
static double sector_gap(const llo_world *w, int s)
{
    double sum = 0;
    long n = 0;
    for (size_t i = 0; i < w->w.capacity; i++)
        if (w->w.status[i] != LLO_SLOT_EMPTY && w->w.sector[i] == s) {
            double g = 1.0 - w->w.skill[i];
            sum += g > 0 ? g : 0;
            n++;
        }
    cr_assert_gt(n, 0);
    return sum / (double)n;
}

Test(timeline, technology_shock_widens_the_gap_in_its_sectors, .timeout = 600)
{
    llo_scenario *base = small("", 36);
    llo_scenario *shock = small("{ month = 0; shock = \"technology\"; months = 36; obsolescence_factor = 3.0; "
                                "sectors = [\"manufacturing\", \"care\"]; }", 36);
    llo_world *a = world_of(base), *b = world_of(shock);
    step_to(a, -1);
    step_to(b, -1);
    cr_assert(memcmp(&a->stats, &b->stats, sizeof a->stats) == 0, "the burn-in differs before the shock");
    step_to(a, 35);
    step_to(b, 35);
    const llo_params *p = &base->params;
    int hit[2] = {sector_of(p, "manufacturing"), sector_of(p, "care")};
    double rise_hit = 1e9, rise_other = 0;
    for (int s = 0; s < p->n_sectors; s++) {
        double d = sector_gap(b, s) - sector_gap(a, s);
        if (s == hit[0] || s == hit[1]) rise_hit = d < rise_hit ? d : rise_hit;
        else rise_other = fabs(d) > rise_other ? fabs(d) : rise_other;
    }
    cr_expect_gt(rise_hit, 0.02, "the gap in the hit sectors rose by only %f", rise_hit);
    cr_expect_lt(rise_other, rise_hit / 4, "other sectors moved by %f against %f in the hit ones", rise_other, rise_hit);
    llo_world_free(a);
    llo_world_free(b);
    free(base);
    free(shock);
}

Test(timeline, recession_raises_unemployment, .timeout = 600)
{
    llo_scenario *base = small("", 24);
    llo_scenario *shock = small("{ month = 0; shock = \"recession\"; months = 24; job_loss_factor = 2.0; "
                                "job_finding_factor = 0.5; }", 24);
    llo_world *a = world_of(base), *b = world_of(shock);
    for (int t = -12; t < 24; t++) {
        step_to(a, t);
        step_to(b, t);
        if (t < 0) cr_assert_eq(total(a, LLO_T_UNEMPLOYED), total(b, LLO_T_UNEMPLOYED));
    }
    int64_t ua = total(a, LLO_T_UNEMPLOYED), ub = total(b, LLO_T_UNEMPLOYED);
    cr_expect_gt(ub, ua + ua / 4, "unemployment after two years of recession: %lld, without: %lld", (long long)ub,
                 (long long)ua);
    cr_expect_eq(total(a, LLO_T_WORKERS), total(b, LLO_T_WORKERS), "the labour force keeps its size");
    llo_world_free(a);
    llo_world_free(b);
    free(base);
    free(shock);
}

/* Urgency alone (job rates neutral) raises the start hazard: more courses start (with seats
 * for all, so the extra demand is not rationed away). */
Test(timeline, urgency_raises_course_starts, .timeout = 600)
{
    llo_scenario *base = small_with("", 12, AMPLE_SEATS);
    llo_scenario *shock = small_with("{ month = 0; shock = \"recession\"; months = 12; urgency = 0.5; }", 12, AMPLE_SEATS);
    llo_world *a = world_of(base), *b = world_of(shock);
    int64_t sa = 0, sb = 0;
    for (int t = -12; t < 12; t++) {
        step_to(a, t);
        step_to(b, t);
        if (t >= 0) {
            sa += flow(a, LLO_FLOW_STARTS);
            sb += flow(b, LLO_FLOW_STARTS);
        }
    }
    cr_expect_gt(sb, sa + sa / 5, "starts with urgency %lld, without %lld", (long long)sb, (long long)sa);
    llo_world_free(a);
    llo_world_free(b);
    free(base);
    free(shock);
}

static double gauge(const llo_world *w, int g)
{
    int64_t num = 0, den = 0;
    for (int r = 0; r <= LLO_MAX_REGIONS; r++) {
        num += w->stats.gauges.num[g][r];
        den += w->stats.gauges.den[g][r];
    }
    return (double)num / LLO_GAP_SCALE / (double)den;
}

/* Shocks hold for exactly their months, then every multiplier is 1 again and the monthly rates
 * are those of a world that never had a shock; the parameters are never touched. */
Test(timeline, shocks_end_after_their_months, .timeout = 600)
{
    llo_scenario *base = small("", 16);
    llo_scenario *shock = small("{ month = 3; shock = \"technology\"; months = 6; obsolescence_factor = 2.0; "
                                "sectors = [\"care\"]; }, { month = 5; shock = \"recession\"; months = 4; "
                                "job_loss_factor = 1.5; job_finding_factor = 0.5; urgency = 0.3; collaboration = 0.2; }",
                                16);
    llo_world *a = world_of(base), *b = world_of(shock);
    int care = sector_of(&base->params, "care");
    for (int t = -12; t < 16; t++) {
        step_to(a, t);
        step_to(b, t);
        int tech = t >= 3 && t < 9, rec = t >= 5 && t < 9;
        cr_expect_eq(b->shock.obsolescence[care], tech ? 2.0 : 1.0, "month %d", t);
        cr_expect_eq(b->shock.obsolescence[0], 1.0, "month %d: a sector not hit", t);
        cr_expect_eq(b->shock.job_loss, rec ? 1.5 : 1.0, "month %d", t);
        cr_expect_eq(b->shock.job_finding, rec ? 0.5 : 1.0, "month %d", t);
        cr_expect_eq(b->shock.urgency, rec ? 0.3 : 0.0, "month %d", t);
        cr_expect_eq(b->collaboration_boost, rec ? 0.2 : 0.0, "month %d", t);
        cr_expect_eq(b->shock.active, tech + rec, "month %d", t);
        cr_expect_eq(gauge(b, LLO_GAUGE_JOB_LOSS_MULTIPLIER), rec ? 1.5 : 1.0, "month %d", t);
        cr_expect_eq(gauge(b, LLO_GAUGE_COLLABORATION_BOOST), rec ? 0.2 : 0.0, "month %d", t);
        if (!tech) cr_expect_eq(gauge(b, LLO_GAUGE_OBSOLESCENCE_MULTIPLIER), 1.0, "month %d", t);
        else cr_expect_gt(gauge(b, LLO_GAUGE_OBSOLESCENCE_MULTIPLIER), 1.0, "month %d", t);
        cr_expect(memcmp(&b->p, &shock->params, sizeof b->p) == 0, "month %d: a shock changed the parameters", t);
        /* The rates a shock sets; those after them follow the agenda, which a collaboration boost
         * legitimately leaves stronger after the crisis. */
        if (!tech && !rec)
            cr_expect(memcmp(&a->rate, &b->rate, offsetof(llo_monthly_rates, budget_scheme_below)) == 0, "month %d: rates differ", t);
    }
    llo_world_free(a);
    llo_world_free(b);
    free(base);
    free(shock);
}

/* A rule set at month 3 holds from the start of that month for every mechanism, the trust
 * between providers (which reads it before the providers adapt) included, and not before. */
Test(timeline, a_rule_acts_from_its_month_and_not_before, .timeout = 600)
{
    llo_scenario *base = small("", 6);
    llo_scenario *joint = small("{ month = 3; set = \"providers.competition\"; value = \"joint\"; }", 6);
    llo_world *a = world_of(base), *b = world_of(joint);
    for (int t = -12; t < 6; t++) {
        step_to(a, t);
        step_to(b, t);
        if (t < 3) {
            cr_assert(memcmp(&a->stats, &b->stats, sizeof a->stats) == 0, "month %d differs before the event", t);
            cr_assert_eq(b->competition, LLO_COMPETE_MARKET, "month %d", t);
            continue;
        }
        cr_assert_eq(b->competition, LLO_COMPETE_JOINT, "month %d", t);
        cr_assert_eq(b->p.provider_competition, LLO_COMPETE_JOINT);
        size_t pooled = 0;
        for (size_t j = 0; j < b->pr.count; j++) pooled += b->pr.offer[j] != j;
        cr_expect_gt(pooled, 0, "month %d: no provider sells under a joint offer", t);
        cr_expect_gt(gauge(b, LLO_GAUGE_TRUST_PUBLIC_PRIVATE), gauge(a, LLO_GAUGE_TRUST_PUBLIC_PRIVATE),
                     "month %d: public-private trust is not built under the joint offer", t);
    }
    llo_world_free(a);
    llo_world_free(b);
    free(base);
    free(joint);
}

/* Only the lottery holds money back for later tranches: ending it mid-year releases what it
 * held at once, and the money still adds up (step_to checks it every month). */
Test(timeline, ending_the_lottery_mid_year_releases_what_it_held, .timeout = 600)
{
    llo_scenario *s = small_with("{ month = 3; set = \"funding.sme_rule\"; value = \"fcfs\"; }", 6,
                                 "funding.sme_rule=\"lottery\"");
    llo_world *w = world_of(s);
    step_to(w, 2);
    cr_assert_gt(w->acc.pot_held[LLO_INSTR_SME][0], 0, "the lottery holds nothing back in March");
    step_to(w, 3);
    cr_expect_eq(w->acc.pot_held[LLO_INSTR_SME][0], 0, "still held after the lottery ended");
    llo_world_free(w);
    free(s);
}

/* A trust shock is pending in its month only (the trust mechanism consumes it then). */
Test(timeline, trust_shock_is_pending_for_one_month)
{
    llo_scenario *s = small("{ month = 2; shock = \"trust\"; delta = -0.3; }, { month = 2; shock = \"trust\"; "
                            "delta = 0.1; }", 6);
    llo_world *w = world_of(s);
    step_to(w, 1);
    llo_timeline_month(w); /* what the month's phases see */
    cr_expect(fabs(w->pending_trust_shock - -0.2) < 1e-15, "pending %f", w->pending_trust_shock);
    llo_world_step(w);
    cr_expect_eq(w->pending_trust_shock, 0.0, "cleared at the end of its month");
    llo_timeline_month(w);
    cr_expect_eq(w->pending_trust_shock, 0.0, "not pending again the month after");
    llo_world_free(w);
    free(s);
}

/* Stopping the job-seeker fund mid-year withdraws what is left now; the money still adds up,
 * and nothing is granted the next January. */
Test(timeline, stopping_the_jobseeker_fund_withdraws_it, .timeout = 600)
{
    llo_scenario *s = small("{ month = 5; stop = \"jobseeker-fund\"; }", 18);
    llo_world *w = world_of(s);
    step_to(w, 4);
    int64_t left = 0;
    for (int r = 0; r < w->p.n_regions; r++) left += w->acc.pot_left[LLO_INSTR_JOBSEEKER][r] + w->acc.pot_held[LLO_INSTR_JOBSEEKER][r];
    cr_assert_gt(left, 0, "the fund was empty before it stopped");
    int64_t lapsed = w->acc.fund[LLO_INSTR_JOBSEEKER].lapsed;
    step_to(w, 5);
    cr_expect_eq(w->acc.fund[LLO_INSTR_JOBSEEKER].lapsed, lapsed + left, "what was left lapses when the scheme stops");
    cr_expect_eq(w->p.jobseeker_budget_eur, 0.0);
    for (int t = 5; t < 18; t++) {
        step_to(w, t);
        cr_expect_eq(flow(w, LLO_FLOW_JOBSEEKER_SPENT), 0, "month %d: spent from a stopped fund", t);
    }
    llo_world_free(w);
    free(s);
}

/* A set event changes this replicate's parameters only: the next replicate starts from the
 * scenario again, so replicate 2 of a run equals replicate 2 simulated on its own. */
Test(timeline, replicates_start_from_the_scenario, .timeout = 600)
{
    llo_scenario *s = small("{ month = 2; set = \"workers.leave_rate\"; value = 0.2; }", 6);
    char err[256];
    llo_world *w = world_of(s);
    step_to(w, 5);
    cr_expect_eq(w->p.leave_rate, 0.2);
    llo_world_reset(w, 2);
    cr_expect(memcmp(&w->p, &s->params, sizeof w->p) == 0, "the reset kept the timeline's change");
    llo_world *fresh = llo_world_alloc(&s->params, 2, err, sizeof err);
    cr_assert_not_null(fresh, "%s", err);
    for (int t = -12; t < 6; t++) {
        step_to(w, t);
        step_to(fresh, t);
        cr_assert(memcmp(&w->stats, &fresh->stats, sizeof w->stats) == 0, "month %d differs", t);
    }
    llo_world_free(w);
    llo_world_free(fresh);
    free(s);
}

/* Every kind of event, 1 and 2 threads: the same bytes. */
Test(timeline, thread_invariance_with_a_timeline, .timeout = 600)
{
    char tmp[64];
    make_tmpdir(tmp, sizeof tmp);
    for (int t = 1; t <= 2; t++)
        cr_assert_eq(run_llosim(NULL, "run tests/good/timeline.cfg --scale 0.004 --months 90 --threads %d "
                                      "--check-invariants -q -o %s/t%d", t, tmp, t), 0);
    const char *files[] = {"timeseries.csv", "groups.csv", "scenario.resolved.cfg"};
    for (int k = 0; k < 3; k++) {
        char a[256], b[256];
        snprintf(a, sizeof a, "%s/t1/%s", tmp, files[k]);
        snprintf(b, sizeof b, "%s/t2/%s", tmp, files[k]);
        cr_assert(same_file(a, b), "%s differs between 1 and 2 threads", files[k]);
    }
    remove_tree(tmp);
}
