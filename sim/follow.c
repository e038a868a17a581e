/* Following one worker (see follow.h). The record itself is written in the decide pass, where
 * the decision is taken (training_choice.c); here a worker is chosen and the month's outcome
 * is added to the record. */
#include "sim/follow.h"
#include "sim/world.h"

static const char *const term_names[LLO_FOLLOW_N_TERMS] = {
#define LLO_FOLLOW_TERM_NAME(id, name, doc) name,
    LLO_FOLLOW_TERMS(LLO_FOLLOW_TERM_NAME)
#undef LLO_FOLLOW_TERM_NAME
};

const char *llo_follow_term_name(int term) { return term >= 0 && term < LLO_FOLLOW_N_TERMS ? term_names[term] : "?"; }

static void follow(llo_world *w, size_t slot)
{
    w->follow.active = 1;
    w->follow.slot = slot;
    w->follow.person = w->w.person[slot];
    w->follow.month = w->month - 1 - 1; /* no record yet */
}

int llo_world_follow_slot(llo_world *w, size_t slot)
{
    const size_t n = w->w.capacity;
    /* Someone under 50 first: a class wants to follow a worker who stays a few years. */
    for (int pass = 0; pass < 2; pass++)
        for (size_t k = 0; k < n; k++) {
            size_t i = (slot + k) % n;
            if (w->w.status[i] != LLO_SLOT_EMPTY && (pass || w->w.age_months[i] < 50 * 12)) {
                follow(w, i);
                return 0;
            }
        }
    return -1;
}

int llo_world_follow_person(llo_world *w, uint64_t person)
{
    for (size_t i = 0; i < w->w.capacity; i++)
        if (w->w.status[i] != LLO_SLOT_EMPTY && w->w.person[i] == person) {
            follow(w, i);
            return 0;
        }
    w->follow.active = 0;
    return -1;
}

const llo_follow *llo_world_followed(llo_world *w)
{
    llo_follow *f = &w->follow;
    if (!f->active) return NULL;
    size_t i = f->slot;
    f->started = f->month == w->month - 1 && w->w.person[i] == f->person && w->w.last_start[i] == f->month;
    return f;
}
