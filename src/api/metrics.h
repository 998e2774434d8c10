/*
 * metrics.h - request counters and latency histograms, rendered as Prometheus text.
 *
 * Why lock-free counters: every request records into them; relaxed atomics keep that off
 * the hot path's critical section. Counted by route pattern (never by raw path, which
 * would let a client create unbounded series) and status.
 */
#ifndef IFZO_API_METRICS_H
#define IFZO_API_METRICS_H

#include <stddef.h>

/* Sets up counters for nroutes routes (+1 for "unmatched"). Returns -1 on no memory. */
int metrics_init(size_t nroutes);
void metrics_free(void);
/* route: index into api_routes, or (size_t)-1 for requests that matched none. */
void metrics_record(size_t route, int status, double seconds);
/* The Prometheus text; malloc'd, owned by the caller. */
char *metrics_render(size_t *len);

#endif
