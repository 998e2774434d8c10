/*
 * store.c - the store handle: per-thread connections, migrations, health, transactions.
 *
 * Why per-thread connections: neither a sqlite3 handle nor a PGconn may be used by two
 * threads at once, and a pool with checkout/checkin would add a lock to every request.
 * libmicrohttpd runs a fixed pool of worker threads, so one connection per worker (opened
 * lazily, kept in thread-local storage) is both simple and contention-free.
 */
#include "store/store.h"
#include "store/migrations.h"
#include "store/store_internal.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TX_ATTEMPTS 4

typedef struct conn_node {
    db_conn *conn;
    struct conn_node *next;
} conn_node;

struct store {
    char *url;
    db_kind kind;
    pthread_key_t key;
    pthread_mutex_t lock; /* guards conns */
    conn_node *conns;     /* every connection opened, closed by store_close */
};

const char *store_rc_name(int rc)
{
    static const char *names[] = {"ok",   "not_found",   "conflict", "duplicate",
                                  "busy", "unavailable", "invalid",  "error"};
    if (rc < 0 || rc > STORE_ERROR)
        return "error";
    return names[rc];
}

void store_now_utc(char *buf, size_t cap)
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(buf, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int open_conn(store *s, db_conn **out, char *err, size_t errlen)
{
    int rc = db_connect(s->url, out, err, errlen);
    if (rc != STORE_OK)
        return rc;
    conn_node *n = malloc(sizeof(*n));
    if (n == NULL) {
        db_close(*out);
        *out = NULL;
        snprintf(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    n->conn = *out;
    pthread_mutex_lock(&s->lock);
    n->next = s->conns;
    s->conns = n;
    pthread_mutex_unlock(&s->lock);
    return pthread_setspecific(s->key, *out) == 0 ? STORE_OK : STORE_ERROR;
}

int store_open(const char *url, store **out, char *err, size_t errlen)
{
    *out = NULL;
    store *s = calloc(1, sizeof(*s));
    if (s == NULL || (s->url = strdup(url ? url : "")) == NULL) {
        free(s);
        snprintf(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    if (pthread_key_create(&s->key, NULL) != 0) {
        free(s->url);
        free(s);
        snprintf(err, errlen, "no thread-local key available");
        return STORE_ERROR;
    }
    pthread_mutex_init(&s->lock, NULL);
    db_conn *c;
    int rc = open_conn(s, &c, err, errlen);
    if (rc != STORE_OK) {
        store_close(s);
        return rc;
    }
    s->kind = db_conn_kind(c);
    *out = s;
    return STORE_OK;
}

void store_close(store *s)
{
    if (s == NULL)
        return;
    conn_node *n = s->conns;
    while (n) {
        conn_node *next = n->next;
        db_close(n->conn);
        free(n);
        n = next;
    }
    pthread_key_delete(s->key);
    pthread_mutex_destroy(&s->lock);
    free(s->url);
    free(s);
}

const char *store_backend(const store *s)
{
    return s->kind == DB_POSTGRES ? "postgres" : "sqlite";
}

db_conn *store_conn(store *s, int *rc)
{
    db_conn *c = pthread_getspecific(s->key);
    if (c) {
        *rc = STORE_OK;
        return c;
    }
    char err[256];
    *rc = open_conn(s, &c, err, sizeof(err));
    return *rc == STORE_OK ? c : NULL;
}

int store_tx(store *s, bool write, int (*fn)(db_conn *c, void *ctx), void *ctx)
{
    int rc;
    db_conn *c = store_conn(s, &rc);
    if (c == NULL)
        return rc;
    for (int attempt = 0; attempt < TX_ATTEMPTS; attempt++) {
        rc = write ? db_begin_write(c) : db_begin(c);
        if (rc == STORE_OK) {
            rc = fn(c, ctx);
            if (rc == STORE_OK)
                rc = db_commit(c);
            if (rc != STORE_OK)
                (void)db_rollback(c); /* the transaction is abandoned either way */
        }
        if (rc != STORE_BUSY)
            return rc;
        struct timespec pause = {0, 20000000L * (attempt + 1)};
        nanosleep(&pause, NULL);
    }
    return rc;
}

bool store_grow(void **arr, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return true;
    size_t nc = *cap ? *cap * 2 : 16;
    void *m = realloc(*arr, nc * size);
    if (m == NULL)
        return false;
    *arr = m;
    *cap = nc;
    return true;
}

int store_query_int(db_conn *c, const char *sql, const db_param *p, int n, int64_t *out)
{
    db_rows *rows;
    int rc = db_query(c, sql, p, n, &rows);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(rows);
    if (step == 1)
        *out = db_col_int(rows, 0);
    db_rows_free(rows);
    return step == 1 ? STORE_OK : step == 0 ? STORE_NOT_FOUND : -step;
}

int store_ping(store *s, char *detail, size_t len)
{
    int rc;
    db_conn *c = store_conn(s, &rc);
    if (c)
        rc = db_ping(c);
    if (rc != STORE_OK && detail)
        snprintf(detail, len, "%s", c ? db_errmsg(c) : "cannot connect");
    return rc;
}

/* ---- migrations ---------------------------------------------------------------------- */

int store_schema_latest(void)
{
    int v = 0;
    for (size_t i = 0; i < store_migration_count; i++)
        if (store_migrations[i].version > v)
            v = store_migrations[i].version;
    return v;
}

int store_schema_version(store *s, int *current)
{
    int rc;
    db_conn *c = store_conn(s, &rc);
    if (c == NULL)
        return rc;
    int64_t v = 0;
    rc = store_query_int(c, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", NULL, 0, &v);
    *current = (int)v;
    return rc;
}

/* Expands the few tokens through which the migrations differ between engines. The result
 * is malloc'd. Only compiled-in migration text passes through here. */
static char *expand_tokens(const char *sql, db_kind kind)
{
    static const struct {
        const char *token, *sqlite, *postgres;
    } tokens[] = {
        {"{{ID}}", "INTEGER PRIMARY KEY AUTOINCREMENT",
         "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
    };
    size_t cap = strlen(sql) * 2 + 1, len = 0;
    char *out = malloc(cap);
    if (out == NULL)
        return NULL;
    for (const char *p = sql; *p;) {
        const char *rep = NULL;
        size_t toklen = 0;
        for (size_t i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++) {
            toklen = strlen(tokens[i].token);
            if (strncmp(p, tokens[i].token, toklen) == 0) {
                rep = kind == DB_POSTGRES ? tokens[i].postgres : tokens[i].sqlite;
                break;
            }
        }
        size_t need = rep ? strlen(rep) : 1;
        if (len + need + 1 > cap) {
            cap = (len + need + 1) * 2;
            char *n = realloc(out, cap);
            if (n == NULL) {
                free(out);
                return NULL;
            }
            out = n;
        }
        if (rep) {
            memcpy(out + len, rep, need);
            len += need;
            p += toklen;
        } else {
            out[len++] = *p++;
        }
    }
    out[len] = '\0';
    return out;
}

typedef struct {
    const store_migration *m;
    char *sql;
    int applied;
} migrate_ctx;

static int apply_one(db_conn *c, void *vctx)
{
    migrate_ctx *ctx = vctx;
    int rc = db_migration_lock(c);
    if (rc != STORE_OK)
        return rc;
    int64_t done = 0;
    db_param p[3] = {dbp_int(ctx->m->version)};
    rc = store_query_int(c, "SELECT COUNT(*) FROM schema_migrations WHERE version = $1", p, 1,
                         &done);
    if (rc != STORE_OK || done > 0)
        return rc; /* another instance applied it meanwhile */
    rc = db_exec_script(c, ctx->sql);
    if (rc != STORE_OK)
        return rc;
    char now[32];
    store_now_utc(now, sizeof(now));
    p[1] = dbp_text(ctx->m->name);
    p[2] = dbp_text(now);
    rc = db_exec(c,
                 "INSERT INTO schema_migrations (version, name, applied_at) "
                 "VALUES ($1, $2, $3)",
                 p, 3, NULL);
    if (rc == STORE_OK)
        ctx->applied = 1;
    return rc;
}

int store_migrate(store *s, int *applied, char *err, size_t errlen)
{
    int count = 0, current = 0;
    int rc = store_schema_version(s, &current);
    if (rc != STORE_OK) {
        snprintf(err, errlen, "cannot read schema version: %s", store_rc_name(rc));
        return rc;
    }
    if (current > store_schema_latest()) {
        snprintf(err, errlen, "database schema %d is newer than this binary knows (%d)", current,
                 store_schema_latest());
        return STORE_INVALID;
    }
    for (size_t i = 0; i < store_migration_count; i++) {
        const store_migration *m = &store_migrations[i];
        if (m->version <= current)
            continue;
        migrate_ctx ctx = {.m = m, .sql = expand_tokens(m->sql, s->kind)};
        if (ctx.sql == NULL) {
            snprintf(err, errlen, "out of memory");
            return STORE_ERROR;
        }
        rc = store_tx(s, true, apply_one, &ctx);
        free(ctx.sql);
        if (rc != STORE_OK) {
            int r2;
            db_conn *c = store_conn(s, &r2);
            snprintf(err, errlen, "migration %04d_%s failed: %s", m->version, m->name,
                     c ? db_errmsg(c) : store_rc_name(rc));
            return rc;
        }
        count += ctx.applied;
    }
    if (applied)
        *applied = count;
    return STORE_OK;
}
