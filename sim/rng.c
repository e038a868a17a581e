/* The GSL adapter over Philox4x64 and seed derivation; the inline draws live in rng.h. */
#include "sim/rng.h"

/* State of the GSL generator: a Philox (key, counter) and the unread words of the last block. */
typedef struct philox_state {
    philox4x64_key_t key;
    philox4x64_ctr_t ctr;
    philox4x64_ctr_t out;
    unsigned used; /* words of `out` already handed out; 4 = refill */
} philox_state;

static uint64_t next_word(philox_state *s)
{
    if (s->used == 4) {
        s->out = philox4x64(s->ctr, s->key);
        s->ctr.v[3]++; /* the stream within one decision */
        s->used = 0;
    }
    return s->out.v[s->used++];
}

static unsigned long philox_get(void *vstate) { return (unsigned long)(next_word(vstate) >> 32); }

static double philox_get_double(void *vstate) { return llo_u01(next_word(vstate)); }

/* gsl_rng_set semantics: a plain seed starts the stream of (seed, purpose 0, entity 0). */
static void philox_set(void *vstate, unsigned long seed)
{
    philox_state *s = vstate;
    s->key = (philox4x64_key_t){{seed, 0}};
    s->ctr = (philox4x64_ctr_t){{0, 0, 0, 0}};
    s->used = 4;
}

static const gsl_rng_type philox_type = {
    "llo-philox4x64", 0xffffffffUL, 0, sizeof(philox_state), philox_set, philox_get, philox_get_double};

const gsl_rng_type *llo_rng_philox = &philox_type;

void llo_rng_reset(gsl_rng *r, uint64_t seed, unsigned purpose, uint64_t entity, int32_t month, uint32_t slot)
{
    philox_state *s = r->state;
    s->key = (philox4x64_key_t){{seed, purpose}};
    s->ctr = (philox4x64_ctr_t){{entity, ((uint64_t)(uint32_t)month << 32) | slot, 0, 0}};
    s->used = 4;
}

uint64_t llo_rng_derive_seed(uint64_t master, uint64_t point, uint64_t replicate)
{
    philox4x64_ctr_t ctr = {{point, replicate, 0, 0}};
    philox4x64_key_t key = {{master, LLO_RNG_SEED}};
    return philox4x64(ctr, key).v[0];
}

const char *llo_rng_purpose_doc(unsigned purpose)
{
    static const char *const docs[] = {
#define LLO_PURPOSE_DOC(name, doc) doc,
        LLO_PURPOSES(LLO_PURPOSE_DOC)
#undef LLO_PURPOSE_DOC
    };
    return purpose < LLO_RNG_N_PURPOSES ? docs[purpose] : "unknown purpose";
}
