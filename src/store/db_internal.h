/*
 * db_internal.h - pieces the two drivers share: the prepared-statement cache.
 * Private to src/store/{db,sqlite,postgres}.c.
 */
#ifndef IFZO_STORE_DB_INTERNAL_H
#define IFZO_STORE_DB_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    uint64_t hash;
    char *sql;    /* owned copy of the statement text (the key) */
    void *handle; /* engine statement (sqlite3_stmt*), or NULL */
    int index;    /* engine statement number (PostgreSQL "s<index>") */
    int in_use;   /* a cursor currently iterates this statement */
} stmt_cache_slot;

typedef struct {
    stmt_cache_slot *slots;
    size_t cap; /* power of two */
    size_t count;
} stmt_cache;

void stmt_cache_init(stmt_cache *sc);
/* Slot pointers stay valid until the next stmt_cache_add or stmt_cache_clear. */
stmt_cache_slot *stmt_cache_find(stmt_cache *sc, const char *sql);
stmt_cache_slot *stmt_cache_add(stmt_cache *sc, const char *sql, void *handle, int index);
void stmt_cache_clear(stmt_cache *sc, void (*release)(void *handle));

#endif
