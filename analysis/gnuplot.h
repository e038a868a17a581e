/* gnuplot, the plotter of every analysis command: started as a child process in a folder of
 * its own, fed a script, its images read back by the caller. */
#ifndef LLA_GNUPLOT_H
#define LLA_GNUPLOT_H

#include <stddef.h>

#include "sim/durable.h"

/* Runs gnuplot with two arguments in folder cwd (NULL: here). Its stdout is discarded, its
 * stderr goes to cwd/gnuplot.log when log is set (else discarded). Returns its exit status,
 * 127 when it could not be started, -1 when it could not be waited for. */
int lla_gnuplot_run(const char *cwd, const char *arg1, const char *arg2, int log);

/* 0 when gnuplot with the pngcairo and svg terminals is here; otherwise -1 and a message in err
 * that ends with `hint` (what the user can do instead; may be empty). */
int lla_gnuplot_available(const char *hint, char *err, size_t errlen);

/* Appends s as a gnuplot string in single quotes (a quote inside doubled). */
void lla_gnuplot_string(llo_buf *b, const char *s);

#endif
