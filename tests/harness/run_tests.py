#!/usr/bin/env python3
"""run_tests.py - run every test: host unit tests, boot tests, user test
programs, the tests of `make` itself (make_tests.py), and a handful of user
tests on v86 plus the browser playground (v86_tests.py), in parallel, one
emulator per kernel test.

    python3 tests/harness/run_tests.py [--build build] [--initrd IMAGE] [--cc CC]
                                       [-j N] [-k SUBSTRING] [--kind KIND] [--list]
                                       [--no-shake]

--initrd: the RAM disk image to boot (make passes the one it built for this
run; default <build>/initrd.cpio).  --cc: the compiler the make tests build
with (make passes its CC; with --build, so they share this build).

Every user test program runs three times: in the normal schedule and under
misbehave modes 1 and 2 (as misbehave1/<name>, misbehave2/<name>).  A test
whose header says `@smp 2 4` also runs, in the normal schedule, on a machine
of each of those CPU counts (as smp2/<name>, smp4/<name>), whatever $SMP the
suite runs with; a count equal to $SMP is not run twice.  Tests run in
parallel up to -j at once, and up to 2 x -j guest CPUs at once (a 4-CPU
machine on a 2-core host runs with at most one other machine's CPUs).

Prints one line per test and ends with "N passed, N failed"; exits non-zero
if anything failed.  Logs: build/test-out/<name>.log (serial output).
--kind unit runs only the host unit tests: this is the one runner of the
unit tests (`make -f tests/unit/unit.mk unit-test` calls it).
"""
import argparse
import concurrent.futures
import os
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import boot_tests  # noqa: E402
import iso_tests  # noqa: E402,F401 (registers boot/iso_qemu, boot/iso_bochs)
import make_tests  # noqa: E402
import trace_tests  # noqa: E402,F401 (registers its boot tests)
import v86_tests  # noqa: E402
import verdict  # noqa: E402
from qemu import ROOT, Machine, hold_images  # noqa: E402
from qemu_cmd import default_smp  # noqa: E402

DEFAULT_TIMEOUT = 60
# Every user test also runs under these misbehave modes (1: a new thread or
# child runs first; 2: a yield after every system call), which shake out
# races that the default schedule hides.
SHAKE_MODES = (1, 2)
KINDS = ("unit", "boot", "make", "user", "v86")


class Test:
    def __init__(self, name, kind, run, timeout, exclusive=False, cpus=1):
        self.name, self.kind, self.run, self.timeout = name, kind, run, timeout
        self.exclusive = exclusive
        self.cpus = cpus  # the host threads it keeps busy: a machine's vCPUs


class HostBudget:
    """At most `units` guest CPUs run at once over all parallel tests.  A
    guest on more vCPUs than the host has cores crawls when its vCPUs are
    not running (a ticket lock handed to one the host has descheduled
    stalls the others), and an overcommitted suite then misses deadlines
    that the same test meets alone."""

    def __init__(self, units):
        self.free, self.units = units, units
        self.cond = threading.Condition()

    def take(self, n):
        n = min(n, self.units)
        with self.cond:
            self.cond.wait_for(lambda: self.free >= n)
            self.free -= n
        return n

    def give(self, n):
        with self.cond:
            self.free += n
            self.cond.notify_all()


def unit_tests(build):
    d = os.path.join(build, "unit")
    tests = []
    if not os.path.isdir(d):
        return tests
    for f in sorted(os.listdir(d)):
        path = os.path.join(d, f)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            tests.append(Test("unit/" + f, "unit", lambda out, p=path: run_unit(p, out), 120))
    return tests


def run_unit(path, log_path):
    with open(log_path, "wb") as log:
        try:
            rc = subprocess.run([path], stdout=log, stderr=subprocess.STDOUT, timeout=120).returncode
        except subprocess.TimeoutExpired:
            return False, "timed out"
    return rc == 0, "exit status %d" % rc


def machine_runner(build, fn, timeout, initrd=None):
    """A boot test's run(log_path): fn(boot), where boot(cmdline, **kw)
    starts a QEMU Machine (of this run's RAM disk image unless kw boots an
    ISO, cdrom=...); boot.own(m) hands over another machine (a Bochs) to be
    closed with them; boot.build and boot.log_path are the test's."""
    def run(log_path):
        machines = []

        def own(m):
            machines.append(m)
            return m

        def boot(cmdline, **kw):
            if "cdrom" not in kw:
                kw.setdefault("initrd", initrd)
            return own(Machine(build, cmdline, log_path, **kw))
        boot.own, boot.build, boot.log_path = own, build, log_path
        try:
            return fn(boot)
        finally:
            for m in machines:
                m.close()
    return run


def user_test(build, name, source, misbehave=None, initrd=None, smp=None):
    """A user test program; with misbehave=N it boots with misbehave=N on
    the kernel command line (its test name is then "misbehaveN/<name>"),
    with smp=N on N CPUs ("smpN/<name>"; otherwise on $SMP)."""
    h = verdict.hints(source)
    timeout = int(h.get("timeout", DEFAULT_TIMEOUT))
    args = "misbehave=%d " % misbehave if misbehave is not None else ""
    label = "misbehave%d/%s" % (misbehave, name) if misbehave is not None else name
    if smp is not None:
        label = "smp%d/%s" % (smp, label)

    def run(log_path):
        m = Machine(build, args + "init=" + name, log_path, initrd=initrd, smp=smp)
        try:
            return verdict.judge_machine(m, name, h, timeout)
        finally:
            m.close()
    return Test(label, "user", run, timeout, cpus=smp or default_smp())


def discover(build, modes=SHAKE_MODES, initrd=None, cc="gcc"):
    tests = unit_tests(build)
    for name, (fn, timeout, exclusive) in sorted(boot_tests.TESTS.items()):
        tests.append(Test("boot/" + name, "boot", machine_runner(build, fn, timeout, initrd), timeout,
                          exclusive, cpus=default_smp()))
    for name, run, timeout in make_tests.discover(build, cc):
        tests.append(Test("make/" + name, "make", run, timeout))
    for name, run, timeout in v86_tests.discover(build, initrd):
        tests.append(Test(name, "v86", run, timeout))
    tdir = os.path.join(ROOT, "user", "tests")
    for f in sorted(os.listdir(tdir)):
        if f.endswith((".c", ".S")):  # a test program may be written in assembly
            name = f[:-2]
            if os.path.exists(os.path.join(build, "bin", name)):
                source = os.path.join(tdir, f)
                for mode in (None,) + modes:
                    tests.append(user_test(build, name, source, mode, initrd))
                for cpus in smp_counts(source):
                    tests.append(user_test(build, name, source, None, initrd, cpus))
    return tests


def smp_counts(source):
    """The CPU counts a test's `@smp` hint asks for beyond the suite's own."""
    return [n for n in verdict.hints(source)["smp"] if n != default_smp()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--initrd", help="RAM disk image (default: <build>/initrd.cpio)")
    ap.add_argument("--cc", default="gcc", help="compiler of the make tests' builds")
    ap.add_argument("-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("-k", default="", help="run tests whose name contains this")
    ap.add_argument("--kind", choices=KINDS, help="run only the tests of this kind")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--no-shake", action="store_true",
                    help="run user tests only in the normal schedule, not also under misbehave 1 and 2")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    held = hold_images(build)  # noqa: F841 (the images stay while we run)
    outdir = os.path.join(build, "test-out")
    for sub in ("unit", "boot", "make", "v86", "playground"):
        os.makedirs(os.path.join(outdir, sub), exist_ok=True)
    for mode in SHAKE_MODES:
        os.makedirs(os.path.join(outdir, "misbehave%d" % mode), exist_ok=True)

    tests = [t for t in discover(build, () if args.no_shake else SHAKE_MODES, args.initrd, args.cc)
             if args.k in t.name and args.kind in (None, t.kind)]
    if args.list:
        for t in tests:
            print(t.name)
        return 0

    # Twice the host's cores: guests idle (halted) much of the time, and a
    # 2-CPU suite still runs two machines at once.
    budget = HostBudget(2 * args.j)

    def execute(t):
        log = os.path.join(outdir, t.name + ".log")
        os.makedirs(os.path.dirname(log), exist_ok=True)
        units = budget.take(t.cpus)
        start = time.monotonic()
        try:
            ok, reason = t.run(log)
        except Exception as e:  # a harness problem is a failure, not a crash
            ok, reason = False, "harness error: %r" % (e,)
        finally:
            budget.give(units)
        return t, ok, reason, time.monotonic() - start, log

    counts = {True: 0, False: 0}

    def report(result):
        t, ok, reason, secs, log = result
        counts[ok] += 1
        if ok:
            print("PASS %s (%.1fs) %s" % (t.name, secs, reason), flush=True)
        else:
            print("FAIL %s: %s (%.1fs, log: %s)" % (t.name, reason, secs, os.path.relpath(log)),
                  flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.j) as pool:
        for result in pool.map(execute, [t for t in tests if not t.exclusive]):
            report(result)
    for t in tests:
        if t.exclusive:
            report(execute(t))
    passed, failed = counts[True], counts[False]
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
