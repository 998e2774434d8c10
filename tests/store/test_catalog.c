/*
 * test_catalog.c - the care offer, clients and indications in the store (store/catalog.h),
 * on SQLite and PostgreSQL: create/read/update with versions, keys, lists with filters,
 * sorting and paging, the catalog version, indication versions and the geo table.
 */
#include "store/catalog.h"
#include "storefix.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
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

TestSuite(catalog, .init = setup, .fini = teardown);

#define ALL STORE_SCOPE_EVERYTHING

/* A fresh access-log entry for a write of client data (who: the test). */
/* The access-log entry of the fixture's writes. */
static store_access_entry *audit(void)
{
    return storefix_audit("indiceerder");
}

static ifzo_date D(const char *s)
{
    ifzo_date d = 0;
    cr_assert_eq(ifzo_date_parse(s, &d), IFZO_CAL_OK);
    return d;
}

static int64_t provider(const char *naam, const char *agb)
{
    ifzo_zorgaanbieder z = {.toelating = true};
    snprintf(z.naam, sizeof z.naam, "%s", naam);
    snprintf(z.agb, sizeof z.agb, "%s", agb);
    store_zorgaanbieder out;
    cr_assert_eq(store_zorgaanbieder_create(db, &z, &out), STORE_OK);
    return out.v.id;
}

static ifzo_zorglocatie location(int64_t zid, const char *agb)
{
    ifzo_zorglocatie l = {.zorgaanbieder_id = zid,
                          .naam = "Locatie",
                          .adres = "Laan 1",
                          .postcode = "3011AB",
                          .plaats = "Rotterdam",
                          .arrondissement = "RTD",
                          .lat = 51.92,
                          .lon = 4.48,
                          .beveiligingsniveau = "2"};
    snprintf(l.agb, sizeof l.agb, "%s", agb);
    return l;
}

static int64_t catalog_version(void)
{
    int64_t v = -1;
    cr_assert_eq(store_catalog_version(db, &v), STORE_OK);
    return v;
}

Test(catalog, provider_round_trip_version_conflict_and_duplicate_agb)
{
    cr_assert_eq(catalog_version(), 0);
    ifzo_zorgaanbieder z = {.naam = "Fivoor", .agb = "06110001", .toelating = true};
    store_zorgaanbieder out, got;
    cr_assert_eq(store_zorgaanbieder_create(db, &z, &out), STORE_OK);
    cr_assert_gt(out.v.id, 0);
    cr_assert_eq(out.m.version, 1);
    cr_assert_eq(catalog_version(), 1);
    cr_assert_eq(store_zorgaanbieder_get(db, out.v.id, &got), STORE_OK);
    cr_assert_str_eq(got.v.naam, "Fivoor");
    cr_assert_str_eq(got.v.agb, "06110001");
    cr_assert(got.v.toelating);
    cr_assert_eq(store_zorgaanbieder_create(db, &z, &out), STORE_DUPLICATE);
    cr_assert_eq(catalog_version(), 1, "a failed write must not raise the version");

    got.v.toelating = false;
    strcpy(got.v.naam, "Fivoor B.V.");
    cr_assert_eq(store_zorgaanbieder_update(db, &got.v, 1, &out), STORE_OK);
    cr_assert_eq(out.m.version, 2);
    cr_assert_not(out.v.toelating);
    cr_assert_eq(catalog_version(), 2);
    cr_assert_eq(store_zorgaanbieder_update(db, &got.v, 1, &out), STORE_CONFLICT);
    cr_assert_eq(out.m.version, 2);
    got.v.id = 999;
    cr_assert_eq(store_zorgaanbieder_update(db, &got.v, 1, &out), STORE_NOT_FOUND);
    cr_assert_eq(store_zorgaanbieder_get(db, 999, &out), STORE_NOT_FOUND);
}

Test(catalog, contract_location_offer_and_missing_parent)
{
    int64_t zid = provider("Aanbieder", "06110002");
    ifzo_contract c = {.zorgaanbieder_id = zid,
                       .zorgtype = "KLIN",
                       .geldig_van = D("2025-01-01"),
                       .geldig_tot = IFZO_NO_DATE};
    store_contract sc;
    cr_assert_eq(store_contract_create(db, &c, &sc), STORE_OK);
    cr_assert_eq(sc.v.geldig_van, D("2025-01-01"));
    cr_assert_eq(sc.v.geldig_tot, IFZO_NO_DATE);
    sc.v.geldig_tot = D("2025-12-31");
    sc.v.zorgaanbieder_id = 12345; /* ignored: cannot move */
    cr_assert_eq(store_contract_update(db, &sc.v, 1, &sc), STORE_OK);
    cr_assert_eq(sc.v.geldig_tot, D("2025-12-31"));
    cr_assert_eq(sc.v.zorgaanbieder_id, zid);
    c.zorgaanbieder_id = 999;
    cr_assert_eq(store_contract_create(db, &c, &sc), STORE_INVALID);

    ifzo_zorglocatie l = location(zid, "06990001");
    store_zorglocatie sl;
    cr_assert_eq(store_zorglocatie_create(db, ALL, &l, &sl), STORE_OK);
    cr_assert_eq(sl.v.lat, 51.92);
    cr_assert_str_eq(sl.v.arrondissement, "RTD");
    cr_assert_eq(store_zorglocatie_create(db, ALL, &l, &sl), STORE_DUPLICATE);

    ifzo_zorgaanbod a = {.zorglocatie_id = sl.v.id,
                         .zorgtype = "KLIN",
                         .leeftijd_min = 18,
                         .leeftijd_max = 99,
                         .capaciteit = 20,
                         .bezet = 18,
                         .wachtlijst = 3,
                         .wachttijd_dagen = 40,
                         .opnamestop = true,
                         .opnamestop_van = D("2025-03-01"),
                         .opnamestop_tot = IFZO_NO_DATE,
                         .bijgewerkt_op = D("2025-02-01")};
    ifzo_codeset_add(IFZO_CRIT_GESLACHT, "1", &a.criteria.set[IFZO_CRIT_GESLACHT]);
    ifzo_codeset_add(IFZO_CRIT_DSM_HOOFDGROEP, "04", &a.criteria.set[IFZO_CRIT_DSM_HOOFDGROEP]);
    ifzo_codeset_add(IFZO_CRIT_DSM_HOOFDGROEP, "16", &a.criteria.set[IFZO_CRIT_DSM_HOOFDGROEP]);
    store_zorgaanbod so;
    int64_t before = catalog_version();
    cr_assert_eq(store_zorgaanbod_create(db, ALL, &a, &so), STORE_OK);
    cr_assert_eq(catalog_version(), before + 1);
    cr_assert_eq(memcmp(&so.v.criteria, &a.criteria, sizeof a.criteria), 0);
    cr_assert_eq(so.v.opnamestop_van, D("2025-03-01"));
    cr_assert_eq(so.v.opnamestop_tot, IFZO_NO_DATE);
    cr_assert_eq(so.v.wachttijd_dagen, 40);
    cr_assert_eq(store_zorgaanbod_create(db, ALL, &a, &so), STORE_DUPLICATE); /* same loc + type */
    so.v.bezet = 20;
    cr_assert_eq(store_zorgaanbod_update(db, ALL, &so.v, 1, &so), STORE_OK);
    cr_assert_eq(so.v.bezet, 20);
    cr_assert_eq(catalog_version(), before + 2);
}

Test(catalog, lists_filter_sort_and_page)
{
    int64_t a = provider("Bravis", "06110010");
    int64_t b = provider("Antes", "06110011");
    provider("Celebris", "06110012");
    store_zorgaanbieder *items;
    size_t n;
    int64_t total;
    store_list_query q = {.sort = "naam", .limit = 2};
    cr_assert_eq(store_zorgaanbieder_list(db, &q, &items, &n, &total), STORE_OK);
    cr_assert_eq(total, 3);
    cr_assert_eq(n, 2);
    cr_assert_str_eq(items[0].v.naam, "Antes");
    cr_assert_str_eq(items[1].v.naam, "Bravis");
    free(items);
    q.offset = 2;
    cr_assert_eq(store_zorgaanbieder_list(db, &q, &items, &n, &total), STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(items[0].v.naam, "Celebris");
    free(items);
    q = (store_list_query){.desc = true, .limit = 10, .filter = {"06110011"}};
    cr_assert_eq(store_zorgaanbieder_list(db, &q, &items, &n, &total), STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_eq(items[0].v.id, b);
    free(items);
    q = (store_list_query){.sort = "agb; DROP TABLE x", .limit = 10};
    cr_assert_eq(store_zorgaanbieder_list(db, &q, &items, &n, &total), STORE_INVALID);
    cr_assert(store_sort_valid("zorglocatie", "postcode"));
    cr_assert_not(store_sort_valid("zorglocatie", "agb"));
    cr_assert(store_sort_valid("indicatie", "aanmelddatum"));

    ifzo_zorglocatie l1 = location(a, "06990010"), l2 = location(b, "06990011");
    strcpy(l2.arrondissement, "AMS");
    store_zorglocatie sl;
    cr_assert_eq(store_zorglocatie_create(db, ALL, &l1, &sl), STORE_OK);
    cr_assert_eq(store_zorglocatie_create(db, ALL, &l2, &sl), STORE_OK);
    store_zorglocatie *locs;
    char zid[24];
    snprintf(zid, sizeof zid, "%lld", (long long)b);
    q = (store_list_query){.limit = 10, .filter = {zid}};
    cr_assert_eq(store_zorglocatie_list(db, &q, &locs, &n, &total), STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_str_eq(locs[0].v.arrondissement, "AMS");
    free(locs);
    q = (store_list_query){.limit = 10, .filter = {NULL, "RTD", "2"}};
    cr_assert_eq(store_zorglocatie_list(db, &q, &locs, &n, &total), STORE_OK);
    cr_assert_eq(n, 1);
    cr_assert_eq(locs[0].v.zorgaanbieder_id, a);
    free(locs);
}

static int64_t client(const char *bsn)
{
    ifzo_justitiabele j = {
        .achternaam = "Vries", .voornamen = "Jan", .geslacht = "1", .postcode = "9711"};
    j.geboortedatum = D("1985-05-05");
    snprintf(j.bsn, sizeof j.bsn, "%s", bsn);
    store_justitiabele out;
    cr_assert_eq(store_justitiabele_create(db, ALL, &j, audit(), &out), STORE_OK);
    cr_assert_eq(out.v.geboortedatum, D("1985-05-05"));
    return out.v.id;
}

Test(catalog, clients_unique_bsn_and_update)
{
    int64_t id = client("111222333");
    store_justitiabele j;
    cr_assert_eq(store_justitiabele_get(db, ALL, id, &j), STORE_OK);
    cr_assert_str_eq(j.v.bsn, "111222333");
    cr_assert_str_eq(j.v.postcode, "9711");
    ifzo_justitiabele dup = j.v;
    cr_assert_eq(store_justitiabele_create(db, ALL, &dup, audit(), &j), STORE_DUPLICATE);
    store_justitiabele got;
    store_justitiabele_get(db, ALL, id, &got);
    strcpy(got.v.achternaam, "de Vries");
    cr_assert_eq(store_justitiabele_update(db, ALL, &got.v, 1, audit(), &j), STORE_OK);
    cr_assert_str_eq(j.v.achternaam, "de Vries");
    cr_assert_eq(catalog_version(), 0, "clients are not part of the catalog");
}

Test(catalog, indication_versions_keep_the_old_one_readable)
{
    int64_t cid = client("123456782");
    ifzo_indicatie in = {.status = IFZO_IND_CONCEPT,
                         .justitiabele_id = cid,
                         .zorgtype = "ABH",
                         .titel_start = IFZO_NO_DATE,
                         .titel_eind = IFZO_NO_DATE,
                         .aanmelddatum = D("2025-01-02"),
                         .onderbouwing = "eerste"};
    store_indicatie s1, s2;
    cr_assert_eq(store_indicatie_create(db, ALL, &in, audit(), &s1), STORE_OK);
    cr_assert_eq(s1.v.versie, 1);
    cr_assert_eq(s1.v.status, IFZO_IND_CONCEPT);
    cr_assert_eq(s1.m.version, 1);
    cr_assert_eq(s1.v.indicerende_organisatie_id, 0);

    /* A concept changes in place. */
    in.id = s1.v.id;
    strcpy(in.onderbouwing, "tweede");
    cr_assert_eq(store_indicatie_update(db, ALL, &in, 1, audit(), &s2), STORE_OK);
    cr_assert_eq(s2.v.versie, 1);
    cr_assert_str_eq(s2.v.onderbouwing, "tweede");
    cr_assert_eq(s2.m.version, 2);
    cr_assert_eq(store_indicatie_update(db, ALL, &in, 1, audit(), &s2), STORE_CONFLICT);

    /* Made definitive in place, then changed: a new version; the old one is vervangen. */
    in.status = IFZO_IND_DEFINITIEF;
    cr_assert_eq(store_indicatie_update(db, ALL, &in, 2, audit(), &s2), STORE_OK);
    cr_assert_eq(s2.v.status, IFZO_IND_DEFINITIEF);
    cr_assert_eq(s2.v.versie, 1);
    strcpy(in.onderbouwing, "herindicatie");
    cr_assert_eq(store_indicatie_update(db, ALL, &in, 3, audit(), &s2), STORE_OK);
    cr_assert_eq(s2.v.versie, 2);
    cr_assert_eq(s2.huidige_versie, 2);
    cr_assert_eq(s2.v.status, IFZO_IND_DEFINITIEF);
    cr_assert_str_eq(s2.v.onderbouwing, "herindicatie");
    cr_assert_eq(store_indicatie_get(db, ALL, s1.v.id, 1, &s2), STORE_OK);
    cr_assert_eq(s2.v.status, IFZO_IND_VERVANGEN);
    cr_assert_str_eq(s2.v.onderbouwing, "tweede");
    cr_assert_eq(store_indicatie_get(db, ALL, s1.v.id, 3, &s2), STORE_NOT_FOUND);

    store_indicatie *items;
    size_t n;
    cr_assert_eq(store_indicatie_versions(db, ALL, s1.v.id, &items, &n), STORE_OK);
    cr_assert_eq(n, 2);
    cr_assert_eq(items[0].v.status, IFZO_IND_VERVANGEN);
    cr_assert_eq(items[1].v.status, IFZO_IND_DEFINITIEF);
    free(items);

    int64_t total;
    store_list_query q = {.limit = 10, .filter = {NULL, "definitief"}};
    cr_assert_eq(store_indicatie_list(db, ALL, &q, &items, &n, &total), STORE_OK);
    cr_assert_eq(total, 1);
    cr_assert_eq(n, 1);
    cr_assert_eq(items[0].v.versie, 2);
    free(items);
    q.filter[1] = "concept";
    cr_assert_eq(store_indicatie_list(db, ALL, &q, &items, &n, &total), STORE_OK);
    cr_assert_eq(n, 0);
    free(items);

    in.justitiabele_id = 999;
    cr_assert_eq(store_indicatie_create(db, ALL, &in, audit(), &s2), STORE_INVALID);
}

Test(catalog, geo_table_replace_and_lookup)
{
    int64_t n = -1;
    cr_assert_eq(store_geo_count(db, &n), STORE_OK);
    cr_assert_eq(n, 0);
    store_geo_row rows[2] = {
        {.pc4 = 1011, .gemeente = "Amsterdam", .arrondissement = "AMS", .lat = 52.37, .lon = 4.9},
        {.pc4 = 9711, .gemeente = "Groningen", .arrondissement = "NNE", .lat = 53.2, .lon = 6.56}};
    cr_assert_eq(store_geo_replace(db, rows, 2), STORE_OK);
    store_geo_row g;
    cr_assert_eq(store_geo_get(db, 9711, &g), STORE_OK);
    cr_assert_str_eq(g.gemeente, "Groningen");
    cr_assert_str_eq(g.arrondissement, "NNE");
    cr_assert_eq(store_geo_get(db, 1234, &g), STORE_NOT_FOUND);
    cr_assert_eq(store_geo_replace(db, rows, 1), STORE_OK);
    cr_assert_eq(store_geo_count(db, &n), STORE_OK);
    cr_assert_eq(n, 1);
}

static int bulk_two_providers(store_bulk *b, void *ctx)
{
    (void)ctx;
    ifzo_zorgaanbieder z = {.naam = "Bulk A", .agb = "06110100", .toelating = true};
    int64_t id;
    int rc = store_bulk_zorgaanbieder(b, &z, &id);
    if (rc != STORE_OK)
        return rc;
    strcpy(z.agb, "06110101");
    return store_bulk_zorgaanbieder(b, &z, NULL);
}

static int bulk_then_duplicate(store_bulk *b, void *ctx)
{
    int rc = bulk_two_providers(b, ctx);
    if (rc != STORE_OK)
        return rc;
    ifzo_zorgaanbieder z = {.naam = "Bulk C", .agb = "06110100", .toelating = true};
    return store_bulk_zorgaanbieder(b, &z, NULL); /* same AGB: the whole run rolls back */
}

Test(catalog, bulk_runs_commit_or_roll_back_together_and_raise_the_catalog_version)
{
    store_zorgaanbieder *items;
    size_t n;
    int64_t total;
    store_list_query q = {.limit = 10};
    cr_assert_eq(store_bulk_run(db, bulk_then_duplicate, NULL), STORE_DUPLICATE);
    cr_assert_eq(store_zorgaanbieder_list(db, &q, &items, &n, &total), STORE_OK);
    free(items);
    cr_assert_eq(total, 0);
    cr_assert_eq(catalog_version(), 0);
    cr_assert_eq(store_bulk_run(db, bulk_two_providers, NULL), STORE_OK);
    cr_assert_eq(store_zorgaanbieder_list(db, &q, &items, &n, &total), STORE_OK);
    free(items);
    cr_assert_eq(total, 2);
    cr_assert_eq(catalog_version(), 2);
}

Test(catalog, every_offer_record_change_raises_the_catalog_version)
{
    int64_t zid = provider("Versie", "06110200");
    int64_t v = catalog_version();
    ifzo_contract c = {.zorgaanbieder_id = zid,
                       .zorgtype = "AMB",
                       .geldig_van = D("2025-01-01"),
                       .geldig_tot = IFZO_NO_DATE};
    store_contract sc;
    cr_assert_eq(store_contract_create(db, &c, &sc), STORE_OK);
    cr_assert_eq(catalog_version(), v + 1);
    cr_assert_eq(store_contract_update(db, &sc.v, 1, &sc), STORE_OK);
    cr_assert_eq(catalog_version(), v + 2);
    cr_assert_eq(store_contract_update(db, &sc.v, 1, &sc), STORE_CONFLICT);
    cr_assert_eq(catalog_version(), v + 2);
    ifzo_zorglocatie l = location(zid, "06990400");
    store_zorglocatie sl;
    cr_assert_eq(store_zorglocatie_create(db, ALL, &l, &sl), STORE_OK);
    cr_assert_eq(store_zorglocatie_update(db, ALL, &sl.v, 1, &sl), STORE_OK);
    cr_assert_eq(catalog_version(), v + 4);
}

Test(catalog, snapshot_holds_everything_with_its_version)
{
    store_catalog_snapshot snap;
    cr_assert_eq(store_catalog_load(db, &snap), STORE_OK);
    cr_assert_eq(snap.version, 0);
    cr_assert_eq(snap.n_zorgaanbieders + snap.n_contracts + snap.n_zorglocaties, 0);
    store_catalog_snapshot_free(&snap);

    int64_t zid = provider("Snap", "06110300");
    ifzo_contract c = {.zorgaanbieder_id = zid,
                       .zorgtype = "VBW",
                       .geldig_van = D("2025-01-01"),
                       .geldig_tot = IFZO_NO_DATE};
    store_contract sc;
    cr_assert_eq(store_contract_create(db, &c, &sc), STORE_OK);
    ifzo_zorglocatie l = location(zid, "06990500");
    store_zorglocatie sl;
    cr_assert_eq(store_zorglocatie_create(db, ALL, &l, &sl), STORE_OK);
    ifzo_zorgaanbod a = {.zorglocatie_id = sl.v.id,
                         .zorgtype = "BW",
                         .leeftijd_max = 99,
                         .capaciteit = 4,
                         .opnamestop_van = IFZO_NO_DATE,
                         .opnamestop_tot = IFZO_NO_DATE,
                         .bijgewerkt_op = D("2025-01-01")};
    ifzo_codeset_add(IFZO_CRIT_BEREIK, "ARR", &a.criteria.set[IFZO_CRIT_BEREIK]);
    store_zorgaanbod so;
    cr_assert_eq(store_zorgaanbod_create(db, ALL, &a, &so), STORE_OK);

    cr_assert_eq(store_catalog_load(db, &snap), STORE_OK);
    cr_assert_eq(snap.version, 4);
    cr_assert_eq(snap.n_zorgaanbieders, 1);
    cr_assert_eq(snap.zorgaanbieders[0].id, zid);
    cr_assert_eq(snap.n_contracts, 1);
    cr_assert_str_eq(snap.contracts[0].zorgtype, "VBW");
    cr_assert(zorgaanbieder_matchable(&snap.zorgaanbieders[0], snap.contracts, snap.n_contracts,
                                      "BW", D("2025-06-01")));
    cr_assert_eq(snap.n_zorglocaties, 1);
    cr_assert_str_eq(snap.zorglocaties[0].agb, "06990500");
    cr_assert_eq(snap.n_zorgaanbod, 1);
    cr_assert(ifzo_codeset_has(IFZO_CRIT_BEREIK, snap.zorgaanbod[0].criteria.set[IFZO_CRIT_BEREIK],
                               "ARR"));
    store_catalog_snapshot_free(&snap);
    cr_assert_null(snap.zorgaanbod);
}

/* ---- scoping (decisions.md §30-§33) -------------------------------------------------- */

static int64_t org(const char *name, const char *kind)
{
    store_organisation o = {0}, out;
    snprintf(o.name, sizeof o.name, "%s", name);
    snprintf(o.kind, sizeof o.kind, "%s", kind);
    cr_assert_eq(store_organisation_create(db, &o, &out), STORE_OK);
    return out.id;
}

static int64_t log_entries(int64_t client)
{
    store_access_entry *items;
    size_t n;
    cr_assert_eq(store_access_log_list(db, client, 0, 1000, &items, &n), STORE_OK);
    free(items);
    return (int64_t)n;
}

Test(catalog, scope_decides_which_clients_and_indications_are_seen)
{
    int64_t a = org("3RO Noord", "3ro"), b = org("NIFP", "nifp");
    store_scope sa = {STORE_SCOPE_INDICATING, a}, sb = {STORE_SCOPE_INDICATING, b};
    store_scope pl = {STORE_SCOPE_DEFINITIVE, 0}, none = {STORE_SCOPE_NOTHING, 0};
    ifzo_justitiabele j = {
        .achternaam = "Vries", .voornamen = "Jan", .geslacht = "1", .postcode = "9711"};
    j.geboortedatum = D("1985-05-05");
    strcpy(j.bsn, "111222333");
    store_justitiabele ja, jb, got;
    cr_assert_eq(store_justitiabele_create(db, sa, &j, audit(), &ja), STORE_OK);
    strcpy(j.bsn, "123456782");
    cr_assert_eq(store_justitiabele_create(db, sb, &j, audit(), &jb), STORE_OK);
    cr_assert_eq(store_justitiabele_create(db, sb, &j, NULL, &jb), STORE_INVALID, "no log");

    /* The registering organisation sees its client; another, a placer, nobody: not found. */
    cr_assert_eq(store_justitiabele_get(db, sa, ja.v.id, &got), STORE_OK);
    cr_assert_eq(store_justitiabele_get(db, sb, ja.v.id, &got), STORE_NOT_FOUND);
    cr_assert_eq(store_justitiabele_get(db, pl, ja.v.id, &got), STORE_NOT_FOUND);
    cr_assert_eq(store_justitiabele_get(db, none, ja.v.id, &got), STORE_NOT_FOUND);
    got = ja;
    strcpy(got.v.achternaam, "Anders");
    cr_assert_eq(store_justitiabele_update(db, sb, &got.v, 1, audit(), &jb), STORE_NOT_FOUND);
    store_list_query q = {.limit = 10};
    store_justitiabele *js;
    size_t n;
    int64_t total;
    cr_assert_eq(store_justitiabele_list(db, sa, &q, &js, &n, &total), STORE_OK);
    cr_assert_eq(total, 1);
    cr_assert_eq(js[0].v.id, ja.v.id);
    free(js);
    cr_assert_eq(store_justitiabele_list(db, pl, &q, &js, &n, &total), STORE_OK);
    cr_assert_eq(total, 0);
    free(js);
    cr_assert_eq(store_justitiabele_list(db, ALL, &q, &js, &n, &total), STORE_OK);
    cr_assert_eq(total, 2);
    free(js);

    /* An indication: the organisation is the scope's, whatever was given. */
    ifzo_indicatie in = {.status = IFZO_IND_CONCEPT,
                         .justitiabele_id = ja.v.id,
                         .indicerende_organisatie_id = b,
                         .zorgtype = "ABH",
                         .titel_start = IFZO_NO_DATE,
                         .titel_eind = IFZO_NO_DATE,
                         .aanmelddatum = D("2025-01-02"),
                         .onderbouwing = "x"};
    store_indicatie si, so;
    cr_assert_eq(store_indicatie_create(db, sb, &in, audit(), &si), STORE_INVALID,
                 "b cannot see a's client");
    cr_assert_eq(store_indicatie_create(db, sa, &in, audit(), &si), STORE_OK);
    cr_assert_eq(si.v.indicerende_organisatie_id, a);
    cr_assert_eq(store_indicatie_get(db, sb, si.v.id, 0, &so), STORE_NOT_FOUND);
    cr_assert_eq(store_indicatie_get(db, pl, si.v.id, 0, &so), STORE_NOT_FOUND, "a concept");
    store_indicatie *items;
    cr_assert_eq(store_indicatie_versions(db, sb, si.v.id, &items, &n), STORE_NOT_FOUND);
    in.id = si.v.id;
    cr_assert_eq(store_indicatie_update(db, sb, &in, 1, audit(), &so), STORE_NOT_FOUND);
    in.status = IFZO_IND_DEFINITIEF;
    cr_assert_eq(store_indicatie_update(db, sa, &in, 1, audit(), &so), STORE_OK);
    cr_assert_eq(so.v.indicerende_organisatie_id, a);

    /* Definitive: the placer sees it and its client, still not the other indicating body. */
    cr_assert_eq(store_indicatie_get(db, pl, si.v.id, 1, &so), STORE_OK);
    cr_assert_eq(store_justitiabele_get(db, pl, ja.v.id, &got), STORE_OK);
    cr_assert_eq(store_justitiabele_get(db, pl, jb.v.id, &got), STORE_NOT_FOUND);
    cr_assert_eq(store_indicatie_list(db, pl, &q, &items, &n, &total), STORE_OK);
    cr_assert_eq(total, 1);
    free(items);
    cr_assert_eq(store_indicatie_list(db, sb, &q, &items, &n, &total), STORE_OK);
    cr_assert_eq(total, 0);
    free(items);
    cr_assert_eq(store_indicatie_list(db, none, &q, &items, &n, &total), STORE_OK);
    cr_assert_eq(total, 0);
    free(items);

    /* Each write was logged with its client, in its transaction. */
    cr_assert_eq(log_entries(ja.v.id), 3, "create client, create and update indication");
    cr_assert_eq(log_entries(jb.v.id), 1);
}

Test(catalog, a_provider_writes_only_its_own_locations_and_offer)
{
    int64_t mine = org("Eigen zorg", "zorgaanbieder"), other = org("Ander", "zorgaanbieder");
    ifzo_zorgaanbieder z = {.toelating = true, .naam = "Eigen", .agb = "06110400"};
    z.organisation_id = mine;
    store_zorgaanbieder sz;
    cr_assert_eq(store_zorgaanbieder_create(db, &z, &sz), STORE_OK);
    store_scope me = {STORE_SCOPE_PROVIDER, mine}, them = {STORE_SCOPE_PROVIDER, other};
    store_scope none = {STORE_SCOPE_NOTHING, 0};
    ifzo_zorglocatie l = location(sz.v.id, "06990600");
    store_zorglocatie sl;
    cr_assert_eq(store_zorglocatie_create(db, them, &l, &sl), STORE_INVALID);
    cr_assert_eq(store_zorglocatie_create(db, none, &l, &sl), STORE_INVALID);
    cr_assert_eq(store_zorglocatie_create(db, me, &l, &sl), STORE_OK);
    cr_assert_eq(store_zorglocatie_update(db, them, &sl.v, 1, &sl), STORE_NOT_FOUND);
    cr_assert_eq(store_zorglocatie_update(db, me, &sl.v, 1, &sl), STORE_OK);
    ifzo_zorgaanbod a = {.zorglocatie_id = sl.v.id,
                         .zorgtype = "BW",
                         .leeftijd_max = 99,
                         .capaciteit = 4,
                         .opnamestop_van = IFZO_NO_DATE,
                         .opnamestop_tot = IFZO_NO_DATE,
                         .bijgewerkt_op = D("2025-01-01")};
    ifzo_codeset_add(IFZO_CRIT_BEREIK, "ARR", &a.criteria.set[IFZO_CRIT_BEREIK]);
    store_zorgaanbod so;
    cr_assert_eq(store_zorgaanbod_create(db, them, &a, &so), STORE_INVALID);
    cr_assert_eq(store_zorgaanbod_create(db, me, &a, &so), STORE_OK);
    cr_assert_eq(store_zorgaanbod_update(db, them, &so.v, 1, &so), STORE_NOT_FOUND);
    cr_assert_eq(store_zorgaanbod_update(db, me, &so.v, 1, &so), STORE_OK);
    cr_assert_eq(so.m.version, 2);
}
