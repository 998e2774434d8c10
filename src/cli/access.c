/*
 * access.c - `ifzo user add|passwd|disable`, `ifzo token create|revoke` and
 * `ifzo audit verify`: bootstrapping and operating access without the web interface (the
 * first functioneel beheerder has to come from somewhere), and checking the access log's
 * hash chain from the command line.
 *
 * Passwords are read from standard input (one line), never from the command line, where
 * other users of the machine could see them in the process list.
 */
#include "cli/cli.h"

#include "api/auth.h"
#include "core/access.h"
#include "core/organisation.h"
#include "store/access.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_DB "sqlite:ifzo.db"
#define MAX_OPTS   12

typedef struct {
    const char *name;
    const char *value;
} opt;

/* Parses --name VALUE / --name=VALUE for the allowed names into opts; 1 = --help shown,
 * 0 = ok, -1 = error (reported). */
static int parse(int argc, char **argv, const char *const *allowed, opt *opts, const char *usage)
{
    size_t n = 0;
    for (; allowed[n]; n++)
        opts[n] = (opt){allowed[n], NULL};
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(usage, stdout);
            return 1;
        }
        if (strncmp(a, "--", 2) != 0) {
            fprintf(stderr, "ifzo: unexpected argument '%s'\n\n%s", a, usage);
            return -1;
        }
        const char *name = a + 2, *eq = strchr(name, '=');
        size_t nlen = eq ? (size_t)(eq - name) : strlen(name);
        opt *slot = NULL;
        for (size_t k = 0; k < n; k++)
            if (strlen(opts[k].name) == nlen && strncmp(opts[k].name, name, nlen) == 0)
                slot = &opts[k];
        if (slot == NULL) {
            fprintf(stderr, "ifzo: unknown option '--%.*s'\n\n%s", (int)nlen, name, usage);
            return -1;
        }
        const char *value = eq ? eq + 1 : (i + 1 < argc ? argv[++i] : NULL);
        if (value == NULL) {
            fprintf(stderr, "ifzo: option '--%.*s' needs a value\n", (int)nlen, name);
            return -1;
        }
        slot->value = value;
    }
    return 0;
}

static const char *get(const opt *opts, const char *name)
{
    for (; opts->name; opts++)
        if (strcmp(opts->name, name) == 0)
            return opts->value;
    return NULL;
}

static store *open_db(const opt *opts)
{
    const char *url = get(opts, "db");
    if (url == NULL)
        url = getenv("IFZO_DB");
    if (url == NULL || *url == '\0')
        url = DEFAULT_DB;
    char err[512];
    store *db = NULL;
    if (store_open(url, &db, err, sizeof(err)) != STORE_OK ||
        store_migrate(db, NULL, err, sizeof(err)) != STORE_OK) {
        fprintf(stderr, "ifzo: %s\n", err);
        store_close(db);
        return NULL;
    }
    return db;
}

static int parse_id(const char *s, int64_t *out)
{
    char *end;
    long long v = s ? strtoll(s, &end, 10) : 0;
    if (s == NULL || *s == '\0' || *end != '\0' || v < 1)
        return -1;
    *out = v;
    return 0;
}

/* Reads one line from stdin into buf (without the newline); -1 when there is none. */
static int read_password(char *buf, size_t cap)
{
    if (fgets(buf, (int)cap, stdin) == NULL)
        return -1;
    size_t n = strlen(buf);
    while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
        buf[--n] = '\0';
    return 0;
}

static int fail_store(const char *what, int rc)
{
    fprintf(stderr, "ifzo: %s: %s\n", what, store_rc_name(rc));
    return 1;
}

/* ---- ifzo user ------------------------------------------------------------------------ */

static const char USER_ADD_USAGE[] =
    "usage: ifzo user add --username NAME --name 'DISPLAY NAME' --role ROLE\n"
    "                     (--organisation ID | --new-organisation NAME --kind KIND\n"
    "                      [--totp on|off]) [--db URL]  < password\n\n"
    "Creates a user; the password is the first line of standard input (12+ characters).\n"
    "ROLE: indiceerder, plaatser, zorgaanbieder, functioneel_beheer, beleid.\n"
    "--new-organisation creates the organisation first (KIND from code list\n"
    "organisatiesoort); --totp sets whether its users need a second factor (default: on\n"
    "for dji, off otherwise). Prints 'user ID organisation ID'.\n";

static int user_add(int argc, char **argv)
{
    static const char *const allowed[] = {
        "db", "username", "name", "role", "organisation", "kind", "new-organisation", "totp", NULL};
    opt o[MAX_OPTS];
    int p = parse(argc, argv, allowed, o, USER_ADD_USAGE);
    if (p != 0)
        return p > 0 ? 0 : 2;
    const char *username = get(o, "username"), *display = get(o, "name"), *role = get(o, "role");
    const char *org = get(o, "organisation"), *new_org = get(o, "new-organisation");
    const char *kind = get(o, "kind"), *totp = get(o, "totp");
    core_error err = {0};
    if (!access_user_check(username, display, role, &err)) {
        fprintf(stderr, "ifzo: --%s: %s\n", strcmp(err.field, "display_name") ? err.field : "name",
                err.message);
        return 2;
    }
    int64_t org_id = 0;
    if ((org == NULL) == (new_org == NULL) || (org && parse_id(org, &org_id) != 0)) {
        fprintf(stderr, "ifzo: give --organisation ID or --new-organisation NAME\n\n%s",
                USER_ADD_USAGE);
        return 2;
    }
    if (new_org && !organisation_check(new_org, kind, &err)) {
        fprintf(stderr, "ifzo: organisation: %s\n", err.message);
        return 2;
    }
    if (totp && strcmp(totp, "on") != 0 && strcmp(totp, "off") != 0) {
        fprintf(stderr, "ifzo: --totp must be on or off\n");
        return 2;
    }
    char password[ACCESS_PASSWORD_MAX + 2];
    if (read_password(password, sizeof(password)) != 0 ||
        !access_password_check(password, username, &err)) {
        fprintf(stderr, "ifzo: password (standard input): %s\n",
                err.message ? err.message : "none given");
        return 2;
    }
    char hash[STORE_HASH_MAX];
    int hrc = auth_password_hash(password, hash);
    sodium_memzero(password, sizeof(password));
    if (hrc != 0) {
        fprintf(stderr, "ifzo: cannot hash the password (out of memory)\n");
        return 1;
    }
    store *db = open_db(o);
    if (db == NULL)
        return 1;
    store_organisation so = {0};
    int rc;
    if (new_org) {
        store_organisation in = {0};
        snprintf(in.name, sizeof(in.name), "%s", new_org);
        snprintf(in.kind, sizeof(in.kind), "%s", kind);
        in.totp_required = totp ? strcmp(totp, "on") == 0 : access_totp_default(kind);
        rc = store_organisation_create(db, &in, &so);
    } else {
        rc = store_organisation_get(db, org_id, &so);
    }
    if (rc != STORE_OK) {
        store_close(db);
        return fail_store("organisation", rc);
    }
    if (!access_role_fits(role, so.kind, &err)) {
        fprintf(stderr, "ifzo: --role: %s\n", err.message);
        store_close(db);
        return 2;
    }
    store_user in = {0}, out;
    in.organisation_id = so.id;
    snprintf(in.username, sizeof(in.username), "%s", username);
    snprintf(in.display_name, sizeof(in.display_name), "%s", display);
    snprintf(in.role, sizeof(in.role), "%s", role);
    rc = store_user_create(db, &in, hash, &out);
    store_close(db);
    if (rc == STORE_DUPLICATE) {
        fprintf(stderr, "ifzo: user '%s' exists already\n", username);
        return 1;
    }
    if (rc != STORE_OK)
        return fail_store("user", rc);
    printf("user %lld organisation %lld\n", (long long)out.id, (long long)so.id);
    return 0;
}

static const char USER_PASSWD_USAGE[] =
    "usage: ifzo user passwd --username NAME [--db URL]  < password\n\n"
    "Sets a new password (first line of standard input) and ends the user's sessions.\n";

static int user_passwd(int argc, char **argv)
{
    static const char *const allowed[] = {"db", "username", NULL};
    opt o[MAX_OPTS];
    int p = parse(argc, argv, allowed, o, USER_PASSWD_USAGE);
    if (p != 0)
        return p > 0 ? 0 : 2;
    const char *username = get(o, "username");
    if (username == NULL) {
        fprintf(stderr, "ifzo: --username is required\n");
        return 2;
    }
    char password[ACCESS_PASSWORD_MAX + 2];
    core_error err = {0};
    if (read_password(password, sizeof(password)) != 0 ||
        !access_password_check(password, username, &err)) {
        fprintf(stderr, "ifzo: password (standard input): %s\n",
                err.message ? err.message : "none given");
        return 2;
    }
    char hash[STORE_HASH_MAX];
    int hrc = auth_password_hash(password, hash);
    sodium_memzero(password, sizeof(password));
    if (hrc != 0)
        return 1;
    store *db = open_db(o);
    if (db == NULL)
        return 1;
    store_user u;
    int rc = store_user_find(db, username, &u, NULL);
    if (rc == STORE_OK)
        rc = store_user_set_password(db, u.id, hash, false, false, 0, &u);
    if (rc == STORE_OK) {
        char key[80];
        snprintf(key, sizeof(key), "u:%s", username);
        rc = store_login_reset(db, key);
    }
    store_close(db);
    if (rc != STORE_OK)
        return fail_store(username, rc);
    printf("password of %s changed\n", username);
    return 0;
}

static const char USER_DISABLE_USAGE[] =
    "usage: ifzo user disable --username NAME [--db URL]\n\n"
    "Blocks the user and ends every session of the user at once.\n";

static int user_disable(int argc, char **argv)
{
    static const char *const allowed[] = {"db", "username", NULL};
    opt o[MAX_OPTS];
    int p = parse(argc, argv, allowed, o, USER_DISABLE_USAGE);
    if (p != 0)
        return p > 0 ? 0 : 2;
    const char *username = get(o, "username");
    if (username == NULL) {
        fprintf(stderr, "ifzo: --username is required\n");
        return 2;
    }
    store *db = open_db(o);
    if (db == NULL)
        return 1;
    store_user u;
    int rc = store_user_find(db, username, &u, NULL);
    if (rc == STORE_OK)
        rc = store_user_set_disabled(db, u.id, true, &u);
    store_close(db);
    if (rc != STORE_OK)
        return fail_store(username, rc);
    printf("user %s disabled\n", username);
    return 0;
}

/* ---- subcommand groups ---------------------------------------------------------------- */

typedef struct {
    const char *name;
    int (*run)(int argc, char **argv);
} subcommand;

/* `ifzo GROUP SUB ...`: runs SUB from subs, or prints usage (exit 0 for --help, 2 for a
 * missing or unknown subcommand). */
static int run_subcommand(const char *group, const char *usage, const subcommand *subs, size_t n,
                          int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0) {
        fputs(usage, argc < 1 ? stderr : stdout);
        return argc < 1 ? 2 : 0;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(argv[0], subs[i].name) == 0)
            return subs[i].run(argc - 1, argv + 1);
    fprintf(stderr, "ifzo: unknown %s subcommand '%s'\n\n%s", group, argv[0], usage);
    return 2;
}

int cmd_user(int argc, char **argv)
{
    static const subcommand subs[] = {
        {"add", user_add}, {"passwd", user_passwd}, {"disable", user_disable}};
    return run_subcommand("user",
                          "usage: ifzo user add|passwd|disable [options]\n\n"
                          "`ifzo user <subcommand> --help` describes each.\n",
                          subs, sizeof(subs) / sizeof(subs[0]), argc, argv);
}

/* ---- ifzo token ----------------------------------------------------------------------- */

static const char TOKEN_CREATE_USAGE[] =
    "usage: ifzo token create --organisation ID --name NAME [--db URL]\n\n"
    "Creates an API token for the provider (organisation kind zorgaanbieder) and prints\n"
    "'token ID SECRET'. The secret is shown only now; only its hash is stored.\n";

static int token_create(int argc, char **argv)
{
    static const char *const allowed[] = {"db", "organisation", "name", NULL};
    opt o[MAX_OPTS];
    int p = parse(argc, argv, allowed, o, TOKEN_CREATE_USAGE);
    if (p != 0)
        return p > 0 ? 0 : 2;
    int64_t org_id;
    const char *name = get(o, "name");
    if (parse_id(get(o, "organisation"), &org_id) != 0 || name == NULL || *name == '\0') {
        fprintf(stderr, "ifzo: --organisation ID and --name are required\n");
        return 2;
    }
    store *db = open_db(o);
    if (db == NULL)
        return 1;
    store_organisation so;
    int rc = store_organisation_get(db, org_id, &so);
    if (rc == STORE_OK && strcmp(so.kind, "zorgaanbieder") != 0) {
        fprintf(stderr, "ifzo: organisation %lld is not a zorgaanbieder\n", (long long)org_id);
        store_close(db);
        return 2;
    }
    char secret[65], token[72], hash[65];
    auth_random_hex(secret);
    snprintf(token, sizeof(token), "ifzo_%s", secret);
    auth_token_hash(token, hash);
    store_token t;
    if (rc == STORE_OK)
        rc = store_token_create(db, org_id, name, hash, "cli", &t);
    store_close(db);
    if (rc != STORE_OK)
        return fail_store("token", rc);
    printf("token %lld %s\n", (long long)t.id, token);
    sodium_memzero(token, sizeof(token));
    sodium_memzero(secret, sizeof(secret));
    return 0;
}

static const char TOKEN_REVOKE_USAGE[] =
    "usage: ifzo token revoke --id ID [--db URL]\n\n"
    "Revokes the token; the next request with it is refused (401).\n";

static int token_revoke(int argc, char **argv)
{
    static const char *const allowed[] = {"db", "id", NULL};
    opt o[MAX_OPTS];
    int p = parse(argc, argv, allowed, o, TOKEN_REVOKE_USAGE);
    if (p != 0)
        return p > 0 ? 0 : 2;
    int64_t id;
    if (parse_id(get(o, "id"), &id) != 0) {
        fprintf(stderr, "ifzo: --id ID is required\n");
        return 2;
    }
    store *db = open_db(o);
    if (db == NULL)
        return 1;
    store_token t;
    int rc = store_token_revoke(db, id, &t);
    store_close(db);
    if (rc != STORE_OK)
        return fail_store("token (missing or already revoked)", rc);
    printf("token %lld revoked\n", (long long)id);
    return 0;
}

int cmd_token(int argc, char **argv)
{
    static const subcommand subs[] = {{"create", token_create}, {"revoke", token_revoke}};
    return run_subcommand("token",
                          "usage: ifzo token create|revoke [options]\n\n"
                          "`ifzo token <subcommand> --help` describes each.\n",
                          subs, sizeof(subs) / sizeof(subs[0]), argc, argv);
}

/* ---- ifzo audit ----------------------------------------------------------------------- */

static const char AUDIT_VERIFY_USAGE[] =
    "usage: ifzo audit verify [--db URL]\n\n"
    "Checks the hash chain of the access log. Exit 0 when intact; exit 1 naming the first\n"
    "entry that was changed or is missing.\n";

static int audit_verify(int argc, char **argv)
{
    static const char *const allowed[] = {"db", NULL};
    opt o[MAX_OPTS];
    int p = parse(argc, argv, allowed, o, AUDIT_VERIFY_USAGE);
    if (p != 0)
        return p > 0 ? 0 : 2;
    store *db = open_db(o);
    if (db == NULL)
        return 1;
    int64_t checked = 0, bad = 0;
    char why[300];
    int rc = store_access_log_verify(db, &checked, &bad, why, sizeof(why));
    store_close(db);
    if (rc == STORE_OK) {
        printf("access log intact: %lld entries\n", (long long)checked);
        return 0;
    }
    if (rc == STORE_CONFLICT) {
        printf("access log BROKEN at entry %lld: %s\n", (long long)bad, why);
        return 1;
    }
    return fail_store("audit verify", rc);
}

int cmd_audit(int argc, char **argv)
{
    static const subcommand subs[] = {{"verify", audit_verify}};
    return run_subcommand("audit", "usage: ifzo audit verify [--db URL]\n", subs, 1, argc, argv);
}
