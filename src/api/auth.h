/*
 * auth.h - who is calling: the one place where a request is authenticated (session cookie
 * or bearer token) and authorised (the route's `access` bits), and what handlers may ask
 * about the caller to scope their queries.
 *
 * Why one place: the dispatcher (server.c) calls auth_request() for every matched route
 * before any handler runs, so a route cannot be reached without its declared roles. Rules:
 *   - no valid credentials on a non-public route: 401 "unauthenticated";
 *   - a role the route does not list: 403 "forbidden";
 *   - a state-changing request on a session cookie without the session's X-CSRF-Token:
 *     403 "csrf_invalid" (bearer tokens are not sent by browsers, so they need none);
 *   - a user who must change the password may only reach the session routes: 403
 *     "password_change_required".
 * Scoping objects to the caller's organisation: handlers pass api_client_scope() /
 * api_offer_scope() to the store, whose queries apply it (decisions.md §30-§33), or use
 * api_own_organisation(); an object of another organisation answers 404, never 403.
 */
#ifndef IFZO_API_AUTH_H
#define IFZO_API_AUTH_H

#include <stdbool.h>
#include <stdint.h>

#include "api/http.h"
#include "store/access.h"
#include "store/catalog.h"

#define SESSION_COOKIE       "ifzo_session"
#define SESSION_IDLE_SECONDS (30 * 60)      /* idle expiry */
#define SESSION_MAX_SECONDS  (12 * 60 * 60) /* absolute expiry */

typedef struct {
    unsigned role;           /* one API_ROLE_* bit; 0 = anonymous */
    char role_name[32];      /* "plaatser", ... ; "" when anonymous */
    int64_t user_id;         /* 0 for an API token */
    char username[72];       /* the user, or "token:<id>" */
    int64_t organisation_id; /* 0 when anonymous */
    int64_t provider_id;     /* organisation_id when role is zorgaanbieder, else 0 */
    int64_t session_id;      /* 0 unless authenticated by a session cookie */
    int64_t token_id;        /* 0 unless authenticated by a bearer token */
    bool must_change_password;
    char csrf_token[65];
} api_caller;

/* The caller of this request; never NULL (all zero when anonymous). Owned by the request. */
const api_caller *api_request_caller(const api_request *r);

/* Fills the "who" part of an access-log entry (user, role, organisation, request id) from
 * the caller, and the given client, object and action; reason from the X-Reason header
 * when present. For a write, hand the entry to the store call that writes (it appends in
 * the same transaction); for a read, call api_access_log. */
void api_access_entry(api_request *r, store_access_entry *e, int64_t client_id,
                      const char *object_type, int64_t object_id, const char *action);
/* Records a read of client data in its own transaction. On failure answers 503
 * "access_log_unavailable" and returns false: data must not be shown when its access cannot
 * be recorded. */
bool api_access_log(api_request *r, int64_t client_id, const char *object_type, int64_t object_id,
                    const char *action);
/* Answers 503 "access_log_unavailable": client data are not sent when their access cannot be
 * recorded. */
void api_access_log_refuse(api_request *r);
/* The same for a list: one entry per distinct client among client_ids[0..n-1] (object_ids[i]
 * the object that named it first), all in one transaction; 503 and false on failure. */
bool api_access_log_list(api_request *r, const int64_t *client_ids, const int64_t *object_ids,
                         size_t n, const char *object_type, const char *action);

/* The store scope of the caller (decisions.md §30-§31), decided here once per kind of data:
 * client data (clients, indications): indiceerder -> STORE_SCOPE_INDICATING of its
 * organisation, plaatser -> STORE_SCOPE_DEFINITIVE, anyone else -> STORE_SCOPE_NOTHING;
 * the offer (locations, offer): zorgaanbieder -> STORE_SCOPE_PROVIDER of its organisation,
 * functioneel_beheer -> STORE_SCOPE_ALL, anyone else -> STORE_SCOPE_NOTHING. */
store_scope api_client_scope(const api_request *r);
store_scope api_offer_scope(const api_request *r);

/* Answers 404 "not_found" (the answer for an object the caller may not see, so that its
 * existence does not leak) and returns false unless organisation_id is the caller's own. */
bool api_own_organisation(api_request *r, int64_t organisation_id);

/* ---- for the server and the session handlers -------------------------------------- */

/* Authenticates and authorises r for route index `route`; returns 1 when it answered (the
 * handler must not run), 0 to go on. Called once per request by server.c. */
int auth_request(api_request *r, size_t route);

/* The request's caller slot, written by auth_request only (server.c owns the storage). */
api_caller *auth_caller_slot(api_request *r);

/* argon2id (libsodium crypto_pwhash_str; parameters in docs/decisions.md). out must hold
 * STORE_HASH_MAX bytes. Returns 0, or -1 when out of memory. */
int auth_password_hash(const char *password, char *out);
/* Checks a password against a stored hash; with hash NULL it spends the same work on a
 * dummy hash and returns false (no user enumeration by timing). */
bool auth_password_verify(const char *password, const char *hash);

/* 32 random bytes as 64 hex characters into out[65]; and the SHA-256 hex of a token. */
void auth_random_hex(char out[65]);
void auth_token_hash(const char *token, char out[65]);

/* A store timestamp for now + seconds. */
void auth_time_utc(int64_t offset_seconds, char out[24]);

#endif
