/* The classroom of `llosim serve --classroom`, after NetLogo's HubNet: students join with a code,
 * each group takes a seat (a region's table or an actor type), and once a simulated year they
 * vote on who should carry more weight at the regional table. The teacher closes the vote; its
 * outcome becomes a lever (governance.agency), recorded and exported like any other. Students
 * may pull levers only while the teacher has unlocked the controls; otherwise what they pull is
 * kept as a proposal for the teacher to see. */
#ifndef LLO_SERVE_CLASSROOM_H
#define LLO_SERVE_CLASSROOM_H

#include "cli/serve.h"

#define CLASSROOM_MAX_STUDENTS 256
#define CLASSROOM_TOKEN_LEN 33
#define CLASSROOM_MAX_PROPOSALS 32

typedef struct classroom classroom;

/* enabled 0: one person at 127.0.0.1 is the teacher of every request. */
classroom *classroom_new(int enabled, serve_session *session);
void classroom_free(classroom *c);

int classroom_enabled(const classroom *c);
const char *classroom_join_code(const classroom *c);
const char *classroom_teacher_token(const classroom *c);

/* Whether a request with this token (NULL: none) speaks for the teacher. */
int classroom_is_teacher(const classroom *c, const char *token);
/* The seated student of a token, or -1. */
int classroom_student(classroom *c, const char *token);

/* A group takes a seat. Returns 0 with the student's token, or -1 with a message. */
int classroom_join(classroom *c, const char *code, const char *seat, const char *name, char *token, char *msg,
                   size_t msglen);

/* A student's vote in this year's vote: the actor type that should carry more weight. */
int classroom_vote(classroom *c, const char *token, const char *actor, char *msg, size_t msglen);

/* The teacher closes the vote: the outcome is pulled as a lever. */
int classroom_close_vote(classroom *c, char *msg, size_t msglen);

/* The teacher locks or unlocks the students' controls. */
void classroom_lock(classroom *c, int locked);
int classroom_locked(classroom *c);

/* Keeps a lever a student proposed while the controls were locked. */
void classroom_propose(classroom *c, int student, const char *label);

/* The year hook of the session (serve_session_on_year): opens a vote and asks for a pause. */
int classroom_year(void *ctx, int month);

/* The classroom's state as a JSON object (the teacher sees each student's vote). */
void classroom_json(classroom *c, int teacher, int student, llo_buf *out);

#endif
