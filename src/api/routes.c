/*
 * routes.c - the route table. Adding a route means adding a line here, a handler, and its
 * entry in docs/openapi.json (a test compares the two). `access` says who may call it.
 */
#include "api/handlers.h"
#include "api/router.h"
#include "msg/msg.h"

#define FB  API_ROLE_FUNCTIONEEL_BEHEER
#define IND API_ROLE_INDICEERDER
#define PL  API_ROLE_PLAATSER
#define ZA  API_ROLE_ZORGAANBIEDER
#define BEL API_ROLE_BELEID
#define PUB API_ACCESS_PUBLIC
/* Every signed-in caller, whatever the role. */
#define ANY_ROLE (IND | PL | ZA | FB | BEL)
/* The contracted offer is no client data: every role but indiceerder reads it. */
#define OFFER_READ (PL | ZA | FB | BEL)
/* Client-identifying data: who indicates and who places, nobody else (design.md roles). */
#define CLIENT_READ (IND | PL)
/* Management information, aggregates only (design.md roles; issue 10). */
#define MONITOR (BEL | FB)

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
    {"GET", "/api/codelists", h_codelist_all, PUB, "Alle codelijsten"},
    {"GET", "/api/codelists/{name}", h_codelist_get, PUB, "Eén codelijst"},
    {"GET", "/api/geo/postcodes/{pc4}", h_geo_postcode, PUB,
     "Gemeente, arrondissement, coördinaat"},
    {"GET", "/api/geo/reistijd", h_geo_travel, PUB, "Geschatte reistijd tussen twee postcodes"},
    {"GET", "/api/zorgaanbieders", h_zorgaanbieder_list, OFFER_READ, "Zorgaanbieders"},
    {"POST", "/api/zorgaanbieders", h_zorgaanbieder_create, FB, "Zorgaanbieder aanmaken"},
    {"GET", "/api/zorgaanbieders/{id}", h_zorgaanbieder_get, OFFER_READ, "Eén zorgaanbieder"},
    {"PUT", "/api/zorgaanbieders/{id}", h_zorgaanbieder_update, FB, "Zorgaanbieder wijzigen"},
    {"GET", "/api/contracten", h_contract_list, OFFER_READ, "Contracten met DJI"},
    {"POST", "/api/contracten", h_contract_create, FB, "Contract aanmaken"},
    {"GET", "/api/contracten/{id}", h_contract_get, OFFER_READ, "Eén contract"},
    {"PUT", "/api/contracten/{id}", h_contract_update, FB, "Contract wijzigen"},
    {"GET", "/api/zorglocaties", h_zorglocatie_list, OFFER_READ, "Zorglocaties"},
    {"POST", "/api/zorglocaties", h_zorglocatie_create, ZA, "Zorglocatie aanmaken"},
    {"GET", "/api/zorglocaties/{id}", h_zorglocatie_get, OFFER_READ, "Eén zorglocatie"},
    {"PUT", "/api/zorglocaties/{id}", h_zorglocatie_update, ZA, "Zorglocatie wijzigen"},
    {"GET", "/api/zorgaanbod", h_zorgaanbod_list, OFFER_READ, "Zorgaanbod per locatie en zorgtype"},
    {"POST", "/api/zorgaanbod", h_zorgaanbod_create, ZA, "Zorgaanbod aanmaken"},
    {"GET", "/api/zorgaanbod/{id}", h_zorgaanbod_get, OFFER_READ, "Eén zorgaanbod"},
    {"PUT", "/api/zorgaanbod/{id}", h_zorgaanbod_update, ZA, "Zorgaanbod en capaciteit wijzigen"},
    {"GET", "/api/justitiabelen", h_justitiabele_list, CLIENT_READ, "Justitiabelen"},
    {"POST", "/api/justitiabelen", h_justitiabele_create, IND, "Justitiabele aanmaken"},
    {"GET", "/api/justitiabelen/{id}", h_justitiabele_get, CLIENT_READ, "Eén justitiabele"},
    {"PUT", "/api/justitiabelen/{id}", h_justitiabele_update, IND, "Justitiabele wijzigen"},
    {"GET", "/api/indicaties", h_indicatie_list, CLIENT_READ,
     "Indicatiestellingen (huidige versie)"},
    {"POST", "/api/indicaties", h_indicatie_create, IND, "Indicatiestelling aanmaken"},
    {"GET", "/api/indicaties/{id}", h_indicatie_get, CLIENT_READ, "Eén indicatiestelling"},
    {"PUT", "/api/indicaties/{id}", h_indicatie_update, IND, "Indicatiestelling wijzigen"},
    {"POST", "/api/indicaties/{id}/definitief", h_indicatie_finalize, IND, "Definitief maken"},
    {"GET", "/api/indicaties/{id}/versies", h_indicatie_versions, CLIENT_READ, "Alle versies"},
    {"GET", "/api/indicaties/{id}/versies/{versie}", h_indicatie_version_get, CLIENT_READ,
     "Eén versie"},
    /* the placement workflow (issue 6, docs/workflow.md) */
    {"GET", "/api/plaatsingsverzoeken", h_plaatsing_list, PL, "Plaatsingsverzoeken"},
    {"POST", "/api/plaatsingsverzoeken", h_plaatsing_create, PL, "Plaatsingsverzoek aanmaken"},
    {"GET", "/api/plaatsingsverzoeken/{id}", h_plaatsing_get, PL | ZA, "Eén plaatsingsverzoek"},
    {"GET", "/api/plaatsingsverzoeken/{id}/tijdlijn", h_plaatsing_timeline, PL | ZA,
     "Tijdlijn van een plaatsingsverzoek"},
    {"POST", "/api/plaatsingsverzoeken/{id}/pogingen", h_plaatsing_aanmelden, PL,
     "Aanmelden bij een zorglocatie"},
    {"POST", "/api/plaatsingsverzoeken/{id}/besluit", h_plaatsing_besluit, PL, "Plaatsingsbesluit"},
    {"POST", "/api/plaatsingsverzoeken/{id}/start-zorg", h_plaatsing_start_zorg, ZA,
     "Start zorg melden"},
    {"POST", "/api/plaatsingsverzoeken/{id}/einde-zorg", h_plaatsing_einde_zorg, ZA,
     "Einde zorg melden, corrigeren of intrekken"},
    {"GET", "/api/toeleidingspogingen", h_poging_list, PL | ZA,
     "Werklijst toeleidingspogingen (overdue=1: termijn verstreken)"},
    {"GET", "/api/toeleidingspogingen/{id}", h_poging_get, PL | ZA, "Eén toeleidingspoging"},
    {"POST", "/api/toeleidingspogingen/{id}/reactie", h_poging_reactie, ZA,
     "Reageren op een aanmelding"},
    {"POST", "/api/toeleidingspogingen/{id}/verlenging", h_poging_verlenging, ZA,
     "Reactietermijn verlengen"},
    {"POST", "/api/toeleidingspogingen/{id}/annulering", h_poging_annulering, PL,
     "Toeleidingspoging annuleren"},
    /* matching proposals and contra-indications (issue 5; voorstellen.c) */
    {"POST", "/api/plaatsingsverzoeken/{id}/voorstellen", h_voorstel_create, PL,
     "Matchingsvoorstel maken en opslaan"},
    {"GET", "/api/plaatsingsverzoeken/{id}/voorstellen", h_voorstel_list, PL,
     "Opgeslagen voorstellen van een plaatsingsverzoek"},
    {"GET", "/api/plaatsingsverzoeken/{id}/voorstellen/{n}", h_voorstel_get, PL,
     "Eén opgeslagen voorstel, precies zoals het werd getoond"},
    {"GET", "/api/justitiabelen/{id}/contra-indicaties", h_contra_get, CLIENT_READ,
     "Contra-indicaties van een justitiabele"},
    {"PUT", "/api/justitiabelen/{id}/contra-indicaties", h_contra_put, CLIENT_READ,
     "Contra-indicaties van een justitiabele vastleggen"},
    /* the placement letter (issue 6 item 5) */
    {"GET", "/api/plaatsingsverzoeken/{id}/brief", h_plaatsing_brief, PL | ZA,
     "Plaatsingsbrief (PDF) van het plaatsingsbesluit"},
    /* the capacity monitor (issue 10): aggregates only, every count < 5 shown as "<5" */
    {"GET", "/api/monitor/aanvragen", h_monitor_aanvragen, MONITOR, "Monitor: plaatsingsverzoeken"},
    {"GET", "/api/monitor/instroom", h_monitor_instroom, MONITOR, "Monitor: instroom (start zorg)"},
    {"GET", "/api/monitor/doorstroom", h_monitor_doorstroom, MONITOR,
     "Monitor: doorstroom naar een volgende plaatsing"},
    {"GET", "/api/monitor/uitstroom", h_monitor_uitstroom, MONITOR,
     "Monitor: uitstroom (einde zorg) per mutatiereden"},
    {"GET", "/api/monitor/bezetting", h_monitor_bezetting, MONITOR,
     "Monitor: bezette plaatsen tegen capaciteit"},
    {"GET", "/api/monitor/wachttijden", h_monitor_wachttijden, MONITOR,
     "Monitor: wachttijden (mediaan, p80, binnen de norm)"},
    {"GET", "/api/monitor/wachtlijsten", h_monitor_wachtlijsten, MONITOR,
     "Monitor: wachtlijsten zoals de zorgaanbieders ze melden"},
    {"GET", "/api/monitor/reacties", h_monitor_reacties, MONITOR,
     "Monitor: reacties per reactiemogelijkheid"},
    {"GET", "/api/monitor/reactietermijnen", h_monitor_reactietermijnen, MONITOR,
     "Monitor: reacties binnen en buiten de termijn"},
    {"GET", "/api/monitor/reacties-te-laat", h_monitor_reacties_open, MONITOR,
     "Monitor: openstaande aanmeldingen na de reactietermijn"},
    {"GET", "/api/monitor/annuleringen", h_monitor_annuleringen, MONITOR,
     "Monitor: annuleringen per reden"},
    {"GET", "/api/monitor/plaatsingen-regio", h_monitor_plaatsingen_regio, MONITOR,
     "Monitor: plaatsingen binnen en buiten de regio"},
    {"GET", "/api/monitor/plaatsingen-soort", h_monitor_plaatsingen_soort, MONITOR,
     "Monitor: plaatsingen regulier, overbrugging of second best"},
    {"GET", "/api/monitor/late-meldingen", h_monitor_late_meldingen, MONITOR,
     "Monitor: meldingen einde zorg op tijd en te laat"},
    /* FZ messages for provider software (issue 9, docs/berichten.md); API tokens only */
    {"POST", "/api/berichten", h_bericht_post, ZA,
     "Eén FZ-bericht (XML) aanbieden; antwoord is de retour"},
    {"GET", "/api/berichten", h_bericht_list, ZA,
     "Nieuwe FZ821-berichten (aanmeldingen) in de postbus"},
    {"POST", "/api/berichten/{id}/ontvangen", h_bericht_ontvangen, ZA,
     "Ontvangst van een FZ821-bericht bevestigen"},
};

const size_t api_route_count = sizeof(api_routes) / sizeof(api_routes[0]);

const api_raw_route api_raw_routes[] = {
    {h_bericht_post, MSG_MAX_BYTES}, /* one FZ message as XML (issue 9) */
};
const size_t api_raw_route_count = sizeof(api_raw_routes) / sizeof(api_raw_routes[0]);

size_t api_route_raw_body_max(size_t route)
{
    for (size_t i = 0; route < api_route_count && i < api_raw_route_count; i++)
        if (api_raw_routes[i].handler == api_routes[route].handler)
            return api_raw_routes[i].max_body;
    return 0;
}
