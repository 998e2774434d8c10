/*
 * totp.c - see totp.h. A thin wrapper over liboath that fixes our parameters.
 */
#include "core/totp.h"

#include <liboath/oath.h>
#include <stdlib.h>
#include <string.h>

bool totp_code(const unsigned char *secret, size_t len, int64_t now, unsigned digits, char *out)
{
    if (digits < 6 || digits > 8 || now < 0)
        return false;
    return oath_totp_generate((const char *)secret, len, (time_t)now, TOTP_STEP, 0, digits, out) ==
           OATH_OK;
}

bool totp_check(const unsigned char *secret, size_t len, int64_t now, const char *code,
                int64_t *step)
{
    if (code == NULL || strlen(code) != TOTP_DIGITS || now < TOTP_STEP)
        return false;
    for (const char *p = code; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    /* Look at the steps before, at and after now; compare every one (no early exit). */
    bool found = false;
    for (int d = -1; d <= 1; d++) {
        char want[TOTP_DIGITS + 1];
        int64_t t = now + d * TOTP_STEP;
        if (!totp_code(secret, len, t, TOTP_DIGITS, want))
            return false;
        unsigned diff = 0;
        for (int i = 0; i < TOTP_DIGITS; i++)
            diff |= (unsigned)(want[i] ^ code[i]);
        if (diff == 0 && !found) {
            found = true;
            *step = t / TOTP_STEP;
        }
    }
    return found;
}

bool totp_base32_encode(const unsigned char *secret, size_t len, char *out)
{
    char *text = NULL;
    size_t n = 0;
    if (oath_base32_encode((const char *)secret, len, &text, &n) != OATH_OK)
        return false;
    while (n > 0 && text[n - 1] == '=')
        n--;
    bool ok = n < TOTP_BASE32_MAX;
    if (ok) {
        memcpy(out, text, n);
        out[n] = '\0';
    }
    free(text);
    return ok;
}

bool totp_base32_decode(const char *text, unsigned char *out, size_t cap, size_t *len)
{
    char *raw = NULL;
    size_t n = 0;
    if (text == NULL || oath_base32_decode(text, strlen(text), &raw, &n) != OATH_OK)
        return false;
    bool ok = n <= cap;
    if (ok) {
        memcpy(out, raw, n);
        *len = n;
    }
    free(raw);
    return ok;
}
