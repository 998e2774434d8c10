/*
 * organisation.c - see organisation.h.
 */
#include "core/organisation.h"
#include "core/codelist.h"
#include "core/validate.h"

bool organisation_check(const char *name, const char *kind, core_error *err)
{
    if (name == NULL)
        return core_fail(err, "required", "name", "Vul de naam in.");
    if (ifzo_utf8_check_str(name, ORGANISATION_NAME_MAX, IFZO_UTF8_REQUIRED) != IFZO_VALID_OK)
        return core_fail(err, "invalid_name", "name",
                         "De naam moet 1 tot 200 tekens zijn, zonder stuurtekens.");
    if (kind == NULL)
        return core_fail(err, "required", "kind", "Kies de soort organisatie.");
    if (!codelist_is_valid("organisatiesoort", kind))
        return core_fail(err, "unknown_code", "kind", "Onbekende soort organisatie.");
    return 1;
}
