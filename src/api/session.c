/*
 * session.c - /api/session: log in (password, then TOTP where required), who am I, log
 * out, change the password, enrol in TOTP.
 *
 * Why the care: this is the door. Every failed login answers the same 401 whatever went
 * wrong (unknown user, wrong password, disabled account) and costs the same argon2id work,
 * so neither the message nor the time tells whether an account exists. Failures in a row
 * are counted per account name (also for names that do not exist) and per client address;
 * from the 6th attempt on an account (the 21st from an address) the answer is 429 with
 * Retry-After until 15 minutes after the last failure.
 */
#include "api/handlers.h"
#include "api/log.h"
#include "api/qr.h"
#include "api/router.h"
#include "core/access.h"
#include "core/totp.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ACCOUNT_LIMIT    5
#define ADDRESS_LIMIT    20
#define THROTTLE_SECONDS (15 * 60)
#define LOGIN_FIELD_MAX  200 /* bytes of a username or password we look at */

/* Seconds since the epoch of a store timestamp; -1 when malformed. */
static int64_t parse_utc(const char *s)
{
    int y, mo, d, h, mi, se;
    if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2dZ", &y, &mo, &d, &h, &mi, &se) != 6)
        return -1;
    /* days from civil (Howard Hinnant), proleptic Gregorian */
    y -= mo <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    int64_t days = era * 146097 + doe - 719468;
    return days * 86400 + h * 3600 + mi * 60 + se;
}

/* Seconds the key must still wait (0: may try); -1 when the store failed (answered). */
static int64_t throttle_wait(api_request *r, const char *key, int limit)
{
    int64_t failures = 0;
    char last[24];
    int rc = store_login_failures(api_request_app(r)->db, key, &failures, last);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return -1;
    }
    if (failures < limit)
        return 0;
    int64_t until = parse_utc(last) + THROTTLE_SECONDS;
    int64_t wait = until - (int64_t)time(NULL);
    return wait > 0 ? wait : 0;
}

static void count_failure(api_request *r, const char *ukey, const char *akey)
{
    char now[24], forget[24];
    auth_time_utc(0, now);
    auth_time_utc(-THROTTLE_SECONDS, forget);
    store *db = api_request_app(r)->db;
    /* Counting may fail under load; the login is refused either way. */
    (void)store_login_failed(db, ukey, now, forget);
    (void)store_login_failed(db, akey, now, forget);
}

/* One log line per login attempt for the operators (security monitoring). The name is
 * logged only when it looks like a username: people type passwords into the wrong box. */
static void log_login(api_request *r, log_level level, const char *outcome, const char *username)
{
    if (!log_enabled(level))
        return;
    core_error err;
    char addr[64];
    api_client_address(r, addr, sizeof(addr));
    bool plausible = access_user_check(username, "x", "beleid", &err);
    log_event(level, "login",
              json_pack("{s:s,s:s,s:s,s:s}", "request_id", api_request_id(r), "outcome", outcome,
                        "username", plausible ? username : "(not a username)", "address", addr));
}

static void refuse_login(api_request *r)
{
    api_error(r, 401, "invalid_credentials", "Gebruikersnaam of wachtwoord onjuist.", NULL);
}

static void otpauth_uri(const char *username, const char *secret, char *out, size_t cap)
{
    char label[STORE_USERNAME_MAX * 3 + 1];
    size_t n = 0;
    for (const char *p = username; *p && n + 4 < sizeof(label); p++) {
        if (*p == '@') {
            memcpy(label + n, "%40", 3);
            n += 3;
        } else {
            label[n++] = *p;
        }
    }
    label[n] = '\0';
    snprintf(out, cap,
             "otpauth://totp/openifzo:%s?secret=%s&issuer=openifzo&algorithm=SHA1&digits=%d"
             "&period=%d",
             label, secret, TOTP_DIGITS, TOTP_STEP);
}

static bool new_totp_secret(char b32[TOTP_BASE32_MAX])
{
    unsigned char raw[TOTP_SECRET_BYTES];
    randombytes_buf(raw, sizeof(raw));
    bool ok = totp_base32_encode(raw, sizeof(raw), b32);
    sodium_memzero(raw, sizeof(raw));
    return ok;
}

static json_t *enrolment_json(const char *username, const char *secret)
{
    char uri[300];
    otpauth_uri(username, secret, uri, sizeof(uri));
    json_t *out = json_pack("{s:s,s:s}", "secret", secret, "uri", uri);
    char *qr = api_qr_svg_data_uri(uri);
    json_object_set_new(out, "qr", qr ? json_string(qr) : json_null());
    free(qr);
    return out;
}

/* Checks code against the base32 secret now and marks its step used. */
static bool code_ok(store *db, int64_t user_id, const char *secret, const char *code)
{
    unsigned char raw[64];
    size_t len = 0;
    int64_t step = 0;
    bool ok = code && totp_base32_decode(secret, raw, sizeof(raw), &len) &&
              totp_check(raw, len, (int64_t)time(NULL), code, &step) &&
              store_user_totp_use(db, user_id, step) == STORE_OK;
    sodium_memzero(raw, sizeof(raw));
    return ok;
}

/* The second factor for a user who needs one. Returns true to go on; otherwise answered. */
static bool second_factor(api_request *r, const store_user *u, const store_user_secrets *sec,
                          const char *code, const char *ukey, const char *akey)
{
    store *db = api_request_app(r)->db;
    if (!u->totp_enabled) {
        /* Required but not enrolled: hand out (or again) the pending secret; a valid code
         * from it confirms the enrolment and logs in. */
        char b32[TOTP_BASE32_MAX];
        snprintf(b32, sizeof(b32), "%s", sec->totp_secret);
        int rc = STORE_OK;
        if (b32[0] == '\0') {
            if (!new_totp_secret(b32)) {
                api_error(r, 500, "internal", "Interne fout.", NULL);
                return false;
            }
            rc = store_user_totp_set(db, u->id, b32, false);
        }
        if (rc == STORE_OK && code && code_ok(db, u->id, b32, code))
            rc = store_user_totp_set(db, u->id, b32, true);
        else if (rc == STORE_OK)
            rc = -1;
        if (rc == STORE_OK)
            return true;
        if (rc != -1) {
            api_store_error(r, rc);
            return false;
        }
        if (code)
            count_failure(r, ukey, akey);
        json_t *err = json_pack("{s:s,s:s,s:s}", "code", "totp_enrolment_required", "message",
                                "Stel eerst een tweede factor in: voeg de sleutel toe aan uw "
                                "authenticator-app en log in met de code.",
                                "field", "totp");
        api_json(r, 401,
                 json_pack("{s:o,s:o}", "error", err, "totp_enrolment",
                           enrolment_json(u->username, b32)));
        return false;
    }
    if (code == NULL) {
        api_error(r, 401, "totp_required", "Vul de code uit uw authenticator-app in.", "totp");
        return false;
    }
    if (!code_ok(db, u->id, sec->totp_secret, code)) {
        count_failure(r, ukey, akey);
        api_error(r, 401, "totp_invalid", "De code is onjuist of al gebruikt.", "totp");
        return false;
    }
    return true;
}

static void set_cookie(api_request *r, const char *value, bool clear)
{
    char c[200];
    snprintf(c, sizeof(c), "%s=%s; Path=/; HttpOnly; SameSite=Strict%s%s", SESSION_COOKIE, value,
             clear ? "; Max-Age=0" : "", api_request_tls(r) ? "; Secure" : "");
    api_add_header(r, "Set-Cookie", c);
}

static void start_session(api_request *r, const store_user *u)
{
    char token[65], csrf[65], hash[65], now[24], idle[24], until[24];
    auth_random_hex(token);
    auth_random_hex(csrf);
    auth_token_hash(token, hash);
    auth_time_utc(0, now);
    auth_time_utc(SESSION_IDLE_SECONDS, idle);
    auth_time_utc(SESSION_MAX_SECONDS, until);
    store_session s;
    int rc = store_session_create(api_request_app(r)->db, hash, u->id, csrf, now, idle, until, &s);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    api_json(r, 201,
             json_pack("{s:o,s:s,s:s,s:s}", "user", api_render_user(&s.user), "csrf_token", csrf,
                       "idle_expires_at", s.idle_expires_at, "expires_at", s.expires_at));
    set_cookie(r, token, false);
    sodium_memzero(token, sizeof(token));
}

void h_session_create(api_request *r)
{
    json_t *body = api_body(r);
    if (body == NULL) {
        api_error(r, 400, "body_required", "Stuur een JSON-object.", NULL);
        return;
    }
    const char *username = NULL, *password = NULL, *code = NULL;
    if (!api_json_string(r, body, "username", &username) ||
        !api_json_string(r, body, "password", &password) ||
        !api_json_string(r, body, "totp", &code))
        return;
    if (username == NULL || password == NULL) {
        api_error(r, 400, "required", "Vul gebruikersnaam en wachtwoord in.",
                  username == NULL ? "username" : "password");
        return;
    }
    if (strlen(username) > LOGIN_FIELD_MAX || strlen(password) > LOGIN_FIELD_MAX) {
        api_error(r, 400, "too_long", "Gebruikersnaam of wachtwoord is te lang.",
                  strlen(username) > LOGIN_FIELD_MAX ? "username" : "password");
        return;
    }
    char addr[64], ukey[LOGIN_FIELD_MAX + 3], akey[72];
    api_client_address(r, addr, sizeof(addr));
    snprintf(ukey, sizeof(ukey), "u:%s", username);
    snprintf(akey, sizeof(akey), "a:%s", addr);
    int64_t w1 = throttle_wait(r, ukey, ACCOUNT_LIMIT);
    if (w1 < 0)
        return;
    int64_t w2 = throttle_wait(r, akey, ADDRESS_LIMIT);
    if (w2 < 0)
        return;
    if (w1 > 0 || w2 > 0) {
        log_login(r, LOG_WARN, "throttled", username);
        char secs[24];
        snprintf(secs, sizeof(secs), "%lld", (long long)(w1 > w2 ? w1 : w2));
        api_error(r, 429, "too_many_attempts",
                  "Te veel mislukte pogingen. Probeer het later opnieuw.", NULL);
        api_add_header(r, "Retry-After", secs);
        return;
    }
    store *db = api_request_app(r)->db;
    store_user u;
    store_user_secrets sec;
    int rc = store_user_find(db, username, &u, &sec);
    if (rc != STORE_OK && rc != STORE_NOT_FOUND) {
        api_store_error(r, rc);
        return;
    }
    bool ok = auth_password_verify(password, rc == STORE_OK ? sec.password_hash : NULL);
    if (!ok || u.disabled) {
        log_login(r, LOG_WARN, "refused", username);
        count_failure(r, ukey, akey);
        sodium_memzero(&sec, sizeof(sec));
        refuse_login(r);
        return;
    }
    bool need_totp = u.totp_enabled || u.org_totp_required;
    if (need_totp && !second_factor(r, &u, &sec, code, ukey, akey)) {
        log_login(r, LOG_WARN, "second factor missing or wrong", username);
        sodium_memzero(&sec, sizeof(sec));
        return;
    }
    sodium_memzero(&sec, sizeof(sec));
    /* Housekeeping on the (rare) successful login keeps both tables small; a failure here
     * does not matter for this login. */
    char now[24], forget[24];
    auth_time_utc(0, now);
    auth_time_utc(-THROTTLE_SECONDS, forget);
    (void)store_login_reset(db, ukey);
    (void)store_login_purge(db, forget);
    (void)store_session_purge(db, now, NULL);
    log_login(r, LOG_INFO, "ok", username);
    start_session(r, &u);
}

void h_session_get(api_request *r)
{
    const api_caller *c = api_request_caller(r);
    if (c->token_id) {
        api_json(r, 200,
                 json_pack("{s:s,s:I,s:s,s:I}", "via", "token", "token_id", (json_int_t)c->token_id,
                           "role", c->role_name, "organisation_id",
                           (json_int_t)c->organisation_id));
        return;
    }
    store_user u;
    int rc = store_user_get(api_request_app(r)->db, c->user_id, &u);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    api_json(r, 200,
             json_pack("{s:s,s:o,s:s}", "via", "session", "user", api_render_user(&u), "csrf_token",
                       c->csrf_token));
}

/* For routes that only make sense with a browser session; answers and returns false. */
static bool need_session(api_request *r)
{
    if (api_request_caller(r)->session_id)
        return true;
    api_error(r, 403, "session_required", "Dit kan alleen met een ingelogde gebruiker.", NULL);
    return false;
}

void h_session_delete(api_request *r)
{
    if (!need_session(r))
        return;
    int rc = store_session_delete(api_request_app(r)->db, api_request_caller(r)->session_id);
    if (rc != STORE_OK && rc != STORE_NOT_FOUND) {
        api_store_error(r, rc);
        return;
    }
    api_text(r, 204, "text/plain", "", 0);
    set_cookie(r, "", true);
}

void h_session_password(api_request *r)
{
    if (!need_session(r))
        return;
    const api_caller *c = api_request_caller(r);
    json_t *body = api_body(r);
    if (body == NULL) {
        api_error(r, 400, "body_required", "Stuur een JSON-object.", NULL);
        return;
    }
    const char *current = NULL, *next = NULL;
    if (!api_json_string(r, body, "current_password", &current) ||
        !api_json_string(r, body, "new_password", &next))
        return;
    if (current == NULL) {
        api_error(r, 400, "required", "Vul uw huidige wachtwoord in.", "current_password");
        return;
    }
    core_error err;
    if (!access_password_check(next, c->username, &err)) {
        api_error(r, 400, err.code, err.message,
                  strcmp(err.field, "password") == 0 ? "new_password" : err.field);
        return;
    }
    store *db = api_request_app(r)->db;
    char ukey[80];
    snprintf(ukey, sizeof(ukey), "u:%s", c->username);
    int64_t wait = throttle_wait(r, ukey, ACCOUNT_LIMIT);
    if (wait < 0)
        return;
    if (wait > 0) {
        char secs[24];
        snprintf(secs, sizeof(secs), "%lld", (long long)wait);
        api_error(r, 429, "too_many_attempts",
                  "Te veel mislukte pogingen. Probeer het later opnieuw.", NULL);
        api_add_header(r, "Retry-After", secs);
        return;
    }
    store_user u;
    store_user_secrets sec;
    int rc = store_user_find(db, c->username, &u, &sec);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    bool ok =
        strlen(current) <= LOGIN_FIELD_MAX && auth_password_verify(current, sec.password_hash);
    sodium_memzero(&sec, sizeof(sec));
    if (!ok) {
        char addr[64], akey[72];
        api_client_address(r, addr, sizeof(addr));
        snprintf(akey, sizeof(akey), "a:%s", addr);
        count_failure(r, ukey, akey);
        api_error(r, 400, "wrong_password", "Het huidige wachtwoord is onjuist.",
                  "current_password");
        return;
    }
    char hash[STORE_HASH_MAX];
    if (auth_password_hash(next, hash) != 0) {
        api_error(r, 500, "internal", "Interne fout.", NULL);
        return;
    }
    rc = store_user_set_password(db, u.id, hash, false, false, c->session_id, &u);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    api_json(r, 200, json_pack("{s:o}", "user", api_render_user(&u)));
}

void h_session_totp_begin(api_request *r)
{
    if (!need_session(r))
        return;
    const api_caller *c = api_request_caller(r);
    store *db = api_request_app(r)->db;
    store_user u;
    int rc = store_user_get(db, c->user_id, &u);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (u.totp_enabled) {
        api_error(r, 409, "totp_already_enabled",
                  "U gebruikt al een tweede factor; functioneel beheer kan die herstellen.", NULL);
        return;
    }
    char b32[TOTP_BASE32_MAX];
    if (!new_totp_secret(b32)) {
        api_error(r, 500, "internal", "Interne fout.", NULL);
        return;
    }
    rc = store_user_totp_set(db, u.id, b32, false);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    api_json(r, 200, enrolment_json(u.username, b32));
}

void h_session_totp_confirm(api_request *r)
{
    if (!need_session(r))
        return;
    const api_caller *c = api_request_caller(r);
    json_t *body = api_body(r);
    const char *code = NULL;
    if (body == NULL) {
        api_error(r, 400, "body_required", "Stuur een JSON-object.", NULL);
        return;
    }
    if (!api_json_string(r, body, "totp", &code))
        return;
    if (code == NULL) {
        api_error(r, 400, "required", "Vul de code uit uw authenticator-app in.", "totp");
        return;
    }
    store *db = api_request_app(r)->db;
    store_user u;
    store_user_secrets sec;
    int rc = store_user_find(db, c->username, &u, &sec);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    if (u.totp_enabled || sec.totp_secret[0] == '\0') {
        api_error(r, 409, u.totp_enabled ? "totp_already_enabled" : "totp_not_started",
                  u.totp_enabled ? "U gebruikt al een tweede factor."
                                 : "Vraag eerst een sleutel aan (POST /api/session/totp).",
                  NULL);
        return;
    }
    bool ok = code_ok(db, u.id, sec.totp_secret, code);
    if (ok)
        rc = store_user_totp_set(db, u.id, sec.totp_secret, true);
    sodium_memzero(&sec, sizeof(sec));
    if (!ok) {
        api_error(r, 400, "totp_invalid", "De code is onjuist of al gebruikt.", "totp");
        return;
    }
    if (rc == STORE_OK)
        rc = store_user_get(db, u.id, &u);
    if (rc != STORE_OK) {
        api_store_error(r, rc);
        return;
    }
    api_json(r, 200, json_pack("{s:o}", "user", api_render_user(&u)));
}
