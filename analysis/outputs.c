/* The files an analysis writes, built in memory first so that nothing touches the disk until
 * everything has been computed; then hashed for the manifest and written with it as one set
 * (llo_write_outputs), so an earlier complete result stays whole until the new one is. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis_int.h"
#include "sim/sha256.h"

llo_buf *lla_outputs_add(lla_outputs *o, const char *name)
{
    if (o->n == o->cap) {
        int cap = o->cap ? 2 * o->cap : 16;
        llo_out_file *f = realloc(o->files, (size_t)cap * sizeof *f);
        if (f) o->files = f;
        char **names = realloc(o->names, (size_t)cap * sizeof *names);
        if (names) o->names = names;
        if (!f || !names) return NULL;
        o->cap = cap;
    }
    size_t len = strlen(name) + 1;
    char *copy = malloc(len);
    if (!copy) return NULL;
    memcpy(copy, name, len);
    o->names[o->n] = copy;
    llo_out_file *f = &o->files[o->n++];
    memset(f, 0, sizeof *f);
    f->name = copy;
    llo_buf_init(&f->buf);
    return &f->buf;
}

int lla_outputs_hash(lla_outputs *o, char *err, size_t errlen)
{
    for (int k = 0; k < o->n; k++)
        if (o->files[k].buf.failed) {
            snprintf(err, errlen, "out of memory building %s", o->files[k].name);
            return -1;
        }
    for (int k = 0; k < o->n; k++) {
        llo_out_file *f = &o->files[k];
        llo_sha256_hex(f->buf.data ? f->buf.data : "", f->buf.len, f->sha256);
    }
    return 0;
}

void lla_outputs_free(lla_outputs *o)
{
    for (int k = 0; k < o->n; k++) {
        llo_buf_free(&o->files[k].buf);
        free(o->names[k]);
    }
    free(o->files);
    free(o->names);
    memset(o, 0, sizeof *o);
}

void lla_html_escape(llo_buf *b, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': llo_buf_printf(b, "&amp;"); break;
        case '<': llo_buf_printf(b, "&lt;"); break;
        case '>': llo_buf_printf(b, "&gt;"); break;
        case '"': llo_buf_printf(b, "&quot;"); break;
        case '\'': llo_buf_printf(b, "&#39;"); break;
        default: llo_buf_append(b, s, 1);
        }
    }
}

void lla_base64(llo_buf *b, const unsigned char *data, size_t n)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (size_t k = 0; k < n; k += 3) {
        unsigned v = (unsigned)data[k] << 16;
        if (k + 1 < n) v |= (unsigned)data[k + 1] << 8;
        if (k + 2 < n) v |= data[k + 2];
        char out[4] = {alphabet[(v >> 18) & 63], alphabet[(v >> 12) & 63], k + 1 < n ? alphabet[(v >> 6) & 63] : '=',
                       k + 2 < n ? alphabet[v & 63] : '='};
        llo_buf_append(b, out, 4);
    }
}
