/* Sensitivity plots by gnuplot: data and script go to a private temporary folder, gnuplot draws
 * there, and the images come back into memory for an atomic write beside the tables. */
#include "analysis/sensitivity/sensitivity_plot.h"

#include "analysis/gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int lla_sens_plots_available(char *err, size_t errlen)
{
    return lla_gnuplot_available("--no-plots writes the tables alone", err, errlen);
}

static int put_file(const char *dir, const char *name, const llo_buf *b, char *err, size_t errlen)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f || (b->len && fwrite(b->data, 1, b->len, f) != b->len) || fclose(f) != 0) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return -1;
    }
    return 0;
}

static int get_file(const char *dir, const char *name, llo_buf *b, char *err, size_t errlen)
{
    char path[512], chunk[65536];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "gnuplot did not draw %s: %s", name, strerror(errno));
        return -1;
    }
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) llo_buf_append(b, chunk, got);
    fclose(f);
    if (b->failed) snprintf(err, errlen, "out of memory reading a plot");
    return b->failed ? -1 : 0;
}

/* Draws `script` (which reads data.dat and writes out.png, then out.svg) into png and svg. */
static int draw(const llo_buf *data, const llo_buf *script, llo_buf *png, llo_buf *svg, char *err, size_t errlen)
{
    if (data->failed || script->failed) {
        snprintf(err, errlen, "out of memory building a plot");
        return -1;
    }
    char tmp[] = "/tmp/llosim-plot-XXXXXX";
    if (!mkdtemp(tmp)) {
        snprintf(err, errlen, "a temporary folder for the plots: %s", strerror(errno));
        return -1;
    }
    int rc = put_file(tmp, "data.dat", data, err, errlen) || put_file(tmp, "plot.gp", script, err, errlen) ? -1 : 0;
    if (!rc && lla_gnuplot_run(tmp, "plot.gp", NULL, 0) != 0) {
        snprintf(err, errlen, "gnuplot failed to draw a plot");
        rc = -1;
    }
    if (!rc) rc = get_file(tmp, "out.png", png, err, errlen) || get_file(tmp, "out.svg", svg, err, errlen) ? -1 : 0;
    static const char *const made[] = {"data.dat", "plot.gp", "out.png", "out.svg"};
    for (size_t f = 0; f < sizeof made / sizeof made[0]; f++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", tmp, made[f]);
        unlink(path);
    }
    rmdir(tmp);
    return rc;
}

static void num(llo_buf *b, double x) { isfinite(x) ? llo_buf_printf(b, " %.9g", x) : llo_buf_printf(b, " NaN"); }

/* The PNG, then the same plot again as SVG. */
static void terminals(llo_buf *s, int height, const char *title)
{
    llo_buf_printf(s, "set terminal pngcairo size 900,%d font 'sans,10' noenhanced\nset output 'out.png'\nset title ", height);
    lla_gnuplot_string(s, title);
    llo_buf_printf(s, "\n");
}

static void replot_svg(llo_buf *s, int height)
{
    llo_buf_printf(s, "set terminal svg size 900,%d font 'sans,10' noenhanced background rgb 'white'\n"
                      "set output 'out.svg'\nreplot\nunset output\n", height);
}

int lla_sobol_plot(const char *title, size_t k, char *const *axis_name, const lla_sobol_index *ix, const int *rank,
                   llo_buf *png, llo_buf *svg, char *err, size_t errlen)
{
    llo_buf data, s;
    llo_buf_init(&data);
    llo_buf_init(&s);
    double lo = 0.0, hi = 0.0;
    for (size_t j = 0; j < k; j++) {
        const lla_sobol_index *x = &ix[j];
        double v[6] = {x->st, x->st_low, x->st_high, x->s1, x->s1_low, x->s1_high};
        llo_buf_printf(&data, "%zu", k - (size_t)rank[j] + 1); /* rank 1 on top */
        for (int c = 0; c < 6; c++) {
            num(&data, v[c]);
            if (isfinite(v[c])) lo = fmin(lo, v[c]), hi = fmax(hi, v[c]);
        }
        llo_buf_append(&data, "\n", 1);
    }
    if (!(hi > lo)) hi = lo + 1.0;
    int height = 160 + 46 * (int)k;
    terminals(&s, height, title);
    llo_buf_printf(&s, "set xlabel 'share of the output variance'\nset grid xtics\nset border 3\nset tics nomirror\n"
                       "set key outside bottom center horizontal\nset style fill solid 0.85 border -1\n"
                       "set xrange [%.6g:%.6g]\nset yrange [0.4:%zu.6]\nset ytics (",
                   lo - 0.02 * (hi - lo), hi + 0.05 * (hi - lo), k);
    for (size_t j = 0; j < k; j++) {
        llo_buf_printf(&s, "%s", j ? ", " : "");
        lla_gnuplot_string(&s, axis_name[j]);
        llo_buf_printf(&s, " %zu", k - (size_t)rank[j] + 1);
    }
    llo_buf_printf(&s, ")\nplot 'data.dat' using ($2/2):($1+0.17):(abs($2)/2):(0.15) with boxxyerror lc rgb '#1b6ca8' "
                       "title 'total (ST)', \\\n"
                       "  '' using 3:($1+0.17):3:4 with xerrorbars pt 0 lc rgb '#222222' notitle, \\\n"
                       "  '' using ($5/2):($1-0.17):(abs($5)/2):(0.15) with boxxyerror lc rgb '#edae49' "
                       "title 'first-order (S1)', \\\n"
                       "  '' using 6:($1-0.17):6:7 with xerrorbars pt 0 lc rgb '#222222' notitle\n");
    /* xerrorbars with x = the low end draws the whisker from low to high without a centre mark. */
    replot_svg(&s, height);
    int rc = draw(&data, &s, png, svg, err, errlen);
    llo_buf_free(&data);
    llo_buf_free(&s);
    return rc;
}

int lla_morris_plot(const char *title, size_t k, char *const *axis_name, const lla_morris_effect *e, llo_buf *png,
                    llo_buf *svg, char *err, size_t errlen)
{
    llo_buf data, s;
    llo_buf_init(&data);
    llo_buf_init(&s);
    double top = 0.0;
    for (size_t j = 0; j < k; j++) {
        double sigma = isfinite(e[j].sigma) ? e[j].sigma : 0.0; /* one trajectory: no spread to show */
        double conf = isfinite(e[j].mu_star_conf) ? e[j].mu_star_conf : 0.0; /* no bootstrap: no bar */
        num(&data, e[j].mu_star);
        num(&data, sigma);
        num(&data, conf);
        llo_buf_append(&data, " \"", 2);
        for (const char *c = axis_name[j]; *c; c++) llo_buf_append(&data, *c == '"' ? "'" : c, 1);
        llo_buf_append(&data, "\"\n", 2);
        if (isfinite(e[j].mu_star)) top = fmax(top, fmax(e[j].mu_star + conf, sigma));
    }
    if (!(top > 0.0)) top = 1.0;
    terminals(&s, 600, title);
    llo_buf_printf(&s, "set xlabel 'mu* (mean absolute elementary effect, per whole axis range)'\n"
                       "set ylabel 'sigma (spread of the effects: non-linearity or interactions)'\n"
                       "set grid\nset border 3\nset tics nomirror\nset key top left\n"
                       "set xrange [0:%.6g]\nset yrange [0:%.6g]\n"
                       "plot 'data.dat' using 1:2:3 with xerrorbars pt 7 ps 1.3 lc rgb '#1b6ca8' "
                       "title 'axes (bar: the 95%% bootstrap interval of mu*, when asked for)', \\\n"
                       "  '' using 1:2:4 with labels left offset char 1,0.5 notitle, \\\n"
                       "  x with lines dt 2 lc rgb '#888888' title 'sigma = mu*'\n",
                   top * 1.25, top * 1.15);
    replot_svg(&s, 600);
    int rc = draw(&data, &s, png, svg, err, errlen);
    llo_buf_free(&data);
    llo_buf_free(&s);
    return rc;
}
