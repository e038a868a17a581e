/* The session behind `llosim serve`: a run with the levers the class pulls, and its ghost, the
 * same seed without them. Both worlds are touched by the session's thread only; what the page
 * reads (the series, the months' statistics, the levers) is published under the session's lock
 * once a month is simulated, and requests hand commands over through a queue.
 *
 * A lever is a timeline event at the current month, exactly as a scenario file would have it:
 * it is checked by loading the scenario again with the event as its timeline, so a bad value
 * gets the loader's own message, and the parsed event is what goes into the world. Rewinding
 * replays the run from its start with the levers before that month (draws are counter-based, so
 * the replay is exact); the next lever forks the history. Export writes the resolved scenario
 * with those same events, so `llosim run` of it repeats the session byte for byte. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/serve.h"
#include "config/settings.h"
#include "config/timeline.h"
#include "sim/follow.h"
#include "sim/output.h"

const char *const serve_actor_names[LLO_N_ACTORS] = {"municipality", "intermediaries", "employers", "workers",
                                                     "education"};

static const char *const series_keys[SERVE_N_SERIES] = {
#define SERVE_SERIES_KEY(id, key, column, dim, group) key,
    SERVE_SERIES(SERVE_SERIES_KEY)
#undef SERVE_SERIES_KEY
};

typedef struct serve_command {
    serve_verb verb;
    double arg;
    char event[640];
    char label[SERVE_LABEL_LEN];
    char msg[LLO_DIAG_LEN];
    int rc, done;
    struct serve_command *next;
} serve_command;

struct serve_session {
    llo_scenario *sc;                 /* the scenario as loaded; its timeline is the file's own */
    char path[4096];
    char *sets[SERVE_MAX_SETS + 1];   /* the overrides given, then run.replicates=1 */
    int n_sets;
    llo_world *run, *ghost;
    llo_moment series_of[SERVE_N_SERIES];
    llo_moment map_of[SERVE_N_MAP];

    pthread_mutex_t lock;
    pthread_cond_t wake;              /* the session's thread: a command came, or it may go on */
    pthread_cond_t answered;          /* requests: a command is done */
    pthread_t thread;
    int thread_started;

    /* Published under lock. */
    llo_event levers[LLO_MAX_EVENTS];
    char labels[LLO_MAX_EVENTS][SERVE_LABEL_LEN];
    int n_levers;
    llo_month_stats *history;         /* [months]: the run's months, as the outputs need them */
    double *run_series, *ghost_series;/* [months][SERVE_N_SERIES] */
    int done, ghost_done;             /* months simulated after the burn-in */
    int version;                      /* changes when history is rewritten (rewind, reset) */
    int running;
    double speed;                     /* months per second; 0: as fast as it goes */
    serve_command *queue, *queue_tail;
    serve_year_hook on_year;
    void *on_year_ctx;
    llo_follow followed;              /* the followed worker's record of the last month */
    /* The run's state at the start of every simulated year (months 0, 12, ...), so a rewind
     * restores the year it falls in and replays only the months since (sim/checkpoint.c). A
     * snapshot holds the levers before its month, which a rewind to its month or later keeps. */
    void **year_state;                /* [months / 12 + 1], NULL where none is held */
    size_t state_size;
    int years_held;                   /* snapshots of years 0 .. years_held-1 are valid */
    int restored_from;                /* the month the last rewind restored (-1: replayed from the start) */
    uint64_t followed_person;         /* kept across replays: a reset puts everyone back in place */
};

/* The timeline the run goes by: the scenario's events and the levers, by month; within a month
 * the scenario's first, as the loader orders an exported file (a stable sort by month of the
 * scenario's events followed by the levers). */
static void merged_timeline(const serve_session *s, llo_params *p)
{
    const llo_params *base = &s->sc->params;
    int n = 0, i = 0, j = 0;
    while (i < base->n_events || j < s->n_levers) {
        if (j >= s->n_levers || (i < base->n_events && base->timeline[i].month <= s->levers[j].month))
            p->timeline[n++] = base->timeline[i++];
        else
            p->timeline[n++] = s->levers[j++];
    }
    p->n_events = n;
}

static void series_row(const serve_session *s, const llo_month_stats *st, double *row)
{
    for (int k = 0; k < SERVE_N_SERIES; k++) row[k] = llo_moment_value(&s->series_of[k], &s->sc->params, st);
}

/* One month of the run, then of the ghost as far as the run has gone; publishes both. */
static void step_month(serve_session *s)
{
    int t = llo_world_month(s->run);
    if (t >= 0 && t % 12 == 0 && t / 12 == s->years_held && s->year_state) {
        char err[256];
        if (!s->year_state[t / 12]) s->year_state[t / 12] = malloc(s->state_size);
        if (s->year_state[t / 12] &&
            llo_world_snapshot(s->run, s->year_state[t / 12], s->state_size, err, sizeof err) == 0)
            s->years_held++;
    }
    llo_world_step(s->run);
    const llo_month_stats *st = llo_world_stats(s->run);
    if (st->month < 0) return;
    double row[SERVE_N_SERIES];
    series_row(s, st, row);
    const llo_follow *f = llo_world_followed(s->run);
    pthread_mutex_lock(&s->lock);
    if (f) s->followed = *f;
    s->history[st->month] = *st;
    memcpy(&s->run_series[(size_t)st->month * SERVE_N_SERIES], row, sizeof row);
    s->done = st->month + 1;
    pthread_mutex_unlock(&s->lock);
    while (llo_world_month(s->ghost) < llo_world_month(s->run)) {
        llo_world_step(s->ghost);
        const llo_month_stats *g = llo_world_stats(s->ghost);
        if (g->month < 0) continue;
        series_row(s, g, row);
        pthread_mutex_lock(&s->lock);
        memcpy(&s->ghost_series[(size_t)g->month * SERVE_N_SERIES], row, sizeof row);
        s->ghost_done = g->month + 1;
        pthread_mutex_unlock(&s->lock);
    }
}

/* The run from its start up to month `month` with the levers before it (the rest are
 * dropped: the history forks here). */
static void replay(serve_session *s, int month)
{
    pthread_mutex_lock(&s->lock);
    int keep = 0;
    while (keep < s->n_levers && s->levers[keep].month < month) keep++;
    s->n_levers = keep;
    /* The latest year held at or before `month`; years after it saw levers now dropped. */
    int year = month >= 0 ? month / 12 : -1;
    if (year >= s->years_held) year = s->years_held - 1;
    s->years_held = year + 1 > 0 ? year + 1 : 0;
    char err[256];
    int restored = year >= 0 && llo_world_restore(s->run, s->year_state[year], s->state_size, err, sizeof err) == 0;
    if (!restored) s->years_held = 0;
    s->restored_from = restored ? 12 * year : -1;
    s->done = restored ? 12 * year : 0;
    s->version++;
    pthread_mutex_unlock(&s->lock);
    if (!restored) llo_world_reset(s->run, 1);
    if (s->followed_person) llo_world_follow_person(s->run, s->followed_person);
    merged_timeline(s, llo_world_params(s->run));
    while (llo_world_month(s->run) < month) step_month(s);
}

static void move_moment(llo_moment *m, const char *column, const char *dim, const char *group)
{
    memset(m, 0, sizeof *m);
    m->region = -1;
    if (column) {
        m->column = llo_timeseries_column_find(column);
        m->group = m->indicator = -1;
    } else {
        m->column = -1;
        m->group = llo_group_find(dim, group);
        m->indicator = llo_group_indicator_find("participation_24m");
    }
}

serve_session *serve_session_new(const char *path, const char *const *sets, int n_sets, llo_diag *d)
{
    if (n_sets > SERVE_MAX_SETS) {
        llo_diag_add(d, "too many overrides (at most %d)", SERVE_MAX_SETS);
        return NULL;
    }
    serve_session *s = calloc(1, sizeof *s);
    if (!s) return NULL;
    s->sc = calloc(1, sizeof *s->sc);
    snprintf(s->path, sizeof s->path, "%s", path);
    for (int k = 0; k < n_sets; k++) s->sets[s->n_sets++] = strdup(sets[k]);
    /* The page follows one replicate; its ghost is the same one without the levers. */
    s->sets[s->n_sets++] = strdup("run.replicates=1");
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->wake, NULL);
    pthread_cond_init(&s->answered, NULL);
    if (!s->sc || llo_scenario_load(s->sc, s->path, (const char *const *)s->sets, s->n_sets, d) != 0) {
        serve_session_free(s);
        return NULL;
    }
    const llo_params *p = &s->sc->params;
#define SERVE_SERIES_MOMENT(id, key, column, dim, group) move_moment(&s->series_of[SERVE_S_##id], column, dim, group);
    SERVE_SERIES(SERVE_SERIES_MOMENT)
#undef SERVE_SERIES_MOMENT
    const char *map_columns[SERVE_N_MAP] = {SERVE_MAP_COLUMNS};
    for (int k = 0; k < SERVE_N_MAP; k++) move_moment(&s->map_of[k], map_columns[k], NULL, NULL);
    s->history = calloc((size_t)p->months, sizeof *s->history);
    s->run_series = calloc((size_t)p->months * SERVE_N_SERIES, sizeof(double));
    s->ghost_series = calloc((size_t)p->months * SERVE_N_SERIES, sizeof(double));
    char err[512];
    if (s->history && s->run_series && s->ghost_series) {
        s->run = llo_world_alloc(p, 1, err, sizeof err);
        if (s->run) s->ghost = llo_world_alloc(p, 1, err, sizeof err);
    } else {
        snprintf(err, sizeof err, "out of memory");
    }
    if (!s->run || !s->ghost) {
        llo_diag_add(d, "%s", err);
        serve_session_free(s);
        return NULL;
    }
    /* Snapshots for rewinding, unless they would take more than 1 GiB: then rewind replays. */
    s->state_size = llo_world_snapshot_size(s->run);
    size_t years = (size_t)p->months / 12 + 1;
    if (s->state_size * years <= ((size_t)1 << 30)) s->year_state = calloc(years, sizeof *s->year_state);
    s->speed = 12;
    /* Someone to follow from the start; the page may pick another. */
    if (llo_world_follow_slot(s->run, llo_world_estimate(p).workers / 3) == 0)
        s->followed_person = llo_world_followed(s->run)->person;
    replay(s, 0);
    while (llo_world_month(s->ghost) < 0) llo_world_step(s->ghost);
    return s;
}

void serve_session_free(serve_session *s)
{
    if (!s) return;
    llo_world_free(s->run);
    llo_world_free(s->ghost);
    if (s->year_state)
        for (int k = 0; k <= s->sc->params.months / 12; k++) free(s->year_state[k]);
    free(s->year_state);
    free(s->history);
    free(s->run_series);
    free(s->ghost_series);
    for (int k = 0; k < s->n_sets; k++) free(s->sets[k]);
    free(s->sc);
    pthread_mutex_destroy(&s->lock);
    pthread_cond_destroy(&s->wake);
    pthread_cond_destroy(&s->answered);
    free(s);
}

/* Checks a lever as the loader checks a scenario's timeline, and returns the parsed event. */
static int parse_lever(serve_session *s, int month, const char *event, llo_event *out, char *msg, size_t msglen)
{
    if (strpbrk(event, "\n\r{}()@")) {
        snprintf(msg, msglen, "a lever is one event's keys and values");
        return -1;
    }
    char *timeline = malloc(strlen(event) + 64);
    llo_scenario *sc = calloc(1, sizeof *sc);
    llo_diag *d = calloc(1, sizeof *d);
    const char *sets[SERVE_MAX_SETS + 2];
    int rc = -1;
    if (!timeline || !sc || !d) {
        snprintf(msg, msglen, "out of memory");
        goto done;
    }
    sprintf(timeline, "timeline=({ month = %d; %s })", month, event);
    for (int k = 0; k < s->n_sets; k++) sets[k] = s->sets[k];
    sets[s->n_sets] = timeline;
    if (llo_scenario_load(sc, s->path, sets, s->n_sets + 1, d) != 0) {
        /* "--set:N: timeline[0].value: ..." reads on the page as "value: ...". */
        const char *m = d->count ? d->msg[0] : "not a valid lever";
        const char *at = strstr(m, "timeline[0]");
        if (at) m = at + strlen("timeline[0]") + (at[strlen("timeline[0]")] == '.' ? 1 : 0);
        if (*m == ':') m += 2;
        snprintf(msg, msglen, "%s", m);
        goto done;
    }
    if (sc->params.n_events != 1) {
        snprintf(msg, msglen, "a lever is exactly one event");
        goto done;
    }
    *out = sc->params.timeline[0];
    rc = 0;
done:
    free(timeline);
    free(sc);
    free(d);
    return rc;
}

static void execute(serve_session *s, serve_command *c)
{
    const int months = s->sc->params.months;
    c->rc = 0;
    switch (c->verb) {
    case SERVE_STEP:
        pthread_mutex_lock(&s->lock);
        s->running = 0;
        pthread_mutex_unlock(&s->lock);
        if (llo_world_month(s->run) < months) {
            step_month(s);
        } else {
            snprintf(c->msg, sizeof c->msg, "the run has ended at month %d; rewind or set up again", months);
            c->rc = -1;
        }
        break;
    case SERVE_RUN:
    case SERVE_PAUSE:
        if (c->verb == SERVE_RUN && llo_world_month(s->run) >= months) {
            snprintf(c->msg, sizeof c->msg, "the run has ended at month %d; rewind or set up again", months);
            c->rc = -1;
            break;
        }
        pthread_mutex_lock(&s->lock);
        s->running = c->verb == SERVE_RUN;
        pthread_mutex_unlock(&s->lock);
        break;
    case SERVE_SPEED:
        if (!(c->arg >= 0 && c->arg <= 1000)) {
            snprintf(c->msg, sizeof c->msg, "speed: months per second from 0 (as fast as it goes) to 1000");
            c->rc = -1;
            break;
        }
        pthread_mutex_lock(&s->lock);
        s->speed = c->arg;
        pthread_mutex_unlock(&s->lock);
        break;
    case SERVE_LEVER: {
        int month = llo_world_month(s->run);
        llo_event e;
        if (month >= months) {
            snprintf(c->msg, sizeof c->msg, "the run has ended at month %d; rewind to pull a lever earlier", months);
            c->rc = -1;
            break;
        }
        if (s->sc->params.n_events + s->n_levers >= LLO_MAX_EVENTS) {
            snprintf(c->msg, sizeof c->msg, "a session holds at most %d levers; rewind or reset to pull more",
                     LLO_MAX_EVENTS - s->sc->params.n_events);
            c->rc = -1;
            break;
        }
        if (parse_lever(s, month, c->event, &e, c->msg, sizeof c->msg) != 0) {
            c->rc = -1;
            break;
        }
        pthread_mutex_lock(&s->lock);
        s->levers[s->n_levers] = e;
        snprintf(s->labels[s->n_levers], SERVE_LABEL_LEN, "%s", c->label[0] ? c->label : c->event);
        s->n_levers++;
        pthread_mutex_unlock(&s->lock);
        /* The world has not simulated this month yet, so the event applies at its start, as
         * in a run of the exported scenario. */
        merged_timeline(s, llo_world_params(s->run));
        snprintf(c->msg, sizeof c->msg, "applies from month %d", month);
        break;
    }
    case SERVE_REWIND: {
        int month = (int)c->arg;
        if (!(c->arg >= 0) || month > s->done) {
            snprintf(c->msg, sizeof c->msg, "rewind: give a month from 0 to %d (the months simulated so far)", s->done);
            c->rc = -1;
            break;
        }
        pthread_mutex_lock(&s->lock);
        s->running = 0;
        pthread_mutex_unlock(&s->lock);
        replay(s, month);
        break;
    }
    case SERVE_RESET:
        pthread_mutex_lock(&s->lock);
        s->running = 0;
        pthread_mutex_unlock(&s->lock);
        replay(s, 0);
        pthread_mutex_lock(&s->lock);
        s->n_levers = 0;
        pthread_mutex_unlock(&s->lock);
        merged_timeline(s, llo_world_params(s->run));
        break;
    case SERVE_FOLLOW:
        if (llo_world_follow_slot(s->run, (size_t)c->arg) == 0) {
            const llo_follow *f = llo_world_followed(s->run);
            pthread_mutex_lock(&s->lock);
            s->followed_person = f->person;
            s->followed = *f;
            pthread_mutex_unlock(&s->lock);
            snprintf(c->msg, sizeof c->msg, "following worker %llu from the next month", (unsigned long long)f->person);
        }
        break;
    case SERVE_QUIT: break;
    }
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

static void *session_thread(void *arg)
{
    serve_session *s = arg;
    const int months = s->sc->params.months;
    double next = now_seconds();
    pthread_mutex_lock(&s->lock);
    for (;;) {
        if (s->queue) {
            serve_command *c = s->queue;
            s->queue = c->next;
            if (!s->queue) s->queue_tail = NULL;
            pthread_mutex_unlock(&s->lock);
            int quit = c->verb == SERVE_QUIT;
            execute(s, c);
            pthread_mutex_lock(&s->lock);
            c->done = 1;
            pthread_cond_broadcast(&s->answered);
            if (quit) break;
            next = now_seconds();
            continue;
        }
        if (s->running && s->done < months) {
            double t = now_seconds();
            if (s->speed > 0 && t < next) {
                struct timespec until;
                clock_gettime(CLOCK_REALTIME, &until);
                double wait = next - t, whole = floor(wait);
                until.tv_sec += (time_t)whole;
                until.tv_nsec += (long)((wait - whole) * 1e9);
                if (until.tv_nsec >= 1000000000L) {
                    until.tv_sec++;
                    until.tv_nsec -= 1000000000L;
                }
                pthread_cond_timedwait(&s->wake, &s->lock, &until);
                continue;
            }
            next = (s->speed > 0 ? (t > next + 1 ? t : next) + 1.0 / s->speed : t);
            pthread_mutex_unlock(&s->lock);
            step_month(s);
            pthread_mutex_lock(&s->lock);
            if (s->done >= months) s->running = 0;
            else if (s->done % 12 == 0 && s->on_year && s->on_year(s->on_year_ctx, s->done)) s->running = 0;
            continue;
        }
        pthread_cond_wait(&s->wake, &s->lock);
    }
    pthread_mutex_unlock(&s->lock);
    return NULL;
}

int serve_session_start(serve_session *s)
{
    if (pthread_create(&s->thread, NULL, session_thread, s) != 0) return -1;
    s->thread_started = 1;
    return 0;
}

void serve_session_stop(serve_session *s)
{
    if (!s->thread_started) return;
    char msg[64];
    serve_session_command(s, SERVE_QUIT, 0, NULL, NULL, msg, sizeof msg);
    pthread_join(s->thread, NULL);
    s->thread_started = 0;
}

int serve_session_command(serve_session *s, serve_verb verb, double arg, const char *event, const char *label,
                          char *msg, size_t msglen)
{
    serve_command c;
    memset(&c, 0, sizeof c);
    c.verb = verb;
    c.arg = arg;
    if (event) snprintf(c.event, sizeof c.event, "%s", event);
    if (label) snprintf(c.label, sizeof c.label, "%s", label);
    pthread_mutex_lock(&s->lock);
    if (s->queue_tail) s->queue_tail->next = &c;
    else s->queue = &c;
    s->queue_tail = &c;
    pthread_cond_signal(&s->wake);
    while (!c.done) pthread_cond_wait(&s->answered, &s->lock);
    pthread_mutex_unlock(&s->lock);
    snprintf(msg, msglen, "%s", c.msg);
    return c.rc;
}

static void json_number(llo_buf *b, double v)
{
    if (isfinite(v)) llo_buf_printf(b, "%.6g", v);
    else llo_buf_printf(b, "null");
}

static void json_numbers(llo_buf *b, const double *v, int n)
{
    llo_buf_printf(b, "[");
    for (int k = 0; k < n; k++) {
        if (k) llo_buf_printf(b, ",");
        json_number(b, v[k]);
    }
    llo_buf_printf(b, "]");
}

static void json_rows(llo_buf *b, const double *series, int from, int to)
{
    llo_buf_printf(b, "[");
    for (int t = from; t < to; t++) {
        if (t > from) llo_buf_printf(b, ",");
        json_numbers(b, &series[(size_t)t * SERVE_N_SERIES], SERVE_N_SERIES);
    }
    llo_buf_printf(b, "]");
}

/* The money of one month: from each source to the providers (course fees) and to administration. */
static void json_money(llo_buf *b, const serve_session *s, const llo_month_stats *st)
{
    static const char *const sources[][3] = {
        {"employers' budgets", "employer_spent_eur", NULL},
        {"workers' own budgets", "individual_budget_spent_eur", NULL},
        {"out of pocket", "out_of_pocket_eur", NULL},
        {"job-seeker fund", "jobseeker_fund_spent_eur", "jobseeker_fund_overhead_eur"},
        {"regional fund", "regional_fund_spent_eur", "regional_fund_overhead_eur"},
        {"SME subsidy", "sme_subsidy_spent_eur", "sme_subsidy_overhead_eur"},
        {"sector funds", "sector_funds_spent_eur", "sector_funds_overhead_eur"},
        {"learning budget", "learning_budget_spent_eur", "learning_budget_overhead_eur"},
        {"public module funding", "public_provider_spent_eur", "public_provider_overhead_eur"},
    };
    llo_buf_printf(b, "[");
    for (size_t k = 0; k < sizeof sources / sizeof sources[0]; k++) {
        llo_moment m;
        move_moment(&m, sources[k][1], NULL, NULL);
        double fees = llo_moment_value(&m, &s->sc->params, st), admin = 0;
        if (sources[k][2]) {
            move_moment(&m, sources[k][2], NULL, NULL);
            admin = llo_moment_value(&m, &s->sc->params, st);
        }
        llo_buf_printf(b, "%s{\"source\":", k ? "," : "");
        llo_buf_json_string(b, sources[k][0]);
        llo_buf_printf(b, ",\"providers\":");
        json_number(b, fees);
        llo_buf_printf(b, ",\"administration\":");
        json_number(b, admin);
        llo_buf_printf(b, "}");
    }
    llo_buf_printf(b, "]");
}

static void json_network(llo_buf *b, const llo_network *n)
{
    static const char *const nodes[LLO_N_NODES] = {
#define SERVE_NODE_NAME(id, name, doc) name,
        LLO_NODES(SERVE_NODE_NAME)
#undef SERVE_NODE_NAME
    };
    const int R = LLO_MAX_REGIONS;
    llo_buf_printf(b, "{\"nodes\":[");
    for (int a = 0; a < LLO_N_NODES; a++) {
        if (a) llo_buf_printf(b, ",");
        llo_buf_json_string(b, nodes[a]);
    }
    llo_buf_printf(b, "],\"eigenvector\":");
    json_numbers(b, n->eigenvector[R], LLO_N_NODES);
    llo_buf_printf(b, ",\"degree\":");
    json_numbers(b, n->degree[R], LLO_N_NODES);
    llo_buf_printf(b, ",\"agency\":");
    json_numbers(b, n->agency[R], LLO_N_NODES);
    llo_buf_printf(b, ",\"tie\":[");
    for (int a = 0; a < LLO_N_NODES; a++) {
        if (a) llo_buf_printf(b, ",");
        json_numbers(b, n->tie[a], LLO_N_NODES);
    }
    llo_buf_printf(b, "]}");
}

/* The settings the page's controls show, as in force for the next month: the scenario's and
 * every `set` event up to now, written in libconfig syntax. */
static void json_now(llo_buf *b, const serve_session *s)
{
    static const char *const shown[] = {"orchestrators.front_office", "governance.agency",
                                        "orchestrators.temporary_staff_share", "funding.regional_fund_eur",
                                        "workers.individual_budget_eur", "providers.competition",
                                        "labour.poaching_intensity"};
    llo_params *p = malloc(sizeof *p);
    if (!p) {
        b->failed = 1;
        return;
    }
    *p = s->sc->params;
    merged_timeline(s, p);
    for (int k = 0; k < p->n_events; k++) {
        const llo_event *e = &p->timeline[k];
        if (e->kind != LLO_EVENT_SET || e->month > s->done) continue; /* a lever of this month counts */
        memcpy((char *)p + e->offset, &e->value, e->bytes); /* as the step applies it (sim/timeline.c) */
    }
    llo_buf_printf(b, "{");
    for (size_t k = 0; k < sizeof shown / sizeof shown[0]; k++) {
        const llo_setting *row = llo_setting_find(shown[k]);
        if (!row) continue; /* renamed: the control keeps its own value */
        char *text = NULL;
        size_t len = 0;
        FILE *mem = open_memstream(&text, &len);
        if (!mem) continue;
        llo_setting_write_value(mem, row, p);
        fclose(mem);
        llo_buf_printf(b, "%s", b->len > 0 && b->data[b->len - 1] == '{' ? "" : ",");
        llo_buf_json_string(b, shown[k]);
        llo_buf_printf(b, ":");
        llo_buf_json_string(b, text);
        free(text);
    }
    llo_buf_printf(b, "}");
    free(p);
}

/* The followed worker: the state their decision of the last month was taken from, and its terms. */
static void json_worker(llo_buf *b, const serve_session *s)
{
    static const char *const education[] = {"low", "middle", "high"};
    static const char *const contract[] = {"permanent", "temporary", "self-employed"};
    static const char *const size[] = {"1-9", "10-49", "50-249", "250+"};
    static const char *const kind[] = {"mbo", "hbo", "wo", "private", "online"};
    const llo_follow *f = &s->followed;
    const llo_params *p = &s->sc->params;
    if (!f->active) {
        llo_buf_printf(b, "null");
        return;
    }
    int seen = f->month == s->done - 1 && s->done > 0;
    llo_buf_printf(b, "{\"person\":%llu,\"seen\":%s", (unsigned long long)f->person, seen ? "true" : "false");
    if (seen) {
        llo_buf_printf(b, ",\"month\":%d,\"status\":\"%s\",\"region\":", f->month,
                       f->status == 2 ? "job seeker" : "employed");
        llo_buf_json_string(b, f->region < p->n_regions ? p->region_names[f->region] : "?");
        llo_buf_printf(b, ",\"sector\":");
        llo_buf_json_string(b, f->sector < p->n_sectors ? p->sector_names[f->sector] : "?");
        llo_buf_printf(b, ",\"education\":\"%s\",\"contract\":\"%s\",\"firm_size\":\"%s\",\"age\":%d",
                       education[f->education % 3], contract[f->contract % 3], size[f->size_class % 4], f->age_years);
        llo_buf_printf(b, ",\"skill\":%.4f,\"own_budget_eur\":%.2f,\"expected_fees_eur\":%.2f", f->skill,
                       f->own_budget_eur, f->expected_fees_eur);
        llo_buf_printf(b, ",\"in_course\":%s,\"never_learner\":%s,\"nothing_in_reach\":%s",
                       f->in_course ? "true" : "false", f->never_learner ? "true" : "false",
                       f->nothing_in_reach ? "true" : "false");
        llo_buf_printf(b, ",\"terms\":[");
        for (int k = 0; k < LLO_FOLLOW_N_TERMS; k++) {
            llo_buf_printf(b, "%s[", k ? "," : "");
            llo_buf_json_string(b, llo_follow_term_name(k));
            llo_buf_printf(b, ",%.6f]", f->term[k]);
        }
        llo_buf_printf(b, "],\"probability\":%.6g,\"draw\":%.6f,\"wanted\":%s,\"provider\":", f->probability, f->draw,
                       f->wanted ? "true" : "false");
        llo_buf_json_string(b, f->provider_kind >= 0 && f->provider_kind < 5 ? kind[f->provider_kind] : NULL);
        llo_buf_printf(b, ",\"started\":%s", f->started ? "true" : "false");
    }
    llo_buf_printf(b, "}");
}

void serve_session_state(serve_session *s, int since, llo_buf *b)
{
    const llo_params *p = &s->sc->params;
    pthread_mutex_lock(&s->lock);
    if (since < 0 || since > s->done) since = 0;
    llo_buf_printf(b, "{\"version\":%d,\"month\":%d,\"months\":%d,\"start_year\":%d,\"running\":%s,\"speed\":",
                   s->version, s->done, p->months, p->start_year, s->running ? "true" : "false");
    json_number(b, s->speed);
    llo_buf_printf(b, ",\"restored_from\":%d,\"scenario\":", s->restored_from);
    llo_buf_json_string(b, p->name);
    llo_buf_printf(b, ",\"scale\":");
    json_number(b, p->scale);
    llo_buf_printf(b, ",\"keys\":[");
    for (int k = 0; k < SERVE_N_SERIES; k++) {
        if (k) llo_buf_printf(b, ",");
        llo_buf_json_string(b, series_keys[k]);
    }
    llo_buf_printf(b, "],\"since\":%d,\"run\":", since);
    json_rows(b, s->run_series, since, s->done);
    int ghost_to = s->ghost_done < s->done ? s->ghost_done : s->done;
    llo_buf_printf(b, ",\"ghost\":");
    json_rows(b, s->ghost_series, since < ghost_to ? since : ghost_to, ghost_to);
    llo_buf_printf(b, ",\"levers\":[");
    for (int k = 0; k < s->n_levers; k++) {
        llo_buf_printf(b, "%s{\"month\":%d,\"label\":", k ? "," : "", s->levers[k].month);
        llo_buf_json_string(b, s->labels[k]);
        llo_buf_printf(b, "}");
    }
    llo_buf_printf(b, "],\"regions\":[");
    for (int r = 0; r < p->n_regions; r++) {
        if (r) llo_buf_printf(b, ",");
        llo_buf_json_string(b, p->region_names[r]);
    }
    llo_buf_printf(b, "],\"sectors\":[");
    for (int k = 0; k < p->n_sectors; k++) {
        if (k) llo_buf_printf(b, ",");
        llo_buf_json_string(b, p->sector_names[k]);
    }
    llo_buf_printf(b, "]");
    if (s->done > 0) {
        const llo_month_stats *st = &s->history[s->done - 1];
        const char *map_columns[SERVE_N_MAP] = {SERVE_MAP_COLUMNS};
        llo_buf_printf(b, ",\"map\":{");
        for (int k = 0; k < SERVE_N_MAP; k++) {
            double v[LLO_MAX_REGIONS];
            for (int r = 0; r < p->n_regions; r++) {
                llo_moment m = s->map_of[k];
                m.region = r;
                v[r] = llo_moment_value(&m, p, st);
            }
            llo_buf_printf(b, "%s", k ? "," : "");
            llo_buf_json_string(b, map_columns[k]);
            llo_buf_printf(b, ":");
            json_numbers(b, v, p->n_regions);
        }
        llo_buf_printf(b, "},\"network\":");
        json_network(b, &st->network);
        llo_buf_printf(b, ",\"money\":");
        json_money(b, s, st);
    }
    llo_buf_printf(b, ",\"now\":");
    json_now(b, s);
    llo_buf_printf(b, ",\"worker\":");
    json_worker(b, s);
    pthread_mutex_unlock(&s->lock);
    llo_buf_printf(b, "}");
}

void serve_session_export(serve_session *s, llo_buf *out)
{
    llo_params *p = malloc(sizeof *p);
    if (!p) {
        out->failed = 1;
        return;
    }
    pthread_mutex_lock(&s->lock);
    *p = s->sc->params;
    merged_timeline(s, p);
    if (s->done > 0) p->months = s->done;
    int done = s->done, n_levers = s->n_levers;
    pthread_mutex_unlock(&s->lock);
    char name[LLO_NAME_MAX];
    snprintf(name, sizeof name, "%.*s-session", LLO_NAME_MAX - 9, s->sc->params.name);
    memcpy(p->name, name, sizeof name);
    char *text = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&text, &len);
    if (mem) {
        fprintf(mem, "# A session of `llosim serve` on %s: %d months with %d lever%s pulled, each an event of the\n"
                     "# timeline below. `llosim run` of this file reproduces the session's outputs byte for byte.\n",
                s->path, done, n_levers, n_levers == 1 ? "" : "s");
        llo_params_write(p, mem);
        fclose(mem);
        llo_buf_append(out, text, len);
    } else {
        out->failed = 1;
    }
    free(text);
    free(p);
}

int serve_session_output(serve_session *s, const char *file, llo_buf *out)
{
    void (*header)(llo_buf *) = NULL;
    void (*rows)(llo_buf *, const llo_params *, int, const llo_month_stats *) = NULL;
    if (!strcmp(file, "timeseries.csv")) header = llo_timeseries_header, rows = llo_timeseries_rows;
    else if (!strcmp(file, "groups.csv")) header = llo_groups_header, rows = llo_groups_rows;
    else if (!strcmp(file, "network.csv")) header = llo_network_header, rows = llo_network_rows;
    else return -1;
    header(out);
    pthread_mutex_lock(&s->lock);
    for (int t = 0; t < s->done; t++) rows(out, &s->sc->params, 1, &s->history[t]);
    pthread_mutex_unlock(&s->lock);
    return 0;
}

int serve_session_month(serve_session *s)
{
    pthread_mutex_lock(&s->lock);
    int m = s->done;
    pthread_mutex_unlock(&s->lock);
    return m;
}

int serve_session_months(serve_session *s) { return s->sc->params.months; }

void serve_session_on_year(serve_session *s, serve_year_hook hook, void *ctx)
{
    pthread_mutex_lock(&s->lock);
    s->on_year = hook;
    s->on_year_ctx = ctx;
    pthread_mutex_unlock(&s->lock);
}

void serve_session_agency(serve_session *s, double agency[LLO_N_ACTORS])
{
    /* The levers of the run so far decide the votes now: the last governance.agency lever, or
     * the scenario's. */
    pthread_mutex_lock(&s->lock);
    const llo_params *p = &s->sc->params;
    const llo_setting *row = llo_setting_find("governance.agency");
    const double *v = p->agency;
    for (int k = 0; k < s->n_levers; k++)
        if (s->levers[k].kind == LLO_EVENT_SET && s->levers[k].target == (int)llo_setting_index(row))
            v = s->levers[k].value.f;
    double sum = 0;
    for (int a = 0; a < LLO_N_ACTORS; a++) sum += v[a];
    for (int a = 0; a < LLO_N_ACTORS; a++) agency[a] = sum > 0 ? v[a] / sum : 0;
    pthread_mutex_unlock(&s->lock);
}

int serve_session_has_region(serve_session *s, const char *name)
{
    const llo_params *p = &s->sc->params;
    for (int r = 0; r < p->n_regions; r++)
        if (strcmp(p->region_names[r], name) == 0) return 1;
    return 0;
}
