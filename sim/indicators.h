/* What a month leaves behind for the outputs: integer tallies of the population (exact and
 * independent of how threads split the work), flows counted by the serial phases, and money. */
#ifndef LLO_INDICATORS_H
#define LLO_INDICATORS_H

#include <stdint.h>
#include "config/params.h"

/* Skill gaps are summed in fixed point (units of 1e-9) so the sum is exact in any order. */
#define LLO_GAP_SCALE 1000000000.0

/* Population tallies per region. */
enum {
    LLO_T_WORKERS, LLO_T_EMPLOYED, LLO_T_UNEMPLOYED,
    LLO_T_PART_EMPLOYED,   /* employed with a course start in the last 24 months */
    LLO_T_PART_UNEMPLOYED, /* job seekers with a course start in the last 24 months */
    LLO_T_NEVER_EMPLOYED,  /* employed who never started a course */
    LLO_T_GAP,             /* sum of skill gaps, fixed point */
    LLO_T_ENROLLED,        /* workers in a course */
    LLO_T_EMPLOYER_FUNDED, /* employees in a course their employer paid for, in full or in part */
    LLO_T_LOW_EDUCATED,    /* employed with low education */
    LLO_T_PART_LOW_EDUCATED,
    LLO_T_SMALL_FIRM,      /* employees of firms of 1-9 */
    LLO_T_PART_SMALL_FIRM,
    LLO_T_N
};

/* Groups of the breakdown; education, age, contract and firm size (and education within firm
 * size, for questions such as "low-educated staff of small firms") count the employed, status
 * counts everyone, tenure counts employees (the self-employed have no employer to stay with).
 * The order is the order of groups.csv; new dimensions go at the end. */
#define LLO_GROUPS(X)                                 \
    X("education", "low") X("education", "middle") X("education", "high") \
    X("age", "18-24") X("age", "25-34") X("age", "35-44") X("age", "45-54") X("age", "55+") \
    X("contract", "permanent") X("contract", "temporary") X("contract", "self-employed") \
    X("firm_size", "1-9") X("firm_size", "10-49") X("firm_size", "50-249") X("firm_size", "250+") \
    X("status", "employed") X("status", "unemployed") \
    X("education_firm_size", "low/1-9") X("education_firm_size", "low/10-49") \
    X("education_firm_size", "low/50-249") X("education_firm_size", "low/250+") \
    X("education_firm_size", "middle/1-9") X("education_firm_size", "middle/10-49") \
    X("education_firm_size", "middle/50-249") X("education_firm_size", "middle/250+") \
    X("education_firm_size", "high/1-9") X("education_firm_size", "high/10-49") \
    X("education_firm_size", "high/50-249") X("education_firm_size", "high/250+") \
    X("tenure", "<1y") X("tenure", "1-2y") X("tenure", "2-5y") X("tenure", "5-10y") X("tenure", "10y+")

enum {
    LLO_G_EDU = 0, LLO_G_AGE = 3, LLO_G_CONTRACT = 8, LLO_G_SIZE = 11, LLO_G_STATUS = 15,
    LLO_G_EDU_SIZE = 17, /* education e and firm size z: LLO_G_EDU_SIZE + e * LLO_N_SIZES + z */
    LLO_G_TENURE = 29,   /* employees (not the self-employed) by months with the employer, llo_tenure_band */
    LLO_N_TENURE_BANDS = 5,
    LLO_N_GROUPS = 34
};

/* Tallies per group. */
enum { LLO_GT_PERSONS, LLO_GT_PART, LLO_GT_NEVER, LLO_GT_GAP, LLO_GT_N };

typedef struct llo_tally {
    int64_t region[LLO_MAX_REGIONS][LLO_T_N];
    int64_t group[LLO_N_GROUPS][LLO_GT_N];
} llo_tally;

/* A thread's tally while counting: groups overlap (one employee is in six), so workers are
 * first counted once in a cell of (region, education, age band, contract, firm size or none)
 * for the employed, or the region's one cell of job seekers; the region's counts and the
 * groups are sums of cells. Only those in a course are counted apart. */
#define LLO_EMPLOYED_CELLS (LLO_N_EDU * LLO_N_AGE_BANDS * LLO_N_CONTRACTS * (LLO_N_SIZES + 1))
#define LLO_N_CELLS (LLO_EMPLOYED_CELLS + 1)
typedef struct llo_thread_tally {
    int64_t enrolled[LLO_MAX_REGIONS][2]; /* in a course; of whom employer-funded */
    int64_t cell[LLO_MAX_REGIONS][LLO_N_CELLS][LLO_GT_N];
    int64_t tenure[LLO_N_TENURE_BANDS][LLO_GT_N]; /* employees by tenure band, counted apart from the cells */
} llo_thread_tally;

/* Flows of one month per region, counted by the serial phases. Money in cents. */
#define LLO_FLOWS(X)                                                                      \
    X(ENTRIES, "entries", "workers who entered the labour market")                         \
    X(EXITS, "exits", "workers who left the labour market (retirement, other exits)")      \
    X(SEPARATIONS, "separations", "jobs lost or businesses ended")                         \
    X(HIRES, "hires", "job seekers who found work")                                        \
    X(STARTS, "course_starts", "courses started")                                          \
    X(COMPLETIONS, "course_completions", "courses completed")                              \
    X(DROPOUTS, "course_dropouts", "courses ended by dropping out")                        \
    X(SEAT_SHORTAGES, "seat_shortages", "starts that failed because the provider was full") \
    X(REFUSED, "refused_requests", "starts given up because nobody would pay enough")      \
    X(REFERRALS, "provider_referrals",                                                     \
      "claims on a full provider referred to the next-best provider with a free seat (coordinated competition)") \
    X(GUIDED, "guidance_sessions", "people guided by the region's orchestrators")           \
    X(REFERRAL_LOSSES, "referral_losses", "people who gave up after a wrong front door referred them on") \
    X(GUIDANCE_WAITING, "guidance_waiting", "people who sought guidance and were not seen (they are seen first next month)") \
    X(EMPLOYER_SUPPORTED, "employer_supported_starts", "courses started that the employer paid for in full") \
    X(EMPLOYER_COFUNDED, "employer_cofunded_starts", "courses started that the employer co-funded, the worker paying the rest") \
    X(EMPLOYER_REFUSALS, "employer_refusals",                                              \
      "employees' course requests their employer refused to fund (the worker may still pay)") \
    X(POACHING, "poaching_events", "employees recruited away by another firm with a vacancy") \
    X(POACHED_TRAINED, "poached_after_training",                                           \
      "of those, workers whose employer had funded a course started within employers.return_months") \
    X(FUNDING_APPLICATIONS, "funding_applications",                                        \
      "applications to funding instruments by workers whose course claim found a seat: one per instrument open to them that they applied to") \
    X(FUNDING_FORGONE, "funding_forgone",                                                  \
      "instruments open to such a worker that they did not apply to (application friction); take-up = applications / (applications + forgone)") \
    X(EMPLOYEE_STARTS, "employee_course_starts", "course starts by employees (not job seekers or the self-employed)") \
    X(EMPLOYER_FUNDED, "employer_funded_starts",                                          \
      "of employee_course_starts, those the employer paid towards (in full or co-funded), in working time") \
    LLO_DEADWEIGHT_COUNTS(X)                                                               \
    X(OUTREACH_REACHED, "outreach_reached", "people of the agenda's priority groups invited by outreach and guided in a session left over") \
    X(SCANS, "company_scans", "small firms given a company scan by the agenda's learning-culture programme") \
    X(EMPLOYER_SPENT, "employer_spent_eur", "spent from employers' training budgets")       \
    X(INDIVIDUAL_SPENT, "individual_budget_spent_eur", "spent from workers' own learning budgets") \
    X(OUT_OF_POCKET, "out_of_pocket_eur", "paid by workers beyond their own budget")          \
    X(TIME_COST, "employer_training_time_eur",                                            \
      "labour cost of the work time employees spent in courses their employer funded")        \
    X(PAYBACK, "payback_recovered_eur",                                                   \
      "repaid under pay-back clauses by workers recruited away, credited back to the former employer's budget") \
    LLO_FUND_FLOWS(X)                                                                     \
    LLO_DEADWEIGHT_MONEY(X)                                                               \
    LLO_ORCHESTRATION_MONEY(X)

/* Deadweight per pot instrument, in the order of the instrument enum (config/params.h): starts
 * it paid for, and those of them that would have happened without it, with the same draws and
 * pots (sim/enrolment.c, count_deadweight), and the money that paid for those. */
#define LLO_DEADWEIGHT_COUNTS(X)                                                                          \
    X(SUBSIDISED_JOBSEEKER, "jobseeker_fund_starts", "course starts the job-seeker fund paid towards")     \
    X(SUBSIDISED_REGIONAL, "regional_fund_starts", "course starts the regional fund paid towards")         \
    X(SUBSIDISED_SME, "sme_subsidy_starts", "course starts the SME subsidy paid towards")                  \
    X(SUBSIDISED_SECTOR, "sector_funds_starts", "course starts the sector funds paid towards")             \
    X(SUBSIDISED_LEARNING, "learning_budget_starts", "course starts the public learning budget paid towards") \
    X(DEADWEIGHT_JOBSEEKER, "jobseeker_fund_deadweight_starts",                                            \
      "of jobseeker_fund_starts, those that would have happened without the fund (same draws, same pots)") \
    X(DEADWEIGHT_REGIONAL, "regional_fund_deadweight_starts",                                              \
      "of regional_fund_starts, those that would have happened without the fund")                          \
    X(DEADWEIGHT_SME, "sme_subsidy_deadweight_starts",                                                     \
      "of sme_subsidy_starts, those that would have happened without the subsidy")                         \
    X(DEADWEIGHT_SECTOR, "sector_funds_deadweight_starts",                                                 \
      "of sector_funds_starts, those that would have happened without the funds")                          \
    X(DEADWEIGHT_LEARNING, "learning_budget_deadweight_starts",                                            \
      "of learning_budget_starts, those that would have happened without the budget")
#define LLO_DEADWEIGHT_MONEY(X)                                                                           \
    X(DEADWEIGHT_JOBSEEKER_EUR, "jobseeker_fund_deadweight_eur", "job-seeker fund grants to deadweight starts") \
    X(DEADWEIGHT_REGIONAL_EUR, "regional_fund_deadweight_eur", "regional fund grants to deadweight starts") \
    X(DEADWEIGHT_SME_EUR, "sme_subsidy_deadweight_eur", "SME subsidy grants to deadweight starts")          \
    X(DEADWEIGHT_SECTOR_EUR, "sector_funds_deadweight_eur", "sector fund grants to deadweight starts")     \
    X(DEADWEIGHT_LEARNING_EUR, "learning_budget_deadweight_eur", "learning budget grants to deadweight starts")

/* What organising the ecosystem costs (sim/orchestrator.c, sim/governance.c): the levers
 * without a funding instrument have their price here, so an analyst can divide it by an effect. */
#define LLO_ORCHESTRATION_MONEY(X)                                                                      \
    X(STAFF_EUR, "orchestrator_staff_eur", "cost of the orchestrators' guidance staff (orchestrators.staff_cost_eur per FTE)") \
    X(FRONT_OFFICE_EUR, "front_office_eur", "cost of the one-stop front office's coordination staff")      \
    X(CONVENING_EUR, "convening_eur", "cost of the regional table's meetings")                            \
    X(OUTREACH_EUR, "outreach_eur", "cost of the agenda's outreach to its priority groups (per person guided)") \
    X(SCAN_PUBLIC_EUR, "company_scans_public_eur", "public part of the company scans' cost")             \
    X(SCAN_EMPLOYER_EUR, "company_scans_employer_eur", "the firms' own part of the company scans' cost")

/* Money of the funding instruments (sim/funding.c), by the region of the worker a grant is for;
 * what no worker stands behind (the province's SME subsidy granted in January, lapses of
 * province-wide and sector pots) is in the row of no region and counts in all only. The
 * columns of one instrument add up: its granted since the start = spent + overhead + lapsed +
 * its left_eur now. */
#define LLO_FUND_FLOWS(X) LLO_INSTRUMENTS(LLO_INSTRUMENT_FLOWS, X)
#define LLO_INSTRUMENT_FLOWS(X, id, pot, who, scope, lapses, pre, order, defaults, budget, col, granted, docs) \
    LLO_CALL(LLO_INSTRUMENT_FLOWS_, X, id, pot, col, granted, LLO_UNPAREN docs)
#define LLO_INSTRUMENT_FLOWS_(X, id, pot, col, granted, granted_doc, spent_doc, overhead_doc, lapsed_doc, target_doc, left_doc) \
    X(id##_GRANTED, col granted "_eur", granted_doc)                                                    \
    X(id##_SPENT, col "spent_eur", spent_doc)                                                           \
    X(id##_OVERHEAD, col "overhead_eur", overhead_doc)                                                  \
    X(id##_LAPSED, col "lapsed_eur", lapsed_doc)                                                        \
    LLO_IF_##pot(X(id##_TARGET, col "target_spent_eur", target_doc))

enum {
#define LLO_FLOW_ENUM(id, col, doc) LLO_FLOW_##id,
    LLO_FLOWS(LLO_FLOW_ENUM)
#undef LLO_FLOW_ENUM
    LLO_FLOW_N
};

/* The first flow that is money (in cents). */
#define LLO_FLOW_FIRST_MONEY LLO_FLOW_EMPLOYER_SPENT
_Static_assert(LLO_FLOW_SUBSIDISED_LEARNING - LLO_FLOW_SUBSIDISED_JOBSEEKER == LLO_INSTR_LEARNING - LLO_INSTR_JOBSEEKER &&
               LLO_FLOW_DEADWEIGHT_LEARNING - LLO_FLOW_DEADWEIGHT_JOBSEEKER == LLO_INSTR_LEARNING - LLO_INSTR_JOBSEEKER &&
               LLO_FLOW_DEADWEIGHT_LEARNING_EUR - LLO_FLOW_DEADWEIGHT_JOBSEEKER_EUR == LLO_INSTR_LEARNING - LLO_INSTR_JOBSEEKER &&
               LLO_INSTR_JOBSEEKER == 0 && LLO_INSTR_LEARNING == LLO_N_POT_INSTRUMENTS - 1,
               "deadweight flows follow the instruments' order");

/* Row LLO_MAX_REGIONS holds what belongs to no region (see LLO_FUND_FLOWS): it counts in all only. */
typedef struct llo_month_flows {
    int64_t f[LLO_FLOW_N][LLO_MAX_REGIONS + 1];
} llo_month_flows;

/* Gauges: the state of the ecosystem at the end of a month, as means or shares. Each is kept as
 * an integer numerator (fixed point, units of 1/LLO_GAP_SCALE) and an integer denominator per
 * region, so the region's value is num/den and the whole's is the sum of nums over the sum of
 * dens, exact in any order. Row LLO_MAX_REGIONS holds what belongs to no region (online
 * providers): it counts in "all" only. Add a gauge here and fill it in indicators.c; its
 * column appears in timeseries.csv and the column dictionary by itself. */
#define LLO_GAUGES(X)                                                                                   \
    X(INFORMAL_LEARNING, "informal_learning_share",                                                     \
      "mean share of work time spent on tasks one learns from, over employees (job design)")            \
    X(LEARNING_CULTURE, "learning_culture_mean",                                                        \
      "mean learning culture of the employers, over employees")                                         \
    X(TIGHTNESS, "labour_market_tightness",                                                             \
      "vacancies per job seeker at the start of the month (drives poaching)")                          \
    X(PROVIDER_FIT, "provider_fit_mean",                                                                \
      "mean fit of providers' offer with the sectors' current needs, weighted by sector employment share; " \
      "falls as needs move on and recovers as curricula catch up") \
    X(GUIDED_START_FIT, "guided_start_fit",                                                             \
      "mean fit with the worker's sector of the courses started this month by people guided the month before " \
      "(guidance steers them to fitting providers, orchestrators.guidance_steering)")                   \
    X(UNGUIDED_START_FIT, "unguided_start_fit",                                                         \
      "mean fit with the worker's sector of the courses started this month by everyone else")            \
    X(TRUST_EMPLOYER_PROVIDER, "trust_employer_provider",                                               \
      "employers' trust in providers (mean of public and private), weighted by head count")              \
    X(TRUST_PUBLIC_PRIVATE, "trust_public_private", "trust between public and private providers")       \
    X(TRUST_IN_ORCHESTRATOR, "trust_in_orchestrator",                                                    \
      "trust of workers, employers and providers in the orchestrators (mean of the three)")               \
    X(AGENDA, "agenda_strength", "strength of the region's shared agenda, 0 to 1")                      \
    X(FRAGMENTATION, "fragmentation_index",                                                              \
      "1 - 1/(front doors x funding instruments with money): 0 for one door and one scheme") \
    X(OBSOLESCENCE_MULTIPLIER, "obsolescence_multiplier",                                               \
      "technology shocks: mean over employees of the multiplier of their sector's skill obsolescence (1 = no shock)") \
    X(JOB_LOSS_MULTIPLIER, "job_loss_multiplier",                                                       \
      "recessions: multiplier of the monthly probability of losing a job (1 = no shock)")              \
    X(JOB_FINDING_MULTIPLIER, "job_finding_multiplier",                                                 \
      "recessions: multiplier of job seekers' monthly job finding (1 = no shock)")                      \
    X(START_URGENCY, "start_urgency",                                                                   \
      "recessions: logit shift of the monthly course-start hazard, the felt need to learn (0 = no shock)") \
    X(COLLABORATION_BOOST, "collaboration_boost",                                                       \
      "recessions: boost of the regional actors' collaboration, for the trust and orchestration mechanisms (0 = none)")


/* Stocks: counts (and, from LLO_STOCK_FIRST_MONEY on, money in cents) at the end of a month by
 * the region of what is counted, which need not be the worker's (a course is counted where its
 * provider is, a pot where it is held). Row LLO_MAX_REGIONS holds what belongs to no region
 * (online providers, the province's and the sectors' pots): it counts in "all" only. Add a stock
 * here and fill it in indicators.c; its column follows by itself. */
#define LLO_STOCKS(X)                                                                                   \
    X(PUBLIC_ENROLLMENT, "public_enrollment",                                                           \
      "persons in a course at a public provider (mbo, hbo, wo) at the end of the month, by the provider's region") \
    X(PRIVATE_ENROLLMENT, "private_enrollment",                                                         \
      "persons in a course at a private or online provider at the end of the month, by the provider's region; " \
      "online providers count in all only")                                                             \
    LLO_INSTRUMENTS(LLO_INSTRUMENT_LEFT, X)
/* What an instrument's pots hold at the end of a month. */
#define LLO_INSTRUMENT_LEFT(X, id, pot, who, scope, lapses, pre, order, defaults, budget, col, granted, docs) \
    X(id##_LEFT, col "left_eur", LLO_CALL(LLO_INSTRUMENT_LEFT_DOC, LLO_UNPAREN docs))
#define LLO_INSTRUMENT_LEFT_DOC(granted_doc, spent_doc, overhead_doc, lapsed_doc, target_doc, left_doc) left_doc

enum {
#define LLO_STOCK_ENUM(id, col, doc) LLO_STOCK_##id,
    LLO_STOCKS(LLO_STOCK_ENUM)
#undef LLO_STOCK_ENUM
    LLO_STOCK_N
};

/* The first stock that is money (in cents). */
#define LLO_STOCK_FIRST_MONEY LLO_STOCK_JOBSEEKER_LEFT

enum {
#define LLO_GAUGE_ENUM(id, col, doc) LLO_GAUGE_##id,
    LLO_GAUGES(LLO_GAUGE_ENUM)
#undef LLO_GAUGE_ENUM
    LLO_GAUGE_N
};

typedef struct llo_gauges {
    int64_t num[LLO_GAUGE_N][LLO_MAX_REGIONS + 1];
    int64_t den[LLO_GAUGE_N][LLO_MAX_REGIONS + 1];
} llo_gauges;

/* Adds value (in [-9, 9], or larger with a small total weight) with weight to gauge g of region r (LLO_MAX_REGIONS: no region). */
static inline void llo_gauge_add(llo_gauges *gs, int g, int r, double value, int64_t weight)
{
    gs->num[g][r] += (int64_t)(value * LLO_GAP_SCALE + (value < 0 ? -0.5 : 0.5)) * weight;
    gs->den[g][r] += weight;
}

/* The collaboration network's nodes: actor types of a region. */
#define LLO_NODES(X)                                                          \
    X(MUNICIPALITY, "municipality", "the central orchestrator (municipality or work company)") \
    X(INTERMEDIARIES, "intermediaries", "the further intermediaries")                          \
    X(EMPLOYERS, "employers", "employers")                                                     \
    X(WORKERS, "workers", "workers and job seekers (represented by unions at the table)")      \
    X(PUBLIC_PROVIDERS, "public_providers", "public mbo, hbo and wo institutions")              \
    X(PRIVATE_PROVIDERS, "private_providers", "private and online providers")

enum {
#define LLO_NODE_ENUM(id, name, doc) LLO_NODE_##id,
    LLO_NODES(LLO_NODE_ENUM)
#undef LLO_NODE_ENUM
    LLO_N_NODES
};

/* The kinds of interaction that make a collaboration tie (sim/network.c). Each is counted in
 * its own unit and weighs the same in a tie, whatever its volume: a course and a meeting of the
 * regional table are not comparable units. Votes are not interaction: agency is reported apart. */
#define LLO_CHANNELS(X)                                                                       \
    X(COURSES, "a course start: workers and the provider's class")                             \
    X(PUBLIC_FUNDING, "a grant of the central orchestrator's funds towards a course: municipality and the provider's class") \
    X(EMPLOYER_FUNDING, "an employer paying towards a course: employers and the provider's class") \
    X(GUIDANCE, "a guidance session: workers and the orchestrator that gave it")                \
    X(REFERRALS, "a referral from a wrong door that reached the right one: municipality and intermediaries") \
    X(CONVENING, "the regional table's meetings, in thousandths: every pair of actor types with a seat") \
    X(SKILL_INFORMATION, "employers' skill needs reaching a provider, in thousandths of a sector's signal: employers and the provider's class") \
    X(JOINT_PROGRAMMES, "a course under a joint offer or co-developed programme: public and private providers, or employers and providers")

enum {
#define LLO_CHANNEL_ENUM(id, doc) LLO_CH_##id,
    LLO_CHANNELS(LLO_CHANNEL_ENUM)
#undef LLO_CHANNEL_ENUM
    LLO_N_CHANNELS
};

/* Contacts between actor types in a month by kind of interaction, counted by the serial
 * phases; symmetric use: the network reads a[i][j] + a[j][i]. */
typedef struct llo_contacts {
    int64_t n[LLO_MAX_REGIONS][LLO_N_CHANNELS][LLO_N_NODES][LLO_N_NODES];
} llo_contacts;

/* Centrality of each actor type, per region and (row LLO_MAX_REGIONS) for the whole. */
typedef struct llo_network {
    double degree[LLO_MAX_REGIONS + 1][LLO_N_NODES];      /* share of all tie strength */
    double eigenvector[LLO_MAX_REGIONS + 1][LLO_N_NODES]; /* normalised to a maximum of 1 */
    double agency[LLO_MAX_REGIONS + 1][LLO_N_NODES];      /* share of the votes at the table */
    double tie[LLO_N_NODES][LLO_N_NODES];                 /* tie weights of the whole province, for pictures of
                                                             the network (llosim serve); no output file holds them */
} llo_network;

/* Everything the outputs need about one month. */
typedef struct llo_month_stats {
    int month;
    llo_tally tally;
    llo_month_flows flows;
    llo_gauges gauges;
    llo_network network;
    int64_t stocks[LLO_STOCK_N][LLO_MAX_REGIONS + 1];
    int64_t spend_12m[LLO_MAX_REGIONS];       /* employer training spend, trailing 12 months */
    int64_t labour_cost_12m[LLO_MAX_REGIONS]; /* labour cost, trailing 12 months */
} llo_month_stats;

#endif
