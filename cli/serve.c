/* `llosim serve [SCENARIO] [--port N] [--scale F] [--classroom]`: the live view. An embedded
 * HTTP server (libmicrohttpd) serves the page from the binary and a small JSON API over the
 * session (serve_session.c). Safety: it binds 127.0.0.1 unless --classroom; no request names a
 * file (the page's files are built in); requests carry no body beyond a few bytes, and each
 * address has a budget of requests per second; in a classroom only the teacher's token may
 * change the controls, unless the teacher unlocks them. */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <ifaddrs.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <omp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "cli/serve.h"
#include "cli/serve_assets.h"
#include "cli/serve_classroom.h"

#define DEFAULT_SCENARIO "scenarios/baseline.cfg"
#define DEFAULT_SCALE "0.01"
/* The API takes its arguments in the URL; a body is refused beyond this. */
#define MAX_BODY 1024
/* Requests per second an address may make unless --rate says otherwise (it may save up twice
 * that): a page polls four times a second, and a classroom behind one NAT address shares it. */
#define RATE_PER_SECOND 200.0
#define RATE_SLOTS 512

typedef struct server {
    serve_session *session;
    double rate_per_second;
    classroom *room;
    pthread_mutex_t rate_lock;
    struct rate { struct in6_addr addr; double tokens, at; } rate[RATE_SLOTS];
} server;

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + t.tv_nsec * 1e-9;
}

/* A token bucket per address, in a small table where the stalest slot makes room. */
static int rate_ok(server *sv, struct MHD_Connection *conn)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    struct in6_addr key;
    memset(&key, 0, sizeof key);
    if (ci && ci->client_addr) {
        if (ci->client_addr->sa_family == AF_INET)
            memcpy(&key, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, 4);
        else if (ci->client_addr->sa_family == AF_INET6)
            key = ((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr;
    }
    double t = now_seconds();
    pthread_mutex_lock(&sv->rate_lock);
    int slot = -1, stalest = 0;
    for (int k = 0; k < RATE_SLOTS; k++) {
        if (sv->rate[k].at > 0 && memcmp(&sv->rate[k].addr, &key, sizeof key) == 0) {
            slot = k;
            break;
        }
        if (sv->rate[k].at < sv->rate[stalest].at) stalest = k;
    }
    if (slot < 0) {
        slot = stalest;
        sv->rate[slot].addr = key;
        sv->rate[slot].tokens = 2 * sv->rate_per_second;
        sv->rate[slot].at = t;
    }
    struct rate *r = &sv->rate[slot];
    r->tokens += (t - r->at) * sv->rate_per_second;
    if (r->tokens > 2 * sv->rate_per_second) r->tokens = 2 * sv->rate_per_second;
    r->at = t;
    int ok = r->tokens >= 1.0;
    if (ok) r->tokens -= 1.0;
    pthread_mutex_unlock(&sv->rate_lock);
    return ok;
}

static enum MHD_Result respond(struct MHD_Connection *conn, unsigned status, const char *type, const void *data,
                               size_t len, int copy, const char *disposition)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(len, (void *)data, copy ? MHD_RESPMEM_MUST_COPY : MHD_RESPMEM_PERSISTENT);
    if (!r) return MHD_NO;
    MHD_add_response_header(r, "Content-Type", type);
    MHD_add_response_header(r, "Cache-Control", "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    /* The page loads nothing from elsewhere, and nothing else may frame it. */
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    if (disposition) MHD_add_response_header(r, "Content-Disposition", disposition);
    enum MHD_Result rc = MHD_queue_response(conn, status, r);
    MHD_destroy_response(r);
    return rc;
}

static enum MHD_Result respond_buf(struct MHD_Connection *conn, unsigned status, const char *type, llo_buf *b,
                                   const char *disposition)
{
    enum MHD_Result rc = b->failed ? respond(conn, 500, "text/plain", "out of memory\n", 14, 0, NULL)
                                   : respond(conn, status, type, b->data ? b->data : "", b->len, 1, disposition);
    llo_buf_free(b);
    return rc;
}

/* {"ok": true, "message": ...} or {"ok": false, "error": ...}. */
static enum MHD_Result answer(struct MHD_Connection *conn, unsigned status, const char *msg, const char *extra)
{
    llo_buf b;
    llo_buf_init(&b);
    llo_buf_printf(&b, "{\"ok\":%s,\"%s\":", status < 300 ? "true" : "false", status < 300 ? "message" : "error");
    llo_buf_json_string(&b, msg);
    if (extra) llo_buf_printf(&b, ",%s", extra);
    llo_buf_printf(&b, "}");
    return respond_buf(conn, status, "application/json", &b, NULL);
}

static const char *arg(struct MHD_Connection *conn, const char *key)
{
    return MHD_lookup_connection_value(conn, MHD_GET_ARGUMENT_KIND, key);
}

/* Whether s is made of `allowed` characters only (and not empty). */
static int only(const char *s, const char *allowed)
{
    return s && *s && strspn(s, allowed) == strlen(s);
}

#define NAME_CHARS "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-"
#define NUMBER_CHARS "0123456789.eE+-[], "

/* The lever's keys from the request's arguments, as an event's text for the loader: names in
 * quotes, numbers as given (both limited to characters that cannot end the event early); the
 * loader checks the rest exactly as in a scenario file. */
static int lever_text(struct MHD_Connection *conn, char *out, size_t n, char *msg, size_t msglen)
{
    static const char *const names[] = {"set", "stop", "shock"};
    static const char *const numbers[] = {"months", "obsolescence_factor", "job_loss_factor", "job_finding_factor",
                                          "urgency", "collaboration", "delta"};
    size_t used = 0;
    out[0] = '\0';
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        const char *v = arg(conn, names[k]);
        if (!v) continue;
        if (!only(v, NAME_CHARS)) {
            snprintf(msg, msglen, "%s: a name of letters, digits, '_', '.' and '-'", names[k]);
            return -1;
        }
        used += (size_t)snprintf(out + used, n - used, "%s = \"%s\"; ", names[k], v);
    }
    const char *value = arg(conn, "value");
    if (value) {
        if (only(value, NUMBER_CHARS)) used += (size_t)snprintf(out + used, n - used, "value = %s; ", value);
        else if (only(value, NAME_CHARS)) used += (size_t)snprintf(out + used, n - used, "value = \"%s\"; ", value);
        else {
            snprintf(msg, msglen, "value: a number, a list of numbers in [ ], or a name");
            return -1;
        }
    }
    for (size_t k = 0; k < sizeof numbers / sizeof numbers[0]; k++) {
        const char *v = arg(conn, numbers[k]);
        if (!v) continue;
        if (!only(v, NUMBER_CHARS) || strchr(v, '[')) {
            snprintf(msg, msglen, "%s: expected a number, got \"%.40s\"", numbers[k], v);
            return -1;
        }
        used += (size_t)snprintf(out + used, n - used, "%s = %s; ", numbers[k], v);
    }
    const char *sectors = arg(conn, "sectors");
    if (sectors) {
        if (!only(sectors, NAME_CHARS ",")) {
            snprintf(msg, msglen, "sectors: names separated by commas");
            return -1;
        }
        used += (size_t)snprintf(out + used, n - used, "sectors = [");
        char copy[512];
        snprintf(copy, sizeof copy, "%s", sectors);
        int first = 1;
        for (char *save = NULL, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save), first = 0)
            used += (size_t)snprintf(out + used, n - used, "%s\"%s\"", first ? "" : ", ", t);
        used += (size_t)snprintf(out + used, n - used, "]; ");
    }
    if (used >= n - 1) {
        snprintf(msg, msglen, "the lever is too long");
        return -1;
    }
    if (!used) {
        snprintf(msg, msglen, "a lever needs set and value, stop, or shock (with its keys)");
        return -1;
    }
    return 0;
}

static enum MHD_Result api_state(server *sv, struct MHD_Connection *conn, const char *token)
{
    const char *since = arg(conn, "since");
    llo_buf b;
    llo_buf_init(&b);
    serve_session_state(sv->session, since ? atoi(since) : 0, &b);
    if (!b.failed && b.len && b.data[b.len - 1] == '}') {
        b.len--; /* the classroom joins the session's object */
        llo_buf_printf(&b, ",\"classroom\":");
        classroom_json(sv->room, classroom_is_teacher(sv->room, token), classroom_student(sv->room, token), &b);
        llo_buf_printf(&b, "}");
    }
    return respond_buf(conn, 200, "application/json", &b, NULL);
}

/* Controls change the run: the teacher's, or a seated student's while the controls are unlocked
 * (a locked student's lever is kept as a proposal). Returns 1 when the request may go on. */
static int may_control(server *sv, struct MHD_Connection *conn, const char *token, int lever, enum MHD_Result *rc)
{
    if (classroom_is_teacher(sv->room, token)) return 1;
    int student = classroom_student(sv->room, token);
    if (student >= 0 && !classroom_locked(sv->room)) return 1;
    if (student >= 0 && lever) {
        char text[640], msg[256];
        const char *label = arg(conn, "label");
        if (lever_text(conn, text, sizeof text, msg, sizeof msg) == 0) {
            classroom_propose(sv->room, student, label && *label ? label : text);
            *rc = answer(conn, 202, "the teacher has locked the controls: your lever is passed on as a proposal", NULL);
            return 0;
        }
    }
    *rc = answer(conn, 403, "the teacher has locked the controls", NULL);
    return 0;
}

static enum MHD_Result route_post(server *sv, struct MHD_Connection *conn, const char *url, const char *token)
{
    char msg[LLO_DIAG_LEN];
    enum MHD_Result rc = MHD_NO;
    if (!strcmp(url, "/api/join")) {
        char student_token[CLASSROOM_TOKEN_LEN], extra[80];
        if (classroom_join(sv->room, arg(conn, "code"), arg(conn, "seat"), arg(conn, "name"), student_token, msg,
                           sizeof msg) != 0)
            return answer(conn, 400, msg, NULL);
        snprintf(extra, sizeof extra, "\"token\":\"%s\"", student_token);
        return answer(conn, 200, msg, extra);
    }
    if (!strcmp(url, "/api/vote")) {
        int r = classroom_vote(sv->room, token, arg(conn, "actor"), msg, sizeof msg);
        return answer(conn, r ? 400 : 200, msg, NULL);
    }
    if (!strcmp(url, "/api/lock") || !strcmp(url, "/api/vote/close")) {
        if (!classroom_is_teacher(sv->room, token)) return answer(conn, 403, "only the teacher may do this", NULL);
        if (!strcmp(url, "/api/lock")) {
            const char *v = arg(conn, "locked");
            classroom_lock(sv->room, !v || strcmp(v, "0") != 0);
            return answer(conn, 200, classroom_locked(sv->room) ? "controls locked" : "controls unlocked", NULL);
        }
        int r = classroom_close_vote(sv->room, msg, sizeof msg);
        return answer(conn, r ? 400 : 200, msg, NULL);
    }
    int lever = !strcmp(url, "/api/lever");
    static const struct { const char *url; serve_verb verb; const char *arg; } verbs[] = {
        {"/api/step", SERVE_STEP, NULL},    {"/api/run", SERVE_RUN, NULL},       {"/api/pause", SERVE_PAUSE, NULL},
        {"/api/speed", SERVE_SPEED, "value"}, {"/api/lever", SERVE_LEVER, NULL}, {"/api/rewind", SERVE_REWIND, "month"},
        {"/api/reset", SERVE_RESET, NULL},   {"/api/follow", SERVE_FOLLOW, "slot"},
    };
    for (size_t k = 0; k < sizeof verbs / sizeof verbs[0]; k++) {
        if (strcmp(url, verbs[k].url) != 0) continue;
        if (!may_control(sv, conn, token, lever, &rc)) return rc;
        double x = 0;
        if (verbs[k].arg) {
            const char *v = arg(conn, verbs[k].arg);
            char *end = NULL;
            x = v ? strtod(v, &end) : 0;
            if (!v || end == v || *end) {
                snprintf(msg, sizeof msg, "%s: give %s as a number", url + 5, verbs[k].arg);
                return answer(conn, 400, msg, NULL);
            }
        }
        char text[640] = "";
        const char *label = NULL;
        if (lever) {
            if (lever_text(conn, text, sizeof text, msg, sizeof msg) != 0) return answer(conn, 400, msg, NULL);
            label = arg(conn, "label");
        }
        int r = serve_session_command(sv->session, verbs[k].verb, x, text, label, msg, sizeof msg);
        return answer(conn, r ? 400 : 200, msg[0] ? msg : "done", NULL);
    }
    return answer(conn, 404, "no such API call", NULL);
}

static enum MHD_Result route_get(server *sv, struct MHD_Connection *conn, const char *url, const char *token)
{
    if (!strcmp(url, "/api/state")) return api_state(sv, conn, token);
    if (!strcmp(url, "/api/export")) {
        llo_buf b;
        llo_buf_init(&b);
        serve_session_export(sv->session, &b);
        return respond_buf(conn, 200, "text/plain; charset=utf-8", &b, "attachment; filename=\"session.cfg\"");
    }
    if (!strncmp(url, "/api/output/", 12)) {
        llo_buf b;
        llo_buf_init(&b);
        if (serve_session_output(sv->session, url + 12, &b) != 0) {
            llo_buf_free(&b);
            return answer(conn, 404, "the outputs are timeseries.csv, groups.csv and network.csv", NULL);
        }
        return respond_buf(conn, 200, "text/csv; charset=utf-8", &b, NULL);
    }
    for (size_t k = 0; k < serve_n_assets; k++)
        if (!strcmp(url, serve_assets[k].path))
            return respond(conn, 200, serve_assets[k].type, serve_assets[k].data, serve_assets[k].len, 0, NULL);
    return answer(conn, 404, "not found", NULL);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                              const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
    (void)version;
    (void)upload_data;
    server *sv = cls;
    static int first_call, too_big;
    /* MHD calls a handler once before the body, then per piece of it, then once more. */
    if (*con_cls == NULL) {
        *con_cls = &first_call;
        return MHD_YES;
    }
    if (*upload_size) {
        if (*upload_size > MAX_BODY) *con_cls = &too_big;
        *upload_size = 0;
        return MHD_YES;
    }
    if (*con_cls == &too_big) return answer(conn, 413, "requests carry their arguments in the URL", NULL);
    if (!rate_ok(sv, conn)) return answer(conn, 429, "too many requests: slow down", NULL);
    const char *token = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Llosim-Token");
    if (!token) token = arg(conn, "token");
    if (!strcmp(method, "GET") || !strcmp(method, "HEAD")) return route_get(sv, conn, url, token);
    if (!strcmp(method, "POST")) return route_post(sv, conn, url, token);
    return answer(conn, 405, "only GET and POST", NULL);
}

/* An address of this machine that students on the local network can reach, for the message. */
static void lan_address(char *buf, size_t n)
{
    snprintf(buf, n, "<this machine's address>");
    struct ifaddrs *ifs = NULL;
    if (getifaddrs(&ifs) != 0) return;
    for (struct ifaddrs *i = ifs; i; i = i->ifa_next) {
        if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET) continue;
        const struct in_addr *a = &((const struct sockaddr_in *)i->ifa_addr)->sin_addr;
        if ((ntohl(a->s_addr) >> 24) == 127) continue;
        inet_ntop(AF_INET, a, buf, (socklen_t)n);
        break;
    }
    freeifaddrs(ifs);
}

static const char serve_usage[] =
    "usage: llosim serve [SCENARIO.cfg] [--port N] [--scale F] [--classroom] [--rate N] [--seed N]\n"
    "                    [--months M] [--set PATH=VALUE]... [--threads N]\n"
    "\n"
    "The live view: a page at http://127.0.0.1:PORT/ to step and run a scenario, pull its levers\n"
    "mid-run and watch the effect against the ghost baseline (the same seed without the levers).\n"
    "SCENARIO defaults to " DEFAULT_SCENARIO ", --scale to " DEFAULT_SCALE " (1:100).\n"
    "  --port N       port to listen on (default 8080; 0: any free port, printed)\n"
    "  --classroom    listen on the local network and print a join code for students\n"
    "  --rate N       requests per second one address may make (default 200)\n"
    "  --seed, --months, --set, --threads   as for llosim run\n"
    "Stop with Ctrl-C. See docs/teaching.md for lessons.\n";

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"port", required_argument, 0, 'p'},    {"scale", required_argument, 0, 1}, {"classroom", no_argument, 0, 2},
        {"seed", required_argument, 0, 3},      {"months", required_argument, 0, 4}, {"set", required_argument, 0, 5},
        {"threads", required_argument, 0, 6},   {"rate", required_argument, 0, 7},   {"help", no_argument, 0, 'h'},
        {0, 0, 0, 0}};
    static cli c;
    long port = 8080;
    int classroom_mode = 0, threads = 0, scale_given = 0;
    double rate = RATE_PER_SECOND;
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc - 1, argv + 1, "p:h", opts, NULL)) != -1) {
        int rc = 0;
        char *end;
        switch (ch) {
        case 'p':
            errno = 0;
            port = strtol(optarg, &end, 10);
            if (errno || *end || end == optarg || port < 0 || port > 65535) {
                fprintf(stderr, "llosim: serve: --port: expected a port from 0 to 65535, got '%s'\n", optarg);
                return LLO_BAD_INPUT;
            }
            break;
        case 1:
            rc = add_run_set(&c, "run.scale", optarg, 0);
            scale_given = 1;
            break;
        case 2: classroom_mode = 1; break;
        case 3: rc = add_run_set(&c, "run.seed", optarg, 1); break;
        case 4: rc = add_run_set(&c, "run.months", optarg, 0); break;
        case 5: rc = add_set(&c, optarg); break;
        case 6:
            if (parse_threads(optarg, &threads) != 0) {
                fprintf(stderr, "llosim: serve: --threads: expected a whole number from 1 to 4096, got '%s'\n", optarg);
                return LLO_BAD_INPUT;
            }
            break;
        case 7:
            errno = 0;
            rate = strtod(optarg, &end);
            if (errno || *end || end == optarg || !(rate >= 1 && rate <= 1e6)) {
                fprintf(stderr, "llosim: serve: --rate: expected requests per second from 1 to 1000000, got '%s'\n", optarg);
                return LLO_BAD_INPUT;
            }
            break;
        case 'h': fputs(serve_usage, stdout); return 0;
        default: fputs(serve_usage, stderr); return LLO_BAD_INPUT;
        }
        if (rc) return LLO_BAD_INPUT;
    }
    if (argc - 1 - optind > 1) {
        fprintf(stderr, "llosim: serve: more than one scenario given\n");
        return LLO_BAD_INPUT;
    }
    const char *path = argc - 1 - optind == 1 ? argv[1 + optind] : DEFAULT_SCENARIO;
    if (!scale_given && add_run_set(&c, "run.scale", DEFAULT_SCALE, 0) != 0) return LLO_BAD_INPUT;
    if (threads > 0) omp_set_num_threads(threads);

    /* Checked as `llosim run` checks it first (the loader, then whether the world fits here), so
     * a mistake reads the same; the session then loads it again for itself. */
    c.scenario = path;
    llo_scenario *checked = calloc(1, sizeof *checked);
    llo_world_size z;
    int rc = checked ? load(&c, checked, &z) : 1;
    free(checked);
    if (rc) return rc;
    static llo_diag d;
    serve_session *session = serve_session_new(path, c.sets, c.n_sets, &d);
    if (!session) {
        print_diag(&d);
        fprintf(stderr, "llosim: serve: %s: %d problem%s, nothing was served\n", path, d.count + d.dropped,
                d.count + d.dropped == 1 ? "" : "s");
        return LLO_BAD_INPUT;
    }
    server *sv = calloc(1, sizeof *sv);
    sv->session = session;
    sv->rate_per_second = rate;
    sv->room = classroom_new(classroom_mode, session);
    pthread_mutex_init(&sv->rate_lock, NULL);
    serve_session_on_year(session, classroom_year, sv->room);

    /* Signals are taken by this thread alone (sigwait below): block them before any thread starts. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);

    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)port);
    addr.sin_addr.s_addr = htonl(classroom_mode ? INADDR_ANY : INADDR_LOOPBACK);
    if (serve_session_start(session) != 0) {
        fprintf(stderr, "llosim: serve: cannot start the simulation thread\n");
        return 1;
    }
    struct MHD_Daemon *daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_THREAD_PER_CONNECTION | MHD_USE_AUTO, (uint16_t)port, NULL, NULL,
        handle, sv, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_LIMIT, (unsigned)256,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)64, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536, MHD_OPTION_END);
    if (!daemon) {
        fprintf(stderr, "llosim: serve: cannot listen on port %ld (%s)\n", port,
                port ? "is it in use? try --port 0 for any free port" : "no free port");
        serve_session_stop(session);
        return 1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    unsigned bound = info ? info->port : (unsigned)port;
    printf("llosim serve: %s, %d months at scale %s\n", path, serve_session_months(session),
           scale_given ? "as given" : "1:100");
    if (classroom_mode) {
        char lan[64];
        lan_address(lan, sizeof lan);
        printf("students: open http://%s:%u/ and join with code %s\n", lan, bound, classroom_join_code(sv->room));
        printf("teacher:  http://127.0.0.1:%u/?token=%s (keep this address to yourself)\n", bound,
               classroom_teacher_token(sv->room));
    } else {
        printf("open http://127.0.0.1:%u/\n", bound);
    }
    printf("Ctrl-C stops.\n");
    fflush(stdout);

    int sig = 0;
    sigwait(&stop, &sig);
    MHD_stop_daemon(daemon);
    serve_session_stop(session);
    serve_session_free(session);
    classroom_free(sv->room);
    pthread_mutex_destroy(&sv->rate_lock);
    free(sv);
    return 0;
}
