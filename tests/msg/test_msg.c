/*
 * test_msg.c - the FZ message pipeline through msg.h: hostile input is answered with an FZ820
 * retour carrying 0001 (never a crash), every example in docs/examples validates, every
 * technical rule's code is produced by a message made to trigger it, the apply callbacks
 * see exactly the records that passed, and a resent message gets the identical retour.
 * Runs on SQLite and PostgreSQL (IFZO_TEST_DB), since processed messages are stored.
 */
#include "core/codelist.h"
#include "msg/msg.h"
#include "store/bericht.h"
#include "testdb.h"

#include <criterion/criterion.h>
#include <dirent.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NS    "http://www.openifzo.nl/fz/2_2/"
#define TODAY "2026-11-23"

static testdb tdb;
static store *db;
static msg_ctx *ctx;

/* What the test callback saw and what it answers. */
static int applied;
static msg_record last; /* header and client point to the copies below */
static msg_header last_header;
static msg_client last_client;
static const char *answer;

static const char *test_apply(void *user, const msg_record *rec)
{
    cr_assert_eq(user, &applied);
    applied++;
    last = *rec;
    last_header = *rec->header;
    last_client = *rec->client;
    last.header = &last_header;
    last.client = &last_client;
    if (rec->type == MSG_FZ822)
        last.u.reactie.toelichting = NULL; /* valid during the callback only */
    return answer;
}

static void setup(void)
{
    char err[512];
    cr_assert_eq(testdb_create(&tdb, err, sizeof(err)), 0, "%s", err);
    cr_assert_eq(store_open(tdb.url, &db, err, sizeof(err)), STORE_OK, "%s", err);
    cr_assert_eq(store_migrate(db, NULL, err, sizeof(err)), STORE_OK, "%s", err);
    msg_apply table = {
        .fz822 = test_apply, .fz823 = test_apply, .fz825 = test_apply, .user = &applied};
    cr_assert_eq(msg_ctx_new(db, &table, &ctx), MSG_OK);
    applied = 0;
    answer = "0200";
    memset(&last, 0, sizeof(last));
}

static void teardown(void)
{
    msg_ctx_free(ctx);
    ctx = NULL;
    store_close(db);
    db = NULL;
    testdb_drop(&tdb);
}

TestSuite(msg, .init = setup, .fini = teardown);

/* ---- helpers ------------------------------------------------------------------------ */

static const char *header(int code, const char *afzender, const char *ident, const char *dag)
{
    static char buf[1024];
    snprintf(buf, sizeof(buf),
             "<Header><BerichtCode>%d</BerichtCode><BerichtVersie>2</BerichtVersie>"
             "<BerichtSubversie>2</BerichtSubversie><Afzender>%s</Afzender>"
             "<Ontvanger>99000001</Ontvanger><BerichtIdentificatie><Identificatie>%s"
             "</Identificatie><Dagtekening>%s</Dagtekening></BerichtIdentificatie><XsdVersie>"
             "<BasisschemaXsdVersie>1.0.0</BasisschemaXsdVersie><BerichtXsdVersie>1.0.0"
             "</BerichtXsdVersie></XsdVersie></Header>",
             code, afzender, ident, dag);
    return buf;
}

/* An FZ825 record. reden NULL leaves Mutatiereden out. */
static char *einde(const char *einddatum, const char *reden, const char *melddatum, int status)
{
    char *buf = malloc(512);
    char mr[64] = "";
    if (reden)
        snprintf(mr, sizeof(mr), "<Mutatiereden>%s</Mutatiereden>", reden);
    snprintf(buf, 512,
             "<EindeZorg><Plaatsingsbesluitnummer>7781</Plaatsingsbesluitnummer><Einddatum>%s"
             "</Einddatum>%s<Meldingsdatum>%s</Meldingsdatum><StatusAanlevering>%d"
             "</StatusAanlevering></EindeZorg>",
             einddatum, mr, melddatum, status);
    return buf;
}

/* A whole FZ825 with one client and the given records (freed here). */
static char *fz825(const char *ident, const char *dag, char *rec1, char *rec2)
{
    char *buf = malloc(8192);
    snprintf(buf, 8192,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Bericht xmlns=\"" NS
             "fz825/schema\">%s<Client><Clientnummer>100234</Clientnummer>%s%s</Client>"
             "</Bericht>",
             header(825, "41123456", ident, dag), rec1, rec2 ? rec2 : "");
    free(rec1);
    free(rec2);
    return buf;
}

/* The RetourCode values of a retour in document order, joined by ",". */
static void codes_of(const char *xml, char *out, size_t cap)
{
    out[0] = '\0';
    const char *p = xml;
    while ((p = strstr(p, "<RetourCode>")) != NULL) {
        p += strlen("<RetourCode>");
        const char *e = strstr(p, "</RetourCode>");
        cr_assert_not_null(e);
        size_t n = strlen(out);
        snprintf(out + n, cap - n, "%s%.*s", n ? "," : "", (int)(e - p), p);
        p = e;
    }
}

/* Processes xml and checks the retour: valid against the schema of `want_type`, with the
 * codes `want_codes`. Returns the retour (caller frees). */
static char *process_expect(const char *xml, size_t len, msg_type want_type, const char *want_codes)
{
    char *retour = NULL;
    size_t retour_len = 0;
    int rc = msg_process(ctx, xml, len, TODAY, &retour, &retour_len);
    cr_assert_eq(rc, MSG_OK, "msg_process: %s", msg_rc_name(rc));
    cr_assert_not_null(retour);
    cr_assert_eq(strlen(retour), retour_len);
    msg_check check;
    rc = msg_validate(retour, retour_len, &check);
    cr_assert_eq(rc, MSG_OK, "retour does not validate: %s\n%s", check.detail, retour);
    cr_assert_eq(check.type, want_type);
    char codes[256];
    codes_of(retour, codes, sizeof(codes));
    cr_assert_str_eq(codes, want_codes, "retour:\n%s", retour);
    return retour;
}

static void expect_technical_rejection(const char *xml, size_t len, const char *detail_part)
{
    char *retour = process_expect(xml, len, MSG_FZ820, "0001");
    if (detail_part)
        cr_assert_not_null(strstr(retour, detail_part), "no '%s' in\n%s", detail_part, retour);
    cr_assert_eq(applied, 0);
    free(retour);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "%s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    cr_assert_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* ---- hostile input -------------------------------------------------------------------- */

Test(msg, external_entity_is_rejected_with_0001)
{
    const char *xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE Bericht [<!ENTITY xxe SYSTEM "
        "\"file:///etc/passwd\">]>\n<Bericht xmlns=\"" NS "fz825/schema\">&xxe;</Bericht>";
    expect_technical_rejection(xml, strlen(xml), "DOCTYPE");
}

Test(msg, billion_laughs_is_rejected_with_0001)
{
    char xml[4096] = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">";
    /* lolN is ten times lolN-1: lol9 would be 10^9 "lol"s. */
    for (int i = 1; i <= 9; i++) {
        char line[256];
        int n = snprintf(line, sizeof(line), "<!ENTITY lol%d \"", i);
        for (int k = 0; k < 10; k++) {
            if (i == 1)
                n += snprintf(line + n, sizeof(line) - (size_t)n, "&lol;");
            else
                n += snprintf(line + n, sizeof(line) - (size_t)n, "&lol%d;", i - 1);
        }
        snprintf(line + n, sizeof(line) - (size_t)n, "\">");
        strcat(xml, line);
    }
    strcat(xml, "]>\n<Bericht xmlns=\"" NS "fz825/schema\">&lol9;</Bericht>");
    expect_technical_rejection(xml, strlen(xml), "DOCTYPE");
}

Test(msg, a_50_mb_body_is_rejected_unread_with_0001)
{
    size_t len = 50u * 1024u * 1024u;
    char *xml = malloc(len);
    cr_assert_not_null(xml);
    const char *start = "<Bericht xmlns=\"" NS "fz825/schema\"><Header>";
    memcpy(xml, start, strlen(start));
    memset(xml + strlen(start), 'a', len - strlen(start));
    expect_technical_rejection(xml, len, "groter dan");
    free(xml);
}

Test(msg, ten_thousand_levels_of_nesting_are_rejected_with_0001)
{
    size_t levels = 10000;
    const char *start = "<Bericht xmlns=\"" NS "fz825/schema\">";
    size_t len = strlen(start) + levels * 7 + strlen("</Bericht>");
    char *xml = malloc(len + 1);
    char *p = xml;
    p += sprintf(p, "%s", start);
    for (size_t i = 0; i < levels; i++)
        p += sprintf(p, "<a>");
    for (size_t i = 0; i < levels; i++)
        p += sprintf(p, "</a>");
    p += sprintf(p, "</Bericht>");
    expect_technical_rejection(xml, (size_t)(p - xml), NULL);
    free(xml);
}

Test(msg, nesting_deeper_than_our_limit_is_rejected_by_the_walk)
{
    /* 20 levels: within libxml2's own limit, beyond MSG_MAX_DEPTH. */
    char xml[1024];
    char *p = xml;
    p += sprintf(p, "<Bericht xmlns=\"" NS "fz825/schema\">");
    for (int i = 0; i < 20; i++)
        p += sprintf(p, "<a>");
    for (int i = 0; i < 20; i++)
        p += sprintf(p, "</a>");
    p += sprintf(p, "</Bericht>");
    expect_technical_rejection(xml, (size_t)(p - xml), "genest");
}

Test(msg, invalid_utf8_is_rejected_with_0001)
{
    char *xml = fz825("E-UTF8", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    char *at = strstr(xml, "100234");
    at[0] = (char)0xC0; /* overlong lead byte */
    at[1] = (char)0xAF;
    expect_technical_rejection(xml, strlen(xml), "UTF-8");
    free(xml);
}

Test(msg, wrong_namespace_is_rejected_with_0001)
{
    char *xml = fz825("E-NS", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    char *at = strstr(xml, "fz825/schema");
    memcpy(at, "fz999", 5);
    expect_technical_rejection(xml, strlen(xml), "onbekend bericht");
    free(xml);
}

Test(msg, a_plain_doctype_is_rejected_with_0001)
{
    char *body = fz825("E-DT", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    char *xml = malloc(strlen(body) + 64);
    char *decl_end = strchr(body, '\n') + 1;
    sprintf(xml, "%.*s<!DOCTYPE Bericht>\n%s", (int)(decl_end - body), body, decl_end);
    expect_technical_rejection(xml, strlen(xml), "DOCTYPE");
    free(xml);
    free(body);
}

Test(msg, an_external_dtd_is_neither_loaded_nor_accepted)
{
    const char *xml =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE Bericht SYSTEM \"http://127.0.0.1:9/x.dtd\">"
        "\n<Bericht xmlns=\"" NS "fz825/schema\"/>";
    expect_technical_rejection(xml, strlen(xml), "DOCTYPE");
}

Test(msg, other_encodings_empty_and_broken_input_are_rejected_with_0001)
{
    const char *latin =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Bericht xmlns=\"" NS "fz825/schema\"/>";
    expect_technical_rejection(latin, strlen(latin), "UTF-8");
    expect_technical_rejection("", 0, "leeg");
    const char *broken = "<Bericht xmlns=\"" NS "fz825/schema\"><Header>";
    expect_technical_rejection(broken, strlen(broken), "goedgevormd");
}

Test(msg, a_message_that_fails_the_xsd_is_rejected_with_0001)
{
    char *xml = fz825("E-XSD", TODAY, einde("2026-11-20", "99", TODAY, 1), NULL);
    expect_technical_rejection(xml, strlen(xml), "XSD");
    free(xml);
}

Test(msg, an_fz821_is_not_accepted_inbound)
{
    size_t len;
    char *xml = read_file(IFZO_SOURCE_DIR "/docs/examples/fz821.xml", &len);
    expect_technical_rejection(xml, len, "FZ821");
    free(xml);
}

/* ---- valid messages --------------------------------------------------------------------- */

Test(msg, every_example_validates_against_its_schema)
{
    DIR *dir = opendir(IFZO_SOURCE_DIR "/docs/examples");
    cr_assert_not_null(dir);
    int seen = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL) {
        if (strncmp(e->d_name, "fz", 2) != 0 || strstr(e->d_name, ".xml") == NULL)
            continue;
        char path[1024];
        snprintf(path, sizeof(path), IFZO_SOURCE_DIR "/docs/examples/%s", e->d_name);
        size_t len;
        char *xml = read_file(path, &len);
        msg_check check;
        cr_assert_eq(msg_validate(xml, len, &check), MSG_OK, "%s: %s", e->d_name, check.detail);
        cr_assert_eq((int)check.type, atoi(e->d_name + 2), "%s", e->d_name);
        free(xml);
        seen++;
    }
    closedir(dir);
    /* 821, 822, 823, 825 x3, and the retours 820, 824, 826, 828 */
    cr_assert_geq(seen, 10, "only %d examples", seen);
}

Test(msg, every_whole_message_in_docs_berichten_md_validates)
{
    /* The worked examples in the text (```xml blocks that begin with an XML declaration;
     * fragments are shown for their codes only) cannot drift from the XSDs either. */
    size_t doc_len;
    char *doc = read_file(IFZO_SOURCE_DIR "/docs/berichten.md", &doc_len);
    int seen = 0;
    const char *open = "```xml\n";
    for (const char *p = strstr(doc, open); p; p = strstr(p, open)) {
        p += strlen(open);
        const char *end = strstr(p, "```");
        cr_assert_not_null(end);
        if (strncmp(p, "<?xml", 5) == 0) {
            msg_check check;
            cr_assert_eq(msg_validate(p, (size_t)(end - p), &check), MSG_OK,
                         "docs/berichten.md block %d: %s\n%.*s", seen + 1, check.detail,
                         (int)(end - p), p);
            seen++;
        }
        p = end + 3;
    }
    cr_assert_geq(seen, 5, "only %d whole messages in docs/berichten.md", seen);
    /* and every return code is explained there */
    const codelist *rc = codelist_find(CODELIST_RETOURCODE);
    cr_assert_not_null(rc);
    for (size_t i = 0; i < rc->count; i++) {
        char want[32];
        snprintf(want, sizeof(want), "| `%s` |", rc->entries[i].code);
        cr_assert_not_null(strstr(doc, want), "retour code %s not in docs/berichten.md",
                           rc->entries[i].code);
    }
    free(doc);
}

Test(msg, an_fz821_is_built_valid_and_the_same_every_time)
{
    ifzo_date aanmeld, deadline, geboren;
    cr_assert_eq(ifzo_date_parse("2025-06-02", &aanmeld), IFZO_CAL_OK);
    cr_assert_eq(ifzo_date_parse("2025-06-16", &deadline), IFZO_CAL_OK);
    cr_assert_eq(ifzo_date_parse("1990-03-04", &geboren), IFZO_CAL_OK);
    msg_fz821 in = {.seq = 5521,
                    .verzoek_id = 3310,
                    .ontvanger = "41123456",
                    .locatie_agb = "41123457",
                    .zorgtype = "ABH",
                    .zorgtitel = "08",
                    .urgentie = "SPOED",
                    .beveiligingsniveau = "",
                    .aanmelddatum = aanmeld,
                    .uiterlijke_reactiedatum = deadline,
                    .clientnummer = 100234,
                    .bsn = "123456782",
                    .geboortedatum = geboren,
                    .geslacht = "2"};
    char *a = NULL, *b = NULL;
    size_t alen = 0, blen = 0;
    msg_check chk = {0};
    cr_assert_eq(msg_fz821_build(&in, &a, &alen, &chk), MSG_OK, "%s", chk.detail);
    cr_assert_eq(msg_fz821_build(&in, &b, &blen, &chk), MSG_OK);
    cr_assert_str_eq(a, b, "a delivery again is byte-identical");
    cr_assert_eq(msg_validate(a, alen, &chk), MSG_OK, "%s", chk.detail);
    cr_assert_eq(chk.type, MSG_FZ821);
    cr_assert_not_null(strstr(a, "<Identificatie>FZ821-5521</Identificatie>"), "%s", a);
    cr_assert_not_null(strstr(a, "<Afzender>" MSG_OPENIFZO_AGB "</Afzender>"), "%s", a);
    cr_assert_not_null(strstr(a, "<Dagtekening>2025-06-02</Dagtekening>"), "%s", a);
    cr_assert_null(strstr(a, "Beveiligingsniveau"), "empty means absent: %s", a);
    free(a);
    free(b);
    /* Data that do not fit the schema are refused, never sent. */
    in.zorgtype = "XXX";
    cr_assert_eq(msg_fz821_build(&in, &a, &alen, &chk), MSG_REJECTED);
    cr_assert_null(a);
    cr_assert_neq(chk.detail[0], '\0');
}

Test(msg, a_valid_fz825_is_applied_and_answered_with_fz826_0200)
{
    size_t len;
    char *xml = read_file(IFZO_SOURCE_DIR "/docs/examples/fz825-status1.xml", &len);
    char *retour = process_expect(xml, len, MSG_FZ826, "0200,0200,0200");
    cr_assert_eq(applied, 1);
    cr_assert_eq(last.type, MSG_FZ825);
    cr_assert_str_eq(last.header->afzender, "41123456");
    cr_assert_str_eq(last.header->identificatie, "EINDE-000771");
    cr_assert_str_eq(last.client->clientnummer, "100234");
    cr_assert_str_eq(last.client->bsn, "123456782");
    cr_assert_eq(last.u.einde_zorg.plaatsingsbesluit, 7781);
    cr_assert_str_eq(last.u.einde_zorg.mutatiereden, "07");
    cr_assert_eq(last.u.einde_zorg.status, 1);
    ifzo_date d;
    ifzo_date_parse("2026-11-19", &d);
    cr_assert_eq(last.u.einde_zorg.einddatum, d);
    /* The retour copies the identification and adds its own. */
    cr_assert_not_null(strstr(retour, "<Identificatie>EINDE-000771</Identificatie>"));
    cr_assert_not_null(strstr(retour, "<DagtekeningRetour>" TODAY "</DagtekeningRetour>"));
    cr_assert_not_null(strstr(retour, "<BerichtCode>826</BerichtCode>"));
    free(retour);
    free(xml);
}

Test(msg, a_valid_fz823_and_fz822_are_applied_with_their_retours)
{
    size_t len;
    char *xml = read_file(IFZO_SOURCE_DIR "/docs/examples/fz823.xml", &len);
    char *retour = process_expect(xml, len, MSG_FZ824, "0200,0200,0200");
    cr_assert_eq(last.type, MSG_FZ823);
    cr_assert_eq(last.u.start_zorg.plaatsingsbesluit, 7781);
    free(retour);
    free(xml);
    xml = read_file(IFZO_SOURCE_DIR "/docs/examples/fz822.xml", &len);
    retour = process_expect(xml, len, MSG_FZ828, "0200,0200,0200");
    cr_assert_eq(last.type, MSG_FZ822);
    cr_assert_eq(last.u.reactie.toeleidingspoging, 5521);
    cr_assert_str_eq(last.u.reactie.reactiemogelijkheid, "01");
    cr_assert_null(last.u.reactie.toelichting);
    cr_assert_eq(applied, 2);
    free(retour);
    free(xml);
}

/* ---- technical rules -------------------------------------------------------------------- */

Test(msg, dagtekening_in_the_future_gives_8848_and_nothing_is_assessed)
{
    char *xml = fz825("E-8848", "2026-11-24", einde("2026-11-20", "07", TODAY, 1), NULL);
    char *retour = process_expect(xml, strlen(xml), MSG_FZ826, "8848,0233,0233");
    cr_assert_eq(applied, 0);
    free(retour);
    free(xml);
}

Test(msg, a_used_identification_with_other_content_gives_9056_and_changes_nothing)
{
    char *first = fz825("E-9056", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    char *retour = process_expect(first, strlen(first), MSG_FZ826, "0200,0200,0200");
    free(retour);
    char *other = fz825("E-9056", TODAY, einde("2026-11-21", "05", TODAY, 1), NULL);
    retour = process_expect(other, strlen(other), MSG_FZ826, "9056,0233,0233");
    cr_assert_eq(applied, 1);
    free(retour);
    /* The first message's retour is still the one on record. */
    char *again = NULL;
    size_t again_len = 0;
    cr_assert_eq(msg_process(ctx, first, strlen(first), TODAY, &again, &again_len), MSG_OK);
    char codes[128];
    codes_of(again, codes, sizeof(codes));
    cr_assert_str_eq(codes, "0200,0200,0200");
    free(again);
    free(other);
    free(first);
}

Test(msg, einddatum_in_the_future_gives_FZ02_on_the_record)
{
    char *xml = fz825("E-FZ02", TODAY, einde("2026-11-24", "07", TODAY, 1), NULL);
    char *retour = process_expect(xml, strlen(xml), MSG_FZ826, "0200,0200,FZ02");
    cr_assert_eq(applied, 0);
    free(retour);
    free(xml);
    /* After the meldingsdatum counts as in the future too. */
    xml = fz825("E-FZ02b", TODAY, einde("2026-11-22", "07", "2026-11-21", 1), NULL);
    retour = process_expect(xml, strlen(xml), MSG_FZ826, "0200,0200,FZ02");
    free(retour);
    free(xml);
}

Test(msg, a_first_report_or_correction_without_mutatiereden_gives_FZ05)
{
    char *xml = fz825("E-FZ05", TODAY, einde("2026-11-20", NULL, TODAY, 1),
                      einde("2026-11-20", NULL, TODAY, 2));
    char *retour = process_expect(xml, strlen(xml), MSG_FZ826, "0200,0200,FZ05,FZ05");
    cr_assert_eq(applied, 0);
    free(retour);
    free(xml);
}

Test(msg, a_withdrawal_needs_no_mutatiereden)
{
    char *xml = fz825("E-W", TODAY, einde("2026-11-20", NULL, TODAY, 3), NULL);
    char *retour = process_expect(xml, strlen(xml), MSG_FZ826, "0200,0200,0200");
    cr_assert_eq(applied, 1);
    cr_assert_eq(last.u.einde_zorg.status, 3);
    cr_assert_str_eq(last.u.einde_zorg.mutatiereden, "");
    free(retour);
    free(xml);
}

Test(msg, a_late_first_report_gives_FZ08_and_is_still_applied)
{
    /* Ended 2026-11-12, reported 2026-11-23: 11 days later. 10 days is in time. */
    char *xml = fz825("E-FZ08", TODAY, einde("2026-11-12", "07", TODAY, 1),
                      einde("2026-11-13", "07", TODAY, 1));
    char *retour = process_expect(xml, strlen(xml), MSG_FZ826, "0200,0200,FZ08,0200");
    cr_assert_eq(applied, 2);
    free(retour);
    free(xml);
}

Test(msg, the_callbacks_code_lands_on_the_record)
{
    answer = "FZ01";
    char *xml = fz825("E-FZ01", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    char *retour = process_expect(xml, strlen(xml), MSG_FZ826, "0200,0200,FZ01");
    cr_assert_eq(applied, 1);
    free(retour);
    free(xml);
}

Test(msg, one_bad_record_is_rejected_and_the_good_one_applied)
{
    char *xml = fz825("E-MIX", TODAY, einde("2026-11-30", "07", TODAY, 1),
                      einde("2026-11-20", "03", TODAY, 1));
    char *retour = process_expect(xml, strlen(xml), MSG_FZ826, "0200,0200,FZ02,0200");
    cr_assert_eq(applied, 1);
    cr_assert_str_eq(last.u.einde_zorg.mutatiereden, "03");
    free(retour);
    free(xml);
}

/* ---- resend, failures, arguments --------------------------------------------------------- */

Test(msg, a_resent_message_gets_the_identical_retour_and_is_not_applied_again)
{
    char *xml = fz825("E-RESEND", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    char *first = process_expect(xml, strlen(xml), MSG_FZ826, "0200,0200,0200");
    cr_assert_eq(applied, 1);
    char *second = NULL;
    size_t second_len = 0;
    /* Even on another day and with the callback now answering differently. */
    answer = "FZ01";
    cr_assert_eq(msg_process(ctx, xml, strlen(xml), "2026-12-01", &second, &second_len), MSG_OK);
    cr_assert_str_eq(second, first);
    cr_assert_eq(applied, 1);
    free(second);
    free(first);
    free(xml);
}

static const char *failing_apply(void *user, const msg_record *rec)
{
    (void)rec;
    (*(int *)user)++;
    return NULL;
}

static const char *unknown_code_apply(void *user, const msg_record *rec)
{
    (void)user;
    (void)rec;
    return "XXXX";
}

Test(msg, a_failing_callback_gives_no_retour_and_the_message_may_be_resent)
{
    int calls = 0;
    msg_apply table = {.fz825 = failing_apply, .user = &calls};
    msg_ctx *bad;
    cr_assert_eq(msg_ctx_new(db, &table, &bad), MSG_OK);
    char *xml = fz825("E-FAIL", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    char *retour = (char *)"untouched";
    size_t len = 99;
    cr_assert_eq(msg_process(bad, xml, strlen(xml), TODAY, &retour, &len), MSG_ERR_APPLY);
    cr_assert_null(retour);
    cr_assert_eq(len, 0);
    cr_assert_eq(calls, 1);
    msg_ctx_free(bad);
    table.fz825 = unknown_code_apply;
    cr_assert_eq(msg_ctx_new(db, &table, &bad), MSG_OK);
    cr_assert_eq(msg_process(bad, xml, strlen(xml), TODAY, &retour, &len), MSG_ERR_APPLY);
    msg_ctx_free(bad);
    /* The claim was released: the good pipeline now processes it. */
    retour = process_expect(xml, strlen(xml), MSG_FZ826, "0200,0200,0200");
    cr_assert_eq(applied, 1);
    free(retour);
    free(xml);
}

Test(msg, a_type_without_callback_is_unsupported_and_not_recorded)
{
    msg_apply table = {.fz825 = test_apply, .user = &applied};
    msg_ctx *only825;
    cr_assert_eq(msg_ctx_new(db, &table, &only825), MSG_OK);
    size_t len;
    char *xml = read_file(IFZO_SOURCE_DIR "/docs/examples/fz823.xml", &len);
    char *retour = NULL;
    size_t retour_len = 0;
    cr_assert_eq(msg_process(only825, xml, len, TODAY, &retour, &retour_len), MSG_UNSUPPORTED);
    cr_assert_null(retour);
    msg_ctx_free(only825);
    /* Not recorded: the full pipeline accepts it afterwards. */
    retour = process_expect(xml, len, MSG_FZ824, "0200,0200,0200");
    free(retour);
    free(xml);
}

Test(msg, bad_arguments_are_refused)
{
    char *retour = NULL;
    size_t len = 0;
    cr_assert_eq(msg_process(ctx, "<x/>", 4, "23-11-2026", &retour, &len), MSG_ERR_ARG);
    cr_assert_eq(msg_process(ctx, "<x/>", 4, NULL, &retour, &len), MSG_ERR_ARG);
    cr_assert_eq(msg_process(NULL, "<x/>", 4, TODAY, &retour, &len), MSG_ERR_ARG);
    cr_assert_eq(msg_ctx_new(NULL, NULL, NULL), MSG_ERR_ARG);
    cr_assert_str_eq(msg_rc_name(MSG_BUSY), "busy");
}

Test(msg, a_resend_while_the_first_is_still_being_processed_is_busy)
{
    char *xml = fz825("E-BUSY", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    unsigned char digest[32];
    char hash[65];
    crypto_generichash(digest, sizeof(digest), (const unsigned char *)xml, strlen(xml), NULL, 0);
    sodium_bin2hex(hash, sizeof(hash), digest, sizeof(digest));
    int64_t id = 0;
    cr_assert_eq(store_bericht_claim(db, "41123456", "825", "E-BUSY", hash, &id, NULL), STORE_OK);
    char *retour = NULL;
    size_t len = 0;
    cr_assert_eq(msg_process(ctx, xml, strlen(xml), TODAY, &retour, &len), MSG_BUSY);
    cr_assert_null(retour);
    cr_assert_eq(applied, 0);
    free(xml);
}

static int deny(void *user, const char *afzender)
{
    (void)user;
    cr_assert_str_eq(afzender, "41123456");
    return 0;
}

static int broken(void *user, const char *afzender)
{
    (void)user;
    (void)afzender;
    return -1;
}

static void hash_of(const char *xml, char hash[65])
{
    unsigned char digest[32];
    crypto_generichash(digest, sizeof(digest), (const unsigned char *)xml, strlen(xml), NULL, 0);
    sodium_bin2hex(hash, 65, digest, sizeof(digest));
}

Test(msg, a_claim_left_by_a_crashed_process_is_taken_over_after_the_timeout)
{
    char *xml = fz825("E-STALE", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    char hash[65];
    hash_of(xml, hash);
    /* A process claimed the message and died before it stored a retour. */
    int64_t id = 0, claim = 0;
    cr_assert_eq(
        store_bericht_claim_at(db, "41123456", "825", "E-STALE", hash, -1, &id, &claim, NULL),
        STORE_OK);
    cr_assert_eq(claim, 1);
    char *retour = NULL;
    size_t len = 0;
    /* Within the timeout (MSG_CLAIM_TIMEOUT s): the sender is told to try again. */
    cr_assert_eq(msg_process(ctx, xml, strlen(xml), TODAY, &retour, &len), MSG_BUSY);
    cr_assert_eq(applied, 0);
    /* After it (timeout 0 stands for "the time has passed"): taken over and processed. */
    msg_ctx_set_claim_timeout(ctx, 0);
    cr_assert_eq(msg_process(ctx, xml, strlen(xml), TODAY, &retour, &len), MSG_OK);
    cr_assert_eq(applied, 1);
    char codes[128];
    codes_of(retour, codes, sizeof(codes));
    cr_assert_str_eq(codes, "0200,0200,0200", "%s", retour);
    /* The crashed process's claim is void: it can neither finish nor drop the row. */
    cr_assert_eq(store_bericht_finish_claim(db, id, claim, "<late/>"), STORE_CONFLICT);
    cr_assert_eq(store_bericht_release_claim(db, id, claim), STORE_NOT_FOUND);
    /* A resend now gets the stored retour, even with timeout 0: a finished row is final. */
    char *again = NULL;
    cr_assert_eq(msg_process(ctx, xml, strlen(xml), TODAY, &again, &len), MSG_OK);
    cr_assert_str_eq(again, retour);
    cr_assert_eq(applied, 1);
    free(again);
    free(retour);
    free(xml);
}

Test(msg, a_stale_claim_of_other_content_is_not_taken_over)
{
    char *xml = fz825("E-STALE2", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    int64_t id = 0, claim = 0;
    cr_assert_eq(
        store_bericht_claim_at(db, "41123456", "825", "E-STALE2", "00ff", -1, &id, &claim, NULL),
        STORE_OK);
    msg_ctx_set_claim_timeout(ctx, 0);
    char *retour = NULL;
    size_t len = 0;
    cr_assert_eq(msg_process(ctx, xml, strlen(xml), TODAY, &retour, &len), MSG_OK);
    char codes[128];
    codes_of(retour, codes, sizeof(codes));
    cr_assert_str_eq(codes, "9056,0233,0233", "%s", retour);
    cr_assert_eq(applied, 0);
    free(retour);
    free(xml);
}

Test(msg, a_sender_check_that_says_no_gives_FZ09_and_records_nothing)
{
    char *xml = fz825("E-SENDER", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    char *retour = NULL;
    size_t len = 0;
    cr_assert_eq(msg_process_from(ctx, deny, NULL, xml, strlen(xml), TODAY, &retour, &len), MSG_OK);
    char codes[128];
    codes_of(retour, codes, sizeof(codes));
    cr_assert_str_eq(codes, "FZ09,0233,0233", "%s", retour);
    cr_assert_eq(applied, 0);
    free(retour);
    store_bericht b;
    cr_assert_eq(store_bericht_get(db, "41123456", "825", "E-SENDER", &b), STORE_NOT_FOUND);
    cr_assert_eq(msg_process_from(ctx, broken, NULL, xml, strlen(xml), TODAY, &retour, &len),
                 MSG_ERR_STORE);
    cr_assert_null(retour);
    free(xml);
}

typedef struct {
    const char *xml;
    int rc;
    char *retour;
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    size_t len = 0;
    r->rc = msg_process(ctx, r->xml, strlen(r->xml), TODAY, &r->retour, &len);
    return NULL;
}

Test(msg, the_same_message_sent_by_four_threads_at_once_is_applied_once)
{
    char *xml = fz825("E-RACE", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    racer r[4];
    pthread_t t[4];
    for (int i = 0; i < 4; i++) {
        r[i] = (racer){.xml = xml};
        cr_assert_eq(pthread_create(&t[i], NULL, race, &r[i]), 0);
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    cr_assert_eq(applied, 1);
    const char *first = NULL;
    int ok = 0;
    for (int i = 0; i < 4; i++) {
        cr_assert(r[i].rc == MSG_OK || r[i].rc == MSG_BUSY, "thread %d: %s", i,
                  msg_rc_name(r[i].rc));
        if (r[i].rc != MSG_OK)
            continue;
        ok++;
        if (first)
            cr_assert_str_eq(r[i].retour, first);
        else
            first = r[i].retour;
    }
    cr_assert_geq(ok, 1);
    for (int i = 0; i < 4; i++)
        free(r[i].retour);
    free(xml);
}

static void *validate_examples(void *arg)
{
    const char *xml = arg;
    for (int i = 0; i < 50; i++) {
        msg_check c;
        if (msg_validate(xml, strlen(xml), &c) != MSG_OK || c.type != MSG_FZ825)
            return (void *)1;
    }
    return NULL;
}

Test(msg, the_shared_schemas_validate_from_several_threads)
{
    size_t len;
    char *xml = read_file(IFZO_SOURCE_DIR "/docs/examples/fz825-status2.xml", &len);
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        cr_assert_eq(pthread_create(&t[i], NULL, validate_examples, xml), 0);
    for (int i = 0; i < 4; i++) {
        void *res = (void *)1;
        pthread_join(t[i], &res);
        cr_assert_null(res, "thread %d saw a failed validation", i);
    }
    free(xml);
}

Test(msg, xsi_schema_location_is_ignored_not_fetched)
{
    char *body = fz825("E-XSI", TODAY, einde("2026-11-20", "07", TODAY, 1), NULL);
    const char *tag = "<Bericht ";
    char *at = strstr(body, tag);
    cr_assert_not_null(at);
    char *xml = malloc(strlen(body) + 256);
    sprintf(xml,
            "%.*s<Bericht xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
            "xsi:schemaLocation=\"" NS "fz825/schema http://127.0.0.1:9/evil.xsd\" %s",
            (int)(at - body), body, at + strlen(tag));
    char *retour = process_expect(xml, strlen(xml), MSG_FZ826, "0200,0200,0200");
    free(retour);
    free(xml);
    free(body);
}

Test(msg, every_element_of_every_schema_is_described_in_docs_berichten_md)
{
    size_t doc_len;
    char *doc = read_file(IFZO_SOURCE_DIR "/docs/berichten.md", &doc_len);
    DIR *dir = opendir(IFZO_SOURCE_DIR "/data/xsd");
    cr_assert_not_null(dir);
    struct dirent *e;
    int elements = 0;
    while ((e = readdir(dir)) != NULL) {
        if (strstr(e->d_name, ".xsd") == NULL)
            continue;
        char path[1024];
        snprintf(path, sizeof(path), IFZO_SOURCE_DIR "/data/xsd/%s", e->d_name);
        size_t len;
        char *xsd = read_file(path, &len);
        const char *p = xsd;
        const char *key = "<xs:element name=\"";
        while ((p = strstr(p, key)) != NULL) {
            p += strlen(key);
            const char *q = strchr(p, '"');
            char want[128];
            snprintf(want, sizeof(want), "`%.*s`", (int)(q - p), p);
            cr_assert_not_null(strstr(doc, want), "%s: element %s not in docs/berichten.md",
                               e->d_name, want);
            elements++;
        }
        free(xsd);
    }
    closedir(dir);
    cr_assert_gt(elements, 50);
    free(doc);
}

Test(msg, the_schemas_accept_exactly_the_codes_of_data_codelists)
{
    /* The enumerations are generated from data/codelists: every code of the list passes,
     * a code outside it fails. */
    const codelist *reden = codelist_find(CODELIST_MUTATIEREDEN);
    cr_assert_not_null(reden);
    for (size_t i = 0; i < reden->count; i++) {
        char *xml =
            fz825("E-CL", TODAY, einde("2026-11-20", reden->entries[i].code, TODAY, 1), NULL);
        msg_check c;
        cr_assert_eq(msg_validate(xml, strlen(xml), &c), MSG_OK, "%s: %s", reden->entries[i].code,
                     c.detail);
        free(xml);
    }
    const codelist *status = codelist_find(CODELIST_STATUS_AANLEVERING);
    cr_assert_not_null(status);
    for (size_t i = 0; i < status->count; i++) {
        char *xml = fz825("E-CL", TODAY,
                          einde("2026-11-20", "07", TODAY, atoi(status->entries[i].code)), NULL);
        msg_check c;
        cr_assert_eq(msg_validate(xml, strlen(xml), &c), MSG_OK, "%s", c.detail);
        free(xml);
    }
    char *bad = fz825("E-CL", TODAY, einde("2026-11-20", "07", TODAY, 4), NULL);
    msg_check c;
    cr_assert_eq(msg_validate(bad, strlen(bad), &c), MSG_REJECTED);
    cr_assert_eq(c.type, MSG_FZ825);
    cr_assert_not_null(strstr(c.detail, "StatusAanlevering"), "%s", c.detail);
    free(bad);

    size_t len;
    char *fz822 = read_file(IFZO_SOURCE_DIR "/docs/examples/fz822.xml", &len);
    char *at = strstr(fz822, "<Reactiemogelijkheid>01<");
    cr_assert_not_null(at);
    at += strlen("<Reactiemogelijkheid>");
    const codelist *reactie = codelist_find(CODELIST_REACTIEMOGELIJKHEID);
    for (size_t i = 0; i < reactie->count; i++) {
        cr_assert_eq(strlen(reactie->entries[i].code), 2);
        memcpy(at, reactie->entries[i].code, 2);
        cr_assert_eq(msg_validate(fz822, len, &c), MSG_OK, "%s", c.detail);
    }
    memcpy(at, "23", 2);
    cr_assert_eq(msg_validate(fz822, len, &c), MSG_REJECTED);
    free(fz822);
}
