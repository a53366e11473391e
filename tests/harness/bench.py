#!/usr/bin/env python3
"""bench.py - `make bench`: the kernel's hot paths, measured in QEMU.

Runs the `bench` user program several times, alternating two modes:
  - with -icount shift=0, where rdtsc counts guest instructions: the
    deterministic figure (instructions per operation);
  - without, for wall time (get_ticks, 1 ms resolution, over many iterations).
Once more under icount with the boot option lockcheck=off: the difference
is what the lock-order checks cost each operation (column "locks"; "-"
where the count is not exact, i.e. differs between trials, or with only
one trial).
Each row also gives the %cr3 writes per operation (kstats; the same in
every run).  Boot: boot_to_program is the guest time (ns under icount:
instructions, plus idle time) from reset to the bench program's main,
firmware included; boot_to_banner and boot_to_prompt are wall times from
QEMU's start to the kernel's first line and to the shell's prompt.  All
with the firmware qemu_cmd.py picks for the harness ($QEMU_BIOS, by default
qboot); boot_to_prompt_seabios is the prompt with SeaBIOS, the firmware of
the modes with a screen (make run).  Host speed swings, so trials are
interleaved and reported as min / median / max.
"""
import argparse
import os
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from qemu import ROOT, Machine, hold_images  # noqa: E402

PROMPT = "pebbles> "


def boot_bench(build, log, initrd, cmdline, icount=False, smp=None):
    """Boot with cmdline (init=bench ...), wait for the end: the output."""
    m = Machine(build, cmdline, log, icount=icount, initrd=initrd, smp=smp)
    try:
        m.wait_exit(300)
        return m.text()
    finally:
        m.close()


def bench_rows(out):
    """{name: (instructions or cycles per op, wall us per op, cr3 writes per op)} of BENCH lines."""
    res = {}
    for name, cycles, ms, iters, cr3 in re.findall(r"^BENCH (\S+) (\d+) (\d+) (\d+) (\d+)", out, re.M):
        res[name] = (int(cycles), int(ms) * 1000.0 / int(iters), int(cr3) / int(iters))
    return res


def run_bench(build, icount, log, initrd, options=""):
    """bench_rows of a boot of `bench` with all its default rows."""
    return bench_rows(boot_bench(build, log, initrd, (options + " init=bench").strip(), icount))


def boot_times(build, log, initrd, firmware=None):
    """(ms to the kernel's first output, ms to the shell prompt), from QEMU's
    start, with the default firmware or the one named (qemu_cmd.FIRMWARE)."""
    saved = os.environ.get("QEMU_BIOS")
    if firmware:
        os.environ["QEMU_BIOS"] = firmware
    try:
        m = Machine(build, None, log, initrd=initrd)
    finally:
        if firmware:
            os.environ.pop("QEMU_BIOS", None)
            if saved is not None:
                os.environ["QEMU_BIOS"] = saved
    try:
        if not m.wait_for(re.escape(PROMPT), 20):
            return None
        prompt = time.monotonic()
        return ((m.first_output_time - m.start_time) * 1000, (prompt - m.start_time) * 1000)
    finally:
        m.close()


def fmt(vals, unit):
    return "%9.2f %9.2f %9.2f %s" % (min(vals), statistics.median(vals), max(vals), unit)


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
        out = boot_bench(build, log, initrd, "init=bench " + bench, icount)
        for name, alone, loaded in re.findall(r"^BENCHSHARE (\S+) (\d+) (\d+)", out, re.M):
            res[name] = 100.0 * int(loaded) / int(alone)
    return res


def print_shares(exact, wall):
    for name in exact:
        print("%-24s %9.1f %9.1f %9.1f %9s %7s   %s" % (
            name, min(exact[name]), statistics.median(exact[name]), max(exact[name]), "%", "",
            fmt(wall.get(name, [0]), "% (wall)")))


# ---- several CPUs (issue 15 §8) ----------------------------------------
# cpu_bound_throughput: `bench cpu_bound N` (N tasks counting, BENCHCPU
# <N> <ms>) on 1 and on 2 CPUs, interleaved, in wall time (icount runs
# every CPU on one host thread, so only multi-threaded TCG can show a
# second CPU's work); the row is the ratio of the two times per trial:
# the throughput on 2 CPUs over that on 1.
# `bench smp` on 2 CPUs: cross_cpu_wakeup and tlb_shootdown_alone /
# _sibling, under icount (instructions of both CPUs: QEMU runs them in
# turn) and in wall time.  Each says in BENCHAPART <row> <k> <n> in how
# many of its n rounds its two threads were on different CPUs (cpuid); a
# row whose threads never were measured one CPU and prints n/a.
CPU_BOUND_TASKS = (2, 4)
CPU_COUNTS = (1, 2)
SMP_ROWS_CPUS = 2


def run_cpu_bound(build, log, initrd, tasks, cpus):
    """Wall ms of `tasks` CPU-bound tasks on `cpus` CPUs, or None."""
    out = boot_bench(build, log, initrd, "init=bench cpu_bound %d" % tasks, smp=cpus)
    m = re.search(r"^BENCHCPU %d (\d+)" % tasks, out, re.M)
    return int(m.group(1)) if m else None


def run_smp_rows(build, icount, log, initrd):
    """(bench_rows, {row: (rounds apart, rounds)}) of `bench smp` on 2 CPUs."""
    out = boot_bench(build, log, initrd, "init=bench smp", icount, SMP_ROWS_CPUS)
    apart = {name: (int(k), int(n)) for name, k, n in re.findall(r"^BENCHAPART (\S+) (\d+) (\d+)", out, re.M)}
    return bench_rows(out), apart


def cpu_bound_trial(build, log, initrd, times):
    """One interleaved trial of every task count at every CPU count into
    times[(tasks, cpus)]."""
    for tasks in CPU_BOUND_TASKS:
        for cpus in CPU_COUNTS:
            ms = run_cpu_bound(build, log, initrd, tasks, cpus)
            if ms:
                times.setdefault((tasks, cpus), []).append(ms)


def smp_rows_trial(build, log, initrd, insns, wall, apart, cr3):
    """One icount and one wall boot of `bench smp`, into the four dicts
    (cr3: the %cr3 loads per op on both CPUs, as a shootdown's NMI makes
    its target reload)."""
    rows, seen = run_smp_rows(build, True, log, initrd)
    for name, (c, _, w) in rows.items():
        insns.setdefault(name, []).append(c)
        cr3[name] = w
    rows, seen_wall = run_smp_rows(build, False, log, initrd)
    for name, (_, us, _) in rows.items():
        wall.setdefault(name, []).append(us)
    for name, (k, n) in list(seen.items()) + list(seen_wall.items()):
        k0, n0 = apart.get(name, (0, 0))
        apart[name] = (k0 + k, n0 + n)


# contention: `bench contention` (user/progs/bench.c says what its three
# loads do) at each CPU count of CONTENTION_CPUS, in wall time.  Per load
# and count: the ms it took, and the share of all CPUs' time spent waiting
# for the scheduler's, the frame pool's and the heap's spinlocks (rdtsc,
# kstats), with the mutex sleeps.  More CPUs than the host has cores would
# measure the host: a vCPU holding, or next in line for, a ticket lock is
# often not running (at 4 CPUs on this 2-core host the yield storm spent
# over 90% of its time spinning; at 8 it did not finish in 300 s).
CONTENTION_CPUS = (1, 2)
with open(os.path.join(ROOT, "include", "abi", "kstats.h")) as _f:  # the shift is stated there
    KSTATS_TSC_SHIFT = int(re.search(r"#define KSTATS_TSC_SHIFT (\d+)", _f.read()).group(1))
CONTENTION_LOCKS = ("sched", "frames", "kheap")


def run_contention(build, log, initrd, cpus, res):
    """One boot of `bench contention` on cpus CPUs, into res[(load, cpus)]."""
    out = boot_bench(build, log, initrd, "init=bench contention", smp=cpus)
    for line in re.findall(r"^BENCHLOCK (.*)$", out, re.M):
        f = line.split()
        load, ncpu, ms, tsc = f[0], int(f[1]), int(f[2]), int(f[3])
        pairs = dict(zip(f[4::3], zip(f[5::3], f[6::3])))
        shares = {lock: 100.0 * (int(pairs[lock][1]) << KSTATS_TSC_SHIFT) / (ncpu * tsc)
                  for lock in CONTENTION_LOCKS}
        r = res.setdefault((load, cpus), {"ms": [], "sleeps": []})
        r["ms"].append(ms)
        r["sleeps"].append(int(f[-1]))
        for lock, pct in shares.items():
            r.setdefault(lock, []).append(pct)


def print_contention(res):
    for (load, cpus), r in res.items():
        spins = ", ".join("%s %.1f%%" % (lock, statistics.median(r[lock])) for lock in CONTENTION_LOCKS)
        print("%-24s %29s %9s %7s   %s; spinning (median): %s; mutex sleeps %d" % (
            "contention_%s_smp%d" % (load, cpus), "", "", "", fmt(r["ms"], "ms"), spins,
            statistics.median(r["sleeps"])))


def print_cpu_bound(times):
    for tasks in CPU_BOUND_TASKS:
        for cpus in CPU_COUNTS:
            print("%-24s %29s %9s %7s   %s" % ("cpu_bound_%d_tasks_smp%d" % (tasks, cpus), "", "", "",
                                              fmt(times.get((tasks, cpus), [0]), "ms")))
        one, two = times.get((tasks, 1), []), times.get((tasks, 2), [])
        ratios = [a / b for a, b in zip(one, two)]
        print("%-24s %29s %9s %7s   %s" % ("cpu_bound_throughput_%d" % tasks, "", "", "",
                                          fmt(ratios, "x (SMP=2 / SMP=1)") if ratios else "n/a"))


def print_smp_rows(insns, wall, apart, cr3):
    for name in insns:
        k, n = apart.get(name, (1, 1))  # a row without two threads is always apart
        if k == 0:
            print("%-24s %29s %9s %7s   n/a (its two threads never ran on different CPUs)" % (name, "", "", ""))
            continue
        i = insns[name]
        note = "" if k == n else " (apart in %d%% of rounds)" % (100 * k // n)
        print("%-24s %9d %9d %9d %9.2f %7s   %s%s" % (name, min(i), statistics.median(i), max(i),
                                                   cr3.get(name, 0), "", fmt(wall.get(name, [0]), "us"), note))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--initrd", help="RAM disk image (default: <build>/initrd.cpio)")
    ap.add_argument("--trials", type=int, default=3)
    ap.add_argument("--smp-only", action="store_true", help="only the rows of several CPUs")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    held = hold_images(build)  # noqa: F841 (the image stays while we run)
    log = os.path.join(build, "test-out", "bench.log")
    os.makedirs(os.path.dirname(log), exist_ok=True)
    insns, wall, cr3, boots = {}, {}, {}, {"boot_to_banner": [], "boot_to_prompt": [],
                                    "boot_to_prompt_seabios": []}
    share_exact, share_wall = {}, {}
    cpu_times, smp_insns, smp_wall, smp_apart, smp_cr3, contention = {}, {}, {}, {}, {}, {}
    for _ in range(args.trials):
        cpu_bound_trial(build, log, args.initrd, cpu_times)
        for cpus in CONTENTION_CPUS:
            run_contention(build, log, args.initrd, cpus, contention)
        smp_rows_trial(build, log, args.initrd, smp_insns, smp_wall, smp_apart, smp_cr3)
        if args.smp_only:
            continue
        b = boot_times(build, log, args.initrd)
        if b:
            boots["boot_to_banner"].append(b[0])
            boots["boot_to_prompt"].append(b[1])
        b = boot_times(build, log, args.initrd, "seabios")  # what make run's window pays
        if b:
            boots["boot_to_prompt_seabios"].append(b[1])
        for name, (c, _, w) in run_bench(build, True, log, args.initrd).items():
            insns.setdefault(name, []).append(c)
            cr3[name] = w
        for name, (_, us, _) in run_bench(build, False, log, args.initrd).items():
            wall.setdefault(name, []).append(us)
        for name, pct in run_shares(build, True, log, args.initrd).items():
            share_exact.setdefault(name, []).append(pct)
        for name, pct in run_shares(build, False, log, args.initrd).items():
            share_wall.setdefault(name, []).append(pct)
    unchecked = {} if args.smp_only else {
        n: c for n, (c, _, _) in run_bench(build, True, log, args.initrd, "lockcheck=off").items()}
    print("%-24s %29s %9s %7s   %s" % ("", "guest instructions / op", "cr3 / op", "locks",
                                      "wall time / op (min med max)"))
    for name in insns:
        i = insns[name]
        # A difference means something only where the count is exact (the
        # same in every trial, so judged over 2 or more): not for print (the
        # serial line's pace) or boot (idle time), nor from a single trial.
        exact = len(i) > 1 and min(i) == max(i) and name in unchecked
        locks = "%7d" % (i[0] - unchecked[name]) if exact else "%7s" % "-"
        print("%-24s %9d %9d %9d %9.2f %s   %s" % (name, min(i), statistics.median(i), max(i), cr3[name],
                                                 locks, fmt(wall.get(name, [0]), "us")))
    print_shares(share_exact, share_wall)
    print_smp_rows(smp_insns, smp_wall, smp_apart, smp_cr3)
    print_cpu_bound(cpu_times)
    print_contention(contention)
    for name, vals in boots.items():
        if vals or not args.smp_only:
            print("%-24s %29s %9s %7s   %s" % (name, "", "", "", fmt(vals or [0], "ms")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
