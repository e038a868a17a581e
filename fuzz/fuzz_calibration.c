/* The calibration-file loader, as `llosim calibrate FILE --check` meets it. The input is a
 * calibration file; its `scenario = "base.cfg"` reaches the harness's small base scenario. */
#include <stdlib.h>

#include "analysis/calibration/calibration_file.h"
#include "fuzz/fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = llo_fuzz_write("input.calib", data, size);
    llo_calibration *c = calloc(1, sizeof *c);
    llo_diag *d = calloc(1, sizeof *d);
    if (!c || !d) llo_fuzz_fail("out of memory");
    int problems = llo_calibration_load(c, path, d);
    if (problems != d->count + d->dropped) llo_fuzz_fail("%d problems returned, %d reported", problems, d->count + d->dropped);
    for (int k = 0; k < d->count; k++)
        for (const char *p = d->msg[k]; *p; p++)
            if ((unsigned char)*p < 0x20) llo_fuzz_fail("control character in a message: %s", d->msg[k]);
    free(c);
    free(d);
    return 0;
}
