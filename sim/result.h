/* Result codes, once: what a command or a library function that can be given bad input returns,
 * and the process's exit code. Everything else about them (the enum, their messages, the "Exit
 * codes" lines of the usage texts) is generated from this list. Engine functions that cannot be
 * given bad input return 0 or -1 with a message, and the command turns -1 into LLO_FAILED. */
#ifndef LLO_RESULT_H
#define LLO_RESULT_H

#define LLO_RESULTS(X)                                                        \
    X(OK, 0, "success")                                                       \
    X(FAILED, 1, "a failure while running or writing")                        \
    X(BAD_INPUT, 2, "bad input (nothing written)")

enum {
#define LLO_RESULT_ENUM(id, code, message) LLO_##id = code,
    LLO_RESULTS(LLO_RESULT_ENUM)
#undef LLO_RESULT_ENUM
};

/* The lines of a usage text that explain the exit codes. */
#define LLO_RESULT_USAGE_LINE(id, code, message) "  " #code "  " message "\n"
#define LLO_EXIT_CODES_USAGE "Exit codes:\n" LLO_RESULTS(LLO_RESULT_USAGE_LINE)

/* The message of a result code ("bad input (nothing written)"). */
static inline const char *llo_result_message(int code)
{
    switch (code) {
#define LLO_RESULT_CASE(id, c, message) case c: return message;
        LLO_RESULTS(LLO_RESULT_CASE)
#undef LLO_RESULT_CASE
    }
    return "unknown result";
}

#endif
