/*
 * log.h - structured JSON log lines on stderr, one object per line.
 *
 * Why JSON: operators feed these lines to a log collector; one object per line with fixed
 * keys (ts, level, msg, ...) needs no parser of our own. Writes are single write(2) calls
 * so lines from worker threads never interleave.
 */
#ifndef IFZO_API_LOG_H
#define IFZO_API_LOG_H

#include <jansson.h>

typedef enum { LOG_DEBUG = 0, LOG_INFO = 1, LOG_WARN = 2, LOG_ERROR = 3 } log_level;

/* Parses "debug", "info", "warn", "error"; returns -1 for anything else. */
int log_level_parse(const char *s);
void log_set_level(log_level level);
int log_enabled(log_level level);

/* Writes {"ts":..,"level":..,"msg":msg, ...fields}. Takes the reference to fields (may be
 * NULL). */
void log_event(log_level level, const char *msg, json_t *fields);

#endif
