/*
 * test_bericht.c - the bericht table behind idempotent message processing (bericht.h), on
 * SQLite and PostgreSQL.
 */
#include "store/bericht.h"
#include "storefix.h"

#include <criterion/criterion.h>
#include <string.h>

static testdb tdb;
static store *db;

static void setup(void)
{
    storefix_open(&tdb, &db);
}

static void teardown(void)
{
    storefix_close(&tdb, &db);
}

TestSuite(bericht, .init = setup, .fini = teardown);

Test(bericht, claim_then_finish_then_claim_again_returns_the_stored_retour)
{
    int64_t id = 0, id2 = 0;
    store_bericht prev = {0};
    cr_assert_eq(store_bericht_claim(db, "41123456", "825", "EINDE-1", "abc", &id, &prev),
                 STORE_OK);
    cr_assert_gt(id, 0);
    cr_assert_eq(store_bericht_finish(db, id, "<retour/>"), STORE_OK);
    cr_assert_eq(store_bericht_claim(db, "41123456", "825", "EINDE-1", "abc", &id2, &prev),
                 STORE_DUPLICATE);
    cr_assert_eq(prev.id, id);
    cr_assert_str_eq(prev.inhoud_hash, "abc");
    cr_assert_str_eq(prev.retour, "<retour/>");
    cr_assert_eq(strlen(prev.ontvangen_op), 20);
    store_bericht_clear(&prev);
}

Test(bericht, an_open_claim_has_no_retour_and_finishes_only_once)
{
    int64_t id = 0, id2 = 0;
    store_bericht prev = {0};
    cr_assert_eq(store_bericht_claim(db, "41123456", "823", "S-1", "h1", &id, NULL), STORE_OK);
    cr_assert_eq(store_bericht_claim(db, "41123456", "823", "S-1", "h1", &id2, &prev),
                 STORE_DUPLICATE);
    cr_assert_null(prev.retour);
    store_bericht_clear(&prev);
    cr_assert_eq(store_bericht_finish(db, id, "<a/>"), STORE_OK);
    cr_assert_eq(store_bericht_finish(db, id, "<b/>"), STORE_CONFLICT);
    store_bericht got;
    cr_assert_eq(store_bericht_get(db, "41123456", "823", "S-1", &got), STORE_OK);
    cr_assert_str_eq(got.retour, "<a/>");
    store_bericht_clear(&got);
}

Test(bericht, the_key_is_sender_type_and_identification)
{
    int64_t id = 0;
    cr_assert_eq(store_bericht_claim(db, "41123456", "825", "X", "h", &id, NULL), STORE_OK);
    cr_assert_eq(store_bericht_claim(db, "41123457", "825", "X", "h", &id, NULL), STORE_OK);
    cr_assert_eq(store_bericht_claim(db, "41123456", "823", "X", "h", &id, NULL), STORE_OK);
    cr_assert_eq(store_bericht_claim(db, "41123456", "825", "X", "h", &id, NULL), STORE_DUPLICATE);
}

Test(bericht, release_drops_an_open_claim_but_never_a_finished_one)
{
    int64_t id = 0, id2 = 0;
    cr_assert_eq(store_bericht_claim(db, "41123456", "822", "R-1", "h", &id, NULL), STORE_OK);
    cr_assert_eq(store_bericht_release(db, id), STORE_OK);
    store_bericht got;
    cr_assert_eq(store_bericht_get(db, "41123456", "822", "R-1", &got), STORE_NOT_FOUND);
    cr_assert_eq(store_bericht_claim(db, "41123456", "822", "R-1", "h", &id2, NULL), STORE_OK);
    cr_assert_eq(store_bericht_finish(db, id2, "<r/>"), STORE_OK);
    cr_assert_eq(store_bericht_release(db, id2), STORE_NOT_FOUND);
}

Test(bericht, oversized_or_empty_keys_are_invalid)
{
    int64_t id = 0;
    char big[80];
    memset(big, '1', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    cr_assert_eq(store_bericht_claim(db, "", "825", "X", "h", &id, NULL), STORE_INVALID);
    cr_assert_eq(store_bericht_claim(db, "41123456", "825", big, "h", &id, NULL), STORE_INVALID);
    cr_assert_eq(store_bericht_finish(db, 1, NULL), STORE_INVALID);
}
