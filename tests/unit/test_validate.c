/*
 * test_validate.c: unit tests for src/core/validate (BSN, AGB, postcode, bounded UTF-8).
 *
 * Why this exists: every API field check rests on these functions; the tests pin the
 * boundaries (lengths, checksums, forbidden letter pairs, encoding edge cases).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "core/validate.h"

/* ------------------------------------------------------------------ BSN */

/* The 11-proef computed independently of the implementation, for the tests' own values. */
static int elfproef_sum(const char *s)
{
    int sum = 0;
    for (int i = 0; i < 8; i++) {
        sum += (9 - i) * (s[i] - '0');
    }
    return sum - (s[8] - '0');
}

Test(bsn, valid_numbers)
{
    /* 111222333: 9+8+7+12+10+8+9+6-3 = 66 = 6*11 */
    cr_assert_eq(elfproef_sum("111222333"), 66);
    cr_assert_eq(ifzo_bsn_check("111222333"), IFZO_VALID_OK);
    /* 123456782: 154 = 14*11 */
    cr_assert_eq(elfproef_sum("123456782"), 154);
    cr_assert_eq(ifzo_bsn_check("123456782"), IFZO_VALID_OK);
    /* 999999990: 9*44 = 396 = 36*11 */
    cr_assert_eq(ifzo_bsn_check("999999990"), IFZO_VALID_OK);
    /* leading zero (former 8-digit number): 012345672: 112-2 = 110 */
    cr_assert_eq(elfproef_sum("012345672"), 110);
    cr_assert_eq(ifzo_bsn_check("012345672"), IFZO_VALID_OK);
}

Test(bsn, checksum_failures)
{
    /* 123456789: 156-9 = 147 = 13*11+4 */
    cr_assert_eq(elfproef_sum("123456789") % 11, 4);
    cr_assert_eq(ifzo_bsn_check("123456789"), IFZO_VALID_CHECKSUM);
    cr_assert_eq(ifzo_bsn_check("111222334"), IFZO_VALID_CHECKSUM);
    cr_assert_eq(ifzo_bsn_check("111222332"), IFZO_VALID_CHECKSUM);
    /* negative sum (-1): must not pass through C's signed % */
    cr_assert_eq(ifzo_bsn_check("000000001"), IFZO_VALID_CHECKSUM);
}

Test(bsn, format_failures)
{
    cr_assert_eq(ifzo_bsn_check(NULL), IFZO_VALID_NULL);
    cr_assert_eq(ifzo_bsn_check(""), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_bsn_check("000000000"), IFZO_VALID_ZERO);
    cr_assert_eq(ifzo_bsn_check("12345672"), IFZO_VALID_LENGTH); /* 8 digits: not canonical */
    cr_assert_eq(ifzo_bsn_check("1112223330"), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_bsn_check("11122233a"), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_bsn_check(" 11222333"), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_bsn_check("-11222333"), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_bsn_check("111 222 333"), IFZO_VALID_LENGTH);
}

Test(bsn, normalize)
{
    char out[IFZO_BSN_BUFSIZE];
    cr_assert_eq(ifzo_bsn_normalize("12345672", out), IFZO_VALID_OK);
    cr_assert_str_eq(out, "012345672");
    cr_assert_eq(ifzo_bsn_normalize("111222333", out), IFZO_VALID_OK);
    cr_assert_str_eq(out, "111222333");

    memcpy(out, "untouched", sizeof out);
    cr_assert_eq(ifzo_bsn_normalize("12345678", out), IFZO_VALID_CHECKSUM);
    cr_assert_str_eq(out, "untouched");
    cr_assert_eq(ifzo_bsn_normalize("1234567", out), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_bsn_normalize("1234567890", out), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_bsn_normalize("00000000", out), IFZO_VALID_ZERO);
    cr_assert_eq(ifzo_bsn_normalize("1234567x", out), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_bsn_normalize(NULL, out), IFZO_VALID_NULL);
    cr_assert_eq(ifzo_bsn_normalize("111222333", NULL), IFZO_VALID_NULL);
}

/* ------------------------------------------------------------------ AGB */

Test(agb, valid)
{
    int type = -1;
    cr_assert_eq(ifzo_agb_check("01234567", &type), IFZO_VALID_OK);
    cr_assert_eq(type, 1);
    cr_assert_eq(ifzo_agb_check("41000001", &type), IFZO_VALID_OK);
    cr_assert_eq(type, 41);
    cr_assert_eq(ifzo_agb_check("99999999", &type), IFZO_VALID_OK);
    cr_assert_eq(type, 99);
    cr_assert_eq(ifzo_agb_check("73123456", NULL), IFZO_VALID_OK);
}

Test(agb, invalid)
{
    int type = -1;
    cr_assert_eq(ifzo_agb_check("00123456", &type), IFZO_VALID_ZERO);
    cr_assert_eq(type, -1, "type must not be written on failure");
    cr_assert_eq(ifzo_agb_check("1234567", &type), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_agb_check("123456789", &type), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_agb_check("", &type), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_agb_check("1234567a", &type), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_agb_check("1234 567", &type), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_agb_check(NULL, &type), IFZO_VALID_NULL);
}

/* ------------------------------------------------------------------ postcode */

Test(postcode, valid_and_normalised)
{
    char out[IFZO_POSTCODE_BUFSIZE];
    int pc4 = 0;
    cr_assert_eq(ifzo_postcode_check("1234AB", out, &pc4), IFZO_VALID_OK);
    cr_assert_str_eq(out, "1234AB");
    cr_assert_eq(pc4, 1234);
    cr_assert_eq(ifzo_postcode_check("1234 AB", out, &pc4), IFZO_VALID_OK);
    cr_assert_str_eq(out, "1234AB");
    cr_assert_eq(ifzo_postcode_check("9999 zz", out, &pc4), IFZO_VALID_OK);
    cr_assert_str_eq(out, "9999ZZ");
    cr_assert_eq(pc4, 9999);
    cr_assert_eq(ifzo_postcode_check("1000aA", out, NULL), IFZO_VALID_OK);
    cr_assert_str_eq(out, "1000AA");
    cr_assert_eq(ifzo_postcode_check("2511SB", NULL, NULL), IFZO_VALID_OK); /* S + other letter */
    cr_assert_eq(ifzo_postcode_check("2511AS", NULL, NULL), IFZO_VALID_OK);
}

Test(postcode, invalid)
{
    char out[IFZO_POSTCODE_BUFSIZE];
    cr_assert_eq(ifzo_postcode_check(NULL, out, NULL), IFZO_VALID_NULL);
    cr_assert_eq(ifzo_postcode_check("", out, NULL), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_postcode_check("1234", out, NULL), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_postcode_check("1234A", out, NULL), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_postcode_check("1234  AB", out, NULL), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_postcode_check("1234 AB ", out, NULL), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_postcode_check("1234AB ", out, NULL), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_postcode_check(" 1234AB", out, NULL), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_postcode_check("0123AB", out, NULL), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_postcode_check("1234-AB", out, NULL), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_postcode_check("1234A1", out, NULL), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_postcode_check("12A4AB", out, NULL), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_postcode_check("1234\xC3\x80"
                                     "B",
                                     out, NULL),
                 IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_postcode_check("1234SA", out, NULL), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_postcode_check("1234 sd", out, NULL), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_postcode_check("1234SS", out, NULL), IFZO_VALID_FORMAT);
}

Test(postcode, pc4_only)
{
    int pc4 = 0;
    cr_assert_eq(ifzo_pc4_check("1011", &pc4), IFZO_VALID_OK);
    cr_assert_eq(pc4, 1011);
    cr_assert_eq(ifzo_pc4_check("1000", &pc4), IFZO_VALID_OK);
    cr_assert_eq(ifzo_pc4_check("9999", NULL), IFZO_VALID_OK);
    cr_assert_eq(ifzo_pc4_check("0999", &pc4), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_pc4_check("999", &pc4), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_pc4_check("10000", &pc4), IFZO_VALID_LENGTH);
    cr_assert_eq(ifzo_pc4_check("1O11", &pc4), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_pc4_check("+101", &pc4), IFZO_VALID_FORMAT);
    cr_assert_eq(ifzo_pc4_check(NULL, &pc4), IFZO_VALID_NULL);
}

/* ------------------------------------------------------------------ UTF-8 */

static enum ifzo_valid u8(const char *s, size_t max, unsigned flags)
{
    return ifzo_utf8_check(s, strlen(s), max, flags, NULL);
}

Test(utf8, valid_text_and_counting)
{
    size_t n = 0;
    const char *s = "S\xC3\xBA"
                    "dwest-Frysl\xC3\xA2n"; /* Súdwest-Fryslân */
    cr_assert_eq(ifzo_utf8_check(s, strlen(s), 15, 0, &n), IFZO_VALID_OK);
    cr_assert_eq(n, 15);
    cr_assert_eq(ifzo_utf8_check(s, strlen(s), 14, 0, &n), IFZO_VALID_TOO_LONG);

    const char *quote = "'s-Gravenhage";
    cr_assert_eq(ifzo_utf8_check(quote, strlen(quote), 13, IFZO_UTF8_REQUIRED, &n), IFZO_VALID_OK);
    cr_assert_eq(n, 13);

    /* one code point each: U+00E9, U+20AC, U+1F600, U+10FFFF */
    const char *wide = "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\xF4\x8F\xBF\xBF";
    cr_assert_eq(ifzo_utf8_check(wide, strlen(wide), 4, 0, &n), IFZO_VALID_OK);
    cr_assert_eq(n, 4);
    cr_assert_eq(ifzo_utf8_check(wide, strlen(wide), 3, 0, &n), IFZO_VALID_TOO_LONG);

    cr_assert_eq(u8("", 0, 0), IFZO_VALID_OK);
    cr_assert_eq(ifzo_utf8_check_str("abc", 3, 0), IFZO_VALID_OK);
    cr_assert_eq(ifzo_utf8_check_str("abcd", 3, 0), IFZO_VALID_TOO_LONG);
    cr_assert_eq(ifzo_utf8_check_str(NULL, 3, 0), IFZO_VALID_NULL);
    cr_assert_eq(ifzo_utf8_check(NULL, 0, 3, 0, NULL), IFZO_VALID_NULL);
}

Test(utf8, invalid_encodings)
{
    cr_assert_eq(u8("\x80", 10, 0), IFZO_VALID_UTF8);             /* lone continuation */
    cr_assert_eq(u8("a\xC3", 10, 0), IFZO_VALID_UTF8);            /* truncated */
    cr_assert_eq(u8("\xE2\x82", 10, 0), IFZO_VALID_UTF8);         /* truncated */
    cr_assert_eq(u8("\xC3\x28", 10, 0), IFZO_VALID_UTF8);         /* bad continuation */
    cr_assert_eq(u8("\xC0\xAF", 10, 0), IFZO_VALID_UTF8);         /* overlong '/' */
    cr_assert_eq(u8("\xC1\xBF", 10, 0), IFZO_VALID_UTF8);         /* overlong */
    cr_assert_eq(u8("\xE0\x80\xAF", 10, 0), IFZO_VALID_UTF8);     /* overlong 3-byte */
    cr_assert_eq(u8("\xF0\x80\x80\xAF", 10, 0), IFZO_VALID_UTF8); /* overlong 4-byte */
    cr_assert_eq(u8("\xED\xA0\x80", 10, 0), IFZO_VALID_UTF8);     /* surrogate U+D800 */
    cr_assert_eq(u8("\xED\xBF\xBF", 10, 0), IFZO_VALID_UTF8);     /* surrogate U+DFFF */
    cr_assert_eq(u8("\xF4\x90\x80\x80", 10, 0), IFZO_VALID_UTF8); /* U+110000 */
    cr_assert_eq(u8("\xF5\x80\x80\x80", 10, 0), IFZO_VALID_UTF8);
    cr_assert_eq(u8("\xFF", 10, 0), IFZO_VALID_UTF8);
    /* just inside: U+D7FF and U+E000 are fine */
    cr_assert_eq(u8("\xED\x9F\xBF\xEE\x80\x80", 10, 0), IFZO_VALID_OK);
}

Test(utf8, control_characters)
{
    cr_assert_eq(u8("a\x01"
                    "b",
                    10, 0),
                 IFZO_VALID_CONTROL);
    cr_assert_eq(u8("a\x1F", 10, 0), IFZO_VALID_CONTROL);
    cr_assert_eq(u8("a\x7F", 10, 0), IFZO_VALID_CONTROL);
    cr_assert_eq(u8("a\xC2\x85", 10, 0), IFZO_VALID_CONTROL); /* U+0085 NEL (C1) */
    cr_assert_eq(u8("a\xC2\x9F", 10, 0), IFZO_VALID_CONTROL); /* U+009F */
    cr_assert_eq(u8("a\xC2\xA0", 10, 0), IFZO_VALID_OK);      /* U+00A0 is not a control */
    cr_assert_eq(u8("line1\nline2", 20, 0), IFZO_VALID_CONTROL);
    cr_assert_eq(u8("line1\r\nline2\tx", 20, IFZO_UTF8_MULTILINE), IFZO_VALID_OK);
    cr_assert_eq(u8("a\x01", 20, IFZO_UTF8_MULTILINE), IFZO_VALID_CONTROL);
    /* an embedded NUL inside the given length */
    cr_assert_eq(ifzo_utf8_check("ab\0cd", 5, 10, 0, NULL), IFZO_VALID_CONTROL);
    cr_assert_eq(ifzo_utf8_check("ab\0cd", 2, 10, 0, NULL), IFZO_VALID_OK);
}

Test(utf8, required)
{
    cr_assert_eq(u8("", 10, IFZO_UTF8_REQUIRED), IFZO_VALID_EMPTY);
    cr_assert_eq(u8("   ", 10, IFZO_UTF8_REQUIRED), IFZO_VALID_EMPTY);
    cr_assert_eq(u8(" \n\t ", 10, IFZO_UTF8_REQUIRED | IFZO_UTF8_MULTILINE), IFZO_VALID_EMPTY);
    cr_assert_eq(u8(" x ", 10, IFZO_UTF8_REQUIRED), IFZO_VALID_OK);
}

Test(messages, every_code_has_text)
{
    for (int v = IFZO_VALID_OK; v <= IFZO_VALID_EMPTY; v++) {
        const char *m = ifzo_valid_message((enum ifzo_valid)v);
        cr_assert_not_null(m);
        cr_assert_gt(strlen(m), 0);
    }
    /* Dutch, for the user (core_error messages are Dutch) */
    cr_assert_str_eq(ifzo_valid_message(IFZO_VALID_CHECKSUM), "voldoet niet aan de elfproef");
    cr_assert_str_eq(ifzo_valid_message(IFZO_VALID_LENGTH), "onjuiste lengte");
}
