/*
 * totp.h - time-based one-time passwords (RFC 6238) for the second factor.
 *
 * Why in core: it is pure computation on a secret and a moment ("now" is a parameter, like
 * every rule here), and the RFC test vectors belong in a unit test. The arithmetic is
 * liboath's (Debian liboath), not ours.
 */
#ifndef IFZO_CORE_TOTP_H
#define IFZO_CORE_TOTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define TOTP_STEP         30 /* seconds */
#define TOTP_DIGITS       6
#define TOTP_SECRET_BYTES 20 /* 160 bits, as RFC 4226 recommends */
#define TOTP_BASE32_MAX   64 /* base32 text of a secret, with NUL */

/* The code of `digits` digits (6..8) for the raw secret at unix time `now`, into
 * out[digits + 1]. Returns false on bad arguments. */
bool totp_code(const unsigned char *secret, size_t len, int64_t now, unsigned digits, char *out);

/* Checks a 6-digit code for `now`, allowing one step of clock drift either way. On a match
 * *step gets the time step the code belongs to (callers refuse a step already used, so a
 * code cannot be replayed). */
bool totp_check(const unsigned char *secret, size_t len, int64_t now, const char *code,
                int64_t *step);

/* Raw secret -> base32 without padding (what authenticator apps take), into
 * out[TOTP_BASE32_MAX]. Returns false when it does not fit. */
bool totp_base32_encode(const unsigned char *secret, size_t len, char *out);
/* Base32 -> raw secret into out[cap]; *len gets its length. false on bad input. */
bool totp_base32_decode(const char *text, unsigned char *out, size_t cap, size_t *len);

#endif
