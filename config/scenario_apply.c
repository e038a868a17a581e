/* Applying a parsed layer of a scenario (see scenario_loader.h): libconfig has no schema, so
 * every key, type and range is checked here against the settings table, dispatching on
 * config_setting_type() rather than trusting the lookup helpers (which auto-convert 10.7 to 10
 * and report a failed int64 lookup as success). Then the checks that need all layers. */
#include "config/scenario_loader.h"

#include <ctype.h>
#include <inttypes.h>
#include <libconfig.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names and suggestions ---- */

/* Edit distance with adjacent transpositions (optimal string alignment): "nmae" is one typo
 * away from "name", not two. Strings longer than LLO_PATH_LEN count as far from everything. */
static int edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), m = strlen(b);
    if (n >= LLO_PATH_LEN || m >= LLO_PATH_LEN) return INT_MAX;
    int rows[3][LLO_PATH_LEN + 1];
    int *prev2 = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= m; j++) prev[j] = (int)j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = (int)i;
        for (size_t j = 1; j <= m; j++) {
            int cost = a[i - 1] != b[j - 1];
            int best = prev[j - 1] + cost;
            if (prev[j] + 1 < best) best = prev[j] + 1;
            if (cur[j - 1] + 1 < best) best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            cur[j] = best;
        }
        int *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    return prev[m];
}

/* How many edits still count as a typo of `given` rather than a different name. */
static int typo_budget(const char *given)
{
    int b = (int)strlen(given) / 4;
    return b < 1 ? 1 : b > 3 ? 3 : b;
}

static const char *leaf_of(const char *path)
{
    const char *dot = strrchr(path, '.');
    return dot ? dot + 1 : path;
}

const char *llo_nearest_name(const char *given, const char *const *names, size_t n)
{
    const char *best = NULL;
    int best_d = typo_budget(given) + 1;
    for (size_t i = 0; i < n; i++) {
        int dist = edit_distance(given, names[i]);
        if (dist < best_d) {
            best_d = dist;
            best = names[i];
        }
    }
    return best;
}

/* The setting of table[0..n_rows) that `given` most likely meant: the nearest full path within
 * the typo budget, else a setting with the same last component in another group. */
static const char *suggest_in(const llo_setting *table, size_t n_rows, const char *given)
{
    const char *best = NULL;
    int best_d = typo_budget(given) + 1;
    for (size_t i = 0; i < n_rows; i++) {
        int dist = edit_distance(given, table[i].path);
        if (dist < best_d) {
            best_d = dist;
            best = table[i].path;
        }
    }
    if (best) return best;
    for (size_t i = 0; i < n_rows; i++)
        if (strcmp(leaf_of(given), leaf_of(table[i].path)) == 0) return table[i].path;
    /* The timeline is not a row of the table, but a typo of it is as likely. */
    if (edit_distance(given, LLO_TIMELINE_KEY) <= typo_budget(given)) return LLO_TIMELINE_KEY;
    return NULL;
}

const char *llo_loader_suggest_setting(const llo_loader *L, const char *given)
{
    return suggest_in(L->table, L->n_rows, given);
}

const char *llo_setting_suggest(const char *given)
{
    size_t n_rows;
    const llo_setting *table = llo_settings(&n_rows);
    return suggest_in(table, n_rows, given);
}

/* The allowed value of a row that `given` most likely meant (within the typo budget), or NULL. */
static const char *suggest_allowed(const llo_setting *row, const char *given)
{
    const char *best = NULL;
    int best_d = typo_budget(given) + 1;
    for (int k = 0; row->allowed[k]; k++) {
        int dist = edit_distance(given, row->allowed[k]);
        if (dist < best_d) {
            best_d = dist;
            best = row->allowed[k];
        }
    }
    return best;
}

/* Whether `path` is a group of the table: some setting's path continues it with a dot. */
static int is_known_group(const llo_loader *L, const char *path)
{
    size_t n = strlen(path);
    for (size_t i = 0; i < L->n_rows; i++)
        if (strncmp(L->table[i].path, path, n) == 0 && L->table[i].path[n] == '.') return 1;
    return 0;
}

/* The known group `given` most likely meant, written into out; returns 0 when none is close.
 * Candidates are every dotted prefix of every table path. */
static int suggest_group(const llo_loader *L, const char *given, char *out, size_t n)
{
    int best_d = typo_budget(given) + 1, found = 0;
    for (size_t i = 0; i < L->n_rows; i++) {
        const char *p = L->table[i].path;
        for (const char *dot = strchr(p, '.'); dot; dot = strchr(dot + 1, '.')) {
            char prefix[LLO_PATH_LEN];
            snprintf(prefix, sizeof prefix, "%.*s", (int)(dot - p), p);
            int dist = edit_distance(given, prefix);
            if (dist < best_d) {
                best_d = dist;
                snprintf(out, n, "%s", prefix);
                found = 1;
            }
        }
    }
    return found;
}

/* Whether a string is a safe folder name: out/<name>/ must not climb or hide. */
static int is_safe_name(const char *s)
{
    if (s[0] == '.') return 0;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '.' && *s != '_' && *s != '-') return 0;
    return 1;
}

/* ---- values ---- */

/* A double in the shortest form that reads back the same, so messages show what was written. */
static void format_double(char *buf, size_t n, double v)
{
    for (int prec = 6; prec <= 17; prec++) {
        snprintf(buf, n, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) return;
    }
}

void llo_node_describe(const config_setting_t *node, char *buf, size_t n)
{
    switch (config_setting_type(node)) {
    case CONFIG_TYPE_INT: snprintf(buf, n, "%d", config_setting_get_int(node)); break;
    case CONFIG_TYPE_INT64: snprintf(buf, n, "%lld", config_setting_get_int64(node)); break;
    case CONFIG_TYPE_FLOAT: format_double(buf, n, config_setting_get_float(node)); break;
    case CONFIG_TYPE_STRING: snprintf(buf, n, "a string (\"%.40s\")", config_setting_get_string(node)); break;
    case CONFIG_TYPE_BOOL: snprintf(buf, n, "a boolean (%s)", config_setting_get_bool(node) ? "true" : "false"); break;
    case CONFIG_TYPE_GROUP: snprintf(buf, n, "a group"); break;
    case CONFIG_TYPE_ARRAY:
    case CONFIG_TYPE_LIST: snprintf(buf, n, "a list"); break;
    default: snprintf(buf, n, "nothing"); break;
    }
}

/* Whether a node is an integer the raw-text pass already reported as wide: its value is the
 * wrapped one, and a range error about that number would only confuse. */
static int is_reported_wide(const llo_layer *ly, const config_setting_t *node)
{
    int t = config_setting_type(node);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) return 0;
    int line = config_setting_source_line(node);
    for (int k = 0; k < ly->text->n_wide; k++)
        if (ly->text->wide[k].line == line) return 1;
    return 0;
}

static void range_text(const llo_setting *row, char *buf, size_t n)
{
    snprintf(buf, n, "[%.10g, %.10g]", row->min, row->max);
}

int llo_loader_check_scalar(const llo_layer *ly, const llo_setting *row, llo_type type, const config_setting_t *node,
                            llo_value *v, char *why, size_t n)
{
    char got[80], range[80];
    int t = config_setting_type(node);
    llo_node_describe(node, got, sizeof got);
    range_text(row, range, sizeof range);
    if (is_reported_wide(ly, node)) return LLO_CHECK_REPORTED;
    switch (type) {
    case LLO_T_INT:
    case LLO_T_INT64:
        if (t == CONFIG_TYPE_INT) v->i = config_setting_get_int(node);
        else if (t == CONFIG_TYPE_INT64) v->i = config_setting_get_int64(node);
        else {
            snprintf(why, n, "expected an integer, got %s", got);
            return LLO_CHECK_BAD;
        }
        if (type == LLO_T_INT && (v->i < INT_MIN || v->i > INT_MAX)) {
            snprintf(why, n, "%" PRId64 " does not fit in an int", v->i);
            return LLO_CHECK_BAD;
        }
        if ((double)v->i < row->min || (double)v->i > row->max) {
            snprintf(why, n, "%" PRId64 " is outside %s", v->i, range);
            return LLO_CHECK_BAD;
        }
        return LLO_CHECK_OK;
    case LLO_T_FLOAT:
        if (t == CONFIG_TYPE_INT) v->f = config_setting_get_int(node);
        else if (t == CONFIG_TYPE_INT64) v->f = (double)config_setting_get_int64(node);
        else if (t == CONFIG_TYPE_FLOAT) v->f = config_setting_get_float(node);
        else {
            snprintf(why, n, "expected a number, got %s", got);
            return LLO_CHECK_BAD;
        }
        if (!isfinite(v->f)) {
            snprintf(why, n, "value is not finite (%s); numbers must be within the range of a double", got);
            return LLO_CHECK_BAD;
        }
        if (v->f < row->min || v->f > row->max) {
            snprintf(why, n, "%s is outside %s", got, range);
            return LLO_CHECK_BAD;
        }
        return LLO_CHECK_OK;
    case LLO_T_STRING:
    case LLO_T_CHOICE: {
        if (t != CONFIG_TYPE_STRING) {
            snprintf(why, n, "expected a string in double quotes, got %s", got);
            return LLO_CHECK_BAD;
        }
        v->str = config_setting_get_string(node);
        size_t len = strlen(v->str);
        if (len > LLO_NAME_MAX - 1) {
            snprintf(why, n, "\"%.20s...\" is %zu bytes long; at most %d fit", v->str, len, LLO_NAME_MAX - 1);
            return LLO_CHECK_BAD;
        }
        if (row->allowed && llo_setting_allowed_index(row, v->str) < 0) {
            char names[160];
            llo_setting_allowed_text(row, names, sizeof names);
            const char *near = suggest_allowed(row, v->str);
            if (near) snprintf(why, n, "\"%s\" is not one of: %s; did you mean %s?", v->str, names, near);
            else snprintf(why, n, "\"%s\" is not one of: %s", v->str, names);
            return LLO_CHECK_BAD;
        }
        return LLO_CHECK_OK;
    }
    default: break;
    }
    snprintf(why, n, "internal error: unexpected type");
    return LLO_CHECK_BAD;
}

int llo_loader_node_line(const llo_layer *ly, const config_setting_t *node)
{
    return ly->fixed_line > 0 ? ly->fixed_line : (int)config_setting_source_line(node);
}

static void set_origin(llo_loader *L, const llo_layer *ly, size_t idx, int line)
{
    snprintf(L->s->origin[idx].file, sizeof L->s->origin[idx].file, "%s", ly->file);
    L->s->origin[idx].line = line;
}

/* Applies a scalar setting. */
static void apply_scalar(llo_loader *L, const llo_layer *ly, const llo_setting *row, const config_setting_t *node)
{
    size_t idx = llo_setting_index(row);
    int line = llo_loader_node_line(ly, node);
    char *at = (char *)&L->s->params + row->offset;
    char why[LLO_DIAG_LEN / 2];
    llo_value v = {0};
    set_origin(L, ly, idx, line);
    int r = llo_loader_check_scalar(ly, row, row->type, node, &v, why, sizeof why);
    if (r == LLO_CHECK_OK && row->type == LLO_T_STRING && strcmp(row->path, "name") == 0 && !is_safe_name(v.str)) {
        snprintf(why, sizeof why, "\"%s\" is not a safe folder name; use only letters, digits, '.', '_' and '-', "
                 "not starting with '.'", v.str);
        r = LLO_CHECK_BAD;
    }
    L->bad[idx] = r != LLO_CHECK_OK;
    if (r == LLO_CHECK_BAD) llo_loader_complain(L, ly->file, line, row->path, "%s", why);
    if (r != LLO_CHECK_OK) return;
    switch (row->type) {
    case LLO_T_INT: *(int *)at = (int)v.i; break;
    case LLO_T_INT64: *(int64_t *)at = v.i; break;
    case LLO_T_FLOAT: *(double *)at = v.f; break;
    case LLO_T_STRING:
        /* Zero the whole field: a resolved scenario must compare equal byte for byte. */
        memset(at, 0, LLO_NAME_MAX);
        memcpy(at, v.str, strlen(v.str));
        break;
    case LLO_T_CHOICE: *(int *)at = llo_setting_allowed_index(row, v.str); break;
    default: break;
    }
}

/* Why a region or sector name would break the outputs (CSV columns, the resolved scenario), or
 * NULL when it is fine. */
static const char *name_problem(const char *s)
{
    if (!*s) return "name is empty";
    for (; *s; s++) {
        if (*s == ',') return "contains a comma";
        if (*s == '"') return "contains a double quote";
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return "contains a control character";
    }
    return NULL;
}

/* Applies a list setting: every element is checked and stored; the given length is recorded
 * even when elements are bad, so the length cross-checks do not pile on. */
static void apply_list(llo_loader *L, const llo_layer *ly, const llo_setting *row, const config_setting_t *node)
{
    size_t idx = llo_setting_index(row);
    int line = llo_loader_node_line(ly, node);
    char *at = (char *)&L->s->params + row->offset;
    int t = config_setting_type(node);
    set_origin(L, ly, idx, line);
    L->bad[idx] = 0;
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
        char got[80];
        llo_node_describe(node, got, sizeof got);
        llo_loader_complain(L, ly->file, line, row->path, "expected a list in [ ], got %s", got);
        L->bad[idx] = 1;
        return;
    }
    int n = config_setting_length(node);
    L->s->given_len[idx] = n;
    if (n > row->cap) {
        llo_loader_complain(L, ly->file, line, row->path, "has %d values; at most %d are supported", n, row->cap);
        L->bad[idx] = 1;
        return;
    }
    if (row->type == LLO_T_STRING_LIST && n == 0) {
        llo_loader_complain(L, ly->file, line, row->path, "needs at least one name");
        L->bad[idx] = 1;
    }
    llo_type elem_type = row->type == LLO_T_INT64_LIST ? LLO_T_INT64
                         : row->type == LLO_T_FLOAT_LIST ? LLO_T_FLOAT : LLO_T_STRING;
    size_t elem_size = row->type == LLO_T_INT64_LIST ? sizeof(int64_t)
                       : row->type == LLO_T_FLOAT_LIST ? sizeof(double) : LLO_NAME_MAX;
    /* Zero the whole storage first: elements past the length are never meaningful, and a
     * resolved scenario must compare equal byte for byte with its reloaded copy. */
    memset(at, 0, elem_size * (size_t)row->cap);
    for (int k = 0; k < n; k++) {
        const config_setting_t *e = config_setting_get_elem(node, (unsigned)k);
        int eline = llo_loader_node_line(ly, e);
        char why[LLO_DIAG_LEN / 2], where[LLO_PATH_LEN + 16];
        snprintf(where, sizeof where, "%s[%d]", row->path, k);
        llo_value v = {0};
        int r = llo_loader_check_scalar(ly, row, elem_type, e, &v, why, sizeof why);
        if (r == LLO_CHECK_OK && elem_type == LLO_T_STRING) {
            const char *problem = name_problem(v.str);
            if (problem) {
                snprintf(why, sizeof why, "\"%s\": %s; names may not be empty or contain commas, double quotes or "
                         "control characters", v.str, problem);
                r = LLO_CHECK_BAD;
            }
            for (int j = 0; r == LLO_CHECK_OK && j < k; j++) {
                if (strcmp(v.str, at + (size_t)j * LLO_NAME_MAX) == 0) {
                    snprintf(why, sizeof why, "\"%s\" is given twice (also as [%d])", v.str, j);
                    r = LLO_CHECK_BAD;
                }
            }
        }
        if (r == LLO_CHECK_BAD) llo_loader_complain(L, ly->file, eline, where, "%s", why);
        if (r != LLO_CHECK_OK) {
            L->bad[idx] = 1;
            continue;
        }
        if (elem_type == LLO_T_INT64) ((int64_t *)at)[k] = v.i;
        else if (elem_type == LLO_T_FLOAT) ((double *)at)[k] = v.f;
        else memcpy(at + (size_t)k * LLO_NAME_MAX, v.str, strlen(v.str));
    }
    if (row->type == LLO_T_STRING_LIST) *(int *)((char *)&L->s->params + row->count_offset) = n;
}

/* Walks a group of a parsed layer: every member must be a known setting or a known group. */
static void apply_group(llo_loader *L, const llo_layer *ly, const config_setting_t *group, const char *prefix)
{
    int n = config_setting_length(group);
    for (int i = 0; i < n; i++) {
        const config_setting_t *c = config_setting_get_elem(group, (unsigned)i);
        char path[LLO_PATH_LEN];
        const char *name = config_setting_name(c);
        snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", name ? name : "?");
        int line = llo_loader_node_line(ly, c);
        const llo_setting *row = llo_setting_find(path);
        int is_group = config_setting_type(c) == CONFIG_TYPE_GROUP;
        if (strcmp(path, LLO_TIMELINE_KEY) == 0) {
            llo_loader_apply_timeline(L, ly, c);
        } else if (row) {
            if (row->len_rule == LLO_LEN_SCALAR) apply_scalar(L, ly, row, c);
            else apply_list(L, ly, row, c);
        } else if (is_known_group(L, path)) {
            if (is_group) apply_group(L, ly, c, path);
            else
                llo_loader_complain(L, ly->file, line, path, "is a group of settings, not a value; write %s = { ... };",
                                    name);
        } else if (is_group) {
            char near[LLO_PATH_LEN];
            if (suggest_group(L, path, near, sizeof near))
                llo_loader_complain(L, ly->file, line, path, "unknown group; did you mean %s?", near);
            else
                llo_loader_complain(L, ly->file, line, path, "unknown group");
        } else {
            const char *near = llo_loader_suggest_setting(L, path);
            if (near) llo_loader_complain(L, ly->file, line, path, "unknown setting; did you mean %s?", near);
            else llo_loader_complain(L, ly->file, line, path, "unknown setting");
        }
    }
}

/* Finds the integer a wide literal became in the parsed tree and writes its path: an integer
 * on the literal's line, preferably the one under the literal's key (at its position, for a
 * list element). Returns the quality of the match: 2 by key, 1 by line only. */
static int find_wide_node(const config_setting_t *node, const char *path, const char *owner, int index,
                          const llo_wide_literal *w, char *out, size_t n, int best)
{
    int t = config_setting_type(node);
    if (t == CONFIG_TYPE_GROUP || t == CONFIG_TYPE_ARRAY || t == CONFIG_TYPE_LIST) {
        int len = config_setting_length(node);
        for (int i = 0; i < len && best < 2; i++) {
            const config_setting_t *c = config_setting_get_elem(node, (unsigned)i);
            char sub[LLO_PATH_LEN];
            const char *name = config_setting_name(c);
            if (t == CONFIG_TYPE_GROUP) snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", name);
            else snprintf(sub, sizeof sub, "%s[%d]", path, i);
            best = find_wide_node(c, sub, t == CONFIG_TYPE_GROUP ? name : owner, t == CONFIG_TYPE_GROUP ? 0 : i, w,
                                  out, n, best);
        }
        return best;
    }
    if ((t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) || (int)config_setting_source_line(node) != w->line)
        return best;
    int quality = owner && strcmp(owner, w->key) == 0 && index == w->ordinal ? 2 : 1;
    if (quality > best) {
        snprintf(out, n, "%s", path);
        best = quality;
    }
    return best;
}

/* Reports the integer literals the raw-text pass found too wide, naming their settings when
 * the tree parsed (root may be NULL after a syntax error). */
static void report_wide(llo_loader *L, const llo_layer *ly, const config_setting_t *root)
{
    for (int k = 0; k < ly->text->n_wide; k++) {
        const llo_wide_literal *w = &ly->text->wide[k];
        char path[LLO_PATH_LEN] = "";
        if (root) find_wide_node(root, "", NULL, 0, w, path, sizeof path, 0);
        int line = ly->fixed_line > 0 ? ly->fixed_line : w->line;
        const char *shown = *path ? path : NULL;
        if (w->beyond_64)
            llo_loader_complain(L, ly->file, line, shown, "integer %s does not fit in 64 bits", w->text);
        else
            llo_loader_complain(L, ly->file, line, shown, "integer %s does not fit in 32 bits; write it as %sL",
                                w->text, w->text);
    }
}

/* Whether a parsed override set exactly one setting: a chain of single-member groups. */
static int sets_one_setting(const config_setting_t *node)
{
    while (config_setting_type(node) == CONFIG_TYPE_GROUP) {
        if (config_setting_length(node) != 1) return 0;
        node = config_setting_get_elem(node, 0);
    }
    return 1;
}

/* Parses a scanned text and applies it as one layer. A syntax error stops this layer only.
 * For an override, `set_path` and `set_value` are what the user wrote, so that a syntax error
 * names them (the user never saw the generated text), and the parsed tree must hold exactly
 * one setting: a value such as `1; seed = 2` would otherwise sneak in a second. */
void llo_loader_apply_text(llo_loader *L, const llo_layer *ly, const char *set_path, const char *set_value)
{
    config_t cfg;
    config_init(&cfg);
    if (!config_read_string(&cfg, ly->text->buf)) {
        const char *text = config_error_text(&cfg);
        int line = ly->fixed_line > 0 ? ly->fixed_line : config_error_line(&cfg);
        /* libconfig's own words for a mixed array do not say how to fix it. */
        const char *hint = strstr(text, "mismatched element type")
            ? "; write every element the same way (1.0, not 1, among floats), or use ( ) for a list" : "";
        const char *detail = strcmp(text, "syntax error") == 0 ? "" : text;
        /* Only when libconfig stopped at or after the comma: an earlier error is another one. */
        if (ly->text->trailing_comma_line > 0 &&
            (ly->fixed_line > 0 || ly->text->trailing_comma_line <= config_error_line(&cfg))) {
            line = ly->text->trailing_comma_line;
            detail = "a comma after the last element of a list or array";
            hint = "; remove it";
        }
        if (set_path) {
            const llo_setting *row = llo_setting_find(set_path);
            if (!*hint && row && (row->type == LLO_T_STRING || row->type == LLO_T_CHOICE) && set_value[0] != '"')
                hint = "; a string needs double quotes";
            llo_loader_complain(L, ly->file, line, set_path, "syntax error in value \"%.80s%s\"%s%s%s", set_value,
                                strlen(set_value) > 80 ? "..." : "", *detail ? ": " : "", detail, hint);
        } else {
            llo_loader_complain(L, ly->file, line, NULL, "syntax error%s%s%s", *detail ? ": " : "", detail, hint);
        }
        report_wide(L, ly, NULL);
    } else if (set_path && !sets_one_setting(config_root_setting(&cfg))) {
        llo_loader_complain(L, ly->file, ly->fixed_line, set_path, "\"%.80s%s\" is not a single value", set_value,
                            strlen(set_value) > 80 ? "..." : "");
    } else {
        report_wide(L, ly, config_root_setting(&cfg));
        apply_group(L, ly, config_root_setting(&cfg), "");
    }
    config_destroy(&cfg);
}

/* ---- checks across settings ---- */

const llo_setting *llo_loader_count_row(const llo_setting *row)
{
    switch (row->len_rule) {
    case LLO_LEN_REGIONS:
    case LLO_LEN_REGIONS_SQ: return llo_setting_find("regions.names");
    case LLO_LEN_SECTORS: return llo_setting_find("sectors.names");
    default: return NULL;
    }
}

void llo_loader_needs_text(const llo_setting *row, const llo_params *p, char *buf, size_t n)
{
    switch (row->len_rule) {
    case LLO_LEN_REGIONS: snprintf(buf, n, "one per region (%d)", p->n_regions); break;
    case LLO_LEN_SECTORS: snprintf(buf, n, "one per sector (%d)", p->n_sectors); break;
    case LLO_LEN_REGIONS_SQ:
        snprintf(buf, n, "one per pair of regions (%d = %d x %d)", p->n_regions * p->n_regions, p->n_regions,
                 p->n_regions);
        break;
    default: snprintf(buf, n, "exactly %d", llo_setting_required_len(row, p)); break;
    }
}

/* Every list must have the length the final counts require. A list given with the wrong
 * length is reported where it was given; a list left at its default when the count changed is
 * reported where the count was changed, all such lists in one message. */
static void check_lengths(llo_loader *L)
{
    const llo_params *p = &L->s->params;
    const llo_setting *count_rows[2] = {llo_setting_find("regions.names"), llo_setting_find("sectors.names")};
    char stale[2][LLO_DIAG_LEN / 2] = {"", ""};
    for (size_t i = 0; i < L->n_rows; i++) {
        const llo_setting *row = &L->table[i];
        if (row->len_rule == LLO_LEN_SCALAR || row->len_rule == LLO_LEN_NAMES || L->bad[i]) continue;
        const llo_setting *count_row = llo_loader_count_row(row);
        if (count_row && L->bad[llo_setting_index(count_row)]) continue;
        int need = llo_setting_required_len(row, p), got = L->s->given_len[i];
        if (got == need) continue;
        if (L->s->origin[i].line > 0 || !count_row) {
            char needs[96], note[LLO_PATH_LEN + 64] = "";
            llo_loader_needs_text(row, p, needs, sizeof needs);
            const llo_origin *co = count_row ? &L->s->origin[llo_setting_index(count_row)] : NULL;
            if (co && co->line > 0 && strcmp(co->file, L->s->origin[i].file) != 0)
                snprintf(note, sizeof note, "; %s is set at %s:%d", count_row->path, co->file, co->line);
            llo_loader_complain_row(L, row, "has %d values, needs %s%s", got, needs, note);
        } else {
            char *list = stale[count_row == count_rows[0] ? 0 : 1];
            size_t used = strlen(list);
            snprintf(list + used, sizeof stale[0] - used, "%s%s", used ? ", " : "", row->path);
        }
    }
    for (int k = 0; k < 2; k++) {
        if (!stale[k][0] || !count_rows[k]) continue;
        const char *what = k == 0 ? "regions" : "sectors";
        llo_loader_complain_row(L, count_rows[k],
                                "%d %s given, but these lists still have their defaults for %d %s: %s",
                                llo_setting_required_len(count_rows[k], p), what, count_rows[k]->def_len, what,
                                stale[k]);
    }
}

/* Shares that are normalised before use must not all be zero. */
static void check_shares(llo_loader *L)
{
    const llo_params *p = &L->s->params;
    for (size_t i = 0; i < L->n_rows; i++) {
        const llo_setting *row = &L->table[i];
        if (row->type != LLO_T_FLOAT_LIST || !row->normalised || L->bad[i]) continue;
        int n = llo_setting_required_len(row, p);
        if (L->s->given_len[i] != n) continue;
        const double *v = (const double *)((const char *)p + row->offset);
        double sum = 0;
        for (int k = 0; k < n; k++) sum += v[k];
        if (!(sum > 0)) llo_loader_complain_row(L, row, "the shares sum to 0; at least one must be positive");
    }
}

int llo_loader_distances_asymmetry(const llo_params *p, const double *km, char *why, size_t len)
{
    int n = p->n_regions, first_a = -1, first_b = -1, more = 0;
    for (int a = 0; a < n; a++)
        for (int b = a + 1; b < n; b++)
            if (km[a * n + b] != km[b * n + a]) {
                if (first_a < 0) { first_a = a; first_b = b; }
                else more++;
            }
    if (first_a < 0) return 0;
    char ab[40], ba[40], tail[48] = "";
    format_double(ab, sizeof ab, km[first_a * n + first_b]);
    format_double(ba, sizeof ba, km[first_b * n + first_a]);
    if (more) snprintf(tail, sizeof tail, " (and %d more pair%s)", more, more == 1 ? "" : "s");
    snprintf(why, len, "not symmetric: %s to %s is %s km but %s to %s is %s km%s", p->region_names[first_a],
             p->region_names[first_b], ab, p->region_names[first_b], p->region_names[first_a], ba, tail);
    return 1;
}

/* Travel distances are the same both ways; an asymmetric matrix is a typo. */
static void check_distances(llo_loader *L)
{
    const llo_params *p = &L->s->params;
    const llo_setting *row = llo_setting_find("regions.distance_km");
    const llo_setting *names = llo_setting_find("regions.names");
    if (!row || !names) return;
    size_t i = llo_setting_index(row);
    int n = p->n_regions;
    if (L->bad[i] || L->bad[llo_setting_index(names)] || L->s->given_len[i] != n * n) return;
    char why[LLO_DIAG_LEN / 2];
    if (llo_loader_distances_asymmetry(p, p->distance_km, why, sizeof why)) llo_loader_complain_row(L, row, "%s", why);
}

void llo_loader_cross_check(llo_loader *L)
{
    check_lengths(L);
    check_shares(L);
    check_distances(L);
    llo_loader_check_timeline(L);
}
