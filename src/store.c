/* SPDX-License-Identifier: MIT */
/*
 * Durable state in SQLite (see store.h).  One connection per store, opened
 * with SQLITE_OPEN_NOMUTEX: store->lock already serialises every use of the
 * connection and of its prepared statements, so SQLite's own per-call mutex
 * would only be a second lock doing the same job.
 *
 * Locking: every public function holds store->lock from start to end,
 * including while the store_*_each functions call back, so a callback must
 * not call back into the store (the error-checking mutex aborts if it does,
 * rather than deadlocking).  The strings a callback gets live in SQLite's row
 * buffer and are valid only during that call.
 *
 * Names are looked up by name_key, the name_fold of the name; the name as
 * written is kept beside it for display.  A name too long to fold cannot
 * have been stored, so lookups of one find nothing and creations fail.
 */
#include "store.h"

#include <assert.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "log.h"
#include "natter/names.h"
#include "natter/xalloc.h"

/* How long a writer waits for another process's lock before SQLITE_BUSY. */
#define STORE_BUSY_MS 5000

/*
 * Schema migrations, oldest first: entry i takes user_version i to i + 1 in
 * a transaction of its own, so a crash leaves the database at some version,
 * never between two.  Append new versions; never edit a released one, since
 * databases that ran it will not run it again.  Each script sets user_version
 * itself (a pragma cannot take a bound parameter) and store_migrate checks
 * that it did.
 */
static const char *const store_migrations[] = {
    /* 1: accounts, rooms and memberships.  seq orders an account's rooms
     * exactly as joined, where timestamps could tie; memberships_by_room
     * keeps ON DELETE CASCADE from rooms from scanning the table. */
    "CREATE TABLE accounts ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  name_key TEXT NOT NULL UNIQUE,"
    "  pwhash TEXT NOT NULL,"
    "  created_at INTEGER NOT NULL);"
    "CREATE TABLE rooms ("
    "  id INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL,"
    "  name_key TEXT NOT NULL UNIQUE,"
    "  topic TEXT NOT NULL DEFAULT '',"
    "  created_at INTEGER NOT NULL);"
    "CREATE TABLE memberships ("
    "  account_id INTEGER NOT NULL REFERENCES accounts ON DELETE CASCADE,"
    "  room_id INTEGER NOT NULL REFERENCES rooms ON DELETE CASCADE,"
    "  joined_at INTEGER NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  PRIMARY KEY (account_id, room_id));"
    "CREATE INDEX memberships_by_seq ON memberships (account_id, seq);"
    "CREATE INDEX memberships_by_room ON memberships (room_id);"
    "PRAGMA user_version = 1;",
};

#define STORE_SCHEMA_VERSION ((int)(sizeof store_migrations / sizeof store_migrations[0]))

enum store_stmt {
    STMT_BEGIN,
    STMT_COMMIT,
    STMT_ROLLBACK,
    STMT_ACCOUNT_INSERT,
    STMT_ACCOUNT_GET,
    STMT_ACCOUNT_ID,
    STMT_ACCOUNT_EACH,
    STMT_ROOM_INSERT,
    STMT_ROOM_EACH,
    STMT_MEMBERSHIP_INSERT,
    STMT_MEMBERSHIP_DELETE,
    STMT_MEMBERSHIP_EACH,
    STMT_COUNT
};

static const char *const store_sql[STMT_COUNT] = {
    /* IMMEDIATE takes the write lock up front, waiting out the busy
     * timeout; a deferred transaction that reads and then writes can instead
     * fail with SQLITE_BUSY at the write without waiting. */
    [STMT_BEGIN] = "BEGIN IMMEDIATE",
    [STMT_COMMIT] = "COMMIT",
    [STMT_ROLLBACK] = "ROLLBACK",
    [STMT_ACCOUNT_INSERT] = "INSERT INTO accounts (name, name_key, pwhash, created_at)"
                            " VALUES (?1, ?2, ?3, ?4)",
    [STMT_ACCOUNT_GET] = "SELECT name, pwhash FROM accounts WHERE name_key = ?1",
    [STMT_ACCOUNT_ID] = "SELECT id FROM accounts WHERE name_key = ?1",
    [STMT_ACCOUNT_EACH] = "SELECT name FROM accounts ORDER BY id",
    [STMT_ROOM_INSERT] = "INSERT INTO rooms (name, name_key, created_at) VALUES (?1, ?2, ?3)"
                         " ON CONFLICT (name_key) DO NOTHING",
    [STMT_ROOM_EACH] = "SELECT name, topic FROM rooms ORDER BY id",
    /* seq is one more than the account's latest, so a new membership sorts
     * last and a re-added one (DO NOTHING) keeps its place. */
    [STMT_MEMBERSHIP_INSERT] =
        "INSERT INTO memberships (account_id, room_id, joined_at, seq)"
        " SELECT ?1, id, ?3,"
        "  (SELECT coalesce(max(seq), 0) + 1 FROM memberships WHERE account_id = ?1)"
        " FROM rooms WHERE name_key = ?2"
        " ON CONFLICT (account_id, room_id) DO NOTHING",
    [STMT_MEMBERSHIP_DELETE] = "DELETE FROM memberships"
                               " WHERE account_id = (SELECT id FROM accounts WHERE name_key = ?1)"
                               " AND room_id = (SELECT id FROM rooms WHERE name_key = ?2)",
    [STMT_MEMBERSHIP_EACH] = "SELECT r.name FROM memberships m JOIN rooms r ON r.id = m.room_id"
                             " WHERE m.account_id = (SELECT id FROM accounts WHERE name_key = ?1)"
                             " ORDER BY m.seq",
};

struct store {
    pthread_mutex_t lock; /* guards db, stmt[] and the connection's error state */
    sqlite3 *db;
    sqlite3_stmt *stmt[STMT_COUNT];
};

static void store_lock(struct store *s)
{
    int e = pthread_mutex_lock(&s->lock);
    if (e != 0) {
        /* EDEADLK: a store_*_each callback called back into the store. */
        log_error("store: lock: %s", strerror(e));
        abort();
    }
}

static void store_unlock(struct store *s)
{
    int e = pthread_mutex_unlock(&s->lock);
    if (e != 0) {
        log_error("store: unlock: %s", strerror(e));
        abort();
    }
}

/* Logs the connection's last error as WHAT; caller holds the lock, so the
 * message is still the one of its own call. */
static int store_fail(struct store *s, const char *what)
{
    log_error("store: %s: %s", what, sqlite3_errmsg(s->db));
    return STORE_ERROR;
}

/* Logs an error of ours rather than SQLite's. */
static int store_fail_why(const char *what, const char *why)
{
    log_error("store: %s: %s", what, why);
    return STORE_ERROR;
}

/* Readies ST for its next use.  reset only repeats the error of the last
 * step, which the caller has already handled, and clear_bindings cannot
 * fail; clearing matters because the texts were bound SQLITE_STATIC and must
 * not stay referenced after the caller's strings are gone. */
static void store_release(sqlite3_stmt *st)
{
    (void)sqlite3_reset(st);
    (void)sqlite3_clear_bindings(st);
}

/* SQLITE_STATIC: TEXT outlives the statement's use, which ends with
 * store_release before the public function returns. */
static bool store_bind_text(sqlite3_stmt *st, int i, const char *text)
{
    return sqlite3_bind_text(st, i, text, -1, SQLITE_STATIC) == SQLITE_OK;
}

static bool store_bind_int64(sqlite3_stmt *st, int i, int64_t v)
{
    return sqlite3_bind_int64(st, i, v) == SQLITE_OK;
}

/* Runs BEGIN, COMMIT or ROLLBACK; caller holds the lock. */
static int store_tx(struct store *s, enum store_stmt which, const char *what)
{
    sqlite3_stmt *st = s->stmt[which];
    int res = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : store_fail(s, what);
    store_release(st);
    return res;
}

/* Ends a failed transaction.  Some errors (SQLITE_FULL, SQLITE_IOERR, ...)
 * have rolled it back already, and ROLLBACK would then fail in turn. */
static void store_rollback(struct store *s, const char *what)
{
    if (!sqlite3_get_autocommit(s->db))
        store_tx(s, STMT_ROLLBACK, what);
}

/* Writes "WHAT: <SQLite's message>" into ERR for store_open's caller. */
static int store_open_fail(struct store *s, char *err, size_t errlen, const char *what)
{
    snprintf(err, errlen, "%s: %s", what, sqlite3_errmsg(s->db));
    return -1;
}

/* Runs SQL, a pragma that returns one row, and copies its first column
 * into OUT (truncated if need be: pragma values are short). */
static int store_pragma_get(struct store *s, const char *sql, char *out, size_t outlen, char *err,
                            size_t errlen)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return store_open_fail(s, err, errlen, sql);
    int rc = sqlite3_step(st);
    const char *v = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
    if (!v) {
        if (rc == SQLITE_ROW || rc == SQLITE_DONE)
            snprintf(err, errlen, "%s: no result", sql);
        else
            store_open_fail(s, err, errlen, sql);
        (void)sqlite3_finalize(st); /* repeats the step's error */
        return -1;
    }
    snprintf(out, outlen, "%s", v);
    (void)sqlite3_finalize(st); /* repeats the step's SQLITE_ROW */
    return 0;
}

static int store_user_version(struct store *s, int *version, char *err, size_t errlen)
{
    char v[32];
    if (store_pragma_get(s, "PRAGMA user_version", v, sizeof v, err, errlen) < 0)
        return -1;
    *version = atoi(v);
    return 0;
}

static int store_configure(struct store *s, const char *path, char *err, size_t errlen)
{
    /* So that a step reports SQLITE_CONSTRAINT_UNIQUE, not SQLITE_CONSTRAINT. */
    if (sqlite3_extended_result_codes(s->db, 1) != SQLITE_OK)
        return store_open_fail(s, err, errlen, "extended result codes");
    /* The timeout comes first: switching to WAL needs a lock that another
     * process opening the same file may hold for a moment. */
    if (sqlite3_busy_timeout(s->db, STORE_BUSY_MS) != SQLITE_OK)
        return store_open_fail(s, err, errlen, "busy timeout");

    /* WAL lets readers run beside the writer.  An in-memory database has no
     * WAL and answers "memory"; a file that cannot switch (e.g. on some
     * network file systems) keeps its old mode, which we refuse. */
    char mode[16];
    if (store_pragma_get(s, "PRAGMA journal_mode = WAL", mode, sizeof mode, err, errlen) < 0)
        return -1;
    if (strcmp(path, ":memory:") != 0 && strcmp(mode, "wal") != 0) {
        snprintf(err, errlen, "journal_mode is %s, not wal", mode);
        return -1;
    }

    /* NORMAL under WAL cannot corrupt the database; a power cut may lose
     * the last transactions, which a chat server can afford. */
    if (sqlite3_exec(s->db, "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON", NULL, NULL,
                     NULL) != SQLITE_OK)
        return store_open_fail(s, err, errlen, "pragmas");
    /* foreign_keys is silently a no-op in builds without them. */
    char fk[8];
    if (store_pragma_get(s, "PRAGMA foreign_keys", fk, sizeof fk, err, errlen) < 0)
        return -1;
    if (strcmp(fk, "1") != 0) {
        snprintf(err, errlen, "foreign keys cannot be enabled");
        return -1;
    }
    return 0;
}

/* Applies the migrations the database lacks, one transaction each.  The
 * version is read inside the write transaction, so two processes opening a
 * new file at once do not both run the same script. */
static int store_migrate(struct store *s, char *err, size_t errlen)
{
    for (;;) {
        if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            return store_open_fail(s, err, errlen, "begin migration");
        int version;
        if (store_user_version(s, &version, err, errlen) < 0)
            goto fail;
        if (version < 0 || version > STORE_SCHEMA_VERSION) {
            snprintf(err, errlen, "database schema version %d is not one this build knows (0-%d)",
                     version, STORE_SCHEMA_VERSION);
            goto fail;
        }
        bool done = version == STORE_SCHEMA_VERSION;
        if (!done) {
            if (sqlite3_exec(s->db, store_migrations[version], NULL, NULL, NULL) != SQLITE_OK) {
                char what[48];
                snprintf(what, sizeof what, "migration to version %d", version + 1);
                store_open_fail(s, err, errlen, what);
                goto fail;
            }
            int now;
            if (store_user_version(s, &now, err, errlen) < 0)
                goto fail;
            if (now != version + 1) {
                snprintf(err, errlen, "migration to version %d left user_version at %d",
                         version + 1, now);
                goto fail;
            }
        }
        if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            store_open_fail(s, err, errlen, "commit migration");
            goto fail;
        }
        if (done)
            return 0;
    }

fail:
    /* ERR already holds the reason; a failed rollback adds nothing to it. */
    if (!sqlite3_get_autocommit(s->db))
        (void)sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    return -1;
}

static int store_prepare(struct store *s, char *err, size_t errlen)
{
    for (int i = 0; i < STMT_COUNT; i++) {
        assert(store_sql[i]);
        if (sqlite3_prepare_v3(s->db, store_sql[i], -1, SQLITE_PREPARE_PERSISTENT, &s->stmt[i],
                               NULL) != SQLITE_OK)
            return store_open_fail(s, err, errlen, "prepare");
    }
    return 0;
}

struct store *store_open(const char *path, char *err, size_t errlen)
{
    /* SQLITE_OPEN_NOMUTEX is refused by a single-threaded build. */
    if (!sqlite3_threadsafe()) {
        snprintf(err, errlen, "SQLite was built without thread support");
        return NULL;
    }

    struct store *s = xcalloc(1, sizeof *s);
    pthread_mutexattr_t attr;
    pthread_mutexattr_init(&attr);
    pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
    int e = pthread_mutex_init(&s->lock, &attr);
    pthread_mutexattr_destroy(&attr);
    if (e != 0) {
        snprintf(err, errlen, "mutex: %s", strerror(e));
        free(s);
        return NULL;
    }

    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    /* On failure the handle is usually still allocated, to carry the
     * message; store_close closes it. */
    if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "open %s: %s", path, sqlite3_errmsg(s->db));
        store_close(s);
        return NULL;
    }
    if (store_configure(s, path, err, errlen) < 0 || store_migrate(s, err, errlen) < 0 ||
        store_prepare(s, err, errlen) < 0) {
        store_close(s);
        return NULL;
    }
    return s;
}

void store_close(struct store *s)
{
    if (!s)
        return;
    /* finalize only repeats the last step's error, handled when it came;
     * finalizing NULL (never prepared) is a no-op. */
    for (int i = 0; i < STMT_COUNT; i++)
        (void)sqlite3_finalize(s->stmt[i]);
    /* Only SQLITE_BUSY is possible, and every statement was finalized. */
    if (sqlite3_close(s->db) != SQLITE_OK)
        log_error("store: close: %s", sqlite3_errmsg(s->db));
    pthread_mutex_destroy(&s->lock);
    free(s);
}

int store_account_create(struct store *s, const char *name, const char *pwhash)
{
    char key[NAME_BUF];
    if (name_fold(name, key, sizeof key) < 0)
        return store_fail_why("create account", "name too long");

    store_lock(s);
    sqlite3_stmt *st = s->stmt[STMT_ACCOUNT_INSERT];
    int res;
    if (!store_bind_text(st, 1, name) || !store_bind_text(st, 2, key) ||
        !store_bind_text(st, 3, pwhash) || !store_bind_int64(st, 4, time(NULL))) {
        res = store_fail(s, "create account");
    } else {
        int rc = sqlite3_step(st);
        if (rc == SQLITE_DONE)
            res = STORE_OK;
        else if (rc == SQLITE_CONSTRAINT_UNIQUE) /* name_key is the only UNIQUE */
            res = STORE_EXISTS;
        else
            res = store_fail(s, "create account");
    }
    store_release(st);
    store_unlock(s);
    return res;
}

int store_account_get(struct store *s, const char *name, char *display, size_t displaylen,
                      char *pwhash, size_t pwhashlen)
{
    char key[NAME_BUF];
    if (name_fold(name, key, sizeof key) < 0)
        return STORE_NOT_FOUND;

    store_lock(s);
    sqlite3_stmt *st = s->stmt[STMT_ACCOUNT_GET];
    int res;
    if (!store_bind_text(st, 1, key)) {
        res = store_fail(s, "get account");
        goto out;
    }
    int rc = sqlite3_step(st);
    if (rc == SQLITE_DONE) {
        res = STORE_NOT_FOUND;
        goto out;
    }
    if (rc != SQLITE_ROW) {
        res = store_fail(s, "get account");
        goto out;
    }
    /* Text first, then its length: the order SQLite documents. */
    const char *n = (const char *)sqlite3_column_text(st, 0);
    size_t nlen = (size_t)sqlite3_column_bytes(st, 0);
    const char *h = (const char *)sqlite3_column_text(st, 1);
    size_t hlen = (size_t)sqlite3_column_bytes(st, 1);
    if (!n || !h) {
        res = store_fail(s, "get account"); /* out of memory */
    } else if (nlen >= displaylen || hlen >= pwhashlen) {
        /* Truncating a hash would make every password fail to verify. */
        res = store_fail_why("get account", "value longer than the caller's buffer");
    } else {
        memcpy(display, n, nlen + 1);
        memcpy(pwhash, h, hlen + 1);
        res = STORE_OK;
    }
out:
    store_release(st);
    store_unlock(s);
    return res;
}

int store_account_each(struct store *s, void (*fn)(void *ctx, const char *name), void *ctx)
{
    store_lock(s);
    sqlite3_stmt *st = s->stmt[STMT_ACCOUNT_EACH];
    int res = STORE_OK;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *name = (const char *)sqlite3_column_text(st, 0);
        if (!name)
            break; /* out of memory: the column is NOT NULL */
        fn(ctx, name);
    }
    if (rc != SQLITE_DONE)
        res = store_fail(s, "list accounts");
    store_release(st);
    store_unlock(s);
    return res;
}

/* Inserts ROOM, folded to KEY, unless a room of that key exists; caller
 * holds the lock.  The one path for store_room_ensure and
 * store_membership_add. */
static int store_room_insert(struct store *s, const char *room, const char *key, const char *what)
{
    sqlite3_stmt *st = s->stmt[STMT_ROOM_INSERT];
    int res;
    if (!store_bind_text(st, 1, room) || !store_bind_text(st, 2, key) ||
        !store_bind_int64(st, 3, time(NULL)))
        res = store_fail(s, what);
    else
        res = sqlite3_step(st) == SQLITE_DONE ? STORE_OK : store_fail(s, what);
    store_release(st);
    return res;
}

int store_room_ensure(struct store *s, const char *room)
{
    char key[NAME_BUF];
    if (name_fold(room, key, sizeof key) < 0)
        return store_fail_why("ensure room", "name too long");

    store_lock(s);
    int res = store_room_insert(s, room, key, "ensure room");
    store_unlock(s);
    return res;
}

int store_room_each(struct store *s, void (*fn)(void *ctx, const char *room, const char *topic),
                    void *ctx)
{
    store_lock(s);
    sqlite3_stmt *st = s->stmt[STMT_ROOM_EACH];
    int res = STORE_OK;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *room = (const char *)sqlite3_column_text(st, 0);
        const char *topic = (const char *)sqlite3_column_text(st, 1);
        if (!room || !topic)
            break; /* out of memory: both columns are NOT NULL */
        fn(ctx, room, topic);
    }
    if (rc != SQLITE_DONE)
        res = store_fail(s, "list rooms");
    store_release(st);
    store_unlock(s);
    return res;
}

/* Looks up the id of the account folded to KEY; caller holds the lock. */
static int store_account_id(struct store *s, const char *key, int64_t *id, const char *what)
{
    sqlite3_stmt *st = s->stmt[STMT_ACCOUNT_ID];
    int res;
    if (!store_bind_text(st, 1, key)) {
        res = store_fail(s, what);
    } else {
        int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *id = sqlite3_column_int64(st, 0);
            res = STORE_OK;
        } else if (rc == SQLITE_DONE) {
            res = STORE_NOT_FOUND;
        } else {
            res = store_fail(s, what);
        }
    }
    store_release(st);
    return res;
}

int store_membership_add(struct store *s, const char *name, const char *room)
{
    static const char what[] = "add membership";
    char nkey[NAME_BUF], rkey[NAME_BUF];
    if (name_fold(name, nkey, sizeof nkey) < 0)
        return STORE_NOT_FOUND;
    if (name_fold(room, rkey, sizeof rkey) < 0)
        return store_fail_why(what, "room name too long");

    store_lock(s);
    /* One transaction, so that an unknown account or a failed insert does
     * not leave a room behind. */
    int res = store_tx(s, STMT_BEGIN, what);
    if (res != STORE_OK)
        goto out;
    int64_t account = 0;
    res = store_account_id(s, nkey, &account, what);
    if (res == STORE_OK)
        res = store_room_insert(s, room, rkey, what);
    if (res == STORE_OK) {
        sqlite3_stmt *st = s->stmt[STMT_MEMBERSHIP_INSERT];
        if (!store_bind_int64(st, 1, account) || !store_bind_text(st, 2, rkey) ||
            !store_bind_int64(st, 3, time(NULL)))
            res = store_fail(s, what);
        else if (sqlite3_step(st) != SQLITE_DONE)
            res = store_fail(s, what);
        store_release(st);
    }
    if (res == STORE_OK)
        res = store_tx(s, STMT_COMMIT, what);
    if (res != STORE_OK)
        store_rollback(s, what);
out:
    store_unlock(s);
    return res;
}

int store_membership_remove(struct store *s, const char *name, const char *room)
{
    char nkey[NAME_BUF], rkey[NAME_BUF];
    /* Too long to fold means never stored. */
    if (name_fold(name, nkey, sizeof nkey) < 0 || name_fold(room, rkey, sizeof rkey) < 0)
        return STORE_NOT_FOUND;

    store_lock(s);
    sqlite3_stmt *st = s->stmt[STMT_MEMBERSHIP_DELETE];
    int res;
    if (!store_bind_text(st, 1, nkey) || !store_bind_text(st, 2, rkey))
        res = store_fail(s, "remove membership");
    else if (sqlite3_step(st) != SQLITE_DONE)
        res = store_fail(s, "remove membership");
    else
        res = sqlite3_changes(s->db) > 0 ? STORE_OK : STORE_NOT_FOUND;
    store_release(st);
    store_unlock(s);
    return res;
}

int store_membership_each(struct store *s, const char *name,
                          void (*fn)(void *ctx, const char *room), void *ctx)
{
    char key[NAME_BUF];
    if (name_fold(name, key, sizeof key) < 0)
        return STORE_OK; /* never stored, so a member of nothing */

    store_lock(s);
    sqlite3_stmt *st = s->stmt[STMT_MEMBERSHIP_EACH];
    int res = STORE_OK;
    int rc = SQLITE_DONE;
    if (!store_bind_text(st, 1, key)) {
        res = store_fail(s, "list memberships");
        goto out;
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *room = (const char *)sqlite3_column_text(st, 0);
        if (!room)
            break; /* out of memory: the column is NOT NULL */
        fn(ctx, room);
    }
    if (rc != SQLITE_DONE)
        res = store_fail(s, "list memberships");
out:
    store_release(st);
    store_unlock(s);
    return res;
}
