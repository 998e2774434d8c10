/*
 * server.h - the HTTP server: start, stop gracefully.
 */
#ifndef IFZO_API_SERVER_H
#define IFZO_API_SERVER_H

#include <stddef.h>

#include "api/http.h"

typedef struct {
    const char *listen;       /* "HOST:PORT" or "PORT"; IPv6 as "[::1]:8080" */
    unsigned threads;         /* worker threads (each owns a database connection) */
    size_t max_body;          /* bytes; larger bodies answer 413 */
    size_t max_header;        /* bytes for request line + headers; larger answer 431 */
    const char *tls_cert_pem; /* PEM text of the certificate (chain); with tls_key_pem: TLS */
    const char *tls_key_pem;  /* PEM text of the private key */
} api_config;

typedef struct api_server api_server;

/* Validates the route table, binds, and starts the worker threads. app must outlive the
 * server. On success *out is owned by the caller (api_server_stop). */
int api_server_start(const api_config *cfg, api_app *app, api_server **out, char *err,
                     size_t errlen);

/* The port actually bound (useful with port 0). */
unsigned api_server_port(const api_server *s);

/* Stops accepting, lets requests in flight finish (up to grace_ms), then stops the
 * workers and frees the server. */
void api_server_stop(api_server *s, int grace_ms);

/* Reads the matching configuration of proposals (api/voorstellen.c) from the environment
 * once, before the server starts: IFZO_STALE_DAYS (0-3650, default 30: soft figures older
 * than this are marked stale) and IFZO_DAGBEHANDELING_NORM (30-45 minutes, default 45).
 * 0, or -1 with the reason in err. */
int api_voorstel_configure(char *err, size_t errlen);

#endif
