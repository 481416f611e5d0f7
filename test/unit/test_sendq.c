/* SPDX-License-Identifier: MIT */
/* The send queue: order, coalescing, limits, partial writes and wake-ups,
 * through a real socket pair. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "sendq.h"

static int sv[2];

static int setup(void **state)
{
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
        return -1;
    int small = 4096;
    setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    setsockopt(sv[1], SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    return 0;
}

static int teardown(void **state)
{
    close(sv[0]);
    close(sv[1]);
    return 0;
}

static void push_text(struct sendq *q, const char *text, enum sendq_push_result want)
{
    struct msgbuf *m = msgbuf_new(text, strlen(text));
    assert_int_equal(sendq_push(q, m, true), want);
    msgbuf_unref(m);
}

/* Reads exactly LEN bytes from the peer end. */
static void read_exact(char *buf, size_t len)
{
    size_t got = 0;
    while (got < len) {
        ssize_t n = read(sv[1], buf + got, len - got);
        assert_true(n > 0);
        got += (size_t)n;
    }
}

static bool readable(int fd)
{
    struct pollfd p = {.fd = fd, .events = POLLIN};
    return poll(&p, 1, 0) == 1;
}

static void test_order_and_one_flush(void **state)
{
    struct sendq q;
    assert_int_equal(sendq_init(&q, 1 << 20), 0);
    push_text(&q, "one\r\n", SENDQ_QUEUED);
    push_text(&q, "two\r\n", SENDQ_QUEUED);
    push_text(&q, "three\r\n", SENDQ_QUEUED);
    assert_int_equal(sendq_bytes(&q), 17);
    assert_int_equal(sendq_flush(&q, sv[0]), 0);
    char buf[32] = {0};
    read_exact(buf, 17);
    assert_string_equal(buf, "one\r\ntwo\r\nthree\r\n");
    assert_int_equal(sendq_bytes(&q), 0);
    sendq_destroy(&q);
}

static void test_shared_buffer_outlives_queues(void **state)
{
    struct sendq a, b;
    assert_int_equal(sendq_init(&a, 1024), 0);
    assert_int_equal(sendq_init(&b, 1024), 0);
    struct msgbuf *m = msgbuf_new("shared\r\n", 8);
    sendq_push(&a, m, false);
    sendq_push(&b, m, false);
    msgbuf_unref(m); /* the queues hold the only references now */
    sendq_destroy(&a);
    assert_int_equal(sendq_flush(&b, sv[0]), 0);
    char buf[9] = {0};
    read_exact(buf, 8);
    assert_string_equal(buf, "shared\r\n");
    sendq_destroy(&b);
}

static void test_limit_refuses_and_marks_overflow(void **state)
{
    struct sendq q;
    assert_int_equal(sendq_init(&q, 10), 0);
    push_text(&q, "12345", SENDQ_QUEUED);
    push_text(&q, "67890", SENDQ_QUEUED);
    assert_false(sendq_overflowed(&q));
    push_text(&q, "x", SENDQ_FULL);
    assert_true(sendq_overflowed(&q));
    /* Once overflowed, even what would fit is refused. */
    sendq_clear(&q);
    push_text(&q, "y", SENDQ_FULL);
    /* The last line goes past the limit. */
    struct msgbuf *bye = msgbuf_new("BYE\r\n", 5);
    assert_int_equal(sendq_push_final(&q, bye), SENDQ_QUEUED);
    msgbuf_unref(bye);
    assert_int_equal(sendq_flush(&q, sv[0]), 0);
    char buf[6] = {0};
    read_exact(buf, 5);
    assert_string_equal(buf, "BYE\r\n");
    sendq_destroy(&q);
}

static void test_partial_writes_resume_and_clear_keeps_partial_line(void **state)
{
    struct sendq q;
    assert_int_equal(sendq_init(&q, 1 << 22), 0);
    char line[1000];
    memset(line, 'a', sizeof line - 2);
    line[sizeof line - 2] = '\r';
    line[sizeof line - 1] = '\n';
    struct msgbuf *m = msgbuf_new(line, sizeof line);
    for (int i = 0; i < 2000; i++)
        sendq_push(&q, m, false);
    msgbuf_unref(m);
    /* The peer does not read: the socket fills and the rest stays queued. */
    ssize_t left = sendq_flush(&q, sv[0]);
    assert_true(left > 0 && left < 2000 * 1000);
    size_t sent = 2000 * 1000 - (size_t)left;
    sendq_clear(&q);
    /* What stays is the rest of the line being written, if any. */
    size_t kept = sendq_bytes(&q);
    assert_int_equal((sent + kept) % 1000, 0);
    /* Drain the peer while flushing: the stream ends on a line boundary. */
    size_t total = 0;
    char buf[65536];
    for (int rounds = 0; rounds < 10000; rounds++) {
        ssize_t l = sendq_flush(&q, sv[0]);
        ssize_t n = recv(sv[1], buf, sizeof buf, MSG_DONTWAIT);
        if (n > 0)
            total += (size_t)n;
        if (l == 0 && !readable(sv[1]))
            break;
    }
    assert_int_equal(total % 1000, 0);
    assert_int_equal(total, sent + kept);
    sendq_destroy(&q);
}

static void test_wake_is_coalesced_until_acknowledged(void **state)
{
    struct sendq q;
    assert_int_equal(sendq_init(&q, 1 << 20), 0);
    assert_false(readable(q.wake_fd));
    push_text(&q, "a", SENDQ_QUEUED);
    assert_true(readable(q.wake_fd));
    push_text(&q, "b", SENDQ_QUEUED);
    sendq_ack_wake(&q);
    assert_false(readable(q.wake_fd));
    push_text(&q, "c", SENDQ_QUEUED);
    assert_true(readable(q.wake_fd));
    sendq_ack_wake(&q);
    sendq_wake(&q);
    assert_true(readable(q.wake_fd));
    sendq_destroy(&q);
}

static void test_closed_queue_drops(void **state)
{
    struct sendq q;
    assert_int_equal(sendq_init(&q, 1 << 20), 0);
    push_text(&q, "a", SENDQ_QUEUED);
    sendq_close(&q);
    assert_int_equal(sendq_bytes(&q), 0);
    push_text(&q, "b", SENDQ_CLOSED);
    sendq_destroy(&q);
}

struct producer {
    struct sendq *q;
    int id;
};

static void *produce(void *arg)
{
    struct producer *p = arg;
    char line[32];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(line, sizeof line, "%d %d\n", p->id, i);
        struct msgbuf *m = msgbuf_new(line, (size_t)n);
        sendq_push(p->q, m, true);
        msgbuf_unref(m);
    }
    return NULL;
}

static void test_concurrent_producers_keep_per_producer_order(void **state)
{
    struct sendq q;
    assert_int_equal(sendq_init(&q, 1 << 24), 0);
    pthread_t t[4];
    struct producer p[4];
    for (int i = 0; i < 4; i++) {
        p[i] = (struct producer){&q, i};
        pthread_create(&t[i], NULL, produce, &p[i]);
    }
    /* Consume concurrently, as the owner thread does. */
    int next[4] = {0};
    char buf[65536], line[64];
    size_t linelen = 0, lines = 0;
    while (lines < 4 * 5000) {
        sendq_ack_wake(&q);
        sendq_flush(&q, sv[0]);
        ssize_t n = recv(sv[1], buf, sizeof buf, MSG_DONTWAIT);
        for (ssize_t i = 0; i < n; i++) {
            if (buf[i] != '\n') {
                assert_true(linelen < sizeof line - 1);
                line[linelen++] = buf[i];
                continue;
            }
            line[linelen] = '\0';
            int id, seq;
            assert_int_equal(sscanf(line, "%d %d", &id, &seq), 2);
            assert_int_equal(seq, next[id]);
            next[id]++;
            linelen = 0;
            lines++;
        }
    }
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    sendq_destroy(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_order_and_one_flush, setup, teardown),
        cmocka_unit_test_setup_teardown(test_shared_buffer_outlives_queues, setup, teardown),
        cmocka_unit_test_setup_teardown(test_limit_refuses_and_marks_overflow, setup, teardown),
        cmocka_unit_test_setup_teardown(test_partial_writes_resume_and_clear_keeps_partial_line,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(test_wake_is_coalesced_until_acknowledged, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_closed_queue_drops, setup, teardown),
        cmocka_unit_test_setup_teardown(test_concurrent_producers_keep_per_producer_order, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
