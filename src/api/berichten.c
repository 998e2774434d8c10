/*
 * berichten.c - /api/berichten: the FZ message transport for provider software
 * (docs/berichten.md, "Transport").
 *
 *   POST /api/berichten                 one XML message in, its retour XML out (200, also when
 *                                       records or the header are rejected: the retour says so)
 *   GET  /api/berichten?na=SEQ          the provider's unacknowledged FZ821 messages (JSON list,
 *                                       each with its XML)
 *   POST /api/berichten/{id}/ontvangen  acknowledge one; it is not delivered again
 *
 * Why only bearer tokens: the mailbox belongs to the provider's software. A person in the web
 * screens who acknowledged a referral would take it away from that software. The sender of a
 * message must be the token's provider (or one of its locations): msg_process_from checks it
 * inside the pipeline (retour code FZ09, nothing applied). HTTP errors (4xx JSON) are only for
 * the transport itself: wrong content type, no body, not a token.
 */
#include "api/fields.h"
#include "api/handlers.h"
#include "core/plaatsing.h"
#include "msg/msg.h"
#include "msg/workflow.h"
#include "store/berichtenbus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define LIST_DEFAULT 100
#define LIST_MAX     1000

static bool token_caller(api_request *r)
{
    if (api_request_caller(r)->token_id != 0)
        return true;
    api_error(r, 403, "token_required",
              "Berichten worden uitgewisseld met een API-token van de zorgaanbieder.", NULL);
    return false;
}

static bool is_xml_type(const char *ct)
{
    static const char *const types[] = {"application/xml", "text/xml"};
    for (size_t i = 0; ct && i < sizeof types / sizeof types[0]; i++) {
        size_t n = strlen(types[i]);
        if (strncasecmp(ct, types[i], n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' '))
            return true;
    }
    return false;
}

typedef struct {
    store *db;
    int64_t organisation_id;
} sender_ctx;

static int sender_ok(void *user, const char *afzender)
{
    sender_ctx *c = user;
    bool ok = false;
    if (store_mailbox_sender_ok(c->db, c->organisation_id, afzender, &ok) != STORE_OK)
        return -1;
    return ok ? 1 : 0;
}

void h_bericht_post(api_request *r)
{
    if (!token_caller(r))
        return;
    if (!is_xml_type(api_header(r, "Content-Type"))) {
        api_error(r, 415, "unsupported_media_type",
                  "Stuur één FZ-bericht als XML (Content-Type: application/xml).", NULL);
        return;
    }
    size_t len = 0;
    const char *xml = api_raw_body(r, &len);
    if (xml == NULL || len == 0) {
        api_error(r, 400, "body_required", "Stuur één FZ-bericht als XML.", NULL);
        return;
    }
    store *db = api_request_app(r)->db;
    msg_apply apply;
    msg_workflow_apply(db, &apply);
    msg_ctx *ctx = NULL;
    int rc = msg_ctx_new(db, &apply, &ctx);
    char today[IFZO_DATE_BUFSIZE];
    if (rc == MSG_OK && ifzo_date_format(fld_today(r), today) != IFZO_CAL_OK)
        rc = MSG_ERR_ARG;
    char *retour = NULL;
    size_t retour_len = 0;
    sender_ctx sc = {db, api_request_caller(r)->organisation_id};
    if (rc == MSG_OK)
        rc = msg_process_from(ctx, sender_ok, &sc, xml, len, today, &retour, &retour_len);
    msg_ctx_free(ctx);
    switch (rc) {
    case MSG_OK:
        api_text(r, 200, "application/xml; charset=utf-8", retour, retour_len);
        break;
    case MSG_BUSY:
        api_error(r, 409, "message_in_progress",
                  "Dit bericht wordt op dit moment al verwerkt; stuur het later opnieuw.", NULL);
        api_add_header(r, "Retry-After", "5");
        break;
    case MSG_ERR_APPLY:
    case MSG_ERR_STORE:
    case MSG_ERR_NOMEM:
        api_error(r, 503, "message_not_processed",
                  "Het bericht kon nu niet worden verwerkt; er is niets vastgelegd. Stuur het "
                  "opnieuw.",
                  NULL);
        api_add_header(r, "Retry-After", "5");
        break;
    default:
        api_error(r, 500, "internal", "Interne fout bij het verwerken van het bericht.", NULL);
        break;
    }
    free(retour);
}

/* The latest date for the provider's answer as the referral set it (the term of the care
 * type, without an extension): the FZ821 stays the same when delivered again. */
static ifzo_date reactie_deadline(const store_fz821 *m)
{
    plaatsingsverzoek pv = {0};
    snprintf(pv.zorgtype, sizeof pv.zorgtype, "%s", m->zorgtype);
    toeleidingspoging p = {0};
    p.aanmelddatum = m->aanmelddatum;
    ifzo_date d;
    return plaatsing_termijn(&pv, &p, &d) ? d : m->aanmelddatum;
}

static json_t *render_item(const store_fz821 *m)
{
    msg_fz821 in = {.seq = m->seq,
                    .verzoek_id = m->verzoek_id,
                    .ontvanger = m->aanbieder_agb,
                    .locatie_agb = m->locatie_agb,
                    .zorgtype = m->zorgtype,
                    .zorgtitel = m->zorgtitel,
                    .urgentie = m->urgentie,
                    .beveiligingsniveau = m->beveiligingsniveau,
                    .aanmelddatum = m->aanmelddatum,
                    .uiterlijke_reactiedatum = reactie_deadline(m),
                    .clientnummer = m->justitiabele_id,
                    .bsn = m->bsn,
                    .geboortedatum = m->geboortedatum,
                    .geslacht = m->geslacht};
    char *xml = NULL;
    size_t len = 0;
    msg_check chk = {0};
    int rc = msg_fz821_build(&in, &xml, &len, &chk);
    json_t *o = json_pack("{s:I,s:s,s:I,s:s}", "id", (json_int_t)m->seq, "berichtcode", "FZ821",
                          "toeleidingspoging", (json_int_t)m->seq, "status", m->poging_status);
    if (rc == MSG_OK) {
        json_object_set_new(o, "xml", json_stringn(xml, len));
    } else {
        /* Never dropped silently: the message is listed, with why it could not be built. */
        json_object_set_new(o, "xml", json_null());
        json_object_set_new(o, "fout", json_string(chk.detail[0] ? chk.detail : msg_rc_name(rc)));
    }
    free(xml);
    return o;
}

void h_bericht_list(api_request *r)
{
    if (!token_caller(r))
        return;
    int64_t na = 0, limit = LIST_DEFAULT;
    if (!api_query_int(r, "na", 0, INT64_MAX, &na) ||
        !api_query_int(r, "limit", 1, LIST_MAX, &limit))
        return;
    store_fz821 *items = NULL;
    size_t n = 0;
    int rc = store_mailbox_list(api_request_app(r)->db, api_request_caller(r)->organisation_id, na,
                                (int)limit, &items, &n);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    int64_t *clients = malloc((n ? n : 1) * sizeof *clients);
    int64_t *objects = malloc((n ? n : 1) * sizeof *objects);
    if (clients == NULL || objects == NULL) {
        free(clients);
        free(objects);
        free(items);
        api_store_error(r, STORE_ERROR);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        clients[i] = items[i].justitiabele_id;
        objects[i] = items[i].seq;
    }
    bool logged =
        n == 0 || api_access_log_list(r, clients, objects, n, "toeleidingspoging", "bericht");
    free(clients);
    free(objects);
    if (!logged) {
        free(items);
        return;
    }
    json_t *arr = json_array();
    for (size_t i = 0; i < n; i++)
        json_array_append_new(arr, render_item(&items[i]));
    json_t *out = json_pack("{s:o}", "items", arr);
    json_object_set_new(out, "next_na", n ? json_integer(items[n - 1].seq) : json_null());
    free(items);
    api_json(r, 200, out);
}

void h_bericht_ontvangen(api_request *r)
{
    if (!token_caller(r))
        return;
    int64_t id;
    if (!api_path_id(r, "id", &id))
        return;
    const api_caller *c = api_request_caller(r);
    bool already = false;
    int rc =
        store_mailbox_ack(api_request_app(r)->db, c->organisation_id, id, c->token_id, &already);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    api_json(r, 200,
             json_pack("{s:I,s:b,s:b}", "id", (json_int_t)id, "ontvangen", 1, "eerder_ontvangen",
                       already));
}
