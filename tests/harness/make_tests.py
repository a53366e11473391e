"""make_tests.py - tests of `make` itself, run by run_tests.py as make/<name>:
`make run-prog` with outside program folders (tests/course_style: course
programs as they are, with their own lib/ and inc/; EXTRA_CFLAGS and a
UCFLAGS override), concurrent run-progs with different EXTRA_PROGS in one
checkout (each must boot its own RAM disk), QEMU_MEM, and `make trace`.

Each test runs `make` in this checkout on the suite's own build directory
and compiler (so it shares the suite's objects; concurrent makes build one
at a time under the build lock while the suite's QEMUs keep running), with
the suite's make variables scrubbed from the environment.  The output of
every make lands in the test's log.  No test depends on timing: every wait
is for an event, with a generous limit only against a hang.
"""
import json
import os
import re
import subprocess
import sys
import threading

from qemu import ROOT

sys.path.insert(0, os.path.join(ROOT, "tools", "trace"))
import validate  # noqa: E402 (tools/trace/validate.py)

MAKE_LIMIT = 900  # seconds; only against a hang (the build may wait for the lock)


class Make:
    """Runs make for one test and keeps what every run printed."""

    def __init__(self, build, cc, log_path):
        self.build, self.cc, self.log_path = build, cc, log_path
        self.lock = threading.Lock()
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")
                    and not k.startswith("PEBBLES_")}

    def start(self, *args):
        cmd = ["make", "--no-print-directory", "-C", ROOT, "BUILD=" + self.build, "CC=" + self.cc]
        cmd += list(args)
        p = subprocess.Popen(cmd, env=self.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT)
        p.cmd = cmd
        return p

    def finish(self, p):
        """(exit status, output) of a started make; logged."""
        try:
            out, _ = p.communicate(timeout=MAKE_LIMIT)
        except subprocess.TimeoutExpired:
            p.kill()
            out, _ = p.communicate()
            out += b"\nmake_tests: make still running after %ds: killed\n" % MAKE_LIMIT
        text = out.decode("latin-1")
        with self.lock, open(self.log_path, "a") as log:
            log.write("$ %s\n%s\n--- exit %s\n" % (" ".join(p.cmd), text, p.returncode))
        return p.returncode, text

    def run(self, *args):
        return self.finish(self.start(*args))


def lines(text):
    return set(text.splitlines())


def run_prog_ok(prog, rc, out):
    """None if `make run-prog PROG=prog` ran a COMPLETE test to success,
    else what went wrong."""
    if rc != 0:
        return "make run-prog exit %s" % rc
    if "PANIC" in out:
        return "kernel panic"
    if "(^_^)_%s END__SUCCESS" % prog not in lines(out):
        return "no END__SUCCESS"
    if not re.search(r"^%s exited with status 0$" % re.escape(prog), out, re.M):
        return "no clean exit"
    return None


# ---------------------------------------------------------------- course_style
COURSE = "tests/course_style"


def course_programs():
    d = os.path.join(ROOT, COURSE)
    return sorted(f[:-2] for f in os.listdir(d) if f.endswith(".c"))


def course_test(prog):
    """One course-style program through `make run-prog PROG=<prog>
    EXTRA_PROGS=tests/course_style`, with EXTRA_CFLAGS and a UCFLAGS
    override (the program prints whether it saw both defines)."""
    def test(mk):
        rc, out = mk.run("run-prog", "PROG=" + prog, "EXTRA_PROGS=" + COURSE,
                         "EXTRA_CFLAGS=-DCS_EXTRA_CFLAGS=1", "UCFLAGS+=-DCS_UCFLAGS=1")
        bad = run_prog_ok(prog, rc, out)
        if bad:
            return False, bad
        if "%s: built with EXTRA_CFLAGS and UCFLAGS" % prog not in lines(out):
            return False, "EXTRA_CFLAGS or the UCFLAGS override did not reach the program"
        return True, "END__SUCCESS (lib/, inc/, EXTRA_CFLAGS, UCFLAGS+=)"
    return test


# ---------------------------------------------------------------- parallel
DISKS = ("a", "b")
PARALLEL_ROUNDS = 3


def parallel_run_prog(mk):
    """Two `make run-prog PROG=pdisk` at once, EXTRA_PROGS=tests/parallel_disks/a
    and .../b, 3 rounds (each round touches both pdisk.c, so both makes
    rebuild their program and image at the same time).  Both folders have
    a program named pdisk: each run must print its own folder's line, see
    its own only_<x> program in readfile(".") and not the other's."""
    for rnd in range(1, PARALLEL_ROUNDS + 1):
        for d in DISKS:
            os.utime(os.path.join(ROOT, "tests", "parallel_disks", d, "pdisk.c"))
        procs = {d: mk.start("run-prog", "PROG=pdisk", "EXTRA_PROGS=tests/parallel_disks/" + d)
                 for d in DISKS}
        results = {d: mk.finish(p) for d, p in procs.items()}
        for d, (rc, out) in results.items():
            bad = run_prog_ok("pdisk", rc, out)
            if not bad and "pdisk: on disk %s, only_%s present, no other" % (d, d) not in lines(out):
                bad = "did not boot its own RAM disk"
            if bad:
                return False, "round %d, disk %s: %s" % (rnd, d, bad)
    return True, "%d rounds of 2 concurrent run-progs, each on its own RAM disk" % PARALLEL_ROUNDS


# ---------------------------------------------------------------- QEMU_MEM
def qemu_mem(mk):
    """make run-prog honours QEMU_MEM: the largest new_pages region the
    kernel grants grows with the machine's memory and stays below it."""
    got = {}
    for mib in (64, 192):
        rc, out = mk.run("run-prog", "PROG=memprobe", "EXTRA_PROGS=tests/qemu_mem",
                         "QEMU_MEM=%d" % mib)
        bad = run_prog_ok("memprobe", rc, out)
        m = re.search(r"^memprobe: largest new_pages (\d+) MiB$", out, re.M)
        if bad or not m:
            return False, "QEMU_MEM=%d: %s" % (mib, bad or "no figure")
        got[mib] = int(m.group(1))
    ok = got[64] < 64 < got[192] < 192
    return ok, "largest region %d MiB at QEMU_MEM=64, %d MiB at 192" % (got[64], got[192])


def make_trace(mk):
    """`make trace` end to end (docs/tracing.md): with ARGS, TRACE and SMP
    it writes <build>/trace/hello.json (valid, the program named, only the
    categories asked for) and .html; a program cut at TIMEOUT still gets
    its trace, and make says so and fails; without PROG it is a usage
    error."""
    rc, out = mk.run("trace", "PROG=hello", "ARGS=tr1 tr2", "TRACE=sched,syscall,proc", "SMP=2")
    jpath = os.path.join(mk.build, "trace", "hello.json")
    done = re.search(r"^trace: \d+ records, 0 dropped; \d+ trace events -> .*hello\.json, .*hello\.html$",
                     out, re.M)
    if rc != 0 or not done or "argv[1] = tr1" not in out:
        return False, "make trace PROG=hello: exit %s" % rc
    with open(jpath) as f:
        doc = json.load(f)
    errors = validate.check(doc)
    names = {e["args"]["name"] for e in doc["traceEvents"] if e["name"] == "process_name"}
    cats = {e.get("cat") for e in doc["traceEvents"] if e["ph"] != "M"}
    if errors or not any(n.startswith("hello (task ") for n in names) or cats - {"sched", "syscall", "proc"}:
        return False, "hello.json: %s; processes %s; categories %s" % (errors[:2], sorted(names), sorted(cats))
    rc, out = mk.run("trace", "PROG=forever_busy", "TIMEOUT=3")
    if rc == 0 or "(cut at the deadline)" not in out or "still running after 3s" not in out:
        return False, "make trace of a program cut at TIMEOUT: exit %s" % rc
    rc, out = mk.run("trace")
    if rc == 0 or "usage: make trace PROG=<name>" not in out:
        return False, "make trace without PROG: exit %s" % rc
    return True, "hello (ARGS, TRACE, SMP=2): valid JSON and HTML; forever_busy cut at 3 s; usage without PROG"


def discover(build, cc):
    """(name, run(log_path) -> (passed, reason), timeout) of every make test."""
    tests = [("course_style/" + p, course_test(p)) for p in course_programs()]
    tests += [("parallel_run_prog", parallel_run_prog), ("qemu_mem", qemu_mem), ("trace", make_trace)]

    def runner(fn):
        def run(log_path):
            open(log_path, "w").close()
            return fn(Make(build, cc, log_path))
        return run
    return [(name, runner(fn), MAKE_LIMIT) for name, fn in tests]
