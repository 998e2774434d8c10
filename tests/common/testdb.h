/*
 * testdb.h - a fresh, empty database for one test, on the backend the run asks for.
 *
 * IFZO_TEST_DB=sqlite    a new file in a new temporary directory;
 * IFZO_TEST_DB=postgres  a new database on the server named by IFZO_TEST_PG (a libpq URL
 *                        of a maintenance database, e.g. postgresql://ifzo@/postgres?host=/tmp/s),
 *                        dropped again by testdb_drop.
 * A run that asks for PostgreSQL without IFZO_TEST_PG fails: it must not pass silently on
 * SQLite alone.
 */
#ifndef IFZO_TEST_TESTDB_H
#define IFZO_TEST_TESTDB_H

#include <stddef.h>

typedef struct {
    char url[1024];   /* what to hand to store_open / --db */
    char backend[16]; /* "sqlite" or "postgres" */
    char dir[256];    /* sqlite: the temporary directory */
    char pg_name[64]; /* postgres: the database created */
} testdb;

/* Creates the database; returns 0, or -1 with a reason in err. */
int testdb_create(testdb *t, char *err, size_t errlen);
void testdb_drop(testdb *t);

#endif
