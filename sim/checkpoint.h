/* Checkpoints: the complete state of a world at the start of a month, as bytes (format in
 * docs/checkpoints.md). Private to the engine; the public pairs are in llosim.h.
 *
 * A checkpoint is a 128-byte header (magic, format version, llosim version, the layout hash of
 * this build's state, the lengths of what follows, the month), the resolved scenario text the
 * world was built from, the body (the world's scalars and every per-agent array, generated from
 * the field lists of world.h), what a run stores beside it (its outputs so far), and the SHA-256
 * of everything before it. Numbers are in the machine's byte order: the layout hash covers the
 * byte order and every field's size, so a checkpoint of another build is refused, never
 * misread. */
#ifndef LLO_CHECKPOINT_H
#define LLO_CHECKPOINT_H

#include <stddef.h>
#include <stdint.h>

#include "sim/world.h"

#define LLO_CHECKPOINT_FORMAT 1
#define LLO_CHECKPOINT_HEADER 128
#define LLO_CHECKPOINT_SUFFIX ".ckpt"

/* Why a checkpoint was refused: its kind is in the message too. */
enum {
    LLO_CKPT_OK = 0,
    LLO_CKPT_NOT_CHECKPOINT = -1, /* no magic: not a llosim checkpoint */
    LLO_CKPT_OTHER_VERSION = -2,  /* another format, llosim version or state layout */
    LLO_CKPT_TRUNCATED = -3,      /* shorter than its header says */
    LLO_CKPT_CORRUPTED = -4,      /* the SHA-256 does not match */
    LLO_CKPT_MISMATCH = -5        /* valid, but not of this world or scenario */
};

/* A parsed checkpoint: views into the bytes it was parsed from. */
typedef struct llo_checkpoint {
    const char *scenario;   /* the resolved scenario text (not NUL-terminated) */
    size_t scenario_len;
    const uint8_t *body;    /* the world's state */
    size_t body_len;
    const uint8_t *attach;  /* what the run stored beside the world; empty for a world save */
    size_t attach_len;
    int month;              /* the month the world starts next */
    uint64_t workers;       /* worker slots */
} llo_checkpoint;

/* The hash of this build's state layout (every field's name, type and size, the parameters'
 * settings table, the byte order). */
uint64_t llo_checkpoint_layout_hash(void);

/* Bytes of the checkpoint of w with a scenario text and an attachment of these lengths. */
size_t llo_checkpoint_size(const llo_world *w, size_t scenario_len, size_t attach_len);

/* Encodes w into buf (llo_checkpoint_size bytes). */
void llo_checkpoint_encode(const llo_world *w, const char *scenario, size_t scenario_len, const void *attach,
                           size_t attach_len, void *buf);

/* Checks a checkpoint's header, version, layout, length and hash, and fills c. Returns
 * LLO_CKPT_OK, or one of the refusals with a message in err naming `what` (a path). */
int llo_checkpoint_parse(const void *data, size_t len, const char *what, llo_checkpoint *c, char *err, size_t errlen);

/* The scenario the world was built from (and, if in_force is not NULL, the parameters in force),
 * read from a parsed checkpoint's body. */
void llo_checkpoint_params(const llo_checkpoint *c, llo_params *scenario, llo_params *in_force);

/* Restores a parsed checkpoint into w, which must have been allocated with the same agent
 * counts. Allocates nothing. Returns 0, or LLO_CKPT_MISMATCH with a message. */
int llo_checkpoint_restore(llo_world *w, const llo_checkpoint *c, const char *what, char *err, size_t errlen);

/* Reads a whole file. Returns 0, or -1 with "path: ..." in err. The caller frees *data. */
int llo_checkpoint_read_file(const char *path, uint8_t **data, size_t *len, char *err, size_t errlen);

/* The resolved scenario text of parameters p, malloc'd into *text. Returns 0 or -1. */
int llo_checkpoint_scenario_text(const llo_params *p, char **text, size_t *len);

/* The parameters a fork continues under (llo_world_fork): alt's, with its timeline's settings
 * as they stand at `month`, checked against the parameters in force. Returns 0, or -1 with the
 * setting that cannot change mid-run in err. */
int llo_fork_params(const llo_params *in_force, int month, const llo_params *alt, llo_params *next, char *err,
                    size_t errlen);

#endif
