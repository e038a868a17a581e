/* Atomic, durable output files and an in-memory text buffer; see durable.h for the rule. */
#include "sim/durable.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Formats an error message if the caller gave room for one. */
static void set_err(char *err, size_t errlen, const char *fmt, ...) LLO_PRINTF(3, 4);
static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    if (err == NULL || errlen == 0)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Builds dir/<prefix>name<suffix> without doubling the slash when dir ends in one, so error
 * messages show the path the way a user would type it. Returns NULL when out of memory. */
static char *join_path(const char *dir, const char *prefix, const char *name, const char *suffix)
{
    size_t dl = strlen(dir);
    while (dl > 1 && dir[dl - 1] == '/')
        dl--;
    int slash = !(dl == 1 && dir[0] == '/');
    size_t pl = strlen(prefix), nl = strlen(name), sl = strlen(suffix);
    char *p = malloc(dl + (size_t)slash + pl + nl + sl + 1);
    if (p == NULL)
        return NULL;
    char *q = p;
    memcpy(q, dir, dl);
    q += dl;
    if (slash)
        *q++ = '/';
    memcpy(q, prefix, pl);
    q += pl;
    memcpy(q, name, nl);
    q += nl;
    memcpy(q, suffix, sl);
    q += sl;
    *q = '\0';
    return p;
}

/* Opens a file or folder, retrying on EINTR, which a signal handler may cause on slow
 * (network) filesystems. */
static int open_retry(const char *path, int flags, mode_t mode)
{
    int fd;
    do
        fd = open(path, flags, mode);
    while (fd < 0 && errno == EINTR);
    return fd;
}

/* fsync, retried on EINTR so a signal does not turn into a spurious write failure. */
static int fsync_retry(int fd)
{
    int rc;
    do
        rc = fsync(fd);
    while (rc < 0 && errno == EINTR);
    return rc;
}

/* Makes the folder's entries (a rename, a new file or folder, an unlink) durable: without
 * this, a power cut can undo a rename even though the file's data was fsynced. Returns 0, or
 * an errno value with *what naming the step that failed. EINVAL from fsync means the
 * filesystem cannot sync folders at all; there is nothing more to do, so it counts as done
 * (PostgreSQL's fsync_fname treats it the same way). */
static int sync_dir(const char *dir, const char **what)
{
    int fd = open_retry(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
    if (fd < 0) {
        *what = "open directory";
        return errno;
    }
    int e = 0;
    if (fsync_retry(fd) < 0 && errno != EINVAL) {
        e = errno;
        *what = "fsync directory";
    }
    close(fd);
    return e;
}

/* Rejects names that would put the file somewhere other than directly in dir, or that
 * clash with the temporary naming scheme. */
static int valid_name(const char *name)
{
    return name[0] != '\0' && strchr(name, '/') == NULL &&
           strcmp(name, ".") != 0 && strcmp(name, "..") != 0;
}

/* Writes all n bytes, looping over short writes and EINTR, since write() may legitimately
 * do less than asked (signals, large counts, some filesystems). Returns 0 or an errno. */
static int write_all(int fd, const unsigned char *p, size_t n)
{
    /* Linux writes at most about 2 GiB per call; asking for less keeps ssize_t safe too. */
    const size_t chunk_max = (size_t)1 << 30;
    while (n > 0) {
        size_t chunk = n < chunk_max ? n : chunk_max;
        ssize_t w = write(fd, p, chunk);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (w == 0)
            return ENOSPC;   /* no progress and no error: a full device is the only known cause */
        p += (size_t)w;
        n -= (size_t)w;
    }
    return 0;
}

/* Creates missing folders one component at a time so that a component that is a file is
 * reported by name, and so each newly made folder's parent can be fsynced. */
int llo_mkdir_p(const char *path, char *err, size_t errlen)
{
    if (path == NULL || path[0] == '\0') {
        set_err(err, errlen, "mkdir: empty path");
        return -1;
    }
    size_t len = strlen(path);
    char *p = malloc(len + 1);
    if (p == NULL) {
        set_err(err, errlen, "%s: mkdir: %s", path, strerror(ENOMEM));
        return -1;
    }
    memcpy(p, path, len + 1);

    int rc = 0;
    size_t i = 0;
    while (i < len) {
        while (i < len && p[i] == '/')
            i++;
        if (i == len)
            break;
        size_t end = i;
        while (end < len && p[end] != '/')
            end++;
        char saved = p[end];
        p[end] = '\0';   /* p is now the prefix up to and including this component */

        if (mkdir(p, 0777) == 0) {
            /* New folder: make its entry in the parent durable. */
            size_t pl = i;
            while (pl > 0 && p[pl - 1] == '/')
                pl--;
            const char *what = NULL;
            int e;
            if (pl == 0) {
                e = sync_dir(p[0] == '/' ? "/" : ".", &what);
            } else {
                char psaved = p[pl];
                p[pl] = '\0';
                e = sync_dir(p, &what);
                p[pl] = psaved;
            }
            if (e != 0) {
                set_err(err, errlen, "%s: %s (parent of %s): %s", path, what, p, strerror(e));
                rc = -1;
            }
        } else {
            /* Decide by what is there rather than by errno: mkdir of an existing folder can
             * fail with EROFS or EACCES instead of EEXIST, and that is still success. */
            int e = errno;
            struct stat st;
            if (stat(p, &st) == 0) {
                if (!S_ISDIR(st.st_mode)) {
                    set_err(err, errlen, "%s: %s exists and is not a directory", path, p);
                    rc = -1;
                }
            } else {
                set_err(err, errlen, "%s: mkdir %s: %s", path, p, strerror(e));
                rc = -1;
            }
        }
        p[end] = saved;
        if (rc != 0)
            break;
        i = end;
    }
    free(p);
    return rc;
}

/* Writes dir/.name.tmp with exactly the n bytes and fsyncs it, so it can be renamed into place
 * later. Every failure path removes the temporary, so a failed run leaves no debris behind.
 * On success *final and *tmp are the malloc'd paths. */
static int stage(const char *dir, const char *name, const void *data, size_t n, char **final_out, char **tmp_out,
                 char *err, size_t errlen)
{
    if (dir == NULL || dir[0] == '\0' || name == NULL || !valid_name(name)) {
        set_err(err, errlen, "%s/%s: invalid directory or file name",
                dir ? dir : "(null)", name ? name : "(null)");
        return -1;
    }
    if (data == NULL && n > 0) {
        set_err(err, errlen, "%s/%s: no data to write", dir, name);
        return -1;
    }

    char *final = join_path(dir, "", name, "");
    char *tmp = join_path(dir, ".", name, ".tmp");
    if (final == NULL || tmp == NULL) {
        set_err(err, errlen, "%s/%s: %s", dir, name, strerror(ENOMEM));
        free(final);
        free(tmp);
        return -1;
    }

    const char *what = NULL;
    int e = 0;
    int fd = open_retry(tmp, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0666);
    if (fd < 0) {
        e = errno;
        what = "create temporary file";
        goto fail;
    }
    e = write_all(fd, data, n);
    if (e != 0) {
        what = "write temporary file";
        close(fd);
        goto fail;
    }
    if (fsync_retry(fd) < 0) {
        e = errno;
        what = "fsync temporary file";
        close(fd);
        goto fail;
    }
    /* After a successful fsync close has nothing left to flush, but NFS and some FUSE
     * filesystems report deferred write errors only here. EINTR still closes the descriptor
     * on Linux and the data is already synced, so it is not a failure. */
    if (close(fd) < 0 && errno != EINTR) {
        e = errno;
        what = "close temporary file";
        goto fail;
    }
    *final_out = final;
    *tmp_out = tmp;
    return 0;

fail:
    unlink(tmp);   /* best effort: it may never have been created */
    set_err(err, errlen, "%s: %s: %s", final, what, strerror(e));
    free(final);
    free(tmp);
    return -1;
}

/* The whole durability rule in one place, so no output file is ever written any other way. */
int llo_write_atomic(const char *dir, const char *name, const void *data, size_t n,
                     char *err, size_t errlen)
{
    char *final = NULL, *tmp = NULL;
    if (stage(dir, name, data, n, &final, &tmp, err, errlen) != 0)
        return -1;
    const char *what = NULL;
    int e = 0;
    if (rename(tmp, final) < 0) {
        e = errno;
        unlink(tmp);
        set_err(err, errlen, "%s: rename temporary file: %s", final, strerror(e));
        free(final);
        free(tmp);
        return -1;
    }
    /* The temporary is gone now; a failure here means the new file is complete and visible
     * but might not survive a power cut, which the caller still needs to hear about. */
    e = sync_dir(dir, &what);
    if (e != 0) {
        set_err(err, errlen, "%s: %s: %s", final, what, strerror(e));
        free(final);
        free(tmp);
        return -1;
    }
    free(final);
    free(tmp);
    return 0;
}

/* Every file is staged (written in full and fsynced under its temporary name) before the first
 * old file is touched: the likely failures (a full disk, a quota, an I/O error, a kill while
 * writing) all happen while the earlier set is still complete and still vouched for by its
 * marker. What is left after that is an unlink and renames within one folder, which need no
 * space; only a crash inside those few system calls leaves the folder without a marker, which
 * readers take as incomplete, never as a mix vouched for. */
/* A set's file may sit in one subfolder of dir ("plots/x.png"): split into that folder and the
 * plain name, which the staging writes beside its final place. */
static int split_set_name(const char *dir, const char *name, char **folder, const char **base)
{
    const char *slash = strchr(name, '/');
    if (slash == NULL) {
        *folder = strdup(dir);
        *base = name;
        return *folder ? 0 : ENOMEM;
    }
    if (slash == name || strchr(slash + 1, '/') != NULL || (slash - name == 1 && name[0] == '.') ||
        (slash - name == 2 && name[0] == '.' && name[1] == '.'))
        return EINVAL;
    size_t dl = strlen(dir), sl = (size_t)(slash - name);
    *folder = malloc(dl + 1 + sl + 1);
    if (*folder == NULL)
        return ENOMEM;
    memcpy(*folder, dir, dl);
    (*folder)[dl] = '/';
    memcpy(*folder + dl + 1, name, sl);
    (*folder)[dl + 1 + sl] = '\0';
    *base = slash + 1;
    return 0;
}

int llo_write_set(const char *dir, const llo_file_view *files, int n, char *err, size_t errlen)
{
    if (n < 1) {
        set_err(err, errlen, "%s: no files to write", dir ? dir : "(null)");
        return -1;
    }
    char **final = calloc((size_t)n, sizeof *final), **tmp = calloc((size_t)n, sizeof *tmp);
    char **folder = calloc((size_t)n, sizeof *folder);
    int staged = 0, rc = -1;
    if (final == NULL || tmp == NULL || folder == NULL) {
        set_err(err, errlen, "%s: %s", dir, strerror(ENOMEM));
        goto out;
    }
    for (; staged < n; staged++) {
        const char *base = NULL;
        int e = split_set_name(dir, files[staged].name, &folder[staged], &base);
        if (e != 0) {
            set_err(err, errlen, "%s/%s: %s", dir, files[staged].name,
                    e == EINVAL ? "a set's file lies at most one plain subfolder deep" : strerror(e));
            goto out;
        }
        if (strchr(files[staged].name, '/') && llo_mkdir_p(folder[staged], err, errlen) != 0)
            goto out;
        if (stage(folder[staged], base, files[staged].data, files[staged].len, &final[staged], &tmp[staged], err,
                  errlen) != 0)
            goto out;
    }
    const char *what = NULL;
    for (int k = 0; k < n; k++) {
        if (k > 0 && strcmp(folder[k], folder[k - 1]) == 0) continue; /* the usual order: folder by folder */
        int e = sync_dir(folder[k], &what);
        if (e != 0) {
            set_err(err, errlen, "%s: %s: %s", folder[k], what, strerror(e));
            goto out;
        }
    }
    /* The marker goes first: from here until the new marker is in place the folder vouches
     * for nothing. */
    if (unlink(final[n - 1]) < 0 && errno != ENOENT) {
        set_err(err, errlen, "%s: unlink: %s", final[n - 1], strerror(errno));
        goto out;
    }
    for (int k = 0; k < n; k++)
        if (rename(tmp[k], final[k]) < 0) {
            set_err(err, errlen, "%s: rename temporary file: %s", final[k], strerror(errno));
            goto out;
        }
    staged = 0; /* all renamed: nothing left to clean up */
    for (int k = 0; k < n; k++) {
        if (k > 0 && strcmp(folder[k], folder[k - 1]) == 0) continue;
        int e = sync_dir(folder[k], &what);
        if (e != 0) {
            set_err(err, errlen, "%s: %s: %s", folder[k], what, strerror(e));
            goto out;
        }
    }
    rc = 0;
out:
    for (int k = 0; k < n && final && tmp && folder; k++) {
        if (k < staged && tmp[k]) unlink(tmp[k]); /* a temporary already renamed is gone: ENOENT */
        free(final[k]);
        free(tmp[k]);
        free(folder[k]);
    }
    free(final);
    free(tmp);
    free(folder);
    return rc;
}

/* Tries to create and remove a file in an existing folder: the only sure test of "can write
 * here" (access() says yes for root on a read-only mount's folder, and for /proc). */
static int probe_write(const char *dir)
{
    char *probe = join_path(dir, ".llosim-probe-", "XXXXXX", "");
    if (probe == NULL)
        return ENOMEM;
    int fd = mkstemp(probe);
    int e = fd < 0 ? errno : 0;
    if (fd >= 0) {
        close(fd);
        unlink(probe);
    }
    free(probe);
    return e;
}

int llo_check_out_dir(const char *dir, char *err, size_t errlen)
{
    if (dir == NULL || dir[0] == '\0') {
        set_err(err, errlen, "output folder: empty path");
        return -1;
    }
    /* The nearest part of the path that exists decides: the folder itself, or the parent
     * mkdir -p will create it in. */
    char *p = strdup(dir);
    if (p == NULL) {
        set_err(err, errlen, "%s: %s", dir, strerror(ENOMEM));
        return -1;
    }
    int rc = -1;
    for (;;) {
        struct stat st;
        if (stat(p, &st) == 0) {
            if (!S_ISDIR(st.st_mode)) {
                set_err(err, errlen, "%s: %s exists and is not a directory", dir, p);
                break;
            }
            int e = probe_write(p);
            if (e != 0) set_err(err, errlen, "%s: cannot write in %s: %s", dir, p, strerror(e));
            else rc = 0;
            break;
        }
        if (errno != ENOENT) {
            set_err(err, errlen, "%s: %s: %s", dir, p, strerror(errno));
            break;
        }
        /* Drop the last component; a relative path ends at the working directory. */
        size_t n = strlen(p);
        while (n > 1 && p[n - 1] == '/') n--;
        while (n > 0 && p[n - 1] != '/') n--;
        while (n > 1 && p[n - 1] == '/') n--;
        if (n == 0) {
            p[0] = '.';
            p[1] = '\0';
        } else {
            p[n] = '\0';
        }
    }
    free(p);
    return rc;
}

/* Removal is the other way outputs change (e.g. stale files from an earlier run), and it
 * needs the same folder fsync to be durable. */
int llo_remove_file(const char *dir, const char *name, char *err, size_t errlen)
{
    if (dir == NULL || dir[0] == '\0' || name == NULL || !valid_name(name)) {
        set_err(err, errlen, "%s/%s: invalid directory or file name",
                dir ? dir : "(null)", name ? name : "(null)");
        return -1;
    }
    char *path = join_path(dir, "", name, "");
    if (path == NULL) {
        set_err(err, errlen, "%s/%s: %s", dir, name, strerror(ENOMEM));
        return -1;
    }
    if (unlink(path) < 0) {
        int e = errno;
        if (e != ENOENT) {
            set_err(err, errlen, "%s: unlink: %s", path, strerror(e));
            free(path);
            return -1;
        }
    }
    /* Sync even when the file was already gone: an earlier unlink may not have been synced.
     * A missing folder means there is nothing to make durable. */
    const char *what = NULL;
    int e = sync_dir(dir, &what);
    if (e != 0 && e != ENOENT) {
        set_err(err, errlen, "%s: %s: %s", path, what, strerror(e));
        free(path);
        return -1;
    }
    free(path);
    return 0;
}

/* An empty buffer owns no memory, so init cannot fail and a buffer can live on the stack. */
void llo_buf_init(llo_buf *b)
{
    b->data = NULL;
    b->len = 0;
    b->cap = 0;
    b->failed = 0;
}

/* Leaves b re-initialised so a buffer can be reused for the next file, and a double free
 * is harmless. */
void llo_buf_free(llo_buf *b)
{
    free(b->data);
    llo_buf_init(b);
}

/* Makes room for extra more bytes plus the terminating NUL, doubling so that building a
 * large file append by append stays linear. Returns 0, or -1 after marking b failed. */
static int buf_reserve(llo_buf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (extra > SIZE_MAX - 1 - b->len) {
        b->failed = 1;
        return -1;
    }
    size_t need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    size_t cap = b->cap > 0 ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    char *d = realloc(b->data, cap);
    if (d == NULL) {
        b->failed = 1;
        return -1;
    }
    b->data = d;
    b->cap = cap;
    return 0;
}

/* The primitive every other append goes through, so the NUL and the failed flag are
 * maintained in one place. */
void llo_buf_append(llo_buf *b, const char *s, size_t n)
{
    if (buf_reserve(b, n) < 0)
        return;
    if (n > 0)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

/* Formats straight into the buffer when it fits and retries once with exactly enough room
 * when it does not, so output of any size costs at most two formatting passes. */
void llo_buf_printf(llo_buf *b, const char *fmt, ...)
{
    if (b->failed)
        return;
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    size_t room = b->cap - b->len;   /* cap is 0 or > len, since the NUL is always counted */
    int k = vsnprintf(room > 0 ? b->data + b->len : NULL, room, fmt, ap);
    if (k < 0) {
        b->failed = 1;   /* e.g. EOVERFLOW: the result would exceed INT_MAX */
    } else if ((size_t)k < room) {
        b->len += (size_t)k;
    } else if (buf_reserve(b, (size_t)k) == 0) {
        vsnprintf(b->data + b->len, (size_t)k + 1, fmt, ap2);
        b->len += (size_t)k;
    }
    /* A truncated first pass may have overwritten the NUL even if b has now failed. */
    if (b->data != NULL)
        b->data[b->len] = '\0';
    va_end(ap2);
    va_end(ap);
}

/* Copies runs of ordinary characters in one append and escapes only what JSON requires, so
 * names from the scenario file cannot break the manifest's syntax. */
void llo_buf_json_string(llo_buf *b, const char *s)
{
    static const char digits[] = "0123456789abcdef";
    if (s == NULL) {
        llo_buf_append(b, "null", 4);
        return;
    }
    llo_buf_append(b, "\"", 1);
    const char *run = s;
    for (const char *p = s; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        llo_buf_append(b, run, (size_t)(p - run));
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            llo_buf_append(b, esc, 2);
        } else {
            char esc[6] = {'\\', 'u', '0', '0', digits[c >> 4], digits[c & 0x0f]};
            llo_buf_append(b, esc, 6);
        }
        run = p + 1;
    }
    llo_buf_append(b, run, strlen(run));
    llo_buf_append(b, "\"", 1);
}
