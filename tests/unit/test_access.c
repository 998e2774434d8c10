/*
 * test_access.c - roles and their organisations, usernames, passwords, and TOTP against
 * the RFC 6238 test vectors (appendix B, HMAC-SHA1).
 */
#include "core/access.h"
#include "core/totp.h"

#include <criterion/criterion.h>
#include <string.h>

Test(totp, rfc6238_sha1_test_vectors)
{
    static const unsigned char secret[] = "12345678901234567890";
    static const struct {
        int64_t t;
        const char *code;
    } v[] = {
        {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
        {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
    };
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
        char out[9];
        cr_assert(totp_code(secret, 20, v[i].t, 8, out), "T=%lld", (long long)v[i].t);
        cr_assert_str_eq(out, v[i].code, "T=%lld", (long long)v[i].t);
    }
}

Test(totp, check_accepts_one_step_of_drift_and_reports_the_step)
{
    static const unsigned char secret[] = "12345678901234567890";
    char code[9];
    /* The 6-digit code is the last six digits of the 8-digit one. */
    cr_assert(totp_code(secret, 20, 1111111109, 6, code));
    cr_assert_str_eq(code, "081804");
    int64_t step = 0;
    cr_assert(totp_check(secret, 20, 1111111109, "081804", &step));
    cr_assert_eq(step, 1111111109 / 30);
    cr_assert(totp_check(secret, 20, 1111111109 + 30, "081804", &step));
    cr_assert_eq(step, 1111111109 / 30);
    cr_assert_not(totp_check(secret, 20, 1111111109 + 90, "081804", &step));
    cr_assert_not(totp_check(secret, 20, 1111111109, "081805", &step));
    cr_assert_not(totp_check(secret, 20, 1111111109, "08180", &step));
    cr_assert_not(totp_check(secret, 20, 1111111109, "08180a", &step));
    cr_assert_not(totp_check(secret, 20, 1111111109, NULL, &step));
}

Test(totp, base32_round_trip)
{
    static const unsigned char secret[] = "12345678901234567890";
    char text[TOTP_BASE32_MAX];
    cr_assert(totp_base32_encode(secret, 20, text));
    cr_assert_str_eq(text, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    unsigned char back[32];
    size_t n = 0;
    cr_assert(totp_base32_decode(text, back, sizeof(back), &n));
    cr_assert_eq(n, 20);
    cr_assert_eq(memcmp(back, secret, 20), 0);
    cr_assert_not(totp_base32_decode("!!!", back, sizeof(back), &n));
}

Test(access, roles_parse_and_name)
{
    cr_assert_eq(access_role_parse("plaatser"), ROLE_PLAATSER);
    cr_assert_eq(access_role_parse("functioneel_beheer"), ROLE_FUNCTIONEEL_BEHEER);
    cr_assert_eq(access_role_parse("Plaatser"), ROLE_NONE);
    cr_assert_eq(access_role_parse(NULL), ROLE_NONE);
    cr_assert_str_eq(access_role_name(ROLE_BELEID), "beleid");
    cr_assert_str_eq(access_role_name(ROLE_NONE), "");
}

Test(access, a_role_fits_only_its_kinds_of_organisation)
{
    core_error e;
    cr_assert(access_role_fits("zorgaanbieder", "zorgaanbieder", &e));
    cr_assert_not(access_role_fits("zorgaanbieder", "dji", &e));
    cr_assert_str_eq(e.code, "role_not_allowed");
    cr_assert_not(access_role_fits("plaatser", "zorgaanbieder", &e));
    cr_assert(access_role_fits("plaatser", "3ro", &e));
    cr_assert_not(access_role_fits("plaatser", "nifp", &e));
    cr_assert(access_role_fits("indiceerder", "nifp", &e));
    cr_assert(access_role_fits("functioneel_beheer", "dji", &e));
    cr_assert_not(access_role_fits("functioneel_beheer", "om", &e));
    cr_assert(access_role_fits("beleid", "dji", &e));
    cr_assert_not(access_role_fits("beleid", "ji", &e));
    cr_assert_not(access_role_fits("beleid", "", &e));
}

Test(access, usernames_and_passwords)
{
    core_error e;
    cr_assert(access_user_check("j.de-vries@dji", "Jan de Vries", "plaatser", &e));
    cr_assert_not(access_user_check("Jan", "Jan", "plaatser", &e));
    cr_assert_str_eq(e.field, "username");
    cr_assert_not(access_user_check("ab", "Jan", "plaatser", &e));
    cr_assert_not(access_user_check("jan", "", "plaatser", &e));
    cr_assert_str_eq(e.field, "display_name");
    cr_assert_not(access_user_check("jan", "Jan", "admin", &e));
    cr_assert_str_eq(e.code, "unknown_role");
    cr_assert(access_password_check("correct horse battery", "jan", &e));
    cr_assert_not(access_password_check("kort", "jan", &e));
    cr_assert_str_eq(e.code, "password_too_short");
    /* Twelve characters, fewer bytes would not do: count characters, not bytes. */
    cr_assert(access_password_check("ééééééééééé1", "jan", &e));
    cr_assert_not(access_password_check("éééééééééé1", "jan", &e));
    cr_assert_not(access_password_check("username.abcd", "username.abcd", &e));
    cr_assert_str_eq(e.code, "password_is_username");
}

Test(access, dji_uses_a_second_factor_by_default)
{
    cr_assert(access_totp_default("dji"));
    cr_assert_not(access_totp_default("zorgaanbieder"));
    cr_assert_not(access_totp_default(NULL));
}
