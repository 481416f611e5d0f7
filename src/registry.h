/* SPDX-License-Identifier: MIT */
/*
 * The registry: who is connected, who is logged in under which name, which
 * rooms exist and who of those online is in each.  It is memory only; the
 * store keeps what must survive a restart, and the chat core (chat.c) keeps
 * the two in step.
 *
 * Locking: one mutex guards all of it.  Under it there is only memory work:
 * look-ups, list changes, and recording events with their recipients in an
 * outbox.  No socket I/O, no SQLite, no formatting.  Lock order: the
 * registry lock may be taken with no other lock held, and while it is held
 * only a session's refcount may change (atomically); the store lock and
 * sendq locks are never taken under it.
 *
 * Membership belongs to a user, not a connection: all of a user's sessions
 * are in the same rooms.  Room members here are online users; the accounts'
 * memberships while offline live in the store.
 */
#ifndef NATTER_REGISTRY_H
#define NATTER_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include "fanout.h"
#include "natter/names.h"
#include "natter/protocol.h"

struct registry;
struct session;

/* Most rooms one user may be in at once. */
#define REGISTRY_MAX_ROOMS 100

struct registry *registry_new(void);
void registry_free(struct registry *reg);

/* Start-up: record an account name, so that no guest can take it. */
void registry_add_account(struct registry *reg, const char *name);
/* Start-up: a room that exists in the store (it lives while the server runs). */
void registry_add_room(struct registry *reg, const char *room);

/* Adds S to the connections unless MAX are connected already.  Returns the
 * number connected now, or 0 if full. */
size_t registry_connect(struct registry *reg, struct session *s, size_t max);
/* Removes S, logged out already, from the connections.  Returns the number
 * still connected. */
size_t registry_disconnect(struct registry *reg, struct session *s);
/* A new array (*OUT, to free) of references to every connection, for waking
 * them all at shutdown.  Returns its length. */
size_t registry_connections(struct registry *reg, struct session ***out);
/* Waits until no connection is left or TIMEOUT_MS passed; true if none is. */
bool registry_wait_empty(struct registry *reg, int timeout_ms);

/* Reserves NAME for an account being registered.  E_NAME_TAKEN if it is an
 * account or someone online has it. */
enum natter_err registry_reserve_account(struct registry *reg, const char *name);
/* Undoes a reservation whose account could not be stored. */
void registry_release_account(struct registry *reg, const char *name);

/* Logs S in as NAME: an ACCOUNT with the stored ROOMS (in join order), or a
 * guest.  The user is put in #lobby and those rooms; the first session of a
 * user makes it ONLINE and its JOINs go to the rooms' members, a later
 * session gets the JOIN lines of the user's rooms alone.  Guests get
 * E_NAME_TAKEN for an account name or a name online.  Sets s->name. */
enum natter_err registry_login(struct registry *reg, struct session *s, const char *name,
                               bool account, char (*rooms)[NAME_BUF], size_t nrooms,
                               struct outbox *ob);
/* Logs S out (if it is logged in): with TELL_SELF, S gets LEAVE for each of
 * its rooms; if it was the user's last session, the rooms' members get LEAVE
 * and everyone OFFLINE. */
void registry_logout(struct registry *reg, struct session *s, bool tell_self, struct outbox *ob);

/* Puts S's user in ROOM (created if needed; STORED if it has a store row).
 * *MEMBERS is the number online in it after, DISPLAY its name as written.
 * *JOINED is false if the user was in it already (nothing changes then). */
enum natter_err registry_join(struct registry *reg, struct session *s, const char *room,
                              bool stored, size_t *members, bool *joined,
                              char display[NAME_BUF], struct outbox *ob);
/* Whether S's user may join ROOM: E_TOO_MANY_ROOMS or E_NONE; *MEMBER tells
 * whether the user is in it already. */
enum natter_err registry_can_join(struct registry *reg, struct session *s, const char *room,
                                  bool *member);
/* Takes S's user out of ROOM (DISPLAY: its name as written).
 * E_NO_SUCH_ROOM, E_NOT_IN_ROOM or E_NONE; with CHECK_ONLY nothing changes. */
enum natter_err registry_leave(struct registry *reg, struct session *s, const char *room,
                               bool check_only, char display[NAME_BUF], struct outbox *ob);

/* Records a room message from S: every connection of every member but S.
 * DISPLAY: the room's name as written.  E_NO_SUCH_ROOM or E_NOT_IN_ROOM. */
enum natter_err registry_say(struct registry *reg, struct session *s, const char *room,
                             const char *text, char display[NAME_BUF], struct outbox *ob);
/* Records a broadcast from S to every other logged-in connection; returns
 * how many. */
size_t registry_broadcast(struct registry *reg, struct session *s, const char *text,
                          struct outbox *ob);
/* Records a direct message from S to every connection of USER; sets
 * DISPLAY to USER's name as written.  E_NO_SUCH_USER or E_SELF. */
enum natter_err registry_direct(struct registry *reg, struct session *s, const char *user,
                                const char *text, char display[NAME_BUF], struct outbox *ob);

/* CONNECT's look-up: PEER (online; its name as written into PEER_DISPLAY)
 * and the room to meet in: the peer's most recent room other than #lobby
 * (*NEW_ROOM false), or a free name "#<you>-<peer>[-N]" (*NEW_ROOM true).
 * *PEER_ACCOUNT tells whether the peer is an account.  E_NO_SUCH_USER,
 * E_SELF. */
enum natter_err registry_connect_room(struct registry *reg, struct session *s, const char *peer,
                                      char peer_display[NAME_BUF], bool *peer_account,
                                      char room[NAME_BUF], bool *new_room);
/* Puts S's user and online user PEER together in the new ROOM, then tells
 * both (and any other members) of both joins.  PEER is left out if they went
 * offline or are in too many rooms.  E_TOO_MANY_ROOMS for S. */
enum natter_err registry_join_pair(struct registry *reg, struct session *s, const char *peer,
                                   const char *room, bool stored, struct outbox *ob);
/* Tells every session of online user NAME that BY connected them in ROOM. */
void registry_tell_connected(struct registry *reg, const char *name, const char *room,
                             const char *by, struct outbox *ob);

/* A snapshot of one user for WHO. */
struct registry_user_info {
    char name[NAME_BUF];
    bool account;
    char *rooms; /* space-separated, or "" (owned) */
};
/* Snapshot of the users online (ROOM NULL) or of ROOM's online members,
 * sorted by name.  Returns the count, or -1 (E_NO_SUCH_ROOM). */
long registry_who(struct registry *reg, const char *room, struct registry_user_info **out);
void registry_who_free(struct registry_user_info *info, size_t n);

struct registry_room_info {
    char name[NAME_BUF];
    size_t members;
    char *topic; /* owned, "" if none */
};
/* Snapshot of all rooms, sorted by name. */
size_t registry_rooms(struct registry *reg, struct registry_room_info **out);
void registry_rooms_free(struct registry_room_info *info, size_t n);

#endif
