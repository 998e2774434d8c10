/*
 * organisation.c - rows of the `organisation` table.
 *
 * Why here: organisations scope everything else (users, placements, offers), so they are
 * the first resource, and the example every later store module follows: one transaction
 * per call, bound parameters, version-checked updates.
 */
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

#define ORG_COLUMNS "id, name, kind, version, created_at, updated_at, totp_required"

static void read_row(db_rows *r, store_organisation *o)
{
    o->id = db_col_int(r, 0);
    db_col_copy(r, 1, o->name, sizeof(o->name));
    db_col_copy(r, 2, o->kind, sizeof(o->kind));
    o->version = db_col_int(r, 3);
    db_col_copy(r, 4, o->created_at, sizeof(o->created_at));
    db_col_copy(r, 5, o->updated_at, sizeof(o->updated_at));
    o->totp_required = db_col_int(r, 6) != 0;
}

static int fetch(db_conn *c, int64_t id, store_organisation *out)
{
    db_param p[] = {dbp_int(id)};
    db_rows *r;
    int rc = db_query(c, "SELECT " ORG_COLUMNS " FROM organisation WHERE id = $1", p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1)
        read_row(r, out);
    db_rows_free(r);
    return step == 1 ? STORE_OK : step == 0 ? STORE_NOT_FOUND : -step;
}

typedef struct {
    const store_organisation *in;
    store_organisation *out;
    int64_t id;
} org_ctx;

static int create_tx(db_conn *c, void *vctx)
{
    org_ctx *ctx = vctx;
    char now[32];
    store_now_utc(now, sizeof(now));
    db_param p[] = {dbp_text(ctx->in->name), dbp_text(ctx->in->kind), dbp_text(now),
                    dbp_int(ctx->in->totp_required)};
    int rc = store_query_int(c,
                             "INSERT INTO organisation (name, kind, version, created_at, "
                             "updated_at, totp_required) VALUES ($1, $2, 1, $3, $3, $4) "
                             "RETURNING id",
                             p, 4, &ctx->id);
    if (rc != STORE_OK)
        return rc;
    return fetch(c, ctx->id, ctx->out);
}

int store_organisation_create(store *s, const store_organisation *in, store_organisation *out)
{
    org_ctx ctx = {.in = in, .out = out};
    return store_tx(s, true, create_tx, &ctx);
}

static int get_tx(db_conn *c, void *vctx)
{
    org_ctx *ctx = vctx;
    return fetch(c, ctx->id, ctx->out);
}

int store_organisation_get(store *s, int64_t id, store_organisation *out)
{
    org_ctx ctx = {.id = id, .out = out};
    return store_tx(s, false, get_tx, &ctx);
}

static int update_tx(db_conn *c, void *vctx)
{
    org_ctx *ctx = vctx;
    char now[32];
    store_now_utc(now, sizeof(now));
    db_param p[] = {
        dbp_text(ctx->in->name), dbp_text(ctx->in->kind),   dbp_text(now),
        dbp_int(ctx->in->id),    dbp_int(ctx->in->version), dbp_int(ctx->in->totp_required)};
    int64_t changed = 0;
    int rc = db_exec(c,
                     "UPDATE organisation SET name = $1, kind = $2, updated_at = $3, "
                     "totp_required = $6, version = version + 1 WHERE id = $4 AND version = $5",
                     p, 6, &changed);
    if (rc != STORE_OK)
        return rc;
    if (changed == 0) {
        /* Tell a stale version from a missing row. */
        rc = fetch(c, ctx->in->id, ctx->out);
        return rc == STORE_OK ? STORE_CONFLICT : rc;
    }
    return fetch(c, ctx->in->id, ctx->out);
}

int store_organisation_update(store *s, const store_organisation *in, store_organisation *out)
{
    org_ctx ctx = {.in = in, .out = out};
    return store_tx(s, true, update_tx, &ctx);
}

typedef struct {
    int64_t after_id;
    int limit;
    store_organisation *items;
    size_t count;
} list_ctx;

static int list_tx(db_conn *c, void *vctx)
{
    list_ctx *ctx = vctx;
    db_param p[] = {dbp_int(ctx->after_id), dbp_int(ctx->limit)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT " ORG_COLUMNS " FROM organisation WHERE id > $1 "
                      "ORDER BY id LIMIT $2",
                      p, 2, &r);
    if (rc != STORE_OK)
        return rc;
    ctx->items = calloc((size_t)ctx->limit, sizeof(*ctx->items));
    if (ctx->items == NULL) {
        db_rows_free(r);
        return STORE_ERROR;
    }
    int step;
    while ((step = db_rows_next(r)) == 1 && ctx->count < (size_t)ctx->limit)
        read_row(r, &ctx->items[ctx->count++]);
    db_rows_free(r);
    if (step < 0) {
        free(ctx->items);
        ctx->items = NULL;
        ctx->count = 0;
        return -step;
    }
    return STORE_OK;
}

int store_organisation_list(store *s, int64_t after_id, int limit, store_organisation **items,
                            size_t *count)
{
    *items = NULL;
    *count = 0;
    if (limit < 1 || limit > 1000)
        return STORE_INVALID;
    list_ctx ctx = {.after_id = after_id, .limit = limit};
    int rc = store_tx(s, false, list_tx, &ctx);
    if (rc == STORE_OK) {
        *items = ctx.items;
        *count = ctx.count;
    } else {
        free(ctx.items);
    }
    return rc;
}
