#!/usr/bin/env python3
"""decode.py - read the kernel trace stream (what the kernel wrote to QEMU's
debugcon, port 0xE9) into Python records.

The stream is a sequence of 40-byte little-endian records, struct
trace_event of kern/trace/trace.h:
    u64 tsc, u32 tick, u16 type, u16 cpu, i32 tid, i32 task, u32 args[4]
The record types (TEV_*) and the thread states are read from the kernel's
own headers, and the system-call names from include/abi/, so the numbers
are written once, in C; format_json.py hands all of that (and the layout
below) to the playground's decoder (tools/trace/trace_chrome.js).

    python3 tools/trace/decode.py STREAM     prints one line per record
"""
import os
import re
import struct
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# The layout of struct trace_event, field by field (struct module codes).
FIELDS = (("tsc", "Q"), ("tick", "I"), ("type", "H"), ("cpu", "H"), ("tid", "i"), ("task", "i"),
          ("args", "16s"))
RECORD = struct.Struct("<" + "".join(code for _, code in FIELDS))
NAME_TYPES = ("BLOCK", "EXEC", "MARK", "THREAD")  # args hold a 16-character name
FAULT_OUTCOMES = ("resolved", "swexn", "killed")


def _read(rel):
    with open(os.path.join(ROOT, rel)) as f:
        return f.read()


def record_types():
    """{number: "SWITCH", ...} from enum trace_type in kern/trace/trace.h."""
    return {int(n): name for name, n in re.findall(r"\bTEV_(\w+) = (\d+)", _read("kern/trace/trace.h"))}


def thread_states():
    """["new", "running", ...] in the order of enum thread_state."""
    body = re.search(r"enum thread_state \{(.*?)\}", _read("kern/sched/thread.h"), re.S).group(1)
    return [s.lower() for s in re.findall(r"THREAD_(\w+)", body)]


def syscall_names():
    """{vector: "yield", ...} from include/abi/syscall_int.h and syscall_table.h."""
    vecs = {k: int(v, 16) for k, v in re.findall(r"#define (\w+_INT)\s+(0x[0-9A-Fa-f]+)",
                                                 _read("include/abi/syscall_int.h"))}
    table = re.findall(r"SYSCALL\((\w+),\s*(\w+),", _read("include/abi/syscall_table.h"))
    return {vecs[v]: name for v, name in table if v in vecs}


def signed(u):
    """A 32-bit argument as the int it was (a result)."""
    return struct.unpack("<i", struct.pack("<I", u & 0xffffffff))[0]


def fault_outcome(n):
    """enum trace_fault_outcome as a word."""
    return FAULT_OUTCOMES[n] if n < len(FAULT_OUTCOMES) else str(n)


def _cstr(raw):
    return raw.split(b"\0", 1)[0].decode("latin-1")


class Trace:
    """The records of a stream: .events (dicts, in stream order), .dropped
    (sum of the DROPPED records), .stop_lost (the sum of what the STOP
    records said was lost, None without one),
    .header (the last HEADER's args), .trailing (bytes of a cut record)."""

    def __init__(self, data):
        types = record_types()
        self.events, self.dropped, self.stop_lost, self.header, self.sessions = [], 0, None, None, 0
        usable = len(data) - len(data) % RECORD.size
        self.trailing = len(data) - usable
        for off in range(0, usable, RECORD.size):
            tsc, tick, typ, cpu, tid, task, raw = RECORD.unpack_from(data, off)
            args = list(struct.unpack("<4I", raw))
            e = {"type": types.get(typ, "type%d" % typ), "tsc": tsc, "tick": tick, "cpu": cpu,
                 "tid": tid, "task": task, "args": args}
            if e["type"] in NAME_TYPES:
                e["name"] = _cstr(raw)
            elif e["type"] == "WAKEUP":
                e["name"] = _cstr(raw[4:])
            self._note(e)
            self.events.append(e)

    def _note(self, e):
        if e["type"] == "HEADER":
            self.header, self.sessions = e["args"], self.sessions + 1
        elif e["type"] == "DROPPED":
            self.dropped += e["args"][0]
        elif e["type"] == "STOP":
            self.stop_lost = (self.stop_lost or 0) + e["args"][0]


def load(path):
    with open(path, "rb") as f:
        return Trace(f.read())


def describe(e, sysnames=None, states=None):
    """One line for a record, as a person reads it."""
    sysnames = sysnames if sysnames is not None else syscall_names()
    states = states if states is not None else thread_states()
    a, t = e["args"], e["type"]
    if t == "SWITCH":
        what = "%d -> %d (%s)" % (a[0], a[1], states[a[2]] if a[2] < len(states) else a[2])
    elif t in ("SYSCALL", "SYSRET"):
        val = "esi=0x%x" % a[1] if t == "SYSCALL" else "-> %d" % signed(a[1])
        what = "%s %s" % (sysnames.get(a[0], "0x%x" % a[0]), val)
    elif t == "FAULT":
        what = "cause %d addr 0x%x eip 0x%x: %s" % (a[0], a[1], a[2], fault_outcome(a[3]))
    elif t == "WAKEUP":
        what = "tid %d (%s)" % (a[0], e["name"])
    elif "name" in e:
        what = e["name"]
    else:
        what = " ".join(str(x) for x in a)
    return "%14d tick %6d cpu%d tid %3d task %3d %-8s %s" % (e["tsc"], e["tick"], e["cpu"], e["tid"],
                                                            e["task"], t, what)


def format_description():
    """Everything a decoder in another language needs, read from the same
    headers: the fields with their offsets and struct codes, the record
    types, thread states, system-call names and fault outcomes."""
    fields, off = [], 0
    for name, code in FIELDS:
        fields.append({"name": name, "offset": off, "code": code})
        off += struct.calcsize("<" + code)
    return {"record_size": RECORD.size, "fields": fields,
            "types": {str(n): t for n, t in sorted(record_types().items())},
            "states": thread_states(),
            "syscalls": {str(v): n for v, n in sorted(syscall_names().items())},
            "name_types": list(NAME_TYPES), "fault_outcomes": list(FAULT_OUTCOMES)}


def main(argv):
    if len(argv) != 1:
        print("usage: decode.py STREAM", file=sys.stderr)
        return 2
    tr = load(argv[0])
    sysnames, states = syscall_names(), thread_states()
    for e in tr.events:
        print(describe(e, sysnames, states))
    print("%d records, %d dropped, %d trailing bytes" % (len(tr.events), tr.dropped, tr.trailing))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
