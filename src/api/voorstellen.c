/*
 * voorstellen.c - matching proposals over HTTP: /api/plaatsingsverzoeken/{id}/voorstellen
 * (issue 5), and the contra-indications recorded on a client that a proposal shows
 * (/api/justitiabelen/{id}/contra-indicaties).
 *
 * Why it looks like this: a proposal is computed from the in-memory index of the offer
 * (core/match_index.h) and stored with the request as the exact JSON text that was answered
 * (store/voorstel.h), so GET …/voorstellen/{n} returns the same bytes later, whatever the
 * offer did since.
 *
 * The index lifecycle: one match_slot per process. Each proposal request reads the catalog
 * version from the database (one cheap query); when the slot's index is of that version it is
 * used as is (lock-free acquire). Otherwise one thread at a time (a mutex taken only on this
 * cold path) loads a consistent snapshot of the offer, builds a new index and publishes it;
 * readers running on the old index keep it alive by their reference. Several server
 * instances on one PostgreSQL database stay right because every instance compares with the
 * version in the database, not with what it saw last.
 *
 * Who: plaatser only, and only the requests of the own organisation (404 otherwise), as the
 * other plaatsingsverzoek routes. Every read and write of a proposal is access-logged: it
 * names the client's indication and contra-indications.
 */
#include "api/fields.h"
#include "api/router.h"
#include "core/match_index.h"
#include "core/voorstel.h"
#include "store/voorstel.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the index ------------------------------------------------------------------------------ */

static match_slot slot;
static pthread_once_t slot_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t rebuild_lock = PTHREAD_MUTEX_INITIALIZER;
static int stale_days = 30;
static int dagbehandeling_norm = 45;

static void slot_setup(void)
{
    match_slot_init(&slot);
}

/* Reads an integer in [min, max] from environment variable name into *out (unchanged when
 * unset); -1 when set to anything else. */
static int env_int(const char *name, int min, int max, int *out)
{
    const char *s = getenv(name);
    if (s == NULL || *s == '\0')
        return 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end != '\0' || v < min || v > max)
        return -1;
    *out = (int)v;
    return 0;
}

int api_voorstel_configure(char *err, size_t errlen)
{
    pthread_once(&slot_once, slot_setup);
    if (env_int("IFZO_STALE_DAYS", 0, 3650, &stale_days) != 0) {
        snprintf(err, errlen, "IFZO_STALE_DAYS must be a number of days from 0 to 3650");
        return -1;
    }
    if (env_int("IFZO_DAGBEHANDELING_NORM", 30, 45, &dagbehandeling_norm) != 0) {
        snprintf(err, errlen, "IFZO_DAGBEHANDELING_NORM must be 30 to 45 minutes");
        return -1;
    }
    return 0;
}

/* An index of the offer as it is in the database now: a new reference (drop it with
 * match_index_unref), or NULL with *rc a store result (STORE_ERROR when the build failed). */
static match_index *current_index(store *db, int *rc)
{
    pthread_once(&slot_once, slot_setup);
    int64_t version = 0;
    *rc = store_catalog_version(db, &version);
    if (*rc != STORE_OK)
        return NULL;
    match_index *ix = match_slot_acquire(&slot);
    if (ix != NULL && match_index_catalog_version(ix) == version)
        return ix; /* the hot path: no lock */
    if (ix != NULL)
        match_index_unref(ix);
    pthread_mutex_lock(&rebuild_lock);
    ix = match_slot_acquire(&slot);
    if (ix != NULL && match_index_catalog_version(ix) >= version) {
        /* another thread rebuilt while this one waited */
        pthread_mutex_unlock(&rebuild_lock);
        return ix;
    }
    if (ix != NULL)
        match_index_unref(ix);
    store_catalog_snapshot snap;
    *rc = store_catalog_load(db, &snap);
    ix = NULL;
    if (*rc == STORE_OK) {
        match_catalog cat = {snap.zorgaanbieders, snap.n_zorgaanbieders, snap.contracts,
                             snap.n_contracts,    snap.zorglocaties,     snap.n_zorglocaties,
                             snap.zorgaanbod,     snap.n_zorgaanbod};
        core_error e;
        ix = match_index_build(&cat, snap.version, &e);
        if (ix == NULL)
            *rc = STORE_ERROR;
        else
            match_slot_publish(&slot, match_index_ref(ix));
    }
    store_catalog_snapshot_free(&snap);
    pthread_mutex_unlock(&rebuild_lock);
    return ix;
}

/* ---- loading the request -------------------------------------------------------------------- */

/* Loads request {id} of the caller's organisation; else answers and returns false. */
static bool load_request(api_request *r, int64_t *id, store_plaatsing *pv)
{
    memset(pv, 0, sizeof *pv);
    if (!api_path_id(r, "id", id))
        return false;
    int rc = store_plaatsing_get(api_request_app(r)->db, *id, pv);
    if (rc == STORE_OK && pv->v.plaatser_organisatie_id != api_request_caller(r)->organisation_id)
        rc = STORE_NOT_FOUND;
    if (rc != STORE_OK) {
        store_plaatsing_free(pv);
        api_store_error(r, rc);
        return false;
    }
    return true;
}

/* ---- rendering ------------------------------------------------------------------------------- */

/* The name, postcode, arrondissement and provider of location id as the index has them
 * (zeroed when it has not: the match only lists locations it has). */
static void names_from_index(const match_index *ix, int64_t id, store_locatie_naam *o)
{
    const ifzo_zorgaanbieder *z = NULL;
    const ifzo_zorglocatie *l = match_index_location(ix, id, &z);
    memset(o, 0, sizeof *o);
    if (l == NULL)
        return;
    o->zorglocatie_id = l->id;
    snprintf(o->naam, sizeof o->naam, "%s", l->naam);
    snprintf(o->postcode, sizeof o->postcode, "%s", l->postcode);
    snprintf(o->arrondissement, sizeof o->arrondissement, "%s", l->arrondissement);
    o->landelijke_functie = l->landelijke_functie;
    o->zorgaanbieder_id = l->zorgaanbieder_id;
    if (z != NULL)
        snprintf(o->aanbieder, sizeof o->aanbieder, "%s", z->naam);
}

static json_t *render_location(const match_location *m, const store_locatie_naam *n,
                               const char *zorgtype)
{
    json_t *criteria = json_array();
    json_t *bereik = json_pack("{s:s,s:n}", "uitkomst", "niet_van_toepassing", "norm_minuten");
    for (int i = 0; i < m->n_checks; i++) {
        const match_check *c = &m->checks[i];
        if (c->id == MATCH_CHECK_BEREIKBAARHEID) {
            json_decref(bereik);
            bereik =
                json_pack("{s:s,s:o}", "uitkomst", c->pass ? "voldoet" : "voldoet_niet",
                          "norm_minuten", c->number > 0 ? json_integer(c->number) : json_null());
            continue;
        }
        char ind[MATCH_VALUE_BUF], off[MATCH_VALUE_BUF];
        if (!match_check_format(c, zorgtype, ind, sizeof ind, off, sizeof off)) {
            ind[0] = '\0';
            off[0] = '\0';
        }
        json_t *o =
            json_pack("{s:s,s:s,s:s,s:s}", "criterium", match_check_name(c->id), "uitkomst",
                      c->pass ? "voldoet" : "voldoet_niet", "geindiceerd", ind, "aangeboden", off);
        if (c->national)
            json_object_set_new(o, "landelijke_functie", json_true());
        json_array_append_new(criteria, o);
    }
    const match_soft *s = &m->soft;
    return json_pack(
        "{s:I,s:s,s:I,s:s,s:s,s:s,s:s,s:o,s:b,s:i,s:b,s:o,s:o,s:i,s:i,s:i,s:i,s:o,s:b,s:b}",
        "zorglocatie_id", (json_int_t)m->zorglocatie_id, "naam", n->naam, "zorgaanbieder_id",
        (json_int_t)m->zorgaanbieder_id, "zorgaanbieder", n->aanbieder, "postcode", n->postcode,
        "arrondissement", n->arrondissement, "uitkomst", match_status_name(m->status), "faalt",
        m->status == MATCH_NEAR_MISS ? json_string(match_check_name(m->failed)) : json_null(),
        "in_regio", m->in_region, "reistijd_minuten", m->reistijd_min, "landelijke_functie",
        n->landelijke_functie, "criteria", criteria, "bereikbaarheid", bereik, "capaciteit",
        s->capaciteit, "bezetting", s->bezet, "wachtlijst", s->wachtlijst,
        "verwachte_wachttijd_dagen", s->wachttijd_dagen, "bijgewerkt_op",
        fld_render_date(s->bijgewerkt_op), "verouderd", s->stale, "opnamestop", s->opnamestop);
}

typedef struct {
    json_t *doc;
} render_ctx;

static char *render_stored(const store_voorstel *v, void *vctx)
{
    render_ctx *x = vctx;
    json_object_set_new(x->doc, "volgnummer", json_integer(v->volgnummer));
    json_object_set_new(x->doc, "aangemaakt_op", json_string(v->aangemaakt_op));
    return json_dumps(x->doc, JSON_PRESERVE_ORDER | JSON_COMPACT);
}

static void answer_stored(api_request *r, int status, const store_voorstel *v)
{
    api_text(r, status, "application/json", v->inhoud, strlen(v->inhoud));
}

/* ---- POST /api/plaatsingsverzoeken/{id}/voorstellen ----------------------------------------- */

void h_voorstel_create(api_request *r)
{
    int64_t id;
    store_plaatsing pv;
    if (!load_request(r, &id, &pv))
        return;
    int64_t client_id = pv.v.justitiabele_id, indicatie_id = pv.v.indicatie_id;
    plaatsing_status status = pv.v.status;
    store_plaatsing_free(&pv);
    json_t *b = fld_body(r);
    char modus[24] = "regulier";
    bool buiten = false;
    match_mode mode = MATCH_MODE_REGULAR;
    if (b == NULL || !fld_text(r, b, "modus", false, modus, sizeof modus) ||
        !fld_bool(r, b, "buiten_regio", false, &buiten))
        return;
    if (modus[0] == '\0')
        snprintf(modus, sizeof modus, "regulier");
    if (!voorstel_modus_from_name(modus, &mode)) {
        api_error(r, 400, "modus_onbekend", "Kies de modus regulier, overbrugging of second_best.",
                  "modus");
        return;
    }
    if (status != PV_OPEN) {
        api_error(r, 409, "verzoek_niet_open",
                  "Een voorstel kan alleen bij een open plaatsingsverzoek worden gemaakt.",
                  "status");
        return;
    }
    store *db = api_request_app(r)->db;
    store_indicatie ind;
    int rc = store_indicatie_get(db, STORE_SCOPE_EVERYTHING, indicatie_id, 0, &ind);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (!ifzo_indicatie_placeable(&ind.v)) {
        api_error(r, 409, "indicatie_niet_definitief",
                  "Alleen een definitieve indicatie kan worden gematcht.", "status");
        return;
    }
    store_justitiabele client;
    rc = store_justitiabele_get(db, STORE_SCOPE_EVERYTHING, client_id, &client);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    store_contra contra;
    rc = store_contra_get(db, client_id, &contra);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    ifzo_date today = fld_today(r);
    match_query q;
    core_error e;
    if (!match_query_from_indicatie(&ind.v, &client.v, today, mode, buiten, &q, &e)) {
        if (strcmp(e.code, "unknown_postcode") == 0)
            api_error(r, 409, "postcode_onbekend",
                      "De postcode van de justitiabele is onbekend: er kan niet worden gematcht.",
                      "postcode");
        else
            api_error(r, 409, "indicatie_niet_matchbaar", e.message, e.field);
        return;
    }
    match_index *ix = current_index(db, &rc);
    if (ix == NULL) {
        api_store_error(r, rc == STORE_OK ? STORE_ERROR : rc);
        return;
    }
    match_config cfg;
    match_config_default(&cfg);
    cfg.stale_days = stale_days;
    cfg.dagbehandeling_norm_min = dagbehandeling_norm;
    cfg.travel = api_travel_model(r);
    match_result res;
    match_result_init(&res);
    bool ok = match_index_run(ix, &cfg, &q, &res, &e);
    int64_t catalog_version = match_index_catalog_version(ix);
    if (!ok) {
        match_index_unref(ix);
        match_result_free(&res);
        api_error(r, 409, "indicatie_niet_matchbaar", e.message, e.field);
        return;
    }
    store_locatie_naam *names = calloc(res.n_items + 1, sizeof *names);
    store_voorstel_locatie *locs = calloc(res.n_items + 1, sizeof *locs);
    if (names == NULL || locs == NULL) {
        match_index_unref(ix);
        free(names);
        free(locs);
        match_result_free(&res);
        api_error(r, 500, "internal", "Interne fout.", NULL);
        return;
    }
    /* The names from the index the match ran on (the same catalog version), not one store
     * query per shown location. */
    for (size_t i = 0; i < res.n_items; i++) {
        locs[i].zorglocatie_id = res.items[i].zorglocatie_id;
        locs[i].uitkomst = match_status_name(res.items[i].status);
        names_from_index(ix, res.items[i].zorglocatie_id, &names[i]);
    }
    match_index_unref(ix);
    /* The document, in the order of docs/api (volgnummer and aangemaakt_op by the store). */
    const api_caller *who = api_request_caller(r);
    const char *arr =
        ifzo_codeset_first(IFZO_CRIT_ARRONDISSEMENT, ind.v.criteria.set[IFZO_CRIT_ARRONDISSEMENT]);
    char pc4[8];
    snprintf(pc4, sizeof pc4, "%.4s", client.v.postcode);
    json_t *contra_a = json_array();
    for (size_t i = 0; i < contra.n; i++) {
        const codelist_entry *ce = codelist_lookup_in(CODELIST_CONTRA_INDICATIE, contra.code[i]);
        json_array_append_new(
            contra_a, json_pack("{s:s,s:s}", "code", contra.code[i], "label", ce ? ce->label : ""));
    }
    json_t *loc_a = json_array();
    for (size_t i = 0; i < res.n_items; i++)
        json_array_append_new(loc_a, render_location(&res.items[i], &names[i], q.zorgtype));
    json_t *doc = json_pack(
        "{s:I,s:i,s:I,s:i,s:s,s:s,s:b,s:I,s:s,s:I,s:s,s:o,s:{s:s,s:s},s:b,s:{s:I},s:I,s:o,s:o,"
        "s:o}",
        "plaatsingsverzoek_id", (json_int_t)id, "volgnummer", 0, "indicatie_id",
        (json_int_t)ind.v.id, "indicatie_versie", ind.v.versie, "zorgtype", ind.v.zorgtype, "modus",
        voorstel_modus_name(mode), "buiten_regio", buiten, "catalogus_versie",
        (json_int_t)catalog_version, "aangemaakt_op", "", "aangemaakt_door",
        (json_int_t)who->user_id, "aangemaakt_door_naam", who->username, "peildatum",
        fld_render_date(today), "regio", "postcode", pc4, "arrondissement", arr ? arr : "",
        "in_regio_leeg", res.region_empty, "uitbreiding", "aantal", (json_int_t)res.n_widened_total,
        "aantal_bijna", (json_int_t)res.n_near_total, "criteria",
        fld_render_criteria(&ind.v.criteria, false), "contra_indicaties", contra_a, "locaties",
        loc_a);
    free(names);
    json_t *crit = json_object_get(doc, "criteria");
    char *crit_text = crit ? json_dumps(crit, JSON_PRESERVE_ORDER | JSON_COMPACT) : NULL;
    store_voorstel in;
    memset(&in, 0, sizeof in);
    in.verzoek_id = id;
    in.indicatie_id = ind.v.id;
    in.indicatie_versie = ind.v.versie;
    snprintf(in.zorgtype, sizeof in.zorgtype, "%s", ind.v.zorgtype);
    snprintf(in.modus, sizeof in.modus, "%s", voorstel_modus_name(mode));
    in.buiten_regio = buiten;
    in.catalogus_versie = catalog_version;
    in.peildatum = today;
    in.aantal_voorgesteld = (int)res.n_proposed;
    in.aangemaakt_door = who->user_id;
    snprintf(in.aangemaakt_door_naam, sizeof in.aangemaakt_door_naam, "%s", who->username);
    in.criteria = crit_text;
    store_access_entry log;
    api_access_entry(r, &log, client_id, "voorstel", id, "create");
    render_ctx rx = {doc};
    store_voorstel out;
    rc = STORE_ERROR;
    if (crit_text != NULL)
        for (int attempt = 0; attempt < 10; attempt++) {
            /* placers at the same moment: the UNIQUE volgnummer makes all but one retry */
            rc = store_voorstel_create(db, &in, locs, res.n_items, render_stored, &rx, &log, &out);
            if (rc != STORE_DUPLICATE)
                break;
            store_voorstel_free(&out);
        }
    free(crit_text);
    free(locs);
    json_decref(doc);
    match_result_free(&res);
    if (rc != STORE_OK) {
        store_voorstel_free(&out);
        api_store_error(r, rc == STORE_INVALID ? STORE_NOT_FOUND : rc);
        return;
    }
    answer_stored(r, 201, &out);
    char loc[128];
    snprintf(loc, sizeof loc, "/api/plaatsingsverzoeken/%lld/voorstellen/%d", (long long)id,
             out.volgnummer);
    api_add_header(r, "Location", loc);
    store_voorstel_free(&out);
}

/* ---- GET …/voorstellen and …/voorstellen/{n} ------------------------------------------------- */

void h_voorstel_list(api_request *r)
{
    int64_t id;
    store_plaatsing pv;
    if (!load_request(r, &id, &pv))
        return;
    int64_t client_id = pv.v.justitiabele_id;
    store_plaatsing_free(&pv);
    store_voorstel *items;
    size_t n;
    int rc = store_voorstel_list(api_request_app(r)->db, id, &items, &n);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (!api_access_log(r, client_id, "voorstel", id, "list")) {
        store_voorstel_list_free(items, n);
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(a, json_pack("{s:i,s:s,s:b,s:s,s:I,s:i,s:I,s:i}", "volgnummer",
                                           items[i].volgnummer, "modus", items[i].modus,
                                           "buiten_regio", items[i].buiten_regio, "aangemaakt_op",
                                           items[i].aangemaakt_op, "catalogus_versie",
                                           (json_int_t)items[i].catalogus_versie,
                                           "aantal_voorgesteld", items[i].aantal_voorgesteld,
                                           "indicatie_id", (json_int_t)items[i].indicatie_id,
                                           "indicatie_versie", items[i].indicatie_versie));
    store_voorstel_list_free(items, n);
    api_json(r, 200, json_pack("{s:o}", "items", a));
}

void h_voorstel_get(api_request *r)
{
    int64_t id, n;
    store_plaatsing pv;
    if (!load_request(r, &id, &pv))
        return;
    int64_t client_id = pv.v.justitiabele_id;
    store_plaatsing_free(&pv);
    if (!api_path_id(r, "n", &n))
        return;
    store_voorstel v;
    int rc =
        n > 1000000 ? STORE_NOT_FOUND : store_voorstel_get(api_request_app(r)->db, id, (int)n, &v);
    if (rc != STORE_OK) {
        if (rc != STORE_NOT_FOUND)
            store_voorstel_free(&v);
        api_store_error(r, rc);
        return;
    }
    if (api_access_log(r, client_id, "voorstel", id, "read"))
        answer_stored(r, 200, &v);
    store_voorstel_free(&v);
}

/* ---- contra-indications of a client -----------------------------------------------------------
 */

static json_t *render_contra(const store_contra *c)
{
    json_t *a = json_array();
    for (size_t i = 0; i < c->n; i++) {
        const codelist_entry *ce = codelist_lookup_in(CODELIST_CONTRA_INDICATIE, c->code[i]);
        json_array_append_new(
            a, json_pack("{s:s,s:s}", "code", c->code[i], "label", ce ? ce->label : ""));
    }
    return a;
}

void h_contra_get(api_request *r)
{
    int64_t id;
    store_justitiabele j;
    if (!api_path_id(r, "id", &id))
        return;
    store *db = api_request_app(r)->db;
    int rc = store_justitiabele_get(db, api_client_scope(r), id, &j);
    store_contra c;
    if (rc == STORE_OK)
        rc = store_contra_get(db, id, &c);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (!api_access_log(r, id, "client", id, "read"))
        return;
    api_json(r, 200,
             json_pack("{s:I,s:o}", "justitiabele_id", (json_int_t)id, "contra_indicaties",
                       render_contra(&c)));
    api_set_etag(r, j.m.version);
}

void h_contra_put(api_request *r)
{
    int64_t id, version;
    store_justitiabele j;
    if (!api_path_id(r, "id", &id) || !api_if_match(r, &version))
        return;
    store *db = api_request_app(r)->db;
    int rc = store_justitiabele_get(db, api_client_scope(r), id, &j);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    json_t *b = fld_body(r);
    if (b == NULL)
        return;
    json_t *a = json_object_get(b, "contra_indicaties");
    if (!json_is_array(a)) {
        api_error(r, 400, a ? "invalid_type" : "required",
                  "Geef de contra-indicaties als lijst van codes.", "contra_indicaties");
        return;
    }
    const char *codes[STORE_CONTRA_MAX + 1];
    size_t n = json_array_size(a);
    if (n > STORE_CONTRA_MAX) {
        api_error(r, 400, "contra_indicatie_dubbel",
                  "Elke contra-indicatie mag maar één keer voorkomen.", "contra_indicaties");
        return;
    }
    for (size_t i = 0; i < n; i++) {
        codes[i] = json_string_value(json_array_get(a, i));
        if (codes[i] == NULL) {
            api_error(r, 400, "invalid_type", "Elke contra-indicatie is een code (tekst).",
                      "contra_indicaties");
            return;
        }
    }
    core_error e;
    if (!voorstel_contra_check(codes, n, &e)) {
        api_error(r, 400, e.code, e.message, e.field);
        return;
    }
    store_access_entry log;
    api_access_entry(r, &log, id, "client", id, "update");
    int64_t nv = 0;
    rc = store_contra_set(db, id, version, codes, n, &log, &nv);
    store_contra c;
    if (rc == STORE_OK)
        rc = store_contra_get(db, id, &c);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    api_json(r, 200,
             json_pack("{s:I,s:o}", "justitiabele_id", (json_int_t)id, "contra_indicaties",
                       render_contra(&c)));
    api_set_etag(r, nv);
}
