#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""REGISTER, LOGIN, NICK, LOGOUT; presence (ONLINE/OFFLINE); persistence."""

import sys

sys.dont_write_bytecode = True
import natterlib as nl  # noqa: E402
from natterlib import Server, check, check_eq, check_err, fmt_lines  # noqa: E402


def test_register():
    with Server() as srv:
        c = srv.client()
        c.send('REGISTER alice pw-alice-secret')
        c.next_is('OK REGISTER alice')
        c.next_is('JOIN #lobby alice')
        c.no_line(0.2)


def test_register_name_taken():
    with Server() as srv:
        a = srv.client()
        a.register('Alice')
        b = srv.client()
        for name in ['Alice', 'alice', 'ALICE', 'aLiCe']:
            check_err(b.final('REGISTER %s another-password' % name), 'REGISTER', 'NAME_TAKEN',
                      'REGISTER %s' % name)
        # Taken also when its owner is offline.
        a.quit()
        check_err(b.final('REGISTER alice another-password'), 'REGISTER', 'NAME_TAKEN')


def test_register_bad_name():
    with Server() as srv:
        c = srv.client()
        problems = []
        for name in ['a' * 33, 'al!ce', 'al.ce', 'al@ce', '#alice', 'zoë', 'имя', 'a/b',
                     'al\\ce', "o'neil", 'x+y']:
            fin = c.final('REGISTER %s good-password' % name)
            if not nl.is_err(fin, 'REGISTER', 'BAD_NAME'):
                problems.append('REGISTER %s -> %r' % (name, fin))
        check(not problems, '\n'.join(problems))
        # 32 characters of every allowed kind are fine.
        name = 'Az09_-' + 'x' * 26
        c.register(name)


def test_register_bad_password():
    with Server() as srv:
        c = srv.client()
        check_err(c.final('REGISTER alice 1234567'), 'REGISTER', 'BAD_PASSWORD', '7 bytes')
        check_err(c.final('REGISTER alice ' + 'p' * 257), 'REGISTER', 'BAD_PASSWORD', '257 bytes')
        # The failures created nothing: the name is free, 8 bytes are enough.
        c.register('alice', '12345678')
        d = srv.client()
        d.register('bob', 'q' * 256)
        d2 = srv.client()
        d2.login('bob', 'q' * 256)


def test_register_bad_args():
    with Server() as srv:
        c = srv.client()
        check_err(c.final('REGISTER alice'), 'REGISTER', 'BAD_ARGS', 'missing password')
        check_err(c.final('REGISTER'), 'REGISTER', 'BAD_ARGS', 'no arguments')
        check_err(c.final('REGISTER alice good-password extra'), 'REGISTER', 'BAD_ARGS',
                  'extra argument')
        check_err(c.final('LOGIN alice'), 'LOGIN', 'BAD_ARGS', 'LOGIN missing password')
        check_err(c.final('LOGIN alice good-password extra'), 'LOGIN', 'BAD_ARGS',
                  'LOGIN extra argument')
        # Nothing was created.
        c.register('alice', 'good-password')


def test_already_logged_in():
    with Server() as srv:
        c = srv.client()
        c.register('alice')
        check_err(c.final('REGISTER bob pw-bob-secret'), 'REGISTER', 'ALREADY_LOGGED_IN')
        check_err(c.final('LOGIN alice pw-alice-secret'), 'LOGIN', 'ALREADY_LOGGED_IN')
        check_err(c.final('NICK guesty'), 'NICK', 'ALREADY_LOGGED_IN')
        check_err(c.final('NAME guesty'), 'NICK', 'ALREADY_LOGGED_IN')
        g = srv.client()
        g.nick('guest1')
        check_err(g.final('NICK guest2'), 'NICK', 'ALREADY_LOGGED_IN')
        check_err(g.final('LOGIN alice pw-alice-secret'), 'LOGIN', 'ALREADY_LOGGED_IN')
        check_err(g.final('REGISTER carol pw-carol-secret'), 'REGISTER', 'ALREADY_LOGGED_IN')
        # bob was not created by the refused REGISTER.
        d = srv.client()
        check_err(d.final('LOGIN bob pw-bob-secret'), 'LOGIN', 'LOGIN_FAILED')


def test_login():
    with Server() as srv:
        a = srv.client()
        a.register('Alice')
        a.quit()
        b = srv.client()
        rooms = b.login('alice', shown='Alice')  # any case; shown as first written
        check_eq(rooms, ['#lobby'], 'JOIN lines after LOGIN')


def test_login_failed_is_the_same():
    with Server() as srv:
        a = srv.client()
        a.register('alice')
        c = srv.client()
        wrong = c.final('LOGIN alice wrong-password')
        check_err(wrong, 'LOGIN', 'LOGIN_FAILED', 'wrong password')
        unknown = c.final('LOGIN nobody wrong-password')
        check_err(unknown, 'LOGIN', 'LOGIN_FAILED', 'unknown user')
        check_eq(unknown, wrong, 'LOGIN_FAILED must be the same for an unknown user and a wrong '
                 'password')
        # Still not logged in, and the right password works.
        check_err(c.final('WHO'), 'WHO', 'NOT_LOGGED_IN')
        c.login('alice')


def test_nick_guest():
    with Server() as srv:
        c = srv.client()
        c.send('NICK guest_1')
        c.next_is('OK NICK guest_1')
        c.next_is('JOIN #lobby guest_1')
        n = srv.client()
        n.send('name Other-2')
        n.next_is('OK NICK Other-2')
        n.next_is('JOIN #lobby Other-2')
        check_err(srv.client().final('NICK bad!name'), 'NICK', 'BAD_NAME')
        check_err(srv.client().final('NICK ' + 'g' * 33), 'NICK', 'BAD_NAME')


def test_nick_registered_name_taken():
    with Server() as srv:
        a = srv.client()
        a.register('alice')
        c = srv.client()
        check_err(c.final('NICK alice'), 'NICK', 'NAME_TAKEN', 'online account')
        check_err(c.final('NICK ALICE'), 'NICK', 'NAME_TAKEN', 'online account, other case')
        a.quit()
        check_err(c.final('NICK Alice'), 'NICK', 'NAME_TAKEN', 'offline account')


def test_nick_online_guest_taken_and_released():
    with Server() as srv:
        obs = srv.client()
        obs.nick('observer')
        g = srv.client()
        g.nick('Guesty')
        c = srv.client()
        check_err(c.final('NICK Guesty'), 'NICK', 'NAME_TAKEN', 'same case')
        check_err(c.final('NICK guesty'), 'NICK', 'NAME_TAKEN', 'other case')
        check_err(c.final('NICK GUESTY'), 'NICK', 'NAME_TAKEN', 'upper case')
        obs.expect_exact('ONLINE Guesty')
        g.close()
        obs.expect_exact('OFFLINE Guesty')
        c.nick('guesty')


def test_logout_and_login_again():
    with Server() as srv:
        obs = srv.client()
        obs.nick('observer')
        c = srv.client()
        c.register('alice')
        c.ok('JOIN #den', 'OK JOIN #den 1')
        c.next_is('JOIN #den alice')
        obs.ok('JOIN #den', 'OK JOIN #den 2')
        obs.sync()
        check_eq(c.final('LOGOUT'), 'OK LOGOUT', 'LOGOUT')
        got = set()
        for _ in range(3):
            got.add(obs.recv_line())
        check_eq(got, {'LEAVE #lobby alice', 'LEAVE #den alice', 'OFFLINE alice'},
                 'observer after alice logs out')
        obs.no_line(0.2)
        # Not logged in any more, and the connection stays.
        check_err(c.final('SAY #den hi'), 'SAY', 'NOT_LOGGED_IN')
        check_err(c.final('LOGOUT'), 'LOGOUT', 'NOT_LOGGED_IN')
        rooms = c.login('alice')
        check_eq(rooms, ['#lobby', '#den'], 'JOIN lines after the second LOGIN')
        c.ok('SAY #den back again', 'OK SAY #den')
        got = set()
        for _ in range(4):
            got.add(obs.recv_line())
        check_eq(got, {'ONLINE alice', 'JOIN #lobby alice', 'JOIN #den alice',
                       'MSG #den alice back again'}, 'observer after alice logs in again')


def test_guest_logout_then_register():
    with Server() as srv:
        c = srv.client()
        c.nick('visitor')
        check_eq(c.final('LOGOUT'), 'OK LOGOUT', 'LOGOUT')
        c.register('member')


def test_one_account_two_connections():
    with Server() as srv:
        a1 = srv.client()
        a1.register('alice')
        a1.ok('JOIN #r', 'OK JOIN #r 1')
        a1.next_is('JOIN #r alice')
        a2 = srv.client()
        rooms = a2.login('alice')
        check_eq(rooms, ['#lobby', '#r'], 'second connection JOIN lines')
        b = srv.client()
        b.nick('bob')
        b.ok('JOIN #r', 'OK JOIN #r 2')
        a1.expect_exact('JOIN #r bob')
        a2.expect_exact('JOIN #r bob')
        b.ok('SAY #r hello both', 'OK SAY #r')
        a1.expect_exact('MSG #r bob hello both')
        a2.expect_exact('MSG #r bob hello both')
        # A room message goes to every other connection in the room,
        # including the sender's own other connections.
        a1.ok('SAY #r from one', 'OK SAY #r')
        a2.expect_exact('MSG #r alice from one')
        b.expect_exact('MSG #r alice from one')
        a1.no_line(0.2)
        # Membership belongs to the user: a LEAVE on one connection shows on both.
        a2.ok('LEAVE #r', 'OK LEAVE #r')
        a1.expect_exact('LEAVE #r alice')
        a2.expect_exact('LEAVE #r alice')
        b.expect_exact('LEAVE #r alice')
        check_err(a1.final('SAY #r still here?'), 'SAY', 'NOT_IN_ROOM')
        # WHO lists the user once.
        data, fin = b.reply('WHO')
        users = [l for l in data if l.startswith('USER ')]
        check_eq([u.split()[1] for u in users], ['alice', 'bob'], 'WHO users')
        check_eq(fin, 'OK WHO 2', 'WHO final line')


def test_online_offline_first_and_last():
    with Server() as srv:
        obs = srv.client()
        obs.nick('observer')
        anon = srv.client()           # not logged in: gets no presence lines
        b1 = srv.client()
        b1.register('bob')
        got = {obs.recv_line(), obs.recv_line()}
        check_eq(got, {'ONLINE bob', 'JOIN #lobby bob'}, 'observer on the first login')
        obs.no_line(0.2)
        b2 = srv.client()
        b2.login('bob')
        obs.sync()
        obs.no_line(0.2)
        check_eq(b1.sync(), [], 'bob\'s first connection when the second logs in')
        # First connection goes: bob is still online.
        b1.quit()
        check_eq(obs.sync(), [], 'observer after one of two connections quits')
        obs.no_line(0.2)
        # Last connection goes.
        b2.close()
        got = {obs.recv_line(), obs.recv_line()}
        check_eq(got, {'LEAVE #lobby bob', 'OFFLINE bob'}, 'observer after the last connection')
        obs.no_line(0.2)
        check_eq(anon.sync(), [], 'not-logged-in connection')
        # Self does not get its own ONLINE.
        c = srv.client()
        others = c.register('carol')
        check('ONLINE carol' not in others, 'carol got her own ONLINE: %r' % others)
        obs.expect_exact('ONLINE carol')


def test_restart_keeps_accounts_and_rooms():
    with Server() as srv:
        a = srv.client()
        a.register('alice')
        for room in ['#zeta', '#alpha', '#Mid', '#gone']:
            a.ok('JOIN ' + room, 'OK JOIN %s 1' % room)
            a.next_is('JOIN %s alice' % room)
        a.ok('LEAVE #gone', 'OK LEAVE #gone')
        a.next_is('LEAVE #gone alice')
        b = srv.client()
        b.register('Bob')
        g = srv.client()
        g.nick('guest')
        g.ok('JOIN #guestroom', 'OK JOIN #guestroom 1')
        srv.restart()
        a = srv.client()
        rooms = a.login('alice')
        check_eq(rooms, ['#lobby', '#zeta', '#alpha', '#Mid'],
                 'rooms after a restart (join order, after #lobby)')
        b = srv.client()
        check_eq(b.login('bob', shown='Bob'), ['#lobby'], 'Bob\'s rooms')
        check_err(srv.client().final('LOGIN alice wrong-password'), 'LOGIN', 'LOGIN_FAILED')
        check_err(srv.client().final('REGISTER ALICE pw-again-secret'), 'REGISTER', 'NAME_TAKEN')
        # The guest name is free, and rooms are as first written.
        g = srv.client()
        g.nick('guest')
        check_eq(g.final('JOIN #mid'), 'OK JOIN #Mid 2', 'joining #mid after the restart')


def test_restart_twice():
    with Server() as srv:
        a = srv.client()
        a.register('alice')
        a.ok('JOIN #one', 'OK JOIN #one 1')
        srv.restart()
        a = srv.client()
        check_eq(a.login('alice'), ['#lobby', '#one'], 'after the first restart')
        a.ok('JOIN #two', 'OK JOIN #two 1')
        srv.restart()
        a = srv.client()
        check_eq(a.login('alice'), ['#lobby', '#one', '#two'], 'after the second restart')


if __name__ == '__main__':
    nl.main(globals())
