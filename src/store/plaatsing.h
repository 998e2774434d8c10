/*
 * plaatsing.h - persistence of the placement workflow: a plaatsingsverzoek with its
 * toeleidingspogingen, reactions, cancellations, decision and event history.
 *
 * Why load/save of the whole request: every step is a pure function of core/plaatsing.h on
 * the request and its attempts. A caller loads the request (store_plaatsing_get), lets core
 * change a copy, and saves the copy with the state it came from (store_plaatsing_save). The
 * save runs in one transaction: it raises the request's version only if it is still the
 * loaded one (else STORE_CONFLICT and nothing is written), writes what changed (attempt rows,
 * a new reaction, cancellation or decision), appends one event per step and the access-log
 * entry. So two people acting on one request at the same moment: exactly one succeeds.
 *
 * Ownership: store_plaatsing holds a malloc'd array of attempts; release it with
 * store_plaatsing_free (also after a failed call; a zeroed struct is fine). Lists return
 * malloc'd arrays the caller frees with free().
 */
#ifndef IFZO_STORE_PLAATSING_H
#define IFZO_STORE_PLAATSING_H

#include "core/plaatsing.h"
#include "store/access.h"
#include "store/catalog.h"

typedef struct {
    toeleidingspoging v;
    int64_t zorgaanbieder_id;         /* the location's provider */
    int64_t aanbieder_organisatie_id; /* that provider's organisation (0 when none) */
    char locatie_agb[IFZO_AGB_BUF];   /* AGB codes of the location and its provider: the */
    char aanbieder_agb[IFZO_AGB_BUF]; /* senders that may answer it by message */
    /* the proposal it was made from (issue 6 item 2; migration 0007) */
    int voorstel_volgnummer;            /* 0 = made before proposals existed */
    char afwijking_code[IFZO_CODE_BUF]; /* contra_indicatie code; "" = no deviation */
    char afwijking_tekst[PLAATSING_TEKST_BUF];
    store_meta m;
} store_toeleidingspoging;

typedef struct {
    plaatsingsverzoek v;
    store_meta m;                      /* m.version guards the request and all its attempts */
    store_toeleidingspoging *pogingen; /* by id */
    size_t n;
} store_plaatsing;

void store_plaatsing_free(store_plaatsing *p);

/* Stores a new request made by plaatsing_aanmaken, with its "aanmaken" event and the access
 * log entry `log` (may be NULL) in one transaction. STORE_INVALID for an unknown indication,
 * client or organisation. */
int store_plaatsing_create(store *s, const plaatsingsverzoek *in, store_access_entry *log,
                           store_plaatsing *out);

int store_plaatsing_get(store *s, int64_t id, store_plaatsing *out);

/* The id of the request whose decision has this besluitnummer; STORE_NOT_FOUND when none. */
int store_plaatsing_by_besluit(store *s, const char *besluitnummer, int64_t *verzoek_id);

/* The id of the request an attempt belongs to; STORE_NOT_FOUND when no such attempt. */
int store_poging_verzoek(store *s, int64_t poging_id, int64_t *verzoek_id);

/* What a referral records about the proposal it was made from (store/voorstel.h rules in
 * core/voorstel.h): the proposal's row id, the 10 weging texts (zacht_criterium order) and
 * the deviation (code "" = none). */
typedef struct {
    int64_t voorstel_id;
    const char *weging[10];
    const char *afwijking_code;
    const char *afwijking_tekst;
} store_poging_keuze;

/* What a save records in the event table. */
typedef struct {
    const char *stap;  /* the transition table's event, e.g. "accepteren" */
    int64_t poging_id; /* the attempt the step is about; 0 = none, -1 = the new attempt */
    ifzo_date datum;   /* the step's date (start, end date, ...); IFZO_NO_DATE = none */
    const char *code;  /* reactie, annuleringsreden, mutatiereden, besluitnummer; or NULL */
    const char *tekst; /* toelichting or motivatie; or NULL */
    bool te_laat;
    const store_poging_keuze *keuze; /* with poging_id -1: written on the new attempt */
} store_plaatsing_stap;

/* Saves `after` (before's state changed by core) if before->m.version is still current.
 * New attempts have id 0 and are inserted; a reaction, cancellation or decision that after
 * has and before had not is inserted. One event for the step, plus an event "annuleren"
 * for every other attempt the step cancelled (withdrawal). log (may be NULL) is appended
 * in the same transaction. STORE_CONFLICT on a stale version; STORE_DUPLICATE when the
 * besluitnummer exists; STORE_INVALID for an unknown location. *out is re-read. */
int store_plaatsing_save(store *s, const store_plaatsing *before, const store_plaatsing *after,
                         const store_plaatsing_stap *stap, store_access_entry *log,
                         store_plaatsing *out);

/* Requests, newest first: filters plaatser organisation and status (0 / NULL = any). */
int store_plaatsing_list(store *s, int64_t plaatser_organisatie_id, const char *status, int limit,
                         store_plaatsing **items, size_t *count);
void store_plaatsing_list_free(store_plaatsing *items, size_t count);

/* Attempts with their request's care type, for work lists: filters provider organisation,
 * plaatser organisation, status (0 / NULL = any), oldest first, at most limit. */
typedef struct {
    store_toeleidingspoging p;
    char zorgtype[IFZO_CODE_BUF];
    int64_t justitiabele_id;
    int64_t plaatser_organisatie_id;
} store_poging_item;
int store_poging_list(store *s, int64_t aanbieder_organisatie_id, int64_t plaatser_organisatie_id,
                      const char *status, int limit, store_poging_item **items, size_t *count);

/* One row of the event table. */
typedef struct {
    int64_t id;
    int64_t verzoek_id;
    int64_t poging_id; /* 0 = none */
    int64_t zorglocatie_id;
    char stap[32];
    char status_van[32];
    char status_naar[32];
    ifzo_date datum;
    char code[PLAATSING_BESLUITNR_BUF];
    char tekst[PLAATSING_TEKST_BUF];
    bool te_laat;
    int64_t user_id;
    char username[STORE_USERNAME_MAX + 8];
    char role[32];
    int64_t organisation_id;
    char organisation_name[STORE_NAME_MAX * 4 + 1]; /* "" when none or removed */
    char at[24];
} store_plaatsing_event;

/* The events of one request in order; *items malloc'd (free()). */
int store_plaatsing_events(store *s, int64_t verzoek_id, store_plaatsing_event **items,
                           size_t *count);

#endif
