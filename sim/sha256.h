/* SHA-256 (FIPS 180-4), self-contained so the outputs can be fingerprinted in the manifest
 * without pulling in a crypto library. Streaming (init/update/final) for large outputs, plus
 * one-call helpers for a buffer and a file. No global state: a context is all there is. */
#ifndef LLO_SHA256_H
#define LLO_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct llo_sha256 {
    uint32_t h[8];       /* the running hash state */
    uint64_t bytes;      /* message bytes consumed so far */
    uint8_t block[64];   /* a partial block waiting for more input */
    size_t used;         /* bytes of block in use, 0..63 */
} llo_sha256;

/* Starts a new digest. */
void llo_sha256_init(llo_sha256 *c);

/* Feeds n bytes; may be called any number of times with any split of the message. */
void llo_sha256_update(llo_sha256 *c, const void *data, size_t n);

/* Pads, writes the 32-byte digest and leaves c needing llo_sha256_init before reuse. */
void llo_sha256_final(llo_sha256 *c, uint8_t digest[32]);

/* The digest of one buffer as 64 lowercase hex digits plus a NUL. */
void llo_sha256_hex(const void *data, size_t n, char hex[65]);

/* The digest of a file's contents as lowercase hex. Returns 0, or -1 with
 * "path: <what failed>: <strerror>" in err (err may be NULL or errlen 0). */
int llo_sha256_file(const char *path, char hex[65], char *err, size_t errlen);

#endif
