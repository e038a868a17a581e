/* Helpers for tests that drive the llosim command: run it, read what it wrote. */
#ifndef LLO_TESTUTIL_H
#define LLO_TESTUTIL_H

#include <criterion/criterion.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

/* The binary under test: meson passes its path in LLOSIM. */
static inline const char *llosim_bin(void)
{
    const char *b = getenv("LLOSIM");
    return b ? b : "build/llosim";
}

/* Runs `llosim <args>` through the shell, stdout and stderr into `log` (if not NULL); returns the
 * exit code, or -1 if it did not exit normally. */
static inline int run_llosim(const char *log, const char *fmt, ...)
{
    char args[4096], cmd[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(args, sizeof args, fmt, ap);
    va_end(ap);
    snprintf(cmd, sizeof cmd, "'%s' %s >'%s' 2>&1", llosim_bin(), args, log ? log : "/dev/null");
    int st = system(cmd);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Whole file in a malloc'd, NUL-terminated buffer, or NULL. */
static inline char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (cap - n < 2) buf = realloc(buf, cap *= 2);
    }
    fclose(f);
    if (buf) buf[n] = 0;
    if (len) *len = n;
    return buf;
}

/* 1 if both files exist and hold the same bytes. */
static inline int same_file(const char *a, const char *b)
{
    size_t na = 0, nb = 0;
    char *x = slurp(a, &na), *y = slurp(b, &nb);
    int same = x && y && na == nb && memcmp(x, y, na) == 0;
    free(x);
    free(y);
    return same;
}

static inline int path_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

/* A fresh temporary folder for one test. */
static inline void make_tmpdir(char *buf, size_t n)
{
    snprintf(buf, n, "/tmp/llosim-test-XXXXXX");
    cr_assert_not_null(mkdtemp(buf));
}

/* Every `# expect:` line of a corpus file (broken calibration and sweep files) must be among
 * the messages. */
static inline void assert_expectations(const char *path, const char *text)
{
    FILE *f = fopen(path, "r");
    cr_assert_not_null(f);
    char line[1024];
    int n = 0;
    while (fgets(line, sizeof line, f)) {
        char *at = strstr(line, "# expect: ");
        if (!at) continue;
        at += 10;
        at[strcspn(at, "\r\n")] = 0;
        cr_assert_not_null(strstr(text, at), "%s: stderr lacks '%s':\n%s", path, at, text);
        n++;
    }
    fclose(f);
    cr_assert(n > 0, "%s has no # expect: line", path);
}

static inline void remove_tree(const char *dir)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
}

#endif
