/*
 * test_keyset.c - the keyset-paged lists (organisations, users, tokens, access log) share
 * one paging rule (api_keyset_query/api_keyset_answer in src/api/input.c): ?limit= 1..1000,
 * ?after= from 0, next_after exactly when the page is full, and following it reaches the
 * rest without repeats.
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

static server srv;
static client_auth fb;

static void start(void)
{
    server_start(&srv, NULL);
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
}
static void stop(void)
{
    cr_assert_eq(server_stop(&srv), 0);
}
TestSuite(keyset, .init = start, .fini = stop, .timeout = 120);

/* Walks list `base` (a path that may already have a query) in pages of 2; returns the number
 * of items seen and checks that each page but the last carries next_after = its last key. */
static size_t walk(const char *base, const char *key)
{
    const char *sep = strchr(base, '?') ? "&" : "?";
    long long after = 0, last = -1;
    size_t seen = 0;
    for (int page = 0; page < 100; page++) {
        char path[256];
        snprintf(path, sizeof path, "%s%safter=%lld&limit=2", base, sep, after);
        response r;
        http_as(&srv, &fb, "GET", path, NULL, NULL, &r);
        cr_assert_eq(r.status, 200, "%s: %s", path, r.body);
        json_t *items = json_object_get(r.json, "items");
        size_t n = json_array_size(items);
        for (size_t i = 0; i < n; i++) {
            long long k = json_integer_value(json_object_get(json_array_get(items, i), key));
            cr_assert_gt(k, last, "%s: keys ascend without repeats", path);
            last = k;
        }
        seen += n;
        json_t *next = json_object_get(r.json, "next_after");
        if (n < 2) {
            cr_assert_null(next, "%s: a short page is the last", path);
            response_free(&r);
            return seen;
        }
        cr_assert_eq(json_integer_value(next), last, "%s", path);
        after = last;
        response_free(&r);
    }
    cr_assert_fail("%s: no end", base);
    return 0;
}

Test(keyset, four_lists_page_the_same_way)
{
    /* three users, three tokens (on a provider organisation), access-log lines for one client */
    client_auth u[3];
    for (int i = 0; i < 3; i++)
        as_role(&srv, "plaatser", "3ro", 0, &u[i]);
    client_auth za;
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &za);
    const char *h[] = {"Content-Type: application/json", NULL};
    char body[128];
    for (int i = 0; i < 3; i++) {
        snprintf(body, sizeof body, "{\"organisation_id\":%lld,\"name\":\"Koppeling %d\"}",
                 za.organisation_id, i);
        response r;
        http_as(&srv, &fb, "POST", "/api/tokens", h, body, &r);
        cr_assert_eq(r.status, 201, "%s", r.body);
        response_free(&r);
    }
    cr_assert_geq(walk("/api/organisations", "id"), 5);
    cr_assert_geq(walk("/api/users", "id"), 5);
    cr_assert_eq(walk("/api/tokens", "id"), 3);
    /* reading the access log of client 1 is itself logged: three reads, three lines */
    for (int i = 0; i < 3; i++) {
        response r;
        http_as(&srv, &fb, "GET", "/api/audit?client=1&limit=1000", NULL, NULL, &r);
        cr_assert_eq(r.status, 200, "%s", r.body);
        response_free(&r);
    }
    cr_assert_geq(walk("/api/audit?client=1", "seq"), 3);

    static const char *const bad[] = {"limit=0", "limit=1001", "limit=x", "after=-1"};
    static const char *const lists[] = {"/api/organisations?", "/api/users?", "/api/tokens?",
                                        "/api/audit?client=1&"};
    for (size_t l = 0; l < 4; l++)
        for (size_t b = 0; b < 4; b++) {
            char path[128];
            snprintf(path, sizeof path, "%s%s", lists[l], bad[b]);
            response r;
            http_as(&srv, &fb, "GET", path, NULL, NULL, &r);
            cr_assert_eq(r.status, 400, "%s", path);
            cr_assert_str_eq(error_code(&r), "invalid_query", "%s", path);
            cr_assert_str_eq(error_field(&r), strchr(bad[b], 'l') == bad[b] ? "limit" : "after",
                             "%s", path);
            response_free(&r);
        }
}
