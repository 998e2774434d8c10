/*
 * indicaties.c - clients and indications over HTTP: /api/justitiabelen and /api/indicaties
 * (create, read, list, update with If-Match; make definitive; read every version).
 *
 * Client data are confidential: routes.c gives them only to indiceerder and plaatser, and
 * every store call here is scoped by api_client_scope (auth.h): an indiceerder sees its own
 * organisation's clients and indications, a plaatser the definitive ones; anything else
 * answers 404. Every read is written to the access log before the answer is sent (503 when
 * that fails), every write in the write's own transaction (decisions.md §30-§32).
 * The life cycle (concept -> definitief -> new version) is core's
 * (core/indicatiestelling.h); the store applies it inside one transaction.
 */
#include "api/fields.h"
#include "core/indicatiestelling.h"
#include "core/validate.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One access-log entry per client of a list: the ids are read at the given offsets of each
 * of the n items (size bytes each). Answers 503 and returns false when it cannot log. */
static bool log_list(api_request *r, size_t n, const void *items, size_t size, size_t client_offset,
                     size_t object_offset, const char *object_type)
{
    if (n == 0)
        return true;
    int64_t *ids = malloc(2 * n * sizeof *ids);
    if (ids == NULL) {
        api_access_log_refuse(r);
        return false;
    }
    const char *base = items;
    for (size_t i = 0; i < n; i++) {
        memcpy(&ids[i], base + i * size + client_offset, sizeof ids[i]);
        memcpy(&ids[n + i], base + i * size + object_offset, sizeof ids[i]);
    }
    bool ok = api_access_log_list(r, ids, ids + n, n, object_type, "list");
    free(ids);
    return ok;
}

/* ---- justitiabelen ------------------------------------------------------------------ */

static json_t *render_justitiabele(const store_justitiabele *j)
{
    json_t *o = json_pack("{s:I,s:s,s:s,s:o,s:s,s:s,s:s}", "id", (json_int_t)j->v.id, "achternaam",
                          j->v.achternaam, "voornamen", j->v.voornamen, "geboortedatum",
                          fld_render_date(j->v.geboortedatum), "bsn", j->v.bsn, "geslacht",
                          j->v.geslacht, "postcode", j->v.postcode);
    fld_render_meta(o, &j->m);
    return o;
}

static bool read_justitiabele(api_request *r, ifzo_justitiabele *j)
{
    json_t *b = fld_body(r);
    char bsn[16], postcode[16];
    if (b == NULL || !fld_text(r, b, "achternaam", true, j->achternaam, sizeof j->achternaam) ||
        !fld_text(r, b, "voornamen", false, j->voornamen, sizeof j->voornamen) ||
        !fld_date(r, b, "geboortedatum", true, &j->geboortedatum) ||
        !fld_text(r, b, "bsn", true, bsn, sizeof bsn) ||
        !fld_text(r, b, "geslacht", true, j->geslacht, sizeof j->geslacht) ||
        !fld_text(r, b, "postcode", true, postcode, sizeof postcode))
        return false;
    if (ifzo_bsn_normalize(bsn, j->bsn) != IFZO_VALID_OK) {
        api_error(r, 400, "invalid_bsn", "Ongeldig BSN (9 cijfers die aan de elfproef voldoen).",
                  "bsn");
        return false;
    }
    /* Normalise a full postcode; a PC4 alone stays as given. */
    char norm[IFZO_POSTCODE_BUFSIZE];
    if (ifzo_postcode_check(postcode, norm, NULL) == IFZO_VALID_OK)
        snprintf(j->postcode, sizeof j->postcode, "%s", norm);
    else if (strlen(postcode) < sizeof j->postcode)
        memcpy(j->postcode, postcode, strlen(postcode) + 1);
    else {
        api_error(r, 400, "invalid_postcode", "Ongeldige postcode.", "postcode");
        return false;
    }
    core_error e;
    if (!justitiabele_check(j, fld_today(r), &e)) {
        fld_core_error(r, &e);
        return false;
    }
    return true;
}

void h_justitiabele_create(api_request *r)
{
    ifzo_justitiabele in = {0};
    store_justitiabele out;
    if (!read_justitiabele(r, &in))
        return;
    store_access_entry audit;
    api_access_entry(r, &audit, 0, "justitiabele", 0, "create");
    int rc =
        store_justitiabele_create(api_request_app(r)->db, api_client_scope(r), &in, &audit, &out);
    if (rc != STORE_OK) {
        if (rc == STORE_DUPLICATE)
            api_error(r, 409, "duplicate", "Er bestaat al een justitiabele met dit BSN.", "bsn");
        else
            api_store_error(r, rc);
        return;
    }
    fld_answer_one(r, 201, render_justitiabele(&out), "/api/justitiabelen", out.v.id,
                   out.m.version);
}

void h_justitiabele_get(api_request *r)
{
    int64_t id;
    store_justitiabele out;
    if (!api_path_id(r, "id", &id))
        return;
    int rc = store_justitiabele_get(api_request_app(r)->db, api_client_scope(r), id, &out);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (!api_access_log(r, id, "justitiabele", id, "read"))
        return;
    fld_answer_one(r, 200, render_justitiabele(&out), NULL, id, out.m.version);
}

void h_justitiabele_update(api_request *r)
{
    int64_t id, version;
    ifzo_justitiabele in = {0};
    store_justitiabele out;
    if (!api_path_id(r, "id", &id) || !api_if_match(r, &version) || !read_justitiabele(r, &in))
        return;
    in.id = id;
    store_access_entry audit;
    api_access_entry(r, &audit, id, "justitiabele", id, "update");
    int rc = store_justitiabele_update(api_request_app(r)->db, api_client_scope(r), &in, version,
                                       &audit, &out);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    fld_answer_one(r, 200, render_justitiabele(&out), NULL, id, out.m.version);
}

void h_justitiabele_list(api_request *r)
{
    static const char *const keys[] = {"bsn", "achternaam"};
    store_list_query q;
    if (!fld_list_query(r, "justitiabele", keys, NULL, 2, &q))
        return;
    store_justitiabele *items;
    size_t n;
    int64_t total;
    int rc = store_justitiabele_list(api_request_app(r)->db, api_client_scope(r), &q, &items, &n,
                                     &total);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (!log_list(r, n, items, sizeof *items, offsetof(store_justitiabele, v.id),
                  offsetof(store_justitiabele, v.id), "justitiabele")) {
        free(items);
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, render_justitiabele(&items[i]));
    free(items);
    fld_list_answer(r, a, total, &q);
}

/* ---- indicaties ---------------------------------------------------------------------- */

static json_t *opt_string(const char *s)
{
    return s[0] ? json_string(s) : json_null();
}

static json_t *render_indicatie(const store_indicatie *s)
{
    const ifzo_indicatie *i = &s->v;
    ifzo_date deadline;
    json_t *termijn =
        i->urgentie[0] && ifzo_indicatie_termijn(i->urgentie, i->aanmelddatum, &deadline)
            ? fld_render_date(deadline)
            : json_null();
    json_t *o = json_pack(
        "{s:I,s:i,s:i,s:s,s:I,s:o,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:o,s:s}", "id",
        (json_int_t)i->id, "versie", i->versie, "huidige_versie", s->huidige_versie, "status",
        ifzo_indicatie_status_name(i->status), "justitiabele_id", (json_int_t)i->justitiabele_id,
        "indicerende_organisatie_id",
        i->indicerende_organisatie_id > 0 ? json_integer(i->indicerende_organisatie_id)
                                          : json_null(),
        "zorgtype", i->zorgtype, "criteria", fld_render_criteria(&i->criteria, false), "zorgtitel",
        opt_string(i->zorgtitel), "titel_start", fld_render_date(i->titel_start), "titel_eind",
        fld_render_date(i->titel_eind), "beveiligingsniveau", opt_string(i->beveiligingsniveau),
        "urgentie", opt_string(i->urgentie), "aanmelddatum", fld_render_date(i->aanmelddatum),
        "termijn", termijn, "onderbouwing", i->onderbouwing);
    fld_render_meta(o, &s->m);
    return o;
}

/* Reads the content of an indication; justitiabele_id only on create. */
static bool read_indicatie(api_request *r, ifzo_indicatie *i, bool create)
{
    json_t *b = fld_body(r);
    char status[16] = "";
    if (b == NULL ||
        (create && !fld_int(r, b, "justitiabele_id", true, 1, INT64_MAX, &i->justitiabele_id)) ||
        !fld_int(r, b, "indicerende_organisatie_id", false, 1, INT64_MAX,
                 &i->indicerende_organisatie_id) ||
        !fld_text(r, b, "zorgtype", true, i->zorgtype, sizeof i->zorgtype) ||
        !fld_criteria(r, b, false, &i->criteria) ||
        !fld_text(r, b, "zorgtitel", false, i->zorgtitel, sizeof i->zorgtitel) ||
        !fld_date(r, b, "titel_start", false, &i->titel_start) ||
        !fld_date(r, b, "titel_eind", false, &i->titel_eind) ||
        !fld_text(r, b, "beveiligingsniveau", false, i->beveiligingsniveau,
                  sizeof i->beveiligingsniveau) ||
        !fld_text(r, b, "urgentie", false, i->urgentie, sizeof i->urgentie) ||
        !fld_date(r, b, "aanmelddatum", true, &i->aanmelddatum) ||
        !fld_text(r, b, "onderbouwing", false, i->onderbouwing, sizeof i->onderbouwing) ||
        !fld_text(r, b, "status", false, status, sizeof status))
        return false;
    /* The indicating organisation is the caller's own (decisions.md §31): another one is
     * refused, none given means the own one. */
    const api_caller *caller = api_request_caller(r);
    if (i->indicerende_organisatie_id > 0 &&
        i->indicerende_organisatie_id != caller->organisation_id) {
        api_error(r, 400, "not_own_organisation",
                  "Een indicatie wordt gesteld namens uw eigen organisatie.",
                  "indicerende_organisatie_id");
        return false;
    }
    i->indicerende_organisatie_id = caller->organisation_id;
    i->status = IFZO_IND_CONCEPT;
    if (status[0] &&
        (!ifzo_indicatie_status_from_name(status, &i->status) || i->status == IFZO_IND_VERVANGEN)) {
        api_error(r, 400, "invalid_status", "Kies concept of definitief.", "status");
        return false;
    }
    core_error e;
    ifzo_date today = fld_today(r);
    bool ok;
    if (i->status == IFZO_IND_DEFINITIEF) {
        /* Checked as the concept it was a moment ago. */
        i->status = IFZO_IND_CONCEPT;
        ok = ifzo_indicatie_can_finalize(i, today, &e);
        i->status = IFZO_IND_DEFINITIEF;
    } else {
        ok = ifzo_indicatie_check(i, today, &e);
    }
    if (!ok) {
        fld_core_error(r, &e);
        return false;
    }
    return true;
}

static void indicatie_store_error(api_request *r, int rc, const char *parent_field)
{
    if (rc == STORE_INVALID && parent_field) {
        api_error(r, 400, "unknown_reference", "Het genoemde object bestaat niet.", parent_field);
        return;
    }
    api_store_error(r, rc);
}

void h_indicatie_create(api_request *r)
{
    ifzo_indicatie in = {0};
    store_indicatie out;
    if (!read_indicatie(r, &in, true))
        return;
    store_access_entry audit;
    api_access_entry(r, &audit, in.justitiabele_id, "indicatie", 0, "create");
    int rc = store_indicatie_create(api_request_app(r)->db, api_client_scope(r), &in, &audit, &out);
    if (rc != STORE_OK) {
        indicatie_store_error(r, rc, "justitiabele_id");
        return;
    }
    fld_answer_one(r, 201, render_indicatie(&out), "/api/indicaties", out.v.id, out.m.version);
}

void h_indicatie_get(api_request *r)
{
    int64_t id;
    store_indicatie out;
    if (!api_path_id(r, "id", &id))
        return;
    int rc = store_indicatie_get(api_request_app(r)->db, api_client_scope(r), id, 0, &out);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (!api_access_log(r, out.v.justitiabele_id, "indicatie", id, "read"))
        return;
    fld_answer_one(r, 200, render_indicatie(&out), NULL, id, out.m.version);
}

void h_indicatie_update(api_request *r)
{
    int64_t id, version;
    ifzo_indicatie in = {0};
    store_indicatie out;
    if (!api_path_id(r, "id", &id) || !api_if_match(r, &version) || !read_indicatie(r, &in, false))
        return;
    in.id = id;
    /* A change to a definitive indication stays definitive (a new version), so it must be
     * complete as well. */
    store_indicatie cur;
    int rc = store_indicatie_get(api_request_app(r)->db, api_client_scope(r), id, 0, &cur);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (cur.v.status == IFZO_IND_DEFINITIEF && in.status != IFZO_IND_DEFINITIEF) {
        core_error e;
        in.status = IFZO_IND_CONCEPT;
        if (!ifzo_indicatie_can_finalize(&in, fld_today(r), &e)) {
            fld_core_error(r, &e);
            return;
        }
        in.status = IFZO_IND_DEFINITIEF;
    }
    store_access_entry audit;
    api_access_entry(r, &audit, cur.v.justitiabele_id, "indicatie", id, "update");
    rc = store_indicatie_update(api_request_app(r)->db, api_client_scope(r), &in, version, &audit,
                                &out);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    fld_answer_one(r, 200, render_indicatie(&out), NULL, id, out.m.version);
}

/* POST /api/indicaties/{id}/definitief: concept -> definitief, If-Match required. */
void h_indicatie_finalize(api_request *r)
{
    int64_t id, version;
    store_indicatie cur, out;
    if (!api_path_id(r, "id", &id) || !api_if_match(r, &version))
        return;
    int rc = store_indicatie_get(api_request_app(r)->db, api_client_scope(r), id, 0, &cur);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (cur.m.version != version) {
        api_store_error(r, STORE_CONFLICT);
        return;
    }
    core_error e;
    if (!ifzo_indicatie_can_finalize(&cur.v, fld_today(r), &e)) {
        api_error(r, cur.v.status == IFZO_IND_CONCEPT ? 400 : 409, e.code, e.message, e.field);
        return;
    }
    cur.v.status = IFZO_IND_DEFINITIEF;
    store_access_entry audit;
    api_access_entry(r, &audit, cur.v.justitiabele_id, "indicatie", id, "finalize");
    rc = store_indicatie_update(api_request_app(r)->db, api_client_scope(r), &cur.v, version,
                                &audit, &out);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    fld_answer_one(r, 200, render_indicatie(&out), NULL, id, out.m.version);
}

void h_indicatie_list(api_request *r)
{
    static const char *const keys[] = {"justitiabele_id", "status", "zorgtype"};
    static const bool numeric[] = {true, false, false};
    store_list_query q;
    if (!fld_list_query(r, "indicatie", keys, numeric, 3, &q))
        return;
    store_indicatie *items;
    size_t n;
    int64_t total;
    int rc =
        store_indicatie_list(api_request_app(r)->db, api_client_scope(r), &q, &items, &n, &total);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (!log_list(r, n, items, sizeof *items, offsetof(store_indicatie, v.justitiabele_id),
                  offsetof(store_indicatie, v.id), "indicatie")) {
        free(items);
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, render_indicatie(&items[i]));
    free(items);
    fld_list_answer(r, a, total, &q);
}

void h_indicatie_versions(api_request *r)
{
    int64_t id;
    if (!api_path_id(r, "id", &id))
        return;
    store_indicatie *items;
    size_t n;
    int rc = store_indicatie_versions(api_request_app(r)->db, api_client_scope(r), id, &items, &n);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (!api_access_log(r, items[0].v.justitiabele_id, "indicatie", id, "read_versions")) {
        free(items);
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, render_indicatie(&items[i]));
    free(items);
    api_json(r, 200, json_pack("{s:o}", "items", a));
}

void h_indicatie_version_get(api_request *r)
{
    int64_t id, versie;
    store_indicatie out;
    if (!api_path_id(r, "id", &id) || !api_path_id(r, "versie", &versie))
        return;
    if (versie > 1000000) {
        api_store_error(r, STORE_NOT_FOUND);
        return;
    }
    int rc =
        store_indicatie_get(api_request_app(r)->db, api_client_scope(r), id, (int)versie, &out);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (!api_access_log(r, out.v.justitiabele_id, "indicatie", id, "read_version"))
        return;
    api_json(r, 200, render_indicatie(&out));
}
