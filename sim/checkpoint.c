/* Checkpoints of a world: encoding, checking and restoring (format in checkpoint.h and
 * docs/checkpoints.md), the public save/load and snapshot/restore pairs, and forking a world
 * onto another scenario. The body is generated from the field lists of world.h, so it cannot
 * forget a field the world allocates. */
#include "sim/checkpoint.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/settings.h"
#include "config/timeline.h"
#include "sim/durable.h"
#include "sim/llosim.h"
#include "sim/sha256.h"
#include "sim/version.h"

static const char magic[8] = {'L', 'L', 'O', 'S', 'I', 'M', 'C', 'K'};

/* Header offsets. */
enum {
    H_MAGIC = 0, H_FORMAT = 8, H_HEADER = 12, H_VERSION = 16, H_LAYOUT = 48, H_SCENARIO = 56, H_BODY = 64,
    H_ATTACH = 72, H_MONTH = 80, H_WORKERS = 88
};
#define VERSION_BYTES 32
#define SHA_BYTES 32

static void put64(uint8_t *at, uint64_t v) { memcpy(at, &v, sizeof v); }
static uint64_t get64(const uint8_t *at)
{
    uint64_t v;
    memcpy(&v, at, sizeof v);
    return v;
}
static void put32(uint8_t *at, uint32_t v) { memcpy(at, &v, sizeof v); }
static uint32_t get32(const uint8_t *at)
{
    uint32_t v;
    memcpy(&v, at, sizeof v);
    return v;
}

/* FNV-1a, 64 bits: enough to tell layouts apart, not a defence against forgery. */
static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const uint8_t *b = data;
    for (size_t k = 0; k < n; k++) h = (h ^ b[k]) * 1099511628211ull;
    return h;
}
static uint64_t fnv_str(uint64_t h, const char *s) { return fnv(h, s, strlen(s) + 1); }
static uint64_t fnv_num(uint64_t h, uint64_t v) { return fnv(h, &v, sizeof v); }

uint64_t llo_checkpoint_layout_hash(void)
{
    uint64_t h = 14695981039346656037ull;
    const uint32_t order = 0x01020304;
    h = fnv(h, &order, sizeof order);
    h = fnv_num(h, LLO_CHECKPOINT_FORMAT);
    h = fnv_num(h, sizeof(size_t));
    h = fnv_num(h, sizeof(llo_params));
    h = fnv_num(h, sizeof(llo_event));
    const llo_world *w = NULL;
    (void)w;
#define HASH_SCALAR(m) h = fnv_num(fnv_str(h, #m), sizeof w->m);
    LLO_WORLD_SCALARS(HASH_SCALAR)
#define HASH_FIELD(type, name, per) h = fnv_num(fnv_str(fnv_str(fnv_str(h, #name), #type), #per), sizeof(type));
    h = fnv_str(h, "workers");
    LLO_WORKER_FIELDS(HASH_FIELD)
    h = fnv_str(h, "employers");
    LLO_EMPLOYER_FIELDS(HASH_FIELD)
    h = fnv_str(h, "providers");
    LLO_PROVIDER_FIELDS(HASH_FIELD)
    h = fnv_str(h, "orchestrators");
    LLO_ORCHESTRATOR_FIELDS(HASH_FIELD)
    h = fnv_str(h, "choice");
    LLO_CHOICE_FIELDS(HASH_FIELD)
    size_t n;
    const llo_setting *s = llo_settings(&n);
    for (size_t k = 0; k < n; k++) {
        h = fnv_str(h, s[k].path);
        h = fnv_num(fnv_num(fnv_num(h, (uint64_t)s[k].type), s[k].offset), (uint64_t)s[k].cap);
    }
    return h;
}

/* The agent counts a body begins with; a body restores only into a world of the same. */
enum { C_WORKERS, C_EMPLOYERS, C_PROVIDERS, C_ORCHESTRATORS, C_REGIONS, C_SECTORS, N_COUNTS };

static void counts_of(const llo_world *w, uint64_t c[N_COUNTS])
{
    c[C_WORKERS] = w->w.capacity;
    c[C_EMPLOYERS] = w->e.count;
    c[C_PROVIDERS] = w->pr.count;
    c[C_ORCHESTRATORS] = w->orch.count;
    c[C_REGIONS] = (uint64_t)w->p.n_regions;
    c[C_SECTORS] = (uint64_t)w->p.n_sectors;
}

/* Visits every piece of the body in order: (address in the world, bytes). The same walk sizes,
 * writes and reads it. */
typedef void (*piece_fn)(void *ctx, void *at, size_t bytes);

static void walk_body(llo_world *w, piece_fn f, void *ctx)
{
    const size_t n = w->w.capacity, ne = w->e.count, np = w->pr.count, no = w->orch.count;
    const size_t n_regions = (size_t)w->p.n_regions, n_sectors = (size_t)w->p.n_sectors, n_providers = np;
    const size_t cells = n_regions * LLO_N_EDU * n_sectors;
    (void)n_providers;
#define WALK_SCALAR(m) f(ctx, &w->m, sizeof w->m);
    LLO_WORLD_SCALARS(WALK_SCALAR)
    /* Set at the start from the population; kept so a restored world needs nothing recomputed. */
    f(ctx, w->region_entry_share, n_regions * sizeof *w->region_entry_share);
    f(ctx, w->region_employer_begin, (n_regions + 1) * sizeof *w->region_employer_begin);
    f(ctx, w->orch.region_begin, (n_regions + 1) * sizeof *w->orch.region_begin);
#define WALK_WORKER(type, name, per) f(ctx, w->w.name, n * (size_t)(per) * sizeof(type));
#define WALK_EMPLOYER(type, name, per) f(ctx, w->e.name, ne * (size_t)(per) * sizeof(type));
#define WALK_PROVIDER(type, name, per) f(ctx, w->pr.name, np * (size_t)(per) * sizeof(type));
#define WALK_ORCHESTRATOR(type, name, per) f(ctx, w->orch.name, no * (size_t)(per) * sizeof(type));
#define WALK_CHOICE(type, name, per) f(ctx, w->choice.name, cells * (size_t)(per) * sizeof(type));
    LLO_WORKER_FIELDS(WALK_WORKER)
    LLO_EMPLOYER_FIELDS(WALK_EMPLOYER)
    LLO_PROVIDER_FIELDS(WALK_PROVIDER)
    LLO_ORCHESTRATOR_FIELDS(WALK_ORCHESTRATOR)
    LLO_CHOICE_FIELDS(WALK_CHOICE)
}

static void piece_size(void *ctx, void *at, size_t bytes)
{
    (void)at;
    *(size_t *)ctx += bytes;
}

typedef struct cursor {
    uint8_t *at;
} cursor;

static void piece_write(void *ctx, void *at, size_t bytes)
{
    cursor *c = ctx;
    memcpy(c->at, at, bytes);
    c->at += bytes;
}

static void piece_read(void *ctx, void *at, size_t bytes)
{
    cursor *c = ctx;
    memcpy(at, c->at, bytes);
    c->at += bytes;
}

static size_t body_size(const llo_world *w)
{
    size_t bytes = N_COUNTS * sizeof(uint64_t);
    walk_body((llo_world *)w, piece_size, &bytes); /* the size walk only reads */
    return bytes;
}

size_t llo_checkpoint_size(const llo_world *w, size_t scenario_len, size_t attach_len)
{
    return LLO_CHECKPOINT_HEADER + scenario_len + body_size(w) + attach_len + SHA_BYTES;
}

void llo_checkpoint_encode(const llo_world *w, const char *scenario, size_t scenario_len, const void *attach,
                           size_t attach_len, void *buf)
{
    uint8_t *b = buf;
    size_t body = body_size(w);
    memset(b, 0, LLO_CHECKPOINT_HEADER);
    memcpy(b + H_MAGIC, magic, sizeof magic);
    put32(b + H_FORMAT, LLO_CHECKPOINT_FORMAT);
    put32(b + H_HEADER, LLO_CHECKPOINT_HEADER);
    strncpy((char *)b + H_VERSION, LLOSIM_VERSION, VERSION_BYTES - 1);
    put64(b + H_LAYOUT, llo_checkpoint_layout_hash());
    put64(b + H_SCENARIO, scenario_len);
    put64(b + H_BODY, body);
    put64(b + H_ATTACH, attach_len);
    put64(b + H_MONTH, (uint64_t)(int64_t)w->month);
    put64(b + H_WORKERS, w->w.capacity);
    uint8_t *at = b + LLO_CHECKPOINT_HEADER;
    if (scenario_len) memcpy(at, scenario, scenario_len);
    at += scenario_len;
    uint64_t counts[N_COUNTS];
    counts_of(w, counts);
    memcpy(at, counts, sizeof counts);
    cursor c = {at + sizeof counts};
    walk_body((llo_world *)w, piece_write, &c); /* the write walk only reads the world */
    at += body;
    if (attach_len) memcpy(at, attach, attach_len);
    at += attach_len;
    llo_sha256 h;
    llo_sha256_init(&h);
    llo_sha256_update(&h, b, (size_t)(at - b));
    llo_sha256_final(&h, at);
}

int llo_checkpoint_parse(const void *data, size_t len, const char *what, llo_checkpoint *c, char *err, size_t errlen)
{
    const uint8_t *b = data;
    if (len < sizeof magic || memcmp(b, magic, sizeof magic) != 0) {
        snprintf(err, errlen, "%s: not a llosim checkpoint (no LLOSIMCK header)", what);
        return LLO_CKPT_NOT_CHECKPOINT;
    }
    if (len < LLO_CHECKPOINT_HEADER) {
        snprintf(err, errlen, "%s: truncated checkpoint: %zu bytes, less than its %d-byte header", what, len,
                 LLO_CHECKPOINT_HEADER);
        return LLO_CKPT_TRUNCATED;
    }
    char version[VERSION_BYTES];
    memcpy(version, b + H_VERSION, VERSION_BYTES);
    version[VERSION_BYTES - 1] = 0;
    if (get32(b + H_FORMAT) != LLO_CHECKPOINT_FORMAT || get32(b + H_HEADER) != LLO_CHECKPOINT_HEADER) {
        snprintf(err, errlen, "%s: checkpoint of another version: format %u (llosim %s); this llosim %s reads format %d",
                 what, get32(b + H_FORMAT), version, LLOSIM_VERSION, LLO_CHECKPOINT_FORMAT);
        return LLO_CKPT_OTHER_VERSION;
    }
    if (strcmp(version, LLOSIM_VERSION) != 0 || get64(b + H_LAYOUT) != llo_checkpoint_layout_hash()) {
        snprintf(err, errlen, "%s: checkpoint of another version: written by llosim %s with state layout %016llx; "
                 "this is llosim %s with layout %016llx", what, version, (unsigned long long)get64(b + H_LAYOUT),
                 LLOSIM_VERSION, (unsigned long long)llo_checkpoint_layout_hash());
        return LLO_CKPT_OTHER_VERSION;
    }
    uint64_t s = get64(b + H_SCENARIO), body = get64(b + H_BODY), attach = get64(b + H_ATTACH);
    uint64_t room = len - LLO_CHECKPOINT_HEADER;
    if (s > room || body > room - s || attach > room - s - body || SHA_BYTES > room - s - body - attach) {
        snprintf(err, errlen, "%s: truncated checkpoint: %zu bytes, its header announces %llu", what, len,
                 (unsigned long long)(LLO_CHECKPOINT_HEADER + s + body + attach + SHA_BYTES));
        return LLO_CKPT_TRUNCATED;
    }
    size_t end = LLO_CHECKPOINT_HEADER + (size_t)(s + body + attach);
    if (len != end + SHA_BYTES) {
        snprintf(err, errlen, "%s: corrupted checkpoint: %zu bytes, its header announces %zu", what, len, end + SHA_BYTES);
        return LLO_CKPT_CORRUPTED;
    }
    uint8_t digest[SHA_BYTES];
    llo_sha256 h;
    llo_sha256_init(&h);
    llo_sha256_update(&h, b, end);
    llo_sha256_final(&h, digest);
    if (memcmp(digest, b + end, SHA_BYTES) != 0) {
        snprintf(err, errlen, "%s: corrupted checkpoint: its SHA-256 does not match its contents", what);
        return LLO_CKPT_CORRUPTED;
    }
    if (body < N_COUNTS * sizeof(uint64_t) + 2 * sizeof(llo_params)) {
        snprintf(err, errlen, "%s: corrupted checkpoint: a body of %llu bytes cannot hold a world", what,
                 (unsigned long long)body);
        return LLO_CKPT_CORRUPTED;
    }
    c->scenario = (const char *)b + LLO_CHECKPOINT_HEADER;
    c->scenario_len = (size_t)s;
    c->body = b + LLO_CHECKPOINT_HEADER + s;
    c->body_len = (size_t)body;
    c->attach = c->body + body;
    c->attach_len = (size_t)attach;
    c->month = (int)(int64_t)get64(b + H_MONTH);
    c->workers = get64(b + H_WORKERS);
    return LLO_CKPT_OK;
}

/* The scalars come first in the body, p then scenario (LLO_WORLD_SCALARS). */
_Static_assert(offsetof(llo_world, p) < offsetof(llo_world, scenario), "p is the first scalar, scenario the second");

void llo_checkpoint_params(const llo_checkpoint *c, llo_params *scenario, llo_params *in_force)
{
    const uint8_t *at = c->body + N_COUNTS * sizeof(uint64_t);
    if (in_force) memcpy(in_force, at, sizeof *in_force);
    memcpy(scenario, at + sizeof(llo_params), sizeof *scenario);
}

int llo_checkpoint_restore(llo_world *w, const llo_checkpoint *c, const char *what, char *err, size_t errlen)
{
    uint64_t have[N_COUNTS], want[N_COUNTS];
    counts_of(w, have);
    memcpy(want, c->body, sizeof want);
    static const char *const names[N_COUNTS] = {"worker slots", "employers", "providers", "orchestrators", "regions", "sectors"};
    for (int k = 0; k < N_COUNTS; k++)
        if (have[k] != want[k]) {
            snprintf(err, errlen, "%s: the checkpoint's world has %llu %s, this world %llu: not the same scenario", what,
                     (unsigned long long)want[k], names[k], (unsigned long long)have[k]);
            return LLO_CKPT_MISMATCH;
        }
    if (c->body_len != body_size(w)) {
        snprintf(err, errlen, "%s: the checkpoint's body has %zu bytes, this world's state %zu", what, c->body_len,
                 body_size(w));
        return LLO_CKPT_MISMATCH;
    }
    cursor cur = {(uint8_t *)c->body + sizeof want}; /* the read walk only reads the body */
    walk_body(w, piece_read, &cur);
    return 0;
}

int llo_checkpoint_read_file(const char *path, uint8_t **data, size_t *len, char *err, size_t errlen)
{
    *data = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    size_t cap = 1 << 16, used = 0;
    uint8_t *buf = malloc(cap);
    while (buf) {
        used += fread(buf + used, 1, cap - used, f);
        if (used < cap) break;
        uint8_t *more = realloc(buf, cap * 2);
        if (!more) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = more;
        cap *= 2;
    }
    int failed = !buf || ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        snprintf(err, errlen, "%s: cannot read%s", path, buf ? "" : ": out of memory");
        return -1;
    }
    *data = buf;
    *len = used;
    return 0;
}

int llo_checkpoint_scenario_text(const llo_params *p, char **text, size_t *len)
{
    *text = NULL;
    *len = 0;
    FILE *mem = open_memstream(text, len);
    if (!mem) return -1;
    int rc = llo_params_write(p, mem);
    if (fclose(mem) != 0) rc = -1;
    if (rc != 0) {
        free(*text);
        *text = NULL;
    }
    return rc;
}

/* The public pairs (llosim.h). */

size_t llo_world_snapshot_size(const llo_world *w) { return llo_checkpoint_size(w, 0, 0); }

int llo_world_snapshot(const llo_world *w, void *buf, size_t len, char *err, size_t errlen)
{
    size_t need = llo_world_snapshot_size(w);
    if (len < need) {
        snprintf(err, errlen, "a snapshot of this world needs %zu bytes, the buffer has %zu", need, len);
        return -1;
    }
    llo_checkpoint_encode(w, NULL, 0, NULL, 0, buf);
    return 0;
}

int llo_world_restore(llo_world *w, const void *buf, size_t len, char *err, size_t errlen)
{
    llo_checkpoint c;
    int rc = llo_checkpoint_parse(buf, len, "snapshot", &c, err, errlen);
    if (rc == LLO_CKPT_OK) rc = llo_checkpoint_restore(w, &c, "snapshot", err, errlen);
    return rc == LLO_CKPT_OK ? 0 : -1;
}

int llo_world_save(const llo_world *w, const char *dir, const char *name, char *err, size_t errlen)
{
    char *text;
    size_t text_len;
    if (llo_checkpoint_scenario_text(&w->scenario, &text, &text_len) != 0) {
        snprintf(err, errlen, "%s/%s: cannot format the scenario", dir, name);
        return -1;
    }
    size_t n = llo_checkpoint_size(w, text_len, 0);
    uint8_t *buf = malloc(n);
    int rc = -1;
    if (!buf) snprintf(err, errlen, "%s/%s: out of memory for a checkpoint of %zu bytes", dir, name, n);
    else {
        llo_checkpoint_encode(w, text, text_len, NULL, 0, buf);
        rc = llo_write_atomic(dir, name, buf, n, err, errlen);
    }
    free(buf);
    free(text);
    return rc;
}

llo_world *llo_world_load(const char *path, char *err, size_t errlen)
{
    uint8_t *data;
    size_t len;
    if (llo_checkpoint_read_file(path, &data, &len, err, errlen) != 0) return NULL;
    llo_checkpoint c;
    llo_world *w = NULL;
    if (llo_checkpoint_parse(data, len, path, &c, err, errlen) == LLO_CKPT_OK) {
        llo_params *scenario = malloc(sizeof *scenario);
        if (!scenario) snprintf(err, errlen, "%s: out of memory", path);
        else {
            llo_checkpoint_params(&c, scenario, NULL);
            w = llo_world_alloc(scenario, 1, err, errlen);
            if (w && llo_checkpoint_restore(w, &c, path, err, errlen) != 0) {
                llo_world_free(w);
                w = NULL;
            }
        }
        free(scenario);
    }
    free(data);
    return w;
}

/* Forking. */

static size_t element_bytes(llo_type t)
{
    switch (t) {
    case LLO_T_INT: return sizeof(int);
    case LLO_T_INT64:
    case LLO_T_INT64_LIST: return sizeof(int64_t);
    case LLO_T_STRING:
    case LLO_T_STRING_LIST: return LLO_NAME_MAX;
    default: return sizeof(double);
    }
}

static int elements(const llo_setting *s, const llo_params *p)
{
    int n = s->len_rule == LLO_LEN_SCALAR ? 1
            : s->len_rule == LLO_LEN_NAMES ? *(const int *)((const char *)p + s->count_offset)
                                           : llo_setting_required_len(s, p);
    return n <= 0 || n > s->cap ? s->cap : n;
}

static int setting_differs(const llo_setting *s, const llo_params *a, const llo_params *b)
{
    int n = elements(s, a);
    if (n != elements(s, b)) return 1;
    const char *x = (const char *)a + s->offset, *y = (const char *)b + s->offset;
    if (s->type == LLO_T_STRING || s->type == LLO_T_STRING_LIST) {
        for (int k = 0; k < n; k++)
            if (strncmp(x + k * LLO_NAME_MAX, y + k * LLO_NAME_MAX, LLO_NAME_MAX) != 0) return 1;
        return 0;
    }
    return memcmp(x, y, element_bytes(s->type) * (size_t)n) != 0;
}

static void setting_text(const llo_setting *s, const llo_params *p, char *buf, size_t n)
{
    FILE *f = fmemopen(buf, n, "w");
    if (!f) {
        snprintf(buf, n, "?");
        return;
    }
    llo_setting_write_value(f, s, p);
    fclose(f);
    buf[n - 1] = 0;
    if (strlen(buf) >= n - 1 && n > 4) strcpy(buf + n - 4, "...");
}

/* Settings that may differ in a fork without changing the history: the name of the outputs,
 * how many replicates and months are run. */
static int fork_exempt(const char *path)
{
    return !strcmp(path, "name") || !strcmp(path, "run.replicates") || !strcmp(path, "run.months");
}

int llo_fork_params(const llo_params *in_force, int month, const llo_params *alt, llo_params *next, char *err,
                    size_t errlen)
{
    *next = *alt;
    llo_timeline_apply_params(next, month);
    size_t n;
    const llo_setting *row = llo_settings(&n);
    for (size_t k = 0; k < n; k++) {
        if (fork_exempt(row[k].path) || llo_setting_is_live(&row[k]) || !setting_differs(&row[k], in_force, next)) continue;
        char was[96], now[96];
        setting_text(&row[k], in_force, was, sizeof was);
        setting_text(&row[k], next, now, sizeof now);
        snprintf(err, errlen, "%s cannot change mid-run (its timeline column in docs/parameters.md says no): "
                 "%s in the checkpoint's scenario, %s in %s", row[k].path, was, now, alt->name);
        return -1;
    }
    if (alt->months <= month) {
        snprintf(err, errlen, "run.months: %s runs %d months, but the checkpoint starts month %d", alt->name, alt->months,
                 month);
        return -1;
    }
    return 0;
}

int llo_world_fork(llo_world *w, const llo_params *alt, char *err, size_t errlen)
{
    llo_params *next = malloc(sizeof *next);
    if (!next) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    int rc = llo_fork_params(&w->p, w->month, alt, next, err, errlen);
    if (rc == 0) {
        w->p = *next;
        w->scenario = *alt;
    }
    free(next);
    return rc;
}

int llo_fork_check(const llo_params *base, int month, const llo_params *alt, char *err, size_t errlen)
{
    llo_params *in_force = malloc(sizeof *in_force), *next = malloc(sizeof *next);
    int rc = -1;
    if (!in_force || !next) snprintf(err, errlen, "out of memory");
    else {
        *in_force = *base;
        llo_timeline_apply_params(in_force, month);
        rc = llo_fork_params(in_force, month, alt, next, err, errlen);
    }
    free(in_force);
    free(next);
    return rc;
}
