/* Providers that adapt and compete (sim/provider_adaptation.c, sim/provider_competition.c).
 * Direction tests with common random numbers: the same seed under two settings, compared on an
 * aggregate of a small world; conservation of money and seats checked every month under every
 * rule; the same bytes at any thread count. The tests read the world's provider arrays, which
 * the public interface does not show. */
#include <math.h>

#include "sim/llosim.h"
#include "fixture.h"
#include "testutil.h"
#include "sim/world.h"

static llo_scenario *load_small(const char *const *extra, int n_extra)
{
    return fixture_load(0.004, 48, extra, n_extra);
}

static llo_world *make_world(const llo_scenario *s)
{
    char err[512];
    llo_world *w = llo_world_alloc(&s->params, 1, err, sizeof err);
    cr_assert_not_null(w, "%s", err);
    return w;
}

/* What the tests compare, summed over the written months (or taken at the end). */
typedef struct outcome {
    int64_t flows[LLO_FLOW_N];
    int64_t public_starts;     /* courses started at a public provider */
    double fit_public, fit_private; /* mean fit over providers and sectors, last month */
    double fit_gauge_first, fit_gauge_last; /* provider_fit_mean of the whole, first and last month */
    int fit_gauge_rose;        /* months in which provider_fit_mean rose */
} outcome;

/* Mean fit of public (1) or non-public (0) providers over their sectors. */
static double mean_fit(const llo_world *w, int public)
{
    double sum = 0;
    int n = 0;
    for (size_t j = 0; j < w->pr.count; j++) {
        if (llo_provider_is_public(w->pr.kind[j]) != public) continue;
        for (int s = 0; s < w->p.n_sectors; s++, n++) sum += w->pr.fit[j * (size_t)w->p.n_sectors + (size_t)s];
    }
    return n ? sum / n : 0;
}

/* Mean lag of curricula behind the sectors' needs, public (1) or not (0). */
static double mean_lag(const llo_world *w, int public)
{
    double sum = 0;
    int n = 0;
    for (size_t j = 0; j < w->pr.count; j++) {
        if (llo_provider_is_public(w->pr.kind[j]) != public) continue;
        for (int s = 0; s < w->p.n_sectors; s++, n++)
            sum += w->sector_needs[s] - w->pr.curriculum[j * (size_t)w->p.n_sectors + (size_t)s];
    }
    return n ? sum / n : 0;
}

static double gauge_all(const llo_month_stats *st, int g)
{
    int64_t num = st->gauges.num[g][LLO_MAX_REGIONS], den = st->gauges.den[g][LLO_MAX_REGIONS];
    for (int r = 0; r < LLO_MAX_REGIONS; r++) {
        num += st->gauges.num[g][r];
        den += st->gauges.den[g][r];
    }
    return den ? (double)num / LLO_GAP_SCALE / (double)den : 0;
}

/* Steps w to month `until`, checking the conservation laws every month, and adds the written
 * months to *o. */
static void run_to(llo_world *w, int until, outcome *o)
{
    char err[512];
    const llo_params *p = llo_world_params(w);
    while (llo_world_month(w) < until) {
        llo_world_step(w);
        cr_assert_eq(llo_world_check(w, err, sizeof err), 0, "month %d: %s", llo_world_month(w) - 1, err);
        const llo_month_stats *st = llo_world_stats(w);
        /* Public and private enrolment together are everyone in a course. */
        int64_t enrolled = 0, stocks = 0;
        for (int r = 0; r < p->n_regions; r++) enrolled += st->tally.region[r][LLO_T_ENROLLED];
        for (int r = 0; r <= LLO_MAX_REGIONS; r++)
            stocks += st->stocks[LLO_STOCK_PUBLIC_ENROLLMENT][r] + st->stocks[LLO_STOCK_PRIVATE_ENROLLMENT][r];
        cr_assert_eq(stocks, enrolled, "month %d: public + private enrolment %lld, enrolled %lld", st->month,
                     (long long)stocks, (long long)enrolled);
        if (st->month < 0) continue;
        for (int f = 0; f < LLO_FLOW_N; f++)
            for (int r = 0; r < p->n_regions; r++) o->flows[f] += st->flows.f[f][r];
        for (size_t i = 0; i < w->w.capacity; i++)
            if (w->w.status[i] != LLO_SLOT_EMPTY && w->w.last_start[i] == st->month &&
                w->w.provider[i] != LLO_NO_PROVIDER && llo_provider_is_public(w->pr.kind[w->w.provider[i]]))
                o->public_starts++;
        double fit = gauge_all(st, LLO_GAUGE_PROVIDER_FIT);
        if (st->month == 0) o->fit_gauge_first = fit;
        else if (fit > o->fit_gauge_last) o->fit_gauge_rose++;
        o->fit_gauge_last = fit;
    }
    o->fit_public = mean_fit(w, 1);
    o->fit_private = mean_fit(w, 0);
}

static outcome simulate(const char *const *sets, int n)
{
    llo_scenario *s = load_small(sets, n);
    llo_world *w = make_world(s);
    outcome o;
    memset(&o, 0, sizeof o);
    run_to(w, s->params.months, &o);
    llo_world_free(w);
    free(s);
    return o;
}

static void set_speeds(llo_world *w, double factor, const double *speeds)
{
    for (int k = 0; k < LLO_N_PROVIDER_KINDS; k++) llo_world_params(w)->provider_adaptation_speed[k] = factor * speeds[k];
}

/* Needs move on every month: a provider that never adapts loses fit month after month; one that
 * does holds it. */
Test(providers, fit_erodes_without_adaptation, .timeout = 600)
{
    const char *frozen[] = {"providers.adaptation_speed=[0.0, 0.0, 0.0, 0.0, 0.0]"};
    outcome still = simulate(frozen, 1), adapting = simulate(NULL, 0);
    cr_expect_eq(still.fit_gauge_rose, 0, "fit rose in %d months though nobody adapts", still.fit_gauge_rose);
    cr_expect_lt(still.fit_gauge_last, still.fit_gauge_first - 0.03, "fit %.4f -> %.4f: needs drift should erode it",
                 still.fit_gauge_first, still.fit_gauge_last);
    cr_expect_gt(adapting.fit_gauge_last, adapting.fit_gauge_first - 0.01, "adapting providers lost fit: %.4f -> %.4f",
                 adapting.fit_gauge_first, adapting.fit_gauge_last);
    cr_expect_gt(adapting.fit_gauge_last, still.fit_gauge_last + 0.1);
}

/* Adaptation stops for two years and resumes: fit falls, then comes back; private providers
 * (fast) close their lag in a year far more than public ones under diploma-bound funding, whose
 * correction in a year barely outruns the needs moving on meanwhile. */
Test(providers, adaptation_restores_fit_private_faster, .timeout = 600)
{
    /* Trust held at its start, so the information reaching providers does not move with it:
     * this is about adaptation speeds (trust's gating of information is tested elsewhere). */
    /* Seats as designed for: a provider's own signal is its demand relative to a full one's. */
    const char *fixed_trust[] = {"trust.gain=0.0", "trust.loss=0.0", "trust.decay=0.0", "orchestrators.convening_per_year=0.0",
                                 "providers.seats=[8000L, 6000L, 3000L, 5000L, 10000L]"};
    llo_scenario *s = load_small(fixed_trust, 5);
    llo_world *w = make_world(s);
    double speeds[LLO_N_PROVIDER_KINDS];
    memcpy(speeds, s->params.provider_adaptation_speed, sizeof speeds);
    outcome o;
    memset(&o, 0, sizeof o);
    run_to(w, 0, &o);
    double before_pub = mean_fit(w, 1), before_priv = mean_fit(w, 0);
    set_speeds(w, 0, speeds);
    run_to(w, 24, &o);
    double frozen_pub = mean_fit(w, 1), frozen_priv = mean_fit(w, 0);
    double lag_pub = mean_lag(w, 1), lag_priv = mean_lag(w, 0);
    cr_expect_lt(frozen_pub, before_pub - 0.02, "public fit %.4f -> %.4f while frozen", before_pub, frozen_pub);
    cr_expect_lt(frozen_priv, before_priv - 0.02, "private fit %.4f -> %.4f while frozen", before_priv, frozen_priv);
    set_speeds(w, 1, speeds);
    run_to(w, 36, &o);
    /* The share of its lag each side closed in a year, needs moving on all the while. */
    double closed_pub = 1 - mean_lag(w, 1) / lag_pub, closed_priv = 1 - mean_lag(w, 0) / lag_priv;
    cr_expect_gt(closed_priv, 0.5, "private providers closed only %.2f of their lag in a year", closed_priv);
    cr_expect_gt(closed_priv, closed_pub + 0.3, "private closed %.2f, public %.2f", closed_priv, closed_pub);
    /* Public providers take years (a time constant of about 1 / (speed * factor * signal), some
     * five to six years under diploma funding): after six years most of the drop is back. */
    run_to(w, 96, &o);
    cr_expect_gt(mean_fit(w, 0), before_priv - 0.01, "private fit %.4f not restored to %.4f", mean_fit(w, 0), before_priv);
    cr_expect_gt(mean_fit(w, 1), frozen_pub + 0.5 * (before_pub - frozen_pub), "public fit %.4f: before %.4f, frozen %.4f",
                 mean_fit(w, 1), before_pub, frozen_pub);
    llo_world_free(w);
    free(s);
}

/* Modular funding: public providers adapt faster and sell shorter, cheaper modules, so their fit
 * and the courses started with them rise. (Their enrolment at a month's end need not: modules
 * are shorter.) */
Test(providers, modular_funding_raises_public_fit_and_starts, .timeout = 600)
{
    const char *diploma[] = {"providers.public_funding=\"diploma\""};
    const char *modular[] = {"providers.public_funding=\"modular\""};
    outcome d = simulate(diploma, 1), m = simulate(modular, 1);
    cr_expect_gt(m.fit_public, d.fit_public + 0.03, "public fit: modular %.4f, diploma %.4f", m.fit_public, d.fit_public);
    cr_expect_gt(m.public_starts, d.public_starts * 11 / 10, "public starts: modular %lld, diploma %lld",
                 (long long)m.public_starts, (long long)d.public_starts);
    cr_expect_gt(m.flows[LLO_FLOW_STARTS], d.flows[LLO_FLOW_STARTS], "all starts: modular %lld, diploma %lld",
                 (long long)m.flows[LLO_FLOW_STARTS], (long long)d.flows[LLO_FLOW_STARTS]);
    /* The private side is the same sort of provider under both rules. */
    cr_expect_lt(fabs(m.fit_private - d.fit_private), 0.02);
}

/* Employers' skill needs reaching providers speed up every provider's correction. */
Test(providers, information_sharing_raises_fit, .timeout = 600)
{
    const char *none[] = {"providers.information_sharing=0.0"};
    const char *full[] = {"providers.information_sharing=1.0"};
    outcome a = simulate(none, 1), b = simulate(full, 1);
    cr_expect_gt(b.fit_public, a.fit_public + 0.02, "public fit: shared %.4f, not shared %.4f", b.fit_public, a.fit_public);
    cr_expect_gt(b.fit_private, a.fit_private, "private fit: shared %.4f, not shared %.4f", b.fit_private, a.fit_private);
}

/* Scarce seats: coordinated providers refer a worker they cannot seat to the next-best provider
 * with a seat, so fewer claims fail for want of a seat, and no fewer courses start. Two levels
 * of scarcity: the default seats (private and online providers full, public ones not) and
 * private and online seats halved (claims failing more often than courses start). */
Test(providers, coordination_turns_shortages_into_referrals, .timeout = 600)
{
    const char *seats[] = {"providers.seats=[8000L, 6000L, 3000L, 5000L, 10000L]",
                           "providers.seats=[8000L, 6000L, 3000L, 2500L, 5000L]"};
    /* Bounds on the shortages coordination leaves: at default seats public providers have
     * room to refer to, so most shortages go (with the governance and trust mechanisms in
     * place demand on private providers is higher, so two thirds rather than a half); with
     * private seats halved there is little room anywhere. */
    const double most_shortage_left[] = {0.67, 0.95};
    for (int k = 0; k < 2; k++) {
        const char *market[] = {seats[k], "providers.competition=\"market\""};
        const char *coordinated[] = {seats[k], "providers.competition=\"coordinated\""};
        outcome m = simulate(market, 2), c = simulate(coordinated, 2);
        int64_t short_m = m.flows[LLO_FLOW_SEAT_SHORTAGES], short_c = c.flows[LLO_FLOW_SEAT_SHORTAGES];
        cr_expect_gt(short_m, m.flows[LLO_FLOW_STARTS] / 4, "%s: seats were not scarce", seats[k]);
        cr_expect_eq(m.flows[LLO_FLOW_REFERRALS], 0, "providers in a market refer nobody");
        cr_expect_gt(c.flows[LLO_FLOW_REFERRALS], 0);
        cr_expect_lt((double)short_c, most_shortage_left[k] * (double)short_m, "%s: seat shortages: coordinated %lld, market %lld",
                     seats[k], (long long)short_c, (long long)short_m);
        cr_expect_geq(c.flows[LLO_FLOW_STARTS], m.flows[LLO_FLOW_STARTS], "%s: starts: coordinated %lld, market %lld",
                      seats[k], (long long)c.flows[LLO_FLOW_STARTS], (long long)m.flows[LLO_FLOW_STARTS]);
    }
}

/* A joint offer per region: one offer shown per region (online ones beside it), seats pooled and
 * placed with the best-fitting member (checked every month by llo_world_check), and fewer claims
 * fail than when each provider fills its own seats. */
Test(providers, joint_offer_pools_seats, .timeout = 600)
{
    /* Scarce seats, so that where a claim lands matters. */
    const char *market[] = {"providers.competition=\"market\"", "providers.seats=[4000L, 3000L, 1500L, 5000L, 10000L]"};
    const char *joint[] = {"providers.competition=\"joint\"", "providers.seats=[4000L, 3000L, 1500L, 5000L, 10000L]"};
    outcome m = simulate(market, 2);
    llo_scenario *s = load_small(joint, 2);
    llo_world *w = make_world(s);
    outcome j;
    memset(&j, 0, sizeof j);
    run_to(w, s->params.months, &j);
    int offers[LLO_MAX_REGIONS] = {0};
    int64_t seats[LLO_MAX_REGIONS] = {0}, pooled[LLO_MAX_REGIONS] = {0};
    for (size_t k = 0; k < w->pr.count; k++) {
        if (w->pr.region[k] == LLO_ONLINE) {
            cr_expect_eq(w->pr.offer[k], k, "an online provider is its own offer");
            continue;
        }
        offers[w->pr.region[k]] += w->pr.offer_seats[k] > 0;
        seats[w->pr.region[k]] += w->pr.seats[k];
        pooled[w->pr.region[k]] += w->pr.offer_seats[k];
    }
    for (int r = 0; r < s->params.n_regions; r++) {
        cr_expect_eq(offers[r], 1, "region %d shows %d offers", r, offers[r]);
        cr_expect_eq(pooled[r], seats[r], "region %d pools %lld of %lld seats", r, (long long)pooled[r], (long long)seats[r]);
    }
    cr_expect_eq(j.flows[LLO_FLOW_REFERRALS], 0);
    /* A pooled offer places a claim wherever a member has a seat: a smaller share of the claims
     * fails for want of one (the joint offer also draws more claims, so counts can rise). */
    double jshare = (double)j.flows[LLO_FLOW_SEAT_SHORTAGES] / (double)(j.flows[LLO_FLOW_SEAT_SHORTAGES] + j.flows[LLO_FLOW_STARTS] + j.flows[LLO_FLOW_REFUSED]);
    double mshare = (double)m.flows[LLO_FLOW_SEAT_SHORTAGES] / (double)(m.flows[LLO_FLOW_SEAT_SHORTAGES] + m.flows[LLO_FLOW_STARTS] + m.flows[LLO_FLOW_REFUSED]);
    cr_expect_lt(jshare, mshare, "share of claims short of a seat: joint %.4f (%lld), market %.4f (%lld)", jshare,
                 (long long)j.flows[LLO_FLOW_SEAT_SHORTAGES], mshare, (long long)m.flows[LLO_FLOW_SEAT_SHORTAGES]);
    llo_world_free(w);
    free(s);
}

/* Under market competition a full private provider raises its price and one with empty seats
 * lowers it, within its flex around the list price; coordinated providers keep to list. */
Test(providers, market_prices_follow_occupancy, .timeout = 600)
{
    const char *sets[][2] = {
        {"providers.seats=[2000L, 1500L, 800L, 1200L, 2500L]", "providers.competition=\"market\""},
        {"providers.seats=[800000L, 600000L, 300000L, 500000L, 1000000L]", "providers.competition=\"market\""},
        {"providers.seats=[2000L, 1500L, 800L, 1200L, 2500L]", "providers.competition=\"coordinated\""},
    };
    double ratio[3];
    for (int k = 0; k < 3; k++) {
        llo_scenario *s = load_small(sets[k], 2);
        llo_world *w = make_world(s);
        outcome o;
        memset(&o, 0, sizeof o);
        run_to(w, 24, &o);
        double sum = 0;
        int n = 0;
        for (size_t j = 0; j < w->pr.count; j++) {
            double r = (double)w->pr.price_cents[j] / (double)w->pr.list_price_cents[j];
            if (llo_provider_is_public(w->pr.kind[j])) {
                cr_expect_eq(w->pr.price_cents[j], w->pr.list_price_cents[j], "a public price moved under diploma funding");
                continue;
            }
            cr_expect(r >= 1 - s->params.provider_price_flex - 1e-4 && r <= 1 + s->params.provider_price_flex + 1e-4,
                      "price ratio %.4f beyond the flex", r);
            sum += r;
            n++;
        }
        ratio[k] = sum / n;
        llo_world_free(w);
        free(s);
    }
    cr_expect_gt(ratio[0], 1.1, "full private providers priced at %.3f of list", ratio[0]);
    cr_expect_lt(ratio[1], 0.9, "empty private providers priced at %.3f of list", ratio[1]);
    cr_expect_eq(ratio[2], 1.0, "coordinated providers priced at %.3f of list", ratio[2]);
}

/* Seats and money conserved every month under every rule and funding (run_to checks). */
Test(providers, every_rule_conserves_seats_and_money, .timeout = 600)
{
    const char *rules[] = {"providers.competition=\"market\"", "providers.competition=\"coordinated\"",
                           "providers.competition=\"joint\""};
    const char *funding[] = {"providers.public_funding=\"diploma\"", "providers.public_funding=\"modular\""};
    for (int r = 0; r < 3; r++)
        for (int f = 0; f < 2; f++) {
            const char *sets[] = {rules[r], funding[f], "providers.seats=[3000L, 2000L, 1000L, 2000L, 3000L]",
                                  "run.months=24"};
            outcome o = simulate(sets, 4);
            cr_expect_gt(o.flows[LLO_FLOW_STARTS], 0, "%s %s: nobody started", rules[r], funding[f]);
        }
}

/* The rules change nothing about reproducibility: the same bytes at 1 and 2 threads. */
Test(providers, thread_invariance_under_every_rule, .timeout = 600)
{
    char tmp[64];
    make_tmpdir(tmp, sizeof tmp);
    const char *rules[] = {"coordinated", "joint"};
    for (int k = 0; k < 2; k++)
        for (int t = 1; t <= 2; t++)
            cr_assert_eq(run_llosim(NULL, "run scenarios/quick.cfg --scale 0.005 --months 30 --threads %d "
                                          "--set 'providers.competition=\"%s\"' --set 'providers.public_funding=\"modular\"' "
                                          "--check-invariants -q -o %s/%s-t%d", t, rules[k], tmp, rules[k], t), 0);
    for (int k = 0; k < 2; k++) {
        char a[256], b[256];
        snprintf(a, sizeof a, "%s/%s-t1/timeseries.csv", tmp, rules[k]);
        snprintf(b, sizeof b, "%s/%s-t2/timeseries.csv", tmp, rules[k]);
        cr_expect(same_file(a, b), "%s: timeseries differs between 1 and 2 threads", rules[k]);
    }
    remove_tree(tmp);
}

/* The new columns are written, and `llosim params` names the rules a setting may take. */
Test(providers, columns_and_rule_reference, .timeout = 600)
{
    char tmp[64], path[256];
    make_tmpdir(tmp, sizeof tmp);
    cr_assert_eq(run_llosim(NULL, "run scenarios/quick.cfg --scale 0.004 --months 3 -q -o %s/a", tmp), 0);
    snprintf(path, sizeof path, "%s/a/timeseries.csv", tmp);
    char *text = slurp(path, NULL);
    cr_assert_not_null(text);
    char *eol = strchr(text, '\n');
    cr_assert_not_null(eol);
    *eol = 0;
    const char *cols[] = {"public_enrollment", "private_enrollment", "provider_fit_mean", "provider_referrals"};
    for (int k = 0; k < 4; k++) cr_expect(strstr(text, cols[k]), "timeseries.csv has no %s column", cols[k]);
    free(text);
    snprintf(path, sizeof path, "%s/params.txt", tmp);
    cr_assert_eq(run_llosim(path, "params"), 0);
    text = slurp(path, NULL);
    cr_expect(strstr(text, "one of: market, coordinated, joint"), "llosim params does not list the competition rules");
    cr_expect(strstr(text, "one of: diploma, modular"), "llosim params does not list the funding rules");
    free(text);
    remove_tree(tmp);
}
