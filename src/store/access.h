/*
 * access.h - persistence of who may do what: users, sessions, API tokens, failed-login
 * counters, and the access log. Part of the store API (store.h rules apply: each call is
 * one transaction; returned pointers are owned by the caller where stated).
 *
 * Why a header of its own: the access machinery is a module that the API's dispatcher and
 * the `ifzo user|token|audit` commands use; other resources only need the access log
 * (store_access_log_append, or store_access_log_append_in inside their own transaction,
 * see store/access_log_internal.h).
 */
#ifndef IFZO_STORE_ACCESS_H
#define IFZO_STORE_ACCESS_H

#include <stdbool.h>

#include "store/store.h"

/* ---- users ------------------------------------------------------------------------- */

#define STORE_USERNAME_MAX 64
#define STORE_HASH_MAX     160 /* crypto_pwhash_STRBYTES is 128 */

typedef struct {
    int64_t id;
    int64_t organisation_id;
    char username[STORE_USERNAME_MAX + 1];
    char display_name[STORE_NAME_MAX * 4 + 1];
    char role[32];
    bool must_change_password;
    bool disabled;
    bool totp_enabled;
    int64_t version;
    char created_at[24];
    char updated_at[24];
    /* from the organisation, read-only */
    char org_kind[32];
    bool org_totp_required;
} store_user;

/* Secrets of a user, read only for logging in. */
typedef struct {
    char password_hash[STORE_HASH_MAX];
    char totp_secret[64]; /* base32 (TOTP_BASE32_MAX), "" when none */
    int64_t totp_last_step;
} store_user_secrets;

/* Inserts in->{organisation_id, username, display_name, role, must_change_password}.
 * STORE_DUPLICATE when the username exists, STORE_NOT_FOUND when the organisation does not. */
int store_user_create(store *s, const store_user *in, const char *password_hash, store_user *out);
int store_user_get(store *s, int64_t id, store_user *out);
/* By username, with secrets (secrets may be NULL). */
int store_user_find(store *s, const char *username, store_user *out, store_user_secrets *secrets);
/* Up to limit users by id after after_id; *items malloc'd, owned by the caller (free()). */
int store_user_list(store *s, int64_t after_id, int limit, store_user **items, size_t *count);
/* Disables (or enables) a user; disabling ends every session of the user. */
int store_user_set_disabled(store *s, int64_t id, bool disabled, store_user *out);
/* Sets a new password hash; ends every session of the user except keep_session (0: all).
 * reset also clears the TOTP enrolment (a reset by functioneel beheer starts afresh). */
int store_user_set_password(store *s, int64_t id, const char *password_hash,
                            bool must_change_password, bool reset, int64_t keep_session,
                            store_user *out);
/* Stores a TOTP secret (base32) not yet confirmed; enabled = confirmed. */
int store_user_totp_set(store *s, int64_t id, const char *secret_base32, bool enabled);
/* Records that the code of time step `step` was used; STORE_CONFLICT when that step (or a
 * later one) was used already, so a code works once. */
int store_user_totp_use(store *s, int64_t id, int64_t step);

/* ---- sessions ---------------------------------------------------------------------- */

typedef struct {
    int64_t id;
    char csrf_token[65];
    char created_at[24];
    char last_seen_at[24];
    char idle_expires_at[24];
    char expires_at[24];
    store_user user;
} store_session;

/* Creates a session for user_id; times are store timestamps. */
int store_session_create(store *s, const char *token_hash, int64_t user_id, const char *csrf,
                         const char *now, const char *idle_until, const char *until,
                         store_session *out);
/* The live session with this token hash at `now`: not expired (idle or absolute), user not
 * disabled. STORE_NOT_FOUND otherwise. */
int store_session_find(store *s, const char *token_hash, const char *now, store_session *out);
/* Moves the idle expiry (never past the absolute one). */
int store_session_touch(store *s, int64_t id, const char *now, const char *idle_until);
int store_session_delete(store *s, int64_t id);
/* Removes sessions expired at `now`; *removed (may be NULL) gets how many. */
int store_session_purge(store *s, const char *now, int64_t *removed);

/* ---- API tokens -------------------------------------------------------------------- */

typedef struct {
    int64_t id;
    int64_t organisation_id;
    char name[STORE_NAME_MAX * 4 + 1];
    char created_by[STORE_USERNAME_MAX + 1];
    char created_at[24];
    char revoked_at[24]; /* "" while valid */
    char org_kind[32];
} store_token;

/* STORE_NOT_FOUND when the organisation does not exist. */
int store_token_create(store *s, int64_t organisation_id, const char *name, const char *token_hash,
                       const char *created_by, store_token *out);
/* The unrevoked token with this hash, else STORE_NOT_FOUND. */
int store_token_find(store *s, const char *token_hash, store_token *out);
int store_token_get(store *s, int64_t id, store_token *out);
/* STORE_NOT_FOUND when missing or already revoked. */
int store_token_revoke(store *s, int64_t id, store_token *out);
int store_token_list(store *s, int64_t after_id, int limit, store_token **items, size_t *count);

/* ---- failed logins ----------------------------------------------------------------- */

/* Failures in a row for key and when the last was ("" and 0 when none). */
int store_login_failures(store *s, const char *key, int64_t *failures, char last_at[24]);
/* Counts one more failure at now; the count restarts at 1 when the previous failure was
 * before forget_before. */
int store_login_failed(store *s, const char *key, const char *now, const char *forget_before);
int store_login_reset(store *s, const char *key);
/* Forgets counters whose last failure was before forget_before (they no longer count). */
int store_login_purge(store *s, const char *forget_before);

/* ---- the access log ---------------------------------------------------------------- */

#define STORE_REASON_MAX 400 /* bytes */

typedef struct {
    int64_t seq;                           /* set by the store */
    char at[24];                           /* set by the store when "" */
    int64_t user_id;                       /* 0: none (an API token, a command) */
    char username[STORE_USERNAME_MAX + 8]; /* or "token:<id>", "cli" */
    char role[32];
    int64_t organisation_id; /* 0: none */
    int64_t client_id;       /* 0: no client concerned */
    char object_type[32];    /* "client", "indicatiestelling", "audit", ... */
    int64_t object_id;       /* 0: none */
    char action[32];         /* "read", "create", "update", "delete", "list", ... */
    char request_id[65];
    char reason[STORE_REASON_MAX + 1]; /* why, when the user gave a reason */
    char prev_hash[65];                /* set by the store */
    char hash[65];                     /* set by the store */
} store_access_entry;

/* Appends one entry in a transaction of its own (for reads). e->seq/at/hash are filled in
 * on success. Writes of client data must instead append inside their own transaction with
 * store_access_log_append_in (store/access_log_internal.h). */
int store_access_log_append(store *s, store_access_entry *e);
/* Appends e[0..n-1] in one transaction (all or none), e.g. one entry per client of a list. */
int store_access_log_append_all(store *s, store_access_entry *e, size_t n);

/* Entries about client_id (0: all), by seq after after_seq; *items malloc'd (free()). */
int store_access_log_list(store *s, int64_t client_id, int64_t after_seq, int limit,
                          store_access_entry **items, size_t *count);

/* Checks the whole chain. STORE_OK with *bad_seq = 0 when intact; STORE_CONFLICT with
 * *bad_seq = the first broken entry and a reason in why when not. *checked = entries read. */
int store_access_log_verify(store *s, int64_t *checked, int64_t *bad_seq, char *why, size_t whylen);

#endif
