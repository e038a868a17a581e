/* The resolved parameters of one scenario: every setting of the scenario file, with defaults
 * filled in. The engine reads only this struct; the loader (scenario.c) fills it from the
 * settings table (settings.c), which is the single place a setting is declared. */
#ifndef LLO_PARAMS_H
#define LLO_PARAMS_H

#include <stdint.h>

#define LLO_MAX_REGIONS 16
#define LLO_MAX_SECTORS 16
#define LLO_NAME_MAX 48

/* Fixed classifications of the domain (MODEL.md section 2). */
enum { LLO_EDU_LOW, LLO_EDU_MIDDLE, LLO_EDU_HIGH, LLO_N_EDU };
enum { LLO_CONTRACT_PERMANENT, LLO_CONTRACT_TEMPORARY, LLO_CONTRACT_SELF_EMPLOYED, LLO_N_CONTRACTS };
enum { LLO_SIZE_1_9, LLO_SIZE_10_49, LLO_SIZE_50_249, LLO_SIZE_250_PLUS, LLO_N_SIZES };
enum { LLO_AGE_18_24, LLO_AGE_25_34, LLO_AGE_35_44, LLO_AGE_45_54, LLO_AGE_55_PLUS, LLO_N_AGE_BANDS };
/* Provider kinds; online providers have no region and are reachable from everywhere. */
enum { LLO_PROV_MBO, LLO_PROV_HBO, LLO_PROV_WO, LLO_PROV_PRIVATE, LLO_PROV_ONLINE, LLO_N_PROVIDER_KINDS };

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
    double out_of_pocket_max_eur;  /* most a worker pays beyond own budget before giving up */

    /* training: the start hazard (a logit) and the choice among providers (multinomial logit). */
    double start_intercept;
    double start_education[LLO_N_EDU];
    double start_age[LLO_N_AGE_BANDS];
    double start_contract[LLO_N_CONTRACTS];
    double start_firm_size[LLO_N_SIZES];
    double start_jobseeker;
    double start_guidance;         /* for a worker guided by the orchestrator last month */
    double start_need;             /* per unit of perceived skill gap */
    double start_own_cost;         /* per 1000 EUR the worker expects to pay */
    double start_access;           /* weight of the choice set's inclusive value (logsum) */
    double choice_quality;
    double choice_fit;
    double choice_price;           /* per 1000 EUR */
    double choice_distance;        /* per 10 km */
    double course_months_mean;
    double dropout_share;          /* share of starts that drop out */
    double skill_gain;             /* skill gained by a completed course at perfect fit */
    double informal_learning_rate; /* per year: how fast work closes the skill gap at learning share 1 */

    /* employers */
    double firm_size_share[LLO_N_SIZES];   /* share of employees by firm size class */
    double firm_mean_size[LLO_N_SIZES];
    double training_budget_share;          /* annual training budget / labour cost */
    double labour_cost_eur;                /* per employee per month */
    double learning_culture_mean;          /* mean over firms: support probability at a return equal to the cost */
    double learning_share_mean;            /* share of work time spent on tasks one learns from */
    double learning_share_sd;
    double productivity_value;             /* monthly value of one unit of skill, as a share of labour cost */
    int return_months;                     /* horizon over which an employer counts a course's return */
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
    double provider_fit[LLO_N_PROVIDER_KINDS];      /* mean fit with sectors' needs, in [0,1] */

    /* orchestrators: one per region (the central municipality or regional work company). */
    double orchestrator_staff_fte[LLO_MAX_REGIONS]; /* guidance staff at scale 1 */
    double guidance_per_fte;                        /* guidance sessions per FTE per month */

    /* labour market */
    double job_loss_rate[LLO_N_CONTRACTS];  /* per year; self-employed: business ends */
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
} llo_params;

#endif
