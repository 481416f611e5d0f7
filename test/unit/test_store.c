/* SPDX-License-Identifier: MIT */
/*
 * Tests for store.h: opening files and ":memory:", WAL and the schema
 * version, data surviving a reopen, case-insensitive names kept as written,
 * buffer limits, membership order, odd values bound as parameters, and
 * concurrent use.  Each test gets a fresh temporary directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>
#include <sqlite3.h>
#include <unistd.h>

#include "store.h"

/* The schema version store.c writes; bump it with each migration. */
#define SCHEMA_VERSION 1

struct fixture {
    char dir[64];
    char path[96];
};

static int fixture_setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    assert_non_null(f);
    snprintf(f->dir, sizeof f->dir, "/tmp/natter-store-XXXXXX");
    assert_non_null(mkdtemp(f->dir));
    snprintf(f->path, sizeof f->path, "%s/natter.db", f->dir);
    *state = f;
    return 0;
}

static int fixture_teardown(void **state)
{
    struct fixture *f = *state;
    static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        char p[128];
        snprintf(p, sizeof p, "%s%s", f->path, suffixes[i]);
        unlink(p);
    }
    rmdir(f->dir);
    free(f);
    return 0;
}

static struct store *open_ok(const char *path)
{
    char err[256] = "";
    struct store *s = store_open(path, err, sizeof err);
    if (!s)
        fail_msg("store_open(%s): %s", path, err);
    return s;
}

/* Runs SQL on the file behind the store's back and returns its first
 * column as text, for checks the API does not expose. */
static void raw_query(const char *path, const char *sql, char *out, size_t outlen)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                     SQLITE_OK);
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        snprintf(out, outlen, "%s", (const char *)sqlite3_column_text(st, 0));
    else
        assert_int_equal(rc, SQLITE_DONE);
    assert_int_equal(sqlite3_finalize(st), SQLITE_OK);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

static void raw_exec(const char *path, const char *sql)
{
    sqlite3 *db;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_close(db), SQLITE_OK);
}

/* What a store_*_each produced: one "name" or "name|topic" per row. */
struct rows {
    int n;
    char row[16][96];
};

static void rows_add(void *ctx, const char *name)
{
    struct rows *r = ctx;
    assert_true(r->n < 16);
    snprintf(r->row[r->n++], sizeof r->row[0], "%s", name);
}

static void rows_add_room(void *ctx, const char *room, const char *topic)
{
    struct rows *r = ctx;
    assert_true(r->n < 16);
    snprintf(r->row[r->n++], sizeof r->row[0], "%s|%s", room, topic);
}

static void count_row(void *ctx, const char *name)
{
    (void)name;
    (*(int *)ctx)++;
}

static struct rows memberships(struct store *s, const char *name)
{
    struct rows r = {0};
    assert_int_equal(store_membership_each(s, name, rows_add, &r), STORE_OK);
    return r;
}

static void test_open_memory(void **state)
{
    (void)state;
    struct store *s = open_ok(":memory:");
    assert_int_equal(store_account_create(s, "alice", "h"), STORE_OK);
    store_close(s);
    /* A fresh ":memory:" is a new, empty database. */
    s = open_ok(":memory:");
    int n = 0;
    assert_int_equal(store_account_each(s, count_row, &n), STORE_OK);
    assert_int_equal(n, 0);
    store_close(s);
    store_close(NULL);
}

static void test_open_file_wal_and_version(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_ok(f->path);
    char v[32] = "";
    /* WAL is a property of the file, so a second connection sees it. */
    raw_query(f->path, "PRAGMA journal_mode", v, sizeof v);
    assert_string_equal(v, "wal");
    raw_query(f->path, "PRAGMA user_version", v, sizeof v);
    assert_int_equal(atoi(v), SCHEMA_VERSION);
    raw_query(f->path, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'", v, sizeof v);
    assert_string_equal(v, "3");
    store_close(s);
}

static void test_open_bad_path(void **state)
{
    struct fixture *f = *state;
    char path[128], err[256] = "";
    snprintf(path, sizeof path, "%s/no/such/dir/natter.db", f->dir);
    assert_null(store_open(path, err, sizeof err));
    assert_non_null(strstr(err, path));
}

static void test_open_newer_schema(void **state)
{
    struct fixture *f = *state;
    raw_exec(f->path, "PRAGMA user_version = 99");
    char err[256] = "";
    assert_null(store_open(f->path, err, sizeof err));
    assert_non_null(strstr(err, "99"));
    char v[32] = "";
    raw_query(f->path, "PRAGMA user_version", v, sizeof v);
    assert_string_equal(v, "99");
}

/* A database that claims version 1 but lacks the tables makes a prepare
 * fail: store_open must free what it built (ASan checks) and say why. */
static void test_open_half_built(void **state)
{
    struct fixture *f = *state;
    raw_exec(f->path, "PRAGMA user_version = 1");
    char err[256] = "";
    assert_null(store_open(f->path, err, sizeof err));
    assert_non_null(strstr(err, "no such table"));
}

static void test_reopen_keeps_data(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_ok(f->path);
    assert_int_equal(store_account_create(s, "Alice", "hash-a"), STORE_OK);
    assert_int_equal(store_account_create(s, "Bob", "hash-b"), STORE_OK);
    assert_int_equal(store_room_ensure(s, "#Empty"), STORE_OK);
    assert_int_equal(store_membership_add(s, "alice", "#Zeta"), STORE_OK);
    assert_int_equal(store_membership_add(s, "alice", "#Alpha"), STORE_OK);
    store_close(s);

    s = open_ok(f->path);
    char display[64], hash[64];
    assert_int_equal(store_account_get(s, "BOB", display, sizeof display, hash, sizeof hash),
                     STORE_OK);
    assert_string_equal(display, "Bob");
    assert_string_equal(hash, "hash-b");
    struct rows r = {0};
    assert_int_equal(store_account_each(s, rows_add, &r), STORE_OK);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.row[0], "Alice");
    assert_string_equal(r.row[1], "Bob");
    memset(&r, 0, sizeof r);
    assert_int_equal(store_room_each(s, rows_add_room, &r), STORE_OK);
    assert_int_equal(r.n, 3);
    assert_string_equal(r.row[0], "#Empty|");
    assert_string_equal(r.row[1], "#Zeta|");
    assert_string_equal(r.row[2], "#Alpha|");
    r = memberships(s, "Alice");
    assert_int_equal(r.n, 2);
    assert_string_equal(r.row[0], "#Zeta");
    assert_string_equal(r.row[1], "#Alpha");
    /* And the order carries on past the reopen. */
    assert_int_equal(store_membership_add(s, "alice", "#Mid"), STORE_OK);
    r = memberships(s, "Alice");
    assert_int_equal(r.n, 3);
    assert_string_equal(r.row[2], "#Mid");
    store_close(s);
}

static void test_account_exists_any_case(void **state)
{
    (void)state;
    struct store *s = open_ok(":memory:");
    assert_int_equal(store_account_create(s, "Alice", "h1"), STORE_OK);
    assert_int_equal(store_account_create(s, "Alice", "h2"), STORE_EXISTS);
    assert_int_equal(store_account_create(s, "alice", "h2"), STORE_EXISTS);
    assert_int_equal(store_account_create(s, "ALICE", "h2"), STORE_EXISTS);
    char display[64], hash[64];
    assert_int_equal(store_account_get(s, "alice", display, sizeof display, hash, sizeof hash),
                     STORE_OK);
    assert_string_equal(display, "Alice");
    assert_string_equal(hash, "h1");
    store_close(s);
}

static void test_account_get(void **state)
{
    (void)state;
    struct store *s = open_ok(":memory:");
    const char *hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g";
    assert_int_equal(store_account_create(s, "MixedCase", hash), STORE_OK);

    static const char *const spellings[] = {"MixedCase", "mixedcase", "MIXEDCASE", "mIxEdCaSe"};
    for (size_t i = 0; i < sizeof spellings / sizeof spellings[0]; i++) {
        char display[64], got[128];
        assert_int_equal(
            store_account_get(s, spellings[i], display, sizeof display, got, sizeof got), STORE_OK);
        assert_string_equal(display, "MixedCase");
        assert_string_equal(got, hash);
    }

    char display[64], got[128];
    memset(display, 'x', sizeof display);
    memset(got, 'y', sizeof got);
    assert_int_equal(store_account_get(s, "nobody", display, sizeof display, got, sizeof got),
                     STORE_NOT_FOUND);
    assert_int_equal(display[0], 'x');
    assert_int_equal(got[0], 'y');

    /* Exact fit (NUL included), then one byte short, for each buffer. */
    size_t nlen = strlen("MixedCase") + 1, hlen = strlen(hash) + 1;
    assert_int_equal(store_account_get(s, "mixedcase", display, nlen, got, hlen), STORE_OK);
    assert_string_equal(display, "MixedCase");
    assert_int_equal(store_account_get(s, "mixedcase", display, nlen - 1, got, hlen), STORE_ERROR);
    assert_int_equal(store_account_get(s, "mixedcase", display, nlen, got, hlen - 1), STORE_ERROR);
    assert_int_equal(store_account_get(s, "mixedcase", display, 0, got, 0), STORE_ERROR);
    store_close(s);
}

static void test_each_zero_rows(void **state)
{
    (void)state;
    struct store *s = open_ok(":memory:");
    struct rows r = {0};
    assert_int_equal(store_account_each(s, rows_add, &r), STORE_OK);
    assert_int_equal(store_room_each(s, rows_add_room, &r), STORE_OK);
    assert_int_equal(store_membership_each(s, "nobody", rows_add, &r), STORE_OK);
    assert_int_equal(store_account_create(s, "loner", "h"), STORE_OK);
    assert_int_equal(store_membership_each(s, "loner", rows_add, &r), STORE_OK);
    assert_int_equal(r.n, 0);
    store_close(s);
}

static void test_room_ensure(void **state)
{
    (void)state;
    struct store *s = open_ok(":memory:");
    assert_int_equal(store_room_ensure(s, "#General"), STORE_OK);
    assert_int_equal(store_room_ensure(s, "#General"), STORE_OK);
    assert_int_equal(store_room_ensure(s, "#general"), STORE_OK);
    assert_int_equal(store_room_ensure(s, "#GENERAL"), STORE_OK);
    assert_int_equal(store_room_ensure(s, "#other"), STORE_OK);
    struct rows r = {0};
    assert_int_equal(store_room_each(s, rows_add_room, &r), STORE_OK);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.row[0], "#General|");
    assert_string_equal(r.row[1], "#other|");
    /* A membership in another case names the same room. */
    assert_int_equal(store_account_create(s, "a", "h"), STORE_OK);
    assert_int_equal(store_membership_add(s, "a", "#gEnErAl"), STORE_OK);
    r = memberships(s, "a");
    assert_int_equal(r.n, 1);
    assert_string_equal(r.row[0], "#General");
    store_close(s);
}

static void test_membership_order(void **state)
{
    (void)state;
    struct store *s = open_ok(":memory:");
    assert_int_equal(store_account_create(s, "alice", "h"), STORE_OK);
    assert_int_equal(store_account_create(s, "bob", "h"), STORE_OK);
    /* Created in one order, joined in another: the join order wins.  Bob's
     * joins interleave and must not disturb Alice's. */
    assert_int_equal(store_room_ensure(s, "#c"), STORE_OK);
    assert_int_equal(store_room_ensure(s, "#b"), STORE_OK);
    assert_int_equal(store_membership_add(s, "alice", "#a"), STORE_OK);
    assert_int_equal(store_membership_add(s, "bob", "#c"), STORE_OK);
    assert_int_equal(store_membership_add(s, "alice", "#b"), STORE_OK);
    assert_int_equal(store_membership_add(s, "bob", "#a"), STORE_OK);
    assert_int_equal(store_membership_add(s, "alice", "#c"), STORE_OK);

    struct rows r = memberships(s, "alice");
    assert_int_equal(r.n, 3);
    assert_string_equal(r.row[0], "#a");
    assert_string_equal(r.row[1], "#b");
    assert_string_equal(r.row[2], "#c");
    r = memberships(s, "BOB");
    assert_int_equal(r.n, 2);
    assert_string_equal(r.row[0], "#c");
    assert_string_equal(r.row[1], "#a");

    assert_int_equal(store_membership_remove(s, "alice", "#B"), STORE_OK);
    r = memberships(s, "alice");
    assert_int_equal(r.n, 2);
    assert_string_equal(r.row[0], "#a");
    assert_string_equal(r.row[1], "#c");

    /* Re-adding keeps the old place; a removed one comes back last. */
    assert_int_equal(store_membership_add(s, "alice", "#a"), STORE_OK);
    assert_int_equal(store_membership_add(s, "ALICE", "#A"), STORE_OK);
    r = memberships(s, "alice");
    assert_int_equal(r.n, 2);
    assert_string_equal(r.row[0], "#a");
    assert_string_equal(r.row[1], "#c");
    assert_int_equal(store_membership_add(s, "alice", "#b"), STORE_OK);
    r = memberships(s, "alice");
    assert_int_equal(r.n, 3);
    assert_string_equal(r.row[2], "#b");

    /* Removing the last-joined room and joining anew still sorts last. */
    assert_int_equal(store_membership_remove(s, "alice", "#b"), STORE_OK);
    assert_int_equal(store_membership_add(s, "alice", "#d"), STORE_OK);
    r = memberships(s, "alice");
    assert_int_equal(r.n, 3);
    assert_string_equal(r.row[2], "#d");
    store_close(s);
}

static void test_membership_not_found(void **state)
{
    (void)state;
    struct store *s = open_ok(":memory:");
    /* An unknown account creates no room either. */
    assert_int_equal(store_membership_add(s, "nobody", "#room"), STORE_NOT_FOUND);
    struct rows r = {0};
    assert_int_equal(store_room_each(s, rows_add_room, &r), STORE_OK);
    assert_int_equal(r.n, 0);

    assert_int_equal(store_account_create(s, "alice", "h"), STORE_OK);
    assert_int_equal(store_room_ensure(s, "#room"), STORE_OK);
    assert_int_equal(store_membership_remove(s, "alice", "#room"), STORE_NOT_FOUND);
    assert_int_equal(store_membership_remove(s, "alice", "#nowhere"), STORE_NOT_FOUND);
    assert_int_equal(store_membership_remove(s, "nobody", "#room"), STORE_NOT_FOUND);
    assert_int_equal(store_membership_add(s, "alice", "#room"), STORE_OK);
    assert_int_equal(store_membership_remove(s, "alice", "#room"), STORE_OK);
    assert_int_equal(store_membership_remove(s, "alice", "#room"), STORE_NOT_FOUND);
    int n = 0;
    assert_int_equal(store_membership_each(s, "alice", count_row, &n), STORE_OK);
    assert_int_equal(n, 0);
    store_close(s);
}

/* Not valid names for the server, but the store binds whatever it is given. */
static void test_quotes_and_unicode(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_ok(f->path);
    const char *hash = "x'); DROP TABLE accounts; --\"";
    const char *room = "#caf\xc3\xa9 'l\"or";
    assert_int_equal(store_account_create(s, "O'Brien", hash), STORE_OK);
    assert_int_equal(store_account_create(s, "o'brien", "h"), STORE_EXISTS);
    assert_int_equal(store_account_create(s, "Zo\xc3\xab", "h-zoe"), STORE_OK);
    assert_int_equal(store_membership_add(s, "O'BRIEN", room), STORE_OK);
    assert_int_equal(store_membership_add(s, "O'BRIEN", "#\xe2\x98\x83"), STORE_OK);
    store_close(s);

    s = open_ok(f->path);
    char display[64], got[64];
    assert_int_equal(store_account_get(s, "o'brien", display, sizeof display, got, sizeof got),
                     STORE_OK);
    assert_string_equal(display, "O'Brien");
    assert_string_equal(got, hash);
    /* Folding is ASCII only: "Z" and "O" fold, the UTF-8 bytes of the
     * diaeresis must match exactly. */
    assert_int_equal(store_account_get(s, "zO\xc3\xab", display, sizeof display, got, sizeof got),
                     STORE_OK);
    assert_string_equal(display, "Zo\xc3\xab");
    assert_string_equal(got, "h-zoe");
    assert_int_equal(store_account_get(s, "ZO\xc3\x8b", display, sizeof display, got, sizeof got),
                     STORE_NOT_FOUND);
    struct rows r = memberships(s, "o'brien");
    assert_int_equal(r.n, 2);
    assert_string_equal(r.row[0], room);
    assert_string_equal(r.row[1], "#\xe2\x98\x83");
    assert_int_equal(store_membership_remove(s, "o'brien", "#CAF\xc3\xa9 'L\"OR"), STORE_OK);
    int n = 0;
    assert_int_equal(store_account_each(s, count_row, &n), STORE_OK);
    assert_int_equal(n, 2);
    store_close(s);
}

/* Longer than any name the server accepts: nothing to find, nothing made. */
static void test_overlong_names(void **state)
{
    (void)state;
    struct store *s = open_ok(":memory:");
    char lng[200];
    memset(lng, 'n', sizeof lng - 1);
    lng[sizeof lng - 1] = '\0';
    char display[64], hash[64];
    assert_int_equal(store_account_create(s, lng, "h"), STORE_ERROR);
    assert_int_equal(store_account_get(s, lng, display, sizeof display, hash, sizeof hash),
                     STORE_NOT_FOUND);
    lng[0] = '#';
    assert_int_equal(store_room_ensure(s, lng), STORE_ERROR);
    assert_int_equal(store_account_create(s, "a", "h"), STORE_OK);
    assert_int_equal(store_membership_add(s, "a", lng), STORE_ERROR);
    assert_int_equal(store_membership_remove(s, "a", lng), STORE_NOT_FOUND);
    store_close(s);
}

#define THREADS 4
#define PER_THREAD 200

struct worker {
    struct store *store;
    int id;
    int errors;
};

static void *worker_run(void *arg)
{
    struct worker *w = arg;
    for (int i = 0; i < PER_THREAD; i++) {
        char name[32], room[32];
        snprintf(name, sizeof name, "t%d-user%d", w->id, i);
        snprintf(room, sizeof room, "#room%d", i % 10);
        if (store_account_create(w->store, name, "hash") != STORE_OK)
            w->errors++;
        if (store_membership_add(w->store, name, room) != STORE_OK)
            w->errors++;
        if (store_membership_add(w->store, name, "#lobby") != STORE_OK)
            w->errors++;
        char display[32], hash[32];
        if (store_account_get(w->store, name, display, sizeof display, hash, sizeof hash) !=
                STORE_OK ||
            strcmp(display, name) != 0)
            w->errors++;
    }
    return NULL;
}

static void test_concurrent(void **state)
{
    struct fixture *f = *state;
    struct store *s = open_ok(f->path);
    pthread_t threads[THREADS];
    struct worker workers[THREADS];
    for (int i = 0; i < THREADS; i++) {
        workers[i] = (struct worker){.store = s, .id = i};
        assert_int_equal(pthread_create(&threads[i], NULL, worker_run, &workers[i]), 0);
    }
    for (int i = 0; i < THREADS; i++) {
        assert_int_equal(pthread_join(threads[i], NULL), 0);
        assert_int_equal(workers[i].errors, 0);
    }
    int n = 0;
    assert_int_equal(store_account_each(s, count_row, &n), STORE_OK);
    assert_int_equal(n, THREADS * PER_THREAD);
    struct rows r = memberships(s, "t3-user17");
    assert_int_equal(r.n, 2);
    assert_string_equal(r.row[0], "#room7");
    assert_string_equal(r.row[1], "#lobby");
    store_close(s);

    char v[32] = "";
    raw_query(f->path, "SELECT count(*) FROM memberships", v, sizeof v);
    assert_int_equal(atoi(v), 2 * THREADS * PER_THREAD);
    raw_query(f->path, "SELECT count(*) FROM rooms", v, sizeof v);
    assert_string_equal(v, "11");
}

#define FIXTURE_TEST(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_memory),
        FIXTURE_TEST(test_open_file_wal_and_version),
        FIXTURE_TEST(test_open_bad_path),
        FIXTURE_TEST(test_open_newer_schema),
        FIXTURE_TEST(test_open_half_built),
        FIXTURE_TEST(test_reopen_keeps_data),
        cmocka_unit_test(test_account_exists_any_case),
        cmocka_unit_test(test_account_get),
        cmocka_unit_test(test_each_zero_rows),
        cmocka_unit_test(test_room_ensure),
        cmocka_unit_test(test_membership_order),
        cmocka_unit_test(test_membership_not_found),
        FIXTURE_TEST(test_quotes_and_unicode),
        cmocka_unit_test(test_overlong_names),
        FIXTURE_TEST(test_concurrent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
