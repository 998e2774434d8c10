/*
 * criteria.h: the hard criteria (harde criteria) that an indication and a care offer share.
 *
 * Why this exists: the matching algorithm (seed 004) compares the hard criteria of a client's
 * indication with those of every contracted location's offer and shows only the locations
 * that satisfy all of them. Both sides are stored here in ONE representation so that the
 * matching engine can test a criterion with one AND: for every criterion a set of codes of
 * its code list, as a bitmask over the entries' positions (codelist_index_of):
 *
 *   - an indication holds exactly one bit per criterion that applies to its care type
 *     (a definitive one; a concept may still have empty criteria), 0 elsewhere;
 *   - an offer holds the set of values it accepts (at least one bit) per applicable
 *     criterion, 0 elsewhere;
 *   - criterion c passes  <=>  (indication.set[c] & offer.set[c]) != 0, for every c that
 *     applies (ifzo_crit_applies). IFZO_CRIT_MIDDEL is the one exception: it applies only
 *     when the indicated DSM main group is "04" (aan een middel gebonden stoornissen); an
 *     indication without it has 0 there and the criterion is not tested.
 *
 * Criteria that are not code sets: age (offer: min/max; indication: from the client's date of
 * birth, ifzo_age_on), security level (location's level vs the indicated level, see
 * zorgaanbod.h) and the travel-time / arrondissement norms (geo.h, zorgtype attributes).
 *
 * Bit positions are stable for one build only (they follow the TSV order); never store a
 * bitmask. The text form (ifzo_criteria_format / _parse) with codes is what the store keeps.
 *
 * Owner: the offer/indication team (branch `offer`). Pure: no I/O, no allocation; all
 * returned pointers are static (code-list storage) and never freed.
 */
#ifndef IFZO_CORE_CRITERIA_H
#define IFZO_CORE_CRITERIA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/codelist.h"
#include "core/error.h"

/* A set of codes of one code list: bit i = codelist_entry_at(list, i). Every list used as a
 * criterion has at most 64 entries (checked by a unit test). */
typedef uint64_t ifzo_codeset;

/* The three indication/matching formats of seed 004 = the top-level zorgtype codes. */
#define IFZO_ZORGTYPE_KLINISCH "KLIN" /* klinisch incl. tbs */
#define IFZO_ZORGTYPE_VERBLIJF "VBW"  /* verblijf / beschermd wonen */
#define IFZO_ZORGTYPE_AMBULANT "AMB"  /* ambulant */

/* The hard criteria. Comment: code list; care types (K = KLIN, V = VBW, A = AMB). */
typedef enum ifzo_crit {
    IFZO_CRIT_ARRONDISSEMENT = 0,       /* arrondissement; K V A. Indication: the client's
                                           leefomgeving; offer: the arrondissementen it serves */
    IFZO_CRIT_GESLACHT,                 /* geslacht; K V A */
    IFZO_CRIT_DSM_HOOFDGROEP,           /* dsm_hoofdgroep; K */
    IFZO_CRIT_VERSTANDELIJKE_VERMOGENS, /* verstandelijke_vermogens; K */
    IFZO_CRIT_ZEDENDELICT,              /* ja_nee (zedendelict aanwezig); K */
    IFZO_CRIT_ZORGSETTING,              /* zorgsetting; K */
    IFZO_CRIT_VERBLIJFSINTENSITEIT,     /* verblijfsintensiteit (with the security level this
                                           makes the verblijfssoort); K */
    IFZO_CRIT_MIDDEL,                   /* middel (toelichting hoofddiagnose "aan een middel
                                           gebonden stoornis"); K, only when DSM = 04 */
    IFZO_CRIT_AARD_ZORGVRAAG,           /* aard_zorgvraag; K V A (klinisch: DIAG/BEH only) */
    IFZO_CRIT_DOMINANTE_ZORGVRAAG,      /* dominante_zorgvraag; V A */
    IFZO_CRIT_BIJKOMENDE_PROBLEMATIEK,  /* bijkomende_problematiek; V A */
    IFZO_CRIT_BEREIK,                   /* bereik; V A */
    IFZO_CRIT_OUTREACH,                 /* outreach (specifieke outreachende aanpak /
                                           bemoeizorg); V A */
    IFZO_CRIT_COUNT
} ifzo_crit;

/* The values of all criteria; index with ifzo_crit. Zero-initialise = all empty. */
typedef struct ifzo_criteria {
    ifzo_codeset set[IFZO_CRIT_COUNT];
} ifzo_criteria;

/* The JSON/text key of a criterion ("arrondissement", "geslacht", "dsm_hoofdgroep",
 * "verstandelijke_vermogens", "zedendelict", "zorgsetting", "verblijfsintensiteit", "middel",
 * "aard_zorgvraag", "dominante_zorgvraag", "bijkomende_problematiek", "bereik", "outreach");
 * NULL for an invalid value. Static storage. */
const char *ifzo_crit_name(ifzo_crit c);
/* The criterion with this key; false if unknown. */
bool ifzo_crit_from_name(const char *name, ifzo_crit *out);
/* The code list of a criterion; NULL for an invalid value. */
const codelist *ifzo_crit_list(ifzo_crit c);

/* The top-level care type (KLIN, VBW, AMB) of any zorgtype code (TBS -> KLIN, BW -> VBW, ...);
 * NULL when the code is unknown. Static storage. */
const char *ifzo_zorgtype_root(const char *zorgtype);
/* Whether criterion c is a hard criterion of this care type (any zorgtype code; its root
 * decides, following seed 004). False for an unknown care type. */
bool ifzo_crit_applies(const char *zorgtype, ifzo_crit c);
/* Whether age (leeftijd) is a hard criterion of this care type: KLIN and VBW, not AMB. */
bool ifzo_age_applies(const char *zorgtype);
/* Whether value (one code of the criterion's list) is allowed for this care type: only
 * aard_zorgvraag restricts (columns klinisch/verblijf/ambulant), every other code is allowed. */
bool ifzo_crit_value_allowed(const char *zorgtype, ifzo_crit c, const char *code);

/* ---- sets --------------------------------------------------------------------------- */

/* Adds code to *set; false (set unchanged) when code is not in the criterion's list. */
bool ifzo_codeset_add(ifzo_crit c, const char *code, ifzo_codeset *set);
/* Whether code is in set (false for unknown codes). */
bool ifzo_codeset_has(ifzo_crit c, ifzo_codeset set, const char *code);
/* Number of members. */
int ifzo_codeset_count(ifzo_codeset set);
/* The code of the lowest member, NULL for the empty set (for single-valued indications). */
const char *ifzo_codeset_first(ifzo_crit c, ifzo_codeset set);
/* The i-th member in list order (0-based), NULL past the end. */
const char *ifzo_codeset_nth(ifzo_crit c, ifzo_codeset set, int i);
/* All codes of the criterion's list. */
ifzo_codeset ifzo_codeset_all(ifzo_crit c);

/* ---- text form (what the store keeps) ----------------------------------------------- */

/* "name=code,code;name=code" in criterion order, empty criteria left out, "" for all empty.
 * Writes at most cap bytes incl. NUL; false when it does not fit. */
#define IFZO_CRITERIA_TEXT_MAX 2048
#define IFZO_CRITERIA_CODE_BUF 17
bool ifzo_criteria_format(const ifzo_criteria *c, char *out, size_t cap);
/* The inverse; false on an unknown name or code (err names the criterion as field). */
bool ifzo_criteria_parse(const char *text, ifzo_criteria *out, core_error *err);

/* ---- rules ---------------------------------------------------------------------------- */

/* An offer's criteria for care type zorgtype: every applicable criterion non-empty with
 * values allowed for the care type (except middel, which may be empty when the offer does
 * not treat substance disorders — then it only matches indications without middel),
 * every other criterion empty. err->field = "criteria.<name>". */
bool ifzo_offer_criteria_check(const char *zorgtype, const ifzo_criteria *c, core_error *err);

/* An indication's criteria. complete=false (concept): each criterion empty or one value.
 * complete=true (definitief): every applicable criterion exactly one value; middel exactly
 * one when dsm_hoofdgroep is "04", else empty. Non-applicable criteria must be empty.
 * err->field = "criteria.<name>". */
bool ifzo_indication_criteria_check(const char *zorgtype, const ifzo_criteria *c, bool complete,
                                    core_error *err);

#endif
