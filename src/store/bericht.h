/*
 * bericht.h - the record of processed FZ messages (table bericht, migration 0004).
 *
 * Why: a message's identification is unique per sender and message type (iStandaarden
 * TR056, retourcode 9056), and a provider whose connection dropped resends the same message;
 * it must get the same retour and nothing may be applied twice. src/msg claims the key before
 * it applies any record and stores the retour when it is done.
 */
#ifndef IFZO_STORE_BERICHT_H
#define IFZO_STORE_BERICHT_H

#include "store/store.h"

typedef struct store_bericht {
    int64_t id;
    char inhoud_hash[72]; /* hex digest of the message bytes, as claimed */
    char ontvangen_op[24];
    char *retour; /* malloc'd retour XML (store_bericht_clear), NULL while still in progress */
} store_bericht;

/* Claims (afzender, berichtcode, identificatie) for a message with digest hash, at the
 * store's clock. STORE_OK: claimed now, *id is the new row. STORE_DUPLICATE: the key exists;
 * *prev (may be NULL) gets that row, whose retour is NULL while its processing has not
 * finished. Strings are NUL-terminated; afzender, berichtcode up to 16 bytes, identificatie
 * up to 64, hash up to 71 (else STORE_INVALID). */
int store_bericht_claim(store *s, const char *afzender, const char *berichtcode,
                        const char *identificatie, const char *hash, int64_t *id,
                        store_bericht *prev);

/* Like store_bericht_claim, but an open claim (no retour yet) of the same message (same
 * hash) whose claim time lies stale_seconds or more in the past is taken over: its process
 * crashed or hangs. STORE_OK then, with *id that row. *claim is the claim's version, which
 * store_bericht_finish_claim and store_bericht_release_claim check, so that the process that
 * lost its claim cannot finish or drop it any more (STORE_CONFLICT / STORE_NOT_FOUND).
 * stale_seconds < 0: never take over (store_bericht_claim). */
int store_bericht_claim_at(store *s, const char *afzender, const char *berichtcode,
                           const char *identificatie, const char *hash, int64_t stale_seconds,
                           int64_t *id, int64_t *claim, store_bericht *prev);

/* store_bericht_finish / store_bericht_release for the holder of claim version `claim`:
 * STORE_CONFLICT (finish) or STORE_NOT_FOUND (release) when the claim was taken over. */
int store_bericht_finish_claim(store *s, int64_t id, int64_t claim, const char *retour);
int store_bericht_release_claim(store *s, int64_t id, int64_t claim);

/* Stores the retour of claimed row id (only once: STORE_CONFLICT if it has one already). */
int store_bericht_finish(store *s, int64_t id, const char *retour);

/* Drops a claim that has no retour (processing failed before anything was acknowledged), so
 * that the message may be sent again. STORE_NOT_FOUND if there is no such open claim. */
int store_bericht_release(store *s, int64_t id);

/* Reads the row of a key. STORE_NOT_FOUND when the key was never claimed. */
int store_bericht_get(store *s, const char *afzender, const char *berichtcode,
                      const char *identificatie, store_bericht *out);

/* Frees what a store_bericht owns (its retour) and clears it; NULL is fine. */
void store_bericht_clear(store_bericht *b);

#endif
