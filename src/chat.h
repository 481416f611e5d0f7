/* SPDX-License-Identifier: MIT */
/*
 * The chat core: what a user can do, whatever protocol they speak.  Each
 * operation validates its input, keeps the store and the registry in step,
 * and records the events it causes in the session's outbox; the session loop
 * delivers them after the front end has queued its reply, so a client sees
 * "OK JOIN" before its own JOIN line.  Results are natter_err conditions
 * (E_NONE for success); front ends word them.
 *
 * Runs on the calling session's thread.  May block on SQLite and on
 * password hashing, never while holding the registry lock.
 */
#ifndef NATTER_CHAT_H
#define NATTER_CHAT_H

#include <stddef.h>

#include "natter/names.h"
#include "natter/protocol.h"

struct session;

enum natter_err chat_register(struct session *s, const char *name, const char *password);
enum natter_err chat_login(struct session *s, const char *name, const char *password);
enum natter_err chat_guest(struct session *s, const char *name);
void chat_logout(struct session *s);
/* Called once when S starts closing: logs it out, telling the others. */
void chat_disconnect(struct session *s);
/* Called last, when S's socket is closed: forgets the connection. */
void chat_forget(struct session *s);

/* DISPLAY receives the room's name as written; *MEMBERS the members online
 * after the join. */
enum natter_err chat_join(struct session *s, const char *room, size_t *members,
                          char display[NAME_BUF]);
enum natter_err chat_leave(struct session *s, const char *room, char display[NAME_BUF]);
enum natter_err chat_say(struct session *s, const char *room, const char *text,
                         char display[NAME_BUF]);
/* *RECIPIENTS: connections the text went to. */
enum natter_err chat_broadcast(struct session *s, const char *text, size_t *recipients);
/* DISPLAY: the recipient's name as written. */
enum natter_err chat_direct(struct session *s, const char *user, const char *text,
                            char display[NAME_BUF]);
/* ROOM: where S and USER now are together. */
enum natter_err chat_connect(struct session *s, const char *user, char room[NAME_BUF]);

struct registry_user_info;
struct registry_room_info;
/* Snapshots for WHO (everyone, or ROOM's members) and ROOMS, sorted by name;
 * free them with registry_who_free / registry_rooms_free. */
enum natter_err chat_who(struct session *s, const char *room, struct registry_user_info **out,
                         size_t *n);
void chat_rooms(struct session *s, struct registry_room_info **out, size_t *n);

#endif
