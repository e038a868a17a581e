/* Just enough JSON to read the manifests llosim writes: find a member, read a string, a number
 * or an array. Values are skipped structurally, so members may come in any order. */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"

static const char *ws(const char *p)
{
    while (p && (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')) p++;
    return p;
}

static const char *skip_string(const char *p)
{
    if (*p != '"') return NULL;
    for (p++; *p && *p != '"'; p++)
        if (*p == '\\' && !*++p) return NULL;
    return *p == '"' ? p + 1 : NULL;
}

const char *lla_json_skip(const char *v)
{
    v = ws(v);
    if (!v || !*v) return NULL;
    if (*v == '"') return skip_string(v);
    if (*v == '{' || *v == '[') {
        char close = *v == '{' ? '}' : ']';
        const char *p = ws(v + 1);
        if (*p == close) return p + 1;
        for (;;) {
            if (close == '}') {
                p = skip_string(ws(p));
                p = ws(p);
                if (!p || *p != ':') return NULL;
                p++;
            }
            p = ws(lla_json_skip(p));
            if (!p) return NULL;
            if (*p == close) return p + 1;
            if (*p != ',') return NULL;
            p++;
        }
    }
    const char *p = v;
    while (*p && strchr("+-0123456789.eEtruefalsn", *p)) p++;
    return p > v ? p : NULL;
}

/* Compares the JSON string at p (no escapes expected in keys) with key. */
static int key_is(const char *p, const char *key)
{
    size_t n = strlen(key);
    return *p == '"' && strncmp(p + 1, key, n) == 0 && p[1 + n] == '"';
}

const char *lla_json_member(const char *obj, const char *key)
{
    const char *p = ws(obj);
    if (!p || *p != '{') return NULL;
    p = ws(p + 1);
    if (*p == '}') return NULL;
    for (;;) {
        const char *k = p;
        p = ws(skip_string(k));
        if (!p || *p != ':') return NULL;
        const char *v = ws(p + 1);
        if (key_is(k, key)) return v;
        p = ws(lla_json_skip(v));
        if (!p || *p != ',') return NULL;
        p = ws(p + 1);
    }
}

int lla_json_string(const char *v, char *out, size_t n)
{
    v = ws(v);
    if (!v || *v != '"' || n == 0) return -1;
    size_t k = 0;
    for (v++; *v && *v != '"'; v++) {
        char ch = *v;
        if (ch == '\\') {
            v++;
            switch (*v) {
            case 'n': ch = '\n'; break;
            case 't': ch = '\t'; break;
            case 'r': ch = '\r'; break;
            case 'u': {
                char hex[5] = {0};
                if (strlen(v + 1) < 4) return -1;
                memcpy(hex, v + 1, 4);
                ch = (char)strtol(hex, NULL, 16);
                v += 4;
                break;
            }
            case 0: return -1;
            default: ch = *v;
            }
        }
        if (k + 1 >= n) return -1;
        out[k++] = ch;
    }
    if (*v != '"') return -1;
    out[k] = 0;
    return 0;
}

int lla_json_number(const char *v, double *out)
{
    v = ws(v);
    if (!v) return -1;
    char *end;
    double x = strtod(v, &end);
    if (end == v) return -1;
    *out = x;
    return 0;
}

int lla_json_array(const char *v, int (*each)(const char *elem, void *ctx), void *ctx)
{
    const char *p = ws(v);
    if (!p || *p != '[') return -1;
    p = ws(p + 1);
    if (*p == ']') return 0;
    for (;;) {
        if (each(p, ctx) != 0) return -1;
        p = ws(lla_json_skip(p));
        if (!p) return -1;
        if (*p == ']') return 0;
        if (*p != ',') return -1;
        p = ws(p + 1);
    }
}
