/*
 * db.c - dispatch from the db.h calls to the driver of a connection, and the statement
 * cache both drivers share.
 *
 * Why: the store modules call db_exec()/db_query() without knowing the engine; the engine
 * is chosen once, by the URL, in db_connect().
 */
#include "store/db.h"
#include "store/db_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAD(c)  ((const struct db_conn_head *)(const void *)(c))
#define RHEAD(r) ((const struct db_rows_head *)(const void *)(r))

int db_connect(const char *url, db_conn **out, char *err, size_t errlen)
{
    *out = NULL;
    if (url == NULL) {
        snprintf(err, errlen, "no database URL given");
        return STORE_INVALID;
    }
    if (strncmp(url, "sqlite:", 7) == 0)
        return db_sqlite_driver.connect(url + 7, out, err, errlen);
    if (strncmp(url, "postgres://", 11) == 0 || strncmp(url, "postgresql://", 13) == 0)
        return db_postgres_driver.connect(url, out, err, errlen);
    snprintf(err, errlen, "unsupported database URL (use sqlite:PATH or postgres://...)");
    return STORE_INVALID;
}

void db_close(db_conn *c)
{
    if (c)
        HEAD(c)->drv->close(c);
}

db_kind db_conn_kind(const db_conn *c)
{
    return HEAD(c)->kind;
}

const char *db_errmsg(const db_conn *c)
{
    return HEAD(c)->drv->errmsg(c);
}

int db_exec(db_conn *c, const char *sql, const db_param *p, int n, int64_t *changes)
{
    return HEAD(c)->drv->exec(c, sql, p, n, changes);
}

int db_query(db_conn *c, const char *sql, const db_param *p, int n, db_rows **out)
{
    *out = NULL;
    return HEAD(c)->drv->query(c, sql, p, n, out);
}

int db_rows_next(db_rows *r)
{
    return RHEAD(r)->drv->rows_next(r);
}

bool db_col_null(db_rows *r, int col)
{
    return RHEAD(r)->drv->col_null(r, col);
}

const char *db_col_text(db_rows *r, int col)
{
    const char *t = RHEAD(r)->drv->col_text(r, col);
    return t ? t : "";
}

int64_t db_col_int(db_rows *r, int col)
{
    return strtoll(db_col_text(r, col), NULL, 10);
}

double db_col_real(db_rows *r, int col)
{
    return strtod(db_col_text(r, col), NULL);
}

void db_col_copy(db_rows *r, int col, char *buf, size_t cap)
{
    const char *t = db_col_text(r, col);
    size_t n = strlen(t);
    if (cap == 0)
        return;
    if (n >= cap)
        n = cap - 1;
    memcpy(buf, t, n);
    buf[n] = '\0';
}

void db_rows_free(db_rows *r)
{
    if (r)
        RHEAD(r)->drv->rows_free(r);
}

int db_begin(db_conn *c)
{
    return HEAD(c)->drv->begin(c, false);
}

int db_begin_write(db_conn *c)
{
    return HEAD(c)->drv->begin(c, true);
}

int db_commit(db_conn *c)
{
    return db_exec(c, "COMMIT", NULL, 0, NULL);
}

int db_rollback(db_conn *c)
{
    return db_exec(c, "ROLLBACK", NULL, 0, NULL);
}

int db_exec_script(db_conn *c, const char *sql)
{
    return HEAD(c)->drv->exec_script(c, sql);
}

int db_migration_lock(db_conn *c)
{
    return HEAD(c)->drv->migration_lock(c);
}

int db_ping(db_conn *c)
{
    return HEAD(c)->drv->ping(c);
}

/* ---- statement cache: open addressing on the SQL text --------------------------------- */

static uint64_t fnv1a(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

void stmt_cache_init(stmt_cache *sc)
{
    memset(sc, 0, sizeof(*sc));
}

stmt_cache_slot *stmt_cache_find(stmt_cache *sc, const char *sql)
{
    if (sc->cap == 0)
        return NULL;
    uint64_t h = fnv1a(sql);
    for (size_t i = 0; i < sc->cap; i++) {
        stmt_cache_slot *s = &sc->slots[(h + i) & (sc->cap - 1)];
        if (s->sql == NULL)
            return NULL;
        if (s->hash == h && strcmp(s->sql, sql) == 0)
            return s;
    }
    return NULL;
}

static int place(stmt_cache_slot *slots, size_t cap, stmt_cache_slot *item)
{
    for (size_t i = 0; i < cap; i++) {
        stmt_cache_slot *s = &slots[(item->hash + i) & (cap - 1)];
        if (s->sql == NULL) {
            *s = *item;
            return 0;
        }
    }
    return -1;
}

stmt_cache_slot *stmt_cache_add(stmt_cache *sc, const char *sql, void *handle, int index)
{
    if ((sc->count + 1) * 2 > sc->cap) {
        size_t ncap = sc->cap ? sc->cap * 2 : 64;
        stmt_cache_slot *n = calloc(ncap, sizeof(*n));
        if (n == NULL)
            return NULL;
        for (size_t i = 0; i < sc->cap; i++)
            if (sc->slots[i].sql)
                (void)place(n, ncap, &sc->slots[i]);
        free(sc->slots);
        sc->slots = n;
        sc->cap = ncap;
    }
    stmt_cache_slot item = {
        .hash = fnv1a(sql), .sql = strdup(sql), .handle = handle, .index = index};
    if (item.sql == NULL)
        return NULL;
    if (place(sc->slots, sc->cap, &item) != 0) {
        free(item.sql);
        return NULL;
    }
    sc->count++;
    return stmt_cache_find(sc, sql);
}

void stmt_cache_clear(stmt_cache *sc, void (*release)(void *handle))
{
    for (size_t i = 0; i < sc->cap; i++) {
        if (sc->slots[i].sql) {
            if (release && sc->slots[i].handle)
                release(sc->slots[i].handle);
            free(sc->slots[i].sql);
        }
    }
    free(sc->slots);
    stmt_cache_init(sc);
}
