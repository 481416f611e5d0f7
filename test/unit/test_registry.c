/* SPDX-License-Identifier: MIT */
/* The registry: names, logins, rooms, and who each event goes to. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fanout.h"
#include "registry.h"
#include "server.h"
#include "session.h"

static struct config cfg;
static struct server srv;
static struct outbox ob;

static int setup(void **state)
{
    memset(&cfg, 0, sizeof cfg);
    cfg.max_line = 4096;
    cfg.sendq = 1 << 20;
    cfg.max_rate = 0;
    cfg.burst = 1;
    memset(&srv, 0, sizeof srv);
    srv.cfg = &cfg;
    srv.registry = registry_new();
    memset(&ob, 0, sizeof ob);
    return 0;
}

static int teardown(void **state)
{
    outbox_free(&ob);
    registry_free(srv.registry);
    return 0;
}

static struct session *conn(void)
{
    struct session *s = session_new(&srv, &natter1_frontend, -1, "test");
    assert_non_null(s);
    assert_true(registry_connect(srv.registry, s, 1000) > 0);
    return s;
}

static void drop(struct session *s)
{
    registry_logout(srv.registry, s, false, &ob);
    registry_disconnect(srv.registry, s);
    session_unref(s);
}

/* Empties the outbox without delivering it. */
static void reset_outbox(void)
{
    outbox_free(&ob);
}

/* The index of the Nth (from 0) event of KIND about ROOM (NULL: any), or -1. */
static long find_event(enum event_kind kind, const char *room, const char *user, int nth)
{
    for (size_t i = 0; i < ob.nitems; i++) {
        const struct event *ev = &ob.items[i].ev;
        if (ev->kind == kind && (!room || strcmp(ev->room, room) == 0) &&
            (!user || strcmp(ev->user, user) == 0) && nth-- == 0)
            return (long)i;
    }
    return -1;
}

static bool event_reaches(long item, const struct session *s)
{
    assert_true(item >= 0);
    const struct outbox_item *it = &ob.items[item];
    for (size_t k = 0; k < it->count; k++)
        if (ob.to[it->first + k] == s)
            return true;
    return false;
}

static size_t event_count(long item)
{
    assert_true(item >= 0);
    return ob.items[item].count;
}

static void login_guest(struct session *s, const char *name)
{
    assert_int_equal(registry_login(srv.registry, s, name, false, NULL, 0, &ob), E_NONE);
}

static void test_guest_names_are_unique_without_case(void **state)
{
    struct session *a = conn(), *b = conn();
    login_guest(a, "Alice");
    assert_string_equal(a->name, "Alice");
    assert_int_equal(registry_login(srv.registry, b, "aLiCe", false, NULL, 0, &ob), E_NAME_TAKEN);
    assert_null(b->user);
    drop(a);
    /* Released on disconnect. */
    login_guest(b, "alice");
    drop(b);
}

static void test_account_names_are_reserved(void **state)
{
    struct session *a = conn(), *g = conn();
    registry_add_account(srv.registry, "Bob");
    assert_int_equal(registry_login(srv.registry, g, "BOB", false, NULL, 0, &ob), E_NAME_TAKEN);
    assert_int_equal(registry_reserve_account(srv.registry, "bob"), E_NAME_TAKEN);
    assert_int_equal(registry_reserve_account(srv.registry, "carol"), E_NONE);
    assert_int_equal(registry_login(srv.registry, g, "Carol", false, NULL, 0, &ob), E_NAME_TAKEN);
    registry_release_account(srv.registry, "carol");
    login_guest(g, "Carol");
    /* An online guest's name cannot be registered. */
    assert_int_equal(registry_reserve_account(srv.registry, "CAROL"), E_NAME_TAKEN);
    assert_int_equal(registry_login(srv.registry, a, "Bob", true, NULL, 0, &ob), E_NONE);
    drop(a);
    drop(g);
}

static void test_login_events_reach_the_right_sessions(void **state)
{
    struct session *a = conn(), *b = conn(), *anon = conn();
    login_guest(a, "a");
    reset_outbox();
    login_guest(b, "b");
    long online = find_event(EVENT_ONLINE, NULL, "b", 0);
    assert_true(event_reaches(online, a));
    assert_false(event_reaches(online, b));
    assert_false(event_reaches(online, anon));
    long join = find_event(EVENT_JOIN, NATTER_LOBBY, "b", 0);
    assert_true(event_reaches(join, a));
    assert_true(event_reaches(join, b));
    assert_int_equal(event_count(join), 2);
    /* ONLINE comes before the JOIN lines. */
    assert_true(online < join);
    reset_outbox();
    drop(b);
    long leave = find_event(EVENT_LEAVE, NATTER_LOBBY, "b", 0);
    long offline = find_event(EVENT_OFFLINE, NULL, "b", 0);
    assert_true(event_reaches(leave, a));
    assert_true(event_reaches(offline, a));
    assert_int_equal(event_count(offline), 1);
    assert_true(leave < offline);
    drop(a);
    drop(anon);
}

static void test_second_session_of_an_account(void **state)
{
    struct session *a1 = conn(), *a2 = conn(), *b = conn();
    char rooms[2][NAME_BUF] = {"#one", "#two"};
    assert_int_equal(registry_login(srv.registry, a1, "ann", true, rooms, 2, &ob), E_NONE);
    login_guest(b, "bee");
    reset_outbox();
    assert_int_equal(registry_login(srv.registry, a2, "ANN", true, NULL, 0, &ob), E_NONE);
    assert_string_equal(a2->name, "ann");
    assert_int_equal(find_event(EVENT_ONLINE, NULL, NULL, 0), -1);
    /* The new session alone learns the user's rooms, in join order. */
    assert_int_equal(ob.nitems, 3);
    assert_string_equal(ob.items[0].ev.room, NATTER_LOBBY);
    assert_string_equal(ob.items[1].ev.room, "#one");
    assert_string_equal(ob.items[2].ev.room, "#two");
    for (size_t i = 0; i < 3; i++) {
        assert_int_equal(ob.items[i].count, 1);
        assert_true(ob.to[ob.items[i].first] == a2);
    }
    reset_outbox();
    /* A room message reaches the author's other session but not the author. */
    char display[NAME_BUF];
    assert_int_equal(registry_say(srv.registry, a1, NATTER_LOBBY, "hi", display, &ob), E_NONE);
    long msg = find_event(EVENT_ROOM_MESSAGE, NATTER_LOBBY, "ann", 0);
    assert_true(event_reaches(msg, a2));
    assert_true(event_reaches(msg, b));
    assert_false(event_reaches(msg, a1));
    reset_outbox();
    /* Logging one session out tells that session only. */
    registry_logout(srv.registry, a1, true, &ob);
    assert_int_equal(find_event(EVENT_OFFLINE, NULL, NULL, 0), -1);
    long leave = find_event(EVENT_LEAVE, "#one", "ann", 0);
    assert_int_equal(event_count(leave), 1);
    assert_true(event_reaches(leave, a1));
    reset_outbox();
    registry_logout(srv.registry, a2, true, &ob);
    assert_true(event_reaches(find_event(EVENT_OFFLINE, NULL, "ann", 0), b));
    drop(a1);
    drop(a2);
    drop(b);
}

static void test_rooms_join_leave_and_errors(void **state)
{
    struct session *a = conn(), *b = conn();
    login_guest(a, "a");
    login_guest(b, "b");
    reset_outbox();
    size_t members;
    bool joined, member;
    char display[NAME_BUF];
    assert_int_equal(registry_join(srv.registry, a, "#Rust", false, &members, &joined, display, &ob),
                     E_NONE);
    assert_true(joined);
    assert_int_equal(members, 1);
    assert_string_equal(display, "#Rust");
    assert_int_equal(registry_join(srv.registry, b, "#rust", false, &members, &joined, display, &ob),
                     E_NONE);
    assert_int_equal(members, 2);
    assert_string_equal(display, "#Rust");
    long join = find_event(EVENT_JOIN, "#Rust", "b", 0);
    assert_true(event_reaches(join, a) && event_reaches(join, b));
    /* Joining again changes nothing. */
    reset_outbox();
    assert_int_equal(registry_join(srv.registry, b, "#RUST", false, &members, &joined, display, &ob),
                     E_NONE);
    assert_false(joined);
    assert_int_equal(ob.nitems, 0);
    assert_int_equal(registry_can_join(srv.registry, b, "#rust", &member), E_NONE);
    assert_true(member);

    assert_int_equal(registry_say(srv.registry, a, "#nope", "x", display, &ob), E_NO_SUCH_ROOM);
    assert_int_equal(registry_leave(srv.registry, a, "#nope", false, display, &ob),
                     E_NO_SUCH_ROOM);
    assert_int_equal(registry_leave(srv.registry, a, "#rust", false, display, &ob), E_NONE);
    long leave = find_event(EVENT_LEAVE, "#Rust", "a", 0);
    assert_true(event_reaches(leave, a) && event_reaches(leave, b));
    assert_int_equal(registry_leave(srv.registry, a, "#rust", false, display, &ob),
                     E_NOT_IN_ROOM);
    assert_int_equal(registry_say(srv.registry, a, "#rust", "x", display, &ob), E_NOT_IN_ROOM);

    /* A guest room goes with its last member; stored ones stay. */
    registry_add_room(srv.registry, "#kept");
    assert_int_equal(registry_leave(srv.registry, b, "#rust", false, display, &ob), E_NONE);
    assert_int_equal(registry_leave(srv.registry, b, "#rust", true, display, &ob), E_NO_SUCH_ROOM);
    struct registry_room_info *rooms;
    size_t n = registry_rooms(srv.registry, &rooms);
    assert_int_equal(n, 2);
    assert_string_equal(rooms[0].name, "#kept");
    assert_string_equal(rooms[1].name, "#lobby");
    assert_int_equal(rooms[1].members, 2);
    registry_rooms_free(rooms, n);
    drop(a);
    drop(b);
}

static void test_too_many_rooms(void **state)
{
    struct session *a = conn();
    login_guest(a, "a");
    size_t members;
    bool joined, member;
    char room[NAME_BUF], display[NAME_BUF];
    /* #lobby is one of them. */
    for (int i = 1; i < REGISTRY_MAX_ROOMS; i++) {
        snprintf(room, sizeof room, "#r%d", i);
        assert_int_equal(registry_join(srv.registry, a, room, false, &members, &joined, display, &ob),
                         E_NONE);
    }
    assert_int_equal(registry_join(srv.registry, a, "#onemore", false, &members, &joined, display,
                                   &ob),
                     E_TOO_MANY_ROOMS);
    assert_int_equal(registry_can_join(srv.registry, a, "#onemore", &member), E_TOO_MANY_ROOMS);
    assert_int_equal(registry_can_join(srv.registry, a, "#r5", &member), E_NONE);
    drop(a);
}

static void test_broadcast_and_direct(void **state)
{
    struct session *a = conn(), *b1 = conn(), *b2 = conn(), *anon = conn();
    login_guest(a, "a");
    assert_int_equal(registry_login(srv.registry, b1, "B", true, NULL, 0, &ob), E_NONE);
    assert_int_equal(registry_login(srv.registry, b2, "b", true, NULL, 0, &ob), E_NONE);
    reset_outbox();
    assert_int_equal(registry_broadcast(srv.registry, a, "hello", &ob), 2);
    long all = find_event(EVENT_BROADCAST, NULL, "a", 0);
    assert_false(event_reaches(all, anon));
    assert_false(event_reaches(all, a));
    reset_outbox();
    char display[NAME_BUF];
    assert_int_equal(registry_direct(srv.registry, a, "b", "psst", display, &ob), E_NONE);
    assert_string_equal(display, "B");
    assert_int_equal(event_count(find_event(EVENT_DIRECT, NULL, "a", 0)), 2);
    assert_int_equal(registry_direct(srv.registry, a, "A", "me", display, &ob), E_SELF);
    assert_int_equal(registry_direct(srv.registry, a, "nobody", "x", display, &ob),
                     E_NO_SUCH_USER);
    drop(a);
    drop(b1);
    drop(b2);
    drop(anon);
}

static void test_connect_room_names(void **state)
{
    struct session *a = conn(), *b = conn();
    login_guest(a, "alice");
    login_guest(b, "bob");
    char peer[NAME_BUF], room[NAME_BUF], display[NAME_BUF];
    bool peer_account, new_room, joined;
    size_t members;
    assert_int_equal(registry_connect_room(srv.registry, a, "BOB", peer, &peer_account, room,
                                           &new_room),
                     E_NONE);
    assert_string_equal(peer, "bob");
    assert_true(new_room);
    assert_string_equal(room, "#alice-bob");
    /* Taken: a numbered one. */
    registry_add_room(srv.registry, "#alice-bob");
    registry_connect_room(srv.registry, a, "bob", peer, &peer_account, room, &new_room);
    assert_string_equal(room, "#alice-bob-2");
    /* The peer's latest room other than #lobby wins. */
    registry_join(srv.registry, b, "#first", false, &members, &joined, display, &ob);
    registry_join(srv.registry, b, "#second", false, &members, &joined, display, &ob);
    registry_connect_room(srv.registry, a, "bob", peer, &peer_account, room, &new_room);
    assert_false(new_room);
    assert_string_equal(room, "#second");
    assert_int_equal(registry_connect_room(srv.registry, a, "alice", peer, &peer_account, room,
                                           &new_room),
                     E_SELF);
    assert_int_equal(registry_connect_room(srv.registry, a, "carol", peer, &peer_account, room,
                                           &new_room),
                     E_NO_SUCH_USER);
    drop(a);
    drop(b);
}

static void test_connect_room_names_stay_valid_for_long_names(void **state)
{
    struct session *a = conn(), *b = conn();
    char longa[] = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"; /* 32 */
    char longb[] = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    login_guest(a, longa);
    login_guest(b, longb);
    char peer[NAME_BUF], room[NAME_BUF];
    bool peer_account, new_room;
    registry_connect_room(srv.registry, a, longb, peer, &peer_account, room, &new_room);
    assert_true(room_name_valid(room));
    for (int i = 0; i < 12; i++) {
        registry_add_room(srv.registry, room);
        registry_connect_room(srv.registry, a, longb, peer, &peer_account, room, &new_room);
        assert_true(room_name_valid(room));
    }
    assert_true(strstr(room, "-13") != NULL);
    drop(a);
    drop(b);
}

static void test_who_is_sorted_and_lists_rooms(void **state)
{
    struct session *s[3] = {conn(), conn(), conn()};
    login_guest(s[0], "zed");
    login_guest(s[1], "Amy");
    assert_int_equal(registry_login(srv.registry, s[2], "bob", true, NULL, 0, &ob), E_NONE);
    size_t members;
    bool joined;
    char display[NAME_BUF];
    registry_join(srv.registry, s[0], "#x", false, &members, &joined, display, &ob);
    registry_join(srv.registry, s[1], "#x", false, &members, &joined, display, &ob);
    struct registry_user_info *users;
    long n = registry_who(srv.registry, NULL, &users);
    assert_int_equal(n, 3);
    assert_string_equal(users[0].name, "Amy");
    assert_string_equal(users[1].name, "bob");
    assert_true(users[1].account);
    assert_string_equal(users[2].name, "zed");
    assert_false(users[2].account);
    assert_string_equal(users[2].rooms, "#lobby #x");
    registry_who_free(users, (size_t)n);
    n = registry_who(srv.registry, "#X", &users);
    assert_int_equal(n, 2);
    assert_string_equal(users[0].name, "Amy");
    assert_string_equal(users[1].name, "zed");
    registry_who_free(users, (size_t)n);
    assert_int_equal(registry_who(srv.registry, "#none", &users), -1);
    for (int i = 0; i < 3; i++)
        drop(s[i]);
}

static void test_connection_count_and_limit(void **state)
{
    struct session *a = session_new(&srv, &natter1_frontend, -1, "t");
    struct session *b = session_new(&srv, &natter1_frontend, -1, "t");
    assert_int_equal(registry_connect(srv.registry, a, 1), 1);
    assert_int_equal(registry_connect(srv.registry, b, 1), 0);
    struct session **all;
    size_t n = registry_connections(srv.registry, &all);
    assert_int_equal(n, 1);
    assert_true(all[0] == a);
    session_unref(all[0]);
    free(all);
    assert_false(registry_wait_empty(srv.registry, 10));
    assert_int_equal(registry_disconnect(srv.registry, a), 0);
    assert_true(registry_wait_empty(srv.registry, 0));
    session_unref(a);
    session_unref(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_guest_names_are_unique_without_case, setup, teardown),
        cmocka_unit_test_setup_teardown(test_account_names_are_reserved, setup, teardown),
        cmocka_unit_test_setup_teardown(test_login_events_reach_the_right_sessions, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_second_session_of_an_account, setup, teardown),
        cmocka_unit_test_setup_teardown(test_rooms_join_leave_and_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_too_many_rooms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broadcast_and_direct, setup, teardown),
        cmocka_unit_test_setup_teardown(test_connect_room_names, setup, teardown),
        cmocka_unit_test_setup_teardown(test_connect_room_names_stay_valid_for_long_names, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_who_is_sorted_and_lists_rooms, setup, teardown),
        cmocka_unit_test_setup_teardown(test_connection_count_and_limit, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
