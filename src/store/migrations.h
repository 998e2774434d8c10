/*
 * migrations.h - the numbered schema migrations, compiled in from
 * src/store/migrations/NNNN_name.sql by cmake/gen-migrations.cmake, in version order.
 * Private to src/store. All data is static.
 */
#ifndef IFZO_STORE_MIGRATIONS_H
#define IFZO_STORE_MIGRATIONS_H

#include <stddef.h>

typedef struct {
    int version;
    const char *name;
    const char *sql;
} store_migration;

extern const store_migration store_migrations[];
extern const size_t store_migration_count;

#endif
