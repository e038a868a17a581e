/* The column dictionary of the analysis tables, appended to `llosim columns` so docs/columns.md
 * documents them from this one table. */
#include <stdio.h>

#include "analysis/analysis_int.h"

static const char *const columns[][3] = {
    {"comparison.csv", "scenario", "the alternative scenario (its manifest's name)"},
    {"comparison.csv", "base", "the scenario it is compared with (the first given to llosim compare)"},
    {"comparison.csv", "region", "labour-market region, or all; groups.csv rows are all"},
    {"comparison.csv", "dimension", "empty for a timeseries.csv column; the groups.csv dimension (education, age, ...); actor_type for network.csv"},
    {"comparison.csv", "group", "the group within the dimension (or the actor type); empty for a timeseries.csv column"},
    {"comparison.csv", "indicator", "the timeseries.csv column, or the groups.csv or network.csv indicator"},
    {"comparison.csv", "period", "a calendar year (e.g. 2021), or last5: the last 60 months together (the whole run if it is shorter)"},
    {"comparison.csv", "from, to", "the first and last month of the period, YYYY-MM"},
    {"comparison.csv", "months", "months in the period"},
    {"comparison.csv", "mean", "the scenario's value averaged over the period's months (months where it is NA skipped), then over replicates; for flows (this month) the mean monthly flow"},
    {"comparison.csv", "base_mean", "the same for the base scenario"},
    {"comparison.csv", "difference", "mean over replicates k of (scenario_k - base_k): replicate k of both uses the same seed (common random numbers)"},
    {"comparison.csv", "ci_low, ci_high", "95% confidence interval of the difference, Student's t over the paired replicates; empty with fewer than 2 replicates"},
    {"comparison.csv", "replicates", "the pairs used: replicates where both scenarios have a value"},
    {"summary.csv", "region, dimension, group, indicator", "the series, as in comparison.csv"},
    {"summary.csv", "month, date", "as in timeseries.csv"},
    {"summary.csv", "mean", "mean over the replicates (NA replicates skipped)"},
    {"summary.csv", "sd", "standard deviation over the replicates; empty with fewer than 2"},
    {"summary.csv", "ci_low, ci_high", "95% confidence interval of the mean, Student's t; empty with fewer than 2 replicates"},
    {"summary.csv", "n", "replicates with a value"},
};

void lla_columns_print(FILE *out, int markdown)
{
    if (markdown)
        fputs("\n## Analysis tables\n\n"
              "Written by `llosim compare` (comparison.csv) and `llosim summarize` (summary.csv); generated from the "
              "table in analysis/columns.c. Numbers have up to ten significant digits; a cell is empty (NA) where no "
              "replicate has a value, and an interval is empty with fewer than two replicates. A series is a "
              "timeseries.csv column of a region (dimension and group empty), a groups.csv indicator of a group "
              "(region all) or a network.csv indicator of an actor type (dimension actor_type).\n\n"
              "| file | column | meaning |\n|---|---|---|\n",
              out);
    for (size_t k = 0; k < sizeof columns / sizeof columns[0]; k++) {
        if (markdown) fprintf(out, "| `%s` | `%s` | %s |\n", columns[k][0], columns[k][1], columns[k][2]);
        else fprintf(out, "%-14s %-32s %s\n", columns[k][0], columns[k][1], columns[k][2]);
    }
}
