/*
 * validate.h: format checks for the identifiers and strings that enter openifzo.
 *
 * Why this exists: the API must reject a bad BSN, AGB code, postcode or string with a
 * field-level error before anything is stored, and the same rules must hold for every entry
 * point (HTTP, messages, import). One implementation here, used by all of them.
 *
 * Pure: no I/O, no allocation, thread-safe. Functions never write past the output buffers
 * whose sizes are given by the *_BUFSIZE constants below. No function returns a pointer to
 * memory the caller must free; ifzo_valid_message() returns static storage.
 */
#ifndef IFZO_CORE_VALIDATE_H
#define IFZO_CORE_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>

enum ifzo_valid {
    IFZO_VALID_OK = 0,
    IFZO_VALID_NULL,     /* NULL input */
    IFZO_VALID_LENGTH,   /* wrong number of characters */
    IFZO_VALID_FORMAT,   /* wrong characters or layout */
    IFZO_VALID_CHECKSUM, /* BSN fails the 11-proef */
    IFZO_VALID_ZERO,     /* all zeros (BSN 000000000, AGB type 00) */
    IFZO_VALID_UTF8,     /* not valid UTF-8 */
    IFZO_VALID_CONTROL,  /* contains a control character (or NUL) */
    IFZO_VALID_TOO_LONG, /* more characters than allowed */
    IFZO_VALID_EMPTY     /* empty (or only white space) where a value is required */
};

/* Short Dutch text for the user, for the "message" of an API error (e.g. "onjuiste lengte").
 * Static storage, never NULL. */
const char *ifzo_valid_message(enum ifzo_valid v);

/*
 * BSN (burgerservicenummer). Accepts exactly 9 ASCII digits that pass the 11-proef
 * (9*d1 + 8*d2 + … + 2*d8 - 1*d9 ≡ 0 mod 11) and are not 000000000. An 8-digit number is
 * NOT accepted here: the canonical form always has 9 digits (the standard prefixes a 0);
 * use ifzo_bsn_normalize() for input that may have lost its leading zero.
 */
enum ifzo_valid ifzo_bsn_check(const char *s);

#define IFZO_BSN_BUFSIZE 10 /* 9 digits + NUL */

/*
 * Accepts 8 or 9 ASCII digits; an 8-digit number gets a leading 0. Writes the canonical
 * 9-digit form to out (IFZO_BSN_BUFSIZE bytes, caller-owned) only if the result passes
 * ifzo_bsn_check().
 */
enum ifzo_valid ifzo_bsn_normalize(const char *s, char out[IFZO_BSN_BUFSIZE]);

/*
 * AGB code (Vektis). Exactly 8 ASCII digits; the first two are the zorgverlenerssoort (type),
 * which may not be 00. The AGB register has no public check digit, so this is a format check
 * only: a well-formed code may still not exist. *type (may be NULL) receives 1 … 99.
 */
enum ifzo_valid ifzo_agb_check(const char *s, int *type);

#define IFZO_POSTCODE_BUFSIZE 7 /* "1234AB" + NUL */

/*
 * Dutch postcode: four digits, the first not 0, then two letters, with or without one space
 * between ("1234AB", "1234 AB"); letters in either case. The letter pairs SA, SD and SS are
 * never issued by PostNL and are rejected. No leading or trailing white space.
 * On success writes the normalised form "1234AB" (upper case, no space) to out (may be NULL;
 * IFZO_POSTCODE_BUFSIZE bytes, caller-owned) and the numeric part to *pc4 (may be NULL).
 */
enum ifzo_valid ifzo_postcode_check(const char *s, char out[IFZO_POSTCODE_BUFSIZE], int *pc4);

/* Only the numeric part: exactly four ASCII digits, 1000 … 9999. *pc4 may be NULL. */
enum ifzo_valid ifzo_pc4_check(const char *s, int *pc4);

/* Flags for ifzo_utf8_check(). */
#define IFZO_UTF8_MULTILINE 0x1u /* allow TAB, LF and CR (free-text fields) */
#define IFZO_UTF8_REQUIRED  0x2u /* reject "" and strings of only white space */

/*
 * Bounded text check for every input string: s[0 … len-1] must be valid UTF-8 (no overlong
 * forms, no surrogates, nothing above U+10FFFF), contain no control character (U+0000-U+001F,
 * U+007F-U+009F; TAB/LF/CR only with IFZO_UTF8_MULTILINE) and at most max_chars code points.
 * s need not be NUL-terminated; an embedded NUL is a control character. *chars (may be NULL)
 * receives the number of code points on success.
 */
enum ifzo_valid ifzo_utf8_check(const char *s, size_t len, size_t max_chars, unsigned flags,
                                size_t *chars);

/* ifzo_utf8_check() on a NUL-terminated string. */
enum ifzo_valid ifzo_utf8_check_str(const char *s, size_t max_chars, unsigned flags);

#endif
