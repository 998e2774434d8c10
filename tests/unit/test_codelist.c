/* Why this file exists: proves that the code lists compiled from data/codelists/ are complete
 * (every list, every count), that lookups and attribute helpers behave, that the motivation
 * and acceptance flags sit exactly where the seeds put them, and that the labels taken from
 * the seeds (reactiemogelijkheden, cancellation lists, mutatieredenen, soft criteria) are the
 * seeds' text character for character. The seeds are read from tests/fixtures/seeds/. */
#include "core/codelist.h"

#include <criterion/criterion.h>

#include <stdio.h>
#include <string.h>

#define SEED_DIR           IFZO_SOURCE_DIR "/tests/fixtures/seeds/"
#define SEED_RELEASE_NOTES SEED_DIR "000_5c21eac60284a24d.txt"
#define SEED_PLACEMENT     SEED_DIR "002_949801f1b566b350.txt"
#define SEED_END_OF_CARE   SEED_DIR "003_156d1afd8b00a2cb.txt"

static const codelist *must_find(const char *name)
{
    const codelist *list = codelist_find(name);
    cr_assert_not_null(list, "code list '%s' missing", name);
    return list;
}

/* ---- presence and counts ----------------------------------------------------------------- */

static const struct {
    const char *name;
    size_t count;
} expected_lists[] = {
    {CODELIST_ZORGTYPE, 9},
    {CODELIST_ZORGTITEL, 25},
    {CODELIST_BEVEILIGINGSNIVEAU, 4},
    {CODELIST_VERBLIJFSINTENSITEIT, 7},
    {CODELIST_ZORGSETTING, 8},
    {CODELIST_DSM_HOOFDGROEP, 17},
    {CODELIST_VERSTANDELIJKE_VERMOGENS, 4},
    {CODELIST_GESLACHT, 3},
    {CODELIST_DOMINANTE_ZORGVRAAG, 3},
    {CODELIST_BIJKOMENDE_PROBLEMATIEK, 4},
    {CODELIST_AARD_ZORGVRAAG, 6},
    {CODELIST_OUTREACH, 2},
    {CODELIST_ARRONDISSEMENT, 11},
    {CODELIST_URGENTIE, 3},
    {CODELIST_ZACHT_CRITERIUM, 10},
    {CODELIST_CONTRA_INDICATIE, 6},
    {CODELIST_REACTIEMOGELIJKHEID, 22},
    {CODELIST_ANNULEREN_OP_VERZOEK, 2},
    {CODELIST_ANNULERINGSREDEN, 14},
    {CODELIST_MUTATIEREDEN, 7},
    {CODELIST_ORGANISATIESOORT, 6},
    {CODELIST_MIDDEL, 9},
    {CODELIST_JA_NEE, 2},
    {CODELIST_BEREIK, 3},
    {CODELIST_STATUS_AANLEVERING, 3},
    {CODELIST_RETOURCODE, 18},
};
#define N_EXPECTED (sizeof expected_lists / sizeof expected_lists[0])

Test(codelist, every_list_present_with_its_count)
{
    cr_assert_eq(codelist_count(), N_EXPECTED, "expected %zu lists, found %zu", N_EXPECTED,
                 codelist_count());
    for (size_t i = 0; i < N_EXPECTED; i++) {
        const codelist *list = must_find(expected_lists[i].name);
        cr_assert_eq(list->count, expected_lists[i].count, "list %s: expected %zu entries, got %zu",
                     list->name, expected_lists[i].count, list->count);
        cr_assert_str_eq(list->name, expected_lists[i].name);
        cr_assert(list->title[0] != '\0', "list %s has no title", list->name);
        cr_assert(list->source[0] != '\0', "list %s has no source", list->name);
    }
}

Test(codelist, iteration_reaches_every_list_once)
{
    for (size_t i = 0; i < codelist_count(); i++) {
        const codelist *list = codelist_at(i);
        cr_assert_not_null(list);
        cr_assert_eq(codelist_find(list->name), list);
    }
    cr_assert_null(codelist_at(codelist_count()));
    cr_assert_null(codelist_find("no_such_list"));
    cr_assert_null(codelist_find(NULL));
    cr_assert_null(codelist_find(""));
}

/* Structural invariants that the generic JSON rendering relies on. */
Test(codelist, entries_are_well_formed)
{
    for (size_t i = 0; i < codelist_count(); i++) {
        const codelist *list = codelist_at(i);
        for (size_t e = 0; e < list->count; e++) {
            const codelist_entry *entry = codelist_entry_at(list, e);
            cr_assert_not_null(entry);
            cr_assert_eq(entry->list, list, "%s/%s: wrong back pointer", list->name, entry->code);
            cr_assert(entry->code[0] != '\0');
            cr_assert(entry->label[0] != '\0', "%s/%s: empty label", list->name, entry->code);
            cr_assert_eq(codelist_lookup(list, entry->code), entry, "%s/%s: duplicate code",
                         list->name, entry->code);
            size_t index = 99;
            cr_assert(codelist_index_of(list, entry->code, &index));
            cr_assert_eq(index, e);
            for (size_t a = 0; a < list->attr_count; a++) {
                const codelist_attr *attr = codelist_attr_at(list, a);
                const char *value = entry->values[a];
                cr_assert_not_null(value);
                cr_assert_eq(codelist_attr_value(entry, attr->name), value);
                switch (attr->type) {
                case CODELIST_ATTR_BOOL:
                    cr_assert(strcmp(value, "0") == 0 || strcmp(value, "1") == 0);
                    break;
                case CODELIST_ATTR_INT:
                    if (value[0] != '\0') {
                        long v = -1;
                        cr_assert(codelist_attr_int(entry, attr->name, &v));
                    }
                    break;
                case CODELIST_ATTR_REF:
                    cr_assert_not_null(codelist_find(attr->ref_list));
                    if (value[0] != '\0')
                        cr_assert_not_null(codelist_attr_ref(entry, attr->name),
                                           "%s/%s: %s=%s does not resolve", list->name, entry->code,
                                           attr->name, value);
                    break;
                case CODELIST_ATTR_ENUM: {
                    bool found = value[0] == '\0';
                    for (size_t k = 0; k < attr->enum_count; k++)
                        found = found || strcmp(attr->enum_values[k], value) == 0;
                    cr_assert(found);
                    break;
                }
                case CODELIST_ATTR_STRING:
                    break;
                }
            }
        }
        cr_assert_null(codelist_entry_at(list, list->count));
        cr_assert_null(codelist_attr_at(list, list->attr_count));
    }
}

/* ---- lookups ------------------------------------------------------------------------------ */

Test(codelist, lookup_known_and_unknown_codes)
{
    const codelist *reactie = must_find(CODELIST_REACTIEMOGELIJKHEID);
    const codelist_entry *e = codelist_lookup(reactie, "01");
    cr_assert_not_null(e);
    cr_assert_str_eq(e->label, "Aanmelding accepteren");
    e = codelist_lookup(reactie, "22");
    cr_assert_not_null(e);
    cr_assert_str_eq(e->label, "Beveiligingsniveau/zorgintensiteit niet gecontracteerd");

    cr_assert_null(codelist_lookup(reactie, "23"));
    cr_assert_null(codelist_lookup(reactie, "00"));
    cr_assert_null(codelist_lookup(reactie, "1"));
    cr_assert_null(codelist_lookup(reactie, ""));
    cr_assert_null(codelist_lookup(reactie, "01 "));
    cr_assert_null(codelist_lookup(reactie, NULL));
    cr_assert_null(codelist_lookup(NULL, "01"));
    cr_assert_null(codelist_lookup_in("no_such_list", "01"));

    cr_assert(codelist_is_valid(CODELIST_ARRONDISSEMENT, "AMS"));
    cr_assert_not(codelist_is_valid(CODELIST_ARRONDISSEMENT, "ams"), "codes are case-sensitive");
    cr_assert_not(codelist_is_valid(CODELIST_ARRONDISSEMENT, "ONL"));
    cr_assert_not(codelist_is_valid(NULL, "AMS"));
    size_t index = 0;
    cr_assert_not(codelist_index_of(reactie, "99", &index));
}

Test(codelist, arrondissementen_have_the_shared_codes_and_labels)
{
    static const char *const expected[][2] = {
        {"AMS", "Amsterdam"},
        {"DHA", "Den Haag"},
        {"GLD", "Gelderland"},
        {"LIM", "Limburg"},
        {"MNE", "Midden-Nederland"},
        {"NHO", "Noord-Holland"},
        {"NNE", "Noord-Nederland"},
        {"OBR", "Oost-Brabant"},
        {"OVE", "Overijssel"},
        {"RTD", "Rotterdam"},
        {"ZWB", "Zeeland-West-Brabant"},
    };
    const codelist *list = must_find(CODELIST_ARRONDISSEMENT);
    cr_assert_eq(list->count, 11);
    for (size_t i = 0; i < 11; i++) {
        cr_assert_str_eq(list->entries[i].code, expected[i][0]);
        cr_assert_str_eq(list->entries[i].label, expected[i][1]);
    }
}

Test(codelist, security_levels_are_1_to_4_with_national_function_for_3_and_4)
{
    const codelist *list = must_find(CODELIST_BEVEILIGINGSNIVEAU);
    static const char *const codes[] = {"1", "2", "3", "4"};
    for (size_t i = 0; i < 4; i++) {
        cr_assert_str_eq(list->entries[i].code, codes[i]);
        cr_assert_eq(codelist_attr_bool(&list->entries[i], "national_function"), i >= 2);
    }
}

/* ---- flags the seeds define --------------------------------------------------------------- */

Test(codelist, motivation_required_exactly_where_the_seed_says)
{
    const codelist *list = must_find(CODELIST_ANNULERINGSREDEN);
    size_t flagged = 0;
    for (size_t i = 0; i < list->count; i++) {
        const codelist_entry *e = &list->entries[i];
        bool expected =
            strcmp(e->label, "Te betwisten, vanwege") == 0 ||
            strcmp(e->label, "Alle bovenstaande annuleringen zijn ontoereikend, vanwege") == 0;
        cr_assert_eq(codelist_needs_motivation(e), expected, "%s '%s': needs_motivation wrong",
                     e->code, e->label);
        flagged += expected;
    }
    cr_assert_eq(flagged, 2);
    /* Seed-derived lists other than the cancellation reasons require no motivation. */
    static const char *const none[] = {CODELIST_REACTIEMOGELIJKHEID, CODELIST_MUTATIEREDEN,
                                       CODELIST_ZACHT_CRITERIUM, CODELIST_ANNULEREN_OP_VERZOEK};
    for (size_t l = 0; l < sizeof none / sizeof none[0]; l++) {
        const codelist *other = must_find(none[l]);
        for (size_t i = 0; i < other->count; i++)
            cr_assert_not(codelist_needs_motivation(&other->entries[i]));
    }
}

Test(codelist, cancellation_groups_zorgaanbieder_and_plaatser)
{
    const codelist *groups = must_find(CODELIST_ANNULEREN_OP_VERZOEK);
    cr_assert_str_eq(codelist_lookup(groups, "ZA")->label, "Zorgaanbieder");
    cr_assert_str_eq(codelist_lookup(groups, "PL")->label, "Plaatser");

    const codelist *list = must_find(CODELIST_ANNULERINGSREDEN);
    size_t za = 0, pl = 0;
    for (size_t i = 0; i < list->count; i++) {
        const codelist_entry *group = codelist_attr_ref(&list->entries[i], "group");
        cr_assert_not_null(group);
        za += strcmp(group->code, "ZA") == 0;
        pl += strcmp(group->code, "PL") == 0;
    }
    cr_assert_eq(za, 2);
    cr_assert_eq(pl, 12);

    cr_assert_not_null(codelist_cancel_reason("ZA", "ZA02"));
    cr_assert_not_null(codelist_cancel_reason("PL", "PL11"));
    cr_assert_null(codelist_cancel_reason("PL", "ZA01"), "reason of the other group");
    cr_assert_null(codelist_cancel_reason("ZA", "PL01"));
    cr_assert_null(codelist_cancel_reason("XX", "PL01"));
    cr_assert_null(codelist_cancel_reason("PL", "PL13"));
    cr_assert_null(codelist_cancel_reason(NULL, "PL01"));

    const codelist_entry *withdraw = codelist_cancel_reason("PL", "PL12");
    cr_assert_str_eq(withdraw->label, "Intrekken plaatsingsverzoek door verwijzer");
    cr_assert(codelist_attr_bool(withdraw, "withdraws_request"));
    for (size_t i = 0; i < list->count; i++) {
        if (&list->entries[i] != withdraw)
            cr_assert_not(codelist_attr_bool(&list->entries[i], "withdraws_request"));
    }
}

Test(codelist, only_the_first_reaction_accepts)
{
    const codelist *list = must_find(CODELIST_REACTIEMOGELIJKHEID);
    for (size_t i = 0; i < list->count; i++)
        cr_assert_eq(codelist_reactie_accepts(&list->entries[i]), i == 0, "%s",
                     list->entries[i].code);
    /* Codes are "01".."22" in seed order. */
    for (size_t i = 0; i < list->count; i++) {
        char code[24];
        snprintf(code, sizeof code, "%02zu", i + 1);
        cr_assert_str_eq(list->entries[i].code, code);
    }
}

/* ---- attributes, typed helpers ------------------------------------------------------------ */

Test(codelist, urgency_terms)
{
    codelist_term t = {0, CODELIST_TERM_NONE};
    cr_assert(codelist_urgency_term(codelist_lookup_in(CODELIST_URGENTIE, "REG"), &t));
    cr_assert_eq(t.days, 10);
    cr_assert_eq(t.kind, CODELIST_TERM_WORKING_DAYS);
    cr_assert(codelist_urgency_term(codelist_lookup_in(CODELIST_URGENTIE, "SPOED"), &t));
    cr_assert_eq(t.days, 5);
    cr_assert_eq(t.kind, CODELIST_TERM_WORKING_DAYS);
    cr_assert(codelist_urgency_term(codelist_lookup_in(CODELIST_URGENTIE, "CRISIS"), &t));
    cr_assert_eq(t.days, 2);
    cr_assert_eq(t.kind, CODELIST_TERM_CALENDAR_DAYS);
    cr_assert_not(codelist_urgency_term(codelist_lookup_in(CODELIST_ARRONDISSEMENT, "AMS"), &t));
    cr_assert_not(codelist_urgency_term(NULL, &t));
}

Test(codelist, care_types_forms_and_reply_terms)
{
    const codelist *list = must_find(CODELIST_ZORGTYPE);
    static const char *const pairs[][2] = {{"KLIN", "KLIN"}, {"TBS", "KLIN"}, {"VBW", "VBW"},
                                           {"BW", "VBW"},    {"VGV", "VBW"},  {"AMB", "AMB"},
                                           {"ADB", "AMB"},   {"ABH", "AMB"},  {"ABG", "AMB"}};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
        const codelist_entry *e = codelist_lookup(list, pairs[i][0]);
        cr_assert_not_null(e, "%s", pairs[i][0]);
        cr_assert_str_eq(codelist_root(e)->code, pairs[i][1]);
    }
    cr_assert_null(codelist_parent(codelist_lookup(list, "AMB")));
    cr_assert_str_eq(codelist_parent(codelist_lookup(list, "ADB"))->code, "AMB");
    cr_assert_str_eq(codelist_lookup(list, "ADB")->label, "Ambulante dagbehandeling");
    cr_assert_str_eq(codelist_lookup(list, "ABH")->label, "Ambulante behandeling");
    cr_assert_str_eq(codelist_lookup(list, "ABG")->label, "Ambulante begeleiding");

    codelist_term t, max;
    cr_assert(codelist_reply_term(codelist_lookup(list, "TBS"), &t, &max));
    cr_assert_eq(t.days, 5);
    cr_assert_eq(t.kind, CODELIST_TERM_WORKING_DAYS);
    cr_assert_eq(max.days, 10);
    cr_assert(codelist_reply_term(codelist_lookup(list, "BW"), &t, NULL));
    cr_assert_eq(t.days, 14);
    cr_assert_eq(t.kind, CODELIST_TERM_CALENDAR_DAYS);

    long minutes = 0;
    cr_assert(codelist_attr_int(codelist_lookup(list, "ABH"), "max_travel_min", &minutes));
    cr_assert_eq(minutes, 60);
    cr_assert_not(codelist_attr_int(codelist_lookup(list, "KLIN"), "max_travel_min", &minutes));
    cr_assert(codelist_attr_bool(codelist_lookup(list, "BW"), "within_arrondissement"));
}

Test(codelist, generic_attribute_access)
{
    const codelist *list = must_find(CODELIST_ANNULERINGSREDEN);
    const codelist_attr *attr = codelist_attr_find(list, "needs_motivation");
    cr_assert_not_null(attr);
    cr_assert_eq(attr->type, CODELIST_ATTR_BOOL);
    attr = codelist_attr_find(list, "group");
    cr_assert_not_null(attr);
    cr_assert_eq(attr->type, CODELIST_ATTR_REF);
    cr_assert_str_eq(attr->ref_list, CODELIST_ANNULEREN_OP_VERZOEK);
    cr_assert_null(codelist_attr_find(list, "no_such_column"));
    cr_assert_null(codelist_attr_find(list, "code"), "code and label are not attributes");

    const codelist_entry *e = codelist_lookup(list, "PL01");
    cr_assert_str_eq(codelist_attr_value(e, "needs_motivation"), "0");
    cr_assert_null(codelist_attr_value(e, "no_such_column"));
    cr_assert_not(codelist_attr_bool(e, "no_such_column"));
    cr_assert_null(codelist_attr_ref(e, "needs_motivation"), "not a ref column");
    cr_assert_null(codelist_attr_value(NULL, "group"));

    const codelist *arr = must_find(CODELIST_ARRONDISSEMENT);
    cr_assert_eq(arr->attr_count, 0);
    cr_assert_null(codelist_attr_value(&arr->entries[0], "anything"));
}

Test(codelist, name_macros_match_the_data)
{
    for (size_t i = 0; i < N_EXPECTED; i++)
        cr_assert_not_null(codelist_find(expected_lists[i].name), "%s", expected_lists[i].name);
}

/* ---- labels word for word from the seeds -------------------------------------------------- */

enum { SEED_MAX_BYTES = 64 * 1024, SEED_MAX_LINES = 2048 };

/* A seed file, whole and split into lines. Static storage: nothing to free even when an
 * assertion ends the test early. */
typedef struct {
    char text[SEED_MAX_BYTES + 1];
    char split[SEED_MAX_BYTES + 1];
    char *lines[SEED_MAX_LINES];
    size_t count;
} seed;

static seed the_seed;

static const seed *read_seed(const char *path)
{
    seed *s = &the_seed;
    FILE *f = fopen(path, "rb");
    cr_assert_not_null(f, "cannot open seed %s", path);
    size_t size = fread(s->text, 1, SEED_MAX_BYTES + 1, f);
    fclose(f);
    cr_assert(size > 0 && size <= SEED_MAX_BYTES, "seed %s empty or too large", path);
    s->text[size] = '\0';
    memcpy(s->split, s->text, size + 1);
    s->count = 0;
    for (char *p = s->split;;) {
        cr_assert(s->count < SEED_MAX_LINES, "seed %s has too many lines", path);
        s->lines[s->count++] = p;
        char *nl = strchr(p, '\n');
        if (nl == NULL)
            break;
        *nl = '\0';
        p = nl + 1;
    }
    return s;
}

/* True if `line` is a list item ("• x", "- x", "1. x", each optionally indented) whose text,
 * without trailing whitespace and list punctuation ";", is exactly `label`. */
static bool item_is(const char *line, const char *label)
{
    while (*line == ' ' || *line == '\t')
        line++;
    if (strncmp(line, "\xE2\x80\xA2", 3) == 0) {
        line += 3;
    } else if (*line == '-') {
        line++;
    } else if (*line >= '0' && *line <= '9') {
        while (*line >= '0' && *line <= '9')
            line++;
        if (*line != '.')
            return false;
        line++;
    } else {
        return false;
    }
    if (*line != ' ')
        return false;
    while (*line == ' ')
        line++;
    size_t n = strlen(line);
    while (n > 0 && (line[n - 1] == ' ' || line[n - 1] == '\r' || line[n - 1] == '\t'))
        n--;
    if (n > 0 && line[n - 1] == ';')
        n--;
    return n == strlen(label) && strncmp(line, label, n) == 0;
}

/* Asserts that every label of the list occurs verbatim in the seed and, as a list item, in the
 * list's order; starts looking at line *from and leaves *from after the last item found. */
static void assert_items_in_seed(const seed *s, const codelist *list, const char *seed_name,
                                 size_t *from)
{
    for (size_t i = 0; i < list->count; i++) {
        const codelist_entry *e = &list->entries[i];
        cr_assert_not_null(strstr(s->text, e->label), "%s %s: label '%s' is not verbatim in %s",
                           list->name, e->code, e->label, seed_name);
        size_t at = *from;
        while (at < s->count && !item_is(s->lines[at], e->label))
            at++;
        cr_assert(at < s->count, "%s %s: label '%s' not found as a list item in %s after line %zu",
                  list->name, e->code, e->label, seed_name, *from);
        *from = at + 1;
    }
}

Test(codelist_seed, reactiemogelijkheden_are_the_seed_text_in_seed_order)
{
    const seed *s = read_seed(SEED_RELEASE_NOTES);
    const codelist *list = must_find(CODELIST_REACTIEMOGELIJKHEID);
    size_t from = 0;
    assert_items_in_seed(s, list, "seed 000 (section 2.1)", &from);
    /* The release notes repeat the list for providers (section 3.1): identical. */
    assert_items_in_seed(s, list, "seed 000 (section 3.1)", &from);
    /* And the seed has no bullet item we left out: 2 x 22 bullets in the file. */
    size_t bullets = 0;
    for (size_t i = 0; i < s->count; i++) {
        const char *p = s->lines[i];
        while (*p == ' ')
            p++;
        bullets += strncmp(p, "\xE2\x80\xA2", 3) == 0;
    }
    cr_assert_eq(bullets, 44);
}

Test(codelist_seed, cancellation_lists_are_the_seed_text_in_seed_order)
{
    const seed *s = read_seed(SEED_RELEASE_NOTES);
    size_t from = 0;
    assert_items_in_seed(s, must_find(CODELIST_ANNULERINGSREDEN), "seed 000 (section 2.2)", &from);
    /* The two values of the field "Annuleren op verzoek", quoted in the seed. */
    cr_assert_not_null(strstr(s->text, "\xE2\x80\x98Zorgaanbieder\xE2\x80\x99"));
    cr_assert_not_null(strstr(s->text, "\xE2\x80\x98Plaatser\xE2\x80\x99"));
    const codelist *groups = must_find(CODELIST_ANNULEREN_OP_VERZOEK);
    for (size_t i = 0; i < groups->count; i++)
        cr_assert_not_null(strstr(s->text, groups->entries[i].label));
    /* The motivation sentence of the seed names exactly the flagged Plaatser option. */
    const codelist_entry *pl11 = codelist_lookup_in(CODELIST_ANNULERINGSREDEN, "PL11");
    char quoted[256];
    snprintf(quoted, sizeof quoted, "Bij de optie \xE2\x80\x98%s\xE2\x80\x99 is het", pl11->label);
    cr_assert_not_null(strstr(s->text, quoted));
}

Test(codelist_seed, mutatieredenen_are_the_seed_text_in_seed_order)
{
    const seed *s = read_seed(SEED_END_OF_CARE);
    size_t from = 0;
    const codelist *list = must_find(CODELIST_MUTATIEREDEN);
    assert_items_in_seed(s, list, "seed 003", &from);
    /* Each reason carries the number the seed gives it. */
    for (size_t i = 0; i < list->count; i++) {
        char line[256];
        snprintf(line, sizeof line, "  %zu. %s\n", i + 1, list->entries[i].label);
        cr_assert_not_null(strstr(s->text, line), "seed 003 has no item '%s'", line);
    }
}

Test(codelist_seed, soft_criteria_are_the_seed_text_in_seed_order)
{
    const seed *s = read_seed(SEED_PLACEMENT);
    size_t from = 0;
    const codelist *list = must_find(CODELIST_ZACHT_CRITERIUM);
    assert_items_in_seed(s, list, "seed 002", &from);
    /* The item right after the tenth is the registration rule, not an eleventh criterion. */
    cr_assert_not_null(strstr(s->lines[from], "De plaatser registreert de afweging"));
}
