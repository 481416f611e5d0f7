/* SPDX-License-Identifier: MIT */
/* Argon2id password hashing through libsodium (see password.h). */
#include "password.h"

#include <semaphore.h>
#include <string.h>

static unsigned long long password_ops;
static size_t password_mem;
static char password_dummy[PASSWORD_HASH_LEN];
static sem_t password_slots;

int password_init(bool weak)
{
    if (sodium_init() < 0)
        return -1;
    password_ops = weak ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    password_mem = weak ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (sem_init(&password_slots, 0, PASSWORD_PARALLEL) < 0)
        return -1;
    return password_hash("natter dummy password", password_dummy);
}

int password_hash(const char *pw, char out[PASSWORD_HASH_LEN])
{
    while (sem_wait(&password_slots) < 0)
        ; /* EINTR */
    int r = crypto_pwhash_str(out, pw, strlen(pw), password_ops, password_mem);
    sem_post(&password_slots);
    return r == 0 ? 0 : -1;
}

bool password_verify(const char *hash, const char *pw)
{
    while (sem_wait(&password_slots) < 0)
        ;
    int r = crypto_pwhash_str_verify(hash ? hash : password_dummy, pw, strlen(pw));
    sem_post(&password_slots);
    return hash && r == 0;
}
