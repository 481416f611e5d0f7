#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""200 clients in #lobby; 20 of them send 25 numbered messages each; every
client gets every other sender's messages exactly once, in order."""

import selectors
import socket
import sys
import time

sys.dont_write_bytecode = True
import natterlib as nl  # noqa: E402
from natterlib import Server, T, check, fail, fmt_lines  # noqa: E402

CLIENTS = 200
SENDERS = 20
MESSAGES = 25


class Conn:
    def __init__(self, i, port):
        self.i = i
        self.name = 'u%03d' % i
        self.sock = socket.create_connection(('127.0.0.1', port), timeout=T(10))
        self.sock.setblocking(False)
        self.split = nl.LineSplitter(self.name)
        self.out = b''
        self.logged_in = False
        self.oks = 0
        self.got = {}          # sender -> list of sequence numbers
        self.unexpected = []
        self.eof = False
        self.done = False

    def queue(self, data):
        self.out += data


def pump(sel, conns, until, what, timeout):
    deadline = time.monotonic() + T(timeout)
    while not until():
        if time.monotonic() > deadline:
            fail('%s: not done within %ss' % (what, T(timeout)))
        for c in conns:
            if c.eof:
                continue
            sel.modify(c.sock, selectors.EVENT_READ | (selectors.EVENT_WRITE if c.out else 0), c)
        for key, mask in sel.select(timeout=0.2):
            c = key.data
            if mask & selectors.EVENT_WRITE and c.out:
                try:
                    n = c.sock.send(c.out)
                    c.out = c.out[n:]
                except BlockingIOError:
                    pass
            if mask & selectors.EVENT_READ:
                try:
                    data = c.sock.recv(1 << 18)
                except BlockingIOError:
                    continue
                except ConnectionResetError:
                    data = b''
                if not data:
                    c.eof = True
                    sel.unregister(c.sock)
                    fail('%s: disconnected; unexpected lines:\n%s'
                         % (c.name, fmt_lines(c.unexpected[-10:])))
                for l in c.split.feed(data):
                    handle(c, l)


def handle(c, l):
    if l.startswith('MSG #lobby '):
        parts = l.split(' ')
        # MSG #lobby <from> seq <from> <n>
        if len(parts) != 6 or parts[3] != 'seq' or parts[2] != parts[4]:
            c.unexpected.append(l)
            return
        c.got.setdefault(parts[2], []).append(int(parts[5]))
    elif l == 'OK SAY #lobby':
        c.oks += 1
    elif l == 'OK NICK ' + c.name:
        c.logged_in = True
    elif l == 'PONG done':
        c.done = True
    elif l.startswith(('HELLO ', 'INFO ', 'JOIN #lobby ', 'ONLINE ')):
        pass
    else:
        c.unexpected.append(l)


def test_200_clients():
    nl.raise_nofile(4096)
    with Server() as srv:
        sel = selectors.DefaultSelector()
        conns = []
        t0 = time.monotonic()
        for i in range(CLIENTS):
            c = Conn(i, srv.port)
            c.queue(b'NICK %s\r\n' % c.name.encode())
            sel.register(c.sock, selectors.EVENT_READ | selectors.EVENT_WRITE, c)
            conns.append(c)
        pump(sel, conns, lambda: all(c.logged_in for c in conns), 'logging in', 60)
        t1 = time.monotonic()
        senders = conns[::CLIENTS // SENDERS][:SENDERS]
        for s in senders:
            s.queue(b''.join(b'SAY #lobby seq %s %d\r\n' % (s.name.encode(), n)
                             for n in range(MESSAGES)))
        names = {s.name for s in senders}

        def complete():
            for c in conns:
                want = len(names) - (1 if c.name in names else 0)
                if len(c.got) < want:
                    return False
                for n, seqs in c.got.items():
                    if len(seqs) < MESSAGES:
                        return False
                if c.name in names and c.oks < MESSAGES:
                    return False
            return True

        pump(sel, conns, complete, 'delivering', 60)
        # A PING round trip on every connection: anything queued for it
        # before (a duplicate, say) arrives before its PONG.
        for c in conns:
            c.queue(b'PING done\r\n')
        pump(sel, conns, lambda: all(c.done for c in conns), 'final PINGs', 30)
        problems = []
        for c in conns:
            want = names - {c.name}
            if set(c.got) != want:
                problems.append('%s: senders %s, want %s' % (c.name, sorted(c.got), sorted(want)))
            for n, seqs in c.got.items():
                if seqs != list(range(MESSAGES)):
                    problems.append('%s from %s: %s' % (c.name, n, seqs))
            if c.name in names and c.oks != MESSAGES:
                problems.append('%s: %d OK SAY lines' % (c.name, c.oks))
            if c.unexpected:
                problems.append('%s: unexpected lines:\n%s' % (c.name, fmt_lines(c.unexpected[:5])))
        check(not problems, '\n'.join(problems[:30]))
        t2 = time.monotonic()
        print('# login %.2fs, delivery %.2fs' % (t1 - t0, t2 - t1))
        sel.close()
        for c in conns:
            c.sock.close()


if __name__ == '__main__':
    nl.main(globals())
