/*
 * routes.c - the route table. Adding a route means adding a line here, a handler, and its
 * entry in docs/openapi.json (a test compares the two). `access` says who may call it.
 */
#include "api/handlers.h"
#include "api/router.h"

#define FB API_ROLE_FUNCTIONEEL_BEHEER

const api_route api_routes[] = {
    {"GET", "/healthz", h_healthz, API_ACCESS_PUBLIC, "Gezondheid van server en database"},
    {"GET", "/metrics", h_metrics, API_ACCESS_PUBLIC, "Prometheus-metrieken"},
    {"GET", "/api/openapi.json", h_openapi, API_ACCESS_PUBLIC, "Deze API-beschrijving"},
    {"GET", "/api/version", h_version, API_ACCESS_PUBLIC, "Versie van de server"},
    {"GET", "/api/organisations", h_organisation_list, FB, "Organisaties"},
    {"POST", "/api/organisations", h_organisation_create, FB, "Organisatie aanmaken"},
    {"GET", "/api/organisations/{id}", h_organisation_get, FB, "Eén organisatie"},
    {"PUT", "/api/organisations/{id}", h_organisation_update, FB, "Organisatie wijzigen"},
};

const size_t api_route_count = sizeof(api_routes) / sizeof(api_routes[0]);
