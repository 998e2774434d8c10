/*
 * users.c - /api/users: functioneel beheer creates, lists, disables and resets users.
 *
 * A new or reset user gets a temporary password, shown once in the answer, and must choose
 * a new one at the first login (the dispatcher allows nothing else until then). A reset
 * also clears the TOTP enrolment and ends every session of the user.
 */
#include "api/handlers.h"
#include "core/access.h"
#include "core/totp.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *api_render_user(const store_user *u)
{
    return json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:b,s:b,s:b,s:b,s:I,s:s,s:s}", "id",
                     (json_int_t)u->id, "username", u->username, "display_name", u->display_name,
                     "role", u->role, "organisation_id", (json_int_t)u->organisation_id,
                     "organisation_kind", u->org_kind, "disabled", u->disabled, "totp_enabled",
                     u->totp_enabled, "totp_required", u->totp_enabled || u->org_totp_required,
                     "must_change_password", u->must_change_password, "version",
                     (json_int_t)u->version, "created_at", u->created_at, "updated_at",
                     u->updated_at);
}

void api_temporary_password(char out[33])
{
    unsigned char raw[15];
    randombytes_buf(raw, sizeof(raw));
    if (!totp_base32_encode(raw, sizeof(raw), out))
        out[0] = '\0';
    sodium_memzero(raw, sizeof(raw));
}

void h_user_list(api_request *r)
{
    int64_t after, limit;
    if (!api_keyset_query(r, &after, &limit))
        return;
    store_user *items;
    size_t n;
    int rc = store_user_list(api_request_app(r)->db, after, (int)limit, &items, &n);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, api_render_user(&items[i]));
    api_json(r, 200, api_keyset_answer(arr, n, limit, n ? items[n - 1].id : 0));
    free(items);
}

/* Answers with the user and a fresh temporary password. */
static void answer_with_password(api_request *r, int status, const store_user *u,
                                 const char *password)
{
    api_json(r, status,
             json_pack("{s:o,s:s}", "user", api_render_user(u), "temporary_password", password));
}

void h_user_create(api_request *r)
{
    json_t *body = api_body(r);
    if (body == NULL) {
        api_error(r, 400, "body_required", "Stuur een JSON-object.", NULL);
        return;
    }
    const char *username = NULL, *display = NULL, *role = NULL;
    if (!api_json_string(r, body, "username", &username) ||
        !api_json_string(r, body, "display_name", &display) ||
        !api_json_string(r, body, "role", &role))
        return;
    json_t *org = json_object_get(body, "organisation_id");
    core_error err;
    if (!access_user_check(username, display, role, &err)) {
        api_error(r, 400, err.code, err.message, err.field);
        return;
    }
    if (!json_is_integer(org) || json_integer_value(org) < 1) {
        api_error(r, 400, org ? "invalid_type" : "required", "Kies de organisatie.",
                  "organisation_id");
        return;
    }
    store *db = api_request_app(r)->db;
    store_organisation o;
    int rc = store_organisation_get(db, json_integer_value(org), &o);
    if (rc == STORE_NOT_FOUND) {
        api_error(r, 400, "unknown_organisation", "Deze organisatie bestaat niet.",
                  "organisation_id");
        return;
    }
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (!access_role_fits(role, o.kind, &err)) {
        api_error(r, 400, err.code, err.message, err.field);
        return;
    }
    store_user in = {0}, out;
    in.organisation_id = o.id;
    snprintf(in.username, sizeof(in.username), "%s", username);
    snprintf(in.display_name, sizeof(in.display_name), "%s", display);
    snprintf(in.role, sizeof(in.role), "%s", role);
    in.must_change_password = true;
    char password[33], hash[STORE_HASH_MAX];
    api_temporary_password(password);
    if (password[0] == '\0' || auth_password_hash(password, hash) != 0) {
        api_error(r, 500, "internal", "Interne fout.", NULL);
        return;
    }
    rc = store_user_create(db, &in, hash, &out);
    if (rc == STORE_DUPLICATE) {
        api_error(r, 409, "duplicate", "Deze gebruikersnaam bestaat al.", "username");
        return;
    }
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    char loc[64];
    snprintf(loc, sizeof(loc), "/api/users/%lld", (long long)out.id);
    answer_with_password(r, 201, &out, password);
    api_add_header(r, "Location", loc);
    sodium_memzero(password, sizeof(password));
}

void h_user_get(api_request *r)
{
    int64_t id;
    if (!api_path_id(r, "id", &id))
        return;
    store_user u;
    int rc = store_user_get(api_request_app(r)->db, id, &u);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    api_json(r, 200, api_render_user(&u));
    api_set_etag(r, u.version);
}

void h_user_disable(api_request *r)
{
    int64_t id;
    if (!api_path_id(r, "id", &id))
        return;
    if (id == api_request_caller(r)->user_id) {
        api_error(r, 400, "cannot_disable_self", "U kunt uw eigen account niet blokkeren.", NULL);
        return;
    }
    store_user u;
    int rc = store_user_set_disabled(api_request_app(r)->db, id, true, &u);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    api_json(r, 200, api_render_user(&u));
}

void h_user_reset(api_request *r)
{
    int64_t id;
    if (!api_path_id(r, "id", &id))
        return;
    store *db = api_request_app(r)->db;
    char password[33], hash[STORE_HASH_MAX];
    api_temporary_password(password);
    if (password[0] == '\0' || auth_password_hash(password, hash) != 0) {
        api_error(r, 500, "internal", "Interne fout.", NULL);
        return;
    }
    store_user u;
    int rc = store_user_set_password(db, id, hash, true, true, 0, &u);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    char ukey[80];
    snprintf(ukey, sizeof(ukey), "u:%s", u.username);
    (void)store_login_reset(db, ukey); /* a reset also lifts a lock-out */
    answer_with_password(r, 200, &u, password);
    sodium_memzero(password, sizeof(password));
}
