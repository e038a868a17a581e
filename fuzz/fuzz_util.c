/* The harnesses' scratch folder (fuzz.h). */
#include "fuzz/fuzz.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char scratch[64];

static void remove_scratch(void)
{
    DIR *d = opendir(scratch);
    if (!d) return;
    struct dirent *e;
    char path[512];
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
            snprintf(path, sizeof path, "%s/%s", scratch, e->d_name);
            unlink(path);
        }
    closedir(d);
    rmdir(scratch);
}

void llo_fuzz_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("llosim fuzz: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    abort();
}

const char *llo_fuzz_write(const char *name, const uint8_t *data, size_t size)
{
    static char path[512];
    snprintf(path, sizeof path, "%s/%s", llo_fuzz_dir(), name);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) llo_fuzz_fail("cannot write %s", path);
    return path;
}

const char *llo_fuzz_dir(void)
{
    if (scratch[0]) return scratch;
    snprintf(scratch, sizeof scratch, "/tmp/llosim-fuzz-XXXXXX");
    if (!mkdtemp(scratch)) llo_fuzz_fail("mkdtemp failed");
    atexit(remove_scratch);
    /* The shipped scenarios, so inputs can @include "baseline.cfg" (and it "base/...") as the
     * shipped ones do. */
    char link[512];
    snprintf(link, sizeof link, "%s/baseline.cfg", scratch);
    if (symlink(LLO_FUZZ_SCENARIOS "/baseline.cfg", link) != 0) llo_fuzz_fail("symlink %s failed", link);
    snprintf(link, sizeof link, "%s/base", scratch);
    if (symlink(LLO_FUZZ_SCENARIOS "/base", link) != 0) llo_fuzz_fail("symlink %s failed", link);
    static const char base[] = "# the base an input may include or name\nrun = { months = 12; replicates = 1; };\n";
    llo_fuzz_write("base.cfg", (const uint8_t *)base, sizeof base - 1);
    return scratch;
}
