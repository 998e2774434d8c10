/*
 * catalog.h - persistence of the care offer (zorgaanbieders, contracts, zorglocaties,
 * zorgaanbod per care type), the clients (justitiabelen), the indications with their
 * versions, the catalog version and the imported postcode table.
 *
 * Why one header: these are the records of issue 4; they share the list/paging shape and
 * the row metadata. The domain types and rules are in core/zorgaanbod.h and
 * core/indicatiestelling.h; this layer stores them and checks nothing but keys and versions
 * (callers validate with core first).
 *
 * Catalog version: every create/update of a zorgaanbieder, contract, zorglocatie or
 * zorgaanbod raises it by one in the same transaction. The matching index compares it with
 * the version it was built from (store_catalog_version) to know when to rebuild.
 *
 * Results are store_rc (store.h). A missing parent (e.g. a location for an unknown provider)
 * is STORE_INVALID; a second provider/location with the same AGB, a second offer for the
 * same location and care type, or a second client with the same BSN is STORE_DUPLICATE.
 *
 * Ownership: structs are caller-owned values; list functions return a malloc'd array the
 * caller frees with free(). Owner: the offer/indication team (branch `offer`).
 */
#ifndef IFZO_STORE_CATALOG_H
#define IFZO_STORE_CATALOG_H

#include "core/indicatiestelling.h"
#include "core/zorgaanbod.h"
#include "store/access.h"
#include "store/store.h"

/* The row data every mutable record has. id mirrors the core struct's id. */
typedef struct {
    int64_t version;
    char created_at[24];
    char updated_at[24];
} store_meta;

typedef struct {
    ifzo_zorgaanbieder v;
    store_meta m;
} store_zorgaanbieder;
typedef struct {
    ifzo_contract v;
    store_meta m;
} store_contract;
typedef struct {
    ifzo_zorglocatie v;
    store_meta m;
} store_zorglocatie;
typedef struct {
    ifzo_zorgaanbod v;
    store_meta m;
} store_zorgaanbod;
typedef struct {
    ifzo_justitiabele v;
    store_meta m;
} store_justitiabele;
/* An indication version. m.version is the indication's version (If-Match), shared by all
 * its versions; huidige_versie is the number of the current version. */
typedef struct {
    ifzo_indicatie v;
    int huidige_versie;
    store_meta m;
} store_indicatie;

/* Whose objects a call may see or change (decisions.md §30-§31). The SQL predicate of each
 * kind is written once, in catalog_internal.h (STORE_CLIENT_VISIBLE, STORE_IND_VISIBLE,
 * STORE_LOC_OWNED, ...), and every scoped query of that resource uses it: an object outside
 * the scope is STORE_NOT_FOUND (the API answers 404), a parent outside it STORE_INVALID.
 * The API maps a caller to a scope in one function (api/scope.c). */
typedef enum {
    STORE_SCOPE_ALL = 0,        /* operations (CLI, seed-demo, store tests): everything */
    STORE_SCOPE_INDICATING = 1, /* indiceerder of organisation_id: the indications whose
                                 * current version that organisation indicated, the clients
                                 * it registered or indicated */
    STORE_SCOPE_DEFINITIVE = 2, /* plaatser: indications whose current version is definitief
                                 * (with all their versions) and the clients of those */
    STORE_SCOPE_NOTHING = 3,    /* a role that sees no client data */
    STORE_SCOPE_PROVIDER = 4,   /* zorgaanbieder of organisation_id: the locations and offer
                                 * of the providers linked to that organisation */
} store_scope_kind;
typedef struct {
    store_scope_kind kind;
    int64_t organisation_id;
} store_scope;
/* The unscoped value, for operations. */
#define STORE_SCOPE_EVERYTHING ((store_scope){STORE_SCOPE_ALL, 0})

/* A list request. filter[] values are exact-match filters in the order documented per list
 * (NULL = no filter; numeric filters as decimal text, the caller checks them). sort is one
 * of the sort keys documented per list (NULL = "id"); desc reverses it; rows
 * offset .. offset+limit-1 (limit 1 … 1000). *total receives the number of rows matching the
 * filters. */
#define STORE_FILTER_MAX 4
typedef struct {
    const char *filter[STORE_FILTER_MAX];
    const char *sort;
    bool desc;
    int limit;
    int64_t offset;
} store_list_query;

/* Whether a sort key is valid for a list ("zorgaanbieder", "contract", "zorglocatie",
 * "zorgaanbod", "justitiabele", "indicatie"). */
bool store_sort_valid(const char *list, const char *sort);

/* ---- zorgaanbieder: filters {agb, toelating ("0"/"1"), organisation_id}; sort id | naam
 * ---------------- */
int store_zorgaanbieder_create(store *s, const ifzo_zorgaanbieder *in, store_zorgaanbieder *out);
int store_zorgaanbieder_get(store *s, int64_t id, store_zorgaanbieder *out);
/* Updates row in->id if its version is still `version`. */
int store_zorgaanbieder_update(store *s, const ifzo_zorgaanbieder *in, int64_t version,
                               store_zorgaanbieder *out);
int store_zorgaanbieder_list(store *s, const store_list_query *q, store_zorgaanbieder **items,
                             size_t *count, int64_t *total);

/* ---- contract: filters {zorgaanbieder_id, zorgtype}; sort id | geldig_van ------------- */
int store_contract_create(store *s, const ifzo_contract *in, store_contract *out);
int store_contract_get(store *s, int64_t id, store_contract *out);
/* zorgaanbieder_id cannot change (in->zorgaanbieder_id is ignored). */
int store_contract_update(store *s, const ifzo_contract *in, int64_t version, store_contract *out);
int store_contract_list(store *s, const store_list_query *q, store_contract **items, size_t *count,
                        int64_t *total);

/* ---- zorglocatie: filters {zorgaanbieder_id, arrondissement, beveiligingsniveau};
 *      sort id | naam | postcode ---------------------------------------------------------- */
/* Writes take the scope (ALL or PROVIDER): a provider outside it is STORE_INVALID on create,
 * a location outside it STORE_NOT_FOUND on update. Reads are not scoped (the offer is no
 * client data). */
int store_zorglocatie_create(store *s, store_scope sc, const ifzo_zorglocatie *in,
                             store_zorglocatie *out);
int store_zorglocatie_get(store *s, int64_t id, store_zorglocatie *out);
/* zorgaanbieder_id cannot change. */
int store_zorglocatie_update(store *s, store_scope sc, const ifzo_zorglocatie *in, int64_t version,
                             store_zorglocatie *out);
int store_zorglocatie_list(store *s, const store_list_query *q, store_zorglocatie **items,
                           size_t *count, int64_t *total);

/* ---- zorgaanbod: filters {zorglocatie_id, zorgtype}; sort id | wachttijd_dagen -------- */
/* Scoped like the locations: the location (create) or the offer's location (update) must
 * belong to a provider in the scope. */
int store_zorgaanbod_create(store *s, store_scope sc, const ifzo_zorgaanbod *in,
                            store_zorgaanbod *out);
int store_zorgaanbod_get(store *s, int64_t id, store_zorgaanbod *out);
/* zorglocatie_id and zorgtype cannot change. */
int store_zorgaanbod_update(store *s, store_scope sc, const ifzo_zorgaanbod *in, int64_t version,
                            store_zorgaanbod *out);
int store_zorgaanbod_list(store *s, const store_list_query *q, store_zorgaanbod **items,
                          size_t *count, int64_t *total);

/* The catalog version (0 on a fresh database). */
int store_catalog_version(store *s, int64_t *version);

/* The whole contracted offer as one consistent snapshot, for the matching index: every
 * provider, contract, location and offer (ordered by id) and the catalog version they belong
 * to, read in one transaction (REPEATABLE READ on PostgreSQL, one read transaction on SQLite),
 * so the version and the rows always match. The arrays are malloc'd and owned by the
 * snapshot: release with store_catalog_snapshot_free (also after a failure). */
typedef struct {
    int64_t version;
    ifzo_zorgaanbieder *zorgaanbieders;
    size_t n_zorgaanbieders;
    ifzo_contract *contracts;
    size_t n_contracts;
    ifzo_zorglocatie *zorglocaties;
    size_t n_zorglocaties;
    ifzo_zorgaanbod *zorgaanbod;
    size_t n_zorgaanbod;
} store_catalog_snapshot;
int store_catalog_load(store *s, store_catalog_snapshot *out);
void store_catalog_snapshot_free(store_catalog_snapshot *snap);

/* ---- justitiabele: filters {bsn, achternaam}; sort id | achternaam | geboortedatum ----- */
/* Client data: every call is scoped (STORE_SCOPE_ALL for operations). Writes need an
 * access-log entry (the caller fills who/role/organisation/action/request id; the store
 * fills client_id and object_id) that is appended in the write's own transaction; audit
 * NULL is STORE_INVALID. Create under STORE_SCOPE_INDICATING records organisation_id as the
 * registering organisation. */
int store_justitiabele_create(store *s, store_scope sc, const ifzo_justitiabele *in,
                              store_access_entry *audit, store_justitiabele *out);
int store_justitiabele_get(store *s, store_scope sc, int64_t id, store_justitiabele *out);
int store_justitiabele_update(store *s, store_scope sc, const ifzo_justitiabele *in,
                              int64_t version, store_access_entry *audit, store_justitiabele *out);
int store_justitiabele_list(store *s, store_scope sc, const store_list_query *q,
                            store_justitiabele **items, size_t *count, int64_t *total);

/* ---- indicatie: filters {justitiabele_id, status (of the current version), zorgtype};
 *      sort id | updated_at ------------------------------------------------------------- */
/* Every call is scoped; writes append `audit` (required, client_id/object_id filled by the
 * store) in their own transaction, as for clients. Under STORE_SCOPE_INDICATING the
 * indicating organisation is always the scope's organisation (in's value is replaced) and
 * the client must be visible in the scope (else STORE_INVALID). */
/* Stores version 1 of a new indication (in->status as given: concept or definitief). */
int store_indicatie_create(store *s, store_scope sc, const ifzo_indicatie *in,
                           store_access_entry *audit, store_indicatie *out);
/* The current version (versie 0) or a given one; STORE_NOT_FOUND outside the scope. */
int store_indicatie_get(store *s, store_scope sc, int64_t id, int versie, store_indicatie *out);
/* Applies a change to indication in->id at If-Match `version`, following
 * ifzo_indicatie_change_kind of the CURRENT status (decided inside the transaction): a concept
 * is overwritten in place (in->status may make it definitief); a definitief one gets a new
 * version with in's data and status definitief, the old version becomes vervangen; otherwise
 * STORE_INVALID. justitiabele_id cannot change. */
int store_indicatie_update(store *s, store_scope sc, const ifzo_indicatie *in, int64_t version,
                           store_access_entry *audit, store_indicatie *out);
/* Current versions only. */
int store_indicatie_list(store *s, store_scope sc, const store_list_query *q,
                         store_indicatie **items, size_t *count, int64_t *total);
/* All versions of one indication, oldest first. */
int store_indicatie_versions(store *s, store_scope sc, int64_t id, store_indicatie **items,
                             size_t *count);

/* ---- imported postcode table (ifzo import geo) ------------------------------------------ */

typedef struct {
    int pc4;
    char gemeente[IFZO_NAME_BUF];
    char arrondissement[4];
    double lat, lon;
} store_geo_row;

/* Replaces the whole table with rows[0..n-1] in one transaction (n == 0 empties it, so
 * lookups fall back to the compiled-in table). */
int store_geo_replace(store *s, const store_geo_row *rows, size_t n);
/* Exact lookup in the imported table: STORE_NOT_FOUND when absent. */
int store_geo_get(store *s, int pc4, store_geo_row *out);
/* Number of imported rows (0 = the compiled-in table is used). */
int store_geo_count(store *s, int64_t *count);

/* ---- bulk (seed-demo) ---------------------------------------------------------------------- */

/* Runs fn(ctx, c) inside ONE write transaction on the calling thread, so that many
 * store_bulk_* inserts commit together. fn returns a store_rc; non-zero rolls back. */
typedef struct store_bulk store_bulk;
int store_bulk_run(store *s, int (*fn)(store_bulk *b, void *ctx), void *ctx);
/* Inserts inside store_bulk_run; id may be NULL. Same semantics as the *_create calls
 * (each inserted offer record raises the catalog version, as a create does). */
int store_bulk_zorgaanbieder(store_bulk *b, const ifzo_zorgaanbieder *in, int64_t *id);
int store_bulk_contract(store_bulk *b, const ifzo_contract *in, int64_t *id);
int store_bulk_zorglocatie(store_bulk *b, const ifzo_zorglocatie *in, int64_t *id);
int store_bulk_zorgaanbod(store_bulk *b, const ifzo_zorgaanbod *in, int64_t *id);
int store_bulk_justitiabele(store_bulk *b, const ifzo_justitiabele *in, int64_t *id);
int store_bulk_indicatie(store_bulk *b, const ifzo_indicatie *in, int64_t *id);
/* store_indicatie_update inside a bulk run (e.g. to create a vervangen version). */
int store_bulk_indicatie_change(store_bulk *b, const ifzo_indicatie *in, int64_t version);
int store_bulk_organisation(store_bulk *b, const char *name, const char *kind, int64_t *id);

#endif
