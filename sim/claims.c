/* Claims on scarce things (vacancies, seats, guidance sessions): which workers claim, and the
 * order in which they are served. A claim packs the top 32 bits of the worker's priority draw
 * above the worker's index. Workers are collected in index order (in parallel, each thread a
 * contiguous chunk, the chunks concatenated in order), then a stable radix sort on the
 * priority half orders them, ties by index. The result is the same at any thread count. */
#include <omp.h>
#include <string.h>

#include "sim/rng.h"
#include "sim/world.h"

uint64_t llo_claim_priority(const llo_world *w, size_t i, unsigned tag)
{
    return llo_rng_block(w->seed, LLO_RNG_PRIORITY, w->w.person[i], w->month, tag).v[0];
}

/* The priority half of a claim: 32 bits of the draw, or a round bit and 31 bits of the draw.
 * The round bit is 0 for whoever goes first: who waited last month, or who claims with the
 * lowest of two bits (job seekers before poached employees). The draw is keyed by the bit the
 * worker claims with. */
static uint64_t claim_of(const llo_world *w, size_t i, unsigned bits, llo_claim_order order)
{
    unsigned first = bits & (~bits + 1u), mine = w->w.event[i] & bits;
    unsigned tag = order == LLO_CLAIMS_FIRST_BIT_FIRST ? (mine & first ? first : mine) : bits;
    uint64_t prio = llo_claim_priority(w, i, tag) >> 32;
    /* Guidance in three rounds: who waited, who asked, who was invited by outreach. */
    if (order == LLO_CLAIMS_WAITING_FIRST)
        prio = (prio >> 2) | (uint64_t)((w->w.flags[i] & LLO_F_WAITING) ? 0 : (w->w.event[i] & LLO_E_REACHED) ? 2 : 1) << 30;
    if (order == LLO_CLAIMS_FIRST_BIT_FIRST) prio = (prio >> 1) | (mine & first ? 0 : 1ULL << 31);
    return prio << 32 | (uint64_t)i;
}

/* Stable LSD radix sort on the upper 32 bits, a byte a pass. */
static void sort_claims(uint64_t *a, uint64_t *tmp, size_t n)
{
    for (int shift = 32; shift < 64; shift += 8) {
        size_t count[257] = {0};
        for (size_t k = 0; k < n; k++) count[((a[k] >> shift) & 0xff) + 1]++;
        for (int b = 0; b < 256; b++) count[b + 1] += count[b];
        for (size_t k = 0; k < n; k++) tmp[count[(a[k] >> shift) & 0xff]++] = a[k];
        memcpy(a, tmp, n * sizeof *a);
    }
}

/* Whether worker i is collected: an event among `bits`, or (with_empty) an empty slot. */
static int wanted(const llo_workers *W, size_t i, unsigned bits, int with_empty)
{
    return W->status[i] == LLO_SLOT_EMPTY ? with_empty : (W->event[i] & bits) != 0;
}

/* Events are rare, so the scans below test eight workers' event bytes at once and look at
 * the workers one by one only where some byte has one of the bits. An empty slot's event byte
 * may be stale, which is why a worker found this way is still checked in full. */
#define EVENTS_PER_WORD 8
static inline int none_in_word(const llo_workers *W, size_t i, uint64_t mask)
{
    uint64_t word;
    memcpy(&word, W->event + i, sizeof word);
    return (word & mask) == 0;
}

/* Whether none of eight slots from i is empty (LLO_SLOT_EMPTY is 0: no zero byte). */
_Static_assert(LLO_SLOT_EMPTY == 0, "the word test looks for zero status bytes");
static inline int none_empty_in_word(const llo_workers *W, size_t i)
{
    uint64_t word;
    memcpy(&word, W->status + i, sizeof word);
    return ((word - 0x0101010101010101ULL) & ~word & 0x8080808080808080ULL) == 0;
}

/* The next slot at or after i (below hi) whose event byte has one of the bits in mask (the bits
 * repeated in every byte), or, with_empty, that is empty, skipping whole words; hi if none. */
static inline size_t next_candidate(const llo_workers *W, size_t i, size_t hi, uint64_t mask, int with_empty)
{
    while (i < hi && i % EVENTS_PER_WORD) {
        if ((W->event[i] & mask) || (with_empty && W->status[i] == LLO_SLOT_EMPTY)) return i;
        i++;
    }
    while (i + EVENTS_PER_WORD <= hi && none_in_word(W, i, mask) && (!with_empty || none_empty_in_word(W, i)))
        i += EVENTS_PER_WORD;
    while (i < hi && !(W->event[i] & mask) && !(with_empty && W->status[i] == LLO_SLOT_EMPTY)) i++;
    return i;
}

size_t llo_collect_events(llo_world *w, unsigned bits, int with_empty)
{
    const llo_workers *W = &w->w;
    size_t *offset = w->chunk_offset, total = 0;
#pragma omp parallel num_threads(w->n_rng)
    {
        int t = omp_get_thread_num(), nt = omp_get_num_threads();
        size_t lo = W->capacity * (size_t)t / (size_t)nt, hi = W->capacity * (size_t)(t + 1) / (size_t)nt, c = 0;
        uint64_t mask = 0x0101010101010101ULL * (bits & 0xffu);
        for (size_t i = next_candidate(W, lo, hi, mask, with_empty); i < hi; i = next_candidate(W, i + 1, hi, mask, with_empty))
            c += wanted(W, i, bits, with_empty);
        offset[t + 1] = c;
#pragma omp barrier
#pragma omp single
        {
            offset[0] = 0;
            for (int k = 0; k < nt; k++) offset[k + 1] += offset[k];
            total = offset[nt];
        }
        size_t at = offset[t];
        for (size_t i = next_candidate(W, lo, hi, mask, with_empty); i < hi; i = next_candidate(W, i + 1, hi, mask, with_empty))
            if (wanted(W, i, bits, with_empty)) w->claims[at++] = (uint64_t)i;
    }
    return total;
}

size_t llo_collect_claims(llo_world *w, unsigned bit, llo_claim_order order)
{
    const llo_workers *W = &w->w;
    size_t *offset = w->chunk_offset, total = 0;
#pragma omp parallel num_threads(w->n_rng)
    {
        int t = omp_get_thread_num(), nt = omp_get_num_threads();
        size_t lo = W->capacity * (size_t)t / (size_t)nt, hi = W->capacity * (size_t)(t + 1) / (size_t)nt, c = 0;
        uint64_t mask = 0x0101010101010101ULL * (bit & 0xffu);
        for (size_t i = next_candidate(W, lo, hi, mask, 0); i < hi; i = next_candidate(W, i + 1, hi, mask, 0))
            c += W->status[i] != LLO_SLOT_EMPTY;
        offset[t + 1] = c;
#pragma omp barrier
#pragma omp single
        {
            offset[0] = 0;
            for (int k = 0; k < nt; k++) offset[k + 1] += offset[k];
            total = offset[nt];
        }
        size_t at = offset[t];
        for (size_t i = next_candidate(W, lo, hi, mask, 0); i < hi; i = next_candidate(W, i + 1, hi, mask, 0))
            if (W->status[i] != LLO_SLOT_EMPTY) w->claims[at++] = claim_of(w, i, bit, order);
    }
    sort_claims(w->claims, w->claims_tmp, total);
    return total;
}
