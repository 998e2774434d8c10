/*
 * test_store.c - the store suite. The same tests run on SQLite and on PostgreSQL
 * (IFZO_TEST_DB), each on a fresh database, through store.h only.
 */
#include "store/store.h"
#include "testdb.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static testdb tdb;
static store *db;

static void setup(void)
{
    char err[512];
    cr_assert_eq(testdb_create(&tdb, err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(store_open(tdb.url, &db, err, sizeof(err)), STORE_OK, "%s", err);
    int applied = 0;
    cr_assert_eq(store_migrate(db, &applied, err, sizeof(err)), STORE_OK, "%s", err);
    /* Migration numbers may have gaps (branches reserve numbers), so compare the version
     * reached, not the count applied. */
    int version = 0;
    cr_assert_gt(applied, 0);
    cr_assert_eq(store_schema_version(db, &version), STORE_OK);
    cr_assert_eq(version, store_schema_latest());
}

static void teardown(void)
{
    store_close(db);
    db = NULL;
    testdb_drop(&tdb);
}

TestSuite(store, .init = setup, .fini = teardown);

static store_organisation org(const char *name, const char *kind)
{
    store_organisation o = {0};
    snprintf(o.name, sizeof(o.name), "%s", name);
    snprintf(o.kind, sizeof(o.kind), "%s", kind);
    return o;
}

Test(store, runs_on_the_backend_asked_for)
{
    const char *want = getenv("IFZO_TEST_DB");
    cr_assert_str_eq(store_backend(db), want ? want : "sqlite");
}

Test(store, migrate_is_idempotent_and_records_the_version)
{
    char err[256];
    int applied = -1, version = 0;
    cr_assert_eq(store_migrate(db, &applied, err, sizeof(err)), STORE_OK, "%s", err);
    cr_assert_eq(applied, 0, "second migrate applied %d", applied);
    cr_assert_eq(store_schema_version(db, &version), STORE_OK);
    cr_assert_eq(version, store_schema_latest());
    cr_assert_gt(version, 0);
}

Test(store, ping_answers)
{
    char detail[128];
    cr_assert_eq(store_ping(db, detail, sizeof(detail)), STORE_OK);
}

Test(store, create_then_get_returns_the_same_row_with_version_1)
{
    store_organisation in = org("Reclassering Nederland", "3ro"), out, got;
    cr_assert_eq(store_organisation_create(db, &in, &out), STORE_OK);
    cr_assert_gt(out.id, 0);
    cr_assert_eq(out.version, 1);
    cr_assert_str_eq(out.name, "Reclassering Nederland");
    cr_assert_eq(strlen(out.created_at), 20, "timestamp '%s'", out.created_at);
    cr_assert_eq(store_organisation_get(db, out.id, &got), STORE_OK);
    cr_assert_eq(got.id, out.id);
    cr_assert_str_eq(got.kind, "3ro");
    cr_assert_str_eq(got.created_at, out.created_at);
}

Test(store, text_is_bound_not_interpolated)
{
    const char *name = "Robert'); DROP TABLE organisation;-- Súdwest-Fryslân \"x\" $1 ?";
    store_organisation in = org(name, "dji"), out, got;
    cr_assert_eq(store_organisation_create(db, &in, &out), STORE_OK);
    cr_assert_eq(store_organisation_get(db, out.id, &got), STORE_OK);
    cr_assert_str_eq(got.name, name);
}

Test(store, missing_row_is_not_found)
{
    store_organisation got;
    cr_assert_eq(store_organisation_get(db, 424242, &got), STORE_NOT_FOUND);
    store_organisation in = org("X", "dji"), out;
    in.id = 424242;
    in.version = 1;
    cr_assert_eq(store_organisation_update(db, &in, &out), STORE_NOT_FOUND);
}

Test(store, duplicate_name_is_refused_and_leaves_no_row)
{
    store_organisation a = org("PMO PI Vught", "pmo"), out;
    cr_assert_eq(store_organisation_create(db, &a, &out), STORE_OK);
    cr_assert_eq(store_organisation_create(db, &a, &out), STORE_DUPLICATE);
    store_organisation *items;
    size_t n;
    cr_assert_eq(store_organisation_list(db, 0, 100, &items, &n), STORE_OK);
    cr_assert_eq(n, 1);
    free(items);
}

Test(store, update_with_current_version_raises_it)
{
    store_organisation in = org("NIFP", "nifp"), out, upd;
    cr_assert_eq(store_organisation_create(db, &in, &out), STORE_OK);
    out.version = 1;
    snprintf(out.name, sizeof(out.name), "NIFP/IFZ");
    cr_assert_eq(store_organisation_update(db, &out, &upd), STORE_OK);
    cr_assert_eq(upd.version, 2);
    cr_assert_str_eq(upd.name, "NIFP/IFZ");
}

Test(store, update_with_stale_version_conflicts_and_changes_nothing)
{
    store_organisation in = org("OM", "om"), out, upd, got;
    cr_assert_eq(store_organisation_create(db, &in, &out), STORE_OK);
    store_organisation first = out, second = out;
    snprintf(first.name, sizeof(first.name), "OM Parket");
    snprintf(second.name, sizeof(second.name), "OM Arrondissementsparket");
    cr_assert_eq(store_organisation_update(db, &first, &upd), STORE_OK);
    cr_assert_eq(store_organisation_update(db, &second, &upd), STORE_CONFLICT);
    cr_assert_eq(store_organisation_get(db, out.id, &got), STORE_OK);
    cr_assert_str_eq(got.name, "OM Parket");
    cr_assert_eq(got.version, 2);
}

Test(store, list_pages_in_id_order)
{
    store_organisation out;
    for (int i = 0; i < 5; i++) {
        char name[32];
        snprintf(name, sizeof(name), "Org %d", i);
        store_organisation in = org(name, "dji");
        cr_assert_eq(store_organisation_create(db, &in, &out), STORE_OK);
    }
    store_organisation *items;
    size_t n;
    cr_assert_eq(store_organisation_list(db, 0, 2, &items, &n), STORE_OK);
    cr_assert_eq(n, 2);
    int64_t last = items[1].id;
    cr_assert_lt(items[0].id, items[1].id);
    free(items);
    cr_assert_eq(store_organisation_list(db, last, 10, &items, &n), STORE_OK);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(items[0].name, "Org 2");
    free(items);
    cr_assert_eq(store_organisation_list(db, 0, 0, &items, &n), STORE_INVALID);
}

/* Several threads, each with its own connection, writing at once. */
typedef struct {
    int thread;
    int ok;
} writer_arg;

static void *writer(void *p)
{
    writer_arg *a = p;
    for (int i = 0; i < 15; i++) {
        char name[64];
        snprintf(name, sizeof(name), "Thread %d org %d", a->thread, i);
        store_organisation in = org(name, "zorgaanbieder"), out;
        if (store_organisation_create(db, &in, &out) == STORE_OK)
            a->ok++;
    }
    return NULL;
}

Test(store, concurrent_writers_on_their_own_connections_all_commit)
{
    pthread_t t[6];
    writer_arg args[6];
    for (int i = 0; i < 6; i++) {
        args[i] = (writer_arg){.thread = i};
        cr_assert_eq(pthread_create(&t[i], NULL, writer, &args[i]), 0);
    }
    int total = 0;
    for (int i = 0; i < 6; i++) {
        pthread_join(t[i], NULL);
        total += args[i].ok;
    }
    cr_assert_eq(total, 90);
    store_organisation *items;
    size_t n;
    cr_assert_eq(store_organisation_list(db, 0, 1000, &items, &n), STORE_OK);
    cr_assert_eq(n, 90);
    free(items);
}

/* Two writers that read the same version: exactly one wins. */
typedef struct {
    store_organisation base;
    const char *name;
    int rc;
} racer_arg;

static void *racer(void *p)
{
    racer_arg *a = p;
    store_organisation in = a->base, out;
    snprintf(in.name, sizeof(in.name), "%s", a->name);
    a->rc = store_organisation_update(db, &in, &out);
    return NULL;
}

Test(store, two_updates_of_one_version_give_one_conflict)
{
    store_organisation in = org("FPL", "dji"), out;
    cr_assert_eq(store_organisation_create(db, &in, &out), STORE_OK);
    for (int round = 0; round < 10; round++) {
        store_organisation cur;
        cr_assert_eq(store_organisation_get(db, out.id, &cur), STORE_OK);
        racer_arg a = {.base = cur, .name = "FPL A"}, b = {.base = cur, .name = "FPL B"};
        pthread_t ta, tb;
        pthread_create(&ta, NULL, racer, &a);
        pthread_create(&tb, NULL, racer, &b);
        pthread_join(ta, NULL);
        pthread_join(tb, NULL);
        int oks = (a.rc == STORE_OK) + (b.rc == STORE_OK);
        int conflicts = (a.rc == STORE_CONFLICT) + (b.rc == STORE_CONFLICT);
        cr_assert_eq(oks, 1, "round %d: rc %d and %d", round, a.rc, b.rc);
        cr_assert_eq(conflicts, 1);
    }
    store_organisation got;
    cr_assert_eq(store_organisation_get(db, out.id, &got), STORE_OK);
    cr_assert_eq(got.version, 11);
}

Test(store_open, unreachable_or_unwritable_databases_fail_with_a_reason)
{
    store *s = NULL;
    char err[512] = "";
    cr_assert_eq(store_open("sqlite:/nonexistent-dir/ifzo.db", &s, err, sizeof(err)),
                 STORE_UNAVAILABLE);
    cr_assert_null(s);
    cr_assert(strstr(err, "nonexistent-dir") != NULL, "%s", err);
    cr_assert_eq(store_open("postgres://nobody@127.0.0.1:1/none", &s, err, sizeof(err)),
                 STORE_UNAVAILABLE);
    cr_assert(strstr(err, "postgres") != NULL, "%s", err);
    cr_assert_eq(store_open("mysql://x", &s, err, sizeof(err)), STORE_INVALID);
    cr_assert_eq(store_open("sqlite:", &s, err, sizeof(err)), STORE_INVALID);
}

Test(store_open, rc_names_are_stable)
{
    cr_assert_str_eq(store_rc_name(STORE_OK), "ok");
    cr_assert_str_eq(store_rc_name(STORE_CONFLICT), "conflict");
    cr_assert_str_eq(store_rc_name(99), "error");
}
