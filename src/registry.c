/* SPDX-License-Identifier: MIT */
/*
 * The registry of connections, users and rooms (see registry.h for the
 * locking rules).  Users, rooms and account names live in tsearch trees keyed
 * by the case-folded name, which also gives WHO and ROOMS their order.
 * Every struct in a tree starts with that key, so one comparison serves all.
 */
#include "registry.h"

#include <errno.h>
#include <pthread.h>
#include <search.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "natter/xalloc.h"
#include "session.h"

struct user {
    char key[NAME_BUF]; /* first: the tree key */
    char name[NAME_BUF];
    bool account;
    struct session **sessions;
    size_t nsessions, capsessions;
    struct room **rooms; /* in the order joined */
    size_t nrooms, caprooms;
};

struct room {
    char key[NAME_BUF]; /* first: the tree key */
    char name[NAME_BUF];
    char *topic;
    bool stored; /* has a store row: lives while the server runs */
    struct user **members; /* online members, in the order joined */
    size_t nmembers, capmembers;
};

struct registry {
    pthread_mutex_t lock;
    pthread_cond_t emptied; /* signalled when the last connection goes */
    void *users, *rooms, *accounts;
    struct session *conns;
    size_t nconns;
    struct room *lobby;
};

static int registry_key_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Appends P to the pointer array *V of *N entries and capacity *CAP. */
static void ptrs_push(void ***v, size_t *n, size_t *cap, void *p)
{
    if (*n == *cap) {
        *cap = *cap ? *cap * 2 : 4;
        *v = xreallocarray(*v, *cap, sizeof **v);
    }
    (*v)[(*n)++] = p;
}

/* Removes P from V keeping the order; returns whether it was there. */
static bool ptrs_remove(void **v, size_t *n, const void *p)
{
    for (size_t i = 0; i < *n; i++) {
        if (v[i] == p) {
            memmove(&v[i], &v[i + 1], (*n - i - 1) * sizeof *v);
            (*n)--;
            return true;
        }
    }
    return false;
}

static bool ptrs_contains(void *const *v, size_t n, const void *p)
{
    for (size_t i = 0; i < n; i++)
        if (v[i] == p)
            return true;
    return false;
}

#define PTRS_PUSH(obj, field, p)                                                          \
    ptrs_push((void ***)&(obj)->field, &(obj)->n##field, &(obj)->cap##field, (p))
#define PTRS_REMOVE(obj, field, p) ptrs_remove((void **)(obj)->field, &(obj)->n##field, (p))
#define PTRS_CONTAINS(obj, field, p) ptrs_contains((void *const *)(obj)->field, (obj)->n##field, (p))

/* The entry of TREE whose key is NAME folded, or NULL. */
static void *registry_find(void *const *tree, const char *name)
{
    char key[NAME_BUF];
    if (name_fold(name, key, sizeof key) < 0)
        return NULL;
    void **node = tfind(key, tree, registry_key_cmp);
    return node ? *node : NULL;
}

static struct room *room_get(struct registry *reg, const char *name, bool stored)
{
    struct room *r = registry_find(&reg->rooms, name);
    if (r) {
        r->stored = r->stored || stored;
        return r;
    }
    r = xcalloc(1, sizeof *r);
    name_fold(name, r->key, sizeof r->key);
    snprintf(r->name, sizeof r->name, "%s", name);
    r->topic = xstrdup("");
    r->stored = stored;
    tsearch(r, &reg->rooms, registry_key_cmp);
    return r;
}

static void room_free(void *p)
{
    struct room *r = p;
    free(r->members);
    free(r->topic);
    free(r);
}

/* Rooms only guests were in go when their last member does. */
static void room_release(struct registry *reg, struct room *r)
{
    if (r->stored || r->nmembers > 0 || r == reg->lobby)
        return;
    tdelete(r, &reg->rooms, registry_key_cmp);
    room_free(r);
}

static void user_free(void *p)
{
    struct user *u = p;
    free(u->sessions);
    free(u->rooms);
    free(u);
}

/* Adds every session of every member of R but EXCEPT to the latest event. */
static void stage_room(struct outbox *ob, struct room *r, struct session *except)
{
    for (size_t i = 0; i < r->nmembers; i++) {
        struct user *m = r->members[i];
        for (size_t k = 0; k < m->nsessions; k++)
            if (m->sessions[k] != except)
                outbox_to(ob, m->sessions[k]);
    }
}

static void stage_user(struct outbox *ob, struct user *u, struct session *except)
{
    for (size_t k = 0; k < u->nsessions; k++)
        if (u->sessions[k] != except)
            outbox_to(ob, u->sessions[k]);
}

struct walk_ctx {
    struct outbox *ob;
    struct session *except_session;
    struct user *except_user;
    size_t count;
};

static void stage_everyone_visit(const void *node, VISIT which, void *closure)
{
    if (which != postorder && which != leaf)
        return;
    struct user *u = *(struct user *const *)node;
    struct walk_ctx *ctx = closure;
    if (u == ctx->except_user)
        return;
    for (size_t k = 0; k < u->nsessions; k++) {
        if (u->sessions[k] != ctx->except_session) {
            outbox_to(ctx->ob, u->sessions[k]);
            ctx->count++;
        }
    }
}

/* Adds every logged-in session but those excepted to the latest event. */
static size_t stage_everyone(struct registry *reg, struct outbox *ob, struct user *except_user,
                             struct session *except_session)
{
    struct walk_ctx ctx = {ob, except_session, except_user, 0};
    twalk_r(reg->users, stage_everyone_visit, &ctx);
    return ctx.count;
}

/* Puts U in R and tells every member's sessions, U's included. */
static void user_join_room(struct user *u, struct room *r, struct outbox *ob)
{
    PTRS_PUSH(u, rooms, r);
    PTRS_PUSH(r, members, u);
    outbox_event(ob, EVENT_JOIN, r->name, u->name, NULL);
    stage_room(ob, r, NULL);
}

/* Takes U out of R, telling every member's sessions (U's included). */
static void user_leave_room(struct registry *reg, struct user *u, struct room *r,
                            struct outbox *ob)
{
    outbox_event(ob, EVENT_LEAVE, r->name, u->name, NULL);
    stage_room(ob, r, NULL);
    PTRS_REMOVE(u, rooms, r);
    PTRS_REMOVE(r, members, u);
    room_release(reg, r);
}

struct registry *registry_new(void)
{
    struct registry *reg = xcalloc(1, sizeof *reg);
    pthread_mutex_init(&reg->lock, NULL);
    pthread_cond_init(&reg->emptied, NULL);
    reg->lobby = room_get(reg, NATTER_LOBBY, true);
    return reg;
}

void registry_free(struct registry *reg)
{
    if (!reg)
        return;
    tdestroy(reg->users, user_free);
    tdestroy(reg->rooms, room_free);
    tdestroy(reg->accounts, free);
    pthread_cond_destroy(&reg->emptied);
    pthread_mutex_destroy(&reg->lock);
    free(reg);
}

static void registry_add_account_locked(struct registry *reg, const char *name)
{
    char key[NAME_BUF];
    if (name_fold(name, key, sizeof key) < 0)
        return;
    char *copy = xstrdup(key);
    if (*(char **)tsearch(copy, &reg->accounts, registry_key_cmp) != copy)
        free(copy);
}

void registry_add_account(struct registry *reg, const char *name)
{
    pthread_mutex_lock(&reg->lock);
    registry_add_account_locked(reg, name);
    pthread_mutex_unlock(&reg->lock);
}

void registry_add_room(struct registry *reg, const char *room)
{
    pthread_mutex_lock(&reg->lock);
    room_get(reg, room, true);
    pthread_mutex_unlock(&reg->lock);
}

size_t registry_connect(struct registry *reg, struct session *s, size_t max)
{
    pthread_mutex_lock(&reg->lock);
    size_t n = 0;
    if (reg->nconns < max) {
        s->conn_prev = NULL;
        s->conn_next = reg->conns;
        if (reg->conns)
            reg->conns->conn_prev = s;
        reg->conns = s;
        n = ++reg->nconns;
    }
    pthread_mutex_unlock(&reg->lock);
    return n;
}

static void registry_logout_locked(struct registry *reg, struct session *s, bool tell_self,
                                   struct outbox *ob)
{
    struct user *u = s->user;
    if (!u)
        return;
    PTRS_REMOVE(u, sessions, s);
    s->user = NULL;
    if (tell_self) {
        for (size_t i = 0; i < u->nrooms; i++) {
            outbox_event(ob, EVENT_LEAVE, u->rooms[i]->name, u->name, NULL);
            outbox_to(ob, s);
        }
    }
    if (u->nsessions > 0)
        return;
    while (u->nrooms > 0)
        user_leave_room(reg, u, u->rooms[0], ob);
    tdelete(u, &reg->users, registry_key_cmp);
    outbox_event(ob, EVENT_OFFLINE, NULL, u->name, NULL);
    stage_everyone(reg, ob, NULL, NULL);
    user_free(u);
}

void registry_logout(struct registry *reg, struct session *s, bool tell_self, struct outbox *ob)
{
    pthread_mutex_lock(&reg->lock);
    registry_logout_locked(reg, s, tell_self, ob);
    pthread_mutex_unlock(&reg->lock);
    s->name[0] = '\0';
    s->account = false;
}

size_t registry_disconnect(struct registry *reg, struct session *s)
{
    pthread_mutex_lock(&reg->lock);
    if (s->conn_prev)
        s->conn_prev->conn_next = s->conn_next;
    else if (reg->conns == s)
        reg->conns = s->conn_next;
    if (s->conn_next)
        s->conn_next->conn_prev = s->conn_prev;
    s->conn_prev = s->conn_next = NULL;
    size_t n = --reg->nconns;
    if (n == 0)
        pthread_cond_broadcast(&reg->emptied);
    pthread_mutex_unlock(&reg->lock);
    return n;
}

size_t registry_connections(struct registry *reg, struct session ***out)
{
    pthread_mutex_lock(&reg->lock);
    struct session **v = xreallocarray(NULL, reg->nconns, sizeof *v);
    size_t n = 0;
    for (struct session *s = reg->conns; s; s = s->conn_next)
        v[n++] = session_ref(s);
    pthread_mutex_unlock(&reg->lock);
    *out = v;
    return n;
}

bool registry_wait_empty(struct registry *reg, int timeout_ms)
{
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += timeout_ms / 1000;
    deadline.tv_nsec += (long)(timeout_ms % 1000) * 1000000L;
    if (deadline.tv_nsec >= 1000000000L) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&reg->lock);
    while (reg->nconns > 0)
        if (pthread_cond_timedwait(&reg->emptied, &reg->lock, &deadline) == ETIMEDOUT)
            break;
    bool empty = reg->nconns == 0;
    pthread_mutex_unlock(&reg->lock);
    return empty;
}

enum natter_err registry_reserve_account(struct registry *reg, const char *name)
{
    enum natter_err err = E_NONE;
    pthread_mutex_lock(&reg->lock);
    if (registry_find(&reg->accounts, name) || registry_find(&reg->users, name))
        err = E_NAME_TAKEN;
    else
        registry_add_account_locked(reg, name);
    pthread_mutex_unlock(&reg->lock);
    return err;
}

void registry_release_account(struct registry *reg, const char *name)
{
    pthread_mutex_lock(&reg->lock);
    char *key = registry_find(&reg->accounts, name);
    if (key) {
        tdelete(key, &reg->accounts, registry_key_cmp);
        free(key);
    }
    pthread_mutex_unlock(&reg->lock);
}

enum natter_err registry_login(struct registry *reg, struct session *s, const char *name,
                               bool account, char (*rooms)[NAME_BUF], size_t nrooms,
                               struct outbox *ob)
{
    enum natter_err err = E_NONE;
    pthread_mutex_lock(&reg->lock);
    struct user *u = registry_find(&reg->users, name);
    if (!account && (u || registry_find(&reg->accounts, name))) {
        err = E_NAME_TAKEN;
        goto out;
    }
    if (u) {
        /* Another connection of an online account: same rooms, no news. */
        PTRS_PUSH(u, sessions, s);
        s->user = u;
        for (size_t i = 0; i < u->nrooms; i++) {
            outbox_event(ob, EVENT_JOIN, u->rooms[i]->name, u->name, NULL);
            outbox_to(ob, s);
        }
        goto out;
    }
    u = xcalloc(1, sizeof *u);
    name_fold(name, u->key, sizeof u->key);
    snprintf(u->name, sizeof u->name, "%s", name);
    u->account = account;
    PTRS_PUSH(u, sessions, s);
    s->user = u;
    outbox_event(ob, EVENT_ONLINE, NULL, u->name, NULL);
    stage_everyone(reg, ob, NULL, NULL);
    tsearch(u, &reg->users, registry_key_cmp);
    user_join_room(u, reg->lobby, ob);
    for (size_t i = 0; i < nrooms && u->nrooms < REGISTRY_MAX_ROOMS; i++) {
        struct room *r = room_get(reg, rooms[i], true);
        if (!PTRS_CONTAINS(u, rooms, r))
            user_join_room(u, r, ob);
    }
out:
    if (err == E_NONE) {
        snprintf(s->name, sizeof s->name, "%s", u->name);
        s->account = u->account;
    }
    pthread_mutex_unlock(&reg->lock);
    return err;
}

/* The join itself, for registry_join and registry_join_user. */
static enum natter_err user_join(struct registry *reg, struct user *u, const char *room,
                                 bool stored, size_t *members, bool *joined,
                                 char display[NAME_BUF], struct outbox *ob)
{
    struct room *r = registry_find(&reg->rooms, room);
    *joined = false;
    if (!r || !PTRS_CONTAINS(u, rooms, r)) {
        if (u->nrooms >= REGISTRY_MAX_ROOMS)
            return E_TOO_MANY_ROOMS;
        r = room_get(reg, room, stored);
        user_join_room(u, r, ob);
        *joined = true;
    }
    r->stored = r->stored || stored;
    *members = r->nmembers;
    snprintf(display, NAME_BUF, "%s", r->name);
    return E_NONE;
}

enum natter_err registry_join(struct registry *reg, struct session *s, const char *room,
                              bool stored, size_t *members, bool *joined,
                              char display[NAME_BUF], struct outbox *ob)
{
    pthread_mutex_lock(&reg->lock);
    enum natter_err err = s->user ? user_join(reg, s->user, room, stored, members, joined,
                                              display, ob)
                                  : E_NOT_LOGGED_IN;
    pthread_mutex_unlock(&reg->lock);
    return err;
}

enum natter_err registry_can_join(struct registry *reg, struct session *s, const char *room,
                                  bool *member)
{
    enum natter_err err = E_NONE;
    pthread_mutex_lock(&reg->lock);
    struct room *r = registry_find(&reg->rooms, room);
    *member = s->user && r && PTRS_CONTAINS(s->user, rooms, r);
    if (!s->user)
        err = E_NOT_LOGGED_IN;
    else if (!*member && s->user->nrooms >= REGISTRY_MAX_ROOMS)
        err = E_TOO_MANY_ROOMS;
    pthread_mutex_unlock(&reg->lock);
    return err;
}

enum natter_err registry_leave(struct registry *reg, struct session *s, const char *room,
                               bool check_only, char display[NAME_BUF], struct outbox *ob)
{
    enum natter_err err = E_NONE;
    pthread_mutex_lock(&reg->lock);
    struct room *r = registry_find(&reg->rooms, room);
    if (!s->user)
        err = E_NOT_LOGGED_IN;
    else if (!r)
        err = E_NO_SUCH_ROOM;
    else if (!PTRS_CONTAINS(s->user, rooms, r))
        err = E_NOT_IN_ROOM;
    else {
        snprintf(display, NAME_BUF, "%s", r->name);
        if (!check_only)
            user_leave_room(reg, s->user, r, ob);
    }
    pthread_mutex_unlock(&reg->lock);
    return err;
}

enum natter_err registry_say(struct registry *reg, struct session *s, const char *room,
                             const char *text, char display[NAME_BUF], struct outbox *ob)
{
    enum natter_err err = E_NONE;
    pthread_mutex_lock(&reg->lock);
    struct room *r = registry_find(&reg->rooms, room);
    if (!s->user)
        err = E_NOT_LOGGED_IN;
    else if (!r)
        err = E_NO_SUCH_ROOM;
    else if (!PTRS_CONTAINS(s->user, rooms, r))
        err = E_NOT_IN_ROOM;
    else {
        snprintf(display, NAME_BUF, "%s", r->name);
        outbox_event(ob, EVENT_ROOM_MESSAGE, r->name, s->user->name, text);
        stage_room(ob, r, s);
    }
    pthread_mutex_unlock(&reg->lock);
    return err;
}

size_t registry_broadcast(struct registry *reg, struct session *s, const char *text,
                          struct outbox *ob)
{
    pthread_mutex_lock(&reg->lock);
    size_t n = 0;
    if (s->user) {
        outbox_event(ob, EVENT_BROADCAST, NULL, s->user->name, text);
        n = stage_everyone(reg, ob, NULL, s);
    }
    pthread_mutex_unlock(&reg->lock);
    return n;
}

enum natter_err registry_direct(struct registry *reg, struct session *s, const char *user,
                                const char *text, char display[NAME_BUF], struct outbox *ob)
{
    enum natter_err err = E_NONE;
    pthread_mutex_lock(&reg->lock);
    struct user *to = registry_find(&reg->users, user);
    if (!s->user)
        err = E_NOT_LOGGED_IN;
    else if (!to)
        err = E_NO_SUCH_USER;
    else if (to == s->user)
        err = E_SELF;
    else {
        snprintf(display, NAME_BUF, "%s", to->name);
        outbox_event(ob, EVENT_DIRECT, NULL, s->user->name, text);
        stage_user(ob, to, NULL);
    }
    pthread_mutex_unlock(&reg->lock);
    return err;
}

/* Writes into OUT the first free room name of the form #<a>-<b>[-N]. */
static void registry_free_room_name(struct registry *reg, const char *a, const char *b,
                                    char out[NAME_BUF])
{
    char base[NAME_BUF];
    /* Both halves shortened so that '#' + a + '-' + b fits a room name. */
    snprintf(base, sizeof base, "#%.15s-%.16s", a, b);
    snprintf(out, NAME_BUF, "%s", base);
    for (unsigned n = 2; registry_find(&reg->rooms, out); n++) {
        char suffix[16];
        int len = snprintf(suffix, sizeof suffix, "-%u", n);
        snprintf(out, NAME_BUF, "%.*s%s", (int)(NATTER_NAME_MAX + 1) - len, base, suffix);
    }
}

enum natter_err registry_connect_room(struct registry *reg, struct session *s, const char *peer,
                                      char peer_display[NAME_BUF], bool *peer_account,
                                      char room[NAME_BUF], bool *new_room)
{
    enum natter_err err = E_NONE;
    pthread_mutex_lock(&reg->lock);
    struct user *p = registry_find(&reg->users, peer);
    if (!s->user)
        err = E_NOT_LOGGED_IN;
    else if (!p)
        err = E_NO_SUCH_USER;
    else if (p == s->user)
        err = E_SELF;
    if (err != E_NONE)
        goto out;
    snprintf(peer_display, NAME_BUF, "%s", p->name);
    *peer_account = p->account;
    *new_room = true;
    for (size_t i = p->nrooms; i-- > 0;) {
        if (p->rooms[i] != reg->lobby) {
            snprintf(room, NAME_BUF, "%s", p->rooms[i]->name);
            *new_room = false;
            goto out;
        }
    }
    registry_free_room_name(reg, s->user->name, p->name, room);
out:
    pthread_mutex_unlock(&reg->lock);
    return err;
}

enum natter_err registry_join_pair(struct registry *reg, struct session *s, const char *peer,
                                   const char *room, bool stored, struct outbox *ob)
{
    enum natter_err err = E_NONE;
    pthread_mutex_lock(&reg->lock);
    struct user *u[2] = {s->user, registry_find(&reg->users, peer)};
    if (!u[0]) {
        err = E_NOT_LOGGED_IN;
    } else if (u[0]->nrooms >= REGISTRY_MAX_ROOMS) {
        err = E_TOO_MANY_ROOMS;
    } else {
        struct room *r = room_get(reg, room, stored);
        bool in[2];
        for (int i = 0; i < 2; i++) {
            in[i] = u[i] && !PTRS_CONTAINS(u[i], rooms, r) && u[i]->nrooms < REGISTRY_MAX_ROOMS;
            if (in[i]) {
                PTRS_PUSH(u[i], rooms, r);
                PTRS_PUSH(r, members, u[i]);
            }
        }
        for (int i = 0; i < 2; i++) {
            if (in[i]) {
                outbox_event(ob, EVENT_JOIN, r->name, u[i]->name, NULL);
                stage_room(ob, r, NULL);
            }
        }
    }
    pthread_mutex_unlock(&reg->lock);
    return err;
}

void registry_tell_connected(struct registry *reg, const char *name, const char *room,
                             const char *by, struct outbox *ob)
{
    pthread_mutex_lock(&reg->lock);
    struct user *u = registry_find(&reg->users, name);
    if (u) {
        outbox_event(ob, EVENT_CONNECTED, room, by, NULL);
        stage_user(ob, u, NULL);
    }
    pthread_mutex_unlock(&reg->lock);
}

/* "#a #b ..." of U's rooms. */
static char *user_room_list(const struct user *u)
{
    size_t len = 1;
    for (size_t i = 0; i < u->nrooms; i++)
        len += strlen(u->rooms[i]->name) + 1;
    char *list = xmalloc(len), *p = list;
    for (size_t i = 0; i < u->nrooms; i++) {
        size_t n = strlen(u->rooms[i]->name);
        if (i > 0)
            *p++ = ' ';
        memcpy(p, u->rooms[i]->name, n);
        p += n;
    }
    *p = '\0';
    return list;
}

struct who_ctx {
    struct registry_user_info *v;
    size_t n, cap;
};

static void who_add(struct who_ctx *ctx, const struct user *u)
{
    if (ctx->n == ctx->cap) {
        ctx->cap = ctx->cap ? ctx->cap * 2 : 16;
        ctx->v = xreallocarray(ctx->v, ctx->cap, sizeof *ctx->v);
    }
    struct registry_user_info *info = &ctx->v[ctx->n++];
    memcpy(info->name, u->name, sizeof info->name);
    info->account = u->account;
    info->rooms = user_room_list(u);
}

static void who_visit(const void *node, VISIT which, void *closure)
{
    if (which == postorder || which == leaf)
        who_add(closure, *(struct user *const *)node);
}

static int who_cmp(const void *a, const void *b)
{
    const struct registry_user_info *x = a, *y = b;
    char kx[NAME_BUF], ky[NAME_BUF];
    name_fold(x->name, kx, sizeof kx);
    name_fold(y->name, ky, sizeof ky);
    return strcmp(kx, ky);
}

long registry_who(struct registry *reg, const char *room, struct registry_user_info **out)
{
    struct who_ctx ctx = {0};
    pthread_mutex_lock(&reg->lock);
    if (room) {
        struct room *r = registry_find(&reg->rooms, room);
        if (!r) {
            pthread_mutex_unlock(&reg->lock);
            *out = NULL;
            return -1;
        }
        for (size_t i = 0; i < r->nmembers; i++)
            who_add(&ctx, r->members[i]);
    } else {
        twalk_r(reg->users, who_visit, &ctx);
    }
    pthread_mutex_unlock(&reg->lock);
    if (room)
        qsort(ctx.v, ctx.n, sizeof *ctx.v, who_cmp);
    *out = ctx.v;
    return (long)ctx.n;
}

void registry_who_free(struct registry_user_info *info, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(info[i].rooms);
    free(info);
}

struct rooms_ctx {
    struct registry_room_info *v;
    size_t n, cap;
};

static void rooms_visit(const void *node, VISIT which, void *closure)
{
    if (which != postorder && which != leaf)
        return;
    const struct room *r = *(struct room *const *)node;
    struct rooms_ctx *ctx = closure;
    if (ctx->n == ctx->cap) {
        ctx->cap = ctx->cap ? ctx->cap * 2 : 16;
        ctx->v = xreallocarray(ctx->v, ctx->cap, sizeof *ctx->v);
    }
    struct registry_room_info *info = &ctx->v[ctx->n++];
    memcpy(info->name, r->name, sizeof info->name);
    info->members = r->nmembers;
    info->topic = xstrdup(r->topic);
}

size_t registry_rooms(struct registry *reg, struct registry_room_info **out)
{
    struct rooms_ctx ctx = {0};
    pthread_mutex_lock(&reg->lock);
    twalk_r(reg->rooms, rooms_visit, &ctx);
    pthread_mutex_unlock(&reg->lock);
    *out = ctx.v;
    return ctx.n;
}

void registry_rooms_free(struct registry_room_info *info, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(info[i].topic);
    free(info);
}
