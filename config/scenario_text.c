/* The raw-text pass of the scenario loader (see scenario_text.h). It lexes just enough of the
 * libconfig syntax (strings, the three comment forms, identifiers, numbers, brackets) to find
 * @include directives and integer literals libconfig would wrap, and leaves everything else to
 * the real parser. */
#include "config/scenario_text.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* No scenario is anywhere near this; a bigger file is a mistake (a data file passed by hand). */
#define TEXT_SIZE_MAX (16u << 20)

const char *llo_text_strerror(int err)
{
    if (err == EINVAL) return "not a regular file (a pipe, FIFO, terminal or device cannot be read as one)";
    if (err == EFBIG) return "file larger than 16 MiB, the limit for a text file llosim reads";
    return strerror(err);
}

int llo_text_read_fd(int fd, char **buf, size_t *len)
{
    struct stat st;
    if (fstat(fd, &st) != 0) return errno;
    if (S_ISDIR(st.st_mode)) return EISDIR;
    /* A FIFO or device would block or never end; a scenario is a plain file. */
    if (!S_ISREG(st.st_mode)) return EINVAL;
    if ((uintmax_t)st.st_size > TEXT_SIZE_MAX) return EFBIG;
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *b = malloc(cap);
    if (!b) return ENOMEM;
    for (;;) {
        if (n + 1 >= cap) {
            /* The file grew after fstat; keep reading up to the limit. */
            if (cap > TEXT_SIZE_MAX) { free(b); return EFBIG; }
            char *nb = realloc(b, cap * 2);
            if (!nb) { free(b); return ENOMEM; }
            b = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, b + n, cap - 1 - n);
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            free(b);
            return e;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    b[n] = '\0';
    *buf = b;
    *len = n;
    return 0;
}

void llo_text_free(llo_text *t)
{
    free(t->buf);
    free(t->includes);
    free(t->wide);
    memset(t, 0, sizeof *t);
}

/* Where the scan is, and what it reports through. */
typedef struct scanner {
    llo_text *t;
    const char *file;
    int fixed_line;
    int allow_includes;
    llo_diag *d;
    int line;
    int depth;            /* open { ( [ brackets: an @include inside one is not top-level */
    char key[64];         /* last identifier followed by = or : */
    int numbers_since_key; /* numbers lexed since that key: the index of the next one in a list */
    int failed;           /* a problem that means the text must not be parsed */
    int comma_line;       /* line of a comma with nothing significant after it yet, else 0 */
} scanner;

static int msg_line(const scanner *sc, int line) { return sc->fixed_line > 0 ? sc->fixed_line : line; }

/* Grows a dynamic array by one element; returns the new element or NULL when out of memory. */
static void *push(void **array, int *count, size_t size)
{
    void *na = realloc(*array, (size_t)(*count + 1) * size);
    if (!na) return NULL;
    *array = na;
    char *slot = (char *)na + (size_t)(*count)++ * size;
    memset(slot, 0, size);
    return slot;
}

static int is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }
static int is_ident_start(char c) { return isalpha((unsigned char)c) || c == '*'; }
static int is_ident_char(char c) { return isalnum((unsigned char)c) || c == '-' || c == '_' || c == '*'; }

/* Handles a line whose first non-blank text is @include: records it and blanks the directive
 * (not the rest of the line, so a trailing comment or junk is still seen by the parser) so that
 * libconfig never opens anything itself. Returns the offset to continue scanning at. */
static size_t take_include(scanner *sc, size_t line_start, size_t at)
{
    llo_text *t = sc->t;
    char *b = t->buf;
    size_t q = at + strlen("@include");
    while (q < t->len && is_blank(b[q])) q++;
    size_t end = q;
    int ok = q < t->len && b[q] == '"';
    if (ok) {
        end = q + 1;
        while (end < t->len && b[end] != '"' && b[end] != '\n') end++;
        ok = end < t->len && b[end] == '"';
    }
    if (!ok) {
        /* Blank the whole line: libconfig must not try to make sense of it either. */
        size_t e = at;
        while (e < t->len && b[e] != '\n') e++;
        memset(b + line_start, ' ', e - line_start);
        llo_diag_add(sc->d, "%s:%d: malformed @include; write @include \"path\"", sc->file, msg_line(sc, sc->line));
        return e;
    }
    /* Blanking this directive leaves the rest of the line starting with blanks, so libconfig
     * would act on a second @include there itself, against the working directory and past
     * every check here: refuse it and blank the rest of the line. */
    size_t rest = end + 1;
    while (rest < t->len && is_blank(b[rest])) rest++;
    if (rest < t->len && b[rest] == '@') {
        size_t e = rest;
        while (e < t->len && b[e] != '\n') e++;
        memset(b + rest, ' ', e - rest);
        llo_diag_add(sc->d, "%s:%d: a second directive after @include on the same line; put each @include on a line of its own",
                     sc->file, msg_line(sc, sc->line));
    }
    size_t n = end - (q + 1);
    char target[LLO_INCLUDE_TARGET_MAX];
    int too_long = n >= sizeof target;
    snprintf(target, sizeof target, "%.*s", (int)(too_long ? sizeof target - 1 : n), b + q + 1);
    memset(b + line_start, ' ', end + 1 - line_start);
    int line = msg_line(sc, sc->line);
    if (!sc->allow_includes)
        llo_diag_add(sc->d, "%s:%d: @include is not allowed here", sc->file, line);
    else if (sc->depth > 0)
        llo_diag_add(sc->d, "%s:%d: @include \"%s\": only allowed at the top level, outside any group or list",
                     sc->file, line, target);
    else if (n == 0)
        llo_diag_add(sc->d, "%s:%d: @include \"\": empty path", sc->file, line);
    else if (too_long)
        llo_diag_add(sc->d, "%s:%d: @include \"%.40s...\": path too long", sc->file, line, target);
    else {
        llo_include_ref *r = push((void **)&t->includes, &t->n_includes, sizeof *r);
        if (!r) {
            llo_diag_add(sc->d, "%s:%d: out of memory", sc->file, line);
            sc->failed = 1;
        } else {
            r->line = sc->line;
            memcpy(r->target, target, n + 1);
        }
    }
    return end + 1;
}

/* Lexes the number at b[i] and records it when libconfig would store it wrongly. Mirrors
 * libconfig's literal forms: [+-]digits, 0x hex, either with an L or LL suffix for int64, and
 * floats (anything with a point or an exponent), which are left alone. Returns the end. */
static size_t take_number(scanner *sc, size_t i)
{
    const char *b = sc->t->buf;
    size_t len = sc->t->len, start = i;
    int negative = 0, is_float = 0, overflow = 0;
    uint64_t v = 0;
    if (b[i] == '+' || b[i] == '-') negative = b[i++] == '-';
    if (b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X') && isxdigit((unsigned char)b[i + 2])) {
        for (i += 2; i < len && isxdigit((unsigned char)b[i]); i++) {
            int dgt = isdigit((unsigned char)b[i]) ? b[i] - '0' : tolower((unsigned char)b[i]) - 'a' + 10;
            if (v > (UINT64_MAX - (uint64_t)dgt) / 16) overflow = 1;
            v = v * 16 + (uint64_t)dgt;
        }
    } else {
        for (; i < len && isdigit((unsigned char)b[i]); i++) {
            int dgt = b[i] - '0';
            if (v > (UINT64_MAX - (uint64_t)dgt) / 10) overflow = 1;
            v = v * 10 + (uint64_t)dgt;
        }
        if (i < len && b[i] == '.') {
            is_float = 1;
            for (i++; i < len && isdigit((unsigned char)b[i]); i++) {}
        }
        if (i < len && (b[i] == 'e' || b[i] == 'E')) {
            size_t e = i + 1;
            if (e < len && (b[e] == '+' || b[e] == '-')) e++;
            if (e < len && isdigit((unsigned char)b[e])) {
                is_float = 1;
                for (i = e; i < len && isdigit((unsigned char)b[i]); i++) {}
            }
        }
    }
    size_t suffix = i;
    while (i < len && (isalnum((unsigned char)b[i]) || b[i] == '_')) i++;
    if (is_float) return i;
    int ordinal = sc->numbers_since_key++;
    size_t slen = i - suffix;
    int has_l = (slen == 1 && b[suffix] == 'L') || (slen == 2 && b[suffix] == 'L' && b[suffix + 1] == 'L');
    if (slen > 0 && !has_l) return i; /* not a number libconfig knows; its parser will say so */

    uint64_t limit32 = negative ? (uint64_t)INT32_MAX + 1 : (uint64_t)INT32_MAX;
    uint64_t limit64 = negative ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
    int beyond_64 = overflow || v > limit64;
    if (!beyond_64 && (has_l || v <= limit32)) return i;

    llo_wide_literal *w = push((void **)&sc->t->wide, &sc->t->n_wide, sizeof *w);
    if (!w) {
        llo_diag_add(sc->d, "%s:%d: out of memory", sc->file, msg_line(sc, sc->line));
        sc->failed = 1;
        return i;
    }
    w->line = sc->line;
    w->beyond_64 = beyond_64;
    snprintf(w->text, sizeof w->text, "%.*s", (int)(i - start), b + start);
    snprintf(w->key, sizeof w->key, "%s", sc->key);
    w->ordinal = ordinal;
    return i;
}

/* Lexes an identifier; when it is followed by = or : it is a key, remembered so that a wide
 * literal after it can be reported with its setting's name. */
static size_t take_identifier(scanner *sc, size_t i)
{
    const char *b = sc->t->buf;
    size_t start = i;
    while (i < sc->t->len && is_ident_char(b[i])) i++;
    size_t j = i;
    while (j < sc->t->len && is_blank(b[j])) j++;
    if (j < sc->t->len && (b[j] == '=' || b[j] == ':')) {
        size_t n = i - start < sizeof sc->key - 1 ? i - start : sizeof sc->key - 1;
        memcpy(sc->key, b + start, n);
        sc->key[n] = '\0';
        sc->numbers_since_key = 0;
    }
    return i;
}

int llo_text_scan(llo_text *t, char *buf, size_t len, const char *file, int fixed_line, int allow_includes,
                  llo_diag *d)
{
    memset(t, 0, sizeof *t);
    t->buf = buf;
    t->len = len;
    scanner sc = {.t = t, .file = file, .fixed_line = fixed_line, .allow_includes = allow_includes, .d = d,
                  .line = 1};

    /* libconfig reads the text as a C string: a NUL would silently end the file there. */
    const char *nul = memchr(buf, '\0', len);
    if (nul) {
        int line = 1;
        for (const char *p = buf; p < nul; p++) line += *p == '\n';
        llo_diag_add(d, "%s:%d: file contains a NUL byte; is it a text file?", file, msg_line(&sc, line));
        return -1;
    }
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
        llo_diag_add(d, "%s:%d: file starts with a UTF-8 byte-order mark; save it without one", file,
                     msg_line(&sc, 1));
        /* Blank it and go on, so the rest of the file is still checked in this run. */
        memset(buf, ' ', 3);
    }

    enum { NORMAL, STRING, LINE_COMMENT, BLOCK_COMMENT } state = NORMAL;
    int comment_line = 0;
    int at_line_start = 1;
    size_t i = 0;
    while (i < len) {
        if (at_line_start) {
            at_line_start = 0;
            size_t j = i;
            while (j < len && is_blank(buf[j])) j++;
            /* libconfig acts on @include only outside strings and comments. */
            if (state == NORMAL && strncmp(buf + j, "@include", 8) == 0) {
                i = take_include(&sc, i, j);
                continue;
            }
        }
        char c = buf[i];
        if (c == '\n') {
            sc.line++;
            at_line_start = 1;
            if (state == LINE_COMMENT) state = NORMAL;
            i++;
            continue;
        }
        switch (state) {
        case LINE_COMMENT: i++; break;
        case BLOCK_COMMENT:
            if (c == '*' && i + 1 < len && buf[i + 1] == '/') { state = NORMAL; i += 2; }
            else i++;
            break;
        case STRING:
            if (c == '\\' && i + 1 < len && buf[i + 1] != '\n') i += 2;
            else { if (c == '"') state = NORMAL; i++; }
            break;
        case NORMAL:
            if (is_blank(c)) { i++; break; }
            if (c == '#' || (c == '/' && i + 1 < len && buf[i + 1] == '/')) { state = LINE_COMMENT; i++; break; }
            if (c == '/' && i + 1 < len && buf[i + 1] == '*') {
                state = BLOCK_COMMENT;
                comment_line = sc.line;
                i += 2;
                break;
            }
            t->has_settings = 1;
            /* libconfig 1.5 takes [1, 2,] as a bare "syntax error"; remember where, to say so. */
            if (c == ',') {
                sc.comma_line = sc.line;
            } else {
                if (sc.comma_line && (c == ']' || c == ')') && !t->trailing_comma_line)
                    t->trailing_comma_line = msg_line(&sc, sc.comma_line);
                sc.comma_line = 0;
            }
            if (c == '"') { state = STRING; i++; }
            else if (is_ident_start(c)) i = take_identifier(&sc, i);
            else if (isdigit((unsigned char)c) || (c == '.' && isdigit((unsigned char)buf[i + 1])) ||
                     ((c == '+' || c == '-') && (isdigit((unsigned char)buf[i + 1]) || buf[i + 1] == '.')))
                i = take_number(&sc, i);
            else {
                if (c == '{' || c == '(' || c == '[') sc.depth++;
                else if ((c == '}' || c == ')' || c == ']') && sc.depth > 0) sc.depth--;
                i++;
            }
            break;
        }
    }
    /* libconfig 1.5 accepts an unclosed comment, silently dropping every setting after it. */
    if (state == BLOCK_COMMENT)
        llo_diag_add(d, "%s:%d: comment opened with /* is never closed", file, msg_line(&sc, comment_line));
    if (!t->has_settings && t->n_includes == 0 && !fixed_line) {
        llo_diag_add(d, "%s:1: empty scenario file: no settings", file);
        return -1;
    }
    return sc.failed ? -1 : 0;
}
