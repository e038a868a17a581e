/* Formatting the indicators as CSV. Shares are printed with six decimals and are empty (NA)
 * when their denominator is zero; money is printed in euros with exactly two decimals from
 * integer cents, so no rounding ever creeps in. */
#include "output.h"

#include <inttypes.h>
#include <string.h>

#include "world.h"

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
    {"skill_gap_mean", COL_GAP, LLO_T_GAP, LLO_T_WORKERS,
     "mean over the labour force of max(0, 1 - skill): how far skills fall short of what the job needs"},
    {"employer_training_spend_share", COL_SPEND, 0, 0,
     "employers' training spend over their labour cost, both over the trailing 12 months"},
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

static void share(llo_buf *b, int64_t num, int64_t den, double scale)
{
    if (den > 0) llo_buf_printf(b, "%.6f", (double)num / scale / (double)den);
}

static void write_view(llo_buf *b, const view *v)
{
    for (size_t c = 0; c < sizeof ts_columns / sizeof ts_columns[0]; c++) {
        const column *col = &ts_columns[c];
        llo_buf_append(b, ",", 1);
        switch (col->kind) {
        case COL_COUNT: llo_buf_printf(b, "%" PRId64, v->t[col->num]); break;
        case COL_SHARE: share(b, v->t[col->num], v->t[col->den], 1.0); break;
        case COL_GAP: share(b, v->t[col->num], v->t[col->den], LLO_GAP_SCALE); break;
        case COL_SPEND: share(b, v->spend, v->cost, 1.0); break;
        case COL_GAUGE: share(b, v->gauge_num[col->num], v->gauge_den[col->num], LLO_GAP_SCALE); break;
        case COL_STOCK:
            if (col->num >= LLO_STOCK_FIRST_MONEY) money(b, v->stock[col->num]);
            else llo_buf_printf(b, "%" PRId64, v->stock[col->num]);
            break;
        case COL_FLOW:
            if (col->num >= LLO_FLOW_FIRST_MONEY) money(b, v->flow[col->num]);
            else llo_buf_printf(b, "%" PRId64, v->flow[col->num]);
            break;
        }
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

void llo_timeseries_rows(llo_buf *b, const llo_params *p, int replicate, const llo_month_stats *st)
{
    view all;
    memset(&all, 0, sizeof all);
    for (int r = 0; r < p->n_regions; r++) {
        view v;
        memcpy(v.t, st->tally.region[r], sizeof v.t);
        for (int f = 0; f < LLO_FLOW_N; f++) v.flow[f] = st->flows.f[f][r];
        v.spend = st->spend_12m[r];
        v.cost = st->labour_cost_12m[r];
        for (int g = 0; g < LLO_GAUGE_N; g++) {
            v.gauge_num[g] = st->gauges.num[g][r];
            v.gauge_den[g] = st->gauges.den[g][r];
        }
        for (int k = 0; k < LLO_STOCK_N; k++) v.stock[k] = st->stocks[k][r];
        row_keys(b, p, replicate, st->month, p->region_names[r]);
        write_view(b, &v);
        for (int k = 0; k < LLO_T_N; k++) all.t[k] += v.t[k];
        for (int f = 0; f < LLO_FLOW_N; f++) all.flow[f] += v.flow[f];
        all.spend += v.spend;
        all.cost += v.cost;
        for (int g = 0; g < LLO_GAUGE_N; g++) {
            all.gauge_num[g] += v.gauge_num[g];
            all.gauge_den[g] += v.gauge_den[g];
        }
        for (int k = 0; k < LLO_STOCK_N; k++) all.stock[k] += v.stock[k];
    }
    /* What belongs to no region counts in the whole only. */
    for (int g = 0; g < LLO_GAUGE_N; g++) {
        all.gauge_num[g] += st->gauges.num[g][LLO_MAX_REGIONS];
        all.gauge_den[g] += st->gauges.den[g][LLO_MAX_REGIONS];
    }
    for (int k = 0; k < LLO_STOCK_N; k++) all.stock[k] += st->stocks[k][LLO_MAX_REGIONS];
    for (int f = 0; f < LLO_FLOW_N; f++) all.flow[f] += st->flows.f[f][LLO_MAX_REGIONS];
    row_keys(b, p, replicate, st->month, "all");
    write_view(b, &all);
}

static const char *const group_names[][2] = {
#define LLO_GROUP_NAME(dim, grp) {dim, grp},
    LLO_GROUPS(LLO_GROUP_NAME)
#undef LLO_GROUP_NAME
};

static const char *const group_indicators[][2] = {
    {"persons", "persons in the group"},
    {"participation_24m", "share of the group who started a course in the last 24 months"},
    {"never_trained", "share of the group who never started a course"},
    {"skill_gap_mean", "mean of max(0, 1 - skill) over the group"},
};

void llo_groups_header(llo_buf *b) { llo_buf_printf(b, "replicate,month,dimension,group,indicator,value\n"); }

void llo_groups_rows(llo_buf *b, const llo_params *p, int replicate, const llo_month_stats *st)
{
    (void)p;
    for (int g = 0; g < LLO_N_GROUPS; g++) {
        const int64_t *t = st->tally.group[g];
        for (int k = 0; k < LLO_GT_N; k++) {
            llo_buf_printf(b, "%d,%d,%s,%s,%s,", replicate, st->month, group_names[g][0], group_names[g][1],
                           group_indicators[k][0]);
            switch (k) {
            case LLO_GT_PERSONS: llo_buf_printf(b, "%" PRId64, t[LLO_GT_PERSONS]); break;
            case LLO_GT_PART: share(b, t[LLO_GT_PART], t[LLO_GT_PERSONS], 1.0); break;
            case LLO_GT_NEVER: share(b, t[LLO_GT_NEVER], t[LLO_GT_PERSONS], 1.0); break;
            case LLO_GT_GAP: share(b, t[LLO_GT_GAP], t[LLO_GT_PERSONS], LLO_GAP_SCALE); break;
            }
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
             "self-employed) and firm_size (1-9, 10-49, 50-249, 250+; employees only) describe the employed; "
             "status (employed, unemployed) everyone");
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
