/* Why this file exists: the read-only API over the generated code-list tables (see
 * core/codelist.h). Pure functions over static data: no I/O, no allocation, no state. */
#include "core/codelist.h"
#include "core/codelist_data.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

size_t codelist_count(void)
{
    return ifzo_codelist_count;
}

const codelist *codelist_at(size_t i)
{
    return i < ifzo_codelist_count ? &ifzo_codelists[i] : NULL;
}

const codelist *codelist_find(const char *name)
{
    if (name == NULL)
        return NULL;
    for (size_t i = 0; i < ifzo_codelist_count; i++) {
        if (strcmp(ifzo_codelists[i].name, name) == 0)
            return &ifzo_codelists[i];
    }
    return NULL;
}

const codelist_entry *codelist_entry_at(const codelist *list, size_t i)
{
    if (list == NULL || i >= list->count)
        return NULL;
    return &list->entries[i];
}

bool codelist_index_of(const codelist *list, const char *code, size_t *index)
{
    if (list == NULL || code == NULL)
        return false;
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->entries[i].code, code) == 0) {
            if (index != NULL)
                *index = i;
            return true;
        }
    }
    return false;
}

const codelist_entry *codelist_lookup(const codelist *list, const char *code)
{
    size_t i;
    if (!codelist_index_of(list, code, &i))
        return NULL;
    return &list->entries[i];
}

const codelist_entry *codelist_lookup_in(const char *list_name, const char *code)
{
    return codelist_lookup(codelist_find(list_name), code);
}

bool codelist_is_valid(const char *list_name, const char *code)
{
    return codelist_lookup_in(list_name, code) != NULL;
}

const codelist_attr *codelist_attr_at(const codelist *list, size_t i)
{
    if (list == NULL || i >= list->attr_count)
        return NULL;
    return &list->attrs[i];
}

const codelist_attr *codelist_attr_find(const codelist *list, const char *name)
{
    if (list == NULL || name == NULL)
        return NULL;
    for (size_t i = 0; i < list->attr_count; i++) {
        if (strcmp(list->attrs[i].name, name) == 0)
            return &list->attrs[i];
    }
    return NULL;
}

/* The attribute descriptor and value of column `name` of entry, or NULL. */
static const codelist_attr *attr_of(const codelist_entry *entry, const char *name,
                                    const char **value)
{
    if (entry == NULL || entry->list == NULL)
        return NULL;
    const codelist_attr *attr = codelist_attr_find(entry->list, name);
    if (attr == NULL)
        return NULL;
    *value = entry->values[attr - entry->list->attrs];
    return attr;
}

const char *codelist_attr_value(const codelist_entry *entry, const char *name)
{
    const char *value = NULL;
    if (attr_of(entry, name, &value) == NULL)
        return NULL;
    return value;
}

bool codelist_attr_bool(const codelist_entry *entry, const char *name)
{
    const char *value = NULL;
    if (attr_of(entry, name, &value) == NULL)
        return false;
    return strcmp(value, "1") == 0;
}

bool codelist_attr_int(const codelist_entry *entry, const char *name, long *out)
{
    const char *value = NULL;
    if (attr_of(entry, name, &value) == NULL || value[0] == '\0')
        return false;
    char *end = NULL;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno != 0 || end == value || *end != '\0')
        return false;
    if (out != NULL)
        *out = v;
    return true;
}

const codelist_entry *codelist_attr_ref(const codelist_entry *entry, const char *name)
{
    const char *value = NULL;
    const codelist_attr *attr = attr_of(entry, name, &value);
    if (attr == NULL || attr->type != CODELIST_ATTR_REF || value[0] == '\0')
        return NULL;
    return codelist_lookup_in(attr->ref_list, value);
}

bool codelist_needs_motivation(const codelist_entry *entry)
{
    return codelist_attr_bool(entry, "needs_motivation");
}

bool codelist_reactie_accepts(const codelist_entry *entry)
{
    return codelist_attr_bool(entry, "accepts");
}

const codelist_entry *codelist_parent(const codelist_entry *entry)
{
    return codelist_attr_ref(entry, "parent");
}

const codelist_entry *codelist_root(const codelist_entry *entry)
{
    if (entry == NULL)
        return NULL;
    /* The generator rejects parent cycles; the bound is a second guard. */
    for (size_t steps = 0; steps <= entry->list->count; steps++) {
        const codelist_entry *parent = codelist_parent(entry);
        if (parent == NULL)
            return entry;
        entry = parent;
    }
    return NULL;
}

static codelist_term_kind term_kind_of(const char *value)
{
    if (value == NULL)
        return CODELIST_TERM_NONE;
    if (strcmp(value, "werkdagen") == 0)
        return CODELIST_TERM_WORKING_DAYS;
    if (strcmp(value, "kalenderdagen") == 0)
        return CODELIST_TERM_CALENDAR_DAYS;
    return CODELIST_TERM_NONE;
}

/* Reads a term from the columns days_col/kind_col of entry. */
static bool term_of(const codelist_entry *entry, const char *days_col, const char *kind_col,
                    codelist_term *out)
{
    long days = 0;
    if (!codelist_attr_int(entry, days_col, &days))
        return false;
    codelist_term_kind kind = term_kind_of(codelist_attr_value(entry, kind_col));
    if (kind == CODELIST_TERM_NONE)
        return false;
    if (out != NULL) {
        out->days = days;
        out->kind = kind;
    }
    return true;
}

bool codelist_urgency_term(const codelist_entry *entry, codelist_term *out)
{
    return term_of(entry, "term_days", "term_kind", out);
}

bool codelist_reply_term(const codelist_entry *entry, codelist_term *out, codelist_term *max)
{
    if (entry == NULL)
        return false;
    for (size_t steps = 0; entry != NULL && steps <= entry->list->count; steps++) {
        if (term_of(entry, "reply_days", "reply_kind", out)) {
            if (max != NULL && !term_of(entry, "reply_max_days", "reply_kind", max))
                return false;
            return true;
        }
        entry = codelist_parent(entry);
    }
    return false;
}

const codelist_entry *codelist_cancel_reason(const char *op_verzoek_code, const char *reason_code)
{
    const codelist_entry *reason = codelist_lookup_in(CODELIST_ANNULERINGSREDEN, reason_code);
    const codelist_entry *group = codelist_attr_ref(reason, "group");
    if (group == NULL || op_verzoek_code == NULL || strcmp(group->code, op_verzoek_code) != 0)
        return NULL;
    return reason;
}
