/*
 * store.h - persistence for openifzo, the only door to the database.
 *
 * Why this shape: the layers above (api, msg, cli) must not know which engine runs
 * underneath, and must never see SQL. A `store` is a thread-safe handle created once per
 * process; each thread that calls into it gets its own database connection on first use
 * (design.md: one connection per worker thread). Each store_* operation is one short
 * transaction, committed durably before it returns STORE_OK, so that an answer sent after
 * STORE_OK is never lost.
 *
 * Optimistic concurrency: every mutable row has a `version` (1 on insert, +1 on each
 * update). An update names the version it read; if the row changed since, the update
 * returns STORE_CONFLICT and changes nothing.
 */
#ifndef IFZO_STORE_STORE_H
#define IFZO_STORE_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Results of every store call. Values are stable; 0 is success. */
typedef enum {
    STORE_OK = 0,
    STORE_NOT_FOUND = 1,   /* no such row (or not visible to the caller)         */
    STORE_CONFLICT = 2,    /* version mismatch: the row changed since it was read */
    STORE_DUPLICATE = 3,   /* a unique key already exists                         */
    STORE_BUSY = 4,        /* lock/serialisation failure; safe to retry           */
    STORE_UNAVAILABLE = 5, /* cannot reach or open the database                   */
    STORE_INVALID = 6,     /* the caller passed something the store cannot hold   */
    STORE_ERROR = 7        /* anything else: a bug or a broken database           */
} store_rc;

/* Stable lower-case name of a result ("ok", "not_found", ...); static storage. */
const char *store_rc_name(int rc);

typedef struct store store;

/* Opens the database at URL ("sqlite:PATH", "postgres://...", "postgresql://...") and
 * checks that it can be reached (a PostgreSQL server that does not answer fails within the
 * connect timeout, 3 s unless the URL sets connect_timeout). Does not migrate.
 * On success *out is owned by the caller: release with store_close(). On failure err holds
 * a readable reason. */
int store_open(const char *url, store **out, char *err, size_t errlen);

/* Closes every connection the store opened. Call only when no other thread uses it. */
void store_close(store *s);

/* "sqlite" or "postgres"; static storage. */
const char *store_backend(const store *s);

/* Applies every migration not yet applied, each in its own transaction, serialised between
 * processes. *applied (may be NULL) gets how many were applied now. */
int store_migrate(store *s, int *applied, char *err, size_t errlen);

/* Highest migration applied (0 on an empty database) and the highest this binary knows. */
int store_schema_version(store *s, int *current);
int store_schema_latest(void);

/* A round trip to the database from the calling thread; detail (may be NULL) gets the
 * engine's message on failure. */
int store_ping(store *s, char *detail, size_t len);

/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (the store's timestamps). buf >= 21. */
void store_now_utc(char *buf, size_t cap);

/* ---- organisations ----------------------------------------------------------------- */

#define STORE_NAME_MAX 200

typedef struct {
    int64_t id;
    char name[STORE_NAME_MAX * 4 + 1]; /* UTF-8, up to STORE_NAME_MAX characters */
    char kind[32];                     /* organisation kind code, see core/organisation.h */
    bool totp_required;                /* its users must use a second factor (TOTP) */
    int64_t version;
    char created_at[24];
    char updated_at[24];
} store_organisation;

/* Inserts in->name, in->kind, in->totp_required; fills *out (id, version 1, timestamps).
 * STORE_DUPLICATE when the name exists. */
int store_organisation_create(store *s, const store_organisation *in, store_organisation *out);

int store_organisation_get(store *s, int64_t id, store_organisation *out);

/* Updates name, kind and totp_required of row in->id if its version is still in->version.
 * STORE_NOT_FOUND, STORE_CONFLICT or STORE_DUPLICATE change nothing. */
int store_organisation_update(store *s, const store_organisation *in, store_organisation *out);

/* Up to limit rows ordered by id, starting after after_id. *items is a malloc'd array owned
 * by the caller (free()); *count its length. */
int store_organisation_list(store *s, int64_t after_id, int limit, store_organisation **items,
                            size_t *count);

#endif
