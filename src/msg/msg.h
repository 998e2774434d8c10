/*
 * msg.h - FZ XML messages from provider software: parse, validate, check, apply, answer.
 *
 * Why this exists: care providers' own software sends FZ822 (reaction), FZ823 (start of
 * care) and FZ825 (end of care) as XML (issue 9, docs/berichten.md). Every message passes one
 * pipeline, and this header is its only door, so that the HTTP handler (later: POST
 * /api/berichten), the CLI and the tests all get the same behaviour:
 *
 *   1. hardened parse (libxml2: size limit, strict UTF-8, no DOCTYPE, no DTD loading, no
 *      entity substitution, no network, depth limit);
 *   2. XSD validation against the compiled-in schemas (data/xsd + generated code lists);
 *   3. technical rules per class (TR): dagtekening not in the future (8848), identification
 *      unique per sender and message type (9056, with idempotent resend), the FZ825 rules of
 *      src/core/einde_zorg.h (FZ02, FZ05, FZ08);
 *   4. apply: one callback per message type gets each record that passed 1-3 and returns its
 *      retour code (the workflow plugs its transitions in here);
 *   5. the retour message (FZ824, FZ826, FZ828; FZ820 when the input is not a valid
 *      message), with RetourCodes on every class, recorded in the store so that a resend of
 *      the same message gets the identical retour and changes nothing.
 *
 * Thread-safety: msg_init() is idempotent and thread-safe; the compiled schemas are shared
 * read-only. msg_init() installs a process-wide libxml2 external-entity loader that refuses
 * every external resource (only the compiled-in schemas load, during msg_init itself).
 * A msg_ctx may be used by several threads at once (it holds only the store, which is
 * thread-safe, and the callback table).
 */
#ifndef IFZO_MSG_MSG_H
#define IFZO_MSG_MSG_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "store/store.h"

/* Results of the msg_* calls. */
enum msg_rc {
    MSG_OK = 0,          /* a retour was produced (or: the message is valid) */
    MSG_REJECTED = 1,    /* msg_validate only: not a valid message; see detail */
    MSG_UNSUPPORTED = 2, /* valid message, but no apply callback for its type: no retour */
    MSG_BUSY = 3,        /* the same message is being processed right now; retry later */
    MSG_ERR_ARG = 4,     /* bad argument (NULL, today not YYYY-MM-DD) */
    MSG_ERR_STORE = 5,   /* the store failed; nothing acknowledged */
    MSG_ERR_APPLY = 6,   /* an apply callback failed (NULL or unknown code); no retour */
    MSG_ERR_NOMEM = 7,
    MSG_ERR_INIT = 8 /* the compiled-in schemas could not be loaded (a build bug) */
};

/* Stable lower-case name of a msg_rc ("ok", "rejected", ...); static storage. */
const char *msg_rc_name(int rc);

/* Limits of the hardened parser. */
#define MSG_MAX_BYTES ((size_t)8 * 1024 * 1024) /* larger input is refused unread */
#define MSG_MAX_DEPTH 16                        /* element nesting; our messages need 4 */

/* Message types: the FZ number. */
typedef enum msg_type {
    MSG_TYPE_UNKNOWN = 0,
    MSG_FZ820 = 820, /* technical retour (ours) */
    MSG_FZ821 = 821, /* aanmelding, openifzo -> provider */
    MSG_FZ822 = 822, /* reactie, provider -> openifzo */
    MSG_FZ823 = 823, /* start zorg */
    MSG_FZ824 = 824, /* retour on FZ823 */
    MSG_FZ825 = 825, /* einde zorg */
    MSG_FZ826 = 826, /* retour on FZ825 */
    MSG_FZ828 = 828  /* retour on FZ822 (number ours) */
} msg_type;

/* Loads the schemas (once per process) and initialises libxml2. Thread-safe, idempotent.
 * Every other call runs it itself; call it at start-up to fail early. */
int msg_init(void);

/* The XML namespace of a message type, NULL for MSG_TYPE_UNKNOWN; static storage. */
const char *msg_namespace(msg_type type);

/* ---- validation only (CLI, examples, fuzzing) --------------------------------------- */

typedef struct msg_check {
    msg_type type;    /* recognised type, MSG_TYPE_UNKNOWN if the root was not recognised */
    char detail[512]; /* why it was rejected (Dutch prefix, libxml2's English detail) */
} msg_check;

/* Hardened parse and XSD validation of any FZ message, including FZ821 and the retours.
 * MSG_OK when valid, MSG_REJECTED (detail filled) when not. Nothing is stored. */
int msg_validate(const char *xml, size_t len, msg_check *out);

/* ---- the apply interface -------------------------------------------------------------- */

typedef struct msg_header {
    msg_type type;
    char afzender[9]; /* AGB code of the sender */
    char ontvanger[9];
    char identificatie[21];
    ifzo_date dagtekening;
} msg_header;

typedef struct msg_client {
    char clientnummer[13];
    char bsn[10]; /* "" when absent */
} msg_client;

typedef struct msg_reactie { /* FZ822 record Reactie */
    int64_t toeleidingspoging;
    char reactiemogelijkheid[17]; /* code of list reactiemogelijkheid */
    const char *toelichting;      /* NULL when absent; valid during the callback only */
    ifzo_date reactiedatum;
} msg_reactie;

typedef struct msg_start_zorg { /* FZ823 record StartZorg */
    int64_t plaatsingsbesluit;
    ifzo_date begindatum;
} msg_start_zorg;

typedef struct msg_einde_zorg { /* FZ825 record EindeZorg */
    int64_t plaatsingsbesluit;
    ifzo_date einddatum;
    char mutatiereden[17]; /* code of list mutatiereden, "" when absent */
    ifzo_date meldingsdatum;
    int status; /* StatusAanlevering: 1 first report, 2 correction, 3 withdrawal */
} msg_einde_zorg;

/* One record, with the header and client class it belongs to. */
typedef struct msg_record {
    msg_type type; /* MSG_FZ822, MSG_FZ823 or MSG_FZ825: says which union member is set */
    const msg_header *header;
    const msg_client *client;
    union {
        msg_reactie reactie;
        msg_start_zorg start_zorg;
        msg_einde_zorg einde_zorg;
    } u;
} msg_record;

/* Applies one record (in its own transaction, if it writes) and returns the record's retour
 * code: "0200" when applied, otherwise a code of data/codelists/retourcode.tsv (FZ01, 9063,
 * ...). The string must be static. NULL means an internal failure: processing stops, no
 * retour is sent (MSG_ERR_APPLY) and the message may be resent. Called only for records that
 * passed every technical rule. */
typedef const char *(*msg_apply_fn)(void *user, const msg_record *rec);

typedef struct msg_apply {
    msg_apply_fn fz822; /* NULL: FZ822 is not accepted yet (MSG_UNSUPPORTED) */
    msg_apply_fn fz823;
    msg_apply_fn fz825;
    void *user; /* passed to every callback */
} msg_apply;

/* ---- processing ----------------------------------------------------------------------- */

typedef struct msg_ctx msg_ctx;

/* A processing context over a migrated store (borrowed: it must outlive the context) and a
 * callback table (copied). *out is owned by the caller: msg_ctx_free(). */
int msg_ctx_new(store *s, const msg_apply *apply, msg_ctx **out);
void msg_ctx_free(msg_ctx *ctx);

/* Seconds after which an open claim on a message (its processing began, no retour yet) is
 * taken over by another process: the first one crashed or hangs (decisions.md §66). */
#define MSG_CLAIM_TIMEOUT 120

/* Sets the claim timeout of ctx in seconds (0: take over any open claim at once, for tests;
 * negative: never). */
void msg_ctx_set_claim_timeout(msg_ctx *ctx, int64_t seconds);

/* Processes one message received on `today` ("YYYY-MM-DD"; the caller's clock, never read
 * here). On MSG_OK *retour_xml is a NUL-terminated UTF-8 retour of *retour_len bytes,
 * malloc'd and owned by the caller (free()); it may accept, partly reject or reject the
 * message. On any other result *retour_xml is NULL and nothing was recorded. */
int msg_process(msg_ctx *ctx, const char *xml, size_t len, const char *today, char **retour_xml,
                size_t *retour_len);

/* Says whether the caller may send as `afzender` (an AGB code): 1 yes, 0 no, -1 the check
 * failed (the store). */
typedef int (*msg_sender_fn)(void *user, const char *afzender);

/* msg_process for an authenticated caller: when sender_ok (may be NULL: any sender) says no,
 * the retour rejects the header with FZ09 and every other class with 0233, nothing is applied
 * and nothing recorded (the identification stays free for its rightful sender). -1 from
 * sender_ok gives MSG_ERR_STORE. The transport (POST /api/berichten) passes the AGB codes of
 * the bearer token's provider and its locations. */
int msg_process_from(msg_ctx *ctx, msg_sender_fn sender_ok, void *sender_user, const char *xml,
                     size_t len, const char *today, char **retour_xml, size_t *retour_len);

/* A retour (FZ820, FZ824, FZ826, FZ828) as short text for people, one line per class:
 * "FZ826\nHeader: 0200\nClient 1: 0200\n  EindeZorg 1: 0200 FZ08\n" (and the Toelichting of
 * an FZ820). *rejected: some class carries a rejecting code. *out malloc'd, owned by the
 * caller. MSG_REJECTED when xml is not a valid retour. */
int msg_retour_summary(const char *xml, size_t len, char **out, bool *rejected);

/* Openifzo's own code in FZ821's Afzender and the Ontvanger of inbound messages. */
#define MSG_OPENIFZO_AGB "99000001"

/* ---- outgoing FZ821 --------------------------------------------------------------------- */

/* One referral as FZ821 carries it (the mailbox, store/berichtenbus.h, fills it). */
typedef struct msg_fz821 {
    int64_t seq; /* toeleidingspoging id */
    int64_t verzoek_id;
    const char *ontvanger;   /* the provider's AGB code */
    const char *locatie_agb; /* the location's */
    const char *zorgtype, *zorgtitel, *urgentie;
    const char *beveiligingsniveau; /* NULL or "" when none */
    ifzo_date aanmelddatum;
    ifzo_date uiterlijke_reactiedatum;
    int64_t clientnummer;
    const char *bsn;         /* NULL or "" when none */
    ifzo_date geboortedatum; /* IFZO_NO_DATE when none */
    const char *geslacht;    /* NULL or "" when none */
} msg_fz821;

/* Builds the FZ821 of one referral: Identificatie "FZ821-<seq>", Dagtekening = aanmelddatum,
 * so that a message delivered again is byte-identical. It is validated against fz821.xsd
 * before it is returned (MSG_REJECTED with detail filled when the data do not fit, e.g. a
 * code missing from a code list). On MSG_OK *xml (malloc'd, NUL-terminated, *len bytes) is
 * owned by the caller. */
int msg_fz821_build(const msg_fz821 *in, char **xml, size_t *len, msg_check *detail);

#endif
