/*
 * voorstel.c - proposals, the weighing of a referral and a client's contra-indications in
 * the database (voorstel.h). Every public call is one transaction.
 */
#include "store/voorstel.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/access_log_internal.h"
#include "store/catalog_internal.h"
#include "store/store_internal.h"

void store_voorstel_free(store_voorstel *v)
{
    if (v == NULL)
        return;
    free(v->criteria);
    free(v->inhoud);
    v->criteria = NULL;
    v->inhoud = NULL;
}

void store_voorstel_list_free(store_voorstel *items, size_t n)
{
    for (size_t i = 0; items && i < n; i++)
        store_voorstel_free(&items[i]);
    free(items);
}

static char *dup_text(const char *s)
{
    size_t n = strlen(s ? s : "");
    char *d = malloc(n + 1);
    if (d)
        memcpy(d, s ? s : "", n + 1);
    return d;
}

#define V_COLS                                                                                     \
    "id, verzoek_id, volgnummer, indicatie_id, indicatie_versie, zorgtype, modus, buiten_regio, "  \
    "catalogus_versie, peildatum, aantal_voorgesteld, aangemaakt_door, aangemaakt_door_naam, "     \
    "aangemaakt_op"

/* Reads the V_COLS columns (and, when full, criteria and inhoud as columns 14 and 15). */
static int read_v(db_rows *r, bool full, store_voorstel *o)
{
    memset(o, 0, sizeof *o);
    o->id = db_col_int(r, 0);
    o->verzoek_id = db_col_int(r, 1);
    o->volgnummer = (int)db_col_int(r, 2);
    o->indicatie_id = db_col_int(r, 3);
    o->indicatie_versie = (int)db_col_int(r, 4);
    db_col_copy(r, 5, o->zorgtype, sizeof o->zorgtype);
    db_col_copy(r, 6, o->modus, sizeof o->modus);
    o->buiten_regio = db_col_int(r, 7) != 0;
    o->catalogus_versie = db_col_int(r, 8);
    o->peildatum = store_col_date(r, 9);
    o->aantal_voorgesteld = (int)db_col_int(r, 10);
    o->aangemaakt_door = db_col_null(r, 11) ? 0 : db_col_int(r, 11);
    db_col_copy(r, 12, o->aangemaakt_door_naam, sizeof o->aangemaakt_door_naam);
    db_col_copy(r, 13, o->aangemaakt_op, sizeof o->aangemaakt_op);
    if (full) {
        o->criteria = dup_text(db_col_text(r, 14));
        o->inhoud = dup_text(db_col_text(r, 15));
        if (o->criteria == NULL || o->inhoud == NULL) {
            store_voorstel_free(o);
            return STORE_ERROR;
        }
    }
    return STORE_OK;
}

typedef struct {
    int64_t verzoek_id;
    int volgnummer;
    store_voorstel *out;
} get_ctx;

static int get_tx(db_conn *c, void *vctx)
{
    get_ctx *x = vctx;
    store_voorstel_free(x->out);
    db_param p[] = {dbp_int(x->verzoek_id), dbp_int(x->volgnummer)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT " V_COLS ", criteria, inhoud FROM voorstel WHERE verzoek_id = $1 "
                      "AND volgnummer = $2",
                      p, 2, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1)
        rc = read_v(r, true, x->out);
    else
        rc = step == 0 ? STORE_NOT_FOUND : -step;
    db_rows_free(r);
    return rc;
}

int store_voorstel_get(store *s, int64_t verzoek_id, int volgnummer, store_voorstel *out)
{
    memset(out, 0, sizeof *out);
    get_ctx x = {.verzoek_id = verzoek_id, .volgnummer = volgnummer, .out = out};
    return store_tx(s, false, get_tx, &x);
}

typedef struct {
    const store_voorstel *in;
    const store_voorstel_locatie *locs;
    size_t n_locs;
    store_voorstel_render render;
    void *ctx;
    store_access_entry *log;
    store_voorstel *out;
} create_ctx;

static int create_tx(db_conn *c, void *vctx)
{
    create_ctx *x = vctx;
    const store_voorstel *in = x->in;
    store_voorstel_free(x->out);
    db_param pk[] = {dbp_int(in->verzoek_id)};
    db_rows *r;
    int rc = db_query(c, "SELECT status FROM plaatsingsverzoek WHERE id = $1", pk, 1, &r);
    if (rc != STORE_OK)
        return rc;
    char status[32] = "";
    int step = db_rows_next(r);
    if (step == 1)
        db_col_copy(r, 0, status, sizeof status);
    db_rows_free(r);
    if (step < 0)
        return -step;
    if (step == 0)
        return STORE_INVALID;
    int64_t max = 0;
    rc = store_query_int(
        c, "SELECT COALESCE(MAX(volgnummer), 0) FROM voorstel WHERE verzoek_id = $1", pk, 1, &max);
    if (rc != STORE_OK)
        return rc;
    store_voorstel v = *in;
    v.criteria = NULL;
    v.inhoud = NULL;
    v.id = 0;
    v.volgnummer = (int)max + 1;
    store_now_utc(v.aangemaakt_op, sizeof v.aangemaakt_op);
    char *text = x->render(&v, x->ctx);
    if (text == NULL)
        return STORE_ERROR;
    char d[IFZO_DATE_BUFSIZE];
    db_param p[] = {dbp_int(v.verzoek_id),
                    dbp_int(v.volgnummer),
                    dbp_int(v.indicatie_id),
                    dbp_int(v.indicatie_versie),
                    dbp_text(v.zorgtype),
                    dbp_text(in->criteria ? in->criteria : "{}"),
                    dbp_text(v.modus),
                    dbp_int(v.buiten_regio ? 1 : 0),
                    dbp_int(v.catalogus_versie),
                    store_date_param(v.peildatum, d),
                    dbp_int(v.aantal_voorgesteld),
                    v.aangemaakt_door > 0 ? dbp_int(v.aangemaakt_door) : dbp_null(),
                    dbp_text(v.aangemaakt_door_naam),
                    dbp_text(v.aangemaakt_op),
                    dbp_text(text)};
    rc = store_query_int(c,
                         "INSERT INTO voorstel (verzoek_id, volgnummer, indicatie_id, "
                         "indicatie_versie, zorgtype, criteria, modus, buiten_regio, "
                         "catalogus_versie, peildatum, aantal_voorgesteld, aangemaakt_door, "
                         "aangemaakt_door_naam, aangemaakt_op, inhoud) VALUES ($1, $2, $3, $4, "
                         "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
                         p, 15, &v.id);
    free(text);
    if (rc != STORE_OK)
        return rc;
    for (size_t i = 0; i < x->n_locs; i++) {
        db_param pl[] = {dbp_int(v.id), dbp_int(x->locs[i].zorglocatie_id),
                         dbp_text(x->locs[i].uitkomst), dbp_int((int64_t)i + 1)};
        rc = db_exec(c,
                     "INSERT INTO voorstel_locatie (voorstel_id, zorglocatie_id, uitkomst, rang) "
                     "VALUES ($1, $2, $3, $4)",
                     pl, 4, NULL);
        if (rc != STORE_OK)
            return rc;
    }
    char code[16], tekst[64];
    snprintf(code, sizeof code, "%d", v.volgnummer);
    snprintf(tekst, sizeof tekst, "%s%s, %d voorgesteld", v.modus,
             v.buiten_regio ? ", buiten de regio" : "", v.aantal_voorgesteld);
    const store_access_entry *who = x->log;
    db_param pe[] = {dbp_int(v.verzoek_id),
                     dbp_text(status),
                     dbp_text(status),
                     store_date_param(v.peildatum, d),
                     dbp_text(code),
                     dbp_text(tekst),
                     who && who->user_id > 0 ? dbp_int(who->user_id) : dbp_null(),
                     dbp_text(who ? who->username : ""),
                     dbp_text(who ? who->role : ""),
                     who && who->organisation_id > 0 ? dbp_int(who->organisation_id) : dbp_null(),
                     dbp_text(v.aangemaakt_op)};
    rc = db_exec(c,
                 "INSERT INTO plaatsing_gebeurtenis (verzoek_id, poging_id, zorglocatie_id, stap, "
                 "status_van, status_naar, datum, code, tekst, te_laat, user_id, username, role, "
                 "organisation_id, at) VALUES ($1, NULL, NULL, 'voorstel', $2, $3, $4, $5, $6, 0, "
                 "$7, $8, $9, $10, $11)",
                 pe, 11, NULL);
    if (rc != STORE_OK)
        return rc;
    if (x->log) {
        if (x->log->object_id == 0)
            x->log->object_id = v.verzoek_id;
        rc = store_access_log_append_in(c, x->log);
        if (rc != STORE_OK)
            return rc;
    }
    get_ctx g = {.verzoek_id = v.verzoek_id, .volgnummer = v.volgnummer, .out = x->out};
    return get_tx(c, &g);
}

int store_voorstel_create(store *s, const store_voorstel *in, const store_voorstel_locatie *locs,
                          size_t n_locs, store_voorstel_render render, void *ctx,
                          store_access_entry *log, store_voorstel *out)
{
    memset(out, 0, sizeof *out);
    if (in == NULL || render == NULL || (n_locs > 0 && locs == NULL))
        return STORE_INVALID;
    create_ctx x = {in, locs, n_locs, render, ctx, log, out};
    return store_tx(s, true, create_tx, &x);
}

typedef struct {
    int64_t verzoek_id;
    store_voorstel *items;
    size_t n;
} list_ctx;

static int list_tx(db_conn *c, void *vctx)
{
    list_ctx *x = vctx;
    free(x->items);
    x->items = NULL;
    x->n = 0;
    db_param p[] = {dbp_int(x->verzoek_id)};
    db_rows *r;
    int rc = db_query(
        c, "SELECT " V_COLS " FROM voorstel WHERE verzoek_id = $1 ORDER BY volgnummer", p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    size_t cap = 0;
    int step;
    while ((step = db_rows_next(r)) == 1) {
        if (!store_grow((void **)&x->items, &cap, x->n, sizeof *x->items)) {
            step = -STORE_ERROR;
            break;
        }
        read_v(r, false, &x->items[x->n++]);
    }
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

int store_voorstel_list(store *s, int64_t verzoek_id, store_voorstel **items, size_t *count)
{
    list_ctx x = {.verzoek_id = verzoek_id};
    int rc = store_tx(s, false, list_tx, &x);
    if (rc != STORE_OK) {
        free(x.items);
        x.items = NULL;
        x.n = 0;
    }
    *items = x.items;
    *count = x.n;
    return rc;
}

typedef struct {
    int64_t verzoek_id, loc;
    int volgnummer;
    int64_t *voorstel_id;
    char *uitkomst;
} uitkomst_ctx;

static int uitkomst_tx(db_conn *c, void *vctx)
{
    uitkomst_ctx *x = vctx;
    db_param p[] = {dbp_int(x->verzoek_id), dbp_int(x->volgnummer)};
    int rc = store_query_int(c, "SELECT id FROM voorstel WHERE verzoek_id = $1 AND volgnummer = $2",
                             p, 2, x->voorstel_id);
    if (rc != STORE_OK)
        return rc;
    x->uitkomst[0] = '\0';
    db_param pl[] = {dbp_int(*x->voorstel_id), dbp_int(x->loc)};
    db_rows *r;
    rc = db_query(c,
                  "SELECT uitkomst FROM voorstel_locatie WHERE voorstel_id = $1 AND "
                  "zorglocatie_id = $2",
                  pl, 2, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1)
        db_col_copy(r, 0, x->uitkomst, 16);
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

int store_voorstel_uitkomst(store *s, int64_t verzoek_id, int volgnummer, int64_t zorglocatie_id,
                            int64_t *voorstel_id, char uitkomst[16])
{
    uitkomst_ctx x = {verzoek_id, zorglocatie_id, volgnummer, voorstel_id, uitkomst};
    uitkomst[0] = '\0';
    return store_tx(s, false, uitkomst_tx, &x);
}

typedef struct {
    const int64_t *ids;
    size_t n;
    store_locatie_naam *out;
} namen_ctx;

static int namen_tx(db_conn *c, void *vctx)
{
    namen_ctx *x = vctx;
    for (size_t i = 0; i < x->n; i++) {
        store_locatie_naam *o = &x->out[i];
        memset(o, 0, sizeof *o);
        db_param p[] = {dbp_int(x->ids[i])};
        db_rows *r;
        int rc =
            db_query(c,
                     "SELECT l.id, l.naam, l.postcode, l.arrondissement, l.landelijke_functie, "
                     "l.zorgaanbieder_id, z.naam FROM zorglocatie l JOIN zorgaanbieder z ON "
                     "z.id = l.zorgaanbieder_id WHERE l.id = $1",
                     p, 1, &r);
        if (rc != STORE_OK)
            return rc;
        int step = db_rows_next(r);
        if (step == 1) {
            o->zorglocatie_id = db_col_int(r, 0);
            db_col_copy(r, 1, o->naam, sizeof o->naam);
            db_col_copy(r, 2, o->postcode, sizeof o->postcode);
            db_col_copy(r, 3, o->arrondissement, sizeof o->arrondissement);
            o->landelijke_functie = db_col_int(r, 4) != 0;
            o->zorgaanbieder_id = db_col_int(r, 5);
            db_col_copy(r, 6, o->aanbieder, sizeof o->aanbieder);
        }
        db_rows_free(r);
        if (step < 0)
            return -step;
    }
    return STORE_OK;
}

int store_locatie_namen(store *s, const int64_t *ids, size_t n, store_locatie_naam *out)
{
    if (n == 0)
        return STORE_OK;
    namen_ctx x = {ids, n, out};
    return store_tx(s, false, namen_tx, &x);
}

/* ---- weging ------------------------------------------------------------------------------- */

typedef struct {
    int64_t verzoek_id;
    store_weging *items;
    size_t n;
} weging_ctx;

static int weging_tx(db_conn *c, void *vctx)
{
    weging_ctx *x = vctx;
    free(x->items);
    x->items = NULL;
    x->n = 0;
    db_param p[] = {dbp_int(x->verzoek_id)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT w.poging_id, w.code, w.tekst FROM poging_weging w JOIN "
                      "toeleidingspoging p ON p.id = w.poging_id WHERE p.verzoek_id = $1 ORDER BY "
                      "w.poging_id, w.code",
                      p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    size_t cap = 0;
    int step;
    while ((step = db_rows_next(r)) == 1) {
        if (!store_grow((void **)&x->items, &cap, x->n, sizeof *x->items)) {
            step = -STORE_ERROR;
            break;
        }
        store_weging *w = &x->items[x->n++];
        w->poging_id = db_col_int(r, 0);
        db_col_copy(r, 1, w->code, sizeof w->code);
        db_col_copy(r, 2, w->tekst, sizeof w->tekst);
    }
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

int store_weging_list(store *s, int64_t verzoek_id, store_weging **items, size_t *count)
{
    weging_ctx x = {.verzoek_id = verzoek_id};
    int rc = store_tx(s, false, weging_tx, &x);
    if (rc != STORE_OK) {
        free(x.items);
        x.items = NULL;
        x.n = 0;
    }
    *items = x.items;
    *count = x.n;
    return rc;
}

/* ---- contra-indications -----------------------------------------------------------------------
 */

typedef struct {
    int64_t client_id, version;
    const char *const *codes;
    size_t n;
    store_access_entry *log;
    int64_t *new_version;
    store_contra *out;
} contra_ctx;

static int contra_get_tx(db_conn *c, void *vctx)
{
    contra_ctx *x = vctx;
    memset(x->out, 0, sizeof *x->out);
    db_param p[] = {dbp_int(x->client_id)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT code FROM justitiabele_contra_indicatie WHERE justitiabele_id = $1 "
                      "ORDER BY code",
                      p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    int step;
    while ((step = db_rows_next(r)) == 1)
        if (x->out->n < STORE_CONTRA_MAX)
            db_col_copy(r, 0, x->out->code[x->out->n++], IFZO_CODE_BUF);
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

int store_contra_get(store *s, int64_t client_id, store_contra *out)
{
    contra_ctx x = {.client_id = client_id, .out = out};
    return store_tx(s, false, contra_get_tx, &x);
}

static int contra_set_tx(db_conn *c, void *vctx)
{
    contra_ctx *x = vctx;
    char now[32];
    store_now_utc(now, sizeof now);
    db_param p[] = {dbp_text(now), dbp_int(x->client_id), dbp_int(x->version)};
    int64_t changed = 0;
    int rc = db_exec(c,
                     "UPDATE justitiabele SET version = version + 1, updated_at = $1 WHERE id = $2 "
                     "AND version = $3",
                     p, 3, &changed);
    if (rc != STORE_OK)
        return rc;
    if (changed != 1) {
        int64_t n = 0;
        db_param pk[] = {dbp_int(x->client_id)};
        rc = store_query_int(c, "SELECT COUNT(*) FROM justitiabele WHERE id = $1", pk, 1, &n);
        return rc != STORE_OK ? rc : n == 0 ? STORE_NOT_FOUND : STORE_CONFLICT;
    }
    db_param pk[] = {dbp_int(x->client_id)};
    rc = db_exec(c, "DELETE FROM justitiabele_contra_indicatie WHERE justitiabele_id = $1", pk, 1,
                 NULL);
    for (size_t i = 0; rc == STORE_OK && i < x->n; i++) {
        db_param pi[] = {dbp_int(x->client_id), dbp_text(x->codes[i]), dbp_text(now)};
        rc = db_exec(c,
                     "INSERT INTO justitiabele_contra_indicatie (justitiabele_id, code, "
                     "created_at) VALUES ($1, $2, $3)",
                     pi, 3, NULL);
    }
    if (rc == STORE_OK)
        rc = store_query_int(c, "SELECT version FROM justitiabele WHERE id = $1", pk, 1,
                             x->new_version);
    if (rc == STORE_OK) {
        x->log->client_id = x->client_id;
        if (x->log->object_id == 0)
            x->log->object_id = x->client_id;
        rc = store_access_log_append_in(c, x->log);
    }
    return rc;
}

int store_contra_set(store *s, int64_t client_id, int64_t version, const char *const *codes,
                     size_t n, store_access_entry *log, int64_t *new_version)
{
    if (log == NULL || n > STORE_CONTRA_MAX || (n > 0 && codes == NULL))
        return STORE_INVALID;
    contra_ctx x = {.client_id = client_id,
                    .version = version,
                    .codes = codes,
                    .n = n,
                    .log = log,
                    .new_version = new_version};
    return store_tx(s, true, contra_set_tx, &x);
}
