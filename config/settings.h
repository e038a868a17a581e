/* The table of settings, after Redis's config.c: one row per setting gives its path in the
 * scenario file, type, storage in llo_params, range, default, unit and meaning. Validation,
 * defaults, the resolved scenario and `llosim params` are all driven by this one table. */
#ifndef LLO_SETTINGS_H
#define LLO_SETTINGS_H

#include <stddef.h>
#include <stdio.h>
#include "config/params.h"

/* Most rows the table may have: per-setting arrays elsewhere are sized by it, and settings.c
 * refuses to compile when the table outgrows it. */
#define LLO_MAX_SETTINGS 256

typedef enum llo_type {
    LLO_T_INT,          /* stored as int */
    LLO_T_INT64,        /* stored as int64_t */
    LLO_T_FLOAT,        /* stored as double */
    LLO_T_STRING,       /* stored as char[LLO_NAME_MAX] */
    LLO_T_CHOICE,       /* a string in the file naming one of `allowed`; stored as int, its index, so
                           the monthly step never compares names */
    LLO_T_INT64_LIST,   /* stored as int64_t[] */
    LLO_T_FLOAT_LIST,   /* stored as double[] */
    LLO_T_STRING_LIST   /* stored as char[][LLO_NAME_MAX], count in count_offset */
} llo_type;

/* How long a list must be. Region- and sector-sized lists are checked after every layer
 * (includes, the file, --set overrides) is applied, since the count may change late. */
typedef enum llo_len_rule {
    LLO_LEN_SCALAR,     /* not a list */
    LLO_LEN_FIXED,      /* exactly len_fixed elements */
    LLO_LEN_REGIONS,    /* one per region */
    LLO_LEN_SECTORS,    /* one per sector */
    LLO_LEN_REGIONS_SQ, /* a regions x regions matrix, row-major */
    LLO_LEN_NAMES       /* a list of names: 1 to cap elements, sets the count */
} llo_len_rule;

typedef struct llo_setting {
    const char *path;        /* dotted path in the scenario file, e.g. "workers.leave_rate" */
    llo_type type;
    size_t offset;           /* where the value lives in llo_params */
    size_t count_offset;     /* LLO_LEN_NAMES: the int count in llo_params */
    llo_len_rule len_rule;
    int len_fixed;           /* LLO_LEN_FIXED: the required length */
    int cap;                 /* capacity of the storage, in elements */
    double min, max;         /* inclusive range of a number or of each list element */
    double def_num;          /* default of a scalar number */
    const char *def_str;     /* default of a string */
    const double *def_list;  /* default elements of a number list */
    const char *const *def_names; /* default elements of a name list */
    int def_len;             /* number of default elements */
    int normalised;          /* a share list divided by its sum before use: must not sum to 0 */
    const char *const *allowed; /* a string setting that names a rule: the values it may take,
                                   NULL-terminated, in the order of the engine's enum; NULL: any */
    int at_build;            /* read only when the world is built: no timeline event may set it */
    const char *unit;        /* unit of the value, "" when it has none */
    const char *doc;         /* one-line meaning */
} llo_setting;

/* The table, in the order the resolved scenario and the reference list them. */
const llo_setting *llo_settings(size_t *count);

/* The row for a dotted path, or NULL. */
const llo_setting *llo_setting_find(const char *path);

/* Index of a row in the table. */
size_t llo_setting_index(const llo_setting *s);

/* Index of `value` among s's allowed values (the engine's enum value), or -1 when it is not
 * one of them or s has no list of allowed values. */
int llo_setting_allowed_index(const llo_setting *s, const char *value);
/* The name of allowed value `index` of a choice setting; "" when there is none. */
const char *llo_setting_allowed_name(const llo_setting *s, int index);

/* The allowed values of s as "a, b, c" into buf (empty when s has none). */
void llo_setting_allowed_text(const llo_setting *s, char *buf, size_t n);

/* Fills every field of p with its default. */
void llo_params_defaults(llo_params *p);

/* Length a list setting must have under p (for LLO_LEN_NAMES: the current count). */
int llo_setting_required_len(const llo_setting *s, const llo_params *p);

/* Writes p as a complete libconfig scenario (every setting, one per line, with its doc as a
 * comment). Reading it back gives the same p bit for bit. Returns 0, or -1 on a write error. */
int llo_params_write(const llo_params *p, FILE *out);

/* Writes the value of one setting under p in libconfig syntax (a list whole, in [ ]), in the
 * form llo_params_write uses: floats read back bit for bit. */
void llo_setting_write_value(FILE *out, const llo_setting *s, const llo_params *p);

/* Prints the reference of every setting: plain text, or a Markdown table. */
int llo_settings_print_reference(FILE *out, int markdown);

/* Whether a timeline `set` event may change the setting mid-run: one the monthly step reads (not
 * AT_BUILD) that is a number, a list of numbers small enough for an event's value, or a rule
 * (a string with a fixed list of allowed values). */
int llo_setting_is_live(const llo_setting *s);

/* Writes the elements of a number setting's storage (or an event's value) as libconfig text:
 * a scalar, or n elements in [ ] when the row is a list. Reading it back gives the same bits. */
void llo_setting_write_elements(FILE *out, const llo_setting *s, const void *at, int n);

/* A double in the shortest form libconfig reads back as the same float (always with a point). */
void llo_format_float(char *buf, size_t n, double v);

/* A string in double quotes, escaped for libconfig. */
void llo_write_string(FILE *out, const char *s);

#endif
