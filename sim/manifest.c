/* The common part of every manifest: its head and its tail. */
#include "sim/manifest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sim/version.h"

void llo_manifest_head(llo_buf *m)
{
    llo_buf_printf(m, "{\n  \"llosim_version\": ");
    llo_buf_json_string(m, LLOSIM_VERSION);
    llo_buf_printf(m, ",\n  \"git_describe\": ");
    llo_buf_json_string(m, LLO_GIT_DESCRIBE);
}

void llo_iso_now(char *buf, size_t n)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void llo_manifest_tail(llo_buf *m, int threads, const char *started, const char *finished, int argc, char **argv,
                       const llo_out_file *files, int n_files)
{
    llo_buf_printf(m, ",\n  \"threads\": %d,\n  \"started\": \"%s\",\n  \"finished\": \"%s\",\n  \"command\": [", threads,
                   started, finished);
    for (int k = 0; k < argc; k++) {
        if (k) llo_buf_printf(m, ", ");
        llo_buf_json_string(m, argv[k]);
    }
    llo_buf_printf(m, "],\n  \"files\": {");
    for (int f = 0; f < n_files; f++)
        llo_buf_printf(m, "%s\n    \"%s\": {\"sha256\": \"%s\", \"bytes\": %zu}", f ? "," : "", files[f].name,
                       files[f].sha256, files[f].buf.len);
    llo_buf_printf(m, "\n  }\n}\n");
}

int llo_write_outputs(const char *dir, const llo_out_file *files, int n_files, const char *manifest_name,
                      const llo_buf *manifest, char *err, size_t errlen)
{
    llo_file_view *v = malloc((size_t)(n_files + 1) * sizeof *v);
    if (!v) {
        snprintf(err, errlen, "%s: out of memory", dir);
        return -1;
    }
    for (int f = 0; f < n_files; f++) v[f] = (llo_file_view){files[f].name, files[f].buf.data, files[f].buf.len};
    v[n_files] = (llo_file_view){manifest_name, manifest->data, manifest->len};
    int rc = llo_write_set(dir, v, n_files + 1, err, errlen);
    free(v);
    return rc;
}
