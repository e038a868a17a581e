/* What every command that writes a folder of results shares: the files waiting to be written,
 * the time stamps, and the tail of a manifest (the command line and every file's hash). */
#ifndef LLO_MANIFEST_H
#define LLO_MANIFEST_H

#include <stddef.h>
#include "sim/durable.h"

/* An output file built in memory, written atomically, and vouched for by the manifest. */
typedef struct llo_out_file {
    const char *name;
    llo_buf buf;
    char sha256[65];
} llo_out_file;

/* The current time as ISO 8601 in UTC, e.g. 2026-11-22T12:00:00Z. */
void llo_iso_now(char *buf, size_t n);

/* Opens a manifest: `{"llosim_version": .., "git_describe": ..` (one function for every command
 * that writes one, so that every manifest says what wrote it in the same words); the caller
 * goes on with `,\n  "its_field": ..` and ends with llo_manifest_tail. */
void llo_manifest_head(llo_buf *m);

/* Appends `"threads": .., "started": .., "finished": .., "command": [..], "files": {..}` and
 * closes the manifest's object; the caller has written the opening and its own fields. */
void llo_manifest_tail(llo_buf *m, int threads, const char *started, const char *finished, int argc, char **argv,
                       const llo_out_file *files, int n_files);

/* Writes files[0..n_files) and then the manifest under manifest_name into dir, as one set
 * (llo_write_set): an earlier complete set stays intact, manifest and all, until the new one is
 * written in full. The files' sha256 must already be filled in the manifest. */
int llo_write_outputs(const char *dir, const llo_out_file *files, int n_files, const char *manifest_name,
                      const llo_buf *manifest, char *err, size_t errlen);

#endif
