#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Hostile input: garbage, bad UTF-8, long lines, control characters,
Telnet IAC, half lines and connection churn.  The server must answer what
docs/protocol.md says, stay up, and exit 0 on SIGTERM (checked when each
test's server is stopped)."""

import random
import re
import socket
import sys

sys.dont_write_bytecode = True
import natterlib as nl  # noqa: E402
from natterlib import Server, check, check_eq, check_err, fmt_lines  # noqa: E402


def pair(srv):
    a = srv.client(name='alice')
    a.nick('alice')
    b = srv.client(name='bob')
    b.nick('bob')
    a.sync()
    return a, b


def garbage(rng, n):
    out = bytearray()
    specials = [b'\x00', b'\xff', b'\x1b[2J', b'\x1b]0;title\x07', b'\x1b[31m', b'\r', b'\n',
                b'\xc3', b'\xc0\xaf', b'\xed\xa0\x80', b'\x9b', b'\xc2\x9b', b'\x7f', b'\t',
                b'\x08', b'\xf4\x90\x80\x80']
    while len(out) < n:
        if rng.random() < 0.2:
            out += rng.choice(specials)
        else:
            out.append(rng.randrange(256))
    # A Telnet subnegotiation (IAC SB) may swallow everything up to IAC SE,
    # which random bytes would never send: keep those out.
    return bytes(out).replace(b'\xff\xfa', b'\xff\xf1')


def test_garbage_then_ping():
    with Server('--max-rate', '0') as srv:
        a, b = pair(srv)
        rng = random.Random(1234)
        for round_ in range(5):
            a.send_raw(garbage(rng, 3000))
            # A Telnet option (IAC WILL x) may eat one following byte.
            a.send_raw(b'\r\n\r\n')
            a.send('PING after-garbage-%d' % round_)
            a.expect_exact('PONG after-garbage-%d' % round_, timeout=10)
        # Nothing it sent reached bob as a message with a control character
        # (LineSplitter fails on those), and the server is fine.
        b.sync()
        a.ok('SAY #lobby still here', 'OK SAY #lobby')
        b.expect_exact('MSG #lobby alice still here')
        srv.check_alive()


def test_invalid_utf8_not_delivered():
    with Server() as srv:
        a, b = pair(srv)
        cases = [b'SAY #lobby \xc3\x28', b'SAY #lobby \xc0\xaf', b'SAY #lobby \xe0\x80\xaf',
                 b'SAY #lobby \xed\xa0\x80 surrogate', b'SAY #lobby \xf4\x90\x80\x80 too big',
                 b'SAY #lobby a\x00b', b'SAY #lobby \x80 lone continuation',
                 b'SAY #lobby truncated \xe2\x82', b'SAY #lobby \xfe\xfd']
        problems = []
        for raw in cases:
            fin = a.final(raw + b'\r\n')
            if not nl.is_err(fin, 'SAY', 'BAD_ENCODING'):
                problems.append('%r -> %r' % (raw, fin))
        check(not problems, 'want ERR SAY BAD_ENCODING:\n' + '\n'.join(problems))
        check_eq(b.sync(), [], 'bob got something from the refused lines')
        fin = a.final(b'DM bob \xc3\x28\r\n')
        check_err(fin, 'DM', 'BAD_ENCODING')
        fin = a.final(b'\xc3\x28 hello\r\n')
        check_err(fin, '-', 'BAD_ENCODING', 'command word unreadable')
        check_eq(b.sync(), [], 'bob got something from the refused lines')
        # Valid multi-byte text goes through untouched.
        a.ok('SAY #lobby caf\u00e9 \u20ac \U0001f600 \u0800 \ufffd', 'OK SAY #lobby')
        b.next_is('MSG #lobby alice caf\u00e9 \u20ac \U0001f600 \u0800 \ufffd')


def test_invalid_utf8_before_login():
    with Server() as srv:
        c = srv.client()
        check_err(c.final(b'NICK \xc3\x28\r\n'), 'NICK', 'BAD_ENCODING')
        check_err(c.final(b'REGISTER bob pass\xc0\xafword\r\n'), 'REGISTER', 'BAD_ENCODING')
        check_err(c.final('WHO'), 'WHO', 'NOT_LOGGED_IN')
        c.nick('fine')


def test_megabyte_line():
    with Server() as srv:
        a, b = pair(srv)
        chunk = b'SAY #lobby ' + b'x' * (1 << 20)
        a.send_raw(chunk)
        a.send_raw(b'\n')
        a.send('PING after-long')
        lines = []
        while True:
            l = a.recv_line(10)
            if l == 'PONG after-long':
                break
            lines.append(l)
        too_long = [l for l in lines if nl.is_err(l, '-', 'LINE_TOO_LONG')]
        check(len(too_long) == 1 and len(lines) == 1,
              'want exactly one ERR - LINE_TOO_LONG before the PONG, got:\n' + fmt_lines(lines))
        check_eq(b.sync(), [], 'bob after the long line')
        # Two long lines in a row: one error each; the connection stays.
        a.send_raw(b'y' * 10000 + b'\r\n' + b'z' * 10000 + b'\r\nPING again\r\n')
        lines = []
        while True:
            l = a.recv_line(10)
            if l == 'PONG again':
                break
            lines.append(l)
        check_eq(len(lines), 2, 'two long lines, lines:\n' + fmt_lines(lines))
        check(all(nl.is_err(l, '-', 'LINE_TOO_LONG') for l in lines), fmt_lines(lines))


def ping_line(total, terminator):
    """A PING line of TOTAL bytes including TERMINATOR, and its token."""
    n = total - len(terminator) - len('PING ')
    tok = ''.join(chr(ord('a') + i % 26) for i in range(n))
    return ('PING ' + tok).encode() + terminator, tok


def check_limit(c, max_line):
    for total, term, ok in [(max_line, b'\r\n', True), (max_line + 1, b'\r\n', False),
                            (max_line, b'\n', True), (max_line + 1, b'\n', False),
                            (max_line - 1, b'\r\n', True)]:
        line, tok = ping_line(total, term)
        c.send_raw(line)
        got = c.recv_line()
        if ok:
            check_eq(got, 'PONG ' + tok, '%d bytes with %r (limit %d) must be accepted'
                     % (total, term, max_line))
        else:
            check_err(got, '-', 'LINE_TOO_LONG', '%d bytes with %r (limit %d)'
                      % (total, term, max_line))
        c.no_line(0.05)


def test_max_line_exact():
    with Server('--max-line', '128') as srv:
        c = srv.client()
        check_limit(c, 128)
        # A name on a short line still works afterwards.
        c.nick('short')


def test_default_max_line_exact():
    with Server() as srv:
        c = srv.client()
        check_limit(c, 4096)


def test_escape_sequences_stripped():
    with Server() as srv:
        a, b = pair(srv)
        cases = [
            (b'SAY #lobby \x1b[31mred\x1b[0m', 'MSG #lobby alice [31mred[0m'),
            (b'SAY #lobby a\tb', 'MSG #lobby alice a b'),
            (b'SAY #lobby tab\t\tend', 'MSG #lobby alice tab  end'),
            (b'SAY #lobby c1\xc2\x9b31mx', 'MSG #lobby alice c131mx'),
            (b'SAY #lobby c1\xc2\x80\xc2\x9fend', 'MSG #lobby alice c1end'),
            (b'SAY #lobby del\x7fete', 'MSG #lobby alice delete'),
            (b'SAY #lobby bell\x07 back\x08space', 'MSG #lobby alice bell backspace'),
            (b'SAY #lobby \x1b]0;pwned\x07title', 'MSG #lobby alice ]0;pwnedtitle'),
            (b'SAY #lobby cr\rin the middle', 'MSG #lobby alice crin the middle'),
            (b'SAY\t#lobby tab separated', 'MSG #lobby alice tab separated'),
        ]
        problems = []
        for raw, want in cases:
            a.send_raw(raw + b'\r\n')
            fin = a.recv_line()
            got = b.recv_line() if fin == 'OK SAY #lobby' else None
            if fin != 'OK SAY #lobby' or got != want:
                problems.append('%r -> %r / bob got %r, want %r' % (raw, fin, got, want))
        check(not problems, '\n'.join(problems))


def test_telnet_iac_removed():
    with Server() as srv:
        a, b = pair(srv)
        # IAC WILL ECHO and IAC IP inside a command.
        a.send_raw(b'SAY #lobby he\xff\xfb\x01llo\r\n')
        a.next_is('OK SAY #lobby')
        b.next_is('MSG #lobby alice hello')
        a.send_raw(b'SAY #lobby wor\xff\xf4ld\r\n')
        a.next_is('OK SAY #lobby')
        b.next_is('MSG #lobby alice world')
        a.send_raw(b'\xff\xfd\x18PI\xff\xf4NG iac\r\n')
        a.next_is('PONG iac')
        # A sequence split across writes.
        a.send_raw(b'PING sp\xff')
        a.send_raw(b'\xfb')
        a.send_raw(b'\x03lit\r\n')
        a.next_is('PONG split')
        # IAC DO at the start of the connection, as telnet clients send it.
        c = srv.client(sync=False)
        c.send_raw(b'\xff\xfd\x01\xff\xfb\x03\xff\xf4NICK telnetter\r\n')
        c.expect_exact('OK NICK telnetter')


def test_half_line_then_disconnect():
    with Server() as srv:
        a, b = pair(srv)
        for i in range(20):
            c = srv.client()
            c.send_raw(b'SAY #lobby half a li')
            if i % 2:
                c.abort()
            else:
                c.close()
        d = srv.client()
        d.nick('dave')
        d.send_raw(b'SAY #lobby never fini')
        d.close()
        b.expect_exact('OFFLINE dave')
        a.ok('SAY #lobby fine', 'OK SAY #lobby')
        b.expect_exact('MSG #lobby alice fine')
        check('MSG #lobby dave never fini' not in b.seen, 'the half line was executed')
        srv.check_alive()


def test_many_connects_and_disconnects():
    with Server('--max-rate', '0') as srv:
        a, b = pair(srv)
        rng = random.Random(99)
        for i in range(300):
            s = socket.create_connection(('127.0.0.1', srv.port), timeout=nl.T(5))
            kind = i % 5
            if kind == 1:
                s.sendall(b'NICK churn%d\r\nJOIN #churn\r\nSAY #churn x\r\n' % i)
            elif kind == 2:
                s.sendall(bytes(rng.randrange(256) for _ in range(200)))
            elif kind == 3:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b'\x01\0\0\0\0\0\0\0')
            elif kind == 4:
                s.sendall(b'PING x\r\n')
                s.shutdown(socket.SHUT_WR)
            s.close()
        srv.check_alive()
        a.ok('SAY #lobby after churn', 'OK SAY #lobby')
        b.expect_exact('MSG #lobby alice after churn', timeout=10)
        # The churners are gone (their closes may still be in progress).
        nl.wait_for(lambda: a.final('WHO') == 'OK WHO 2', timeout=10,
                    what='WHO answering OK WHO 2 after the churn')
        # And new clients are still welcome.
        c = srv.client()
        c.nick('late')


if __name__ == '__main__':
    nl.main(globals())
