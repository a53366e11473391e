#!/usr/bin/env python3
"""run_prog.py - `make run-prog PROG=<name> [ARGS=...] [TIMEOUT=s]`.

Boots the kernel (with the RAM disk image given by --initrd: make passes
the one it built for this invocation; $QEMU_MEM MiB) headless with init running `<name> <args>` in place of the
shell, streams everything the console prints (its serial mirror, which also
carries the kernel log) to stdout, and ends:
  - when init prints "<name> exited with status <N>": exit 0;
  - when the machine stops by itself (halt): exit 0;  on a kernel panic or a
    triple fault: exit 1 with a message;
  - at the deadline: it asks the kernel whether it still schedules (the
    heartbeat, kern/sched/heartbeat.c) and says
    "run-prog: <name> still running after <T>s; the kernel still schedules"
    (exit 2) or "...; the kernel no longer schedules (no heartbeat)" (exit 3).
How the run ended is classified by verdict.ending(), as for `make test`.
"""
import argparse
import fcntl
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import verdict  # noqa: E402
from qemu import ROOT, Machine, hold_images  # noqa: E402


def open_log(build, name):
    """A log file of its own: test-out/run-prog/<name>.log, or .2.log, ...
    when another run-prog of the same name is using that one (each log is
    locked while its run lasts)."""
    d = os.path.join(build, "test-out", "run-prog")
    os.makedirs(d, exist_ok=True)
    for i in range(1, 1000):
        path = os.path.join(d, "%s.log" % name if i == 1 else "%s.%d.log" % (name, i))
        lock = open(path + ".lock", "a")
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return path, lock
        except OSError:
            lock.close()
    raise RuntimeError("no free log name in %s" % d)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.environ.get("BUILD", os.path.join(ROOT, "build")))
    ap.add_argument("--initrd", help="RAM disk image (default: <build>/initrd.cpio)")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("prog", nargs="+")
    args = ap.parse_args()
    name = args.prog[0]
    build = os.path.abspath(args.build)
    held = hold_images(build)  # noqa: F841 (the image stays while we run)
    log, log_lock = open_log(build, os.path.basename(name))  # noqa: F841
    m = Machine(build, "init=" + " ".join(args.prog), log, initrd=args.initrd)
    try:
        return report(name, args.timeout, watch(m, name, args.timeout))
    finally:
        m.close()


def watch(m, name, timeout):
    """Stream the console to stdout until the program exits, the machine
    stops or the deadline passes; then how the run ended (verdict.ending)."""
    shown = 0
    deadline = time.monotonic() + timeout
    while True:
        shown = show(m, shown)
        code = m.proc.poll()
        if verdict.exit_line(name, m.text()) is not None:
            m.wait_exit(2)
            code = m.proc.poll()
            break
        if code is not None:
            m.reader.join(timeout=5)  # everything QEMU wrote has been read
            break
        if time.monotonic() > deadline:
            beat = m.heartbeat()
            show(m, shown)
            return verdict.ending(name, m.text(), code, True, beat)
        time.sleep(0.02)
    show(m, shown)
    return verdict.ending(name, m.text(), code, False)


def show(m, shown):
    """Write what the console printed since byte `shown`; the new count."""
    out = m.text()
    if len(out) > shown:
        sys.stdout.write(out[shown:])
        sys.stdout.flush()
    return len(out)


# What run-prog says, and its exit code, for each verdict.ending() kind.
MESSAGES = {
    "exited": (None, 0),
    "halted": (None, 0),
    "panic": ("the kernel panicked", 1),
    "reset": ("the machine reset (triple fault?)", 1),
    "scheduling": ("{name} still running after {timeout:g}s; the kernel still schedules", 2),
    "not-scheduling": ("{name} still running after {timeout:g}s; the kernel no longer schedules "
                       "(no heartbeat)", 3),
}


def report(name, timeout, end):
    """Print run-prog's last line for ending `end`; its exit code."""
    text, code = MESSAGES[end.kind]
    if text:
        print("\nrun-prog: " + text.format(name=name, timeout=timeout))
    return code


if __name__ == "__main__":
    sys.exit(main())
