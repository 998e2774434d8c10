/*
 * access_log_internal.h - appending to the access log inside another store module's
 * transaction, so that a write of client data and the record of it commit together (or
 * not at all). Private to src/store.
 *
 * Usage in a store module (write transaction):
 *     rc = store_access_log_append_in(c, entry);   // entry prepared by the caller
 */
#ifndef IFZO_STORE_ACCESS_LOG_INTERNAL_H
#define IFZO_STORE_ACCESS_LOG_INTERNAL_H

#include "store/access.h"
#include "store/db.h"

/* Appends e within the current transaction on c (must be a write transaction). Fills
 * e->seq, e->at (when ""), e->prev_hash and e->hash. */
int store_access_log_append_in(db_conn *c, store_access_entry *e);

#endif
