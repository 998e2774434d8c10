/*
 * validate.c: format checks for BSN, AGB code, postcode and bounded UTF-8 text.
 *
 * Why this exists: one implementation of the input rules for every entry point (see
 * validate.h). Also compiled into the host tool tools/gen_geo so that the geography data are
 * checked by the same UTF-8 rule as API input; therefore it depends on nothing generated.
 */
#include "core/validate.h"

#include <string.h>

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!is_digit(s[i])) {
            return false;
        }
    }
    return true;
}

/* Length of s, but stop counting at limit + 1: inputs may be long and hostile. */
static size_t bounded_len(const char *s, size_t limit)
{
    size_t n = 0;
    while (n <= limit && s[n] != '\0') {
        n++;
    }
    return n;
}

const char *ifzo_valid_message(enum ifzo_valid v)
{
    switch (v) {
    case IFZO_VALID_OK:
        return "geldig";
    case IFZO_VALID_NULL:
        return "waarde ontbreekt";
    case IFZO_VALID_LENGTH:
        return "onjuiste lengte";
    case IFZO_VALID_FORMAT:
        return "onjuist formaat";
    case IFZO_VALID_CHECKSUM:
        return "voldoet niet aan de elfproef";
    case IFZO_VALID_ZERO:
        return "alleen nullen is geen geldig nummer";
    case IFZO_VALID_UTF8:
        return "geen geldige UTF-8-tekst";
    case IFZO_VALID_CONTROL:
        return "bevat een stuurteken";
    case IFZO_VALID_TOO_LONG:
        return "te lang";
    case IFZO_VALID_EMPTY:
        return "mag niet leeg zijn";
    }
    return "onbekende fout";
}

enum ifzo_valid ifzo_bsn_check(const char *s)
{
    if (s == NULL) {
        return IFZO_VALID_NULL;
    }
    if (bounded_len(s, 9) != 9) {
        return IFZO_VALID_LENGTH;
    }
    if (!all_digits(s, 9)) {
        return IFZO_VALID_FORMAT;
    }
    int sum = 0;
    bool zero = true;
    for (int i = 0; i < 9; i++) {
        int d = s[i] - '0';
        if (d != 0) {
            zero = false;
        }
        sum += (i < 8) ? (9 - i) * d : -d;
    }
    if (zero) {
        return IFZO_VALID_ZERO;
    }
    /* sum lies in -9 … 396; C's % keeps the sign, so test for 0 directly. */
    if (sum % 11 != 0) {
        return IFZO_VALID_CHECKSUM;
    }
    return IFZO_VALID_OK;
}

enum ifzo_valid ifzo_bsn_normalize(const char *s, char out[IFZO_BSN_BUFSIZE])
{
    if (s == NULL || out == NULL) {
        return IFZO_VALID_NULL;
    }
    size_t n = bounded_len(s, 9);
    if (n != 8 && n != 9) {
        return IFZO_VALID_LENGTH;
    }
    if (!all_digits(s, n)) {
        return IFZO_VALID_FORMAT;
    }
    char buf[IFZO_BSN_BUFSIZE];
    size_t pad = 9 - n;
    memset(buf, '0', pad);
    memcpy(buf + pad, s, n);
    buf[9] = '\0';
    enum ifzo_valid v = ifzo_bsn_check(buf);
    if (v == IFZO_VALID_OK) {
        memcpy(out, buf, sizeof buf);
    }
    return v;
}

enum ifzo_valid ifzo_agb_check(const char *s, int *type)
{
    if (s == NULL) {
        return IFZO_VALID_NULL;
    }
    if (bounded_len(s, 8) != 8) {
        return IFZO_VALID_LENGTH;
    }
    if (!all_digits(s, 8)) {
        return IFZO_VALID_FORMAT;
    }
    int t = (s[0] - '0') * 10 + (s[1] - '0');
    if (t == 0) {
        return IFZO_VALID_ZERO;
    }
    if (type != NULL) {
        *type = t;
    }
    return IFZO_VALID_OK;
}

static int pc4_value(const char *s)
{
    return (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
}

enum ifzo_valid ifzo_pc4_check(const char *s, int *pc4)
{
    if (s == NULL) {
        return IFZO_VALID_NULL;
    }
    if (bounded_len(s, 4) != 4) {
        return IFZO_VALID_LENGTH;
    }
    if (!all_digits(s, 4) || s[0] == '0') {
        return IFZO_VALID_FORMAT;
    }
    if (pc4 != NULL) {
        *pc4 = pc4_value(s);
    }
    return IFZO_VALID_OK;
}

static char upper_letter(char c)
{
    if (c >= 'a' && c <= 'z') {
        return (char)(c - 'a' + 'A');
    }
    if (c >= 'A' && c <= 'Z') {
        return c;
    }
    return '\0';
}

enum ifzo_valid ifzo_postcode_check(const char *s, char out[IFZO_POSTCODE_BUFSIZE], int *pc4)
{
    if (s == NULL) {
        return IFZO_VALID_NULL;
    }
    size_t n = bounded_len(s, 7);
    if (n != 6 && n != 7) {
        return IFZO_VALID_LENGTH;
    }
    if (!all_digits(s, 4) || s[0] == '0') {
        return IFZO_VALID_FORMAT;
    }
    const char *letters = s + 4;
    if (n == 7) {
        if (s[4] != ' ') {
            return IFZO_VALID_FORMAT;
        }
        letters = s + 5;
    }
    char l1 = upper_letter(letters[0]);
    char l2 = upper_letter(letters[1]);
    if (l1 == '\0' || l2 == '\0') {
        return IFZO_VALID_FORMAT;
    }
    if (l1 == 'S' && (l2 == 'A' || l2 == 'D' || l2 == 'S')) {
        return IFZO_VALID_FORMAT;
    }
    if (out != NULL) {
        memcpy(out, s, 4);
        out[4] = l1;
        out[5] = l2;
        out[6] = '\0';
    }
    if (pc4 != NULL) {
        *pc4 = pc4_value(s);
    }
    return IFZO_VALID_OK;
}

/*
 * Decodes one UTF-8 sequence at p[0 … avail-1]. Returns its length (1-4) and the code point,
 * or 0 when the bytes are not a valid, shortest-form encoding of a scalar value.
 */
static size_t utf8_decode(const unsigned char *p, size_t avail, unsigned long *cp)
{
    unsigned char b0 = p[0];
    if (b0 < 0x80) {
        *cp = b0;
        return 1;
    }
    size_t len;
    unsigned long min;
    unsigned long c;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        min = 0x80;
        c = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        min = 0x800;
        c = b0 & 0x0Fu;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        min = 0x10000;
        c = b0 & 0x07u;
    } else {
        return 0; /* continuation byte, C0/C1 overlong lead, or F5-FF */
    }
    if (avail < len) {
        return 0;
    }
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0u) != 0x80u) {
            return 0;
        }
        c = (c << 6) | (p[i] & 0x3Fu);
    }
    if (c < min || c > 0x10FFFFul || (c >= 0xD800ul && c <= 0xDFFFul)) {
        return 0;
    }
    *cp = c;
    return len;
}

static bool is_control(unsigned long cp)
{
    return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
}

enum ifzo_valid ifzo_utf8_check(const char *s, size_t len, size_t max_chars, unsigned flags,
                                size_t *chars)
{
    if (s == NULL) {
        return IFZO_VALID_NULL;
    }
    const unsigned char *p = (const unsigned char *)s;
    size_t count = 0;
    bool only_space = true;
    size_t i = 0;
    while (i < len) {
        unsigned long cp;
        size_t k = utf8_decode(p + i, len - i, &cp);
        if (k == 0) {
            return IFZO_VALID_UTF8;
        }
        if (is_control(cp)) {
            bool allowed =
                (flags & IFZO_UTF8_MULTILINE) && (cp == '\t' || cp == '\n' || cp == '\r');
            if (!allowed) {
                return IFZO_VALID_CONTROL;
            }
        }
        if (cp != ' ' && cp != '\t' && cp != '\n' && cp != '\r') {
            only_space = false;
        }
        count++;
        if (count > max_chars) {
            return IFZO_VALID_TOO_LONG; /* stop early: the work stays bounded by max_chars */
        }
        i += k;
    }
    if ((flags & IFZO_UTF8_REQUIRED) && only_space) {
        return IFZO_VALID_EMPTY;
    }
    if (chars != NULL) {
        *chars = count;
    }
    return IFZO_VALID_OK;
}

enum ifzo_valid ifzo_utf8_check_str(const char *s, size_t max_chars, unsigned flags)
{
    if (s == NULL) {
        return IFZO_VALID_NULL;
    }
    return ifzo_utf8_check(s, strlen(s), max_chars, flags, NULL);
}
