/* The collaboration network of a region, between six actor types: the central orchestrator,
 * the other intermediaries, employers, workers, public and private providers. A tie between
 * two types has two parts, each normalised to sum to 1 over all ties:
 *   say:      the product of their votes at the regional table (governance.agency; education's
 *             votes go to the public providers), times the agenda's strength: a table with a
 *             strong agenda binds those at it;
 *   exchange: this month's contacts between them: courses (workers and providers), payments
 *             (employers, or the central orchestrator's funds, and providers), guidance
 *             (workers and orchestrators) and referrals (between orchestrators).
 * The tie weight is their mean. Degree is a type's share of all tie strength; eigenvector
 * centrality (power iteration, maximum 1) says who is tied to the well-tied. The study's
 * finding 6 reads as: municipalities and intermediaries central, employers, workers and
 * education peripheral. */
#include <math.h>
#include <string.h>

#include "sim/world.h"

static const int table_actor[LLO_N_NODES] = {
    [LLO_NODE_MUNICIPALITY] = LLO_ACTOR_MUNICIPALITY, [LLO_NODE_INTERMEDIARIES] = LLO_ACTOR_INTERMEDIARIES,
    [LLO_NODE_EMPLOYERS] = LLO_ACTOR_EMPLOYERS,       [LLO_NODE_WORKERS] = LLO_ACTOR_WORKERS,
    [LLO_NODE_PUBLIC_PROVIDERS] = LLO_ACTOR_EDUCATION, [LLO_NODE_PRIVATE_PROVIDERS] = -1,
};

/* Degree and eigenvector centrality of a symmetric tie matrix. */
static void centrality(const double tie[LLO_N_NODES][LLO_N_NODES], double *degree, double *eigen)
{
    double total = 0, strength[LLO_N_NODES] = {0};
    for (int a = 0; a < LLO_N_NODES; a++)
        for (int b = 0; b < LLO_N_NODES; b++) {
            strength[a] += tie[a][b];
            total += tie[a][b];
        }
    for (int a = 0; a < LLO_N_NODES; a++) degree[a] = total > 0 ? strength[a] / total : 0;
    /* Power iteration on (T + I): the identity keeps it from oscillating on bipartite ties. */
    double x[LLO_N_NODES], y[LLO_N_NODES];
    for (int a = 0; a < LLO_N_NODES; a++) x[a] = 1;
    for (int it = 0; it < 200; it++) {
        double top = 0;
        for (int a = 0; a < LLO_N_NODES; a++) {
            y[a] = x[a];
            for (int b = 0; b < LLO_N_NODES; b++) y[a] += tie[a][b] * x[b];
            top = y[a] > top ? y[a] : top;
        }
        for (int a = 0; a < LLO_N_NODES; a++) x[a] = top > 0 ? y[a] / top : 0;
    }
    for (int a = 0; a < LLO_N_NODES; a++) eigen[a] = total > 0 ? x[a] : 0;
}

/* Ties of one region (or of all regions, with the agenda averaged and contacts summed). */
static void ties(const llo_world *w, const int64_t contacts[LLO_N_NODES][LLO_N_NODES], double agenda,
                 double tie[LLO_N_NODES][LLO_N_NODES], double *agency_share)
{
    const llo_params *p = &w->p;
    double votes = 0, say_total = 0, exchange_total = 0;
    for (int a = 0; a < LLO_N_ACTORS; a++) votes += p->agency[a];
    double say[LLO_N_NODES][LLO_N_NODES], exchange[LLO_N_NODES][LLO_N_NODES];
    for (int a = 0; a < LLO_N_NODES; a++) {
        agency_share[a] = table_actor[a] >= 0 && votes > 0 ? p->agency[table_actor[a]] / votes : 0;
    }
    for (int a = 0; a < LLO_N_NODES; a++)
        for (int b = 0; b < LLO_N_NODES; b++) {
            say[a][b] = a == b ? 0 : agency_share[a] * agency_share[b];
            exchange[a][b] = a == b ? 0 : (double)(contacts[a][b] + contacts[b][a]);
            say_total += say[a][b];
            exchange_total += exchange[a][b];
        }
    /* Say is normalised before the agenda scales it, so a weak agenda weakens the table's
     * ties against the exchange instead of cancelling out. */
    for (int a = 0; a < LLO_N_NODES; a++)
        for (int b = 0; b < LLO_N_NODES; b++)
            tie[a][b] = 0.5 * agenda * (say_total > 0 ? say[a][b] / say_total : 0) +
                        0.5 * (exchange_total > 0 ? exchange[a][b] / exchange_total : 0);
}

void llo_network_compute(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_network *net = &w->stats.network;
    int64_t all[LLO_N_NODES][LLO_N_NODES];
    memset(all, 0, sizeof all);
    double agenda_sum = 0, tie[LLO_N_NODES][LLO_N_NODES];
    for (int r = 0; r < p->n_regions; r++) {
        ties(w, (const int64_t(*)[LLO_N_NODES])w->contacts.n[r], w->region[r].agenda, tie, net->agency[r]);
        centrality((const double(*)[LLO_N_NODES])tie, net->degree[r], net->eigenvector[r]);
        for (int a = 0; a < LLO_N_NODES; a++)
            for (int b = 0; b < LLO_N_NODES; b++) all[a][b] += w->contacts.n[r][a][b];
        agenda_sum += w->region[r].agenda;
    }
    int R = LLO_MAX_REGIONS;
    ties(w, (const int64_t(*)[LLO_N_NODES])all, p->n_regions ? agenda_sum / p->n_regions : 0, tie, net->agency[R]);
    centrality((const double(*)[LLO_N_NODES])tie, net->degree[R], net->eigenvector[R]);
    memcpy(net->tie, tie, sizeof net->tie);
}
