/*
 * monitor.c - the capacity monitor's derived tables (migrations 0009, 0010): kept in step with
 * plaatsing_gebeurtenis by store_monitor_event_in (called by plaatsing.c in the event's own
 * transaction), rebuilt from the events, and read per period and dimension (store/monitor.h).
 */
#include "store/monitor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codelist.h"
#include "core/geo.h"
#include "core/plaatsing.h"
#include "store/catalog_internal.h"
#include "store/monitor_internal.h"
#include "store/store_internal.h"

/* ---- maintaining ----------------------------------------------------------------------- */

typedef struct {
    int64_t verzoek_id, justitiabele_id;
    char zorgtype[16], bev[16], arr[16];
    ifzo_date aanvraag, eerste_aanmelding, eerste_acceptatie, start, einde;
    int64_t aanbieder_id, locatie_id;
    char mutatiereden[16];
} traject;

typedef struct {
    int64_t aanbieder_id;
    char arr[16], bev[16];
} locatie;

/* The dimensions one count is filed under. */
typedef struct {
    const char *zorgtype, *bev, *arr;
    int64_t aanbieder_id, locatie_id;
} dims;

static int load_traject(db_conn *c, int64_t id, traject *t)
{
    db_param p[] = {dbp_int(id)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT verzoek_id, justitiabele_id, zorgtype, beveiligingsniveau, "
                      "arrondissement, aanvraagdatum, eerste_aanmelding, eerste_acceptatie, "
                      "zorgaanbieder_id, zorglocatie_id, startdatum, einddatum, mutatiereden "
                      "FROM monitor_traject WHERE verzoek_id = $1",
                      p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1) {
        t->verzoek_id = db_col_int(r, 0);
        t->justitiabele_id = db_col_int(r, 1);
        db_col_copy(r, 2, t->zorgtype, sizeof t->zorgtype);
        db_col_copy(r, 3, t->bev, sizeof t->bev);
        db_col_copy(r, 4, t->arr, sizeof t->arr);
        t->aanvraag = store_col_date(r, 5);
        t->eerste_aanmelding = store_col_date(r, 6);
        t->eerste_acceptatie = store_col_date(r, 7);
        t->aanbieder_id = db_col_int(r, 8);
        t->locatie_id = db_col_int(r, 9);
        t->start = store_col_date(r, 10);
        t->einde = store_col_date(r, 11);
        db_col_copy(r, 12, t->mutatiereden, sizeof t->mutatiereden);
    }
    db_rows_free(r);
    return step == 1 ? STORE_OK : step == 0 ? STORE_NOT_FOUND : -step;
}

static int load_locatie(db_conn *c, int64_t id, locatie *l)
{
    memset(l, 0, sizeof *l);
    db_param p[] = {dbp_int(id)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT zorgaanbieder_id, arrondissement, beveiligingsniveau FROM "
                      "zorglocatie WHERE id = $1",
                      p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1) {
        l->aanbieder_id = db_col_int(r, 0);
        db_col_copy(r, 1, l->arr, sizeof l->arr);
        db_col_copy(r, 2, l->bev, sizeof l->bev);
    }
    db_rows_free(r);
    return step == 1 ? STORE_OK : step == 0 ? STORE_NOT_FOUND : -step;
}

/* The dimension a period row keeps (migration 0010): none, or one of the five. */
enum { DIMENSIE_COUNT = 6 };
static const char *const dimensie_name[DIMENSIE_COUNT] = {
    "", "zorgtype", "beveiligingsniveau", "arrondissement", "zorgaanbieder", "zorglocatie"};

/* Adds delta to the count of (maat, dag, dims, sleutel, waarde) and to the same count in
 * the rows of dag's week, month, quarter and year (migration 0010), in the caller's
 * transaction: a period row is always the sum of its day rows. */
static int feit(db_conn *c, const char *maat, ifzo_date dag, const dims *d, const char *sleutel,
                int64_t waarde, int64_t delta)
{
    char day[IFZO_DATE_BUFSIZE], lbl[4][MONITOR_LABEL_BUF];
    if (ifzo_date_format(dag, day) != IFZO_CAL_OK)
        return STORE_OK; /* an event without a valid date counts nowhere */
    for (int k = 0; k < 4; k++)
        if (!monitor_periode_van((monitor_periode)k, dag, NULL, NULL, lbl[k]))
            return STORE_OK;
    db_param p[] = {dbp_text(maat),
                    dbp_text(day),
                    dbp_text(lbl[MON_WEEK]),
                    dbp_text(lbl[MON_MAAND]),
                    dbp_text(lbl[MON_KWARTAAL]),
                    dbp_text(lbl[MON_JAAR]),
                    dbp_text(d->zorgtype),
                    dbp_text(d->bev),
                    dbp_text(d->arr),
                    dbp_int(d->aanbieder_id),
                    dbp_int(d->locatie_id),
                    dbp_text(sleutel),
                    dbp_int(waarde),
                    dbp_int(delta)};
    int rc = db_exec(c,
                     "INSERT INTO monitor_feit (maat, dag, week, maand, kwartaal, jaar, zorgtype, "
                     "beveiligingsniveau, arrondissement, zorgaanbieder_id, zorglocatie_id, "
                     "sleutel, waarde, aantal) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, "
                     "$11, $12, $13, $14) ON CONFLICT (maat, dag, zorgtype, beveiligingsniveau, "
                     "arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, waarde) DO "
                     "UPDATE SET aantal = monitor_feit.aantal + excluded.aantal",
                     p, 14, NULL);
    if (rc != STORE_OK)
        return rc;
    /* $1 maat, $2..$5 the four labels, $6..$10 the dimensions, $11 sleutel, $12 waarde, $13
     * delta. One statement for the 24 period rows (4 soorten x 6 dimensie: no row is hit
     * twice); its text depends on nothing but the tables below. */
    db_param pp[] = {p[0], p[2], p[3],  p[4],  p[5],  p[6], p[7],
                     p[8], p[9], p[10], p[11], p[12], p[13]};
    static const char *const kept[DIMENSIE_COUNT] = {"", "$6", "$7", "$8", "$9", "$10"};
    static const char *const none[DIMENSIE_COUNT] = {"", "''", "''", "''", "0", "0"};
    char sql[4096];
    size_t len = (size_t)snprintf(sql, sizeof sql,
                                  "INSERT INTO monitor_feit_periode (maat, soort, dimensie, "
                                  "periode, zorgtype, beveiligingsniveau, arrondissement, "
                                  "zorgaanbieder_id, zorglocatie_id, sleutel, waarde, aantal) "
                                  "VALUES ");
    for (int k = 0; k < 4; k++)
        for (int dm = 0; dm < DIMENSIE_COUNT; dm++) {
            len += (size_t)snprintf(sql + len, sizeof sql - len, "%s($1, '%s', '%s', $%d",
                                    k || dm ? ", " : "", monitor_periode_name((monitor_periode)k),
                                    dimensie_name[dm], k + 2);
            for (int e = 1; e < DIMENSIE_COUNT; e++)
                len += (size_t)snprintf(sql + len, sizeof sql - len, ", %s",
                                        e == dm ? kept[e] : none[e]);
            len += (size_t)snprintf(sql + len, sizeof sql - len, ", $11, $12, $13)");
        }
    snprintf(sql + len, sizeof sql - len,
             " ON CONFLICT (maat, soort, dimensie, periode, zorgtype, beveiligingsniveau, "
             "arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, waarde) DO UPDATE SET "
             "aantal = monitor_feit_periode.aantal + excluded.aantal");
    return db_exec(c, sql, pp, 13, NULL);
}

static dims traject_dims(const traject *t, int64_t aanbieder_id, int64_t locatie_id)
{
    return (dims){t->zorgtype, t->bev, t->arr, aanbieder_id, locatie_id};
}

static int set_date(db_conn *c, const char *sql, int64_t id, ifzo_date d)
{
    char buf[IFZO_DATE_BUFSIZE];
    db_param p[] = {store_date_param(d, buf), dbp_int(id)};
    return db_exec(c, sql, p, 2, NULL);
}

static int wacht(db_conn *c, const traject *t, monitor_fase f, ifzo_date dag, const dims *d)
{
    static const char *const maat[MON_FASE_COUNT] = {"wacht_aanmelding", "wacht_acceptatie",
                                                     "wacht_start"};
    if (t->aanvraag == IFZO_NO_DATE || dag == IFZO_NO_DATE)
        return STORE_OK;
    return feit(c, maat[f], dag, d, monitor_binnen_norm(f, t->aanvraag, dag) ? "binnen" : "buiten",
                (int64_t)dag - t->aanvraag, 1);
}

static int on_aanmaken(db_conn *c, const store_monitor_event *e)
{
    db_param p[] = {dbp_int(e->verzoek_id)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT v.justitiabele_id, v.zorgtype, iv.beveiligingsniveau, j.postcode "
                      "FROM plaatsingsverzoek v JOIN indicatie i ON i.id = v.indicatie_id "
                      "JOIN indicatie_versie iv ON iv.indicatie_id = i.id AND iv.versie = "
                      "i.huidige_versie JOIN justitiabele j ON j.id = v.justitiabele_id "
                      "WHERE v.id = $1",
                      p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    traject t;
    memset(&t, 0, sizeof t);
    int step = db_rows_next(r);
    if (step == 1) {
        t.justitiabele_id = db_col_int(r, 0);
        db_col_copy(r, 1, t.zorgtype, sizeof t.zorgtype);
        db_col_copy(r, 2, t.bev, sizeof t.bev);
        struct ifzo_geo_place place;
        if (ifzo_geo_lookup(db_col_text(r, 3), &place) == IFZO_GEO_OK)
            snprintf(t.arr, sizeof t.arr, "%s", ifzo_arr_code(place.arrondissement));
    }
    db_rows_free(r);
    if (step != 1)
        return step == 0 ? STORE_OK : -step;
    char day[IFZO_DATE_BUFSIZE];
    db_param pi[] = {dbp_int(e->verzoek_id), dbp_int(t.justitiabele_id),
                     dbp_text(t.zorgtype),   dbp_text(t.bev),
                     dbp_text(t.arr),        store_date_param(e->datum, day)};
    if (pi[5].type == DB_NULL)
        return STORE_OK;
    rc = db_exec(c,
                 "INSERT INTO monitor_traject (verzoek_id, justitiabele_id, zorgtype, "
                 "beveiligingsniveau, arrondissement, aanvraagdatum) VALUES ($1, $2, $3, $4, "
                 "$5, $6)",
                 pi, 6, NULL);
    if (rc != STORE_OK)
        return rc;
    dims d = traject_dims(&t, 0, 0);
    return feit(c, "verzoek", e->datum, &d, "", 0, 1);
}

/* The referral date and extension of an attempt. */
static int poging_info(db_conn *c, int64_t poging_id, ifzo_date *aanmeld, bool *verlengd)
{
    db_param p[] = {dbp_int(poging_id)};
    db_rows *r;
    int rc =
        db_query(c, "SELECT aanmelddatum, verlengd FROM toeleidingspoging WHERE id = $1", p, 1, &r);
    if (rc != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    if (step == 1) {
        *aanmeld = store_col_date(r, 0);
        *verlengd = db_col_int(r, 1) != 0;
    }
    db_rows_free(r);
    return step == 1 ? STORE_OK : step == 0 ? STORE_NOT_FOUND : -step;
}

static int on_reactie(db_conn *c, const store_monitor_event *e, traject *t, const dims *d)
{
    int rc = feit(c, "reactie", e->datum, d, e->code ? e->code : "", 0, 1);
    if (rc != STORE_OK)
        return rc;
    plaatsingsverzoek pv;
    toeleidingspoging tp;
    memset(&pv, 0, sizeof pv);
    memset(&tp, 0, sizeof tp);
    snprintf(pv.zorgtype, sizeof pv.zorgtype, "%s", t->zorgtype);
    if ((rc = poging_info(c, e->poging_id, &tp.aanmelddatum, &tp.verlengd)) != STORE_OK)
        return rc == STORE_NOT_FOUND ? STORE_OK : rc;
    ifzo_date deadline;
    if (plaatsing_termijn(&pv, &tp, &deadline) && e->datum != IFZO_NO_DATE) {
        rc = feit(c, "reactietermijn", e->datum, d, e->datum <= deadline ? "binnen" : "buiten",
                  (int64_t)e->datum - tp.aanmelddatum, 1);
        if (rc != STORE_OK)
            return rc;
    }
    if (strcmp(e->stap, "accepteren") == 0 && t->eerste_acceptatie == IFZO_NO_DATE) {
        rc = set_date(c, "UPDATE monitor_traject SET eerste_acceptatie = $1 WHERE verzoek_id = $2",
                      t->verzoek_id, e->datum);
        if (rc == STORE_OK)
            rc = wacht(c, t, MON_FASE_ACCEPTATIE, e->datum, d);
    }
    return rc;
}

static int on_besluiten(db_conn *c, traject *t, const store_monitor_event *e, const locatie *l)
{
    db_param p[] = {dbp_int(l->aanbieder_id), dbp_int(e->zorglocatie_id), dbp_int(t->verzoek_id)};
    int rc = db_exec(c,
                     "UPDATE monitor_traject SET zorgaanbieder_id = $1, zorglocatie_id = $2 "
                     "WHERE verzoek_id = $3",
                     p, 3, NULL);
    if (rc != STORE_OK)
        return rc;
    /* The decision (written just before the event) and the mode of the proposal its referral
     * was made from: plaatsingsbesluit.poging_id -> toeleidingspoging.voorstel_id ->
     * voorstel.modus (decision 73). A referral without a stored proposal counts as
     * `onbekend`. */
    char modus[32] = "";
    db_param pb[] = {dbp_int(t->verzoek_id)};
    db_rows *r;
    if ((rc = db_query(c,
                       "SELECT b.besluitdatum, COALESCE(vs.modus, '') FROM plaatsingsbesluit b "
                       "LEFT JOIN toeleidingspoging tp ON tp.id = b.poging_id LEFT JOIN voorstel "
                       "vs ON vs.id = tp.voorstel_id WHERE b.verzoek_id = $1",
                       pb, 1, &r)) != STORE_OK)
        return rc;
    int step = db_rows_next(r);
    /* dated by the decision itself; the event's date is the expected start */
    ifzo_date dag = e->datum;
    if (step == 1) {
        if (store_col_date(r, 0) != IFZO_NO_DATE)
            dag = store_col_date(r, 0);
        db_col_copy(r, 1, modus, sizeof modus);
    }
    db_rows_free(r);
    if (step < 0)
        return -step;
    dims d = traject_dims(t, l->aanbieder_id, e->zorglocatie_id);
    rc = feit(c, "plaatsing_regio", dag, &d,
              t->arr[0] && strcmp(t->arr, l->arr) != 0 ? "buiten_regio" : "in_regio", 0, 1);
    if (rc == STORE_OK)
        rc = feit(c, "plaatsing_soort", dag, &d, modus[0] ? modus : "onbekend", 0, 1);
    return rc;
}

static int bezetting(db_conn *c, const traject *t, ifzo_date dag, int64_t delta)
{
    locatie l;
    int rc = load_locatie(c, t->locatie_id, &l);
    if (rc != STORE_OK)
        return rc == STORE_NOT_FOUND ? STORE_OK : rc;
    dims d = {t->zorgtype, l.bev, l.arr, t->aanbieder_id, t->locatie_id};
    rc = feit(c, "bezetting", dag, &d, "", 0, delta);
    /* The same delta on January 1st of its year: the occupancy before a date is then the
     * sum of the earlier years' rows plus this year's days, not of the whole history. */
    ifzo_date jan1;
    if (rc == STORE_OK && monitor_periode_van(MON_JAAR, dag, &jan1, NULL, NULL))
        rc = feit(c, "bezetting_jaar", jan1, &d, "", 0, delta);
    return rc;
}

static int on_start(db_conn *c, traject *t, const store_monitor_event *e)
{
    dims d = traject_dims(t, t->aanbieder_id, t->locatie_id);
    int rc = set_date(c, "UPDATE monitor_traject SET startdatum = $1 WHERE verzoek_id = $2",
                      t->verzoek_id, e->datum);
    if (rc == STORE_OK)
        rc = feit(c, "instroom", e->datum, &d, "", 0, 1);
    if (rc == STORE_OK)
        rc = bezetting(c, t, e->datum, 1);
    if (rc == STORE_OK)
        rc = wacht(c, t, MON_FASE_START, e->datum, &d);
    if (rc != STORE_OK)
        return rc;
    /* doorstroom: the same client's latest other placement that started before this one
     * and was still running, or ended at most 30 days before this start. */
    char day[IFZO_DATE_BUFSIZE], from[IFZO_DATE_BUFSIZE];
    ifzo_date d30;
    if (ifzo_date_add_days(e->datum, -30, &d30) != IFZO_CAL_OK)
        return STORE_OK;
    db_param p[] = {dbp_int(t->justitiabele_id), dbp_int(t->verzoek_id),
                    store_date_param(e->datum, day), store_date_param(d30, from)};
    db_rows *r;
    rc = db_query(c,
                  "SELECT mutatiereden FROM monitor_traject WHERE justitiabele_id = $1 AND "
                  "verzoek_id <> $2 AND startdatum IS NOT NULL AND startdatum <= $3 AND "
                  "(einddatum IS NULL OR einddatum >= $4) ORDER BY startdatum DESC, verzoek_id "
                  "DESC LIMIT 1",
                  p, 4, &r);
    if (rc != STORE_OK)
        return rc;
    char reden[16] = "";
    int step = db_rows_next(r);
    if (step == 1)
        db_col_copy(r, 0, reden, sizeof reden);
    db_rows_free(r);
    if (step < 0)
        return -step;
    return step == 1 ? feit(c, "doorstroom", e->datum, &d, reden, 0, 1) : STORE_OK;
}

/* Adds (sign +1) or removes (-1) the figures of an end of care on t's current end date. */
static int einde(db_conn *c, const traject *t, ifzo_date dag, const char *reden, bool te_laat,
                 int sign)
{
    dims d = traject_dims(t, t->aanbieder_id, t->locatie_id);
    int rc = feit(c, "uitstroom", dag, &d, reden, 0, sign);
    if (rc == STORE_OK)
        rc = bezetting(c, t, dag, -sign);
    if (rc == STORE_OK)
        rc = feit(c, "einde_melding", dag, &d, te_laat ? "te_laat" : "op_tijd", 0, sign);
    return rc;
}

static int set_einde(db_conn *c, int64_t id, ifzo_date dag, const char *reden, bool te_laat)
{
    char day[IFZO_DATE_BUFSIZE];
    db_param p[] = {store_date_param(dag, day), dbp_text(reden), dbp_int(te_laat ? 1 : 0),
                    dbp_int(id)};
    return db_exec(c,
                   "UPDATE monitor_traject SET einddatum = $1, mutatiereden = $2, "
                   "einde_te_laat = $3 WHERE verzoek_id = $4",
                   p, 4, NULL);
}

static int einde_te_laat(db_conn *c, int64_t id, bool *out)
{
    int64_t v = 0;
    db_param p[] = {dbp_int(id)};
    int rc = store_query_int(c, "SELECT einde_te_laat FROM monitor_traject WHERE verzoek_id = $1",
                             p, 1, &v);
    *out = v != 0;
    return rc;
}

int store_monitor_event_in(db_conn *c, const store_monitor_event *e)
{
    if (strcmp(e->stap, "aanmaken") == 0)
        return on_aanmaken(c, e);
    traject t;
    int rc = load_traject(c, e->verzoek_id, &t);
    if (rc != STORE_OK)
        return rc == STORE_NOT_FOUND ? STORE_OK : rc; /* a request from before 0009 */
    locatie l = {0};
    if (e->zorglocatie_id > 0 && (rc = load_locatie(c, e->zorglocatie_id, &l)) != STORE_OK &&
        rc != STORE_NOT_FOUND)
        return rc;
    dims d = traject_dims(&t, l.aanbieder_id, e->zorglocatie_id);
    const char *s = e->stap;
    if (strcmp(s, "aanmelden") == 0) {
        if (t.eerste_aanmelding != IFZO_NO_DATE)
            return STORE_OK;
        rc = set_date(c, "UPDATE monitor_traject SET eerste_aanmelding = $1 WHERE verzoek_id = $2",
                      t.verzoek_id, e->datum);
        return rc != STORE_OK ? rc : wacht(c, &t, MON_FASE_AANMELDING, e->datum, &d);
    }
    if (strcmp(s, "accepteren") == 0 || strcmp(s, "afwijzen") == 0)
        return on_reactie(c, e, &t, &d);
    if (strcmp(s, "annuleren") == 0)
        return feit(c, "annulering", e->datum, &d, e->code ? e->code : "", 0, 1);
    if (strcmp(s, "besluiten") == 0)
        return on_besluiten(c, &t, e, &l);
    if (strcmp(s, "start_zorg") == 0)
        return on_start(c, &t, e);
    const char *reden = e->code ? e->code : "";
    if (strcmp(s, "einde_zorg") == 0) {
        rc = set_einde(c, t.verzoek_id, e->datum, reden, e->te_laat);
        return rc != STORE_OK ? rc : einde(c, &t, e->datum, reden, e->te_laat, 1);
    }
    if (strcmp(s, "correctie_einde_zorg") == 0 || strcmp(s, "intrekking_einde_zorg") == 0) {
        bool laat = false;
        if (t.einde == IFZO_NO_DATE)
            return STORE_OK;
        if ((rc = einde_te_laat(c, t.verzoek_id, &laat)) != STORE_OK ||
            (rc = einde(c, &t, t.einde, t.mutatiereden, laat, -1)) != STORE_OK)
            return rc;
        if (s[0] == 'i')
            return set_einde(c, t.verzoek_id, IFZO_NO_DATE, "", false);
        /* a correction keeps the reason and the late flag of the first report */
        rc = set_einde(c, t.verzoek_id, e->datum, t.mutatiereden, laat);
        return rc != STORE_OK ? rc : einde(c, &t, e->datum, t.mutatiereden, laat, 1);
    }
    return STORE_OK; /* verlengen, intrekken: no figure */
}

/* ---- rebuilding ------------------------------------------------------------------------ */

static int rebuild_tx(db_conn *c, void *ctx)
{
    (void)ctx;
    int rc = db_exec(c, "DELETE FROM monitor_feit", NULL, 0, NULL);
    if (rc == STORE_OK)
        rc = db_exec(c, "DELETE FROM monitor_feit_periode", NULL, 0, NULL);
    if (rc == STORE_OK)
        rc = db_exec(c, "DELETE FROM monitor_traject", NULL, 0, NULL);
    if (rc != STORE_OK)
        return rc;
    db_rows *r;
    rc = db_query(c,
                  "SELECT verzoek_id, poging_id, zorglocatie_id, stap, datum, code, te_laat "
                  "FROM plaatsing_gebeurtenis ORDER BY id",
                  NULL, 0, &r);
    if (rc != STORE_OK)
        return rc;
    /* Read all first: one connection cannot write while a cursor is open on PostgreSQL's
     * single-row mode. */
    typedef struct {
        int64_t v, p, l;
        char stap[32], code[48];
        ifzo_date datum;
        bool laat;
    } ev;
    ev *all = NULL;
    size_t n = 0, cap = 0;
    int step;
    while ((step = db_rows_next(r)) == 1) {
        if (n == cap) {
            size_t nc = cap ? cap * 2 : 256;
            ev *g = realloc(all, nc * sizeof *g);
            if (g == NULL) {
                step = -STORE_ERROR;
                break;
            }
            all = g;
            cap = nc;
        }
        ev *x = &all[n++];
        x->v = db_col_int(r, 0);
        x->p = db_col_null(r, 1) ? 0 : db_col_int(r, 1);
        x->l = db_col_null(r, 2) ? 0 : db_col_int(r, 2);
        db_col_copy(r, 3, x->stap, sizeof x->stap);
        x->datum = store_col_date(r, 4);
        db_col_copy(r, 5, x->code, sizeof x->code);
        x->laat = db_col_int(r, 6) != 0;
    }
    db_rows_free(r);
    rc = step < 0 ? -step : STORE_OK;
    for (size_t i = 0; rc == STORE_OK && i < n; i++) {
        store_monitor_event e = {all[i].v,     all[i].p,    all[i].l,   all[i].stap,
                                 all[i].datum, all[i].code, all[i].laat};
        rc = store_monitor_event_in(c, &e);
    }
    free(all);
    return rc;
}

int store_monitor_rebuild(store *s)
{
    return store_tx(s, true, rebuild_tx, NULL);
}

typedef struct {
    char *buf;
    size_t len, cap;
} text;

static bool put(text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        size_t nc = (t->len + n + 1) * 2;
        char *g = realloc(t->buf, nc);
        if (g == NULL)
            return false;
        t->buf = g;
        t->cap = nc;
    }
    memcpy(t->buf + t->len, s, n + 1);
    t->len += n;
    return true;
}

typedef struct {
    text t;
    const char *sql;
} dump_ctx;

/* Writes the rows of x->sql (ten columns: text, text, text, text, text, int, int, text, int,
 * int) as lines. */
static int dump_tx(db_conn *c, void *ctx)
{
    dump_ctx *x = ctx;
    db_rows *r;
    int rc = db_query(c, x->sql, NULL, 0, &r);
    if (rc != STORE_OK)
        return rc;
    int step;
    char line[256];
    while ((step = db_rows_next(r)) == 1) {
        snprintf(line, sizeof line, "%s %s %s %s %s %lld %lld %s %lld %lld\n", db_col_text(r, 0),
                 db_col_text(r, 1), db_col_text(r, 2), db_col_text(r, 3), db_col_text(r, 4),
                 (long long)db_col_int(r, 5), (long long)db_col_int(r, 6), db_col_text(r, 7),
                 (long long)db_col_int(r, 8), (long long)db_col_int(r, 9));
        if (!put(&x->t, line)) {
            step = -STORE_ERROR;
            break;
        }
    }
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

static int dump_sql(store *s, const char *sql, char **out)
{
    dump_ctx x = {{NULL, 0, 0}, sql};
    *out = NULL;
    if (!put(&x.t, ""))
        return STORE_ERROR;
    int rc = store_tx(s, false, dump_tx, &x);
    if (rc != STORE_OK) {
        free(x.t.buf);
        return rc;
    }
    *out = x.t.buf;
    return STORE_OK;
}

int store_monitor_dump(store *s, char **out)
{
    return dump_sql(s,
                    "SELECT maat, dag, zorgtype, beveiligingsniveau, arrondissement, "
                    "zorgaanbieder_id, zorglocatie_id, sleutel, waarde, aantal FROM monitor_feit "
                    "WHERE aantal <> 0 ORDER BY maat, dag, zorgtype, beveiligingsniveau, "
                    "arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, waarde",
                    out);
}

/* The period rows as migration 0010 computes them from the day rows: every day row summed
 * into its four periods and, per period, into the six dimensie (none kept, or one). */
#define PERIODE_UIT_DAGEN                                                                          \
    "SELECT f.maat, g.soort, r.dimensie, CASE g.soort WHEN 'week' THEN f.week WHEN 'maand' "       \
    "THEN f.maand WHEN 'kwartaal' THEN f.kwartaal ELSE f.jaar END AS periode, CASE WHEN "          \
    "r.dimensie = 'zorgtype' THEN f.zorgtype ELSE '' END AS zorgtype, CASE WHEN r.dimensie = "     \
    "'beveiligingsniveau' THEN f.beveiligingsniveau ELSE '' END AS beveiligingsniveau, CASE "      \
    "WHEN r.dimensie = 'arrondissement' THEN f.arrondissement ELSE '' END AS arrondissement, "     \
    "CASE WHEN r.dimensie = 'zorgaanbieder' THEN f.zorgaanbieder_id ELSE 0 END AS "                \
    "zorgaanbieder_id, CASE WHEN r.dimensie = 'zorglocatie' THEN f.zorglocatie_id ELSE 0 END "     \
    "AS zorglocatie_id, f.sleutel, f.waarde, SUM(f.aantal) AS aantal FROM monitor_feit f "         \
    "CROSS JOIN (SELECT 'week' AS soort UNION ALL SELECT 'maand' UNION ALL SELECT 'kwartaal' "     \
    "UNION ALL SELECT 'jaar') g CROSS JOIN (SELECT '' AS dimensie UNION ALL SELECT 'zorgtype' "    \
    "UNION ALL SELECT 'beveiligingsniveau' UNION ALL SELECT 'arrondissement' UNION ALL SELECT "    \
    "'zorgaanbieder' UNION ALL SELECT 'zorglocatie') r GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, "   \
    "11"

/* A line's second field is "soort:dimensie:periode". */
#define DUMP_PERIODE                                                                               \
    "SELECT maat, soort || ':' || dimensie || ':' || periode, zorgtype, beveiligingsniveau, "      \
    "arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, waarde, aantal FROM "
#define DUMP_PERIODE_ORDER                                                                         \
    " WHERE aantal <> 0 ORDER BY maat, soort, dimensie, periode, zorgtype, beveiligingsniveau, "   \
    "arrondissement, zorgaanbieder_id, zorglocatie_id, sleutel, waarde"

int store_monitor_dump_perioden(store *s, bool uit_dagen, char **out)
{
    return dump_sql(s,
                    uit_dagen ? DUMP_PERIODE "(" PERIODE_UIT_DAGEN ") p" DUMP_PERIODE_ORDER
                              : DUMP_PERIODE "monitor_feit_periode" DUMP_PERIODE_ORDER,
                    out);
}

/* ---- reading --------------------------------------------------------------------------- */

/* Column names chosen by enum, never from input. */
static const char *const per_col[MON_PER_COUNT] = {"sleutel",
                                                   "zorgtype",
                                                   "beveiligingsniveau",
                                                   "arrondissement",
                                                   "CAST(zorgaanbieder_id AS TEXT)",
                                                   "CAST(zorglocatie_id AS TEXT)",
                                                   "'totaal'"};
static const char *const periode_col[] = {"week", "maand", "kwartaal", "jaar"};

#define FILTER_WHERE                                                                               \
    " AND (CAST($4 AS TEXT) = '' OR zorgtype = $4) AND (CAST($5 AS TEXT) = '' OR "                 \
    "beveiligingsniveau = $5) AND (CAST($6 AS TEXT) = '' OR arrondissement = $6) AND "             \
    "(CAST($7 AS BIGINT) = 0 OR zorgaanbieder_id = $7) AND (CAST($8 AS BIGINT) = 0 OR "            \
    "zorglocatie_id = $8)"

typedef struct {
    const char *maat;
    const store_monitor_filter *f;
    store_monitor_per per;
    ifzo_date peildatum;
    store_monitor_rij *rows;
    size_t n, cap;
    store_monitor_aanbod *ab;
} read_ctx;

static bool grow_rows(read_ctx *x)
{
    if (x->n < x->cap)
        return true;
    size_t nc = x->cap ? x->cap * 2 : 64;
    store_monitor_rij *g = realloc(x->rows, nc * sizeof *g);
    if (g == NULL)
        return false;
    x->rows = g;
    x->cap = nc;
    return true;
}

static int read_rows(db_conn *c, read_ctx *x, const char *sql, const db_param *p, int np,
                     bool with_periode)
{
    db_rows *r;
    int rc = db_query(c, sql, p, np, &r);
    if (rc != STORE_OK)
        return rc;
    int step;
    while ((step = db_rows_next(r)) == 1) {
        if (!grow_rows(x)) {
            step = -STORE_ERROR;
            break;
        }
        store_monitor_rij *o = &x->rows[x->n++];
        memset(o, 0, sizeof *o);
        int k = 0;
        if (with_periode)
            db_col_copy(r, k++, o->periode, sizeof o->periode);
        db_col_copy(r, k++, o->categorie, sizeof o->categorie);
        o->waarde = db_col_int(r, k++);
        o->aantal = db_col_int(r, k);
    }
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

static void filter_params(const store_monitor_filter *f, db_param *p, char van[IFZO_DATE_BUFSIZE],
                          char tot[IFZO_DATE_BUFSIZE])
{
    p[1] = store_date_param(f->van, van);
    p[2] = store_date_param(f->tot, tot);
    p[3] = dbp_text(f->zorgtype);
    p[4] = dbp_text(f->beveiligingsniveau);
    p[5] = dbp_text(f->arrondissement);
    p[6] = dbp_int(f->zorgaanbieder_id);
    p[7] = dbp_int(f->zorglocatie_id);
}

/* The dimensie of the period rows a read under f with breakdown per can use: the one
 * dimension it filters on or breaks down by, 0 for none, -1 when it uses two or more. */
static int period_dimensie(const store_monitor_filter *f, store_monitor_per per)
{
    bool used[DIMENSIE_COUNT] = {false};
    used[1] = f->zorgtype[0] != '\0' || per == MON_PER_ZORGTYPE;
    used[2] = f->beveiligingsniveau[0] != '\0' || per == MON_PER_BEVEILIGINGSNIVEAU;
    used[3] = f->arrondissement[0] != '\0' || per == MON_PER_ARRONDISSEMENT;
    used[4] = f->zorgaanbieder_id != 0 || per == MON_PER_ZORGAANBIEDER;
    used[5] = f->zorglocatie_id != 0 || per == MON_PER_ZORGLOCATIE;
    int dm = 0, nused = 0;
    for (int k = 1; k < DIMENSIE_COUNT; k++)
        if (used[k]) {
            dm = k;
            nused++;
        }
    return nused > 1 ? -1 : dm;
}

static int cmp_rij(const void *a, const void *b)
{
    const store_monitor_rij *x = a, *y = b;
    int d = strcmp(x->periode, y->periode);
    if (d == 0)
        d = strcmp(x->categorie, y->categorie);
    return d != 0 ? d : (x->waarde > y->waarde) - (x->waarde < y->waarde);
}

/* One partial period [from, to] of a range under the label of its period: the whole ISO
 * weeks in it from the week rows of dimensie dm, the days before and after them from the
 * day rows (daysql, params p: $2 and $3 are set here). Per week, or for a stretch without
 * a whole week, only day rows. */
static int read_edge(db_conn *c, read_ctx *x, const char *daysql, db_param *p, const char *cc,
                     int dm, ifzo_date from, ifzo_date to)
{
    char a[IFZO_DATE_BUFSIZE], b[IFZO_DATE_BUFSIZE];
    ifzo_date fs, fn, ls, ln;
    if (!monitor_periode_van(MON_WEEK, from, &fs, &fn, NULL) ||
        !monitor_periode_van(MON_WEEK, to, &ls, &ln, NULL))
        return STORE_INVALID;
    ifzo_date first = fs == from ? from : fn, end = ln - 1 == to ? ln : ls; /* [first, end) */
    if (x->f->periode == MON_WEEK || first >= end) {
        p[1] = store_date_param(from, a);
        p[2] = store_date_param(to, b);
        return read_rows(c, x, daysql, p, 8, true);
    }
    int rc;
    if (from < first) {
        p[1] = store_date_param(from, a);
        p[2] = store_date_param(first - 1, b);
        if ((rc = read_rows(c, x, daysql, p, 8, true)) != STORE_OK)
            return rc;
    }
    char label[MONITOR_LABEL_BUF], wl[MONITOR_LABEL_BUF], ll[MONITOR_LABEL_BUF], sql[1024];
    if (!monitor_periode_van(x->f->periode, from, NULL, NULL, label) ||
        !monitor_periode_van(MON_WEEK, first, NULL, NULL, wl) ||
        !monitor_periode_van(MON_WEEK, end - 1, NULL, NULL, ll))
        return STORE_INVALID;
    snprintf(sql, sizeof sql,
             "SELECT CAST($9 AS TEXT), %s, waarde, SUM(aantal) FROM monitor_feit_periode WHERE "
             "maat = $1 AND soort = 'week' AND dimensie = $10 AND periode >= $2 AND periode <= "
             "$3" FILTER_WHERE " GROUP BY %s, waarde ORDER BY 2, 3",
             cc, cc);
    db_param pw[10];
    memcpy(pw, p, 8 * sizeof *pw);
    pw[1] = dbp_text(wl);
    pw[2] = dbp_text(ll);
    pw[8] = dbp_text(label);
    pw[9] = dbp_text(dimensie_name[dm]);
    if ((rc = read_rows(c, x, sql, pw, 10, true)) != STORE_OK)
        return rc;
    if (end <= to) {
        p[1] = store_date_param(end, a);
        p[2] = store_date_param(to, b);
        rc = read_rows(c, x, daysql, p, 8, true);
    }
    return rc;
}

/* Sums measure `maat` per period, category (column cc) and waarde over [van, tot] under the
 * filter, in period order, one row per period, category and waarde. Whole periods come from
 * the period rows (migration 0010) that keep the one dimension the filter and breakdown use
 * (or none); a partial period at an edge of the range from its whole weeks' rows and the
 * day rows of the days around them (read_edge). The same sums, since a period row is the
 * sum of its day rows. A read that uses two dimensions or more reads only day rows. */
static int sum_split(db_conn *c, read_ctx *x, const char *maat, const char *cc)
{
    const store_monitor_filter *f = x->f;
    const char *pc = periode_col[f->periode];
    ifzo_date first_start, first_next, last_start, last_next;
    if (!monitor_periode_van(f->periode, f->van, &first_start, &first_next, NULL) ||
        !monitor_periode_van(f->periode, f->tot, &last_start, &last_next, NULL))
        return STORE_INVALID;
    /* whole periods: [ws, we) */
    ifzo_date ws = first_start == f->van ? f->van : first_next;
    ifzo_date we = last_next - 1 == f->tot ? last_next : last_start;
    char sql[1024], a[IFZO_DATE_BUFSIZE], b[IFZO_DATE_BUFSIZE];
    db_param p[8];
    p[0] = dbp_text(maat);
    filter_params(f, p, a, b);
    snprintf(sql, sizeof sql,
             "SELECT %s, %s, waarde, SUM(aantal) FROM monitor_feit WHERE maat = $1 AND dag >= $2 "
             "AND dag <= $3" FILTER_WHERE " GROUP BY %s, %s, waarde ORDER BY 1, 2, 3",
             pc, cc, pc, cc);
    int dm = period_dimensie(f, x->per);
    if (dm < 0) /* two dimensions at once: the day rows of the range */
        return read_rows(c, x, sql, p, 8, true);
    size_t mark = x->n;
    int rc = STORE_OK;
    if (ws >= we) { /* no whole period: one partial period, or two adjacent ones */
        if (first_start == last_start)
            rc = read_edge(c, x, sql, p, cc, dm, f->van, f->tot);
        else if ((rc = read_edge(c, x, sql, p, cc, dm, f->van, first_next - 1)) == STORE_OK)
            rc = read_edge(c, x, sql, p, cc, dm, first_next, f->tot);
    } else {
        if (f->van < ws)
            rc = read_edge(c, x, sql, p, cc, dm, f->van, ws - 1);
        char wl[MONITOR_LABEL_BUF], ll[MONITOR_LABEL_BUF];
        if (rc == STORE_OK && (!monitor_periode_van(f->periode, ws, NULL, NULL, wl) ||
                               !monitor_periode_van(f->periode, we - 1, NULL, NULL, ll)))
            rc = STORE_INVALID;
        if (rc == STORE_OK) {
            char psql[1024];
            snprintf(psql, sizeof psql,
                     "SELECT periode, %s, waarde, SUM(aantal) FROM monitor_feit_periode WHERE "
                     "maat = $1 AND soort = $9 AND dimensie = $10 AND periode >= $2 AND periode "
                     "<= $3" FILTER_WHERE " GROUP BY periode, %s, waarde ORDER BY 1, 2, 3",
                     cc, cc);
            db_param pp[10];
            memcpy(pp, p, 8 * sizeof *pp);
            pp[1] = dbp_text(wl);
            pp[2] = dbp_text(ll);
            pp[8] = dbp_text(monitor_periode_name(f->periode));
            pp[9] = dbp_text(dimensie_name[dm]);
            rc = read_rows(c, x, psql, pp, 10, true);
        }
        if (rc == STORE_OK && we <= f->tot)
            rc = read_edge(c, x, sql, p, cc, dm, we, f->tot);
    }
    if (rc != STORE_OK || x->n - mark < 2)
        return rc;
    /* an edge read in parts gives a period's category and waarde more than once: add up */
    store_monitor_rij *r = x->rows + mark;
    size_t n = x->n - mark, k = 0;
    qsort(r, n, sizeof *r, cmp_rij);
    for (size_t i = 1; i < n; i++) {
        if (cmp_rij(&r[k], &r[i]) == 0)
            r[k].aantal += r[i].aantal;
        else
            r[++k] = r[i];
    }
    x->n = mark + k + 1;
    return STORE_OK;
}

static int tellingen_tx(db_conn *c, void *vctx)
{
    read_ctx *x = vctx;
    return sum_split(c, x, x->maat, per_col[x->per]);
}

static bool filter_ok(const store_monitor_filter *f, store_monitor_per per)
{
    return f && (unsigned)f->periode <= MON_JAAR && (unsigned)per < MON_PER_COUNT &&
           f->van != IFZO_NO_DATE && f->tot != IFZO_NO_DATE;
}

int store_monitor_tellingen(store *s, const char *maat, const store_monitor_filter *f,
                            store_monitor_per per, store_monitor_rij **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    if (maat == NULL || !filter_ok(f, per))
        return STORE_INVALID;
    read_ctx x = {.maat = maat, .f = f, .per = per};
    int rc = store_tx(s, false, tellingen_tx, &x);
    if (rc != STORE_OK) {
        free(x.rows);
        return rc;
    }
    *rows = x.rows;
    *n = x.n;
    return STORE_OK;
}

static int bezetting_tx(db_conn *c, void *vctx)
{
    read_ctx *x = vctx;
    const char *cc = per_col[x->per];
    char sql[1024], van[IFZO_DATE_BUFSIZE], tot[IFZO_DATE_BUFSIZE];
    db_param p[8];
    p[0] = dbp_text("bezetting");
    filter_params(x->f, p, van, tot);
    /* Occupied before the range, per category (periode ""): the yearly rows of the years
     * before van's, plus the daily rows of van's year before van. */
    ifzo_date jan1;
    char j1[IFZO_DATE_BUFSIZE];
    if (!monitor_periode_van(MON_JAAR, x->f->van, &jan1, NULL, NULL))
        return STORE_INVALID;
    db_param pb[8];
    memcpy(pb, p, sizeof pb);
    pb[0] = dbp_text("bezetting_jaar");
    pb[1] = store_date_param(jan1, j1);
    snprintf(sql, sizeof sql,
             "SELECT '', %s, 0, SUM(aantal) FROM monitor_feit WHERE maat = $1 AND dag < $2 AND "
             "CAST($3 AS TEXT) IS NOT NULL" FILTER_WHERE " GROUP BY %s ORDER BY 2",
             cc, cc);
    int rc = read_rows(c, x, sql, pb, 8, true);
    if (rc != STORE_OK)
        return rc;
    pb[0] = dbp_text("bezetting");
    pb[2] = p[1]; /* van */
    /* the whole months of van's year before van's month from the month rows (decision 95),
     * when the read uses at most one dimension */
    int dm = period_dimensie(x->f, x->per);
    ifzo_date m0;
    char l0[MONITOR_LABEL_BUF], l1[MONITOR_LABEL_BUF], d0[IFZO_DATE_BUFSIZE];
    if (!monitor_periode_van(MON_MAAND, x->f->van, &m0, NULL, NULL))
        return STORE_INVALID;
    if (dm >= 0 && m0 > jan1 && monitor_periode_van(MON_MAAND, jan1, NULL, NULL, l0) &&
        monitor_periode_van(MON_MAAND, m0 - 1, NULL, NULL, l1)) {
        db_param pm[9];
        memcpy(pm, pb, 8 * sizeof *pm);
        pm[1] = dbp_text(l0);
        pm[2] = dbp_text(l1);
        pm[8] = dbp_text(dimensie_name[dm]);
        snprintf(sql, sizeof sql,
                 "SELECT '', %s, 0, SUM(aantal) FROM monitor_feit_periode WHERE maat = $1 AND "
                 "soort = 'maand' AND dimensie = $9 AND periode >= $2 AND periode <= "
                 "$3" FILTER_WHERE " GROUP BY %s ORDER BY 2",
                 cc, cc);
        if ((rc = read_rows(c, x, sql, pm, 9, true)) != STORE_OK)
            return rc;
        pb[1] = store_date_param(m0, d0); /* the rest: van's month up to van */
    }
    snprintf(sql, sizeof sql,
             "SELECT '', %s, 0, SUM(aantal) FROM monitor_feit WHERE maat = $1 AND dag >= $2 AND "
             "dag < $3" FILTER_WHERE " GROUP BY %s ORDER BY 2",
             cc, cc);
    if ((rc = read_rows(c, x, sql, pb, 8, true)) != STORE_OK)
        return rc;
    /* the deltas in the range per period (waarde is always 0 for them) */
    return sum_split(c, x, "bezetting", cc);
}

static int cmp_cat(const void *a, const void *b)
{
    return strcmp(((const store_monitor_rij *)a)->categorie,
                  ((const store_monitor_rij *)b)->categorie);
}

int store_monitor_bezetting(store *s, const store_monitor_filter *f, store_monitor_per per,
                            store_monitor_rij **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    if (!filter_ok(f, per) || per == MON_PER_CODE)
        return STORE_INVALID;
    read_ctx x = {.f = f, .per = per};
    int rc = store_tx(s, false, bezetting_tx, &x);
    if (rc != STORE_OK) {
        free(x.rows);
        return rc;
    }
    /* Cumulate: categories (sorted), periods in order of the range; every period of the
     * range appears, with the running total of each category seen so far. */
    size_t nb = 0;
    while (nb < x.n && x.rows[nb].periode[0] == '\0')
        nb++;
    size_t ncat = 0, capcat = nb + (x.n - nb) + 1;
    store_monitor_rij *cat = calloc(capcat, sizeof *cat);
    if (cat == NULL) {
        free(x.rows);
        return STORE_ERROR;
    }
    for (size_t i = 0; i < x.n; i++) {
        bool seen = false;
        for (size_t k = 0; k < ncat && !seen; k++)
            seen = strcmp(cat[k].categorie, x.rows[i].categorie) == 0;
        if (!seen)
            cat[ncat++] = (store_monitor_rij){.categorie = "", .aantal = 0};
        if (!seen)
            memcpy(cat[ncat - 1].categorie, x.rows[i].categorie, sizeof cat[0].categorie);
    }
    qsort(cat, ncat, sizeof *cat, cmp_cat);
    for (size_t i = 0; i < nb; i++)
        for (size_t k = 0; k < ncat; k++)
            if (strcmp(cat[k].categorie, x.rows[i].categorie) == 0)
                cat[k].aantal += x.rows[i].aantal;
    /* the periods of the range */
    size_t nper = 0, capper = 0;
    store_monitor_rij *out = NULL;
    ifzo_date d = f->van;
    rc = STORE_OK;
    while (d <= f->tot && rc == STORE_OK) {
        ifzo_date start, next;
        char label[MONITOR_LABEL_BUF];
        if (!monitor_periode_van(f->periode, d, &start, &next, label)) {
            rc = STORE_INVALID;
            break;
        }
        for (size_t i = nb; i < x.n; i++)
            if (strcmp(x.rows[i].periode, label) == 0)
                for (size_t k = 0; k < ncat; k++)
                    if (strcmp(cat[k].categorie, x.rows[i].categorie) == 0)
                        cat[k].aantal += x.rows[i].aantal;
        if (nper + ncat > capper) {
            size_t nc = (nper + ncat) * 2 + 16;
            store_monitor_rij *g = realloc(out, nc * sizeof *g);
            if (g == NULL) {
                rc = STORE_ERROR;
                break;
            }
            out = g;
            capper = nc;
        }
        for (size_t k = 0; k < ncat; k++) {
            out[nper] = cat[k];
            memcpy(out[nper].periode, label, sizeof label);
            nper++;
        }
        d = next;
    }
    free(cat);
    free(x.rows);
    if (rc != STORE_OK) {
        free(out);
        return rc;
    }
    *rows = out;
    *n = nper;
    return STORE_OK;
}

/* The offer's columns for each breakdown (the location's dimensions). */
static const char *const aanbod_col[MON_PER_COUNT] = {"'totaal'",
                                                      "a.zorgtype",
                                                      "l.beveiligingsniveau",
                                                      "l.arrondissement",
                                                      "CAST(l.zorgaanbieder_id AS TEXT)",
                                                      "CAST(l.id AS TEXT)",
                                                      "'totaal'"};

static int aanbod_tx(db_conn *c, void *vctx)
{
    read_ctx *x = vctx;
    const char *cc = aanbod_col[x->per];
    char sql[1024];
    snprintf(sql, sizeof sql,
             "SELECT %s, SUM(a.capaciteit), SUM(a.bezet), SUM(a.wachtlijst), "
             "MAX(a.wachttijd_dagen) FROM zorgaanbod a JOIN zorglocatie l ON l.id = "
             "a.zorglocatie_id WHERE (CAST($1 AS TEXT) = '' OR a.zorgtype = $1) AND (CAST($2 AS "
             "TEXT) = '' OR l.beveiligingsniveau = $2) AND (CAST($3 AS TEXT) = '' OR "
             "l.arrondissement = $3) AND (CAST($4 AS BIGINT) = 0 OR l.zorgaanbieder_id = $4) AND "
             "(CAST($5 AS BIGINT) = 0 OR l.id = $5) GROUP BY %s ORDER BY 1",
             cc, cc);
    db_param p[] = {dbp_text(x->f->zorgtype), dbp_text(x->f->beveiligingsniveau),
                    dbp_text(x->f->arrondissement), dbp_int(x->f->zorgaanbieder_id),
                    dbp_int(x->f->zorglocatie_id)};
    db_rows *r;
    int rc = db_query(c, sql, p, 5, &r);
    if (rc != STORE_OK)
        return rc;
    int step;
    while ((step = db_rows_next(r)) == 1) {
        if (x->n == x->cap) {
            size_t nc = x->cap ? x->cap * 2 : 32;
            store_monitor_aanbod *g = realloc(x->ab, nc * sizeof *g);
            if (g == NULL) {
                step = -STORE_ERROR;
                break;
            }
            x->ab = g;
            x->cap = nc;
        }
        store_monitor_aanbod *o = &x->ab[x->n++];
        db_col_copy(r, 0, o->categorie, sizeof o->categorie);
        o->capaciteit = db_col_int(r, 1);
        o->bezet = db_col_int(r, 2);
        o->wachtlijst = db_col_int(r, 3);
        o->wachttijd_dagen = db_col_int(r, 4);
    }
    db_rows_free(r);
    return step < 0 ? -step : STORE_OK;
}

int store_monitor_aanbod_lijst(store *s, const store_monitor_filter *f, store_monitor_per per,
                               store_monitor_aanbod **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    if (f == NULL || (unsigned)per >= MON_PER_COUNT)
        return STORE_INVALID;
    read_ctx x = {.f = f, .per = per};
    int rc = store_tx(s, false, aanbod_tx, &x);
    if (rc != STORE_OK) {
        free(x.ab);
        return rc;
    }
    *rows = x.ab;
    *n = x.n;
    return STORE_OK;
}

static int te_laat_tx(db_conn *c, void *vctx)
{
    read_ctx *x = vctx;
    const store_monitor_filter *f = x->f;
    db_param p[] = {dbp_text(f->zorgtype), dbp_int(f->zorgaanbieder_id),
                    dbp_int(f->zorglocatie_id)};
    db_rows *r;
    int rc = db_query(c,
                      "SELECT t.aanmelddatum, t.verlengd, v.zorgtype, "
                      "CAST(l.zorgaanbieder_id AS TEXT), CAST(l.id AS TEXT) FROM "
                      "toeleidingspoging t JOIN plaatsingsverzoek v ON v.id = t.verzoek_id JOIN "
                      "zorglocatie l ON l.id = t.zorglocatie_id WHERE t.status = 'aangemeld' AND "
                      "(CAST($1 AS TEXT) = '' OR v.zorgtype = $1) AND (CAST($2 AS BIGINT) = 0 OR "
                      "l.zorgaanbieder_id = $2) AND (CAST($3 AS BIGINT) = 0 OR l.id = $3)",
                      p, 3, &r);
    if (rc != STORE_OK)
        return rc;
    int step;
    while ((step = db_rows_next(r)) == 1) {
        plaatsingsverzoek pv;
        toeleidingspoging tp;
        memset(&pv, 0, sizeof pv);
        memset(&tp, 0, sizeof tp);
        tp.status = TP_AANGEMELD;
        tp.aanmelddatum = store_col_date(r, 0);
        tp.verlengd = db_col_int(r, 1) != 0;
        db_col_copy(r, 2, pv.zorgtype, sizeof pv.zorgtype);
        if (!plaatsing_te_laat(&pv, &tp, x->peildatum))
            continue;
        const char *cat = x->per == MON_PER_ZORGTYPE        ? db_col_text(r, 2)
                          : x->per == MON_PER_ZORGAANBIEDER ? db_col_text(r, 3)
                          : x->per == MON_PER_ZORGLOCATIE   ? db_col_text(r, 4)
                                                            : "totaal";
        size_t k = 0;
        while (k < x->n && strcmp(x->rows[k].categorie, cat) != 0)
            k++;
        if (k == x->n) {
            if (!grow_rows(x)) {
                step = -STORE_ERROR;
                break;
            }
            memset(&x->rows[k], 0, sizeof x->rows[k]);
            snprintf(x->rows[k].categorie, sizeof x->rows[k].categorie, "%s", cat);
            x->n++;
        }
        x->rows[k].aantal++;
    }
    db_rows_free(r);
    if (step < 0)
        return -step;
    if (x->n > 1)
        qsort(x->rows, x->n, sizeof *x->rows, cmp_cat);
    return STORE_OK;
}

int store_monitor_te_laat_open(store *s, const store_monitor_filter *f, store_monitor_per per,
                               ifzo_date peildatum, store_monitor_rij **rows, size_t *n)
{
    *rows = NULL;
    *n = 0;
    if (f == NULL || peildatum == IFZO_NO_DATE ||
        !(per == MON_PER_ZORGTYPE || per == MON_PER_ZORGAANBIEDER || per == MON_PER_ZORGLOCATIE ||
          per == MON_PER_GEEN))
        return STORE_INVALID;
    read_ctx x = {.f = f, .per = per, .peildatum = peildatum};
    int rc = store_tx(s, false, te_laat_tx, &x);
    if (rc != STORE_OK) {
        free(x.rows);
        return rc;
    }
    *rows = x.rows;
    *n = x.n;
    return STORE_OK;
}
