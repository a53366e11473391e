#!/usr/bin/env python3
"""bochs.py - one Bochs boot of the ISO (make iso), driven from Python.

Bochs checks things QEMU lets pass (issue 16 §2).  A Bochs is a
qemu.Machine in everything that is about the serial line (text, wait_for,
type_serial, heartbeat, wait_exit, kill, close are Machine's own), with a
different machine under it:
  - the machine is tools/bochs/bochsrc, filled in through environment
    variables; it boots the ISO from its CD drive;
  - com1 is a pseudo-terminal this object holds (Bochs's "term" serial
    mode opens its other end), so the console is read and typed on as
    QEMU's serial socket is;
  - Debian's Bochs 2.7 has no display-less GUI, so it draws the VGA screen
    with curses (bochs-term) on a pty of its own, whose name it prints;
    that pty must be read, or Bochs blocks once its buffer is full: a
    thread drains it, and typing on it is typing on the PS/2 keyboard
    (sendkeys).  Bochs's own console (its debugger, which waits for "c"
    from -rc before the first instruction) goes to <log>.qemu;
  - Bochs's log (<log>.bochs) has its error and panic lines (errors()),
    and "HLT instruction with IF=0" when the kernel has halted the machine
    (halted()): Bochs has no isa-debug-exit device to end itself with;
  - it is killed with SIGKILL (it catches the gentler signals).
No QEMU monitor: read_screen is not there, post_mortem has only the
kernel's thread dump.

Run as a script:
    python3 tests/harness/bochs.py --survey [--build B] [NAME...]
boots every user test program (or the ones named), each as init
(`init=<name>` in an ISO of its own, tools/mkiso.sh) in the normal schedule
and under misbehave modes 1 and 2, judges it as make test does and prints
one line per run, with any Bochs error line.  --probe starts Bochs as the
harness does and quits it at the first instruction (tools/deps.sh).
"""
import argparse
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import threading
import time
import tty

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verdict  # noqa: E402
from qemu import ROOT, Machine  # noqa: E402
from qemu_cmd import default_mem  # noqa: E402

BOCHSRC = os.path.join(ROOT, "tools", "bochs", "bochsrc")
ERROR_LINE = re.compile(r"^\d+[ep]\[.*$", re.M)  # Bochs's error and panic levels
HALT_LINE = "HLT instruction with IF=0"
SCREEN_LINE = re.compile(rb'Bochs connected to screen "([^"]+)"')


def bochs_env(iso, log, serial_mode, serial, display="term", mem=None):
    """The environment tools/bochs/bochsrc reads (see its text)."""
    return dict(os.environ, PEBBLES_ISO=iso, PEBBLES_LOG=log, PEBBLES_SERIAL_MODE=serial_mode,
                PEBBLES_SERIAL=serial, PEBBLES_DISPLAY=display,
                PEBBLES_MEGS=str(mem if mem is not None else default_mem()),
                TERM="vt100")  # curses needs a terminal type it knows


def bochs_cmd(rc_path):
    """Bochs on tools/bochs/bochsrc, its debugger's commands from rc_path."""
    return [os.environ.get("BOCHS") or "bochs", "-q", "-f", BOCHSRC, "-rc", rc_path]


class PtyLine:
    """Our end of the pty that is Bochs's com1, as the socket qemu.Machine
    reads and writes.  The far end stays open here too, so a read waits
    for data (and does not fail) until Bochs has opened it, and after it
    has gone: recv() then returns b"" once shutdown() is called (a read
    blocked on an fd that another thread closes would never return)."""

    def __init__(self):
        self.master, self.slave = pty.openpty()
        tty.setraw(self.slave)  # bytes as they are: no echo, no CR/LF mapping
        self.path = os.ttyname(self.slave)
        self.stopping = False

    def recv(self, n):
        while not self.stopping:
            if select.select([self.master], [], [], 0.1)[0]:
                return os.read(self.master, n)
        return b""

    def shutdown(self):
        self.stopping = True

    def sendall(self, data):
        while data:
            data = data[os.write(self.master, data):]

    def close(self):
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass


class Bochs(Machine):
    def __init__(self, iso, log_path, mem=None, build=None):
        """Boot iso in Bochs; the serial output goes to log_path, Bochs's
        console to log_path.qemu, its log to log_path.bochs."""
        self.build = build or os.path.join(ROOT, "build")
        self.read_delay = 0.0
        self.log_path = log_path
        self.bochs_log = log_path + ".bochs"
        self.tmp = tempfile.mkdtemp(prefix="pebbles-bochs-")
        rc = os.path.join(self.tmp, "rc")
        with open(rc, "w") as f:
            f.write("c\n")  # the debugger's first command: run
        if os.path.exists(self.bochs_log):
            os.unlink(self.bochs_log)  # errors() must see this run's lines only
        self.serial = PtyLine()
        self.monitor = None
        self.screen_fd = self.screen = None
        self.output = b""
        self.lock = threading.Condition()
        self.first_output_time = None
        self.log = open(log_path, "wb")
        self.qemu_err = open(log_path + ".qemu", "wb")
        self.start_time = time.monotonic()
        env = bochs_env(iso, self.bochs_log, "term", self.serial.path, "term", mem)
        self.proc = subprocess.Popen(bochs_cmd(rc), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, env=env)
        self.connect_time = self.start_time
        self.console = threading.Thread(target=self._read_console, daemon=True)
        self.console.start()
        self.reader = threading.Thread(target=self._read_serial, daemon=True)
        self.reader.start()

    def _read_console(self):
        """Bochs's own output, to <log>.qemu; on the line naming its screen
        pty, start draining that."""
        seen = b""
        for chunk in iter(lambda: self.proc.stdout.read1(65536), b""):
            self.qemu_err.write(chunk)
            self.qemu_err.flush()
            if self.screen_fd is None:
                seen += chunk
                m = SCREEN_LINE.search(seen)
                if m:
                    self.screen_fd = os.open(m.group(1), os.O_RDWR | os.O_NOCTTY)
                    self.screen = threading.Thread(target=self._drain_screen, daemon=True)
                    self.screen.start()

    def _drain_screen(self):
        """Read (and drop) what curses draws, so Bochs never blocks on it."""
        while True:
            try:
                if not os.read(self.screen_fd, 65536):
                    return
            except OSError:
                return

    def sendkeys(self, keys, delay=0.02):
        """Type on the PS/2 keyboard through Bochs's terminal GUI: keys are
        characters as a terminal sends them ("\\n" is Enter, which Bochs's
        term GUI sends as the keypad's Enter)."""
        for k in keys:
            os.write(self.screen_fd, k.encode("latin-1"))
            time.sleep(delay)

    def read_screen(self):
        raise NotImplementedError("no QEMU monitor under Bochs")

    def bochs_text(self):
        """Bochs's log so far."""
        try:
            with open(self.bochs_log, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def errors(self):
        """Bochs's error and panic lines so far."""
        return ERROR_LINE.findall(self.bochs_text())

    def halted(self):
        """Has the kernel stopped the CPU (hlt with interrupts off)?"""
        return HALT_LINE in self.bochs_text()

    def wait_end(self, name, timeout):
        """Wait until program `name` (run as init) has ended: its exit line,
        a panic, a halted CPU or Bochs gone.  True, or False at the deadline."""
        deadline = time.monotonic() + timeout
        end = re.compile(r"^%s exited with status -?\d+$|PANIC" % re.escape(name), re.M)
        while time.monotonic() < deadline:
            if self.wait_for(end.pattern, 0.5) or self.halted() or self.proc.poll() is not None:
                return True
        return False

    def close(self):
        """Kill Bochs, let every reader thread end, then close (Machine's)."""
        self.kill()
        self.serial.shutdown()
        for t in (self.reader, self.console, self.screen):
            if t:
                t.join(timeout=2)
        Machine.close(self)
        if self.screen_fd is not None:
            os.close(self.screen_fd)


def judge_with_bochs(m, passed, reason):
    """A verdict, failed if Bochs logged an error or panic line."""
    errs = m.errors()
    if errs:
        return False, "Bochs: %s%s" % (errs[0][:120], " (+%d more)" % (len(errs) - 1) if len(errs) > 1 else "")
    return passed, reason


def survey_one(build, name, misbehave, outdir):
    """Boot user test `name` as init under Bochs; (passed, reason)."""
    h = verdict.hints(os.path.join(ROOT, "user", "tests", name + ".c"))
    cmdline = ("misbehave=%d " % misbehave if misbehave else "") + "init=" + name
    label = ("misbehave%d-" % misbehave if misbehave else "") + name
    iso = os.path.join(outdir, label + ".iso")
    subprocess.run([os.path.join(ROOT, "tools", "mkiso.sh"), iso, os.path.join(build, "kernel.elf"),
                    os.path.join(build, "initrd.cpio"), cmdline], check=True)
    m = Bochs(iso, os.path.join(outdir, label + ".log"), build=build)
    try:
        timeout = int(h.get("timeout", 60)) * 2  # Bochs runs slower than QEMU
        timed_out = not m.wait_end(name, timeout)
        alive = m.heartbeat() if timed_out else None
        stopped = m.halted() or m.proc.poll() is not None
        return judge_with_bochs(m, *verdict.judge(name, m.text(), 1 if stopped else None, timed_out,
                                                  h.get("expect-status"), h.get("expect-log", ()), alive))
    finally:
        m.close()
        os.unlink(iso)


def survey(build, names):
    """Every user test (or those named) under Bochs, three schedules each."""
    outdir = os.path.join(build, "test-out", "bochs")
    os.makedirs(outdir, exist_ok=True)
    if not names:
        names = sorted(f[:-2] for f in os.listdir(os.path.join(ROOT, "user", "tests"))
                       if f.endswith((".c", ".S")) and os.path.exists(os.path.join(build, "bin", f[:-2])))
    failed = 0
    for name in names:
        for mode in (None, 1, 2):
            start = time.monotonic()
            ok, reason = survey_one(build, name, mode, outdir)
            failed += not ok
            print("%s %s%s (%.1fs) %s" % ("PASS" if ok else "FAIL", "misbehave%d/" % mode if mode else "",
                                          name, time.monotonic() - start, reason), flush=True)
    print("%d runs, %d failed" % (3 * len(names), failed))
    return 1 if failed else 0


def probe():
    """Start Bochs as the harness does (its BIOS, VGA BIOS, terminal GUI and
    sound settings) and quit at the first instruction: exit status 0 if
    that works."""
    with tempfile.TemporaryDirectory(prefix="pebbles-bochs-") as tmp:
        rc = os.path.join(tmp, "rc")
        with open(rc, "w") as f:
            f.write("q\n")
        line = PtyLine()
        env = bochs_env(os.devnull, os.path.join(tmp, "log"), "term", line.path, "term", 16)
        try:
            p = subprocess.Popen(bochs_cmd(rc), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT, env=env)
        except OSError:
            return 1
        out = b""
        deadline = time.monotonic() + 30
        while p.poll() is None and time.monotonic() < deadline:
            out += p.stdout.read1(65536)  # also what curses draws goes nowhere: it is tiny
        if p.poll() is None:
            p.kill()
        p.wait()
        line.close()
        return 0 if p.returncode == 0 and SCREEN_LINE.search(out) else 1


def main(argv):
    ap = argparse.ArgumentParser(description="the kernel's ISO under Bochs")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--survey", action="store_true", help="run user tests as init under Bochs")
    ap.add_argument("--probe", action="store_true", help="start Bochs and quit (the host check)")
    ap.add_argument("names", nargs="*")
    opts = ap.parse_args(argv)
    if opts.probe:
        return probe()
    if opts.survey:
        return survey(os.path.abspath(opts.build), opts.names)
    ap.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
