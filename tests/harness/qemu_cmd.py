#!/usr/bin/env python3
"""qemu_cmd.py - the one place the QEMU command line is written.

Every boot of the kernel (make run, run-serial, gdb through
tools/qemu-run.sh; run-prog, test and bench through qemu.py's Machine)
gets its argument list from qemu_args().  The parts:
  - the machine: $QEMU (default qemu-system-i386), $QEMU_MEM MiB (default
    256) unless a size is given, the firmware ($QEMU_BIOS; by default
    qboot, or SeaBIOS for the modes with a screen: default_firmware), <build>/kernel.elf, the RAM disk image
    (passed explicitly; default <build>/initrd.cpio), the kernel command
    line if any, isa-debug-exit on port 0xf4, -no-reboot, no network;
    or, with cdrom=<iso>, that ISO as the CD the firmware boots instead of
    the kernel and RAM disk (GRUB loads them; the command line is the
    ISO's grub.cfg);
  - the mode, which picks display, serial line and monitor:
      window   a QEMU window; serial mirror to <build>/serial.log
      curses   the VGA text screen in this terminal; serial to the log
      serial   no screen; the console on stdin/stdout (Ctrl-A X quits)
      gdb      no screen; serial to the log; stopped, waiting for GDB on :1234
      harness  no screen; serial and monitor on Unix sockets (qemu.py)
  - guest time: icount (rdtsc counts guest instructions) or virtual time
    (PIT and CMOS RTC run on the instruction count, idle time skipped);
  - CPUs: $SMP (default 1; make run/run-prog/test/trace SMP=N) or the
    caller's count, as -smp N with multi-threaded TCG (smp_args);
  - for the caller's extra list: the debug console into a file
    (debugcon_args, the trace's channel).

Run as a script it execs QEMU (the pid stays the caller's):
    python3 tests/harness/qemu_cmd.py --mode serial [--build B] [--initrd I]
                                      [--append CMDLINE] [--cdrom ISO] [--print]
--print writes the command line instead (one shell-quoted line).
"""
import argparse
import os
import shlex
import sys

MODES = ("window", "curses", "serial", "gdb", "harness")


def default_mem():
    """Guest memory in MiB: $QEMU_MEM (make exports it), else 256."""
    return int(os.environ.get("QEMU_MEM") or 256)


FIRMWARE = {
    "seabios": None,  # QEMU's own default
    "qboot": "/usr/share/qemu/qboot.rom",
}
# Modes that show the VGA screen to a person.  qboot runs no VGA BIOS, so
# under it the text mode has neither timings nor a font (the kernel sets
# only the memory layout and palette, kern/dev/vga.c) and nothing shows:
# those modes keep SeaBIOS.
# The others boot faster with qboot (docs/testing.md, "Firmware"); the
# tests read VGA memory, not pixels, and pass under it.
SCREEN_MODES = ("window", "curses")


def default_firmware(mode):
    """qboot where no one sees the screen and QEMU ships it, else SeaBIOS."""
    if mode in SCREEN_MODES or not os.path.exists(FIRMWARE["qboot"]):
        return "seabios"
    return "qboot"


def firmware_args(mode, firmware=None):
    """-bios for firmware, else $QEMU_BIOS: a name of FIRMWARE (default
    default_firmware), or the path of a firmware image."""
    choice = firmware or os.environ.get("QEMU_BIOS") or default_firmware(mode)
    path = FIRMWARE.get(choice, choice)
    return ["-bios", path] if path else []


def boot_args(build, initrd=None, cmdline=None, cdrom=None):
    """What the machine boots: the kernel and RAM disk (QEMU is the
    Multiboot loader), or an ISO from the CD drive (GRUB is)."""
    if cdrom is not None:
        if initrd is not None or cmdline:
            raise ValueError("an ISO boots its own RAM disk and command line (its grub.cfg)")
        return ["-cdrom", cdrom, "-boot", "d"]
    args = ["-kernel", os.path.join(build, "kernel.elf"),
            "-initrd", initrd or os.path.join(build, "initrd.cpio")]
    if cmdline is not None:
        args += ["-append", cmdline]
    return args


def machine_args(build, mode, initrd=None, cmdline=None, mem=None, cdrom=None, firmware=None):
    """QEMU, memory, firmware (for mode), what it boots and the devices
    every boot has."""
    args = [
        os.environ.get("QEMU") or "qemu-system-i386",
        "-m", str(mem if mem is not None else default_mem()),
    ] + (firmware_args(mode, firmware) if cdrom is None else []) + boot_args(build, initrd, cmdline, cdrom)
    # (an ISO needs a BIOS that boots CDs: QEMU's default SeaBIOS; qboot
    # boots only -kernel)
    return args + [
        "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
        "-no-reboot",
        "-nic", "none",  # no network: spares the firmware its PXE ROM (~30 ms of boot)
    ]


def harness_io(serial_path, monitor_path):
    """Serial line (QEMU waits for the harness to connect) and human monitor
    on Unix sockets."""
    return [
        "-chardev", "socket,id=ser0,path=%s,server=on,wait=on" % serial_path,
        "-serial", "chardev:ser0",
        "-monitor", "unix:%s,server=on,wait=off" % monitor_path,
    ]


def mode_args(mode, build, serial_path=None, monitor_path=None):
    """Display, serial line and monitor for one of MODES."""
    log = "file:" + os.path.join(build, "serial.log")
    if mode == "window":
        return ["-serial", log]
    if mode == "curses":
        return ["-display", "curses", "-serial", log]
    if mode == "serial":
        return ["-display", "none", "-serial", "mon:stdio"]
    if mode == "gdb":
        return ["-display", "none", "-serial", log, "-s", "-S"]
    if mode == "harness":
        return ["-display", "none"] + harness_io(serial_path, monitor_path)
    raise ValueError("unknown QEMU mode %r (one of %s)" % (mode, ", ".join(MODES)))


def debugcon_args(path):
    """QEMU's debug console (port 0xE9) into a file: the kernel trace's
    channel (kern/dev/debugcon.c, tools/trace/), apart from the console."""
    return ["-debugcon", "file:" + path]


def default_smp():
    """Virtual CPUs: $SMP (make exports it), else 1."""
    return int(os.environ.get("SMP") or 1)


def smp_args(cpus, icount=False):
    """cpus virtual CPUs (-smp), when more than one is asked for, on
    multi-threaded TCG so that they run in parallel on host cores; under
    icount QEMU runs every CPU on one thread (it refuses thread=multi)."""
    if not cpus or cpus <= 1:
        return []
    return ["-smp", str(cpus)] + ([] if icount else ["-accel", "tcg,thread=multi"])


def time_args(icount=False, virtual_time=False):
    """Guest time: real (nothing), icount, or virtual time (implies icount)."""
    args = []
    if icount or virtual_time:
        args += ["-icount", "shift=0,sleep=off" if virtual_time else "shift=0"]
    if virtual_time:
        args += ["-rtc", "clock=vm"]
    return args


def qemu_args(build, mode, initrd=None, cmdline=None, mem=None, icount=False,
              virtual_time=False, serial_path=None, monitor_path=None, extra=(), cdrom=None, smp=None,
              firmware=None):
    """The whole QEMU argument list for one boot (see the module's text);
    smp: CPUs (default default_smp()); firmware: as firmware_args."""
    cpus = smp if smp is not None else default_smp()
    return (machine_args(build, mode, initrd, cmdline, mem, cdrom, firmware)
            + mode_args(mode, build, serial_path, monitor_path)
            + time_args(icount, virtual_time)
            + smp_args(cpus, icount or virtual_time) + list(extra))


def parse(argv):
    """The script's options."""
    ap = argparse.ArgumentParser(description="exec QEMU on the kernel")
    ap.add_argument("--mode", choices=[m for m in MODES if m != "harness"], required=True)
    ap.add_argument("--build", default=os.environ.get("BUILD") or "build")
    ap.add_argument("--initrd", default=os.environ.get("INITRD") or None)
    ap.add_argument("--append", default=None, help="kernel command line")
    ap.add_argument("--cdrom", default=None, help="boot this ISO instead (make iso)")
    ap.add_argument("--print", action="store_true", help="print the command, do not run it")
    return ap.parse_args(argv)


def main(argv):
    """Exec (or print) QEMU for the mode asked for."""
    opts = parse(argv)
    initrd = None if opts.cdrom else opts.initrd
    args = qemu_args(opts.build, opts.mode, initrd, opts.append, cdrom=opts.cdrom)
    if opts.print:
        print(" ".join(shlex.quote(a) for a in args))
        return 0
    sys.stdout.flush()
    os.execvp(args[0], args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
