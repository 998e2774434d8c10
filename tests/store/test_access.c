/*
 * test_access.c - users, sessions, tokens, failed-login counters and the hash-chained
 * access log, on SQLite and PostgreSQL. The tampering tests change the database behind the
 * store's back (sqlite3 / libpq directly), as an operator with database rights could.
 */
#include "store/access.h"
#include "store/access_log_internal.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "testdb.h"

#include <criterion/criterion.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static testdb tdb;
static store *db;
static int64_t org_id;

static void setup(void)
{
    char err[512];
    cr_assert_eq(testdb_create(&tdb, err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(store_open(tdb.url, &db, err, sizeof(err)), STORE_OK, "%s", err);
    cr_assert_eq(store_migrate(db, NULL, err, sizeof(err)), STORE_OK, "%s", err);
    store_organisation o = {0}, out;
    snprintf(o.name, sizeof(o.name), "DJI");
    snprintf(o.kind, sizeof(o.kind), "dji");
    o.totp_required = true;
    cr_assert_eq(store_organisation_create(db, &o, &out), STORE_OK);
    cr_assert(out.totp_required);
    org_id = out.id;
}

static void teardown(void)
{
    store_close(db);
    db = NULL;
    testdb_drop(&tdb);
}

TestSuite(access_store, .init = setup, .fini = teardown, .timeout = 60);

/* Runs one statement directly on the test database, bypassing the store. */
static void raw_sql(const char *sql)
{
    if (strcmp(tdb.backend, "sqlite") == 0) {
        sqlite3 *h;
        cr_assert_eq(sqlite3_open(tdb.url + strlen("sqlite:"), &h), SQLITE_OK);
        char *msg = NULL;
        int rc = sqlite3_exec(h, sql, NULL, NULL, &msg);
        cr_assert_eq(rc, SQLITE_OK, "%s: %s", sql, msg ? msg : "");
        cr_assert_eq(sqlite3_changes(h), 1, "%s changed %d rows", sql, sqlite3_changes(h));
        sqlite3_close(h);
    } else {
        PGconn *c = PQconnectdb(tdb.url);
        cr_assert_eq(PQstatus(c), CONNECTION_OK, "%s", PQerrorMessage(c));
        PGresult *r = PQexec(c, sql);
        cr_assert_eq(PQresultStatus(r), PGRES_COMMAND_OK, "%s: %s", sql, PQresultErrorMessage(r));
        cr_assert_str_eq(PQcmdTuples(r), "1", "%s", sql);
        PQclear(r);
        PQfinish(c);
    }
}

static store_user new_user(const char *name, const char *role)
{
    store_user in = {0}, out;
    in.organisation_id = org_id;
    snprintf(in.username, sizeof(in.username), "%s", name);
    snprintf(in.display_name, sizeof(in.display_name), "Gebruiker %s", name);
    snprintf(in.role, sizeof(in.role), "%s", role);
    cr_assert_eq(store_user_create(db, &in, "$argon2id$fake", &out), STORE_OK);
    return out;
}

Test(access_store, users_are_created_found_and_unique)
{
    store_user u = new_user("fb.jansen", "functioneel_beheer");
    cr_assert_gt(u.id, 0);
    cr_assert_str_eq(u.org_kind, "dji");
    cr_assert(u.org_totp_required);
    cr_assert_not(u.disabled);
    store_user got;
    store_user_secrets sec;
    cr_assert_eq(store_user_find(db, "fb.jansen", &got, &sec), STORE_OK);
    cr_assert_eq(got.id, u.id);
    cr_assert_str_eq(sec.password_hash, "$argon2id$fake");
    cr_assert_str_eq(sec.totp_secret, "");
    cr_assert_eq(store_user_find(db, "nobody", &got, NULL), STORE_NOT_FOUND);
    store_user in = {0}, out;
    in.organisation_id = org_id;
    snprintf(in.username, sizeof(in.username), "fb.jansen");
    snprintf(in.display_name, sizeof(in.display_name), "X");
    snprintf(in.role, sizeof(in.role), "beleid");
    cr_assert_eq(store_user_create(db, &in, "h", &out), STORE_DUPLICATE);
    in.organisation_id = 999;
    snprintf(in.username, sizeof(in.username), "other");
    cr_assert_eq(store_user_create(db, &in, "h", &out), STORE_NOT_FOUND);
}

Test(access_store, sessions_expire_idle_and_absolute_and_end_with_disable)
{
    store_user u = new_user("pl.de.vries", "plaatser");
    store_session s, got;
    cr_assert_eq(store_session_create(db, "hash-1", u.id, "csrf-1", "2026-01-01T10:00:00Z",
                                      "2026-01-01T10:30:00Z", "2026-01-01T22:00:00Z", &s),
                 STORE_OK);
    cr_assert_str_eq(s.csrf_token, "csrf-1");
    cr_assert_eq(s.user.id, u.id);
    cr_assert_eq(store_session_find(db, "hash-1", "2026-01-01T10:29:59Z", &got), STORE_OK);
    cr_assert_str_eq(got.user.role, "plaatser");
    cr_assert_eq(store_session_find(db, "hash-1", "2026-01-01T10:30:00Z", &got), STORE_NOT_FOUND);
    cr_assert_eq(store_session_find(db, "hash-2", "2026-01-01T10:00:00Z", &got), STORE_NOT_FOUND);
    /* Touching moves the idle expiry, never past the absolute one. */
    cr_assert_eq(store_session_touch(db, s.id, "2026-01-01T21:50:00Z", "2026-01-01T22:20:00Z"),
                 STORE_OK);
    cr_assert_eq(store_session_find(db, "hash-1", "2026-01-01T21:59:59Z", &got), STORE_OK);
    cr_assert_str_eq(got.idle_expires_at, "2026-01-01T22:00:00Z");
    cr_assert_eq(store_session_find(db, "hash-1", "2026-01-01T22:00:00Z", &got), STORE_NOT_FOUND);
    cr_assert_eq(store_session_create(db, "hash-3", u.id, "c", "2026-01-01T10:00:00Z",
                                      "2099-01-01T00:00:00Z", "2099-01-01T00:00:00Z", &s),
                 STORE_OK);
    store_user d;
    cr_assert_eq(store_user_set_disabled(db, u.id, true, &d), STORE_OK);
    cr_assert(d.disabled);
    cr_assert_eq(store_session_find(db, "hash-3", "2026-01-01T10:00:00Z", &got), STORE_NOT_FOUND);
    /* Disabling ended both sessions; purging removes only expired ones of others. */
    store_user v = new_user("pl.other", "plaatser");
    cr_assert_eq(store_session_create(db, "hash-4", v.id, "c", "2026-01-01T10:00:00Z",
                                      "2026-01-01T10:30:00Z", "2026-01-01T22:00:00Z", &s),
                 STORE_OK);
    cr_assert_eq(store_session_create(db, "hash-5", v.id, "c", "2026-01-01T10:00:00Z",
                                      "2099-01-01T00:00:00Z", "2099-01-01T00:00:00Z", &s),
                 STORE_OK);
    int64_t removed = 0;
    cr_assert_eq(store_session_purge(db, "2026-06-01T00:00:00Z", &removed), STORE_OK);
    cr_assert_eq(removed, 1);
    cr_assert_eq(store_session_find(db, "hash-5", "2026-06-01T00:00:00Z", &got), STORE_OK);
}

Test(access_store, a_totp_step_is_used_once)
{
    store_user u = new_user("fb.totp", "functioneel_beheer");
    cr_assert_eq(store_user_totp_set(db, u.id, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", true), STORE_OK);
    cr_assert_eq(store_user_totp_use(db, u.id, 100), STORE_OK);
    cr_assert_eq(store_user_totp_use(db, u.id, 100), STORE_CONFLICT);
    cr_assert_eq(store_user_totp_use(db, u.id, 99), STORE_CONFLICT);
    cr_assert_eq(store_user_totp_use(db, u.id, 101), STORE_OK);
    store_user got;
    store_user_secrets sec;
    cr_assert_eq(store_user_find(db, "fb.totp", &got, &sec), STORE_OK);
    cr_assert(got.totp_enabled);
    cr_assert_str_eq(sec.totp_secret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    /* A reset clears the enrolment. */
    cr_assert_eq(store_user_set_password(db, u.id, "new", true, true, 0, &got), STORE_OK);
    cr_assert_not(got.totp_enabled);
    cr_assert(got.must_change_password);
}

Test(access_store, revoked_tokens_are_not_found)
{
    store_token t, got;
    cr_assert_eq(store_token_create(db, org_id, "Koppeling", "thash", "fb", &t), STORE_OK);
    cr_assert_eq(store_token_find(db, "thash", &got), STORE_OK);
    cr_assert_eq(got.organisation_id, org_id);
    cr_assert_str_eq(got.revoked_at, "");
    cr_assert_eq(store_token_revoke(db, t.id, &got), STORE_OK);
    cr_assert_neq(got.revoked_at[0], '\0');
    cr_assert_eq(store_token_find(db, "thash", &got), STORE_NOT_FOUND);
    cr_assert_eq(store_token_revoke(db, t.id, &got), STORE_NOT_FOUND);
    cr_assert_eq(store_token_create(db, 999, "X", "h2", "fb", &t), STORE_NOT_FOUND);
}

Test(access_store, failed_logins_count_in_a_row_and_are_forgotten)
{
    int64_t n;
    char last[24];
    cr_assert_eq(store_login_failures(db, "u:x", &n, last), STORE_OK);
    cr_assert_eq(n, 0);
    for (int i = 0; i < 3; i++)
        cr_assert_eq(store_login_failed(db, "u:x", "2026-01-01T10:00:00Z", "2026-01-01T09:45:00Z"),
                     STORE_OK);
    cr_assert_eq(store_login_failures(db, "u:x", &n, last), STORE_OK);
    cr_assert_eq(n, 3);
    cr_assert_str_eq(last, "2026-01-01T10:00:00Z");
    /* A failure long after the previous one starts counting afresh. */
    cr_assert_eq(store_login_failed(db, "u:x", "2026-01-01T12:00:00Z", "2026-01-01T11:45:00Z"),
                 STORE_OK);
    cr_assert_eq(store_login_failures(db, "u:x", &n, last), STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_eq(store_login_failed(db, "u:y", "2026-01-01T12:00:00Z", "2026-01-01T11:45:00Z"),
                 STORE_OK);
    cr_assert_eq(store_login_purge(db, "2026-01-01T12:00:01Z"), STORE_OK);
    cr_assert_eq(store_login_failures(db, "u:y", &n, last), STORE_OK);
    cr_assert_eq(n, 0);
    cr_assert_eq(store_login_failures(db, "u:x", &n, last), STORE_OK);
    cr_assert_eq(n, 0);
    cr_assert_eq(store_login_failed(db, "u:x", "2026-01-01T12:00:00Z", "2026-01-01T11:45:00Z"),
                 STORE_OK);
    cr_assert_eq(store_login_reset(db, "u:x"), STORE_OK);
    cr_assert_eq(store_login_failures(db, "u:x", &n, last), STORE_OK);
    cr_assert_eq(n, 0);
}

static void append(int64_t client, const char *action)
{
    store_access_entry e = {0};
    e.user_id = 7;
    snprintf(e.username, sizeof(e.username), "pl.de.vries");
    snprintf(e.role, sizeof(e.role), "plaatser");
    e.organisation_id = org_id;
    e.client_id = client;
    snprintf(e.object_type, sizeof(e.object_type), "client");
    e.object_id = client;
    snprintf(e.action, sizeof(e.action), "%s", action);
    snprintf(e.request_id, sizeof(e.request_id), "req-%lld", (long long)client);
    cr_assert_eq(store_access_log_append(db, &e), STORE_OK);
    cr_assert_eq(strlen(e.hash), 64);
}

static void log_five(void)
{
    append(11, "read");
    append(12, "read");
    append(11, "update");
    append(13, "read");
    append(11, "read");
}

Test(access_store, the_log_lists_by_client_and_an_untouched_log_verifies)
{
    log_five();
    store_access_entry *items;
    size_t n;
    cr_assert_eq(store_access_log_list(db, 11, 0, 100, &items, &n), STORE_OK);
    cr_assert_eq(n, 3);
    cr_assert_eq(items[0].seq, 1);
    cr_assert_eq(items[1].seq, 3);
    cr_assert_str_eq(items[1].action, "update");
    cr_assert_str_eq(items[2].username, "pl.de.vries");
    free(items);
    cr_assert_eq(store_access_log_list(db, 0, 0, 100, &items, &n), STORE_OK);
    cr_assert_eq(n, 5);
    cr_assert_str_eq(items[1].prev_hash, items[0].hash);
    cr_assert_str_eq(items[0].prev_hash,
                     "0000000000000000000000000000000000000000000000000000000000000000");
    free(items);
    int64_t checked, bad;
    char why[200];
    cr_assert_eq(store_access_log_verify(db, &checked, &bad, why, sizeof(why)), STORE_OK, "%s",
                 why);
    cr_assert_eq(checked, 5);
    cr_assert_eq(bad, 0);
}

static void expect_broken_at(int64_t seq, const char *words)
{
    int64_t checked, bad;
    char why[200];
    cr_assert_eq(store_access_log_verify(db, &checked, &bad, why, sizeof(why)), STORE_CONFLICT);
    cr_assert_eq(bad, seq, "%s", why);
    cr_assert(strstr(why, words) != NULL, "%s", why);
}

Test(access_store, an_edited_entry_is_named)
{
    log_five();
    raw_sql("UPDATE access_log SET client_id = 99 WHERE seq = 3");
    expect_broken_at(3, "entry 3 was changed");
}

Test(access_store, an_edit_with_a_recomputed_hash_breaks_the_next_link)
{
    log_five();
    raw_sql("UPDATE access_log SET hash = 'aaaa' WHERE seq = 2");
    expect_broken_at(2, "entry 2");
}

Test(access_store, a_deleted_entry_is_named)
{
    log_five();
    raw_sql("DELETE FROM access_log WHERE seq = 2");
    expect_broken_at(2, "entry 2 is missing");
}

Test(access_store, a_deleted_last_entry_is_named)
{
    log_five();
    raw_sql("DELETE FROM access_log WHERE seq = 5");
    expect_broken_at(5, "entry 5 is missing");
}

static void *append_many(void *arg)
{
    (void)arg;
    for (int i = 0; i < 10; i++) {
        store_access_entry e = {0};
        snprintf(e.username, sizeof(e.username), "t");
        snprintf(e.role, sizeof(e.role), "plaatser");
        snprintf(e.object_type, sizeof(e.object_type), "client");
        snprintf(e.action, sizeof(e.action), "read");
        e.client_id = 1;
        if (store_access_log_append(db, &e) != STORE_OK)
            return (void *)1;
    }
    return NULL;
}

Test(access_store, concurrent_appenders_keep_one_chain)
{
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, append_many, NULL);
    for (int i = 0; i < 4; i++) {
        void *res;
        pthread_join(t[i], &res);
        cr_assert_null(res);
    }
    int64_t checked, bad;
    char why[200];
    cr_assert_eq(store_access_log_verify(db, &checked, &bad, why, sizeof(why)), STORE_OK, "%s",
                 why);
    cr_assert_eq(checked, 40);
}

/* A write and its log entry commit together: a store module appends inside its own
 * transaction, and when that transaction rolls back, the entry is gone too. */
typedef struct {
    int fail;
} write_ctx;

static int write_with_log(db_conn *c, void *vctx)
{
    write_ctx *x = vctx;
    store_access_entry e = {0};
    snprintf(e.username, sizeof(e.username), "pl");
    snprintf(e.role, sizeof(e.role), "plaatser");
    snprintf(e.object_type, sizeof(e.object_type), "client");
    snprintf(e.action, sizeof(e.action), "update");
    e.client_id = 42;
    int rc = db_exec(c, "UPDATE organisation SET name = 'DJI nieuw' WHERE id = 1", NULL, 0, NULL);
    if (rc == STORE_OK)
        rc = store_access_log_append_in(c, &e);
    return rc == STORE_OK && x->fail ? STORE_CONFLICT : rc;
}

Test(access_store, a_log_entry_commits_or_rolls_back_with_the_write)
{
    write_ctx x = {.fail = 1};
    cr_assert_eq(store_tx(db, true, write_with_log, &x), STORE_CONFLICT);
    store_access_entry *items;
    size_t n;
    cr_assert_eq(store_access_log_list(db, 42, 0, 10, &items, &n), STORE_OK);
    cr_assert_eq(n, 0);
    free(items);
    store_organisation o;
    cr_assert_eq(store_organisation_get(db, org_id, &o), STORE_OK);
    cr_assert_str_eq(o.name, "DJI");
    x.fail = 0;
    cr_assert_eq(store_tx(db, true, write_with_log, &x), STORE_OK);
    cr_assert_eq(store_access_log_list(db, 42, 0, 10, &items, &n), STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_eq(items[0].seq, 1, "the rolled-back entry left no gap");
    free(items);
    int64_t checked, bad;
    char why[200];
    cr_assert_eq(store_access_log_verify(db, &checked, &bad, why, sizeof(why)), STORE_OK, "%s",
                 why);
}
