/*
 * msg.c - `ifzo msg validate|example|send`: FZ messages from the command line, for vendors
 * building provider software and for operators (docs/berichten.md, "Command line").
 *
 *   validate FILE   the message through the same pipeline as POST /api/berichten (hardened
 *                   parse, XSD, technical rules) against a throw-away database, without
 *                   applying anything; prints the retour codes per class. Exit 0 when valid
 *                   and no class is rejected, 1 otherwise.
 *   example TYPE    a valid FZ822, FZ823 or FZ825 (--status 1|2|3) with the values of
 *                   `ifzo seed-demo` (its first provider and client, its 'today').
 *   send FILE       POST the file to /api/berichten with a provider's API token (libcurl);
 *                   prints the retour.
 */
#include "cli/cli.h"
#include "core/calendar.h"
#include "msg/msg.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

/* The values of `ifzo seed-demo` (src/cli/seed_demo.c, docs/demo-data.md). */
#define DEMO_TODAY    "2025-06-02"
#define DEMO_PROVIDER "06100000" /* AGB of the first demo provider */
#define DEMO_CLIENT   "1"        /* the first demo client's number */

/* Reads FILE ("-" = stdin), at most MSG_MAX_BYTES + 1 bytes (the pipeline refuses more). */
static char *read_input(const char *path, size_t *len)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL) {
        fprintf(stderr, "ifzo msg: cannot open %s\n", path);
        return NULL;
    }
    size_t cap = MSG_MAX_BYTES + 2;
    char *buf = malloc(cap);
    size_t n = buf ? fread(buf, 1, cap - 1, f) : 0;
    int err = ferror(f);
    if (f != stdin)
        fclose(f);
    if (buf == NULL || err) {
        fprintf(stderr, "ifzo msg: cannot read %s\n", path);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static void today_utc(char out[IFZO_DATE_BUFSIZE])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, IFZO_DATE_BUFSIZE, "%Y-%m-%d", &tm);
}

/* ---- validate ------------------------------------------------------------------------- */

static const char *dry_apply(void *user, const msg_record *rec)
{
    (void)user;
    (void)rec;
    return "0200";
}

static int usage_validate(FILE *out)
{
    fprintf(out,
            "usage: ifzo msg validate FILE [--today YYYY-MM-DD]\n\n"
            "Runs the message in FILE (\"-\" = standard input) through the pipeline of\n"
            "POST /api/berichten: hardened parse, XSD, technical rules (8848, 9056, FZ02, FZ05,\n"
            "FZ08). Nothing is applied: the rules of the placement workflow (FZ01, FZ03,\n"
            "9063, ...) need the real data. Prints the retour codes per class.\n"
            "An FZ821 or a retour is checked against its XSD only.\n\n"
            "  --today  the day of receipt (default: today, UTC)\n\n"
            "Exit status: 0 valid and no class rejected, 1 rejected, 2 usage.\n");
    return out == stdout ? 0 : 2;
}

/* A throw-away SQLite database for the pipeline's record of processed messages. */
static int dry_run(const char *xml, size_t len, const char *today, char **retour, size_t *rlen)
{
    char dir[] = "/tmp/ifzo-msg-XXXXXX";
    if (mkdtemp(dir) == NULL) {
        fprintf(stderr, "ifzo msg: cannot make a temporary directory\n");
        return MSG_ERR_STORE;
    }
    char url[64], err[512];
    snprintf(url, sizeof url, "sqlite:%s/msg.db", dir);
    store *db = NULL;
    int rc = MSG_ERR_STORE;
    if (store_open(url, &db, err, sizeof err) == STORE_OK &&
        store_migrate(db, NULL, err, sizeof err) == STORE_OK) {
        msg_apply table = {.fz822 = dry_apply, .fz823 = dry_apply, .fz825 = dry_apply};
        msg_ctx *ctx = NULL;
        rc = msg_ctx_new(db, &table, &ctx);
        if (rc == MSG_OK)
            rc = msg_process(ctx, xml, len, today, retour, rlen);
        msg_ctx_free(ctx);
    } else {
        fprintf(stderr, "ifzo msg: %s\n", err);
    }
    store_close(db);
    static const char *const files[] = {"msg.db", "msg.db-wal", "msg.db-shm", "msg.db-journal"};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        char p[96];
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
    return rc;
}

static int cmd_validate(int argc, char **argv)
{
    const char *file = NULL;
    char today[IFZO_DATE_BUFSIZE];
    today_utc(today);
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return usage_validate(stdout);
        if (strcmp(argv[i], "--today") == 0 && i + 1 < argc) {
            ifzo_date d;
            if (ifzo_date_parse(argv[++i], &d) != IFZO_CAL_OK)
                return usage_validate(stderr);
            snprintf(today, sizeof today, "%s", argv[i]);
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return usage_validate(stderr);
        } else if (file == NULL) {
            file = argv[i];
        } else {
            return usage_validate(stderr);
        }
    }
    if (file == NULL)
        return usage_validate(stderr);
    size_t len = 0;
    char *xml = read_input(file, &len);
    if (xml == NULL)
        return 1;
    msg_check chk;
    int rc = msg_validate(xml, len, &chk);
    if (rc != MSG_OK) {
        printf("ongeldig: %s\nHeader: 0001\n", chk.detail);
        free(xml);
        return 1;
    }
    if (chk.type != MSG_FZ822 && chk.type != MSG_FZ823 && chk.type != MSG_FZ825) {
        printf("FZ%d geldig volgens fz%d.xsd\n", (int)chk.type, (int)chk.type);
        free(xml);
        return 0;
    }
    char *retour = NULL, *summary = NULL;
    size_t rlen = 0;
    bool rejected = true;
    rc = dry_run(xml, len, today, &retour, &rlen);
    free(xml);
    if (rc == MSG_OK)
        rc = msg_retour_summary(retour, rlen, &summary, &rejected);
    free(retour);
    if (rc != MSG_OK) {
        fprintf(stderr, "ifzo msg: %s\n", msg_rc_name(rc));
        return 1;
    }
    printf("FZ%d geldig volgens fz%d.xsd; technische regels (niets toegepast):\n%s", (int)chk.type,
           (int)chk.type, summary);
    free(summary);
    return rejected ? 1 : 0;
}

/* ---- example --------------------------------------------------------------------------- */

static int usage_example(FILE *out)
{
    fprintf(
        out,
        "usage: ifzo msg example FZ822|FZ823|FZ825 [--status 1|2|3] [--today YYYY-MM-DD]\n"
        "                        [--afzender AGB] [--client N] [--nummer N] [--id IDENT]\n\n"
        "Prints a valid message built from the demo data of `ifzo seed-demo`: sender\n"
        "" DEMO_PROVIDER " (its first provider), client " DEMO_CLIENT ", today " DEMO_TODAY ".\n"
        "Replace the numbers with those of a real referral or decision to apply it.\n\n"
        "  --status    FZ825 only: 1 (01, first report; default), 2 (02, correction),\n"
        "              3 (03, withdrawal); 01, 02, 03 are accepted too\n"
        "  --today     the Dagtekening; the other dates lie a few days before it\n"
        "  --afzender  the sender's AGB code (default " DEMO_PROVIDER ")\n"
        "  --client    the Clientnummer (default " DEMO_CLIENT ")\n"
        "  --nummer    toeleidingspoging (FZ822) or plaatsingsbesluit (FZ823, FZ825), default 1\n"
        "  --id        the message's Identificatie (default EX-<type>-<status>)\n");
    return out == stdout ? 0 : 2;
}

static bool all_digits(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    if (n < min || n > max)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

static int cmd_example(int argc, char **argv)
{
    const char *type = NULL, *status = "1", *afzender = DEMO_PROVIDER, *client = DEMO_CLIENT,
               *nummer = "1", *ident = NULL;
    char today[IFZO_DATE_BUFSIZE] = DEMO_TODAY;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
            return usage_example(stdout);
        bool has = i + 1 < argc;
        if (strcmp(a, "--status") == 0 && has)
            status = argv[++i];
        else if (strcmp(a, "--today") == 0 && has)
            snprintf(today, sizeof today, "%s", argv[++i]);
        else if (strcmp(a, "--afzender") == 0 && has)
            afzender = argv[++i];
        else if (strcmp(a, "--client") == 0 && has)
            client = argv[++i];
        else if (strcmp(a, "--nummer") == 0 && has)
            nummer = argv[++i];
        else if (strcmp(a, "--id") == 0 && has)
            ident = argv[++i];
        else if (a[0] != '-' && type == NULL)
            type = a;
        else
            return usage_example(stderr);
    }
    if (type == NULL)
        return usage_example(stderr);
    if (strlen(status) == 2 && status[0] == '0')
        status++;
    int code = strcasecmp(type, "FZ822") == 0   ? 822
               : strcasecmp(type, "FZ823") == 0 ? 823
               : strcasecmp(type, "FZ825") == 0 ? 825
                                                : 0;
    ifzo_date day;
    if (code == 0 || strlen(status) != 1 || status[0] < '1' || status[0] > '3' ||
        ifzo_date_parse(today, &day) != IFZO_CAL_OK || !all_digits(afzender, 8, 8) ||
        !all_digits(client, 1, 12) || !all_digits(nummer, 1, 12) || nummer[0] == '0')
        return usage_example(stderr);
    char idbuf[24];
    if (ident == NULL) {
        snprintf(idbuf, sizeof idbuf, "EX-%d-%s", code, code == 825 ? status : "1");
        ident = idbuf;
    }
    char d3[IFZO_DATE_BUFSIZE], d7[IFZO_DATE_BUFSIZE];
    ifzo_date x;
    if (ifzo_date_add_days(day, -3, &x) != IFZO_CAL_OK || ifzo_date_format(x, d3) != IFZO_CAL_OK ||
        ifzo_date_add_days(day, -7, &x) != IFZO_CAL_OK || ifzo_date_format(x, d7) != IFZO_CAL_OK)
        return usage_example(stderr);
    char record[1024];
    if (code == 822)
        snprintf(record, sizeof record,
                 "    <Reactie>\n"
                 "      <Toeleidingspogingnummer>%s</Toeleidingspogingnummer>\n"
                 "      <Reactiemogelijkheid>01</Reactiemogelijkheid>\n"
                 "      <Toelichting>Wij accepteren de aanmelding.</Toelichting>\n"
                 "      <Reactiedatum>%s</Reactiedatum>\n"
                 "    </Reactie>\n",
                 nummer, today);
    else if (code == 823)
        snprintf(record, sizeof record,
                 "    <StartZorg>\n"
                 "      <Plaatsingsbesluitnummer>%s</Plaatsingsbesluitnummer>\n"
                 "      <Begindatum>%s</Begindatum>\n"
                 "    </StartZorg>\n",
                 nummer, d7);
    else
        snprintf(record, sizeof record,
                 "    <EindeZorg>\n"
                 "      <Plaatsingsbesluitnummer>%s</Plaatsingsbesluitnummer>\n"
                 "      <Einddatum>%s</Einddatum>\n"
                 "%s"
                 "      <Meldingsdatum>%s</Meldingsdatum>\n"
                 "      <StatusAanlevering>%s</StatusAanlevering>\n"
                 "    </EindeZorg>\n",
                 nummer, d3, status[0] == '3' ? "" : "      <Mutatiereden>07</Mutatiereden>\n",
                 today, status);
    printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<Bericht xmlns=\"%s\">\n"
           "  <Header>\n"
           "    <BerichtCode>%d</BerichtCode>\n"
           "    <BerichtVersie>2</BerichtVersie>\n"
           "    <BerichtSubversie>2</BerichtSubversie>\n"
           "    <Afzender>%s</Afzender>\n"
           "    <Ontvanger>" MSG_OPENIFZO_AGB "</Ontvanger>\n"
           "    <BerichtIdentificatie>\n"
           "      <Identificatie>%s</Identificatie>\n"
           "      <Dagtekening>%s</Dagtekening>\n"
           "    </BerichtIdentificatie>\n"
           "    <XsdVersie>\n"
           "      <BasisschemaXsdVersie>1.0.0</BasisschemaXsdVersie>\n"
           "      <BerichtXsdVersie>1.0.0</BerichtXsdVersie>\n"
           "    </XsdVersie>\n"
           "  </Header>\n"
           "  <Client>\n"
           "    <Clientnummer>%s</Clientnummer>\n"
           "%s"
           "  </Client>\n"
           "</Bericht>\n",
           msg_namespace((msg_type)code), code, afzender, ident, today, client, record);
    return 0;
}

/* ---- send ------------------------------------------------------------------------------ */

static int usage_send(FILE *out)
{
    fprintf(out,
            "usage: ifzo msg send FILE --url URL [--token TOKEN]\n\n"
            "POSTs the message in FILE (\"-\" = standard input) to URL/api/berichten with the\n"
            "provider's API token and prints the retour on standard output and its codes per\n"
            "class on standard error.\n\n"
            "  --url    the server, e.g. https://ifzo.example.nl (a URL that ends in\n"
            "           /api/berichten is used as it is)\n"
            "  --token  the API token (IFZO_TOKEN; prefer the variable: arguments are visible\n"
            "           to other users of the machine)\n\n"
            "Exit status: 0 the retour rejects nothing, 1 a class was rejected or the server\n"
            "answered with an error, 2 usage.\n");
    return out == stdout ? 0 : 2;
}

static size_t collect(char *data, size_t size, size_t n, void *user)
{
    FILE *f = user;
    return fwrite(data, size, n, f) * size;
}

static int cmd_send(int argc, char **argv)
{
    const char *file = NULL, *url = NULL, *token = getenv("IFZO_TOKEN");
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return usage_send(stdout);
        if (strcmp(argv[i], "--url") == 0 && i + 1 < argc)
            url = argv[++i];
        else if (strcmp(argv[i], "--token") == 0 && i + 1 < argc)
            token = argv[++i];
        else if ((argv[i][0] != '-' || argv[i][1] == '\0') && file == NULL)
            file = argv[i];
        else
            return usage_send(stderr);
    }
    if (file == NULL || url == NULL || token == NULL || token[0] == '\0' || strlen(url) > 1000 ||
        strlen(token) > 200)
        return usage_send(stderr);
    size_t len = 0;
    char *xml = read_input(file, &len);
    if (xml == NULL)
        return 1;
    char full[1100], auth[260];
    size_t ul = strlen(url);
    const char *suffix = "/api/berichten";
    bool has = ul >= strlen(suffix) && strcmp(url + ul - strlen(suffix), suffix) == 0;
    snprintf(full, sizeof full, "%.*s%s", (int)(ul > 0 && url[ul - 1] == '/' ? ul - 1 : ul), url,
             has ? "" : suffix);
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    char *body = NULL;
    size_t blen = 0;
    FILE *mem = open_memstream(&body, &blen);
    CURL *c = curl_easy_init();
    struct curl_slist *h = NULL;
    h = curl_slist_append(h, "Content-Type: application/xml");
    h = curl_slist_append(h, auth);
    long status = 0;
    CURLcode cc = CURLE_FAILED_INIT;
    if (c && mem && h) {
        curl_easy_setopt(c, CURLOPT_URL, full);
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, xml);
        curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, mem);
        curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
        curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
        cc = curl_easy_perform(c);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    }
    if (mem)
        fclose(mem);
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    free(xml);
    if (cc != CURLE_OK) {
        fprintf(stderr, "ifzo msg send: %s: %s\n", full, curl_easy_strerror(cc));
        free(body);
        return 1;
    }
    int rc = 1;
    if (status == 200) {
        fwrite(body, 1, blen, stdout);
        char *summary = NULL;
        bool rejected = true;
        if (msg_retour_summary(body, blen, &summary, &rejected) == MSG_OK) {
            fputs(summary, stderr);
            rc = rejected ? 1 : 0;
        }
        free(summary);
    } else {
        fprintf(stderr, "ifzo msg send: HTTP %ld: %.*s\n", status, (int)blen, body ? body : "");
    }
    free(body);
    return rc;
}

/* ---- ifzo msg ---------------------------------------------------------------------------- */

static int usage_msg(FILE *out)
{
    fprintf(out,
            "usage: ifzo msg <subcommand> ...\n\n"
            "  validate FILE    check a message (XSD and technical rules) and print its\n"
            "                   retour codes\n"
            "  example TYPE     print a valid FZ822, FZ823 or FZ825 from the demo data\n"
            "  send FILE        send a message to a server with a provider's API token\n\n"
            "`ifzo msg <subcommand> --help` describes each; docs/berichten.md the messages.\n");
    return out == stdout ? 0 : 2;
}

int cmd_msg(int argc, char **argv)
{
    if (argc < 1)
        return usage_msg(stderr);
    if (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)
        return usage_msg(stdout);
    if (strcmp(argv[0], "validate") == 0)
        return cmd_validate(argc - 1, argv + 1);
    if (strcmp(argv[0], "example") == 0)
        return cmd_example(argc - 1, argv + 1);
    if (strcmp(argv[0], "send") == 0)
        return cmd_send(argc - 1, argv + 1);
    return usage_msg(stderr);
}
