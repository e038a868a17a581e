/* Progress of the long commands (run, compare, sweep, calibrate) on stderr: how far, the time
 * taken and an estimate of the time left. On a terminal one line is rewritten in place; otherwise
 * (a batch log, a pipe) a plain line is printed every PROGRESS_EVERY seconds and at the end, so a
 * log shows a long job moving. The estimate assumes the rest goes at the pace so far. */
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"

/* Seconds between plain lines when stderr is not a terminal. */
#define PROGRESS_EVERY 5.0
/* Seconds between redraws of the live line (a terminal can take more, a person needs no more). */
#define PROGRESS_REDRAW 0.2

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec / 1e9;
}

void progress_start(progress *p, int quiet)
{
    p->quiet = quiet;
    p->tty = isatty(STDERR_FILENO);
    p->start = now();
    p->last = -1e9;
    p->width = 0;
}

/* "1:05" or "1:02:05". */
static void duration(char *out, size_t n, double s)
{
    long t = s < 0 ? 0 : (long)(s + 0.5);
    if (t >= 3600) snprintf(out, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
    else snprintf(out, n, "%ld:%02ld", t / 60, t % 60);
}

void progress_update(progress *p, double done, double total, int final, const char *fmt, ...)
{
    if (p->quiet) return;
    double t = now(), elapsed = t - p->start;
    if (!final && t - p->last < (p->tty ? PROGRESS_REDRAW : PROGRESS_EVERY)) return;
    p->last = t;
    char what[512], took[32], left[32];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    duration(took, sizeof took, elapsed);
    char line[700];
    int len;
    if (done > 0 && done < total)
        duration(left, sizeof left, elapsed * (total - done) / done),
            len = snprintf(line, sizeof line, "llosim: %s, %.0f%% done, %s elapsed, about %s left", what, 100 * done / total, took,
                           left);
    else len = snprintf(line, sizeof line, "llosim: %s, %.0f%% done, %s elapsed", what, total > 0 ? 100 * done / total : 100.0,
                        took);
    if (p->tty) {
        /* Spaces over what a longer previous line left behind. */
        fprintf(stderr, "\r%s%*s", line, p->width > len ? p->width - len : 0, "");
        p->width = len;
        if (final) {
            fputc('\n', stderr);
            p->width = 0;
        }
    } else fprintf(stderr, "%s\n", line);
    fflush(stderr);
}
