#!/usr/bin/env python3
"""run_trace.py - `make trace PROG=<name> [ARGS=...] [EXTRA_PROGS=...] [SMP=N]
[TRACE=<categories>]`.

Boots the kernel on virtual time (-icount shift=0,sleep=off: rdtsc counts
guest instructions, one per nanosecond of guest time, and idle time is
skipped, so a run is the same on a busy host) with
`trace=<categories> init=<name> <args>` on its command line and the debug
console (port 0xE9) going to a file, streams the console to stdout as
run-prog does, and when the program has exited turns the stream into
    <out>/<name>.trace   the raw records (tools/trace/decode.py reads them)
    <out>/<name>.json    Chrome Trace Event format (Perfetto, chrome://tracing)
    <out>/<name>.html    a self-contained timeline (no network)
The JSON is validated (tools/trace/validate.py) before it is written.
A program still running at the deadline (TIMEOUT) is stopped there, and
its trace up to then is written all the same.
Exit status: 0, or 1 if the run or the trace went wrong (or timed out).
"""
import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(HERE)), "tests", "harness"))
import decode  # noqa: E402
import to_chrome  # noqa: E402
import to_html  # noqa: E402
import validate  # noqa: E402
import run_prog  # noqa: E402
from qemu import ROOT, Machine, hold_images  # noqa: E402
from qemu_cmd import debugcon_args  # noqa: E402


def boot_traced(build, prog, log, stream, categories="all", smp=1, initrd=None, extra_cmdline=""):
    """A started Machine running prog (a list: name and arguments) with the
    trace on from boot, into the file stream."""
    if os.path.exists(stream):
        os.unlink(stream)
    cmdline = "trace=%s %sinit=%s" % (categories, extra_cmdline, " ".join(prog))
    return Machine(build, cmdline, log, initrd=initrd, virtual_time=True, smp=smp,
                   extra_args=debugcon_args(stream))


def export(tr, out_dir, name):
    """Write the decoded trace tr as <name>.json and <name>.html into
    out_dir; (chrome dict, [json path, html path], validation errors)."""
    chrome = to_chrome.convert(tr)
    errors = validate.check(chrome)
    os.makedirs(out_dir, exist_ok=True)
    jpath, hpath = os.path.join(out_dir, name + ".json"), os.path.join(out_dir, name + ".html")
    with open(jpath, "w") as f:
        json.dump(chrome, f, separators=(",", ":"))
    with open(hpath, "w") as f:
        f.write(to_html.render(chrome, name))
    return chrome, [jpath, hpath], errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default=os.environ.get("BUILD", os.path.join(ROOT, "build")))
    ap.add_argument("--initrd", help="RAM disk image (default: <build>/initrd.cpio)")
    ap.add_argument("--out", help="output folder (default: <build>/trace)")
    ap.add_argument("--smp", type=int, default=1)
    ap.add_argument("--categories", default="all")
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("prog", nargs="+")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    name = os.path.basename(args.prog[0])
    out = os.path.abspath(args.out or os.path.join(build, "trace"))
    os.makedirs(out, exist_ok=True)
    held = hold_images(build)  # noqa: F841 (the image stays while we run)
    log, log_lock = run_prog.open_log(build, name)  # noqa: F841
    stream = os.path.join(out, name + ".trace")
    m = boot_traced(build, args.prog, log, stream, args.categories, args.smp, args.initrd)
    try:
        end = run_prog.watch(m, name, args.timeout)
        m.wait_exit(5)  # QEMU has flushed the debug console once it is gone
    finally:
        m.close()
    code = run_prog.report(name, args.timeout, end)
    if end.kind in ("panic", "reset") or not os.path.exists(stream):
        return 1
    # A program still running at the deadline still has a trace: what was
    # drained until QEMU was stopped (at least every tick).
    tr = decode.load(stream)
    chrome, paths, errors = export(tr, out, name)
    for e in errors:
        print("trace: invalid JSON: " + e)
    print("trace: %d records, %d dropped%s; %d trace events -> %s" % (
        len(tr.events), tr.dropped, "" if tr.stop_lost is not None else " (cut at the deadline)",
        len(chrome["traceEvents"]), ", ".join(os.path.relpath(p) for p in paths)))
    return 1 if code or errors or not tr.events else 0


if __name__ == "__main__":
    sys.exit(main())
