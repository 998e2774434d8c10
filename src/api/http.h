/*
 * http.h - what a request handler sees: the request, and the calls that set its answer.
 *
 * Why a layer over libmicrohttpd: handlers should read like the domain (parse input, check
 * rights, call core and store, render), not like socket code. The server (server.c) owns
 * the MHD connection, the body buffer, limits, request ids, logging and metrics; a handler
 * gets an api_request and sets exactly one response with api_json()/api_error()/api_text().
 */
#ifndef IFZO_API_HTTP_H
#define IFZO_API_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/geo.h"
#include "store/store.h"

#define API_MAX_PATH_PARAMS 4
#define API_REQUEST_ID_MAX  64

/* Sent on every answer: no inline script or style, nothing framed, nothing from elsewhere. */
#define API_CSP                                                                                    \
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "              \
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

typedef struct api_request api_request;
typedef struct api_app api_app;

/* Process-wide state handed to every handler; owned by the server. */
struct api_app {
    store *db;
    const char *version;
    const char *today;             /* IFZO_TODAY (YYYY-MM-DD) or NULL: take the clock */
    const struct static_root *web; /* the front end's files (static.h), or NULL: API only */
    const struct ifzo_travel_model *travel; /* IFZO_TRAVEL file, or NULL: the defaults */
};

/* Path parameter by name ("id" for /api/x/{id}); NULL if the route has none such.
 * Owned by the request. */
const char *api_path_param(const api_request *r, const char *name);
/* Query-string argument; NULL if absent. Owned by the request. */
const char *api_query(const api_request *r, const char *name);
/* Request header (case-insensitive); NULL if absent. Owned by the request. */
const char *api_header(const api_request *r, const char *name);
/* Cookie value by name; NULL if absent. Owned by the request. */
const char *api_cookie(const api_request *r, const char *name);
/* The client's IP address as text ("unknown" when not known) into buf. */
void api_client_address(const api_request *r, char *buf, size_t cap);
/* Did the request arrive over TLS? */
bool api_request_tls(const api_request *r);

/* Parsed JSON body (an object), or NULL when the request had none. Borrowed. */
json_t *api_body(const api_request *r);
/* The raw body bytes of a route with raw_body_max (router.h), NUL-terminated, or NULL when
 * the request had none; *len its length. Borrowed. */
const char *api_raw_body(const api_request *r, size_t *len);
const char *api_method(const api_request *r);
const char *api_path(const api_request *r);
const char *api_request_id(const api_request *r);
api_app *api_request_app(const api_request *r);

/* Sets the answer: JSON body (reference stolen), given status. */
void api_json(api_request *r, int status, json_t *body);
/* Sets the answer: the error body of design.md {"error":{"code","message","field"}};
 * field may be NULL. */
void api_error(api_request *r, int status, const char *code, const char *message,
               const char *field);
/* Sets the answer: text body copied, with its content type. */
void api_text(api_request *r, int status, const char *content_type, const char *text, size_t len);
/* Sets the answer: static bytes, not copied (must outlive the server). */
void api_static(api_request *r, int status, const char *content_type, const char *bytes,
                size_t len);
/* Adds a response header (copied); call after setting the answer. */
void api_add_header(api_request *r, const char *name, const char *value);

/* Store result -> HTTP error answer (404 not_found, 409 conflict, ...). */
void api_store_error(api_request *r, int store_rc);

/* Reads a positive integer path parameter; on failure answers 404 and returns false. */
bool api_path_id(api_request *r, const char *name, int64_t *out);

/* ETag handling for the version convention: "\"<version>\"". */
void api_set_etag(api_request *r, int64_t version);
/* Reads If-Match; answers 428 when missing or 400 when malformed and returns false. */
bool api_if_match(api_request *r, int64_t *version);

#endif
