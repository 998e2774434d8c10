/*
 * bericht.c - rows of the `bericht` table: claim, finish, release, get. See bericht.h.
 */
#include "store/bericht.h"
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *afzender, *code, *ident, *hash, *retour;
    int64_t id;
    store_bericht *out;
} bericht_ctx;

static int fetch_key(db_conn *c, bericht_ctx *ctx)
{
    db_param p[] = {dbp_text(ctx->afzender), dbp_text(ctx->code), dbp_text(ctx->ident)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT id, inhoud_hash, ontvangen_op, retour FROM bericht "
                      "WHERE afzender = $1 AND berichtcode = $2 AND identificatie = $3",
                      p, 3, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1 && ctx->out) {
        store_bericht *b = ctx->out;
        b->id = db_col_int(r, 0);
        db_col_copy(r, 1, b->inhoud_hash, sizeof(b->inhoud_hash));
        db_col_copy(r, 2, b->ontvangen_op, sizeof(b->ontvangen_op));
        b->retour = NULL;
        if (!db_col_null(r, 3)) {
            b->retour = strdup(db_col_text(r, 3));
            if (b->retour == NULL)
                step = -STORE_ERROR;
        }
    }
    db_rows_free(r);
    return step == 1 ? STORE_OK : step == 0 ? STORE_NOT_FOUND : -step;
}

static int claim_tx(db_conn *c, void *vctx)
{
    bericht_ctx *ctx = vctx;
    int rc = fetch_key(c, ctx);
    if (rc == STORE_OK)
        return STORE_DUPLICATE;
    if (rc != STORE_NOT_FOUND)
        return rc;
    char now[32];
    store_now_utc(now, sizeof(now));
    db_param p[] = {dbp_text(ctx->afzender), dbp_text(ctx->code), dbp_text(ctx->ident),
                    dbp_text(ctx->hash), dbp_text(now)};
    rc = store_query_int(c,
                         "INSERT INTO bericht (afzender, berichtcode, identificatie, "
                         "inhoud_hash, ontvangen_op, version) VALUES ($1, $2, $3, $4, $5, 1) "
                         "RETURNING id",
                         p, 5, &ctx->id);
    /* Another transaction claimed the key between our SELECT and INSERT: retry the whole
     * transaction (store_tx does so on STORE_BUSY); the SELECT then sees that row. */
    return rc == STORE_DUPLICATE ? STORE_BUSY : rc;
}

static bool fits(const char *s, size_t max)
{
    return s && s[0] && strlen(s) <= max;
}

int store_bericht_claim(store *s, const char *afzender, const char *berichtcode,
                        const char *identificatie, const char *hash, int64_t *id,
                        store_bericht *prev)
{
    if (!fits(afzender, 16) || !fits(berichtcode, 16) || !fits(identificatie, 64) ||
        !fits(hash, 71) || id == NULL)
        return STORE_INVALID;
    store_bericht scratch = {0};
    bericht_ctx ctx = {.afzender = afzender,
                       .code = berichtcode,
                       .ident = identificatie,
                       .hash = hash,
                       .out = &scratch};
    int rc = store_tx(s, true, claim_tx, &ctx);
    if (rc == STORE_OK)
        *id = ctx.id;
    if (rc == STORE_DUPLICATE && prev)
        *prev = scratch;
    else
        store_bericht_clear(&scratch);
    return rc;
}

static int finish_tx(db_conn *c, void *vctx)
{
    bericht_ctx *ctx = vctx;
    char now[32];
    store_now_utc(now, sizeof(now));
    db_param p[] = {dbp_text(ctx->retour), dbp_text(now), dbp_int(ctx->id)};
    int64_t changed = 0;
    int rc = db_exec(c,
                     "UPDATE bericht SET retour = $1, verwerkt_op = $2, version = version + 1 "
                     "WHERE id = $3 AND retour IS NULL",
                     p, 3, &changed);
    if (rc != STORE_OK)
        return rc;
    if (changed == 1)
        return STORE_OK;
    db_param q[] = {dbp_int(ctx->id)};
    int64_t n = 0;
    rc = store_query_int(c, "SELECT COUNT(*) FROM bericht WHERE id = $1", q, 1, &n);
    if (rc != STORE_OK)
        return rc;
    return n ? STORE_CONFLICT : STORE_NOT_FOUND;
}

int store_bericht_finish(store *s, int64_t id, const char *retour)
{
    if (retour == NULL)
        return STORE_INVALID;
    bericht_ctx ctx = {.id = id, .retour = retour};
    return store_tx(s, true, finish_tx, &ctx);
}

static int release_tx(db_conn *c, void *vctx)
{
    bericht_ctx *ctx = vctx;
    db_param p[] = {dbp_int(ctx->id)};
    int64_t changed = 0;
    int rc = db_exec(c, "DELETE FROM bericht WHERE id = $1 AND retour IS NULL", p, 1, &changed);
    if (rc != STORE_OK)
        return rc;
    return changed ? STORE_OK : STORE_NOT_FOUND;
}

int store_bericht_release(store *s, int64_t id)
{
    bericht_ctx ctx = {.id = id};
    return store_tx(s, true, release_tx, &ctx);
}

static int get_tx(db_conn *c, void *vctx)
{
    return fetch_key(c, vctx);
}

int store_bericht_get(store *s, const char *afzender, const char *berichtcode,
                      const char *identificatie, store_bericht *out)
{
    if (afzender == NULL || berichtcode == NULL || identificatie == NULL || out == NULL)
        return STORE_INVALID;
    memset(out, 0, sizeof(*out));
    bericht_ctx ctx = {
        .afzender = afzender, .code = berichtcode, .ident = identificatie, .out = out};
    int rc = store_tx(s, false, get_tx, &ctx);
    if (rc != STORE_OK)
        store_bericht_clear(out);
    return rc;
}

void store_bericht_clear(store_bericht *b)
{
    if (b == NULL)
        return;
    free(b->retour);
    memset(b, 0, sizeof(*b));
}
