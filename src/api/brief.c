/*
 * brief.c - GET /api/plaatsingsverzoeken/{id}/brief: the placement letter of a decision as
 * PDF (docs/decisions.md §80-§81).
 *
 * Why its own file: the letter is a document, not a state change of the workflow; it only
 * reads the request and what the letter names (client, location, provider, the placing
 * organisation), lets core word the letter (core/plaatsingsbrief.h) and src/doc draw it.
 *
 * Who gets it: the placing organisation of the request and the provider organisation the
 * decision is addressed to. Anyone else who cannot see the request gets 404; a provider that
 * sees the request (it has an attempt) while the decision went elsewhere gets 404 too. A
 * request without a decision answers 409 geen_besluit. The letter names the client, so the
 * read is written to the access log (object "plaatsingsbrief", the request's id) before the
 * bytes are sent.
 */
#include "api/handlers.h"
#include "api/router.h"
#include "core/plaatsingsbrief.h"
#include "doc/brief_pdf.h"
#include "store/plaatsing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The provider organisation of the decision's attempt; 0 when there is no decision. */
static int64_t decision_provider(const store_plaatsing *s)
{
    for (size_t i = 0; s->v.besluit_poging_id > 0 && i < s->n; i++)
        if (s->pogingen[i].v.id == s->v.besluit_poging_id)
            return s->pogingen[i].aanbieder_organisatie_id;
    return 0;
}

/* May the caller see the request at all (the same rule as GET /plaatsingsverzoeken/{id})? */
static bool sees_request(const api_caller *c, const store_plaatsing *s)
{
    if (c->role == API_ROLE_PLAATSER)
        return s->v.plaatser_organisatie_id == c->organisation_id;
    if (c->role != API_ROLE_ZORGAANBIEDER)
        return false;
    for (size_t i = 0; i < s->n; i++)
        if (s->pogingen[i].aanbieder_organisatie_id == c->organisation_id)
            return true;
    return false;
}

/* What the letter names besides the request; false when answered (a store error). */
static bool load_parts(api_request *r, const store_plaatsing *s, ifzo_justitiabele *j,
                       ifzo_zorglocatie *l, ifzo_zorgaanbieder *a, store_organisation *org)
{
    store *db = api_request_app(r)->db;
    store_justitiabele sj;
    store_zorglocatie sl;
    store_zorgaanbieder sa;
    /* Unscoped on purpose: the caller's right to this client's name follows from the
     * decision addressed to it (checked above), not from the indication scope. */
    int rc = store_justitiabele_get(db, STORE_SCOPE_EVERYTHING, s->v.justitiabele_id, &sj);
    if (rc == STORE_OK)
        rc = store_zorglocatie_get(db, s->v.besluit_zorglocatie_id, &sl);
    if (rc == STORE_OK)
        rc = store_zorgaanbieder_get(db, sl.v.zorgaanbieder_id, &sa);
    if (rc == STORE_OK)
        rc = store_organisation_get(db, s->v.plaatser_organisatie_id, org);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return false;
    }
    *j = sj.v;
    *l = sl.v;
    *a = sa.v;
    return true;
}

/* Builds and sends the letter of request *s; the caller has checked who asks. */
static void send_letter(api_request *r, const store_plaatsing *s)
{
    ifzo_justitiabele j;
    ifzo_zorglocatie l;
    ifzo_zorgaanbieder a;
    store_organisation org;
    memset(&j, 0, sizeof j);
    memset(&l, 0, sizeof l);
    memset(&a, 0, sizeof a);
    memset(&org, 0, sizeof org);
    /* Without a decision there is nothing to load; core refuses the letter (geen_besluit). */
    if (s->v.besluit_zorglocatie_id > 0 && !load_parts(r, s, &j, &l, &a, &org))
        return;
    plaatsingsbrief *b = malloc(sizeof *b);
    if (b == NULL) {
        api_error(r, 500, "internal", "Interne fout.", NULL);
        return;
    }
    plaatsingsbrief_gegevens g = {&s->v, &j, &l, &a, org.name};
    core_error e;
    if (!plaatsingsbrief_opstellen(&g, b, &e)) {
        free(b);
        api_error(r, e.field && strcmp(e.field, "status") == 0 ? 409 : 400, e.code, e.message,
                  e.field);
        return;
    }
    unsigned char *pdf;
    size_t len;
    if (doc_brief_pdf(b, &pdf, &len) != 0) {
        free(b);
        api_error(r, 500, "internal", "Interne fout.", NULL);
        return;
    }
    if (api_access_log(r, s->v.justitiabele_id, "plaatsingsbrief", s->v.id, "read")) {
        char name[96], disposition[160];
        brief_bestandsnaam(b, name, sizeof name);
        snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", name);
        api_text(r, 200, "application/pdf", (const char *)pdf, len);
        api_add_header(r, "Content-Disposition", disposition);
    }
    free(pdf);
    free(b);
}

void h_plaatsing_brief(api_request *r)
{
    int64_t id;
    if (!api_path_id(r, "id", &id))
        return;
    store_plaatsing s;
    memset(&s, 0, sizeof s);
    int rc = store_plaatsing_get(api_request_app(r)->db, id, &s);
    if (rc != STORE_OK) {
        store_plaatsing_free(&s);
        api_store_error(r, rc);
        return;
    }
    const api_caller *c = api_request_caller(r);
    int64_t addressed = decision_provider(&s);
    if (!sees_request(c, &s) ||
        (c->role == API_ROLE_ZORGAANBIEDER && addressed != 0 && addressed != c->organisation_id)) {
        store_plaatsing_free(&s);
        api_store_error(r, STORE_NOT_FOUND);
        return;
    }
    send_letter(r, &s);
    store_plaatsing_free(&s);
}
