/* A sweep's folder and its tasks: the sweep's own files (written once, by whoever comes first,
 * so that any number of tasks may start at once), one task run into its own folder with its
 * manifest last, and the check that tells a finished task from a missing, failed or damaged one. */
#include "analysis/sweep/sweep.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <omp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/sweep/pack.h"
#include "sim/durable.h"
#include "sim/llosim.h"
#include "sim/manifest.h"
#include "sim/output.h"
#include "sim/run_checkpoint.h"
#include "sim/rng.h"
#include "config/scenario_text.h"
#include "sim/sha256.h"
#include "sim/version.h"

void llo_sweep_dir(const llo_sweep *sw, const llo_sweep_options *o, char *dir, size_t n)
{
    if (o && o->out_dir) snprintf(dir, n, "%s", o->out_dir);
    else snprintf(dir, n, "out/sweep-%s", sw->name);
}

int llo_sweep_task_files(const llo_sweep *sw, const char **files)
{
    int n = 0;
    files[n++] = "scenario.resolved.cfg";
    files[n++] = "timeseries.csv";
    if (sw->keep_groups) files[n++] = "groups.csv";
    if (sw->keep_network) files[n++] = "network.csv";
    return n;
}

/* ---- whole files ---- */

static char *read_all(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    char *buf = NULL;
    int e = llo_text_read_fd(fd, &buf, len);
    close(fd);
    if (e) {
        free(buf);
        errno = e;
        return NULL;
    }
    return buf;
}

static int fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return -1;
    int rc = fsync(fd);
    close(fd);
    return rc;
}

/* dir/name gets data unless it is there already: link() never replaces a file, so of several
 * writers at once exactly one wins and the others compare. Returns 0 (written or the same), 1
 * (there with other contents), -1 (a failure). */
static int write_once(const char *dir, const char *name, const char *data, size_t n, char *err, size_t errlen)
{
    char path[4400], tmp[4400];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    for (int attempt = 0; attempt < 2; attempt++) {
        size_t len = 0;
        char *old = read_all(path, &len);
        if (old) {
            int same = len == n && memcmp(old, data, n) == 0;
            free(old);
            if (same) return 0;
            snprintf(err, errlen, "%s holds another sweep (%s differs from this one's); give another -o or remove it", dir,
                     name);
            return 1;
        }
        if (attempt) break;
        snprintf(tmp, sizeof tmp, "%s/.%s.%ld.tmp", dir, name, (long)getpid());
        int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
        if (fd < 0) {
            snprintf(err, errlen, "%s: cannot create: %s", tmp, strerror(errno));
            return -1;
        }
        size_t done = 0;
        while (done < n) {
            ssize_t w = write(fd, data + done, n - done);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) break;
            done += (size_t)w;
        }
        int ok = done == n && fsync(fd) == 0;
        int e = errno;
        close(fd);
        if (ok && link(tmp, path) != 0 && errno != EEXIST) {
            ok = 0;
            e = errno;
        }
        unlink(tmp);
        if (!ok) {
            snprintf(err, errlen, "%s: cannot write: %s", path, strerror(e));
            return -1;
        }
        fsync_dir(dir);
    }
    return 0;
}

/* ---- the sweep's own files ---- */

static void put_float(llo_buf *b, double v)
{
    char num[64];
    llo_format_float(num, sizeof num, v);
    llo_buf_printf(b, "%s", num);
}

static void put_string(llo_buf *b, const char *s)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) {
        b->failed = 1;
        return;
    }
    llo_write_string(mem, s);
    fclose(mem);
    llo_buf_append(b, text, len);
    free(text);
}

static int base_text(const llo_sweep *sw, llo_buf *b)
{
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (!mem) return -1;
    int rc = llo_params_write(&sw->base.params, mem);
    fclose(mem);
    if (rc == 0) llo_buf_append(b, text, len);
    free(text);
    return rc;
}

/* sweep.resolved.cfg: a sweep file that loads back to the same sweep (and writes the same text). */
static void sweep_text(const llo_sweep *sw, const char *base_sha, llo_buf *b)
{
    llo_buf_printf(b, "# The sweep as resolved by llosim %s: its base scenario, with every override of the\n"
                      "# sweep file and the command line applied, is %s beside this file, and every\n"
                      "# default is filled in. `llosim sweep run` on this file repeats the sweep.\n",
                   LLOSIM_VERSION, LLO_SWEEP_BASE_FILE);
    llo_buf_printf(b, "name = ");
    put_string(b, sw->name);
    llo_buf_printf(b, ";\nscenario = \"%s\";\nscenario_sha256 = \"%s\";\n", LLO_SWEEP_BASE_FILE, base_sha);
    llo_buf_printf(b, "# replicates = %d and seed = %" PRId64 " are the base scenario's run.replicates and run.seed\n",
                   sw->base.params.replicates, sw->base.params.seed);
    llo_buf_printf(b, "sampling = \"%s\";\n", llo_design_name(sw->design));
    if (sw->design != LLO_DESIGN_GRID && sw->design != LLO_DESIGN_VALUES) llo_buf_printf(b, "samples = %d;\n", sw->samples);
    if (sw->design == LLO_DESIGN_GRID || sw->design == LLO_DESIGN_MORRIS) llo_buf_printf(b, "levels = %d;\n", sw->levels);
    llo_buf_printf(b, "max_tasks = %ld;\nkeep_groups = %s;\nkeep_network = %s;\ncommon_random_numbers = %s;\n",
                   sw->max_tasks, sw->keep_groups ? "true" : "false", sw->keep_network ? "true" : "false",
                   sw->common_random_numbers ? "true" : "false");
    if (sw->pack) llo_buf_printf(b, "pack = true;\n"); /* unpacked sweeps resolve as before */
    if (sw->from[0]) {
        char real[PATH_MAX];
        llo_buf_printf(b, "from = ");
        put_string(b, realpath(sw->from, real) ? real : sw->from); /* the resolved file lives elsewhere */
        llo_buf_printf(b, ";\n");
        if (sw->from_month_given) llo_buf_printf(b, "from_month = %d;\n", sw->from_month);
    }
    llo_buf_printf(b, "axes = (\n");
    for (int a = 0; a < sw->n_axes; a++) {
        const llo_sweep_axis *ax = &sw->axes[a];
        llo_buf_printf(b, "  { path = \"%s\";", ax->row->path);
        if (ax->index >= 0) llo_buf_printf(b, " index = %d;", ax->index);
        if (ax->n_values) {
            llo_buf_printf(b, " values = [");
            for (int v = 0; v < ax->n_values; v++) {
                llo_buf_printf(b, "%s", v ? ", " : "");
                if (ax->is_string) put_string(b, ax->name[v]);
                else put_float(b, ax->value[v]);
            }
            llo_buf_printf(b, "];");
        } else {
            llo_buf_printf(b, " min = ");
            put_float(b, ax->min);
            llo_buf_printf(b, "; max = ");
            put_float(b, ax->max);
            llo_buf_printf(b, "; scale = \"%s\";", ax->log_scale ? "log" : "linear");
            if (sw->design == LLO_DESIGN_GRID) llo_buf_printf(b, " levels = %d;", ax->levels);
        }
        llo_buf_printf(b, " }%s\n", a + 1 < sw->n_axes ? "," : "");
    }
    llo_buf_printf(b, ");\nindicators = [");
    for (int k = 0; k < sw->n_indicators; k++)
        llo_buf_printf(b, "%s\"%s\"", k ? ", " : "", llo_timeseries_column_name((size_t)sw->indicator[k]));
    llo_buf_printf(b, "];\n");
}

static void axes_csv(const llo_sweep *sw, llo_buf *b)
{
    llo_buf_printf(b, "axis,path,index,min,max,scale\n");
    for (int a = 0; a < sw->n_axes; a++) {
        const llo_sweep_axis *ax = &sw->axes[a];
        llo_buf_printf(b, "%d,%s,", a + 1, ax->row->path);
        if (ax->index >= 0) llo_buf_printf(b, "%d", ax->index);
        if (ax->is_string) llo_buf_printf(b, ",,");
        else llo_buf_printf(b, ",%.17g,%.17g", ax->min, ax->max);
        llo_buf_printf(b, ",%s\n", ax->log_scale ? "log" : "linear");
    }
}

static void plan_csv(const llo_sweep *sw, const llo_sweep_plan *pl, llo_buf *b)
{
    llo_buf_printf(b, "point,design,role,sample,moved");
    for (int a = 0; a < sw->n_axes; a++) llo_buf_printf(b, ",%s", sw->axes[a].label);
    llo_buf_printf(b, "\n");
    for (long i = 0; i < pl->points; i++) {
        llo_buf_printf(b, "%ld,%s,%s,%ld,%d", i, llo_design_name(sw->design), pl->role[i], pl->sample[i], pl->moved[i]);
        for (int a = 0; a < sw->n_axes; a++) {
            char cell[LLO_NAME_MAX + 32];
            llo_sweep_axis_text(sw, a, pl->value[i * pl->axes + a], cell, sizeof cell);
            llo_buf_printf(b, ",%s", cell);
        }
        llo_buf_printf(b, "\n");
    }
}

int llo_sweep_prepare(const llo_sweep *sw, const llo_sweep_plan *pl, const char *dir, char *err, size_t errlen)
{
    llo_buf files[4];
    const char *names[4] = {LLO_SWEEP_BASE_FILE, "sweep.resolved.cfg", "axes.csv", "plan.csv"};
    for (int f = 0; f < 4; f++) llo_buf_init(&files[f]);
    int rc = 0;
    char sha[65], tasks[4300];
    if (base_text(sw, &files[0]) != 0 || files[0].failed) {
        snprintf(err, errlen, "cannot format the base scenario");
        rc = -1;
        goto done;
    }
    llo_sha256_hex(files[0].data, files[0].len, sha);
    sweep_text(sw, sha, &files[1]);
    axes_csv(sw, &files[2]);
    plan_csv(sw, pl, &files[3]);
    for (int f = 0; f < 4; f++)
        if (files[f].failed) {
            snprintf(err, errlen, "out of memory building %s", names[f]);
            rc = -1;
            goto done;
        }
    snprintf(tasks, sizeof tasks, "%s/%s", dir, sw->pack ? "packs" : "tasks");
    if (llo_mkdir_p(tasks, err, errlen) != 0) {
        rc = -1;
        goto done;
    }
    for (int f = 0; f < 4 && rc == 0; f++) rc = write_once(dir, names[f], files[f].data, files[f].len, err, errlen);
done:
    for (int f = 0; f < 4; f++) llo_buf_free(&files[f]);
    return rc;
}

int llo_sweep_folder_sha(const char *dir, char hex[65], char *err, size_t errlen)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/sweep.resolved.cfg", dir);
    return llo_sha256_file(path, hex, err, errlen);
}

/* ---- the state of a task ---- */

static void task_name(long index, int replicates, char *buf, size_t n)
{
    snprintf(buf, n, "p%ld-r%ld", index / replicates, index % replicates + 1);
}

/* The number after `"key": ` in a manifest, or -1. */
static long long json_int(const char *text, const char *key)
{
    char pat[64];
    snprintf(pat, sizeof pat, "\n  \"%s\": ", key);
    const char *at = strstr(text, pat);
    if (!at) return -1;
    char *end;
    long long v = strtoll(at + strlen(pat), &end, 10);
    return end == at + strlen(pat) ? -1 : v;
}

llo_task_state llo_sweep_task_state(const char *dir, const char *sweep_sha256, long index, int replicates,
                                    const char *const *files, int n_files, char *why, size_t n)
{
    char name[64], path[4400], tdir[4300];
    task_name(index, replicates, name, sizeof name);
    snprintf(tdir, sizeof tdir, "%s/tasks/%s", dir, name);
    snprintf(path, sizeof path, "%s/manifest.json", tdir);
    size_t len = 0;
    char *m = read_all(path, &len);
    if (!m) {
        snprintf(path, sizeof path, "%s/tasks/%s.failed", dir, name);
        char *msg = read_all(path, &len);
        if (msg) {
            snprintf(why, n, "%s", msg);
            why[strcspn(why, "\n")] = 0;
            free(msg);
            return LLO_TASK_FAILED;
        }
        snprintf(why, n, "not run");
        return LLO_TASK_MISSING;
    }
    llo_task_state st = LLO_TASK_FAILED;
    char pat[128];
    snprintf(pat, sizeof pat, "\"sweep_sha256\": \"%s\"", sweep_sha256);
    if (!strstr(m, pat)) {
        /* Only a manifest that names a sweep belongs to another one; an empty or cut one is
         * damaged (a disk that filled up, a copy that stopped). */
        if (!strstr(m, "\"sweep_sha256\": \""))
            snprintf(why, n, "%s/manifest.json is %s; rerun the task", name,
                     len == 0 ? "empty" : "damaged (it names no sweep)");
        else
            snprintf(why, n, "%s/manifest.json belongs to another sweep", name);
        goto done;
    }
    if (json_int(m, "task") != index || json_int(m, "point") != index / replicates ||
        json_int(m, "replicate") != index % replicates + 1) {
        snprintf(why, n, "%s/manifest.json names another task", name);
        goto done;
    }
    for (int f = 0; f < n_files; f++) {
        char hex[65], err[512];
        snprintf(pat, sizeof pat, "\"%s\": {\"sha256\": \"", files[f]);
        const char *at = strstr(m, pat);
        if (!at || strlen(at + strlen(pat)) < 64) {
            snprintf(why, n, "%s/manifest.json lists no %s", name, files[f]);
            goto done;
        }
        snprintf(path, sizeof path, "%s/%s", tdir, files[f]);
        if (llo_sha256_file(path, hex, err, sizeof err) != 0) {
            snprintf(why, n, "%s", err);
            goto done;
        }
        if (strncmp(at + strlen(pat), hex, 64) != 0) {
            snprintf(why, n, "%s/%s fails its hash check (it changed after the task finished)", name, files[f]);
            goto done;
        }
    }
    st = LLO_TASK_DONE;
    snprintf(why, n, "done");
done:
    free(m);
    return st;
}

/* ---- running a task ---- */

/* The columns of timeseries.csv a sweep keeps: the four keys, then its indicators. */
typedef struct column_pick {
    int n;
    int col[4 + LLO_SWEEP_MAX_INDICATORS];
} column_pick;

static int pick_columns(const llo_sweep *sw, const char *header, column_pick *pk)
{
    char names[8192];
    snprintf(names, sizeof names, "%s", header);
    names[strcspn(names, "\n")] = 0;
    const char *field[512];
    int nf = 0;
    for (char *tok = names, *next; tok && nf < 512; tok = next) {
        next = strchr(tok, ',');
        if (next) *next++ = 0;
        field[nf++] = tok;
    }
    pk->n = 0;
    for (int k = 0; k < 4; k++) pk->col[pk->n++] = k;
    for (int k = 0; k < sw->n_indicators; k++) {
        const char *want = llo_timeseries_column_name((size_t)sw->indicator[k]);
        int at = -1;
        for (int f = 4; f < nf && at < 0; f++)
            if (!strcmp(field[f], want)) at = f;
        if (at < 0) return -1;
        pk->col[pk->n++] = at;
    }
    return 0;
}

/* Appends the picked columns of every line of src to b. */
static void filter_lines(llo_buf *b, const llo_buf *src, const column_pick *pk)
{
    const char *line = src->data;
    const char *end = src->data + src->len;
    while (line && line < end) {
        const char *eol = memchr(line, '\n', (size_t)(end - line));
        if (!eol) eol = end;
        const char *start[512];
        int len[512], nf = 0;
        const char *f = line;
        while (nf < 512) {
            const char *c = memchr(f, ',', (size_t)(eol - f));
            start[nf] = f;
            len[nf++] = (int)((c ? c : eol) - f);
            if (!c) break;
            f = c + 1;
        }
        for (int k = 0; k < pk->n; k++) {
            int c = pk->col[k];
            if (k) llo_buf_append(b, ",", 1);
            if (c < nf) llo_buf_append(b, start[c], (size_t)len[c]);
        }
        llo_buf_append(b, "\n", 1);
        line = eol + 1;
    }
}

/* A task of a sweep with `from`: the point's scenario forks the checkpointed present of its
 * replicate; the rows before the checkpoint are the checkpoint's, filtered like the task's own. */
static llo_world *fork_task(const llo_sweep *sw, const llo_params *p, int rep, llo_buf *timeseries, llo_buf *scratch,
                            const column_pick *pick, llo_buf *groups, llo_buf *network, llo_diag *d)
{
    llo_buf rows[LLO_RUN_OUTPUTS];
    for (int f = 0; f < LLO_RUN_OUTPUTS; f++) llo_buf_init(&rows[f]);
    llo_buf *out[LLO_RUN_OUTPUTS] = {&rows[0], &rows[1], &rows[2]};
    llo_world *w = llo_fork_start(sw->from, sw->from_month_given, sw->from_month, rep, p, out, d);
    if (w) {
        scratch->len = 0;
        llo_buf_append(scratch, rows[0].data, rows[0].len);
        filter_lines(timeseries, scratch, pick);
        if (groups) llo_buf_append(groups, rows[1].data, rows[1].len);
        if (network) llo_buf_append(network, rows[2].data, rows[2].len);
    }
    for (int f = 0; f < LLO_RUN_OUTPUTS; f++) llo_buf_free(&rows[f]);
    return w;
}

static void task_manifest(llo_buf *m, const llo_sweep *sw, const llo_sweep_plan *pl, const char *sweep_sha, long index,
                          uint64_t seed, const llo_sweep_options *o, const llo_out_file *files, int n_files,
                          const char *started, const char *finished, int threads)
{
    int R = llo_sweep_replicates(sw);
    long point = index / R;
    llo_manifest_head(m);
    llo_buf_printf(m, ",\n  \"sweep\": ");
    llo_buf_json_string(m, sw->name);
    llo_buf_printf(m, ",\n  \"sweep_file\": ");
    llo_buf_json_string(m, sw->path);
    llo_buf_printf(m, ",\n  \"sweep_sha256\": \"%s\"", sweep_sha);
    llo_buf_printf(m, ",\n  \"task\": %ld,\n  \"point\": %ld,\n  \"replicate\": %ld", index, point, index % R + 1);
    llo_buf_printf(m, ",\n  \"master_seed\": %" PRId64 ",\n  \"seed\": \"%" PRIu64 "\"", sw->base.params.seed, seed);
    llo_buf_printf(m, ",\n  \"axes\": {");
    for (int a = 0; a < sw->n_axes; a++) {
        char cell[LLO_NAME_MAX + 32];
        llo_sweep_axis_text(sw, a, pl->value[point * pl->axes + a], cell, sizeof cell);
        llo_buf_printf(m, "%s\n    ", a ? "," : "");
        llo_buf_json_string(m, sw->axes[a].label);
        llo_buf_printf(m, ": ");
        if (sw->axes[a].is_string) llo_buf_json_string(m, cell);
        else llo_buf_printf(m, "%s", cell);
    }
    llo_buf_printf(m, "\n  },\n  \"months\": %d,\n  \"burn_in_months\": %d,\n  \"scale\": %.17g", sw->base.params.months,
                   sw->base.params.burn_in_months, sw->base.params.scale);
    llo_manifest_tail(m, threads, started, finished, o->argc, o->argv, files, n_files);
}

/* Records why a task failed beside its folder, where status finds it (best effort: the failure
 * may be that nothing can be written). */
static void mark_failed(const llo_sweep *sw, const llo_sweep_options *o, const char *sweep_sha, long index,
                        const char *dir, const char *name, const llo_diag *d, int from)
{
    char tasks[4300], marker[80], err[512];
    llo_buf b;
    llo_buf_init(&b);
    for (int k = from; k < d->count; k++) llo_buf_printf(&b, "%s\n", d->msg[k]);
    if (!b.len) llo_buf_printf(&b, "failed\n");
    if (sw->pack) {
        if (o->pack && sweep_sha[0] && !b.failed) {
            llo_out_file msg = {"failed", b, ""};
            llo_pack_append(o->pack, dir, sw, sweep_sha, index, 'F', &msg, 1, err, sizeof err);
        }
        llo_buf_free(&b);
        return;
    }
    snprintf(tasks, sizeof tasks, "%s/tasks", dir);
    snprintf(marker, sizeof marker, "%s.failed", name);
    if (!b.failed) llo_write_atomic(tasks, marker, b.data, b.len, err, sizeof err);
    llo_buf_free(&b);
}

int llo_sweep_task(const llo_sweep *sw, const llo_sweep_plan *pl, const char *dir, long index,
                   const llo_sweep_options *o, int *skipped, llo_diag *d)
{
    int R = llo_sweep_replicates(sw);
    long point = index / R;
    int rep = (int)(index % R) + 1;
    char name[64], tdir[4400], tasks[4300], err[4600], sweep_sha[65], why[512], started[32], finished[32];
    const char *file_names[4];
    int n_files = llo_sweep_task_files(sw, file_names);
    int first_msg = d->count;
    *skipped = 0;
    task_name(index, R, name, sizeof name);
    snprintf(tasks, sizeof tasks, "%s/tasks", dir);
    snprintf(tdir, sizeof tdir, "%s/%s", tasks, name);
    if (index < 0 || index >= sw->tasks) {
        llo_diag_add(d, "task %ld: the sweep has tasks 0 to %ld", index, sw->tasks - 1);
        return -1;
    }
    sweep_sha[0] = 0;
    if (llo_sweep_folder_sha(dir, sweep_sha, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", err);
        return -1;
    }
    if (sw->pack && !o->pack) {
        llo_diag_add(d, "task %ld: a packed sweep's task needs a pack to write to", index);
        return -1;
    }
    if (!sw->pack && !o->force && llo_sweep_task_state(dir, sweep_sha, index, R, file_names, n_files, why, sizeof why) == LLO_TASK_DONE) {
        *skipped = 1;
        return 0;
    }
    llo_iso_now(started, sizeof started);
    if (o->threads > 0) omp_set_num_threads(o->threads);
    else omp_set_num_threads(1);
    int threads = omp_get_max_threads();

    /* The point's scenario: the base with its overrides, then the axes' values, validated by the
     * loader like any --set, so a value the scenario cannot take fails here with a message. */
    const char **sets = calloc((size_t)(sw->n_sets + sw->n_axes), sizeof *sets);
    char (*axis_sets)[LLO_SWEEP_SET_LEN] = calloc((size_t)sw->n_axes, sizeof *axis_sets);
    llo_scenario *s = malloc(sizeof *s);
    llo_out_file files[4];
    for (int f = 0; f < 4; f++) {
        files[f].name = f < n_files ? file_names[f] : "";
        llo_buf_init(&files[f].buf);
        files[f].sha256[0] = 0;
    }
    llo_buf scratch;
    llo_buf_init(&scratch);
    int rc = -1;
    if (!sets || !axis_sets || !s) {
        llo_diag_add(d, "task %ld (%s): out of memory", index, name);
        goto done;
    }
    int n_sets = 0;
    for (int k = 0; k < sw->n_sets; k++) sets[n_sets++] = sw->sets[k];
    for (int a = 0; a < sw->n_axes; a++) {
        if (llo_sweep_axis_set(sw, a, &pl->value[point * pl->axes], axis_sets[a], sizeof axis_sets[a]) != 0) {
            llo_diag_add(d, "task %ld (%s): %s: value too long to set", index, name, sw->axes[a].label);
            goto done;
        }
        sets[n_sets++] = axis_sets[a];
    }
    int before = d->count;
    if (llo_scenario_load(s, sw->scenario_file, sets, n_sets, d) != 0) {
        llo_diag_add(d, "task %ld (%s): the scenario of point %ld does not load (%d problem%s above)", index, name, point,
                     d->count - before, d->count - before == 1 ? "" : "s");
        goto done;
    }
    llo_params *p = &s->params;
    p->replicates = 1;
    /* Under common random numbers every point is simulated with point 0's draws, so that
     * differences between points are the axes' and not the draws'. */
    uint64_t seed_point = sw->common_random_numbers ? 0 : (uint64_t)point;
    uint64_t seed = llo_rng_derive_seed((uint64_t)p->seed, seed_point, (uint64_t)rep);

    char *resolved = NULL;
    size_t resolved_len = 0;
    FILE *mem = open_memstream(&resolved, &resolved_len);
    if (!mem || llo_params_write(p, mem) != 0) {
        if (mem) fclose(mem);
        free(resolved);
        llo_diag_add(d, "task %ld (%s): cannot format the resolved scenario", index, name);
        goto done;
    }
    fclose(mem);
    llo_buf_append(&files[0].buf, resolved, resolved_len);
    free(resolved);
    column_pick pick;
    llo_timeseries_header(&scratch);
    if (scratch.failed || pick_columns(sw, scratch.data, &pick) != 0) {
        llo_diag_add(d, "task %ld (%s): timeseries.csv lacks a kept indicator", index, name);
        goto done;
    }
    filter_lines(&files[1].buf, &scratch, &pick);
    int g = sw->keep_groups ? 2 : -1, nw = sw->keep_network ? (sw->keep_groups ? 3 : 2) : -1;
    if (g > 0) llo_groups_header(&files[g].buf);
    if (nw > 0) llo_network_header(&files[nw].buf);

    llo_world *w = sw->from[0] ? fork_task(sw, p, rep, &files[1].buf, &scratch, &pick, g > 0 ? &files[g].buf : NULL,
                                           nw > 0 ? &files[nw].buf : NULL, d)
                               : llo_world_alloc_point(p, seed_point, rep, err, sizeof err);
    if (!w) {
        if (!sw->from[0]) llo_diag_add(d, "task %ld (%s): %s", index, name, err);
        goto done;
    }
    while (llo_world_month(w) < p->months) {
        llo_world_step(w);
        const llo_month_stats *st = llo_world_stats(w);
        if (st->month < 0) continue;
        scratch.len = 0;
        llo_timeseries_rows(&scratch, p, rep, st);
        filter_lines(&files[1].buf, &scratch, &pick);
        if (g > 0) llo_groups_rows(&files[g].buf, p, rep, st);
        if (nw > 0) llo_network_rows(&files[nw].buf, p, rep, st);
    }
    llo_world_free(w);
    for (int f = 0; f < n_files; f++)
        if (files[f].buf.failed || scratch.failed) {
            llo_diag_add(d, "task %ld (%s): out of memory building %s", index, name, files[f].name);
            goto done;
        }

    if (sw->pack) {
        /* The kept rows, without the point's scenario (base.resolved.cfg and plan.csv give it) or
         * a manifest: the record's line and hash stand in for it. */
        if (llo_pack_append(o->pack, dir, sw, sweep_sha, index, 'D', files + 1, n_files - 1, err, sizeof err) != 0) {
            llo_diag_add(d, "task %ld: %s", index, err);
            goto done;
        }
        rc = 0;
        goto done;
    }
    if (llo_mkdir_p(tdir, err, sizeof err) != 0) {
        llo_diag_add(d, "task %ld: %s", index, err);
        goto done;
    }
    for (int f = 0; f < n_files; f++) llo_sha256_hex(files[f].buf.data, files[f].buf.len, files[f].sha256);
    llo_iso_now(finished, sizeof finished);
    llo_buf m;
    llo_buf_init(&m);
    task_manifest(&m, sw, pl, sweep_sha, index, seed, o, files, n_files, started, finished, threads);
    /* One set with the manifest last: a task done before stays whole until this one is. */
    if (m.failed || llo_write_outputs(tdir, files, n_files, "manifest.json", &m, err, sizeof err) != 0) {
        llo_diag_add(d, "task %ld: %s", index, m.failed ? "out of memory building manifest.json" : err);
        llo_buf_free(&m);
        goto done;
    }
    llo_buf_free(&m);
    char marker[80];
    snprintf(marker, sizeof marker, "%s.failed", name);
    llo_remove_file(tasks, marker, err, sizeof err);
    rc = 0;
done:
    if (rc != 0) mark_failed(sw, o, sweep_sha, index, dir, name, d, first_msg);
    for (int f = 0; f < 4; f++) llo_buf_free(&files[f].buf);
    llo_buf_free(&scratch);
    free(sets);
    free(axis_sets);
    free(s);
    return rc;
}
