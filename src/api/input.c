/*
 * input.c - defensive readers for JSON members and query arguments (see handlers.h).
 * Every failure names the field, so a client can show the user what to fix.
 */
#include "api/handlers.h"

#include <errno.h>
#include <stdlib.h>

bool api_json_string(api_request *r, json_t *obj, const char *key, const char **out)
{
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (v == NULL || json_is_null(v))
        return true;
    if (!json_is_string(v)) {
        api_error(r, 400, "invalid_type", "Dit veld moet tekst zijn.", key);
        return false;
    }
    /* The parser runs without JSON_ALLOW_NUL, so the string has no embedded NUL. */
    *out = json_string_value(v);
    return true;
}

bool api_keyset_query(api_request *r, int64_t *after, int64_t *limit)
{
    *after = 0;
    *limit = API_KEYSET_DEFAULT;
    return api_query_int(r, "after", 0, INT64_MAX, after) &&
           api_query_int(r, "limit", 1, API_KEYSET_MAX, limit);
}

json_t *api_keyset_answer(json_t *items, size_t n, int64_t limit, int64_t last_key)
{
    json_t *out = json_pack("{s:o}", "items", items);
    if (out && n > 0 && n == (size_t)limit)
        json_object_set_new(out, "next_after", json_integer(last_key));
    return out;
}

bool api_query_int(api_request *r, const char *name, int64_t min, int64_t max, int64_t *out)
{
    const char *v = api_query(r, name);
    if (v == NULL)
        return true;
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (*v == '\0' || *end != '\0' || errno != 0 || n < min || n > max) {
        api_error(r, 400, "invalid_query", "Ongeldige waarde in de zoekvraag.", name);
        return false;
    }
    *out = n;
    return true;
}
