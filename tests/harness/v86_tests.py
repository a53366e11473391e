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

import verdict
from qemu import ROOT, SerialMachine

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
MIN_TIMEOUT = 15


class V86Machine(SerialMachine):
    """One v86 boot (a Node process) with its serial line; the log is the
    serial output, as for QEMU, with v86's own messages in <log>.v86."""

    def __init__(self, build, cmdline, log_path, initrd=None):
        self._serial_start(log_path)
        self.err = open(log_path + ".v86", "wb")
        args = [NODE, MACHINE_JS, "--build", build, "--cmdline", cmdline]
        if initrd:
            args += ["--initrd", initrd]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.err)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        while self._serial_data(os.read(self.proc.stdout.fileno(), 65536)):
            pass

    def type_serial(self, data):
        if isinstance(data, str):
            data = data.encode("latin-1")
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def post_mortem(self):
        """For a hang: the kernel's thread dump (Ctrl-\\) into the log."""
        start = len(self.output)
        try:
            self.type_serial(b"\x1c")
        except OSError:
            return
        self.wait_for(r"\n\n", 2, start)

    def close(self):
        self.kill()
        self.reader.join(timeout=2)
        for f in (self.proc.stdin, self.proc.stdout, self.log, self.err):
            try:
                f.close()
            except OSError:
                pass  # stdin's last bytes had nobody to read them


def missing_tools():
    """Why the v86 tests cannot run here, or None."""
    if not os.path.isdir(os.path.join(NODE_MODULES, "v86")):
        return "no %s/v86 (make runs tools/playground/npm-ci.sh)" % os.path.relpath(NODE_MODULES)
    return None


def on_v86(build, cmdline, initrd, check):
    """A test's run(log_path): boot v86 with cmdline, then check(machine)
    gives (passed, reason); the machine is closed either way."""
    def run(log_path):
        why = missing_tools()
        if why:
            return False, why
        m = V86Machine(build, cmdline, log_path, initrd)
        try:
            return check(m)
        finally:
            m.close()
    return run


def user_test(build, name, initrd):
    """User test `name` on v86, judged by verdict.judge_machine as on QEMU."""
    h = verdict.hints(os.path.join(ROOT, "user", "tests", name + ".c"))
    # v86 boots in about a second where QEMU takes a tenth: a short
    # deadline (forever_busy's 4 s) gets room for the boot too.
    timeout = max(int(h.get("timeout", DEFAULT_TIMEOUT)), MIN_TIMEOUT)
    return on_v86(build, "init=" + name, initrd,
                  lambda m: verdict.judge_machine(m, name, h, timeout)), timeout


def test_programs(build):
    """The names `ls` lists as test programs (the RAM disk's index)."""
    index = os.path.join(build, "index", "programs.txt")
    with open(index) as f:
        return [line.split("\t")[1].strip() for line in f if line.startswith("t\t")]


def shell_test(build, initrd):
    """The shell on v86: boot with no init= to the prompt, type `ls` on
    the serial line, and see every test program listed."""
    def check(m):
        if not m.wait_shell(30):
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
    return on_v86(build, "", initrd, check), 60


def panic_test(build, initrd):
    """A kernel panic on v86 is a failure to the judge, as on QEMU: proves
    the exit status of port 0xf4 comes through (a panic exits with 3)."""
    def check(m):
        code = m.wait_exit(30)
        passed, reason = verdict.judge("panic", m.text(), code, code is None)
        if passed or code != verdict.PANIC_EXIT_CODE:
            return False, "panic not seen as one (exit %s, %s)" % (code, reason)
        if "ktest_fn_panic" not in m.text():
            return False, "backtrace not symbolized"
        return True, "exit status %d, judged a failure (%s)" % (code, reason)
    return on_v86(build, "ktest=panic", initrd, check), 30


def playground_test(build):
    """The playground page in headless Chromium (playground_test.mjs): boot
    to pebbles>, ls on the screen keyboard, a test program through the
    picker, Reset, trace_schedule traced in the trace panel; screenshots
    in <build>/playground-shots/."""
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
