/* The run's tables: timeseries.csv (one row per replicate, month and region, plus region
 * "all") and groups.csv (long format by group). The column tables here are the single source
 * of the column dictionary (`llosim columns`). */
#ifndef LLO_OUTPUT_H
#define LLO_OUTPUT_H

#include <stdio.h>
#include "sim/durable.h"
#include "sim/indicators.h"
#include "config/params.h"

void llo_timeseries_header(llo_buf *b);
void llo_timeseries_rows(llo_buf *b, const llo_params *p, int replicate, const llo_month_stats *st);
void llo_groups_header(llo_buf *b);
void llo_groups_rows(llo_buf *b, const llo_params *p, int replicate, const llo_month_stats *st);

void llo_network_header(llo_buf *b);
void llo_network_rows(llo_buf *b, const llo_params *p, int replicate, const llo_month_stats *st);

/* A moment: one number of the outputs for one month, computed in memory exactly as the CSV
 * writer computes it (the writer uses the same code). Either a timeseries.csv column of a region
 * (region -1: the row "all"), or a groups.csv indicator of a group. */
typedef struct llo_moment {
    int column;     /* index of a timeseries.csv column, or -1 for a group indicator */
    int region;     /* index of a region, or -1 for all regions */
    int group;      /* index of a group in the LLO_GROUPS order (with column -1) */
    int indicator;  /* index of a group indicator (with column -1) */
} llo_moment;

/* The value of m in month st: a share or mean, a count, or money in euros; NAN where the CSV
 * leaves the cell empty (nobody in the denominator). */
double llo_moment_value(const llo_moment *m, const llo_params *p, const llo_month_stats *st);

/* The names of the tables, for lookups and suggestions. The find functions return an index,
 * or -1 when the name is unknown. Keys (replicate, month, date, region) are not columns here. */
size_t llo_timeseries_column_count(void);
const char *llo_timeseries_column_name(size_t k);
int llo_timeseries_column_find(const char *name);
size_t llo_group_indicator_count(void);
const char *llo_group_indicator_name(size_t k);
int llo_group_indicator_find(const char *name);
const char *llo_group_dimension(int g);  /* g in [0, LLO_N_GROUPS) */
const char *llo_group_name(int g);
int llo_group_find(const char *dimension, const char *group);

/* Prints the column dictionary of both files, as text or Markdown. */
void llo_columns_print(FILE *out, int markdown);

#endif
