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
"""
import argparse
import fcntl
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
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
    shown = 0
    deadline = time.monotonic() + args.timeout
    done = re.compile(r"^%s exited with status -?\d+" % re.escape(name), re.M)
    try:
        while True:
            out = m.text()
            if len(out) > shown:
                sys.stdout.write(out[shown:])
                sys.stdout.flush()
                shown = len(out)
            code = m.proc.poll()
            if done.search(out):
                m.wait_exit(2)
                sys.stdout.write(m.text()[shown:])
                return 0
            if code is not None:
                m.reader.join(timeout=5)  # everything QEMU wrote has been read
                sys.stdout.write(m.text()[shown:])
                if "PANIC" in m.text() or code == 3:
                    print("\nrun-prog: the kernel panicked")
                    return 1
                if code == 0:
                    print("\nrun-prog: the machine reset (triple fault?)")
                    return 1
                return 0
            if time.monotonic() > deadline:
                beat = m.heartbeat()
                sys.stdout.write(m.text()[shown:])
                if beat:
                    print("\nrun-prog: %s still running after %gs; the kernel still schedules"
                          % (name, args.timeout))
                    return 2
                print("\nrun-prog: %s still running after %gs; the kernel no longer schedules "
                      "(no heartbeat)" % (name, args.timeout))
                return 3
            time.sleep(0.02)
    finally:
        m.close()


if __name__ == "__main__":
    sys.exit(main())
