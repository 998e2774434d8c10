/*
 * test_organisation.c - the rules for an organisation record (core/organisation.h).
 */
#include "core/organisation.h"

#include <criterion/criterion.h>
#include <string.h>

Test(organisation, accepts_a_plain_name_and_a_known_kind)
{
    core_error e = {0};
    cr_assert(organisation_check("Reclassering Nederland", "3ro", &e));
    cr_assert(organisation_check("Súdwest-Fryslân GGZ", "zorgaanbieder", &e));
}

Test(organisation, refuses_each_kind_of_bad_name_naming_the_field)
{
    char long_name[202];
    memset(long_name, 'x', 201);
    long_name[201] = '\0';
    const char *bad[] = {NULL, "", "   ", "tab\there", "nl\nhere", "\xc3\x28", long_name};
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        core_error e = {0};
        cr_assert_not(organisation_check(bad[i], "dji", &e), "input %zu accepted", i);
        cr_assert_str_eq(e.field, "name");
        cr_assert_not_null(e.message);
    }
    long_name[200] = '\0'; /* exactly 200 characters is allowed */
    cr_assert(organisation_check(long_name, "dji", NULL));
}

Test(organisation, refuses_a_missing_or_unknown_kind)
{
    core_error e = {0};
    cr_assert_not(organisation_check("X", NULL, &e));
    cr_assert_str_eq(e.code, "required");
    cr_assert_str_eq(e.field, "kind");
    cr_assert_not(organisation_check("X", "ziekenhuis", &e));
    cr_assert_str_eq(e.code, "unknown_code");
    cr_assert_str_eq(e.field, "kind");
}
