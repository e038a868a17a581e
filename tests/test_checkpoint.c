/* Checkpoints, resume and fork (issue 11): a restored world continues byte for byte as the
 * saved one would have; a resumed or forked run writes what the uninterrupted run writes; every
 * kind of bad checkpoint is refused with exit code 2 and nothing written. */
#include "testutil.h"
#include "fixture.h"
#include "sim/llosim.h"

/* The state of a world as bytes: two worlds in the same state give the same snapshot. */
static void *snapshot(const llo_world *w, size_t *n)
{
    *n = llo_world_snapshot_size(w);
    void *buf = malloc(*n);
    char err[256];
    cr_assert(buf);
    cr_assert_eq(llo_world_snapshot(w, buf, *n, err, sizeof err), 0, "%s", err);
    return buf;
}

static void step_to(llo_world *w, int month)
{
    while (llo_world_month(w) < month) llo_world_step(w);
}

/* Restored into another world (allocated for another replicate), a snapshot at month 10
 * continues to the same state at month 24 as the world it was taken from, and the months in
 * between give the same indicators. */
Test(checkpoint, restore_continues_identically, .timeout = 300)
{
    const char *extra[] = {"timeline = ( { month = 12; set = \"workers.leave_rate\"; value = 0.05; },"
                           " { month = 8; shock = \"recession\"; months = 10; job_loss_factor = 1.5; job_finding_factor = 0.7; urgency = 0.2; collaboration = 0.5; },"
                           " { month = 11; shock = \"trust\"; delta = -0.1; } );"};
    llo_scenario *s = fixture_load(0.005, 24, extra, 1);
    char err[512];
    llo_world *a = llo_world_alloc(&s->params, 1, err, sizeof err);
    llo_world *b = llo_world_alloc(&s->params, 2, err, sizeof err);
    cr_assert(a && b, "%s", err);
    step_to(a, 10);
    size_t n;
    void *at10 = snapshot(a, &n);
    cr_assert_eq(llo_world_restore(b, at10, n, err, sizeof err), 0, "%s", err);
    cr_assert_eq(llo_world_month(b), 10);
    while (llo_world_month(a) < 24) {
        llo_world_step(a);
        llo_world_step(b);
        cr_assert_eq(memcmp(llo_world_stats(a), llo_world_stats(b), sizeof(llo_month_stats)), 0,
                     "month %d's indicators differ after a restore", llo_world_month(a) - 1);
    }
    size_t na, nb;
    void *sa = snapshot(a, &na), *sb = snapshot(b, &nb);
    cr_assert_eq(na, nb);
    cr_assert_eq(memcmp(sa, sb, na), 0, "the restored world's state at month 24 differs");
    cr_assert_eq(llo_world_check(b, err, sizeof err), 0, "%s", err);
    /* Rewinding the same world works too. */
    cr_assert_eq(llo_world_restore(a, at10, n, err, sizeof err), 0, "%s", err);
    step_to(a, 24);
    free(sb);
    sb = snapshot(a, &nb);
    cr_assert_eq(memcmp(sa, sb, na), 0, "a rewound world's state at month 24 differs");
    free(sa);
    free(sb);
    free(at10);
    llo_world_free(a);
    llo_world_free(b);
    free(s);
}
