/* Internal to the scenario loader: the state of one llo_scenario_load call, shared by
 * scenario.c (files, includes, overrides, messages) and scenario_apply.c (walking a parsed
 * layer against the settings table, and the checks across settings). */
#ifndef LLO_SCENARIO_LOADER_H
#define LLO_SCENARIO_LOADER_H

#include <libconfig.h>
#include <sys/types.h>
#include "scenario.h"
#include "scenario_text.h"

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
} llo_loader;

/* Adds "file:line: path: message"; the line is left out when <= 0, the path when NULL. */
void llo_loader_complain(llo_loader *L, const char *file, int line, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* Adds a message located where the row's value came from (see llo_scenario_complain). */
void llo_loader_complain_row(llo_loader *L, const llo_setting *row, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* What a parsed node holds, for "expected X, got Y" messages: its value, or "a string (...)",
 * "a group", "a list". */
void llo_node_describe(const config_setting_t *node, char *buf, size_t n);

/* Parses a scanned text and applies it as one layer; a syntax error stops this layer only.
 * For an override, set_path and set_value are what the user wrote (NULL for a file). */
void llo_loader_apply_text(llo_loader *L, const llo_layer *ly, const char *set_path, const char *set_value);

/* The checks that need every layer applied: list lengths, share sums, symmetric distances. */
void llo_loader_cross_check(llo_loader *L);

#endif
