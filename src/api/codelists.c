/*
 * codelists.c - GET /api/codelists and /api/codelists/{name}: every code list of
 * data/codelists (core/codelist.h) with code, label and typed attributes, so that the front
 * end and provider software use the same codes and the exact Dutch labels.
 */
#include "api/handlers.h"
#include "core/codelist.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* One attribute value in its JSON type: bool, integer, string or null when empty. */
static json_t *attr_json(const codelist_attr *a, const char *v)
{
    if (a->type == CODELIST_ATTR_BOOL)
        return json_boolean(strcmp(v, "1") == 0);
    if (v[0] == '\0')
        return json_null();
    if (a->type == CODELIST_ATTR_INT)
        return json_integer(strtoll(v, NULL, 10));
    return json_string(v);
}

static const char *type_name(const codelist_attr *a)
{
    switch (a->type) {
    case CODELIST_ATTR_BOOL:
        return "bool";
    case CODELIST_ATTR_INT:
        return "int";
    case CODELIST_ATTR_REF:
        return "ref";
    case CODELIST_ATTR_ENUM:
        return "enum";
    default:
        return "string";
    }
}

static json_t *render_list(const codelist *l)
{
    json_t *attrs = json_array();
    for (size_t i = 0; i < l->attr_count; i++) {
        const codelist_attr *a = &l->attrs[i];
        json_t *o = json_pack("{s:s,s:s}", "name", a->name, "type", type_name(a));
        if (a->ref_list)
            json_object_set_new(o, "ref_list", json_string(a->ref_list));
        if (a->enum_values) {
            json_t *ev = json_array();
            for (size_t k = 0; k < a->enum_count; k++)
                json_array_append_new(ev, json_string(a->enum_values[k]));
            json_object_set_new(o, "values", ev);
        }
        json_array_append_new(attrs, o);
    }
    json_t *entries = json_array();
    for (size_t e = 0; e < l->count; e++) {
        const codelist_entry *en = &l->entries[e];
        json_t *o = json_pack("{s:s,s:s}", "code", en->code, "label", en->label);
        for (size_t i = 0; i < l->attr_count; i++)
            json_object_set_new(o, l->attrs[i].name, attr_json(&l->attrs[i], en->values[i]));
        json_array_append_new(entries, o);
    }
    return json_pack("{s:s,s:s,s:s,s:o,s:o}", "name", l->name, "title", l->title, "source",
                     l->source, "attributes", attrs, "entries", entries);
}

/* The answer of GET /api/codelists, rendered once: the lists are compiled in, so the text
 * never changes while the process runs, and 17 screens ask for it on their first load
 * (~22 KB of JSON built and dumped per request before). Kept for the process's lifetime. */
static char *all_text;
static size_t all_len;
static pthread_once_t all_once = PTHREAD_ONCE_INIT;

static void render_all(void)
{
    json_t *a = json_array();
    for (size_t i = 0; i < codelist_count(); i++)
        json_array_append_new(a, render_list(codelist_at(i)));
    json_t *doc = json_pack("{s:o}", "items", a);
    /* The flags of api_json, so the text is the one it would send. */
    all_text =
        doc ? json_dumps(doc, JSON_COMPACT | JSON_ENSURE_ASCII | JSON_REAL_PRECISION(10)) : NULL;
    all_len = all_text ? strlen(all_text) : 0;
    json_decref(doc);
}

void h_codelist_all(api_request *r)
{
    pthread_once(&all_once, render_all);
    if (all_text == NULL) {
        api_error(r, 500, "internal", "Interne fout.", NULL);
        return;
    }
    api_static(r, 200, "application/json", all_text, all_len);
    api_add_header(r, "Cache-Control", "public, max-age=3600");
}

void h_codelist_get(api_request *r)
{
    const codelist *l = codelist_find(api_path_param(r, "name"));
    if (l == NULL) {
        api_error(r, 404, "not_found", "Deze codelijst bestaat niet.", NULL);
        return;
    }
    api_json(r, 200, render_list(l));
    api_add_header(r, "Cache-Control", "public, max-age=3600");
}
