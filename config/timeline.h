/* Timeline events: what a scenario's `timeline = ( { ... }, ... );` holds (each event is an
 * llo_event in params.h). Shared by the loader (scenario_timeline.c), the resolved-scenario
 * writer, `llosim check`, the parameter reference and the engine (sim/timeline.c). */
#ifndef LLO_TIMELINE_H
#define LLO_TIMELINE_H

#include <stdio.h>
#include "config/params.h"
#include "config/settings.h"

#define LLO_KIND_BIT(kind) (1u << (kind))
#define LLO_SHOCK_KINDS (LLO_KIND_BIT(LLO_EVENT_TECHNOLOGY) | LLO_KIND_BIT(LLO_EVENT_RECESSION) | LLO_KIND_BIT(LLO_EVENT_TRUST))

/* The keys an event may hold, in the order the resolved scenario writes them. */
typedef enum llo_event_key_id {
    LLO_KEY_MONTH, LLO_KEY_SET, LLO_KEY_VALUE, LLO_KEY_STOP, LLO_KEY_SHOCK, LLO_KEY_MONTHS, LLO_KEY_SECTORS,
    LLO_KEY_OBSOLESCENCE_FACTOR, LLO_KEY_JOB_LOSS_FACTOR, LLO_KEY_JOB_FINDING_FACTOR, LLO_KEY_URGENCY,
    LLO_KEY_COLLABORATION, LLO_KEY_DELTA, LLO_N_EVENT_KEYS
} llo_event_key_id;

typedef struct llo_event_key {
    const char *name;
    unsigned kinds;     /* LLO_KIND_BIT of every kind of event it belongs to */
    unsigned required;  /* LLO_KIND_BIT of the kinds that must give it */
    llo_type type;      /* LLO_T_INT, LLO_T_FLOAT, LLO_T_STRING or LLO_T_STRING_LIST (value: the setting's own) */
    double min, max;    /* range of a number; month's range is the run's, checked after every layer */
    const char *doc;
} llo_event_key;

/* The keys, indexed by llo_event_key_id. */
const llo_event_key *llo_event_keys(void);

/* "set", "stop", "technology", "recession", "trust": the word a scenario uses for a kind (the
 * last three are the values of `shock`). */
const char *llo_event_kind_name(int kind);

/* A scheme a `stop` event ends: its name in the scenario and the budget setting it zeroes. */
const char *llo_scheme_name(int scheme);
const char *llo_scheme_setting(int scheme);

/* Writes one event as a libconfig group on one line, `{ month = 24; ... }`: every field its kind
 * uses, so that reading it back gives the same bits. Sectors are written by name. */
void llo_event_write(FILE *out, const llo_event *e, const llo_params *p);

/* Writes `timeline = ( ... );` (an empty list when there are no events), for the resolved
 * scenario. Returns 0, or -1 on a write error. */
int llo_timeline_write(const llo_params *p, FILE *out);

/* Prints the reference of the timeline's keys and schemes, after the settings' reference. */
void llo_timeline_print_reference(FILE *out, int markdown);

#endif
