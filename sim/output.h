/* The run's tables: timeseries.csv (one row per replicate, month and region, plus region
 * "all") and groups.csv (long format by group). The column tables here are the single source
 * of the column dictionary (`llosim columns`). */
#ifndef LLO_OUTPUT_H
#define LLO_OUTPUT_H

#include <stdio.h>
#include "durable.h"
#include "indicators.h"
#include "params.h"

void llo_timeseries_header(llo_buf *b);
void llo_timeseries_rows(llo_buf *b, const llo_params *p, int replicate, const llo_month_stats *st);
void llo_groups_header(llo_buf *b);
void llo_groups_rows(llo_buf *b, const llo_params *p, int replicate, const llo_month_stats *st);

void llo_network_header(llo_buf *b);
void llo_network_rows(llo_buf *b, const llo_params *p, int replicate, const llo_month_stats *st);

/* Prints the column dictionary of both files, as text or Markdown. */
void llo_columns_print(FILE *out, int markdown);

#endif
