/* Merging a sweep's tasks: every task's manifest and hashes are checked first, then the kept
 * indicators are gathered in task order (never in the order tasks finished), so the merged files
 * are the same bytes however, wherever and in whatever order the tasks ran. */
#include "analysis/sweep/sweep.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "analysis/sweep/pack.h"
#include "sim/durable.h"
#include "sim/manifest.h"
#include "sim/output.h"
#include "sim/sha256.h"

/* The task statistic averages the indicator over at most this many last written months. */
#define STAT_MONTHS 60

int llo_sweep_load_folder(llo_sweep *sw, const char *dir, llo_diag *d)
{
    char path[4400];
    snprintf(path, sizeof path, "%s/sweep.resolved.cfg", dir);
    FILE *f = fopen(path, "r");
    if (!f) {
        llo_diag_add(d, "%s: not a sweep folder (no sweep.resolved.cfg; `llosim sweep plan` or `run` writes it)", dir);
        return 1;
    }
    fclose(f);
    return llo_sweep_load(sw, path, NULL, 0, d);
}

static void csv_stat(llo_buf *b, double v)
{
    if (isfinite(v)) llo_buf_printf(b, "%.9g", v);
}

static char *read_whole(const char *path, size_t *len)
{
    char *text = NULL;
    FILE *f = fopen(path, "rb");
    if (f) {
        FILE *mem = open_memstream(&text, len);
        char chunk[65536];
        size_t got;
        while (mem && (got = fread(chunk, 1, sizeof chunk, f)) > 0) fwrite(chunk, 1, got, mem);
        if (mem) fclose(mem);
        fclose(f);
    }
    return text;
}

/* One task's timeseries.csv (text, NUL-terminated, cut up here; `where` names it in messages)
 * into merged.csv rows and its statistics (NAN where undefined). */
static int gather(const llo_sweep *sw, char *text, size_t len, const char *where, const char *expected_header,
                  const char *prefix, int months, llo_buf *merged, double *stat, char *err, size_t errlen)
{
    const char *path = where;
    size_t hl = strlen(expected_header);
    if (len < hl || strncmp(text, expected_header, hl) != 0) {
        snprintf(err, errlen, "%s: its header is not the sweep's kept columns", path);
        return -1;
    }
    int k = sw->n_indicators;
    double sum[LLO_SWEEP_MAX_INDICATORS] = {0};
    long count[LLO_SWEEP_MAX_INDICATORS] = {0};
    int first = months - (months < STAT_MONTHS ? months : STAT_MONTHS);
    for (char *line = text + hl; *line;) {
        char *eol = strchr(line, '\n');
        if (eol) *eol = 0;
        char *rest = strchr(line, ',');
        if (rest) {
            llo_buf_printf(merged, "%s%s\n", prefix, rest + 1);
            /* replicate,month,date,region,values... */
            char *fields[4 + LLO_SWEEP_MAX_INDICATORS];
            int nf = 0;
            for (char *tok = line, *next; tok && nf < 4 + k; tok = next) {
                next = strchr(tok, ',');
                if (next) *next++ = 0;
                fields[nf++] = tok;
            }
            if (nf == 4 + k && !strcmp(fields[3], "all") && atoi(fields[1]) >= first)
                for (int j = 0; j < k; j++)
                    if (*fields[4 + j]) {
                        sum[j] += strtod(fields[4 + j], NULL);
                        count[j]++;
                    }
        }
        if (!eol) break;
        line = eol + 1;
    }
    for (int j = 0; j < k; j++) stat[j] = count[j] ? sum[j] / (double)count[j] : NAN;
    return 0;
}

int llo_sweep_merge(const char *dir, int partial, const llo_sweep_options *o, llo_diag *d)
{
    llo_sweep *sw = malloc(sizeof *sw);
    if (!sw) {
        llo_diag_add(d, "out of memory");
        return 1;
    }
    int rc = 2;
    llo_sweep_plan pl = {0};
    double *stats = NULL;
    char *done = NULL;
    char err[4600], sha[65], started[32], finished[32];
    enum { MERGED, POINTS, TASKS, N_OUT };
    llo_out_file out[N_OUT] = {{"merged.csv", {0}, ""}, {"points.csv", {0}, ""}, {"tasks.csv", {0}, ""}};
    for (int f = 0; f < N_OUT; f++) llo_buf_init(&out[f].buf);
    llo_buf inputs;
    llo_buf_init(&inputs);
    llo_iso_now(started, sizeof started);
    int have_states = 0;
    if (llo_sweep_load_folder(sw, dir, d) != 0) goto done;
    if (llo_sweep_plan_build(sw, &pl, err, sizeof err) != 0 || llo_sweep_folder_sha(dir, sha, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", err);
        rc = 1;
        goto done;
    }
    int R = llo_sweep_replicates(sw), k = sw->n_indicators, A = sw->n_axes;
    long T = sw->tasks;
    llo_sweep_tasks states;
    if (llo_sweep_tasks_read(dir, sw, sha, 0, T - 1, sw->pack, &states, err, sizeof err) != 0) {
        llo_diag_add(d, "%s", err);
        rc = 1;
        goto done;
    }
    have_states = 1;
    stats = malloc((size_t)T * (size_t)k * sizeof *stats);
    done = calloc((size_t)T, 1);
    if (!stats || !done) {
        llo_diag_add(d, "out of memory");
        rc = 1;
        goto done;
    }
    long n_done = 0, n_bad = 0;
    for (long i = 0; i < T; i++) {
        llo_task_state st = states.state[i];
        const char *why = states.why[i] ? states.why[i] : "not run";
        if (st == LLO_TASK_DONE) {
            done[i] = 1;
            n_done++;
        } else {
            if (!partial && n_bad < 20)
                llo_diag_add(d, "%s: task %ld (point %ld, replicate %ld) is %s: %s", dir, i, i / R, i % R + 1,
                             st == LLO_TASK_MISSING ? "missing" : "failed", why);
            n_bad++;
        }
    }
    if (n_bad && !partial) {
        llo_diag_add(d, "%s: %ld of %ld tasks are not done; finish them (`llosim sweep run ... --resume`) or merge what "
                     "is there with --partial. Nothing was written", dir, n_bad, T);
        /* An earlier merge is a result in its own right and stays, but must not pass for current. */
        char earlier[4400];
        struct stat est;
        snprintf(earlier, sizeof earlier, "%s/manifest.json", dir);
        if (stat(earlier, &est) == 0)
            llo_diag_add(d, "%s: merged.csv, points.csv, tasks.csv and manifest.json there are an earlier merge, kept as "
                         "they were: they do not reflect the tasks as they are now", dir);
        goto done;
    }
    if (!n_done) {
        llo_diag_add(d, "%s: no task is done; nothing to merge", dir);
        goto done;
    }

    /* Headers: the axes by their labels, the indicators by their column names. */
    char header[8192];
    int hl = snprintf(header, sizeof header, "replicate,month,date,region");
    for (int j = 0; j < k; j++)
        hl += snprintf(header + hl, sizeof header - (size_t)hl, ",%s", llo_timeseries_column_name((size_t)sw->indicator[j]));
    snprintf(header + hl, sizeof header - (size_t)hl, "\n");
    llo_buf *mg = &out[MERGED].buf, *pt = &out[POINTS].buf, *tk = &out[TASKS].buf;
    llo_buf_printf(mg, "point,replicate");
    llo_buf_printf(pt, "point");
    for (int a = 0; a < A; a++) {
        llo_buf_printf(mg, ",%s", sw->axes[a].label);
        llo_buf_printf(pt, ",%s", sw->axes[a].label);
    }
    llo_buf_printf(mg, ",month,date,region");
    for (int j = 0; j < k; j++) llo_buf_printf(mg, ",%s", llo_timeseries_column_name((size_t)sw->indicator[j]));
    llo_buf_printf(mg, "\n");
    llo_buf_printf(pt, ",indicator,mean,sd,ci_low,ci_high,replicates\n");
    llo_buf_printf(tk, "point,replicate,indicator,value\n");

    for (long i = 0; i < T; i++) {
        if (!done[i]) continue;
        long point = i / R;
        char path[4400], prefix[8192], cell[LLO_NAME_MAX + 32], hex[65];
        int pl_len = snprintf(prefix, sizeof prefix, "%ld,%ld", point, i % R + 1);
        for (int a = 0; a < A; a++) {
            llo_sweep_axis_text(sw, a, pl.value[point * A + a], cell, sizeof cell);
            pl_len += snprintf(prefix + pl_len, sizeof prefix - (size_t)pl_len, ",%s", cell);
        }
        snprintf(prefix + pl_len, sizeof prefix - (size_t)pl_len, ",");
        int bad;
        if (sw->pack) {
            snprintf(path, sizeof path, "%s/packs: task %ld's timeseries.csv", dir, i);
            bad = !states.rows[i] || gather(sw, states.rows[i], states.rows_len[i], path, header, prefix,
                                            sw->base.params.months, mg, stats + i * k, err, sizeof err) != 0;
            if (!states.rows[i]) snprintf(err, sizeof err, "out of memory");
        } else {
            size_t len = 0;
            snprintf(path, sizeof path, "%s/tasks/p%ld-r%ld/timeseries.csv", dir, point, i % R + 1);
            char *text = read_whole(path, &len);
            if (!text) snprintf(err, sizeof err, "%s: cannot read", path);
            bad = !text || gather(sw, text, len, path, header, prefix, sw->base.params.months, mg, stats + i * k, err,
                                  sizeof err) != 0;
            free(text);
        }
        if (bad) {
            llo_diag_add(d, "%s", err);
            rc = 1;
            goto done;
        }
        for (int j = 0; j < k; j++) {
            llo_buf_printf(tk, "%ld,%ld,%s,", point, i % R + 1, llo_timeseries_column_name((size_t)sw->indicator[j]));
            csv_stat(tk, stats[i * k + j]);
            llo_buf_printf(tk, "\n");
        }
        if (sw->pack) continue; /* the packs are listed below, whole */
        snprintf(path, sizeof path, "%s/tasks/p%ld-r%ld/manifest.json", dir, point, i % R + 1);
        if (llo_sha256_file(path, hex, err, sizeof err) != 0) {
            llo_diag_add(d, "%s", err);
            rc = 1;
            goto done;
        }
        llo_buf_printf(&inputs, "%s\n    \"tasks/p%ld-r%ld/manifest.json\": \"%s\"", inputs.len ? "," : "", point,
                       i % R + 1, hex);
    }
    for (int p = 0; sw->pack && p < states.n_packs; p++)
        llo_buf_printf(&inputs, "%s\n    \"packs/%s\": \"%s\"", inputs.len ? "," : "", states.pack_name[p],
                       states.pack_sha[p]);
    /* Per point: mean, standard deviation and a 95% t interval over the replicates whose
     * statistic is defined. */
    for (long point = 0; point < sw->points; point++) {
        char axes[8192];
        int al = 0;
        axes[0] = 0;
        for (int a = 0; a < A; a++) {
            char cell[LLO_NAME_MAX + 32];
            llo_sweep_axis_text(sw, a, pl.value[point * A + a], cell, sizeof cell);
            al += snprintf(axes + al, sizeof axes - (size_t)al, ",%s", cell);
        }
        for (int j = 0; j < k; j++) {
            double sum = 0, ss = 0;
            int n = 0;
            for (int r = 0; r < R; r++) {
                long i = point * R + r;
                if (done[i] && isfinite(stats[i * k + j])) {
                    sum += stats[i * k + j];
                    n++;
                }
            }
            double mean = n ? sum / n : NAN, sd = NAN, lo = NAN, hi = NAN;
            if (n > 1) {
                for (int r = 0; r < R; r++) {
                    long i = point * R + r;
                    if (done[i] && isfinite(stats[i * k + j])) ss += (stats[i * k + j] - mean) * (stats[i * k + j] - mean);
                }
                sd = sqrt(ss / (n - 1));
                double half = gsl_cdf_tdist_Pinv(0.975, n - 1) * sd / sqrt((double)n);
                lo = mean - half;
                hi = mean + half;
            }
            llo_buf_printf(pt, "%ld%s,%s,", point, axes, llo_timeseries_column_name((size_t)sw->indicator[j]));
            csv_stat(pt, mean);
            llo_buf_printf(pt, ",");
            csv_stat(pt, sd);
            llo_buf_printf(pt, ",");
            csv_stat(pt, lo);
            llo_buf_printf(pt, ",");
            csv_stat(pt, hi);
            llo_buf_printf(pt, ",%d\n", n);
        }
    }
    for (int f = 0; f < N_OUT; f++)
        if (out[f].buf.failed || inputs.failed) {
            llo_diag_add(d, "out of memory building %s", out[f].name);
            rc = 1;
            goto done;
        }
    rc = 1;
    for (int f = 0; f < N_OUT; f++) llo_sha256_hex(out[f].buf.data, out[f].buf.len, out[f].sha256);
    llo_iso_now(finished, sizeof finished);
    llo_buf m;
    llo_buf_init(&m);
    llo_manifest_head(&m);
    llo_buf_printf(&m, ",\n  \"sweep\": ");
    llo_buf_json_string(&m, sw->name);
    llo_buf_printf(&m, ",\n  \"sweep_sha256\": \"%s\",\n  \"partial\": %s,\n  \"tasks\": %ld,\n  \"tasks_merged\": %ld",
                   sha, n_bad ? "true" : "false", T, n_done);
    llo_buf_printf(&m, ",\n  \"statistic_months\": %d", sw->base.params.months < STAT_MONTHS ? sw->base.params.months : STAT_MONTHS);
    llo_buf_printf(&m, ",\n  \"inputs\": {%s\n  }", inputs.data ? inputs.data : "");
    llo_manifest_tail(&m, 1, started, finished, o->argc, o->argv, out, N_OUT);
    /* One set, manifest last: an earlier merge stays whole until this one is written. */
    if (m.failed || llo_write_outputs(dir, out, N_OUT, "manifest.json", &m, err, sizeof err) != 0)
        llo_diag_add(d, "%s", m.failed ? "out of memory building manifest.json" : err);
    else rc = 0;
    llo_buf_free(&m);
    if (rc == 0 && !o->quiet)
        printf("merged %ld of %ld tasks: %s/ (merged.csv, points.csv, tasks.csv, manifest.json)\n", n_done, T, dir);
done:
    if (have_states) llo_sweep_tasks_free(&states);
    for (int f = 0; f < N_OUT; f++) llo_buf_free(&out[f].buf);
    llo_buf_free(&inputs);
    llo_sweep_plan_free(&pl);
    free(stats);
    free(done);
    free(sw);
    return rc;
}
