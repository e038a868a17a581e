/* The scenario library (the .cfg files in scenarios/, README "Scenario library"): every shipped scenario
 * passes `llosim check`, names itself after its file, runs, and, if it is a what-if read
 * against the baseline, opens with the three-part header (the study's finding, what it changes,
 * what to look at). Then the directions: each what-if moves the indicator its header points to
 * the way the mechanism says, with common random numbers against the baseline at a small
 * scale; the three funding files put the same public money into one instrument each; and a
 * what-if's burn-in is the baseline's, its change applying at month 0, unless its header says
 * the change is structural. */
#include <dirent.h>
#include <math.h>
#include <omp.h>

#include "sim/llosim.h"
#include "testutil.h"
#include "sim/world.h"

#define MAX_SCENARIOS 64
#define NAME_LEN 128

/* The markers of the header's three parts, in this order, each at the start of a comment line. */
static const char *const header_parts[] = {"# Study:", "# Changes against the baseline:", "# Look at"};

static int by_name(const void *a, const void *b) { return strcmp(a, b); }

/* The base names (without .cfg) of the scenario files in scenarios/, sorted; base/ and
 * calibration/ are folders and not read. */
static int list_scenarios(char names[][NAME_LEN])
{
    DIR *dir = opendir("scenarios");
    cr_assert_not_null(dir);
    struct dirent *ent;
    int n = 0;
    while ((ent = readdir(dir))) {
        size_t len = strlen(ent->d_name);
        if (len < 5 || strcmp(ent->d_name + len - 4, ".cfg") != 0) continue;
        cr_assert(n < MAX_SCENARIOS && len - 4 < NAME_LEN);
        snprintf(names[n++], NAME_LEN, "%.*s", (int)(len - 4), ent->d_name);
    }
    closedir(dir);
    qsort(names, (size_t)n, NAME_LEN, by_name);
    return n;
}

static char *read_scenario(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "scenarios/%.*s.cfg", NAME_LEN, name);
    char *text = slurp(path, NULL);
    cr_assert_not_null(text, "cannot read %s", path);
    return text;
}

/* The leading block of comment lines, up to the first line that is not a comment. */
static char *header_of(const char *text)
{
    const char *p = text;
    while (*p == '#') {
        const char *nl = strchr(p, '\n');
        p = nl ? nl + 1 : p + strlen(p);
    }
    size_t n = (size_t)(p - text);
    char *h = malloc(n + 1);
    cr_assert_not_null(h);
    memcpy(h, text, n);
    h[n] = 0;
    return h;
}

/* The issue's list (issue 4, item 1): at least one file for each question. */
Test(scenarios, library_covers_the_issue_list)
{
    static const char *const required[] = {
        "one-stop-front-office", "inclusive-governance", "structural-capacity", "provider-coordinated",
        "provider-joint-offer", "funding-individual-budget", "funding-sme-subsidy", "funding-sector-funds",
        "payback-clause", "less-poaching", "technology-shock", "covid-crisis", "provision-near-mbo",
        "online-provision", "modular-funding", "fewer-intermediaries", "ecosystem-package"};
    char names[MAX_SCENARIOS][NAME_LEN];
    int n = list_scenarios(names);
    for (size_t k = 0; k < sizeof required / sizeof *required; k++) {
        int found = 0;
        for (int i = 0; i < n; i++) found |= strcmp(names[i], required[k]) == 0;
        cr_assert(found, "scenarios/%s.cfg is missing", required[k]);
    }
}

Test(scenarios, each_checks_names_itself_and_has_its_header, .timeout = 300)
{
    char names[MAX_SCENARIOS][NAME_LEN];
    int n = list_scenarios(names), library = 0;
    cr_assert(n >= 18, "only %d scenarios", n);
    for (int i = 0; i < n; i++) {
        char path[256], log[] = "/tmp/llosim-scenarios-check.log";
        snprintf(path, sizeof path, "scenarios/%.*s.cfg", NAME_LEN, names[i]);
        int rc = run_llosim(log, "check %s --threads 1", path);
        char *out = slurp(log, NULL);
        cr_assert_eq(rc, 0, "llosim check %s exited %d:\n%s", path, rc, out ? out : "");
        free(out);

        /* The effective name is the file's own: a file that forgot `name` would inherit the
         * baseline's, and two files could not write to the same out/<name>/. */
        llo_scenario *s = calloc(1, sizeof *s);
        llo_diag *d = calloc(1, sizeof *d);
        cr_assert(s && d);
        cr_assert_eq(llo_scenario_load(s, path, NULL, 0, d), 0, "%s", d->count ? d->msg[0] : "?");
        cr_assert_str_eq(s->params.name, names[i], "%s is named \"%s\"", path, s->params.name);
        free(s);
        free(d);

        char *text = read_scenario(names[i]), own_name[NAME_LEN + 32];
        snprintf(own_name, sizeof own_name, "\nname = \"%.*s\";", NAME_LEN, names[i]);
        cr_assert_not_null(strstr(text, own_name), "%s does not set its own name", path);
        cr_assert(text[0] == '#', "%s does not open with a comment", path);
        /* A what-if read against the baseline explains itself in three parts, in order. */
        if (strstr(text, "\n@include \"baseline.cfg\"")) {
            char *h = header_of(text);
            const char *at = h;
            for (size_t k = 0; k < sizeof header_parts / sizeof *header_parts; k++) {
                const char *part = strstr(at, header_parts[k]);
                cr_assert_not_null(part, "%s: the header lacks \"%s\" (after the parts before it)", path, header_parts[k]);
                cr_assert(part == h || part[-1] == '\n', "%s: \"%s\" does not start a line", path, header_parts[k]);
                at = part + strlen(header_parts[k]);
            }
            free(h);
            library++;
        }
        free(text);
    }
    cr_assert(library >= 17, "only %d scenarios read against the baseline", library);
}

Test(scenarios, each_runs_at_a_tiny_scale, .timeout = 300)
{
    char names[MAX_SCENARIOS][NAME_LEN], tmp[64];
    int n = list_scenarios(names);
    make_tmpdir(tmp, sizeof tmp);
    for (int i = 0; i < n; i++) {
        /* The scenario's own months, so that its timeline events fall inside the run. */
        char log[128], manifest[NAME_LEN + 96];
        snprintf(log, sizeof log, "%s/log", tmp);
        int rc = run_llosim(log, "run scenarios/%s.cfg --scale 0.003 --set run.burn_in_months=6 --threads 1 -q -o %s/%s", names[i],
                            tmp, names[i]);
        char *out = slurp(log, NULL);
        cr_assert_eq(rc, 0, "%s exited %d:\n%s", names[i], rc, out ? out : "");
        free(out);
        snprintf(manifest, sizeof manifest, "%s/%.*s/manifest.json", tmp, NAME_LEN, names[i]);
        cr_assert(path_exists(manifest), "%s wrote no manifest", names[i]);
    }
    remove_tree(tmp);
}

/* A file whose change cannot wait for month 0 (it sizes the world or gives agents their
 * starting attributes) says so in its header; the phrase may be wrapped over two lines. */
static int declares_structural(const char *name)
{
    char *text = read_scenario(name), *h = header_of(text);
    char *joined = calloc(strlen(h) + 1, 1);
    cr_assert_not_null(joined);
    char *q = joined;
    for (const char *p = h; *p; p++) {
        if (p[0] == '\n' && p[1] == '#' && p[2] == ' ') {
            p += 2;
            *q++ = ' ';
        } else {
            *q++ = *p;
        }
    }
    int yes = strstr(joined, "structural: it holds from the start") != NULL;
    free(joined);
    free(h);
    free(text);
    return yes;
}

#define BURN_IN_CHECKED 24

static llo_world *world_at_scale(const char *name, llo_scenario **out)
{
    char path[256], run_scale[48], burn[48];
    snprintf(path, sizeof path, "scenarios/%.*s.cfg", NAME_LEN, name);
    snprintf(run_scale, sizeof run_scale, "run.scale=%g", 0.01);
    snprintf(burn, sizeof burn, "run.burn_in_months=%d", BURN_IN_CHECKED);
    const char *sets[] = {run_scale, burn, "run.replicates=1"};
    llo_scenario *s = calloc(1, sizeof *s);
    llo_diag *d = calloc(1, sizeof *d);
    cr_assert(s && d);
    cr_assert_eq(llo_scenario_load(s, path, sets, 3, d), 0, "%s", d->count ? d->msg[0] : "?");
    free(d);
    char err[512];
    llo_world *w = llo_world_alloc(&s->params, 1, err, sizeof err);
    cr_assert_not_null(w, "%s", err);
    *out = s;
    return w;
}

/* A what-if shows the ecosystem before and after its change: the change is a timeline event at
 * month 0 or later, so with common random numbers every month of the burn-in is the baseline's
 * to the last bit, and so is every worker at the start of month 0. A file that declares its
 * change structural must differ already in the burn-in, or the declaration is wrong. */
Test(scenarios, burn_in_is_the_baselines_unless_the_change_is_structural, .timeout = 600)
{
    omp_set_num_threads(1);
    char names[MAX_SCENARIOS][NAME_LEN];
    int n = list_scenarios(names), checked = 0, structural = 0;
    for (int i = 0; i < n; i++) {
        char *text = read_scenario(names[i]);
        int what_if = strstr(text, "\n@include \"baseline.cfg\"") != NULL;
        free(text);
        if (!what_if) continue;
        int declared = declares_structural(names[i]);
        llo_scenario *sb, *ss;
        llo_world *b = world_at_scale("baseline", &sb), *w = world_at_scale(names[i], &ss);
        for (int k = 0; k < ss->params.n_events; k++)
            if (!declared) cr_assert_geq(ss->params.timeline[k].month, 0, "%s: an event in the burn-in", names[i]);
        int same = 1;
        while (llo_world_month(w) < 0) {
            llo_world_step(b);
            llo_world_step(w);
            same &= memcmp(&b->stats, &w->stats, sizeof b->stats) == 0;
            if (!declared) cr_assert(same, "%s: month %d of the burn-in differs from the baseline's", names[i],
                                     llo_world_month(w) - 1);
        }
        if (declared) {
            cr_assert(!same, "%s says its change is structural, yet its burn-in is the baseline's", names[i]);
            structural++;
        } else {
            cr_assert_eq(w->w.capacity, b->w.capacity, "%s", names[i]);
            cr_assert(memcmp(w->w.status, b->w.status, w->w.capacity * sizeof *w->w.status) == 0, "%s", names[i]);
            cr_assert(memcmp(w->w.skill, b->w.skill, w->w.capacity * sizeof *w->w.skill) == 0,
                      "%s: skills differ at month 0", names[i]);
            checked++;
        }
        llo_world_free(b);
        llo_world_free(w);
        free(sb);
        free(ss);
    }
    /* The library's what-ifs but fewer-intermediaries and online-provision, plus quick.cfg. */
    cr_assert_geq(checked, 16, "only %d scenarios start from the baseline's burn-in", checked);
    cr_assert_leq(structural, 3, "%d scenarios hold their change from the start", structural);
}

/* What a run leaves over its last five years (all its written months if it is shorter), for
 * the whole province: the period the headers' "Look at" and compare's headlines read, after the
 * changes made at month 0 have had time to build up. */
typedef struct outcome {
    int64_t flow[LLO_FLOW_N];   /* summed */
    double gauge[LLO_GAUGE_N];  /* mean over the months */
    double stock[LLO_STOCK_N];  /* mean over the months */
    double skill_gap;           /* mean skill gap over the labour force, mean over the months */
    int64_t individual_accrued; /* workers' own budgets accrued in the months, cents */
    int months;
} outcome;

#define SCALE 0.01
#define BURN_IN 24
#define LAST_MONTHS 60

/* Simulates replicate 1 of scenarios/<name>.cfg at SCALE with a BURN_IN-month burn-in and
 * the scenario's own months (so its timeline applies), checking every conservation law. One
 * thread: Criterion runs the tests side by side, and the output does not depend on it. */
static outcome simulate_once(const char *name)
{
    omp_set_num_threads(1);
    char path[256], run_scale[48], burn[48];
    snprintf(path, sizeof path, "scenarios/%.*s.cfg", NAME_LEN, name);
    snprintf(run_scale, sizeof run_scale, "run.scale=%g", SCALE);
    snprintf(burn, sizeof burn, "run.burn_in_months=%d", BURN_IN);
    const char *sets[] = {run_scale, burn, "run.replicates=1"};
    llo_scenario *s = calloc(1, sizeof *s);
    llo_diag *d = calloc(1, sizeof *d);
    cr_assert(s && d);
    cr_assert_eq(llo_scenario_load(s, path, sets, 3, d), 0, "%s", d->count ? d->msg[0] : "?");
    char err[512];
    llo_world *w = llo_world_alloc(&s->params, 1, err, sizeof err);
    cr_assert_not_null(w, "%s", err);
    outcome o;
    memset(&o, 0, sizeof o);
    int64_t accrued_at_start = 0;
    int first = s->params.months > LAST_MONTHS ? s->params.months - LAST_MONTHS : 0;
    while (llo_world_month(w) < s->params.months) {
        if (llo_world_month(w) == first) accrued_at_start = w->acc.individual_accrued;
        llo_world_step(w);
        cr_assert_eq(llo_world_check(w, err, sizeof err), 0, "%s: %s", name, err);
        const llo_month_stats *st = llo_world_stats(w);
        if (st->month < first) continue;
        for (int r = 0; r <= LLO_MAX_REGIONS; r++) {
            for (int f = 0; f < LLO_FLOW_N; f++) o.flow[f] += st->flows.f[f][r];
            for (int k = 0; k < LLO_STOCK_N; k++) o.stock[k] += (double)st->stocks[k][r];
        }
        int64_t gap = 0, workers = 0;
        for (int r = 0; r < s->params.n_regions; r++) {
            gap += st->tally.region[r][LLO_T_GAP];
            workers += st->tally.region[r][LLO_T_WORKERS];
        }
        o.skill_gap += (double)gap / LLO_GAP_SCALE / (double)workers;
        for (int g = 0; g < LLO_GAUGE_N; g++) {
            int64_t num = 0, den = 0;
            for (int r = 0; r <= LLO_MAX_REGIONS; r++) {
                num += st->gauges.num[g][r];
                den += st->gauges.den[g][r];
            }
            o.gauge[g] += den ? (double)num / LLO_GAP_SCALE / (double)den : 0;
        }
        o.months++;
    }
    o.individual_accrued = w->acc.individual_accrued - accrued_at_start;
    for (int g = 0; g < LLO_GAUGE_N; g++) o.gauge[g] /= o.months;
    for (int k = 0; k < LLO_STOCK_N; k++) o.stock[k] /= o.months;
    o.skill_gap /= o.months;
    llo_world_free(w);
    free(s);
    free(d);
    return o;
}

/* Each scenario is simulated once per test process, however many checks read it. */
static outcome simulate(const char *name)
{
    static struct {
        char name[NAME_LEN];
        outcome o;
    } done[MAX_SCENARIOS];
    static int n_done;
    for (int k = 0; k < n_done; k++)
        if (strcmp(done[k].name, name) == 0) return done[k].o;
    cr_assert(n_done < MAX_SCENARIOS);
    snprintf(done[n_done].name, NAME_LEN, "%s", name);
    done[n_done].o = simulate_once(name);
    return done[n_done++].o;
}

static outcome baseline(void) { return simulate("baseline"); }

enum { FLOW, GAUGE, STOCK, SKILL_GAP };

static double value_of(const outcome *o, int kind, int index)
{
    switch (kind) {
    case FLOW: return (double)o->flow[index];
    case GAUGE: return o->gauge[index];
    case STOCK: return o->stock[index];
    default: return o->skill_gap;
    }
}

/* One scenario's headline: the indicator its header points to moves in `sign`'s direction by
 * more than `at_least` of the baseline's value (relative; flows summed and gauges averaged over
 * the last five years). The thresholds are about half of the change this world shows (1:100,
 * replicate 1, common random numbers), so noise does not fail them, while a change of mechanism
 * that halves the effect or reverses it does. */
typedef struct headline {
    const char *scenario;
    const char *indicator;
    int kind, index, sign;
    double at_least;
} headline;

static void check_headlines(const headline *h, size_t n)
{
    outcome b = baseline();
    for (size_t k = 0; k < n; k++) {
        outcome s = simulate(h[k].scenario);
        double x0 = value_of(&b, h[k].kind, h[k].index), x1 = value_of(&s, h[k].kind, h[k].index);
        cr_assert(x0 > 0, "%s: the baseline's %s is %g", h[k].scenario, h[k].indicator, x0);
        double change = (x1 - x0) / x0;
        cr_assert(change * h[k].sign > h[k].at_least, "%s: %s moved by %+.4f (%g -> %g); expected %s%.3f",
                  h[k].scenario, h[k].indicator, change, x0, x1, h[k].sign > 0 ? "more than +" : "less than -",
                  h[k].at_least);
    }
}

Test(scenarios, one_stop_front_office_ends_referral_losses, .timeout = 300)
{
    outcome b = baseline(), s = simulate("one-stop-front-office");
    cr_assert(b.flow[LLO_FLOW_REFERRAL_LOSSES] > 100, "too few referral losses in the baseline to compare");
    cr_assert_eq(s.flow[LLO_FLOW_REFERRAL_LOSSES], 0);
    /* Guidance capacity binds, so those no longer lost wait instead: sessions do not fall. */
    cr_assert_geq(s.flow[LLO_FLOW_GUIDED], b.flow[LLO_FLOW_GUIDED]);
    cr_assert_lt(s.gauge[LLO_GAUGE_FRAGMENTATION], b.gauge[LLO_GAUGE_FRAGMENTATION] - 0.1);
    double take_b = (double)b.flow[LLO_FLOW_FUNDING_APPLICATIONS] /
                    (double)(b.flow[LLO_FLOW_FUNDING_APPLICATIONS] + b.flow[LLO_FLOW_FUNDING_FORGONE]);
    double take_s = (double)s.flow[LLO_FLOW_FUNDING_APPLICATIONS] /
                    (double)(s.flow[LLO_FLOW_FUNDING_APPLICATIONS] + s.flow[LLO_FLOW_FUNDING_FORGONE]);
    cr_assert_gt(take_s, take_b + 0.05, "take-up %.3f against the baseline's %.3f", take_s, take_b);
}

Test(scenarios, structural_capacity_guides_more_and_keeps_the_agenda, .timeout = 300)
{
    const headline h[] = {
        {"structural-capacity", "guidance_sessions", FLOW, LLO_FLOW_GUIDED, +1, 0.02},
        {"structural-capacity", "agenda_strength", GAUGE, LLO_GAUGE_AGENDA, +1, 0.25},
        {"structural-capacity", "trust_in_orchestrator", GAUGE, LLO_GAUGE_TRUST_IN_ORCHESTRATOR, +1, 0.03},
    };
    check_headlines(h, sizeof h / sizeof *h);
}

Test(scenarios, each_what_if_moves_its_headline, .timeout = 600)
{
    const headline h[] = {
        {"fewer-intermediaries", "referral_losses", FLOW, LLO_FLOW_REFERRAL_LOSSES, -1, 0.10},
        {"inclusive-governance", "agenda_strength", GAUGE, LLO_GAUGE_AGENDA, +1, 0.15},
        {"inclusive-governance", "regional_fund_target_spent_eur", FLOW, LLO_FLOW_REGIONAL_TARGET, +1, 0.4},
        {"provider-coordinated", "trust_public_private", GAUGE, LLO_GAUGE_TRUST_PUBLIC_PRIVATE, +1, 0.4},
        {"provider-joint-offer", "skill_gap_mean", SKILL_GAP, 0, -1, 0.05},
        {"payback-clause", "payback_recovered_eur", FLOW, LLO_FLOW_PAYBACK, +1, 0.7},
        {"less-poaching", "poaching_events", FLOW, LLO_FLOW_POACHING, -1, 0.3},
        {"modular-funding", "provider_fit_mean", GAUGE, LLO_GAUGE_PROVIDER_FIT, +1, 0.02},
        {"modular-funding", "public_enrollment", STOCK, LLO_STOCK_PUBLIC_ENROLLMENT, +1, 0.15},
        {"online-provision", "course_starts", FLOW, LLO_FLOW_STARTS, +1, 0.02},
        {"technology-shock", "skill_gap_mean", SKILL_GAP, 0, +1, 0.15},
        {"covid-crisis", "agenda_strength", GAUGE, LLO_GAUGE_AGENDA, +1, 0.03},
        {"ecosystem-package", "agenda_strength", GAUGE, LLO_GAUGE_AGENDA, +1, 0.4},
        {"ecosystem-package", "trust_public_private", GAUGE, LLO_GAUGE_TRUST_PUBLIC_PRIVATE, +1, 0.5},
    };
    check_headlines(h, sizeof h / sizeof *h);
}

/* Public money put into the instruments over the run (cents): the budgets granted from the
 * settings (regional fund, SME subsidy, public learning budget), plus, when the scenario raises
 * the sector funds with public money, what they take in beyond the baseline's levy (the
 * baseline's levy is employers' money). Own budgets are the collective agreements' in all. */
static int64_t moved_public_money(const outcome *o, const outcome *b, int sector_top_up)
{
    return o->flow[LLO_FLOW_REGIONAL_GRANTED] + o->flow[LLO_FLOW_SME_GRANTED] + o->flow[LLO_FLOW_LEARNING_GRANTED] +
           (sector_top_up ? o->flow[LLO_FLOW_SECTOR_GRANTED] - b->flow[LLO_FLOW_SECTOR_GRANTED] : 0);
}

Test(scenarios, funding_trio_moves_the_same_public_money, .timeout = 300)
{
    static const char *const trio[] = {"funding-individual-budget", "funding-sme-subsidy", "funding-sector-funds"};
    outcome b = baseline();
    int64_t base = moved_public_money(&b, &b, 0);
    cr_assert(base > 0);
    for (int k = 0; k < 3; k++) {
        outcome s = simulate(trio[k]);
        /* All of it in one instrument: the regional fund is empty in all three, the SME subsidy
         * in all but its own. */
        cr_assert_eq(s.flow[LLO_FLOW_REGIONAL_GRANTED], 0, "%s", trio[k]);
        if (k != 1) cr_assert_eq(s.flow[LLO_FLOW_SME_GRANTED], 0, "%s", trio[k]);
        if (k != 0) cr_assert_eq(s.flow[LLO_FLOW_LEARNING_GRANTED], 0, "%s", trio[k]);
        /* The collective budgets' rules stay; what accrues moves only with who is employed where
         * (only employees of firms with a scheme accrue), by well under a percent. */
        cr_assert(llabs(s.individual_accrued - b.individual_accrued) * 100 < b.individual_accrued,
                  "%s: the collective budgets stay (%lld accrued, baseline %lld)", trio[k], (long long)s.individual_accrued,
                  (long long)b.individual_accrued);
        double moved = (double)moved_public_money(&s, &b, k == 2) / (double)base - 1;
        if (k < 2) {
            /* Budgets set from the settings: the same money, to rounding (a cent per pot and
             * January). */
            cr_assert(fabs(moved) * (double)base <= 1000.0, "%s puts %+.6f more public money in than the baseline",
                      trio[k], moved);
        } else {
            /* The sector levy's share was set from the wage bill at another scale, and the
             * levy drifts with employment, which diverges between two scenarios at 1:100. */
            cr_assert(fabs(moved) < 0.01, "%s puts %+.4f more public money in than the baseline", trio[k], moved);
        }
        /* The job-seeker fund, the same rule in all, follows the job seekers of each January. */
        double js = (double)s.flow[LLO_FLOW_JOBSEEKER_GRANTED] / (double)b.flow[LLO_FLOW_JOBSEEKER_GRANTED] - 1;
        cr_assert(fabs(js) < 0.01, "%s: job-seeker fund granted %+.4f against the baseline", trio[k], js);
        cr_assert_eq(s.flow[LLO_FLOW_PUBLIC_PROVIDER_GRANTED], b.flow[LLO_FLOW_PUBLIC_PROVIDER_GRANTED]);
    }
}
