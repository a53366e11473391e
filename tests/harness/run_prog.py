#!/usr/bin/env python3
"""run_prog.py - `make run-prog PROG=<name> [ARGS=...] [TIMEOUT=s]`.

Boots the kernel headless with init running `<name> <args>` in place of the
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
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qemu import ROOT, Machine  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.environ.get("BUILD", os.path.join(ROOT, "build")))
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("prog", nargs="+")
    args = ap.parse_args()
    name = args.prog[0]
    build = os.path.abspath(args.build)
    os.makedirs(os.path.join(build, "test-out"), exist_ok=True)
    log = os.path.join(build, "test-out", "run-prog.log")
    m = Machine(build, "init=" + " ".join(args.prog), log)
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
