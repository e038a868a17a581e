/* The page's files, built into the binary (cli/web/embed.py writes serve_assets.c at build time
 * from cli/web/ and Debian's Chart.js): the server reads no file when it answers a request. */
#ifndef LLO_SERVE_ASSETS_H
#define LLO_SERVE_ASSETS_H

#include <stddef.h>

typedef struct serve_asset {
    const char *path;          /* as requested, e.g. "/app.js" */
    const char *type;          /* Content-Type */
    const unsigned char *data;
    size_t len;
} serve_asset;

extern const serve_asset serve_assets[];
extern const size_t serve_n_assets;

#endif
