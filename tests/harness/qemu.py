"""qemu.py - one QEMU boot of the kernel, driven from Python.

A Machine starts qemu-system-i386 on build/kernel.elf with a RAM disk image
(the one `make` built for this run, passed by path; by default
build/initrd.cpio) and a kernel command line, with $QEMU_MEM MiB of memory
unless the caller asks for a size, connects to its serial port (a Unix socket, so tests
can both read the console and type on the serial line) and, on demand, to
its human monitor (for `sendkey` on the real PS/2 path and for reading VGA
memory).  The command line comes from qemu_cmd.py (mode "harness").
Everything the serial line prints is kept in memory and written
to a log file.  A Machine only ever kills the QEMU process it started.
"""
import fcntl
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qemu_cmd import qemu_args  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def hold_images(build):
    """Keep build's RAM disk images from being pruned while this process
    runs (tools/buildlock.sh deletes old images only when it can lock
    .use.lock exclusively).  `make` already holds it for its run phase;
    this covers running a harness by hand.  Returns the open lock file."""
    os.makedirs(build, exist_ok=True)
    f = open(os.path.join(build, ".use.lock"), "a")
    fcntl.flock(f, fcntl.LOCK_SH)
    return f


class SerialMachine:
    """An emulator's process and what its serial line has printed, shared
    by the emulators' drivers (Machine here, v86_tests.V86Machine): the
    output kept in memory, written to the log as it comes, waited on.  A
    subclass calls _serial_start with the log, starts the emulator as
    self.proc, feeds _serial_data from its reader thread self.reader (b""
    when the line closes), and provides type_serial."""

    def _serial_start(self, log_path):
        self.output = b""
        self.serial_closed = False
        self.first_output_time = None
        self.lock = threading.Condition()
        self.log = open(log_path, "wb")

    def _serial_data(self, data):
        """Take bytes read from the line; False once it has closed."""
        with self.lock:
            if not data:
                self.serial_closed = True
                self.lock.notify_all()
                return False
            if self.first_output_time is None:
                self.first_output_time = time.monotonic()
            self.output += data
            self.log.write(data)
            self.log.flush()
            self.lock.notify_all()
            return True

    def text(self):
        with self.lock:
            return self.output.decode("latin-1")

    def wait_shell(self, timeout, calibration_timeout=120):
        """The shell's first prompt, and then, if the boot said the tick
        calibrates the local APIC timer (kern/arch/x86/timer.c), the line
        that says how that ended: it comes from the tick, whenever the
        calibration is over, and would fall into a command's output, or its
        echo, on a slow emulator or a busy host (a busy host may need more
        rounds: it has a timeout of its own).  It may also come just after
        the prompt, before this looks, so the prompt is waited for anywhere
        in the output, not as its end.  False if either is not there in
        time."""
        if not self.wait_for(r"pebbles> ", timeout):
            return False
        if "while its ticks calibrate the local APIC timer" not in self.text():
            return True
        pattern = r"(?m)^timer: (local APIC|PIT, \d+ Hz \(the local APIC).*\n"  # the whole line
        return bool(self.wait_for(pattern, calibration_timeout))

    def wait_for(self, pattern, timeout, start=0):
        """Wait until the serial output (from byte `start` on) matches regex
        pattern; the match or None."""
        deadline = time.monotonic() + timeout
        rx = re.compile(pattern)
        with self.lock:
            while True:
                m = rx.search(self.output.decode("latin-1"), start)
                if m:
                    return m
                left = deadline - time.monotonic()
                if left <= 0 or self.serial_closed:
                    return None
                self.lock.wait(min(left, 0.1))

    def heartbeat(self, timeout=5):
        """Does the kernel still schedule?  Ctrl-] on serial wakes a kernel
        thread that prints "heartbeat: ..." (heartbeat.c) only when the
        scheduler gives it a turn.  The line, or None."""
        with self.lock:
            start = len(self.output)
        try:
            self.type_serial(b"\x1d")
        except OSError:
            return None
        m = self.wait_for(r"heartbeat: tick \d+, \d+ threads", timeout, start)
        return m.group(0) if m else None

    def wait_exit(self, timeout):
        """The emulator's exit status (v86's in QEMU's numbering), or None if
        it is still running after timeout.  Once it has exited, everything it
        wrote to the serial line has been read (the reader sees the line
        close) before this returns."""
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        self.reader.join(timeout=5)
        return code

    def kill(self):
        """Ends the emulator process this machine started (and only it)."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


class Machine(SerialMachine):
    def __init__(self, build, cmdline, log_path, mem=None, extra_args=(), icount=False,
                 read_delay=0.0, initrd=None, virtual_time=False, cdrom=None, smp=None,
                 firmware=None):
        """mem: MiB (default $QEMU_MEM, else 256).  initrd: the RAM disk
        image (default build/initrd.cpio).  read_delay: seconds before the
        serial line is first read (to test that the kernel loses no output
        when its reader falls behind).  virtual_time: the PIT and the CMOS
        RTC both run on the guest's instruction count alone, idle time
        skipped (host load cannot change what the guest measures; implies
        icount).  cdrom: boot this ISO (make iso) instead of the kernel;
        cmdline must then be None (the ISO's grub.cfg has it).  smp: CPUs
        (default $SMP, else 1).  firmware: qemu_cmd.firmware_args's."""
        self.build = build
        self.read_delay = read_delay
        self.log_path = log_path
        self.tmp = tempfile.mkdtemp(prefix="pebbles-")
        self.serial_path = os.path.join(self.tmp, "serial")
        self.monitor_path = os.path.join(self.tmp, "monitor")
        args = qemu_args(build, "harness", initrd, cmdline, mem, icount, virtual_time,
                         self.serial_path, self.monitor_path, extra_args, cdrom, smp, firmware)
        self.start_time = time.monotonic()
        self.qemu_err = open(log_path + ".qemu", "wb")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.qemu_err,
                                     stderr=subprocess.STDOUT)
        self.serial = self._connect(self.serial_path)
        self.connect_time = time.monotonic()  # QEMU is up; the guest starts now
        self.monitor = None
        self._serial_start(log_path)
        self.reader = threading.Thread(target=self._read_serial, daemon=True)
        self.reader.start()

    def _connect(self, path, timeout=10):
        deadline = time.monotonic() + timeout
        while True:
            try:
                s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                s.connect(path)
                return s
            except OSError:
                s.close()
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("cannot connect to QEMU at %s" % path)
                time.sleep(0.005)

    def _read_serial(self):
        time.sleep(self.read_delay)
        while True:
            try:
                data = self.serial.recv(65536)
            except OSError:
                data = b""
            if not self._serial_data(data):
                return

    def type_serial(self, data, delay=0.0):
        if isinstance(data, str):
            data = data.encode("latin-1")
        if not delay:
            self.serial.sendall(data)
            return
        for b in data:
            self.serial.sendall(bytes([b]))
            time.sleep(delay)

    def monitor_cmd(self, cmd, timeout=5):
        if self.monitor is None:
            self.monitor = self._connect(self.monitor_path)
            self.monitor.settimeout(timeout)
            self._monitor_read_prompt()
        self.monitor.sendall((cmd + "\n").encode())
        return self._monitor_read_prompt()

    def _monitor_read_prompt(self):
        buf = b""
        while not buf.endswith(b"(qemu) "):
            chunk = self.monitor.recv(4096)
            if not chunk:
                break
            buf += chunk
        return buf.decode("latin-1")

    def sendkeys(self, keys, delay=0.02):
        """Type through the PS/2 keyboard: keys are QEMU key names."""
        for k in keys:
            self.monitor_cmd("sendkey " + k)
            time.sleep(delay)

    def read_screen(self):
        """The 80x25 VGA text screen: a list of 25 rows of (char, attribute) pairs."""
        path = os.path.join(self.tmp, "vga.bin")
        self.monitor_cmd('pmemsave 0xb8000 4000 "%s"' % path)
        for _ in range(100):
            if os.path.exists(path) and os.path.getsize(path) == 4000:
                break
            time.sleep(0.01)
        data = open(path, "rb").read()
        cells = [(chr(data[i]), data[i + 1]) for i in range(0, 4000, 2)]
        return [cells[r * 80:(r + 1) * 80] for r in range(25)]

    def post_mortem(self):
        """For a run that hangs: the kernel's thread dump (Ctrl-\\ on serial)
        and the CPU state from the QEMU monitor, with the kernel symbol %eip
        falls in, appended to the log so a hang can be read
        after the fact.  Never raises."""
        try:
            self.serial.sendall(b"\x1c")  # the kernel prints its threads (sched_dump.c)
            time.sleep(1)
        except Exception:
            pass
        try:
            regs = self.monitor_cmd("info registers -a")  # every CPU's
            eips = re.findall(r"EIP=([0-9a-f]{8})", regs)
            where = ", ".join("CPU %d in %s" % (i, symbolize(self.build, int(e, 16)))
                              for i, e in enumerate(eips)) or "?"
            note = "\n--- harness: machine hung; eip: %s ---\n%s\n%s" % (where, regs, self._frames(regs))
        except Exception as e:  # the monitor may be gone too
            note = "\n--- harness: machine hung; monitor unavailable (%r) ---\n" % (e,)
        self.log.write(note.encode("latin-1", "replace"))
        self.log.flush()

    def _frames(self, regs):
        """Each CPU's kernel call chain, read by following %ebp in memory
        through the monitor (the kernel's own dump needs a lock a hung CPU
        may hold)."""
        out = []
        for i, ebp in enumerate(re.findall(r"EBP=([0-9a-f]{8})", regs)):
            chain, fp = [], int(ebp, 16)
            for _ in range(12):
                if not 0x100000 <= fp < 0x1000000:
                    break
                words = re.findall(r"0x([0-9a-f]{8})", self.monitor_cmd("xp /2wx 0x%x" % fp).split(":", 1)[-1])
                if len(words) < 2:
                    break
                chain.append("%s (%s)" % (symbolize(self.build, int(words[1], 16)), words[1]))
                fp = int(words[0], 16)
            out.append("CPU %d called from: %s\n" % (i, " <- ".join(chain) or "?"))
        return "".join(out)

    def close(self):
        self.kill()
        for s in (self.serial, self.monitor):
            if s:
                s.close()
        self.reader.join(timeout=2)
        self.log.close()
        self.qemu_err.close()
        for f in os.listdir(self.tmp):
            os.unlink(os.path.join(self.tmp, f))
        os.rmdir(self.tmp)


def symbolize(build, addr):
    """Name of the kernel function containing addr (from nm), or a hex string."""
    out = subprocess.run(["nm", "-n", os.path.join(build, "kernel.elf")], capture_output=True,
                         text=True).stdout
    best = None
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tTwW":
            a = int(parts[0], 16)
            if a > addr:
                break
            best = (parts[2], addr - a)
    return "%s+0x%x" % best if best else "0x%08x" % addr


def screen_rows_text(screen):
    return ["".join(c for c, _ in row).rstrip() for row in screen]
