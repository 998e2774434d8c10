/*
 * access.c - see access.h.
 */
#include "core/access.h"
#include "core/codelist.h"
#include "core/validate.h"

#include <string.h>

static const struct {
    access_role role;
    const char *name;
    const char *kinds; /* space-separated organisatiesoort codes, with spaces around */
} roles[] = {
    {ROLE_INDICEERDER, "indiceerder", " nifp 3ro pmo om dji "},
    {ROLE_PLAATSER, "plaatser", " dji 3ro pmo "},
    {ROLE_ZORGAANBIEDER, "zorgaanbieder", " zorgaanbieder "},
    {ROLE_FUNCTIONEEL_BEHEER, "functioneel_beheer", " dji "},
    {ROLE_BELEID, "beleid", " dji "},
};
#define NROLES (sizeof(roles) / sizeof(roles[0]))

access_role access_role_parse(const char *name)
{
    for (size_t i = 0; name && i < NROLES; i++)
        if (strcmp(roles[i].name, name) == 0)
            return roles[i].role;
    return ROLE_NONE;
}

const char *access_role_name(access_role role)
{
    for (size_t i = 0; i < NROLES; i++)
        if (roles[i].role == role)
            return roles[i].name;
    return "";
}

bool access_role_fits(const char *role, const char *org_kind, core_error *err)
{
    for (size_t i = 0; role && i < NROLES; i++) {
        if (strcmp(roles[i].name, role) != 0)
            continue;
        char key[40];
        size_t n = org_kind ? strlen(org_kind) : 0;
        if (n == 0 || n > sizeof(key) - 3)
            break;
        key[0] = ' ';
        memcpy(key + 1, org_kind, n);
        key[n + 1] = ' ';
        key[n + 2] = '\0';
        if (strstr(roles[i].kinds, key) != NULL)
            return true;
        break;
    }
    return core_fail(err, "role_not_allowed", "role",
                     "Deze rol past niet bij de soort organisatie van de gebruiker.");
}

bool access_user_check(const char *username, const char *display_name, const char *role,
                       core_error *err)
{
    if (username == NULL)
        return core_fail(err, "required", "username", "Vul de gebruikersnaam in.");
    size_t n = strlen(username);
    bool ok = n >= 3 && n <= ACCESS_USERNAME_MAX;
    for (size_t i = 0; ok && i < n; i++) {
        char c = username[i];
        ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '@' ||
             c == '-';
    }
    if (!ok)
        return core_fail(err, "invalid_username", "username",
                         "De gebruikersnaam is 3 tot 64 tekens: kleine letters, cijfers, . _ @ -.");
    if (display_name == NULL)
        return core_fail(err, "required", "display_name", "Vul de naam van de gebruiker in.");
    if (ifzo_utf8_check_str(display_name, ACCESS_DISPLAY_NAME_MAX, IFZO_UTF8_REQUIRED) !=
        IFZO_VALID_OK)
        return core_fail(err, "invalid_display_name", "display_name",
                         "De naam moet 1 tot 200 tekens zijn, zonder stuurtekens.");
    if (role == NULL)
        return core_fail(err, "required", "role", "Kies een rol.");
    if (access_role_parse(role) == ROLE_NONE)
        return core_fail(err, "unknown_role", "role", "Onbekende rol.");
    return true;
}

bool access_password_check(const char *password, const char *username, core_error *err)
{
    if (password == NULL)
        return core_fail(err, "required", "password", "Vul het wachtwoord in.");
    if (strlen(password) > ACCESS_PASSWORD_MAX ||
        ifzo_utf8_check_str(password, ACCESS_PASSWORD_MAX, IFZO_UTF8_REQUIRED) != IFZO_VALID_OK)
        return core_fail(err, "invalid_password", "password",
                         "Het wachtwoord bevat ongeldige tekens of is te lang.");
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)password; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    if (chars < ACCESS_PASSWORD_MIN)
        return core_fail(err, "password_too_short", "password",
                         "Het wachtwoord moet minstens 12 tekens lang zijn.");
    if (username && strcmp(password, username) == 0)
        return core_fail(err, "password_is_username", "password",
                         "Het wachtwoord mag niet gelijk zijn aan de gebruikersnaam.");
    return true;
}

bool access_totp_default(const char *org_kind)
{
    return org_kind && strcmp(org_kind, "dji") == 0;
}
