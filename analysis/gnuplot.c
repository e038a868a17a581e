/* Running gnuplot (gnuplot.h). */
#include "analysis/gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int lla_gnuplot_run(const char *cwd, const char *arg1, const char *arg2, int log)
{
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        if (cwd && chdir(cwd) != 0) _exit(126);
        int err = cwd && log ? open("gnuplot.log", O_WRONLY | O_CREAT | O_TRUNC, 0600) : null;
        if (null >= 0) dup2(null, STDOUT_FILENO);
        if (err >= 0) dup2(err, STDERR_FILENO);
        execlp("gnuplot", "gnuplot", arg1, arg2, (char *)NULL);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

int lla_gnuplot_available(const char *hint, char *err, size_t errlen)
{
    int rc = lla_gnuplot_run(NULL, "-e", "set terminal pngcairo; set terminal svg", 0);
    if (rc == 0) return 0;
    snprintf(err, errlen, "%s%s%s",
             rc == 127 ? "gnuplot is not installed; it draws the plots (install it with `make deps`, Debian package gnuplot-nox)"
                       : "gnuplot lacks the pngcairo or svg terminal (install Debian package gnuplot-nox)",
             hint && *hint ? "; " : "", hint ? hint : "");
    return -1;
}

void lla_gnuplot_string(llo_buf *b, const char *s)
{
    llo_buf_append(b, "'", 1);
    for (; *s; s++) {
        if (*s == '\'') llo_buf_append(b, "''", 2);
        else llo_buf_append(b, s, 1);
    }
    llo_buf_append(b, "'", 1);
}
