/*
 * error.h - how a domain rule says no.
 *
 * Why a struct of three static strings: the API turns a refusal into
 * {"error":{"code","message","field"}} without knowing the rule, and the message is the
 * Dutch text a user reads. All pointers are to static storage; nothing is ever freed.
 */
#ifndef IFZO_CORE_ERROR_H
#define IFZO_CORE_ERROR_H

typedef struct {
    const char *code;    /* stable machine code, e.g. "invalid_name" */
    const char *field;   /* the input field at fault, or NULL */
    const char *message; /* Dutch text for the user */
} core_error;

/* Fills *e (if not NULL) and returns 0, so a rule can `return core_fail(e, ...)`. */
static inline int core_fail(core_error *e, const char *code, const char *field, const char *message)
{
    if (e) {
        e->code = code;
        e->field = field;
        e->message = message;
    }
    return 0;
}

#endif
