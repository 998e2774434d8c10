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
} entity;

db_param store_date_param(ifzo_date d, char buf[IFZO_DATE_BUFSIZE]);
ifzo_date store_col_date(db_rows *r, int col);
void store_col_criteria(db_rows *r, int col, ifzo_criteria *out);
int store_bump_catalog(db_conn *c);
int store_entity_insert(db_conn *c, const entity *e, const void *in, int64_t *id);
db_conn *store_bulk_conn(store_bulk *b);

/* Runs COUNT(*) and the paged SELECT for a list; *rows owned by the caller. */
int store_list_run(db_conn *c, const store_list_query *q, const char *cols, const char *from,
                   const char *where, int nfilter, const char *const *sorts, int64_t *total,
                   db_rows **rows);

extern const char *const store_indicatie_sorts[];

#endif
