/*
 * commands.h - the `ifzo` subcommands that live outside main.c. Each takes the arguments
 * after its own name and returns the exit status (0 ok, 1 failed, 2 bad usage).
 */
#ifndef IFZO_CLI_COMMANDS_H
#define IFZO_CLI_COMMANDS_H

int cmd_user(int argc, char **argv);  /* ifzo user add|passwd|disable */
int cmd_token(int argc, char **argv); /* ifzo token create|revoke */
int cmd_audit(int argc, char **argv); /* ifzo audit verify */

#endif
