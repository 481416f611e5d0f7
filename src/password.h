/* SPDX-License-Identifier: MIT */
/*
 * Password hashing with Argon2id (libsodium's crypto_pwhash_str): the hash
 * string carries its own salt and cost, and verification is constant-time.
 * Hashing costs 64 MiB and tens of milliseconds by design, so at most
 * PASSWORD_PARALLEL hashes run at once (the rest wait) to bound memory.
 */
#ifndef NATTER_PASSWORD_H
#define NATTER_PASSWORD_H

#include <stdbool.h>
#include <stddef.h>

#include <sodium.h>

#define PASSWORD_HASH_LEN crypto_pwhash_STRBYTES
#define PASSWORD_PARALLEL 4

/* Initialises libsodium.  WEAK selects the minimum cost, for tests and
 * benchmarks only (--weak-password-hash).  Returns 0 or -1. */
int password_init(bool weak);
/* Hashes PW into OUT (PASSWORD_HASH_LEN bytes).  Returns 0, or -1 if out of
 * memory. */
int password_hash(const char *pw, char out[PASSWORD_HASH_LEN]);
/* Whether PW matches HASH.  With HASH NULL it spends the same time on a
 * dummy hash and returns false, so that unknown names and wrong passwords
 * cannot be told apart by timing. */
bool password_verify(const char *hash, const char *pw);

#endif
