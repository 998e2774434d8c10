/*
 * testdb.c - see testdb.h. Test support only: talks to PostgreSQL directly to create and
 * drop the scratch databases the store and API suites run on.
 */
#include "testdb.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static PGconn *admin_connect(char *err, size_t errlen)
{
    const char *url = getenv("IFZO_TEST_PG");
    if (url == NULL || *url == '\0') {
        snprintf(err, errlen,
                 "IFZO_TEST_DB=postgres but IFZO_TEST_PG is not set: "
                 "run the suite through scripts/test.sh or .ci/run");
        return NULL;
    }
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK) {
        snprintf(err, errlen, "cannot reach IFZO_TEST_PG: %s", PQerrorMessage(c));
        PQfinish(c);
        return NULL;
    }
    return c;
}

static int admin_exec(const char *sql, char *err, size_t errlen)
{
    PGconn *c = admin_connect(err, errlen);
    if (c == NULL)
        return -1;
    PGresult *r = PQexec(c, sql);
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        snprintf(err, errlen, "%s", PQresultErrorMessage(r));
    PQclear(r);
    PQfinish(c);
    return ok ? 0 : -1;
}

int testdb_create(testdb *t, char *err, size_t errlen)
{
    static int counter;
    memset(t, 0, sizeof(*t));
    const char *backend = getenv("IFZO_TEST_DB");
    if (backend == NULL || strcmp(backend, "sqlite") == 0) {
        snprintf(t->backend, sizeof(t->backend), "sqlite");
        snprintf(t->dir, sizeof(t->dir), "/tmp/ifzo-test-XXXXXX");
        if (mkdtemp(t->dir) == NULL) {
            snprintf(err, errlen, "mkdtemp failed");
            return -1;
        }
        snprintf(t->url, sizeof(t->url), "sqlite:%s/ifzo.db", t->dir);
        return 0;
    }
    if (strcmp(backend, "postgres") != 0) {
        snprintf(err, errlen, "IFZO_TEST_DB must be sqlite or postgres");
        return -1;
    }
    snprintf(t->backend, sizeof(t->backend), "postgres");
    snprintf(t->pg_name, sizeof(t->pg_name), "ifzo_t_%ld_%d", (long)getpid(), ++counter);
    char sql[128];
    snprintf(sql, sizeof(sql), "CREATE DATABASE %s", t->pg_name);
    if (admin_exec(sql, err, errlen) != 0)
        return -1;
    /* Same server and user as IFZO_TEST_PG, other database. */
    PQconninfoOption *opts = PQconninfoParse(getenv("IFZO_TEST_PG"), NULL);
    const char *host = NULL, *port = NULL, *user = NULL;
    for (PQconninfoOption *o = opts; o && o->keyword; o++) {
        if (o->val == NULL)
            continue;
        if (strcmp(o->keyword, "host") == 0)
            host = o->val;
        else if (strcmp(o->keyword, "port") == 0)
            port = o->val;
        else if (strcmp(o->keyword, "user") == 0)
            user = o->val;
    }
    snprintf(t->url, sizeof(t->url), "postgresql://%s@/%s?host=%s&port=%s", user ? user : "",
             t->pg_name, host ? host : "/tmp", port ? port : "5432");
    PQconninfoFree(opts);
    return 0;
}

void testdb_drop(testdb *t)
{
    if (strcmp(t->backend, "postgres") == 0 && t->pg_name[0]) {
        char sql[160], err[256];
        snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", t->pg_name);
        if (admin_exec(sql, err, sizeof(err)) != 0)
            fprintf(stderr, "testdb: cannot drop %s: %s\n", t->pg_name, err);
    } else if (t->dir[0]) {
        char path[300];
        const char *suffix[] = {"", "-wal", "-shm"};
        for (int i = 0; i < 3; i++) {
            snprintf(path, sizeof(path), "%s/ifzo.db%s", t->dir, suffix[i]);
            unlink(path);
        }
        rmdir(t->dir);
    }
}
