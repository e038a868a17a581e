/* Internal to the scenario loader: the state of one llo_scenario_load call, shared by
 * scenario.c (files, includes, overrides, messages) and scenario_apply.c (walking a parsed
 * layer against the settings table, and the checks across settings). */
#ifndef LLO_SCENARIO_LOADER_H
#define LLO_SCENARIO_LOADER_H

#include <libconfig.h>
#include <stdint.h>
#include <sys/types.h>
#include "config/scenario.h"
#include "config/scenario_text.h"

/* Includes may nest this deep below the top file; deeper is almost surely a mistake. */
#define LLO_INCLUDE_DEPTH_MAX 16
/* Longest dotted path built while walking a file (table paths are far shorter). */
#define LLO_PATH_LEN 256

/* A file or override being applied: how its settings are located in messages and origins. */
typedef struct llo_layer {
    const char *file;        /* as shown in messages: the path as given or resolved, or "--set" */
    int fixed_line;          /* > 0 for an override: its position, used as every setting's line */
    const llo_text *text;    /* raw-text findings, for wide integer literals */
} llo_layer;

/* A file on the include stack, identified by device and inode so that a cycle is found
 * whatever spelling of the path reaches it. */
typedef struct llo_open_file {
    dev_t dev;
    ino_t ino;
    const char *path;
} llo_open_file;

/* The top-level key of the timeline, which is not a row of the settings table. */
#define LLO_TIMELINE_KEY "timeline"

/* What the checks after every layer need to know about a timeline event, beyond llo_event:
 * where it was written, and the sector names still to be resolved against the final list. */
typedef struct llo_event_src {
    llo_origin at;        /* the event's file and the line of its opening brace */
    int kind_ok;          /* its kind is known */
    int month_line;       /* > 0 once a valid month was read */
    int value_line;       /* > 0 once a valid value was read (a set event) */
    int n_sectors;        /* sector names given; -1 when none were (every sector) */
    char sector[LLO_MAX_SECTORS][LLO_NAME_MAX];
    int sector_line[LLO_MAX_SECTORS]; /* > 0 for a valid name */
} llo_event_src;

/* The state of one load (there is no other state). */
typedef struct llo_loader {
    llo_scenario *s;
    llo_diag *d;
    size_t n_rows;
    const llo_setting *table;
    /* Rows whose last given value had a problem already reported: the checks across settings
     * skip them, so that one mistake is not reported again as a consequence. */
    unsigned char bad[LLO_MAX_SETTINGS];
    llo_open_file stack[LLO_INCLUDE_DEPTH_MAX + 1];
    int depth;
    /* The timeline as last given (params.timeline holds its events). */
    llo_event_src events[LLO_MAX_EVENTS];
    int timeline_bad;     /* the timeline as a whole was refused */
} llo_loader;

/* Adds "file:line: path: message"; the line is left out when <= 0, the path when NULL. */
void llo_loader_complain(llo_loader *L, const char *file, int line, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Adds a message located where the row's value came from (see llo_scenario_complain). */
void llo_loader_complain_row(llo_loader *L, const llo_setting *row, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Parses a scanned text and applies it as one layer; a syntax error stops this layer only.
 * For an override, set_path and set_value are what the user wrote (NULL for a file). */
void llo_loader_apply_text(llo_loader *L, const llo_layer *ly, const char *set_path, const char *set_value);

/* The checks that need every layer applied: list lengths, share sums, symmetric distances, the
 * timeline. */
void llo_loader_cross_check(llo_loader *L);

/* Whether the travel matrix km (regions x regions under p, as regions.distance_km) differs
 * between the two ways of some pair; if so writes "not symmetric: ..." into why. Checked for
 * the setting and for a timeline event that sets it. */
int llo_loader_distances_asymmetry(const llo_params *p, const double *km, char *why, size_t len);

/* A checked scalar, before it is stored. */
typedef struct llo_value {
    int64_t i;
    double f;
    const char *str;
} llo_value;

enum { LLO_CHECK_OK, LLO_CHECK_BAD, LLO_CHECK_REPORTED };

/* Checks a node against the scalar type `type` (the element type for a list row) and the row's
 * range, dispatching on the node's own type; on LLO_CHECK_BAD writes why. LLO_CHECK_REPORTED:
 * the raw-text pass already reported it (a wide integer). */
int llo_loader_check_scalar(const llo_layer *ly, const llo_setting *row, llo_type type, const config_setting_t *node,
                            llo_value *v, char *why, size_t n);

/* What a node holds, for "expected X, got Y" messages. */
void llo_node_describe(const config_setting_t *node, char *buf, size_t n);

/* The line a node is reported at: its source line, or the override's position. */
int llo_loader_node_line(const llo_layer *ly, const config_setting_t *node);


/* The known setting `given` most likely meant, or NULL: the nearest full path within the typo
 * budget, else a setting with the same last component in another group (run.leave_rate). */
const char *llo_loader_suggest_setting(const llo_loader *L, const char *given);

/* The names list that fixes a list row's length, or NULL for a fixed length. */
const llo_setting *llo_loader_count_row(const llo_setting *row);

/* "one per sector (8)" and the like: the length a list row needs under p. */
void llo_loader_needs_text(const llo_setting *row, const llo_params *p, char *buf, size_t n);

/* Applies `timeline = ( ... );` of a layer, replacing the timeline of the layers before
 * (scenario_timeline.c). */
void llo_loader_apply_timeline(llo_loader *L, const llo_layer *ly, const config_setting_t *node);

/* The timeline checks that need every layer: months within the run, sector names, list lengths;
 * then the events are sorted by month, stably. */
void llo_loader_check_timeline(llo_loader *L);

#endif
