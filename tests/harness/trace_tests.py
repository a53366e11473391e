"""trace_tests.py - the kernel trace (docs/tracing.md), judged on real boots:
each test boots user/tests/trace_schedule (a known schedule: two threads
ping-pong through yield(tid), one sleep, one fault caught by swexn) with
trace= on the command line and the debug console into a file, and reads
what the kernel wrote there (tools/trace/decode.py).

  trace_schedule_events  the trace holds exactly the events that schedule
                         must produce, thread by thread, and nothing lost
  trace_export           the Chrome JSON is valid (and the validator does
                         reject what is not); the HTML renders in headless
                         Chromium, and a screenshot is kept for a person:
                         <build>/trace/trace_schedule.png
  trace_drops            with a tiny ring (tracebuf=) events are dropped,
                         and counted: in the stream, on the console, and
                         they add up to what a big ring records

Registered as boot tests (boot_tests.TESTS); run_tests.py imports this.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from boot_tests import boot_test
from qemu import ROOT
from qemu_cmd import debugcon_args

sys.path.insert(0, os.path.join(ROOT, "tools", "trace"))
import decode  # noqa: E402
import run_trace  # noqa: E402
import validate  # noqa: E402

PROG = "trace_schedule"
ROUNDS = 3  # PINGPONG_ROUNDS in user/tests/trace_schedule.c
SLEEP_TICKS = 2
FAULT_ADDR = 0x40000000
CHROMIUM = "/usr/bin/chromium"
NO_IRQ = "sched,syscall,fault,block,proc,mem"


def traced_run(boot, categories="all", extra="", smp=1, prog=PROG, virtual_time=True):
    """Boot prog with the trace on; (machine, decode.Trace or None if it
    did not finish).  On one CPU whatever $SMP says, unless smp says
    otherwise: the tests compare the records with PROG's known schedule,
    which only one CPU keeps (with several, B runs beside A rather than in
    turns).  Virtual time makes one CPU's schedule exact; with several,
    QEMU then runs the CPUs in turn on one thread, switching seldom, so a
    run across CPUs takes the host's clock (virtual_time=False)."""
    tmp = tempfile.mkdtemp(prefix="pebbles-trace-")
    try:
        stream = os.path.join(tmp, "stream")
        m = boot("trace=%s %sinit=%s" % (categories, extra, prog), virtual_time=virtual_time,
                 extra_args=debugcon_args(stream), smp=smp)
        if m.wait_exit(60) is None:
            return m, None
        return m, decode.load(stream)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def check_run(m, tr, prog=PROG):
    """None, or why the run itself went wrong."""
    if tr is None:
        return "%s did not finish" % prog
    if "%s END__SUCCESS" % prog not in m.text():
        return "%s did not pass" % prog
    if tr.trailing or not tr.events or tr.events[-1]["type"] != "STOP":
        return "the stream does not end with a STOP record (%d trailing bytes)" % tr.trailing
    return None


def between(events, first, last):
    """The records from MARK first to MARK last (both included)."""
    idx = {e["name"]: i for i, e in enumerate(events) if e["type"] == "MARK"}
    return events[idx[first]:idx[last] + 1]


def key(e):
    """What the test compares of a record."""
    t, a = e["type"], e["args"]
    if t in ("SYSCALL", "SYSRET"):
        return (t, a[0], a[1])
    if t == "SWITCH":
        return (t, a[0], a[1], a[2])
    if t in ("MARK", "BLOCK"):
        return (t, e["name"])
    if t == "FAULT":
        return (t, a[0], a[1], a[3])
    if t == "VANISH":
        return (t, a[0])
    return (t, a[0])


def expected_a(a, b, st, sc):
    """Thread A's own records from mark "pingpong" to mark "done"."""
    mark = [("SYSRET", sc["trace"], 0), ("SYSCALL", sc["trace"], None)]
    want = [("MARK", "pingpong"), ("SYSRET", sc["trace"], 0),
            ("SYSCALL", sc["thread_fork"], None), ("THRFORK", b), ("SYSRET", sc["thread_fork"], b)]
    for _ in range(ROUNDS + 1):  # the last one lets B finish
        want += [("SYSCALL", sc["yield"], b), ("SWITCH", a, b, st["runnable"]), ("SYSRET", sc["yield"], 0)]
    want += [mark[1], ("MARK", "sleep"), mark[0],
             ("SYSCALL", sc["sleep"], SLEEP_TICKS), ("BLOCK", "sleep"), ("SWITCH", a, None, st["blocked"]),
             ("SYSRET", sc["sleep"], 0),
             mark[1], ("MARK", "fault"), mark[0],
             ("SYSCALL", sc["swexn"], None), ("SYSRET", sc["swexn"], 0),
             ("FAULT", 14, FAULT_ADDR, 1),  # 1: TRACE_FAULT_SWEXN
             mark[1], ("MARK", "done")]
    return want


def expected_b(a, b, st, sc):
    """Thread B's records: it starts inside A's first yield."""
    want = []
    for i in range(ROUNDS):
        if i:
            want.append(("SYSRET", sc["yield"], 0))
        want += [("SYSCALL", sc["yield"], a), ("SWITCH", b, a, st["runnable"])]
    return want + [("SYSRET", sc["yield"], 0), ("SYSCALL", sc["vanish"], None), ("VANISH", 0),
                   ("WAKEUP", None), ("SWITCH", b, a, st["dead"])]  # the wakeup: the reaper


def same(got, want):
    """Does each record key match its pattern (None: any value)?"""
    return len(got) == len(want) and all(
        len(g) == len(w) and all(x is None or x == y for x, y in zip(w, g)) for g, w in zip(got, want))


def first_difference(got, want):
    for i, (g, w) in enumerate(zip(got, want)):
        if not same([g], [w]):
            return "record %d: %r, expected %r" % (i, g, w)
    return "%d records, expected %d" % (len(got), len(want))


@boot_test("trace_schedule_events", timeout=90)
def trace_schedule_events(boot):
    m, tr = traced_run(boot)
    err = check_run(m, tr)
    if err:
        return False, err
    if tr.dropped or tr.stop_lost:
        return False, "%d events dropped with a full-size ring" % tr.dropped
    st = {s: i for i, s in enumerate(decode.thread_states())}
    sc = {n: v for v, n in decode.syscall_names().items()}
    window = between(tr.events, "pingpong", "done")
    a = window[0]["tid"]
    forks = [e for e in window if e["type"] == "THRFORK"]
    if len(forks) != 1:
        return False, "%d thread_forks between the marks, expected 1" % len(forks)
    b = forks[0]["args"][0]
    for who, tid, want in (("A", a, expected_a(a, b, st, sc)), ("B", b, expected_b(a, b, st, sc))):
        got = [key(e) for e in window if e["tid"] == tid and e["type"] != "IRQ"]
        if not same(got, want):
            return False, "thread %s (%d): %s" % (who, tid, first_difference(got, want))
    pingpong = [key(e) for e in between(tr.events, "pingpong", "sleep") if e["type"] == "SWITCH"]
    want = [("SWITCH", a, b, st["runnable"]), ("SWITCH", b, a, st["runnable"])] * ROUNDS
    want += [("SWITCH", a, b, st["runnable"]), ("SWITCH", b, a, st["dead"])]
    if pingpong != want:
        return False, "the ping-pong switched %r, expected %r" % (pingpong, want)
    return check_sleep(between(tr.events, "sleep", "fault"), a, st)


def check_sleep(window, a, st):
    """One wakeup of A, from the sleep queue, SLEEP_TICKS ticks or more
    after it blocked, and the next switch is to A."""
    block = [e for e in window if e["type"] == "BLOCK" and e["tid"] == a]
    wakes = [i for i, e in enumerate(window) if e["type"] == "WAKEUP" and e["args"][0] == a]
    if len(block) != 1 or len(wakes) != 1:
        return False, "A blocked %d times and was woken %d times, not once each" % (len(block), len(wakes))
    w = window[wakes[0]]
    if w["name"] != "sleep" or w["tick"] - block[0]["tick"] < SLEEP_TICKS:
        return False, "A woken from %r at tick %d, blocked at %d" % (w["name"], w["tick"], block[0]["tick"])
    nxt = [e for e in window[wakes[0]:] if e["type"] == "SWITCH"]
    if not nxt or nxt[0]["args"][1] != a:
        return False, "the switch after the wakeup is not to A"
    return True, "exact events for A and B, ping-pong, sleep (%d ticks), swexn fault" % (
        w["tick"] - block[0]["tick"])


def validator_rejects():
    """None, or the broken document the validator let through."""
    ok = {"traceEvents": [{"name": "process_name", "ph": "M", "pid": 1, "tid": 0, "args": {"name": "p"}},
                          {"name": "a", "ph": "B", "ts": 1, "pid": 1, "tid": 1},
                          {"name": "a", "ph": "E", "ts": 2, "pid": 1, "tid": 1}]}
    if validate.check(ok):
        return "a valid document: %s" % validate.check(ok)
    ev = ok["traceEvents"]
    broken = {"unmatched B": ev[:2], "E before B": [ev[0], ev[2], ev[1]],
              "time goes back": [ev[0], dict(ev[1], ts=5), ev[2]], "no name": [ev[0], {"ph": "i", "ts": 1}],
              "unnamed pid": ev[1:]}
    for what, events in broken.items():
        if not validate.check({"traceEvents": events}):
            return what
    return None


def chromium(args, timeout=90):
    """Run headless Chromium; (ok, stdout or why not)."""
    if not os.access(CHROMIUM, os.X_OK):
        return False, ("%s is missing: cannot render the HTML (package chromium; "
                       "tools/deps.sh check trace installs it)" % CHROMIUM)
    home = tempfile.mkdtemp(prefix="pebbles-chromium-")
    try:
        r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                            "--user-data-dir=" + home] + args, capture_output=True, text=True,
                           timeout=timeout)
        if r.returncode:
            return False, "headless Chromium failed (tools/deps.sh check trace probes it): " + r.stderr[-200:]
        return True, r.stdout
    except subprocess.TimeoutExpired:
        return False, "chromium timed out"
    finally:
        shutil.rmtree(home, ignore_errors=True)


@boot_test("trace_export", timeout=240)
def trace_export(boot):
    bad = validator_rejects()
    if bad:
        return False, "the validator accepted a broken document: " + bad
    m, tr = traced_run(boot)
    err = check_run(m, tr)
    if err:
        return False, err
    out = os.path.join(m.build, "trace")
    chrome, (jpath, hpath), errors = run_trace.export(tr, out, PROG)
    if errors:
        return False, "invalid JSON: %s" % "; ".join(errors[:3])
    events = chrome["traceEvents"]
    names = {e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "process_name"}
    a = [e for e in tr.events if e["type"] == "MARK" and e["name"] == "pingpong"][0]["tid"]
    if "%s (task %d)" % (PROG, a) not in names:
        return False, "no process named %s: %s" % (PROG, sorted(names))
    yields = [e for e in events if e["ph"] == "B" and e["name"] == "yield" and e["tid"] == a]
    faults = [e for e in events if e["ph"] == "i" and e["cat"] == "fault" and e["tid"] == a
              and e["args"].get("outcome") == "swexn"]
    if len(yields) != ROUNDS + 1 or len(faults) != 1 or faults[0]["args"]["address"] != hex(FAULT_ADDR):
        return False, "%d yield slices and %d swexn faults on A's track" % (len(yields), len(faults))
    ok, dom = chromium(["--virtual-time-budget=5000", "--dump-dom", "file://" + hpath])
    if not ok:
        return False, dom
    status = re.search(r'id="status">(rendered [^<]*)<', dom)
    if not status or '<li class="track">thread %d ' % a not in dom:
        return False, "the page did not render its tracks (status: %s)" % (status and status.group(1))
    png = os.path.join(out, PROG + ".png")
    if os.path.exists(png):
        os.unlink(png)
    url = "file://%s#follow=%d:%d" % (hpath, a, a)  # following A: its stretches on the CPU stay bright
    ok, why = chromium(["--window-size=1400,420", "--screenshot=" + png, url])
    if not ok or not os.path.getsize(png):
        return False, "no screenshot: %s" % why
    return True, "%s; screenshot %s" % (status.group(1), os.path.relpath(png, ROOT))


@boot_test("trace_drops", timeout=120)
def trace_drops(boot):
    m, full = traced_run(boot, NO_IRQ)
    err = check_run(m, full)
    if err:
        return False, "full ring: " + err
    m, tiny = traced_run(boot, NO_IRQ, "tracebuf=4 ")
    err = check_run(m, tiny)
    if err:
        return False, "tiny ring: " + err
    if tiny.header[3] != 4:
        return False, "the header says a ring of %d entries, not 4" % tiny.header[3]
    # One console line per session (the boot's, and the one the program starts).
    said = sum(int(n) for n in re.findall(r"trace: (\d+) events dropped \(ring of 4 entries per CPU\)",
                                          m.text()))
    if not tiny.dropped or said != tiny.dropped or tiny.stop_lost != tiny.dropped:
        return False, "dropped: %d in DROPPED records, %s in STOP records, %d on the console" % (
            tiny.dropped, tiny.stop_lost, said)

    def ringed(tr):  # the records that went through the ring
        return sum(1 for e in tr.events if e["type"] not in ("HEADER", "DROPPED", "STOP"))
    if ringed(tiny) + tiny.dropped != ringed(full):
        return False, "%d recorded + %d dropped with 4 entries, %d recorded with a full ring" % (
            ringed(tiny), tiny.dropped, ringed(full))
    return True, "%d of %d events dropped and counted (stream, STOP, console)" % (tiny.dropped, ringed(full))


# Each CPU records into its own ring: CPU 0's in the kernel image, the
# others' from the heap, given at boot only to the CPUs that came up.  On 2
# CPUs a program whose threads run side by side leaves records of both,
# none dropped, in one stream that ends with its STOP record.
SMP_PROG = "smp_cow_writers"


@boot_test("trace_two_cpus", timeout=180)
def trace_two_cpus(boot):
    m, tr = traced_run(boot, NO_IRQ, "", smp=2, prog=SMP_PROG, virtual_time=False)
    err = check_run(m, tr, SMP_PROG)
    if err:
        return False, err
    per_cpu = {}
    for e in tr.events:
        if e["type"] not in ("HEADER", "DROPPED", "STOP"):
            per_cpu[e["cpu"]] = per_cpu.get(e["cpu"], 0) + 1
    if sorted(per_cpu) != [0, 1]:
        return False, "records from CPUs %s, want 0 and 1" % sorted(per_cpu)
    if tr.dropped:
        return False, "%d records dropped (%s)" % (tr.dropped, per_cpu)
    return True, "records from both CPUs (%s), none dropped" % (
        ", ".join("CPU %d: %d" % c for c in sorted(per_cpu.items())))

