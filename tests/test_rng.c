/* Random numbers: Philox known answers (Random123's published vectors), the purity of a draw
 * in (seed, purpose, entity, month, slot), and the GSL adapter. */
#include <criterion/criterion.h>
#include <gsl/gsl_randist.h>
#include <math.h>

#include "sim/rng.h"

/* Random123's kat_vectors for philox4x64-10. */
Test(rng, philox_known_answers)
{
    philox4x64_ctr_t c0 = {{0, 0, 0, 0}};
    philox4x64_key_t k0 = {{0, 0}};
    philox4x64_ctr_t r0 = philox4x64(c0, k0);
    cr_assert_eq(r0.v[0], 0x16554d9eca36314cULL);
    cr_assert_eq(r0.v[1], 0xdb20fe9d672d0fdcULL);
    cr_assert_eq(r0.v[2], 0xd7e772cee186176bULL);
    cr_assert_eq(r0.v[3], 0x7e68b68aec7ba23bULL);
    philox4x64_ctr_t c1 = {{~0ULL, ~0ULL, ~0ULL, ~0ULL}};
    philox4x64_key_t k1 = {{~0ULL, ~0ULL}};
    philox4x64_ctr_t r1 = philox4x64(c1, k1);
    cr_assert_eq(r1.v[0], 0x87b092c3013fe90bULL);
    cr_assert_eq(r1.v[3], 0xa09caebf594f0ba0ULL);
    philox4x64_ctr_t c2 = {{0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL, 0xa4093822299f31d0ULL, 0x082efa98ec4e6c89ULL}};
    philox4x64_key_t k2 = {{0x452821e638d01377ULL, 0xbe5466cf34e90c6cULL}};
    philox4x64_ctr_t r2 = philox4x64(c2, k2);
    cr_assert_eq(r2.v[0], 0xa528f45403e61d95ULL);
    cr_assert_eq(r2.v[1], 0x38c72dbd566e9788ULL);
    cr_assert_eq(r2.v[2], 0xa5a1610e72fd18b5ULL);
    cr_assert_eq(r2.v[3], 0x57bd43b5e52b7fe6ULL);
}

/* Our mapping of (seed, purpose, entity, month, slot) onto key and counter, pinned down so a
 * change to it (which would change every output) cannot pass unnoticed. */
Test(rng, block_layout)
{
    philox4x64_ctr_t want = philox4x64(((philox4x64_ctr_t){{7, ((uint64_t)(uint32_t)-3 << 32) | 2, 0, 0}}),
                                       ((philox4x64_key_t){{42, LLO_RNG_PROVIDER_CHOICE}}));
    philox4x64_ctr_t got = llo_rng_block(42, LLO_RNG_PROVIDER_CHOICE, 7, -3, 2);
    for (int k = 0; k < 4; k++) cr_assert_eq(got.v[k], want.v[k]);
}

Test(rng, same_inputs_same_draw_any_order)
{
    double first[64];
    for (int k = 0; k < 64; k++) first[k] = llo_uniform(99, LLO_RNG_HIRE, (uint64_t)k * 7919, k % 12, 0);
    /* Interleave other draws and go backwards: nothing carries over between calls. */
    for (int k = 63; k >= 0; k--) {
        (void)llo_uniform(1, LLO_RNG_ENTRANT, (uint64_t)k, 5, 1);
        cr_assert_eq(llo_uniform(99, LLO_RNG_HIRE, (uint64_t)k * 7919, k % 12, 0), first[k]);
    }
}

Test(rng, every_input_matters)
{
    double base = llo_uniform(1, LLO_RNG_HIRE, 10, 20, 0);
    cr_assert_neq(llo_uniform(2, LLO_RNG_HIRE, 10, 20, 0), base);
    cr_assert_neq(llo_uniform(1, LLO_RNG_ENTRANT, 10, 20, 0), base);
    cr_assert_neq(llo_uniform(1, LLO_RNG_HIRE, 11, 20, 0), base);
    cr_assert_neq(llo_uniform(1, LLO_RNG_HIRE, 10, 21, 0), base);
    cr_assert_neq(llo_uniform(1, LLO_RNG_HIRE, 10, 20, 1), base);
    cr_assert_neq(llo_uniform(1, LLO_RNG_HIRE, 10, -20, 0), base);
}

Test(rng, uniform_ranges_and_moments)
{
    double sum = 0, sumsq = 0;
    const int n = 200000;
    for (int k = 0; k < n; k++) {
        philox4x64_ctr_t b = llo_rng_block(5, LLO_RNG_COURSE, (uint64_t)k, 0, 0);
        double u = llo_u01(b.v[0]), v = llo_u01_open(b.v[1]);
        cr_assert(u >= 0 && u < 1);
        cr_assert(v > 0 && v < 1);
        sum += u;
        sumsq += u * u;
    }
    double mean = sum / n, var = sumsq / n - mean * mean;
    /* Mean of U(0,1) has sd 1/sqrt(12 n) = 0.00065: 5 sd tolerance. */
    cr_assert(fabs(mean - 0.5) < 0.0033, "mean %g", mean);
    cr_assert(fabs(var - 1.0 / 12) < 0.002, "variance %g", var);
}

Test(rng, gsl_adapter_is_reset_per_decision)
{
    gsl_rng *a = gsl_rng_alloc(llo_rng_philox), *b = gsl_rng_alloc(llo_rng_philox);
    llo_rng_reset(a, 3, LLO_RNG_COURSE, 17, 4, 0);
    double xa[10];
    for (int k = 0; k < 10; k++) xa[k] = gsl_rng_uniform(a);
    /* b has been used for something else first; a reset makes it identical. */
    for (int k = 0; k < 5; k++) (void)gsl_ran_gaussian(b, 1.0);
    llo_rng_reset(b, 3, LLO_RNG_COURSE, 17, 4, 0);
    for (int k = 0; k < 10; k++) cr_assert_eq(gsl_rng_uniform(b), xa[k]);
    /* The first double is the first word of the block, at 53 bits. */
    philox4x64_ctr_t blk = llo_rng_block(3, LLO_RNG_COURSE, 17, 4, 0);
    cr_assert_eq(xa[0], llo_u01(blk.v[0]));
    /* Exponential draws through GSL have the right mean (sd of the mean 6.5/sqrt(n)). */
    double s = 0;
    for (int k = 0; k < 20000; k++) {
        llo_rng_reset(a, 3, LLO_RNG_COURSE, (uint64_t)k, 0, 0);
        s += gsl_ran_exponential(a, 6.5);
    }
    cr_assert(fabs(s / 20000 - 6.5) < 5 * 6.5 / sqrt(20000), "mean %g", s / 20000);
    gsl_rng_free(a);
    gsl_rng_free(b);
}

Test(rng, derived_seeds_depend_on_point_and_replicate_only)
{
    uint64_t s11 = llo_rng_derive_seed(20211, 0, 1);
    cr_assert_eq(llo_rng_derive_seed(20211, 0, 1), s11);
    cr_assert_neq(llo_rng_derive_seed(20211, 0, 2), s11);
    cr_assert_neq(llo_rng_derive_seed(20211, 1, 1), s11);
    cr_assert_neq(llo_rng_derive_seed(20212, 0, 1), s11);
}
