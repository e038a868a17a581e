/* The resolved parameters of one scenario: every setting of the scenario file, with defaults
 * filled in. The engine reads only this struct; the loader (scenario.c) fills it from the
 * settings table (settings.c), which is the single place a setting is declared. */
#ifndef LLO_PARAMS_H
#define LLO_PARAMS_H

#include <stddef.h>
#include <stdint.h>

#define LLO_MAX_REGIONS 16
#define LLO_MAX_SECTORS 16
#define LLO_NAME_MAX 48

/* Fixed classifications of the domain (docs/model.md section 2). */
enum { LLO_EDU_LOW, LLO_EDU_MIDDLE, LLO_EDU_HIGH, LLO_N_EDU };
enum { LLO_CONTRACT_PERMANENT, LLO_CONTRACT_TEMPORARY, LLO_CONTRACT_SELF_EMPLOYED, LLO_N_CONTRACTS };
enum { LLO_SIZE_1_9, LLO_SIZE_10_49, LLO_SIZE_50_249, LLO_SIZE_250_PLUS, LLO_N_SIZES };
enum { LLO_AGE_18_24, LLO_AGE_25_34, LLO_AGE_35_44, LLO_AGE_45_54, LLO_AGE_55_PLUS, LLO_N_AGE_BANDS };
/* Provider kinds; online providers have no region and are reachable from everywhere. */
enum { LLO_PROV_MBO, LLO_PROV_HBO, LLO_PROV_WO, LLO_PROV_PRIVATE, LLO_PROV_ONLINE, LLO_N_PROVIDER_KINDS };
/* Actor types at the regional table (the study's finding 5). */
enum { LLO_ACTOR_MUNICIPALITY, LLO_ACTOR_INTERMEDIARIES, LLO_ACTOR_EMPLOYERS, LLO_ACTOR_WORKERS, LLO_ACTOR_EDUCATION,
       LLO_N_ACTORS };
/* Target groups the regional agenda can prioritise. */
enum { LLO_TARGET_LOW_EDUCATED, LLO_TARGET_SME_STAFF, LLO_TARGET_JOBSEEKERS, LLO_N_TARGETS };
/* How public providers are funded for their adult offer. The names are the values the scenario
 * file takes, in enum order (settings.c builds the allowed values from them). */
enum { LLO_FUNDING_DIPLOMA, LLO_FUNDING_MODULAR, LLO_N_FUNDING_RULES };
#define LLO_FUNDING_RULE_NAMES "diploma", "modular"
/* How providers relate to each other: each on its own, coordinated (referrals, shared demand
 * signals), or one joint offer per region. Names as above. */
enum { LLO_COMPETE_MARKET, LLO_COMPETE_COORDINATED, LLO_COMPETE_JOINT, LLO_N_COMPETITION_RULES };
#define LLO_COMPETITION_RULE_NAMES "market", "coordinated", "joint"

/* Timeline events (config/timeline.h; applied by sim/timeline.c at the start of their month). */
#define LLO_MAX_EVENTS 64
/* Most elements a `set` event carries: up to a regions x regions matrix (travel distances, which
 * the monthly provider choice reads). Settings with larger storage are never changeable mid-run
 * (settings.c checks this). */
#define LLO_EVENT_VALUES (LLO_MAX_REGIONS * LLO_MAX_REGIONS)
enum {
    LLO_EVENT_SET,        /* a setting takes a new value from this month on */
    LLO_EVENT_STOP,       /* a funding scheme stops (its budget becomes 0; see timeline.c) */
    LLO_EVENT_TECHNOLOGY, /* skills in chosen sectors go out of date faster, for a while */
    LLO_EVENT_RECESSION,  /* demand falls: jobs lost faster, found slower; urgency, collaboration */
    LLO_EVENT_TRUST,      /* a one-off change of trust, consumed by the trust mechanism */
    LLO_N_EVENT_KINDS
};
/* Schemes a `stop` event can end (names and settings in config/timeline.c). */
enum { LLO_SCHEME_JOBSEEKER_FUND, LLO_SCHEME_INDIVIDUAL_BUDGET, LLO_SCHEME_REGIONAL_FUND, LLO_SCHEME_SME_SUBSIDY,
       LLO_SCHEME_SECTOR_FUNDS, LLO_SCHEME_LEARNING_BUDGET, LLO_N_SCHEMES };

/* Funding instruments (sim/funding.c), each written once here; their enum, names, funding.c's
 * table of scopes and flows, their columns (LLO_FUND_FLOWS and the _left_eur stocks in
 * sim/indicators.h) and their settings rows (config/settings.c) are generated from this list.
 * The instruments with a pot (POT) come first: workers or their employers apply to them, with
 * the attributes of llo_instrument_params; public funding of providers (NOPOT) pays providers
 * directly. Employers' budgets and workers' own budgets are held by the agents themselves and
 * are not in this list. The order is the model's: grants stack in it (enrolment.c).
 *
 *   X(c, ID, POT|NOPOT, who (in docs and messages), scope of its pots (REGION, PROVINCE, SECTOR),
 *     lapses (1: unspent money returns at the end of the year; sector funds keep reserves),
 *     settings prefix (funding.<prefix>cofund ...), settings order (FIRST, LAST; NONE without a
 *     pot: the resolved scenario lists the sector funds after the learning budget),
 *     defaults (cofund, cap_eur, overhead, eligible_status, eligible_size, rule, target),
 *     its budget setting (a settings row, or nothing),
 *     column prefix, the word of its granted column, and the docs of its columns: granted, spent,
 *     overhead, lapsed, target_spent (POT only), left)
 * c is passed through untouched, for a list used inside another (LLO_FUND_FLOWS). */
#define LLO_INSTRUMENTS(X, c)                                                                                            \
    X(c, JOBSEEKER, POT, "job-seeker fund", REGION, 1, "jobseeker_", FIRST,                                             \
      (1.0, 10000, 0.05, (0, 0, 1), (1, 1, 1, 1), "fcfs", "jobseekers"),                                                \
      (S_FLOAT("funding.jobseeker_budget_eur", jobseeker_budget_eur, 0, 1e6, 150, "EUR per job seeker per year",        \
               "public training budget for job seekers, per registered job seeker at the start of the year"),),         \
      "jobseeker_fund_", "granted",                                                                                     \
      ("granted to the public job-seeker training fund (each January, per registered job seeker)",                     \
       "paid to providers by the job-seeker fund", "administration of the job-seeker fund's grants",                    \
       "job-seeker fund left unspent at the end of the year (or when stopped), returned",                               \
       "of the job-seeker fund's spending, what went to its target group (funding.jobseeker_target)",                   \
       "unspent budget of the job-seeker fund at the end of the month (under the lottery rule, tranches not yet released included)")) \
    X(c, REGIONAL, POT, "regional fund", REGION, 1, "regional_fund_", FIRST,                                            \
      (0.5, 10000, 0.05, (1, 1, 1), (1, 1, 1, 1), "fcfs", "agenda"),                                                    \
      (L_FLOAT("funding.regional_fund_eur", regional_fund_eur, LLO_LEN_REGIONS, 0, 0, 1e10, LIST(1.5e6, 0.9e6, 1.2e6, 1.8e6), \
               "EUR per year",                                                                                          \
               "regional fund held by the orchestrator, at scale 1; a grant pays regional_fund_cofund times the applicant's " \
               "priority weight (the agenda's priority of the groups they belong to, relative to its top priority)"),), \
      "regional_fund_", "granted",                                                                                      \
      ("granted to the orchestrator's regional fund (each January)", "paid to providers by the regional fund",         \
       "administration of the regional fund's grants",                                                                  \
       "regional fund left unspent at the end of the year (or when stopped), returned",                                 \
       "of the regional fund's spending, what went to its target group (funding.regional_fund_target)",                 \
       "unspent budget of the regional fund at the end of the month"))                                                  \
    X(c, SME, POT, "SME subsidy", PROVINCE, 1, "sme_", FIRST,                                                           \
      (0.5, 2500, 0.05, (1, 0, 0), (1, 1, 1, 0), "fcfs", "sme-staff"),                                                  \
      (S_FLOAT("funding.sme_budget_eur", sme_budget_eur, 0, 1e10, 3e6, "EUR per year",                                 \
               "SME subsidy for the province at scale 1, granted each January; its grants go to the employer, and only " \
               "if the employer takes part in the course"),),                                                           \
      "sme_subsidy_", "granted",                                                                                        \
      ("granted to the province's SME subsidy (each January; in all only)",                                             \
       "paid to providers by the SME subsidy, on behalf of employers", "administration of the SME subsidy's grants",     \
       "SME subsidy left unspent at the end of the year (or when stopped; in all only)",                                \
       "of the SME subsidy's spending, what went to its target group (funding.sme_target)",                             \
       "unspent budget of the province's SME subsidy at the end of the month (in all only)"))                           \
    X(c, SECTOR, POT, "sector training fund", SECTOR, 0, "sector_", LAST,                                               \
      (0.5, 1500, 0.05, (1, 0, 0), (1, 1, 1, 1), "fcfs", "low-educated"),                                               \
      (L_FLOAT("funding.sector_levy", sector_levy, LLO_LEN_SECTORS, 0, 0, 0.2, LIST(0.006, 0.008, 0, 0.005, 0.005, 0, 0, 0), \
               "share of wage bill", "levy into each sector's training fund, a share of the sector's wage bill (employees x " \
               "labour cost) every month; 0: the sector has no fund. Unspent money stays in the fund as a reserve"),),  \
      "sector_funds_", "levied",                                                                                        \
      ("levied into the sector training funds from the wage bill of the region's employers",                           \
       "paid to providers by the sector training funds, on behalf of employers",                                        \
       "administration of the sector funds' grants",                                                                    \
       "sector funds' reserves withdrawn when the scheme stopped (in all only)",                                        \
       "of the sector funds' spending, what went to their target group (funding.sector_target)",                        \
       "reserves of the sector training funds at the end of the month (in all only)"))                                  \
    X(c, LEARNING, POT, "public individual learning budget", PROVINCE, 1, "learning_budget_", FIRST,                    \
      (1.0, 1000, 0.05, (1, 1, 1), (1, 1, 1, 1), "fcfs", "low-educated"),                                               \
      (S_FLOAT("funding.learning_budget_eur", learning_budget_eur, 0, 1e10, 0, "EUR per year",                         \
               "public individual learning budget for the province at scale 1, granted each January (as the Dutch STAP " \
               "budget, 2022-2023): grants to the worker's side, applied for by the worker, whatever their employer decides; " \
               "0: no such scheme (the baseline, 2015-2020)"),),                                                        \
      "learning_budget_", "granted",                                                                                    \
      ("granted to the public individual learning budget (each January; in all only)",                                  \
       "paid to providers by the public individual learning budget", "administration of the learning budget's grants", \
       "learning budget left unspent at the end of the year (or when stopped; in all only)",                           \
       "of the learning budget's spending, what went to its target group (funding.learning_budget_target)",             \
       "unspent public individual learning budget at the end of the month (in all only)"))                              \
    X(c, PUBLIC_PROVIDER, NOPOT, "public module funding", PROVINCE, 1, "public_provider_", NONE, (), (),               \
      "public_provider_", "granted",                                                                                    \
      ("granted for public modules: as paid without a budget limit, else each January (in all only)",                  \
       "paid by the state to public providers under modular funding: list price less module price",                    \
       "administration of the public module funding",                                                                   \
       "public module budget left unspent at the end of the year (in all only)", "",                                    \
       "unspent budget for public modules at the end of the month: 0 without a budget limit (in all only)"))

/* Helpers of lists like the one above: LLO_UNPAREN((a, b)) is a, b; LLO_CALL(m, args) calls m
 * once args are expanded; LLO_IF_POT(...) keeps its arguments, LLO_IF_NOPOT(...) drops them,
 * and LLO_POT_OR_POT(a, b) is a, LLO_POT_OR_NOPOT(a, b) is b. */
#define LLO_UNPAREN(...) __VA_ARGS__
#define LLO_CALL(m, ...) m(__VA_ARGS__)
#define LLO_IF_POT(...) __VA_ARGS__
#define LLO_IF_NOPOT(...)
#define LLO_POT_OR_POT(a, b) a
#define LLO_POT_OR_NOPOT(a, b) b

enum {
#define LLO_INSTRUMENT_ENUM(c, id, ...) LLO_INSTR_##id,
    LLO_INSTRUMENTS(LLO_INSTRUMENT_ENUM, _)
#undef LLO_INSTRUMENT_ENUM
    LLO_N_INSTRUMENTS
};
/* The instruments with a pot, which come first. */
enum {
#define LLO_INSTRUMENT_COUNT_POT(c, id, pot, ...) +LLO_POT_OR_##pot(1, 0)
    LLO_N_POT_INSTRUMENTS = 0 LLO_INSTRUMENTS(LLO_INSTRUMENT_COUNT_POT, _)
#undef LLO_INSTRUMENT_COUNT_POT
};
#define LLO_INSTRUMENT_POT_FIRST(c, id, pot, ...) \
    _Static_assert(LLO_POT_OR_##pot((int)LLO_INSTR_##id < (int)LLO_N_POT_INSTRUMENTS, (int)LLO_INSTR_##id >= (int)LLO_N_POT_INSTRUMENTS), \
                   "the instruments with a pot come first");
LLO_INSTRUMENTS(LLO_INSTRUMENT_POT_FIRST, _)
#undef LLO_INSTRUMENT_POT_FIRST

/* The name of instrument k in messages and docs ("job-seeker fund"). */
static inline const char *llo_instrument_name(int k)
{
#define LLO_INSTRUMENT_NAME(c, id, pot, who, ...) who,
    static const char *const names[LLO_N_INSTRUMENTS] = {LLO_INSTRUMENTS(LLO_INSTRUMENT_NAME, _)};
#undef LLO_INSTRUMENT_NAME
    return k >= 0 && k < LLO_N_INSTRUMENTS ? names[k] : "unknown instrument";
}

/* How an instrument allocates its money; names as the scenario file gives them, in enum order. */
enum { LLO_ALLOC_FCFS, LLO_ALLOC_LOTTERY, LLO_ALLOC_TARGETED, LLO_N_ALLOC_RULES };
#define LLO_ALLOC_RULE_NAMES "fcfs", "lottery", "targeted"
/* The group a targeted instrument serves. "agenda": whoever the region's agenda puts first. */
enum { LLO_GROUP_AGENDA, LLO_GROUP_LOW_EDUCATED, LLO_GROUP_SME_STAFF, LLO_GROUP_JOBSEEKERS, LLO_GROUP_55_PLUS,
       LLO_N_TARGET_GROUPS };
#define LLO_TARGET_GROUP_NAMES "agenda", "low-educated", "sme-staff", "jobseekers", "55-plus"
/* Who may apply, by labour-market position. */
enum { LLO_ELIGIBLE_EMPLOYEE, LLO_ELIGIBLE_SELF_EMPLOYED, LLO_ELIGIBLE_JOBSEEKER, LLO_N_ELIGIBLE_STATUS };

/* What every instrument with a pot has: who may apply and when, how much a grant pays, how the
 * money is allocated and what administering it costs. Its budget is set per instrument (the
 * job-seeker fund per registered job seeker, the regional fund per region, the SME subsidy for
 * the province, sector funds by a levy). */
typedef struct llo_instrument_params {
    double cofund;                    /* share of what is left of the price that a grant pays */
    double cap_eur;                   /* most one grant pays */
    double overhead;                  /* administration per grant, as a share of it, paid from the pot */
    int64_t windows[12];              /* 1 for a calendar month (January first) open to applications */
    int64_t eligible_status[LLO_N_ELIGIBLE_STATUS]; /* 1: may apply */
    int64_t eligible_size[LLO_N_SIZES];             /* employees: 1 when the firm's size class may apply */
    int64_t eligible_education[LLO_N_EDU];
    int rule;                         /* LLO_ALLOC_*: how the money is allocated */
    int target;                       /* LLO_GROUP_*: served by the targeted rule */
} llo_instrument_params;

/* One timeline event. Fields a kind does not use stay zero, so two equal timelines compare
 * equal byte for byte (the resolved scenario's round trip relies on it). */
typedef struct llo_event {
    int month;       /* applies at the start of this month; negative: during the burn-in */
    int kind;        /* LLO_EVENT_* */
    int target;      /* SET: the row of the settings table; STOP: the scheme (LLO_SCHEME_*) */
    int n_values;    /* SET: elements in value (1 for a scalar setting) */
    /* SET: where the setting lives in llo_params and the bytes of value to copy there; STOP: where
     * the scheme's budget setting lives and its bytes. Resolved by the loader, so the monthly
     * step never looks a setting up. */
    size_t offset, bytes;
    int months;      /* TECHNOLOGY, RECESSION: months the shock lasts */
    uint32_t sectors;/* TECHNOLOGY: bit s set when sector s is hit */
    double obsolescence_factor; /* TECHNOLOGY: multiplies the sectors' skill obsolescence */
    double job_loss_factor;     /* RECESSION: multiplies the monthly job-loss probability */
    double job_finding_factor;  /* RECESSION: multiplies the job-finding probability */
    double urgency;             /* RECESSION: logit shift of the monthly course-start hazard */
    double collaboration;       /* RECESSION: raises the world's collaboration boost */
    double delta;               /* TRUST: change of trust */
    union {                     /* SET: the new value, stored as the setting's own field holds it */
        double f[LLO_EVENT_VALUES];
        int64_t i64[LLO_EVENT_VALUES];
        int i[LLO_EVENT_VALUES];
    } value;
} llo_event;

typedef struct llo_params {
    /* Scenario name: names the default output folder out/<name>/. */
    char name[LLO_NAME_MAX];

    /* run: what is simulated and how often. */
    int64_t seed;          /* master seed; replicate seeds derive from it */
    int months;            /* months written to the outputs */
    int replicates;        /* independent replicates, seeds derived from (seed, replicate) */
    double scale;          /* multiplies worker, employer and seat counts */
    int start_year;        /* calendar year of month 0 */
    int burn_in_months;    /* months simulated before month 0 and not written */

    /* regions: labour-market regions with travel distances between them. */
    int n_regions;
    char region_names[LLO_MAX_REGIONS][LLO_NAME_MAX];
    int64_t region_employed[LLO_MAX_REGIONS];     /* employed persons at scale 1 */
    double region_unemployment[LLO_MAX_REGIONS];  /* job seekers / labour force at start */
    double distance_km[LLO_MAX_REGIONS * LLO_MAX_REGIONS]; /* row-major; diagonal: mean travel within the region */

    /* sectors: what firms do, and how fast their skill needs move. */
    int n_sectors;
    char sector_names[LLO_MAX_SECTORS][LLO_NAME_MAX];
    double sector_share[LLO_MAX_SECTORS];         /* share of employment */
    double sector_obsolescence[LLO_MAX_SECTORS];  /* share of skill that goes out of date per year */

    /* workers */
    double education_share[LLO_N_EDU];
    double contract_share[LLO_N_CONTRACTS];
    int entry_age;                 /* age of labour-market entrants (years) */
    int retirement_age;            /* age at which workers leave (years) */
    double leave_rate;             /* other exits per year (migration, disability) */
    double never_learner_share;    /* persistent group that never starts a course */
    double propensity_sd;          /* sd of the persistent personal learning propensity (logit units) */
    double travel_tolerance_km[LLO_N_EDU];
    double skill_initial_mean;     /* skill relative to the job's needs at start (1 = adequate) */
    double skill_initial_sd;
    double need_perception;        /* share of the true skill gap a worker perceives */
    double individual_budget_eur;  /* own learning budget accrued per year */
    double individual_budget_cap_eur;
    double individual_budget_coverage; /* share of employers whose collective agreement gives staff a learning budget */
    int individual_budget_jobseekers;  /* 1: job seekers accrue an own budget too */
    int individual_budget_self_employed; /* 1: the self-employed accrue one too */
    double budget_initiative;      /* per year: a worker with a budget finds out how to use it */
    double union_outreach;         /* how much the unions' reach multiplies that initiative */
    double out_of_pocket_max_eur;  /* most a worker pays beyond own budget before giving up */
    double self_employed_pocket_max_eur; /* the same for the self-employed, who pay as a business */

    /* training: the start hazard (a logit) and the choice among providers (multinomial logit). */
    double start_intercept;
    double start_education[LLO_N_EDU];
    double start_age[LLO_N_AGE_BANDS];
    double start_contract[LLO_N_CONTRACTS];
    double start_firm_size[LLO_N_SIZES];
    double start_jobseeker;
    double start_guidance;         /* for a worker guided by the orchestrator last month */
    double start_need;             /* per unit of perceived skill gap */
    double start_horizon;          /* per unit of log remaining working life, below horizon_years */
    double horizon_years;          /* working years left beyond which the horizon no longer matters */
    double start_own_cost;         /* per 1000 EUR the worker expects to pay */
    double start_time;             /* per month of course studied in own time */
    double time_jobseeker_factor;  /* a job seeker's time counts at this weight */
    double start_access;           /* weight of the choice set's inclusive value (logsum) */
    double choice_quality;
    double choice_fit;
    double choice_price;           /* per 1000 EUR */
    double choice_distance;        /* per 10 km */
    double choice_trust;           /* per unit of trust in the provider's kind */
    double course_months_mean;
    double dropout_share;          /* share of starts that drop out */
    double skill_gain;             /* skill gained by a completed course at perfect fit */
    double informal_learning_rate; /* per year: how fast work closes the skill gap at learning share 1 */

    /* employers */
    double firm_size_share[LLO_N_SIZES];   /* share of employees by firm size class */
    double firm_mean_size[LLO_N_SIZES];
    double training_budget_share;          /* annual training budget / labour cost */
    double labour_cost_eur;                /* per employee per month */
    double training_time_share;            /* share of work time a course takes while it lasts */
    double learning_culture_mean;          /* mean over firms: support probability at a return equal to the cost */
    double learning_share_mean;            /* share of work time spent on tasks one learns from */
    double learning_share_sd;
    double productivity_value;             /* monthly value of one unit of skill, as a share of labour cost */
    int return_months;                     /* horizon over which an employer counts a course's return */
    double return_horizon_weight;          /* how far the employer's return follows the worker's expected stay given tenure */
    double cofund_share;                   /* share of the net cost an employer pays when it co-funds */
    double payback_share;                  /* share of its contribution recovered from a worker poached early */
    int payback_months;                    /* months after the start within which the pay-back clause holds */
    double culture_adaptation;             /* weight of one experience per employee in the culture update */
    double culture_norm_rate;              /* per year: drift of culture toward its sector and size norm */
    double learning_share_trend;           /* per year: change of every firm's learning share (from month 0) */
    double learning_share_culture;         /* change of learning share per unit change of culture */

    /* providers: counts per region by kind, and per-kind attributes. */
    int64_t providers_mbo[LLO_MAX_REGIONS];
    int64_t providers_hbo[LLO_MAX_REGIONS];
    int64_t providers_wo[LLO_MAX_REGIONS];
    int64_t providers_private[LLO_MAX_REGIONS];
    int providers_online;
    int64_t provider_seats[LLO_N_PROVIDER_KINDS];   /* concurrent seats per provider at scale 1 */
    double provider_price_eur[LLO_N_PROVIDER_KINDS];
    double provider_quality[LLO_N_PROVIDER_KINDS];
    double provider_fit[LLO_N_PROVIDER_KINDS];      /* mean fit of an up-to-date offer with sectors' needs, in [0,1] */
    double provider_adaptation_speed[LLO_N_PROVIDER_KINDS]; /* share of the curriculum lag closed per month at full signal */
    int provider_public_funding;                     /* LLO_FUNDING_* */
    double provider_diploma_speed_factor;           /* public adaptation speed multiplier under diploma funding */
    double provider_module_length_factor;           /* public course length and price multiplier under modular funding */
    double provider_information_sharing;            /* weight of employers' shared skill needs in a provider's signal */
    int provider_competition;                       /* LLO_COMPETE_* */
    double provider_price_adjustment;               /* monthly price step of a private provider, per unit of occupancy gap */
    double provider_target_occupancy;               /* occupancy a private provider prices for */
    double provider_price_flex;                     /* most a private price moves from its list price, as a share */

    /* orchestrators: one per region (the central municipality or regional work company). */
    double orchestrator_staff_fte[LLO_MAX_REGIONS]; /* guidance staff at scale 1 */
    double guidance_per_fte;                        /* guidance sessions per FTE per month */
    int64_t intermediaries[LLO_MAX_REGIONS];        /* further intermediaries per region */
    double intermediary_staff_fte;                  /* guidance staff of each, at scale 1 */
    double temporary_staff_share;                   /* share of staff on temporary contracts */
    double temporary_turnover;                      /* per year, of temporary staff */
    double new_staff_productivity;                  /* capacity of a newcomer relative to an old hand */
    int front_office;                               /* 1: one front door per region */
    double referral_loss;                           /* share lost at a referral between doors, at zero trust */
    double guidance_seek_employed;                  /* monthly share of employed with a skill gap who seek guidance */
    double guidance_seek_jobseeker;                 /* monthly share of job seekers whose case manager sends them */
    double waiting_attrition;                       /* monthly share of those waiting who give up */
    double guidance_steering;                       /* a guided worker weighs fit (1 + this) times as much */
    double staff_cost_eur;                          /* per FTE per year, structural or temporary */
    double front_office_fte;                        /* coordination staff of a front office per region, at scale 1 */
    double convening_cost_eur;                      /* per meeting of the regional table */
    double convening_per_year;                      /* meetings that bring the region's actors together */
    double convening_trust_gain;

    /* governance: who holds agency at the regional table, and the agenda it sets. */
    double agency[LLO_N_ACTORS];
    double dissemination;          /* share of the agenda that reaches member organisations */
    double agenda_growth;          /* per year, at full inclusiveness */
    double agenda_decay;           /* per year, at full staff turnover */
    double agenda_initial;
    double outreach_rate;          /* per month at full agenda: priority-group members reached, who then seek guidance */
    double outreach_cost_eur;      /* per person reached */
    double scan_rate;              /* per year at full agenda: small firms given a company scan */
    double scan_cost_eur;          /* per scan */
    double scan_public_share;      /* of a scan's cost, what the public programme pays */
    double scan_culture_gain;      /* share of the distance to 1 a scan adds to the firm's learning culture */
    double codevelopment;          /* providers' speed gain when employers and education co-develop at the table */
    double education_flexibility;  /* how far education's agency eases the diploma-bound slow-down */
    double regional_fund_eur[LLO_MAX_REGIONS]; /* per year at scale 1 */
    double regional_fund_agenda_match; /* extra share of the base budget committed at full agenda */

    /* trust between organisations and actor groups, all in [0,1]. */
    double trust_initial_employer_provider;
    double trust_initial_public_private;
    double trust_initial_orchestrator;
    double trust_gain;             /* after a good experience, share of the distance to 1 */
    double trust_loss;             /* after a bad experience, share of the level lost */
    double trust_decay;            /* per year, toward the initial level */
    double trust_good_fit;         /* fit at or above which a completed course is a good experience */
    double trust_competition_erosion; /* per year, of public-private trust under competition */

    /* labour market */
    double job_loss_rate[LLO_N_CONTRACTS];  /* per year; self-employed: business ends */
    double separation_tenure_ratio;         /* job loss in the first year with the employer over job loss after it */
    double job_finding_rate;                /* per month for a job seeker of middle education */
    double job_finding_education[LLO_N_EDU];/* multipliers */
    double job_finding_training_boost;      /* multiplier after a course completed in the last 12 months */
    double hire_temporary_share;            /* share of hires on a temporary contract */
    double hire_self_employed_share;        /* share of job findings that are a start as self-employed */
    double temporary_conversion;            /* temporary contracts made permanent, per year */
    double jobseeker_budget_eur;            /* public training budget per job seeker per year */
    double poaching_intensity;              /* per month: chance an employee is recruited away at tightness 1 */
    double poaching_vulnerability[LLO_N_SIZES]; /* multiplier by the size class of the firm losing the worker */
    double poaching_trained_attraction;     /* multiplier for a worker with a recently completed course */

    /* funding instruments (sim/funding.c); the job-seeker fund's budget is jobseeker_budget_eur
     * above, the regional fund's regional_fund_eur. */
    llo_instrument_params fund[LLO_N_POT_INSTRUMENTS];
    double sme_budget_eur;                  /* SME subsidy per year for the province, at scale 1 */
    double learning_budget_eur;             /* public individual learning budget per year, at scale 1 */
    double sector_levy[LLO_MAX_SECTORS];    /* monthly levy into sector s's fund, share of its wage bill; 0: no fund */
    double application_friction;            /* how fast take-up falls with instruments and front doors */
    int public_provider_limited;            /* 1: the state pays public modules from a yearly budget */
    double public_provider_budget_eur;      /* that budget per year at scale 1 */
    double public_provider_overhead;        /* administration, as a share of what the state pays */

    /* timeline: events in the order they apply (by month; given order within a month). Not a
     * row of the settings table: a list of groups, loaded by config/scenario_timeline.c. */
    int n_events;
    llo_event timeline[LLO_MAX_EVENTS];
} llo_params;

#endif
