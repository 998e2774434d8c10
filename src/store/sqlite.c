/*
 * sqlite.c - the SQLite driver behind db.h.
 *
 * Why these settings: SQLite is the zero-set-up default (`ifzo serve` on a fresh machine).
 * WAL lets readers run beside the one writer; synchronous=FULL makes every COMMIT durable
 * before we answer (a placement reaction that was acknowledged must survive a power cut);
 * foreign_keys=ON because SQLite leaves them off by default; a busy timeout so that
 * concurrent writers queue instead of failing.
 */
#include "store/db.h"
#include "store/db_internal.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define BUSY_TIMEOUT_MS 5000

typedef struct {
    struct db_conn_head head;
    sqlite3 *db;
    stmt_cache cache;
    char err[256];
} sq_conn;

typedef struct {
    struct db_rows_head head;
    sq_conn *conn;
    sqlite3_stmt *stmt;
    const char *cache_key; /* NULL when the statement is not cached (finalize on free) */
} sq_rows;

static int classify(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_OK:
    case SQLITE_DONE:
    case SQLITE_ROW:
        return STORE_OK;
    case SQLITE_CONSTRAINT:
        if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY)
            return STORE_DUPLICATE;
        return STORE_INVALID;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return STORE_BUSY;
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_NOTADB:
        return STORE_UNAVAILABLE;
    default:
        return STORE_ERROR;
    }
}

static int fail(sq_conn *c, int rc)
{
    snprintf(c->err, sizeof(c->err), "%s", sqlite3_errmsg(c->db));
    return classify(rc);
}

static void finalize_handle(void *h)
{
    sqlite3_finalize(h);
}

static void sq_close(db_conn *conn)
{
    sq_conn *c = (sq_conn *)(void *)conn;
    stmt_cache_clear(&c->cache, finalize_handle);
    sqlite3_close_v2(c->db);
    free(c);
}

static int pragma(sq_conn *c, const char *sql)
{
    int rc = sqlite3_exec(c->db, sql, NULL, NULL, NULL);
    return rc == SQLITE_OK ? STORE_OK : fail(c, rc);
}

static int sq_connect(const char *path, db_conn **out, char *err, size_t errlen)
{
    if (path[0] == '\0') {
        snprintf(err, errlen, "sqlite: empty database path");
        return STORE_INVALID;
    }
    sq_conn *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        snprintf(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    c->head.drv = &db_sqlite_driver;
    c->head.kind = DB_SQLITE;
    stmt_cache_init(&c->cache);
    int rc = sqlite3_open_v2(
        path, &c->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "sqlite: cannot open %s: %s", path,
                 c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
        sqlite3_close_v2(c->db);
        free(c);
        return STORE_UNAVAILABLE;
    }
    sqlite3_extended_result_codes(c->db, 1);
    sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
    /* journal_mode=WAL needs to create the -wal file: this is where an unwritable
     * directory is found out, before the server starts. */
    int r = pragma(c, "PRAGMA journal_mode=WAL");
    if (r == STORE_OK)
        r = pragma(c, "PRAGMA synchronous=FULL");
    if (r == STORE_OK)
        r = pragma(c, "PRAGMA foreign_keys=ON");
    if (r == STORE_OK)
        r = pragma(c, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                      "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    if (r != STORE_OK) {
        snprintf(err, errlen, "sqlite: cannot use %s: %s", path, c->err);
        sq_close((db_conn *)(void *)c);
        return r == STORE_BUSY ? STORE_BUSY : STORE_UNAVAILABLE;
    }
    *out = (db_conn *)(void *)c;
    return STORE_OK;
}

static const char *sq_errmsg(const db_conn *conn)
{
    return ((const sq_conn *)(const void *)conn)->err;
}

static int bind_all(sq_conn *c, sqlite3_stmt *st, const db_param *p, int n)
{
    if (sqlite3_bind_parameter_count(st) != n) {
        snprintf(c->err, sizeof(c->err), "statement wants %d parameters, got %d",
                 sqlite3_bind_parameter_count(st), n);
        return STORE_ERROR;
    }
    for (int i = 0; i < n; i++) {
        /* Placeholders are written $1..$n; bind by name so their order in the text does
         * not matter. */
        char name[16];
        snprintf(name, sizeof(name), "$%d", i + 1);
        int idx = sqlite3_bind_parameter_index(st, name);
        if (idx == 0) {
            snprintf(c->err, sizeof(c->err), "statement lacks placeholder %s", name);
            return STORE_ERROR;
        }
        int rc;
        switch (p[i].type) {
        case DB_INT:
            rc = sqlite3_bind_int64(st, idx, p[i].i);
            break;
        case DB_REAL:
            rc = sqlite3_bind_double(st, idx, p[i].r);
            break;
        case DB_TEXT:
            rc = sqlite3_bind_text(st, idx, p[i].s, -1, SQLITE_TRANSIENT);
            break;
        default:
            rc = sqlite3_bind_null(st, idx);
        }
        if (rc != SQLITE_OK)
            return fail(c, rc);
    }
    return STORE_OK;
}

/* Finds or prepares the statement. *cached says whether it lives in the cache (and so must
 * be reset, not finalized, after use). */
static int prepare(sq_conn *c, const char *sql, sqlite3_stmt **st, const char **cache_key)
{
    stmt_cache_slot *slot = stmt_cache_find(&c->cache, sql);
    if (slot && !slot->in_use) {
        slot->in_use = 1;
        *st = slot->handle;
        *cache_key = slot->sql;
        return STORE_OK;
    }
    int rc = sqlite3_prepare_v3(c->db, sql, -1, slot ? 0 : SQLITE_PREPARE_PERSISTENT, st, NULL);
    if (rc != SQLITE_OK)
        return fail(c, rc);
    *cache_key = NULL;
    if (slot == NULL) {
        slot = stmt_cache_add(&c->cache, sql, *st, 0);
        if (slot) {
            slot->in_use = 1;
            *cache_key = slot->sql;
        }
    }
    return STORE_OK;
}

static void release(sq_conn *c, sqlite3_stmt *st, const char *cache_key)
{
    if (cache_key == NULL) {
        sqlite3_finalize(st);
        return;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    stmt_cache_slot *slot = stmt_cache_find(&c->cache, cache_key);
    if (slot)
        slot->in_use = 0;
}

static int sq_exec(db_conn *conn, const char *sql, const db_param *p, int n, int64_t *changes)
{
    sq_conn *c = (sq_conn *)(void *)conn;
    sqlite3_stmt *st = NULL;
    const char *key = NULL;
    int r = prepare(c, sql, &st, &key);
    if (r != STORE_OK)
        return r;
    r = bind_all(c, st, p, n);
    if (r == STORE_OK) {
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            ;
        if (rc != SQLITE_DONE)
            r = fail(c, rc);
        else if (changes)
            *changes = sqlite3_changes64(c->db);
    }
    release(c, st, key);
    return r;
}

static int sq_query(db_conn *conn, const char *sql, const db_param *p, int n, db_rows **out)
{
    sq_conn *c = (sq_conn *)(void *)conn;
    sq_rows *rows = calloc(1, sizeof(*rows));
    if (rows == NULL)
        return STORE_ERROR;
    int r = prepare(c, sql, &rows->stmt, &rows->cache_key);
    if (r == STORE_OK) {
        r = bind_all(c, rows->stmt, p, n);
        if (r != STORE_OK)
            release(c, rows->stmt, rows->cache_key);
    }
    if (r != STORE_OK) {
        free(rows);
        return r;
    }
    rows->head.drv = &db_sqlite_driver;
    rows->conn = c;
    *out = (db_rows *)(void *)rows;
    return STORE_OK;
}

static int sq_rows_next(db_rows *rr)
{
    sq_rows *r = (sq_rows *)(void *)rr;
    int rc = sqlite3_step(r->stmt);
    if (rc == SQLITE_ROW)
        return 1;
    if (rc == SQLITE_DONE)
        return 0;
    return -fail(r->conn, rc);
}

static bool sq_col_null(db_rows *rr, int col)
{
    sq_rows *r = (sq_rows *)(void *)rr;
    return sqlite3_column_type(r->stmt, col) == SQLITE_NULL;
}

static const char *sq_col_text(db_rows *rr, int col)
{
    sq_rows *r = (sq_rows *)(void *)rr;
    return (const char *)sqlite3_column_text(r->stmt, col);
}

static void sq_rows_free(db_rows *rr)
{
    sq_rows *r = (sq_rows *)(void *)rr;
    release(r->conn, r->stmt, r->cache_key);
    free(r);
}

static int sq_begin(db_conn *conn, bool write)
{
    return sq_exec(conn, write ? "BEGIN IMMEDIATE" : "BEGIN", NULL, 0, NULL);
}

static int sq_exec_script(db_conn *conn, const char *sql)
{
    sq_conn *c = (sq_conn *)(void *)conn;
    char *msg = NULL;
    int rc = sqlite3_exec(c->db, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        snprintf(c->err, sizeof(c->err), "%s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return classify(rc);
    }
    return STORE_OK;
}

static int sq_migration_lock(db_conn *conn)
{
    (void)conn; /* BEGIN IMMEDIATE already holds the database's write lock. */
    return STORE_OK;
}

static int sq_ping(db_conn *conn)
{
    return sq_exec(conn, "SELECT 1", NULL, 0, NULL);
}

const db_driver db_sqlite_driver = {
    .name = "sqlite",
    .connect = sq_connect,
    .close = sq_close,
    .errmsg = sq_errmsg,
    .exec = sq_exec,
    .query = sq_query,
    .rows_next = sq_rows_next,
    .col_null = sq_col_null,
    .col_text = sq_col_text,
    .rows_free = sq_rows_free,
    .begin = sq_begin,
    .exec_script = sq_exec_script,
    .migration_lock = sq_migration_lock,
    .ping = sq_ping,
};
