/*
 * seed_demo.c - `ifzo seed-demo`: fills an empty database with realistic, deterministic demo
 * data — indicating organisations, 110 providers with contracts, 440 locations spread over
 * the 11 arrondissementen (real PC4 areas of the geography table), offers for every care type
 * and security level with capacity and waiting lists, 1,000 clients with valid BSNs and
 * indications in every state (concept, definitief, vervangen).
 *
 * Why deterministic: demos, screenshots and manual tests must show the same data every time;
 * a fixed-seed PRNG (xorshift64*) drives every choice. Every record passes the core rules
 * before it is stored, so the demo data never contains what the API would refuse.
 * Speed: two transactions (catalog, clients) of bulk inserts; well under 10 s on SQLite.
 * The counts are documented in docs/demo-data.md and checked by tests/api/test_seed_demo.c.
 */
#include "api/auth.h"
#include "cli/cli.h"
#include "core/codelist.h"
#include "core/indicatiestelling.h"
#include "core/zorgaanbod.h"
#include "store/catalog.h"
#include "store/plaatsing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define N_PROVIDERS       110
#define LOCS_PER_PROVIDER 4
#define N_CLIENTS         1000
#define SEED              20250601u
#define TODAY             "2025-06-02" /* the demo's "today" (use IFZO_TODAY=2025-06-02) */

/* ---- deterministic randomness ------------------------------------------------------- */

static uint64_t rng_state = SEED;

static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1DULL;
}

/* 0 … n-1 */
static int pick(int n)
{
    return (int)(rnd() % (uint64_t)n);
}

static bool chance(int percent)
{
    return pick(100) < percent;
}

/* ---- word lists ----------------------------------------------------------------------- */

static const char *const ORG_WORDS[] = {
    "De Waag", "Het Dok",  "De Kei",    "Horizon",   "De Brug", "Kairos",     "De Boei", "Transit",
    "Anker",   "De Linde", "Zonnehoek", "De Hoven",  "Polaris", "De Grift",   "Bolwerk", "De Haven",
    "Kompas",  "Roerdomp", "De Eik",    "Vuurtoren", "Mozaïek", "De Steiger", "Koers",   "De Baak"};
static const char *const ORG_KINDS[] = {"Stichting", "Forensische Zorg", "FPK", "Kliniek",
                                        "Zorggroep"};
static const char *const SURNAMES[] = {
    "de Jong",  "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker",   "Janssen",
    "Visser",   "Smit",   "Meijer",   "de Boer",      "Mulder",   "de Groot", "Bos",
    "Vos",      "Peters", "Hendriks", "van Leeuwen",  "Dekker",   "Brouwer",  "de Wit",
    "Dijkstra", "Smits",  "de Graaf", "van der Meer", "Kok",      "Jacobs",   "el Amrani",
    "Yilmaz",   "Öztürk", "Pinas",    "Nguyen"};
static const char *const MEN[] = {"Jan", "Mohamed", "Daan", "Kevin",  "Pieter", "Ricardo",
                                  "Sem", "Youssef", "Mark", "Dennis", "Bram",   "Emre"};
static const char *const WOMEN[] = {"Anna", "Fatima",    "Sanne", "Lisa", "Naima",
                                    "Eva",  "Priscilla", "Anouk", "Iris", "Chantal"};
static const char *const STREETS[] = {"Kerkstraat",   "Dorpsstraat", "Stationsweg", "Molenweg",
                                      "Schoolstraat", "Parallelweg", "Julianalaan", "Hoofdweg",
                                      "Industrieweg", "Beatrixlaan"};

/* ---- geography: PC4 areas per arrondissement --------------------------------------------- */

typedef struct {
    int *pc4[IFZO_ARR_COUNT];
    int n[IFZO_ARR_COUNT];
} pc4_index;

static int pc4_index_build(pc4_index *x)
{
    memset(x, 0, sizeof *x);
    size_t total = ifzo_geo_pc4_count();
    for (int a = 0; a < IFZO_ARR_COUNT; a++) {
        x->pc4[a] = malloc(total * sizeof(int));
        if (x->pc4[a] == NULL)
            return -1;
    }
    for (size_t i = 0; i < total; i++) {
        struct ifzo_geo_place p;
        if (ifzo_geo_pc4_at(i, &p) == IFZO_GEO_OK)
            x->pc4[p.arrondissement][x->n[p.arrondissement]++] = p.pc4;
    }
    for (int a = 0; a < IFZO_ARR_COUNT; a++) {
        if (x->n[a] == 0)
            return -1;
    }
    return 0;
}

static void pc4_index_free(pc4_index *x)
{
    for (int a = 0; a < IFZO_ARR_COUNT; a++)
        free(x->pc4[a]);
}

/* A full postcode in a PC4 area: two letters, never SA, SD or SS. */
static void postcode_in(int pc4, char out[7])
{
    char a = (char)('A' + pick(26)), b = (char)('A' + pick(26));
    if (a == 'S' && (b == 'A' || b == 'D' || b == 'S'))
        b = 'B';
    out[0] = (char)('0' + pc4 / 1000 % 10);
    out[1] = (char)('0' + pc4 / 100 % 10);
    out[2] = (char)('0' + pc4 / 10 % 10);
    out[3] = (char)('0' + pc4 % 10);
    out[4] = a;
    out[5] = b;
    out[6] = '\0';
}

/* ---- criteria ---------------------------------------------------------------------------- */

/* A random non-empty subset of the values allowed for zorgtype (each value with p%). */
static ifzo_codeset random_set(const char *zorgtype, ifzo_crit c, int p)
{
    const codelist *l = ifzo_crit_list(c);
    ifzo_codeset s = 0;
    for (int tries = 0; s == 0 && tries < 10; tries++) {
        for (size_t i = 0; i < l->count; i++) {
            if (ifzo_crit_value_allowed(zorgtype, c, l->entries[i].code) && chance(p))
                ifzo_codeset_add(c, l->entries[i].code, &s);
        }
    }
    if (s == 0) {
        for (size_t i = 0; i < l->count; i++) {
            if (ifzo_crit_value_allowed(zorgtype, c, l->entries[i].code)) {
                ifzo_codeset_add(c, l->entries[i].code, &s);
                break;
            }
        }
    }
    return s;
}

/* One random allowed value. */
static ifzo_codeset random_one(const char *zorgtype, ifzo_crit c)
{
    const codelist *l = ifzo_crit_list(c);
    for (;;) {
        const char *code = l->entries[pick((int)l->count)].code;
        if (ifzo_crit_value_allowed(zorgtype, c, code)) {
            ifzo_codeset s = 0;
            ifzo_codeset_add(c, code, &s);
            return s;
        }
    }
}

static const char *const ZORGTYPES[] = {"KLIN", "TBS", "VBW", "BW", "VGV",
                                        "AMB",  "ADB", "ABH", "ABG"};
#define N_ZORGTYPES 9

/* The zorgsetting values whose security level equals the location's. */
static ifzo_codeset settings_for_level(const char *level)
{
    const codelist *l = codelist_find(CODELIST_ZORGSETTING);
    ifzo_codeset s = 0;
    for (size_t i = 0; i < l->count; i++) {
        const codelist_entry *bn = codelist_attr_ref(&l->entries[i], "security_level");
        if (bn && strcmp(bn->code, level) == 0)
            ifzo_codeset_add(IFZO_CRIT_ZORGSETTING, l->entries[i].code, &s);
    }
    return s;
}

/* ---- the data ----------------------------------------------------------------------------- */

typedef struct {
    pc4_index geo;
    ifzo_date today;
    int64_t org_ids[8];
    int n_orgs;
    int64_t first_provider_org; /* the organisation of the first seeded provider */
    /* counts, for the report */
    int providers, contracts, locations, offers, clients;
    int ind_concept, ind_definitief, ind_vervangen;
    int per_arr[IFZO_ARR_COUNT];
    int per_type[N_ZORGTYPES];
    int per_level[5];
    /* for the placement history (the capacity monitor's demo data) */
    int64_t loc_ids[512];
    int n_loc_ids;
    int64_t ind_ids[N_CLIENTS];
    int n_ind_ids;
    int placements, starts, ends;
} seed_ctx;

static ifzo_date D(const char *s)
{
    ifzo_date d = 0;
    ifzo_date_parse(s, &d);
    return d;
}

static int check(bool ok, const core_error *e, const char *what)
{
    if (ok)
        return STORE_OK;
    fprintf(stderr, "ifzo: seed-demo made an invalid %s (%s: %s)\n", what, e->field, e->message);
    return STORE_INVALID;
}

static int seed_offer(store_bulk *b, seed_ctx *x, const ifzo_zorglocatie *l, int64_t lid,
                      const char *zorgtype, enum ifzo_arrondissement arr)
{
    ifzo_zorgaanbod a = {.zorglocatie_id = lid,
                         .opnamestop_van = IFZO_NO_DATE,
                         .opnamestop_tot = IFZO_NO_DATE,
                         .bijgewerkt_op = x->today - pick(60)};
    snprintf(a.zorgtype, sizeof a.zorgtype, "%s", zorgtype);
    for (int k = 0; k < IFZO_CRIT_COUNT; k++) {
        if (ifzo_crit_applies(zorgtype, (ifzo_crit)k))
            a.criteria.set[k] = random_set(zorgtype, (ifzo_crit)k, 60);
    }
    /* Geography: its own arrondissement, sometimes a neighbour too; national: all. */
    ifzo_codeset own = (ifzo_codeset)1 << arr;
    a.criteria.set[IFZO_CRIT_ARRONDISSEMENT] =
        l->landelijke_functie ? ifzo_codeset_all(IFZO_CRIT_ARRONDISSEMENT)
                              : own | (chance(30) ? (ifzo_codeset)1 << pick(IFZO_ARR_COUNT) : 0);
    if (ifzo_crit_applies(zorgtype, IFZO_CRIT_ZORGSETTING)) {
        a.criteria.set[IFZO_CRIT_ZORGSETTING] = settings_for_level(l->beveiligingsniveau);
        if (!ifzo_codeset_has(IFZO_CRIT_DSM_HOOFDGROEP, a.criteria.set[IFZO_CRIT_DSM_HOOFDGROEP],
                              "04"))
            a.criteria.set[IFZO_CRIT_MIDDEL] = 0;
        a.criteria.set[IFZO_CRIT_GESLACHT] &= ~(ifzo_codeset)1; /* "onbekend" not offered */
        if (a.criteria.set[IFZO_CRIT_GESLACHT] == 0)
            ifzo_codeset_add(IFZO_CRIT_GESLACHT, "1", &a.criteria.set[IFZO_CRIT_GESLACHT]);
    }
    a.leeftijd_min = chance(80) ? 18 : 16;
    a.leeftijd_max = chance(70) ? 99 : 65 + pick(20);
    const char *root = ifzo_zorgtype_root(zorgtype);
    a.capaciteit = strcmp(root, "AMB") == 0 ? 40 + pick(160) : 6 + pick(50);
    a.bezet = a.capaciteit - pick(a.capaciteit / 4 + 1);
    a.wachtlijst = chance(40) ? 0 : pick(25);
    a.wachttijd_dagen = a.wachtlijst == 0 ? 0 : 7 + pick(120);
    if (chance(6)) {
        a.opnamestop = true;
        a.opnamestop_van = x->today - pick(30);
        a.opnamestop_tot = chance(50) ? IFZO_NO_DATE : x->today + 10 + pick(60);
    }
    core_error e;
    int rc = check(zorgaanbod_check(&a, x->today, &e), &e, "zorgaanbod");
    if (rc == STORE_OK)
        rc = store_bulk_zorgaanbod(b, &a, NULL);
    if (rc == STORE_OK) {
        x->offers++;
        for (int t = 0; t < N_ZORGTYPES; t++) {
            if (strcmp(ZORGTYPES[t], zorgtype) == 0)
                x->per_type[t]++;
        }
    }
    return rc;
}

static int seed_catalog(store_bulk *b, void *vctx)
{
    seed_ctx *x = vctx;
    static const struct {
        const char *name, *kind;
    } orgs[] = {{"NIFP Indicatiestelling Forensische Zorg", "nifp"},
                {"Reclassering Nederland", "3ro"},
                {"Stichting Verslavingsreclassering GGZ", "3ro"},
                {"Leger des Heils Jeugdbescherming & Reclassering", "3ro"},
                {"PMO PI Vught", "pmo"},
                {"DJI Divisie Individuele Zaken (FPL)", "dji"},
                {"Openbaar Ministerie", "om"}};
    x->n_orgs = 0;
    for (size_t i = 0; i < sizeof orgs / sizeof orgs[0]; i++) {
        int rc = store_bulk_organisation(b, orgs[i].name, orgs[i].kind, &x->org_ids[x->n_orgs]);
        if (rc != STORE_OK)
            return rc;
        x->n_orgs++;
    }
    int loc_seq = 0;
    for (int p = 0; p < N_PROVIDERS; p++) {
        ifzo_zorgaanbieder z = {.toelating = p % 23 != 22};
        snprintf(z.naam, sizeof z.naam, "%s %s %d", ORG_KINDS[p % 5], ORG_WORDS[pick(24)], p + 1);
        snprintf(z.agb, sizeof z.agb, "06%06u", (unsigned)(100000 + p) % 1000000u);
        core_error e;
        int64_t zid;
        /* Each provider's own organisation, whose users will maintain its offer. */
        int rc = store_bulk_organisation(b, z.naam, "zorgaanbieder", &z.organisation_id);
        if (rc != STORE_OK)
            return rc;
        if (p == 0)
            x->first_provider_org = z.organisation_id;
        rc = check(zorgaanbieder_check(&z, &e), &e, "zorgaanbieder");
        if (rc == STORE_OK)
            rc = store_bulk_zorgaanbieder(b, &z, &zid);
        if (rc != STORE_OK)
            return rc;
        z.id = zid;
        x->providers++;
        /* Contracts: every provider has the care type of its first location; a few more. */
        bool has[3] = {false, false, false};
        const char *roots[3] = {"KLIN", "VBW", "AMB"};
        has[p % 3] = true;
        for (int k = 0; k < 3; k++) {
            if (chance(35))
                has[k] = true;
        }
        for (int k = 0; k < 3; k++) {
            if (!has[k])
                continue;
            ifzo_contract c = {.zorgaanbieder_id = zid,
                               .geldig_van = D("2024-01-01"),
                               .geldig_tot = chance(15) ? D("2025-03-31") : D("2026-12-31")};
            snprintf(c.zorgtype, sizeof c.zorgtype, "%s", roots[k]);
            rc = check(contract_check(&c, &e), &e, "contract");
            if (rc == STORE_OK)
                rc = store_bulk_contract(b, &c, NULL);
            if (rc != STORE_OK)
                return rc;
            x->contracts++;
        }
        for (int j = 0; j < LOCS_PER_PROVIDER; j++, loc_seq++) {
            enum ifzo_arrondissement arr = (enum ifzo_arrondissement)(loc_seq % IFZO_ARR_COUNT);
            int pc4 = x->geo.pc4[arr][pick(x->geo.n[arr])];
            struct ifzo_geo_place place;
            ifzo_geo_lookup_pc4(pc4, &place);
            ifzo_zorglocatie l = {.zorgaanbieder_id = zid, .lat = place.lat, .lon = place.lon};
            snprintf(l.naam, sizeof l.naam, "%.150s, locatie %.100s", z.naam, place.gemeente);
            snprintf(l.agb, sizeof l.agb, "06%06u", (unsigned)(500000 + loc_seq) % 1000000u);
            snprintf(l.adres, sizeof l.adres, "%s %d", STREETS[pick(10)], 1 + pick(200));
            postcode_in(pc4, l.postcode);
            snprintf(l.plaats, sizeof l.plaats, "%s", place.gemeente);
            snprintf(l.arrondissement, sizeof l.arrondissement, "%s", ifzo_arr_code(arr));
            /* Levels: mostly 1 and 2; 3 and 4 rarer, some with a national function. */
            int level = (loc_seq % 10 == 3) ? 3 : (loc_seq % 10 == 7) ? 4 : 1 + pick(2);
            l.beveiligingsniveau[0] = (char)('0' + level);
            l.beveiligingsniveau[1] = '\0';
            l.landelijke_functie = level >= 3 && chance(50);
            rc = check(zorglocatie_check(&l, &e), &e, "zorglocatie");
            int64_t lid;
            if (rc == STORE_OK)
                rc = store_bulk_zorglocatie(b, &l, &lid);
            if (rc != STORE_OK)
                return rc;
            x->locations++;
            if (x->n_loc_ids < 512)
                x->loc_ids[x->n_loc_ids++] = lid;
            x->per_arr[arr]++;
            x->per_level[level]++;
            /* Offers: the first for the care type the cycle needs (every type covered),
             * then up to two more of the provider's contracted kinds. */
            const char *first = ZORGTYPES[loc_seq % N_ZORGTYPES];
            if (level >= 3) /* secure clinics offer clinical care */
                first = (loc_seq % 2) ? "KLIN" : "TBS";
            rc = seed_offer(b, x, &l, lid, first, arr);
            const char *used[3] = {first, NULL, NULL};
            for (int extra = 0; rc == STORE_OK && extra < 2; extra++) {
                const char *t = ZORGTYPES[pick(N_ZORGTYPES)];
                bool dup = false; /* one offer per (location, type): the UNIQUE key */
                for (int u = 0; u < 3; u++)
                    dup = dup || (used[u] && strcmp(used[u], t) == 0);
                if (dup || chance(50))
                    continue;
                if (level >= 3 && strcmp(ifzo_zorgtype_root(t), "KLIN") != 0)
                    continue;
                used[extra + 1] = t;
                rc = seed_offer(b, x, &l, lid, t, arr);
            }
            if (rc != STORE_OK)
                return rc;
        }
    }
    return STORE_OK;
}

/* A BSN passing the 11-proef, unique per n. */
static void make_bsn(int n, char out[10])
{
    for (int base = 10000000 + n * 97;; base++) {
        int sum = 0, v = base % 100000000;
        for (int i = 7; i >= 0; i--, v /= 10) {
            out[i] = (char)('0' + v % 10);
            sum += (9 - i) * (v % 10);
        }
        int last = sum % 11; /* sum - last ≡ 0 (mod 11) */
        if (last <= 9) {
            out[8] = (char)('0' + last);
            out[9] = '\0';
            return;
        }
    }
}

static int seed_clients(store_bulk *b, void *vctx)
{
    seed_ctx *x = vctx;
    for (int n = 0; n < N_CLIENTS; n++) {
        ifzo_justitiabele j = {0};
        bool man = chance(85);
        snprintf(j.achternaam, sizeof j.achternaam, "%s", SURNAMES[pick(32)]);
        snprintf(j.voornamen, sizeof j.voornamen, "%s", man ? MEN[pick(12)] : WOMEN[pick(10)]);
        snprintf(j.geslacht, sizeof j.geslacht, "%s", man ? "1" : "2");
        j.geboortedatum = D("1955-01-01") + pick(365 * 50);
        make_bsn(n, j.bsn);
        enum ifzo_arrondissement arr = (enum ifzo_arrondissement)pick(IFZO_ARR_COUNT);
        int pc4 = x->geo.pc4[arr][pick(x->geo.n[arr])];
        if (chance(20))
            snprintf(j.postcode, sizeof j.postcode, "%04d", pc4);
        else
            postcode_in(pc4, j.postcode);
        core_error e;
        int64_t cid;
        int rc = check(justitiabele_check(&j, x->today, &e), &e, "justitiabele");
        if (rc == STORE_OK)
            rc = store_bulk_justitiabele(b, &j, &cid);
        if (rc != STORE_OK)
            return rc;
        x->clients++;

        /* The indication: care type, criteria from the client, one value each. */
        const char *zorgtype = ZORGTYPES[pick(N_ZORGTYPES)];
        ifzo_indicatie in = {.justitiabele_id = cid,
                             .indicerende_organisatie_id = x->org_ids[pick(x->n_orgs - 2)],
                             .titel_eind = IFZO_NO_DATE};
        snprintf(in.zorgtype, sizeof in.zorgtype, "%s", zorgtype);
        for (int k = 0; k < IFZO_CRIT_COUNT; k++) {
            if (ifzo_crit_applies(zorgtype, (ifzo_crit)k) && k != IFZO_CRIT_MIDDEL)
                in.criteria.set[k] = random_one(zorgtype, (ifzo_crit)k);
        }
        in.criteria.set[IFZO_CRIT_ARRONDISSEMENT] = (ifzo_codeset)1 << arr;
        in.criteria.set[IFZO_CRIT_GESLACHT] = 0;
        ifzo_codeset_add(IFZO_CRIT_GESLACHT, j.geslacht, &in.criteria.set[IFZO_CRIT_GESLACHT]);
        if (ifzo_codeset_has(IFZO_CRIT_DSM_HOOFDGROEP, in.criteria.set[IFZO_CRIT_DSM_HOOFDGROEP],
                             "04"))
            in.criteria.set[IFZO_CRIT_MIDDEL] = random_one(zorgtype, IFZO_CRIT_MIDDEL);
        static const char *const titles[] = {"02", "07", "08", "09", "12", "14", "X04"};
        snprintf(in.zorgtitel, sizeof in.zorgtitel, "%s", titles[pick(7)]);
        in.titel_start = x->today - 30 - pick(300);
        if (chance(80))
            in.titel_eind = in.titel_start + 365 + pick(700);
        static const char *const urg[] = {"REG", "REG", "REG", "SPOED", "CRISIS"};
        snprintf(in.urgentie, sizeof in.urgentie, "%s", urg[pick(5)]);
        if (strcmp(ifzo_zorgtype_root(zorgtype), "KLIN") == 0) {
            in.beveiligingsniveau[0] = (char)('1' + pick(4));
            in.beveiligingsniveau[1] = '\0';
        }
        in.aanmelddatum = x->today - pick(120);
        snprintf(in.onderbouwing, sizeof in.onderbouwing,
                 "Demo-indicatie %d: zorgbehoefte en beveiligingsnoodzaak volgen uit het "
                 "dossier en het gesprek met betrokkene.",
                 n + 1);
        int state = pick(10); /* 0-1 concept, 2 vervangen, else definitief */
        in.status = state < 2 ? IFZO_IND_CONCEPT : IFZO_IND_DEFINITIEF;
        if (state == 0) /* an unfinished concept */
            in.onderbouwing[0] = '\0';
        bool ok;
        if (in.status == IFZO_IND_DEFINITIEF) {
            in.status = IFZO_IND_CONCEPT;
            ok = ifzo_indicatie_can_finalize(&in, x->today, &e);
            in.status = IFZO_IND_DEFINITIEF;
        } else {
            ok = ifzo_indicatie_check(&in, x->today, &e);
        }
        rc = check(ok, &e, "indicatie");
        int64_t iid;
        if (rc == STORE_OK)
            rc = store_bulk_indicatie(b, &in, &iid);
        if (rc == STORE_OK && state == 2) {
            /* Herindicatie: a new definitive version; the first becomes vervangen. */
            in.id = iid;
            snprintf(in.onderbouwing, sizeof in.onderbouwing,
                     "Herindicatie %d: de zorgvraag is veranderd.", n + 1);
            rc = store_bulk_indicatie_change(b, &in, 1);
            x->ind_vervangen++;
        }
        if (rc != STORE_OK)
            return rc;
        if (in.status == IFZO_IND_CONCEPT)
            x->ind_concept++;
        else {
            x->ind_definitief++;
            x->ind_ids[x->n_ind_ids++] = iid;
        }
    }
    return STORE_OK;
}

/* ---- placement history (issue 10: the capacity monitor has figures to show) --------------
 * For the first N_PLACEMENTS definitive indications, a request made on a day spread over the
 * year before TODAY, run through the workflow's own core steps and store saves (so every
 * event and its monitor counts are written as in production): a referral, sometimes first a
 * decline and a cancellation, an acceptance, a decision and a start of care; most placements
 * started long enough ago also end, some reported late. Deterministic (the seed's rng). */
#define N_PLACEMENTS 240

static int seed_save(store *db, store_plaatsing *cur, store_plaatsing *after,
                     store_plaatsing_stap st)
{
    store_plaatsing out;
    int rc = store_plaatsing_save(db, cur, after, &st, NULL, &out);
    free(after->pogingen);
    after->pogingen = NULL;
    store_plaatsing_free(cur);
    *cur = out;
    return rc;
}

static store_plaatsing seed_copy(const store_plaatsing *p)
{
    store_plaatsing c = *p;
    c.pogingen = calloc(p->n + 1, sizeof *c.pogingen);
    if (c.pogingen && p->n)
        memcpy(c.pogingen, p->pogingen, p->n * sizeof *c.pogingen);
    return c;
}

static int seed_refer(store *db, store_plaatsing *p, int64_t loc, ifzo_date day)
{
    store_plaatsing a = seed_copy(p);
    toeleidingspoging all[8];
    for (size_t i = 0; i < p->n && i < 8; i++)
        all[i] = p->pogingen[i].v;
    if (a.pogingen == NULL ||
        !plaatsing_aanmelden(&p->v, all, p->n, loc, false, day, &a.pogingen[a.n].v, NULL)) {
        free(a.pogingen);
        return STORE_INVALID;
    }
    a.n++;
    return seed_save(db, p, &a,
                     (store_plaatsing_stap){.stap = "aanmelden", .poging_id = -1, .datum = day});
}

static int seed_react(store *db, store_plaatsing *p, const char *code, ifzo_date day)
{
    store_plaatsing a = seed_copy(p);
    size_t i = p->n - 1;
    if (a.pogingen == NULL || !plaatsing_reageren(&a.pogingen[i].v, code, "", day, NULL)) {
        free(a.pogingen);
        return STORE_INVALID;
    }
    return seed_save(db, p, &a,
                     (store_plaatsing_stap){.stap = a.pogingen[i].v.status == TP_GEACCEPTEERD
                                                        ? "accepteren"
                                                        : "afwijzen",
                                            .poging_id = p->pogingen[i].v.id,
                                            .datum = day,
                                            .code = code});
}

static int seed_one(store *db, seed_ctx *x, int k)
{
    store_indicatie ind;
    int rc = store_indicatie_get(db, STORE_SCOPE_EVERYTHING, x->ind_ids[k], 0, &ind);
    if (rc != STORE_OK)
        return rc;
    ifzo_date d0 = x->today - 360 + (ifzo_date)(k * 330 / N_PLACEMENTS);
    plaatsingsverzoek pv;
    store_plaatsing p = {0};
    if (!plaatsing_aanmaken(&ind.v, x->org_ids[5], d0, &pv, NULL))
        return STORE_OK;
    store_access_entry log = {.username = "seed-demo",
                              .role = "plaatser",
                              .client_id = ind.v.justitiabele_id,
                              .object_type = "plaatsingsverzoek",
                              .action = "create"};
    if ((rc = store_plaatsing_create(db, &pv, &log, &p)) != STORE_OK)
        return rc;
    x->placements++;
    int64_t loc = x->loc_ids[pick(x->n_loc_ids)];
    ifzo_date day = d0 + pick(8);
    if (chance(25)) { /* a first provider declines; the placer cancels and refers anew */
        int64_t other = x->loc_ids[pick(x->n_loc_ids)];
        rc = seed_refer(db, &p, other == loc ? x->loc_ids[0] : other, day);
        if (rc == STORE_OK)
            rc = seed_react(db, &p, chance(50) ? "16" : "05", day + 1 + pick(4));
        if (rc == STORE_OK) {
            store_plaatsing a = seed_copy(&p);
            toeleidingspoging all[8];
            for (size_t i = 0; i < p.n && i < 8; i++)
                all[i] = p.pogingen[i].v;
            day += 5;
            if (a.pogingen &&
                plaatsing_annuleren(&a.v, all, p.n, p.n - 1, "ZA", "ZA01", "", day, NULL)) {
                a.pogingen[p.n - 1].v = all[p.n - 1];
                rc = seed_save(db, &p, &a,
                               (store_plaatsing_stap){.stap = "annuleren",
                                                      .poging_id = p.pogingen[p.n - 1].v.id,
                                                      .datum = day,
                                                      .code = "ZA01"});
            } else {
                free(a.pogingen);
            }
        }
    }
    if (rc == STORE_OK)
        rc = seed_refer(db, &p, loc, day);
    ifzo_date acc = day + 1 + pick(12);
    if (rc == STORE_OK && acc <= x->today)
        rc = seed_react(db, &p, "01", acc);
    if (rc != STORE_OK || p.v.status != PV_OPEN ||
        p.pogingen[p.n - 1].v.status != TP_GEACCEPTEERD) {
        store_plaatsing_free(&p);
        return rc;
    }
    ifzo_date start = acc + pick(25);
    if (ind.v.titel_start != IFZO_NO_DATE && start < ind.v.titel_start)
        start = ind.v.titel_start;
    if (start > x->today) {
        store_plaatsing_free(&p);
        return STORE_OK;
    }
    char nr[32];
    snprintf(nr, sizeof nr, "DEMO-%04d", k + 1);
    store_plaatsing a = seed_copy(&p);
    toeleidingspoging all[8];
    for (size_t i = 0; i < p.n && i < 8; i++)
        all[i] = p.pogingen[i].v;
    if (a.pogingen &&
        plaatsing_besluiten(&a.v, all, p.n, p.n - 1, nr, p.v.zorgtype, start, acc, NULL))
        rc = seed_save(db, &p, &a,
                       (store_plaatsing_stap){.stap = "besluiten", .datum = start, .code = nr});
    else
        free(a.pogingen);
    a = seed_copy(&p);
    if (rc == STORE_OK && a.pogingen && plaatsing_start_zorg(&a.v, start, start, NULL)) {
        rc = seed_save(db, &p, &a, (store_plaatsing_stap){.stap = "start_zorg", .datum = start});
        x->starts++;
    } else {
        free(a.pogingen);
    }
    ifzo_date end = start + 30 + pick(240);
    bool late = chance(15);
    ifzo_date melding = end + (late ? 11 + pick(10) : 1 + pick(8));
    if (rc == STORE_OK && p.v.status == PV_GEPLAATST && melding <= x->today && chance(70)) {
        static const char *const redenen[] = {"01", "02", "03", "04", "06", "07", "07"};
        einde_zorg_melding m = {.einddatum = end,
                                .mutatiereden = redenen[pick(7)],
                                .meldingsdatum = melding,
                                .status = 1};
        a = seed_copy(&p);
        if (a.pogingen && plaatsing_einde_zorg(&a.v, &m, IFZO_NO_DATE, melding, NULL)) {
            rc = seed_save(db, &p, &a,
                           (store_plaatsing_stap){.stap = "einde_zorg",
                                                  .datum = end,
                                                  .code = m.mutatiereden,
                                                  .te_laat = a.v.einde_te_laat});
            x->ends++;
        } else {
            free(a.pogingen);
        }
    }
    store_plaatsing_free(&p);
    return rc;
}

static int seed_plaatsingen(store *db, seed_ctx *x)
{
    for (int k = 0; k < N_PLACEMENTS && k < x->n_ind_ids && x->n_loc_ids > 0; k++) {
        int rc = seed_one(db, x, k);
        if (rc != STORE_OK)
            return rc;
    }
    return STORE_OK;
}

/* ---- demo users (decisions.md §34) ---------------------------------------------------------
 * One user per role with a fixed password that the output, scripts/run-demo.sh and the
 * README print: demo data only, never for a real installation. Indices into orgs[] of
 * seed_catalog: 1 = Reclassering Nederland (3RO), 5 = DJI (FPL); -1 = the first provider. */
typedef struct {
    const char *username, *password, *role, *display;
    int org; /* index into org_ids, or -1 for the first provider's organisation */
} demo_user;

static const demo_user DEMO_USERS[] = {
    {"demo-indiceerder", "demo-indiceerder-wachtwoord", "indiceerder",
     "Demo indiceerder (Reclassering Nederland)", 1},
    {"demo-plaatser", "demo-plaatser-wachtwoord", "plaatser", "Demo plaatser (DJI FPL)", 5},
    {"demo-zorgaanbieder", "demo-zorgaanbieder-wachtwoord", "zorgaanbieder",
     "Demo zorgaanbieder (eerste zorgaanbieder)", -1},
    {"demo-beheer", "demo-beheer-wachtwoord", "functioneel_beheer", "Demo functioneel beheer (DJI)",
     5},
    {"demo-beleid", "demo-beleid-wachtwoord", "beleid", "Demo beleid (DJI)", 5},
};

/* Creates the demo users and switches DJI's TOTP requirement off (the demo has no
 * authenticator app); prints every login. Returns a store_rc. */
static int seed_users(store *db, const seed_ctx *x)
{
    store_organisation dji, upd;
    int rc = store_organisation_get(db, x->org_ids[5], &dji);
    if (rc != STORE_OK)
        return rc;
    dji.totp_required = false;
    if ((rc = store_organisation_update(db, &dji, &upd)) != STORE_OK)
        return rc;
    for (size_t i = 0; i < sizeof DEMO_USERS / sizeof DEMO_USERS[0]; i++) {
        const demo_user *d = &DEMO_USERS[i];
        char hash[STORE_HASH_MAX];
        if (auth_password_hash(d->password, hash) != 0)
            return STORE_ERROR;
        store_user in = {0}, out;
        in.organisation_id = d->org < 0 ? x->first_provider_org : x->org_ids[d->org];
        snprintf(in.username, sizeof in.username, "%s", d->username);
        snprintf(in.display_name, sizeof in.display_name, "%s", d->display);
        snprintf(in.role, sizeof in.role, "%s", d->role);
        if ((rc = store_user_create(db, &in, hash, &out)) != STORE_OK)
            return rc;
    }
    printf("demo logins (demo passwords, TOTP not required: the seed switched DJI's TOTP "
           "requirement off):\n");
    for (size_t i = 0; i < sizeof DEMO_USERS / sizeof DEMO_USERS[0]; i++)
        printf("  %-20s %-30s %s\n", DEMO_USERS[i].username, DEMO_USERS[i].password,
               DEMO_USERS[i].role);
    return STORE_OK;
}

static int usage_seed(FILE *out)
{
    fprintf(out, "usage: ifzo seed-demo [--if-empty] [--db URL]\n\n"
                 "Fills an EMPTY database with deterministic demo data (docs/demo-data.md):\n"
                 "7 organisations, 110 zorgaanbieders (each with its organisation) with contracts, "
                 "440 zorglocaties in all 11\n"
                 "arrondissementen, their zorgaanbod, 1000 justitiabelen and their indications,\n"
                 "and one demo user per role with a printed demo password (DJI's TOTP\n"
                 "requirement is switched off for the demo).\n"
                 "Dates are relative to " TODAY "; run the server with IFZO_TODAY=" TODAY ".\n\n"
                 "  --if-empty  do nothing (exit 0) when the database already has data;\n"
                 "              without it a non-empty database is an error (exit 1)\n"
                 "  --db        sqlite:PATH or postgres://... (IFZO_DB, default sqlite:ifzo.db)\n");
    return out == stdout ? 0 : 2;
}

int cmd_seed_demo(int argc, char **argv)
{
    const char *url = NULL;
    bool if_empty = false;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return usage_seed(stdout);
        if (strcmp(argv[i], "--if-empty") == 0) {
            if_empty = true;
            continue;
        }
        if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
            url = argv[++i];
        else if (strncmp(argv[i], "--db=", 5) == 0)
            url = argv[i] + 5;
        else
            return usage_seed(stderr);
    }
    if (url == NULL)
        url = getenv("IFZO_DB") && *getenv("IFZO_DB") ? getenv("IFZO_DB") : "sqlite:ifzo.db";
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    store *db;
    if (cli_open_db(url, &db) != 0)
        return 1;
    store_list_query q = {.limit = 1};
    store_zorgaanbieder *zs;
    store_justitiabele *js;
    size_t n;
    int64_t total_z = 0, total_j = 0;
    if (store_zorgaanbieder_list(db, &q, &zs, &n, &total_z) != STORE_OK ||
        store_justitiabele_list(db, STORE_SCOPE_EVERYTHING, &q, &js, &n, &total_j) != STORE_OK) {
        fprintf(stderr, "ifzo: cannot read the database\n");
        store_close(db);
        return 1;
    }
    free(zs);
    free(js);
    if ((total_z > 0 || total_j > 0) && if_empty) {
        printf("the database already has data; seed-demo left it alone\n");
        store_close(db);
        return 0;
    }
    if (total_z > 0 || total_j > 0) {
        fprintf(stderr,
                "ifzo: seed-demo needs an empty database (found %lld zorgaanbieders, "
                "%lld justitiabelen)\n",
                (long long)total_z, (long long)total_j);
        store_close(db);
        return 1;
    }
    seed_ctx *x = calloc(1, sizeof *x);
    if (x == NULL || pc4_index_build(&x->geo) != 0) {
        fprintf(stderr, "ifzo: out of memory or empty geography table\n");
        if (x)
            pc4_index_free(&x->geo);
        free(x);
        store_close(db);
        return 1;
    }
    rng_state = SEED;
    x->today = D(TODAY);
    int rc = store_bulk_run(db, seed_catalog, x);
    if (rc == STORE_OK)
        rc = store_bulk_run(db, seed_clients, x);
    if (rc == STORE_OK)
        rc = seed_plaatsingen(db, x);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc != STORE_OK) {
        fprintf(stderr, "ifzo: seed-demo failed: %s\n", store_rc_name(rc));
    } else {
        printf("organisations %d (+%d of the zorgaanbieders)\nzorgaanbieders %d\ncontracten "
               "%d\nzorglocaties %d\n"
               "zorgaanbod %d\njustitiabelen %d\nindicaties %d (concept %d, definitief %d, "
               "waarvan %d met een vervangen eerdere versie)\n",
               x->n_orgs, x->providers, x->providers, x->contracts, x->locations, x->offers,
               x->clients, x->ind_concept + x->ind_definitief, x->ind_concept, x->ind_definitief,
               x->ind_vervangen);
        printf("plaatsingsverzoeken %d (gestart %d, beeindigd %d)\n", x->placements, x->starts,
               x->ends);
        rc = seed_users(db, x);
        if (rc != STORE_OK)
            fprintf(stderr, "ifzo: seed-demo could not create the demo users: %s\n",
                    store_rc_name(rc));
        clock_gettime(CLOCK_MONOTONIC, &t1);
        printf("seconds %.2f\n",
               (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
    }
    pc4_index_free(&x->geo);
    free(x);
    store_close(db);
    return rc == STORE_OK ? 0 : 1;
}
