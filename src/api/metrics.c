/*
 * metrics.c - see metrics.h.
 */
#include "api/metrics.h"
#include "api/router.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STATUS_MIN  100
#define STATUS_SPAN 500 /* 100..599 */

static const double buckets[] = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                 0.05,   0.1,   0.25,   0.5,   1.0,  2.5};
#define NBUCKETS (sizeof(buckets) / sizeof(buckets[0]))

typedef struct {
    atomic_uint_fast64_t status[STATUS_SPAN];
    atomic_uint_fast64_t bucket[NBUCKETS + 1]; /* last is +Inf */
    atomic_uint_fast64_t sum_us;
} route_metrics;

static route_metrics *table;
static size_t nslots;

int metrics_init(size_t nroutes)
{
    nslots = nroutes + 1;
    table = calloc(nslots, sizeof(*table));
    return table ? 0 : -1;
}

void metrics_free(void)
{
    free(table);
    table = NULL;
    nslots = 0;
}

void metrics_record(size_t route, int status, double seconds)
{
    if (table == NULL)
        return;
    route_metrics *m = &table[route < nslots - 1 ? route : nslots - 1];
    if (status >= STATUS_MIN && status < STATUS_MIN + STATUS_SPAN)
        atomic_fetch_add_explicit(&m->status[status - STATUS_MIN], 1, memory_order_relaxed);
    size_t b = 0;
    while (b < NBUCKETS && seconds > buckets[b])
        b++;
    atomic_fetch_add_explicit(&m->bucket[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->sum_us, (uint_fast64_t)(seconds * 1e6), memory_order_relaxed);
}

typedef struct {
    char *buf;
    size_t len, cap;
    int failed;
} sbuf;

/* Appends one formatted line (metric lines are far shorter than 1 KiB). */
static void put(sbuf *s, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    if (s->failed || n < 0 || (size_t)n >= sizeof(line)) {
        s->failed = 1;
        return;
    }
    if (s->len + (size_t)n + 1 > s->cap) {
        size_t ncap = (s->cap + (size_t)n + 1) * 2;
        char *nb = realloc(s->buf, ncap);
        if (nb == NULL) {
            s->failed = 1;
            return;
        }
        s->buf = nb;
        s->cap = ncap;
    }
    memcpy(s->buf + s->len, line, (size_t)n + 1);
    s->len += (size_t)n;
}

static const char *route_label(size_t i, char *buf, size_t cap)
{
    if (i >= api_route_count)
        return "unmatched";
    snprintf(buf, cap, "%s %s", api_routes[i].method, api_routes[i].pattern);
    return buf;
}

char *metrics_render(size_t *len)
{
    sbuf s = {.cap = 8192};
    s.buf = malloc(s.cap);
    if (s.buf == NULL)
        return NULL;
    s.buf[0] = '\0';
    char label[300];
    put(&s, "# HELP ifzo_http_requests_total HTTP requests by route and status.\n"
            "# TYPE ifzo_http_requests_total counter\n");
    for (size_t i = 0; table && i < nslots; i++) {
        const char *rl = route_label(i, label, sizeof(label));
        for (int st = 0; st < STATUS_SPAN; st++) {
            uint_fast64_t v = atomic_load_explicit(&table[i].status[st], memory_order_relaxed);
            if (v)
                put(&s, "ifzo_http_requests_total{route=\"%s\",status=\"%d\"} %llu\n", rl,
                    st + STATUS_MIN, (unsigned long long)v);
        }
    }
    put(&s, "# HELP ifzo_http_request_duration_seconds Time from request to answer.\n"
            "# TYPE ifzo_http_request_duration_seconds histogram\n");
    for (size_t i = 0; table && i < nslots; i++) {
        uint_fast64_t cum = 0;
        uint_fast64_t counts[NBUCKETS + 1];
        for (size_t b = 0; b <= NBUCKETS; b++)
            counts[b] = atomic_load_explicit(&table[i].bucket[b], memory_order_relaxed);
        uint_fast64_t total = 0;
        for (size_t b = 0; b <= NBUCKETS; b++)
            total += counts[b];
        if (total == 0)
            continue;
        const char *rl = route_label(i, label, sizeof(label));
        for (size_t b = 0; b < NBUCKETS; b++) {
            cum += counts[b];
            put(&s, "ifzo_http_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %llu\n", rl,
                buckets[b], (unsigned long long)cum);
        }
        put(&s, "ifzo_http_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %llu\n", rl,
            (unsigned long long)total);
        put(&s, "ifzo_http_request_duration_seconds_sum{route=\"%s\"} %.6f\n", rl,
            (double)atomic_load_explicit(&table[i].sum_us, memory_order_relaxed) / 1e6);
        put(&s, "ifzo_http_request_duration_seconds_count{route=\"%s\"} %llu\n", rl,
            (unsigned long long)total);
    }
    if (s.failed) {
        free(s.buf);
        return NULL;
    }
    *len = s.len;
    return s.buf;
}
