/* Why this file exists: it is the seam between the tables that tools/gen_codelists.c
 * generates (build dir: generated/codelists_gen.c) and src/core/codelist.c. Only those two
 * files include it; everyone else uses core/codelist.h. The data is static and immutable. */
#ifndef IFZO_CORE_CODELIST_DATA_H
#define IFZO_CORE_CODELIST_DATA_H

#include "core/codelist.h"

/* All lists, in data/codelists/index.tsv order; ifzo_codelist_count elements. */
extern const codelist ifzo_codelists[];
extern const size_t ifzo_codelist_count;

#endif
