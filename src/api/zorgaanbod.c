/*
 * zorgaanbod.c - the care offer over HTTP: /api/zorgaanbieders, /api/contracten,
 * /api/zorglocaties and /api/zorgaanbod (create, read, list, update with If-Match).
 *
 * Each handler reads the body into the core struct (fields.h), checks it with the core rule
 * (core/zorgaanbod.h), stores it (store/catalog.h) and renders it. Who may call which route
 * is declared in routes.c; whose locations and offer a caller may write is the store scope
 * of api_offer_scope (auth.h): a zorgaanbieder only its own provider's (another provider's
 * location or offer answers 404, naming another provider as parent is an unknown reference),
 * decisions.md §33.
 */
#include "api/fields.h"
#include "core/validate.h"
#include "core/zorgaanbod.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared shapes ------------------------------------------------------------------ */

/* A store failure on create/update: a missing parent is a field error, not a 500. */
static void store_fail(api_request *r, int rc, const char *parent_field)
{
    if (rc == STORE_INVALID && parent_field != NULL) {
        api_error(r, 400, "unknown_reference", "Het genoemde object bestaat niet.", parent_field);
        return;
    }
    api_store_error(r, rc);
}

/* ---- zorgaanbieders ----------------------------------------------------------------- */

static json_t *render_zorgaanbieder(const store_zorgaanbieder *z)
{
    json_t *o =
        json_pack("{s:I,s:s,s:s,s:b,s:o}", "id", (json_int_t)z->v.id, "naam", z->v.naam, "agb",
                  z->v.agb, "toelating", z->v.toelating, "organisation_id",
                  z->v.organisation_id > 0 ? json_integer(z->v.organisation_id) : json_null());
    fld_render_meta(o, &z->m);
    return o;
}

static bool read_zorgaanbieder(api_request *r, ifzo_zorgaanbieder *z)
{
    json_t *b = fld_body(r);
    if (b == NULL || !fld_text(r, b, "naam", true, z->naam, sizeof z->naam) ||
        !fld_text(r, b, "agb", true, z->agb, sizeof z->agb) ||
        !fld_bool(r, b, "toelating", true, &z->toelating) ||
        !fld_int(r, b, "organisation_id", false, 1, INT64_MAX, &z->organisation_id))
        return false;
    core_error e;
    if (!zorgaanbieder_check(z, &e)) {
        fld_core_error(r, &e);
        return false;
    }
    return true;
}

void h_zorgaanbieder_create(api_request *r)
{
    ifzo_zorgaanbieder in = {0};
    store_zorgaanbieder out;
    if (!read_zorgaanbieder(r, &in))
        return;
    int rc = store_zorgaanbieder_create(api_request_app(r)->db, &in, &out);
    if (rc != STORE_OK) {
        store_fail(r, rc, "organisation_id");
        return;
    }
    fld_answer_one(r, 201, render_zorgaanbieder(&out), "/api/zorgaanbieders", out.v.id,
                   out.m.version);
}

void h_zorgaanbieder_get(api_request *r)
{
    int64_t id;
    store_zorgaanbieder out;
    if (!api_path_id(r, "id", &id))
        return;
    int rc = store_zorgaanbieder_get(api_request_app(r)->db, id, &out);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    fld_answer_one(r, 200, render_zorgaanbieder(&out), NULL, id, out.m.version);
}

void h_zorgaanbieder_update(api_request *r)
{
    int64_t id, version;
    ifzo_zorgaanbieder in = {0};
    store_zorgaanbieder out;
    if (!api_path_id(r, "id", &id) || !api_if_match(r, &version) || !read_zorgaanbieder(r, &in))
        return;
    in.id = id;
    int rc = store_zorgaanbieder_update(api_request_app(r)->db, &in, version, &out);
    if (rc != STORE_OK) {
        store_fail(r, rc, "organisation_id");
        return;
    }
    fld_answer_one(r, 200, render_zorgaanbieder(&out), NULL, id, out.m.version);
}

void h_zorgaanbieder_list(api_request *r)
{
    static const char *const keys[] = {"agb", "toelating", "organisation_id"};
    static const bool numeric[] = {false, false, true};
    store_list_query q;
    if (!fld_list_query(r, "zorgaanbieder", keys, numeric, 3, &q))
        return;
    if (q.filter[1] && strcmp(q.filter[1], "true") != 0 && strcmp(q.filter[1], "false") != 0) {
        api_error(r, 400, "invalid_query", "Gebruik toelating=true of toelating=false.",
                  "toelating");
        return;
    }
    if (q.filter[1])
        q.filter[1] = strcmp(q.filter[1], "true") == 0 ? "1" : "0";
    store_zorgaanbieder *items;
    size_t n;
    int64_t total;
    int rc = store_zorgaanbieder_list(api_request_app(r)->db, &q, &items, &n, &total);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, render_zorgaanbieder(&items[i]));
    free(items);
    fld_list_answer(r, a, total, &q);
}

/* ---- contracten --------------------------------------------------------------------- */

static json_t *render_contract(const store_contract *c)
{
    json_t *o =
        json_pack("{s:I,s:I,s:s,s:o,s:o}", "id", (json_int_t)c->v.id, "zorgaanbieder_id",
                  (json_int_t)c->v.zorgaanbieder_id, "zorgtype", c->v.zorgtype, "geldig_van",
                  fld_render_date(c->v.geldig_van), "geldig_tot", fld_render_date(c->v.geldig_tot));
    fld_render_meta(o, &c->m);
    return o;
}

static bool read_contract(api_request *r, ifzo_contract *c, bool create)
{
    json_t *b = fld_body(r);
    if (b == NULL ||
        (create && !fld_int(r, b, "zorgaanbieder_id", true, 1, INT64_MAX, &c->zorgaanbieder_id)) ||
        !fld_text(r, b, "zorgtype", true, c->zorgtype, sizeof c->zorgtype) ||
        !fld_date(r, b, "geldig_van", true, &c->geldig_van) ||
        !fld_date(r, b, "geldig_tot", false, &c->geldig_tot))
        return false;
    core_error e;
    if (!contract_check(c, &e)) {
        fld_core_error(r, &e);
        return false;
    }
    return true;
}

void h_contract_create(api_request *r)
{
    ifzo_contract in = {0};
    store_contract out;
    if (!read_contract(r, &in, true))
        return;
    int rc = store_contract_create(api_request_app(r)->db, &in, &out);
    if (rc != STORE_OK) {
        store_fail(r, rc, "zorgaanbieder_id");
        return;
    }
    fld_answer_one(r, 201, render_contract(&out), "/api/contracten", out.v.id, out.m.version);
}

void h_contract_get(api_request *r)
{
    int64_t id;
    store_contract out;
    if (!api_path_id(r, "id", &id))
        return;
    int rc = store_contract_get(api_request_app(r)->db, id, &out);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    fld_answer_one(r, 200, render_contract(&out), NULL, id, out.m.version);
}

void h_contract_update(api_request *r)
{
    int64_t id, version;
    ifzo_contract in = {0};
    store_contract out;
    if (!api_path_id(r, "id", &id) || !api_if_match(r, &version) || !read_contract(r, &in, false))
        return;
    in.id = id;
    int rc = store_contract_update(api_request_app(r)->db, &in, version, &out);
    if (rc != STORE_OK) {
        store_fail(r, rc, NULL);
        return;
    }
    fld_answer_one(r, 200, render_contract(&out), NULL, id, out.m.version);
}

void h_contract_list(api_request *r)
{
    static const char *const keys[] = {"zorgaanbieder_id", "zorgtype"};
    static const bool numeric[] = {true, false};
    store_list_query q;
    if (!fld_list_query(r, "contract", keys, numeric, 2, &q))
        return;
    store_contract *items;
    size_t n;
    int64_t total;
    int rc = store_contract_list(api_request_app(r)->db, &q, &items, &n, &total);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, render_contract(&items[i]));
    free(items);
    fld_list_answer(r, a, total, &q);
}

/* ---- zorglocaties ------------------------------------------------------------------- */

static json_t *render_zorglocatie(const store_zorglocatie *l)
{
    json_t *o = json_pack(
        "{s:I,s:I,s:s,s:s,s:s,s:s,s:s,s:s,s:f,s:f,s:s,s:b}", "id", (json_int_t)l->v.id,
        "zorgaanbieder_id", (json_int_t)l->v.zorgaanbieder_id, "naam", l->v.naam, "agb", l->v.agb,
        "adres", l->v.adres, "postcode", l->v.postcode, "plaats", l->v.plaats, "arrondissement",
        l->v.arrondissement, "lat", l->v.lat, "lon", l->v.lon, "beveiligingsniveau",
        l->v.beveiligingsniveau, "landelijke_functie", l->v.landelijke_functie);
    fld_render_meta(o, &l->m);
    return o;
}

static bool read_zorglocatie(api_request *r, ifzo_zorglocatie *l, bool create)
{
    json_t *b = fld_body(r);
    char postcode[16];
    l->lat = l->lon = 1000; /* "not given": derived from the postcode below */
    if (b == NULL ||
        (create && !fld_int(r, b, "zorgaanbieder_id", true, 1, INT64_MAX, &l->zorgaanbieder_id)) ||
        !fld_text(r, b, "naam", true, l->naam, sizeof l->naam) ||
        !fld_text(r, b, "agb", true, l->agb, sizeof l->agb) ||
        !fld_text(r, b, "adres", true, l->adres, sizeof l->adres) ||
        !fld_text(r, b, "postcode", true, postcode, sizeof postcode) ||
        !fld_text(r, b, "plaats", true, l->plaats, sizeof l->plaats) ||
        !fld_text(r, b, "arrondissement", false, l->arrondissement, sizeof l->arrondissement) ||
        !fld_real(r, b, "lat", false, &l->lat) || !fld_real(r, b, "lon", false, &l->lon) ||
        !fld_text(r, b, "beveiligingsniveau", true, l->beveiligingsniveau,
                  sizeof l->beveiligingsniveau) ||
        !fld_bool(r, b, "landelijke_functie", false, &l->landelijke_functie))
        return false;
    int pc4 = 0;
    if (ifzo_postcode_check(postcode, l->postcode, &pc4) != IFZO_VALID_OK) {
        api_error(r, 400, "invalid_postcode", "Ongeldige postcode (vier cijfers en twee letters).",
                  "postcode");
        return false;
    }
    if (l->arrondissement[0] == '\0' || l->lat == 1000 || l->lon == 1000) {
        fld_place p;
        int rc = fld_geo(r, pc4, &p);
        if (rc == STORE_NOT_FOUND) {
            api_error(r, 400, "unknown_postcode", "Deze postcode is onbekend.", "postcode");
            return false;
        }
        if (rc != STORE_OK) {
            api_store_error(r, rc);
            return false;
        }
        if (l->arrondissement[0] == '\0')
            snprintf(l->arrondissement, sizeof l->arrondissement, "%s", p.arrondissement);
        if (l->lat == 1000)
            l->lat = p.lat;
        if (l->lon == 1000)
            l->lon = p.lon;
    }
    core_error e;
    if (!zorglocatie_check(l, &e)) {
        fld_core_error(r, &e);
        return false;
    }
    return true;
}

void h_zorglocatie_create(api_request *r)
{
    ifzo_zorglocatie in = {0};
    store_zorglocatie out;
    if (!read_zorglocatie(r, &in, true))
        return;
    int rc = store_zorglocatie_create(api_request_app(r)->db, api_offer_scope(r), &in, &out);
    if (rc != STORE_OK) {
        store_fail(r, rc, "zorgaanbieder_id");
        return;
    }
    fld_answer_one(r, 201, render_zorglocatie(&out), "/api/zorglocaties", out.v.id, out.m.version);
}

void h_zorglocatie_get(api_request *r)
{
    int64_t id;
    store_zorglocatie out;
    if (!api_path_id(r, "id", &id))
        return;
    int rc = store_zorglocatie_get(api_request_app(r)->db, id, &out);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    fld_answer_one(r, 200, render_zorglocatie(&out), NULL, id, out.m.version);
}

void h_zorglocatie_update(api_request *r)
{
    int64_t id, version;
    ifzo_zorglocatie in = {0};
    store_zorglocatie out;
    if (!api_path_id(r, "id", &id) || !api_if_match(r, &version) ||
        !read_zorglocatie(r, &in, false))
        return;
    in.id = id;
    int rc =
        store_zorglocatie_update(api_request_app(r)->db, api_offer_scope(r), &in, version, &out);
    if (rc != STORE_OK) {
        store_fail(r, rc, NULL);
        return;
    }
    fld_answer_one(r, 200, render_zorglocatie(&out), NULL, id, out.m.version);
}

void h_zorglocatie_list(api_request *r)
{
    static const char *const keys[] = {"zorgaanbieder_id", "arrondissement", "beveiligingsniveau"};
    static const bool numeric[] = {true, false, false};
    store_list_query q;
    if (!fld_list_query(r, "zorglocatie", keys, numeric, 3, &q))
        return;
    store_zorglocatie *items;
    size_t n;
    int64_t total;
    int rc = store_zorglocatie_list(api_request_app(r)->db, &q, &items, &n, &total);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, render_zorglocatie(&items[i]));
    free(items);
    fld_list_answer(r, a, total, &q);
}

/* ---- zorgaanbod ---------------------------------------------------------------------- */

static json_t *render_zorgaanbod(const store_zorgaanbod *a)
{
    json_t *o = json_pack(
        "{s:I,s:I,s:s,s:o,s:i,s:i,s:i,s:i,s:i,s:i,s:i,s:b,s:o,s:o,s:o}", "id", (json_int_t)a->v.id,
        "zorglocatie_id", (json_int_t)a->v.zorglocatie_id, "zorgtype", a->v.zorgtype, "criteria",
        fld_render_criteria(&a->v.criteria, true), "leeftijd_min", a->v.leeftijd_min,
        "leeftijd_max", a->v.leeftijd_max, "capaciteit", a->v.capaciteit, "bezet", a->v.bezet,
        "vrij", zorgaanbod_vrij(&a->v), "wachtlijst", a->v.wachtlijst, "wachttijd_dagen",
        a->v.wachttijd_dagen, "opnamestop", a->v.opnamestop, "opnamestop_van",
        fld_render_date(a->v.opnamestop_van), "opnamestop_tot",
        fld_render_date(a->v.opnamestop_tot), "bijgewerkt_op", fld_render_date(a->v.bijgewerkt_op));
    fld_render_meta(o, &a->m);
    return o;
}

static bool read_zorgaanbod(api_request *r, ifzo_zorgaanbod *a, bool create)
{
    json_t *b = fld_body(r);
    a->leeftijd_min = 0;
    a->leeftijd_max = IFZO_AGE_MAX;
    if (b == NULL ||
        (create && !fld_int(r, b, "zorglocatie_id", true, 1, INT64_MAX, &a->zorglocatie_id)) ||
        (create && !fld_text(r, b, "zorgtype", true, a->zorgtype, sizeof a->zorgtype)) ||
        !fld_criteria(r, b, true, &a->criteria) ||
        !fld_intv(r, b, "leeftijd_min", false, -1000, 1000, &a->leeftijd_min) ||
        !fld_intv(r, b, "leeftijd_max", false, -1000, 1000, &a->leeftijd_max) ||
        !fld_intv(r, b, "capaciteit", true, -1, IFZO_CAPACITY_MAX + 1, &a->capaciteit) ||
        !fld_intv(r, b, "bezet", true, -1, IFZO_CAPACITY_MAX + 1, &a->bezet) ||
        !fld_intv(r, b, "wachtlijst", false, -1, IFZO_CAPACITY_MAX + 1, &a->wachtlijst) ||
        !fld_intv(r, b, "wachttijd_dagen", false, -1, IFZO_CAPACITY_MAX + 1, &a->wachttijd_dagen) ||
        !fld_bool(r, b, "opnamestop", false, &a->opnamestop) ||
        !fld_date(r, b, "opnamestop_van", false, &a->opnamestop_van) ||
        !fld_date(r, b, "opnamestop_tot", false, &a->opnamestop_tot))
        return false;
    /* The provider updates its figures now: the day of this request. */
    a->bijgewerkt_op = fld_today(r);
    core_error e;
    if (!zorgaanbod_check(a, a->bijgewerkt_op, &e)) {
        fld_core_error(r, &e);
        return false;
    }
    return true;
}

void h_zorgaanbod_create(api_request *r)
{
    ifzo_zorgaanbod in = {0};
    store_zorgaanbod out;
    if (!read_zorgaanbod(r, &in, true))
        return;
    int rc = store_zorgaanbod_create(api_request_app(r)->db, api_offer_scope(r), &in, &out);
    if (rc != STORE_OK) {
        store_fail(r, rc, "zorglocatie_id");
        return;
    }
    fld_answer_one(r, 201, render_zorgaanbod(&out), "/api/zorgaanbod", out.v.id, out.m.version);
}

void h_zorgaanbod_get(api_request *r)
{
    int64_t id;
    store_zorgaanbod out;
    if (!api_path_id(r, "id", &id))
        return;
    int rc = store_zorgaanbod_get(api_request_app(r)->db, id, &out);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    fld_answer_one(r, 200, render_zorgaanbod(&out), NULL, id, out.m.version);
}

void h_zorgaanbod_update(api_request *r)
{
    int64_t id, version;
    store_zorgaanbod cur, out;
    if (!api_path_id(r, "id", &id))
        return;
    /* The care type cannot change; the criteria are checked against the stored one. */
    int rc = store_zorgaanbod_get(api_request_app(r)->db, id, &cur);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    ifzo_zorgaanbod in = {0};
    snprintf(in.zorgtype, sizeof in.zorgtype, "%s", cur.v.zorgtype);
    if (!api_if_match(r, &version) || !read_zorgaanbod(r, &in, false))
        return;
    in.id = id;
    rc = store_zorgaanbod_update(api_request_app(r)->db, api_offer_scope(r), &in, version, &out);
    if (rc != STORE_OK) {
        store_fail(r, rc, NULL);
        return;
    }
    fld_answer_one(r, 200, render_zorgaanbod(&out), NULL, id, out.m.version);
}

void h_zorgaanbod_list(api_request *r)
{
    static const char *const keys[] = {"zorglocatie_id", "zorgtype"};
    static const bool numeric[] = {true, false};
    store_list_query q;
    if (!fld_list_query(r, "zorgaanbod", keys, numeric, 2, &q))
        return;
    store_zorgaanbod *items;
    size_t n;
    int64_t total;
    int rc = store_zorgaanbod_list(api_request_app(r)->db, &q, &items, &n, &total);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, render_zorgaanbod(&items[i]));
    free(items);
    fld_list_answer(r, a, total, &q);
}
