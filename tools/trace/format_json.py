#!/usr/bin/env python3
"""format_json.py - the trace's record format and the Chrome document's
fixed track numbers as JSON, for the decoder and converter that run in the
playground's page (trace_chrome.js).  Everything comes from decode.py
(which reads the kernel's headers) and to_chrome.py, so the format is
stated once, in C, and the page is built from it (make playground).

    python3 tools/trace/format_json.py OUT.json
"""
import json
import sys

import decode
import to_chrome


def description():
    d = decode.format_description()
    d["cpu_pid"], d["kernel_pid"] = to_chrome.CPU_PID, to_chrome.KERNEL_PID
    return d


def main(argv):
    if len(argv) != 1:
        print("usage: format_json.py OUT.json", file=sys.stderr)
        return 2
    with open(argv[0], "w") as f:
        json.dump(description(), f, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
