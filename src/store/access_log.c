/*
 * access_log.c - the append-only, hash-chained access log (see access.h).
 *
 * Why a chain: NEN 7513 asks that access to client data can be traced afterwards, and an
 * operator with database rights must not be able to remove a trace unnoticed. Each entry
 * stores the previous entry's hash and its own: SHA-256 over a canonical, length-prefixed
 * rendering of every field plus the previous hash. seq is taken from the one-row
 * access_log_head inside the appending transaction, so it runs without gaps on both
 * engines (an identity column would skip numbers on rollback) and the UPDATE of that row
 * serialises concurrent appenders on PostgreSQL as BEGIN IMMEDIATE does on SQLite. The
 * head also holds the last hash, so cutting off the tail is noticed too.
 */
#include "store/access_log_internal.h"
#include "store/store_internal.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ZERO_HASH "0000000000000000000000000000000000000000000000000000000000000000"

static void feed_text(crypto_hash_sha256_state *st, const char *name, const char *v)
{
    char head[96];
    int n = snprintf(head, sizeof(head), "%s:%zu:", name, strlen(v));
    crypto_hash_sha256_update(st, (const unsigned char *)head, (unsigned long long)n);
    crypto_hash_sha256_update(st, (const unsigned char *)v, strlen(v));
    crypto_hash_sha256_update(st, (const unsigned char *)"\n", 1);
}

static void feed_int(crypto_hash_sha256_state *st, const char *name, int64_t v)
{
    char buf[32];
    snprintf(buf, sizeof(buf), "%" PRId64, v);
    feed_text(st, name, buf);
}

/* The entry's hash (hex) over its content and e->prev_hash. */
static void entry_hash(const store_access_entry *e, char out[65])
{
    crypto_hash_sha256_state st;
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256_init(&st);
    feed_text(&st, "v", "1");
    feed_int(&st, "seq", e->seq);
    feed_text(&st, "at", e->at);
    feed_int(&st, "user_id", e->user_id);
    feed_text(&st, "username", e->username);
    feed_text(&st, "role", e->role);
    feed_int(&st, "organisation_id", e->organisation_id);
    feed_int(&st, "client_id", e->client_id);
    feed_text(&st, "object_type", e->object_type);
    feed_int(&st, "object_id", e->object_id);
    feed_text(&st, "action", e->action);
    feed_text(&st, "request_id", e->request_id);
    feed_text(&st, "reason", e->reason);
    feed_text(&st, "prev_hash", e->prev_hash);
    crypto_hash_sha256_final(&st, digest);
    sodium_bin2hex(out, 65, digest, sizeof(digest));
}

static db_param int_or_null(int64_t v)
{
    return v ? dbp_int(v) : dbp_null();
}

static db_param text_or_null(const char *v)
{
    return v[0] ? dbp_text(v) : dbp_null();
}

typedef struct {
    store_access_entry *e;
} head_ctx;

static void read_head(db_rows *r, void *out)
{
    store_access_entry *e = out;
    e->seq = db_col_int(r, 0);
    db_col_copy(r, 1, e->prev_hash, sizeof(e->prev_hash));
}

int store_access_log_append_in(db_conn *c, store_access_entry *e)
{
    if (e->action[0] == '\0' || e->object_type[0] == '\0')
        return STORE_INVALID;
    /* Take the head row's lock first (serialises appenders), then read it. */
    int64_t changed = 0;
    int rc = db_exec(c, "UPDATE access_log_head SET seq = seq + 1 WHERE id = 1", NULL, 0, &changed);
    if (rc != STORE_OK)
        return rc;
    if (changed != 1)
        return STORE_ERROR;
    db_rows *r;
    rc = db_query(c, "SELECT seq, hash FROM access_log_head WHERE id = 1", NULL, 0, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1)
        read_head(r, e);
    db_rows_free(r);
    if (step != 1)
        return step < 0 ? -step : STORE_ERROR;
    if (e->at[0] == '\0')
        store_now_utc(e->at, sizeof(e->at));
    entry_hash(e, e->hash);
    db_param p[] = {
        dbp_int(e->seq),           dbp_text(e->at),          int_or_null(e->user_id),
        dbp_text(e->username),     dbp_text(e->role),        int_or_null(e->organisation_id),
        int_or_null(e->client_id), dbp_text(e->object_type), int_or_null(e->object_id),
        dbp_text(e->action),       dbp_text(e->request_id),  text_or_null(e->reason),
        dbp_text(e->prev_hash),    dbp_text(e->hash)};
    rc = db_exec(c,
                 "INSERT INTO access_log (seq, at, user_id, username, role, organisation_id, "
                 "client_id, object_type, object_id, action, request_id, reason, prev_hash, hash) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
                 p, 14, NULL);
    if (rc != STORE_OK)
        return rc;
    db_param h[] = {dbp_text(e->hash)};
    return db_exec(c, "UPDATE access_log_head SET hash = $1 WHERE id = 1", h, 1, NULL);
}

static int append_tx(db_conn *c, void *ctx)
{
    return store_access_log_append_in(c, ctx);
}

int store_access_log_append(store *s, store_access_entry *e)
{
    return store_tx(s, true, append_tx, e);
}

typedef struct {
    store_access_entry *e;
    size_t n;
} many_ctx;

static int append_many_tx(db_conn *c, void *vctx)
{
    many_ctx *x = vctx;
    for (size_t i = 0; i < x->n; i++) {
        int rc = store_access_log_append_in(c, &x->e[i]);
        if (rc != STORE_OK)
            return rc;
    }
    return STORE_OK;
}

int store_access_log_append_all(store *s, store_access_entry *e, size_t n)
{
    if (n == 0)
        return STORE_OK;
    many_ctx x = {e, n};
    return store_tx(s, true, append_many_tx, &x);
}

#define ENTRY_COLUMNS                                                                              \
    "seq, at, user_id, username, role, organisation_id, client_id, object_type, object_id, "       \
    "action, request_id, reason, prev_hash, hash FROM access_log "

static void read_entry(db_rows *r, store_access_entry *e)
{
    memset(e, 0, sizeof(*e));
    e->seq = db_col_int(r, 0);
    db_col_copy(r, 1, e->at, sizeof(e->at));
    e->user_id = db_col_null(r, 2) ? 0 : db_col_int(r, 2);
    db_col_copy(r, 3, e->username, sizeof(e->username));
    db_col_copy(r, 4, e->role, sizeof(e->role));
    e->organisation_id = db_col_null(r, 5) ? 0 : db_col_int(r, 5);
    e->client_id = db_col_null(r, 6) ? 0 : db_col_int(r, 6);
    db_col_copy(r, 7, e->object_type, sizeof(e->object_type));
    e->object_id = db_col_null(r, 8) ? 0 : db_col_int(r, 8);
    db_col_copy(r, 9, e->action, sizeof(e->action));
    db_col_copy(r, 10, e->request_id, sizeof(e->request_id));
    db_col_copy(r, 11, e->reason, sizeof(e->reason));
    db_col_copy(r, 12, e->prev_hash, sizeof(e->prev_hash));
    db_col_copy(r, 13, e->hash, sizeof(e->hash));
}

typedef struct {
    int64_t client_id, after;
    int limit;
    store_access_entry *items;
    size_t count;
} log_list_ctx;

static int list_tx(db_conn *c, void *vctx)
{
    log_list_ctx *x = vctx;
    db_param p[] = {dbp_int(x->after), dbp_int(x->limit), dbp_int(x->client_id)};
    db_rows *r;
    int rc =
        x->client_id
            ? db_query(c,
                       "SELECT " ENTRY_COLUMNS
                       "WHERE client_id = $3 AND seq > $1 ORDER BY seq LIMIT $2",
                       p, 3, &r)
            : db_query(c, "SELECT " ENTRY_COLUMNS "WHERE seq > $1 ORDER BY seq LIMIT $2", p, 2, &r);
    if (rc != STORE_OK)
        return rc;
    x->items = calloc((size_t)x->limit, sizeof(*x->items));
    if (x->items == NULL) {
        db_rows_free(r);
        return STORE_ERROR;
    }
    int step = 0;
    while (x->count < (size_t)x->limit && (step = db_rows_next(r)) == 1)
        read_entry(r, &x->items[x->count++]);
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

int store_access_log_list(store *s, int64_t client_id, int64_t after_seq, int limit,
                          store_access_entry **items, size_t *count)
{
    *items = NULL;
    *count = 0;
    if (limit < 1 || limit > 1000)
        return STORE_INVALID;
    log_list_ctx x = {.client_id = client_id, .after = after_seq, .limit = limit};
    int rc = store_tx(s, false, list_tx, &x);
    if (rc == STORE_OK) {
        *items = x.items;
        *count = x.count;
    } else {
        free(x.items);
    }
    return rc;
}

typedef struct {
    int64_t checked, bad;
    char *why;
    size_t whylen;
} verify_ctx;

static int verify_tx(db_conn *c, void *vctx)
{
    verify_ctx *x = vctx;
    store_access_entry head = {0};
    db_rows *r;
    int rc = db_query(c, "SELECT seq, hash FROM access_log_head WHERE id = 1", NULL, 0, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1)
        read_head(r, &head);
    db_rows_free(r);
    if (step != 1) {
        x->bad = 1;
        snprintf(x->why, x->whylen, "the head of the access log is missing");
        return STORE_OK;
    }
    rc = db_query(c, "SELECT " ENTRY_COLUMNS "ORDER BY seq", NULL, 0, &r);
    if (rc != STORE_OK)
        return rc;
    char prev[65] = ZERO_HASH;
    int64_t expect = 1;
    store_access_entry e;
    while (x->bad == 0 && (step = db_rows_next(r)) == 1) {
        read_entry(r, &e);
        x->checked++;
        char want[65];
        entry_hash(&e, want);
        if (e.seq != expect) {
            x->bad = expect;
            snprintf(x->why, x->whylen, "entry %" PRId64 " is missing (next is %" PRId64 ")",
                     expect, e.seq);
        } else if (strcmp(e.prev_hash, prev) != 0) {
            x->bad = e.seq;
            snprintf(x->why, x->whylen,
                     "entry %" PRId64 " does not follow the entry before it (prev_hash differs)",
                     e.seq);
        } else if (sodium_memcmp(want, e.hash, 64) != 0 || e.hash[64] != '\0') {
            x->bad = e.seq;
            snprintf(x->why, x->whylen, "entry %" PRId64 " was changed (its hash does not match)",
                     e.seq);
        }
        memcpy(prev, e.hash, sizeof(prev));
        expect++;
    }
    db_rows_free(r);
    if (step < 0)
        return -step;
    if (x->bad == 0 && (head.seq != expect - 1 || strcmp(head.prev_hash, prev) != 0)) {
        x->bad = expect;
        snprintf(x->why, x->whylen,
                 "entry %" PRId64 " is missing: the log ends at %" PRId64 " but %" PRId64
                 " entries were written",
                 expect, expect - 1, head.seq);
    }
    return STORE_OK;
}

int store_access_log_verify(store *s, int64_t *checked, int64_t *bad_seq, char *why, size_t whylen)
{
    verify_ctx x = {.why = why, .whylen = whylen};
    if (whylen)
        why[0] = '\0';
    int rc = store_tx(s, false, verify_tx, &x);
    *checked = x.checked;
    *bad_seq = x.bad;
    if (rc == STORE_OK && x.bad)
        return STORE_CONFLICT;
    return rc;
}
