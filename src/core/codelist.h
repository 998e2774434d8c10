/* Why this file exists: every code list of the domain (care types, security levels, reaction
 * options, cancellation reasons, mutation reasons, ...) has one source of truth in
 * data/codelists/ (one TSV file per list); tools/gen_codelists.c compiles those files into static C
 * tables at build time, and this header is the one read-only view the rest of the program uses to
 * validate codes, read attributes and render every list (GET /api/codelists).
 *
 * Ownership: every pointer returned by or reachable from this API (lists, entries, attribute
 * descriptors, names, labels, values) points to static, immutable data that lives for the
 * whole program. Callers never free or modify it. All functions are pure, thread-safe and do
 * no I/O; every function accepts NULL arguments and then returns NULL / false / 0. */
#ifndef IFZO_CORE_CODELIST_H
#define IFZO_CORE_CODELIST_H

#include <stdbool.h>
#include <stddef.h>

/* The names of the lists (file names in data/codelists/ without ".tsv"). */
#define CODELIST_ZORGTYPE                 "zorgtype"
#define CODELIST_ZORGTITEL                "zorgtitel"
#define CODELIST_BEVEILIGINGSNIVEAU       "beveiligingsniveau"
#define CODELIST_VERBLIJFSINTENSITEIT     "verblijfsintensiteit"
#define CODELIST_ZORGSETTING              "zorgsetting"
#define CODELIST_DSM_HOOFDGROEP           "dsm_hoofdgroep"
#define CODELIST_VERSTANDELIJKE_VERMOGENS "verstandelijke_vermogens"
#define CODELIST_GESLACHT                 "geslacht"
#define CODELIST_DOMINANTE_ZORGVRAAG      "dominante_zorgvraag"
#define CODELIST_BIJKOMENDE_PROBLEMATIEK  "bijkomende_problematiek"
#define CODELIST_AARD_ZORGVRAAG           "aard_zorgvraag"
#define CODELIST_OUTREACH                 "outreach"
#define CODELIST_ARRONDISSEMENT           "arrondissement"
#define CODELIST_URGENTIE                 "urgentie"
#define CODELIST_ZACHT_CRITERIUM          "zacht_criterium"
#define CODELIST_CONTRA_INDICATIE         "contra_indicatie"
#define CODELIST_REACTIEMOGELIJKHEID      "reactiemogelijkheid"
#define CODELIST_ANNULEREN_OP_VERZOEK     "annuleren_op_verzoek"
#define CODELIST_ANNULERINGSREDEN         "annuleringsreden"
#define CODELIST_MUTATIEREDEN             "mutatiereden"
#define CODELIST_ORGANISATIESOORT         "organisatiesoort"
#define CODELIST_MIDDEL                   "middel"
#define CODELIST_JA_NEE                   "ja_nee"
#define CODELIST_BEREIK                   "bereik"
#define CODELIST_STATUS_AANLEVERING       "status_aanlevering"
#define CODELIST_RETOURCODE               "retourcode"

/* The type of an attribute column, declared in the TSV header as "name:type". */
typedef enum codelist_attr_type {
    CODELIST_ATTR_STRING, /* "name" or "name:str": free text, "" = not applicable */
    CODELIST_ATTR_BOOL,   /* "name:bool": always "0" or "1" */
    CODELIST_ATTR_INT,    /* "name:int": decimal integer, "" = not applicable */
    CODELIST_ATTR_REF,    /* "name:ref" / "name:ref(list)": a code of ref_list, "" = none */
    CODELIST_ATTR_ENUM    /* "name:enum(a|b)": one of enum_values, "" = not applicable */
} codelist_attr_type;

/* One attribute column of a list (every column after code and label). */
typedef struct codelist_attr {
    const char *name;               /* column name, e.g. "needs_motivation" */
    codelist_attr_type type;        /* how to read the values */
    const char *ref_list;           /* CODELIST_ATTR_REF: referenced list name, else NULL */
    const char *const *enum_values; /* CODELIST_ATTR_ENUM: allowed values, else NULL */
    size_t enum_count;              /* number of enum_values */
} codelist_attr;

struct codelist;

/* One value of a list: a stable code, the exact Dutch label, and one value per attribute
 * column (values[i] belongs to list->attrs[i]; "" means empty). */
typedef struct codelist_entry {
    const char *code;
    const char *label;
    const char *const *values;   /* list->attr_count strings, NULL when attr_count == 0 */
    const struct codelist *list; /* the list this entry belongs to */
} codelist_entry;

/* One code list. Entries are in file order (the order of the source document). */
typedef struct codelist {
    const char *name;   /* e.g. "reactiemogelijkheid" */
    const char *title;  /* Dutch display title, e.g. "Reactiemogelijkheid" */
    const char *source; /* short provenance, see data/codelists/README.md */
    const codelist_attr *attrs;
    size_t attr_count;
    const codelist_entry *entries;
    size_t count;
} codelist;

/* Term kinds used by urgency and care-type answer terms. */
typedef enum codelist_term_kind {
    CODELIST_TERM_NONE,
    CODELIST_TERM_WORKING_DAYS, /* "werkdagen" */
    CODELIST_TERM_CALENDAR_DAYS /* "kalenderdagen" */
} codelist_term_kind;

typedef struct codelist_term {
    long days;
    codelist_term_kind kind;
} codelist_term;

/* ---- Lists ---------------------------------------------------------------------------- */

/* Number of lists; codelist_at(0 .. count-1) iterates them in data/codelists/index.tsv order. */
size_t codelist_count(void);
/* The i-th list, NULL if i is out of range. */
const codelist *codelist_at(size_t i);
/* The list with this name, NULL if unknown. */
const codelist *codelist_find(const char *name);

/* ---- Entries -------------------------------------------------------------------------- */

/* The i-th entry of a list, NULL if out of range. */
const codelist_entry *codelist_entry_at(const codelist *list, size_t i);
/* The entry with this code (exact, case-sensitive), NULL if unknown. */
const codelist_entry *codelist_lookup(const codelist *list, const char *code);
/* Same, by list name. */
const codelist_entry *codelist_lookup_in(const char *list_name, const char *code);
/* True if code is a code of the named list (the validator's question). */
bool codelist_is_valid(const char *list_name, const char *code);
/* Position of code in the list (stable for one build; usable as a bit index). */
bool codelist_index_of(const codelist *list, const char *code, size_t *index);

/* ---- Attributes, generically ---------------------------------------------------------- */

/* The i-th attribute descriptor of a list, NULL if out of range. */
const codelist_attr *codelist_attr_at(const codelist *list, size_t i);
/* The attribute descriptor with this column name, NULL if the list has no such column. */
const codelist_attr *codelist_attr_find(const codelist *list, const char *name);
/* The raw value of column `name` for this entry: "" when empty, NULL when no such column. */
const char *codelist_attr_value(const codelist_entry *entry, const char *name);
/* Bool column value; false when the column is missing. */
bool codelist_attr_bool(const codelist_entry *entry, const char *name);
/* Int column value into *out; false when the column is missing or the value empty. */
bool codelist_attr_int(const codelist_entry *entry, const char *name, long *out);
/* The entry a ref column points to; NULL when the column is missing or the value empty. */
const codelist_entry *codelist_attr_ref(const codelist_entry *entry, const char *name);

/* ---- Typed helpers for the domain ----------------------------------------------------- */

/* True if choosing this entry requires a free-text motivation (column needs_motivation):
 * "Te betwisten, vanwege" and "Alle bovenstaande annuleringen zijn ontoereikend, vanwege". */
bool codelist_needs_motivation(const codelist_entry *entry);
/* True if this reactiemogelijkheid accepts the aanmelding (column accepts). */
bool codelist_reactie_accepts(const codelist_entry *entry);
/* The parent entry (column parent), NULL for a top-level entry. */
const codelist_entry *codelist_parent(const codelist_entry *entry);
/* The top-level ancestor (the entry itself when it has no parent). For zorgtype this is
 * the care type whose hard criteria apply: KLIN, VBW or AMB. */
const codelist_entry *codelist_root(const codelist_entry *entry);
/* The indication term of an urgentie entry (columns term_days, term_kind). */
bool codelist_urgency_term(const codelist_entry *entry, codelist_term *out);
/* The provider's answer term of a zorgtype entry (columns reply_days, reply_max_days,
 * reply_kind, inherited from the nearest ancestor that has them). max may be NULL. */
bool codelist_reply_term(const codelist_entry *entry, codelist_term *out, codelist_term *max);
/* The annuleringsreden with this code if it belongs to the group (annuleren_op_verzoek code
 * "ZA" or "PL") the placer chose, else NULL. */
const codelist_entry *codelist_cancel_reason(const char *op_verzoek_code, const char *reason_code);

#endif
