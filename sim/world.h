/* The world: every agent of a run as struct-of-arrays, allocated once by llo_world_alloc and
 * never resized. Private to the engine (the public API is llosim.h). A month is a sequence of
 * phases (step.c): agents decide in parallel from the state at the start of the month, then
 * scarce things (jobs, seats, budgets) are resolved serially in a deterministic order. */
#ifndef LLO_WORLD_H
#define LLO_WORLD_H

#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <gsl/gsl_rng.h>

#include "config/params.h"
#include "sim/indicators.h"
#include "sim/follow.h"
#include "sim/llosim.h"

#define LLO_NONE UINT32_MAX          /* no employer */
#define LLO_NO_PROVIDER UINT16_MAX   /* not in a course */
#define LLO_NEVER INT16_MIN          /* no course start on record */
#define LLO_ONLINE UINT8_MAX         /* region of an online provider */
#define LLO_DRAW_BUCKETS 256         /* resolution of the start decision's early answer */
#define LLO_HORIZON_MONTHS 601       /* training.horizon_years' range, in months, and one more */
#define LLO_FIRST_YEAR_MONTHS 12     /* tenure below which labour.separation_tenure_ratio raises job loss */

/* Worker status; an empty slot is free for an entrant. */
enum { LLO_SLOT_EMPTY = 0, LLO_EMPLOYED = 1, LLO_JOBSEEKER = 2 };

/* Worker flags (persistent). */
enum {
    LLO_F_NEVER_LEARNER = 1u << 0, /* belongs to the group that never trains */
    LLO_F_EVER_TRAINED = 1u << 1,  /* started at least one course in working life */
    LLO_F_WILL_DROP = 1u << 2,     /* the current course ends in a dropout */
    LLO_F_GUIDED = 1u << 3,        /* guided by the orchestrator last month */
    LLO_F_WAITING = 1u << 4,       /* sought guidance last month and was not seen: served first */
    LLO_F_HELPED_TO_APPLY = 1u << 5, /* guided last month: applies to every funding instrument open to them
                                        this month (GUIDED itself is cleared by the decide pass) */
    LLO_F_KNOWS_BUDGET = 1u << 6,  /* has found out how to use the own learning budget (initiative or guidance);
                                      cleared by a change of employer, whose scheme must be found out anew */
    LLO_F_UNAIDED_START = 1u << 7, /* this month's wish to start would stand without the public support the
                                      worker counted on (job-seeker fund, learning budget): for deadweight */
};

/* What the decide pass proposes for a worker this month (cleared each month). */
enum {
    LLO_E_EXIT = 1u << 0,        /* leaves the labour market */
    LLO_E_SEPARATE = 1u << 1,    /* loses the job or ends the business */
    LLO_E_FIND = 1u << 2,        /* a job seeker finds work (if a vacancy is left) */
    LLO_E_COURSE_END = 1u << 3,  /* the course ended this month (completed or dropped out) */
    LLO_E_WANTS_COURSE = 1u << 4, /* wants to start a course at intent_provider */
    LLO_E_SEEKS_GUIDANCE = 1u << 5, /* asks an orchestrator for guidance */
    LLO_E_POACH_OFFER = 1u << 6,    /* approached by another firm: moves there if it still has a vacancy */
    LLO_E_REACHED = 1u << 7         /* with SEEKS_GUIDANCE: invited by the agenda's outreach, seen only if a session is left */
};

/* An employer's answer to an employee's request for a course (employer_decision.c). */
enum { LLO_SUPPORT_REFUSE, LLO_SUPPORT_COFUND, LLO_SUPPORT_FULL };

/* Per-agent fields. Each actor's fields are ONE list, X(type, name, per): `per` elements per
 * agent, an expression in n_sectors and n_providers (most fields have one). The struct, the
 * allocation, the free, the memory estimate (world.c) and the checkpoint's body and layout hash
 * (checkpoint.c) are all generated from these lists, so a new field is one line here. */
#define LLO_FIELD_DECLARE(type, name, per) type *name;

/* Workers, one slot per index. person[] is the persistent identity that keys every draw, so
 * a slot reused by an entrant draws as a new person. */
#define LLO_WORKER_FIELDS(X)                                                                              \
    X(uint64_t, person, 1)                                                                                \
    X(uint8_t, status, 1)                                                                                 \
    X(uint8_t, region, 1)                                                                                 \
    X(uint8_t, sector, 1)          /* the employer's sector; a job seeker keeps the last one */          \
    X(uint8_t, education, 1)                                                                              \
    X(uint8_t, contract, 1)        /* of the current (or last) job */                                    \
    X(uint8_t, size_class, 1)      /* of the employer; self-employed count as 1-9 */                     \
    X(uint8_t, flags, 1)                                                                                  \
    X(uint8_t, event, 1)           /* proposals of this month, LLO_E_* */                                \
    X(uint8_t, course_left, 1)     /* months left in the current course */                               \
    X(uint16_t, age_months, 1)                                                                            \
    X(uint16_t, tenure_months, 1)  /* months with the current employer; 0 for the self-employed and job  \
                                      seekers; stops at UINT16_MAX */                                     \
    X(uint16_t, provider, 1)       /* current course, or LLO_NO_PROVIDER */                              \
    X(uint16_t, intent_provider, 1)                                                                       \
    X(int16_t, last_start, 1)      /* month of the last course start, LLO_NEVER if none */               \
    X(int16_t, last_completion, 1) /* month of the last completed course, LLO_NEVER if none */           \
    X(uint32_t, employer, 1)                                                                              \
    X(float, skill, 1)             /* relative to the job's needs, 1 = adequate */                       \
    X(float, propensity, 1)        /* persistent logit shift */                                          \
    X(int32_t, own_budget_cents, 1)                                                                       \
    X(int32_t, employer_paid_cents, 1) /* the employer's contribution to the last course, while a       \
                                          pay-back clause may apply; 0 once the worker leaves that      \
                                          employer */

typedef struct llo_workers {
    size_t capacity;
    LLO_WORKER_FIELDS(LLO_FIELD_DECLARE)
} llo_workers;

/* Employers. Budgets renew each January; what is unspent in December lapses. */
#define LLO_EMPLOYER_FIELDS(X)                                                                            \
    X(uint8_t, region, 1)                                                                                 \
    X(uint8_t, sector, 1)                                                                                 \
    X(uint8_t, size_class, 1)                                                                             \
    X(uint32_t, target_size, 1)   /* jobs the firm wants filled */                                       \
    X(uint32_t, headcount, 1)     /* employees now */                                                    \
    X(float, learning_culture, 1) /* support probability for a course whose return equals its net cost */\
    X(float, learning_share, 1)   /* share of work time spent on tasks one learns from */                \
    X(float, trust_public, 1)     /* trust in public providers, from its staff's courses */              \
    X(float, trust_private, 1)    /* trust in private and online providers */                            \
    X(float, gaps_closed, 1)      /* this month: skill gaps closed by courses it funded (1 = a gap) */   \
    X(uint32_t, trained_lost, 1)  /* this month: workers it trained who were recruited away */           \
    X(int64_t, budget_cents, 1)   /* this year's training budget */                                      \
    X(int64_t, spent_cents, 1)    /* spent of it so far this year */                                     \
    X(uint32_t, vacancy_left, 1)  /* scratch for hiring */

typedef struct llo_employers {
    size_t count;
    LLO_EMPLOYER_FIELDS(LLO_FIELD_DECLARE)
} llo_employers;

/* Providers (schools and private or online trainers). Each teaches every sector from a
 * curriculum that lags behind the sector's moving skill needs; its fit with a sector is what an
 * up-to-date curriculum would give, times (1 - lag). Under the competition rule providers are
 * sold to workers as offers: each provider its own, or, under a joint offer, one per region
 * whose seats are the members' pooled (provider_competition.c). Per-sector fields are indexed
 * [p * n_sectors + s]. The offers workers choose among are rebuilt each month from the
 * providers by the rule. */
#define LLO_PROVIDER_FIELDS(X)                                                                            \
    X(uint8_t, kind, 1)               /* LLO_PROV_* */                                                   \
    X(uint8_t, region, 1)             /* LLO_ONLINE for online */                                        \
    X(int64_t, seats, 1)                                                                                  \
    X(int64_t, enrolled, 1)                                                                               \
    X(int64_t, list_price_cents, 1)   /* the price it asks when nothing moves it (drawn at the start) */ \
    X(int64_t, price_cents, 1)        /* this month's price: list, funding rule, market pressure */      \
    X(int64_t, revenue_cents, 1)      /* course fees received since the start, for the money check */    \
    X(float, quality, 1)                                                                                  \
    X(float, fit_base, n_sectors)     /* fit of an up-to-date curriculum, in [0,1] */                    \
    X(double, curriculum, n_sectors)  /* where its teaching for sector s stands on the needs axis */      \
    X(float, fit, n_sectors)          /* fit with sector s's current needs, in [0,1] */                  \
    X(float, demand, n_sectors)       /* applicants per month from sector s, smoothed */                 \
    X(int64_t, applicants, n_sectors) /* claims on its offer this month from sector s */                 \
    X(uint16_t, offer, 1)             /* the offer p's seats are sold under (p itself unless joint) */   \
    X(int64_t, offer_seats, 1)        /* seats of offer p (pooled under a joint offer); 0: no offer */   \
    X(int64_t, offer_price_cents, 1)  /* what a course under offer p costs */                            \
    X(double, offer_value, n_sectors) /* choice utility of offer p, distance left out */

typedef struct llo_providers {
    size_t count;
    LLO_PROVIDER_FIELDS(LLO_FIELD_DECLARE)
} llo_providers;

/* Orchestrators: per region the central one (municipality or regional work company, which
 * holds the job-seeker and regional funds) and the further intermediaries. Each is a front
 * door for guidance with a staff that can see so many people a month. */
#define LLO_ORCHESTRATOR_FIELDS(X)                                                                        \
    X(uint8_t, region, 1)                                                                                 \
    X(uint8_t, central, 1)     /* 1 for the region's central orchestrator */                             \
    X(float, staff_fte, 1)     /* structural and temporary staff */                                      \
    X(float, new_staff_fte, 1) /* staff still learning the job (temporary turnover brings them) */       \
    X(int64_t, capacity, 1)    /* guidance sessions this month */                                        \
    X(int64_t, guided, 1)      /* sessions given this month */

typedef struct llo_orchestrators {
    size_t count;
    LLO_ORCHESTRATOR_FIELDS(LLO_FIELD_DECLARE)
    size_t *region_begin;    /* [n_regions + 1]: orchestrators are stored region by region, central first */
} llo_orchestrators;

/* The ecosystem at the level of a region: the shared agenda, its priorities, and trust between
 * groups that are not single organisations. */
typedef struct llo_region_state {
    double agenda;                      /* strength of the shared agenda, [0,1] */
    double priority[LLO_N_TARGETS];     /* the agenda's priorities, summing to 1 */
    double inclusiveness;               /* agency held by employers, workers and education */
    double trust_public_private;        /* between public and private providers */
    double trust_orchestrator[3];       /* of workers, employers and providers in the orchestrators */
    double trust_worker_provider[2];    /* workers' trust in public and in private providers */
    double employer_trust[2];           /* employers' mean trust in public and private providers */
    int64_t course_good[2], course_bad[2]; /* this month's course experiences by provider kind */
    int64_t waiting;                    /* people who sought guidance and were not seen */
    int doors;                          /* front doors a person can knock on */
} llo_region_state;

enum { LLO_TRUSTER_WORKERS, LLO_TRUSTER_EMPLOYERS, LLO_TRUSTER_PROVIDERS };

/* Pots per funding instrument: one per region (job-seeker and regional funds), one per sector
 * (sector funds) or one for the province (SME subsidy, public funding of providers). */
#define LLO_MAX_POTS (LLO_MAX_REGIONS > LLO_MAX_SECTORS ? LLO_MAX_REGIONS : LLO_MAX_SECTORS)

/* One funding instrument's money since the start, in cents:
 * granted = spent + overhead + lapsed + what its pots hold (left + held). */
typedef struct llo_fund_account {
    int64_t granted;  /* granted each January, levied each month, or paid in as needed */
    int64_t spent;    /* paid to providers for courses */
    int64_t overhead; /* administration of the grants, out of the pot */
    int64_t lapsed;   /* unspent at the end of a year, or withdrawn when the scheme stopped */
} llo_fund_account;

/* Money pots that are not an agent's own. Every cent is accounted for:
 * employer budgets: granted = spent + lapsed + left (this year's left is in the employers);
 * individual budgets: accrued = spent + forfeited (over the cap) + exited + held;
 * funding instruments: as llo_fund_account, pot by pot never below 0. */
typedef struct llo_accounts {
    int64_t employer_granted, employer_spent, employer_lapsed;
    int64_t employer_recovered; /* pay-back clauses, credited back to the employer's budget */
    int64_t payback_paid;       /* the same money, paid by the workers who left */
    int64_t individual_accrued, individual_spent, individual_forfeited, individual_exited;
    llo_fund_account fund[LLO_N_INSTRUMENTS];
    int64_t pot_left[LLO_N_INSTRUMENTS][LLO_MAX_POTS]; /* available to grant now */
    int64_t pot_held[LLO_N_INSTRUMENTS][LLO_MAX_POTS]; /* this year's budget not yet released (lottery) */
    int64_t pot_year[LLO_N_INSTRUMENTS][LLO_MAX_POTS]; /* granted or levied this year; 0 once stopped */
    int64_t out_of_pocket;
} llo_accounts;

/* The funding rules of this month (sim/funding.c), read from the parameters at its start. */
typedef struct llo_funding_rules {
    int rule[LLO_N_POT_INSTRUMENTS];    /* LLO_ALLOC_* */
    int target[LLO_N_POT_INSTRUMENTS];  /* LLO_GROUP_* */
    int open[LLO_N_POT_INSTRUMENTS];    /* the instrument takes applications this month */
    uint8_t funded[LLO_N_POT_INSTRUMENTS][LLO_MAX_POTS]; /* the pot had money to grant at the month's start */
} llo_funding_rules;

/* Per (region, education, sector) cell: the provider choice set's inclusive value and its
 * expected price and length, recomputed each month because provider attributes may change. */
#define LLO_CHOICE_FIELDS(X)                                                                              \
    X(float, logsum, 1)          /* -INFINITY when nothing is reachable */                               \
    X(float, expected_price, 1)  /* EUR */                                                               \
    X(float, expected_months, 1) /* course length, months */                                             \
    X(double, cdf, n_providers)  /* [cell][provider]: choice probabilities summed in provider order */   \
    X(uint16_t, last, 1)         /* [cell]: the last provider within reach */

typedef struct llo_choice_table {
    LLO_CHOICE_FIELDS(LLO_FIELD_DECLARE)
} llo_choice_table;

/* The shocks in force this month (sim/timeline.c). They are recomputed from the timeline at the
 * start of every month, so a shock ends by itself when its months are over, and no shock ever
 * changes the parameters. Neutral values: multipliers 1, shifts 0. Overlapping shocks multiply
 * their factors and add their shifts. */
typedef struct llo_shocks {
    double obsolescence[LLO_MAX_SECTORS]; /* technology: multiplies sector s's skill obsolescence */
    double job_loss;       /* recession: multiplies the monthly probability of losing a job */
    double job_finding;    /* recession: multiplies a job seeker's monthly job finding */
    double urgency;        /* recession: logit shift of the start hazard (the felt need to learn) */
    int active;            /* shock events in force (technology and recession) */
} llo_shocks;

/* Monthly probabilities derived from the annual rates in the parameters and the shocks in
 * force, recomputed at the start of every month (parameters may change between months) instead
 * of per worker. */
typedef struct llo_monthly_rates {
    double leave;
    double job_loss[LLO_N_CONTRACTS];       /* the contract's mean: what a tenure-blind employer expects */
    double conversion;
    double job_finding;                     /* per month, middle education, before other multipliers */
    double obsolescence[LLO_MAX_SECTORS];   /* per year, shocks included */
    double skill_kept[LLO_MAX_SECTORS];     /* 1 - obsolescence / 12: the share of skill still current after a month */
    double informal_learning;               /* per month at learning share 1: informal_learning_rate / 12 */
    int64_t own_accrual_cents;              /* a month's accrual of an own learning budget */
    int64_t own_cap_cents;                  /* the most an own budget holds */
    uint64_t budget_scheme_below;           /* an employer's hash below this: its agreement has a budget scheme */
    double budget_initiative[LLO_MAX_REGIONS]; /* per month: a holder finds out how to use the own budget */
    /* per month: chance that outreach reaches a person, by region, low-educated or not, and
     * kind (0 other, 1 job seeker, 2 employee of a 1-49 firm): the agenda's priority weight of
     * that combination times the agenda and governance.outreach_rate (governance.c) */
    double outreach[LLO_MAX_REGIONS][2][3];
    double scan[LLO_MAX_REGIONS];           /* per month: a small firm gets a company scan (governance.c) */
    /* the employee's job loss by contract and whether in the first year with the employer (index
     * 1): job_loss[c] split by labour.separation_tenure_ratio so that the mean over the contract's
     * employees this month stays job_loss[c] (poaching.c); the self-employed keep job_loss[c].
     * Set with the outlook from this month's staff, so, unlike the rates before
     * budget_scheme_below, it follows the population and not only the parameters and shocks. */
    double separation[LLO_N_CONTRACTS][2];
    /* the start hazard's horizon term by months of working life left (0 from LLO_HORIZON_MONTHS on) */
    float horizon[LLO_HORIZON_MONTHS];
} llo_monthly_rates;

/* The labour market as employers see it at the start of a month (poaching.c): vacancies per
 * job seeker by region; the monthly chance that an employee is recruited away, by region, size
 * class of the firm and whether the worker recently completed a course; and, per contract, the
 * bound on the job-loss draw below which a worker is lost or approached. What an employer
 * expects of a course's return over the full horizon is tabulated alongside (employer_decision.c). */
typedef struct llo_labour_outlook {
    int64_t vacancies[LLO_MAX_REGIONS];
    int64_t jobseekers[LLO_MAX_REGIONS];
    double tightness[LLO_MAX_REGIONS];
    double poach[LLO_MAX_REGIONS][LLO_N_SIZES][2];
    /* [..][trained][first year with the employer]: separation + (1 - separation) x poach */
    double approach[LLO_MAX_REGIONS][LLO_N_SIZES][LLO_N_CONTRACTS][2][2];
    double approach_bound;  /* the largest of approach[]: a draw at or above it changes nothing */
    double annuity[LLO_MAX_REGIONS][LLO_N_SIZES][LLO_N_CONTRACTS]; /* expected months of return */
    /* the same for an employee with `first` months left at the first year's job loss (index
     * first, 0 past the first year), weighted by employers.return_horizon_weight (7.27) */
    double annuity_tenure[LLO_MAX_REGIONS][LLO_N_SIZES][LLO_N_CONTRACTS][LLO_FIRST_YEAR_MONTHS];
    double caught[LLO_MAX_REGIONS][LLO_N_SIZES][LLO_N_CONTRACTS];  /* Pr(poached within the clause) */
} llo_labour_outlook;

typedef struct llo_world {
    llo_params p;          /* a copy: the world is self-contained; timeline `set` events change it */
    llo_params scenario;   /* the parameters as given: p is reset to them for every replicate */
    llo_monthly_rates rate;
    llo_shocks shock;      /* shocks in force this month */
    /* How much a crisis has raised the regional actors' will to work together, this month: the
     * sum of the `collaboration` of the recession shocks in force (0 = none; the study's finding
     * 7, COVID accelerated collaboration). Set at the start of each month by sim/timeline.c; for
     * the collaboration mechanisms to read (trust building, orchestrators' convening), which
     * should treat it as a relative boost, e.g. multiply their rate by (1 + collaboration_boost). */
    double collaboration_boost;
    /* Trust shock due this month: the sum of the `delta` of the trust events of this month, set
     * at the start of the month by sim/timeline.c. The trust mechanism consumes it during the
     * month (adding it to trust between organisations); llo_world_step clears it at the end of
     * the month, whether or not it was used, so a shock applies once. */
    double pending_trust_shock;
    llo_labour_outlook outlook;
    /* Learning-culture norm of each (sector, size class): the initial mean, drawn toward the
     * configured mean where a cell has few firms (employer_decision.c). */
    float culture_norm[LLO_MAX_SECTORS][LLO_N_SIZES];
    uint64_t seed;         /* this replicate's seed */
    int month;             /* the next month to simulate; negative during burn-in */
    uint64_t next_person;  /* identity of the next entrant */
    int budgets_renewed;   /* month budgets were last granted: never twice in one month */
    size_t workers_initial;
    int64_t entries_total, exits_total; /* since the start, for the conservation check */

    llo_workers w;
    llo_employers e;
    llo_providers pr;
    llo_orchestrators orch;
    llo_region_state region[LLO_MAX_REGIONS];
    llo_accounts acc;
    llo_funding_rules funding;
    llo_choice_table choice;
    double sector_needs[LLO_MAX_SECTORS]; /* position of each sector's skill needs; moves on monthly */
    int competition;       /* this month's LLO_COMPETE_* (from the parameters) */
    int public_funding;    /* this month's LLO_FUNDING_* */

    /* Scratch, allocated once. */
    uint64_t *claims;            /* packed claims, see claims.c */
    uint64_t *claims_tmp;        /* radix-sort scratch */
    void *claim_plans;           /* LLO_PLAN_WINDOW course claims' plans (enrolment.c) */
    int64_t plans_kept, plans_redone; /* claims committed as planned in parallel, and planned again (for llosim-bench) */
    size_t *chunk_offset;        /* per-thread chunk offsets when collecting claims */
    uint32_t *free_slots;
    size_t n_free;
    double *region_entry_share;  /* cumulative, for drawing an entrant's region */
    uint64_t *vacancy_cum;       /* per employer, cumulative within its region's block */
    size_t *region_employer_begin; /* employers are stored region by region */
    gsl_rng **rng;               /* one per thread, reset before each use: no state carried */
    int n_rng;
    int phase_timing;            /* llo_world_phase_times asked for: time each phase */
    double phase_seconds[LLO_N_PHASES];
    llo_thread_tally *tally;     /* per thread, merged in order */
    double below_draw[LLO_DRAW_BUCKETS + 1]; /* log-odds surely below a draw (training_choice.c) */
    llo_follow follow;           /* the worker the live view follows (follow.c), if any */

    /* This month's flows (reset each month) and the employer-spend history for shares. */
    llo_month_flows flows;
    llo_contacts contacts;       /* this month's contacts between actor types */
    int64_t spend_ring[12][LLO_MAX_REGIONS];
    int64_t labour_cost_ring[12][LLO_MAX_REGIONS];

    /* This month's course starts by guided (1) and other (0) workers, per region: the fit of
     * their courses summed in fixed point, and their number; for the start-fit gauges. */
    int64_t start_fit_num[2][LLO_MAX_REGIONS + 1], start_fit_den[2][LLO_MAX_REGIONS + 1];

    llo_month_stats stats;       /* indicators of the last simulated month */
} llo_world;

/* The world's state outside the agents' arrays: every member above that carries from one month
 * to the next or describes the last month, X(member). A checkpoint (checkpoint.c) stores these
 * byte for byte, with the agents' field lists; a new member of state belongs here, scratch that
 * is rebuilt within a month (claims, free slots, tallies, generators) does not. */
#define LLO_WORLD_SCALARS(X)                                                                              \
    X(p) X(scenario) X(rate) X(shock) X(collaboration_boost) X(pending_trust_shock) X(outlook)            \
    X(culture_norm) X(seed) X(month) X(next_person) X(budgets_renewed) X(workers_initial)                 \
    X(entries_total) X(exits_total) X(region) X(acc) X(funding) X(sector_needs) X(competition)            \
    X(public_funding) X(below_draw) X(flows) X(contacts) X(spend_ring) X(labour_cost_ring) X(stats)

/* Calendar month (0 = January) of simulation month t. */
static inline int llo_calendar_month(int t) { return ((t % 12) + 12) % 12; }

/* Age band of an age in months. */
static inline int llo_age_band(unsigned age_months)
{
    /* A sum of comparisons, not a chain of branches: ages are random, so the branches would be
     * mispredicted on the model's hottest passes. */
    unsigned y = age_months / 12;
    _Static_assert(LLO_AGE_18_24 == 0 && LLO_AGE_55_PLUS == 4, "age bands are numbered from youngest to oldest");
    return (y >= 25) + (y >= 35) + (y >= 45) + (y >= 55);
}

/* Whether worker i is an employee in the first year with the employer: the tenure-dependent
 * separation hazard's index (rate.separation, outlook.approach). The self-employed have no
 * employer, so no tenure. */
static inline int llo_first_year(const llo_workers *W, size_t i)
{
    return W->employer[i] != LLO_NONE && W->tenure_months[i] < LLO_FIRST_YEAR_MONTHS;
}

/* Tenure band of groups.csv's `tenure` dimension: <1y, 1-2y, 2-5y, 5-10y, 10y+. */
static inline int llo_tenure_band(unsigned tenure_months)
{
    return (tenure_months >= 12) + (tenure_months >= 24) + (tenure_months >= 60) + (tenure_months >= 120);
}

/* Worker i's own budget accrues this month's amount up to the cap (model.md 7.7); what it adds
 * and forfeits is summed into *accrued and *forfeited. */
/* Whether employer e's collective agreement gives its staff an own learning budget: a fixed
 * property of the firm (a hash of the replicate's seed and the firm), so that a share of the
 * firms, not of the months, has a scheme. */
static inline int llo_employer_has_budget_scheme(const llo_world *w, uint32_t e)
{
    uint64_t z = w->seed ^ (0x9E3779B97F4A7C15ull * ((uint64_t)e + 1));
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return (z ^ (z >> 31)) < w->rate.budget_scheme_below;
}

/* Individual learning budgets come from collective agreements: employees of a firm with a
 * scheme accrue; job seekers and the self-employed only if the settings say so. */
static inline int llo_accrues_own_budget(const llo_world *w, size_t i)
{
    const llo_workers *W = &w->w;
    if (W->status[i] == LLO_JOBSEEKER) return w->p.individual_budget_jobseekers;
    if (W->employer[i] == LLO_NONE) return w->p.individual_budget_self_employed;
    return llo_employer_has_budget_scheme(w, W->employer[i]);
}

/* The own budget a worker counts on: only one who has found out how to use it. */
static inline int64_t llo_own_budget_usable(const llo_world *w, size_t i)
{
    return (w->w.flags[i] & LLO_F_KNOWS_BUDGET) ? w->w.own_budget_cents[i] : 0;
}

static inline void llo_own_budget_accrue(llo_world *w, size_t i, int64_t *accrued, int64_t *forfeited)
{
    if (!llo_accrues_own_budget(w, i)) return;
    int64_t now = w->w.own_budget_cents[i] + w->rate.own_accrual_cents;
    *accrued += w->rate.own_accrual_cents;
    if (now > w->rate.own_cap_cents) {
        *forfeited += now - w->rate.own_cap_cents;
        now = w->rate.own_cap_cents;
    }
    w->w.own_budget_cents[i] = (int32_t)now;
}

/* llo_seeks_guidance's answer (orchestrator.c): 0, on one's own (or the case manager's) account,
 * or reached by the agenda's outreach. */
enum { LLO_SEEKS_ON_OWN = 1, LLO_SEEKS_REACHED = 2 };

/* A holder of an own budget who has not found out how to use it may take the initiative this
 * month, with uniform draw u (employer_budget.c). */
void llo_own_budget_initiative(llo_world *w, size_t i, double u);
/* Whether worker i, who wants to start with draw u, would want to even without the public
 * support counted on (training_choice.c): the worker's side of deadweight. */
int llo_start_unaided(const llo_world *w, size_t i, double u);
/* The start hazard's horizon term by months left, from the parameters (training_choice.c). */
void llo_horizon_rates(llo_world *w);

/* Monthly probability from an annual rate, as a share per year. */
static inline double llo_monthly(double per_year) { return 1.0 - pow(1.0 - per_year, 1.0 / 12.0); }

/* Phases; each is one function over the world's arrays (see step.c for their order). */
void llo_timeline_month(llo_world *w);             /* timeline.c: events due, shocks in force */
void llo_timeline_reset(llo_world *w);             /* timeline.c: no shock in force */
void llo_world_setup(llo_world *w);                /* setup.c: every mechanism's init, in order */
/* timeline.c: what the `set` and `stop` events before month `before` do to p's settings (a
 * fork's parameters in force); the money they move is the history's. */
void llo_timeline_apply_params(llo_params *p, int before);
void llo_providers_adaptation_init(llo_world *w); /* provider_adaptation.c */
void llo_providers_adapt(llo_world *w);           /* provider_adaptation.c */
void llo_providers_read_rules(llo_world *w);      /* provider_adaptation.c */
void llo_offers_init(llo_world *w);               /* provider_competition.c */
void llo_providers_compete(llo_world *w);         /* provider_competition.c */
void llo_choice_tables_update(llo_world *w);      /* training_choice.c */
/* guided: guided the month before, so guidance steers the choice towards fit (training_choice.c) */
uint16_t llo_choose_provider(const llo_world *w, size_t i, int month, int guided);
double llo_start_probability(const llo_world *w, size_t i); /* training_choice.c */
void llo_training_choice_init(llo_world *w);
int llo_wants_to_start(const llo_world *w, size_t i, double u); /* u < llo_start_probability, computed cheaply */
/* Records the followed worker's decision (training_choice.c), from the decide pass. */
void llo_follow_record(llo_world *w, size_t i, double u, int in_course, int wanted);
void llo_budgets_renew(llo_world *w);              /* employer_budget.c */
void llo_budgets_accrue_individual(llo_world *w);  /* employer_budget.c: the month's accrual, applied in the decide pass */
void llo_decide(llo_world *w);                     /* step.c: the parallel decide pass */
void llo_demography_resolve(llo_world *w);         /* demography.c */
void llo_entrants_admit(llo_world *w);             /* demography.c */
void llo_labour_market_resolve(llo_world *w);      /* labour_market.c */
void llo_courses_resolve(llo_world *w);            /* enrolment.c */
void llo_enrolment_resolve(llo_world *w);          /* enrolment.c */
void llo_indicators_compute(llo_world *w);         /* indicators.c */
void llo_network_compute(llo_world *w);            /* network.c */

/* Counts a contact between two actor types in region r this month (network.c). */
static inline void llo_contact(llo_world *w, int r, int channel, int a, int b) { w->contacts.n[r][channel][a][b]++; }
static inline void llo_contacts_add(llo_world *w, int r, int channel, int a, int b, int64_t n)
{
    w->contacts.n[r][channel][a][b] += n;
}

/* The network node of provider j. */
static inline int llo_provider_node(const llo_world *w, size_t j)
{
    int k = w->pr.kind[j];
    return k == LLO_PROV_PRIVATE || k == LLO_PROV_ONLINE ? LLO_NODE_PRIVATE_PROVIDERS : LLO_NODE_PUBLIC_PROVIDERS;
}
void llo_orchestrators_init(llo_world *w);         /* orchestrator.c */
void llo_orchestrators_month(llo_world *w);        /* orchestrator.c: staff turnover, capacity */
void llo_guidance_resolve(llo_world *w);           /* orchestrator.c */
int llo_seeks_guidance(const llo_world *w, size_t i, double u); /* orchestrator.c */
void llo_governance_init(llo_world *w);            /* governance.c */
void llo_governance_month(llo_world *w);           /* governance.c: agenda, priorities, convening */
double llo_agenda_priority_weight(const llo_world *w, size_t i); /* governance.c */
double llo_agenda_reach(const llo_world *w, int region); /* governance.c */
/* The regional table met `meetings` times this month: a contact between every pair of actor
 * types with a seat (network.c). */
void llo_network_meetings(llo_world *w, int r, double meetings);
void llo_trust_init(llo_world *w);                 /* trust.c */
void llo_trust_month(llo_world *w);                /* trust.c: decay, competition, shocks */
void llo_trust_course_experience(llo_world *w, size_t i, int good); /* trust.c */
void llo_trust_guidance_experience(llo_world *w, int region, int64_t good, int64_t bad); /* trust.c */
double llo_trust_in_provider(const llo_world *w, int region, int provider_kind); /* trust.c */
double llo_trust_sharing_gate(const llo_world *w, int region, int provider_kind); /* trust.c */

/* How fully employers' skill needs for sector s reach provider p, in [0,1]
 * (provider_adaptation.c). */
double llo_information_sharing(const llo_world *w, size_t provider, int sector);

/* Whether a provider kind is public education (mbo, hbo, wo). */
static inline int llo_provider_is_public(int kind) { return kind <= LLO_PROV_WO; }

/* Mean length in months of a course at provider j: public providers funded per module sell
 * modules rather than whole courses (enrolment.c draws the length; workers expect this mean). */
static inline double llo_course_months_mean(const llo_world *w, size_t j)
{
    int modular = llo_provider_is_public(w->pr.kind[j]) && w->public_funding == LLO_FUNDING_MODULAR;
    return w->p.course_months_mean * (modular ? w->p.provider_module_length_factor : 1.0);
}

/* Utility of offer j for a worker of education e in region r and sector s; 0 when j is no
 * offer this month or out of the worker's reach (training_choice.c). */
int llo_offer_utility(const llo_world *w, size_t j, int r, int e, int s, double *v);

/* The provider whose seat a worker of region, education and sector takes when claiming offer o
 * under this month's rule, or LLO_NO_PROVIDER when none has a seat; *price gets the course's
 * price in cents and *referred whether a coordinated offer sent the worker elsewhere
 * (provider_competition.c). Pure. */
uint16_t llo_offer_place(const llo_world *w, int region, int education, int sector, uint16_t o, int64_t *price, int *referred);

void llo_culture_norms_init(llo_world *w);         /* employer_decision.c */
void llo_employers_adapt(llo_world *w);            /* employer_decision.c: culture and job design */
void llo_labour_outlook_update(llo_world *w);      /* poaching.c */
void llo_employer_returns_update(llo_world *w);    /* employer_decision.c: the outlook's return tables */

/* Funding instruments (funding.c). A claim's payers are found in fund() (enrolment.c), which
 * asks each instrument for its grant on what is left of the price and commits the grants only
 * when the course starts, so no grant ever has to be given back. */
void llo_funding_renew(llo_world *w, int months_left); /* January (and at the start): yearly budgets */
void llo_funding_month(llo_world *w);   /* rules of the month, sector levies, lottery tranches */
void llo_funding_stop(llo_world *w, int instrument); /* a stopped scheme: its pots lapse now */

/* What a course claim's plan read of the amounts earlier claims of the month change (a pot's
 * money, an employer's budget left), each as the range of values within which every comparison
 * the plan made comes out the same. Claims are planned in parallel and committed in priority
 * order (enrolment.c): a plan whose ranges still hold at its turn is what a plan made then would
 * be, so it is committed as it is; otherwise it is made again. NULL where nothing is recorded. */
enum { LLO_SCARCE_POT = 1, LLO_SCARCE_EMPLOYER = 2 };
#define LLO_SCARCE_READS 8
typedef struct llo_scarce_reads {
    int n, overflow;
    struct {
        uint64_t key; /* kind << 56 | instrument << 48 | pot or employer */
        int64_t lo, hi;
    } r[LLO_SCARCE_READS];
} llo_scarce_reads;

static inline uint64_t llo_scarce_key(int kind, int k, uint64_t index) { return (uint64_t)kind << 56 | (uint64_t)k << 48 | index; }

/* Records that the amount `key` lies in [lo, hi] for the plan to stand. */
static inline void llo_scarce_range(llo_scarce_reads *log, uint64_t key, int64_t lo, int64_t hi)
{
    if (!log) return;
    for (int m = 0; m < log->n; m++)
        if (log->r[m].key == key) {
            if (lo > log->r[m].lo) log->r[m].lo = lo;
            if (hi < log->r[m].hi) log->r[m].hi = hi;
            return;
        }
    if (log->n == LLO_SCARCE_READS) {
        log->overflow = 1;
        return;
    }
    log->r[log->n].key = key;
    log->r[log->n].lo = lo;
    log->r[log->n].hi = hi;
    log->n++;
}

/* The comparison `amount >= x` on amount `key`, recorded with its answer, which it returns. */
static inline int llo_scarce_at_least(llo_scarce_reads *log, uint64_t key, int64_t amount, int64_t x)
{
    int yes = amount >= x;
    if (yes) llo_scarce_range(log, key, x, INT64_MAX);
    else llo_scarce_range(log, key, INT64_MIN, x - 1);
    return yes;
}

/* The instruments (bit k for instrument k) worker i applies to this month: those open to them
 * (window, eligibility, money at the month's start; in *open when not NULL) that they get round
 * to applying for, given the friction of the maze of instruments and front doors. A pure
 * function of the state. */
unsigned llo_funding_applications(const llo_world *w, size_t i, unsigned *open);

/* What pot instrument k grants worker i toward `rest` cents, given their applications: 0 when
 * they did not apply; at most what the pot holds with the overhead on top. Pure: nothing is
 * paid until llo_funding_pay. */
int64_t llo_funding_grant(const llo_world *w, size_t i, int k, unsigned applied, int64_t rest, llo_scarce_reads *reads);

/* What worker i counts on from pot instrument k toward `rest` cents when deciding to start: the
 * grant if the instrument is open to them (window, eligibility, money at the month's start),
 * before friction and before what the pot still holds. */
int64_t llo_funding_expected_grant(const llo_world *w, size_t i, int k, int64_t rest);

/* The employer-side grants (sector fund, then SME subsidy) on `rest` cents for employee i:
 * their sum, and each in grant[k]. */
int64_t llo_employer_side_grants(const llo_world *w, size_t i, unsigned applied, int64_t rest,
                                 int64_t grant[LLO_N_INSTRUMENTS], llo_scarce_reads *reads);

/* Under modular funding, the state's share of public provider j's module: its list price less
 * the module price, or 0 when a limited budget cannot pay it, in which case *price rises by that
 * difference (the module sells at list price). */
int64_t llo_public_module_share(const llo_world *w, uint16_t j, int64_t *price, llo_scarce_reads *reads);

/* Paying instrument k's grant for worker i's course (and its overhead) from its pot, in two
 * steps, so a claim planned in parallel is paid without reading the worker again: which pot of
 * instrument k pays worker i, and whether i is in its target group; then the payment from that
 * pot, counted in region r. */
void llo_funding_payee(const llo_world *w, size_t i, int k, int *pot, int *in_target);
void llo_funding_pay_from(llo_world *w, int k, int pot, int r, int in_target, int64_t grant);

/* Whether instrument k has money this year for region r (for the fragmentation index). */
int llo_funding_has_money(const llo_world *w, int k, int r);

/* Subsidy an employer can count on for employee i's course at price cents: the employer-side
 * grants of the instruments i applies to (funding.c). An instrument pays it from its own pot,
 * and only when the employer takes part and the course starts (enrolment.c). */
int64_t llo_employer_subsidy_cents(const llo_world *w, size_t i, int64_t price);

/* What an employer's answer to one request rests on apart from the money: the expected return
 * and the worker's draw. The payers' chain asks the same employer about the same request under
 * several subsidies (deadweight, enrolment.c): the memo computes these once. Zero it per request. */
typedef struct llo_support_memo {
    int known;
    double expected_return, draw;
} llo_support_memo;

/* Employer's decision on employee i's request for a course at provider j costing price cents,
 * of which subsidy cents are subsidised: LLO_SUPPORT_*, with what it would pay in *part
 * (within its budget). Draws from the worker's EMPLOYER_SUPPORT stream (employer_decision.c);
 * memo may be NULL. */
int llo_employer_support_decide(const llo_world *w, size_t i, uint16_t j, int64_t price, int64_t subsidy,
                                int64_t *part, llo_support_memo *memo, llo_scarce_reads *reads);

/* Records a completed course's closing of worker i's skill gap for the employer who funded it
 * (employer_decision.c); gap_before is 1 - skill before the gain. */
void llo_employer_course_completed(llo_world *w, size_t i, double gap_before, double gain);

/* Whether employed worker i, who keeps the job (u >= the job-loss chance), is approached by a
 * poacher this month (poaching.c). */
int llo_poach_approached(const llo_world *w, size_t i, double u);

/* Moves employee i to employer e (of the same region) after a poaching approach; settles the
 * pay-back clause with the firm left behind, adding what it recovers to *recovered (the caller
 * books it: regions are resolved in parallel) (poaching.c). */
void llo_poach_move(llo_world *w, size_t i, uint32_t e, int64_t *recovered);

/* Skill update for one worker in one month (skills.c). */
void llo_skill_month(llo_world *w, size_t i);

/* Exit decision for one worker in one month (demography.c), given a uniform. */
int llo_exit_decide(const llo_world *w, size_t i, double u);

/* Separation or job-finding decision (labour_market.c), given a uniform. */
unsigned llo_labour_decide(const llo_world *w, size_t i, double u);

/* Temporary contract made permanent this month (labour_market.c), given a uniform. */
int llo_contract_converts(const llo_world *w, size_t i, double u);

/* In which order claims are served: by a priority draw; who waited last month first; or in
 * two rounds, who claims with the lowest of the given bits first. */
typedef enum { LLO_CLAIMS_PRIORITY, LLO_CLAIMS_WAITING_FIRST, LLO_CLAIMS_FIRST_BIT_FIRST } llo_claim_order;

/* Fills w->claims with the workers whose event has any of `bits`, in the order they are
 * served; returns how many (claims.c). The worker of a claim is llo_claim_worker(claim), its
 * round (0 first) llo_claim_round(claim) under the two orders that have rounds. */
size_t llo_collect_claims(llo_world *w, unsigned bits, llo_claim_order order);

static inline size_t llo_claim_worker(uint64_t claim) { return (size_t)(claim & 0xffffffffu); }

/* Fills w->claims with the workers that have an event among `bits` (and, with with_empty, the
 * empty slots), in index order, collected in parallel: the serial phases then visit only them,
 * in the order a full scan would (claims.c). Read them with llo_claim_worker. */
size_t llo_collect_events(llo_world *w, unsigned bits, int with_empty);

/* Claims are served in priority order, so the workers they touch are scattered over memory:
 * fetch a claim's worker some claims ahead, for the fields the resolutions read, and nearer
 * ahead its employer (whose index is in the worker's fetched line by then). Inlined by force:
 * left a call, gcc finds the function free of side effects and deletes the call. */
/* Course claims planned in parallel at a time (enrolment.c), and the size of one plan. */
#define LLO_PLAN_WINDOW 1024
size_t llo_claim_plan_bytes(void);

#define LLO_PREFETCH_AHEAD 8
enum { LLO_PREFETCH_WORKER, LLO_PREFETCH_COURSE }; /* a course claim reads more of the worker, and the employer */
static inline __attribute__((always_inline)) void llo_claim_prefetch(const llo_world *w, size_t k, size_t n, int what)
{
    if (k + 2 * LLO_PREFETCH_AHEAD < n) {
        size_t i = llo_claim_worker(w->claims[k + 2 * LLO_PREFETCH_AHEAD]);
        __builtin_prefetch(&w->w.status[i]);
        __builtin_prefetch(&w->w.region[i]);
        __builtin_prefetch(&w->w.person[i]);
        __builtin_prefetch(&w->w.employer[i]);
        __builtin_prefetch(&w->w.flags[i]);
        if (what == LLO_PREFETCH_COURSE) {
            __builtin_prefetch(&w->w.sector[i]);
            __builtin_prefetch(&w->w.education[i]);
            __builtin_prefetch(&w->w.contract[i]);
            __builtin_prefetch(&w->w.size_class[i]);
            __builtin_prefetch(&w->w.provider[i]);
            __builtin_prefetch(&w->w.intent_provider[i]);
            __builtin_prefetch(&w->w.own_budget_cents[i]);
            __builtin_prefetch(&w->w.skill[i]);
            __builtin_prefetch(&w->w.age_months[i]);
            __builtin_prefetch(&w->w.tenure_months[i]);
        }
    }
    if (what == LLO_PREFETCH_COURSE && k + LLO_PREFETCH_AHEAD < n) {
        uint32_t e = w->w.employer[llo_claim_worker(w->claims[k + LLO_PREFETCH_AHEAD])];
        if (e != LLO_NONE) {
            __builtin_prefetch(&w->e.learning_culture[e]);
            __builtin_prefetch(&w->e.budget_cents[e]);
            __builtin_prefetch(&w->e.spent_cents[e]);
        }
    }
}
static inline int llo_claim_round(uint64_t claim) { return (int)(claim >> 63); }

/* A worker's priority draw for claim kind `tag` this month (claims.c). */
uint64_t llo_claim_priority(const llo_world *w, size_t i, unsigned tag);

/* Course progress for one worker (enrolment.c): returns LLO_E_COURSE_END when it ends. */
unsigned llo_course_month(llo_world *w, size_t i);

#endif
