/*
 * access.h - the rules of who is who: roles, which organisation kind a role belongs to,
 * what a username and a password must look like.
 *
 * Why in core: users are created over the API, by `ifzo user add` and by demo data; the
 * same rules must hold for all three, and they are domain rules (design.md's role table),
 * not HTTP.
 */
#ifndef IFZO_CORE_ACCESS_H
#define IFZO_CORE_ACCESS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* The roles of design.md. The values are the bits the API route table uses
 * (API_ROLE_* in src/api/router.h), so that a role converts to its bit without a table. */
typedef enum {
    ROLE_NONE = 0,
    ROLE_INDICEERDER = 1u << 1,
    ROLE_PLAATSER = 1u << 2,
    ROLE_ZORGAANBIEDER = 1u << 3,
    ROLE_FUNCTIONEEL_BEHEER = 1u << 4,
    ROLE_BELEID = 1u << 5,
} access_role;

#define ACCESS_USERNAME_MAX     64  /* bytes: [a-z0-9._@-], 3..64 */
#define ACCESS_PASSWORD_MIN     12  /* characters */
#define ACCESS_PASSWORD_MAX     200 /* bytes */
#define ACCESS_DISPLAY_NAME_MAX 200 /* characters */

/* "indiceerder" -> ROLE_INDICEERDER; ROLE_NONE for anything else (also NULL). */
access_role access_role_parse(const char *name);
/* ROLE_* -> its name; "" for ROLE_NONE or a combination. Static storage. */
const char *access_role_name(access_role role);

/* The organisation kind (code list organisatiesoort) a new user of this role may belong
 * to, per design.md: zorgaanbieder only in a zorgaanbieder, functioneel_beheer and beleid
 * only in DJI, plaatser in DJI/3RO/PMO, indiceerder in NIFP/3RO/PMO/OM/DJI. */
bool access_role_fits(const char *role, const char *org_kind, core_error *err);

/* A new user: username (lower-case letters, digits, . _ @ -; 3..64), display name (1..200
 * characters, no control characters), role. Fields are named "username", "display_name",
 * "role". */
bool access_user_check(const char *username, const char *display_name, const char *role,
                       core_error *err);

/* A new password: 12..200 characters of valid UTF-8, not equal to the username. Field
 * "password". */
bool access_password_check(const char *password, const char *username, core_error *err);

/* Is the organisation kind one whose users must use a second factor unless functioneel
 * beheer decides otherwise (DJI)? */
bool access_totp_default(const char *org_kind);

#endif
