/*
 * cli.h - the `ifzo` subcommands that live outside main.c (user, token, audit, import,
 * seed-demo) and the helpers they share with it. Each command returns the process exit
 * status: 0 ok, 1 failure, 2 usage error.
 */
#ifndef IFZO_CLI_CLI_H
#define IFZO_CLI_CLI_H

#include <stddef.h>

#include "core/geo.h"
#include "store/store.h"

int cmd_user(int argc, char **argv);  /* ifzo user add|passwd|disable (access.c) */
int cmd_token(int argc, char **argv); /* ifzo token create|revoke (access.c) */
int cmd_audit(int argc, char **argv); /* ifzo audit verify (access.c) */
/* `ifzo import geo FILE.csv [--db URL]` (import_geo.c). */
int cmd_import(int argc, char **argv);
/* `ifzo seed-demo [--db URL]` (seed_demo.c). */
int cmd_seed_demo(int argc, char **argv);
/* `ifzo match --indication ID [--outside-region] [--mode M] [--db URL] [--today D]` (match.c). */
int cmd_match(int argc, char **argv);
/* `ifzo msg validate|example|send` (msg.c). */
int cmd_msg(int argc, char **argv);

/* Reads a travel-model file in the format of data/geo/travel.tsv (key<TAB>value lines,
 * '#' comments; keys detour_factor, speed_kmh, fixed_min; missing keys keep the defaults)
 * and checks it with ifzo_travel_model_valid. 0, or -1 with a reason in err. */
int cli_travel_load(const char *path, struct ifzo_travel_model *out, char *err, size_t errlen);

/* Opens and migrates the database at url; prints the reason and returns -1 on failure.
 * *db is owned by the caller (store_close). */
int cli_open_db(const char *url, store **db);

#endif
