/*
 * fuzz_msg_parse.c - libFuzzer target for the FZ message pipeline (issue 9).
 *
 * Why: every byte of a message comes from outside. Each input goes through msg_validate and
 * through the whole msg_process pipeline (hardened parse, XSD, technical rules, a test apply
 * callback, retour, store on an in-memory SQLite database). A finding is a crash, a sanitizer
 * report, or an oracle failure: msg_process must answer MSG_OK with a retour that itself
 * validates against the retour schemas, for every input.
 *
 * Built with clang -fsanitize=fuzzer,address by tests/fuzz/run_fuzz.cmake (CTest fuzz/msg_parse).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "msg/msg.h"

static store *db;
static msg_ctx *ctx;

static const char *accept_all(void *user, const msg_record *rec)
{
    (void)user;
    (void)rec;
    return "0200";
}

static void setup(void)
{
    char err[256];
    if (store_open("sqlite::memory:", &db, err, sizeof(err)) != STORE_OK ||
        store_migrate(db, NULL, err, sizeof(err)) != STORE_OK) {
        fprintf(stderr, "fuzz_msg_parse: store: %s\n", err);
        abort();
    }
    msg_apply table = {.fz822 = accept_all, .fz823 = accept_all, .fz825 = accept_all};
    if (msg_ctx_new(db, &table, &ctx) != MSG_OK)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (ctx == NULL)
        setup();
    msg_check check;
    int rc = msg_validate((const char *)data, size, &check);
    if (rc != MSG_OK && rc != MSG_REJECTED)
        abort();

    char *retour = NULL;
    size_t len = 0;
    rc = msg_process(ctx, (const char *)data, size, "2026-11-23", &retour, &len);
    if (rc != MSG_OK || retour == NULL)
        abort();
    msg_check rcheck;
    if (msg_validate(retour, len, &rcheck) != MSG_OK) {
        fprintf(stderr, "retour does not validate: %s\n%s\n", rcheck.detail, retour);
        abort();
    }
    if (rcheck.type != MSG_FZ820 && rcheck.type != MSG_FZ824 && rcheck.type != MSG_FZ826 &&
        rcheck.type != MSG_FZ828)
        abort();
    free(retour);
    return 0;
}
