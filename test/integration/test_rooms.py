#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""JOIN, LEAVE, SAY, WHO, ROOMS and CONNECT."""

import re
import sys

sys.dont_write_bytecode = True
import natterlib as nl  # noqa: E402
from natterlib import Server, check, check_eq, check_err, fail, fmt_lines  # noqa: E402


def two(srv, a='alice', b='bob'):
    ca = srv.client(name=a)
    ca.nick(a)
    cb = srv.client(name=b)
    cb.nick(b)
    ca.expect_exact('JOIN #lobby ' + b)
    ca.sync()
    return ca, cb


def test_join_creates():
    with Server() as srv:
        a = srv.client()
        a.nick('alice')
        a.send('JOIN #r')
        a.next_is('OK JOIN #r 1')
        a.next_is('JOIN #r alice')
        a.no_line(0.2)


def test_join_second_member():
    with Server() as srv:
        a, b = two(srv)
        a.ok('JOIN #r', 'OK JOIN #r 1')
        a.next_is('JOIN #r alice')
        b.sync()
        b.send('JOIN #r')
        b.next_is('OK JOIN #r 2')
        b.next_is('JOIN #r bob')
        a.next_is('JOIN #r bob')
        # Names are unique without regard to case and shown as first written.
        c = srv.client()
        c.nick('carol')
        a.sync()
        b.sync()
        c.send('JOIN #R')
        c.next_is('OK JOIN #r 3')
        c.next_is('JOIN #r carol')
        a.next_is('JOIN #r carol')
        b.next_is('JOIN #r carol')


def test_join_again_changes_nothing():
    with Server() as srv:
        a, b = two(srv)
        a.ok('JOIN #r', 'OK JOIN #r 1')
        b.ok('JOIN #r', 'OK JOIN #r 2')
        a.sync()
        b.sync()
        b.send('JOIN #r')
        b.next_is('OK JOIN #r 2')
        b.no_line(0.2)
        a.no_line(0.05)


def test_join_bad_name():
    with Server() as srv:
        a = srv.client()
        a.nick('alice')
        problems = []
        for room in ['badname', '#bad!', 'lobby', '#', '#' + 'r' * 33, '#a.b', '##x', '#zoë',
                     '#a#b', 'r#']:
            fin = a.final('JOIN ' + room)
            if not nl.is_err(fin, 'JOIN', 'BAD_NAME'):
                problems.append('JOIN %s -> %r' % (room, fin))
        check(not problems, '\n'.join(problems))
        a.ok('JOIN #' + 'r' * 32, 'OK JOIN #%s 1' % ('r' * 32))
        a.ok('JOIN #A-z_0', 'OK JOIN #A-z_0 1')


def test_say():
    with Server() as srv:
        a, b = two(srv)
        c = srv.client()
        c.nick('carol')          # in #lobby only
        a.ok('JOIN #r')
        b.ok('JOIN #r')
        for x in (a, b, c):
            x.sync()
        a.send('SAY #r hello there')
        a.next_is('OK SAY #r')
        b.next_is('MSG #r alice hello there')
        a.no_line(0.2)
        c.no_line(0.05)
        a.ok('SAY #lobby to the lobby', 'OK SAY #lobby')
        b.next_is('MSG #lobby alice to the lobby')
        c.next_is('MSG #lobby alice to the lobby')
        # The room as first written, whatever the case used.
        a.ok('SAY #R upper', 'OK SAY #r')
        b.next_is('MSG #r alice upper')


def test_say_errors():
    with Server() as srv:
        a, b = two(srv)
        b.ok('JOIN #bobs')
        check_err(a.final('SAY #bobs hi'), 'SAY', 'NOT_IN_ROOM', 'room a is not in')
        check_err(a.final('SAY #nosuch hi'), 'SAY', 'NO_SUCH_ROOM', 'no such room')
        check_err(a.final('SAY lobby hi'), 'SAY', 'BAD_NAME', 'no #')
        check_err(a.final('SAY #bad! hi'), 'SAY', 'BAD_NAME', 'bad room name')
        check_err(a.final('SAY #lobby    '), 'SAY', 'EMPTY_MESSAGE', 'spaces only')
        check_err(a.final('SAY #lobby \x1b\x07'), 'SAY', 'EMPTY_MESSAGE', 'only controls')
        fin = a.final('SAY #lobby')
        check(nl.is_err(fin, 'SAY', 'EMPTY_MESSAGE') or nl.is_err(fin, 'SAY', 'BAD_ARGS'),
              'SAY #lobby without text -> %r' % fin)
        msgs = [l for l in b.sync() if l.startswith('MSG ')]
        check_eq(msgs, [], 'messages bob got from refused SAYs')


def test_say_text_verbatim():
    with Server() as srv:
        a, b = two(srv)
        text = 'two  spaces,   three, and "quotes" #hash /slash :colon é ✓ 😀'
        a.ok('SAY #lobby ' + text, 'OK SAY #lobby')
        b.next_is('MSG #lobby alice ' + text)
        # Leading spaces are trimmed, the rest kept.
        a.ok('SAY    #lobby     leading  trimmed', 'OK SAY #lobby')
        b.next_is('MSG #lobby alice leading  trimmed')
        a.ok('SAY #lobby SAY #lobby nested', 'OK SAY #lobby')
        b.next_is('MSG #lobby alice SAY #lobby nested')


def test_say_trailing_spaces_kept():
    with Server() as srv:
        a, b = two(srv)
        a.ok('SAY #lobby trailing  ', 'OK SAY #lobby')
        b.next_is('MSG #lobby alice trailing  ')


def test_leave():
    with Server() as srv:
        a, b = two(srv)
        a.ok('JOIN #r')
        b.ok('JOIN #r')
        a.sync()
        b.sync()
        a.send('LEAVE #r')
        a.next_is('OK LEAVE #r')
        a.next_is('LEAVE #r alice')
        b.next_is('LEAVE #r alice')
        check_err(a.final('LEAVE #r'), 'LEAVE', 'NOT_IN_ROOM', 'second LEAVE')
        check_err(a.final('LEAVE #nosuch'), 'LEAVE', 'NO_SUCH_ROOM')
        check_err(a.final('LEAVE nohash'), 'LEAVE', 'BAD_NAME')
        check_err(a.final('SAY #r after leaving'), 'SAY', 'NOT_IN_ROOM')
        b.ok('SAY #r anyone?', 'OK SAY #r')
        a.no_line(0.2)
        # PART is LEAVE.
        c = srv.client()
        c.nick('carol')
        c.ok('JOIN #r')
        b.sync()
        c.sync()
        b.send('PART #r')
        b.next_is('OK LEAVE #r')
        b.next_is('LEAVE #r bob')
        c.next_is('LEAVE #r bob')
        check_err(b.final('part #r'), 'LEAVE', 'NOT_IN_ROOM')


def parse_users(data):
    users = []
    for l in data:
        parts = l.split(' ')
        if parts[0] != 'USER':
            continue
        check(len(parts) >= 3 and parts[2] in ('user', 'guest'), 'bad USER line %r' % l)
        users.append((parts[1], parts[2], set(parts[3:])))
    return users


def test_who():
    with Server() as srv:
        a = srv.client()
        a.register('alice')
        a2 = srv.client()
        a2.login('alice')            # two connections, one USER line
        b = srv.client()
        b.nick('Bob')
        c = srv.client()
        c.register('carol')
        srv.client()                 # not logged in: not listed
        a.ok('JOIN #r')
        b.ok('JOIN #r')
        a.ok('JOIN #s')
        for x in (a, b, c):
            x.sync()
        data, fin = c.reply('WHO')
        users = parse_users(data)
        check_eq(users, [('alice', 'user', {'#lobby', '#r', '#s'}),
                         ('Bob', 'guest', {'#lobby', '#r'}),
                         ('carol', 'user', {'#lobby'})],
                 'WHO (sorted by name without regard to case)')
        check_eq(fin, 'OK WHO %d' % len(users), 'WHO final line')
        data, fin = c.reply('WHO #r')
        users = parse_users(data)
        check_eq(users, [('alice', 'user', {'#lobby', '#r', '#s'}),
                         ('Bob', 'guest', {'#lobby', '#r'})], 'WHO #r')
        check_eq(fin, 'OK WHO 2', 'WHO #r final line')
        for alias in ['LIST #s', 'users #s', '/who #S']:
            data, fin = c.reply(alias)
            check_eq(parse_users(data), [('alice', 'user', {'#lobby', '#r', '#s'})], alias)
            check_eq(fin, 'OK WHO 1', alias + ' final line')
        check_err(c.final('WHO #nosuch'), 'WHO', 'NO_SUCH_ROOM')
        check_err(c.final('WHO nohash'), 'WHO', 'BAD_NAME')


def test_who_sorting_many():
    with Server() as srv:
        names = ['delta', 'Alpha', 'charlie', 'Echo', 'bravo', 'F_ox', 'f-ox2', 'a1', 'Z9', 'zz']
        cs = []
        for n in names:
            c = srv.client()
            c.nick(n)
            cs.append(c)
        data, fin = cs[0].reply('WHO')
        got = [u[0] for u in parse_users(data)]
        check_eq(got, sorted(names, key=str.lower), 'WHO order')
        check_eq(fin, 'OK WHO %d' % len(names), 'WHO final')


def test_rooms():
    with Server() as srv:
        a, b = two(srv)
        a.ok('JOIN #beta')
        a.ok('JOIN #alpha')
        b.ok('JOIN #alpha')
        b.ok('JOIN #kappa')
        a.sync()
        data, fin = a.reply('ROOMS')
        rooms = []
        for l in data:
            m = re.fullmatch(r'ROOM (#\S+) (\d+)(?: .*)?', l)
            check(m, 'bad ROOM line %r' % l)
            rooms.append((m.group(1), int(m.group(2))))
        check_eq(rooms, [('#alpha', 2), ('#beta', 1), ('#kappa', 1), ('#lobby', 2)],
                 'ROOMS on a fresh server')
        check_eq(fin, 'OK ROOMS %d' % len(rooms), 'ROOMS final line')
        check_err(a.final('ROOMS #alpha'), 'ROOMS', 'BAD_ARGS')


def test_disconnect_leaves_rooms():
    with Server() as srv:
        a, b = two(srv)
        c = srv.client()
        c.nick('carol')
        anon = srv.client()
        a.ok('JOIN #r')
        b.ok('JOIN #r')
        for x in (a, b, c):
            x.sync()
        b.close()
        got = {a.recv_line(), a.recv_line(), a.recv_line()}
        check_eq(got, {'LEAVE #lobby bob', 'LEAVE #r bob', 'OFFLINE bob'}, 'alice (in #r)')
        a.no_line(0.2)
        got = {c.recv_line(), c.recv_line()}
        check_eq(got, {'LEAVE #lobby bob', 'OFFLINE bob'}, 'carol (not in #r)')
        c.no_line(0.05)
        check_eq(anon.sync(), [], 'not logged in')
        data, fin = a.reply('WHO #r')
        check_eq(fin, 'OK WHO 1', 'WHO #r after bob left')
        # A reset connection is the same.
        d = srv.client()
        d.nick('dave')
        check_eq(set(a.sync()), {'ONLINE dave', 'JOIN #lobby dave'}, 'alice when dave comes')
        d.abort()
        got = {a.recv_line(), a.recv_line()}
        check_eq(got, {'LEAVE #lobby dave', 'OFFLINE dave'}, 'alice after dave\'s reset')


def test_connect_creates_room():
    with Server() as srv:
        a, b = two(srv)
        b.sync()
        a.send('CONNECT bob')
        a.next_is('OK CONNECT #alice-bob')
        got = {a.recv_line(), a.recv_line()}
        check_eq(got, {'JOIN #alice-bob alice', 'JOIN #alice-bob bob'}, 'alice\'s JOIN lines')
        a.no_line(0.2)
        lines = [b.recv_line()] + b.drain(0.3)
        joins = sorted(l for l in lines if l.startswith('JOIN '))
        infos = [l for l in lines if l.startswith('INFO ')]
        check_eq(joins, ['JOIN #alice-bob alice', 'JOIN #alice-bob bob'],
                 'bob\'s JOIN lines; bob got:\n' + fmt_lines(lines))
        check(len(infos) == 1 and 'alice' in infos[0],
              'bob did not get one INFO naming alice:\n' + fmt_lines(lines))
        check_eq(len(lines), 3, 'bob\'s lines')
        data, fin = a.reply('WHO #alice-bob')
        check_eq([u[0] for u in parse_users(data)], ['alice', 'bob'], 'members of #alice-bob')
        b.ok('SAY #alice-bob hi', 'OK SAY #alice-bob')
        a.next_is('MSG #alice-bob bob hi')


def test_connect_joins_latest_room():
    with Server() as srv:
        a, b = two(srv)
        b.ok('JOIN #older')
        b.ok('JOIN #newest')
        b.sync()
        a.sync()
        a.send('C bob')
        a.next_is('OK CONNECT #newest')
        a.next_is('JOIN #newest alice')
        a.no_line(0.2)
        lines = [b.recv_line()] + b.drain(0.3)
        check_eq(len(lines), 2, 'bob\'s lines: ' + fmt_lines(lines))
        check_eq(sorted(l for l in lines if l.startswith('JOIN ')), ['JOIN #newest alice'],
                 'bob\'s JOIN lines; bob got:\n' + fmt_lines(lines))
        infos = [l for l in lines if l.startswith('INFO ')]
        check(len(infos) == 1 and 'alice' in infos[0],
              'bob did not get one INFO naming alice:\n' + fmt_lines(lines))
        check_err(a.final('SAY #older hi'), 'SAY', 'NOT_IN_ROOM')


def test_connect_errors():
    with Server() as srv:
        a, b = two(srv)
        check_err(a.final('CONNECT alice'), 'CONNECT', 'SELF')
        check_err(a.final('CONNECT ALICE'), 'CONNECT', 'SELF', 'self in another case')
        check_err(a.final('CONNECT nobody'), 'CONNECT', 'NO_SUCH_USER')
        r = srv.client()
        r.register('offline')
        r.quit()
        check_err(a.final('CONNECT offline'), 'CONNECT', 'NO_SUCH_USER', 'registered, offline')
        check_err(a.final('C nobody'), 'CONNECT', 'NO_SUCH_USER', 'alias C')


def test_connect_numeric_suffix():
    with Server() as srv:
        a, b = two(srv)
        c = srv.client()
        c.nick('carol')
        c.ok('JOIN #alice-bob', 'OK JOIN #alice-bob 1')
        c.sync()
        fin = a.final('CONNECT bob')
        m = re.fullmatch(r'OK CONNECT (#alice-bob-?(\d+))', fin)
        check(m, 'CONNECT bob with #alice-bob taken answered %r' % fin)
        room = m.group(1)
        got = {a.recv_line(), a.recv_line()}
        check_eq(got, {'JOIN %s alice' % room, 'JOIN %s bob' % room}, 'alice\'s JOIN lines')
        data, fin = a.reply('WHO ' + room)
        check_eq([u[0] for u in parse_users(data)], ['alice', 'bob'], 'members of ' + room)
        data, fin = a.reply('WHO #alice-bob')
        check_eq([u[0] for u in parse_users(data)], ['carol'], 'members of #alice-bob')
        c.no_line(0.2)


if __name__ == '__main__':
    nl.main(globals())
