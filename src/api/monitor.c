/*
 * monitor.c - /api/monitor/...: the capacity monitor's figures for the beleid and
 * functioneel_beheer roles (issue 10), as JSON or as CSV (Accept: text/csv or
 * ?formaat=csv; Dutch column names, ';' separator, UTF-8 with BOM for spreadsheets).
 *
 * Why here: the handler parses the filter, asks the store for counts per period and
 * category, and lets core decide the periods, percentiles, norms and suppression. Every
 * answer holds only counts, days and codes: no client, no name, no date of birth, no free
 * text; every count of fewer than 5 clients is "<5", with the secondary suppression of
 * core/monitor.h so that no hidden count follows from a total.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/fields.h"
#include "api/handlers.h"
#include "core/codelist.h"
#include "core/monitor.h"
#include "store/monitor.h"

#define MAX_PERIODEN 400 /* rows of one answer: ~7.5 years of weeks, 33 of months */
#define CAT_BUF      40

typedef struct {
    store_monitor_filter f;
    store_monitor_per per;
    bool csv;
    size_t np; /* periods of [van, tot] */
    char (*plab)[MONITOR_LABEL_BUF];
} query;

static void query_free(query *q)
{
    free(q->plab);
    q->plab = NULL;
}

static const char *const per_names[MON_PER_COUNT] = {
    "code",        "zorgtype", "beveiligingsniveau", "arrondissement", "zorgaanbieder",
    "zorglocatie", "geen"};

static bool text_arg(api_request *r, const char *name, char *out, size_t cap)
{
    const char *v = api_query(r, name);
    out[0] = '\0';
    if (v == NULL || v[0] == '\0')
        return true;
    if (strlen(v) >= cap || strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                      "0123456789_-") != strlen(v)) {
        api_error(r, 400, "invalid_query", "Deze filterwaarde is geen geldige code.", name);
        return false;
    }
    memcpy(out, v, strlen(v) + 1);
    return true;
}

static bool date_arg(api_request *r, const char *name, ifzo_date *out)
{
    const char *v = api_query(r, name);
    if (v == NULL || v[0] == '\0')
        return true;
    if (ifzo_date_parse(v, out) != IFZO_CAL_OK) {
        api_error(r, 400, "invalid_query", "Geef een datum als JJJJ-MM-DD.", name);
        return false;
    }
    return true;
}

/* Reads the filter; `allowed` is a bit set of store_monitor_per values for `per`. */
static bool parse(api_request *r, store_monitor_per default_per, unsigned allowed, query *q)
{
    memset(q, 0, sizeof *q);
    q->f.periode = MON_MAAND;
    const char *p = api_query(r, "periode");
    if (p && !monitor_periode_from_name(p, &q->f.periode)) {
        api_error(r, 400, "monitor_periode_onbekend",
                  "Kies als periode week, maand, kwartaal of jaar.", "periode");
        return false;
    }
    q->per = default_per;
    const char *per = api_query(r, "per");
    if (per) {
        int found = -1;
        for (int i = 0; i < MON_PER_COUNT; i++)
            if ((allowed & (1u << i)) && strcmp(per, per_names[i]) == 0)
                found = i;
        if (found < 0) {
            api_error(r, 400, "monitor_indeling_onbekend",
                      "Deze indeling is voor dit cijfer niet mogelijk.", "per");
            return false;
        }
        q->per = (store_monitor_per)found;
    }
    ifzo_date today = fld_today(r);
    q->f.tot = today;
    if (!date_arg(r, "tot", &q->f.tot))
        return false;
    /* default: the twelve months before tot */
    if (ifzo_date_add_days(q->f.tot, -364, &q->f.van) != IFZO_CAL_OK)
        q->f.van = q->f.tot;
    if (!date_arg(r, "van", &q->f.van))
        return false;
    if (q->f.van > q->f.tot) {
        api_error(r, 400, "monitor_bereik_ongeldig", "De begindatum ligt na de einddatum.", "van");
        return false;
    }
    if (!text_arg(r, "zorgtype", q->f.zorgtype, sizeof q->f.zorgtype) ||
        !text_arg(r, "beveiligingsniveau", q->f.beveiligingsniveau,
                  sizeof q->f.beveiligingsniveau) ||
        !text_arg(r, "arrondissement", q->f.arrondissement, sizeof q->f.arrondissement))
        return false;
    int64_t id = 0;
    if (!api_query_int(r, "zorgaanbieder", 1, INT64_MAX, &id))
        return false;
    q->f.zorgaanbieder_id = id;
    id = 0;
    if (!api_query_int(r, "zorglocatie", 1, INT64_MAX, &id))
        return false;
    q->f.zorglocatie_id = id;
    const char *fmt = api_query(r, "formaat");
    const char *acc = api_header(r, "Accept");
    q->csv = (fmt && strcmp(fmt, "csv") == 0) || (acc && strstr(acc, "text/csv") != NULL);
    if (fmt && strcmp(fmt, "csv") != 0 && strcmp(fmt, "json") != 0) {
        api_error(r, 400, "invalid_query", "Kies als formaat json of csv.", "formaat");
        return false;
    }
    /* the periods of the range, in order */
    ifzo_date d = q->f.van;
    while (d <= q->f.tot) {
        ifzo_date next;
        if (q->np == MAX_PERIODEN) {
            query_free(q);
            api_error(r, 400, "monitor_bereik_te_groot",
                      "Het gevraagde bereik heeft te veel perioden; kies een kortere periode of "
                      "een grovere indeling.",
                      "van");
            return false;
        }
        void *g = realloc(q->plab, (q->np + 1) * sizeof *q->plab);
        if (g != NULL)
            q->plab = g;
        if (g == NULL || !monitor_periode_van(q->f.periode, d, NULL, &next, NULL)) {
            query_free(q);
            api_error(r, 400, "invalid_query", "Deze periode kan niet worden berekend.", "van");
            return false;
        }
        monitor_periode_van(q->f.periode, d, NULL, NULL, q->plab[q->np++]);
        d = next;
    }
    return true;
}

static size_t period_index(const query *q, const char *label)
{
    for (size_t i = 0; i < q->np; i++)
        if (strcmp(q->plab[i], label) == 0)
            return i;
    return SIZE_MAX;
}

/* ---- tables ---------------------------------------------------------------------------- */

typedef struct {
    size_t rows, cols;
    char (*rlab)[CAT_BUF];
    char (*clab)[CAT_BUF];
    int64_t *v; /* (rows + 1) x (cols + 1) */
    bool *sup;
} table;

static void table_free(table *t)
{
    free(t->rlab);
    free(t->clab);
    free(t->v);
    free(t->sup);
    memset(t, 0, sizeof *t);
}

static int cmp_lab(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b);
}

/* Columns = the distinct categories of rows (sorted); the table is zeroed. */
static bool table_init(table *t, size_t nrows, const store_monitor_rij *src, size_t n)
{
    memset(t, 0, sizeof *t);
    t->rows = nrows;
    t->clab = calloc(n + 1, sizeof *t->clab);
    t->rlab = calloc(nrows + 1, sizeof *t->rlab);
    if (t->clab == NULL || t->rlab == NULL)
        return false;
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t k = 0; k < t->cols && !seen; k++)
            seen = strcmp(t->clab[k], src[i].categorie) == 0;
        if (!seen)
            snprintf(t->clab[t->cols++], CAT_BUF, "%s", src[i].categorie);
    }
    qsort(t->clab, t->cols, sizeof *t->clab, cmp_lab);
    size_t cells = (nrows + 1) * (t->cols + 1);
    t->v = calloc(cells, sizeof *t->v);
    t->sup = calloc(cells, sizeof *t->sup);
    return t->v && t->sup;
}

static size_t col_index(const table *t, const char *cat)
{
    for (size_t k = 0; k < t->cols; k++)
        if (strcmp(t->clab[k], cat) == 0)
            return k;
    return SIZE_MAX;
}

static int64_t *cell(table *t, size_t i, size_t j)
{
    return &t->v[i * (t->cols + 1) + j];
}

static json_t *value(const table *t, size_t i, size_t j)
{
    size_t k = i * (t->cols + 1) + j;
    return t->sup[k] ? json_string("<5") : json_integer(t->v[k]);
}

static void value_text(const table *t, size_t i, size_t j, char *buf, size_t cap)
{
    size_t k = i * (t->cols + 1) + j;
    if (t->sup[k])
        snprintf(buf, cap, "<5");
    else
        snprintf(buf, cap, "%lld", (long long)t->v[k]);
}

/* Suppresses; a table without columns has nothing to hide. */
static void table_suppress(table *t)
{
    if (t->cols > 0 && t->rows > 0)
        monitor_onderdruk(t->v, t->sup, t->rows, t->cols);
}

/* The code list whose labels name the categories, or NULL. */
static const char *label_list(const char *maat, store_monitor_per per)
{
    switch (per) {
    case MON_PER_ZORGTYPE:
        return "zorgtype";
    case MON_PER_BEVEILIGINGSNIVEAU:
        return "beveiligingsniveau";
    case MON_PER_ARRONDISSEMENT:
        return "arrondissement";
    case MON_PER_CODE:
        if (strcmp(maat, "uitstroom") == 0 || strcmp(maat, "doorstroom") == 0)
            return "mutatiereden";
        if (strcmp(maat, "reactie") == 0)
            return "reactiemogelijkheid";
        if (strcmp(maat, "annulering") == 0)
            return "annuleringsreden";
        return NULL;
    default:
        return NULL;
    }
}

static const char *label_of(const char *list, const char *code)
{
    const codelist_entry *e = list ? codelist_lookup_in(list, code) : NULL;
    return e ? e->label : NULL;
}

/* ---- CSV ------------------------------------------------------------------------------- */

typedef struct {
    char *buf;
    size_t len, cap;
    bool oom;
} csv;

static void csv_raw(csv *c, const char *s, size_t n)
{
    if (c->oom)
        return;
    if (c->len + n + 1 > c->cap) {
        size_t nc = (c->len + n + 1) * 2 + 256;
        char *g = realloc(c->buf, nc);
        if (g == NULL) {
            c->oom = true;
            return;
        }
        c->buf = g;
        c->cap = nc;
    }
    memcpy(c->buf + c->len, s, n);
    c->len += n;
    c->buf[c->len] = '\0';
}

/* One field; quoted (RFC 4180 style) when it holds ';', '"' or a line break. */
static void csv_field(csv *c, const char *s, bool last)
{
    s = s ? s : "";
    if (strpbrk(s, ";\"\r\n")) {
        csv_raw(c, "\"", 1);
        for (const char *p = s; *p; p++)
            csv_raw(c, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
        csv_raw(c, "\"", 1);
    } else {
        csv_raw(c, s, strlen(s));
    }
    csv_raw(c, last ? "\r\n" : ";", last ? 2 : 1);
}

static void csv_send(api_request *r, csv *c, const char *name)
{
    if (c->oom || c->buf == NULL) {
        free(c->buf);
        api_error(r, 500, "internal", "Geen geheugen voor het bestand.", NULL);
        return;
    }
    char disp[96];
    snprintf(disp, sizeof disp, "attachment; filename=\"monitor-%s.csv\"", name);
    api_add_header(r, "Content-Disposition", disp);
    api_text(r, 200, "text/csv; charset=utf-8", c->buf, c->len);
    free(c->buf);
}

static csv csv_start(void)
{
    csv c = {0};
    csv_raw(&c, "\xEF\xBB\xBF", 3); /* BOM: spreadsheets then read UTF-8 */
    return c;
}

/* ---- the generic count table ----------------------------------------------------------- */

static json_t *filter_json(const query *q)
{
    json_t *o = json_object();
    json_object_set_new(o, "periode", json_string(monitor_periode_name(q->f.periode)));
    json_object_set_new(o, "van", fld_render_date(q->f.van));
    json_object_set_new(o, "tot", fld_render_date(q->f.tot));
    json_object_set_new(o, "per", json_string(per_names[q->per]));
    if (q->f.zorgtype[0])
        json_object_set_new(o, "zorgtype", json_string(q->f.zorgtype));
    if (q->f.beveiligingsniveau[0])
        json_object_set_new(o, "beveiligingsniveau", json_string(q->f.beveiligingsniveau));
    if (q->f.arrondissement[0])
        json_object_set_new(o, "arrondissement", json_string(q->f.arrondissement));
    if (q->f.zorgaanbieder_id)
        json_object_set_new(o, "zorgaanbieder", json_integer(q->f.zorgaanbieder_id));
    if (q->f.zorglocatie_id)
        json_object_set_new(o, "zorglocatie", json_integer(q->f.zorglocatie_id));
    return o;
}

static json_t *columns_json(const table *t, const char *list)
{
    json_t *a = json_array();
    for (size_t j = 0; j < t->cols; j++) {
        const char *l = label_of(list, t->clab[j]);
        json_array_append_new(a, json_pack("{s:s,s:o}", "code", t->clab[j], "omschrijving",
                                           l ? json_string(l) : json_null()));
    }
    return a;
}

/* Row i of t as {"periode", "waarden": {cat: n|"<5"}, "totaal"}. */
static json_t *row_json(const table *t, size_t i, const char *label)
{
    json_t *w = json_object();
    for (size_t j = 0; j < t->cols; j++)
        json_object_set_new(w, t->clab[j], value(t, i, j));
    return json_pack("{s:s,s:o,s:o}", "periode", label, "waarden", w, "totaal",
                     value(t, i, t->cols));
}

static void send_table(api_request *r, const query *q, const char *name, const char *maat, table *t)
{
    const char *list = label_list(maat, q->per);
    if (q->csv) {
        csv c = csv_start();
        csv_field(&c, "periode", false);
        csv_field(&c, "categorie", false);
        csv_field(&c, "omschrijving", false);
        csv_field(&c, "aantal", true);
        char buf[32];
        for (size_t i = 0; i <= t->rows; i++)
            for (size_t j = 0; j <= t->cols; j++) {
                bool tot_j = j == t->cols;
                csv_field(&c, i == t->rows ? "totaal" : t->rlab[i], false);
                csv_field(&c, tot_j ? "totaal" : t->clab[j], false);
                csv_field(&c, tot_j ? "" : label_of(list, t->clab[j]), false);
                value_text(t, i, j, buf, sizeof buf);
                csv_field(&c, buf, true);
            }
        csv_send(r, &c, name);
        return;
    }
    json_t *rows = json_array();
    for (size_t i = 0; i < t->rows; i++)
        json_array_append_new(rows, row_json(t, i, t->rlab[i]));
    json_t *tot = row_json(t, t->rows, "totaal");
    api_json(r, 200,
             json_pack("{s:s,s:o,s:o,s:o,s:o}", "maat", name, "filter", filter_json(q),
                       "categorieen", columns_json(t, list), "rijen", rows, "totaal", tot));
}

/* A flow figure: counts per period and category of one measure. */
static void count_figure(api_request *r, const char *name, const char *maat,
                         store_monitor_per default_per)
{
    query q;
    unsigned allowed = 0x7Fu; /* every breakdown */
    if (!parse(r, default_per, allowed, &q))
        return;
    store_monitor_rij *rows;
    size_t n;
    int rc = store_monitor_tellingen(api_request_app(r)->db, maat, &q.f, q.per, &rows, &n);
    if (rc != STORE_OK) {
        query_free(&q);
        api_store_error(r, rc);
        return;
    }
    table t;
    if (!table_init(&t, q.np, rows, n)) {
        free(rows);
        table_free(&t);
        query_free(&q);
        api_error(r, 500, "internal", "Geen geheugen.", NULL);
        return;
    }
    for (size_t i = 0; i < q.np; i++)
        snprintf(t.rlab[i], CAT_BUF, "%s", q.plab[i]);
    for (size_t k = 0; k < n; k++) {
        size_t i = period_index(&q, rows[k].periode), j = col_index(&t, rows[k].categorie);
        if (i != SIZE_MAX && j != SIZE_MAX)
            *cell(&t, i, j) += rows[k].aantal;
    }
    free(rows);
    table_suppress(&t);
    send_table(r, &q, name, maat, &t);
    table_free(&t);
    query_free(&q);
}

void h_monitor_aanvragen(api_request *r)
{
    count_figure(r, "aanvragen", "verzoek", MON_PER_ZORGTYPE);
}
void h_monitor_instroom(api_request *r)
{
    count_figure(r, "instroom", "instroom", MON_PER_ZORGTYPE);
}
void h_monitor_doorstroom(api_request *r)
{
    count_figure(r, "doorstroom", "doorstroom", MON_PER_CODE);
}
void h_monitor_uitstroom(api_request *r)
{
    count_figure(r, "uitstroom", "uitstroom", MON_PER_CODE);
}
void h_monitor_reacties(api_request *r)
{
    count_figure(r, "reacties", "reactie", MON_PER_CODE);
}
void h_monitor_reactietermijnen(api_request *r)
{
    count_figure(r, "reactietermijnen", "reactietermijn", MON_PER_CODE);
}
void h_monitor_annuleringen(api_request *r)
{
    count_figure(r, "annuleringen", "annulering", MON_PER_CODE);
}
void h_monitor_plaatsingen_regio(api_request *r)
{
    count_figure(r, "plaatsingen-regio", "plaatsing_regio", MON_PER_CODE);
}
void h_monitor_plaatsingen_soort(api_request *r)
{
    count_figure(r, "plaatsingen-soort", "plaatsing_soort", MON_PER_CODE);
}
void h_monitor_late_meldingen(api_request *r)
{
    count_figure(r, "late-meldingen", "einde_melding", MON_PER_CODE);
}

/* ---- occupancy ------------------------------------------------------------------------- */

void h_monitor_bezetting(api_request *r)
{
    query q;
    unsigned allowed = 0x7Eu; /* every breakdown but code */
    if (!parse(r, MON_PER_ZORGLOCATIE, allowed, &q))
        return;
    store *db = api_request_app(r)->db;
    store_monitor_rij *rows = NULL;
    store_monitor_aanbod *cap = NULL;
    size_t n = 0, ncap = 0;
    int rc = store_monitor_bezetting(db, &q.f, q.per, &rows, &n);
    if (rc == STORE_OK)
        rc = store_monitor_aanbod_lijst(db, &q.f, q.per, &cap, &ncap);
    if (rc != STORE_OK) {
        free(rows);
        free(cap);
        query_free(&q);
        api_store_error(r, rc);
        return;
    }
    /* One table over all periods for the columns; each period suppressed on its own (a
     * stock: the periods do not add up, so only the row with its total is a line). */
    table t;
    if (!table_init(&t, q.np, rows, n)) {
        free(rows);
        free(cap);
        table_free(&t);
        query_free(&q);
        api_error(r, 500, "internal", "Geen geheugen.", NULL);
        return;
    }
    for (size_t i = 0; i < q.np; i++)
        snprintf(t.rlab[i], CAT_BUF, "%s", q.plab[i]);
    for (size_t k = 0; k < n; k++) {
        size_t i = period_index(&q, rows[k].periode), j = col_index(&t, rows[k].categorie);
        if (i != SIZE_MAX && j != SIZE_MAX)
            *cell(&t, i, j) = rows[k].aantal;
    }
    free(rows);
    size_t w = t.cols + 1;
    int64_t *one = calloc(2 * w, sizeof *one);
    bool *sone = calloc(2 * w, sizeof *sone);
    for (size_t i = 0; one && sone && t.cols > 0 && i < t.rows; i++) {
        memcpy(one, &t.v[i * w], t.cols * sizeof *one);
        monitor_onderdruk(one, sone, 1, t.cols);
        memcpy(&t.v[i * w], one, w * sizeof *one);
        memcpy(&t.sup[i * w], sone, w * sizeof *sone);
    }
    free(one);
    free(sone);
    int64_t cap_tot = 0;
    int64_t *capcol = calloc(t.cols + 1, sizeof *capcol);
    for (size_t k = 0; capcol && k < ncap; k++) {
        size_t j = col_index(&t, cap[k].categorie);
        if (j != SIZE_MAX)
            capcol[j] = cap[k].capaciteit;
        cap_tot += cap[k].capaciteit;
    }
    free(cap);
    if (capcol == NULL) {
        table_free(&t);
        query_free(&q);
        api_error(r, 500, "internal", "Geen geheugen.", NULL);
        return;
    }
    capcol[t.cols] = cap_tot;
    const char *list = label_list("bezetting", q.per);
    if (q.csv) {
        csv c = csv_start();
        csv_field(&c, "periode", false);
        csv_field(&c, "categorie", false);
        csv_field(&c, "omschrijving", false);
        csv_field(&c, "bezet", false);
        csv_field(&c, "capaciteit", false);
        csv_field(&c, "bezettingsgraad_procent", true);
        char b1[32], b2[32], b3[32];
        for (size_t i = 0; i < t.rows; i++)
            for (size_t j = 0; j <= t.cols; j++) {
                csv_field(&c, t.rlab[i], false);
                csv_field(&c, j == t.cols ? "totaal" : t.clab[j], false);
                csv_field(&c, j == t.cols ? "" : label_of(list, t.clab[j]), false);
                value_text(&t, i, j, b1, sizeof b1);
                csv_field(&c, b1, false);
                snprintf(b2, sizeof b2, "%lld", (long long)capcol[j]);
                csv_field(&c, b2, false);
                int pct = t.sup[i * w + j] ? -1 : monitor_aandeel(t.v[i * w + j], capcol[j]);
                snprintf(b3, sizeof b3, "%d", pct);
                csv_field(&c, pct < 0 ? "" : b3, true);
            }
        csv_send(r, &c, "bezetting");
    } else {
        json_t *jrows = json_array();
        for (size_t i = 0; i < t.rows; i++) {
            json_t *row = row_json(&t, i, t.rlab[i]);
            json_t *graad = json_object();
            for (size_t j = 0; j <= t.cols; j++) {
                int pct = t.sup[i * w + j] ? -1 : monitor_aandeel(t.v[i * w + j], capcol[j]);
                json_object_set_new(graad, j == t.cols ? "totaal" : t.clab[j],
                                    pct < 0 ? json_null() : json_integer(pct));
            }
            json_object_set_new(row, "bezettingsgraad", graad);
            json_array_append_new(jrows, row);
        }
        json_t *capo = json_object();
        for (size_t j = 0; j < t.cols; j++)
            json_object_set_new(capo, t.clab[j], json_integer(capcol[j]));
        api_json(r, 200,
                 json_pack("{s:s,s:o,s:o,s:o,s:o,s:I}", "maat", "bezetting", "filter",
                           filter_json(&q), "categorieen", columns_json(&t, list), "rijen", jrows,
                           "capaciteit", capo, "capaciteit_totaal", (json_int_t)cap_tot));
    }
    free(capcol);
    table_free(&t);
    query_free(&q);
}

/* ---- waiting times --------------------------------------------------------------------- */

void h_monitor_wachttijden(api_request *r)
{
    query q;
    if (!parse(r, MON_PER_CODE, 1u << MON_PER_CODE, &q))
        return;
    static const char *const maat[MON_FASE_COUNT] = {"wacht_aanmelding", "wacht_acceptatie",
                                                     "wacht_start"};
    store_monitor_rij *rows[MON_FASE_COUNT] = {NULL};
    size_t n[MON_FASE_COUNT] = {0};
    int rc = STORE_OK;
    for (int f = 0; f < MON_FASE_COUNT && rc == STORE_OK; f++)
        rc = store_monitor_tellingen(api_request_app(r)->db, maat[f], &q.f, MON_PER_CODE, &rows[f],
                                     &n[f]);
    /* counts: periods x stages, suppressed as one table */
    table t = {0};
    size_t cells = (q.np + 1) * (MON_FASE_COUNT + 1);
    t.rows = q.np;
    t.cols = MON_FASE_COUNT;
    t.v = calloc(cells, sizeof *t.v);
    t.sup = calloc(cells, sizeof *t.sup);
    monitor_bin *bins = NULL;
    size_t maxn = 0;
    for (int f = 0; f < MON_FASE_COUNT; f++)
        maxn = n[f] > maxn ? n[f] : maxn;
    bins = calloc(maxn + 1, sizeof *bins);
    if (rc != STORE_OK || t.v == NULL || t.sup == NULL || bins == NULL) {
        for (int f = 0; f < MON_FASE_COUNT; f++)
            free(rows[f]);
        free(t.v);
        free(t.sup);
        free(bins);
        query_free(&q);
        if (rc != STORE_OK)
            api_store_error(r, rc);
        else
            api_error(r, 500, "internal", "Geen geheugen.", NULL);
        return;
    }
    for (int f = 0; f < MON_FASE_COUNT; f++)
        for (size_t k = 0; k < n[f]; k++) {
            size_t i = period_index(&q, rows[f][k].periode);
            if (i != SIZE_MAX)
                t.v[i * (MON_FASE_COUNT + 1) + f] += rows[f][k].aantal;
        }
    monitor_onderdruk(t.v, t.sup, t.rows, t.cols);
    csv c = {0};
    json_t *jrows = NULL;
    if (q.csv) {
        c = csv_start();
        const char *h[] = {"periode",
                           "fase",
                           "aantal",
                           "mediaan_dagen",
                           "p80_dagen",
                           "norm_werkdagen",
                           "binnen_norm_procent"};
        for (size_t k = 0; k < 7; k++)
            csv_field(&c, h[k], k == 6);
    } else {
        jrows = json_array();
    }
    /* per period (and the whole range as "totaal"), per stage */
    for (size_t i = 0; i <= q.np; i++) {
        const char *label = i == q.np ? "totaal" : q.plab[i];
        json_t *fasen = q.csv ? NULL : json_object();
        for (int f = 0; f < MON_FASE_COUNT; f++) {
            size_t nb = 0;
            int64_t binnen = 0;
            for (size_t k = 0; k < n[f]; k++)
                if (i == q.np || strcmp(rows[f][k].periode, label) == 0) {
                    bins[nb++] = (monitor_bin){rows[f][k].waarde, rows[f][k].aantal};
                    if (strcmp(rows[f][k].categorie, "binnen") == 0)
                        binnen += rows[f][k].aantal;
                }
            size_t at = i * (MON_FASE_COUNT + 1) + (size_t)f;
            int64_t cnt = t.v[at];
            bool show = !t.sup[at] && cnt >= MONITOR_DREMPEL;
            int64_t med = 0, p80 = 0;
            bool have = show && monitor_percentiel(bins, nb, 50, &med) &&
                        monitor_percentiel(bins, nb, 80, &p80);
            int pct = have ? monitor_aandeel(binnen, cnt) : -1;
            char b[4][32];
            value_text(&t, i, (size_t)f, b[0], sizeof b[0]);
            snprintf(b[1], sizeof b[1], "%lld", (long long)med);
            snprintf(b[2], sizeof b[2], "%lld", (long long)p80);
            snprintf(b[3], sizeof b[3], "%d", pct);
            if (q.csv) {
                char norm[16];
                snprintf(norm, sizeof norm, "%d", monitor_norm_werkdagen((monitor_fase)f));
                csv_field(&c, label, false);
                csv_field(&c, monitor_fase_name((monitor_fase)f), false);
                csv_field(&c, b[0], false);
                csv_field(&c, have ? b[1] : "", false);
                csv_field(&c, have ? b[2] : "", false);
                csv_field(&c, norm, false);
                csv_field(&c, have ? b[3] : "", true);
            } else {
                json_object_set_new(
                    fasen, monitor_fase_name((monitor_fase)f),
                    json_pack("{s:o,s:o,s:o,s:i,s:o}", "aantal", value(&t, i, (size_t)f),
                              "mediaan_dagen", have ? json_integer(med) : json_null(), "p80_dagen",
                              have ? json_integer(p80) : json_null(), "norm_werkdagen",
                              monitor_norm_werkdagen((monitor_fase)f), "binnen_norm_procent",
                              have ? json_integer(pct) : json_null()));
            }
        }
        if (!q.csv)
            json_array_append_new(jrows, json_pack("{s:s,s:o}", "periode", label, "fasen", fasen));
    }
    for (int f = 0; f < MON_FASE_COUNT; f++)
        free(rows[f]);
    free(bins);
    free(t.v);
    free(t.sup);
    if (q.csv) {
        csv_send(r, &c, "wachttijden");
    } else {
        json_t *tot = json_array_get(jrows, json_array_size(jrows) - 1);
        json_incref(tot);
        json_array_remove(jrows, json_array_size(jrows) - 1);
        api_json(r, 200,
                 json_pack("{s:s,s:o,s:o,s:o}", "maat", "wachttijden", "filter", filter_json(&q),
                           "rijen", jrows, "totaal", tot));
    }
    query_free(&q);
}

/* ---- the providers' own figures and open overdue referrals ----------------------------- */

/* One-column figure per category (no periods): suppressed as a column with its total. */
static void send_column(api_request *r, const query *q, const char *name, const char *list,
                        char (*cats)[CAT_BUF], const int64_t *vals, size_t n, const int64_t *extra1,
                        const char *extra1_name, const int64_t *extra2, const char *extra2_name)
{
    int64_t *v = calloc((n + 1) * 2, sizeof *v);
    bool *s = calloc((n + 1) * 2, sizeof *s);
    if (v == NULL || s == NULL) {
        free(v);
        free(s);
        api_error(r, 500, "internal", "Geen geheugen.", NULL);
        return;
    }
    for (size_t i = 0; i < n; i++)
        v[i * 2] = vals[i];
    if (n > 0)
        monitor_onderdruk(v, s, n, 1);
    char buf[32];
    if (q->csv) {
        csv c = csv_start();
        csv_field(&c, "categorie", false);
        csv_field(&c, "omschrijving", false);
        csv_field(&c, "aantal", !extra1_name);
        if (extra1_name)
            csv_field(&c, extra1_name, !extra2_name);
        if (extra2_name)
            csv_field(&c, extra2_name, true);
        for (size_t i = 0; i <= n; i++) {
            csv_field(&c, i == n ? "totaal" : cats[i], false);
            csv_field(&c, i == n ? "" : label_of(list, cats[i]), false);
            if (s[i * 2])
                snprintf(buf, sizeof buf, "<5");
            else
                snprintf(buf, sizeof buf, "%lld", (long long)v[i * 2]);
            csv_field(&c, buf, !extra1_name);
            if (extra1_name) {
                snprintf(buf, sizeof buf, "%lld", (long long)(i < n ? extra1[i] : 0));
                csv_field(&c, i < n ? buf : "", !extra2_name);
            }
            if (extra2_name) {
                snprintf(buf, sizeof buf, "%lld", (long long)(i < n ? extra2[i] : 0));
                csv_field(&c, i < n ? buf : "", true);
            }
        }
        csv_send(r, &c, name);
    } else {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++) {
            const char *l = label_of(list, cats[i]);
            json_t *o = json_pack("{s:s,s:o,s:o}", "categorie", cats[i], "omschrijving",
                                  l ? json_string(l) : json_null(), "aantal",
                                  s[i * 2] ? json_string("<5") : json_integer(v[i * 2]));
            if (extra1_name)
                json_object_set_new(o, extra1_name, json_integer(extra1[i]));
            if (extra2_name)
                json_object_set_new(o, extra2_name, json_integer(extra2[i]));
            json_array_append_new(a, o);
        }
        json_t *tot = s[n * 2] ? json_string("<5") : json_integer(v[n * 2]);
        api_json(r, 200,
                 json_pack("{s:s,s:o,s:o,s:o}", "maat", name, "filter", filter_json(q), "rijen", a,
                           "totaal", tot));
    }
    free(v);
    free(s);
}

void h_monitor_wachtlijsten(api_request *r)
{
    query q;
    if (!parse(r, MON_PER_ZORGLOCATIE, 0x7Eu, &q))
        return;
    store_monitor_aanbod *ab;
    size_t n;
    int rc = store_monitor_aanbod_lijst(api_request_app(r)->db, &q.f, q.per, &ab, &n);
    if (rc != STORE_OK) {
        query_free(&q);
        api_store_error(r, rc);
        return;
    }
    char(*cats)[CAT_BUF] = calloc(n + 1, sizeof *cats);
    int64_t *wl = calloc(n + 1, sizeof *wl), *capa = calloc(n + 1, sizeof *capa),
            *wt = calloc(n + 1, sizeof *wt);
    if (cats && wl && capa && wt) {
        for (size_t i = 0; i < n; i++) {
            snprintf(cats[i], CAT_BUF, "%s", ab[i].categorie);
            wl[i] = ab[i].wachtlijst;
            capa[i] = ab[i].capaciteit;
            wt[i] = ab[i].wachttijd_dagen;
        }
        send_column(r, &q, "wachtlijsten", label_list("", q.per), cats, wl, n, capa, "capaciteit",
                    wt, "wachttijd_dagen");
    } else {
        api_error(r, 500, "internal", "Geen geheugen.", NULL);
    }
    free(cats);
    free(wl);
    free(capa);
    free(wt);
    free(ab);
    query_free(&q);
}

void h_monitor_reacties_open(api_request *r)
{
    query q;
    unsigned allowed = (1u << MON_PER_ZORGTYPE) | (1u << MON_PER_ZORGAANBIEDER) |
                       (1u << MON_PER_ZORGLOCATIE) | (1u << MON_PER_GEEN);
    if (!parse(r, MON_PER_GEEN, allowed, &q))
        return;
    store_monitor_rij *rows;
    size_t n;
    int rc = store_monitor_te_laat_open(api_request_app(r)->db, &q.f, q.per, q.f.tot, &rows, &n);
    if (rc != STORE_OK) {
        query_free(&q);
        api_store_error(r, rc);
        return;
    }
    char(*cats)[CAT_BUF] = calloc(n + 1, sizeof *cats);
    int64_t *v = calloc(n + 1, sizeof *v);
    if (cats && v) {
        for (size_t i = 0; i < n; i++) {
            snprintf(cats[i], CAT_BUF, "%s", rows[i].categorie);
            v[i] = rows[i].aantal;
        }
        send_column(r, &q, "reacties-te-laat", label_list("", q.per), cats, v, n, NULL, NULL, NULL,
                    NULL);
    } else {
        api_error(r, 500, "internal", "Geen geheugen.", NULL);
    }
    free(cats);
    free(v);
    free(rows);
    query_free(&q);
}
