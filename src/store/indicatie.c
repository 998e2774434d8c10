/*
 * indicatie.c - indications and their versions (see catalog.h).
 *
 * Why separate from the generic records: a change to a definitive indication does not
 * overwrite it but adds a version (core: ifzo_indicatie_change_kind), so one update touches
 * two tables. `indicatie` holds identity, client, current version and the If-Match version;
 * `indicatie_versie` holds every version's content.
 */
#include "store/access_log_internal.h"
#include "store/catalog_internal.h"
#include "store/store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const store_indicatie_sorts[] = {"id", "aanmelddatum", NULL};

#define IND_COLS                                                                                   \
    "i.id, i.justitiabele_id, i.huidige_versie, i.version, i.created_at, i.updated_at, "           \
    "v.versie, v.status, v.indicerende_organisatie_id, v.zorgtype, v.criteria, v.zorgtitel, "      \
    "v.titel_start, v.titel_eind, v.beveiligingsniveau, v.urgentie, v.aanmelddatum, "              \
    "v.onderbouwing"
#define IND_FROM "indicatie i JOIN indicatie_versie v ON v.indicatie_id = i.id"

static void read_row(db_rows *r, store_indicatie *o)
{
    memset(o, 0, sizeof *o);
    ifzo_indicatie *v = &o->v;
    v->id = db_col_int(r, 0);
    v->justitiabele_id = db_col_int(r, 1);
    o->huidige_versie = (int)db_col_int(r, 2);
    o->m.version = db_col_int(r, 3);
    db_col_copy(r, 4, o->m.created_at, sizeof o->m.created_at);
    db_col_copy(r, 5, o->m.updated_at, sizeof o->m.updated_at);
    v->versie = (int)db_col_int(r, 6);
    if (!ifzo_indicatie_status_from_name(db_col_text(r, 7), &v->status))
        v->status = IFZO_IND_CONCEPT;
    v->indicerende_organisatie_id = db_col_null(r, 8) ? 0 : db_col_int(r, 8);
    db_col_copy(r, 9, v->zorgtype, sizeof v->zorgtype);
    store_col_criteria(r, 10, &v->criteria);
    db_col_copy(r, 11, v->zorgtitel, sizeof v->zorgtitel);
    v->titel_start = store_col_date(r, 12);
    v->titel_eind = store_col_date(r, 13);
    db_col_copy(r, 14, v->beveiligingsniveau, sizeof v->beveiligingsniveau);
    db_col_copy(r, 15, v->urgentie, sizeof v->urgentie);
    v->aanmelddatum = store_col_date(r, 16);
    db_col_copy(r, 17, v->onderbouwing, sizeof v->onderbouwing);
}

static int fetch(db_conn *c, store_scope sc, int64_t id, int versie, store_indicatie *out)
{
    db_param p[] = {dbp_int(id), dbp_int(versie), dbp_int((int64_t)sc.kind),
                    dbp_int(sc.organisation_id)};
    db_rows *r;
    int rc = db_query(
        c,
        "SELECT " IND_COLS " FROM " IND_FROM " WHERE i.id = $1 AND v.versie = "
        "CASE WHEN $2 = 0 THEN i.huidige_versie ELSE $2 END AND " STORE_IND_VISIBLE("$3", "$4"),
        p, 4, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1)
        read_row(r, out);
    db_rows_free(r);
    return step == 1 ? STORE_OK : step == 0 ? STORE_NOT_FOUND : -step;
}

/* Inserts one indicatie_versie row with in's content, number versie, given status. */
static int insert_version(db_conn *c, int64_t id, int versie, ifzo_indicatie_status status,
                          const ifzo_indicatie *in, const char *now)
{
    store_bindbuf b;
    memset(b.date, 0, sizeof b.date);
    if (!ifzo_criteria_format(&in->criteria, b.text, sizeof b.text))
        return STORE_INVALID;
    db_param p[] = {dbp_int(id),
                    dbp_int(versie),
                    dbp_text(ifzo_indicatie_status_name(status)),
                    in->indicerende_organisatie_id > 0 ? dbp_int(in->indicerende_organisatie_id)
                                                       : dbp_null(),
                    dbp_text(in->zorgtype),
                    dbp_text(b.text),
                    dbp_text(in->zorgtitel),
                    store_date_param(in->titel_start, b.date[0]),
                    store_date_param(in->titel_eind, b.date[1]),
                    dbp_text(in->beveiligingsniveau),
                    dbp_text(in->urgentie),
                    store_date_param(in->aanmelddatum, b.date[2]),
                    dbp_text(in->onderbouwing),
                    dbp_text(now)};
    return db_exec(c,
                   "INSERT INTO indicatie_versie (indicatie_id, versie, status, "
                   "indicerende_organisatie_id, zorgtype, criteria, zorgtitel, titel_start, "
                   "titel_eind, beveiligingsniveau, urgentie, aanmelddatum, onderbouwing, "
                   "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                   "$11, $12, $13, $14, $14)",
                   p, 14, NULL);
}

static int insert_new(db_conn *c, const ifzo_indicatie *in, int64_t *id)
{
    if (in->status == IFZO_IND_VERVANGEN)
        return STORE_INVALID;
    char now[32];
    store_now_utc(now, sizeof now);
    db_param p[] = {dbp_int(in->justitiabele_id), dbp_text(ifzo_indicatie_status_name(in->status)),
                    dbp_text(in->zorgtype), dbp_text(now)};
    int rc = store_query_int(c,
                             "INSERT INTO indicatie (justitiabele_id, huidige_versie, status, "
                             "zorgtype, version, created_at, updated_at) VALUES ($1, 1, $2, $3, "
                             "1, $4, $4) RETURNING id",
                             p, 4, id);
    if (rc != STORE_OK)
        return rc;
    return insert_version(c, *id, 1, in->status, in, now);
}

/* The indication as the scope writes it: under STORE_SCOPE_INDICATING the indicating
 * organisation is the scope's own, whatever the input said (decisions.md §31). */
static ifzo_indicatie scoped_input(store_scope sc, const ifzo_indicatie *in)
{
    ifzo_indicatie v = *in;
    if (sc.kind == STORE_SCOPE_INDICATING)
        v.indicerende_organisatie_id = sc.organisation_id;
    return v;
}

/* The change of catalog.h: decided here from the current status, inside the transaction.
 * An indication outside the scope is STORE_NOT_FOUND. *client receives its client. */
static int apply_change(db_conn *c, store_scope sc, const ifzo_indicatie *given, int64_t version,
                        int64_t *client)
{
    ifzo_indicatie scoped = scoped_input(sc, given);
    const ifzo_indicatie *in = &scoped;
    db_param pk[] = {dbp_int(in->id), dbp_int((int64_t)sc.kind), dbp_int(sc.organisation_id)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT i.version, i.huidige_versie, i.status, i.justitiabele_id FROM "
                      "indicatie i WHERE i.id = $1 AND " STORE_IND_VISIBLE("$2", "$3"),
                      pk, 3, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    int64_t cur_version = 0;
    int cur = 0;
    ifzo_indicatie_status status = IFZO_IND_CONCEPT;
    if (step == 1) {
        cur_version = db_col_int(r, 0);
        cur = (int)db_col_int(r, 1);
        if (!ifzo_indicatie_status_from_name(db_col_text(r, 2), &status))
            status = IFZO_IND_VERVANGEN;
        *client = db_col_int(r, 3);
    }
    db_rows_free(r);
    if (step != 1)
        return step == 0 ? STORE_NOT_FOUND : -step;
    if (cur_version != version)
        return STORE_CONFLICT;

    ifzo_indicatie_change kind = ifzo_indicatie_change_kind(status, NULL);
    if (kind == IFZO_CHANGE_REFUSED || in->status == IFZO_IND_VERVANGEN)
        return STORE_INVALID;
    ifzo_indicatie_status new_status =
        kind == IFZO_CHANGE_NEW_VERSION ? IFZO_IND_DEFINITIEF : in->status;
    int next = kind == IFZO_CHANGE_NEW_VERSION ? cur + 1 : cur;
    char now[32];
    store_now_utc(now, sizeof now);
    db_param pu[] = {dbp_int(next),          dbp_text(ifzo_indicatie_status_name(new_status)),
                     dbp_text(in->zorgtype), dbp_text(now),
                     dbp_int(in->id),        dbp_int(version)};
    int64_t changed = 0;
    rc = db_exec(c,
                 "UPDATE indicatie SET huidige_versie = $1, status = $2, zorgtype = $3, "
                 "updated_at = $4, version = version + 1 WHERE id = $5 AND version = $6",
                 pu, 6, &changed);
    if (rc != STORE_OK)
        return rc;
    if (changed == 0)
        return STORE_CONFLICT;
    if (kind == IFZO_CHANGE_NEW_VERSION) {
        db_param pv[] = {dbp_text(now), dbp_int(in->id), dbp_int(cur)};
        rc = db_exec(c,
                     "UPDATE indicatie_versie SET status = 'vervangen', updated_at = $1 "
                     "WHERE indicatie_id = $2 AND versie = $3",
                     pv, 3, NULL);
        if (rc != STORE_OK)
            return rc;
        return insert_version(c, in->id, next, new_status, in, now);
    }
    db_param pd[] = {dbp_int(in->id), dbp_int(cur)};
    rc = db_exec(c, "DELETE FROM indicatie_versie WHERE indicatie_id = $1 AND versie = $2", pd, 2,
                 NULL);
    if (rc != STORE_OK)
        return rc;
    return insert_version(c, in->id, cur, new_status, in, now);
}

typedef struct {
    const ifzo_indicatie *in;
    int64_t id;
    int versie;
    int64_t version;
    store_indicatie *out;
    store_scope sc;
    store_access_entry *audit;
} ind_ctx;

/* The write's access-log entry, in its transaction. */
static int audit_write(db_conn *c, store_access_entry *audit, int64_t client, int64_t id)
{
    audit->client_id = client;
    audit->object_id = id;
    /* A write whose access cannot be recorded is not done: the service is unavailable. */
    int rc = store_access_log_append_in(c, audit);
    return rc == STORE_OK || rc == STORE_BUSY ? rc : STORE_UNAVAILABLE;
}

static int create_tx(db_conn *c, void *vctx)
{
    ind_ctx *x = vctx;
    /* The client must be one the scope may see: otherwise it "does not exist". */
    int rc = store_scope_check(
        c, "SELECT COUNT(*) FROM justitiabele WHERE id = $1 AND " STORE_CLIENT_VISIBLE("$2", "$3"),
        dbp_int(x->in->justitiabele_id), x->sc);
    if (rc != STORE_OK)
        return rc == STORE_NOT_FOUND ? STORE_INVALID : rc;
    ifzo_indicatie in = scoped_input(x->sc, x->in);
    rc = insert_new(c, &in, &x->id);
    if (rc == STORE_OK)
        rc = audit_write(c, x->audit, in.justitiabele_id, x->id);
    return rc != STORE_OK ? rc : fetch(c, x->sc, x->id, 0, x->out);
}

int store_indicatie_create(store *s, store_scope sc, const ifzo_indicatie *in,
                           store_access_entry *audit, store_indicatie *out)
{
    if (audit == NULL)
        return STORE_INVALID;
    ind_ctx x = {.in = in, .out = out, .sc = sc, .audit = audit};
    return store_tx(s, true, create_tx, &x);
}

static int get_tx(db_conn *c, void *vctx)
{
    ind_ctx *x = vctx;
    return fetch(c, x->sc, x->id, x->versie, x->out);
}

int store_indicatie_get(store *s, store_scope sc, int64_t id, int versie, store_indicatie *out)
{
    ind_ctx x = {.id = id, .versie = versie, .out = out, .sc = sc};
    return store_tx(s, false, get_tx, &x);
}

static int update_tx(db_conn *c, void *vctx)
{
    ind_ctx *x = vctx;
    int64_t client = 0;
    int rc = apply_change(c, x->sc, x->in, x->version, &client);
    if (rc == STORE_CONFLICT || rc == STORE_INVALID) {
        /* Give the caller the current state, as the other records do. */
        int rc2 = fetch(c, x->sc, x->in->id, 0, x->out);
        return rc2 == STORE_OK ? rc : rc2;
    }
    if (rc == STORE_OK)
        rc = audit_write(c, x->audit, client, x->in->id);
    return rc != STORE_OK ? rc : fetch(c, x->sc, x->in->id, 0, x->out);
}

int store_indicatie_update(store *s, store_scope sc, const ifzo_indicatie *in, int64_t version,
                           store_access_entry *audit, store_indicatie *out)
{
    if (audit == NULL)
        return STORE_INVALID;
    ind_ctx x = {.in = in, .version = version, .out = out, .sc = sc, .audit = audit};
    return store_tx(s, true, update_tx, &x);
}

typedef struct {
    const store_list_query *q;
    int64_t id; /* versions of one indication when > 0 */
    store_scope sc;
    store_indicatie *items;
    size_t count, cap;
    int64_t total;
} ind_list_ctx;

static int collect(db_rows *r, ind_list_ctx *x)
{
    int step;
    while ((step = db_rows_next(r)) == 1) {
        if (!store_grow((void **)&x->items, &x->cap, x->count, sizeof *x->items)) {
            db_rows_free(r);
            return STORE_ERROR;
        }
        read_row(r, &x->items[x->count++]);
    }
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

static int list_tx(db_conn *c, void *vctx)
{
    ind_list_ctx *x = vctx;
    db_rows *r;
    db_param scope[] = {dbp_int((int64_t)x->sc.kind), dbp_int(x->sc.organisation_id)};
    int rc = store_list_run(c, x->q, IND_COLS, IND_FROM,
                            "v.versie = i.huidige_versie AND "
                            "(CAST($1 AS TEXT) IS NULL OR i.justitiabele_id = CAST($1 AS BIGINT)) "
                            "AND (CAST($2 AS TEXT) IS NULL OR i.status = $2) "
                            "AND (CAST($3 AS TEXT) IS NULL OR i.zorgtype = $3) "
                            "AND " STORE_IND_VISIBLE("$4", "$5"),
                            3, scope, 2, store_indicatie_sorts, &x->total, &r);
    return rc != STORE_OK ? rc : collect(r, x);
}

int store_indicatie_list(store *s, store_scope sc, const store_list_query *q,
                         store_indicatie **items, size_t *count, int64_t *total)
{
    ind_list_ctx x = {.q = q, .sc = sc};
    *items = NULL;
    *count = 0;
    if (q == NULL)
        return STORE_INVALID;
    int rc = store_tx(s, false, list_tx, &x);
    if (rc != STORE_OK) {
        free(x.items);
        return rc;
    }
    *items = x.items;
    *count = x.count;
    if (total)
        *total = x.total;
    return STORE_OK;
}

static int versions_tx(db_conn *c, void *vctx)
{
    ind_list_ctx *x = vctx;
    db_param p[] = {dbp_int(x->id), dbp_int((int64_t)x->sc.kind), dbp_int(x->sc.organisation_id)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT " IND_COLS " FROM " IND_FROM
                      " WHERE i.id = $1 AND " STORE_IND_VISIBLE("$2", "$3") " ORDER BY v.versie",
                      p, 3, &r);
    if (rc != STORE_OK)
        return rc;
    rc = collect(r, x);
    if (rc == STORE_OK && x->count == 0)
        return STORE_NOT_FOUND;
    return rc;
}

int store_indicatie_versions(store *s, store_scope sc, int64_t id, store_indicatie **items,
                             size_t *count)
{
    ind_list_ctx x = {.id = id, .sc = sc};
    *items = NULL;
    *count = 0;
    int rc = store_tx(s, false, versions_tx, &x);
    if (rc != STORE_OK) {
        free(x.items);
        return rc;
    }
    *items = x.items;
    *count = x.count;
    return STORE_OK;
}

int store_bulk_indicatie(store_bulk *b, const ifzo_indicatie *in, int64_t *id)
{
    int64_t tmp;
    return insert_new(store_bulk_conn(b), in, id ? id : &tmp);
}

int store_bulk_indicatie_change(store_bulk *b, const ifzo_indicatie *in, int64_t version)
{
    int64_t client;
    return apply_change(store_bulk_conn(b), STORE_SCOPE_EVERYTHING, in, version, &client);
}
