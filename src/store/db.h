/*
 * db.h - the one seam between openifzo's store and a database engine.
 *
 * Why this exists: design.md asks for one store API with a SQLite and a PostgreSQL
 * implementation. Writing every query twice would let the two drift apart, so the queries
 * are written once (in the store modules, with $1, $2 ... placeholders that both engines
 * accept) and only this small driver interface is implemented twice: sqlite.c and
 * postgres.c. Everything here is private to src/store.
 *
 * Rules the drivers follow:
 *   - every statement is prepared (and cached per connection) and parameters are bound;
 *     there is no call that builds SQL text from values;
 *   - a connection belongs to one thread at a time (the store hands one to each worker);
 *   - errors are classified into store_rc values so that callers never see engine codes.
 */
#ifndef IFZO_STORE_DB_H
#define IFZO_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

typedef enum { DB_SQLITE = 1, DB_POSTGRES = 2 } db_kind;

typedef enum { DB_NULL = 0, DB_INT, DB_REAL, DB_TEXT } db_type;

/* A bound parameter. Text is borrowed for the duration of the call. */
typedef struct {
    db_type type;
    int64_t i;
    double r;
    const char *s;
} db_param;

static inline db_param dbp_null(void)
{
    return (db_param){.type = DB_NULL};
}
static inline db_param dbp_int(int64_t v)
{
    return (db_param){.type = DB_INT, .i = v};
}
static inline db_param dbp_real(double v)
{
    return (db_param){.type = DB_REAL, .r = v};
}
/* A NULL pointer binds SQL NULL. */
static inline db_param dbp_text(const char *v)
{
    return (db_param){.type = v ? DB_TEXT : DB_NULL, .s = v};
}

typedef struct db_conn db_conn;
typedef struct db_rows db_rows;

/* Opens a connection for URL "sqlite:PATH" or "postgres://..." / "postgresql://...".
 * On failure returns a store_rc and writes a readable reason into err. *out is owned by
 * the caller and released with db_close(). */
int db_connect(const char *url, db_conn **out, char *err, size_t errlen);
void db_close(db_conn *c);
db_kind db_conn_kind(const db_conn *c);

/* The engine's last error text; owned by the connection, valid until the next call. */
const char *db_errmsg(const db_conn *c);

/* Runs a statement that returns no rows. *changes (may be NULL) gets the affected rows. */
int db_exec(db_conn *c, const char *sql, const db_param *params, int nparams, int64_t *changes);

/* Runs a query. On STORE_OK *out is a cursor owned by the caller, freed with db_rows_free()
 * (also after an error from db_rows_next). */
int db_query(db_conn *c, const char *sql, const db_param *params, int nparams, db_rows **out);

/* Advances the cursor: 1 = a row is current, 0 = no more rows, negative = -store_rc. */
int db_rows_next(db_rows *r);
bool db_col_null(db_rows *r, int col);
int64_t db_col_int(db_rows *r, int col);
double db_col_real(db_rows *r, int col);
/* Text of a column; owned by the cursor, valid until the next db_rows_next/db_rows_free.
 * Returns "" for NULL (use db_col_null to tell the two apart). */
const char *db_col_text(db_rows *r, int col);
void db_rows_free(db_rows *r);

/* Copies a text column into buf (NUL-terminated, truncated to cap-1 bytes). */
void db_col_copy(db_rows *r, int col, char *buf, size_t cap);

/* Transactions. db_begin_write takes the write lock up front on SQLite (BEGIN IMMEDIATE), so
 * that two writers queue on the busy timeout instead of failing on lock upgrade. */
int db_begin(db_conn *c);
int db_begin_write(db_conn *c);
int db_commit(db_conn *c);
int db_rollback(db_conn *c);

/* Runs a trusted multi-statement script (the migrations, compiled into the binary). Never
 * called with text that came from outside. */
int db_exec_script(db_conn *c, const char *sql);

/* Serialises migrations between several server instances (PostgreSQL advisory lock taken
 * inside the current transaction; SQLite's BEGIN IMMEDIATE already serialises). */
int db_migration_lock(db_conn *c);

/* Liveness: a trivial round trip; reconnects a broken PostgreSQL connection once. */
int db_ping(db_conn *c);

/* Driver table; sqlite.c and postgres.c each provide one. */
typedef struct db_driver {
    const char *name;
    int (*connect)(const char *url, db_conn **out, char *err, size_t errlen);
    void (*close)(db_conn *c);
    const char *(*errmsg)(const db_conn *c);
    int (*exec)(db_conn *c, const char *sql, const db_param *p, int n, int64_t *changes);
    int (*query)(db_conn *c, const char *sql, const db_param *p, int n, db_rows **out);
    int (*rows_next)(db_rows *r);
    bool (*col_null)(db_rows *r, int col);
    const char *(*col_text)(db_rows *r, int col);
    void (*rows_free)(db_rows *r);
    int (*begin)(db_conn *c, bool write);
    int (*exec_script)(db_conn *c, const char *sql);
    int (*migration_lock)(db_conn *c);
    int (*ping)(db_conn *c);
} db_driver;

/* Every connection and cursor starts with a pointer to its driver. */
struct db_conn_head {
    const db_driver *drv;
    db_kind kind;
};
struct db_rows_head {
    const db_driver *drv;
};

extern const db_driver db_sqlite_driver;
extern const db_driver db_postgres_driver;

#endif
