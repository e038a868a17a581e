/* The scenario loader, as `llosim check FILE --set ...` meets it. The input is a scenario file;
 * after a line `#--set`, each further line is one --set override instead. When the scenario
 * loads, its resolved form (what a run writes as scenario.resolved.cfg) must load again and
 * write back to the very same text: the promise that a run can be repeated from its outputs. */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/scenario.h"
#include "config/settings.h"
#include "fuzz/fuzz.h"

#define MAX_SETS 8

/* The resolved scenario's text, malloc'd. */
static char *resolved_text(const llo_params *p, size_t *len)
{
    char *text = NULL;
    FILE *mem = open_memstream(&text, len);
    if (!mem) llo_fuzz_fail("open_memstream failed");
    if (llo_params_write(p, mem) != 0) llo_fuzz_fail("a loaded scenario could not be written");
    fclose(mem);
    return text;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char marker[] = "\n#--set\n";
    char *copy = malloc(size + 1);
    if (!copy) return 0;
    memcpy(copy, data, size);
    copy[size] = '\0';
    size_t file_len = size;
    const char *sets[MAX_SETS];
    int n_sets = 0;
    char *at = memmem(copy, size, marker, sizeof marker - 1);
    if (at) {
        file_len = (size_t)(at - copy) + 1;
        for (char *line = at + sizeof marker - 1; *line && n_sets < MAX_SETS;) {
            char *eol = strchr(line, '\n');
            if (eol) *eol = '\0';
            sets[n_sets++] = line;
            if (!eol) break;
            line = eol + 1;
        }
    }
    const char *path = llo_fuzz_write("input.cfg", data, file_len);

    llo_scenario *s = calloc(1, sizeof *s), *again = calloc(1, sizeof *again);
    llo_diag *d = calloc(1, sizeof *d);
    if (!s || !again || !d) llo_fuzz_fail("out of memory");
    int problems = llo_scenario_load(s, path, sets, n_sets, d);
    if (problems != d->count + d->dropped) llo_fuzz_fail("%d problems returned, %d reported", problems, d->count + d->dropped);
    for (int k = 0; k < d->count; k++)
        for (const char *p = d->msg[k]; *p; p++)
            if ((unsigned char)*p < 0x20) llo_fuzz_fail("control character in a message: %s", d->msg[k]);
    if (problems == 0) {
        size_t len1, len2;
        char *first = resolved_text(&s->params, &len1);
        const char *rpath = llo_fuzz_write("resolved.cfg", (const uint8_t *)first, len1);
        memset(d, 0, sizeof *d);
        if (llo_scenario_load(again, rpath, NULL, 0, d) != 0)
            llo_fuzz_fail("the resolved scenario does not load: %s\n%s", d->msg[0], first);
        char *second = resolved_text(&again->params, &len2);
        if (len1 != len2 || memcmp(first, second, len1) != 0)
            llo_fuzz_fail("the resolved scenario does not reload to the same text:\n%s\n----\n%s", first, second);
        free(first);
        free(second);
    }
    free(s);
    free(again);
    free(d);
    free(copy);
    return 0;
}
