/*
 * catalog.c - rows of the care offer and of the clients (see catalog.h).
 *
 * Why one generic engine: five record kinds have the same life (create, read, version-checked
 * update, filtered and paged list). Each is described once by an `entity` (its SQL, written
 * out here as constant text, and how to bind and read its columns); the functions below run
 * any entity, one transaction per call, like organisation.c. The indication, whose update
 * may create a new version, is in indicatie.c.
 */
#include "store/access_log_internal.h"
#include "store/catalog_internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- column helpers ---------------------------------------------------------------- */

db_param store_date_param(ifzo_date d, char buf[IFZO_DATE_BUFSIZE])
{
    if (d == IFZO_NO_DATE || ifzo_date_format(d, buf) != IFZO_CAL_OK)
        return dbp_null();
    return dbp_text(buf);
}

ifzo_date store_col_date(db_rows *r, int col)
{
    ifzo_date d;
    if (db_col_null(r, col) || ifzo_date_parse(db_col_text(r, col), &d) != IFZO_CAL_OK)
        return IFZO_NO_DATE;
    return d;
}

void store_col_criteria(db_rows *r, int col, ifzo_criteria *out)
{
    /* Stored text was formatted by core; a code removed from a list since is dropped. */
    if (!ifzo_criteria_parse(db_col_text(r, col), out, NULL))
        memset(out, 0, sizeof *out);
}

static void read_meta(db_rows *r, int col, store_meta *m)
{
    m->version = db_col_int(r, col);
    db_col_copy(r, col + 1, m->created_at, sizeof m->created_at);
    db_col_copy(r, col + 2, m->updated_at, sizeof m->updated_at);
}

int store_bump_catalog(db_conn *c)
{
    return db_exec(c, "UPDATE catalog SET version = version + 1 WHERE id = 1", NULL, 0, NULL);
}

/* ---- the entities ------------------------------------------------------------------- */

static int bind_zorgaanbieder(const void *obj, db_param *p, store_bindbuf *b)
{
    (void)b;
    const ifzo_zorgaanbieder *v = obj;
    p[0] = dbp_text(v->naam);
    p[1] = dbp_text(v->agb);
    p[2] = dbp_int(v->toelating);
    p[3] = v->organisation_id > 0 ? dbp_int(v->organisation_id) : dbp_null();
    return 4;
}

static void read_zorgaanbieder(db_rows *r, void *obj)
{
    ifzo_zorgaanbieder *v = obj;
    v->id = db_col_int(r, 0);
    db_col_copy(r, 1, v->naam, sizeof v->naam);
    db_col_copy(r, 2, v->agb, sizeof v->agb);
    v->toelating = db_col_int(r, 3) != 0;
    v->organisation_id = db_col_null(r, 4) ? 0 : db_col_int(r, 4);
}

static const char *const sorts_zorgaanbieder[] = {"id", "naam", NULL};

static const entity E_ZORGAANBIEDER = {
    .name = "zorgaanbieder",
    .table = "zorgaanbieder",
    .cols = "id, naam, agb, toelating, organisation_id",
    .ncols = 5,
    .insert_sql = "INSERT INTO zorgaanbieder (naam, agb, toelating, organisation_id, version, "
                  "created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id",
    .update_sql =
        "UPDATE zorgaanbieder SET naam = $1, agb = $2, toelating = $3, organisation_id = $4, "
        "updated_at = $5, version = version + 1 WHERE id = $6 AND version = $7",
    .n = 4,
    .k = 0,
    .catalog = true,
    .bind = bind_zorgaanbieder,
    .read = read_zorgaanbieder,
    .where = "(CAST($1 AS TEXT) IS NULL OR agb = $1) AND "
             "(CAST($2 AS TEXT) IS NULL OR toelating = CAST($2 AS INTEGER)) AND "
             "(CAST($3 AS TEXT) IS NULL OR organisation_id = CAST($3 AS BIGINT))",
    .nfilter = 3,
    .sorts = sorts_zorgaanbieder,
    .meta_offset = offsetof(store_zorgaanbieder, m),
    .size = sizeof(store_zorgaanbieder),
    .vsize = sizeof(ifzo_zorgaanbieder),
};

static int bind_contract(const void *obj, db_param *p, store_bindbuf *b)
{
    const ifzo_contract *v = obj;
    p[0] = dbp_int(v->zorgaanbieder_id);
    p[1] = dbp_text(v->zorgtype);
    p[2] = store_date_param(v->geldig_van, b->date[0]);
    p[3] = store_date_param(v->geldig_tot, b->date[1]);
    return 4;
}

static void read_contract(db_rows *r, void *obj)
{
    ifzo_contract *v = obj;
    v->id = db_col_int(r, 0);
    v->zorgaanbieder_id = db_col_int(r, 1);
    db_col_copy(r, 2, v->zorgtype, sizeof v->zorgtype);
    v->geldig_van = store_col_date(r, 3);
    v->geldig_tot = store_col_date(r, 4);
}

static const char *const sorts_contract[] = {"id", "geldig_van", NULL};

static const entity E_CONTRACT = {
    .name = "contract",
    .table = "contract",
    .cols = "id, zorgaanbieder_id, zorgtype, geldig_van, geldig_tot",
    .ncols = 5,
    .insert_sql = "INSERT INTO contract (zorgaanbieder_id, zorgtype, geldig_van, geldig_tot, "
                  "version, created_at, updated_at) VALUES ($1, $2, $3, $4, 1, $5, $5) "
                  "RETURNING id",
    .update_sql = "UPDATE contract SET zorgtype = $1, geldig_van = $2, geldig_tot = $3, "
                  "updated_at = $4, version = version + 1 WHERE id = $5 AND version = $6",
    .n = 4,
    .k = 1,
    .catalog = true,
    .bind = bind_contract,
    .read = read_contract,
    .where = "(CAST($1 AS TEXT) IS NULL OR zorgaanbieder_id = CAST($1 AS BIGINT)) AND "
             "(CAST($2 AS TEXT) IS NULL OR zorgtype = $2)",
    .nfilter = 2,
    .sorts = sorts_contract,
    .meta_offset = offsetof(store_contract, m),
    .size = sizeof(store_contract),
    .vsize = sizeof(ifzo_contract),
};

static int bind_zorglocatie(const void *obj, db_param *p, store_bindbuf *b)
{
    (void)b;
    const ifzo_zorglocatie *v = obj;
    p[0] = dbp_int(v->zorgaanbieder_id);
    p[1] = dbp_text(v->naam);
    p[2] = dbp_text(v->agb);
    p[3] = dbp_text(v->adres);
    p[4] = dbp_text(v->postcode);
    p[5] = dbp_text(v->plaats);
    p[6] = dbp_text(v->arrondissement);
    p[7] = dbp_real(v->lat);
    p[8] = dbp_real(v->lon);
    p[9] = dbp_text(v->beveiligingsniveau);
    p[10] = dbp_int(v->landelijke_functie);
    return 11;
}

static void read_zorglocatie(db_rows *r, void *obj)
{
    ifzo_zorglocatie *v = obj;
    v->id = db_col_int(r, 0);
    v->zorgaanbieder_id = db_col_int(r, 1);
    db_col_copy(r, 2, v->naam, sizeof v->naam);
    db_col_copy(r, 3, v->agb, sizeof v->agb);
    db_col_copy(r, 4, v->adres, sizeof v->adres);
    db_col_copy(r, 5, v->postcode, sizeof v->postcode);
    db_col_copy(r, 6, v->plaats, sizeof v->plaats);
    db_col_copy(r, 7, v->arrondissement, sizeof v->arrondissement);
    v->lat = db_col_real(r, 8);
    v->lon = db_col_real(r, 9);
    db_col_copy(r, 10, v->beveiligingsniveau, sizeof v->beveiligingsniveau);
    v->landelijke_functie = db_col_int(r, 11) != 0;
}

static const char *const sorts_zorglocatie[] = {"id", "naam", "postcode", NULL};

static const entity E_ZORGLOCATIE = {
    .name = "zorglocatie",
    .table = "zorglocatie",
    .cols = "id, zorgaanbieder_id, naam, agb, adres, postcode, plaats, arrondissement, lat, lon, "
            "beveiligingsniveau, landelijke_functie",
    .ncols = 12,
    .insert_sql = "INSERT INTO zorglocatie (zorgaanbieder_id, naam, agb, adres, postcode, plaats, "
                  "arrondissement, lat, lon, beveiligingsniveau, landelijke_functie, version, "
                  "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                  "1, $12, $12) RETURNING id",
    .update_sql = "UPDATE zorglocatie SET naam = $1, agb = $2, adres = $3, postcode = $4, "
                  "plaats = $5, arrondissement = $6, lat = $7, lon = $8, "
                  "beveiligingsniveau = $9, landelijke_functie = $10, updated_at = $11, "
                  "version = version + 1 WHERE id = $12 AND version = $13",
    .n = 11,
    .k = 1,
    .catalog = true,
    .bind = bind_zorglocatie,
    .read = read_zorglocatie,
    .where = "(CAST($1 AS TEXT) IS NULL OR zorgaanbieder_id = CAST($1 AS BIGINT)) AND "
             "(CAST($2 AS TEXT) IS NULL OR arrondissement = $2) AND "
             "(CAST($3 AS TEXT) IS NULL OR beveiligingsniveau = $3)",
    .nfilter = 3,
    .sorts = sorts_zorglocatie,
    .meta_offset = offsetof(store_zorglocatie, m),
    .size = sizeof(store_zorglocatie),
    .vsize = sizeof(ifzo_zorglocatie),
    .row_scope_sql = "SELECT COUNT(*) FROM zorglocatie WHERE id = $1 AND zorgaanbieder_id "
                     "IN " STORE_PROVIDERS_OWNED("$2", "$3"),
    .parent_scope_sql = "SELECT COUNT(*) FROM zorgaanbieder WHERE id = CAST($1 AS BIGINT) AND "
                        "id IN " STORE_PROVIDERS_OWNED("$2", "$3"),
};

static int bind_zorgaanbod(const void *obj, db_param *p, store_bindbuf *b)
{
    const ifzo_zorgaanbod *v = obj;
    if (!ifzo_criteria_format(&v->criteria, b->text, sizeof b->text))
        return -1;
    p[0] = dbp_int(v->zorglocatie_id);
    p[1] = dbp_text(v->zorgtype);
    p[2] = dbp_text(b->text);
    p[3] = dbp_int(v->leeftijd_min);
    p[4] = dbp_int(v->leeftijd_max);
    p[5] = dbp_int(v->capaciteit);
    p[6] = dbp_int(v->bezet);
    p[7] = dbp_int(v->wachtlijst);
    p[8] = dbp_int(v->wachttijd_dagen);
    p[9] = dbp_int(v->opnamestop);
    p[10] = store_date_param(v->opnamestop_van, b->date[0]);
    p[11] = store_date_param(v->opnamestop_tot, b->date[1]);
    p[12] = store_date_param(v->bijgewerkt_op, b->date[2]);
    return 13;
}

static void read_zorgaanbod(db_rows *r, void *obj)
{
    ifzo_zorgaanbod *v = obj;
    v->id = db_col_int(r, 0);
    v->zorglocatie_id = db_col_int(r, 1);
    db_col_copy(r, 2, v->zorgtype, sizeof v->zorgtype);
    store_col_criteria(r, 3, &v->criteria);
    v->leeftijd_min = (int)db_col_int(r, 4);
    v->leeftijd_max = (int)db_col_int(r, 5);
    v->capaciteit = (int)db_col_int(r, 6);
    v->bezet = (int)db_col_int(r, 7);
    v->wachtlijst = (int)db_col_int(r, 8);
    v->wachttijd_dagen = (int)db_col_int(r, 9);
    v->opnamestop = db_col_int(r, 10) != 0;
    v->opnamestop_van = store_col_date(r, 11);
    v->opnamestop_tot = store_col_date(r, 12);
    v->bijgewerkt_op = store_col_date(r, 13);
}

static const char *const sorts_zorgaanbod[] = {"id", "wachttijd_dagen", NULL};

static const entity E_ZORGAANBOD = {
    .name = "zorgaanbod",
    .table = "zorgaanbod",
    .cols = "id, zorglocatie_id, zorgtype, criteria, leeftijd_min, leeftijd_max, capaciteit, "
            "bezet, wachtlijst, wachttijd_dagen, opnamestop, opnamestop_van, opnamestop_tot, "
            "bijgewerkt_op",
    .ncols = 14,
    .insert_sql = "INSERT INTO zorgaanbod (zorglocatie_id, zorgtype, criteria, leeftijd_min, "
                  "leeftijd_max, capaciteit, bezet, wachtlijst, wachttijd_dagen, opnamestop, "
                  "opnamestop_van, opnamestop_tot, bijgewerkt_op, version, created_at, "
                  "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                  "1, $14, $14) RETURNING id",
    .update_sql = "UPDATE zorgaanbod SET criteria = $1, leeftijd_min = $2, leeftijd_max = $3, "
                  "capaciteit = $4, bezet = $5, wachtlijst = $6, wachttijd_dagen = $7, "
                  "opnamestop = $8, opnamestop_van = $9, opnamestop_tot = $10, "
                  "bijgewerkt_op = $11, updated_at = $12, version = version + 1 "
                  "WHERE id = $13 AND version = $14",
    .n = 13,
    .k = 2,
    .catalog = true,
    .bind = bind_zorgaanbod,
    .read = read_zorgaanbod,
    .where = "(CAST($1 AS TEXT) IS NULL OR zorglocatie_id = CAST($1 AS BIGINT)) AND "
             "(CAST($2 AS TEXT) IS NULL OR zorgtype = $2)",
    .nfilter = 2,
    .sorts = sorts_zorgaanbod,
    .meta_offset = offsetof(store_zorgaanbod, m),
    .size = sizeof(store_zorgaanbod),
    .vsize = sizeof(ifzo_zorgaanbod),
    .row_scope_sql =
        "SELECT COUNT(*) FROM zorgaanbod a JOIN zorglocatie l ON l.id = "
        "a.zorglocatie_id WHERE a.id = $1 AND l.zorgaanbieder_id IN " STORE_PROVIDERS_OWNED("$2",
                                                                                            "$3"),
    .parent_scope_sql = "SELECT COUNT(*) FROM zorglocatie WHERE id = CAST($1 AS BIGINT) AND "
                        "zorgaanbieder_id IN " STORE_PROVIDERS_OWNED("$2", "$3"),
};

static int bind_justitiabele(const void *obj, db_param *p, store_bindbuf *b)
{
    const ifzo_justitiabele *v = obj;
    p[0] = dbp_text(v->achternaam);
    p[1] = dbp_text(v->voornamen);
    p[2] = store_date_param(v->geboortedatum, b->date[0]);
    p[3] = dbp_text(v->bsn);
    p[4] = dbp_text(v->geslacht);
    p[5] = dbp_text(v->postcode);
    return 6;
}

static void read_justitiabele(db_rows *r, void *obj)
{
    ifzo_justitiabele *v = obj;
    v->id = db_col_int(r, 0);
    db_col_copy(r, 1, v->achternaam, sizeof v->achternaam);
    db_col_copy(r, 2, v->voornamen, sizeof v->voornamen);
    v->geboortedatum = store_col_date(r, 3);
    db_col_copy(r, 4, v->bsn, sizeof v->bsn);
    db_col_copy(r, 5, v->geslacht, sizeof v->geslacht);
    db_col_copy(r, 6, v->postcode, sizeof v->postcode);
}

static const char *const sorts_justitiabele[] = {"id", "achternaam", "geboortedatum", NULL};

static const entity E_JUSTITIABELE = {
    .name = "justitiabele",
    .table = "justitiabele",
    .cols = "id, achternaam, voornamen, geboortedatum, bsn, geslacht, postcode",
    .ncols = 7,
    .insert_sql = "INSERT INTO justitiabele (achternaam, voornamen, geboortedatum, bsn, geslacht, "
                  "postcode, version, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, "
                  "$7, $7) RETURNING id",
    .update_sql = "UPDATE justitiabele SET achternaam = $1, voornamen = $2, geboortedatum = $3, "
                  "bsn = $4, geslacht = $5, postcode = $6, updated_at = $7, "
                  "version = version + 1 WHERE id = $8 AND version = $9",
    .n = 6,
    .k = 0,
    .catalog = false,
    .bind = bind_justitiabele,
    .read = read_justitiabele,
    .where = "(CAST($1 AS TEXT) IS NULL OR bsn = $1) AND "
             "(CAST($2 AS TEXT) IS NULL OR achternaam = $2) AND " STORE_CLIENT_VISIBLE("$3", "$4"),
    .nfilter = 2,
    .sorts = sorts_justitiabele,
    .meta_offset = offsetof(store_justitiabele, m),
    .size = sizeof(store_justitiabele),
    .vsize = sizeof(ifzo_justitiabele),
    .row_scope_sql =
        "SELECT COUNT(*) FROM justitiabele WHERE id = $1 AND " STORE_CLIENT_VISIBLE("$2", "$3"),
    .list_scoped = true,
    .audited = true,
};

static const entity *const all_entities[] = {&E_ZORGAANBIEDER, &E_CONTRACT,     &E_ZORGLOCATIE,
                                             &E_ZORGAANBOD,    &E_JUSTITIABELE, NULL};

/* ---- the generic engine -------------------------------------------------------------- */

static int fetch(db_conn *c, const entity *e, int64_t id, void *out)
{
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT %s, version, created_at, updated_at FROM %s WHERE id = $1",
             e->cols, e->table);
    db_param p[] = {dbp_int(id)};
    db_rows *r;
    int rc = db_query(c, sql, p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1) {
        memset(out, 0, e->size);
        e->read(r, out);
        read_meta(r, e->ncols, (store_meta *)((char *)out + e->meta_offset));
    }
    db_rows_free(r);
    return step == 1 ? STORE_OK : step == 0 ? STORE_NOT_FOUND : -step;
}

int store_entity_insert(db_conn *c, const entity *e, const void *in, int64_t *id)
{
    db_param p[STORE_ENTITY_MAXP];
    store_bindbuf b;
    int n = e->bind(in, p, &b);
    if (n != e->n)
        return STORE_INVALID;
    char now[32];
    store_now_utc(now, sizeof now);
    p[n] = dbp_text(now);
    int rc = store_query_int(c, e->insert_sql, p, n + 1, id);
    if (rc == STORE_OK && e->catalog)
        rc = store_bump_catalog(c);
    return rc;
}

typedef struct {
    const entity *e;
    const void *in;
    int64_t id;
    int64_t version;
    void *out;
    store_scope sc;
    store_access_entry *audit;
} entity_ctx;

int store_scope_check(db_conn *c, const char *count_sql, db_param id, store_scope sc)
{
    db_param p[] = {id, dbp_int((int64_t)sc.kind), dbp_int(sc.organisation_id)};
    int64_t n = 0;
    int rc = store_query_int(c, count_sql, p, 3, &n);
    if (rc != STORE_OK)
        return rc;
    return n > 0 ? STORE_OK : STORE_NOT_FOUND;
}

/* The access-log entry of a write to client data, for object id; in the same transaction. */
static int audit_write(db_conn *c, const entity *e, store_access_entry *audit, int64_t id)
{
    if (!e->audited)
        return STORE_OK;
    audit->client_id = id;
    audit->object_id = id;
    /* A write whose access cannot be recorded is not done: the service is unavailable. */
    int rc = store_access_log_append_in(c, audit);
    return rc == STORE_OK || rc == STORE_BUSY ? rc : STORE_UNAVAILABLE;
}

static int create_tx(db_conn *c, void *vctx)
{
    entity_ctx *x = vctx;
    const entity *e = x->e;
    if (e->parent_scope_sql) {
        db_param p[STORE_ENTITY_MAXP];
        store_bindbuf b;
        if (e->bind(x->in, p, &b) != e->n)
            return STORE_INVALID;
        int rc = store_scope_check(c, e->parent_scope_sql, p[0], x->sc);
        if (rc != STORE_OK)
            return rc == STORE_NOT_FOUND ? STORE_INVALID : rc;
    }
    int rc = store_entity_insert(c, e, x->in, &x->id);
    if (rc == STORE_OK && e == &E_JUSTITIABELE && x->sc.kind == STORE_SCOPE_INDICATING) {
        db_param p[] = {dbp_int(x->sc.organisation_id), dbp_int(x->id)};
        rc = db_exec(c, "UPDATE justitiabele SET organisation_id = $1 WHERE id = $2", p, 2, NULL);
    }
    if (rc == STORE_OK)
        rc = audit_write(c, e, x->audit, x->id);
    return rc != STORE_OK ? rc : fetch(c, e, x->id, x->out);
}

static int get_tx(db_conn *c, void *vctx)
{
    entity_ctx *x = vctx;
    if (x->e->row_scope_sql) {
        int rc = store_scope_check(c, x->e->row_scope_sql, dbp_int(x->id), x->sc);
        if (rc != STORE_OK)
            return rc;
    }
    return fetch(c, x->e, x->id, x->out);
}

static int update_tx(db_conn *c, void *vctx)
{
    entity_ctx *x = vctx;
    const entity *e = x->e;
    if (e->row_scope_sql) {
        int rc = store_scope_check(c, e->row_scope_sql, dbp_int(x->id), x->sc);
        if (rc != STORE_OK)
            return rc;
    }
    db_param p[STORE_ENTITY_MAXP];
    store_bindbuf b;
    int n = e->bind(x->in, p, &b);
    if (n != e->n)
        return STORE_INVALID;
    char now[32];
    store_now_utc(now, sizeof now);
    db_param *q = p + e->k; /* immutable leading columns are not updated */
    int m = n - e->k;
    q[m] = dbp_text(now);
    q[m + 1] = dbp_int(x->id);
    q[m + 2] = dbp_int(x->version);
    int64_t changed = 0;
    int rc = db_exec(c, e->update_sql, q, m + 3, &changed);
    if (rc != STORE_OK)
        return rc;
    if (changed == 0) {
        rc = fetch(c, e, x->id, x->out);
        return rc == STORE_OK ? STORE_CONFLICT : rc;
    }
    if (e->catalog && (rc = store_bump_catalog(c)) != STORE_OK)
        return rc;
    if ((rc = audit_write(c, e, x->audit, x->id)) != STORE_OK)
        return rc;
    return fetch(c, e, x->id, x->out);
}

static int e_create(store *s, const entity *e, store_scope sc, const void *in,
                    store_access_entry *audit, void *out)
{
    if (e->audited && audit == NULL)
        return STORE_INVALID;
    entity_ctx x = {.e = e, .in = in, .out = out, .sc = sc, .audit = audit};
    return store_tx(s, true, create_tx, &x);
}

static int e_get(store *s, const entity *e, store_scope sc, int64_t id, void *out)
{
    entity_ctx x = {.e = e, .id = id, .out = out, .sc = sc};
    return store_tx(s, false, get_tx, &x);
}

static int e_update(store *s, const entity *e, store_scope sc, const void *in, int64_t id,
                    int64_t version, store_access_entry *audit, void *out)
{
    if (e->audited && audit == NULL)
        return STORE_INVALID;
    entity_ctx x = {
        .e = e, .in = in, .id = id, .version = version, .out = out, .sc = sc, .audit = audit};
    return store_tx(s, true, update_tx, &x);
}

static const entity *entity_by_name(const char *name)
{
    for (int i = 0; all_entities[i]; i++) {
        if (strcmp(all_entities[i]->name, name) == 0)
            return all_entities[i];
    }
    return NULL;
}

static const char *sort_column(const char *const *sorts, const char *sort)
{
    if (sort == NULL)
        return sorts[0];
    for (int i = 0; sorts[i]; i++) {
        if (strcmp(sorts[i], sort) == 0)
            return sorts[i]; /* a constant of the table, never the caller's text */
    }
    return NULL;
}

bool store_sort_valid(const char *list, const char *sort)
{
    if (list != NULL && strcmp(list, "indicatie") == 0)
        return sort_column(store_indicatie_sorts, sort) != NULL;
    const entity *e = list ? entity_by_name(list) : NULL;
    return e != NULL && sort_column(e->sorts, sort) != NULL;
}

int store_list_run(db_conn *c, const store_list_query *q, const char *cols, const char *from,
                   const char *where, int nfilter, const db_param *extra, int nextra,
                   const char *const *sorts, int64_t *total, db_rows **rows)
{
    const char *col = sort_column(sorts, q->sort);
    if (col == NULL || q->limit < 1 || q->limit > 1000 || q->offset < 0 ||
        nfilter > STORE_FILTER_MAX || nextra < 0 || nextra > 2)
        return STORE_INVALID;
    db_param p[STORE_FILTER_MAX + 4];
    for (int i = 0; i < nfilter; i++)
        p[i] = dbp_text(q->filter[i]);
    for (int i = 0; i < nextra; i++)
        p[nfilter + i] = extra[i];
    int np = nfilter + nextra;
    char sql[4096];
    int len = snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s WHERE %s", from, where);
    if (len < 0 || (size_t)len >= sizeof sql)
        return STORE_INVALID;
    int rc = store_query_int(c, sql, p, np, total);
    if (rc != STORE_OK)
        return rc;
    p[np] = dbp_int(q->limit);
    p[np + 1] = dbp_int(q->offset);
    /* Tie-break on id so that pages are stable. */
    const char *dir = q->desc ? "DESC" : "ASC";
    len = snprintf(sql, sizeof sql,
                   "SELECT %s FROM %s WHERE %s ORDER BY %s %s, id %s LIMIT $%d OFFSET $%d", cols,
                   from, where, col, dir, dir, np + 1, np + 2);
    if (len < 0 || (size_t)len >= sizeof sql)
        return STORE_INVALID;
    return db_query(c, sql, p, np + 2, rows);
}

typedef struct {
    const entity *e;
    const store_list_query *q;
    store_scope sc;
    char *items;
    size_t count;
    int64_t total;
} list_ctx;

static int list_tx(db_conn *c, void *vctx)
{
    list_ctx *x = vctx;
    const entity *e = x->e;
    char cols[1024];
    snprintf(cols, sizeof cols, "%s, version, created_at, updated_at", e->cols);
    db_rows *r;
    db_param scope[] = {dbp_int((int64_t)x->sc.kind), dbp_int(x->sc.organisation_id)};
    int rc = store_list_run(c, x->q, cols, e->table, e->where, e->nfilter, scope,
                            e->list_scoped ? 2 : 0, e->sorts, &x->total, &r);
    if (rc != STORE_OK)
        return rc;
    x->items = calloc((size_t)x->q->limit, e->size);
    if (x->items == NULL) {
        db_rows_free(r);
        return STORE_ERROR;
    }
    int step = 0;
    while (x->count < (size_t)x->q->limit && (step = db_rows_next(r)) == 1) {
        char *obj = x->items + x->count * e->size;
        e->read(r, obj);
        read_meta(r, e->ncols, (store_meta *)(obj + e->meta_offset));
        x->count++;
    }
    if (x->count < (size_t)x->q->limit && step < 0) {
        db_rows_free(r);
        return -step;
    }
    db_rows_free(r);
    return STORE_OK;
}

static int e_list(store *s, const entity *e, store_scope sc, const store_list_query *q,
                  void **items, size_t *count, int64_t *total)
{
    *items = NULL;
    *count = 0;
    if (total)
        *total = 0;
    if (q == NULL)
        return STORE_INVALID;
    list_ctx x = {.e = e, .q = q, .sc = sc};
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

/* ---- public API ---------------------------------------------------------------------- */

/* Unscoped records (providers, contracts): maintained by functioneel beheer only. */
#define ENTITY_API(T, E)                                                                           \
    int store_##T##_create(store *s, const ifzo_##T *in, store_##T *out)                           \
    {                                                                                              \
        return e_create(s, &E, STORE_SCOPE_EVERYTHING, in, NULL, out);                             \
    }                                                                                              \
    int store_##T##_get(store *s, int64_t id, store_##T *out)                                      \
    {                                                                                              \
        return e_get(s, &E, STORE_SCOPE_EVERYTHING, id, out);                                      \
    }                                                                                              \
    int store_##T##_update(store *s, const ifzo_##T *in, int64_t version, store_##T *out)          \
    {                                                                                              \
        return e_update(s, &E, STORE_SCOPE_EVERYTHING, in, in->id, version, NULL, out);            \
    }                                                                                              \
    int store_##T##_list(store *s, const store_list_query *q, store_##T **items, size_t *count,    \
                         int64_t *total)                                                           \
    {                                                                                              \
        void *v = NULL;                                                                            \
        int rc = e_list(s, &E, STORE_SCOPE_EVERYTHING, q, &v, count, total);                       \
        *items = v;                                                                                \
        return rc;                                                                                 \
    }

/* The offer a provider maintains: writes scoped, reads open. */
#define OWNED_API(T, E)                                                                            \
    int store_##T##_create(store *s, store_scope sc, const ifzo_##T *in, store_##T *out)           \
    {                                                                                              \
        return e_create(s, &E, sc, in, NULL, out);                                                 \
    }                                                                                              \
    int store_##T##_get(store *s, int64_t id, store_##T *out)                                      \
    {                                                                                              \
        return e_get(s, &E, STORE_SCOPE_EVERYTHING, id, out);                                      \
    }                                                                                              \
    int store_##T##_update(store *s, store_scope sc, const ifzo_##T *in, int64_t version,          \
                           store_##T *out)                                                         \
    {                                                                                              \
        return e_update(s, &E, sc, in, in->id, version, NULL, out);                                \
    }                                                                                              \
    int store_##T##_list(store *s, const store_list_query *q, store_##T **items, size_t *count,    \
                         int64_t *total)                                                           \
    {                                                                                              \
        void *v = NULL;                                                                            \
        int rc = e_list(s, &E, STORE_SCOPE_EVERYTHING, q, &v, count, total);                       \
        *items = v;                                                                                \
        return rc;                                                                                 \
    }

ENTITY_API(zorgaanbieder, E_ZORGAANBIEDER)
ENTITY_API(contract, E_CONTRACT)
OWNED_API(zorglocatie, E_ZORGLOCATIE)
OWNED_API(zorgaanbod, E_ZORGAANBOD)

/* Clients: everything scoped, writes logged. */
int store_justitiabele_create(store *s, store_scope sc, const ifzo_justitiabele *in,
                              store_access_entry *audit, store_justitiabele *out)
{
    return e_create(s, &E_JUSTITIABELE, sc, in, audit, out);
}

int store_justitiabele_get(store *s, store_scope sc, int64_t id, store_justitiabele *out)
{
    return e_get(s, &E_JUSTITIABELE, sc, id, out);
}

int store_justitiabele_update(store *s, store_scope sc, const ifzo_justitiabele *in,
                              int64_t version, store_access_entry *audit, store_justitiabele *out)
{
    return e_update(s, &E_JUSTITIABELE, sc, in, in->id, version, audit, out);
}

int store_justitiabele_list(store *s, store_scope sc, const store_list_query *q,
                            store_justitiabele **items, size_t *count, int64_t *total)
{
    void *v = NULL;
    int rc = e_list(s, &E_JUSTITIABELE, sc, q, &v, count, total);
    *items = v;
    return rc;
}

static int catalog_tx(db_conn *c, void *vctx)
{
    return store_query_int(c, "SELECT version FROM catalog WHERE id = 1", NULL, 0, vctx);
}

int store_catalog_version(store *s, int64_t *version)
{
    return store_tx(s, false, catalog_tx, version);
}

/* Reads every row of an entity, ordered by id, into a malloc'd array of core structs. */
static int read_all(db_conn *c, const entity *e, void **items, size_t *n)
{
    char sql[1024];
    snprintf(sql, sizeof sql, "SELECT %s FROM %s ORDER BY id", e->cols, e->table);
    db_rows *r;
    int rc = db_query(c, sql, NULL, 0, &r);
    if (rc != STORE_OK)
        return rc;
    size_t cap = 0;
    char *buf = NULL;
    int step;
    *n = 0;
    while ((step = db_rows_next(r)) == 1) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 64;
            char *nb = realloc(buf, cap * e->vsize);
            if (nb == NULL) {
                step = -STORE_ERROR;
                break;
            }
            buf = nb;
        }
        memset(buf + *n * e->vsize, 0, e->vsize);
        e->read(r, buf + *n * e->vsize);
        (*n)++;
    }
    db_rows_free(r);
    *items = buf;
    return step < 0 ? -step : STORE_OK;
}

static int snapshot_tx(db_conn *c, void *vctx)
{
    store_catalog_snapshot *x = vctx;
    store_catalog_snapshot_free(x); /* store_tx may run this again after STORE_BUSY */
    /* One snapshot for the whole offer: read transactions on PostgreSQL are REPEATABLE READ
     * (postgres.c, pg_begin). */
    int rc = store_query_int(c, "SELECT version FROM catalog WHERE id = 1", NULL, 0, &x->version);
    void *v = NULL;
    if (rc == STORE_OK) {
        rc = read_all(c, &E_ZORGAANBIEDER, &v, &x->n_zorgaanbieders);
        x->zorgaanbieders = v;
    }
    if (rc == STORE_OK) {
        rc = read_all(c, &E_CONTRACT, &v, &x->n_contracts);
        x->contracts = v;
    }
    if (rc == STORE_OK) {
        rc = read_all(c, &E_ZORGLOCATIE, &v, &x->n_zorglocaties);
        x->zorglocaties = v;
    }
    if (rc == STORE_OK) {
        rc = read_all(c, &E_ZORGAANBOD, &v, &x->n_zorgaanbod);
        x->zorgaanbod = v;
    }
    return rc;
}

void store_catalog_snapshot_free(store_catalog_snapshot *snap)
{
    if (snap == NULL)
        return;
    free(snap->zorgaanbieders);
    free(snap->contracts);
    free(snap->zorglocaties);
    free(snap->zorgaanbod);
    memset(snap, 0, sizeof *snap);
}

int store_catalog_load(store *s, store_catalog_snapshot *out)
{
    memset(out, 0, sizeof *out);
    return store_tx(s, false, snapshot_tx, out);
}

/* ---- bulk -------------------------------------------------------------------------------- */

struct store_bulk {
    db_conn *c;
};

typedef struct {
    int (*fn)(store_bulk *b, void *ctx);
    void *ctx;
} bulk_ctx;

static int bulk_tx(db_conn *c, void *vctx)
{
    bulk_ctx *x = vctx;
    store_bulk b = {.c = c};
    return x->fn(&b, x->ctx);
}

int store_bulk_run(store *s, int (*fn)(store_bulk *b, void *ctx), void *ctx)
{
    bulk_ctx x = {.fn = fn, .ctx = ctx};
    return store_tx(s, true, bulk_tx, &x);
}

db_conn *store_bulk_conn(store_bulk *b)
{
    return b->c;
}

#define BULK_API(T, E)                                                                             \
    int store_bulk_##T(store_bulk *b, const ifzo_##T *in, int64_t *id)                             \
    {                                                                                              \
        int64_t tmp;                                                                               \
        return store_entity_insert(b->c, &E, in, id ? id : &tmp);                                  \
    }

BULK_API(zorgaanbieder, E_ZORGAANBIEDER)
BULK_API(contract, E_CONTRACT)
BULK_API(zorglocatie, E_ZORGLOCATIE)
BULK_API(zorgaanbod, E_ZORGAANBOD)
BULK_API(justitiabele, E_JUSTITIABELE)

int store_bulk_organisation(store_bulk *b, const char *name, const char *kind, int64_t *id)
{
    char now[32];
    store_now_utc(now, sizeof now);
    db_param p[] = {dbp_text(name), dbp_text(kind), dbp_text(now)};
    int64_t tmp;
    return store_query_int(b->c,
                           "INSERT INTO organisation (name, kind, version, created_at, "
                           "updated_at) VALUES ($1, $2, 1, $3, $3) RETURNING id",
                           p, 3, id ? id : &tmp);
}
