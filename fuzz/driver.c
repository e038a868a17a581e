/* Replays inputs through a harness without libFuzzer, so `make test` checks the corpus and every
 * past crash with the ordinary compiler. Each argument is a file or a folder of files (not
 * recursive); one TAP line per input. A harness that aborts fails the test, as it should. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz/fuzz.h"

static int count;

static void replay(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("not ok %d - %s: cannot open\n", ++count, path);
        return;
    }
    size_t cap = 4096, n = 0, got;
    uint8_t *buf = malloc(cap);
    while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (!buf) {
        printf("not ok %d - %s: out of memory\n", ++count, path);
        return;
    }
    /* An exact-size copy, so AddressSanitizer sees a read past the input's end. */
    uint8_t *exact = malloc(n ? n : 1);
    memcpy(exact, buf, n);
    free(buf);
    fflush(stdout);
    LLVMFuzzerTestOneInput(exact, n);
    free(exact);
    printf("ok %d - %s\n", ++count, path);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv)
{
    for (int k = 1; k < argc; k++) {
        struct stat st;
        if (stat(argv[k], &st) != 0) {
            printf("not ok %d - %s: missing\n", ++count, argv[k]);
            continue;
        }
        if (!S_ISDIR(st.st_mode)) {
            replay(argv[k]);
            continue;
        }
        DIR *d = opendir(argv[k]);
        char **names = NULL;
        int n = 0;
        struct dirent *e;
        while (d && (e = readdir(d)))
            if (e->d_name[0] != '.') {
                names = realloc(names, (size_t)(n + 1) * sizeof *names);
                size_t len = strlen(argv[k]) + strlen(e->d_name) + 2;
                names[n] = malloc(len);
                snprintf(names[n++], len, "%s/%s", argv[k], e->d_name);
            }
        if (d) closedir(d);
        if (n) qsort(names, (size_t)n, sizeof *names, by_name);
        for (int i = 0; i < n; i++) {
            replay(names[i]);
            free(names[i]);
        }
        free(names);
    }
    printf("1..%d\n", count);
    return 0;
}
