/*
 * berichtenbus.c - the FZ821 mailbox: list the unacknowledged referrals of a provider,
 * acknowledge one, check a sender's AGB code. See berichtenbus.h for why it is derived from
 * the toeleidingspoging rows.
 */
#include "store/berichtenbus.h"
#include "store/store_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    int64_t org, after, seq, token;
    int limit;
    const char *agb;
    store_fz821 *items;
    size_t n;
    bool flag;
} bus_ctx;

static ifzo_date date_col(db_rows *r, int col)
{
    ifzo_date d = IFZO_NO_DATE;
    if (!db_col_null(r, col) && ifzo_date_parse(db_col_text(r, col), &d) != IFZO_CAL_OK)
        d = IFZO_NO_DATE;
    return d;
}

static int list_tx(db_conn *c, void *vctx)
{
    bus_ctx *x = vctx;
    db_param p[] = {dbp_int(x->org), dbp_int(x->after), dbp_int(x->limit)};
    db_rows *r;
    int rc = db_query(
        c,
        "SELECT p.id, p.verzoek_id, l.agb, a.agb, v.zorgtype, v.zorgtitel, iv.urgentie, "
        "iv.beveiligingsniveau, p.aanmelddatum, p.status, j.id, j.bsn, j.geboortedatum, "
        "j.geslacht "
        "FROM toeleidingspoging p "
        "JOIN zorglocatie l ON l.id = p.zorglocatie_id "
        "JOIN zorgaanbieder a ON a.id = l.zorgaanbieder_id "
        "JOIN plaatsingsverzoek v ON v.id = p.verzoek_id "
        "JOIN indicatie i ON i.id = v.indicatie_id "
        "JOIN indicatie_versie iv ON iv.indicatie_id = i.id AND iv.versie = i.huidige_versie "
        "JOIN justitiabele j ON j.id = v.justitiabele_id "
        "LEFT JOIN bericht_ontvangst o ON o.poging_id = p.id "
        "WHERE a.organisation_id = $1 AND p.id > $2 AND o.poging_id IS NULL "
        "ORDER BY p.id LIMIT $3",
        p, 3, &r);
    if (rc != STORE_OK)
        return rc;
    size_t cap = 0;
    int step;
    while ((step = db_rows_next(r)) == 1) {
        if (!store_grow((void **)&x->items, &cap, x->n, sizeof *x->items)) {
            step = -STORE_ERROR;
            break;
        }
        store_fz821 *m = &x->items[x->n++];
        memset(m, 0, sizeof *m);
        m->seq = db_col_int(r, 0);
        m->verzoek_id = db_col_int(r, 1);
        db_col_copy(r, 2, m->locatie_agb, sizeof m->locatie_agb);
        db_col_copy(r, 3, m->aanbieder_agb, sizeof m->aanbieder_agb);
        db_col_copy(r, 4, m->zorgtype, sizeof m->zorgtype);
        db_col_copy(r, 5, m->zorgtitel, sizeof m->zorgtitel);
        db_col_copy(r, 6, m->urgentie, sizeof m->urgentie);
        db_col_copy(r, 7, m->beveiligingsniveau, sizeof m->beveiligingsniveau);
        m->aanmelddatum = date_col(r, 8);
        db_col_copy(r, 9, m->poging_status, sizeof m->poging_status);
        m->justitiabele_id = db_col_int(r, 10);
        db_col_copy(r, 11, m->bsn, sizeof m->bsn);
        m->geboortedatum = date_col(r, 12);
        db_col_copy(r, 13, m->geslacht, sizeof m->geslacht);
    }
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

int store_mailbox_list(store *s, int64_t organisation_id, int64_t after, int limit,
                       store_fz821 **items, size_t *count)
{
    if (items == NULL || count == NULL)
        return STORE_INVALID;
    *items = NULL;
    *count = 0;
    if (organisation_id < 1 || after < 0 || limit < 1 || limit > 1000)
        return STORE_INVALID;
    bus_ctx x = {.org = organisation_id, .after = after, .limit = limit};
    int rc = store_tx(s, false, list_tx, &x);
    if (rc != STORE_OK) {
        free(x.items);
        return rc;
    }
    *items = x.n ? x.items : NULL;
    if (x.n == 0)
        free(x.items);
    *count = x.n;
    return STORE_OK;
}

static int ack_tx(db_conn *c, void *vctx)
{
    bus_ctx *x = vctx;
    db_param p[] = {dbp_int(x->seq), dbp_int(x->org)};
    int64_t n = 0;
    int rc = store_query_int(c,
                             "SELECT COUNT(*) FROM toeleidingspoging p "
                             "JOIN zorglocatie l ON l.id = p.zorglocatie_id "
                             "JOIN zorgaanbieder a ON a.id = l.zorgaanbieder_id "
                             "WHERE p.id = $1 AND a.organisation_id = $2",
                             p, 2, &n);
    if (rc != STORE_OK)
        return rc;
    if (n == 0)
        return STORE_NOT_FOUND;
    db_param q[] = {dbp_int(x->seq)};
    rc =
        store_query_int(c, "SELECT COUNT(*) FROM bericht_ontvangst WHERE poging_id = $1", q, 1, &n);
    if (rc != STORE_OK)
        return rc;
    if (n > 0) {
        x->flag = true;
        return STORE_OK;
    }
    char now[32];
    store_now_utc(now, sizeof now);
    db_param w[] = {dbp_int(x->seq), dbp_int(x->org), x->token ? dbp_int(x->token) : dbp_null(),
                    dbp_text(now)};
    rc = db_exec(c,
                 "INSERT INTO bericht_ontvangst (poging_id, organisation_id, token_id, "
                 "ontvangen_op) VALUES ($1, $2, $3, $4)",
                 w, 4, NULL);
    /* Acknowledged at the same moment by another request: retry; the SELECT then sees it. */
    return rc == STORE_DUPLICATE ? STORE_BUSY : rc;
}

int store_mailbox_ack(store *s, int64_t organisation_id, int64_t seq, int64_t token_id,
                      bool *already)
{
    if (already == NULL || organisation_id < 1 || seq < 1)
        return STORE_INVALID;
    bus_ctx x = {.org = organisation_id, .seq = seq, .token = token_id};
    int rc = store_tx(s, true, ack_tx, &x);
    *already = rc == STORE_OK && x.flag;
    return rc;
}

static int sender_tx(db_conn *c, void *vctx)
{
    bus_ctx *x = vctx;
    db_param p[] = {dbp_int(x->org), dbp_text(x->agb)};
    int64_t n = 0;
    int rc = store_query_int(c,
                             "SELECT COUNT(*) FROM zorgaanbieder a WHERE a.organisation_id = $1 "
                             "AND (a.agb = $2 OR EXISTS (SELECT 1 FROM zorglocatie l "
                             "WHERE l.zorgaanbieder_id = a.id AND l.agb = $2))",
                             p, 2, &n);
    x->flag = rc == STORE_OK && n > 0;
    return rc;
}

int store_mailbox_sender_ok(store *s, int64_t organisation_id, const char *agb, bool *ok)
{
    if (ok == NULL || agb == NULL)
        return STORE_INVALID;
    *ok = false;
    bus_ctx x = {.org = organisation_id, .agb = agb};
    int rc = store_tx(s, false, sender_tx, &x);
    *ok = rc == STORE_OK && x.flag;
    return rc;
}
