/*
 * fields.c - see fields.h.
 */
#include "api/fields.h"
#include "core/geo.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

json_t *fld_body(api_request *r)
{
    json_t *b = api_body(r);
    if (b == NULL || !json_is_object(b)) {
        api_error(r, 400, "body_required", "Stuur een JSON-object.", NULL);
        return NULL;
    }
    return b;
}

static json_t *member(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return v == NULL || json_is_null(v) ? NULL : v;
}

static bool missing(api_request *r, const char *key)
{
    api_error(r, 400, "required", "Vul dit veld in.", key);
    return false;
}

static bool bad_type(api_request *r, const char *key, const char *msg)
{
    api_error(r, 400, "invalid_type", msg, key);
    return false;
}

bool fld_text(api_request *r, json_t *o, const char *key, bool required, char *buf, size_t cap)
{
    json_t *v = member(o, key);
    if (v == NULL) {
        if (required)
            return missing(r, key);
        buf[0] = '\0';
        return true;
    }
    if (!json_is_string(v))
        return bad_type(r, key, "Dit veld moet tekst zijn.");
    size_t n = json_string_length(v);
    if (n >= cap) {
        api_error(r, 400, "too_long", "Deze tekst is te lang.", key);
        return false;
    }
    memcpy(buf, json_string_value(v), n + 1);
    return true;
}

bool fld_int(api_request *r, json_t *o, const char *key, bool required, int64_t min, int64_t max,
             int64_t *out)
{
    json_t *v = member(o, key);
    if (v == NULL)
        return required ? missing(r, key) : true;
    if (!json_is_integer(v))
        return bad_type(r, key, "Dit veld moet een geheel getal zijn.");
    json_int_t n = json_integer_value(v);
    if (n < min || n > max) {
        api_error(r, 400, "out_of_range", "Dit getal valt buiten het toegestane bereik.", key);
        return false;
    }
    *out = n;
    return true;
}

bool fld_intv(api_request *r, json_t *o, const char *key, bool required, int min, int max, int *out)
{
    int64_t v = *out;
    if (!fld_int(r, o, key, required, min, max, &v))
        return false;
    *out = (int)v;
    return true;
}

bool fld_bool(api_request *r, json_t *o, const char *key, bool required, bool *out)
{
    json_t *v = member(o, key);
    if (v == NULL)
        return required ? missing(r, key) : true;
    if (!json_is_boolean(v))
        return bad_type(r, key, "Dit veld moet true of false zijn.");
    *out = json_is_true(v);
    return true;
}

bool fld_real(api_request *r, json_t *o, const char *key, bool required, double *out)
{
    json_t *v = member(o, key);
    if (v == NULL)
        return required ? missing(r, key) : true;
    if (!json_is_number(v))
        return bad_type(r, key, "Dit veld moet een getal zijn.");
    *out = json_number_value(v);
    return true;
}

bool fld_date(api_request *r, json_t *o, const char *key, bool required, ifzo_date *out)
{
    json_t *v = member(o, key);
    if (v == NULL) {
        if (required)
            return missing(r, key);
        *out = IFZO_NO_DATE;
        return true;
    }
    if (!json_is_string(v))
        return bad_type(r, key, "Een datum is tekst: JJJJ-MM-DD.");
    if (ifzo_date_parse_n(json_string_value(v), json_string_length(v), out) != IFZO_CAL_OK) {
        api_error(r, 400, "invalid_date", "Ongeldige datum; gebruik JJJJ-MM-DD.", key);
        return false;
    }
    return true;
}

bool fld_criteria(api_request *r, json_t *o, bool sets, ifzo_criteria *out)
{
    memset(out, 0, sizeof *out);
    json_t *c = member(o, "criteria");
    if (c == NULL)
        return true;
    if (!json_is_object(c))
        return bad_type(r, "criteria", "De criteria zijn een JSON-object.");
    const char *name;
    json_t *v;
    char field[96];
    json_object_foreach(c, name, v)
    {
        ifzo_crit k;
        snprintf(field, sizeof field, "criteria.%s", name);
        if (!ifzo_crit_from_name(name, &k)) {
            api_error(r, 400, "unknown_criterion", "Onbekend criterium.", field);
            return false;
        }
        if (json_is_null(v))
            continue;
        if (!sets) {
            if (!json_is_string(v))
                return bad_type(r, field, "Een indicatie heeft één code per criterium.");
            if (!ifzo_codeset_add(k, json_string_value(v), &out->set[k])) {
                api_error(r, 400, "unknown_code", "Onbekende code.", field);
                return false;
            }
            continue;
        }
        if (!json_is_array(v) || json_array_size(v) > 64)
            return bad_type(r, field, "Een aanbod heeft een lijst met codes per criterium.");
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e)
        {
            if (!json_is_string(e) || !ifzo_codeset_add(k, json_string_value(e), &out->set[k])) {
                api_error(r, 400, "unknown_code", "Onbekende code.", field);
                return false;
            }
        }
    }
    return true;
}

void fld_core_error(api_request *r, const core_error *e)
{
    api_error(r, 400, e->code ? e->code : "invalid", e->message ? e->message : "Ongeldig.",
              e->field);
}

ifzo_date fld_today(api_request *r)
{
    ifzo_date d;
    const char *t = api_request_app(r)->today;
    if (t != NULL && ifzo_date_parse(t, &d) == IFZO_CAL_OK)
        return d;
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    if (ifzo_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &d) != IFZO_CAL_OK)
        d = 0;
    return d;
}

json_t *fld_render_date(ifzo_date d)
{
    char buf[IFZO_DATE_BUFSIZE];
    if (d == IFZO_NO_DATE || ifzo_date_format(d, buf) != IFZO_CAL_OK)
        return json_null();
    return json_string(buf);
}

json_t *fld_render_criteria(const ifzo_criteria *c, bool sets)
{
    json_t *o = json_object();
    for (int k = 0; k < IFZO_CRIT_COUNT; k++) {
        if (c->set[k] == 0)
            continue;
        if (!sets) {
            json_object_set_new(o, ifzo_crit_name((ifzo_crit)k),
                                json_string(ifzo_codeset_first((ifzo_crit)k, c->set[k])));
            continue;
        }
        json_t *a = json_array();
        const char *code;
        for (int i = 0; (code = ifzo_codeset_nth((ifzo_crit)k, c->set[k], i)) != NULL; i++)
            json_array_append_new(a, json_string(code));
        json_object_set_new(o, ifzo_crit_name((ifzo_crit)k), a);
    }
    return o;
}

void fld_render_meta(json_t *o, const store_meta *m)
{
    json_object_set_new(o, "version", json_integer(m->version));
    json_object_set_new(o, "created_at", json_string(m->created_at));
    json_object_set_new(o, "updated_at", json_string(m->updated_at));
}

bool fld_list_query(api_request *r, const char *list, const char *const *keys, const bool *numeric,
                    int nkeys, store_list_query *q)
{
    memset(q, 0, sizeof *q);
    int64_t limit = 100, offset = 0;
    if (!api_query_int(r, "limit", 1, 1000, &limit) ||
        !api_query_int(r, "offset", 0, 1000000000, &offset))
        return false;
    q->limit = (int)limit;
    q->offset = offset;
    q->sort = api_query(r, "sort");
    if (q->sort != NULL && !store_sort_valid(list, q->sort)) {
        api_error(r, 400, "invalid_query", "Op dit veld kan niet worden gesorteerd.", "sort");
        return false;
    }
    const char *order = api_query(r, "order");
    if (order != NULL && strcmp(order, "asc") != 0 && strcmp(order, "desc") != 0) {
        api_error(r, 400, "invalid_query", "Gebruik order=asc of order=desc.", "order");
        return false;
    }
    q->desc = order != NULL && strcmp(order, "desc") == 0;
    for (int i = 0; i < nkeys && i < STORE_FILTER_MAX; i++) {
        const char *v = api_query(r, keys[i]);
        if (v == NULL)
            continue;
        if (strlen(v) > 64) {
            api_error(r, 400, "invalid_query", "Ongeldige waarde in de zoekvraag.", keys[i]);
            return false;
        }
        if (numeric && numeric[i]) {
            int64_t n = 0;
            if (!api_query_int(r, keys[i], 1, INT64_MAX, &n))
                return false;
        }
        q->filter[i] = v;
    }
    return true;
}

void fld_answer_one(api_request *r, int status, json_t *body, const char *base, int64_t id,
                    int64_t version)
{
    api_json(r, status, body);
    if (status == 201) {
        char loc[96];
        snprintf(loc, sizeof loc, "%s/%lld", base, (long long)id);
        api_add_header(r, "Location", loc);
    }
    api_set_etag(r, version);
}

void fld_list_answer(api_request *r, json_t *items, int64_t total, const store_list_query *q)
{
    api_json(r, 200,
             json_pack("{s:o,s:I,s:i,s:I}", "items", items, "total", (json_int_t)total, "limit",
                       q->limit, "offset", (json_int_t)q->offset));
}

int fld_geo(api_request *r, int pc4, fld_place *out)
{
    memset(out, 0, sizeof *out);
    store_geo_row g;
    int rc = store_geo_get(api_request_app(r)->db, pc4, &g);
    if (rc == STORE_OK) {
        out->pc4 = g.pc4;
        out->exact = true;
        out->imported = true;
        snprintf(out->gemeente, sizeof out->gemeente, "%s", g.gemeente);
        snprintf(out->arrondissement, sizeof out->arrondissement, "%s", g.arrondissement);
        out->lat = g.lat;
        out->lon = g.lon;
        return STORE_OK;
    }
    if (rc != STORE_NOT_FOUND)
        return rc;
    struct ifzo_geo_place p;
    if (ifzo_geo_resolve_pc4(pc4, &p, &out->exact) != IFZO_GEO_OK)
        return STORE_NOT_FOUND;
    out->pc4 = p.pc4;
    snprintf(out->gemeente, sizeof out->gemeente, "%s", p.gemeente);
    snprintf(out->arrondissement, sizeof out->arrondissement, "%s",
             ifzo_arr_code(p.arrondissement));
    out->lat = p.lat;
    out->lon = p.lon;
    return STORE_OK;
}

struct ifzo_travel_model api_travel_model(api_request *r)
{
    const struct ifzo_travel_model *m = api_request_app(r)->travel;
    return m ? *m : ifzo_travel_model_default();
}
