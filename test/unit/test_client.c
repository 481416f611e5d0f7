/* SPDX-License-Identifier: MIT */
/* The client library: parsing every server line kind, and reading, sending
 * and connecting over real sockets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "natter/client.h"

struct parse_case {
    const char *line;
    enum natter_line kind;
    const char *arg0, *arg1, *text;
};

static void test_parse_every_kind(void **state)
{
    static const struct parse_case cases[] = {
        {"HELLO natter/1 host", LINE_HELLO, "natter/1", "host", ""},
        {"INFO Welcome to  natter.", LINE_INFO, "", "", "Welcome to  natter."},
        {"OK JOIN #rust 2", LINE_OK, "JOIN", "", "#rust 2"},
        {"OK LOGOUT", LINE_OK, "LOGOUT", "", ""},
        {"ERR SAY NOT_IN_ROOM #x: you are not in that room", LINE_ERR, "SAY", "NOT_IN_ROOM",
         "#x: you are not in that room"},
        {"MSG #rust alice hello  world ", LINE_MSG, "#rust", "alice", "hello  world "},
        {"ALL bob hi all", LINE_ALL, "bob", "", "hi all"},
        {"DM bob psst", LINE_DM, "bob", "", "psst"},
        {"JOIN #r carol", LINE_JOIN, "#r", "carol", ""},
        {"LEAVE #r carol", LINE_LEAVE, "#r", "carol", ""},
        {"ONLINE dave", LINE_ONLINE, "dave", "", ""},
        {"OFFLINE dave", LINE_OFFLINE, "dave", "", ""},
        {"USER amy guest #lobby #x", LINE_USER, "amy", "guest", "#lobby #x"},
        {"ROOM #lobby 3", LINE_ROOM, "#lobby", "3", ""},
        {"ROOM #x 1 the topic", LINE_ROOM, "#x", "1", "the topic"},
        {"PING 1a2b", LINE_PING, "", "", "1a2b"},
        {"PONG", LINE_PONG, "", "", ""},
        {"BYE SENDQ_EXCEEDED read faster", LINE_BYE, "SENDQ_EXCEEDED", "", "read faster"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char line[128];
        snprintf(line, sizeof line, "%s", cases[i].line);
        struct server_line l;
        assert_int_equal(server_line_parse(line, &l), 0);
        assert_int_equal(l.kind, cases[i].kind);
        assert_string_equal(l.arg[0], cases[i].arg0);
        assert_string_equal(l.arg[1], cases[i].arg1);
        assert_string_equal(l.text, cases[i].text);
    }
}

static void test_parse_short_and_unknown_lines(void **state)
{
    struct server_line l;
    char a[] = "MSG #rust";
    assert_int_equal(server_line_parse(a, &l), -1);
    assert_int_equal(l.kind, LINE_UNKNOWN);
    char b[] = "";
    assert_int_equal(server_line_parse(b, &l), -1);
    char c[] = "FUTURE thing x";
    assert_int_equal(server_line_parse(c, &l), 0);
    assert_int_equal(l.kind, LINE_UNKNOWN);
    assert_string_equal(l.word, "FUTURE");
    assert_string_equal(l.text, "thing x");
    char d[] = "ok JOIN #x 1"; /* server words are exact */
    server_line_parse(d, &l);
    assert_int_equal(l.kind, LINE_UNKNOWN);
}

static void test_read_frames_and_times_out(void **state)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    struct natter_client c = {.fd = sv[0]};
    assert_int_equal(linebuf_init(&c.in, 8192), 0);
    const char *data = "HELLO natter/1 x\r\nINFO a\r\n\r\nOK TI";
    assert_int_equal(write(sv[1], data, strlen(data)), (ssize_t)strlen(data));
    struct server_line l;
    assert_int_equal(natter_client_read(&c, &l, 1000), 1);
    assert_int_equal(l.kind, LINE_HELLO);
    assert_int_equal(natter_client_read(&c, &l, 1000), 1);
    assert_int_equal(l.kind, LINE_INFO);
    assert_string_equal(l.text, "a");
    /* Half a line: no line yet. */
    assert_int_equal(natter_client_read(&c, &l, 50), 0);
    assert_int_equal(write(sv[1], "ME 2026\r\n", 9), 9);
    assert_int_equal(natter_client_read(&c, &l, 1000), 1);
    assert_int_equal(l.kind, LINE_OK);
    assert_string_equal(l.arg[0], "TIME");
    assert_string_equal(l.text, "2026");
    close(sv[1]);
    assert_int_equal(natter_client_read(&c, &l, 1000), -1);
    assert_true(strstr(c.err, "closed") != NULL);
    natter_client_close(&c);
    natter_client_close(&c); /* twice is harmless */
}

static void test_send_refuses_newlines_and_long_lines(void **state)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    struct natter_client c = {.fd = sv[0]};
    assert_int_equal(linebuf_init(&c.in, 8192), 0);
    assert_int_equal(natter_client_send(&c, "SAY %s %s", "#x", "hi"), 0);
    char buf[32] = {0};
    assert_int_equal(read(sv[1], buf, sizeof buf), 11);
    assert_string_equal(buf, "SAY #x hi\r\n");
    assert_int_equal(natter_client_send(&c, "SAY #x a\nQUIT"), -1);
    char big[5000];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    assert_int_equal(natter_client_send(&c, "SAY #x %s", big), -1);
    natter_client_close(&c);
    close(sv[1]);
}

static void test_connect_to_listener_and_refused_port(void **state)
{
    int l = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(l, (struct sockaddr *)&sa, sizeof sa), 0);
    assert_int_equal(listen(l, 1), 0);
    socklen_t len = sizeof sa;
    getsockname(l, (struct sockaddr *)&sa, &len);
    char port[16];
    snprintf(port, sizeof port, "%u", ntohs(sa.sin_port));

    struct natter_client c;
    assert_int_equal(natter_client_connect(&c, "127.0.0.1", port, 2000), 0);
    int peer = accept(l, NULL, NULL);
    assert_true(peer >= 0);
    assert_int_equal(write(peer, "PING t\r\n", 8), 8);
    struct server_line line;
    assert_int_equal(natter_client_read(&c, &line, 2000), 1);
    assert_int_equal(line.kind, LINE_PING);
    natter_client_close(&c);
    close(peer);
    close(l); /* nothing listens on that port now */

    assert_int_equal(natter_client_connect(&c, "127.0.0.1", port, 2000), -1);
    assert_true(strstr(c.err, "cannot connect") != NULL);
    assert_int_equal(natter_client_connect(&c, "no such host.invalid", "1", 2000), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_every_kind),
        cmocka_unit_test(test_parse_short_and_unknown_lines),
        cmocka_unit_test(test_read_frames_and_times_out),
        cmocka_unit_test(test_send_refuses_newlines_and_long_lines),
        cmocka_unit_test(test_connect_to_listener_and_refused_port),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
