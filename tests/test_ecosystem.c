/* Directions of the ecosystem mechanisms (orchestrators, governance, trust), each with common
 * random numbers: the same seed under two settings, compared on a small world. */
#include <math.h>

#include "sim/llosim.h"
#include "fixture.h"
#include "testutil.h"

/* Sums over the written months of a run of quick.cfg with the given overrides. */
typedef struct summary {
    int64_t flow[LLO_FLOW_N];
    double gauge_last[LLO_GAUGE_N]; /* value for the whole in the last month */
    double part_employed, part_unemployed; /* mean over months */
    double eigen[LLO_N_NODES];             /* the whole's eigenvector centrality, mean over months */
} summary;

static summary simulate(const char *const *sets, int n)
{
    llo_scenario *s = fixture_load(0.005, 48, sets, n);
    char err[512];
    llo_world *w = llo_world_alloc(&s->params, 1, err, sizeof err);
    cr_assert_not_null(w, "%s", err);
    summary out;
    memset(&out, 0, sizeof out);
    int months = 0;
    while (llo_world_month(w) < s->params.months) {
        llo_world_step(w);
        cr_assert_eq(llo_world_check(w, err, sizeof err), 0, "%s", err);
        const llo_month_stats *st = llo_world_stats(w);
        if (st->month < 0) continue;
        int64_t emp = 0, pe = 0, un = 0, pu = 0;
        for (int r = 0; r < s->params.n_regions; r++) {
            for (int f = 0; f < LLO_FLOW_N; f++) out.flow[f] += st->flows.f[f][r];
            emp += st->tally.region[r][LLO_T_EMPLOYED];
            pe += st->tally.region[r][LLO_T_PART_EMPLOYED];
            un += st->tally.region[r][LLO_T_UNEMPLOYED];
            pu += st->tally.region[r][LLO_T_PART_UNEMPLOYED];
        }
        for (int a = 0; a < LLO_N_NODES; a++) out.eigen[a] += st->network.eigenvector[LLO_MAX_REGIONS][a];
        out.part_employed += (double)pe / (double)emp;
        out.part_unemployed += (double)pu / (double)un;
        for (int g = 0; g < LLO_GAUGE_N; g++) {
            int64_t num = 0, den = 0;
            for (int r = 0; r <= LLO_MAX_REGIONS; r++) {
                num += st->gauges.num[g][r];
                den += st->gauges.den[g][r];
            }
            out.gauge_last[g] = den ? (double)num / LLO_GAP_SCALE / (double)den : 0;
        }
        months++;
    }
    for (int a = 0; a < LLO_N_NODES; a++) out.eigen[a] /= months;
    out.part_employed /= months;
    out.part_unemployed /= months;
    llo_world_free(w);
    free(s);
    return out;
}

Test(ecosystem, front_office_removes_referral_losses, .timeout = 300)
{
    const char *off[] = {"orchestrators.front_office=0"}, *on[] = {"orchestrators.front_office=1"};
    summary a = simulate(off, 1), b = simulate(on, 1);
    cr_assert(a.flow[LLO_FLOW_REFERRAL_LOSSES] > 0, "no referral losses without a front office");
    cr_assert_eq(b.flow[LLO_FLOW_REFERRAL_LOSSES], 0);
    cr_assert(b.flow[LLO_FLOW_GUIDED] >= a.flow[LLO_FLOW_GUIDED], "front office guided %lld < %lld",
              (long long)b.flow[LLO_FLOW_GUIDED], (long long)a.flow[LLO_FLOW_GUIDED]);
    cr_assert(b.gauge_last[LLO_GAUGE_FRAGMENTATION] < a.gauge_last[LLO_GAUGE_FRAGMENTATION]);
}

Test(ecosystem, more_intermediaries_lose_more_people, .timeout = 300)
{
    /* The same staff in both, spread over one or six organisations: only fragmentation differs. */
    const char *few[] = {"orchestrators.intermediaries=[1L, 1L, 1L, 1L]", "orchestrators.intermediary_staff_fte=48"};
    const char *many[] = {"orchestrators.intermediaries=[6L, 6L, 6L, 6L]", "orchestrators.intermediary_staff_fte=8"};
    summary a = simulate(few, 2), b = simulate(many, 2);
    cr_assert(b.flow[LLO_FLOW_REFERRAL_LOSSES] > a.flow[LLO_FLOW_REFERRAL_LOSSES], "losses %lld with one intermediary, %lld with six (guided %lld, %lld; waiting %lld, %lld)", (long long)a.flow[LLO_FLOW_REFERRAL_LOSSES], (long long)b.flow[LLO_FLOW_REFERRAL_LOSSES], (long long)a.flow[LLO_FLOW_GUIDED], (long long)b.flow[LLO_FLOW_GUIDED], (long long)a.flow[LLO_FLOW_GUIDANCE_WAITING], (long long)b.flow[LLO_FLOW_GUIDANCE_WAITING]);
    cr_assert(b.gauge_last[LLO_GAUGE_FRAGMENTATION] > a.gauge_last[LLO_GAUGE_FRAGMENTATION]);
}

Test(ecosystem, temporary_capacity_weakens_the_agenda, .timeout = 300)
{
    const char *structural[] = {"orchestrators.temporary_staff_share=0.0"};
    const char *temporary[] = {"orchestrators.temporary_staff_share=0.9", "orchestrators.temporary_turnover=1.0"};
    summary a = simulate(structural, 1), b = simulate(temporary, 2);
    cr_assert(b.gauge_last[LLO_GAUGE_AGENDA] < a.gauge_last[LLO_GAUGE_AGENDA], "agenda %g (temporary) vs %g",
              b.gauge_last[LLO_GAUGE_AGENDA], a.gauge_last[LLO_GAUGE_AGENDA]);
    /* Newcomers see fewer people: less guidance. */
    cr_assert(b.flow[LLO_FLOW_GUIDED] < a.flow[LLO_FLOW_GUIDED]);
}

Test(ecosystem, inclusive_governance_strengthens_the_agenda_and_trust, .timeout = 300)
{
    const char *centre[] = {"governance.agency=[0.45, 0.45, 0.04, 0.02, 0.04]"};
    const char *inclusive[] = {"governance.agency=[0.2, 0.2, 0.2, 0.2, 0.2]"};
    summary a = simulate(centre, 1), b = simulate(inclusive, 1);
    cr_assert(b.gauge_last[LLO_GAUGE_AGENDA] > a.gauge_last[LLO_GAUGE_AGENDA]);
    /* A stronger agenda makes convening build more trust. */
    cr_assert(b.gauge_last[LLO_GAUGE_TRUST_PUBLIC_PRIVATE] > a.gauge_last[LLO_GAUGE_TRUST_PUBLIC_PRIVATE]);
    cr_assert(b.gauge_last[LLO_GAUGE_TRUST_IN_ORCHESTRATOR] > a.gauge_last[LLO_GAUGE_TRUST_IN_ORCHESTRATOR]);
}

Test(ecosystem, convening_builds_trust, .timeout = 300)
{
    const char *none[] = {"orchestrators.convening_per_year=0.0"}, *often[] = {"orchestrators.convening_per_year=12.0"};
    summary a = simulate(none, 1), b = simulate(often, 1);
    cr_assert(b.gauge_last[LLO_GAUGE_TRUST_EMPLOYER_PROVIDER] > a.gauge_last[LLO_GAUGE_TRUST_EMPLOYER_PROVIDER]);
    cr_assert(b.gauge_last[LLO_GAUGE_TRUST_PUBLIC_PRIVATE] > a.gauge_last[LLO_GAUGE_TRUST_PUBLIC_PRIVATE]);
}

Test(ecosystem, competition_erodes_public_private_trust, .timeout = 300)
{
    const char *mild[] = {"trust.competition_erosion=0.0"}, *harsh[] = {"trust.competition_erosion=1.0"};
    summary a = simulate(mild, 1), b = simulate(harsh, 1);
    cr_assert(b.gauge_last[LLO_GAUGE_TRUST_PUBLIC_PRIVATE] < a.gauge_last[LLO_GAUGE_TRUST_PUBLIC_PRIVATE]);
}

Test(ecosystem, bad_experiences_weigh_more, .timeout = 300)
{
    /* With every course a bad experience (a fit nobody reaches), trust falls; with every course
     * good it rises, and by less than it fell: asymmetric updating. */
    const char *all_bad[] = {"trust.good_fit=1.0", "trust.decay=0.0", "orchestrators.convening_per_year=0.0"};
    const char *all_good[] = {"trust.good_fit=0.0", "trust.decay=0.0", "orchestrators.convening_per_year=0.0", "training.dropout_share=0.0"};
    summary a = simulate(all_bad, 3), b = simulate(all_good, 4);
    double start = 0.5; /* trust.initial_employer_provider */
    double fall = start - a.gauge_last[LLO_GAUGE_TRUST_EMPLOYER_PROVIDER];
    double rise = b.gauge_last[LLO_GAUGE_TRUST_EMPLOYER_PROVIDER] - start;
    cr_assert(fall > 0 && rise > 0, "fall %g rise %g", fall, rise);
    cr_assert(fall > rise, "bad experiences should weigh more: fall %g, rise %g", fall, rise);
}

/* More regional fund never lowers participation. Where seats are scarce (the baseline's private
 * providers are full) the fund's target groups take seats others would have had, and their
 * courses may be longer, so even the number of starts can dip: the claim there is only that no
 * more requests fail for want of a payer. With seats for everyone, neither group's
 * participation falls (0.002: the noise of who wins a seat in a different order). */
Test(ecosystem, more_regional_fund_never_lowers_participation, .timeout = 300)
{
    const char *none[] = {"funding.regional_fund_eur=[0.0, 0.0, 0.0, 0.0]"};
    const char *rich[] = {"funding.regional_fund_eur=[3e7, 3e7, 3e7, 3e7]"};
    summary a = simulate(none, 1), b = simulate(rich, 1);
    cr_assert_eq(a.flow[LLO_FLOW_REGIONAL_SPENT], 0);
    cr_assert(b.flow[LLO_FLOW_REGIONAL_SPENT] > 0);
    cr_assert(b.flow[LLO_FLOW_REFUSED] <= a.flow[LLO_FLOW_REFUSED]);

    const char *none_ample[] = {none[0], "providers.seats=[80000L, 60000L, 30000L, 50000L, 100000L]"};
    const char *rich_ample[] = {rich[0], none_ample[1]};
    summary c = simulate(none_ample, 2), e = simulate(rich_ample, 2);
    cr_assert(e.flow[LLO_FLOW_STARTS] >= c.flow[LLO_FLOW_STARTS]);
    cr_assert(e.part_employed >= c.part_employed - 0.002, "%g vs %g", e.part_employed, c.part_employed);
    cr_assert(e.part_unemployed >= c.part_unemployed - 0.002, "%g vs %g", e.part_unemployed, c.part_unemployed);
}

/* The study's finding 6: under the baseline's agency the municipality and intermediaries sit in
 * the centre, employers, workers and education in the periphery; giving the periphery votes
 * moves them toward the centre. */
/* The centre and periphery emerge from interactions, not from votes (docs/model.md 7.21):
 * whatever the baseline shows is reported as it is, but the structure must follow what
 * happens. Co-developing offer and selling one joint offer tie employers and both kinds of
 * providers closer in; a table without employers' and education's seats cannot. */
Test(ecosystem, centre_and_periphery_follow_interactions, .timeout = 300)
{
    const char *apart[] = {"governance.agency=[0.5, 0.5, 0.0, 0.0, 0.0]", "providers.competition=\"market\""};
    const char *together[] = {"governance.agency=[0.2, 0.2, 0.2, 0.2, 0.2]", "providers.competition=\"joint\"",
                              "governance.codevelopment=5", "governance.agenda_initial=0.8"};
    summary a = simulate(apart, 2), b = simulate(together, 4);
    for (int n = 0; n < LLO_N_NODES; n++) cr_assert(a.eigen[n] >= 0 && a.eigen[n] <= 1 + 1e-12);
    cr_assert_gt(b.eigen[LLO_NODE_PRIVATE_PROVIDERS], a.eigen[LLO_NODE_PRIVATE_PROVIDERS], "private providers %g -> %g",
                 a.eigen[LLO_NODE_PRIVATE_PROVIDERS], b.eigen[LLO_NODE_PRIVATE_PROVIDERS]);
    cr_assert_gt(b.eigen[LLO_NODE_EMPLOYERS], a.eigen[LLO_NODE_EMPLOYERS], "employers %g -> %g", a.eigen[LLO_NODE_EMPLOYERS],
                 b.eigen[LLO_NODE_EMPLOYERS]);
}

/* Trust gates what employers tell providers about their skill needs: after a trust shock less
 * reaches them, so curricula fall further behind. */
Test(ecosystem, lost_trust_slows_providers_adaptation, .timeout = 300)
{
    const char *calm[] = {"trust.decay=0.0", "orchestrators.convening_per_year=0.0"};
    const char *shaken[] = {"trust.decay=0.0", "orchestrators.convening_per_year=0.0",
                            "timeline=({ month = 0; shock = \"trust\"; delta = -0.45; })"};
    summary a = simulate(calm, 2), b = simulate(shaken, 3);
    /* Good experiences rebuild it within a few years, but not all the way. */
    cr_assert(b.gauge_last[LLO_GAUGE_TRUST_EMPLOYER_PROVIDER] < a.gauge_last[LLO_GAUGE_TRUST_EMPLOYER_PROVIDER] - 0.05);
    cr_assert(b.gauge_last[LLO_GAUGE_PROVIDER_FIT] < a.gauge_last[LLO_GAUGE_PROVIDER_FIT], "fit %g after the shock, %g without",
              b.gauge_last[LLO_GAUGE_PROVIDER_FIT], a.gauge_last[LLO_GAUGE_PROVIDER_FIT]);
}
