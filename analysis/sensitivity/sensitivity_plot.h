/* The sensitivity plots, drawn by gnuplot into memory (PNG and SVG) so they can be written
 * atomically with the tables. */
#ifndef LLA_SENSITIVITY_PLOT_H
#define LLA_SENSITIVITY_PLOT_H

#include <stddef.h>

#include "sim/durable.h"
#include "analysis/sensitivity/sensitivity.h"

/* 0 if gnuplot with the pngcairo and svg terminals can be run; else -1 and a message. */
int lla_sens_plots_available(char *err, size_t errlen);

/* Horizontal bars of ST and S1 with their intervals, the most influential axis on top. */
int lla_sobol_plot(const char *title, size_t k, char *const *axis_name, const lla_sobol_index *ix, const int *rank,
                   llo_buf *png, llo_buf *svg, char *err, size_t errlen);

/* mu* against sigma, each axis a labelled point. */
int lla_morris_plot(const char *title, size_t k, char *const *axis_name, const lla_morris_effect *e, llo_buf *png,
                    llo_buf *svg, char *err, size_t errlen);

#endif
