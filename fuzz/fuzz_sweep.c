/* The sweep-file loader, as `llosim sweep plan FILE` meets it. The input is a sweep file; its
 * `scenario = "base.cfg"` reaches the harness's small base scenario. */
#include <stdlib.h>

#include "analysis/sweep/sweep_file.h"
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = llo_fuzz_write("input.sweep", data, size);
    llo_sweep *sw = calloc(1, sizeof *sw);
    llo_diag *d = calloc(1, sizeof *d);
    if (!sw || !d) llo_fuzz_fail("out of memory");
    int problems = llo_sweep_load(sw, path, NULL, 0, d);
    if (problems != d->count + d->dropped) llo_fuzz_fail("%d problems returned, %d reported", problems, d->count + d->dropped);
    for (int k = 0; k < d->count; k++)
        for (const char *p = d->msg[k]; *p; p++)
            if ((unsigned char)*p < 0x20) llo_fuzz_fail("control character in a message: %s", d->msg[k]);
    free(sw);
    free(d);
    return 0;
}
