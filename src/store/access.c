/*
 * access.c - users, sessions, API tokens and failed-login counters (see access.h).
 *
 * Why here and like this: sessions live in the database so that several `ifzo serve`
 * instances behind a load balancer accept each other's cookies; only hashes of session and
 * API tokens are stored, so a copy of the database lets nobody in.
 */
#include "store/access.h"
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

#define USER_COLUMNS                                                                               \
    "u.id, u.organisation_id, u.username, u.display_name, u.role, u.must_change_password, "        \
    "u.disabled, u.totp_enabled, u.version, u.created_at, u.updated_at, o.kind, "                  \
    "o.totp_required"
#define USER_FROM  " FROM app_user u JOIN organisation o ON o.id = u.organisation_id "
#define USER_NCOLS 13

static void read_user(db_rows *r, int at, store_user *u)
{
    u->id = db_col_int(r, at + 0);
    u->organisation_id = db_col_int(r, at + 1);
    db_col_copy(r, at + 2, u->username, sizeof(u->username));
    db_col_copy(r, at + 3, u->display_name, sizeof(u->display_name));
    db_col_copy(r, at + 4, u->role, sizeof(u->role));
    u->must_change_password = db_col_int(r, at + 5) != 0;
    u->disabled = db_col_int(r, at + 6) != 0;
    u->totp_enabled = db_col_int(r, at + 7) != 0;
    u->version = db_col_int(r, at + 8);
    db_col_copy(r, at + 9, u->created_at, sizeof(u->created_at));
    db_col_copy(r, at + 10, u->updated_at, sizeof(u->updated_at));
    db_col_copy(r, at + 11, u->org_kind, sizeof(u->org_kind));
    u->org_totp_required = db_col_int(r, at + 12) != 0;
}

/* Runs a query expected to give at most one row, read with fn. */
static int fetch_one(db_conn *c, const char *sql, const db_param *p, int n,
                     void (*fn)(db_rows *, void *), void *out)
{
    db_rows *r;
    int rc = db_query(c, sql, p, n, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1)
        fn(r, out);
    db_rows_free(r);
    return step == 1 ? STORE_OK : step == 0 ? STORE_NOT_FOUND : -step;
}

static void read_user_cb(db_rows *r, void *out)
{
    read_user(r, 0, out);
}

static int fetch_user(db_conn *c, int64_t id, store_user *out)
{
    db_param p[] = {dbp_int(id)};
    return fetch_one(c, "SELECT " USER_COLUMNS USER_FROM "WHERE u.id = $1", p, 1, read_user_cb,
                     out);
}

/* ---- users ------------------------------------------------------------------------- */

typedef struct {
    const store_user *in;
    const char *hash;
    store_user *out;
    store_user_secrets *secrets;
    const char *username;
    int64_t id, keep, step;
    bool flag, reset;
} user_ctx;

static int user_create_tx(db_conn *c, void *vctx)
{
    user_ctx *x = vctx;
    char now[32];
    store_now_utc(now, sizeof(now));
    int64_t exists = 0;
    db_param q[] = {dbp_int(x->in->organisation_id)};
    int rc = store_query_int(c, "SELECT COUNT(*) FROM organisation WHERE id = $1", q, 1, &exists);
    if (rc != STORE_OK)
        return rc;
    if (exists == 0)
        return STORE_NOT_FOUND;
    db_param p[] = {dbp_int(x->in->organisation_id),
                    dbp_text(x->in->username),
                    dbp_text(x->in->display_name),
                    dbp_text(x->in->role),
                    dbp_text(x->hash),
                    dbp_int(x->in->must_change_password),
                    dbp_text(now)};
    rc = store_query_int(c,
                         "INSERT INTO app_user (organisation_id, username, display_name, role, "
                         "password_hash, must_change_password, created_at, updated_at) "
                         "VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
                         p, 7, &x->id);
    if (rc != STORE_OK)
        return rc;
    return fetch_user(c, x->id, x->out);
}

int store_user_create(store *s, const store_user *in, const char *password_hash, store_user *out)
{
    user_ctx x = {.in = in, .hash = password_hash, .out = out};
    return store_tx(s, true, user_create_tx, &x);
}

static int user_get_tx(db_conn *c, void *vctx)
{
    user_ctx *x = vctx;
    return fetch_user(c, x->id, x->out);
}

int store_user_get(store *s, int64_t id, store_user *out)
{
    user_ctx x = {.id = id, .out = out};
    return store_tx(s, false, user_get_tx, &x);
}

static void read_user_secrets(db_rows *r, void *vctx)
{
    user_ctx *x = vctx;
    read_user(r, 0, x->out);
    if (x->secrets) {
        db_col_copy(r, USER_NCOLS, x->secrets->password_hash, sizeof(x->secrets->password_hash));
        db_col_copy(r, USER_NCOLS + 1, x->secrets->totp_secret, sizeof(x->secrets->totp_secret));
        x->secrets->totp_last_step = db_col_int(r, USER_NCOLS + 2);
    }
}

static int user_find_tx(db_conn *c, void *vctx)
{
    user_ctx *x = vctx;
    db_param p[] = {dbp_text(x->username)};
    return fetch_one(c,
                     "SELECT " USER_COLUMNS
                     ", u.password_hash, u.totp_secret, u.totp_last_step" USER_FROM
                     "WHERE u.username = $1",
                     p, 1, read_user_secrets, x);
}

int store_user_find(store *s, const char *username, store_user *out, store_user_secrets *secrets)
{
    user_ctx x = {.username = username, .out = out, .secrets = secrets};
    return store_tx(s, false, user_find_tx, &x);
}

typedef struct {
    int64_t after_id, client_id;
    int limit;
    void *items;
    size_t count, size;
    void (*read)(db_rows *, void *);
    const char *sql;
} list_ctx;

static int list_tx(db_conn *c, void *vctx)
{
    list_ctx *x = vctx;
    db_param p[] = {dbp_int(x->after_id), dbp_int(x->limit), dbp_int(x->client_id)};
    db_rows *r;
    int rc = db_query(c, x->sql, p, x->client_id ? 3 : 2, &r);
    if (rc != STORE_OK)
        return rc;
    x->items = calloc((size_t)x->limit, x->size);
    if (x->items == NULL) {
        db_rows_free(r);
        return STORE_ERROR;
    }
    int step;
    while (x->count < (size_t)x->limit && (step = db_rows_next(r)) == 1)
        x->read(r, (char *)x->items + x->size * x->count++);
    if (x->count == (size_t)x->limit)
        step = 0;
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

/* Runs a paged list query ($1 = after, $2 = limit, $3 = client when non-zero). */
static int run_list(store *s, list_ctx *x, void **items, size_t *count)
{
    *items = NULL;
    *count = 0;
    if (x->limit < 1 || x->limit > 1000)
        return STORE_INVALID;
    int rc = store_tx(s, false, list_tx, x);
    if (rc == STORE_OK) {
        *items = x->items;
        *count = x->count;
    } else {
        free(x->items);
    }
    return rc;
}

int store_user_list(store *s, int64_t after_id, int limit, store_user **items, size_t *count)
{
    list_ctx x = {.after_id = after_id,
                  .limit = limit,
                  .size = sizeof(store_user),
                  .read = read_user_cb,
                  .sql = "SELECT " USER_COLUMNS USER_FROM "WHERE u.id > $1 ORDER BY u.id LIMIT $2"};
    return run_list(s, &x, (void **)items, count);
}

static int end_sessions(db_conn *c, int64_t user_id, int64_t keep)
{
    db_param p[] = {dbp_int(user_id), dbp_int(keep)};
    return db_exec(c, "DELETE FROM user_session WHERE user_id = $1 AND id <> $2", p, 2, NULL);
}

static int user_disable_tx(db_conn *c, void *vctx)
{
    user_ctx *x = vctx;
    char now[32];
    store_now_utc(now, sizeof(now));
    db_param p[] = {dbp_int(x->flag), dbp_text(now), dbp_int(x->id)};
    int64_t changed = 0;
    int rc = db_exec(c,
                     "UPDATE app_user SET disabled = $1, updated_at = $2, version = version + 1 "
                     "WHERE id = $3",
                     p, 3, &changed);
    if (rc != STORE_OK)
        return rc;
    if (changed == 0)
        return STORE_NOT_FOUND;
    if (x->flag && (rc = end_sessions(c, x->id, 0)) != STORE_OK)
        return rc;
    return fetch_user(c, x->id, x->out);
}

int store_user_set_disabled(store *s, int64_t id, bool disabled, store_user *out)
{
    user_ctx x = {.id = id, .flag = disabled, .out = out};
    return store_tx(s, true, user_disable_tx, &x);
}

static int user_password_tx(db_conn *c, void *vctx)
{
    user_ctx *x = vctx;
    char now[32];
    store_now_utc(now, sizeof(now));
    db_param p[] = {dbp_text(x->hash), dbp_int(x->flag), dbp_text(now), dbp_int(x->id)};
    int64_t changed = 0;
    int rc =
        db_exec(c,
                x->reset ? "UPDATE app_user SET password_hash = $1, must_change_password = $2, "
                           "updated_at = $3, version = version + 1, totp_secret = NULL, "
                           "totp_enabled = 0 WHERE id = $4"
                         : "UPDATE app_user SET password_hash = $1, must_change_password = $2, "
                           "updated_at = $3, version = version + 1 WHERE id = $4",
                p, 4, &changed);
    if (rc != STORE_OK)
        return rc;
    if (changed == 0)
        return STORE_NOT_FOUND;
    if ((rc = end_sessions(c, x->id, x->keep)) != STORE_OK)
        return rc;
    return fetch_user(c, x->id, x->out);
}

int store_user_set_password(store *s, int64_t id, const char *password_hash,
                            bool must_change_password, bool reset, int64_t keep_session,
                            store_user *out)
{
    user_ctx x = {.id = id,
                  .hash = password_hash,
                  .flag = must_change_password,
                  .reset = reset,
                  .keep = keep_session,
                  .out = out};
    return store_tx(s, true, user_password_tx, &x);
}

static int user_totp_set_tx(db_conn *c, void *vctx)
{
    user_ctx *x = vctx;
    char now[32];
    store_now_utc(now, sizeof(now));
    db_param p[] = {dbp_text(x->hash), dbp_int(x->flag), dbp_text(now), dbp_int(x->id)};
    int64_t changed = 0;
    int rc = db_exec(c,
                     "UPDATE app_user SET totp_secret = $1, totp_enabled = $2, updated_at = $3, "
                     "version = version + 1 WHERE id = $4",
                     p, 4, &changed);
    return rc != STORE_OK ? rc : changed == 0 ? STORE_NOT_FOUND : STORE_OK;
}

int store_user_totp_set(store *s, int64_t id, const char *secret_base32, bool enabled)
{
    user_ctx x = {.id = id, .hash = secret_base32, .flag = enabled};
    return store_tx(s, true, user_totp_set_tx, &x);
}

static int user_totp_use_tx(db_conn *c, void *vctx)
{
    user_ctx *x = vctx;
    db_param p[] = {dbp_int(x->step), dbp_int(x->id)};
    int64_t changed = 0;
    int rc =
        db_exec(c, "UPDATE app_user SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1",
                p, 2, &changed);
    return rc != STORE_OK ? rc : changed == 0 ? STORE_CONFLICT : STORE_OK;
}

int store_user_totp_use(store *s, int64_t id, int64_t step)
{
    user_ctx x = {.id = id, .step = step};
    return store_tx(s, true, user_totp_use_tx, &x);
}

/* ---- sessions ---------------------------------------------------------------------- */

#define SESSION_COLUMNS                                                                            \
    "s.id, s.csrf_token, s.created_at, s.last_seen_at, s.idle_expires_at, s.expires_at, "

static void read_session(db_rows *r, void *out)
{
    store_session *x = out;
    x->id = db_col_int(r, 0);
    db_col_copy(r, 1, x->csrf_token, sizeof(x->csrf_token));
    db_col_copy(r, 2, x->created_at, sizeof(x->created_at));
    db_col_copy(r, 3, x->last_seen_at, sizeof(x->last_seen_at));
    db_col_copy(r, 4, x->idle_expires_at, sizeof(x->idle_expires_at));
    db_col_copy(r, 5, x->expires_at, sizeof(x->expires_at));
    read_user(r, 6, &x->user);
}

typedef struct {
    const char *hash, *csrf, *now, *idle, *until;
    int64_t id, user_id, removed;
    store_session *out;
} session_ctx;

static int session_create_tx(db_conn *c, void *vctx)
{
    session_ctx *x = vctx;
    db_param p[] = {dbp_text(x->hash), dbp_int(x->user_id), dbp_text(x->csrf),
                    dbp_text(x->now),  dbp_text(x->idle),   dbp_text(x->until)};
    int rc =
        store_query_int(c,
                        "INSERT INTO user_session (token_hash, user_id, csrf_token, created_at, "
                        "last_seen_at, idle_expires_at, expires_at) "
                        "VALUES ($1, $2, $3, $4, $4, $5, $6) RETURNING id",
                        p, 6, &x->id);
    if (rc != STORE_OK)
        return rc;
    db_param q[] = {dbp_int(x->id)};
    return fetch_one(c,
                     "SELECT " SESSION_COLUMNS USER_COLUMNS
                     " FROM user_session s JOIN app_user u ON "
                     "u.id = s.user_id JOIN organisation o ON o.id = u.organisation_id "
                     "WHERE s.id = $1",
                     q, 1, read_session, x->out);
}

int store_session_create(store *s, const char *token_hash, int64_t user_id, const char *csrf,
                         const char *now, const char *idle_until, const char *until,
                         store_session *out)
{
    session_ctx x = {.hash = token_hash,
                     .user_id = user_id,
                     .csrf = csrf,
                     .now = now,
                     .idle = idle_until,
                     .until = until,
                     .out = out};
    return store_tx(s, true, session_create_tx, &x);
}

static int session_find_tx(db_conn *c, void *vctx)
{
    session_ctx *x = vctx;
    db_param p[] = {dbp_text(x->hash), dbp_text(x->now)};
    return fetch_one(c,
                     "SELECT " SESSION_COLUMNS USER_COLUMNS
                     " FROM user_session s JOIN app_user u ON "
                     "u.id = s.user_id JOIN organisation o ON o.id = u.organisation_id "
                     "WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.idle_expires_at > $2 "
                     "AND u.disabled = 0",
                     p, 2, read_session, x->out);
}

int store_session_find(store *s, const char *token_hash, const char *now, store_session *out)
{
    session_ctx x = {.hash = token_hash, .now = now, .out = out};
    return store_tx(s, false, session_find_tx, &x);
}

static int session_touch_tx(db_conn *c, void *vctx)
{
    session_ctx *x = vctx;
    db_param p[] = {dbp_text(x->now), dbp_text(x->idle), dbp_int(x->id)};
    return db_exec(c,
                   "UPDATE user_session SET last_seen_at = $1, idle_expires_at = CASE WHEN $2 < "
                   "expires_at THEN $2 ELSE expires_at END WHERE id = $3",
                   p, 3, NULL);
}

int store_session_touch(store *s, int64_t id, const char *now, const char *idle_until)
{
    session_ctx x = {.id = id, .now = now, .idle = idle_until};
    return store_tx(s, true, session_touch_tx, &x);
}

static int session_delete_tx(db_conn *c, void *vctx)
{
    session_ctx *x = vctx;
    db_param p[] = {dbp_int(x->id)};
    int64_t changed = 0;
    int rc = db_exec(c, "DELETE FROM user_session WHERE id = $1", p, 1, &changed);
    return rc != STORE_OK ? rc : changed == 0 ? STORE_NOT_FOUND : STORE_OK;
}

int store_session_delete(store *s, int64_t id)
{
    session_ctx x = {.id = id};
    return store_tx(s, true, session_delete_tx, &x);
}

static int session_purge_tx(db_conn *c, void *vctx)
{
    session_ctx *x = vctx;
    db_param p[] = {dbp_text(x->now)};
    return db_exec(c, "DELETE FROM user_session WHERE expires_at <= $1 OR idle_expires_at <= $1", p,
                   1, &x->removed);
}

int store_session_purge(store *s, const char *now, int64_t *removed)
{
    session_ctx x = {.now = now};
    int rc = store_tx(s, true, session_purge_tx, &x);
    if (removed)
        *removed = x.removed;
    return rc;
}

/* ---- API tokens -------------------------------------------------------------------- */

#define TOKEN_COLUMNS                                                                              \
    "t.id, t.organisation_id, t.name, t.created_by, t.created_at, t.revoked_at, o.kind "           \
    "FROM api_token t JOIN organisation o ON o.id = t.organisation_id "

static void read_token(db_rows *r, void *out)
{
    store_token *t = out;
    t->id = db_col_int(r, 0);
    t->organisation_id = db_col_int(r, 1);
    db_col_copy(r, 2, t->name, sizeof(t->name));
    db_col_copy(r, 3, t->created_by, sizeof(t->created_by));
    db_col_copy(r, 4, t->created_at, sizeof(t->created_at));
    db_col_copy(r, 5, t->revoked_at, sizeof(t->revoked_at));
    db_col_copy(r, 6, t->org_kind, sizeof(t->org_kind));
}

typedef struct {
    int64_t id, org;
    const char *name, *hash, *by;
    store_token *out;
} token_ctx;

static int token_get(db_conn *c, int64_t id, store_token *out)
{
    db_param p[] = {dbp_int(id)};
    return fetch_one(c, "SELECT " TOKEN_COLUMNS "WHERE t.id = $1", p, 1, read_token, out);
}

static int token_create_tx(db_conn *c, void *vctx)
{
    token_ctx *x = vctx;
    char now[32];
    store_now_utc(now, sizeof(now));
    int64_t exists = 0;
    db_param q[] = {dbp_int(x->org)};
    int rc = store_query_int(c, "SELECT COUNT(*) FROM organisation WHERE id = $1", q, 1, &exists);
    if (rc != STORE_OK)
        return rc;
    if (exists == 0)
        return STORE_NOT_FOUND;
    db_param p[] = {dbp_int(x->org), dbp_text(x->name), dbp_text(x->hash), dbp_text(x->by),
                    dbp_text(now)};
    rc = store_query_int(c,
                         "INSERT INTO api_token (organisation_id, name, token_hash, created_by, "
                         "created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                         p, 5, &x->id);
    return rc != STORE_OK ? rc : token_get(c, x->id, x->out);
}

int store_token_create(store *s, int64_t organisation_id, const char *name, const char *token_hash,
                       const char *created_by, store_token *out)
{
    token_ctx x = {
        .org = organisation_id, .name = name, .hash = token_hash, .by = created_by, .out = out};
    return store_tx(s, true, token_create_tx, &x);
}

static int token_find_tx(db_conn *c, void *vctx)
{
    token_ctx *x = vctx;
    db_param p[] = {dbp_text(x->hash)};
    return fetch_one(c, "SELECT " TOKEN_COLUMNS "WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
                     p, 1, read_token, x->out);
}

int store_token_find(store *s, const char *token_hash, store_token *out)
{
    token_ctx x = {.hash = token_hash, .out = out};
    return store_tx(s, false, token_find_tx, &x);
}

static int token_get_tx(db_conn *c, void *vctx)
{
    token_ctx *x = vctx;
    return token_get(c, x->id, x->out);
}

int store_token_get(store *s, int64_t id, store_token *out)
{
    token_ctx x = {.id = id, .out = out};
    return store_tx(s, false, token_get_tx, &x);
}

static int token_revoke_tx(db_conn *c, void *vctx)
{
    token_ctx *x = vctx;
    char now[32];
    store_now_utc(now, sizeof(now));
    db_param p[] = {dbp_text(now), dbp_int(x->id)};
    int64_t changed = 0;
    int rc = db_exec(c,
                     "UPDATE api_token SET revoked_at = $1, version = version + 1 "
                     "WHERE id = $2 AND revoked_at IS NULL",
                     p, 2, &changed);
    if (rc != STORE_OK)
        return rc;
    return changed == 0 ? STORE_NOT_FOUND : token_get(c, x->id, x->out);
}

int store_token_revoke(store *s, int64_t id, store_token *out)
{
    token_ctx x = {.id = id, .out = out};
    return store_tx(s, true, token_revoke_tx, &x);
}

int store_token_list(store *s, int64_t after_id, int limit, store_token **items, size_t *count)
{
    list_ctx x = {.after_id = after_id,
                  .limit = limit,
                  .size = sizeof(store_token),
                  .read = read_token,
                  .sql = "SELECT " TOKEN_COLUMNS "WHERE t.id > $1 ORDER BY t.id LIMIT $2"};
    return run_list(s, &x, (void **)items, count);
}

/* ---- failed logins ----------------------------------------------------------------- */

typedef struct {
    const char *key, *now, *forget;
    int64_t failures;
    char last[24];
} throttle_ctx;

static void read_throttle(db_rows *r, void *vctx)
{
    throttle_ctx *x = vctx;
    x->failures = db_col_int(r, 0);
    db_col_copy(r, 1, x->last, sizeof(x->last));
}

static int throttle_get_tx(db_conn *c, void *vctx)
{
    throttle_ctx *x = vctx;
    db_param p[] = {dbp_text(x->key)};
    int rc = fetch_one(c,
                       "SELECT failures, last_failure_at FROM login_throttle "
                       "WHERE throttle_key = $1",
                       p, 1, read_throttle, x);
    return rc == STORE_NOT_FOUND ? STORE_OK : rc;
}

int store_login_failures(store *s, const char *key, int64_t *failures, char last_at[24])
{
    throttle_ctx x = {.key = key};
    int rc = store_tx(s, false, throttle_get_tx, &x);
    *failures = x.failures;
    memcpy(last_at, x.last, sizeof(x.last));
    return rc;
}

static int throttle_fail_tx(db_conn *c, void *vctx)
{
    throttle_ctx *x = vctx;
    db_param p[] = {dbp_text(x->key), dbp_text(x->now), dbp_text(x->forget)};
    return db_exec(c,
                   "INSERT INTO login_throttle (throttle_key, failures, last_failure_at) "
                   "VALUES ($1, 1, $2) ON CONFLICT (throttle_key) DO UPDATE SET "
                   "failures = CASE WHEN login_throttle.last_failure_at < $3 THEN 1 "
                   "ELSE login_throttle.failures + 1 END, last_failure_at = $2",
                   p, 3, NULL);
}

int store_login_failed(store *s, const char *key, const char *now, const char *forget_before)
{
    throttle_ctx x = {.key = key, .now = now, .forget = forget_before};
    return store_tx(s, true, throttle_fail_tx, &x);
}

static int throttle_reset_tx(db_conn *c, void *vctx)
{
    throttle_ctx *x = vctx;
    db_param p[] = {dbp_text(x->key)};
    return db_exec(c, "DELETE FROM login_throttle WHERE throttle_key = $1", p, 1, NULL);
}

int store_login_reset(store *s, const char *key)
{
    throttle_ctx x = {.key = key};
    return store_tx(s, true, throttle_reset_tx, &x);
}

static int throttle_purge_tx(db_conn *c, void *vctx)
{
    throttle_ctx *x = vctx;
    db_param p[] = {dbp_text(x->forget)};
    return db_exec(c, "DELETE FROM login_throttle WHERE last_failure_at < $1", p, 1, NULL);
}

int store_login_purge(store *s, const char *forget_before)
{
    throttle_ctx x = {.forget = forget_before};
    return store_tx(s, true, throttle_purge_tx, &x);
}
