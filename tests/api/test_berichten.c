/*
 * test_berichten.c - the FZ message transport over HTTP on both backends (issue 9): FZ822,
 * FZ823 and FZ825 posted with a provider's API token and applied to the placement; a sender
 * that is not the token's provider gets FZ09 on the header and nothing is applied; a resend
 * gets the identical retour and changes nothing; a message with one bad record applies the
 * good one; the FZ821 mailbox lists, acknowledges and delivers again what was not
 * acknowledged, and its messages validate against fz821.xsd (`ifzo msg validate`); hostile
 * XML over HTTP is answered, never a crash; `ifzo msg example` output validates.
 */
#include "harness.h"

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define NS "http://www.openifzo.nl/fz/2_2/"

static server srv;
static client_auth fb, ind, pl, za, za2;
static char token1[200], token2[200]; /* "Authorization: Bearer ..." of za's and za2's org */

static const char *const JSON_CT[] = {"Content-Type: application/json", NULL};

static void make_token(const client_auth *owner, char *out, size_t cap)
{
    char body[160];
    snprintf(body, sizeof body, "{\"organisation_id\":%lld,\"name\":\"Koppeling\"}",
             owner->organisation_id);
    response r;
    http_as(&srv, &fb, "POST", "/api/tokens", JSON_CT, body, &r);
    cr_assert_eq(r.status, 201, "%s", r.body);
    snprintf(out, cap, "Authorization: Bearer %s",
             json_string_value(json_object_get(r.json, "token")));
    response_free(&r);
}

static void start(void)
{
    setenv("IFZO_TODAY", "2025-06-02", 1);
    server_start(&srv, NULL);
    as_role(&srv, "functioneel_beheer", "dji", 0, &fb);
    as_role(&srv, "indiceerder", "3ro", 0, &ind);
    as_role(&srv, "plaatser", "3ro", 0, &pl);
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &za);
    as_role(&srv, "zorgaanbieder", "zorgaanbieder", 0, &za2);
    make_token(&za, token1, sizeof token1);
    make_token(&za2, token2, sizeof token2);
}
static void stop(void)
{
    cr_assert_eq(server_stop(&srv), 0);
}
TestSuite(berichten, .init = start, .fini = stop, .timeout = 180);

/* ---- helpers ---------------------------------------------------------------------------- */

static long long post_ok(const client_auth *who, const char *path, const char *body,
                         long long if_match)
{
    char im[64];
    snprintf(im, sizeof im, "If-Match: \"%lld\"", if_match);
    const char *h[] = {"Content-Type: application/json", if_match ? im : NULL, NULL};
    response r;
    http_as(&srv, who, "POST", path, h, body, &r);
    cr_assert(r.status == 200 || r.status == 201, "%s %s: %ld %s", path, body, r.status, r.body);
    long long v = json_num(r.json, r.status == 201 && if_match == 0 ? "id" : "version");
    response_free(&r);
    return v;
}

static long long location_of(const client_auth *owner, const char *agb_provider,
                             const char *agb_location)
{
    char body[512];
    snprintf(body, sizeof body,
             "{\"naam\":\"Zorg %s\",\"agb\":\"%s\",\"toelating\":true,\"organisation_id\":%lld}",
             agb_provider, agb_provider, owner->organisation_id);
    long long zid = post_ok(&fb, "/api/zorgaanbieders", body, 0);
    snprintf(body, sizeof body,
             "{\"zorgaanbieder_id\":%lld,\"naam\":\"Locatie\",\"agb\":\"%s\",\"adres\":\"Laan 1\","
             "\"postcode\":\"3011AB\",\"plaats\":\"Rotterdam\",\"beveiligingsniveau\":\"1\"}",
             zid, agb_location);
    return post_ok(owner, "/api/zorglocaties", body, 0);
}

/* A valid BSN (11-proef) for client number n. */
static void bsn_for(int n, char out[10])
{
    for (int k = n * 7 + 10000000;; k++) {
        char d[16];
        snprintf(d, sizeof d, "%08d", k % 100000000);
        int s = 0;
        for (int i = 0; i < 8; i++)
            s += (d[i] - '0') * (9 - i);
        if (s % 11 == 10)
            continue;
        memcpy(out, d, 8);
        out[8] = (char)('0' + s % 11);
        out[9] = '\0';
        return;
    }
}

typedef struct {
    long long verzoek, poging, version, client;
    char path[96];
} referral;

/* A definitive ambulant indication, a request, and a referral to location loc. */
static void refer(int n, long long loc, referral *out)
{
    char bsn[10], body[1024];
    bsn_for(n, bsn);
    snprintf(body, sizeof body,
             "{\"achternaam\":\"Bakker\",\"voornamen\":\"Anna\",\"geboortedatum\":\"1990-03-04\","
             "\"bsn\":\"%s\",\"geslacht\":\"2\",\"postcode\":\"3011 ab\"}",
             bsn);
    out->client = post_ok(&ind, "/api/justitiabelen", body, 0);
    snprintf(body, sizeof body,
             "{\"justitiabele_id\":%lld,\"indicerende_organisatie_id\":%lld,\"zorgtype\":\"ABH\","
             "\"criteria\":{\"arrondissement\":\"RTD\",\"geslacht\":\"2\",\"aard_zorgvraag\":"
             "\"BEH\",\"dominante_zorgvraag\":\"VERSL\",\"bijkomende_problematiek\":\"GEEN\","
             "\"bereik\":\"LOK\",\"outreach\":\"N\"},\"zorgtitel\":\"08\",\"titel_start\":"
             "\"2025-05-01\",\"titel_eind\":\"2026-05-01\",\"urgentie\":\"SPOED\","
             "\"aanmelddatum\":\"2025-04-29\",\"onderbouwing\":\"Ambulant.\",\"status\":"
             "\"definitief\"}",
             out->client, ind.organisation_id);
    long long ind_id = post_ok(&ind, "/api/indicaties", body, 0);
    snprintf(body, sizeof body, "{\"indicatie_id\":%lld}", ind_id);
    out->verzoek = post_ok(&pl, "/api/plaatsingsverzoeken", body, 0);
    snprintf(out->path, sizeof out->path, "/api/plaatsingsverzoeken/%lld", out->verzoek);
    char path[160];
    snprintf(path, sizeof path, "%s/pogingen", out->path);
    referral_body(&srv, &pl, out->path, NULL, loc, false, body, sizeof body);
    out->version = post_ok(&pl, path, body, 1);
    response r;
    http_as(&srv, &pl, "GET", out->path, NULL, NULL, &r);
    cr_assert_eq(r.status, 200);
    out->poging = json_num(json_array_get(json_object_get(r.json, "pogingen"), 0), "id");
    response_free(&r);
}

/* The request as the placer sees it: status and version. */
static void request_state(const referral *f, char *status, size_t cap, long long *version)
{
    response r;
    http_as(&srv, &pl, "GET", f->path, NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    snprintf(status, cap, "%s", json_str(r.json, "status"));
    if (version)
        *version = json_num(r.json, "version");
    response_free(&r);
}

static char *message(int code, const char *afzender, const char *ident, long long client,
                     const char *records)
{
    const char *ns = code == 822   ? NS "fz822/schema"
                     : code == 823 ? NS "fz823/schema"
                                   : NS "fz825/schema";
    size_t cap = strlen(records) + 2048;
    char *buf = malloc(cap);
    snprintf(buf, cap,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Bericht xmlns=\"%s\"><Header>"
             "<BerichtCode>%d</BerichtCode><BerichtVersie>2</BerichtVersie><BerichtSubversie>2"
             "</BerichtSubversie><Afzender>%s</Afzender><Ontvanger>99000001</Ontvanger>"
             "<BerichtIdentificatie><Identificatie>%s</Identificatie><Dagtekening>2025-06-02"
             "</Dagtekening></BerichtIdentificatie><XsdVersie><BasisschemaXsdVersie>1.0.0"
             "</BasisschemaXsdVersie><BerichtXsdVersie>1.0.0</BerichtXsdVersie></XsdVersie>"
             "</Header><Client><Clientnummer>%lld</Clientnummer>%s</Client></Bericht>",
             ns, code, afzender, ident, client, records);
    return buf;
}

static void reactie(char *out, size_t cap, long long poging, const char *code)
{
    snprintf(out, cap,
             "<Reactie><Toeleidingspogingnummer>%lld</Toeleidingspogingnummer>"
             "<Reactiemogelijkheid>%s</Reactiemogelijkheid><Reactiedatum>2025-06-02"
             "</Reactiedatum></Reactie>",
             poging, code);
}

static void post_xml(const char *token, const char *xml, response *r)
{
    const char *h[] = {"Content-Type: application/xml", token, NULL};
    http(&srv, "POST", "/api/berichten", h, xml, r);
}

/* The RetourCode values of a retour in document order, joined by ",". */
static void codes_of(const char *xml, char *out, size_t cap)
{
    out[0] = '\0';
    size_t n = 0;
    for (const char *p = strstr(xml, "<RetourCode>"); p; p = strstr(p, "<RetourCode>")) {
        p += strlen("<RetourCode>");
        const char *e = strstr(p, "</RetourCode>");
        if (e == NULL)
            break;
        n += (size_t)snprintf(out + n, cap - n, "%s%.*s", n ? "," : "", (int)(e - p), p);
        if (n >= cap)
            break;
    }
}

/* Posts and expects 200 with an XML retour whose codes are `want`. */
static void expect_codes(const char *token, const char *xml, const char *want, const char *root)
{
    response r;
    post_xml(token, xml, &r);
    cr_assert_eq(r.status, 200, "%ld %s", r.status, r.body);
    char ct[128];
    cr_assert_not_null(response_header(&r, "Content-Type", ct, sizeof ct));
    cr_assert(strncmp(ct, "application/xml", 15) == 0, "%s", ct);
    char codes[256];
    codes_of(r.body, codes, sizeof codes);
    cr_assert_str_eq(codes, want, "%s", r.body);
    if (root)
        cr_assert_not_null(strstr(r.body, root), "%s", r.body);
    response_free(&r);
}

/* Runs a shell command; returns its exit status and its output (malloc'd). */
static int run(const char *cmd, char **output)
{
    FILE *p = popen(cmd, "r");
    cr_assert_not_null(p);
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    char chunk[1024];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
        fwrite(chunk, 1, n, mem);
    fclose(mem);
    int st = pclose(p);
    if (output)
        *output = buf;
    else
        free(buf);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* `ifzo msg validate` on xml: exit status and output. */
static int validate(const char *xml, char **output)
{
    char path[] = "/tmp/ifzo-test-msg-XXXXXX";
    int fd = mkstemp(path);
    cr_assert_geq(fd, 0);
    size_t len = strlen(xml);
    cr_assert_eq(write(fd, xml, len), (ssize_t)len);
    close(fd);
    char cmd[512];
    snprintf(cmd, sizeof cmd, "'%s' msg validate '%s' --today 2025-06-02 2>&1", IFZO_BIN, path);
    int st = run(cmd, output);
    unlink(path);
    return st;
}

/* ---- the three inbound messages, applied ------------------------------------------------ */

Test(berichten, fz822_fz823_fz825_are_applied_and_a_resend_changes_nothing)
{
    long long loc = location_of(&za, "41000001", "41000002");
    referral f;
    refer(1, loc, &f);
    char rec[512], status[32];

    /* FZ822 from the location's AGB: accepted. */
    reactie(rec, sizeof rec, f.poging, "01");
    char *xml = message(822, "41000002", "R-1", f.client, rec);
    expect_codes(token1, xml, "0200,0200,0200", NS "fz828/schema");
    free(xml);
    char pp[96];
    snprintf(pp, sizeof pp, "/api/toeleidingspogingen/%lld", f.poging);
    response r;
    http_as(&srv, &pl, "GET", pp, NULL, NULL, &r);
    cr_assert_str_eq(json_str(r.json, "status"), "geaccepteerd", "%s", r.body);
    response_free(&r);

    /* The placer decides; besluitnummer 5001 is what FZ823/FZ825 refer to. */
    long long v;
    request_state(&f, status, sizeof status, &v);
    char path[160], body[256];
    snprintf(path, sizeof path, "%s/besluit", f.path);
    snprintf(body, sizeof body,
             "{\"poging_id\":%lld,\"besluitnummer\":\"5001\",\"zorgtype\":\"ABH\","
             "\"verwachte_startdatum\":\"2025-06-09\"}",
             f.poging);
    post_ok(&pl, path, body, v);

    /* FZ823 from the provider's own AGB: geplaatst. */
    xml = message(823, "41000001", "S-1", f.client,
                  "<StartZorg><Plaatsingsbesluitnummer>5001</Plaatsingsbesluitnummer>"
                  "<Begindatum>2025-05-05</Begindatum></StartZorg>");
    expect_codes(token1, xml, "0200,0200,0200", NS "fz824/schema");
    free(xml);
    request_state(&f, status, sizeof status, &v);
    cr_assert_str_eq(status, "geplaatst");

    /* FZ825 status 1: zorg beëindigd. */
    xml = message(825, "41000001", "E-1", f.client,
                  "<EindeZorg><Plaatsingsbesluitnummer>5001</Plaatsingsbesluitnummer><Einddatum>"
                  "2025-05-30</Einddatum><Mutatiereden>07</Mutatiereden><Meldingsdatum>2025-06-01"
                  "</Meldingsdatum><StatusAanlevering>1</StatusAanlevering></EindeZorg>");
    response first;
    post_xml(token1, xml, &first);
    cr_assert_eq(first.status, 200, "%s", first.body);
    char codes[256];
    codes_of(first.body, codes, sizeof codes);
    cr_assert_str_eq(codes, "0200,0200,0200", "%s", first.body);
    long long v_after;
    request_state(&f, status, sizeof status, &v_after);
    cr_assert_str_eq(status, "zorg_beeindigd");

    /* The same bytes again: the identical retour, nothing changes. */
    response again;
    post_xml(token1, xml, &again);
    cr_assert_eq(again.status, 200);
    cr_assert_str_eq(again.body, first.body);
    long long v_again;
    request_state(&f, status, sizeof status, &v_again);
    cr_assert_eq(v_again, v_after, "a resend changed the request");
    response_free(&first);
    response_free(&again);
    free(xml);

    /* A second, different first report: the workflow's 9074 on the record. */
    xml = message(825, "41000001", "E-2", f.client,
                  "<EindeZorg><Plaatsingsbesluitnummer>5001</Plaatsingsbesluitnummer><Einddatum>"
                  "2025-05-31</Einddatum><Mutatiereden>07</Mutatiereden><Meldingsdatum>2025-06-01"
                  "</Meldingsdatum><StatusAanlevering>1</StatusAanlevering></EindeZorg>");
    expect_codes(token1, xml, "0200,0200,FZ01", NULL);
    free(xml);
}

Test(berichten, a_sender_that_is_not_the_tokens_provider_is_rejected_and_nothing_applied)
{
    long long loc = location_of(&za, "43000001", "43000002");
    location_of(&za2, "44000001", "44000002");
    referral f;
    refer(2, loc, &f);
    char rec[512], status[32];
    reactie(rec, sizeof rec, f.poging, "01");
    long long v0;
    request_state(&f, status, sizeof status, &v0);

    /* za2's AGB with za's token; an AGB nobody has; za's AGB with za2's token. */
    static const struct {
        const char *afzender;
        const char *token;
    } wrong[] = {{"44000001", token1}, {"12345678", token1}, {"43000002", token2}};
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        char *xml = message(822, wrong[i].afzender, "R-2", f.client, rec);
        expect_codes(wrong[i].token, xml, "FZ09,0233,0233", NS "fz828/schema");
        free(xml);
    }
    long long v1;
    request_state(&f, status, sizeof status, &v1);
    cr_assert_eq(v1, v0, "a rejected sender changed the request");

    /* Nothing was recorded: the rightful sender may use the same identification. */
    char *xml = message(822, "43000002", "R-2", f.client, rec);
    expect_codes(token1, xml, "0200,0200,0200", NULL);
    free(xml);
}

Test(berichten, one_bad_record_is_rejected_and_the_good_one_applied)
{
    long long loc = location_of(&za, "45000001", "45000002");
    referral f;
    refer(3, loc, &f);
    char good[512], bad[512], both[1100];
    reactie(good, sizeof good, f.poging, "01");
    reactie(bad, sizeof bad, 999999, "01");
    snprintf(both, sizeof both, "%s%s", bad, good);
    char *xml = message(822, "45000001", "R-3", f.client, both);
    expect_codes(token1, xml, "0200,0200,9063,0200", NULL);
    free(xml);
    char pp[96];
    snprintf(pp, sizeof pp, "/api/toeleidingspogingen/%lld", f.poging);
    response r;
    http_as(&srv, &pl, "GET", pp, NULL, NULL, &r);
    cr_assert_str_eq(json_str(r.json, "status"), "geaccepteerd", "%s", r.body);
    response_free(&r);
}

/* ---- transport errors and hostile input ------------------------------------------------- */

Test(berichten, transport_problems_are_json_errors)
{
    response r;
    const char *json_h[] = {"Content-Type: application/json", token1, NULL};
    http(&srv, "POST", "/api/berichten", json_h, "<Bericht/>", &r);
    cr_assert_eq(r.status, 415, "%s", r.body);
    cr_assert_str_eq(error_code(&r), "unsupported_media_type");
    response_free(&r);
    const char *xml_h[] = {"Content-Type: application/xml", token1, NULL};
    http(&srv, "POST", "/api/berichten", xml_h, NULL, &r);
    cr_assert_eq(r.status, 400, "%s", r.body);
    cr_assert_str_eq(error_code(&r), "body_required");
    response_free(&r);
    /* A person's session, even of the provider, is not a token. */
    const char *h[] = {"Content-Type: application/xml", NULL};
    http_as(&srv, &za, "POST", "/api/berichten", h, "<Bericht/>", &r);
    cr_assert_eq(r.status, 403, "%s", r.body);
    cr_assert_str_eq(error_code(&r), "token_required");
    response_free(&r);
    http_as(&srv, &za, "GET", "/api/berichten", NULL, NULL, &r);
    cr_assert_eq(r.status, 403);
    response_free(&r);
    /* text/xml with a charset is XML too. */
    const char *tx[] = {"Content-Type: text/xml; charset=utf-8", token1, NULL};
    http(&srv, "POST", "/api/berichten", tx, "<x/>", &r);
    cr_assert_eq(r.status, 200, "%s", r.body);
    response_free(&r);
}

Test(berichten, hostile_xml_is_answered_with_a_technical_retour_never_a_crash)
{
    char *nest = malloc(10000 * 7 + 64);
    size_t n = 0;
    for (int i = 0; i < 10000; i++)
        n += (size_t)sprintf(nest + n, "<a>");
    for (int i = 0; i < 10000; i++)
        n += (size_t)sprintf(nest + n, "</a>");
    const char *const hostile[] = {
        /* XXE */
        "<?xml version=\"1.0\"?><!DOCTYPE b [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<Bericht xmlns=\"" NS "fz825/schema\">&x;</Bericht>",
        /* billion laughs */
        "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b "
        "\"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
        "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><l>&d;&d;&d;&d;&d;&d;&d;&d;</l>",
        /* 10,000 levels */
        nest,
        /* invalid UTF-8 */
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Bericht xmlns=\"" NS
        "fz825/schema\">\xff\xfe\xc0\xaf</Bericht>",
        /* wrong namespace */
        "<?xml version=\"1.0\"?><Bericht xmlns=\"http://example.org/other\"><Header/></Bericht>",
        /* not XML at all */
        "this is not xml",
    };
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
        expect_codes(token1, hostile[i], "0001", NS "fz820/schema");
    free(nest);

    /* 50 MB: refused unread with 413 (declared length over the 8 MiB limit). */
    size_t big = 50u * 1024 * 1024;
    char *body = malloc(big + 1);
    memset(body, 'a', big);
    body[big] = '\0';
    response r;
    post_xml(token1, body, &r);
    cr_assert_eq(r.status, 413, "%ld", r.status);
    cr_assert_str_eq(error_code(&r), "body_too_large");
    response_free(&r);
    free(body);

    http(&srv, "GET", "/healthz", NULL, NULL, &r);
    cr_assert_eq(r.status, 200, "the server survived");
    response_free(&r);
}

/* ---- the FZ821 mailbox ------------------------------------------------------------------ */

static json_t *list(const char *token, long long na, response *r)
{
    char path[96];
    snprintf(path, sizeof path, "/api/berichten?na=%lld", na);
    const char *h[] = {token, NULL};
    http(&srv, "GET", path, h, NULL, r);
    cr_assert_eq(r->status, 200, "%s", r->body);
    return json_object_get(r->json, "items");
}

static long ack(const char *token, long long id, response *r)
{
    char path[96];
    snprintf(path, sizeof path, "/api/berichten/%lld/ontvangen", id);
    const char *h[] = {token, NULL};
    http(&srv, "POST", path, h, NULL, r);
    return r->status;
}

Test(berichten, the_mailbox_delivers_every_referral_until_it_is_acknowledged)
{
    long long locA = location_of(&za, "46000001", "46000002");
    long long locB = location_of(&za, "46000003", "46000004");
    long long locC = location_of(&za2, "47000001", "47000002");
    referral f1, f2, f3;
    refer(4, locA, &f1);
    refer(5, locC, &f3);
    refer(6, locB, &f2);

    response r;
    json_t *items = list(token1, 0, &r);
    cr_assert_eq(json_array_size(items), 2, "%s", r.body);
    json_t *m1 = json_array_get(items, 0), *m2 = json_array_get(items, 1);
    cr_assert_eq(json_num(m1, "id"), f1.poging);
    cr_assert_eq(json_num(m2, "id"), f2.poging);
    cr_assert_str_eq(json_str(m1, "berichtcode"), "FZ821");
    cr_assert_eq(json_num(r.json, "next_na"), f2.poging);
    const char *xml = json_str(m1, "xml");
    cr_assert_not_null(xml, "%s", r.body);
    char want[128];
    snprintf(want, sizeof want, "<Toeleidingspogingnummer>%lld</Toeleidingspogingnummer>",
             f1.poging);
    cr_assert_not_null(strstr(xml, want), "%s", xml);
    cr_assert_not_null(strstr(xml, "<Ontvanger>46000001</Ontvanger>"), "%s", xml);
    cr_assert_not_null(strstr(xml, "<LocatieAgb>46000002</LocatieAgb>"), "%s", xml);
    cr_assert_not_null(strstr(xml, "<UiterlijkeReactiedatum>2025-06-16</UiterlijkeReactiedatum>"),
                       "ambulant: 14 calendar days: %s", xml);
    char *out = NULL;
    cr_assert_eq(validate(xml, &out), 0, "FZ821 does not validate: %s\n%s", out, xml);
    cr_assert_not_null(strstr(out, "FZ821 geldig"), "%s", out);
    free(out);
    char *first_xml = strdup(xml);
    response_free(&r);

    /* The other provider sees only its own; it cannot acknowledge za's. */
    items = list(token2, 0, &r);
    cr_assert_eq(json_array_size(items), 1);
    cr_assert_eq(json_num(json_array_get(items, 0), "id"), f3.poging);
    response_free(&r);
    cr_assert_eq(ack(token2, f1.poging, &r), 404, "%s", r.body);
    response_free(&r);

    /* Paging: na= skips what came before. */
    items = list(token1, f1.poging, &r);
    cr_assert_eq(json_array_size(items), 1);
    cr_assert_eq(json_num(json_array_get(items, 0), "id"), f2.poging);
    response_free(&r);

    /* Unacknowledged: delivered again, byte for byte. */
    items = list(token1, 0, &r);
    cr_assert_str_eq(json_str(json_array_get(items, 0), "xml"), first_xml);
    response_free(&r);
    free(first_xml);

    /* Acknowledged: not delivered again; a second acknowledgement is harmless. */
    cr_assert_eq(ack(token1, f1.poging, &r), 200, "%s", r.body);
    cr_assert(json_is_false(json_object_get(r.json, "eerder_ontvangen")));
    response_free(&r);
    cr_assert_eq(ack(token1, f1.poging, &r), 200);
    cr_assert(json_is_true(json_object_get(r.json, "eerder_ontvangen")));
    response_free(&r);
    cr_assert_eq(ack(token1, 999999, &r), 404);
    response_free(&r);
    items = list(token1, 0, &r);
    cr_assert_eq(json_array_size(items), 1);
    cr_assert_eq(json_num(json_array_get(items, 0), "id"), f2.poging);
    response_free(&r);
    cr_assert_eq(ack(token1, f2.poging, &r), 200);
    response_free(&r);
    items = list(token1, 0, &r);
    cr_assert_eq(json_array_size(items), 0);
    cr_assert(json_is_null(json_object_get(r.json, "next_na")));
    response_free(&r);

    /* The provider's software answers the referral it received with an FZ822. */
    char rec[512];
    reactie(rec, sizeof rec, f1.poging, "16");
    char *msg = message(822, "46000002", "R-4", f1.client, rec);
    expect_codes(token1, msg, "0200,0200,0200", NULL);
    free(msg);
}

/* ---- CLI -------------------------------------------------------------------------------- */

Test(berichten, cli_examples_validate_and_validate_reports_codes)
{
    static const char *const kinds[] = {"FZ822", "FZ823", "FZ825 --status 01", "FZ825 --status 02",
                                        "FZ825 --status 03"};
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        char cmd[512], *out = NULL;
        snprintf(cmd, sizeof cmd,
                 "'%s' msg example %s | '%s' msg validate - --today 2025-06-02 2>&1", IFZO_BIN,
                 kinds[i], IFZO_BIN);
        cr_assert_eq(run(cmd, &out), 0, "%s: %s", kinds[i], out);
        cr_assert_not_null(strstr(out, "Header: 0200"), "%s", out);
        free(out);
    }
    /* A Dagtekening after the day of receipt: 8848, exit 1. */
    char cmd[512], *out = NULL;
    snprintf(cmd, sizeof cmd,
             "'%s' msg example FZ825 --today 2025-06-10 | '%s' msg validate - --today "
             "2025-06-02 2>&1",
             IFZO_BIN, IFZO_BIN);
    cr_assert_eq(run(cmd, &out), 1, "%s", out);
    cr_assert_not_null(strstr(out, "Header: 8848"), "%s", out);
    free(out);
    /* Not a message: 0001, exit 1; usage errors: 2; --help: 0. */
    cr_assert_eq(validate("<x/>", &out), 1);
    cr_assert_not_null(strstr(out, "0001"), "%s", out);
    free(out);
    snprintf(cmd, sizeof cmd, "'%s' msg example FZ999 2>&1", IFZO_BIN);
    cr_assert_eq(run(cmd, NULL), 2);
    static const char *const helps[] = {"", " validate", " example", " send"};
    for (size_t i = 0; i < sizeof helps / sizeof helps[0]; i++) {
        snprintf(cmd, sizeof cmd, "'%s' msg%s --help", IFZO_BIN, helps[i]);
        cr_assert_eq(run(cmd, NULL), 0, "%s", cmd);
    }
}

Test(berichten, cli_send_posts_with_the_token_and_prints_the_retour)
{
    char cmd[1024], *out = NULL;
    const char *tok = token1 + strlen("Authorization: Bearer ");
    snprintf(cmd, sizeof cmd,
             "'%s' msg example FZ823 --afzender 12345678 | IFZO_TOKEN='%s' '%s' msg send - "
             "--url http://127.0.0.1:%d 2>&1",
             IFZO_BIN, tok, IFZO_BIN, srv.port);
    /* Not the token's provider: the retour rejects the header, exit 1. */
    cr_assert_eq(run(cmd, &out), 1, "%s", out);
    cr_assert_not_null(strstr(out, "Header: FZ09"), "%s", out);
    cr_assert_not_null(strstr(out, NS "fz824/schema"), "%s", out);
    free(out);
    snprintf(cmd, sizeof cmd,
             "'%s' msg example FZ823 | '%s' msg send - --url http://127.0.0.1:%d --token bad-token-"
             "0123456789 2>&1",
             IFZO_BIN, IFZO_BIN, srv.port);
    cr_assert_eq(run(cmd, &out), 1, "%s", out);
    cr_assert_not_null(strstr(out, "HTTP 401"), "%s", out);
    free(out);
}
