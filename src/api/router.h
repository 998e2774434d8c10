/*
 * router.h - the route table: method, path pattern with {params}, handler, and who may call.
 *
 * Why one table: the OpenAPI test, the metrics (by route), the 404/405 answers and the
 * access rules all read the same list, so a route cannot exist without being declared to
 * all of them. A route whose access is left 0 makes the server refuse to start.
 */
#ifndef IFZO_API_ROUTER_H
#define IFZO_API_ROUTER_H

#include <stddef.h>

#include "api/http.h"

/* Who may call a route: PUBLIC, or a set of roles (design.md). */
enum {
    API_ACCESS_PUBLIC = 1u << 0,
    API_ROLE_INDICEERDER = 1u << 1,
    API_ROLE_PLAATSER = 1u << 2,
    API_ROLE_ZORGAANBIEDER = 1u << 3,
    API_ROLE_FUNCTIONEEL_BEHEER = 1u << 4,
    API_ROLE_BELEID = 1u << 5,
};

typedef void (*api_handler)(api_request *r);

typedef struct {
    const char *method;  /* "GET", "POST", "PUT", "DELETE" */
    const char *pattern; /* "/api/organisations/{id}" */
    api_handler handler;
    unsigned access; /* API_ACCESS_PUBLIC or API_ROLE_* bits; never 0 */
    const char *summary;
} api_route;

/* The table, in routes.c; static storage. */
extern const api_route api_routes[];
extern const size_t api_route_count;

/* Routes whose body is not JSON: the dispatcher does not parse it, the handler reads it with
 * api_raw_body and checks its content type, and it may be up to max_body bytes (instead of the
 * server's limit). Every other route's body is a JSON object. In routes.c. */
typedef struct {
    api_handler handler;
    size_t max_body;
} api_raw_route;
extern const api_raw_route api_raw_routes[];
extern const size_t api_raw_route_count;

/* The raw-body limit of route index `route`, 0 when its body is JSON. */
size_t api_route_raw_body_max(size_t route);

typedef struct {
    const char *name;
    char value[256];
} api_path_binding;

typedef enum { ROUTE_FOUND, ROUTE_NO_PATH, ROUTE_NO_METHOD } route_result;

/* Matches method and path. On ROUTE_FOUND *index is the route and params holds the path
 * parameters (values copied, at most API_MAX_PATH_PARAMS). On ROUTE_NO_METHOD allow gets
 * the comma-separated methods the path does support. HEAD matches GET routes. */
route_result router_match(const char *method, const char *path, size_t *index,
                          api_path_binding params[API_MAX_PATH_PARAMS], size_t *nparams,
                          char *allow, size_t allow_cap);

/* Checks the table (access declared, patterns well-formed, no duplicates); on failure
 * writes the reason and returns -1. */
int router_validate(char *err, size_t errlen);

#endif
