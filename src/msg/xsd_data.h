/* Why this file exists: it is the seam between the schema table that tools/gen_xsd.c generates
 * (build dir: generated/xsd_gen.c, from the .xsd files in data/xsd and the code lists) and
 * src/msg/xsd.c. Only those two files include it. The data is static and immutable. */
#ifndef IFZO_MSG_XSD_DATA_H
#define IFZO_MSG_XSD_DATA_H

#include <stddef.h>

typedef struct msg_xsd_file {
    const char *name; /* file name, e.g. "fz825.xsd", "basisschema.xsd", "codelijsten.xsd" */
    const char *data; /* the bytes, NUL-terminated */
    size_t len;       /* without the NUL */
} msg_xsd_file;

extern const msg_xsd_file msg_xsd_files[];
extern const size_t msg_xsd_file_count;

#endif
