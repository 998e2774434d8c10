/*
 * handlers.h - every request handler, one file per resource, and the small input helpers
 * they share. The route table (routes.c) is the only user of the h_* declarations.
 */
#ifndef IFZO_API_HANDLERS_H
#define IFZO_API_HANDLERS_H

#include <stdbool.h>
#include <stdint.h>

#include "api/auth.h"
#include "api/http.h"

/* Reads an optional string member of a JSON object. A present member that is not a string
 * answers 400 (code "invalid_type", field = key) and returns false; absent gives NULL. */
bool api_json_string(api_request *r, json_t *obj, const char *key, const char **out);
/* Reads an optional integer query argument in [min, max]; bad input answers 400 and returns
 * false; absent leaves *out unchanged. */
bool api_query_int(api_request *r, const char *name, int64_t min, int64_t max, int64_t *out);

/* Keyset paging of the lists ordered by id (organisations, users, tokens, access log):
 * ?after= (the last key of the previous page, from 0) and ?limit= (1..1000, default 100).
 * A bad value answers 400 invalid_query (field = the argument) and returns false. */
#define API_KEYSET_DEFAULT 100
#define API_KEYSET_MAX     1000
bool api_keyset_query(api_request *r, int64_t *after, int64_t *limit);
/* The answer of such a page: {"items": items, "next_after": last_key}, next_after only when
 * the page is full (n == limit), so that more may follow. Steals items; new reference. */
json_t *api_keyset_answer(json_t *items, size_t n, int64_t limit, int64_t last_key);

/* system.c */
void h_healthz(api_request *r);
void h_metrics(api_request *r);
void h_openapi(api_request *r);
void h_version(api_request *r);

/* organisations.c */
void h_organisation_list(api_request *r);
void h_organisation_create(api_request *r);
void h_organisation_get(api_request *r);
void h_organisation_update(api_request *r);

/* session.c: log in and out, who am I, password change, TOTP enrolment */
void h_session_create(api_request *r);
void h_session_get(api_request *r);
void h_session_delete(api_request *r);
void h_session_password(api_request *r);
void h_session_totp_begin(api_request *r);
void h_session_totp_confirm(api_request *r);

/* users.c: user management by functioneel beheer */
void h_user_list(api_request *r);
void h_user_create(api_request *r);
void h_user_get(api_request *r);
void h_user_disable(api_request *r);
void h_user_reset(api_request *r);

/* tokens.c: API tokens for provider software */
void h_token_list(api_request *r);
void h_token_create(api_request *r);
void h_token_revoke(api_request *r);

/* audit.c: the access log */
void h_audit_list(api_request *r);

/* Renders a user (no secrets) as JSON; new reference. */
json_t *api_render_user(const store_user *u);
/* Generates a readable temporary password (shown once) into out[33]. */
void api_temporary_password(char out[33]);

/* zorgaanbod.c: the care offer */
void h_zorgaanbieder_list(api_request *r);
void h_zorgaanbieder_create(api_request *r);
void h_zorgaanbieder_get(api_request *r);
void h_zorgaanbieder_update(api_request *r);
void h_contract_list(api_request *r);
void h_contract_create(api_request *r);
void h_contract_get(api_request *r);
void h_contract_update(api_request *r);
void h_zorglocatie_list(api_request *r);
void h_zorglocatie_create(api_request *r);
void h_zorglocatie_get(api_request *r);
void h_zorglocatie_update(api_request *r);
void h_zorgaanbod_list(api_request *r);
void h_zorgaanbod_create(api_request *r);
void h_zorgaanbod_get(api_request *r);
void h_zorgaanbod_update(api_request *r);

/* indicaties.c: clients and indications */
void h_justitiabele_list(api_request *r);
void h_justitiabele_create(api_request *r);
void h_justitiabele_get(api_request *r);
void h_justitiabele_update(api_request *r);
void h_indicatie_list(api_request *r);
void h_indicatie_create(api_request *r);
void h_indicatie_get(api_request *r);
void h_indicatie_update(api_request *r);
void h_indicatie_finalize(api_request *r);
void h_indicatie_versions(api_request *r);

/* plaatsing.c: the placement workflow */
void h_plaatsing_list(api_request *r);
void h_plaatsing_create(api_request *r);
void h_plaatsing_get(api_request *r);
void h_plaatsing_timeline(api_request *r);
void h_plaatsing_aanmelden(api_request *r);
void h_plaatsing_besluit(api_request *r);
void h_plaatsing_start_zorg(api_request *r);
void h_plaatsing_einde_zorg(api_request *r);
void h_poging_list(api_request *r);
void h_poging_get(api_request *r);
void h_poging_reactie(api_request *r);
void h_poging_verlenging(api_request *r);
void h_poging_annulering(api_request *r);
void h_indicatie_version_get(api_request *r);

/* brief.c: the placement letter as PDF */
void h_plaatsing_brief(api_request *r);

/* codelists.c, geo.c */
void h_codelist_all(api_request *r);
void h_codelist_get(api_request *r);
void h_geo_postcode(api_request *r);
void h_geo_travel(api_request *r);

/* voorstellen.c: matching proposals and a client's contra-indications */
void h_voorstel_create(api_request *r);
void h_voorstel_list(api_request *r);
void h_voorstel_get(api_request *r);
void h_contra_get(api_request *r);
void h_contra_put(api_request *r);
/* monitor.c: the capacity monitor, aggregates only (beleid, functioneel beheer) */
void h_monitor_aanvragen(api_request *r);
void h_monitor_instroom(api_request *r);
void h_monitor_doorstroom(api_request *r);
void h_monitor_uitstroom(api_request *r);
void h_monitor_bezetting(api_request *r);
void h_monitor_wachttijden(api_request *r);
void h_monitor_wachtlijsten(api_request *r);
void h_monitor_reacties(api_request *r);
void h_monitor_reactietermijnen(api_request *r);
void h_monitor_reacties_open(api_request *r);
void h_monitor_annuleringen(api_request *r);
void h_monitor_plaatsingen_regio(api_request *r);
void h_monitor_plaatsingen_soort(api_request *r);
void h_monitor_late_meldingen(api_request *r);
/* berichten.c: FZ message transport for provider software (issue 9, docs/berichten.md) */
void h_bericht_post(api_request *r);
void h_bericht_list(api_request *r);
void h_bericht_ontvangen(api_request *r);

#endif
