/* A run: every replicate of a scenario, simulated and written. Outputs are built in memory,
 * then written as one set with the manifest last (llo_write_outputs), so its presence means the
 * run is complete and an earlier complete run in the folder survives until this one is. */
#include <limits.h>
#include <omp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/durable.h"
#include "sim/manifest.h"
#include "sim/llosim.h"
#include "sim/output.h"
#include "sim/rng.h"
#include "sim/run_checkpoint.h"
#include "sim/sha256.h"

static void manifest(llo_buf *m, const llo_scenario *s, const llo_run_options *o, const llo_out_file *files, int n_files,
                     const char *started, const char *finished, int threads, const char *dir, const llo_run_source *src)
{
    const llo_params *p = &s->params;
    llo_manifest_head(m);
    llo_buf_printf(m, ",\n  \"scenario\": ");
    llo_buf_json_string(m, p->name);
    llo_buf_printf(m, ",\n  \"scenario_file\": ");
    llo_buf_json_string(m, s->path);
    llo_buf_printf(m, ",\n  \"resolved_scenario_sha256\": \"%s\"", files[0].sha256);
    llo_buf_printf(m, ",\n  \"master_seed\": %lld", (long long)p->seed);
    llo_buf_printf(m, ",\n  \"replicate_seeds\": [");
    for (int r = 1; r <= p->replicates; r++)
        llo_buf_printf(m, "%s\"%llu\"", r > 1 ? ", " : "", (unsigned long long)llo_rng_derive_seed((uint64_t)p->seed, 0, (uint64_t)r));
    llo_buf_printf(m, "],\n  \"replicates\": %d,\n  \"months\": %d,\n  \"burn_in_months\": %d,\n  \"scale\": %.17g",
                   p->replicates, p->months, p->burn_in_months, p->scale);
    llo_run_manifest_checkpoints(m, dir, src);
    llo_manifest_tail(m, threads, started, finished, o->argc, o->argv, files, n_files);
}

void llo_run_dir(const llo_params *p, const llo_run_options *o, char *dir, size_t n)
{
    if (o->out_dir) snprintf(dir, n, "%s", o->out_dir);
    else if (o->resume) snprintf(dir, n, "%s", o->resume);
    else snprintf(dir, n, "out/%s", p ? p->name : "");
}

int llo_run(const llo_scenario *s, const llo_run_options *o, llo_diag *d)
{
    /* Checkpoints to start from are checked before anything is written. */
    llo_run_source *src = NULL;
    if ((o->resume || o->from) && llo_run_source_open(s, o, &src, d) != 0) return LLO_RUN_REFUSED;
    if (o->resume) s = llo_run_source_scenario(src);
    llo_ckpt_schedule schedule;
    llo_run_schedule(o, src, &schedule);
    const llo_params *p = &s->params;
    if (o->threads > 0) omp_set_num_threads(o->threads);
    int threads = omp_get_max_threads();
    char dir[4200], err[512], started[32], finished[32];
    llo_run_dir(p, o, dir, sizeof dir);
    llo_iso_now(started, sizeof started);

    enum { N_FILES = 4 };
    llo_out_file files[N_FILES] = {{"scenario.resolved.cfg", {0}, ""}, {"timeseries.csv", {0}, ""}, {"groups.csv", {0}, ""},
                               {"network.csv", {0}, ""}};
    for (int f = 0; f < N_FILES; f++) llo_buf_init(&files[f].buf);
    char *resolved = NULL;
    size_t resolved_len = 0;
    FILE *mem = open_memstream(&resolved, &resolved_len);
    if (!mem || llo_params_write(p, mem) != 0) {
        if (mem) fclose(mem);
        free(resolved);
        llo_diag_add(d, "cannot format the resolved scenario");
        llo_run_source_free(src);
        return -1;
    }
    fclose(mem);
    llo_buf_append(&files[0].buf, resolved, resolved_len);
    free(resolved);
    llo_timeseries_header(&files[1].buf);
    llo_groups_header(&files[2].buf);
    llo_network_header(&files[3].buf);

    int rc = 0, first, last;
    if (!o->resume && !o->from && llo_run_clear_checkpoints(dir, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", err);
        rc = -1;
    }
    llo_world *w = NULL;
    llo_buf *outputs[LLO_RUN_OUTPUTS] = {&files[1].buf, &files[2].buf, &files[3].buf};
    llo_run_source_replicates(src, p->replicates, &first, &last);
    for (int rep = first; rep <= last && rc == 0; rep++) {
        size_t rep_begin[LLO_RUN_OUTPUTS];
        int started_at = INT_MIN; /* the month a replicate started from a checkpoint: not written again */
        int from_checkpoint = llo_run_source_start(src, rep, p, &w, outputs, rep_begin, err, sizeof err);
        if (from_checkpoint < 0) {
            llo_diag_add(d, "%s", err);
            rc = -1;
            break;
        }
        if (from_checkpoint) started_at = llo_world_month(w);
        else {
            if (!w) w = llo_world_alloc(p, rep, err, sizeof err);
            else llo_world_reset(w, rep);
            if (!w) {
                llo_diag_add(d, "%s", err);
                rc = -1;
                break;
            }
            for (int f = 0; f < LLO_RUN_OUTPUTS; f++) rep_begin[f] = files[1 + f].buf.len;
        }
        while (llo_world_month(w) < p->months && rc == 0) {
            if (llo_world_month(w) != started_at && llo_run_checkpoint_due(&schedule, llo_world_month(w), p->months) &&
                llo_run_checkpoint_write(dir, w, s, rep, &schedule, outputs, rep_begin, err, sizeof err) != 0) {
                llo_diag_add(d, "%s", err);
                rc = -1;
                break;
            }
            llo_world_step(w);
            if (o->check_invariants && llo_world_check(w, err, sizeof err) != 0) {
                llo_diag_add(d, "replicate %d, month %d: invariant violated: %s", rep, llo_world_month(w) - 1, err);
                rc = -1;
            }
            const llo_month_stats *st = llo_world_stats(w);
            if (st->month < 0) {
                int burnt = p->burn_in_months + st->month + 1;
                if (o->progress && burnt % 6 == 0)
                    o->progress(&(llo_run_progress){rep, p->replicates, 0, p->months, burnt, p->burn_in_months}, o->progress_ctx);
                continue;
            }
            llo_timeseries_rows(&files[1].buf, p, rep, st);
            llo_groups_rows(&files[2].buf, p, rep, st);
            llo_network_rows(&files[3].buf, p, rep, st);
            if (o->progress && (st->month % 6 == 5 || st->month == p->months - 1))
                o->progress(&(llo_run_progress){rep, p->replicates, st->month + 1, p->months, p->burn_in_months, p->burn_in_months},
                            o->progress_ctx);
        }
    }
    llo_world_free(w);
    if (rc) goto done;
    for (int f = 0; f < N_FILES; f++)
        if (files[f].buf.failed) {
            llo_diag_add(d, "out of memory building %s", files[f].name);
            rc = -1;
            goto done;
        }

    /* Writing: every file and the manifest as one set, so an earlier complete run in the folder
     * stays whole until this one is (llo_write_set). */
    if (llo_mkdir_p(dir, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", err);
        rc = -1;
        goto done;
    }
    for (int f = 0; f < N_FILES; f++) llo_sha256_hex(files[f].buf.data, files[f].buf.len, files[f].sha256);
    llo_iso_now(finished, sizeof finished);
    llo_buf m;
    llo_buf_init(&m);
    manifest(&m, s, o, files, N_FILES, started, finished, threads, dir, src);
    if (m.failed || llo_write_outputs(dir, files, N_FILES, "manifest.json", &m, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", m.failed ? "out of memory building manifest.json" : err);
        rc = -1;
    }
    llo_buf_free(&m);
done:
    for (int f = 0; f < N_FILES; f++) llo_buf_free(&files[f].buf);
    llo_run_source_free(src);
    return rc;
}
