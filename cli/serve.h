/* `llosim serve`: a live view of one run in the browser. The session (serve_session.c) owns two
 * worlds, the run with the levers pulled and its ghost (same seed, no levers), and steps them in
 * its own thread; the HTTP side (serve.c) only reads what the session has published and hands
 * it commands, so many browsers do not slow the simulation. The classroom (serve_classroom.c)
 * adds seats, yearly votes and the teacher's lock. */
#ifndef LLO_SERVE_H
#define LLO_SERVE_H

#include <pthread.h>
#include <stdint.h>

#include "config/scenario.h"
#include "sim/durable.h"
#include "sim/llosim.h"

/* Most levers one session records (with the scenario's own events, LLO_MAX_EVENTS bounds them). */
#define SERVE_LABEL_LEN 160
/* The scenario and overrides a session was started from: levers are validated by loading them
 * again with the lever as a timeline event, so the loader's own checks and messages apply. */
#define SERVE_MAX_SETS 64

/* Series the charts plot, one value per month for the run and for its ghost. */
enum {
#define SERVE_SERIES(X)                                                                                  \
    X(PARTICIPATION, "participation", "participation_24m_employed", NULL, NULL)                          \
    X(PARTICIPATION_LOW, "participation_low", NULL, "education", "low")                                  \
    X(PARTICIPATION_MIDDLE, "participation_middle", NULL, "education", "middle")                         \
    X(PARTICIPATION_HIGH, "participation_high", NULL, "education", "high")                               \
    X(PARTICIPATION_SMALL, "participation_small_firms", "participation_24m_small_firms", NULL, NULL)     \
    X(PARTICIPATION_JOBSEEKERS, "participation_jobseekers", "participation_24m_unemployed", NULL, NULL)  \
    X(TRUST_EMPLOYER_PROVIDER, "trust_employer_provider", "trust_employer_provider", NULL, NULL)         \
    X(TRUST_ORCHESTRATOR, "trust_in_orchestrator", "trust_in_orchestrator", NULL, NULL)                  \
    X(TRUST_PUBLIC_PRIVATE, "trust_public_private", "trust_public_private", NULL, NULL)                  \
    X(AGENDA, "agenda_strength", "agenda_strength", NULL, NULL)                                          \
    X(FRAGMENTATION, "fragmentation_index", "fragmentation_index", NULL, NULL)                           \
    X(COURSE_STARTS, "course_starts", "course_starts", NULL, NULL)                                       \
    X(GUIDANCE, "guidance_sessions", "guidance_sessions", NULL, NULL)                                    \
    X(EMPLOYER_SPENT, "employer_spent_eur", "employer_spent_eur", NULL, NULL)                            \
    X(INDIVIDUAL_SPENT, "individual_budget_spent_eur", "individual_budget_spent_eur", NULL, NULL)        \
    X(OUT_OF_POCKET, "out_of_pocket_eur", "out_of_pocket_eur", NULL, NULL)                               \
    X(JOBSEEKER_SPENT, "jobseeker_fund_spent_eur", "jobseeker_fund_spent_eur", NULL, NULL)               \
    X(REGIONAL_SPENT, "regional_fund_spent_eur", "regional_fund_spent_eur", NULL, NULL)                  \
    X(SME_SPENT, "sme_subsidy_spent_eur", "sme_subsidy_spent_eur", NULL, NULL)                           \
    X(SECTOR_SPENT, "sector_funds_spent_eur", "sector_funds_spent_eur", NULL, NULL)                      \
    X(LEARNING_SPENT, "learning_budget_spent_eur", "learning_budget_spent_eur", NULL, NULL)              \
    X(PUBLIC_SPENT, "public_provider_spent_eur", "public_provider_spent_eur", NULL, NULL)
#define SERVE_SERIES_ENUM(id, key, column, dim, group) SERVE_S_##id,
    SERVE_SERIES(SERVE_SERIES_ENUM)
#undef SERVE_SERIES_ENUM
    SERVE_N_SERIES
};

/* Indicators the map can colour the regions by (timeseries.csv columns of one region). */
#define SERVE_MAP_COLUMNS "participation_24m_employed", "participation_24m_low_educated", "trust_in_orchestrator", \
                          "trust_employer_provider", "agenda_strength", "skill_gap_mean"
#define SERVE_N_MAP 6

/* What the session does next, asked for by a request and carried out by the session's thread
 * between months. */
typedef enum serve_verb {
    SERVE_STEP,     /* one month, then pause */
    SERVE_RUN,      /* keep going at the set speed until the run's last month */
    SERVE_PAUSE,
    SERVE_SPEED,    /* months per second (0: as fast as it goes) */
    SERVE_LEVER,    /* a timeline event at the current month */
    SERVE_REWIND,   /* back to month `month`: replayed from the start with the levers before it */
    SERVE_RESET,    /* back to month 0, every lever forgotten */
    SERVE_FOLLOW,   /* follow the worker in slot `arg` (modulo the slots) from the next month */
    SERVE_QUIT
} serve_verb;

typedef struct serve_session serve_session;

/* Loads the scenario (path and overrides, as `llosim run` takes them; replicates become 1),
 * builds the run and its ghost and simulates the burn-in. Returns NULL with every problem in d. */
serve_session *serve_session_new(const char *path, const char *const *sets, int n_sets, llo_diag *d);
void serve_session_free(serve_session *s);

/* Starts and stops the session's thread. */
int serve_session_start(serve_session *s);
void serve_session_stop(serve_session *s);

/* Carries out a command and waits for it. A lever is `event` in libconfig syntax without its
 * month (e.g. `set = "orchestrators.front_office"; value = 1;`), checked by the scenario
 * loader. Returns 0, or -1 with a message for the page in msg. */
int serve_session_command(serve_session *s, serve_verb verb, double arg, const char *event, const char *label,
                          char *msg, size_t msglen);

/* The state for a page that has months [0, since) already, as JSON. */
void serve_session_state(serve_session *s, int since, llo_buf *out);

/* The scenario that reproduces the session: the resolved scenario with every lever in its
 * timeline and run.months the months simulated so far. */
void serve_session_export(serve_session *s, llo_buf *out);

/* The session's outputs, as `llosim run` of the exported scenario writes them: `file` is
 * timeseries.csv, groups.csv or network.csv. Returns -1 for another name. */
int serve_session_output(serve_session *s, const char *file, llo_buf *out);

/* Months simulated after the burn-in, and months the run has. */
int serve_session_month(serve_session *s);
int serve_session_months(serve_session *s);

/* Called by the session's thread when a running session completes a simulated year (month % 12
 * == 0), with the session's lock held (so it must not call the session back); the run pauses
 * there when it returns nonzero: the classroom votes. */
typedef int (*serve_year_hook)(void *ctx, int month);
void serve_session_on_year(serve_session *s, serve_year_hook hook, void *ctx);

/* Whether `name` is one of the scenario's regions. */
int serve_session_has_region(serve_session *s, const char *name);

/* The names of the actor types at the regional table, in governance.agency's order. */
extern const char *const serve_actor_names[LLO_N_ACTORS];

/* The current votes at the table (governance.agency of the run, normalised). */
void serve_session_agency(serve_session *s, double agency[LLO_N_ACTORS]);

#endif
