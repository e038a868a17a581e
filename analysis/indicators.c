/* The indicators a policy reader looks at first, in plain words, and the funding instruments
 * as the columns name them. Instruments are found from the columns, so a new one appears in
 * the plots and the report without a change here (it only lacks a nicer label). */
#include <stdio.h>
#include <string.h>

#include "analysis/analysis_int.h"

const lla_key_indicator lla_key_indicators[] = {
    {"participation_24m_employed", "two-year participation of employed workers", LLA_UNIT_SHARE},
    {"participation_24m_unemployed", "two-year participation of job seekers", LLA_UNIT_SHARE},
    {"participation_24m_low_educated", "two-year participation of employed workers with low education", LLA_UNIT_SHARE},
    {"participation_24m_small_firms", "two-year participation of staff of firms of 1-9", LLA_UNIT_SHARE},
    {"never_trained_employed", "share of employed workers who never trained", LLA_UNIT_SHARE},
    {"informal_learning_share", "share of work time spent learning on the job", LLA_UNIT_SHARE},
    {"skill_gap_mean", "mean skill gap (0 to 1)", LLA_UNIT_INDEX},
    {"provider_fit_mean", "fit of providers' courses with what sectors need (0 to 1)", LLA_UNIT_INDEX},
    {"trust_in_orchestrator", "trust in the orchestrators (0 to 1)", LLA_UNIT_INDEX},
    {"agenda_strength", "strength of the shared regional agenda (0 to 1)", LLA_UNIT_INDEX},
    {"fragmentation_index", "fragmentation of front doors and funding (0 to 1)", LLA_UNIT_INDEX},
    {"course_starts", "courses started per month", LLA_UNIT_COUNT},
    {"referral_losses", "people lost after a wrong front door, per month", LLA_UNIT_COUNT},
    {"refused_requests", "course requests nobody would pay for, per month", LLA_UNIT_COUNT},
};
const int lla_n_key_indicators = (int)(sizeof lla_key_indicators / sizeof lla_key_indicators[0]);

static const char *const instrument_labels[][2] = {
    {"employer", "employers' training budgets"},
    {"individual_budget", "workers' own learning budgets"},
    {"out_of_pocket", "workers' own pocket"},
    {"jobseeker_fund", "job-seeker fund"},
    {"regional_fund", "regional fund"},
    {"sme_subsidy", "SME subsidy"},
    {"sector_funds", "sector training funds"},
    {"learning_budget", "public individual learning budget"},
    {"public_provider", "public module funding"},
};

const char *lla_instrument_label(const char *prefix)
{
    for (size_t k = 0; k < sizeof instrument_labels / sizeof instrument_labels[0]; k++)
        if (!strcmp(instrument_labels[k][0], prefix)) return instrument_labels[k][1];
    return prefix;
}

/* Does name end in suffix? Then copy the part before it to prefix. */
static int strip(const char *name, const char *suffix, char *prefix, size_t n)
{
    size_t a = strlen(name), b = strlen(suffix);
    if (a <= b || strcmp(name + a - b, suffix) != 0 || a - b >= n) return 0;
    memcpy(prefix, name, a - b);
    prefix[a - b] = 0;
    return 1;
}

int lla_instruments(const lla_run *run, lla_instrument *out, int cap)
{
    int n = 0;
    for (size_t s = 0; s < run->n_series; s++) {
        const lla_series *x = &run->series[s];
        char prefix[64];
        if (strcmp(x->region, "all") || *x->dimension) continue;
        /* An instrument is whatever pays for courses: <prefix>_spent_eur, or money paid out of
         * pocket; "target_spent" is a part of "spent", not an instrument. */
        int is_spent = strip(x->indicator, "_spent_eur", prefix, sizeof prefix) && !strstr(x->indicator, "_target_spent_eur");
        if (!is_spent && !strcmp(x->indicator, "out_of_pocket_eur")) is_spent = strip(x->indicator, "_eur", prefix, sizeof prefix);
        if (!is_spent) continue;
        if (n == cap) break;
        lla_instrument *in = &out[n++];
        snprintf(in->prefix, sizeof in->prefix, "%s", prefix);
        in->spent = (long)s;
        char name[128];
        snprintf(name, sizeof name, "%s_granted_eur", prefix);
        in->granted = lla_series_find(run, "all", "", "", name);
        if (in->granted < 0) {
            snprintf(name, sizeof name, "%s_levied_eur", prefix);
            in->granted = lla_series_find(run, "all", "", "", name);
        }
        snprintf(name, sizeof name, "%s_overhead_eur", prefix);
        in->overhead = lla_series_find(run, "all", "", "", name);
        snprintf(name, sizeof name, "%s_lapsed_eur", prefix);
        in->lapsed = lla_series_find(run, "all", "", "", name);
    }
    return n;
}
