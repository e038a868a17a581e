/* Loading a calibration file (see calibration.h). Like the scenario loader it looks at the raw
 * text first (BOM, wide integers: libconfig 1.5 would get them wrong), walks the parsed tree
 * dispatching on config_setting_type(), and collects every problem before giving up. Names are
 * checked against the tables they refer to: the settings table for parameters and the output
 * column tables (sim/output.c) for targets, so nothing is listed twice. */
#include "analysis/calibration/calibration_file.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/file_checks.h"
#include "config/scenario_loader.h"

static const char *const top_keys[] = {"scenario", "scale", "months", "replicates", "seed", "burn_in_months",
                                       "average_last_months", "parameters", "targets", "method",
                                       "max_evaluations", "tolerance", "initial_step"};
/* Keys that set run.<key> of the scenario for every evaluation. */
static const char *const run_keys[] = {"scale", "months", "replicates", "seed", "burn_in_months"};
static const char *const param_keys[] = {"path", "index", "min", "max"};
static const char *const target_keys[] = {"indicator", "dimension", "group", "region", "numerator", "denominator",
                                          "target", "weight", "scale", "name"};
static const char *const moment_keys[] = {"indicator", "dimension", "group", "region"};
static const char *const methods[] = {"nmsimplex2", "nmsimplex2rand", "nmsimplex"};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* The state of one load. */
typedef struct loader {
    llo_calibration *c;
    llo_diag *d;
    int scenario_ok;      /* the scenario loaded: list lengths and region names are known */
    llo_file_checks checks;
} loader;


/* ---- parameters ---- */

double llo_calib_param_get(const llo_calib_param *q, const llo_params *p)
{
    const double *at = (const double *)((const char *)p + q->row->offset);
    return at[q->index < 0 ? 0 : q->index];
}

void llo_calib_param_set(const llo_calib_param *q, llo_params *p, double value)
{
    double *at = (double *)((char *)p + q->row->offset);
    at[q->index < 0 ? 0 : q->index] = value;
}

static void parse_param(loader *L, const config_setting_t *g, int k)
{
    char where[64], sub[96];
    snprintf(where, sizeof where, "parameters[%d]", k);
    if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
        char got[96];
        llo_node_describe(g, got, sizeof got);
        llo_check_complain(&L->checks, llo_check_line(g), where, "expected a group { path = \"...\"; min = ...; max = ...; }, got %s", got);
        return;
    }
    const config_setting_t *path_n = NULL, *index_n = NULL, *min_n = NULL, *max_n = NULL;
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(m);
        snprintf(sub, sizeof sub, "%s.%s", where, name);
        if (!strcmp(name, "path")) path_n = m;
        else if (!strcmp(name, "index")) index_n = m;
        else if (!strcmp(name, "min")) min_n = m;
        else if (!strcmp(name, "max")) max_n = m;
        else llo_check_unknown_key(&L->checks, m, sub, param_keys, N_OF(param_keys));
    }
    llo_calib_param q = {.index = -1, .line = llo_check_line(g)};
    int ok = 1;
    if (!path_n) {
        llo_check_complain(&L->checks, llo_check_line(g), where, "no path; name the setting to fit, e.g. path = \"training.start_intercept\";");
        ok = 0;
    } else {
        snprintf(sub, sizeof sub, "%s.path", where);
        const char *path = llo_check_string(&L->checks, path_n, sub);
        if (!path) ok = 0;
        else if (!(q.row = llo_setting_find(path))) {
            const char *near = llo_setting_suggest(path);
            if (near) llo_check_complain(&L->checks, llo_check_line(path_n), sub, "\"%s\": unknown setting; did you mean %s?", path, near);
            else llo_check_complain(&L->checks, llo_check_line(path_n), sub, "\"%s\": unknown setting", path);
            ok = 0;
        } else if (!strncmp(path, "run.", 4)) {
            llo_check_complain(&L->checks, llo_check_line(path_n), sub, "%s sets up the simulation and cannot be fitted; set scale, months, "
                     "replicates, seed or burn_in_months at the top of the calibration file", path);
            ok = 0;
        } else if (q.row->type != LLO_T_FLOAT && q.row->type != LLO_T_FLOAT_LIST) {
            llo_check_complain(&L->checks, llo_check_line(path_n), sub, "%s is not a number that varies continuously; only float settings and "
                     "elements of float lists can be fitted", path);
            ok = 0;
        }
    }
    if (ok) {
        int is_list = q.row->type == LLO_T_FLOAT_LIST;
        int len = L->scenario_ok ? llo_setting_required_len(q.row, &L->c->scenario.params)
                  : q.row->len_rule == LLO_LEN_FIXED ? q.row->len_fixed : -1;
        snprintf(sub, sizeof sub, "%s.index", where);
        long long idx;
        if (!is_list && index_n) {
            llo_check_complain(&L->checks, llo_check_line(index_n), sub, "%s is a single value, not a list; leave out index", q.row->path);
            ok = 0;
        } else if (is_list && !index_n) {
            if (len > 0)
                llo_check_complain(&L->checks, llo_check_line(g), where, "%s is a list of %d values; give index = 0 to %d for the element to fit",
                         q.row->path, len, len - 1);
            else
                llo_check_complain(&L->checks, llo_check_line(g), where, "%s is a list; give index for the element to fit", q.row->path);
            ok = 0;
        } else if (is_list) {
            if (llo_check_int(&L->checks, index_n, sub, 0, INT_MAX, &idx) != 0) ok = 0;
            else if (len < 0 && idx >= q.row->cap) {
                llo_check_complain(&L->checks, llo_check_line(index_n), sub, "index %lld is past the end: %s holds at most %d values", idx,
                         q.row->path, q.row->cap);
                ok = 0;
            } else if (len >= 0 && idx >= len) {
                llo_check_complain(&L->checks, llo_check_line(index_n), sub, "index %lld is past the end: %s has %d values in this scenario "
                         "(index 0 to %d)", idx, q.row->path, len, len - 1);
                ok = 0;
            } else q.index = (int)idx;
        }
    }
    const config_setting_t *bound_n[2] = {min_n, max_n};
    double bound[2] = {0, 0};
    for (int b = 0; b < 2; b++) {
        const char *bname = b ? "max" : "min";
        snprintf(sub, sizeof sub, "%s.%s", where, bname);
        if (!bound_n[b]) {
            llo_check_complain(&L->checks, llo_check_line(g), where, "no %s; give both bounds of the search", bname);
            ok = 0;
        } else if (llo_check_number(&L->checks, bound_n[b], sub, &bound[b]) != 0) {
            ok = 0;
        } else if (q.row && (b ? bound[b] > q.row->max : bound[b] < q.row->min)) {
            llo_check_complain(&L->checks, llo_check_line(bound_n[b]), sub, "%g is outside the range of %s, [%.10g, %.10g]", bound[b],
                     q.row->path, q.row->min, q.row->max);
            ok = 0;
        }
    }
    if (min_n && max_n && ok && !(bound[0] < bound[1])) {
        snprintf(sub, sizeof sub, "%s.max", where);
        llo_check_complain(&L->checks, llo_check_line(max_n), sub, "max (%g) must be greater than min (%g)", bound[1], bound[0]);
        ok = 0;
    }
    if (!ok) return;
    q.min = bound[0];
    q.max = bound[1];
    if (q.index >= 0) snprintf(q.label, sizeof q.label, "%s[%d]", q.row->path, q.index);
    else snprintf(q.label, sizeof q.label, "%s", q.row->path);
    for (int j = 0; j < L->c->n_params; j++)
        if (L->c->params[j].row == q.row && L->c->params[j].index == q.index) {
            llo_check_complain(&L->checks, llo_check_line(g), where, "%s is fitted twice (also at line %d)", q.label, L->c->params[j].line);
            return;
        }
    if (L->c->n_params == LLO_CALIB_MAX_PARAMS) {
        llo_check_complain(&L->checks, llo_check_line(g), where, "more than %d parameters", LLO_CALIB_MAX_PARAMS);
        return;
    }
    if (L->scenario_ok) q.initial = llo_calib_param_get(&q, &L->c->scenario.params);
    L->c->params[L->c->n_params++] = q;
}

/* ---- targets ---- */

/* Dimensions of groups.csv, in table order, without repeats. */
static size_t dimensions(const char **out)
{
    size_t n = 0;
    for (int g = 0; g < LLO_N_GROUPS; g++) {
        const char *dim = llo_group_dimension(g);
        if (n == 0 || strcmp(out[n - 1], dim) != 0) out[n++] = dim;
    }
    return n;
}

/* The known names `given` may have meant as an indicator: every column and group indicator. */
static const char *suggest_indicator(const char *given)
{
    const char *names[512];
    size_t n = 0;
    for (size_t k = 0; k < llo_timeseries_column_count() && n < N_OF(names); k++) names[n++] = llo_timeseries_column_name(k);
    for (size_t k = 0; k < llo_group_indicator_count() && n < N_OF(names); k++) names[n++] = llo_group_indicator_name(k);
    return llo_nearest_name(given, names, n);
}

/* Parses a moment (indicator with optional dimension and group, or region) from the members of
 * group g; `where` names g in messages. Members other than the moment's keys are left to the
 * caller. Returns 0 and fills m and label, or -1 after complaining. */
static int parse_moment(loader *L, const config_setting_t *g, const char *where, llo_moment *m, char *label, size_t n)
{
    const config_setting_t *ind_n = config_setting_get_member(g, "indicator");
    const config_setting_t *dim_n = config_setting_get_member(g, "dimension");
    const config_setting_t *grp_n = config_setting_get_member(g, "group");
    const config_setting_t *reg_n = config_setting_get_member(g, "region");
    char sub[128];
    *m = (llo_moment){-1, -1, -1, -1};
    if (!ind_n) {
        llo_check_complain(&L->checks, llo_check_line(g), where, "no indicator; name a timeseries.csv column or a groups.csv indicator");
        return -1;
    }
    snprintf(sub, sizeof sub, "%s.indicator", where);
    const char *ind = llo_check_string(&L->checks, ind_n, sub);
    const char *dim = NULL, *grp = NULL, *reg = NULL;
    int ok = ind != NULL;
    if (dim_n) {
        snprintf(sub, sizeof sub, "%s.dimension", where);
        ok &= (dim = llo_check_string(&L->checks, dim_n, sub)) != NULL;
    }
    if (grp_n) {
        snprintf(sub, sizeof sub, "%s.group", where);
        ok &= (grp = llo_check_string(&L->checks, grp_n, sub)) != NULL;
    }
    if (reg_n) {
        snprintf(sub, sizeof sub, "%s.region", where);
        ok &= (reg = llo_check_string(&L->checks, reg_n, sub)) != NULL;
    }
    if (!ok) return -1;
    snprintf(sub, sizeof sub, "%s.indicator", where);
    if (dim_n || grp_n) {
        if (reg_n) {
            snprintf(sub, sizeof sub, "%s.region", where);
            llo_check_complain(&L->checks, llo_check_line(reg_n), sub, "groups.csv is for the whole province; leave out region or the group");
            return -1;
        }
        if (!dim_n || !grp_n) {
            llo_check_complain(&L->checks, llo_check_line(dim_n ? dim_n : grp_n), where, "give both dimension and group for a groups.csv indicator");
            return -1;
        }
        m->indicator = llo_group_indicator_find(ind);
        if (m->indicator < 0) {
            const char *names[64];
            size_t nn = 0;
            for (size_t k = 0; k < llo_group_indicator_count() && nn < N_OF(names); k++) names[nn++] = llo_group_indicator_name(k);
            const char *near = llo_nearest_name(ind, names, nn);
            if (near) llo_check_complain(&L->checks, llo_check_line(ind_n), sub, "\"%s\": unknown groups.csv indicator; did you mean %s?", ind, near);
            else if (llo_timeseries_column_find(ind) >= 0)
                llo_check_complain(&L->checks, llo_check_line(ind_n), sub, "\"%s\" is a timeseries.csv column; leave out dimension and group", ind);
            else llo_check_complain(&L->checks, llo_check_line(ind_n), sub, "\"%s\": unknown groups.csv indicator", ind);
            ok = 0;
        }
        const char *dims[LLO_N_GROUPS];
        size_t nd = dimensions(dims);
        int dim_known = 0;
        for (size_t k = 0; k < nd; k++) dim_known |= !strcmp(dims[k], dim);
        if (!dim_known) {
            snprintf(sub, sizeof sub, "%s.dimension", where);
            const char *near = llo_nearest_name(dim, dims, nd);
            if (near) llo_check_complain(&L->checks, llo_check_line(dim_n), sub, "\"%s\": unknown dimension; did you mean %s?", dim, near);
            else llo_check_complain(&L->checks, llo_check_line(dim_n), sub, "\"%s\": unknown dimension", dim);
            return -1;
        }
        m->group = llo_group_find(dim, grp);
        if (m->group < 0) {
            const char *names[LLO_N_GROUPS];
            char list[256] = "";
            size_t nn = 0, used = 0;
            for (int g2 = 0; g2 < LLO_N_GROUPS; g2++)
                if (!strcmp(llo_group_dimension(g2), dim)) {
                    names[nn++] = llo_group_name(g2);
                    used += (size_t)snprintf(list + used, used < sizeof list ? sizeof list - used : 0, "%s%s",
                                             nn > 1 ? ", " : "", llo_group_name(g2));
                }
            snprintf(sub, sizeof sub, "%s.group", where);
            const char *near = llo_nearest_name(grp, names, nn);
            if (near) llo_check_complain(&L->checks, llo_check_line(grp_n), sub, "\"%s\": no such %s group; did you mean %s?", grp, dim, near);
            else llo_check_complain(&L->checks, llo_check_line(grp_n), sub, "\"%s\": no such %s group; the groups are %s", grp, dim, list);
            return -1;
        }
        if (!ok) return -1;
        snprintf(label, n, "%s[%s=%s]", ind, dim, grp);
        return 0;
    }
    m->column = llo_timeseries_column_find(ind);
    if (m->column < 0) {
        if (llo_group_indicator_find(ind) >= 0)
            llo_check_complain(&L->checks, llo_check_line(ind_n), sub, "\"%s\" is a groups.csv indicator; give dimension and group", ind);
        else if (!strcmp(ind, "ratio"))
            llo_check_complain(&L->checks, llo_check_line(ind_n), sub, "a ratio cannot be nested in a ratio");
        else {
            const char *near = suggest_indicator(ind);
            if (near) llo_check_complain(&L->checks, llo_check_line(ind_n), sub, "\"%s\": unknown indicator; did you mean %s?", ind, near);
            else llo_check_complain(&L->checks, llo_check_line(ind_n), sub, "\"%s\": unknown indicator; see `llosim columns`", ind);
        }
        return -1;
    }
    if (reg && strcmp(reg, "all") != 0) {
        snprintf(sub, sizeof sub, "%s.region", where);
        if (!L->scenario_ok) return -1;
        const llo_params *p = &L->c->scenario.params;
        const char *names[LLO_MAX_REGIONS];
        for (int r = 0; r < p->n_regions; r++) {
            names[r] = p->region_names[r];
            if (!strcmp(reg, p->region_names[r])) m->region = r;
        }
        if (m->region < 0) {
            const char *near = llo_nearest_name(reg, names, (size_t)p->n_regions);
            if (near) llo_check_complain(&L->checks, llo_check_line(reg_n), sub, "\"%s\": no such region; did you mean %s?", reg, near);
            else llo_check_complain(&L->checks, llo_check_line(reg_n), sub, "\"%s\": no such region in the scenario (or \"all\")", reg);
            return -1;
        }
        snprintf(label, n, "%s[%s]", ind, reg);
        return 0;
    }
    snprintf(label, n, "%s", ind);
    return 0;
}

/* A ratio's numerator or denominator: a group holding a moment and nothing else. */
static int parse_side(loader *L, const config_setting_t *side, const char *where, llo_moment *m, char *label, size_t n)
{
    if (config_setting_type(side) != CONFIG_TYPE_GROUP) {
        char got[96];
        llo_node_describe(side, got, sizeof got);
        llo_check_complain(&L->checks, llo_check_line(side), where, "expected a group { indicator = \"...\"; ... }, got %s", got);
        return -1;
    }
    int ok = 1;
    for (int i = 0; i < config_setting_length(side); i++) {
        const config_setting_t *mm = config_setting_get_elem(side, (unsigned)i);
        const char *name = config_setting_name(mm);
        int known = 0;
        for (size_t k = 0; k < N_OF(moment_keys); k++) known |= !strcmp(name, moment_keys[k]);
        if (!known) {
            char sub[128];
            snprintf(sub, sizeof sub, "%s.%s", where, name);
            llo_check_unknown_key(&L->checks, mm, sub, moment_keys, N_OF(moment_keys));
            ok = 0;
        }
    }
    return parse_moment(L, side, where, m, label, n) == 0 && ok ? 0 : -1;
}

/* Whether a target name can head a CSV column and a comment line. */
static const char *label_problem(const char *s)
{
    if (!*s) return "is empty";
    for (; *s; s++) {
        if (*s == ',' || *s == '"') return "contains a comma or a double quote";
        if ((unsigned char)*s < 0x20 || *s == 0x7f) return "contains a control character";
    }
    return NULL;
}

static void parse_target(loader *L, const config_setting_t *g, int k)
{
    char where[64], sub[128];
    snprintf(where, sizeof where, "targets[%d]", k);
    if (config_setting_type(g) != CONFIG_TYPE_GROUP) {
        char got[96];
        llo_node_describe(g, got, sizeof got);
        llo_check_complain(&L->checks, llo_check_line(g), where, "expected a group { indicator = \"...\"; target = ...; }, got %s", got);
        return;
    }
    llo_calib_target t = {.weight = 1.0, .line = llo_check_line(g)};
    int ok = 1;
    for (int i = 0; i < config_setting_length(g); i++) {
        const config_setting_t *m = config_setting_get_elem(g, (unsigned)i);
        const char *name = config_setting_name(m);
        int known = 0;
        for (size_t j = 0; j < N_OF(target_keys); j++) known |= !strcmp(name, target_keys[j]);
        if (!known) {
            snprintf(sub, sizeof sub, "%s.%s", where, name);
            llo_check_unknown_key(&L->checks, m, sub, target_keys, N_OF(target_keys));
            ok = 0;
        }
    }
    const config_setting_t *ind_n = config_setting_get_member(g, "indicator");
    const config_setting_t *num_n = config_setting_get_member(g, "numerator");
    const config_setting_t *den_n = config_setting_get_member(g, "denominator");
    int ratio = ind_n && config_setting_type(ind_n) == CONFIG_TYPE_STRING &&
                !strcmp(config_setting_get_string(ind_n), "ratio");
    if (ratio) {
        t.is_ratio = 1;
        for (size_t j = 1; j < N_OF(moment_keys); j++) {
            const config_setting_t *m = config_setting_get_member(g, moment_keys[j]);
            if (m) {
                snprintf(sub, sizeof sub, "%s.%s", where, moment_keys[j]);
                llo_check_complain(&L->checks, llo_check_line(m), sub, "belongs inside numerator and denominator of a ratio");
                ok = 0;
            }
        }
        char nl[LLO_CALIB_LABEL], dl[LLO_CALIB_LABEL];
        if (!num_n || !den_n) {
            llo_check_complain(&L->checks, llo_check_line(g), where, "a ratio needs numerator = { indicator = ...; } and denominator = { ... }");
            ok = 0;
        }
        snprintf(sub, sizeof sub, "%s.numerator", where);
        if (num_n && parse_side(L, num_n, sub, &t.num, nl, sizeof nl) != 0) ok = 0;
        snprintf(sub, sizeof sub, "%s.denominator", where);
        if (den_n && parse_side(L, den_n, sub, &t.den, dl, sizeof dl) != 0) ok = 0;
        if (ok) snprintf(t.label, sizeof t.label, "%.75s/%.75s", nl, dl);
    } else {
        const config_setting_t *side = num_n ? num_n : den_n;
        if (side) {
            snprintf(sub, sizeof sub, "%s.%s", where, config_setting_name(side));
            llo_check_complain(&L->checks, llo_check_line(side), sub, "only a ratio has a %s; write indicator = \"ratio\";", config_setting_name(side));
            ok = 0;
        }
        if (parse_moment(L, g, where, &t.num, t.label, sizeof t.label) != 0) ok = 0;
    }
    const config_setting_t *target_n = config_setting_get_member(g, "target");
    const config_setting_t *weight_n = config_setting_get_member(g, "weight");
    const config_setting_t *scale_n = config_setting_get_member(g, "scale");
    const config_setting_t *name_n = config_setting_get_member(g, "name");
    snprintf(sub, sizeof sub, "%s.target", where);
    if (!target_n) {
        llo_check_complain(&L->checks, llo_check_line(g), where, "no target; give the value the moment should have");
        ok = 0;
    } else if (llo_check_number(&L->checks, target_n, sub, &t.target) != 0) ok = 0;
    snprintf(sub, sizeof sub, "%s.weight", where);
    if (weight_n) {
        if (llo_check_number(&L->checks, weight_n, sub, &t.weight) != 0) ok = 0;
        else if (t.weight < 0) {
            llo_check_complain(&L->checks, llo_check_line(weight_n), sub, "%g is negative; weights are 0 or more", t.weight);
            ok = 0;
        }
    }
    snprintf(sub, sizeof sub, "%s.scale", where);
    if (scale_n) {
        if (llo_check_number(&L->checks, scale_n, sub, &t.scale) != 0) ok = 0;
        else if (!(t.scale > 0)) {
            llo_check_complain(&L->checks, llo_check_line(scale_n), sub, "%g: the scale of a deviation must be positive", t.scale);
            ok = 0;
        }
    } else if (target_n && ok) {
        t.scale = fabs(t.target);
        if (t.scale == 0) {
            snprintf(sub, sizeof sub, "%s.target", where);
            llo_check_complain(&L->checks, llo_check_line(target_n), sub, "a target of 0 has no relative deviation; give scale = the deviation "
                     "that counts as much as 100%% of a target");
            ok = 0;
        }
    }
    if (name_n) {
        snprintf(sub, sizeof sub, "%s.name", where);
        const char *name = llo_check_string(&L->checks, name_n, sub);
        const char *problem = name ? label_problem(name) : NULL;
        if (!name) ok = 0;
        else if (problem || strlen(name) >= sizeof t.label) {
            llo_check_complain(&L->checks, llo_check_line(name_n), sub, "\"%.40s\" %s", name, problem ? problem : "is too long");
            ok = 0;
        } else snprintf(t.label, sizeof t.label, "%s", name);
    }
    if (!ok) return;
    for (int j = 0; j < L->c->n_targets; j++)
        if (!strcmp(L->c->targets[j].label, t.label)) {
            llo_check_complain(&L->checks, llo_check_line(g), where, "%s is a target twice (also at line %d); give one a name if both are meant",
                     t.label, L->c->targets[j].line);
            return;
        }
    if (L->c->n_targets == LLO_CALIB_MAX_TARGETS) {
        llo_check_complain(&L->checks, llo_check_line(g), where, "more than %d targets", LLO_CALIB_MAX_TARGETS);
        return;
    }
    L->c->targets[L->c->n_targets++] = t;
}

/* parameters = ( {...}, ... ) and targets likewise: a non-empty list of groups. */
static void parse_list(loader *L, const config_setting_t *n, const char *key, void (*each)(loader *, const config_setting_t *, int))
{
    int t = config_setting_type(n);
    if (t != CONFIG_TYPE_LIST && t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_GROUP) {
        char got[96];
        llo_node_describe(n, got, sizeof got);
        llo_check_complain(&L->checks, llo_check_line(n), key, "expected a list of groups in ( ), got %s", got);
        return;
    }
    if (t == CONFIG_TYPE_GROUP) {
        llo_check_complain(&L->checks, llo_check_line(n), key, "expected a list of groups: write %s = ( { ... }, { ... } );", key);
        return;
    }
    if (config_setting_length(n) == 0) {
        llo_check_complain(&L->checks, llo_check_line(n), key, "is empty; give at least one");
        return;
    }
    for (int k = 0; k < config_setting_length(n); k++) each(L, config_setting_get_elem(n, (unsigned)k), k);
}

/* ---- the scenario and the run settings ---- */

/* Applies run.<key> = node to the loaded scenario, checked against the settings table. */
static void apply_run(loader *L, const config_setting_t *n, const char *key)
{
    char path[64];
    snprintf(path, sizeof path, "run.%s", key);
    const llo_setting *row = llo_setting_find(path);
    if (!row) {
        llo_check_complain(&L->checks, llo_check_line(n), key, "internal error: the settings table has no %s", path);
        return;
    }
    llo_params *p = &L->c->scenario.params;
    char *at = (char *)p + row->offset;
    if (row->type == LLO_T_FLOAT) {
        double v;
        if (llo_check_number(&L->checks, n, key, &v) != 0) return;
        if (v < row->min || v > row->max) {
            llo_check_complain(&L->checks, llo_check_line(n), key, "%g is outside [%.10g, %.10g]", v, row->min, row->max);
            return;
        }
        *(double *)at = v;
    } else if (row->type == LLO_T_INT || row->type == LLO_T_INT64) {
        long long v;
        if (llo_check_int(&L->checks, n, key, (long long)row->min, row->max >= 9.2e18 ? INT64_MAX : (long long)row->max, &v) != 0)
            return;
        if (row->type == LLO_T_INT) *(int *)at = (int)v;
        else *(int64_t *)at = v;
    } else {
        llo_check_complain(&L->checks, llo_check_line(n), key, "internal error: %s is not a number", path);
        return;
    }
    /* Recorded in the libconfig form of the resolved scenario, so --set reads it back exactly. */
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) return;
    llo_setting_write_value(mem, row, p);
    fclose(mem);
    snprintf(L->c->run_sets[L->c->n_run_sets++], sizeof L->c->run_sets[0], "%s=%s", path, text ? text : "");
    free(text);
}

/* Walks the parsed file: the scenario first (parameters and targets are checked against it),
 * then the run settings, then everything else. */
static void apply_tree(loader *L, const config_setting_t *root)
{
    llo_calibration *c = L->c;
    const config_setting_t *scen_n = config_setting_get_member(root, "scenario");
    if (!scen_n) {
        llo_check_complain(&L->checks, 0, "scenario", "missing; name the scenario to calibrate, e.g. scenario = \"../baseline.cfg\";");
    } else {
        const char *target = llo_check_string(&L->checks, scen_n, "scenario");
        if (target && (!*target || llo_check_resolve_path(c->path, target, c->scenario_file, sizeof c->scenario_file) != 0)) {
            llo_check_complain(&L->checks, llo_check_line(scen_n), "scenario", "\"%.60s\": %s", target, *target ? "path too long" : "empty path");
        } else if (target) {
            int before = L->d->count + L->d->dropped;
            int problems = llo_scenario_load(&c->scenario, c->scenario_file, NULL, 0, L->d);
            if (problems) {
                /* Its own messages are above; this one says how they matter here. */
                int n = L->d->count + L->d->dropped - before;
                llo_check_complain(&L->checks, llo_check_line(scen_n), "scenario", "\"%s\": %d problem%s, reported above", target, n,
                         n == 1 ? "" : "s");
            } else {
                L->scenario_ok = 1;
            }
        }
    }
    for (size_t k = 0; k < N_OF(run_keys); k++) {
        const config_setting_t *n = config_setting_get_member(root, run_keys[k]);
        if (n) apply_run(L, n, run_keys[k]);
    }
    const config_setting_t *params_n = NULL, *targets_n = NULL;
    c->average_last_months = 0;
    for (int i = 0; i < config_setting_length(root); i++) {
        const config_setting_t *n = config_setting_get_elem(root, (unsigned)i);
        const char *key = config_setting_name(n);
        long long v;
        double x;
        if (!strcmp(key, "parameters")) params_n = n;
        else if (!strcmp(key, "targets")) targets_n = n;
        else if (!strcmp(key, "average_last_months")) {
            if (llo_check_int(&L->checks, n, key, 1, 1200, &v) == 0) c->average_last_months = (int)v;
            else c->average_last_months = -1;
        } else if (!strcmp(key, "max_evaluations")) {
            if (llo_check_int(&L->checks, n, key, 1, 1000000, &v) == 0) c->max_evaluations = (int)v;
        } else if (!strcmp(key, "tolerance")) {
            if (llo_check_number(&L->checks, n, key, &x) == 0) {
                if (x > 0) c->tolerance = x;
                else llo_check_complain(&L->checks, llo_check_line(n), key, "%g: the tolerance must be positive", x);
            }
        } else if (!strcmp(key, "initial_step")) {
            if (llo_check_number(&L->checks, n, key, &x) == 0) {
                if (x > 0 && x < 1) c->initial_step = x;
                else llo_check_complain(&L->checks, llo_check_line(n), key, "%g is outside (0, 1): it is a share of each parameter's range", x);
            }
        } else if (!strcmp(key, "method")) {
            const char *m = llo_check_string(&L->checks, n, key);
            int known = 0;
            for (size_t k = 0; m && k < N_OF(methods); k++) known |= !strcmp(m, methods[k]);
            if (m && known) snprintf(c->method, sizeof c->method, "%s", m);
            else if (m) {
                const char *near = llo_nearest_name(m, methods, N_OF(methods));
                if (near) llo_check_complain(&L->checks, llo_check_line(n), key, "\"%s\": unknown method; did you mean %s?", m, near);
                else llo_check_complain(&L->checks, llo_check_line(n), key, "\"%s\": unknown method; use nmsimplex2, nmsimplex2rand or nmsimplex", m);
            }
        } else {
            int known = 0;
            for (size_t k = 0; k < N_OF(top_keys); k++) known |= !strcmp(key, top_keys[k]);
            if (!known) llo_check_unknown_key(&L->checks, n, key, top_keys, N_OF(top_keys));
        }
    }
    if (!params_n) llo_check_complain(&L->checks, 0, "parameters", "missing; list the settings to fit, e.g. parameters = "
                            "( { path = \"training.start_intercept\"; min = -7.0; max = -1.0; } );");
    else parse_list(L, params_n, "parameters", parse_param);
    if (!targets_n) llo_check_complain(&L->checks, 0, "targets", "missing; list the moments to match, e.g. targets = "
                             "( { indicator = \"participation_24m_employed\"; target = 0.5; } );");
    else parse_list(L, targets_n, "targets", parse_target);

    const config_setting_t *avg_n = config_setting_get_member(root, "average_last_months");
    int months = c->scenario.params.months;
    if (!avg_n) c->average_last_months = L->scenario_ok ? months : 1;
    else if (L->scenario_ok && c->average_last_months > months)
        llo_check_complain(&L->checks, llo_check_line(avg_n), "average_last_months", "%d is more than the %d months written; at most %d",
                 c->average_last_months, months, months);
    const config_setting_t *max_n = config_setting_get_member(root, "max_evaluations");
    if (max_n && c->max_evaluations > 0 && c->n_params > 0 && c->max_evaluations < c->n_params + 1)
        llo_check_complain(&L->checks, llo_check_line(max_n), "max_evaluations", "%d is fewer than the %d the first simplex needs (parameters + 1)",
                 c->max_evaluations, c->n_params + 1);
}

static void apply_root(void *ctx, const config_setting_t *root) { apply_tree(ctx, root); }

int llo_calibration_load(llo_calibration *c, const char *path, llo_diag *d)
{
    int before = d->count + d->dropped;
    memset(c, 0, sizeof *c);
    snprintf(c->method, sizeof c->method, "nmsimplex2");
    c->max_evaluations = 200;
    c->tolerance = 1e-4;
    c->initial_step = 0.1;
    if (strlen(path) >= sizeof c->path) {
        llo_diag_add(d, "%.64s...: path too long", path);
        return 1;
    }
    snprintf(c->path, sizeof c->path, "%s", path);
    llo_check_file_name(c->path, ".calib", "calibration", c->name, sizeof c->name);
    loader L = {.c = c, .d = d, .checks = {.path = c->path, .d = d}};
    llo_check_read_file(&L.checks, apply_root, &L);
    return d->count + d->dropped - before;
}
