"""v86_tests.py - the kernel on a third emulator, v86 (the npm package the
browser playground runs, tools/playground/), driven from Node by
v86_machine.mjs; and the playground page itself in headless Chromium
(playground_test.mjs).  run_tests.py runs them as v86/<name> and
playground/browser.

A V86Machine offers the part of qemu.Machine that verdict.judge and the
tests need: the serial text, waiting for a pattern or for the exit, typing
on the serial line, the heartbeat.  v86 exits as QEMU does, with status
(code << 1) | 1 from the kernel's write to port 0xf4, so user tests are
judged exactly as on QEMU.  Every wait is for an event, with a deadline
only against a hang: nothing is timed.

The tools: node, and tools/playground/node_modules, installed by `npm ci`
(tools/playground/npm-ci.sh, run by make before the tests).
"""
import os
import re
import subprocess
import threading
import time

import verdict
from qemu import ROOT

NODE = os.environ.get("NODE") or "node"
MACHINE_JS = os.path.join(ROOT, "tests", "harness", "v86_machine.mjs")
PLAYGROUND_JS = os.path.join(ROOT, "tests", "harness", "playground_test.mjs")
NODE_MODULES = os.path.join(ROOT, "tools", "playground", "node_modules")

# User tests run on v86 too: processes, copy-on-write, threads, the FPU,
# the timer, software exceptions, exec, the RAM disk, a fault that kills,
# and a program that never ends (judged by the heartbeat).
USER_TESTS = ("fork_test", "cow_fork", "thr_basic", "thr_mutex", "thr_cond", "fpu_state",
              "sleep_ticks", "swexn_basic", "exec_test", "readfile_test", "wait_test",
              "stack_growth", "divide_zero", "forever_busy")
DEFAULT_TIMEOUT = 60


class V86Machine:
    """One v86 boot (a Node process) with its serial line; the log is the
    serial output, as for QEMU, with v86's own messages in <log>.v86."""

    def __init__(self, build, cmdline, log_path, initrd=None):
        self.log = open(log_path, "wb")
        self.err = open(log_path + ".v86", "wb")
        args = [NODE, MACHINE_JS, "--build", build, "--cmdline", cmdline]
        if initrd:
            args += ["--initrd", initrd]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.err)
        self.output = b""
        self.closed = False
        self.lock = threading.Condition()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while True:
            data = os.read(self.proc.stdout.fileno(), 65536)
            with self.lock:
                if not data:
                    self.closed = True
                    self.lock.notify_all()
                    return
                self.output += data
                self.log.write(data)
                self.log.flush()
                self.lock.notify_all()

    def text(self):
        with self.lock:
            return self.output.decode("latin-1")

    def wait_for(self, pattern, timeout, start=0):
        """The first match of regex pattern in the serial output from byte
        `start` on, waiting up to timeout seconds; or None."""
        deadline = time.monotonic() + timeout
        rx = re.compile(pattern)
        with self.lock:
            while True:
                m = rx.search(self.output.decode("latin-1"), start)
                if m:
                    return m
                left = deadline - time.monotonic()
                if left <= 0 or self.closed:
                    return None
                self.lock.wait(min(left, 0.1))

    def wait_exit(self, timeout):
        """v86's exit status (QEMU's numbering), or None if still running;
        once it has exited, all its serial output has been read."""
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        self.reader.join(timeout=5)
        return code

    def type_serial(self, data):
        if isinstance(data, str):
            data = data.encode("latin-1")
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except OSError:
            pass  # the machine is gone: the wait that follows says so

    def heartbeat(self, timeout=5):
        """Ctrl-] on serial: the kernel's heartbeat line if it still
        schedules (see qemu.Machine.heartbeat), else None."""
        start = len(self.output)
        self.type_serial(b"\x1d")
        m = self.wait_for(r"heartbeat: tick \d+, \d+ threads", timeout, start)
        return m.group(0) if m else None

    def post_mortem(self):
        """For a hang: the kernel's thread dump (Ctrl-\\) into the log."""
        start = len(self.output)
        self.type_serial(b"\x1c")
        self.wait_for(r"\n\n", 2, start)

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def close(self):
        self.kill()
        self.reader.join(timeout=2)
        self.proc.stdin.close()
        self.proc.stdout.close()
        self.log.close()
        self.err.close()


def missing_tools():
    """Why the v86 tests cannot run here, or None."""
    if not os.path.isdir(os.path.join(NODE_MODULES, "v86")):
        return "no %s/v86 (make runs tools/playground/npm-ci.sh)" % os.path.relpath(NODE_MODULES)
    return None


def user_test(build, name, initrd):
    """User test `name` on v86, judged by verdict.judge as on QEMU."""
    source = os.path.join(ROOT, "user", "tests", name + ".c")
    h = verdict.hints(source)
    timeout = int(h.get("timeout", DEFAULT_TIMEOUT))

    def run(log_path):
        why = missing_tools()
        if why:
            return False, why
        m = V86Machine(build, "init=" + name, log_path, initrd)
        try:
            code = m.wait_exit(timeout)
            timed_out = code is None
            alive = None
            if timed_out:
                alive = m.heartbeat()
                if not alive or "START__TYPE_FOREVER" not in m.text():
                    m.post_mortem()
            return verdict.judge(name, m.text(), code, timed_out, h.get("expect-status"),
                                 h["expect-log"], alive)
        finally:
            m.close()
    return run, timeout


def test_programs(build):
    """The names `ls` lists as test programs (the RAM disk's index)."""
    index = os.path.join(build, "index", "programs.txt")
    with open(index) as f:
        return [line.split("\t")[1].strip() for line in f if line.startswith("t\t")]


def shell_test(build, initrd):
    """The shell on v86: boot with no init= to the prompt, type `ls` on
    the serial line, and see every test program listed."""
    def run(log_path):
        why = missing_tools()
        if why:
            return False, why
        m = V86Machine(build, "", log_path, initrd)
        try:
            if not m.wait_for(r"pebbles> ", 30):
                return False, "no pebbles> prompt"
            start = len(m.output)
            m.type_serial(b"ls\r")
            if not m.wait_for(r"pebbles> ", 30, start):
                return False, "no prompt after ls"
            listed = set(re.findall(r"[\w.]+", m.text()[start:]))
            missing = [t for t in test_programs(build) if t not in listed]
            if missing:
                return False, "ls did not list %s" % ", ".join(missing[:5])
            return True, "prompt, then ls listed the programs"
        finally:
            m.close()
    return run, 60


def panic_test(build, initrd):
    """A kernel panic on v86 is a failure to the judge, as on QEMU: proves
    the exit status of port 0xf4 comes through (a panic exits with 3)."""
    def run(log_path):
        why = missing_tools()
        if why:
            return False, why
        m = V86Machine(build, "ktest=panic", log_path, initrd)
        try:
            code = m.wait_exit(30)
            passed, reason = verdict.judge("panic", m.text(), code, code is None)
            if passed or code != verdict.PANIC_EXIT_CODE:
                return False, "panic not seen as one (exit %s, %s)" % (code, reason)
            if "ktest_fn_panic" not in m.text():
                return False, "backtrace not symbolized"
            return True, "exit status %d, judged a failure (%s)" % (code, reason)
        finally:
            m.close()
    return run, 30


def playground_test(build):
    """The playground page in headless Chromium (playground_test.mjs): boot
    to pebbles>, ls on the screen keyboard, a test program through the
    picker; screenshots in <build>/playground-shots/."""
    def run(log_path):
        why = missing_tools()
        if why:
            return False, why
        site = os.path.join(build, "playground")
        if not os.path.exists(os.path.join(site, "index.html")):
            return False, "no %s (make playground)" % site
        shots = os.path.join(build, "playground-shots")
        with open(log_path, "wb") as log:
            try:
                p = subprocess.run([NODE, PLAYGROUND_JS, "--site", site, "--shots", shots],
                                   stdout=log, stderr=subprocess.STDOUT, timeout=240)
            except subprocess.TimeoutExpired:
                return False, "still running after 240s: killed"
        with open(log_path, errors="replace") as log:
            lines = log.read().splitlines()
        last = lines[-1] if lines else ""
        return p.returncode == 0, last
    return run, 240


def discover(build, initrd=None):
    """(name, run, timeout) of every v86 and playground test."""
    tests = [("v86/shell_ls",) + shell_test(build, initrd),
             ("v86/panic_is_failure",) + panic_test(build, initrd)]
    for name in USER_TESTS:
        if os.path.exists(os.path.join(build, "bin", name)):
            tests.append(("v86/" + name,) + user_test(build, name, initrd))
    tests.append(("playground/browser",) + playground_test(build))
    return tests
