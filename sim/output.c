/* Formatting the indicators as CSV. Shares are printed with six decimals and are empty (NA)
 * when their denominator is zero; money is printed in euros with exactly two decimals from
 * integer cents, so no rounding ever creeps in. */
#include "sim/output.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "sim/world.h"

/* One region's (or all regions') numbers for a month. */
typedef struct view {
    int64_t t[LLO_T_N];
    int64_t flow[LLO_FLOW_N];
    int64_t spend, cost;
    int64_t gauge_num[LLO_GAUGE_N], gauge_den[LLO_GAUGE_N];
    int64_t stock[LLO_STOCK_N];
} view;

typedef enum { COL_COUNT, COL_SHARE, COL_GAP, COL_SPEND, COL_FLOW, COL_GAUGE, COL_STOCK } col_kind;

/* A column of timeseries.csv: how to compute it from a view, and what it means. */
typedef struct column {
    const char *name;
    col_kind kind;
    int num, den; /* tally indices (COL_COUNT uses num; COL_FLOW uses num as flow index) */
    const char *doc;
} column;

static const column ts_columns[] = {
    {"workers", COL_COUNT, LLO_T_WORKERS, 0, "persons in the labour force (employed and job seekers)"},
    {"employed", COL_COUNT, LLO_T_EMPLOYED, 0, "employed persons, self-employed included"},
    {"unemployed", COL_COUNT, LLO_T_UNEMPLOYED, 0, "job seekers"},
    {"participation_24m_employed", COL_SHARE, LLO_T_PART_EMPLOYED, LLO_T_EMPLOYED,
     "share of the employed who started a course in the last 24 months (this month included)"},
    {"participation_24m_unemployed", COL_SHARE, LLO_T_PART_UNEMPLOYED, LLO_T_UNEMPLOYED,
     "share of job seekers who started a course in the last 24 months"},
    {"never_trained_employed", COL_SHARE, LLO_T_NEVER_EMPLOYED, LLO_T_EMPLOYED,
     "share of the employed who never started a course in their working life"},
    {"participation_24m_low_educated", COL_SHARE, LLO_T_PART_LOW_EDUCATED, LLO_T_LOW_EDUCATED,
     "share of the employed with low education who started a course in the last 24 months (groups.csv has it for the whole only)"},
    {"participation_24m_small_firms", COL_SHARE, LLO_T_PART_SMALL_FIRM, LLO_T_SMALL_FIRM,
     "share of employees of firms of 1-9 who started a course in the last 24 months (groups.csv has it for the whole only)"},
    {"skill_gap_mean", COL_GAP, LLO_T_GAP, LLO_T_WORKERS,
     "mean over the labour force of max(0, 1 - skill): how far skills fall short of what the job needs"},
    {"employer_training_spend_share", COL_SPEND, 0, 0,
     "employers' training spend over their labour cost, both over the trailing 12 months; spend is the course fees they paid plus the labour cost of the work time their funded courses took (employer_training_time_eur)"},
    {"enrolled", COL_COUNT, LLO_T_ENROLLED, 0, "persons in a course at the end of the month"},
#define LLO_STOCK_COLUMN(id, col, doc) {col, COL_STOCK, LLO_STOCK_##id, 0, doc},
    LLO_STOCKS(LLO_STOCK_COLUMN)
#undef LLO_STOCK_COLUMN
#define LLO_GAUGE_COLUMN(id, col, doc) {col, COL_GAUGE, LLO_GAUGE_##id, 0, doc},
    LLO_GAUGES(LLO_GAUGE_COLUMN)
#undef LLO_GAUGE_COLUMN
#define LLO_FLOW_COLUMN(id, col, doc) {col, COL_FLOW, LLO_FLOW_##id, 0, doc " (this month)"},
    LLO_FLOWS(LLO_FLOW_COLUMN)
#undef LLO_FLOW_COLUMN
};

static const char *const key_docs[][2] = {
    {"replicate", "replicate number, from 1; replicate k of every scenario uses the same seed"},
    {"month", "simulated month, from 0 (burn-in months are not written)"},
    {"date", "calendar month of the row, YYYY-MM (run.start_year plus month)"},
    {"region", "labour-market region, or all for the whole"},
};

static void money(llo_buf *b, int64_t cents)
{
    const char *sign = cents < 0 ? "-" : "";
    uint64_t a = cents < 0 ? (uint64_t)(-(cents + 1)) + 1 : (uint64_t)cents;
    llo_buf_printf(b, "%s%" PRIu64 ".%02" PRIu64, sign, a / 100, a % 100);
}

/* The value of one cell of a table, computed once for both the CSV writer and the in-memory
 * moments (llo_moment_value), so the two can never disagree. */
typedef struct cell {
    enum { CELL_NA, CELL_COUNT, CELL_CENTS, CELL_REAL } kind;
    int64_t i;  /* CELL_COUNT: the count; CELL_CENTS: money in cents */
    double x;   /* CELL_REAL: the share or mean */
} cell;

static cell ratio_cell(int64_t num, int64_t den, double scale)
{
    cell c = {CELL_NA, 0, 0};
    if (den > 0) {
        c.kind = CELL_REAL;
        c.x = (double)num / scale / (double)den;
    }
    return c;
}

static cell view_cell(const column *col, const view *v)
{
    switch (col->kind) {
    case COL_COUNT: return (cell){CELL_COUNT, v->t[col->num], 0};
    case COL_SHARE: return ratio_cell(v->t[col->num], v->t[col->den], 1.0);
    case COL_GAP: return ratio_cell(v->t[col->num], v->t[col->den], LLO_GAP_SCALE);
    case COL_SPEND: return ratio_cell(v->spend, v->cost, 1.0);
    case COL_GAUGE: return ratio_cell(v->gauge_num[col->num], v->gauge_den[col->num], LLO_GAP_SCALE);
    case COL_STOCK: return (cell){col->num >= LLO_STOCK_FIRST_MONEY ? CELL_CENTS : CELL_COUNT, v->stock[col->num], 0};
    case COL_FLOW:
        return (cell){col->num >= LLO_FLOW_FIRST_MONEY ? CELL_CENTS : CELL_COUNT, v->flow[col->num], 0};
    }
    return (cell){CELL_NA, 0, 0};
}

/* Shares print with six decimals; NA prints as nothing. */
static void write_cell(llo_buf *b, cell c)
{
    switch (c.kind) {
    case CELL_NA: break;
    case CELL_COUNT: llo_buf_printf(b, "%" PRId64, c.i); break;
    case CELL_CENTS: money(b, c.i); break;
    case CELL_REAL: llo_buf_printf(b, "%.6f", c.x); break;
    }
}

/* Money as a moment is in euros, like the column. */
static double cell_value(cell c)
{
    switch (c.kind) {
    case CELL_COUNT: return (double)c.i;
    case CELL_CENTS: return (double)c.i / 100.0;
    case CELL_REAL: return c.x;
    default: return NAN;
    }
}

static void write_view(llo_buf *b, const view *v)
{
    for (size_t c = 0; c < sizeof ts_columns / sizeof ts_columns[0]; c++) {
        llo_buf_append(b, ",", 1);
        write_cell(b, view_cell(&ts_columns[c], v));
    }
    llo_buf_append(b, "\n", 1);
}

void llo_timeseries_header(llo_buf *b)
{
    llo_buf_printf(b, "replicate,month,date,region");
    for (size_t c = 0; c < sizeof ts_columns / sizeof ts_columns[0]; c++) llo_buf_printf(b, ",%s", ts_columns[c].name);
    llo_buf_append(b, "\n", 1);
}

static void row_keys(llo_buf *b, const llo_params *p, int replicate, int month, const char *region)
{
    int year = p->start_year + (month >= 0 ? month / 12 : (month - 11) / 12);
    llo_buf_printf(b, "%d,%d,%04d-%02d,", replicate, month, year, llo_calendar_month(month) + 1);
    /* Region names cannot hold a comma or a quote (the loader refuses them): no quoting needed. */
    llo_buf_printf(b, "%s", region);
}

/* One region's numbers for a month. */
static void region_view(view *v, const llo_month_stats *st, int r)
{
    memcpy(v->t, st->tally.region[r], sizeof v->t);
    for (int f = 0; f < LLO_FLOW_N; f++) v->flow[f] = st->flows.f[f][r];
    v->spend = st->spend_12m[r];
    v->cost = st->labour_cost_12m[r];
    for (int g = 0; g < LLO_GAUGE_N; g++) {
        v->gauge_num[g] = st->gauges.num[g][r];
        v->gauge_den[g] = st->gauges.den[g][r];
    }
    for (int k = 0; k < LLO_STOCK_N; k++) v->stock[k] = st->stocks[k][r];
}

/* The whole's numbers: the sums over regions, plus what belongs to no region (it counts in the
 * whole only). */
static void all_view(view *all, const llo_params *p, const llo_month_stats *st)
{
    memset(all, 0, sizeof *all);
    for (int r = 0; r < p->n_regions; r++) {
        view v;
        region_view(&v, st, r);
        for (int k = 0; k < LLO_T_N; k++) all->t[k] += v.t[k];
        for (int f = 0; f < LLO_FLOW_N; f++) all->flow[f] += v.flow[f];
        all->spend += v.spend;
        all->cost += v.cost;
        for (int g = 0; g < LLO_GAUGE_N; g++) {
            all->gauge_num[g] += v.gauge_num[g];
            all->gauge_den[g] += v.gauge_den[g];
        }
        for (int k = 0; k < LLO_STOCK_N; k++) all->stock[k] += v.stock[k];
    }
    for (int g = 0; g < LLO_GAUGE_N; g++) {
        all->gauge_num[g] += st->gauges.num[g][LLO_MAX_REGIONS];
        all->gauge_den[g] += st->gauges.den[g][LLO_MAX_REGIONS];
    }
    for (int k = 0; k < LLO_STOCK_N; k++) all->stock[k] += st->stocks[k][LLO_MAX_REGIONS];
    for (int f = 0; f < LLO_FLOW_N; f++) all->flow[f] += st->flows.f[f][LLO_MAX_REGIONS];
}

void llo_timeseries_rows(llo_buf *b, const llo_params *p, int replicate, const llo_month_stats *st)
{
    for (int r = 0; r < p->n_regions; r++) {
        view v;
        region_view(&v, st, r);
        row_keys(b, p, replicate, st->month, p->region_names[r]);
        write_view(b, &v);
    }
    view all;
    all_view(&all, p, st);
    row_keys(b, p, replicate, st->month, "all");
    write_view(b, &all);
}

static const char *const group_names[][2] = {
#define LLO_GROUP_NAME(dim, grp) {dim, grp},
    LLO_GROUPS(LLO_GROUP_NAME)
#undef LLO_GROUP_NAME
};

_Static_assert(sizeof group_names / sizeof group_names[0] == LLO_N_GROUPS, "LLO_N_GROUPS counts the groups of LLO_GROUPS");

static const char *const group_indicators[][2] = {
    {"persons", "persons in the group"},
    {"participation_24m", "share of the group who started a course in the last 24 months"},
    {"never_trained", "share of the group who never started a course"},
    {"skill_gap_mean", "mean of max(0, 1 - skill) over the group"},
};

void llo_groups_header(llo_buf *b) { llo_buf_printf(b, "replicate,month,dimension,group,indicator,value\n"); }

static cell group_cell(const int64_t *t, int k)
{
    switch (k) {
    case LLO_GT_PERSONS: return (cell){CELL_COUNT, t[LLO_GT_PERSONS], 0};
    case LLO_GT_PART: return ratio_cell(t[LLO_GT_PART], t[LLO_GT_PERSONS], 1.0);
    case LLO_GT_NEVER: return ratio_cell(t[LLO_GT_NEVER], t[LLO_GT_PERSONS], 1.0);
    case LLO_GT_GAP: return ratio_cell(t[LLO_GT_GAP], t[LLO_GT_PERSONS], LLO_GAP_SCALE);
    }
    return (cell){CELL_NA, 0, 0};
}

void llo_groups_rows(llo_buf *b, const llo_params *p, int replicate, const llo_month_stats *st)
{
    (void)p;
    for (int g = 0; g < LLO_N_GROUPS; g++) {
        for (int k = 0; k < LLO_GT_N; k++) {
            llo_buf_printf(b, "%d,%d,%s,%s,%s,", replicate, st->month, group_names[g][0], group_names[g][1],
                           group_indicators[k][0]);
            write_cell(b, group_cell(st->tally.group[g], k));
            llo_buf_append(b, "\n", 1);
        }
    }
}

static const char *const node_names[] = {
#define LLO_NODE_NAME(id, name, doc) name,
    LLO_NODES(LLO_NODE_NAME)
#undef LLO_NODE_NAME
};

void llo_network_header(llo_buf *b) { llo_buf_printf(b, "replicate,month,region,actor_type,indicator,value\n"); }

static void network_block(llo_buf *b, int replicate, int month, const char *region, const double *degree,
                          const double *eigen, const double *agency)
{
    for (int a = 0; a < LLO_N_NODES; a++) {
        llo_buf_printf(b, "%d,%d,%s,%s,degree_share,%.6f\n", replicate, month, region, node_names[a], degree[a]);
        llo_buf_printf(b, "%d,%d,%s,%s,eigenvector_centrality,%.6f\n", replicate, month, region, node_names[a], eigen[a]);
        llo_buf_printf(b, "%d,%d,%s,%s,agency_share,%.6f\n", replicate, month, region, node_names[a], agency[a]);
    }
}

void llo_network_rows(llo_buf *b, const llo_params *p, int replicate, const llo_month_stats *st)
{
    const llo_network *n = &st->network;
    for (int r = 0; r < p->n_regions; r++)
        network_block(b, replicate, st->month, p->region_names[r], n->degree[r], n->eigenvector[r], n->agency[r]);
    network_block(b, replicate, st->month, "all", n->degree[LLO_MAX_REGIONS], n->eigenvector[LLO_MAX_REGIONS],
                  n->agency[LLO_MAX_REGIONS]);
}

/* ---- moments: the same numbers, in memory ---- */

#define N_TS_COLUMNS (sizeof ts_columns / sizeof ts_columns[0])
#define N_GROUP_INDICATORS (sizeof group_indicators / sizeof group_indicators[0])

_Static_assert(N_GROUP_INDICATORS == LLO_GT_N, "one group indicator per group tally");

size_t llo_timeseries_column_count(void) { return N_TS_COLUMNS; }

const char *llo_timeseries_column_name(size_t k) { return k < N_TS_COLUMNS ? ts_columns[k].name : NULL; }

size_t llo_group_indicator_count(void) { return N_GROUP_INDICATORS; }

const char *llo_group_indicator_name(size_t k) { return k < N_GROUP_INDICATORS ? group_indicators[k][0] : NULL; }

const char *llo_group_dimension(int g) { return g >= 0 && g < LLO_N_GROUPS ? group_names[g][0] : NULL; }

const char *llo_group_name(int g) { return g >= 0 && g < LLO_N_GROUPS ? group_names[g][1] : NULL; }

int llo_timeseries_column_find(const char *name)
{
    for (size_t k = 0; k < N_TS_COLUMNS; k++)
        if (strcmp(ts_columns[k].name, name) == 0) return (int)k;
    return -1;
}

int llo_group_indicator_find(const char *name)
{
    for (size_t k = 0; k < N_GROUP_INDICATORS; k++)
        if (strcmp(group_indicators[k][0], name) == 0) return (int)k;
    return -1;
}

int llo_group_find(const char *dimension, const char *group)
{
    for (int g = 0; g < LLO_N_GROUPS; g++)
        if (strcmp(group_names[g][0], dimension) == 0 && strcmp(group_names[g][1], group) == 0) return g;
    return -1;
}

double llo_moment_value(const llo_moment *m, const llo_params *p, const llo_month_stats *st)
{
    if (m->column >= 0) {
        if (m->column >= (int)N_TS_COLUMNS || m->region >= p->n_regions) return NAN;
        view v;
        if (m->region >= 0) region_view(&v, st, m->region);
        else all_view(&v, p, st);
        return cell_value(view_cell(&ts_columns[m->column], &v));
    }
    if (m->group < 0 || m->group >= LLO_N_GROUPS || m->indicator < 0 || m->indicator >= (int)LLO_GT_N) return NAN;
    return cell_value(group_cell(st->tally.group[m->group], m->indicator));
}

static void dict_row(FILE *out, int markdown, const char *file, const char *name, const char *doc)
{
    if (markdown) fprintf(out, "| `%s` | `%s` | %s |\n", file, name, doc);
    else fprintf(out, "%-14s %-32s %s\n", file, name, doc);
}

void llo_columns_print(FILE *out, int markdown)
{
    if (markdown)
        fputs("# Column dictionary\n\n"
              "Generated by `llosim columns --markdown` from the column tables in sim/output.c; do not edit by hand.\n"
              "Shares are fractions in [0,1] with six decimals, empty (NA) when nobody is in the denominator.\n"
              "Money is in euros with two decimals, computed from integer cents.\n\n"
              "| file | column | meaning |\n|---|---|---|\n",
              out);
    for (size_t k = 0; k < sizeof key_docs / sizeof key_docs[0]; k++)
        dict_row(out, markdown, "timeseries.csv", key_docs[k][0], key_docs[k][1]);
    for (size_t c = 0; c < sizeof ts_columns / sizeof ts_columns[0]; c++)
        dict_row(out, markdown, "timeseries.csv", ts_columns[c].name, ts_columns[c].doc);
    dict_row(out, markdown, "groups.csv", "replicate", key_docs[0][1]);
    dict_row(out, markdown, "groups.csv", "month", key_docs[1][1]);
    dict_row(out, markdown, "groups.csv", "dimension",
             "education (low, middle, high), age (18-24 ... 55+), contract (permanent, temporary, "
             "self-employed) and firm_size (1-9, 10-49, 50-249, 250+; employees only) describe the employed, "
             "education_firm_size (low/1-9 ... high/250+) employees by both; tenure (<1y, 1-2y, 2-5y, 5-10y, 10y+: "
             "months with the current employer; employees only) the employees; status (employed, unemployed) everyone");
    dict_row(out, markdown, "groups.csv", "group", "the group within the dimension");
    dict_row(out, markdown, "groups.csv", "indicator", "one of: persons, participation_24m, never_trained, skill_gap_mean");
    for (size_t k = 0; k < sizeof group_indicators / sizeof group_indicators[0]; k++) {
        char name[64];
        snprintf(name, sizeof name, "value (%s)", group_indicators[k][0]);
        dict_row(out, markdown, "groups.csv", name, group_indicators[k][1]);
    }
    dict_row(out, markdown, "network.csv", "replicate, month, region", "as in timeseries.csv");
    dict_row(out, markdown, "network.csv", "actor_type",
             "municipality (the central orchestrator), intermediaries, employers, workers, public_providers, private_providers");
    dict_row(out, markdown, "network.csv", "indicator", "one of: degree_share, eigenvector_centrality, agency_share");
    dict_row(out, markdown, "network.csv", "value (degree_share)",
             "the actor type's share of all tie strength in the collaboration network; a tie is the mean of its say "
             "(product of votes at the table times agenda strength) and its exchange (the month's courses, payments, "
             "guidance and referrals between the two types), each normalised over all ties");
    dict_row(out, markdown, "network.csv", "value (eigenvector_centrality)",
             "eigenvector centrality of the actor type in the same network, the most central at 1: high for types tied to "
             "well-tied types (the centre), low for the periphery");
    dict_row(out, markdown, "network.csv", "value (agency_share)", "the actor type's share of the votes at the regional table");
}
