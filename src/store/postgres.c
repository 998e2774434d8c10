/*
 * postgres.c - the PostgreSQL driver behind db.h (libpq).
 *
 * Why: PostgreSQL is how a deployment outgrows one machine: several stateless `ifzo`
 * instances share one server. Statements are prepared once per connection (named s<N>) and
 * executed with text parameters whose types the server infers from the statement. A
 * connection that breaks (server restart, failover) is reset once on the next call; its
 * prepared statements are then prepared again.
 */
#include "store/db.h"
#include "store/db_internal.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PARAMS              64
#define DEFAULT_CONNECT_TIMEOUT "3"

typedef struct {
    struct db_conn_head head;
    PGconn *pg;
    stmt_cache cache;
    int next_index;
    char err[256];
} pg_conn;

typedef struct {
    struct db_rows_head head;
    PGresult *res;
    int row;
    int nrows;
} pg_rows;

static void set_err(pg_conn *c, const char *msg)
{
    snprintf(c->err, sizeof(c->err), "%s", msg ? msg : "unknown PostgreSQL error");
    size_t n = strlen(c->err); /* libpq messages end with a newline */
    while (n > 0 && (c->err[n - 1] == '\n' || c->err[n - 1] == ' '))
        c->err[--n] = '\0';
}

static int classify_result(pg_conn *c, PGresult *res)
{
    const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    set_err(c, res ? PQresultErrorMessage(res) : PQerrorMessage(c->pg));
    if (PQstatus(c->pg) != CONNECTION_OK)
        return STORE_UNAVAILABLE;
    if (state == NULL)
        return STORE_ERROR;
    if (strcmp(state, "23505") == 0)
        return STORE_DUPLICATE;
    if (strncmp(state, "23", 2) == 0 || strncmp(state, "22", 2) == 0)
        return STORE_INVALID;
    if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 || strcmp(state, "55P03") == 0)
        return STORE_BUSY;
    if (strncmp(state, "08", 2) == 0 || strncmp(state, "57P", 3) == 0)
        return STORE_UNAVAILABLE;
    return STORE_ERROR;
}

static int pg_connect(const char *url, db_conn **out, char *err, size_t errlen)
{
    pg_conn *c = calloc(1, sizeof(*c));
    if (c == NULL) {
        snprintf(err, errlen, "out of memory");
        return STORE_ERROR;
    }
    c->head.drv = &db_postgres_driver;
    c->head.kind = DB_POSTGRES;
    stmt_cache_init(&c->cache);
    /* The URL is expanded after connect_timeout, so a timeout in the URL wins. */
    const char *keys[] = {"connect_timeout", "application_name", "dbname", NULL};
    const char *vals[] = {DEFAULT_CONNECT_TIMEOUT, "ifzo", url, NULL};
    c->pg = PQconnectdbParams(keys, vals, 1);
    if (c->pg == NULL || PQstatus(c->pg) != CONNECTION_OK) {
        pg_conn tmp = {0};
        set_err(&tmp, c->pg ? PQerrorMessage(c->pg) : "out of memory");
        snprintf(err, errlen, "postgres: cannot connect: %s", tmp.err);
        PQfinish(c->pg);
        free(c);
        return STORE_UNAVAILABLE;
    }
    PGresult *res = PQexec(c->pg, "SET client_min_messages = warning; SET TIME ZONE 'UTC'; "
                                  "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                  "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                  "applied_at TEXT NOT NULL)");
    if (PQresultStatus(res) != PGRES_COMMAND_OK) {
        int r = classify_result(c, res);
        /* Two instances creating the table at once may collide; the table then exists. */
        if (r != STORE_DUPLICATE) {
            snprintf(err, errlen, "postgres: cannot initialise: %s", c->err);
            PQclear(res);
            PQfinish(c->pg);
            free(c);
            return r;
        }
    }
    PQclear(res);
    *out = (db_conn *)(void *)c;
    return STORE_OK;
}

static void pg_close(db_conn *conn)
{
    pg_conn *c = (pg_conn *)(void *)conn;
    stmt_cache_clear(&c->cache, NULL);
    PQfinish(c->pg);
    free(c);
}

static const char *pg_errmsg(const db_conn *conn)
{
    return ((const pg_conn *)(const void *)conn)->err;
}

/* Resets a broken connection once; prepared statements died with it. */
static int ensure_connected(pg_conn *c)
{
    if (PQstatus(c->pg) == CONNECTION_OK)
        return STORE_OK;
    stmt_cache_clear(&c->cache, NULL);
    PQreset(c->pg);
    if (PQstatus(c->pg) != CONNECTION_OK) {
        set_err(c, PQerrorMessage(c->pg));
        return STORE_UNAVAILABLE;
    }
    return STORE_OK;
}

/* Executes SQL as a prepared statement; *res owned by the caller (PQclear). */
static int run(pg_conn *c, const char *sql, const db_param *p, int n, PGresult **res)
{
    *res = NULL;
    if (n > MAX_PARAMS) {
        set_err(c, "too many parameters");
        return STORE_ERROR;
    }
    int r = ensure_connected(c);
    if (r != STORE_OK)
        return r;
    stmt_cache_slot *slot = stmt_cache_find(&c->cache, sql);
    char name[24];
    if (slot == NULL) {
        int idx = ++c->next_index;
        snprintf(name, sizeof(name), "s%d", idx);
        PGresult *pr = PQprepare(c->pg, name, sql, 0, NULL);
        if (PQresultStatus(pr) != PGRES_COMMAND_OK) {
            r = classify_result(c, pr);
            PQclear(pr);
            return r;
        }
        PQclear(pr);
        slot = stmt_cache_add(&c->cache, sql, NULL, idx);
        if (slot == NULL) {
            set_err(c, "out of memory");
            return STORE_ERROR;
        }
    } else {
        snprintf(name, sizeof(name), "s%d", slot->index);
    }
    char numbuf[MAX_PARAMS][32];
    const char *values[MAX_PARAMS];
    for (int i = 0; i < n; i++) {
        switch (p[i].type) {
        case DB_INT:
            snprintf(numbuf[i], sizeof(numbuf[i]), "%" PRId64, p[i].i);
            values[i] = numbuf[i];
            break;
        case DB_REAL:
            snprintf(numbuf[i], sizeof(numbuf[i]), "%.17g", p[i].r);
            values[i] = numbuf[i];
            break;
        case DB_TEXT:
            values[i] = p[i].s;
            break;
        default:
            values[i] = NULL;
        }
    }
    *res = PQexecPrepared(c->pg, name, n, n ? values : NULL, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(*res);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
        return STORE_OK;
    r = classify_result(c, *res);
    PQclear(*res);
    *res = NULL;
    return r;
}

static int pg_exec(db_conn *conn, const char *sql, const db_param *p, int n, int64_t *changes)
{
    pg_conn *c = (pg_conn *)(void *)conn;
    PGresult *res;
    int r = run(c, sql, p, n, &res);
    if (r == STORE_OK) {
        if (changes) {
            const char *t = PQcmdTuples(res);
            *changes = (t && *t) ? strtoll(t, NULL, 10) : 0;
        }
        PQclear(res);
    }
    return r;
}

static int pg_query(db_conn *conn, const char *sql, const db_param *p, int n, db_rows **out)
{
    pg_conn *c = (pg_conn *)(void *)conn;
    pg_rows *rows = calloc(1, sizeof(*rows));
    if (rows == NULL)
        return STORE_ERROR;
    int r = run(c, sql, p, n, &rows->res);
    if (r != STORE_OK) {
        free(rows);
        return r;
    }
    rows->head.drv = &db_postgres_driver;
    rows->row = -1;
    rows->nrows = PQntuples(rows->res);
    *out = (db_rows *)(void *)rows;
    return STORE_OK;
}

static int pg_rows_next(db_rows *rr)
{
    pg_rows *r = (pg_rows *)(void *)rr;
    if (r->row + 1 >= r->nrows)
        return 0;
    r->row++;
    return 1;
}

static bool pg_col_null(db_rows *rr, int col)
{
    pg_rows *r = (pg_rows *)(void *)rr;
    return PQgetisnull(r->res, r->row, col) != 0;
}

static const char *pg_col_text(db_rows *rr, int col)
{
    pg_rows *r = (pg_rows *)(void *)rr;
    return PQgetvalue(r->res, r->row, col);
}

static void pg_rows_free(db_rows *rr)
{
    pg_rows *r = (pg_rows *)(void *)rr;
    PQclear(r->res);
    free(r);
}

/* Writers: READ COMMITTED; row versions (UPDATE ... WHERE version = $n), not locks, protect
 * concurrent writers. Readers: one snapshot for the whole transaction, so that a request and
 * its attempts read in several SELECTs are never half before and half after another
 * process's commit (READ COMMITTED gives every SELECT its own snapshot; the race test over
 * two server processes saw a request at version v with an attempt already cancelled). */
static int pg_begin(db_conn *conn, bool write)
{
    return pg_exec(conn, write ? "BEGIN" : "BEGIN ISOLATION LEVEL REPEATABLE READ", NULL, 0, NULL);
}

static int pg_exec_script(db_conn *conn, const char *sql)
{
    pg_conn *c = (pg_conn *)(void *)conn;
    int r = ensure_connected(c);
    if (r != STORE_OK)
        return r;
    PGresult *res = PQexec(c->pg, sql);
    ExecStatusType st = PQresultStatus(res);
    r = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? STORE_OK : classify_result(c, res);
    PQclear(res);
    return r;
}

static int pg_migration_lock(db_conn *conn)
{
    /* Any fixed key; released at the end of the migration's transaction. */
    return pg_exec(conn, "SELECT pg_advisory_xact_lock(7361001)", NULL, 0, NULL);
}

static int pg_ping(db_conn *conn)
{
    return pg_exec(conn, "SELECT 1", NULL, 0, NULL);
}

const db_driver db_postgres_driver = {
    .name = "postgres",
    .connect = pg_connect,
    .close = pg_close,
    .errmsg = pg_errmsg,
    .exec = pg_exec,
    .query = pg_query,
    .rows_next = pg_rows_next,
    .col_null = pg_col_null,
    .col_text = pg_col_text,
    .rows_free = pg_rows_free,
    .begin = pg_begin,
    .exec_script = pg_exec_script,
    .migration_lock = pg_migration_lock,
    .ping = pg_ping,
};
