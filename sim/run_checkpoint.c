/* A run's checkpoints: the world's checkpoint (checkpoint.c) with, attached, what the run needs
 * to go on writing the same files: its replicate, its checkpoint schedule, the scenario file's
 * name and the output rows written so far (every earlier replicate's and this one's up to the
 * checkpoint's month), so a resumed run writes the whole of timeseries.csv without simulating
 * anything twice. A fork keeps only the rows of the replicate it continues. */
#include "sim/run_checkpoint.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/checkpoint.h"
#include "sim/output.h"
#include "sim/sha256.h"

static const char run_magic[8] = {'L', 'L', 'O', 'R', 'U', 'N', '1', 0};

struct llo_run_source {
    int resume;            /* 1: continue the run; 0: fork its replicates under another scenario */
    int first, last;       /* the replicates that start from a checkpoint */
    char **path;           /* [replicate]: its checkpoint, NULL for none */
    int month;
    llo_scenario *scenario; /* a resume's: rebuilt from the checkpoint */
    llo_ckpt_schedule schedule; /* a resume's: the killed run's */
    char label[4200];      /* what the run started from, for the manifest */
};

/* What a run attaches to a checkpoint, parsed. */
typedef struct run_attach {
    int replicate;
    llo_ckpt_schedule schedule;
    char path[4096];
    const char *out[LLO_RUN_OUTPUTS];
    size_t len[LLO_RUN_OUTPUTS], rep_begin[LLO_RUN_OUTPUTS];
} run_attach;

static void put_u32(llo_buf *b, uint32_t v) { llo_buf_append(b, (const char *)&v, sizeof v); }
static void put_u64(llo_buf *b, uint64_t v) { llo_buf_append(b, (const char *)&v, sizeof v); }

typedef struct reader {
    const uint8_t *at, *end;
    int failed;
} reader;

static const void *take(reader *r, size_t n)
{
    if (r->failed || (size_t)(r->end - r->at) < n) {
        r->failed = 1;
        return NULL;
    }
    const void *p = r->at;
    r->at += n;
    return p;
}
static uint32_t get_u32(reader *r)
{
    uint32_t v = 0;
    const void *p = take(r, sizeof v);
    if (p) memcpy(&v, p, sizeof v);
    return v;
}
static uint64_t get_u64(reader *r)
{
    uint64_t v = 0;
    const void *p = take(r, sizeof v);
    if (p) memcpy(&v, p, sizeof v);
    return v;
}

/* Returns 0, or -1 when the attachment is not a run's. */
static int attach_parse(const llo_checkpoint *c, run_attach *a)
{
    memset(a, 0, sizeof *a);
    reader r = {c->attach, c->attach + c->attach_len, 0};
    const void *m = take(&r, sizeof run_magic);
    if (!m || memcmp(m, run_magic, sizeof run_magic) != 0) return -1;
    a->replicate = (int)get_u32(&r);
    a->schedule.every = (int)get_u32(&r);
    uint32_t n_at = get_u32(&r);
    if (n_at > LLO_MAX_CHECKPOINTS) return -1;
    a->schedule.n_at = (int)n_at;
    for (uint32_t k = 0; k < n_at; k++) a->schedule.at[k] = (int)get_u32(&r);
    uint32_t path_len = get_u32(&r);
    const void *path = path_len < sizeof a->path ? take(&r, path_len) : NULL;
    if (!path) return -1;
    memcpy(a->path, path, path_len);
    for (int f = 0; f < LLO_RUN_OUTPUTS; f++) {
        uint64_t len = get_u64(&r), begin = get_u64(&r);
        a->out[f] = take(&r, (size_t)len);
        if (!a->out[f] || begin > len) return -1;
        a->len[f] = (size_t)len;
        a->rep_begin[f] = (size_t)begin;
    }
    return r.failed || r.at != r.end ? -1 : 0;
}

/* Reads and checks one checkpoint; the refusal goes to d. */
static uint8_t *open_checkpoint(const char *path, llo_checkpoint *c, size_t *len, llo_diag *d)
{
    char err[1024];
    uint8_t *data;
    if (llo_checkpoint_read_file(path, &data, len, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", err);
        return NULL;
    }
    if (llo_checkpoint_parse(data, *len, path, c, err, sizeof err) != LLO_CKPT_OK) {
        llo_diag_add(d, "%s", err);
        free(data);
        return NULL;
    }
    return data;
}

static int parse_name(const char *name, int *rep, int *month)
{
    int used = 0;
    if (sscanf(name, "replicate%d-month%d%n", rep, month, &used) != 2) return -1;
    return strcmp(name + used, LLO_CHECKPOINT_SUFFIX) == 0 ? 0 : -1;
}

/* The folder holding a run's checkpoints: DIR/checkpoints, or DIR itself. */
static void checkpoint_folder(const char *dir, char *out, size_t n)
{
    struct stat st;
    snprintf(out, n, "%s/%s", dir, LLO_CHECKPOINT_DIR);
    if (stat(out, &st) != 0 || !S_ISDIR(st.st_mode)) snprintf(out, n, "%s", dir);
}

/* The first line where two texts differ, for a scenario mismatch. */
static void first_difference(const char *a, size_t na, const char *b, size_t nb, char *out, size_t n)
{
    size_t k = 0, line = 1, start = 0;
    while (k < na && k < nb && a[k] == b[k]) {
        if (a[k] == '\n') line++, start = k + 1;
        k++;
    }
    size_t ea = start, eb = start;
    while (ea < na && a[ea] != '\n') ea++;
    while (eb < nb && b[eb] != '\n') eb++;
    snprintf(out, n, "line %zu: '%.*s' in the checkpoint, '%.*s' now", line, (int)(ea - start > 120 ? 120 : ea - start),
             a + start, (int)(eb - start > 120 ? 120 : eb - start), b + start);
}

static int open_resume(const llo_scenario *given, const llo_run_options *o, llo_run_source *src, llo_diag *d)
{
    char folder[4200];
    checkpoint_folder(o->resume, folder, sizeof folder);
    DIR *dir = opendir(folder);
    if (!dir) {
        llo_diag_add(d, "%s: cannot open the run folder to resume", o->resume);
        return -1;
    }
    int best_rep = 0, best_month = INT_MIN;
    char best[512] = "";
    for (struct dirent *e; (e = readdir(dir));) {
        int rep, month;
        if (parse_name(e->d_name, &rep, &month) != 0) continue;
        if (rep > best_rep || (rep == best_rep && month > best_month)) {
            best_rep = rep, best_month = month;
            snprintf(best, sizeof best, "%s", e->d_name);
        }
    }
    closedir(dir);
    if (!*best) {
        llo_diag_add(d, "%s: no checkpoint to resume from (a run writes them with --checkpoint-at or --checkpoint-every)",
                     folder);
        return -1;
    }
    src->resume = 1;
    src->first = src->last = best_rep;
    src->month = best_month;
    src->path = calloc((size_t)best_rep + 1, sizeof *src->path);
    src->scenario = calloc(1, sizeof *src->scenario);
    if (!src->path || !src->scenario || !(src->path[best_rep] = malloc(strlen(folder) + strlen(best) + 2))) {
        llo_diag_add(d, "out of memory");
        return -1;
    }
    sprintf(src->path[best_rep], "%s/%s", folder, best);
    snprintf(src->label, sizeof src->label, "%s", src->path[best_rep]);
    llo_checkpoint c;
    size_t len;
    uint8_t *data = open_checkpoint(src->path[best_rep], &c, &len, d);
    if (!data) return -1;
    run_attach a;
    int rc = 0;
    if (attach_parse(&c, &a) != 0 || a.replicate != best_rep || c.month != best_month) {
        llo_diag_add(d, "%s: corrupted checkpoint: it does not carry the run's replicate %d at month %d", src->path[best_rep],
                     best_rep, best_month);
        rc = -1;
    } else {
        llo_checkpoint_params(&c, &src->scenario->params, NULL);
        snprintf(src->scenario->path, sizeof src->scenario->path, "%s", a.path);
        src->schedule = a.schedule;
        if (given) {
            char *text;
            size_t text_len;
            if (llo_checkpoint_scenario_text(&given->params, &text, &text_len) != 0) {
                llo_diag_add(d, "out of memory");
                rc = -1;
            } else {
                if (text_len != c.scenario_len || memcmp(text, c.scenario, text_len) != 0) {
                    char where[400];
                    first_difference(c.scenario, c.scenario_len, text, text_len, where, sizeof where);
                    llo_diag_add(d, "%s: scenario mismatch: the checkpoint was written for another scenario than %s (%s); "
                                 "resume without a scenario to continue the checkpoint's, or fork with --from",
                                 src->path[best_rep], given->path, where);
                    rc = -1;
                }
                free(text);
            }
        }
    }
    free(data);
    return rc;
}

/* Checks one checkpoint a fork will start from; returns its replicate and month. */
static int check_fork(const char *path, const llo_params *alt, int *rep, int *month, llo_diag *d)
{
    llo_checkpoint c;
    size_t len;
    uint8_t *data = open_checkpoint(path, &c, &len, d);
    if (!data) return -1;
    int rc = 0;
    run_attach a;
    *rep = attach_parse(&c, &a) == 0 ? a.replicate : 1; /* a library save carries no run: replicate 1 */
    *month = c.month;
    llo_params *in_force = malloc(sizeof *in_force), *next = malloc(sizeof *next);
    char err[1024];
    if (!in_force || !next) {
        llo_diag_add(d, "out of memory");
        rc = -1;
    } else {
        llo_checkpoint_params(&c, next, in_force);
        if (llo_fork_params(in_force, c.month, alt, next, err, sizeof err) != 0) {
            llo_diag_add(d, "%s: scenario mismatch: cannot fork to %s: %s", path, alt->name, err);
            rc = -1;
        }
    }
    free(in_force);
    free(next);
    free(data);
    return rc;
}

static int open_fork(const llo_scenario *given, const llo_run_options *o, llo_run_source *src, llo_diag *d)
{
    const llo_params *alt = &given->params;
    struct stat st;
    if (stat(o->from, &st) != 0) {
        llo_diag_add(d, "--from %s: no such checkpoint or run folder", o->from);
        return -1;
    }
    snprintf(src->label, sizeof src->label, "%s", o->from);
    if (!S_ISDIR(st.st_mode)) {
        int rep, month;
        if (check_fork(o->from, alt, &rep, &month, d) != 0) return -1;
        src->first = src->last = rep;
        src->month = month;
        if (!(src->path = calloc((size_t)rep + 1, sizeof *src->path)) || !(src->path[rep] = strdup(o->from))) {
            llo_diag_add(d, "out of memory");
            return -1;
        }
        return 0;
    }
    /* A run folder: every replicate of the scenario forks from its checkpoint at one month, the
     * one asked for or the latest they all have. */
    char folder[4200];
    checkpoint_folder(o->from, folder, sizeof folder);
    int reps = alt->replicates, month = o->from_month_given ? o->from_month : INT_MAX;
    if (!o->from_month_given) {
        int *latest = calloc((size_t)reps + 1, sizeof *latest);
        DIR *dir = opendir(folder);
        if (!latest || !dir) {
            llo_diag_add(d, "%s: cannot read the checkpoints", folder);
            free(latest);
            if (dir) closedir(dir);
            return -1;
        }
        for (int r = 1; r <= reps; r++) latest[r] = INT_MIN;
        for (struct dirent *e; (e = readdir(dir));) {
            int rep, m;
            if (parse_name(e->d_name, &rep, &m) == 0 && rep >= 1 && rep <= reps && m > latest[rep]) latest[rep] = m;
        }
        closedir(dir);
        for (int r = 1; r <= reps; r++) month = latest[r] < month ? latest[r] : month;
        free(latest);
        if (month == INT_MIN) {
            llo_diag_add(d, "%s: no month with a checkpoint of every one of the %d replicates of %s", folder, reps, alt->name);
            return -1;
        }
    }
    src->first = 1;
    src->last = reps;
    src->month = month;
    if (!(src->path = calloc((size_t)reps + 1, sizeof *src->path))) {
        llo_diag_add(d, "out of memory");
        return -1;
    }
    for (int r = 1; r <= reps; r++) {
        char path[4800];
        snprintf(path, sizeof path, "%s/replicate%d-month%d%s", folder, r, month, LLO_CHECKPOINT_SUFFIX);
        if (stat(path, &st) != 0) {
            llo_diag_add(d, "%s: no checkpoint of replicate %d at month %d (%s runs %d replicates)", folder, r, month,
                         alt->name, reps);
            return -1;
        }
        int rep, m;
        if (check_fork(path, alt, &rep, &m, d) != 0) return -1;
        if (rep != r || m != month) {
            llo_diag_add(d, "%s: corrupted checkpoint: it holds replicate %d at month %d", path, rep, m);
            return -1;
        }
        if (!(src->path[r] = strdup(path))) {
            llo_diag_add(d, "out of memory");
            return -1;
        }
    }
    return 0;
}

int llo_run_source_open(const llo_scenario *given, const llo_run_options *o, llo_run_source **out, llo_diag *d)
{
    llo_run_source *src = calloc(1, sizeof *src);
    *out = NULL;
    if (!src) {
        llo_diag_add(d, "out of memory");
        return -1;
    }
    int rc;
    if (o->resume && o->from) {
        llo_diag_add(d, "--resume and --from: give one (resume continues a run, --from forks a checkpoint)");
        rc = -1;
    } else if (o->from && !given) {
        llo_diag_add(d, "--from: give the scenario to continue the checkpoint under");
        rc = -1;
    } else rc = o->resume ? open_resume(given, o, src, d) : open_fork(given, o, src, d);
    if (rc != 0) {
        llo_run_source_free(src);
        return -1;
    }
    *out = src;
    return 0;
}

void llo_run_source_free(llo_run_source *src)
{
    if (!src) return;
    if (src->path)
        for (int r = 0; r <= src->last; r++) free(src->path[r]);
    free(src->path);
    free(src->scenario);
    free(src);
}

const llo_scenario *llo_run_source_scenario(const llo_run_source *src) { return src->scenario; }

void llo_run_source_replicates(const llo_run_source *src, int replicates, int *first, int *last)
{
    *first = 1;
    *last = replicates;
    if (!src) return;
    *first = src->first;
    if (!src->resume) *last = src->last;
}

void llo_run_schedule(const llo_run_options *o, const llo_run_source *src, llo_ckpt_schedule *sc)
{
    memset(sc, 0, sizeof *sc);
    if (src && src->resume && o->n_checkpoint_at == 0 && o->checkpoint_every == 0) {
        *sc = src->schedule;
        return;
    }
    sc->every = o->checkpoint_every;
    sc->n_at = o->n_checkpoint_at < LLO_MAX_CHECKPOINTS ? o->n_checkpoint_at : LLO_MAX_CHECKPOINTS;
    memcpy(sc->at, o->checkpoint_at, (size_t)sc->n_at * sizeof *sc->at);
}

int llo_run_checkpoint_due(const llo_ckpt_schedule *sc, int month, int months)
{
    if (month >= months) return 0;
    if (sc->every > 0 && month > 0 && month % sc->every == 0) return 1;
    for (int k = 0; k < sc->n_at; k++)
        if (sc->at[k] == month) return 1;
    return 0;
}

int llo_run_source_start(llo_run_source *src, int rep, const llo_params *p, llo_world **w, llo_buf *const out[LLO_RUN_OUTPUTS],
                         size_t rep_begin[LLO_RUN_OUTPUTS], char *err, size_t errlen)
{
    if (!src || rep < src->first || rep > src->last || !src->path[rep]) return 0;
    const char *path = src->path[rep];
    uint8_t *data;
    size_t len;
    if (llo_checkpoint_read_file(path, &data, &len, err, errlen) != 0) return -1;
    llo_checkpoint c;
    run_attach a;
    int rc = llo_checkpoint_parse(data, len, path, &c, err, errlen) == LLO_CKPT_OK ? 1 : -1;
    int has_run = rc == 1 && attach_parse(&c, &a) == 0;
    if (rc == 1 && !*w) {
        llo_params *scenario = malloc(sizeof *scenario);
        if (!scenario) rc = -1;
        else {
            llo_checkpoint_params(&c, scenario, NULL);
            *w = llo_world_alloc(scenario, rep, err, errlen);
            free(scenario);
            if (!*w) rc = -1;
        }
    }
    if (rc == 1 && llo_checkpoint_restore(*w, &c, path, err, errlen) != 0) rc = -1;
    if (rc == 1 && !src->resume && llo_world_fork(*w, p, err, errlen) != 0) rc = -1;
    for (int f = 0; rc == 1 && f < LLO_RUN_OUTPUTS; f++) {
        if (src->resume) {
            out[f]->len = 0; /* the checkpoint's rows replace the header: they begin with it */
            llo_buf_append(out[f], a.out[f], a.len[f]);
            rep_begin[f] = a.rep_begin[f];
        } else {
            rep_begin[f] = out[f]->len;
            if (has_run) llo_buf_append(out[f], a.out[f] + a.rep_begin[f], a.len[f] - a.rep_begin[f]);
        }
    }
    free(data);
    return rc;
}

int llo_run_checkpoint_write(const char *dir, const llo_world *w, const llo_scenario *s, int rep, const llo_ckpt_schedule *sc,
                             llo_buf *const out[LLO_RUN_OUTPUTS], const size_t rep_begin[LLO_RUN_OUTPUTS], char *err,
                             size_t errlen)
{
    llo_buf a;
    llo_buf_init(&a);
    llo_buf_append(&a, run_magic, sizeof run_magic);
    put_u32(&a, (uint32_t)rep);
    put_u32(&a, (uint32_t)sc->every);
    put_u32(&a, (uint32_t)sc->n_at);
    for (int k = 0; k < sc->n_at; k++) put_u32(&a, (uint32_t)sc->at[k]);
    put_u32(&a, (uint32_t)strlen(s->path));
    llo_buf_append(&a, s->path, strlen(s->path));
    for (int f = 0; f < LLO_RUN_OUTPUTS; f++) {
        put_u64(&a, out[f]->len);
        put_u64(&a, rep_begin[f]);
        llo_buf_append(&a, out[f]->data, out[f]->len);
    }
    char *text = NULL, folder[4200], name[128];
    size_t text_len = 0;
    uint8_t *buf = NULL;
    int rc = -1;
    snprintf(folder, sizeof folder, "%s/%s", dir, LLO_CHECKPOINT_DIR);
    snprintf(name, sizeof name, "replicate%d-month%d%s", rep, w->month, LLO_CHECKPOINT_SUFFIX);
    if (a.failed || llo_checkpoint_scenario_text(&w->scenario, &text, &text_len) != 0) {
        snprintf(err, errlen, "%s/%s: out of memory", folder, name);
    } else {
        size_t n = llo_checkpoint_size(w, text_len, a.len);
        if (!(buf = malloc(n))) snprintf(err, errlen, "%s/%s: out of memory for %zu bytes", folder, name, n);
        else {
            llo_checkpoint_encode(w, text, text_len, a.data, a.len, buf);
            if (llo_mkdir_p(folder, err, errlen) == 0) rc = llo_write_atomic(folder, name, buf, n, err, errlen);
        }
    }
    free(buf);
    free(text);
    llo_buf_free(&a);
    return rc;
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int llo_run_clear_checkpoints(const char *dir, char *err, size_t errlen)
{
    char folder[4200];
    snprintf(folder, sizeof folder, "%s/%s", dir, LLO_CHECKPOINT_DIR);
    DIR *dp = opendir(folder);
    if (!dp) return 0;
    int rc = 0, manifest_gone = 0;
    for (struct dirent *e; rc == 0 && (e = readdir(dp));) {
        int rep, month;
        if (parse_name(e->d_name, &rep, &month) != 0) continue;
        if (!manifest_gone && (rc = llo_remove_file(dir, "manifest.json", err, errlen)) != 0) break;
        manifest_gone = 1;
        rc = llo_remove_file(folder, e->d_name, err, errlen);
    }
    closedir(dp);
    return rc;
}

void llo_run_manifest_checkpoints(llo_buf *m, const char *dir, const llo_run_source *src)
{
    char folder[4200];
    snprintf(folder, sizeof folder, "%s/%s", dir, LLO_CHECKPOINT_DIR);
    DIR *dp = opendir(folder);
    char *names[4096];
    int n = 0;
    for (struct dirent *e; dp && n < 4096 && (e = readdir(dp));) {
        int rep, month;
        if (parse_name(e->d_name, &rep, &month) == 0 && (names[n] = strdup(e->d_name))) n++;
    }
    if (dp) closedir(dp);
    qsort(names, (size_t)n, sizeof *names, by_name);
    if (n) llo_buf_printf(m, ",\n  \"checkpoints\": {");
    for (int k = 0; k < n; k++) {
        char path[4500], hex[65], err[256];
        struct stat st = {0};
        snprintf(path, sizeof path, "%s/%s", folder, names[k]);
        if (llo_sha256_file(path, hex, err, sizeof err) != 0 || stat(path, &st) != 0) snprintf(hex, sizeof hex, "unreadable");
        llo_buf_printf(m, "%s\n    \"%s/%s\": {\"sha256\": \"%s\", \"bytes\": %lld}", k ? "," : "", LLO_CHECKPOINT_DIR,
                       names[k], hex, (long long)st.st_size);
        free(names[k]);
    }
    if (n) llo_buf_printf(m, "\n  }");
    if (src) {
        llo_buf_printf(m, ",\n  \"%s\": ", src->resume ? "resumed_from" : "forked_from");
        llo_buf_json_string(m, src->label);
        llo_buf_printf(m, ",\n  \"from_month\": %d", src->month);
    }
}

llo_world *llo_fork_start(const char *from, int month_given, int month, int rep, const llo_params *p,
                          llo_buf *const out[LLO_RUN_OUTPUTS], llo_diag *d)
{
    struct stat st;
    char path[4800], err[1024];
    if (stat(from, &st) != 0) {
        llo_diag_add(d, "from %s: no such checkpoint or run folder", from);
        return NULL;
    }
    if (S_ISDIR(st.st_mode)) {
        char folder[4200];
        checkpoint_folder(from, folder, sizeof folder);
        if (!month_given) { /* the replicate's latest */
            DIR *dir = opendir(folder);
            month = INT_MIN;
            for (struct dirent *e; dir && (e = readdir(dir));) {
                int r, m;
                if (parse_name(e->d_name, &r, &m) == 0 && r == rep && m > month) month = m;
            }
            if (dir) closedir(dir);
        }
        snprintf(path, sizeof path, "%s/replicate%d-month%d%s", folder, rep, month, LLO_CHECKPOINT_SUFFIX);
        if (month == INT_MIN || stat(path, &st) != 0) {
            llo_diag_add(d, "%s: no checkpoint of replicate %d%s", folder, rep, month_given ? " at that month" : "");
            return NULL;
        }
    } else snprintf(path, sizeof path, "%s", from);
    int r, m;
    if (check_fork(path, p, &r, &m, d) != 0) return NULL;
    if (r != rep) {
        llo_diag_add(d, "%s holds replicate %d, not %d: name the run folder to fork every replicate from its own", path, r, rep);
        return NULL;
    }
    char *paths[1] = {path};
    llo_run_source src = {.resume = 0, .first = rep, .last = rep, .month = m};
    char **by_rep = calloc((size_t)rep + 1, sizeof *by_rep);
    if (!by_rep) {
        llo_diag_add(d, "out of memory");
        return NULL;
    }
    by_rep[rep] = paths[0];
    src.path = by_rep;
    llo_world *w = NULL;
    size_t rep_begin[LLO_RUN_OUTPUTS];
    if (llo_run_source_start(&src, rep, p, &w, out, rep_begin, err, sizeof err) != 1) {
        llo_diag_add(d, "%s", err);
        llo_world_free(w);
        w = NULL;
    }
    free(by_rep);
    return w;
}
