/*
 * router.c - matches a request to the route table by segments.
 *
 * Why segment matching without regexes: the table is small and fixed, matching is on every
 * request, and a pattern language of literal segments and {name} segments is all the API
 * needs. Values longer than a binding can hold do not match (404), they are never cut.
 */
#include "api/router.h"

#include <stdio.h>
#include <string.h>

/* Next segment of a path or pattern: [*s, end) without the leading '/'. */
static const char *next_segment(const char *p, size_t *len)
{
    if (*p != '/')
        return NULL;
    p++;
    const char *e = strchr(p, '/');
    *len = e ? (size_t)(e - p) : strlen(p);
    return p;
}

static int match_path(const char *pattern, const char *path, api_path_binding *params,
                      size_t *nparams)
{
    size_t n = 0;
    const char *pp = pattern, *sp = path;
    for (;;) {
        if (*pp == '\0' && *sp == '\0')
            break;
        size_t plen, slen;
        const char *pseg = next_segment(pp, &plen);
        const char *sseg = next_segment(sp, &slen);
        if (pseg == NULL || sseg == NULL)
            return 0;
        if (plen > 2 && pseg[0] == '{' && pseg[plen - 1] == '}') {
            if (slen == 0 || n >= API_MAX_PATH_PARAMS || slen >= sizeof(params[n].value))
                return 0;
            if (params) {
                params[n].name = pseg + 1; /* name ends at '}', copied below */
                memcpy(params[n].value, sseg, slen);
                params[n].value[slen] = '\0';
            }
            n++;
        } else if (plen != slen || memcmp(pseg, sseg, slen) != 0) {
            return 0;
        }
        pp = pseg + plen;
        sp = sseg + slen;
    }
    if (nparams)
        *nparams = n;
    return 1;
}

route_result router_match(const char *method, const char *path, size_t *index,
                          api_path_binding params[API_MAX_PATH_PARAMS], size_t *nparams,
                          char *allow, size_t allow_cap)
{
    int path_seen = 0;
    size_t alen = 0;
    if (allow_cap)
        allow[0] = '\0';
    const char *m = strcmp(method, "HEAD") == 0 ? "GET" : method;
    for (size_t i = 0; i < api_route_count; i++) {
        const api_route *rt = &api_routes[i];
        if (!match_path(rt->pattern, path, NULL, NULL))
            continue;
        if (strcmp(rt->method, m) == 0) {
            match_path(rt->pattern, path, params, nparams);
            *index = i;
            return ROUTE_FOUND;
        }
        path_seen = 1;
        int w = snprintf(allow + alen, allow_cap - alen, "%s%s%s", alen ? ", " : "", rt->method,
                         strcmp(rt->method, "GET") == 0 ? ", HEAD" : "");
        if (w > 0 && (size_t)w < allow_cap - alen)
            alen += (size_t)w;
    }
    return path_seen ? ROUTE_NO_METHOD : ROUTE_NO_PATH;
}

int router_validate(char *err, size_t errlen)
{
    static const char *methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    for (size_t i = 0; i < api_route_count; i++) {
        const api_route *rt = &api_routes[i];
        int ok = 0;
        for (size_t k = 0; k < sizeof(methods) / sizeof(methods[0]); k++)
            ok |= strcmp(rt->method, methods[k]) == 0;
        if (!ok || rt->pattern[0] != '/' || rt->handler == NULL) {
            snprintf(err, errlen, "route %s %s is malformed", rt->method, rt->pattern);
            return -1;
        }
        if (rt->access == 0) {
            snprintf(err, errlen, "route %s %s does not declare who may call it", rt->method,
                     rt->pattern);
            return -1;
        }
        for (size_t j = 0; j < i; j++) {
            if (strcmp(api_routes[j].method, rt->method) == 0 &&
                strcmp(api_routes[j].pattern, rt->pattern) == 0) {
                snprintf(err, errlen, "route %s %s is declared twice", rt->method, rt->pattern);
                return -1;
            }
        }
    }
    return 0;
}
