/*
 * system.c - handlers that describe the server itself: health, metrics, OpenAPI, version.
 * None of them touches client data; all are public.
 */
#include "api/handlers.h"
#include "api/metrics.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const char ifzo_openapi_json[];
extern const size_t ifzo_openapi_json_len;

void h_healthz(api_request *r)
{
    api_app *app = api_request_app(r);
    char detail[256] = "";
    int rc = store_ping(app->db, detail, sizeof(detail));
    int schema = 0;
    if (rc == STORE_OK)
        rc = store_schema_version(app->db, &schema);
    json_t *db = json_pack("{s:s,s:s}", "backend", store_backend(app->db), "status",
                           rc == STORE_OK ? "ok" : store_rc_name(rc));
    if (rc == STORE_OK) {
        json_object_set_new(db, "schema_version", json_integer(schema));
        json_object_set_new(db, "schema_latest", json_integer(store_schema_latest()));
    } else {
        json_object_set_new(db, "detail", json_string(detail));
    }
    int ok = rc == STORE_OK && schema == store_schema_latest();
    api_json(r, ok ? 200 : 503,
             json_pack("{s:s,s:o}", "status", ok ? "ok" : "unavailable", "database", db));
}

void h_metrics(api_request *r)
{
    size_t len = 0;
    char *text = metrics_render(&len);
    if (text == NULL) {
        api_error(r, 500, "internal", "Interne fout.", NULL);
        return;
    }
    api_text(r, 200, "text/plain; version=0.0.4", text, len);
    free(text);
}

void h_openapi(api_request *r)
{
    api_static(r, 200, "application/json", ifzo_openapi_json, ifzo_openapi_json_len);
}

void h_version(api_request *r)
{
    /* A constant: this is also the route the HTTP benchmark measures. */
    static const char body[] = "{\"name\":\"openifzo\",\"version\":\"" IFZO_VERSION "\"}";
    api_static(r, 200, "application/json", body, sizeof(body) - 1);
}
