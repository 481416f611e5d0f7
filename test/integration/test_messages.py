#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ALL, DM, and room messages among many clients."""

import sys

sys.dont_write_bytecode = True
import natterlib as nl  # noqa: E402
from natterlib import Server, check, check_eq, check_err  # noqa: E402


def setup(srv):
    """alice (two connections), bob (account), carol (guest) and one
    connection that is not logged in; all quiet."""
    a1 = srv.client(name='alice1')
    a1.register('alice')
    a2 = srv.client(name='alice2')
    a2.login('alice')
    b = srv.client(name='bob')
    b.register('bob')
    c = srv.client(name='carol')
    c.nick('carol')
    anon = srv.client(name='anon')
    for x in (a1, a2, b, c, anon):
        x.sync()
    return a1, a2, b, c, anon


def test_all():
    with Server() as srv:
        a1, a2, b, c, anon = setup(srv)
        a1.send('ALL hello everyone')
        a1.next_is('OK ALL 3')
        for x in (a2, b, c):
            x.next_is('ALL alice hello everyone')
        a1.no_line(0.2)
        anon.no_line(0.05)
        b.ok('ALL    from   bob', 'OK ALL 3')
        for x in (a1, a2, c):
            x.next_is('ALL bob from   bob')
        b.no_line(0.2)
        anon.no_line(0.05)


def test_all_aliases():
    with Server() as srv:
        a1, a2, b, c, anon = setup(srv)
        for word in ['MESSAGE', 'MSGALL', 'BROADCAST', 'broadcast', '/msgall']:
            c.send('%s via %s' % (word, word))
            c.next_is('OK ALL 3')
            for x in (a1, a2, b):
                x.next_is('ALL carol via %s' % word)
        anon.no_line(0.2)


def test_all_counts():
    with Server() as srv:
        a = srv.client()
        a.nick('lonely')
        a.ok('ALL anyone?', 'OK ALL 0')
        anon = srv.client()
        a.ok('ALL anyone now?', 'OK ALL 0')
        anon.no_line(0.2)
        others = []
        for i in range(5):
            o = srv.client()
            o.nick('o%d' % i)
            others.append(o)
        a.ok('ALL five', 'OK ALL 5')
        for o in others:
            o.expect_exact('ALL lonely five')


def test_all_empty():
    with Server() as srv:
        a1, a2, b, c, anon = setup(srv)
        check_err(a1.final('ALL    '), 'ALL', 'EMPTY_MESSAGE')
        check_err(a1.final('BROADCAST \x1b'), 'ALL', 'EMPTY_MESSAGE', 'only a control character')
        for x in (a2, b, c):
            x.no_line(0.1)


def test_dm():
    with Server() as srv:
        a1, a2, b, c, anon = setup(srv)
        b.send('DM alice psst, two  spaces')
        b.next_is('OK DM alice')
        a1.next_is('DM bob psst, two  spaces')
        a2.next_is('DM bob psst, two  spaces')
        c.no_line(0.2)
        anon.no_line(0.05)
        b.no_line(0.05)
        # Another case: the answer names the user as written.
        c.ok('DM BOB hi bob', 'OK DM bob')
        b.next_is('DM carol hi bob')
        a1.ok('DM carol from alice', 'OK DM carol')
        c.next_is('DM alice from alice')


def test_dm_aliases():
    with Server() as srv:
        a1, a2, b, c, anon = setup(srv)
        for word in ['MSGIND', 'TELL', 'tell', '/msgind']:
            c.send('%s bob via %s' % (word, word))
            c.next_is('OK DM bob')
            b.next_is('DM carol via %s' % word)


def test_dm_errors():
    with Server() as srv:
        a1, a2, b, c, anon = setup(srv)
        off = srv.client()
        off.register('offline')
        off.quit()
        check_err(c.final('DM offline hi'), 'DM', 'NO_SUCH_USER', 'registered, offline')
        check_err(c.final('DM nobody hi'), 'DM', 'NO_SUCH_USER', 'unknown')
        check_err(c.final('DM carol hi me'), 'DM', 'SELF', 'self')
        check_err(a1.final('DM ALICE hi me'), 'DM', 'SELF', 'self, other case')
        check_err(c.final('DM bob    '), 'DM', 'EMPTY_MESSAGE', 'empty')
        b.sync()
        b.no_line(0.1)
        # A guest who left is gone.
        c.close()
        b.expect_exact('OFFLINE carol')
        check_err(b.final('DM carol are you there'), 'DM', 'NO_SUCH_USER', 'guest gone')


def test_ten_clients_in_a_room():
    with Server() as srv:
        cs = []
        for i in range(10):
            x = srv.client(name='m%d' % i)
            x.nick('m%d' % i)
            x.ok('JOIN #ten', 'OK JOIN #ten %d' % (i + 1))
            cs.append(x)
        for x in cs:
            x.sync()
        for i, x in enumerate(cs):
            x.send('SAY #ten message from m%d' % i)
        for i, x in enumerate(cs):
            got = []
            want = {'MSG #ten m%d message from m%d' % (j, j) for j in range(10) if j != i}
            oks = 0
            while len(got) < 9 or oks < 1:
                l = x.recv_line()
                if l == 'OK SAY #ten':
                    oks += 1
                else:
                    got.append(l)
            check_eq(oks, 1, 'm%d OK SAY lines' % i)
            check_eq(sorted(got), sorted(want), 'm%d received' % i)
            check_eq(len(got), len(set(got)), 'm%d duplicates' % i)
        for x in cs:
            x.no_line(0.05)


if __name__ == '__main__':
    nl.main(globals())
