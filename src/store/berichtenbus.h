/*
 * berichtenbus.h - the provider's mailbox of outgoing FZ821 messages (migration 0008).
 *
 * Why derived, not written: every toeleidingspoging at one of a provider's locations is an
 * FZ821 to that provider, with the attempt's id as its sequence number. Nothing is written
 * for the mailbox in the referral's transaction, so a referral is never committed without
 * its message and the referral code needs no change. The provider acknowledges each message;
 * an acknowledgement (table bericht_ontvangst) is the only state of the mailbox. Unacknowledged
 * messages are listed again on every poll, so nothing is lost when a delivery fails.
 *
 * Ownership: lists return a malloc'd array the caller frees with free().
 */
#ifndef IFZO_STORE_BERICHTENBUS_H
#define IFZO_STORE_BERICHTENBUS_H

#include "core/calendar.h"
#include "core/validate.h"
#include "core/zorgaanbod.h"
#include "store/store.h"

/* What an FZ821 says about one referral (toeleidingspoging). */
typedef struct store_fz821 {
    int64_t seq; /* the toeleidingspoging's id: sequence number and Toeleidingspogingnummer */
    int64_t verzoek_id; /* Plaatsingsverzoeknummer */
    char locatie_agb[IFZO_AGB_BUF];
    char aanbieder_agb[IFZO_AGB_BUF]; /* Ontvanger */
    char zorgtype[IFZO_CODE_BUF];
    char zorgtitel[IFZO_CODE_BUF];
    char urgentie[IFZO_CODE_BUF];
    char beveiligingsniveau[IFZO_CODE_BUF]; /* "" when none */
    ifzo_date aanmelddatum;
    char poging_status[24];
    int64_t justitiabele_id; /* Clientnummer */
    char bsn[IFZO_BSN_BUFSIZE];
    ifzo_date geboortedatum; /* IFZO_NO_DATE when not stored */
    char geslacht[IFZO_CODE_BUF];
} store_fz821;

/* The unacknowledged FZ821 messages of provider organisation `organisation_id` with a
 * sequence number above `after`, in sequence order, at most `limit` (1..1000). *items is
 * malloc'd (free()), NULL when *count is 0. */
int store_mailbox_list(store *s, int64_t organisation_id, int64_t after, int limit,
                       store_fz821 **items, size_t *count);

/* Acknowledges message `seq` for provider organisation `organisation_id` (token_id: who, 0
 * for none). STORE_OK and *already false: recorded now; STORE_OK and *already true: it was
 * acknowledged before (nothing changes); STORE_NOT_FOUND: no such message for this provider
 * (also one of another provider: its existence does not leak). */
int store_mailbox_ack(store *s, int64_t organisation_id, int64_t seq, int64_t token_id,
                      bool *already);

/* Whether `agb` is the AGB code of a provider of organisation `organisation_id` or of one of
 * its locations: the senders provider software holding that organisation's token may use.
 * STORE_OK with *ok set. */
int store_mailbox_sender_ok(store *s, int64_t organisation_id, const char *agb, bool *ok);

#endif
