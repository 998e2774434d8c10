/*
 * test_plaatsing.c - the placement workflow over HTTP on both backends: the whole path from
 * a definitive indication to the withdrawal of an end-of-care report, every refusal on the
 * way with its status and code, who may see and answer what, the timeline, the overdue
 * work list (a second server on the same database, later "today"), and the access log.
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static server srv;
static client_auth fb, ind, pl, pl2, za, za2;

static void start(void)
{
    setenv("IFZO_TODAY", "2025-06-02", 1);
    server_start(&srv, NULL);
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    as_role(&srv, "indiceerder", "3ro", 0, &ind);
    as_role(&srv, "plaatser", "3ro", 0, &pl);
    as_role(&srv, "plaatser", "3ro", 0, &pl2);
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &za);
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &za2);
}
static void stop(void)
{
    cr_assert_eq(server_stop(&srv), 0);
}
TestSuite(plaatsing, .init = start, .fini = stop, .timeout = 120);

static long call(const client_auth *who, const char *method, const char *path, const char *body,
                 long long if_match, response *r)
{
    return http_json_as(&srv, who, method, path, body, if_match, r);
}

static long long version_of(const response *r)
{
    return json_num(r->json, "version");
}

/* Every referral is made from a stored proposal (issue 6 item 2): these tests' locations have
 * no offer, so none is proposed and each referral carries a justification. */
static void proposal(const char *vp)
{
    char path[160];
    snprintf(path, sizeof path, "%s/voorstellen", vp);
    response r;
    cr_assert_eq(call(&pl, "POST", path, "{\"modus\":\"regulier\"}", 0, &r), 201, "%s", r.body);
    cr_assert_eq(json_num(r.json, "volgnummer"), 1);
    response_free(&r);
}

static void referral(char *buf, size_t cap, bool parallel, long long loc)
{
    snprintf(buf, cap,
             "{\"zorglocatie_id\":%lld,\"parallel\":%s,\"voorstel\":1,\"weging\":{\"01\":\"a\","
             "\"02\":\"b\",\"03\":\"c\",\"04\":\"d\",\"05\":\"e\",\"06\":\"f\",\"07\":\"g\","
             "\"08\":\"h\",\"09\":\"i\",\"10\":\"j\"},\"afwijking\":{\"contra_indicatie\":"
             "\"WACHT\",\"toelichting\":\"Niet in het voorstel.\"}}",
             loc, parallel ? "true" : "false");
}

static long long location_of(const client_auth *owner, const char *agb_provider,
                             const char *agb_location)
{
    char body[2048];
    snprintf(body, sizeof body,
             "{\"naam\":\"Zorg %s\",\"agb\":\"%s\",\"toelating\":true,\"organisation_id\":%lld}",
             agb_provider, agb_provider, owner->organisation_id);
    long long zid = post_created(&srv, &fb, "/api/zorgaanbieders", body);
    snprintf(body, sizeof body,
             "{\"zorgaanbieder_id\":%lld,\"naam\":\"Locatie\",\"agb\":\"%s\",\"adres\":\"Laan 1\","
             "\"postcode\":\"3011AB\",\"plaats\":\"Rotterdam\",\"beveiligingsniveau\":\"1\"}",
             zid, agb_location);
    return post_created(&srv, owner, "/api/zorglocaties", body);
}

static long long indication(const char *status)
{
    char body[2048];
    snprintf(body, sizeof body,
             "{\"achternaam\":\"Bakker\",\"voornamen\":\"Anna\",\"geboortedatum\":\"1990-03-04\","
             "\"bsn\":\"123456782\",\"geslacht\":\"2\",\"postcode\":\"3011 ab\"}");
    long long cid = post_created(&srv, &ind, "/api/justitiabelen", body);
    snprintf(body, sizeof body,
             "{\"justitiabele_id\":%lld,\"indicerende_organisatie_id\":%lld,\"zorgtype\":\"ABH\","
             "\"criteria\":{\"arrondissement\":\"RTD\",\"geslacht\":\"2\",\"aard_zorgvraag\":"
             "\"BEH\",\"dominante_zorgvraag\":\"VERSL\",\"bijkomende_problematiek\":\"GEEN\","
             "\"bereik\":\"LOK\",\"outreach\":\"N\"},\"zorgtitel\":\"08\",\"titel_start\":"
             "\"2025-05-01\",\"titel_eind\":\"2026-05-01\",\"urgentie\":\"SPOED\","
             "\"aanmelddatum\":\"2025-04-29\",\"onderbouwing\":\"Ambulant.\",\"status\":\"%s\"}",
             cid, ind.organisation_id, status);
    return post_created(&srv, &ind, "/api/indicaties", body);
}

/* Sends one step and checks status and (for errors) code; returns the new version. */
static long long step(const client_auth *who, const char *path, const char *body, long long v,
                      long want, const char *code)
{
    response r;
    long st = call(who, "POST", path, body, v, &r);
    cr_assert_eq(st, want, "%s %s: %ld %s", path, body ? body : "", st, r.body);
    if (code)
        cr_assert_str_eq(error_code(&r), code, "%s: %s", path, r.body);
    long long nv = want < 300 ? version_of(&r) : v;
    response_free(&r);
    return nv;
}

static long long poging_id(const char *verzoek_path, const client_auth *who, size_t i)
{
    response r;
    cr_assert_eq(call(who, "GET", verzoek_path, NULL, 0, &r), 200, "%s", r.body);
    long long id = json_num(json_array_get(json_object_get(r.json, "pogingen"), i), "id");
    response_free(&r);
    return id;
}

Test(plaatsing, the_whole_path_and_every_refusal_on_the_way)
{
    long long locA = location_of(&za, "11111111", "11111112");
    long long locB = location_of(&za, "11111113", "11111114");
    long long locC = location_of(&za2, "22222221", "22222222");
    response r;
    char body[2048], vp[96], path[256];

    /* A concept indication cannot be placed: a placer does not even see it (decision 30), so
     * it is an unknown reference; core's indicatie_niet_definitief guards the other doors. */
    long long concept = indication("concept");
    snprintf(body, sizeof body, "{\"indicatie_id\":%lld}", concept);
    cr_assert_eq(call(&pl, "POST", "/api/plaatsingsverzoeken", body, 0, &r), 400, "%s", r.body);
    cr_assert_str_eq(error_code(&r), "unknown_reference");
    cr_assert_str_eq(error_field(&r), "indicatie_id");
    response_free(&r);
    cr_assert_eq(call(&pl, "POST", "/api/plaatsingsverzoeken", "{\"indicatie_id\":999999}", 0, &r),
                 400);
    cr_assert_str_eq(error_field(&r), "indicatie_id");
    response_free(&r);
    /* the concept made definitive */
    snprintf(path, sizeof path, "/api/indicaties/%lld/definitief", concept);
    cr_assert_eq(call(&ind, "POST", path, NULL, 1, &r), 200, "%s", r.body);
    response_free(&r);
    cr_assert_eq(call(&pl, "POST", "/api/plaatsingsverzoeken", body, 0, &r), 201, "%s", r.body);
    long long id = json_num(r.json, "id");
    cr_assert_str_eq(json_str(r.json, "status"), "open");
    cr_assert_eq(json_num(r.json, "plaatser_organisatie_id"), pl.organisation_id);
    long long v = version_of(&r);
    cr_assert_eq(v, 1);
    response_free(&r);
    snprintf(vp, sizeof vp, "/api/plaatsingsverzoeken/%lld", id);
    proposal(vp);

    /* Another placing organisation does not see it. */
    cr_assert_eq(call(&pl2, "GET", vp, NULL, 0, &r), 404);
    response_free(&r);

    /* Referral to A. */
    snprintf(path, sizeof path, "%s/pogingen", vp);
    referral(body, sizeof body, false, locA);
    cr_assert_eq(call(&pl, "POST", path, body, v, &r), 201, "%s", r.body);
    char loc[128];
    cr_assert_not_null(response_header(&r, "Location", loc, sizeof loc));
    v = version_of(&r);
    response_free(&r);
    long long pA = poging_id(vp, &pl, 0);
    char expect_loc[128];
    snprintf(expect_loc, sizeof expect_loc, "/api/toeleidingspogingen/%lld", pA);
    cr_assert_str_eq(loc, expect_loc);
    /* A second one without parallel: refused; to an unknown location: 400. */
    referral(body, sizeof body, false, locB);
    step(&pl, path, body, v, 409, "poging_loopt_al");
    char unknown[2048];
    referral(unknown, sizeof unknown, true, 999999);
    step(&pl, path, unknown, v, 400, "unknown_reference");
    /* A stale version: 409 version_conflict. */
    step(&pl, path, body, v - 1, 409, "version_conflict");

    /* The provider sees its referral; another provider does not and cannot answer it. */
    char pp[128], react[160];
    snprintf(pp, sizeof pp, "/api/toeleidingspogingen/%lld", pA);
    snprintf(react, sizeof react, "%s/reactie", pp);
    cr_assert_eq(call(&za, "GET", pp, NULL, 0, &r), 200, "%s", r.body);
    cr_assert_str_eq(json_str(r.json, "status"), "aangemeld");
    cr_assert_str_eq(json_str(r.json, "termijn"), "2025-06-16", "ambulant: 14 calendar days");
    char etag[32];
    cr_assert_not_null(response_header(&r, "ETag", etag, sizeof etag));
    response_free(&r);
    cr_assert_eq(call(&za2, "GET", pp, NULL, 0, &r), 404);
    response_free(&r);
    step(&za2, react, "{\"reactie\":\"01\"}", v, 404, "not_found");
    cr_assert_eq(call(&za2, "GET", vp, NULL, 0, &r), 404);
    response_free(&r);

    /* Reaction: unknown code 400; extension of an ambulant term 409; decline with a reason. */
    step(&za, react, "{\"reactie\":\"23\"}", v, 400, "reactiemogelijkheid_onbekend");
    snprintf(path, sizeof path, "%s/verlenging", pp);
    step(&za, path, NULL, v, 409, "verlenging_niet_mogelijk");
    v = step(&za, react, "{\"reactie\":\"16\",\"toelichting\":\"Geen motivatie.\"}", v, 200, NULL);
    step(&za, react, "{\"reactie\":\"01\"}", v, 409, "reactie_al_gegeven");
    cr_assert_eq(call(&za, "GET", pp, NULL, 0, &r), 200);
    cr_assert_str_eq(json_str(r.json, "status"), "afgewezen");
    json_t *re = json_object_get(r.json, "reactie");
    cr_assert_str_eq(json_str(re, "code"), "16");
    cr_assert(json_is_false(json_object_get(re, "accepteert")));
    cr_assert_str_eq(json_str(re, "toelichting"), "Geen motivatie.");
    response_free(&r);

    /* The placer cancels the declined attempt: Te betwisten needs a motivation. */
    snprintf(path, sizeof path, "%s/annulering", pp);
    step(&pl, path, "{\"op_verzoek\":\"ZA\",\"reden\":\"ZA02\"}", v, 400, "motivatie_ontbreekt");
    step(&pl, path, "{\"op_verzoek\":\"ZA\",\"reden\":\"PL01\"}", v, 400,
         "annuleringsreden_onbekend");
    step(&za, path, "{\"op_verzoek\":\"ZA\",\"reden\":\"ZA01\"}", v, 403, "forbidden");
    v = step(&pl, path,
             "{\"op_verzoek\":\"ZA\",\"reden\":\"ZA02\",\"motivatie\":\"Wel gemotiveerd.\"}", v,
             200, NULL);
    step(&pl, path, "{\"op_verzoek\":\"ZA\",\"reden\":\"ZA01\"}", v, 409, "poging_al_geannuleerd");

    /* Second attempt to B; the decision before acceptance is refused. */
    snprintf(path, sizeof path, "%s/pogingen", vp);
    referral(body, sizeof body, false, locB);
    v = step(&pl, path, body, v, 201, NULL);
    long long pB = poging_id(vp, &pl, 1);
    char besluit[128];
    snprintf(besluit, sizeof besluit, "%s/besluit", vp);
    snprintf(body, sizeof body,
             "{\"poging_id\":%lld,\"besluitnummer\":\"PB-2025-001\",\"zorgtype\":\"ABH\","
             "\"verwachte_startdatum\":\"2025-06-09\"}",
             pB);
    step(&pl, besluit, body, v, 409, "poging_niet_geaccepteerd");
    snprintf(react, sizeof react, "/api/toeleidingspogingen/%lld/reactie", pB);
    v = step(&za, react, "{\"reactie\":\"01\"}", v, 200, NULL);

    /* The provider sees only its own attempts of the request. */
    (void)locC;
    cr_assert_eq(call(&za, "GET", vp, NULL, 0, &r), 200);
    cr_assert_eq(json_array_size(json_object_get(r.json, "pogingen")), 2);
    response_free(&r);

    /* Decision: the care type must fit the indication; then besloten. */
    char bad[256];
    snprintf(bad, sizeof bad,
             "{\"poging_id\":%lld,\"besluitnummer\":\"PB-2025-001\",\"zorgtype\":\"KLIN\","
             "\"verwachte_startdatum\":\"2025-06-09\"}",
             pB);
    step(&pl, besluit, bad, v, 400, "zorgtype_ongeldig");
    cr_assert_eq(call(&pl, "POST", besluit, body, v, &r), 200, "%s", r.body);
    cr_assert_str_eq(json_str(r.json, "status"), "besloten");
    json_t *b = json_object_get(r.json, "besluit");
    cr_assert_str_eq(json_str(b, "besluitnummer"), "PB-2025-001");
    cr_assert_eq(json_num(b, "zorglocatie_id"), locB);
    cr_assert_str_eq(json_str(b, "verwachte_startdatum"), "2025-06-09");
    v = version_of(&r);
    response_free(&r);
    step(&pl, besluit, body, v, 409, "verzoek_niet_open");
    snprintf(path, sizeof path, "%s/pogingen", vp);
    referral(body, sizeof body, false, locA);
    step(&pl, path, body, v, 409, "verzoek_niet_open");

    /* Start of care: not tomorrow, not before the title, by the decision's provider. */
    char sp[128];
    snprintf(sp, sizeof sp, "%s/start-zorg", vp);
    step(&za2, sp, "{\"startdatum\":\"2025-06-02\"}", v, 404, "not_found");
    step(&za, sp, "{\"startdatum\":\"2025-06-03\"}", v, 400, "startdatum_in_toekomst");
    step(&za, sp, "{\"startdatum\":\"2025-04-30\"}", v, 400, "startdatum_buiten_titel");
    cr_assert_eq(call(&za, "POST", sp, "{\"startdatum\":\"2025-05-05\"}", v, &r), 200, "%s",
                 r.body);
    cr_assert_str_eq(json_str(r.json, "status"), "geplaatst");
    cr_assert_str_eq(json_str(r.json, "startdatum"), "2025-05-05");
    v = version_of(&r);
    response_free(&r);
    step(&za, sp, "{\"startdatum\":\"2025-05-05\"}", v, 409, "verzoek_niet_besloten");

    /* End of care, correction, withdrawal. */
    char ep[128];
    snprintf(ep, sizeof ep, "%s/einde-zorg", vp);
    step(&za, ep, "{\"status\":2,\"einddatum\":\"2025-05-20\",\"mutatiereden\":\"07\"}", v, 409,
         "geen_eerdere_melding");
    step(&za, ep, "{\"status\":1,\"einddatum\":\"2025-05-20\"}", v, 400, "mutatiereden_ontbreekt");
    step(&za, ep, "{\"status\":1,\"einddatum\":\"2025-05-04\",\"mutatiereden\":\"07\"}", v, 400,
         "einddatum_voor_start");
    step(&za, ep, "{\"status\":1,\"einddatum\":\"2025-06-03\",\"mutatiereden\":\"07\"}", v, 400,
         "einddatum_in_toekomst");
    step(&za, ep, "{\"status\":4,\"einddatum\":\"2025-05-20\",\"mutatiereden\":\"07\"}", v, 400,
         NULL);
    cr_assert_eq(call(&za, "POST", ep,
                      "{\"status\":1,\"einddatum\":\"2025-05-20\",\"mutatiereden\":\"07\"}", v, &r),
                 200, "%s", r.body);
    cr_assert_str_eq(json_str(r.json, "status"), "zorg_beeindigd");
    cr_assert_str_eq(json_str(r.json, "einddatum"), "2025-05-20");
    cr_assert(json_is_true(json_object_get(r.json, "einde_te_laat")), "13 days after the end");
    v = version_of(&r);
    response_free(&r);
    step(&za, ep, "{\"status\":2,\"einddatum\":\"2025-05-25\",\"mutatiereden\":\"05\"}", v, 400,
         "mutatiereden_anders");
    step(&za, ep,
         "{\"status\":2,\"einddatum\":\"2025-05-25\",\"mutatiereden\":\"07\","
         "\"corrigeert\":\"2025-05-19\"}",
         v, 409, "niet_laatste_einddatum");
    cr_assert_eq(call(&za, "POST", ep,
                      "{\"status\":2,\"einddatum\":\"2025-05-25\",\"mutatiereden\":\"07\","
                      "\"corrigeert\":\"2025-05-20\"}",
                      v, &r),
                 200, "%s", r.body);
    cr_assert_str_eq(json_str(r.json, "status"), "zorg_beeindigd");
    cr_assert_str_eq(json_str(r.json, "einddatum"), "2025-05-25");
    v = version_of(&r);
    response_free(&r);
    cr_assert_eq(call(&za, "POST", ep, "{\"status\":3}", v, &r), 200, "%s", r.body);
    cr_assert_str_eq(json_str(r.json, "status"), "geplaatst");
    cr_assert(json_is_null(json_object_get(r.json, "einddatum")));
    v = version_of(&r);
    response_free(&r);
    step(&za, ep, "{\"status\":3}", v, 409, "geen_einde_zorg");

    /* The timeline: every step with who and role. */
    snprintf(path, sizeof path, "%s/tijdlijn", vp);
    cr_assert_eq(call(&pl, "GET", path, NULL, 0, &r), 200, "%s", r.body);
    static const char *const steps[] = {"aanmaken",
                                        "voorstel",
                                        "aanmelden",
                                        "afwijzen",
                                        "annuleren",
                                        "aanmelden",
                                        "accepteren",
                                        "besluiten",
                                        "start_zorg",
                                        "einde_zorg",
                                        "correctie_einde_zorg",
                                        "intrekking_einde_zorg"};
    json_t *items = json_object_get(r.json, "items");
    cr_assert_eq(json_array_size(items), sizeof steps / sizeof steps[0]);
    for (size_t i = 0; i < json_array_size(items); i++)
        cr_assert_str_eq(json_str(json_array_get(items, i), "stap"), steps[i], "event %zu", i);
    cr_assert_str_eq(json_str(json_array_get(items, 3), "role"), "zorgaanbieder");
    cr_assert_str_eq(json_str(json_array_get(items, 3), "username"), za.username);
    cr_assert_str_eq(json_str(json_array_get(items, 4), "tekst"), "Wel gemotiveerd.");
    cr_assert_str_eq(json_str(json_array_get(items, 7), "role"), "plaatser");
    /* the referral names the proposal it came from and its justification */
    cr_assert_eq(json_num(json_array_get(items, 2), "voorstel"), 1);
    cr_assert_str_eq(json_str(json_array_get(items, 2), "code"), "WACHT");
    /* each step names the organisation of whoever did it */
    char org_path[64];
    snprintf(org_path, sizeof org_path, "/api/organisations/%lld", pl.organisation_id);
    response o;
    cr_assert_eq(call(&fb, "GET", org_path, NULL, 0, &o), 200, "%s", o.body);
    cr_assert_str_eq(json_str(json_array_get(items, 7), "organisation_name"),
                     json_str(o.json, "name"));
    response_free(&o);
    response_free(&r);

    /* The provider sees the steps of its own attempts only, and the names of its own users
     * only; a provider without an attempt on the request does not see it at all. */
    cr_assert_eq(call(&za, "GET", path, NULL, 0, &r), 200, "%s", r.body);
    static const char *const own_steps[] = {"aanmelden",
                                            "afwijzen",
                                            "annuleren",
                                            "aanmelden",
                                            "accepteren",
                                            "besluiten",
                                            "start_zorg",
                                            "einde_zorg",
                                            "correctie_einde_zorg",
                                            "intrekking_einde_zorg"};
    items = json_object_get(r.json, "items");
    cr_assert_eq(json_array_size(items), sizeof own_steps / sizeof own_steps[0], "%s", r.body);
    for (size_t i = 0; i < json_array_size(items); i++)
        cr_assert_str_eq(json_str(json_array_get(items, i), "stap"), own_steps[i], "event %zu", i);
    cr_assert(json_is_null(json_object_get(json_array_get(items, 0), "username")),
              "the placer's user name is not shown to the provider");
    cr_assert_str_eq(json_str(json_array_get(items, 0), "role"), "plaatser");
    cr_assert_str_eq(json_str(json_array_get(items, 1), "username"), za.username);
    response_free(&r);
    cr_assert_eq(call(&za2, "GET", path, NULL, 0, &r), 404);
    response_free(&r);

    /* Every read and write is in the access log for this client. */
    cr_assert_eq(call(&fb, "GET", "/api/audit?limit=1000", NULL, 0, &r), 200, "%s", r.body);
    size_t n = 0, i;
    json_t *e;
    json_array_foreach(json_object_get(r.json, "items"), i, e)
    {
        const char *ot = json_str(e, "object_type");
        if (ot && (strcmp(ot, "plaatsingsverzoek") == 0 || strcmp(ot, "toeleidingspoging") == 0))
            n++;
    }
    cr_assert_geq(n, 16, "%zu entries", n);
    response_free(&r);
}

Test(plaatsing, withdrawal_by_the_referrer_ends_the_request)
{
    long long locA = location_of(&za, "11111111", "11111112");
    long long locB = location_of(&za2, "22222221", "22222222");
    char body[2048], vp[96], path[256];
    snprintf(body, sizeof body, "{\"indicatie_id\":%lld}", indication("definitief"));
    long long id = post_created(&srv, &pl, "/api/plaatsingsverzoeken", body);
    snprintf(vp, sizeof vp, "/api/plaatsingsverzoeken/%lld", id);
    proposal(vp);
    snprintf(path, sizeof path, "%s/pogingen", vp);
    referral(body, sizeof body, false, locA);
    long long v = step(&pl, path, body, 1, 201, NULL);
    referral(body, sizeof body, true, locB);
    v = step(&pl, path, body, v, 201, NULL);
    snprintf(path, sizeof path, "/api/toeleidingspogingen/%lld/annulering", poging_id(vp, &pl, 0));
    v = step(&pl, path, "{\"op_verzoek\":\"PL\",\"reden\":\"PL12\"}", v, 200, NULL);
    response r;
    cr_assert_eq(call(&pl, "GET", vp, NULL, 0, &r), 200);
    cr_assert_str_eq(json_str(r.json, "status"), "ingetrokken");
    json_t *ps = json_object_get(r.json, "pogingen");
    cr_assert_str_eq(json_str(json_array_get(ps, 0), "status"), "geannuleerd");
    cr_assert_str_eq(json_str(json_array_get(ps, 1), "status"), "geannuleerd");
    cr_assert_str_eq(json_str(json_object_get(json_array_get(ps, 1), "annulering"), "reden"),
                     "PL12");
    response_free(&r);
    snprintf(path, sizeof path, "%s/pogingen", vp);
    step(&pl, path, body, v, 409, "verzoek_niet_open");
}

Test(plaatsing, overdue_referrals_are_listed_for_placer_and_provider)
{
    long long locA = location_of(&za, "11111111", "11111112");
    long long locB = location_of(&za2, "22222221", "22222222");
    char body[2048], vp[96], path[256];
    snprintf(body, sizeof body, "{\"indicatie_id\":%lld}", indication("definitief"));
    long long id = post_created(&srv, &pl, "/api/plaatsingsverzoeken", body);
    snprintf(vp, sizeof vp, "/api/plaatsingsverzoeken/%lld", id);
    proposal(vp);
    snprintf(path, sizeof path, "%s/pogingen", vp);
    referral(body, sizeof body, false, locA);
    long long v = step(&pl, path, body, 1, 201, NULL);
    referral(body, sizeof body, true, locB);
    step(&pl, path, body, v, 201, NULL);
    response r;
    cr_assert_eq(call(&pl, "GET", "/api/toeleidingspogingen?overdue=1", NULL, 0, &r), 200);
    cr_assert_eq(json_array_size(json_object_get(r.json, "items")), 0, "not yet overdue");
    response_free(&r);
    cr_assert_eq(call(&pl, "GET", "/api/toeleidingspogingen?overdue=2", NULL, 0, &r), 400);
    response_free(&r);

    /* The same database seen on 2025-06-16 (deadline day) and 2025-06-17. */
    static const struct {
        const char *today;
        size_t placer, provider;
    } days[] = {{"2025-06-16", 0, 0}, {"2025-06-17", 2, 1}};
    for (size_t d = 0; d < 2; d++) {
        setenv("IFZO_TODAY", days[d].today, 1);
        server later;
        server_start_shared(&later, &srv, NULL);
        cr_assert_eq(
            http_json_as(&later, &pl, "GET", "/api/toeleidingspogingen?overdue=1", NULL, 0, &r),
            200, "%s", r.body);
        cr_assert_eq(json_array_size(json_object_get(r.json, "items")), days[d].placer, "%s",
                     days[d].today);
        if (days[d].placer)
            cr_assert(json_is_true(
                json_object_get(json_array_get(json_object_get(r.json, "items"), 0), "te_laat")));
        response_free(&r);
        cr_assert_eq(
            http_json_as(&later, &za, "GET", "/api/toeleidingspogingen?overdue=1", NULL, 0, &r),
            200);
        json_t *items = json_object_get(r.json, "items");
        cr_assert_eq(json_array_size(items), days[d].provider, "%s", days[d].today);
        if (days[d].provider)
            cr_assert_eq(json_num(json_array_get(items, 0), "zorglocatie_id"), locA);
        response_free(&r);
        cr_assert_eq(server_stop(&later), 0);
    }
    setenv("IFZO_TODAY", "2025-06-02", 1);
    /* Another placing organisation's list is empty. */
    cr_assert_eq(call(&pl2, "GET", "/api/toeleidingspogingen", NULL, 0, &r), 200);
    cr_assert_eq(json_array_size(json_object_get(r.json, "items")), 0);
    response_free(&r);
}

/* ---- the same attempt at the same moment ------------------------------------------------ */

typedef struct {
    const server *s;
    const client_auth *who;
    const char *path;
    const char *body;
    long long version;
    long status;
    char code[64];
} race_call;

#include <pthread.h>

static pthread_barrier_t race_barrier;

static void *race_run(void *arg)
{
    race_call *c = arg;
    response r;
    pthread_barrier_wait(&race_barrier);
    c->status = http_json_as(c->s, c->who, "POST", c->path, c->body, c->version, &r);
    snprintf(c->code, sizeof c->code, "%s", c->status == 200 ? "" : error_code(&r));
    response_free(&r);
    return NULL;
}

/* Two placers cancel and the provider accepts attempt pA at once, each through servers[i]. */
static void race(const server *const servers[3])
{
    long long locA = location_of(&za, "11111111", "11111112");
    char body[2048], vp[96], path[256], cancel[256], react[256];
    snprintf(body, sizeof body, "{\"indicatie_id\":%lld}", indication("definitief"));
    long long id = post_created(&srv, &pl, "/api/plaatsingsverzoeken", body);
    snprintf(vp, sizeof vp, "/api/plaatsingsverzoeken/%lld", id);
    proposal(vp);
    snprintf(path, sizeof path, "%s/pogingen", vp);
    referral(body, sizeof body, false, locA);
    long long v = step(&pl, path, body, 1, 201, NULL);
    long long pA = poging_id(vp, &pl, 0);
    /* a second user of the same placing organisation */
    client_auth pl_b;
    as_role(&srv, "plaatser", NULL, pl.organisation_id, &pl_b);
    snprintf(cancel, sizeof cancel, "/api/toeleidingspogingen/%lld/annulering", pA);
    snprintf(react, sizeof react, "/api/toeleidingspogingen/%lld/reactie", pA);
    race_call calls[3] = {
        {servers[0], &pl, cancel, "{\"op_verzoek\":\"PL\",\"reden\":\"PL04\"}", v, 0, ""},
        {servers[1], &pl_b, cancel, "{\"op_verzoek\":\"PL\",\"reden\":\"PL10\"}", v, 0, ""},
        {servers[2], &za, react, "{\"reactie\":\"01\"}", v, 0, ""}};
    pthread_t t[3];
    cr_assert_eq(pthread_barrier_init(&race_barrier, NULL, 3), 0);
    for (int i = 0; i < 3; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, race_run, &calls[i]), 0);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&race_barrier);
    int ok = 0, conflict = 0, winner = -1;
    for (int i = 0; i < 3; i++) {
        if (calls[i].status == 200) {
            ok++;
            winner = i;
        } else if (calls[i].status == 409 && strcmp(calls[i].code, "version_conflict") == 0) {
            conflict++;
        }
    }
    cr_assert_eq(ok, 1, "exactly one succeeds (%ld %ld %ld)", calls[0].status, calls[1].status,
                 calls[2].status);
    cr_assert_eq(conflict, 2, "the others get version_conflict (%ld %s, %ld %s, %ld %s)",
                 calls[0].status, calls[0].code, calls[1].status, calls[1].code, calls[2].status,
                 calls[2].code);
    /* Nothing half-written: the state and the timeline show the winner's step only. */
    response r;
    cr_assert_eq(call(&pl, "GET", vp, NULL, 0, &r), 200);
    cr_assert_eq(version_of(&r), v + 1);
    json_t *p = json_array_get(json_object_get(r.json, "pogingen"), 0);
    cr_assert_str_eq(json_str(p, "status"), winner == 2 ? "geaccepteerd" : "geannuleerd");
    cr_assert(winner == 2 ? json_is_null(json_object_get(p, "annulering"))
                          : json_is_null(json_object_get(p, "reactie")));
    response_free(&r);
    snprintf(path, sizeof path, "%s/tijdlijn", vp);
    cr_assert_eq(call(&pl, "GET", path, NULL, 0, &r), 200);
    cr_assert_eq(json_array_size(json_object_get(r.json, "items")), 4);
    response_free(&r);
}

Test(plaatsing, two_cancellations_and_an_acceptance_at_once_one_wins)
{
    const server *const servers[3] = {&srv, &srv, &srv};
    race(servers);
}

Test(plaatsing, the_same_race_over_two_server_processes_on_one_database)
{
    server second;
    server_start_shared(&second, &srv, NULL);
    const server *const servers[3] = {&srv, &second, &second};
    race(servers);
    cr_assert_eq(server_stop(&second), 0);
}

/* ---- FZ825 through the API: the table shared with tests/msg/test_workflow.c ------------- */

#include "fz825_cases.h"

Test(plaatsing, end_of_care_table_shared_with_the_fz825_messages)
{
    long long locA = location_of(&za, "11111111", "11111112");
    char body[2048], vp[96], path[256];
    snprintf(body, sizeof body, "{\"indicatie_id\":%lld}", indication("definitief"));
    long long id = post_created(&srv, &pl, "/api/plaatsingsverzoeken", body);
    snprintf(vp, sizeof vp, "/api/plaatsingsverzoeken/%lld", id);
    proposal(vp);
    snprintf(path, sizeof path, "%s/pogingen", vp);
    referral(body, sizeof body, false, locA);
    long long v = step(&pl, path, body, 1, 201, NULL);
    long long pA = poging_id(vp, &pl, 0);
    snprintf(path, sizeof path, "/api/toeleidingspogingen/%lld/reactie", pA);
    v = step(&za, path, "{\"reactie\":\"01\"}", v, 200, NULL);
    snprintf(path, sizeof path, "%s/besluit", vp);
    snprintf(body, sizeof body,
             "{\"poging_id\":%lld,\"besluitnummer\":\"7781\",\"zorgtype\":\"ABH\","
             "\"verwachte_startdatum\":\"2025-05-05\"}",
             pA);
    v = step(&pl, path, body, v, 200, NULL);
    snprintf(path, sizeof path, "%s/start-zorg", vp);
    v = step(&za, path, "{\"startdatum\":\"2025-05-05\"}", v, 200, NULL);
    snprintf(path, sizeof path, "%s/einde-zorg", vp);
    for (size_t i = 0; i < FZ825_NCASES; i++) {
        const fz825_case *c = &fz825_cases[i];
        int n = snprintf(body, sizeof body, "{\"status\":%d", c->status);
        if (c->einddatum)
            n += snprintf(body + n, sizeof body - (size_t)n, ",\"einddatum\":\"%s\"", c->einddatum);
        if (c->reden)
            n += snprintf(body + n, sizeof body - (size_t)n, ",\"mutatiereden\":\"%s\"", c->reden);
        snprintf(body + n, sizeof body - (size_t)n, "}");
        v = step(&za, path, body, v, c->http, c->api_code);
        response r;
        cr_assert_eq(call(&pl, "GET", vp, NULL, 0, &r), 200);
        cr_assert_str_eq(json_str(r.json, "status"), c->status_na, "case %zu", i);
        if (c->eind_na)
            cr_assert_str_eq(json_str(r.json, "einddatum"), c->eind_na, "case %zu", i);
        else
            cr_assert(json_is_null(json_object_get(r.json, "einddatum")), "case %zu", i);
        response_free(&r);
    }
}
