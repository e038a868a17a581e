/* Packed tasks (pack.h): appending a task's record to its process's pack, and reading the state
 * of every task back from all packs, task by task, skipping torn and damaged records. */
#define _GNU_SOURCE /* memmem */
#include "analysis/sweep/pack.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sim/durable.h"
#include "sim/sha256.h"

#define MAGIC "LLOPACK1 "
#define MAX_HEADER 600

static void fsync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

/* A name no other process, here or on another node, takes: host, process and the time in ns;
 * O_EXCL makes sure. */
static int create_pack(llo_pack_writer *w, const char *dir, char *err, size_t errlen)
{
    char packs[4300], host[128] = "host";
    snprintf(packs, sizeof packs, "%s/packs", dir);
    if (llo_mkdir_p(packs, err, errlen) != 0) return -1;
    gethostname(host, sizeof host - 1);
    for (char *c = host; *c; c++)
        if (*c == '/' || *c == '.' || *c == ' ') *c = '_';
    for (int attempt = 0; attempt < 100; attempt++) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        snprintf(w->path, sizeof w->path, "%s/%s-%ld-%lld%09ld-%d.pack", packs, host, (long)getpid(), (long long)ts.tv_sec,
                 ts.tv_nsec, attempt);
        int fd = open(w->path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0666);
        if (fd >= 0) {
            fsync_dir(packs);
            w->fd = fd;
            return 0;
        }
        if (errno != EEXIST) break;
    }
    snprintf(err, errlen, "%s: cannot create: %s", w->path, strerror(errno));
    return -1;
}

int llo_pack_append(llo_pack_writer *w, const char *dir, const llo_sweep *sw, const char *sweep_sha, long index,
                    char kind, const llo_out_file *files, int n_files, char *err, size_t errlen)
{
    int R = llo_sweep_replicates(sw);
    llo_buf payload, rec;
    llo_buf_init(&payload);
    llo_buf_init(&rec);
    if (kind == 'D')
        for (int f = 0; f < n_files; f++) {
            llo_buf_printf(&payload, "file %s %zu\n", files[f].name, files[f].buf.len);
            llo_buf_append(&payload, files[f].buf.data, files[f].buf.len);
        }
    else llo_buf_append(&payload, files[0].buf.data, files[0].buf.len);
    char sha[65];
    llo_sha256_hex(payload.data ? payload.data : "", payload.len, sha);
    llo_buf_printf(&rec, MAGIC "task=%ld point=%ld replicate=%ld kind=%s sweep=%s bytes=%zu sha256=%s\n", index, index / R,
                   index % R + 1, kind == 'D' ? "done" : "failed", sweep_sha, payload.len, sha);
    llo_buf_append(&rec, payload.data, payload.len);
    llo_buf_append(&rec, "\n", 1);
    int rc = -1;
    if (payload.failed || rec.failed) {
        snprintf(err, errlen, "task %ld: out of memory building its record", index);
        goto done;
    }
    if (w->fd <= 0 && create_pack(w, dir, err, errlen) != 0) goto done;
    /* One write: with O_APPEND the record lands whole after the last one, or (a crash, a full
     * disk) torn at the end, where the reader skips it. */
    size_t put = 0;
    while (put < rec.len) {
        ssize_t n = write(w->fd, rec.data + put, rec.len - put);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            snprintf(err, errlen, "%s: cannot write task %ld: %s", w->path, index, n < 0 ? strerror(errno) : "short write");
            goto done;
        }
        put += (size_t)n;
    }
    if (fdatasync(w->fd) != 0) {
        snprintf(err, errlen, "%s: cannot sync task %ld: %s", w->path, index, strerror(errno));
        goto done;
    }
    rc = 0;
done:
    llo_buf_free(&payload);
    llo_buf_free(&rec);
    return rc;
}

void llo_pack_close(llo_pack_writer *w)
{
    if (w->fd > 0) close(w->fd);
    w->fd = 0;
}

/* ---- reading ---- */

static char *read_file(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    char *buf = NULL;
    if (fstat(fd, &st) == 0 && (buf = malloc((size_t)st.st_size + 1))) {
        size_t got = 0;
        while (got < (size_t)st.st_size) {
            ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;
            got += (size_t)n;
        }
        buf[got] = 0;
        *len = got;
    }
    close(fd);
    return buf;
}

static void set_why(llo_sweep_tasks *t, long i, const char *fmt, const char *a, long b)
{
    char msg[700];
    snprintf(msg, sizeof msg, fmt, a, b);
    free(t->why[i - t->first]);
    t->why[i - t->first] = strdup(msg);
}

/* The files of a done record's payload, in the order the sweep keeps them; 0 when they are
 * exactly those, with timeseries.csv's bytes in *rows. */
static int split_payload(const char *p, size_t n, const char *const *names, int n_names, const char **rows,
                         size_t *rows_len)
{
    size_t at = 0;
    for (int f = 0; f < n_names; f++) {
        char want[64];
        int wl = snprintf(want, sizeof want, "file %s ", names[f]);
        if (n - at < (size_t)wl || memcmp(p + at, want, (size_t)wl)) return -1;
        at += (size_t)wl;
        char *end;
        errno = 0;
        unsigned long long len = strtoull(p + at, &end, 10);
        if (errno || end == p + at || *end != '\n' || (size_t)(end + 1 - p) > n || len > n - (size_t)(end + 1 - p)) return -1;
        at = (size_t)(end + 1 - p);
        if (f == 0) {
            *rows = p + at;
            *rows_len = (size_t)len;
        }
        at += (size_t)len;
    }
    return at == n ? 0 : -1;
}

/* Scans one pack into t. */
static void scan_pack(llo_sweep_tasks *t, const llo_sweep *sw, const char *sweep_sha, const char *name, const char *data,
                      size_t size, int want_rows)
{
    int R = llo_sweep_replicates(sw);
    const char *files[4];
    int n_files = llo_sweep_task_files(sw, files);
    size_t pos = 0;
    while (pos < size) {
        const char *rec = data + pos;
        const char *eol = memchr(rec, '\n', size - pos < MAX_HEADER ? size - pos : MAX_HEADER);
        long task = -1, point, rep;
        char kind[16], sha_sweep[72], sha[72];
        unsigned long long bytes;
        int used = -1, ok = 0;
        if (eol && size - pos >= sizeof MAGIC - 1 && !memcmp(rec, MAGIC, sizeof MAGIC - 1)) {
            char line[MAX_HEADER + 1];
            memcpy(line, rec, (size_t)(eol - rec));
            line[eol - rec] = 0;
            if (sscanf(line, MAGIC "task=%ld point=%ld replicate=%ld kind=%15s sweep=%71s bytes=%llu sha256=%71s%n", &task,
                       &point, &rep, kind, sha_sweep, &bytes, sha, &used) == 7 &&
                used == eol - rec && strlen(sha) == 64)
                ok = 1;
            else task = -1;
        }
        size_t body = ok ? (size_t)(eol + 1 - data) : 0;
        if (ok) ok = bytes < size && body + bytes < size && data[body + bytes] == '\n';
        if (ok) {
            char hex[65];
            llo_sha256_hex(data + body, (size_t)bytes, hex);
            ok = !strcmp(hex, sha);
        }
        if (ok && strcmp(sha_sweep, sweep_sha)) ok = 0, task = -1; /* another sweep's record: not this sweep's task */
        if (ok && (task < 0 || task >= sw->tasks || point != task / R || rep != task % R + 1)) ok = 0, task = -1;
        int mine = task >= t->first && task <= t->last;
        const char *rows = NULL;
        size_t rows_len = 0;
        if (ok && !strcmp(kind, "done") && split_payload(data + body, (size_t)bytes, files + 1, n_files - 1, &rows, &rows_len))
            ok = 0;
        if (ok && strcmp(kind, "done") && strcmp(kind, "failed")) ok = 0;
        if (!ok) {
            t->damaged++;
            if (mine && t->state[task - t->first] != LLO_TASK_DONE) {
                t->state[task - t->first] = LLO_TASK_FAILED;
                set_why(t, task, "packs/%s: the record of this task at byte %ld is torn or damaged (its length, framing or "
                                 "SHA-256 is wrong); it is ignored and the task reruns on --resume", name, (long)pos);
            }
            /* Resync at the next record. */
            const char *next = memmem(data + pos + 1, size - pos - 1, "\n" MAGIC, sizeof MAGIC);
            pos = next ? (size_t)(next + 1 - data) : size;
            continue;
        }
        pos = body + (size_t)bytes + 1;
        if (!mine) continue;
        long i = task - t->first;
        if (!strcmp(kind, "done")) {
            if (t->state[i] != LLO_TASK_DONE) {
                t->state[i] = LLO_TASK_DONE;
                free(t->why[i]);
                t->why[i] = NULL;
                if (want_rows && (t->rows[i] = malloc(rows_len + 1))) {
                    memcpy(t->rows[i], rows, rows_len);
                    t->rows[i][rows_len] = 0;
                    t->rows_len[i] = rows_len;
                }
            }
        } else if (t->state[i] != LLO_TASK_DONE) {
            t->state[i] = LLO_TASK_FAILED;
            char msg[600];
            size_t n = (size_t)bytes < sizeof msg - 1 ? (size_t)bytes : sizeof msg - 1;
            memcpy(msg, data + body, n);
            msg[n] = 0;
            msg[strcspn(msg, "\n")] = 0;
            set_why(t, task, "%s", msg, 0);
        }
    }
}

static int is_pack(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 5 && !strcmp(e->d_name + n - 5, ".pack");
}

int llo_sweep_tasks_read(const char *dir, const llo_sweep *sw, const char *sweep_sha, long first, long last, int rows,
                         llo_sweep_tasks *t, char *err, size_t errlen)
{
    memset(t, 0, sizeof *t);
    t->first = first;
    t->last = last;
    size_t n = last >= first ? (size_t)(last - first + 1) : 0;
    t->state = calloc(n ? n : 1, 1);
    t->why = calloc(n ? n : 1, sizeof *t->why);
    if (rows) {
        t->rows = calloc(n ? n : 1, sizeof *t->rows);
        t->rows_len = calloc(n ? n : 1, sizeof *t->rows_len);
    }
    if (!t->state || !t->why || (rows && (!t->rows || !t->rows_len))) {
        snprintf(err, errlen, "out of memory");
        llo_sweep_tasks_free(t);
        return -1;
    }
    if (!sw->pack) {
        const char *files[4];
        int n_files = llo_sweep_task_files(sw, files), R = llo_sweep_replicates(sw);
        for (long i = first; i <= last; i++) {
            char why[600];
            t->state[i - first] = (unsigned char)llo_sweep_task_state(dir, sweep_sha, i, R, files, n_files, why, sizeof why);
            if (t->state[i - first] == LLO_TASK_FAILED) t->why[i - first] = strdup(why);
        }
        return 0;
    }
    char packs[4300];
    snprintf(packs, sizeof packs, "%s/packs", dir);
    struct dirent **list = NULL;
    int count = scandir(packs, &list, is_pack, alphasort);
    if (count < 0) return errno == ENOENT ? 0 : (snprintf(err, errlen, "%s: cannot list: %s", packs, strerror(errno)), -1);
    t->pack_name = calloc((size_t)count + 1, sizeof *t->pack_name);
    t->pack_sha = calloc((size_t)count + 1, sizeof *t->pack_sha);
    int rc = t->pack_name && t->pack_sha ? 0 : -1;
    if (rc) snprintf(err, errlen, "out of memory");
    for (int k = 0; k < count; k++) {
        if (rc == 0) {
            char path[4600];
            size_t len = 0;
            snprintf(path, sizeof path, "%s/%s", packs, list[k]->d_name);
            char *data = read_file(path, &len);
            if (!data) {
                snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
                rc = -1;
            } else {
                snprintf(t->pack_name[t->n_packs], sizeof t->pack_name[0], "%s", list[k]->d_name);
                llo_sha256_hex(data, len, t->pack_sha[t->n_packs]);
                t->n_packs++;
                scan_pack(t, sw, sweep_sha, list[k]->d_name, data, len, rows);
                free(data);
            }
        }
        free(list[k]);
    }
    free(list);
    if (rc) llo_sweep_tasks_free(t);
    return rc;
}

void llo_sweep_tasks_free(llo_sweep_tasks *t)
{
    size_t n = t->last >= t->first ? (size_t)(t->last - t->first + 1) : 0;
    for (size_t i = 0; i < n; i++) {
        if (t->why) free(t->why[i]);
        if (t->rows) free(t->rows[i]);
    }
    free(t->state), free(t->why), free(t->rows), free(t->rows_len), free(t->pack_name), free(t->pack_sha);
    memset(t, 0, sizeof *t);
}
