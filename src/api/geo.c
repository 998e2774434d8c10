/*
 * geo.c - GET /api/geo/postcodes/{pc4} (gemeente, arrondissement, coordinate) and
 * GET /api/geo/reistijd?van=PC&naar=PC (the travel-time estimate of core/geo.h), from the
 * imported postcode table when present, else the compiled-in one (fields.h fld_geo).
 */
#include "api/fields.h"
#include "core/geo.h"

#include <math.h>
#include <stdio.h>

static bool place_of(api_request *r, const char *text, const char *field, fld_place *out)
{
    int pc4;
    if (text == NULL) {
        api_error(r, 400, "required", "Geef een postcode op.", field);
        return false;
    }
    if (ifzo_geo_parse_pc4(text, &pc4) != IFZO_GEO_OK) {
        api_error(r, 400, "invalid_postcode", "Ongeldige postcode (vier cijfers).", field);
        return false;
    }
    int rc = fld_geo(r, pc4, out);
    if (rc == STORE_NOT_FOUND) {
        api_error(r, 404, "not_found", "Deze postcode is onbekend.", field);
        return false;
    }
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return false;
    }
    return true;
}

static json_t *render_place(const fld_place *p)
{
    return json_pack("{s:i,s:s,s:s,s:f,s:f,s:b,s:s}", "pc4", p->pc4, "gemeente", p->gemeente,
                     "arrondissement", p->arrondissement, "lat", p->lat, "lon", p->lon, "exact",
                     p->exact, "bron", p->imported ? "import" : "ingebouwd");
}

void h_geo_postcode(api_request *r)
{
    fld_place p;
    if (!place_of(r, api_path_param(r, "pc4"), "pc4", &p))
        return;
    api_json(r, 200, render_place(&p));
}

void h_geo_travel(api_request *r)
{
    fld_place a, b;
    if (!place_of(r, api_query(r, "van"), "van", &a) ||
        !place_of(r, api_query(r, "naar"), "naar", &b))
        return;
    struct ifzo_travel_model m = api_travel_model(r);
    double km = 0, minutes = 0;
    if (ifzo_geo_distance_km(a.lat, a.lon, b.lat, b.lon, &km) != IFZO_GEO_OK ||
        ifzo_geo_travel_minutes(&m, a.lat, a.lon, b.lat, b.lon, &minutes) != IFZO_GEO_OK) {
        api_error(r, 400, "invalid", "Geen reistijd te berekenen.", NULL);
        return;
    }
    api_json(r, 200,
             json_pack("{s:o,s:o,s:f,s:i,s:{s:f,s:f,s:f}}", "van", render_place(&a), "naar",
                       render_place(&b), "afstand_km", round(km * 10) / 10, "reistijd_min",
                       (int)lround(minutes), "model", "omrijfactor", m.detour_factor,
                       "snelheid_kmh", m.speed_kmh, "vaste_min", m.fixed_min));
}
