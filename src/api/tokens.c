/*
 * tokens.c - /api/tokens: bearer tokens with which provider software calls the API on
 * behalf of one provider (organisation kind zorgaanbieder). Created and revoked by
 * functioneel beheer; the token itself is shown once, only its SHA-256 is stored, and a
 * revoked token fails on the very next request (every request looks it up).
 */
#include "api/handlers.h"
#include "core/validate.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static json_t *render(const store_token *t)
{
    json_t *o = json_pack("{s:I,s:I,s:s,s:s,s:s}", "id", (json_int_t)t->id, "organisation_id",
                          (json_int_t)t->organisation_id, "name", t->name, "created_by",
                          t->created_by, "created_at", t->created_at);
    json_object_set_new(o, "revoked_at",
                        t->revoked_at[0] ? json_string(t->revoked_at) : json_null());
    return o;
}

void h_token_list(api_request *r)
{
    int64_t after, limit;
    if (!api_keyset_query(r, &after, &limit))
        return;
    store_token *items;
    size_t n;
    int rc = store_token_list(api_request_app(r)->db, after, (int)limit, &items, &n);
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

void h_token_create(api_request *r)
{
    json_t *body = api_body(r);
    if (body == NULL) {
        api_error(r, 400, "body_required", "Stuur een JSON-object.", NULL);
        return;
    }
    const char *name = NULL;
    if (!api_json_string(r, body, "name", &name))
        return;
    json_t *org = json_object_get(body, "organisation_id");
    if (name == NULL ||
        ifzo_utf8_check_str(name, STORE_NAME_MAX, IFZO_UTF8_REQUIRED) != IFZO_VALID_OK) {
        api_error(r, 400, name ? "invalid_name" : "required",
                  "Geef het token een naam van 1 tot 200 tekens.", "name");
        return;
    }
    if (!json_is_integer(org) || json_integer_value(org) < 1) {
        api_error(r, 400, org ? "invalid_type" : "required", "Kies de zorgaanbieder.",
                  "organisation_id");
        return;
    }
    store *db = api_request_app(r)->db;
    store_organisation o;
    int rc = store_organisation_get(db, json_integer_value(org), &o);
    if (rc == STORE_OK && strcmp(o.kind, "zorgaanbieder") != 0)
        rc = STORE_NOT_FOUND;
    if (rc == STORE_NOT_FOUND) {
        api_error(r, 400, "not_a_provider", "Een API-token hoort bij een zorgaanbieder.",
                  "organisation_id");
        return;
    }
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    char secret[65], token[72], hash[65];
    auth_random_hex(secret);
    snprintf(token, sizeof(token), "ifzo_%s", secret);
    auth_token_hash(token, hash);
    store_token t;
    rc = store_token_create(db, o.id, name, hash, api_request_caller(r)->username, &t);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        sodium_memzero(token, sizeof(token));
        return;
    }
    json_t *out = render(&t);
    json_object_set_new(out, "token", json_string(token));
    api_json(r, 201, out);
    sodium_memzero(token, sizeof(token));
    sodium_memzero(secret, sizeof(secret));
}

void h_token_revoke(api_request *r)
{
    int64_t id;
    if (!api_path_id(r, "id", &id))
        return;
    store_token t;
    int rc = store_token_revoke(api_request_app(r)->db, id, &t);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    api_json(r, 200, render(&t));
}
