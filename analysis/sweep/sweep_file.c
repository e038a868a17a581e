/* Loading a sweep file (see sweep.h). Built like the calibration loader: the raw text is scanned
 * first (BOM, wide integers), the parsed tree is walked dispatching on config_setting_type(), and
 * every problem is collected before giving up. Axis paths and values are checked against the
 * settings table, indicators against the column table of timeseries.csv, so nothing is listed
 * twice. */
#include "analysis/sweep/sweep_file.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <gsl/gsl_qrng.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include "sim/output.h"
#include "analysis/file_checks.h"
#include "config/scenario_loader.h"
#include "sim/sha256.h"

static const char *const top_keys[] = {"scenario", "scenario_sha256", "name", "seed", "replicates", "scale", "months",
                                       "burn_in_months", "sampling", "samples", "levels", "max_tasks", "keep_groups",
                                       "keep_network", "common_random_numbers", "pack", "axes", "indicators", "from", "from_month"};
/* Keys that set run.<key> of the base scenario, before the command line's overrides. */
static const char *const run_keys[] = {"seed", "replicates", "scale", "months", "burn_in_months"};
static const char *const axis_keys[] = {"path", "index", "min", "max", "values", "scale", "levels"};
static const char *const design_names[] = {
#define LLO_DESIGN_NAME(id, name, doc) name,
    LLO_DESIGNS(LLO_DESIGN_NAME)
#undef LLO_DESIGN_NAME
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))
/* GSL's quasi-random generators go this far (gsl_qrng_sobol: 40 dimensions; halton: 1229). */
#define SOBOL_MAX_DIM 40
#define HALTON_MAX_DIM 1229
/* A design larger than this is surely a mistake, whatever max_tasks says. */
#define MAX_POINTS 100000000L

const char *llo_design_name(llo_design d) { return d < LLO_N_DESIGNS ? design_names[d] : "?"; }

typedef struct loader {
    llo_sweep *sw;
    llo_diag *d;
    int scenario_ok;
    int levels_given;
    const char *const *sets; /* the command line's overrides of the base scenario */
    int n_sets;
    llo_file_checks checks;
} loader;

/* Names end up in CSV cells and folder names. */
static const char *name_problem(const char *s)
{
    if (!*s) return "is empty";
    for (; *s; s++) {
        if (*s == ',' || *s == '"') return "contains a comma or a double quote";
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return "contains a control character";
    }
    return NULL;
}

/* ---- axes ---- */

int llo_sweep_replicates(const llo_sweep *sw) { return sw->base.params.replicates; }

uint64_t llo_sweep_master_seed(const llo_sweep *sw) { return (uint64_t)sw->base.params.seed; }

/* The value of axis a as stored: rounded for integer settings. */
static double stored(const llo_sweep_axis *ax, double v) { return ax->whole ? (double)llround(v) : v; }

int llo_sweep_axis_set(const llo_sweep *sw, int a, const double *values, char *buf, size_t n)
{
    const llo_sweep_axis *ax = &sw->axes[a];
    double v = values[a];
    const llo_setting *row = ax->row;
    const llo_params *p = &sw->base.params;
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) return -1;
    if (ax->is_string) {
        int k = (int)v;
        if (k < 0 || k >= ax->n_values) k = 0;
        llo_write_string(mem, ax->name[k]);
    } else if (row->type == LLO_T_FLOAT_LIST || row->type == LLO_T_INT64_LIST) {
        int count = llo_setting_required_len(row, p);
        if (count < 1 || count > row->cap) count = row->cap;
        const char *at = (const char *)p + row->offset;
        if (row->type == LLO_T_FLOAT_LIST) {
            double list[count];
            memcpy(list, at, sizeof list);
            for (int b = 0; b < sw->n_axes; b++)
                if (sw->axes[b].row == row && !sw->axes[b].is_string && sw->axes[b].index < count)
                    list[sw->axes[b].index] = values[b];
            llo_setting_write_elements(mem, row, list, count);
        } else {
            int64_t list[count];
            memcpy(list, at, sizeof list);
            for (int b = 0; b < sw->n_axes; b++)
                if (sw->axes[b].row == row && !sw->axes[b].is_string && sw->axes[b].index < count)
                    list[sw->axes[b].index] = (int64_t)llround(values[b]);
            llo_setting_write_elements(mem, row, list, count);
        }
    } else if (row->type == LLO_T_INT) {
        int x = (int)llround(v);
        llo_setting_write_elements(mem, row, &x, 1);
    } else if (row->type == LLO_T_INT64) {
        int64_t x = (int64_t)llround(v);
        llo_setting_write_elements(mem, row, &x, 1);
    } else {
        llo_setting_write_elements(mem, row, &v, 1);
    }
    fclose(mem);
    int w = snprintf(buf, n, "%s=%s", row->path, text ? text : "");
    free(text);
    return w >= 0 && (size_t)w < n ? 0 : -1;
}

void llo_sweep_axis_text(const llo_sweep *sw, int a, double v, char *buf, size_t n)
{
    const llo_sweep_axis *ax = &sw->axes[a];
    if (ax->is_string) {
        int k = (int)v;
        snprintf(buf, n, "%s", k >= 0 && k < ax->n_values ? ax->name[k] : "");
    } else {
        snprintf(buf, n, "%.17g", stored(ax, v));
    }
}

static int is_whole_type(llo_type t) { return t == LLO_T_INT || t == LLO_T_INT64 || t == LLO_T_INT64_LIST; }

/* Checks one numeric value of axis ax (a bound or an explicit value) against its setting. */
static int check_number(loader *L, const llo_sweep_axis *ax, const config_setting_t *n, const char *where, double *v)
{
    if (llo_check_number(&L->checks, n, where, v) != 0) return -1;
    if (ax->whole && *v != floor(*v)) {
        llo_check_complain(&L->checks, llo_check_line(n), where, "%.17g is not a whole number; %s is an integer setting", *v, ax->row->path);
        return -1;
    }
    if (*v < ax->row->min || *v > ax->row->max) {
        llo_check_complain(&L->checks, llo_check_line(n), where, "%.17g is outside the range of %s, [%.10g, %.10g]", *v, ax->row->path,
                 ax->row->min, ax->row->max);
        return -1;
    }
    return 0;
}

/* Finds the setting and the list element an axis names; returns 0 or -1 after complaining. */
static int axis_setting(loader *L, const config_setting_t *g, const char *where, const config_setting_t *path_n,
                        const config_setting_t *index_n, llo_sweep_axis *ax)
{
    char sub[96];
    if (!path_n) {
        llo_check_complain(&L->checks, llo_check_line(g), where, "no path; name the setting to vary, e.g. path = \"orchestrators.temporary_staff_share\";");
        return -1;
    }
    snprintf(sub, sizeof sub, "%s.path", where);
    const char *path = llo_check_string(&L->checks, path_n, sub);
    if (!path) return -1;
    if (!(ax->row = llo_setting_find(path))) {
        const char *near = llo_setting_suggest(path);
        if (near) llo_check_complain(&L->checks, llo_check_line(path_n), sub, "\"%s\": unknown setting; did you mean %s?", path, near);
        else llo_check_complain(&L->checks, llo_check_line(path_n), sub, "\"%s\": unknown setting", path);
        return -1;
    }
    if (!strncmp(path, "run.", 4) || !strcmp(path, "name")) {
        llo_check_complain(&L->checks, llo_check_line(path_n), sub, "%s sets up the simulation and cannot be an axis; set seed, replicates, scale, "
                 "months or burn_in_months at the top of the sweep file", path);
        return -1;
    }
    llo_type t = ax->row->type;
    if (t == LLO_T_STRING_LIST) {
        llo_check_complain(&L->checks, llo_check_line(path_n), sub, "%s is a list of names, which would change the world's make-up; it cannot be an axis",
                 path);
        return -1;
    }
    ax->whole = is_whole_type(t);
    ax->is_string = t == LLO_T_STRING || t == LLO_T_CHOICE;
    int is_list = t == LLO_T_FLOAT_LIST || t == LLO_T_INT64_LIST;
    int len = L->scenario_ok ? llo_setting_required_len(ax->row, &L->sw->base.params)
              : ax->row->len_rule == LLO_LEN_FIXED ? ax->row->len_fixed : -1;
    snprintf(sub, sizeof sub, "%s.index", where);
    long long idx;
    if (!is_list && index_n) {
        llo_check_complain(&L->checks, llo_check_line(index_n), sub, "%s is a single value, not a list; leave out index", ax->row->path);
        return -1;
    }
    if (is_list && !index_n) {
        if (len > 0)
            llo_check_complain(&L->checks, llo_check_line(g), where, "%s is a list of %d values; give index = 0 to %d for the element to vary",
                     ax->row->path, len, len - 1);
        else llo_check_complain(&L->checks, llo_check_line(g), where, "%s is a list; give index for the element to vary", ax->row->path);
        return -1;
    }
    if (is_list) {
        if (llo_check_int(&L->checks, index_n, sub, 0, INT_MAX, &idx) != 0) return -1;
        if (len < 0 && idx >= ax->row->cap) {
            llo_check_complain(&L->checks, llo_check_line(index_n), sub, "index %lld is past the end: %s holds at most %d values", idx,
                     ax->row->path, ax->row->cap);
            return -1;
        }
        if (len >= 0 && idx >= len) {
            llo_check_complain(&L->checks, llo_check_line(index_n), sub, "index %lld is past the end: %s has %d values in this scenario "
                     "(index 0 to %d)", idx, ax->row->path, len, len - 1);
            return -1;
        }
        ax->index = (int)idx;
        snprintf(ax->label, sizeof ax->label, "%s[%d]", ax->row->path, ax->index);
    } else {
        snprintf(ax->label, sizeof ax->label, "%s", ax->row->path);
    }
    return 0;
}

/* values = [ ... ]: numbers within the setting's range, or names it allows. */
static int axis_values(loader *L, const config_setting_t *vals_n, const char *where, llo_sweep_axis *ax)
{
    char sub[128];
    snprintf(sub, sizeof sub, "%s.values", where);
    int t = config_setting_type(vals_n);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
        char got[96];
        llo_node_describe(vals_n, got, sizeof got);
        llo_check_complain(&L->checks, llo_check_line(vals_n), sub, "expected a list of values in [ ], got %s", got);
        return -1;
    }
    int n = config_setting_length(vals_n);
    if (n == 0) {
        llo_check_complain(&L->checks, llo_check_line(vals_n), sub, "is empty; give at least one value");
        return -1;
    }
    if (n > LLO_SWEEP_MAX_VALUES) {
        llo_check_complain(&L->checks, llo_check_line(vals_n), sub, "%d values; at most %d", n, LLO_SWEEP_MAX_VALUES);
        return -1;
    }
    int ok = 1;
    for (int k = 0; k < n; k++) {
        const config_setting_t *e = config_setting_get_elem(vals_n, (unsigned)k);
        snprintf(sub, sizeof sub, "%s.values[%d]", where, k);
        if (ax->is_string) {
            const char *s = llo_check_string(&L->checks, e, sub);
            if (!s) {
                ok = 0;
                continue;
            }
            const char *problem = name_problem(s);
            if (problem || strlen(s) >= LLO_NAME_MAX) {
                llo_check_complain(&L->checks, llo_check_line(e), sub, "\"%.40s\" %s", s, problem ? problem : "is too long");
                ok = 0;
            } else if (ax->row->allowed && llo_setting_allowed_index(ax->row, s) < 0) {
                char allowed[512];
                llo_setting_allowed_text(ax->row, allowed, sizeof allowed);
                const char *near = NULL;
                size_t na = 0;
                while (ax->row->allowed[na]) na++;
                near = llo_nearest_name(s, ax->row->allowed, na);
                if (near) llo_check_complain(&L->checks, llo_check_line(e), sub, "\"%s\" is not one of %s; did you mean %s?", s, allowed, near);
                else llo_check_complain(&L->checks, llo_check_line(e), sub, "\"%s\" is not one of %s", s, allowed);
                ok = 0;
            } else {
                snprintf(ax->name[k], sizeof ax->name[k], "%s", s);
                ax->value[k] = k;
            }
        } else if (check_number(L, ax, e, sub, &ax->value[k]) != 0) {
            ok = 0;
        }
        for (int j = 0; ok && j < k; j++)
            if (ax->is_string ? !strcmp(ax->name[j], ax->name[k]) : ax->value[j] == ax->value[k]) {
                llo_check_complain(&L->checks, llo_check_line(e), sub, "value given twice (also values[%d])", j);
                ok = 0;
            }
    }
    if (!ok) return -1;
    ax->n_values = n;
    if (ax->is_string) {
        ax->min = 0;
        ax->max = n - 1;
    } else {
        ax->min = ax->max = ax->value[0];
        for (int k = 1; k < n; k++) {
            if (ax->value[k] < ax->min) ax->min = ax->value[k];
            if (ax->value[k] > ax->max) ax->max = ax->value[k];
        }
    }
    return 0;
}

static void parse_axis(loader *L, const config_setting_t *g, int k)
{
    char where[64], sub[96];
    snprintf(where, sizeof where, "axes[%d]", k);
    if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
        char got[96];
        llo_node_describe(g, got, sizeof got);
        llo_check_complain(&L->checks, llo_check_line(g), where, "expected a group { path = \"...\"; min = ...; max = ...; }, got %s", got);
        return;
    }
    const config_setting_t *m[N_OF(axis_keys)] = {0};
    int ok = 1;
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *e = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(e);
        size_t j = 0;
        while (j < N_OF(axis_keys) && strcmp(name, axis_keys[j])) j++;
        if (j < N_OF(axis_keys)) m[j] = e;
        else {
            snprintf(sub, sizeof sub, "%s.%s", where, name);
            llo_check_unknown_key(&L->checks, e, sub, axis_keys, N_OF(axis_keys));
            ok = 0;
        }
    }
    const config_setting_t *path_n = m[0], *index_n = m[1], *min_n = m[2], *max_n = m[3], *vals_n = m[4],
                           *scale_n = m[5], *levels_n = m[6];
    llo_sweep_axis *ax = calloc(1, sizeof *ax);
    if (!ax) {
        llo_check_complain(&L->checks, llo_check_line(g), where, "out of memory");
        return;
    }
    ax->index = -1;
    ax->line = llo_check_line(g);
    if (axis_setting(L, g, where, path_n, index_n, ax) != 0) {
        free(ax);
        return;
    }
    if (vals_n && (min_n || max_n || scale_n || levels_n)) {
        const config_setting_t *extra = min_n ? min_n : max_n ? max_n : scale_n ? scale_n : levels_n;
        snprintf(sub, sizeof sub, "%s.%s", where, config_setting_name(extra));
        llo_check_complain(&L->checks, llo_check_line(extra), sub, "an axis gives either values or a range (min, max, scale, levels), not both");
        ok = 0;
    } else if (vals_n) {
        if (axis_values(L, vals_n, where, ax) != 0) ok = 0;
    } else if (ax->is_string) {
        llo_check_complain(&L->checks, llo_check_line(g), where, "%s is a choice of names; list them with values = [\"...\", ...];", ax->row->path);
        ok = 0;
    } else {
        const config_setting_t *bound_n[2] = {min_n, max_n};
        double bound[2] = {0, 0};
        for (int b = 0; b < 2; b++) {
            snprintf(sub, sizeof sub, "%s.%s", where, b ? "max" : "min");
            if (!bound_n[b]) {
                llo_check_complain(&L->checks, llo_check_line(g), where, "no %s; give a range (min and max) or values = [ ... ]", b ? "max" : "min");
                ok = 0;
            } else if (check_number(L, ax, bound_n[b], sub, &bound[b]) != 0) ok = 0;
        }
        if (ok && !(bound[0] < bound[1])) {
            snprintf(sub, sizeof sub, "%s.max", where);
            llo_check_complain(&L->checks, llo_check_line(max_n), sub, "max (%.17g) must be greater than min (%.17g)", bound[1], bound[0]);
            ok = 0;
        }
        ax->min = bound[0];
        ax->max = bound[1];
        if (scale_n) {
            snprintf(sub, sizeof sub, "%s.scale", where);
            const char *s = llo_check_string(&L->checks, scale_n, sub);
            if (!s) ok = 0;
            else if (!strcmp(s, "log")) {
                ax->log_scale = 1;
                if (ok && !(ax->min > 0)) {
                    llo_check_complain(&L->checks, llo_check_line(scale_n), sub, "a log scale needs a positive range; min is %.17g", ax->min);
                    ok = 0;
                }
            } else if (strcmp(s, "linear")) {
                llo_check_complain(&L->checks, llo_check_line(scale_n), sub, "\"%s\": unknown scale; use \"linear\" or \"log\"", s);
                ok = 0;
            }
        }
        if (levels_n) {
            long long lv;
            snprintf(sub, sizeof sub, "%s.levels", where);
            if (llo_check_int(&L->checks, levels_n, sub, 2, LLO_SWEEP_MAX_VALUES, &lv) != 0) ok = 0;
            else ax->levels = (int)lv;
        }
    }
    if (ok) {
        for (int j = 0; j < L->sw->n_axes; j++)
            if (!strcmp(L->sw->axes[j].label, ax->label)) {
                llo_check_complain(&L->checks, llo_check_line(g), where, "%s is an axis twice (also at line %d)", ax->label, L->sw->axes[j].line);
                ok = 0;
                break;
            }
    }
    if (ok && L->sw->n_axes == LLO_SWEEP_MAX_AXES) {
        llo_check_complain(&L->checks, llo_check_line(g), where, "more than %d axes", LLO_SWEEP_MAX_AXES);
        ok = 0;
    }
    if (ok) L->sw->axes[L->sw->n_axes++] = *ax;
    free(ax);
}

static void parse_axes(loader *L, const config_setting_t *n)
{
    int t = config_setting_type(n);
    if (t == CONFIG_TYPE_GROUP) {
        llo_check_complain(&L->checks, llo_check_line(n), "axes", "expected a list of groups: write axes = ( { ... }, { ... } );");
        return;
    }
    if (t != CONFIG_TYPE_LIST && t != CONFIG_TYPE_ARRAY) {
        char got[96];
        llo_node_describe(n, got, sizeof got);
        llo_check_complain(&L->checks, llo_check_line(n), "axes", "expected a list of groups in ( ), got %s", got);
        return;
    }
    if (config_setting_length(n) == 0) {
        llo_check_complain(&L->checks, llo_check_line(n), "axes", "is empty; give at least one");
        return;
    }
    for (int k = 0; k < config_setting_length(n); k++) parse_axis(L, config_setting_get_elem(n, (unsigned)k), k);
}

/* ---- indicators ---- */

static void parse_indicators(loader *L, const config_setting_t *n)
{
    int t = config_setting_type(n);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
        char got[96];
        llo_node_describe(n, got, sizeof got);
        llo_check_complain(&L->checks, llo_check_line(n), "indicators", "expected a list of timeseries.csv column names in [ ], got %s", got);
        return;
    }
    if (config_setting_length(n) == 0) {
        llo_check_complain(&L->checks, llo_check_line(n), "indicators", "is empty; name at least one timeseries.csv column");
        return;
    }
    const char *names[512];
    size_t nn = 0;
    for (size_t k = 0; k < llo_timeseries_column_count() && nn < N_OF(names); k++) names[nn++] = llo_timeseries_column_name(k);
    for (int k = 0; k < config_setting_length(n); k++) {
        const config_setting_t *e = config_setting_get_elem(n, (unsigned)k);
        char sub[64];
        snprintf(sub, sizeof sub, "indicators[%d]", k);
        const char *name = llo_check_string(&L->checks, e, sub);
        if (!name) continue;
        int col = llo_timeseries_column_find(name);
        if (col < 0) {
            const char *near = llo_nearest_name(name, names, nn);
            if (near) llo_check_complain(&L->checks, llo_check_line(e), sub, "\"%s\": unknown timeseries.csv column; did you mean %s?", name, near);
            else llo_check_complain(&L->checks, llo_check_line(e), sub, "\"%s\": unknown timeseries.csv column (llosim columns lists them)", name);
            continue;
        }
        int twice = 0;
        for (int j = 0; j < L->sw->n_indicators; j++) twice |= L->sw->indicator[j] == col;
        if (twice) llo_check_complain(&L->checks, llo_check_line(e), sub, "\"%s\" is listed twice", name);
        else if (L->sw->n_indicators == LLO_SWEEP_MAX_INDICATORS)
            llo_check_complain(&L->checks, llo_check_line(e), sub, "more than %d indicators", LLO_SWEEP_MAX_INDICATORS);
        else L->sw->indicator[L->sw->n_indicators++] = col;
    }
}

/* ---- the scenario and the run settings ---- */

/* run.<key> = node, checked against the settings table and kept as an override. */
static void run_set(loader *L, const config_setting_t *n, const char *key)
{
    char path[64];
    snprintf(path, sizeof path, "run.%s", key);
    const llo_setting *row = llo_setting_find(path);
    llo_sweep *sw = L->sw;
    if (!row) {
        llo_check_complain(&L->checks, llo_check_line(n), key, "internal error: the settings table has no %s", path);
        return;
    }
    char *out = sw->sets[sw->n_sets];
    if (row->type == LLO_T_FLOAT) {
        double v;
        char num[64];
        if (llo_check_number(&L->checks, n, key, &v) != 0) return;
        if (v < row->min || v > row->max) {
            llo_check_complain(&L->checks, llo_check_line(n), key, "%g is outside [%.10g, %.10g]", v, row->min, row->max);
            return;
        }
        llo_format_float(num, sizeof num, v);
        snprintf(out, LLO_SWEEP_SET_LEN, "%s=%s", path, num);
    } else {
        long long v;
        if (llo_check_int(&L->checks, n, key, (long long)row->min, row->max >= 9.2e18 ? INT64_MAX : (long long)row->max, &v) != 0)
            return;
        snprintf(out, LLO_SWEEP_SET_LEN, "%s=%lld%s", path, v, row->type == LLO_T_INT64 ? "L" : "");
    }
    sw->n_sets++;
}

static void load_scenario(loader *L, const config_setting_t *root, const char *const *sets, int n_sets)
{
    llo_sweep *sw = L->sw;
    const config_setting_t *scen_n = config_setting_get_member(root, "scenario");
    const config_setting_t *sha_n = config_setting_get_member(root, "scenario_sha256");
    for (size_t k = 0; k < N_OF(run_keys); k++) {
        const config_setting_t *n = config_setting_get_member(root, run_keys[k]);
        if (n) run_set(L, n, run_keys[k]);
    }
    for (int k = 0; k < n_sets; k++) {
        if (strlen(sets[k]) >= LLO_SWEEP_SET_LEN || sw->n_sets == LLO_SWEEP_MAX_SETS) {
            llo_diag_add(L->d, "--set %.60s: %s", sets[k], sw->n_sets == LLO_SWEEP_MAX_SETS ? "too many overrides" : "too long");
            return;
        }
        snprintf(sw->sets[sw->n_sets++], LLO_SWEEP_SET_LEN, "%s", sets[k]);
    }
    if (sha_n) {
        const char *sha = llo_check_string(&L->checks, sha_n, "scenario_sha256");
        if (sha && (strlen(sha) != 64 || strspn(sha, "0123456789abcdef") != 64))
            llo_check_complain(&L->checks, llo_check_line(sha_n), "scenario_sha256", "\"%.70s\" is not a SHA-256 in lower-case hex", sha);
        else if (sha) snprintf(sw->scenario_sha256, sizeof sw->scenario_sha256, "%s", sha);
    }
    if (!scen_n) {
        llo_check_complain(&L->checks, 0, "scenario", "missing; name the base scenario, e.g. scenario = \"../baseline.cfg\";");
        return;
    }
    const char *target = llo_check_string(&L->checks, scen_n, "scenario");
    if (!target) return;
    if (!*target || strlen(target) >= sizeof sw->scenario_given ||
        llo_check_resolve_path(sw->path, target, sw->scenario_file, sizeof sw->scenario_file) != 0) {
        llo_check_complain(&L->checks, llo_check_line(scen_n), "scenario", "\"%.60s\": %s", target, *target ? "path too long" : "empty path");
        return;
    }
    snprintf(sw->scenario_given, sizeof sw->scenario_given, "%s", target);
    if (sw->scenario_sha256[0]) {
        char hex[65], err[512];
        if (llo_sha256_file(sw->scenario_file, hex, err, sizeof err) != 0) {
            llo_check_complain(&L->checks, llo_check_line(scen_n), "scenario", "%s", err);
            return;
        }
        if (strcmp(hex, sw->scenario_sha256)) {
            llo_check_complain(&L->checks, llo_check_line(sha_n), "scenario_sha256", "%s has changed since the sweep was resolved (its SHA-256 is %s)",
                     target, hex);
            return;
        }
    }
    const char *ptr[LLO_SWEEP_MAX_SETS];
    for (int k = 0; k < sw->n_sets; k++) ptr[k] = sw->sets[k];
    int before = L->d->count + L->d->dropped;
    if (llo_scenario_load(&sw->base, sw->scenario_file, ptr, sw->n_sets, L->d) != 0) {
        int n = L->d->count + L->d->dropped - before;
        llo_check_complain(&L->checks, llo_check_line(scen_n), "scenario", "\"%s\": %d problem%s, reported above", target, n, n == 1 ? "" : "s");
    } else {
        L->scenario_ok = 1;
    }
}

/* ---- the design ---- */

static const config_setting_t *member_line(const config_setting_t *root, const char *key, int *line)
{
    const config_setting_t *n = config_setting_get_member(root, key);
    *line = n ? llo_check_line(n) : 0;
    return n;
}

/* Checks the axes against the design and counts the points. */
static void check_design(loader *L, const config_setting_t *root)
{
    llo_sweep *sw = L->sw;
    int samples_line, levels_line, sampling_line;
    const config_setting_t *samples_n = member_line(root, "samples", &samples_line);
    member_line(root, "levels", &levels_line);
    member_line(root, "sampling", &sampling_line);
    int k = sw->n_axes;
    const char *dname = llo_design_name(sw->design);
    int sampled = sw->design == LLO_DESIGN_LHS || sw->design == LLO_DESIGN_SOBOL || sw->design == LLO_DESIGN_HALTON ||
                  sw->design == LLO_DESIGN_SALTELLI || sw->design == LLO_DESIGN_MORRIS;
    if (sampled && !samples_n) {
        const char *what = sw->design == LLO_DESIGN_SALTELLI ? "the base samples N (points = N (axes + 2))"
                           : sw->design == LLO_DESIGN_MORRIS ? "the trajectories r (points = r (axes + 1))"
                                                             : "the number of points";
        llo_check_complain(&L->checks, sampling_line, "samples", "missing; sampling = \"%s\" needs samples = %s", dname, what);
        return;
    }
    if (!sampled && samples_n) {
        llo_check_complain(&L->checks, samples_line, "samples", "not used by sampling = \"%s\"; %s", dname,
                 sw->design == LLO_DESIGN_GRID ? "give levels (per axis or for all) instead" : "the axes' values are the points");
        return;
    }
    if (sw->design == LLO_DESIGN_MORRIS) {
        if (!L->levels_given) sw->levels = 4;
        if (sw->levels % 2) {
            llo_check_complain(&L->checks, levels_line, "levels", "%d: Morris needs an even number of levels, so that the step p / (2 (p - 1)) "
                     "stays on the grid", sw->levels);
            return;
        }
    } else if (!L->levels_given) sw->levels = 3;
    if (sw->design == LLO_DESIGN_SALTELLI || sw->design == LLO_DESIGN_MORRIS)
        for (int a = 0; a < k; a++)
            if (sw->axes[a].n_values) {
                llo_check_complain(&L->checks, sw->axes[a].line, sw->axes[a].label, "sampling = \"%s\" needs a range (min, max), not values",
                         dname);
                return;
            }
    if (sw->design == LLO_DESIGN_GRID)
        for (int a = 0; a < k; a++)
            if (!sw->axes[a].n_values && !sw->axes[a].levels) sw->axes[a].levels = sw->levels;
    int dims = sw->design == LLO_DESIGN_SALTELLI ? 2 * k : k;
    if ((sw->design == LLO_DESIGN_SOBOL || sw->design == LLO_DESIGN_SALTELLI) && dims > SOBOL_MAX_DIM) {
        llo_check_complain(&L->checks, sampling_line, "axes", "%d axes: GSL's Sobol sequence goes to %d dimensions%s", k, SOBOL_MAX_DIM,
                 sw->design == LLO_DESIGN_SALTELLI ? ", and Saltelli's design needs two per axis (at most 20 axes)" : "");
        return;
    }
    if (sw->design == LLO_DESIGN_HALTON && dims > HALTON_MAX_DIM) {
        llo_check_complain(&L->checks, sampling_line, "axes", "%d axes: GSL's Halton sequence goes to %d dimensions", k, HALTON_MAX_DIM);
        return;
    }
    double points = 1;
    switch (sw->design) {
    case LLO_DESIGN_VALUES:
        for (int a = 0; a < k; a++) {
            const llo_sweep_axis *ax = &sw->axes[a];
            if (!ax->n_values) {
                llo_check_complain(&L->checks, ax->line, ax->label, "sampling = \"values\" needs explicit values on every axis");
                return;
            }
            if (ax->n_values != sw->axes[0].n_values) {
                llo_check_complain(&L->checks, ax->line, ax->label, "has %d values, %s has %d; sampling = \"values\" pairs them one to one",
                         ax->n_values, sw->axes[0].label, sw->axes[0].n_values);
                return;
            }
        }
        points = sw->axes[0].n_values;
        break;
    case LLO_DESIGN_GRID:
        for (int a = 0; a < k; a++) points *= sw->axes[a].n_values ? sw->axes[a].n_values : sw->axes[a].levels;
        break;
    case LLO_DESIGN_SALTELLI: points = (double)sw->samples * (k + 2); break;
    case LLO_DESIGN_MORRIS: points = (double)sw->samples * (k + 1); break;
    default: points = sw->samples; break;
    }
    if (points > MAX_POINTS) {
        llo_check_complain(&L->checks, sampling_line, "sampling", "%.0f points: more than %ld", points, MAX_POINTS);
        return;
    }
    sw->points = (long)points;
    sw->tasks = sw->points * (L->scenario_ok ? sw->base.params.replicates : 1);
}

static void apply_tree(loader *L, const config_setting_t *root, const char *const *sets, int n_sets)
{
    llo_sweep *sw = L->sw;
    load_scenario(L, root, sets, n_sets);
    const config_setting_t *axes_n = NULL, *ind_n = NULL;
    int design_ok = 1;
    for (int i = 0; i < config_setting_length(root); i++) {
        const config_setting_t *n = config_setting_get_elem(root, (unsigned)i);
        const char *key = config_setting_name(n);
        long long v;
        int b;
        if (!strcmp(key, "axes")) axes_n = n;
        else if (!strcmp(key, "indicators")) ind_n = n;
        else if (!strcmp(key, "name")) {
            const char *s = llo_check_string(&L->checks, n, key);
            const char *problem = s ? name_problem(s) : NULL;
            if (s && (problem || strlen(s) >= LLO_NAME_MAX || strchr(s, '/') || s[0] == '.'))
                llo_check_complain(&L->checks, llo_check_line(n), key, "\"%.40s\" %s", s, problem ? problem : strlen(s) >= LLO_NAME_MAX ? "is too long"
                         : "must be a plain folder name (no '/', not starting with '.')");
            else if (s) snprintf(sw->name, sizeof sw->name, "%s", s);
        } else if (!strcmp(key, "sampling")) {
            const char *s = llo_check_string(&L->checks, n, key);
            size_t d = 0;
            while (s && d < N_OF(design_names) && strcmp(s, design_names[d])) d++;
            if (!s) design_ok = 0;
            else if (d == N_OF(design_names)) {
                const char *near = llo_nearest_name(s, design_names, N_OF(design_names));
                if (near) llo_check_complain(&L->checks, llo_check_line(n), key, "\"%s\": unknown sampling; did you mean %s?", s, near);
                else llo_check_complain(&L->checks, llo_check_line(n), key, "\"%s\": unknown sampling; use values, grid, lhs, sobol, halton, saltelli or morris", s);
                design_ok = 0;
            } else sw->design = (llo_design)d;
        } else if (!strcmp(key, "samples")) {
            if (llo_check_int(&L->checks, n, key, 1, MAX_POINTS, &v) == 0) sw->samples = (int)v;
            else design_ok = 0;
        } else if (!strcmp(key, "levels")) {
            if (llo_check_int(&L->checks, n, key, 2, LLO_SWEEP_MAX_VALUES, &v) == 0) {
                sw->levels = (int)v;
                L->levels_given = 1;
            } else design_ok = 0;
        } else if (!strcmp(key, "max_tasks")) {
            if (llo_check_int(&L->checks, n, key, 1, MAX_POINTS * 10000LL, &v) == 0) sw->max_tasks = (long)v;
            sw->max_tasks_line = llo_check_line(n);
        } else if (!strcmp(key, "keep_groups")) {
            if (llo_check_bool(&L->checks, n, key, &b) == 0) sw->keep_groups = b;
        } else if (!strcmp(key, "keep_network")) {
            if (llo_check_bool(&L->checks, n, key, &b) == 0) sw->keep_network = b;
        } else if (!strcmp(key, "common_random_numbers")) {
            if (llo_check_bool(&L->checks, n, key, &b) == 0) sw->common_random_numbers = b;
        } else if (!strcmp(key, "pack")) {
            if (llo_check_bool(&L->checks, n, key, &b) == 0) sw->pack = b;
        } else if (!strcmp(key, "from")) {
            /* Every point starts from a checkpointed present (docs/checkpoints.md). */
            const char *s = llo_check_string(&L->checks, n, key);
            struct stat st;
            if (s && (!*s || llo_check_resolve_path(sw->path, s, sw->from, sizeof sw->from) != 0))
                llo_check_complain(&L->checks, llo_check_line(n), key, "\"%.60s\": %s", s, *s ? "path too long" : "empty path");
            else if (s && stat(sw->from, &st) != 0) {
                llo_check_complain(&L->checks, llo_check_line(n), key, "\"%.60s\": no such checkpoint or run folder (%s)", s, sw->from);
                sw->from[0] = 0;
            }
        } else if (!strcmp(key, "from_month")) {
            if (llo_check_int(&L->checks, n, key, -100000, 100000, &v) == 0) {
                sw->from_month = (int)v;
                sw->from_month_given = 1;
            }
        } else {
            int known = 0;
            for (size_t k = 0; k < N_OF(top_keys); k++) known |= !strcmp(key, top_keys[k]);
            if (!known) llo_check_unknown_key(&L->checks, n, key, top_keys, N_OF(top_keys));
        }
    }
    int before = L->d->count + L->d->dropped;
    if (!axes_n) llo_check_complain(&L->checks, 0, "axes", "missing; list the settings to vary, e.g. axes = "
                          "( { path = \"orchestrators.temporary_staff_share\"; min = 0.1; max = 0.7; } );");
    else parse_axes(L, axes_n);
    if (!ind_n) llo_check_complain(&L->checks, 0, "indicators", "missing; name the timeseries.csv columns to keep, e.g. indicators = "
                         "[\"participation_24m_employed\"];");
    else parse_indicators(L, ind_n);
    if (design_ok && L->d->count + L->d->dropped == before && sw->n_axes > 0) check_design(L, root);
}

static void apply_root(void *ctx, const config_setting_t *root)
{
    loader *L = ctx;
    apply_tree(L, root, L->sets, L->n_sets);
}

int llo_sweep_load(llo_sweep *sw, const char *path, const char *const *sets, int n_sets, llo_diag *d)
{
    int before = d->count + d->dropped;
    memset(sw, 0, sizeof *sw);
    sw->design = LLO_DESIGN_GRID;
    sw->max_tasks = 1000;
    if (strlen(path) >= sizeof sw->path) {
        llo_diag_add(d, "%.64s...: path too long", path);
        return 1;
    }
    snprintf(sw->path, sizeof sw->path, "%s", path);
    llo_check_file_name(sw->path, ".cfg", "sweep", sw->name, sizeof sw->name);
    loader L = {.sw = sw, .d = d, .sets = sets, .n_sets = n_sets, .checks = {.path = sw->path, .d = d}};
    llo_check_read_file(&L.checks, apply_root, &L);
    return d->count + d->dropped - before;
}
