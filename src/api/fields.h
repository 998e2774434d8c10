/*
 * fields.h - typed readers and writers for the JSON members of the care-offer, client and
 * indication resources (dates, codes, criteria sets, bounded text, integers, flags), and the
 * list query (limit, offset, sort, order, filters).
 *
 * Why: every resource handler needs the same checks with the same field-level 400 answers;
 * writing them once keeps the handlers to "read, check with core, store, render".
 * Every reader answers the request itself (400 with code and field) and returns false on bad
 * input; on success the output is filled. Missing optional members leave the default given.
 * Ownership: nothing returned needs freeing except the json_t * the render helpers return
 * (a new reference, handed to jansson containers with *_set_new).
 */
#ifndef IFZO_API_FIELDS_H
#define IFZO_API_FIELDS_H

#include "api/handlers.h"
#include "core/calendar.h"
#include "core/criteria.h"
#include "core/error.h"
#include "store/catalog.h"

/* The request body, or answers 400 body_required. */
json_t *fld_body(api_request *r);
/* Text member copied into buf (cap bytes). required: absent/null answers 400 "required". A
 * value that does not fit answers 400 "too_long". Absent optional gives "". */
bool fld_text(api_request *r, json_t *o, const char *key, bool required, char *buf, size_t cap);
/* Integer member in [min, max]; absent optional leaves *out. */
bool fld_int(api_request *r, json_t *o, const char *key, bool required, int64_t min, int64_t max,
             int64_t *out);
bool fld_intv(api_request *r, json_t *o, const char *key, bool required, int min, int max,
              int *out);
bool fld_bool(api_request *r, json_t *o, const char *key, bool required, bool *out);
bool fld_real(api_request *r, json_t *o, const char *key, bool required, double *out);
/* Date member "YYYY-MM-DD"; absent/null optional gives IFZO_NO_DATE. */
bool fld_date(api_request *r, json_t *o, const char *key, bool required, ifzo_date *out);
/* "criteria": {"name": ["code", …]} (sets=true, offers) or {"name": "code"} (sets=false,
 * indications). Unknown names and codes answer 400 with field "criteria.<name>". */
bool fld_criteria(api_request *r, json_t *o, bool sets, ifzo_criteria *out);
/* Answers 400 with a core error. */
void fld_core_error(api_request *r, const core_error *e);
/* Today: IFZO_TODAY or the clock (UTC). */
ifzo_date fld_today(api_request *r);

json_t *fld_render_date(ifzo_date d); /* "YYYY-MM-DD" or null */
json_t *fld_render_criteria(const ifzo_criteria *c, bool sets);
void fld_render_meta(json_t *o, const store_meta *m);

/* The list query: limit (1..1000, default 100), offset (>= 0), sort (a key of `list`),
 * order (asc|desc), and the filters named in keys[0..nkeys-1] (text, up to 64 bytes; a
 * filter in numeric[i] must be a positive integer). */
bool fld_list_query(api_request *r, const char *list, const char *const *keys, const bool *numeric,
                    int nkeys, store_list_query *q);
/* One resource answered with its ETag (the version); a 201 also gets Location "<base>/<id>".
 * Steals body. */
void fld_answer_one(api_request *r, int status, json_t *body, const char *base, int64_t id,
                    int64_t version);
/* {"items": items, "total", "limit", "offset"} answered 200. Steals items. */
void fld_list_answer(api_request *r, json_t *items, int64_t total, const store_list_query *q);

/* A PC4 area from the imported table (ifzo import geo) when it has the PC4, else from the
 * compiled-in table (with its same-PC3 fallback). STORE_OK, STORE_NOT_FOUND or a store
 * error; answers nothing. */
typedef struct {
    int pc4;       /* the PC4 actually used */
    bool exact;    /* false when the compiled-in fallback used a neighbouring PC4 */
    bool imported; /* true when the row came from the imported table */
    char gemeente[IFZO_NAME_BUF];
    char arrondissement[4];
    double lat, lon;
} fld_place;
int fld_geo(api_request *r, int pc4, fld_place *out);

/* The travel-time model of this server (IFZO_TRAVEL) or the compiled-in defaults. */
struct ifzo_travel_model api_travel_model(api_request *r);

#endif
