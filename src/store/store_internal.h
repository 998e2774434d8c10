/*
 * store_internal.h - what the store modules (organisation.c, ...) share: the calling
 * thread's connection and the transaction runner. Private to src/store.
 */
#ifndef IFZO_STORE_INTERNAL_H
#define IFZO_STORE_INTERNAL_H

#include "store/db.h"
#include "store/store.h"

/* The calling thread's connection, opened on first use; owned by the store. NULL with
 * *rc set when the database cannot be reached. */
db_conn *store_conn(store *s, int *rc);

/* Runs fn inside one transaction on the calling thread's connection: BEGIN (IMMEDIATE on
 * SQLite when write), fn, COMMIT; ROLLBACK when fn returns non-zero. A STORE_BUSY from any
 * step is retried a few times with the whole transaction. Returns fn's or the engine's
 * store_rc. */
int store_tx(store *s, bool write, int (*fn)(db_conn *c, void *ctx), void *ctx);

/* Reads a single integer (first column of the first row); STORE_NOT_FOUND without rows. */
int store_query_int(db_conn *c, const char *sql, const db_param *p, int n, int64_t *out);

/* Room for one more item in a malloc'd array *arr of *cap items of `size` bytes that holds
 * n: doubles it (at least 16) when n == *cap. False when out of memory; *arr is then
 * unchanged and still owned by the caller. */
bool store_grow(void **arr, size_t *cap, size_t n, size_t size);

#endif
