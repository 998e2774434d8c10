/*
 * plaatsing.c - placement requests, attempts, reactions, cancellations, decisions and the
 * event table (store/plaatsing.h). The state machine is core's; this module only loads a
 * request as one value and saves the difference between two values in one transaction.
 */
#include "store/plaatsing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/access_log_internal.h"
#include "store/catalog_internal.h"
#include "store/monitor_internal.h"

void store_plaatsing_free(store_plaatsing *p)
{
    if (p) {
        free(p->pogingen);
        p->pogingen = NULL;
        p->n = 0;
    }
}

void store_plaatsing_list_free(store_plaatsing *items, size_t count)
{
    for (size_t i = 0; items && i < count; i++)
        store_plaatsing_free(&items[i]);
    free(items);
}

/* ---- reading --------------------------------------------------------------------------- */

#define PV_COLS                                                                                    \
    "v.id, v.indicatie_id, v.justitiabele_id, v.plaatser_organisatie_id, v.zorgtype, "             \
    "v.zorgtitel, v.titel_start, v.titel_eind, v.status, v.aangemaakt_op, v.startdatum, "          \
    "v.einddatum, v.mutatiereden, v.meldingsdatum, v.einde_te_laat, v.version, v.created_at, "     \
    "v.updated_at, b.besluitnummer, b.poging_id, b.zorglocatie_id, b.zorgtype, "                   \
    "b.verwachte_startdatum, b.besluitdatum, "                                                     \
    "(SELECT e.stap FROM plaatsing_gebeurtenis e WHERE e.verzoek_id = v.id AND e.stap IN "         \
    "('einde_zorg', 'intrekking_einde_zorg') ORDER BY e.id DESC LIMIT 1)"
#define PV_FROM "plaatsingsverzoek v LEFT JOIN plaatsingsbesluit b ON b.verzoek_id = v.id"

static void read_pv(db_rows *r, store_plaatsing *o)
{
    memset(o, 0, sizeof *o);
    plaatsingsverzoek *v = &o->v;
    v->id = db_col_int(r, 0);
    v->indicatie_id = db_col_int(r, 1);
    v->justitiabele_id = db_col_int(r, 2);
    v->plaatser_organisatie_id = db_col_int(r, 3);
    db_col_copy(r, 4, v->zorgtype, sizeof v->zorgtype);
    db_col_copy(r, 5, v->zorgtitel, sizeof v->zorgtitel);
    v->titel_start = store_col_date(r, 6);
    v->titel_eind = store_col_date(r, 7);
    if (!plaatsing_status_from_name(db_col_text(r, 8), &v->status))
        v->status = PV_INGETROKKEN;
    v->aangemaakt_op = store_col_date(r, 9);
    v->startdatum = store_col_date(r, 10);
    v->einddatum = store_col_date(r, 11);
    db_col_copy(r, 12, v->mutatiereden, sizeof v->mutatiereden);
    v->meldingsdatum = store_col_date(r, 13);
    v->einde_te_laat = db_col_int(r, 14) != 0;
    o->m.version = db_col_int(r, 15);
    db_col_copy(r, 16, o->m.created_at, sizeof o->m.created_at);
    db_col_copy(r, 17, o->m.updated_at, sizeof o->m.updated_at);
    db_col_copy(r, 18, v->besluitnummer, sizeof v->besluitnummer);
    v->besluit_poging_id = db_col_null(r, 19) ? 0 : db_col_int(r, 19);
    v->besluit_zorglocatie_id = db_col_null(r, 20) ? 0 : db_col_int(r, 20);
    db_col_copy(r, 21, v->besluit_zorgtype, sizeof v->besluit_zorgtype);
    v->verwachte_startdatum = store_col_date(r, 22);
    v->besluitdatum = store_col_date(r, 23);
    /* Derived from the events, not stored twice: the last end report was withdrawn. */
    v->einde_ingetrokken =
        !db_col_null(r, 24) && strcmp(db_col_text(r, 24), "intrekking_einde_zorg") == 0;
}

#define TP_COLS                                                                                    \
    "p.id, p.verzoek_id, p.zorglocatie_id, p.status, p.parallel, p.aanmelddatum, p.verlengd, "     \
    "p.version, p.created_at, p.updated_at, r.code, r.toelichting, r.datum, a.op_verzoek, "        \
    "a.reden, a.motivatie, a.datum, l.zorgaanbieder_id, z.organisation_id, l.agb, z.agb, "         \
    "vs.volgnummer, p.afwijking_code, p.afwijking_tekst"
#define TP_FROM                                                                                    \
    "toeleidingspoging p LEFT JOIN reactie r ON r.poging_id = p.id "                               \
    "LEFT JOIN annulering a ON a.poging_id = p.id "                                                \
    "JOIN zorglocatie l ON l.id = p.zorglocatie_id "                                               \
    "JOIN zorgaanbieder z ON z.id = l.zorgaanbieder_id "                                           \
    "LEFT JOIN voorstel vs ON vs.id = p.voorstel_id"

static void read_tp(db_rows *r, int off, store_toeleidingspoging *o)
{
    memset(o, 0, sizeof *o);
    toeleidingspoging *v = &o->v;
    v->id = db_col_int(r, off + 0);
    v->verzoek_id = db_col_int(r, off + 1);
    v->zorglocatie_id = db_col_int(r, off + 2);
    if (!poging_status_from_name(db_col_text(r, off + 3), &v->status))
        v->status = TP_GEANNULEERD;
    v->parallel = db_col_int(r, off + 4) != 0;
    v->aanmelddatum = store_col_date(r, off + 5);
    v->verlengd = db_col_int(r, off + 6) != 0;
    o->m.version = db_col_int(r, off + 7);
    db_col_copy(r, off + 8, o->m.created_at, sizeof o->m.created_at);
    db_col_copy(r, off + 9, o->m.updated_at, sizeof o->m.updated_at);
    db_col_copy(r, off + 10, v->reactie, sizeof v->reactie);
    db_col_copy(r, off + 11, v->reactie_toelichting, sizeof v->reactie_toelichting);
    v->reactiedatum = store_col_date(r, off + 12);
    db_col_copy(r, off + 13, v->op_verzoek, sizeof v->op_verzoek);
    db_col_copy(r, off + 14, v->annuleringsreden, sizeof v->annuleringsreden);
    db_col_copy(r, off + 15, v->motivatie, sizeof v->motivatie);
    v->annuleringsdatum = store_col_date(r, off + 16);
    o->zorgaanbieder_id = db_col_int(r, off + 17);
    o->aanbieder_organisatie_id = db_col_null(r, off + 18) ? 0 : db_col_int(r, off + 18);
    db_col_copy(r, off + 19, o->locatie_agb, sizeof o->locatie_agb);
    db_col_copy(r, off + 20, o->aanbieder_agb, sizeof o->aanbieder_agb);
    o->voorstel_volgnummer = db_col_null(r, off + 21) ? 0 : (int)db_col_int(r, off + 21);
    db_col_copy(r, off + 22, o->afwijking_code, sizeof o->afwijking_code);
    db_col_copy(r, off + 23, o->afwijking_tekst, sizeof o->afwijking_tekst);
}

static int fetch_pogingen(db_conn *c, store_plaatsing *o)
{
    db_param p[] = {dbp_int(o->v.id)};
    db_rows *r;
    int rc = db_query(
        c, "SELECT " TP_COLS " FROM " TP_FROM " WHERE p.verzoek_id = $1 ORDER BY p.id", p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    size_t cap = 0;
    int step;
    while ((step = db_rows_next(r)) == 1) {
        if (o->n == cap) {
            cap = cap ? cap * 2 : 4;
            store_toeleidingspoging *n = realloc(o->pogingen, cap * sizeof *n);
            if (n == NULL) {
                db_rows_free(r);
                return STORE_ERROR;
            }
            o->pogingen = n;
        }
        read_tp(r, 0, &o->pogingen[o->n++]);
    }
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

static int fetch(db_conn *c, int64_t id, store_plaatsing *out)
{
    db_param p[] = {dbp_int(id)};
    db_rows *r;
    int rc = db_query(c, "SELECT " PV_COLS " FROM " PV_FROM " WHERE v.id = $1", p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1)
        read_pv(r, out);
    db_rows_free(r);
    if (step != 1)
        return step == 0 ? STORE_NOT_FOUND : -step;
    return fetch_pogingen(c, out);
}

/* ---- writing --------------------------------------------------------------------------- */

typedef struct {
    const store_plaatsing *before;
    const store_plaatsing *after;
    const plaatsingsverzoek *in;
    const store_plaatsing_stap *stap;
    store_access_entry *log;
    int64_t id;
    int64_t new_poging_id;
    store_plaatsing *out;
} save_ctx;

static int insert_event(db_conn *c, int64_t verzoek_id, int64_t poging_id, int64_t locatie_id,
                        const char *stap, const char *van, const char *naar, ifzo_date datum,
                        const char *code, const char *tekst, bool te_laat,
                        const store_access_entry *who, const char *now)
{
    char dbuf[IFZO_DATE_BUFSIZE];
    db_param p[] = {dbp_int(verzoek_id),
                    poging_id > 0 ? dbp_int(poging_id) : dbp_null(),
                    locatie_id > 0 ? dbp_int(locatie_id) : dbp_null(),
                    dbp_text(stap),
                    dbp_text(van),
                    dbp_text(naar),
                    store_date_param(datum, dbuf),
                    dbp_text(code ? code : ""),
                    dbp_text(tekst ? tekst : ""),
                    dbp_int(te_laat ? 1 : 0),
                    who && who->user_id > 0 ? dbp_int(who->user_id) : dbp_null(),
                    dbp_text(who ? who->username : ""),
                    dbp_text(who ? who->role : ""),
                    who && who->organisation_id > 0 ? dbp_int(who->organisation_id) : dbp_null(),
                    dbp_text(now)};
    int rc =
        db_exec(c,
                "INSERT INTO plaatsing_gebeurtenis (verzoek_id, poging_id, zorglocatie_id, stap, "
                "status_van, status_naar, datum, code, tekst, te_laat, user_id, username, role, "
                "organisation_id, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                "$12, $13, $14, $15)",
                p, 15, NULL);
    /* The capacity monitor's counts follow the event in the same transaction (monitor.h). */
    store_monitor_event me = {verzoek_id, poging_id, locatie_id, stap, datum, code, te_laat};
    return rc != STORE_OK ? rc : store_monitor_event_in(c, &me);
}

static int append_log(db_conn *c, store_access_entry *log, int64_t object_id)
{
    if (log == NULL)
        return STORE_OK;
    if (log->object_id == 0)
        log->object_id = object_id;
    return store_access_log_append_in(c, log);
}

static int create_tx(db_conn *c, void *vctx)
{
    save_ctx *x = vctx;
    const plaatsingsverzoek *v = x->in;
    char now[32], d[3][IFZO_DATE_BUFSIZE];
    store_now_utc(now, sizeof now);
    /* Parents must exist: checked here so both engines answer the same (STORE_INVALID). */
    int64_t n = 0;
    db_param pk[] = {dbp_int(v->indicatie_id), dbp_int(v->justitiabele_id),
                     dbp_int(v->plaatser_organisatie_id)};
    int rc = store_query_int(c,
                             "SELECT (SELECT COUNT(*) FROM indicatie WHERE id = $1) + "
                             "(SELECT COUNT(*) FROM justitiabele WHERE id = $2) + "
                             "(SELECT COUNT(*) FROM organisation WHERE id = $3)",
                             pk, 3, &n);
    if (rc != STORE_OK)
        return rc;
    if (n != 3)
        return STORE_INVALID;
    db_param p[] = {dbp_int(v->indicatie_id),
                    dbp_int(v->justitiabele_id),
                    dbp_int(v->plaatser_organisatie_id),
                    dbp_text(v->zorgtype),
                    dbp_text(v->zorgtitel),
                    store_date_param(v->titel_start, d[0]),
                    store_date_param(v->titel_eind, d[1]),
                    dbp_text(plaatsing_status_name(v->status)),
                    store_date_param(v->aangemaakt_op, d[2]),
                    dbp_text(now)};
    rc = store_query_int(c,
                         "INSERT INTO plaatsingsverzoek (indicatie_id, justitiabele_id, "
                         "plaatser_organisatie_id, zorgtype, zorgtitel, titel_start, titel_eind, "
                         "status, aangemaakt_op, created_at, updated_at) VALUES ($1, $2, $3, $4, "
                         "$5, $6, $7, $8, $9, $10, $10) RETURNING id",
                         p, 10, &x->id);
    if (rc != STORE_OK)
        return rc;
    rc = insert_event(c, x->id, 0, 0, "aanmaken", "-", plaatsing_status_name(v->status),
                      v->aangemaakt_op, NULL, NULL, false, x->log, now);
    if (rc == STORE_OK)
        rc = append_log(c, x->log, x->id);
    return rc != STORE_OK ? rc : fetch(c, x->id, x->out);
}

int store_plaatsing_create(store *s, const plaatsingsverzoek *in, store_access_entry *log,
                           store_plaatsing *out)
{
    memset(out, 0, sizeof *out);
    save_ctx x = {.in = in, .log = log, .out = out};
    return store_tx(s, true, create_tx, &x);
}

static int get_tx(db_conn *c, void *vctx)
{
    save_ctx *x = vctx;
    store_plaatsing_free(x->out);
    return fetch(c, x->id, x->out);
}

int store_plaatsing_get(store *s, int64_t id, store_plaatsing *out)
{
    memset(out, 0, sizeof *out);
    save_ctx x = {.id = id, .out = out};
    return store_tx(s, false, get_tx, &x);
}

typedef struct {
    int64_t id;
    int64_t verzoek_id;
    const char *nummer;
} poging_ctx;

static int besluit_tx(db_conn *c, void *vctx)
{
    poging_ctx *x = vctx;
    db_param p[] = {dbp_text(x->nummer)};
    return store_query_int(c, "SELECT verzoek_id FROM plaatsingsbesluit WHERE besluitnummer = $1",
                           p, 1, &x->verzoek_id);
}

int store_plaatsing_by_besluit(store *s, const char *besluitnummer, int64_t *verzoek_id)
{
    poging_ctx x = {.nummer = besluitnummer};
    if (besluitnummer == NULL)
        return STORE_INVALID;
    int rc = store_tx(s, false, besluit_tx, &x);
    if (rc == STORE_OK)
        *verzoek_id = x.verzoek_id;
    return rc;
}

static int poging_tx(db_conn *c, void *vctx)
{
    poging_ctx *x = vctx;
    db_param p[] = {dbp_int(x->id)};
    return store_query_int(c, "SELECT verzoek_id FROM toeleidingspoging WHERE id = $1", p, 1,
                           &x->verzoek_id);
}

int store_poging_verzoek(store *s, int64_t poging_id, int64_t *verzoek_id)
{
    poging_ctx x = {.id = poging_id};
    int rc = store_tx(s, false, poging_tx, &x);
    if (rc == STORE_OK)
        *verzoek_id = x.verzoek_id;
    return rc;
}

static const store_toeleidingspoging *find(const store_plaatsing *p, int64_t id)
{
    for (size_t i = 0; id > 0 && i < p->n; i++)
        if (p->pogingen[i].v.id == id)
            return &p->pogingen[i];
    return NULL;
}

/* The proposal a new attempt was made from, its weighing and deviation (migration 0007). */
static int save_keuze(db_conn *c, const store_poging_keuze *k, int64_t poging_id)
{
    if (k == NULL)
        return STORE_OK;
    db_param p[] = {k->voorstel_id > 0 ? dbp_int(k->voorstel_id) : dbp_null(),
                    dbp_text(k->afwijking_code ? k->afwijking_code : ""),
                    dbp_text(k->afwijking_tekst ? k->afwijking_tekst : ""), dbp_int(poging_id)};
    int rc = db_exec(c,
                     "UPDATE toeleidingspoging SET voorstel_id = $1, afwijking_code = $2, "
                     "afwijking_tekst = $3 WHERE id = $4",
                     p, 4, NULL);
    for (int i = 0; rc == STORE_OK && i < 10; i++) {
        if (k->weging[i] == NULL)
            continue;
        char code[4];
        snprintf(code, sizeof code, "%02d", i + 1);
        db_param pw[] = {dbp_int(poging_id), dbp_text(code), dbp_text(k->weging[i])};
        rc = db_exec(c, "INSERT INTO poging_weging (poging_id, code, tekst) VALUES ($1, $2, $3)",
                     pw, 3, NULL);
    }
    return rc;
}

static int save_poging(db_conn *c, save_ctx *x, const store_toeleidingspoging *a, const char *now)
{
    const toeleidingspoging *v = &a->v;
    const store_toeleidingspoging *b = find(x->before, v->id);
    char d[IFZO_DATE_BUFSIZE];
    int rc = STORE_OK;
    int64_t id = v->id;
    if (b == NULL) {
        db_param p[] = {dbp_int(x->before->v.id),
                        dbp_int(v->zorglocatie_id),
                        dbp_text(poging_status_name(v->status)),
                        dbp_int(v->parallel ? 1 : 0),
                        store_date_param(v->aanmelddatum, d),
                        dbp_int(v->verlengd ? 1 : 0),
                        dbp_text(now)};
        int64_t n = 0;
        db_param pl[] = {dbp_int(v->zorglocatie_id)};
        rc = store_query_int(c, "SELECT COUNT(*) FROM zorglocatie WHERE id = $1", pl, 1, &n);
        if (rc != STORE_OK)
            return rc;
        if (n != 1)
            return STORE_INVALID;
        rc =
            store_query_int(c,
                            "INSERT INTO toeleidingspoging (verzoek_id, zorglocatie_id, status, "
                            "parallel, aanmelddatum, verlengd, created_at, updated_at) VALUES ($1, "
                            "$2, $3, $4, $5, $6, $7, $7) RETURNING id",
                            p, 7, &id);
        if (rc != STORE_OK)
            return rc;
        x->new_poging_id = id;
        rc = save_keuze(c, x->stap->keuze, id);
        if (rc != STORE_OK)
            return rc;
    } else if (b->v.status != v->status || b->v.verlengd != v->verlengd) {
        db_param p[] = {dbp_text(poging_status_name(v->status)), dbp_int(v->verlengd ? 1 : 0),
                        dbp_text(now), dbp_int(v->id), dbp_int(b->m.version)};
        int64_t changed = 0;
        rc = db_exec(c,
                     "UPDATE toeleidingspoging SET status = $1, verlengd = $2, updated_at = $3, "
                     "version = version + 1 WHERE id = $4 AND version = $5",
                     p, 5, &changed);
        if (rc != STORE_OK)
            return rc;
        if (changed == 0)
            return STORE_CONFLICT;
    }
    if (v->reactie[0] && (b == NULL || b->v.reactie[0] == '\0')) {
        const codelist_entry *e = codelist_lookup_in(CODELIST_REACTIEMOGELIJKHEID, v->reactie);
        db_param p[] = {dbp_int(id),
                        dbp_text(v->reactie),
                        dbp_int(codelist_reactie_accepts(e) ? 1 : 0),
                        dbp_text(v->reactie_toelichting),
                        store_date_param(v->reactiedatum, d),
                        dbp_text(now)};
        rc = db_exec(c,
                     "INSERT INTO reactie (poging_id, code, accepteert, toelichting, datum, "
                     "created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                     p, 6, NULL);
        if (rc != STORE_OK)
            return rc;
    }
    if (v->annuleringsreden[0] && (b == NULL || b->v.annuleringsreden[0] == '\0')) {
        db_param p[] = {dbp_int(id),
                        dbp_text(v->op_verzoek),
                        dbp_text(v->annuleringsreden),
                        dbp_text(v->motivatie),
                        store_date_param(v->annuleringsdatum, d),
                        dbp_text(now)};
        rc = db_exec(c,
                     "INSERT INTO annulering (poging_id, op_verzoek, reden, motivatie, datum, "
                     "created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                     p, 6, NULL);
        if (rc != STORE_OK)
            return rc;
        /* A cancellation that is not the step itself (withdrawal) gets its own event. */
        if (x->stap->poging_id != v->id)
            rc = insert_event(c, x->before->v.id, id, v->zorglocatie_id, "annuleren",
                              b ? poging_status_name(b->v.status) : "-",
                              poging_status_name(v->status), v->annuleringsdatum,
                              v->annuleringsreden, v->motivatie, false, x->log, now);
    }
    return rc;
}

static int save_tx(db_conn *c, void *vctx)
{
    save_ctx *x = vctx;
    const plaatsingsverzoek *b = &x->before->v, *a = &x->after->v;
    char now[32], d[4][IFZO_DATE_BUFSIZE];
    store_now_utc(now, sizeof now);
    db_param p[] = {dbp_text(plaatsing_status_name(a->status)),
                    store_date_param(a->startdatum, d[0]),
                    store_date_param(a->einddatum, d[1]),
                    dbp_text(a->mutatiereden),
                    store_date_param(a->meldingsdatum, d[2]),
                    dbp_int(a->einde_te_laat ? 1 : 0),
                    dbp_text(now),
                    dbp_int(b->id),
                    dbp_int(x->before->m.version)};
    int64_t changed = 0;
    int rc = db_exec(c,
                     "UPDATE plaatsingsverzoek SET status = $1, startdatum = $2, einddatum = $3, "
                     "mutatiereden = $4, meldingsdatum = $5, einde_te_laat = $6, updated_at = $7, "
                     "version = version + 1 WHERE id = $8 AND version = $9",
                     p, 9, &changed);
    if (rc != STORE_OK)
        return rc;
    if (changed == 0) {
        db_param pk[] = {dbp_int(b->id)};
        int64_t n = 0;
        rc = store_query_int(c, "SELECT COUNT(*) FROM plaatsingsverzoek WHERE id = $1", pk, 1, &n);
        return rc != STORE_OK ? rc : n == 0 ? STORE_NOT_FOUND : STORE_CONFLICT;
    }
    for (size_t i = 0; i < x->after->n; i++) {
        rc = save_poging(c, x, &x->after->pogingen[i], now);
        if (rc != STORE_OK)
            return rc;
    }
    if (a->besluitnummer[0] && b->besluitnummer[0] == '\0') {
        int64_t n = 0;
        db_param pn[] = {dbp_text(a->besluitnummer)};
        rc = store_query_int(c, "SELECT COUNT(*) FROM plaatsingsbesluit WHERE besluitnummer = $1",
                             pn, 1, &n);
        if (rc != STORE_OK)
            return rc;
        if (n > 0)
            return STORE_DUPLICATE;
        db_param pb[] = {dbp_int(b->id),
                         dbp_int(a->besluit_poging_id),
                         dbp_text(a->besluitnummer),
                         dbp_int(a->besluit_zorglocatie_id),
                         dbp_text(a->besluit_zorgtype),
                         store_date_param(a->verwachte_startdatum, d[0]),
                         store_date_param(a->besluitdatum, d[1]),
                         dbp_text(now)};
        rc = db_exec(c,
                     "INSERT INTO plaatsingsbesluit (verzoek_id, poging_id, besluitnummer, "
                     "zorglocatie_id, zorgtype, verwachte_startdatum, besluitdatum, created_at) "
                     "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                     pb, 8, NULL);
        if (rc != STORE_OK)
            return rc;
    }
    /* The step's own event: on the attempt it names, else on the request. */
    const store_plaatsing_stap *st = x->stap;
    int64_t pid = st->poging_id == -1 ? x->new_poging_id : st->poging_id;
    const store_toeleidingspoging *pb = find(x->before, pid);
    const store_toeleidingspoging *pa = find(x->after, pid);
    const char *van, *naar;
    int64_t loc = 0;
    if (st->poging_id == -1) {
        const store_toeleidingspoging *n =
            x->after->n ? &x->after->pogingen[x->after->n - 1] : NULL;
        van = "-";
        naar = n ? poging_status_name(n->v.status) : "-";
        loc = n ? n->v.zorglocatie_id : 0;
    } else if (pa != NULL) {
        van = pb ? poging_status_name(pb->v.status) : "-";
        naar = poging_status_name(pa->v.status);
        loc = pa->v.zorglocatie_id;
    } else {
        van = plaatsing_status_name(b->status);
        naar = plaatsing_status_name(a->status);
        loc = a->besluit_zorglocatie_id;
    }
    rc = insert_event(c, b->id, pid, loc, st->stap, van, naar, st->datum, st->code, st->tekst,
                      st->te_laat, x->log, now);
    if (rc == STORE_OK && b->status != a->status && a->status == PV_INGETROKKEN && pa != NULL)
        /* The request changed too (withdrawal): record its change as well. */
        rc = insert_event(c, b->id, 0, 0, "intrekken", plaatsing_status_name(b->status),
                          plaatsing_status_name(a->status), st->datum, st->code, st->tekst, false,
                          x->log, now);
    if (rc == STORE_OK)
        rc = append_log(c, x->log, b->id);
    if (rc != STORE_OK)
        return rc;
    store_plaatsing_free(x->out);
    return fetch(c, b->id, x->out);
}

int store_plaatsing_save(store *s, const store_plaatsing *before, const store_plaatsing *after,
                         const store_plaatsing_stap *stap, store_access_entry *log,
                         store_plaatsing *out)
{
    memset(out, 0, sizeof *out);
    if (before == NULL || after == NULL || stap == NULL || stap->stap == NULL ||
        before->v.id != after->v.id)
        return STORE_INVALID;
    save_ctx x = {.before = before, .after = after, .stap = stap, .log = log, .out = out};
    return store_tx(s, true, save_tx, &x);
}

/* ---- lists ----------------------------------------------------------------------------- */

typedef struct {
    int64_t org, org2;
    const char *status;
    int limit;
    store_plaatsing *pv;
    store_poging_item *tp;
    store_plaatsing_event *ev;
    size_t n, cap;
} list_ctx;

static int pv_list_tx(db_conn *c, void *vctx)
{
    list_ctx *x = vctx;
    db_param p[] = {x->org > 0 ? dbp_int(x->org) : dbp_null(),
                    x->status ? dbp_text(x->status) : dbp_null(), dbp_int(x->limit)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT " PV_COLS " FROM " PV_FROM
                      " WHERE (CAST($1 AS TEXT) IS NULL OR v.plaatser_organisatie_id = "
                      "CAST($1 AS BIGINT)) AND (CAST($2 AS TEXT) IS NULL OR v.status = $2) "
                      "ORDER BY v.id DESC LIMIT $3",
                      p, 3, &r);
    if (rc != STORE_OK)
        return rc;
    int step;
    while ((step = db_rows_next(r)) == 1) {
        if (!store_grow((void **)&x->pv, &x->cap, x->n, sizeof *x->pv)) {
            db_rows_free(r);
            return STORE_ERROR;
        }
        read_pv(r, &x->pv[x->n++]);
    }
    db_rows_free(r);
    if (step < 0)
        return -step;
    for (size_t i = 0; i < x->n; i++)
        if ((rc = fetch_pogingen(c, &x->pv[i])) != STORE_OK)
            return rc;
    return STORE_OK;
}

int store_plaatsing_list(store *s, int64_t plaatser_organisatie_id, const char *status, int limit,
                         store_plaatsing **items, size_t *count)
{
    list_ctx x = {.org = plaatser_organisatie_id, .status = status, .limit = limit};
    *items = NULL;
    *count = 0;
    int rc = store_tx(s, false, pv_list_tx, &x);
    if (rc != STORE_OK) {
        store_plaatsing_list_free(x.pv, x.n);
        return rc;
    }
    *items = x.pv;
    *count = x.n;
    return STORE_OK;
}

static int tp_list_tx(db_conn *c, void *vctx)
{
    list_ctx *x = vctx;
    db_param p[] = {x->org > 0 ? dbp_int(x->org) : dbp_null(),
                    x->org2 > 0 ? dbp_int(x->org2) : dbp_null(),
                    x->status ? dbp_text(x->status) : dbp_null(), dbp_int(x->limit)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT " TP_COLS ", v.zorgtype, v.justitiabele_id, "
                      "v.plaatser_organisatie_id FROM " TP_FROM
                      " JOIN plaatsingsverzoek v ON v.id = p.verzoek_id "
                      "WHERE (CAST($1 AS TEXT) IS NULL OR z.organisation_id = CAST($1 AS BIGINT)) "
                      "AND (CAST($2 AS TEXT) IS NULL OR v.plaatser_organisatie_id = "
                      "CAST($2 AS BIGINT)) AND (CAST($3 AS TEXT) IS NULL OR p.status = $3) "
                      "ORDER BY p.id LIMIT $4",
                      p, 4, &r);
    if (rc != STORE_OK)
        return rc;
    int step;
    while ((step = db_rows_next(r)) == 1) {
        if (!store_grow((void **)&x->tp, &x->cap, x->n, sizeof *x->tp)) {
            db_rows_free(r);
            return STORE_ERROR;
        }
        store_poging_item *it = &x->tp[x->n++];
        read_tp(r, 0, &it->p);
        db_col_copy(r, 24, it->zorgtype, sizeof it->zorgtype);
        it->justitiabele_id = db_col_int(r, 25);
        it->plaatser_organisatie_id = db_col_int(r, 26);
    }
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

int store_poging_list(store *s, int64_t aanbieder_organisatie_id, int64_t plaatser_organisatie_id,
                      const char *status, int limit, store_poging_item **items, size_t *count)
{
    list_ctx x = {.org = aanbieder_organisatie_id,
                  .org2 = plaatser_organisatie_id,
                  .status = status,
                  .limit = limit};
    *items = NULL;
    *count = 0;
    int rc = store_tx(s, false, tp_list_tx, &x);
    if (rc != STORE_OK) {
        free(x.tp);
        return rc;
    }
    *items = x.tp;
    *count = x.n;
    return STORE_OK;
}

static int ev_tx(db_conn *c, void *vctx)
{
    list_ctx *x = vctx;
    db_param p[] = {dbp_int(x->org)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT e.id, e.verzoek_id, e.poging_id, e.zorglocatie_id, e.stap, "
                      "e.status_van, e.status_naar, e.datum, e.code, e.tekst, e.te_laat, "
                      "e.user_id, e.username, e.role, e.organisation_id, e.at, o.name "
                      "FROM plaatsing_gebeurtenis e LEFT JOIN organisation o "
                      "ON o.id = e.organisation_id WHERE e.verzoek_id = $1 ORDER BY e.id",
                      p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    int step;
    while ((step = db_rows_next(r)) == 1) {
        if (!store_grow((void **)&x->ev, &x->cap, x->n, sizeof *x->ev)) {
            db_rows_free(r);
            return STORE_ERROR;
        }
        store_plaatsing_event *e = &x->ev[x->n++];
        memset(e, 0, sizeof *e);
        e->id = db_col_int(r, 0);
        e->verzoek_id = db_col_int(r, 1);
        e->poging_id = db_col_null(r, 2) ? 0 : db_col_int(r, 2);
        e->zorglocatie_id = db_col_null(r, 3) ? 0 : db_col_int(r, 3);
        db_col_copy(r, 4, e->stap, sizeof e->stap);
        db_col_copy(r, 5, e->status_van, sizeof e->status_van);
        db_col_copy(r, 6, e->status_naar, sizeof e->status_naar);
        e->datum = store_col_date(r, 7);
        db_col_copy(r, 8, e->code, sizeof e->code);
        db_col_copy(r, 9, e->tekst, sizeof e->tekst);
        e->te_laat = db_col_int(r, 10) != 0;
        e->user_id = db_col_null(r, 11) ? 0 : db_col_int(r, 11);
        db_col_copy(r, 12, e->username, sizeof e->username);
        db_col_copy(r, 13, e->role, sizeof e->role);
        e->organisation_id = db_col_null(r, 14) ? 0 : db_col_int(r, 14);
        db_col_copy(r, 15, e->at, sizeof e->at);
        if (!db_col_null(r, 16))
            db_col_copy(r, 16, e->organisation_name, sizeof e->organisation_name);
    }
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

int store_plaatsing_events(store *s, int64_t verzoek_id, store_plaatsing_event **items,
                           size_t *count)
{
    list_ctx x = {.org = verzoek_id};
    *items = NULL;
    *count = 0;
    int rc = store_tx(s, false, ev_tx, &x);
    if (rc != STORE_OK) {
        free(x.ev);
        return rc;
    }
    *items = x.ev;
    *count = x.n;
    return STORE_OK;
}
