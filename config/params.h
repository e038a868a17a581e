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

/* Funding instruments (sim/funding.c). The first LLO_N_POT_INSTRUMENTS hold pots that workers
 * (or their employers) apply to, with the attributes of llo_instrument_params; public funding
 * of providers pays providers directly. Employers' budgets and workers' own budgets are held by
 * the agents themselves and are not in this list. */
enum { LLO_INSTR_JOBSEEKER, LLO_INSTR_REGIONAL, LLO_INSTR_SME, LLO_INSTR_SECTOR, LLO_INSTR_LEARNING, LLO_N_POT_INSTRUMENTS,
       LLO_INSTR_PUBLIC_PROVIDER = LLO_N_POT_INSTRUMENTS, LLO_N_INSTRUMENTS };
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
    char rule[LLO_NAME_MAX];          /* one of LLO_ALLOC_RULE_NAMES */
    char target[LLO_NAME_MAX];        /* one of LLO_TARGET_GROUP_NAMES: served by the targeted rule */
} llo_instrument_params;

/* One timeline event. Fields a kind does not use stay zero, so two equal timelines compare
 * equal byte for byte (the resolved scenario's round trip relies on it). */
typedef struct llo_event {
    int month;       /* applies at the start of this month; negative: during the burn-in */
    int kind;        /* LLO_EVENT_* */
    int target;      /* SET: the row of the settings table; STOP: the scheme (LLO_SCHEME_*) */
    int n_values;    /* SET: elements in value (1 for a scalar setting) */
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
        char str[LLO_NAME_MAX]; /* a rule's name, zero-padded like the setting's field */
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
    char provider_public_funding[LLO_NAME_MAX];     /* one of LLO_FUNDING_RULE_NAMES */
    double provider_diploma_speed_factor;           /* public adaptation speed multiplier under diploma funding */
    double provider_module_length_factor;           /* public course length and price multiplier under modular funding */
    double provider_information_sharing;            /* weight of employers' shared skill needs in a provider's signal */
    char provider_competition[LLO_NAME_MAX];        /* one of LLO_COMPETITION_RULE_NAMES */
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
    double convening_per_year;                      /* meetings that bring the region's actors together */
    double convening_trust_gain;

    /* governance: who holds agency at the regional table, and the agenda it sets. */
    double agency[LLO_N_ACTORS];
    double dissemination;          /* share of the agenda that reaches member organisations */
    double agenda_growth;          /* per year, at full inclusiveness */
    double agenda_decay;           /* per year, at full staff turnover */
    double agenda_initial;
    double regional_fund_eur[LLO_MAX_REGIONS]; /* per year at scale 1 */

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
