/* The regions: per alternative, a table of the four labour-market regions against the key
 * indicators (levels and paired differences at 1:1) and a map coloured by the change in the
 * employed's participation (region_map.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/report_int.h"

static const char *const region_keys[] = {"participation_24m_employed", "participation_24m_low_educated",
                                          "participation_24m_unemployed", "never_trained_employed", "course_starts",
                                          "public_money"};
static const char *const region_heads[] = {"participation, employed (%)", "participation, low-educated (%)",
                                           "participation, job seekers (%)", "never trained, employed (%)",
                                           "courses started (a month)", "public money (&euro; a year)"};
#define N_REGION (int)(sizeof region_keys / sizeof region_keys[0])

void lla_report_regions(llo_buf *b, const lla_comparison *c)
{
    const lla_run *base = c->runs[0];
    llo_buf_printf(b, "<h2 id=\"regions\">Regions</h2>\n<p class=\"note\">The same measures for each labour-market "
                      "region, at 1:1, with the scenario's level and its difference from the base (95%% interval). The "
                      "model has no commuting between regions and travel is by pair of regions (docs/model.md 11.1). "
                      "The map's outlines are simplified by hand (analysis/regions/noord-brabant.inc).</p>\n");
    if (base->n_regions <= 0) return;
    const char **names = malloc((size_t)base->n_regions * sizeof *names);
    double *effect = malloc((size_t)base->n_regions * sizeof *effect);
    if (!names || !effect) {
        free(names);
        free(effect);
        return;
    }
    for (int alt = 1; alt < c->n_runs; alt++) {
        llo_buf_printf(b, "<h3>");
        lla_html_escape(b, c->runs[alt]->shape.name);
        llo_buf_printf(b, " compared with ");
        lla_html_escape(b, base->shape.name);
        llo_buf_printf(b, "</h3>\n<table class=\"regions\">\n<tr><th>region</th>");
        for (int k = 0; k < N_REGION; k++) llo_buf_printf(b, "<th>%s</th>", region_heads[k]);
        llo_buf_printf(b, "</tr>\n");
        for (int r = 0; r < base->n_regions; r++) {
            names[r] = base->regions[r];
            effect[r] = NAN;
            llo_buf_printf(b, "<tr><td>");
            lla_html_escape(b, base->regions[r]);
            llo_buf_printf(b, "</td>");
            for (int k = 0; k < N_REGION; k++) {
                lla_guess scratch;
                const lla_measure *m = lla_measure_of(base, region_keys[k], &scratch);
                if (!m) {
                    llo_buf_printf(b, "<td>&ndash;</td>");
                    continue;
                }
                lla_paired p = lla_measure_paired(c, alt, m, base->regions[r]);
                if (k == 0) effect[r] = p.d.mean;
                lla_verdict v = lla_verdict_of(&p, lla_threshold_of(c, m, p.base));
                llo_buf_printf(b, "<td class=\"%s%s\">", lla_direction_class(&p, m), v == LLA_NOT_CLEAR ? " unsure" : "");
                if (m->unit == LLA_UNIT_EUR) llo_buf_printf(b, "&euro;");
                lla_sig3(b, p.alt, 0);
                llo_buf_printf(b, "<br>");
                lla_difference_cell(b, &p, m->unit, 1);
                llo_buf_printf(b, "</td>");
            }
            llo_buf_printf(b, "</tr>\n");
        }
        llo_buf_printf(b, "</table>\n<figure class=\"map\">\n");
        char title[400];
        snprintf(title, sizeof title, "%s: change in two-year participation of employed workers", c->runs[alt]->shape.name);
        lla_region_map(b, names, effect, base->n_regions, title, "percentage points against the base");
        llo_buf_printf(b, "</figure>\n");
    }
    free(names);
    free(effect);
}
