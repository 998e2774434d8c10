/*
 * bench_msg.c - posts FZ messages to POST /api/berichten over several connections at once
 * (libcurl multi, keep-alive) and prints messages/s and latency percentiles.
 *
 *   bench_msg URL TOKEN CONNECTIONS LIST...
 *
 * Each LIST names one message file per line and is a phase: the next phase starts when every
 * message of the previous one was answered (FZ825 needs the FZ823 of its decision applied).
 * Every file is read into memory first and posted once, in order, with at most CONNECTIONS
 * requests in flight. A message counts as applied when the answer is 200 and every RetourCode
 * in it is 0200. Output (one line, for bench/msg/run.sh):
 *   messages=N applied=A failed=F seconds=S per_second=R p50_ms=X p99_ms=Y
 * Exit 1 when a request failed at the HTTP level.
 */
#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    char *data;
    size_t len;
} buf;

typedef struct {
    size_t index;
    buf answer;
    struct curl_slist *headers;
} transfer;

static size_t collect(char *p, size_t size, size_t n, void *user)
{
    buf *b = user;
    size_t add = size * n;
    char *nd = realloc(b->data, b->len + add + 1);
    if (nd == NULL)
        return 0;
    memcpy(nd + b->len, p, add);
    b->data = nd;
    b->len += add;
    b->data[b->len] = '\0';
    return add;
}

static int read_file(const char *path, buf *out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    out->data = malloc((size_t)n + 1);
    out->len = out->data ? fread(out->data, 1, (size_t)n, f) : 0;
    fclose(f);
    if (out->data == NULL || out->len != (size_t)n)
        return -1;
    out->data[n] = '\0';
    return 0;
}

static bool all_0200(const char *xml)
{
    const char *tag = "<RetourCode>";
    int seen = 0;
    for (const char *p = strstr(xml, tag); p; p = strstr(p + 1, tag)) {
        if (strncmp(p + strlen(tag), "0200<", 5) != 0)
            return false;
        seen++;
    }
    return seen > 0;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static double now_s(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: bench_msg URL TOKEN CONNECTIONS LIST...\n");
        return 2;
    }
    const char *url = argv[1];
    char auth[300];
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", argv[2]);
    int conns = atoi(argv[3]);
    if (conns < 1)
        return 2;
    size_t n = 0, cap = 0;
    size_t phase_end[64];
    int phases = 0;
    buf *msgs = NULL;
    char line[4096];
    for (int a = 4; a < argc && phases < 64; a++) {
        FILE *list = fopen(argv[a], "r");
        if (list == NULL)
            return 2;
        while (fgets(line, sizeof line, list)) {
            line[strcspn(line, "\n")] = '\0';
            if (line[0] == '\0')
                continue;
            if (n == cap) {
                cap = cap ? cap * 2 : 1024;
                msgs = realloc(msgs, cap * sizeof *msgs);
                if (msgs == NULL)
                    return 2;
            }
            if (read_file(line, &msgs[n++]) != 0) {
                fprintf(stderr, "bench_msg: cannot read %s\n", line);
                return 2;
            }
        }
        fclose(list);
        phase_end[phases++] = n;
    }
    double *lat = calloc(n ? n : 1, sizeof *lat);
    if (n == 0 || lat == NULL)
        return 2;
    curl_global_init(CURL_GLOBAL_DEFAULT);
    CURLM *multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)conns);
    size_t next = 0, done = 0, applied = 0, failed = 0, http_errors = 0;
    int running = 0, phase = 0;
    double start = now_s();
    while (done < n) {
        if (phase < phases - 1 && done == phase_end[phase])
            phase++;
        while (next < phase_end[phase] && running < conns) {
            transfer *t = calloc(1, sizeof *t);
            t->index = next;
            t->headers = curl_slist_append(NULL, "Content-Type: application/xml");
            t->headers = curl_slist_append(t->headers, auth);
            t->headers = curl_slist_append(t->headers, "Expect:");
            CURL *e = curl_easy_init();
            curl_easy_setopt(e, CURLOPT_URL, url);
            curl_easy_setopt(e, CURLOPT_POST, 1L);
            curl_easy_setopt(e, CURLOPT_POSTFIELDS, msgs[next].data);
            curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE, (long)msgs[next].len);
            curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
            curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, collect);
            curl_easy_setopt(e, CURLOPT_WRITEDATA, &t->answer);
            curl_easy_setopt(e, CURLOPT_PRIVATE, t);
            curl_easy_setopt(e, CURLOPT_TIMEOUT, 120L);
            curl_multi_add_handle(multi, e);
            next++;
            running++;
        }
        int still;
        curl_multi_perform(multi, &still);
        curl_multi_poll(multi, NULL, 0, 100, NULL);
        CURLMsg *m;
        int left;
        while ((m = curl_multi_info_read(multi, &left)) != NULL) {
            if (m->msg != CURLMSG_DONE)
                continue;
            CURL *e = m->easy_handle;
            transfer *t;
            curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&t);
            long status = 0;
            curl_off_t us = 0;
            curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
            curl_easy_getinfo(e, CURLINFO_TOTAL_TIME_T, &us);
            lat[done] = (double)us / 1000.0;
            if (m->data.result != CURLE_OK || status != 200) {
                http_errors++;
                if (http_errors <= 3)
                    fprintf(stderr, "bench_msg: message %zu: curl %d, HTTP %ld: %.200s\n", t->index,
                            (int)m->data.result, status, t->answer.data ? t->answer.data : "");
            } else if (all_0200(t->answer.data ? t->answer.data : "")) {
                applied++;
            } else {
                failed++;
                if (failed <= 3)
                    fprintf(stderr, "bench_msg: message %zu not applied: %.400s\n", t->index,
                            t->answer.data);
            }
            done++;
            running--;
            curl_multi_remove_handle(multi, e);
            curl_easy_cleanup(e);
            curl_slist_free_all(t->headers);
            free(t->answer.data);
            free(t);
        }
    }
    double secs = now_s() - start;
    qsort(lat, n, sizeof *lat, cmp_double);
    printf("messages=%zu applied=%zu failed=%zu seconds=%.3f per_second=%.1f p50_ms=%.2f "
           "p99_ms=%.2f\n",
           n, applied, failed + http_errors, secs, (double)n / secs, lat[n / 2],
           lat[(size_t)((double)n * 0.99) < n ? (size_t)((double)n * 0.99) : n - 1]);
    curl_multi_cleanup(multi);
    curl_global_cleanup();
    for (size_t i = 0; i < n; i++)
        free(msgs[i].data);
    free(msgs);
    free(lat);
    return http_errors ? 1 : 0;
}
