/*
 * server.c - libmicrohttpd glue: one api_request per HTTP request, from the first byte to
 * the access-log line.
 *
 * Why it is careful: everything that arrives here is untrusted. The request line and
 * headers are bounded by MHD's per-connection memory limit (431 beyond it); a body is
 * refused early when Content-Length announces too much and is never buffered past
 * max_body when it does not; JSON is parsed only for routes that exist, only when declared
 * as JSON, and only as an object. A handler that forgets to answer is a bug that answers
 * 500 and logs, it never leaves a client hanging.
 *
 * Graceful stop: api_server_stop() quiesces the daemon (no new connections), waits until
 * every request that has started has been answered (the completion callback counts them),
 * then stops the worker threads.
 */
#include "api/server.h"
#include "api/auth.h"
#include "api/log.h"
#include "api/metrics.h"
#include "api/router.h"
#include "api/static.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DEFAULT_MAX_BODY   (1u << 20)
#define DEFAULT_MAX_HEADER (32u << 10)
#define MAX_EXTRA_HEADERS  8

struct api_server {
    struct MHD_Daemon *mhd;
    api_app *app;
    size_t max_body;
    unsigned port;
    bool tls;
    atomic_int in_flight;
};

typedef struct {
    char *name, *value;
} header_pair;

struct api_request {
    api_server *srv;
    struct MHD_Connection *conn;
    const char *method; /* owned by MHD for the life of the request */
    char *path;
    route_result match;
    size_t route;
    api_path_binding params[API_MAX_PATH_PARAMS];
    size_t nparams;
    char allow[128];
    char *body;
    size_t body_len;
    int body_too_large;
    json_t *json;
    char request_id[API_REQUEST_ID_MAX + 1];
    api_caller caller; /* set by auth_request before the handler runs */
    struct timespec start;
    /* the answer */
    int status;
    struct MHD_Response *resp;
    header_pair extra[MAX_EXTRA_HEADERS];
    size_t nextra;
    int queued;
};

/* ---- the request API for handlers (http.h) ------------------------------------------ */

const char *api_path_param(const api_request *r, const char *name)
{
    size_t n = strlen(name);
    for (size_t i = 0; i < r->nparams; i++)
        if (strncmp(r->params[i].name, name, n) == 0 && r->params[i].name[n] == '}')
            return r->params[i].value;
    return NULL;
}

const char *api_query(const api_request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *api_header(const api_request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *api_cookie(const api_request *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

void api_client_address(const api_request *r, char *buf, size_t cap)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(buf, cap, "unknown");
    if (ci == NULL || ci->client_addr == NULL)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr, buf,
                  (socklen_t)cap);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, buf,
                  (socklen_t)cap);
}

bool api_request_tls(const api_request *r)
{
    return r->srv->tls;
}

const api_caller *api_request_caller(const api_request *r)
{
    return &r->caller;
}

api_caller *auth_caller_slot(api_request *r)
{
    return &r->caller;
}

json_t *api_body(const api_request *r)
{
    return r->json;
}

const char *api_raw_body(const api_request *r, size_t *len)
{
    if (len)
        *len = r->body_len;
    return r->body_len ? r->body : NULL;
}

const char *api_method(const api_request *r)
{
    return r->method;
}

const char *api_path(const api_request *r)
{
    return r->path;
}

const char *api_request_id(const api_request *r)
{
    return r->request_id;
}

api_app *api_request_app(const api_request *r)
{
    return r->srv->app;
}

static void set_response(api_request *r, int status, struct MHD_Response *resp)
{
    if (r->resp) {
        /* A second answer replaces the first: keep the last, log the slip. */
        MHD_destroy_response(r->resp);
        log_event(LOG_WARN, "handler answered twice",
                  json_pack("{s:s}", "request_id", r->request_id));
    }
    r->status = status;
    r->resp = resp;
    if (resp == NULL)
        r->status = 500;
}

void api_text(api_request *r, int status, const char *content_type, const char *text, size_t len)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)text, MHD_RESPMEM_MUST_COPY);
    if (resp)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    set_response(r, status, resp);
}

void api_static(api_request *r, int status, const char *content_type, const char *bytes, size_t len)
{
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(len, (void *)bytes, MHD_RESPMEM_PERSISTENT);
    if (resp)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
    set_response(r, status, resp);
}

void api_json(api_request *r, int status, json_t *body)
{
    char *text =
        body ? json_dumps(body, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(10)) : NULL;
    json_decref(body);
    if (text == NULL) {
        set_response(r, 500, NULL);
        return;
    }
    struct MHD_Response *resp =
        MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
    if (resp == NULL)
        free(text);
    else
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, "application/json");
    set_response(r, status, resp);
}

void api_error(api_request *r, int status, const char *code, const char *message, const char *field)
{
    json_t *err = json_pack("{s:s,s:s,s:s?}", "code", code, "message", message, "field", field);
    if (err && field == NULL)
        json_object_set_new(err, "field", json_null());
    api_json(r, status, json_pack("{s:o}", "error", err));
}

void api_add_header(api_request *r, const char *name, const char *value)
{
    if (r->nextra >= MAX_EXTRA_HEADERS)
        return;
    header_pair *h = &r->extra[r->nextra];
    h->name = strdup(name);
    h->value = strdup(value);
    if (h->name && h->value) {
        r->nextra++;
    } else {
        free(h->name);
        free(h->value);
    }
}

void api_store_error(api_request *r, int rc)
{
    switch (rc) {
    case STORE_NOT_FOUND:
        api_error(r, 404, "not_found", "Het gevraagde object bestaat niet.", NULL);
        break;
    case STORE_CONFLICT:
        api_error(r, 409, "version_conflict",
                  "Het object is intussen door een ander gewijzigd; laad het opnieuw.", NULL);
        break;
    case STORE_DUPLICATE:
        api_error(r, 409, "duplicate", "Er bestaat al een object met deze gegevens.", NULL);
        break;
    case STORE_BUSY:
    case STORE_UNAVAILABLE:
        api_add_header(r, "Retry-After", "1");
        api_error(r, 503, "unavailable", "De database is tijdelijk niet bereikbaar.", NULL);
        break;
    case STORE_INVALID:
        api_error(r, 400, "invalid", "De gegevens passen niet in de opslag.", NULL);
        break;
    default:
        api_error(r, 500, "internal", "Interne fout.", NULL);
    }
}

bool api_path_id(api_request *r, const char *name, int64_t *out)
{
    const char *v = api_path_param(r, name);
    int64_t id = 0;
    size_t i = 0;
    for (; v && v[i] && i < 18; i++) {
        if (v[i] < '0' || v[i] > '9')
            break;
        id = id * 10 + (v[i] - '0');
    }
    if (v == NULL || v[i] != '\0' || i == 0 || id <= 0) {
        api_error(r, 404, "not_found", "Het gevraagde object bestaat niet.", NULL);
        return false;
    }
    *out = id;
    return true;
}

void api_set_etag(api_request *r, int64_t version)
{
    char tag[32];
    snprintf(tag, sizeof(tag), "\"%lld\"", (long long)version);
    api_add_header(r, "ETag", tag);
}

bool api_if_match(api_request *r, int64_t *version)
{
    const char *v = api_header(r, "If-Match");
    if (v == NULL) {
        api_error(r, 428, "precondition_required",
                  "Stuur de versie die u wijzigt mee in If-Match (de ETag).", "If-Match");
        return false;
    }
    size_t n = strlen(v);
    if (n >= 2 && v[0] == 'W' && v[1] == '/') {
        v += 2;
        n -= 2;
    }
    int64_t ver = 0;
    size_t i = 1;
    if (n < 3 || n > 20 || v[0] != '"' || v[n - 1] != '"')
        goto bad;
    for (; i < n - 1; i++) {
        if (v[i] < '0' || v[i] > '9')
            goto bad;
        ver = ver * 10 + (v[i] - '0');
    }
    *version = ver;
    return true;
bad:
    api_error(r, 400, "invalid_if_match", "If-Match moet een ETag zijn zoals \"3\".", "If-Match");
    return false;
}

/* ---- request lifecycle -------------------------------------------------------------- */

static double seconds_since(const struct timespec *t0)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t0->tv_sec) + (double)(now.tv_nsec - t0->tv_nsec) / 1e9;
}

static int valid_request_id(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (n >= API_REQUEST_ID_MAX ||
            !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
              c == '-' || c == '_' || c == '.'))
            return 0;
    }
    return n >= 8;
}

static api_request *request_new(api_server *srv, struct MHD_Connection *conn, const char *url,
                                const char *method)
{
    api_request *r = calloc(1, sizeof(*r));
    if (r == NULL)
        return NULL;
    clock_gettime(CLOCK_MONOTONIC, &r->start);
    r->srv = srv;
    r->conn = conn;
    r->method = method;
    r->path = strdup(url);
    if (r->path == NULL) {
        free(r);
        return NULL;
    }
    r->route = (size_t)-1;
    const char *given = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "X-Request-Id");
    if (given && valid_request_id(given)) {
        snprintf(r->request_id, sizeof(r->request_id), "%s", given);
    } else {
        unsigned char raw[12];
        randombytes_buf(raw, sizeof(raw));
        sodium_bin2hex(r->request_id, sizeof(r->request_id), raw, sizeof(raw));
    }
    return r;
}

static void request_free(api_request *r)
{
    if (r->resp)
        MHD_destroy_response(r->resp);
    for (size_t i = 0; i < r->nextra; i++) {
        free(r->extra[i].name);
        free(r->extra[i].value);
    }
    json_decref(r->json);
    free(r->body);
    free(r->path);
    free(r);
}

/* Hands the answer to MHD with the headers every answer carries. */
static enum MHD_Result queue(api_request *r)
{
    if (r->resp == NULL) {
        log_event(LOG_ERROR, "handler set no answer",
                  json_pack("{s:s,s:s}", "request_id", r->request_id, "path", r->path));
        api_error(r, 500, "internal", "Interne fout.", NULL);
        if (r->resp == NULL)
            return MHD_NO;
    }
    struct MHD_Response *resp = r->resp;
    MHD_add_response_header(resp, "X-Request-Id", r->request_id);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(resp, "X-Frame-Options", "DENY");
    MHD_add_response_header(resp, "Content-Security-Policy", API_CSP);
    if (r->srv->tls)
        MHD_add_response_header(resp, "Strict-Transport-Security", "max-age=31536000");
    int cache_set = 0; /* API answers are never stored; static files say otherwise */
    for (size_t i = 0; i < r->nextra; i++) {
        MHD_add_response_header(resp, r->extra[i].name, r->extra[i].value);
        cache_set |= strcasecmp(r->extra[i].name, "Cache-Control") == 0;
    }
    if (!cache_set)
        MHD_add_response_header(resp, "Cache-Control", "no-store");
    r->queued = 1;
    return MHD_queue_response(r->conn, (unsigned)r->status, resp);
}

/* The largest body the matched route takes. */
static size_t body_limit(const api_request *r)
{
    size_t raw = r->match == ROUTE_FOUND ? api_route_raw_body_max(r->route) : 0;
    return raw ? raw : r->srv->max_body;
}

static int method_has_body(const char *m)
{
    return strcmp(m, "POST") == 0 || strcmp(m, "PUT") == 0 || strcmp(m, "PATCH") == 0;
}

/* Checks everything that can be decided from the request line and headers. Returns 1 when
 * an answer was set (and the body must not be read). */
static int precheck(api_request *r)
{
    r->match = router_match(r->method, r->path, &r->route, r->params, &r->nparams, r->allow,
                            sizeof(r->allow));
    if (r->path[0] == '\0') { /* unescape_path refused it: an encoded NUL */
        api_error(r, 400, "invalid_path", "Dit pad is niet toegestaan.", NULL);
        return 1;
    }
    /* The front end's files (static.c) are answered in dispatch(), once the request is
     * complete: an answer queued this early makes MHD close the connection, and a page
     * loads a dozen files. */
    int is_static =
        r->match == ROUTE_NO_PATH && r->srv->app->web && static_handles(r->method, r->path);
    if (r->match == ROUTE_NO_PATH && !is_static) {
        api_error(r, 404, "not_found", "Deze route bestaat niet.", NULL);
        return 1;
    }
    if (r->match == ROUTE_NO_METHOD) {
        api_error(r, 405, "method_not_allowed", "Deze methode is hier niet toegestaan.", NULL);
        api_add_header(r, "Allow", r->allow);
        return 1;
    }
    /* Who may call: decided here, for every route, before a byte of the body is read. The
     * front end's files are public: the shell holds no data, every datum comes from the API. */
    if (!is_static && auth_request(r, r->route))
        return 1;
    const char *cl = api_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
    if (cl) {
        char *end;
        unsigned long long n = strtoull(cl, &end, 10);
        if (*end == '\0' && n > body_limit(r)) {
            api_error(r, 413, "body_too_large", "De inhoud van het verzoek is te groot.", NULL);
            return 1;
        }
    }
    return 0;
}

static void dispatch(api_request *r)
{
    if (r->body_too_large) {
        api_error(r, 413, "body_too_large", "De inhoud van het verzoek is te groot.", NULL);
        return;
    }
    if (r->match == ROUTE_NO_PATH) { /* precheck let it through: a static file */
        static_serve(r->srv->app->web, r);
        return;
    }
    if (method_has_body(r->method) && r->body_len > 0 && !api_route_raw_body_max(r->route)) {
        const char *ct = api_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
        if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0 ||
            (ct[16] != '\0' && ct[16] != ';')) {
            api_error(r, 415, "unsupported_media_type", "Stuur JSON (application/json).", NULL);
            return;
        }
        json_error_t jerr;
        r->json = json_loadb(r->body, r->body_len, JSON_REJECT_DUPLICATES, &jerr);
        if (r->json == NULL) {
            char msg[200];
            snprintf(msg, sizeof(msg), "Ongeldige JSON op positie %d.", jerr.position);
            api_error(r, 400, "malformed_json", msg, NULL);
            return;
        }
        if (!json_is_object(r->json)) {
            api_error(r, 400, "invalid_body", "De inhoud moet een JSON-object zijn.", NULL);
            return;
        }
    }
    api_routes[r->route].handler(r);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    (void)version;
    api_server *srv = cls;
    api_request *r = *con_cls;
    if (r == NULL) {
        r = request_new(srv, conn, url, method);
        if (r == NULL)
            return MHD_NO;
        *con_cls = r;
        atomic_fetch_add(&srv->in_flight, 1);
        if (precheck(r))
            return queue(r);
        return MHD_YES;
    }
    if (r->queued) {
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (r->body_too_large || r->body_len + n > body_limit(r)) {
            /* Undeclared length that grows too large: stop buffering, answer 413 once the
             * client has finished (MHD cannot answer in the middle of a body). */
            r->body_too_large = 1;
            free(r->body);
            r->body = NULL;
            r->body_len = 0;
            return MHD_YES;
        }
        char *nb = realloc(r->body, r->body_len + n + 1);
        if (nb == NULL)
            return MHD_NO;
        memcpy(nb + r->body_len, upload_data, n);
        r->body = nb;
        r->body_len += n;
        r->body[r->body_len] = '\0';
        return MHD_YES;
    }
    dispatch(r);
    return queue(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    (void)conn;
    api_server *srv = cls;
    api_request *r = *con_cls;
    if (r == NULL)
        return;
    *con_cls = NULL;
    double secs = seconds_since(&r->start);
    int status = r->queued ? r->status : 499; /* 499: client went away before the answer */
    metrics_record(r->route, status, secs);
    if (log_enabled(LOG_INFO)) {
        json_t *f = json_pack("{s:s,s:s,s:s,s:s,s:i,s:I,s:b}", "request_id", r->request_id,
                              "method", r->method, "path", r->path, "route",
                              r->route < api_route_count ? api_routes[r->route].pattern : "",
                              "status", status, "duration_us", (json_int_t)(secs * 1e6),
                              "completed", toe == MHD_REQUEST_TERMINATED_COMPLETED_OK);
        log_event(LOG_INFO, "request", f);
    }
    request_free(r);
    atomic_fetch_sub(&srv->in_flight, 1);
}

/* MHD's own unescaping turns %00 into a NUL that silently cuts the path (or a query value)
 * short, so "/x%00.png" would be read as "/x". A decoded NUL empties the string instead:
 * an empty path answers 400, an empty query value reads as empty. */
static size_t unescape_path(void *cls, struct MHD_Connection *conn, char *s)
{
    (void)cls;
    (void)conn;
    size_t n = MHD_http_unescape(s);
    if (memchr(s, '\0', n) != NULL) {
        s[0] = '\0';
        return 0;
    }
    return n;
}

static void mhd_logger(void *cls, const char *fmt, va_list ap)
{
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    size_t n = strlen(msg);
    while (n > 0 && msg[n - 1] == '\n')
        msg[--n] = '\0';
    log_event(LOG_WARN, "http", json_pack("{s:s}", "detail", msg));
}

/* "HOST:PORT", "[V6]:PORT" or "PORT" -> address. */
static int parse_listen(const char *listen, struct sockaddr_storage *ss, socklen_t *len, int *is_v6,
                        char *err, size_t errlen)
{
    char host[256] = "127.0.0.1";
    const char *port = listen;
    if (listen[0] == '[') {
        const char *close = strchr(listen, ']');
        if (close == NULL || close[1] != ':' || (size_t)(close - listen - 1) >= sizeof(host))
            goto bad;
        memcpy(host, listen + 1, (size_t)(close - listen - 1));
        host[close - listen - 1] = '\0';
        port = close + 2;
    } else {
        const char *colon = strrchr(listen, ':');
        if (colon) {
            if ((size_t)(colon - listen) >= sizeof(host))
                goto bad;
            memcpy(host, listen, (size_t)(colon - listen));
            host[colon - listen] = '\0';
            port = colon + 1;
        }
    }
    char *end;
    long p = strtol(port, &end, 10);
    if (*port == '\0' || *end != '\0' || p < 0 || p > 65535)
        goto bad;
    struct addrinfo hints = {.ai_family = AF_UNSPEC,
                             .ai_socktype = SOCK_STREAM,
                             .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *res = NULL;
    int gai = getaddrinfo(host, port, &hints, &res);
    if (gai != 0 || res == NULL) {
        snprintf(err, errlen, "cannot resolve listen address %s: %s", host, gai_strerror(gai));
        return -1;
    }
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    *is_v6 = res->ai_family == AF_INET6;
    freeaddrinfo(res);
    return 0;
bad:
    snprintf(err, errlen, "listen address must be HOST:PORT, [V6]:PORT or PORT, got '%s'", listen);
    return -1;
}

int api_server_start(const api_config *cfg, api_app *app, api_server **out, char *err,
                     size_t errlen)
{
    *out = NULL;
    if (sodium_init() < 0) {
        snprintf(err, errlen, "libsodium cannot initialise");
        return -1;
    }
    if (router_validate(err, errlen) != 0)
        return -1;
    /* Make the dummy password hash now, so that the first login of an unknown user takes
     * no longer than any other (no user enumeration by timing). */
    (void)auth_password_verify("", NULL);
    struct sockaddr_storage ss;
    socklen_t sslen;
    int v6 = 0;
    if (parse_listen(cfg->listen ? cfg->listen : "127.0.0.1:8080", &ss, &sslen, &v6, err, errlen) !=
        0)
        return -1;
    (void)sslen;
    api_server *s = calloc(1, sizeof(*s));
    if (s == NULL || metrics_init(api_route_count) != 0) {
        free(s);
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    s->app = app;
    s->max_body = cfg->max_body ? cfg->max_body : DEFAULT_MAX_BODY;
    size_t max_header = cfg->max_header ? cfg->max_header : DEFAULT_MAX_HEADER;
    unsigned threads = cfg->threads ? cfg->threads : 4;
    unsigned flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
    if (v6)
        flags |= MHD_USE_IPv6;
    /* TLS (GnuTLS inside libmicrohttpd) when a certificate and key are given. */
    struct MHD_OptionItem tls_opts[3] = {{MHD_OPTION_END, 0, NULL}};
    if (cfg->tls_cert_pem && cfg->tls_key_pem) {
        flags |= MHD_USE_TLS;
        s->tls = true;
        tls_opts[0] =
            (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)cfg->tls_cert_pem};
        tls_opts[1] =
            (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)cfg->tls_key_pem};
        tls_opts[2] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};
    }
    s->mhd = MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, NULL,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss, MHD_OPTION_THREAD_POOL_SIZE, threads,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, max_header, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
        MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)1024, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
        s, MHD_OPTION_UNESCAPE_CALLBACK, unescape_path, NULL, MHD_OPTION_ARRAY, tls_opts,
        MHD_OPTION_END);
    if (s->mhd == NULL) {
        snprintf(err, errlen, "cannot listen on %s (address in use or not allowed%s?)", cfg->listen,
                 s->tls ? ", or a TLS certificate and key that do not fit" : "");
        metrics_free();
        free(s);
        return -1;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->mhd, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : 0;
    *out = s;
    return 0;
}

unsigned api_server_port(const api_server *s)
{
    return s->port;
}

void api_server_stop(api_server *s, int grace_ms)
{
    if (s == NULL)
        return;
    MHD_socket fd = MHD_quiesce_daemon(s->mhd);
    if (fd != MHD_INVALID_SOCKET)
        close(fd);
    int waited = 0;
    while (atomic_load(&s->in_flight) > 0 && waited < grace_ms) {
        struct timespec t = {0, 10 * 1000000L};
        nanosleep(&t, NULL);
        waited += 10;
    }
    if (atomic_load(&s->in_flight) > 0)
        log_event(LOG_WARN, "stopping with requests unanswered",
                  json_pack("{s:i}", "in_flight", atomic_load(&s->in_flight)));
    MHD_stop_daemon(s->mhd);
    metrics_free();
    free(s);
}
