/* SPDX-License-Identifier: MIT */
/*
 * Durable state in SQLite: accounts, rooms and the room memberships of
 * accounts.  The database runs in WAL mode; every statement is prepared once
 * at store_open and bound with parameters, never built from strings.
 *
 * Locking: a store is safe to call from any thread; one internal mutex
 * serialises use of the connection.  Callers must not hold the registry lock
 * while calling in (see docs/architecture.md for the lock order).  The
 * store_*_each functions call FN with that mutex held, so FN must not call
 * into the store; the strings FN gets are valid only during the call.
 */
#ifndef NATTER_STORE_H
#define NATTER_STORE_H

#include <stddef.h>

struct store;

enum store_result {
    STORE_OK = 0,
    STORE_EXISTS = 1,    /* a unique name is already taken */
    STORE_NOT_FOUND = 2, /* no such account, room or membership */
    STORE_ERROR = -1,    /* SQLite failed; the message was logged */
};

/* Opens (creating if needed) the database at PATH (":memory:" for tests) and
 * applies the schema.  Returns NULL with a message in ERR on failure. */
struct store *store_open(const char *path, char *err, size_t errlen);
/* Finalises statements and closes the database; STORE may be NULL. */
void store_close(struct store *store);

/* Creates an account NAME (as written; unique case-insensitively) with the
 * password hash PWHASH.  STORE_OK, STORE_EXISTS or STORE_ERROR. */
int store_account_create(struct store *store, const char *name, const char *pwhash);
/* Looks up the account NAME (any case): copies its name as written into
 * DISPLAY and its hash into PWHASH.  STORE_OK, STORE_NOT_FOUND (buffers
 * untouched), or STORE_ERROR (also if a buffer is too small). */
int store_account_get(struct store *store, const char *name, char *display, size_t displaylen,
                      char *pwhash, size_t pwhashlen);
/* Calls FN for every account name, as written.  STORE_OK or STORE_ERROR. */
int store_account_each(struct store *store, void (*fn)(void *ctx, const char *name), void *ctx);

/* Creates the room ROOM ("#name", as written) unless a room of that name in
 * any case exists.  STORE_OK (created or present) or STORE_ERROR. */
int store_room_ensure(struct store *store, const char *room);
/* Calls FN for every stored room, as written, with its topic ("" if none).
 * STORE_OK or STORE_ERROR. */
int store_room_each(struct store *store, void (*fn)(void *ctx, const char *room, const char *topic),
                    void *ctx);

/* Records that account NAME is a member of ROOM, creating the room if it
 * does not exist.  STORE_OK (also if already a member: the membership keeps
 * its place in the join order), STORE_NOT_FOUND (no such account) or
 * STORE_ERROR. */
int store_membership_add(struct store *store, const char *name, const char *room);
/* Removes the membership; STORE_OK, STORE_NOT_FOUND or STORE_ERROR. */
int store_membership_remove(struct store *store, const char *name, const char *room);
/* Calls FN for each room account NAME is a member of, in the order they
 * were joined.  STORE_OK or STORE_ERROR. */
int store_membership_each(struct store *store, const char *name,
                          void (*fn)(void *ctx, const char *room), void *ctx);

#endif
