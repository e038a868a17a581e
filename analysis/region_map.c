/* The map of the four regions of Noord-Brabant, an inline SVG in report.html: each region filled
 * by its value on a diverging scale (Okabe-Ito blue above zero, vermillion below, light grey at
 * zero and for a region without a value), its name and value written on it, and a legend. The
 * outlines are data shipped with llosim (analysis/regions/noord-brabant.inc), simplified by
 * hand. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "analysis/report_int.h"

typedef struct outline {
    const char *name;
    double corner[24][2]; /* longitude, latitude; ends with {0, 0} */
} outline;

static const outline outlines[] = {
#include "analysis/regions/noord-brabant.inc"
};
#define N_OUTLINES (int)(sizeof outlines / sizeof outlines[0])

/* An equirectangular view at the province's latitude: fine at this size. */
enum { WIDTH = 720, HEIGHT = 470, LEGEND_Y = 420 };
static const double west = 4.12, north = 51.88, pixels = 560, aspect = 0.6225; /* cos(51.5 degrees) */

static double px(double lon) { return 20 + (lon - west) * aspect * pixels; }
static double py(double lat) { return 40 + (north - lat) * pixels; }

/* Linear between light grey (0) and the end colour (|t| = 1). */
static void colour(char out[8], double t)
{
    static const int grey[3] = {0xf2, 0xf2, 0xf2}, blue[3] = {0x00, 0x72, 0xb2}, red[3] = {0xd5, 0x5e, 0x00};
    if (isnan(t)) {
        snprintf(out, 8, "#d9d9d9");
        return;
    }
    const int *end = t >= 0 ? blue : red;
    double a = fmin(1, fabs(t));
    int rgb[3];
    for (int k = 0; k < 3; k++) rgb[k] = (int)lround(grey[k] + a * (end[k] - grey[k]));
    snprintf(out, 8, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
}

/* Text colour readable on a fill of strength |t|. */
static const char *ink(double t) { return !isnan(t) && fabs(t) > 0.55 ? "#ffffff" : "#111111"; }

void lla_region_map(llo_buf *b, const char *const *regions, const double *value, int n, const char *title,
                    const char *unit_words)
{
    double most = 0;
    for (int k = 0; k < n; k++)
        if (!isnan(value[k])) most = fmax(most, fabs(value[k]));
    if (most == 0) most = 1;
    llo_buf_printf(b, "<svg class=\"map\" role=\"img\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                      "font-family=\"sans-serif\" font-size=\"13\">\n<title>",
                   WIDTH, HEIGHT, WIDTH, HEIGHT);
    lla_html_escape(b, title);
    llo_buf_printf(b, "</title>\n<text x=\"20\" y=\"22\" font-size=\"15\" font-weight=\"bold\">");
    lla_html_escape(b, title);
    llo_buf_printf(b, "</text>\n");
    for (int o = 0; o < N_OUTLINES; o++) {
        double v = NAN;
        for (int k = 0; k < n; k++)
            if (!strcmp(regions[k], outlines[o].name)) v = value[k];
        char fill[8];
        colour(fill, v / most);
        llo_buf_printf(b, "<path class=\"region\" data-region=\"%s\" fill=\"%s\" stroke=\"#333\" stroke-width=\"1.2\" d=\"",
                       outlines[o].name, fill);
        double cx = 0, cy = 0;
        int corners = 0;
        for (; outlines[o].corner[corners][0] != 0; corners++) {
            double x = px(outlines[o].corner[corners][0]), y = py(outlines[o].corner[corners][1]);
            llo_buf_printf(b, "%s%.1f %.1f", corners ? " L" : "M", x, y);
            cx += x;
            cy += y;
        }
        llo_buf_printf(b, " Z\"/>\n");
        cx /= corners;
        cy /= corners;
        llo_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"%s\">%s</text>\n", cx, cy - 4,
                       ink(v / most), outlines[o].name);
        llo_buf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"%s\">", cx, cy + 13,
                       ink(v / most));
        if (isnan(v)) llo_buf_printf(b, "no value");
        else lla_sig3(b, v, 1);
        llo_buf_printf(b, "</text>\n");
    }
    /* The legend: seven steps from -most to +most. */
    llo_buf_printf(b, "<text x=\"20\" y=\"%d\">", LEGEND_Y - 8);
    lla_html_escape(b, unit_words);
    llo_buf_printf(b, ":</text>\n");
    for (int k = 0; k < 7; k++) {
        double t = (k - 3) / 3.0;
        char fill[8];
        colour(fill, t);
        llo_buf_printf(b, "<rect x=\"%d\" y=\"%d\" width=\"60\" height=\"14\" fill=\"%s\" stroke=\"#333\" stroke-width=\"0.5\"/>\n",
                       20 + 62 * k, LEGEND_Y, fill);
        llo_buf_printf(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">", 50 + 62 * k, LEGEND_Y + 28);
        lla_sig3_like(b, t * most, most, 1);
        llo_buf_printf(b, "</text>\n");
    }
    llo_buf_printf(b, "<text x=\"470\" y=\"%d\" font-size=\"11\">blue: for the better, orange: for the worse</text>\n",
                   LEGEND_Y + 11);
    llo_buf_printf(b, "</svg>\n");
}
