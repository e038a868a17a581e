/* The settings table: every scenario setting, declared once. Defaults describe Noord-Brabant
 * around 2015-2020; docs/model.md section 6.1 names their sources. */
#include "config/settings.h"
#include "config/timeline.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define OFF(field) offsetof(llo_params, field)
#define CAP(field) ((int)(sizeof(((llo_params *)0)->field) / sizeof(((llo_params *)0)->field[0])))
#define LIST(...) .def_list = (const double[]){__VA_ARGS__}, \
    .def_len = (int)(sizeof((const double[]){__VA_ARGS__}) / sizeof(double))
#define NAMES(...) .def_names = (const char *const[]){__VA_ARGS__}, \
    .def_len = (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

/* Row builders: scalar int, int64, float, string; lists of numbers with a length rule; names.
 * Each takes optional trailing initialisers, such as AT_BUILD. */
#define S_INT(p, f, lo, hi, d, u, doc_, ...) \
    { p, LLO_T_INT, OFF(f), 0, LLO_LEN_SCALAR, 0, 1, lo, hi, .def_num = d, .unit = u, .doc = doc_, __VA_ARGS__ }
#define S_INT64(p, f, lo, hi, d, u, doc_, ...) \
    { p, LLO_T_INT64, OFF(f), 0, LLO_LEN_SCALAR, 0, 1, lo, hi, .def_num = d, .unit = u, .doc = doc_, __VA_ARGS__ }
#define S_FLOAT(p, f, lo, hi, d, u, doc_, ...) \
    { p, LLO_T_FLOAT, OFF(f), 0, LLO_LEN_SCALAR, 0, 1, lo, hi, .def_num = d, .unit = u, .doc = doc_, __VA_ARGS__ }
#define S_STRING(p, f, d, doc_, ...) \
    { p, LLO_T_STRING, OFF(f), 0, LLO_LEN_SCALAR, 0, 1, 0, 0, .def_str = d, .unit = "", .doc = doc_, __VA_ARGS__ }
/* A string naming one of a fixed set of rules; `names` expands to the allowed values. */
#define S_CHOICE(p, f, d, names, doc_, ...) \
    { p, LLO_T_CHOICE, OFF(f), 0, LLO_LEN_SCALAR, 0, 1, 0, 0, .def_str = d, \
      .allowed = (const char *const[]){names, NULL}, .unit = "", .doc = doc_, __VA_ARGS__ }
#define L_FLOAT(p, f, rule, n, lo, hi, defs, u, doc_, ...) \
    { p, LLO_T_FLOAT_LIST, OFF(f), 0, rule, n, CAP(f), lo, hi, defs, .unit = u, .doc = doc_, __VA_ARGS__ }
#define L_SHARES(p, f, n, defs, doc_, ...) \
    { p, LLO_T_FLOAT_LIST, OFF(f), 0, LLO_LEN_FIXED, n, CAP(f), 0, 1, defs, .normalised = 1, .unit = "", .doc = doc_, __VA_ARGS__ }
#define L_SECTOR_SHARES(p, f, defs, doc_, ...) \
    { p, LLO_T_FLOAT_LIST, OFF(f), 0, LLO_LEN_SECTORS, 0, CAP(f), 0, 1, defs, .normalised = 1, .unit = "", .doc = doc_, __VA_ARGS__ }
#define L_INT64(p, f, rule, n, lo, hi, defs, u, doc_, ...) \
    { p, LLO_T_INT64_LIST, OFF(f), 0, rule, n, CAP(f), lo, hi, defs, .unit = u, .doc = doc_, __VA_ARGS__ }
#define L_NAMES(p, f, cnt, defs, doc_, ...) \
    { p, LLO_T_STRING_LIST, OFF(f), OFF(cnt), LLO_LEN_NAMES, 0, CAP(f), 0, 0, defs, .unit = "", .doc = doc_, __VA_ARGS__ }

/* The attributes every funding instrument with a pot shares (params.h, llo_instrument_params),
 * under funding.<pre>...; `who` names the instrument in the docs; status and size are
 * parenthesised lists of flags: employees, self-employed, job seekers; size classes 1-9 .. 250+. */
#define INSTRUMENT_ROWS(pre, k, who, cofund_d, cap_d, overhead_d, status_d, size_d, rule_d, target_d)                      \
    S_FLOAT("funding." pre "cofund", fund[k].cofund, 0, 1, cofund_d, "",                                               \
            "share of what is left of the price (after the grants before it) that a grant of the " who " pays"),          \
    S_FLOAT("funding." pre "cap_eur", fund[k].cap_eur, 0, 1e7, cap_d, "EUR", "most one grant of the " who " pays"),   \
    S_FLOAT("funding." pre "overhead", fund[k].overhead, 0, 1, overhead_d, "",                                         \
            "administration of the " who ": a share of each grant, paid from its pot on top of the grant"),             \
    L_INT64("funding." pre "windows", fund[k].windows, LLO_LEN_FIXED, 12, 0, 1, LIST(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1), \
            "", "months the " who " takes applications, January first: 1 open, 0 closed (nothing is granted in a closed month)"), \
    L_INT64("funding." pre "eligible_status", fund[k].eligible_status, LLO_LEN_FIXED, LLO_N_ELIGIBLE_STATUS, 0, 1,    \
            LIST status_d, "", "who may apply to the " who ": employees, self-employed, job seekers (1 may, 0 may not)"), \
    L_INT64("funding." pre "eligible_size", fund[k].eligible_size, LLO_LEN_FIXED, LLO_N_SIZES, 0, 1, LIST size_d, "", \
            "employees of firms of size 1-9, 10-49, 50-249, 250+ who may apply to the " who " (1 may, 0 may not)"),      \
    L_INT64("funding." pre "eligible_education", fund[k].eligible_education, LLO_LEN_FIXED, LLO_N_EDU, 0, 1,          \
            LIST(1, 1, 1), "", "education levels low, middle, high that may apply to the " who " (1 may, 0 may not)"),  \
    S_CHOICE("funding." pre "rule", fund[k].rule, rule_d, LLO_ALLOC_RULE_NAMES,                                        \
             "allocation rule of the " who ": fcfs (the year's budget from January, in claim order until spent), "       \
             "lottery (released in equal tranches over the open months, each month's applicants in random order), "      \
             "targeted (only its target group may apply, as under fcfs)"),                                               \
    S_CHOICE("funding." pre "target", fund[k].target, target_d, LLO_TARGET_GROUP_NAMES,                                \
             "target group of the " who ", served alone under the targeted rule and counted in its target_spent column: " \
             "agenda (whom the region's agenda puts first), low-educated, sme-staff (employees of firms of 1-49), "       \
             "jobseekers, 55-plus")

/* An instrument's rows from the list of instruments (params.h): its budget setting, then the
 * attributes it shares with the others. The list is expanded once per settings order (pass),
 * each instrument in the pass it names. */
#define INSTRUMENT_SETTINGS(pass, id, pot, who, scope, lapses, pre, order, defaults, budget, ...) \
    WHEN_##pass##_##order(LLO_UNPAREN budget LLO_CALL(INSTRUMENT_ROWS, pre, LLO_INSTR_##id, who, LLO_UNPAREN defaults),)
#define WHEN_FIRST_FIRST(...) __VA_ARGS__
#define WHEN_FIRST_LAST(...)
#define WHEN_FIRST_NONE(...)
#define WHEN_LAST_LAST(...) __VA_ARGS__
#define WHEN_LAST_FIRST(...)
#define WHEN_LAST_NONE(...)

/* Marks a setting that gives the world its size or its agents their starting attributes (also
 * an entrant's, drawn like the initial population's): a timeline event may not change it
 * mid-run, since the change would not do what it says. A row without it is read by the monthly
 * step. */
#define AT_BUILD .at_build = 1

static const llo_setting table[] = {
    S_STRING("name", name, "", "scenario name; names the output folder out/<name>/ (empty: the file's base name)", AT_BUILD),

    S_INT64("run.seed", seed, 0, 9.2e18, 20211, "", "master seed; every draw is a function of it, the purpose, the entity, the month and a slot", AT_BUILD),
    S_INT("run.months", months, 1, 1200, 120, "months", "months simulated and written", AT_BUILD),
    S_INT("run.replicates", replicates, 1, 10000, 1, "", "independent replicates; replicate k's seed derives from (seed, k)", AT_BUILD),
    S_FLOAT("run.scale", scale, 1e-5, 10, 1.0, "", "multiplies the numbers of workers, employers, seats, orchestrator staff and regional funds (0.01 = a 1:100 run)", AT_BUILD),
    S_INT("run.start_year", start_year, 1900, 2200, 2015, "year", "calendar year of month 0; employer budgets renew each January", AT_BUILD),
    S_INT("run.burn_in_months", burn_in_months, 0, 600, 24, "months", "months simulated before month 0 and not written", AT_BUILD),

    L_NAMES("regions.names", region_names, n_regions,
            NAMES("West-Brabant", "Midden-Brabant", "Noordoost-Brabant", "Zuidoost-Brabant"),
            "labour-market regions", AT_BUILD),
    L_INT64("regions.employed", region_employed, LLO_LEN_REGIONS, 0, 0, 1e9,
            LIST(377000, 220000, 310000, 443000), "persons", "employed persons per region at scale 1", AT_BUILD),
    L_FLOAT("regions.unemployment", region_unemployment, LLO_LEN_REGIONS, 0, 0, 0.9,
            LIST(0.035, 0.035, 0.03, 0.035), "", "job seekers as a share of the labour force at the start", AT_BUILD),
    L_FLOAT("regions.distance_km", distance_km, LLO_LEN_REGIONS_SQ, 0, 0, 1e4,
            LIST(15, 25, 45, 55,
                 25, 12, 25, 35,
                 45, 25, 15, 30,
                 55, 35, 30, 15), "km", "travel distance between regions, row-major; the diagonal is the mean travel within a region"),

    L_NAMES("sectors.names", sector_names, n_sectors,
            NAMES("manufacturing", "construction", "trade", "logistics", "care", "business-services",
                  "public-education", "other"),
            "sectors of the economy", AT_BUILD),
    L_SECTOR_SHARES("sectors.share", sector_share,
            LIST(0.14, 0.06, 0.16, 0.06, 0.16, 0.18, 0.12, 0.12), "share of employment (normalised to sum to 1)", AT_BUILD),
    L_FLOAT("sectors.obsolescence", sector_obsolescence, LLO_LEN_SECTORS, 0, 0, 1,
            LIST(0.045, 0.03, 0.035, 0.04, 0.03, 0.05, 0.03, 0.03), "per year", "share of a worker's skill that goes out of date per year as the job's needs move on"),

    L_SHARES("workers.education_share", education_share, LLO_N_EDU,
            LIST(0.22, 0.42, 0.36), "share of workers by education: low, middle (mbo), high (hbo/wo); normalised", AT_BUILD),
    L_SHARES("workers.contract_share", contract_share, LLO_N_CONTRACTS,
            LIST(0.70, 0.17, 0.13), "share of employed by contract: permanent, temporary, self-employed; normalised", AT_BUILD),
    S_INT("workers.entry_age", entry_age, 15, 40, 20, "years", "age at which new workers enter the labour market"),
    S_INT("workers.retirement_age", retirement_age, 50, 80, 67, "years", "age at which workers leave the labour market"),
    S_FLOAT("workers.leave_rate", leave_rate, 0, 1, 0.01, "per year", "other exits (migration, disability) per year"),
    S_FLOAT("workers.never_learner_share", never_learner_share, 0, 1, 0.12, "",
            "share of workers who never start a course, whatever the conditions", AT_BUILD),
    S_FLOAT("workers.propensity_sd", propensity_sd, 0, 10, 1.2, "logit", "sd of the persistent personal learning propensity", AT_BUILD),
    L_FLOAT("workers.travel_tolerance_km", travel_tolerance_km, LLO_LEN_FIXED, LLO_N_EDU, 0, 1e4,
            LIST(20, 30, 60), "km", "farthest travel to a course, by education: low, middle, high"),
    S_FLOAT("workers.skill_initial_mean", skill_initial_mean, 0, 2, 0.9, "", "initial skill relative to the job's needs (1 = adequate)", AT_BUILD),
    S_FLOAT("workers.skill_initial_sd", skill_initial_sd, 0, 1, 0.08, "", "sd of initial skill", AT_BUILD),
    S_FLOAT("workers.need_perception", need_perception, 0, 1, 0.4, "", "share of the true skill gap a worker perceives"),
    S_FLOAT("workers.individual_budget_eur", individual_budget_eur, 0, 1e6, 700, "EUR per year",
            "own learning budget accrued per year (collective agreements average about 700)"),
    S_FLOAT("workers.individual_budget_cap_eur", individual_budget_cap_eur, 0, 1e7, 2100, "EUR", "most a worker's own budget can hold"),
    S_FLOAT("workers.individual_budget_coverage", individual_budget_coverage, 0, 1, 0.56, "",
            "share of employers whose collective agreement gives their employees an own learning budget "
            "(about 3/4 of employees are under an agreement, 3/4 of those have a budget)"),
    S_INT("workers.individual_budget_jobseekers", individual_budget_jobseekers, 0, 1, 0, "switch",
          "1: job seekers accrue an own learning budget too (0: they keep what they hold, without accrual)"),
    S_INT("workers.individual_budget_self_employed", individual_budget_self_employed, 0, 1, 0, "switch",
          "1: the self-employed accrue an own learning budget too"),
    S_FLOAT("workers.budget_initiative", budget_initiative, 0, 12, 0.3, "per year",
            "rate at which a worker holding an own budget takes the initiative to find out how to use it "
            "(guidance does it at once; a new employer's scheme must be found out anew)"),
    S_FLOAT("workers.union_outreach", union_outreach, 0, 100, 2, "",
            "the unions' outreach multiplies that rate by 1 + union_outreach x workers' agency share at the table "
            "x the agenda's reach in the region"),

    S_FLOAT("workers.out_of_pocket_max_eur", out_of_pocket_max_eur, 0, 1e6, 300, "EUR",
            "most an employee or job seeker pays beyond the own budget before giving up a course nobody else pays for"),
    S_FLOAT("workers.self_employed_pocket_max_eur", self_employed_pocket_max_eur, 0, 1e6, 3000, "EUR",
            "most a self-employed worker pays beyond the own budget for a course: a business cost, deductible "
            "(the Dutch scholingsaftrek up to 2021 allowed up to 15,000 EUR a year); an assumption"),

    S_FLOAT("training.start_intercept", start_intercept, -50, 50, -3.9, "logit", "intercept of the monthly start hazard"),
    L_FLOAT("training.start_education", start_education, LLO_LEN_FIXED, LLO_N_EDU, -50, 50,
            LIST(-0.75, 0.0, 0.55), "logit", "start hazard shift by education: low, middle, high"),
    L_FLOAT("training.start_age", start_age, LLO_LEN_FIXED, LLO_N_AGE_BANDS, -50, 50,
            LIST(0.2, 0.15, 0.0, -0.15, -0.15), "logit", "start hazard shift by age band: 18-24, 25-34, 35-44, 45-54, 55+ (besides the horizon term)"),
    L_FLOAT("training.start_contract", start_contract, LLO_LEN_FIXED, LLO_N_CONTRACTS, -50, 50,
            LIST(0.0, -0.5, -0.6), "logit", "start hazard shift by contract: permanent, temporary, self-employed"),
    L_FLOAT("training.start_firm_size", start_firm_size, LLO_LEN_FIXED, LLO_N_SIZES, -50, 50,
            LIST(-0.35, -0.1, 0.05, 0.2), "logit", "start hazard shift by firm size: 1-9, 10-49, 50-249, 250+"),
    S_FLOAT("training.start_jobseeker", start_jobseeker, -50, 50, -1.2, "logit", "start hazard shift for job seekers"),
    S_FLOAT("training.start_guidance", start_guidance, -50, 50, 1.0, "logit",
            "start hazard shift for a worker the orchestrator guided last month"),
    S_FLOAT("training.start_need", start_need, -50, 50, 4.0, "logit per unit", "start hazard per unit of perceived skill gap"),
    S_FLOAT("training.start_horizon", start_horizon, 0, 10, 0.5, "logit",
            "human-capital horizon (Becker): the hazard gains start_horizon x ln(min(1, years left / training.horizon_years)), "
            "years left = workers.retirement_age - age; the age shifts are net of it"),
    S_FLOAT("training.horizon_years", horizon_years, 0.5, 50, 10, "years",
            "working years left beyond which a shorter horizon no longer lowers the hazard"),
    S_FLOAT("training.start_own_cost", start_own_cost, -50, 50, 0.8, "logit per 1000 EUR", "start hazard lost per 1000 EUR the worker expects to pay"),
    S_FLOAT("training.start_time", start_time, -50, 50, 0.08, "logit per month",
            "start hazard lost per month of course the worker expects to study in own time: the course's expected length, "
            "less the part an employer that would support it gives in work time; job seekers count it at training.time_jobseeker_factor"),
    S_FLOAT("training.time_jobseeker_factor", time_jobseeker_factor, 0, 10, 0.3, "",
            "weight of a course's time for a job seeker relative to a worker studying beside a job (they have the time)"),
    S_FLOAT("training.start_access", start_access, -50, 50, 0.3, "logit", "weight of the choice set's inclusive value (logsum) in the start hazard"),
    S_FLOAT("training.choice_quality", choice_quality, -50, 50, 1.5, "utility", "provider utility per unit of quality"),
    S_FLOAT("training.choice_fit", choice_fit, -50, 50, 2.0, "utility", "provider utility per unit of fit with the worker's sector"),
    S_FLOAT("training.choice_price", choice_price, -50, 50, 0.6, "utility per 1000 EUR", "provider utility lost per 1000 EUR of price"),
    S_FLOAT("training.choice_distance", choice_distance, -50, 50, 0.4, "utility per 10 km", "provider utility lost per 10 km of travel"),
    S_FLOAT("training.choice_trust", choice_trust, -50, 50, 1.0, "utility",
            "provider utility per unit of workers' trust in providers of that kind (public or private)"),
    S_FLOAT("training.course_months_mean", course_months_mean, 1, 60, 6.5, "months", "mean course length (exponential, rounded up)"),
    S_FLOAT("training.dropout_share", dropout_share, 0, 1, 0.02, "", "share of starts that drop out before the end"),
    S_FLOAT("training.skill_gain", skill_gain, 0, 2, 0.12, "", "skill gained by a completed course at perfect fit"),
    S_FLOAT("training.informal_learning_rate", informal_learning_rate, 0, 10, 0.5, "per year",
            "rate at which learning on the job closes the skill gap, per year at a learning share of 1"),

    L_SHARES("employers.size_share", firm_size_share, LLO_N_SIZES,
            LIST(0.22, 0.22, 0.18, 0.34), "share of employees by firm size: 1-9, 10-49, 50-249, 250+; normalised", AT_BUILD),
    L_FLOAT("employers.mean_size", firm_mean_size, LLO_LEN_FIXED, LLO_N_SIZES, 1, 1e6,
            LIST(3.5, 22, 110, 800), "employees", "mean number of employees by firm size class", AT_BUILD),
    S_FLOAT("employers.training_budget_share", training_budget_share, 0, 1, 0.011, "", "annual training budget as a share of labour cost"),
    S_FLOAT("employers.labour_cost_eur", labour_cost_eur, 0, 1e6, 4600, "EUR per month", "labour cost per employee per month"),
    S_FLOAT("employers.learning_culture_mean", learning_culture_mean, 0, 1, 0.75, "",
            "mean learning culture: the probability that a firm pays in full for a course whose expected return just equals its net cost", AT_BUILD),
    S_FLOAT("employers.learning_share_mean", learning_share_mean, 0, 1, 0.25, "", "mean share of work time spent on tasks one learns from", AT_BUILD),
    S_FLOAT("employers.learning_share_sd", learning_share_sd, 0, 1, 0.08, "", "sd of that share over firms", AT_BUILD),
    S_FLOAT("employers.training_time_share", training_time_share, 0, 1, 0.035, "",
            "share of work time a course takes while it lasts; for courses it funds, the employer bears this labour cost "
            "(counted in its training spend, as in labour-cost accounts, and weighed in its decision)"),
    S_FLOAT("employers.productivity_value", productivity_value, 0, 100, 0.3, "",
            "monthly value to the employer of one unit of skill, as a share of labour cost (the part of the productivity gain it keeps)"),
    S_INT("employers.return_months", return_months, 1, 600, 36, "months",
          "horizon over which an employer counts a course's return; also how long a completed course makes a worker a poaching target"),
    S_FLOAT("employers.return_horizon_weight", return_horizon_weight, 0, 3, 1.0, "",
            "Becker: elasticity of the employer's expected return to the worker's expected stay given tenure, relative to the stay "
            "its contract's mean job loss implies (0 = tenure-blind; 1 = the stay labour.separation_tenure_ratio implies)"),
    S_FLOAT("employers.cofund_share", cofund_share, 0, 1, 0.5, "",
            "share of the net cost an employer pays when it co-funds rather than pays in full"),
    S_FLOAT("employers.payback_share", payback_share, 0, 1, 0.5, "",
            "pay-back clause: share of the employer's contribution a worker repays when recruited away within payback_months of the start"),
    S_INT("employers.payback_months", payback_months, 0, 600, 24, "months", "months after a course start within which the pay-back clause holds"),
    S_FLOAT("employers.culture_adaptation", culture_adaptation, 0, 100, 0.25, "",
            "how far experience moves learning culture: per employee, a skill gap closed by a funded course moves it up by this times (1 - culture), a trained worker lost to a poacher down by this times culture"),
    S_FLOAT("employers.culture_norm_rate", culture_norm_rate, 0, 12, 0.2, "per year",
            "rate at which a firm's learning culture drifts back to the norm of its sector and size class"),
    S_FLOAT("employers.learning_share_trend", learning_share_trend, -1, 1, 0.0, "per year",
            "change of every firm's learning share per year from month 0 (-0.0114 takes 0.30 to 0.22 in 7 years)"),
    S_FLOAT("employers.learning_share_culture", learning_share_culture, -10, 10, 0.2, "",
            "change of a firm's learning share per unit change of its learning culture (job design follows culture)"),

    L_INT64("providers.mbo", providers_mbo, LLO_LEN_REGIONS, 0, 0, 1000, LIST(2, 2, 2, 2), "schools", "public mbo schools per region", AT_BUILD),
    L_INT64("providers.hbo", providers_hbo, LLO_LEN_REGIONS, 0, 0, 1000, LIST(2, 1, 1, 2), "schools", "public universities of applied sciences per region", AT_BUILD),
    L_INT64("providers.wo", providers_wo, LLO_LEN_REGIONS, 0, 0, 1000, LIST(0, 1, 0, 1), "schools", "public universities per region", AT_BUILD),
    L_INT64("providers.private", providers_private, LLO_LEN_REGIONS, 0, 0, 10000, LIST(12, 8, 10, 14), "providers", "private providers per region", AT_BUILD),
    S_INT("providers.online", providers_online, 0, 1000, 3, "providers", "online providers, reachable from every region", AT_BUILD),
    L_INT64("providers.seats", provider_seats, LLO_LEN_FIXED, LLO_N_PROVIDER_KINDS, 0, 1e8,
            LIST(8000, 6000, 3000, 12000, 25000), "seats", "concurrent seats per provider at scale 1: mbo, hbo, wo, private, online", AT_BUILD),
    L_FLOAT("providers.price_eur", provider_price_eur, LLO_LEN_FIXED, LLO_N_PROVIDER_KINDS, 0, 1e6,
            LIST(900, 1300, 1600, 1100, 600), "EUR", "price of a course: mbo, hbo, wo, private, online", AT_BUILD),
    L_FLOAT("providers.quality", provider_quality, LLO_LEN_FIXED, LLO_N_PROVIDER_KINDS, 0, 1,
            LIST(0.6, 0.65, 0.7, 0.6, 0.45), "", "quality: mbo, hbo, wo, private, online", AT_BUILD),
    L_FLOAT("providers.fit", provider_fit, LLO_LEN_FIXED, LLO_N_PROVIDER_KINDS, 0, 1,
            LIST(0.5, 0.5, 0.45, 0.7, 0.55), "", "mean fit of the offer with a sector's needs: mbo, hbo, wo, private, online", AT_BUILD),

    L_FLOAT("providers.adaptation_speed", provider_adaptation_speed, LLO_LEN_FIXED, LLO_N_PROVIDER_KINDS, 0, 1,
            LIST(0.06, 0.05, 0.04, 0.15, 0.12), "per month",
            "share of the lag behind a sector's needs a provider's curriculum closes per month at full demand signal: mbo, hbo, wo, private, online"),
    S_CHOICE("providers.public_funding", provider_public_funding, "diploma", LLO_FUNDING_RULE_NAMES,
            "public funding of public providers (mbo, hbo, wo): diploma-bound (whole accredited programmes, slow to change) or modular (short modules for adults)"),
    S_FLOAT("providers.diploma_speed_factor", provider_diploma_speed_factor, 0, 1, 0.35, "",
            "multiplier of public providers' adaptation speed under diploma-bound funding (programmes must be re-accredited)"),
    S_FLOAT("providers.module_length_factor", provider_module_length_factor, 0.05, 1, 0.6, "",
            "under modular funding, public providers' courses last this share of the usual length and cost this share of the price"),
    S_FLOAT("providers.information_sharing", provider_information_sharing, 0, 1, 0.3, "",
            "how fully employers' skill needs reach providers, as a signal in [0,1] beside their own applicants"),
    S_CHOICE("providers.competition", provider_competition, "market", LLO_COMPETITION_RULE_NAMES,
            "how providers relate: market (each on its own, private prices follow demand), coordinated (referrals when full, shared demand signals), joint (one whitelabel offer per region, seats pooled)"),
    S_FLOAT("providers.price_adjustment", provider_price_adjustment, 0, 1, 0.15, "per month",
            "under market competition, a private or online provider's monthly price change per unit of occupancy above (or below) its target"),
    S_FLOAT("providers.target_occupancy", provider_target_occupancy, 0.01, 1, 0.9, "",
            "share of its seats a private or online provider aims to fill; fuller raises its price, emptier lowers it"),
    S_FLOAT("providers.price_flex", provider_price_flex, 0, 0.9, 0.2, "",
            "most a private or online provider's price moves away from its list price, as a share of it"),

    L_FLOAT("orchestrators.staff_fte", orchestrator_staff_fte, LLO_LEN_REGIONS, 0, 0, 1e6,
            LIST(40, 25, 35, 50), "FTE", "guidance staff of each region's orchestrator at scale 1", AT_BUILD),
    S_FLOAT("orchestrators.guidance_per_fte", guidance_per_fte, 0, 10000, 25, "sessions per FTE per month",
            "guidance sessions one FTE gives per month; who waited last month is seen first, the rest in a random priority order"),

    L_INT64("orchestrators.intermediaries", intermediaries, LLO_LEN_REGIONS, 0, 0, 100, LIST(3, 2, 3, 3), "organisations",
            "further intermediaries per region besides the central orchestrator (UWV, Leerwerkloket, work service points, foundations)", AT_BUILD),
    S_FLOAT("orchestrators.intermediary_staff_fte", intermediary_staff_fte, 0, 1e6, 8, "FTE",
            "guidance staff of each further intermediary at scale 1", AT_BUILD),
    S_FLOAT("orchestrators.temporary_staff_share", temporary_staff_share, 0, 1, 0.6, "",
            "share of orchestrator staff on temporary contracts or project money (the study: execution capacity is mostly temporary)"),
    S_FLOAT("orchestrators.temporary_turnover", temporary_turnover, 0, 12, 0.5, "per year", "turnover of temporary staff per year"),
    S_FLOAT("orchestrators.new_staff_productivity", new_staff_productivity, 0, 1, 0.5, "",
            "guidance capacity of staff in their first months relative to experienced staff"),
    S_INT("orchestrators.front_office", front_office, 0, 1, 0, "switch",
          "1: one front office per region, every request reaches the right organisation; 0: every organisation is a door and wrong doors refer on"),
    S_FLOAT("orchestrators.referral_loss", referral_loss, 0, 1, 0.35, "",
            "share of people who give up when referred from a wrong door, at zero trust in the orchestrators (falls as trust rises)"),
    S_FLOAT("orchestrators.guidance_seek_employed", guidance_seek_employed, 0, 1, 0.0025, "per month",
            "share of employed workers with a perceived skill gap who seek guidance each month"),
    S_FLOAT("orchestrators.guidance_seek_jobseeker", guidance_seek_jobseeker, 0, 1, 0.04, "per month",
            "share of job seekers sent for training guidance each month by their case manager (UWV or municipality)"),
    S_FLOAT("orchestrators.waiting_attrition", waiting_attrition, 0, 1, 0.3, "per month",
            "share of people waiting for guidance who give up each month (the rest ask again and are seen first)"),
    S_FLOAT("orchestrators.guidance_steering", guidance_steering, 0, 20, 1.0, "",
            "how far guidance steers a guided worker to a provider that fits the sector's needs: the month after guidance the "
            "provider choice weighs fit (1 + guidance_steering) x training.choice_fit; 0: guidance does not steer (assumption, tried 0-3)"),
    S_FLOAT("orchestrators.staff_cost_eur", staff_cost_eur, 0, 1e7, 75000, "EUR per year",
            "cost of an FTE of orchestrator staff, structural or temporary (salary and overhead)"),
    S_FLOAT("orchestrators.front_office_fte", front_office_fte, 0, 1e4, 3, "FTE",
            "coordination staff a one-stop front office needs per region, at scale 1 (a cost; they do not guide)"),
    S_FLOAT("orchestrators.convening_cost_eur", convening_cost_eur, 0, 1e7, 5000, "EUR",
            "cost of one meeting of a region's table (preparation, secretariat, working groups)"),
    S_FLOAT("orchestrators.convening_per_year", convening_per_year, 0, 52, 4, "meetings per year",
            "meetings of the region's actors; each raises trust, more so the stronger the agenda"),
    S_FLOAT("orchestrators.convening_trust_gain", convening_trust_gain, 0, 1, 0.03, "",
            "trust gained per meeting, as a share of the distance to 1, at full agenda strength"),

    L_FLOAT("governance.agency", agency, LLO_LEN_FIXED, LLO_N_ACTORS, 0, 1, LIST(0.40, 0.35, 0.10, 0.05, 0.10), "",
            "votes at the regional table: municipality, intermediaries, employers, workers (unions), education; normalised"),
    S_FLOAT("governance.dissemination", dissemination, 0, 1, 0.3, "",
            "share of the regional agenda that reaches the member organisations (employers, providers)"),
    S_FLOAT("governance.agenda_growth", agenda_growth, 0, 10, 0.8, "per year",
            "growth of the shared agenda per year when employers, workers and education hold all agency"),
    S_FLOAT("governance.agenda_decay", agenda_decay, 0, 10, 0.6, "per year", "decay of the shared agenda per year at a staff turnover of 1 per year"),
    S_FLOAT("governance.agenda_initial", agenda_initial, 0, 1, 0.2, "", "strength of the shared agenda at the start", AT_BUILD),
    S_FLOAT("governance.outreach_rate", outreach_rate, 0, 1, 0.005, "per month",
            "outreach to the agenda's priority groups: share of a member with priority weight 1 reached in a month at full "
            "agenda strength (times the agenda and the weight); the reached seek guidance"),
    S_FLOAT("governance.outreach_cost_eur", outreach_cost_eur, 0, 1e5, 25, "EUR", "cost of reaching one person by outreach"),
    S_FLOAT("governance.scan_rate", scan_rate, 0, 12, 0.01, "per year",
            "company scans (as the SLIM scheme funds): share of small firms (1-49) scanned per year at full agenda strength "
            "when the agenda puts SME staff first (times the agenda and SME staff's priority relative to the top one)"),
    S_FLOAT("governance.scan_cost_eur", scan_cost_eur, 0, 1e6, 8000, "EUR", "cost of a company scan and the training plan it leads to"),
    S_FLOAT("governance.scan_public_share", scan_public_share, 0, 1, 0.8, "",
            "of a scan's cost, the public programme's part (SLIM: 80% for small firms); the firm pays the rest"),
    S_FLOAT("governance.scan_culture_gain", scan_culture_gain, 0, 1, 0.15, "",
            "a scan raises the firm's learning culture by this share of its distance to 1 (it then drifts back to the norm)"),
    S_FLOAT("governance.codevelopment", codevelopment, 0, 20, 1.0, "",
            "employers and education co-developing offer at the table: providers adapt 1 + codevelopment x C times as fast, "
            "C = min(employers', education's vote share) / 0.2 x employers' trust in the provider kind x the agenda"),
    S_FLOAT("governance.education_flexibility", education_flexibility, 0, 10, 1.0, "",
            "education's agency (legal powers, money) eases the diploma-bound slow-down of public providers: "
            "factor f becomes f + (1 - f) x min(1, education_flexibility x education's vote share)"),

    S_FLOAT("trust.initial_employer_provider", trust_initial_employer_provider, 0, 1, 0.5, "", "employers' trust in providers at the start"),
    S_FLOAT("trust.initial_public_private", trust_initial_public_private, 0, 1, 0.3, "",
            "trust between public and private providers at the start (the study: they keep their cards close)"),
    S_FLOAT("trust.initial_orchestrator", trust_initial_orchestrator, 0, 1, 0.5, "", "every group's trust in the orchestrators at the start"),
    S_FLOAT("trust.gain", trust_gain, 0, 1, 0.05, "", "after a good experience, trust gains this share of its distance to 1"),
    S_FLOAT("trust.loss", trust_loss, 0, 1, 0.15, "", "after a bad experience, trust loses this share of its level (bad weighs more)"),
    S_FLOAT("trust.decay", trust_decay, 0, 10, 0.2, "per year", "pull of trust back toward its initial level, per year"),
    S_FLOAT("trust.good_fit", trust_good_fit, 0, 1, 0.35, "", "a completed course with at least this fit is a good experience; less, or a dropout, is a bad one"),
    S_FLOAT("trust.competition_erosion", trust_competition_erosion, 0, 10, 0.1, "per year",
            "erosion of public-private provider trust per year under market competition; under coordination or a joint offer the same pace builds it"),

    L_FLOAT("labour.job_loss_rate", job_loss_rate, LLO_LEN_FIXED, LLO_N_CONTRACTS, 0, 1,
            LIST(0.03, 0.22, 0.06), "per year", "job loss per year by contract: permanent, temporary, self-employed"),
    S_FLOAT("labour.separation_tenure_ratio", separation_tenure_ratio, 1, 10, 2.0, "",
            "job loss of an employee in the first year with the employer relative to later years (Farber 1999), within a contract; "
            "normalised each month so that the contract's mean job loss stays labour.job_loss_rate (1 = tenure does not matter)"),
    S_FLOAT("labour.job_finding_rate", job_finding_rate, 0, 1, 0.14, "per month", "job finding per month for a middle-educated job seeker"),
    L_FLOAT("labour.job_finding_education", job_finding_education, LLO_LEN_FIXED, LLO_N_EDU, 0, 100,
            LIST(0.7, 1.0, 1.25), "", "job finding multiplier by education: low, middle, high"),
    S_FLOAT("labour.job_finding_training_boost", job_finding_training_boost, 0, 100, 1.3, "",
            "job finding multiplier after a course completed in the last 12 months"),
    S_FLOAT("labour.hire_temporary_share", hire_temporary_share, 0, 1, 0.75, "", "share of hires on a temporary contract"),
    S_FLOAT("labour.hire_self_employed_share", hire_self_employed_share, 0, 1, 0.10, "",
            "share of job findings that are a start as self-employed"),
    S_FLOAT("labour.temporary_conversion", temporary_conversion, 0, 1, 0.10, "per year", "temporary contracts made permanent per year"),
    S_FLOAT("labour.poaching_intensity", poaching_intensity, 0, 1, 0.01, "per month",
            "chance per month that an employee is recruited away by a firm with a vacancy, at a tightness of 1 vacancy per job seeker"),
    L_FLOAT("labour.poaching_vulnerability", poaching_vulnerability, LLO_LEN_FIXED, LLO_N_SIZES, 0, 100,
            LIST(1.5, 1.2, 1.0, 0.7), "", "poaching multiplier by size class of the firm losing the worker: 1-9, 10-49, 50-249, 250+"),
    S_FLOAT("labour.poaching_trained_attraction", poaching_trained_attraction, 0, 100, 2.0, "",
            "poaching multiplier for a worker who completed a course within employers.return_months"),

    /* Funding instruments (sim/funding.c, docs/model.md section 7.25). */
    S_FLOAT("funding.regional_fund_agenda_match", regional_fund_agenda_match, 0, 10, 0.0, "",
            "what the region's partners add to the regional fund each January, as a share of funding.regional_fund_eur at full "
            "agenda strength: the grant is regional_fund_eur x (1 + match x agenda); 0: the fund's size ignores the agenda "
            "(assumption, tried 0-1)"),
    S_FLOAT("funding.application_friction", application_friction, 0, 100, 0.1, "",
            "application friction: a worker eligible for an instrument applies with probability 1 / (1 + friction x "
            "(instruments open to them - 1 + front doors - 1)); one guided by an orchestrator last month always applies"),
    LLO_INSTRUMENTS(INSTRUMENT_SETTINGS, FIRST)
    LLO_INSTRUMENTS(INSTRUMENT_SETTINGS, LAST)
    S_INT("funding.public_provider_limited", public_provider_limited, 0, 1, 0, "switch",
          "under modular funding the state pays a public provider the difference between its list price and the module "
          "price: 0 for every module, 1 from a yearly budget (public_provider_budget_eur); when it is spent, modules sell at list price"),
    S_FLOAT("funding.public_provider_budget_eur", public_provider_budget_eur, 0, 1e10, 5e6, "EUR per year",
            "the state's yearly budget for public modules at scale 1, when public_provider_limited is 1"),
    S_FLOAT("funding.public_provider_overhead", public_provider_overhead, 0, 1, 0.0, "",
            "administration of public module funding, as a share of what the state pays providers"),
};

_Static_assert(sizeof(table) / sizeof(table[0]) <= LLO_MAX_SETTINGS, "raise LLO_MAX_SETTINGS in settings.h");
_Static_assert(sizeof((const char *[]){LLO_FUNDING_RULE_NAMES}) / sizeof(const char *) == LLO_N_FUNDING_RULES,
               "LLO_FUNDING_RULE_NAMES must name every funding rule");
_Static_assert(sizeof((const char *[]){LLO_ALLOC_RULE_NAMES}) / sizeof(const char *) == LLO_N_ALLOC_RULES,
               "LLO_ALLOC_RULE_NAMES must name every allocation rule");
_Static_assert(sizeof((const char *[]){LLO_TARGET_GROUP_NAMES}) / sizeof(const char *) == LLO_N_TARGET_GROUPS,
               "LLO_TARGET_GROUP_NAMES must name every target group");
_Static_assert(sizeof((const char *[]){LLO_COMPETITION_RULE_NAMES}) / sizeof(const char *) == LLO_N_COMPETITION_RULES,
               "LLO_COMPETITION_RULE_NAMES must name every competition rule");

const llo_setting *llo_settings(size_t *count)
{
    *count = sizeof(table) / sizeof(table[0]);
    return table;
}

const llo_setting *llo_setting_find(const char *path)
{
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++)
        if (strcmp(table[i].path, path) == 0)
            return &table[i];
    return NULL;
}

size_t llo_setting_index(const llo_setting *s) { return (size_t)(s - table); }

const char *llo_setting_allowed_name(const llo_setting *s, int index)
{
    if (!s || !s->allowed || index < 0) return "";
    for (int k = 0; s->allowed[k]; k++)
        if (k == index) return s->allowed[k];
    return "";
}

int llo_setting_allowed_index(const llo_setting *s, const char *value)
{
    if (!s || !s->allowed) return -1;
    for (int k = 0; s->allowed[k]; k++)
        if (strcmp(s->allowed[k], value) == 0) return k;
    return -1;
}

void llo_setting_allowed_text(const llo_setting *s, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    if (!s->allowed) return;
    for (int k = 0; s->allowed[k] && used < n; k++) {
        used += (size_t)snprintf(buf + used, n - used, "%s%s", k ? ", " : "", s->allowed[k]);
    }
}

void llo_params_defaults(llo_params *p)
{
    memset(p, 0, sizeof *p);
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        const llo_setting *s = &table[i];
        char *at = (char *)p + s->offset;
        switch (s->type) {
        case LLO_T_INT: *(int *)at = (int)s->def_num; break;
        case LLO_T_INT64: *(int64_t *)at = (int64_t)s->def_num; break;
        case LLO_T_FLOAT: *(double *)at = s->def_num; break;
        case LLO_T_STRING: snprintf(at, LLO_NAME_MAX, "%s", s->def_str); break;
        case LLO_T_CHOICE: *(int *)at = llo_setting_allowed_index(s, s->def_str); break;
        case LLO_T_INT64_LIST:
            for (int k = 0; k < s->def_len; k++) ((int64_t *)at)[k] = (int64_t)s->def_list[k];
            break;
        case LLO_T_FLOAT_LIST:
            for (int k = 0; k < s->def_len; k++) ((double *)at)[k] = s->def_list[k];
            break;
        case LLO_T_STRING_LIST:
            for (int k = 0; k < s->def_len; k++) snprintf(at + (size_t)k * LLO_NAME_MAX, LLO_NAME_MAX, "%s", s->def_names[k]);
            *(int *)((char *)p + s->count_offset) = s->def_len;
            break;
        }
    }
}

int llo_setting_required_len(const llo_setting *s, const llo_params *p)
{
    switch (s->len_rule) {
    case LLO_LEN_SCALAR: return 1;
    case LLO_LEN_FIXED: return s->len_fixed;
    case LLO_LEN_REGIONS: return p->n_regions;
    case LLO_LEN_SECTORS: return p->n_sectors;
    case LLO_LEN_REGIONS_SQ: return p->n_regions * p->n_regions;
    case LLO_LEN_NAMES: return *(const int *)((const char *)p + s->count_offset);
    }
    return 0;
}

/* A double that libconfig reads back as the same float: shortest round-trip form with a
 * decimal point, so it is never mistaken for an integer. */
void llo_format_float(char *buf, size_t n, double v)
{
    for (int prec = 15; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) break;
    }
    if (!strpbrk(buf, ".eEn")) strncat(buf, ".0", n - strlen(buf) - 1);
}

/* libconfig reads an integer past 32 bits only with an L suffix. */
static void format_int64(char *buf, size_t n, int64_t v)
{
    if (v > INT32_MAX || v < INT32_MIN) snprintf(buf, n, "%" PRId64 "L", v);
    else snprintf(buf, n, "%" PRId64, v);
}

void llo_write_string(FILE *out, const char *s)
{
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\') fputc('\\', out);
        fputc(*s, out);
    }
    fputc('"', out);
}

int llo_setting_is_live(const llo_setting *s)
{
    if (s->at_build || s->type == LLO_T_STRING || s->type == LLO_T_STRING_LIST) return 0;
    return s->cap <= LLO_EVENT_VALUES; /* a choice is a rule: its index, read by the step each month */
}

static void write_number(FILE *out, llo_type type, const void *at, int k)
{
    char buf[64];
    switch (type) {
    case LLO_T_INT: fprintf(out, "%d", ((const int *)at)[k]); return;
    case LLO_T_INT64:
    case LLO_T_INT64_LIST: format_int64(buf, sizeof buf, ((const int64_t *)at)[k]); break;
    default: llo_format_float(buf, sizeof buf, ((const double *)at)[k]); break;
    }
    fputs(buf, out);
}

void llo_setting_write_elements(FILE *out, const llo_setting *s, const void *at, int n)
{
    if (s->len_rule == LLO_LEN_SCALAR) {
        if (s->type == LLO_T_STRING) llo_write_string(out, at);
        else if (s->type == LLO_T_CHOICE) llo_write_string(out, llo_setting_allowed_name(s, *(const int *)at));
        else write_number(out, s->type, at, 0);
        return;
    }
    fputc('[', out);
    for (int k = 0; k < n; k++) {
        if (k) fputs(", ", out);
        if (s->type == LLO_T_STRING_LIST) llo_write_string(out, (const char *)at + (size_t)k * LLO_NAME_MAX);
        else write_number(out, s->type, at, k);
    }
    fputc(']', out);
}

void llo_setting_write_value(FILE *out, const llo_setting *s, const llo_params *p)
{
    llo_setting_write_elements(out, s, (const char *)p + s->offset, llo_setting_required_len(s, p));
}

/* Length of the group prefix of a path ("workers.leave_rate" -> 7), 0 for a top-level key. */
static size_t group_len(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot ? (size_t)(dot - path) : 0;
}

int llo_params_write(const llo_params *p, FILE *out)
{
    size_t n = sizeof(table) / sizeof(table[0]);
    fputs("# The complete effective scenario written by llosim: every setting, defaults filled in,\n"
          "# every include and override applied. `llosim run` on this file reproduces the run.\n", out);
    /* Groups in the order they first appear in the table, each with all its rows: libconfig
     * refuses a group written twice, and the table need not keep a group's rows together. */
    for (size_t first = 0; first < n; first++) {
        size_t g = group_len(table[first].path);
        int seen = 0;
        for (size_t k = 0; k < first && !seen; k++)
            seen = group_len(table[k].path) == g && strncmp(table[k].path, table[first].path, g) == 0;
        if (seen) continue;
        if (g) fprintf(out, "\n%.*s = {\n", (int)g, table[first].path);
        for (size_t i = first; i < n; i++) {
            const llo_setting *s = &table[i];
            if (group_len(s->path) != g || strncmp(s->path, table[first].path, g) != 0) continue;
            const char *key = g ? s->path + g + 1 : s->path;
            fprintf(out, "%s# %s%s%s%s\n", g ? "  " : "", s->doc, *s->unit ? " [" : "", s->unit, *s->unit ? "]" : "");
            fprintf(out, "%s%s = ", g ? "  " : "", key);
            llo_setting_write_value(out, s, p);
            fputs(";\n", out);
        }
        if (g) fputs("};\n", out);
    }
    llo_timeline_write(p, out);
    return ferror(out) ? -1 : 0;
}

static const char *type_name(const llo_setting *s)
{
    switch (s->type) {
    case LLO_T_INT: return "int";
    case LLO_T_INT64: return "int64";
    case LLO_T_FLOAT: return "float";
    case LLO_T_STRING:
    case LLO_T_CHOICE: return "string";
    case LLO_T_INT64_LIST: return "int64 list";
    case LLO_T_FLOAT_LIST: return "float list";
    case LLO_T_STRING_LIST: return "string list";
    }
    return "?";
}

static void length_text(const llo_setting *s, char *buf, size_t n)
{
    switch (s->len_rule) {
    case LLO_LEN_SCALAR: buf[0] = 0; break;
    case LLO_LEN_FIXED: snprintf(buf, n, "%d values", s->len_fixed); break;
    case LLO_LEN_REGIONS: snprintf(buf, n, "one per region"); break;
    case LLO_LEN_SECTORS: snprintf(buf, n, "one per sector"); break;
    case LLO_LEN_REGIONS_SQ: snprintf(buf, n, "regions x regions"); break;
    case LLO_LEN_NAMES: snprintf(buf, n, "1 to %d names", s->cap); break;
    }
}

static void range_text(const llo_setting *s, char *buf, size_t n)
{
    if (s->allowed) {
        char names[160];
        llo_setting_allowed_text(s, names, sizeof names);
        snprintf(buf, n, "one of: %s", names);
        return;
    }
    if (s->type == LLO_T_STRING || s->type == LLO_T_STRING_LIST) {
        snprintf(buf, n, "-");
        return;
    }
    char lo[32], hi[32];
    snprintf(lo, sizeof lo, "%.10g", s->min);
    snprintf(hi, sizeof hi, "%.10g", s->max);
    snprintf(buf, n, "[%s, %s]", lo, hi);
}

int llo_settings_print_reference(FILE *out, int markdown)
{
    llo_params d;
    llo_params_defaults(&d);
    size_t n = sizeof(table) / sizeof(table[0]);
    if (markdown) {
        fputs("# Parameter reference\n\n"
              "Generated by `llosim params --markdown` from the settings table (config/settings.c); do not edit by hand.\n"
              "Every setting may be given in a scenario file (a group per dotted prefix) or with `--set PATH=VALUE`.\n"
              "Shares marked 'normalised' are divided by their sum before use.\n"
              "Column 'timeline': whether a timeline `set` event may change the setting during a run (settings read only\n"
              "when the world is built may not).\n\n"
              "| setting | type | range | default | unit | timeline | meaning |\n|---|---|---|---|---|---|---|\n", out);
    }
    for (size_t i = 0; i < n; i++) {
        const llo_setting *s = &table[i];
        char range[200], len[40];
        range_text(s, range, sizeof range);
        length_text(s, len, sizeof len);
        char *defbuf = NULL;
        size_t deflen = 0;
        FILE *mem = open_memstream(&defbuf, &deflen);
        if (!mem) return -1;
        llo_setting_write_value(mem, s, &d);
        fclose(mem);
        if (markdown)
            fprintf(out, "| `%s` | %s%s%s | %s | `%s` | %s | %s | %s |\n", s->path, type_name(s), *len ? ", " : "", len,
                    range, defbuf, s->unit, llo_setting_is_live(s) ? "yes" : "no", s->doc);
        else
            fprintf(out, "%s\n  type: %s%s%s  range: %s  default: %s%s%s%s\n  %s\n", s->path, type_name(s),
                    *len ? ", " : "", len, range, defbuf, *s->unit ? "  unit: " : "", s->unit,
                    llo_setting_is_live(s) ? "  timeline: yes" : "", s->doc);
        free(defbuf);
    }
    llo_timeline_print_reference(out, markdown);
    return ferror(out) ? -1 : 0;
}
