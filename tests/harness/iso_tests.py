"""iso_tests.py - the bootable ISO (make iso), booted as a person would boot
it (issue 16 §1, §2): from the CD drive, through the firmware and GRUB,
with the command line of its grub.cfg, to the shell.

  iso_qemu   QEMU -cdrom: the prompt, then a program typed at it.
  iso_bochs  Bochs (tests/harness/bochs.py): the prompt, a program typed
             on the PS/2 keyboard, then a handful of user test programs
             typed at the shell on the serial line, each judged by its
             SPEC §5 lines as make test judges it; any Bochs error or
             panic line fails the test.  Bochs takes a whole CPU: the test
             runs alone, after the parallel ones (exclusive).

Both register with boot_tests' TESTS (as boot/iso_qemu, boot/iso_bochs).
No test is timed: the limits only catch a hang.
"""
import os
import re

import verdict
from boot_tests import boot_test, shell_cmd
from bochs import Bochs, judge_with_bochs
from qemu import ROOT

# Programs of user/tests that the Bochs test runs at its shell: processes,
# copy-on-write, threads, the FPU across switches, the timer, faults
# delivered to user handlers.
BOCHS_PROGRAMS = ("fork_test", "cow_fork", "thr_basic", "fpu_state", "sleep_ticks", "swexn_basic")


def iso_path(build):
    return os.path.join(build, "pebbles.iso")


def no_iso(build):
    """A failure reason if the ISO is missing, else None."""
    return None if os.path.exists(iso_path(build)) else "no %s (make iso)" % iso_path(build)


def hello_ran(out):
    """Did hello, typed with the arguments "from the CD", run?"""
    return re.match(r"Hello, world!\nargv\[1\] = from\nargv\[2\] = the\nargv\[3\] = CD\n"
                    r"\[\d+\] exited with status 0\n$", (out or "").replace("\r", ""))


@boot_test("iso_qemu", timeout=90)
def iso_qemu(boot):
    """GRUB loads the kernel and the RAM disk module from the ISO with no
    menu wait, the kernel comes up to the shell (grub.cfg's command line
    is empty), and a program typed at the prompt runs."""
    missing = no_iso(boot.build)
    if missing:
        return False, missing
    m = boot(None, cdrom=iso_path(boot.build))
    if not m.wait_shell(60):
        return False, "no shell prompt, or no line on how the timer's calibration ended"
    disk = re.search(r"RAM disk: (\d+) files", m.text())
    if not disk or disk.group(1) == "0":
        return False, "no RAM disk module"
    out = shell_cmd(m, "hello from the CD", 30)
    if not hello_ran(out):
        return False, "hello at the prompt: %r" % out
    return True, "GRUB, kernel, %s RAM disk files, the shell, hello" % disk.group(1)


def shell_program(m, name):
    """Run test program `name` at the shell: verdict.judge's (passed,
    reason), on what it printed and the shell's report of its exit."""
    h = verdict.hints(os.path.join(ROOT, "user", "tests", name + ".c"))
    out = shell_cmd(m, name, 2 * int(h.get("timeout", 60)))
    if out is None:
        return False, "no prompt after it (hung?)"
    status = re.search(r"^\[\d+\] exited with status (-?\d+)$", out, re.M)
    if not status:
        return False, "the shell reported no exit"
    # the shell's "[pid] exited" line stands for init's "<name> exited"
    out += "\n%s exited with status %s\n" % (name, status.group(1))
    return verdict.judge(name, out, None, False, h.get("expect-status"), h["expect-log"])


@boot_test("iso_bochs", timeout=900, exclusive=True)
def iso_bochs(boot):
    """The ISO boots under Bochs to the shell; hello typed on the PS/2
    keyboard runs; BOCHS_PROGRAMS pass at the shell; Bochs logs no error."""
    missing = no_iso(boot.build)
    if missing:
        return False, missing
    m = boot.own(Bochs(iso_path(boot.build), boot.log_path, build=boot.build))
    if not m.wait_shell(120):
        return judge_with_bochs(m, False, "no shell prompt, or no line on how the timer's calibration ended")
    start = len(m.text())
    if not m.sendkeys("hello from the CD\n"):  # Enter arrives as the keypad's
        return judge_with_bochs(m, False, "a key typed on the keyboard was not echoed")
    got = m.wait_for(r"(?s)from the CD\r?\n(.*?)pebbles> $", 60, start)  # past the echo
    if not hello_ran(got and got.group(1)):
        return judge_with_bochs(m, False, "hello on the keyboard: %r" % (got and got.group(1)))
    for name in BOCHS_PROGRAMS:
        ok, reason = shell_program(m, name)
        if not ok:
            return judge_with_bochs(m, False, "%s: %s" % (name, reason))
    return judge_with_bochs(m, True, "the shell, hello on the keyboard, %d programs: %s"
                            % (len(BOCHS_PROGRAMS), ", ".join(BOCHS_PROGRAMS)))
