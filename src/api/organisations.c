/*
 * organisations.c - /api/organisations: list, create, read, update (with If-Match).
 * totp_required (may be left out) says whether the organisation's users must use a second
 * factor: on creation it defaults to on for DJI, off otherwise; an update without it keeps
 * the current value.
 */
#include "api/handlers.h"
#include "api/router.h"
#include "core/access.h"
#include "core/organisation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *render(const store_organisation *o)
{
    return json_pack("{s:I,s:s,s:s,s:b,s:I,s:s,s:s}", "id", (json_int_t)o->id, "name", o->name,
                     "kind", o->kind, "totp_required", o->totp_required, "version",
                     (json_int_t)o->version, "created_at", o->created_at, "updated_at",
                     o->updated_at);
}

/* Reads and checks name, kind and totp_required from the body into *o (*totp_given tells
 * whether the flag was sent); answers 400 and returns false on bad input. */
static bool read_input(api_request *r, store_organisation *o, bool *totp_given)
{
    json_t *body = api_body(r);
    if (body == NULL) {
        api_error(r, 400, "body_required", "Stuur een JSON-object.", NULL);
        return false;
    }
    const char *name = NULL, *kind = NULL;
    if (!api_json_string(r, body, "name", &name) || !api_json_string(r, body, "kind", &kind))
        return false;
    core_error err;
    if (!organisation_check(name, kind, &err)) {
        api_error(r, 400, err.code, err.message, err.field);
        return false;
    }
    json_t *totp = json_object_get(body, "totp_required");
    *totp_given = totp != NULL && !json_is_null(totp);
    if (*totp_given && !json_is_boolean(totp)) {
        api_error(r, 400, "invalid_type", "Dit veld moet true of false zijn.", "totp_required");
        return false;
    }
    snprintf(o->name, sizeof(o->name), "%s", name);
    snprintf(o->kind, sizeof(o->kind), "%s", kind);
    o->totp_required = *totp_given ? json_is_true(totp) : access_totp_default(kind);
    return true;
}

void h_organisation_list(api_request *r)
{
    int64_t after, limit;
    if (!api_keyset_query(r, &after, &limit))
        return;
    store_organisation *items;
    size_t n;
    int rc = store_organisation_list(api_request_app(r)->db, after, (int)limit, &items, &n);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, render(&items[i]));
    api_json(r, 200, api_keyset_answer(arr, n, limit, n ? items[n - 1].id : 0));
    free(items);
}

void h_organisation_create(api_request *r)
{
    store_organisation in = {0}, out;
    bool totp_given;
    if (!read_input(r, &in, &totp_given))
        return;
    int rc = store_organisation_create(api_request_app(r)->db, &in, &out);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    char loc[64];
    snprintf(loc, sizeof(loc), "/api/organisations/%lld", (long long)out.id);
    api_json(r, 201, render(&out));
    api_add_header(r, "Location", loc);
    api_set_etag(r, out.version);
}

void h_organisation_get(api_request *r)
{
    int64_t id;
    if (!api_path_id(r, "id", &id))
        return;
    /* Functioneel beheer sees every organisation; everybody else only their own, and
     * another one is "not found" like one that does not exist. */
    if (api_request_caller(r)->role != API_ROLE_FUNCTIONEEL_BEHEER && !api_own_organisation(r, id))
        return;
    store_organisation o;
    int rc = store_organisation_get(api_request_app(r)->db, id, &o);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    api_json(r, 200, render(&o));
    api_set_etag(r, o.version);
}

void h_organisation_update(api_request *r)
{
    int64_t id, version;
    store_organisation in = {0}, out;
    bool totp_given;
    if (!api_path_id(r, "id", &id) || !api_if_match(r, &version) ||
        !read_input(r, &in, &totp_given))
        return;
    in.id = id;
    in.version = version;
    int rc = STORE_OK;
    if (!totp_given) {
        store_organisation cur;
        rc = store_organisation_get(api_request_app(r)->db, id, &cur);
        if (rc == STORE_OK)
            in.totp_required = cur.totp_required;
    }
    if (rc == STORE_OK)
        rc = store_organisation_update(api_request_app(r)->db, &in, &out);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    api_json(r, 200, render(&out));
    api_set_etag(r, out.version);
}
