/*
 * static.h - the web front end's files (web/), served by `ifzo serve` next to the API.
 *
 * Why its own module: serving files from disk is where path tricks (.., encoded NUL,
 * backslashes, symlinks out of the root) turn into reading /etc/passwd. Keeping it apart
 * from the router keeps the API's route table (and the OpenAPI contract built on it) free
 * of files, and keeps the path rules in one place that one test suite attacks.
 *
 * The rules: only GET and HEAD, only paths outside /api/, /healthz and /metrics; every
 * path segment is opened with openat(O_NOFOLLOW) from the root's directory descriptor, so
 * no symlink is ever followed and nothing outside the root can be reached; segments that
 * start with '.' (.., ., dotfiles) and backslashes are refused. A path whose last segment
 * has no '.' and names no file is a screen of the single-page front end: it gets
 * /index.html. Answers carry an ETag (If-None-Match gives 304), Cache-Control: no-cache,
 * and the Content-Security-Policy of the front end.
 *
 * Compression: a file "x" with a regular file "x.gz" beside it that is at least as new is
 * answered with that one (Content-Encoding: gzip, an ETag of its own) when the request's
 * Accept-Encoding admits gzip; every file answer says Vary: Accept-Encoding. The server
 * never compresses itself: the .gz files are made once (scripts/vendor.mjs), not per
 * request, and a stale one (older than its file) is ignored.
 */
#ifndef IFZO_API_STATIC_H
#define IFZO_API_STATIC_H

#include <stdbool.h>
#include <stddef.h>

#include "api/http.h"

typedef struct static_root static_root;

/* Opens dir (followed if it is itself a symlink: that is the operator's choice) as the web
 * root. On success *out is owned by the caller (static_root_close) and 0 is returned; on
 * failure -1 with the reason in err. */
int static_root_open(const char *dir, static_root **out, char *err, size_t errlen);
void static_root_close(static_root *root);

/* Whether a request that matched no API route is one for the static files: GET or HEAD on
 * a path outside /api/, /healthz and /metrics. */
bool static_handles(const char *method, const char *path);

/* Answers r from the root (200, 304, 400 or 404). The root is only read; one root may
 * serve every worker thread at once. */
void static_serve(const static_root *root, api_request *r);

#endif
