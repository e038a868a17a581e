/* Loading the timeline (see timeline.h). The settings table cannot describe a list of groups,
 * so scenario_apply.c hands `timeline = ( ... );` to this file, which checks every event with
 * the loader's own conversion code (llo_loader_check_scalar) and reports in the same form,
 * `file:line: timeline[2].months: message`, all problems in one go. A layer that gives a
 * timeline replaces the timeline of the layers before it, as a list setting does. What depends
 * on the final scenario (the run's months, the sector names, list lengths) is checked once every
 * layer is applied, and then the events are sorted by month, stably. */
#include "config/scenario_loader.h"
#include "config/timeline.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* "timeline[k]" or "timeline[k].key" (or "timeline[k].key[j]" when j >= 0). */
static void event_path(char *buf, size_t n, int k, const char *key, int j)
{
    int w = snprintf(buf, n, "%s[%d]", LLO_TIMELINE_KEY, k);
    if (key && w >= 0 && (size_t)w < n) w += snprintf(buf + w, n - (size_t)w, ".%s", key);
    if (j >= 0 && w >= 0 && (size_t)w < n) snprintf(buf + w, n - (size_t)w, "[%d]", j);
}

/* A settings-table row standing for an event key, so the loader's checks of a scalar apply. */
static llo_setting key_row(const llo_event_key *key, llo_type type)
{
    llo_setting row;
    memset(&row, 0, sizeof row);
    row.path = key->name;
    row.type = type;
    row.min = key->min;
    row.max = key->max;
    return row;
}

/* Checks a scalar of an event against `row`, reporting at timeline[k].<path>. Returns 1 when it
 * may be stored. */
static int take_scalar(llo_loader *L, const llo_layer *ly, const llo_setting *row, llo_type type,
                       const config_setting_t *node, int k, const char *key, int j, const char *of_setting,
                       llo_value *v)
{
    char why[LLO_DIAG_LEN / 2], path[LLO_PATH_LEN];
    int r = llo_loader_check_scalar(ly, row, type, node, v, why, sizeof why);
    if (r == LLO_CHECK_BAD) {
        event_path(path, sizeof path, k, key, j);
        if (of_setting)
            llo_loader_complain(L, ly->file, llo_loader_node_line(ly, node), path, "%s (%s %s)", why,
                                strstr(why, " is outside ") ? "the range of" : "as for", of_setting);
        else
            llo_loader_complain(L, ly->file, llo_loader_node_line(ly, node), path, "%s", why);
    }
    return r == LLO_CHECK_OK;
}

/* Lists names joined by ", " into buf. */
static void join(char *buf, size_t n, const char *const *names, size_t count)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < count && used < n; i++)
        used += (size_t)snprintf(buf + used, n - used, "%s%s", i ? ", " : "", names[i]);
}

/* The keys an event of `kind` takes, for "it takes ..." messages. */
static void keys_of_kind(char *buf, size_t n, int kind)
{
    const llo_event_key *keys = llo_event_keys();
    const char *names[LLO_N_EVENT_KEYS];
    size_t count = 0;
    for (int k = 0; k < LLO_N_EVENT_KEYS; k++)
        if (keys[k].kinds & LLO_KIND_BIT(kind)) names[count++] = keys[k].name;
    join(buf, n, names, count);
}

/* `set = "path"`: the setting must exist and be one a run may change. Returns its row or NULL. */
static const llo_setting *take_set(llo_loader *L, const llo_layer *ly, const config_setting_t *node, int k)
{
    llo_setting row = key_row(&llo_event_keys()[LLO_KEY_SET], LLO_T_STRING);
    llo_value v = {0};
    if (!take_scalar(L, ly, &row, LLO_T_STRING, node, k, "set", -1, NULL, &v)) return NULL;
    char path[LLO_PATH_LEN];
    event_path(path, sizeof path, k, "set", -1);
    int line = llo_loader_node_line(ly, node);
    const llo_setting *target = llo_setting_find(v.str);
    if (!target) {
        const char *near = llo_loader_suggest_setting(L, v.str);
        if (near && strcmp(near, LLO_TIMELINE_KEY) != 0)
            llo_loader_complain(L, ly->file, line, path, "unknown setting \"%s\"; did you mean %s?", v.str, near);
        else
            llo_loader_complain(L, ly->file, line, path, "unknown setting \"%s\"", v.str);
        return NULL;
    }
    if (llo_setting_is_live(target)) return target;
    if (target->type == LLO_T_STRING || target->type == LLO_T_STRING_LIST)
        llo_loader_complain(L, ly->file, line, path,
                            "%s is text; a timeline sets numbers and rules (settings with a fixed list of values) only",
                            target->path);
    else if (target->at_build)
        llo_loader_complain(L, ly->file, line, path,
                            "%s cannot change during a run: it is read only when the world is built (it sizes the "
                            "world or gives agents their starting attributes); the settings a timeline may change "
                            "say 'yes' in the timeline column of docs/parameters.md", target->path);
    else
        llo_loader_complain(L, ly->file, line, path, "%s is too long a list for a timeline event (at most %d values)",
                            target->path, LLO_EVENT_VALUES);
    return NULL;
}

/* `stop = "scheme"`. Returns the scheme, or -1. */
static int take_stop(llo_loader *L, const llo_layer *ly, const config_setting_t *node, int k)
{
    llo_setting row = key_row(&llo_event_keys()[LLO_KEY_STOP], LLO_T_STRING);
    llo_value v = {0};
    if (!take_scalar(L, ly, &row, LLO_T_STRING, node, k, "stop", -1, NULL, &v)) return -1;
    const char *names[LLO_N_SCHEMES];
    for (int s = 0; s < LLO_N_SCHEMES; s++) {
        names[s] = llo_scheme_name(s);
        if (strcmp(v.str, names[s]) == 0) return s;
    }
    char path[LLO_PATH_LEN], all[256];
    event_path(path, sizeof path, k, "stop", -1);
    join(all, sizeof all, names, LLO_N_SCHEMES);
    const char *near = llo_nearest_name(v.str, names, LLO_N_SCHEMES);
    if (near)
        llo_loader_complain(L, ly->file, llo_loader_node_line(ly, node), path,
                            "unknown scheme \"%s\"; did you mean %s? (the schemes are %s)", v.str, near, all);
    else
        llo_loader_complain(L, ly->file, llo_loader_node_line(ly, node), path,
                            "unknown scheme \"%s\"; the schemes are %s", v.str, all);
    return -1;
}

/* `shock = "name"`. Returns the kind, or -1. */
static int take_shock(llo_loader *L, const llo_layer *ly, const config_setting_t *node, int k)
{
    llo_setting row = key_row(&llo_event_keys()[LLO_KEY_SHOCK], LLO_T_STRING);
    llo_value v = {0};
    if (!take_scalar(L, ly, &row, LLO_T_STRING, node, k, "shock", -1, NULL, &v)) return -1;
    const int kinds[] = {LLO_EVENT_TECHNOLOGY, LLO_EVENT_RECESSION, LLO_EVENT_TRUST};
    const char *names[3];
    for (int s = 0; s < 3; s++) {
        names[s] = llo_event_kind_name(kinds[s]);
        if (strcmp(v.str, names[s]) == 0) return kinds[s];
    }
    char path[LLO_PATH_LEN];
    event_path(path, sizeof path, k, "shock", -1);
    const char *near = llo_nearest_name(v.str, names, 3);
    if (near)
        llo_loader_complain(L, ly->file, llo_loader_node_line(ly, node), path,
                            "unknown shock \"%s\"; did you mean %s? (the shocks are technology, recession and trust)",
                            v.str, near);
    else
        llo_loader_complain(L, ly->file, llo_loader_node_line(ly, node), path,
                            "unknown shock \"%s\"; the shocks are technology, recession and trust", v.str);
    return -1;
}

/* `value = ...` of a set event: checked as the setting itself would be (its type and range);
 * the length of a list is checked once every layer is applied. Returns 1 when stored. */
static int take_value(llo_loader *L, const llo_layer *ly, const llo_setting *target, const config_setting_t *node,
                      int k, llo_event *e)
{
    char path[LLO_PATH_LEN];
    event_path(path, sizeof path, k, "value", -1);
    int line = llo_loader_node_line(ly, node);
    llo_value v = {0};
    if (target->len_rule == LLO_LEN_SCALAR) {
        if (!take_scalar(L, ly, target, target->type, node, k, "value", -1, target->path, &v)) return 0;
        if (target->type == LLO_T_INT) e->value.i[0] = (int)v.i;
        else if (target->type == LLO_T_INT64) e->value.i64[0] = v.i;
        else if (target->type == LLO_T_CHOICE) e->value.i[0] = llo_setting_allowed_index(target, v.str);
        else e->value.f[0] = v.f;
        e->n_values = 1;
        return 1;
    }
    int t = config_setting_type(node);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
        char got[80];
        llo_node_describe(node, got, sizeof got);
        llo_loader_complain(L, ly->file, line, path, "%s is a list: expected a list in [ ], got %s", target->path, got);
        return 0;
    }
    int n = config_setting_length(node);
    if (n > target->cap) {
        llo_loader_complain(L, ly->file, line, path, "has %d values; %s holds at most %d", n, target->path,
                            target->cap);
        return 0;
    }
    llo_type elem = target->type == LLO_T_INT64_LIST ? LLO_T_INT64 : LLO_T_FLOAT;
    int ok = 1;
    for (int j = 0; j < n; j++) {
        if (!take_scalar(L, ly, target, elem, config_setting_get_elem(node, (unsigned)j), k, "value", j, target->path,
                         &v)) {
            ok = 0;
            continue;
        }
        if (elem == LLO_T_INT64) e->value.i64[j] = v.i;
        else e->value.f[j] = v.f;
    }
    e->n_values = n;
    return ok;
}

/* `sectors = ["a", "b"]`: names kept for the check after every layer, which resolves them
 * (only those that are strings, and not given twice). */
static int take_sectors(llo_loader *L, const llo_layer *ly, const config_setting_t *node, int k, llo_event_src *src)
{
    char path[LLO_PATH_LEN];
    event_path(path, sizeof path, k, "sectors", -1);
    int line = llo_loader_node_line(ly, node), t = config_setting_type(node);
    if (t != CONFIG_TYPE_ARRAY && t != CONFIG_TYPE_LIST) {
        char got[80];
        llo_node_describe(node, got, sizeof got);
        llo_loader_complain(L, ly->file, line, path, "expected a list of sector names in [ ], got %s", got);
        return 0;
    }
    int n = config_setting_length(node);
    if (n == 0) {
        llo_loader_complain(L, ly->file, line, path, "names no sector; leave sectors out to hit every sector");
        return 0;
    }
    if (n > LLO_MAX_SECTORS) {
        llo_loader_complain(L, ly->file, line, path, "has %d names; there are at most %d sectors", n, LLO_MAX_SECTORS);
        return 0;
    }
    llo_setting row = key_row(&llo_event_keys()[LLO_KEY_SECTORS], LLO_T_STRING);
    int ok = 1;
    for (int j = 0; j < n; j++) {
        const config_setting_t *el = config_setting_get_elem(node, (unsigned)j);
        llo_value v = {0};
        if (!take_scalar(L, ly, &row, LLO_T_STRING, el, k, "sectors", j, NULL, &v)) {
            ok = 0;
            continue;
        }
        int twice = 0;
        for (int i = 0; i < j && !twice; i++)
            if (src->sector_line[i] && strcmp(src->sector[i], v.str) == 0) {
                event_path(path, sizeof path, k, "sectors", j);
                llo_loader_complain(L, ly->file, llo_loader_node_line(ly, el), path, "\"%s\" is given twice (also as [%d])",
                                    v.str, i);
                twice = 1;
                ok = 0;
            }
        if (twice) continue;
        snprintf(src->sector[j], LLO_NAME_MAX, "%s", v.str);
        src->sector_line[j] = llo_loader_node_line(ly, el);
    }
    src->n_sectors = n;
    return ok;
}

static int key_of(const char *name)
{
    for (int k = 0; k < LLO_N_EVENT_KEYS; k++)
        if (strcmp(llo_event_keys()[k].name, name) == 0) return k;
    return -1;
}

/* Works out an event's kind from its set, stop or shock key. Returns the kind or -1 (reported). */
static int event_kind(llo_loader *L, const llo_layer *ly, const config_setting_t *node, int k, llo_event *e,
                      const llo_setting **target)
{
    const config_setting_t *which = NULL;
    int given = 0;
    for (int i = 0; i < config_setting_length(node); i++) {
        const config_setting_t *m = config_setting_get_elem(node, (unsigned)i);
        int key = key_of(config_setting_name(m));
        if (key == LLO_KEY_SET || key == LLO_KEY_STOP || key == LLO_KEY_SHOCK) {
            given++;
            if (!which) which = m;
        }
    }
    char path[LLO_PATH_LEN];
    event_path(path, sizeof path, k, NULL, -1);
    int line = llo_loader_node_line(ly, node);
    if (given == 0) {
        llo_loader_complain(L, ly->file, line, path,
                            "says nothing happens: give set = \"<setting>\" with a value, stop = \"<scheme>\", or "
                            "shock = \"technology\", \"recession\" or \"trust\"");
        return -1;
    }
    if (given > 1) {
        llo_loader_complain(L, ly->file, line, path, "has more than one of set, stop and shock; give each its own event");
        return -1;
    }
    switch (key_of(config_setting_name(which))) {
    case LLO_KEY_SET:
        *target = take_set(L, ly, which, k);
        if (!*target) return -1;
        e->target = (int)llo_setting_index(*target);
        return LLO_EVENT_SET;
    case LLO_KEY_STOP:
        e->target = take_stop(L, ly, which, k);
        return e->target < 0 ? -1 : LLO_EVENT_STOP;
    default: return take_shock(L, ly, which, k);
    }
}

/* Reads one event into e and src, reporting every problem. */
static void take_event(llo_loader *L, const llo_layer *ly, const config_setting_t *node, int k, llo_event *e,
                       llo_event_src *src)
{
    const llo_event_key *keys = llo_event_keys();
    char path[LLO_PATH_LEN];
    int line = llo_loader_node_line(ly, node);
    snprintf(src->at.file, sizeof src->at.file, "%s", ly->file);
    src->at.line = line;
    src->n_sectors = -1;
    if (config_setting_type(node) != CONFIG_TYPE_GROUP) {
        char got[80];
        llo_node_describe(node, got, sizeof got);
        event_path(path, sizeof path, k, NULL, -1);
        llo_loader_complain(L, ly->file, line, path, "an event is a group in { }, got %s", got);
        return;
    }
    const llo_setting *target = NULL;
    int kind = event_kind(L, ly, node, k, e, &target);
    src->kind_ok = kind >= 0;
    e->kind = kind < 0 ? 0 : kind;
    if (kind == LLO_EVENT_RECESSION) e->job_loss_factor = e->job_finding_factor = 1.0; /* neutral unless given */

    int given[LLO_N_EVENT_KEYS] = {0};
    const config_setting_t *value = NULL;
    for (int i = 0; i < config_setting_length(node); i++) {
        const config_setting_t *m = config_setting_get_elem(node, (unsigned)i);
        const char *name = config_setting_name(m);
        int mline = llo_loader_node_line(ly, m);
        int key = key_of(name);
        event_path(path, sizeof path, k, name, -1);
        if (key < 0) {
            const char *names[LLO_N_EVENT_KEYS];
            for (int j = 0; j < LLO_N_EVENT_KEYS; j++) names[j] = keys[j].name;
            const char *near = llo_nearest_name(name, names, LLO_N_EVENT_KEYS);
            char takes[256];
            if (kind >= 0) keys_of_kind(takes, sizeof takes, kind);
            if (near) llo_loader_complain(L, ly->file, mline, path, "unknown key; did you mean %s?", near);
            else if (kind >= 0)
                llo_loader_complain(L, ly->file, mline, path, "unknown key; a %s event takes %s",
                                    llo_event_kind_name(kind), takes);
            else llo_loader_complain(L, ly->file, mline, path, "unknown key");
            continue;
        }
        given[key] = 1;
        if (key == LLO_KEY_SET || key == LLO_KEY_STOP || key == LLO_KEY_SHOCK) continue; /* read above */
        if (kind >= 0 && !(keys[key].kinds & LLO_KIND_BIT(kind))) {
            char takes[256];
            keys_of_kind(takes, sizeof takes, kind);
            llo_loader_complain(L, ly->file, mline, path, "does not apply to a %s event, which takes %s",
                                llo_event_kind_name(kind), takes);
            continue;
        }
        if (key == LLO_KEY_VALUE) {
            value = m;
            continue;
        }
        if (key == LLO_KEY_SECTORS) {
            take_sectors(L, ly, m, k, src);
            continue;
        }
        llo_setting row = key_row(&keys[key], keys[key].type);
        llo_value v = {0};
        if (!take_scalar(L, ly, &row, keys[key].type, m, k, name, -1, NULL, &v)) continue;
        switch (key) {
        case LLO_KEY_MONTH: e->month = (int)v.i; src->month_line = mline; break;
        case LLO_KEY_MONTHS: e->months = (int)v.i; break;
        case LLO_KEY_OBSOLESCENCE_FACTOR: e->obsolescence_factor = v.f; break;
        case LLO_KEY_JOB_LOSS_FACTOR: e->job_loss_factor = v.f; break;
        case LLO_KEY_JOB_FINDING_FACTOR: e->job_finding_factor = v.f; break;
        case LLO_KEY_URGENCY: e->urgency = v.f; break;
        case LLO_KEY_COLLABORATION: e->collaboration = v.f; break;
        case LLO_KEY_DELTA: e->delta = v.f; break;
        default: break;
        }
    }
    if (kind < 0) return;
    event_path(path, sizeof path, k, NULL, -1);
    for (int key = 0; key < LLO_N_EVENT_KEYS; key++)
        if ((keys[key].required & LLO_KIND_BIT(kind)) && !given[key])
            llo_loader_complain(L, ly->file, line, path, "a %s event needs %s", llo_event_kind_name(kind),
                                keys[key].name);
    if (kind == LLO_EVENT_RECESSION && !given[LLO_KEY_JOB_LOSS_FACTOR] && !given[LLO_KEY_JOB_FINDING_FACTOR] &&
        !given[LLO_KEY_URGENCY] && !given[LLO_KEY_COLLABORATION]) {
        llo_loader_complain(L, ly->file, line, path,
                            "a recession that changes nothing: give job_loss_factor, job_finding_factor, urgency or "
                            "collaboration");
    }
    if (value && target && take_value(L, ly, target, value, k, e)) src->value_line = llo_loader_node_line(ly, value);
}

void llo_loader_apply_timeline(llo_loader *L, const llo_layer *ly, const config_setting_t *node)
{
    llo_params *p = &L->s->params;
    int line = llo_loader_node_line(ly, node);
    p->n_events = 0;
    memset(p->timeline, 0, sizeof p->timeline);
    memset(L->events, 0, sizeof L->events);
    L->timeline_bad = 0;
    int t = config_setting_type(node);
    if (t != CONFIG_TYPE_LIST && t != CONFIG_TYPE_ARRAY) {
        char got[80];
        llo_node_describe(node, got, sizeof got);
        llo_loader_complain(L, ly->file, line, LLO_TIMELINE_KEY,
                            "expected a list of events in ( ), got %s; write timeline = ( { month = 24; set = "
                            "\"workers.individual_budget_eur\"; value = 1200.0; }, { ... } );", got);
        L->timeline_bad = 1;
        return;
    }
    int n = config_setting_length(node);
    if (n > LLO_MAX_EVENTS) {
        llo_loader_complain(L, ly->file, line, LLO_TIMELINE_KEY, "has %d events; at most %d are supported", n,
                            LLO_MAX_EVENTS);
        L->timeline_bad = 1;
        return;
    }
    for (int k = 0; k < n; k++)
        take_event(L, ly, config_setting_get_elem(node, (unsigned)k), k, &p->timeline[k], &L->events[k]);
    p->n_events = n;
}

/* Resolves a technology shock's sector names against the final sector list. */
static void resolve_sectors(llo_loader *L, int k, llo_event *e, const llo_event_src *src)
{
    const llo_params *p = &L->s->params;
    if (src->n_sectors < 0) {
        e->sectors = p->n_sectors >= 32 ? UINT32_MAX : (1u << p->n_sectors) - 1;
        return;
    }
    const char *names[LLO_MAX_SECTORS];
    for (int s = 0; s < p->n_sectors; s++) names[s] = p->sector_names[s];
    for (int j = 0; j < src->n_sectors; j++) {
        if (!src->sector_line[j]) continue; /* reported when read */
        int found = -1;
        for (int s = 0; s < p->n_sectors && found < 0; s++)
            if (strcmp(src->sector[j], names[s]) == 0) found = s;
        if (found >= 0) {
            e->sectors |= 1u << found;
            continue;
        }
        char path[LLO_PATH_LEN], all[LLO_MAX_SECTORS * (LLO_NAME_MAX + 2)];
        event_path(path, sizeof path, k, "sectors", j);
        const char *near = llo_nearest_name(src->sector[j], names, (size_t)p->n_sectors);
        if (near)
            llo_loader_complain(L, src->at.file, src->sector_line[j], path, "\"%s\" is not a sector; did you mean %s?",
                                src->sector[j], near);
        else {
            join(all, sizeof all, names, (size_t)p->n_sectors);
            llo_loader_complain(L, src->at.file, src->sector_line[j], path, "\"%s\" is not a sector; the sectors are %s",
                                src->sector[j], all);
        }
    }
}

/* A set event's list must have the length the setting needs in the final scenario. */
static void check_value_length(llo_loader *L, int k, const llo_event *e, const llo_event_src *src)
{
    const llo_params *p = &L->s->params;
    const llo_setting *row = &L->table[e->target];
    if (row->len_rule == LLO_LEN_SCALAR) return;
    const llo_setting *count_row = llo_loader_count_row(row);
    if (count_row && L->bad[llo_setting_index(count_row)]) return;
    char path[LLO_PATH_LEN], needs[96];
    event_path(path, sizeof path, k, "value", -1);
    int need = llo_setting_required_len(row, p);
    if (e->n_values != need) {
        llo_loader_needs_text(row, p, needs, sizeof needs);
        llo_loader_complain(L, src->at.file, src->value_line, path, "has %d values; %s needs %s", e->n_values,
                            row->path, needs);
        return;
    }
    char why[LLO_DIAG_LEN / 2];
    if (row->offset == offsetof(llo_params, distance_km) && llo_loader_distances_asymmetry(p, e->value.f, why, sizeof why))
        llo_loader_complain(L, src->at.file, src->value_line, path, "%s", why);
    if (row->normalised) {
        double sum = 0;
        for (int j = 0; j < need; j++) sum += e->value.f[j];
        if (!(sum > 0))
            llo_loader_complain(L, src->at.file, src->value_line, path, "the shares sum to 0; at least one must be positive");
    }
}

/* Where a set or stop event acts in llo_params. */
static void resolve_place(const llo_loader *L, llo_event *e)
{
    if (e->kind == LLO_EVENT_SET) {
        const llo_setting *row = &L->table[e->target];
        size_t elem = row->type == LLO_T_INT || row->type == LLO_T_CHOICE ? sizeof(int)
                      : row->type == LLO_T_INT64 || row->type == LLO_T_INT64_LIST ? sizeof(int64_t) : sizeof(double);
        e->offset = row->offset;
        e->bytes = elem * (size_t)e->n_values;
    } else if (e->kind == LLO_EVENT_STOP) {
        const llo_setting *row = llo_setting_find(llo_scheme_setting(e->target));
        e->offset = row->offset;
        e->bytes = (size_t)row->cap * sizeof(double); /* every region's or sector's */
    }
}

void llo_loader_check_timeline(llo_loader *L)
{
    llo_params *p = &L->s->params;
    if (L->timeline_bad) return;
    const llo_setting *months = llo_setting_find("run.months"), *burn = llo_setting_find("run.burn_in_months");
    const llo_setting *sector_names = llo_setting_find("sectors.names");
    int run_known = !L->bad[llo_setting_index(months)] && !L->bad[llo_setting_index(burn)];
    int sectors_known = !L->bad[llo_setting_index(sector_names)];
    for (int k = 0; k < p->n_events; k++) {
        llo_event *e = &p->timeline[k];
        const llo_event_src *src = &L->events[k];
        if (run_known && src->month_line && (e->month < -p->burn_in_months || e->month >= p->months)) {
            char path[LLO_PATH_LEN];
            event_path(path, sizeof path, k, "month", -1);
            llo_loader_complain(L, src->at.file, src->month_line, path,
                                "%d is outside the run, which simulates months %d to %d (run.burn_in_months = %d, "
                                "run.months = %d)", e->month, -p->burn_in_months, p->months - 1, p->burn_in_months,
                                p->months);
        }
        if (!src->kind_ok) continue;
        if (e->kind == LLO_EVENT_SET && src->value_line) check_value_length(L, k, e, src);
        if (e->kind == LLO_EVENT_TECHNOLOGY && sectors_known) resolve_sectors(L, k, e, src);
        resolve_place(L, e);
    }
    /* Stable insertion sort by month: events of one month keep the order they were given in. */
    for (int k = 1; k < p->n_events; k++) {
        llo_event e = p->timeline[k];
        int j = k;
        while (j > 0 && p->timeline[j - 1].month > e.month) {
            p->timeline[j] = p->timeline[j - 1];
            j--;
        }
        p->timeline[j] = e;
    }
}
