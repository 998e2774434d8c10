/*
 * geo_table.c - the imported postcode table (`ifzo import geo`, see catalog.h). Replacing it
 * is one transaction, so readers see either the old or the new table, never half of one.
 */
#include "store/catalog_internal.h"

#include <string.h>

typedef struct {
    const store_geo_row *rows;
    size_t n;
    int pc4;
    store_geo_row *out;
    int64_t count;
} geo_ctx;

static int replace_tx(db_conn *c, void *vctx)
{
    geo_ctx *x = vctx;
    int rc = db_exec(c, "DELETE FROM geo_pc4", NULL, 0, NULL);
    for (size_t i = 0; rc == STORE_OK && i < x->n; i++) {
        const store_geo_row *g = &x->rows[i];
        db_param p[] = {dbp_int(g->pc4), dbp_text(g->gemeente), dbp_text(g->arrondissement),
                        dbp_real(g->lat), dbp_real(g->lon)};
        rc = db_exec(c,
                     "INSERT INTO geo_pc4 (pc4, gemeente, arrondissement, lat, lon) "
                     "VALUES ($1, $2, $3, $4, $5)",
                     p, 5, NULL);
    }
    return rc;
}

int store_geo_replace(store *s, const store_geo_row *rows, size_t n)
{
    if (rows == NULL && n > 0)
        return STORE_INVALID;
    geo_ctx x = {.rows = rows, .n = n};
    return store_tx(s, true, replace_tx, &x);
}

static int get_tx(db_conn *c, void *vctx)
{
    geo_ctx *x = vctx;
    db_param p[] = {dbp_int(x->pc4)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT pc4, gemeente, arrondissement, lat, lon FROM geo_pc4 "
                      "WHERE pc4 = $1",
                      p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1) {
        memset(x->out, 0, sizeof *x->out);
        x->out->pc4 = (int)db_col_int(r, 0);
        db_col_copy(r, 1, x->out->gemeente, sizeof x->out->gemeente);
        db_col_copy(r, 2, x->out->arrondissement, sizeof x->out->arrondissement);
        x->out->lat = db_col_real(r, 3);
        x->out->lon = db_col_real(r, 4);
    }
    db_rows_free(r);
    return step == 1 ? STORE_OK : step == 0 ? STORE_NOT_FOUND : -step;
}

int store_geo_get(store *s, int pc4, store_geo_row *out)
{
    geo_ctx x = {.pc4 = pc4, .out = out};
    return store_tx(s, false, get_tx, &x);
}

static int count_tx(db_conn *c, void *vctx)
{
    geo_ctx *x = vctx;
    return store_query_int(c, "SELECT COUNT(*) FROM geo_pc4", NULL, 0, &x->count);
}

int store_geo_count(store *s, int64_t *count)
{
    geo_ctx x = {0};
    int rc = store_tx(s, false, count_tx, &x);
    if (rc == STORE_OK)
        *count = x.count;
    return rc;
}
