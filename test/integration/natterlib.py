# SPDX-License-Identifier: MIT
"""Harness for natterd's integration tests: a server on a free port with a
temporary database, line clients, and a tiny TAP test runner.

Every wait is bounded and multiplied by NATTER_TEST_TIMEOUT_SCALE (default 1)
so that the same tests run under ASan or ThreadSanitizer.  Tests assert the
codes and line shapes of docs/protocol.md, never the human text.
"""

import os
import re
import resource
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import traceback

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

SCALE = float(os.environ.get('NATTER_TEST_TIMEOUT_SCALE') or '1')
NATTERD = os.environ.get('NATTERD') or os.path.join(ROOT, 'build', 'src', 'natterd')

LISTEN_RE = re.compile(r'listening on (\d+\.\d+\.\d+\.\d+|\[[0-9A-Fa-f:.]+\]|[0-9A-Fa-f:]+):(\d+)')
FINAL_RE = re.compile(r'^(?:(?:OK|ERR) |PONG(?: |$))')
# Characters no server line may carry: C0 controls, DEL and C1 controls.
CONTROL_RE = re.compile('[\x00-\x1f\x7f\x80-\x9f]')

# Everything a test started, so the runner can clean up after a failure.
_live_servers = []
_live_clients = []


def T(seconds):
    """A timeout, scaled for slow (sanitizer) builds."""
    return seconds * SCALE


class TestFailure(AssertionError):
    pass


def fail(msg):
    raise TestFailure(msg)


def check(cond, msg):
    if not cond:
        fail(msg)


def check_eq(got, want, what=''):
    if got != want:
        fail('%s\n  expected: %r\n  got:      %r' % (what or 'mismatch', want, got))


def fmt_lines(lines, limit=60):
    if not lines:
        return '    (no lines)'
    shown = list(lines)
    extra = ''
    if len(shown) > limit:
        extra = '\n    ... %d more' % (len(shown) - limit)
        shown = shown[:limit]
    return '\n'.join('    %r' % (l,) for l in shown) + extra


def raise_nofile(want=4096):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = want if hard == resource.RLIM_INFINITY else min(want, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


def protocol_header():
    with open(os.path.join(ROOT, 'include', 'natter', 'protocol.h'), encoding='utf-8') as f:
        return f.read()


def protocol_commands():
    """[(NAME, [ALIASES])] from include/natter/protocol.h, in table order."""
    text = protocol_header().replace('\\\n', ' ')
    cmds = [(m.group(1), m.group(2).split())
            for m in re.finditer(r'X\(\s*CMD_\w+\s*,\s*"([A-Z]+)"\s*,\s*"([A-Z ]*)"', text)]
    check(len(cmds) >= 10, 'could not read NATTER_COMMANDS from protocol.h: %r' % cmds)
    return cmds


def protocol_list(macro, prefix):
    text = protocol_header().replace('\\\n', ' ')
    m = re.search(r'#define\s+' + macro + r'\(X\)(.*?)(?:#define|\Z)', text, re.S)
    check(m, 'no %s in protocol.h' % macro)
    return re.findall(r'X\(\s*' + prefix + r'\w+\s*,\s*"([A-Z_]+)"', m.group(1))


class LineSplitter:
    """Cuts server bytes into lines, checking that each ends in CR LF, is UTF-8
    and carries no control characters."""

    def __init__(self, who='client'):
        self.buf = b''
        self.who = who

    def feed(self, data):
        self.buf += data
        out = []
        while True:
            i = self.buf.find(b'\n')
            if i < 0:
                return out
            raw, self.buf = self.buf[:i + 1], self.buf[i + 1:]
            out.append(check_server_line(raw, self.who))


def check_server_line(raw, who='client'):
    if not raw.endswith(b'\r\n'):
        fail('%s: server line not ended by CR LF: %r' % (who, raw[-200:]))
    body = raw[:-2]
    try:
        line = body.decode('utf-8')
    except UnicodeDecodeError as e:
        fail('%s: server line is not UTF-8 (%s): %r' % (who, e, body[:200]))
    if CONTROL_RE.search(line):
        fail('%s: server line carries a control character: %r' % (who, line[:200]))
    return line


class Server:
    """A natterd on 127.0.0.1 and a free port, with a database in a fresh
    temporary directory.  Use as a context manager; leaving it stops the
    server with SIGTERM and checks that it exits 0."""

    def __init__(self, *flags, server_name='natter-test', start=True, tmpdir=None):
        self.flags = [str(f) for f in flags]
        self.server_name = server_name
        self._tmp = None
        if tmpdir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix='natter-it-')
            tmpdir = self._tmp.name
        self.dir = tmpdir
        self.db = os.path.join(tmpdir, 'natter.db')
        self.proc = None
        self.port = None
        self.stderr_lines = []      # of every run of this server, in order
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._client_seq = 0
        _live_servers.append(self)
        if start:
            self.start()

    # -- process -------------------------------------------------------
    def argv(self):
        argv = [NATTERD, '--port', '0', '--db', self.db, '--weak-password-hash',
                '--bind', '127.0.0.1']
        if self.server_name is not None:
            argv += ['--server-name', self.server_name]
        return argv + self.flags

    def start(self):
        check(self.proc is None, 'server already running')
        check(os.path.exists(NATTERD), 'natterd not found at %s (pass it as argv[1] or NATTERD)'
              % NATTERD)
        argv = self.argv()
        with self._lock:
            self.stderr_lines.append('--- start: %s' % ' '.join(argv))
            self._port_found = None
        self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, cwd=self.dir)
        t = threading.Thread(target=self._drain, args=(self.proc,), daemon=True)
        t.start()
        self._drainer = t
        deadline = time.monotonic() + T(15)
        with self._cond:
            while self._port_found is None:
                if self.proc.poll() is not None and not t.is_alive():
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._cond.wait(min(left, 0.1))
            port = self._port_found
        if port is None:
            rc = self.proc.poll()
            if rc is None:
                self.proc.kill()
                self.proc.wait()
            self.proc = None
            fail('natterd did not print "listening on 127.0.0.1:PORT" (exit %r); stderr:\n%s'
                 % (rc, self.stderr_tail()))
        self.port = port
        return self

    def _drain(self, proc):
        for raw in proc.stderr:
            line = raw.decode('utf-8', 'replace').rstrip('\n')
            with self._cond:
                self.stderr_lines.append(line)
                if self._port_found is None:
                    m = LISTEN_RE.search(line)
                    if m:
                        self._port_found = int(m.group(2))
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def check_alive(self):
        if self.proc is None:
            fail('server is not running')
        rc = self.proc.poll()
        if rc is not None:
            fail('natterd died with status %r; stderr:\n%s' % (rc, self.stderr_tail()))

    def kill(self, sig=signal.SIGTERM, timeout=10):
        """Sends SIG and waits for the exit; returns the exit status
        (negative for death by a signal)."""
        check(self.proc is not None, 'server not running')
        proc = self.proc
        if proc.poll() is None:
            proc.send_signal(sig)
        try:
            rc = proc.wait(T(timeout))
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            self._drainer.join(T(5))
            self.proc = None
            fail('natterd did not exit within %ss of signal %s; stderr:\n%s'
                 % (T(timeout), sig, self.stderr_tail()))
        self._drainer.join(T(5))
        self.proc = None
        with self._lock:
            self.stderr_lines.append('--- exit status %d' % rc)
        return rc

    def stop(self, check_status=True):
        """SIGTERM; the server must exit 0."""
        if self.proc is None:
            return 0
        rc = self.kill(signal.SIGTERM)
        if check_status and rc != 0:
            fail('natterd exited with status %d after SIGTERM (want 0); stderr:\n%s'
                 % (rc, self.stderr_tail()))
        return rc

    def restart(self):
        """Stops the server (which must exit 0) and starts it again on the
        same database.  The port changes."""
        self.stop()
        self.start()
        return self

    def stderr_tail(self, n=40):
        with self._lock:
            lines = self.stderr_lines[-n:]
        return '\n'.join('    ' + l for l in lines)

    def cleanup(self):
        if self.proc is not None:
            try:
                self.proc.kill()
                self.proc.wait(5)
            except Exception:
                pass
            self.proc = None
        if self in _live_servers:
            _live_servers.remove(self)
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self):
        return self

    def __exit__(self, etype, exc, tb):
        try:
            if etype is None:
                # Clients that are still connected make natterd linger on
                # SIGTERM to deliver their BYE; test_shutdown covers that, so
                # here they go first (which also races their disconnects
                # against the shutdown).
                for c in list(_live_clients):
                    if c.server is self:
                        c.close()
                self.stop()
            elif self.proc is not None:
                try:
                    self.stop(check_status=False)
                except Exception:
                    pass
        finally:
            self.cleanup()
        return False

    # -- clients -------------------------------------------------------
    def client(self, sync=True, rcvbuf=None, name=None):
        """A connected client.  With SYNC the HELLO line and the welcome are
        read (the welcome ends where the reply to a PING starts) and kept in
        .hello and .welcome."""
        self._client_seq += 1
        c = Client(self.port, name=name or 'c%d' % self._client_seq, rcvbuf=rcvbuf, server=self)
        if sync:
            c.read_welcome()
        return c

    def clients(self, n, **kw):
        return [self.client(**kw) for _ in range(n)]


class EOFReached(Exception):
    pass


class LineTimeout(TestFailure):
    """No line came in time (as opposed to a malformed line)."""


class Client:
    _tokens = 0

    def __init__(self, port, host='127.0.0.1', name='client', rcvbuf=None, server=None):
        self.name = name
        self.server = server
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf is not None:
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        self.sock.settimeout(T(10))
        self.sock.connect((host, port))
        self.sock.setblocking(False)
        self.split = LineSplitter(name)
        self.lines = []         # received, not yet consumed
        self.eof = False
        self.reset = False
        self.seen = []          # every line ever received, for messages
        self.hello = None
        self.welcome = []
        self.user = None
        _live_clients.append(self)

    # -- sending -------------------------------------------------------
    def send(self, line):
        """Sends LINE with CR LF appended; bytes are sent as given."""
        if isinstance(line, str):
            data = (line + '\r\n').encode('utf-8')
        else:
            data = bytes(line)
        self.send_raw(data)

    def send_raw(self, data):
        view = memoryview(data)
        deadline = time.monotonic() + T(10)
        while view:
            try:
                n = self.sock.send(view)
                view = view[n:]
            except (BlockingIOError, InterruptedError):
                left = deadline - time.monotonic()
                if left <= 0:
                    fail('%s: could not send within %ss (server not reading?)' % (self.name, T(10)))
                select.select([], [self.sock], [], min(left, 0.5))

    # -- receiving -----------------------------------------------------
    def _fill(self, timeout):
        """Reads what is available, waiting at most TIMEOUT seconds for it.
        Returns False if nothing came in time."""
        if self.eof:
            return False
        r, _, _ = select.select([self.sock], [], [], max(timeout, 0))
        if not r:
            return False
        try:
            data = self.sock.recv(262144)
        except (BlockingIOError, InterruptedError):
            return True
        except ConnectionResetError:
            self.eof = True
            self.reset = True
            return True
        if not data:
            self.eof = True
            if self.split.buf:
                fail('%s: connection closed inside a line: %r' % (self.name, self.split.buf[-200:]))
            return True
        got = self.split.feed(data)
        self.lines.extend(got)
        self.seen.extend(got)
        return True

    def recv_line(self, timeout=5):
        """The next line (without CR LF); fails on timeout, raises EOFReached
        at the end of the stream."""
        deadline = time.monotonic() + T(timeout)
        while not self.lines:
            if self.eof:
                raise EOFReached('%s: connection closed%s' %
                                 (self.name, ' (reset)' if self.reset else ''))
            left = deadline - time.monotonic()
            if left <= 0:
                raise LineTimeout('%s: no line within %ss' % (self.name, T(timeout)))
            self._fill(left)
        return self.lines.pop(0)

    def try_line(self, timeout):
        """The next line, or None if none comes within TIMEOUT (scaled) or
        at EOF."""
        try:
            return self.recv_line(timeout)
        except EOFReached:
            return None
        except LineTimeout:
            return None

    def drain(self, within=0.2):
        """Every line that arrives until WITHIN seconds pass in silence."""
        out = []
        while True:
            l = self.try_line(within)
            if l is None:
                return out
            out.append(l)

    @staticmethod
    def _matcher(pat):
        if isinstance(pat, re.Pattern):
            return lambda l: pat.search(l) is not None
        if callable(pat):
            return pat
        return lambda l: l == pat or l.startswith(pat + ' ')

    def expect(self, pat, timeout=5):
        """Reads lines until one matches PAT: a compiled regex (searched), a
        predicate, or a string matching the line or its leading words.
        Lines before it are consumed.  Returns the line."""
        return self._read_matching(self._matcher(pat), repr(getattr(pat, 'pattern', pat)),
                                   timeout)

    def expect_exact(self, want, timeout=5):
        """Reads lines until one is exactly WANT."""
        return self._read_matching(lambda l: l == want, 'exactly %r' % (want,), timeout)

    def _read_matching(self, match, desc, timeout):
        seen = []
        deadline = time.monotonic() + T(timeout)
        while True:
            left = deadline - time.monotonic()
            try:
                if left <= 0 and not self.lines:
                    raise LineTimeout('timeout')
                line = self.recv_line(max(left, 0) / SCALE)
            except EOFReached:
                fail('%s: EOF while waiting for a line %s; lines seen:\n%s'
                     % (self.name, desc, fmt_lines(seen)))
            except LineTimeout:
                fail('%s: no line %s within %ss; lines seen:\n%s'
                     % (self.name, desc, T(timeout), fmt_lines(seen)))
            if match(line):
                return line
            seen.append(line)

    def next_is(self, want, timeout=5):
        """The very next line must be exactly WANT (a string) or match WANT
        (a compiled regex, fully)."""
        try:
            line = self.recv_line(timeout)
        except EOFReached:
            fail('%s: EOF, expected %r' % (self.name, getattr(want, 'pattern', want)))
        except LineTimeout:
            fail('%s: no line within %ss, expected %r'
                 % (self.name, T(timeout), getattr(want, 'pattern', want)))
        if isinstance(want, re.Pattern):
            if not want.fullmatch(line):
                fail('%s: expected a line matching %r, got %r' % (self.name, want.pattern, line))
        elif line != want:
            fail('%s: expected %r, got %r' % (self.name, want, line))
        return line

    def no_line(self, within=0.3):
        """Nothing may arrive within WITHIN seconds (scaled)."""
        deadline = time.monotonic() + T(within)
        while True:
            if self.lines:
                fail('%s: expected no line, got:\n%s' % (self.name, fmt_lines(self.lines)))
            if self.eof:
                fail('%s: expected no line, got EOF%s'
                     % (self.name, ' (reset)' if self.reset else ''))
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._fill(left)

    def expect_eof(self, timeout=5):
        """No more lines; the server closes the connection (cleanly)."""
        deadline = time.monotonic() + T(timeout)
        while not self.eof:
            if self.lines:
                fail('%s: expected EOF, got:\n%s' % (self.name, fmt_lines(self.lines)))
            left = deadline - time.monotonic()
            if left <= 0:
                fail('%s: connection not closed within %ss' % (self.name, T(timeout)))
            self._fill(left)
        if self.lines:
            fail('%s: expected EOF, got:\n%s' % (self.name, fmt_lines(self.lines)))
        if self.reset:
            fail('%s: connection reset instead of closed cleanly' % self.name)

    def read_until_eof(self, timeout=5):
        """Every remaining line up to the end of the stream."""
        out = []
        deadline = time.monotonic() + T(timeout)
        while True:
            out.extend(self.lines)
            self.lines = []
            if self.eof:
                return out
            left = deadline - time.monotonic()
            if left <= 0:
                fail('%s: no EOF within %ss; last lines:\n%s'
                     % (self.name, T(timeout), fmt_lines(out[-20:])))
            self._fill(left)

    # -- commands ------------------------------------------------------
    def reply(self, cmd_line, timeout=5):
        """Sends CMD_LINE and reads up to its final line (OK, ERR or PONG).
        Returns (lines before the final line, final line)."""
        self.send(cmd_line)
        return self.read_reply(timeout)

    def read_reply(self, timeout=5):
        data = []
        deadline = time.monotonic() + T(timeout)
        while True:
            left = deadline - time.monotonic()
            try:
                if left <= 0 and not self.lines:
                    raise LineTimeout('timeout')
                line = self.recv_line(max(left, 0) / SCALE)
            except EOFReached:
                fail('%s: EOF before a final line; lines seen:\n%s' % (self.name, fmt_lines(data)))
            except LineTimeout:
                fail('%s: no final line within %ss; lines seen:\n%s'
                     % (self.name, T(timeout), fmt_lines(data)))
            if FINAL_RE.match(line):
                return data, line
            data.append(line)

    def final(self, cmd_line, timeout=5):
        """Sends CMD_LINE and returns just its final line."""
        return self.reply(cmd_line, timeout)[1]

    def ok(self, cmd_line, want=None, timeout=5):
        """Sends CMD_LINE; its final line must be WANT (exact) or, without
        WANT, start with OK."""
        data, fin = self.reply(cmd_line, timeout)
        if want is not None:
            if fin != want:
                fail('%s: %r: expected %r, got %r (before it:\n%s)'
                     % (self.name, cmd_line, want, fin, fmt_lines(data)))
        elif not fin.startswith('OK '):
            fail('%s: %r: expected OK, got %r' % (self.name, cmd_line, fin))
        return data, fin

    def err(self, cmd_line, cmd, code, timeout=5):
        """Sends CMD_LINE; its final line must be `ERR CMD CODE ...`."""
        data, fin = self.reply(cmd_line, timeout)
        check_err(fin, cmd, code, '%s: %r' % (self.name, cmd_line))
        return fin

    def sync(self, timeout=5):
        """A PING round trip.  Returns the lines that came before the PONG."""
        Client._tokens += 1
        tok = 'sync%d' % Client._tokens
        self.send('PING ' + tok)
        out = []
        deadline = time.monotonic() + T(timeout)
        while True:
            left = max(deadline - time.monotonic(), 0)
            try:
                line = self.recv_line(left / SCALE)
            except EOFReached:
                fail('%s: EOF while waiting for PONG %s; lines seen:\n%s'
                     % (self.name, tok, fmt_lines(out)))
            except LineTimeout:
                fail('%s: no PONG %s within %ss; lines seen:\n%s'
                     % (self.name, tok, T(timeout), fmt_lines(out)))
            if line == 'PONG ' + tok:
                return out
            out.append(line)

    def read_welcome(self):
        try:
            self.hello = self.recv_line(10)
        except EOFReached:
            fail('%s: EOF instead of HELLO' % self.name)
        if not self.hello.startswith('HELLO '):
            fail('%s: first line is not HELLO: %r' % (self.name, self.hello))
        self.welcome = self.sync()
        return self.hello, self.welcome

    def _joined(self, cmd_line, want_final, name):
        data, fin = self.reply(cmd_line)
        if fin != want_final:
            fail('%s: %r: expected %r, got %r' % (self.name, cmd_line, want_final, fin))
        # The JOIN lines follow the final line; the PING reply comes after them.
        after = self.sync()
        rooms = []
        others = []
        for l in after:
            parts = l.split(' ')
            if len(parts) == 3 and parts[0] == 'JOIN' and parts[2] == name:
                rooms.append(parts[1])
            else:
                others.append(l)
        self.user = name
        self.others_after_login = others
        return rooms

    def register(self, name, password=None):
        """REGISTER; checks `OK REGISTER name` and the single `JOIN #lobby
        name` line.  Returns the other lines that came with them."""
        password = password or default_password(name)
        rooms = self._joined('REGISTER %s %s' % (name, password), 'OK REGISTER ' + name, name)
        check_eq(rooms, ['#lobby'], '%s: JOIN lines after REGISTER %s' % (self.name, name))
        return self.others_after_login

    def nick(self, name):
        """NICK; checks `OK NICK name` and the `JOIN #lobby name` line."""
        rooms = self._joined('NICK %s' % name, 'OK NICK ' + name, name)
        check_eq(rooms, ['#lobby'], '%s: JOIN lines after NICK %s' % (self.name, name))
        return self.others_after_login

    def login(self, name, password=None, shown=None):
        """LOGIN; checks `OK LOGIN shown` and returns the rooms of the JOIN
        lines that followed, in order."""
        password = password or default_password(name)
        shown = shown or name
        return self._joined('LOGIN %s %s' % (name, password), 'OK LOGIN ' + shown, shown)

    def close(self):
        try:
            self.sock.close()
        except OSError:
            pass
        if self in _live_clients:
            _live_clients.remove(self)

    def abort(self):
        """Closes with a TCP reset."""
        try:
            import struct
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        except OSError:
            pass
        self.close()

    def quit(self):
        self.send('QUIT')
        self.expect_exact('OK QUIT')
        line = self.recv_line()
        check(line == 'BYE QUIT' or line.startswith('BYE QUIT '), 'expected BYE QUIT, got %r' % line)
        self.expect_eof()
        self.close()


def default_password(name):
    return 'pw-%s-secret' % name.lower()


def err_re(cmd, code):
    return re.compile(r'^ERR %s %s(?: .*)?$' % (re.escape(cmd), re.escape(code)))


def check_err(line, cmd, code, what=''):
    if not err_re(cmd, code).match(line):
        fail('%sexpected ERR %s %s ..., got %r' % (what + ': ' if what else '', cmd, code, line))


def is_err(line, cmd, code):
    return bool(err_re(cmd, code).match(line))


def wait_for(pred, timeout=5, interval=0.05, what='condition'):
    deadline = time.monotonic() + T(timeout)
    while True:
        v = pred()
        if v:
            return v
        if time.monotonic() > deadline:
            fail('%s not reached within %ss' % (what, T(timeout)))
        time.sleep(interval)


# -- runner ------------------------------------------------------------

class _Timeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise _Timeout('test took longer than its time limit')


def _cleanup_after_test():
    for c in list(_live_clients):
        c.close()
    for s in list(_live_servers):
        s.cleanup()


def main(g, limit=120):
    """Runs the test_* functions of G (a test file's globals) in definition
    order, or those named on the command line, and prints TAP."""
    global NATTERD
    args = sys.argv[1:]
    if args and not args[0].startswith('test_'):
        NATTERD = os.path.abspath(args.pop(0))
    tests = [(n, f) for n, f in g.items() if n.startswith('test_') and callable(f)]
    if args:
        names = dict(tests)
        unknown = [a for a in args if a not in names]
        if unknown:
            print('unknown tests: %s' % ' '.join(unknown), file=sys.stderr)
            sys.exit(2)
        tests = [(a, names[a]) for a in args]
    signal.signal(signal.SIGALRM, _on_alarm)
    print('1..%d' % len(tests), flush=True)
    failed = 0
    t0 = time.monotonic()
    for i, (name, fn) in enumerate(tests, 1):
        start = time.monotonic()
        signal.alarm(max(1, int(T(limit))))
        try:
            fn()
            err = None
        except BaseException as e:  # noqa: B902
            if isinstance(e, KeyboardInterrupt):
                raise
            err = traceback.format_exc()
            servers = list(_live_servers)
        finally:
            signal.alarm(0)
        took = time.monotonic() - start
        if err is None:
            print('ok %d %s' % (i, name), flush=True)
        else:
            failed += 1
            print('not ok %d %s' % (i, name))
            for l in err.rstrip().split('\n'):
                print('# ' + l)
            for s in servers:
                if s.stderr_lines:
                    print('# natterd stderr (last lines):')
                    for l in s.stderr_tail(25).split('\n'):
                        print('# ' + l)
            sys.stdout.flush()
        print('# %s took %.2fs' % (name, took), flush=True)
        _cleanup_after_test()
    print('# %d of %d failed, %.1fs' % (failed, len(tests), time.monotonic() - t0), flush=True)
    sys.exit(1 if failed else 0)
