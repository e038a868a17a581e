/* Following one worker through the months, for the live view (llosim serve): the state the
 * month's decision to start a course was taken from, and the terms of that decision on the
 * log-odds scale. Recording draws nothing and changes nothing, so a followed run's outputs are
 * those of any other run. Part of the engine's public interface (with sim/llosim.h). */
#ifndef LLO_FOLLOW_H
#define LLO_FOLLOW_H

#include <stddef.h>
#include <stdint.h>

/* The terms of the course-start hazard (training_choice.c), each a shift of its log-odds. */
#define LLO_FOLLOW_TERMS(X)                                                                          \
    X(INTERCEPT, "baseline", "training.start_intercept")                                             \
    X(EDUCATION, "education", "training.start_education")                                            \
    X(AGE, "age", "training.start_age")                                                              \
    X(PROPENSITY, "own propensity", "the worker's persistent learning propensity")                   \
    X(ACCESS, "what is within reach", "training.start_access times the choice set's logsum")         \
    X(GUIDANCE, "guidance last month", "training.start_guidance")                                    \
    X(POSITION, "job or job seeking", "training.start_jobseeker, or start_contract and start_firm_size") \
    X(NEED, "felt skill gap", "training.start_need times the perceived gap")                         \
    X(URGENCY, "crisis urgency", "a recession's urgency")                                            \
    X(FEES, "fees to pay", "training.start_own_cost per 1000 EUR the worker expects to pay")         \
    X(OWN_TIME, "own time", "training.start_time per month studied in own time")

enum {
#define LLO_FOLLOW_TERM_ENUM(id, name, doc) LLO_FOLLOW_##id,
    LLO_FOLLOW_TERMS(LLO_FOLLOW_TERM_ENUM)
#undef LLO_FOLLOW_TERM_ENUM
    LLO_FOLLOW_N_TERMS
};

typedef struct llo_follow {
    int active;          /* a worker is followed */
    uint64_t person;     /* who (persistent identity) */
    size_t slot;         /* where they are stored */
    int month;           /* month of the record: another month means they made no decision in
                            the month last simulated (they left the labour market) */
    /* The state the decision was taken from. */
    int status;          /* 1 employed, 2 job seeker */
    int region, sector, education, contract, size_class;
    int age_years;
    int in_course;       /* already in a course: no decision to start one */
    int never_learner;   /* of the group that never starts a course */
    int nothing_in_reach;/* no provider within reach: no decision either */
    double skill;        /* relative to the job's needs (1 adequate) */
    double own_budget_eur;
    double expected_fees_eur; /* the price of a course as the worker expects it, before any support */
    /* The decision. */
    double term[LLO_FOLLOW_N_TERMS];
    double probability;  /* of wanting to start this month (the model's own function) */
    double draw;         /* the worker's draw: wants to start when draw < probability */
    int wanted;          /* wanted to start and chose a provider */
    int provider_kind;   /* LLO_PROV_* of the provider chosen, -1 none */
    int started;         /* and started this month (seat, employer and money permitting) */
} llo_follow;

/* Names and meanings of the terms, indexed by LLO_FOLLOW_*. */
const char *llo_follow_term_name(int term);

typedef struct llo_world llo_world;

/* Follows the person now in worker slot `slot` (taken modulo the slots), or the next one under 50
 * (else the next one at all) from the next month on. Returns 0, or -1 when nobody is there. */
int llo_world_follow_slot(llo_world *w, size_t slot);

/* Follows `person` again (after a reset the same people are in the same slots). Returns -1 when
 * nobody of that identity is in the world now. */
int llo_world_follow_person(llo_world *w, uint64_t person);

/* The record of the month last simulated, with `started` filled in; NULL when nobody is followed. */
const llo_follow *llo_world_followed(llo_world *w);

#endif
