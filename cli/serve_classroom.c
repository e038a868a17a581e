/* The classroom (see serve_classroom.h). Its state has a lock of its own, taken after the
 * session's when the session's thread opens a vote, and never held while calling the session. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/serve_classroom.h"

typedef struct student {
    char token[CLASSROOM_TOKEN_LEN];
    char seat[LLO_NAME_MAX];
    char name[64];
    int vote;            /* actor type voted for in the open vote, -1: none */
} student;

typedef struct proposal {
    char seat[LLO_NAME_MAX];
    char label[SERVE_LABEL_LEN];
} proposal;

struct classroom {
    int enabled;
    serve_session *session;
    char code[8];
    char teacher[CLASSROOM_TOKEN_LEN];
    pthread_mutex_t lock;
    student students[CLASSROOM_MAX_STUDENTS];
    int n_students;
    int locked;
    int vote_open;       /* a vote is open, for the year ending at vote_month */
    int vote_month;
    char outcome[SERVE_LABEL_LEN + 48]; /* of the last vote closed */
    int last_votes[LLO_N_ACTORS];  /* its tally, which the teacher's screen keeps showing */
    proposal proposals[CLASSROOM_MAX_PROPOSALS];
    int n_proposals;     /* the latest CLASSROOM_MAX_PROPOSALS, oldest dropped */
};

/* Tokens and the join code come from the system's randomness, never from the simulation's
 * draws, so a classroom leaves the run's numbers as they would be without it. */
static void random_hex(char *out, size_t n_hex)
{
    unsigned char raw[32] = {0};
    int fd = open("/dev/urandom", O_RDONLY);
    if (fd >= 0) {
        if (read(fd, raw, sizeof raw) < 0) raw[0] = 0;
        close(fd);
    }
    for (size_t k = 0; k < n_hex; k++) out[k] = "0123456789abcdef"[(raw[k / 2] >> (k % 2 ? 0 : 4)) & 15];
    out[n_hex] = '\0';
}

classroom *classroom_new(int enabled, serve_session *session)
{
    classroom *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    c->enabled = enabled;
    c->session = session;
    c->locked = 1;
    pthread_mutex_init(&c->lock, NULL);
    random_hex(c->teacher, CLASSROOM_TOKEN_LEN - 1);
    char hex[8];
    random_hex(hex, 6);
    snprintf(c->code, sizeof c->code, "%04lu", strtoul(hex, NULL, 16) % 10000);
    return c;
}

void classroom_free(classroom *c)
{
    if (!c) return;
    pthread_mutex_destroy(&c->lock);
    free(c);
}

int classroom_enabled(const classroom *c) { return c->enabled; }
const char *classroom_join_code(const classroom *c) { return c->code; }
const char *classroom_teacher_token(const classroom *c) { return c->teacher; }

int classroom_is_teacher(const classroom *c, const char *token)
{
    if (!c->enabled) return 1;
    return token && strlen(token) == CLASSROOM_TOKEN_LEN - 1 && strcmp(token, c->teacher) == 0;
}

static int find_student(classroom *c, const char *token)
{
    if (!token) return -1;
    for (int k = 0; k < c->n_students; k++)
        if (strcmp(c->students[k].token, token) == 0) return k;
    return -1;
}

int classroom_student(classroom *c, const char *token)
{
    pthread_mutex_lock(&c->lock);
    int k = find_student(c, token);
    pthread_mutex_unlock(&c->lock);
    return k;
}

static int actor_of(const char *name)
{
    for (int a = 0; a < LLO_N_ACTORS; a++)
        if (name && strcmp(name, serve_actor_names[a]) == 0) return a;
    return -1;
}

int classroom_join(classroom *c, const char *code, const char *seat, const char *name, char *token, char *msg,
                   size_t msglen)
{
    if (!c->enabled) {
        snprintf(msg, msglen, "this session is not a classroom: start it with llosim serve --classroom");
        return -1;
    }
    if (!code || strcmp(code, c->code) != 0) {
        snprintf(msg, msglen, "wrong join code: ask the teacher for the code on their screen");
        return -1;
    }
    /* A seat is a region's table or an actor type. */
    int ok = seat && (actor_of(seat) >= 0 || serve_session_has_region(c->session, seat));
    if (!ok) {
        snprintf(msg, msglen, "seat: give a region (e.g. West-Brabant) or an actor type (municipality, intermediaries, "
                              "employers, workers, education)");
        return -1;
    }
    pthread_mutex_lock(&c->lock);
    if (c->n_students == CLASSROOM_MAX_STUDENTS) {
        pthread_mutex_unlock(&c->lock);
        snprintf(msg, msglen, "the classroom is full (%d seats taken)", CLASSROOM_MAX_STUDENTS);
        return -1;
    }
    student *st = &c->students[c->n_students++];
    random_hex(st->token, CLASSROOM_TOKEN_LEN - 1);
    snprintf(st->seat, sizeof st->seat, "%s", seat);
    snprintf(st->name, sizeof st->name, "%s", name && *name ? name : "group");
    st->vote = -1;
    snprintf(token, CLASSROOM_TOKEN_LEN, "%s", st->token);
    pthread_mutex_unlock(&c->lock);
    snprintf(msg, msglen, "seated at %s", seat);
    return 0;
}

int classroom_vote(classroom *c, const char *token, const char *actor, char *msg, size_t msglen)
{
    int a = actor_of(actor);
    if (a < 0) {
        snprintf(msg, msglen, "vote for an actor type: municipality, intermediaries, employers, workers or education");
        return -1;
    }
    pthread_mutex_lock(&c->lock);
    int k = find_student(c, token);
    int rc = -1;
    if (k < 0) snprintf(msg, msglen, "join the class first (your seat's token is missing or unknown)");
    else if (!c->vote_open) snprintf(msg, msglen, "no vote is open: votes open at the end of every simulated year");
    else {
        c->students[k].vote = a;
        snprintf(msg, msglen, "your vote for %s is counted", actor);
        rc = 0;
    }
    pthread_mutex_unlock(&c->lock);
    return rc;
}

int classroom_close_vote(classroom *c, char *msg, size_t msglen)
{
    int count[LLO_N_ACTORS] = {0}, total = 0, month;
    pthread_mutex_lock(&c->lock);
    if (!c->vote_open) {
        pthread_mutex_unlock(&c->lock);
        snprintf(msg, msglen, "no vote is open");
        return -1;
    }
    for (int k = 0; k < c->n_students; k++)
        if (c->students[k].vote >= 0) {
            count[c->students[k].vote]++;
            total++;
            c->students[k].vote = -1;
        }
    c->vote_open = 0;
    month = c->vote_month;
    memcpy(c->last_votes, count, sizeof count);
    pthread_mutex_unlock(&c->lock);
    if (total == 0) {
        snprintf(c->outcome, sizeof c->outcome, "year %d: no votes, the table stays as it was", month / 12);
        snprintf(msg, msglen, "%s", c->outcome);
        return 0;
    }
    /* Half of the table's weight moves to where the votes went: a table changes by degrees. */
    double agency[LLO_N_ACTORS];
    serve_session_agency(c->session, agency);
    char event[256], label[SERVE_LABEL_LEN];
    int used = snprintf(event, sizeof event, "set = \"governance.agency\"; value = [");
    for (int a = 0; a < LLO_N_ACTORS; a++) {
        double v = 0.5 * agency[a] + 0.5 * (double)count[a] / total;
        used += snprintf(event + used, sizeof event - (size_t)used, "%s%.4f", a ? ", " : "", v);
    }
    snprintf(event + used, sizeof event - (size_t)used, "];");
    int top = 0;
    for (int a = 1; a < LLO_N_ACTORS; a++)
        if (count[a] > count[top]) top = a;
    snprintf(label, sizeof label, "vote of year %d: more say for %s (%d of %d votes)", month / 12, serve_actor_names[top],
             count[top], total);
    int rc = serve_session_command(c->session, SERVE_LEVER, 0, event, label, msg, msglen);
    pthread_mutex_lock(&c->lock);
    snprintf(c->outcome, sizeof c->outcome, "%s%s", label, rc ? " (not applied: the run has ended)" : "");
    pthread_mutex_unlock(&c->lock);
    if (rc == 0) snprintf(msg, msglen, "%s", label);
    return rc;
}

void classroom_lock(classroom *c, int locked)
{
    pthread_mutex_lock(&c->lock);
    c->locked = locked;
    pthread_mutex_unlock(&c->lock);
}

int classroom_locked(classroom *c)
{
    pthread_mutex_lock(&c->lock);
    int l = c->locked;
    pthread_mutex_unlock(&c->lock);
    return l;
}

void classroom_propose(classroom *c, int k, const char *label)
{
    pthread_mutex_lock(&c->lock);
    if (k >= 0 && k < c->n_students) {
        if (c->n_proposals == CLASSROOM_MAX_PROPOSALS) {
            memmove(c->proposals, c->proposals + 1, sizeof c->proposals[0] * (CLASSROOM_MAX_PROPOSALS - 1));
            c->n_proposals--;
        }
        proposal *p = &c->proposals[c->n_proposals++];
        memcpy(p->seat, c->students[k].seat, sizeof p->seat);
        snprintf(p->label, sizeof p->label, "%s", label);
    }
    pthread_mutex_unlock(&c->lock);
}

int classroom_year(void *ctx, int month)
{
    classroom *c = ctx;
    if (!c->enabled) return 0;
    pthread_mutex_lock(&c->lock);
    c->vote_open = 1;
    c->vote_month = month;
    for (int k = 0; k < c->n_students; k++) c->students[k].vote = -1;
    pthread_mutex_unlock(&c->lock);
    return 1;
}

void classroom_json(classroom *c, int teacher, int me, llo_buf *b)
{
    pthread_mutex_lock(&c->lock);
    int count[LLO_N_ACTORS] = {0}, voted = 0;
    for (int k = 0; k < c->n_students; k++)
        if (c->students[k].vote >= 0) {
            count[c->students[k].vote]++;
            voted++;
        }
    llo_buf_printf(b, "{\"enabled\":%s,\"teacher\":%s,\"locked\":%s,\"students\":%d,\"vote_open\":%s,\"vote_year\":%d,"
                      "\"voted\":%d,\"outcome\":",
                   c->enabled ? "true" : "false", teacher ? "true" : "false", c->locked ? "true" : "false",
                   c->n_students, c->vote_open ? "true" : "false", c->vote_month / 12, voted);
    llo_buf_json_string(b, c->outcome);
    llo_buf_printf(b, ",\"actors\":[");
    for (int a = 0; a < LLO_N_ACTORS; a++) {
        if (a) llo_buf_printf(b, ",");
        llo_buf_json_string(b, serve_actor_names[a]);
    }
    llo_buf_printf(b, "]");
    if (teacher) {
        llo_buf_printf(b, ",\"code\":");
        llo_buf_json_string(b, c->code);
        llo_buf_printf(b, ",\"votes\":[");
        for (int a = 0; a < LLO_N_ACTORS; a++) llo_buf_printf(b, "%s%d", a ? "," : "", count[a]);
        llo_buf_printf(b, "],\"last_votes\":[");
        for (int a = 0; a < LLO_N_ACTORS; a++) llo_buf_printf(b, "%s%d", a ? "," : "", c->last_votes[a]);
        llo_buf_printf(b, "],\"seats\":[");
        for (int k = 0; k < c->n_students; k++) {
            llo_buf_printf(b, "%s{\"seat\":", k ? "," : "");
            llo_buf_json_string(b, c->students[k].seat);
            llo_buf_printf(b, ",\"name\":");
            llo_buf_json_string(b, c->students[k].name);
            llo_buf_printf(b, ",\"vote\":");
            llo_buf_json_string(b, c->students[k].vote >= 0 ? serve_actor_names[c->students[k].vote] : NULL);
            llo_buf_printf(b, "}");
        }
        llo_buf_printf(b, "],\"proposals\":[");
        for (int k = 0; k < c->n_proposals; k++) {
            llo_buf_printf(b, "%s{\"seat\":", k ? "," : "");
            llo_buf_json_string(b, c->proposals[k].seat);
            llo_buf_printf(b, ",\"label\":");
            llo_buf_json_string(b, c->proposals[k].label);
            llo_buf_printf(b, "}");
        }
        llo_buf_printf(b, "]");
    }
    if (me >= 0 && me < c->n_students) {
        llo_buf_printf(b, ",\"seat\":");
        llo_buf_json_string(b, c->students[me].seat);
        llo_buf_printf(b, ",\"my_vote\":");
        llo_buf_json_string(b, c->students[me].vote >= 0 ? serve_actor_names[c->students[me].vote] : NULL);
    }
    pthread_mutex_unlock(&c->lock);
    llo_buf_printf(b, "}");
}
