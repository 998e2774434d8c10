/*
 * plaatsing.c - the placement workflow over HTTP: /api/plaatsingsverzoeken and
 * /api/toeleidingspogingen (docs/workflow.md).
 *
 * Every state change is: load the request (store_plaatsing_get), check the caller may see
 * it, check If-Match against the request's version, let core (core/plaatsing.h) change a
 * copy, save the copy (store_plaatsing_save: one transaction with the event and the
 * access-log entry). The request's version is the ETag of the request and of each of its
 * attempts. A core error with field "status" is 409 (not in this state), any other 400.
 *
 * Who sees what: a plaatser only the requests of its own organisation; a zorgaanbieder
 * (user or API token) only attempts addressed to its own locations, and of a request only
 * those attempts; anything else answers 404.
 */
#include "api/fields.h"
#include "api/router.h"
#include "core/voorstel.h"
#include "store/plaatsing.h"
#include "store/voorstel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- rendering ----------------------------------------------------------------------------- */

static json_t *opt_text(const char *s)
{
    return s && s[0] ? json_string(s) : json_null();
}

static json_t *render_poging(const plaatsingsverzoek *pv, const store_toeleidingspoging *sp,
                             ifzo_date today)
{
    const toeleidingspoging *p = &sp->v;
    ifzo_date deadline;
    json_t *termijn = plaatsing_termijn(pv, p, &deadline) ? fld_render_date(deadline) : json_null();
    json_t *reactie = json_null(), *annulering = json_null();
    if (p->reactie[0])
        reactie = json_pack(
            "{s:s,s:b,s:s,s:o}", "code", p->reactie, "accepteert",
            codelist_reactie_accepts(codelist_lookup_in(CODELIST_REACTIEMOGELIJKHEID, p->reactie)),
            "toelichting", p->reactie_toelichting, "datum", fld_render_date(p->reactiedatum));
    if (p->annuleringsreden[0])
        annulering = json_pack("{s:s,s:s,s:s,s:o}", "op_verzoek", p->op_verzoek, "reden",
                               p->annuleringsreden, "motivatie", p->motivatie, "datum",
                               fld_render_date(p->annuleringsdatum));
    json_t *o = json_pack(
        "{s:I,s:I,s:I,s:I,s:I,s:s,s:b,s:o,s:b,s:o,s:b,s:o,s:o}", "id", (json_int_t)p->id,
        "verzoek_id", (json_int_t)p->verzoek_id, "justitiabele_id", (json_int_t)pv->justitiabele_id,
        "zorglocatie_id", (json_int_t)p->zorglocatie_id, "zorgaanbieder_id",
        (json_int_t)sp->zorgaanbieder_id, "status", poging_status_name(p->status), "parallel",
        p->parallel, "aanmelddatum", fld_render_date(p->aanmelddatum), "verlengd", p->verlengd,
        "termijn", termijn, "te_laat", plaatsing_te_laat(pv, p, today), "reactie", reactie,
        "annulering", annulering);
    /* the proposal it was made from and the deviation from it (issue 6 item 2) */
    json_object_set_new(o, "voorstel",
                        sp->voorstel_volgnummer ? json_integer(sp->voorstel_volgnummer)
                                                : json_null());
    json_t *afw = json_null();
    if (sp->afwijking_code[0]) {
        const codelist_entry *ce =
            codelist_lookup_in(CODELIST_CONTRA_INDICATIE, sp->afwijking_code);
        afw = json_pack("{s:s,s:s,s:s}", "contra_indicatie", sp->afwijking_code, "label",
                        ce ? ce->label : "", "toelichting", sp->afwijking_tekst);
    }
    json_object_set_new(o, "afwijking", afw);
    fld_render_meta(o, &sp->m);
    return o;
}

/* Sets "weging" ({code: text} or null) on each attempt object of array a (objects with "id")
 * from the weighing rows of request verzoek_id. A store result other than STORE_OK means
 * nothing was set. */
static int attach_weging(api_request *r, json_t *a, int64_t verzoek_id)
{
    store_weging *w;
    size_t n;
    int rc = store_weging_list(api_request_app(r)->db, verzoek_id, &w, &n);
    if (rc != STORE_OK)
        return rc;
    size_t i;
    json_t *o;
    json_array_foreach(a, i, o)
    {
        json_int_t pid = json_integer_value(json_object_get(o, "id"));
        json_t *m = NULL;
        for (size_t k = 0; k < n; k++)
            if (w[k].poging_id == pid) {
                if (m == NULL)
                    m = json_object();
                json_object_set_new(m, w[k].code, json_string(w[k].tekst));
            }
        json_object_set_new(o, "weging", m ? m : json_null());
    }
    free(w);
    return STORE_OK;
}

/* The request's JSON with the weighing of its attempts; NULL after answering an error. */
static json_t *render_full(api_request *r, json_t *o, int64_t verzoek_id)
{
    int rc = attach_weging(r, json_object_get(o, "pogingen"), verzoek_id);
    if (rc != STORE_OK) {
        json_decref(o);
        api_store_error(r, rc);
        return NULL;
    }
    return o;
}

/* A provider sees only its own attempts (own_org > 0); a plaatser all. */
static json_t *render(const store_plaatsing *s, int64_t own_org, ifzo_date today)
{
    const plaatsingsverzoek *v = &s->v;
    json_t *besluit = json_null();
    if (v->besluitnummer[0])
        besluit = json_pack("{s:s,s:I,s:I,s:s,s:o,s:o}", "besluitnummer", v->besluitnummer,
                            "poging_id", (json_int_t)v->besluit_poging_id, "zorglocatie_id",
                            (json_int_t)v->besluit_zorglocatie_id, "zorgtype", v->besluit_zorgtype,
                            "verwachte_startdatum", fld_render_date(v->verwachte_startdatum),
                            "besluitdatum", fld_render_date(v->besluitdatum));
    json_t *pogingen = json_array();
    for (size_t i = 0; i < s->n; i++)
        if (own_org == 0 || s->pogingen[i].aanbieder_organisatie_id == own_org)
            json_array_append_new(pogingen, render_poging(v, &s->pogingen[i], today));
    json_t *o = json_pack(
        "{s:I,s:I,s:I,s:I,s:s,s:o,s:o,s:o,s:s,s:o,s:o,s:o,s:o,s:o,s:o,s:b,s:o}", "id",
        (json_int_t)v->id, "indicatie_id", (json_int_t)v->indicatie_id, "justitiabele_id",
        (json_int_t)v->justitiabele_id, "plaatser_organisatie_id",
        (json_int_t)v->plaatser_organisatie_id, "zorgtype", v->zorgtype, "zorgtitel",
        opt_text(v->zorgtitel), "titel_start", fld_render_date(v->titel_start), "titel_eind",
        fld_render_date(v->titel_eind), "status", plaatsing_status_name(v->status), "aangemaakt_op",
        fld_render_date(v->aangemaakt_op), "besluit", besluit, "startdatum",
        fld_render_date(v->startdatum), "einddatum", fld_render_date(v->einddatum), "mutatiereden",
        opt_text(v->mutatiereden), "meldingsdatum", fld_render_date(v->meldingsdatum),
        "einde_te_laat", v->einde_te_laat, "pogingen", pogingen);
    fld_render_meta(o, &s->m);
    return o;
}

/* ---- who may see it ------------------------------------------------------------------------ */

static bool is_provider(api_request *r)
{
    return api_request_caller(r)->role == API_ROLE_ZORGAANBIEDER;
}

static int64_t own_org(api_request *r)
{
    return api_request_caller(r)->organisation_id;
}

/* The organisation whose attempts the caller sees: its own for a provider, 0 (all) else. */
static int64_t scope_org(api_request *r)
{
    return is_provider(r) ? own_org(r) : 0;
}

static bool visible(api_request *r, const store_plaatsing *s)
{
    if (!is_provider(r))
        return s->v.plaatser_organisatie_id == own_org(r);
    for (size_t i = 0; i < s->n; i++)
        if (s->pogingen[i].aanbieder_organisatie_id == own_org(r))
            return true;
    return false;
}

/* Loads request id into *s if the caller may see it; else answers (404, ...) and false. */
static bool load(api_request *r, int64_t id, store_plaatsing *s)
{
    int rc = store_plaatsing_get(api_request_app(r)->db, id, s);
    if (rc != STORE_OK) {
        store_plaatsing_free(s);
        api_store_error(r, rc);
        return false;
    }
    if (!visible(r, s)) {
        store_plaatsing_free(s);
        api_store_error(r, STORE_NOT_FOUND);
        return false;
    }
    return true;
}

/* Loads the request of attempt id and the attempt's index; a provider only its own. */
static bool load_poging(api_request *r, int64_t id, store_plaatsing *s, size_t *idx)
{
    int64_t vid = 0;
    int rc = store_poging_verzoek(api_request_app(r)->db, id, &vid);
    if (rc != STORE_OK) {
        memset(s, 0, sizeof *s);
        api_store_error(r, rc);
        return false;
    }
    if (!load(r, vid, s))
        return false;
    for (size_t i = 0; i < s->n; i++)
        if (s->pogingen[i].v.id == id &&
            (!is_provider(r) || s->pogingen[i].aanbieder_organisatie_id == own_org(r))) {
            *idx = i;
            return true;
        }
    store_plaatsing_free(s);
    api_store_error(r, STORE_NOT_FOUND);
    return false;
}

static bool check_version(api_request *r, const store_plaatsing *s, int64_t version)
{
    if (s->m.version == version)
        return true;
    api_store_error(r, STORE_CONFLICT);
    return false;
}

static void core_refusal(api_request *r, const core_error *e)
{
    if (strcmp(e->code, "not_found") == 0)
        api_error(r, 404, e->code, e->message, NULL);
    else
        api_error(r, e->field && strcmp(e->field, "status") == 0 ? 409 : 400, e->code, e->message,
                  e->field);
}

/* ---- the change of one step ---------------------------------------------------------------- */

typedef struct {
    store_plaatsing after; /* a copy of the loaded request, room for one more attempt */
    toeleidingspoging *tp; /* the attempts as core values, same order, room for one more */
} work;

static bool work_begin(api_request *r, const store_plaatsing *cur, work *w)
{
    w->after = *cur;
    w->after.pogingen = calloc(cur->n + 1, sizeof *w->after.pogingen);
    w->tp = calloc(cur->n + 1, sizeof *w->tp);
    if (w->after.pogingen == NULL || w->tp == NULL) {
        free(w->after.pogingen);
        free(w->tp);
        api_error(r, 500, "internal", "Interne fout.", NULL);
        return false;
    }
    for (size_t i = 0; i < cur->n; i++) {
        w->after.pogingen[i] = cur->pogingen[i];
        w->tp[i] = cur->pogingen[i].v;
    }
    return true;
}

static void work_end(work *w)
{
    free(w->after.pogingen);
    free(w->tp);
}

/* Saves w (the core values in w->tp copied back) and answers `status` with the request. */
static void commit(api_request *r, store_plaatsing *cur, work *w, const store_plaatsing_stap *st,
                   int status, const char *action, int64_t new_poging)
{
    for (size_t i = 0; i < w->after.n; i++)
        w->after.pogingen[i].v = w->tp[i];
    store_access_entry log;
    api_access_entry(r, &log, cur->v.justitiabele_id, "plaatsingsverzoek", cur->v.id, action);
    store_plaatsing out;
    int rc = store_plaatsing_save(api_request_app(r)->db, cur, &w->after, st, &log, &out);
    work_end(w);
    store_plaatsing_free(cur);
    if (rc != STORE_OK) {
        store_plaatsing_free(&out);
        if (rc == STORE_DUPLICATE)
            api_error(r, 409, "duplicate", "Dit plaatsingsbesluitnummer bestaat al.",
                      "besluitnummer");
        else if (rc == STORE_INVALID)
            api_error(r, 400, "unknown_reference", "Het genoemde object bestaat niet.",
                      "zorglocatie_id");
        else
            api_store_error(r, rc);
        return;
    }
    json_t *doc = render_full(r, render(&out, scope_org(r), fld_today(r)), out.v.id);
    if (doc == NULL) {
        store_plaatsing_free(&out);
        return;
    }
    api_json(r, status, doc);
    if (status == 201 && new_poging) {
        char loc[96];
        snprintf(loc, sizeof loc, "/api/toeleidingspogingen/%lld",
                 (long long)out.pogingen[out.n - 1].v.id);
        api_add_header(r, "Location", loc);
    } else if (status == 201) {
        char loc[96];
        snprintf(loc, sizeof loc, "/api/plaatsingsverzoeken/%lld", (long long)out.v.id);
        api_add_header(r, "Location", loc);
    }
    api_set_etag(r, out.m.version);
    store_plaatsing_free(&out);
}

/* Loads the request of path {id} with If-Match for a step; false when answered. */
static bool begin_request(api_request *r, store_plaatsing *cur, work *w)
{
    int64_t id, version;
    memset(cur, 0, sizeof *cur);
    if (!api_path_id(r, "id", &id) || !api_if_match(r, &version) || !load(r, id, cur))
        return false;
    if (!check_version(r, cur, version) || !work_begin(r, cur, w)) {
        store_plaatsing_free(cur);
        return false;
    }
    return true;
}

static bool begin_poging(api_request *r, store_plaatsing *cur, work *w, size_t *idx)
{
    int64_t id, version;
    memset(cur, 0, sizeof *cur);
    if (!api_path_id(r, "id", &id) || !api_if_match(r, &version) || !load_poging(r, id, cur, idx))
        return false;
    if (!check_version(r, cur, version) || !work_begin(r, cur, w)) {
        store_plaatsing_free(cur);
        return false;
    }
    return true;
}

static void refuse(api_request *r, store_plaatsing *cur, work *w, const core_error *e)
{
    work_end(w);
    store_plaatsing_free(cur);
    core_refusal(r, e);
}

/* ---- plaatsingsverzoeken ------------------------------------------------------------------- */

void h_plaatsing_create(api_request *r)
{
    json_t *b = fld_body(r);
    int64_t indicatie_id = 0;
    if (b == NULL || !fld_int(r, b, "indicatie_id", true, 1, INT64_MAX, &indicatie_id))
        return;
    store_indicatie ind;
    int rc =
        store_indicatie_get(api_request_app(r)->db, api_client_scope(r), indicatie_id, 0, &ind);
    if (rc == STORE_NOT_FOUND) {
        api_error(r, 400, "unknown_reference", "Het genoemde object bestaat niet.", "indicatie_id");
        return;
    }
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    plaatsingsverzoek pv;
    core_error e;
    if (!plaatsing_aanmaken(&ind.v, own_org(r), fld_today(r), &pv, &e)) {
        core_refusal(r, &e);
        return;
    }
    store_access_entry log;
    api_access_entry(r, &log, pv.justitiabele_id, "plaatsingsverzoek", 0, "create");
    store_plaatsing out;
    rc = store_plaatsing_create(api_request_app(r)->db, &pv, &log, &out);
    if (rc != STORE_OK) {
        store_plaatsing_free(&out);
        api_store_error(r, rc);
        return;
    }
    api_json(r, 201, render(&out, 0, fld_today(r)));
    char loc[96];
    snprintf(loc, sizeof loc, "/api/plaatsingsverzoeken/%lld", (long long)out.v.id);
    api_add_header(r, "Location", loc);
    api_set_etag(r, out.m.version);
    store_plaatsing_free(&out);
}

/* The client's name and BSN for the placer's screens (work list, request): one read here
 * instead of one more HTTP call (with its own access-log write) per request from the
 * browser. Not for a provider, who sees no client data; absent when not readable. */
static void add_client(api_request *r, json_t *o, int64_t justitiabele_id)
{
    store_justitiabele j;
    if (is_provider(r) || store_justitiabele_get(api_request_app(r)->db, api_client_scope(r),
                                                 justitiabele_id, &j) != STORE_OK)
        return;
    json_object_set_new(o, "justitiabele",
                        json_pack("{s:s,s:s,s:s}", "achternaam", j.v.achternaam, "voornamen",
                                  j.v.voornamen, "bsn", j.v.bsn));
}

void h_plaatsing_get(api_request *r)
{
    int64_t id;
    store_plaatsing s;
    if (!api_path_id(r, "id", &id) || !load(r, id, &s))
        return;
    if (api_access_log(r, s.v.justitiabele_id, "plaatsingsverzoek", s.v.id, "read")) {
        json_t *doc = render_full(r, render(&s, scope_org(r), fld_today(r)), s.v.id);
        if (doc != NULL) {
            add_client(r, doc, s.v.justitiabele_id);
            api_json(r, 200, doc);
            api_set_etag(r, s.m.version);
        }
    }
    store_plaatsing_free(&s);
}

void h_plaatsing_list(api_request *r)
{
    const char *status = api_query(r, "status");
    plaatsing_status st;
    if (status && !plaatsing_status_from_name(status, &st)) {
        api_error(r, 400, "invalid_query", "Onbekende status.", "status");
        return;
    }
    store_plaatsing *items;
    size_t n;
    int rc = store_plaatsing_list(api_request_app(r)->db, own_org(r), status, 1000, &items, &n);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    /* One access-log transaction for the whole list, not one per request: the work list
     * of a busy placer took a write transaction per row (the web helper measured it). */
    int64_t *ids = n ? malloc(2 * n * sizeof *ids) : NULL;
    if (n && ids == NULL) {
        store_plaatsing_list_free(items, n);
        api_access_log_refuse(r);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        ids[i] = items[i].v.justitiabele_id;
        ids[n + i] = items[i].v.id;
    }
    bool logged = api_access_log_list(r, ids, ids + n, n, "plaatsingsverzoek", "list");
    free(ids);
    if (!logged) {
        store_plaatsing_list_free(items, n);
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        json_t *o = render(&items[i], 0, fld_today(r));
        add_client(r, o, items[i].v.justitiabele_id);
        json_array_append_new(a, o);
    }
    store_plaatsing_list_free(items, n);
    api_json(r, 200, json_pack("{s:o}", "items", a));
}

void h_plaatsing_timeline(api_request *r)
{
    int64_t id;
    store_plaatsing s;
    if (!api_path_id(r, "id", &id) || !load(r, id, &s))
        return;
    int64_t client = s.v.justitiabele_id;
    store_plaatsing_event *ev;
    size_t n;
    int rc = store_plaatsing_events(api_request_app(r)->db, id, &ev, &n);
    if (rc != STORE_OK) {
        store_plaatsing_free(&s);
        api_store_error(r, rc);
        return;
    }
    if (!api_access_log(r, client, "plaatsingsverzoek", id, "timeline")) {
        store_plaatsing_free(&s);
        free(ev);
        return;
    }
    /* A provider sees the steps of its own attempts only (not which other providers were
     * asked or why they declined), and the names of its own users only. */
    int64_t mine = scope_org(r);
    json_t *a = json_array();
    for (size_t i = 0; i < n; i++) {
        const store_plaatsing_event *e = &ev[i];
        /* the attempt of the step; a step on the request (decision, start and end of care)
         * has the decided location instead */
        const store_toeleidingspoging *own = NULL;
        for (size_t k = 0; k < s.n && own == NULL; k++)
            if (e->poging_id
                    ? s.pogingen[k].v.id == e->poging_id
                    : e->zorglocatie_id && s.pogingen[k].v.zorglocatie_id == e->zorglocatie_id)
                own = &s.pogingen[k];
        if (mine && (own == NULL || own->aanbieder_organisatie_id != mine))
            continue;
        bool named = !mine || e->organisation_id == mine;
        json_array_append_new(
            a, json_pack("{s:I,s:o,s:o,s:s,s:s,s:s,s:o,s:o,s:o,s:b,s:o,s:o,s:s,s:o,s:o,s:s}", "id",
                         (json_int_t)e->id, "poging_id",
                         e->poging_id ? json_integer(e->poging_id) : json_null(), "zorglocatie_id",
                         e->zorglocatie_id ? json_integer(e->zorglocatie_id) : json_null(), "stap",
                         e->stap, "status_van", e->status_van, "status_naar", e->status_naar,
                         "datum", fld_render_date(e->datum), "code", opt_text(e->code), "tekst",
                         opt_text(e->tekst), "te_laat", e->te_laat, "user_id",
                         e->user_id && named ? json_integer(e->user_id) : json_null(), "username",
                         named ? json_string(e->username) : json_null(), "role", e->role,
                         "organisation_id",
                         e->organisation_id ? json_integer(e->organisation_id) : json_null(),
                         "organisation_name", opt_text(e->organisation_name), "at", e->at));
        /* a referral names the proposal it was made from */
        if (own != NULL && e->poging_id && strcmp(e->stap, "aanmelden") == 0)
            json_object_set_new(json_array_get(a, json_array_size(a) - 1), "voorstel",
                                own->voorstel_volgnummer ? json_integer(own->voorstel_volgnummer)
                                                         : json_null());
    }
    store_plaatsing_free(&s);
    free(ev);
    api_json(r, 200, json_pack("{s:o}", "items", a));
}

/* Reads "voorstel", "weging" and "afwijking" of a referral into k (strings borrowed from b);
 * false after answering 400. */
static bool read_keuze(api_request *r, json_t *b, voorstel_keuze *k)
{
    memset(k, 0, sizeof *k);
    if (!fld_int(r, b, "voorstel", false, 1, 1000000, &k->voorstel))
        return false;
    json_t *w = json_object_get(b, "weging");
    if (w != NULL && !json_is_object(w) && !json_is_null(w)) {
        api_error(r, 400, "invalid_type",
                  "De weging is een object: code van het zachte "
                  "criterium → tekst.",
                  "weging");
        return false;
    }
    const char *key;
    json_t *v;
    json_object_foreach(w, key, v)
    {
        size_t i;
        if (!voorstel_weging_index(key, &i)) {
            api_error(r, 400, "weging_onbekend",
                      "De weging kent alleen de zachte criteria 01 tot en met 10.", "weging");
            return false;
        }
        if (!json_is_string(v) && !json_is_null(v)) {
            api_error(r, 400, "invalid_type", "Dit veld moet tekst zijn.",
                      voorstel_weging_field(i));
            return false;
        }
        k->weging[i] = json_string_value(v);
    }
    json_t *a = json_object_get(b, "afwijking");
    if (a != NULL && !json_is_null(a)) {
        if (!json_is_object(a)) {
            api_error(r, 400, "invalid_type",
                      "De afwijking is een object met contra_indicatie en toelichting.",
                      "afwijking");
            return false;
        }
        k->afwijking_given = true;
        k->afwijking_code = json_string_value(json_object_get(a, "contra_indicatie"));
        k->afwijking_toelichting = json_string_value(json_object_get(a, "toelichting"));
    }
    return true;
}

void h_plaatsing_aanmelden(api_request *r)
{
    store_plaatsing cur;
    work w;
    if (!begin_request(r, &cur, &w))
        return;
    json_t *b = fld_body(r);
    int64_t loc = 0;
    bool parallel = false;
    voorstel_keuze k;
    if (b == NULL || !fld_int(r, b, "zorglocatie_id", true, 1, INT64_MAX, &loc) ||
        !fld_bool(r, b, "parallel", false, &parallel) || !read_keuze(r, b, &k)) {
        work_end(&w);
        store_plaatsing_free(&cur);
        return;
    }
    core_error e;
    /* The proposal worked from must be one of this request's; the location's outcome in it
     * decides whether a justification is needed. */
    int64_t voorstel_id = 0;
    char uitkomst[16] = "";
    if (k.voorstel > 0) {
        int rc = store_voorstel_uitkomst(api_request_app(r)->db, cur.v.id, (int)k.voorstel, loc,
                                         &voorstel_id, uitkomst);
        if (rc == STORE_NOT_FOUND) {
            e = (core_error){"voorstel_onbekend", "voorstel",
                             "Dit plaatsingsverzoek heeft geen voorstel met dit volgnummer."};
            refuse(r, &cur, &w, &e);
            return;
        }
        if (rc != STORE_OK) {
            work_end(&w);
            store_plaatsing_free(&cur);
            api_store_error(r, rc);
            return;
        }
    }
    if (!voorstel_keuze_check(&k, strcmp(uitkomst, "voorgesteld") == 0, &e)) {
        refuse(r, &cur, &w, &e);
        return;
    }
    ifzo_date today = fld_today(r);
    if (!plaatsing_aanmelden(&cur.v, w.tp, cur.n, loc, parallel, today, &w.tp[cur.n], &e)) {
        refuse(r, &cur, &w, &e);
        return;
    }
    w.after.n = cur.n + 1;
    store_poging_keuze sk = {.voorstel_id = voorstel_id,
                             .afwijking_code = k.afwijking_given ? k.afwijking_code : "",
                             .afwijking_tekst = k.afwijking_given ? k.afwijking_toelichting : ""};
    for (size_t i = 0; i < VOORSTEL_WEGING_N; i++)
        sk.weging[i] = k.weging[i];
    store_plaatsing_stap st = {.stap = "aanmelden",
                               .poging_id = -1,
                               .datum = today,
                               .code = sk.afwijking_code,
                               .tekst = sk.afwijking_tekst,
                               .keuze = &sk};
    commit(r, &cur, &w, &st, 201, "update", 1);
}

void h_plaatsing_besluit(api_request *r)
{
    store_plaatsing cur;
    work w;
    if (!begin_request(r, &cur, &w))
        return;
    json_t *b = fld_body(r);
    int64_t poging_id = 0;
    char nummer[PLAATSING_BESLUITNR_BUF + 8], zorgtype[IFZO_CODE_BUF];
    ifzo_date start = IFZO_NO_DATE;
    if (b == NULL || !fld_int(r, b, "poging_id", true, 1, INT64_MAX, &poging_id) ||
        !fld_text(r, b, "besluitnummer", true, nummer, sizeof nummer) ||
        !fld_text(r, b, "zorgtype", true, zorgtype, sizeof zorgtype) ||
        !fld_date(r, b, "verwachte_startdatum", true, &start)) {
        work_end(&w);
        store_plaatsing_free(&cur);
        return;
    }
    size_t idx = cur.n;
    for (size_t i = 0; i < cur.n; i++)
        if (cur.pogingen[i].v.id == poging_id)
            idx = i;
    core_error e;
    ifzo_date today = fld_today(r);
    if (idx == cur.n) {
        e = (core_error){"unknown_reference", "poging_id", "Het genoemde object bestaat niet."};
        refuse(r, &cur, &w, &e);
        return;
    }
    if (!plaatsing_besluiten(&w.after.v, w.tp, cur.n, idx, nummer, zorgtype, start, today, &e)) {
        refuse(r, &cur, &w, &e);
        return;
    }
    store_plaatsing_stap st = {
        .stap = "besluiten", .datum = start, .code = w.after.v.besluitnummer};
    commit(r, &cur, &w, &st, 200, "update", 0);
}

/* The provider of the decision's location: only it reports start and end of care. */
static bool decision_provider(api_request *r, const store_plaatsing *cur)
{
    for (size_t i = 0; i < cur->n; i++)
        if (cur->pogingen[i].v.id == cur->v.besluit_poging_id && cur->v.besluit_poging_id > 0)
            return cur->pogingen[i].aanbieder_organisatie_id == own_org(r);
    return false;
}

void h_plaatsing_start_zorg(api_request *r)
{
    store_plaatsing cur;
    work w;
    if (!begin_request(r, &cur, &w))
        return;
    core_error e;
    if (!decision_provider(r, &cur)) {
        e = (core_error){"verzoek_niet_besloten", "status",
                         "De start van de zorg volgt op een plaatsingsbesluit voor uw locatie."};
        refuse(r, &cur, &w, &e);
        return;
    }
    json_t *b = fld_body(r);
    ifzo_date start = IFZO_NO_DATE;
    if (b == NULL || !fld_date(r, b, "startdatum", true, &start)) {
        work_end(&w);
        store_plaatsing_free(&cur);
        return;
    }
    if (!plaatsing_start_zorg(&w.after.v, start, fld_today(r), &e)) {
        refuse(r, &cur, &w, &e);
        return;
    }
    store_plaatsing_stap st = {.stap = "start_zorg", .datum = start};
    commit(r, &cur, &w, &st, 200, "update", 0);
}

void h_plaatsing_einde_zorg(api_request *r)
{
    store_plaatsing cur;
    work w;
    if (!begin_request(r, &cur, &w))
        return;
    core_error e;
    if (!decision_provider(r, &cur)) {
        e = (core_error){"verzoek_niet_geplaatst", "status",
                         "Einde zorg kan alleen worden gemeld als de status 'geplaatst' is."};
        refuse(r, &cur, &w, &e);
        return;
    }
    json_t *b = fld_body(r);
    int status = 0;
    char reden[IFZO_CODE_BUF] = "";
    einde_zorg_melding m = {.einddatum = IFZO_NO_DATE};
    ifzo_date corrigeert = IFZO_NO_DATE;
    if (b == NULL || !fld_intv(r, b, "status", true, 1, 3, &status) ||
        !fld_date(r, b, "einddatum", status != EINDE_ZORG_INTREKKING, &m.einddatum) ||
        !fld_text(r, b, "mutatiereden", false, reden, sizeof reden) ||
        !fld_date(r, b, "corrigeert", false, &corrigeert)) {
        work_end(&w);
        store_plaatsing_free(&cur);
        return;
    }
    ifzo_date today = fld_today(r);
    m.status = status;
    m.mutatiereden = reden;
    m.meldingsdatum = today;
    if (!plaatsing_einde_zorg(&w.after.v, &m, corrigeert, today, &e)) {
        refuse(r, &cur, &w, &e);
        return;
    }
    store_plaatsing_stap st = {.stap = plaatsing_einde_zorg_event(status),
                               .datum = m.einddatum,
                               .code = reden,
                               .te_laat = status == EINDE_ZORG_EERSTE && w.after.v.einde_te_laat};
    commit(r, &cur, &w, &st, 200, "update", 0);
}

/* ---- toeleidingspogingen ------------------------------------------------------------------- */

void h_poging_get(api_request *r)
{
    int64_t id;
    size_t idx;
    store_plaatsing s;
    if (!api_path_id(r, "id", &id) || !load_poging(r, id, &s, &idx))
        return;
    if (api_access_log(r, s.v.justitiabele_id, "toeleidingspoging", id, "read")) {
        json_t *one = json_array();
        json_array_append_new(one, render_poging(&s.v, &s.pogingen[idx], fld_today(r)));
        int rc = attach_weging(r, one, s.v.id);
        if (rc == STORE_OK) {
            api_json(r, 200, json_incref(json_array_get(one, 0)));
            api_set_etag(r, s.m.version);
        } else
            api_store_error(r, rc);
        json_decref(one);
    }
    store_plaatsing_free(&s);
}

/* GET /api/toeleidingspogingen?status=&overdue=1: the caller's work list. */
void h_poging_list(api_request *r)
{
    const char *status = api_query(r, "status");
    const char *overdue = api_query(r, "overdue");
    poging_status ps;
    if (status && !poging_status_from_name(status, &ps)) {
        api_error(r, 400, "invalid_query", "Onbekende status.", "status");
        return;
    }
    if (overdue && strcmp(overdue, "0") != 0 && strcmp(overdue, "1") != 0) {
        api_error(r, 400, "invalid_query", "overdue is 0 of 1.", "overdue");
        return;
    }
    bool only_overdue = overdue && overdue[0] == '1';
    if (only_overdue)
        status = "aangemeld";
    store_poging_item *items;
    size_t n;
    int rc = store_poging_list(api_request_app(r)->db, is_provider(r) ? own_org(r) : 0,
                               is_provider(r) ? 0 : own_org(r), status, 1000, &items, &n);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    ifzo_date today = fld_today(r);
    /* The attempts shown, logged in one access-log transaction (not one per row). */
    int64_t *ids = n ? malloc(2 * n * sizeof *ids) : NULL;
    if (n && ids == NULL) {
        free(items);
        api_access_log_refuse(r);
        return;
    }
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        plaatsingsverzoek pv;
        memset(&pv, 0, sizeof pv);
        snprintf(pv.zorgtype, sizeof pv.zorgtype, "%s", items[i].zorgtype);
        if (only_overdue && !plaatsing_te_laat(&pv, &items[i].p.v, today))
            continue;
        items[m++] = items[i];
    }
    for (size_t i = 0; i < m; i++) {
        ids[i] = items[i].justitiabele_id;
        ids[m + i] = items[i].p.v.id;
    }
    bool logged = api_access_log_list(r, ids, ids + m, m, "toeleidingspoging", "list");
    free(ids);
    if (!logged) {
        free(items);
        return;
    }
    json_t *a = json_array();
    for (size_t i = 0; i < m; i++) {
        plaatsingsverzoek pv;
        memset(&pv, 0, sizeof pv);
        pv.justitiabele_id = items[i].justitiabele_id;
        snprintf(pv.zorgtype, sizeof pv.zorgtype, "%s", items[i].zorgtype);
        json_array_append_new(a, render_poging(&pv, &items[i].p, today));
    }
    free(items);
    api_json(r, 200, json_pack("{s:o}", "items", a));
}

void h_poging_reactie(api_request *r)
{
    store_plaatsing cur;
    work w;
    size_t idx;
    if (!begin_poging(r, &cur, &w, &idx))
        return;
    json_t *b = fld_body(r);
    char code[IFZO_CODE_BUF + 8] = "", tekst[PLAATSING_TEKST_BUF + 8] = "";
    if (b == NULL || !fld_text(r, b, "reactie", true, code, sizeof code) ||
        !fld_text(r, b, "toelichting", false, tekst, sizeof tekst)) {
        work_end(&w);
        store_plaatsing_free(&cur);
        return;
    }
    core_error e;
    ifzo_date today = fld_today(r);
    if (!plaatsing_reageren(&w.tp[idx], code, tekst, today, &e)) {
        refuse(r, &cur, &w, &e);
        return;
    }
    store_plaatsing_stap st = {.stap =
                                   w.tp[idx].status == TP_GEACCEPTEERD ? "accepteren" : "afwijzen",
                               .poging_id = w.tp[idx].id,
                               .datum = today,
                               .code = w.tp[idx].reactie,
                               .tekst = tekst};
    commit(r, &cur, &w, &st, 200, "update", 0);
}

void h_poging_verlenging(api_request *r)
{
    store_plaatsing cur;
    work w;
    size_t idx;
    if (!begin_poging(r, &cur, &w, &idx))
        return;
    core_error e;
    if (!plaatsing_verlengen(&cur.v, &w.tp[idx], &e)) {
        refuse(r, &cur, &w, &e);
        return;
    }
    ifzo_date deadline = IFZO_NO_DATE;
    plaatsing_termijn(&cur.v, &w.tp[idx], &deadline);
    store_plaatsing_stap st = {.stap = "verlengen", .poging_id = w.tp[idx].id, .datum = deadline};
    commit(r, &cur, &w, &st, 200, "update", 0);
}

void h_poging_annulering(api_request *r)
{
    store_plaatsing cur;
    work w;
    size_t idx;
    if (!begin_poging(r, &cur, &w, &idx))
        return;
    json_t *b = fld_body(r);
    char op[IFZO_CODE_BUF + 8] = "", reden[IFZO_CODE_BUF + 8] = "",
                            motivatie[PLAATSING_TEKST_BUF + 8] = "";
    if (b == NULL || !fld_text(r, b, "op_verzoek", true, op, sizeof op) ||
        !fld_text(r, b, "reden", true, reden, sizeof reden) ||
        !fld_text(r, b, "motivatie", false, motivatie, sizeof motivatie)) {
        work_end(&w);
        store_plaatsing_free(&cur);
        return;
    }
    core_error e;
    ifzo_date today = fld_today(r);
    if (!plaatsing_annuleren(&w.after.v, w.tp, cur.n, idx, op, reden, motivatie, today, &e)) {
        refuse(r, &cur, &w, &e);
        return;
    }
    store_plaatsing_stap st = {.stap = "annuleren",
                               .poging_id = w.tp[idx].id,
                               .datum = today,
                               .code = reden,
                               .tekst = motivatie};
    commit(r, &cur, &w, &st, 200, "update", 0);
}
