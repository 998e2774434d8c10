/*
 * harness.h - drives the real `ifzo serve` over HTTP for the API suites.
 *
 * Each test starts its own server on a free loopback port with a fresh database (SQLite or
 * PostgreSQL, see tests/common/testdb.h), talks HTTP to it with libcurl (or a raw socket
 * where a test needs to misbehave as a client), and stops it with SIGTERM, checking that
 * it exits 0.
 */
#ifndef IFZO_TEST_HARNESS_H
#define IFZO_TEST_HARNESS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "testdb.h"

typedef struct {
    pid_t pid;
    int port;
    testdb db;
    char log_path[300];
    bool shared; /* started with server_start_shared: the database belongs to another */
} server;

typedef struct {
    long status;
    char *body; /* NUL-terminated, malloc'd */
    size_t body_len;
    char *headers; /* raw response header block, malloc'd */
    json_t *json;  /* parsed body when it is JSON, else NULL */
} response;

/* Starts `ifzo serve` with extra arguments (NULL-terminated list, may be NULL); asserts. */
void server_start(server *s, const char *const *extra_args);
/* Starts a second `ifzo serve` on the database of `first` (the way the system scales out;
 * also a way to run the same data with another IFZO_TODAY). Stop it before `first`; its
 * server_stop leaves the database alone. */
void server_start_shared(server *s, const server *first, const char *const *extra_args);
/* SIGTERM and wait; returns the exit status (or 128+signal). */
int server_stop(server *s);
/* The server's stderr so far (malloc'd). */
char *server_log(const server *s);

/* One request. headers: NULL-terminated "Name: value" list or NULL; body may be NULL. */
void http(const server *s, const char *method, const char *path, const char *const *headers,
          const char *body, response *out);
void response_free(response *r);
/* A response header's value (copied into buf), or NULL. Case-insensitive name. */
const char *response_header(const response *r, const char *name, char *buf, size_t cap);
/* error.code of an error body, or "" */
const char *error_code(const response *r);
const char *error_field(const response *r);

/* Who a request is made as. Filled by as_role(); an all-empty value is anonymous. */
typedef struct {
    char cookie[512]; /* "Cookie: ..." header line, or "" */
    char csrf[256];   /* "X-CSRF-Token: ..." header line, or "" */
    char bearer[512]; /* "Authorization: Bearer ..." header line, or "" */
    long long organisation_id;
    long long user_id;
    char username[80];
    char csrf_token[80]; /* the bare token of csrf */
} client_auth;

/* The password of every user as_role() creates. */
#define HARNESS_PASSWORD "wachtwoord-voor-tests-1"

/* Logs in as a new user with the given role (design.md roles) in a new organisation of the
 * given kind (code list organisatiesoort; NULL: a kind that fits the role: zorgaanbieder
 * for zorgaanbieder, nifp for indiceerder, dji otherwise), or in organisation_id when > 0.
 * The user is made with `ifzo user add` against the server's database; a new organisation
 * is made without the TOTP requirement. An existing organisation_id must not require TOTP
 * (create DJI organisations over the API with "totp_required": false). Fills cookie and
 * csrf; asserts on failure. */
void as_role(server *s, const char *role, const char *org_kind, long long organisation_id,
             client_auth *out);
/* http() with the caller's credentials added to headers. */
void http_as(const server *s, const client_auth *who, const char *method, const char *path,
             const char *const *headers, const char *body, response *out);
/* A JSON request as `who`: Content-Type application/json, and If-Match "<if_match>" when
 * if_match is not 0. Returns the status; the caller frees *out with response_free. */
long http_json_as(const server *s, const client_auth *who, const char *method, const char *path,
                  const char *body, long long if_match, response *out);
/* POST that must answer 201 (asserts); returns the new object's "id". */
long long post_created(const server *s, const client_auth *who, const char *path, const char *body);
/* A member of a JSON object: an integer (0 when absent) or a string (NULL when absent). The
 * string belongs to o. */
long long json_num(const json_t *o, const char *key);
const char *json_str(const json_t *o, const char *key);

/* Makes a proposal (mode `modus`, NULL: regulier) for the request at request_path as placer
 * `who` and writes into body (cap bytes) a referral to location loc from it: the proposal's
 * volgnummer, a text for each of the 10 soft criteria, and a justification when loc is not
 * proposed. Asserts on failure. For tests whose subject is not the referral itself. */
void referral_body(const server *s, const client_auth *who, const char *request_path,
                   const char *modus, long long loc, bool parallel, char *body, size_t cap);

/* Raw TCP connection to the server; returns the fd (asserts on failure). */
int raw_connect(const server *s);
/* Reads until the peer closes or timeout_ms passes; returns malloc'd text. */
char *raw_read_all(int fd, int timeout_ms);

#endif
