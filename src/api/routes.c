/*
 * routes.c - the route table. Adding a route means adding a line here, a handler, and its
 * entry in docs/openapi.json (a test compares the two). `access` says who may call it.
 */
#include "api/handlers.h"
#include "api/router.h"

#define FB API_ROLE_FUNCTIONEEL_BEHEER
/* Every signed-in caller, whatever the role. */
#define ANY_ROLE                                                                                   \
    (API_ROLE_INDICEERDER | API_ROLE_PLAATSER | API_ROLE_ZORGAANBIEDER | FB | API_ROLE_BELEID)

const api_route api_routes[] = {
    {"GET", "/healthz", h_healthz, API_ACCESS_PUBLIC, "Gezondheid van server en database"},
    {"GET", "/metrics", h_metrics, API_ACCESS_PUBLIC, "Prometheus-metrieken"},
    {"GET", "/api/openapi.json", h_openapi, API_ACCESS_PUBLIC, "Deze API-beschrijving"},
    {"GET", "/api/version", h_version, API_ACCESS_PUBLIC, "Versie van de server"},
    {"GET", "/api/organisations", h_organisation_list, FB, "Organisaties"},
    {"POST", "/api/organisations", h_organisation_create, FB, "Organisatie aanmaken"},
    {"GET", "/api/organisations/{id}", h_organisation_get, ANY_ROLE,
     "Eén organisatie (andere rollen dan functioneel beheer: alleen de eigen)"},
    {"PUT", "/api/organisations/{id}", h_organisation_update, FB, "Organisatie wijzigen"},
    {"POST", "/api/session", h_session_create, API_ACCESS_PUBLIC, "Inloggen"},
    {"GET", "/api/session", h_session_get, ANY_ROLE, "Wie ben ik"},
    {"DELETE", "/api/session", h_session_delete, ANY_ROLE, "Uitloggen"},
    {"PUT", "/api/session/password", h_session_password, ANY_ROLE, "Wachtwoord wijzigen"},
    {"POST", "/api/session/totp", h_session_totp_begin, ANY_ROLE, "Tweede factor instellen"},
    {"POST", "/api/session/totp/confirm", h_session_totp_confirm, ANY_ROLE,
     "Tweede factor bevestigen"},
    {"GET", "/api/users", h_user_list, FB, "Gebruikers"},
    {"POST", "/api/users", h_user_create, FB, "Gebruiker aanmaken"},
    {"GET", "/api/users/{id}", h_user_get, FB, "Eén gebruiker"},
    {"POST", "/api/users/{id}/disable", h_user_disable, FB, "Gebruiker blokkeren"},
    {"POST", "/api/users/{id}/reset", h_user_reset, FB, "Wachtwoord en tweede factor herstellen"},
    {"GET", "/api/tokens", h_token_list, FB, "API-tokens"},
    {"POST", "/api/tokens", h_token_create, FB, "API-token aanmaken"},
    {"DELETE", "/api/tokens/{id}", h_token_revoke, FB, "API-token intrekken"},
    {"GET", "/api/audit", h_audit_list, FB, "Toegangslog"},
};

const size_t api_route_count = sizeof(api_routes) / sizeof(api_routes[0]);
