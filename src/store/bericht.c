/*
 * bericht.c - rows of the `bericht` table: claim, finish, release, get. See bericht.h.
 */
#include "store/bericht.h"
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    const char *afzender, *code, *ident, *hash, *retour;
    int64_t id;
    int64_t stale; /* claim_at: seconds after which an open claim is taken over; <0 never */
    int64_t claim; /* the claim's version (claim_at, finish_claim, release_claim); 0 = any */
    int64_t row_version;
    char row_claimed[32];
    store_bericht *out;
} bericht_ctx;

static int fetch_key(db_conn *c, bericht_ctx *ctx)
{
    db_param p[] = {dbp_text(ctx->afzender), dbp_text(ctx->code), dbp_text(ctx->ident)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT id, inhoud_hash, ontvangen_op, retour, version, "
                      "COALESCE(geclaimd_op, ontvangen_op) FROM bericht "
                      "WHERE afzender = $1 AND berichtcode = $2 AND identificatie = $3",
                      p, 3, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1) {
        ctx->row_version = db_col_int(r, 4);
        db_col_copy(r, 5, ctx->row_claimed, sizeof(ctx->row_claimed));
    }
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

/* now - seconds as a store timestamp: claims at or before it are stale. */
static void cutoff_utc(int64_t seconds, char *out, size_t cap)
{
    time_t t = time(NULL) - (time_t)seconds;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, cap, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int claim_tx(db_conn *c, void *vctx)
{
    bericht_ctx *ctx = vctx;
    int rc = fetch_key(c, ctx);
    if (rc == STORE_OK && ctx->stale >= 0 && ctx->out && ctx->out->retour == NULL &&
        strcmp(ctx->out->inhoud_hash, ctx->hash) == 0) {
        /* An open claim of the same message: take it over when its process has had more
         * than `stale` seconds (it crashed or hangs). The version check makes one taker win,
         * and makes the old claimant's finish fail (STORE_CONFLICT). */
        char cutoff[32];
        cutoff_utc(ctx->stale, cutoff, sizeof(cutoff));
        if (strcmp(ctx->row_claimed, cutoff) <= 0) {
            char now[32];
            store_now_utc(now, sizeof(now));
            db_param p[] = {dbp_text(now), dbp_int(ctx->out->id), dbp_int(ctx->row_version)};
            int64_t changed = 0;
            rc = db_exec(c,
                         "UPDATE bericht SET geclaimd_op = $1, version = version + 1 "
                         "WHERE id = $2 AND version = $3 AND retour IS NULL",
                         p, 3, &changed);
            if (rc != STORE_OK)
                return rc;
            if (changed == 1) {
                ctx->id = ctx->out->id;
                ctx->claim = ctx->row_version + 1;
                return STORE_OK;
            }
            return STORE_BUSY; /* another taker was first: re-read */
        }
    }
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
    ctx->claim = 1;
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
    int64_t claim;
    return store_bericht_claim_at(s, afzender, berichtcode, identificatie, hash, -1, id, &claim,
                                  prev);
}

int store_bericht_claim_at(store *s, const char *afzender, const char *berichtcode,
                           const char *identificatie, const char *hash, int64_t stale_seconds,
                           int64_t *id, int64_t *claim, store_bericht *prev)
{
    if (!fits(afzender, 16) || !fits(berichtcode, 16) || !fits(identificatie, 64) ||
        !fits(hash, 71) || id == NULL || claim == NULL)
        return STORE_INVALID;
    store_bericht scratch = {0};
    bericht_ctx ctx = {.afzender = afzender,
                       .code = berichtcode,
                       .ident = identificatie,
                       .hash = hash,
                       .stale = stale_seconds,
                       .out = &scratch};
    int rc = store_tx(s, true, claim_tx, &ctx);
    if (rc == STORE_OK) {
        *id = ctx.id;
        *claim = ctx.claim;
    }
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
    db_param p[] = {dbp_text(ctx->retour), dbp_text(now), dbp_int(ctx->id), dbp_int(ctx->claim)};
    int64_t changed = 0;
    int rc = db_exec(c,
                     "UPDATE bericht SET retour = $1, verwerkt_op = $2, version = version + 1 "
                     "WHERE id = $3 AND retour IS NULL AND ($4 = 0 OR version = $4)",
                     p, 4, &changed);
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

int store_bericht_finish_claim(store *s, int64_t id, int64_t claim, const char *retour)
{
    if (retour == NULL || claim < 1)
        return STORE_INVALID;
    bericht_ctx ctx = {.id = id, .retour = retour, .claim = claim};
    return store_tx(s, true, finish_tx, &ctx);
}

static int release_tx(db_conn *c, void *vctx)
{
    bericht_ctx *ctx = vctx;
    db_param p[] = {dbp_int(ctx->id), dbp_int(ctx->claim)};
    int64_t changed = 0;
    int rc = db_exec(c,
                     "DELETE FROM bericht WHERE id = $1 AND retour IS NULL "
                     "AND ($2 = 0 OR version = $2)",
                     p, 2, &changed);
    if (rc != STORE_OK)
        return rc;
    return changed ? STORE_OK : STORE_NOT_FOUND;
}

int store_bericht_release(store *s, int64_t id)
{
    bericht_ctx ctx = {.id = id};
    return store_tx(s, true, release_tx, &ctx);
}

int store_bericht_release_claim(store *s, int64_t id, int64_t claim)
{
    if (claim < 1)
        return STORE_INVALID;
    bericht_ctx ctx = {.id = id, .claim = claim};
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
