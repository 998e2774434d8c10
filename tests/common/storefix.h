/*
 * storefix.h - the fixture every store-backed suite shares: a fresh database (testdb.h) on
 * the backend the run asks for, opened and migrated; closed and dropped again. Header-only
 * so suites in different executables (store_tests, msg_tests) use it without a library.
 */
#ifndef IFZO_TEST_STOREFIX_H
#define IFZO_TEST_STOREFIX_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "store/access.h"
#include "store/store.h"
#include "testdb.h"

/* Creates, opens and migrates; asserts on any failure. *db is owned by the caller and
 * released with storefix_close. */
static inline void storefix_open(testdb *t, store **db)
{
    char err[512];
    cr_assert_eq(testdb_create(t, err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(store_open(t->url, db, err, sizeof(err)), STORE_OK, "%s", err);
    cr_assert_eq(store_migrate(*db, NULL, err, sizeof(err)), STORE_OK, "%s", err);
}

static inline void storefix_close(testdb *t, store **db)
{
    store_close(*db);
    *db = NULL;
    testdb_drop(t);
}

/* An access-log entry for a fixture's own writes, as `role`. Points into one static entry,
 * overwritten by the next call: pass it straight to the store call that takes it. */
static inline store_access_entry *storefix_audit(const char *role)
{
    static store_access_entry e;
    memset(&e, 0, sizeof e);
    snprintf(e.username, sizeof e.username, "fixture");
    snprintf(e.role, sizeof e.role, "%s", role);
    snprintf(e.object_type, sizeof e.object_type, "fixture");
    snprintf(e.action, sizeof e.action, "create");
    return &e;
}

#endif
