#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""--max-clients, --max-rate/--burst, --ping-interval/--ping-timeout and
--sendq."""

import re
import selectors
import socket
import sys
import time

sys.dont_write_bytecode = True
import natterlib as nl  # noqa: E402
from natterlib import Server, T, check, check_eq, check_err, fail, fmt_lines  # noqa: E402

BYE_RE = re.compile(r'BYE (\S+)(?: .*)?')


def test_max_clients():
    with Server('--max-clients', '3') as srv:
        cs = [srv.client() for _ in range(3)]
        cs[0].nick('first')
        extra = srv.client(sync=False)
        line = extra.recv_line()
        check(BYE_RE.fullmatch(line) and line.split()[1] == 'SERVER_FULL',
              '4th connection: expected BYE SERVER_FULL, got %r' % line)
        extra.expect_eof()
        extra.close()
        # The others are unaffected.
        check_eq(cs[2].final('PING still'), 'PONG still', 'a connection under the limit')
        cs[1].close()

        def try_connect():
            c = srv.client(sync=False)
            first = c.recv_line()
            if first.startswith('HELLO '):
                return c
            check(first.startswith('BYE SERVER_FULL'), 'got %r' % first)
            c.close()
            return None
        # The slot comes free once the server has seen the close.
        c = nl.wait_for(try_connect, timeout=5, what='a free slot after a disconnect')
        c.sync()
        c.nick('second')
        # Full again.
        extra = srv.client(sync=False)
        check(extra.recv_line().startswith('BYE SERVER_FULL'), 'full again')
        extra.expect_eof()


def flood_replies(c, n, token):
    """Reads the replies to N numbered PINGs (skipping HELLO and the welcome)."""
    replies = []
    while len(replies) < n:
        l = c.recv_line()
        if l.startswith('HELLO ') or l.startswith('INFO '):
            continue
        replies.append(l)
    return replies


def check_flood(replies, burst, rate, elapsed, token):
    # The first BURST commands pass; after that one more per 1/RATE seconds.
    n = len(replies)
    for i in range(burst):
        check_eq(replies[i], 'PONG %s%d' % (token, i), 'reply %d of %d' % (i, n))
    allowed = burst + 1 + int(elapsed * rate)
    pongs = 0
    for i, l in enumerate(replies):
        if l.startswith('PONG '):
            check_eq(l, 'PONG %s%d' % (token, i), 'reply %d' % i)
            pongs += 1
        elif not nl.is_err(l, 'PING', 'RATE_LIMITED'):
            fail('reply %d: expected PONG or ERR PING RATE_LIMITED, got %r' % (i, l))
    check(pongs <= allowed, '%d of %d PINGs answered in %.2fs with rate %d, burst %d:\n%s'
          % (pongs, n, elapsed, rate, burst, fmt_lines(replies)))


def test_rate_limit():
    with Server('--max-rate', '5', '--burst', '10') as srv:
        c = srv.client(sync=False)
        t0 = time.monotonic()
        c.send_raw(b''.join(b'PING f%d\r\n' % i for i in range(40)))
        replies = flood_replies(c, 40, 'f')
        elapsed = time.monotonic() - t0
        check_flood(replies, 10, 5, elapsed, 'f')
        # After a wait the rate allows commands again (5/s: 1 s gives 5).
        time.sleep(1.1)
        check_eq(c.final('PING later'), 'PONG later', 'PING after waiting')
        check_eq(c.final('PING later2'), 'PONG later2', 'second PING after waiting')


def test_rate_limit_never_pong_quit():
    with Server('--max-rate', '5', '--burst', '10') as srv:
        c = srv.client(sync=False)
        c.send_raw(b''.join(b'PING q%d\r\n' % i for i in range(40)) +
                   b'PONG whatever\r\nQUIT\r\n')
        replies = flood_replies(c, 40, 'q')
        check(sum(1 for l in replies if nl.is_err(l, 'PING', 'RATE_LIMITED')) >= 20,
              'flood was not limited:\n' + fmt_lines(replies))
        c.next_is('OK QUIT')
        c.next_is(re.compile(r'BYE QUIT(?: .*)?'))
        c.expect_eof()


def test_rate_limited_command_not_executed():
    with Server('--max-rate', '1', '--burst', '5') as srv:
        a = srv.client()        # the welcome sync takes one token
        b = srv.client()
        b.nick('bob')
        a.send('NICK alice')
        a.next_is('OK NICK alice')
        a.next_is('JOIN #lobby alice')
        # 3 tokens left (5 - PING - NICK); send 6 SAYs at once.
        a.send_raw(b''.join(b'SAY #lobby n%d\r\n' % i for i in range(6)))
        replies = [a.recv_line() for _ in range(6)]
        passed = [i for i, l in enumerate(replies) if l == 'OK SAY #lobby']
        limited = [i for i, l in enumerate(replies) if nl.is_err(l, 'SAY', 'RATE_LIMITED')]
        check(len(passed) + len(limited) == 6 and len(limited) >= 2,
              'replies:\n' + fmt_lines(replies))
        got = [l for l in b.drain(0.3) if l.startswith('MSG ')]
        check_eq(got, ['MSG #lobby alice n%d' % i for i in passed],
                 'bob got exactly the messages that were not limited')


def test_default_burst_lets_paste_through():
    with Server() as srv:
        a = srv.client()
        a.nick('alice')
        b = srv.client()
        b.nick('bob')
        a.sync()
        a.send_raw(b''.join(b'SAY #lobby pasted line %d\r\n' % i for i in range(30)))
        for i in range(30):
            a.next_is('OK SAY #lobby')
        for i in range(30):
            b.next_is('MSG #lobby alice pasted line %d' % i)


def test_ping_timeout():
    with Server('--ping-interval', '1', '--ping-timeout', '1') as srv:
        silent = srv.client()
        silent.nick('silent')
        anon = srv.client()
        t0 = time.monotonic()
        line = silent.recv_line(timeout=5)
        t_ping = time.monotonic()
        m = re.fullmatch(r'PING (\S+)', line)
        check(m, 'expected PING <token>, got %r' % line)
        check(t_ping - t0 >= 0.8, 'PING after %.2fs of silence (--ping-interval 1)'
              % (t_ping - t0))
        line = silent.recv_line(timeout=5)
        t_bye = time.monotonic()
        check(BYE_RE.fullmatch(line) and line.split()[1] == 'PING_TIMEOUT',
              'expected BYE PING_TIMEOUT, got %r' % line)
        silent.expect_eof()
        # The client had --ping-timeout (1 s) to answer the PING.
        check(t_bye - t_ping >= 0.8, 'BYE PING_TIMEOUT %.3fs after the PING (--ping-timeout 1)'
              % (t_bye - t_ping))
        # A connection that is not logged in is kept alive the same way.
        line = anon.expect(re.compile(r'^BYE '), timeout=5)
        check(line.startswith('BYE PING_TIMEOUT'), 'anon: %r' % line)
        anon.expect_eof()


def test_ping_answered_stays():
    with Server('--ping-interval', '1', '--ping-timeout', '1') as srv:
        c = srv.client()
        c.nick('awake')
        obs = srv.client()
        obs.nick('observer')
        end = time.monotonic() + 4.0
        pings = 0
        while time.monotonic() < end:
            for x in (c, obs):
                l = x.try_line(0.05)
                if l is None:
                    continue
                m = re.fullmatch(r'PING (\S+)', l)
                if m:
                    pings += 1
                    x.send('PONG ' + m.group(1))
                elif l.startswith('BYE '):
                    fail('%s was closed though it answered: %r' % (x.name, l))
        check(pings >= 2, 'only %d server PINGs in 4 s with --ping-interval 1' % pings)
        check_eq(c.final('PING alive'), 'PONG alive', 'still connected')
        check_eq(obs.final('PING alive'), 'PONG alive', 'still connected')


def test_active_client_not_pinged_out():
    # Any line counts as activity: a client that keeps talking is never cut.
    with Server('--ping-interval', '1', '--ping-timeout', '1') as srv:
        c = srv.client()
        c.nick('chatty')
        end = time.monotonic() + 3.5
        while time.monotonic() < end:
            data, fin = c.reply('TIME')
            check(fin.startswith('OK TIME '), fin)
            for l in data:
                check(not l.startswith('BYE '), 'closed: %r' % l)
            time.sleep(0.3)


SLOW_GONE = ('LEAVE #r slow', 'LEAVE #lobby slow', 'OFFLINE slow')


def test_slow_reader_sendq():
    """A client that stops reading is closed with BYE SENDQ_EXCEEDED once
    --sendq bytes wait for it; the two clients talking past it lose nothing
    and stay connected.  The kernel's socket buffers hold megabytes before
    the server's queue starts to fill, so a and b keep talking (at least
    10,000 messages) until the server announces that slow has gone."""
    with Server('--sendq', '65536', '--max-rate', '0') as srv:
        a = srv.client(name='a')
        a.nick('a')
        b = srv.client(name='b')
        b.nick('b')
        s = srv.client(name='slow', rcvbuf=4096)
        s.nick('slow')
        for x in (a, b, s):
            x.ok('JOIN #r')
        for x in (a, b, s):
            x.sync()
        # slow reads nothing from here on.
        min_per = 5000          # 10,000 messages at least
        max_per = 40000         # about 17 MB for slow, whatever the kernel holds
        pad = 'p' * 200
        state = {}
        sel = selectors.DefaultSelector()
        for me, peer, c in (('a', 'b', a), ('b', 'a', b)):
            state[me] = {'c': c, 'peer': peer, 'next': 0, 'oks': 0, 'got': 0, 'gone': False,
                         'out': b'', 'split': nl.LineSplitter(me), 'other': []}
            sel.register(c.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, me)
        window = 64
        deadline = time.monotonic() + T(120)

        def sending(st):
            slow_gone = all(x['gone'] for x in state.values())
            return st['next'] < max_per and (st['next'] < min_per or not slow_gone)

        def done():
            return all(not sending(st) and st['oks'] == st['next'] and
                       st['got'] == state[st['peer']]['next'] for st in state.values())

        while not done():
            if time.monotonic() > deadline:
                fail('exchange stalled: %r' % {k: (v['next'], v['oks'], v['got'], v['gone'])
                                               for k, v in state.items()})
            for me, st in state.items():
                # At most WINDOW messages of each sender in flight, to it
                # (OK) and to its peer (MSG): well under --sendq.
                while (sending(st) and st['next'] - st['oks'] < window and
                       st['next'] - state[st['peer']]['got'] < window):
                    st['out'] += ('SAY #r %s %d %s\r\n' % (me, st['next'], pad)).encode()
                    st['next'] += 1
                ev = selectors.EVENT_READ | (selectors.EVENT_WRITE if st['out'] else 0)
                sel.modify(st['c'].sock, ev, me)
            for key, mask in sel.select(timeout=0.5):
                st = state[key.data]
                sock = key.fileobj
                if mask & selectors.EVENT_WRITE and st['out']:
                    try:
                        n = sock.send(st['out'])
                        st['out'] = st['out'][n:]
                    except BlockingIOError:
                        pass
                if mask & selectors.EVENT_READ:
                    try:
                        data = sock.recv(262144)
                    except BlockingIOError:
                        continue
                    if not data:
                        fail('%s was disconnected; last lines:\n%s'
                             % (key.data, fmt_lines(st['other'][-10:])))
                    for l in st['split'].feed(data):
                        if l == 'OK SAY #r':
                            st['oks'] += 1
                        elif l.startswith('MSG #r %s ' % st['peer']):
                            want = 'MSG #r %s %s %d %s' % (st['peer'], st['peer'], st['got'], pad)
                            if l != want:
                                fail('%s: out of order or altered: %r, want %r'
                                     % (key.data, l[:60], want[:60]))
                            st['got'] += 1
                        elif l in SLOW_GONE:
                            st['other'].append(l)
                            if l == 'OFFLINE slow':
                                st['gone'] = True
                        else:
                            fail('%s got %r after %r' % (key.data, l, {
                                k: {'sent': v['next'], 'ok': v['oks'], 'got': v['got'],
                                    'slow gone': v['gone']} for k, v in state.items()}))
        sel.close()
        sent = {k: v['next'] for k, v in state.items()}
        check(all(st['gone'] for st in state.values()),
              'slow was never closed after %r messages of %d bytes (--sendq 65536)'
              % (sent, len(pad) + 20))
        # Now the slow reader drains its socket: it was closed with SENDQ_EXCEEDED.
        lines = s.read_until_eof(timeout=30)
        check(lines, 'slow reader got no lines at all')
        check(not s.reset, 'slow reader\'s connection was reset, so its BYE was lost; '
              'last lines:\n' + fmt_lines(lines[-5:]))
        last = lines[-1]
        check(BYE_RE.fullmatch(last) and last.split()[1] == 'SENDQ_EXCEEDED',
              'slow reader: last line is %r, want BYE SENDQ_EXCEEDED ...; %d lines' %
              (last, len(lines)))
        print('# a and b sent %r; slow got %d lines before its BYE' % (sent, len(lines) - 1))
        # The others were never disconnected.
        for x in (a, b):
            x.split.buf = state[x.name]['split'].buf
            data, fin = x.reply('PING alive')
            check_eq(fin, 'PONG alive', '%s still connected' % x.name)
            for l in data:
                check(l in SLOW_GONE, '%s got an unexpected line %r' % (x.name, l))


if __name__ == '__main__':
    nl.main(globals())
