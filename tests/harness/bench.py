#!/usr/bin/env python3
"""bench.py - `make bench`: the kernel's hot paths, measured in QEMU.

Runs the `bench` user program several times, alternating two modes:
  - with -icount shift=0, where rdtsc counts guest instructions: the
    deterministic figure (instructions per operation);
  - without, for wall time (get_ticks, 1 ms resolution, over many iterations).
Also times boot-to-banner.  Host speed swings, so trials are interleaved and
reported as min / median / max.
"""
import argparse
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qemu import ROOT, Machine, hold_images  # noqa: E402


def run_bench(build, icount, log, initrd):
    m = Machine(build, "init=bench", log, icount=icount, initrd=initrd)
    try:
        m.wait_exit(300)
        out = m.text()
    finally:
        m.close()
    res = {}
    for name, cycles, ms, iters in re.findall(r"^BENCH (\S+) (\d+) (\d+) (\d+)", out, re.M):
        res[name] = (int(cycles), int(ms) * 1000.0 / int(iters))
    return res


def boot_time(build, log, initrd):
    m = Machine(build, "init=hello", log, initrd=initrd)
    try:
        m.wait_for(r"Pebbles-x86", 10)
        return m.first_output_time - m.start_time
    finally:
        m.close()


def fmt(vals, unit):
    return "%10.2f %10.2f %10.2f %s" % (min(vals), statistics.median(vals), max(vals), unit)


# ---- CPU share under load (issue 14 §8) -------------------------------
# `bench sleepers` runs in a boot of its own (1,000 threads would weigh on
# every row after it) and prints
#     BENCHSHARE <row> <spinner loops alone> <spinner loops under load>
# over equal tick windows.  The row is their ratio: the CPU share the load
# leaves to the spinner.  Under -icount a tick is a fixed number of guest
# instructions, so that figure is exact; the wall figure is the same ratio
# in real time.
SHARE_BENCHES = ("sleepers",)


def run_shares(build, icount, log, initrd):
    res = {}
    for bench in SHARE_BENCHES:
        m = Machine(build, "init=bench " + bench, log, icount=icount, initrd=initrd)
        try:
            m.wait_exit(300)
            out = m.text()
        finally:
            m.close()
        for name, alone, loaded in re.findall(r"^BENCHSHARE (\S+) (\d+) (\d+)", out, re.M):
            res[name] = 100.0 * int(loaded) / int(alone)
    return res


def print_shares(exact, wall):
    for name in exact:
        print("%-22s %10.1f %10.1f %10.1f %%   %s" % (
            name, min(exact[name]), statistics.median(exact[name]), max(exact[name]),
            fmt(wall.get(name, [0]), "% (wall)")))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--initrd", help="RAM disk image (default: <build>/initrd.cpio)")
    ap.add_argument("--trials", type=int, default=3)
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    held = hold_images(build)  # noqa: F841 (the image stays while we run)
    log = os.path.join(build, "test-out", "bench.log")
    os.makedirs(os.path.dirname(log), exist_ok=True)
    insns, wall, boots = {}, {}, []
    share_exact, share_wall = {}, {}
    for _ in range(args.trials):
        boots.append(boot_time(build, log, args.initrd) * 1000)
        for name, (c, _) in run_bench(build, True, log, args.initrd).items():
            insns.setdefault(name, []).append(c)
        for name, (_, us) in run_bench(build, False, log, args.initrd).items():
            wall.setdefault(name, []).append(us)
        for name, pct in run_shares(build, True, log, args.initrd).items():
            share_exact.setdefault(name, []).append(pct)
        for name, pct in run_shares(build, False, log, args.initrd).items():
            share_wall.setdefault(name, []).append(pct)
    print("%-22s %32s   %s" % ("", "guest instructions / op", "wall time / op (min med max)"))
    for name in insns:
        i = insns[name]
        print("%-22s %10d %10d %10d   %s" % (name, min(i), statistics.median(i), max(i),
                                           fmt(wall.get(name, [0]), "us")))
    print_shares(share_exact, share_wall)
    print("%-22s %32s   %s" % ("boot to banner", "", fmt(boots, "ms")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
