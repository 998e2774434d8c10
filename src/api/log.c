/*
 * log.c - see log.h.
 */
#include "api/log.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static atomic_int current_level = LOG_INFO;

int log_level_parse(const char *s)
{
    static const char *names[] = {"debug", "info", "warn", "error"};
    for (int i = 0; s && i < 4; i++)
        if (strcmp(s, names[i]) == 0)
            return i;
    return -1;
}

void log_set_level(log_level level)
{
    atomic_store(&current_level, (int)level);
}

int log_enabled(log_level level)
{
    return (int)level >= atomic_load(&current_level);
}

void log_event(log_level level, const char *msg, json_t *fields)
{
    static const char *names[] = {"debug", "info", "warn", "error"};
    if (!log_enabled(level)) {
        json_decref(fields);
        return;
    }
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    gmtime_r(&ts.tv_sec, &tm);
    char when[32], stamp[64];
    strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(stamp, sizeof(stamp), "%s.%03ldZ", when, ts.tv_nsec / 1000000);
    json_t *line = json_object();
    json_object_set_new(line, "ts", json_string(stamp));
    json_object_set_new(line, "level", json_string(names[level]));
    json_object_set_new(line, "msg", json_string(msg));
    if (fields)
        json_object_update(line, fields);
    json_decref(fields);
    char *text = json_dumps(line, JSON_COMPACT);
    json_decref(line);
    if (text == NULL)
        return;
    size_t n = strlen(text);
    text[n] = '\n'; /* replaces the NUL; length passed explicitly */
    ssize_t w = write(STDERR_FILENO, text, n + 1);
    (void)w; /* nowhere to report a failing stderr */
    free(text);
}
