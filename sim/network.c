/* The collaboration network of a region, between six actor types: the central orchestrator,
 * the other intermediaries, employers, workers, public and private providers. A tie between
 * two types comes from the interactions between them this month, by kind (LLO_CHANNELS:
 * courses, public and employer funding, guidance, referrals that reached the right door, the
 * table's meetings, skill information, joint programmes); each kind is normalised to sum to 1
 * and the kinds that happened weigh equally. Votes are agency, not interaction: they are
 * reported beside the centrality (agency_share), never inside it. A wrong-door referral that
 * loses a person is fragmentation and makes no tie. Degree is a type's share of all tie strength; eigenvector
 * centrality (power iteration, maximum 1) says who is tied to the well-tied. Whatever centre
 * and periphery emerge are reported as they are (the study's finding 6 reads: municipalities
 * and intermediaries central, employers, workers and education peripheral). */
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

/* Ties of one region (or of all regions, contacts summed): each kind of interaction is
 * normalised to sum to 1 over the pairs and the kinds that happened weigh equally. Votes do not
 * enter; agency_share reports them beside the centrality. */
static void ties(const llo_world *w, const int64_t contacts[LLO_N_CHANNELS][LLO_N_NODES][LLO_N_NODES],
                 double tie[LLO_N_NODES][LLO_N_NODES], double *agency_share)
{
    const llo_params *p = &w->p;
    double votes = 0;
    for (int a = 0; a < LLO_N_ACTORS; a++) votes += p->agency[a];
    for (int a = 0; a < LLO_N_NODES; a++) {
        agency_share[a] = table_actor[a] >= 0 && votes > 0 ? p->agency[table_actor[a]] / votes : 0;
        for (int b = 0; b < LLO_N_NODES; b++) tie[a][b] = 0;
    }
    int active = 0;
    for (int c = 0; c < LLO_N_CHANNELS; c++) {
        double total = 0;
        for (int a = 0; a < LLO_N_NODES; a++)
            for (int b = 0; b < LLO_N_NODES; b++)
                if (a != b) total += (double)(contacts[c][a][b] + contacts[c][b][a]);
        if (total <= 0) continue;
        active++;
        for (int a = 0; a < LLO_N_NODES; a++)
            for (int b = 0; b < LLO_N_NODES; b++)
                if (a != b) tie[a][b] += (double)(contacts[c][a][b] + contacts[c][b][a]) / total;
    }
    for (int a = 0; a < LLO_N_NODES; a++)
        for (int b = 0; b < LLO_N_NODES; b++) tie[a][b] = active ? tie[a][b] / active : 0;
}

void llo_network_meetings(llo_world *w, int r, double meetings)
{
    const llo_params *p = &w->p;
    int64_t n = llround(1000 * meetings);
    if (n <= 0) return;
    for (int a = 0; a < LLO_N_NODES; a++)
        for (int b = a + 1; b < LLO_N_NODES; b++)
            if (table_actor[a] >= 0 && table_actor[b] >= 0 && p->agency[table_actor[a]] > 0 && p->agency[table_actor[b]] > 0)
                llo_contacts_add(w, r, LLO_CH_CONVENING, a, b, n);
}

void llo_network_compute(llo_world *w)
{
    const llo_params *p = &w->p;
    llo_network *net = &w->stats.network;
    static int64_t all[LLO_N_CHANNELS][LLO_N_NODES][LLO_N_NODES]; /* serial phase: one at a time */
    memset(all, 0, sizeof all);
    double tie[LLO_N_NODES][LLO_N_NODES];
    for (int r = 0; r < p->n_regions; r++) {
        ties(w, (const int64_t(*)[LLO_N_NODES][LLO_N_NODES])w->contacts.n[r], tie, net->agency[r]);
        centrality((const double(*)[LLO_N_NODES])tie, net->degree[r], net->eigenvector[r]);
        for (int c = 0; c < LLO_N_CHANNELS; c++)
            for (int a = 0; a < LLO_N_NODES; a++)
                for (int b = 0; b < LLO_N_NODES; b++) all[c][a][b] += w->contacts.n[r][c][a][b];
    }
    int R = LLO_MAX_REGIONS;
    ties(w, (const int64_t(*)[LLO_N_NODES][LLO_N_NODES])all, tie, net->agency[R]);
    centrality((const double(*)[LLO_N_NODES])tie, net->degree[R], net->eigenvector[R]);
    memcpy(net->tie, tie, sizeof net->tie);
}
