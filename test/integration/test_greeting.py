#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The greeting, HELP, TIME, PING, command words, and what needs a login."""

import re
import sys

sys.dont_write_bytecode = True
import natterlib as nl  # noqa: E402
from natterlib import Server, check, check_eq, check_err, fail, fmt_lines  # noqa: E402

COMMANDS = nl.protocol_commands()


def test_hello_and_welcome():
    with Server(server_name='greeting-test') as srv:
        c = srv.client()
        check_eq(c.hello, 'HELLO natter/1 greeting-test', 'HELLO line')
        check(c.welcome, 'no INFO lines after HELLO')
        for l in c.welcome:
            check(l.startswith('INFO '), 'welcome line is not INFO: %r\nwelcome:\n%s'
                  % (l, fmt_lines(c.welcome)))
        check(any(re.search(r'\bHELP\b', l) for l in c.welcome),
              'no welcome INFO line mentions HELP:\n%s' % fmt_lines(c.welcome))


def test_help_lists_every_command():
    with Server() as srv:
        c = srv.client()
        data, fin = c.reply('HELP')
        check_eq(fin, 'OK HELP', 'final line of HELP')
        check(data, 'HELP sent no INFO lines')
        for l in data:
            check(l.startswith('INFO '), 'HELP data line is not INFO: %r' % l)
        missing = [name for name, _ in COMMANDS
                   if not any(re.search(r'(?<![A-Z])%s(?![A-Z])' % name, l) for l in data)]
        check(not missing, 'HELP does not list %s; it sent:\n%s' % (missing, fmt_lines(data)))


def test_help_each_command():
    with Server() as srv:
        c = srv.client()
        problems = []
        for name, aliases in COMMANDS:
            for word in [name, name.lower()]:
                data, fin = c.reply('HELP ' + word)
                if fin != 'OK HELP':
                    problems.append('HELP %s -> %r' % (word, fin))
                elif not data or not all(l.startswith('INFO ') for l in data):
                    problems.append('HELP %s: data lines %r' % (word, data))
                elif not any(re.search(r'(?<![A-Z])%s(?![A-Z])' % name, l) for l in data):
                    problems.append('HELP %s does not show the command: %r' % (word, data))
        check(not problems, '\n'.join(problems))


def test_help_alias():
    with Server() as srv:
        c = srv.client()
        problems = []
        for name, aliases in COMMANDS:
            for alias in aliases:
                data, fin = c.reply('HELP ' + alias)
                if fin != 'OK HELP' or not data or not all(l.startswith('INFO ') for l in data):
                    problems.append('HELP %s -> %r, %r' % (alias, data, fin))
                elif not any(re.search(r'(?<![A-Z])%s(?![A-Z])' % name, l) for l in data):
                    problems.append('HELP %s does not show %s: %r' % (alias, name, data))
        check(not problems, '\n'.join(problems))


def test_help_unknown():
    with Server() as srv:
        c = srv.client()
        c.err('HELP nosuch', 'HELP', 'BAD_ARGS')
        c.err('HELP help time', 'HELP', 'BAD_ARGS')


def test_time():
    with Server() as srv:
        c = srv.client()
        fin = c.final('TIME')
        check(re.fullmatch(r'OK TIME \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z', fin),
              'TIME answered %r' % fin)
        import datetime
        t = datetime.datetime.strptime(fin[8:], '%Y-%m-%dT%H:%M:%S.%fZ')
        now = datetime.datetime.utcnow()
        check(abs((now - t).total_seconds()) < 60, 'TIME %s is not now (%s UTC)' % (fin, now))


def test_ping():
    with Server() as srv:
        c = srv.client()
        data, fin = c.reply('PING')
        check_eq((data, fin), ([], 'PONG'), 'PING')
        data, fin = c.reply('PING abc')
        check_eq((data, fin), ([], 'PONG abc'), 'PING abc')


def test_pong_gets_no_reply():
    with Server() as srv:
        c = srv.client()
        c.send('PONG')
        c.send('PONG whatever')
        c.no_line(0.3)
        check_eq(c.final('PING z'), 'PONG z', 'PING after PONG')


def test_case_and_slash():
    with Server() as srv:
        c = srv.client()
        check_eq(c.final('ping a'), 'PONG a', 'ping')
        check_eq(c.final('PiNg b'), 'PONG b', 'PiNg')
        check_eq(c.final('/PING c'), 'PONG c', '/PING')
        check_eq(c.final('/ping d'), 'PONG d', '/ping')
        check(re.fullmatch(r'OK TIME \S+', c.final('/time')), '/time')
        check_eq(c.reply('/Help')[1], 'OK HELP', '/Help')
        # An alias answered under the canonical name.
        c.nick('casey')
        check_eq(c.reply('/users')[1], 'OK WHO 1', '/users')


def test_empty_lines_ignored():
    with Server() as srv:
        c = srv.client()
        c.send_raw(b'\r\n\n   \r\n \t \n')
        c.no_line(0.3)
        c.send('PING after-empty')
        c.next_is('PONG after-empty')


def test_unknown_command():
    with Server() as srv:
        c = srv.client()
        check_err(c.final('FOO'), 'FOO', 'UNKNOWN_COMMAND')
        check_err(c.final('foo bar baz'), 'FOO', 'UNKNOWN_COMMAND')
        check_err(c.final('Frobnicate'), 'FROBNICATE', 'UNKNOWN_COMMAND')
        check_err(c.final('x!y'), '-', 'UNKNOWN_COMMAND')
        c.nick('eve')
        check_err(c.final('FOO'), 'FOO', 'UNKNOWN_COMMAND')


def test_error_lines_have_text():
    # ERR <COMMAND> <CODE> <text>: the text is part of the line's shape.
    with Server() as srv:
        c = srv.client()
        for cmd in ['FOO', 'WHO', 'HELP nosuch', 'TIME now']:
            fin = c.final(cmd)
            check(re.fullmatch(r'ERR \S+ [A-Z_]+ \S.*', fin), '%r: ERR line without text: %r'
                  % (cmd, fin))


def test_bad_args_extra_words():
    with Server() as srv:
        c = srv.client()
        problems = []
        for line, cmd in [('TIME now', 'TIME'), ('REGISTER alice', 'REGISTER'),
                          ('LOGIN alice', 'LOGIN'), ('NICK', 'NICK'), ('NICK a b', 'NICK'),
                          ('REGISTER a b c', 'REGISTER'), ('HELP a b', 'HELP')]:
            fin = c.final(line)
            if not nl.is_err(fin, cmd, 'BAD_ARGS'):
                problems.append('%r -> %r (want ERR %s BAD_ARGS)' % (line, fin, cmd))
        c.nick('argus')
        for line, cmd in [('LOGOUT now', 'LOGOUT'), ('ROOMS x', 'ROOMS'), ('JOIN', 'JOIN'),
                          ('JOIN #a #b', 'JOIN'), ('LEAVE', 'LEAVE'), ('LEAVE #a #b', 'LEAVE'),
                          ('WHO #lobby #x', 'WHO'), ('CONNECT', 'CONNECT'),
                          ('CONNECT a b', 'CONNECT'), ('SAY', 'SAY'), ('DM', 'DM')]:
            fin = c.final(line)
            if not nl.is_err(fin, cmd, 'BAD_ARGS'):
                problems.append('%r -> %r (want ERR %s BAD_ARGS)' % (line, fin, cmd))
        check(not problems, '\n'.join(problems))


def test_ping_token_is_one_word():
    # `PING [token]` takes an argument, not a TEXT (only ALL, DM and SAY are
    # given a <text> in the command table), so a second word is an extra one.
    with Server() as srv:
        c = srv.client()
        check_err(c.final('PING a b'), 'PING', 'BAD_ARGS')


def test_not_logged_in():
    with Server() as srv:
        c = srv.client()
        problems = []
        for line, cmd in [('LOGOUT', 'LOGOUT'), ('ALL hello', 'ALL'), ('DM bob hi', 'DM'),
                          ('JOIN #room', 'JOIN'), ('LEAVE #lobby', 'LEAVE'),
                          ('SAY #lobby hi', 'SAY'), ('CONNECT bob', 'CONNECT'),
                          ('WHO', 'WHO'), ('ROOMS', 'ROOMS'),
                          # aliases are answered with the canonical name
                          ('PART #lobby', 'LEAVE'), ('TELL bob hi', 'DM'),
                          ('BROADCAST hi', 'ALL'), ('USERS', 'WHO'), ('/c bob', 'CONNECT')]:
            fin = c.final(line)
            if not nl.is_err(fin, cmd, 'NOT_LOGGED_IN'):
                problems.append('%r -> %r (want ERR %s NOT_LOGGED_IN)' % (line, fin, cmd))
        check(not problems, '\n'.join(problems))
        # Still usable, and HELP/TIME/PING need no login.
        check_eq(c.reply('HELP')[1], 'OK HELP', 'HELP')
        check_eq(c.final('PING p'), 'PONG p', 'PING')


def test_quit():
    with Server() as srv:
        c = srv.client()
        c.send('QUIT')
        c.next_is('OK QUIT')
        c.next_is(re.compile(r'BYE QUIT(?: .*)?'))
        c.expect_eof()


def test_quit_with_reason_logged_in():
    with Server() as srv:
        c = srv.client()
        c.nick('quitter')
        c.send('quit later')
        c.next_is('OK QUIT')
        c.next_is(re.compile(r'BYE QUIT(?: .*)?'))
        c.expect_eof()


def test_close_exit_aliases():
    with Server() as srv:
        for word in ['CLOSE', 'EXIT', '/exit', 'close']:
            c = srv.client()
            c.send(word)
            c.next_is('OK QUIT')
            c.next_is(re.compile(r'BYE QUIT(?: .*)?'))
            c.expect_eof()
            c.close()


if __name__ == '__main__':
    nl.main(globals())
