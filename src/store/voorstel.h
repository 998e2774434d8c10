/*
 * voorstel.h - persistence of matching proposals (issue 5 item 7), the weighing recorded
 * with a referral made from one (issue 6 item 2) and the contra-indications recorded on a
 * client (shown in a proposal, never filtered on).
 *
 * Why the rendered text is stored: a proposal must read back exactly as it was shown, also
 * after the offer changed. The store assigns the volgnummer and the creation time inside the
 * transaction and asks the caller's render callback for the JSON text with those filled in,
 * then keeps that text verbatim (inhoud) next to the columns it came from.
 *
 * Ownership: store_voorstel's criteria and inhoud are malloc'd; release with
 * store_voorstel_free (also after a failed call; a zeroed struct is fine). Lists return
 * malloc'd arrays: free each with store_voorstel_list_free / free().
 */
#ifndef IFZO_STORE_VOORSTEL_H
#define IFZO_STORE_VOORSTEL_H

#include "core/voorstel.h"
#include "store/access.h"
#include "store/catalog.h"
#include "store/plaatsing.h"

typedef struct {
    int64_t id;
    int64_t verzoek_id;
    int volgnummer; /* 1, 2, ... per request; set by the store */
    int64_t indicatie_id;
    int indicatie_versie;
    char zorgtype[IFZO_CODE_BUF];
    char modus[16]; /* voorstel_modus_name */
    bool buiten_regio;
    int64_t catalogus_versie;
    ifzo_date peildatum;
    int aantal_voorgesteld;
    int64_t aangemaakt_door; /* user id; 0 = none */
    char aangemaakt_door_naam[STORE_USERNAME_MAX + 8];
    char aangemaakt_op[24]; /* set by the store */
    char *criteria;         /* the indication's criteria as JSON text */
    char *inhoud;           /* the proposal as shown (JSON text); NULL in lists */
} store_voorstel;

void store_voorstel_free(store_voorstel *v);
void store_voorstel_list_free(store_voorstel *items, size_t n);

/* A location of the proposal and its outcome ("voorgesteld", "bijna", "buiten_regio"). */
typedef struct {
    int64_t zorglocatie_id;
    const char *uitkomst;
} store_voorstel_locatie;

/* Renders the proposal whose meta data (volgnummer, aangemaakt_op, ...) is in *v: a
 * malloc'd NUL-terminated text the store takes over, or NULL (out of memory). Called inside
 * the transaction, possibly more than once (a retry): it must not touch the store. */
typedef char *(*store_voorstel_render)(const store_voorstel *v, void *ctx);

/* Stores a new proposal for request in->verzoek_id: the next volgnummer, now, the rendered
 * text, its locations, an event "voorstel" on the request's timeline (code = volgnummer)
 * and `log` (may be NULL), in one transaction. in->criteria must be set. STORE_INVALID for
 * an unknown request; *out receives the stored proposal (with inhoud). */
int store_voorstel_create(store *s, const store_voorstel *in, const store_voorstel_locatie *locs,
                          size_t n_locs, store_voorstel_render render, void *ctx,
                          store_access_entry *log, store_voorstel *out);

/* Proposal volgnummer of request verzoek_id; STORE_NOT_FOUND when none. */
int store_voorstel_get(store *s, int64_t verzoek_id, int volgnummer, store_voorstel *out);

/* The proposals of a request, by volgnummer, without inhoud and criteria. */
int store_voorstel_list(store *s, int64_t verzoek_id, store_voorstel **items, size_t *count);

/* The outcome of location zorglocatie_id in proposal volgnummer of verzoek_id: *voorstel_id
 * and uitkomst ("" when the location is not in it). STORE_NOT_FOUND when no such proposal. */
int store_voorstel_uitkomst(store *s, int64_t verzoek_id, int volgnummer, int64_t zorglocatie_id,
                            int64_t *voorstel_id, char uitkomst[16]);

/* What a proposal shows of a location besides the match: names and place. */
typedef struct {
    int64_t zorglocatie_id; /* 0 when the location no longer exists */
    char naam[IFZO_NAME_BUF];
    char postcode[7];
    char arrondissement[4];
    bool landelijke_functie;
    int64_t zorgaanbieder_id;
    char aanbieder[IFZO_NAME_BUF];
} store_locatie_naam;

/* out[i] for ids[i], all read in one transaction. */
int store_locatie_namen(store *s, const int64_t *ids, size_t n, store_locatie_naam *out);

/* ---- weighing of a referral --------------------------------------------------------------- */

typedef struct {
    int64_t poging_id;
    char code[4];
    char tekst[PLAATSING_TEKST_BUF];
} store_weging;

/* The weighing rows of every attempt of request verzoek_id, by attempt and code; *items
 * malloc'd (free()). */
int store_weging_list(store *s, int64_t verzoek_id, store_weging **items, size_t *count);

/* ---- contra-indications of a client --------------------------------------------------------- */

#define STORE_CONTRA_MAX 16
typedef struct {
    size_t n;
    char code[STORE_CONTRA_MAX][IFZO_CODE_BUF]; /* in code order */
} store_contra;

/* Unscoped read (the caller checked the client is visible). */
int store_contra_get(store *s, int64_t client_id, store_contra *out);

/* Replaces the client's contra-indications (codes checked by voorstel_contra_check) if the
 * client's version is still `version`; raises that version (STORE_CONFLICT when stale,
 * STORE_NOT_FOUND for an unknown client) and appends log (required) in the same transaction.
 * *new_version receives the client's version after the change. */
int store_contra_set(store *s, int64_t client_id, int64_t version, const char *const *codes,
                     size_t n, store_access_entry *log, int64_t *new_version);

#endif
