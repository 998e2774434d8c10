/*
 * msg_internal.h - what the files of src/msg share: the hardened parser and schema table
 * (parse.c) for the pipeline and retour builder (msg.c). Private to src/msg.
 */
#ifndef IFZO_MSG_INTERNAL_H
#define IFZO_MSG_INTERNAL_H

#include <libxml/tree.h>

#include "msg/msg.h"

/* Parses xml with every hardening of msg.h, recognises the message type from the root
 * element and validates it against that type's schema. On MSG_OK *doc is owned by the caller
 * (xmlFreeDoc) and *type is set. On MSG_REJECTED *doc is NULL, *type is what could be
 * recognised (or MSG_TYPE_UNKNOWN) and detail (required, cap > 0) holds a short reason in
 * printable ASCII. */
int msg_parse_validate(const char *xml, size_t len, xmlDocPtr *doc, msg_type *type, char *detail,
                       size_t cap);

/* Versions written in XsdVersieRetour. */
#define MSG_BASISSCHEMA_VERSIE "1.0.0"
#define MSG_BERICHT_XSD_VERSIE "1.0.0"

#endif
