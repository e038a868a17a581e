/* Durable output files. Every file the simulator writes goes through llo_write_atomic, so a
 * crash, a full disk or a killed job can never leave a half-written file under its final
 * name: the bytes go to dir/.name.tmp, which is fsynced, renamed over dir/name, and then the
 * folder itself is fsynced so the rename survives a power cut. A reader sees either the old
 * file or the complete new one.
 *
 * llo_buf builds CSV and JSON in memory first, so formatting errors (or running out of
 * memory) are found before anything touches the disk.
 *
 * Errors are returned, never printed: functions return 0 or -1 and, when err is not NULL and
 * errlen > 0, leave a one-line message in err. No global state; safe to call from several
 * threads for different files. Two writers of the same dir/name at once are not supported
 * (they share the temporary name). */
#ifndef LLO_DURABLE_H
#define LLO_DURABLE_H

#include <stddef.h>

#if defined(__GNUC__) || defined(__clang__)
#define LLO_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define LLO_PRINTF(fmt_index, first_arg)
#endif

/* Creates path and any missing parents, like mkdir -p, with mode 0777 & ~umask. Succeeds if
 * path already is a directory (or a symlink to one); fails with a message if a component
 * exists and is not a directory. Each new folder's parent is fsynced, so the folder holding
 * the outputs is as durable as the outputs. */
int llo_mkdir_p(const char *path, char *err, size_t errlen);

/* Replaces dir/name with exactly the n bytes at data (data may be NULL when n is 0), via
 * dir/.name.tmp, fsync, rename and an fsync of dir. name is a plain file name, no '/'.
 * On failure nothing new is visible under dir/name, the temporary is removed, and err says
 * "dir/name: <what failed>: <strerror>". */
int llo_write_atomic(const char *dir, const char *name, const void *data, size_t n,
                     char *err, size_t errlen);

/* One file of a set written together: its name in the folder and its bytes. */
typedef struct llo_file_view {
    const char *name;
    const void *data;
    size_t len;
} llo_file_view;

/* Replaces a set of files in dir whose last one, files[n-1], is the marker that the set is
 * complete (a manifest). The earlier set, and its marker, stay intact until every new file is
 * written and synced under a temporary name; then the old marker is removed, the files are
 * renamed into place and the new marker last. On failure the temporaries are removed and err
 * says what failed. A name may lie in one subfolder of dir ("plots/x.png"), created if needed;
 * the marker should lie in dir itself. */
int llo_write_set(const char *dir, const llo_file_view *files, int n, char *err, size_t errlen);

/* Whether outputs could be written to dir, checked before any work is done: dir, or the
 * nearest of its parents that exists, must be a folder this process can create files in
 * (tried with a probe file, removed at once). Creates nothing. Returns 0, or -1 with a message
 * naming the path (an empty path, a file, /dev/null, /proc, a read-only mount). */
int llo_check_out_dir(const char *dir, char *err, size_t errlen);

/* Removes dir/name and fsyncs dir so the removal is durable. A file that is already gone
 * is not an error. */
int llo_remove_file(const char *dir, const char *name, char *err, size_t errlen);

/* A growable text buffer. data is NUL-terminated whenever it is not NULL (it is NULL until
 * the first append). On allocation failure failed is set, later appends are ignored, and
 * the contents must not be written: check failed before llo_write_atomic. */
typedef struct llo_buf {
    char *data;
    size_t len, cap;
    int failed;
} llo_buf;

/* Makes b an empty buffer; allocates nothing. */
void llo_buf_init(llo_buf *b);

/* Releases the memory and leaves b empty and usable again. */
void llo_buf_free(llo_buf *b);

/* Appends n bytes (which may include NULs). */
void llo_buf_append(llo_buf *b, const char *s, size_t n);

/* Appends printf-formatted text of any length. */
void llo_buf_printf(llo_buf *b, const char *fmt, ...) LLO_PRINTF(2, 3);

/* Appends s as a quoted JSON string: '"' and '\\' are backslash-escaped and control
 * characters become \u00XX; other bytes (UTF-8) pass through. NULL appends null. */
void llo_buf_json_string(llo_buf *b, const char *s);

#endif
