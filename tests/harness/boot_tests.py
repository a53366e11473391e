"""boot_tests.py - QEMU tests that drive the machine from outside: boot
banner, timer rate, keyboard (PS/2 through the QEMU monitor, and serial),
VGA memory, the panic path, and the interactive console (readline, getchar,
backspace, queued readers) through both input paths, and the debugging
aids (thread dump, heartbeat, GDB commands).

Each test is a function (boot) -> (passed, reason); boot(cmdline) returns a
started qemu.Machine whose log the runner keeps.
"""
import os
import re
import shutil
import subprocess
import tempfile
import time

from qemu import ROOT, screen_rows_text

TESTS = {}


def boot_test(name, timeout=30, exclusive=False):
    """exclusive: run alone, after the parallel tests (timing-sensitive)."""
    def register(fn):
        TESTS[name] = (fn, timeout, exclusive)
        return fn
    return register


@boot_test("boot_banner")
def banner(boot):
    m = boot("init=hello")
    if not m.wait_for(r"Pebbles-x86", 5):
        return False, "no banner"
    if not m.wait_for(r"hello exited with status 0", 10):
        return False, "hello did not run to completion"
    return True, "banner after %.3fs" % (m.first_output_time - m.start_time)


def smp_case(boot, cpus, source, extra_args=(), expect=None, firmware=None):
    """QEMU gets cpus CPUs; the tables named source list expect of them
    (default all), and every one listed comes up: the banner, and the
    kernel's own count (kern/tests/ktest_smp.c)."""
    expect = cpus if expect is None else expect
    m = boot("ktest=cpus", smp=cpus, extra_args=list(extra_args), firmware=firmware)
    r = m.wait_for(r"KTEST cpus (PASS|FAIL.*)", 30)
    if not r:
        return False, "no verdict"
    want = r"%d CPUs?, from the %s" % (expect, source)
    if not re.search(want, m.text()):
        return False, "no banner line %r: %r" % (want, m.text()[:300])
    if not re.search(r"cpus: %d found, %d online" % (expect, expect), m.text()):
        return False, "counts differ from %d: %s" % (expect, r.group(0))
    return r.group(1) == "PASS", "%s (%d CPUs, %s)" % (r.group(0), expect, source)


for _n in (1, 2, 4):
    boot_test("smp_cpus_%d" % _n)(lambda boot, n=_n: smp_case(boot, n, "ACPI MADT"))


@boot_test("smp_cpus_mp_table")
def smp_cpus_mp_table(boot):
    """Without ACPI (-machine acpi=off) the MP table is the fallback.
    SeaBIOS (QEMU 7.2 here) lists only the boot CPU in it, whatever -smp
    says: the test holds the parser to exactly that.  (qboot has no MP
    table, so this one boots SeaBIOS.)"""
    return smp_case(boot, 2, "MP table", ["-machine", "acpi=off"], expect=1, firmware="seabios")


def smp_ktest_case(boot, name, cpus, line, count, cmdline=""):
    """ktest `name` at `cpus` CPUs passes, and prints a line matching
    `line` `count` times (kern/tests/ktest_smp.c says what each proves)."""
    m = boot(("ktest=%s %s" % (name, cmdline)).strip(), smp=cpus)
    r = m.wait_for(r"KTEST %s (PASS|FAIL.*)" % name, 30)
    if not r:
        return False, "no verdict"
    got = len(re.findall(line, m.text(), re.M))
    if r.group(1) == "PASS" and got != count:
        return False, "%d lines %r, want %d" % (got, line, count)
    return r.group(1) == "PASS", "%s (%d CPUs)" % (r.group(0), cpus)


for _n in (1, 2, 4):
    boot_test("ipi_%d" % _n)(lambda boot, n=_n: smp_ktest_case(
        boot, "ipi", n, r"^ipi: CPU \d+ took every IPI kind twice, and the call$", n))
for _n in (2, 4):
    boot_test("ap_timer_%d" % _n)(lambda boot, n=_n: smp_ktest_case(
        boot, "ap_timer", n, r"^ap_timer: CPU \d+ took [1-9]\d* ticks", n - 1))
    # CPU 0's PIT ticks for every CPU, forwarded (timer.c): as while it
    # still calibrates, but for the whole boot.
    boot_test("ap_timer_shared_%d" % _n)(lambda boot, n=_n: smp_ktest_case(
        boot, "ap_timer", n, r"^ap_timer: CPU \d+ took [1-9]\d* ticks .*, forwarded$", n - 1, "timer=shared"))
    boot_test("stop_others_%d" % _n)(lambda boot, n=_n: smp_ktest_case(
        boot, "stop_others", n, r"^stop_others: %d other CPUs stopped$" % (n - 1), 1))


def cpu_reports(out):
    """{cpu: (role, text)} from a panic's output: each "CPU n, panicking:"
    or "CPU n, stopped:" header and what follows it up to the next one."""
    parts = re.split(r"^CPU (\d+), (panicking|stopped):$", out, flags=re.M)
    reports = {}
    for i in range(1, len(parts) - 2, 3):
        if int(parts[i]) in reports:
            return None  # a CPU reported twice
        reports[int(parts[i])] = (parts[i + 1], parts[i + 2])
    return reports


def panic_smp_case(boot, name, cpus, panicker, frames, panicker_frame="."):
    """ktest `name` panics at `cpus` CPUs: the message comes once, then one
    report per CPU, headed by its id: CPU `panicker` (None: either of 0
    and 1) panicking, the others stopped, each backtrace naming
    frames[cpu] (a regex) and the panicker's naming panicker_frame; QEMU
    exits as after any panic."""
    from verdict import PANIC_EXIT_CODE
    m = boot("ktest=" + name, smp=cpus)
    code = m.wait_exit(30)
    out = m.text()
    if code != PANIC_EXIT_CODE:
        return False, "QEMU exit status %s, want %d (panic)" % (code, PANIC_EXIT_CODE)
    if out.count("PANIC:") != 1:
        return False, "the message came %d times" % out.count("PANIC:")
    reports = cpu_reports(out)
    if reports is None or sorted(reports) != list(range(cpus)):
        return False, "CPU reports %s, want one of each of %d" % (reports and sorted(reports), cpus)
    panicking = [c for c, (role, _) in reports.items() if role == "panicking"]
    if len(panicking) != 1 or (panicker is not None and panicking != [panicker]):
        return False, "panicking: CPUs %s" % panicking
    if not re.search(r"PANIC: .*deliberate, on CPU %d$" % panicking[0], out, re.M):
        return False, "the message does not name CPU %d" % panicking[0]
    for cpu, (role, text) in reports.items():
        if not re.search(frames.get(cpu, "."), text):
            return False, "CPU %d's backtrace does not name %s: %r" % (cpu, frames[cpu], text[:200])
    if not re.search(panicker_frame, reports[panicking[0]][1]):
        return False, "the panicking CPU's backtrace does not name %s" % panicker_frame
    return True, "one message, %d CPU reports (CPU %d panicking)" % (cpus, panicking[0])


boot_test("panic_smp_1")(lambda boot: panic_smp_case(boot, "panic_smp", 1, 0, {0: "ktest_fn_panic_smp"}))
# CPU 1 idles (parked, at this step): its backtrace has a named frame.
boot_test("panic_smp_2")(lambda boot: panic_smp_case(boot, "panic_smp", 2, 0,
                                                      {0: "ktest_fn_panic_smp", 1: r"#0 0x[0-9a-f]{8} [a-z_]"}))
# Another CPU panics while CPU 0 spins with interrupts off.
boot_test("panic_ap")(lambda boot: panic_smp_case(boot, "panic_ap", 2, 1, {0: "spin_irq_off"}))
# Both panic at once: either may report.  The other is stopped in its own
# panic, or just before it if the winner's stop came first (CPU 1 still
# leaving its wait in race, CPU 0 between race_go and its call).
boot_test("panic_race")(lambda boot: panic_smp_case(
    boot, "panic_race", 2, None,
    {0: "panic_on_this_cpu|ktest_fn_panic_race", 1: "panic_on_this_cpu|race"},
    panicker_frame="panic_on_this_cpu"))


# On the host's clock QEMU drops timer interrupts whenever its thread
# cannot run for over a millisecond.  On virtual time the PIT and the RTC
# both advance with the guest's instructions, so the kernel's tick rate is
# measured exactly however busy the host is, alongside the other tests.
def timer_case(boot, source, extra_args=(), smp=None, ktest="timer", cmdline=""):
    """The tick runs at 1 kHz against the RTC (ktest timer, or ktest), from
    the timer the boot line names (regex source)."""
    m = boot(("ktest=%s %s" % (ktest, cmdline)).strip(), virtual_time=True, extra_args=list(extra_args), smp=smp)
    r = m.wait_for(r"KTEST %s (PASS|FAIL.*)" % ktest, 30)
    if not r:
        return False, "no verdict"
    if not re.search(r"^timer: %s" % source, m.text(), re.M):
        return False, "no boot line 'timer: %s'" % source
    figures = re.findall(r"timer: window \d+: (\d+) ticks in (\d+) RTC seconds", m.text())
    return r.group(1) == "PASS", "%s (%s)" % (r.group(0), ", ".join("%s ticks/%ss" % f for f in figures))


# The local APIC timer, calibrated by CPU 0's PIT ticks (the line is the
# calibration's, logged from the tick); and the PIT itself on a CPU
# without a local APIC (QEMU's default model, its APIC taken away).
NO_APIC = ["-cpu", "qemu32,-apic"]
boot_test("timer_1khz")(lambda boot: timer_case(boot, r"local APIC, 1000 Hz \(\d+ bus counts per tick, round \d+\)"))
boot_test("timer_1khz_pit")(lambda boot: timer_case(boot, r"PIT, 1000 Hz$", NO_APIC, smp=1))
# The PIT for every CPU when told (timer=shared), at 2 CPUs.
boot_test("timer_1khz_shared")(lambda boot: timer_case(boot, r"PIT, 1000 Hz, for every CPU \(timer=shared\)$",
                                                       smp=2, cmdline="timer=shared"))
# Ticks lost while the APIC timer is calibrated (CPU 0 stalls, interrupts
# off, after each) must not skew the rate it is given.
boot_test("timer_stalls")(lambda boot: timer_case(boot, r"local APIC, 1000 Hz \(\d+ bus counts per tick, round \d+\)",
                                                  ktest="timer_stalls"))


def kbd_bytes(m, count, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = re.findall(r"KBD 0x([0-9a-f]{2})", m.text())
        if len(got) >= count:
            return [int(x, 16) for x in got]
        time.sleep(0.05)
    return [int(x, 16) for x in re.findall(r"KBD 0x([0-9a-f]{2})", m.text())]


# The ways an ISA IRQ can reach the kernel (kern/arch/x86/irq.c), each with
# the boot line that names it: (QEMU arguments, firmware, CPUs, line).
IRQ_PATHS = {
    # the IOAPIC, as the ACPI MADT describes it (the default machine)
    "": ([], None, None, r"IOAPIC, 24 inputs, from the ACPI MADT"),
    # the IOAPIC, as SeaBIOS's MP table describes it (no ACPI)
    "_mp_table": (["-machine", "acpi=off"], "seabios", None, r"IOAPIC, 24 inputs, from the MP table"),
    # no table names an IOAPIC (qboot without ACPI): the 8259 through LINT0
    "_no_tables": (["-machine", "acpi=off"], None, None, r"8259 PIC, through the local APIC"),
    # no local APIC at all: the 8259 straight to the CPU (one CPU)
    "_pic": (NO_APIC, None, 1, r"8259 PIC"),
}


def keyboard_case(boot, send, want, path=""):
    """Boot the keyboard ktest on IRQ path `path` (IRQ_PATHS), feed it
    with send(machine), compare bytes."""
    extra, firmware, smp, line = IRQ_PATHS[path]
    m = boot("ktest=keyboard", extra_args=list(extra), firmware=firmware, smp=smp)
    if not m.wait_for(r"KBD READY", 10):
        return False, "keyboard test did not start"
    if not re.search(r"^interrupts: %s$" % line, m.text(), re.M):
        return False, "no boot line 'interrupts: %s'" % line
    send(m)
    got = kbd_bytes(m, len(want))
    return got == want, "want %s, got %s" % (want, got)


def keyboard_ps2(boot, path):
    keys = ["a", "shift-a", "caps_lock", "b", "shift-c", "1", "caps_lock", "d", "shift-1",
            "backspace", "ret", "dot"]
    want = [ord(c) for c in "aAB" + "c1d!"] + [8, 10, ord(".")]
    return keyboard_case(boot, lambda m: m.sendkeys(keys), want, path)


def keyboard_serial(boot, path):
    want = [ord("x"), ord("Y"), 10, 8, ord(".")]
    return keyboard_case(boot, lambda m: m.type_serial(b"xY\r\x7f."), want, path)


for _path in IRQ_PATHS:
    boot_test("keyboard_ps2" + _path)(lambda boot, p=_path: keyboard_ps2(boot, p))
    boot_test("keyboard_serial" + _path)(lambda boot, p=_path: keyboard_serial(boot, p))


@boot_test("vga_memory")
def vga(boot):
    m = boot("ktest=vga")
    if not m.wait_for(r"KTEST vga READY\n", 10):
        return False, "vga test did not finish writing"
    rows = m.read_screen()
    text = screen_rows_text(rows)
    problems = []
    # 30 numbered lines scrolled through a 25-row screen: rows 0..20 must
    # show lines 09..29 in order, and the earliest lines must be gone.
    for r in range(21):
        if text[r] != "VGA scroll line %02d" % (r + 9):
            problems.append("row %d is %r" % (r, text[r]))
            break
    if any("VGA plain line" in t for t in text):
        problems.append("the first line did not scroll away")
    if text[21] != "VGA yellow on blue" or any(a != 0x1E for c, a in rows[21][:18]):
        problems.append("row 21 should be yellow on blue: %r attrs %s" %
                        (text[21], sorted(set(a for _, a in rows[21][:18]))))
    if any(a != 0x07 for c, a in rows[20][:18]):
        problems.append("row 20 should be light grey on black")
    if text[22] != "VGA DONE" or text[23] != "KTEST vga READY" or text[24] != "":
        problems.append("rows 22-24: %r" % text[22:25])
    m.kill()
    return not problems, "; ".join(problems) or "characters, colours and scrolling as written"


@boot_test("panic_is_failure")
def panic(boot):
    """A deliberate kernel fault must be reported as a failure, with a
    backtrace that names functions.  This test passes when it is."""
    from verdict import judge
    m = boot("ktest=panic")
    code = m.wait_exit(15)
    out = m.text()
    passed, reason = judge("panic", out, code, code is None)
    if passed:
        return False, "the harness did not classify the panic as a failure"
    if "ktest_fn_panic" not in out or "kernel_main" not in out:
        return False, "backtrace not symbolized"
    if code != 3:
        return False, "QEMU exit status %s, want 3 (panic)" % code
    return True, "classified as failure (%s); backtrace symbolized" % reason


def screen_after(m, text):
    rows = screen_rows_text(m.read_screen())
    return [r for r in rows if text in r]


@boot_test("console_readline", timeout=60)
def console(boot):
    m = boot("init=console_io")
    results = []

    def expect(pattern, what):
        r = m.wait_for(pattern, 10)
        results.append((bool(r), what))
        return r

    if not expect(r"rl1> ", "first prompt"):
        return False, "console_io did not start"
    # A 17-character line through the PS/2 keyboard, read by two readline(10).
    m.sendkeys(list("hello") + ["spc"] + list("world") + ["spc"] + list("12345") + ["ret"])
    expect(r"\[rl1a:10:hello worl\]", "long line: first 10 bytes")
    expect(r"\[rl1b:8:d 12345~\]", "long line: the rest, in the next readline")
    # Backspace editing through the serial line; extra backspaces must not
    # eat the prompt.
    expect(r"bs> ", "backspace prompt")
    m.type_serial(b"abc\x7f\x7fxy\x7f\x7f\x7f\x7f\x7fq\r", delay=0.01)
    expect(r"\[bs:2:q~\]", "backspace edits the pending line")
    expect(r"gc> ", "getchar prompt")
    m.type_serial(b"xyz")
    expect(r"\[gc:78 79 7a\]", "getchar returns the bytes")
    expect(r"two> ", "two readers prompt")
    m.sendkeys(list("one") + ["ret"])
    # The second line only once the first is taken (however slow the host
    # is, the two can then not interleave in the input stream).
    expect(r"\[child:4:one~\]", "first queued reader gets the first line")
    m.type_serial(b"two\r")
    expect(r"\[parent:4:two~\]", "second reader gets the second line")
    if expect(r"\[done\]", "all steps done"):
        screen = screen_rows_text(m.read_screen())
        results.append((any(r == "rl1> hello world 12345" for r in screen), "echo on screen"))
        results.append((any(r == "bs> q" for r in screen), "edited line after an intact prompt"))
        results.append((any(r.startswith("gc> [gc:78 79 7a]") for r in screen), "getchar does not echo"))
        m.type_serial(b"!")
    expect(r"console_io exited with status 0", "program ends")
    bad = [w for ok, w in results if not ok]
    return not bad, ("failed: " + ", ".join(bad)) if bad else "%d checks" % len(results)


@boot_test("kernel_sync")
def kernel_sync(boot):
    m = boot("ktest=sync")
    r = m.wait_for(r"KTEST sync (PASS|FAIL.*)", 20)
    if not r:
        return False, "no verdict"
    return r.group(1) == "PASS", " / ".join(re.findall(r"sync: (.*)", m.text()))


@boot_test("lock_order_checked")
def lock_order(boot):
    """Taking mutexes against the documented order must panic, naming both."""
    m = boot("ktest=lockorder")
    m.wait_exit(15)
    out = m.text()
    ok = re.search(r"PANIC: .*lock order: taking low-ranked .* while holding high-ranked", out)
    return bool(ok), ok.group(0) if ok else "no lock-order panic"


def spin_rule_case(boot, ktest, pattern):
    m = boot("ktest=" + ktest)
    m.wait_exit(15)
    ok = re.search(r"PANIC: .*lock order: " + pattern, m.text())
    return bool(ok), ok.group(0) if ok else "no lock-order panic"


# The spinlock rules: each broken once, each panics naming both locks.
boot_test("spinlock_order_checked")(lambda boot: spin_rule_case(
    boot, "spinorder", r"taking the spinlock low-spin while holding the spinlock screen"))
boot_test("spinlock_no_mutex")(lambda boot: spin_rule_case(
    boot, "spinmutex", r"taking the mutex a-mutex while holding the spinlock input"))
boot_test("spinlock_no_block")(lambda boot: spin_rule_case(
    boot, "spinblock", r"blocking on never-woken while holding the spinlock screen"))


@boot_test("input_overflow")
def input_overflow(boot):
    """2000 bytes into the 1024-byte input buffer with no reader: the first
    1024 arrive intact, the rest are dropped and counted, nothing breaks."""
    m = boot("ktest=kbdflood")
    if not m.wait_for(r"FLOOD READY", 10):
        return False, "test did not start"
    alphabet = b"0123456789abcdefghijklmnopqrstuvwxyz"
    m.type_serial(bytes(alphabet[i % 36] for i in range(2000)))
    r = m.wait_for(r"KTEST kbdflood (PASS|FAIL.*)", 15)
    figure = m.wait_for(r"FLOOD got .*", 1)
    if not r:
        return False, "no verdict"
    return r.group(1) == "PASS", figure.group(0) if figure else r.group(0)


@boot_test("kill_report")
def kill_report(boot):
    """A thread killed by an exception without a handler: one console line
    naming task, thread, fault, address and %eip; status -2; kernel lives."""
    m = boot("init=null_deref")
    code = m.wait_exit(20)
    out = m.text()
    line = re.search(r"^Task (\d+) thread (\d+) killed: page fault at 0x00000000 "
                     r"\(eip 0x0[0-9a-f]{7}, error 0x[0-9a-f]+\)$", out, re.M)
    if not line:
        return False, "no kill report line"
    if not re.search(r"^null_deref exited with status -2$", out, re.M) or code != 1:
        return False, "status or clean halt missing"
    return True, line.group(0)


@boot_test("thread_dump")
def thread_dump(boot):
    """Ctrl-\\ on the serial line prints every thread: the shell blocked in
    readline with its backtrace, the idle thread; and the system goes on."""
    m = boot("")
    if not m.wait_shell(10):
        return False, "no shell prompt"
    dump = None
    for _ in range(3):  # the prompt is out; the shell may not be in readline yet
        time.sleep(0.5)
        start = len(m.text())
        m.type_serial(b"\x1c")
        if not m.wait_for(r"--- end of threads ---", 10, start):
            return False, "no thread dump"
        out = m.text()
        dump = out[out.index("--- threads", start):]
        if re.search(r"tty_readline\+0x", dump):
            break
    checks = [
        (re.search(r"^thread \d+ task \d+ blocked intr user eip 0x0[0-9a-f]{7}", dump, re.M),
         "a user thread blocked, with its user eip"),
        (re.search(r"tty_readline\+0x", dump), "the shell's backtrace reaches tty_readline"),
        (re.search(r"^thread \d+\*? task 0 \w+ idle \[(last )?on CPU \d+\]$", dump, re.M), "the idle thread"),
        (re.search(r"^tick \d+, CPU \d+: \d+ -> \d+ \(\d+ blocked\)$", dump, re.M),
         "the recent context switches"),
    ]
    m.type_serial(b"hello\r")
    checks.append((m.wait_for(r"Hello, world!\s+\[\d+\] exited with status 0", 10),
                   "the shell still runs programs"))
    bad = [w for ok, w in checks if not ok]
    return not bad, ("failed: " + ", ".join(bad)) if bad else "%d checks" % len(checks)


@boot_test("heartbeat")
def heartbeat(boot):
    """The harness's "do you still schedule?" probe (used to judge FOREVER
    tests) is answered by a running kernel and not by a wedged one."""
    m = boot("ktest=wedge")
    if not m.wait_for(r"WEDGE READY", 10):
        return False, "test did not start"
    alive = m.heartbeat(5)
    if not alive:
        return False, "no heartbeat from a healthy kernel"
    if not m.wait_for(r"WEDGING", 10):
        return False, "did not wedge"
    if m.heartbeat(3):
        return False, "a wedged kernel answered the heartbeat"
    if m.proc.poll() is not None:
        return False, "the machine stopped instead of wedging"
    return True, "answered while healthy (%s), silent when wedged" % alive


@boot_test("serial_backpressure")
def serial_backpressure(boot):
    """Nothing printed is lost when the serial reader falls behind (QEMU's
    socket fills and the UART stays busy): the output arrives complete, up
    to the last line before the machine halts."""
    m = boot("init=print_test", read_delay=2.0)
    if m.wait_exit(30) is None:
        return False, "did not finish"
    out = m.text()
    want = ["(^_^)_print_test END__SUCCESS", "print_test exited with status 0"]
    missing = [w for w in want if w not in out.splitlines()]
    if missing:
        return False, "lost output: %r (got %d bytes)" % (missing, len(out))
    return True, "%d bytes, none lost" % len(out)


@boot_test("gdb_helpers", timeout=60)
def gdb_helpers(boot):
    """The GDB commands of tools/gdb/pebbles.py, attached to a running
    kernel at the shell prompt: pebbles-threads names the idle thread and
    finds the shell blocked in readline; pebbles-switches prints the switch
    ring; after detaching, the shell still runs programs."""
    sock = os.path.join(tempfile.mkdtemp(prefix="pebbles-gdb-"), "gdb")
    m = boot("", extra_args=["-gdb", "unix:%s,server=on,wait=off" % sock])
    if not m.wait_shell(10):
        return False, "no shell prompt"
    try:
        for _ in range(3):  # the shell may not be in readline yet
            time.sleep(0.5)
            r = subprocess.run(["gdb", "-batch", "-nx", "-ex", "file " + os.path.join(m.build, "kernel.elf"),
                                "-ex", "source " + os.path.join(ROOT, "tools", "gdb", "pebbles.py"),
                                "-ex", "target remote " + sock, "-ex", "pebbles-threads",
                                "-ex", "pebbles-switches", "-ex", "detach"],
                               capture_output=True, text=True, timeout=40)
            out = r.stdout
            with m.lock:  # the serial reader writes the same log
                m.log.write(("\n--- gdb ---\n" + out + r.stderr).encode())
            if "tty_readline" in out:
                break
    except (OSError, subprocess.TimeoutExpired) as e:
        return False, "gdb did not run: %r" % (e,)
    finally:
        shutil.rmtree(os.path.dirname(sock), ignore_errors=True)
    checks = [
        (re.search(r"^thread \d+\*? task 0 \w+ idle", out, re.M), "the idle thread"),
        # tty_readline's helpers are inlined or not, as the compiler likes;
        # switch_to may end in a jump to context_switch, and so not show.
        (re.search(r"^thread \d+ task \d+ blocked last on CPU \d+ in (switch_to < )?(\S+ < )*(sleep_on|waitq_wait\S*) < "
                   r"(\S+ < )*tty_readline", out, re.M), "the shell blocked in readline"),
        (re.search(r"^tick \d+, CPU \d+: \d+ -> \d+ \(\d+ blocked\)$", out, re.M), "the switch ring"),
    ]
    m.type_serial(b"hello\r")
    checks.append((m.wait_for(r"Hello, world!\s+\[\d+\] exited with status 0", 10),
                   "the shell still runs programs after gdb detached"))
    bad = [w for ok, w in checks if not ok]
    return not bad, ("failed: " + ", ".join(bad)) if bad else "%d checks" % len(checks)


@boot_test("readline_echo_screen", timeout=60)
def readline_echo_screen(boot):
    """Every typed byte is echoed exactly once, also when one line feeds
    several readline calls: the whole VGA screen must be exactly what the
    program and its input put there (user/tests/readline_echo.c)."""
    m = boot("init=readline_echo interactive")
    if not m.wait_for(r"t1> ", 10):
        return False, "readline_echo did not start"
    m.sendkeys(list("abcdefghij") + ["ret"])
    if not m.wait_for(r"t2> ", 10):
        return False, "step 1 did not finish: %r" % m.text()[-200:]
    m.type_serial(b"xy\rzw\r")
    if not m.wait_for(r"t3> ", 10):
        return False, "step 2 did not finish"
    m.sendkeys(list("top") + ["ret"])
    if not m.wait_for(r"\[done\]", 10):
        return False, "step 3 did not finish"
    got = screen_rows_text(m.read_screen())
    # The kernel's boot lines, whose figures vary, come first, in this order.
    boot_lines = [r"interrupts: ", r"\d+ CPUs?(, from the|$)", r"timer: ", r"RAM disk: \d+ files$"]
    n = len(boot_lines)
    want = ["Pebbles-x86 kernel booting"] + got[1:1 + n] + [
            "test readline_echo: start",
            "t1> abcdefghij", "[4:abcd]", "[4:efgh]", "[3:ij~]",
            "t2> xy", "[1:x]", "[2:y~]", "zw", "[3:zw~]",
            "t3> top", "[4:top~]", "[done]"]
    want += [""] * (25 - len(want))
    m.type_serial(b"!")
    ended = m.wait_for(r"readline_echo exited with status 0", 10)
    bad = ["row %d is %r, want %r" % (i, g, w) for i, (g, w) in enumerate(zip(got, want)) if g != w]
    bad[:0] = ["row %d is %r" % (i + 1, got[i + 1]) for i, rx in enumerate(boot_lines)
               if not re.match(rx, got[i + 1])]
    if not ended:
        bad.append("the program did not end")
    return not bad, "; ".join(bad[:4]) or "all 25 rows as typed, each byte echoed once"


def _letters(who, i, n):
    return "".join(chr(ord("a") + (who * 7 + i * 3 + k) % 26) for k in range(n))


@boot_test("console_lines_whole", timeout=90)
def console_lines_whole(boot):
    """Kernel lines are atomic: while tasks die (kill lines), lprintf and
    print() all at once, every kill line, log line and printed line
    arrives whole on its own line of the serial output, none missing
    (user/tests/console_lines.c)."""
    problems, counts = [], {"kills": 0, "logs": 0, "prints": 0}
    for mode in ("", "misbehave=2 "):
        m = boot(mode + "init=console_lines")
        if m.wait_exit(80) is None:
            return False, "%sconsole_lines did not finish" % mode
        out = m.text()
        want = re.search(r"^console_lines: expect (\d+) kills (\d+) logs (\d+) prints$", out, re.M)
        if not want or "console_lines exited with status 0" not in out:
            return False, "%sconsole_lines did not run to completion" % mode
        seen = {"kills": set(), "logs": set(), "prints": set()}
        kill = re.compile(r"Task (\d+) thread \d+ killed: page fault at 0x00000000 "
                          r"\(eip 0x0[0-9a-f]{7}, error 0x[0-9a-f]+\)")
        log = re.compile(r"console_lines: (log|print) (\d+) (\d+) ([a-z]+)")
        for line in out.splitlines():
            if "killed" in line or "Task " in line:
                k = kill.fullmatch(line)
                if not k:
                    problems.append("%sbroken kill line %r" % (mode, line[:100]))
                else:
                    seen["kills"].add(k.group(1))
            elif "console_lines: log" in line or "console_lines: print" in line:
                g = log.fullmatch(line)
                size = 90 if g and g.group(1) == "log" else 1000
                if not g or g.group(4) != _letters(int(g.group(2)), int(g.group(3)), size):
                    problems.append("%sbroken line %r" % (mode, line[:100]))
                else:
                    seen[g.group(1) + "s"].add((g.group(2), g.group(3)))
            elif re.search(r"killed|console_lines: (log|print)|[a-z]{30}", line):
                problems.append("%sfragment %r" % (mode, line[:100]))
        for key, idx in (("kills", 1), ("logs", 2), ("prints", 3)):
            if len(seen[key]) != int(want.group(idx)):
                problems.append("%s%d whole %s of %s" % (mode, len(seen[key]), key, want.group(idx)))
            counts[key] += len(seen[key])
    if problems:
        kinds = ", ".join("%d %s" % (sum(kind in p for p in problems), kind)
                          for kind in ("broken kill line", "broken line", "fragment", "whole"))
        return False, "%s; first: %s" % (kinds, "; ".join(problems[:2]))
    return True, "%(kills)d kill lines, %(logs)d log lines, %(prints)d printed lines, all whole" % counts


# ---------------------------------------------------------------- the shell and its programs
# (issue 16 §4).  Each drives the shell on the serial line, as a person would.

def shell_boot(boot):
    """A machine at the shell's first prompt (the timer settled), or None."""
    m = boot("")
    return m if m.wait_shell(10) else None


def shell_cmd(m, line, timeout=10):
    """Type line at the prompt; the output up to the next prompt, or None."""
    start = len(m.text())
    m.type_serial(line.encode("latin-1") + b"\r")
    got = m.wait_for(r"(?s)\n(.*?)pebbles> $", timeout, start)
    return got.group(1) if got else None


def program_index():
    """The programs of user/progs with their usage strings, read from the
    sources the RAM disk index is made from: [(name, args, what)]."""
    progs = []
    d = os.path.join(ROOT, "user", "progs")
    for f in sorted(os.listdir(d)):
        if f.endswith(".c"):
            src = open(os.path.join(d, f)).read()
            u = re.search(r'^PROGRAM_USAGE\("([^"]*)", "([^"]*)"\);$', src, re.M)
            progs.append((f[:-2], u.group(1) if u else None, u.group(2) if u else None))
    return progs


@boot_test("shell_help", timeout=60)
def shell_help(boot):
    """help lists the built-ins and every program of user/progs with its
    description; ls groups programs first and the test programs under
    their own heading; every program answers -h with its usage line (and
    a test program, through test.h), status 0."""
    m = shell_boot(boot)
    if not m:
        return False, "no shell prompt"
    bad = []
    out = shell_cmd(m, "help") or ""
    for b in ("help", "ls", "exit"):
        if not re.search(r"^  %s\b.* \w+" % b, out, re.M):
            bad.append("help: built-in %s" % b)
    progs = program_index()
    for name, args, what in progs:
        if what is None:
            bad.append("%s has no PROGRAM_USAGE" % name)
        elif not re.search(r"^  %s%s +%s$" % (re.escape(name), re.escape(" " + args if args else ""),
                                                re.escape(what)), out, re.M):
            bad.append("help: %s" % name)
    out = shell_cmd(m, "ls") or ""
    heads = [out.find("Programs"), out.find("Files:"), out.find("Test programs")]
    if -1 in heads or heads != sorted(heads):
        bad.append("ls: the three headings, in order")
    else:
        programs, tests = out[heads[0]:heads[1]], out[heads[2]:]
        if not re.search(r"\bcat\b", programs) or re.search(r"\bforever_busy\b", programs):
            bad.append("ls: programs group")
        if not re.search(r"\bforever_busy\b", tests) or re.search(r"\bcat\b", tests):
            bad.append("ls: tests group")
    for name, args, what in progs + [("ps_list", "", None)]:
        out = shell_cmd(m, name + " -h") or ""
        want = r"^usage: %s%s\n  %s\n\[\d+\] exited with status 0\n" % (
            re.escape(name), re.escape(" " + args) if args else "", re.escape(what) if what else r"\S.*")
        if not re.search(want, out.replace("\r", ""), re.M):
            bad.append("%s -h" % name)
    return not bad, ("failed: " + ", ".join(bad)) if bad else "help, ls, and -h of %d programs" % len(progs)


def ps_until(m, settled, tries=10):
    """Run ps until settled(its output) holds, at most `tries` times: the
    last output.  On several CPUs a thread ps looks at may be between two
    states: the shell, say, woken from set_foreground's lock on its way to
    wait() is runnable for a moment while ps runs on another CPU."""
    out = ""
    for _ in range(tries):
        out = shell_cmd(m, "ps") or ""
        if settled(out):
            break
    return out


@boot_test("shell_tools")
def shell_tools(boot):
    """echo, cat (a known file, a missing one), sleep, and ps listing the
    tasks that are there: init, the shell, ps itself, the idle thread."""
    m = shell_boot(boot)
    if not m:
        return False, "no shell prompt"
    checks = []
    out = shell_cmd(m, "echo one  two   three") or ""
    checks.append((re.match(r"one two three\n\[\d+\] exited with status 0\n$", out), "echo"))
    readme = open(os.path.join(ROOT, "user", "files", "readme.txt")).read()
    out = shell_cmd(m, "cat readme.txt readme.txt") or ""
    checks.append((out.startswith(readme + readme) and re.search(r"status 0\n$", out), "cat of a file"))
    out = shell_cmd(m, "cat no_such_file") or ""
    checks.append((re.search(r"cat: no_such_file: .*\n\[\d+\] exited with status 1\n$", out), "cat: missing"))
    out = shell_cmd(m, "sleep 20") or ""
    checks.append((re.match(r"\[\d+\] exited with status 0\n$", out), "sleep"))
    out = ps_until(m, lambda out: re.search(r"^ +\d+ +\d+ +\d+  shell +blocked +wait ", out, re.M))
    rows = re.findall(r"^ +(\d+|-) +(\d+) +(\d+|-)  (\S+) +(\S+) +(\S*) +(\d+)$", out, re.M)
    by_name = {r[3]: r for r in rows}
    init, shell, ps = by_name.get("init"), by_name.get("shell"), by_name.get("ps")
    checks.append((init and init[2] == "0" and init[4] == "blocked" and init[5] == "wait", "ps: init waits"))
    checks.append((shell and init and shell[2] == init[0] and shell[5] == "wait", "ps: the shell, child of init"))
    checks.append((ps and shell and ps[2] == shell[0] and ps[4] == "running", "ps: ps itself, running"))
    checks.append(("idle" in by_name and by_name["idle"][0] == "-", "ps: the idle thread"))
    nrows = len(re.findall(r"^ +(?:\d+|-) +\d+ ", out, re.M))  # (what a thread waits for may have spaces)
    checks.append((re.search(r"^%d threads, 3 user tasks$" % nrows, out, re.M), "ps: the count"))
    bad = [w for ok, w in checks if not ok]
    return not bad, ("failed: " + ", ".join(bad)) if bad else "%d checks" % len(checks)


def ctrl_c_case(boot, press, progs=("forever_busy", "forever_family")):
    """Each of progs from the shell (forever_busy: threads spinning,
    sleeping, descheduled; forever_family: a child and a grandchild);
    press() types Ctrl-C; it must end with status -2, the shell must come
    back, and no task of its job may be left."""
    m = shell_boot(boot)
    if not m:
        return False, "no shell prompt"
    for prog in progs:
        ok, why = ctrl_c_one(m, press, prog)
        if not ok:
            return False, "%s: %s" % (prog, why)
    return True, "%s: killed with status -2, nothing left, the same shell goes on" % ", ".join(progs)


def ctrl_c_one(m, press, prog):
    start = len(m.text())
    m.type_serial(prog.encode() + b"\r")
    if not m.wait_for(r"START__TYPE_FOREVER", 10, start):
        return False, "did not start"
    # The shell names it the foreground just after fork, so an early key may
    # find none: it is then only a byte of input, which the shell's next
    # line drops (as it would a person's).  So press again if need be.  A
    # press that was not needed (the kill was only slow, on a busy host)
    # is echoed after the new prompt, so the prompt need not end the text.
    for _ in range(10):
        press(m)
        if m.wait_for(r"\[\d+\] exited with status -2\s+pebbles> ", 3, start):
            break
    else:
        return False, "Ctrl-C did not end it with status -2 and a prompt"
    # The shell's wait ends with the job's leader; a killed descendant
    # dies at its next trap, on whichever CPU takes it, so on several CPUs
    # it may still be queued at the first ps.  It must be gone soon after.
    out = ps_until(m, lambda out: prog not in out)
    if prog in out or "shell" not in out:
        return False, "tasks of its job are left: " + out
    out = shell_cmd(m, "hello") or ""
    if "init: shell exited" in m.text() or not out.startswith("Hello, world!"):
        return False, "the shell did not go on"
    return True, ""


@boot_test("ctrl_c_serial")
def ctrl_c_serial(boot):
    """Ctrl-C (byte 0x03) on the serial line ends the foreground program."""
    return ctrl_c_case(boot, lambda m: m.type_serial(b"\x03"))


@boot_test("ctrl_c_keyboard")
def ctrl_c_keyboard(boot):
    """Ctrl-C on the PS/2 keyboard ends the foreground program."""
    return ctrl_c_case(boot, lambda m: m.sendkeys(["ctrl-c"]), ("forever_family",))


@boot_test("ctrl_c_no_foreground")
def ctrl_c_no_foreground(boot):
    """Ctrl-C with no program running (at the prompt, and after a program
    has ended) is only a byte: the shell lives on and runs what follows."""
    m = shell_boot(boot)
    if not m:
        return False, "no shell prompt"
    m.type_serial(b"\x03")
    out = shell_cmd(m, "echo after") or ""
    if not out.startswith("after\n"):
        return False, "the shell did not run the line after Ctrl-C: %r" % out
    shell_cmd(m, "hello")
    m.type_serial(b"\x03")
    out = ps_until(m, lambda out: re.search(r" shell +blocked", out))
    if "init: shell exited" in m.text() or not re.search(r" shell +blocked", out):
        return False, "the shell was killed"
    return True, "the shell lives on"


@boot_test("demos_screen")
def demos_screen(boot):
    """The demos draw what they say, judged on the VGA screen: racers N
    leaves N full tracks, one colour each, and names a winner; colors
    shows every text colour on every background (128 attributes)."""
    m = shell_boot(boot)
    if not m:
        return False, "no shell prompt"
    out = shell_cmd(m, "racers 3", 60) or ""
    if not re.search(r"racer [0-2] \(thread \d+\) won\n\[\d+\] exited with status 0", out):
        return False, "racers did not finish with a winner"
    screen = m.read_screen()
    rows = screen_rows_text(screen)
    won = next((i for i, r in enumerate(rows) if re.match(r"racer \d \(thread", r)), None)
    tracks = rows[won - 3:won] if won and won >= 3 else []
    if len(tracks) != 3 or any(t != "=" * 78 + ">|" for t in tracks):
        return False, "racers' tracks: %r" % tracks
    colours = {screen[won - 3 + i][0][1] for i in range(3)}
    if len(colours) != 3:
        return False, "racers: the three cars share colours %r" % colours
    shell_cmd(m, "colors")
    attrs = {a for row in m.read_screen() for _, a in row}
    if not set(range(128)) <= attrs:
        return False, "colors: %d of the 128 attributes on screen" % len(attrs & set(range(128)))
    return True, "3 racers, 3 colours, a winner; 128 colour attributes"
