/*
 * plaatsing.h - the placement workflow: the plaatsingsverzoek (placement request) and its
 * toeleidingspogingen (referral attempts), as a state machine of pure functions.
 *
 * Why in core: every transition (referral, reaction, extension, cancellation, placement
 * decision, start and end of care) has preconditions that must hold the same whether the
 * step comes through the API or as an FZ message (FZ822/FZ823/FZ825). Each step is one
 * function here that checks its preconditions on the current state and either changes the
 * caller's copy of the state or leaves it untouched and returns a named error.
 *
 * The allowed status changes are data: plaatsing_transitions[] below. Every function looks
 * its step up in that table, so the table is the state machine; docs/workflow.md holds the
 * same table for people and a unit test compares the two.
 *
 * Errors: a core_error whose field is "status" means the step is not allowed in the current
 * state (HTTP 409); any other field names the input at fault (HTTP 400).
 *
 * Pure: no I/O, no clock ("today" is a parameter), no allocation. Structs are caller-owned
 * values; strings in core_error and the status names are static.
 */
#ifndef IFZO_CORE_PLAATSING_H
#define IFZO_CORE_PLAATSING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/einde_zorg.h"
#include "core/error.h"
#include "core/indicatiestelling.h"

/* ---- statuses -------------------------------------------------------------------------- */

typedef enum plaatsing_status {
    PV_OPEN = 0,       /* matching and referral under way */
    PV_BESLOTEN,       /* plaatsingsbesluit taken, start of care not yet reported */
    PV_GEPLAATST,      /* start of care reported ('geplaatst', seed 003) */
    PV_ZORG_BEEINDIGD, /* end of care reported ('zorg beëindigd', seed 003) */
    PV_INGETROKKEN,    /* withdrawn by the referrer (annuleringsreden with withdraws_request) */
    PV_STATUS_COUNT
} plaatsing_status;

typedef enum poging_status {
    TP_AANGEMELD = 0, /* referral sent, no reaction yet */
    TP_GEACCEPTEERD,  /* the provider accepted ("Aanmelding accepteren") */
    TP_AFGEWEZEN,     /* the provider declined with one of the other 21 reactiemogelijkheden */
    TP_GEANNULEERD,   /* cancelled by the placer */
    TP_STATUS_COUNT
} poging_status;

/* Machine names ("open", "besloten", "geplaatst", "zorg_beeindigd", "ingetrokken";
 * "aangemeld", "geaccepteerd", "afgewezen", "geannuleerd"); NULL when out of range. */
const char *plaatsing_status_name(plaatsing_status s);
const char *poging_status_name(poging_status s);
bool plaatsing_status_from_name(const char *name, plaatsing_status *out);
bool poging_status_from_name(const char *name, poging_status *out);

/* ---- the transition table -------------------------------------------------------------- */

typedef struct plaatsing_transition {
    const char *object; /* "plaatsingsverzoek" or "toeleidingspoging" */
    const char *from;   /* status name; "-" for the step that creates the object */
    const char *event;  /* the step, e.g. "accepteren" */
    const char *to;     /* status name after the step */
} plaatsing_transition;

extern const plaatsing_transition plaatsing_transitions[];
extern const size_t plaatsing_transition_count;

/* ---- the objects ----------------------------------------------------------------------- */

#define PLAATSING_TEKST_MAX     2000 /* characters of a toelichting or motivatie */
#define PLAATSING_TEKST_BUF     (PLAATSING_TEKST_MAX * 4 + 1)
#define PLAATSING_BESLUITNR_MAX 40 /* characters: letters, digits, '-', '/', '.' */
#define PLAATSING_BESLUITNR_BUF (PLAATSING_BESLUITNR_MAX + 1)

typedef struct plaatsingsverzoek {
    int64_t id; /* 0 until stored */
    int64_t indicatie_id;
    int64_t justitiabele_id;
    int64_t plaatser_organisatie_id; /* the placing organisation that owns the request */
    char zorgtype[IFZO_CODE_BUF];    /* the indication's care type (answer terms) */
    char zorgtitel[IFZO_CODE_BUF];
    ifzo_date titel_start; /* the title's range; IFZO_NO_DATE when not known */
    ifzo_date titel_eind;
    plaatsing_status status;
    ifzo_date aangemaakt_op;
    /* placement decision (status besloten and later) */
    char besluitnummer[PLAATSING_BESLUITNR_BUF]; /* "" before the decision */
    int64_t besluit_poging_id;
    int64_t besluit_zorglocatie_id;
    char besluit_zorgtype[IFZO_CODE_BUF];
    ifzo_date verwachte_startdatum;
    ifzo_date besluitdatum;
    /* start and end of care */
    ifzo_date startdatum; /* IFZO_NO_DATE until reported */
    ifzo_date einddatum;  /* IFZO_NO_DATE unless status zorg_beeindigd */
    char mutatiereden[IFZO_CODE_BUF];
    ifzo_date meldingsdatum; /* of the end of care */
    bool einde_te_laat;      /* the first end report came after 10 calendar days */
    bool einde_ingetrokken;  /* the last end report was withdrawn (FZ825 status 3) */
} plaatsingsverzoek;

typedef struct toeleidingspoging {
    int64_t id; /* 0 until stored */
    int64_t verzoek_id;
    int64_t zorglocatie_id;
    poging_status status;
    bool parallel; /* the placer runs it next to another open attempt */
    ifzo_date aanmelddatum;
    bool verlengd; /* the answer term was extended at the provider's request */
    /* reaction */
    char reactie[IFZO_CODE_BUF]; /* reactiemogelijkheid code; "" before the reaction */
    char reactie_toelichting[PLAATSING_TEKST_BUF];
    ifzo_date reactiedatum;
    /* cancellation */
    char op_verzoek[IFZO_CODE_BUF];       /* annuleren_op_verzoek code: "ZA" or "PL" */
    char annuleringsreden[IFZO_CODE_BUF]; /* annuleringsreden code */
    char motivatie[PLAATSING_TEKST_BUF];
    ifzo_date annuleringsdatum;
} toeleidingspoging;

/* An attempt is open while it awaits a reaction or has been accepted (aangemeld,
 * geaccepteerd): it still binds a place. */
bool poging_is_open(const toeleidingspoging *p);

/* ---- the steps --------------------------------------------------------------------------
 * Each returns true and writes the new state, or returns false, leaves every output
 * untouched and fills *err. */

/* aanmaken: a new request (status open) for a definitive indication (error
 * "indicatie_niet_definitief", field status) by a placing organisation. Copies client, care
 * type, title and title range from the indication. */
bool plaatsing_aanmaken(const ifzo_indicatie *ind, int64_t plaatser_organisatie_id, ifzo_date today,
                        plaatsingsverzoek *out, core_error *err);

/* aanmelden: a new attempt (status aangemeld, aanmelddatum today) to a location. The request
 * must be open ("verzoek_niet_open"); no other attempt may be open ("poging_loopt_al")
 * unless this one is marked parallel; never two open attempts to the same location
 * ("locatie_al_aangemeld", field zorglocatie_id). */
bool plaatsing_aanmelden(const plaatsingsverzoek *pv, const toeleidingspoging *pogingen, size_t n,
                         int64_t zorglocatie_id, bool parallel, ifzo_date today,
                         toeleidingspoging *out, core_error *err);

/* reageren: the provider's reaction, once ("reactie_al_gegeven" when the attempt is not
 * aangemeld): exactly one code of list reactiemogelijkheid ("reactiemogelijkheid_onbekend",
 * field reactie); the one with accepts=1 makes the attempt geaccepteerd, every other
 * afgewezen. toelichting: optional, at most PLAATSING_TEKST_MAX characters, multi-line
 * ("toelichting_ongeldig"). */
bool plaatsing_reageren(toeleidingspoging *p, const char *reactie, const char *toelichting,
                        ifzo_date today, core_error *err);

/* The answer term of an attempt: from the zorgtype's reply term (codelist_reply_term):
 * klinisch 5 working days (10 when extended), verblijf/BW and ambulant 14 calendar days,
 * counted from the aanmelddatum. The answer is due by the end of *deadline. */
bool plaatsing_termijn(const plaatsingsverzoek *pv, const toeleidingspoging *p,
                       ifzo_date *deadline);
/* Overdue: still aangemeld and today is after the deadline. */
bool plaatsing_te_laat(const plaatsingsverzoek *pv, const toeleidingspoging *p, ifzo_date today);

/* verlengen: at the provider's request, once ("al_verlengd"), only while aangemeld
 * ("poging_niet_aangemeld") and only where the care type's term has a longer maximum
 * ("verlenging_niet_mogelijk"). */
bool plaatsing_verlengen(const plaatsingsverzoek *pv, toeleidingspoging *p, core_error *err);

/* annuleren: the placer cancels attempt pogingen[idx] (aangemeld, geaccepteerd or afgewezen;
 * "poging_al_geannuleerd") while the request is open ("verzoek_niet_open"): op_verzoek a code
 * of annuleren_op_verzoek ("op_verzoek_onbekend"), reden a code of annuleringsreden of that
 * group ("annuleringsreden_onbekend"), a motivatie where the reason needs one
 * ("motivatie_ontbreekt"; at most PLAATSING_TEKST_MAX characters, "motivatie_ongeldig").
 * A reason with withdraws_request ("Intrekken plaatsingsverzoek door verwijzer") ends the
 * whole request: the request becomes ingetrokken and every other open attempt is cancelled
 * with the same reason. */
bool plaatsing_annuleren(plaatsingsverzoek *pv, toeleidingspoging *pogingen, size_t n, size_t idx,
                         const char *op_verzoek, const char *reden, const char *motivatie,
                         ifzo_date today, core_error *err);

/* besluiten: the placement decision on an accepted attempt ("poging_niet_geaccepteerd") of
 * an open request ("verzoek_niet_open") while no other attempt is open
 * ("andere_poging_open"): besluitnummer 1..40 of [A-Za-z0-9-/.] ("besluitnummer_ongeldig";
 * uniqueness is the store's), zorgtype a code with the same root as the request's
 * ("zorgtype_ongeldig"), verwachte_startdatum a date ("verwachte_startdatum_ongeldig").
 * The request becomes besloten with the attempt's location. */
bool plaatsing_besluiten(plaatsingsverzoek *pv, const toeleidingspoging *pogingen, size_t n,
                         size_t idx, const char *besluitnummer, const char *zorgtype,
                         ifzo_date verwachte_startdatum, ifzo_date today, core_error *err);

/* start_zorg: the provider reports the start of care on a request with a decision
 * ("verzoek_niet_besloten"): not after today ("startdatum_in_toekomst"), inside the title's
 * range ("startdatum_buiten_titel"). The request becomes geplaatst. */
bool plaatsing_start_zorg(plaatsingsverzoek *pv, ifzo_date startdatum, ifzo_date today,
                          core_error *err);

/* einde_zorg: an end-of-care report (FZ825 rules, seed 003) in all three forms:
 *   status 1 (eerste aanlevering) on a geplaatst request ("verzoek_niet_geplaatst"):
 *     einde_zorg_check, not before the start ("einddatum_voor_start"), inside the title's
 *     range ("einddatum_buiten_titel"); becomes zorg_beeindigd; einde_te_laat when reported
 *     more than 10 calendar days after the end;
 *   status 2 (correctie) on a zorg_beeindigd request ("geen_einde_zorg"): the same date
 *     rules, the same mutatiereden as before ("mutatiereden_anders"); corrigeert, when not
 *     IFZO_NO_DATE, is the date the sender corrects and must be the latest reported one
 *     ("niet_laatste_einddatum"); status unchanged, the late flag of the first report stays;
 *   status 3 (intrekking) on a zorg_beeindigd request ("geen_einde_zorg"): the end date,
 *     reason and report date are cleared and the request is geplaatst again.
 * The report's own rules (status, mutatiereden, not in the future) are einde_zorg_check's. */
bool plaatsing_einde_zorg(plaatsingsverzoek *pv, const einde_zorg_melding *m, ifzo_date corrigeert,
                          ifzo_date today, core_error *err);

/* The event name of the transition table for an einde_zorg status (1, 2, 3): "einde_zorg",
 * "correctie_einde_zorg", "intrekking_einde_zorg"; NULL otherwise. */
const char *plaatsing_einde_zorg_event(int status);

#endif
