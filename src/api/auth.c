/*
 * auth.c - authentication and authorisation of every request (see auth.h), and the small
 * primitives around them: password hashing, random tokens, token hashes.
 */
#include "api/auth.h"
#include "api/handlers.h"
#include "api/router.h"
#include "core/access.h"
#include "core/validate.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* argon2id cost: libsodium's "interactive" limits (2 passes, 64 MiB); see decisions.md. */
#define PWHASH_OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PWHASH_MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

/* Sessions are touched (idle expiry moved) at most once a minute, not on every request. */
#define TOUCH_AFTER_SECONDS 60

void auth_time_utc(int64_t offset_seconds, char out[24])
{
    time_t t = time(NULL) + (time_t)offset_seconds;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void auth_random_hex(char out[65])
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof(raw));
    sodium_bin2hex(out, 65, raw, sizeof(raw));
    sodium_memzero(raw, sizeof(raw));
}

void auth_token_hash(const char *token, char out[65])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)token, strlen(token));
    sodium_bin2hex(out, 65, digest, sizeof(digest));
}

int auth_password_hash(const char *password, char *out)
{
    char buf[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(buf, password, strlen(password), PWHASH_OPS, PWHASH_MEM) != 0)
        return -1;
    snprintf(out, STORE_HASH_MAX, "%s", buf);
    return 0;
}

static char dummy_hash[crypto_pwhash_STRBYTES];
static void make_dummy_hash(void)
{
    char pw[65];
    auth_random_hex(pw);
    if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), PWHASH_OPS, PWHASH_MEM) != 0)
        dummy_hash[0] = '\0';
}

bool auth_password_verify(const char *password, const char *hash)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    if (hash == NULL || hash[0] == '\0') {
        pthread_once(&once, make_dummy_hash);
        /* Same work as a real check; the outcome is irrelevant (and false). */
        int same_work = crypto_pwhash_str_verify(dummy_hash, password, strlen(password));
        return same_work == 0 && false;
    }
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

/* ---- the caller and the access log ------------------------------------------------ */

void api_access_entry(api_request *r, store_access_entry *e, int64_t client_id,
                      const char *object_type, int64_t object_id, const char *action)
{
    const api_caller *c = api_request_caller(r);
    memset(e, 0, sizeof(*e));
    e->user_id = c->user_id;
    snprintf(e->username, sizeof(e->username), "%s", c->username);
    snprintf(e->role, sizeof(e->role), "%s", c->role_name);
    e->organisation_id = c->organisation_id;
    e->client_id = client_id;
    snprintf(e->object_type, sizeof(e->object_type), "%s", object_type);
    e->object_id = object_id;
    snprintf(e->action, sizeof(e->action), "%s", action);
    snprintf(e->request_id, sizeof(e->request_id), "%s", api_request_id(r));
    const char *reason = api_header(r, "X-Reason");
    if (reason && strlen(reason) <= STORE_REASON_MAX &&
        ifzo_utf8_check_str(reason, STORE_REASON_MAX, IFZO_UTF8_REQUIRED) == IFZO_VALID_OK)
        snprintf(e->reason, sizeof(e->reason), "%s", reason);
}

void api_access_log_refuse(api_request *r)
{
    api_error(r, 503, "access_log_unavailable",
              "De toegang kan nu niet worden vastgelegd; daarom worden de gegevens niet "
              "getoond. Probeer het later opnieuw.",
              NULL);
}

bool api_access_log(api_request *r, int64_t client_id, const char *object_type, int64_t object_id,
                    const char *action)
{
    store_access_entry e;
    api_access_entry(r, &e, client_id, object_type, object_id, action);
    if (store_access_log_append(api_request_app(r)->db, &e) != STORE_OK) {
        api_access_log_refuse(r);
        return false;
    }
    return true;
}

bool api_access_log_list(api_request *r, const int64_t *client_ids, const int64_t *object_ids,
                         size_t n, const char *object_type, const char *action)
{
    if (n == 0)
        return true;
    store_access_entry *e = malloc(n * sizeof *e);
    if (e == NULL) {
        api_access_log_refuse(r);
        return false;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t k = 0; k < m && !seen; k++)
            seen = e[k].client_id == client_ids[i];
        if (!seen)
            api_access_entry(r, &e[m++], client_ids[i], object_type, object_ids[i], action);
    }
    int rc = store_access_log_append_all(api_request_app(r)->db, e, m);
    free(e);
    if (rc != STORE_OK) {
        api_access_log_refuse(r);
        return false;
    }
    return true;
}

store_scope api_client_scope(const api_request *r)
{
    const api_caller *c = api_request_caller(r);
    if (c->role == API_ROLE_INDICEERDER && c->organisation_id > 0)
        return (store_scope){STORE_SCOPE_INDICATING, c->organisation_id};
    if (c->role == API_ROLE_PLAATSER)
        return (store_scope){STORE_SCOPE_DEFINITIVE, 0};
    return (store_scope){STORE_SCOPE_NOTHING, 0};
}

store_scope api_offer_scope(const api_request *r)
{
    const api_caller *c = api_request_caller(r);
    if (c->role == API_ROLE_ZORGAANBIEDER && c->organisation_id > 0)
        return (store_scope){STORE_SCOPE_PROVIDER, c->organisation_id};
    if (c->role == API_ROLE_FUNCTIONEEL_BEHEER)
        return (store_scope){STORE_SCOPE_ALL, 0};
    return (store_scope){STORE_SCOPE_NOTHING, 0};
}

bool api_own_organisation(api_request *r, int64_t organisation_id)
{
    const api_caller *c = api_request_caller(r);
    if (c->organisation_id != 0 && c->organisation_id == organisation_id)
        return true;
    api_error(r, 404, "not_found", "Het gevraagde object bestaat niet.", NULL);
    return false;
}

/* ---- authentication --------------------------------------------------------------- */

static void caller_from_user(api_caller *c, const store_user *u)
{
    c->role = (unsigned)access_role_parse(u->role);
    snprintf(c->role_name, sizeof(c->role_name), "%s", u->role);
    c->user_id = u->id;
    snprintf(c->username, sizeof(c->username), "%s", u->username);
    c->organisation_id = u->organisation_id;
    c->provider_id = c->role == API_ROLE_ZORGAANBIEDER ? u->organisation_id : 0;
    c->must_change_password = u->must_change_password;
}

/* Bearer token: 401 for an unknown or revoked one, also on public routes (a client that
 * sends credentials must learn they are no good). */
static int from_bearer(api_request *r, const char *value, api_caller *c)
{
    const char *tok = value + 7;
    while (*tok == ' ')
        tok++;
    size_t n = strlen(tok);
    if (n < 16 || n > 128) {
        api_error(r, 401, "invalid_token", "Het API-token is ongeldig of ingetrokken.", NULL);
        return 1;
    }
    char hash[65];
    auth_token_hash(tok, hash);
    store_token t;
    int rc = store_token_find(api_request_app(r)->db, hash, &t);
    if (rc == STORE_NOT_FOUND || (rc == STORE_OK && strcmp(t.org_kind, "zorgaanbieder") != 0)) {
        api_add_header(r, "WWW-Authenticate", "Bearer realm=\"openifzo\", error=\"invalid_token\"");
        api_error(r, 401, "invalid_token", "Het API-token is ongeldig of ingetrokken.", NULL);
        return 1;
    }
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return 1;
    }
    c->role = API_ROLE_ZORGAANBIEDER;
    snprintf(c->role_name, sizeof(c->role_name), "zorgaanbieder");
    snprintf(c->username, sizeof(c->username), "token:%lld", (long long)t.id);
    c->organisation_id = t.organisation_id;
    c->provider_id = t.organisation_id;
    c->token_id = t.id;
    return 0;
}

/* Session cookie: an unknown or expired session is simply anonymous. */
static int from_session(api_request *r, const char *token, api_caller *c)
{
    if (strlen(token) != 64)
        return 0;
    char hash[65], now[24];
    auth_token_hash(token, hash);
    auth_time_utc(0, now);
    store_session s;
    store *db = api_request_app(r)->db;
    int rc = store_session_find(db, hash, now, &s);
    if (rc == STORE_NOT_FOUND)
        return 0;
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return 1;
    }
    caller_from_user(c, &s.user);
    c->session_id = s.id;
    snprintf(c->csrf_token, sizeof(c->csrf_token), "%s", s.csrf_token);
    char touch_before[24];
    auth_time_utc(-TOUCH_AFTER_SECONDS, touch_before);
    if (strcmp(s.last_seen_at, touch_before) < 0) {
        char idle[24];
        auth_time_utc(SESSION_IDLE_SECONDS, idle);
        rc = store_session_touch(db, s.id, now, idle);
        if (rc != STORE_OK) {
            api_store_error(r, rc);
            return 1;
        }
    }
    return 0;
}

static bool is_safe_method(const char *m)
{
    return strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
}

/* The routes a user who must change the password may still use. */
static bool allowed_before_password_change(const api_route *rt)
{
    return rt->handler == h_session_get || rt->handler == h_session_delete ||
           rt->handler == h_session_password;
}

int auth_request(api_request *r, size_t route)
{
    const api_route *rt = &api_routes[route];
    api_caller *c = auth_caller_slot(r);
    memset(c, 0, sizeof(*c));
    const char *authz = api_header(r, "Authorization");
    const char *cookie = api_cookie(r, SESSION_COOKIE);
    if (authz && strncasecmp(authz, "Bearer ", 7) == 0) {
        if (from_bearer(r, authz, c))
            return 1;
    } else if (cookie && from_session(r, cookie, c)) {
        return 1;
    }
    if (!(rt->access & API_ACCESS_PUBLIC)) {
        if (c->role == 0) {
            api_error(r, 401, "unauthenticated", "Log eerst in.", NULL);
            return 1;
        }
        if (!(rt->access & c->role)) {
            api_error(r, 403, "forbidden", "Uw rol geeft geen toegang tot deze functie.", NULL);
            return 1;
        }
        if (c->must_change_password && !allowed_before_password_change(rt)) {
            api_error(r, 403, "password_change_required", "Kies eerst een nieuw wachtwoord.", NULL);
            return 1;
        }
    }
    /* Logging in needs no CSRF token: it acts on no session (a new one replaces the old). */
    if (c->session_id && !is_safe_method(api_method(r)) && rt->handler != h_session_create) {
        const char *given = api_header(r, "X-CSRF-Token");
        if (given == NULL || strlen(given) != 64 || sodium_memcmp(given, c->csrf_token, 64) != 0) {
            api_error(r, 403, "csrf_invalid",
                      "Het verzoek mist een geldig CSRF-token (X-CSRF-Token).", "X-CSRF-Token");
            return 1;
        }
    }
    return 0;
}
