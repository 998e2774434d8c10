/*
 * catalog_internal.h - what catalog.c, indicatie.c and geo_table.c share: the generic record
 * description, column helpers and the list runner. Private to src/store.
 */
#ifndef IFZO_STORE_CATALOG_INTERNAL_H
#define IFZO_STORE_CATALOG_INTERNAL_H

#include "store/catalog.h"
#include "store/store_internal.h"

#define STORE_ENTITY_MAXP 20

/* Scratch text for bound parameters (dates, criteria); lives for one statement. */
typedef struct {
    char date[4][IFZO_DATE_BUFSIZE];
    char text[IFZO_CRITERIA_TEXT_MAX];
} store_bindbuf;

/* ---- the scope predicates: the ONE place deciding who sees which object ---------------
 * K and O are placeholders ("$2") bound to the scope's kind and organisation id (dbp_int).
 * Every scoped query of a resource uses its macro; see store_scope in catalog.h. */

/* A client (row of table justitiabele, unaliased). */
#define STORE_CLIENT_VISIBLE(K, O)                                                                 \
    "(CAST(" K " AS INTEGER) = 0 OR (CAST(" K " AS INTEGER) = 1 AND "                              \
    "(justitiabele.organisation_id = CAST(" O " AS BIGINT) OR EXISTS (SELECT 1 FROM indicatie si " \
    "JOIN indicatie_versie sv ON sv.indicatie_id = si.id AND sv.versie = si.huidige_versie "       \
    "WHERE si.justitiabele_id = justitiabele.id AND sv.indicerende_organisatie_id = "              \
    "CAST(" O " AS BIGINT)))) OR (CAST(" K " AS INTEGER) = 2 AND EXISTS (SELECT 1 FROM "           \
    "indicatie si WHERE si.justitiabele_id = justitiabele.id AND si.status = 'definitief')))"

/* An indication (table indicatie aliased i). */
#define STORE_IND_VISIBLE(K, O)                                                                    \
    "(CAST(" K " AS INTEGER) = 0 OR (CAST(" K " AS INTEGER) = 1 AND EXISTS (SELECT 1 FROM "        \
    "indicatie_versie sv WHERE sv.indicatie_id = i.id AND sv.versie = i.huidige_versie AND "       \
    "sv.indicerende_organisatie_id = CAST(" O " AS BIGINT))) OR (CAST(" K " AS INTEGER) = 2 AND "  \
    "i.status = 'definitief'))"

/* The providers a scope may maintain the offer of (a subquery of zorgaanbieder ids). */
#define STORE_PROVIDERS_OWNED(K, O)                                                                \
    "(SELECT zo.id FROM zorgaanbieder zo WHERE CAST(" K " AS INTEGER) = 0 OR (CAST(" K             \
    " AS INTEGER) = 4 AND zo.organisation_id = CAST(" O " AS BIGINT)))"

/* One record kind. The SQL is constant text; $n numbering: insert binds the n columns then
 * the timestamp; update binds columns k..n-1, then updated_at, id, version. */
typedef struct entity {
    const char *name; /* list name for store_sort_valid */
    const char *table;
    const char *cols; /* "id, c1, …" in read order; followed by version, created_at, updated_at */
    int ncols;        /* number of names in cols */
    const char *insert_sql;
    const char *update_sql;
    int n;        /* bound columns */
    int k;        /* leading columns that never change (parent ids) */
    bool catalog; /* writes raise the catalog version */
    int (*bind)(const void *v, db_param *p, store_bindbuf *b); /* returns n, or -1 */
    void (*read)(db_rows *r, void *v);
    const char *where; /* list filters $1..$nfilter */
    int nfilter;
    const char *const *sorts; /* allowed sort columns, NULL-terminated; first = default */
    size_t meta_offset;       /* offset of store_meta in the store_* struct */
    size_t size;              /* sizeof the store_* struct */
    size_t vsize;             /* sizeof the core struct (its first member) */
    /* Scoping (NULL/0: the entity is not scoped). Counts with $1 = id (row) or the first
     * bound column (parent), $2 = scope kind, $3 = scope organisation. */
    const char *row_scope_sql;
    const char *parent_scope_sql;
    bool list_scoped; /* where has two more params after the filters: kind, organisation */
    bool audited;     /* writes require an access-log entry (client data) */
} entity;

db_param store_date_param(ifzo_date d, char buf[IFZO_DATE_BUFSIZE]);
ifzo_date store_col_date(db_rows *r, int col);
void store_col_criteria(db_rows *r, int col, ifzo_criteria *out);
int store_bump_catalog(db_conn *c);
int store_entity_insert(db_conn *c, const entity *e, const void *in, int64_t *id);
db_conn *store_bulk_conn(store_bulk *b);

/* Runs COUNT(*) and the paged SELECT for a list; *rows owned by the caller. The where text
 * numbers the filters $1..$nfilter and then the nextra extra params (e.g. the scope). */
int store_list_run(db_conn *c, const store_list_query *q, const char *cols, const char *from,
                   const char *where, int nfilter, const db_param *extra, int nextra,
                   const char *const *sorts, int64_t *total, db_rows **rows);

/* STORE_OK when `count_sql` ($1 = id, $2 = scope kind, $3 = scope organisation) counts a
 * row, STORE_NOT_FOUND when it does not. */
int store_scope_check(db_conn *c, const char *count_sql, db_param id, store_scope sc);

extern const char *const store_indicatie_sorts[];

#endif
