/* Packed tasks (sweep key `pack = true`): instead of a folder of files per task, every process
 * that runs tasks appends them to one file of its own, DIR/packs/<host>-<pid>-<time>.pack, so a
 * sweep of 100,000 tasks makes a few dozen files rather than half a million. A pack is a
 * sequence of records, each written with one write() and fdatasync'd before the next task:
 *
 *   LLOPACK1 task=<I> point=<P> replicate=<R> kind=done|failed sweep=<SHA-256 of sweep.resolved.cfg>
 *            bytes=<N> sha256=<SHA-256 of the N payload bytes>\n      (one line)
 *   <payload: N bytes>\n
 *
 * A done record's payload is the task's kept files, each as `file <name> <length>\n<bytes>`
 * (timeseries.csv with the kept columns, then groups.csv and network.csv if kept: the bytes a
 * task folder would hold); a failed record's payload is the task's messages. A record holds no
 * time stamp, so it is the same bytes whichever process ran it. A record whose line, length,
 * payload hash or framing is wrong (a crash mid-write, a damaged disk) is skipped, the scan
 * resyncs at the next record, and its task counts as not done, so a resume reruns it. */
#ifndef LLO_SWEEP_PACK_H
#define LLO_SWEEP_PACK_H

#include "analysis/sweep/sweep.h"
#include "sim/manifest.h"

/* A process's pack, created at its first record. */
typedef struct llo_pack_writer {
    int fd;                /* 0: not yet created */
    char path[4400];
} llo_pack_writer;

/* Appends one record of task `index` to w (creating DIR/packs/<unique>.pack first if needed):
 * kind 'D' with the given files, or 'F' with the message text in files[0].buf. Durable when it
 * returns 0; -1 with a message in err. */
int llo_pack_append(llo_pack_writer *w, const char *dir, const llo_sweep *sw, const char *sweep_sha, long index,
                    char kind, const llo_out_file *files, int n_files, char *err, size_t errlen);
void llo_pack_close(llo_pack_writer *w);

/* The state of tasks first..last of a sweep folder, packed or not: for `sweep status`, merge,
 * and the drivers' choice of what to run. */
typedef struct llo_sweep_tasks {
    long first, last;
    unsigned char *state;   /* llo_task_state of task first + i */
    char **why;             /* a message per task not done (NULL where none) */
    char **rows;            /* with rows asked for, a done packed task's timeseries.csv (else NULL) */
    size_t *rows_len;
    int n_packs;            /* the pack files read, by name */
    char (*pack_name)[256];
    char (*pack_sha)[65];
    long damaged;           /* records skipped as torn or damaged */
} llo_sweep_tasks;

/* Reads the states of tasks first..last (sw->pack: by scanning every pack; else each task's
 * folder, as llo_sweep_task_state). rows: keep the timeseries.csv of done packed tasks for a
 * merge. Returns 0, or -1 with a message (out of memory, a pack that cannot be read). */
int llo_sweep_tasks_read(const char *dir, const llo_sweep *sw, const char *sweep_sha, long first, long last, int rows,
                         llo_sweep_tasks *t, char *err, size_t errlen);
void llo_sweep_tasks_free(llo_sweep_tasks *t);

#endif
