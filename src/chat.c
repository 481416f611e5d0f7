/* SPDX-License-Identifier: MIT */
/* The chat core's operations (see chat.h). */
#include "chat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "natter/xalloc.h"
#include "password.h"
#include "registry.h"
#include "server.h"
#include "session.h"
#include "store.h"

static bool chat_password_ok(const char *pw)
{
    size_t len = strlen(pw);
    return len >= NATTER_PASSWORD_MIN && len <= NATTER_PASSWORD_MAX;
}

enum natter_err chat_register(struct session *s, const char *name, const char *password)
{
    struct server *srv = s->server;
    if (!name_valid(name))
        return E_BAD_NAME;
    if (!chat_password_ok(password))
        return E_BAD_PASSWORD;
    enum natter_err err = registry_reserve_account(srv->registry, name);
    if (err != E_NONE)
        return err;

    char hash[PASSWORD_HASH_LEN];
    int r = STORE_ERROR;
    if (password_hash(password, hash) < 0)
        log_error("#%lu: hashing a password failed", s->id);
    else
        r = store_account_create(srv->store, name, hash);
    if (r != STORE_OK) {
        registry_release_account(srv->registry, name);
        return r == STORE_EXISTS ? E_NAME_TAKEN : E_INTERNAL;
    }
    err = registry_login(srv->registry, s, name, true, NULL, 0, &s->outbox);
    if (err == E_NONE)
        log_info("#%lu: registered %s", s->id, name);
    return err;
}

struct room_list {
    char (*v)[NAME_BUF];
    size_t n, cap;
};

static void chat_collect_room(void *ctx, const char *room)
{
    struct room_list *list = ctx;
    if (list->n == list->cap) {
        list->cap = list->cap ? list->cap * 2 : 8;
        list->v = xreallocarray(list->v, list->cap, sizeof *list->v);
    }
    snprintf(list->v[list->n++], NAME_BUF, "%s", room);
}

enum natter_err chat_login(struct session *s, const char *name, const char *password)
{
    struct server *srv = s->server;
    char display[NAME_BUF], hash[PASSWORD_HASH_LEN];
    int r = name_valid(name) ? store_account_get(srv->store, name, display, sizeof display, hash,
                                                 sizeof hash)
                             : STORE_NOT_FOUND;
    if (r == STORE_ERROR)
        return E_INTERNAL;
    /* Unknown names cost a hash too, so timing tells nothing. */
    if (!password_verify(r == STORE_OK ? hash : NULL, password)) {
        log_info("#%lu: failed login as %s", s->id, name_valid(name) ? name : "(bad name)");
        return E_LOGIN_FAILED;
    }

    struct room_list rooms = {0};
    if (store_membership_each(srv->store, display, chat_collect_room, &rooms) != STORE_OK) {
        free(rooms.v);
        return E_INTERNAL;
    }
    enum natter_err err =
        registry_login(srv->registry, s, display, true, rooms.v, rooms.n, &s->outbox);
    free(rooms.v);
    if (err == E_NONE)
        log_info("#%lu: logged in as %s", s->id, display);
    return err;
}

enum natter_err chat_guest(struct session *s, const char *name)
{
    if (!name_valid(name))
        return E_BAD_NAME;
    enum natter_err err = registry_login(s->server->registry, s, name, false, NULL, 0, &s->outbox);
    if (err == E_NONE)
        log_info("#%lu: guest %s", s->id, name);
    return err;
}

void chat_logout(struct session *s)
{
    log_info("#%lu: logged out %s", s->id, s->name);
    registry_logout(s->server->registry, s, true, &s->outbox);
}

void chat_disconnect(struct session *s)
{
    if (!s->name[0])
        return;
    log_info("#%lu: logged out %s", s->id, s->name);
    registry_logout(s->server->registry, s, false, &s->outbox);
}

void chat_forget(struct session *s)
{
    size_t left = registry_disconnect(s->server->registry, s);
    log_info("#%lu: disconnected %s (%zu connected)", s->id, s->addr, left);
}

enum natter_err chat_join(struct session *s, const char *room, size_t *members,
                          char display[NAME_BUF])
{
    struct server *srv = s->server;
    if (!room_name_valid(room))
        return E_BAD_NAME;
    bool member, joined;
    enum natter_err err = registry_can_join(srv->registry, s, room, &member);
    if (err != E_NONE)
        return err;
    /* An account's membership is stored first, so a failing database
     * leaves nothing half done.  #lobby is everyone's without a row. */
    bool stored = s->account && !member && !name_equal(room, NATTER_LOBBY);
    if (stored && store_membership_add(srv->store, s->name, room) != STORE_OK)
        return E_INTERNAL;
    return registry_join(srv->registry, s, room, stored, members, &joined, display, &s->outbox);
}

enum natter_err chat_leave(struct session *s, const char *room, char display[NAME_BUF])
{
    struct server *srv = s->server;
    if (!room_name_valid(room))
        return E_BAD_NAME;
    enum natter_err err = registry_leave(srv->registry, s, room, true, display, &s->outbox);
    if (err != E_NONE)
        return err;
    if (s->account && !name_equal(room, NATTER_LOBBY) &&
        store_membership_remove(srv->store, s->name, room) == STORE_ERROR)
        return E_INTERNAL;
    err = registry_leave(srv->registry, s, room, false, display, &s->outbox);
    /* Another connection of the same user may have left it meanwhile. */
    return err;
}

enum natter_err chat_say(struct session *s, const char *room, const char *text,
                         char display[NAME_BUF])
{
    if (!room_name_valid(room))
        return E_BAD_NAME;
    return registry_say(s->server->registry, s, room, text, display, &s->outbox);
}

enum natter_err chat_broadcast(struct session *s, const char *text, size_t *recipients)
{
    *recipients = registry_broadcast(s->server->registry, s, text, &s->outbox);
    return E_NONE;
}

enum natter_err chat_direct(struct session *s, const char *user, const char *text,
                            char display[NAME_BUF])
{
    if (!name_valid(user))
        return E_NO_SUCH_USER;
    return registry_direct(s->server->registry, s, user, text, display, &s->outbox);
}

enum natter_err chat_connect(struct session *s, const char *user, char room[NAME_BUF])
{
    struct server *srv = s->server;
    if (!name_valid(user))
        return E_NO_SUCH_USER;
    char peer[NAME_BUF];
    bool peer_account, new_room;
    enum natter_err err =
        registry_connect_room(srv->registry, s, user, peer, &peer_account, room, &new_room);
    if (err != E_NONE)
        return err;
    size_t members;
    if (new_room) {
        /* A new room is the two of them, so both see both JOIN lines. */
        if ((s->account && store_membership_add(srv->store, s->name, room) != STORE_OK) ||
            (peer_account && store_membership_add(srv->store, peer, room) != STORE_OK))
            return E_INTERNAL;
        err = registry_join_pair(srv->registry, s, peer, room, s->account || peer_account,
                                 &s->outbox);
    } else {
        err = chat_join(s, room, &members, room);
    }
    if (err != E_NONE)
        return err;
    registry_tell_connected(srv->registry, peer, room, s->name, &s->outbox);
    return E_NONE;
}

enum natter_err chat_who(struct session *s, const char *room, struct registry_user_info **out,
                         size_t *n)
{
    if (room && !room_name_valid(room))
        return E_BAD_NAME;
    long count = registry_who(s->server->registry, room, out);
    if (count < 0)
        return E_NO_SUCH_ROOM;
    *n = (size_t)count;
    return E_NONE;
}

void chat_rooms(struct session *s, struct registry_room_info **out, size_t *n)
{
    *n = registry_rooms(s->server->registry, out);
}
