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
"""
import re


def hints(source_path):
    """@timeout / @expect-status / @type hints from a test's first lines."""
    h = {}
    try:
        head = open(source_path, errors="replace").read(2000)
    except OSError:
        return h
    for key, val in re.findall(r"@(timeout|expect-status|type)\s+(-?\w+)", head):
        h[key] = val
    h["expect-log"] = re.findall(r"@expect-log (.+)", head)
    return h


def judge(name, out, exit_code, timed_out, expect_status=None, expect_log=(), heartbeat=None):
    """(passed, reason) for test `name` given its serial output.  Every
    string in expect_log must appear in it as a whole line.  heartbeat: the
    kernel's answer, at the deadline, to "do you still schedule?" (or None)."""
    if "PANIC" in out:
        return False, "kernel panic"
    lines = set(out.splitlines())
    for want in expect_log:
        if want not in lines:
            return False, "missing log line %r" % want[:60]
    m = re.search(r"\(\^_\^\)_%s START__TYPE_(COMPLETE|ABORT|FOREVER)" % re.escape(name), out)
    kind = m.group(1) if m else None
    failed = re.search(r"_%s END__FAIL" % re.escape(name), out)
    succeeded = re.search(r"_%s END__SUCCESS" % re.escape(name), out)
    exited = re.search(r"^%s exited with status (-?\d+)" % re.escape(name), out, re.M)
    if failed:
        return False, "test reported END__FAIL"
    if kind == "FOREVER":
        if timed_out and heartbeat:
            return True, "still scheduling at the deadline (%s)" % heartbeat
        if timed_out:
            return False, "the kernel no longer schedules at the deadline (no heartbeat)"
        return False, "a FOREVER test stopped (exit code %s)" % exit_code
    if timed_out:
        return False, "timed out"
    if not exited:
        return False, "machine stopped without init reporting the exit (exit code %s)" % exit_code
    status = int(exited.group(1))
    if expect_status is not None and status != int(expect_status):
        return False, "exit status %d, expected %s" % (status, expect_status)
    if kind == "COMPLETE":
        return (True, "END__SUCCESS") if succeeded else (False, "no END__SUCCESS")
    if kind == "ABORT":
        return True, "killed as expected (status %d)" % status
    if expect_status is None and status != 0:
        return False, "exit status %d" % status
    return True, "exit status %d" % status
