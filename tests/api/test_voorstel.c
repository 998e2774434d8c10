/*
 * test_voorstel.c - matching proposals over HTTP on both backends (issue 5): a proposal made,
 * stored and read back byte for byte; the modes and the outside-region option; near misses
 * with their failing criterion; soft information (capacity, waiting list, stale figures,
 * contra-indications); an old proposal unchanged after the offer changed while a new one
 * shows the change with a higher catalog version (also through a second server on the same
 * database); the refusals with their codes and fields; and the referral made from a proposal
 * (issue 6 item 2): weighing, the justification outside the proposal, shown on the attempt.
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

static server srv;
static client_auth fb, ind, pl, pl2, za;

static void start(void)
{
    setenv("IFZO_TODAY", "2025-06-02", 1);
    server_start(&srv, NULL);
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    as_role(&srv, "indiceerder", "3ro", 0, &ind);
    as_role(&srv, "plaatser", "3ro", 0, &pl);
    as_role(&srv, "plaatser", "3ro", 0, &pl2);
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &za);
}
static void stop(void)
{
    cr_assert_eq(server_stop(&srv), 0);
}
TestSuite(voorstel, .init = start, .fini = stop, .timeout = 120);

static long call(const client_auth *who, const char *method, const char *path, const char *body,
                 long long if_match, response *r)
{
    return http_json_as(&srv, who, method, path, body, if_match, r);
}

/* A provider with an ABH contract and admission, owned by za. */
static long long provider(const char *agb)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"naam\":\"Zorg %s\",\"agb\":\"%s\",\"toelating\":true,\"organisation_id\":%lld}",
             agb, agb, za.organisation_id);
    long long zid = post_created(&srv, &fb, "/api/zorgaanbieders", body);
    snprintf(body, sizeof body,
             "{\"zorgaanbieder_id\":%lld,\"zorgtype\":\"ABH\",\"geldig_van\":\"2025-01-01\"}", zid);
    post_created(&srv, &fb, "/api/contracten", body);
    return zid;
}

static long long location(long long zid, const char *naam, const char *agb, const char *postcode)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"zorgaanbieder_id\":%lld,\"naam\":\"%s\",\"agb\":\"%s\",\"adres\":\"Laan 1\","
             "\"postcode\":\"%s\",\"plaats\":\"Ergens\",\"beveiligingsniveau\":\"1\"}",
             zid, naam, agb, postcode);
    return post_created(&srv, &za, "/api/zorglocaties", body);
}

/* An ABH offer serving arrondissement arr for geslacht list gesl. */
static long long offer(long long loc, const char *arr, const char *gesl, int bezet)
{
    char body[1024];
    snprintf(body, sizeof body,
             "{\"zorglocatie_id\":%lld,\"zorgtype\":\"ABH\",\"criteria\":{\"arrondissement\":"
             "[\"%s\"],\"geslacht\":[%s],\"aard_zorgvraag\":[\"BEH\"],"
             "\"dominante_zorgvraag\":[\"VERSL\"],\"bijkomende_problematiek\":[\"GEEN\"],"
             "\"bereik\":[\"LOK\"],\"outreach\":[\"N\"]},\"capaciteit\":10,\"bezet\":%d,"
             "\"wachtlijst\":3,\"wachttijd_dagen\":20}",
             loc, arr, gesl, bezet);
    return post_created(&srv, &za, "/api/zorgaanbod", body);
}

static long long client_id;

/* A definitive ABH indication for a woman in Rotterdam (3011). */
static long long indication(void)
{
    char body[1024];
    snprintf(body, sizeof body,
             "{\"achternaam\":\"Bakker\",\"voornamen\":\"Anna\",\"geboortedatum\":\"1990-03-04\","
             "\"bsn\":\"123456782\",\"geslacht\":\"2\",\"postcode\":\"3011 ab\"}");
    client_id = post_created(&srv, &ind, "/api/justitiabelen", body);
    snprintf(body, sizeof body,
             "{\"justitiabele_id\":%lld,\"indicerende_organisatie_id\":%lld,\"zorgtype\":\"ABH\","
             "\"criteria\":{\"arrondissement\":\"RTD\",\"geslacht\":\"2\",\"aard_zorgvraag\":"
             "\"BEH\",\"dominante_zorgvraag\":\"VERSL\",\"bijkomende_problematiek\":\"GEEN\","
             "\"bereik\":\"LOK\",\"outreach\":\"N\"},\"zorgtitel\":\"08\",\"titel_start\":"
             "\"2025-05-01\",\"titel_eind\":\"2026-05-01\",\"urgentie\":\"SPOED\","
             "\"aanmelddatum\":\"2025-04-29\",\"onderbouwing\":\"Ambulant.\",\"status\":"
             "\"definitief\"}",
             client_id, ind.organisation_id);
    return post_created(&srv, &ind, "/api/indicaties", body);
}

static long long request(long long indicatie)
{
    char body[128];
    snprintf(body, sizeof body, "{\"indicatie_id\":%lld}", indicatie);
    return post_created(&srv, &pl, "/api/plaatsingsverzoeken", body);
}

typedef struct {
    long long l1, l2, l3, o1;
} world;

/* L1 Rotterdam meets everything; L2 Rotterdam fails geslacht only (near miss); L3 Groningen
 * meets every hard criterion but lies far outside the region. */
static void build(world *w)
{
    long long z = provider("11111111");
    w->l1 = location(z, "Kliniek Maas", "11111112", "3011AB");
    w->l2 = location(z, "Huis Rotte", "11111114", "3012AB");
    w->l3 = location(z, "Noorderhuis", "11111116", "9711AB");
    w->o1 = offer(w->l1, "RTD", "\"1\",\"2\"", 4);
    offer(w->l2, "RTD", "\"1\"", 2);
    offer(w->l3, "NNE", "\"1\",\"2\"", 1);
}

static json_t *loc_of(const json_t *doc, size_t i)
{
    return json_array_get(json_object_get(doc, "locaties"), i);
}

static void propose(const char *vp, const char *body, response *r)
{
    char path[160];
    snprintf(path, sizeof path, "%s/voorstellen", vp);
    cr_assert_eq(call(&pl, "POST", path, body, 0, r), 201, "%s", r->body);
}

Test(voorstel, proposal_with_near_miss_soft_information_and_read_back)
{
    world w;
    build(&w);
    long long id = request(indication());
    char vp[96], path[160];
    snprintf(vp, sizeof vp, "/api/plaatsingsverzoeken/%lld", id);

    /* contra-indications recorded on the client are shown, never filtered on */
    char cp[96];
    snprintf(cp, sizeof cp, "/api/justitiabelen/%lld/contra-indicaties", client_id);
    response r;
    cr_assert_eq(call(&pl, "GET", cp, NULL, 0, &r), 200, "%s", r.body);
    cr_assert_eq(json_array_size(json_object_get(r.json, "contra_indicaties")), 0);
    char etag[32];
    cr_assert_not_null(response_header(&r, "ETag", etag, sizeof etag));
    long long cv = atoll(etag + 1);
    response_free(&r);
    cr_assert_eq(call(&pl, "PUT", cp, "{\"contra_indicaties\":[\"XX\"]}", cv, &r), 400);
    cr_assert_str_eq(error_code(&r), "contra_indicatie_onbekend");
    cr_assert_str_eq(error_field(&r), "contra_indicaties");
    response_free(&r);
    cr_assert_eq(call(&pl, "PUT", cp, "{\"contra_indicaties\":[\"SLACHT\",\"SLACHT\"]}", cv, &r),
                 400);
    cr_assert_str_eq(error_code(&r), "contra_indicatie_dubbel");
    response_free(&r);
    cr_assert_eq(call(&pl, "PUT", cp, "{\"contra_indicaties\":[\"SLACHT\",\"GEBV\"]}", cv, &r), 200,
                 "%s", r.body);
    response_free(&r);
    cr_assert_eq(call(&pl, "PUT", cp, "{\"contra_indicaties\":[]}", cv, &r), 409, "stale version");
    response_free(&r);

    propose(vp, "{\"modus\":\"regulier\",\"buiten_regio\":false}", &r);
    char loc[160];
    cr_assert_not_null(response_header(&r, "Location", loc, sizeof loc));
    snprintf(path, sizeof path, "%s/voorstellen/1", vp);
    cr_assert_str_eq(loc, path);
    const json_t *d = r.json;
    cr_assert_eq(json_num(d, "plaatsingsverzoek_id"), id);
    cr_assert_eq(json_num(d, "volgnummer"), 1);
    cr_assert_eq(json_num(d, "indicatie_versie"), 1);
    cr_assert_str_eq(json_str(d, "zorgtype"), "ABH");
    cr_assert_str_eq(json_str(d, "modus"), "regulier");
    cr_assert(json_is_false(json_object_get(d, "buiten_regio")));
    cr_assert_str_eq(json_str(d, "peildatum"), "2025-06-02");
    cr_assert_eq(json_num(d, "aangemaakt_door"), pl.user_id);
    cr_assert_str_eq(json_str(json_object_get(d, "regio"), "postcode"), "3011");
    cr_assert_str_eq(json_str(json_object_get(d, "regio"), "arrondissement"), "RTD");
    cr_assert(json_is_false(json_object_get(d, "in_regio_leeg")));
    cr_assert_gt(json_num(d, "catalogus_versie"), 0);
    json_t *ci = json_object_get(d, "contra_indicaties");
    cr_assert_eq(json_array_size(ci), 2);
    cr_assert_str_eq(json_str(json_array_get(ci, 0), "code"), "GEBV");
    cr_assert_str_eq(json_str(json_array_get(ci, 0), "label"), "Gebiedsverbod");
    cr_assert_str_eq(json_str(json_array_get(ci, 1), "code"), "SLACHT");
    /* L1 proposed, L2 a near miss on geslacht; L3 (outside the region) not listed */
    cr_assert_eq(json_array_size(json_object_get(d, "locaties")), 2, "%s", r.body);
    json_t *a = loc_of(d, 0), *b = loc_of(d, 1);
    cr_assert_eq(json_num(a, "zorglocatie_id"), w.l1);
    cr_assert_str_eq(json_str(a, "uitkomst"), "voorgesteld");
    cr_assert_str_eq(json_str(a, "naam"), "Kliniek Maas");
    cr_assert_str_eq(json_str(a, "zorgaanbieder"), "Zorg 11111111");
    cr_assert_str_eq(json_str(a, "postcode"), "3011AB");
    cr_assert_str_eq(json_str(a, "arrondissement"), "RTD");
    cr_assert(json_is_true(json_object_get(a, "in_regio")));
    cr_assert(json_is_null(json_object_get(a, "faalt")));
    cr_assert_eq(json_num(a, "capaciteit"), 10);
    cr_assert_eq(json_num(a, "bezetting"), 4);
    cr_assert_eq(json_num(a, "wachtlijst"), 3);
    cr_assert_eq(json_num(a, "verwachte_wachttijd_dagen"), 20);
    cr_assert_str_eq(json_str(a, "bijgewerkt_op"), "2025-06-02");
    cr_assert(json_is_false(json_object_get(a, "verouderd")));
    cr_assert(json_is_false(json_object_get(a, "opnamestop")));
    cr_assert_str_eq(json_str(json_object_get(a, "bereikbaarheid"), "uitkomst"), "voldoet");
    cr_assert_eq(json_num(json_object_get(a, "bereikbaarheid"), "norm_minuten"), 60);
    cr_assert_eq(json_num(b, "zorglocatie_id"), w.l2);
    cr_assert_str_eq(json_str(b, "uitkomst"), "bijna");
    cr_assert_str_eq(json_str(b, "faalt"), "geslacht");
    /* the explanation of the failing criterion: indicated and offered value */
    json_t *crit = json_object_get(b, "criteria"), *c;
    size_t i;
    bool seen = false;
    json_array_foreach(crit, i, c)
    {
        if (strcmp(json_str(c, "criterium"), "geslacht") == 0) {
            seen = true;
            cr_assert_str_eq(json_str(c, "uitkomst"), "voldoet_niet");
            cr_assert_str_eq(json_str(c, "geindiceerd"), "2");
            cr_assert_str_eq(json_str(c, "aangeboden"), "1");
        } else
            cr_assert_str_eq(json_str(c, "uitkomst"), "voldoet", "%s", json_str(c, "criterium"));
    }
    cr_assert(seen);
    char *first = strdup(r.body);
    response_free(&r);

    /* read back: the same bytes */
    cr_assert_eq(call(&pl, "GET", path, NULL, 0, &r), 200, "%s", r.body);
    cr_assert_str_eq(r.body, first);
    response_free(&r);

    /* outside the region on request: L3 proposed after L1, marked not in region */
    propose(vp, "{\"modus\":\"regulier\",\"buiten_regio\":true}", &r);
    cr_assert_eq(json_num(r.json, "volgnummer"), 2);
    cr_assert(json_is_true(json_object_get(r.json, "buiten_regio")));
    cr_assert_eq(json_array_size(json_object_get(r.json, "locaties")), 3, "%s", r.body);
    cr_assert_eq(json_num(loc_of(r.json, 0), "zorglocatie_id"), w.l1);
    cr_assert_eq(json_num(loc_of(r.json, 1), "zorglocatie_id"), w.l3);
    cr_assert_str_eq(json_str(loc_of(r.json, 1), "uitkomst"), "voorgesteld");
    cr_assert(json_is_false(json_object_get(loc_of(r.json, 1), "in_regio")));
    cr_assert_gt(json_num(loc_of(r.json, 1), "reistijd_minuten"), 60);
    cr_assert_str_eq(json_str(loc_of(r.json, 2), "uitkomst"), "bijna");
    response_free(&r);

    /* the modes are recorded */
    propose(vp, "{\"modus\":\"overbrugging\"}", &r);
    cr_assert_str_eq(json_str(r.json, "modus"), "overbrugging");
    cr_assert_eq(json_num(r.json, "volgnummer"), 3);
    response_free(&r);
    propose(vp, "{\"modus\":\"second_best\"}", &r);
    cr_assert_str_eq(json_str(r.json, "modus"), "second_best");
    response_free(&r);

    /* the list */
    snprintf(path, sizeof path, "%s/voorstellen", vp);
    cr_assert_eq(call(&pl, "GET", path, NULL, 0, &r), 200, "%s", r.body);
    json_t *items = json_object_get(r.json, "items");
    cr_assert_eq(json_array_size(items), 4);
    cr_assert_eq(json_num(json_array_get(items, 0), "volgnummer"), 1);
    cr_assert_eq(json_num(json_array_get(items, 0), "aantal_voorgesteld"), 1);
    cr_assert_eq(json_num(json_array_get(items, 1), "aantal_voorgesteld"), 2);
    cr_assert_str_eq(json_str(json_array_get(items, 2), "modus"), "overbrugging");
    response_free(&r);

    /* the proposal is on the timeline */
    snprintf(path, sizeof path, "%s/tijdlijn", vp);
    cr_assert_eq(call(&pl, "GET", path, NULL, 0, &r), 200, "%s", r.body);
    json_t *ev = json_array_get(json_object_get(r.json, "items"), 1);
    cr_assert_str_eq(json_str(ev, "stap"), "voorstel");
    cr_assert_str_eq(json_str(ev, "code"), "1");
    cr_assert_str_eq(json_str(ev, "username"), pl.username);
    response_free(&r);
    free(first);
}

Test(voorstel, old_proposal_unchanged_after_the_offer_changed)
{
    world w;
    build(&w);
    long long id = request(indication());
    char vp[96], path[160];
    snprintf(vp, sizeof vp, "/api/plaatsingsverzoeken/%lld", id);
    response r;
    propose(vp, "{}", &r);
    long long cat1 = json_num(r.json, "catalogus_versie");
    cr_assert_eq(json_num(loc_of(r.json, 0), "bezetting"), 4);
    char *first = strdup(r.body);
    response_free(&r);

    /* the provider changes its figures: the catalog version rises */
    char op[64], body[1024];
    snprintf(op, sizeof op, "/api/zorgaanbod/%lld", w.o1);
    snprintf(body, sizeof body,
             "{\"criteria\":{\"arrondissement\":[\"RTD\"],\"geslacht\":[\"1\",\"2\"],"
             "\"aard_zorgvraag\":[\"BEH\"],\"dominante_zorgvraag\":[\"VERSL\"],"
             "\"bijkomende_problematiek\":[\"GEEN\"],\"bereik\":[\"LOK\"],\"outreach\":[\"N\"]},"
             "\"capaciteit\":10,\"bezet\":9,\"wachtlijst\":7,\"wachttijd_dagen\":40}");
    cr_assert_eq(call(&za, "PUT", op, body, 1, &r), 200, "%s", r.body);
    response_free(&r);

    snprintf(path, sizeof path, "%s/voorstellen/1", vp);
    cr_assert_eq(call(&pl, "GET", path, NULL, 0, &r), 200);
    cr_assert_str_eq(r.body, first, "the stored proposal reads back exactly as shown");
    response_free(&r);

    propose(vp, "{}", &r);
    cr_assert_eq(json_num(r.json, "volgnummer"), 2);
    cr_assert_gt(json_num(r.json, "catalogus_versie"), cat1);
    cr_assert_eq(json_num(loc_of(r.json, 0), "bezetting"), 9);
    cr_assert_eq(json_num(loc_of(r.json, 0), "wachtlijst"), 7);
    long long cat2 = json_num(r.json, "catalogus_versie");
    response_free(&r);

    /* a second server on the same database, 40 days later: it builds its own index of the
     * current offer (same catalog version) and marks figures older than 30 days stale */
    server two;
    setenv("IFZO_TODAY", "2025-07-12", 1);
    server_start_shared(&two, &srv, NULL);
    setenv("IFZO_TODAY", "2025-06-02", 1);
    snprintf(path, sizeof path, "%s/voorstellen", vp);
    cr_assert_eq(http_json_as(&two, &pl, "POST", path, "{}", 0, &r), 201, "%s", r.body);
    cr_assert_eq(json_num(r.json, "volgnummer"), 3);
    cr_assert_eq(json_num(r.json, "catalogus_versie"), cat2);
    cr_assert_str_eq(json_str(r.json, "peildatum"), "2025-07-12");
    cr_assert(json_is_true(json_object_get(loc_of(r.json, 0), "verouderd")));
    response_free(&r);
    cr_assert_eq(server_stop(&two), 0);
    /* the age is configurable: with 60 days the same figures are not stale */
    setenv("IFZO_TODAY", "2025-07-12", 1);
    setenv("IFZO_STALE_DAYS", "60", 1);
    server_start_shared(&two, &srv, NULL);
    setenv("IFZO_TODAY", "2025-06-02", 1);
    unsetenv("IFZO_STALE_DAYS");
    cr_assert_eq(http_json_as(&two, &pl, "POST", path, "{}", 0, &r), 201, "%s", r.body);
    cr_assert(json_is_false(json_object_get(loc_of(r.json, 0), "verouderd")));
    response_free(&r);
    cr_assert_eq(server_stop(&two), 0);

    snprintf(path, sizeof path, "%s/voorstellen/1", vp);
    cr_assert_eq(call(&pl, "GET", path, NULL, 0, &r), 200);
    cr_assert_str_eq(r.body, first);
    response_free(&r);
    free(first);
}

Test(voorstel, nothing_in_the_region_says_what_widening_adds)
{
    long long z = provider("22222221");
    long long far = location(z, "Noorderhuis", "22222222", "9711AB");
    offer(far, "NNE", "\"2\"", 1);
    long long id = request(indication());
    char vp[96];
    snprintf(vp, sizeof vp, "/api/plaatsingsverzoeken/%lld", id);
    response r;
    propose(vp, "{}", &r);
    cr_assert(json_is_true(json_object_get(r.json, "in_regio_leeg")), "%s", r.body);
    cr_assert_eq(json_num(json_object_get(r.json, "uitbreiding"), "aantal"), 1);
    cr_assert_eq(json_array_size(json_object_get(r.json, "locaties")), 1);
    cr_assert_str_eq(json_str(loc_of(r.json, 0), "uitkomst"), "buiten_regio");
    response_free(&r);
    propose(vp, "{\"buiten_regio\":true}", &r);
    cr_assert_str_eq(json_str(loc_of(r.json, 0), "uitkomst"), "voorgesteld");
    response_free(&r);
}

static void refuse(const client_auth *who, const char *path, const char *body, long status,
                   const char *code, const char *field)
{
    response r;
    cr_assert_eq(call(who, "POST", path, body, 0, &r), status, "%s %s", path, r.body);
    if (code)
        cr_assert_str_eq(error_code(&r), code, "%s", r.body);
    if (field)
        cr_assert_str_eq(error_field(&r), field, "%s", r.body);
    response_free(&r);
}

Test(voorstel, refusals)
{
    long long z = provider("33333331");
    long long l = location(z, "Maashuis", "33333332", "3011AB");
    offer(l, "RTD", "\"2\"", 1);
    long long id = request(indication());
    char path[160];
    snprintf(path, sizeof path, "/api/plaatsingsverzoeken/%lld/voorstellen", id);
    refuse(&pl, path, "{\"modus\":\"snel\"}", 400, "modus_onbekend", "modus");
    refuse(&pl, path, "{\"modus\":3}", 400, "invalid_type", "modus");
    refuse(&pl, path, "{\"buiten_regio\":\"ja\"}", 400, "invalid_type", "buiten_regio");
    refuse(&pl, "/api/plaatsingsverzoeken/999999/voorstellen", "{}", 404, "not_found", NULL);
    /* another placing organisation: as if it did not exist */
    refuse(&pl2, path, "{}", 404, "not_found", NULL);
    response r;
    cr_assert_eq(call(&pl2, "GET", path, NULL, 0, &r), 404);
    response_free(&r);
    char one[192];
    snprintf(one, sizeof one, "%s/1", path);
    cr_assert_eq(call(&pl, "GET", one, NULL, 0, &r), 404, "no proposal yet");
    response_free(&r);
    refuse(&pl, path, "{}", 201, NULL, NULL);
    cr_assert_eq(call(&pl2, "GET", one, NULL, 0, &r), 404);
    response_free(&r);
    cr_assert_eq(call(&pl, "GET", one, NULL, 0, &r), 200);
    response_free(&r);

    /* a closed request: withdrawn by the referrer */
    char vp[96], pp[160], body[1024];
    snprintf(vp, sizeof vp, "/api/plaatsingsverzoeken/%lld", id);
    snprintf(pp, sizeof pp, "%s/pogingen", vp);
    snprintf(body, sizeof body,
             "{\"zorglocatie_id\":%lld,\"voorstel\":1,\"weging\":{\"01\":\"a\",\"02\":\"b\","
             "\"03\":\"c\",\"04\":\"d\",\"05\":\"e\",\"06\":\"f\",\"07\":\"g\",\"08\":\"h\","
             "\"09\":\"i\",\"10\":\"j\"}}",
             l);
    cr_assert_eq(call(&pl, "POST", pp, body, 1, &r), 201, "%s", r.body);
    long long v = json_num(r.json, "version");
    long long pid = json_num(json_array_get(json_object_get(r.json, "pogingen"), 0), "id");
    response_free(&r);
    snprintf(pp, sizeof pp, "/api/toeleidingspogingen/%lld/annulering", pid);
    cr_assert_eq(call(&pl, "POST", pp, "{\"op_verzoek\":\"PL\",\"reden\":\"PL12\"}", v, &r), 200,
                 "%s", r.body);
    cr_assert_str_eq(json_str(r.json, "status"), "ingetrokken");
    response_free(&r);
    refuse(&pl, path, "{}", 409, "verzoek_niet_open", "status");
}

Test(voorstel, referral_from_the_proposal)
{
    world w;
    build(&w);
    long long id = request(indication());
    char vp[96], pp[160], body[2048];
    snprintf(vp, sizeof vp, "/api/plaatsingsverzoeken/%lld", id);
    snprintf(pp, sizeof pp, "%s/pogingen", vp);
    response r;
    propose(vp, "{}", &r);
    response_free(&r);
    static const char weging[] =
        "\"weging\":{\"01\":\"Titel loopt een jaar.\",\"02\":\"Programma past.\",\"03\":\"c\","
        "\"04\":\"d\",\"05\":\"e\",\"06\":\"f\",\"07\":\"g\",\"08\":\"h\",\"09\":\"i\","
        "\"10\":\"j\"}";
    /* no proposal named */
    snprintf(body, sizeof body, "{\"zorglocatie_id\":%lld,%s}", w.l1, weging);
    cr_assert_eq(call(&pl, "POST", pp, body, 1, &r), 400);
    cr_assert_str_eq(error_code(&r), "voorstel_vereist");
    cr_assert_str_eq(error_field(&r), "voorstel");
    response_free(&r);
    /* an unknown proposal */
    snprintf(body, sizeof body, "{\"zorglocatie_id\":%lld,\"voorstel\":7,%s}", w.l1, weging);
    cr_assert_eq(call(&pl, "POST", pp, body, 1, &r), 400);
    cr_assert_str_eq(error_code(&r), "voorstel_onbekend");
    response_free(&r);
    /* the weighing incomplete: 05 missing */
    snprintf(body, sizeof body,
             "{\"zorglocatie_id\":%lld,\"voorstel\":1,\"weging\":{\"01\":\"a\",\"02\":\"b\","
             "\"03\":\"c\",\"04\":\"d\",\"06\":\"f\",\"07\":\"g\",\"08\":\"h\",\"09\":\"i\","
             "\"10\":\"j\"}}",
             w.l1);
    cr_assert_eq(call(&pl, "POST", pp, body, 1, &r), 400);
    cr_assert_str_eq(error_code(&r), "weging_onvolledig");
    cr_assert_str_eq(error_field(&r), "weging.05");
    response_free(&r);
    snprintf(body, sizeof body,
             "{\"zorglocatie_id\":%lld,\"voorstel\":1,\"weging\":{\"11\":\"x\"}}", w.l1);
    cr_assert_eq(call(&pl, "POST", pp, body, 1, &r), 400);
    cr_assert_str_eq(error_code(&r), "weging_onbekend");
    response_free(&r);
    /* a near miss was not proposed: a justification is required, with a known code and text */
    snprintf(body, sizeof body, "{\"zorglocatie_id\":%lld,\"voorstel\":1,%s}", w.l2, weging);
    cr_assert_eq(call(&pl, "POST", pp, body, 1, &r), 400);
    cr_assert_str_eq(error_code(&r), "afwijking_vereist");
    cr_assert_str_eq(error_field(&r), "afwijking");
    response_free(&r);
    snprintf(body, sizeof body,
             "{\"zorglocatie_id\":%lld,\"voorstel\":1,%s,\"afwijking\":{\"contra_indicatie\":"
             "\"NOPE\",\"toelichting\":\"x\"}}",
             w.l2, weging);
    cr_assert_eq(call(&pl, "POST", pp, body, 1, &r), 400);
    cr_assert_str_eq(error_code(&r), "contra_indicatie_onbekend");
    cr_assert_str_eq(error_field(&r), "afwijking.contra_indicatie");
    response_free(&r);
    snprintf(body, sizeof body,
             "{\"zorglocatie_id\":%lld,\"voorstel\":1,%s,\"afwijking\":{\"contra_indicatie\":"
             "\"SLACHT\",\"toelichting\":\" \"}}",
             w.l2, weging);
    cr_assert_eq(call(&pl, "POST", pp, body, 1, &r), 400);
    cr_assert_str_eq(error_code(&r), "afwijking_toelichting_ontbreekt");
    response_free(&r);

    /* the proposed location needs no justification */
    snprintf(body, sizeof body, "{\"zorglocatie_id\":%lld,\"voorstel\":1,%s}", w.l1, weging);
    cr_assert_eq(call(&pl, "POST", pp, body, 1, &r), 201, "%s", r.body);
    long long v = json_num(r.json, "version");
    json_t *p0 = json_array_get(json_object_get(r.json, "pogingen"), 0);
    cr_assert_eq(json_num(p0, "voorstel"), 1);
    cr_assert(json_is_null(json_object_get(p0, "afwijking")));
    cr_assert_str_eq(json_str(json_object_get(p0, "weging"), "01"), "Titel loopt een jaar.");
    response_free(&r);

    /* the near miss in parallel, justified */
    snprintf(body, sizeof body,
             "{\"zorglocatie_id\":%lld,\"parallel\":true,\"voorstel\":1,%s,\"afwijking\":"
             "{\"contra_indicatie\":\"SLACHT\",\"toelichting\":\"Slachtoffer woont bij L1.\"}}",
             w.l2, weging);
    cr_assert_eq(call(&pl, "POST", pp, body, v, &r), 201, "%s", r.body);
    long long p1 = json_num(json_array_get(json_object_get(r.json, "pogingen"), 1), "id");
    response_free(&r);
    char gp[160];
    snprintf(gp, sizeof gp, "/api/toeleidingspogingen/%lld", p1);
    cr_assert_eq(call(&pl, "GET", gp, NULL, 0, &r), 200, "%s", r.body);
    cr_assert_eq(json_num(r.json, "voorstel"), 1);
    json_t *afw = json_object_get(r.json, "afwijking");
    cr_assert_str_eq(json_str(afw, "contra_indicatie"), "SLACHT");
    cr_assert_str_eq(json_str(afw, "label"), "Nabijheid van een slachtoffer of nabestaanden");
    cr_assert_str_eq(json_str(afw, "toelichting"), "Slachtoffer woont bij L1.");
    json_t *wg = json_object_get(r.json, "weging");
    cr_assert_eq(json_object_size(wg), 10);
    cr_assert_str_eq(json_str(wg, "02"), "Programma past.");
    response_free(&r);
    /* and on the timeline */
    snprintf(gp, sizeof gp, "%s/tijdlijn", vp);
    cr_assert_eq(call(&pl, "GET", gp, NULL, 0, &r), 200);
    json_t *items = json_object_get(r.json, "items");
    json_t *last = json_array_get(items, json_array_size(items) - 1);
    cr_assert_str_eq(json_str(last, "stap"), "aanmelden");
    cr_assert_eq(json_num(last, "voorstel"), 1);
    cr_assert_str_eq(json_str(last, "code"), "SLACHT");
    cr_assert_str_eq(json_str(last, "tekst"), "Slachtoffer woont bij L1.");
    response_free(&r);
}

/* Runs `ifzo match ARGS --db <srv's database>`; returns the exit status and the output. */
static int run_match(const char *args, char *out, size_t cap)
{
    char cmd[2600];
    snprintf(cmd, sizeof cmd, "IFZO_TODAY=2025-06-02 '%s' match %s --db '%s' 2>&1", IFZO_BIN, args,
             srv.db.url);
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    size_t n = fread(out, 1, cap - 1, p);
    out[n] = '\0';
    int st = pclose(p);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* The line of the table that names location id, or NULL. */
static const char *row_of(const char *out, long long id, char *buf, size_t cap)
{
    char key[32];
    snprintf(key, sizeof key, " %lld ", id);
    for (const char *line = out; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len < cap) {
            memcpy(buf, line, len);
            buf[len] = '\0';
            if (strstr(buf, key) &&
                (strstr(buf, "voorgesteld") || strstr(buf, "bijna") || strstr(buf, "buiten_regio")))
                return buf;
        }
        line = end ? end + 1 : NULL;
    }
    return NULL;
}

Test(voorstel, the_match_command_prints_the_table)
{
    world w;
    build(&w);
    long long indicatie = indication();
    char args[128], out[16384], row[512];
    snprintf(args, sizeof args, "--indication %lld", indicatie);
    cr_assert_eq(run_match(args, out, sizeof out), 0, "%s", out);
    cr_assert_not_null(strstr(out, "zorgtype ABH  modus regulier  peildatum 2025-06-02"), "%s",
                       out);
    cr_assert_not_null(strstr(out, "arrondissement RTD"), "%s", out);
    cr_assert_not_null(row_of(out, w.l1, row, sizeof row), "%s", out);
    cr_assert_not_null(strstr(row, "voorgesteld"), "%s", row);
    cr_assert_not_null(strstr(row, "Kliniek Maas"), "%s", row);
    cr_assert_not_null(strstr(row, "Zorg 11111111"), "%s", row);
    cr_assert_not_null(strstr(row, " in "), "%s", row);
    cr_assert_not_null(row_of(out, w.l2, row, sizeof row), "%s", out);
    cr_assert_not_null(strstr(row, "bijna"), "%s", row);
    cr_assert_not_null(strstr(row, "geslacht: geïndiceerd 2, aangeboden 1"), "%s", row);
    cr_assert_null(row_of(out, w.l3, row, sizeof row), "outside the region: not asked");
    cr_assert_not_null(strstr(out, "1 voorgesteld (1 in de regio), 1 bijna."), "%s", out);

    snprintf(args, sizeof args, "--indication %lld --outside-region --mode second_best", indicatie);
    cr_assert_eq(run_match(args, out, sizeof out), 0, "%s", out);
    cr_assert_not_null(strstr(out, "modus second_best  buiten de regio"), "%s", out);
    cr_assert_not_null(row_of(out, w.l3, row, sizeof row), "%s", out);
    cr_assert_not_null(strstr(row, "voorgesteld"), "%s", row);
    cr_assert_not_null(strstr(row, " buiten "), "%s", row);

    snprintf(args, sizeof args, "--indication %lld --mode snel", indicatie);
    cr_assert_eq(run_match(args, out, sizeof out), 2, "%s", out);
    cr_assert_eq(run_match("--indication 999999", out, sizeof out), 1, "%s", out);
    cr_assert_not_null(strstr(out, "not found"), "%s", out);
    cr_assert_eq(run_match("", out, sizeof out), 2, "%s", out);
    cr_assert_eq(run_match("--help", out, sizeof out), 0, "%s", out);
    cr_assert_not_null(strstr(out, "usage: ifzo match --indication ID"), "%s", out);
}

typedef struct {
    const server *s;
    const client_auth *who;
    const char *path;
    long status;
    long long volgnummer;
    long long catalog;
} race_call;

static pthread_barrier_t race_barrier;

static void *race_run(void *arg)
{
    race_call *c = arg;
    pthread_barrier_wait(&race_barrier);
    response r;
    c->status = http_json_as(c->s, c->who, "POST", c->path, "{}", 0, &r);
    c->volgnummer = r.json ? json_num(r.json, "volgnummer") : 0;
    c->catalog = r.json ? json_num(r.json, "catalogus_versie") : 0;
    response_free(&r);
    return NULL;
}

/* Four placers propose at the same moment through two servers on one database, right after
 * the offer changed (every server rebuilds its index at once): all succeed, with the
 * volgnummers 1-4 each once and the same catalog version. */
Test(voorstel, proposals_at_the_same_moment_on_two_servers)
{
    world w;
    build(&w);
    long long id = request(indication());
    client_auth pl_b;
    as_role(&srv, "plaatser", NULL, pl.organisation_id, &pl_b);
    server two;
    server_start_shared(&two, &srv, NULL);
    char path[160];
    snprintf(path, sizeof path, "/api/plaatsingsverzoeken/%lld/voorstellen", id);
    race_call calls[4] = {{&srv, &pl, path, 0, 0, 0},
                          {&two, &pl_b, path, 0, 0, 0},
                          {&srv, &pl_b, path, 0, 0, 0},
                          {&two, &pl, path, 0, 0, 0}};
    pthread_t t[4];
    cr_assert_eq(pthread_barrier_init(&race_barrier, NULL, 4), 0);
    for (int i = 0; i < 4; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, race_run, &calls[i]), 0);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    pthread_barrier_destroy(&race_barrier);
    cr_assert_eq(server_stop(&two), 0);
    bool seen[5] = {false};
    for (int i = 0; i < 4; i++) {
        cr_assert_eq(calls[i].status, 201, "call %d: %ld", i, calls[i].status);
        cr_assert(calls[i].volgnummer >= 1 && calls[i].volgnummer <= 4);
        cr_assert_not(seen[calls[i].volgnummer], "volgnummer %lld twice", calls[i].volgnummer);
        seen[calls[i].volgnummer] = true;
        cr_assert_eq(calls[i].catalog, calls[0].catalog);
    }
}
