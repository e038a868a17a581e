/* Counter-based random numbers: a draw is a pure function of (seed, purpose, entity, month,
 * slot), never of a thread or of call order. Philox4x64-10 (Random123) is a keyed bijection:
 * key = (seed, purpose), counter = (entity, month:slot, 0, stream). Because the scenario enters
 * neither, a worker's job-loss draw in month 37 is the same in every scenario: common random
 * numbers, which make scenario differences far less noisy. */
#ifndef LLO_RNG_H
#define LLO_RNG_H

#include <stdint.h>
#include <gsl/gsl_rng.h>
#include <Random123/philox.h>

/* What a draw is for. Each purpose is an independent stream; adding one at the end never
 * changes the draws of the others. The X-macro keeps names and numbers in one list. */
#define LLO_PURPOSES(X)                                                   \
    X(SEED, "derive a replicate's seed from the master seed")            \
    X(INIT_WORKER, "initial worker attributes")                          \
    X(PROPENSITY, "persistent personal learning propensity")             \
    X(INIT_EMPLOYER, "initial employer attributes")                      \
    X(INIT_PROVIDER, "initial provider attributes")                      \
    X(ENTRANT, "attributes of a labour-market entrant")                  \
    X(HIRE, "which employer hires a job seeker")                         \
    X(PROVIDER_CHOICE, "which provider a worker chooses")                \
    X(PRIORITY, "order in which scarce seats and budgets are allocated") \
    X(EMPLOYER_SUPPORT, "whether an employer supports a request")        \
    X(COURSE, "course length and dropout")                               \
    X(WORKER_MONTH, "a worker's monthly block: leaving, job, course start, contract and guidance")  \
    X(GUIDANCE, "which door a person knocks on, and whether a referral loses them")  \
    X(SECTOR_NEEDS, "how far a sector's skill needs move on in a month")  \
    X(POACH, "which firm with a vacancy recruits a worker away")         \
    X(FUNDING, "whether a worker applies to a funding instrument (slot: the instrument)") \
    X(BUDGET_INITIATIVE, "whether a worker already knows how to use the own learning budget at the start (monthly: the worker-month block's low bits)") \
    X(SCAN, "whether a small firm gets a company scan this month")       \
    X(TENURE, "an initial employee's months with the employer so far")

enum llo_purpose {
#define LLO_PURPOSE_ENUM(name, doc) LLO_RNG_##name,
    LLO_PURPOSES(LLO_PURPOSE_ENUM)
#undef LLO_PURPOSE_ENUM
    LLO_RNG_N_PURPOSES
};

/* Four independent 64-bit words for one (seed, purpose, entity, month, slot). */
static inline philox4x64_ctr_t llo_rng_block(uint64_t seed, unsigned purpose, uint64_t entity, int32_t month,
                                             uint32_t slot)
{
    philox4x64_ctr_t ctr = {{entity, ((uint64_t)(uint32_t)month << 32) | slot, 0, 0}};
    philox4x64_key_t key = {{seed, purpose}};
    return philox4x64(ctr, key);
}

/* A uniform double in [0, 1) with 53 random bits. */
static inline double llo_u01(uint64_t x) { return (double)(x >> 11) * 0x1.0p-53; }

/* A uniform double in (0, 1): for logarithms and inverse CDFs. */
static inline double llo_u01_open(uint64_t x) { return ((double)(x >> 12) + 0.5) * 0x1.0p-52; }

/* The first uniform of a block: the common one-draw decision. */
static inline double llo_uniform(uint64_t seed, unsigned purpose, uint64_t entity, int32_t month, uint32_t slot)
{
    return llo_u01(llo_rng_block(seed, purpose, entity, month, slot).v[0]);
}

/* A GSL generator over Philox, for gsl_ran_* distributions that consume a variable number of
 * uniforms. Reset it to a (seed, purpose, entity, month, slot) before each decision; what it
 * yields then depends on nothing else. get() returns 32 bits, get_double() 53 bits. */
extern const gsl_rng_type *llo_rng_philox;

void llo_rng_reset(gsl_rng *r, uint64_t seed, unsigned purpose, uint64_t entity, int32_t month, uint32_t slot);

/* The seed of replicate `replicate` of scenario point `point` under master seed `master`:
 * a function of these three only, never of the order runs execute in. */
uint64_t llo_rng_derive_seed(uint64_t master, uint64_t point, uint64_t replicate);

/* Name of a purpose, for documentation and diagnostics. */
const char *llo_rng_purpose_doc(unsigned purpose);

#endif
