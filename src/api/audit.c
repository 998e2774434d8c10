/*
 * audit.c - GET /api/audit: who looked at a client, for functioneel beheer (NEN 7513:
 * a client may ask who accessed their file). Reading the log is itself logged.
 */
#include "api/handlers.h"

#include <stdlib.h>

static json_t *render(const store_access_entry *e)
{
    json_t *o =
        json_pack("{s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "seq", (json_int_t)e->seq, "at", e->at,
                  "username", e->username, "role", e->role, "object_type", e->object_type, "action",
                  e->action, "request_id", e->request_id, "hash", e->hash);
    json_object_set_new(o, "user_id", e->user_id ? json_integer(e->user_id) : json_null());
    json_object_set_new(o, "organisation_id",
                        e->organisation_id ? json_integer(e->organisation_id) : json_null());
    json_object_set_new(o, "client_id", e->client_id ? json_integer(e->client_id) : json_null());
    json_object_set_new(o, "object_id", e->object_id ? json_integer(e->object_id) : json_null());
    json_object_set_new(o, "reason", e->reason[0] ? json_string(e->reason) : json_null());
    return o;
}

void h_audit_list(api_request *r)
{
    int64_t client = 0, after, limit;
    if (!api_query_int(r, "client", 1, INT64_MAX, &client) || !api_keyset_query(r, &after, &limit))
        return;
    store_access_entry *items;
    size_t n;
    int rc = store_access_log_list(api_request_app(r)->db, client, after, (int)limit, &items, &n);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, render(&items[i]));
    json_t *out = api_keyset_answer(arr, n, limit, n ? items[n - 1].seq : 0);
    free(items);
    if (!api_access_log(r, client, "access_log", 0, "read")) {
        json_decref(out);
        return;
    }
    api_json(r, 200, out);
}
