/*
 * organisation.h - what makes an organisation record acceptable.
 *
 * Why in core: the same rules hold whether an organisation is created over the API, by
 * `ifzo` commands or from demo data; the API only maps a refusal to 400.
 */
#ifndef IFZO_CORE_ORGANISATION_H
#define IFZO_CORE_ORGANISATION_H

#include <stdbool.h>

#include "core/error.h"

#define ORGANISATION_NAME_MAX 200

/* A name is 1..200 characters of valid UTF-8 without control characters, not only
 * white space; kind is a code of the code list "organisatiesoort". */
bool organisation_check(const char *name, const char *kind, core_error *err);

#endif
