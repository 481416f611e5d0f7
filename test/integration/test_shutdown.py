#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""SIGTERM: everyone gets BYE SHUTDOWN, the server exits 0, the database
survives."""

import re
import signal
import sys

sys.dont_write_bytecode = True
import natterlib as nl  # noqa: E402
from natterlib import Server, check, check_eq, fail, fmt_lines  # noqa: E402


def expect_bye_shutdown(c):
    lines = c.read_until_eof(timeout=10)
    check(lines, '%s: EOF without BYE' % c.name)
    check(re.fullmatch(r'BYE SHUTDOWN(?: .*)?', lines[-1]),
          '%s: last line %r, want BYE SHUTDOWN ...; lines:\n%s'
          % (c.name, lines[-1], fmt_lines(lines)))
    check(not c.reset, '%s: connection reset, not closed' % c.name)
    return lines


def test_sigterm_with_clients():
    with Server() as srv:
        a = srv.client(name='account')
        a.register('alice')
        a.ok('JOIN #keep')
        g = srv.client(name='guest')
        g.nick('guest')
        anon = srv.client(name='anon')
        for x in (a, g, anon):
            x.sync()
        rc = srv.kill(signal.SIGTERM)
        for x in (a, g, anon):
            expect_bye_shutdown(x)
        check_eq(rc, 0, 'exit status after SIGTERM')
        # The database is intact.
        srv.start()
        c = srv.client()
        check_eq(c.login('alice'), ['#lobby', '#keep'], 'alice\'s rooms after the restart')
        c2 = srv.client()
        c2.nick('guest')


def test_sigterm_with_pending_input():
    # A client in the middle of a line, and one whose reply is still queued.
    with Server('--max-rate', '0') as srv:
        a = srv.client(name='half')
        a.nick('half')
        a.send_raw(b'SAY #lobby not finish')
        b = srv.client(name='busy')
        b.nick('busy')
        b.send_raw(b''.join(b'PING b%d\r\n' % i for i in range(200)))
        rc = srv.kill(signal.SIGTERM)
        for x in (a, b):
            lines = expect_bye_shutdown(x)
            for l in lines[:-1]:
                check(not l.startswith('MSG '), '%s got %r' % (x.name, l))
        check_eq(rc, 0, 'exit status after SIGTERM')


def test_sigterm_idle():
    with Server() as srv:
        check_eq(srv.kill(signal.SIGTERM), 0, 'exit status of an idle server')
        srv.start()
        check_eq(srv.client().final('PING'), 'PONG', 'after a restart')


if __name__ == '__main__':
    nl.main(globals())
