"""verdict.py - judging a user test program by what the kernel printed.

SPEC §5: a test prints (through lprintf, the kernel log)
    (^_^)_<name> START__TYPE_COMPLETE | _ABORT | _FOREVER
and later END__SUCCESS or END__FAIL.  init then prints
    <name> exited with status <N>
when the program's task ends, and halts.
  COMPLETE  passes on END__SUCCESS (and no END__FAIL), then a clean exit;
  ABORT     passes when the program dies without END__FAIL and init (so the
            kernel) lives on to report the exit;
  FOREVER   passes when the kernel still schedules at the deadline (a
            kernel thread answers the harness's heartbeat request);
  none      passes when the program exits with status 0 (or the status
            its header asks for with `@expect-status N`).
A test's header may also name whole lines the output must contain
(`@expect-log <line>`, one per hint).
A kernel panic or a triple fault is always a failure.

ending() is the one classification of how a run stopped (panic, reset,
halt, exit, still scheduling or not at the deadline); judge() and
run_prog.py both build on it.  judge_machine() runs a booted machine of
either emulator (qemu.Machine, v86_tests.V86Machine) to its end and
judges it.
"""
import re
from collections import namedtuple

# How a run ended.  kind: "panic", "scheduling" / "not-scheduling" (at the
# deadline), "exited" (status: the program's), "reset" (QEMU exit code 0:
# -no-reboot turned a triple fault into an exit), "halted" (the machine
# stopped by itself, no exit line), "running" (none of these yet).
Ending = namedtuple("Ending", "kind status exit_code heartbeat")

# isa-debug-exit ends QEMU with (code << 1) | 1; panic() uses code 1.
PANIC_EXIT_CODE = 3


def exit_line(name, out):
    """The status in init's "<name> exited with status <N>" line, or None."""
    m = re.search(r"^%s exited with status (-?\d+)" % re.escape(name), out, re.M)
    return int(m.group(1)) if m else None


def ending(name, out, exit_code, timed_out, heartbeat=None):
    """How the run of program `name` ended, from its serial output, QEMU's
    exit code (None while it runs), whether the deadline passed, and the
    kernel's heartbeat answer at the deadline: an Ending."""
    def end(kind, status=None):
        return Ending(kind, status, exit_code, heartbeat)
    if "PANIC" in out or exit_code == PANIC_EXIT_CODE:
        return end("panic")
    if timed_out:
        return end("scheduling" if heartbeat else "not-scheduling")
    status = exit_line(name, out)
    if status is not None:
        return end("exited", status)
    if exit_code == 0:
        return end("reset")
    return end("halted" if exit_code is not None else "running")


def hints(source_path):
    """@timeout / @expect-status / @type / @expect-log / @smp hints from a
    test's first lines (@smp: the CPU counts it also runs on, a list)."""
    h = {}
    try:
        head = open(source_path, errors="replace").read(2000)
    except OSError:
        return h
    for key, val in re.findall(r"@(timeout|expect-status|type)\s+(-?\w+)", head):
        h[key] = val
    h["expect-log"] = re.findall(r"@expect-log (.+)", head)
    h["smp"] = [int(n) for hint in re.findall(r"@smp((?:[ \t]+\d+)+)", head) for n in hint.split()]
    return h


def judge(name, out, exit_code, timed_out, expect_status=None, expect_log=(), heartbeat=None):
    """(passed, reason) for test `name` given its serial output.  Every
    string in expect_log must appear in it as a whole line.  heartbeat: the
    kernel's answer, at the deadline, to "do you still schedule?" (or None)."""
    e = ending(name, out, exit_code, timed_out, heartbeat)
    if e.kind == "panic":
        return False, "kernel panic"
    lines = set(out.splitlines())
    for want in expect_log:
        if want not in lines:
            return False, "missing log line %r" % want[:60]
    m = re.search(r"\(\^_\^\)_%s START__TYPE_(COMPLETE|ABORT|FOREVER)" % re.escape(name), out)
    kind = m.group(1) if m else None
    if re.search(r"_%s END__FAIL" % re.escape(name), out):
        return False, "test reported END__FAIL"
    if kind == "FOREVER":
        return judge_forever(e)
    if timed_out:
        return False, "timed out"
    if e.kind != "exited":
        return False, "machine stopped without init reporting the exit (exit code %s)" % exit_code
    succeeded = re.search(r"_%s END__SUCCESS" % re.escape(name), out)
    return judge_exit(kind, e.status, expect_status, succeeded)


def judge_machine(m, name, h, timeout):
    """(passed, reason) for test program `name` booted in machine m, with
    its hints h: wait for the exit; at the deadline ask for a heartbeat,
    and for a hang to explain, a post-mortem into the log."""
    code = m.wait_exit(timeout)
    timed_out = code is None
    alive = None
    if timed_out:
        alive = m.heartbeat()
        if not alive or "START__TYPE_FOREVER" not in m.text():
            m.post_mortem()  # a hang to explain
        m.kill()
    return judge(name, m.text(), code, timed_out, h.get("expect-status"), h["expect-log"], alive)


def judge_forever(e):
    """A FOREVER test passes when the kernel still schedules at the deadline."""
    if e.kind == "scheduling":
        return True, "still scheduling at the deadline (%s)" % e.heartbeat
    if e.kind == "not-scheduling":
        return False, "the kernel no longer schedules at the deadline (no heartbeat)"
    return False, "a FOREVER test stopped (exit code %s)" % e.exit_code


def judge_exit(kind, status, expect_status, succeeded):
    """A test whose program exited with `status`."""
    if expect_status is not None and status != int(expect_status):
        return False, "exit status %d, expected %s" % (status, expect_status)
    if kind == "COMPLETE":
        return (True, "END__SUCCESS") if succeeded else (False, "no END__SUCCESS")
    if kind == "ABORT":
        return True, "killed as expected (status %d)" % status
    if expect_status is None and status != 0:
        return False, "exit status %d" % status
    return True, "exit status %d" % status
