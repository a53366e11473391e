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
    python3 tests/harness/bochs.py --run ISO [--display term|x] [--build B]
is make run-bochs (tools/bochs-run.sh): Bochs's curses screen in this
terminal (raw; Ctrl-] quits), or in a window (x); the serial console goes
to <build>/bochs-serial.log, Bochs's log to <build>/bochs.log.
    python3 tests/harness/bochs.py --survey [--no-shake] [--build B] [NAME...]
boots every user test program (or the ones named), each as init
(`init=<name>` in an ISO of its own, tools/mkiso.sh) in the normal schedule
and under misbehave modes 1 and 2, judges it as make test does and prints
one line per run, with any Bochs error line.  --probe starts Bochs as the
harness does and quits it at the first instruction (tools/deps.sh).
"""
import argparse
import ctypes
import os
import pty
import re
import select
import signal
import subprocess
import sys
import tempfile
import termios
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
# Error lines Bochs writes for a CPU fault that a user program causes on
# purpose, and that the kernel turns into a software exception or a kill
# as SPEC §3 says: what the architecture defines, not a kernel error.
# Each is a protection fault (13) raised in ring 3, or a check that fails
# there as it must (exotic_faults, ldt_null, bad_int, swexn_basic).
EXPECTED = tuple(re.compile(r"\] " + x) for x in (
    # `int $n` on a vector with no gate: idt.c leaves those empty for that
    r"interrupt\(\): gate descriptor is not valid sys seg \(vector=0x[0-9a-f]+\)$",
    r"interrupt\(\): soft_int && \(gate\.dpl < CPL\)$",  # `int $n` on a DPL-0 gate
    r"LIDT: CPL != 0 causes #GP$",
    r"check_cs\(0x[0-9a-f]+\): non-conforming code seg descriptor dpl != cpl, dpl=0, cpl=3$",  # far jump
    r"iret: return selector RPL < CPL$",  # iret to a kernel-mode frame
    r"load_seg_reg\([DEFGS]S, 0x[0-9a-f]+\): RPL & CPL must be <= DPL$",  # a kernel selector
    # a TI=1 selector with LDTR null, as the kernel leaves it (ldt_null:
    # lar, lsl, verr, verw and a segment load of each of the 8192)
    r"fetch_raw_descriptor2?: LDTR\.valid=0$",
))
SCREEN_LINE = re.compile(rb'Bochs connected to screen "([^"]+)"')


def bochs_env(iso, log, serial_mode, serial, display="term", mem=None, term="vt100"):
    """The environment tools/bochs/bochsrc reads (see its text); term is
    the terminal type the curses screen is drawn for."""
    return dict(os.environ, PEBBLES_ISO=iso, PEBBLES_LOG=log, PEBBLES_SERIAL_MODE=serial_mode,
                PEBBLES_SERIAL=serial, PEBBLES_DISPLAY=display,
                PEBBLES_MEGS=str(mem if mem is not None else default_mem()), TERM=term)


PR_SET_PDEATHSIG = 1


def die_with_parent():
    """In Bochs's process before exec: SIGKILL it when its parent dies.  A
    Bochs left behind with its com1 pty gone logs an error for every byte
    time, without end (gigabytes)."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def bochs_cmd(rc_path):
    """Bochs on tools/bochs/bochsrc, its debugger's commands from rc_path."""
    return [os.environ.get("BOCHS") or "bochs", "-q", "-f", BOCHSRC, "-rc", rc_path]


def start_bochs(rc_path, env):
    """bochs_cmd, its console output on the pipe proc.stdout (to be read:
    see copy_output)."""
    return subprocess.Popen(bochs_cmd(rc_path), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, env=env, preexec_fn=die_with_parent)


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
        self._serial_start(log_path)
        self.qemu_err = open(log_path + ".qemu", "wb")
        self.start_time = time.monotonic()
        env = bochs_env(iso, self.bochs_log, "term", self.serial.path, "term", mem)
        self.proc = start_bochs(rc, env)
        self.connect_time = self.start_time
        self.console = threading.Thread(target=self._read_console, daemon=True)
        self.console.start()
        self.reader = threading.Thread(target=self._read_serial, daemon=True)
        self.reader.start()

    def _read_console(self):
        """Bochs's own output, to <log>.qemu; once it names its screen pty,
        drain that too."""
        name = screen_name(self.proc, self.qemu_err)
        if name:
            self.screen_fd = os.open(name, os.O_RDWR | os.O_NOCTTY)
            self.screen = threading.Thread(target=self._drain_screen, daemon=True)
            self.screen.start()
        copy_output(self.proc, self.qemu_err)

    def _drain_screen(self):
        """Read (and drop) what curses draws, so Bochs never blocks on it."""
        while True:
            try:
                if not os.read(self.screen_fd, 65536):
                    return
            except OSError:
                return

    def sendkeys(self, keys, timeout=10):
        """Type on the PS/2 keyboard through Bochs's terminal GUI: keys are
        characters as a terminal sends them ("\\n" is Enter, which the GUI
        sends as the keypad's Enter).  Each waits for its echo on the
        serial line before the next: the GUI turns all it has read into
        scancodes at once, and Bochs's keyboard buffer holds 16 (8 keys).
        False if a key was not echoed (or Bochs has named no screen yet)."""
        if self.screen_fd is None:
            return False
        for k in keys:
            start = len(self.text())
            os.write(self.screen_fd, k.encode("latin-1"))
            if not self.wait_for(re.escape(k), timeout, start):
                return False
        return True

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
        """Bochs's error and panic lines so far, but those of EXPECTED."""
        return [e for e in ERROR_LINE.findall(self.bochs_text())
                if not any(x.search(e) for x in EXPECTED)]

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
        # The program's limit counts from the kernel's banner (firmware and
        # GRUB come first), and is longer than QEMU's: Bochs is slower.
        booted = m.wait_for(r"Pebbles-x86 kernel booting", 120)
        timed_out = not booted or not m.wait_end(name, max(20, 3 * int(h.get("timeout", 60))))
        alive = m.heartbeat() if timed_out else None
        stopped = m.halted() or m.proc.poll() is not None
        return judge_with_bochs(m, *verdict.judge(name, m.text(), 1 if stopped else None, timed_out,
                                                  h.get("expect-status"), h.get("expect-log", ()), alive))
    finally:
        m.close()
        os.unlink(iso)


def survey(build, names, modes=(None, 1, 2)):
    """Every user test (or those named) under Bochs, in each schedule of
    modes (None: the normal one; n: misbehave=n)."""
    outdir = os.path.join(build, "test-out", "bochs")
    os.makedirs(outdir, exist_ok=True)
    if not names:
        names = sorted(f[:-2] for f in os.listdir(os.path.join(ROOT, "user", "tests"))
                       if f.endswith((".c", ".S")) and os.path.exists(os.path.join(build, "bin", f[:-2])))
    failed = 0
    for name in names:
        for mode in modes:
            start = time.monotonic()
            ok, reason = survey_one(build, name, mode, outdir)
            failed += not ok
            print("%s %s%s (%.1fs) %s" % ("PASS" if ok else "FAIL", "misbehave%d/" % mode if mode else "",
                                          name, time.monotonic() - start, reason), flush=True)
    print("%d runs, %d failed" % (len(modes) * len(names), failed))
    return 1 if failed else 0


def copy_output(proc, to):
    """Bochs's output (its console) to the file `to`, until it ends."""
    for chunk in iter(lambda: proc.stdout.read1(65536), b""):
        to.write(chunk)
        to.flush()


def screen_name(proc, to):
    """Bochs's output (copied to the file `to`) up to the line naming its
    screen pty: that name, or None if Bochs ended first."""
    seen = b""
    for chunk in iter(lambda: proc.stdout.read1(65536), b""):
        to.write(chunk)
        to.flush()
        seen += chunk
        m = SCREEN_LINE.search(seen)
        if m:
            return m.group(1)
    return None


def attach(screen_fd):
    """This terminal (raw) to the screen pty and back until Ctrl-] or the
    pty closes."""
    old = termios.tcgetattr(0)
    tty.setraw(0)
    try:
        while True:
            ready = select.select([0, screen_fd], [], [])[0]
            if 0 in ready:
                keys = os.read(0, 1024)
                if b"\x1d" in keys:
                    return
                os.write(screen_fd, keys)
            if screen_fd in ready:
                try:
                    data = os.read(screen_fd, 65536)
                except OSError:
                    return
                if not data:
                    return
                os.write(1, data)
    finally:
        termios.tcsetattr(0, termios.TCSADRAIN, old)


def run_interactive(iso, build, display):
    """make run-bochs: the ISO in Bochs, for a person (see the module's text)."""
    serial_log, bochs_log = os.path.join(build, "bochs-serial.log"), os.path.join(build, "bochs.log")
    with tempfile.TemporaryDirectory(prefix="pebbles-bochs-") as tmp:
        rc = os.path.join(tmp, "rc")
        with open(rc, "w") as f:
            f.write("c\n")
        size = os.get_terminal_size(0) if os.isatty(0) else os.terminal_size((80, 26))
        env = bochs_env(iso, bochs_log, "file", serial_log, display,
                        term=os.environ.get("TERM") or "vt100")
        env.update(LINES=str(size.lines), COLUMNS=str(size.columns))  # curses sizes its screen so
        print("Bochs: serial console in %s, Bochs's log in %s" % (serial_log, bochs_log))
        if display == "x":
            print("Quit: close the window.")
            return subprocess.call(bochs_cmd(rc), env=env)
        if not os.isatty(0):
            print("run-bochs needs a terminal (or BOCHS_DISPLAY=x)", file=sys.stderr)
            return 2
        print("The VGA screen is drawn here (80x25 needs a terminal of 26 lines). Quit: Ctrl-]")
        time.sleep(1)
        with open(os.path.join(build, "bochs-console.log"), "wb") as console:
            p = start_bochs(rc, env)
            try:
                name = screen_name(p, console)
                if name is None:
                    print("Bochs ended: see %s and %s" % (console.name, bochs_log), file=sys.stderr)
                    return 1
                threading.Thread(target=copy_output, args=(p, console), daemon=True).start()
                screen_fd = os.open(name, os.O_RDWR | os.O_NOCTTY)
                attach(screen_fd)
                os.close(screen_fd)
            finally:
                p.kill()  # Bochs catches the gentler signals
                p.wait()
        os.write(1, b"\033[0m\033[2J\033[H")  # the curses screen is left behind otherwise
        return 0


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
            p = start_bochs(rc, env)
        except OSError:
            return 1
        out = b""
        deadline = time.monotonic() + 30
        while p.poll() is None and time.monotonic() < deadline:
            # (its curses screen goes undrained: at the first instruction it
            # has drawn far less than a pty holds)
            out += p.stdout.read1(65536)
        if p.poll() is None:
            p.kill()
        p.wait()
        line.close()
        return 0 if p.returncode == 0 and SCREEN_LINE.search(out) else 1


def main(argv):
    ap = argparse.ArgumentParser(description="the kernel's ISO under Bochs")
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--survey", action="store_true", help="run user tests as init under Bochs")
    ap.add_argument("--run", metavar="ISO", help="boot ISO in Bochs for a person (make run-bochs)")
    ap.add_argument("--display", choices=("term", "x"), default="term")
    ap.add_argument("--no-shake", action="store_true", help="survey: the normal schedule only")
    ap.add_argument("--probe", action="store_true", help="start Bochs and quit (the host check)")
    ap.add_argument("names", nargs="*")
    opts = ap.parse_args(argv)
    # killed, still kill our Bochs (the finally clauses run on SystemExit)
    signal.signal(signal.SIGTERM, lambda sig, frame: sys.exit(128 + sig))
    if opts.probe:
        return probe()
    if opts.run:
        return run_interactive(opts.run, os.path.abspath(opts.build), opts.display)
    if opts.survey:
        return survey(os.path.abspath(opts.build), opts.names, (None,) if opts.no_shake else (None, 1, 2))
    ap.print_help()
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
